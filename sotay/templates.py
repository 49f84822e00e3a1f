"""Document templates (biên bản, nghị quyết, kế hoạch, thông báo): one Markdown file each under docs/mau/.

A template is data: blocks of fields to fill, lines to write on, and signatures.
The same data makes a printable page and an editable Word file, so they cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .body import summary
from .frontmatter import SourceFile
from .problems import Problems
from .resolve import Resolver
from .topics import Basis, check_basis_list, resolved_all
from .validate import Checker, check_slug

TEMPLATES_FOLDER = "mau"
TEMPLATE_KEYS = {"id": True, "title": True, "summary": True, "basis": True, "blocks": True, "signatures": False}
BLOCK_KEYS = {"heading": True, "fields": False, "note": False, "lines": False}


@dataclass(frozen=True)
class Block:
    heading: str
    fields: tuple[str, ...] = ()
    note: str = ""
    lines: int = 0


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
    if template_id is None:
        return None
    return Template(template_id, title or "", blurb or "", basis, blocks, signatures, source.path, src,
                    summary(source.body))


def _block(check: Checker, raw: Any, path: tuple[str | int, ...]) -> Block | None:
    if not isinstance(raw, dict):
        check.error(path, "mỗi phần của mẫu cần 'heading' và 'fields', 'note' hoặc 'lines'")
        return None
    check.keys(raw, BLOCK_KEYS, path, " trong 'blocks'")
    heading = check.text(raw.get("heading"), (*path, "heading"), "blocks.heading") if "heading" in raw else None
    fields = [f for i, item in enumerate(check.list_of(raw.get("fields", []), (*path, "fields"), "blocks.fields"))
              if (f := check.text(item, (*path, "fields", i), "blocks.fields")) is not None]
    note = check.text(raw["note"], (*path, "note"), "blocks.note") if "note" in raw else ""
    lines = check.integer(raw.get("lines", 0), (*path, "lines"), "blocks.lines", 0, 40, "số dòng để trống") or 0
    return Block(heading, tuple(fields), note or "", lines) if heading else None


def resolve_templates(templates: list[Template], resolver: Resolver, problems: Problems) -> None:
    for template in templates:
        template.basis = resolved_all(template.basis, resolver, template.path, problems)


