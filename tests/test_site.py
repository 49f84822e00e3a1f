"""The document site, built from a fixture base: what a reader sees in the HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, REPO, Project, build_fixture_site, document
from test_topics import TOPIC

from sotay.loader import load_knowledge_base
from sotay.project import load_project
from sotay.render import document_page
from sotay.search.entries import build_entries
from sotay.site import EDITION_ALL, Linker, SiteModel
from sotay.urls import error_page_base

RELATION = "relations:\n  - type: continues\n    target: 10-CT/TW\n"
FILES: dict[str, str | bytes] = {
    "directives/a.md": document(body="Tóm tắt.\n\n## Điều lệ Đảng\n\nNội dung.\n\n"
                                     "## Chế độ sinh hoạt {#che-do}\n\nX.\n"),
    "directives/b.md": document("b", "18-KL/TW", doc_type="ket-luan", issued="2017-03-22",
                                extra=RELATION + "unverified: [issued]\n",
                                body="Tóm tắt: tiếp tục [[10-CT/TW#dieu-le-dang|Chỉ thị]].\n\n"
                                     "## Yêu cầu {#yeu-cau}\n\nGiữ [[10-CT/TW#che-do]] như Chỉ thị số 10-CT/TW.\n"),
    "directives/dia-phuong/c.md": document("c", "47-KH/TU", doc_type="ke-hoach", issued="2022", scope="quang-tri",
                                           extra="relations:\n  - type: implements\n    target: 18-KL/TW\n"),
    "docs/trang.md": "# Trang hướng dẫn\n\n## Phần một\n\nTheo Kết luận số 18-KL/TW.\n",
}


def sotay_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sotay.cli", "build", *args], cwd=root, capture_output=True,
                          text=True, timeout=300)


def page(root: Path, src: str) -> str:
    return (root / "site" / src / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = {name: content for name, content in FILES.items() if isinstance(content, str)}
    assert len(texts) == len(FILES)  # the site's files are all text
    return build_fixture_site(tmp_path_factory.mktemp("site"), texts).parent


def test_panel_shows_metadata_and_unverified(site: Path) -> None:
    html = page(site, "van-ban/b")
    panel = html[html.index('<div class="sotay-panel"'):]
    panel = panel[: panel.index("</dl></div>")]
    assert "<dt>Số hiệu</dt><dd>18-KL/TW</dd>" in panel
    assert "<dt>Loại văn bản</dt><dd>Kết luận</dd>" in panel
    assert re.search(r'<dt>Ngày ban hành</dt><dd>22/03/2017 <span class="sotay-unverified"[^>]*>chưa đối chiếu',
                     panel)
    assert "<dt>Phạm vi</dt><dd>Trung ương</dd>" in panel
    assert "Báo Thử nghiệm: “Bài thử nghiệm”, 29/11/2023." in panel


def test_relations_in_both_directions(site: Path) -> None:
    b = page(site, "van-ban/b")
    assert re.search(r'Tiếp tục: <a href="\.\./chi-thi-10-ct-tw/" title="Chỉ thị 10-CT/TW về việc thử nghiệm">'
                     r"Chỉ thị 10-CT/TW</a>", b)
    assert re.search(r'Được triển khai bởi: <a href="\.\./c/"[^>]*>Kế hoạch 47-KH/TU</a>', b)
    a = page(site, "van-ban/chi-thi-10-ct-tw")
    assert re.search(r'Được tiếp tục bởi: <a href="\.\./b/"[^>]*>Kết luận 18-KL/TW</a>', a)


def test_backlinks_down_to_the_provision(site: Path) -> None:
    a = page(site, "van-ban/chi-thi-10-ct-tw")
    backlinks = a[a.index('id="duoc-nhac-den"'):]
    assert '<a href="../b/#yeu-cau">18-KL/TW › Yêu cầu</a> — nhắc đến mục <a href="#che-do">Chế độ sinh hoạt</a>' \
        in backlinks
    assert '<a href="../b/">18-KL/TW</a> — nhắc đến mục <a href="#dieu-le-dang">Điều lệ Đảng</a>' in backlinks
    b = page(site, "van-ban/b")
    assert '<a href="../../trang/#phan-mot">Trang hướng dẫn › Phần một</a>' in b


def test_links_render_with_tooltips_and_anchors_keep_letters(site: Path) -> None:
    b = page(site, "van-ban/b")
    assert '<a href="../chi-thi-10-ct-tw/#dieu-le-dang" title="Chỉ thị 10-CT/TW về việc thử nghiệm">Chỉ thị</a>' in b
    assert 'Chỉ thị số <a href="../chi-thi-10-ct-tw/" title="Chỉ thị 10-CT/TW về việc thử nghiệm">10-CT/TW</a>' in b
    assert 'id="dieu-le-dang"' in page(site, "van-ban/chi-thi-10-ct-tw")
    trang = page(site, "trang")
    assert '<a href="../van-ban/b/" title="Kết luận 18-KL/TW về việc thử nghiệm">18-KL/TW</a>' in trang


def test_nothing_unresolved_or_external_reaches_html(site: Path) -> None:
    pages = list((site / "site").rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        html = path.read_text("utf-8")
        assert "[[" not in html, path
        resources = re.findall(r'<(?:script|img|iframe|audio|video|source)\b[^>]*\bsrc="([^"]*)"', html)
        resources += re.findall(r'<link\b[^>]*\bhref="([^"]*)"', html)
        external = [u for u in resources if re.match(r"^(?:[a-z]+:)?//", u)]
        assert external == [], (path, external)
        assert "fonts.googleapis" not in html and "unpkg" not in html and "mermaid" not in html
        assert "Made with" not in html  # extra.generator: false


def test_index_filters_and_vietnamese_order(site: Path) -> None:
    html = page(site, "van-ban")
    rows = re.findall(r'<tr data-type="([^"]+)" data-issuer="([^"]+)" data-scope="([^"]+)" data-status="([^"]+)" '
                      r'data-year="(\d*)"><td><a href="([^"]+)">([^<]+)</a>', html)
    assert [r[6].split(" về ")[0] for r in rows] == ["Chỉ thị 10-CT/TW", "Kế hoạch 47-KH/TU", "Kết luận 18-KL/TW"]
    # Values are space-separated lists for the filter script: an issuer is matched by its slug.
    assert rows[1][:6] == ("ke-hoach", "ban-bi-thu-trung-uong-dang", "quang-tri", "chua-ro", "2022", "c/")
    for facet in ("type", "issuer", "scope", "status", "year"):
        assert f'data-sotay-facet="{facet}"' in html
    assert '<option value="quang-tri">Quảng Trị</option>' in html
    assert '<option value="ban-bi-thu-trung-uong-dang">Ban Bí thư Trung ương Đảng</option>' in html


def test_timeline_orders_by_date(site: Path) -> None:
    html = page(site, "van-ban/dong-thoi-gian")
    years = re.findall(r'<h2 id="nam-(\d+)"', html)
    assert years == ["2022", "2017", "2007"]
    assert "<strong>22/03/2017</strong> (chưa đối chiếu)" in html


def test_diagrams_are_inline_svg(site: Path) -> None:
    for src in ("van-ban/b", "van-ban/so-do-quan-he"):
        html = page(site, src)
        start = html.index('class="sotay-diagram"')
        svg = html[start: html.index("</svg>", start)]
        assert 'role="group"' in svg and 'role="img"' not in svg  # its nodes are links: a group, not an image
        assert svg.count("<rect") == 3
        assert 'marker-end="url(#sotay-arrow-continues)"' in svg
    current = page(site, "van-ban/b")
    assert 'class="sotay-node sotay-node-current"' in current
    assert '<a href="../chi-thi-10-ct-tw/" class="sotay-node">' in current


def test_failed_build_leaves_previous_site(project: Project) -> None:
    root = project({"directives/a.md": document()})
    assert sotay_build(root).returncode == 0
    before = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "directives" / "a.md").write_text(document(issued="2018-02-31"), encoding="utf-8")
    proc = sotay_build(root)
    assert proc.returncode == 1
    assert "directives/a.md:7: error: trường 'issued': ngày không có thật: '2018-02-31'" in proc.stderr
    after = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site")]  # no staging folder left


def test_failure_during_rendering_leaves_previous_site(project: Project) -> None:
    root = project({"directives/a.md": document(), "docs/trang.md": "# Trang\n\n[gãy](khong-co.md)\n"})
    (root / "site").mkdir()
    (root / "site" / "cu.html").write_text("trang cũ", encoding="utf-8")
    (root / "site" / ".sotay-site").write_text("", encoding="utf-8")  # an earlier build made it: it may be replaced
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "strict: true\n", encoding="utf-8")
    proc = sotay_build(root)
    assert proc.returncode == 1, proc.stdout
    assert "khong-co.md" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in (root / "site").iterdir()) == [".sotay-site", "cu.html"]
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site")]  # no staging folder left


def test_edition_keeps_central_and_one_province(project: Project) -> None:
    files = dict(FILES)
    files["directives/dia-phuong/d.md"] = document("d", "9-KH/TU", doc_type="ke-hoach", scope="hoa-binh",
                                                   body="Tóm tắt, theo [[47-KH/TU]].\n")
    # A topic resting only on Quảng Trị's plan belongs to that edition alone.
    # Its text cites a central document: the edition leaving it out must not link to it from there.
    files["docs/chu-de/rieng-quang-tri.md"] = TOPIC.replace("ke-chuyen-ve-bac", "rieng-quang-tri").replace(
        "[[10-CT/TW#diem-chinh]]", "[[47-KH/TU]]").replace("Kể chuyện về Bác", "Chuyện riêng Quảng Trị").replace(
        "Đoạn mở đầu của gợi ý.", "Đoạn mở đầu của gợi ý, theo [[10-CT/TW]].")
    root = project(files)
    # Hòa Bình went into Phú Thọ on 01/07/2025: its documents are in the edition of Phú Thọ.
    refused = sotay_build(root, "--edition", "hoa-binh")
    assert refused.returncode == 2
    assert "tỉnh Hòa Bình từ 01/07/2025 thuộc tỉnh Phú Thọ" in refused.stderr and "ấn bản 'phu-tho'" in refused.stderr
    proc = sotay_build(root, "--edition", "phu-tho")
    assert proc.returncode == 0, proc.stderr
    assert not (root / "site" / "chu-de" / "rieng-quang-tri").exists()
    result = load_knowledge_base(load_project(root / "mkdocs.yml"))

    def found(edition: str) -> set[str]:
        site = SiteModel(result, load_project(root / "mkdocs.yml"), edition)
        return {e.url for e in build_entries(result, site)}

    assert "chu-de/rieng-quang-tri/" not in found("phu-tho") and "chu-de/rieng-quang-tri/" in found("toan-quoc")
    assert sotay_build(root).returncode == 0  # the national edition has it
    assert (root / "site" / "chu-de" / "rieng-quang-tri" / "index.html").is_file()
    proc = sotay_build(root, "--edition", "phu-tho")
    assert proc.returncode == 0, proc.stderr
    assert (root / "site" / "van-ban" / "d" / "index.html").is_file()
    assert not (root / "site" / "van-ban" / "c").exists()
    d = page(root, "van-ban/d")
    assert "theo 47-KH/TU." in d  # the link to a document outside the edition stays plain text
    assert "Hòa Bình (từ 01/07/2025 thuộc tỉnh Phú Thọ)" in d  # labelled with the body that issued it then
    assert sotay_build(root, "--edition", "ha-noi").returncode == 2


def test_listing_page_sorts_in_vietnamese_order_and_keeps_links_whole() -> None:
    from sotay.render import listing_page

    page = listing_page("Bảng kiểm", "Ghi chú.", [("Đại hội [mẫu]", "bang-kiem/dai-hoi.md", "b"),
                                                   ("Dân vận", "bang-kiem/dan-van.md", "a")])
    assert page.splitlines()[4:6] == ["- [Dân vận](dan-van.md): a", "- [Đại hội (mẫu)](dai-hoi.md): b"]


def test_export_urls_are_absolute_with_site_url(project: Project) -> None:
    import json
    import subprocess
    import sys

    root = project({"directives/a.md": document()})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "site_url: https://sotay.example/\nuse_directory_urls: false\n",
                      encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "export"], cwd=root, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["url"] == "https://sotay.example/van-ban/chi-thi-10-ct-tw.html"


def test_the_error_page_of_a_served_site_keeps_absolute_links(site: Path) -> None:
    """Served (folder addresses), a missing page at any depth shows 404.html: its links start from the root."""
    html = (site / "site" / "404.html").read_text("utf-8")
    assert 'href="/assets/sotay/sotay.css"' in html and 'href="./assets' not in html


def test_where_the_error_page_links_from() -> None:
    assert error_page_base("", directory_urls=False) == "."  # a bundle, opened from file://
    assert error_page_base("", directory_urls=True) == "/"
    assert error_page_base("https://sotay.example/quang-tri/", directory_urls=False) == "/quang-tri/"


def test_a_link_to_an_anchor_a_page_lacks_fails_the_build(tmp_path: Path) -> None:
    """The shipped config validates anchors; a strict build with it refuses a link to a missing one."""
    shipped = (REPO / "mkdocs.yml").read_text("utf-8")
    assert "validation:\n  anchors: warn\n" in shipped
    root = tmp_path / "p"
    for name, content in {"docs/index.md": "# Trang chủ\n\n[Xem](trang.md#khong-co)\n",
                          "docs/trang.md": "# Trang\n\n## Có {#co}\n", "directives/a.md": document()}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML + "strict: true\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    proc = sotay_build(root)
    assert proc.returncode != 0  # an editor's page: check knows its headings, and says so before the build
    assert "docs/index.md:3: error: liên kết 'trang.md#khong-co': trang 'trang.md' không có mục nào mang neo " \
        "'#khong-co'" in proc.stderr
    # A page the plugin makes: its anchors are known once it is rendered, and the strict build refuses.
    (root / "docs/index.md").write_text("# Trang chủ\n\n[Xem](van-ban/chi-thi-10-ct-tw.md#khong-co)\n", "utf-8")
    proc = sotay_build(root)
    assert proc.returncode != 0
    assert "does not contain an anchor '#khong-co'" in proc.stdout + proc.stderr


def test_a_course_is_cited_at_its_module_not_at_a_heading_of_its_printable_page() -> None:
    """A document cited inside a module's lecture links to that module on the course page: the lecture's own
    headings are only on the printable page."""
    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    site = SiteModel(result, project)
    modules = {c.src: {m.id for m in c.modules} for c in result.courses}
    cited = [(b.src, b.section.anchor) for links in site.backlinks.values() for b in links
             if b.src in modules and b.section is not None]
    assert cited, "the shipped courses cite documents inside their modules"
    assert all(anchor in modules[src] for src, anchor in cited)


def test_a_sitemap_and_canonical_links_only_with_a_site_url(site: Path, tmp_path: Path) -> None:
    """Without site_url a sitemap would list wrong addresses (a bundle can be opened anywhere): none is written.
    With it, the sitemap lists absolute addresses and each page names its canonical one."""
    assert not (site / "site" / "sitemap.xml").exists() and not (site / "site" / "sitemap.xml.gz").exists()
    assert 'rel="canonical"' not in page(site, "van-ban/b")
    texts = {name: content for name, content in FILES.items() if isinstance(content, str)}
    online = build_fixture_site(tmp_path / "online", texts, "site_url: https://sotay.example/\n")
    assert "<loc>https://sotay.example/van-ban/b/</loc>" in (online / "sitemap.xml").read_text("utf-8")
    assert '<link rel="canonical" href="https://sotay.example/van-ban/b/">' in (
        online / "van-ban" / "b" / "index.html").read_text("utf-8")


def test_document_pages_from_the_loaders_links_equal_pages_resolved_again() -> None:
    """Checking the base resolves every document's links once (LoadResult.link_plans); a document's page makes
    them into links with its own URLs. Resolved again, the pages are the same: in the whole-country edition, and
    in a province's, where links to documents the edition leaves out stay plain text."""
    project = load_project(REPO / "mkdocs.yml")
    result = load_knowledge_base(project)
    assert not result.problems and len(result.link_plans) == len(result.kb.documents)
    for edition, at_least in ((EDITION_ALL, 150), ("quang-tri", 100)):
        site = SiteModel(result, project, edition)
        linker = Linker(site)
        planned = [document_page(doc, site, linker) for doc in site.documents]
        site.link_plans = {}
        assert [document_page(doc, site, linker) for doc in site.documents] == planned, edition
        assert sum(page.count('.md "') for page in planned) >= at_least, "too few links to compare"
