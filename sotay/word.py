"""Saving Word files the same way every time, so a bundle built twice is byte-identical."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from typing import Any

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def word_bytes(word: Any) -> bytes:
    """The .docx with fixed document dates and fixed zip entry times (python-docx stamps 'now')."""
    props = word.core_properties
    props.created = props.modified = props.last_printed = FIXED
    raw = BytesIO()
    word.save(raw)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(raw.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():  # the original order: [Content_Types].xml stays first
            entry = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename), compresslevel=9)
    return out.getvalue()
