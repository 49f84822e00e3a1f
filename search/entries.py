"""What search finds: documents, their provisions and the site's own pages, as plain-text entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from sotay.assessment import CriteriaSet
from sotay.body import headings, sections
from sotay.checklists import Checklist
from sotay.courses import Course
from sotay.loader import LoadResult, SitePage, without_front_matter
from sotay.memo import Memo, kept
from sotay.model import Document
from sotay.page_keys import fingerprint
from sotay.resolve import display_name, short_name
from sotay.site import SiteModel
from sotay.srcs import document_src
from sotay.templates import Template
from sotay.topics import Topic
from sotay.urls import page_url

from .kinds import ALL_CELLS

SUMMARY_CHARS = 240

_WIKILINK = re.compile(r"\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_TAGS = re.compile(r"<[^>]+>")
_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d+\.[ \t]+|>[ \t]?|\|)|[*_`|]+", re.M)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    title: str
    number: str
    url: str  # site-relative, e.g. van-ban/ket-luan-18-kl-tw/#yeu-cau
    cells: tuple[str, ...]
    text: str
    # For a whole document: (anchor, title, start, end) of each provision inside `text`.
    sections: tuple[tuple[str, str, int, int], ...] = ()

    @property
    def summary(self) -> str:
        if len(self.text) <= SUMMARY_CHARS:
            return self.text
        cut = self.text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
        return cut + "…"


def plain_markdown(markdown: str) -> str:
    """Text as a reader sees it: link labels kept, markup, anchors and tags dropped."""
    text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), markdown)
    text = _LINK.sub(r"\1", text)
    text = _TAGS.sub(" ", _ATTRS.sub("", text))
    return _SPACE.sub(" ", _MARKS.sub(" ", text)).strip()


def _sections(body: str, first_line: int) -> list[tuple[str, str, str]]:
    """(anchor, title, text) of each level-2/3 section of a body."""
    heads = [h for h in headings(body, first_line) if h.level in (2, 3)]
    return [(head.anchor, head.title, plain_markdown(text)) for head, text, _line in sections(body, heads, first_line)]


def document_entries(doc: Document, use_directory_urls: bool, split: bool = True) -> list[Entry]:
    """With split=True an entry per provision (the browser's index); else one entry that knows its provisions."""
    url = page_url(document_src(doc), use_directory_urls)
    sections = _sections(doc.body, doc.body_line)
    if not split:
        return [_whole_document(doc, url, sections)]
    # The document's own entry carries its summary; each provision carries its section,
    # so every sentence is indexed once.
    whole = Entry(doc.id, "document", display_name(doc), doc.number or "", url, (ALL_CELLS,),
                  plain_markdown(doc.summary) if sections else plain_markdown(doc.body))
    parts = [Entry(f"{doc.id}#{anchor}", "document", f"{short_name(doc)} › {title}", "", f"{url}#{anchor}",
                   (ALL_CELLS,), text) for anchor, title, text in sections]
    return [whole, *parts]


def _whole_document(doc: Document, url: str, sections: list[tuple[str, str, str]]) -> Entry:
    text = plain_markdown(doc.summary) if sections else plain_markdown(doc.body)
    spans = []
    for anchor, title, section in sections:
        start = len(text) + 1
        text = f"{text} {section}"
        spans.append((anchor, title, start, len(text)))
    return Entry(doc.id, "document", display_name(doc), doc.number or "", url, (ALL_CELLS,), text, tuple(spans))


def checklist_entry(checklist: Checklist, use_directory_urls: bool) -> Entry:
    text = " ".join([checklist.summary, *(item.text for item in checklist.items())])
    return Entry(checklist.id, "checklist", checklist.title, "", page_url(checklist.src, use_directory_urls),
                 (ALL_CELLS,), text)


def template_entry(template: Template, use_directory_urls: bool) -> Entry:
    text = " ".join([template.summary, plain_markdown(template.intro),
                     *(f"{b.heading} {' '.join(b.fields)}" for b in template.blocks)])
    return Entry(template.id, "template", template.title, "", page_url(template.src, use_directory_urls),
                 (ALL_CELLS,), text)


def course_entry(course: Course, use_directory_urls: bool) -> Entry:
    """A course, found by its audience, its modules' titles and key points, and the trainer's text."""
    parts = [course.summary, course.audience, plain_markdown(course.intro)]
    for module in course.modules:
        parts += [module.title, *module.key_points, plain_markdown(module.text)]
    return Entry(course.id, "course", course.title, "", page_url(course.src, use_directory_urls), (ALL_CELLS,),
                 " ".join(parts))


def criteria_entry(criteria: CriteriaSet, use_directory_urls: bool) -> Entry:
    """A self-assessment set, found by its criteria."""
    text = " ".join([criteria.summary, plain_markdown(criteria.intro),
                     *(f"{title} {' '.join(c.text for c in items)}" for title, items in criteria.groups)])
    return Entry(criteria.id, "page", criteria.title, "", page_url(criteria.src, use_directory_urls), (ALL_CELLS,),
                 text)


def page_entry(page: SitePage, use_directory_urls: bool, topic: Topic | None = None) -> Entry:
    """A site page; a topic page is found as a topic, for the cell types it suits."""
    text = plain_markdown(without_front_matter(page.text))
    if topic is not None:
        return Entry(topic.id, "topic", topic.title, "", page_url(page.src, use_directory_urls),
                     tuple(topic.cell_types), f"{topic.summary} {text}")
    return Entry(page.src, "page", page.title, "", page_url(page.src, use_directory_urls), (ALL_CELLS,), text)


def build_entries(result: LoadResult, site: SiteModel, split: bool = True,
                  memo: Memo | None = None, prints: dict[str, str] | None = None) -> list[Entry]:
    """Every entry of one edition, documents first (split into provisions unless split=False).

    `memo` keeps each document's entries by its fingerprint, and each page's by what it reads, from one build to
    the next (while serving). `prints` are the fingerprints by id, when the build has them."""
    directory_urls = site.project.use_directory_urls
    entries: list[Entry] = []
    for doc in site.documents:
        doc_key = (prints[doc.id] if prints else fingerprint(doc), directory_urls, split) if memo is not None else None
        entries += kept(memo, doc_key, partial(document_entries, doc, directory_urls, split))
    topics = {t.src: t for t in site.topics}
    # Structured pages are found by what they say, never by their front matter.
    structured = {c.src: checklist_entry(c, directory_urls) for c in result.checklists}
    structured |= {t.src: template_entry(t, directory_urls) for t in result.templates}
    structured |= {c.src: course_entry(c, directory_urls) for c in result.courses}
    structured |= {c.src: criteria_entry(c, directory_urls) for c in result.criteria}
    for page in result.pages:
        if page.src in structured or page.src in site.left_out:
            continue
        topic = topics.get(page.src)
        # What page_entry reads: the page's text and, for a topic, its id, title, cell types and summary.
        read = (topic.id, topic.title, tuple(topic.cell_types), topic.summary) if topic is not None else None
        key = ("page", page.src, page.text, read, directory_urls) if memo is not None else None
        entries.append(kept(memo, key, partial(page_entry, page, directory_urls, topic)))
    if memo is not None:
        memo.end_load()
    return [*entries, *structured.values()]

