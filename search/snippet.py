"""A short passage around the first match, with the matched words marked by offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analyzer import Token, fold, number_forms, syllables

WIDTH = 200
LEAD = 60


@dataclass(frozen=True)
class Snippet:
    text: str
    marks: list[tuple[int, int]] = field(default_factory=list)

    def render(self, before: str, after: str) -> str:
        """The text with each mark wrapped, e.g. in «» or terminal bold."""
        out, position = [], 0
        for start, end in self.marks:
            out += [self.text[position:start], before, self.text[start:end], after]
            position = end
        return "".join([*out, self.text[position:]])


def words_pattern(terms: set[str]) -> re.Pattern[str] | None:
    """A regex finding any of the (single-word) terms as whole words in folded text."""
    words = sorted((re.escape(t) for t in terms if "_" not in t), key=len, reverse=True)
    return re.compile(rf"(?<![0-9a-z])(?:{'|'.join(words)})(?![0-9a-z])") if words else None


def make_snippet(text: str, terms: set[str], folded: str | None = None,
                 pattern: re.Pattern[str] | None = None) -> Snippet:
    """Only the window is analyzed, so a long text costs no more than a short one.

    A caller that has folded the text (fold keeps every offset) or built the terms' pattern passes them in.
    """
    folded = fold(text) if folded is None else folded
    pattern = words_pattern(terms) if pattern is None else pattern
    found = pattern.search(folded) if pattern else None
    first = found.start() if found else 0
    start = max(0, first - LEAD)
    while 0 < start < first and folded[start - 1].isalnum():
        start += 1  # begin at a word
    end = min(len(text), start + WIDTH)
    while start < end < len(text) and folded[end].isalnum():
        end -= 1  # end at a word
    window, folded_window = text[start:end], folded[start:end]
    hits = [w for w in syllables(window) if folded_window[w.start:w.end] in terms]
    hits += [f for f in number_forms(folded_window) if f.text in terms]  # "18-KL/TW" for the query KL18
    hits = _outermost(sorted(hits, key=lambda t: (t.start, -t.end)))
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    shift = len(prefix)
    return Snippet(prefix + window + suffix, [(h.start + shift, h.end + shift) for h in hits])


def _outermost(tokens: list[Token]) -> list[Token]:
    """Drop marks inside other marks, so no two overlap."""
    kept: list[Token] = []
    for token in tokens:
        if not kept or token.start >= kept[-1].end:
            kept.append(token)
    return kept
