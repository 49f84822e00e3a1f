"""The handbook's sentences are its own: no run of twenty syllables matches a source text.

Facts carry over from the sources, sentences do not. Quotations in quotation marks and a document's
official title (its 'title' field, which cites the document as it names itself) are the exceptions.
The five source texts sit in shared/sources beside the repository (as on every developer's machine and
in CI); the web pages the base cites are not stored, so they are checked by the editors who read them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"
RUN = 20
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
SYLLABLE = re.compile(r"[^\W\d_]+|\d+")
TITLE = re.compile(r"^\s*title:")  # a document's, or a cited article's, own title


def syllables(text: str) -> list[str]:
    return SYLLABLE.findall(unicodedata.normalize("NFC", text).casefold())


def runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def copied_lines(text: str, source_runs: set[tuple[str, ...]]) -> list[int]:
    """Lines of `text` holding a run of RUN syllables found in a source (quotations and titles aside)."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if TITLE.match(line):
            continue
        if runs(syllables(QUOTED.sub(" ", line))) & source_runs:
            found.append(number)
    return found


def test_copied_runs_are_found_and_quotations_are_not() -> None:
    source = runs(syllables("Chi bộ là hạt nhân chính trị ở cơ sở, nơi trực tiếp giáo dục, quản lý và phân công "
                            "công tác cho đảng viên, gắn bó mật thiết với quần chúng nhân dân trên địa bàn."))
    copied = "Mở đầu.\nChi bộ là hạt nhân chính trị ở cơ sở, nơi trực tiếp giáo dục, quản lý và phân công công tác " \
             "cho đảng viên, gắn bó mật thiết.\n"
    quoted = 'Theo nguồn, "Chi bộ là hạt nhân chính trị ở cơ sở, nơi trực tiếp giáo dục, quản lý và phân công công ' \
             'tác cho đảng viên, gắn bó mật thiết".\n'
    assert copied_lines(copied, source) == [2]
    assert copied_lines(quoted, source) == []
    assert copied_lines("Chi bộ họp mỗi tháng một lần.\n", source) == []


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared/sources is not beside the repository")
def test_shipped_content_does_not_copy_the_sources() -> None:
    source_runs: set[tuple[str, ...]] = set()
    for path in sorted(SOURCES.glob("*.txt")):
        source_runs |= runs(syllables(path.read_text(encoding="utf-8")))
    assert source_runs, "the source texts were not read"
    copied = []
    # The registry's claims and notes, and the provinces' sources, are the editors' words too.
    texts = [*(REPO / "directives").rglob("*.md"), *(REPO / "docs").rglob("*.md"),
             *(REPO / "directives").rglob("*.yml"), REPO / "sotay" / "data" / "provinces.yml"]
    for path in sorted(texts):
        copied += [f"{path.relative_to(REPO)}:{n}" for n in copied_lines(path.read_text(encoding="utf-8"),
                                                                            source_runs)]
    assert copied == [], "these lines repeat twenty syllables of a source; rewrite them or quote them"
