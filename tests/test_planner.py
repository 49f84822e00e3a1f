"""The planner's rules as properties, the CLI, and the Word file."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, Project, document, node_tests
from docx import Document as WordDocument
from hypothesis import given, settings
from hypothesis import strategies as st
from test_templates import party_page
from test_topics import TOPIC

from sotay.plan_docx import MARKS, fill, make_skeleton, plan_docx, skeleton_js
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
    assert [p.text for p in word.paragraphs[:2]] == ["KẾ HOẠCH", "sinh hoạt chi bộ năm 2027"]
    cells = [c.text for row in meeting_table(word).rows for c in row.cells]
    assert "Kể chuyện về Bác trong buổi sinh hoạt" in cells and "Sinh hoạt thường kỳ tháng 12" in cells
    bad = subprocess.run([sys.executable, "-m", "sotay.cli", "plan", "--cell-type", "lang", "--year", "2027"],
                         cwd=root, capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def meeting_table(word):  # type: ignore[no-untyped-def]
    return next(t for t in word.tables if t.rows[0].cells[0].text == "Tháng")


def test_docx_holds_vietnamese_text() -> None:
    plan = make_plan([], "quan-doi", 2026)
    word = WordDocument(io.BytesIO(plan_docx(plan)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Chi bộ quân đội" in text and "chuyên đề" in text


def test_build_day_follows_source_date_epoch_and_ignores_junk(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from sotay.site import build_day
    from sotay.word import build_moment

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 01/01/2027
    assert build_day() == dt.date(2027, 1, 1)
    assert build_moment().date() == build_day()  # the Word files' date is the same day
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "hôm nay")  # not seconds: today, never a traceback
    assert build_day() == dt.date.today()


def test_plan_docx_is_a_party_document_made_the_same_way_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 18/11/2026
    catalog = [Topic("bac", "Bác & <chi bộ>", "", "chuyen-de", ["thon"], [], [5], [], "x", "chu-de/bac.md")]
    plan = make_plan(catalog, "thon", 2027)
    data = plan_docx(plan)
    assert plan_docx(plan) == data  # byte-identical for the same input
    word = party_page(data)
    left, right = word.tables[0].rows[0].cells
    assert left.text.split("\n") == ["ĐẢNG BỘ ....................", "CHI BỘ ....................", "*", "Số …-KH/CB"]
    party = right.paragraphs[0].runs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.underline and party.bold and party.font.size.pt == 15
    assert right.paragraphs[-1].runs[0].italic
    assert "Bác & <chi bộ>" in [c.text for row in meeting_table(word).rows for c in row.cells]
    props = word.core_properties
    assert (props.author, props.title) == ("Sổ tay sinh hoạt chi bộ", "Kế hoạch sinh hoạt chi bộ năm 2027")
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2026-11-18"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "docProps/thumbnail.jpeg" not in archive.namelist()  # python-docx's picture of another document
        assert "thumbnail" not in archive.read("_rels/.rels").decode()


def test_planner_functions_in_node() -> None:
    node_tests(REPO / "plugins" / "kb" / "assets" / "planner.test.js", at_least=8)


def test_the_browser_fills_the_skeleton_as_python_does(tmp_path: Path) -> None:
    """planner.js and sotay.plan_docx write the same document.xml for the same rows, odd characters included."""
    skeleton = make_skeleton()
    rows = [{"month": "Tháng 1", "kind": "Sinh hoạt thường kỳ", "title": "A & B <c> SOTAYNAM \u0001 “d”"},
            {"month": "Tháng 2", "kind": "Sinh hoạt chuyên đề", "title": "Chủ đề </w:t> thử"}]
    top = {"year": "2027", "cell": "Chi bộ <thôn> & bản"}
    (tmp_path / "input.json").write_text(json.dumps({"skeleton": {"document": skeleton.document, "marks": MARKS},
                                                      "top": top, "rows": rows}), encoding="utf-8")
    code = ("const p = require(process.argv[1]); const i = require(process.argv[2]);"
            "process.stdout.write(p.documentXml(i.skeleton, i.top, i.rows));")
    proc = subprocess.run([shutil.which("node") or "node", "-e", code, str(REPO / "plugins/kb/assets/planner.js"),
                           str(tmp_path / "input.json")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    head, row, tail = skeleton.document
    python = fill(head, top) + "".join(fill(row, r) for r in rows) + fill(tail, top)
    assert proc.stdout == python
    assert "A &amp; B &lt;c&gt; SOTAYNAM  “d”" in python and "Chi bộ &lt;thôn&gt; &amp; bản" in python


def test_the_skeleton_script_sets_the_skeleton() -> None:
    script = skeleton_js(make_skeleton()).decode("utf-8")
    assert "</" not in script  # safe wherever it is read, even inline
    code = ("global.self = {}; eval(require('fs').readFileSync(0, 'utf8')); const s = self.sotay.planSkeleton; "
            "console.log(JSON.stringify([s.order[0], s.document.length, s.marks.year]))")
    proc = subprocess.run([shutil.which("node") or "node", "-e", code], input=script, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["[Content_Types].xml", 3, "SOTAYNAM"]


def test_without_fflate_the_page_offers_the_prebuilt_word_files(project: Project,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import load

    import sotay.planner_page as page_module
    from sotay.project import load_project
    from sotay.site import Linker, SiteModel

    root = project({"directives/a.md": document(), "docs/chu-de/a.md": TOPIC})
    site = SiteModel(load(root), load_project(root / "mkdocs.yml"))
    linker, plans = Linker(site), page_module.year_plans(site.topics, 2027)
    assert page_module.fflate_dir() is not None  # npm installed it in the repository
    files = page_module.planner_files(plans)
    assert {page_module.SKELETON_SRC, page_module.FFLATE_SRC, page_module.FFLATE_LICENSE_SRC} <= set(files)
    assert b"MIT License" in files[page_module.FFLATE_LICENSE_SRC]
    html = page_module.planner_page(plans, site.topics, linker, 2027)
    assert 'src="../../assets/sotay/vendor/fflate.js" defer' in html and 'ke-hoach/khung.js" defer' in html
    assert '<button type="button" class="sotay-button" data-action="docx">' in html
    monkeypatch.setattr(page_module, "fflate_dir", lambda: None)  # a pip install without npm
    files = page_module.planner_files(plans)
    assert len(files) == 16 and all(name.endswith(".docx") for name in files)
    html = page_module.planner_page(plans, site.topics, linker, 2027)
    assert "fflate" not in html and "khung.js" not in html
    assert 'data-action="docx" hidden>' in html and '<p class="sotay-planner-word-note">' in html
    assert 'ke-hoach-thon-2027.docx" download>Tải tệp Word (bản gợi ý)</a>' in html
    # Without JavaScript: the suggested plan of the first cell type is in the page, escaped.
    assert "<caption>Kế hoạch gợi ý: Chi bộ thôn, bản, năm 2027</caption>" in html
    assert '<a href="../a/">Kể chuyện về Bác trong buổi sinh hoạt</a>' in html


def test_a_skeleton_without_its_marks_is_refused_in_vietnamese() -> None:
    from sotay.plan_docx import MARKS, SkeletonError, split_row

    row = f"<w:tr><w:tc>{MARKS['month']}</w:tc></w:tr>"  # the row, but no title, year or cell mark
    with pytest.raises(SkeletonError, match="khung tệp Word của kế hoạch không còn đủ các dấu đánh chỗ"):
        split_row(f"<w:body>{row}</w:body>")
