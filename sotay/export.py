"""Open-data export of the knowledge base as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from .checklists import Checklist
from .courses import REFERENCE_KINDS, Course, print_src
from .loader import LoadResult
from .model import Document, KnowledgeBase, Source
from .project import Project
from .site import edition_of
from .srcs import document_src
from .template_pages import docx_src
from .templates import Template
from .topics import Topic
from .urls import page_url


def _source(source: Source) -> dict[str, Any]:
    return {
        "publication": source.publication,
        "title": source.title,
        "date": source.date.iso() if source.date else None,
        "url": source.url,
        "read": source.read.iso() if source.read else None,
        "official": source.official,
        "claims": list(source.claims),
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
        "province_now": edition_of(doc.scope),
        "status": doc.status,
        "status_date": doc.status_date.iso() if doc.status_date else None,
        "added": doc.added.iso() if doc.added else None,
        "changes": [{"date": c.date.iso(), "note": c.note} for c in doc.changes],
        "relations": [{"type": r.type, "target": r.target, "unverified": r.unverified} for r in doc.relations],
        "sources": [_source(s) for s in doc.sources],
        "unverified": list(doc.unverified),
        "provisions": [{"anchor": p.anchor, "title": p.title} for p in doc.provisions],
        "themes": list(doc.themes),
        "url": _public(project, document_src(doc)),
    }


def _public(project: Project, src: str) -> str:
    """The public URL of a page (absolute when site_url is set)."""
    return project.public_url(page_url(src, project.use_directory_urls))


def topic_record(topic: Topic, project: Project) -> dict[str, Any]:
    return {
        "id": topic.id,
        "title": topic.title,
        "summary": topic.summary,
        "meeting": topic.meeting,
        "cell_types": list(topic.cell_types),
        "themes": list(topic.themes),
        "months": list(topic.months),
        "basis": [{"target": b.target, "anchor": b.anchor} for b in topic.basis],
        "sources": [_source(s) for s in topic.sources],
        "unverified": list(topic.unverified),
        "url": _public(project, topic.src),
    }


def checklist_record(checklist: Checklist, project: Project) -> dict[str, Any]:
    return {
        "id": checklist.id,
        "title": checklist.title,
        "phases": [{"id": p.id, "title": p.title,
                    "items": [{"id": i.id, "text": i.text,
                               "basis": {"target": i.basis.target, "anchor": i.basis.anchor}} for i in p.items]}
                   for p in checklist.phases],
        "url": _public(project, checklist.src),
    }


def template_record(template: Template, project: Project) -> dict[str, Any]:
    return {"id": template.id, "title": template.title, "docx": project.public_url(docx_src(template)),
            "url": _public(project, template.src)}


def course_record(course: Course, project: Project) -> dict[str, Any]:
    return {
        "id": course.id,
        "title": course.title,
        "audience": course.audience,
        "duration": course.duration,
        "modules": [{"id": m.id, "title": m.title, "duration": m.duration or None,
                     "documents": [{"target": b.target, "anchor": b.anchor} for b in m.documents],
                     **{kind: [r.id for r in m.references[kind]] for kind in REFERENCE_KINDS}}
                    for m in course.modules],
        "url": _public(project, course.src),
        "print_url": _public(project, print_src(course)),
    }


def export_items(kb: KnowledgeBase, result: LoadResult | None = None) -> dict[str, list[Any]]:
    """What the export holds, by kind, each list in a stable order (by id)."""
    def by_id(items: Iterable[Any]) -> list[Any]:
        return sorted(items, key=lambda item: item.id)
    return {"documents": by_id(kb.documents), "topics": by_id(result.topics) if result else [],
            "checklists": by_id(result.checklists) if result else [],
            "templates": by_id(result.templates) if result else [], "courses": by_id(result.courses) if result else []}


# How each kind of item becomes its record.
RECORDS: dict[str, Callable[[Any, Project], dict[str, Any]]] = {
    "documents": document_record, "topics": topic_record, "checklists": checklist_record,
    "templates": template_record, "courses": course_record}


def export_data(kb: KnowledgeBase, project: Project, result: LoadResult | None = None) -> dict[str, Any]:
    """The whole base as plain data, each list in a stable order (by id)."""
    return {kind: [RECORDS[kind](item, project) for item in items]
            for kind, items in export_items(kb, result).items()}


def record_json(record: dict[str, Any]) -> str:
    """A record's text as the export nests it: what json.dumps of the whole file writes, two levels in."""
    return json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def joined_json(texts: dict[str, list[str]]) -> str:
    """The export's text from each kind's record texts (record_json): json.dumps(export_data, indent=2), put
    together so that a rebuild while serving makes again only the records that changed."""
    kinds = [f'  "{kind}": [\n    ' + ",\n    ".join(made) + "\n  ]" if made else f'  "{kind}": []'
             for kind, made in texts.items()]
    return "{\n" + ",\n".join(kinds) + "\n}\n"


def export_json(kb: KnowledgeBase, project: Project, result: LoadResult | None = None) -> str:
    return joined_json({kind: [record_json(record) for record in records]
                        for kind, records in export_data(kb, project, result).items()})
