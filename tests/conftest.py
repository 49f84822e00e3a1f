"""Fixture knowledge bases written into temporary project folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sotay.loader import LoadResult

REPO = Path(__file__).resolve().parent.parent

MKDOCS_YML = """\
site_name: Thử nghiệm
docs_dir: docs
theme:
  name: material
  language: vi
  font: false
plugins:
  - sotay
markdown_extensions:
  - attr_list
  - toc:
      slugify: !!python/name:sotay.text.slugify
extra:
  generator: false
"""

SOURCE = """\
  - publication: Báo Thử nghiệm
    title: Bài thử nghiệm
    date: 2023-11-29
    supports: [number, type, title, issuer, term, issued, status, relations]
"""


def document(doc_id: str = "chi-thi-10-ct-tw", number: str = "10-CT/TW", *, doc_type: str = "chi-thi",
             issued: str = "2007-03-30", scope: str = "trung-uong", extra: str = "",
             body: str = "Tóm tắt văn bản.\n\n## Điểm chính {#diem-chinh}\n\nNội dung.\n") -> str:
    """A valid document file; `extra` adds front-matter lines (e.g. relations)."""
    return (f"---\nid: {doc_id}\nnumber: {number}\ntype: {doc_type}\ntitle: Về việc thử nghiệm\n"
            f"issuer: Ban Bí thư Trung ương Đảng\nissued: {issued}\nscope: {scope}\nstatus: chua-ro\n"
            f"{extra}sources:\n{SOURCE}---\n{body}")


Project = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Write a project (mkdocs.yml, docs/index.md and the given files) and return its folder."""

    def make(files: dict[str, str | bytes]) -> Path:
        (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return make


def build_fixture_site(root: Path, files: dict[str, str], config_extra: str = "",
                       env: dict[str, str] | None = None) -> Path:
    """Write a project with the given files into root, build it with `sotay build`, return its site folder."""
    import subprocess
    import sys

    for name, content in {"docs/index.md": "# Trang chủ\n", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML + config_extra, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build"], cwd=root, capture_output=True, text=True,
                          env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("sotay: đã dựng "), proc.stdout
    return root / "site"


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium (Debian's) for every browser test."""
    from browser import chromium

    with chromium() as session:
        yield session


def load(root: Path) -> LoadResult:
    """The base of the project in root, loaded and checked as `sotay check` does."""
    from sotay.loader import load_knowledge_base
    from sotay.project import load_project

    return load_knowledge_base(load_project(root / "mkdocs.yml"))


def problems_of(root: Path) -> list[str]:
    """What `sotay check` would print for the project in root, one line per problem."""
    return [str(p) for p in load(root).problems.sorted()]


def shipped_config(root: Path) -> Path:
    """A config in root that builds the shipped base for file:// (page.html addresses, as in a bundle) into
    root/site, without the course PDFs (downloads no page needs to render)."""
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    config = config.replace("directives: directives", f"directives: {REPO / 'directives'}\n      course_pdfs: false")
    (root / "mkdocs.yml").write_text(config + "\nuse_directory_urls: false\n", encoding="utf-8")
    return root / "mkdocs.yml"


# The day the shipped base is built as (SOURCE_DATE_EPOCH): the plans cover 2026 and 2027 whatever today is,
# so tests that set the browser's clock to December 2026 find this year's plan in 2027 too.
SHIPPED_DAY = "1796256000"  # 03/12/2026


def build_shipped(root: Path) -> Path:
    """Build the shipped base for file:// into root/site, as on SHIPPED_DAY; return the site folder."""
    import os
    import subprocess
    import sys

    config = shipped_config(root)
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "-q", "-f", str(config)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SOURCE_DATE_EPOCH": SHIPPED_DAY})
    assert proc.returncode == 0, proc.stderr
    return config.parent / "site"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped base built once for file://, for every browser test that reads it."""
    return build_shipped(tmp_path_factory.mktemp("shipped"))


def node_tests(*files: Path, at_least: int = 1) -> None:
    """Run `node --test` on the given files; every case must run and pass, and there must be some."""
    import shutil
    import subprocess

    proc = subprocess.run([shutil.which("node") or "node", "--test", *map(str, files)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    cases = sum(f.read_text("utf-8").count('\ntest("') for f in files)
    assert cases >= at_least and f"# pass {cases}\n# fail 0" in proc.stdout  # every case ran and passed
