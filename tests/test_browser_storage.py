"""Whatever this browser's storage holds, the shipped site's tools work (issue 15), in real Chromium from file://.

For the checklist, the self-assessment, the annual planner and the home page, each key the page reads
(sotay.checklist.ID, sotay.assessment.ID, sotay.plan.CELL:YEAR, sotay.cell, sotay.meetingDay) is set to
a value the site never wrote: then the page raises no error, its tools show, the planner has all its rows,
no link points at "undefined", and a tick or a choice made afterwards is kept and survives a reload.
The loaders themselves are tested under node with the same shapes (plugins/kb/assets/*.test.js).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import Session
from playwright.sync_api import Page

TODAY = "2026-12-03T08:00:00"  # the shipped base is built as on this day: its plans cover 2026 and 2027
CHECKLIST, CHECKLIST_KEY = "bang-kiem/hop-chi-uy.html", "sotay.checklist.hop-chi-uy"
ASSESSMENT, ASSESSMENT_KEY = "tu-danh-gia/goi-y-so-tay.html", "sotay.assessment.goi-y-so-tay"
PLANNER, HOME = "chu-de/ke-hoach-nam.html", "index.html"

EVERY_MEETING = range(30)  # more indexes than any plan has meetings
BAD = {
    "number": "5", "array": "[]", "empty object": "{}", "ticked null": '{"ticked": null}', "null": "null",
    "string": '"chuỗi"', "true": "true", "invalid JSON": "{không phải JSON", "empty text": "",
    "proto at 0": '{"0":"__proto__"}', "proto object": '{"__proto__": {"x": 1}}',
    "constructor": '{"constructor": {"prototype": {"x": 1}}}',
    "proto everywhere": json.dumps({str(i): "__proto__" for i in EVERY_MEETING}),
    "constructor everywhere": json.dumps({str(i): "constructor" for i in EVERY_MEETING}),
    "toString everywhere": json.dumps({str(i): "toString" for i in EVERY_MEETING}),
    "numbers as values": json.dumps({str(i): i for i in EVERY_MEETING}),
    "nested proto": '{"ticked": {"__proto__": {"x": true}}, "answers": {"__proto__": {"x": 1}}}',
    "strings for arrays and objects": '{"ticked": "x", "answers": "x", "fields": "x", "run": "4"}',
    "numbers as ids": '{"1": true, "2": 1, "ticked": {"1": true}, "answers": {"1": 1}}',
    "nested arrays": "[[[[[[[[]]]]]]]]",
    "deep arrays": "[" * 100_000 + "]" * 100_000,
    "huge string": json.dumps("x" * 200_000),
}
PARAMS = pytest.mark.parametrize("raw", list(BAD.values()), ids=list(BAD))


@pytest.fixture
def page(browser: Session) -> Iterator[tuple[Page, list[str]]]:
    """A phone with its own, empty storage, on 03/12/2026, and the script errors its pages raise."""
    context = browser.browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.clock.set_fixed_time(TODAY)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab, errors
    context.close()


def open_with(page: Page, url: str, raw: str, keys: list[str], *, plans: bool = False) -> None:
    """Open the page, put `raw` in storage under these keys (and every plan's key) as it is, load it again."""
    page.goto(url)
    page.evaluate("([keys, raw]) => { for (const key of keys) { localStorage.setItem(key, raw); } }",
                  [keys + (plan_keys(page) if plans else []), raw])
    page.reload()


def stored(page: Page, key: str) -> Any:
    return json.loads(page.evaluate("key => localStorage.getItem(key)", key))


def text(page: Page, selector: str) -> str:
    return page.locator(selector).first.text_content() or ""


def links_to_undefined(page: Page) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    return [href for href in hrefs if "undefined" in href]


def plan_keys(page: Page) -> list[str]:
    """Every key the planner and the home page may read: each cell type of the page, both years of the plans."""
    cells: list[str] = page.eval_on_selector_all("select[name=cell] option", "os => os.map(o => o.value)")
    return [f"sotay.plan.{cell}:{year}" for cell in cells if cell for year in (2026, 2027)]


@PARAMS
def test_checklist_and_self_assessment(shipped_site: Path, page: tuple[Page, list[str]], raw: str) -> None:
    tab, errors = page
    open_with(tab, (shipped_site / CHECKLIST).as_uri(), raw, [CHECKLIST_KEY, ASSESSMENT_KEY, "sotay.cell"])
    assert tab.locator(".sotay-checklist-tools").is_visible()
    assert tab.eval_on_selector_all("input[data-item]:checked", "boxes => boxes.length") == 0
    assert text(tab, ".sotay-checklist-total").startswith("Lần 1: đã xong 0/")
    item = tab.locator("input[data-item]").first.get_attribute("data-item")
    tab.check(f"input[data-item='{item}']")
    assert stored(tab, CHECKLIST_KEY) == {"run": 1, "ticked": {item: True}}
    tab.reload()
    assert tab.is_checked(f"input[data-item='{item}']")
    assert text(tab, ".sotay-checklist-total").startswith("Lần 1: đã xong 1/")
    assert errors == [] and links_to_undefined(tab) == []
    # The self-assessment, same storage (file:// is one origin), still holding the garbage under its key.
    tab.goto((shipped_site / ASSESSMENT).as_uri())
    assert tab.locator(".sotay-assessment-tools").is_visible() and text(tab, ".sotay-score") == "Chưa trả lời"
    assert tab.eval_on_selector_all("input[type=radio]:checked", "radios => radios.length") == 0
    criterion = tab.get_attribute("[data-criterion]", "data-criterion")
    answer = f"[data-criterion='{criterion}'] input[type=radio][value='1']"
    tab.check(answer)
    assert stored(tab, ASSESSMENT_KEY) == {"answers": {criterion: 1}, "fields": {}}
    tab.reload()
    assert tab.is_checked(answer) and text(tab, ".sotay-score") != "Chưa trả lời"
    assert errors == [] and links_to_undefined(tab) == []


@PARAMS
def test_planner(shipped_site: Path, page: tuple[Page, list[str]], raw: str) -> None:
    tab, errors = page
    open_with(tab, (shipped_site / PLANNER).as_uri(), raw, ["sotay.cell"], plans=True)
    tab.wait_for_selector(".sotay-planner-swap select")
    # Nothing remembered: the first cell type, this year, every meeting of its plan (from the page's own data).
    cell = tab.eval_on_selector("select[name=cell] option", "o => o.value")
    assert tab.input_value("select[name=cell]") == cell and tab.input_value("select[name=year]") == "2026"
    meetings = tab.evaluate("key => JSON.parse(document.getElementById('sotay-planner-data').textContent).plans[key]"
                            ".length", f"{cell}:2026")
    assert meetings >= 12 and tab.locator(".sotay-planner-table tbody tr").count() == meetings
    assert tab.locator(".sotay-planner-changed").count() == 0  # nothing stored counts as a change
    assert "(theo gợi ý)" in text(tab, ".sotay-planner-table caption")
    assert "undefined" not in tab.inner_text(".sotay-planner-table") and links_to_undefined(tab) == []
    # A swap made now is kept as the planner writes it, and is there after a reload.
    index, topic = tab.evaluate("""() => {
        const select = [...document.querySelectorAll('.sotay-planner-swap select')].find(s => s.options.length > 2);
        return [select.dataset.index, select.options[2].value]; }""")
    tab.select_option(f".sotay-planner-swap select[data-index='{index}']", value=topic)
    assert stored(tab, f"sotay.plan.{cell}:2026") == {index: topic}
    tab.reload()
    tab.wait_for_selector(".sotay-planner-swap select")
    assert tab.input_value(f".sotay-planner-swap select[data-index='{index}']") == topic
    assert tab.locator(".sotay-planner-changed").count() == 1 and links_to_undefined(tab) == []
    assert errors == []


@PARAMS
def test_home(shipped_site: Path, page: tuple[Page, list[str]], raw: str) -> None:
    tab, errors = page
    cell, day = "[data-sotay-home] select[name=cell]", "[data-sotay-home] select[name=day]"
    when, topics = "[data-sotay-home] .sotay-month-date", "[data-sotay-home] .sotay-month-topics"
    open_with(tab, (shipped_site / HOME).as_uri(), raw, ["sotay.cell", "sotay.meetingDay"], plans=True)
    assert tab.locator("[data-sotay-home] form").is_visible() and tab.input_value(cell) == ""
    if raw != "5":  # 5 is a meeting day the home page would keep
        assert tab.input_value(day) == "" and "Chưa ghi ngày họp" in text(tab, when)
    # The cell type and the day chosen now are kept; December's meetings of the plan show, as suggested.
    tab.select_option(cell, "thon")
    tab.select_option(day, "3")
    for _ in range(2):  # as chosen, then after a reload
        assert tab.input_value(cell) == "thon" and tab.input_value(day) == "3"
        assert text(tab, when) == "Ngày họp tháng này: thứ Năm, 03/12/2026."
        assert "Theo kế hoạch cả năm" in text(tab, topics) and tab.locator(f"{topics} .sotay-month-plan li").count()
        assert "đã đổi trong kế hoạch" not in text(tab, topics) and "undefined" not in text(tab, topics)
        assert links_to_undefined(tab) == []
        tab.reload()
    assert errors == []
