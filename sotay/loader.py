"""Load the knowledge base from disk and check it whole.

Every problem in every file is collected; nothing stops at the first one.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from .assessment import ASSESSMENT_FOLDER, CriteriaSet, build_criteria, resolve_criteria
from .body import ANCHOR, headings, provisions, summary
from .checklists import CHECKLISTS_FOLDER, Checklist, build_checklist, resolve_checklists
from .courses import COURSES_FOLDER, Course, build_course, resolve_course
from .frontmatter import SourceFile, decode_text, front_matter_end, read_bytes, read_yaml_mapping, split_text
from .memo import Memo, run
from .model import Document, KnowledgeBase, Relation, Source, Takers, number_key
from .page_links import check_page_links, docs_files
from .problems import Problems
from .project import Project
from .resolve import Citation, LinkPlan, Resolver, Unresolved, plan_links
from .sanitize import markup_problems
from .srcs import page_srcs
from .targets import digest
from .templates import TEMPLATES_FOLDER, Template, build_template, resolve_templates
from .topics import TOPICS_FOLDER, Basis, Topic, build_topic, resolve_basis
from .validate import REGISTRY_NAME, build_document, build_registry
from .vocabulary import vocabulary


@dataclass(frozen=True)
class SitePage:
    """One of the site's own Markdown pages (docs/), as the core sees it."""

    path: str  # as the editor sees it, for messages: docs/huong-dan.md
    src: str  # inside the docs folder, as MkDocs names it: huong-dan.md
    text: str
    title: str


Structured = tuple[list[Topic], list[Checklist], list[Template], list[CriteriaSet], list[Course]]


LinkKey = tuple[str, str, int, str | None, str | None]  # a text, its path, first line, scope, own document


@dataclass
class LoadResult:
    kb: KnowledgeBase
    resolver: Resolver  # of the whole base, built once for checking and for every page
    problems: Problems
    missing: list[Unresolved] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    pages: list[SitePage] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)
    criteria: list[CriteriaSet] = field(default_factory=list)
    courses: list[Course] = field(default_factory=list)
    # Each document's links as checking resolved them, by (body, path, first line, scope, id): its page makes
    # them into links without resolving them again.
    link_plans: dict[LinkKey, LinkPlan] = field(default_factory=dict)


def relative_src_link(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """Relative Markdown link from one page to another, as MkDocs resolves them."""
    link = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{link}#{anchor}" if anchor else link


def markdown_files(folder: Path, project: Project, problems: Problems) -> list[Path]:
    """Content files of a folder, in a stable order (README.md files are notes for editors)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*.md")):
        if path.name == "README.md" or path.name.startswith("."):
            continue
        if path.is_file():
            found.append(path)
        elif path.is_symlink():
            problems.add(project.relative(path), 1, "liên kết tượng trưng (symlink) trỏ tới tệp không có")
    return found


def load_registry(project: Project, problems: Problems) -> dict[str, Source]:
    """The shared list of sources (directives/nguon.yml), if the base has one."""
    path = project.directives_dir / REGISTRY_NAME
    if not path.is_file():
        return {}
    source = read_yaml_mapping(path, project.relative(path), problems)
    return build_registry(source, problems) if source else {}


def sources_digest(registry: dict[str, Source]) -> str:
    """The list of sources as a memo key: a file's checks read it (a cited source must be listed)."""
    return digest(repr(sorted(registry.items())))


def load_documents(project: Project, problems: Problems, registry: dict[str, Source],
                   memo: Memo | None = None) -> list[Document]:
    """The documents of directives/, each read, parsed and checked alone (again only when its bytes or the list
    of sources changed, with a memo); a copy each, since checking the base whole fills in their relations."""
    sources = sources_digest(registry) if memo is not None else ""
    docs = []
    for path in markdown_files(project.directives_dir, project, problems):
        display = project.relative(path)
        data = read_bytes(path, display, problems)
        if data is None:
            continue
        doc = run(memo, ("document", display, data, sources), problems, partial(_document, data, display, registry))
        if doc is not None:
            docs.append(copy.copy(doc) if memo is not None else doc)
    return docs


def _document(data: bytes, display: str, registry: dict[str, Source], problems: Problems) -> Document | None:
    text = decode_text(data, display, problems)
    source = split_text(text, display, problems) if text is not None else None
    return build_checked(source, problems, registry) if source else None


def build_checked(source: SourceFile, problems: Problems, registry: dict[str, Source]) -> Document | None:
    doc = build_document(source, problems, registry)
    if doc is None:
        return None
    _check_body(doc, problems)
    return doc


def _check_body(doc: Document, problems: Problems) -> None:
    doc.summary = summary(doc.body)
    if not doc.summary:
        problems.add(doc.path, doc.body_line, "phần nội dung cần một đoạn tóm tắt trước tiêu đề đầu tiên")
    seen: dict[str, int] = {}
    found = headings(doc.body, doc.body_line)
    for heading in found:
        if heading.level == 1:
            problems.add(doc.path, heading.line, "không dùng tiêu đề cấp 1 ('# ...') trong nội dung; "
                         "tên văn bản lấy từ trường 'title'")
        if heading.explicit and not ANCHOR.match(heading.anchor):
            problems.add(doc.path, heading.line, f"neo '#{heading.anchor}' không hợp lệ; chỉ dùng chữ thường "
                         "không dấu, số và dấu gạch ngang")
        if heading.anchor in seen:
            problems.add(doc.path, heading.line, f"neo '#{heading.anchor}' trùng với mục ở dòng "
                         f"{seen[heading.anchor]}; hãy đặt neo riêng bằng '{{#neo-khac}}'")
        seen.setdefault(heading.anchor, heading.line)
    doc.provisions = provisions(found)


def check_unique(docs: list[Document], problems: Problems) -> list[Document]:
    """Drop and report documents whose id, or number and year in one scope, is taken."""
    ids: dict[str, Document] = {}
    keys: dict[tuple[str, str, int | None], Document] = {}
    kept = []
    for doc in docs:
        first = ids.get(doc.id)
        if first is not None:
            problems.add(doc.path, doc.line_of("id"), f"mã '{doc.id}' đã dùng cho {first.path}")
            continue
        key = (doc.scope, number_key(doc.number), doc.year) if doc.number else None
        if key is not None and key in keys:
            problems.add(doc.path, doc.line_of("number"), f"số hiệu '{doc.key}' đã có ở {keys[key].path}")
            continue
        ids[doc.id] = doc
        if key is not None:
            keys[key] = doc
        kept.append(doc)
    return kept


def resolve_relations(kb: KnowledgeBase, resolver: Resolver, problems: Problems) -> None:
    """Point every relation at a document id; report unknown or self targets.

    A 'replaced_by' written on the older document is kept as 'replaces' on the newer one,
    so that each fact is held once and reads the same from both pages.
    """
    moved: list[tuple[Document, Relation]] = []
    for doc in kb.documents:
        resolved: list[Relation] = []
        for rel in doc.relations:
            target, reason = resolver.lookup(rel.target, doc.scope)
            if target is None:
                problems.add(doc.path, rel.line, f"quan hệ '{rel.type}': {reason}")
            elif target.id == doc.id:
                problems.add(doc.path, rel.line, f"quan hệ '{rel.type}': văn bản không thể quan hệ với chính nó")
            elif any(r.type == rel.type and r.target == target.id for r in resolved):
                problems.add(doc.path, rel.line, f"quan hệ '{rel.type}' tới {target.label} bị lặp lại")
            elif rel.type == "replaced_by":
                moved.append((target, Relation("replaces", doc.id, rel.line, rel.unverified, rel.note, doc.path)))
            else:
                resolved.append(Relation(rel.type, target.id, rel.line, rel.unverified, rel.note))
        doc.relations = resolved
    by_id = kb.by_id()
    for newer, rel in moved:
        if any(r.type == "replaces" and r.target == rel.target for r in newer.relations):
            problems.add(rel.declared_in or newer.path, rel.line, f"quan hệ 'replaced_by' đã được ghi ở {newer.path} "
                         f"('replaces' {by_id[rel.target].label}); chỉ ghi ở một văn bản")
        else:
            newer.relations.append(rel)


def check_statuses(kb: KnowledgeBase, problems: Problems) -> None:
    """A replaced document says so in its status, and a superseded one names what took over.

    'continues' alone does not supersede: Kết luận 18 continued Chỉ thị 10, which stayed in force beside it.
    """
    newer = kb.newer()
    labels = vocabulary().statuses
    for doc in kb.documents:
        takers = newer.get(doc.id, [])
        replaced = [(d, r) for d, r in takers if r.type == "replaces"]
        if replaced and doc.status != "bi-thay-the":
            by, rel = replaced[0]
            problems.add(rel.declared_in or by.path, rel.line, f"{by.label} thay thế {doc.label}, nhưng tình trạng "
                         f"của {doc.label} ({doc.path}) là '{labels.get(doc.status, doc.status)}'; sửa thành "
                         "'status: bi-thay-the' kèm 'status_date'")
        replacing = doc.status == "bi-thay-the"
        wanted = ("replaces",) if replacing else ("replaces", "continues")
        if doc.superseded and doc.status != "het-hieu-luc" and not any(r.type in wanted for _d, r in takers):
            hint = "'replaces' (hoặc ghi ở đây quan hệ 'replaced_by')" if replacing else "'continues'"
            problems.add(doc.path, doc.line_of("status"), f"tình trạng '{labels[doc.status]}' cần văn bản "
                         f"{'thay thế' if replacing else 'tiếp nối'} nó: thêm văn bản đó vào Sổ tay với quan hệ "
                         f"{hint} tới {doc.label}")
    _report_cycles(kb, problems)


# Relations a document writes to one issued before it: followed round, they can never come back to it.
LATER_TO_EARLIER = ("replaces", "continues", "amends", "implements", "guides")


def _report_cycles(kb: KnowledgeBase, problems: Problems) -> None:
    """A document cannot take over, amend, carry out or guide, even through others, itself: what governs now
    would have no end, and the pages would send a reader round in a circle.

    Walked with an explicit stack, so a long chain of documents cannot exhaust Python's recursion.
    """
    by_id = kb.by_id()
    later: Takers = {}  # every relation a later document writes to an earlier one, not only taking over
    for taker in kb.documents:
        for rel in taker.relations:
            if rel.type in LATER_TO_EARLIER:
                later.setdefault(rel.target, []).append((taker, rel))
    done: set[str] = set()
    for doc in kb.documents:
        if doc.id in done:
            continue
        stack = [(doc.id, [doc.id])]
        while stack:
            current, path = stack.pop()
            for following, _rel in later.get(current, []):
                if following.id in path:
                    loop = path[path.index(following.id):]
                    turn = loop.index(min(loop))  # the same words and place whatever the reading order
                    loop = loop[turn:] + loop[:turn]
                    first = by_id[loop[0]]
                    chain = " → ".join(by_id[i].label for i in [*loop, loop[0]])
                    problems.add(first.path, first.line_of("relations"), "quan hệ giữa các văn bản khép thành "
                                 f"vòng: {chain}; chỉ văn bản ban hành sau mới ghi 'replaces', 'continues', 'amends', "
                                 "'implements' hoặc 'guides' tới văn bản ban hành trước")
                elif following.id not in done:
                    stack.append((following.id, [*path, following.id]))
            done.add(current)


def check_links(kb: KnowledgeBase, resolver: Resolver, pages: Iterable[SitePage], problems: Problems,
                memo: Memo | None = None) -> tuple[list[Citation], list[Unresolved], dict[LinkKey, LinkPlan]]:
    """Resolve links in document bodies and site pages: the citations, what the base lacks, and each
    document's links (LoadResult.link_plans).

    With a memo, a text is checked again only when it changed or when what a link can name did (`link_identity`)."""
    citations: list[Citation] = []
    missing: list[Unresolved] = []
    plans: dict[LinkKey, LinkPlan] = {}
    identity = link_identity(kb) if memo is not None else ""
    texts: list[LinkKey] = [(d.body, d.path, d.body_line, d.scope, d.id) for d in kb.documents]
    texts += [(without_front_matter(p.text), p.path, 1, None, None) for p in pages]
    for key in texts:
        text, path, first_line, scope, self_id = key
        plan = run(memo, ("links", *key, identity), problems,
                   partial(_links, text, resolver, path, first_line, scope, self_id))
        citations.extend(plan.citations)
        missing.extend(plan.missing)
        if self_id is not None:
            plans[key] = plan
    return citations, missing, plans


def link_identity(kb: KnowledgeBase) -> str:
    """A digest of all that links in a text read of the documents: how they are named and numbered, their scope,
    kind and provisions, in the base's order (a title counts only where it names a document without a number)."""
    named = [(d.id, d.number, d.year, d.scope, d.type, "" if d.number else d.title, sorted(d.anchors()))
             for d in kb.documents]
    return digest(repr(named))


def _links(text: str, resolver: Resolver, path: str, first_line: int, scope: str | None, self_id: str | None,
           problems: Problems) -> LinkPlan:
    plan = plan_links(text, resolver, path=path, first_line=first_line, scope=scope, self_id=self_id)
    _report(plan.unresolved, problems)
    return plan


def check_page_markup(pages: list[SitePage], problems: Problems, memo: Memo | None = None) -> None:
    """Markup that would run code or load from outside, in the site's own pages (docs/), at its file and line.

    Structured pages are checked again by their Checker with the same messages, which Problems keeps once.
    With a memo, a page is checked again only when its text changed."""
    for page in pages:
        run(memo, ("markup", page.path, page.text), problems, partial(_page_markup, page))


def _page_markup(page: SitePage, problems: Problems) -> None:
    for line, message in markup_problems(without_front_matter(page.text)):
        problems.add(page.path, line, message)


def check_site_links(project: Project, pages: list[SitePage], kb: KnowledgeBase, structured: Structured,
                     problems: Problems) -> None:
    """Relative links between the site's pages, at their lines: what the strict build would refuse."""
    topics, checklists, templates, criteria, courses = structured
    made = page_srcs(kb.documents, topics, courses) | ({project.search_page} if project.search_page else set())
    shaped = {t.src for t in topics} | {c.src for c in checklists} | {t.src for t in templates}
    shaped |= {c.src for c in criteria} | {c.src for c in courses}
    texts = {p.src: (p.path, without_front_matter(p.text)) for p in pages}
    plain = {src: text for src, (_path, text) in texts.items() if src not in shaped}
    check_page_links(texts, plain, made, docs_files(project.docs_dir), problems)


def without_front_matter(text: str) -> str:
    """A page's text with its front matter blanked, line numbers kept (topics check their own)."""
    lines = text.split("\n")
    end = front_matter_end(lines)
    return "\n" * (end + 1) + "\n".join(lines[end + 1:]) if end is not None else text


def _report(unresolved: list[Unresolved], problems: Problems) -> None:
    for item in unresolved:
        problems.add(item.path, item.line, item.message)


def site_pages(project: Project, problems: Problems, memo: Memo | None = None) -> list[SitePage]:
    """The site's own Markdown pages, read and normalised like content."""
    pages = []
    for path in markdown_files(project.docs_dir, project, problems):
        display, src = project.relative(path), path.relative_to(project.docs_dir).as_posix()
        data = read_bytes(path, display, problems)
        if data is None:
            continue
        page = run(memo, ("page", display, src, data), problems, partial(_site_page, data, display, src))
        if page is not None:
            pages.append(page)
    return pages


def _site_page(data: bytes, display: str, src: str, problems: Problems) -> SitePage | None:
    text = decode_text(data, display, problems)
    return SitePage(display, src, text, page_title(text, src)) if text is not None else None


def page_title(text: str, src: str) -> str:
    """A page's title as MkDocs shows it: front-matter title, else first level-1 heading, else file name."""
    lines = text.split("\n")
    end = front_matter_end(lines)
    if end is not None:
        found = re.search(r"^title:[ \t]*(.+?)[ \t]*$", "\n".join(lines[1:end]), re.M)
        if found:
            return found.group(1).strip("\"'")
    for heading in headings(text):
        if heading.level == 1:
            return heading.title
    stem = posixpath.splitext(posixpath.basename(src))[0]
    return stem.replace("-", " ").capitalize()


def load_knowledge_base(project: Project, memo: Memo | None = None) -> LoadResult:
    """Load, validate and resolve the whole base; problems hold everything wrong.

    With a memo (`sotay serve` keeps one), each file is read again but parsed and checked again only when it
    changed: the result is the same as without."""
    problems = Problems()
    if not project.directives_dir.is_dir():
        problems.add(project.relative(project.config_file), 1, f"không có thư mục văn bản "
                     f"'{project.relative(project.directives_dir)}' (mục 'directives' của plugin sotay)")
    registry = load_registry(project, problems)
    docs = check_unique(load_documents(project, problems, registry, memo), problems)
    docs.sort(key=lambda d: d.path)
    kb = KnowledgeBase(docs)
    resolver = Resolver(kb)
    resolve_relations(kb, resolver, problems)
    check_statuses(kb, problems)
    pages = site_pages(project, problems, memo)
    check_page_markup(pages, problems, memo)
    citations, missing, plans = check_links(kb, resolver, pages, problems, memo)
    structured = load_structured(pages, resolver, problems, registry, memo)
    report_superseded_basis(kb, structured, problems)
    check_site_links(project, pages, kb, structured, problems)
    if memo is not None:
        memo.end_load()
    return LoadResult(kb, resolver, problems, missing, citations, pages, *structured, link_plans=plans)


T = TypeVar("T", Topic, Checklist, Template, CriteriaSet, Course)


def _load_kind(pages: list[SitePage], folder: str, build: Callable[[SourceFile, str, Problems], T | None],
               problems: Problems, memo: Memo | None, sources: str | None = None) -> list[T]:
    """One kind of structured page (topics, checklists, templates, criteria, courses): parsed, built, ids unique.

    Its files sit directly in its folder of docs/; index.md there, and subfolders, are generated pages. With
    `sources` (the digest of the list of sources, when build reads nothing else), an item is built again only
    when its text or that list changed; a copy each, since resolving the base points its basis at documents.
    """
    found: dict[str, T] = {}
    for page in pages:
        parent, _, name = page.src.rpartition("/")
        if parent != folder or name == "index.md":
            continue
        # The page is read once, with the others; its front matter parsed again only when its text changed.
        source = run(memo, ("front", page.path, page.text), problems, partial(split_text, page.text, page.path))
        if source is None:
            continue
        if sources is None:
            item = build(source, page.src, problems)
        else:  # a copy: resolving sets the kept item's basis and phases anew (never edits them in place)
            item = copy.copy(run(memo, ("built", folder, page.path, page.text, sources), problems,
                                 partial(build, source, page.src)))
        if item is None:
            continue
        if item.id in found:
            problems.add(item.path, source.line("id"), f"mã '{item.id}' đã dùng cho {found[item.id].path}")
            continue
        found[item.id] = item
    return sorted(found.values(), key=lambda item: item.id)


def load_structured(pages: list[SitePage], resolver: Resolver, problems: Problems,
                    registry: dict[str, Source], memo: Memo | None = None) -> Structured:
    """Topics, checklists, templates, criteria sets and courses among the site's pages, validated and resolved."""
    sources = sources_digest(registry) if memo is not None else None  # what a build reads besides its file
    topics = _load_kind(pages, TOPICS_FOLDER, lambda s, src, own: build_topic(s, src, own, registry), problems,
                        memo, sources)
    checklists = _load_kind(pages, CHECKLISTS_FOLDER, lambda s, src, own: build_checklist(s, src, own, registry),
                            problems, memo, sources)
    templates = _load_kind(pages, TEMPLATES_FOLDER, build_template, problems, memo, sources)
    criteria = _load_kind(pages, ASSESSMENT_FOLDER, build_criteria, problems, memo, sources)
    resolve_basis(topics, resolver, problems)
    resolve_checklists(checklists, resolver, problems)
    resolve_templates(templates, resolver, problems)
    resolve_criteria(criteria, resolver, problems)
    known = {"topics": {t.id for t in topics}, "checklists": {c.id for c in checklists},
             "templates": {t.id for t in templates}}

    def course(source: SourceFile, src: str, own: Problems) -> Course | None:
        # Checked whole even without a usable id (courses come last: what they cite is known by now).
        built = build_course(source, src, own, registry)
        resolve_course(built, resolver, known, own)
        return built if built.id else None

    courses = _load_kind(pages, COURSES_FOLDER, course, problems, memo)
    return topics, checklists, templates, criteria, courses


def report_superseded_basis(kb: KnowledgeBase, structured: tuple[list[Topic], list[Checklist], list[Template],
                                                                 list[CriteriaSet], list[Course]],
                            problems: Problems) -> None:
    """Topics, checklist items, templates, criteria and courses that rest only on superseded documents.

    What a cell acts on must rest on what governs now: one current document among its bases is enough,
    so history may still be cited beside it.
    """
    topics, checklists, templates, criteria, courses = structured
    places: list[tuple[str, list[Basis]]] = [(t.path, t.basis) for t in topics]
    places += [(c.path, [item.basis]) for c in checklists for phase in c.phases for item in phase.items]
    places += [(t.path, t.basis) for t in templates]
    places += [(s.path, s.basis) for s in criteria]
    places += [(s.path, [c.basis]) for s in criteria for _title, group in s.groups for c in group]
    places += [(c.path, [b for m in c.modules for b in [*m.documents, *(q.basis for q in m.quiz if q.basis)]])
               for c in courses]
    by_id, newer = kb.by_id(), kb.newer()
    for path, basis in places:
        docs = [by_id[b.target] for b in basis if b.target in by_id]
        if docs and all(d.superseded for d in docs):
            problems.add(path, min(b.line for b in basis), f"căn cứ chỉ gồm văn bản đã được thay thế hoặc đã có văn "
                         f"bản mới ({_superseded_names(kb, docs, newer)}); thêm căn cứ là văn bản đang có hiệu lực")


def _superseded_names(kb: KnowledgeBase, docs: list[Document], newer: Takers) -> str:
    """'12-HD/BTCTW, nay là 42-HD/BTCTW': each superseded document with what governs in its place."""
    names = []
    for doc in {d.id: d for d in docs}.values():
        now = ", ".join(d.label for d in kb.current_for(doc, newer))
        names.append(f"{doc.label}, nay là {now}" if now else doc.label)
    return "; ".join(names)
