"""Scan Markdown bodies: headings with anchors, [[links]] and plain citations.

Scanning skips fenced code and inline code, so examples in an editor's guide
are never taken for links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .model import Provision
from .text import slugify

HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*(?:\{:?([^{}]*)\})?[ \t]*#*[ \t]*$")
ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
INLINE_MARKUP = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)|`+|[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
WIKILINK = re.compile(r"\[\[([^\[\]\n]*?)\]\]")
UNCLOSED = re.compile(r"\[\[[^\n]{0,40}")
# A document number as texts write it: 18-KL/TW, 08-QĐi/TW, 47 - KH/TU, 03-HD/BTCTU;
# optionally followed by its date, which gives the year.
CITATION = re.compile(
    r"(?<![\w/])(?P<number>\d{1,4}[a-z]?[ \t]?-[ \t]?[A-ZĐ][A-Za-zĐđ]*(?:/[A-ZĐ][A-ZĐa-z]*(?:-[A-ZĐ]+)*)+)(?![\w/])"
    r"(?:,?[ \t]+ngày[ \t]+\d{1,2}[ \t]*/[ \t]*\d{1,2}[ \t]*/[ \t]*(?P<year>\d{4}))?"
)
# A citation by kind and number alone, as texts often write it: "Chỉ thị số 29 của Ban Thường vụ Tỉnh ủy",
# "Hướng dẫn số 01". The words after the number (whose it is, of when) are kept to name it in a report.
# A kind in lower case counts only with "số" ("theo chỉ thị số 29"), and a number followed by a unit is a
# quantity, not a document: "kế hoạch 6 tháng", "quy định 90 phút", "thông báo 2 lần".
_KINDS = ("Chỉ thị", "Kết luận", "Nghị quyết", "Hướng dẫn", "Quy định", "Quyết định", "Kế hoạch", "Đề án",
          "Chương trình", "Công văn", "Thông báo")
_UNITS = r"(?:tháng|năm|quý|tuần|ngày|giờ|phút|lần|buổi|người|đảng viên|chi bộ|điểm|bước|nội dung|việc|%)"
BARE_CITATION = re.compile(
    rf"(?<!\w)(?:(?P<kind>{'|'.join(_KINDS)})[ \t]+(?:số[ \t]+)?"
    rf"|(?P<lower>{'|'.join(k.lower() for k in _KINDS)})[ \t]+số[ \t]+)"
    r"(?P<number>\d{1,4})(?![\w/-]|[ \t]*-[ \t]*[A-ZĐ]|[ \t]*%|[ \t]+" + _UNITS + r"(?!\w))"
    r"(?P<tail>[ \t]+(?:của|ngày)[ \t]+[^\s.;:,()\[\]\"“”]+(?:[ \t]+[^\s.;:,()\[\]\"“”]+){0,7})?"
)
MD_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|!?\[[^\]\n]*\]\[[^\]\n]*\]|<[^>\n]*>|https?://\S+")
ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str
    explicit: bool
    line: int


@dataclass(frozen=True)
class Match:
    """A [[link]] or a plain citation found in a text, at a line."""

    start: int
    end: int
    line: int
    raw: str


def masked_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (index, line with inline code blanked, inside a code fence)."""
    fence: str | None = None
    for index, line in enumerate(text.split("\n")):
        opened = FENCE.match(line) if ("```" in line or "~~~" in line) else None
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            yield index, line, True
            continue
        if opened:
            fence = opened.group(1)
            yield index, line, True
            continue
        yield index, (INLINE_CODE.sub(_blank, line) if "`" in line else line), False


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def headings(text: str, first_line: int = 1) -> list[Heading]:
    """Markdown ATX headings outside code, with their anchors."""
    return list(_headings(text, first_line))


@lru_cache(maxsize=8192)  # each document's body is read for its headings on every rebuild while serving
def _headings(text: str, first_line: int) -> tuple[Heading, ...]:
    found = []
    for index, line, in_code in masked_lines(text):
        match = None if in_code else HEADING.match(line)
        if match:
            level, title = len(match.group(1)), plain_text(match.group(2).strip())
            explicit = ATTR_ID.search(match.group(3) or "")
            anchor = explicit.group(1) if explicit else None
            found.append(Heading(level, title, anchor or slugify(title), anchor is not None,
                                 first_line + index))
    return tuple(found)


def plain_text(markdown: str) -> str:
    """Heading text as a reader sees it (and as the table of contents slugs it): no link targets, no marks."""
    return INLINE_MARKUP.sub(lambda m: m.group(1) or "", markdown).strip()


def provisions(found: list[Heading]) -> list[Provision]:
    """Headings of level 2 and 3: the provisions a link may point to."""
    return [Provision(h.anchor, h.title, h.level, h.line) for h in found if h.level in (2, 3)]


def summary(text: str) -> str:
    """The text before the first heading: the document's summary."""
    lines = []
    for _index, line, in_code in masked_lines(text):
        if not in_code and HEADING.match(line):
            break
        lines.append(line)
    return "\n".join(lines).strip()


Found = list[tuple[Match, re.Match[str]]]


def _find(pattern: re.Pattern[str], text: str, first_line: int, skip_headings: bool) -> Found:
    found = []
    offset = 0
    for index, line, in_code in masked_lines(text):
        if not in_code and not (skip_headings and HEADING.match(line)):
            for m in pattern.finditer(line):
                found.append((Match(offset + m.start(), offset + m.end(), first_line + index, m.group(0)), m))
        offset += len(line) + 1  # masking keeps every line's length
    return found


def find_wikilinks(text: str, first_line: int = 1) -> Found:
    return _find(WIKILINK, text, first_line, skip_headings=False)


def find_unclosed(text: str, first_line: int = 1) -> Found:
    """'[[' left open on its line: a link the editor forgot to close."""
    blanked = WIKILINK.sub(_blank, text)
    return _find(UNCLOSED, blanked, first_line, skip_headings=False)


def find_citations(text: str, first_line: int = 1) -> Found:
    """Plain-text document numbers outside code, headings and [[links]]."""
    blanked = WIKILINK.sub(_blank, text)
    blanked = MD_LINK.sub(_blank, blanked)
    return _find(CITATION, blanked, first_line, skip_headings=True)


def find_bare_citations(text: str, first_line: int = 1) -> Found:
    """Citations by kind and bare number ("Hướng dẫn số 01") outside code, headings and links."""
    blanked = MD_LINK.sub(_blank, WIKILINK.sub(_blank, text))
    return _find(BARE_CITATION, blanked, first_line, skip_headings=True)


def sections(text: str, heads: list[Heading], first_line: int = 1) -> list[tuple[Heading, str, int]]:
    """The text under each of `heads` (headings of `text`, in order) up to the next one of them.

    Each comes with the line of its first written line, so that links in it report their own line.
    """
    lines = text.split("\n")
    found = []
    for index, head in enumerate(heads):
        start = head.line - first_line + 1
        end = heads[index + 1].line - first_line if index + 1 < len(heads) else len(lines)
        while start < end and not lines[start].strip():
            start += 1
        found.append((head, "\n".join(lines[start:end]).rstrip(), first_line + start))
    return found


def section(text: str, anchor: str, first_line: int = 1) -> tuple[str, int] | None:
    """The text under the heading with this anchor, up to the next heading of its level or higher, and its line."""
    found = headings(text, first_line)
    for index, heading in enumerate(found):
        if heading.anchor == anchor:
            following = [h for h in found[index + 1:] if h.level <= heading.level][:1]
            _head, body, line = sections(text, [heading, *following], first_line)[0]
            return body, line
    return None
