"""A page's key (sotay.page_keys) holds all the page reads: after any edit, a page whose key stayed the
same is the very same Markdown; and the key is narrow enough that an edit to one document leaves most pages'
keys alone (while serving, those pages are not made again). The search entries kept by fingerprint, and the
index parts kept by content, equal fresh ones."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from conftest import REPO

from sotay.bench import generate
from sotay.changes import atom_feed, changes_page
from sotay.loader import load_knowledge_base
from sotay.memo import Memo
from sotay.open_data import open_data_files
from sotay.page_keys import Keys, Prints
from sotay.planner_page import planner_files, planner_page, year_plans
from sotay.project import Project, load_project
from sotay.province_page import provinces_page
from sotay.render import base_diagram_page, document_page, index_page, timeline_page
from sotay.search import entries as entries_module
from sotay.search.browser import browser_index, index_scripts
from sotay.search.entries import build_entries
from sotay.site import Linker, SiteModel, build_day
from sotay.srcs import (
    CATALOG_SRC,
    CHANGES_SRC,
    DIAGRAM_SRC,
    FEED_SRC,
    INDEX_SRC,
    PLANNER_SRC,
    PROVINCES_SRC,
    TIMELINE_SRC,
    document_src,
)
from sotay.topic_pages import catalog_page, landing_pages, topic_page

Step = tuple[str, Callable[[Path], None]]


DAY = dt.date(2026, 12, 4)  # SOURCE_DATE_EPOCH's day (the fixture sets it): the planner's Word files carry it


def pages(project: Project, records: Memo, prints: Prints) -> dict[str, tuple[str, str]]:
    """Every document and topic page of the base and the pages listing documents: its key and what is made.
    The open data made with the records kept since the last step equals the open data made afresh, and so do
    the keys made with the fingerprints kept."""
    result = load_knowledge_base(project)
    site = SiteModel(result, project)
    linker, keys = Linker(site), Keys(site, result.citations)
    kept = Keys(site, result.citations, prints)
    assert (kept.prints, kept.bare, kept.listings) == (keys.prints, keys.bare, keys.listings)
    made = {document_src(d): (keys.document(d), document_page(d, site, linker)) for d in site.documents}
    made |= {t.src: (keys.topic(t), topic_page(t, linker)) for t in site.topics}
    listings = {INDEX_SRC: index_page(site, linker), TIMELINE_SRC: timeline_page(site, linker),
                DIAGRAM_SRC: base_diagram_page(site, linker), CHANGES_SRC: changes_page(site, linker),
                PROVINCES_SRC: provinces_page(site), FEED_SRC: atom_feed(site)}
    made |= {src: (keys.listings, content) for src, content in listings.items()}
    data = open_data_files(site, result, records, keys.prints)
    assert data == open_data_files(site, result), "the open data made with kept records differs"
    made[CATALOG_SRC] = (keys.topic_listings, catalog_page(site, site.topics, linker))
    made |= {src: (keys.topic_listings, content) for src, content in landing_pages(site.topics, linker).items()}
    plans = year_plans(site.topics, 2026)
    made[PLANNER_SRC] = (keys.planner(plans, DAY), planner_page(plans, site.topics, linker, 2026)
                         + repr(planner_files(plans)))
    return made


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        file = root / path
        text = file.read_text("utf-8")
        assert old in text, f"{old!r} is not in {path}"
        file.write_text(text.replace(old, new, 1), "utf-8")
    return edit


def write_copy(path: str, changes: dict[str, str], to: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        text = (root / path).read_text("utf-8")
        for old, new in changes.items():
            assert old in text, f"{old!r} is not in {path}"
            text = text.replace(old, new, 1)
        (root / to).write_text(text, "utf-8")
    return edit


def write(path: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / path).write_text(text, "utf-8")
    return edit


def check_steps(root: Path, steps: list[Step]) -> list[tuple[str, int, int]]:
    """Run the edits; after each, every page with an unchanged key must be unchanged. (what, keys changed, pages)"""
    project = load_project(root / "mkdocs.yml")
    records, prints = Memo(), cast(Prints, {})
    before = pages(project, records, prints)
    counts = []
    for what, step in steps:
        step(root)
        after = pages(project, records, prints)
        stale = [src for src, (key, markdown) in after.items()
                 if src in before and before[src][0] == key and before[src][1] != markdown]
        assert not stale, f"{what}: the key of {stale[0]} stayed the same, its page did not"
        moved = sum(1 for src, (key, _md) in after.items() if src not in before or before[src][0] != key)
        differ = sum(1 for src, (_key, md) in after.items() if src not in before or before[src][1] != md)
        assert differ >= 1, f"{what}: no page changed, so the step tests nothing"
        counts.append((what, moved, len(after)))
        before = after
    return counts


CT10 = "directives/trung-uong/chi-thi-10-ct-tw.md"
KL18 = "directives/trung-uong/ket-luan-18-kl-tw.md"
CT50 = "directives/trung-uong/chi-thi-50-ct-tw.md"
CT05 = "directives/trung-uong/chi-thi-05-ct-tw.md"
CT99 = "directives/trung-uong/chi-thi-99-ct-tw.md"
PLAN = "directives/dia-phuong/hoa-binh/ke-hoach-121-kh-tu.md"
NEWER = """---
id: chi-thi-99-ct-tw
number: 99-CT/TW
type: chi-thi
title: Về một chỉ thị để thử
issuer: Ban Bí thư Trung ương Đảng
issued: 2026-10-01
scope: trung-uong
status: con-hieu-luc
relations:
  - type: continues
    target: 50-CT/TW
sources:
  - publication: Báo Thử nghiệm
    title: Bài thử nghiệm
---

Chỉ thị thử nghiệm, nhắc lại [[10-CT/TW#vi-tri]] và Kết luận 18-KL/TW.

## Nội dung {#noi-dung}

Một đoạn.
"""


EPOCH = int(dt.datetime(DAY.year, DAY.month, DAY.day, tzinfo=dt.UTC).timestamp())


@pytest.fixture(autouse=True)
def build_day_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    for name in ("directives", "docs"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_shipped_base_pages_follow_their_keys(shipped: Path) -> None:
    topic = sorted((shipped / "docs" / "chu-de").glob("*.md"))[0].relative_to(shipped).as_posix()
    steps: list[Step] = [
        ("a title others show", replace(CT10, "title: Về nâng cao", "title: Về tiếp tục nâng cao")),
        ("a body", replace(CT10, "## Vị trí trong hệ thống", "Thêm một câu.\n\n## Vị trí trong hệ thống")),
        ("a provision heading others cite", replace(CT10, "## Vị trí trong hệ thống văn bản {#vi-tri}",
                                                    "## Vị trí của chỉ thị {#vi-tri}")),
        ("a relation left unverified", replace(KL18, "    target: 10-CT/TW\n",
                                               "    target: 10-CT/TW\n    unverified: true\n")),
        ("a citation added", replace(KL18, "\n## ", "\nXem [[05-CT/TW@2016]]; Chỉ thị 05-CT/TW nói rõ.\n\n## ")),
        # The mention by number alone stops being a link, while the same document is still linked above it.
        ("another document of that number", write_copy(CT05, {"id: chi-thi-05-ct-tw-2016": "id: chi-thi-05-ct-tw-2026",
                                                               "issued: 2016-05-15": "issued: 2026-01-15"},
                                                       "directives/trung-uong/chi-thi-05-ct-tw-2026.md")),
        ("a provision the planner links to", replace(CT50, "{#ngay-sinh-hoat}", "{#ngay-hop}")),
        ("an implementing plan's title", replace(PLAN, "title: Về việc thực hiện", "title: Về thực hiện")),
        ("a newer document", write(CT99, NEWER)),
        ("a status down the chain", replace(CT50, "status: con-hieu-luc", "status: da-co-van-ban-moi")),
        ("a status two steps down the chain", replace(CT99, "status: con-hieu-luc", "status: het-hieu-luc")),
        ("a topic's title", replace(topic, "title: ", "title: Bàn về ")),
        ("a shared source", replace("directives/nguon.yml", "title: Bản tin về Kế hoạch số 121",
                                    "title: Tin về Kế hoạch số 121")),
        ("a document removed", lambda root: (root / CT05).unlink()),
    ]
    counts = check_steps(shipped, steps)
    moved, total = counts[1][1], counts[1][2]
    assert moved < total / 2, f"a body edit changed {moved} of {total} keys: the keys are too wide to save work"


def test_generated_base_pages_follow_their_keys(tmp_path: Path) -> None:
    generate(tmp_path, 150)
    # A topic, the provision it rests on, and a document its text cites that it does not rest on.
    result = load_knowledge_base(load_project(tmp_path / "mkdocs.yml"))
    by_id = result.kb.by_id()
    topic = next(t for t in result.topics if t.basis[0].anchor
                 and any(c.path == t.path and c.target not in {b.target for b in t.basis} for c in result.citations))
    rests_on = by_id[topic.basis[0].target]
    provision = next(p for p in rests_on.provisions if p.anchor == topic.basis[0].anchor)
    cited = next(by_id[c.target] for c in result.citations
                 if c.path == topic.path and c.target not in {b.target for b in topic.basis})
    counts = check_steps(tmp_path, [
        ("a title", replace("directives/van-ban-0.md", "title: Về nâng cao", "title: Bản sửa về nâng cao")),
        ("a body", replace("directives/van-ban-7.md", "\n## ", "\nMột câu thêm.\n\n## ")),
        ("a topic", replace("docs/chu-de/chu-de-3.md", "title: ", "title: Bàn về ")),
        ("the provision a topic rests on", replace(rests_on.path, f"## {provision.title} {{#{provision.anchor}}}",
                                                   f"## {provision.title} đã sửa {{#{provision.anchor}}}")),
        ("a document a topic cites", replace(cited.path, "title: ", "title: Bản mới, ")),
        # The planner's note on meeting days links to this provision of 50-CT/TW once the base has it.
        ("the provision the planner links to", replace("directives/van-ban-50.md", "\n## ",
                                                       "\n## Ngày sinh hoạt {#ngay-sinh-hoat}\n\nMột đoạn.\n\n## ")),
    ])
    for what, moved, total in counts:
        assert moved <= total // 4, f"{what} changed {moved} of {total} keys"
    assert "50-CT/TW" in (tmp_path / "directives" / "van-ban-50.md").read_text("utf-8")


def test_search_entries_and_index_parts_kept_while_serving_equal_fresh_ones(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The search plugin keeps each document's entries (by its fingerprint) and each part's JSON between rebuilds:
    what it gives after an edit equals what a fresh build gives, and only the edited document is split again."""
    generate(tmp_path, 80)
    project = load_project(tmp_path / "mkdocs.yml")
    made: list[str] = []
    plain = entries_module.document_entries
    monkeypatch.setattr(entries_module, "document_entries",
                        lambda doc, *args: made.append(doc.id) or plain(doc, *args))
    kept_entries = Memo()
    kept_parts: dict[str, tuple[object, str]] = {}

    def scripts(kept: bool) -> tuple[list[entries_module.Entry], dict[str, str]]:
        result = load_knowledge_base(project)
        entries = build_entries(result, SiteModel(result, project), memo=kept_entries if kept else None)
        index = browser_index(entries, {}, {}, None)
        return entries, index_scripts(index, memo=kept_parts if kept else None)

    assert scripts(kept=True) == scripts(kept=False)
    replace("directives/van-ban-5.md", "title: Về nâng cao", "title: Bản sửa về nâng cao")(tmp_path)
    made.clear()
    after = scripts(kept=True)
    assert made == ["van-ban-5"], "only the edited document is split into entries again"
    assert after == scripts(kept=False)
    # A topic's text and its summary: its page's entry follows (pages are kept by what they read).
    topic = sorted((tmp_path / "docs" / "chu-de").glob("chu-de-*.md"))[0]
    topic.write_text(topic.read_text("utf-8").rstrip() + "\n\nĐoạn thêm về hòa giải ở cơ sở.\n", "utf-8")
    assert scripts(kept=True) == scripts(kept=False)
    replace(f"docs/chu-de/{topic.name}", "summary: ", "summary: Bản sửa. ")(tmp_path)
    assert scripts(kept=True) == scripts(kept=False)
    loaded = load_knowledge_base(project)
    assert sum(kept_entries.last) == len(loaded.kb.documents) + len(loaded.pages) - len(loaded.checklists) - len(
        loaded.templates) - len(loaded.courses) - len(loaded.criteria)  # each document and page kept, once


def test_the_planners_key_follows_the_day_its_word_files_carry(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A serve that runs past midnight makes the planner's Word files again: they carry the day of the build."""
    project = load_project(shipped / "mkdocs.yml")
    result = load_knowledge_base(project)
    site = SiteModel(result, project)
    keys, plans = Keys(site, result.citations), year_plans(site.topics, 2026)
    made = []
    for epoch in (EPOCH, EPOCH + 86_400):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        made.append((keys.planner(plans, build_day()), planner_files(plans)))
    (key, files), (next_key, next_files) = made
    assert files != next_files and key != next_key
