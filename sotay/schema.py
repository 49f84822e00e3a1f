"""The document front matter: field specifications, validation, JSON Schema.

One table of fields drives the validator, the machine-readable schema and the
editors' page, so the three cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .problems import did_you_mean, one_of
from .vocabulary import vocabulary

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBER = re.compile(r"^\d+[a-z]?\s*-\s*[A-Za-zĐđ]+(?:/[A-Za-zĐđ]+(?:-[A-Za-zĐđ]+)*)+$")
DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field: what it holds and how it is checked."""

    name: str
    kind: str  # slug | number | text | choice | date | relations | sources | fields | choices
    description: str
    required: bool = True
    nullable: bool = False
    fact: bool = False
    choices: Callable[[], list[str]] | None = None
    example: Any = None


def _vocab(name: str) -> Callable[[], list[str]]:
    """The valid choices of a field: the slugs of one vocabulary, read when needed."""
    return lambda: list(getattr(vocabulary(), name))


DOCUMENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "slug", "Mã ổn định của văn bản, dùng trong địa chỉ trang; không đổi khi đã công bố.",
              example="ket-luan-18-kl-tw"),
    FieldSpec("number", "number", "Số hiệu đúng như văn bản ghi; để trống (~) khi nguồn không nêu số hiệu.",
              nullable=True, fact=True, example="18-KL/TW"),
    FieldSpec("type", "choice", "Loại văn bản.", fact=True, choices=_vocab("document_types"), example="ket-luan"),
    FieldSpec("title", "text", "Trích yếu: văn bản nói về việc gì.", fact=True,
              example="Về tiếp tục đẩy mạnh thực hiện Chỉ thị số 10-CT/TW"),
    FieldSpec("issuer", "text", "Cơ quan ban hành.", fact=True, example="Ban Bí thư Trung ương Đảng"),
    FieldSpec("term", "choice", "Khóa của Ban Chấp hành Trung ương, nếu có.", required=False, nullable=True,
              fact=True, choices=_vocab("terms"), example="XII"),
    FieldSpec("issued", "date", "Ngày ban hành dạng 2018-07-06 (hoặc 2018-07, 2018 khi chỉ biết tháng, năm); "
              "để trống (~) khi chưa rõ.", nullable=True, fact=True, example="2017-03-22"),
    FieldSpec("scope", "choice", "Phạm vi: 'trung-uong' hoặc tỉnh ban hành.", choices=_vocab("scopes"),
              example="trung-uong"),
    FieldSpec("status", "choice", "Tình trạng hiệu lực theo nguồn gần nhất; phải có nguồn xác nhận, nếu chưa có "
              "thì ghi 'chua-ro'. Văn bản đã được thay thế cần quan hệ tới văn bản thay thế nó.", fact=True,
              choices=_vocab("statuses"), example="con-hieu-luc"),
    FieldSpec("status_date", "date", "Ngày của tình trạng: ngày văn bản bị thay thế hoặc hết hiệu lực; với văn bản "
              "còn hiệu lực là ngày của nguồn gần nhất xác nhận điều đó. Bắt buộc, trừ khi tình trạng là 'chua-ro'.",
              required=False, example="2025-07-23"),
    FieldSpec("relations", "relations", "Quan hệ với văn bản khác: mỗi mục có 'type' và 'target' (số hiệu, "
              "số hiệu@năm hoặc mã văn bản); thêm 'unverified: true' nếu quan hệ chưa được nguồn xác nhận.",
              required=False, fact=True, example=[{"type": "continues", "target": "10-CT/TW"}]),
    FieldSpec("sources", "sources", "Nguồn của các dữ kiện, ít nhất một mục: 'ref' (mã nguồn trong "
              "directives/nguon.yml) hoặc 'publication', 'title', 'date', 'url'; kèm 'supports' (các trường mà "
              "nguồn này xác nhận; bỏ trống nếu nguồn chỉ dùng cho phần nội dung).",
              example=[{"ref": "bao-dak-nong-2023-11-29", "supports": ["number", "issuer"]}]),
    FieldSpec("added", "date", "Ngày Sổ tay đưa văn bản vào; văn bản hiện ở trang “Văn bản mới và thay đổi”.",
              required=False, example="2026-12-03"),
    FieldSpec("changes", "changes", "Những lần sửa thông tin của văn bản: mỗi mục có 'date' (ngày sửa) và 'note' "
              "(sửa gì, theo nguồn nào); hiện ở trang “Văn bản mới và thay đổi” và trong tệp Atom.",
              required=False, example=[{"date": "2026-12-03", "note": "Sửa ngày ban hành theo nguồn mới."}]),
    FieldSpec("unverified", "fields", "Các trường chưa đối chiếu được với nguồn; trang hiển thị 'chưa đối chiếu'.",
              required=False, example=["issued"]),
    FieldSpec("themes", "choices", "Chủ đề của văn bản, theo bộ từ vựng cố định.", required=False,
              choices=_vocab("themes"), example=["to-chuc-sinh-hoat-chi-bo"]),
)
FIELDS_BY_NAME = {f.name: f for f in DOCUMENT_FIELDS}
# How a reader names each fact field (source panels, "chưa đối chiếu" notes).
FIELD_LABELS = {
    "number": "số hiệu", "type": "loại văn bản", "title": "trích yếu", "issuer": "cơ quan ban hành",
    "term": "khóa", "issued": "ngày ban hành", "status": "tình trạng", "relations": "quan hệ",
    "scope": "phạm vi", "themes": "chủ đề", "status_date": "ngày của tình trạng",
}
FACT_FIELDS = tuple(f.name for f in DOCUMENT_FIELDS if f.fact)
RELATION_KEYS = {"type": True, "target": True, "unverified": False, "note": False}
SOURCE_KEYS = {"publication": True, "title": True, "date": False, "url": False, "read": False, "supports": False,
               "note": False}
# A source named in the registry: the registry holds publication, title, date and url.
SOURCE_REF_KEYS = {"ref": True, "supports": False, "note": False}
REGISTRY_KEYS = {"publication": True, "title": True, "date": False, "url": False, "read": False, "claims": False,
                 "note": False}
CHANGE_KEYS = {"date": True, "note": True}


def parse_date(value: object) -> tuple[tuple[int, int | None, int | None] | None, str | None]:
    """Parse '2018-07-06', '2018-07' or '2018'; return (parts, None) or (None, reason)."""
    match = DATE.match(str(value).strip()) if isinstance(value, (str, int)) else None
    if not match or isinstance(value, bool):
        return None, (f"cần ngày dạng 2018-07-06 (hoặc 2018-07, 2018), nhận được '{value}'")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None, f"ngày không có thật: '{value}'"
    return (year, month, day), None


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a document's front matter."""
    properties = {spec.name: _json_property(spec) for spec in DOCUMENT_FIELDS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "van-ban.schema.json",
        "title": "Văn bản trong Sổ tay sinh hoạt chi bộ (phần đầu của tệp Markdown)",
        "type": "object",
        "required": [s.name for s in DOCUMENT_FIELDS if s.required],
        "additionalProperties": False,
        "properties": properties,
    }


def _json_property(spec: FieldSpec) -> dict[str, Any]:
    base = _json_kind(spec)
    if spec.nullable:
        base = {"anyOf": [base, {"type": "null"}]}
    return {"description": spec.description, **base, "examples": [spec.example]}


def _json_kind(spec: FieldSpec) -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    date = {"type": ["string", "integer"], "pattern": DATE.pattern}
    url = {"type": "string", "pattern": "^https?://"}
    supports = {"type": "array", "items": {"enum": list(FACT_FIELDS)}, "uniqueItems": True}
    kinds: dict[str, dict[str, Any]] = {
        "slug": {"type": "string", "pattern": SLUG.pattern},
        "number": {"type": "string", "pattern": NUMBER.pattern},
        "text": text,
        "date": date,
        "fields": {"type": "array", "items": {"enum": list(FIELDS_BY_NAME)}, "uniqueItems": True},
        "relations": {"type": "array", "items": _object(
            RELATION_KEYS, {"type": {"enum": _vocab("relation_types")()}, "target": text,
                            "unverified": {"type": "boolean"}, "note": text})},
        "sources": {"type": "array", "minItems": 1, "items": {"oneOf": [
            _object(SOURCE_REF_KEYS, {"ref": {"type": "string", "pattern": SLUG.pattern}, "supports": supports,
                                      "note": text}),
            _object(SOURCE_KEYS, {"publication": text, "title": text, "date": date, "url": url, "read": date,
                                  "note": text, "supports": supports})]}},
        "changes": {"type": "array", "items": _object(CHANGE_KEYS, {"date": date, "note": text})},
    }
    if spec.kind == "choice":
        return {"enum": spec.choices() if spec.choices else []}
    if spec.kind == "choices":
        return {"type": "array", "items": {"enum": spec.choices() if spec.choices else []}, "uniqueItems": True}
    return kinds[spec.kind]


def _object(keys: dict[str, bool], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "required": [k for k, req in keys.items() if req], "properties": props}


def unknown_key_message(key: str, known: list[str], where: str = "") -> str:
    """Message for a field the schema does not know, with a suggestion."""
    return f"trường lạ '{key}'{where}{did_you_mean(key, known)}; các trường hợp lệ: {one_of(known)}"
