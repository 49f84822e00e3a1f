"""Options of the sotay-search plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from sotay.project import SEARCH_PAGE


class SearchConfig(base.Config):
    # Where the search page lives in the site.
    page = c.Type(str, default=SEARCH_PAGE)
