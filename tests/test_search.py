"""Search on the shipped base and on fixtures: Vietnamese queries as people type them."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, Project, document

from sotay.loader import load_knowledge_base
from sotay.project import load_project
from sotay.search.analyzer import fold
from sotay.search.engine import Result, build_index, search
from sotay.search.entries import build_entries
from sotay.site import SiteModel

# (query, URL fragments of the right answers: one must be among the first three documents found)
QUERIES: list[tuple[str, str | tuple[str, ...]]] = [
    ("sinh hoat chuyen de", "#sinh-hoat-chuyen-de"),
    ("KL18", "van-ban/ket-luan-18-kl-tw/"),
    ("kết luận 18", "van-ban/ket-luan-18-kl-tw/"),
    ("18-KL/TW", "van-ban/ket-luan-18-kl-tw/"),
    ("HD 12", "van-ban/huong-dan-12-hd-btctw/"),
    ("QĐ 76", "van-ban/quy-dinh-76-qd-tw/"),
    ("Nghị quyết 21", "van-ban/nghi-quyet-21-nq-tw/"),
    ("chi bo 4 tot", "#chi-bo-4-tot"),
    ("so sach chi bo", "#so-sach"),
    ("dien dan", ("#dien-dan", "ke-hoach-47-kh-tu-quang-tri", "dien-dan")),
    ("sang loc dang vien", "#ra-soat-sang-loc"),
    ("dang phi hang thang", ("#che-do-sinh-hoat", "ket-luan-18-kl-tw/#yeu-cau-trien-khai")),
    ("cap uy vien du sinh hoat chi bo", ("#du-sinh-hoat", "quy-dinh-26-qd-tu-dak-nong/#phan-cong-du-sinh-hoat")),
    ("Đảng uỷ xã Thổ Bình", "van-ban/de-an-16-da-tu-tuyen-quang/"),
]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    folder = tmp_path_factory.mktemp("whoosh") / "index"
    build_index(build_entries(result, SiteModel(result, project), split=False), folder)
    return folder


def urls(results: list[Result]) -> list[str]:
    return [r.url for r in results]


def answers(expected: str | tuple[str, ...]) -> tuple[str, ...]:
    return (expected,) if isinstance(expected, str) else expected


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_realistic_queries_find_the_right_place(shipped: Path, query: str, expected: str | tuple[str, ...]) -> None:
    results, notes = search(shipped, query, kind="document", limit=3)
    assert any(a in url for url in urls(results) for a in answers(expected)), (urls(results), notes)


TOPIC_QUERIES = [("ke chuyen ve Bac", "ke-chuyen"), ("sinh hoat truc tuyen", "truc-tuyen"),
                 ("dang vien tre lam thu ky", "thu-ky"), ("nong thon moi", "nong-thon-moi")]


@pytest.mark.parametrize(("query", "expected"), TOPIC_QUERIES, ids=[q for q, _ in TOPIC_QUERIES])
def test_topic_queries(shipped: Path, query: str, expected: str) -> None:
    results, _ = search(shipped, query, kind="topic", limit=5)
    assert results and all(r.kind == "topic" for r in results)
    assert any(expected in r.url for r in results), urls(results)


def test_number_queries_put_the_document_first(shipped: Path) -> None:
    for query in ("KL18", "kl 18", "Kết luận số 18", "18-KL/TW"):
        assert urls(search(shipped, query, limit=1)[0]) == ["van-ban/ket-luan-18-kl-tw/"], query


def test_spelling_variants_give_the_same_results(shipped: Path) -> None:
    accented = urls(search(shipped, "Đảng ủy", limit=100)[0])
    assert len(accented) > 3
    for variant in ("Đảng uỷ", "ĐẢNG ỦY", unicodedata.normalize("NFD", "Đảng ủy")):
        assert urls(search(shipped, variant, limit=100)[0]) == accented, variant
    for variant in ("dang uy", "DANG UY"):  # the same documents; only the exact-accent boost differs
        assert sorted(urls(search(shipped, variant, limit=100)[0])) == sorted(accented), variant


def test_abbreviations_find_the_full_words(shipped: Path) -> None:
    results, _ = search(shipped, "TCCSĐ", limit=3)
    assert results and all("tổ chức cơ sở đảng" in (r.title + r.snippet.text).lower() for r in results[:1])
    found = sorted(urls(search(shipped, "ĐV", limit=100)[0]))
    assert found and found == sorted(urls(search(shipped, "đảng viên", limit=100)[0]))


@pytest.mark.parametrize("query", ['"sinh hoạt', "*", "((", "AND OR NOT", "a" * 10_000, "\x00", ""])
def test_unreadable_queries_never_raise(shipped: Path, query: str) -> None:
    results, notes = search(shipped, query, limit=3)
    if query == '"sinh hoạt':  # an unclosed quote is read as the words inside it
        assert [r.url for r in results] == [r.url for r in search(shipped, "sinh hoạt", limit=3)[0]] != []
    if query == "AND OR NOT":  # operators are words here, and none of them is in the base
        assert (results, notes) == ([], [])
    if not query.strip("*( \x00"):
        assert results == [] and notes == ["truy vấn không có từ nào để tìm"]
    if len(query) > 500:
        assert "truy vấn dài quá 500 ký tự; chỉ dùng phần đầu" in notes


def test_accented_query_ranks_exact_forms_first(project: Project, tmp_path: Path) -> None:
    words = {"a": "hòa", "b": "hoà", "c": "hóa", "d": "hoa"}
    files = {f"directives/{k}.md": document(k, f"{i + 1}-CT/TW", body=f"Tóm tắt về chữ {w} trong văn bản.\n")
             for i, (k, w) in enumerate(words.items())}
    root = project(files)
    result = load_knowledge_base(load_project(root / "mkdocs.yml"))
    folder = tmp_path / "ix"
    build_index(build_entries(result, SiteModel(result, load_project(root / "mkdocs.yml"))), folder)
    top = [r.url.split("/")[1] for r in search(folder, "hòa", limit=4)[0]]
    assert sorted(top[:2]) == ["a", "b"] and sorted(top) == ["a", "b", "c", "d"]
    assert sorted(r.url.split("/")[1] for r in search(folder, "hoa", limit=4)[0]) == ["a", "b", "c", "d"]


def test_exact_accent_beats_a_title_with_other_accents(project: Project, tmp_path: Path) -> None:
    root = project({
        "directives/a.md": document("a", "1-CT/TW").replace("title: Về việc thử nghiệm", "title: Về hóa chất"),
        "directives/b.md": document("b", "2-CT/TW", body="Tóm tắt: giữ hòa khí trong chi bộ.\n"),
    })
    project_ = load_project(root / "mkdocs.yml")
    result = load_knowledge_base(project_)
    folder = tmp_path / "ix"
    build_index(build_entries(result, SiteModel(result, project_), split=False), folder)
    assert [r.url for r in search(folder, "hòa", limit=2)[0]] == ["van-ban/b/", "van-ban/a/"]


def test_a_title_outweighs_a_repetitive_body(project: Project, tmp_path: Path) -> None:
    root = project({
        "directives/a.md": document("a", "1-CT/TW").replace("title: Về việc thử nghiệm", "title: Về diễn đàn"),
        "directives/b.md": document("b", "2-CT/TW", body="Tóm tắt: " + "diễn đàn, " * 8 + "và thêm nữa.\n"),
    })
    project_ = load_project(root / "mkdocs.yml")
    result = load_knowledge_base(project_)
    folder = tmp_path / "ix"
    build_index(build_entries(result, SiteModel(result, project_), split=False), folder)
    assert [r.url for r in search(folder, "dien dan", limit=2)[0]] == ["van-ban/a/", "van-ban/b/"]


def test_no_partial_results_note_without_results(shipped: Path) -> None:
    assert search(shipped, "qwxyz zzqq", limit=3) == ([], [])


def test_title_and_number_rank_above_body(project: Project, tmp_path: Path) -> None:
    root = project({
        "directives/a.md": document("a", "18-KL/TW", doc_type="ket-luan", body="Tóm tắt ngắn.\n"),
        "directives/b.md": document("b", "19-KL/TW", doc_type="ket-luan",
                                    body="Tóm tắt nhắc tới Kết luận 18 nhiều lần: KL18, KL 18, kết luận số 18.\n"),
    })
    project_ = load_project(root / "mkdocs.yml")
    result = load_knowledge_base(project_)
    folder = tmp_path / "ix"
    build_index(build_entries(result, SiteModel(result, project_)), folder)
    assert [r.url for r in search(folder, "KL18", limit=2)[0]] == ["van-ban/a/", "van-ban/b/"]


def sotay_search(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sotay.cli", "search", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_cli_json_and_filters() -> None:
    proc = sotay_search("sinh hoat chuyen de", "--json", "--limit", "3")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 3
    assert set(rows[0]) == {"title", "number", "kind", "section", "url", "snippet", "marks", "score"}
    start, end = rows[0]["marks"][0]
    assert fold(rows[0]["snippet"][start:end]) in ("sinh", "hoat", "chuyen", "de")
    pages = json.loads(sotay_search("sinh hoạt chi bộ", "--kind", "page", "--json").stdout)
    assert pages and {r["kind"] for r in pages} == {"page"}


def test_cli_human_output_and_bad_input() -> None:
    proc = sotay_search("KL18", "--limit", "1")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("1. Kết luận 18-KL/TW về tiếp tục") and lines[0].endswith("(văn bản)")
    assert lines[2] == "   van-ban/ket-luan-18-kl-tw/"
    star = sotay_search("*")
    assert star.returncode == 0 and "Traceback" not in star.stderr
    assert star.stdout == "Không tìm thấy kết quả nào.\n"
    assert "sotay: lưu ý: truy vấn không có từ nào để tìm" in star.stderr
    assert sotay_search("x", "--cell-type", "lang").returncode == 2


def test_cli_cell_type_filter_keeps_topics_for_that_cell() -> None:
    rows = json.loads(sotay_search("sinh hoat chuyen de", "--kind", "topic", "--cell-type", "quan-doi", "--json",
                                   "--limit", "20").stdout)
    assert rows and all(r["kind"] == "topic" for r in rows)
    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    cells = {f"chu-de/{t.src.rpartition('/')[2][:-3]}/": t.cell_types for t in result.topics}
    assert all("quan-doi" in cells[r["url"]] for r in rows)
    unfiltered = json.loads(sotay_search("sinh hoat chuyen de", "--kind", "topic", "--json", "--limit", "60").stdout)
    assert len(unfiltered) > len(rows)


def test_cli_finds_courses_and_templates_by_what_they_say() -> None:
    courses = json.loads(sotay_search("boi duong bi thu chi bo moi", "--kind", "course", "--json").stdout)
    assert courses and courses[0]["url"] == "khoa-hoc/bi-thu-chi-bo-moi/" and courses[0]["kind"] == "course"
    templates = json.loads(sotay_search("bien ban hop chi uy", "--kind", "template", "--json").stdout)
    assert templates[0]["url"] == "mau/bien-ban-hop-chi-uy/"
    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    entries = build_entries(result, SiteModel(result, load_project(REPO / "mkdocs.yml")))
    assert [e.url for e in entries if e.text.startswith("---")] == []  # no front matter
    assert "tu-danh-gia/goi-y-so-tay/" in {e.url for e in entries}


MATERIAL_PAGE = ('<html><body><header class="md-header"><nav class="md-header__inner md-grid" aria-label="Đầu trang">'
                 '<div class="md-header__title">Sổ tay</div></nav></header><main><nav class="md-nav">x</nav>'
                 '<div class="sotay-home-search" data-sotay-search-box></div>'
                 '<div data-sotay-search-boxes></div><div class="a" data-sotay-search-box=""> </div>'
                 '</main></body></html>')


def test_header_search_goes_at_the_end_of_materials_header_bar() -> None:
    from sotay.search.box import with_header_search

    out = with_header_search(MATERIAL_PAGE, "../tim-kiem/")
    bar = out.split('aria-label="Đầu trang">', 1)[1].split("</nav>", 1)[0]
    assert bar.startswith('<div class="md-header__title">Sổ tay</div>'
                          '<div class="sotay-hsearch" data-sotay-header-search>')
    assert '<form id="sotay-hsearch-form" class="sotay-sbox sotay-sbox--header" role="search"' in bar
    assert 'action="../tim-kiem/" method="get"' in bar and 'name="q"' in bar
    assert '<label class="sotay-sbox__label sotay-visually-hidden" for="sotay-hq">Tìm trong Sổ tay</label>' in bar
    assert 'href="#sotay-hsearch-form"' in bar  # without JavaScript the phone's button shows the form
    assert with_header_search(out, "../tim-kiem/") == out  # once only
    assert out.count("sotay-hsearch-form") == 2 and '<nav class="md-nav">x</nav>' in out


def test_header_search_without_materials_bar_opens_the_body() -> None:
    from sotay.search.box import with_header_search

    out = with_header_search('<html><body class="x"><h1>Trang</h1></body></html>', 'a"b.html')
    assert out.startswith('<html><body class="x"><div class="sotay-hsearch-bar"><div class="sotay-hsearch"')
    assert 'action="a&quot;b.html"' in out  # the address is escaped where it lands
    assert with_header_search("no body here", "x.html") == "no body here"


def test_search_box_elements_are_filled_with_forms() -> None:
    from sotay.search.box import fill_search_boxes

    out = fill_search_boxes(MATERIAL_PAGE, "tim-kiem.html")
    assert ('<div class="sotay-home-search" data-sotay-search-box><form class="sotay-sbox sotay-sbox--page" '
            'role="search" aria-label="Tìm trong Sổ tay" action="tim-kiem.html" method="get" data-sotay-suggest>'
            '<label class="sotay-sbox__label" for="sotay-q-1">Tìm trong Sổ tay</label>') in out
    assert '<div class="a" data-sotay-search-box=""><form ' in out and 'id="sotay-q-2"' in out
    assert "<div data-sotay-search-boxes></div>" in out  # another attribute is left alone
    assert out.count("<form ") == 2 and fill_search_boxes(out, "tim-kiem.html") == out  # filled once
