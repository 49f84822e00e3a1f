"""Word files laid out as Party documents, saved the same way every time so that a build of the same sources
is byte-identical. python-docx is imported only when a Word file is made, never by `sotay --help` or `sotay check`.

The layout follows the Party's rule on the form of its documents: Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của
Văn phòng Trung ương Đảng, "thể thức và kỹ thuật trình bày văn bản của Đảng". The base does not hold its text;
each figure below names the public page it was read from (all read on 03/12/2026):

- [A] A4 paper (210 × 297 mm) and a Vietnamese Unicode font (TCVN 6909:2001): Văn phòng Đảng ủy – Đoàn thể,
  Trường Đại học Vinh, "Hướng dẫn về thể thức và kỹ thuật trình bày văn bản của Đảng",
  https://vpdangdoan.vinhuni.edu.vn/thong-bao-van-ban/seo/huong-dan-ve-the-thuc-va-ky-thuat-trinh-bay-van-ban-cua-dang-86250
- [B] Sizes and styles of each part, shown in Times New Roman (the guidance's table, as copied by a third-party
  page): title "ĐẢNG CỘNG SẢN VIỆT NAM" capitals 15 upright bold; the higher committee capitals 14 upright; the
  issuing body capitals 14 upright bold; number 14 upright; place and date 14 italic; kind of document capitals
  15–16 upright bold; subject 14–15 upright bold; body 14–15 upright.
  https://biquyetxaynha.com/cac-mau-van-ban-cua-dang-cong-san-viet-nam-nam-2024
- [C] The title sits top right, first line, with a solid line as long as the title under it: Thư viện Pháp luật,
  "Cách trình bày tiêu đề Đảng Cộng sản Việt Nam trong văn bản của Đảng" (citing point 1.1 of the guidance),
  https://thuvienphapluat.vn/hoi-dap-phap-luat/iframe/40E51-hd-cach-trinh-bay-tieu-de-dang-cong-san-viet-nam-trong-van-ban-cua-dang.html
- [D] A star under the issuing body, then the number ("VĂN PHÒNG / * / Số 36-HD/VPTW"): the guidance's own first
  page, as copied on docplayer.vn,
  https://docplayer.vn/amp/146735479-Ban-chấp-hành-trung-ương-văn-phòng-số-36-hd-vptw-đảng-cộng-sản-việt-nam-hà-nội-ngày-03-tháng-4-năm-2018-hướng-dẫn-thể-thức-và-kỹ-thuật-trình-bày-vă.html
- [E] Margins: NOT confirmed from the guidance's text. The figures used (front page: top 25 mm, bottom 25 mm,
  left 35 mm, right 15 mm) and "Times New Roman" are those the Sổ tay điện tử of Đảng ủy Khối tỉnh Bình Thuận gives
  for Party documents, without naming which guidance they come from,
  https://stdt.danguykhoibinhthuan.vn/sotay/cong-tac-van-phong-cap-uy/the-thuc-van-ban/yeu-cau-ky%CC%83-thua%CC%A3t-trinh-bay-van-ba%CC%89n
- Not confirmed from any page read: the size of the signature block and of "Nơi nhận" (the files use the body
  size, the signer's role in bold capitals: the project's choice, not a figure of the guidance); and the
  abbreviations in a cell's numbers (BB, NQ, KH, TB for the kind, CB for the cell). The pages show only the
  pattern "Số <number>-<kind>/<issuer>" ([B]: "Số 127-QĐ/TW; Số 24-BS/UBKTTU"; [D]: "Số 36-HD/VPTW").
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any

AUTHOR = "Sổ tay sinh hoạt chi bộ"
PAGE_MM = (210, 297)  # [A]
MARGINS_MM = {"top": 25, "bottom": 25, "left": 35, "right": 15}  # [E], unconfirmed for HD 36
FONT = "Times New Roman"  # [B], [E]
SIZE_PARTY = 15  # [B]
SIZE_ISSUER = 14  # [B] higher committee and issuing body
SIZE_NUMBER = 14  # [B] number, and place and date
SIZE_KIND = 16  # [B] 15–16
SIZE_SUBJECT = 14  # [B] 14–15
SIZE_BODY = 14  # [B] 14–15; also the signature block (unconfirmed)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
HEADER_SPLIT_MM = 70  # width of the issuer's column; the title column takes the rest
THUMBNAIL = re.compile(r'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"/>')

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
HIGHER = "ĐẢNG BỘ ...................."
ISSUER = "CHI BỘ ...................."
PLACE_DATE = "(địa danh), ngày … tháng … năm …"


@dataclass(frozen=True)
class Header:
    """The Party header of a document: issuer (left) and title with place and date (right); the same lines on the
    site's printable forms and in the Word files."""

    symbol: str  # the kind of document in its number: BB, NQ, KH, TB

    @property
    def number(self) -> str:
        return f"Số …-{self.symbol}/CB" if self.symbol else "Số …"

    def left(self) -> list[tuple[str, bool]]:
        """(line, bold) of the issuer's column: higher committee, the cell, a star, the number [B], [D]."""
        return [(HIGHER, False), (ISSUER, True), ("*", False), (self.number, False)]


def fixed_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed time, permissions and system: the same bytes on every machine."""
    entry = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.create_system = 3
    return entry


def build_moment() -> dt.datetime:
    """Midnight (UTC) of the build day: SOURCE_DATE_EPOCH's day when it is set, so a rebuild is byte-identical."""
    from .site import build_day  # site imports, through the loader, what imports this module

    day = build_day()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def new_document() -> Any:
    """An empty Word document on A4 paper with the margins and the font of Party documents."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE_BODY)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), FONT)  # Word takes complex-script text from its own slot
    fonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)
    return word


def add_text(paragraph: Any, text: str, size: int = SIZE_BODY, *, bold: bool = False, italic: bool = False,
             underline: bool = False) -> Any:
    """One run of text in the given size and style (the run keeps the text whole: the planner's marks rely on it)."""
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    return run


def centred(container: Any, text: str, size: int = SIZE_BODY, **style: bool) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = 0
    add_text(paragraph, text, size, **style)
    return paragraph


def borderless(table: Any) -> None:
    """No lines around or inside the table: the header and the signatures are laid out, not boxed."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    # Word reads the table's properties in the schema's order: the borders go before these.
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                           "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def layout_table(word: Any, columns: list[float]) -> Any:
    """A one-row borderless table whose columns have the given widths (mm)."""
    table = word.add_table(rows=1, cols=len(columns))
    table.autofit = False
    borderless(table)
    set_widths(table, columns)
    for cell in table.rows[0].cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # each line is added as its own paragraph
    return table


def set_widths(table: Any, columns: list[float]) -> None:
    """Column widths (mm) in the table's grid and in every cell: Word reads the one, LibreOffice the other."""
    from docx.shared import Mm

    for column, width in zip(table.columns, columns, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, columns, strict=True):
            cell.width = Mm(width)


def party_header(word: Any, header: Header) -> None:
    """Issuer left, "ĐẢNG CỘNG SẢN VIỆT NAM" underlined right with place and date in italics under it [B], [C], [D]."""
    left, right = layout_table(word, [HEADER_SPLIT_MM, TEXT_WIDTH_MM - HEADER_SPLIT_MM]).rows[0].cells
    for text, bold in header.left():
        centred(left, text, SIZE_ISSUER if text != header.number else SIZE_NUMBER, bold=bold)
    centred(right, PARTY, SIZE_PARTY, bold=True, underline=True)
    centred(right, "")
    centred(right, PLACE_DATE, SIZE_NUMBER, italic=True)


def document_title(word: Any, kind: str, subject: str) -> None:
    """The kind of document in bold capitals, the subject in bold under it [B]."""
    from docx.shared import Pt

    first = centred(word, kind.upper(), SIZE_KIND, bold=True)
    first.paragraph_format.space_before = Pt(18)
    if subject:
        centred(word, subject, SIZE_SUBJECT, bold=True)
    word.add_paragraph()


def signature_lines(role: str) -> list[str]:
    """'T/M Chi ủy (Chi bộ) - Bí thư' → ['T/M CHI ỦY (CHI BỘ)', 'BÍ THƯ']."""
    return [part.strip().upper() for part in role.split(" - ") if part.strip()]


def signatures(word: Any, roles: list[str], recipients: list[str] | None = None) -> None:
    """Signature blocks side by side; one signer signs on the right, as on Party documents, with the list of
    recipients ("Nơi nhận") on the left when there is one."""
    if not roles:
        return
    columns = roles if len(roles) > 1 else ["", *roles]
    table = layout_table(word, [TEXT_WIDTH_MM / len(columns)] * len(columns))
    for cell, role in zip(table.rows[0].cells, columns, strict=True):
        if not role:
            lines = ["Nơi nhận:", *recipients] if recipients else [""]
            for number, line in enumerate(lines):
                add_text(cell.add_paragraph(), line, bold=number == 0 and bool(recipients))
            continue
        for line in signature_lines(role):
            centred(cell, line, SIZE_BODY, bold=True)
        centred(cell, "(Ký, ghi rõ họ tên)", SIZE_BODY, italic=True)


def word_bytes(word: Any, title: str) -> bytes:
    """The .docx with real metadata (title, author, the build day) and fixed zip entries; no preview picture."""
    return zip_parts(package_parts(word, title))


def package_parts(word: Any, title: str) -> list[tuple[str, bytes]]:
    """The parts of the saved document in their order ([Content_Types].xml first)."""
    props = word.core_properties
    moment = build_moment()
    props.title, props.author, props.last_modified_by = title, AUTHOR, AUTHOR
    props.comments, props.language, props.revision = "", "vi-VN", 1
    props.created = props.modified = moment
    raw = BytesIO()
    word.save(raw)
    with zipfile.ZipFile(BytesIO(raw.getvalue())) as source:
        parts = [(item.filename, source.read(item.filename)) for item in source.infolist()]
    # python-docx's template carries a picture of some other document as its preview: drop it and its link.
    return [(name, THUMBNAIL.sub("", data.decode("utf-8")).encode("utf-8") if name == "_rels/.rels" else data)
            for name, data in parts if name != "docProps/thumbnail.jpeg"]


def zip_parts(parts: list[tuple[str, bytes]]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in parts:
            target.writestr(fixed_entry(name), data, compresslevel=9)
    return out.getvalue()
