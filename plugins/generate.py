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
from sotay.project import SEARCH_PAGE, load_project
from sotay.search.box import fill_search_boxes
from sotay.search.page import EVERY_PAGE
from sotay.targets import file_digest, refuse_source, work_path
from sotay.urls import page_url, relative_url

from .commands import SiteBuildError, build_site, swap
from .kb.plugin import ASSET_DIR

MARKER = ".sotay-generate"  # the folder was made by this command: what it wrote, so a later run may replace it
MARKER_HEAD = ("# Thư mục do `sotay generate` tạo. Lần xuất sau thay cả thư mục, nên đừng sửa hay thêm tệp ở\n"
               "# đây (lệnh sẽ từ chối nếu thấy); sửa nguồn của dự án rồi xuất lại.\n"
               "# Dưới đây: mã SHA-256 và tên từng tệp.\n")
# Folders a build of the plain folder writes into it (MkDocs' and ProperDocs' site/, Zensical's .cache/).
BUILT_HERE = ("site", ".cache")
CONFIG_NAME = "mkdocs.yml"
DOCS = "docs"
_HEADING = re.compile(r"^([ \t]*)(#{1,6})[ \t]+(.*?)[ \t]*$")
_UNDERLINE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_ATTRS = re.compile(r"\{:?([^{}]*)\}\s*$")  # an attribute list closing a heading
_GLOB = re.compile(r"([\\*?\[\]!#])")  # special in not_in_nav's gitignore-style patterns
_BRACE = re.compile(r"(?<!\\)([{}])")
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
        self.search_page = SEARCH_PAGE
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
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Every file is known by now: the search plugin adds a full build's index just before (on_env)."""
        docs = Path(config.docs_dir).resolve()
        for file in files:
            if file.is_documentation_page():
                continue
            if file.generated_by is not None:
                self.files[file.src_uri] = file.content_bytes
            elif file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs):
                self.copied[file.src_uri] = Path(file.abs_src_path)
        return env

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

    A heading (`#` style, indented inside a block too, or underlined with = or -) is matched to the next one in
    the page of its level and text: the page also has headings written as HTML, which the Markdown does not show
    as such. Attributes it sets itself keep theirs, with the id added; braces in its text are escaped so that
    the id is read as the only attribute list."""
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
        if fence is not None:
            continue
        heading = _HEADING.match(line)
        under = _UNDERLINE.match(lines[number + 1]) if number + 1 < len(lines) and line.strip() else None
        if heading is not None:
            indent, marks, text = heading.group(1), heading.group(2), heading.group(3).rstrip("#").rstrip()
            level = len(marks)
        elif under is not None:  # matched to the page's headings below, so a list line is safe
            indent, marks, text = "", "", line.strip()
            level = 1 if under.group(1).startswith("=") else 2
        else:
            continue
        found = _find(anchors, position, level, text)
        if found is None:
            continue
        position = found + 1
        written = _with_id(text, html.unescape(anchors[found][2]))
        lines[number] = f"{indent}{marks} {written}" if marks else written
    return "\n".join(lines)


def _find(anchors: list[tuple[int, str, str]], start: int, level: int, text: str) -> int | None:
    words = _MD_LINK.sub(r"\1", _ATTRS.sub("", text))
    wanted = _plain(words)
    return next((i for i in range(start, len(anchors)) if anchors[i][:2] == (level, wanted)), None)


def _with_id(text: str, anchor: str) -> str:
    """The heading text ending with an attribute list that sets this id (kept when it sets one already)."""
    attrs = _ATTRS.search(text)
    head, tail = (text[:attrs.start()].rstrip(), attrs.group(1).strip()) if attrs else (text, "")
    if re.search(r"(?:^|\s)#", tail):
        return text  # the editor's own id, which the page shows already
    head = _BRACE.sub(r"\\\1", head)
    return f"{head} {{#{anchor}{' ' + tail.lstrip(':').strip() if tail else ''}}}"


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


def plain_config(config_file: Path, config: MkDocsConfig, pages: set[str], nav_pages: set[str],
                 folder: Path) -> str:
    """The project's mkdocs.yml without sotay: no plugins of ours, no Python names, the site's CSS and the
    scripts every page loads named directly, pages outside the nav listed as such. The theme's overrides and
    the hooks it names are copied into the folder, which then builds alone."""
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Tolerant) or {}  # a SafeLoader
    if "INHERIT" in raw:
        raise SiteBuildError(f"{config_file}: sotay generate chưa đọc được cấu hình kế thừa (INHERIT); hãy gộp vào "
                             "một tệp")
    base = config_file.parent
    raw["docs_dir"] = DOCS
    raw["site_dir"] = "site"
    raw["site_url"] = config.site_url or None
    raw["use_directory_urls"] = config.use_directory_urls
    plugins = raw.pop("plugins", None) or []
    kept = [p for p in plugins if (next(iter(p)) if isinstance(p, dict) else p) not in _OUR_PLUGINS]
    raw["plugins"] = kept  # an empty list: no lunr search either, the site's own search page stays
    raw["extra_css"] = [str(path) for path in config.extra_css]
    raw["extra_javascript"] = [str(path) for path in config.extra_javascript]
    theme = raw.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(base / str(theme["custom_dir"]), folder / "overrides")
        theme["custom_dir"] = "overrides"
    if raw.get("hooks"):
        copied = []
        for hook in raw["hooks"]:
            target = Path("hooks") / Path(str(hook)).name
            _write(folder / target, (base / str(hook)).read_bytes())
            copied.append(target.as_posix())
        raw["hooks"] = copied
    extensions: list[Any] = []
    for entry in raw.get("markdown_extensions") or []:
        if isinstance(entry, dict):  # {name: options}; an option that was a Python name (slugify) is dropped
            [(name, options)] = entry.items()
            options = {k: v for k, v in (options or {}).items() if v is not None}
            if _holds_none(options):
                raise SiteBuildError(f"{config_file}: tùy chọn của '{name}' có giá trị Python (!!python/…) mà "
                                     "Markdown thuần không mang theo được; hãy bỏ nó trước khi xuất")
            entry = {name: options} if options else name
        extensions.append(entry)
    raw["markdown_extensions"] = extensions
    outside = sorted(pages - nav_pages)
    if outside:
        raw["not_in_nav"] = "".join("/" + _GLOB.sub(r"\\\1", src) + "\n" for src in outside)
    raw = {k: v for k, v in raw.items() if v is not None}
    header = ("# Made by `sotay generate`: every page is final Markdown, so no sotay plugin is needed.\n"
              "# Build with any MkDocs-compatible builder, e.g. `mkdocs build`, `properdocs build -f mkdocs.yml`\n"
              "# or `zensical build`.\n")
    return header + yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=120)


def _holds_none(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_holds_none(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_none(v) for v in value)
    return False


def _page_text(markdown: str, meta: dict[str, Any]) -> str:
    if not meta:
        return markdown
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=120)
    return f"---\n{front}---\n\n{markdown}"


def check_target(target: Path, config_file: Path) -> None:
    """Refuse a folder the output would harm: the project's own folders, a file, or a folder holding anything
    this command did not write there itself (or that was changed since): a later run replaces the folder whole."""
    resolved = target.resolve()
    try:
        refuse_source(target, load_project(config_file), folder=True)
    except OSError as err:
        raise SiteBuildError(f"'{target}' {err.strerror}") from None
    if resolved.exists() and not resolved.is_dir():
        raise SiteBuildError(f"'{target}' là một tệp, không phải thư mục")
    if not resolved.is_dir() or not any(resolved.iterdir()):
        return
    written = _manifest(resolved)
    if written is None:
        raise SiteBuildError(f"'{target}' đã có nội dung không do sotay generate tạo ra; hãy chọn thư mục mới "
                             "hoặc thư mục trống")
    foreign = []
    for path in sorted(resolved.rglob("*")):
        name = path.relative_to(resolved).as_posix()
        if path.is_dir() or name == MARKER or name.split("/", 1)[0] in BUILT_HERE:
            continue
        digest = written.get(name)
        if digest is None:
            foreign.append(f"{name} (tệp thêm vào)")
        elif file_digest(path) != digest:
            foreign.append(f"{name} (đã sửa)")
    if foreign:
        listed = "; ".join(foreign[:5]) + (f"; và {len(foreign) - 5} tệp khác" if len(foreign) > 5 else "")
        raise SiteBuildError(f"'{target}' có tệp không do lần xuất trước ghi ra, hoặc đã bị sửa: {listed}. Lần xuất "
                             "mới thay cả thư mục; hãy chuyển các tệp ấy ra chỗ khác, hoặc xuất vào thư mục mới")


def _manifest(folder: Path) -> dict[str, str] | None:
    """What the last run wrote into the folder ({path: sha256}), read from its marker; None without one."""
    marker = folder / MARKER
    if not marker.is_file():
        return None
    written = {}
    for line in marker.read_text("utf-8", errors="replace").splitlines():
        digest, _, name = line.partition("  ")
        if len(digest) == 64 and name:
            written[name] = digest
    return written


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
    staging = work_path(resolved, "new", folder=True)
    try:
        docs = staging / DOCS
        for src, markdown in keeper.markdown.items():
            _write(docs / src, _page_text(markdown, keeper.meta[src]).encode("utf-8"))
        for src, data in keeper.files.items():
            _write(docs / src, data)
        for src, path in keeper.copied.items():
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, docs / src)
        text = plain_config(config_file, config, set(keeper.markdown), keeper.nav_pages, staging)
        (staging / CONFIG_NAME).write_text(text, encoding="utf-8")
        lines = [f"{file_digest(path)}  {path.relative_to(staging).as_posix()}"
                 for path in sorted(staging.rglob("*")) if path.is_file()]
        (staging / MARKER).write_text(MARKER_HEAD + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError(f"không ghi được thư mục kết quả: {err}") from None
    except SiteBuildError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, resolved)
    return GenerateReport(resolved, len(keeper.markdown), len(keeper.files) + len(keeper.copied))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
