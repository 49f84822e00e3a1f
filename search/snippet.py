"""A short passage around the first match, with the matched words marked by offsets."""

from __future__ import annotations

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


def make_snippet(text: str, terms: set[str]) -> Snippet:
    words = syllables(text)
    hits = [w for w in words if fold(w.text) in terms]
    hits += [f for f in number_forms(fold(text)) if f.text in terms]  # "18-KL/TW" for the query KL18
    hits = _outermost(sorted(hits, key=lambda t: (t.start, -t.end)))
    first = hits[0].start if hits else 0
    start = max(0, first - LEAD)
    if start:
        start = next((w.start for w in words if w.start >= start), start)
    end = min(len(text), start + WIDTH)
    if end < len(text):
        end = max((w.end for w in words if w.end <= end), default=end)
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    shift = len(prefix) - start
    marks = [(w.start + shift, w.end + shift) for w in hits if start <= w.start and w.end <= end]
    return Snippet(prefix + text[start:end] + suffix, marks)


def _outermost(tokens: list[Token]) -> list[Token]:
    """Drop marks inside other marks, so no two overlap."""
    kept: list[Token] = []
    for token in tokens:
        if not kept or token.start >= kept[-1].end:
            kept.append(token)
    return kept
