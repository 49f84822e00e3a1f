"""The CLI's Whoosh index heals and shares: damaged files are rebuilt, concurrent runs never fail, a cache that
cannot be written falls back to a temporary one, and what killed runs leave is cleaned (issue 15)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Project, document, load

from sotay.project import load_project
from sotay.search.engine import build_index, ensure_index, index_folder, search
from sotay.search.entries import Entry, build_entries
from sotay.site import SiteModel

BODY = "Tóm tắt về sinh hoạt chi bộ.\n\n## Điểm chính {#diem-chinh}\n\nNội dung sinh hoạt chi bộ hằng tháng.\n"
QUERY = "sinh hoat chi bo"


def entries_of(root: Path) -> list[Entry]:
    result = load(root)
    return build_entries(result, SiteModel(result, load_project(root / "mkdocs.yml")), split=False)


def base(project: Project) -> Path:
    return project({"directives/chi-thi-10-ct-tw.md": document(body=BODY),
                    "directives/chi-thi-05-ct-tw.md": document("chi-thi-05-ct-tw", "05-CT/TW", body=BODY)})


PARAGRAPH = "Chi bộ sinh hoạt định kỳ hằng tháng, kiểm điểm việc thực hiện nghị quyết, phân công đảng viên. " * 20


def large_base(project: Project) -> Path:
    """A base whose index takes a while to write (about half a second), so that concurrent runs overlap."""
    body = BODY + "".join(f"\n## Mục {j} {{#muc-{j}}}\n\n{PARAGRAPH}\n" for j in range(10))
    files = {f"directives/chi-thi-{i}-ct-tw.md": document(f"chi-thi-{i}-ct-tw", f"{i}-CT/TW", body=body)
             for i in range(11, 23)}
    return project({**files, "directives/chi-thi-05-ct-tw.md": document("chi-thi-05-ct-tw", "05-CT/TW", body=BODY)})


def env_for(root: Path) -> dict[str, str]:
    """A temporary folder of the test's own, so that a fallback index lands where the test can look."""
    tmp = root / "tmp"
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp)}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "sotay.cli", *args]


def sotay_search(root: Path, query: str = QUERY) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command("search", query, "--json"), cwd=root, capture_output=True, text=True,
                          env=env_for(root), timeout=120)


def answers(proc: subprocess.CompletedProcess[str] | tuple[int, str, str]) -> list[str]:
    """The URLs found, after checking the run ended well and quietly."""
    code, out, err = (proc.returncode, proc.stdout, proc.stderr) if not isinstance(proc, tuple) else proc
    assert code == 0, err
    assert "Traceback" not in err and "Traceback" not in out, err
    rows = json.loads(out)
    assert rows, err
    return [row["url"] for row in rows]


def index_files(root: Path) -> Path:
    """The folder holding the Whoosh files now read (the version CURRENT names; the cache itself before)."""
    folder = index_folder(root)
    pointer = folder / "CURRENT"
    return folder / pointer.read_text("ascii").strip() if pointer.is_file() else folder


def segment(folder: Path) -> Path:
    return next(folder.glob("*.seg"))


def toc(folder: Path) -> Path:
    return next(folder.glob("_MAIN_*.toc"))


CORRUPTIONS = {
    "truncated segment": lambda f: os.truncate(segment(f), segment(f).stat().st_size // 2),
    "emptied segment": lambda f: segment(f).write_bytes(b""),
    "deleted segment": lambda f: segment(f).unlink(),
    "garbage segment": lambda f: segment(f).write_bytes(os.urandom(segment(f).stat().st_size)),
    "truncated toc": lambda f: os.truncate(toc(f), toc(f).stat().st_size // 2),
    "emptied toc": lambda f: toc(f).write_bytes(b""),
    "deleted toc": lambda f: toc(f).unlink(),
    "garbage toc": lambda f: toc(f).write_bytes(b"\x80\x04garbage" * 50),
}


@pytest.mark.parametrize("damage", CORRUPTIONS, ids=list(CORRUPTIONS))
def test_a_damaged_index_is_rebuilt_and_answers(project: Project, damage: str) -> None:
    root = base(project)
    ensure_index(entries_of(root), index_folder(root))  # the index `sotay search` and `sotay build` leave
    CORRUPTIONS[damage](index_files(root))
    first = answers(sotay_search(root))
    assert any("chi-thi-10-ct-tw" in url for url in first)
    assert answers(sotay_search(root)) == first  # and it stays healed


@pytest.mark.parametrize("damage", ["garbage pointer", "pointer to nowhere", "deleted stamp", "extra toc"])
def test_a_damaged_pointer_or_stamp_is_rebuilt(project: Project, damage: str) -> None:
    root = base(project)
    first = answers(sotay_search(root))
    folder = index_folder(root)
    if damage == "garbage pointer":
        (folder / "CURRENT").write_bytes(b"\xff../../etc\n")
    elif damage == "pointer to nowhere":
        (folder / "CURRENT").write_text("v-000000000000-1-0\n", encoding="ascii")
    elif damage == "deleted stamp":
        (index_files(root) / "sotay.json").unlink()
    else:  # a newer TOC generation, which Whoosh would read instead of the good one
        (index_files(root) / "_MAIN_9.toc").write_bytes(b"garbage")
    assert answers(sotay_search(root)) == first


def test_damage_the_stamp_misses_is_rebuilt_when_whoosh_fails(project: Project) -> None:
    """A file damaged and its size and time rewritten in the stamp: the search fails inside Whoosh, is rebuilt,
    answers."""
    root = base(project)
    entries = entries_of(root)
    folder = index_folder(root)
    build_index(entries, folder)
    expected = [r.url for r in search(folder, QUERY, entries=entries)[0]]
    version = index_files(root)
    toc(version).write_bytes(b"garbage")
    stamp = json.loads((version / "sotay.json").read_text("utf-8"))
    info = toc(version).stat()
    stamp["files"][toc(version).name] = [info.st_size, info.st_mtime_ns]
    (version / "sotay.json").write_text(json.dumps(stamp), encoding="utf-8")
    from sotay.search import engine

    engine._OPEN.clear()  # as a new process would
    assert [r.url for r in search(folder, QUERY, entries=entries)[0]] == expected
    assert index_files(root) != version  # rebuilt, though the checksums matched: Whoosh failed on it


def edit(root: Path, words: str) -> None:
    path = root / "directives" / "chi-thi-05-ct-tw.md"
    path.write_text(document("chi-thi-05-ct-tw", "05-CT/TW", body=BODY + f"\n{words}\n"), encoding="utf-8")


def together(root: Path, runs: int, query: str) -> list[tuple[int, str, str]]:
    """`runs` searches started at once; their (exit code, output, errors)."""
    procs = [subprocess.Popen(command("search", query, "--json"), cwd=root, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env_for(root)) for _ in range(runs)]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        done.append((proc.returncode, out, err))
    return done


def test_four_searches_at_once_after_an_edit_all_answer_alike(project: Project) -> None:
    root = large_base(project)
    answers(sotay_search(root))
    for words in ("Kiểm điểm tự phê bình.", "Đánh giá xếp loại cuối năm."):
        edit(root, words)
        found = [answers(run) for run in together(root, 4, f"{QUERY} {words}")]
        assert found[0] and all(f == found[0] for f in found), found
        assert any("chi-thi-05-ct-tw" in url for url in found[0])


def test_searches_while_build_rebuilds_the_index_all_answer(project: Project) -> None:
    root = large_base(project)
    answers(sotay_search(root))
    edit(root, "Kiểm điểm tự phê bình.")
    build = subprocess.Popen(command("build"), cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env_for(root))
    time.sleep(1.5)
    # Edited again once the build has read the base: at its end the build writes an index for the base it read,
    # while the searches, reading or rebuilding theirs for the base as it is now, go on.
    edit(root, "Đánh giá xếp loại cuối năm.")
    rounds = 0
    while build.poll() is None or rounds < 2:
        for run in together(root, 3, QUERY):
            answers(run)
        rounds += 1
    _out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert "Traceback" not in err


READER = """
import sys
from pathlib import Path
from sotay.search.engine import search
folder, rounds = Path(sys.argv[1]), int(sys.argv[2])
for _ in range(rounds):
    from sotay.search import engine
    engine._OPEN.clear()  # open afresh each time, as each `sotay search` does
    results, _notes = search(folder, "sinh hoat")
    assert results, "nothing found"
print("ok")
"""


def test_readers_never_fail_while_a_writer_swaps_versions(project: Project, tmp_path: Path) -> None:
    """Readers opening the index over and over while another process rebuilds it over and over."""
    root = base(project)
    entries = entries_of(root)
    folder = tmp_path / "index"
    build_index(entries, folder)
    writer = ("import sys, pickle\nfrom pathlib import Path\nfrom sotay.search.engine import build_index\n"
              "entries = pickle.loads(Path(sys.argv[2]).read_bytes())\n"
              "for i in range(12):\n    build_index(entries[: 1 + i % 2] if i % 3 else entries, Path(sys.argv[1]))\n")
    import pickle

    (tmp_path / "entries.pickle").write_bytes(pickle.dumps(entries))
    cwd, env = root, env_for(root)
    writing = subprocess.Popen([sys.executable, "-c", writer, str(folder), str(tmp_path / "entries.pickle")],
                               cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(folder), "40"], cwd=cwd, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    for proc in [writing, *readers]:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    build_index(entries, folder)
    assert len(list(folder.glob("v-*"))) == 1  # with no reader left, the next writer removes every older version


def test_old_versions_do_not_pile_up(project: Project, tmp_path: Path) -> None:
    root = base(project)
    entries = entries_of(root)
    folder = tmp_path / "index"
    for i in range(5):
        build_index(entries[: 1 + i % 2], folder)
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("v-")) == [
        ".read.lock", ".write.lock", "CURRENT"]
    assert len(list(folder.glob("v-*"))) == 1


def test_what_killed_runs_left_is_cleaned_by_the_next_run(project: Project) -> None:
    root = base(project)
    first = answers(sotay_search(root))
    folder = index_folder(root)
    current = index_files(root)
    leftovers = [folder / "tmp-99999-deadbeef", folder / "v-0123456789ab-99999-deadbeef",
                 folder / "CURRENT.deadbeef.tmp"]
    for path in leftovers[:2]:
        path.mkdir()
        (path / "MAIN_x.seg").write_bytes(b"half written")
    leftovers[2].write_text("v-0123456789ab-99999-deadbeef\n", encoding="ascii")
    assert answers(sotay_search(root)) == first  # an index that is current: a reader cleans
    assert not any(path.exists() for path in leftovers)
    assert index_files(root) == current


def test_a_cache_in_the_old_layout_is_replaced(project: Project) -> None:
    root = base(project)
    folder = index_folder(root)
    folder.mkdir(parents=True)
    for name in ("MAIN_WRITELOCK", "MAIN_abc.seg", "_MAIN_1.toc", "sotay.json"):
        (folder / name).write_bytes(b"old")
    answers(sotay_search(root))
    assert not (folder / "MAIN_abc.seg").exists()


def test_an_unwritable_cache_falls_back_to_a_temporary_folder(project: Project) -> None:
    root = base(project)
    if os.geteuid() == 0:  # root writes anywhere: make the cache folder's place a file instead
        (root / ".sotay-cache").write_text("not a folder", encoding="utf-8")
    else:
        (root / ".sotay-cache").mkdir(mode=0o500)
    try:
        proc = sotay_search(root)
        first = answers(proc)
        assert proc.stderr == ""
        assert list((root / "tmp").glob("sotay-*/whoosh-*/v-*"))  # built in the temporary folder
        edit(root, "Kiểm điểm tự phê bình.")
        assert any("chi-thi-05-ct-tw" in url for url in answers(sotay_search(root, "kiem diem tu phe binh")))
        assert answers(sotay_search(root)) == first
        told = subprocess.run(command("search", QUERY, "--json", "-v"), cwd=root, capture_output=True, text=True,
                              env=env_for(root), timeout=120)
        assert answers(told) == first
        assert "sotay: dùng chỉ mục tìm kiếm đã dựng trong thư mục tạm" in told.stderr  # -v says where it is
    finally:
        if (root / ".sotay-cache").is_dir():
            (root / ".sotay-cache").chmod(0o700)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_index_folder_with_a_stale_index_falls_back(project: Project) -> None:
    root = base(project)
    answers(sotay_search(root))
    folder = index_folder(root)
    edit(root, "Kiểm điểm tự phê bình.")
    folder.chmod(0o500)
    try:
        assert any("chi-thi-05-ct-tw" in url for url in answers(sotay_search(root, "kiem diem tu phe binh")))
    finally:
        folder.chmod(0o700)


def test_a_temporary_folder_another_user_could_write_is_not_read(project: Project, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoosh unpickles its files: the fallback is used only when it is the user's own and private."""
    from sotay.search import engine

    root = base(project)
    entries = entries_of(root)
    monkeypatch.setattr(engine.tempfile, "tempdir", str(tmp_path / "shared"))
    (tmp_path / "shared").mkdir()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache's parent should be", encoding="utf-8")
    spare = engine._fallback(blocked / "whoosh")
    spare.parent.mkdir(mode=0o777)
    spare.parent.chmod(0o777)
    with pytest.raises(PermissionError):
        search(blocked / "whoosh", QUERY, entries=entries)
    spare.parent.chmod(0o700)
    assert search(blocked / "whoosh", QUERY, entries=entries)[0]



def loaded_base(proc: subprocess.CompletedProcess[str]) -> bool:
    """Whether the run (under -X importtime) imported the loader: read the base to answer."""
    return re.search(r"\|\s+sotay\.loader$", proc.stderr, re.M) is not None


def traced_search(root: Path, query: str = QUERY) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "sotay.cli", "search", query, "--json"],
                          cwd=root, capture_output=True, text=True, env=env_for(root), timeout=120)


def test_a_current_index_answers_without_reading_the_base(project: Project) -> None:
    """The second search finds nothing changed (sizes and times of the sources) and never loads the base."""
    root = base(project)
    first = traced_search(root)
    assert loaded_base(first)  # no index yet: the base is read, checked and indexed
    again = traced_search(root)
    assert not loaded_base(again)
    assert [row["url"] for row in json.loads(again.stdout)] == [row["url"] for row in json.loads(first.stdout)]


def test_an_edit_is_seen_and_a_touch_costs_one_load(project: Project) -> None:
    root = base(project)
    answers(sotay_search(root))
    edit(root, "Kiểm điểm tự phê bình.")  # a new size and time: read again, and found
    found = traced_search(root, "kiem diem tu phe binh")
    assert loaded_base(found) and any("chi-thi-05-ct-tw" in r["url"] for r in json.loads(found.stdout))
    path = root / "directives" / "chi-thi-05-ct-tw.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))  # saved again, unchanged
    touched = traced_search(root, "kiem diem tu phe binh")
    assert loaded_base(touched)  # read once to learn that nothing changed: the index stays, restamped
    assert not loaded_base(traced_search(root, "kiem diem tu phe binh"))


def test_a_build_leaves_an_index_search_answers_from(project: Project) -> None:
    root = base(project)
    built = subprocess.run(command("build", "-q"), cwd=root, capture_output=True, text=True, env=env_for(root),
                           timeout=300)
    assert built.returncode == 0, built.stderr
    assert not loaded_base(traced_search(root))


def test_a_problem_made_after_the_index_is_reported_not_searched_around(project: Project) -> None:
    """Content broken since the last index: the search reads the base again, and says what is wrong."""
    root = base(project)
    answers(sotay_search(root))
    (root / "directives" / "chi-thi-05-ct-tw.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    proc = sotay_search(root)
    assert proc.returncode == 1 and "directives/chi-thi-05-ct-tw.md:" in proc.stderr


def varied_base(project: Project) -> Path:
    """Forty documents, each with words of its own, so that an edit moves some results and not others."""
    words = ["kiểm điểm", "tự phê bình", "nêu gương", "đảng viên trẻ", "chuyển đổi số", "an ninh trật tự",
             "xây dựng nông thôn mới", "cải cách hành chính"]
    files = {}
    for i in range(40):
        body = (f"Tóm tắt về sinh hoạt chi bộ số {i}.\n\n## Điểm chính {{#diem-chinh}}\n\n"
                f"Nội dung về {words[i % len(words)]} và {words[(i * 3) % len(words)]}, lần {i}.\n")
        files[f"directives/chi-thi-{i + 100}-ct-tw.md"] = document(f"chi-thi-{i + 100}-ct-tw", f"{i + 100}-CT/TW",
                                                                   body=body)
    return project(files)


QUERIES = ["kiem diem", "nêu gương", "dang vien tre", "chuyen doi so", "sinh hoat chi bo", "nong thon moi",
           "hanh chinh", "tu phe binh"]


def answers_of(folder: Path) -> list[list[str]]:
    """Every entry each query finds, best first. All of them: where more entries tie than a page shows, which
    of the tied ones Whoosh keeps depends on their place in the index, which an update changes."""
    from sotay.search import engine

    engine._OPEN.clear()  # as a new process would
    return [[r.url for r in search(folder, query, limit=100)[0]] for query in QUERIES]


def segments(root: Path) -> int:
    return len(list(index_files(root).glob("*.seg")))


def test_an_edit_is_indexed_alone_and_answers_as_a_full_build(project: Project, tmp_path: Path) -> None:
    """One document changed, one removed: only they are indexed again (a second segment), and every query of
    the set answers as an index built whole from the same entries."""
    root = varied_base(project)
    folder = index_folder(root)
    ensure_index(entries_of(root), folder)
    assert segments(root) == 1
    edited = root / "directives" / "chi-thi-103-ct-tw.md"
    edited.write_text(edited.read_text("utf-8") + "\nThêm: nêu gương, chuyển đổi số, kiểm điểm.\n", "utf-8")
    (root / "directives" / "chi-thi-104-ct-tw.md").unlink()
    entries = entries_of(root)
    assert ensure_index(entries, folder)
    assert segments(root) == 2  # the old segment kept, the changed entry added beside it
    whole = tmp_path / "whole"
    build_index(entries, whole)
    assert answers_of(folder) == answers_of(whole)
    assert any("chi-thi-103-ct-tw" in url for url in answers_of(folder)[1])  # the new words are found
    assert not any("chi-thi-104-ct-tw" in url for urls in answers_of(folder) for url in urls)  # the gone is gone
    for i, words in ((110, "an ninh trật tự"), (111, "đảng viên trẻ"), (110, "cải cách hành chính")):  # and on
        path = root / "directives" / f"chi-thi-{i}-ct-tw.md"
        path.write_text(path.read_text("utf-8") + f"\nThêm về {words}.\n", "utf-8")
        entries = entries_of(root)
        assert ensure_index(entries, folder) and segments(root) >= 2
        build_index(entries, whole)
        assert answers_of(folder) == answers_of(whole)


def test_a_large_change_builds_anew(project: Project) -> None:
    root = varied_base(project)
    folder = index_folder(root)
    ensure_index(entries_of(root), folder)
    for i in range(100, 115):  # fifteen of forty: more than a quarter
        path = root / "directives" / f"chi-thi-{i}-ct-tw.md"
        path.write_text(path.read_text("utf-8") + "\nĐã sửa.\n", "utf-8")
    assert ensure_index(entries_of(root), folder)
    assert segments(root) == 1


PHRASES = ("chi bộ sinh hoạt đảng viên nghị quyết kiểm điểm phê bình nêu gương cấp ủy bí thư chuyên đề thường kỳ "
           "chất lượng nền nếp dân chủ kỷ luật tư tưởng đạo đức lối sống học tập làm theo chuyển đổi số")
WORDS = PHRASES.split()


def random_entries(seed: int, count: int = 80) -> list[Entry]:
    import random

    rng = random.Random(seed)
    return [Entry(f"e{i}", "document", " ".join(rng.choices(WORDS, k=6)), "", f"van-ban/e{i}/", ("*",),
                  " ".join(rng.choices(WORDS, k=rng.randint(20, 120)))) for i in range(count)]


def top(folder: Path, query: str) -> list[tuple[str, float]]:
    from sotay.search import engine

    engine._OPEN.clear()  # as a new process would
    return [(r.url, r.score) for r in search(folder, query, limit=10)[0]]


def test_an_updated_index_scores_as_a_fresh_one(tmp_path: Path) -> None:
    """Eight of eighty entries changed and two removed: every two-word query gives the same ten results with the
    same scores as an index built anew, but where results tie at the tenth place (Whoosh keeps which of them by
    their place in the index, which an update changes); so ties there may differ in who, never in score."""
    entries = random_entries(1)
    folder, whole = tmp_path / "updated", tmp_path / "whole"
    build_index(entries, folder)
    import random

    rng = random.Random(2)
    changed = [Entry(e.id, e.kind, e.title, e.number, e.url, e.cells, " ".join(rng.choices(WORDS, k=60)))
               if i % 10 == 3 else e for i, e in enumerate(entries) if i % 40 != 7]
    assert ensure_index(changed, folder) and segments_of(folder) == 2  # updated, not built anew
    build_index(changed, whole)
    queries = [f"{a} {b}" for a in WORDS[:14] for b in WORDS[14:28:3]]
    compared = 0
    for query in queries:
        got, want = top(folder, query), top(whole, query)
        assert [s for _u, s in got] == [s for _u, s in want], query
        cut = want[-1][1] if len(want) == 10 else None
        assert {u for u, s in got if s != cut} == {u for u, s in want if s != cut}, query
        compared += 1
    assert compared == len(queries) > 50


def segments_of(folder: Path) -> int:
    current = (folder / "CURRENT").read_text("ascii").strip()
    return len(list((folder / current).glob("*.seg")))


def test_another_engine_builds_anew(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index made by another version of the engine (its layout or its analysis tables) is never updated
    in place, and is not answered from by the fast path: every entry is indexed again."""
    from sotay.search import engine

    root = varied_base(project)
    folder = index_folder(root)
    entries = entries_of(root)
    ensure_index(entries, folder, sources="s")
    before = {p.name for p in index_files(root).glob("*.seg")}
    monkeypatch.setattr(engine, "INDEX_VERSION", "tomorrow")
    engine.engine_version.cache_clear()
    try:
        assert engine.search_current(folder, "s", QUERY) is None
        assert ensure_index(entries, folder, sources="s")
        assert not before & {p.name for p in index_files(root).glob("*.seg")}  # no segment carried over
    finally:
        engine.engine_version.cache_clear()


def test_the_state_of_the_sources_changes_with_what_the_loader_reads(project: Project) -> None:
    """source_state changes when a file the base is read from changes, in a hidden folder too (the loader reads
    those), or the config does; it stays when only a hidden file, the site or the cache changes."""
    from sotay.project import source_state

    root = base(project)

    def state() -> str:
        return source_state(load_project(root / "mkdocs.yml"))

    first = state()
    assert state() == first
    for name in ("site/index.html", ".sotay-cache/x", "docs/.nhap.md", "directives/.ghi-chu.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    assert state() == first
    for name, text in (("docs/.nhap/trang.md", "# Nháp\n"), ("directives/nguon.yml", "{}\n"),
                       ("mkdocs.yml", (root / "mkdocs.yml").read_text("utf-8") + "\n")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
        assert state() != first, name
        first = state()
