"""No content ever runs code, in real Chromium from file:// (issue 15).

Every content kind carries a title that `check` accepts as literal text ('<img src=x onerror=…>', an open
comment): each page must show it as written and run nothing. An editor's page with raw hostile HTML, which
`check` refuses, is built with that check switched off in this test only, so that the sanitizer alone stands
between the payload and the reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Session
from conftest import MKDOCS_YML
from test_assessment import CRITERIA
from test_courses import BASE, COURSE
from test_templates import TEMPLATE
from test_topics import TOPIC

HOSTILE = "<img src=x onerror=alert(1)> Chủ đề <!--<script>alert(2)</script>"
QUOTED = '"' + HOSTILE.replace('"', '\\"') + '"'
SCRIPT_BODY = """\
# Trang của biên tập viên

Đoạn văn <img src=x onerror="alert('img')"> và <svg onload="alert('svg')"></svg>.

<script>alert('script')</script>

## Mục {: autofocus onfocus="alert('focus')" }

[Bấm vào đây](javascript:alert('link')) · <a id="bad" href="jav&#x61;script:alert('a')">liên kết</a>

<iframe src="javascript:alert('iframe')"></iframe>
<object data="javascript:alert('object')"></object>
<form action="javascript:alert('form')"><button id="send" formaction="javascript:alert('button')">Gửi</button></form>

![ngoài](https://example.org/a.png)

<details open ontoggle="alert('toggle')"><summary>Mở</summary>nội dung</details>

Cuối trang.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from sotay import loader

    root = tmp_path_factory.mktemp("hostile")
    files = {
        **BASE,
        "directives/a.md": BASE["directives/a.md"].replace("title: Về việc thử nghiệm", f"title: {QUOTED}"),
        "docs/index.md": "# Trang chủ\n\n<!-- sotay: sinh-hoat-thang -->\n",
        "docs/huong-dan.md": SCRIPT_BODY,
        "docs/chu-de/a.md": TOPIC.replace("title: Kể chuyện về Bác trong buổi sinh hoạt", f"title: {QUOTED}")
        .replace("summary: Mỗi buổi sinh hoạt, một đảng viên kể một câu chuyện ngắn.", f"summary: {QUOTED}"),
        "docs/bang-kiem/a.md": BASE["docs/bang-kiem/a.md"].replace("title: Họp thử", f"title: {QUOTED}"),
        "docs/mau/a.md": TEMPLATE.replace("title: Biên bản thử", f"title: {QUOTED}"),
        "docs/tu-danh-gia/a.md": CRITERIA.replace("title: Tự đánh giá thử", f"title: {QUOTED}"),
        "docs/khoa-hoc/khoa-thu.md": COURSE.replace("title: Khóa bồi dưỡng thử", f"title: {QUOTED}"),
    }
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(str(content), "utf-8")
    config_text = MKDOCS_YML.replace("  - sotay\n", "  - sotay:\n      course_pdfs: false\n  - sotay-search\n")
    (root / "mkdocs.yml").write_text(config_text + "use_directory_urls: false\n", "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # builds as on 18/11/2026
        patch.setattr(loader, "markup_problems", lambda text: [])  # `check` off for docs/ pages: the sanitizer alone
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        build(config)
    yield root / "site"


def visit(browser: Session, url: str) -> tuple[object, list[str], list[str]]:
    page = browser.page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_timeout(300)
    return page, dialogs, errors


PAGES = ["van-ban/chi-thi-10-ct-tw.html", "chu-de/a.html", "bang-kiem/a.html", "mau/a.html", "tu-danh-gia/a.html",
         "khoa-hoc/khoa-thu.html", "khoa-hoc/ban-in/khoa-thu.html"]


@pytest.mark.parametrize("src", PAGES)
def test_a_hostile_title_shows_as_written_and_runs_nothing(site: Path, browser: Session, src: str) -> None:
    page, dialogs, errors = visit(browser, (site / src).as_uri())
    assert dialogs == [] and errors == []
    assert HOSTILE in page.title()  # type: ignore[attr-defined]
    assert HOSTILE in page.locator("article h1").first.text_content()  # type: ignore[attr-defined]
    header = page.locator(".md-header__topic").last.text_content()  # type: ignore[attr-defined]
    assert HOSTILE in " ".join(header.split()) or "Thử nghiệm" in header
    assert page.locator("article img, article script:not([type])").count() == 0  # type: ignore[attr-defined]
    assert browser.outside_requests() == []


def test_the_lists_still_render_with_hostile_titles(site: Path, browser: Session) -> None:
    page, dialogs, errors = visit(browser, (site / "chu-de/index.html").as_uri())
    assert HOSTILE in page.locator("[data-sotay-item]").first.text_content()  # type: ignore[attr-defined]
    planner, more, more_errors = visit(browser, (site / "chu-de/ke-hoach-nam.html").as_uri() + "?cell=thon&year=2026")
    planner.wait_for_selector(".sotay-planner-table tbody tr")  # type: ignore[attr-defined]
    assert planner.locator(".sotay-planner-table tbody tr").count() >= 12  # type: ignore[attr-defined]
    assert HOSTILE in planner.locator(".sotay-planner-table").text_content()  # type: ignore[attr-defined]
    home, home_dialogs, home_errors = visit(browser, (site / "index.html").as_uri())
    assert home.locator("[data-sotay-home] h2").count() == 1  # type: ignore[attr-defined]
    home.select_option("[data-sotay-home] select[name=cell]", "thon")  # type: ignore[attr-defined]
    assert "Sinh hoạt tháng" in home.locator("[data-sotay-home]").text_content()  # type: ignore[attr-defined]
    assert dialogs == more == home_dialogs == [] and errors == more_errors == home_errors == []
    assert browser.outside_requests() == []


def test_the_sanitizer_alone_stops_raw_html_in_an_editors_page(site: Path, browser: Session) -> None:
    page, dialogs, errors = visit(browser, (site / "huong-dan.html").as_uri())
    article = page.locator("article")  # type: ignore[attr-defined]
    assert "Cuối trang." in article.text_content()  # nothing swallowed the rest of the page
    handlers = page.evaluate("""() => [...document.querySelectorAll('article *')].flatMap(
        e => [...e.attributes].map(a => a.name).filter(n => n.startsWith('on') || n === 'autofocus'
                                                      || n === 'formaction'))""")  # type: ignore[attr-defined]
    assert handlers == []
    for selector in ("article script", "article iframe", "article object"):
        assert page.locator(selector).count() == 0, selector  # type: ignore[attr-defined]
    sources = page.eval_on_selector_all("article img", "images => images.map(i => i.getAttribute('src'))")  # type: ignore[attr-defined]
    assert sources == ["x", None]  # the site's own (relative) image stays; the outside one lost its address
    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")  # type: ignore[attr-defined]
    assert not [h for h in hrefs if h.lower().startswith("javascript")]
    for name in ("Bấm vào đây", "liên kết"):
        page.get_by_text(name).first.click()  # type: ignore[attr-defined]
    page.locator("summary").first.click()  # type: ignore[attr-defined]
    page.locator("#send").click()  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert dialogs == [] and errors == []
    assert browser.outside_requests() == []
