"""Python's cycle collector around builds: run less often while a build makes its millions of short-lived objects,
and while serving, a moment after each build, everything collected once and what is left set aside, so that the
next rebuild's collections do not walk what the plugins keep (plugins/commands.py)."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest

from sotay.plugins.commands import BUILD_THRESHOLDS, Collector, fewer_collections


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the other tests' objects stay collectable


def test_a_build_runs_with_fewer_collections_and_leaves_the_collector_as_it_was() -> None:
    before = gc.get_threshold()
    assert before != BUILD_THRESHOLDS
    with fewer_collections():
        assert gc.get_threshold() == BUILD_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before


class Node:
    link: Node | None = None


def test_a_moment_after_a_build_garbage_goes_and_what_is_left_is_set_aside() -> None:
    gc.unfreeze()
    collector = Collector(delay=0.05)
    with collector.building():
        cycle = Node()
        cycle.link = cycle  # only the cycle collector frees it
        gone = weakref.ref(cycle)
        del cycle
        kept = Node()
    deadline = time.monotonic() + 10
    while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert gone() is None
    assert gc.get_freeze_count() > 0 and not any(o is kept for o in gc.get_objects())  # frozen: out of the walk


def test_a_save_before_that_moment_puts_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    settled: list[float] = []
    monkeypatch.setattr(Collector, "settle", staticmethod(lambda: settled.append(time.monotonic())))
    collector = Collector(delay=0.3)
    with collector.building():
        pass
    first = collector.later
    with collector.building():  # the next save came at once
        pass
    second_done = time.monotonic()
    assert first is not None and first.finished.is_set() and first is not collector.later
    time.sleep(1.0)
    assert len(settled) == 1 and settled[0] >= second_done + 0.25  # once, after the last build
