"""The fixed vocabularies (types, statuses, relations, scopes, themes, cell types)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


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


@cache
def vocabulary() -> Vocabulary:
    """The vocabularies shipped with the package (read once)."""
    raw = yaml.safe_load(resources.files("sotay").joinpath("data/vocabulary.yml").read_text("utf-8"))
    return Vocabulary(
        document_types=raw["document_types"],
        statuses=raw["statuses"],
        relation_types={k: RelationType(k, v["label"], v["inverse"]) for k, v in raw["relation_types"].items()},
        terms=tuple(raw["terms"]),
        scopes=raw["scopes"],
        themes=raw["themes"],
        cell_types=raw["cell_types"],
    )
