"""Markdown for generated pages: a page per document, the index, the timeline, the diagram.

Plain strings in, plain strings out; links are already resolved for the page
they sit on, so the site plugin only hands the text to MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from html import escape

from .diagram import Edge, Node, legend, render_svg
from .linked_data import legislation_script
from .loader import relative_src_link
from .model import Document, Source
from .provinces import provinces
from .resolve import display_name, short_name
from .schema import FIELD_LABELS
from .site import Backlink, Linker, SiteModel, edition_words
from .srcs import DIAGRAM_SRC, INDEX_SRC, TIMELINE_SRC, document_src
from .text import slugify, sort_key
from .topics import MEETINGS
from .vocabulary import vocabulary

UNVERIFIED = "chưa đối chiếu"
UNVERIFIED_HTML = ('<span class="sotay-unverified" title="Dữ kiện này chưa được đối chiếu với nguồn">'
                   f"{UNVERIFIED}</span>")
MAX_BASE_DIAGRAM = 150



def _value(doc: Document, name: str, value: str) -> str:
    return f"{escape(value)} {UNVERIFIED_HTML}" if name in doc.unverified else escape(value)


def metadata_rows(doc: Document, only: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(label, HTML value) rows of a document's panel, unverified fields marked; `only` picks fields by name."""
    vocab = vocabulary()
    rows = [("number", "Số hiệu", _value(doc, "number", doc.number or "không rõ")),
            ("type", "Loại văn bản", _value(doc, "type", vocab.document_types[doc.type])),
            ("issuer", "Cơ quan ban hành", _value(doc, "issuer", doc.issuer))]
    if doc.term:
        rows.append(("term", "Khóa", _value(doc, "term", doc.term)))
    rows += [("issued", "Ngày ban hành", _value(doc, "issued", doc.issued.vietnamese() if doc.issued else "chưa rõ")),
             ("scope", "Phạm vi", escape(provinces().formerly(doc.scope))),
             ("status", "Tình trạng", _value(doc, "status", status_text(doc)))]
    if doc.themes:
        rows.append(("themes", "Chủ đề", escape(", ".join(vocab.themes[t] for t in doc.themes))))
    items = "".join(f"<li>{source_html(s)}</li>" for s in doc.sources)
    rows.append(("sources", "Nguồn", f"<ol>{items}</ol>"))
    chosen = None if only is None else set(only)
    return [(label, value) for name, label, value in rows if chosen is None or name in chosen]


def status_text(doc: Document) -> str:
    """'Đã được thay thế (từ 02/01/2020)', 'Còn hiệu lực (theo nguồn ngày 14/11/2025)': a status and its date."""
    label = vocabulary().statuses[doc.status]
    if doc.status_date is None:
        return label
    date = doc.status_date
    when = date.vietnamese()
    if doc.superseded:
        return f"{label} (từ {when})"
    unit = "ngày" if date.day else "tháng" if date.month else "năm"
    return f"{label} (theo nguồn {unit} {when})"


def superseded_notice(doc: Document, site: SiteModel, linker: Linker) -> str:
    """The note a superseded document's page opens with: what took over, and what governs now."""
    if not doc.superseded:
        return ""
    src = document_src(doc)

    def names(docs: list[Document]) -> str:
        links = []
        for other in docs:
            url = linker.doc_url(src, other)
            text = escape(short_name(other))
            links.append(f'<a href="{escape(url)}">{text}</a>' if url else text)
        return ", ".join(links)

    # What took over is what governs now: a document that continued this one but was itself superseded
    # (Kết luận 18 after Chỉ thị 10) is left out for the newest one down the chain (Chỉ thị 50).
    direct = site.newer.get(doc.id, [])
    replacing = [d for d, rel in direct if rel.type == "replaces"]
    now = site.kb.current_for(doc, site.newer)
    since = f"Từ {doc.status_date.vietnamese()}, " if doc.status_date else ""
    this = escape(short_name(doc))
    shown = replacing if doc.status == "bi-thay-the" else (now or [d for d, _rel in direct])
    # A relation no source states yet is shown as the editors' reading, marked like every unverified fact.
    unverified = {d.id for d, rel in direct if rel.unverified}
    mark = f" ({UNVERIFIED_HTML})" if any(d.id in unverified for d in shown) else ""
    if doc.status == "bi-thay-the":
        head, text = "Văn bản này đã được thay thế.", f"{since}{this} đã được thay bằng {names(replacing)}{mark}."
        if now and {d.id for d in now} != {d.id for d in replacing}:
            text += f" Văn bản đang là căn cứ: {names(now)}."
    elif doc.status == "da-co-van-ban-moi":
        head = "Đã có văn bản mới tiếp nối văn bản này."
        text = (f"{since}{names(shown)} tiếp nối {this}{mark}. Sổ tay chưa có nguồn cho biết văn bản mới có thay "
                f"thế {this} hay không.")
    else:
        head, text = "Văn bản này đã hết hiệu lực.", f"{since}{this} không còn hiệu lực."
        if now:
            text += f" Văn bản đang là căn cứ: {names(now)}."
    text += (" Khi tổ chức sinh hoạt chi bộ, nên căn cứ vào văn bản mới; trang này được giữ lại để tra cứu." if now
             else " Trang này được giữ lại để tra cứu.")
    return f'<div class="sotay-superseded" role="note"><p><strong>{head}</strong> {text}</p></div>'


def definition_rows(rows: Iterable[tuple[str, str]]) -> str:
    """'<div><dt>label</dt><dd>HTML value</dd></div>' for each row, the way every panel lists facts."""
    return "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in rows)


def panel_html(rows: Iterable[tuple[str, str]], label: str) -> str:
    """The fact box at the top of a page: 'Thông tin văn bản', 'Thông tin chủ đề'…"""
    return f'<div class="sotay-panel" role="group" aria-label="{escape(label)}"><dl>{definition_rows(rows)}</dl></div>'


def md_label(text: str) -> str:
    """Text safe inside a Markdown link's [label]: brackets become parentheses, HTML is escaped."""
    return escape(text.replace("[", "(").replace("]", ")"))


def listing_page(title: str, note: str, items: Iterable[tuple[str, str, str]]) -> str:
    """The index of one kind of page: '- [title](file.md): what follows (Markdown)', in Vietnamese order."""
    lines = [f"- [{md_label(name)}]({src.rpartition('/')[2]}): {more}"
             for name, src, more in sorted(items, key=lambda item: sort_key(item[0]))]
    return "\n".join([f"# {title}", "", note, "", *lines, ""])


def source_html(source: Source) -> str:
    """'Báo Đắk Nông: “…”, 29/11/2023. Xác nhận: số hiệu, tình trạng. Ghi chú.' as HTML."""
    text = f"{escape(source.publication)}: “{escape(source.title)}”"
    if source.date:
        text += f", {source.date.vietnamese()}"
    text += "."
    if source.supports:
        fields = ", ".join(FIELD_LABELS[f] for f in source.supports)
        text += f' <span class="sotay-supports">Xác nhận: {fields}.</span>'
    if source.note:
        text += f" {escape(source.note)}"
    if source.url:
        read = f" (đọc ngày {source.read.vietnamese()})" if source.read else ""
        text += f' <a href="{escape(source.url)}">Đường dẫn</a>{read}.'
    return text


def panel(doc: Document) -> str:
    return panel_html(metadata_rows(doc), "Thông tin văn bản")


def document_page(doc: Document, site: SiteModel, linker: Linker) -> str:
    """The Markdown of a document's page, every link resolved for that page."""
    src = document_src(doc)
    body = linker.link_markdown(doc.body, src, path=doc.path, first_line=doc.body_line, scope=doc.scope,
                                self_id=doc.id).text
    notice = superseded_notice(doc, site, linker)
    parts = [f"# {escape(display_name(doc))}", "", *([notice, ""] if notice else []), panel(doc), "", body.strip(), ""]
    parts += _relations(doc, site, linker)
    parts += topics_for_document(doc, site)
    parts += _backlinks(doc, site.backlinks.get(doc.id, []), linker)
    parts += [legislation_script(doc, site), ""]  # schema.org data for harvesters: read, never run
    return "\n".join(parts) + "\n"


def topics_for_document(doc: Document, site: SiteModel) -> list[str]:
    """The 'topics resting on this document' section of a document page."""
    resting = site.topics_on.get(doc.id, [])
    if not resting:
        return []
    src = document_src(doc)
    lines = ["## Gợi ý chủ đề sinh hoạt dựa trên văn bản này {#chu-de-sinh-hoat}", ""]
    for topic in sorted(resting, key=lambda t: sort_key(t.title)):
        link = relative_src_link(src, topic.src)
        lines.append(f"- [{escape(topic.title)}]({link}) ({MEETINGS[topic.meeting].lower()})")
    return [*lines, ""]


def _doc_link(linker: Linker, from_src: str, doc: Document, label: str | None = None,
              anchor: str | None = None) -> str:
    url = linker.md(from_src, doc, anchor)
    text = _link_label(label or short_name(doc))
    return f'[{text}]({url} "{escape(display_name(doc))}")' if url else text


def _link_label(text: str) -> str:
    """A link's text, escaped, its brackets as parentheses (a '[' would end a Markdown link's text)."""
    return escape(text).replace("[", "(").replace("]", ")")


def _one_line(text: str) -> str:
    """Text with its runs of white space as one space: an HTML block that goes round Markdown (sotay.rawhtml)
    stays on its one line."""
    return " ".join(text.split())


def _doc_anchor(linker: Linker, from_src: str, doc: Document) -> str:
    """_doc_link as HTML, for a list that goes round Markdown: the same element Markdown would make."""
    url = linker.doc_url(from_src, doc)
    text = _link_label(_one_line(short_name(doc)))  # as _doc_link shows it
    tooltip = escape(_one_line(display_name(doc)))
    return f'<a href="{escape(url)}" title="{tooltip}">{text}</a>' if url else text


def _relations(doc: Document, site: SiteModel, linker: Linker) -> list[str]:
    kinds = vocabulary().relation_types
    src = document_src(doc)
    rows = [(kinds[r.type].label, site.by_id[r.target], r.unverified) for r in site.outgoing(doc)]
    rows += [(kinds[r.type].inverse, other, r.unverified) for other, r in site.incoming.get(doc.id, [])]
    if not rows:
        return []
    lines = ["## Quan hệ với văn bản khác {#quan-he}", ""]
    for label, other, unverified in rows:
        mark = f" ({UNVERIFIED})" if unverified else ""
        lines.append(f"- {label}: {_doc_link(linker, src, other)} — {escape(other.title)}{mark}")
    nodes, edges = _neighbourhood(doc, site, linker)
    lines += ["", diagram_html(nodes, edges, f"Sơ đồ quan hệ của {short_name(doc)}"), ""]
    return lines


def _node(doc: Document, linker: Linker, from_src: str, current: bool = False) -> Node:
    vocab = vocabulary()
    sub = vocab.document_types[doc.type] + ("" if doc.scope == "trung-uong" else f" · {vocab.scopes[doc.scope]}")
    return Node(doc.id, doc.number or _short_title(doc), sub, linker.doc_url(from_src, doc), display_name(doc),
                current=current, local=doc.scope != "trung-uong")


def _short_title(doc: Document) -> str:
    title = doc.title[3:] if doc.title.startswith("Về ") else doc.title
    return title[:1].upper() + title[1:]


def _neighbourhood(doc: Document, site: SiteModel, linker: Linker) -> tuple[list[Node], list[Edge]]:
    src = document_src(doc)
    edges = [Edge(doc.id, r.target, r.type, r.unverified) for r in site.outgoing(doc)]
    edges += [Edge(o.id, doc.id, r.type, r.unverified) for o, r in site.incoming.get(doc.id, [])]
    ids = dict.fromkeys([doc.id, *(e.source for e in edges), *(e.target for e in edges)])
    nodes = [_node(site.by_id[i], linker, src, current=i == doc.id) for i in ids]
    return nodes, edges


def diagram_html(nodes: list[Node], edges: list[Edge], title: str) -> str:
    labels = {k: v.label for k, v in vocabulary().relation_types.items()}
    return (f'<figure class="sotay-diagram-wrap"><div class="sotay-diagram-scroll">'
            f"{render_svg(nodes, edges, title, labels)}</div>{legend(edges, labels)}</figure>")


def _backlinks(doc: Document, links: list[Backlink], linker: Linker) -> list[str]:
    if not links:
        return []
    src = document_src(doc)
    provisions = {p.anchor: p.title for p in doc.provisions}
    lines = ["## Được nhắc đến ở {#duoc-nhac-den}", ""]
    for link in sorted(links, key=lambda b: (not b.is_document, sort_key(b.title), b.section.line if b.section else 0)):
        label = link.title + (f" › {link.section.title}" if link.section else "")
        target = relative_src_link(src, link.src, link.section.anchor if link.section else None)
        item = f"- [{md_label(label)}]({target})"
        if link.anchor:
            item += f" — nhắc đến mục [{provisions.get(link.anchor, link.anchor)}](#{link.anchor})"
        lines.append(item)
    return [*lines, ""]


def index_page(site: SiteModel, linker: Linker) -> str:
    """All documents of the edition in Vietnamese alphabetical order, with filters."""
    vocab = vocabulary()
    docs = sorted(site.documents, key=lambda d: sort_key(display_name(d)))
    facets = {
        "type": ("Loại văn bản", {d.type: vocab.document_types[d.type] for d in docs}),
        # Item values are space-separated lists, so an issuer is matched by its slug.
        "issuer": ("Cơ quan ban hành", {slugify(d.issuer): d.issuer for d in docs}),
        "scope": ("Phạm vi", {d.scope: provinces().formerly(d.scope) for d in docs}),
        "status": ("Tình trạng", {d.status: vocab.statuses[d.status] for d in docs}),
        "year": ("Năm", {str(d.year): str(d.year) for d in docs if d.year}),
    }
    controls = "".join(_select(key, label, options, key == "year") for key, (label, options) in facets.items())
    rows = "".join(_index_row(d, linker) for d in docs)
    words = edition_words(site.edition)
    lead = (f"{words[:1].upper()}{words[1:]} có {len(docs)} văn bản, xếp theo thứ tự chữ cái. "
            "Chọn loại, cơ quan ban hành, phạm vi, tình trạng hoặc năm để lọc.")
    return "\n".join([
        "# Văn bản", "", lead, "",
        "Xem thêm: [dòng thời gian](dong-thoi-gian.md) · [sơ đồ quan hệ](so-do-quan-he.md).", "",
        f'<div class="sotay-filter" data-sotay-filter><form class="sotay-filter-controls" hidden>{controls}'
        f'<output class="sotay-filter-count" aria-live="polite"></output></form>'
        f'<table class="sotay-doc-index"><thead><tr><th>Văn bản</th><th>Cơ quan ban hành</th><th>Ngày</th>'
        f"<th>Phạm vi</th><th>Tình trạng</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<p class="sotay-filter-empty" hidden>Không có văn bản nào khớp với bộ lọc.</p></div>', "",
    ])


def _select(key: str, label: str, options: dict[str, str], newest_first: bool) -> str:
    ordered = sorted(options.items(), key=lambda kv: sort_key(kv[1]), reverse=newest_first)
    items = "".join(f'<option value="{escape(v)}">{escape(_one_line(text))}</option>' for v, text in ordered)
    return (f'<label>{label}<select name="{key}" data-sotay-facet="{key}">'
            f'<option value="">Tất cả</option>{items}</select></label>')


def _index_row(doc: Document, linker: Linker) -> str:
    url = linker.doc_url(INDEX_SRC, doc)
    name = f'<a href="{escape(url or "")}">{escape(_one_line(display_name(doc)))}</a>'
    issued = doc.issued.vietnamese() if doc.issued else "chưa rõ"
    data = (f'data-type="{doc.type}" data-issuer="{slugify(doc.issuer)}" data-scope="{doc.scope}" '
            f'data-status="{doc.status}" data-year="{doc.year or ""}"')
    return (f"<tr {data}><td>{name}</td><td>{escape(_one_line(doc.issuer))}</td><td>{issued}</td>"
            f"<td>{escape(provinces().formerly(doc.scope))}</td><td>{escape(status_text(doc))}</td></tr>")


def timeline_page(site: SiteModel, linker: Linker) -> str:
    """Documents by date of issue, newest year first; undated ones last."""
    by_year: dict[int | None, list[Document]] = defaultdict(list)
    for doc in site.documents:
        by_year[doc.year].append(doc)
    parts = ["# Dòng thời gian", "",
             "Các văn bản xếp theo ngày ban hành, năm gần nhất ở trên. Ngày chưa đối chiếu được đánh dấu.", ""]
    for year in sorted((y for y in by_year if y is not None), reverse=True):
        parts += [f"## {year} {{#nam-{year}}}", ""]
        docs = sorted(by_year[year], key=lambda d: (d.issued.sort_tuple() if d.issued else (0, 0, 0)))
        parts += [_timeline_list(docs, linker), ""]
    if None in by_year:
        parts += ["## Chưa rõ ngày ban hành {#chua-ro-ngay}", ""]
        parts += [_timeline_list(sorted(by_year[None], key=lambda d: sort_key(display_name(d))), linker), ""]
    return "\n".join(parts)


def _timeline_list(docs: list[Document], linker: Linker) -> str:
    """A year's documents as one HTML list on one line: it goes round Markdown (sotay.rawhtml), which took a
    fifth of a second to parse 1,600 items as Markdown."""
    items = []
    for doc in docs:
        date = doc.issued.vietnamese() if doc.issued else "—"
        mark = f" ({UNVERIFIED})" if doc.issued and "issued" in doc.unverified else ""
        title, issuer = _one_line(doc.title), _one_line(doc.issuer)
        items.append(f"<li><strong>{date}</strong>{mark}: {_doc_anchor(linker, TIMELINE_SRC, doc)} — "
                     f"{escape(title)} ({escape(issuer)})</li>")
    return f"<ul>{''.join(items)}</ul>"


def base_diagram_page(site: SiteModel, linker: Linker) -> str:
    """One diagram of the relations between the edition's documents."""
    related = {d.id for d in site.documents if site.outgoing(d) or site.incoming.get(d.id)}
    docs = [d for d in site.documents if d.id in related]
    note = ""
    if len(docs) > MAX_BASE_DIAGRAM:
        docs = [d for d in docs if d.scope == "trung-uong"][:MAX_BASE_DIAGRAM]
        note = (f"Sổ tay có {len(related)} văn bản có quan hệ với nhau, quá nhiều để vẽ trên một hình; sơ đồ chỉ "
                "vẽ các văn bản của Trung ương. Quan hệ của từng văn bản địa phương có trên trang của văn bản đó.")
    ids = {d.id for d in docs}
    nodes = [_node(d, linker, DIAGRAM_SRC) for d in sorted(docs, key=lambda d: sort_key(display_name(d)))]
    edges = [Edge(d.id, r.target, r.type, r.unverified) for d in docs for r in site.outgoing(d) if r.target in ids]
    lead = ("Mỗi ô là một văn bản; mũi tên đi từ văn bản triển khai, tiếp tục hay viện dẫn tới văn bản được "
            "triển khai, tiếp tục hay viện dẫn, nên văn bản gốc nằm ở trên. Chạm vào ô để mở văn bản.")
    parts = ["# Sơ đồ quan hệ", "", lead, ""]
    if note:
        parts += [note, ""]
    parts += [diagram_html(nodes, edges, "Sơ đồ quan hệ giữa các văn bản") if nodes else
              "Chưa có văn bản nào có quan hệ với văn bản khác.", ""]
    return "\n".join(parts)
