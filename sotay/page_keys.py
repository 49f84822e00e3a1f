"""What a generated page reads of the model, as one digest: the same digest as at the last build, the same page.

A document's page shows the document whole, and of other documents only those it is tied to: the ones its
relations name or that name it, the chain of those that took over from it (what governs now), the ones its text
cites; then the pages citing it and the topics resting on it. Its key digests all of that, each other document
whole, and the edition and its addresses. What links in a text resolve to is in the key as those documents: a
citation that comes to name a document, or stops naming one, changes the set. So while serving, an edit
remakes the pages that read what changed, and no other.

Nothing here knows MkDocs; `tests/test_page_keys.py` checks, edit after edit, that a page whose key stayed the
same did not change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cached_property

from .model import Document
from .planner import Plan
from .planner_page import meeting_day_note
from .resolve import Citation
from .site import Linker, SiteModel
from .srcs import PLANNER_SRC
from .targets import digest
from .topics import Topic


def fingerprint(doc: Document) -> str:
    """A digest of everything a document holds once the base is checked (its relations resolved): the same
    fingerprint, the same document, for what is kept between builds while serving."""
    return digest(repr(doc))


def _without_text(item: Document | Topic) -> str:
    """Everything an item holds but its text (its body), as text."""
    return repr([(k, v) for k, v in vars(item).items() if k != "body"])


# A document's id -> the document, its fingerprint and a digest of all but its text (Keys keeps them).
Prints = dict[str, tuple[Document, str, str]]


class Keys:
    """The keys of one build's generated pages."""

    def __init__(self, site: SiteModel, citations: list[Citation], kept: Prints | None = None) -> None:
        """`kept` holds, from one build to the next, each document with its fingerprint and the digest of all
        but its text: an equal document has the same ones (equality of the fields reads far less than their
        repr: a kept document shares all of them but its relations). It is left holding this build's."""
        self.site = site
        project = site.project
        self.prints: dict[str, str] = {}
        self.bare: dict[str, str] = {}  # a digest of each document but its text
        last = dict(kept or {})
        if kept is not None:
            kept.clear()
        for doc in site.kb.documents:
            found = last.get(doc.id)
            if found is None or found[0] != doc:
                found = (doc, fingerprint(doc), digest(_without_text(doc)))
            if kept is not None:
                kept[doc.id] = found
            self.prints[doc.id], self.bare[doc.id] = found[1], found[2]
        # What every page's links depend on: the edition and the site's addresses.
        self.shared = digest(site.edition, project.site_url, str(project.use_directory_urls))
        # A text's path -> each link it makes, in order: a mention that stops being a link (a second document
        # of that number makes it ambiguous) changes the list even while the document is still cited elsewhere.
        self.cited: dict[str, list[tuple[int, str, str | None]]] = defaultdict(list)
        for cite in citations:
            self.cited[cite.path].append((cite.line, cite.target, cite.anchor))

    def _links(self, path: str) -> tuple[set[str], str]:
        """The documents a text links to, and its links as text."""
        links = self.cited.get(path, [])
        return {target for _line, target, _anchor in links}, repr(links)

    def document(self, doc: Document) -> str:
        """The key of a document's page (sotay.render.document_page)."""
        site = self.site
        cited, links = self._links(doc.path)
        reads = {doc.id, *(r.target for r in doc.relations), *(d.id for d, _rel in site.incoming.get(doc.id, []))}
        reads |= cited
        chain: set[str] = set()
        todo = [doc.id]
        while todo:  # down the chain of what took over, to what governs now (and past it: cheap, and safe)
            for taker, _rel in site.newer.get(todo.pop(), []):
                if taker.id not in chain:
                    chain.add(taker.id)
                    todo.append(taker.id)
        reads |= chain
        topics = [(t.src, t.title, t.meeting) for t in site.topics_on.get(doc.id, [])]
        return digest(self.shared, *(f"{i}:{self.prints.get(i, '')}" for i in sorted(reads)), links,
                       repr(site.backlinks.get(doc.id, [])), repr(topics))

    def topic(self, topic: Topic) -> str:
        """The key of a topic's page (sotay.topic_pages.topic_page): the topic, and the documents it rests on
        and its text cites."""
        cited, links = self._links(topic.path)
        reads = {b.target for b in topic.basis} | cited
        return digest(self.shared, repr(topic), *(f"{i}:{self.prints.get(i, '')}" for i in sorted(reads)), links)

    def planner(self, plans: dict[tuple[str, int], Plan], day: dt.date) -> str:
        """The key of the planner's page and Word files (sotay.planner_page): the topics, the plans, the day of
        the build (the Word files carry it), and the note on meeting days, which links to a provision of
        Chỉ thị 50-CT/TW when the base has it."""
        note = meeting_day_note(Linker(self.site), PLANNER_SRC)
        return digest(self.topic_listings, day.isoformat(), repr(plans), note)

    @cached_property
    def listings(self) -> str:
        """The key of the pages that list the edition's documents (the index, the timeline, the diagram, the
        changes and their feed, the provinces): every document but its text, in order."""
        return digest(self.shared, repr(self.site.project), *(self.bare[d.id] for d in self.site.documents))

    @cached_property
    def topic_listings(self) -> str:
        """The key of the pages that list the edition's topics (the catalog, the pages by cell type and by theme,
        the planner): every topic but its text, in order."""
        return digest(self.shared, *map(_without_text, self.site.topics))
