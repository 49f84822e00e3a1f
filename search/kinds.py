"""What the search knows of entries without loading the base: the kinds and their names, and the mark of an entry
meant for every cell type. Light on purpose: `sotay search` imports it when the index is current."""

from __future__ import annotations

KINDS = ("document", "topic", "checklist", "template", "course", "page")
KIND_LABELS = {"document": "văn bản", "topic": "chủ đề", "checklist": "bảng kiểm", "template": "mẫu",
               "course": "khóa học", "page": "trang"}
ALL_CELLS = "*"  # an entry for every cell type
