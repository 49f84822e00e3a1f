"""The knowledge-base model: plain data, no I/O, no MkDocs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUMBER_SPACES = re.compile(r"\s*([-/])\s*")


def number_key(number: str) -> str:
    """Compare document numbers the way readers do: '47 - KH/TU' is '47-KH/TU'."""
    return _NUMBER_SPACES.sub(r"\1", number.strip()).casefold()


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def vietnamese(self) -> str:
        """dd/mm/yyyy, mm/yyyy or yyyy, as Vietnamese texts read dates."""
        if self.day and self.month:
            return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"
        if self.month:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.year:04d}"

    def sort_tuple(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Source:
    """Where the facts of a document come from."""

    publication: str
    title: str
    date: PartialDate | None = None
    url: str | None = None
    supports: tuple[str, ...] = ()
    note: str | None = None
    ref: str | None = None  # key in the sources registry (directives/nguon.yml), if named there


@dataclass(frozen=True)
class Relation:
    """A typed link from one document to another (target is a document id once resolved)."""

    type: str
    target: str
    line: int = 0
    unverified: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Provision:
    """A key provision: a heading of the body with a stable anchor."""

    anchor: str
    title: str
    level: int
    line: int


@dataclass
class Document:
    """One directive, conclusion, resolution, guidance, plan... of the base."""

    id: str
    number: str | None
    type: str
    title: str
    issuer: str
    issued: PartialDate | None
    scope: str
    status: str
    path: str
    term: str | None = None
    relations: list[Relation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    summary: str = ""
    body: str = ""
    body_line: int = 1
    provisions: list[Provision] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    @property
    def key(self) -> str:
        """The citation key: number plus year ('05-CT/TW@2016'), else the id."""
        if self.number is None:
            return self.id
        return f"{self.number}@{self.year}" if self.year else self.number

    @property
    def label(self) -> str:
        """How a reader names it: its number, or its title when it has none."""
        return self.number or self.title

    def anchors(self) -> set[str]:
        return {p.anchor for p in self.provisions}

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)


@dataclass
class KnowledgeBase:
    """All documents of the base, with lookups by id and by number."""

    documents: list[Document] = field(default_factory=list)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def by_number(self) -> dict[str, list[Document]]:
        index: dict[str, list[Document]] = {}
        for doc in self.documents:
            if doc.number:
                index.setdefault(number_key(doc.number), []).append(doc)
        return index


