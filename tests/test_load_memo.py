"""A load that keeps the last load's per-file results (`sotay serve`) gives what a fresh load gives, after any edit.

The shipped base is copied and edited step by step: a title, a heading that other texts can link to, a broken
and then mended front matter, a shared source, a removed and a duplicated document, a topic, a file that is not
UTF-8. After every step the kept load and a fresh one must agree on every document, page, structured item,
citation, missing document and problem; and the kept load must have parsed again only what changed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from conftest import REPO

from sotay.loader import LoadResult, load_knowledge_base
from sotay.memo import Memo
from sotay.project import Project, load_project

DOC = "directives/trung-uong/chi-thi-10-ct-tw.md"
QD213, QD76 = "directives/trung-uong/quy-dinh-213-qd-tw.md", "directives/trung-uong/quy-dinh-76-qd-tw.md"


def dump(result: LoadResult) -> dict[str, str]:
    """Everything a load gives, as text (the resolver by what it indexes)."""
    resolver = result.resolver
    return {
        "documents": repr(result.kb.documents),
        "resolver": repr((resolver.by_id, resolver.by_number, sorted(resolver.bare))),
        "problems": "\n".join(map(str, result.problems.sorted())),
        "missing": repr(result.missing),
        "citations": repr(result.citations),
        "pages": repr(result.pages),
        "structured": repr((result.topics, result.checklists, result.templates, result.criteria, result.courses)),
    }


@pytest.fixture
def shipped(tmp_path: Path) -> Project:
    for name in ("directives", "docs"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return load_project(tmp_path / "mkdocs.yml")


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text("utf-8")
    changed = change(text)
    assert changed != text, f"the edit changed nothing in {path.name}"
    path.write_text(changed, "utf-8")


def written_on_the_older(root: Path) -> None:
    """Quy định 213 replaces 76, said on 76 ('replaced_by'): checking the base moves it onto 213."""
    edit(root / QD213, lambda t: t.replace("relations:\n  - type: replaces\n    target: 76-QĐ/TW@2000\n", "", 1))
    edit(root / QD76, lambda t: t.replace("\nsources:", "\nrelations:\n  - type: replaced_by\n"
                                          "    target: 213-QĐ/TW\nsources:", 1))


def test_kept_results_equal_a_fresh_load_after_each_edit(shipped: Project) -> None:
    root = shipped.root
    doc, topic, page = root / DOC, sorted((root / "docs" / "chu-de").glob("*.md"))[0], root / "docs" / "index.md"
    # What is done, and at most how many steps run again (a topic's page: read, front matter, the topic, links).
    steps: list[tuple[str, Callable[[], None], int]] = [
        ("a title", lambda: edit(doc, lambda t: t.replace("title: Về nâng cao", "title: Về tiếp tục nâng cao", 1)),
         1),
        ("a heading others link to", lambda: edit(doc, lambda t: t.replace(
            "## Vị trí trong hệ thống văn bản {#vi-tri}", "## Mục mới {#muc-moi}\n\nMột đoạn.\n\n"
            "## Vị trí trong hệ thống văn bản {#vi-tri}", 1)), 10_000),
        ("a broken front matter", lambda: edit(doc, lambda t: t.replace("term: X\n", "term: [X\n", 1)), 10_000),
        ("the same front matter mended", lambda: edit(doc, lambda t: t.replace("term: [X\n", "term: X\n", 1)),
         10_000),
        ("a shared source's title", lambda: edit(root / "directives" / "nguon.yml", lambda t: t.replace(
            "title: Bản tin về Kế hoạch số 121", "title: Tin về Kế hoạch số 121", 1)), 10_000),
        ("a topic's title", lambda: edit(topic, lambda t: t.replace("title: ", "title: Bàn về ", 1)), 4),
        ("a script in a page of the site", lambda: edit(page, lambda t: f"{t}\n<script>alert(1)</script>\n"), 3),
        ("another file: the page's problem is kept", lambda: edit(doc, lambda t: t.replace(
            "title: Về tiếp tục nâng cao", "title: Về nâng cao", 1)), 1),
        ("a replacement written on the older document", partial(written_on_the_older, root), 10_000),
        ("a document removed", lambda: (root / "directives" / "trung-uong" / "chi-thi-05-ct-tw.md").unlink(),
         10_000),
        ("a document given twice", lambda: shutil.copy(doc, doc.with_name("ban-sao.md")), 10_000),
        ("a file that is not UTF-8", lambda: topic.write_bytes(topic.read_bytes() + b"\n\xff\n"), 1),
    ]
    memo = Memo()
    assert dump(load_knowledge_base(shipped, memo)) == dump(load_knowledge_base(shipped))
    first_hits, first_misses = memo.last
    assert first_hits == 0 and first_misses > 100
    # Checking the base fills in each document's relations: a kept document must come out as it was read.
    assert dump(load_knowledge_base(shipped, memo)) == dump(load_knowledge_base(shipped))
    assert memo.last[1] == 0, "nothing changed, yet steps ran again"
    for what, step, most in steps:
        step()
        kept = load_knowledge_base(shipped, memo)
        assert dump(kept) == dump(load_knowledge_base(shipped)), what
        hits, misses = memo.last
        assert 1 <= misses <= most and hits > 0, (what, memo.last)
    assert "ban-sao.md" in dump(kept)["problems"] and "0xff" in dump(kept)["problems"]
    assert "docs/index.md" in dump(kept)["problems"] and "<script>" in dump(kept)["problems"]

