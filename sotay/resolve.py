"""Cross-links: [[18-KL/TW]], [[18-KL/TW|nhãn]], [[12-HD/BTCTW#anchor]], [[05-CT/TW@2016]].

Resolution is pure: given the base, a text and a way to make URLs, it returns
the linked text and what it could not resolve; it never raises and never
drops an unresolved link silently.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .body import find_bare_citations, find_citations, find_unclosed, find_wikilinks
from .model import Document, KnowledgeBase, number_key
from .problems import one_of
from .vocabulary import vocabulary

_LEADING = re.compile(r"\d+")
_NUMBERED = re.compile(r"^(\d+)[a-z]?-([^/]+)/")
# The code a document number carries for its kind: 232-QĐ/TW is a Quy định (or a Quyết định).
KIND_CODES = {"chi-thi": ("ct",), "ket-luan": ("kl",), "nghi-quyet": ("nq",), "huong-dan": ("hd",),
              "quy-dinh": ("qđ", "qđi"), "quyet-dinh": ("qđ",), "ke-hoach": ("kh",), "de-an": ("đa",),
              "chuong-trinh": ("ctr",), "cong-van": ("cv",), "thong-bao": ("tb",)}


@dataclass(frozen=True)
class Unresolved:
    """A link the resolver could not follow, where it stands and why."""

    path: str
    line: int
    raw: str
    message: str
    key: str = ""  # what names the same missing document however it is written ('chi-thi:29'); raw when empty


@dataclass(frozen=True)
class Citation:
    """A resolved link or citation from a text to a document (and maybe a provision)."""

    path: str
    line: int
    target: str
    anchor: str | None


@dataclass
class LinkResult:
    text: str
    citations: list[Citation]
    unresolved: list[Unresolved]
    missing: list[Unresolved]  # plain citations of documents the base does not have


@dataclass(frozen=True)
class Link:
    """Where a text links to a document, before any URL: the span to replace, the document's id (looked up
    again when the link is made, so a link kept from an earlier load shows the document as it is now), the
    provision, and the label written (None: the document's own)."""

    start: int
    end: int
    target: str
    anchor: str | None
    label: str | None


@dataclass
class LinkPlan:
    """What resolving a text finds, before any URL: the links to make, and what the result reports."""

    links: list[Link]
    citations: list[Citation]
    unresolved: list[Unresolved]
    missing: list[Unresolved]


# The URL of a document (and provision) from the page being linked; None when the
# document has no page in this build (another edition), so the label stays plain text.
UrlFor = Callable[[Document, str | None], str | None]


def display_name(doc: Document) -> str:
    """'Chỉ thị 10-CT/TW về nâng cao chất lượng sinh hoạt chi bộ'."""
    kind = vocabulary().document_types.get(doc.type, "")
    title = doc.title
    if kind and title.casefold().startswith(kind.casefold()):
        kind = ""  # the title names its kind already: "Điều lệ Đảng Cộng sản Việt Nam"
    if title[:3] in ("Về ", "về "):
        title = "về " + title[3:]
    elif doc.number:  # a title that is not "Về ..." is quoted after the number, as texts cite it
        title = f"“{title}”"
    return " ".join(part for part in (kind, doc.number or "", title) if part)


def short_name(doc: Document) -> str:
    """'Kết luận 18-KL/TW'; a document without a number is named by its type and title."""
    if doc.number is None:
        return display_name(doc)
    return f"{vocabulary().document_types.get(doc.type, '')} {doc.number}".strip()


def basis_label(doc: Document, anchor: str | None) -> str:
    """'Kết luận 18-KL/TW › Provision title': a document and the provision a basis points at."""
    return short_name(doc) + next((f" › {p.title}" for p in doc.provisions if p.anchor == anchor), "")


class Resolver:
    """Looks documents up by id, number, or number@year."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.by_id = kb.by_id()
        self.by_number = kb.by_number()
        self.labels = {label.casefold(): slug for slug, label in vocabulary().document_types.items()}
        # (type, leading number) of every numbered document: what a bare "Hướng dẫn số 12" may name.
        self.bare = {(d.type, int(m.group())) for d in kb.documents if d.number and (m := _LEADING.match(d.number))}

    def knows_bare(self, kind: str, number: str) -> bool:
        """Whether a citation by kind and number alone ('Kết luận 18') can name a document of the base."""
        return (self.labels.get(kind.casefold(), ""), int(number)) in self.bare

    def lookup(self, ref: str, scope: str | None = None, suggest: bool = True) -> tuple[Document | None, str]:
        """The document a reference names, or None and the reason."""
        ref = ref.strip()
        if ref in self.by_id:
            return self.by_id[ref], ""
        number, _, year = ref.partition("@")
        candidates = self.by_number.get(number_key(number), [])
        if year:
            candidates = [d for d in candidates if str(d.year) == year.strip()]
        if len(candidates) > 1 and scope:
            same_scope = [d for d in candidates if d.scope == scope]
            candidates = same_scope or candidates
        if len(candidates) == 1:
            return candidates[0], ""
        if candidates:
            keys = one_of(sorted(d.key if d.year and [c.year for c in candidates].count(d.year) == 1 else d.id
                                 for d in candidates))
            return None, f"'{ref}' ứng với nhiều văn bản: {keys}; hãy ghi rõ số hiệu kèm năm hoặc mã văn bản"
        return None, f"không có văn bản '{ref}' trong Sổ tay{self._suggest(ref) if suggest else ''}"

    def _suggest(self, ref: str) -> str:
        numbers = [d.number for docs in self.by_number.values() for d in docs if d.number]
        close = difflib.get_close_matches(ref, numbers + list(self.by_id), n=1, cutoff=0.85)
        return f" (có phải là '{close[0]}'?)" if close else ""


def parse_wikilink(inner: str) -> tuple[str, str | None, str | None]:
    """Split 'target#anchor|label' into its parts ('' for an anchor written empty after '#')."""
    target, _, label = inner.partition("|")
    target, hash_sign, anchor = target.partition("#")
    return target.strip(), (anchor.strip() if hash_sign else None), (label.strip() or None)


def anchor_problem(doc: Document, anchor: str | None) -> str:
    if anchor == "":
        return "thiếu tên mục sau dấu '#'"
    if anchor is None or anchor in doc.anchors():
        return ""
    known = one_of(f"#{a}" for a in sorted(doc.anchors())) or "không có mục nào"
    return f"văn bản {doc.label} không có mục '#{anchor}'; các mục: {known}"


def link_text(text: str, resolver: Resolver, url_for: UrlFor, *, path: str, first_line: int = 1,
              scope: str | None = None, self_id: str | None = None, plan: LinkPlan | None = None) -> LinkResult:
    """Turn [[links]] and plain citations into Markdown links. `plan` is plan_links' result for the same text
    and arguments, when the loader made it already."""
    if plan is None:
        plan = plan_links(text, resolver, path=path, first_line=first_line, scope=scope, self_id=self_id)
    # Lists of their own: a plan may be kept (LoadResult.link_plans, the memo while serving).
    return LinkResult(apply_links(text, plan.links, resolver, url_for), list(plan.citations),
                      list(plan.unresolved), list(plan.missing))


def apply_links(text: str, links: list[Link], resolver: Resolver, url_for: UrlFor) -> str:
    """The text with each link made for the page it goes on (a document without a page stays its label)."""
    edits = []
    for link in links:
        doc = resolver.by_id[link.target]
        edits.append((link.start, link.end, _markdown_link(doc.label if link.label is None else link.label,
                                                           url_for(doc, link.anchor), doc)))
    return _apply(text, edits)


def plan_links(text: str, resolver: Resolver, *, path: str, first_line: int = 1, scope: str | None = None,
               self_id: str | None = None) -> LinkPlan:
    """The [[links]] and plain citations of a text, resolved; no URL yet (apply_links makes them)."""
    result = LinkPlan([], [], [], [])
    for match, m in find_wikilinks(text, first_line):
        target, anchor, label = parse_wikilink(m.group(1))
        doc, reason = resolver.lookup(target, scope) if target else (None, _empty_target(m.group(1)))
        reason = reason or (anchor_problem(doc, anchor) if doc else "")
        if doc is None or reason:
            result.unresolved.append(Unresolved(path, match.line, match.raw, f"liên kết {match.raw}: {reason}"))
            continue
        result.citations.append(Citation(path, match.line, doc.id, anchor))
        result.links.append(Link(match.start, match.end, doc.id, anchor, label))
    for match, _m in find_unclosed(text, first_line):
        result.unresolved.append(Unresolved(path, match.line, match.raw, f"liên kết '{match.raw.strip()}' mở bằng "
                                            "'[[' nhưng chưa đóng bằng ']]'"))
    _link_citations(text, resolver, result, path, first_line, scope, self_id)
    for match, m in find_bare_citations(text, first_line):
        kind = m.group("kind") or m.group("lower")
        if not resolver.knows_bare(kind, m.group("number")):
            raw = " ".join(match.raw.split())
            raw = raw[:1].upper() + raw[1:]
            key = f"{resolver.labels.get(kind.casefold(), '')}:{int(m.group('number'))}"
            result.missing.append(Unresolved(path, match.line, raw, "văn bản chưa có trong Sổ tay", key))
    return result


def _empty_target(inner: str) -> str:
    if inner.strip().startswith("#"):
        return "thiếu văn bản đích trước dấu '#', ví dụ [[12-HD/BTCTW#neo]]"
    return "liên kết rỗng"


def _link_citations(text: str, resolver: Resolver, result: LinkPlan, path: str, first_line: int,
                    scope: str | None, self_id: str | None) -> None:
    for match, m in find_citations(text, first_line):
        number, year = m.group("number"), m.group("year")
        doc, _reason = resolver.lookup(f"{number}@{year}" if year else number, scope, suggest=False)
        if doc is None and year:  # the date may be the citing text's slip; try the number alone
            doc, _reason = resolver.lookup(number, scope, suggest=False)
        if doc is None:
            if not resolver.by_number.get(number_key(number)):
                result.missing.append(Unresolved(path, match.line, number, "văn bản chưa có trong Sổ tay",
                                                 number_key(number)))
            continue
        if doc.id == self_id:
            continue
        result.citations.append(Citation(path, match.line, doc.id, None))
        start = match.start + m.start("number") - m.start()
        result.links.append(Link(start, start + len(number), doc.id, None, number))


def _markdown_link(label: str, url: str | None, doc: Document) -> str:
    if url is None:
        return label
    tooltip = html.escape(display_name(doc))
    return f'[{html.escape(label, quote=False)}]({url} "{tooltip}")'


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping replacements in one pass."""
    parts, position = [], 0
    for start, end, replacement in sorted(edits):
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def group_missing(missing: list[Unresolved]) -> list[tuple[str, list[Unresolved]]]:
    """Citations of documents the base lacks, one group a document, named by its longest form, in order.

    '47 - KH/TU' and '47-KH/TU' are one document; a citation by kind and number alone ('Quy định 232')
    joins the one numbered citation it can name ('232-QĐ/TW'), and stays apart when it could name several.
    """
    groups: dict[str, list[Unresolved]] = {}
    for item in missing:
        groups.setdefault(item.key or item.raw, []).append(item)
    numbered: dict[tuple[str, int], list[str]] = {}
    for key in groups:
        found = _NUMBERED.match(key)
        if found:
            numbered.setdefault((found.group(2), int(found.group(1))), []).append(key)
    for key in [k for k in groups if ":" in k]:
        kind, _, number = key.partition(":")
        targets = [t for code in KIND_CODES.get(kind, ()) for t in numbered.get((code, int(number)), [])]
        if len(targets) == 1:
            groups[targets[0]] += groups.pop(key)
    # Named by its number when one citation gives it, else by the fullest words used.
    named = [(max((p.raw for p in places), key=lambda raw: (bool(_NUMBERED.match(number_key(raw))), len(raw))),
              places) for places in groups.values()]
    return sorted(named, key=lambda item: item[0])
