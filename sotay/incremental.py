"""What a rebuild while serving must redo: the pages whose inputs changed since the last build, or everything.

A page's HTML is decided by its final Markdown (after sotay has linked it or made it from the model), its
source with the front matter, the scripts kept for it, and what every page shares: the configuration, the
versions of sotay and of the builder, the set of files and the navigation. The plugin computes those digests
for every page on each build (making a generated page's Markdown is cheap beside rendering it); this module
compares them with the last build's and says which pages to render again. An edit that changes what every page
shares (a page added or removed, the configuration, the theme's own templates, a page's title in the navigation)
means a full build, and the reason is given to the editor.

Nothing here knows MkDocs: what a page needs kept between builds (its metadata, its table of contents) is
held as it is, opaque.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageState:
    """What a build that does not render a page again needs of it: the digest of its inputs, its Markdown,
    and what rendering gave (title, metadata, anchors, table of contents) for the other pages and the links."""

    digest: str
    markdown: str
    rendered: dict[str, Any]


@dataclass
class Memory:
    """The last successful build: every page's state, the shared digest, the digest of each other generated
    file by its output path, and every output path written."""

    shared: str
    pages: dict[str, PageState] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    outputs: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Plan:
    full: bool
    reason: str  # why everything is built again (empty when it is not)
    changed: frozenset[str]  # pages (src) to render again; every page when full


def plan(memory: Memory | None, shared: str, pages: dict[str, str]) -> Plan:
    """Which pages to render again, given the shared digest and each page's digest now."""
    everything = frozenset(pages)
    if memory is None:
        return Plan(True, "", everything)
    if memory.shared != shared:
        return Plan(True, "cấu hình, danh sách trang hoặc mục lục đã đổi", everything)
    changed = frozenset(src for src, value in pages.items()
                        if src not in memory.pages or memory.pages[src].digest != value)
    return Plan(False, "", changed)
