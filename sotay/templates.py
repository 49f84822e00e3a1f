"""Document templates (biên bản, nghị quyết, kế hoạch, thông báo): one Markdown file each under docs/mau/.

A template is data: the kind of document and its subject (the title lines of a Party document), the kind's
symbol in the document's number (BB, NQ, KH, TB), blocks of fields to fill, small tables to fill, lines to write
on, and signatures. The same data makes a printable page and an editable Word file, so they cannot differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .body import summary
from .frontmatter import SourceFile
from .problems import Problems
from .resolve import Resolver
from .topics import Basis, check_basis_list, resolved_all
from .validate import Checker, check_slug

TEMPLATES_FOLDER = "mau"
TEMPLATE_KEYS = {"id": True, "title": True, "summary": True, "basis": True, "blocks": True, "signatures": False,
                 "kind": False, "subject": False, "symbol": False}
BLOCK_KEYS = {"heading": True, "fields": False, "note": False, "lines": False, "table": False}
TABLE_KEYS = {"columns": True, "rows": True}
SYMBOL = re.compile(r"^[A-ZĐ]{1,5}$")


@dataclass(frozen=True)
class FormTable:
    """A small table to fill: the first column names each row, the others are left blank."""

    columns: tuple[str, ...]
    rows: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    heading: str
    fields: tuple[str, ...] = ()
    note: str = ""
    lines: int = 0
    table: FormTable | None = None


@dataclass
class Template:
    id: str
    title: str
    summary: str
    basis: list[Basis]
    blocks: list[Block]
    signatures: list[str]
    path: str
    src: str
    intro: str = ""
    kind: str = ""  # "Biên bản": the first title line; the title itself when not given
    subject: str = ""  # "họp chi bộ tháng … năm …": the second title line
    symbol: str = ""  # "BB": the kind in the number "Số …-BB/CB"

    @property
    def title_lines(self) -> tuple[str, str]:
        """The kind of document (printed in capitals) and its subject, as the title of a Party document reads."""
        return (self.kind, self.subject) if self.kind else (self.title, "")


def build_template(source: SourceFile, src: str, problems: Problems) -> Template | None:
    check = Checker(source, problems)
    meta = source.meta
    check.keys(meta, TEMPLATE_KEYS, (), "")
    template_id = check_slug(check, meta["id"], ("id",), "id") if "id" in meta else None
    title = check.text(meta["title"], ("title",), "title") if "title" in meta else None
    blurb = check.text(meta["summary"], ("summary",), "summary") if "summary" in meta else None
    basis = check_basis_list(check, meta.get("basis"))
    blocks = [b for i, raw in enumerate(check.list_of(meta.get("blocks", []), ("blocks",), "blocks"))
              if (b := _block(check, raw, ("blocks", i))) is not None]
    signatures = [s for i, raw in enumerate(check.list_of(meta.get("signatures", []), ("signatures",), "signatures"))
                  if (s := check.text(raw, ("signatures", i), "signatures")) is not None]
    kind = check.text(meta["kind"], ("kind",), "kind") if "kind" in meta else ""
    subject = check.text(meta["subject"], ("subject",), "subject") if "subject" in meta else ""
    symbol = _symbol(check, meta["symbol"]) if "symbol" in meta else ""
    if subject and not kind:
        check.error(("subject",), "trường 'subject' (trích yếu) cần đi cùng 'kind' (tên loại văn bản, ví dụ "
                    "'Biên bản')")
    if template_id is None:
        return None
    return Template(template_id, title or "", blurb or "", basis, blocks, signatures, source.path, src,
                    summary(source.body), kind or "", subject or "", symbol or "")


def _symbol(check: Checker, value: Any) -> str | None:
    if isinstance(value, str) and SYMBOL.match(value):
        return value
    check.error(("symbol",), f"trường 'symbol': cần ký hiệu tên loại văn bản viết hoa như 'BB', 'NQ', 'KH', 'TB', "
                f"nhận được '{value}'")
    return None


def _block(check: Checker, raw: Any, path: tuple[str | int, ...]) -> Block | None:
    if not isinstance(raw, dict):
        check.error(path, "mỗi phần của mẫu cần 'heading' và 'fields', 'note', 'table' hoặc 'lines'")
        return None
    check.keys(raw, BLOCK_KEYS, path, " trong 'blocks'")
    heading = check.text(raw.get("heading"), (*path, "heading"), "blocks.heading") if "heading" in raw else None
    fields = [f for i, item in enumerate(check.list_of(raw.get("fields", []), (*path, "fields"), "blocks.fields"))
              if (f := check.text(item, (*path, "fields", i), "blocks.fields")) is not None]
    note = check.text(raw["note"], (*path, "note"), "blocks.note") if "note" in raw else ""
    lines = check.integer(raw.get("lines", 0), (*path, "lines"), "blocks.lines", 0, 40, "số dòng để trống") or 0
    table = _table(check, raw["table"], (*path, "table")) if "table" in raw else None
    return Block(heading, tuple(fields), note or "", lines, table) if heading else None


def _table(check: Checker, raw: Any, path: tuple[str | int, ...]) -> FormTable | None:
    if not isinstance(raw, dict):
        check.error(path, "trường 'blocks.table': cần 'columns' (tên các cột) và 'rows' (tên các dòng)")
        return None
    check.keys(raw, TABLE_KEYS, path, " trong 'blocks.table'")
    what = {"columns": "cột", "rows": "dòng"}
    texts = {key: [t for i, item in enumerate(check.list_of(raw.get(key, []), (*path, key), f"blocks.table.{key}",
                                                             at_least_one=what[key]))
                   if (t := check.text(item, (*path, key, i), f"blocks.table.{key}")) is not None]
             for key in TABLE_KEYS if key in raw}
    if "columns" in texts and not 2 <= len(texts["columns"]) <= 6:  # the first names the rows, the rest are filled in
        check.error((*path, "columns"), f"trường 'blocks.table.columns': cần từ 2 đến 6 cột (cột đầu ghi tên dòng), "
                    f"nhận được {len(texts['columns'])}")
        return None
    if not texts.get("columns") or not texts.get("rows"):
        return None
    return FormTable(tuple(texts["columns"]), tuple(texts["rows"]))


def resolve_templates(templates: list[Template], resolver: Resolver, problems: Problems) -> None:
    for template in templates:
        template.basis = resolved_all(template.basis, resolver, template.path, problems)


