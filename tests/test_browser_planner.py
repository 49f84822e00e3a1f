"""The planner page in real Chromium from file://: a plan per cell type, swaps kept across reloads, print."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import Session
from conftest import build_fixture_site, document
from test_browser_topics import topic


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"directives/a.md": document(),
             "docs/chu-de/a.md": topic("a", "thon", "dan-van", "chuyen-de", 5),
             "docs/chu-de/b.md": topic("b", "thon", "nong-thon-moi", "chuyen-de", 5).replace("months: [5]\n", ""),
             "docs/chu-de/c.md": topic("c", "thon", "dan-van", "chuyen-de", 5).replace("months: [5]\n", "")}
    env = {"SOURCE_DATE_EPOCH": "1795000000", "PATH": "/usr/bin:/bin"}  # builds as in 2026
    return build_fixture_site(tmp_path_factory.mktemp("planner"), files, "use_directory_urls: false\n", env)




def contents(page) -> list[str]:  # type: ignore[no-untyped-def]
    script = "cells => cells.map(c => c.textContent)"
    return page.eval_on_selector_all(".sotay-planner-table tbody td:nth-child(3)", script)


def test_plan_swap_survives_reload_and_prints(site: Path, browser: Session) -> None:
    page = browser.page(width=1000)
    url = (site / "chu-de" / "ke-hoach-nam.html").as_uri() + "?cell=thon&year=2026"
    page.goto(url)
    rows = contents(page)
    assert len(rows) >= 16 and rows.count("Sinh hoạt thường kỳ tháng 1") == 1
    may = page.locator(".sotay-planner-table tbody tr", has_text="Chủ đề a").first
    assert may.locator("td").first.text_content() == "Tháng 5"
    docx = page.locator(".sotay-planner-docx").get_attribute("href")
    assert docx.endswith("ke-hoach-thon-2026.docx")
    assert (site / "assets" / "sotay" / "ke-hoach" / "ke-hoach-thon-2026.docx").is_file()
    chosen = "Sinh hoạt chuyên đề tháng 2 (chi bộ tự chọn chủ đề)"
    assert chosen not in contents(page)
    page.locator("select[aria-label='Đổi chủ đề: sinh hoạt chuyên đề tháng 2']").select_option(value="")
    assert chosen in contents(page)
    page.reload()
    assert chosen in contents(page)  # kept in this browser
    page.emulate_media(media="print")
    assert not page.locator(".sotay-planner-controls").is_visible()
    assert page.locator(".sotay-planner-table").is_visible()
    page.emulate_media(media="screen")
    page.click("[data-action=reset]")
    assert chosen not in contents(page)
    assert browser.outside_requests() == []
