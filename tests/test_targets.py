"""Output never overwrites input: every writing command refuses the project's sources and what it did not make,
before it writes anything (issue 15)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import Project, document

from sotay.cli import main

PLAN = ["--cell-type", "thon", "--year", "2027"]


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under root (the project, .git included) and its digest."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def root(project: Project) -> Path:
    made = project({"directives/chi-thi-10-ct-tw.md": document()})
    (made / ".git").mkdir()
    (made / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return made


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main([args[0], "-q", "-f", str(root / "mkdocs.yml"), *args[1:]])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("target", "reason"), [
    (".", "là thư mục gốc của dự án"), ("docs", "là thư mục nguồn docs/"),
    ("directives", "là thư mục nguồn directives/"), (".git", "là thư mục nguồn .git/"),
    ("..", "chứa thư mục gốc của dự án"), ("docs/site", "nằm trong thư mục nguồn docs/"),
    ("directives/x/y", "nằm trong thư mục nguồn directives/"), ("mkdocs.yml", "là tệp cấu hình"),
])
def test_build_refuses_the_sources_and_writes_nothing(root: Path, capsys: pytest.CaptureFixture[str], target: str,
                                                      reason: str) -> None:
    before = _snapshot(root.parent)
    code, err = _run(root, capsys, "build", "--no-search-index", "-d", str(root / target))
    assert code == 2 and reason in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1
    assert _snapshot(root.parent) == before


def test_build_replaces_only_a_site_it_made(root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    foreign = root / "bao-cao"
    foreign.mkdir()
    (foreign / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    code, err = _run(root, capsys, "build", "--no-search-index", "-d", str(foreign))
    assert code == 2 and "không do sotay build tạo ra" in err
    assert (foreign / "ghi-chu.txt").read_text("utf-8") == "của tôi" and len(list(foreign.iterdir())) == 1
    for _ in range(2):  # the default site folder, made and then replaced
        assert _run(root, capsys, "build", "--no-search-index")[0] == 0
    assert (root / "site" / ".sotay-site").is_file()
    earlier = root / "cu"  # a site an earlier sotay built, before the marker: its stylesheet says so
    (earlier / "assets" / "sotay").mkdir(parents=True)
    (earlier / "assets" / "sotay" / "sotay.css").write_text("", encoding="utf-8")
    assert _run(root, capsys, "build", "--no-search-index", "-d", str(earlier))[0] == 0
    assert (earlier / "index.html").is_file()


@pytest.mark.parametrize(("command", "target", "reason"), [
    (["bundle", "-o"], "mkdocs.yml", "là tệp cấu hình"),
    (["bundle", "-o"], "docs/ban.zip", "nằm trong thư mục nguồn"),
    (["bundle", "-o"], "ghi-chu.txt", "không phải tệp .zip"),
    (["bundle", "-o"], "docs", "không phải thư mục"),
    (["plan", *PLAN, "--docx"], "directives/ke-hoach.docx", "nằm trong thư mục nguồn"),
    (["plan", *PLAN, "--docx"], "ghi-chu.txt", "không phải tệp Word"),
    (["export", "-o"], "mkdocs.yml", "là tệp cấu hình"),
    (["export", "-o"], "docs/index.md", "nằm trong thư mục nguồn"),
    (["export", "-o"], "ghi-chu.txt", "không phải tệp dữ liệu"),
    (["export", "-o"], ".git/HEAD", "nằm trong thư mục nguồn"),
])
def test_file_outputs_refuse_sources_and_other_peoples_files(root: Path, capsys: pytest.CaptureFixture[str],
                                                             command: list[str], target: str, reason: str) -> None:
    (root / "ghi-chu.txt").write_text("biên bản họp", encoding="utf-8")
    before = _snapshot(root.parent)
    code, err = _run(root, capsys, command[0], *command[1:], str(root / target))
    assert code == 2 and reason in err and "Traceback" not in err, err
    assert _snapshot(root.parent) == before
    assert not list(root.parent.rglob("sotay-offline-*"))


def test_file_outputs_replace_their_own_kind(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = root.parent / "ra"
    for command, name in ((["export", "-o"], "so-tay.json"), (["export", "--format", "atom", "-o"], "thay-doi.xml"),
                          (["plan", *PLAN, "--docx"], "ke-hoach.docx")):
        for _ in range(2):  # made, then replaced by a newer one of the same kind
            assert _run(root, capsys, command[0], *command[1:], str(out / name))[0] == 0
    assert (out / "so-tay.json").read_bytes().startswith(b"{")
    assert (out / "ke-hoach.docx").read_bytes().startswith(b"PK")


def test_schema_keeps_the_project_in_the_current_folder(root: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    before = (root / "mkdocs.yml").read_bytes()
    assert main(["schema", "-q", "-o", "mkdocs.yml"]) == 2
    assert "là tệp cấu hình" in capsys.readouterr().err
    assert (root / "mkdocs.yml").read_bytes() == before
    assert main(["schema", "-q", "-o", "luoc-do.json"]) == 0 and main(["schema", "-q", "-o", "luoc-do.json"]) == 0
