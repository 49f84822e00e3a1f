"""`sotay verify` against hostile and broken zips (one line each, never a traceback), and signed bundles:
`sotay bundle --sign KEY` and `sotay verify --key PUB` (Ed25519 over manifest.json)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import stat
import struct
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, REPO, document
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from sotay.cli import main

ENV = {"SOURCE_DATE_EPOCH": "1795000000"}


def write_key(path: Path, key: ed25519.Ed25519PrivateKey) -> tuple[Path, Path]:
    """The private key as PKCS#8 PEM at `path`, its public key as SubjectPublicKeyInfo PEM beside it."""
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    public = path.with_name(path.stem + "-cong-khai.pem")
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    return path, public


class Made:
    """What the module builds once: two keys, an unsigned bundle and the same bundle signed (twice)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.key, self.public = write_key(root / "khoa.pem", ed25519.Ed25519PrivateKey.generate())
        self.other_key, self.other_public = write_key(root / "khac.pem", ed25519.Ed25519PrivateKey.generate())
        self.config = root / "du-an" / "mkdocs.yml"
        self.unsigned = root / "goc.zip"
        self.signed = root / "da-ky.zip"
        self.signed_again = root / "da-ky-lan-hai.zip"


def bundle(made: Made, target: Path, *args: str) -> int:
    return main(["bundle", "-q", "-f", str(made.config), "-o", str(target), *args])


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Made]:
    made = Made(tmp_path_factory.mktemp("ky"))
    project = made.config.parent
    (project / "docs").mkdir(parents=True)
    (project / "directives").mkdir()
    made.config.write_text(MKDOCS_YML, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (project / "directives" / "a.md").write_text(document(), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENV.items():
            patch.setenv(name, value)
        assert bundle(made, made.unsigned) == 0
        assert bundle(made, made.signed, "--sign", str(made.key)) == 0
        assert bundle(made, made.signed_again, "--sign", str(made.key)) == 0
    yield made


def verify(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, list[str]]:
    """`sotay verify` in-process: its exit code, what it printed, and its error lines (no traceback among them)."""
    code = main(["verify", str(path), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err.splitlines()


# --- crafting bad zips -----------------------------------------------------------------------------------------

def rewrite(source: Path, target: Path, *, drop: tuple[str, ...] = (), change: dict[str, bytes] | None = None,
            add: tuple[tuple[zipfile.ZipInfo | str, bytes], ...] = ()) -> Path:
    """A copy of a zip, entry by entry, less `drop`, with new contents for `change`, and `add` at the end."""
    change = change or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename not in drop:
                new.writestr(item, change.get(item.filename, old.read(item.filename)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: the point of one case
            for entry, data in add:
                new.writestr(entry, data)
    return target


def headers(data: bytes, name: str) -> tuple[int, int]:
    """Where the local header and the central directory header of entry `name` start."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
    encoded, start = name.encode(), 0
    while (central := data.find(b"PK\x01\x02", start)) >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + length] == encoded:
            return local, central
        start = central + 4
    raise AssertionError(f"no central header for {name}")


def patched(source: Path, target: Path, name: str, edit: Callable[[bytearray, int, int], None]) -> Path:
    data = bytearray(source.read_bytes())
    local, central = headers(bytes(data), name)
    edit(data, local, central)
    target.write_bytes(bytes(data))
    return target


def encrypted(data: bytearray, local: int, central: int) -> None:
    """The 'encrypted' bit (bit 0 of the flags) set in both headers."""
    for offset in (local + 6, central + 8):
        struct.pack_into("<H", data, offset, struct.unpack_from("<H", data, offset)[0] | 1)


def method_99(data: bytearray, local: int, central: int) -> None:
    """Compression method 99 (AES in WinZip's extension), unknown to sotay, in both headers."""
    struct.pack_into("<H", data, local + 8, 99)
    struct.pack_into("<H", data, central + 10, 99)


def corrupt_deflate(data: bytearray, local: int, central: int) -> None:
    """The first byte of the deflate stream says 'final block of the reserved type 3': invalid."""
    start = local + 30 + sum(struct.unpack_from("<HH", data, local + 26))
    data[start] = 0xFF


def huge_size(data: bytearray, local: int, central: int) -> None:
    """The central directory declares an uncompressed size of almost 4 GB."""
    struct.pack_into("<L", data, central + 24, 0xFFFFFFF0)
    struct.pack_into("<L", data, local + 22, 0xFFFFFFF0)


def symlink(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    entry.create_system = 3
    entry.external_attr = (stat.S_IFLNK | 0o777) << 16
    return entry


def nul_name(source: Path, target: Path) -> Path:
    """An entry whose name holds a NUL byte (zipfile cuts names at NUL, so it is patched in afterwards)."""
    rewrite(source, target, add=(("aXb.html", b"x"),))
    target.write_bytes(target.read_bytes().replace(b"aXb.html", b"a\0b.html"))
    return target


def bomb(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        new.writestr("bom.html", bytes(20_000_000), compresslevel=9)  # 20 MB of zeros in about 20 kB
    return target


# name → (how to make it from the unsigned bundle, the one line expected after "<path>: ")
BAD: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "encrypted": (lambda s, t: patched(s, t, "index.html", encrypted),
                  "tệp index.html bị mã hóa (gói của sotay không bao giờ mã hóa)"),
    "method-99": (lambda s, t: patched(s, t, "index.html", method_99),
                  "tệp index.html được nén theo cách không hỗ trợ (mã 99); gói của sotay chỉ dùng deflate"),
    "corrupt-deflate": (lambda s, t: patched(s, t, "index.html", corrupt_deflate),
                        "tệp index.html hỏng, không giải nén được (dữ liệu nén hỏng)"),
    "huge-size": (lambda s, t: patched(s, t, "index.html", huge_size),
                  "tệp index.html khai kích thước 4294967280 byte, vượt giới hạn 100000000 byte"),
    "zip-bomb": (bomb, "tệp bom.html có tỉ lệ nén bất thường ("),
    "duplicate": (lambda s, t: rewrite(s, t, add=(("index.html", b"<p>trang khac</p>"),)),
                  "tệp index.html có 2 lần trong gói; mỗi tệp chỉ được có một lần"),
    "dot-dot": (lambda s, t: rewrite(s, t, add=(("../x.html", b"x"),)),
                "tệp ../x.html có tên chứa '..', trỏ ra ngoài thư mục giải nén"),
    "absolute": (lambda s, t: rewrite(s, t, add=(("/etc/x.html", b"x"),)),
                 "tệp /etc/x.html có tên là đường dẫn tuyệt đối"),
    "drive": (lambda s, t: rewrite(s, t, add=(("C:/x.html", b"x"),)), "tệp C:/x.html có tên là đường dẫn tuyệt đối"),
    "backslash": (lambda s, t: rewrite(s, t, add=(("van-ban\\x.html", b"x"),)),
                  "tệp van-ban\\\\x.html có dấu gạch chéo ngược trong tên"),
    "nul": (nul_name, "tệp a\\x00b.html có ký tự NUL trong tên"),
    "newline": (lambda s, t: rewrite(s, t, add=(("a\nb.html", b"x"),)), "tệp a\\nb.html có tên không hợp lệ"),
    "symlink": (lambda s, t: rewrite(s, t, drop=("index.html",), add=((symlink("index.html"), b"/etc/passwd"),)),
                "tệp index.html là liên kết tượng trưng (symlink), không phải tệp thường"),
    "not-json": (lambda s, t: rewrite(s, t, change={"manifest.json": b"{khong phai json"}),
                 "manifest.json hỏng, không đọc được danh sách tệp (không phải JSON)"),
    "wrong-shape": (lambda s, t: rewrite(s, t, change={"manifest.json": b'["files"]'}),
                    "manifest.json hỏng, không đọc được danh sách tệp (thiếu bảng \"files\")"),
    "not-a-digest": (lambda s, t: rewrite(s, t, change={"manifest.json": b'{"files": {"index.html": 5}}'}),
                     "manifest.json hỏng, không đọc được danh sách tệp (mã kiểm tra của index.html không phải "
                     "SHA-256)"),
    "no-manifest": (lambda s, t: rewrite(s, t, drop=("manifest.json",)), "thiếu manifest.json"),
    "missing-file": (lambda s, t: rewrite(s, t, drop=("404.html",)), "thiếu tệp 404.html"),
    "unlisted-file": (lambda s, t: rewrite(s, t, add=(("them.html", b"x"),)),
                      "tệp them.html không có trong manifest.json"),
    "changed-file": (lambda s, t: rewrite(s, t, change={"index.html": b"<p>da sua</p>"}),
                     "tệp index.html đã bị thay đổi"),
    "truncated": (lambda s, t: t.write_bytes(s.read_bytes()[:5000]) and t,
                  "không phải tệp nén .zip, hoặc tệp đã hỏng"),
    "not-a-zip": (lambda s, t: t.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)) and t,
                  "không phải tệp nén .zip, hoặc tệp đã hỏng"),
}


@pytest.fixture(scope="module")
def bad_zips(made: Made) -> dict[str, Path]:
    folder = made.root / "hong"
    folder.mkdir()
    return {name: make(made.unsigned, folder / f"{name}.zip") for name, (make, _line) in BAD.items()}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_zip_is_one_line_and_no_traceback(case: str, bad_zips: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = bad_zips[case]
    code, out, lines = verify(capsys, path)
    assert code == 1 and out == ""
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}: {BAD[case][1]}"), lines


def test_no_traceback_reaches_stderr_of_the_command(bad_zips: dict[str, Path]) -> None:
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "verify", str(bad_zips["encrypted"])], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == f"{bad_zips['encrypted']}: {BAD['encrypted'][1]}\n"
    # Every case in one more process (a process each would take a second each): one line each, nothing else.
    code = "import sys\nfrom sotay.cli import main\nsys.exit(max(main(['verify', p]) for p in sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", code, *map(str, bad_zips.values())], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and proc.stdout == ""
    assert proc.stderr.count("\n") == len(bad_zips)


def test_every_problem_of_one_zip_is_said(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    path = rewrite(made.unsigned, made.root / "nhieu-loi.zip", drop=("404.html",),
                   change={"index.html": b"x"}, add=(("../x.html", b"x"), ("them.html", b"x")))
    code, _out, lines = verify(capsys, path)
    assert code == 1
    assert lines == [f"{path}: tệp ../x.html có tên chứa '..', trỏ ra ngoài thư mục giải nén",
                     f"{path}: thiếu tệp 404.html", f"{path}: tệp index.html đã bị thay đổi",
                     f"{path}: tệp them.html không có trong manifest.json"]


def test_a_local_header_that_disagrees_is_refused(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the local header says 'encrypted': zipfile reads the central one, other unzip tools the local one."""

    def local_only(data: bytearray, local: int, central: int) -> None:
        struct.pack_into("<H", data, local + 6, struct.unpack_from("<H", data, local + 6)[0] | 1)

    path = patched(made.unsigned, made.root / "dau-cuc-bo.zip", "index.html", local_only)
    assert verify(capsys, path)[::2] == (1, [f"{path}: tệp index.html bị mã hóa (gói của sotay không bao giờ "
                                             "mã hóa)"])


def test_missing_file_and_folder(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, lines = verify(capsys, made.root / "khong-co.zip")
    assert code == 1 and lines == [f"{made.root / 'khong-co.zip'}: không đọc được tệp: No such file or directory"]
    code, _out, lines = verify(capsys, made.root)
    assert code == 1 and lines == [f"{made.root}: là thư mục, không phải tệp .zip"]


def test_an_entry_is_read_no_further_than_its_declared_size(made: Made,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """index.html says it holds 10 bytes but inflates to 20 MB: reading stops at 10, and the CRC check fails."""
    path = rewrite(made.unsigned, made.root / "khai-nho.zip", change={"index.html": bytes(20_000_000)})

    def small(data: bytearray, local: int, central: int) -> None:
        struct.pack_into("<L", data, central + 24, 10)
        struct.pack_into("<L", data, local + 22, 10)

    patched(path, path, "index.html", small)
    code, _out, lines = verify(capsys, path)
    assert code == 1 and lines == [f"{path}: tệp index.html hỏng, không giải nén được (sai mã kiểm tra CRC)"]


# --- signatures ------------------------------------------------------------------------------------------------

def test_signed_bundles_are_byte_identical_and_carry_the_signature(made: Made) -> None:
    assert made.signed.read_bytes() == made.signed_again.read_bytes()
    with zipfile.ZipFile(made.signed) as signed, zipfile.ZipFile(made.unsigned) as unsigned:
        assert set(signed.namelist()) - set(unsigned.namelist()) == {"manifest.sig"}
        record = json.loads(signed.read("manifest.sig"))
        how_to = signed.read("HUONG-DAN.txt").decode("utf-8")
        manifest = signed.read("manifest.json")
    assert record["algorithm"] == "Ed25519" and record["key"].startswith("SHA256:")
    assert record["key"] in how_to and "sotay verify --key" in how_to  # the how-to prints the fingerprint
    public = serialization.load_pem_public_key(made.public.read_bytes())
    assert isinstance(public, ed25519.Ed25519PublicKey)
    public.verify(base64.b64decode(record["signature"]), manifest)  # the exact bytes of manifest.json


def test_a_good_signature(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, lines = verify(capsys, made.signed, "--key", str(made.public))
    assert code == 0 and lines == []
    assert out.startswith(f"sotay: {made.signed}: mọi tệp khớp với manifest.json; chữ ký hợp lệ, khóa SHA256:")
    code, out, lines = verify(capsys, made.signed)  # without --key: said, not checked
    assert code == 0 and "chưa kiểm tra" in out


def test_another_key_is_refused(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, lines = verify(capsys, made.signed, "--key", str(made.other_public))
    assert code == 1 and out == "" and len(lines) == 1
    assert lines[0].startswith(f"{made.signed}: chữ ký không phải của khóa SHA256:")


def test_an_unsigned_bundle_is_refused_when_a_key_is_given(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, lines = verify(capsys, made.unsigned, "--key", str(made.public))
    assert code == 1 and out == "" and len(lines) == 1
    assert lines[0].startswith(f"{made.unsigned}: gói không có chữ ký (manifest.sig)")


def test_a_changed_file_in_a_signed_bundle(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(made.signed) as archive:
        page = bytearray(archive.read("index.html"))
    page[100] ^= 1  # one byte
    path = rewrite(made.signed, made.root / "sua-tep.zip", change={"index.html": bytes(page)})
    code, _out, lines = verify(capsys, path, "--key", str(made.public))
    assert code == 1 and lines == [f"{path}: tệp index.html đã bị thay đổi"]


def test_a_manifest_changed_after_signing(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    """A tampered page with its new digest in manifest.json: the files match, the signature does not."""
    page = b"<p>trang gia mao</p>"
    with zipfile.ZipFile(made.signed) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["files"]["index.html"] = hashlib.sha256(page).hexdigest()
    path = rewrite(made.signed, made.root / "sua-manifest.zip",
                   change={"index.html": page, "manifest.json": json.dumps(manifest).encode()})
    code, _out, lines = verify(capsys, path, "--key", str(made.public))
    assert code == 1
    assert lines == [f"{path}: chữ ký không khớp với manifest.json: tệp này đã bị sửa sau khi ký"]
    code, _out, lines = verify(capsys, path)  # without --key only the files are checked: they match
    assert code == 0


def test_a_bundle_resigned_by_someone_else(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    path = made.root / "ky-lai.zip"
    assert bundle(made, path, "--sign", str(made.other_key)) == 0
    capsys.readouterr()
    code, _out, lines = verify(capsys, path, "--key", str(made.public))
    assert code == 1 and len(lines) == 1 and "chữ ký không phải của khóa" in lines[0]


def test_a_broken_signature_file(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    path = rewrite(made.signed, made.root / "chu-ky-hong.zip", change={"manifest.sig": b'{"algorithm": 1}'})
    code, _out, lines = verify(capsys, path, "--key", str(made.public))
    assert code == 1 and lines == [f"{path}: manifest.sig hỏng, không đọc được chữ ký"]


def key_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    files = {"missing": folder / "khong-co.pem", "folder": folder, "empty": folder / "rong.pem",
             "garbage": folder / "rac.pem", "broken-pem": folder / "hong.pem", "rsa": folder / "rsa.pem",
             "rsa-public": folder / "rsa-cong-khai.pem", "encrypted": folder / "mat-khau.pem"}
    files["empty"].write_bytes(b"")
    files["garbage"].write_bytes(b"\xff\xfe khong phai khoa")
    files["broken-pem"].write_text("-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    files["rsa"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    files["rsa-public"].write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                                  serialization.PublicFormat.SubjectPublicKeyInfo))
    files["encrypted"].write_bytes(ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"mat khau")))
    return files


SIGN_KEY_ERRORS = {"missing": "không đọc được tệp khóa", "folder": "là thư mục, không phải tệp khóa",
                   "empty": "không phải tệp khóa PEM", "garbage": "không phải tệp khóa PEM",
                   "broken-pem": "tệp khóa hỏng hoặc không phải khóa bí mật PEM", "rsa": "không phải khóa Ed25519",
                   "rsa-public": "đây là khóa công khai", "encrypted": "khóa có đặt mật khẩu",
                   "public": "đây là khóa công khai; --sign cần khóa bí mật"}
VERIFY_KEY_ERRORS = {"missing": "không đọc được tệp khóa", "folder": "là thư mục, không phải tệp khóa",
                     "empty": "không phải tệp khóa PEM", "garbage": "không phải tệp khóa PEM",
                     "broken-pem": "đây là khóa bí mật", "rsa": "đây là khóa bí mật",
                     "rsa-public": "không phải khóa Ed25519", "encrypted": "đây là khóa bí mật",
                     "private": "đây là khóa bí mật; --key cần khóa công khai"}


def test_bad_key_files_give_one_line(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    files = {**key_files(made.root / "khoa-hong"), "public": made.public, "private": made.key}
    target = made.root / "khong-duoc-tao.zip"
    for case, expected in SIGN_KEY_ERRORS.items():
        assert bundle(made, target, "--sign", str(files[case])) == 2, case
        out, err = capsys.readouterr()
        assert err.startswith(f"sotay: lỗi: {files[case]}: {expected}") and err.count("\n") == 1, (case, err)
        assert "Traceback" not in out + err and not target.exists()
    for case, expected in VERIFY_KEY_ERRORS.items():
        code, out, lines = verify(capsys, made.signed, "--key", str(files[case]))
        assert code == 2 and len(lines) == 1 and lines[0].startswith(f"sotay: lỗi: {files[case]}: {expected}"), (
            case, lines)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_keys_made_by_the_openssl_commands_of_the_readme(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    folder = made.root / "openssl"
    folder.mkdir()
    for command in ("openssl genpkey -algorithm ed25519 -out khoa.pem",
                    "openssl pkey -in khoa.pem -pubout -out khoa-cong-khai.pem"):
        subprocess.run(command.split(), cwd=folder, check=True, capture_output=True)
    path = folder / "so-tay.zip"
    assert bundle(made, path, "--sign", str(folder / "khoa.pem")) == 0
    capsys.readouterr()
    code, out, _lines = verify(capsys, path, "--key", str(folder / "khoa-cong-khai.pem"))
    assert code == 0 and "chữ ký hợp lệ" in out
