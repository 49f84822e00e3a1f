"""One invalid fixture per error kind, with the exact message `sotay check` prints."""

from __future__ import annotations

import pytest
from conftest import Project, document, problems_of

from sotay.loader import load_knowledge_base
from sotay.project import load_project

D = "directives/a.md"


check = problems_of


CASES: list[tuple[str, str | bytes, list[str]]] = [
    ("empty file", "", [f"{D}:1: error: tệp rỗng: cần phần đầu (front matter) giữa hai dòng '---' và nội dung"]),
    ("not utf-8", b"---\nid: a\ntitle: V\xe0 vi\xeac\n---\n",  # saved as Windows-1258
     [f"{D}:3: error: tệp không phải UTF-8 (byte 0xe0); hãy lưu lại tệp với bảng mã UTF-8"]),
    ("no front matter", "Chỉ có nội dung.\n",
     [f"{D}:1: error: thiếu phần đầu (front matter): dòng đầu tiên phải là '---'"]),
    ("unclosed front matter", "---\nid: a\n",
     [f"{D}:1: error: phần đầu (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại"]),
    ("invalid yaml", "---\nid: a\ntitle: [chưa đóng\n---\nTóm tắt.\n",
     [f"{D}:3: error: YAML không hợp lệ: danh sách trong ngoặc vuông chưa đóng bằng ']' hoặc thiếu dấu ','"]),
    ("an unquoted colon", "---\nid: a\ntitle: Về việc: thử\n---\nTóm tắt.\n",
     [f"{D}:3: error: YAML không hợp lệ: có dấu ':' ở chỗ không được; giá trị có dấu ':' phải đặt trong ngoặc kép, "
      "và các trường cùng cấp phải thụt lề bằng nhau"]),
    ("a tab", "---\nid: a\nrelations:\n\t- x\n---\nTóm tắt.\n",
     [f"{D}:4: error: YAML không hợp lệ: có ký tự không được đứng đầu (thường là phím Tab); YAML chỉ thụt lề bằng "
      "dấu cách"]),
    ("not a mapping", "---\n- một\n- hai\n---\nTóm tắt.\n",
     [f"{D}:2: error: phần đầu (front matter) phải là các cặp 'trường: giá trị'"]),
    ("missing field", document().replace("issuer: Ban Bí thư Trung ương Đảng\n", ""),
     [f"{D}:1: error: thiếu trường bắt buộc 'issuer'"]),
    ("unknown field", document().replace("issued:", "isued:"),
     [f"{D}:1: error: thiếu trường bắt buộc 'issued'",
      f"{D}:7: error: trường lạ 'isued' (có phải là 'issued'?); các trường hợp lệ: 'id', 'number', 'type', "
      "'title', 'issuer', 'term', 'issued', 'scope', 'status', 'status_date', 'relations', 'sources', 'added', "
      "'changes', 'unverified', 'themes'"]),
    ("value outside list", document(doc_type="chi-tiet"),
     [f"{D}:4: error: trường 'type': giá trị 'chi-tiet' không hợp lệ (có phải là 'chi-thi'?); chọn một trong: "
      "'chi-thi', 'ket-luan', 'nghi-quyet', 'huong-dan', 'quy-dinh', 'quyet-dinh', 'ke-hoach', 'de-an', "
      "'chuong-trinh', 'cong-van', 'thong-bao', 'dieu-le'"]),
    ("impossible date", document(issued="2018-02-31"),
     [f"{D}:7: error: trường 'issued': ngày không có thật: '2018-02-31'"]),
    ("date in wrong format", document(issued="31/02/2018"),
     [f"{D}:7: error: trường 'issued': cần ngày dạng 2018-07-06 (hoặc 2018-07, 2018), nhận được '31/02/2018'"]),
    ("bad number", document(number="KL 18"),
     [f"{D}:3: error: trường 'number': số hiệu 'KL 18' không đúng dạng, ví dụ '18-KL/TW', '08-QĐi/TW'"]),
    ("bad id", document(doc_id="Chỉ thị 10"),
     [f"{D}:2: error: trường 'id': 'Chỉ thị 10' không phải mã hợp lệ; chỉ dùng chữ thường không dấu, số và "
      "dấu gạch ngang, ví dụ 'ket-luan-18-kl-tw'"]),
    ("repeated key", document().replace("status: chua-ro\n", "status: chua-ro\nstatus: chua-ro\n"),
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
     [f"{D}:11: error: quan hệ 'continues': không có văn bản '10-CT/TV' trong Sổ tay (có phải là '10-CT/TW'?)"]),
    ("unknown relation type", document(extra="relations:\n  - type: follows\n    target: 10-CT/TW\n"),
     [f"{D}:11: error: trường 'relations.type': giá trị 'follows' không hợp lệ; chọn một trong: 'implements', "
      "'continues', 'guides', 'replaces', 'replaced_by', 'amends', 'cites'"]),
    ("link to unknown document", document(body="Tóm tắt, xem [[19-KL/TW]].\n"),
     [f"{D}:16: error: liên kết [[19-KL/TW]]: không có văn bản '19-KL/TW' trong Sổ tay"]),
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
    assert check(root) == [
        "directives/a.md:7: error: trường 'issued': ngày không có thật: '2018-02-31'",
        "directives/b.md:1: error: tệp rỗng: cần phần đầu (front matter) giữa hai dòng '---' và nội dung",
        "docs/trang.md:3: error: liên kết [[khong-co]]: không có văn bản 'khong-co' trong Sổ tay",
    ]


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
        "'publication', 'title', 'date', 'url', 'read', 'claims', 'note'",
    ]


def with_meta(old: str, new: str) -> str:
    text = document()
    assert old in text
    return text.replace(old, new)


ROBUSTNESS: list[tuple[str, str, list[str]]] = [
    ("unknown yaml tag", with_meta("status: chua-ro", "status: !foo x"),
     [f"{D}:9: error: giá trị 'x' không đọc được: could not determine a constructor for the tag '!foo'"]),
    ("typed timestamp", with_meta("issued: 2007-03-30", "issued: !!timestamp 2018-02-31"),
     [f"{D}:7: error: giá trị '2018-02-31' không đọc được: day is out of range for month"]),
    ("alias", with_meta("scope: trung-uong", "scope: trung-uong\nthemes: &a [*a]"),
     [f"{D}:9: error: không dùng neo và tham chiếu YAML ('&', '*') trong phần đầu"]),
    ("key that is a list", with_meta("scope: trung-uong", "scope: trung-uong\n? [a, b]\n: c"),
     [f"{D}:9: error: tên trường phải là chữ, ví dụ 'title:'"]),
    ("list where text is expected", with_meta("title: Về việc thử nghiệm", "title: [a, b]"),
     [f"{D}:5: error: trường 'title': cần một đoạn chữ, nhận được một danh sách"]),
    ("float where text is expected", with_meta("issuer: Ban Bí thư Trung ương Đảng", "issuer: .nan"),
     [f"{D}:6: error: trường 'issuer': cần một đoạn chữ, nhận được 'nan'"]),
    ("link without target", document(body="Tóm tắt, xem [[#diem]].\n"),
     [f"{D}:16: error: liên kết [[#diem]]: thiếu văn bản đích trước dấu '#', ví dụ [[12-HD/BTCTW#neo]]"]),
    ("link with empty anchor", document(body="Tóm tắt, xem [[10-CT/TW#]].\n"),
     [f"{D}:16: error: liên kết [[10-CT/TW#]]: thiếu tên mục sau dấu '#'"]),
    ("unclosed link", document(body="Tóm tắt.\n\nXem [[10-CT/TW|nhãn và tiếp.\n"),
     [f"{D}:18: error: liên kết '[[10-CT/TW|nhãn và tiếp.' mở bằng '[[' nhưng chưa đóng bằng ']]'"]),
]


@pytest.mark.parametrize(("name", "content", "expected"), ROBUSTNESS, ids=[c[0] for c in ROBUSTNESS])
def test_malformed_input_is_reported_not_raised(project: Project, name: str, content: str,
                                                expected: list[str]) -> None:
    assert check(project({D: content})) == expected


def test_alias_bomb_is_refused_quickly(project: Project) -> None:
    layers = zip("abcde", "bcdef", strict=True)
    lines = [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in layers]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(lines)
    problems = check(project({D: f"---\n{bomb}---\nTóm tắt.\n"}))
    assert problems == [f"{D}:2: error: không dùng neo và tham chiếu YAML ('&', '*') trong phần đầu"]


def test_single_value_counts_as_a_list(project: Project) -> None:
    root = project({D: with_meta("scope: trung-uong", "scope: trung-uong\nthemes: dan-van")
                    .replace("supports: [number, type, title, issuer, term, issued, status, relations]",
                             "supports: [number, type, title, issuer, issued, status]")})
    assert check(root) == []


def test_attribute_lists_and_marked_up_headings_give_the_anchors_the_page_has(project: Project) -> None:
    body = ("Tóm tắt, xem [[10-CT/TW#diem-2]], [[10-CT/TW#ba]] và [[10-CT/TW#xem-dieu-le]].\n\n"
            "## Hai {#diem-2 .quan-trong}\n\n## Ba {: #ba }\n\n  ## Xem [Điều lệ](http://x/) **mới**\n")
    root = project({D: document(body=body)})
    assert check(root) == ["directives/a.md:16: error: liên kết [[10-CT/TW#xem-dieu-le]]: văn bản 10-CT/TW không "
                           "có mục '#xem-dieu-le'; các mục: '#ba', '#diem-2', '#xem-dieu-le-moi'"]


def test_ambiguous_link_names_the_undated_document_by_id(project: Project) -> None:
    root = project({
        "directives/a.md": document(),
        "directives/b.md": document("ct-10-khac", issued="~").replace("issued: ~", "issued: ~"),
        "directives/c.md": document("c", "18-KL/TW", body="Tóm tắt, xem [[10-CT/TW]].\n"),
    })
    assert check(root) == ["directives/c.md:16: error: liên kết [[10-CT/TW]]: '10-CT/TW' ứng với nhiều văn bản: "
                           "'10-CT/TW@2007', 'ct-10-khac'; hãy ghi rõ số hiệu kèm năm hoặc mã văn bản"]


def test_file_system_oddities_are_reported_with_the_rest(project: Project) -> None:
    root = project({"directives/a.md": document(issued="2018-02-31")})
    (root / "directives" / "thu-muc.md").mkdir()
    (root / "directives" / "hong.md").symlink_to(root / "directives" / "khong-co.md")
    (root / "directives" / "vong.md").symlink_to(root / "directives" / "vong.md")
    assert check(root) == [
        "directives/a.md:7: error: trường 'issued': ngày không có thật: '2018-02-31'",
        "directives/hong.md:1: error: liên kết tượng trưng (symlink) trỏ tới tệp không có",
        "directives/vong.md:1: error: liên kết tượng trưng (symlink) trỏ tới tệp không có",
    ]


def test_missing_directives_folder_is_an_error(project: Project) -> None:
    root = project({})
    assert check(root) == ["mkdocs.yml:1: error: không có thư mục văn bản 'directives' (mục 'directives' của "
                           "plugin sotay)"]


def test_plugin_options_in_mapping_form(project: Project) -> None:
    root = project({"van-ban/a.md": document()})
    config = (root / "mkdocs.yml").read_text("utf-8").replace("plugins:\n  - sotay\n",
                                                              "plugins:\n  sotay:\n    directives: van-ban\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = load_knowledge_base(load_project(root / "mkdocs.yml"))
    assert [d.id for d in result.kb.documents] == ["chi-thi-10-ct-tw"]
