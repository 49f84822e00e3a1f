"""`sotay generate`: the site as plain Markdown, built the same by MkDocs, ProperDocs and Zensical."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MKDOCS_YML, SHIPPED_DAY, shipped_config

_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"')
_SCRIPT = re.compile(r'<script src="([^"]*assets/sotay/[^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
BUILDERS = {
    "mkdocs": ["-m", "mkdocs", "build", "-q"],
    "properdocs": ["-m", "properdocs", "build", "-q"],
    "zensical": ["-m", "zensical", "build"],
}


def _run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SHIPPED_DAY, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped base (for file://, as the shipped_site fixture) written as plain Markdown."""
    root = tmp_path_factory.mktemp("generate")
    config = shipped_config(root)
    proc = _run(["-m", "sotay.cli", "generate", "-f", str(config), "-o", str(root / "plain")])
    assert proc.returncode == 0, proc.stderr
    assert "trang Markdown" in proc.stdout
    return root / "plain"


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_every_builder_makes_the_same_pages_from_the_plain_folder(builder: str, generated: Path,
                                                                   shipped_site: Path, tmp_path: Path) -> None:
    config = generated / "mkdocs.yml"  # strict, with anchors validated: every link and anchor must resolve
    if builder == "zensical":  # no --site-dir option: it builds into the folder's site/
        site = generated / "site"
        proc = _run([*BUILDERS[builder], "-f", str(config)], cwd=generated)
    else:
        site = tmp_path / "site"
        proc = _run([*BUILDERS[builder], "-f", str(config), "-d", str(site)], cwd=generated)
    assert proc.returncode == 0, proc.stderr[-3000:]
    ours, theirs = _pages(shipped_site), _pages(site)
    assert sorted(theirs) == sorted(ours)
    for name, page in ours.items():
        assert _HEADING.findall(theirs[name]) == _HEADING.findall(page), name  # every anchor stays where it was
        # and every page loads its scripts; the error page from the root (a plain build cannot make its links
        # relative for file://, the plugin does)
        scripts = [[posixpath.normpath(s) if name != "404.html" else s.rsplit("/", 1)[1] for s in _SCRIPT.findall(html)]
                   for html in (theirs[name], page)]
        assert sorted(scripts[0]) == sorted(scripts[1]), name
        own = [[s for s in listed if not s.endswith(("/config.js", "/box.js"))] for listed in scripts]
        assert own[0] == own[1], name  # in the same order: sotay.js before the scripts that use it
        if not (builder == "zensical" and name == "index.html"):  # Zensical names the home page after its nav entry
            assert _TITLE.findall(theirs[name]) == _TITLE.findall(page), name


def test_the_plain_folder_names_no_sotay_plugin_and_no_python(generated: Path) -> None:
    text = (generated / "mkdocs.yml").read_text("utf-8")
    config = yaml.safe_load(text)  # no !!python tags, no !ENV: any builder reads it
    assert config["plugins"] == []
    assert "sotay" not in str(config["markdown_extensions"])
    assert config["extra_javascript"] == ["assets/sotay/config.js", "assets/sotay/box.js"]
    assert "/van-ban/chi-thi-10-ct-tw.md" in config["not_in_nav"].split()
    docs = generated / "docs"
    page = (docs / "van-ban" / "chi-thi-10-ct-tw.md").read_text("utf-8")
    assert re.search(r"^## .+ \{#[a-z0-9-]+\}$", page, re.MULTILINE)  # headings carry their anchors
    planner = (docs / "chu-de" / "ke-hoach-nam.md").read_text("utf-8")
    assert planner.rstrip().endswith('<script src="../assets/sotay/planner.js"></script>')
    assert '<form class="sotay-sbox sotay-sbox--page"' in (docs / "index.md").read_text("utf-8")  # boxes filled
    for made in ("assets/sotay/search-index.js", "assets/sotay/sotay.css", "assets/sotay/planner.js"):
        assert (docs / made).is_file(), made
    assert len(list((docs / "assets" / "sotay").rglob("*.docx"))) >= 5  # the templates and the year plans


def _small_project(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Trang chủ\n\n## Đảng viên mới\n", encoding="utf-8")
    (root / "directives").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root / "mkdocs.yml"


def _generate(config: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from sotay.cli import main

    code = main(["generate", "-q", "-f", str(config), "-o", str(target)])
    return code, capsys.readouterr().err


def test_generate_refuses_the_project_and_foreign_folders(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    config = _small_project(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("của tôi", encoding="utf-8")
    (tmp_path / "link").symlink_to(root / "docs")
    (tmp_path / "a-file.txt").write_text("ghi chú", encoding="utf-8")
    refusals = {root: "là thư mục gốc", root / "docs": "là thư mục nguồn docs/", tmp_path: "chứa thư mục gốc",
                root / "docs" / "out": "nằm trong thư mục nguồn", root / "directives" / "x": "nằm trong thư mục nguồn",
                tmp_path / "link": "là thư mục nguồn docs/", root / "mkdocs.yml": "là tệp cấu hình",
                tmp_path / "a-file.txt": "là một tệp",
                foreign: "không do sotay generate tạo ra"}
    for target, reason in refusals.items():
        code, err = _generate(config, target, capsys)
        assert code == 1 and reason in err and "Traceback" not in err, (target, err)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    assert (foreign / "notes.txt").read_text("utf-8") == "của tôi"
    assert not list(tmp_path.glob(".*.new-*"))  # nothing half-written left beside them


def test_generate_replaces_only_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _small_project(tmp_path / "p")
    out = tmp_path / "p" / "plain"  # inside the project, beside docs/: allowed, and again on the next run
    assert _generate(config, out, capsys)[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask  # readable as any new folder, not the owner's only
    (out / "site").mkdir()  # a build of the folder inside it is expected
    (out / "site" / "index.html").write_text("x", encoding="utf-8")
    assert _generate(config, out, capsys)[0] == 0
    assert (out / "docs" / "index.md").read_text("utf-8").startswith("# Trang chủ")
    (out / "docs" / "them.md").write_text("# của người dùng\n", encoding="utf-8")
    code, err = _generate(config, out, capsys)
    assert code == 1 and "docs/them.md (tệp thêm vào)" in err
    assert (out / "docs" / "them.md").is_file()
    (out / "docs" / "them.md").unlink()
    (out / "mkdocs.yml").write_text("site_name: Của tôi\n", encoding="utf-8")
    code, err = _generate(config, out, capsys)
    assert code == 1 and "mkdocs.yml (đã sửa)" in err
    assert (out / "mkdocs.yml").read_text("utf-8") == "site_name: Của tôi\n"


def test_the_plain_config_carries_overrides_and_hooks_and_refuses_what_it_cannot(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _small_project(tmp_path / "p")
    root = config.parent
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    (root / "hook.py").write_text("def on_config(config):\n    return config\n", encoding="utf-8")
    text = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n") + "hooks:\n  - hook.py\n"
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert _generate(config, out, capsys)[0] == 0
    plain = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8"))
    assert plain["theme"]["custom_dir"] == "overrides" and (out / "overrides" / "main.html").is_file()
    assert plain["hooks"] == ["hooks/hook.py"] and (out / "hooks" / "hook.py").is_file()
    built = _run(["-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")], cwd=out)
    assert built.returncode == 0, built.stderr
    fences = ("  - attr_list\n  - pymdownx.superfences:\n      custom_fences:\n        - name: x\n          class: x\n"
              "          format: !!python/name:pymdownx.superfences.fence_code_format\n")
    config.write_text(text.replace("  - attr_list\n", fences), encoding="utf-8")
    code, err = _generate(config, tmp_path / "out2", capsys)
    assert code == 1 and "pymdownx.superfences" in err and not (tmp_path / "out2").exists()


def test_heading_ids_follow_the_built_page_and_skip_html_headings() -> None:
    from sotay.plugins.generate import with_heading_ids

    markdown = ("# Tên\n\n<h2 id=\"khac\">Khác</h2>\n\n```\n## không phải tiêu đề\n```\n\n"
                "## Điều [1](x.md)\n## Đặt sẵn {#x}\n")
    output = ('<h1 id="ten">Tên</h1><h2 id="khac">Khác</h2><h2 id="dieu-1">Điều <a href="x/">1</a>'
              '<a class="headerlink" href="#dieu-1">¶</a></h2><h2 id="x">Đặt sẵn</h2>')
    assert with_heading_ids(markdown, output).split("\n") == [
        "# Tên {#ten}", "", '<h2 id="khac">Khác</h2>', "", "```", "## không phải tiêu đề", "```", "",
        "## Điều [1](x.md) {#dieu-1}", "## Đặt sẵn {#x}", ""]


def test_every_kind_of_heading_keeps_its_anchor_in_a_plain_build() -> None:
    """Indented (in a call-out), underlined, with braces in its text, with a class of its own: Python-Markdown
    without sotay's slugify gives each the anchor sotay's build gave it."""
    import markdown

    from sotay.plugins.generate import with_heading_ids
    from sotay.text import slugify

    source = ("# Tên\n\n!!! note \"Ghi chú\"\n\n    ## Đảng viên mới\n\nTiêu đề Đảng\n------------\n\n"
              "## Điều {1} mới\n\n## Lớp riêng {.rieng}\n\n## Đặt sẵn {#x}\n\n- mục\n---\n")
    extensions = ["attr_list", "admonition", "toc"]
    ours = markdown.Markdown(extensions=extensions, extension_configs={"toc": {"slugify": slugify}}).convert(source)
    plain = markdown.Markdown(extensions=extensions).convert(with_heading_ids(source, ours))
    assert _HEADING.findall(plain) == _HEADING.findall(ours)
    assert len(_HEADING.findall(ours)) == 7
    assert "{1}" in plain and "\\{" not in plain and "{#" not in plain  # the braces show as written, once
