"""The core never imports MkDocs; plugins/ and search/ never install as top-level packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = ["sotay.cli", "sotay.loader", "sotay.export", "sotay.render", "sotay.resolve", "sotay.validate"]


def run(code: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def test_core_does_not_import_mkdocs(tmp_path: Path) -> None:
    code = f"import sys\nfor m in {CORE!r}: __import__(m)\nprint(sorted(m for m in sys.modules if 'mkdocs' in m))"
    assert run(code, tmp_path) == "[]"


def test_plugins_and_search_are_namespaced(tmp_path: Path) -> None:
    code = ("import importlib.util as u\n"
            "print(u.find_spec('plugins') is None, u.find_spec('search') is None,"
            " u.find_spec('sotay.plugins.kb.plugin') is not None, u.find_spec('sotay.search') is not None)")
    assert run(code, tmp_path) == "True True True True"
