"""The month's path on a 360 px phone, in real Chromium from file://: the home page asks once for the cell
type and remembers it, shows this month's meeting and topics, and every step leads to the next one down to
the minutes. The home page's and the filters' logic also runs under node."""

from __future__ import annotations

from pathlib import Path

from browser import Session
from conftest import REPO, node_tests

TODAY = "2026-12-03T08:00:00"  # a Thursday in December
ASSETS = REPO / "plugins" / "kb" / "assets"


def test_shared_home_and_filter_logic_in_node() -> None:
    node_tests(ASSETS / "sotay.test.js", ASSETS / "home.test.js", ASSETS / "filter.test.js", at_least=14)


def test_home_asks_once_for_the_cell_type_and_remembers_it(shipped_site: Path, browser: Session) -> None:
    page = browser.page(360, 740)
    page.clock.set_fixed_time(TODAY)
    home = (shipped_site / "index.html").as_uri()
    page.goto(home)
    month = page.locator("[data-sotay-home]")
    assert month.locator("h2").text_content() == "Sinh hoạt tháng 12"
    assert "Chọn loại chi bộ" in month.locator(".sotay-month-topics").text_content()
    page.select_option("[data-sotay-home] select[name=cell]", "thon")
    assert page.evaluate("localStorage.getItem('sotay.cell')") == '"thon"'
    topics = month.locator(".sotay-month-topics")
    assert "Gợi ý chủ đề tháng 12" in topics.text_content()
    assert "Theo kế hoạch cả năm" in topics.text_content()
    catalog = topics.locator("a[href*='chu-de/index.html?cell=thon&month=12']")
    assert catalog.count() == 1 and "hợp với mọi tháng" in catalog.text_content()
    page.select_option("[data-sotay-home] select[name=day]", "3")
    assert month.locator(".sotay-month-date").text_content() == "Ngày họp tháng này: thứ Năm, 03/12/2026."
    page.reload()  # remembered on this device
    assert page.locator("[data-sotay-home] select[name=cell]").input_value() == "thon"
    assert page.locator("[data-sotay-home] select[name=day]").input_value() == "3"
    page.clock.set_fixed_time("2026-12-04T08:00:00")
    page.reload()
    assert "kỳ tới: Chủ nhật, 03/01/2027" in month.locator(".sotay-month-date").text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert browser.outside_requests() == []


def test_from_home_to_the_minutes_one_step_after_another(shipped_site: Path, browser: Session) -> None:
    page = browser.page(360, 740)
    page.clock.set_fixed_time(TODAY)
    page.add_init_script("localStorage.setItem('sotay.cell', JSON.stringify('thon'))")
    page.goto((shipped_site / "index.html").as_uri())
    steps = page.locator("ol.sotay-steps > li")
    assert steps.count() == 5
    assert [steps.nth(i).locator("h3").text_content() for i in range(5)] == [
        "Chọn chủ đề", "Chuẩn bị", "Tổ chức buổi sinh hoạt", "Ghi biên bản, ra nghị quyết", "Theo dõi thực hiện"]
    with page.expect_navigation():
        steps.nth(0).get_by_role("link", name="Gợi ý chủ đề").click()
    # The catalog opens on the remembered cell type and this month.
    assert page.locator("input[name=cell][value=thon]").is_checked()
    assert page.locator("input[name=month][value='12']").is_checked()
    with page.expect_navigation():
        page.locator("[data-sotay-item]:not([hidden]) a").first.click()
    visited = []
    for _ in range(6):  # topic -> (plan) -> checklist -> minutes
        nav = page.locator("nav.sotay-step-nav")
        assert nav.count() == 1, page.url
        assert nav.get_by_role("link", name="Kế hoạch cả năm").count() == 1
        visited.append((page.locator("h1").first.text_content() or "").rstrip("¶"))
        if page.url.endswith("mau/bien-ban-hop-chi-bo.html"):
            break
        with page.expect_navigation():
            nav.locator(".sotay-step-next a").click()
    assert visited[-1] == "Biên bản họp chi bộ", visited
    assert any("Bảng kiểm" in title or "Sinh hoạt" in title for title in visited[1:-1]), visited
    # The minutes lead on to the resolution, and back to the checklist.
    nav = page.locator("nav.sotay-step-nav")
    assert "Bước 4/5" in nav.locator(".sotay-step-where").text_content()
    assert nav.locator(".sotay-step-next a").text_content() == "Nghị quyết chi bộ"
    assert nav.locator(".sotay-step-prev a").text_content() == "Sinh hoạt chi bộ thường kỳ"  # its checklist
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert browser.outside_requests() == []


def test_home_without_javascript_shows_the_steps_and_a_way_per_cell_type(shipped_site: Path,
                                                                         browser: Session) -> None:
    context = browser.browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto((shipped_site / "index.html").as_uri())
    assert page.locator("ol.sotay-steps > li").count() == 5
    assert not page.locator(".sotay-month-choice").is_visible()
    assert page.locator(".sotay-month-nojs a").count() == 8  # one per cell type
    context.close()
