"""Course packs: validation with file:line messages, the pack's PDF (text, order, fonts), the site's pages, export."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from browser import Session
from conftest import Project, build_fixture_site, document, load, problems_of
from pypdf import PdfReader
from test_checklists import CHECKLIST

from sotay import cli
from sotay.course_pack import PackOptions, pack_base
from sotay.pdf import course_pdf, find_font, vietnamese_alphabet
from sotay.project import load_project
from sotay.site import SiteModel

K = "docs/khoa-hoc/khoa-thu.md"
COURSE = """\
---
id: khoa-thu
title: Khóa bồi dưỡng thử
summary: Khóa thử cho bí thư chi bộ mới.
audience: Bí thư chi bộ mới được bầu
duration: 1 buổi
modules:
  - id: mo-dau
    title: Mở đầu về sinh hoạt chi bộ
    duration: 45 phút
    key_points:
      - Chi bộ họp thường kỳ mỗi tháng một lần.
    documents:
      - "[[10-CT/TW#diem-chinh]]"
    checklists: [hop-thu]
    questions:
      - Chi bộ của đồng chí đã họp đều chưa?
    quiz:
      - question: Chi bộ họp thường kỳ mấy lần một tháng?
        choices: [Một lần, Hai lần]
        answer: Một lần mỗi tháng.
        basis: "[[10-CT/TW#diem-chinh]]"
  - id: thuc-hanh
    title: Thực hành điều hành cuộc họp
    key_points: [Đồng chí bí thư điều hành thử một cuộc họp.]
    documents: ["[[18-KL/TW]]"]
    questions: [Ai chủ trì cuộc họp?]
---
Khóa học thử, dựa trên [[10-CT/TW]].

## Mở đầu {#mo-dau}

Phần giảng mở đầu, xem [[10-CT/TW#diem-chinh]].

## Thực hành {#thuc-hanh}

Phần giảng thực hành, theo 18-KL/TW; dùng [bảng kiểm](../bang-kiem/a.md#truoc) khi chuẩn bị.
"""
BASE = {
    "directives/a.md": document(body="Tóm tắt Chỉ thị.\n\n## Điểm chính {#diem-chinh}\n\nNội dung điểm chính.\n"),
    "directives/b.md": document("ket-luan-18-kl-tw", "18-KL/TW", doc_type="ket-luan", issued="2017-03-22",
                                body="Tóm tắt Kết luận.\n\n## Yêu cầu {#yeu-cau}\n\nNội dung yêu cầu của Kết luận.\n"),
    "docs/bang-kiem/a.md": CHECKLIST,
}


def files(course: str = COURSE) -> dict[str, str | bytes]:
    return {**BASE, K: course}


CASES = [
    ("unknown topic", COURSE.replace("    checklists: [hop-thu]\n", "    checklists: [hop-thu]\n"
                                     "    topics: [khong-co]\n"),
     [f"{K}:16: error: chủ đề 'khong-co' không có trong Sổ tay"]),
    ("unknown checklist", COURSE.replace("[hop-thu]", "[hop-thuu]"),
     [f"{K}:15: error: bảng kiểm 'hop-thuu' không có trong Sổ tay (có phải là 'hop-thu'?)"]),
    ("unknown template", COURSE.replace("    checklists: [hop-thu]\n", "    checklists: [hop-thu]\n    templates:\n"
                                        "      - bien-ban\n"),
     [f"{K}:17: error: mẫu văn bản 'bien-ban' không có trong Sổ tay"]),
    ("unknown document", COURSE.replace('"[[18-KL/TW]]"', '"[[99-KL/TW]]"'),
     [f"{K}:26: error: văn bản '99-KL/TW': không có văn bản '99-KL/TW' trong Sổ tay"]),
    ("unknown provision", COURSE.replace('      - "[[10-CT/TW#diem-chinh]]"', '      - "[[10-CT/TW#khong-co]]"'),
     [f"{K}:14: error: văn bản '10-CT/TW': văn bản 10-CT/TW không có mục '#khong-co'; các mục: '#diem-chinh'"]),
    ("module without a section", COURSE.replace("## Thực hành {#thuc-hanh}", "## Luyện tập"),
     [f"{K}:35: error: mục '## Luyện tập' (neo '#luyen-tap') không ứng với học phần nào; đặt neo bằng mã học "
      "phần, ví dụ '## Luyện tập {#ma-hoc-phan}'; các mã học phần: mo-dau, thuc-hanh",
      f"{K}:23: error: học phần 'thuc-hanh' chưa có phần giảng: thêm mục '## Thực hành điều hành cuộc họp "
      "{#thuc-hanh}' vào nội dung"]),
    ("sections out of order", COURSE.replace("{#mo-dau}", "{#tmp}").replace("{#thuc-hanh}", "{#mo-dau}")
     .replace("{#tmp}", "{#thuc-hanh}"),
     [f"{K}:35: error: mục của học phần 'mo-dau' phải đứng trước mục của 'thuc-hanh', theo thứ tự trong "
      "'modules': mo-dau, thuc-hanh"]),
    ("one choice", COURSE.replace("[Một lần, Hai lần]", "[Một lần]"),
     [f"{K}:20: error: trường 'quiz.choices': cần từ 2 đến 6 phương án"]),
    ("empty lists", COURSE.replace("key_points: [Đồng chí bí thư điều hành thử một cuộc họp.]", "key_points: []")
     .replace("questions: [Ai chủ trì cuộc họp?]", "questions: []"),
     [f"{K}:25: error: trường 'key_points': cần ít nhất một mục", f"{K}:27: error: trường 'questions': cần ít nhất "
      "một mục"]),
    ("missing key points", COURSE.replace("    key_points: [Đồng chí bí thư điều hành thử một cuộc họp.]\n", ""),
     [f"{K}:23: error: thiếu trường bắt buộc 'key_points' trong 'modules'"]),
    ("duplicate module id", COURSE.replace("id: thuc-hanh", "id: mo-dau"),
     [f"{K}:23: error: mã học phần 'mo-dau' bị lặp lại",
      f"{K}:35: error: mục '## Thực hành' (neo '#thuc-hanh') không ứng với học phần nào; đặt neo bằng mã học "
      "phần, ví dụ '## Thực hành {#ma-hoc-phan}'; các mã học phần: mo-dau"]),
]


CASES += [
    ("an unusable id still checks the rest", COURSE.replace("id: khoa-thu", "id: Khoa Thu")
     .replace("[hop-thu]", "[khong-co]"),
     [f"{K}:2: error: trường 'id': 'Khoa Thu' không phải mã hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch "
      "ngang, ví dụ 'ket-luan-18-kl-tw'", f"{K}:15: error: bảng kiểm 'khong-co' không có trong Sổ tay"]),
    ("id differs from the file name", COURSE.replace("id: khoa-thu", "id: khoa-khac"),
     [f"{K}:2: error: mã khóa học 'khoa-khac' phải trùng với tên tệp 'khoa-thu.md'; đổi tên tệp thành "
      "'khoa-khac.md' hoặc sửa mã"]),
    ("a module without a title still checks its references",
     COURSE.replace("    title: Mở đầu về sinh hoạt chi bộ\n", "").replace("[hop-thu]", "[khong-co]"),
     [f"{K}:8: error: thiếu trường bắt buộc 'title' trong 'modules'",
      f"{K}:14: error: bảng kiểm 'khong-co' không có trong Sổ tay"]),
    ("a link in a key point", COURSE.replace("- Chi bộ họp thường kỳ mỗi tháng một lần.",
                                             "- Xem [[10-CT/TW]]."),
     [f"{K}:12: error: trường 'key_points': không đặt liên kết [[...]] ở đây (trường này in nguyên văn); liên kết "
      "đặt trong phần nội dung hoặc trường 'basis'"]),
    ("the same document twice under two names",
     COURSE.replace('      - "[[10-CT/TW#diem-chinh]]"\n', '      - "[[10-CT/TW]]"\n      - "[[chi-thi-10-ct-tw]]"\n'),
     [f"{K}:15: error: văn bản 'chi-thi-10-ct-tw' bị lặp lại trong học phần"]),
    ("not a link in documents", COURSE.replace('"[[18-KL/TW]]"', '"[[#x]]"'),
     [f"{K}:26: error: trường 'modules.documents': '[[#x]]' không phải liên kết tới văn bản, ví dụ "
      "\"[[12-HD/BTCTW#sinh-hoat-chuyen-de]]\""]),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_course_errors(project: Project, name: str, content: str, expected: list[str]) -> None:
    assert sorted(problems_of(project(files(content)))) == sorted(expected)


def test_valid_course_loads(project: Project) -> None:
    result = load(project(files()))
    assert not result.problems
    course = result.courses[0]
    assert [m.id for m in course.modules] == ["mo-dau", "thuc-hanh"]
    assert course.modules[0].text == "Phần giảng mở đầu, xem [[10-CT/TW#diem-chinh]]."
    assert course.modules[0].text_line == 33
    assert [(b.target, b.anchor) for b in course.modules[0].documents] == [("chi-thi-10-ct-tw", "diem-chinh")]


def test_check_reports_every_course_problem_in_one_run(project: Project) -> None:
    broken = COURSE.replace("[hop-thu]", "[khong-co]").replace('"[[18-KL/TW]]"', '"[[99-KL/TW]]"')
    root = project(files(broken))
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "check"], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 1
    assert f"{K}:15: error: bảng kiểm 'khong-co'" in proc.stderr
    assert f"{K}:26: error: văn bản '99-KL/TW'" in proc.stderr
    assert "Traceback" not in proc.stderr


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def make_pdf(root: Path, level: str = "full", trainer: bool = False) -> bytes:
    result = load(root)
    project = load_project(root / "mkdocs.yml")
    return course_pdf(result.courses[0], pack_base(result, SiteModel(result, project), "9.9"),
                      PackOptions(level=level, trainer=trainer))


def in_order(text: str, parts: list[str]) -> bool:
    """Each part appears, after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_full_pdf_has_cover_contents_numbered_sections_and_sources(project: Project) -> None:
    text = pdf_text(make_pdf(project(files())))
    assert unicodedata.is_normalized("NFC", text)
    assert in_order(text, [
        "Khóa bồi dưỡng thử", "Bản đầy đủ", "Cập nhật với các văn bản đã biết đến ngày 29/11/2023",  # the cover
        "Mục lục", "1. Mở đầu về sinh hoạt chi bộ", "2. Thực hành điều hành cuộc họp", "Văn bản và nguồn",
        "Giới thiệu", "Khóa học thử, dựa trên 10-CT/TW",
        "1. Mở đầu về sinh hoạt chi bộ", "1.1. Ý chính và phần giảng", "Chi bộ họp thường kỳ mỗi tháng một lần.",
        "Phần giảng mở đầu", "1.2. Văn bản cần nắm", "Chỉ thị 10-CT/TW", "Nội dung điểm chính",
        "1.3. Tài liệu dùng trong buổi học", "Bảng kiểm: Họp thử", "☐ Chi ủy họp trước.",
        "1.4. Câu hỏi thảo luận", "1.5. Câu hỏi kiểm tra", "A. Một lần", "B. Hai lần",
        "2. Thực hành điều hành cuộc họp", "Phần giảng thực hành", "Kết luận 18-KL/TW", "Nội dung yêu cầu",
        "Văn bản và nguồn", "Chỉ thị 10-CT/TW", "Báo Thử nghiệm: “Bài thử nghiệm”, 29/11/2023", "Kết luận 18-KL/TW",
    ])
    assert "Đáp án" not in text  # the learners' copy keeps the answers back


def test_summary_level_keeps_metadata_and_key_points_only(project: Project) -> None:
    text = pdf_text(make_pdf(project(files()), level="summary"))
    assert "Bản tóm tắt" in text
    assert "Chi bộ họp thường kỳ mỗi tháng một lần." in text
    assert "Số hiệu: 10-CT/TW" in text and "Tóm tắt Chỉ thị." in text
    for full_only in ("Phần giảng mở đầu", "Nội dung điểm chính", "Chi ủy họp trước."):
        assert full_only not in text


def test_trainer_copy_adds_answers_with_their_basis(project: Project) -> None:
    text = pdf_text(make_pdf(project(files()), trainer=True))
    assert "Bản dành cho giảng viên" in text
    assert "Đáp án: Một lần mỗi tháng. Căn cứ: Chỉ thị 10-CT/TW › Điểm chính" in " ".join(text.split())


def test_pdf_embeds_a_vietnamese_font_and_is_reproducible(project: Project) -> None:
    root = project(files())
    first, second = make_pdf(root), make_pdf(root)
    assert first == second
    fonts = []
    for page in PdfReader(io.BytesIO(first)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts.append((str(font["/BaseFont"]), "/FontFile2" in descendant["/FontDescriptor"].get_object()))
    assert fonts and all(embedded for _name, embedded in fonts)
    assert any(name.endswith("+SotaySerif") for name, _embedded in fonts)


def test_chosen_font_covers_the_vietnamese_alphabet() -> None:
    from fontTools.ttLib import TTFont

    font = find_font()
    with TTFont(font.files["normal"], lazy=True) as face:
        cmap = face.getBestCmap()
    alphabet = vietnamese_alphabet()
    assert len(alphabet) == 2 * (12 * 6 + 17)
    assert {"ự", "Ặ", "đ", "Đ", "ỹ"} <= alphabet
    assert all(ord(letter) in cmap for letter in alphabet)


def test_cli_course_writes_pdf_and_lists_courses(project: Project, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(files())
    monkeypatch.chdir(root)
    assert cli.main(["course"]) == 0
    assert "khoa-thu: Khóa bồi dưỡng thử" in capsys.readouterr().out
    assert cli.main(["course", "khoa-thuu"]) == 2
    assert "không có khóa học 'khoa-thuu' (có phải là 'khoa-thu'?)" in capsys.readouterr().err
    assert cli.main(["course", "khoa-thu", "--level", "summary", "--trainer"]) == 0
    assert "khoa-thu-tom-tat-giang-vien.pdf" in capsys.readouterr().out
    for bad in ("", "thu-muc-moi/"):
        assert cli.main(["course", "khoa-thu", "-o", bad]) == 2
        assert "cần tên một tệp, không phải thư mục" in capsys.readouterr().err
    assert not (root / "thu-muc-moi").exists()
    written = root / "khoa-thu-tom-tat-giang-vien.pdf"
    assert "Bản tóm tắt" in pdf_text(written.read_bytes())
    assert written.stat().st_mode & 0o004  # others may read a handout (mkstemp alone gives 0600)


def test_cli_course_without_a_vietnamese_font_fails_clearly(project: Project, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import sotay.pdf

    root = project(files())
    monkeypatch.chdir(root)
    monkeypatch.setattr(sotay.pdf, "FONT_DIRS", ())
    monkeypatch.setenv("SOTAY_FONT_DIR", str(tmp_path / "khong-co"))
    sotay.pdf.find_font.cache_clear()
    try:
        assert cli.main(["course", "khoa-thu", "-o", "x.pdf"]) == 1
    finally:
        sotay.pdf.find_font.cache_clear()
    err = capsys.readouterr().err
    assert "không tìm thấy phông chữ có đủ chữ tiếng Việt" in err and "fonts-dejavu-core" in err
    assert not (root / "x.pdf").exists()


def test_export_lists_courses(project: Project) -> None:
    root = project(files())
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export"], cwd=root, capture_output=True, text=True,
                          check=True)
    courses = json.loads(proc.stdout)["courses"]
    assert [(c["id"], c["title"], c["url"]) for c in courses] == [("khoa-thu", "Khóa bồi dưỡng thử",
                                                                   "khoa-hoc/khoa-thu/")]
    assert courses[0]["print_url"] == "khoa-hoc/ban-in/khoa-thu/"
    assert courses[0]["modules"][0]["checklists"] == ["hop-thu"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = {name: text for name, text in files().items() if isinstance(text, str)}
    return build_fixture_site(tmp_path_factory.mktemp("courses"), built, "use_directory_urls: false\n")


def test_site_has_course_page_printable_page_and_index(site: Path) -> None:
    page = (site / "khoa-hoc" / "khoa-thu.html").read_text(encoding="utf-8")
    assert "Mở đầu về sinh hoạt chi bộ" in page and 'href="../bang-kiem/a.html"' in page
    assert 'href="ban-in/khoa-thu.html"' in page
    printable = (site / "khoa-hoc" / "ban-in" / "khoa-thu.html").read_text(encoding="utf-8")
    assert "<title>Khóa bồi dưỡng thử (bản in)" in printable
    assert 'href="../../van-ban/chi-thi-10-ct-tw.html#diem-chinh"' in printable
    assert 'id="vb-ket-luan-18-kl-tw"' in printable and "Báo Thử nghiệm" in printable
    # The trainer's own link, written from the course file, reaches the checklist from the printable page too.
    assert 'href="../../bang-kiem/a.html#truoc"' in printable
    # Citations in the trainer's text stay links.
    assert 'href="../../van-ban/ket-luan-18-kl-tw.html"' in printable
    index = (site / "khoa-hoc" / "index.html").read_text(encoding="utf-8")
    assert 'href="khoa-thu.html"' in index and 'href="ban-in/khoa-thu.html"' in index


def test_site_offers_the_three_handouts_as_pdf(site: Path) -> None:
    page = (site / "khoa-hoc" / "khoa-thu.html").read_text(encoding="utf-8")
    folder = site / "assets" / "sotay" / "khoa-hoc"
    expected = {"khoa-thu.pdf": "Bản đầy đủ", "khoa-thu-tom-tat.pdf": "Bản tóm tắt",
                "khoa-thu-giang-vien.pdf": "Bản dành cho giảng viên"}
    for name, cover in expected.items():
        assert f'href="../assets/sotay/khoa-hoc/{name}" download' in page
        assert cover in pdf_text((folder / name).read_bytes()).split("Mục lục")[0]
    assert "Đáp án" not in pdf_text((folder / "khoa-thu.pdf").read_bytes())


def test_site_without_course_pdfs(tmp_path: Path) -> None:
    built = {name: text for name, text in files().items() if isinstance(text, str)}
    root = tmp_path
    site = build_fixture_site(root, built, "use_directory_urls: false\n")
    assert (site / "assets" / "sotay" / "khoa-hoc").is_dir()
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - sotay\n", "  - sotay:\n      course_pdfs: false\n"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "--no-search-index"], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert not (site / "assets" / "sotay" / "khoa-hoc").exists()
    assert "Tải PDF" not in (site / "khoa-hoc" / "khoa-thu.html").read_text(encoding="utf-8")


def test_pdf_cache_lays_out_once_per_text(project: Project, tmp_path: Path) -> None:
    root = project(files())
    result = load(root)
    base = pack_base(result, SiteModel(result, load_project(root / "mkdocs.yml")), "0")
    cache = tmp_path / "cache"
    first = course_pdf(result.courses[0], base, PackOptions(), cache)
    assert len(list(cache.glob("*.pdf"))) == 1
    assert course_pdf(result.courses[0], base, PackOptions(), cache) == first
    assert len(list(cache.glob("*.pdf"))) == 1  # the same text: taken from the cache
    course_pdf(result.courses[0], base, PackOptions(trainer=True), cache)
    assert len(list(cache.glob("*.pdf"))) == 2


def test_printable_page_chooses_level_and_answers_in_chromium(site: Path, browser: Session) -> None:
    page = browser.page()
    page.goto((site / "khoa-hoc" / "ban-in" / "khoa-thu.html").as_uri())
    full = page.locator(".sotay-pack-full").first
    answer = page.locator("details.sotay-pack-answer").first
    assert full.is_visible() and not answer.locator("p").is_visible()
    page.emulate_media(media="print")
    assert not answer.is_visible()  # the learners' copy prints without answers
    page.emulate_media(media="screen")
    page.check("input[name=trainer]")
    assert answer.locator("p").is_visible()
    page.emulate_media(media="print")
    assert answer.is_visible()
    page.emulate_media(media="screen")
    page.check("input[name=summary]")
    assert not full.is_visible()
    assert page.locator(".sotay-pack-points").first.is_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("button[data-action=print]")  # the site's one print handler
    assert page.evaluate("window.printed") == 1
    assert browser.outside_requests() == []


def test_editor_page_documents_every_course_field() -> None:
    from conftest import REPO

    from sotay.courses import COURSE_KEYS, MODULE_KEYS, QUIZ_KEYS

    page = (REPO / "docs" / "bien-tap" / "khoa-hoc.md").read_text("utf-8")
    for key in [*COURSE_KEYS, *MODULE_KEYS, *QUIZ_KEYS]:
        assert f"`{key}`" in page, key


def test_trainer_link_to_a_missing_page_fails_the_build(project: Project) -> None:
    root = project(files(COURSE.replace("../bang-kiem/a.md#truoc", "../bang-kiem/khong-co.md")))
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "--no-search-index"], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [  # found by the check before the build, with no MkDocs English around it
        f"{K}:37: error: liên kết '../bang-kiem/khong-co.md' trỏ tới trang không có trên trang web "
        "('bang-kiem/khong-co.md', tính từ thư mục của trang này) (có phải là 'bang-kiem/a.md'?)",
        "sotay: 1 lỗi trong nội dung"]
    # The same link written as an example in inline code is text, not a link to check.
    (root / K).write_text(COURSE.replace("[bảng kiểm](../bang-kiem/a.md#truoc)", "`[x](../bang-kiem/khong-co.md)`"),
                          encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "--no-search-index"], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_directory_urls_printable_page_links(tmp_path: Path) -> None:
    built = {name: text for name, text in files().items() if isinstance(text, str)}
    site = build_fixture_site(tmp_path, built)
    printable = (site / "khoa-hoc" / "ban-in" / "khoa-thu" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../bang-kiem/a/#truoc"' in printable
    assert 'href="../../../van-ban/chi-thi-10-ct-tw/#diem-chinh"' in printable
    assert (site / "bang-kiem" / "a" / "index.html").is_file()


def test_pack_ids_are_unique_whatever_the_module_ids(project: Project) -> None:
    import re

    from sotay.course_pack import PackLinks, pack_html

    course = (COURSE.replace("id: mo-dau", "id: gioi-thieu").replace("{#mo-dau}", "{#gioi-thieu}")
              .replace("id: thuc-hanh", "id: nguon").replace("{#thuc-hanh}", "{#nguon}"))
    root = project(files(course))
    result = load(root)
    assert not result.problems
    base = pack_base(result, SiteModel(result, load_project(root / "mkdocs.yml")), "0")
    links = PackLinks(lambda d, a: f"#vb-{d.id}", lambda src: None, lambda href: None)
    article = pack_html(result.courses[0], base, links, PackOptions(trainer=True))
    ids = re.findall(r' id="([^"]+)"', article)
    assert len(ids) == len(set(ids)) and "kh-gioi-thieu" in ids and "kh--gioi-thieu" in ids
    hrefs = set(re.findall(r'href="#([^"]+)"', article))
    assert hrefs <= set(ids)  # every link of the pack lands inside it


def test_pdf_never_fetches_from_outside(project: Project) -> None:
    import http.server
    import threading

    hits: list[str] = []

    class Probe(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Probe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/anh.png"
        course = COURSE.replace("Phần giảng mở đầu,", f"![ảnh]({url}) Phần giảng mở đầu,")
        text = pdf_text(make_pdf(project(files(course))))
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
    assert "Phần giảng mở đầu" in text


def test_edition_pack_leaves_out_other_provinces(project: Project) -> None:
    local = document("ke-hoach-9-kh-tu", "9-KH/TU", doc_type="ke-hoach", issued="2019", scope="dak-nong",
                     body="Kế hoạch của tỉnh bạn.\n\n## Việc làm {#viec-lam}\n\nVIỆC RIÊNG CỦA TỈNH.\n")
    other = document("ke-hoach-7-kh-tu", "7-KH/TU", doc_type="ke-hoach", issued="2020", scope="quang-tri")
    course = COURSE.replace('documents: ["[[18-KL/TW]]"]', 'documents: ["[[18-KL/TW]]", "[[9-KH/TU]]"]')
    root = project({**files(course), "directives/c.md": local, "directives/d.md": other})
    result = load(root)
    project_ = load_project(root / "mkdocs.yml")
    everywhere = pdf_text(course_pdf(result.courses[0], pack_base(result, SiteModel(result, project_), "0"),
                                     PackOptions()))
    assert "VIỆC RIÊNG CỦA TỈNH" in everywhere
    edition = SiteModel(result, project_, "quang-tri")
    text = pdf_text(course_pdf(result.courses[0], pack_base(result, edition, "0"), PackOptions()))
    assert "VIỆC RIÊNG CỦA TỈNH" not in text and "9-KH/TU" not in text
    assert "Ấn bản: Quảng Trị" in text


def test_a_broken_font_file_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sotay.pdf

    (tmp_path / "DejaVuSerif.ttf").write_bytes(b"not a font")
    monkeypatch.setenv("SOTAY_FONT_DIR", str(tmp_path))
    sotay.pdf.find_font.cache_clear()
    try:
        font = sotay.pdf.find_font()
    finally:
        sotay.pdf.find_font.cache_clear()
    assert font.files["normal"] != tmp_path / "DejaVuSerif.ttf" and font.files["normal"].is_file()


def test_preview_while_serving_skips_the_handouts(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    built = {name: text for name, text in files().items() if isinstance(text, str)}
    build_fixture_site(tmp_path, built, "use_directory_urls: false\n")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "preview"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    assert (tmp_path / "preview" / "khoa-hoc" / "khoa-thu.html").is_file()
    assert not (tmp_path / "preview" / "assets" / "sotay" / "khoa-hoc").exists()
    assert (tmp_path / "site" / "assets" / "sotay" / "khoa-hoc" / "khoa-thu.pdf").is_file()  # a real build has them


def test_pdf_cache_forgets_what_no_build_used_for_a_month(tmp_path: Path) -> None:
    import os
    import time

    from sotay.pdf import prune_cache

    old, recent = tmp_path / "cu.pdf", tmp_path / "moi.pdf"
    for path in (old, recent):
        path.write_bytes(b"%PDF")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    assert prune_cache(tmp_path) == 1
    assert not old.exists() and recent.exists()
