"""Meeting checklists: one Markdown file each under docs/bang-kiem/, phases before, during, after.

Every item has a stable id (the browser keeps ticks by checklist and item id, so
an edition that adds or removes an item keeps the other ticks) and a basis in a
document of the base. Checked with the same rules and messages as documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .body import summary
from .frontmatter import SourceFile
from .model import Source
from .problems import Problems
from .resolve import Resolver
from .topics import Basis, parse_basis, resolved
from .validate import Checker, check_slug, check_sources

CHECKLISTS_FOLDER = "bang-kiem"
PHASES = {"truoc": "Trước buổi họp", "trong": "Trong buổi họp", "sau": "Sau buổi họp"}
CHECKLIST_KEYS = {"id": True, "title": True, "summary": True, "phases": True, "sources": False}
PHASE_KEYS = {"id": True, "title": True, "items": True}
ITEM_KEYS = {"id": True, "text": True, "basis": True}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    basis: Basis


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass
class Checklist:
    id: str
    title: str
    summary: str
    phases: list[Phase]
    path: str
    src: str
    sources: list[Source] = field(default_factory=list)
    intro: str = ""

    def items(self) -> list[Item]:
        return [item for phase in self.phases for item in phase.items]


def build_checklist(source: SourceFile, src: str, problems: Problems,
                    registry: dict[str, Source]) -> Checklist | None:
    check = Checker(source, problems, registry)
    meta = source.meta
    check.keys(meta, CHECKLIST_KEYS, (), "")
    checklist_id = check_slug(check, meta["id"], ("id",), "id") if "id" in meta else None
    title = check.text(meta["title"], ("title",), "title") if "title" in meta else None
    blurb = check.text(meta["summary"], ("summary",), "summary") if "summary" in meta else None
    phases = _phases(check, meta["phases"]) if "phases" in meta else []
    sources = check_sources(check, meta["sources"], ("sources",)) if "sources" in meta else []
    if not summary(source.body):
        problems.add(source.path, source.body_line, "phần nội dung cần một đoạn mở đầu")
    if checklist_id is None:
        return None
    return Checklist(checklist_id, title or "", blurb or "", phases, source.path, src, sources, summary(source.body))


def _phases(check: Checker, value: Any) -> list[Phase]:
    items = check.list_of(value, ("phases",), "phases", at_least_one="giai đoạn")
    phases: list[Phase] = []
    ids: list[tuple[int, str]] = []  # (index in the list, id) of each phase with a valid id
    seen_items: set[str] = set()
    for i, raw in enumerate(items):
        path = ("phases", i)
        if not isinstance(raw, dict):
            check.error(path, "mỗi giai đoạn cần 'id', 'title' và 'items'")
            continue
        check.keys(raw, PHASE_KEYS, path, " trong 'phases'")
        phase_id = check.choice(raw.get("id"), (*path, "id"), "phases.id", list(PHASES)) if "id" in raw else None
        title = check.text(raw.get("title"), (*path, "title"), "phases.title") if "title" in raw else None
        entries = _items(check, raw.get("items"), (*path, "items"), seen_items) if "items" in raw else []
        if phase_id:
            ids.append((i, phase_id))
        if phase_id and title and all(p.id != phase_id for p in phases):
            phases.append(Phase(phase_id, title, tuple(entries)))
    _check_phase_order(check, ids)
    return phases


def _check_phase_order(check: Checker, ids: list[tuple[int, str]]) -> None:
    """Each phase once, in the order of a meeting. Which line the editor changed cannot be known, so a
    repeated phase is reported at each of its lines, naming the others; phases out of order are reported
    once, at the first that is out of place, with the order found."""
    lines = {i: check.source.line("phases", i, "id") for i, _id in ids}
    repeated = False
    for i, phase_id in ids:
        others = [lines[j] for j, other in ids if other == phase_id and j != i]
        if others:
            repeated = True
            check.error(("phases", i, "id"), f"giai đoạn '{phase_id}' bị lặp lại (cũng có ở dòng "
                        f"{', '.join(map(str, others))}); mỗi giai đoạn chỉ ghi một lần")
    order = list(PHASES)
    wanted = sorted(ids, key=lambda pair: order.index(pair[1]))
    if repeated or wanted == ids:
        return
    first = next(i for (i, phase_id), (_j, should) in zip(ids, wanted, strict=True) if phase_id != should)
    found = ", ".join(f"'{phase_id}'" for _i, phase_id in ids)
    check.error(("phases", first, "id"), "các giai đoạn phải theo thứ tự 'truoc', 'trong', 'sau'; ở đây là "
                f"{found}")


def _items(check: Checker, value: Any, path: tuple[str | int, ...], seen: set[str]) -> list[Item]:
    raw_items = check.list_of(value, path, "items", at_least_one="việc")
    found = []
    for i, raw in enumerate(raw_items):
        where = (*path, i)
        if not isinstance(raw, dict):
            check.error(where, "mỗi việc cần 'id', 'text' và 'basis'")
            continue
        check.keys(raw, ITEM_KEYS, where, " trong 'items'")
        item_id = check_slug(check, raw["id"], (*where, "id"), "items.id") if "id" in raw else None
        text = check.text(raw.get("text"), (*where, "text"), "items.text") if "text" in raw else None
        basis = parse_basis(check, raw["basis"], (*where, "basis")) if "basis" in raw else None
        if item_id and item_id in seen:
            check.error((*where, "id"), f"mã việc '{item_id}' bị lặp lại trong bảng kiểm")
            continue
        if item_id:
            seen.add(item_id)
        if item_id and text and basis:
            found.append(Item(item_id, text, basis))
    return found


def resolve_checklists(checklists: list[Checklist], resolver: Resolver, problems: Problems) -> None:
    """Point every item's basis at a document id; unknown documents and anchors are errors."""
    for checklist in checklists:
        path = checklist.path
        checklist.phases = [replace(phase, items=tuple(replace(item, basis=b) for item in phase.items
                                                       if (b := resolved(item.basis, resolver, path, problems))))
                            for phase in checklist.phases]
