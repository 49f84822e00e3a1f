"""The Whoosh index behind a small interface: build, search, results as plain data.

Whoosh pickles analyzers into the index, so the tokenizers live here, in an
importable module. The query is built from the project's own analyzer, never
from Whoosh's query parser, so no input can make it fail.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as q
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.scoring import BM25F

from .analyzer import INDEX, QUERY, data, exact_tokens, fold, folded_tokens
from .entries import ALL_CELLS, Entry
from .snippet import Snippet, make_snippet

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
BOOSTS = {"number_f": 6.0, "title_f": 3.0, "body_f": 1.0}
EXACT_BOOSTS = {"title_x": 2.0, "body_x": 1.0}
INDEX_VERSION = "1"


class FoldedTokenizer(Tokenizer):  # type: ignore[misc]
    """The folded stream (index mode) as a Whoosh tokenizer."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Iterator[Token]:
        yield from _tokens(folded_tokens(value, INDEX), positions, chars, start_pos, start_char, mode, kwargs)


class ExactTokenizer(Tokenizer):  # type: ignore[misc]
    """The exact stream (accented, one tone placement) as a Whoosh tokenizer."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Iterator[Token]:
        yield from _tokens(exact_tokens(value), positions, chars, start_pos, start_char, mode, kwargs)


def _tokens(found: list[Any], positions: bool, chars: bool, start_pos: int, start_char: int, mode: str,
            kwargs: dict[str, Any]) -> Iterator[Token]:
    token = Token(positions, chars, removestops=False, mode=mode, **kwargs)
    for pos, item in enumerate(found):
        token.text, token.boost, token.stopped = item.text, 1.0, False
        if positions:
            token.pos = start_pos + pos
        if chars:
            token.startchar, token.endchar = start_char + item.start, start_char + item.end
        yield token


def schema() -> Schema:
    folded, exact = FoldedTokenizer(), ExactTokenizer()
    return Schema(
        id=ID(stored=True, unique=True), kind=ID(stored=True), cells=KEYWORD(stored=True, commas=True),
        title=STORED, number=STORED, url=STORED, text=STORED,
        title_f=TEXT(analyzer=folded), title_x=TEXT(analyzer=exact), number_f=TEXT(analyzer=folded),
        body_f=TEXT(analyzer=folded), body_x=TEXT(analyzer=exact),
    )


def fingerprint(entries: list[Entry]) -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for entry in entries:
        digest.update(json.dumps(entry.__dict__, ensure_ascii=False, sort_keys=True).encode())
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
                                url=e.url, text=e.text, title_f=e.title, title_x=e.title, number_f=e.number,
                                body_f=e.text, body_x=e.text)
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


def _term_query(term: str) -> q.Query:
    return q.Or([q.Term(field, term, boost=boost) for field, boost in BOOSTS.items()])


def _query(parsed: ParsedQuery, any_term: bool) -> q.Query:
    required = [_term_query(t) for t in parsed.required]
    must = q.Or(required) if any_term else q.And(required)
    extra = [q.Term(f, t, boost=2.0) for t in parsed.optional for f in ("title_f", "body_f")]
    extra += [q.Term(f, t, boost=b) for t in parsed.exact for f, b in EXACT_BOOSTS.items()]
    return q.AndMaybe(must, q.Or(extra)) if extra else must


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
    ix = windex.open_dir(str(folder))
    with ix.searcher(weighting=BM25F()) as searcher:
        where = q.And(filters) if filters else None
        hits = searcher.search(_query(parsed, any_term=False), limit=limit, filter=where)
        if hits.is_empty() and len(parsed.required) > 1:
            hits = searcher.search(_query(parsed, any_term=True), limit=limit, filter=where)
            notes.append("không có kết quả chứa đủ mọi từ; hiện các kết quả chứa một phần")
        terms = set(parsed.required) | set(parsed.optional)
        results = [Result(h["title"], h["number"], h["kind"], h["url"], make_snippet(h["text"], terms),
                          round(float(h.score), 4) if not math.isnan(h.score) else 0.0) for h in hits]
    return results, notes


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
