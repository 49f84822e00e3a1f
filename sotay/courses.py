"""Course packs for trainers: one Markdown file each under docs/khoa-hoc/.

The front matter is the course's structure: audience, duration and ordered
modules, each pulling documents (whole, or chosen provisions), topics,
checklists and templates of the base by id, with key points, discussion
questions and a short quiz whose answers only the trainer's copy prints. The
body holds the trainer's own text: an introduction, then one '## ...' section
per module, its anchor being the module's id, in the modules' order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .body import headings, sections, summary
from .frontmatter import SourceFile
from .model import Source
from .problems import Problems, did_you_mean
from .resolve import Resolver
from .topics import Basis, parse_basis, resolved
from .validate import Checker, check_slug, check_sources

COURSES_FOLDER = "khoa-hoc"
COURSE_KEYS = {"id": True, "title": True, "summary": True, "audience": True, "duration": True, "modules": True,
               "sources": False}
MODULE_KEYS = {"id": True, "title": True, "duration": False, "key_points": True, "documents": False,
               "topics": False, "checklists": False, "templates": False, "questions": True, "quiz": False}
MAX_CHOICES = 6  # lettered A to F
QUIZ_KEYS = {"question": True, "choices": False, "answer": True, "basis": False}
# The kinds a module pulls in by id, with the words an error message uses for them.
REFERENCE_KINDS = {"topics": "chủ đề", "checklists": "bảng kiểm", "templates": "mẫu văn bản"}


@dataclass(frozen=True)
class Reference:
    """An id of a topic, checklist or template, with the line that names it."""

    id: str
    line: int


@dataclass(frozen=True)
class QuizItem:
    question: str
    choices: tuple[str, ...]
    answer: str
    basis: Basis | None


@dataclass
class Module:
    id: str  # '' when the file's id is unusable: the module is still checked, then dropped
    title: str
    duration: str
    key_points: list[str]
    documents: list[Basis]
    references: dict[str, list[Reference]]  # kind (topics, checklists, templates) -> ids in order
    questions: list[str]
    quiz: list[QuizItem]
    line: int = 1  # of the module in the front matter
    text: str = ""  # the trainer's own text: the module's section of the body
    text_line: int = 1


@dataclass
class Course:
    id: str  # '' when unusable: the course is still checked, then left out
    title: str
    summary: str
    audience: str
    duration: str
    modules: list[Module]
    path: str
    src: str
    sources: list[Source] = field(default_factory=list)
    intro: str = ""
    body_line: int = 1


def print_src(course: Course) -> str:
    """The course's single printable page (cover, contents, numbered sections), beside the course page."""
    return f"{COURSES_FOLDER}/ban-in/{course.id}.md"


def build_course(source: SourceFile, src: str, problems: Problems, registry: dict[str, Source]) -> Course:
    """Validate a course file; its id is '' when unusable, so that the rest is still checked."""
    check = Checker(source, problems, registry)
    meta = source.meta
    check.keys(meta, COURSE_KEYS, (), "")
    course_id = check_slug(check, meta["id"], ("id",), "id") if "id" in meta else None
    stem = src.rpartition("/")[2][:-3]
    if course_id and course_id != stem:
        check.error(("id",), f"mã khóa học '{course_id}' phải trùng với tên tệp '{stem}.md'; đổi tên tệp thành "
                    f"'{course_id}.md' hoặc sửa mã")
        course_id = None
    texts = {name: check.text(meta[name], (name,), name) if name in meta else None
             for name in ("title", "summary", "audience", "duration")}
    modules = _modules(check, meta["modules"]) if "modules" in meta else []
    sources = check_sources(check, meta["sources"], ("sources",)) if "sources" in meta else []
    intro = summary(source.body)
    if not intro:
        problems.add(source.path, source.body_line, "phần nội dung cần một đoạn giới thiệu khóa học trước tiêu đề "
                     "đầu tiên")
    _attach_texts(source, modules, problems)
    return Course(course_id or "", texts["title"] or "", texts["summary"] or "", texts["audience"] or "",
                  texts["duration"] or "", modules, source.path, src, sources, intro, source.body_line)


def _texts(check: Checker, value: Any, path: tuple[str | int, ...], name: str) -> list[str]:
    items = check.list_of(value, path, name, at_least_one="mục")
    return [t for i, item in enumerate(items) if (t := check.text(item, (*path, i), name)) is not None]


def _modules(check: Checker, value: Any) -> list[Module]:
    items = check.list_of(value, ("modules",), "modules", at_least_one="học phần")
    modules: list[Module] = []
    for i, raw in enumerate(items):
        path: tuple[str | int, ...] = ("modules", i)
        if not isinstance(raw, dict):
            check.error(path, "mỗi học phần cần 'id', 'title', 'key_points' và 'questions'")
            continue
        check.keys(raw, MODULE_KEYS, path, " trong 'modules'")
        module_id = check_slug(check, raw["id"], (*path, "id"), "modules.id") if "id" in raw else None
        if module_id and any(m.id == module_id for m in modules):
            check.error((*path, "id"), f"mã học phần '{module_id}' bị lặp lại")
            module_id = None
        title = check.text(raw["title"], (*path, "title"), "modules.title") if "title" in raw else None
        duration = check.text(raw["duration"], (*path, "duration"), "modules.duration") \
            if "duration" in raw else None
        points = _texts(check, raw["key_points"], (*path, "key_points"), "key_points") if "key_points" in raw else []
        questions = _texts(check, raw["questions"], (*path, "questions"), "questions") if "questions" in raw else []
        documents = _documents(check, raw["documents"], (*path, "documents")) if "documents" in raw else []
        references = {kind: _references(check, raw[kind], (*path, kind), kind) if kind in raw else []
                      for kind in REFERENCE_KINDS}
        quiz = _quiz(check, raw["quiz"], (*path, "quiz")) if "quiz" in raw else []
        # Kept even without a usable id or title, so that its references are still checked.
        modules.append(Module(module_id or "", title or "", duration or "", points, documents, references,
                              questions, quiz, check.source.line(*path)))
    return modules


def _documents(check: Checker, value: Any, path: tuple[str | int, ...]) -> list[Basis]:
    items = check.list_of(value, path, "documents", single=True)
    return [b for i, item in enumerate(items) if (b := parse_basis(check, item, (*path, i)))]


def _references(check: Checker, value: Any, path: tuple[str | int, ...], kind: str) -> list[Reference]:
    items = check.list_of(value, path, kind, single=True)
    found: list[Reference] = []
    for i, item in enumerate(items):
        slug = check_slug(check, item, (*path, i), kind)
        if slug is None:
            continue
        if any(r.id == slug for r in found):
            check.error((*path, i), f"trường '{kind}': '{slug}' bị lặp lại trong học phần")
            continue
        found.append(Reference(slug, check.source.line(*path, i)))
    return found


def _quiz(check: Checker, value: Any, path: tuple[str | int, ...]) -> list[QuizItem]:
    found = []
    for i, raw in enumerate(check.list_of(value, path, "quiz")):
        where = (*path, i)
        if not isinstance(raw, dict):
            check.error(where, "mỗi câu hỏi kiểm tra cần 'question' và 'answer'")
            continue
        check.keys(raw, QUIZ_KEYS, where, " trong 'quiz'")
        question = check.text(raw["question"], (*where, "question"), "quiz.question") if "question" in raw else None
        answer = check.text(raw["answer"], (*where, "answer"), "quiz.answer") if "answer" in raw else None
        choices = _texts(check, raw["choices"], (*where, "choices"), "quiz.choices") if "choices" in raw else []
        if "choices" in raw and not 2 <= len(choices) <= MAX_CHOICES:
            check.error((*where, "choices"), f"trường 'quiz.choices': cần từ 2 đến {MAX_CHOICES} phương án")
        basis = parse_basis(check, raw["basis"], (*where, "basis")) if "basis" in raw else None
        if question and answer:
            found.append(QuizItem(question, tuple(choices), answer, basis))
    return found


def _attach_texts(source: SourceFile, modules: list[Module], problems: Problems) -> None:
    """Give each module its '## ... {#module-id}' section of the body; sections and modules must match in order."""
    parts = sections(source.body, [h for h in headings(source.body, source.body_line) if h.level <= 2],
                     source.body_line)
    named = [m for m in modules if m.id]
    by_id = {m.id: m for m in named}
    order = [m.id for m in named]
    seen: list[str] = []
    for heading, text, text_line in parts:
        if heading.level == 1:
            problems.add(source.path, heading.line, "không dùng tiêu đề cấp 1 ('# ...') trong nội dung; tên khóa học "
                         "lấy từ trường 'title'")
            continue
        module = by_id.get(heading.anchor)
        if module is None:
            hint = did_you_mean(heading.anchor, order)
            problems.add(source.path, heading.line, f"mục '## {heading.title}' (neo '#{heading.anchor}') không ứng "
                         f"với học phần nào{hint}; đặt neo bằng mã học phần, ví dụ '## {heading.title} "
                         f"{{#ma-hoc-phan}}'; các mã học phần: {', '.join(order) or 'chưa có'}")
            continue
        if heading.anchor in seen:
            problems.add(source.path, heading.line, f"học phần '{heading.anchor}' có hai mục trong nội dung")
            continue
        if seen and order.index(heading.anchor) < order.index(seen[-1]):
            problems.add(source.path, heading.line, f"mục của học phần '{heading.anchor}' phải đứng trước mục của "
                         f"'{seen[-1]}', theo thứ tự trong 'modules': {', '.join(order)}")
        seen.append(heading.anchor)
        module.text, module.text_line = text, text_line
        if not text:
            problems.add(source.path, heading.line, f"mục của học phần '{module.id}' chưa có nội dung")
    for module in named:
        if module.id not in seen:
            problems.add(source.path, module.line, f"học phần '{module.id}' chưa có phần giảng: thêm mục "
                         f"'## {module.title or 'Tên học phần'} {{#{module.id}}}' vào nội dung")


def resolve_course(course: Course, resolver: Resolver, known: dict[str, set[str]], problems: Problems) -> None:
    """Point documents at their ids; unknown documents, anchors, topics, checklists and templates are errors.

    Modules without a usable id are checked like the others, then dropped.
    """
    for module in course.modules:
        documents: list[Basis] = []
        for item in module.documents:
            found = resolved(item, resolver, course.path, problems, "văn bản")
            if found is None:
                continue
            if any(b.target == found.target and b.anchor == found.anchor for b in documents):
                problems.add(course.path, item.line, f"văn bản '{item.target}' bị lặp lại trong học phần")
                continue
            documents.append(found)
        module.documents = documents
        for kind, word in REFERENCE_KINDS.items():
            kept = []
            for ref in module.references[kind]:
                if ref.id in known[kind]:
                    kept.append(ref)
                else:
                    hint = did_you_mean(ref.id, known[kind])
                    problems.add(course.path, ref.line, f"{word} '{ref.id}' không có trong Sổ tay{hint}")
            module.references[kind] = kept
        module.quiz = [QuizItem(q.question, q.choices, q.answer,
                                resolved(q.basis, resolver, course.path, problems) if q.basis else None)
                       for q in module.quiz]
    course.modules = [m for m in course.modules if m.id]
