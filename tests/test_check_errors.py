"""One invalid fixture per error kind, with the exact message `sotay check` prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project, document

from sotay.loader import load_knowledge_base
from sotay.project import load_project

D = "directives/a.md"


def check(root: Path) -> list[str]:
    result = load_knowledge_base(load_project(root / "mkdocs.yml"))
    return [str(p) for p in result.problems.sorted()]


CASES: list[tuple[str, str | bytes, list[str]]] = [
    ("empty file", "", [f"{D}:1: error: tệp rỗng: cần phần đầu (front matter) giữa hai dòng '---' và nội dung"]),
    ("not utf-8", b"---\nid: a\ntitle: V\xe0 vi\xeac\n---\n",  # saved as Windows-1258
     [f"{D}:3: error: tệp không phải UTF-8 (byte 0xe0); hãy lưu lại tệp với bảng mã UTF-8"]),
    ("no front matter", "Chỉ có nội dung.\n",
     [f"{D}:1: error: thiếu phần đầu (front matter): dòng đầu tiên phải là '---'"]),
    ("unclosed front matter", "---\nid: a\n",
     [f"{D}:1: error: phần đầu (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại"]),
    ("invalid yaml", "---\nid: a\ntitle: [chưa đóng\n---\nTóm tắt.\n",
     [f"{D}:3: error: YAML không hợp lệ: expected ',' or ']', but got '<stream end>'"]),
    ("not a mapping", "---\n- một\n- hai\n---\nTóm tắt.\n",
     [f"{D}:2: error: phần đầu (front matter) phải là các cặp 'trường: giá trị'"]),
    ("missing field", document().replace("issuer: Ban Bí thư Trung ương Đảng\n", ""),
     [f"{D}:1: error: thiếu trường bắt buộc 'issuer'"]),
    ("unknown field", document().replace("issued:", "isued:"),
     [f"{D}:1: error: thiếu trường bắt buộc 'issued'",
      f"{D}:7: error: trường lạ 'isued' (có phải là 'issued'?); các trường hợp lệ: 'id', 'number', 'type', "
      "'title', 'issuer', 'term', 'issued', 'scope', 'status', 'relations', 'sources', 'unverified', 'themes'"]),
    ("value outside list", document(doc_type="chi-tiet"),
     [f"{D}:4: error: trường 'type': giá trị 'chi-tiet' không hợp lệ (có phải là 'chi-thi'?); chọn một trong: "
      "'chi-thi', 'ket-luan', 'nghi-quyet', 'huong-dan', 'quy-dinh', 'quyet-dinh', 'ke-hoach', 'de-an', "
      "'chuong-trinh', 'cong-van', 'thong-bao'"]),
    ("impossible date", document(issued="2018-02-31"),
     [f"{D}:7: error: trường 'issued': ngày không có thật: '2018-02-31'"]),
    ("date in wrong format", document(issued="31/02/2018"),
     [f"{D}:7: error: trường 'issued': cần ngày dạng 2018-07-06 (hoặc 2018-07, 2018), nhận được '31/02/2018'"]),
    ("bad number", document(number="KL 18"),
     [f"{D}:3: error: trường 'number': số hiệu 'KL 18' không đúng dạng, ví dụ '18-KL/TW', '08-QĐi/TW'"]),
    ("bad id", document(doc_id="Chỉ thị 10"),
     [f"{D}:2: error: trường 'id': 'Chỉ thị 10' không phải mã hợp lệ; chỉ dùng chữ thường không dấu, số và "
      "dấu gạch ngang, ví dụ 'ket-luan-18-kl-tw'"]),
    ("repeated key", document().replace("status: con-hieu-luc\n", "status: con-hieu-luc\nstatus: chua-ro\n"),
     [f"{D}:10: error: trường 'status' bị lặp lại"]),
    ("no sources", document().split("sources:")[0] + "sources: []\n---\nTóm tắt.\n",
     [f"{D}:10: error: trường 'sources': cần ít nhất một nguồn"]),
    ("fact without source", document().replace(", issued,", ","),
     [f"{D}:7: error: trường 'issued' chưa có nguồn: thêm 'issued' vào 'supports' của nguồn xác nhận nó, "
      "hoặc vào 'unverified' nếu chưa đối chiếu được"]),
    ("no summary", document(body="## Điểm chính\n\nNội dung.\n"),
     [f"{D}:16: error: phần nội dung cần một đoạn tóm tắt trước tiêu đề đầu tiên"]),
    ("level-1 heading", document(body="Tóm tắt.\n\n# Tên\n"),
     [f"{D}:18: error: không dùng tiêu đề cấp 1 ('# ...') trong nội dung; tên văn bản lấy từ trường 'title'"]),
    ("duplicate anchor", document(body="Tóm tắt.\n\n## Một {#mot}\n\n## Hai {#mot}\n"),
     [f"{D}:20: error: neo '#mot' trùng với mục ở dòng 18; hãy đặt neo riêng bằng '{{#neo-khac}}'"]),
    ("unknown relation target", document(extra="relations:\n  - type: continues\n    target: 10-CT/TV\n"),
     [f"{D}:11: error: quan hệ 'continues': không có văn bản '10-CT/TV' trong cơ sở (có phải là '10-CT/TW'?)"]),
    ("unknown relation type", document(extra="relations:\n  - type: follows\n    target: 10-CT/TW\n"),
     [f"{D}:11: error: trường 'relations.type': giá trị 'follows' không hợp lệ; chọn một trong: 'implements', "
      "'continues', 'guides', 'replaces', 'amends', 'cites'"]),
    ("link to unknown document", document(body="Tóm tắt, xem [[19-KL/TW]].\n"),
     [f"{D}:16: error: liên kết [[19-KL/TW]]: không có văn bản '19-KL/TW' trong cơ sở"]),
    ("link to unknown anchor", document(body="Tóm tắt, xem [[10-CT/TW#khong-co]].\n\n## Điểm {#diem}\n"),
     [f"{D}:16: error: liên kết [[10-CT/TW#khong-co]]: văn bản 10-CT/TW không có mục '#khong-co'; "
      "các mục: '#diem'"]),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_error_kind(project: Project, name: str, content: str | bytes, expected: list[str]) -> None:
    assert check(project({D: content})) == expected


def test_duplicate_id_and_number(project: Project) -> None:
    root = project({
        "directives/a.md": document(),
        "directives/b.md": document(),
        "directives/c.md": document(doc_id="khac"),
    })
    assert check(root) == [
        "directives/b.md:2: error: mã 'chi-thi-10-ct-tw' đã dùng cho directives/a.md",
        "directives/c.md:3: error: số hiệu '10-CT/TW@2007' đã có ở directives/a.md",
    ]


def test_same_number_other_year_is_allowed(project: Project) -> None:
    root = project({
        "directives/a.md": document("ct-05-2016", "05-CT/TW", issued="2016-05-15"),
        "directives/b.md": document("ct-05-2021", "05-CT/TW", issued="2021-06-01"),
        "directives/c.md": document("c", "18-KL/TW", body="Tóm tắt, xem [[05-CT/TW]].\n"),
    })
    assert check(root) == [
        "directives/c.md:16: error: liên kết [[05-CT/TW]]: '05-CT/TW' ứng với nhiều văn bản: '05-CT/TW@2016', "
        "'05-CT/TW@2021'; hãy ghi rõ số hiệu kèm năm hoặc mã văn bản"
    ]


def test_all_problems_in_one_run(project: Project) -> None:
    root = project({
        "directives/a.md": document(issued="2018-02-31"),
        "directives/b.md": "",
        "docs/trang.md": "# Trang\n\nXem [[khong-co]].\n",
    })
    problems = check(root)
    assert len(problems) == 3
    assert problems[2] == "docs/trang.md:3: error: liên kết [[khong-co]]: không có văn bản 'khong-co' trong cơ sở"


def test_invalid_document_does_not_cascade(project: Project) -> None:
    """A broken document is reported once; links to it are not reported as unknown too."""
    root = project({
        "directives/a.md": document(issued="2018-02-31"),
        "directives/b.md": document("b", "18-KL/TW", extra="relations:\n  - type: continues\n    target: 10-CT/TW\n"),
    })
    assert check(root) == ["directives/a.md:7: error: trường 'issued': ngày không có thật: '2018-02-31'"]


REGISTRY = """\
bao-thu-nghiem:
  publication: Báo Thử nghiệm
  title: Bài thử nghiệm
  date: 2023-11-29
"""


def with_ref(ref: str) -> str:
    text = document()
    start, end = text.index("  - publication"), text.index("---\nTóm tắt")
    return text[:start] + f"  - ref: {ref}\n    supports: [number, type, title, issuer, issued, status]\n" + text[end:]


def test_source_named_in_registry(project: Project) -> None:
    root = project({"directives/nguon.yml": REGISTRY, "directives/a.md": with_ref("bao-thu-nghiem")})
    result = load_knowledge_base(load_project(root / "mkdocs.yml"))
    assert result.problems.sorted() == []
    (source,) = result.kb.documents[0].sources
    assert (source.publication, source.ref, source.date and source.date.iso()) == (
        "Báo Thử nghiệm", "bao-thu-nghiem", "2023-11-29")


def test_unknown_source_ref(project: Project) -> None:
    root = project({"directives/nguon.yml": REGISTRY, "directives/a.md": with_ref("bao-thu-nghiem-2")})
    assert check(root) == [
        f"{D}:11: error: nguồn 'bao-thu-nghiem-2' không có trong nguon.yml (có phải là 'bao-thu-nghiem'?)"]


def test_invalid_registry_entries(project: Project) -> None:
    registry = REGISTRY + "Báo Sai:\n  publication: X\n  title: Y\nbao-thieu:\n  publication: X\n  ngay: 2023\n"
    root = project({"directives/nguon.yml": registry, "directives/a.md": with_ref("bao-thu-nghiem")})
    assert check(root) == [
        "directives/nguon.yml:5: error: mã nguồn 'Báo Sai' không hợp lệ; chỉ dùng chữ thường không dấu, số và "
        "dấu gạch ngang",
        "directives/nguon.yml:8: error: thiếu trường bắt buộc 'title' của nguồn 'bao-thieu'",
        "directives/nguon.yml:10: error: trường lạ 'ngay' của nguồn 'bao-thieu'; các trường hợp lệ: "
        "'publication', 'title', 'date', 'url', 'note'",
    ]
