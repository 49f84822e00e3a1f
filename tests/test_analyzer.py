"""One table of golden cases, run by the Python analyzer here and by the JavaScript one under node."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from collections import Counter

import pytest
from conftest import REPO, node_tests
from hypothesis import given, settings
from hypothesis import strategies as st

from sotay.search.analyzer import INDEX, analyze, fold, folded_terms, folded_tokens, normalize_tone

GOLDEN = json.loads((REPO / "search" / "data" / "golden.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", GOLDEN, ids=[f"{c['mode']}:{c['input']!r}" for c in GOLDEN])
def test_golden_case_in_python(case: dict[str, object]) -> None:
    assert analyze(str(case["input"]), str(case["mode"])) == {"folded": case["folded"], "exact": case["exact"]}


def test_golden_cases_in_node() -> None:
    node = shutil.which("node")
    assert node, "node is needed for the analyzer's JavaScript half"
    proc = subprocess.run([node, "--test", str(REPO / "search" / "golden.test.js")], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"# pass {len(GOLDEN)}" in proc.stdout


def test_browser_engine_safety_in_node() -> None:
    node_tests(REPO / "search" / "client.test.js", at_least=4)


def test_golden_table_covers_the_promises() -> None:
    inputs = " ".join(str(c["input"]) for c in GOLDEN)
    for needed in ("uỷ", "hoà", "KL18", "HD 12", "QĐ 76", "TCCSĐ", "(UBND)", "KT-XH", "SINH HOAT"):
        assert needed in inputs
    assert any(not unicodedata.is_normalized("NFC", str(c["input"])) for c in GOLDEN)


def test_fold_keeps_length_and_tone_placement_is_one() -> None:
    text = "Đảng uỷ xã Thổ Bình"
    assert len(fold(text)) == len(text) and fold(text) == "dang uy xa tho binh"
    assert {normalize_tone(w) for w in ("hoà", "hòa")} == {"hòa"}
    assert normalize_tone("quý") == "quý" and normalize_tone("hoàng") == "hoàng"


def test_prefix_matching_in_node() -> None:
    """The word being typed is a prefix ("bien b", "ket lu", "tccs"); hostile input is harmless."""
    node_tests(REPO / "search" / "prefix.test.js", at_least=10)


def _counted(text: str, bigrams: bool = False) -> Counter[str]:
    return Counter(t.text for t in folded_tokens(text, INDEX, bigrams))


def test_folded_terms_counts_what_folded_tokens_gives_on_the_shipped_base() -> None:
    """The indexes' fast count equals the tokens' count, with syllable pairs and without, on every entry text of
    the shipped base, on the golden cases, and on texts made to take each path (joined words, abbreviations in and
    outside numbers)."""
    from sotay.loader import load_knowledge_base
    from sotay.project import load_project
    from sotay.search.entries import build_entries
    from sotay.site import SiteModel

    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    entries = build_entries(result, SiteModel(result, project))
    texts = [text for e in entries for text in (e.title, e.text, e.number)]
    texts += [str(case["input"]) for case in GOLDEN]
    texts += ["Phát triển KT-XH", "ĐV và CB", "Kết luận 18-KL/TW, KL18 và kl 18", "Chỉ thị số 10 của TW",
              "10-CT/TW", "UBND xã", "", "İ Đảng"]
    assert len(texts) > 600
    for text in texts:
        assert folded_terms(text) == _counted(text), text
        assert folded_terms(text, bigrams=True) == _counted(text, bigrams=True), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["KT-XH", "ĐV", "tw", "18-KL/TW", "KL18", "kl 18", "Chỉ thị số 5", "chi bộ",
                                 "sinh hoạt", "-", "/", " ", "Đ", "İ", "12"]) | st.text(max_size=40), max_size=12)
       .map(lambda parts: " ".join(parts) if isinstance(parts, list) else parts))
def test_folded_terms_counts_what_folded_tokens_gives_on_any_text(text: str) -> None:
    assert folded_terms(text) == _counted(text)
    assert folded_terms(text, bigrams=True) == _counted(text, bigrams=True)
