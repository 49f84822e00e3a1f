"""The document index in real Chromium, opened from file:// with no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import Session
from conftest import build_fixture_site, document

FILES = {
    "directives/a.md": document().replace("status: chua-ro", "status: con-hieu-luc\nstatus_date: 2023-11-29"),
    "directives/b.md": document("b", "18-KL/TW", doc_type="ket-luan", issued="2017-03-22",
                                extra="relations:\n  - type: continues\n    target: 10-CT/TW\n"),
    "directives/c.md": document("c", "47-KH/TU", doc_type="ke-hoach", issued="2022", scope="quang-tri"),
    "directives/d.md": document("d", "12-KH/TU", doc_type="ke-hoach", issued="2019", scope="dak-nong").replace(
        "issuer: Ban Bí thư Trung ương Đảng", "issuer: Ban Thường vụ Tỉnh ủy Đắk Nông"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("browser"), FILES, "use_directory_urls: false\n")




def visible_rows(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(".sotay-doc-index tbody tr:not([hidden]) td:first-child a",
                                     "links => links.map(a => a.textContent.split(' ')[2])")


def test_filters_work_from_file_and_keep_state_in_url(site: Path, browser: Session) -> None:
    page = browser.page()
    url = (site / "van-ban" / "index.html").as_uri()
    page.goto(url)
    assert page.locator(".sotay-filter-controls").is_visible()
    assert visible_rows(page) == ["10-CT/TW", "12-KH/TU", "47-KH/TU", "18-KL/TW"]
    assert page.locator(".sotay-filter-count").text_content() == "Đang hiện 4/4"
    page.select_option("[data-sotay-facet=type]", "ke-hoach")
    assert visible_rows(page) == ["12-KH/TU", "47-KH/TU"]
    page.select_option("[data-sotay-facet=scope]", "quang-tri")
    assert visible_rows(page) == ["47-KH/TU"]
    assert page.locator(".sotay-filter-count").text_content() == "Đang hiện 1/4"
    assert page.url.endswith("index.html?type=ke-hoach&scope=quang-tri")
    page.select_option("[data-sotay-facet=type]", "chi-thi")
    assert visible_rows(page) == []
    assert page.locator(".sotay-filter-empty").is_visible()
    shared = browser.page()
    shared.goto(url + "?year=2017")
    assert visible_rows(shared) == ["18-KL/TW"]
    assert shared.locator("[data-sotay-facet=year]").input_value() == "2017"
    # An issuer's name has spaces; the filter matches it whole, by its slug.
    shared.goto(url + "?issuer=ban-thuong-vu-tinh-uy-dak-nong")
    assert visible_rows(shared) == ["12-KH/TU"]
    shared.select_option("[data-sotay-facet=issuer]", label="Ban Bí thư Trung ương Đảng")
    assert visible_rows(shared) == ["10-CT/TW", "47-KH/TU", "18-KL/TW"]
    shared.goto(url + "?status=con-hieu-luc")  # by status: only the one a source says is in force
    assert visible_rows(shared) == ["10-CT/TW"]
    assert browser.outside_requests() == []


def test_without_javascript_everything_is_listed(site: Path, browser: Session) -> None:
    context = browser.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "van-ban" / "index.html").as_uri())
    assert page.locator(".sotay-doc-index tbody tr").count() == 4
    assert not page.locator(".sotay-filter-controls").is_visible()
    context.close()


def test_document_page_prints_without_navigation(site: Path, browser: Session) -> None:
    page = browser.page(width=1024)
    page.goto((site / "van-ban" / "b.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert page.locator(".sotay-panel").is_visible()
    assert page.locator("svg.sotay-diagram").is_visible()
