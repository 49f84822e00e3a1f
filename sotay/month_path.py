"""The month's path for a cell secretary, one step after another (the GOV.UK step-by-step pattern):
choose a topic, prepare, hold the meeting, write the minutes and resolution, follow up.

The home page shows the whole path for this month and cell type; every topic, checklist and
template page ends with the step before and after it and a link to the planner. Which page belongs
to which step is data here, keyed by page kind and id; a page the path does not name still links
back to the path and the planner.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Literal

from .planner import Plan
from .planner_page import plan_data
from .site import Linker
from .srcs import HOME_SRC
from .text import script_json
from .topics import Topic
from .vocabulary import vocabulary

CATALOG = ("catalog", "")
PLANNER = ("planner", "")
HOME = ("home", "")
# Where the home page's block goes: the editors place this line in docs/index.md.
MONTH_MARKER = "<!-- sotay: sinh-hoat-thang -->"
MONTH_ANCHOR = "sinh-hoat-thang"

Ref = tuple[str, str]  # (kind, id): kinds "topic", "checklist", "template", "catalog", "planner", "home"


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    text: str
    links: tuple[tuple[Ref, str, str | None], ...]  # page, label, anchor

    @property
    def anchor(self) -> str:
        return f"buoc-{self.number}"


STEPS = (
    Step(1, "Chọn chủ đề", "Chọn một chủ đề hợp với loại chi bộ và với tháng này, hoặc theo kế hoạch cả năm.",
         ((CATALOG, "Gợi ý chủ đề", None), (PLANNER, "Kế hoạch cả năm", None))),
    Step(2, "Chuẩn bị", "Chuẩn bị nội dung, tài liệu và phân công theo bảng kiểm; với sinh hoạt chuyên đề, lập "
         "kế hoạch của buổi.",
         ((("checklist", "hop-chi-uy"), "Bảng kiểm họp chi ủy", None),
          (("checklist", "sinh-hoat-thuong-ky"), "Bảng kiểm sinh hoạt thường kỳ", "truoc"),
          (("checklist", "sinh-hoat-chuyen-de"), "Bảng kiểm sinh hoạt chuyên đề", "truoc"),
          (("template", "ke-hoach-sinh-hoat-chuyen-de"), "Mẫu kế hoạch sinh hoạt chuyên đề", None),
          (("template", "bien-ban-hop-chi-uy"), "Mẫu biên bản họp chi ủy", None))),
    Step(3, "Tổ chức buổi sinh hoạt", "Điều hành buổi sinh hoạt theo phần “trong buổi” của bảng kiểm; câu hỏi "
         "thảo luận có ở trang của chủ đề.",
         ((("checklist", "sinh-hoat-thuong-ky"), "Trong buổi sinh hoạt thường kỳ", "trong"),
          (("checklist", "sinh-hoat-chuyen-de"), "Trong buổi sinh hoạt chuyên đề", "trong"),
          (("checklist", "dien-dan"), "Tổ chức diễn đàn", None),
          (("checklist", "sinh-hoat-truc-tuyen"), "Sinh hoạt trực tuyến", None),
          (("checklist", "kiem-diem-cuoi-nam"), "Kiểm điểm cuối năm", None))),
    Step(4, "Ghi biên bản, ra nghị quyết", "Ghi biên bản trong buổi họp; ra nghị quyết hoặc thông báo kết luận.",
         ((("template", "bien-ban-hop-chi-bo"), "Mẫu biên bản họp chi bộ", None),
          (("template", "nghi-quyet-chi-bo"), "Mẫu nghị quyết chi bộ", None))),
    Step(5, "Theo dõi thực hiện", "Phân công, đôn đốc và kiểm tra việc thực hiện; kỳ sau báo cáo lại kết quả.",
         ((("checklist", "theo-doi-nghi-quyet"), "Bảng kiểm theo dõi nghị quyết", None),
          (("template", "thong-bao-ket-luan"), "Mẫu thông báo kết luận", None))),
)

# page -> (its step, the page before it, the page after it) on the month's path
PATH: dict[Ref, tuple[int, Ref, Ref]] = {
    ("topic", "thuong-ky"): (1, CATALOG, ("checklist", "sinh-hoat-thuong-ky")),
    ("topic", "chuyen-de"): (1, CATALOG, ("template", "ke-hoach-sinh-hoat-chuyen-de")),
    ("checklist", "hop-chi-uy"): (2, CATALOG, ("checklist", "sinh-hoat-thuong-ky")),
    ("template", "bien-ban-hop-chi-uy"): (2, ("checklist", "hop-chi-uy"), ("checklist", "sinh-hoat-thuong-ky")),
    ("template", "ke-hoach-sinh-hoat-chuyen-de"): (2, CATALOG, ("checklist", "sinh-hoat-chuyen-de")),
    ("checklist", "sinh-hoat-thuong-ky"): (2, CATALOG, ("template", "bien-ban-hop-chi-bo")),
    ("checklist", "sinh-hoat-chuyen-de"): (2, ("template", "ke-hoach-sinh-hoat-chuyen-de"),
                                           ("template", "bien-ban-hop-chi-bo")),
    ("checklist", "dien-dan"): (3, CATALOG, ("template", "bien-ban-hop-chi-bo")),
    ("checklist", "sinh-hoat-truc-tuyen"): (3, CATALOG, ("template", "bien-ban-hop-chi-bo")),
    ("checklist", "kiem-diem-cuoi-nam"): (3, CATALOG, ("template", "bien-ban-hop-chi-bo")),
    ("template", "bien-ban-hop-chi-bo"): (4, ("checklist", "sinh-hoat-thuong-ky"), ("template", "nghi-quyet-chi-bo")),
    ("template", "nghi-quyet-chi-bo"): (4, ("template", "bien-ban-hop-chi-bo"), ("checklist", "theo-doi-nghi-quyet")),
    ("template", "thong-bao-ket-luan"): (5, ("template", "nghi-quyet-chi-bo"), ("checklist", "theo-doi-nghi-quyet")),
    ("checklist", "theo-doi-nghi-quyet"): (5, ("template", "nghi-quyet-chi-bo"), HOME),
}
STEP_OF_KIND = {"topic": 1, "checklist": 2, "template": 4}  # a page the path does not name


class Pages:
    """The source path and title of every page the path may link to in this build, and which page ends with
    the steps (the topics, checklists and templates), at which place on the path."""

    def __init__(self, catalog_src: str, planner_src: str, checklists: dict[str, tuple[str, str]],
                 templates: dict[str, tuple[str, str]], topics: list[Topic] | None = None) -> None:
        self.known: dict[Ref, tuple[str, str]] = {CATALOG: (catalog_src, "Gợi ý chủ đề"),
                                                  PLANNER: (planner_src, "Kế hoạch cả năm"),
                                                  HOME: (HOME_SRC, "Sinh hoạt tháng này")}
        self.known |= {("checklist", k): v for k, v in checklists.items()}
        self.known |= {("template", k): v for k, v in templates.items()}
        # A page's source -> its place: a topic by its kind of meeting, a checklist or template by its id.
        self.places: dict[str, Ref] = {src: ref for ref, (src, _title) in self.known.items()
                                       if ref[0] in ("checklist", "template")}
        self.places |= {t.src: ("topic", t.meeting) for t in topics or []}

    def get(self, ref: Ref) -> tuple[str, str] | None:
        return self.known.get(ref)


def _page_link(linker: Linker, pages: Pages, from_src: str, ref: Ref, anchor: str | None = None,
               label: str | None = None) -> str | None:
    found = pages.get(ref)
    if found is None:
        return None
    src, title = found
    anchor = MONTH_ANCHOR if ref == HOME else anchor
    return f'<a href="{escape(linker.url(from_src, src, anchor))}">{escape(label or title)}</a>'


def _present(ref: Ref, pages: Pages, way: Literal[1, 2]) -> Ref | None:
    """`ref`, or when this build has no such page (an edition, a base without that checklist), the page the
    path names before it (way 1) or after it (way 2), and so on."""
    seen: set[Ref] = set()
    while ref not in seen:
        if pages.get(ref) is not None:
            return ref
        seen.add(ref)
        entry = PATH.get(ref)
        if entry is None:
            return None
        ref = entry[1] if way == 1 else entry[2]
    return None


def step_nav(ref: Ref, from_src: str, pages: Pages, linker: Linker) -> str:
    """The end of a topic, checklist or template page: where it sits on the path, the step before and
    after it, the planner. A topic passes ("topic", its meeting kind)."""
    number, before, after = PATH.get(ref, (STEP_OF_KIND.get(ref[0], 1), CATALOG, HOME))
    step = STEPS[number - 1]
    items = []
    before, after = _present(before, pages, 1) or CATALOG, _present(after, pages, 2) or HOME
    prev_link = _page_link(linker, pages, from_src, before)
    if prev_link:
        items.append(f'<li class="sotay-step-prev"><span>Bước trước</span>{prev_link}</li>')
    next_link = _page_link(linker, pages, from_src, after)
    if next_link:
        items.append(f'<li class="sotay-step-next"><span>Bước sau</span>{next_link}</li>')
    planner = _page_link(linker, pages, from_src, PLANNER)
    home = _page_link(linker, pages, from_src, HOME, label="Cả 5 bước của tháng")
    more = " · ".join(x for x in (home, planner) if x)
    return (f'<nav class="sotay-step-nav" aria-label="Các bước sinh hoạt trong tháng">'
            f'<p class="sotay-step-where">Bước {step.number}/{len(STEPS)}: {escape(step.title)}</p>'
            f'<ul>{"".join(items)}</ul><p class="sotay-step-more">{more}</p></nav>')


def month_data(topics: list[Topic], plans: dict[tuple[str, int], Plan], pages: Pages,
               linker: Linker) -> dict[str, object]:
    """What the home page's script needs: topics with their cell types and months, the plans, two addresses."""
    return {
        **plan_data(plans, topics, linker, HOME_SRC),
        "catalog": linker.url(HOME_SRC, pages.known[CATALOG][0]),
        "planner": linker.url(HOME_SRC, pages.known[PLANNER][0]),
    }


def _steps_html(pages: Pages, linker: Linker) -> str:
    parts = []
    for step in STEPS:
        links = [link for ref, label, anchor in step.links
                 if (link := _page_link(linker, pages, HOME_SRC, ref, anchor, label))]
        parts.append(f'<li class="sotay-step" id="{step.anchor}"><h3>{escape(step.title)}</h3>'
                     f"<p>{escape(step.text)}</p><ul>{''.join(f'<li>{link}</li>' for link in links)}</ul></li>")
    return f'<ol class="sotay-steps">{"".join(parts)}</ol>'


def month_block(topics: list[Topic], plans: dict[tuple[str, int], Plan], pages: Pages, linker: Linker,
                month: int) -> str:
    """The home page's "Sinh hoạt tháng N": the cell type (asked once, remembered in this browser), the meeting
    day, this month's suggested topics, and the five steps. Without JavaScript: the steps and a link per cell
    type; the script fills in the rest for the month the reader's device says it is."""
    vocab = vocabulary()
    catalog, _title = pages.known[CATALOG]
    cells = "".join(f'<option value="{escape(c)}">{escape(label)}</option>' for c, label in vocab.cell_types.items())
    days = "".join(f'<option value="{d}">ngày {d}</option>' for d in range(1, 32))
    by_cell = " · ".join(f'<a href="{escape(linker.url(HOME_SRC, catalog))}?cell={escape(c)}&amp;month={month}">'
                         f"{escape(label)}</a>" for c, label in vocab.cell_types.items())
    payload = script_json(month_data(topics, plans, pages, linker))
    return "\n".join([
        f'<section class="sotay-month" data-sotay-home aria-labelledby="{MONTH_ANCHOR}">',
        f'<h2 id="{MONTH_ANCHOR}">Sinh hoạt tháng <span data-month>{month}</span></h2>',
        '<form class="sotay-month-choice" hidden>'
        '<label>Chi bộ của đồng chí<select name="cell"><option value="">Chọn loại chi bộ</option>'
        f"{cells}</select></label>"
        '<label>Chi bộ họp hằng tháng vào<select name="day"><option value="">Chưa ghi ngày họp</option>'
        f"{days}</select></label>"
        '<p class="sotay-month-remember">Hai lựa chọn này được ghi nhớ trên máy này, không gửi đi đâu.</p></form>',
        '<p class="sotay-month-date"></p>',
        '<p class="sotay-month-status sotay-visually-hidden" role="status"></p>',
        '<div class="sotay-month-topics">'
        f'<p class="sotay-month-nojs">Gợi ý chủ đề tháng {month} theo loại chi bộ: {by_cell}.</p></div>',
        _steps_html(pages, linker),
        f'<script type="application/json" id="sotay-month-data">{payload}</script>',
        "</section>",
    ])

