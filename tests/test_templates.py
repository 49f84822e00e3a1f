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

from sotay.loader import load_knowledge_base
from sotay.project import load_project
from sotay.template_pages import template_docx

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


def test_page_docx_and_export(tmp_path: Path) -> None:
    site = build_fixture_site(tmp_path / "p", {"directives/a.md": document(), M: TEMPLATE})
    page = (site / "mau" / "a" / "index.html").read_text("utf-8")
    assert '<p class="sotay-form-title">BIÊN BẢN THỬ</p>' in page
    assert '<p class="sotay-form-field">Chủ trì: <span class="sotay-blank"></span></p>' in page
    assert page.count('<p class="sotay-form-line"></p>') == 3
    assert '<a href="../../assets/sotay/mau/bien-ban-thu.docx" download>' in page
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
        assert template.title.upper() in text and template.blocks[0].heading in text
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in word.tables[0].rows[0].cells[1].text
