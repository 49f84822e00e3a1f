"""Offline bundles: the built site in one reproducible zip, with a manifest and a how-to for communes.

Plain Python (zipfile, hashlib): the same sources give a byte-identical zip, because
every entry has a fixed time, fixed permissions and a fixed order. A province may sign the manifest
with its Ed25519 key (`cryptography`); Ed25519 signatures are deterministic, so a signed bundle is
byte-identical too. `verify_bundle` reads any file, hostile or broken, and says what is wrong in one
line per problem: it never raises, and never reads more than the limits below.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import stat
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .site import stamp_text
from .targets import replace_whole
from .word import fixed_entry

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
MANIFEST, HOW_TO, SIGNATURE = "manifest.json", "HUONG-DAN.txt", "manifest.sig"
HOW_TO_TEXT = """SỔ TAY SINH HOẠT CHI BỘ - BẢN DÙNG KHÔNG CẦN MẠNG

1. Giải nén toàn bộ tệp này vào một thư mục (trên máy tính hoặc USB).
2. Mở tệp index.html bằng trình duyệt (nhấp đúp chuột). Không cần mạng Internet.
3. Tìm kiếm: bấm biểu tượng kính lúp ở đầu trang; gõ có dấu hay không dấu đều được.
4. Bảng kiểm và kế hoạch cả năm lưu phần đã đánh dấu ngay trên máy đang dùng.

{stamp}.
Kiểm tra tệp còn nguyên vẹn: sotay verify <tệp.zip> (danh sách mã kiểm tra ở manifest.json).
"""
SIGNED_TEXT = """
Gói này có chữ ký số (tệp manifest.sig) của khóa có dấu vân tay:
{fingerprint}
Dấu vân tay này phải trùng với dấu vân tay mà đơn vị phát hành công bố trên trang của mình.
Kiểm tra chữ ký: sotay verify --key <khóa công khai .pem> <tệp.zip>
"""

# What verify reads at most: far above a real bundle (a few hundred files, the largest under 1 MB,
# compressed at most about 10:1), far below what would fill a commune's computer.
MAX_ENTRIES = 100_000
MAX_ENTRY_SIZE = 100_000_000
MAX_TOTAL_SIZE = 1_000_000_000
MAX_RATIO = 100  # uncompressed to compressed, for entries over RATIO_FROM bytes: more is a zip bomb
RATIO_FROM = 1_000_000
MAX_MANIFEST_SIZE = 20_000_000
MAX_KEY_FILE = 64_000
CHUNK = 1 << 20
LOCAL_HEADER_SIZE, LOCAL_HEADER_MAGIC = 30, b"PK\x03\x04"  # the zip format's fixed part of a local header
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


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


# --- keys and signatures ---------------------------------------------------------------------------------------

class KeyFileError(Exception):
    """A key file that cannot be used, said in one line."""


MAKE_PRIVATE = "openssl genpkey -algorithm ed25519 -out khoa.pem"
MAKE_PUBLIC = "openssl pkey -in khoa.pem -pubout -out khoa-cong-khai.pem"


def _key_text(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_KEY_FILE + 1)
    except IsADirectoryError:
        raise KeyFileError(f"{path}: là thư mục, không phải tệp khóa") from None
    except OSError as err:
        raise KeyFileError(f"{path}: không đọc được tệp khóa: {err.strerror or 'lỗi đọc'}") from None
    if len(data) > MAX_KEY_FILE or b"-----BEGIN " not in data:
        raise KeyFileError(f"{path}: không phải tệp khóa PEM")
    return data


def _parsed(path: Path, data: bytes, load: Callable[[bytes], object], kind: type, what: str, make: str) -> Any:
    """The key `load` reads from `data`, of type `kind`, or one line that says what is wrong and how to make one."""
    from cryptography.exceptions import UnsupportedAlgorithm

    try:
        key = load(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise KeyFileError(f"{path}: tệp khóa hỏng hoặc không phải {what}; tạo bằng: {make}") from None
    if not isinstance(key, kind):
        raise KeyFileError(f"{path}: không phải khóa Ed25519 (tạo bằng: {make})")
    return key


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 private key in a PEM file (PKCS#8, as `openssl genpkey -algorithm ed25519` writes it)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    data = _key_text(path)
    if b"-----BEGIN PUBLIC KEY-----" in data:
        raise KeyFileError(f"{path}: đây là khóa công khai; --sign cần khóa bí mật (tạo bằng: {MAKE_PRIVATE})")
    if b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in data:
        raise KeyFileError(f"{path}: khóa có đặt mật khẩu; sotay chỉ đọc khóa Ed25519 không mật khẩu "
                           f"(tạo bằng: {MAKE_PRIVATE})")
    key: Ed25519PrivateKey = _parsed(path, data, lambda text: load_pem_private_key(text, password=None),
                                     Ed25519PrivateKey, "khóa bí mật PEM (PKCS#8)", MAKE_PRIVATE)
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The Ed25519 public key in a PEM file (SubjectPublicKeyInfo, as `openssl pkey -pubout` writes it)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    data = _key_text(path)
    if b"PRIVATE KEY-----" in data:
        raise KeyFileError(f"{path}: đây là khóa bí mật; --key cần khóa công khai (tạo bằng: {MAKE_PUBLIC}); "
                           "đừng gửi khóa bí mật cho ai")
    key: Ed25519PublicKey = _parsed(path, data, load_pem_public_key, Ed25519PublicKey, "khóa công khai PEM",
                                    MAKE_PUBLIC)
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    """SHA-256 of the 32 raw bytes of the public key, in groups of four hex digits, to read out and compare."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    digest = _digest(key.public_bytes(Encoding.Raw, PublicFormat.Raw))
    return "SHA256:" + ":".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def _signature_file(key: Ed25519PrivateKey, manifest: bytes) -> bytes:
    record = {"algorithm": "Ed25519", "key": fingerprint(key.public_key()),
              "signature": base64.b64encode(key.sign(manifest)).decode("ascii")}
    return (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8")


# --- writing ----------------------------------------------------------------------------------------------------

def write_bundle(site: Path, target: Path, info: BundleInfo, key: Ed25519PrivateKey | None = None) -> int:
    """Zip the site with HUONG-DAN.txt and manifest.json (and manifest.sig, signed with `key`);
    returns the number of files."""
    files = site_files(site)
    how_to = HOW_TO_TEXT.format(stamp=stamp_text(info.edition, info.version, info.content_date))
    if key is not None:
        how_to += SIGNED_TEXT.format(fingerprint=fingerprint(key.public_key()))
    files.append((HOW_TO, how_to.replace("\n", "\r\n").encode("utf-8")))  # Notepad on old Windows needs CRLF
    manifest = {"edition": info.edition, "version": info.version, "build_date": info.build_date,
                "content_date": info.content_date, "files": {name: _digest(data) for name, data in sorted(files)}}
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    files.append((MANIFEST, manifest_bytes))
    if key is not None:
        files.append((SIGNATURE, _signature_file(key, manifest_bytes)))
    def write(part: Path) -> None:
        with zipfile.ZipFile(part, "w") as archive:
            for name, data in sorted(files):
                archive.writestr(fixed_entry(name), data, compresslevel=9)

    replace_whole(target, write)  # a failed or interrupted run leaves the old bundle, and no part of the new one
    return len(files)


# --- verifying --------------------------------------------------------------------------------------------------

@dataclass
class Verdict:
    """What verify found: the problems (one line each, empty when all is well) and what the signature says."""

    problems: list[str] = field(default_factory=list)
    signed_by: str | None = None  # the fingerprint manifest.sig names (not proven unless `signature_checked`)
    signature_checked: bool = False  # the signature was checked against the given public key, and holds


class _Unreadable(Exception):
    """An entry that cannot be read safely; the message is the reason, in Vietnamese."""


def _shown(name: str) -> str:
    """A name as it can be printed on one line: control characters and backslashes written as escapes."""
    return "".join(c if c.isprintable() and c != "\\" else repr(c)[1:-1] for c in name) or "''"


def _name_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.orig_filename  # zipfile cuts `filename` at a NUL; the original keeps it
    parts = name.split("/")
    if "\0" in name:
        return "có ký tự NUL trong tên"
    if "\\" in name:
        return "có dấu gạch chéo ngược trong tên"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "có tên là đường dẫn tuyệt đối"
    if ".." in parts:
        return "có tên chứa '..', trỏ ra ngoài thư mục giải nén"
    if not name or any(not c.isprintable() for c in name) or "" in parts[:-1] or "." in parts:
        return "có tên không hợp lệ"
    return None


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    """What is wrong with an entry as the central directory describes it, before anything is read."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "là liên kết tượng trưng (symlink), không phải tệp thường"
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: no type given (sotay writes 0o644, no type bits)
        return "không phải tệp thường"
    if info.flag_bits & 0x1:
        return "bị mã hóa (gói của sotay không bao giờ mã hóa)"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"được nén theo cách không hỗ trợ (mã {info.compress_type}); gói của sotay chỉ dùng deflate"
    if info.file_size > MAX_ENTRY_SIZE:
        return f"khai kích thước {info.file_size} byte, vượt giới hạn {MAX_ENTRY_SIZE} byte"
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (f"có tỉ lệ nén bất thường ({info.file_size // max(info.compress_size, 1)}:1), "
                "có thể là bom nén; không giải nén")
    return None


def _local_header_problem(raw: BinaryIO, info: zipfile.ZipInfo) -> str | None:
    """The local header must say what the central directory says: some unzip tools read only the local one."""
    try:
        raw.seek(info.header_offset)
        header = raw.read(LOCAL_HEADER_SIZE)
    except (OSError, ValueError, OverflowError):
        header = b""
    if len(header) != LOCAL_HEADER_SIZE or header[:4] != LOCAL_HEADER_MAGIC:
        return "hỏng: không có phần đầu tệp (local header) ở vị trí mục lục ghi"
    flags, method = struct.unpack_from("<HH", header, 6)  # after the signature and the version needed
    if flags & 0x1:
        return "bị mã hóa (gói của sotay không bao giờ mã hóa)"
    if method != info.compress_type:
        return f"hỏng: phần đầu tệp ghi cách nén {method}, mục lục ghi {info.compress_type}"
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """An entry's bytes, never more than `limit` (zipfile itself stops at the declared size and checks the CRC)."""
    chunks, total = [], 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise _Unreadable(f"dài hơn giới hạn {limit} byte")
                chunks.append(chunk)
    except zlib.error:
        raise _Unreadable("dữ liệu nén hỏng") from None
    except EOFError:
        raise _Unreadable("tệp bị cắt cụt") from None
    except zipfile.BadZipFile as err:
        raise _Unreadable("sai mã kiểm tra CRC" if "CRC" in str(err) else "tệp nén hỏng") from None
    except RuntimeError:  # encrypted
        raise _Unreadable("bị mã hóa") from None
    except (NotImplementedError, ValueError, struct.error, OverflowError, OSError):
        raise _Unreadable("tệp nén hỏng hoặc dùng tính năng không hỗ trợ") from None
    return b"".join(chunks)


def _manifest_files(data: bytes) -> dict[str, str]:
    """The name → SHA-256 table of a manifest, or ValueError saying what is wrong with its shape."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValueError("không phải JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ValueError("thiếu bảng \"files\"")
    files: dict[str, str] = manifest["files"]
    for name, digest in files.items():
        if not isinstance(digest, str) or not SHA256_HEX.fullmatch(digest):
            raise ValueError(f"mã kiểm tra của {_shown(name)} không phải SHA-256")
    return files


def _check_signature(verdict: Verdict, where: str, data: bytes | None, manifest: bytes | None,
                     key: Ed25519PublicKey | None) -> None:
    expected = fingerprint(key) if key is not None else None
    if data is None:
        if key is not None:
            verdict.problems.append(f"{where}: gói không có chữ ký ({SIGNATURE}), không xác nhận được là của khóa "
                                    f"{expected}")
        return
    try:
        record = json.loads(data.decode("utf-8"))
        claimed, signature = record["key"], base64.b64decode(record["signature"], validate=True)
        if record["algorithm"] != "Ed25519" or not isinstance(claimed, str) or len(signature) != 64:
            raise ValueError
    except (UnicodeDecodeError, ValueError, RecursionError, KeyError, TypeError, binascii.Error):
        verdict.problems.append(f"{where}: {SIGNATURE} hỏng, không đọc được chữ ký")
        return
    verdict.signed_by = _shown(claimed)
    if key is None or manifest is None:
        return
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(signature, manifest)
    except InvalidSignature:
        if claimed != expected:
            verdict.problems.append(f"{where}: chữ ký không phải của khóa {expected} (gói ghi là khóa "
                                    f"{verdict.signed_by})")
        else:
            verdict.problems.append(f"{where}: chữ ký không khớp với {MANIFEST}: tệp này đã bị sửa sau khi ký")
        return
    verdict.signed_by, verdict.signature_checked = expected, True


def verify_bundle(path: Path, key: Ed25519PublicKey | None = None) -> Verdict:
    """What is wrong with a bundle: unsafe, unreadable, missing, altered or unlisted files, a bad signature.

    With `key`, the bundle must carry a signature of its manifest by that key."""
    verdict, where = Verdict(), str(path)
    try:
        with path.open("rb") as raw, zipfile.ZipFile(raw) as archive:
            _check_archive(verdict, where, raw, archive, key)
    except IsADirectoryError:
        verdict.problems.append(f"{where}: là thư mục, không phải tệp .zip")
    except OSError as err:
        verdict.problems.append(f"{where}: không đọc được tệp: {err.strerror or 'lỗi đọc'}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error, NotImplementedError,
            OverflowError, UnicodeDecodeError, RuntimeError):
        verdict.problems = [f"{where}: không phải tệp nén .zip, hoặc tệp đã hỏng"]
    return verdict


def _check_archive(verdict: Verdict, where: str, raw: BinaryIO, archive: zipfile.ZipFile,
                   key: Ed25519PublicKey | None) -> None:
    problems = verdict.problems
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        problems.append(f"{where}: có {len(infos)} tệp, quá giới hạn {MAX_ENTRIES}; không kiểm tra tiếp")
        return
    counts = Counter(info.orig_filename for info in infos)
    readable: dict[str, zipfile.ZipInfo] = {}  # the entries safe to read, by name
    bad: set[str] = set()  # the entries reported already, not to be said again below
    for info in infos:
        name = info.orig_filename
        if name in bad:
            continue
        if counts[name] > 1:  # said once, and never read: which copy would an unzip tool keep?
            problem: str | None = f"có {counts[name]} lần trong gói; mỗi tệp chỉ được có một lần"
        else:
            problem = _name_problem(info) or _entry_problem(info) or _local_header_problem(raw, info)
        if problem:
            problems.append(f"{where}: tệp {_shown(name)} {problem}")
            bad.add(name)
        else:
            readable[name] = info
    declared = sum(info.file_size for info in readable.values())
    if declared > MAX_TOTAL_SIZE:
        problems.append(f"{where}: các tệp khai tổng kích thước {declared} byte, vượt giới hạn {MAX_TOTAL_SIZE} "
                        "byte (có thể là bom nén); không giải nén để kiểm tra tiếp")
        return

    def read(name: str, limit: int) -> bytes | None:
        try:
            return _read(archive, readable[name], limit)
        except _Unreadable as err:
            problems.append(f"{where}: tệp {_shown(name)} hỏng, không giải nén được ({err})")
            bad.add(name)
            return None

    signature = read(SIGNATURE, MAX_KEY_FILE) if SIGNATURE in readable else None
    manifest = read(MANIFEST, MAX_MANIFEST_SIZE) if MANIFEST in readable else None
    if manifest is None:
        if MANIFEST not in bad:
            problems.append(f"{where}: thiếu {MANIFEST}")
    else:
        _check_listed(problems, where, manifest, readable, bad, read)
    if SIGNATURE not in bad:  # a manifest.sig said to be broken above is not said to be missing too
        _check_signature(verdict, where, signature, manifest, key)


def _check_listed(problems: list[str], where: str, manifest: bytes, readable: dict[str, zipfile.ZipInfo],
                  bad: set[str], read: Callable[[str, int], bytes | None]) -> None:
    """Every file the manifest lists is there, whole; nothing is there that it does not list."""
    try:
        listed = _manifest_files(manifest)
    except ValueError as err:
        problems.append(f"{where}: {MANIFEST} hỏng, không đọc được danh sách tệp ({err})")
        return
    problems += [f"{where}: thiếu tệp {_shown(name)}" for name in sorted(set(listed) - set(readable) - bad)]
    for name in sorted(set(listed) & set(readable)):
        data = read(name, MAX_ENTRY_SIZE)
        if data is not None and _digest(data) != listed[name]:
            problems.append(f"{where}: tệp {_shown(name)} đã bị thay đổi")
    problems += [f"{where}: tệp {_shown(name)} không có trong {MANIFEST}"
                 for name in sorted(set(readable) - set(listed) - bad - {MANIFEST, SIGNATURE})]
