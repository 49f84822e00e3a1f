"""Errors point at the right line, one line each (issue 15)."""

from __future__ import annotations

from conftest import Project, document, problems_of


def _with_line(text: str, number: int, change: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = change
    return "\n".join(lines)


def test_an_unclosed_quote_is_reported_where_it_opens(project: Project) -> None:
    text = _with_line(document(), 5, 'title: "Về việc thử nghiệm')
    root = project({"directives/a.md": text})
    assert problems_of(root) == ["directives/a.md:5: error: YAML không hợp lệ: chuỗi mở ngoặc kép nhưng chưa đóng"]


def test_control_characters_are_reported_on_their_line_in_one_line_each(project: Project) -> None:
    text = _with_line(document(), 5, "title: Về việc\x00 thử nghiệm")
    text = text.replace("Ban Bí thư", "Ban Bí\x1b thư")  # line 6, an escape pasted from a terminal
    root = project({"directives/a.md": text, "directives/b.md": document("chi-thi-05-ct-tw", "05-CT/TW") + "\x0c\n"})
    found = problems_of(root)
    assert found == [
        "directives/a.md:5: error: có ký tự điều khiển U+0000, không được phép trong nội dung (thường do chép từ "
        "phần mềm khác); hãy xóa",
        "directives/a.md:6: error: có ký tự điều khiển U+001B, không được phép trong nội dung (thường do chép từ "
        "phần mềm khác); hãy xóa",
        f"directives/b.md:{document().count(chr(10)) + 1}: error: có ký tự điều khiển U+000C, không được phép trong "
        "nội dung (thường do chép từ phần mềm khác); hãy xóa",
    ]
    assert all("\n" not in line for line in found)


def test_a_paste_full_of_control_characters_gives_a_few_lines_not_thousands(project: Project) -> None:
    text = document().replace("Về việc thử nghiệm", "Về việc" + "\x01" * 5000)
    text = text.replace("\n", "\x02\n")  # and one on every line
    root = project({"directives/a.md": text})
    found = problems_of(root)
    assert len(found) == 5  # the first five lines that have any
    assert "directives/a.md:5: error: có ký tự điều khiển U+0001 và 5000 ký tự như thế" in found[4]
