"""The core never imports MkDocs; plugins/ and search/ never install as top-level packages."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import sotay

# The MkDocs adapters: everything else under sotay/ is the core.
ADAPTERS = ("sotay.plugins",)


def run(code: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(sotay.__path__, "sotay.")]
    return sorted(n for n in names if not n.startswith(ADAPTERS))


def test_core_does_not_import_mkdocs(tmp_path: Path) -> None:
    modules = core_modules()
    assert {"sotay.cli", "sotay.loader", "sotay.render", "sotay.site", "sotay.diagram", "sotay.bench"} <= set(modules)
    code = f"import sys\nfor m in {modules!r}: __import__(m)\nprint(sorted(m for m in sys.modules if 'mkdocs' in m))"
    assert run(code, tmp_path) == "[]"


def test_plugins_and_search_are_namespaced(tmp_path: Path) -> None:
    code = ("import importlib.util as u\n"
            "print(u.find_spec('plugins') is None, u.find_spec('search') is None,"
            " u.find_spec('sotay.plugins.kb.plugin') is not None, u.find_spec('sotay.search') is not None)")
    assert run(code, tmp_path) == "True True True True"


def test_cli_starts_without_word_or_pdf_libraries(tmp_path: Path) -> None:
    # `sotay --help` and `sotay check` must not pay for python-docx or WeasyPrint; they load when a file is made.
    code = ("import sys, sotay.cli\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'weasyprint', 'lxml', 'mkdocs'}))")
    assert run(code, tmp_path) == "[]"
