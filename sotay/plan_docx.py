"""The annual plan as an editable Word document (python-docx)."""

from __future__ import annotations

from .planner import Plan
from .topics import MEETINGS
from .vocabulary import vocabulary
from .word import new_document, word_bytes


def plan_docx(plan: Plan) -> bytes:
    """A .docx the cell can edit: heading, a table of meetings, a line for the committee's signature."""
    word = new_document()
    cell_label = vocabulary().cell_types[plan.cell_type]
    word.add_heading(f"Kế hoạch sinh hoạt chi bộ năm {plan.year}", level=1)
    word.add_paragraph(f"Loại chi bộ: {cell_label}. Mỗi tháng sinh hoạt thường kỳ một lần; mỗi quý ít nhất một "
                       "lần sinh hoạt chuyên đề. Chủ đề là gợi ý của Sổ tay sinh hoạt chi bộ; chi ủy chọn, sửa cho "
                       "hợp với tình hình của chi bộ.")
    table = word.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Tháng", "Hình thức", "Nội dung", "Phân công, ghi chú"),
                          strict=True):
        cell.text = text
    for meeting in plan.meetings:
        row = table.add_row().cells
        row[0].text = f"Tháng {meeting.month}"
        row[1].text = MEETINGS[meeting.kind]
        row[2].text = meeting.title
        row[3].text = ""
    word.add_paragraph()
    word.add_paragraph("T/M CHI ỦY (CHI BỘ)\nBÍ THƯ\n\n(Ký, ghi rõ họ tên)")
    return word_bytes(word)
