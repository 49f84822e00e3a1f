"""The self-assessment page of a criteria set: the score is counted in the browser, printable, nothing sent."""

from __future__ import annotations

from html import escape

from .assessment import ASSESSMENT_FOLDER, CriteriaSet
from .render import listing_page
from .site import Linker

ASSESSMENT_INDEX_SRC = f"{ASSESSMENT_FOLDER}/index.md"
NOTE = "Điểm chỉ được tính trên máy này; không có gì được gửi đi. Bấm In để lưu kết quả trên giấy."



def assessment_page(criteria: CriteriaSet, linker: Linker) -> str:
    src = criteria.src
    intro = linker.link_markdown(criteria.intro, src, path=criteria.path).text
    groups = []
    for title, items in criteria.groups:
        rows = []
        for c in items:
            link = linker.basis_html(src, c.basis.target, c.basis.anchor)
            basis = f'<span class="sotay-basis">Căn cứ: {link}</span>' if link else ""
            name = f"c-{escape(c.id)}"
            choices = "".join(
                f'<label><input type="radio" name="{name}" value="{value}"{" checked" if value == "0" else ""}> '
                f"{label}</label>" for value, label in (("1", "Đạt"), ("0.5", "Đạt một phần"), ("0", "Chưa đạt")))
            rows.append(f'<li data-criterion="{escape(c.id)}" data-points="{c.points}"><p>{escape(c.text)} '
                        f'<strong>({c.points} điểm)</strong></p><div class="sotay-choices">{choices}</div>{basis}</li>')
        groups.append(f"<h2>{escape(title)}</h2><ol class=\"sotay-criteria\">{''.join(rows)}</ol>")
    levels = "".join(f'<li data-min="{lv.min}">{escape(lv.label)}: từ {lv.min}% tổng điểm</li>'
                     for lv in criteria.levels)
    return "\n".join([
        f"# {escape(criteria.title)}", "", intro, "",
        f'<p class="sotay-own-work">Bộ tiêu chí của: {escape(criteria.owner)}. {escape(NOTE)}</p>', "",
        f'<form class="sotay-assessment" data-sotay-assessment="{escape(criteria.id)}" data-total="{criteria.total()}">'
        f'<p><label>Chi bộ <input type="text" name="cell"></label> <label>Buổi sinh hoạt ngày '
        f'<input type="text" name="date"></label></p>{"".join(groups)}'
        f'<div class="sotay-assessment-result" aria-live="polite"><p class="sotay-score"></p></div>'
        f'<ul class="sotay-levels">{levels}</ul>'
        '<button type="button" data-action="print">In kết quả</button></form>', "",
    ])


def assessment_index(sets: list[CriteriaSet]) -> str:
    note = ("Chọn một bộ tiêu chí để chi bộ tự chấm một buổi sinh hoạt. Mỗi bộ tiêu chí là một tệp dữ liệu trong thư "
            f"mục `docs/{ASSESSMENT_FOLDER}/`: thêm bộ tiêu chí của tỉnh chỉ cần thêm một tệp.")
    return listing_page("Tự đánh giá buổi sinh hoạt", note,
                        ((s.title, s.src, f"{escape(s.summary)} ({escape(s.owner)})") for s in sets))
