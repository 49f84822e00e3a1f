"""The fixed vocabularies (types, statuses, relations, scopes, themes, cell types)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

from .frontmatter import FAST_LOADER
from .provinces import CENTRAL, provinces


@dataclass(frozen=True)
class RelationType:
    slug: str
    label: str
    inverse: str


@dataclass(frozen=True)
class Vocabulary:
    document_types: dict[str, str]
    statuses: dict[str, str]
    relation_types: dict[str, RelationType]
    terms: tuple[str, ...]
    scopes: dict[str, str]
    themes: dict[str, str]
    cell_types: dict[str, str]
    official_sites: tuple[str, ...]


@cache
def vocabulary() -> Vocabulary:
    """The vocabularies shipped with the package (read once)."""
    raw = yaml.load(resources.files("sotay").joinpath("data/vocabulary.yml").read_text("utf-8"), Loader=FAST_LOADER)
    return Vocabulary(
        document_types=raw["document_types"],
        statuses=raw["statuses"],
        relation_types={k: RelationType(k, v["label"], v["inverse"]) for k, v in raw["relation_types"].items()},
        terms=tuple(raw["terms"]),
        scopes={slug: provinces().label(slug) for slug in (CENTRAL, *provinces().by_slug)},
        themes=raw["themes"],
        cell_types=raw["cell_types"],
        official_sites=tuple(raw["official_sites"]),
    )


def web_host(url: str) -> str:
    """The host a page is on, without 'www.' (m.baonghean.vn and baonghean.vn stay two hosts)."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def official_url(url: str | None) -> bool:
    """Whether a page sits on a Party or State site (its host is a listed site or under one)."""
    host = web_host(url or "")
    return any(host == site or host.endswith("." + site) for site in vocabulary().official_sites)
