"""Run mypy over the installed package layout (sotay, sotay.plugins, sotay.search).

The folders plugins/ and search/ install as sotay.plugins and sotay.search, a
mapping mypy cannot read from pyproject.toml. This script mirrors the mapping
with symlinks in build/typecheck, runs mypy there, and prints paths as they
are in the repository, so an error points at the file to edit.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"


def package_dirs() -> dict[str, str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    return mapping


def mirror(mapping: dict[str, str]) -> None:
    shutil.rmtree(TREE, ignore_errors=True)
    for package, folder in sorted(mapping.items()):
        target = TREE.joinpath(*package.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted((ROOT / folder).glob("*.py")):
            (target / source.name).symlink_to(source)
        for sub in sorted(p for p in (ROOT / folder).iterdir() if (p / "__init__.py").is_file()):
            if f"{package}.{sub.name}" not in mapping:
                (target / sub.name).symlink_to(sub, target_is_directory=True)


def main() -> int:
    mapping = package_dirs()
    mirror(mapping)
    proc = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                           "-p", "sotay"], cwd=TREE, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    for package, folder in sorted(mapping.items(), key=lambda kv: -len(kv[0])):
        out = out.replace(package.replace(".", "/") + "/", folder + "/")
    sys.stdout.write(out)
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
