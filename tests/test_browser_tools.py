"""Checklists and the self-assessment on a 360 px phone, opened from file:// with no network, in real Chromium.

Clearing offers "Hoàn tác" that puts back exactly what was there (on the page and in storage); the
self-assessment starts unanswered and keeps its answers; whatever storage holds cannot break a page;
everything fits the screen, taps are 44 px, text is 16 px, and axe finds no contrast or heading problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import Session, axe_problems
from conftest import build_fixture_site, document
from playwright.sync_api import Page
from test_assessment import CRITERIA
from test_checklists import CHECKLIST

PHONE = {"width": 360, "height": 740}
CHECKLIST_KEY = "sotay.checklist.hop-thu"
ASSESSMENT_KEY = "sotay.assessment.thu"
GARBAGE = ["5", "[]", "{}", '{"ticked": null}', '{"ticked": {"__proto__": true}}', "{not json", '"text"', "null",
           '{"run": -2, "ticked": {"chi-uy-hop": "yes"}}', '{"answers": {"mot": 7, "__proto__": 1}, "fields": [1]}',
           '{"answers": null, "fields": {"cell": 42}}']


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"directives/a.md": document(), "docs/bang-kiem/a.md": CHECKLIST, "docs/tu-danh-gia/a.md": CRITERIA}
    return build_fixture_site(tmp_path_factory.mktemp("tools"), files, "use_directory_urls: false\n")


@pytest.fixture
def phone(browser: Session) -> Iterator[tuple[Page, list[str]]]:
    """A fresh phone (its own storage) and the script errors its pages raise."""
    context = browser.browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("request", lambda request: browser.requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def stored(page: Page, key: str) -> Any:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all("input[data-item]:checked", "boxes => boxes.map(b => b.dataset.item)")


def answers(page: Page) -> dict[str, str]:
    return page.eval_on_selector_all("input[type=radio]:checked",
                                     "radios => Object.fromEntries(radios.map(r => [r.name, r.value]))")


def test_checklist_clear_and_new_run_can_be_undone(site: Path, browser: Session,
                                                  phone: tuple[Page, list[str]]) -> None:
    page, errors = phone
    page.goto((site / "bang-kiem" / "a.html").as_uri())
    status, undo, total = page.locator(".sotay-status"), page.locator("[data-action=undo]"), page.locator(
        ".sotay-checklist-total")
    assert status.get_attribute("role") == "status" and not undo.is_visible()
    page.check("input[data-item=chi-uy-hop]")
    page.check("input[data-item=thong-bao]")
    page.click("[data-action=reset]")
    assert ticked(page) == [] and stored(page, CHECKLIST_KEY) == {"run": 1, "ticked": {}}
    assert status.text_content() == "Đã xóa 2 dấu của lần 1." and undo.is_visible()
    assert undo.evaluate("b => b.tagName") == "BUTTON" and undo.text_content() == "Hoàn tác"
    undo.click()
    assert ticked(page) == ["chi-uy-hop", "thong-bao"] and not undo.is_visible()
    assert stored(page, CHECKLIST_KEY) == {"run": 1, "ticked": {"chi-uy-hop": True, "thong-bao": True}}
    assert status.text_content() == "Đã hoàn tác: trở lại lần 1 với 2 dấu."
    page.reload()
    assert ticked(page) == ["chi-uy-hop", "thong-bao"] and total.text_content() == "Lần 1: đã xong 2/3 việc"
    # A new run clears too, and undo goes back to the run before with its ticks.
    page.click("[data-action=new-run]")
    assert total.text_content() == "Lần 2: đã xong 0/3 việc" and ticked(page) == []
    assert status.text_content() == "Đã bắt đầu lần 2; đã xóa 2 dấu của lần 1."
    undo.click()
    page.reload()
    assert total.text_content() == "Lần 1: đã xong 2/3 việc" and ticked(page) == ["chi-uy-hop", "thong-bao"]
    # Once the user ticks again after a clearing, undo is withdrawn: it would throw the new tick away.
    page.click("[data-action=reset]")
    page.check("input[data-item=gui-tai-lieu]")
    assert not undo.is_visible() and status.text_content() == ""
    assert stored(page, CHECKLIST_KEY) == {"run": 1, "ticked": {"gui-tai-lieu": True}}
    assert errors == [] and browser.outside_requests() == []


def test_assessment_starts_unanswered_keeps_answers_and_clears_with_undo(
        site: Path, browser: Session, phone: tuple[Page, list[str]]) -> None:
    page, errors = phone
    page.goto((site / "tu-danh-gia" / "a.html").as_uri())
    score, answered, undo = page.locator(".sotay-score"), page.locator(".sotay-answered"), page.locator(
        "[data-action=undo]")
    assert answers(page) == {} and score.text_content() == "Chưa trả lời"
    assert answered.text_content() == "Đã trả lời 0/2 tiêu chí."
    page.check("input[name=c-hai][value='0.5']")
    assert score.text_content() == "Điểm tạm tính: 35/70 điểm ở 1 tiêu chí đã trả lời (50%)"
    assert "Mức" not in score.text_content() and answered.text_content().startswith("Đã trả lời 1/2 tiêu chí.")
    page.fill("input[name=cell]", "Chi bộ thôn Đông")
    page.locator("input[name=cell]").press("Enter")  # Enter in a text field does not submit the form
    assert "?" not in page.url
    page.reload()
    assert answers(page) == {"c-hai": "0.5"} and page.input_value("input[name=cell]") == "Chi bộ thôn Đông"
    assert stored(page, ASSESSMENT_KEY) == {"answers": {"hai": 0.5}, "fields": {"cell": "Chi bộ thôn Đông"}}
    page.check("input[name=c-mot][value='1']")
    assert score.text_content() == "Tổng điểm: 65/100 (65%) · Mức: Cần cố gắng"
    assert answered.text_content() == "Đã trả lời đủ 2/2 tiêu chí."
    page.click("[data-action=clear]")
    assert answers(page) == {} and page.input_value("input[name=cell]") == "" and score.text_content() == "Chưa trả lời"
    assert stored(page, ASSESSMENT_KEY) == {"answers": {}, "fields": {}}
    assert page.locator(".sotay-status").text_content() == "Đã xóa 2 câu trả lời và tên chi bộ, ngày họp đã ghi."
    undo.click()
    assert answers(page) == {"c-mot": "1", "c-hai": "0.5"} and not undo.is_visible()
    page.reload()
    assert answers(page) == {"c-mot": "1", "c-hai": "0.5"}
    assert page.input_value("input[name=cell]") == "Chi bộ thôn Đông"
    assert score.text_content() == "Tổng điểm: 65/100 (65%) · Mức: Cần cố gắng"
    assert errors == [] and browser.outside_requests() == []


@pytest.mark.parametrize("raw", GARBAGE)
def test_garbage_in_storage_breaks_neither_page(site: Path, phone: tuple[Page, list[str]], raw: str) -> None:
    page, errors = phone
    page.goto((site / "bang-kiem" / "a.html").as_uri())
    page.evaluate("([a, b, raw]) => { localStorage.setItem(a, raw); localStorage.setItem(b, raw); }",
                  [CHECKLIST_KEY, ASSESSMENT_KEY, raw])
    page.reload()
    assert page.locator(".sotay-checklist-tools").is_visible() and ticked(page) == []
    assert page.locator(".sotay-checklist-total").text_content().endswith("đã xong 0/3 việc")
    page.check("input[data-item=thong-bao]")
    assert stored(page, CHECKLIST_KEY)["ticked"] == {"thong-bao": True}
    page.goto((site / "tu-danh-gia" / "a.html").as_uri())
    assert page.locator(".sotay-assessment-tools").is_visible() and answers(page) == {}
    assert page.locator(".sotay-score").text_content() == "Chưa trả lời"
    page.check("input[name=c-mot][value='0']")
    assert stored(page, ASSESSMENT_KEY) == {"answers": {"mot": 0}, "fields": {}}
    assert errors == []


def test_a_browser_that_refuses_storage_says_so_and_still_counts(site: Path, phone: tuple[Page, list[str]]) -> None:
    page, errors = phone
    page.add_init_script("Storage.prototype.setItem = function () { throw new Error('QuotaExceededError'); };")
    page.goto((site / "bang-kiem" / "a.html").as_uri())
    page.check("input[data-item=thong-bao]")
    assert page.locator(".sotay-checklist-total").text_content() == "Lần 1: đã xong 1/3 việc"
    assert "không cho lưu" in page.locator(".sotay-storage-warning").text_content()
    page.goto((site / "tu-danh-gia" / "a.html").as_uri())
    page.check("input[name=c-mot][value='1']")
    assert page.locator(".sotay-score").text_content().startswith("Điểm tạm tính: 30/30")
    assert "không cho lưu" in page.locator(".sotay-storage-warning").text_content()
    assert errors == []


LAYOUT = """() => {
  const content = document.querySelector(".md-content");
  const wide = [...content.querySelectorAll("*")].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
  }).map(el => el.outerHTML.slice(0, 80));
  const size = el => ({ text: el.textContent.trim().slice(0, 30), height: el.getBoundingClientRect().height,
                        width: el.getBoundingClientRect().width, font: parseFloat(getComputedStyle(el).fontSize) });
  const visible = sel => [...content.querySelectorAll(sel)].filter(el => el.getClientRects().length);
  return {
    wide, scroll: content.scrollWidth - content.clientWidth,
    buttons: visible("button").map(b => ({ ...size(b), border: getComputedStyle(b).borderTopWidth })),
    rows: visible(".sotay-checklist-items label, .sotay-choices label").map(size),
    boxes: visible("input[type=checkbox], input[type=radio]").map(size),
    text: visible("p:not(.sotay-stamp), li, label, .sotay-basis").map(size).filter(t => t.text),
  };
}"""


@pytest.mark.parametrize("page_path", ["bang-kiem/a.html", "tu-danh-gia/a.html"])
def test_phone_layout_taps_text_and_contrast(site: Path, phone: tuple[Page, list[str]], page_path: str) -> None:
    page, _errors = phone
    page.goto((site / page_path).as_uri())
    page.locator("input[data-item], .sotay-choices input").first.check()
    page.click("[data-action=reset], [data-action=clear]")  # the status line and "Hoàn tác" are on screen
    found = page.evaluate(LAYOUT)
    assert found["wide"] == [] and found["scroll"] == 0
    assert "Hoàn tác" in {b["text"] for b in found["buttons"]} and len(found["buttons"]) >= 3
    for button in found["buttons"]:
        assert button["height"] >= 44 and button["font"] >= 16 and button["border"] != "0px", button
    assert found["rows"] and all(r["height"] >= 44 and r["font"] >= 16 for r in found["rows"]), found["rows"]
    assert all(b["height"] >= 24 and b["width"] >= 24 for b in found["boxes"]), found["boxes"]
    small = [t for t in found["text"] if t["font"] < 16]
    assert small == [], small
    assert axe_problems(page, within=[".md-content"], rules=[
        "color-contrast", "heading-order", "target-size", "button-name", "label", "aria-allowed-role",
        "empty-heading", "page-has-heading-one", "list", "listitem", "aria-valid-attr-value"]) == []
