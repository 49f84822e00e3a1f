"""One table of golden cases, run by the Python analyzer here and by the JavaScript one under node."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest
from conftest import REPO, node_tests

from sotay.search.analyzer import analyze, fold, normalize_tone

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
