"""What passes `check` builds: limits with clear messages instead of a crash or a hang in the build (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Project, document, problems_of

D = "directives/a.md"


def _title(payload: str) -> str:
    return document().replace("title: Về việc thử nghiệm", f"title: {payload}")


@pytest.mark.parametrize(("text", "expected"), [
    (_title("1" * 5000), f"{D}:5: error: số '11111111111111111111…' dài quá 30 chữ số"),
    (_title('"' + "Chủ đề " * 700 + '"'), f"{D}:5: error: giá trị dài 4900 ký tự, quá giới hạn 4000"),
    (_title("[" * 5000), f"{D}:5: error: YAML không hợp lệ: lồng quá nhiều tầng ngoặc"),
    (document() + "".join(f"{'  ' * i}- mục {i}\n" for i in range(200)),
     f"{D}:{document().count(chr(10)) + 34}: error: dòng lồng quá sâu (thụt lề quá 64 dấu cách"),
    (document() + ">" * 10000 + " trích\n", f"{D}:{document().count(chr(10)) + 1}: error: dòng lồng quá sâu"),
    (document() + "Đoạn văn dài.\n" * 40000, f"{D}:1: error: tệp lớn 760 kB, quá giới hạn 500 kB"),
])
def test_past_a_limit_check_says_where_and_why(project: Project, text: str, expected: str) -> None:
    found = problems_of(project({D: text}))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_just_under_the_limits_the_base_builds(project: Project) -> None:
    body = ("".join(f"{'  ' * i}- mục {i}\n" for i in range(32)) + "\n" + "> " * 16 + "trích\n\n"
            + "Đoạn văn dài.\n" * 1000)
    root = project({D: _title('"' + "Đ" * 3999 + '"') + body})
    assert problems_of(root) == []
    built = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "-q", "--no-search-index"], cwd=root,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    assert "Đ" * 3999 in (root / "site" / "van-ban" / "chi-thi-10-ct-tw" / "index.html").read_text("utf-8")


def test_a_fault_inside_the_build_is_one_line_naming_the_page(project: Project, tmp_path: Path) -> None:
    """Whatever slips past the limits: the build says which page and what, and keeps the old site."""
    root = project({D: document()})
    hook = tmp_path / "hong.py"
    hook.write_text("def on_page_markdown(markdown, page, **kwargs):\n"
                    "    if page.file.src_uri == 'index.md':\n        raise RecursionError('maximum recursion depth')\n"
                    "    return markdown\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + f"hooks:\n  - {hook}\n", "utf-8")
    built = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "-q", "--no-search-index"], cwd=root,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 1 and "Traceback" not in built.stderr, built.stderr
    assert "index.md" in built.stderr and "RecursionError: maximum recursion depth" in built.stderr
    assert not (root / "site").exists()
