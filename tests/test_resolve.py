"""The resolver: a pure function from text to linked text plus what it could not resolve."""

from __future__ import annotations

from sotay.model import Document, KnowledgeBase, PartialDate, Provision
from sotay.resolve import Resolver, link_text


def doc(doc_id: str, number: str | None, year: int | None = None, scope: str = "trung-uong",
        anchors: tuple[str, ...] = ()) -> Document:
    return Document(id=doc_id, number=number, type="chi-thi", title="Về việc thử nghiệm", issuer="Ban Bí thư",
                    issued=PartialDate(year) if year else None, scope=scope, status="con-hieu-luc",
                    path=f"{doc_id}.md", provisions=[Provision(a, a, 2, 1) for a in anchors])


KB = KnowledgeBase([
    doc("ct10", "10-CT/TW", 2007, anchors=("vi-tri",)),
    doc("ct05-2016", "05-CT/TW", 2016),
    doc("ct05-2021", "05-CT/TW", 2021),
    doc("kh47-qt", "47-KH/TU", 2017, scope="quang-tri"),
    doc("kh47-hb", "47-KH/TU", 2018, scope="hoa-binh"),
    doc("qd08", "08-QĐi/TW", 2018),
])


def url(target: Document, anchor: str | None) -> str:
    return f"/{target.id}/" + (f"#{anchor}" if anchor else "")


def run(text: str, **kwargs):  # type: ignore[no-untyped-def]
    return link_text(text, Resolver(KB), url, path="x.md", **kwargs)


def test_wikilink_forms() -> None:
    result = run("[[10-CT/TW]], [[10-CT/TW|Chỉ thị 10]], [[10-CT/TW#vi-tri]], [[05-CT/TW@2016]], [[ct10]]")
    assert result.unresolved == []
    assert result.text == (
        '[10-CT/TW](/ct10/ "Chỉ thị 10-CT/TW về việc thử nghiệm"), '
        '[Chỉ thị 10](/ct10/ "Chỉ thị 10-CT/TW về việc thử nghiệm"), '
        '[10-CT/TW](/ct10/#vi-tri "Chỉ thị 10-CT/TW về việc thử nghiệm"), '
        '[05-CT/TW](/ct05-2016/ "Chỉ thị 05-CT/TW về việc thử nghiệm"), '
        '[10-CT/TW](/ct10/ "Chỉ thị 10-CT/TW về việc thử nghiệm")'
    )
    assert [(c.target, c.anchor) for c in result.citations] == [
        ("ct10", None), ("ct10", None), ("ct10", "vi-tri"), ("ct05-2016", None), ("ct10", None)]


def test_unresolved_links_are_returned_and_left_in_place() -> None:
    result = run("Một dòng.\nXem [[99-CT/TW]] và [[10-CT/TW#khong]] và [[05-CT/TW]].")
    assert [(u.line, u.raw) for u in result.unresolved] == [
        (2, "[[99-CT/TW]]"), (2, "[[10-CT/TW#khong]]"), (2, "[[05-CT/TW]]")]
    assert "[[99-CT/TW]]" in result.text


def test_local_numbers_prefer_the_citing_scope() -> None:
    assert run("[[47-KH/TU]]", scope="quang-tri").citations[0].target == "kh47-qt"
    assert run("[[47-KH/TU]]", scope="hoa-binh").citations[0].target == "kh47-hb"
    assert len(run("[[47-KH/TU]]").unresolved) == 1


def test_plain_citations() -> None:
    text = ("Theo Chỉ thị số 10-CT/TW và Quy định số 08-QĐi/TW; Chỉ thị số 05-CT/TW, ngày 15/5/2016 "
            "của Bộ Chính trị; Kế hoạch số 47 - KH/TU; Quy định số 31-QĐ/TU.")
    result = run(text, scope="quang-tri")
    assert [c.target for c in result.citations] == ["ct10", "qd08", "ct05-2016", "kh47-qt"]
    assert [m.raw for m in result.missing] == ["31-QĐ/TU"]
    assert 'Chỉ thị số [10-CT/TW](/ct10/ "' in result.text
    assert "ngày 15/5/2016 của" in result.text


def test_ambiguous_plain_citation_is_left_alone() -> None:
    result = run("Chỉ thị 05-CT/TW nói rằng.")
    assert result.citations == [] and result.missing == [] and result.text == "Chỉ thị 05-CT/TW nói rằng."


def test_code_headings_links_and_self_are_skipped() -> None:
    text = ("`[[99-CT/TW]]` và `10-CT/TW`\n```\n[[99-CT/TW]] 10-CT/TW\n```\n## Về 10-CT/TW\n"
            "[Chỉ thị 10-CT/TW](http://x/) https://x/10-CT/TW")
    result = run(text)
    assert result.unresolved == [] and result.citations == [] and result.text == text
    assert run("Chỉ thị 10-CT/TW này", self_id="ct10").citations == []
