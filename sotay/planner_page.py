"""The planner page: plans made at build time for every cell type, this year and next, as data
for the page's script, and a Word file for each."""

from __future__ import annotations

import datetime as dt
import html
import json

from .plan_docx import plan_docx
from .planner import Plan, make_plan
from .site import Linker, source_date
from .topics import MEETINGS, TOPICS_FOLDER, Topic
from .vocabulary import vocabulary

PLANNER_SRC = f"{TOPICS_FOLDER}/ke-hoach-nam.md"
DOCX_DIR = "assets/sotay/ke-hoach"


def build_year() -> int:
    """This year, or the year of SOURCE_DATE_EPOCH, so that a rebuild of the same sources gives the same site."""
    return (source_date() or dt.date.today()).year


def docx_src(cell: str, year: int) -> str:
    return f"{DOCX_DIR}/ke-hoach-{cell}-{year}.docx"


def year_plans(topics: list[Topic], year: int) -> dict[tuple[str, int], Plan]:
    """The plan of every cell type for this year and next: made once, for the page and for its Word files."""
    return {(cell, y): make_plan(topics, cell, y) for cell in vocabulary().cell_types for y in (year, year + 1)}


def planner_files(plans: dict[tuple[str, int], Plan]) -> dict[str, bytes]:
    """A Word plan per cell type and year."""
    return {docx_src(cell, y): plan_docx(plan) for (cell, y), plan in plans.items()}


def meeting_day_note(linker: Linker, src: str) -> str:
    """Why the plan names months and not days: no source found confirms one meeting day for the whole Party."""
    doc, _reason = linker.site.resolver.lookup("50-CT/TW", suggest=False)
    url = linker.md(src, doc, "ngay-sinh-hoat") if doc is not None and "ngay-sinh-hoat" in doc.anchors() else None
    more = f" (xem [Chỉ thị 50-CT/TW › Ngày sinh hoạt]({url}))" if url else ""
    return ("Kế hoạch ghi tháng, chưa ghi ngày: chi bộ họp vào ngày do cấp ủy cấp trên quy định. Một số nơi họp vào "
            "ngày 3 hằng tháng, nhưng Sổ tay chưa tìm được nguồn xác nhận đó là ngày chung cho toàn Đảng" + more + ".")


def planner_page(plans: dict[tuple[str, int], Plan], topics: list[Topic], linker: Linker, year: int) -> str:
    vocab = vocabulary()
    src = PLANNER_SRC
    data = {
        "years": [year, year + 1],
        "cells": vocab.cell_types,
        "meetings": MEETINGS,
        "plans": {f"{cell}:{y}": plan.as_dict()["meetings"] for (cell, y), plan in plans.items()},
        "topics": {t.id: {"title": t.title, "url": linker.url(src, t.src), "meeting": t.meeting,
                          "cells": t.cell_types, "months": t.months} for t in topics},
        "docx": {f"{cell}:{y}": linker.url(src, docx_src(cell, y)) for cell in vocab.cell_types
                 for y in (year, year + 1)},
    }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    def links(cell: str) -> str:
        return ", ".join(f'<a href="{html.escape(linker.url(src, docx_src(cell, y)))}" download>năm {y}</a>'
                         for y in (year, year + 1))

    downloads = "".join(f"<li>{html.escape(label)}: {links(cell)}</li>" for cell, label in vocab.cell_types.items())
    return "\n".join([
        "# Kế hoạch sinh hoạt cả năm", "",
        "Chọn loại chi bộ và năm để có bản kế hoạch gợi ý: mỗi tháng một buổi sinh hoạt thường kỳ, mỗi quý ít nhất "
        "một buổi sinh hoạt chuyên đề lấy từ [danh mục gợi ý](index.md), các chủ đề gắn với ngày kỷ niệm đặt vào "
        "đúng tháng. Có thể đổi chủ đề từng buổi; phần đã đổi được lưu ngay trên máy này. Bấm In để in, hoặc tải "
        "tệp Word (bản gợi ý, chưa gồm phần đã đổi) để chỉnh sửa.", "",
        meeting_day_note(linker, src), "",
        '<div id="sotay-planner" class="sotay-planner">'
        '<form class="sotay-planner-controls" hidden>'
        '<label>Loại chi bộ<select name="cell"></select></label>'
        '<label>Năm<select name="year"></select></label>'
        '<button type="button" data-action="print">In kế hoạch</button>'
        '<button type="button" data-action="reset">Khôi phục gợi ý</button>'
        '<a class="sotay-planner-docx" href="#" download>Tải tệp Word</a>'
        "</form>"
        '<table class="sotay-planner-table"><thead><tr><th>Tháng</th><th>Hình thức</th><th>Nội dung</th>'
        "<th>Đổi chủ đề</th></tr></thead><tbody></tbody></table>"
        f'<script type="application/json" id="sotay-planner-data">{payload}</script>'
        "</div>", "",
        "## Tải bản gợi ý dạng Word {#tai-ve}", "",
        f'<ul class="sotay-planner-downloads">{downloads}</ul>', "",
    ])
