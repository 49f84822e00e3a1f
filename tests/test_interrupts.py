"""Ctrl-C, a killed run and a closed pipe end quietly and leave nothing behind (issue 15)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Project, document

SOTAY = [sys.executable, "-m", "sotay.cli"]


@pytest.fixture
def root(project: Project) -> Path:
    made = project({"directives/chi-thi-10-ct-tw.md": document()})
    built = subprocess.run([*SOTAY, "build", "-q", "--no-search-index"], cwd=made, capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stderr
    return made


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".new-" in p.name or ".old-" in p.name or ".part-" in p.name)


def _start_build(root: Path) -> subprocess.Popen[str]:
    """A build, stopped once it has begun writing its new site beside the old one."""
    build = subprocess.Popen([*SOTAY, "build", "--no-search-index"], cwd=root, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not _leftovers(root) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert build.poll() is None and _leftovers(root), "the build ended before it could be interrupted"
    return build


def test_ctrl_c_during_a_build_keeps_the_old_site_and_leaves_nothing(root: Path) -> None:
    before = (root / "site" / "index.html").read_bytes()
    build = _start_build(root)
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 130, err
    assert "Traceback" not in err and "đã dừng theo yêu cầu" in err
    assert (root / "site" / "index.html").read_bytes() == before
    assert _leftovers(root) == []


def test_what_a_killed_build_left_is_removed_by_the_next_one(root: Path) -> None:
    build = _start_build(root)
    build.kill()
    build.communicate(timeout=60)
    assert _leftovers(root)  # SIGKILL gives no chance to clean up
    again = subprocess.run([*SOTAY, "build", "-q", "--no-search-index"], cwd=root, capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    assert _leftovers(root) == []


def test_a_closed_pipe_ends_the_output_quietly(root: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # like `| head -1` that has already had its line
    try:
        proc = subprocess.run([*SOTAY, "export"], cwd=root, stdout=write, stderr=subprocess.PIPE, text=True,
                              timeout=120)
    finally:
        os.close(write)
    assert proc.returncode == 0
    assert proc.stderr == ""


def test_what_a_killed_bundle_left_is_removed_by_the_next_one(root: Path) -> None:
    out = root.parent / "ban"
    out.mkdir()
    bundle = subprocess.Popen([*SOTAY, "bundle", "-q", "-o", str(out / "b.zip")], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not _leftovers(out) and bundle.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert bundle.poll() is None and _leftovers(out), "the bundle ended before it could be killed"
    bundle.kill()
    bundle.wait(timeout=60)
    again = subprocess.run([*SOTAY, "bundle", "-q", "-o", str(out / "b.zip")], cwd=root, capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert _leftovers(out) == [] and (out / "b.zip").is_file()
