"""The Whoosh index behind a small interface: build, search, results as plain data.

Whoosh pickles analyzers into the index, so the tokenizers live here, in an
importable module. The query is built from the project's own analyzer, never
from Whoosh's query parser, so no input can make it fail.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import getpass
import hashlib
import json
import logging
import math
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.platform != "win32":
    import fcntl

from whoosh import index as windex
from whoosh import query as q
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.scoring import TF_IDF
from whoosh.system import pack_uint

from .analyzer import INDEX, QUERY, data, exact_tokens, fold, folded_terms, folded_tokens, number_forms, syllables
from .helper import Beside, worth_it
from .kinds import ALL_CELLS, KINDS
from .snippet import Snippet, make_snippet, words_pattern
from .writer import Writer, adopt

if TYPE_CHECKING:
    from .entries import Entry

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
INDEX_VERSION = "7"
RERANK = 15
RERANK_CHARS = 800
SCORE_DECIMALS = 6  # scores equal to this many decimals are ties


PART = "\x1e"  # separates title, number and body inside the one searched field
# (boost, with bigrams) of title, number and body. Bigrams make multi-syllable queries fast:
# "chi_bo" has a far shorter posting list than "chi" and "bo".
PART_BOOSTS = ((5.0, True), (8.0, False), (1.0, True))
BODY_REPEATS = 3  # a body saying a word ten times is not ten times as relevant


class CombinedTokenizer(Tokenizer):  # type: ignore[misc]
    """Title, number and body in one folded field, told apart by token boosts.

    One posting list per term instead of three keeps queries fast: Whoosh adds
    token boosts into the term's weight, which BM25F scores.
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=False, mode=mode, **kwargs)
        position = start_pos
        for part, (text, (boost, bigrams)) in enumerate(zip(value.split(PART), PART_BOOSTS, strict=False)):
            seen: dict[str, int] = {}
            for item in folded_tokens(text, INDEX, bigrams):
                seen[item.text] = seen.get(item.text, 0) + 1
                if part == 2 and seen[item.text] > BODY_REPEATS:
                    continue
                token.text, token.boost, token.stopped = item.text, boost, False
                if positions:
                    token.pos = position
                position += 1
                yield token


class CombinedField(TEXT):  # type: ignore[misc]
    """The searched field, analysed by CombinedTokenizer, whose terms it counts without a Token per term.

    Whoosh asks a field for (term, frequency, weight, value) once per entry; counted whole (folded_terms), the
    terms come out several times faster than through the tokenizer and Whoosh's Frequency format, and the same
    (tests compare the two on every entry of the shipped base).
    """

    def index(self, value: str, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        counts = [folded_terms(text, bigrams) for text, (_boost, bigrams) in zip(value.split(PART), PART_BOOSTS,
                                                                                 strict=False)]
        # The body, boost 1: a term's weight is its count, at most BODY_REPEATS; title and number add to both.
        body = counts[2] if len(counts) > 2 else Counter()
        freqs = {term: count if count <= BODY_REPEATS else BODY_REPEATS for term, count in body.items()}
        above: dict[str, float] = {}  # what the title's and the number's boosts add to a term's weight
        for part, (boost, _bigrams) in zip(counts[:2], PART_BOOSTS, strict=False):
            for term, count in part.items():
                freqs[term] = freqs.get(term, 0) + count
                above[term] = above.get(term, 0.0) + (boost - 1.0) * count
        extra, packed = above.get, _PACKED
        terms = [(term.encode(), freq, freq + extra(term, 0.0), packed[freq] if freq < len(packed) else pack_uint(freq))
                 for term, freq in freqs.items()]
        scale = self.format.field_boost
        return terms if scale == 1.0 else [(term, freq, weight * scale, value) for term, freq, weight, value in terms]


_PACKED = [pack_uint(n) for n in range(256)]  # Whoosh's value for a term's frequency, for those most terms have


class LiveTFIDF(TF_IDF):  # type: ignore[misc]
    """TF-IDF over the entries the index holds now. Whoosh counts the entries an update deleted in its term
    statistics until their segment is merged; counted out here, an updated index scores every entry as an
    index built anew from the same entries does (an index with no deletions is scored exactly as by TF_IDF)."""

    def idf(self, searcher: Any, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        if not parent.reader().has_deletions():
            return float(super().idf(searcher, fieldname, text))
        # A segment's postings leave its deleted entries out (the reader's: the searcher's would score them).
        live = sum(1 for _docnum in parent.reader().postings(fieldname, text).all_ids())
        return math.log(parent.doc_count() / (live + 1)) + 1


def schema() -> Schema:
    """One folded field for matching; the rest is stored for results and the rerank."""
    return Schema(
        id=ID(stored=True, unique=True), kind=ID(stored=True), cells=KEYWORD(stored=True, commas=True),
        title=STORED, number=STORED, url=STORED, text=STORED, sections=STORED,
        all_f=CombinedField(analyzer=CombinedTokenizer(), phrase=False),
    )


@cache
def engine_version() -> str:
    """What an index holds besides its entries: its layout (INDEX_VERSION) and the analysis tables. A change in
    either makes every entry's terms different, so an index of another engine is built anew, never updated."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    digest.update(json.dumps(data(), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def fingerprint(entries: list[Entry]) -> str:
    digest = hashlib.sha256(engine_version().encode())
    for entry in entries:
        digest.update(entry_digest(entry).encode())
    return digest.hexdigest()


def entry_digest(entry: Entry) -> str:
    """What one entry holds, as a digest: an entry whose digest is unchanged need not be indexed again."""
    # vars, not asdict: the same JSON (an entry holds no dataclass), without asdict's deep copy
    return hashlib.sha256(json.dumps(vars(entry), ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:32]


def build_index(entries: list[Entry], folder: Path, sources: str | None = None) -> None:
    """Write a fresh index into folder: built aside, then swapped in whole (see "The index folder" below).
    `sources` (sotay.project.source_state) says what the entries were made from, for `search_current`."""
    _build(entries, folder, fingerprint(entries), force=True, sources=sources)


def is_current(entries: list[Entry], folder: Path) -> bool:
    """The index the folder points at holds exactly these entries, and its files are as they were written."""
    current = _current(folder)
    return current is not None and _intact(current, fingerprint(entries))


@dataclass(frozen=True)
class Result:
    title: str
    number: str
    kind: str
    url: str
    snippet: Snippet
    score: float
    section: str | None = None  # the provision the best match is in


@dataclass(frozen=True)
class ParsedQuery:
    required: list[str]
    optional: list[str]
    exact: list[str]
    notes: list[str]


def parse_query(text: str) -> ParsedQuery:
    """Required terms (every word; a document number as one term), boosts, and notes for the user."""
    notes = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"truy vấn dài quá {MAX_QUERY_CHARS} ký tự; chỉ dùng phần đầu")
    tokens = folded_tokens(text, QUERY)
    forms = [t for t in tokens if is_number_form(t.text)]
    spans = [(f.start, f.end) for f in forms]
    required: list[str] = []
    optional: list[str] = []
    for token in tokens:
        inside = token not in forms and any(s <= token.start and token.end <= e for s, e in spans)
        if inside:
            continue  # "kl", "18" of "KL 18": the number form stands for them
        (optional if "_" in token.text else required).append(token.text)
    required = list(dict.fromkeys(required))
    if len(required) > MAX_QUERY_TERMS:
        required = required[:MAX_QUERY_TERMS]
        notes.append(f"chỉ dùng {MAX_QUERY_TERMS} từ đầu của truy vấn")
    exact = [t.text for t in exact_tokens(text) if t.text != fold(t.text)]
    return ParsedQuery(required, list(dict.fromkeys(optional)), list(dict.fromkeys(exact)), notes)


def is_number_form(term: str) -> bool:
    """'kl18', 'qd76': the one term a document number becomes."""
    head = term.rstrip("0123456789")
    return head != term and head in set(data()["number_types"].values())


def _query(terms: list[str], any_term: bool = False) -> q.Query:
    """Every term required (or, as a fallback, any); accents are weighed in the rerank, which keeps
    the Whoosh query a plain intersection it can skip through quickly."""
    required = [q.Term("all_f", t) for t in terms]
    return q.Or(required) if any_term else q.And(required)


def _phrase_terms(parsed: ParsedQuery) -> list[str]:
    """The query as adjacent pairs ('chi_bo'), plus number forms and words no pair covers."""
    pairs = [t for t in parsed.optional if "_" in t]
    covered = {w for pair in pairs for w in pair.split("_")}
    return pairs + [t for t in parsed.required if t not in covered]


def _rerank(text: str, number: str, parsed: ParsedQuery, title: str = "") -> tuple[int, float]:
    """(exact accents found, score factor). A hit with the query's exact accents comes before any
    without ('hòa' puts hòa before hóa); a document whose own number is asked for, and phrases
    near the start of a text, lift the score; phrases in the title lift it again ("biên bản họp chi ủy"
    before "biên bản họp chi bộ", whose text also speaks of the chi ủy)."""
    factor = 1.0
    if number and any(is_number_form(t) for t in parsed.required):
        own = {t.text for t in number_forms(fold(number))}
        factor = 3.0 if own & set(parsed.required) else 1.0
    if not parsed.exact and not parsed.optional:
        return 0, factor
    head = text[:RERANK_CHARS]
    folded = " ".join(re.findall(r"[0-9a-z]+", fold(head)))
    pairs = sum(f" {t.replace('_', ' ')} " in f" {folded} " for t in parsed.optional)
    named = " ".join(re.findall(r"[0-9a-z]+", fold(title)))
    pairs += sum(f" {t.replace('_', ' ')} " in f" {named} " for t in parsed.optional) if named else 0
    exact = 0
    if parsed.exact:
        words = {w.text for w in syllables(head)}
        exact = sum(t in words for t in parsed.exact)
    return exact, factor * (1.0 + 0.25 * pairs)


_OPEN: dict[Path, tuple[Path, Any]] = {}  # index folder: (the version open, its searcher)


def _searcher(folder: Path, version: Path | None = None) -> Any:
    """A searcher on the version the folder points at, opened once per process and reopened after a swap.

    The read lock is held while the version is opened: once open, its files (one memory-mapped segment) stay
    readable even when a writer removes the folder."""
    with _locked(folder / READ_LOCK, exclusive=False):
        version = version or _current(folder)  # a version the caller checked, or the one the folder names
        if version is None:
            raise FileNotFoundError(errno.ENOENT, "chưa có chỉ mục tìm kiếm", str(folder / POINTER))
        cached = _OPEN.get(folder)
        if cached is None or cached[0] != version:
            _forget(folder)
            _OPEN[folder] = (version, windex.open_dir(str(version), readonly=True).searcher(weighting=LiveTFIDF()))
        return _OPEN[folder][1]


def _forget(folder: Path) -> None:
    cached = _OPEN.pop(folder, None)
    if cached is not None:
        with contextlib.suppress(Exception):
            cached[1].close()


def search_current(folder: Path, sources: str, text: str, kind: str | None = None, cell_type: str | None = None,
                   limit: int = 10) -> tuple[list[Result], list[str]] | None:
    """The search, when the index was made from these sources (sotay.project.source_state) and its files are
    as written; None when it is missing, stale or fails to open: the caller then loads the base and calls
    `search` with its entries, which rebuilds. Loads nothing of the base: the cold command's fast path."""
    for root, current, written in _readable(folder):
        if written.get("sources") == sources and written.get("engine") == engine_version():
            _tidy(root, current)
            if root != folder:
                _said_spare(root, folder)
            # This very version: one a slow writer swapped in since may hold what the sources were before.
            found = _attempt(root, text, kind, cell_type, limit, current)
            return None if isinstance(found, str) else found
    return None


def search(folder: Path, text: str, kind: str | None = None, cell_type: str | None = None,
           limit: int = 10, entries: list[Entry] | None = None,
           sources: str | None = None) -> tuple[list[Result], list[str]]:
    """Results best first, and notes about the query (too long, nothing to search, loosened).

    Given the entries the index is made of, a missing, stale or damaged index is rebuilt from them first (in a
    temporary folder when the cache cannot be written), and one that fails while searching is rebuilt once.
    """
    if entries is None:
        return _search(folder, text, kind, cell_type, limit)
    stamp = fingerprint(entries)
    root, _rebuilt = _ensure(entries, folder, stamp, sources=sources)
    found = _attempt(root, text, kind, cell_type, limit)
    if isinstance(found, str):
        log.info("sotay: chỉ mục tìm kiếm hỏng (%s); dựng lại", found)
        root, _rebuilt = _ensure(entries, folder, stamp, failed=_current(root), sources=sources)
        return _search(root, text, kind, cell_type, limit)
    return found


def _attempt(folder: Path, text: str, kind: str | None, cell_type: str | None,
             limit: int, version: Path | None = None) -> tuple[list[Result], list[str]] | str:
    """The search, or what went wrong: a damaged file makes Whoosh raise anything (EOFError, UnpicklingError,
    struct.error…), and leave files open, closed here quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return _search(folder, text, kind, cell_type, limit, version)
        except Exception as err:
            problem = f"{type(err).__name__}: {err}"
        _forget(folder)
        gc.collect()
    return problem


def _search(folder: Path, text: str, kind: str | None, cell_type: str | None,
            limit: int, version: Path | None = None) -> tuple[list[Result], list[str]]:
    parsed = parse_query(text)
    notes = list(parsed.notes)
    if not parsed.required:
        return [], [*notes, "truy vấn không có từ nào để tìm"]
    filters = [q.Term("kind", kind)] if kind else []
    if cell_type:
        filters.append(q.Or([q.Term("cells", cell_type), q.Term("cells", ALL_CELLS)]))
    # TF-IDF over the boosted weights costs half of BM25F in pure Python; the rerank and the
    # provision choice below carry the finer ranking, and the query-set tests hold with it.
    searcher = _searcher(folder, version)
    where = q.And(filters) if filters else None
    wanted = max(limit, RERANK)
    phrases = _phrase_terms(parsed)
    hits = searcher.search(_query(phrases), limit=wanted, filter=where) if phrases != parsed.required else None
    if hits is None or hits.scored_length() < limit:  # too few as phrases: every word, anywhere
        hits = searcher.search(_query(parsed.required), limit=wanted, filter=where)
    if hits.is_empty() and len(parsed.required) > 1:
        hits = searcher.search(_query(parsed.required, any_term=True), limit=wanted, filter=where)
        if not hits.is_empty():
            notes.append("không có kết quả chứa đủ mọi từ; hiện các kết quả chứa một phần")
    # Equal scores in the order of the entries' kinds, then of their addresses: never by where an entry sits in
    # the index, which an update changes (the changed entries move to a segment of their own). Equal to the sixth
    # decimal: Whoosh adds a query's term scores in an order each segment decides, so an entry's score may differ
    # in its last bits from one segmentation to another.
    def order(score: float, fields: dict[str, Any]) -> tuple[float, int, str]:
        return -round(score, SCORE_DECIMALS), KINDS.index(fields["kind"]), fields["url"]

    found = sorted(((0.0 if math.isnan(h.score) else float(h.score), h.fields()) for h in hits),
                   key=lambda pair: order(*pair))
    scored = []
    for rank, (score, fields) in enumerate(found):
        exact = 0
        if rank < RERANK:
            exact, factor = _rerank(f"{fields['title']} {fields['text']}", fields["number"], parsed, fields["title"])
            score *= factor
        scored.append((exact, score, fields))
    scored.sort(key=lambda item: (-item[0], *order(item[1], item[2])))
    terms = set(parsed.required) | set(parsed.optional)
    return [_result(fields, score, terms) for _exact, score, fields in scored[:limit]], notes


def _result(fields: dict[str, Any], score: float, terms: set[str]) -> Result:
    """A hit, pointed at the provision that matches best, with a snippet from there."""
    text, url, section = fields["text"], fields["url"], None
    spans = [(None, None, 0, fields["sections"][0][2] if fields.get("sections") else len(text))]
    spans += [tuple(s) for s in fields.get("sections") or ()]
    words = words_pattern(terms)
    folded = fold(text)
    found = [words.findall(folded, s[2], s[3]) if words else [] for s in spans]
    scores = [_section_score(s[1] or "", f, s[3] - s[2], words) for s, f in zip(spans, found, strict=True)]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    if spans[best][0] is not None and found[best]:
        anchor, section, start, end = spans[best]
        url, text, folded = f"{url}#{anchor}", text[start:end], folded[start:end]
    return Result(fields["title"], fields["number"], fields["kind"], url, make_snippet(text, terms, folded, words),
                  round(score, 4), section)


def _section_score(title: str, found: list[str], length: int, words: re.Pattern[str] | None) -> float:
    """A provision whose heading names the query wins; otherwise the one densest in distinct query words."""
    heading = len(set(words.findall(fold(title)))) if words else 0
    return 4 * heading + len(set(found)) + len(found) / math.sqrt(length / 5 + 1)


CACHE = Path(".sotay-cache") / "whoosh"


def index_folder(root: Path) -> Path:
    """Where a project keeps its Whoosh index (ignored by git; rebuilt when content changes)."""
    return root / CACHE


def ensure_index(entries: list[Entry], folder: Path, sources: str | None = None) -> bool:
    """Rebuild the index unless it already holds exactly these entries, intact; True when rebuilt. `sources`
    is recorded with it (see `search_current`)."""
    return _ensure(entries, folder, fingerprint(entries), sources=sources)[1]


# The index folder. Readers and writers share it without ever seeing half an index:
#   CURRENT            names the complete version to read; replaced whole (os.replace), never edited
#   v-<fp>-<tag>/      a complete Whoosh index and sotay.json (fingerprint, and a SHA-256 of every file)
#   tmp-<pid>-<tag>/   a version being written; renamed to v-… when complete, then CURRENT is replaced
#   .write.lock        flock, exclusive: one writer at a time, and whoever holds it knows every tmp-… is dead
#   .read.lock         flock, shared by readers while they open a version; a writer removes old versions only
#                      when it gets it exclusively, so no version disappears while a reader opens it
# A killed writer leaves a tmp-…, a CURRENT.….tmp or an unnamed v-… behind: the next writer (or a reader that
# gets the write lock at once) removes them. A folder that cannot be written falls back to one in the temporary
# folder, per user and per project.
POINTER = "CURRENT"
WRITE_LOCK = ".write.lock"
READ_LOCK = ".read.lock"
STAMP = "sotay.json"
ENTRIES = "entries.json"  # each entry's digest, for the next version to index only what changed
UPDATE_SHARE = 4  # an update indexes again at most a quarter of the entries; more builds anew
MIN_UPDATE = 8
WHOOSH_LOCK = "MAIN_WRITELOCK"  # Whoosh's own, left in the folder it wrote; no reader needs it
VERSION = re.compile(r"v-[0-9a-z]+-[0-9a-z-]+")
CLEAN_WAIT = 2.0  # seconds a writer waits for readers to let old versions go, before leaving them to the next
log = logging.getLogger(__name__)


def _ensure(entries: list[Entry], folder: Path, stamp: str, failed: Path | None = None,
            sources: str | None = None) -> tuple[Path, bool]:
    """(the folder whose current version holds these entries, whether it was built now).

    The project's folder if it is current or can be written, else a temporary one; `failed` is a version that
    failed to open, rebuilt even when its files look intact.
    """
    for root, current, written in _readable(folder):
        if current != failed and written["fingerprint"] == stamp:
            _tidy(root, current)
            if sources is not None:
                with _locked(root / WRITE_LOCK, exclusive=True, wait=0.0) as held:
                    if held:  # a writer busy now records its own sources
                        _restamp(root, current, written, sources)
            if root != folder:
                _said_spare(root, folder)
            return root, False
    spare = _fallback(folder)
    try:
        return folder, _build(entries, folder, stamp, failed=failed, sources=sources)
    except OSError as err:  # read-only, a file in the way, a full disk
        log.info("sotay: không ghi được chỉ mục tìm kiếm vào %s (%s); dùng thư mục tạm %s", folder, err, spare)
    spare.parent.mkdir(mode=0o700, exist_ok=True)
    if not _owned(spare.parent):  # Whoosh unpickles its files: never read a folder another user could write
        raise PermissionError(errno.EPERM, "thư mục tạm không riêng của người dùng này", str(spare.parent))
    return spare, _build(entries, spare, stamp, failed=failed, sources=sources)


def _readable(folder: Path) -> Iterator[tuple[Path, Path, dict[str, Any]]]:
    """(root, version, its stamp) for the intact current version of the project's folder, then of its stand-in
    in the temporary folder, when that one is this user's own (Whoosh unpickles what it reads)."""
    spare = _fallback(folder)
    for root in (folder, spare):
        if root == spare and not _owned(spare.parent):
            continue
        current = _current(root)
        written = _stamp_of(current) if current is not None else None
        if current is not None and written is not None:
            yield root, current, written


def _said_spare(spare: Path, folder: Path) -> None:
    log.info("sotay: dùng chỉ mục tìm kiếm đã dựng trong thư mục tạm %s (%s không có chỉ mục mới)", spare, folder)


def _fallback(folder: Path) -> Path:
    """A per-user place in the temporary folder for the index of a project whose cache cannot be written."""
    key = hashlib.sha256(str(folder.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    user = os.getuid() if hasattr(os, "getuid") else getpass.getuser()
    return Path(tempfile.gettempdir()) / f"sotay-{user}" / f"whoosh-{key}"


def _owned(folder: Path) -> bool:
    """A real folder of this user's that nobody else can write in."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and mine and not info.st_mode & 0o022


def _build(entries: list[Entry], folder: Path, stamp: str, force: bool = False, failed: Path | None = None,
           sources: str | None = None) -> bool:
    """Build a version aside and point the folder at it, under the write lock; False when another writer
    built this one meanwhile."""
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / WRITE_LOCK, exclusive=True):
        current = _current(folder)
        written = _stamp_of(current) if current is not None and current != failed else None
        base = current if written is not None else None  # intact: what an update starts from
        if not force and base is not None and written is not None and written["fingerprint"] == stamp:
            if sources is not None:
                _restamp(folder, base, written, sources)
            return False
        _remove_dead(folder)
        shutil.rmtree(folder.with_name(folder.name + ".new"), ignore_errors=True)  # an earlier layout's staging
        version = _write_version(entries, folder, stamp, sources, base)
        pointer = folder / f"{POINTER}.{secrets.token_hex(4)}.tmp"
        try:
            pointer.write_text(version.name + "\n", encoding="ascii")
            os.replace(pointer, folder / POINTER)
        finally:
            pointer.unlink(missing_ok=True)
        _forget(folder)
        _remove_old(folder, version)
        return True


def _write_version(entries: list[Entry], folder: Path, stamp: str, sources: str | None,
                   base: Path | None = None) -> Path:
    """A complete index in a new v-… folder, written under a tmp-… name first (removed if the writing fails).

    Given the intact version before it, only what changed is indexed again: its files are copied, the entries
    changed or gone are deleted from them and the changed or new ones added, as a small segment. A large change,
    or deletions piling up (Whoosh keeps deleted entries in their segment until it merges), builds anew."""
    tag = f"{os.getpid()}-{secrets.token_hex(4)}"
    staging = folder / f"tmp-{tag}"
    staging.mkdir()
    digests = {e.id: entry_digest(e) for e in entries}
    try:
        if base is None or len(digests) != len(entries) or not _update(base, staging, entries, digests):
            _create(staging, entries)
        (staging / WHOOSH_LOCK).unlink(missing_ok=True)
        (staging / ENTRIES).write_text(json.dumps({"engine": engine_version(), "entries": digests}), encoding="utf-8")
        files = {p.name: _file_state(p) for p in sorted(staging.iterdir())}
        (staging / STAMP).write_text(json.dumps({"fingerprint": stamp, "engine": engine_version(),
                                                 "sources": sources, "files": files}), encoding="utf-8")
        version = folder / f"v-{stamp[:12]}-{tag}"
        staging.rename(version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return version


def _create(staging: Path, entries: list[Entry]) -> None:
    """A fresh index of the entries. A large one is written in two processes where there are two processors:
    the second half of the entries, by text, as a segment of its own written beside, then adopted."""
    for leftover in staging.iterdir():  # what an update that gave up left
        _remove(leftover)
    first, second = _halves(entries) if worth_it(len(entries), PARALLEL_MIN) else (entries, [])
    if not second:
        _write_index(staging, first)
        return
    part = staging / "part"
    helper = Beside(_write_part, part, second)
    try:
        _write_index(staging, first)
        helper.result(partial(_write_part_here, part, second), "lập nửa chỉ mục Whoosh")
    finally:
        helper.stop()
    adopt(staging, part)


PARALLEL_MIN = 400  # entries, below which a second process (about 0.4 s to start) gains nothing


def _write_part_here(part: Path, entries: list[Entry]) -> None:
    """The second half, written here: no second process here (no /dev/shm, no semaphores…), or it failed."""
    _remove(part)
    _write_part(part, entries)


def _halves(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The entries cut where half their text is reached: indexing time follows the text."""
    total, reached = sum(len(e.text) for e in entries), 0
    for i, e in enumerate(entries):
        reached += len(e.text)
        if 2 * reached >= total:
            return entries[:i + 1], entries[i + 1:]
    return entries, []


def _write_index(folder: Path, entries: list[Entry]) -> None:
    """A new index of these entries, one segment, in a folder that holds no other."""
    ix = windex.create_in(str(folder), schema())
    with Writer(ix) as writer:
        for e in entries:
            _add(writer, e)
    ix.close()


def _write_part(folder: Path, entries: list[Entry]) -> None:
    """The second process's half: its index in a new folder."""
    folder.mkdir()
    _write_index(folder, entries)


def _update(base: Path, staging: Path, entries: list[Entry], digests: dict[str, str]) -> bool:
    """Index into staging only the entries whose digests differ from base's; False when that is not worth it
    (or base cannot be read), and staging is then left for a full build."""
    try:
        written = json.loads((base / ENTRIES).read_text("utf-8"))
        before = written.get("entries") if isinstance(written, dict) else None
        if not isinstance(before, dict) or written.get("engine") != engine_version():
            return False  # another engine's terms: every entry is indexed again
        changed = [e for e in entries if before.get(e.id) != digests[e.id]]
        gone = [name for name in before if name not in digests]
        if len(changed) + len(gone) > max(MIN_UPDATE, len(entries) // UPDATE_SHARE):
            return False
        for path in base.iterdir():
            if path.name not in (STAMP, ENTRIES, WHOOSH_LOCK):
                shutil.copyfile(path, staging / path.name)
        ix = windex.open_dir(str(staging))
        if ix.doc_count_all() - ix.doc_count() + len(changed) + len(gone) > len(entries) // UPDATE_SHARE + 1:
            ix.close()
            return False  # deletions would pile up: a fresh index is smaller and scores as a full build does
        with Writer(ix) as writer:
            for name in [*gone, *(e.id for e in changed if e.id in before)]:
                writer.delete_by_term("id", name)
            for e in changed:
                _add(writer, e)
        ix.close()
        return True
    except Exception:  # a damaged base: Whoosh may raise anything; the full build below decides
        return False


def _add(writer: Any, e: Entry) -> None:
    writer.add_document(id=e.id, kind=e.kind, cells=",".join(e.cells), title=e.title, number=e.number, url=e.url,
                        text=e.text, sections=e.sections, all_f=PART.join((e.title, e.number, e.text)))


def _current(folder: Path) -> Path | None:
    """The version the folder points at, if the pointer reads as one."""
    try:
        name = (folder / POINTER).read_text("ascii").strip()
    except (OSError, ValueError):
        return None
    return folder / name if VERSION.fullmatch(name) else None


def _intact(version: Path, stamp: str) -> bool:
    """The version holds the entries of this fingerprint, and every file is there as written, and no other."""
    written = _stamp_of(version)
    return written is not None and written["fingerprint"] == stamp


def _stamp_of(version: Path) -> dict[str, Any] | None:
    """The version's stamp, when its files are those it lists, each with the size and modification time it had
    when written (a file truncated, emptied, rewritten or added shows, for a stat per file); None otherwise.
    Damage that keeps both, or a stamp rewritten to match, makes Whoosh fail, and the search then rebuilds."""
    try:
        written = json.loads((version / STAMP).read_text("utf-8"))
        files = written["files"]
        if not isinstance(written, dict) or not isinstance(written["fingerprint"], str):
            return None
        if not isinstance(files, dict) or not files:
            return None
        if {p.name for p in version.iterdir()} - {STAMP, WHOOSH_LOCK} != set(files):
            return None
        if not all(_file_state(version / name) == state for name, state in files.items()):
            return None
        return written
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _file_state(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def _restamp(folder: Path, version: Path, written: dict[str, Any], sources: str) -> None:
    """Under the write lock: record that the current version, whose stamp is `written`, answers for these
    sources too (a file touched, content the same), so that the next `search_current` need not load the base.
    Best effort: a stamp that cannot be written costs that one load."""
    if written.get("sources") == sources:
        return
    draft = folder / f"stamp-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        draft.write_text(json.dumps({**written, "sources": sources}), encoding="utf-8")
        os.replace(draft, version / STAMP)
    except OSError:
        pass
    finally:
        draft.unlink(missing_ok=True)


def _tidy(folder: Path, current: Path) -> None:
    """Remove what killed writers left, when nobody is writing now (a reader's chance to clean)."""
    try:
        if {p.name for p in folder.iterdir()} <= {POINTER, WRITE_LOCK, READ_LOCK, current.name}:
            return
        with _locked(folder / WRITE_LOCK, exclusive=True, wait=0.0) as held:
            if held and _current(folder) == current:
                _remove_dead(folder)
                _remove_old(folder, current, wait=0.0)
    except OSError:  # a folder that cannot be written keeps its leftovers
        return


def _remove_dead(folder: Path) -> None:
    """Under the write lock: what no reader reads (staging folders, pointer drafts, an older layout's files)."""
    for path in folder.iterdir():
        if path.name in (POINTER, WRITE_LOCK, READ_LOCK) or VERSION.fullmatch(path.name):
            continue
        _remove(path)


def _remove_old(folder: Path, current: Path, wait: float = CLEAN_WAIT) -> None:
    """Under the write lock: the versions before the current one, once no reader holds the folder."""
    old = [p for p in folder.iterdir() if VERSION.fullmatch(p.name) and p.name != current.name]
    if not old:
        return
    with _locked(folder / READ_LOCK, exclusive=True, wait=wait) as held:
        if held:
            for path in old:
                _remove(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


@contextlib.contextmanager
def _locked(path: Path, exclusive: bool, wait: float | None = None) -> Iterator[bool]:
    """Hold an flock on path (created if it can be): True once held. `wait` None blocks; otherwise gives up
    after that many seconds and yields False. A reader that cannot open the file goes on unlocked: nobody can
    write in that folder either."""
    fd = _lock_file(path, exclusive)
    if fd is None:
        yield True
        return
    try:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        if wait is None:
            fcntl.flock(fd, mode)
            yield True
        else:
            yield _try_lock(fd, mode, wait)
    finally:
        os.close(fd)  # which releases the lock


def _lock_file(path: Path, exclusive: bool) -> int | None:
    if sys.platform == "win32":  # no flock: one writer at a time is then the user's care
        return None
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        if exclusive:
            raise
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


def _try_lock(fd: int, mode: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
