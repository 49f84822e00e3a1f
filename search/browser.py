"""The browser's search index: prebuilt at build time, loaded as scripts so it works from file://.

A query downloads only what it needs:
- the head (`search-index.js`): the analysis tables, the labels, each entry's kind and cell types, and
  every single-word term with the number of entries holding it (for completions). Small, loaded first;
- term parts (`t<i>.js`): the postings of a contiguous range of terms in sorted order, with the ranking
  features of the same range: which entries hold a pair of words ("sinh_hoat") in their title and summary,
  and which hold an accented word ("hòa") exactly. The client's rerank reads those, never the summaries;
- entry parts (`e<i>.js`): title, number, URL and summary of CHUNK consecutive entries, fetched for the
  results shown.
Each part's file is named by a digest of its content, listed in the head (`hashes`): a browser never mixes
parts of two builds, and a part a new build leaves as it was keeps its address, and its place in the cache.
Full texts stay out, which keeps the whole well under Material's search_index.json.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import pairwise
from typing import Any

from sotay.targets import digest

from .analyzer import data, fold, folded_terms, normalize_tone, spans
from .entries import Entry
from .helper import Beside, worth_it
from .kinds import ALL_CELLS
from .page import INDEX_SCRIPT

NUMBER_WEIGHT, TITLE_WEIGHT, BODY_CAP = 10, 6, 4  # a title word outweighs any body
GLOBAL = "SOTAY_SEARCH_INDEX"
PARTS_GLOBAL = "SOTAY_SEARCH_PARTS"
VERSION = 3  # 3: each part's file is named by its content (`hashes`); 2 had a folder named by all of them
HASH_CHARS = 8  # of a part's file name: its place in `hashes`, a string of every part's, in order
CHUNK = 8  # entries per entry part: the results shown come from few parts
PART_BYTES = 16_000  # a term part's target size before gzip; a single term may exceed it
IN_TEXT, IN_TITLE = 1, 2  # where an entry has a pair of words: in its title and summary; in its title


@dataclass(frozen=True)
class BrowserIndex:
    head: dict[str, Any]
    parts: dict[str, Any]  # name ("t3", "e12") -> content


def utf16_key(text: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units), so both sides agree on ranges."""
    return text.encode("utf-16-be", "surrogatepass")


def features(title: str, summary: str) -> tuple[dict[str, int], set[str]]:
    """What the client's rerank reads of one entry: its pairs of folded words (flagged IN_TEXT when in the
    title and summary, IN_TITLE when in the title) and its accented words that folding changes.
    search/client.js `entryFeatures` is the same computation; a test compares them over the shipped base."""
    folded, accented = _words(f"{title} {summary}")
    pairs = {f"{a}_{b}": IN_TEXT for a, b in pairwise(folded)}
    for a, b in pairwise(_words(title)[0]):
        pairs[f"{a}_{b}"] = pairs.get(f"{a}_{b}", 0) | IN_TITLE
    return pairs, set(accented)


def _words(text: str) -> tuple[list[str], list[str]]:
    """Each syllable of a text as `syllables` gives it (lower case, one tone placement), folded; and those that
    folding changes. An ASCII syllable is its own folded form; another is folded from its lower case, as the
    client does (folding "İ" alone and folding its lower case "i̇" differ)."""
    folded, accented = [], []
    for start, end, joined in spans(text):
        if joined is not None:
            folded.append(joined)
            continue
        word, exact = _syllable(text[start:end])
        folded.append(word)
        if exact:
            accented.append(exact)
    return folded, accented


@lru_cache(maxsize=65536)  # a base's texts use a few thousand syllables, again and again
def _syllable(raw: str) -> tuple[str, str]:
    """A syllable's folded form, and its exact form (lower case, one tone placement) when folding changes it."""
    if raw.isascii():
        return fold(raw), ""
    exact = normalize_tone(raw.lower())
    word = fold(exact)
    return word, exact if exact != word else ""


# Lists of numbers travel as text: each number in base 32, lowest digits first, one character a digit, the
# character's sixth bit set on every digit but the last. Gaps and weights are small, so most take one character.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _packed(number: int) -> str:
    out = []
    while number >= 32:
        out.append(ALPHABET[32 | (number & 31)])
        number >>= 5
    out.append(ALPHABET[number])
    return "".join(out)


_SMALL = [_packed(n) for n in range(1024)]  # one or two characters: nearly every gap and weight


def pack(numbers: list[int]) -> str:
    small = _SMALL
    return "".join([small[n] if n < 1024 else _packed(n) for n in numbers])


def pack_gaps(numbers: list[int], step: int = 1) -> str:
    """Ascending entry numbers (each followed by step - 1 values) packed with each number as the gap from the
    one before."""
    gaps = numbers[:]
    gaps[step::step] = [b - a for a, b in zip(numbers[0::step], numbers[step::step], strict=False)]
    return pack(gaps)


Analysed = tuple[dict[str, int], dict[str, int], tuple[str, ...]]
# "p": term -> entry numbers, each with its weight; "f", "t", "x": pair or accented word -> entry numbers.
Lists = dict[str, dict[str, list[int]]]
Packed = dict[str, dict[str, str]]  # the same lists, packed (pack_gaps)


def analysed(entry: Entry) -> Analysed:
    """An entry's term weights, its pairs of words with their flags, and its accented words."""
    title, body, own = folded_terms(entry.title), folded_terms(entry.text), folded_terms(entry.number)
    weights = {term: count if count < BODY_CAP else BODY_CAP for term, count in body.items()}
    for term, count in title.items():
        weights[term] = weights.get(term, 0) + TITLE_WEIGHT * (count if count < 2 else 2)
    for term in own:
        weights[term] = weights.get(term, 0) + NUMBER_WEIGHT
    pairs, accented = features(entry.title, entry.summary)
    return weights, pairs, tuple(sorted(accented))


class IndexMemo:
    """What browser_index keeps from one build to the next while serving: each entry's analysis, and the last
    build's lists of entry numbers, packed. An edit that keeps the number of entries only takes the changed
    entries out of the lists of their old terms and puts them in those of their new ones."""

    def __init__(self) -> None:
        self.analysed: dict[tuple[str, str, str], Analysed] = {}
        self.results: list[Analysed] | None = None  # the last build's analysis of each entry, by number
        self.lists: Lists = {name: {} for name in "pftx"}
        self.packed: Packed = {name: {} for name in "pftx"}
        self.layout: _Layout | None = None  # where the last build placed each key
        self.parts: dict[tuple[str, str, int], dict[str, dict[str, str]]] = {}  # term parts, by their range of keys


def _contribute(lists: Lists, number: int, result: Analysed, add: bool,
                touched: set[tuple[str, str]]) -> None:
    """Put an entry's number in the lists of its terms, pairs and accented words, or take it out of them."""
    weights, found, accented = result
    postings = lists["p"]
    for term, weight in weights.items():
        numbers = postings.setdefault(term, [])
        at = _pair_at(numbers, number)
        if add:
            numbers[2 * at:2 * at] = (number, weight)
        else:
            del numbers[2 * at:2 * at + 2]
        touched.add(("p", term))
    keys = [("f", pair) for pair, flags in found.items() if flags & IN_TEXT]
    keys += [("t", pair) for pair, flags in found.items() if flags & IN_TITLE]
    keys += [("x", word) for word in accented]
    for name, key in keys:
        numbers = lists[name].setdefault(key, [])
        at = bisect.bisect_left(numbers, number)
        if add:
            numbers.insert(at, number)
        else:
            del numbers[at]
        touched.add((name, key))


def _updated(entries: list[Entry], kept: IndexMemo) -> tuple[Lists, Packed, set[tuple[str, str]] | None]:
    """The lists and their packed forms for these entries, updated in place from the last build's; and the
    (list name, key) pairs touched, None when the lists were made from the start."""
    used: dict[tuple[str, str, str], Analysed] = {}
    results = []
    for entry in entries:
        seen = (entry.title, entry.number, entry.text)  # the summary is the text's beginning
        result = used.get(seen) or kept.analysed.get(seen) or analysed(entry)
        used[seen] = result
        results.append(result)
    kept.analysed = used
    touched: set[tuple[str, str]] | None = None
    if kept.results is not None and len(kept.results) == len(results):
        touched = set()
        for number, (before, now) in enumerate(zip(kept.results, results, strict=True)):
            if before is not now:
                _contribute(kept.lists, number, before, False, touched)
                _contribute(kept.lists, number, now, True, touched)
        for name, key in touched:
            numbers = kept.lists[name][key]
            if numbers:
                kept.packed[name][key] = pack_gaps(numbers, 2 if name == "p" else 1)
            else:
                del kept.lists[name][key], kept.packed[name][key]
    else:  # the first build, or entries added or removed: every number may have moved
        kept.lists = _lists(results)
        kept.packed = _packed_lists(kept.lists)
    kept.results = results
    return kept.lists, kept.packed, touched


def _packed_lists(lists: Lists) -> Packed:
    return {name: {key: pack_gaps(numbers, 2 if name == "p" else 1) for key, numbers in found.items()}
            for name, found in lists.items()}


def _lists(results: Iterable[Analysed]) -> Lists:
    """The lists of every term, pair and accented word, from the start (as `_contribute` would make them)."""
    postings: dict[str, list[int]] = defaultdict(list)
    text, title, exact = defaultdict(list), defaultdict(list), defaultdict(list)
    for number, (weights, found, accented) in enumerate(results):
        for term, weight in weights.items():
            postings[term] += (number, weight)
        for pair, flags in found.items():
            if flags & IN_TEXT:
                text[pair].append(number)
            if flags & IN_TITLE:
                title[pair].append(number)
        for word in accented:
            exact[word].append(number)
    return {"p": dict(postings), "f": dict(text), "t": dict(title), "x": dict(exact)}


class _Layout:
    """Where the keys of the term parts go: each key under its folded string (a term or a pair under itself, an
    accented word under its folded form, so that a query's words find their parts without a table of every key),
    with the size it adds to a part, in JavaScript's string order. While serving, a rebuild moves only the keys
    an edit touched, and makes again only the parts whose keys changed."""

    def __init__(self, packed: Packed) -> None:
        placed: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
        sizes: dict[str, int] = defaultdict(int)
        for name in "pftx":  # so a folded string's names come in this order
            for key, value in packed[name].items():
                at = fold(key) if name == "x" else key
                placed[at].setdefault(name, {})[key] = value
                sizes[at] += len(key) + len(value) + 6
        self.placed, self.sizes = dict(placed), dict(sizes)
        self.order = sorted(placed, key=utf16_key)
        self.sort_keys = [utf16_key(key) for key in self.order]

    def move(self, packed: Packed, touched: set[tuple[str, str]]) -> set[str]:
        """Take the touched keys' values from `packed` (a key gone from it goes); the folded strings changed."""
        changed = set()
        for name, key in touched:
            at = fold(key) if name == "x" else key
            changed.add(at)
            slot = self.placed.get(at)
            old = slot.get(name, {}).pop(key, None) if slot is not None else None
            if slot is not None and old is not None:
                self.sizes[at] -= len(key) + len(old) + 6
                if not slot[name]:
                    del slot[name]
            value = packed[name].get(key)
            if value is not None:
                if slot is None:
                    slot = self.placed[at] = {}
                    self.sizes[at] = 0
                    where = bisect.bisect_left(self.sort_keys, utf16_key(at))
                    self.order.insert(where, at)
                    self.sort_keys.insert(where, utf16_key(at))
                if name not in slot:  # a name new to this folded string: the names stay in their order
                    slot[name] = {}
                    self.placed[at] = slot = {n: slot[n] for n in "pftx" if n in slot}
                slot[name][key] = value
                self.sizes[at] += len(key) + len(value) + 6
            elif slot is not None and not slot:
                del self.placed[at], self.sizes[at]
                where = bisect.bisect_left(self.sort_keys, utf16_key(at))
                del self.order[where], self.sort_keys[where]
        return changed

    def parts(self, changed: set[str] | None, kept: dict[tuple[str, str, int], dict[str, dict[str, str]]] | None
              ) -> tuple[list[str], list[dict[str, dict[str, str]]]]:
        """The first key of each term part ("" for the first), and each part's content: keys in order, a part
        closed when the next key would take it over PART_BYTES. A part of the same keys as one in `kept`, none
        of them changed, is that part; `kept` is left holding this build's parts."""
        bounds: list[str] = []
        ranges: list[tuple[int, int]] = []
        start = size = 0
        for number, key in enumerate(self.order):
            grown = self.sizes[key]
            if not bounds or (size and size + grown > PART_BYTES):
                if bounds:
                    ranges.append((start, number))
                    start, size = number, 0
                bounds.append(key if bounds else "")  # the first part holds everything below the second
            size += grown
        if not bounds:  # no entries: one empty part, so that a query finds nothing rather than no part
            bounds.append("")
        ranges.append((start, len(self.order)))
        hit = sorted(bisect.bisect_left(self.sort_keys, utf16_key(at)) for at in changed or () if at in self.placed)
        last = dict(kept or {})
        if kept is not None:
            kept.clear()
        contents = []
        for first, end in ranges:
            ident = (self.order[first], self.order[end - 1], end - first) if end > first else ("", "", 0)
            found = last.get(ident) if changed is not None else None
            if found is None or bisect.bisect_left(hit, first) < bisect.bisect_left(hit, end):
                found = {}
                for key in self.order[first:end]:
                    for name, values in self.placed[key].items():  # accented words of one folded form sorted
                        found.setdefault(name, {}).update(sorted(values.items()))
            if kept is not None:
                kept[ident] = found
            contents.append(found)
        return bounds, contents

    def words(self) -> list[str]:
        """The single-word terms, in order."""
        return [key for key in self.order if "_" not in key and "p" in self.placed[key]]


def _pair_at(numbers: list[int], number: int) -> int:
    """Where `number` is, or goes, among the (number, weight) pairs of a flat list ordered by number."""
    low, high = 0, len(numbers) // 2
    while low < high:
        middle = (low + high) // 2
        if numbers[2 * middle] < number:
            low = middle + 1
        else:
            high = middle
    return low


def browser_index(entries: list[Entry], cell_labels: dict[str, str], kind_labels: dict[str, str],
                  memo: IndexMemo | None = None) -> BrowserIndex:
    """The index of these entries. `memo` keeps each entry's analysis and the lists between builds (while
    serving, most entries are the same from one rebuild to the next); it is left holding this build's only."""
    # p: term -> gap, weight...; f: pair "a_b" -> entries with it in the title and summary; t: in the title;
    # x: accented word "hòa" -> entries with it in the title and summary.
    if memo is None:  # a build: each entry's analysis is counted, then let go
        lists = _lists(map(analysed, entries))
        layout = _Layout(_packed_lists(lists))
        bounds, contents = layout.parts(None, None)
    else:
        lists, packed, touched = _updated(entries, memo)
        if memo.layout is None or touched is None:
            memo.layout, changed = _Layout(packed), None
        else:
            changed = memo.layout.move(packed, touched)
        layout = memo.layout
        bounds, contents = layout.parts(changed, memo.parts)
    postings = lists["p"]
    parts: dict[str, Any] = {f"t{number}": content for number, content in enumerate(contents)}
    for start in range(0, len(entries), CHUNK):
        parts[f"e{start // CHUNK}"] = [[e.title, e.number, e.url, e.summary] for e in entries[start:start + CHUNK]]
    kinds = sorted({e.kind for e in entries})
    words = layout.words()
    head = {
        "version": VERSION,
        "analysis": {k: v for k, v in data().items() if not k.startswith("_")},
        "kinds": kind_labels,
        "cells": cell_labels,
        "count": len(entries),
        "chunk": CHUNK,
        "kindList": kinds,
        "kindOf": pack([kinds.index(e.kind) for e in entries]),
        # Cell types of the entries not meant for every cell (topics), by entry number.
        "cellsOf": {str(n): list(e.cells) for n, e in enumerate(entries) if e.cells != (ALL_CELLS,)},
        "words": words,
        "df": pack([len(postings[w]) // 2 for w in words]),
        "bounds": bounds,
    }
    return BrowserIndex(head, parts)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def index_scripts(index: BrowserIndex, parts_folder: str = "search",
                  memo: dict[str, tuple[Any, str]] | None = None) -> dict[str, str]:
    """The head and the parts as scripts (file:// pages cannot fetch JSON, but they can load scripts), by path
    relative to the head's folder. A part only stores its data under its name; nothing in it runs.

    `memo` keeps each part's JSON by its name from one build to the next (while serving), written again only
    when the part differs; it is left holding this build's parts only."""
    kept = dict(memo or {})
    bodies = {}
    for name, content in index.parts.items():
        found = kept.get(name)
        bodies[name] = found[1] if found is not None and found[0] == content else _json(content)
    if memo is not None:
        memo.clear()
        memo.update((name, (content, bodies[name])) for name, content in index.parts.items())
    hashes = {name: digest(name, body)[:HASH_CHARS] for name, body in bodies.items()}
    head = dict(index.head, parts=f"{parts_folder}/", hashes="".join(hashes[name] for name in _part_order(index.head)))
    scripts = {INDEX_SCRIPT: f"window.{GLOBAL}={_json(head)};\n"}
    for name, body in bodies.items():
        scripts[f"{parts_folder}/{name}.{hashes[name]}.js"] = (f'(window.{PARTS_GLOBAL}=window.{PARTS_GLOBAL}||{{}})'
                                                               f'["{name}"]={body};\n')
    return scripts


def _part_order(head: dict[str, Any]) -> list[str]:
    """Every part's name in the order of `hashes`: the term parts, then the entry parts."""
    entries = -(-head["count"] // head["chunk"])
    return [f"t{n}" for n in range(len(head["bounds"]))] + [f"e{n}" for n in range(entries)]


def part_file(head: dict[str, Any], name: str) -> str:
    """The file of a part, inside the head's folder of parts (search/client.js `partFile` says the same)."""
    at = _part_order(head).index(name)
    return f"{name}.{head['hashes'][at * HASH_CHARS:(at + 1) * HASH_CHARS]}.js"


def read_script(text: str) -> Any:
    """What a script written by index_scripts stores: the head's object, or a part's content."""
    part = text.find('"]=')  # (window.SOTAY_SEARCH_PARTS=...)["t3"]=...
    return json.loads(text[part + 3 if part >= 0 else text.index("=") + 1:].rstrip().rstrip(";"))


# Entries from which a full build makes the browser's index in a second process, while the pages are rendered.
# It takes about 0.27 ms an entry (1.8 s at 2,000 pages, 6,800 entries); handing the entries over and taking the
# index back cost this process about 0.1 s, and starting the other about 0.4 s of the other processor. At 500
# pages (1,700 entries) the build took 3.58 s instead of 3.92 (median of 4); the shipped base has 213.
BESIDE_MIN = 1_000


def index_files(entries: list[Entry], cell_labels: dict[str, str], kind_labels: dict[str, str]) -> dict[str, str]:
    """A whole build's index of these entries, as its scripts (index_scripts)."""
    return index_scripts(browser_index(entries, cell_labels, kind_labels))


class IndexLater:
    """index_files' result, made meanwhile in a second process for a large base on a machine with two
    processors (a full build asks for it once the pages are rendered), else made when asked for."""

    def __init__(self, entries: list[Entry], cell_labels: dict[str, str], kind_labels: dict[str, str]) -> None:
        self.here = partial(index_files, entries, cell_labels, kind_labels)
        self.beside = Beside(index_files, entries, cell_labels, kind_labels) if worth_it(len(entries), BESIDE_MIN) \
            else None

    def result(self) -> dict[str, str]:
        """The scripts: the second process's (waited for), or made here when it could not start or failed."""
        if self.beside is None:
            return self.here()
        return self.beside.result(self.here, "lập chỉ mục tìm kiếm của trình duyệt")

    def stop(self) -> None:
        """The build failed: the second process ends (after its work, which is dropped)."""
        if self.beside is not None:
            self.beside.stop()
