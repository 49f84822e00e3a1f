"""Markdown (with raw HTML) for checklist pages: real checkboxes the browser remembers, and the list of checklists."""

from __future__ import annotations

from html import escape

from .checklists import Checklist
from .render import listing_page, source_html
from .site import Linker

NOTE = ("Bảng kiểm là gợi ý của Sổ tay, soạn dựa trên các văn bản ghi ở từng việc. Dấu đã đánh được lưu ngay trên "
        "máy này (cả khi mở từ USB, không cần mạng). Trước mỗi buổi họp, bấm \"Bắt đầu lần mới\"; lỡ xóa nhầm thì "
        "bấm \"Hoàn tác\".")

# Hidden until checklist.js runs: without it the boxes still tick, but nothing is kept or counted.
# The status line (a live region) says what a clearing did; "Hoàn tác" puts it back.
TOOLS = ('<div class="sotay-checklist-tools" hidden><p class="sotay-checklist-total" aria-live="polite"></p>'
         '<div class="sotay-buttons">'
         '<button type="button" class="sotay-button" data-action="new-run">Bắt đầu lần mới</button>'
         '<button type="button" class="sotay-button" data-action="reset">Xóa dấu lần này</button>'
         '<button type="button" class="sotay-button" data-action="print">In</button></div>'
         '<div class="sotay-undo"><p class="sotay-status" role="status"></p>'
         '<button type="button" class="sotay-button" data-action="undo" hidden>Hoàn tác</button></div>'
         '<p class="sotay-storage-warning" role="alert"></p></div>')


def _basis_link(checklist: Checklist, linker: Linker, target: str, anchor: str | None) -> str:
    link = linker.basis_html(checklist.src, target, anchor)
    return f'<span class="sotay-basis">Căn cứ: {link}</span>' if link else ""


def checklist_page(checklist: Checklist, linker: Linker) -> str:
    sections = []
    for phase in checklist.phases:
        items = "".join(
            f'<li><label><input type="checkbox" data-item="{escape(item.id)}"> {escape(item.text)}</label> '
            f"{_basis_link(checklist, linker, item.basis.target, item.basis.anchor)}</li>" for item in phase.items)
        sections.append(f'<section class="sotay-phase" data-phase="{phase.id}"><h2 id="{phase.id}">'
                        f'{escape(phase.title)}</h2><p class="sotay-phase-progress"></p>'
                        f'<ul class="sotay-checklist-items">{items}</ul></section>')
    sources = ""
    if checklist.sources:
        sources = "<p>Nguồn: " + "; ".join(source_html(s) for s in checklist.sources) + "</p>"
    intro = linker.link_markdown(checklist.intro, checklist.src, path=checklist.path).text
    return "\n".join([
        f"# {escape(checklist.title)}", "", intro, "",
        f'<p class="sotay-own-work sotay-tool-note">{escape(NOTE)}</p>', "",
        f'<div class="sotay-checklist" data-sotay-checklist="{escape(checklist.id)}">{TOOLS}'
        f'{"".join(sections)}{sources}</div>', "",
    ])


def checklists_index(checklists: list[Checklist]) -> str:
    return listing_page("Bảng kiểm", NOTE, ((c.title, c.src, escape(c.summary)) for c in checklists))
