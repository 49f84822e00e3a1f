"""The shipped course packs as PDF: read back, they carry the document numbers, diacritics, ordered sections."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from conftest import REPO
from pypdf import PdfReader

from sotay.course_pack import PackOptions, pack_base
from sotay.courses import Course
from sotay.loader import LoadResult, load_knowledge_base
from sotay.pdf import course_pdf
from sotay.project import load_project
from sotay.site import SiteModel

# What each shipped course must teach, by the numbers of its documents.
COURSES = {
    "bi-thu-chi-bo-moi": ["10-CT/TW", "18-KL/TW", "12-HD/BTCTW"],
    "van-ban-xay-dung-dang": ["10-CT/TW", "18-KL/TW", "12-HD/BTCTW", "21-NQ/TW", "121-KH/TU", "211-KH/TU"],
}


@pytest.fixture(scope="module")
def result() -> LoadResult:
    loaded = load_knowledge_base(load_project(REPO / "mkdocs.yml"))
    assert [str(p) for p in loaded.problems.sorted()] == []
    return loaded


def course(result: LoadResult, course_id: str) -> Course:
    return next(c for c in result.courses if c.id == course_id)


def pdf_pages(result: LoadResult, course_id: str, options: PackOptions) -> list[str]:
    project = load_project(REPO / "mkdocs.yml")
    data = course_pdf(course(result, course_id), pack_base(result, SiteModel(result, project), "0.0"), options)
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module", params=sorted(COURSES))
def full(request: pytest.FixtureRequest, result: LoadResult) -> tuple[str, list[str]]:
    return request.param, pdf_pages(result, request.param, PackOptions(level="full", trainer=True))


def test_both_required_courses_are_shipped(result: LoadResult) -> None:
    assert set(COURSES) <= {c.id for c in result.courses}
    for shipped in result.courses:
        assert len(shipped.modules) >= 4, shipped.id
        assert all(m.key_points and m.questions and m.quiz for m in shipped.modules), shipped.id
        assert all(q.basis is not None for m in shipped.modules for q in m.quiz), shipped.id


def test_pdf_has_the_document_numbers_and_their_sources(full: tuple[str, list[str]]) -> None:
    course_id, pages = full
    text = "\n".join(pages)
    appendix = text[text.rindex("Văn bản và nguồn"):]
    for number in COURSES[course_id]:
        assert number in text, number
        assert number in appendix, number  # every document's sources close the pack
    assert "Nguồn:" in appendix


def test_pdf_text_is_vietnamese_with_diacritics(full: tuple[str, list[str]]) -> None:
    _course_id, pages = full
    text = "\n".join(pages)
    assert unicodedata.is_normalized("NFC", text)
    for phrase in ("sinh hoạt chi bộ", "Đảng", "đảng viên", "Câu hỏi thảo luận", "Đáp án"):
        assert phrase in text, phrase
    toned = set(re.findall(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text))
    assert len(toned) >= 30  # the text really carries the toned letters, not stripped or decomposed ones
    assert re.search(r"Cập nhật với các văn bản đã biết đến ngày \d{2}/\d{2}/\d{4}", pages[0])


def test_pdf_sections_are_numbered_and_in_order(full: tuple[str, list[str]], result: LoadResult) -> None:
    course_id, pages = full
    modules = course(result, course_id).modules
    body = "\n".join(pages[2:])  # after the cover and the table of contents
    flat = " ".join(body.split())
    position = 0
    for number, module in enumerate(modules, 1):
        for heading in (f"{number}. {' '.join(module.title.split())}", f"{number}.1. Ý chính và phần giảng",
                        f"{number}.2. Văn bản cần nắm"):
            found = flat.find(heading, position)
            assert found >= 0, heading
            position = found
    contents = " ".join(pages[1].split())
    assert "Mục lục" in contents and f"{len(modules)}. " in contents


def test_directives_course_follows_10_then_18_then_21(result: LoadResult) -> None:
    modules = course(result, "van-ban-xay-dung-dang").modules
    order = [next(i for i, m in enumerate(modules) if number in m.title) for number in ("10-CT/TW", "18-KL/TW",
                                                                                         "21-NQ/TW")]
    assert order == sorted(set(order))  # a module each, in the order the Party issued them
    for index, doc_id in zip(order, ("chi-thi-10-ct-tw", "ket-luan-18-kl-tw", "nghi-quyet-21-nq-tw"), strict=True):
        assert doc_id in {b.target for b in modules[index].documents}


def test_secretaries_course_rests_on_guidance_12(result: LoadResult) -> None:
    modules = course(result, "bi-thu-chi-bo-moi").modules
    on_12 = [m for m in modules if any(b.target == "huong-dan-12-hd-btctw" for b in m.documents)]
    assert len(on_12) >= 3
    pulled = {kind: {r.id for m in modules for r in m.references[kind]} for kind in ("checklists", "templates")}
    assert {"hop-chi-uy", "sinh-hoat-thuong-ky", "sinh-hoat-chuyen-de"} <= pulled["checklists"]
    assert {"bien-ban-hop-chi-bo", "nghi-quyet-chi-bo"} <= pulled["templates"]


@pytest.mark.parametrize("course_id", sorted(COURSES))
def test_summary_is_shorter_and_learners_copy_has_no_answers(result: LoadResult, course_id: str) -> None:
    summary = pdf_pages(result, course_id, PackOptions(level="summary"))
    text = "\n".join(summary)
    assert "Bản tóm tắt" in summary[0]
    assert "Đáp án" not in text
    assert all(number in text for number in COURSES[course_id])
    full = pdf_pages(result, course_id, PackOptions(level="full"))
    assert len(summary) < len(full) * 0.7
