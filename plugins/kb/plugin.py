"""MkDocs adapter: loads the base through the core and wires it to build events."""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment
from mkdocs import __version__ as mkdocs_version
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as front_matter
from mkdocs.utils import normalize_url

from sotay import __version__
from sotay.assessment_pages import assessment_index, assessment_page
from sotay.changes import atom_feed, changes_page
from sotay.checklist_pages import checklist_page, checklists_index
from sotay.course_pack import PackBase, pack_base
from sotay.course_pages import course_page, courses_index, pdf_srcs, print_page
from sotay.courses import print_src
from sotay.incremental import Memory, PageState, Plan, plan
from sotay.linked_data import legislation_script
from sotay.loader import LoadResult, load_knowledge_base
from sotay.memo import Memo, kept
from sotay.model import Document
from sotay.month_path import MONTH_MARKER, Pages, month_block, step_nav
from sotay.open_data import open_data_files, open_data_page
from sotay.page_keys import Keys, Prints
from sotay.page_scripts import ASSETS as SCRIPTS
from sotay.page_scripts import scripts_for, with_scripts
from sotay.pdf import PdfError, course_pdf, prune_cache
from sotay.plan_docx import SkeletonError
from sotay.planner_page import planner_files, planner_page, year_plans
from sotay.problems import Problem
from sotay.project import load_project
from sotay.province_page import provinces_page
from sotay.rawhtml import RawBlocks
from sotay.render import base_diagram_page, document_page, index_page, timeline_page
from sotay.sanitize import sanitize_page, script_elements
from sotay.site import EditionError, Linker, SiteModel, build_day, stamp
from sotay.srcs import (
    ASSESSMENT_INDEX_SRC,
    CATALOG_SRC,
    CHANGES_SRC,
    CHECKLISTS_INDEX_SRC,
    COURSES_INDEX_SRC,
    DIAGRAM_SRC,
    FEED_SRC,
    INDEX_SRC,
    OPEN_DATA_SRC,
    PLANNER_SRC,
    PROVINCES_SRC,
    TEMPLATES_INDEX_SRC,
    TIMELINE_SRC,
    document_src,
)
from sotay.targets import digest
from sotay.template_pages import template_files, template_page, templates_index
from sotay.topic_pages import catalog_page, landing_pages, topic_page
from sotay.topics import Topic
from sotay.urls import error_page_base, relative_url

from .config import KnowledgeBaseConfig
from .theme_files import ThemeListing

ASSETS = ("sotay.css", *SCRIPTS)
ASSET_DIR = "assets/sotay"
PDF_CACHE = ".sotay-cache/pdf"
# Front-matter values Material prints as they are (no escaping: MkDocs' templates do not autoescape):
# in text, and in attributes (description, author).
PRINTED_META = ("title", "subtitle", "description", "author")
log = logging.getLogger("mkdocs.plugins.sotay")
T = TypeVar("T")


def unused_theme_file(src: str) -> bool:
    """Theme files the site never uses: Material's lunr search and its worker (sotay-search replaces them),
    and source maps, which only a developer's tools would read."""
    return src.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/")) or src.endswith(".map")


@dataclass(frozen=True)
class _Rebuild:
    """One build while serving: its files, what every page shares, the pages in the navigation, the plan, and the
    digests of the pages and of the other generated files (by output path)."""

    files: Files
    shared: str
    in_nav: frozenset[str]
    plan: Plan
    pages: dict[str, str]
    generated: dict[str, str]


@dataclass(frozen=True)
class _Read:
    """A page as a rebuild while serving read it: its text, Markdown and final Markdown, the script elements
    kept for it, and their digest (the next rebuild compares before hashing again)."""

    text: str
    markdown: str
    final: str
    keep: tuple[str, ...]
    digest: str


def _document_made(doc: Document, site: SiteModel, linker: Linker) -> tuple[str, str]:
    """A document's page and its JSON-LD element (kept as it is by the sanitizer)."""
    return document_page(doc, site, linker), legislation_script(doc, site)


def _shown_in_nav(page: Page) -> tuple[Any, ...]:
    """What Material's navigation prints of a page, on every page."""
    return (page.title, *(page.meta.get(key) for key in ("icon", "subtitle", "status")))


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.site: SiteModel | None = None
        self.result: LoadResult | None = None
        self.pack_base: PackBase | None = None
        self.linker: Linker | None = None
        self.structured: dict[str, Callable[[], str]] = {}
        self.path_pages: Pages | None = None
        self.month: Callable[[], str] | None = None
        self.generated: set[str] = set()
        # The script elements the generators made for a page (its JSON-LD, the planner's data): the sanitizer
        # keeps these and nothing else of the kind.
        self.keep: dict[str, list[str]] = {}
        # `sotay build` validates first and hands its result over, so the base is read once.
        self.preloaded: LoadResult | None = None
        # While serving, each file's parse and checks are kept for the next rebuild: a save parses one file again.
        self.load_memo = Memo()
        # ... and what each generated page or file was made from (sotay.page_keys) and what it was, by name.
        self.keys: Keys | None = None  # this build's keys, while serving
        self.made = Memo()  # (name, key) -> what was made, the last build's only
        self.records = Memo()  # the open data's records, by the item each is made from
        self.prints: Prints = {}  # each document's fingerprints (sotay.page_keys)
        self.serving = False
        self.pdfs = False
        # Serving with rebuilds into the same folder (`sotay serve`): each rebuild renders only the pages whose
        # inputs changed (sotay.incremental); `memory` is the last successful build, for this config and folder.
        self.incremental = False
        self.memory: Memory | None = None
        self.memory_of: tuple[str, str] = ("", "")
        self.rebuild: _Rebuild | None = None  # this build's plan, from on_nav to on_post_build
        self.read: dict[str, _Read] = {}  # src -> what this rebuild read of the page while planning (on_nav)
        self.steps_key = ""  # what the steps at the end of a page read (sotay.month_path.step_nav)
        self.failed = False  # the last build failed
        self.planned = False  # this build has planned what to write (on_nav): from then on it may write and remove
        self.versions: list[str | bytes] | None = None
        self.env_cache: tuple[tuple[Any, ...], Environment] | None = None
        self.blocks = RawBlocks()  # the HTML blocks of the pages being rendered, held out of Markdown's way
        self.theme_listing = ThemeListing()  # while serving, the theme's files listed once

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # While an editor previews, every save rebuilds: laying out the handouts (seconds each) waits for a build.
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        self.memory = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before anything is rendered: a broken base must fail the build
        # with the same messages as `sotay check`, never reach the HTML.
        # MkDocs' own values win over the raw file: a bundle builds with other URLs.
        self.planned = False
        project = replace(load_project(config.config_file_path), use_directory_urls=config.use_directory_urls,
                          site_url=config.site_url or "")
        result = self.preloaded or load_knowledge_base(project, self.load_memo if self.serving else None)
        self.preloaded = None  # a rebuild while serving must read the changed files
        if result.problems:
            lines = "\n".join(str(p) for p in result.problems.sorted())
            raise PluginError(f"nội dung có lỗi, không dựng trang:\n{lines}")
        try:
            self.site = SiteModel(result, project, self.config.edition)
        except EditionError as err:
            raise PluginError(str(err)) from None
        self.result = result
        self.linker = linker = Linker(self.site)
        self.generated = set()  # the plugin lives on across rebuilds while serving
        self.keep = {}
        # Each editors' structured file has its page made from its validated data, looked up by path.
        self.structured = {t.src: partial(self._topic_page, t) for t in self.site.topics}
        self.structured |= {c.src: partial(checklist_page, c, linker) for c in result.checklists}
        self.structured |= {t.src: partial(template_page, t, linker) for t in result.templates}
        self.structured |= {c.src: partial(assessment_page, c, linker) for c in result.criteria}
        self.path_pages = Pages(CATALOG_SRC, PLANNER_SRC, {c.id: (c.src, c.title) for c in result.checklists},
                                {t.id: (t.src, t.title) for t in result.templates}, self.site.topics)
        if self.incremental:  # what a page's steps read: the pages on the path, the site's addresses
            self.steps_key = digest(repr(sorted(self.path_pages.known.items())), repr(self.path_pages.places),
                                    repr(project))
        self.pack_base = packs = pack_base(result, self.site, __version__)
        self.pdfs = pdfs = self.config.course_pdfs and not self.serving
        self.structured |= {c.src: partial(course_page, c, packs, linker, pdfs) for c in result.courses}
        config.extra_css.append(f"{ASSET_DIR}/sotay.css")
        if self.incremental:
            self.theme_listing.wire(config.theme)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.linker is not None and self.result is not None
        site, linker, result = self.site, self.linker, self.result
        for src in site.left_out:  # never published, not even as a bare page without its panel
            left = files.get_file_from_path(src)
            if left is not None:
                files.remove(left)
        overviews = {INDEX_SRC: index_page, TIMELINE_SRC: timeline_page, DIAGRAM_SRC: base_diagram_page,
                     CHANGES_SRC: changes_page}
        self.keys = keys = Keys(site, result.citations, self.prints) if self.incremental else None
        listings = keys.listings if keys is not None else ""  # while serving, made again when a listing changed
        self._add(files, config, PROVINCES_SRC, partial(self._kept, PROVINCES_SRC, listings,
                                                        partial(provinces_page, site)), in_nav=True)
        for src, render in overviews.items():
            self._add(files, config, src, partial(self._kept, src, listings, partial(render, site, linker)),
                      in_nav=True)
        files.append(File.generated(config, FEED_SRC, content=self._kept(FEED_SRC, listings,
                                                                           partial(atom_feed, site))))
        # du-lieu/: the export as JSON and CSV, its schema, licences (while serving, each record kept by its item)
        data_files = open_data_files(site, result, self.records if keys is not None else None,
                                     keys.prints if keys is not None else None)
        for src, data in data_files.items():
            files.append(File.generated(config, src, content=data))
        self._add(files, config, OPEN_DATA_SRC, partial(open_data_page, site, data_files), in_nav=True)
        self._add_documents(files, config)
        listed = keys.topic_listings if keys is not None else ""  # while serving, made again when a topic changed
        self._add(files, config, CATALOG_SRC, partial(self._kept, CATALOG_SRC, listed,
                                                      partial(catalog_page, site, site.topics, linker)), in_nav=True)
        self._add(files, config, CHECKLISTS_INDEX_SRC, partial(checklists_index, result.checklists), in_nav=True)
        self._add(files, config, TEMPLATES_INDEX_SRC, partial(templates_index, result.templates), in_nav=True)
        self._add(files, config, ASSESSMENT_INDEX_SRC, partial(assessment_index, result.criteria), in_nav=True)
        self._add(files, config, COURSES_INDEX_SRC, partial(courses_index, result.courses), in_nav=True)
        for src, data in template_files(result.templates).items():
            files.append(File.generated(config, src, content=data))
        today = build_day()
        year = today.year
        plans = year_plans(site.topics, year)
        assert self.path_pages is not None
        self.month = partial(month_block, site.topics, plans, self.path_pages, linker, today.month)
        planned = keys.planner(plans, today) if keys is not None else ""
        planner = self._add(files, config, PLANNER_SRC, partial(
            self._kept, PLANNER_SRC, planned, partial(planner_page, plans, site.topics, linker, year)), in_nav=True)
        if planner is not None:  # made from the validated data alone: its scripts are the site's own
            self.keep[PLANNER_SRC] = script_elements(planner)
        try:
            plan_files = self._kept("planner", planned, partial(planner_files, plans))
        except SkeletonError as err:
            raise PluginError(f"không dựng được tệp Word của kế hoạch: {err}") from None
        for src, data in plan_files.items():
            files.append(File.generated(config, src, content=data))
        for src, content in self._kept("landing", listed, partial(landing_pages, site.topics, linker)).items():
            self._add(files, config, src, partial(str, content))
        for unused in [f for f in files if unused_theme_file(f.src_uri)]:
            files.remove(unused)
        if not config.site_url:  # a sitemap lists absolute addresses: without site_url it would list wrong ones
            config.theme.static_templates.discard("sitemap.xml")  # rendered after this event, listed before it
        assets = resources.files(__package__).joinpath("assets")
        for name in ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=assets.joinpath(name).read_bytes()))
        self._add_course_prints(files, config)
        return files

    def _kept(self, name: str, key: str, make: Callable[[], T]) -> T:
        """What make() gives; while serving, what it gave at the last build when the key is the same."""
        return kept(self.made if self.incremental else None, (name, key), make)

    def _topic_page(self, topic: Topic) -> str:
        """A topic's page; while serving, made again only when what it reads changed (sotay.page_keys)."""
        assert self.linker is not None
        key = self.keys.topic(topic) if self.keys is not None else ""
        return self._kept(topic.src, key, partial(topic_page, topic, self.linker))

    def _add_documents(self, files: Files, config: MkDocsConfig) -> None:
        """Each document's page and its JSON-LD; while serving, made again only when what it reads changed."""
        assert self.site is not None and self.linker is not None
        site, linker, keys = self.site, self.linker, self.keys
        for doc in site.documents:
            src = document_src(doc)
            if files.get_file_from_path(src) is not None:
                continue  # a page the editors wrote wins over a generated one
            markdown, script = self._kept(src, keys.document(doc) if keys is not None else "",
                                          partial(_document_made, doc, site, linker))
            self._add(files, config, src, partial(str, markdown))
            self.keep[src] = [script]  # data for harvesters, never run

    def _add_course_prints(self, files: Files, config: MkDocsConfig) -> None:
        """Printable packs come last: the trainer's links to other pages are checked against every page."""
        assert self.pack_base is not None and self.linker is not None and self.result is not None
        result = self.result
        pages = {f.src_uri for f in files} | {print_src(c) for c in result.courses}
        missing: list[Problem] = []
        for course in result.courses:
            self._add(files, config, print_src(course),
                      partial(print_page, course, self.pack_base, self.linker, pages, missing, self.pdfs))
        if missing:
            raise PluginError("\n".join(str(p) for p in sorted(set(missing))))
        if self.pdfs:
            self._add_course_pdfs(files, config)

    def _add_course_pdfs(self, files: Files, config: MkDocsConfig) -> None:
        """The handouts as files to download: laid out once, then taken from the cache while the text is the same."""
        assert self.pack_base is not None and self.site is not None and self.result is not None
        result = self.result
        cache = self.site.project.root / PDF_CACHE
        try:
            for course in result.courses:
                for src, _label, options in pdf_srcs(course):
                    data = course_pdf(course, self.pack_base, options, cache)
                    files.append(File.generated(config, src, content=data))
            prune_cache(cache)
        except PdfError as err:
            raise PluginError(f"không dựng được PDF của khóa học: {err}; hoặc đặt 'course_pdfs: false' cho plugin "
                              "sotay trong mkdocs.yml") from None

    def _add(self, files: Files, config: MkDocsConfig, src: str, render: Callable[[], str],
             in_nav: bool = False) -> str | None:
        """Add a generated page; its Markdown, or None when the editors wrote a page of that name."""
        if files.get_file_from_path(src) is not None:
            return None  # a page the editors wrote wins over a generated one
        content = render()
        file = File.generated(config, src, content=content)
        if not in_nav:  # document pages are reached from the index, never listed in every page's nav
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
        self.generated.add(src)
        return content

    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        read = self.read.get(src) if self.incremental else None
        if read is not None and read.markdown == markdown:
            return read.final  # made while planning the rebuild
        return self._final_markdown(markdown, src)

    def _final_markdown(self, markdown: str, src: str) -> str:
        # Generated pages are linked when they are made; the editors' own pages are linked here.
        if src in self.generated:
            return markdown
        assert self.linker is not None and self.site is not None
        if src == "index.md":  # the home page says which edition this is and how old its content is
            markdown = f"{markdown.rstrip()}\n\n{stamp(self.site.edition, __version__, self.site.documents)}\n"
            if MONTH_MARKER in markdown and self.month is not None:  # and this month's path, where the editors put it
                block = self.month()
                self.keep[src] = script_elements(block)  # the month's data, made from the validated topics
                markdown = markdown.replace(MONTH_MARKER, block, 1)
        structured = self.structured.get(src)
        if structured is not None:  # a topic, checklist, template or criteria file: made from the validated data
            page_md = structured()
            pages = self.path_pages
            if pages is not None and (step := pages.places.get(src)) is not None:  # ends with the steps around it
                ends = self._kept(f"{src}#steps", self.steps_key, partial(step_nav, step, src, pages, self.linker))
                page_md = f"{page_md.rstrip()}\n\n{ends}\n"
            return page_md
        return self.linker.link_markdown(markdown, src, path=src).text  # checked whole by the loader already

    @event_priority(-110)  # after every other plugin has read the Markdown (`sotay generate` keeps it as it is)
    def _take_blocks(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The HTML blocks sotay made for a page go round Python-Markdown (sotay.rawhtml)."""
        src = page.file.src_uri
        return self.blocks.take(src, markdown) if src in self.generated or src in self.structured else markdown

    on_page_markdown = CombinedEvent(_page_markdown, _take_blocks)

    @event_priority(110)  # before any other plugin reads the HTML
    def _put_back_blocks(self, html_content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.blocks.put_back(page.file.src_uri, html_content)

    @event_priority(-90)  # after any other plugin has changed the content: what the sanitizer lets through stays
    def _sanitize(self, html_content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Every page's content goes through the one sanitizer, and every title the theme prints is escaped.

        Material prints page.meta.title, page.title and the front matter's description and author as they are
        (MkDocs' templates do not autoescape), and strips tags from a title taken from the first heading after
        decoding its entities ('&lt;/title&gt;' would end the <title>). A front-matter value is escaped here, once;
        a title from the heading is already HTML text, and is handed to the theme as front matter when decoding
        it would give markup ('<') or another entity ('&'), so that the theme prints it as it is.
        """
        content = sanitize_page(html_content, self.keep.get(page.file.src_uri, ()))
        meta = page.meta
        for key in PRINTED_META:
            if isinstance(meta.get(key), str):
                meta[key] = html.escape(meta[key], quote=key not in ("title", "subtitle"))
        heading = page.title if "title" not in meta and not page.is_homepage else None
        if heading and re.search(r"[<&]", html.unescape(heading)):
            meta["title"] = heading  # the theme would decode it into markup, or into another entity
        return content

    on_page_content = CombinedEvent(_put_back_blocks, _sanitize)

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        # MkDocs gives error pages absolute URLs ("/assets/..."), which break a site opened from file://.
        if template_name != "404.html":
            return context
        base = error_page_base(config.site_url or "", config.use_directory_urls)
        if base == ".":
            context["base_url"] = base
            context["extra_css"] = [normalize_url(str(path), None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(path), None, base) for path in config.extra_javascript]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # A page loads only the scripts it uses (Material's own come from the theme).
        urls = [relative_url(f"{ASSET_DIR}/{name}", page.url) for name in scripts_for(output)]
        return with_scripts(output, urls)

    # ---- Rebuilds while serving: only what changed (sotay.incremental decides; these events wire it). ----

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Every file is known now (the search plugin's too): say which to write again."""
        if not self.incremental:
            return nav
        key = (config.config_file_path or "", config.site_dir)
        if self.memory_of != key:
            self.memory, self.memory_of = None, key
        pages = {f.src_uri: f for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)}
        digests = {}
        read, self.read = self.read, {}
        for src, file in pages.items():
            text = file.content_string  # read once: on_page_markdown takes the final Markdown made here
            last = read.get(src)  # what the last build read: the same text, the same front matter
            markdown = last.markdown if last is not None and last.text == text else front_matter.get_data(text)[0]
            final = self._final_markdown(markdown, src)
            keep = tuple(self.keep.get(src, ()))
            if last is not None and (last.text, last.final, last.keep) == (text, final, keep):
                digests[src] = last.digest
            else:
                digests[src] = digest(text, final, *keep)
            self.read[src] = _Read(text, markdown, final, keep, digests[src])
        generated = {f.abs_dest_path: digest(f.content_bytes) for f in files
                     if not f.is_documentation_page() and f.abs_src_path is None}
        shared = digest(*self._shared_inputs(config), *(f"{src}\0{file.url}" for src, file in sorted(pages.items())))
        memory = self.memory
        decided = plan(memory, shared, digests)
        self.planned = True
        self.rebuild = _Rebuild(files, shared, frozenset(page.file.src_uri for page in nav.pages), decided, digests,
                                generated)
        if memory is not None:  # outputs of files that are gone
            self._remove(memory.outputs - {f.abs_dest_path for f in files}, config.site_dir)
        if decided.full:
            for file in pages.values():  # the folder holds the last build: its pages may look newer than sources
                file.is_modified = partial(bool, True)  # type: ignore[method-assign]
            reason = "lần dựng trước không thành" if self.failed else decided.reason
            if reason:
                log.info(f"sotay: dựng lại toàn bộ ({reason})")
            return nav
        assert memory is not None
        for src, file in pages.items():
            again = src in decided.changed or not os.path.isfile(file.abs_dest_path)
            file.is_modified = partial(bool, again)  # type: ignore[method-assign]
        for file in files:  # the other generated files; a page, or a file copied from the disk, MkDocs times itself
            if (made := generated.get(file.abs_dest_path)) is not None:
                again = memory.files.get(file.abs_dest_path) != made or not os.path.isfile(file.abs_dest_path)
                file.is_modified = partial(bool, again)  # type: ignore[method-assign]
        log.info(f"sotay: dựng lại {len(decided.changed)}/{len(pages)} trang có thay đổi")
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Pages not rendered again get what the last build knew of them (titles for the navigation, anchors for
        the links); a changed title in the navigation means every page is rendered again."""
        if not self.incremental:
            return env
        # The theme's templates, compiled once while serving: MkDocs makes a new environment for every build.
        key = (tuple(config.theme.dirs), str(config.theme.locale), self.rebuild.shared if self.rebuild else "")
        if self.env_cache is not None and self.env_cache[0] == key:
            env = self.env_cache[1]
        self.env_cache = (key, env)
        rebuild, memory = self.rebuild, self.memory
        if rebuild is None or rebuild.plan.full or memory is None:
            return env
        changed = rebuild.plan.changed
        pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if f.page is not None]
        renamed = []
        for page in pages:
            state = memory.pages.get(page.file.src_uri)
            if state is None:
                continue
            if page.markdown is None:  # not rendered again
                page.markdown = state.markdown
                page.meta = dict(state.rendered["meta"])
                page._title_from_render = state.rendered["title"]
                page.present_anchor_ids = state.rendered["anchors"]
                page.toc = state.rendered["toc"]
                page.links_to_anchors = {target: found for src, found in state.rendered["links"].items()
                                         if (target := files.get_file_from_path(src)) is not None}
            elif page.file.src_uri in rebuild.in_nav and _shown_in_nav(page) != state.rendered["nav"]:
                renamed.append(page)  # what the navigation shows of it (Material: title, icon, subtitle, status)
        if renamed:
            log.info(f"sotay: dựng lại toàn bộ (tên trang trong mục lục đã đổi: {renamed[0].file.src_uri})")
            for page in pages:
                if page.file.src_uri not in changed:
                    page.markdown = None
                    _populate_page(page, config, files)
                page.file.is_modified = partial(bool, True)  # type: ignore[method-assign]
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Remember this build for the next one while serving."""
        if self.incremental and self.rebuild is not None:
            self._remember(self.rebuild)
        if self.incremental:
            self.made.end_load()  # what this build did not use goes
        self.failed = False
        self.rebuild = None

    def on_build_error(self, *, error: Exception) -> None:
        """A build that failed before it planned what to write (on_nav: a content error, found when the base is
        checked) has written and removed nothing: the last build's memory still holds, and the save that mends
        the error is rebuilt as any other. One that failed later may have written some pages, or ended with
        warnings in strict mode (after on_post_build): the next one renders every page, so that each page's
        warnings are given again, and still removes what files that are gone left behind."""
        if not self.planned:
            return
        outputs = self.memory.outputs if self.memory is not None else set()
        if self.rebuild is not None:
            outputs |= {f.abs_dest_path for f in self.rebuild.files}
        self.memory = Memory("", outputs=outputs) if self.incremental else None  # "" is no build's shared digest
        self.rebuild = None
        self.failed = True

    def _shared_inputs(self, config: MkDocsConfig) -> list[str | bytes]:
        """What every page depends on: versions, configuration, edition, addresses, the theme's own templates."""
        if self.versions is None:
            self.versions = [__version__, mkdocs_version, metadata.version("mkdocs-material")]
        inputs: list[str | bytes] = [*self.versions, self.config.edition, config.site_url or "",
                                     str(config.use_directory_urls)]
        if config.config_file_path:
            inputs.append(Path(config.config_file_path).read_bytes())
        custom = config.theme.custom_dir
        if custom and os.path.isdir(custom):
            for path in sorted(Path(custom).rglob("*")):
                if path.is_file():
                    inputs.append(f"{path.relative_to(custom)}\0{path.stat().st_size}\0{path.stat().st_mtime_ns}")
        return inputs

    def _remember(self, rebuild: _Rebuild) -> None:
        memory = Memory(rebuild.shared, files=rebuild.generated)
        for file in rebuild.files:
            memory.outputs.add(file.abs_dest_path)
            page = file.page
            if file.is_documentation_page() and page is not None and page.markdown is not None:
                links = {target.src_uri: found for target, found in (page.links_to_anchors or {}).items()}
                memory.pages[file.src_uri] = PageState(
                    rebuild.pages.get(file.src_uri, ""), page.markdown,
                    {"meta": dict(page.meta), "title": page._title_from_render, "nav": _shown_in_nav(page),
                     "anchors": page.present_anchor_ids, "toc": page.toc, "links": links})
        self.memory = memory

    @staticmethod
    def _remove(paths: set[str], site_dir: str) -> None:
        root = os.path.realpath(site_dir)
        for path in paths:
            if os.path.realpath(path).startswith(root + os.sep) and os.path.isfile(path):
                os.remove(path)
                folder = os.path.dirname(os.path.realpath(path))
                while folder != root and folder.startswith(root + os.sep) and not os.listdir(folder):
                    os.rmdir(folder)  # a folder the removed files leave empty goes too
                    folder = os.path.dirname(folder)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(load_project(config.config_file_path).directives_dir))
        return server

