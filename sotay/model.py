"""The knowledge-base model: plain data, no I/O, no MkDocs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_NUMBER_SPACES = re.compile(r"\s*([-/])\s*")
# Statuses of a document a cell no longer rests on; what took over is named by a relation.
SUPERSEDED = ("bi-thay-the", "het-hieu-luc", "da-co-van-ban-moi")
# Relations by which a newer document takes over from an older one, as the newer one holds them.
TAKES_OVER = ("replaces", "continues")


@lru_cache(maxsize=65536)  # a base asks for the same few thousand numbers on every load
def number_key(number: str) -> str:
    """Compare document numbers the way readers do: '47 - KH/TU' is '47-KH/TU'."""
    return _NUMBER_SPACES.sub(lambda m: m.group(1), number.strip()).casefold()


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
    read: PartialDate | None = None  # when an editor read a web page (pages change; the date says which)
    claims: tuple[str, ...] = ()  # what the page reports, in the editors' words (registry entries)
    official: bool = False  # a Party or State site: one such page is enough for a fact


@dataclass(frozen=True)
class Relation:
    """A typed link from one document to another (target is a document id once resolved)."""

    type: str
    target: str
    line: int = 0
    unverified: bool = False
    note: str | None = None
    declared_in: str | None = None  # the file that wrote it, when another document's file did ('replaced_by')


@dataclass(frozen=True)
class Change:
    """An editorial change to a document's entry, for the list of what is new."""

    date: PartialDate
    note: str
    line: int = 0


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
    status_date: PartialDate | None = None  # since when (replaced) or as of when (in force) the status holds
    added: PartialDate | None = None  # when the handbook took the document in
    changes: list[Change] = field(default_factory=list)
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

    @property
    def superseded(self) -> bool:
        return self.status in SUPERSEDED

    def anchors(self) -> set[str]:
        return {p.anchor for p in self.provisions}

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)


# A document's id -> the newer documents that replace or continue it, each with its relation.
Takers = dict[str, list[tuple[Document, Relation]]]


@dataclass
class KnowledgeBase:
    """All documents of the base, with lookups by id and by number."""

    documents: list[Document] = field(default_factory=list)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def newer(self) -> Takers:
        """For each document, the documents that replace or continue it, with the relation saying so."""
        found: Takers = {}
        for doc in self.documents:
            for rel in doc.relations:
                if rel.type in TAKES_OVER:
                    found.setdefault(rel.target, []).append((doc, rel))
        return found

    def current_for(self, doc: Document, newer: Takers | None = None) -> list[Document]:
        """What governs now in place of a superseded document: the documents in force down its chain (maybe none).

        `newer` is `self.newer()` when a caller asks for many documents and has it already.
        """
        newer = self.newer() if newer is None else newer
        result: list[Document] = []
        seen = {doc.id}
        todo = [d for d, _ in newer.get(doc.id, [])]
        while todo:
            item = todo.pop(0)
            if item.id in seen:
                continue  # a cycle of relations must not loop
            seen.add(item.id)
            if item.superseded:  # follow it down; a superseded one with nothing after it governs nothing
                todo += [d for d, _ in newer.get(item.id, [])]
            else:
                result.append(item)
        return result

    def by_number(self) -> dict[str, list[Document]]:
        index: dict[str, list[Document]] = {}
        for doc in self.documents:
            if doc.number:
                index.setdefault(number_key(doc.number), []).append(doc)
        return index
