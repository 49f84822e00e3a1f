"""The page of provinces as they are: the 34 of today, what each was formed from, and the sources."""

from __future__ import annotations

from html import escape

from .provinces import Province, kind_label, provinces
from .site import SiteModel, edition_of
from .text import sort_key


def provinces_page(site: SiteModel) -> str:
    """A table of today's provinces in Vietnamese order, the former ones each went into, and the sources."""
    table = provinces()
    held = {edition_of(d.scope) for d in site.documents}
    formed: dict[str, list[Province]] = {}
    for province in table.by_slug.values():
        if province.merged_into is not None:
            formed.setdefault(province.merged_into, []).append(province)
    rows = []
    for province in sorted(table.current(), key=lambda p: sort_key(p.name)):
        former = sorted(formed.get(province.slug, []), key=lambda p: sort_key(p.name))
        parts = ", ".join(f"{escape(p.name)} (từ {p.merged:%d/%m/%Y})" if p.merged else escape(p.name)
                          for p in former)
        docs = "có văn bản trong Sổ tay" if province.slug in held else ""
        rows.append(f"| {escape(province.name)} | {kind_label(province).capitalize()} | {parts or 'giữ nguyên'} | "
                    f"`{province.slug}` | {docs} |")
    sources = []
    for source in table.sources:
        when = f", {source.date:%d/%m/%Y}" if source.date else ""
        sources.append(f'- {escape(source.publication)}: “{escape(source.title)}”{when}. {escape(source.supports)} '
                       f'<a href="{escape(source.url)}">Trang nguồn</a> (đọc ngày {source.read:%d/%m/%Y}).')
    lead = ("Từ 01/07/2025 cả nước có 34 tỉnh, thành phố trực thuộc Trung ương và không còn cấp huyện. Văn bản của "
            "một tỉnh cũ vẫn ghi tên cơ quan đã ban hành nó khi ấy, và nằm trong ấn bản Sổ tay của tỉnh, thành phố "
            "hiện nay. Cột “Mã ấn bản” dành cho người đóng gói bản dùng không cần mạng cho một tỉnh.")
    return "\n".join(["# Tỉnh, thành phố", "", lead, "",
                      "| Tỉnh, thành phố | Loại | Tỉnh cũ nay thuộc về | Mã ấn bản | Sổ tay |", "|---|---|---|---|---|",
                      *rows, "", "## Nguồn {#nguon}", "", *sources, ""])
