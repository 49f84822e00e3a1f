"""The browser's index updated in place while serving (IndexMemo) equals the index built afresh, edit after edit,
and only the lists of the terms an edit touched are packed again. Each part's file is named by its content, as
the client finds it, so that an edit changes the files of the parts it changed and no other."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import replace

import pytest
from conftest import REPO

from sotay.loader import load_knowledge_base
from sotay.project import load_project
from sotay.search import browser
from sotay.search.browser import IndexMemo, browser_index, index_scripts, part_file, read_script
from sotay.search.entries import Entry, build_entries
from sotay.search.page import INDEX_SCRIPT
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
        fresh = browser_index(entries, CELLS, KINDS)
        assert kept == fresh
        assert index_scripts(kept) == index_scripts(fresh)  # the files, byte for byte: key order counts there
        if len(entries) == before:  # updated in place: only the touched lists are packed again
            assert again < lists / 3, again
        else:
            moved += 1
    assert 0 < moved < 25  # both paths were taken
    packed.clear()
    kept = browser_index(entries, CELLS, KINDS, memo)
    assert not packed, "nothing changed, yet lists were packed again"
    assert kept == browser_index(entries, CELLS, KINDS) and len(packed) > lists / 2  # a fresh build packs all


def test_each_part_is_stored_under_its_content_as_the_client_finds_it(shipped: list[Entry]) -> None:
    scripts = index_scripts(browser_index(shipped, CELLS, KINDS))
    head = read_script(scripts[INDEX_SCRIPT])
    files = set(scripts) - {INDEX_SCRIPT}
    names = sorted(path.rsplit("/", 1)[1].split(".")[0] for path in files)
    assert len(names) == len(files) > 10
    ours = {name: part_file(head, name) for name in names}
    assert {head["parts"] + file for file in ours.values()} == files
    script = ("const {partFile} = require('./search/client.js');"
              "const [head, names] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(names.map((n) => partFile(head, n))));")
    proc = subprocess.run([shutil.which("node") or "node", "-e", script], cwd=REPO, input=json.dumps([head, names]),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [ours[name] for name in names]
    # A title edited: the files of the parts holding it change, the others keep their names (and browsers' caches).
    edited = [replace(shipped[0], title=f"{shipped[0].title} hòa giải"), *shipped[1:]]
    again = set(index_scripts(browser_index(edited, CELLS, KINDS))) - {INDEX_SCRIPT}
    assert len(again) == len(files) and len(files - again) <= 5 and head["parts"] + ours["e0"] not in again
