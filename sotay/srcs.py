"""Where each page the site makes lives, relative to docs/: one list, read by the pages that link to them,
by the plugin that adds them and by `check`, which must know every page an editor's link may reach.

Plain constants and functions of validated data: nothing here renders a page.
"""

from __future__ import annotations

from collections.abc import Iterable

from .assessment import ASSESSMENT_FOLDER
from .checklists import CHECKLISTS_FOLDER
from .courses import COURSES_FOLDER, Course, print_src
from .model import Document
from .templates import TEMPLATES_FOLDER
from .topics import TOPICS_FOLDER, Topic

HOME_SRC = "index.md"
DOCUMENTS_SECTION = "van-ban"
INDEX_SRC = f"{DOCUMENTS_SECTION}/index.md"
TIMELINE_SRC = f"{DOCUMENTS_SECTION}/dong-thoi-gian.md"
DIAGRAM_SRC = f"{DOCUMENTS_SECTION}/so-do-quan-he.md"
CHANGES_SRC = f"{DOCUMENTS_SECTION}/thay-doi.md"
FEED_SRC = f"{DOCUMENTS_SECTION}/thay-doi.xml"  # the Atom feed of that page
PROVINCES_SRC = f"{DOCUMENTS_SECTION}/tinh-thanh.md"
OPEN_DATA_SRC = "du-lieu-mo.md"
CATALOG_SRC = f"{TOPICS_FOLDER}/index.md"
PLANNER_SRC = f"{TOPICS_FOLDER}/ke-hoach-nam.md"
CHECKLISTS_INDEX_SRC = f"{CHECKLISTS_FOLDER}/index.md"
TEMPLATES_INDEX_SRC = f"{TEMPLATES_FOLDER}/index.md"
ASSESSMENT_INDEX_SRC = f"{ASSESSMENT_FOLDER}/index.md"
COURSES_INDEX_SRC = f"{COURSES_FOLDER}/index.md"
FIXED_PAGES = (INDEX_SRC, TIMELINE_SRC, DIAGRAM_SRC, CHANGES_SRC, PROVINCES_SRC, OPEN_DATA_SRC, CATALOG_SRC,
               PLANNER_SRC, CHECKLISTS_INDEX_SRC, TEMPLATES_INDEX_SRC, ASSESSMENT_INDEX_SRC, COURSES_INDEX_SRC)
# Folders the build fills with files made from the data (Word, PDF, scripts, open data): a link into
# them is not checked against docs/, whose files they are not.
FILE_FOLDERS = ("assets/sotay/", "du-lieu/")


def document_src(doc: Document) -> str:
    """Path of a document's page inside the site's docs."""
    return f"{DOCUMENTS_SECTION}/{doc.id}.md"


def cell_src(cell: str) -> str:
    return f"{TOPICS_FOLDER}/loai/{cell}.md"


def theme_src(theme: str) -> str:
    return f"{TOPICS_FOLDER}/theo/{theme}.md"


def page_srcs(documents: Iterable[Document], topics: Iterable[Topic], courses: Iterable[Course]) -> set[str]:
    """Every page the plugin adds, whichever edition is built: the fixed ones, each document's, a landing page
    per cell type and per theme that has topics, and each course's print pack; and the files it adds outside
    FILE_FOLDERS (the Atom feed)."""
    topics = list(topics)
    srcs = {*FIXED_PAGES, FEED_SRC} | {document_src(d) for d in documents} | {print_src(c) for c in courses}
    srcs |= {cell_src(cell) for t in topics for cell in t.cell_types}
    return srcs | {theme_src(theme) for t in topics for theme in t.themes}
