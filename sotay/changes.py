"""What is new in the handbook: documents added and entries changed, by date, as a page and an Atom feed.

The entries come from the documents themselves ('added', 'changes'), so the list cannot drift from
the content. Plain Python: the plugin only hands the page and the feed to the site.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape

from .model import Document, PartialDate
from .render import UNVERIFIED_HTML
from .resolve import display_name, short_name
from .site import Linker, SiteModel, edition_label, edition_words
from .srcs import CHANGES_SRC, FEED_SRC, document_src
from .text import sort_key
from .urls import page_url, relative_url

ATOM = "http://www.w3.org/2005/Atom"
# A tag URI (RFC 4151) names the feed and its entries for good, wherever the site is published.
TAG = "tag:so-tay-sinh-hoat-chi-bo,2026"


@dataclass(frozen=True)
class ChangeEntry:
    date: PartialDate
    doc: Document
    added: bool  # True: the document came into the handbook; False: its entry was changed
    note: str
    index: int  # the n-th change of the document on that day (0 for an addition), for a stable entry id


def change_entries(documents: list[Document]) -> list[ChangeEntry]:
    """Every addition and change, newest first; on one day, additions before changes, then in Vietnamese order.

    A change is numbered among the document's changes of the same day, so adding a change on
    another day never renumbers it (its feed entry keeps its id).
    """
    entries = [ChangeEntry(d.added, d, True, f"Thêm {display_name(d)}.", 0) for d in documents if d.added]
    for doc in documents:
        seen: dict[str, int] = {}
        for change in doc.changes:
            day = change.date.iso()
            seen[day] = seen.get(day, 0) + 1
            entries.append(ChangeEntry(change.date, doc, False, change.note, seen[day]))
    entries.sort(key=lambda e: (tuple(-x for x in e.date.sort_tuple()), not e.added, sort_key(e.doc.label),
                                e.index))
    return entries


def changes_page(site: SiteModel, linker: Linker) -> str:
    """The page 'Văn bản mới và thay đổi': one section a day, newest first.

    Notes are editors' free text: the list is written as HTML with every value escaped, so that
    nothing in a note (a Markdown link, a 'javascript:' address) becomes markup.
    """
    entries = change_entries(site.documents)
    lead = (f"Những văn bản Sổ tay mới đưa vào và những thông tin đã sửa ({edition_words(site.edition)}), ngày "
            "gần nhất ở trên. Mỗi lần sửa đều ghi theo nguồn nào; nguồn có trên trang của từng văn bản.")
    feed = escape(linker.url(CHANGES_SRC, FEED_SRC))
    parts = ["# Văn bản mới và thay đổi", "", lead, "",
             f'Theo dõi bằng trình đọc tin: <a href="{feed}" type="application/atom+xml">tệp Atom</a>.', ""]
    days: dict[str, list[ChangeEntry]] = {}
    for entry in entries:
        days.setdefault(entry.date.iso(), []).append(entry)
    for day, group in days.items():
        items = "".join(f"<li>{_entry_html(entry, linker)}</li>" for entry in group)
        parts += [f"## {group[0].date.vietnamese()} {{#ngay-{day}}}", "", f'<ul class="sotay-changes">{items}</ul>',
                  ""]
    if not entries:
        parts.append("Chưa có văn bản nào ghi ngày đưa vào Sổ tay.")
    return "\n".join(parts) + "\n"


def _entry_html(entry: ChangeEntry, linker: Linker) -> str:
    url = linker.doc_url(CHANGES_SRC, entry.doc)
    name = escape(short_name(entry.doc))
    if entry.doc.number and "number" in entry.doc.unverified:
        name += f" ({UNVERIFIED_HTML})"
    link = f'<a href="{escape(url)}">{name}</a>' if url else name
    kind = "Thêm" if entry.added else "Sửa"
    # A document without a number is named by its title already.
    text = (escape(entry.doc.title) if entry.doc.number else "") if entry.added else escape(entry.note)
    return f"<strong>{kind}</strong> {link}" + (f": {text}" if text else "")


def atom_feed(site: SiteModel) -> str:
    """The same entries as an Atom 1.0 feed; links are absolute when the site has a site_url."""
    entries = change_entries(site.documents)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "vi"})
    _text(feed, "id", f"{TAG}:{site.edition}:van-ban/thay-doi")
    _text(feed, "title", f"Sổ tay sinh hoạt chi bộ: văn bản mới và thay đổi ({edition_label(site.edition)})")
    _text(feed, "updated", _timestamp(entries[0].date) if entries else "2000-01-01T00:00:00Z")
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", "Sổ tay sinh hoạt chi bộ")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": _url(site, FEED_SRC)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": _url(site, CHANGES_SRC)})
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        kind = "them" if entry.added else f"sua-{entry.index}"  # the n-th change of that day
        _text(item, "id", f"{TAG}:van-ban/{entry.doc.id}/{entry.date.iso()}/{kind}")
        _text(item, "title", f"{'Thêm' if entry.added else 'Sửa'}: {short_name(entry.doc)}")
        _text(item, "updated", _timestamp(entry.date))
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": _url(site, document_src(entry.doc))})
        _text(item, "summary", entry.note)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _timestamp(date: PartialDate) -> str:
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _url(site: SiteModel, src: str) -> str:
    """A page's URL: absolute with site_url, else relative to the feed (readers resolve it against the feed)."""
    project = site.project
    url = page_url(src, project.use_directory_urls)
    return project.public_url(url) if project.site_url else relative_url(url, FEED_SRC)
