"""Reproducible files: zip entries and Word documents saved the same way every time, so a bundle built twice is
byte-identical. python-docx is imported only when a Word file is made, never by `sotay --help` or `sotay check`."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from typing import Any

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def fixed_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed time, permissions and system: the same bytes on every machine."""
    entry = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.create_system = 3
    return entry


def new_document() -> Any:
    """An empty Word document in the house style: Times New Roman 13, as Party documents are typed."""
    from docx import Document
    from docx.shared import Pt

    word = Document()
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return word


def word_bytes(word: Any) -> bytes:
    """The .docx with fixed document dates and fixed zip entry times (python-docx stamps 'now')."""
    props = word.core_properties
    props.created = props.modified = props.last_printed = FIXED
    raw = BytesIO()
    word.save(raw)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(raw.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():  # the original order: [Content_Types].xml stays first
            target.writestr(fixed_entry(item.filename), source.read(item.filename), compresslevel=9)
    return out.getvalue()
