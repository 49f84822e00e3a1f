"""The annual plan as an editable Word document, laid out as a Party document (sotay.word).

python-docx makes one skeleton: the Party header, the title, a table whose only meeting row carries marks, and
the signature. The skeleton is then filled with meetings by plain text replacement: here for the prebuilt files
of each cell type and year, and in the browser (plugins/kb/assets/planner.js, the same steps) for the plan a cell
has changed, offline and from file://. The browser gets the skeleton as a script (`skeleton_js`).
"""

from __future__ import annotations

import base64
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

from .planner import Plan
from .text import script_json
from .topics import MEETINGS
from .vocabulary import vocabulary
from .word import (
    Header,
    add_text,
    document_title,
    new_document,
    package_parts,
    party_header,
    set_widths,
    signatures,
    zip_parts,
)

# Words that never occur in Vietnamese text, one per value to fill in; python-docx keeps each whole in its run.
MARKS = {"year": "SOTAYNAM", "cell": "SOTAYLOAICHIBO", "month": "SOTAYTHANG", "kind": "SOTAYHINHTHUC",
         "title": "SOTAYNOIDUNG"}
MARK = re.compile("|".join(MARKS.values()))
DOCUMENT, CORE = "word/document.xml", "docProps/core.xml"
COLUMNS = (("Tháng", 20), ("Hình thức", 35), ("Nội dung", 70), ("Phân công, ghi chú", 35))
RECIPIENTS = ["- Cấp ủy cấp trên (để báo cáo),", "- Đảng viên trong chi bộ,", "- Lưu chi bộ."]
# Characters XML 1.0 refuses; a title read from content never reaches Word with one of them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ROW = re.compile(r"<w:tr[ >]")


@dataclass(frozen=True)
class Skeleton:
    order: tuple[str, ...]  # every part of the package, in its order
    others: bytes  # a zip of the parts other than the document and its core properties
    document: tuple[str, str, str]  # the document's XML before the meeting row, the row, after it
    core: str  # the core properties, with the year's mark in the title


def xml_text(text: str) -> str:
    """Text as the content of an XML element."""
    return NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def skeleton_word() -> object:
    """The plan's document with a mark for every value and one meeting row."""
    word = new_document()
    party_header(word, Header("KH"))
    document_title(word, "Kế hoạch", f"sinh hoạt chi bộ năm {MARKS['year']}")
    add_text(word.add_paragraph(), f"Loại chi bộ: {MARKS['cell']}.")
    add_text(word.add_paragraph(), "Kế hoạch gồm mỗi tháng một buổi sinh hoạt thường kỳ và mỗi quý ít nhất một buổi "
             "sinh hoạt chuyên đề. Chủ đề lấy từ gợi ý của Sổ tay sinh hoạt chi bộ; chi ủy chọn, sửa cho hợp với "
             "tình hình của chi bộ, phân công người chuẩn bị từng buổi.")
    table = word.add_table(rows=2, cols=len(COLUMNS))
    table.style = "Table Grid"
    values = (MARKS["month"], MARKS["kind"], MARKS["title"], "")
    set_widths(table, [width for _, width in COLUMNS])
    for (label, _), head, cell, value in zip(COLUMNS, table.rows[0].cells, table.rows[1].cells, values, strict=True):
        add_text(head.paragraphs[0], label, bold=True)
        if value:
            add_text(cell.paragraphs[0], value)
    word.add_paragraph()
    signatures(word, ["T/M Chi ủy (Chi bộ) - Bí thư"], RECIPIENTS)
    return word


def make_skeleton() -> Skeleton:
    parts = package_parts(skeleton_word(), f"Kế hoạch sinh hoạt chi bộ năm {MARKS['year']}")
    texts = {name: data.decode("utf-8") for name, data in parts if name in (DOCUMENT, CORE)}
    return Skeleton(tuple(name for name, _ in parts),
                    zip_parts([(n, d) for n, d in parts if n not in texts]),
                    split_row(texts[DOCUMENT]), texts[CORE])


class SkeletonError(ValueError):
    """The plan's Word skeleton lost a mark: no plan file can be filled from it."""


def split_row(xml: str) -> tuple[str, str, str]:
    """The document around its marked row: the row is the <w:tr> that holds the month's mark."""
    mark = xml.index(MARKS["month"])
    start = max(m.start() for m in ROW.finditer(xml, 0, mark))
    end = xml.index("</w:tr>", mark) + len("</w:tr>")
    head, row, tail = xml[:start], xml[start:end], xml[end:]
    if MARKS["title"] not in row or MARKS["year"] not in head or MARKS["cell"] not in head:
        # A python-docx change: fail, never write a bad file.
        raise SkeletonError("khung tệp Word của kế hoạch không còn đủ các dấu đánh chỗ (có thể do python-docx đổi "
                            "cách ghi tệp); kiểm tra lại sotay/plan_docx.py")
    return head, row, tail


def fill(text: str, values: dict[str, str]) -> str:
    """Every mark replaced by its value, in one pass: a value is never read again for marks."""
    names = {mark: name for name, mark in MARKS.items()}
    return MARK.sub(lambda m: xml_text(values[names[m.group(0)]]), text)


def plan_rows(plan: Plan) -> list[dict[str, str]]:
    return [{"month": f"Tháng {m.month}", "kind": MEETINGS[m.kind], "title": m.title} for m in plan.meetings]


def filled_docx(skeleton: Skeleton, year: int, cell_label: str, rows: list[dict[str, str]]) -> bytes:
    head, row, tail = skeleton.document
    top = {"year": str(year), "cell": cell_label}
    document = fill(head, top) + "".join(fill(row, r) for r in rows) + fill(tail, top)
    with zipfile.ZipFile(BytesIO(skeleton.others)) as others:
        made = {name: others.read(name) for name in others.namelist()}
    made |= {DOCUMENT: document.encode("utf-8"), CORE: fill(skeleton.core, top).encode("utf-8")}
    return zip_parts([(name, made[name]) for name in skeleton.order])


def plan_docx(plan: Plan, skeleton: Skeleton | None = None) -> bytes:
    """A .docx the cell can edit: the Party header, the title, a table of meetings, the signature."""
    label = vocabulary().cell_types[plan.cell_type]
    return filled_docx(skeleton or make_skeleton(), plan.year, label, plan_rows(plan))


def skeleton_js(skeleton: Skeleton) -> bytes:
    """The skeleton as a script that sets window.sotay.planSkeleton: a page opened from file:// cannot fetch it."""
    data = {"order": skeleton.order, "others": base64.b64encode(skeleton.others).decode("ascii"),
            "document": skeleton.document, "core": skeleton.core, "marks": MARKS}
    payload = script_json(data)
    return ("// Sổ tay sinh hoạt chi bộ: the annual plan's Word skeleton (made by sotay.plan_docx; do not edit).\n"
            "(function (root) {\n  root.sotay = root.sotay || {};\n"
            f"  root.sotay.planSkeleton = {payload};\n}})(typeof self !== \"undefined\" ? self : this);\n"
            ).encode()
