"""Open data in the site and the offline bundle: the export as JSON and CSV, its JSON Schema, the licences,
and the page "Dữ liệu mở" that says what each file holds.

Every file is made from the base of the edition being built and from nothing else (no clock, no host), so
two builds of the same content give the same bytes. Plain Python: the MkDocs plugin only adds the files.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources
from typing import Any

from . import __version__
from .changes import atom_feed
from .courses import REFERENCE_KINDS
from .export import RECORDS, export_items, export_json, joined_json, record_json
from .loader import LoadResult
from .memo import Memo, kept
from .project import Project
from .provinces import EDITION_ALL
from .schema import FACT_FIELDS, SLUG
from .site import SiteModel, content_date, edition_words, stamp_text
from .srcs import FEED_SRC
from .targets import digest
from .topics import MEETINGS
from .vocabulary import vocabulary

DATA_DIR = "du-lieu"
JSON_FILE = f"{DATA_DIR}/so-tay.json"
SCHEMA_FILE = f"{DATA_DIR}/so-tay.schema.json"
LICENCE_FILE = f"{DATA_DIR}/GIAY-PHEP.txt"
MIT_FILE = f"{DATA_DIR}/LICENSE-MIT.txt"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
# One CSV a record kind, named as the site names its sections.
CSV_FILES = {"documents": f"{DATA_DIR}/van-ban.csv", "topics": f"{DATA_DIR}/chu-de.csv",
             "checklists": f"{DATA_DIR}/bang-kiem.csv", "templates": f"{DATA_DIR}/mau.csv",
             "courses": f"{DATA_DIR}/khoa-hoc.csv"}
SEPARATOR = "; "  # between the values of one CSV cell

Record = dict[str, Any]
Column = str | tuple[str, Callable[[Record], Any]]


def edition_export(site: SiteModel, result: LoadResult) -> str:
    """`sotay export` for the edition being built: its documents and the topics resting on them.

    The whole-country edition holds every document and topic, so its file is `sotay export` byte for byte.
    """
    kb = replace(site.kb, documents=site.documents)
    return export_json(kb, site.project, replace(result, topics=site.topics))


def _record_texts(kind: str, item: Any, project: Project) -> tuple[str, str]:
    """A record's text in so-tay.json and its CSV row."""
    record = RECORDS[kind](item, project)
    return record_json(record), csv_row(kind, record)


def _export_texts(site: SiteModel, result: LoadResult, memo: Memo | None,
                  prints: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Each kind's records as texts, in the export's order. With a memo (while serving), a record is made again
    only when its item changed: it reads its item and the site's addresses, nothing else."""
    items = export_items(replace(site.kb, documents=site.documents), replace(result, topics=site.topics))
    project = site.project
    addresses = digest(repr(project)) if memo is not None else ""

    def key(kind: str, item: Any) -> tuple[str, str, str] | None:
        if memo is None:
            return None
        known = prints.get(item.id) if kind == "documents" else None
        return kind, addresses, known or digest(repr(item))

    texts = {kind: [kept(memo, key(kind, item), partial(_record_texts, kind, item, project))
                    for item in found] for kind, found in items.items()}
    if memo is not None:
        memo.end_load()
    return texts


def open_data_files(site: SiteModel, result: LoadResult, memo: Memo | None = None,
                    prints: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """The files of the folder du-lieu/, by site-relative path. While serving, `memo` keeps each record's
    texts between builds, and `prints` gives each document's fingerprint (sotay.page_keys) when it is known."""
    texts = _export_texts(site, result, memo, prints or {})
    files = {JSON_FILE: joined_json({kind: [text for text, _row in made] for kind, made in texts.items()}
                                    ).encode("utf-8")}
    files |= {path: csv_bytes(kind, [row for _text, row in texts[kind]]) for kind, path in CSV_FILES.items()}
    files[SCHEMA_FILE] = (json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files[LICENCE_FILE] = licence_text().encode("utf-8")
    files[MIT_FILE] = resources.files("sotay").joinpath("data/LICENSE-MIT.txt").read_bytes()
    return files


# CSV: flat columns named as the JSON fields; a list becomes its values joined by SEPARATOR.

def _titles(key: str) -> Callable[[Record], list[str]]:
    return lambda record: [item["title"] for item in record[key]]


def _anchored(basis: Record) -> str:
    return f"{basis['target']}#{basis['anchor']}" if basis["anchor"] else basis["target"]


def _source_text(source: Record) -> str:
    date = f" ({source['date']})" if source["date"] else ""
    url = f" {source['url']}" if source["url"] else ""
    return f"{source['publication']}: {source['title']}{date}{url}"


def _relation_text(relation: Record) -> str:
    return f"{relation['type']} {relation['target']}" + (" (chưa đối chiếu)" if relation["unverified"] else "")


def _sources(record: Record) -> list[str]:
    return [_source_text(s) for s in record["sources"]]


def _items(record: Record) -> list[Record]:
    return [item for phase in record["phases"] for item in phase["items"]]


CSV_COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": ("id", "number", "type", "title", "issuer", "term", "issued", "scope", "province_now", "status",
                  "status_date", "added", "themes", "unverified",
                  ("relations", lambda r: [_relation_text(x) for x in r["relations"]]),
                  ("provisions", _titles("provisions")),
                  ("changes", lambda r: [f"{c['date']}: {c['note']}" for c in r["changes"]]),
                  ("sources", _sources), "url"),
    "topics": ("id", "title", "summary", "meeting", "cell_types", "themes", "months",
               ("basis", lambda r: [_anchored(b) for b in r["basis"]]), ("sources", _sources), "unverified", "url"),
    "checklists": ("id", "title", ("phases", _titles("phases")), ("item_count", lambda r: len(_items(r))),
                   ("items", lambda r: [i["text"] for i in _items(r)]), "url"),
    "templates": ("id", "title", "docx", "url"),
    "courses": ("id", "title", "audience", "duration", ("modules", _titles("modules")), "url", "print_url"),
}


# A cell Excel or LibreOffice would read as a formula (OWASP, "CSV Injection"), the full-width signs included:
# such a cell gets a leading apostrophe in the CSV only; the JSON keeps the text exactly.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(_text(v) for v in value)
    return str(value)


def _cell(value: Any) -> str:
    text = _text(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_row(kind: str, record: Record) -> str:
    """One record's CSV row (RFC 4180: comma, quotes where needed, CRLF)."""
    out = io.StringIO()
    csv.writer(out).writerow([_cell(record[c] if isinstance(c, str) else c[1](record)) for c in CSV_COLUMNS[kind]])
    return out.getvalue()


def csv_bytes(kind: str, rows: list[str]) -> bytes:
    """One kind of record as CSV: a header row, then the records' rows; UTF-8 with a BOM, so Excel reads
    Vietnamese."""
    out = io.StringIO()
    csv.writer(out).writerow([c if isinstance(c, str) else c[0] for c in CSV_COLUMNS[kind]])
    return (out.getvalue() + "".join(rows)).encode("utf-8-sig")


# The JSON Schema of so-tay.json: every record lists all its fields, so a field added to the export without
# a line here fails the test that validates the shipped export against it.

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}  # partial dates as the sources give them
_ID = {"type": "string", "pattern": SLUG.pattern}
_TEXTS = {"type": "array", "items": _TEXT}
_SOURCE = {"$ref": "#/$defs/source"}  # documents and topics name their sources alike


def _maybe(schema: Record) -> Record:
    return {"anyOf": [schema, {"type": "null"}]}


def _enum(values: Any) -> Record:
    return {"enum": list(values)}


def _list(items: Record) -> Record:
    return {"type": "array", "items": items}


def _record(props: Record, description: str | None = None) -> Record:
    described = {"description": description} if description else {}
    return {**described, "type": "object", "additionalProperties": False, "required": list(props),
            "properties": props}


def _source_schema() -> Record:
    return _record({"publication": _TEXT, "title": _TEXT, "date": _maybe(_DATE), "url": _maybe(_TEXT),
                    "read": _maybe(_DATE), "official": {"type": "boolean"}, "claims": _TEXTS,
                    "note": _maybe(_TEXT), "ref": _maybe(_ID), "supports": _list(_enum(FACT_FIELDS))})


def _document_schema() -> Record:
    vocab = vocabulary()
    return _record({
        "id": _ID, "number": _maybe(_TEXT), "type": _enum(vocab.document_types), "title": _TEXT, "issuer": _TEXT,
        "term": _maybe(_enum(vocab.terms)), "issued": _maybe(_DATE), "scope": _enum(vocab.scopes),
        "province_now": _maybe(_ID), "status": _enum(vocab.statuses), "status_date": _maybe(_DATE),
        "added": _maybe(_DATE), "changes": _list(_record({"date": _DATE, "note": _TEXT})),
        "relations": _list(_record({"type": _enum(vocab.relation_types), "target": _ID,
                                    "unverified": {"type": "boolean"}})),
        "sources": _list(_SOURCE), "unverified": _TEXTS,
        "provisions": _list(_record({"anchor": _TEXT, "title": _TEXT})), "themes": _list(_enum(vocab.themes)),
        "url": _TEXT}, "Một văn bản: số hiệu, loại, trích yếu, cơ quan ban hành, ngày, tình trạng, quan hệ, nguồn.")


def _basis() -> Record:
    return _record({"target": _ID, "anchor": _maybe(_TEXT)})


def _topic_schema() -> Record:
    vocab = vocabulary()
    return _record({
        "id": _ID, "title": _TEXT, "summary": _TEXT, "meeting": _enum(MEETINGS), "cell_types": _list(_enum(
            vocab.cell_types)), "themes": _list(_enum(vocab.themes)),
        "months": _list({"type": "integer", "minimum": 1, "maximum": 12}), "basis": _list(_basis()),
        "sources": _list(_SOURCE), "unverified": _TEXTS, "url": _TEXT},
        "Một gợi ý chủ đề sinh hoạt: loại buổi sinh hoạt, loại chi bộ, tháng gợi ý, văn bản làm căn cứ.")


def _checklist_schema() -> Record:
    item = _record({"id": _ID, "text": _TEXT, "basis": _basis()})
    return _record({"id": _ID, "title": _TEXT, "phases": _list(_record({"id": _ID, "title": _TEXT,
                                                                       "items": _list(item)})), "url": _TEXT},
                   "Một bảng kiểm: các giai đoạn, mỗi việc có mã cố định và văn bản làm căn cứ.")


def _course_schema() -> Record:
    module = _record({"id": _ID, "title": _TEXT, "duration": _maybe(_TEXT), "documents": _list(_basis()),
                      **{kind: _list(_ID) for kind in REFERENCE_KINDS}})
    return _record({"id": _ID, "title": _TEXT, "audience": _TEXT, "duration": _TEXT, "modules": _list(module),
                    "url": _TEXT, "print_url": _TEXT}, "Một khóa bồi dưỡng và các học phần của nó.")


def export_schema() -> Record:
    """JSON Schema (draft 2020-12) of so-tay.json, the output of `sotay export`."""
    template = _record({"id": _ID, "title": _TEXT, "docx": _TEXT, "url": _TEXT},
                       "Một mẫu văn bản và tệp Word của nó.")
    kinds = {"documents": _document_schema(), "topics": _topic_schema(), "checklists": _checklist_schema(),
             "templates": template, "courses": _course_schema()}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "so-tay.schema.json",
            "title": "Dữ liệu mở của Sổ tay sinh hoạt chi bộ (kết quả lệnh sotay export)",
            "$defs": {"source": _source_schema()},
            **_record({kind: _list(schema) for kind, schema in kinds.items()})}


@dataclass(frozen=True)
class LicencePart:
    """One part of what the site publishes and the terms it comes under: the page "Dữ liệu mở" and GIAY-PHEP.txt
    both list every part, in these words, so that the two never name different scopes."""

    what: str
    covers: tuple[str, ...]
    terms: str  # {cc} and {mit} are written as links on the page and as plain text in the file

    def scope(self) -> str:
        return f"{self.what}: {'; '.join(self.covers)}."


LICENCE_PARTS = (
    LicencePart("Phần do Sổ tay biên soạn", (
        "lời tóm tắt văn bản", "nhận định về tình trạng hiệu lực và quan hệ giữa các văn bản, do Sổ tay tổng hợp từ "
        "các nguồn đã dẫn", "gợi ý chủ đề sinh hoạt", "bảng kiểm", "các mục, các ô của mẫu văn bản",
        "tài liệu bồi dưỡng", "bộ tiêu chí tự đánh giá", "các tệp dữ liệu trong thư mục du-lieu/, trừ những phần "
        "nêu ở mục 2 và 3"),
        "Áp dụng Giấy phép Creative Commons Ghi công 4.0 Quốc tế ({cc}): được sao chép, chia sẻ, chỉnh sửa và "
        "dùng vào bất kỳ việc gì, với điều kiện ghi công (nêu tên \"Sổ tay sinh hoạt chi bộ\"), dẫn giấy phép và "
        "nói rõ có sửa đổi hay không."),
    LicencePart("Văn bản của Đảng, Nhà nước", (
        "lời văn", "số hiệu", "ngày ban hành", "cơ quan ban hành", "trích yếu", "những câu trích nguyên văn"),
        "Những phần này là của chính các văn bản ấy; giấy phép ở mục 1 không áp dụng, Sổ tay không nhận quyền gì "
        "đối với chúng. Khi dùng lại, xin dẫn đúng văn bản."),
    LicencePart("Bài báo, trang thông tin được dẫn làm nguồn", ("tên bài", "những câu trích từ bài"),
                "Những phần này là của cơ quan báo chí, cơ quan, đơn vị đã đăng tải bài. Mỗi bản ghi đều ghi nguồn "
                "(trường \"sources\": tên cơ quan hoặc tờ báo, tên bài, ngày đăng, địa chỉ trang); khi dùng lại, xin "
                "dẫn đúng nguồn ấy."),
    LicencePart("Thể thức trình bày của các tệp Word mẫu", (
        "khổ giấy", "phông chữ", "cách trình bày phần đầu văn bản"),
        "Thể thức này theo Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức và kỹ "
        "thuật trình bày văn bản của Đảng; đó là quy định của Hướng dẫn ấy, không thuộc giấy phép ở mục 1. Trang của "
        "từng mẫu ghi nguồn đã dùng để đối chiếu."),
    LicencePart("Mã nguồn của bộ công cụ sotay", (
        "chương trình sotay", "các tệp JavaScript và CSS của Sổ tay trong thư mục assets/sotay/ của trang"),
        "Áp dụng giấy phép MIT, toàn văn ở {mit}."),
    LicencePart("Phần mềm của bên thứ ba đi kèm trang", (
        "giao diện Material for MkDocs", "các thư viện đi kèm, như fflate trong assets/sotay/vendor/"),
        "Giữ nguyên giấy phép của tác giả; thư viện nào có tệp giấy phép riêng thì tệp ấy đi cùng thư viện."),
)


def licence_text() -> str:
    """GIAY-PHEP.txt: every part, numbered, in lines short enough for Notepad; CRLF line ends."""
    parts = [textwrap.fill(f"{n}. {part.scope()} " + part.terms.format(
        cc=f"CC BY 4.0, toàn văn tại {CC_BY}", mit="tệp LICENSE-MIT.txt cùng thư mục"), width=110,
        break_long_words=False, break_on_hyphens=False) for n, part in enumerate(LICENCE_PARTS, 1)]
    return "\r\n".join(["SỔ TAY SINH HOẠT CHI BỘ - GIẤY PHÉP SỬ DỤNG", "", *"\n\n".join(parts).split("\n"), ""])


def _licence_items() -> list[str]:
    """The same parts as a numbered Markdown list, for the page."""
    links = {"cc": f"[CC BY 4.0]({CC_BY})", "mit": f"tệp [LICENSE-MIT.txt]({MIT_FILE})"}
    return [f"{n}. **{part.what}:** {'; '.join(part.covers)}. {part.terms.format(**links)}"
            for n, part in enumerate(LICENCE_PARTS, 1)]


def _size(length: int) -> str:
    """'850 byte', '12,3 kB', '1,25 MB': decimal units and a decimal comma, as Vietnamese texts write them."""
    if length < 1000:
        return f"{length} byte"
    value, unit = (length / 1e6, "MB") if length >= 1e6 else (length / 1e3, "kB")
    return f"{value:.1f} {unit}".replace(".", ",")


def _file_rows(site: SiteModel, files: Mapping[str, bytes]) -> list[tuple[str, str]]:
    """Each published file with what it holds, in the order the page lists them."""
    # Each kind's records, counted in its CSV file (one row each, as in the JSON, which is larger to read).
    counts = {kind: sum(1 for _row in csv.reader(io.StringIO(files[path].decode("utf-8-sig")))) - 1
              for kind, path in CSV_FILES.items()}
    whole = ("giống hệt kết quả lệnh `sotay export`" if site.edition == EDITION_ALL
             else "cùng cấu trúc với kết quả lệnh `sotay export`, gồm văn bản Trung ương và văn bản của địa phương")
    return [(JSON_FILE, f"Toàn bộ dữ liệu của Sổ tay ({edition_words(site.edition)}) ở dạng JSON, {whole}: "
                        f"{counts['documents']} văn bản, {counts['topics']} gợi ý chủ đề, {counts['checklists']} "
                        f"bảng kiểm, {counts['templates']} mẫu văn bản, {counts['courses']} khóa bồi dưỡng."),
            (CSV_FILES["documents"], "Danh sách văn bản, mỗi văn bản một dòng: số hiệu, loại, trích yếu, cơ quan "
                                     "ban hành, ngày ban hành, tình trạng, quan hệ với văn bản khác, nguồn."),
            (CSV_FILES["topics"], "Gợi ý chủ đề sinh hoạt: loại buổi sinh hoạt, loại chi bộ, tháng gợi ý, "
                                  "văn bản làm căn cứ."),
            (CSV_FILES["checklists"], "Bảng kiểm: các giai đoạn và từng việc phải làm."),
            (CSV_FILES["templates"], "Mẫu văn bản, kèm địa chỉ tệp Word của từng mẫu."),
            (CSV_FILES["courses"], "Khóa bồi dưỡng: đối tượng, thời lượng, các học phần."),
            (SCHEMA_FILE, "Lược đồ JSON Schema (bản 2020-12) mô tả từng trường của tệp JSON, để kiểm tra tệp "
                          "bằng máy."),
            (FEED_SRC, "Tệp Atom: văn bản mới đưa vào và thông tin đã sửa, để theo dõi bằng trình đọc tin."),
            (LICENCE_FILE, "Giấy phép sử dụng (tiếng Việt)."),
            (MIT_FILE, "Toàn văn giấy phép MIT của mã nguồn.")]


def open_data_page(site: SiteModel, files: Mapping[str, bytes]) -> str:
    """The page "Dữ liệu mở": what each file holds, how large it is, under which licence, as of when."""
    stamp = stamp_text(site.edition, __version__, content_date(site.documents))
    sizes = {**files, FEED_SRC: atom_feed(site).encode("utf-8")}  # the feed the plugin publishes
    table = [f"| [{path.rsplit('/', 1)[-1]}]({path}) | {text} | {_size(len(sizes[path]))} |"
             for path, text in _file_rows(site, files)]
    return "\n".join([
        "# Dữ liệu mở", "",
        "Thông tin có cấu trúc của Sổ tay được xuất thành các tệp dữ liệu để các cấp ủy, cơ quan tham mưu, trường "
        "chính trị và người phát triển phần mềm dùng lại: lập danh mục văn bản, đối chiếu, thống kê hay nạp vào hệ "
        "thống của mình. Các tệp có trong trang web, thư mục `du-lieu/`, và có cả trong bản .zip dùng không cần "
        "mạng; tải về không phải đăng nhập.", "",
        f"{stamp}.", "",
        "| Tệp | Nội dung | Dung lượng |", "|---|---|---|", *table, "",
        "Tệp CSV mã hóa UTF-8 có BOM nên Excel mở đúng chữ tiếng Việt; các cột cách nhau bằng dấu phẩy, tên "
        "cột trùng tên trường trong tệp JSON. Ô có nhiều giá trị thì các giá trị cách nhau bằng dấu chấm phẩy. "
        "Ô nào bắt đầu bằng một trong các dấu `=`, `+`, `-`, `@` (kể cả dạng toàn khổ), ký tự tab hay ký tự về "
        "đầu dòng thì có thêm dấu nháy đơn (`'`) ở đầu để Excel không hiểu nhầm thành công thức; tệp JSON vẫn giữ "
        "nguyên văn. "
        "Tệp CSV là bản rút gọn để xem và lọc nhanh; dữ liệu đầy đủ nhất là tệp JSON.", "",
        "Mỗi trang văn bản còn mang dữ liệu theo chuẩn schema.org (`Legislation`, dạng JSON-LD): số hiệu, ngày "
        "ban hành, cơ quan ban hành, tình trạng hiệu lực và quan hệ với văn bản khác; dữ kiện chưa đối chiếu "
        "được với nguồn thì không đưa vào.", "",
        "## Giấy phép {#giay-phep}", "",
        *_licence_items(), "",
        f"Các điều trên cũng có trong tệp [GIAY-PHEP.txt]({LICENCE_FILE}), đi kèm dữ liệu.", ""])
