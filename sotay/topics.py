"""Topic suggestions for cell meetings: one Markdown file each under docs/chu-de/.

A topic is the handbook's own suggestion, resting on documents of the base
(`basis`); practices it describes name their sources. Topics are checked with
the same rules and the same messages as documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .body import headings, summary
from .frontmatter import SourceFile
from .model import Source
from .problems import Problems
from .resolve import Resolver, anchor_problem, parse_wikilink
from .validate import Checker, check_choices, check_slug, check_sources, shown
from .vocabulary import vocabulary

MEETINGS = {"chuyen-de": "Sinh hoạt chuyên đề", "thuong-ky": "Sinh hoạt thường kỳ"}
REQUIRED_SECTIONS = {"chuan-bi": "Chuẩn bị", "cau-hoi": "Câu hỏi thảo luận", "ket-qua": "Kết quả mong đợi"}
TOPIC_KEYS = {"id": True, "title": True, "summary": True, "meeting": True, "cell_types": True, "themes": True,
              "months": False, "basis": True, "sources": False, "unverified": False}
TOPICS_FOLDER = "chu-de"


@dataclass(frozen=True)
class Basis:
    """A document (and maybe a provision) a topic rests on; target is a document id once resolved."""

    target: str
    anchor: str | None
    line: int


@dataclass
class Topic:
    id: str
    title: str
    summary: str
    meeting: str
    cell_types: list[str]
    themes: list[str]
    months: list[int]
    basis: list[Basis]
    path: str
    src: str  # inside the docs folder: chu-de/<file>.md
    sources: list[Source] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    body: str = ""
    body_line: int = 1


def build_topic(source: SourceFile, src: str, problems: Problems, registry: dict[str, Source]) -> Topic | None:
    """Validate a topic file; the Topic, or None without a usable id."""
    check = Checker(source, problems, registry)
    meta = source.meta
    check.keys(meta, TOPIC_KEYS, (), "")
    vocab = vocabulary()
    topic_id = check_slug(check, meta["id"], ("id",), "id") if "id" in meta else None
    title = check.text(meta["title"], ("title",), "title") if "title" in meta else None
    blurb = check.text(meta["summary"], ("summary",), "summary") if "summary" in meta else None
    meeting = check.choice(meta.get("meeting"), ("meeting",), "meeting", list(MEETINGS)) if "meeting" in meta else None
    cells = _non_empty(check, meta, "cell_types", list(vocab.cell_types))
    themes = _non_empty(check, meta, "themes", list(vocab.themes))
    months = _months(check, meta.get("months", []))
    basis = check_basis_list(check, meta.get("basis"))
    sources = check_sources(check, meta["sources"], ("sources",)) if "sources" in meta else []
    unverified = check_choices(check, meta.get("unverified", []), ("unverified",), "unverified",
                               [k for k in TOPIC_KEYS if k != "id"])
    _check_body(source, problems)
    if topic_id is None:
        return None
    return Topic(topic_id, title or "", blurb or "", meeting or "", cells, themes, months, basis, source.path, src,
                 sources, unverified, source.body, source.body_line)


def _non_empty(check: Checker, meta: dict[str, Any], name: str, options: list[str]) -> list[str]:
    if name not in meta:
        return []
    return check_choices(check, meta[name], (name,), name, options, at_least_one="giá trị")


def _months(check: Checker, value: Any) -> list[int]:
    items = check.list_of(value, ("months",), "months", single=False) if not isinstance(value, int) else [value]
    months = []
    for i, item in enumerate(items):
        if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 12:
            months.append(item)
        else:
            check.error(("months", i), f"trường 'months': '{item}' không phải tháng (1 đến 12)")
    return sorted(set(months))


def check_basis_list(check: Checker, value: Any) -> list[Basis]:
    if value is None:
        return []
    items = check.list_of(value, ("basis",), "basis", single=True,
                          at_least_one="văn bản làm căn cứ, ví dụ \"[[12-HD/BTCTW]]\"")
    return [b for i, item in enumerate(items) if (b := parse_basis(check, item, ("basis", i))) is not None]


def parse_basis(check: Checker, value: Any, path: tuple[str | int, ...]) -> Basis | None:
    """One link '[[KEY#anchor]]' (brackets optional) to the document an entry rests on."""
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    inner = text[2:-2] if text.startswith("[[") and text.endswith("]]") else text
    target, anchor, _label = parse_wikilink(inner)
    if not target:
        name = ".".join([key for key in path if isinstance(key, str)][-2:])  # items.basis, quiz.basis, basis
        check.error(path, f"trường '{name}': {shown(value)} không phải liên kết tới văn bản, "
                    "ví dụ \"[[12-HD/BTCTW#sinh-hoat-chuyen-de]]\"")
        return None
    return Basis(target, anchor, check.source.line(*path))


def resolved(basis: Basis, resolver: Resolver, path: str, problems: Problems, what: str = "căn cứ") -> Basis | None:
    """The basis pointed at its document's id, or None after reporting why it cannot be."""
    doc, reason = resolver.lookup(basis.target)
    reason = reason or (anchor_problem(doc, basis.anchor) if doc else "")
    if doc is None or reason:
        problems.add(path, basis.line, f"{what} '{basis.target}': {reason}")
        return None
    return Basis(doc.id, basis.anchor, basis.line)


def _check_body(source: SourceFile, problems: Problems) -> None:
    if not summary(source.body):
        problems.add(source.path, source.body_line, "phần nội dung cần một đoạn mở đầu trước tiêu đề đầu tiên")
    anchors = {h.anchor for h in headings(source.body, source.body_line)}
    for anchor, title in REQUIRED_SECTIONS.items():
        if anchor not in anchors:
            problems.add(source.path, source.body_line, f"thiếu mục '## {title} {{#{anchor}}}' trong nội dung")


def resolved_all(basis: list[Basis], resolver: Resolver, path: str, problems: Problems) -> list[Basis]:
    """Each basis pointed at its document's id; those that cannot be are reported and left out."""
    return [b for item in basis if (b := resolved(item, resolver, path, problems)) is not None]


def resolve_basis(topics: list[Topic], resolver: Resolver, problems: Problems) -> None:
    """Point each basis at a document id; unknown documents and anchors are errors."""
    for topic in topics:
        topic.basis = resolved_all(topic.basis, resolver, topic.path, problems)
