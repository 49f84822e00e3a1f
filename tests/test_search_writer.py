"""The fast Whoosh indexing (CombinedField, search.writer) writes what Whoosh's own writer and analysis write."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO
from whoosh import index as windex
from whoosh.fields import TEXT
from whoosh.writing import SegmentWriter

from sotay.loader import load_knowledge_base
from sotay.project import load_project
from sotay.search.engine import PART, CombinedTokenizer, _add, build_index, schema, search
from sotay.search.entries import Entry, build_entries
from sotay.search.writer import TermPool, Writer
from sotay.site import SiteModel

SAID = ("chi bộ sinh hoạt đảng viên nghị quyết kiểm điểm phê bình nêu gương cấp ủy bí thư chuyên đề thường kỳ "
        "TCCSĐ ĐV KT-XH 18-KL/TW KL18 hòa hoà Đảng")
WORDS = tuple(SAID.split())


@pytest.fixture(scope="module")
def shipped() -> list[Entry]:
    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    return build_entries(result, SiteModel(result, project), split=False)


def made(count: int, seed: int) -> list[Entry]:
    """Entries on a small vocabulary: terms in hundreds of entries (several blocks of 128 postings), words said
    many times (the body's cap), abbreviations, joined words and document numbers."""
    rng = random.Random(seed)
    return [Entry(f"m{seed}-{i}", "document", " ".join(rng.choices(WORDS, k=5)), rng.choice(("", "18-KL/TW")),
                  f"van-ban/m{i}/", ("*",), " ".join(rng.choices(WORDS, k=rng.randint(0, 200))))
            for i in range(count)]


def reference_schema() -> object:
    """The schema before CombinedField: Whoosh's TEXT, analysed token by token by CombinedTokenizer."""
    ours = schema()
    ours.remove("all_f")
    ours.add("all_f", TEXT(analyzer=CombinedTokenizer(), phrase=False))
    return ours


def written(folder: Path, writer: type, fields: object,
            batches: list[tuple[list[Entry], list[str]]]) -> list[Counter[tuple[str, str]]]:
    """Index each batch (entries to add, ids to delete first) in its own commit, without compound files, the last
    merging all segments; after each commit, the segments' files as (kind, digest). The table of contents is left
    out: it names the random segment ids."""
    folder.mkdir()
    ix = windex.create_in(str(folder), fields)
    states = []
    for number, (entries, gone) in enumerate(batches, 1):
        w = writer(ix, compound=False)
        for name in gone:
            w.delete_by_term("id", name)
        for entry in entries:
            _add(w, entry)
        w.commit(optimize=number == len(batches))  # the last merges every segment into one
        states.append(Counter((p.name.split(".", 1)[1], hashlib.sha256(p.read_bytes()).hexdigest())
                              for p in folder.iterdir() if p.name.startswith("MAIN_") and "." in p.name))
    ix.close()
    return states


def test_the_field_counts_what_the_tokenizer_and_whoosh_count(shipped: list[Entry]) -> None:
    """Each entry's (term, frequency, weight, value): CombinedField's count against Whoosh's Frequency format
    over CombinedTokenizer's tokens, on the shipped base and on made entries."""
    ours, theirs = schema()["all_f"], reference_schema()["all_f"]  # type: ignore[index]
    entries = shipped + made(200, 1)
    for entry in entries:
        value = PART.join((entry.title, entry.number, entry.text))
        assert sorted(ours.index(value)) == sorted(theirs.index(value)), entry.id
    assert len(entries) > 300


def test_the_writer_writes_the_bytes_whoosh_writes(shipped: list[Entry], tmp_path: Path) -> None:
    """The same segment files, byte for byte, from the shipped base and made entries; after an update that deletes
    and adds entries, as `sotay search` updates an index; and after merging the segments (a merge adds an older
    segment's postings to the pool after the new entries')."""
    entries = shipped + made(400, 2)
    later = made(30, 3)
    batches = [(entries, []), (later, [e.id for e in entries[::9]]), (made(20, 4), [e.id for e in later[:5]])]
    ours = written(tmp_path / "ours", Writer, schema(), batches)
    theirs = written(tmp_path / "theirs", SegmentWriter, reference_schema(), batches)
    assert ours == theirs
    postings = [sum(1 for kind, _digest in state.elements() if kind == "pst") for state in ours]
    assert postings == [1, 2, 1]  # one segment, then the update's beside it, then both merged into one


def test_the_pool_gives_postings_in_whooshs_order() -> None:
    """By field, term and entry number, whatever order they came in (a merge adds an older segment's last)."""
    pool = TermPool()
    postings = [("id", b"b", 3, 1.0, None), ("all_f", b"x", 5, 2.0, b"\x01"), ("all_f", b"x", 1, 1.0, b"\x02"),
                ("all_f", b"a", 4, 1.0, b"\x01"), ("id", b"a", 0, 1.0, None)]
    for posting in postings:
        pool.add(posting)
    assert list(pool.iter_postings()) == sorted(postings)
    assert list(pool.iter_postings()) == []  # given once, as Whoosh's pool


def answers(folder: Path, queries: list[str]) -> list[list[tuple[str, float, str]]]:
    from sotay.search import engine

    engine._OPEN.clear()  # as a new process would
    return [[(r.url, r.score, r.snippet.text) for r in search(folder, query, limit=5000)[0]] for query in queries]


QUERIES = ["chi bộ", "sinh hoat chuyen de", "KL18", "18-KL/TW", "tổ chức cơ sở đảng", "hòa", "đảng viên kiểm điểm",
           "nghị quyết", "phê bình tự phê bình", "bí thư cấp ủy", "thường kỳ"]


def halved_and_whole(entries: list[Entry], folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[tuple]]:
    """Index the entries as two processes would (two segments), then in one process; the answers of the first,
    checked equal to the second's (no cut at the end: the limit is above the number of entries)."""
    from sotay.search import engine, helper

    monkeypatch.setattr(helper, "processors", lambda: 2)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 100)
    build_index(entries, folder / "two")
    assert segments(folder / "two") == 2
    monkeypatch.setattr(engine, "PARALLEL_MIN", 10**9)
    build_index(entries, folder / "one")
    assert segments(folder / "one") == 1
    got = answers(folder / "two", QUERIES)
    assert got == answers(folder / "one", QUERIES)
    return got


def test_two_processes_write_the_index_one_would(shipped: list[Entry], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A large base is indexed in two processes, as two segments; every query gives the same results, scores and
    snippets as from one process's index."""
    got = halved_and_whole(shipped + made(300, 5), tmp_path, monkeypatch)
    assert sum(map(len, got)) > 500


@pytest.mark.parametrize("fails", ["start", "submit", "result"])
def test_a_helper_that_fails_leaves_its_half_to_this_process(shipped: list[Entry], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch, fails: str) -> None:
    """No process pool here (no /dev/shm, no semaphores), or a helper that died: this process writes both halves."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from sotay.search import helper

    class Failing:
        """A process pool that fails at one step."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            if fails == "start":
                raise OSError(38, "Function not implemented")

        def submit(self, *args: object) -> Future[None]:
            if fails == "submit":
                raise NotImplementedError("no sem_open")
            failed: Future[None] = Future()
            failed.set_exception(BrokenProcessPool("the helper died"))
            return failed

        def shutdown(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(helper, "ProcessPoolExecutor", Failing)
    assert halved_and_whole(shipped, tmp_path, monkeypatch)
    assert not list((tmp_path / "two").glob("*/part"))


def segments(folder: Path) -> int:
    current = (folder / "CURRENT").read_text("ascii").strip()
    return len(list((folder / current).glob("*.seg")))
