"""A course pack as one HTML article: cover, table of contents, numbered sections, sources, content date.

The same article is the site's printable page and the PDF's body, so the two
cannot differ. Links are the caller's: the site links pages by URL, the PDF
points every document at its entry in the pack's own list of sources.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html import escape

import markdown

from .body import masked_lines, section
from .checklists import Checklist
from .courses import REFERENCE_KINDS, Course, Module
from .loader import LoadResult
from .model import Document, Provision
from .render import UNVERIFIED, definition_rows, metadata_rows, source_html
from .resolve import Resolver, basis_label, display_name, link_text, short_name
from .site import SiteModel, content_date, stamp_text
from .template_pages import form_html
from .templates import Template
from .topics import MEETINGS, Topic
from .vocabulary import vocabulary

LEVELS = {"summary": "Bản tóm tắt", "full": "Bản đầy đủ"}
OWN_WORK = ("Phần giảng, câu hỏi thảo luận và câu hỏi kiểm tra là gợi ý của Sổ tay, soạn từ các văn bản ghi trong "
            "tài liệu; đó không phải nội dung chính thức của các văn bản ấy. Phần về văn bản ghi lại những gì các "
            "nguồn nêu, kèm nguồn ở cuối tài liệu.")
MARKDOWN_EXTENSIONS = ["attr_list", "tables", "admonition", "md_in_html", "sane_lists"]
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
ID_ATTR = re.compile(r'\sid="([^"]*)"')
HREF = re.compile(r'<a\s+href="([^"]*)"([^>]*)>(.*?)</a>', re.S)
# An editor's Markdown link to another page of the site, as written: [label](../bang-kiem/a.md#b "title")
PAGE_LINK = re.compile(r'(?<!!)\[[^\]\n]*\]\(([^)\s]+?\.md(?:#[^)\s]*)?)(?:\s+"[^"\n]*")?\)')
# Anchors of the pack's own parts; module ids are slugs, which never hold '--', so nothing collides.
INTRO_ID = "kh--gioi-thieu"
SOURCES_ID = "kh--nguon"

DocumentLink = Callable[[Document, str | None], str | None]
PageLink = Callable[[str], str | None]


@dataclass
class PackBase:
    """What a pack draws on: the base's documents, its structured pages, and the stamp of the content."""

    documents: dict[str, Document]
    resolver: Resolver
    topics: dict[str, Topic]
    checklists: dict[str, Checklist]
    templates: dict[str, Template]
    content_date: str  # ISO
    edition: str  # the edition's name: toan-quoc, quang-tri…
    version: str

    def page(self, kind: str, item_id: str) -> tuple[str, str, str]:
        """(title, summary, src) of a topic, checklist or template a module pulls in."""
        found: Topic | Checklist | Template
        if kind == "topics":
            found = self.topics[item_id]
        elif kind == "checklists":
            found = self.checklists[item_id]
        else:
            found = self.templates[item_id]
        return found.title, found.summary, found.src


def pack_base(result: LoadResult, site: SiteModel, version: str) -> PackBase:
    """What packs of one edition draw on: its documents only (others print as plain names), its content date."""
    return PackBase(dict(site.by_id), site.resolver, {t.id: t for t in result.topics},
                    {c.id: c for c in result.checklists}, {t.id: t for t in result.templates},
                    content_date(site.documents), site.edition, version)


@dataclass(frozen=True)
class PackLinks:
    """How the pack links out: a document (and provision), and a page of the site by its src (None: plain text)."""

    document: DocumentLink
    page: PageLink
    # An editor's own Markdown link in the trainer text ('../bang-kiem/x.md'): its final URL, or None to drop it.
    relative: PageLink
    # Told of an editor's link to a page the site does not have: (path, line, link).
    missing: Callable[[str, int, str], None] | None = None


@dataclass(frozen=True)
class PackOptions:
    level: str = "full"  # summary: metadata and key points; full: every text
    trainer: bool = False  # the quiz answers
    interactive: bool = False  # the site's page: both levels and the answers, chosen on screen

    def shows_full(self) -> bool:
        return self.level == "full" or self.interactive


@dataclass
class _Toc:
    entries: list[tuple[int, str, str]] = field(default_factory=list)  # (depth, anchor, numbered title)

    def add(self, depth: int, anchor: str, title: str) -> str:
        self.entries.append((depth, anchor, title))
        return title



@cache
def _markdown() -> markdown.Markdown:
    """One converter for every text of every pack (building one costs more than converting a section)."""
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")


def markdown_html(text: str, top: int = 1, id_prefix: str = "") -> str:
    """Markdown to HTML, its highest heading made an h`top` and the others kept in order under it (at most h6),
    so that a text placed under an h3 never jumps to h5; heading ids prefixed."""
    out: str = _markdown().reset().convert(text)
    levels = [int(m.group(2)) for m in HEADING_TAG.finditer(out) if not m.group(1)]
    shift = top - min(levels) if levels else 0
    if shift:
        out = HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{max(1, min(int(m.group(2)) + shift, 6))}", out)
    if id_prefix:
        out = ID_ATTR.sub(lambda m: f' id="{id_prefix}{m.group(1)}"', out)
    return out


def document_anchor(doc: Document) -> str:
    return f"vb-{doc.id}"


class _Writer:
    """Renders one pack, collecting the documents it cites so that their sources close the pack."""

    def __init__(self, course: Course, base: PackBase, links: PackLinks, options: PackOptions) -> None:
        self.course = course
        self.base = base
        self.links = links
        self.options = options
        self.toc = _Toc()
        self.cited: dict[str, Document] = {}

    def cite(self, doc: Document) -> None:
        self.cited.setdefault(doc.id, doc)

    def text(self, text: str, first_line: int, top: int, id_prefix: str = "", scope: str | None = None,
             self_id: str | None = None) -> str:
        """Markdown of the base with its [[links]] and citations resolved, as HTML."""
        def url_for(doc: Document, anchor: str | None) -> str | None:
            if doc.id not in self.base.documents:
                return None  # outside the edition: a plain name
            self.cite(doc)
            return self.links.document(doc, anchor)

        pages = self._page_links(text, first_line)
        result = link_text(text, self.base.resolver, url_for, path=self.course.path, first_line=first_line,
                           scope=scope, self_id=self_id)
        out = self._rewrite(markdown_html(result.text, top, id_prefix), pages)
        doc = self.base.documents.get(self_id) if self_id else None
        return self._own_anchors(out, doc, id_prefix) if doc is not None else out

    def _own_anchors(self, out: str, doc: Document, id_prefix: str) -> str:
        """A document's links to its own parts ('#thoi-luong') lead, in a pack, to that part when this text
        holds it under its prefixed id, and otherwise to the part on the document's page."""
        def rewrite(m: re.Match[str]) -> str:
            href = html.unescape(m.group(1))
            if not href.startswith("#") or len(href) == 1:
                return m.group(0)
            anchor = href[1:]
            if id_prefix and f' id="{escape(id_prefix + anchor)}"' in out:
                url: str | None = f"#{id_prefix}{anchor}"
            else:
                url = self.links.document(doc, anchor)
            return f'<a href="{escape(url)}"{m.group(2)}>{m.group(3)}</a>' if url else m.group(3)

        return HREF.sub(rewrite, out)

    def _page_links(self, text: str, first_line: int) -> dict[str, str | None]:
        """The editor's links to other pages of the site, each with its final URL (None: dropped, told)."""
        found: dict[str, str | None] = {}
        for index, line, in_code in masked_lines(text):  # inline code is blanked: an example is not a link
            if in_code:
                continue
            for match in PAGE_LINK.finditer(line):
                href = match.group(1)
                url = self.links.relative(href)
                if url is None and self.links.missing is not None:
                    self.links.missing(self.course.path, first_line + index, href)
                found[href] = url
        return found

    @staticmethod
    def _rewrite(out: str, pages: dict[str, str | None]) -> str:
        """Point the editor's page links at their final URLs; every link the pack made itself stays."""
        def rewrite(m: re.Match[str]) -> str:
            href = html.unescape(m.group(1))
            if href not in pages:
                return m.group(0)
            url = pages[href]
            return f'<a href="{escape(url)}"{m.group(2)}>{m.group(3)}</a>' if url else m.group(3)

        return HREF.sub(rewrite, out) if pages else out

    def doc_link(self, doc: Document, anchor: str | None = None, label: str | None = None) -> str:
        self.cite(doc)
        url = self.links.document(doc, anchor)
        text = escape(label or short_name(doc))
        return f'<a href="{escape(url)}">{text}</a>' if url else text

    def page_link(self, src: str, title: str) -> str:
        url = self.links.page(src)
        return f'<a href="{escape(url)}">{escape(title)}</a>' if url else escape(title)

    # The parts of the pack, in order.

    def cover(self) -> str:
        course, base, options = self.course, self.base, self.options
        copy = "" if options.interactive else (f"{LEVELS[options.level]}"
                                               + (" · Bản dành cho giảng viên (có đáp án)" if options.trainer else ""))
        rows = [("Đối tượng", course.audience), ("Thời lượng", course.duration),
                ("Số học phần", str(len(course.modules)))]
        meta = definition_rows((label, escape(value)) for label, value in rows)
        return (
            '<header class="sotay-pack-cover">'
            '<p class="sotay-pack-kicker">Sổ tay sinh hoạt chi bộ · Tài liệu bồi dưỡng</p>'
            f'<h1 class="sotay-pack-title">{escape(course.title)}</h1>'
            f'<p class="sotay-pack-summary">{escape(course.summary)}</p>'
            f'<dl class="sotay-pack-meta">{meta}</dl>'
            + (f'<p class="sotay-pack-copy">{escape(copy)}</p>' if copy else "")
            + f'<p class="sotay-pack-stamp">{escape(stamp_text(base.edition, base.version, base.content_date))}</p>'
            "</header>"
        )

    def intro(self) -> str:
        title = self.toc.add(1, INTRO_ID, "Giới thiệu")
        body = self.text(self.course.intro, self.course.body_line, top=3)
        return (f'<section class="sotay-pack-section sotay-pack-intro" id="{INTRO_ID}"><h2>{title}</h2>{body}'
                f'<p class="sotay-own-work">{escape(OWN_WORK)}</p>{self.plan()}</section>')

    def plan(self) -> str:
        rows = "".join(f"<tr><td>{n}</td><td>{escape(m.title)}</td><td>{escape(m.duration or '')}</td></tr>"
                       for n, m in enumerate(self.course.modules, 1))
        return ('<table class="sotay-pack-plan"><thead><tr><th>Học phần</th><th>Nội dung</th><th>Thời lượng</th>'
                f"</tr></thead><tbody>{rows}</tbody></table>")

    def module(self, number: int, module: Module) -> str:
        anchor = f"kh-{module.id}"
        head = self.toc.add(1, anchor, f"{number}. {module.title}")
        duration = f'<p class="sotay-pack-duration">Thời lượng gợi ý: {escape(module.duration)}</p>' \
            if module.duration else ""
        parts = [f'<section class="sotay-pack-module" id="{anchor}"><h2>{escape(head)}</h2>{duration}']
        subsections = [("Ý chính và phần giảng", self.lesson(module)), ("Văn bản cần nắm", self.documents(module)),
                       ("Tài liệu dùng trong buổi học", self.materials(module)),
                       ("Câu hỏi thảo luận", self.questions(module)), ("Câu hỏi kiểm tra", self.quiz(module))]
        sub = 0
        for title, content in subsections:
            if not content:
                continue
            sub += 1
            sub_anchor = f"{anchor}--{sub}"
            heading = self.toc.add(2, sub_anchor, f"{number}.{sub}. {title}")
            parts.append(f'<section id="{sub_anchor}"><h3>{escape(heading)}</h3>{content}</section>')
        parts.append("</section>")
        return "".join(parts)

    def lesson(self, module: Module) -> str:
        points = "".join(f"<li>{escape(p)}</li>" for p in module.key_points)
        out = f'<ul class="sotay-pack-points">{points}</ul>'
        if self.options.shows_full():
            out += self._full(self.text(module.text, module.text_line, top=4, id_prefix=f"kh-{module.id}--t-"))
        return out

    def _full(self, content: str) -> str:
        """Content only the full level prints (on the site, hidden when 'summary' is chosen)."""
        return f'<div class="sotay-pack-full">{content}</div>' if self.options.interactive else content

    def documents(self, module: Module) -> str:
        by_doc: dict[str, list[str | None]] = {}
        for basis in module.documents:
            by_doc.setdefault(basis.target, []).append(basis.anchor)
        parts = []
        for doc_id, anchors in by_doc.items():
            doc = self.base.documents.get(doc_id)
            if doc is None:
                continue  # outside the edition
            self.cite(doc)
            whole = None in anchors
            chosen = [p for p in doc.provisions if p.anchor in anchors]
            scope = ("Cả văn bản" if whole else
                     "Mục chọn: " + "; ".join(self.doc_link(doc, p.anchor, p.title) for p in chosen))
            meta = self._meta_line(doc)
            summary = self.text(doc.summary, doc.body_line, top=5, scope=doc.scope, self_id=doc.id)
            entry = [f'<div class="sotay-pack-document"><h4>{self.doc_link(doc, label=display_name(doc))}</h4>',
                     f'<p class="sotay-pack-docmeta">{meta}</p>', summary, f'<p class="sotay-pack-scope">{scope}</p>']
            if self.options.shows_full():
                entry.append(self._full(self._provisions(doc, None if whole else chosen, module)))
            entry.append("</div>")
            parts.append("".join(entry))
        return "".join(parts)

    def _meta_line(self, doc: Document) -> str:
        rows = metadata_rows(doc, only=("number", "issuer", "issued", "status"))
        return " · ".join(f"{label}: {value}" for label, value in rows)

    def _provisions(self, doc: Document, chosen: list[Provision] | None, module: Module) -> str:
        """The text of the chosen provisions, or of every top-level provision when the whole document is taken."""
        prefix = f"kh-{module.id}--{doc.id}--"
        parts = []
        for provision in chosen if chosen is not None else [p for p in doc.provisions if p.level == 2]:
            found = section(doc.body, provision.anchor, doc.body_line)
            if found is None:
                continue
            text, line = found
            parts.append(f'<h5 id="{prefix}{provision.anchor}">{escape(provision.title)}</h5>'
                         + self.text(text, line, top=6, id_prefix=prefix, scope=doc.scope, self_id=doc.id))
        return "".join(parts)

    def materials(self, module: Module) -> str:
        items = []
        for kind, word in REFERENCE_KINDS.items():
            for ref in module.references[kind]:
                title, blurb, src = self.base.page(kind, ref.id)
                heading = f"{escape(word.capitalize())}: {self.page_link(src, title)}"
                items.append(f'<div class="sotay-pack-material"><h4>{heading}</h4><p>{escape(blurb)}</p>'
                             f"{self._detail(kind, ref.id)}</div>")
        return "".join(items)

    def _detail(self, kind: str, item_id: str) -> str:
        """What a pulled-in page adds: a topic's meeting and cell types; in full, a checklist's items, a form."""
        if kind == "topics":
            topic = self.base.topics[item_id]
            cells = ", ".join(vocabulary().cell_types[c] for c in topic.cell_types)
            return f'<p class="sotay-pack-docmeta">{escape(MEETINGS[topic.meeting])} · {escape(cells)}</p>'
        if not self.options.shows_full():
            return ""
        if kind == "checklists":
            return self._full(self._checklist(self.base.checklists[item_id]))
        return self._full(form_html(self.base.templates[item_id]))

    def _checklist(self, checklist: Checklist) -> str:
        parts = []
        for phase in checklist.phases:
            items = "".join(f"<li>{escape(item.text)}</li>" for item in phase.items)
            parts.append(f'<h5>{escape(phase.title)}</h5><ul class="sotay-pack-checklist">{items}</ul>')
        return "".join(parts)

    def questions(self, module: Module) -> str:
        items = "".join(f"<li>{escape(q)}</li>" for q in module.questions)
        return f'<ol class="sotay-pack-questions">{items}</ol>'

    def quiz(self, module: Module) -> str:
        if not module.quiz:
            return ""
        items = []
        for item in module.quiz:
            # Lettered paragraphs, not a nested list: WeasyPrint pushes a nested list to the next page.
            body = f"<p>{escape(item.question)}</p>" + "".join(
                f'<p class="sotay-pack-choice">{letter}. {escape(choice)}</p>'
                for letter, choice in zip("ABCDEF", item.choices, strict=False))
            if self.options.trainer or self.options.interactive:
                basis = ""
                doc = self.base.documents.get(item.basis.target) if item.basis else None
                if item.basis is not None and doc is not None:
                    link = self.doc_link(doc, item.basis.anchor, basis_label(doc, item.basis.anchor))
                    basis = f' <span class="sotay-basis">Căn cứ: {link}</span>'
                answer = f"<strong>Đáp án:</strong> {escape(item.answer)}{basis}"
                body += (f'<details class="sotay-pack-answer"><summary>Đáp án</summary><p>{answer}</p></details>'
                         if self.options.interactive else f'<p class="sotay-pack-answer">{answer}</p>')
            items.append(f"<li>{body}</li>")
        return f'<ol class="sotay-pack-quiz">{"".join(items)}</ol>'

    def sources(self) -> str:
        """Every document the pack cites, with its facts as the base holds them and the sources behind them."""
        title = self.toc.add(1, SOURCES_ID, "Văn bản và nguồn")
        entries = []
        for doc in sorted(self.cited.values(), key=lambda d: (d.scope != "trung-uong", d.issued.sort_tuple()
                                                               if d.issued else (0, 0, 0), d.id)):
            rows = definition_rows(metadata_rows(doc, only=("number", "type", "issuer", "term", "issued", "scope",
                                                             "status", "themes")))
            items = "".join(f"<li>{source_html(s)}</li>" for s in doc.sources)
            entries.append(f'<div class="sotay-pack-source" id="{document_anchor(doc)}">'
                           f"<h3>{escape(display_name(doc))}</h3><dl>{rows}</dl>"
                           f"<p>Nguồn:</p><ol>{items}</ol></div>")
        course_sources = ""
        if self.course.sources:
            items = "".join(f"<li>{source_html(s)}</li>" for s in self.course.sources)
            course_sources = f"<h3>Nguồn khác của tài liệu</h3><ol>{items}</ol>"
        note = (f'<p>Những dữ kiện đánh dấu "{UNVERIFIED}" chưa được đối chiếu với nguồn; khi dùng cần kiểm tra '
                "lại với văn bản gốc.</p>")
        return (f'<section class="sotay-pack-section sotay-pack-sources" id="{SOURCES_ID}"><h2>{title}</h2>{note}'
                f"{''.join(entries)}{course_sources}</section>")

    def contents(self) -> str:
        items = "".join(f'<li class="sotay-pack-toc-{depth}"><a href="#{anchor}">{escape(title)}</a></li>'
                        for depth, anchor, title in self.toc.entries)
        return f'<nav class="sotay-pack-toc" aria-label="Mục lục"><h2>Mục lục</h2><ul>{items}</ul></nav>'


def pack_html(course: Course, base: PackBase, links: PackLinks, options: PackOptions) -> str:
    """The whole pack as one <article>: cover, contents, introduction, numbered modules, sources."""
    writer = _Writer(course, base, links, options)
    intro = writer.intro()
    modules = "".join(writer.module(n, m) for n, m in enumerate(course.modules, 1))
    sources = writer.sources()
    level = "full" if options.interactive else options.level
    trainer = " data-trainer" if options.trainer else ""
    return (f'<article class="sotay-pack" data-course="{escape(course.id)}" data-level="{level}"{trainer}>'
            f"{writer.cover()}{writer.contents()}{intro}{modules}{sources}</article>")
