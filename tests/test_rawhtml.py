"""sotay's own HTML blocks go round Python-Markdown (sotay.rawhtml), and the site is the same, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO

from sotay.bench import generate
from sotay.plugins.commands import build_site
from sotay.rawhtml import RawBlocks


@pytest.mark.parametrize(("line", "taken"), [
    ('<div class="a"><p>x</p></div>', True),
    ('<figure class="d"><div><svg></svg></div><figcaption>y</figcaption></figure>', True),
    ('<p class="sotay-stamp">Ấn bản</p>', True),
    ('<script type="application/ld+json">{"a": 1}</script>', True),
    ('<script src="a.js"></script><script src="b.js"></script>', False),  # two elements: Markdown splits them
    ('<div><div>a</div></div><div>b</div>', False),
    ('<div markdown="1">**đậm**</div>', False),  # Markdown inside: Markdown's to make
    ('<div class="a">không đóng', False),
    ("<pre>mã</pre>", False),
    ("<a href='x'>liên kết</a>", False),  # not a block: Markdown puts it in a paragraph
    ("Chữ <div>giữa dòng</div>", False),
])
def test_only_one_closed_block_element_on_its_own_line_is_taken(line: str, taken: bool) -> None:
    blocks = RawBlocks()
    markdown = f"# Tiêu đề\n\n{line}\n\nĐoạn sau.\n"
    assert (blocks.take("a.md", markdown) != markdown) is taken
    assert blocks.put_back("a.md", blocks.take("a.md", markdown)) == markdown  # the text comes back as it was


@pytest.mark.parametrize("fence", ["```", "~~~~"])
def test_html_shown_in_a_code_block_stays_text(fence: str) -> None:
    blocks = RawBlocks()
    markdown = f'Ví dụ:\n\n{fence}html\n\n<div class="a">x</div>\n\n{fence}\n\n<div class="b">y</div>\n'
    taken = blocks.take("a.md", markdown)
    assert '<div class="a">x</div>' in taken and '<div class="b">y</div>' not in taken


def test_a_page_cannot_name_another_pages_block() -> None:
    """The placeholders carry a nonce made for the process: text an editor writes cannot call a block in."""
    blocks = RawBlocks()
    taken = blocks.take("a.md", '\n<div class="panel">bảng</div>\n')
    written = taken.replace(blocks.nonce, "0" * len(blocks.nonce))  # a guess at the form, without the nonce
    assert blocks.put_back("a.md", f"{written} {taken}").count("bảng") == 1


def _site(root: Path, out: Path) -> dict[str, bytes]:
    build_site(root / "mkdocs.yml", site_dir=out)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("base", ["shipped", "generated"])
def test_the_site_is_the_same_with_blocks_held_out(base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "base"
    if base == "shipped":
        root.mkdir()
        for name in ("directives", "docs"):
            shutil.copytree(REPO / name, root / name)
        config = (REPO / "mkdocs.yml").read_text("utf-8")
        (root / "mkdocs.yml").write_text(config.replace("directives: directives", "directives: directives\n"
                                                        "      course_pdfs: false"), "utf-8")
    else:
        generate(root, 120)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796342400")  # one day for both builds
    held_out = _site(root, tmp_path / "held")
    taken: list[int] = []
    plain_take = RawBlocks.take

    def counted(self: RawBlocks, key: str, markdown: str) -> str:
        taken.append(len(plain_take(self, key, markdown)) - len(markdown))
        return markdown  # nothing held out: Python-Markdown parses every block

    monkeypatch.setattr(RawBlocks, "take", counted)
    parsed = _site(root, tmp_path / "parsed")
    assert sum(1 for change in taken if change) > 20  # the blocks were there to hold out
    assert held_out.keys() == parsed.keys()
    differ = [path for path in held_out if held_out[path] != parsed[path]]
    assert not differ, differ[:5]
