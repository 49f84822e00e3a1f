"""MkDocs adapter for search: the index, the page and the boxes come from the core; this file only wires them.

Every page but the search page gets a search box in its header, and each `[data-sotay-search-box]`
element written in a page gets one too: plain GET forms to the search page, filled in the built HTML
(on_post_page), so they work without JavaScript; box.js shows results under them as one types.
"""

from __future__ import annotations

import html
import posixpath
from importlib import resources
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from sotay.memo import Memo
from sotay.page_scripts import with_scripts
from sotay.search.box import fill_search_boxes, with_header_search
from sotay.search.browser import IndexLater, IndexMemo, browser_index, index_scripts
from sotay.search.entries import build_entries
from sotay.search.kinds import KIND_LABELS
from sotay.search.page import ENGINE, EVERY_PAGE, INDEX_SCRIPT, search_page
from sotay.text import script_json
from sotay.urls import error_page_base, link_between, page_url, relative_url
from sotay.vocabulary import vocabulary

from ..kb.plugin import ASSET_DIR, KnowledgeBasePlugin
from .config import SearchConfig

SHIPPED = ("box.js", *ENGINE)  # the scripts of the sotay.search package


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.memo: IndexMemo | None = None
        self.entries: Memo | None = None  # each document's and page's entries, kept
        self.parts: dict[str, tuple[Any, str]] | None = None  # each part of the browser's index, with its JSON
        self.later: IndexLater | None = None  # a full build's index, being made

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # While serving, the plugin lives on between rebuilds: entries an edit left alone are not analysed again.
        self.memo = IndexMemo() if command == "serve" else None
        self.entries = Memo() if command == "serve" else None
        self.parts = {} if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.extra_css.append(f"{ASSET_DIR}/search.css")
        config.extra_javascript.extend(f"{ASSET_DIR}/{name}" for name in EVERY_PAGE)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        kb = config.plugins.get("sotay")
        if not isinstance(kb, KnowledgeBasePlugin) or kb.site is None or kb.result is None:
            raise PluginError("plugin sotay-search cần plugin sotay đứng trước nó trong mkdocs.yml")
        entries = build_entries(kb.result, kb.site, memo=self.entries, prints=kb.keys.prints if kb.keys else None)
        cells = dict(vocabulary().cell_types)
        generated = {}
        if self.memo is None:  # a full build: made while the pages are rendered, added with them (on_env)
            self.later = IndexLater(entries, cells, KIND_LABELS)
        else:  # while serving, made again from the last build's
            scripts = index_scripts(browser_index(entries, cells, KIND_LABELS, self.memo), memo=self.parts)
            generated = {f"{ASSET_DIR}/{path}": script for path, script in scripts.items()}
        settings = {"searchPage": page_url(self.config.page, config.use_directory_urls),
                    "index": f"{ASSET_DIR}/{INDEX_SCRIPT}"}
        generated[f"{ASSET_DIR}/config.js"] = f"window.SOTAY_CONFIG={script_json(settings)};\n"
        package = resources.files("sotay.search")
        generated |= {f"{ASSET_DIR}/{n}": package.joinpath(n).read_text("utf-8") for n in SHIPPED}
        generated[f"{ASSET_DIR}/search.css"] = resources.files(__package__).joinpath("assets/search.css").read_text(
            "utf-8")
        for src, content in generated.items():
            files.append(File.generated(config, src, content=content))
        if files.get_file_from_path(self.config.page) is None:
            documents = link_between(self.config.page, "van-ban/index.md", config.use_directory_urls)
            files.append(File.generated(config, self.config.page, content=search_page(html.escape(documents))))
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """A full build's index joins the files MkDocs writes next (it starts writing them after this event)."""
        if self.later is not None:
            later, self.later = self.later, None
            for path, script in later.result().items():
                files.append(File.generated(config, f"{ASSET_DIR}/{path}", content=script,
                                            inclusion=InclusionLevel.INCLUDED))
        return env

    def on_build_error(self, *, error: Exception) -> None:
        if self.later is not None:
            self.later.stop()
            self.later = None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri == self.config.page:  # it has a search box of its own, with filters, from the start
            # The index's head comes with the engine, not after it: one round trip less before the first results.
            return with_scripts(output, [relative_url(f"{ASSET_DIR}/{name}", page.url)
                                         for name in (*ENGINE, INDEX_SCRIPT)])
        action = relative_url(page_url(self.config.page, config.use_directory_urls), page.url)
        return fill_search_boxes(with_header_search(output, action), action)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The error page is a template, not a page: its header gets the box here, its form going where the
        # page's other links go (sotay.urls.error_page_base).
        if template_name != "404.html":
            return output_content
        target = page_url(self.config.page, config.use_directory_urls)
        return with_header_search(output_content, posixpath.join(error_page_base(config.site_url or "",
                                                                                 config.use_directory_urls), target))
