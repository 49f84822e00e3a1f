"""The annual meeting plan: twelve regular meetings and at least one thematic meeting a quarter.

Pure and deterministic: the same topics, cell type and year give the same plan.
A thematic meeting takes a catalog topic that fits the cell type; a topic that
names months (an anniversary) goes in one of its months; no topic is used twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .topics import Topic

QUARTERS = ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12))


@dataclass(frozen=True)
class Meeting:
    month: int
    kind: str  # "thuong-ky" | "chuyen-de"
    topic: str | None
    title: str


@dataclass(frozen=True)
class Plan:
    cell_type: str
    year: int
    meetings: tuple[Meeting, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"cell_type": self.cell_type, "year": self.year, "meetings": [asdict(m) for m in self.meetings]}


def _rotate(items: list[Topic], year: int) -> list[Topic]:
    """Another year starts elsewhere in the list, so plans differ from year to year."""
    if not items:
        return items
    start = year % len(items)
    return items[start:] + items[:start]


def make_plan(topics: list[Topic], cell_type: str, year: int) -> Plan:
    fitting = sorted((t for t in topics if cell_type in t.cell_types), key=lambda t: t.id)
    thematic = _rotate([t for t in fitting if t.meeting == "chuyen-de"], year)
    regular = _rotate([t for t in fitting if t.meeting == "thuong-ky"], year)
    used: set[str] = set()
    meetings = [_regular(month, regular, used) for month in range(1, 13)]
    for number, months in enumerate(QUARTERS, 1):
        meetings += _thematic(number, months, thematic, used)
    meetings.sort(key=lambda m: (m.month, m.kind != "thuong-ky"))
    return Plan(cell_type, year, tuple(meetings))


def _regular(month: int, regular: list[Topic], used: set[str]) -> Meeting:
    """A regular meeting; a regular-meeting topic meant for this month is suggested as its focus."""
    topic = next((t for t in regular if month in t.months and t.id not in used), None)
    if topic is None:
        return Meeting(month, "thuong-ky", None, f"Sinh hoạt thường kỳ tháng {month}")
    used.add(topic.id)
    return Meeting(month, "thuong-ky", topic.id, topic.title)


def _thematic(number: int, months: tuple[int, ...], thematic: list[Topic], used: set[str]) -> list[Meeting]:
    """Every anniversary topic of the quarter in its month, and at least one thematic meeting."""
    placed = []
    for month in months:
        topic = next((t for t in thematic if month in t.months and t.id not in used), None)
        if topic is not None:
            used.add(topic.id)
            placed.append(Meeting(month, "chuyen-de", topic.id, topic.title))
    if placed:
        return placed
    topic = next((t for t in thematic if not t.months and t.id not in used), None)
    month = months[1]
    if topic is None:
        return [Meeting(month, "chuyen-de", None, f"Sinh hoạt chuyên đề quý {number} (chi bộ tự chọn chủ đề)")]
    used.add(topic.id)
    return [Meeting(month, "chuyen-de", topic.id, topic.title)]
