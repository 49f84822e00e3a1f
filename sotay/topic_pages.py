"""Markdown for topic pages, the topic catalog and its landing pages (per cell type, per theme)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .loader import relative_src_link
from .render import UNVERIFIED_HTML, panel_html, source_html
from .site import Linker, SiteModel
from .srcs import CATALOG_SRC, cell_src, theme_src
from .text import sort_key
from .topics import MEETINGS, Topic
from .vocabulary import vocabulary

OWN_WORK = ("Đây là gợi ý của Sổ tay, soạn dựa trên các văn bản ở mục căn cứ; đó không phải nội dung của các văn "
            "bản ấy. Chi bộ chọn, sửa cho hợp với tình hình của mình.")



def months_label(months: Iterable[int]) -> str:
    return ", ".join(f"tháng {m}" for m in months)


def _links(items: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f'<a href="{escape(url)}">{escape(label)}</a>' for url, label in items)


def topic_panel(topic: Topic, linker: Linker) -> str:
    vocab = vocabulary()
    src = topic.src
    rows = [("Hình thức", escape(MEETINGS[topic.meeting])),
            ("Loại chi bộ", _links((linker.url(src, cell_src(c)), vocab.cell_types[c]) for c in topic.cell_types)),
            ("Chủ đề", _links((linker.url(src, theme_src(t)), vocab.themes[t]) for t in topic.themes))]
    if topic.months:
        mark = f" {UNVERIFIED_HTML}" if "months" in topic.unverified else ""
        rows.append(("Tháng gợi ý", escape(months_label(topic.months)) + mark))
    basis = [f"<li>{link}</li>" for item in topic.basis if (link := linker.basis_html(src, item.target, item.anchor))]
    rows.append(("Căn cứ", f"<ul>{''.join(basis)}</ul>"))
    if topic.sources:
        rows.append(("Nguồn", "<ol>" + "".join(f"<li>{source_html(s)}</li>" for s in topic.sources) + "</ol>"))
    return panel_html(rows, "Thông tin chủ đề")


def topic_page(topic: Topic, linker: Linker) -> str:
    body = linker.link_markdown(topic.body, topic.src, path=topic.path, first_line=topic.body_line).text
    return "\n".join([f"# {escape(topic.title)}", "", topic_panel(topic, linker), "",
                      f'<p class="sotay-own-work">{OWN_WORK}</p>', "", body.strip(), ""])


def _item(topic: Topic, linker: Linker, from_src: str) -> str:
    vocab = vocabulary()
    data = (f'data-sotay-item data-cell="{" ".join(topic.cell_types)}" data-theme="{" ".join(topic.themes)}" '
            f'data-meeting="{topic.meeting}" data-month="{" ".join(map(str, topic.months))}"')
    tags = [MEETINGS[topic.meeting], *(vocab.cell_types[c] for c in topic.cell_types)]
    months = f" · {months_label(topic.months)}" if topic.months else ""
    return (f'<li {data}><a href="{escape(linker.url(from_src, topic.src))}">{escape(topic.title)}</a>'
            f'<p>{escape(topic.summary)}</p><p class="sotay-tags">{escape(" · ".join(tags))}{escape(months)}</p></li>')


def _facet(key: str, label: str, options: list[tuple[str, str]], folded: bool = False, extra: str = "") -> str:
    """A group of checkboxes; long groups fold away until opened (or chosen in the URL)."""
    boxes = "".join(f'<label><input type="checkbox" name="{key}" value="{escape(v)}"> {escape(text)} '
                    f'<span class="sotay-count" data-sotay-count="{key}:{escape(v)}"></span></label>'
                    for v, text in options)
    fieldset = (f'<fieldset data-sotay-facet="{key}" data-sotay-multi{extra}><legend>{label}</legend>{boxes}'
                "</fieldset>")
    return f'<details class="sotay-facet-fold"><summary>{label}</summary>{fieldset}</details>' if folded else fieldset


ANY_MONTH = "chủ đề hợp với mọi tháng"


def catalog_page(site: SiteModel, topics: list[Topic], linker: Linker) -> str:
    """Every topic, with filters: OR within a filter, AND across filters, counts, state in the URL. A topic that
    names no month fits every month. With no filter in the URL, the remembered cell type and this month are
    chosen; on a phone the filters fold so that the list starts on the first screen."""
    vocab = vocabulary()
    used_cells = [c for c in vocab.cell_types if any(c in t.cell_types for t in topics)]
    used_themes = sorted({th for t in topics for th in t.themes}, key=lambda th: sort_key(vocab.themes[th]))
    any_month = sum(1 for t in topics if not t.months)
    facets = "".join([
        _facet("cell", "Loại chi bộ", [(c, vocab.cell_types[c]) for c in used_cells],
               extra=' data-sotay-default="cell"'),
        _facet("meeting", "Hình thức", list(MEETINGS.items())),
        _facet("month", "Tháng", [(str(m), f"Tháng {m}") for m in range(1, 13)], folded=True,
               extra=' data-sotay-any data-sotay-default="month"'),
        _facet("theme", "Chủ đề", [(th, vocab.themes[th]) for th in used_themes], folded=True),
    ])
    items = "".join(_item(t, linker, CATALOG_SRC) for t in sorted(topics, key=lambda t: sort_key(t.title)))
    landing = " · ".join(f"[{vocab.cell_types[c]}](loai/{c}.md)" for c in used_cells)
    return "\n".join([
        "# Gợi ý chủ đề sinh hoạt", "",
        f"{len(topics)} gợi ý cho sinh hoạt thường kỳ và chuyên đề. Mở sẵn theo loại chi bộ đã chọn và tháng này; "
        f"{any_month} chủ đề không gắn tháng nào hợp với mọi tháng nên luôn có trong danh sách.", "",
        f'<div class="sotay-filter" data-sotay-filter><form class="sotay-filter-controls sotay-facets" hidden '
        f'data-sotay-any-words="{ANY_MONTH}">'
        '<details class="sotay-filter-fold"><summary>Bộ lọc<span class="sotay-filter-chosen"></span></summary>'
        f'<div class="sotay-filter-body">{facets}</div></details>'
        '<p class="sotay-filter-status"><output class="sotay-filter-count" aria-live="polite"></output>'
        '<button type="button" class="sotay-button" data-action="clear-filters" hidden>Bỏ lọc</button></p></form>'
        f'<ul class="sotay-topic-list">{items}</ul>'
        f'<p class="sotay-filter-empty" hidden>Không có chủ đề nào khớp với bộ lọc.</p></div>', "",
        f"Theo loại chi bộ: {landing}.", "",
        f'<p class="sotay-own-work">{OWN_WORK}</p>', "",
    ])


def landing_page(title: str, lead: str, topics: list[Topic], linker: Linker, src: str) -> str:
    parts = [f"# {escape(title)}", "", lead, ""]
    for meeting, label in MEETINGS.items():
        chosen = sorted((t for t in topics if t.meeting == meeting), key=lambda t: sort_key(t.title))
        if chosen:
            parts += [f"## {label}", ""]
            parts += [f"- [{escape(t.title)}]({relative_src_link(src, t.src)}): {escape(t.summary)}" for t in chosen]
            parts.append("")
    return "\n".join(parts)


def landing_pages(topics: list[Topic], linker: Linker) -> dict[str, str]:
    """A page per cell type and per theme that has topics."""
    vocab = vocabulary()
    pages = {}
    for cell, label in vocab.cell_types.items():
        chosen = [t for t in topics if cell in t.cell_types]
        if chosen:
            pages[cell_src(cell)] = landing_page(f"Gợi ý chủ đề cho {label.lower()}", OWN_WORK, chosen, linker,
                                                 cell_src(cell))
    for theme, label in vocab.themes.items():
        chosen = [t for t in topics if theme in t.themes]
        if chosen:
            pages[theme_src(theme)] = landing_page(f"Chủ đề: {label}", OWN_WORK, chosen, linker, theme_src(theme))
    return pages
