"""The browser's index updated in place while serving (IndexMemo) equals the index built afresh, edit after edit,
and only the lists of the terms an edit touched are packed again."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from conftest import REPO

from sotay.loader import load_knowledge_base
from sotay.project import load_project
from sotay.search import browser
from sotay.search.browser import IndexMemo, browser_index
from sotay.search.entries import Entry, build_entries
from sotay.site import SiteModel

CELLS, KINDS = {"nong-thon": "Nông thôn"}, {"document": "Văn bản", "topic": "Chủ đề"}


@pytest.fixture(scope="module")
def shipped() -> list[Entry]:
    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    return build_entries(result, SiteModel(result, project))


def edited(entries: list[Entry], rng: random.Random) -> list[Entry]:
    """A few entries changed as editors change them: a title, a sentence, a text taken from another entry, a
    number; now and then an entry removed or added, which moves the numbers after it."""
    out = list(entries)
    for _ in range(rng.randint(1, 4)):
        n = rng.randrange(len(out))
        entry, other = out[n], out[rng.randrange(len(out))]
        change = rng.choice(["title", "sentence", "text", "number", "same"])
        if change == "title":
            out[n] = replace(entry, title=f"{entry.title} sửa đổi lần {rng.randint(1, 9)}")
        elif change == "sentence":
            out[n] = replace(entry, text=f"{entry.text} Chi bộ họp bàn về đảng phí và nêu gương.")
        elif change == "text":
            out[n] = replace(entry, text=other.text)
        elif change == "number":
            out[n] = replace(entry, number=f"{rng.randint(1, 300)}-KL/TW")
    if rng.random() < 0.2:
        del out[rng.randrange(len(out))]
    elif rng.random() < 0.2:
        out.insert(rng.randrange(len(out)), replace(out[0], id="moi", title="Mục mới về hòa giải"))
    return out


def test_updated_index_equals_a_fresh_one_after_each_edit(shipped: list[Entry],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    packed: list[int] = []
    plain = browser.pack_gaps
    monkeypatch.setattr(browser, "pack_gaps", lambda numbers, step=1: packed.append(1) or plain(numbers, step))
    rng = random.Random(2026)
    memo = IndexMemo()
    entries = shipped
    assert browser_index(entries, CELLS, KINDS, memo) == browser_index(entries, CELLS, KINDS)
    lists = sum(len(found) for found in memo.lists.values())
    moved = 0
    for _ in range(25):
        before = len(entries)
        entries = edited(entries, rng)
        packed.clear()
        kept = browser_index(entries, CELLS, KINDS, memo)
        again = len(packed)
        assert kept == browser_index(entries, CELLS, KINDS)
        if len(entries) == before:  # updated in place: only the touched lists are packed again
            assert again < lists / 3, again
        else:
            moved += 1
    assert 0 < moved < 25  # both paths were taken
    packed.clear()
    kept = browser_index(entries, CELLS, KINDS, memo)
    assert not packed, "nothing changed, yet lists were packed again"
    assert kept == browser_index(entries, CELLS, KINDS) and len(packed) > lists / 2  # a fresh build packs all
