"""The self-assessment page of a criteria set: the score is counted in the browser, printable, nothing sent."""

from __future__ import annotations

from html import escape

from .assessment import ASSESSMENT_FOLDER, CriteriaSet, Criterion
from .render import listing_page
from .site import Linker

NOTE = ("Điểm chỉ được tính và lưu trên máy này; không có gì được gửi đi. Bấm \"In kết quả\" để lưu kết quả "
        "trên giấy.")
CHOICES = (("1", "Đạt"), ("0.5", "Đạt một phần"), ("0", "Chưa đạt"))
# Hidden until assessment.js runs (it also keeps the answers): the status line says what a clearing did.
TOOLS = ('<div class="sotay-assessment-tools" hidden><div class="sotay-buttons">'
         '<button type="button" class="sotay-button" data-action="clear">Xóa các câu trả lời</button>'
         '<button type="button" class="sotay-button" data-action="print">In kết quả</button></div>'
         '<div class="sotay-undo"><p class="sotay-status" role="status"></p>'
         '<button type="button" class="sotay-button" data-action="undo" hidden>Hoàn tác</button></div>'
         '<p class="sotay-storage-warning" role="alert"></p></div>')
FIELDS = ('<div class="sotay-fields"><label>Chi bộ <input type="text" name="cell" autocomplete="off"></label>'
          '<label>Buổi sinh hoạt ngày <input type="text" name="date" autocomplete="off"></label></div>')


def _criterion(criteria: CriteriaSet, c: Criterion, linker: Linker) -> str:
    """One criterion: its text names a radio group with no choice made (the form starts unanswered)."""
    link = linker.basis_html(criteria.src, c.basis.target, c.basis.anchor)
    basis = f'<span class="sotay-basis">Căn cứ: {link}</span>' if link else ""
    cid = escape(c.id)
    choices = "".join(f'<label><input type="radio" name="c-{cid}" value="{value}"> {label}</label>'
                      for value, label in CHOICES)
    return (f'<li data-criterion="{cid}" data-points="{c.points}"><p id="tieu-chi-{cid}">{escape(c.text)} '
            f'<strong>({c.points} điểm)</strong></p><div class="sotay-choices" role="radiogroup" '
            f'aria-labelledby="tieu-chi-{cid}">{choices}</div>{basis}</li>')


def assessment_page(criteria: CriteriaSet, linker: Linker) -> str:
    intro = linker.link_markdown(criteria.intro, criteria.src, path=criteria.path).text
    groups = "".join(f'<h2>{escape(title)}</h2><ol class="sotay-criteria">'
                     f'{"".join(_criterion(criteria, c, linker) for c in items)}</ol>'
                     for title, items in criteria.groups)
    levels = "".join(f'<li data-min="{lv.min}" data-label="{escape(lv.label)}">{escape(lv.label)}: từ {lv.min}% '
                     "tổng điểm</li>" for lv in criteria.levels)
    return "\n".join([
        f"# {escape(criteria.title)}", "", intro, "",
        f'<p class="sotay-own-work sotay-tool-note">Bộ tiêu chí của: {escape(criteria.owner)}. {escape(NOTE)}</p>', "",
        f'<form class="sotay-assessment" data-sotay-assessment="{escape(criteria.id)}">'
        f'{FIELDS}{groups}<h2>Kết quả</h2><p>Chỉ xếp mức khi đã trả lời đủ các tiêu chí:</p>'
        f'<ul class="sotay-levels">{levels}</ul>'
        '<div class="sotay-assessment-result" aria-live="polite"><p class="sotay-score"></p>'
        f'<p class="sotay-answered"></p></div>{TOOLS}</form>', "",
    ])


def assessment_index(sets: list[CriteriaSet]) -> str:
    note = ("Chọn một bộ tiêu chí để chi bộ tự chấm một buổi sinh hoạt. Mỗi bộ tiêu chí là một tệp dữ liệu trong thư "
            f"mục `docs/{ASSESSMENT_FOLDER}/`: thêm bộ tiêu chí của tỉnh chỉ cần thêm một tệp.")
    return listing_page("Tự đánh giá buổi sinh hoạt", note,
                        ((s.title, s.src, f"{escape(s.summary)} ({escape(s.owner)})") for s in sets))
