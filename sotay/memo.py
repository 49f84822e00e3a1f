"""Results of pure steps of a load, kept for the next load in the same process (`sotay serve`).

A step's key holds everything it reads (a file's bytes, the list of sources, what the resolver knows of the
documents), so a kept result is the result the step would give again, problems included: an editor's save
reads, parses and checks only the files that changed. Each load keeps only what it used, so the memo holds one
base at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from .problems import Problem, Problems

T = TypeVar("T")


def run(memo: Memo | None, key: Hashable, problems: Problems, step: Callable[[Problems], T]) -> T:
    """A step's result: kept and reused by the memo when there is one (`sotay serve`), else run once, now."""
    return step(problems) if memo is None else memo.get(key, problems, step)


def kept(memo: Memo | None, key: Hashable, make: Callable[[], T]) -> T:
    """make()'s result, kept by the memo under the key when there is one: `run` for a step that reports nothing."""
    return run(memo, key, Problems(), lambda _problems: make())


class Memo:
    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[Any, tuple[Problem, ...]]] = {}
        self._used: dict[Hashable, tuple[Any, tuple[Problem, ...]]] = {}
        self.hits = 0
        self.misses = 0
        self.last = (0, 0)  # (kept results used, steps run) by the last load

    def get(self, key: Hashable, problems: Problems, step: Callable[[Problems], T]) -> T:
        """step(own problems)'s result for this key, its problems added to `problems` as if it had run."""
        found = self._used.get(key) or self._kept.get(key)
        if found is None:
            own = Problems()
            found = (step(own), own.items())
            self.misses += 1
        else:
            self.hits += 1
        self._used[key] = found
        problems.extend(found[1])
        return found[0]

    def end_load(self) -> None:
        """Forget what this load did not use (files removed or changed)."""
        self._kept, self._used = self._used, {}
        self.last, self.hits, self.misses = (self.hits, self.misses), 0, 0
