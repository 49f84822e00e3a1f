"""Self-assessment criteria: a cell scores one of its meetings; one data file per criteria set under
docs/tu-danh-gia/. Adding a province's own set is a data change: a new file, no code."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .body import summary
from .frontmatter import SourceFile
from .problems import Problems
from .resolve import Resolver
from .topics import Basis, check_basis_list, parse_basis, resolved, resolved_all
from .validate import Checker, check_slug

ASSESSMENT_FOLDER = "tu-danh-gia"
SET_KEYS = {"id": True, "title": True, "summary": True, "owner": True, "basis": True, "groups": True,
            "levels": True}
GROUP_KEYS = {"title": True, "criteria": True}
CRITERION_KEYS = {"id": True, "text": True, "points": True, "basis": True}
LEVEL_KEYS = {"min": True, "label": True}


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    points: int
    basis: Basis


@dataclass(frozen=True)
class Level:
    min: int
    label: str


@dataclass
class CriteriaSet:
    id: str
    title: str
    summary: str
    owner: str  # whose criteria: the handbook's own, or a named province's document
    basis: list[Basis]
    groups: list[tuple[str, list[Criterion]]]
    levels: list[Level]
    path: str
    src: str
    intro: str = ""

    def total(self) -> int:
        return sum(c.points for _title, criteria in self.groups for c in criteria)



def build_criteria(source: SourceFile, src: str, problems: Problems) -> CriteriaSet | None:
    check = Checker(source, problems)
    meta = source.meta
    check.keys(meta, SET_KEYS, (), "")
    set_id = check_slug(check, meta["id"], ("id",), "id") if "id" in meta else None
    texts = {k: check.text(meta[k], (k,), k) if k in meta else None for k in ("title", "summary", "owner")}
    basis = check_basis_list(check, meta.get("basis"))
    groups = []
    seen: set[str] = set()
    for i, raw in enumerate(check.list_of(meta.get("groups", []), ("groups",), "groups")):
        if not isinstance(raw, dict):
            check.error(("groups", i), "mỗi nhóm cần 'title' và 'criteria'")
            continue
        check.keys(raw, GROUP_KEYS, ("groups", i), " trong 'groups'")
        title = check.text(raw.get("title"), ("groups", i, "title"), "groups.title") if "title" in raw else None
        criteria = [c for j, item in enumerate(check.list_of(raw.get("criteria", []), ("groups", i, "criteria"),
                                                             "groups.criteria"))
                    if (c := _criterion(check, item, ("groups", i, "criteria", j), seen)) is not None]
        if title:
            groups.append((title, criteria))
    levels = [lv for i, raw in enumerate(check.list_of(meta.get("levels", []), ("levels",), "levels"))
              if (lv := _level(check, raw, ("levels", i))) is not None]
    if set_id is None:
        return None
    return CriteriaSet(set_id, texts["title"] or "", texts["summary"] or "", texts["owner"] or "", basis, groups,
                       sorted(levels, key=lambda lv: -lv.min), source.path, src, summary(source.body))


def _criterion(check: Checker, raw: Any, path: tuple[str | int, ...], seen: set[str]) -> Criterion | None:
    if not isinstance(raw, dict):
        check.error(path, "mỗi tiêu chí cần 'id', 'text', 'points' và 'basis'")
        return None
    check.keys(raw, CRITERION_KEYS, path, " trong 'criteria'")
    crit_id = check_slug(check, raw["id"], (*path, "id"), "criteria.id") if "id" in raw else None
    if crit_id in seen:
        check.error((*path, "id"), f"mã tiêu chí '{crit_id}' bị lặp lại")
        return None
    text = check.text(raw.get("text"), (*path, "text"), "criteria.text") if "text" in raw else None
    points = check.integer(raw.get("points"), (*path, "points"), "criteria.points", 1, 100) if "points" in raw else 0
    basis = parse_basis(check, raw["basis"], (*path, "basis")) if "basis" in raw else None
    if crit_id and text and points and basis:
        seen.add(crit_id)
        return Criterion(crit_id, text, points, basis)
    return None


def _level(check: Checker, raw: Any, path: tuple[str | int, ...]) -> Level | None:
    if not isinstance(raw, dict):
        check.error(path, "mỗi mức cần 'min' (phần trăm điểm tối thiểu) và 'label'")
        return None
    check.keys(raw, LEVEL_KEYS, path, " trong 'levels'")
    low = check.integer(raw.get("min"), (*path, "min"), "levels.min", 0, 100) if "min" in raw else None
    label = check.text(raw.get("label"), (*path, "label"), "levels.label") if "label" in raw else None
    return Level(low, label) if low is not None and label else None


def resolve_criteria(sets: list[CriteriaSet], resolver: Resolver, problems: Problems) -> None:
    for criteria_set in sets:
        path = criteria_set.path
        criteria_set.basis = resolved_all(criteria_set.basis, resolver, path, problems)
        criteria_set.groups = [(title, [replace(c, basis=b) for c in criteria
                                        if (b := resolved(c.basis, resolver, path, problems)) is not None])
                               for title, criteria in criteria_set.groups]
