"""Offline bundles: reproducible zips, verification, and the unzipped site in Chromium from file://."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from browser import Session
from conftest import REPO

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}


def bundle(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sotay.cli", "bundle", "-o", str(target), *args], cwd=REPO,
                          capture_output=True, text=True, env=ENV, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bundle") / "so-tay.zip"
    proc = bundle(target)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[0] == "[1/3] Dựng trang cho bản không cần mạng"
    return target


def test_two_builds_give_identical_zips(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    proc = bundle(again, "--quiet")
    assert proc.returncode == 0 and proc.stderr == ""
    assert again.read_bytes() == built.read_bytes()


def test_zip_root_manifest_and_size(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        how_to = archive.read("HUONG-DAN.txt").decode("utf-8")
    assert {"index.html", "HUONG-DAN.txt", "manifest.json", "tim-kiem.html"} <= set(names)
    assert manifest["edition"] == "toan-quoc" and manifest["build_date"] == "2026-11-18"
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    assert "Mở tệp index.html" in how_to
    year, month, day = manifest["content_date"].split("-")  # the same words and date as the home page
    stamp = f"Ấn bản: Toàn quốc · Phiên bản 0.1.0 · Cập nhật với các văn bản đã biết đến ngày {day}/{month}/{year}"
    assert f"{stamp}." in how_to
    assert {"assets/sotay/khoa-hoc/bi-thu-chi-bo-moi.pdf", "khoa-hoc/ban-in/bi-thu-chi-bo-moi.html"} <= set(names)
    assert built.stat().st_size <= 15_000_000


def test_verify_intact_and_tampered(built: Path, tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "sotay.cli", "verify", str(built)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(tampered, "w") as target:
        for item in source.infolist():
            if item.filename == "tim-kiem.html":
                continue  # a missing file
            data = source.read(item.filename)
            target.writestr(item, data + b"<!-- changed -->" if item.filename == "index.html" else data)
        target.writestr("them.html", b"x")  # a file the manifest does not list
    bad = subprocess.run([sys.executable, "-m", "sotay.cli", "verify", str(tampered)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [f"{tampered}: thiếu tệp tim-kiem.html",
                                       f"{tampered}: tệp index.html đã bị thay đổi",
                                       f"{tampered}: tệp them.html không có trong manifest.json"]
    not_zip = tmp_path / "khong-phai.zip"
    not_zip.write_text("không phải zip", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "verify", str(not_zip)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"{not_zip}: không phải tệp nén .zip, hoặc tệp đã hỏng"]


def test_unzipped_bundle_works_offline(built: Path, tmp_path: Path, browser: Session) -> None:
    folder = tmp_path / "usb"
    with zipfile.ZipFile(built) as archive:
        archive.extractall(folder)
    page = browser.page()
    page.goto((folder / "index.html").as_uri())
    page.click(".md-content a[href='van-ban/index.html']")  # navigation between pages from file://
    page.wait_for_load_state()
    assert page.url.endswith("van-ban/index.html") and page.locator(".sotay-doc-index tbody tr").count() >= 20
    for query in ("sinh hoat chuyen de", "dang uy"):
        page.goto((folder / "tim-kiem.html").as_uri() + "?q=" + query.replace(" ", "+"))
        page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    page.goto((folder / "chu-de" / "ke-hoach-nam.html").as_uri() + "?cell=thon")
    assert page.locator(".sotay-planner-table tbody tr").count() >= 16
    page.goto((folder / "bang-kiem" / "hop-chi-uy.html").as_uri())
    first = page.locator("input[data-item]").first
    first.check()
    page.reload()
    assert page.locator("input[data-item]").first.is_checked()
    page.goto((folder / "chu-de" / "index.html").as_uri() + "?cell=thon")
    assert page.locator("[data-sotay-item]:not([hidden])").count() >= 5
    assert browser.outside_requests() == []


def test_home_page_says_edition_version_and_content_date(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        home = archive.read("index.html").decode("utf-8")
        content = json.loads(archive.read("manifest.json"))["content_date"]
    year, month, day = content.split("-")
    stamp = f"Ấn bản: Toàn quốc · Phiên bản 0.1.0 · Cập nhật với các văn bản đã biết đến ngày {day}/{month}/{year}"
    assert stamp in home


def edition_bundle(tmp_path: Path, edition: str) -> tuple[set[str], dict[str, Any], str, zipfile.ZipFile]:
    """Bundle one edition: its file names, its manifest, its home page, and the open archive to read more."""
    target = tmp_path / f"{edition}.zip"
    proc = bundle(target, "--edition", edition, "--quiet")
    assert proc.returncode == 0, proc.stderr
    archive = zipfile.ZipFile(target)
    return (set(archive.namelist()), json.loads(archive.read("manifest.json")),
            archive.read("index.html").decode("utf-8"), archive)


def test_edition_of_a_province_of_today_holds_its_former_provinces(tmp_path: Path) -> None:
    """Đắk Nông went into Lâm Đồng on 01/07/2025: its documents travel in the Lâm Đồng bundle."""
    names, _manifest, home, archive = edition_bundle(tmp_path, "lam-dong")
    with archive:
        page = archive.read("van-ban/quy-dinh-26-qd-tu-dak-nong.html").decode("utf-8")
        feed = archive.read("van-ban/thay-doi.xml").decode("utf-8")
    assert "Ấn bản: Lâm Đồng" in home
    assert "Đắk Nông (từ 01/07/2025 thuộc tỉnh Lâm Đồng)" in page  # labelled with the body that issued it then
    assert "van-ban/ke-hoach-47-kh-tu-quang-tri.html" not in names
    # What is new, and the provinces, travel too; the feed lists this edition's documents only.
    assert {"van-ban/thay-doi.html", "van-ban/tinh-thanh.html"} <= names
    assert "quy-dinh-26-qd-tu-dak-nong" in feed and "ke-hoach-47-kh-tu-quang-tri" not in feed
    refused = bundle(tmp_path / "x.zip", "--edition", "dak-nong", "-q")
    assert refused.returncode == 2
    assert "ấn bản 'lam-dong'" in refused.stderr and not (tmp_path / "x.zip").exists()


def test_provincial_edition(tmp_path: Path) -> None:
    names, manifest, home, archive = edition_bundle(tmp_path, "quang-tri")
    archive.close()
    assert manifest["edition"] == "quang-tri" and "Ấn bản: Quảng Trị" in home
    year, month, day = manifest["content_date"].split("-")  # the edition's own date, as its home page says
    assert f"Cập nhật với các văn bản đã biết đến ngày {day}/{month}/{year}" in home
    assert "van-ban/quy-dinh-31-qd-tu-quang-tri.html" in names
    assert "van-ban/ke-hoach-121-kh-tu-hoa-binh.html" not in names
    assert bundle(tmp_path / "x.zip", "--edition", "ha-noi", "-q").returncode == 2


def test_the_bundle_is_well_inside_what_verify_reads(built: Path) -> None:
    """verify refuses huge entries and zip-bomb ratios: the real bundle must stay far from those limits."""
    from sotay.bundle import MAX_ENTRY_SIZE, MAX_RATIO, MAX_TOTAL_SIZE

    with zipfile.ZipFile(built) as archive:
        infos = archive.infolist()
    assert max(info.file_size for info in infos) * 10 < MAX_ENTRY_SIZE
    assert sum(info.file_size for info in infos) * 10 < MAX_TOTAL_SIZE
    assert max(info.file_size / max(info.compress_size, 1) for info in infos) * 5 < MAX_RATIO
