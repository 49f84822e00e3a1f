"""PDF handouts through WeasyPrint, with a font that covers the whole Vietnamese alphabet embedded.

No font is ever downloaded: the font comes from the machine (Debian's
fonts-dejavu-core, or fonts-noto-core), found in the usual font folders or in
SOTAY_FONT_DIR, and checked letter by letter before a page is laid out.
WeasyPrint is imported only here and only when a PDF is asked for, so checking
and building the site never need its system libraries.
"""

from __future__ import annotations

import hashlib
import html
import os
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .course_pack import PackBase, PackLinks, PackOptions, document_anchor, pack_html
from .courses import Course
from .model import Document

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
# (family, file per style, the Debian package that ships it); the first one found is used.
FONT_CHOICES = (
    ("DejaVu Serif", {"normal": "DejaVuSerif.ttf", "bold": "DejaVuSerif-Bold.ttf", "italic": "DejaVuSerif-Italic.ttf",
                      "bold-italic": "DejaVuSerif-BoldItalic.ttf"}, "fonts-dejavu-core"),
    ("Noto Serif", {"normal": "NotoSerif-Regular.ttf", "bold": "NotoSerif-Bold.ttf", "italic": "NotoSerif-Italic.ttf",
                    "bold-italic": "NotoSerif-BoldItalic.ttf"}, "fonts-noto-core"),
)
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"


class PdfError(Exception):
    """A PDF that cannot be made on this machine: the message says what to install."""


@dataclass(frozen=True)
class Font:
    family: str
    files: dict[str, Path]  # style -> file; 'normal' always there


def vietnamese_alphabet() -> set[str]:
    """Every letter Vietnamese writes, both cases, precomposed (NFC)."""
    letters = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    letters |= set("bcdđghklmnpqrstvx")
    return letters | {c.upper() for c in letters}


def _font_dirs() -> list[Path]:
    extra = os.environ.get("SOTAY_FONT_DIR")
    dirs = [Path(extra)] if extra else []
    return dirs + [Path(d).expanduser() for d in FONT_DIRS]


def _covers(path: Path, letters: set[str]) -> bool:
    """Whether a font file opens and has a glyph for every letter (a broken file is passed over)."""
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    try:
        with path.open("rb") as handle, TTFont(handle, lazy=True) as face:
            cmap = face.getBestCmap() or {}
    except Exception:  # fontTools raises many kinds of errors on a damaged file; any of them means "not usable"
        return False
    return all(ord(letter) in cmap for letter in letters)


@cache
def find_font() -> Font:
    """The first font family whose regular face, found and whole, covers the Vietnamese alphabet."""
    needed = vietnamese_alphabet()
    folders = [folder for folder in _font_dirs() if folder.is_dir()]
    for family, names, _package in FONT_CHOICES:
        found: dict[str, Path] = {}
        for style, name in names.items():
            candidates = (hit for folder in folders for hit in sorted(folder.rglob(name)))
            chosen = next((hit for hit in candidates if _covers(hit, needed)), None)
            if chosen is not None:
                found[style] = chosen
        if "normal" in found:
            return Font(family, found)
    packages = " hoặc ".join(package for _f, _n, package in FONT_CHOICES)
    raise PdfError("không tìm thấy phông chữ có đủ chữ tiếng Việt (DejaVu Serif hoặc Noto Serif) để nhúng vào PDF; "
                   f"trên Debian hãy cài gói {packages}, hoặc đặt biến SOTAY_FONT_DIR trỏ tới thư mục chứa phông")


def font_css(font: Font) -> str:
    """@font-face rules naming the font files by path, so WeasyPrint embeds exactly these."""
    weights = {"normal": ("normal", "normal"), "bold": ("bold", "normal"), "italic": ("normal", "italic"),
               "bold-italic": ("bold", "italic")}
    rules = []
    for style, path in font.files.items():
        weight, slant = weights[style]
        rules.append(f'@font-face {{ font-family: SotaySerif; font-weight: {weight}; font-style: {slant}; '
                     f'src: url("{path.resolve().as_uri()}"); }}')
    return "\n".join(rules)


def pack_document(course: Course, base: PackBase, options: PackOptions, font: Font) -> str:
    """The standalone HTML a PDF is laid out from: every link stays inside the pack."""
    def document(doc: Document, _anchor: str | None) -> str:
        return f"#{document_anchor(doc)}"

    def nowhere(_src: str) -> None:
        return None

    links = PackLinks(document=document, page=nowhere, relative=nowhere)
    style = resources.files("sotay").joinpath("data", "pack.css").read_text(encoding="utf-8")
    article = pack_html(course, base, links, options)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(course.title)}</title>'
            '<meta name="author" content="Sổ tay sinh hoạt chi bộ">'
            f'<meta name="description" content="{html.escape(course.summary)}">'
            f"<style>{font_css(font)}\n{style}</style></head><body>{article}</body></html>")


def _fetcher(font: Font) -> Any:
    """A URL fetcher that reads only the chosen font files and inline data: a pack never fetches anything else."""
    from weasyprint.urls import URLFetcher

    allowed = {path.resolve().as_uri() for path in font.files.values()}

    class PackFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") or url in allowed:
                return super().fetch(url, headers)
            raise ValueError(f"tài liệu in không tải tài nguyên ngoài: {url}")

    return PackFetcher(allow_redirects=False)


def course_pdf(course: Course, base: PackBase, options: PackOptions, cache: Path | None = None) -> bytes:
    """The pack as PDF bytes; the same base and options give the same bytes.

    With a cache folder, a PDF laid out before from the very same HTML, font and WeasyPrint is reused.
    """
    font = find_font()
    document = pack_document(course, base, options, font)
    engine = metadata.version("weasyprint")  # read without importing it: a cached PDF needs no Pango
    key = hashlib.sha256("\0".join([engine, *map(str, font.files.values()), document]).encode("utf-8")).hexdigest()
    cached = cache / f"{key}.pdf" if cache is not None else None
    if cached is not None and cached.is_file():
        cached.touch()  # still in use: prune_cache keeps it
        return cached.read_bytes()
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # WeasyPrint loads Pango when imported
        raise PdfError("thiếu thư viện để dựng PDF (WeasyPrint cần Pango); trên Debian hãy cài gói libpango-1.0-0 "
                       f"và libpangoft2-1.0-0 ({err})") from None
    pdf = weasyprint.HTML(string=document, url_fetcher=_fetcher(font)).write_pdf()
    if pdf is None:  # only when a target is given, which it is not
        raise PdfError("WeasyPrint không trả về PDF")
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        partial.write_bytes(pdf)
        partial.replace(cached)
    return bytes(pdf)


def prune_cache(cache: Path, keep_days: int = 30) -> int:
    """Delete cached PDFs no build has used for `keep_days` days; how many went."""
    limit = time.time() - keep_days * 86400
    old = [path for path in cache.glob("*.pdf") if path.stat().st_mtime < limit] if cache.is_dir() else []
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)


def handout_name(course_id: str, options: PackOptions) -> str:
    """bi-thu-chi-bo-moi.pdf, …-tom-tat.pdf, …-giang-vien.pdf: one naming for the site and `sotay course`."""
    level = "-tom-tat" if options.level == "summary" else ""
    return f"{course_id}{level}{'-giang-vien' if options.trainer else ''}.pdf"


# The handouts a course page offers: (label, options).
DOWNLOADS = (
    ("Bản đầy đủ", PackOptions(level="full")),
    ("Bản tóm tắt", PackOptions(level="summary")),
    ("Bản của giảng viên (có đáp án)", PackOptions(level="full", trainer=True)),
)
