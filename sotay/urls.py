"""Page addresses as MkDocs makes them, computed without MkDocs.

Generated raw HTML (tables, diagrams) is not rewritten by MkDocs, so its links
must already be the final relative URLs.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of a Markdown page: 'van-ban/x.md' -> 'van-ban/x/'."""
    stem, ext = posixpath.splitext(src)
    if ext != ".md":
        return src
    folder, name = posixpath.split(stem)
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if use_directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if use_directory_urls else f"{prefix}{name}.html"


def relative_url(target: str, from_url: str) -> str:
    """Link from the page at `from_url` to `target` (both site-relative)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return rel


@lru_cache(maxsize=65536)  # listings link every document, on every build and rebuild
def link_between(from_src: str, to_src: str, use_directory_urls: bool = True, anchor: str | None = None) -> str:
    """Final relative URL from one page to another (or to an asset), with an optional anchor."""
    url = relative_url(page_url(to_src, use_directory_urls), page_url(from_src, use_directory_urls))
    return f"{url}#{anchor}" if anchor else url


def error_page_base(site_url: str, directory_urls: bool) -> str:
    """Where the links of the error page (404.html, at the site's root) start from. A site made for file://
    (page.html addresses, no site_url: a bundle) links relatively, which works wherever the folder is opened;
    a site made for a web server keeps absolute links from its path, since the server shows the page at any
    missing address, however deep."""
    if not site_url and not directory_urls:
        return "."
    return urlsplit(site_url or "/").path or "/"
