"""The HTML that sotay writes into a page's Markdown, kept out of Python-Markdown's way.

A generated page (a document's panel and relation diagram, the index's table, a topic's panel) is mostly HTML
blocks that sotay has just made. Python-Markdown would parse each one with Python's HTML parser only to write it
out again as it was: at 2,000 pages that was 2.6 of the 6.6 seconds Markdown took. Here each such block, alone on
its line between blank lines, becomes an HTML comment that Markdown passes through, and goes back in place in the
HTML that Markdown gives. Only a block Markdown would write out unchanged is taken: one block-level element per
line, closed on that line, with no Markdown inside (`markdown="1"`). `tests/test_rawhtml.py` checks, page by page,
that the HTML is the same either way.
"""

from __future__ import annotations

import re
import secrets

from .body import masked_lines

BLOCK_TAGS = ("div", "figure", "table", "p", "ul", "ol", "section", "details", "script", "form", "nav", "aside")
_OPEN = re.compile(rf"<({'|'.join(BLOCK_TAGS)})[\s>]")
_PLACE = re.compile(r"<!--sotay-raw-([0-9a-f]+)-(\d+)-->")


def _one_element(line: str) -> bool:
    """Whether a line is one block-level element, opened at its start and closed at its end."""
    opened = _OPEN.match(line)
    if opened is None or " markdown=" in line:
        return False
    tag = opened.group(1)
    close = f"</{tag}>"
    if not line.endswith(close):
        return False
    depth = 0
    for found in re.finditer(rf"<(/?){tag}[\s>]", line):
        depth += -1 if found.group(1) else 1
        if depth == 0:  # the first element closes here: the line holds no other after it
            return found.start() == len(line) - len(close)
    return False


class RawBlocks:
    """The blocks taken out of the pages of one build, by page; a new nonce for each process, so that a page's
    own text cannot name a block."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)
        self.held: dict[str, list[str]] = {}

    def take(self, key: str, markdown: str) -> str:
        """The Markdown with its blocks replaced by placeholders; the blocks are held for `put_back`."""
        lines = markdown.split("\n")
        held: list[str] = []
        last = len(lines) - 1
        for i, _masked, in_code in masked_lines(markdown):  # a code block's lines are text to show, not HTML
            line = lines[i]
            if (not in_code and (i == 0 or not lines[i - 1].strip()) and (i == last or not lines[i + 1].strip())
                    and _one_element(line)):
                lines[i] = f"<!--sotay-raw-{self.nonce}-{len(held)}-->"
                held.append(line)
        self.held[key] = held
        return "\n".join(lines) if held else markdown

    def put_back(self, key: str, html: str) -> str:
        """The HTML with this page's blocks back in place of their placeholders."""
        held = self.held.pop(key, [])
        if not held:
            return html
        nonce = self.nonce
        return _PLACE.sub(lambda m: held[int(m.group(2))] if m.group(1) == nonce and int(m.group(2)) < len(held)
                          else m.group(0), html)
