"""Document templates: validation, the printable page, the Word file, the export."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Project, build_fixture_site, document, problems_of
from docx import Document as WordDocument
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from sotay.loader import load_knowledge_base
from sotay.project import load_project
from sotay.template_pages import form_html, template_docx

M = "docs/mau/a.md"
TEMPLATE = """\
---
id: bien-ban-thu
title: Biên bản thử
summary: "Mẫu thử: ghi đủ ý kiến."
basis:
  - "[[10-CT/TW#diem-chinh]]"
blocks:
  - heading: I. Thành phần
    fields: [Chủ trì, Thư ký]
  - heading: II. Ý kiến
    note: Ghi đủ ý kiến.
    lines: 3
signatures: [Thư ký, Chủ trì]
---
Dùng khi ghi biên bản.
"""


check = problems_of


def test_template_errors(project: Project) -> None:
    bad = TEMPLATE.replace("lines: 3", "lines: 99").replace("#diem-chinh", "#khong-co")
    assert check(project({"directives/a.md": document(), M: bad})) == [
        f"{M}:6: error: căn cứ '10-CT/TW': văn bản 10-CT/TW không có mục '#khong-co'; các mục: '#diem-chinh'",
        f"{M}:12: error: trường 'blocks.lines': cần số dòng để trống từ 0 đến 40, nhận được '99'",
    ]


def test_title_lines_symbol_and_table_errors(project: Project) -> None:
    bad = (TEMPLATE.replace("title: Biên bản thử\n", "title: Biên bản thử\nsubject: họp thử\nsymbol: bb\n")
           .replace("    lines: 3\n", "    lines: 3\n    table:\n      columns: [A, B, C, D, E, F, G]\n"
                    "      rows: [X]\n  - heading: III. Bảng\n    table:\n      columns: [A, B]\n      rows: []\n"
                    "  - heading: IV. Một cột\n    table:\n      columns: [A]\n      rows: [X]\n"))
    assert check(project({"directives/a.md": document(), M: bad})) == [
        f"{M}:4: error: trường 'subject' (trích yếu) cần đi cùng 'kind' (tên loại văn bản, ví dụ 'Biên bản')",
        f"{M}:5: error: trường 'symbol': cần ký hiệu tên loại văn bản viết hoa như 'BB', 'NQ', 'KH', 'TB', "
        "nhận được 'bb'",
        f"{M}:16: error: trường 'blocks.table.columns': cần từ 2 đến 6 cột (cột đầu ghi tên dòng), nhận được 7",
        f"{M}:21: error: trường 'blocks.table.rows': cần ít nhất một dòng",
        f"{M}:24: error: trường 'blocks.table.columns': cần từ 2 đến 6 cột (cột đầu ghi tên dòng), nhận được 1",
    ]


def test_page_docx_and_export(tmp_path: Path) -> None:
    site = build_fixture_site(tmp_path / "p", {"directives/a.md": document(), M: TEMPLATE})
    page = (site / "mau" / "a" / "index.html").read_text("utf-8")
    assert '<p class="sotay-form-title">BIÊN BẢN THỬ</p>' in page
    assert '<p class="sotay-form-field">Chủ trì: <span class="sotay-blank"></span></p>' in page
    assert page.count('<p class="sotay-form-line"></p>') == 3
    assert '<h2>I. Thành phần</h2>' in page  # under the page's h1, never an h3 straight after it
    assert '<a class="sotay-button" href="../../assets/sotay/mau/bien-ban-thu.docx" download>' in page
    assert ('<div class="sotay-form-issuer"><p>ĐẢNG BỘ ....................</p><p><strong>CHI BỘ '
            '....................</strong></p><p>*</p><p>Số …</p></div>') in page
    assert ('<p><strong class="sotay-form-party-name">ĐẢNG CỘNG SẢN VIỆT NAM</strong></p>'
            "<p><em>(địa danh), ngày … tháng … năm …</em></p>") in page
    assert "Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng" in page
    assert 'href="https://vpdangdoan.vinhuni.edu.vn/' in page
    word = WordDocument(str(site / "assets" / "sotay" / "mau" / "bien-ban-thu.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "BIÊN BẢN THỬ" in text and "Chủ trì: ...." in text and "Ghi đủ ý kiến." in text
    out = tmp_path / "kb.json"
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export", "-o", str(out)], cwd=tmp_path / "p",
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text("utf-8"))["templates"] == [
        {"id": "bien-ban-thu", "title": "Biên bản thử", "docx": "assets/sotay/mau/bien-ban-thu.docx",
         "url": "mau/a/"}]


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load_knowledge_base(load_project(REPO / "mkdocs.yml")).templates


def test_shipped_templates_open_in_word(shipped) -> None:  # type: ignore[no-untyped-def]
    assert {t.id for t in shipped} == {"bien-ban-hop-chi-bo", "nghi-quyet-chi-bo", "ke-hoach-sinh-hoat-chuyen-de",
                                       "bien-ban-hop-chi-uy", "thong-bao-ket-luan"}
    for template in shipped:
        word = WordDocument(io.BytesIO(template_docx(template)))
        text = "\n".join(p.text for p in word.paragraphs)
        kind, subject = template.title_lines
        assert kind and subject and template.symbol  # every shipped template reads as a Party document
        assert f"{kind.upper()}\n{subject}" in text and template.blocks[0].heading in text
        left, right = word.tables[0].rows[0].cells
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right.text and f"Số …-{template.symbol}/CB" in left.text
        assert word.core_properties.title == template.title


def party_page(data: bytes) -> DocxDocument:
    """The Word file read back, after checking its page: A4, the margins and the body font of a Party document."""
    word = WordDocument(io.BytesIO(data))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [25, 25, 35, 15]
    assert word.styles["Normal"].font.name == "Times New Roman" and word.styles["Normal"].font.size.pt == 14
    return word


def test_word_files_are_party_documents_made_the_same_way_twice(shipped,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 18/11/2026
    template = next(t for t in shipped if t.id == "nghi-quyet-chi-bo")
    data = template_docx(template)
    assert template_docx(template) == data
    word = party_page(data)
    header = word.tables[0]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and {edge.get(qn("w:val")) for edge in borders} == {"nil"}  # no lines
    left, right = header.rows[0].cells
    assert [(p.text, bool(p.runs[0].bold)) for p in left.paragraphs] == [
        ("ĐẢNG BỘ ....................", False), ("CHI BỘ ....................", True), ("*", False),
        ("Số …-NQ/CB", False)]
    party, _blank, place = right.paragraphs
    assert party.runs[0].underline and party.runs[0].font.size.pt == 15
    assert place.text == "(địa danh), ngày … tháng … năm …" and place.runs[0].italic
    kind = next(p for p in word.paragraphs if p.text == "NGHỊ QUYẾT")
    assert kind.runs[0].bold and kind.runs[0].font.size.pt == 16
    signature = word.tables[-1].rows[0].cells[-1].text
    assert signature.split("\n") == ["T/M CHI BỘ", "BÍ THƯ", "(Ký, ghi rõ họ tên)"]  # one signer signs right
    props = word.core_properties
    assert (props.author, props.title, props.created.date().isoformat()) == (
        "Sổ tay sinh hoạt chi bộ", "Nghị quyết chi bộ", "2026-11-18")
    assert props.modified == props.created


def test_the_minutes_record_members_dues_and_the_vote_on_them(shipped) -> None:  # type: ignore[no-untyped-def]
    minutes = next(t for t in shipped if t.id == "bien-ban-hop-chi-bo")
    members = next(b.table for b in minutes.blocks if b.table)
    assert members.columns == ("Đảng viên", "Tổng số", "Có mặt", "Vắng có lý do", "Vắng không có lý do")
    assert members.rows == ("Chính thức", "Dự bị", "Cộng")
    fields = [f for b in minutes.blocks for f in b.fields]
    for needed in ("vắng mặt có lý do", "vắng mặt không có lý do", "Số đảng viên đã nộp", "Số tiền đã thu",
                   "Số đồng chí tán thành", "Số đồng chí không tán thành", "Tỷ lệ tán thành (%)"):
        assert any(needed in f for f in fields), needed
    assert any("đảng phí" in b.heading for b in minutes.blocks)
    assert any("Thông qua biên bản" in b.heading for b in minutes.blocks)
    word = WordDocument(io.BytesIO(template_docx(minutes)))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Đảng viên")
    assert [row.cells[0].text for row in table.rows] == ["Đảng viên", "Chính thức", "Dự bị", "Cộng"]
    assert [c.text for c in table.rows[0].cells][1:] == list(members.columns[1:])
    page = form_html(minutes, level=2)
    assert '<th scope="col">Vắng không có lý do</th>' in page and '<th scope="row">Dự bị</th>' in page
    assert "Tỷ lệ tán thành (%): " in page
