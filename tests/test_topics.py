"""Topic suggestions: validation with file:line messages, pages, catalog, links both ways, export."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Project, build_fixture_site, document, problems_of

T = "docs/chu-de/a.md"
TOPIC = """\
---
id: ke-chuyen-ve-bac
title: Kể chuyện về Bác trong buổi sinh hoạt
summary: Mỗi buổi sinh hoạt, một đảng viên kể một câu chuyện ngắn.
meeting: chuyen-de
cell_types: [thon, co-quan]
themes: [hoc-tap-lam-theo-bac]
months: [5]
basis:
  - "[[10-CT/TW#diem-chinh]]"
unverified: [months]
---
Đoạn mở đầu của gợi ý.

## Chuẩn bị {#chuan-bi}

1. Phân công người kể.

## Câu hỏi thảo luận {#cau-hoi}

- Câu chuyện gợi cho ta việc gì?

## Kết quả mong đợi {#ket-qua}

Chi bộ ra kết luận.
"""


check = problems_of


def test_front_matter_closed_with_trailing_space_or_dots_is_read_once(project: Project) -> None:
    for closing in ("--- ", "..."):
        topic = TOPIC.replace("unverified: [months]\n---\n", f"unverified: [months]\n{closing}\n")
        topic = topic.replace("#diem-chinh]]", "#khong-co]]")
        problems = check(project({"directives/a.md": document(), "docs/chu-de/a.md": topic}))
        assert len(problems) == 1 and "#khong-co" in problems[0], (closing, problems)


def test_document_page_lists_the_topics_resting_on_it(project: Project) -> None:
    from sotay.loader import load_knowledge_base
    from sotay.project import load_project
    from sotay.render import topics_for_document
    from sotay.site import SiteModel

    other = document("ket-luan-18-kl-tw", "18-KL/TW", doc_type="ket-luan", issued="2017-03-22")
    root = project({"directives/a.md": document(), "directives/b.md": other, "docs/chu-de/a.md": TOPIC})
    result = load_knowledge_base(load_project(root / "mkdocs.yml"))
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    ct10, kl18 = (site.by_id[i] for i in ("chi-thi-10-ct-tw", "ket-luan-18-kl-tw"))
    listed = "- [Kể chuyện về Bác trong buổi sinh hoạt](../chu-de/a.md) (sinh hoạt chuyên đề)"
    assert topics_for_document(ct10, site)[2] == listed
    assert topics_for_document(kl18, site) == []


def test_page_title_reads_front_matter_closed_with_dots() -> None:
    from sotay.loader import page_title

    assert page_title("---\ntitle: Trang A\n...\n# Khác\n", "a.md") == "Trang A"


CASES = [
    ("unknown cell type", TOPIC.replace("[thon, co-quan]", "[thon, lang]"),
     [f"{T}:6: error: trường 'cell_types': giá trị 'lang' không hợp lệ; chọn một trong: 'thon', 'to-dan-pho', "
      "'co-quan', 'su-nghiep', 'doanh-nghiep-nha-nuoc', 'doanh-nghiep-ngoai-nha-nuoc', 'quan-doi', 'cong-an'"]),
    ("bad month", TOPIC.replace("months: [5]", "months: [13]"),
     [f"{T}:8: error: trường 'months': '13' không phải tháng (1 đến 12)"]),
    ("unknown basis", TOPIC.replace("10-CT/TW#diem-chinh", "19-CT/TW"),
     [f"{T}:10: error: căn cứ '19-CT/TW': không có văn bản '19-CT/TW' trong Sổ tay (có phải là '10-CT/TW'?)"]),
    ("unknown anchor", TOPIC.replace("#diem-chinh", "#khong-co"),
     [f"{T}:10: error: căn cứ '10-CT/TW': văn bản 10-CT/TW không có mục '#khong-co'; các mục: '#diem-chinh'"]),
    ("missing section", TOPIC.replace("## Câu hỏi thảo luận {#cau-hoi}", "## Hỏi"),
     [f"{T}:13: error: thiếu mục '## Câu hỏi thảo luận {{#cau-hoi}}' trong nội dung"]),
    ("unknown field", TOPIC.replace("meeting:", "meting:"),
     [f"{T}:1: error: thiếu trường bắt buộc 'meeting'",
      f"{T}:5: error: trường lạ 'meting' (có phải là 'meeting'?); các trường hợp lệ: 'id', 'title', 'summary', "
      "'meeting', 'cell_types', 'themes', 'months', 'basis', 'sources', 'unverified'"]),
    ("empty basis", TOPIC.replace('basis:\n  - "[[10-CT/TW#diem-chinh]]"', "basis: []"),
     [f"{T}:9: error: trường 'basis': cần ít nhất một văn bản làm căn cứ, ví dụ \"[[12-HD/BTCTW]]\""]),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_topic_errors(project: Project, name: str, content: str, expected: list[str]) -> None:
    assert check(project({"directives/a.md": document(), T: content})) == expected


def test_duplicate_topic_id(project: Project) -> None:
    second = TOPIC.replace("id: ke-chuyen-ve-bac\n", "").replace("meeting:", "id: ke-chuyen-ve-bac\nmeeting:")
    root = project({"directives/a.md": document(), T: TOPIC, "docs/chu-de/b.md": second})
    # Reported where the second file says its id (line 4 here), not at a fixed line.
    assert check(root) == ["docs/chu-de/b.md:4: error: mã 'ke-chuyen-ve-bac' đã dùng cho docs/chu-de/a.md"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("topics"), {"directives/a.md": document(), T: TOPIC}).parent


def page(root: Path, src: str) -> str:
    return (root / "site" / src / "index.html").read_text("utf-8")


def test_topic_page_and_its_document(built: Path) -> None:
    topic = page(built, "chu-de/a")
    assert "<dt>Hình thức</dt><dd>Sinh hoạt chuyên đề</dd>" in topic
    assert re.search(r'<dt>Tháng gợi ý</dt><dd>tháng 5 <span class="sotay-unverified"', topic)
    assert '<a href="../../van-ban/chi-thi-10-ct-tw/#diem-chinh">Chỉ thị 10-CT/TW › Điểm chính</a>' in topic
    assert '<a href="../loai/thon/">Chi bộ thôn, bản</a>' in topic
    assert "gợi ý của Sổ tay" in topic and 'id="cau-hoi"' in topic
    doc = page(built, "van-ban/chi-thi-10-ct-tw")
    assert '<a href="../../chu-de/a/">Kể chuyện về Bác trong buổi sinh hoạt</a> (sinh hoạt chuyên đề)' in doc


def test_catalog_and_landing_pages(built: Path) -> None:
    catalog = page(built, "chu-de")
    assert ('<li data-sotay-item data-cell="thon co-quan" data-theme="hoc-tap-lam-theo-bac" data-meeting="chuyen-de" '
            'data-month="5"><a href="a/">Kể chuyện về Bác trong buổi sinh hoạt</a>') in catalog
    for facet in ("cell", "theme", "meeting", "month"):
        assert f'data-sotay-facet="{facet}" data-sotay-multi' in catalog
    assert "Kể chuyện về Bác" in page(built, "chu-de/loai/co-quan")
    assert "Kể chuyện về Bác" in page(built, "chu-de/theo/hoc-tap-lam-theo-bac")
    assert not (built / "site" / "chu-de" / "loai" / "quan-doi").exists()


def test_export_has_topics(built: Path) -> None:
    out = built / "kb.json"
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export", "-o", str(out)], cwd=built,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (topic,) = json.loads(out.read_text("utf-8"))["topics"]
    assert topic["basis"] == [{"target": "chi-thi-10-ct-tw", "anchor": "diem-chinh"}]
    assert topic["url"] == "chu-de/a/" and topic["months"] == [5] and topic["cell_types"] == ["thon", "co-quan"]


def test_topic_files_get_the_same_file_errors_as_documents(project: Project) -> None:
    root = project({"directives/a.md": document(), T: "---\nid: [chưa đóng\n---\nMở đầu.\n",
                    "docs/chu-de/b.md": "", "docs/chu-de/c.md": b"---\ntitle: V\xe0\n---\n"})
    assert check(root) == [
        f"{T}:2: error: YAML không hợp lệ: danh sách trong ngoặc vuông chưa đóng bằng ']' hoặc thiếu dấu ','",
        "docs/chu-de/b.md:1: error: tệp rỗng: cần phần đầu (front matter) giữa hai dòng '---' và nội dung",
        "docs/chu-de/c.md:2: error: tệp không phải UTF-8 (byte 0xe0); hãy lưu lại tệp với bảng mã UTF-8",
    ]
