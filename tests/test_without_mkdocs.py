"""The CLI on ProperDocs alone: a Python environment where MkDocs is not installed at all.

The environment is a fresh venv whose site-packages links every installed package but MkDocs, so
`import mkdocs` fails there as on a machine that never had it, in sotay and in every process it starts.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, document


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("no-mkdocs")
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([str(base), "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    ours = Path(sysconfig.get_paths()["purelib"])
    theirs = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    for entry in ours.iterdir():
        if entry.name == "mkdocs" or (entry.name.startswith("mkdocs-") and entry.name.endswith(".dist-info")):
            continue
        (theirs / entry.name).symlink_to(entry)
    interpreter = venv / "bin" / "python"
    probe = subprocess.run([str(interpreter), "-c", "import mkdocs"], capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "No module named 'mkdocs'" in probe.stderr
    return interpreter


def _sotay(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOTAY_BUILDER"}
    return subprocess.run([str(python), "-m", "sotay", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=env)


def _project(root: Path, config_name: str = "mkdocs.yml") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (root / "directives").mkdir()
    (root / "directives" / "chi-thi-10-ct-tw.md").write_text(document(), encoding="utf-8")
    (root / config_name).write_text(MKDOCS_YML, encoding="utf-8")
    return root


def test_build_and_bundle_run_on_properdocs(python: Path, tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    built = _sotay(python, "build", "-v", "--no-search-index", cwd=root)
    assert built.returncode == 0, built.stderr
    page = (root / "site" / "van-ban" / "chi-thi-10-ct-tw" / "index.html").read_text("utf-8")
    assert "10-CT/TW" in page
    assert "ProperDocs" in page  # the generator tag names the builder that ran
    bundled = _sotay(python, "bundle", "-q", "-o", str(tmp_path / "b.zip"), cwd=root)
    assert bundled.returncode == 0, bundled.stderr
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        assert "index.html" in archive.namelist()
    verified = _sotay(python, "verify", str(tmp_path / "b.zip"), cwd=root)
    assert verified.returncode == 0, verified.stderr


def test_a_properdocs_yml_is_found_like_mkdocs_yml(python: Path, tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "properdocs.yml")
    checked = _sotay(python, "check", cwd=root)
    assert checked.returncode == 0, checked.stderr
    built = _sotay(python, "build", "-q", "--no-search-index", cwd=root)
    assert built.returncode == 0, built.stderr
    assert (root / "site" / "van-ban" / "chi-thi-10-ct-tw" / "index.html").is_file()


def test_with_both_names_the_builders_own_config_is_read(python: Path, tmp_path: Path) -> None:
    """ProperDocs looks for properdocs.yml first; sotay reads the same file, so both agree on the project."""
    root = _project(tmp_path / "p", "properdocs.yml")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("site_name: Thử nghiệm", "site_name: Tệp cũ"), "utf-8")
    built = _sotay(python, "build", "-q", "--no-search-index", cwd=root)
    assert built.returncode == 0, built.stderr
    assert "<title>Thử nghiệm</title>" in (root / "site" / "index.html").read_text("utf-8")


def test_a_wrong_builder_name_is_one_clear_error(python: Path, tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    for wanted, said in (("sphinx", "SOTAY_BUILDER='sphinx' không hợp lệ"),
                         ("mkdocs", "SOTAY_BUILDER=mkdocs nhưng máy chưa cài mkdocs")):
        proc = subprocess.run([str(python), "-m", "sotay", "build", "-q"], cwd=root, capture_output=True, text=True,
                              timeout=300, env={**os.environ, "SOTAY_BUILDER": wanted})
        assert proc.returncode == 2 and proc.stderr.startswith(f"sotay: lỗi: {said}"), proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    assert not (root / "site").exists()


def test_serve_runs_on_properdocs(python: Path, tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "SOTAY_BUILDER"}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(python), "-m", "sotay", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                                  env=env, stdout=out, stderr=out)
    try:
        page = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/van-ban/chi-thi-10-ct-tw/", timeout=2) as r:
                    page = r.read().decode("utf-8")
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        assert "10-CT/TW" in page, log.read_text("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_bench_compares_with_properdocs(python: Path, tmp_path: Path) -> None:
    ran = _sotay(python, "bench", "-q", "--pages", "12", "--repeat", "1", "--json", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    result = json.loads(ran.stdout)
    assert result["vanilla_seconds"] > 0 and result["ratio_vs_vanilla"] > 0


def test_no_builder_at_all_is_one_clear_error(python: Path, tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    hidden = python.parent.parent / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / \
        "site-packages" / "properdocs"
    moved = hidden.with_name("properdocs.hidden")
    hidden.rename(moved)
    try:
        built = _sotay(python, "build", cwd=root)
    finally:
        moved.rename(hidden)
    assert built.returncode == 2
    assert "Traceback" not in built.stderr
    assert built.stderr.strip().splitlines() == [
        "sotay: lỗi: cần MkDocs 1.6 hoặc ProperDocs để dựng trang; cài bằng: pip install mkdocs "
        "(hoặc pip install properdocs)"]
    assert not (root / "site").exists()
    shutil.rmtree(root)
