"""Relative links in the editors' pages: `check` finds what the strict build would refuse, at its line, and
nothing the build accepts; the list of pages the plugin adds is the list the site really has."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import MKDOCS_YML, REPO, document, load, problems_of

from sotay.loader import load_knowledge_base, markdown_files
from sotay.problems import Problems
from sotay.project import load_project
from sotay.srcs import page_srcs

# admonition joins the fixture's extensions (a second markdown_extensions key would replace them)
STRICT = "strict: true\nvalidation:\n  anchors: warn\n"
MKDOCS_YML = MKDOCS_YML.replace("  - attr_list\n", "  - attr_list\n  - admonition\n")

GOOD = """\
# Hướng dẫn

!!! note "Ghi chú"

    ## Trong khung ghi chú

## Mục

## Mục

## Tự đặt neo {#neo-rieng}

<a id="neo-html"></a>

[a](#muc) [b](#muc_1) [c](#trong-khung-ghi-chu) [d](#neo-rieng) [e](#neo-html) [f](khac.md#phan-hai)
[g](../chu-de/index.md) [h](../van-ban/index.md) [i](../tim-kiem.md) [k](../chu-de/) [l](https://x.vn/a.md)
[m](khac.md "tiêu đề") [n](<khac.md>) [o](../assets/sotay/sotay.css) ![ảnh](anh.png) [p](khac.md?x=1)
[q](../van-ban/thay-doi.xml)

```
[trong mã](khong-co.md)
```

Ví dụ cách viết liên kết, thụt lề bốn dấu cách thành khối mã:

    [ví dụ](khong-co.md)

`[mã dòng](khong-co.md)`
"""

BAD = {  # line -> the words its error must carry
    3: "trỏ tới trang không có trên trang web ('huong-dan/khong-co.md', tính từ thư mục của trang này)",
    4: "('van-ban/khong-co.md',",
    5: "trang này không có mục nào mang neo '#khong-co'",
    6: "trang 'huong-dan/khac.md' không có mục nào mang neo '#phan-ba' (có phải là 'phan-hai'?)",
    7: "trỏ tới tệp không có trên trang web ('huong-dan/anh-khac.png',",
    8: "trỏ ra ngoài thư mục trang web",
    9: "('huong-dan/khong co.md',",
}
BAD_PAGE = """\
# Trang hỏng

[a](khong-co.md)
[b](../van-ban/khong-co.md)
[c](#khong-co)
[d](khac.md#phan-ba)
![e](anh-khac.png)
[f](../../ngoai.md)
[g](khong%20co.md)
"""
OTHER = "# Trang khác\n\n## Phần hai\n"


def _files(page: str) -> dict[str, str]:
    return {"docs/huong-dan/index.md": page, "docs/huong-dan/khac.md": OTHER, "docs/tim-kiem.md": "# Tìm\n",
            "directives/chi-thi-10-ct-tw.md": document()}


def _write(root: Path, files: dict[str, str], config: str) -> Path:
    for name, content in {"docs/index.md": "# Trang chủ\n", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def _run(root: Path, *module: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *module], cwd=root, capture_output=True, text=True, timeout=300)


def test_links_a_strict_build_accepts_pass_check(tmp_path: Path) -> None:
    root = _write(tmp_path / "good", _files(GOOD), MKDOCS_YML + STRICT)
    (root / "docs/huong-dan/anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert problems_of(root) == []
    proc = _run(root, "sotay.cli", "build")
    assert proc.returncode == 0, proc.stderr
    assert 'id="trong-khung-ghi-chu"' in (root / "site/huong-dan/index.html").read_text("utf-8")


def test_each_broken_link_is_reported_at_its_line(tmp_path: Path) -> None:
    root = _write(tmp_path / "bad", _files(BAD_PAGE), MKDOCS_YML)
    found = problems_of(root)
    assert len(found) == len(BAD), found
    for line, words in BAD.items():
        assert any(p.startswith(f"docs/huong-dan/index.md:{line}: error: ") and words in p for p in found), \
            (line, words, found)
    proc = _run(root, "sotay.cli", "build")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "docs/huong-dan/index.md:3: error: " in proc.stderr  # the build refuses with the same words


def test_check_and_mkdocs_find_the_same_broken_links(tmp_path: Path) -> None:
    """The plain pages alone, built by MkDocs without sotay: the links it warns of are the ones check reports."""
    root = _write(tmp_path / "plain", {"docs/huong-dan/index.md": BAD_PAGE, "docs/huong-dan/khac.md": OTHER},
                  "site_name: x\nvalidation:\n  anchors: warn\nmarkdown_extensions:\n"
                  "  - toc:\n      slugify: !!python/name:sotay.text.slugify\n")
    proc = _run(root, "mkdocs", "build")
    warned = set(re.findall(r"contains a link '([^']+)'", proc.stderr))
    ours = set(re.findall(r"liên kết '([^']+)'", "\n".join(problems_of(root))))
    assert warned and warned == ours, (warned, ours)


def test_the_plugin_adds_exactly_the_pages_check_knows(shipped_site: Path) -> None:
    """Every page of the built site is an editor's page, the search page or one page_srcs lists, and every
    page it lists is built: check's list of pages cannot drift from the plugin's."""
    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    assert not result.problems
    editors = {p.relative_to(project.docs_dir).as_posix() for p in markdown_files(project.docs_dir, project,
                                                                                    Problems())}
    made = page_srcs(result.kb.documents, result.topics, result.courses)
    assert project.search_page and not made & editors
    pages = {src for src in made if src.endswith(".md")}
    expected = {src[:-3] + ".html" for src in pages | editors | {project.search_page}}
    built = {p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*.html")} - {"404.html"}
    assert built == expected, (sorted(built - expected)[:5], sorted(expected - built)[:5])
    assert made - pages and all((shipped_site / src).is_file() for src in made - pages)  # the feed, as a file


def test_a_link_into_the_search_page_follows_the_configured_name(tmp_path: Path) -> None:
    root = _write(tmp_path / "search", {"docs/index.md": "# Trang chủ\n\n[tìm](tra-cuu.md)\n",
                                            "directives/chi-thi-10-ct-tw.md": document()}, MKDOCS_YML)
    assert any("('tra-cuu.md'," in p for p in problems_of(root))
    config = MKDOCS_YML.replace("  - sotay\n", "  - sotay\n  - sotay-search:\n      page: tra-cuu.md\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert load(root).problems.sorted() == []
