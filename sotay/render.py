"""Markdown for generated pages: one page per document and the documents index.

Plain strings in, plain strings out: the site plugin only hands them to MkDocs.
"""

from __future__ import annotations

from .model import Document, KnowledgeBase, Source
from .resolve import display_name
from .schema import FIELD_LABELS
from .text import sort_key
from .vocabulary import vocabulary

UNVERIFIED = "chưa đối chiếu"


def _mark(doc: Document, name: str, value: str) -> str:
    return f'{value} <span class="sotay-unverified">({UNVERIFIED})</span>' if name in doc.unverified else value


def metadata_rows(doc: Document) -> list[tuple[str, str]]:
    """(label, value) rows of a document's metadata, unverified fields marked."""
    vocab = vocabulary()
    rows = [
        ("Số hiệu", _mark(doc, "number", doc.number or "không rõ")),
        ("Loại văn bản", _mark(doc, "type", vocab.document_types[doc.type])),
        ("Cơ quan ban hành", _mark(doc, "issuer", doc.issuer)),
    ]
    if doc.term:
        rows.append(("Khóa", _mark(doc, "term", doc.term)))
    rows += [
        ("Ngày ban hành", _mark(doc, "issued", doc.issued.vietnamese() if doc.issued else "chưa rõ")),
        ("Phạm vi", vocab.scopes[doc.scope]),
        ("Tình trạng", _mark(doc, "status", vocab.statuses[doc.status])),
    ]
    return rows


def document_page(doc: Document, kb: KnowledgeBase, link: dict[str, str]) -> str:
    """The Markdown of a document's page; `link` maps document ids to [[...]] targets."""
    parts = [f"# {display_name(doc)}", "", "| Thông tin | |", "|---|---|"]
    parts += [f"| {label} | {value} |" for label, value in metadata_rows(doc)]
    parts += ["", doc.body.strip(), ""]
    parts += _relations(doc, kb, link)
    parts += ["## Nguồn {#nguon}", ""]
    parts += [f"- {source_line(source)}" for source in doc.sources]
    return "\n".join(parts) + "\n"


def source_line(source: Source) -> str:
    """'Báo Đắk Nông: “…”, 29/11/2023. Xác nhận: số hiệu, tình trạng. Ghi chú.'"""
    text = f"{source.publication}: “{source.title}”"
    if source.date:
        text += f", {source.date.vietnamese()}"
    text += "."
    if source.supports:
        text += " Xác nhận: " + ", ".join(FIELD_LABELS[f] for f in source.supports) + "."
    if source.note:
        text += f" {source.note}"
    return text


def _relations(doc: Document, kb: KnowledgeBase, link: dict[str, str]) -> list[str]:
    kinds = vocabulary().relation_types
    lines = [f"- {kinds[r.type].label}: [[{link[r.target]}]]{_unverified_rel(r.unverified)}" for r in doc.relations]
    lines += [f"- {kinds[r.type].inverse}: [[{link[src.id]}]]{_unverified_rel(r.unverified)}"
              for src, r in kb.incoming(doc.id)]
    return ["## Quan hệ với văn bản khác {#quan-he}", "", *lines, ""] if lines else []


def _unverified_rel(flag: bool) -> str:
    return f" ({UNVERIFIED})" if flag else ""


def index_page(kb: KnowledgeBase, link: dict[str, str]) -> str:
    """The list of all documents: central first, then by province, each in Vietnamese order."""
    vocab = vocabulary()
    parts = ["# Văn bản", "", f"Cơ sở hiện có {len(kb.documents)} văn bản.", ""]
    scopes = sorted({d.scope for d in kb.documents}, key=lambda s: (s != "trung-uong", sort_key(vocab.scopes[s])))
    for scope in scopes:
        parts += [f"## {vocab.scopes[scope]}", ""]
        docs = sorted((d for d in kb.documents if d.scope == scope), key=lambda d: sort_key(display_name(d)))
        parts += [f"- [[{link[d.id]}|{display_name(d)}]]" for d in docs]
        parts.append("")
    return "\n".join(parts)


def link_targets(kb: KnowledgeBase) -> dict[str, str]:
    """The [[...]] target that names each document unambiguously: its id."""
    return {d.id: d.id for d in kb.documents}
