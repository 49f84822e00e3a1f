"""Provinces as data: the ones of today, and each former one with the date and province it went into.

Documents keep the scope of the body that issued them (a 2023 plan of Đắk Nông stays
'dak-nong'); editions are named by the province of today, which holds its former
provinces' documents. The data and its sources ship with the package
(data/provinces.yml).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .frontmatter import FAST_LOADER

CENTRAL = "trung-uong"
EDITION_ALL = "toan-quoc"  # the edition of the whole country, beside one per province


@dataclass(frozen=True)
class Province:
    slug: str
    name: str
    kind: str  # "tinh" | "thanh-pho" (centrally-run city)
    merged_into: str | None = None  # the province of today that holds it, for a former one
    merged: dt.date | None = None  # from when

    @property
    def current(self) -> bool:
        return self.merged_into is None


@dataclass(frozen=True)
class ProvinceSource:
    publication: str
    title: str
    date: dt.date | None
    url: str
    read: dt.date
    supports: str


@dataclass(frozen=True)
class Provinces:
    by_slug: dict[str, Province]
    sources: tuple[ProvinceSource, ...]

    def current(self) -> list[Province]:
        return [p for p in self.by_slug.values() if p.current]

    def now(self, slug: str) -> Province | None:
        """The province of today that holds this one (itself when it is current); None for the centre."""
        found = self.by_slug.get(slug)
        if found is None or found.merged_into is None:
            return found
        return self.by_slug[found.merged_into]

    def label(self, slug: str) -> str:
        if slug == CENTRAL:
            return "Trung ương"
        found = self.by_slug.get(slug)
        return found.name if found else slug

    def moved(self, former: Province) -> str:
        """'từ 01/07/2025 thuộc tỉnh Lâm Đồng': where a former province went, and since when."""
        assert former.merged_into is not None
        now = self.by_slug[former.merged_into]
        when = f"từ {former.merged:%d/%m/%Y} " if former.merged else ""
        return f"{when}thuộc {kind_label(now)} {now.name}"

    def formerly(self, slug: str) -> str:
        """'Đắk Nông (từ 01/07/2025 thuộc tỉnh Lâm Đồng)': a former province named with where it is now."""
        found = self.by_slug.get(slug)
        if found is None or found.merged_into is None:
            return self.label(slug)
        return f"{found.name} ({self.moved(found)})"


def kind_label(province: Province) -> str:
    return "thành phố" if province.kind == "thanh-pho" else "tỉnh"


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def parse_provinces(raw: dict[str, Any]) -> Provinces:
    """Build the province table from its YAML (the shipped file is checked by the tests)."""
    by_slug = {}
    for slug, item in raw["provinces"].items():
        merged = item.get("merged")
        by_slug[slug] = Province(slug, item["name"], item.get("kind", "tinh"), item.get("merged_into"),
                                 _date(merged) if merged else None)
    sources = tuple(ProvinceSource(s["publication"], s["title"], _date(s["date"]) if s.get("date") else None,
                                   s["url"], _date(s["read"]), s["supports"]) for s in raw["sources"])
    return Provinces(by_slug, sources)


@cache
def provinces() -> Provinces:
    """The provinces shipped with the package (read once)."""
    text = resources.files("sotay").joinpath("data/provinces.yml").read_text("utf-8")
    return parse_provinces(yaml.load(text, Loader=FAST_LOADER))
