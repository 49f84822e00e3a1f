"""Relative links in the editors' pages, checked as the strict build checks them, so that `check` reports them
first, at their own line: a link to a page or file the site will not have, or to a heading a page lacks.

MkDocs resolves a link from the folder of the page that holds it; one whose last part has no extension
('../chu-de/') it leaves as it is, and so does this check. Anchors are checked on the editors' plain pages,
whose headings are known here; the pages the plugin makes are checked whole by the build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import unquote

from .body import headings, masked_lines
from .problems import Problems, did_you_mean
from .srcs import FILE_FOLDERS

# An inline link or image: [text](target "title") or [text](<target with spaces>)
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^<>\n]*>|[^\s()<>]+)")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Ids the page sets itself, beside its headings' anchors: {#id}, {: #id .class}, id="x" in its raw HTML
OWN_ID = re.compile(r"\{:?[^{}\n]*?#([\w-]+)[^{}\n]*\}|\bid=[\"']?([\w-]+)")


def relative_links(text: str) -> Iterator[tuple[int, str]]:
    """(line, target) of each inline link outside code whose target is inside the site: not a web or mail
    address, not an absolute path."""
    for index, line, in_code in _without_indented_code(masked_lines(text)):
        if in_code or "](" not in line:
            continue
        for match in INLINE_LINK.finditer(line):
            target = match.group(1).strip("<>").strip()
            if target and not SCHEME.match(target) and not target.startswith("/"):
                yield index + 1, target


# What an indented line continues instead of being code: a list item or a call-out (admonition, details).
CONTINUED = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?)")


def _without_indented_code(lines: Iterator[tuple[int, str, bool]]) -> Iterator[tuple[int, str, bool]]:
    """The lines, an indented code block (four spaces or a tab, after a blank line, not under a list item or a
    call-out) marked as code: Markdown shows it as written, links included."""
    blank, code, continued = True, False, False
    for index, line, in_code in lines:
        if not line.strip():
            blank = True
            yield index, line, in_code
            continue
        indented = line.startswith(("    ", "\t"))
        if not indented:
            continued = CONTINUED.match(line) is not None
            code = False
        elif (blank or code) and not continued:
            code = True
        blank = False
        yield index, line, in_code or (indented and code)


def page_anchors(text: str) -> set[str]:
    """The anchors a plain page will have: each heading's (with the '_1', '_2' a repeated title gets), and the
    ids its attribute lists and raw HTML set."""
    anchors: set[str] = set()
    flush = "\n".join(line.lstrip() for line in text.split("\n"))  # headings inside call-outs count too
    for heading in headings(flush):
        anchor, n = heading.anchor, 1
        while anchor in anchors:
            anchor, n = f"{heading.anchor}_{n}", n + 1
        anchors.add(anchor)
    return anchors | {a or b for a, b in OWN_ID.findall(text)}


def docs_files(docs_dir: Path) -> set[str]:
    """The files of docs/ as MkDocs names them, the hidden ones left out as MkDocs leaves them out."""
    if not docs_dir.is_dir():
        return set()
    found = set()
    for path in docs_dir.rglob("*"):
        relative = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.add(relative.as_posix())
    return found


def check_page_links(pages: Mapping[str, tuple[str, str]], plain: Mapping[str, str], made: set[str],
                     files: set[str], problems: Problems) -> None:
    """Report each relative link of `pages` (src -> (path for messages, text)) whose target the site lacks.

    `plain` holds the text of the pages whose anchors are known here; `made` the pages the plugin adds;
    `files` what docs/ holds."""
    known = made | files
    anchors_of: dict[str, set[str]] = {}  # a page's anchors, worked out once however many links reach it
    for src, (path, text) in pages.items():
        for line, target in relative_links(text):
            address, _, anchor = target.partition("#")
            anchor = unquote(anchor)
            address = address.partition("?")[0]
            if not address:  # '#anchor': this very page
                wanted, page = src, src
            else:
                wanted = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(address)))
                page = wanted
                if "." not in posixpath.basename(address) or wanted.startswith(FILE_FOLDERS):
                    continue  # left as it is by MkDocs, or a file the build makes
                if wanted == ".." or wanted.startswith("../"):
                    problems.add(path, line, f"liên kết '{target}' trỏ ra ngoài thư mục trang web (docs/)")
                    continue
                if wanted not in known:
                    pages_like = sorted(s for s in known if s.endswith(".md")) if wanted.endswith(".md") else []
                    hint = did_you_mean(wanted, pages_like)
                    what = "trang" if wanted.endswith(".md") else "tệp"
                    problems.add(path, line, f"liên kết '{target}' trỏ tới {what} không có trên trang web "
                                 f"('{wanted}', tính từ thư mục của trang này){hint}")
                    continue
            if not anchor or page not in plain:
                continue
            if page not in anchors_of:
                anchors_of[page] = page_anchors(plain[page])
            anchors = anchors_of[page]
            if anchor not in anchors:
                where = "trang này" if page == src else f"trang '{page}'"
                problems.add(path, line, f"liên kết '{target}': {where} không có mục nào mang neo '#{anchor}'"
                             f"{did_you_mean(anchor, anchors)}")
