"""Self-assessment: criteria as data (checked like all content) and a score counted in Chromium."""

from __future__ import annotations

from pathlib import Path

from browser import Session
from conftest import REPO, Project, build_fixture_site, document, problems_of

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
    page = browser.page()
    page.goto((site / "tu-danh-gia" / "a.html").as_uri())
    score = page.locator(".sotay-score")
    assert score.text_content() == "Tổng điểm: 0/100 (0%) · Mức: Cần cố gắng"
    page.check("input[name=c-hai][value='1']")
    page.check("input[name=c-mot][value='0.5']")
    assert score.text_content() == "Tổng điểm: 85/100 (85%) · Mức: Tốt"
    page.emulate_media(media="print")
    assert score.is_visible() and not page.locator("[data-action=print]").is_visible()
    assert browser.outside_requests() == []


def test_shipped_criteria_add_up() -> None:
    (criteria,) = load_knowledge_base(load_project(REPO / "mkdocs.yml")).criteria
    assert criteria.total() == 100 and "không phải tiêu chí chính thức" in criteria.owner
    assert [lv.min for lv in criteria.levels] == sorted((lv.min for lv in criteria.levels), reverse=True)
