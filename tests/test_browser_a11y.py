"""Every kind of page on a 360 px phone in real Chromium, from file://: axe-core finds nothing serious,
text is large enough, tap targets are large enough, nothing scrolls sideways.

axe-core comes from npm (package-lock.json), installed by `make`; it is injected into the page by the
test, never shipped in the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import Session, axe_problems

# One page of every kind the site makes.
PAGES = {
    "home": "index.html",
    "catalog": "chu-de/index.html",
    "topic": "chu-de/chung-tu-phe-binh-va-phe-binh.html",
    "cell landing": "chu-de/loai/thon.html",
    "planner": "chu-de/ke-hoach-nam.html",
    "checklists": "bang-kiem/index.html",
    "checklist": "bang-kiem/sinh-hoat-chuyen-de.html",
    "templates": "mau/index.html",
    "template": "mau/bien-ban-hop-chi-bo.html",
    "assessment": "tu-danh-gia/goi-y-so-tay.html",
    "courses": "khoa-hoc/index.html",
    "course": "khoa-hoc/bi-thu-chi-bo-moi.html",
    "course print": "khoa-hoc/ban-in/bi-thu-chi-bo-moi.html",
    "documents": "van-ban/index.html",
    "document": "van-ban/chi-thi-10-ct-tw.html",
    "timeline": "van-ban/dong-thoi-gian.html",
    "diagram": "van-ban/so-do-quan-he.html",
    "changes": "van-ban/thay-doi.html",
    "provinces": "van-ban/tinh-thanh.html",
    "search": "tim-kiem.html",
    "editors": "bien-tap/mo-hinh-van-ban.html",
    "not found": "404.html",
}
VISIBLE = "(selector) => Array.from(document.querySelectorAll(selector)).filter(el => el.offsetParent)"
# Running text under 16 px (printed forms and diagram legends aside).
SMALL_TEXT = f"""() => ({VISIBLE})('.md-content p, .md-content li')
    .filter(el => el.textContent.trim().length > 40 && !el.closest('.sotay-legend, nav, figure, .sotay-form'))
    .filter(el => parseFloat(getComputedStyle(el).fontSize) < 16).map(el => el.textContent.trim().slice(0, 50))"""
# Controls, or the labels around them, under 24 px tall.
TINY_TARGETS = """() => Array.from(document.querySelectorAll(['button', 'select', 'summary', 'input[type=checkbox]',
        'input[type=radio]'].map(s => '.md-content ' + s).join(', ')))
    .map(el => el.closest('label') || el).filter(el => el.offsetParent)
    .filter(el => el.getBoundingClientRect().height < 24).map(el => el.outerHTML.slice(0, 80))"""
SMALL_BUTTONS = f"""() => ({VISIBLE})('.md-content button')
    .filter(el => el.getBoundingClientRect().height < 44).map(el => el.textContent.trim())"""


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_accessibility_problem_on_a_phone(kind: str, shipped_site: Path, browser: Session) -> None:
    page = browser.page(360, 740)
    page.goto((shipped_site / PAGES[kind]).as_uri())
    assert axe_problems(page) == []
    # Nothing scrolls sideways on a 360 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate(SMALL_TEXT) == []  # body text is at least 16 px
    assert page.evaluate(TINY_TARGETS) == []  # no tap target under 24 px
    assert page.evaluate(SMALL_BUTTONS) == []  # buttons are 44 px and more
    assert browser.outside_requests() == []
    page.close()


def test_the_site_ships_no_unused_files(shipped_site: Path) -> None:
    """Material's lunr search and worker, and source maps, are never used: not in the site (the bundle zips it)."""
    files = [p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*") if p.is_file()]
    assert not [f for f in files if f.endswith(".map") or "/lunr/" in f or "/workers/" in f]
    assert any(f.startswith("assets/javascripts/bundle.") for f in files)  # Material's own script stays


def test_a_page_loads_only_the_scripts_it_uses(shipped_site: Path) -> None:
    def scripts(rel: str) -> set[str]:
        html = (shipped_site / rel).read_text("utf-8")
        return {name for name in ("sotay.js", "filter.js", "home.js", "planner.js", "checklist.js", "assessment.js",
                                  "course.js", "analyzer.js", "client.js", "search-index.js")
                if f'assets/sotay/{name}"' in html}

    # Every page has the header's search box (box.js); its engine comes only when a reader starts to search.
    assert all('assets/sotay/box.js"' in (shipped_site / rel).read_text("utf-8") for rel in PAGES.values())
    assert scripts("van-ban/chi-thi-10-ct-tw.html") == set()
    assert scripts("tim-kiem.html") == {"analyzer.js", "client.js", "search-index.js"}
    assert scripts("chu-de/index.html") == {"sotay.js", "filter.js"}
    assert scripts("index.html") == {"sotay.js", "home.js"}
    assert scripts("chu-de/ke-hoach-nam.html") == {"sotay.js", "planner.js"}
    assert scripts("bang-kiem/sinh-hoat-chuyen-de.html") == {"sotay.js", "checklist.js"}
    assert scripts("tu-danh-gia/goi-y-so-tay.html") == {"sotay.js", "assessment.js"}
    assert scripts("khoa-hoc/ban-in/bi-thu-chi-bo-moi.html") == {"sotay.js", "course.js"}


def test_the_not_found_page_works_from_file(shipped_site: Path, browser: Session) -> None:
    page = browser.page(360, 740)
    page.goto((shipped_site / "404.html").as_uri())
    # Styled: Material's stylesheet and ours reached it (the header takes the site's red).
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(183, 28, 28)"
    home = page.locator(".md-nav__link[href]").first.get_attribute("href")
    assert home is not None and not home.startswith("/")
    # Its header has the search box too, a form to the search page next to it.
    assert page.locator(".md-header form[role=search]").get_attribute("action") == "./tim-kiem.html"
    page.close()
