"""The Vietnamese analyzer: composable stages, mirrored stage by stage in analyzer.js.

    text -> NFC -> syllables (with offsets) -> lower case -> tone placement -> fold (đ -> d)
         -> number forms (18-KL/TW, KL18, "kết luận số 18" -> kl18)
         -> abbreviations (TCCSĐ -> tổ chức cơ sở đảng) -> syllable bigrams (chi_bo)

Two streams come out: the folded stream (matching: a query without diacritics
finds every accented form) and the exact stream (ranking: an accented query
puts the same accents first). Index mode keeps an abbreviation and adds its
expansion; query mode replaces it, so both sides meet on the expansion.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, NamedTuple

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
SYLLABLE = re.compile(r"[^\W_]+")  # letters and digits of any script; analyzer.js: /[\p{L}\p{N}]+/gu
INDEX, QUERY = "index", "query"


class Token(NamedTuple):
    """A term with the span of the original text it came from."""

    text: str
    start: int
    end: int


@cache
def data() -> dict[str, Any]:
    """The shared table of abbreviations, number types and type words."""
    raw = resources.files(__package__).joinpath("data/analysis.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(raw)
    return table


# Stage 1: NFC, so that NFD input from old keyboards matches.
def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Stage 2: one tone placement: hoà/hòa, khoẻ/khỏe, thuỷ/thủy all become the first form.
@lru_cache(maxsize=65536)
def normalize_tone(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in TONE_MARKS), None)
    if tone is None:
        return syllable
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    low = base.lower()
    if low.endswith(("oa", "oe", "uy")) and not low.endswith("quy"):
        split = len(base) - 1  # the tone goes on the first vowel of the final pair
        return unicodedata.normalize("NFC", base[:split] + tone + base[split:])
    return unicodedata.normalize("NFC", syllable)


# Stage 3: folding, one character for one character so offsets survive.
def fold_char(ch: str) -> str:
    """One character for one: đ, Đ and Ð become d; every space a space; every dash a hyphen."""
    if ch in "đĐÐð":
        return "d"
    if ch in data()["spaces"]:
        return " "
    if ch in data()["dashes"]:
        return "-"
    return unicodedata.normalize("NFD", ch.lower())[0]


class _FoldTable(dict[int, str]):
    """str.translate table that learns each character once (texts reuse a few hundred)."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    return text.translate(_FOLD)


def spans(text: str, folded: str | None = None) -> list[tuple[int, int, str | None]]:
    """(start, end, joined word or None) of every syllable; KT-XH is one syllable, 'ktxh'. `folded` is
    fold(text), when the caller has it already."""
    folded = fold(text) if folded is None else folded
    joined = _joined(folded)
    if not joined:  # most texts: the runs of letters, in order
        return [(*m.span(), None) for m in SYLLABLE.finditer(folded)]
    found: list[tuple[int, int, str | None]] = []
    for start, end, word in joined:
        found.append((start, end, word))
        folded = folded[:start] + " " * (end - start) + folded[end:]
    found += [(m.start(), m.end(), None) for m in SYLLABLE.finditer(folded)]
    return sorted(found)


def syllables(text: str) -> list[Token]:
    """Syllables of NFC text, with offsets, in their exact (lower-case, one tone placement) form."""
    return [Token(word or normalize_tone(text[start:end].lower()), start, end) for start, end, word in spans(text)]


def _joined(folded: str) -> list[tuple[int, int, str]]:
    found = []
    for pair in data()["joined"]:
        left, right = pair.split("-")
        if left not in folded or right not in folded:  # most texts: no regex scan at all
            continue
        pattern = rf"(?<![0-9a-z_]){left} *- *{right}(?![0-9a-z_])"
        found += [(m.start(), m.end(), left + right) for m in re.finditer(pattern, folded)]
    return found


# Stage 4: number forms, the one token every way of writing a document number shares.
def number_forms(folded: str) -> list[Token]:
    if _DIGIT.search(folded) is None:  # every form has a number: most sections are read once, not three times
        return []
    table = data()
    types = table["number_types"]
    found: list[Token] = []
    for m in _NUMBER.finditer(folded):
        kind = types.get(m.group(2))
        if kind:
            found.append(Token(f"{kind}{int(m.group(1))}", m.start(), m.end()))
    for m in _abbr_number().finditer(folded):
        found.append(Token(f"{types[m.group(1)]}{int(m.group(2))}", m.start(), m.end()))
    for m in _word_number().finditer(folded):
        found.append(Token(f"{table['type_words'][' '.join(m.group(1).split())]}{int(m.group(2))}", m.start(),
                           m.end()))
    return sorted(set(found), key=lambda t: (t.start, t.text))


_DIGIT = re.compile(r"[0-9]")
_NUMBER = re.compile(r"(?<![0-9a-z_/])([0-9]{1,4})[a-z]? *- *([a-z]+)(?:/[a-z]+(?:-[a-z]+)*)+")


@cache
def _abbr_number() -> re.Pattern[str]:
    table = data()
    kinds = "|".join(sorted(set(table["number_types"]) - set(table["abbr_number_exclude"]), key=len, reverse=True))
    return re.compile(rf"(?<![0-9a-z_/])({kinds}) *-? *([0-9]{{1,4}})(?![0-9a-z_/])")


@cache
def _word_number() -> re.Pattern[str]:
    words = "|".join(w.replace(" ", " +") for w in sorted(data()["type_words"], key=len, reverse=True))
    return re.compile(rf"(?<![0-9a-z_])({words}) +(?:so +)?([0-9]{{1,4}})(?![0-9a-z_])")


def _bigrams(tokens: list[Token]) -> list[Token]:
    return [Token(f"{a.text}_{b.text}", a.start, b.end) for a, b in pairwise(tokens)]


def _expand(token: Token, bigrams: bool = True) -> list[Token]:
    words = [Token(fold(w), token.start, token.end) for w in data()["abbreviations"][token.text].split()]
    return words + _bigrams(words) if bigrams else words


# The two streams.
def folded_tokens(text: str, mode: str = INDEX, bigrams: bool = True) -> list[Token]:
    """Folded syllables, bigrams (unless bigrams=False), number forms and abbreviation expansions."""
    text = nfc(text)
    folded_text = fold(text)
    # Fold the original span, not the lower-cased syllable: "İ".lower() grows a combining dot.
    words = [Token(word or folded_text[start:end], start, end) for start, end, word in spans(text, folded_text)]
    abbreviations = data()["abbreviations"]
    forms = number_forms(folded_text)
    form_spans = {(f.start, f.end) for f in forms}
    out: list[Token] = []
    plain: list[Token] = []
    for word in words:
        if word.text in abbreviations and not _inside(word, form_spans):
            if mode == INDEX:
                out.append(word)
            out.extend(_expand(word, bigrams))
            continue
        plain.append(word)
    out.extend(plain)
    if bigrams:
        out.extend(_bigrams(words))
    out.extend(forms)
    unique = {(t.start, t.end, t.text): t for t in out}  # "KL18" is both a syllable and a number form
    return [unique[key] for key in sorted(unique)]


def folded_terms(text: str, bigrams: bool = False) -> Counter[str]:
    """The terms of folded_tokens(text, INDEX, bigrams), counted: what an index needs (no positions). Text
    with no joined word and no abbreviation outside a number form, most text, is counted without a Token per
    syllable, several times faster; other text goes through folded_tokens."""
    text = nfc(text)
    folded = fold(text)
    if _joined(folded):
        return _counted(text, bigrams)
    words = SYLLABLE.findall(folded)
    counts = Counter(words)
    forms = number_forms(folded)
    present = counts.keys() & data()["abbreviations"].keys()
    if present:
        form_spans = {(f.start, f.end) for f in forms}
        for m in _abbreviation_words().finditer(folded):
            if not _inside(Token(m.group(), m.start(), m.end()), form_spans):
                return _counted(text, bigrams)  # an abbreviation expanded into its words
    if bigrams:  # a pair holds "_", which no syllable or number form does: no pair is counted twice
        counts.update(map("_".join, pairwise(words)))
    for form in forms:  # unique already; "kl18" that is also a syllable there counts once
        if not _is_syllable(folded, form.start, form.end) or folded[form.start:form.end] != form.text:
            counts[form.text] += 1
    return counts


@cache
def _abbreviation_words() -> re.Pattern[str]:
    """Every abbreviation, as a whole syllable of folded text."""
    words = "|".join(sorted(data()["abbreviations"], key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{words})(?![^\W_])")


def _is_syllable(folded: str, start: int, end: int) -> bool:
    """Whether folded[start:end] is one whole syllable (a run SYLLABLE finds)."""
    found = SYLLABLE.match(folded, start)
    return found is not None and found.end() == end and (start == 0 or SYLLABLE.match(folded, start - 1) is None)


def _counted(text: str, bigrams: bool) -> Counter[str]:
    return Counter(t.text for t in folded_tokens(text, INDEX, bigrams))


def _inside(token: Token, spans: set[tuple[int, int]]) -> bool:
    return any(start <= token.start and token.end <= end for start, end in spans)


def exact_tokens(text: str) -> list[Token]:
    """Accented syllables (lower case, one tone placement): the ranking stream."""
    return syllables(nfc(text))


def analyze(text: str, mode: str = INDEX) -> dict[str, list[str]]:
    """Both streams as plain term lists: what the golden cases compare."""
    return {"folded": [t.text for t in folded_tokens(text, mode)], "exact": [t.text for t in exact_tokens(text)]}
