"""A full build of a large base makes the browser's index in a second process while the pages are rendered
(search/browser.py IndexLater, search/helper.py Beside). The site is the same, byte for byte, as when the index
is made in the build's own process, and a second process that cannot start or fails changes nothing."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

import pytest
from conftest import REPO, shipped_config

from sotay.loader import load_knowledge_base
from sotay.plugins.commands import build_site
from sotay.project import load_project
from sotay.search import browser, helper
from sotay.search.browser import IndexLater, index_files
from sotay.search.entries import Entry, build_entries
from sotay.search.kinds import KIND_LABELS
from sotay.site import SiteModel

CELLS = {"nong-thon": "Nông thôn"}


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    return build_entries(result, SiteModel(result, project))


def test_the_second_process_makes_the_index_this_one_would(entries: list[Entry],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "BESIDE_MIN", 1)
    monkeypatch.setattr(helper, "processors", lambda: 2)
    later = IndexLater(entries, CELLS, KIND_LABELS)
    assert later.beside is not None and later.beside.started
    later.here = partial(pytest.fail, "the second process failed: its work was done here")
    made = later.result()
    assert made == index_files(entries, CELLS, KIND_LABELS) and len(made) > 20
    assert later.beside.pool is None  # stopped once it gave its result


@pytest.mark.parametrize("fails", ["start", "submit", "result"])
def test_a_second_process_that_fails_leaves_the_work_to_this_one(entries: list[Entry], fails: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    class Failing:
        """A process pool that fails at one step (no /dev/shm, no semaphores, a helper that died)."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            if fails == "start":
                raise OSError(38, "Function not implemented")

        def submit(self, *args: object) -> Future[dict[str, str]]:
            if fails == "submit":
                raise NotImplementedError("no sem_open")
            failed: Future[dict[str, str]] = Future()
            failed.set_exception(BrokenProcessPool("the helper died"))
            return failed

        def shutdown(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(helper, "ProcessPoolExecutor", Failing)
    monkeypatch.setattr(browser, "BESIDE_MIN", 1)
    monkeypatch.setattr(helper, "processors", lambda: 2)
    later = IndexLater(entries, CELLS, KIND_LABELS)
    assert later.beside is not None and later.beside.started == (fails == "result")
    assert later.result() == index_files(entries, CELLS, KIND_LABELS)


def test_small_bases_and_single_processors_make_it_here(entries: list[Entry],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert IndexLater(entries, CELLS, KIND_LABELS).beside is None  # the shipped base is below BESIDE_MIN
    monkeypatch.setattr(browser, "BESIDE_MIN", 1)
    monkeypatch.setattr(helper, "processors", lambda: 1)
    assert IndexLater(entries, CELLS, KIND_LABELS).beside is None


def test_a_site_built_with_the_index_made_beside_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = shipped_config(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796256000")
    build_site(config, site_dir=tmp_path / "here")
    monkeypatch.setattr(browser, "BESIDE_MIN", 1)
    monkeypatch.setattr(helper, "processors", lambda: 2)
    started: list[bool] = []
    real = browser.Beside

    def counted(*args: object) -> helper.Beside[dict[str, str]]:
        made = real(*args)  # type: ignore[arg-type]
        started.append(made.started)
        return made

    real_init = IndexLater.__init__

    def made_beside_only(later: IndexLater, *args: object) -> None:  # a fallback here would hide a broken helper
        real_init(later, *args)  # type: ignore[arg-type]
        later.here = partial(pytest.fail, "the second process failed: its work was done here")

    monkeypatch.setattr(browser, "Beside", counted)
    monkeypatch.setattr(IndexLater, "__init__", made_beside_only)
    build_site(config, site_dir=tmp_path / "beside")
    assert started == [True]
    here = {p.relative_to(tmp_path / "here"): p.read_bytes() for p in (tmp_path / "here").rglob("*") if p.is_file()}
    beside = {p.relative_to(tmp_path / "beside"): p.read_bytes() for p in (tmp_path / "beside").rglob("*")
              if p.is_file()}
    assert beside == here
    assert sum(1 for p in here if p.parts[:3] == ("assets", "sotay", "search")) > 20


def test_none_is_started_from_a_daemonic_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker of a process pool may not have children: the work is done here, the build goes on."""
    class Daemonic:
        daemon = True

    monkeypatch.setattr(helper.multiprocessing, "current_process", Daemonic)
    beside = helper.Beside(sum, [1, 2])
    assert not beside.started and beside.result(lambda: 3, "cộng") == 3


def _working(ready: Path) -> None:
    """In the second process: say that the work has begun (its start-up is over), then work for a minute."""
    written = ready.with_suffix(".new")
    written.write_text(str(os.getpid()), encoding="utf-8")
    written.rename(ready)  # whole, as it appears
    time.sleep(60)


def test_ctrl_c_ends_the_second_process_at_once_and_silently(tmp_path: Path,
                                                             capfd: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C reaches the terminal's whole process group: the second process ends without a traceback, and the
    parent, which handles it, is not kept waiting for its work."""
    ready = tmp_path / "ready"
    beside = helper.Beside(_working, ready)
    assert beside.started
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(ready.read_text("utf-8"))
    os.kill(pid, signal.SIGINT)
    start = time.monotonic()
    assert beside.result(lambda: "here", "chờ") == "here"
    assert time.monotonic() - start < 10
    assert "Traceback" not in capfd.readouterr().err



def test_a_build_that_fails_while_the_index_is_made_beside_stops_the_second_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that fails to render fails the build after the index was handed to the second process and before
    it was asked for (on_env): the failed build ends that process, and leaves no site behind."""
    import multiprocessing

    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin

    from sotay.plugins.commands import SiteBuildError

    class Failing(BasePlugin):  # type: ignore[type-arg]
        def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
            raise PluginError("một trang không dựng được")

    monkeypatch.setattr(browser, "BESIDE_MIN", 1)
    monkeypatch.setattr(helper, "processors", lambda: 2)
    started: list[bool] = []
    real = browser.Beside

    def counted(*args: object) -> helper.Beside[dict[str, str]]:
        made = real(*args)  # type: ignore[arg-type]
        started.append(made.started)
        return made

    monkeypatch.setattr(browser, "Beside", counted)
    with pytest.raises(SiteBuildError):
        build_site(shipped_config(tmp_path), site_dir=tmp_path / "site", extra_plugins={"failing": Failing()})
    assert started == [True]
    assert multiprocessing.active_children() == [], "the second process outlived the failed build"
    assert not (tmp_path / "site").exists()
