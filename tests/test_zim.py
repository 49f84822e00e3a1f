"""`sotay zim`: the offline site as a ZIM for Kiwix readers, read back with libzim and served by kiwix-serve."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from browser import Session
from conftest import REPO

from sotay.bundle import HOW_TO, MANIFEST, BundleInfo
from sotay.cli import main

if TYPE_CHECKING:
    from libzim.reader import Archive

libzim_reader = pytest.importorskip("libzim.reader")  # the dev extra installs it; `sotay zim` needs it

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}  # 18/11/2026, as in test_bundle.py
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT = "van-ban/chi-thi-10-ct-tw.html"


def sotay(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sotay.cli", *args], cwd=REPO, capture_output=True, text=True,
                          env=ENV, timeout=300)


@dataclass
class Made:
    zim: Path
    archive: Archive
    site: dict[str, bytes]  # the files of the same site, as `sotay bundle` zips them
    run: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    folder = tmp_path_factory.mktemp("zim")
    run = sotay("zim", "-o", str(folder / "so-tay.zim"))
    assert run.returncode == 0, run.stderr
    bundled = sotay("bundle", "-q", "-o", str(folder / "so-tay.zip"))
    assert bundled.returncode == 0, bundled.stderr
    with zipfile.ZipFile(folder / "so-tay.zip") as archive:
        site = {name: archive.read(name) for name in archive.namelist() if name not in {HOW_TO, MANIFEST}}
    return Made(folder / "so-tay.zim", libzim_reader.Archive(folder / "so-tay.zim"), site, run)


def test_steps_on_stderr_and_nothing_of_libzim(made: Made) -> None:
    lines = made.run.stderr.splitlines()
    assert lines[:2] == ["[1/3] Dựng trang cho bản không cần mạng", "[2/3] Ghi tệp ZIM"]
    assert lines[2].startswith(f"[3/3] Xong: {made.zim} ({len(made.site)} mục, ") and len(lines) == 3
    assert made.run.stdout == ""  # libzim's own progress lines are held back without -v


def test_every_file_of_the_offline_site_is_an_entry_with_the_same_bytes(made: Made) -> None:
    archive = made.archive
    assert archive.entry_count == len(made.site) > 150
    assert archive.check()  # libzim's own integrity check (checksum, dirents, clusters)
    for path, data in made.site.items():
        assert bytes(archive.get_entry_by_path(path).get_item().content) == data, path
    pages = [p for p in made.site if p.endswith(".html")]
    assert archive.article_count == len(pages) - 1  # every page is a front article but the 404 page


def test_main_page_and_titles(made: Made) -> None:
    main_entry = made.archive.main_entry
    assert main_entry.is_redirect and main_entry.get_redirect_entry().path == "index.html"
    assert made.archive.get_entry_by_path("index.html").title == "Sổ tay sinh hoạt chi bộ"
    document = made.archive.get_entry_by_path(DOCUMENT)
    assert document.title == "Chỉ thị 10-CT/TW về nâng cao chất lượng sinh hoạt chi bộ"  # no ' - Sổ tay ...'
    assert "<title>Chỉ thị 10-CT/TW về nâng cao chất lượng sinh hoạt chi bộ - Sổ tay sinh hoạt chi bộ</title>" in (
        made.site[DOCUMENT].decode("utf-8"))
    assert made.archive.has_fulltext_index and made.archive.has_title_index


def test_metadata(made: Made) -> None:
    meta = {key: made.archive.get_metadata(key).decode("utf-8") for key in made.archive.metadata_keys
            if not key.startswith("Illustration_")}
    assert meta["Language"] == "vie" and meta["Name"] == "sotay_vi_toan-quoc"
    assert meta["Title"] == "Sổ tay sinh hoạt chi bộ"
    assert meta["Date"] == "2026-11-18"  # the day the file was made (SOURCE_DATE_EPOCH), not the content's date
    # LICENSE's copyright holder ("the sotay contributors"), not a name that reads as a body of the Party.
    assert meta["Creator"] == meta["Publisher"] == "Những người đóng góp cho Sổ tay sinh hoạt chi bộ"
    assert meta["Description"] == "Văn bản, gợi ý chủ đề, bảng kiểm, mẫu biên bản và mẫu nghị quyết chi bộ"
    assert "Ấn bản" not in meta["Description"] and "mẫu nghị quyết chi bộ" in meta["LongDescription"]
    home = made.site["index.html"].decode("utf-8")
    stamp = meta["LongDescription"].rsplit(". ", 1)[1].rstrip(".")
    assert stamp.startswith("Ấn bản: Toàn quốc · Phiên bản ") and stamp in home  # the home page's own words
    assert "_ftindex:yes" in meta["Tags"].split(";") and "Source" not in meta  # mkdocs.yml sets no site_url


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of an 8-bit RGBA PNG with unfiltered rows (what illustration_png writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert data[12:16] == b"IHDR" and (depth, colour) == (8, 6)
    chunks, at = b"", 8
    while at < len(data):
        (size,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        body = data[at + 8:at + 8 + size]
        assert struct.unpack(">I", data[at + 8 + size:at + 12 + size])[0] == zlib.crc32(kind + body)
        chunks += body if kind == b"IDAT" else b""
        at += 12 + size
    raw = zlib.decompress(chunks)
    rows = [raw[y * (width * 4 + 1):(y + 1) * (width * 4 + 1)] for y in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, [row[1:] for row in rows]


def test_illustration_is_a_48_pixel_png_in_the_site_red(made: Made) -> None:
    assert made.archive.has_illustration(48) and not made.archive.has_illustration(96)
    data = bytes(made.archive.get_illustration_item(48).content)
    assert made.archive.get_metadata("Illustration_48x48@1") == data
    width, height, rows = png_pixels(data)
    assert (width, height) == (48, 48)

    def pixel(x: int, y: int) -> tuple[int, ...]:
        return tuple(rows[y][x * 4:x * 4 + 4])

    assert pixel(0, 0) == (0, 0, 0, 0) and pixel(4, 24) == (0xB7, 0x1C, 0x1C, 255)  # rounded corner, red tile
    assert pixel(15, 15) == (255, 255, 255, 255)  # the notebook's page


def test_mime_types_and_the_search_scripts(made: Made) -> None:
    def mime(path: str) -> str:
        return made.archive.get_entry_by_path(path).get_item().mimetype

    assert mime(DOCUMENT) == "text/html" and mime("assets/sotay/sotay.css") == "text/css"
    assert mime("assets/sotay/search-index.js") == "application/javascript"
    assert mime("assets/sotay/mau/bien-ban-hop-chi-bo.docx") == WORD
    assert mime("assets/sotay/khoa-hoc/bi-thu-chi-bo-moi.pdf") == "application/pdf"
    # The search page loads its engine and the index by relative URLs, which resolve inside the ZIM as from file://.
    config = bytes(made.archive.get_entry_by_path("assets/sotay/config.js").get_item().content).decode()
    assert '"index": "assets/sotay/search-index.js"' in config
    search_page = made.site["tim-kiem.html"].decode("utf-8")
    for script in ("assets/sotay/config.js", "assets/sotay/analyzer.js", "assets/sotay/client.js"):
        assert f'<script src="{script}"' in search_page and made.archive.has_entry_by_path(script)


def test_title_of_a_province_edition_fits_30_graphemes() -> None:
    from sotay.zim import graphemes, zim_title

    assert zim_title("lam-dong") == "Sổ tay chi bộ – Lâm Đồng"
    assert zim_title("tp-ho-chi-minh") == "Sổ tay chi bộ – TP Hồ Chí Minh"
    assert graphemes("Sổ tay chi bộ – TP Hồ Chí Minh") == 30 and graphemes("Đồng") == 4
    assert graphemes("Đo\u0302\u0300ng") == 4  # a tone mark typed apart (NFD) is no grapheme of its own


def test_date_is_the_day_the_file_is_made_and_the_content_date_is_in_the_long_description(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sotay.zim import metadata

    old = BundleInfo("toan-quoc", "0.1.0", "2021-12-05", "2021-12-05")  # what a build without SOURCE_DATE_EPOCH gets
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    today = dt.date.today().isoformat()
    meta = metadata(old)
    assert meta["Date"] in {today, dt.date.today().isoformat()}  # midnight may pass meanwhile
    assert "Cập nhật với các văn bản đã biết đến ngày 05/12/2021." in meta["LongDescription"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796256000")
    assert metadata(old)["Date"] == "2026-12-03"
    month_only = metadata(BundleInfo("toan-quoc", "0.1.0", "2021-12", "2021-12"))
    assert month_only["Date"] == "2026-12-03" and "đến tháng 12/2021." in month_only["LongDescription"]


def test_metadata_longer_than_openzim_allows_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import sotay.zim as zim

    info = BundleInfo("toan-quoc", "0.1.0", "2026-12-03", "2026-12-03")
    monkeypatch.setattr(zim, "DESCRIPTION", "ạ" * 80)  # 80 graphemes, NFC: still fits
    assert zim.metadata(info)["Description"] == "ạ" * 80
    monkeypatch.setattr(zim, "DESCRIPTION", "ạ" * 81)
    with pytest.raises(zim.ZimError, match=r"^trường Description của tệp ZIM dài quá 80 ký tự"):
        zim.metadata(info)
    monkeypatch.undo()
    monkeypatch.setattr(zim, "LONG_DESCRIPTION", "a" * 4000 + "{stamp}")
    with pytest.raises(zim.ZimError, match=r"^trường LongDescription của tệp ZIM dài quá 4000 ký tự"):
        zim.metadata(info)


def small_site(folder: Path) -> Path:
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<html><head><title>Trang chủ</title></head><body>x</body></html>", "utf-8")
    (folder / "assets" / "a.js").write_text("var a = 1;\n", "utf-8")
    return folder


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import sotay.zim as zim

    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "so-tay.zim"
    old = b"ZIM\x04" + "tệp ZIM cũ".encode()  # an older ZIM: the one file write_zim may replace
    target.write_bytes(old)
    info = BundleInfo("toan-quoc", "0.1.0", "2026-12-03", "2026-12-03")
    twice = zim.entries(site) * 2  # the same paths twice: libzim refuses the second one
    monkeypatch.setattr(zim, "entries", lambda _site: twice)
    with pytest.raises(zim.ZimError, match=r"^không ghi được tệp ZIM .*so-tay\.zim: Impossible to add C/"):
        zim.write_zim(site, target, info)
    assert target.read_bytes() == old and [p.name for p in out.iterdir()] == ["so-tay.zim"]
    monkeypatch.undo()
    report = zim.write_zim(site, target, info)  # the same call, without the fault, replaces the file
    assert report.entries == 2 and libzim_reader.Archive(target).entry_count == 2
    assert sorted(p.name for p in out.iterdir()) == ["so-tay.zim"]


def test_an_output_that_is_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zim", "-q", "-f", str(REPO / "mkdocs.yml"), "-o", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"sotay: lỗi: '{tmp_path}': cần tên một tệp, không phải thư mục\n"
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_a_file_but_not_a_zim_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "bao-cao.docx"
    report.write_bytes(b"PK\x03\x04 bao cao")
    assert main(["zim", "-q", "-f", str(REPO / "mkdocs.yml"), "-o", str(report)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (f"sotay: lỗi: '{report}': tệp đã có và không phải tệp ZIM, sotay không ghi đè lên; "
                            "hãy chọn tên tệp khác\n")
    assert report.read_bytes() == b"PK\x03\x04 bao cao" and [p.name for p in tmp_path.iterdir()] == [report.name]


def test_write_zim_itself_keeps_a_file_that_is_not_a_zim(tmp_path: Path) -> None:
    import sotay.zim as zim

    site = small_site(tmp_path / "site")
    for name, data in (("rong.zim", b""), ("gan-giong.zim", b"ZIM\x03"), ("ghi-chu.txt", "Ghi chú".encode())):
        target = tmp_path / name
        target.write_bytes(data)
        with pytest.raises(OSError, match="không phải tệp ZIM"):
            zim.write_zim(site, target, BundleInfo("toan-quoc", "0.1.0", "2026-12-03", "2026-12-03"))
        assert target.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gan-giong.zim", "ghi-chu.txt", "rong.zim", "site"]


def test_the_projects_own_files_are_never_an_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sotay.project import Project as Sources
    from sotay.project import load_project
    from sotay.targets import ZIM_KIND, ZIM_MAGIC, refuse_output_file

    def refuse_folder(target: Path, project: Sources) -> None:
        refuse_output_file(target, project, ZIM_MAGIC, ZIM_KIND)

    project = load_project(REPO / "mkdocs.yml")
    refused = {REPO / "mkdocs.yml": "là tệp cấu hình của dự án",
               REPO / "docs" / "so-tay.zim": "nằm trong thư mục nguồn docs/ của dự án",
               REPO / "docs" / "mau" / "moi" / "so-tay.zim": "nằm trong thư mục nguồn docs/",
               REPO / "directives" / "so-tay.zim": "nằm trong thư mục nguồn directives/",
               REPO / "site" / ".." / "docs" / "index.md": "nằm trong thư mục nguồn docs/"}
    for target, message in refused.items():
        with pytest.raises(OSError, match=message):
            refuse_folder(target, project)
    monkeypatch.chdir(REPO / "docs")
    with pytest.raises(OSError, match="nằm trong thư mục nguồn docs/"):
        refuse_folder(Path("so-tay.zim"), project)  # relative to where the command runs
    (tmp_path / "docs").symlink_to(REPO / "docs")
    with pytest.raises(OSError, match="nằm trong thư mục nguồn docs/"):
        refuse_folder(tmp_path / "docs" / "so-tay.zim", project)  # a link does not hide the folder
    refuse_folder(REPO / "so-tay-toan-quoc.zim", project)  # beside them, as by default: allowed
    refuse_folder(tmp_path / "so-tay.zim", project)
    assert not (REPO / "docs" / "so-tay.zim").exists() and not (REPO / "so-tay-toan-quoc.zim").exists()


def test_without_libzim_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "libzim", None)  # as on a machine without the zim extra
    monkeypatch.setitem(sys.modules, "libzim.writer", None)
    target = tmp_path / "so-tay.zim"
    assert main(["zim", "-f", str(REPO / "mkdocs.yml"), "-o", str(target)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err == ("sotay: lỗi: lệnh zim cần gói libzim, không cài sẵn vì libzim theo giấy phép GPL; "
                            "hãy cài: pip install 'sotay[zim]'\n")
    assert not target.exists()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        body: bytes = answer.read()
    return body.decode("utf-8")


@pytest.fixture(scope="module")
def kiwix(made: Made) -> Iterator[str]:
    """kiwix-serve on loopback with the ZIM; yields the address of the book's content."""
    program = shutil.which("kiwix-serve")
    if program is None:
        pytest.skip("kiwix-serve không có trên máy này (gói Debian kiwix-tools; `make unit` cài nó)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([program, "--address", "127.0.0.1", "--port", str(port), str(made.zim)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # The book is named after the file; libkiwix 12+ serves it under /content/, older versions at the root.
        bases = [f"http://127.0.0.1:{port}/content/so-tay/", f"http://127.0.0.1:{port}/so-tay/"]
        deadline, found = time.monotonic() + 30, ""
        while time.monotonic() < deadline and not found:
            for base in bases:
                try:
                    fetch(base + "index.html")
                    found = base
                    break
                except OSError:
                    continue
            time.sleep(0.2 if not found else 0)
        assert found, "kiwix-serve did not answer"
        yield found
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_kiwix_serve_serves_the_main_page_and_a_document(kiwix: str) -> None:
    assert "<title>Sổ tay sinh hoạt chi bộ</title>" in fetch(kiwix)  # the book's address opens its main page
    page = fetch(kiwix + DOCUMENT)
    assert "<title>Chỉ thị 10-CT/TW về nâng cao chất lượng sinh hoạt chi bộ - Sổ tay sinh hoạt chi bộ</title>" in page


def test_the_sites_search_works_inside_kiwix_serve(kiwix: str, browser: Session) -> None:
    # A page of its own, not browser.page(): the session's record is for file:// pages, which must make no request.
    page, requests = browser.browser.new_page(viewport={"width": 412, "height": 900}), []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(kiwix + "tim-kiem.html?q=dang+uy")  # no diacritics: the site's own analyzer, not Kiwix's
    page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    first = page.locator(".sotay-results li a").first.get_attribute("href") or ""
    assert first.startswith(kiwix) and ".html" in first
    page.goto(first)
    assert page.title().endswith("Sổ tay sinh hoạt chi bộ")
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(kiwix))
    assert requests and [url for url in requests if not url.startswith(origin)] == []
    page.close()


def test_the_command_refuses_the_projects_own_files_before_building(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import MKDOCS_YML

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp_path / "directives").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    for target in ("mkdocs.yml", "docs/x.zim", "directives/a/b.zim", "docs/index.md"):
        code = main(["zim", "-q", "-f", str(tmp_path / "mkdocs.yml"), "-o", str(tmp_path / target)])
        err = capsys.readouterr().err
        assert code == 2 and err.startswith("sotay: lỗi: ") and "Traceback" not in err, (target, err)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert not (tmp_path / "site").exists()
