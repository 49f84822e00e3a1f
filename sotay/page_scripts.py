"""Which of the site's scripts a page needs, read from the page itself: a page loads only what it uses.

Each script names the markers that its code looks for; a page whose HTML has none of them gets no
script for it. sotay.js, the part they share, comes first whenever any other one is loaded.
"""

from __future__ import annotations

import html
import re

SHARED = "sotay.js"
# script -> the markers (attributes in the page's HTML) that its code starts from
NEEDS: dict[str, tuple[str, ...]] = {
    "filter.js": ("data-sotay-filter",),
    "home.js": ("data-sotay-home",),
    "planner.js": ('id="sotay-planner"',),
    "checklist.js": ("data-sotay-checklist",),
    "assessment.js": ("data-sotay-assessment",),
    "course.js": ('class="sotay-pack-controls',),
}
ASSETS = (SHARED, *NEEDS)
_BODY_END = re.compile(r"</body>", re.IGNORECASE)


def scripts_for(page_html: str) -> list[str]:
    """The scripts a page needs, in load order (the shared one first), or none."""
    wanted = [name for name, markers in NEEDS.items() if any(m in page_html for m in markers)]
    return [SHARED, *wanted] if wanted else []


def with_scripts(page_html: str, urls: list[str]) -> str:
    """The page with a script tag for each URL (relative to the page) before the body's end."""
    if not urls:
        return page_html
    tags = "".join(f'<script src="{html.escape(url)}"></script>' for url in urls)
    ends = list(_BODY_END.finditer(page_html))
    if not ends:
        return page_html + tags
    cut = ends[-1].start()
    return page_html[:cut] + tags + page_html[cut:]
