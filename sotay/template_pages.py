"""Printable pages for document templates, their Word files, and the list of templates.

The page and the Word file are laid out from the same template data and the same Party header (sotay.word), so
what a cell prints from the site and what it edits in Word read alike.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .render import listing_page
from .site import Linker
from .templates import Block, FormTable, Template
from .word import (
    PARTY,
    PLACE_DATE,
    TEXT_WIDTH_MM,
    Header,
    document_title,
    new_document,
    party_header,
    set_widths,
    signature_lines,
    signatures,
    word_bytes,
)

DOCX_DIR = "assets/sotay/mau"
DOTS = "." * 60  # a line to fill in, in the Word files
NOTE = ("Mẫu là gợi ý của Sổ tay, soạn theo các văn bản ở mục căn cứ; chi bộ dùng theo hướng dẫn của cấp ủy cấp "
        "trên nếu cấp trên đã có mẫu riêng.")
# Where the layout comes from; the figures and the pages they were read from are listed in sotay/word.py.
FORMAT_NOTE = ("Tệp Word trình bày theo Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về "
               "thể thức và kỹ thuật trình bày văn bản của Đảng: khổ A4, phông Times New Roman, phần đầu văn bản "
               "(tên chi bộ, số, tiêu đề “Đảng Cộng sản Việt Nam”, địa danh và ngày). Cỡ lề trang chưa đối chiếu "
               "được với bản gốc của Hướng dẫn.")
FORMAT_SOURCE = ("https://vpdangdoan.vinhuni.edu.vn/thong-bao-van-ban/seo/"
                 "huong-dan-ve-the-thuc-va-ky-thuat-trinh-bay-van-ban-cua-dang-86250")


def docx_src(template: Template) -> str:
    return f"{DOCX_DIR}/{template.id}.docx"


def header_html(header: Header) -> str:
    """The Party header as on the Word file: issuer left; the Party's name underlined right, place and date under."""
    left = "".join(f"<p>{'<strong>' if bold else ''}{escape(text)}{'</strong>' if bold else ''}</p>"
                   for text, bold in header.left())
    return ('<div class="sotay-form-header">'
            f'<div class="sotay-form-issuer">{left}</div>'
            f'<div class="sotay-form-party"><p><strong class="sotay-form-party-name">{escape(PARTY)}</strong></p>'
            f"<p><em>{escape(PLACE_DATE)}</em></p></div></div>")


def title_html(template: Template) -> str:
    kind, subject = template.title_lines
    more = f'<br><span class="sotay-form-subject">{escape(subject)}</span>' if subject else ""
    return f'<p class="sotay-form-title">{escape(kind.upper())}{more}</p>'


def table_html(table: FormTable) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    blanks = "<td></td>" * (len(table.columns) - 1)
    rows = "".join(f'<tr><th scope="row">{escape(r)}</th>{blanks}</tr>' for r in table.rows)
    return f'<table class="sotay-form-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def block_html(block: Block, level: int) -> str:
    parts = [f"<h{level}>{escape(block.heading)}</h{level}>"]
    if block.note:
        parts.append(f'<p class="sotay-form-note">{escape(block.note)}</p>')
    if block.table:
        parts.append(table_html(block.table))
    parts += [f'<p class="sotay-form-field">{escape(name)}: <span class="sotay-blank"></span></p>'
              for name in block.fields]
    parts += ['<p class="sotay-form-line"></p>'] * block.lines
    return "".join(parts)


def form_html(template: Template, level: int = 3) -> str:
    """The printable form: Party header, title, blocks of dotted fields, tables and lines, signatures.

    `level` is the heading level of the blocks: 2 on the template's own page (under its h1), deeper inside a pack.
    """
    signers = "".join("<div>" + "".join(f"<strong>{escape(line)}</strong><br>" for line in signature_lines(role))
                      + "<em>(Ký, ghi rõ họ tên)</em></div>" for role in template.signatures)
    blocks = "".join(block_html(block, level) for block in template.blocks)
    return (f'<div class="sotay-form">{header_html(Header(template.symbol))}{title_html(template)}{blocks}'
            f'<div class="sotay-form-signatures">{signers}</div></div>')


def template_page(template: Template, linker: Linker) -> str:
    src = template.src
    intro = linker.link_markdown(template.intro, src, path=template.path).text
    basis = [link for item in template.basis if (link := linker.basis_html(src, item.target, item.anchor))]
    download = escape(linker.url(src, docx_src(template)))
    return "\n".join([
        f"# {escape(template.title)}", "", intro, "",
        f'<p class="sotay-own-work">{escape(NOTE)} Căn cứ: {"; ".join(basis)}.</p>', "",
        f'<p class="sotay-own-work">{escape(FORMAT_NOTE)} Nguồn: <a href="{escape(FORMAT_SOURCE)}">Hướng dẫn về '
        "thể thức và kỹ thuật trình bày văn bản của Đảng</a> (Trường Đại học Vinh).</p>", "",
        f'<p class="sotay-form-download"><a class="sotay-button" href="{download}" download>Tải mẫu dạng Word '
        "(.docx)</a> Hoặc bấm in (Ctrl+P) để in trang này.</p>", "", form_html(template, level=2), "",
    ])


def word_table(word: Any, table: FormTable) -> None:
    """A table with lines, the first column naming the rows, the rest blank to fill in."""
    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    first = TEXT_WIDTH_MM * 0.3
    set_widths(grid, [first] + [(TEXT_WIDTH_MM - first) / (len(table.columns) - 1)] * (len(table.columns) - 1))
    for row, labels, bold in zip(grid.rows, [table.columns, *[(r,) for r in table.rows]],
                                 [True] + [False] * len(table.rows), strict=True):
        for cell, label in zip(row.cells, labels, strict=False):  # a row names only its first cell
            cell.paragraphs[0].add_run(label).bold = bold or None


def word_block(word: Any, block: Block) -> None:
    from docx.shared import Pt

    heading = word.add_paragraph()
    heading.paragraph_format.space_before = Pt(6)
    heading.add_run(block.heading).bold = True
    if block.note:
        word.add_paragraph().add_run(block.note).italic = True
    if block.table:
        word_table(word, block.table)
    for name in block.fields:
        word.add_paragraph(f"{name}: {DOTS}")
    for _ in range(block.lines):
        word.add_paragraph(DOTS + DOTS[:30])


def template_docx(template: Template) -> bytes:
    """The form as an editable Word file: the Party header, the title, blocks, signatures, on A4."""
    word = new_document()
    party_header(word, Header(template.symbol))
    document_title(word, *template.title_lines)
    for block in template.blocks:
        word_block(word, block)
    word.add_paragraph()
    signatures(word, template.signatures)
    return word_bytes(word, template.title)


def template_files(templates: list[Template]) -> dict[str, bytes]:
    return {docx_src(t): template_docx(t) for t in templates}


def templates_index(templates: list[Template]) -> str:
    return listing_page("Mẫu văn bản của chi bộ", NOTE, ((t.title, t.src, escape(t.summary)) for t in templates))
