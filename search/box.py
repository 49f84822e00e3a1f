"""The search boxes put into built pages: one in the header of every page, one in each `[data-sotay-search-box]`.

Each box is a plain GET form to the search page (`?q=`), which reads the query:
without JavaScript it still searches. box.js turns it into a box whose results
appear under it as one types. The header box goes inside Material's header bar
(`.md-header__inner`), so it stays in the sticky header; a theme without that bar
gets it as a bar of its own at the top of the body.
"""

from __future__ import annotations

import html
import re

ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27'
        'A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 '
        '12 5 9.5 5"/></svg>')
PLACEHOLDER = "Ví dụ: biên bản, KL18"
HEADER_FORM_ID = "sotay-hsearch-form"

_HEADER_BAR = re.compile(r'<nav\b[^>]*\bclass="md-header__inner\b[^"]*"[^>]*>')
_NAV_END = re.compile(r"</nav>", re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# The element a page author writes, e.g. <div class="sotay-home-search" data-sotay-search-box></div>: filled once.
_BOX = re.compile(r'(<div\b[^>]*\sdata-sotay-search-box(?:=""|\s|(?=>))[^>]*>)\s*(</div>)')


def search_form(action: str, input_id: str, *, header: bool) -> str:
    """A GET form to the search page; `action` is the search page's URL relative to this page."""
    kind = "header" if header else "page"
    label_class = "sotay-sbox__label sotay-visually-hidden" if header else "sotay-sbox__label"
    button = ICON if header else f"{ICON}<span>Tìm</span>"
    form_id = f' id="{HEADER_FORM_ID}"' if header else ""
    name = "Tìm nhanh" if header else "Tìm trong Sổ tay"  # two search landmarks on the home page, told apart
    return (f'<form{form_id} class="sotay-sbox sotay-sbox--{kind}" role="search" aria-label="{name}" '
            f'action="{html.escape(action)}" method="get" data-sotay-suggest>'
            f'<label class="{label_class}" for="{input_id}">Tìm trong Sổ tay</label>'
            '<div class="sotay-sbox__row">'
            f'<input class="sotay-sbox__input" id="{input_id}" type="search" name="q" autocomplete="off" '
            f'spellcheck="false" enterkeyhint="search" placeholder="{PLACEHOLDER}">'
            f'<button class="sotay-sbox__submit" type="submit" aria-label="Tìm" title="Tìm">{button}</button>'
            "</div></form>")


def header_search(action: str) -> str:
    """The header's box. On a phone only its button shows; it opens the form under the header
    (box.js; without JavaScript the link targets the form, which CSS shows by :target)."""
    return ('<div class="sotay-hsearch" data-sotay-header-search>'
            f'<a class="md-header__button md-icon sotay-hsearch__open" href="#{HEADER_FORM_ID}" title="Tìm kiếm" '
            f'aria-label="Mở ô tìm kiếm">{ICON}</a>'
            f"{search_form(action, 'sotay-hq', header=True)}</div>")


def with_header_search(page_html: str, action: str) -> str:
    """The page with the header's box at the end of Material's header bar, or first in the body."""
    if "data-sotay-header-search" in page_html:
        return page_html
    box = header_search(action)
    bar = _HEADER_BAR.search(page_html)
    end = _NAV_END.search(page_html, bar.end()) if bar else None
    if bar and end:
        return page_html[:end.start()] + box + page_html[end.start():]
    body = _BODY.search(page_html)
    if body is None:
        return page_html
    bar_html = f'<div class="sotay-hsearch-bar">{box}</div>'
    return page_html[:body.end()] + bar_html + page_html[body.end():]


def fill_search_boxes(page_html: str, action: str) -> str:
    """Each empty `[data-sotay-search-box]` element gets a search form (ids numbered in page order)."""
    count = 0

    def fill(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(1) + search_form(action, f"sotay-q-{count}", header=False) + match.group(2)

    return _BOX.sub(fill, page_html)
