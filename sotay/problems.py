"""Problems found in content: one format everywhere, all reported at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.message}"


class Problems:
    """Collects problems so that one run reports every one of them."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, path: str | Path, line: int, message: str) -> None:
        self._items.append(Problem(str(path), max(line, 1), message))

    def items(self) -> tuple[Problem, ...]:
        """Every problem added, in order, repeats included."""
        return tuple(self._items)

    def extend(self, items: Iterable[Problem]) -> None:
        self._items.extend(items)

    def __len__(self) -> int:
        return len(set(self._items))

    def sorted(self) -> list[Problem]:
        """Problems in file order, each reported once."""
        return sorted(set(self._items), key=lambda p: (p.path, p.line, p.message))


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """' (có phải là 'x'?)' when a close choice exists, else ''."""
    import difflib  # only when there is something to suggest: `sotay search` starts faster

    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (có phải là '{close[0]}'?)" if close else ""


def one_of(choices: Iterable[str]) -> str:
    """List the valid choices for an error message."""
    return ", ".join(f"'{c}'" for c in choices)
