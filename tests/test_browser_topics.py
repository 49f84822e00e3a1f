"""The topic catalog's filters in real Chromium from file://: OR within a filter, AND across, counts, URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import Session
from conftest import build_fixture_site, document
from test_topics import TOPIC


def topic(topic_id: str, cells: str, theme: str, meeting: str, month: int) -> str:
    return (TOPIC.replace("ke-chuyen-ve-bac", topic_id).replace("[thon, co-quan]", f"[{cells}]")
            .replace("[hoc-tap-lam-theo-bac]", f"[{theme}]").replace("chuyen-de", meeting)
            .replace("months: [5]", f"months: [{month}]").replace("Kể chuyện về Bác", f"Chủ đề {topic_id}"))


TOPICS = {
    "a": topic("a", "thon", "dan-van", "chuyen-de", 2),
    "b": topic("b", "thon, co-quan", "nong-thon-moi", "thuong-ky", 5),
    "c": topic("c", "co-quan", "dan-van", "chuyen-de", 5),
    "d": topic("d", "quan-doi", "quoc-phong-an-ninh", "chuyen-de", 12),
    "e": topic("e", "thon", "dan-van", "thuong-ky", 0).replace("months: [0]\n", ""),  # fits any month
}
# The browser's clock: the catalog opens on this month when the URL chooses nothing.
MAY = "2026-05-10T09:00:00"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"directives/a.md": document(), **{f"docs/chu-de/{k}.md": v for k, v in TOPICS.items()}}
    return build_fixture_site(tmp_path_factory.mktemp("catalog"), files, "use_directory_urls: false\n")




def shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    script = "links => links.map(a => a.textContent.split(' ')[2])"
    return page.eval_on_selector_all("[data-sotay-item]:not([hidden]) a", script)


def count(page, key: str, value: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f'[data-sotay-count="{key}:{value}"]').text_content()


def test_or_within_and_across_with_counts_and_url(site: Path, browser: Session) -> None:
    page = browser.page(1280, 900)  # a wide screen: the filters are open
    url = (site / "chu-de" / "index.html").as_uri()
    page.goto(url + "?meeting=chuyen-de,thuong-ky")  # a URL that chooses something: no month, no remembered cell
    assert shown(page) == ["a", "b", "c", "d", "e"]
    assert count(page, "cell", "thon") == "(3)" and count(page, "meeting", "chuyen-de") == "(3)"
    page.uncheck("input[name=meeting][value=thuong-ky]")
    page.uncheck("input[name=meeting][value=chuyen-de]")
    page.check("input[name=cell][value=thon]")
    assert shown(page) == ["a", "b", "e"]
    page.check("input[name=cell][value=co-quan]")  # OR within the filter
    assert shown(page) == ["a", "b", "c", "e"]
    page.check("input[name=meeting][value=chuyen-de]")  # AND across filters
    assert shown(page) == ["a", "c"]
    assert count(page, "theme", "dan-van") == "(2)" and count(page, "theme", "nong-thon-moi") == "(0)"  # e: thuong-ky
    assert count(page, "cell", "quan-doi") == "(1)"  # what adding that option would give
    assert page.locator(".sotay-filter-count").text_content() == "Đang hiện 2/5"
    assert page.url.endswith("index.html?cell=thon,co-quan&meeting=chuyen-de".replace(",", "%2C"))
    shared = browser.page(1280, 900)
    shared.goto(url + "?month=5&theme=dan-van")
    assert shown(shared) == ["c", "e"]  # e names no month: it fits May too
    assert shared.locator("input[name=month][value='5']").is_checked()
    assert browser.outside_requests() == []


def test_catalog_lists_everything_without_javascript(site: Path, browser: Session) -> None:
    context = browser.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "chu-de" / "index.html").as_uri())
    assert page.locator("[data-sotay-item]").count() == 5
    assert not page.locator(".sotay-facets").is_visible()
    context.close()


def test_opens_on_the_remembered_cell_and_this_month_with_any_month_topics(site: Path, browser: Session) -> None:
    page = browser.page(360, 740)
    page.clock.set_fixed_time(MAY)
    page.add_init_script("localStorage.setItem('sotay.cell', JSON.stringify('thon'))")
    page.goto((site / "chu-de" / "index.html").as_uri())
    assert page.locator("input[name=cell][value=thon]").is_checked()
    assert page.locator("input[name=month][value='5']").is_checked()
    # b is for May; e names no month and fits every month; a (February) and c (another cell) are out.
    assert shown(page) == ["b", "e"]
    assert page.locator(".sotay-filter-count").text_content() == "Đang hiện 2/5 (gồm 1 chủ đề hợp với mọi tháng)"
    assert count(page, "month", "2") == "(2)"  # February: a, and e that fits any month
    # On a phone the filters fold and the list starts on the first screen.
    assert not page.locator("details.sotay-filter-fold").evaluate("d => d.open")
    assert "Chi bộ thôn, bản" in page.locator(".sotay-filter-chosen").text_content()
    first = page.locator("[data-sotay-item]:not([hidden])").first.bounding_box()
    assert first is not None and first["y"] < 740
    # Choosing another cell here is remembered for the other pages.
    page.locator("details.sotay-filter-fold > summary").click()
    page.uncheck("input[name=cell][value=thon]")
    page.check("input[name=cell][value=co-quan]")
    assert page.evaluate("localStorage.getItem('sotay.cell')") == '"co-quan"'
    assert shown(page) == ["b", "c"]
    page.click("[data-action=clear-filters]")
    assert shown(page) == ["a", "b", "c", "d", "e"]
    assert not page.locator("[data-action=clear-filters]").is_visible()
    assert page.url.endswith("index.html?tat-ca=1")  # the full list stays full on reload, and can be shared
    page.reload()
    assert shown(page) == ["a", "b", "c", "d", "e"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_shared_address_wins_over_the_remembered_cell(site: Path, browser: Session) -> None:
    page = browser.page(360, 740)
    page.clock.set_fixed_time(MAY)
    page.add_init_script("localStorage.setItem('sotay.cell', JSON.stringify('thon'))")
    page.goto((site / "chu-de" / "index.html").as_uri() + "?cell=quan-doi")
    assert shown(page) == ["d"]
    assert not page.locator("input[name=month][value='5']").is_checked()
