"""Validate one document's front matter against the schema and build the model."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .frontmatter import SourceFile
from .model import Change, Document, PartialDate, Relation, Source
from .problems import Problems, did_you_mean, one_of
from .sanitize import markup_problems, text_problems, url_problem
from .schema import (
    CHANGE_KEYS,
    DOCUMENT_FIELDS,
    FACT_FIELDS,
    FIELDS_BY_NAME,
    NUMBER,
    REGISTRY_KEYS,
    RELATION_KEYS,
    SLUG,
    SOURCE_KEYS,
    SOURCE_REF_KEYS,
    FieldSpec,
    parse_date,
    unknown_key_message,
)
from .vocabulary import official_url, vocabulary, web_host

REGISTRY_NAME = "nguon.yml"
WEB_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s]*$")
# Characters an address never needs written as they are (they are percent-encoded), and that would end an
# attribute or start markup where a page prints the address.
UNSAFE_IN_URL = re.compile(r"[\"'<>`\\\x00-\x1f\x7f]")


class Checker:
    """Checks values of one file, reporting every problem at its line."""

    def __init__(self, source: SourceFile, problems: Problems, registry: dict[str, Source] | None = None) -> None:
        self.source = source
        self.problems = problems
        self.registry = registry or {}
        # Every kind of content (documents, topics, checklists, templates, criteria, courses) makes one checker
        # per file: its body is checked here, once, for markup that would run code or load from outside.
        self.markup()

    def markup(self) -> None:
        """Report raw HTML, addresses and attribute lists in the body that would run code or load from outside."""
        for line, message in markup_problems(self.source.body, self.source.body_line):
            self.problems.add(self.source.path, line, message)

    def error(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.add(self.source.path, self.source.line(*path), message)

    def keys(self, mapping: dict[str, Any], allowed: dict[str, bool], path: tuple[str | int, ...],
             where: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error((*path, key), unknown_key_message(key, list(allowed), where))
        for key, required in allowed.items():
            if required and key not in mapping:
                self.error(path, f"thiếu trường bắt buộc '{key}'{where}")

    def text(self, value: Any, path: tuple[str | int, ...], name: str) -> str | None:
        """A short text of the front matter. Pages print it as it is, so a [[link]] in it is refused."""
        if not (isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip()):
            self.error(path, f"trường '{name}': cần một đoạn chữ, nhận được {shown(value)}")
            return None
        text = str(value).strip()
        if "[[" in text:
            self.error(path, f"trường '{name}': không đặt liên kết [[...]] ở đây (trường này in nguyên văn); liên "
                       "kết đặt trong phần nội dung hoặc trường 'basis'")
        for message in text_problems(text):
            self.error(path, f"trường '{name}': {message}")
        return text

    def integer(self, value: Any, path: tuple[str | int, ...], name: str, low: int, high: int,
                what: str = "số nguyên") -> int | None:
        """A whole number from low to high ('true' is not one)."""
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.error(path, f"trường '{name}': cần {what} từ {low} đến {high}, nhận được {shown(value)}")
        return None

    def choice(self, value: Any, path: tuple[str | int, ...], name: str, choices: list[str]) -> str | None:
        if isinstance(value, str) and value in choices:
            return value
        hint = did_you_mean(str(value), choices)
        self.error(path, f"trường '{name}': giá trị {shown(value)} không hợp lệ{hint}; "
                   f"chọn một trong: {one_of(choices)}")
        return None

    def date(self, value: Any, path: tuple[str | int, ...], name: str) -> PartialDate | None:
        parts, reason = parse_date(value)
        if parts is None:
            self.error(path, f"trường '{name}': {reason}")
            return None
        return PartialDate(*parts)

    def list_of(self, value: Any, path: tuple[str | int, ...], name: str, single: bool = False,
                at_least_one: str | None = None) -> list[Any]:
        """A list; with single=True one plain value counts as a list of one (themes: dan-van).

        With `at_least_one` (what an item is: 'nguồn', 'việc'…) an empty list is reported too.
        """
        if isinstance(value, list):
            if not value and at_least_one:
                self.error(path, f"trường '{name}': cần ít nhất một {at_least_one}")
            return value
        if single and isinstance(value, str):
            return [value]
        self.error(path, f"trường '{name}': cần một danh sách (mỗi mục một dòng bắt đầu bằng '- ')")
        return []


def shown(value: Any) -> str:
    if value is None:
        return "trống"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một nhóm trường"
    return f"'{value}'"


def build_document(source: SourceFile, problems: Problems,
                   registry: dict[str, Source] | None = None) -> Document | None:
    """Validate a file's front matter; the Document, or None without a usable id.

    A document with problems is still returned, so that links to it do not
    cascade into errors elsewhere; nothing is built while problems remain.
    """
    check = Checker(source, problems, registry)
    meta = source.meta
    check.keys(meta, {s.name: s.required for s in DOCUMENT_FIELDS}, (), "")
    values = {spec.name: _field(check, spec, meta) for spec in DOCUMENT_FIELDS if spec.name in meta}
    _check_support(check, values)
    if not isinstance(values.get("id"), str):
        return None
    return Document(
        id=values["id"], number=values.get("number"), type=values.get("type") or "", title=values.get("title") or "",
        issuer=values.get("issuer") or "", issued=values.get("issued"), scope=values.get("scope") or "",
        status=values.get("status") or "", path=source.path, term=values.get("term"),
        status_date=values.get("status_date"), added=values.get("added"), changes=values.get("changes") or [],
        relations=values.get("relations") or [], sources=values.get("sources") or [],
        unverified=values.get("unverified") or [], themes=values.get("themes") or [],
        body=source.body, body_line=source.body_line,
        lines={key[0]: line for key, line in source.lines.items() if len(key) == 1 and isinstance(key[0], str)},
    )


def _field(check: Checker, spec: FieldSpec, meta: dict[str, Any]) -> Any:
    value, path = meta[spec.name], (spec.name,)
    if value is None:
        if spec.nullable:
            return None
        check.error(path, f"trường '{spec.name}' để trống")
        return None
    kind = spec.kind
    if kind == "slug":
        return check_slug(check, value, path, spec.name)
    if kind == "number":
        return _number(check, value, path)
    if kind == "text":
        return check.text(value, path, spec.name)
    if kind == "choice":
        return check.choice(str(value) if isinstance(value, int) else value, path, spec.name,
                            spec.choices() if spec.choices else [])
    if kind == "date":
        return check.date(value, path, spec.name)
    if kind == "relations":
        return [r for i, item in enumerate(check.list_of(value, path, spec.name))
                if (r := _relation(check, item, (*path, i))) is not None]
    if kind == "sources":
        return check_sources(check, value, path)
    if kind == "changes":
        return [c for i, item in enumerate(check.list_of(value, path, spec.name))
                if (c := _change(check, item, (*path, i))) is not None]
    options = list(FIELDS_BY_NAME) if kind == "fields" else (spec.choices() if spec.choices else [])
    return check_choices(check, value, path, spec.name, options)


def check_slug(check: Checker, value: Any, path: tuple[str | int, ...], name: str) -> str | None:
    if isinstance(value, str) and SLUG.match(value):
        return value
    check.error(path, f"trường '{name}': '{value}' không phải mã hợp lệ; chỉ dùng chữ thường không dấu, "
                "số và dấu gạch ngang, ví dụ 'ket-luan-18-kl-tw'")
    return None


def _number(check: Checker, value: Any, path: tuple[str | int, ...]) -> str | None:
    if isinstance(value, str) and NUMBER.match(value.strip()):
        return value.strip()
    check.error(path, f"trường 'number': số hiệu '{value}' không đúng dạng, ví dụ '18-KL/TW', '08-QĐi/TW'")
    return None


def check_choices(check: Checker, value: Any, path: tuple[str | int, ...], name: str,
                  options: list[str], at_least_one: str | None = None) -> list[str]:
    items = check.list_of(value, path, name, single=True, at_least_one=at_least_one)
    chosen = [check.choice(item, (*path, i), name, options) for i, item in enumerate(items)]
    for i, item in enumerate(items):
        if item in items[:i]:
            check.error((*path, i), f"trường '{name}': '{item}' bị lặp lại")
    return [c for c in chosen if c is not None]


def _relation(check: Checker, item: Any, path: tuple[str | int, ...]) -> Relation | None:
    if not isinstance(item, dict):
        check.error(path, "trường 'relations': mỗi mục cần dạng '{type: ..., target: ...}'")
        return None
    check.keys(item, RELATION_KEYS, path, " trong 'relations'")
    kind = check.choice(item.get("type"), (*path, "type"), "relations.type",
                        list(vocabulary().relation_types)) if "type" in item else None
    target = check.text(item.get("target"), (*path, "target"), "relations.target") if "target" in item else None
    flag = item.get("unverified", False)
    if not isinstance(flag, bool):
        check.error((*path, "unverified"), "trường 'relations.unverified': chỉ nhận true hoặc false")
    if kind is None or target is None:
        return None
    note = item.get("note")
    return Relation(kind, target, check.source.line(*path), unverified=flag is True,
                    note=str(note) if note is not None else None)


def _change(check: Checker, item: Any, path: tuple[str | int, ...]) -> Change | None:
    if not isinstance(item, dict):
        check.error(path, "trường 'changes': mỗi mục cần dạng '{date: 2026-12-03, note: ...}'")
        return None
    check.keys(item, CHANGE_KEYS, path, " trong 'changes'")
    date = check.date(item["date"], (*path, "date"), "changes.date") if "date" in item else None
    note = check.text(item["note"], (*path, "note"), "changes.note") if "note" in item else None
    if date is None or note is None:
        return None
    return Change(date, note, check.source.line(*path))


def check_sources(check: Checker, value: Any, path: tuple[str | int, ...]) -> list[Source]:
    items = check.list_of(value, path, "sources", at_least_one="nguồn")
    result = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            check.error((*path, i), "trường 'sources': mỗi nguồn cần 'ref', hoặc 'publication' và 'title'")
            continue
        source = _source_ref(check, item, (*path, i)) if "ref" in item else _source(check, item, (*path, i))
        if source is not None:
            result.append(source)
    return result


def _source_ref(check: Checker, item: dict[str, Any], path: tuple[str | int, ...]) -> Source | None:
    check.keys(item, SOURCE_REF_KEYS, path, " trong 'sources'")
    ref = item["ref"]
    supports = check_choices(check, item.get("supports", []), (*path, "supports"), "sources.supports",
                        list(FACT_FIELDS))
    named = check.registry.get(ref) if isinstance(ref, str) else None
    if named is None:
        hint = did_you_mean(str(ref), check.registry)
        check.error((*path, "ref"), f"nguồn '{ref}' không có trong {REGISTRY_NAME}{hint}")
        return None
    notes = [n for n in (named.note, item.get("note")) if n]
    return replace(named, supports=tuple(supports), note=" ".join(str(n) for n in notes) or None)


def _source(check: Checker, item: dict[str, Any], path: tuple[str | int, ...],
            keys: dict[str, bool] = SOURCE_KEYS, where: str = " trong 'sources'") -> Source | None:
    check.keys(item, keys, path, where)
    publication = check.text(item.get("publication"), (*path, "publication"), "sources.publication") \
        if "publication" in item else None
    title = check.text(item.get("title"), (*path, "title"), "sources.title") if "title" in item else None
    date = check.date(item["date"], (*path, "date"), "sources.date") if item.get("date") is not None else None
    supports = check_choices(check, item.get("supports", []), (*path, "supports"), "sources.supports",
                        list(FACT_FIELDS))
    url, read = _web_page(check, item, path)
    if read and date and read.sort_tuple() < date.sort_tuple():
        check.error((*path, "read"), f"trường 'read': ngày đọc {read.vietnamese()} trước ngày đăng "
                    f"{date.vietnamese()}; kiểm tra lại hai ngày")
    claims = [check.text(c, (*path, "claims", i), "sources.claims")
              for i, c in enumerate(check.list_of(item["claims"], (*path, "claims"), "claims"))] \
        if "claims" in item else []
    note = item.get("note")
    if publication is None or title is None:
        return None
    return Source(publication, title, date, url, tuple(supports), str(note) if note else None, read=read,
                  claims=tuple(c for c in claims if c), official=official_url(url))


def _web_page(check: Checker, item: dict[str, Any],
              path: tuple[str | int, ...]) -> tuple[str | None, PartialDate | None]:
    """A public page's address (http or https only) and the day an editor read it, which a page needs."""
    url, read = item.get("url"), item.get("read")
    day = check.date(read, (*path, "read"), "sources.read") if read is not None else None
    if url is None:
        if read is not None:
            check.error((*path, "read"), "trường 'read' (ngày đọc) chỉ dùng cho trang web có 'url'")
        return None, day
    text = str(url).strip()
    if not WEB_URL.match(text):  # a source is a web page: javascript:, data: and the like are refused here
        check.error((*path, "url"), f"trường 'url': cần địa chỉ trang web bắt đầu bằng https:// hoặc http://, "
                    f"nhận được {shown(url)}")
        return None, day
    problem = url_problem(text)
    if problem is not None:
        check.error((*path, "url"), f"trường 'url': {problem}")
        return None, day
    if (unsafe := UNSAFE_IN_URL.search(text)) is not None:
        check.error((*path, "url"), f"trường 'url': địa chỉ có ký tự {unsafe.group(0)!r}, ký tự mà địa chỉ trang web "
                    "phải viết dạng mã (%22, %27, %3C, %3E…); chép lại địa chỉ từ thanh địa chỉ của trình duyệt")
        return None, day
    if read is None:
        check.error((*path, "url"), "nguồn là trang web cần 'read': ngày biên tập viên đọc trang, dạng 2026-12-03 "
                    "(trang web có thể đổi, ngày đọc cho biết bản nào đã được đối chiếu)")
    return text, day


def _check_support(check: Checker, values: dict[str, Any]) -> None:
    """Every fact the document states names a source, or is marked unverified.

    A fact that rests on a single page of a site that is not the Party's or the State's stays
    unverified until a second, independent page (another publication) confirms it. The status
    is what a secretary acts on: it needs a source, or is said to be unknown ('chua-ro').
    """
    if not values.get("sources"):
        return  # reported as a problem of 'sources' already
    unverified = set(values.get("unverified") or [])
    status = values.get("status")
    if status not in (None, "chua-ro"):
        backing = [s for s in values["sources"] if "status" in s.supports]
        if not backing:
            check.error(("status",), f"tình trạng '{status}' chưa có nguồn xác nhận: thêm 'status' vào 'supports' của "
                        "nguồn nói về hiệu lực của văn bản, hoặc ghi 'status: chua-ro'")
        elif _single_unofficial_page(backing):
            check.error(("status",), f"tình trạng '{status}' chỉ dựa vào một trang không phải của Đảng, Nhà nước "
                        f"({backing[0].publication}): thêm một trang thứ hai của cơ quan khác, hoặc ghi "
                        "'status: chua-ro'")
        if values.get("status_date") is None and "status_date" not in check.source.meta:
            check.error(("status",), f"tình trạng '{status}' cần ngày: thêm 'status_date' (ngày bị thay thế, hoặc "
                        "ngày của nguồn gần nhất xác nhận văn bản còn hiệu lực)")
    for name in FACT_FIELDS:
        if name == "status" or values.get(name) in (None, []) or name in unverified:
            continue
        backing = [s for s in values["sources"] if name in s.supports]
        if not backing:
            if name == "relations" and all(r.unverified for r in values["relations"]):
                continue
            check.error((name,), f"trường '{name}' chưa có nguồn: thêm '{name}' vào 'supports' của nguồn "
                        f"xác nhận nó, hoặc vào 'unverified' nếu chưa đối chiếu được")
        elif _single_unofficial_page(backing):
            check.error((name,), f"trường '{name}' chỉ dựa vào một trang không phải của Đảng, Nhà nước "
                        f"({backing[0].publication}): thêm một trang thứ hai của cơ quan khác xác nhận nó, "
                        f"hoặc ghi '{name}' vào 'unverified'")


def _single_unofficial_page(backing: list[Source]) -> bool:
    """Sources that are all web pages off Party and State sites, from fewer than two sites.

    Independence is counted by site, not by the name an editor wrote: 'LuatVietnam' and 'Luật Việt Nam'
    on one host are one source.
    """
    pages = [s for s in backing if s.url]
    return len(pages) == len(backing) and not any(s.official for s in pages) and \
        len({web_host(s.url) for s in pages if s.url}) < 2


def build_registry(source: SourceFile, problems: Problems) -> dict[str, Source]:
    """Validate the sources registry: a mapping from a source's key to its publication and title."""
    check = Checker(source, problems)
    registry = {}
    for key, item in source.meta.items():
        if not SLUG.match(key):
            check.error((key,), f"mã nguồn '{key}' không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch ngang")
        elif not isinstance(item, dict):
            check.error((key,), f"nguồn '{key}' cần các trường 'publication' và 'title'")
        elif (named := _source(check, item, (key,), REGISTRY_KEYS, f" của nguồn '{key}'")) is not None:
            registry[key] = replace(named, ref=key)
    return registry
