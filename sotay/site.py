"""What the site shows, computed once per build: the edition's documents, relations
in both directions, backlinks down to the provision, and links between pages.

Plain Python: the MkDocs plugin and the benchmark's vanilla build both use it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import os
from collections import defaultdict
from dataclasses import dataclass

from .body import Heading, headings
from .loader import LoadResult, relative_src_link
from .model import Document, PartialDate, Relation
from .project import Project
from .provinces import CENTRAL, EDITION_ALL, kind_label, provinces
from .resolve import LinkResult, basis_label, link_text
from .srcs import document_src
from .topics import Topic
from .urls import link_between


class EditionError(ValueError):
    """An edition name that names no province of the base."""


def edition_of(scope: str) -> str | None:
    """The edition that holds a document of this scope: its province of today (None for the centre)."""
    now = provinces().now(scope)
    return now.slug if now is not None else None


def editions(docs: list[Document]) -> list[str]:
    """Valid edition names: the whole country, then each province of today that has local documents.

    A former province's documents belong to the edition of the province it went into.
    """
    return [EDITION_ALL, *sorted({e for d in docs if (e := edition_of(d.scope)) is not None})]


def check_edition(docs: list[Document], edition: str) -> None:
    """Raise EditionError, naming the valid editions, when no province of the base has this name.

    A former province is told which edition holds its documents now.
    """
    valid = editions(docs)
    if edition in valid:
        return
    table = provinces()
    former = table.by_slug.get(edition)
    listing = f"các ấn bản: {', '.join(valid)}"
    if former is None or former.merged_into is None:
        raise EditionError(f"ấn bản '{edition}' không có; {listing}")
    now = table.by_slug[former.merged_into]
    moved = f"{kind_label(former)} {former.name} {table.moved(former)}"
    if now.slug in valid:
        raise EditionError(f"{moved}; văn bản của {former.name} nay nằm trong ấn bản '{now.slug}'")
    raise EditionError(f"{moved}; Sổ tay chưa có văn bản nào của {now.name}; {listing}")


def in_edition(doc: Document, edition: str) -> bool:
    return edition == EDITION_ALL or doc.scope == CENTRAL or edition_of(doc.scope) == edition


def content_date(documents: list[Document]) -> str:
    """The newest date among the documents' sources, ISO: the handbook knows the documents up to that day.

    A source's publication date counts, not a document's date of issue: an old directive read in a
    new article makes the content newer, and the same sources always give the same date.
    """
    dates = [s.date for d in documents for s in d.sources if s.date]
    newest = max(dates, key=lambda d: d.sort_tuple(), default=PartialDate(2000, 1, 1))
    return newest.iso()  # '2021-12' when the newest source gives only a month: no day is invented


def stamp_text(edition: str, version: str, content_iso: str) -> str:
    """'Ấn bản: Toàn quốc · Phiên bản 0.1.0 · Cập nhật với các văn bản đã biết đến ngày 07/02/2026'.

    Which copy, and how current.

    The home page, every course pack and the bundle's how-to say it in the same words.
    """
    parts = content_iso.split("-")
    when = {3: "ngày ", 2: "tháng ", 1: "năm "}.get(len(parts), "") + "/".join(reversed(parts))
    return f"Ấn bản: {edition_label(edition)} · Phiên bản {version} · Cập nhật với các văn bản đã biết đến {when}"


def stamp(edition: str, version: str, documents: list[Document]) -> str:
    """The line the home page carries."""
    return f'<p class="sotay-stamp">{html.escape(stamp_text(edition, version, content_date(documents)))}</p>'


def source_date() -> dt.date | None:
    """The day SOURCE_DATE_EPOCH names (reproducible builds); None when it is unset or not a number of seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isascii() and epoch.isdigit() else None


def build_day() -> dt.date:
    """The day of this build: SOURCE_DATE_EPOCH's day when it is set (a rebuild gives the same site), else today.
    The planner's year, the home page's month and the Word files' date all come from it."""
    return source_date() or dt.date.today()


def edition_label(edition: str) -> str:
    return "Toàn quốc" if edition == EDITION_ALL else provinces().label(edition)


def edition_words(edition: str) -> str:
    """'ấn bản toàn quốc', 'ấn bản Lâm Đồng': the edition named inside a sentence (a province keeps its capitals)."""
    label = edition_label(edition)
    return f"ấn bản {label.lower() if edition == EDITION_ALL else label}"


@dataclass(frozen=True)
class Backlink:
    """A place that cites a document: the page, its section, and the provision cited."""

    src: str
    title: str
    section: Heading | None
    anchor: str | None
    is_document: bool


class SiteModel:
    """The documents of one edition and everything pages need to show about them."""

    def __init__(self, result: LoadResult, project: Project, edition: str = EDITION_ALL) -> None:
        check_edition(result.kb.documents, edition)
        self.project = project
        self.edition = edition
        self.kb = result.kb
        self.newer = result.kb.newer()  # what replaces or continues each document, for every notice of the build
        self.documents = [d for d in result.kb.documents if in_edition(d, edition)]
        self.by_id = {d.id: d for d in self.documents}
        self.resolver = result.resolver
        self.link_plans = result.link_plans
        self.incoming: dict[str, list[tuple[Document, Relation]]] = defaultdict(list)
        for doc in self.documents:
            for rel in doc.relations:
                if rel.target in self.by_id:
                    self.incoming[rel.target].append((doc, rel))
        self.topics = [t for t in result.topics if any(b.target in self.by_id for b in t.basis)]
        # The topics resting on each document, computed once rather than on every document page.
        self.topics_on: dict[str, list[Topic]] = defaultdict(list)
        for topic in self.topics:
            for target in dict.fromkeys(b.target for b in topic.basis):
                self.topics_on[target].append(topic)
        # Editors' pages the edition leaves out: topics resting only on other provinces' documents.
        self.left_out = {t.src for t in result.topics} - {t.src for t in self.topics}
        self.backlinks = self._backlinks(result)  # after left_out: a page the edition leaves out cites nothing

    def includes(self, doc: Document) -> bool:
        return doc.id in self.by_id

    def outgoing(self, doc: Document) -> list[Relation]:
        return [r for r in doc.relations if r.target in self.by_id]

    def _backlinks(self, result: LoadResult) -> dict[str, list[Backlink]]:
        by_path: dict[str, tuple[str, str, list[Heading], bool]] = {}
        for doc in self.documents:
            by_path[doc.path] = (document_src(doc), doc.label, headings(doc.body, doc.body_line), True)
        # A course's page shows its modules (level 2) only; the lecture's own headings are on its printable page.
        courses = {c.src for c in result.courses}
        for page in result.pages:
            if page.src not in self.left_out:
                heads = headings(page.text)
                if page.src in courses:
                    heads = [h for h in heads if h.level == 2]
                by_path[page.path] = (page.src, page.title, heads, False)
        links: dict[str, list[Backlink]] = defaultdict(list)
        seen: set[tuple[str, str, str | None, str | None]] = set()
        for cite in result.citations:
            if cite.path not in by_path or cite.target not in self.by_id:
                continue
            src, title, heads, is_doc = by_path[cite.path]
            if is_doc and src == document_src(self.by_id[cite.target]):
                continue  # a document pointing into itself is not a backlink
            section = _section_at(heads, cite.line)
            key = (cite.target, src, section.anchor if section else None, cite.anchor)
            if key not in seen:
                seen.add(key)
                links[cite.target].append(Backlink(src, title, section, cite.anchor, is_doc))
        return links


def _section_at(heads: list[Heading], line: int) -> Heading | None:
    """The nearest heading (level 2 or deeper) above a line."""
    sections = [h for h in heads if h.level >= 2]
    index = bisect.bisect_left([h.line for h in sections], line)
    return sections[index - 1] if index else None


class Linker:
    """Links between the pages of one build, in Markdown or as final URLs."""

    def __init__(self, site: SiteModel) -> None:
        self.site = site
        self.directory_urls = site.project.use_directory_urls

    def md(self, from_src: str, doc: Document, anchor: str | None = None) -> str | None:
        """Relative .md link (MkDocs checks and rewrites it); None outside the edition."""
        if not self.site.includes(doc):
            return None
        return relative_src_link(from_src, document_src(doc), anchor)

    def url(self, from_src: str, to_src: str, anchor: str | None = None) -> str:
        """Final relative URL, for raw HTML that MkDocs does not rewrite."""
        return link_between(from_src, to_src, self.directory_urls, anchor)

    def doc_url(self, from_src: str, doc: Document, anchor: str | None = None) -> str | None:
        return self.url(from_src, document_src(doc), anchor) if self.site.includes(doc) else None

    def basis_html(self, from_src: str, target: str, anchor: str | None) -> str:
        """'<a href=…>Kết luận 18-KL/TW › Provision</a>' for a basis (plain text outside the edition, '' if unknown)."""
        doc = self.site.by_id.get(target)
        if doc is None:
            return ""
        url = self.doc_url(from_src, doc, anchor)
        text = html.escape(basis_label(doc, anchor))
        return f'<a href="{html.escape(url)}">{text}</a>' if url else text

    def link_markdown(self, text: str, from_src: str, *, path: str, first_line: int = 1,
                      scope: str | None = None, self_id: str | None = None) -> LinkResult:
        def url_for(doc: Document, anchor: str | None) -> str | None:
            return self.md(from_src, doc, anchor)

        plan = self.site.link_plans.get((text, path, first_line, scope, self_id))  # resolved by the loader
        return link_text(text, self.site.resolver, url_for, path=path, first_line=first_line, scope=scope,
                         self_id=self_id, plan=plan)


