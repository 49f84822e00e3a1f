"""The planner's rules as properties, the CLI, and the Word file."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Project, document
from docx import Document as WordDocument
from hypothesis import given, settings
from hypothesis import strategies as st
from test_topics import TOPIC

from sotay.plan_docx import plan_docx
from sotay.planner import QUARTERS, make_plan
from sotay.topics import Topic
from sotay.vocabulary import vocabulary

CELLS = list(vocabulary().cell_types)


@st.composite
def topics(draw: st.DrawFn) -> list[Topic]:
    count = draw(st.integers(min_value=0, max_value=25))
    made = []
    for i in range(count):
        cells = draw(st.lists(st.sampled_from(CELLS), min_size=1, max_size=3, unique=True))
        months = draw(st.lists(st.integers(min_value=1, max_value=12), max_size=2, unique=True))
        meeting = draw(st.sampled_from(["chuyen-de", "thuong-ky"]))
        made.append(Topic(f"t{i}", f"Chủ đề {i}", "Tóm tắt.", meeting, cells, ["dan-van"], sorted(months), [],
                          "x.md", f"chu-de/t{i}.md"))
    return made


@settings(max_examples=200, deadline=None)
@given(topics(), st.sampled_from(CELLS), st.integers(min_value=2000, max_value=2100))
def test_plan_rules(catalog: list[Topic], cell: str, year: int) -> None:
    plan = make_plan(catalog, cell, year)
    by_id = {t.id: t for t in catalog}
    regular = [m.month for m in plan.meetings if m.kind == "thuong-ky"]
    assert regular == list(range(1, 13))  # one regular meeting every month
    for months in QUARTERS:  # at least one thematic meeting every quarter
        assert any(m.kind == "chuyen-de" and m.month in months for m in plan.meetings)
    chosen = [m.topic for m in plan.meetings if m.topic]
    assert len(chosen) == len(set(chosen))  # no topic twice
    for meeting in plan.meetings:
        if meeting.topic:
            topic = by_id[meeting.topic]
            assert cell in topic.cell_types and topic.meeting == meeting.kind
            assert not topic.months or meeting.month in topic.months  # anniversaries in their months
    assert [m.month for m in plan.meetings] == sorted(m.month for m in plan.meetings)
    assert make_plan(catalog, cell, year) == plan  # deterministic


def test_anniversary_topics_are_placed_in_their_months() -> None:
    catalog = [Topic("bac", "Sinh nhật Bác", "", "chuyen-de", ["thon"], [], [5], [], "x", "chu-de/bac.md"),
               Topic("dang", "Thành lập Đảng", "", "chuyen-de", ["thon"], [], [2], [], "x", "chu-de/dang.md")]
    plan = make_plan(catalog, "thon", 2027)
    placed = {(m.month, m.topic) for m in plan.meetings if m.kind == "chuyen-de"}
    assert {(5, "bac"), (2, "dang")} <= placed
    assert (8, None) in placed and (11, None) in placed  # the cell chooses where the catalog has nothing


def test_cli_plan_json_and_docx(project: Project, tmp_path: Path) -> None:
    root = project({"directives/a.md": document(), "docs/chu-de/a.md": TOPIC})
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "plan", "--cell-type", "thon", "--year", "2027",
                           "--json", "--docx", str(tmp_path / "ke-hoach.docx")], cwd=root, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert plan["cell_type"] == "thon" and plan["year"] == 2027
    assert {"month": 5, "kind": "chuyen-de", "topic": "ke-chuyen-ve-bac",
            "title": "Kể chuyện về Bác trong buổi sinh hoạt"} in plan["meetings"]
    word = WordDocument(str(tmp_path / "ke-hoach.docx"))
    assert word.paragraphs[0].text == "Kế hoạch sinh hoạt chi bộ năm 2027"
    cells = [c.text for row in word.tables[0].rows for c in row.cells]
    assert "Kể chuyện về Bác trong buổi sinh hoạt" in cells and "Sinh hoạt thường kỳ tháng 12" in cells
    bad = subprocess.run([sys.executable, "-m", "sotay.cli", "plan", "--cell-type", "lang", "--year", "2027"],
                         cwd=root, capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_docx_holds_vietnamese_text() -> None:
    plan = make_plan([], "quan-doi", 2026)
    word = WordDocument(io.BytesIO(plan_docx(plan)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Chi bộ quân đội" in text and "chuyên đề" in text


def test_build_year_follows_source_date_epoch_and_ignores_junk(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from sotay.planner_page import build_year

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 01/01/2027
    assert build_year() == 2027
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "hôm nay")  # not seconds: today, never a traceback
    assert build_year() == dt.date.today().year
