"""While serving: the theme's folders listed once, not at every rebuild."""

from __future__ import annotations

import os
import sysconfig
from collections.abc import Callable, Collection, Hashable
from functools import cache, partial
from pathlib import Path

from jinja2 import Environment
from mkdocs.theme import Theme


@cache  # asked only while serving: every build imports this module
def _installed_roots() -> tuple[str, ...]:
    """Where installed packages live: a theme there does not change while the server runs."""
    return tuple({os.path.realpath(sysconfig.get_paths()[name]) for name in ("purelib", "platlib")})


def installed(folder: str) -> bool:
    """Whether a theme folder belongs to an installed package (Material's, MkDocs' own), not to the project."""
    real = os.path.realpath(folder)
    return any(real == root or real.startswith(root + os.sep) for root in _installed_roots())


def _names(folder: str) -> tuple[str, ...]:
    """Every file under a folder, by its path inside it."""
    return tuple(sorted(str(Path(top, name).relative_to(folder)) for top, _dirs, names in os.walk(folder)
                        for name in names))


# Where the builder's filter of static files is defined (MkDocs', or ProperDocs' when MkDocs is absent).
_THEIR_FILTERS = ("mkdocs.structure.files", "properdocs.structure.files")


class ThemeListing:
    """MkDocs lists every file of the theme's folders at each build to find the static ones, and filters each
    name through a dozen patterns: 14,510 names in Material (its icons), 0.05 s of every rebuild at 2,000 pages.
    An installed theme does not change while serving, so what the listing gave is kept; a folder of the
    project's own (custom_dir) is listed every time, and a file added to it or removed lists everything again."""

    def __init__(self) -> None:
        self.kept: tuple[Hashable, list[str]] | None = None
        self.listed = 0  # how many times the theme was listed whole (for the tests)

    def wire(self, theme: Theme) -> None:
        """Have the environments this theme makes list through this object."""
        make = theme.get_env

        def get_env() -> Environment:
            env = make()
            env.list_templates = partial(self.list_templates, env, theme)  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def list_templates(self, env: Environment, theme: Theme, extensions: Collection[str] | None = None,
                       filter_func: Callable[[str], bool] | None = None) -> list[str]:
        if filter_func is not None and getattr(filter_func, "__module__", None) not in _THEIR_FILTERS:
            return Environment.list_templates(env, extensions, filter_func)  # another's filter: not known to keep
        # MkDocs' filter reads the theme's static templates and the Markdown extensions (a constant), no more.
        own = tuple((folder, _names(folder)) for folder in theme.dirs if not installed(folder))
        key = (tuple(theme.dirs), own, tuple(sorted(theme.static_templates)),
               tuple(extensions) if extensions is not None else None,
               filter_func is not None)
        if self.kept is None or self.kept[0] != key:
            self.kept = (key, Environment.list_templates(env, extensions, filter_func))
            self.listed += 1
        return list(self.kept[1])
