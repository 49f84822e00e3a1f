"""Printable pages for document templates, their Word files, and the list of templates."""

from __future__ import annotations

from html import escape

from .render import listing_page
from .site import Linker
from .templates import TEMPLATES_FOLDER, Template
from .word import new_document, word_bytes

TEMPLATES_INDEX_SRC = f"{TEMPLATES_FOLDER}/index.md"
DOCX_DIR = "assets/sotay/mau"
DOTS = "." * 60  # a line to fill in, in the Word files
NOTE = ("Mẫu là gợi ý của Sổ tay, soạn theo các văn bản ở mục căn cứ; chi bộ dùng theo hướng dẫn của cấp ủy cấp "
        "trên nếu cấp trên đã có mẫu riêng.")


def docx_src(template: Template) -> str:
    return f"{DOCX_DIR}/{template.id}.docx"



def form_html(template: Template) -> str:
    """The printable form: Party header, blocks of dotted fields and lines, signatures."""
    blocks = []
    for block in template.blocks:
        parts = [f"<h3>{escape(block.heading)}</h3>"]
        if block.note:
            parts.append(f'<p class="sotay-form-note">{escape(block.note)}</p>')
        parts += [f'<p class="sotay-form-field">{escape(name)}: <span class="sotay-blank"></span></p>'
                  for name in block.fields]
        parts += ['<p class="sotay-form-line"></p>'] * block.lines
        blocks.append("".join(parts))
    signatures = "".join(f"<div><strong>{escape(role.upper())}</strong><br>(Ký, ghi rõ họ tên)</div>"
                         for role in template.signatures)
    return ('<div class="sotay-form">'
            '<div class="sotay-form-header"><div>ĐẢNG BỘ ....................<br>CHI BỘ ....................</div>'
            "<div><strong>ĐẢNG CỘNG SẢN VIỆT NAM</strong><br><em>........, ngày .... tháng .... năm ......</em></div>"
            f'</div><p class="sotay-form-title">{escape(template.title.upper())}</p>{"".join(blocks)}'
            f'<div class="sotay-form-signatures">{signatures}</div></div>')


def template_page(template: Template, linker: Linker) -> str:
    src = template.src
    intro = linker.link_markdown(template.intro, src, path=template.path).text
    basis = [link for item in template.basis if (link := linker.basis_html(src, item.target, item.anchor))]
    download = escape(linker.url(src, docx_src(template)))
    return "\n".join([
        f"# {escape(template.title)}", "", intro, "",
        f'<p class="sotay-own-work">{escape(NOTE)} Căn cứ: {"; ".join(basis)}.</p>', "",
        f'<p class="sotay-form-download"><a href="{download}" download>Tải mẫu dạng Word (.docx)</a> · '
        "bấm in (Ctrl+P) để in trang này.</p>", "", form_html(template), "",
    ])


def template_docx(template: Template) -> bytes:
    """The form as an editable Word file: the Party header, the title, fields, lines, signatures."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word = new_document()
    header = word.add_table(rows=1, cols=2)
    header.rows[0].cells[0].text = "ĐẢNG BỘ ........................\nCHI BỘ ........................"
    header.rows[0].cells[1].text = "ĐẢNG CỘNG SẢN VIỆT NAM\n........, ngày .... tháng .... năm ......"
    heading = word.add_paragraph(template.title.upper())
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].bold = True
    for block in template.blocks:
        word.add_paragraph(block.heading).runs[0].bold = True
        if block.note:
            word.add_paragraph(block.note).runs[0].italic = True
        for name in block.fields:
            word.add_paragraph(f"{name}: {DOTS}")
        for _ in range(block.lines):
            word.add_paragraph(DOTS + DOTS[:30])
    if template.signatures:
        table = word.add_table(rows=1, cols=len(template.signatures))
        for cell, role in zip(table.rows[0].cells, template.signatures, strict=True):
            cell.text = f"{role.upper()}\n(Ký, ghi rõ họ tên)"
    return word_bytes(word)


def template_files(templates: list[Template]) -> dict[str, bytes]:
    return {docx_src(t): template_docx(t) for t in templates}


def templates_index(templates: list[Template]) -> str:
    return listing_page("Mẫu văn bản của chi bộ", NOTE, ((t.title, t.src, escape(t.summary)) for t in templates))
