"""The knowledge base the project ships: valid, complete, and exported."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

import pytest
from conftest import REPO

from sotay.loader import load_knowledge_base
from sotay.model import KnowledgeBase
from sotay.project import load_project
from sotay.schema import FIELDS_BY_NAME
from sotay.vocabulary import vocabulary


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    assert [str(p) for p in result.problems.sorted()] == []
    return result.kb


def test_check_passes_on_shipped_base() -> None:
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "check", "--report"], cwd=REPO, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    counts = r", \d+ chủ đề, \d+ bảng kiểm, \d+ mẫu, \d+ bộ tiêu chí, \d+ khóa học"  # every kind is counted
    assert re.search(rf"nội dung hợp lệ: \d+ văn bản \(directives/\){counts}\n$", proc.stdout)


def test_core_and_cited_central_documents_are_present(kb: KnowledgeBase) -> None:
    numbers = {d.number for d in kb.documents if d.scope == "trung-uong"}
    assert {"10-CT/TW", "18-KL/TW", "12-HD/BTCTW", "21-NQ/TW", "05-CT/TW", "01-KL/TW", "08-QĐi/TW", "28-CT/TW",
            "21-KL/TW", "76-QĐ/TW", "04-NQ/TW", "50-CT/TW", "42-HD/BTCTW", "213-QĐ/TW", "33-HD/BTCTW",
            "37-QĐ/TW"} <= numbers


def test_core_relations(kb: KnowledgeBase) -> None:
    by_number = {d.number: d for d in kb.documents if d.scope == "trung-uong"}
    kl18 = by_number["18-KL/TW"]
    assert ("continues", by_number["10-CT/TW"].id) in {(r.type, r.target) for r in kl18.relations}
    hd12 = {(r.type, r.target) for r in by_number["12-HD/BTCTW"].relations}
    assert {("guides", by_number["10-CT/TW"].id), ("guides", kl18.id)} <= hd12


def test_local_documents_implement_central_ones(kb: KnowledgeBase) -> None:
    central = {d.id for d in kb.documents if d.scope == "trung-uong"}
    local = [d for d in kb.documents if d.scope != "trung-uong"]
    provinces = {d.scope for d in local}
    assert {"hoa-binh", "quang-nam", "quang-tri", "tuyen-quang", "dak-nong"} <= provinces
    implementing = [d for d in local if any(r.type == "implements" and r.target in central for r in d.relations)]
    assert len(implementing) >= 5


def test_every_document_has_a_summary_provisions_and_a_named_source(kb: KnowledgeBase) -> None:
    for doc in kb.documents:
        assert len(doc.summary) >= 80, doc.path
        assert doc.provisions and all(p.anchor for p in doc.provisions), doc.path
        assert doc.sources and all(s.publication and s.title for s in doc.sources), doc.path
        assert all(s.read for s in doc.sources if s.url), doc.path  # a web page says when it was read
        assert doc.themes, doc.path


def test_shipped_text_is_nfc_and_cites_no_source_file_names() -> None:
    for path in sorted((REPO / "directives").rglob("*")):
        if path.is_file():
            text = path.read_text("utf-8")
            assert unicodedata.is_normalized("NFC", text), path
            assert ".txt" not in text, path  # sources are named by publication and title, not by file


def test_export_of_shipped_base(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "kb.json"
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export", "--format", "json", "-o", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(out.read_text("utf-8"))["documents"]
    kl18 = next(d for d in docs if d["number"] == "18-KL/TW")
    assert kl18["issuer"] == "Ban Bí thư Trung ương Đảng"
    assert kl18["issued"] == "2017-09-22" and "issued" not in kl18["unverified"]  # confirmed by an official page
    assert kl18["status"] == "da-co-van-ban-moi" and kl18["status_date"] == "2025-07-23"
    assert all(p["anchor"] for d in docs for p in d["provisions"])


def test_editor_page_documents_every_field_and_choice() -> None:
    page = (REPO / "docs" / "bien-tap" / "mo-hinh-van-ban.md").read_text("utf-8")
    vocab = vocabulary()
    for word in [*FIELDS_BY_NAME, *vocab.document_types, *vocab.statuses, *vocab.relation_types]:
        assert f"`{word}`" in page, word


def test_shipped_topics_cover_every_cell_type() -> None:
    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    topics = result.topics
    assert len(topics) >= 60
    for cell in vocabulary().cell_types:
        assert sum(cell in t.cell_types for t in topics) >= 5, cell
    assert all(t.basis for t in topics)
    assert sum(t.meeting == "chuyen-de" for t in topics) >= 30
    assert {m for t in topics for m in t.months} >= {2, 5, 9, 12}  # anniversaries have their months


def test_shipped_checklists() -> None:
    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    ids = {c.id for c in result.checklists}
    assert {"sinh-hoat-thuong-ky", "sinh-hoat-chuyen-de", "hop-chi-uy", "dien-dan", "sinh-hoat-truc-tuyen",
            "kiem-diem-cuoi-nam", "theo-doi-nghi-quyet"} <= ids
    for checklist in result.checklists:
        assert [p.id for p in checklist.phases] == ["truoc", "trong", "sau"], checklist.id
        assert all(len(p.items) >= 3 for p in checklist.phases), checklist.id


def test_the_base_says_what_governs_today(kb: KnowledgeBase) -> None:
    """Chỉ thị 50 and Hướng dẫn 42 (2025) continue the documents of 2007–2018; Quy định 213 replaced 76."""
    by_number = {d.number: d for d in kb.documents if d.scope == "trung-uong"}
    ct50, hd42 = by_number["50-CT/TW"], by_number["42-HD/BTCTW"]
    assert (ct50.issued.iso(), ct50.issuer) == ("2025-07-23", "Ban Bí thư Trung ương Đảng")  # type: ignore[union-attr]
    assert (hd42.issued.iso(), hd42.issuer) == ("2025-10-28", "Ban Tổ chức Trung ương")  # type: ignore[union-attr]
    for number, since, now in (("10-CT/TW", "2025-07-23", "50-CT/TW"), ("18-KL/TW", "2025-07-23", "50-CT/TW"),
                               ("12-HD/BTCTW", "2025-10-28", "42-HD/BTCTW")):
        old = by_number[number]
        assert (old.status, old.status_date.iso()) == ("da-co-van-ban-moi", since), number  # type: ignore[union-attr]
        assert [d.number for d in kb.current_for(old)] == [now], number
    qd76 = by_number["76-QĐ/TW"]
    assert (qd76.issued.iso(), qd76.term, qd76.status) == ("2000-06-15", "VIII", "bi-thay-the")  # type: ignore[union-attr]
    assert [d.number for d in kb.current_for(qd76)] == ["213-QĐ/TW"]
    assert by_number["18-KL/TW"].issued.iso() == "2017-09-22"  # type: ignore[union-attr]


def test_every_status_has_a_date_and_every_document_when_it_came(kb: KnowledgeBase) -> None:
    for doc in kb.documents:
        assert doc.status == "chua-ro" or doc.status_date is not None, doc.path
        assert doc.added is not None, doc.path


def test_content_date_is_the_newest_source() -> None:
    from sotay.site import content_date

    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    dates = [s.date.iso() for d in result.kb.documents for s in d.sources if s.date]
    newest = content_date(result.kb.documents)
    assert newest in dates and newest >= "2026-02-07"  # the newest pages read: Đại hội XIV, 02/2026
    assert all(d[:len(newest)] <= newest for d in dates)


def test_courses_teach_the_documents_of_today() -> None:
    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    by_id = result.kb.by_id()
    for course in result.courses:
        cited = {by_id[b.target].number for m in course.modules for b in m.documents}
        assert {"50-CT/TW", "42-HD/BTCTW"} <= cited, course.id


def test_planner_says_why_it_names_months_and_not_days() -> None:
    from sotay.planner_page import PLANNER_SRC, meeting_day_note
    from sotay.site import Linker, SiteModel

    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    note = meeting_day_note(Linker(SiteModel(result, load_project(REPO / "mkdocs.yml"))), PLANNER_SRC)
    assert "chưa tìm được nguồn xác nhận" in note
    assert "(../van-ban/chi-thi-50-ct-tw.md#ngay-sinh-hoat)" in note


def test_every_link_to_a_place_in_a_page_finds_it(shipped_site) -> None:  # type: ignore[no-untyped-def]
    """MkDocs checks the anchors of Markdown links only; links made as HTML (a course's printable pack, which
    renames the anchors of the documents it carries and sends the others to the document's page) are checked
    here: every relative link with a #place, on every built page, to the same page or another."""
    import html
    import posixpath
    from pathlib import Path

    site = Path(shipped_site)
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str, str]] = []
    for page in site.rglob("*.html"):
        name = page.relative_to(site).as_posix()
        text = page.read_text("utf-8")
        ids[name] = set(re.findall(r'\sid="([^"]+)"', text))
        for href in map(html.unescape, re.findall(r'href="([^":]*#[^"]+)"', text)):
            target, _, anchor = href.partition("#")
            links.append((name, posixpath.normpath(posixpath.join(posixpath.dirname(name), target)) if target
                          else name, anchor))
    broken = [f"{name} → {target}#{anchor}" for name, target, anchor in links
              if target in ids and anchor not in ids[target]]
    assert len(links) > 1000 and broken == []
    assert not [t for _, t, _ in links if t not in ids and t.endswith(".html")]  # and every page linked exists
