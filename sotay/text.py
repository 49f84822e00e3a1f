"""Vietnamese text helpers: normalisation, slugs, collation and dates."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

# Marks that make a new letter of the alphabet (ă, â, ê, ô, ơ, ư) as opposed
# to tone marks, which only order words that are otherwise equal.
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# Dictionary order of the tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k",
    "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w",
    "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_RUNS = re.compile(r"[0-9]+|[^0-9]+")


def nfc(text: str) -> str:
    """Return text in Unicode NFC, the one form the base stores."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case text without any diacritics, đ folded to d."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, separator: str = "-") -> str:
    """Make a URL slug that keeps every letter: "Điều lệ Đảng" -> "dieu-le-dang"."""
    return re.sub(r"[^a-z0-9]+", separator, fold(text)).strip(separator)


def _split_letter(ch: str) -> tuple[str, int]:
    """Split one character into (alphabet letter, tone rank)."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tone = 0
    letter = decomposed[:1]
    for mark in decomposed[1:]:
        if mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        elif mark in _LETTER_MARKS:
            letter += mark
    return unicodedata.normalize("NFC", letter), tone


@lru_cache(maxsize=65536)  # every listing sorts the same titles again on each rebuild while serving
def sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """Key that sorts by the Vietnamese alphabet (a, ă, â, b, c, d, đ, e, ê, ...).

    Letters decide first; a run of digits counts as one number (47 before 121);
    tones only break ties between otherwise equal words, then the original text
    keeps the order total.
    """
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    for run in _RUNS.findall(nfc(text)):
        if "0" <= run[0] <= "9":  # a run of ASCII digits; '²' and '٣' are digits to isdigit(), not to int()
            primary.append((1, int(run)))
            continue
        for ch in run:
            letter, tone = _split_letter(ch)
            if letter in _LETTER_RANK:
                primary.append((2, _LETTER_RANK[letter]))
                tones.append(tone)
            elif ch.isspace() or not ch.isalnum():
                primary.append((0, 0))
            else:
                primary.append((3, ord(ch)))
    return tuple(primary), tuple(tones), text


def script_json(data: Any) -> str:
    """JSON to put inside a <script> element or a script file: every "<" is written \\u003c, so that no value
    ("</script>", "<!--<script") can end or change the element; U+2028 and U+2029 are escaped for old parsers."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
