"""The Whoosh index behind a small interface: build, search, results as plain data.

Whoosh pickles analyzers into the index, so the tokenizers live here, in an
importable module. The query is built from the project's own analyzer, never
from Whoosh's query parser, so no input can make it fail.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as q
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.scoring import TF_IDF

from .analyzer import INDEX, QUERY, data, exact_tokens, fold, folded_tokens, number_forms, syllables
from .entries import ALL_CELLS, Entry
from .snippet import Snippet, make_snippet, words_pattern

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
INDEX_VERSION = "6"
RERANK = 15
RERANK_CHARS = 800


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


def schema() -> Schema:
    """One folded field for matching; the rest is stored for results and the rerank."""
    return Schema(
        id=ID(stored=True, unique=True), kind=ID(stored=True), cells=KEYWORD(stored=True, commas=True),
        title=STORED, number=STORED, url=STORED, text=STORED, sections=STORED,
        all_f=TEXT(analyzer=CombinedTokenizer(), phrase=False),
    )


def fingerprint(entries: list[Entry]) -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for entry in entries:
        digest.update(json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def build_index(entries: list[Entry], folder: Path) -> None:
    """Write a fresh index (in a sibling folder, swapped in when complete)."""
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    ix = windex.create_in(str(staging), schema())
    with ix.writer() as writer:
        for e in entries:
            writer.add_document(id=e.id, kind=e.kind, cells=",".join(e.cells), title=e.title, number=e.number,
                                url=e.url, text=e.text, sections=e.sections,
                                all_f=PART.join((e.title, e.number, e.text)))
    (staging / "sotay.json").write_text(json.dumps({"fingerprint": fingerprint(entries)}), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)


def is_current(entries: list[Entry], folder: Path) -> bool:
    stamp = folder / "sotay.json"
    try:
        return bool(json.loads(stamp.read_text("utf-8"))["fingerprint"] == fingerprint(entries))
    except (OSError, ValueError, KeyError):
        return False


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


_OPEN: dict[Path, tuple[float, Any]] = {}


def _searcher(folder: Path) -> Any:
    """A searcher, opened once per process and reopened when the index is rebuilt."""
    stamp = (folder / "sotay.json").stat().st_mtime
    cached = _OPEN.get(folder)
    if cached is None or cached[0] != stamp:
        if cached is not None:
            cached[1].close()
        _OPEN[folder] = (stamp, windex.open_dir(str(folder)).searcher(weighting=TF_IDF()))
    return _OPEN[folder][1]


def search(folder: Path, text: str, kind: str | None = None, cell_type: str | None = None,
           limit: int = 10) -> tuple[list[Result], list[str]]:
    """Results best first, and notes about the query (too long, nothing to search, loosened)."""
    parsed = parse_query(text)
    notes = list(parsed.notes)
    if not parsed.required:
        return [], [*notes, "truy vấn không có từ nào để tìm"]
    filters = [q.Term("kind", kind)] if kind else []
    if cell_type:
        filters.append(q.Or([q.Term("cells", cell_type), q.Term("cells", ALL_CELLS)]))
    # TF-IDF over the boosted weights costs half of BM25F in pure Python; the rerank and the
    # provision choice below carry the finer ranking, and the query-set tests hold with it.
    searcher = _searcher(folder)
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
    scored = []
    for rank, hit in enumerate(hits):
        fields = hit.fields()
        score = 0.0 if math.isnan(hit.score) else float(hit.score)
        exact = 0
        if rank < RERANK:
            exact, factor = _rerank(f"{fields['title']} {fields['text']}", fields["number"], parsed, fields["title"])
            score *= factor
        scored.append((exact, score, rank, fields))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    terms = set(parsed.required) | set(parsed.optional)
    return [_result(fields, score, terms) for _exact, score, _rank, fields in scored[:limit]], notes


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


def ensure_index(entries: list[Entry], folder: Path) -> bool:
    """Rebuild the index unless it already holds exactly these entries; True when rebuilt."""
    if is_current(entries, folder):
        return False
    build_index(entries, folder)
    return True
