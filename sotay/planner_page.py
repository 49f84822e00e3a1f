"""The planner page: plans made at build time for every cell type, this year and next, as data for the page's
script; the default plan written into the page for a browser without JavaScript; a prebuilt Word file for each
plan; and what the browser needs to make the Word file of a changed plan offline (the skeleton and fflate)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .plan_docx import make_skeleton, plan_docx, skeleton_js
from .planner import Plan, make_plan
from .site import Linker
from .srcs import PLANNER_SRC
from .text import script_json
from .topics import MEETINGS, Topic
from .vocabulary import vocabulary

DOCX_DIR = "assets/sotay/ke-hoach"
SKELETON_SRC = f"{DOCX_DIR}/khung.js"
FFLATE_SRC = "assets/sotay/vendor/fflate.js"
FFLATE_LICENSE_SRC = "assets/sotay/vendor/fflate.LICENSE.txt"


def docx_src(cell: str, year: int) -> str:
    return f"{DOCX_DIR}/ke-hoach-{cell}-{year}.docx"


def fflate_dir() -> Path | None:
    """fflate (zip in the browser) from the repository's node_modules, installed by npm beside the package source;
    None when it is missing (a pip install without npm): the page then offers the prebuilt Word files only."""
    folder = Path(__file__).resolve().parent.parent / "node_modules" / "fflate"
    return folder if (folder / "umd" / "index.js").is_file() and (folder / "LICENSE").is_file() else None


def year_plans(topics: list[Topic], year: int) -> dict[tuple[str, int], Plan]:
    """The plan of every cell type for this year and next: made once, for the page and for its Word files."""
    return {(cell, y): make_plan(topics, cell, y) for cell in vocabulary().cell_types for y in (year, year + 1)}


def planner_files(plans: dict[tuple[str, int], Plan]) -> dict[str, bytes]:
    """A Word plan per cell type and year; the skeleton and fflate for the plan a cell changes in its browser."""
    skeleton = make_skeleton()
    files = {docx_src(cell, y): plan_docx(plan, skeleton) for (cell, y), plan in plans.items()}
    fflate = fflate_dir()
    if fflate is not None:
        files[SKELETON_SRC] = skeleton_js(skeleton)
        files[FFLATE_SRC] = (fflate / "umd" / "index.js").read_bytes()
        files[FFLATE_LICENSE_SRC] = (fflate / "LICENSE").read_bytes()  # MIT: the licence travels with the code
    return files


def meeting_day_note(linker: Linker, src: str) -> str:
    """Why the plan names months and not days: no source found confirms one meeting day for the whole Party."""
    doc, _reason = linker.site.resolver.lookup("50-CT/TW", suggest=False)
    url = linker.md(src, doc, "ngay-sinh-hoat") if doc is not None and "ngay-sinh-hoat" in doc.anchors() else None
    more = f" (xem [Chỉ thị 50-CT/TW › Ngày sinh hoạt]({url}))" if url else ""
    return ("Kế hoạch ghi tháng, chưa ghi ngày: chi bộ họp vào ngày do cấp ủy cấp trên quy định. Một số nơi họp vào "
            "ngày 3 hằng tháng, nhưng Sổ tay chưa tìm được nguồn xác nhận đó là ngày chung cho toàn Đảng" + more + ".")


def plan_data(plans: dict[tuple[str, int], Plan], topics: list[Topic], linker: Linker,
              from_src: str) -> dict[str, Any]:
    """The plans and the topics as the browser's plan rules read them (sotay.js: candidates, cleanChanges),
    for the planner and the home page alike; topic links go from `from_src`."""
    return {
        "cells": vocabulary().cell_types,
        "meetings": MEETINGS,
        "plans": {f"{cell}:{y}": plan.as_dict()["meetings"] for (cell, y), plan in plans.items()},
        "topics": {t.id: {"title": t.title, "url": linker.url(from_src, t.src), "meeting": t.meeting,
                          "cells": t.cell_types, "months": t.months} for t in topics},
    }


def planner_data(plans: dict[tuple[str, int], Plan], topics: list[Topic], linker: Linker, year: int,
                 word: bool) -> str:
    """What the script needs, as JSON safe inside a script element."""
    src, cells = PLANNER_SRC, vocabulary().cell_types
    data = {
        **plan_data(plans, topics, linker, src),
        "years": [year, year + 1],
        "docx": {f"{cell}:{y}": linker.url(src, docx_src(cell, y)) for cell in cells for y in (year, year + 1)},
        "word": word,
    }
    return script_json(data)


def default_rows(plan: Plan, topics: list[Topic], linker: Linker) -> str:
    """The suggested plan as table rows, for a browser without JavaScript (the script redraws them)."""
    by_id = {t.id: t for t in topics}
    rows = []
    for meeting in plan.meetings:
        topic = by_id.get(meeting.topic or "")
        title = html.escape(meeting.title)
        content = f'<a href="{html.escape(linker.url(PLANNER_SRC, topic.src))}">{title}</a>' if topic else title
        rows.append(f'<tr role="row" class="sotay-planner-row sotay-planner-{meeting.kind}">'
                    '<th scope="row" class="sotay-planner-month" role="rowheader">'
                    f"Tháng {meeting.month}</th>"
                    f'<td class="sotay-planner-kind" role="cell">{html.escape(MEETINGS[meeting.kind])}</td>'
                    f'<td class="sotay-planner-topic" role="cell">{content}</td></tr>')
    return "".join(rows)


def planner_html(plans: dict[tuple[str, int], Plan], topics: list[Topic], linker: Linker, year: int) -> str:
    """The planner: controls (shown by the script), a status line, the plan as a table, the data, the scripts."""
    src, cells = PLANNER_SRC, vocabulary().cell_types
    cell = next(iter(cells))
    word = fflate_dir() is not None
    # Explicit roles: a table laid out as cards on a phone keeps its table semantics in every browser.
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Tháng", "Hình thức", "Nội dung"))
    scripts = "".join(f'<script src="{html.escape(linker.url(src, s))}" defer></script>'
                      for s in (FFLATE_SRC, SKELETON_SRC)) if word else ""
    return (
        '<div id="sotay-planner" class="sotay-planner">'
        '<form class="sotay-planner-controls" hidden>'
        '<div class="sotay-planner-choices"><label>Loại chi bộ <select name="cell"></select></label>'
        '<label>Năm <select name="year"></select></label></div>'
        '<div class="sotay-planner-actions">'
        f'<button type="button" class="sotay-button" data-action="docx"{"" if word else " hidden"}>'
        "Tải tệp Word</button>"
        f'<a class="sotay-button sotay-planner-docx" href="{html.escape(linker.url(src, docx_src(cell, year)))}" '
        f'download{" hidden" if word else ""}>Tải tệp Word (bản gợi ý)</a>'
        '<button type="button" class="sotay-button" data-action="print">In kế hoạch</button>'
        '<button type="button" class="sotay-button" data-action="reset">Khôi phục gợi ý</button>'
        "</div>"
        f'<p class="sotay-planner-word-note"{" hidden" if word else ""}>Tệp Word tải về là bản gợi ý, chưa gồm các '
        "chủ đề đã đổi; sau khi tải, sửa trực tiếp trong Word.</p>"
        "</form>"
        '<p class="sotay-planner-status" role="status" aria-live="polite"></p>'
        '<p class="sotay-planner-jump" hidden><a href="#"></a></p>'
        f'<table class="sotay-planner-table" role="table">'
        f"<caption>Kế hoạch gợi ý: {html.escape(cells[cell])}, năm {year}</caption>"
        f'<thead role="rowgroup"><tr role="row">{head}</tr></thead>'
        f'<tbody role="rowgroup">{default_rows(plans[(cell, year)], topics, linker)}</tbody></table>'
        f"<noscript><p>Đây là kế hoạch gợi ý cho {html.escape(cells[cell].lower())}, năm {year}. Trình duyệt đang tắt "
        "JavaScript nên chưa chọn được loại chi bộ khác, đổi chủ đề hay tải tệp Word theo lựa chọn; các tệp Word "
        "gợi ý cho từng loại chi bộ có ở mục cuối trang.</p></noscript>"
        f'<script type="application/json" id="sotay-planner-data">'
        f"{planner_data(plans, topics, linker, year, word)}</script>"
        f"{scripts}</div>"
    )


def planner_page(plans: dict[tuple[str, int], Plan], topics: list[Topic], linker: Linker, year: int) -> str:
    cells = vocabulary().cell_types
    src = PLANNER_SRC

    def links(cell: str) -> str:
        return ", ".join(f'<a href="{html.escape(linker.url(src, docx_src(cell, y)))}" download>năm {y}</a>'
                         for y in (year, year + 1))

    downloads = "".join(f"<li>{html.escape(label)}: {links(cell)}</li>" for cell, label in cells.items())
    return "\n".join([
        "# Kế hoạch sinh hoạt cả năm", "",
        "Chọn loại chi bộ và năm để có bản kế hoạch gợi ý: mỗi tháng một buổi sinh hoạt thường kỳ, mỗi quý ít nhất "
        "một buổi sinh hoạt chuyên đề lấy từ [danh mục gợi ý](index.md), các chủ đề gắn với ngày kỷ niệm đặt vào "
        "đúng tháng. Có thể đổi chủ đề từng buổi; phần đã đổi được lưu ngay trên máy này. Bấm In để in, hoặc tải "
        + ("tệp Word (gồm cả các chủ đề đã đổi) để chỉnh sửa tiếp." if fflate_dir() is not None else
           "tệp Word (bản gợi ý, chưa gồm phần đã đổi) để chỉnh sửa."), "",
        meeting_day_note(linker, src), "",
        planner_html(plans, topics, linker, year), "",
        "## Tải bản gợi ý dạng Word {#tai-ve}", "",
        "Mỗi tệp là kế hoạch gợi ý của một loại chi bộ, chưa gồm phần đã đổi trên trang này.", "",
        f'<ul class="sotay-planner-downloads">{downloads}</ul>', "",
    ])
