"""Self-assessment: criteria as data (checked like all content) and a score counted in Chromium."""

from __future__ import annotations

from pathlib import Path

from browser import Session
from conftest import REPO, Project, build_fixture_site, document, node_tests, problems_of

from sotay.loader import load_knowledge_base
from sotay.project import load_project

A = "docs/tu-danh-gia/a.md"
CRITERIA = """\
---
id: thu
title: Tự đánh giá thử
summary: Hai tiêu chí.
owner: Sổ tay (thử)
basis:
  - "[[10-CT/TW]]"
groups:
  - title: Chuẩn bị
    criteria:
      - id: mot
        text: Tiêu chí một.
        points: 30
        basis: "[[10-CT/TW#diem-chinh]]"
      - id: hai
        text: Tiêu chí hai.
        points: 70
        basis: "[[10-CT/TW]]"
levels:
  - {min: 80, label: Tốt}
  - {min: 0, label: Cần cố gắng}
---
Dùng để thử.
"""


check = problems_of


def test_criteria_errors(project: Project) -> None:
    bad = CRITERIA.replace("points: 70", "points: 0").replace("id: hai", "id: mot")
    assert check(project({"directives/a.md": document(), A: bad})) == [
        f"{A}:15: error: mã tiêu chí 'mot' bị lặp lại",
    ]
    worse = CRITERIA.replace("points: 70", "points: 700")
    assert check(project({"directives/a.md": document(), A: worse})) == [
        f"{A}:17: error: trường 'criteria.points': cần số nguyên từ 1 đến 100, nhận được '700'",
    ]


def test_score_in_the_browser_from_file(tmp_path: Path, browser: Session) -> None:
    site = build_fixture_site(tmp_path / "p", {"directives/a.md": document(), A: CRITERIA},
                              "use_directory_urls: false\n")
    html = (site / "tu-danh-gia" / "a.html").read_text("utf-8")
    form = html.split('<form class="sotay-assessment"')[1].split("</form>")[0]
    assert 'type="radio"' in form and "checked" not in form  # nothing is answered before the user answers
    assert 'role="radiogroup" aria-labelledby="tieu-chi-mot"' in html and '<p id="tieu-chi-mot">' in html
    page = browser.page()
    page.goto((site / "tu-danh-gia" / "a.html").as_uri())
    score, answered = page.locator(".sotay-score"), page.locator(".sotay-answered")
    assert score.text_content() == "Chưa trả lời" and answered.text_content() == "Đã trả lời 0/2 tiêu chí."
    page.check("input[name=c-mot][value='0.5']")
    assert score.text_content() == "Điểm tạm tính: 15/30 điểm ở 1 tiêu chí đã trả lời (50%)"
    page.check("input[name=c-hai][value='1']")
    assert score.text_content() == "Tổng điểm: 85/100 (85%) · Mức: Tốt"
    page.emulate_media(media="print")
    assert score.is_visible() and not page.locator("[data-action=print]").is_visible()
    assert page.is_checked("input[name=c-mot][value='0.5']")
    assert browser.outside_requests() == []


def test_assessment_logic_in_node() -> None:
    """assessment.test.js: state read from storage, tally, provisional score, levels, clearing and undo."""
    node_tests(REPO / "plugins" / "kb" / "assets" / "assessment.test.js", at_least=7)


def test_shipped_criteria_add_up() -> None:
    (criteria,) = load_knowledge_base(load_project(REPO / "mkdocs.yml")).criteria
    assert criteria.total() == 100 and "không phải tiêu chí chính thức" in criteria.owner
    assert [lv.min for lv in criteria.levels] == sorted((lv.min for lv in criteria.levels), reverse=True)
