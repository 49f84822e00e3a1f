"""Markdown (with raw HTML) for course pages: the overview, the single printable pack, and the list of courses."""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from html import escape

from .course_pack import PackBase, PackLinks, PackOptions, pack_html
from .courses import COURSES_FOLDER, REFERENCE_KINDS, Course, print_src
from .model import Document
from .pdf import DOWNLOADS, handout_name
from .problems import Problem
from .render import listing_page, panel_html
from .site import Linker

NOTE = ("Tài liệu bồi dưỡng do Sổ tay soạn từ các văn bản trong Sổ tay, dành cho báo cáo viên, giảng viên và cấp ủy "
        "tổ chức lớp. Mỗi khóa có một bản in gồm bìa, mục lục, các học phần đánh số và nguồn của từng văn bản, "
        "và các tệp PDF in sẵn: bản đầy đủ, bản tóm tắt, bản của giảng viên có đáp án.")
PDF_DIR = "assets/sotay/khoa-hoc"


def pdf_srcs(course: Course) -> list[tuple[str, str, PackOptions]]:
    """(src, label, options) of each PDF the site offers for a course; the names match `sotay course -o`'s."""
    return [(f"{PDF_DIR}/{handout_name(course.id, options)}", label, options) for label, options in DOWNLOADS]


def _downloads(course: Course, linker: Linker, from_src: str) -> str:
    links = " · ".join(f'<a href="{escape(linker.url(from_src, src))}" download>{escape(label)}</a>'
                       for src, label, _options in pdf_srcs(course))
    return f'<p class="sotay-course-downloads">Tải PDF để in: {links}</p>'




def _pack_links(linker: Linker, course: Course, pages: Collection[str], missing: list[Problem]) -> PackLinks:
    """Links of a pack shown on the site: real pages, final URLs (the pack is raw HTML MkDocs does not rewrite)."""
    from_src = print_src(course)

    def document(doc: Document, anchor: str | None) -> str | None:
        return linker.doc_url(from_src, doc, anchor)

    def page(src: str) -> str:
        return linker.url(from_src, src)

    def relative(href: str) -> str | None:
        # The editor wrote the link from the course's own file, not from the printable page.
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(course.src), path))
        return linker.url(from_src, target, anchor or None) if target in pages else None

    def report(path: str, line: int, href: str) -> None:
        missing.append(Problem(path, line, f"liên kết '{href}' trỏ tới trang không có trên trang web"))

    return PackLinks(document, page, relative, report)


def course_page(course: Course, base: PackBase, linker: Linker, pdfs: bool = True) -> str:
    """The course at a glance: who it is for, its modules and what each pulls in, and the way to the handout."""
    src = course.src
    intro = linker.link_markdown(course.intro, src, path=course.path, first_line=course.body_line).text
    printable = linker.url(src, print_src(course))
    rows = [("Đối tượng", escape(course.audience)), ("Thời lượng", escape(course.duration)),
            ("Học phần", str(len(course.modules)))]
    parts = [f"# {escape(course.title)}", "", panel_html(rows, "Thông tin khóa học"), "",
             intro, "",
             f'<p class="sotay-course-print"><a class="md-button md-button--primary" href="{escape(printable)}">'
             "Xem bản in (bìa, mục lục, học phần, nguồn)</a></p>", "",
             _downloads(course, linker, src) if pdfs else "", ""]
    for number, module in enumerate(course.modules, 1):
        duration = f" ({escape(module.duration)})" if module.duration else ""
        parts += [f"## {number}. {escape(module.title)}{duration} {{#{module.id}}}", ""]
        parts += [f"- {escape(point)}" for point in module.key_points]
        parts.append("")
        pulled = []
        docs = [link for b in module.documents if (link := linker.basis_html(src, b.target, b.anchor))]
        if docs:
            pulled.append(f"<li>Văn bản: {'; '.join(docs)}</li>")
        for kind, word in REFERENCE_KINDS.items():
            links = [f'<a href="{escape(linker.url(src, page_src))}">{escape(title)}</a>'
                     for r in module.references[kind] for title, _blurb, page_src in [base.page(kind, r.id)]]
            if links:
                pulled.append(f"<li>{word.capitalize()}: {'; '.join(links)}</li>")
        if pulled:
            parts += [f'<ul class="sotay-course-pulls">{"".join(pulled)}</ul>', ""]
    return "\n".join(parts)


def print_page(course: Course, base: PackBase, linker: Linker, pages: Collection[str],
               missing: list[Problem], pdfs: bool = True) -> str:
    """The single printable pack: full text, the answers folded away, and a choice of what to print.

    `pages` are the srcs of the site's pages; a link of the trainer's text to any other is put in `missing`.
    """
    src = print_src(course)
    article = pack_html(course, base, _pack_links(linker, course, pages, missing), PackOptions(interactive=True))
    controls = ('<form class="sotay-pack-controls" hidden>'
                '<label><input type="checkbox" name="summary"> Bản tóm tắt (chỉ ý chính và thông tin văn bản)</label>'
                '<label><input type="checkbox" name="trainer"> Bản của giảng viên (in kèm đáp án)</label>'
                '<button type="button" data-action="print">In tài liệu</button></form>')
    back = linker.url(src, course.src)
    return "\n".join([
        "---", f"title: {_yaml_text(course.title + ' (bản in)')}", "---", "",
        f'<p class="sotay-pack-back"><a href="{escape(back)}">← Về trang khóa học</a></p>', "",
        _downloads(course, linker, src) if pdfs else "", "", controls, "", article, "",
    ])


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def courses_index(courses: list[Course]) -> str:
    return listing_page("Tài liệu bồi dưỡng", NOTE, (
        (c.title, c.src, f"{escape(c.summary)} *{escape(c.audience)}; {escape(c.duration)}.* "
                         f"[Bản in]({posixpath.relpath(print_src(c), COURSES_FOLDER)})") for c in courses))

