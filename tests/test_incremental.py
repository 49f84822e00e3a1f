"""Rebuilds while serving render only what an edit changed, and give the very bytes a full build gives.

A harness process builds as `sotay serve` does (MkDocs' serve builder: a fresh configuration each time, the
sotay plugin kept, dirty builds into one folder) and rebuilds each time the test asks; after every edit a fresh
process builds the same project from scratch into another folder, and the two folders must be equal, file by
file, byte for byte.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sotay.bench import generate

HARNESS = textwrap.dedent("""
    import logging, os, sys
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from sotay.plugins.commands import allow_dirty_builds  # the builder, as the CLI chooses it
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    allow_dirty_builds()  # as `sotay serve` does

    site, mode = sys.argv[1], sys.argv[2]
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("mkdocs.plugins.sotay").addHandler(handler)
    logging.getLogger("mkdocs.plugins.sotay").setLevel(logging.INFO)
    url = "http://127.0.0.1:8000/"
    dirty = mode == "serve"

    def config():
        made = load_config(config_file="mkdocs.yml", site_dir=site)
        made.site_url = url
        return made

    first = config()
    first.plugins.on_startup(command="serve", dirty=dirty)
    build(first, serve_url=url, dirty=dirty)
    print("built", flush=True)
    for _line in sys.stdin if dirty else ():
        try:  # as MkDocs' server does, a failed rebuild is said and the server goes on
            build(config(), serve_url=url, dirty=True)
        except Exception as error:
            print(f"failed: {type(error).__name__}", flush=True)
        print("built", flush=True)
""")


class Serving:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen([sys.executable, "-c", HARNESS, str(root / "served"), "serve"], cwd=root,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self.said = self._wait()

    def _wait(self) -> list[str]:
        assert self.process.stdout is not None
        said = []
        for line in self.process.stdout:
            if line.strip() == "built":
                return said
            said.append(line.strip())
        self.process.wait(timeout=60)
        raise AssertionError(f"the harness ended: {self.process.stderr.read() if self.process.stderr else ''}")

    def rebuild(self) -> list[str]:
        assert self.process.stdin is not None
        self.process.stdin.write("again\n")
        self.process.stdin.flush()
        return self._wait()

    def close(self) -> None:
        try:
            self.process.communicate(timeout=120)  # closes its input: the harness ends
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()


def full_build(root: Path) -> Path:
    target = root / "full"
    proc = subprocess.run([sys.executable, "-c", HARNESS, str(target), "full"], cwd=root, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return target


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_full(root: Path) -> None:
    import shutil

    shutil.rmtree(root / "full", ignore_errors=True)
    served, full = files_of(root / "served"), files_of(full_build(root))
    assert sorted(served) == sorted(full), (set(served) ^ set(full))
    differ = [name for name in full if served[name] != full[name]]
    assert differ == [], differ[:10]


def rebuilt(said: list[str]) -> tuple[int, int] | None:
    """(pages rendered again, pages) when the rebuild was partial; None when everything was built again."""
    for line in said:
        if match := re.search(r"dựng lại (\d+)/(\d+) trang có thay đổi", line):
            return int(match.group(1)), int(match.group(2))
    return None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    generate(tmp_path, 40)
    # A page the navigation names by its first heading.
    (tmp_path / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n\nVề Sổ tay.\n", encoding="utf-8")
    # A draft: rendered while serving only, with the navigation like any page.
    (tmp_path / "docs" / "nhap.md").write_text("# Bản nháp\n\nChưa phát hành.\n", encoding="utf-8")
    # The theme's own templates, which every page is rendered with.
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}<p>Chân trang</p>{% endblock %}\n', encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    text = config.read_text("utf-8").replace("strict: false", "strict: true")  # as the project's own config
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    text = text.replace("not_in_nav: |\n", "draft_docs: |\n  nhap.md\nnot_in_nav: |\n  /nhap.md\n")
    config.write_text(text.rstrip("\n") + "\n  - gioi-thieu.md\n", encoding="utf-8")
    return tmp_path


def test_edits_rebuild_only_what_changed_and_equal_a_full_build(project: Path) -> None:
    serving = Serving(project)
    try:
        assert_same_as_full(project)
        edited = project / "directives" / "van-ban-0.md"
        original = edited.read_text("utf-8")
        # A document's title: its page and the pages that show it (index, timeline, topics citing it, ...).
        edited.write_text(original.replace("title: Về nâng cao", "title: Bản sửa về nâng cao", 1), "utf-8")
        counts = rebuilt(serving.rebuild())
        assert counts is not None and 0 < counts[0] < counts[1] / 2, counts
        assert_same_as_full(project)
        page = (project / "served" / "van-ban" / "van-ban-0" / "index.html").read_text("utf-8")
        assert "Bản sửa về nâng cao" in page

        # A topic's text: that topic's page and what lists it.
        topic = project / "docs" / "chu-de" / "chu-de-1.md"
        topic.write_text(topic.read_text("utf-8").replace("## Chuẩn bị", "Một câu mới của biên tập viên.\n\n"
                                                                         "## Chuẩn bị", 1), "utf-8")
        counts = rebuilt(serving.rebuild())
        assert counts is not None and counts[0] < counts[1] / 2, counts
        assert_same_as_full(project)
        # Its title: also the catalog, the planner's page and Word files, the open data (kept whole otherwise).
        topic.write_text(topic.read_text("utf-8").replace("title: ", "title: Bàn về ", 1), "utf-8")
        counts = rebuilt(serving.rebuild())
        assert counts is not None and counts[0] < counts[1] / 2, counts
        assert_same_as_full(project)

        # Nothing changed: nothing rendered again.
        assert rebuilt(serving.rebuild()) == (0, counts[1])

        # A page in the navigation gets another title: every page shows the navigation, so all are rendered.
        about = project / "docs" / "gioi-thieu.md"
        about.write_text(about.read_text("utf-8").replace("# Giới thiệu", "# Giới thiệu Sổ tay", 1), "utf-8")
        said = serving.rebuild()
        assert any("tên trang trong mục lục đã đổi" in line for line in said), said
        assert_same_as_full(project)
        # So does a subtitle, which Material prints under the page's name in the navigation.
        about.write_text("---\nsubtitle: Đôi lời\n---\n" + about.read_text("utf-8"), "utf-8")
        said = serving.rebuild()
        assert any("tên trang trong mục lục đã đổi" in line for line in said), said
        assert_same_as_full(project)

        # The theme's own template changes: every page is rendered with it.
        footer = project / "overrides" / "main.html"
        footer.write_text(footer.read_text("utf-8").replace("Chân trang", "Chân trang mới"), "utf-8")
        said = serving.rebuild()
        assert any("dựng lại toàn bộ" in line for line in said), said
        assert_same_as_full(project)
        assert "Chân trang mới" in (project / "served" / "nhap" / "index.html").read_text("utf-8")

        # A document added, then removed: the list of pages changed; the removed page's files go.
        added = project / "directives" / "van-ban-moi.md"
        added.write_text(original.replace("id: van-ban-0", "id: van-ban-moi").replace("number: 0-CT/TW",
                                                                                     "number: 999-CT/TW"), "utf-8")
        said = serving.rebuild()
        assert any("dựng lại toàn bộ" in line for line in said), said
        assert_same_as_full(project)
        assert (project / "served" / "van-ban" / "van-ban-moi" / "index.html").is_file()
        added.unlink()
        serving.rebuild()
        assert_same_as_full(project)

        # A broken edit fails the rebuild when the base is checked, before anything is written. Mended otherwise
        # than it was: only what changed is built again (an editor's slip costs no full rebuild). A document
        # removed next changes the list of pages: all is built again, and its page goes.
        added.write_text(original.replace("id: van-ban-0", "id: van-ban-moi").replace("number: 0-CT/TW",
                                                                                     "number: 999-CT/TW"), "utf-8")
        serving.rebuild()
        edited.write_text(original.replace("issuer: Ban Thường vụ\n", ""), "utf-8")
        assert any(line.startswith("failed") for line in serving.rebuild())
        edited.write_text(original.replace("title: Về nâng cao", "title: Bản sửa lần hai về nâng cao", 1), "utf-8")
        said = serving.rebuild()
        assert rebuilt(said) is not None, said
        assert_same_as_full(project)
        added.unlink()
        serving.rebuild()
        assert_same_as_full(project)
        assert not (project / "served" / "van-ban" / "van-ban-moi").exists()

        # A rebuild that fails while the pages are written (a template the theme cannot compile) may leave some
        # of them: once mended, every page is built again.
        template = project / "overrides" / "main.html"
        good = template.read_text("utf-8")
        template.write_text(good.replace("{% endblock %}", "{% endblok %}"), "utf-8")
        assert any(line.startswith("failed") for line in serving.rebuild())
        template.write_text(good, "utf-8")
        said = serving.rebuild()
        assert any("lần dựng trước không thành" in line for line in said), said
        assert_same_as_full(project)

        # A warning the strict build counts only when the page is rendered (a reference-style link to a page
        # that does not exist: the loader checks inline links), raised after the build: the next rebuild renders
        # every page, so the warning is given again, and the site still fails until it is mended.
        page = project / "docs" / "gioi-thieu.md"
        intro = page.read_text("utf-8")
        page.write_text(f"{intro}\nXem [trang khác][1].\n\n[1]: khong-co.md\n", "utf-8")
        assert any(line.startswith("failed") for line in serving.rebuild())
        edited.write_text(original.replace("title: Về nâng cao", "title: Bản sửa lần ba về nâng cao", 1), "utf-8")
        said = serving.rebuild()
        assert any(line.startswith("failed") for line in said), said
        page.write_text(intro, "utf-8")
        assert not any(line.startswith("failed") for line in serving.rebuild())
        assert_same_as_full(project)

        # The first edit undone.
        edited.write_text(original, "utf-8")
        assert rebuilt(serving.rebuild()) is not None
        assert_same_as_full(project)
    finally:
        serving.close()
