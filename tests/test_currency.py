"""Keeping the handbook current: statuses with dates, documents that take over from others, web sources,
provinces as they are since 2025, the content date, the list of what is new, citations the handbook lacks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import Project, document, load, problems_of

from sotay.provinces import provinces
from sotay.site import EditionError, SiteModel, check_edition, content_date, editions

D = "directives/a.md"
WEB = """\
  - publication: {publication}
    title: Bài trên mạng
    date: 2025-12-01
    url: {url}
    read: 2026-12-03
    supports: [{fields}]
"""


def with_status(text: str, status: str, date: str | None = None) -> str:
    """A fixture document with another status line (and its date), lines below it kept in place."""
    line = f"status: {status}" + (f"\nstatus_date: {date}" if date else "")
    return text.replace("status: chua-ro", line)


def newer(doc_id: str, number: str, relation: str, target: str, issued: str = "2025-07-23") -> str:
    """A newer central document that replaces or continues `target`."""
    return with_status(document(doc_id, number, issued=issued, extra=f"relations:\n  - type: {relation}\n"
                                f"    target: {target}\n"), "con-hieu-luc", "2025-12-01")


# Provinces ---------------------------------------------------------------------------------------------------

def test_thirty_four_provinces_and_where_each_former_one_went() -> None:
    table = provinces()
    assert len(table.current()) == 34
    assert sum(p.kind == "thanh-pho" for p in table.current()) == 6
    for former, now in {"dak-nong": "lam-dong", "hoa-binh": "phu-tho", "quang-nam": "da-nang",
                        "quang-binh": "quang-tri", "ha-giang": "tuyen-quang", "thua-thien-hue": "hue"}.items():
        assert table.now(former).slug == now  # type: ignore[union-attr]
    for province in table.by_slug.values():
        if province.merged_into is not None:
            assert table.by_slug[province.merged_into].current and province.merged is not None, province
    assert table.sources and all(s.url.startswith("https://") and s.read for s in table.sources)


def test_a_former_province_belongs_to_the_edition_of_its_province_of_today(project: Project) -> None:
    root = project({D: document(), "directives/dn.md": document("dn", "26-QĐ/TU", doc_type="quy-dinh",
                                                                    scope="dak-nong")})
    docs = load(root).kb.documents
    assert editions(docs) == ["toan-quoc", "lam-dong"]
    check_edition(docs, "lam-dong")
    with pytest.raises(EditionError, match="tỉnh Đắk Nông từ 01/07/2025 thuộc tỉnh Lâm Đồng; văn bản của Đắk Nông "
                                           "nay nằm trong ấn bản 'lam-dong'"):
        check_edition(docs, "dak-nong")
    with pytest.raises(EditionError, match="Sổ tay chưa có văn bản nào của Tuyên Quang; các ấn bản: toan-quoc, "
                                           "lam-dong"):
        check_edition(docs, "ha-giang")
    from sotay.project import load_project

    site = SiteModel(load(root), load_project(root / "mkdocs.yml"), "lam-dong")
    assert {d.id for d in site.documents} == {"chi-thi-10-ct-tw", "dn"}
    from sotay.render import index_page
    from sotay.site import Linker

    assert "Ấn bản Lâm Đồng có 2 văn bản" in index_page(site, Linker(site))  # a province keeps its capitals
    national = SiteModel(load(root), load_project(root / "mkdocs.yml"))
    assert "Ấn bản toàn quốc có 2 văn bản" in index_page(national, Linker(national))


# Statuses and the documents that take over ----------------------------------------------------------------------

def test_a_status_needs_its_date_and_a_source(project: Project) -> None:
    dated = with_status(document(), "con-hieu-luc")
    unsourced = with_status(document(), "con-hieu-luc", "2025-01-01").replace("status, relations]", "relations]")
    assert problems_of(project({D: dated})) == [
        f"{D}:9: error: tình trạng 'con-hieu-luc' cần ngày: thêm 'status_date' (ngày bị thay thế, hoặc ngày của "
        "nguồn gần nhất xác nhận văn bản còn hiệu lực)"]
    assert problems_of(project({D: unsourced})) == [
        f"{D}:9: error: tình trạng 'con-hieu-luc' chưa có nguồn xác nhận: thêm 'status' vào 'supports' của nguồn nói "
        "về hiệu lực của văn bản, hoặc ghi 'status: chua-ro'"]
    unsourced_but_unknown = document().replace("status, relations]", "relations]")
    assert problems_of(project({D: unsourced_but_unknown})) == []  # 'chua-ro' claims nothing


def test_replaced_by_on_the_older_document_reads_the_same_from_both_pages(project: Project) -> None:
    old = with_status(document("qd76", "76-QĐ/TW", doc_type="quy-dinh", issued="2000-06-15",
                               extra="relations:\n  - type: replaced_by\n    target: 213-QĐ/TW\n"),
                      "bi-thay-the", "2020-01-02")
    new = with_status(document("qd213", "213-QĐ/TW", doc_type="quy-dinh", issued="2020-01-02"), "con-hieu-luc",
                      "2025-11-14")
    root = project({"directives/qd76.md": old, "directives/qd213.md": new})
    result = load(root)
    assert [str(p) for p in result.problems.sorted()] == []
    by_id = result.kb.by_id()
    assert by_id["qd76"].relations == []
    assert [(r.type, r.target) for r in by_id["qd213"].relations] == [("replaces", "qd76")]
    assert [d.id for d in result.kb.current_for(by_id["qd76"])] == ["qd213"]
    from sotay.project import load_project
    from sotay.render import document_page
    from sotay.site import Linker

    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    linker = Linker(site)
    old_page, new_page = document_page(by_id["qd76"], site, linker), document_page(by_id["qd213"], site, linker)
    assert "- Bị thay thế bởi: [Quy định 213-QĐ/TW](qd213.md" in old_page
    assert "- Thay thế: [Quy định 76-QĐ/TW](qd76.md" in new_page


def test_status_must_agree_with_the_documents_that_take_over(project: Project) -> None:
    still_in_force = with_status(document(), "con-hieu-luc", "2023-11-29")
    problems = problems_of(project({D: still_in_force,
                                    "directives/b.md": newer("ct50", "50-CT/TW", "replaces", "10-CT/TW")}))
    assert problems == [
        "directives/b.md:12: error: 50-CT/TW thay thế 10-CT/TW, nhưng tình trạng của 10-CT/TW (directives/a.md) là "
        "'Còn hiệu lực'; sửa thành 'status: bi-thay-the' kèm 'status_date'"]
    orphan = with_status(document(), "da-co-van-ban-moi", "2025-07-23")
    unrelated = document("ct51", "51-CT/TW", issued="2025-08-08")
    assert problems_of(project({D: orphan, "directives/b.md": unrelated})) == [
        f"{D}:9: error: tình trạng 'Đã có văn bản mới tiếp nối' cần văn bản tiếp nối nó: thêm văn bản đó vào Sổ tay "
        "với quan hệ 'continues' tới 10-CT/TW"]
    continued = project({D: orphan, "directives/b.md": newer("ct50", "50-CT/TW", "continues", "10-CT/TW")})
    assert problems_of(continued) == []


def test_continuing_alone_does_not_supersede(project: Project) -> None:
    """Kết luận 18 continued Chỉ thị 10, which stayed in force beside it."""
    in_force = with_status(document(), "con-hieu-luc", "2023-11-29")
    root = project({D: in_force, "directives/b.md": newer("kl18", "18-KL/TW", "continues", "10-CT/TW", "2017-09-22")})
    assert problems_of(root) == []


TOPIC = """\
---
id: chuyen-de
title: Một buổi chuyên đề
summary: Gợi ý thử.
meeting: chuyen-de
cell_types: [thon]
themes: [to-chuc-sinh-hoat-chi-bo]
basis:
  - "[[10-CT/TW#diem-chinh]]"
---
Mở đầu.

## Chuẩn bị {#chuan-bi}

Việc chuẩn bị.

## Câu hỏi thảo luận {#cau-hoi}

- Hỏi gì?

## Kết quả mong đợi {#ket-qua}

Kết quả.
"""


def test_a_topic_resting_only_on_a_superseded_document_is_reported(project: Project) -> None:
    files = {D: with_status(document(), "da-co-van-ban-moi", "2025-07-23"),
             "directives/b.md": newer("ct50", "50-CT/TW", "continues", "10-CT/TW"), "docs/chu-de/a.md": TOPIC}
    assert problems_of(project(files)) == [
        "docs/chu-de/a.md:9: error: căn cứ chỉ gồm văn bản đã được thay thế hoặc đã có văn bản mới (10-CT/TW, nay là "
        "50-CT/TW); thêm căn cứ là văn bản đang có hiệu lực"]
    files["docs/chu-de/a.md"] = TOPIC.replace('#diem-chinh]]"\n', '#diem-chinh]]"\n  - "[[50-CT/TW]]"\n')
    assert problems_of(project(files)) == []  # history may be cited beside what governs now


def test_a_superseded_page_opens_with_what_governs_now(project: Project) -> None:
    from sotay.project import load_project
    from sotay.render import document_page
    from sotay.site import Linker

    root = project({D: with_status(document(), "da-co-van-ban-moi", "2025-07-23"),
                    "directives/b.md": newer("ct50", "50-CT/TW", "continues", "10-CT/TW")})
    result = load(root)
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    page = document_page(result.kb.by_id()["chi-thi-10-ct-tw"], site, Linker(site))
    notice = page.split("\n")[2]
    assert notice.startswith('<div class="sotay-superseded" role="note"><p><strong>Đã có văn bản mới tiếp nối văn '
                             "bản này.</strong> Từ 23/07/2025, <a href=\"../ct50/\">Chỉ thị 50-CT/TW</a> tiếp nối")
    assert "Đã có văn bản mới tiếp nối (từ 23/07/2025)" in page  # the panel's status with its date
    assert "chưa đối chiếu" not in notice
    # Kết luận 18 continued Chỉ thị 10 in 2017 and was itself continued: only what governs now is named.
    kl18 = with_status(document("kl18", "18-KL/TW", issued="2017-09-22", extra="relations:\n  - type: continues\n"
                                "    target: 10-CT/TW\n"), "da-co-van-ban-moi", "2025-07-23")
    ct50 = newer("ct50", "50-CT/TW", "continues", "10-CT/TW").replace(
        "    target: 10-CT/TW\n", "    target: 10-CT/TW\n  - type: continues\n    target: 18-KL/TW\n")
    (root / "directives/kl18.md").write_text(kl18, encoding="utf-8")
    (root / "directives/b.md").write_text(ct50, encoding="utf-8")
    result = load(root)
    assert [str(p) for p in result.problems.sorted()] == []
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    notice = document_page(result.kb.by_id()["chi-thi-10-ct-tw"], site, Linker(site)).split("\n")[2]
    assert "Từ 23/07/2025, <a href=\"../ct50/\">Chỉ thị 50-CT/TW</a> tiếp nối Chỉ thị 10-CT/TW." in notice
    assert "18-KL/TW" not in notice
    (root / "directives/kl18.md").unlink()
    (root / "directives/b.md").write_text(newer("ct50", "50-CT/TW", "continues", "10-CT/TW").replace(
        "    target: 10-CT/TW\n", "    target: 10-CT/TW\n    unverified: true\n"), encoding="utf-8")
    result = load(root)
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    notice = document_page(result.kb.by_id()["chi-thi-10-ct-tw"], site, Linker(site)).split("\n")[2]
    assert 'tiếp nối Chỉ thị 10-CT/TW (<span class="sotay-unverified"' in notice  # the editors' reading, marked


# Web pages as sources -------------------------------------------------------------------------------------------

def web_source(url: str, fields: str, publication: str = "Báo Mạng") -> str:
    return WEB.format(url=url, fields=fields, publication=publication)


def test_one_unofficial_page_leaves_a_fact_unverified(project: Project) -> None:
    base = document(issued="2025-07-23")
    page = base.replace("sources:\n  - publication: Báo Thử nghiệm", "sources:\n" + web_source(
        "https://bao.example.vn/a", "issued") + "  - publication: Báo Thử nghiệm").replace(
        "term, issued, status", "term, status")
    assert problems_of(project({D: page})) == [
        f"{D}:7: error: trường 'issued' chỉ dựa vào một trang không phải của Đảng, Nhà nước (Báo Mạng): thêm một "
        "trang thứ hai của cơ quan khác xác nhận nó, hoặc ghi 'issued' vào 'unverified'"]
    official = page.replace("https://bao.example.vn/a", "https://sontinh.quangngai.gov.vn/a")
    assert problems_of(project({D: official})) == []
    other = web_source("https://khac.example.vn/b", "issued", "Báo Khác")
    second = page.replace("  - publication: Báo Thử nghiệm", other + "  - publication: Báo Thử nghiệm")
    assert problems_of(project({D: second})) == []
    same_site = web_source("https://www.bao.example.vn/b", "issued", "Báo Mạng điện tử")  # another name, one site
    alias = page.replace("  - publication: Báo Thử nghiệm", same_site + "  - publication: Báo Thử nghiệm")
    assert len(problems_of(project({D: alias}))) == 1
    unverified = page.replace("sources:\n", "unverified: [issued]\nsources:\n")
    assert problems_of(project({D: unverified})) == []


def test_a_web_source_needs_a_web_address_and_the_day_it_was_read(project: Project) -> None:
    script = document().replace("    date: 2023-11-29\n", "    date: 2023-11-29\n    url: javascript:alert(1)\n")
    unread = document().replace("    date: 2023-11-29\n", "    date: 2023-11-29\n    url: https://xa.example.gov.vn/a\n")
    assert problems_of(project({D: script})) == [
        f"{D}:14: error: trường 'url': cần địa chỉ trang web bắt đầu bằng https:// hoặc http://, nhận được "
        "'javascript:alert(1)'"]
    early = document().replace("    date: 2023-11-29\n", "    date: 2023-11-29\n    url: https://xa.example.gov.vn/a\n"
                               "    read: 2023-11-28\n")
    assert problems_of(project({D: early})) == [
        f"{D}:15: error: trường 'read': ngày đọc 28/11/2023 trước ngày đăng 29/11/2023; kiểm tra lại hai ngày"]
    assert problems_of(project({D: unread})) == [
        f"{D}:14: error: nguồn là trang web cần 'read': ngày biên tập viên đọc trang, dạng 2026-12-03 (trang web có "
        "thể đổi, ngày đọc cho biết bản nào đã được đối chiếu)"]


# The content date and what is new -------------------------------------------------------------------------------

def test_content_date_is_the_newest_source_not_the_newest_document(project: Project) -> None:
    newest_issue = document("ct50", "50-CT/TW", issued="2025-07-23")  # its source is dated 29/11/2023
    web = document("hd42", "42-HD/BTCTW", doc_type="huong-dan", issued="2025-10-28").replace(
        "    date: 2023-11-29\n", "    date: 2025-12-01\n    url: https://nld.example.vn/a\n    read: 2026-12-03\n")
    assert content_date(load(project({D: newest_issue})).kb.documents) == "2023-11-29"
    assert content_date(load(project({D: newest_issue, "directives/b.md": web})).kb.documents) == "2025-12-01"


def test_changes_page_and_atom_feed(project: Project) -> None:
    from sotay.changes import atom_feed, changes_page
    from sotay.project import load_project
    from sotay.site import Linker

    added = document("ct50", "50-CT/TW", issued="2025-07-23", extra="added: 2026-12-03\n")
    changed = document(extra="added: 2026-11-20\nchanges:\n  - date: 2026-12-03\n    note: Sửa ngày theo nguồn mới.\n")
    root = project({D: changed, "directives/b.md": added})
    result = load(root)
    assert [str(p) for p in result.problems.sorted()] == []
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    page = changes_page(site, Linker(site))
    assert page.index("## 03/12/2026 {#ngay-2026-12-03}") \
        < page.index('<strong>Thêm</strong> <a href="../ct50/">Chỉ thị 50-CT/TW</a>') \
        < page.index('<strong>Sửa</strong> <a href="../chi-thi-10-ct-tw/">Chỉ thị 10-CT/TW</a>: Sửa ngày theo nguồn') \
        < page.index("## 20/11/2026 {#ngay-2026-11-20}") < page.index("<strong>Thêm</strong> <a href=\"../chi-thi-10")
    assert '<a href="../thay-doi.xml" type="application/atom+xml">' in page
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(atom_feed(site))
    assert feed.findtext("a:updated", namespaces=ns) == "2026-12-03T00:00:00Z"
    entries = feed.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == [
        "Thêm: Chỉ thị 50-CT/TW", "Sửa: Chỉ thị 10-CT/TW", "Thêm: Chỉ thị 10-CT/TW"]
    tag = "tag:so-tay-sinh-hoat-chi-bo,2026:van-ban"
    assert entries[0].findtext("a:id", namespaces=ns) == f"{tag}/ct50/2026-12-03/them"
    assert entries[0].find("a:link", ns).get("href") == "ct50/"  # type: ignore[union-attr]
    first_id = entries[1].findtext("a:id", namespaces=ns)
    assert first_id == f"{tag}/chi-thi-10-ct-tw/2026-12-03/sua-1"

    # A note is free text: a link or markup in it stays text. A change of another day added above it
    # leaves its feed id as it was.
    note = '"[bấm](javascript:alert(1)) <img src=x onerror=alert(2)>"'
    hostile = changed.replace("    note: Sửa ngày theo nguồn mới.\n", "    note: Sửa ngày theo nguồn mới.\n"
                              f"  - date: 2026-12-04\n    note: {note}\n")
    (root / D).write_text(hostile, encoding="utf-8")
    result = load(root)
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    page = changes_page(site, Linker(site))
    assert "[bấm](javascript:alert(1)) &lt;img src=x onerror=alert(2)&gt;" in page and "<img" not in page
    import markdown

    html = markdown.markdown(page, extensions=["attr_list", "md_in_html"])
    assert 'href="javascript:' not in html and "<img" not in html
    feed_text = atom_feed(site)
    assert "&lt;img src=x onerror=alert(2)&gt;" in feed_text and "<img" not in feed_text
    ids = [e.findtext("a:id", namespaces=ns) for e in ET.fromstring(feed_text).findall("a:entry", ns)]
    assert first_id in ids and ids[0].endswith("/2026-12-04/sua-1")


# Citations the handbook lacks -----------------------------------------------------------------------------------

def test_report_lists_citations_by_kind_and_bare_number(project: Project) -> None:
    body = ("Tóm tắt: theo Chỉ thị số 29 của Ban Thường vụ Tỉnh ủy, Hướng dẫn số 01 và Chỉ thị 10; "
            "Kế hoạch số 47 - KH/TU. Kế hoạch 6 tháng, Quy định 90 phút và Thông báo 2 lần là số lượng.\n")
    result = load(project({D: document(body=body)}))
    assert [(m.raw, m.line) for m in result.missing] == [
        ("47 - KH/TU", 16), ("Chỉ thị số 29 của Ban Thường vụ Tỉnh ủy", 16), ("Hướng dẫn số 01", 16)]


def test_a_web_source_shows_the_day_it_was_read_and_escapes_what_it_holds() -> None:
    from sotay.model import PartialDate, Source
    from sotay.render import source_html

    page = Source("Báo <b>Mạng</b>", 'Bài "thử"', PartialDate(2025, 12, 1), "https://bao.example.vn/a?x=1&y=<2>",
                  ("issued",), read=PartialDate(2026, 12, 3))
    html = source_html(page)
    assert html.startswith("Báo &lt;b&gt;Mạng&lt;/b&gt;: “Bài &quot;thử&quot;”, 01/12/2025.")
    assert '<a href="https://bao.example.vn/a?x=1&amp;y=&lt;2&gt;">Đường dẫn</a> (đọc ngày 03/12/2026).' in html


def test_replaced_and_expired_notices_name_only_what_is_in_force(project: Project) -> None:
    from sotay.project import load_project
    from sotay.render import superseded_notice
    from sotay.site import Linker

    old = with_status(document("qd76", "76-QĐ/TW", doc_type="quy-dinh", issued="2000-06-15"), "bi-thay-the",
                      "2020-01-02")
    mid = newer("qd213", "213-QĐ/TW", "replaces", "76-QĐ/TW", "2020-01-02").replace("type: chi-thi", "type: quy-dinh")
    root = project({"directives/qd76.md": old, "directives/qd213.md": mid})

    def notice(doc_id: str) -> str:
        result = load(root)
        assert [str(p) for p in result.problems.sorted()] == []
        site = SiteModel(result, load_project(root / "mkdocs.yml"))
        return superseded_notice(result.kb.by_id()[doc_id], site, Linker(site))

    assert ("<strong>Văn bản này đã được thay thế.</strong> Từ 02/01/2020, Quy định 76-QĐ/TW đã được thay bằng "
            '<a href="../qd213/">Quy định 213-QĐ/TW</a>. Khi tổ chức sinh hoạt chi bộ, nên căn cứ') in notice("qd76")
    # The replacing document later expires with nothing after it: nothing is named as governing now.
    (root / "directives/qd213.md").write_text(mid.replace("status: con-hieu-luc\nstatus_date: 2025-12-01",
                                                          "status: het-hieu-luc\nstatus_date: 2026-06-01"))
    text = notice("qd76")
    assert "Văn bản đang là căn cứ" not in text and text.endswith("Trang này được giữ lại để tra cứu.</p></div>")
    assert notice("qd213").startswith('<div class="sotay-superseded" role="note"><p><strong>Văn bản này đã hết '
                                      "hiệu lực.</strong> Từ 01/06/2026, Quy định 213-QĐ/TW không còn hiệu lực.")


def test_a_ring_of_documents_taking_over_from_each_other_is_refused(project: Project) -> None:
    a = with_status(document(extra="relations:\n  - type: continues\n    target: 50-CT/TW\n"), "da-co-van-ban-moi",
                    "2025-07-23")
    b = with_status(newer("ct50", "50-CT/TW", "continues", "10-CT/TW"), "da-co-van-ban-moi", "2025-07-23").replace(
        "status: con-hieu-luc\nstatus_date: 2025-12-01", "status: da-co-van-ban-moi\nstatus_date: 2025-12-01")
    problems = problems_of(project({D: a, "directives/b.md": b}))
    assert problems == [f"{D}:11: error: quan hệ giữa các văn bản khép thành vòng: 10-CT/TW → 50-CT/TW → 10-CT/TW; "
                        "chỉ văn bản ban hành sau mới ghi 'replaces', 'continues', 'amends', 'implements' hoặc "
                        "'guides' tới văn bản ban hành trước"]


@pytest.mark.parametrize("kinds", [("amends", "amends"), ("implements", "guides"), ("guides", "continues")])
def test_a_ring_of_any_later_to_earlier_relations_is_refused(project: Project, kinds: tuple[str, str]) -> None:
    a = document(extra=f"relations:\n  - type: {kinds[0]}\n    target: 50-CT/TW\n")
    b = newer("ct50", "50-CT/TW", kinds[1], "10-CT/TW")
    problems = problems_of(project({D: a, "directives/b.md": b}))
    assert sum("khép thành vòng: 10-CT/TW → 50-CT/TW → 10-CT/TW" in p for p in problems) == 1, problems


def test_a_month_is_never_given_a_day(project: Project) -> None:
    from sotay.render import status_text
    from sotay.site import stamp_text

    month_only = with_status(document(), "con-hieu-luc", "2021-12").replace("    date: 2023-11-29\n",
                                                                             "    date: 2024-05\n")
    result = load(project({D: month_only}))
    doc = result.kb.documents[0]
    assert status_text(doc) == "Còn hiệu lực (theo nguồn tháng 12/2021)"
    assert content_date(result.kb.documents) == "2024-05"
    assert stamp_text("toan-quoc", "1.0", "2024-05").endswith("các văn bản đã biết đến tháng 05/2024")
    assert stamp_text("toan-quoc", "1.0", "2025-12-01").endswith("các văn bản đã biết đến ngày 01/12/2025")


def test_provinces_page_lists_today_s_provinces_with_their_former_ones_and_sources(project: Project) -> None:
    from sotay.project import load_project
    from sotay.province_page import provinces_page

    root = project({D: document(), "directives/dn.md": document("dn", "26-QĐ/TU", doc_type="quy-dinh",
                                                                    scope="dak-nong")})
    page = provinces_page(SiteModel(load(root), load_project(root / "mkdocs.yml")))
    rows = [line for line in page.splitlines() if line.startswith("| ") and not line.startswith("| Tỉnh, thành")]
    assert len(rows) == 34
    assert rows[0].startswith("| An Giang | Tỉnh | Kiên Giang (từ 01/07/2025) | `an-giang` |")
    lam_dong = next(r for r in rows if r.startswith("| Lâm Đồng "))
    assert lam_dong == ("| Lâm Đồng | Tỉnh | Bình Thuận (từ 01/07/2025), Đắk Nông (từ 01/07/2025) | `lam-dong` | "
                        "có văn bản trong Sổ tay |")
    assert "| Hà Nội | Thành phố | giữ nguyên | `ha-noi` |  |" in rows
    assert page.count("Trang nguồn</a> (đọc ngày 03/12/2026).") == len(provinces().sources)


def test_every_kind_resting_only_on_superseded_documents_is_reported(project: Project) -> None:
    from test_assessment import CRITERIA
    from test_courses import BASE, COURSE, K
    from test_templates import TEMPLATE

    ct10 = with_status(BASE["directives/a.md"], "da-co-van-ban-moi", "2025-07-23")  # type: ignore[arg-type]
    files = {**BASE, "directives/a.md": ct10, "directives/c.md": newer("ct50", "50-CT/TW", "continues", "10-CT/TW"),
             "docs/mau/a.md": TEMPLATE, "docs/tu-danh-gia/a.md": CRITERIA, K: COURSE}
    where = [p.split(": error: ")[0] for p in problems_of(project(files))
             if "căn cứ chỉ gồm văn bản đã được thay thế" in p]
    # Each checklist item and criterion on its own; a template, a criteria set, a topic and a course as a whole.
    assert where == ["docs/bang-kiem/a.md:11", "docs/bang-kiem/a.md:14", "docs/bang-kiem/a.md:20",
                     "docs/mau/a.md:6", "docs/tu-danh-gia/a.md:7", "docs/tu-danh-gia/a.md:14",
                     "docs/tu-danh-gia/a.md:18"]  # the course also rests on Kết luận 18, which is in force
    kl18 = with_status(BASE["directives/b.md"], "da-co-van-ban-moi", "2025-07-23").replace(  # type: ignore[arg-type]
        "sources:", "relations: []\nsources:")
    files["directives/b.md"] = kl18
    files["directives/c.md"] = files["directives/c.md"].replace(
        "    target: 10-CT/TW\n", "    target: 10-CT/TW\n  - type: continues\n    target: 18-KL/TW\n")
    assert f"{K}:14" in [p.split(": error: ")[0] for p in problems_of(project(files))]
