"""`sotay generate`: the site as plain Markdown, for any MkDocs-compatible builder without sotay's plugins.

The site is built once with the plugins while a listener keeps what they made: every page's final
Markdown (after the plugins' own edits) with its front matter, every file they generated (Word, PDF,
scripts, the search index) and the editors' other files. These go to a folder with an mkdocs.yml that
names no sotay plugin, so MkDocs, ProperDocs or Zensical builds the same pages from it.

What needs the built HTML is written into the Markdown instead: each heading keeps its anchor as an
explicit `{#id}` (no custom slugify is needed), a page's scripts come as script tags at its end, and
the search boxes are filled in. The search box in the header bar is the one thing that stays behind:
it is put into the theme's HTML, which a plain build does not have.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sotay.loader import LoadResult
from sotay.project import CONFIG_NAMES, load_project
from sotay.search.box import fill_search_boxes
from sotay.urls import page_url, relative_url

from .commands import SiteBuildError, build_site, swap
from .kb.plugin import ASSET_DIR
from .search.plugin import EVERY_PAGE

MARKER = ".sotay-generate"  # the folder was made by this command, so a later run may replace it
CONFIG_NAME = "mkdocs.yml"
DOCS = "docs"
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HTML_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')
_OUR_PLUGINS = ("sotay", "sotay-search")


@dataclass(frozen=True)
class GenerateReport:
    folder: Path
    pages: int
    files: int


class _NoOptions(Config):
    """The listener takes no options."""


class _Keeper(BasePlugin[_NoOptions]):
    """Listens to a build after every other plugin and keeps what a plain builder would need."""

    def __init__(self) -> None:
        self.site_config: MkDocsConfig | None = None
        self.search_page = "tim-kiem.md"
        self.markdown: dict[str, str] = {}
        self.meta: dict[str, dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}
        self.copied: dict[str, Path] = {}
        self.nav_pages: set[str] = set()

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        search = config.plugins.get("sotay-search")
        if search is not None:
            self.search_page = search.config.page
        self.site_config = config
        return config

    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        for file in files:
            if file.is_documentation_page():
                continue
            if file.generated_by is not None:
                self.files[file.src_uri] = file.content_bytes
            elif file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs):
                self.copied[file.src_uri] = Path(file.abs_src_path)
        return files

    @event_priority(-100)
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.nav_pages = {page.file.src_uri for page in nav.pages}
        return nav

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.markdown[page.file.src_uri] = markdown
        self.meta[page.file.src_uri] = dict(page.meta)
        return markdown

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        src = page.file.src_uri
        markdown = with_heading_ids(self.markdown[src], output)
        action = relative_url(page_url(self.search_page, config.use_directory_urls), page.url)
        markdown = fill_search_boxes(markdown, action)
        scripts = page_scripts(output)
        if scripts:
            markdown = f"{markdown.rstrip()}\n\n" + "".join(
                f'<script src="{html.escape(url)}"></script>' for url in scripts) + "\n"
        self.markdown[src] = markdown
        return output


def page_scripts(output: str) -> list[str]:
    """The site's scripts this page loads itself, beyond those every page loads (config.js, box.js)."""
    urls = [html.unescape(m) for m in _SCRIPT.findall(output)]
    return [u for u in urls if f"{ASSET_DIR}/" in u and posixpath.basename(u) not in EVERY_PAGE]


def with_heading_ids(markdown: str, output: str) -> str:
    """Each Markdown heading with the anchor it has in the built page, written as `{#id}`.

    A heading is matched to the next one in the page of its level and text (the page also has headings
    written as HTML, which the Markdown does not show as such); one that sets its own attributes stays."""
    anchors = [(int(level), _plain(text), anchor) for level, anchor, text in _HTML_HEADING.findall(output)]
    position = 0
    lines = markdown.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if opening:
            mark = opening.group(1)
            if fence is None:
                fence = mark[0] * 3
            elif mark.startswith(fence):
                fence = None
            continue
        heading = _HEADING.match(line) if fence is None else None
        if heading is None:
            continue
        level, text = len(heading.group(1)), heading.group(2).rstrip("#").rstrip()
        wanted = _plain(_MD_LINK.sub(r"\1", text))
        found = next((i for i in range(position, len(anchors)) if anchors[i][:2] == (level, wanted)), None)
        if found is None:
            continue
        position = found + 1
        if not text.endswith("}"):
            lines[number] = f"{heading.group(1)} {text} {{#{html.unescape(anchors[found][2])}}}"
    return "\n".join(lines)


def _plain(text: str) -> str:
    """A heading's words only, to match Markdown with HTML: no tags, marks, entities or case."""
    return "".join(ch for ch in html.unescape(_TAG.sub("", _PERMALINK.sub("", text))).casefold() if ch.isalnum())


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml keeping plain values; !ENV gives its default, other tags give None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode) and node.value:
        return loader.construct_object(node.value[-1])
    return None


_Tolerant.add_constructor("!ENV", _env)
_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def plain_config(config_file: Path, config: MkDocsConfig, pages: set[str], nav_pages: set[str]) -> str:
    """The project's mkdocs.yml without sotay: no plugins of ours, no Python names, the site's CSS and the
    scripts every page loads named directly, pages outside the nav listed as such."""
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Tolerant) or {}  # a SafeLoader
    raw["docs_dir"] = DOCS
    raw["site_dir"] = "site"
    raw["site_url"] = config.site_url or None
    raw["use_directory_urls"] = config.use_directory_urls
    plugins = raw.pop("plugins", None) or []
    kept = [p for p in plugins if (next(iter(p)) if isinstance(p, dict) else p) not in _OUR_PLUGINS]
    raw["plugins"] = kept  # an empty list: no lunr search either, the site's own search page stays
    raw["extra_css"] = [str(path) for path in config.extra_css]
    raw["extra_javascript"] = [str(path) for path in config.extra_javascript]
    extensions: list[Any] = []
    for entry in raw.get("markdown_extensions") or []:
        if isinstance(entry, dict):  # {name: options}; an option that was a Python name (slugify) is dropped
            [(name, options)] = entry.items()
            options = {k: v for k, v in (options or {}).items() if v is not None}
            entry = {name: options} if options else name
        extensions.append(entry)
    raw["markdown_extensions"] = extensions
    outside = sorted(pages - nav_pages)
    if outside:
        raw["not_in_nav"] = "".join(f"/{src}\n" for src in outside)
    raw = {k: v for k, v in raw.items() if v is not None}
    header = ("# Made by `sotay generate`: every page is final Markdown, so no sotay plugin is needed.\n"
              "# Build with any MkDocs-compatible builder, e.g. `mkdocs build`, `properdocs build -f mkdocs.yml`\n"
              "# or `zensical build`.\n")
    return header + yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=120)


def _page_text(markdown: str, meta: dict[str, Any]) -> str:
    if not meta:
        return markdown
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=120)
    return f"---\n{front}---\n\n{markdown}"


def check_target(target: Path, config_file: Path) -> None:
    """Refuse a folder the output would harm: the project's own folders, or one this command did not make."""
    project = load_project(config_file)
    resolved = target.resolve()
    guarded = [project.root.resolve(), project.docs_dir.resolve(), project.directives_dir.resolve()]
    for folder in guarded:
        if resolved == folder or folder.is_relative_to(resolved) or (folder != guarded[0]
                                                                     and resolved.is_relative_to(folder)):
            raise SiteBuildError(f"'{target}' là hoặc chứa thư mục nguồn của dự án ({folder}); hãy chọn thư mục khác")
    if resolved.is_relative_to(guarded[0]) and any((resolved / name).exists() for name in CONFIG_NAMES):
        raise SiteBuildError(f"'{target}' chứa tệp cấu hình của một dự án; hãy chọn thư mục khác")
    if resolved.exists() and not resolved.is_dir():
        raise SiteBuildError(f"'{target}' là một tệp, không phải thư mục")
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / MARKER).is_file():
        raise SiteBuildError(f"'{target}' đã có nội dung không do sotay generate tạo ra; hãy chọn thư mục mới "
                             "hoặc thư mục trống")


def generate_site(config_file: Path, target: Path, *, edition: str | None = None,
                  preloaded: LoadResult | None = None, verbose: bool = False) -> GenerateReport:
    """Build once with a listener, then write its pages and files to a fresh folder swapped in place."""
    check_target(target, config_file)
    keeper = _Keeper()
    with tempfile.TemporaryDirectory(prefix="sotay-generate-") as tmp:
        build_site(config_file, site_dir=Path(tmp) / "site", edition=edition, preloaded=preloaded, verbose=verbose,
                   extra_plugins={"sotay-generate": keeper})
    assert keeper.site_config is not None
    config = keeper.site_config
    resolved = target.resolve()
    resolved.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{resolved.name}.new-", dir=resolved.parent))
    try:
        docs = staging / DOCS
        for src, markdown in keeper.markdown.items():
            _write(docs / src, _page_text(markdown, keeper.meta[src]).encode("utf-8"))
        for src, data in keeper.files.items():
            _write(docs / src, data)
        for src, path in keeper.copied.items():
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, docs / src)
        text = plain_config(config_file, config, set(keeper.markdown), keeper.nav_pages)
        (staging / CONFIG_NAME).write_text(text, encoding="utf-8")
        (staging / MARKER).write_text("Thư mục do `sotay generate` tạo; lần chạy sau sẽ thay cả thư mục.\n",
                                      encoding="utf-8")
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError(f"không ghi được thư mục kết quả: {err}") from None
    swap(staging, resolved)
    return GenerateReport(resolved, len(keeper.markdown), len(keeper.files) + len(keeper.copied))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
