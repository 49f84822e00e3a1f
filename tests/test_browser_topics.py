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
}


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
    page = browser.page()
    url = (site / "chu-de" / "index.html").as_uri()
    page.goto(url)
    assert shown(page) == ["a", "b", "c", "d"]
    assert count(page, "cell", "thon") == "(2)" and count(page, "meeting", "chuyen-de") == "(3)"
    page.check("input[name=cell][value=thon]")
    assert shown(page) == ["a", "b"]
    page.check("input[name=cell][value=co-quan]")  # OR within the filter
    assert shown(page) == ["a", "b", "c"]
    page.check("input[name=meeting][value=chuyen-de]")  # AND across filters
    assert shown(page) == ["a", "c"]
    assert count(page, "theme", "dan-van") == "(2)" and count(page, "theme", "nong-thon-moi") == "(0)"
    assert count(page, "cell", "quan-doi") == "(1)"  # what adding that option would give
    assert page.locator(".sotay-filter-count").text_content() == "Đang hiện 2/4"
    assert page.url.endswith("index.html?cell=thon,co-quan&meeting=chuyen-de".replace(",", "%2C"))
    shared = browser.page()
    shared.goto(url + "?month=5&theme=dan-van")
    assert shown(shared) == ["c"]
    assert shared.locator("input[name=month][value='5']").is_checked()
    assert browser.outside_requests() == []


def test_catalog_lists_everything_without_javascript(site: Path, browser: Session) -> None:
    context = browser.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "chu-de" / "index.html").as_uri())
    assert page.locator("[data-sotay-item]").count() == 4
    assert not page.locator(".sotay-facets").is_visible()
    context.close()
