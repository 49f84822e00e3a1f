"""Offline bundles: the built site in one reproducible zip, with a manifest and a how-to for communes.

Plain Python (zipfile, hashlib): the same sources give a byte-identical zip, because
every entry has a fixed time, fixed permissions and a fixed order.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .site import stamp_text
from .targets import work_path
from .word import fixed_entry

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
MANIFEST, HOW_TO = "manifest.json", "HUONG-DAN.txt"
HOW_TO_TEXT = """SỔ TAY SINH HOẠT CHI BỘ - BẢN DÙNG KHÔNG CẦN MẠNG

1. Giải nén toàn bộ tệp này vào một thư mục (trên máy tính hoặc USB).
2. Mở tệp index.html bằng trình duyệt (nhấp đúp chuột). Không cần mạng Internet.
3. Tìm kiếm: bấm biểu tượng kính lúp ở đầu trang; gõ có dấu hay không dấu đều được.
4. Bảng kiểm và kế hoạch cả năm lưu phần đã đánh dấu ngay trên máy đang dùng.

{stamp}.
Kiểm tra tệp còn nguyên vẹn: sotay verify <tệp.zip> (danh sách mã kiểm tra ở manifest.json).
"""


@dataclass(frozen=True)
class BundleInfo:
    edition: str
    version: str
    build_date: str
    content_date: str


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


SKIPPED = {"sitemap.xml", "sitemap.xml.gz"}  # for search engines online; they carry the day of the build


def site_files(site: Path) -> list[tuple[str, bytes]]:
    return [(p.relative_to(site).as_posix(), p.read_bytes()) for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).as_posix() not in SKIPPED]


def write_bundle(site: Path, target: Path, info: BundleInfo) -> int:
    """Zip the site with HUONG-DAN.txt and manifest.json; returns the number of files."""
    files = site_files(site)
    how_to = HOW_TO_TEXT.format(stamp=stamp_text(info.edition, info.version, info.content_date))
    files.append((HOW_TO, how_to.replace("\n", "\r\n").encode("utf-8")))  # Notepad on old Windows needs CRLF
    manifest = {"edition": info.edition, "version": info.version, "build_date": info.build_date,
                "content_date": info.content_date, "files": {name: _digest(data) for name, data in sorted(files)}}
    files.append((MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()))
    staging = work_path(target, "part", folder=False)
    try:
        with zipfile.ZipFile(staging, "w") as archive:
            for name, data in sorted(files):
                archive.writestr(fixed_entry(name), data, compresslevel=9)
        staging.replace(target)
    finally:  # a failed or interrupted run leaves the old bundle, and no part of the new one
        staging.unlink(missing_ok=True)
    return len(files)


def verify_bundle(path: Path) -> list[str]:
    """What is wrong with a bundle: missing, altered or unlisted files (empty when intact)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                return [f"{path}: thiếu {MANIFEST}"]
            listed: dict[str, str] = json.loads(archive.read(MANIFEST))["files"]
            problems = [f"{path}: thiếu tệp {name}" for name in sorted(set(listed) - names)]
            problems += [f"{path}: tệp {name} đã bị thay đổi" for name in sorted(set(listed) & names)
                         if _digest(archive.read(name)) != listed[name]]
            problems += [f"{path}: tệp {name} không có trong {MANIFEST}"
                         for name in sorted(names - set(listed) - {MANIFEST})]
            return problems
    except zipfile.BadZipFile:
        return [f"{path}: không phải tệp nén .zip, hoặc tệp đã hỏng"]
    except OSError as err:
        return [f"{path}: không đọc được tệp: {err.strerror or 'lỗi đọc'}"]
    except (ValueError, KeyError, TypeError):
        return [f"{path}: {MANIFEST} hỏng, không đọc được danh sách tệp"]
