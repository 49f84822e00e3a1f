"""The project on disk: where mkdocs.yml is, and the folders it names.

mkdocs.yml is read as plain YAML (its !!python tags are ignored), so the core
needs no MkDocs to know where the content lives.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import __version__
from .builder import BuilderMissing, builder_name
from .frontmatter import FAST_LOADER, yaml_reason

# ProperDocs reads the same file under its own name; a project being moved may hold both (config_names).
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")
PLUGIN_NAME = "sotay"
SEARCH_PLUGIN_NAME = "sotay-search"
SEARCH_PAGE = "tim-kiem.md"  # where the search plugin puts its page unless told otherwise


class ProjectError(Exception):
    """The project cannot be opened (no config file, unreadable config)."""


class _TolerantLoader(FAST_LOADER):  # type: ignore[misc,valid-type]  # a class chosen at import
    """Reads mkdocs.yml without executing or rejecting its tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    directives_dir: Path
    site_url: str
    use_directory_urls: bool
    search_page: str | None = None  # the page the sotay-search plugin adds, when it is listed

    def public_url(self, url: str) -> str:
        """A site-relative URL made absolute with site_url when the project has one."""
        base = self.site_url.rstrip("/")
        return f"{base}/{url}" if base else url

    def relative(self, path: Path) -> str:
        """A path as the editor sees it: relative to the project root when inside it.

        Paths are not resolved, so a symlink loop is reported as a file, not raised.
        """
        here = "" if path.is_absolute() and self.root.is_absolute() else os.getcwd()  # what abspath reads
        return _relative(path, self.root, here)


@lru_cache(maxsize=16384)  # while serving, every file's path on every rebuild
def _relative(path: Path, root: Path, _cwd: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return Path(relative).as_posix() if not relative.startswith("..") else str(path)


def find_config(config_file: str | Path | None, cwd: Path | None = None) -> Path:
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ProjectError(f"không tìm thấy tệp cấu hình '{config_file}'")
        return path
    here = cwd or Path.cwd()
    for name in config_names():
        if (here / name).is_file():
            return here / name
    raise ProjectError(f"không tìm thấy mkdocs.yml (hay properdocs.yml) trong '{here}'; hãy chạy lệnh trong thư "
                       "mục dự án hoặc chỉ tệp cấu hình bằng -f")


def config_names() -> tuple[str, ...]:
    """The names a project's config goes by, the builder's own first: ProperDocs looks for properdocs.yml
    before mkdocs.yml, so sotay reads the file the builder will."""
    try:
        first = builder_name()
    except BuilderMissing:
        first = "mkdocs"
    return tuple(sorted(CONFIG_NAMES, key=lambda name: not name.startswith(first)))


def plugin_options(config: dict[str, Any], name: str = PLUGIN_NAME) -> dict[str, Any] | None:
    """The options a plugin is given in mkdocs.yml (list or mapping form): {} when it is listed bare,
    None when it is not listed."""
    plugins = config.get("plugins")
    entries = [plugins] if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    for entry in entries:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name]) if isinstance(entry[name], dict) else {}
    return None


def load_project(config_file: str | Path | None = None, cwd: Path | None = None) -> Project:
    path = find_config(config_file, cwd)
    try:
        config = yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ProjectError(f"{where}: không đọc được cấu hình: {yaml_reason(err)}") from None
    except UnicodeDecodeError:
        raise ProjectError(f"{path}: không đọc được cấu hình: tệp không phải UTF-8") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{path}: cấu hình phải là các cặp 'khóa: giá trị'")
    root = path.parent
    options = plugin_options(config) or {}
    search = plugin_options(config, SEARCH_PLUGIN_NAME)
    return Project(
        root=root,
        config_file=path,
        docs_dir=root / str(config.get("docs_dir", "docs")),
        site_dir=root / str(config.get("site_dir", "site")),
        directives_dir=root / str(options.get("directives", "directives")),
        site_url=str(config.get("site_url") or ""),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        search_page=None if search is None else str(search.get("page", SEARCH_PAGE)),
    )


# What a change in the content shows in: the files that the base, and so every index of it, is made from.
SOURCE_SUFFIXES = (".md", ".yml", ".yaml")


def source_state(project: Project) -> str:
    """A digest of the name, size and modification time of every file the base is read from (config, docs/ and
    directives/ Markdown and YAML), and of sotay's version: equal digests mean nothing was edited since, without
    reading a file. Costs a stat per file (about 10 ms for 2,000 files)."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    for folder in sorted({project.docs_dir, project.directives_dir}):
        for path, info in _walk(folder):
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    with contextlib.suppress(OSError):
        info = project.config_file.stat()
        digest.update(f"{project.config_file}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _walk(folder: Path) -> list[tuple[str, os.stat_result]]:
    """(path, stat) of the content files under folder, in a stable order: the files the loader reads (it walks
    hidden folders too, not links to folders; it leaves out hidden files)."""
    found: list[tuple[str, os.stat_result]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):  # as rglob: a link to a folder is not followed (it could loop)
                found += _walk(Path(entry.path))
            elif not entry.name.startswith(".") and entry.name.endswith(SOURCE_SUFFIXES):
                found.append((entry.path, entry.stat()))
        except OSError:
            continue
    return sorted(found, key=lambda item: item[0])
