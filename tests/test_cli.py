"""`sotay check`, `sotay export` and `sotay schema` as an editor runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, Project, document

from sotay.cli import main
from sotay.schema import json_schema
from sotay.search.page import FIRST_QUERY

RELATION = "relations:\n  - type: continues\n    target: 10-CT/TW\n"


def sotay(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sotay.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_check_clean_base(project: Project) -> None:
    root = project({"directives/a.md": document(), "directives/b.md": document("b", "18-KL/TW", extra=RELATION)})
    proc = sotay("check", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "sotay: nội dung hợp lệ: 2 văn bản (directives/)\n"


def test_check_reports_every_problem_and_exits_1(project: Project) -> None:
    root = project({"directives/a.md": document(issued="2018-02-31"), "directives/b.md": b"\xff\xfe"})
    proc = sotay("check", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "directives/a.md:7: error: trường 'issued': ngày không có thật: '2018-02-31'",
        "directives/b.md:1: error: tệp không phải UTF-8 (byte 0xff); hãy lưu lại tệp với bảng mã UTF-8",
        "sotay: 2 lỗi trong nội dung",
    ]
    assert "Traceback" not in proc.stderr


def test_check_report_lists_missing_documents(project: Project) -> None:
    body = ("Tóm tắt theo Quy định số 31-QĐ/TU và Kế hoạch 47-KH/TU; lại theo 31-QĐ/TU.\n\n"
            "Chỉ thị số 29 của Ban Thường vụ Tỉnh ủy, rồi chỉ thị số 29, \"Hướng dẫn số 01\", Chỉ thị 10, "
            "Quy định 31 và kế hoạch 6 tháng; Kế hoạch 47 - KH/TU.\n")
    root = project({"directives/a.md": document(body=body)})
    proc = sotay("check", "--report", cwd=root)
    assert proc.returncode == 0, proc.stderr
    # One line a document, however it is written ("Quy định 31" is the 31-QĐ/TU cited above; "47 - KH/TU" is
    # 47-KH/TU), named by its number or its fullest words; Chỉ thị 10 is in the base; "kế hoạch 6 tháng" is a span.
    assert proc.stdout.splitlines()[:5] == [
        "Văn bản được trích dẫn nhưng Sổ tay chưa có (4):",
        "  31-QĐ/TU: 3 lần (directives/a.md:16, directives/a.md:16, directives/a.md:18)",
        "  47 - KH/TU: 2 lần (directives/a.md:16, directives/a.md:18)",
        "  Chỉ thị số 29 của Ban Thường vụ Tỉnh ủy: 2 lần (directives/a.md:18, directives/a.md:18)",
        "  Hướng dẫn số 01: 1 lần (directives/a.md:18)",
    ]


def test_config_file_option_and_missing_config(project: Project, tmp_path: Path) -> None:
    root = project({"directives/a.md": document()})
    elsewhere = tmp_path / "khac"
    elsewhere.mkdir()
    assert sotay("check", "-f", str(root / "mkdocs.yml"), cwd=elsewhere).returncode == 0
    proc = sotay("check", cwd=elsewhere)
    assert proc.returncode == 2
    assert proc.stderr.startswith("sotay: lỗi: không tìm thấy mkdocs.yml")


def test_export_json(project: Project) -> None:
    root = project({"directives/a.md": document(), "directives/b.md": document("b", "18-KL/TW", extra=RELATION)})
    out = root / "out" / "kb.json"
    proc = sotay("export", "--format", "json", "-o", str(out), cwd=root)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text("utf-8"))
    assert [d["id"] for d in data["documents"]] == ["b", "chi-thi-10-ct-tw"]
    record = data["documents"][0]
    assert set(record) == {"id", "number", "type", "title", "issuer", "term", "issued", "scope", "province_now",
                           "status", "status_date", "added", "changes", "relations", "sources", "unverified",
                           "provisions", "themes", "url"}
    assert record["province_now"] is None and record["status_date"] is None and record["changes"] == []
    assert set(record["sources"][0]) == {"publication", "title", "date", "url", "read", "official", "claims", "note",
                                         "ref", "supports"}
    assert record["relations"] == [{"type": "continues", "target": "chi-thi-10-ct-tw", "unverified": False}]
    assert record["provisions"] == [{"anchor": "diem-chinh", "title": "Điểm chính"}]
    assert record["issued"] == "2007-03-30" and record["url"] == "van-ban/b/"


def test_failed_export_leaves_previous_file(project: Project) -> None:
    root = project({"directives/a.md": document(issued="2018-02-31")})
    out = root / "kb.json"
    out.write_text('{"documents": ["cũ"]}', encoding="utf-8")
    proc = sotay("export", "-o", str(out), cwd=root)
    assert proc.returncode == 1
    assert out.read_text("utf-8") == '{"documents": ["cũ"]}'


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith("Cách dùng: sotay check")
    assert "liệt kê thêm các văn bản được trích dẫn nhưng Sổ tay chưa có (report)" in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["kiem-tra"])
    assert exit_info.value.code == 2
    assert "sotay: lỗi:" in capsys.readouterr().err


def test_shipped_schema_file_is_current() -> None:
    shipped = json.loads((REPO / "docs" / "schema" / "van-ban.schema.json").read_text("utf-8"))
    assert shipped == json_schema(), "chạy: sotay schema -o docs/schema/van-ban.schema.json"


def test_bench_reports_both_builds() -> None:
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "bench", "--pages", "12", "--repeat", "1", "--search",
                           "--json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"pages", "seconds", "vanilla_seconds", "ratio_vs_vanilla", "bytes_per_page", "peak_rss_mb"} <= set(data)
    assert data["documents"] == 9 and data["topics"] == 3
    assert data["pages"] >= 12 + 4  # the content pages, the three overviews and the home page
    assert abs(data["ratio_vs_vanilla"] - data["seconds"] / data["vanilla_seconds"]) < 0.05
    assert data["bytes_per_page"] > 1000 and data["peak_rss_mb"] > 10
    assert data["edit_seconds"] > 0  # the served page did change: the bench waits for the new title
    search = data["search"]
    assert search["cli_search_cold_seconds"] > 0 and search["cli_search_rebuild_seconds"] > 0
    assert 0 < search["first_query_bytes_gzip"] < search["browser_index_bytes"]
    assert search["first_query_requests"] > len(FIRST_QUERY)  # the engine's scripts, the head, then some parts
    assert search["whoosh_build_seconds"] > 0 and search["browser_index_bytes"] > 0


def test_serve_answers_on_loopback(project: Project) -> None:
    import socket
    import time
    import urllib.request

    root = project({"directives/a.md": document()})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sotay.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, body = time.monotonic() + 90, ""
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/van-ban/chi-thi-10-ct-tw/", timeout=5) as r:
                    body = r.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert "Chỉ thị 10-CT/TW về việc thử nghiệm" in body
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("watch", ["", "poll"])
def test_serve_rebuilds_once_for_each_save_and_not_for_its_own_reads(project: Project, watch: str) -> None:
    """The native watcher hears of a save at once; it also reports reads, which every build makes: those must
    not start a rebuild, or the server would rebuild for ever. SOTAY_WATCH=poll uses MkDocs' polling watcher."""
    import socket
    import time
    import urllib.request

    root = project({"directives/a.md": document(), "docs/cu/trang.md": "# Trang cũ\n"})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = root.parent / f"serve-{watch or 'native'}.log"
    address = f"http://127.0.0.1:{port}/van-ban/chi-thi-10-ct-tw/"

    def served(words: str | None, where: str = address) -> bool:
        """Whether the page comes to hold the words within 90 s; with None, whether it comes to be gone (404)."""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(where, timeout=5) as response:
                    if words is not None and words in response.read().decode("utf-8"):
                        return True
            except OSError as error:
                if words is None and getattr(error, "code", None) == 404:
                    return True
            time.sleep(0.2)
        return False

    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "sotay.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                                  stdout=out, stderr=out, env=dict(os.environ, SOTAY_WATCH=watch))
        try:
            assert served("về việc thử nghiệm")
            time.sleep(1.5)  # the first build's reads have been reported by now, if they ever are
            assert "Detected file changes" not in log.read_text("utf-8")
            edited = root / "directives" / "a.md"
            edited.write_text(edited.read_text("utf-8").replace("Về việc thử nghiệm", "Về việc đã sửa"), "utf-8")
            assert served("về việc đã sửa")
            time.sleep(2.5)  # a rebuild that read the sources, and whatever it set off
            said = log.read_text("utf-8")
            assert said.count("Reloading browsers") == 1, said[-2000:]
            assert said.count("sotay: đang dựng trang...") == 2  # the first build and the one after the save
            # A folder of pages moved out of docs/ (to the bin): the native watcher tells the folder alone.
            page = f"http://127.0.0.1:{port}/cu/trang/"
            assert served("Trang cũ", page)
            shutil.move(root / "docs" / "cu", root.parent / f"thung-rac-{watch or 'native'}")
            assert served(None, page), "the page of the folder moved out is still served"
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_broken_config_is_reported_with_its_line_in_vietnamese(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\nnav:\n\t- a.md\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "check"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr == (f"sotay: lỗi: {tmp_path / 'mkdocs.yml'}:3: không đọc được cấu hình: có ký tự không được "
                           "đứng đầu (thường là phím Tab); YAML chỉ thụt lề bằng dấu cách\n")


@pytest.mark.parametrize(("args", "message"), [
    (["khong-co"], "sotay: lỗi: LỆNH: giá trị 'khong-co' không hợp lệ; chọn một trong: 'check',"),
    (["plan", "--year", "x", "--cell-type", "thon"], "sotay plan: lỗi: --year: 'x' không phải số nguyên"),
    (["plan"], "sotay plan: lỗi: thiếu tham số bắt buộc: --cell-type, --year"),
    (["check", "--khong"], "sotay: lỗi: không hiểu tham số: --khong"),
])
def test_usage_errors_are_vietnamese(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith(message)


def test_python_dash_m_and_one_version() -> None:
    from importlib.metadata import version

    import sotay

    proc = subprocess.run([sys.executable, "-m", "sotay", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert sotay.__version__ in proc.stdout
    assert version("sotay") == sotay.__version__  # pyproject.toml reads it from sotay/__init__.py


def test_the_wheel_ships_the_site_files_and_no_tests(tmp_path: Path) -> None:
    """The data folders install as packages, quietly; node unit tests stay in the repository; the licence ships.
    Built from a copy of the project's own files: leftovers in the repository's build/ cannot reach the wheel."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout.split()
    source = tmp_path / "src"
    for name in listed:
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-v", "-w", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    # setuptools says nothing about the project's configuration (with -v, everything it says is shown); pip's
    # notes on this machine's package mirrors, and byte-compiling switched off by the environment, are not ours.
    said = [line.strip() for line in (proc.stdout + proc.stderr).splitlines()
            if re.search(r"warn|deprecat|!!", line, re.IGNORECASE) and "Location 'file:" not in line
            and "byte-compiling is disabled" not in line]
    assert said == []
    [wheel] = out.glob("sotay-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.endswith(".test.js")]
    for needed in ("sotay/plugins/kb/assets/home.js", "sotay/search/box.js", "sotay/data/provinces.yml",
                   "sotay/search/data/analysis.json", "sotay/plugins/search/assets/search.css"):
        assert needed in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


@pytest.mark.parametrize("command", ["check", "export", "build", "serve", "bench", "search x", "plan", "bundle",
                                     "verify x.zip", "course", "schema", "zim"])
def test_every_command_takes_quiet_and_verbose(command: str) -> None:
    from sotay.cli import build_parser

    words = command.split()
    for flag in ("-q", "-v"):
        args = build_parser().parse_args([*words, flag] + (["--cell-type", "thon", "--year", "2027"]
                                                           if words[0] == "plan" else []))
        assert args.quiet == (flag == "-q") and args.verbose == (flag == "-v")


def test_quiet_prints_errors_and_results_only(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    root = project({"directives/a.md": document()})
    assert main(["check", "-q", "-f", str(root / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    assert "nội dung hợp lệ" in capsys.readouterr().out
    (root / "directives" / "b.md").write_text(document("b", "10-CT/TW"), encoding="utf-8")  # a duplicate number
    assert main(["check", "-q", "-f", str(root / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "directives/b.md:" in err and "error:" in err  # errors are never silenced


def test_build_quiet_and_verbose(project: Project) -> None:
    root = project({"directives/a.md": document()})
    quiet = sotay("build", "-q", cwd=root)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    normal = sotay("build", cwd=root)
    assert normal.stdout.startswith("sotay: đã dựng ") and "Building documentation" not in normal.stderr
    loud = sotay("build", "-v", cwd=root)
    assert loud.returncode == 0 and "Building documentation" in loud.stderr  # MkDocs' own progress


def test_no_color_turns_the_bold_marks_off(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # as on a terminal
    config = str(REPO / "mkdocs.yml")
    assert main(["search", "sinh hoat chuyen de", "--limit", "1", "-f", config]) == 0
    assert "\033[1m" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["search", "sinh hoat chuyen de", "--limit", "1", "-f", config]) == 0
    out = capsys.readouterr().out
    assert "\033[" not in out and "«" in out
