"""Checklists: validation with file:line messages, pages with real checkboxes, export, and ticks kept in Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser import Session
from conftest import REPO, Project, build_fixture_site, document, node_tests, problems_of

C = "docs/bang-kiem/a.md"
CHECKLIST = """\
---
id: hop-thu
title: Họp thử
summary: Bảng kiểm thử.
phases:
  - id: truoc
    title: Trước buổi họp
    items:
      - id: chi-uy-hop
        text: Chi ủy họp trước.
        basis: "[[10-CT/TW#diem-chinh]]"
      - id: gui-tai-lieu
        text: Gửi tài liệu cho đảng viên.
        basis: "[[10-CT/TW]]"
  - id: sau
    title: Sau buổi họp
    items:
      - id: thong-bao
        text: Thông báo kết luận.
        basis: "[[10-CT/TW]]"
---
Dùng khi chuẩn bị họp, theo [[10-CT/TW]].
"""


check = problems_of


CASES = [
    ("unknown phase", CHECKLIST.replace("id: sau", "id: cuoi"),
     [f"{C}:15: error: trường 'phases.id': giá trị 'cuoi' không hợp lệ; chọn một trong: 'truoc', 'trong', 'sau'"]),
    ("phases out of order", CHECKLIST.replace("id: truoc", "id: sau", 1)
     .replace("id: sau\n    title: Sau", "id: truoc\n    title: Sau"),
     [f"{C}:6: error: các giai đoạn phải theo thứ tự 'truoc', 'trong', 'sau'; ở đây là 'sau', 'truoc'"]),
    # The editor changed the first phase: which of the two lines is wrong cannot be known, so both are named.
    ("a phase id changed to a later one", CHECKLIST.replace("id: truoc", "id: sau", 1),
     [f"{C}:6: error: giai đoạn 'sau' bị lặp lại (cũng có ở dòng 15); mỗi giai đoạn chỉ ghi một lần",
      f"{C}:15: error: giai đoạn 'sau' bị lặp lại (cũng có ở dòng 6); mỗi giai đoạn chỉ ghi một lần"]),
    ("duplicate item id", CHECKLIST.replace("id: thong-bao", "id: chi-uy-hop"),
     [f"{C}:18: error: mã việc 'chi-uy-hop' bị lặp lại trong bảng kiểm"]),
    ("unknown basis anchor", CHECKLIST.replace("#diem-chinh", "#khong-co"),
     [f"{C}:11: error: căn cứ '10-CT/TW': văn bản 10-CT/TW không có mục '#khong-co'; các mục: '#diem-chinh'"]),
    ("item without basis", CHECKLIST.replace('        basis: "[[10-CT/TW]]"\n  - id: sau', "  - id: sau"),
     [f"{C}:12: error: thiếu trường bắt buộc 'basis' trong 'items'"]),
    ("a link in a printed text", CHECKLIST.replace("text: Chi ủy họp trước.", "text: Theo [[khong-co]]."),
     [f"{C}:10: error: trường 'items.text': không đặt liên kết [[...]] ở đây (trường này in nguyên văn); liên kết "
      "đặt trong phần nội dung hoặc trường 'basis'"]),
    ("a basis that is not a link", CHECKLIST.replace('basis: "[[10-CT/TW]]"\n  - id: sau', 'basis: []\n  - id: sau'),
     [f"{C}:14: error: trường 'items.basis': một danh sách không phải liên kết tới văn bản, ví dụ "
      "\"[[12-HD/BTCTW#sinh-hoat-chuyen-de]]\""]),
    ("empty phases", CHECKLIST.split("phases:")[0] + "phases: []\n---\nDùng khi họp.\n",
     [f"{C}:5: error: trường 'phases': cần ít nhất một giai đoạn"]),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_checklist_errors(project: Project, name: str, content: str, expected: list[str]) -> None:
    assert check(project({"directives/a.md": document(), C: content})) == expected


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("checklists")
    return build_fixture_site(root, {"directives/a.md": document(), C: CHECKLIST}, "use_directory_urls: false\n")


def test_page_has_real_checkboxes_and_bases(site: Path) -> None:
    page = (site / "bang-kiem" / "a.html").read_text("utf-8")
    assert '<input type="checkbox" data-item="chi-uy-hop"> Chi ủy họp trước.</label>' in page
    assert '<a href="../van-ban/chi-thi-10-ct-tw.html#diem-chinh">Chỉ thị 10-CT/TW › Điểm chính</a>' in page
    assert "disabled" not in page.split('class="sotay-checklist"')[1]
    assert "[[" not in page and 'theo <a href="../van-ban/chi-thi-10-ct-tw.html"' in page
    assert "Họp thử" in (site / "bang-kiem" / "index.html").read_text("utf-8")


def test_page_actions_are_buttons_with_an_undo_and_a_status_line(site: Path) -> None:
    page = (site / "bang-kiem" / "a.html").read_text("utf-8")
    tools = page.split('class="sotay-checklist-tools" hidden>')[1].split("<section")[0]
    for action, label in (("new-run", "Bắt đầu lần mới"), ("reset", "Xóa dấu lần này"), ("print", "In"),
                          ("undo", "Hoàn tác")):
        button = f'<button type="button" class="sotay-button" data-action="{action}"( hidden)?>{label}</button>'
        assert re.search(button, tools), action
    assert '<p class="sotay-status" role="status"></p>' in tools and 'data-action="undo" hidden>' in tools
    assert page.index("<h1") < page.index("<h2") and "<h3" not in page.split('class="sotay-checklist"')[1]


def test_checklist_logic_in_node() -> None:
    """checklist.test.js: state read from storage, ticks, clearing, undo snapshot, messages."""
    node_tests(REPO / "plugins" / "kb" / "assets" / "checklist.test.js", at_least=5)


def test_export_has_checklists(site: Path) -> None:
    out = site.parent / "kb.json"
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export", "-o", str(out)], cwd=site.parent,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (checklist,) = json.loads(out.read_text("utf-8"))["checklists"]
    assert checklist["phases"][0]["items"][0] == {"id": "chi-uy-hop", "text": "Chi ủy họp trước.",
                                                  "basis": {"target": "chi-thi-10-ct-tw", "anchor": "diem-chinh"}}
    assert checklist["url"] == "bang-kiem/a.html"


def ticked(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("input[data-item]:checked", "boxes => boxes.map(b => b.dataset.item)")


def test_ticks_survive_reload_and_content_updates(tmp_path: Path, browser: Session) -> None:
    root = tmp_path / "update"
    site = build_fixture_site(root, {"directives/a.md": document(), C: CHECKLIST}, "use_directory_urls: false\n")
    context = browser.browser.new_context()
    page = context.new_page()
    url = (site / "bang-kiem" / "a.html").as_uri()
    page.goto(url)
    page.check("input[data-item=chi-uy-hop]")
    page.check("input[data-item=thong-bao]")
    assert page.locator(".sotay-checklist-total").text_content() == "Lần 1: đã xong 2/3 việc"
    page.reload()
    assert ticked(page) == ["chi-uy-hop", "thong-bao"]
    # The next edition: "gui-tai-lieu" removed, "moi" added, a wording changed; the ids that stay keep their ticks.
    updated = (CHECKLIST.replace("      - id: gui-tai-lieu\n        text: Gửi tài liệu cho đảng viên.\n"
                                 "        basis: \"[[10-CT/TW]]\"\n", "")
               .replace("    items:\n      - id: chi-uy-hop", "    items:\n      - id: moi\n        text: Việc mới.\n"
                        "        basis: \"[[10-CT/TW]]\"\n      - id: chi-uy-hop")
               .replace("Thông báo kết luận.", "Thông báo kết luận cho đảng viên."))
    (root / C).write_text(updated, encoding="utf-8")
    build_fixture_site(root, {"directives/a.md": document(), C: (root / C).read_text("utf-8")},
                       "use_directory_urls: false\n")
    page.reload()
    assert ticked(page) == ["chi-uy-hop", "thong-bao"]  # the new item is not ticked, the others kept
    assert page.locator("input[data-item=moi]").count() == 1
    page.emulate_media(media="print")
    assert page.locator("input[data-item=chi-uy-hop]").is_visible() and page.is_checked("input[data-item=chi-uy-hop]")
    page.emulate_media(media="screen")
    page.click("[data-action=reset]")
    assert ticked(page) == [] and page.locator(".sotay-checklist-total").text_content().startswith("Lần 1:")
    page.check("input[data-item=moi]")
    page.click("[data-action=new-run]")
    assert ticked(page) == [] and page.locator(".sotay-checklist-total").text_content().startswith("Lần 2:")
    page.reload()
    assert ticked(page) == []
    context.close()
    assert browser.outside_requests() == []
