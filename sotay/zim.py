"""ZIM files: the offline site in the archive format (openZIM) that Kiwix opens. Kiwix reads documents with no
network and has versions for computers and phones.

libzim is GPL while sotay is MIT, so it is an optional extra (`pip install 'sotay[zim]'`) and imported only
inside the functions that write. The site is the one `sotay bundle` zips: page.html addresses, every URL
relative, so pages, scripts and the search index resolve inside a ZIM as they do from file://.
"""

from __future__ import annotations

import html
import os
import re
import struct
import sys
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .bundle import BundleInfo, site_files
from .provinces import EDITION_ALL
from .site import build_day, edition_label, stamp_text
from .targets import ZIM_KIND, ZIM_MAGIC, refuse_output_file, replace_whole

MAIN_PAGE = "index.html"
SITE_COLOUR = (0xB7, 0x1C, 0x1C)  # the site's red (#b71c1c), as in the header of every page
# openZIM metadata limits (https://wiki.openzim.org/wiki/Metadata), counted in graphemes.
TITLE_MAX, DESCRIPTION_MAX, LONG_DESCRIPTION_MAX = 30, 80, 4000
NAME = "Sổ tay sinh hoạt chi bộ"
# Creator and Publisher: the copyright holder of LICENSE ("the sotay contributors"), not a body of the Party.
CONTRIBUTORS = f"Những người đóng góp cho {NAME}"
DESCRIPTION = "Văn bản, gợi ý chủ đề, bảng kiểm, mẫu biên bản và mẫu nghị quyết chi bộ"
LONG_DESCRIPTION = (
    "Các văn bản của Trung ương và địa phương về nâng cao chất lượng sinh hoạt chi bộ, mỗi dữ kiện ghi rõ nguồn, "
    "điều chưa đối chiếu được đánh dấu; "
    "gợi ý chủ đề sinh hoạt cho từng loại chi bộ, kế hoạch cả năm, bảng kiểm, mẫu biên bản và mẫu nghị quyết "
    "chi bộ (tệp Word), tài liệu bồi dưỡng. Ô tìm kiếm của Sổ tay hiểu chữ gõ có dấu hay không dấu và các chữ viết tắt "
    "thường gặp. {stamp}."
)
TAGS = "_category:other;_ftindex:yes;_pictures:no;_videos:no;_details:yes;sinh hoạt chi bộ;xây dựng Đảng"

# By extension, not by the machine's mimetypes table: the same site gives the same ZIM everywhere.
MIME_TYPES = {
    ".html": "text/html", ".js": "application/javascript", ".css": "text/css", ".json": "application/json",
    ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".ico": "image/x-icon", ".woff2": "font/woff2", ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
COMPRESSED_ALREADY = {".png", ".jpg", ".ico", ".woff2", ".pdf", ".docx"}


class ZimError(Exception):
    """A ZIM file that could not be written; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class ZimReport:
    entries: int
    size: int
    seconds: float


def require_libzim() -> None:
    """Fail early, with the one line a user needs, when the optional libzim is not installed."""
    try:
        import libzim.writer  # noqa: F401
    except ImportError:
        raise ZimError("lệnh zim cần gói libzim, không cài sẵn vì libzim theo giấy phép GPL; "
                       "hãy cài: pip install 'sotay[zim]'") from None


def graphemes(text: str) -> int:
    """What openZIM counts: a letter with its tone mark is one (NFC, combining marks not counted)."""
    return sum(1 for char in unicodedata.normalize("NFC", text) if not unicodedata.combining(char))


def zim_title(edition: str) -> str:
    """'Sổ tay sinh hoạt chi bộ', or the edition's province within the 30 graphemes a Title may have."""
    if edition == EDITION_ALL:
        return NAME
    label = edition_label(edition)
    for title in (f"Sổ tay chi bộ – {label}", f"Sổ tay chi bộ – {label.replace('Thành phố ', 'TP ')}"):
        if graphemes(title) <= TITLE_MAX:
            return title
    return NAME


def zim_date() -> str:
    """The Date openZIM asks for, the day the file is made (YYYY-MM-DD): SOURCE_DATE_EPOCH's day, else today.
    How current the content is, is the LongDescription's to say."""
    return build_day().isoformat()


def metadata(info: BundleInfo, source: str = "") -> dict[str, str]:
    """The text metadata of the ZIM (the illustration is added apart); source is the public site, if any."""
    long = LONG_DESCRIPTION.format(stamp=stamp_text(info.edition, info.version, info.content_date))
    found = {
        "Name": f"sotay_vi_{info.edition}", "Title": zim_title(info.edition), "Language": "vie",
        "Description": DESCRIPTION, "LongDescription": long, "Creator": CONTRIBUTORS, "Publisher": CONTRIBUTORS,
        "Date": zim_date(), "Tags": TAGS,
        "Scraper": f"sotay {info.version}",
    }
    if source:
        found["Source"] = source
    limits = {"Title": TITLE_MAX, "Description": DESCRIPTION_MAX, "LongDescription": LONG_DESCRIPTION_MAX}
    for key, limit in limits.items():
        if graphemes(found[key]) > limit:  # libzim would refuse the file only at the very end
            raise ZimError(f"trường {key} của tệp ZIM dài quá {limit} ký tự: {found[key]!r}")
    return found


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _mark_pixel(x: int, y: int) -> tuple[int, int, int, int]:
    """The mark: an open notebook in white on a red tile with rounded corners (48×48)."""
    corner, size = 9, 48
    cx, cy = min(max(x, corner), size - 1 - corner), min(max(y, corner), size - 1 - corner)
    if (x - cx) ** 2 + (y - cy) ** 2 > corner**2:
        return (0, 0, 0, 0)  # outside the rounded tile: transparent
    red = (*SITE_COLOUR, 255)
    on_page = 13 <= y <= 35 and (9 <= x <= 22 or 25 <= x <= 38)
    on_line = y in (18, 23, 28) and (12 <= x <= 19 or 28 <= x <= 35)
    return (255, 255, 255, 255) if on_page and not on_line else red


def illustration_png() -> bytes:
    """Illustration_48x48@1: a plain PNG (RGBA) written with zlib and struct, the same bytes every time."""
    rows = b"".join(b"\x00" + bytes(c for x in range(48) for c in _mark_pixel(x, y)) for y in range(48))
    header = struct.pack(">IIBBBBB", 48, 48, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(rows, 9))
            + _png_chunk(b"IEND", b""))


def mime_type(path: str) -> str:
    return MIME_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")


TITLE = re.compile(rb"<title>(.*?)</title>", re.S | re.I)


def page_title(data: bytes, site_name: str = "") -> str:
    """The page's <title>, without the ' - site name' every page but the home page ends with."""
    found = TITLE.search(data)
    title = " ".join(html.unescape(found.group(1).decode("utf-8", "replace")).split()) if found else ""
    suffix = f" - {site_name}"
    return title[: -len(suffix)] if site_name and title.endswith(suffix) and title != suffix else title


@dataclass(frozen=True)
class Entry:
    path: str
    title: str
    mime: str
    data: bytes
    front: bool  # a page a reader lists and suggests (not a script, a download or the 404 page)


def entries(site: Path) -> list[Entry]:
    """Every file of the built site, in a fixed order, with its title and MIME type."""
    files = site_files(site)
    home = dict(files).get(MAIN_PAGE, b"")
    site_name = page_title(home)
    found = []
    for path, data in files:
        mime = mime_type(path)
        is_page = mime == "text/html"
        title = page_title(data, site_name) if is_page else ""
        found.append(Entry(path, title or path, mime, data, is_page and path != "404.html"))
    return found


def write_zim(site: Path, target: Path, info: BundleInfo, *, source: str = "", verbose: bool = False) -> ZimReport:
    """Write the site as a ZIM beside target, then rename it over target: a failed run leaves target as it was.
    libzim's own progress lines are shown only when verbose."""
    refuse_output_file(target, None, ZIM_MAGIC, ZIM_KIND)
    require_libzim()
    start = time.monotonic()
    items, texts = entries(site), metadata(info, source)  # bad metadata costs no half-written file
    if not any(item.path == MAIN_PAGE for item in items):
        raise ZimError(f"trang dựng xong không có {MAIN_PAGE}, không có trang chính cho tệp ZIM")
    def write(part: Path) -> None:
        try:
            with _libzim_output(verbose):
                _create(part, items, texts)
        finally:
            Path(f"{part}.tmp").unlink(missing_ok=True)  # where libzim writes before its own rename

    try:
        replace_whole(target, write)
    except (RuntimeError, OSError) as err:
        raise ZimError(f"không ghi được tệp ZIM {target}: {err}") from None
    return ZimReport(len(items), target.stat().st_size, time.monotonic() - start)


@contextmanager
def _libzim_output(verbose: bool) -> Iterator[None]:
    """libzim prints its steps on the process's stdout and stderr whatever it is told: hold them in a file,
    passed on to stderr with -v, so that stdout keeps the command's results only."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile() as held:
        try:
            os.dup2(held.fileno(), 1)
            os.dup2(held.fileno(), 2)
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            if verbose:
                held.seek(0)
                sys.stderr.write(held.read().decode("utf-8", "replace"))


def _create(path: Path, items: list[Entry], texts: dict[str, str]) -> None:
    from libzim.writer import Creator, Hint, Item, StringProvider

    class SiteItem(Item):
        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

        def get_path(self) -> str:
            return self.entry.path

        def get_title(self) -> str:
            return self.entry.title

        def get_mimetype(self) -> str:
            return self.entry.mime

        def get_contentprovider(self) -> StringProvider:
            return StringProvider(self.entry.data)

        def get_hints(self) -> dict[Hint, int]:
            compress = Path(self.entry.path).suffix.lower() not in COMPRESSED_ALREADY
            # By name: the stubs type the members as `Self`, which mypy finds ambiguous as Hint.COMPRESS.
            return {Hint["FRONT_ARTICLE"]: self.entry.front, Hint["COMPRESS"]: compress}

    # Kiwix's own full-text search (Xapian) stays on: the Kiwix apps' search bar uses it, while the pages keep
    # the site's Vietnamese search; the two do not meet. Xapian has no Vietnamese stemmer and indexes words as
    # they are.
    with Creator(path).config_indexing(True, "vie").set_mainpath(MAIN_PAGE) as creator:
        for key, value in texts.items():
            creator.add_metadata(key, value)
        creator.add_illustration(48, illustration_png())
        for entry in items:
            creator.add_item(SiteItem(entry))
