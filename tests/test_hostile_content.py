"""No content ever runs code (issue 15): `check` names what would, at its file and line, in every kind of content
and every kind of field; every page's content goes through one sanitizer (nh3) that keeps all the site's own
generators emit; titles reach the theme escaped once."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, Project, document, problems_of
from test_assessment import CRITERIA
from test_checklists import CHECKLIST
from test_courses import BASE, COURSE
from test_templates import TEMPLATE
from test_topics import TOPIC

from sotay.sanitize import markup_problems, sanitize_html, sanitize_page, script_elements, text_problems

D = "directives/a.md"
JS = "[bấm](javascript:alert(1))"
RUNS = "dùng 'javascript:', loại địa chỉ chạy mã hoặc chứa cả một trang"
HANDLER = "có thuộc tính 'onerror': trang không chạy mã do nội dung đưa vào"
SCRIPT = "không dùng thẻ <script> trong nội dung"
ATTRS = "chỉ được đặt neo ('#neo') và lớp ('.lop')"
OUTSIDE = "từ trang khác: Sổ tay không tải gì từ bên ngoài"


def lines_of(root: Path, path: str, needle: str) -> list[int]:
    """The lines of `path` whose problems contain `needle`."""
    found = []
    for problem in problems_of(root):
        where, line, message = problem.split(":", 2)
        if where == path and needle in message:
            found.append(int(line))
    return sorted(found)


def line_of(text: str, needle: str) -> int:
    """The line of `text` where `needle` is written."""
    return text[: text.index(needle)].count("\n") + 1


def with_body(text: str, body: str) -> str:
    """A structured page (topic, checklist…) with `body` added at the start of its body."""
    head, _, rest = text.partition("\n---\n")
    return f"{head}\n---\n{body}\n{rest}"


# One case per field type of a document: (what, file text, line, part of the message).
DOCUMENT_CASES = [
    ("title", document().replace("title: Về việc thử nghiệm", f"title: Về việc {JS}"), 5, RUNS),
    ("issuer", document().replace("issuer: Ban Bí thư Trung ương Đảng", f"issuer: Ban Bí thư {JS}"), 6, RUNS),
    ("title attribute list", document().replace("title: Về việc thử nghiệm",
                                                 'title: "Về việc {: autofocus onfocus=alert(1) }"'), 5, ATTRS),
    ("source url", document().replace("    date: 2023-11-29\n",
                                      "    date: 2023-11-29\n    url: 'javascript:alert(1)//x.vn'\n"
                                      "    read: 2023-12-01\n"), 14, "cần địa chỉ trang web bắt đầu bằng https://"),
    ("source url with a quote", document().replace("    date: 2023-11-29\n",
                                                   "    date: 2023-11-29\n    url: 'https://x.vn/a\"><b>'\n"
                                                   "    read: 2023-12-01\n"), 14, "phải viết dạng mã"),
    ("body link", document(body=f"Tóm tắt {JS}.\n"), 16, RUNS),
    ("body data link", document(body="Tóm tắt.\n\n[x](data:text/html;base64,PHNjcmlwdD4=)\n"), 18, "'data:'"),
    ("body event handler", document(body="Tóm tắt.\n\n<img src=x\n  onerror=alert(1)>\n"), 19, HANDLER),
    ("body script", document(body="Tóm tắt.\n\n<script>alert(1)</script>\n"), 18, SCRIPT),
    ("body iframe", document(body="Tóm tắt.\n\n<iframe src=\"https://x.vn\"></iframe>\n"), 18, "thẻ <iframe>"),
    ("body style", document(body="Tóm tắt.\n\n<style>body{display:none}</style>\n"), 18, "thẻ <style>"),
    ("body entity-coded url", document(body='Tóm tắt <a href="jav&#x61;script:alert(1)">x</a>.\n'), 16, RUNS),
    ("body attribute list", document(body="Tóm tắt.\n\n## Mục {: autofocus onfocus=alert(1) }\n"), 18, ATTRS),
    ("body key=value attribute list", document(body="Tóm tắt.\n\n## Mục {#muc onclick=alert(1)}\n"), 18,
     "bỏ 'onclick'"),
    ("body outside image", document(body="Tóm tắt.\n\n![ảnh](https://example.org/a.png)\n"), 18, OUTSIDE),
    ("body outside stylesheet", document(body="Tóm tắt.\n\n<link rel=stylesheet href=//example.org/a.css>\n"), 18,
     "thẻ <link>"),
    ("body outside video", document(body="Tóm tắt.\n\n<video src=\"https://example.org/a.mp4\"></video>\n"), 18,
     OUTSIDE),
    # What the sanitizer would strip is told at check time, not found missing on the page.
    ("body relative video", document(body="Tóm tắt.\n\n<video src=\"a.mp4\"></video>\n"), 18,
     "'<video>' là thẻ HTML mà trang không giữ"),
    ("body dropped attribute", document(body='Tóm tắt.\n\n<a href="x.md" target="_blank">x</a>\n'), 18,
     "thuộc tính 'target' của thẻ <a> bị bỏ"),
    ("body id of the site", document(body='Tóm tắt.\n\n<div id="sotay-planner"></div>\n'), 18,
     "neo 'sotay-planner' dành riêng cho các phần do trang web tự dựng"),
    ("heading id of the theme", document(body="Tóm tắt.\n\n## Mục {#__search}\n"), 18,
     "neo '__search' dành riêng cho các phần do trang web tự dựng"),
    ("body open comment", document(body="Tóm tắt.\n\n<!--<script>\n"), 18, "không có '-->' đóng lại"),
]


@pytest.mark.parametrize(("name", "text", "line", "message"), DOCUMENT_CASES, ids=[c[0] for c in DOCUMENT_CASES])
def test_check_reports_each_field_of_a_document(project: Project, name: str, text: str, line: int,
                                                message: str) -> None:
    root = project({D: text})
    assert lines_of(root, D, message) == [line], problems_of(root)


def test_the_messages_are_one_line_each_in_the_check_format(project: Project) -> None:
    root = project({D: document(body="Tóm tắt <img src=x onerror=alert(1)>.\n")})
    assert problems_of(root) == [f"{D}:16: error: thẻ <img> {HANDLER}; bỏ thuộc tính này"]


T, C, M, A, K = ("docs/chu-de/a.md", "docs/bang-kiem/a.md", "docs/mau/a.md", "docs/tu-danh-gia/a.md",
                 "docs/khoa-hoc/khoa-thu.md")
BODY = "<img src=x onerror=alert(1)>"
# One case per content kind, in a front-matter text and in the body: (kind, path, text, line, message);
# the line is where the payload is written.
KIND_CASES = [(name, path, text, line_of(text, payload), message) for name, path, text, payload, message in [
    ("topic title", T, TOPIC.replace("title: Kể chuyện", f"title: Kể {JS} chuyện"), JS, RUNS),
    ("topic summary", T, TOPIC.replace("summary: Mỗi buổi", f"summary: Mỗi {JS} buổi"), JS, RUNS),
    ("topic body", T, with_body(TOPIC, BODY), BODY, HANDLER),
    ("topic attribute list", T, TOPIC.replace("## Chuẩn bị {#chuan-bi}", "## Chuẩn bị {#chuan-bi onclick=x}"),
     "onclick", ATTRS),
    ("checklist title", C, CHECKLIST.replace("title: Họp thử", f"title: Họp {JS}"), JS, RUNS),
    ("checklist item", C, CHECKLIST.replace("text: Chi ủy họp trước.", f"text: Chi ủy {JS}"), JS, RUNS),
    ("checklist body", C, with_body(CHECKLIST, "<script>alert(1)</script>"), "<script>", SCRIPT),
    ("template title", M, TEMPLATE.replace("title: Biên bản thử", f"title: Biên bản {JS}"), JS, RUNS),
    ("template body", M, with_body(TEMPLATE, BODY), BODY, HANDLER),
    ("criteria title", A, CRITERIA.replace("title: Tự đánh giá thử", f"title: Tự đánh giá {JS}"), JS, RUNS),
    ("criteria text", A, CRITERIA.replace("text: Tiêu chí một.", f"text: Tiêu chí {JS}"), JS, RUNS),
    ("criteria body", A, with_body(CRITERIA, "![x](//example.org/a.png)"), "![x]", OUTSIDE),
    ("course summary", K, COURSE.replace("summary: Khóa thử", f"summary: Khóa {JS}"), JS, RUNS),
    ("course module title", K, COURSE.replace("title: Mở đầu về", f"title: Mở {JS} về"), JS, RUNS),
    ("course key point", K, COURSE.replace("- Chi bộ họp thường kỳ mỗi tháng một lần.", f"- Chi bộ họp {JS}"), JS,
     RUNS),
    ("course body", K, COURSE.replace("Phần giảng mở đầu,", f"Phần giảng {BODY} mở đầu,"), BODY, HANDLER),
]]


@pytest.mark.parametrize(("name", "path", "text", "line", "message"), KIND_CASES, ids=[c[0] for c in KIND_CASES])
def test_check_reports_each_kind_of_content(project: Project, name: str, path: str, text: str, line: int,
                                            message: str) -> None:
    root = project({**BASE, path: text})
    assert lines_of(root, path, message) == [line], problems_of(root)


EDITOR_PAGE = "# Hướng dẫn\n\nĐoạn văn.\n\n<script>alert(1)</script>\n\n<p onclick=\"alert(1)\">x</p>\n"


def test_an_editors_own_page_fails_the_build_at_its_line(tmp_path: Path) -> None:
    """docs/ pages that are not structured content are checked before the build, with the same messages."""
    from conftest import MKDOCS_YML

    files = {"docs/index.md": "# Trang chủ\n", "docs/huong-dan.md": EDITOR_PAGE, D: document()}
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 1
    assert f"docs/huong-dan.md:5: error: {SCRIPT}" in proc.stderr
    assert "docs/huong-dan.md:7: error: thẻ <p> có thuộc tính 'onclick'" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "site").exists()


def test_literal_markup_in_a_title_is_text_not_an_error(project: Project) -> None:
    """Angle brackets in a title are shown as written (pages escape them): only what would run is refused."""
    title = '"<img src=x onerror=alert(1)> Chủ đề <!--<script>"'
    root = project({D: document().replace("title: Về việc thử nghiệm", f"title: {title}")})
    assert problems_of(root) == []


def test_the_shipped_base_has_nothing_to_report() -> None:
    for path in sorted([*REPO.joinpath("directives").rglob("*.md"), *REPO.joinpath("docs").rglob("*.md")]):
        assert markup_problems(path.read_text("utf-8")) == [], path


def test_code_and_links_to_sources_are_not_markup() -> None:
    body = ("Xem `<script>` và [nguồn](https://dangcongsan.vn/a) hay <https://x.vn>, <a href=\"https://x.vn\">x</a>.\n"
            "```html\n<iframe src=\"https://x\" onload=\"alert(1)\"></iframe>\n```\n"
            "## Mục {#muc .lop}\n\n![ảnh](../anh/a.png) [thư](mailto:a@b.vn)\n")
    assert markup_problems(body) == []
    assert text_problems("Hội nghị <Trung ương> {không phải thuộc tính}") == []


# The sanitizer, directly.

def test_the_sanitizer_removes_what_runs_and_what_loads_from_outside() -> None:
    dirty = ('<p onclick="alert(1)">a</p><script>alert(1)</script><a href="javascript:alert(1)">b</a>'
             '<a href="jav&#x61;script:1">c</a><img src="https://x.vn/a.png" onerror="alert(1)">'
             '<iframe src="https://x.vn"></iframe><style>p{}</style><h2 autofocus onfocus="alert(1)">d</h2>'
             '<span style="background:url(https://x.vn/a)">e</span><svg><path fill="url(https://x.vn/#a)"/></svg>'
             '<a href="data:text/html,x">f</a><form action="javascript:1"><button formaction="javascript:1">g'
             "</button></form><!--<script>-->")
    clean = sanitize_html(dirty)
    for bad in ("onclick", "<script", "javascript", "https://x.vn", "<iframe", "<style", "onfocus", "autofocus",
                "url(", "data:", "formaction", "<!--"):
        assert bad not in clean, bad
    assert "<p>a</p>" in clean and "<h2>d</h2>" in clean


def test_the_sanitizer_keeps_what_the_generators_emit() -> None:
    own = ('<form class="sotay-filter" data-sotay-suggest hidden role="search" aria-label="Lọc" action="../x/" '
           'method="get"><fieldset data-sotay-facet="cell"><legend>L</legend><label for="a"><input id="a" '
           'type="checkbox" name="cell" value="thon"> Thôn</label></fieldset><select name="y"><option value="1">1'
           '</option></select><button type="button" data-action="x">Bấm</button></form>'
           '<details class="sotay-facet-fold"><summary>S</summary><table role="table"><tbody>'
           '<tr class="r" data-year="2020"><th scope="col">T</th><td>1</td></tr></tbody></table></details>'
           '<noscript><p>Không có JavaScript</p></noscript>'
           '<svg viewBox="0 0 10 10" role="img" aria-label="Sơ đồ"><defs><marker id="m" markerWidth="4" refX="1" '
           'orient="auto"><path d="M0,0 L4,2" fill="#c62828"/></marker></defs><g class="e"><path d="M0" '
           'marker-end="url(#m)" stroke="#1565c0"><title>Quan hệ</title></path><rect x="1" y="1" width="2" '
           'height="2" rx="1"/><text x="1" y="2">Chữ</text></g></svg><span class="sotay-swatch" '
           'style="background:#1565c0"></span><a href="../van-ban/a/#b">tương đối</a> <a href="https://x.vn">'
           'https</a> <a href="mailto:a@b.vn">thư</a> <a href="../mau/a.docx" download>tải</a>')
    clean = sanitize_html(own)
    assert canonical(clean) == canonical(own)


def test_only_the_pages_own_scripts_are_kept() -> None:
    own = '<script type="application/ld+json">{"name": "\\u003c/script>"}</script>'
    content = f"<p>a</p><script>alert(1)</script>{own}"
    assert sanitize_page(content, [own]) == f"<p>a</p>{own}"
    assert sanitize_page(content, []) == "<p>a</p>"
    assert script_elements(f"<div>{own}</div>") == [own]
    # a mark that content moved into an attribute is only text there: the element is left out, not put back
    trap = f'<a title="{own}">x</a>'
    assert "<script" not in sanitize_page(trap, [own])


# The shipped base: the sanitizer removes nothing the generators emit.

class _Canonical(HTMLParser):
    """Start tags with their attributes (sorted, values decoded) and text (blanks collapsed): what a browser
    builds from the page, whatever the serialisation ('<br />' or '<br>', 'hidden' or 'hidden=""')."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.text: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.out.append(f"text {text}")
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        self.out.append(f"<{tag} " + " ".join(f"{k}={v or ''!r}" for k, v in sorted(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def canonical(markup: str) -> list[str]:
    parser = _Canonical()
    parser.feed(markup)
    parser.flush()
    return parser.out


@pytest.fixture(scope="module")
def shipped_contents() -> list[tuple[str, str, str]]:
    """Every page of the shipped base: (src, content as rendered, content as the plugin hands it on)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import CombinedEvent, event_priority

    from sotay.plugins.kb import plugin as kb_plugin

    seen: list[tuple[str, str, str]] = []
    plugin = kb_plugin.KnowledgeBasePlugin
    original, sanitize = plugin.__dict__["on_page_content"], plugin._sanitize

    @event_priority(-90)  # where the sanitizer runs: after sotay's own blocks are back in the HTML
    def spy(self, html_content, *, page, config, files):  # type: ignore[no-untyped-def]
        result = sanitize(self, html_content, page=page, config=config, files=files)
        seen.append((page.file.src_uri, html_content, result))
        return result

    plugin.on_page_content = CombinedEvent(plugin._put_back_blocks, spy)  # type: ignore[method-assign]
    try:
        config = load_config(str(REPO / "mkdocs.yml"))
        config.plugins["sotay"].config.course_pdfs = False
        site = Path(os.environ.get("TMPDIR", "/tmp")) / f"sotay-hostile-{os.getpid()}"
        config.site_dir = str(site)
        build(config)
    finally:
        plugin.on_page_content = original  # type: ignore[method-assign]
        import shutil

        shutil.rmtree(Path(os.environ.get("TMPDIR", "/tmp")) / f"sotay-hostile-{os.getpid()}", ignore_errors=True)
    return seen


def test_the_sanitizer_changes_nothing_on_the_shipped_base(shipped_contents: list[tuple[str, str, str]]) -> None:
    assert len(shipped_contents) >= 140
    changed = [src for src, before, after in shipped_contents if canonical(before) != canonical(after)]
    assert changed == []
    scripts = sum(after.count("<script") for _src, _before, after in shipped_contents)
    assert scripts == sum(before.count("<script") for _src, before, _after in shipped_contents) >= 31


def test_titles_reach_the_theme_escaped_once(tmp_path: Path) -> None:
    from conftest import build_fixture_site

    hostile = "<img src=x onerror=alert(1)> & </title><b>"
    topic = TOPIC.replace("title: Kể chuyện về Bác trong buổi sinh hoạt", f"title: {hostile!r}".replace("'", '"'))
    doc = document().replace("title: Về việc thử nghiệm", f"title: {hostile!r}".replace("'", '"'))
    site = build_fixture_site(tmp_path, {D: doc, T: topic})
    for page in (site / "chu-de/a/index.html", site / "van-ban/chi-thi-10-ct-tw/index.html"):
        text = page.read_text("utf-8")
        assert "<img src=x" not in text and "</title><b>" not in text, page
        assert "&amp;lt;" not in text, page  # escaped once, never twice
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title is not None and hostile in html.unescape(title.group(1)), page


def test_the_timeline_shows_a_title_as_text_on_one_line(tmp_path: Path) -> None:
    """The timeline's lists go round Markdown as HTML (sotay.rawhtml): a title is escaped there, and a title
    written over several lines still leaves each year's list on one line."""
    from conftest import build_fixture_site

    title = '"<b>Về</b> [x]\\n\\nđợt 2 & <img src=x onerror=alert(1)>"'
    site = build_fixture_site(tmp_path, {D: document().replace("title: Về việc thử nghiệm", f"title: {title}")})
    text = (site / "van-ban/dong-thoi-gian/index.html").read_text("utf-8")
    assert "<img src=x" not in text and "<b>Về" not in text
    assert "&lt;b&gt;Về&lt;/b&gt; [x] đợt 2 &amp; &lt;img src=x onerror=alert(1)&gt; (Ban Bí thư" in text
    item = re.search(r"<li><strong>30/03/2007</strong>.*?</li>", text)
    assert item is not None and "\n" not in item.group(0)
    index = (site / "van-ban/index.html").read_text("utf-8")  # the list of documents: one row, on one line
    row = re.search(r"<tr data-type=.*?</tr>", index)
    assert row is not None and "[x] đợt 2 &amp; &lt;img" in row.group(0) and "<img src=x" not in index


def test_check_reports_an_editors_own_page_too(project: Project) -> None:
    """Plain pages in docs/ are content like the rest: `sotay check` says what `sotay build` would refuse."""
    root = project({"directives/a.md": document(),
                    "docs/huong-dan.md": "# Hướng dẫn\n\nĐoạn đầu.\n\n<img src=x onerror=alert(1)>\n\n"
                                         "[bấm](javascript:alert(1))\n"})
    found = problems_of(root)
    assert [p.split(": error: ")[0] for p in found] == ["docs/huong-dan.md:5", "docs/huong-dan.md:7"], found


def test_angle_brackets_left_open_are_text_and_placeholders_are_told_how_to_show() -> None:
    """'a<b thì' is text to Markdown and passes; '<ngày>' is a tag that vanishes, and the message says how to
    write it so that it shows."""
    assert markup_problems("Nếu a<b thì c, và x <y z.") == []
    [(line, message)] = markup_problems("Ngày ký:\n\nĐiền <ngày> vào chỗ trống.")
    assert line == 3 and message.startswith("'<ngày>' là thẻ HTML mà trang không giữ")
    assert "viết &lt;ngày&gt;" in message
