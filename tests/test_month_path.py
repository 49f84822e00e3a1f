"""The month's path as data: each page sits at the step where the home page lists it, and a page missing
from a build is stepped over rather than leaving a dead end."""

from __future__ import annotations

from conftest import REPO

from sotay.loader import load_knowledge_base
from sotay.month_path import CATALOG, HOME, PATH, STEPS, Pages, _present
from sotay.project import load_project


def test_each_page_sits_at_the_step_the_home_page_first_lists_it() -> None:
    first: dict[tuple[str, str], int] = {}
    for step in STEPS:
        for ref, _label, _anchor in step.links:
            first.setdefault(ref, step.number)
    for ref, (number, _before, _after) in PATH.items():
        if ref[0] != "topic":  # topics are chosen at step 1 through the catalog
            assert first.get(ref) == number, ref


def test_a_missing_page_is_stepped_over() -> None:
    pages = Pages("chu-de/index.md", "chu-de/ke-hoach-nam.md", {},
                  {"bien-ban-hop-chi-bo": ("mau/bien-ban-hop-chi-bo.md", "Biên bản họp chi bộ")})
    # No checklist in this build: a regular topic leads straight on to the minutes, the minutes back to the catalog.
    assert _present(PATH[("topic", "thuong-ky")][2], pages, 2) == ("template", "bien-ban-hop-chi-bo")
    assert _present(PATH[("template", "bien-ban-hop-chi-bo")][1], pages, 1) == CATALOG
    assert _present(PATH[("template", "nghi-quyet-chi-bo")][2], pages, 2) == HOME


def test_every_page_the_path_names_is_in_the_shipped_base() -> None:
    """A renamed checklist or template would drop out of the path without a word: the shipped base has them all."""
    result = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    have = {("checklist", c.id) for c in result.checklists} | {("template", t.id) for t in result.templates}
    named = {ref for step in STEPS for ref, _label, _anchor in step.links}
    named |= {page for ref, (_n, before, after) in PATH.items() for page in (ref, before, after)}
    missing = {ref for ref in named if ref[0] in ("checklist", "template")} - have
    assert missing == set()
