"""The browser's search index: prebuilt at build time, loaded as a script so it works from file://.

Only what the client needs is kept: for each entry its title, number, kind,
URL, cell types and a short summary; for each folded term its postings as
(entry, weight) pairs with delta-coded entry numbers. Full texts stay out,
which keeps the index well under Material's search_index.json.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from .analyzer import data, folded_terms
from .entries import Entry

NUMBER_WEIGHT, TITLE_WEIGHT, BODY_CAP = 10, 6, 4  # a title word outweighs any body
GLOBAL = "SOTAY_SEARCH_INDEX"


def browser_index(entries: list[Entry], cell_labels: dict[str, str], kind_labels: dict[str, str]) -> dict[str, Any]:
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, entry in enumerate(entries):
        title, body, own = folded_terms(entry.title), folded_terms(entry.text), folded_terms(entry.number)
        for term in title.keys() | body.keys() | own.keys():
            weight = NUMBER_WEIGHT * (term in own) + TITLE_WEIGHT * min(title[term], 2) + min(body[term], BODY_CAP)
            postings[term].append((number, weight))
    terms = {}
    for term in sorted(postings):
        flat, previous = [], 0
        for number, weight in postings[term]:
            flat += [number - previous, weight]
            previous = number
        terms[term] = flat
    return {
        "version": 1,
        "analysis": {k: v for k, v in data().items() if not k.startswith("_")},
        "kinds": kind_labels,
        "cells": cell_labels,
        "entries": [[e.title, e.number, e.kind, e.url, list(e.cells), e.summary] for e in entries],
        "terms": terms,
    }


def index_script(index: dict[str, Any]) -> str:
    """The index as a script (file:// pages cannot fetch JSON, but they can load scripts)."""
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={body};\n"
