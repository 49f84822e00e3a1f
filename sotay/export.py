"""Open-data export of the knowledge base as JSON."""

from __future__ import annotations

import json
from typing import Any

from .loader import DOCUMENTS_SECTION
from .model import Document, KnowledgeBase, Source
from .project import Project


def document_url(doc: Document, project: Project) -> str:
    """The public URL of a document's page (absolute when site_url is set)."""
    page = f"{DOCUMENTS_SECTION}/{doc.id}/" if project.use_directory_urls else f"{DOCUMENTS_SECTION}/{doc.id}.html"
    base = project.site_url.rstrip("/")
    return f"{base}/{page}" if base else page


def _source(source: Source) -> dict[str, Any]:
    return {
        "publication": source.publication,
        "title": source.title,
        "date": source.date.iso() if source.date else None,
        "url": source.url,
        "note": source.note,
        "ref": source.ref,
        "supports": list(source.supports),
    }


def document_record(doc: Document, project: Project) -> dict[str, Any]:
    return {
        "id": doc.id,
        "number": doc.number,
        "type": doc.type,
        "title": doc.title,
        "issuer": doc.issuer,
        "term": doc.term,
        "issued": doc.issued.iso() if doc.issued else None,
        "scope": doc.scope,
        "status": doc.status,
        "relations": [{"type": r.type, "target": r.target, "unverified": r.unverified} for r in doc.relations],
        "sources": [_source(s) for s in doc.sources],
        "unverified": list(doc.unverified),
        "provisions": [{"anchor": p.anchor, "title": p.title} for p in doc.provisions],
        "themes": list(doc.themes),
        "url": document_url(doc, project),
    }


def export_data(kb: KnowledgeBase, project: Project) -> dict[str, Any]:
    """The whole base as plain data, documents in a stable order (by id)."""
    docs = sorted(kb.documents, key=lambda d: d.id)
    return {"documents": [document_record(d, project) for d in docs]}


def export_json(kb: KnowledgeBase, project: Project) -> str:
    return json.dumps(export_data(kb, project), ensure_ascii=False, indent=2) + "\n"
