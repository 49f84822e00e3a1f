"""The planner page in real Chromium from file://, on a 360 px phone: one column of cards, the default plan
without JavaScript, the remembered cell type, swaps kept across reloads, a reset that can be undone, storage
garbage, print, and the Word file of the plan as changed, made in the browser and read back with python-docx."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from browser import Session
from conftest import build_fixture_site, document
from test_browser_topics import topic
from test_planner import meeting_table
from test_templates import party_page

PLANNER = "chu-de/ke-hoach-nam.html"
ODD = "Chủ đề d: “dân biết & dân bàn” <thử>"  # a title that must be escaped wherever it lands


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"directives/a.md": document(),
             "docs/chu-de/a.md": topic("a", "thon", "dan-van", "chuyen-de", 5),
             "docs/chu-de/b.md": topic("b", "thon", "nong-thon-moi", "chuyen-de", 5).replace("months: [5]\n", ""),
             "docs/chu-de/c.md": topic("c", "thon", "dan-van", "chuyen-de", 5).replace("months: [5]\n", ""),
             "docs/chu-de/d.md": topic("d", "thon", "dan-van", "chuyen-de", 5).replace("months: [5]\n", "")
             .replace("title: Chủ đề d trong buổi sinh hoạt", f"title: '{ODD}'")}
    env = {"SOURCE_DATE_EPOCH": "1795000000", "PATH": "/usr/bin:/bin"}  # builds as on 18/11/2026
    return build_fixture_site(tmp_path_factory.mktemp("planner"), files, "use_directory_urls: false\n", env)


def open_planner(site: Path, browser: Session, query: str = "?cell=thon&year=2026"):  # type: ignore[no-untyped-def]
    page = browser.page(width=360, height=740)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / PLANNER).as_uri() + query)
    page.wait_for_selector(".sotay-planner-swap select")
    return page, errors


def topics(page) -> list[str]:  # type: ignore[no-untyped-def]
    """What each meeting is about, without the "Đã đổi" badge."""
    return page.eval_on_selector_all(".sotay-planner-topic", """cells => cells.map(c => {
        const copy = c.cloneNode(true);
        copy.querySelectorAll('.sotay-planner-badge').forEach(b => b.remove());
        return copy.textContent.trim(); })""")


def thematic(page, month: int):  # type: ignore[no-untyped-def]
    return page.locator(f"select[aria-label='Đổi chủ đề: sinh hoạt chuyên đề tháng {month}']")


def test_a_phone_reads_one_column_of_cards(site: Path, browser: Session) -> None:
    page, errors = open_planner(site, browser)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing scrolls sideways
    cards = page.eval_on_selector_all(".sotay-planner-table tbody tr", """rows => rows.map(r => {
        const box = r.getBoundingClientRect(), select = r.querySelector('select').getBoundingClientRect();
        return [box.x, box.width, select.right <= box.right, getComputedStyle(r).display]; })""")
    assert len(cards) >= 16
    assert {(x, width) for x, width, _, _ in cards} == {(cards[0][0], cards[0][1])}  # one column: same x, same width
    assert all(inside for _, _, inside, _ in cards) and {c[3] for c in cards} == {"block"}
    # Titles wrap between words, never inside one: no word is wider than its card.
    assert page.evaluate("""() => Array.from(document.querySelectorAll('.sotay-planner-topic'))
        .every(td => td.scrollWidth <= td.clientWidth)""")
    # Buttons look like buttons and are large enough to tap; text is 16 px.
    buttons = page.eval_on_selector_all(".sotay-planner-actions button", """els => els.map(el => {
        const s = getComputedStyle(el);
        return [el.getBoundingClientRect().height >= 44, parseFloat(s.fontSize) >= 16, s.borderStyle !== 'none']; })""")
    assert buttons and all(all(b) for b in buttons)
    # Headings in order: the planner adds no heading level that skips one.
    levels = page.eval_on_selector_all(".md-content h1, .md-content h2, .md-content h3, .md-content h4",
                                       "hs => hs.map(h => Number(h.tagName[1]))")
    assert all(b <= a + 1 for a, b in pairwise(levels))
    assert errors == [] and browser.outside_requests() == []
    page.close()


def test_without_javascript_the_suggested_plan_is_there(site: Path, browser: Session) -> None:
    context = browser.browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto((site / PLANNER).as_uri())
    caption = page.locator(".sotay-planner-table caption").text_content() or ""
    assert "Chi bộ thôn, bản" in caption and "2026" in caption
    rows = page.locator(".sotay-planner-table tbody tr")
    assert rows.count() >= 16
    may = page.locator(".sotay-planner-table tbody tr", has_text="Chủ đề a")
    assert may.locator("th").text_content() == "Tháng 5"
    assert may.locator("a").get_attribute("href") == "a.html"
    assert page.locator("noscript").count() == 1
    assert not page.locator(".sotay-planner-controls").is_visible()  # controls need the script
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_the_remembered_cell_type_fills_the_planner_and_a_change_is_remembered(site: Path, browser: Session) -> None:
    page, _ = open_planner(site, browser, query="")
    page.evaluate("localStorage.setItem('sotay.cell', JSON.stringify('to-dan-pho'))")
    page.reload()
    page.wait_for_selector(".sotay-planner-swap select")
    assert page.locator("select[name=cell]").input_value() == "to-dan-pho"
    page.goto((site / PLANNER).as_uri() + "?cell=thon")  # the URL comes first
    page.wait_for_selector(".sotay-planner-swap select")
    assert page.locator("select[name=cell]").input_value() == "thon"
    page.select_option("select[name=cell]", "co-quan")
    assert page.evaluate("JSON.parse(localStorage.getItem('sotay.cell'))") == "co-quan"  # home and catalog too
    assert "chi bộ cơ quan" in (page.locator(".sotay-planner-table caption").text_content() or "")
    page.close()


def test_this_month_is_marked(site: Path, browser: Session) -> None:
    page = browser.page(width=360, height=740)
    page.clock.set_fixed_time("2027-05-20T09:00:00")
    page.goto((site / PLANNER).as_uri() + "?cell=thon")  # no year: this year, 2027
    page.wait_for_selector(".sotay-planner-swap select")
    assert page.locator("select[name=year]").input_value() == "2027"
    marked = page.locator(".sotay-planner-now th")
    assert marked.count() >= 1 and all("Tháng 5" in (t or "") for t in marked.all_text_contents())
    assert page.locator(".sotay-planner-now .sotay-planner-badge").first.text_content() == "Tháng này"
    jump = page.locator(".sotay-planner-jump a")
    assert jump.is_visible() and jump.get_attribute("href") == "#sotay-thang-5"
    page.select_option("select[name=year]", "2026")
    assert page.locator(".sotay-planner-now").count() == 0 and not jump.is_visible()
    page.close()


def test_the_word_file_carries_the_topics_chosen(site: Path, browser: Session, tmp_path: Path) -> None:
    page, errors = open_planner(site, browser)
    before = topics(page)
    chosen = "Sinh hoạt chuyên đề tháng 5 (chi bộ tự chọn chủ đề)"
    thematic(page, 11).select_option(label=ODD)
    thematic(page, 5).select_option(value="")
    after = topics(page)
    assert ODD in after and chosen in after and chosen not in before
    with page.expect_download() as info:
        page.click("[data-action=docx]")
    download = info.value
    assert download.suggested_filename == "ke-hoach-sinh-hoat-chi-bo-thon-2026.docx"
    target = tmp_path / "ke-hoach.docx"
    download.save_as(target)
    word = party_page(target.read_bytes())  # A4, the margins and the font of a Party document, as Python's files
    rows = [tuple(c.text for c in row.cells[:3]) for row in meeting_table(word).rows[1:]]
    assert ("Tháng 11", "Sinh hoạt chuyên đề", ODD) in rows  # changed, escaped on the way and read back whole
    assert ("Tháng 5", "Sinh hoạt chuyên đề", chosen) in rows  # changed to "the cell chooses"
    assert ("Tháng 1", "Sinh hoạt thường kỳ", "Sinh hoạt thường kỳ tháng 1") in rows  # unchanged
    unchanged = [r for r in rows if r[:2] == ("Tháng 8", "Sinh hoạt chuyên đề")]
    assert unchanged and unchanged[0][2].startswith("Chủ đề ")  # the suggestion kept where nothing changed
    assert len(rows) == len(after)
    text = "\n".join(p.text for p in word.paragraphs)
    assert "KẾ HOẠCH" in text and "sinh hoạt chi bộ năm 2026" in text and "Chi bộ thôn, bản" in text
    assert word.core_properties.title == "Kế hoạch sinh hoạt chi bộ năm 2026"
    assert word.core_properties.author == "Sổ tay sinh hoạt chi bộ"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in word.tables[0].rows[0].cells[1].text
    assert errors == [] and browser.outside_requests() == []  # made here: nothing fetched, not even from file:
    page.close()


def test_a_reset_can_be_undone_and_changes_survive_a_reload(site: Path, browser: Session) -> None:
    page, _ = open_planner(site, browser)
    chosen = "Sinh hoạt chuyên đề tháng 5 (chi bộ tự chọn chủ đề)"
    thematic(page, 5).select_option(value="")
    page.reload()
    page.wait_for_selector(".sotay-planner-swap select")
    assert chosen in topics(page)  # kept in this browser
    assert thematic(page, 5).input_value() == ""
    page.click("[data-action=reset]")
    assert chosen not in topics(page)
    status = page.locator(".sotay-planner-status")
    assert status.get_attribute("aria-live") == "polite" and "bỏ 1 chỗ đã đổi" in (status.text_content() or "")
    undo = status.get_by_role("button", name="Hoàn tác")
    assert undo.evaluate("el => el.getBoundingClientRect().height") >= 44
    undo.click()
    assert chosen in topics(page) and "Đã hoàn tác" in (status.text_content() or "")
    page.reload()
    page.wait_for_selector(".sotay-planner-swap select")
    assert chosen in topics(page)
    page.emulate_media(media="print")
    assert not page.locator(".sotay-planner-controls").is_visible()
    assert page.locator(".sotay-planner-table").is_visible()
    assert not page.locator(".sotay-planner-swap").first.is_visible()
    page.close()


@pytest.mark.parametrize("garbage", ["null", "5", "[]", '{"0":"__proto__"}', '{"__proto__":{"x":1}}', '"chuỗi"',
                                     '{"1":"constructor","2":"khong-co","99":"","-1":""}', "{không phải JSON"])
def test_storage_garbage_does_not_break_the_page(garbage: str, site: Path, browser: Session) -> None:
    page, errors = open_planner(site, browser)
    page.evaluate("value => { localStorage.setItem('sotay.plan.thon:2026', value);"
                  " localStorage.setItem('sotay.cell', value); }", garbage)
    page.reload()
    page.wait_for_selector(".sotay-planner-swap select")
    assert page.locator(".sotay-planner-table tbody tr").count() >= 16
    html = page.inner_html(".sotay-planner-table tbody")
    assert "undefined" not in html and 'href=""' not in html
    assert page.locator(".sotay-planner-changed").count() == 0  # nothing counts as a change
    assert errors == []
    page.close()


def test_a_browser_that_refuses_storage_still_lets_the_plan_change(site: Path, browser: Session) -> None:
    page = browser.page(width=360, height=740)
    page.add_init_script("Storage.prototype.setItem = function () { throw new Error('QuotaExceededError'); };")
    page.goto((site / PLANNER).as_uri() + "?cell=thon&year=2026")
    page.wait_for_selector(".sotay-planner-swap select")
    chosen = "Sinh hoạt chuyên đề tháng 5 (chi bộ tự chọn chủ đề)"
    thematic(page, 5).select_option(value="")
    assert chosen in topics(page) and thematic(page, 5).input_value() == ""  # the choice holds on the page
    status = page.locator(".sotay-planner-status")
    assert "không cho lưu" in (status.text_content() or "")  # and the reader is told it will not last
    page.click("[data-action=reset]")
    assert chosen not in topics(page)
    status.get_by_role("button", name="Hoàn tác").click()
    assert chosen in topics(page)
    page.close()
