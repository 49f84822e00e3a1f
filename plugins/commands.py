"""`sotay build` and `sotay serve`: MkDocs (or ProperDocs, see engine.py) driven from the sotay CLI.

This is the one place outside plugins that touches the builder, so the core stays
free of it. A build goes to a fresh folder beside the target and replaces the
old site only when it has succeeded: a failed build never leaves a half site.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import BasePlugin

from sotay.loader import LoadResult
from sotay.targets import shared_mode, work_path

from . import engine

PLUGIN = "sotay"
log = logging.getLogger("mkdocs.commands.serve")
_HANDLER = logging.StreamHandler(sys.stderr)


class SiteBuildError(Exception):
    """The site could not be built; the message says why, without a traceback."""


@dataclass(frozen=True)
class BuildReport:
    site_dir: Path
    pages: int
    seconds: float


class _Formatter(logging.Formatter):
    """Errors as they are (ours already read 'path:line: error: ...'); warnings marked in Vietnamese."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            return message
        return f"cảnh báo: {message}" if record.levelno >= logging.WARNING else message


def _quiet_mkdocs_logging(verbose: bool = False) -> None:
    """Show the builder's warnings and errors on stderr, and its progress too when asked (-v)."""
    _HANDLER.setFormatter(_Formatter())
    for name in engine.LOGGERS:
        logger = logging.getLogger(name)
        if _HANDLER not in logger.handlers:
            logger.addHandler(_HANDLER)
        logger.setLevel(logging.INFO if verbose else logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, *, site_dir: Path | None = None, edition: str | None = None,
               preloaded: LoadResult | None = None, offline: bool = False, verbose: bool = False,
               extra_plugins: dict[str, BasePlugin[Any]] | None = None, marker: str | None = None) -> BuildReport:
    """Build into a temporary folder, then swap it in place of the site folder.

    `extra_plugins` join the configured ones for this build only (sotay generate listens with one)."""
    _quiet_mkdocs_logging(verbose)
    start = time.monotonic()
    try:
        config = load_config(config_file=str(config_file))
    except MkDocsException as err:
        raise SiteBuildError(str(err)) from None
    target = (site_dir or Path(config.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = work_path(target, "new", folder=True)
    config["site_dir"] = str(staging)
    if offline:  # page.html addresses: folders do not open their index.html from file://
        config["use_directory_urls"] = False
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        plugin.incremental = False  # a build into a fresh folder renders every page (the plugin may outlive a serve)
        if edition:
            plugin.config.edition = edition
        plugin.preloaded = preloaded
    for name, extra in (extra_plugins or {}).items():
        config.plugins[name] = extra  # registers its events, after the configured plugins'
    try:
        with fewer_collections():
            build(config)
    except (MkDocsException, OSError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        # MkDocs has logged what went wrong already; its closing 'Aborted with a BuildError!' adds nothing.
        raise SiteBuildError("" if isinstance(err, Abort) else str(err)) from None
    except Exception as err:  # a fault of ours: said in one line (MkDocs has named the page), never a traceback
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError(f"lỗi không lường trước khi dựng trang ({type(err).__name__}: {str(err)[:300]}); "
                             "trang cũ giữ nguyên; xin báo lỗi này cho người phát triển") from None
    except BaseException:  # Ctrl-C: the half-built folder goes, the old site stays
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if marker:  # says that sotay made the folder, so that a later build may replace it
        (staging / marker).write_text("Thư mục trang do sotay build dựng; lần dựng sau thay cả thư mục.\n", "utf-8")
    swap(staging, target)
    pages = sum(1 for _ in target.rglob("*.html"))
    return BuildReport(target, pages, time.monotonic() - start)


def swap(staging: Path, target: Path) -> None:
    """Replace target by staging with two renames, so the site is never half-written.

    The folder gets the permissions of any new folder (mkdtemp makes it the owner's only), so a web server or
    a colleague can read it. If a rename fails, the old folder stays in place and the staging one goes."""
    old = None
    try:
        shared_mode(staging, folder=True)
        if target.exists():
            old = work_path(target, "old", folder=True)
            old.rmdir()
            target.rename(old)
        staging.rename(target)
    except OSError as err:
        if old is not None and not target.exists():
            old.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError(f"không thay được thư mục '{target}': {err.strerror}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a 'dirty' build may leave navigation wrong; sotay's rebuilds while serving are dirty only
    for pages whose inputs did not change, and it renders everything again when the navigation changes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def allow_dirty_builds() -> None:
    """Drop the builder's warning about dirty builds, on its own logger: a strict build counts warnings before
    any handler sees them, and would fail every rebuild for it."""
    for name in engine.LOGGERS:
        logger = logging.getLogger(f"{name}.commands.build")
        if not any(isinstance(f, _NoDirtyWarning) for f in logger.filters):
            logger.addFilter(_NoDirtyWarning())


# Python's cycle collector by default runs after every 700 new objects, and goes through every object that has
# lived long once ten of those have run ten times. A build makes millions of objects, most of them short-lived
# and never in a cycle: at 2,000 pages the default cost 0.77 s of a 16 s build. While sotay builds, it runs after
# every 50,000, and goes through the long-lived ones a hundred times less often (peak memory measured in README).
BUILD_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The cycle collector set for a build (BUILD_THRESHOLDS), as it was afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Collector:
    """The cycle collector while serving. The plugins keep the model and the search index between rebuilds
    (hundreds of thousands of objects), and the collector went through them several times in every rebuild:
    a third of a second of each at 2,000 pages. So a moment after each build, once the browsers have the new
    pages, everything is collected once and what is left is set aside (gc.freeze): the next rebuild's
    collections go through what it makes, not through what it keeps. A save before that moment puts it off."""

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self.later: threading.Timer | None = None

    @contextmanager
    def building(self) -> Iterator[None]:
        if self.later is not None:
            self.later.cancel()
        try:
            with fewer_collections():
                yield
        finally:
            self.later = threading.Timer(self.delay, self.settle)
            self.later.daemon = True  # never keeps the process alive
            self.later.start()

    @staticmethod
    def settle() -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def serve_site(config_file: Path, *, dev_addr: str, edition: str | None = None) -> None:
    """Serve the site for editors and rebuild when content changes (MkDocs' live reload server): into the same
    folder, each rebuild rendering only the pages whose inputs changed (the sotay plugin decides,
    sotay.incremental). MkDocs' own `serve` in all but the watcher, which hears of a save as it happens."""
    from mkdocs.livereload import LiveReloadServer  # and watchdog with it: only serving needs them

    from .watch import QUIET, watcher

    _quiet_mkdocs_logging(verbose=True)
    allow_dirty_builds()
    if edition:
        os.environ["SOTAY_EDITION"] = edition  # read by mkdocs.yml: edition: !ENV [SOTAY_EDITION, toan-quoc]
    site_dir = tempfile.mkdtemp(prefix="sotay-serve-")
    collector = Collector()
    config: MkDocsConfig | None = None
    try:
        config = load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)
        config.plugins.on_startup(command="serve", dirty=True)
        host, port = config.dev_addr
        server = LiveReloadServer(builder=lambda: None, host=host, port=port, root=site_dir,
                                  mount_path=urlsplit(config.site_url or "/").path)
        url = config.site_url = server.url

        def builder(current: MkDocsConfig | None = None) -> None:
            log.info("sotay: đang dựng trang...")
            if current is None:  # a rebuild reads the configuration again, as MkDocs' serve does
                current = load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)
                current.site_url = url
            with collector.building():
                build(current, serve_url=url, dirty=True)

        server.builder = builder
        server.observer = watcher()  # type: ignore[assignment]  # any watchdog observer serves
        server.build_delay = QUIET
        server.error_handler = partial(_error_page, site_dir)
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("sotay: dừng xem trước")
        finally:
            server.shutdown()
    except MkDocsException as err:
        raise SiteBuildError(str(err)) from None
    finally:
        if config is not None:
            config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _error_page(site_dir: str, code: int) -> bytes | None:
    """The site's own 404 (or 500) page, as MkDocs' serve answers."""
    page = Path(site_dir, f"{code}.html")
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
