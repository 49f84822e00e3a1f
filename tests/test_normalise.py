"""BOM, CRLF line ends and NFD text are accepted and normalised, not errors."""

from __future__ import annotations

import unicodedata

from conftest import Project, document

from sotay.loader import load_knowledge_base
from sotay.project import load_project


def load(root):  # type: ignore[no-untyped-def]
    return load_knowledge_base(load_project(root / "mkdocs.yml"))


def test_bom_crlf_and_nfd_are_accepted(project: Project) -> None:
    text = document(body="Tóm tắt về sinh hoạt chi bộ.\n\n## Điều lệ Đảng\n\nNội dung.\n")
    nfd = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    root = project({"directives/a.md": "\ufeff".encode() + nfd.encode("utf-8")})
    result = load(root)
    assert result.problems.sorted() == []
    (doc,) = result.kb.documents
    assert doc.title == "Về việc thử nghiệm"
    assert unicodedata.is_normalized("NFC", doc.body)
    assert "\r" not in doc.body
    assert doc.summary == "Tóm tắt về sinh hoạt chi bộ."
    assert [(p.anchor, p.title, p.line) for p in doc.provisions] == [("dieu-le-dang", "Điều lệ Đảng", 18)]


def test_nfd_number_matches_nfc_link(project: Project) -> None:
    nfd = unicodedata.normalize("NFD", document("qd-08", "08-QĐi/TW", doc_type="quy-dinh"))
    root = project({
        "directives/a.md": nfd,
        "directives/b.md": document("b", "18-KL/TW", body="Tóm tắt, theo [[08-QĐi/TW]].\n"),
    })
    assert load(root).problems.sorted() == []
