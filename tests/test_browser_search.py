"""The site's search in node and in real Chromium from file://, on the shipped base and on hostile input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser import Session, axe_problems
from conftest import MKDOCS_YML, REPO, document
from playwright.sync_api import Page
from test_search import QUERIES, answers

from sotay.search.browser import features, pack, part_file, read_script

# The search page's list is complete (not busy with its first few results) and shows results of query q.
RESULTS_OF = """q => {
    const list = document.querySelector('.sotay-results');
    return !!list && !list.hasAttribute('aria-busy') && list.dataset.query === q && list.children.length > 0;
}"""


def build(config: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "-f", str(config)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return config.parent / "site"


@pytest.fixture(scope="module")
def shipped_offline(shipped_site: Path) -> Path:
    """The shipped base built for file:// (page.html addresses), as a bundle will be."""
    return shipped_site




def test_node_engine_answers_the_query_set(shipped_offline: Path) -> None:
    queries = [{"query": q, "limit": 3, "kind": "document"} for q, _ in QUERIES]
    proc = subprocess.run([shutil.which("node") or "node", str(REPO / "search" / "node-query.js"),
                           str(shipped_offline / "assets" / "sotay" / "search-index.js")],
                          input=json.dumps(queries), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]
    for (query, expected), found in zip(QUERIES, results, strict=True):
        wanted = [a.replace("/#", ".html#") if "/#" in a else a if a.startswith("#") else a.rstrip("/") + ".html"
                  for a in answers(expected)]
        assert any(w in r["url"] for r in found for w in wanted), (query, [r["url"] for r in found])


def test_search_from_file_without_diacritics(shipped_offline: Path, browser: Session) -> None:
    page = browser.page()
    page.goto((shipped_offline / "index.html").as_uri())
    page.click(".sotay-hsearch__open")
    page.keyboard.type("sinh hoat")
    page.keyboard.press("Enter")  # nothing highlighted: the search page, with the query
    page.wait_for_selector("#sotay-search.sotay-search-ready")
    assert page.url.endswith("/tim-kiem.html?q=sinh+hoat")
    page.fill("#sotay-search input[name=q]", "sinh hoat chuyen de")
    page.wait_for_function(RESULTS_OF, arg="sinh hoat chuyen de")
    hrefs = page.eval_on_selector_all(".sotay-result-title", "links => links.map(a => a.getAttribute('href'))")
    assert any("#sinh-hoat-chuyen-de" in h for h in hrefs[:3])
    assert page.locator(".sotay-results mark").first.text_content().lower() in ("sinh", "hoạt", "chuyên", "đề")
    page.fill("#sotay-search input[name=q]", "dang uy")
    page.wait_for_function(RESULTS_OF, arg="dang uy")
    assert "Đảng ủy" in page.locator(".sotay-results").text_content()
    page.click(".sotay-result-title >> nth=0")
    page.wait_for_load_state()
    assert page.url.startswith("file://") and ".html" in page.url
    assert browser.outside_requests() == []


def test_query_and_facets_live_in_the_url(shipped_offline: Path, browser: Session) -> None:
    page = browser.page()
    page.goto((shipped_offline / "tim-kiem.html").as_uri() + "?q=sinh+ho%E1%BA%A1t&kind=page")
    page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    kinds = page.eval_on_selector_all(".sotay-result-kind", "spans => spans.map(s => s.textContent)")
    assert set(kinds) == {"trang"}
    assert page.locator("select[name=kind]").input_value() == "page"


def test_hostile_titles_are_shown_as_text(tmp_path: Path, browser: Session) -> None:
    root = tmp_path / "xss"
    hostile = 'Về <img src=x onerror="window.__xss=1"> và <script>window.__xss=2</script>'
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (root / "directives").mkdir()
    (root / "directives" / "a.md").write_text(document().replace("title: Về việc thử nghiệm", f"title: '{hostile}'"),
                                              encoding="utf-8")
    config = MKDOCS_YML.replace("  - sotay\n", "  - sotay\n  - sotay-search\n") + "use_directory_urls: false\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build(root / "mkdocs.yml")
    page = browser.page()
    page.goto((site / "tim-kiem.html").as_uri() + "?q=onerror")
    page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    assert "<img src=x" in page.locator(".sotay-result-title").first.text_content()
    assert page.evaluate("window.__xss") is None
    page.goto((site / "van-ban" / "chi-thi-10-ct-tw.html").as_uri())
    assert page.evaluate("window.__xss") is None
    assert "<script>" in page.locator("h1").text_content()


def test_shipped_site_has_no_unresolved_link(shipped_offline: Path) -> None:
    import re

    for page in shipped_offline.rglob("*.html"):
        # Code shows wiki links on purpose, and a script's JSON has nested arrays: neither is a link left unresolved.
        text = re.sub(r"<pre\b.*?</pre>|<code\b.*?</code>|<script\b.*?</script>", "", page.read_text("utf-8"),
                      flags=re.S)
        assert "[[" not in text, page


def test_search_page_without_javascript_points_at_the_documents(shipped_offline: Path) -> None:
    import re

    page = (shipped_offline / "tim-kiem.html").read_text(encoding="utf-8")
    href = re.search(r'<noscript><p>[^<]*<a href="([^"]+)">danh sách văn bản</a>', page)
    assert href is not None and href.group(1) == "van-ban/index.html"
    assert (shipped_offline / href.group(1)).is_file()


# ---- The search boxes of every page: results under them as one types (search/box.js). ----

PHONE = (360, 740)
OPTION_TITLES = "() => [...document.querySelectorAll('.sotay-hsearch [role=option] .sotay-suggest__title')]" \
                ".map(t => t.textContent)"


# The list under the header's box shows what the engine finds for the text typed (not an earlier keystroke's).
SHOWS_RESULTS_OF = """q => {
    const input = document.querySelector('#sotay-hq');
    if (input.value !== q || !window.SOTAY_SEARCH_INDEX || input.getAttribute('aria-expanded') !== 'true') return false;
    let wanted;  // the page's engine answers at once with the parts the box has loaded
    try { wanted = SotaySearch.current().search(q, {prefix: true, limit: 8}).results; } catch (e) { return false; }
    return JSON.stringify(wanted.map(r => r.title)) === JSON.stringify((OPTION_TITLES)());
}""".replace("OPTION_TITLES", OPTION_TITLES)


def topic_page(site: Path) -> Path:
    """A topic page of the shipped base (not the catalogue, not the annual plan)."""
    pages = sorted(p for p in (site / "chu-de").glob("*.html") if p.name not in ("index.html", "ke-hoach-nam.html"))
    assert pages
    return pages[0]


def index_requests(session: Session) -> list[str]:
    return [url for url in session.requests if url.endswith("/search-index.js")]


def type_in_header(page: Page, text: str) -> list[str]:
    """Type into the header's box (opened by its button on a phone) and return the suggested titles."""
    page.fill("#sotay-hq", "")
    page.type("#sotay-hq", text)
    page.wait_for_function(SHOWS_RESULTS_OF, arg=text)
    titles: list[str] = page.evaluate(OPTION_TITLES)
    return titles


def test_header_box_suggests_words_being_typed_on_a_phone(shipped_offline: Path, browser: Session) -> None:
    page = browser.page(*PHONE)
    loads: list[str] = []  # this page's own requests for the index (other tests' pages may still be loading)
    page.on("request", lambda request: loads.append(request.url) if request.url.endswith("/search-index.js")
            else None)
    before = 0
    page.goto(topic_page(shipped_offline).as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("window.SOTAY_SEARCH_INDEX") is None and len(loads) == before
    assert page.evaluate("typeof window.SotaySearch") == "undefined"  # nor the engine: only box.js came with the page
    assert not page.is_visible("#sotay-hq")  # a phone shows the button only
    toggle = page.locator(".sotay-hsearch__open")
    box = toggle.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.wait_for_function("document.activeElement && document.activeElement.id === 'sotay-hq'")
    page.wait_for_function("!!window.SOTAY_SEARCH_INDEX")  # loaded on the first focus (a busy machine takes time)
    assert len(loads) == before + 1  # and once
    field = page.locator("#sotay-hq").bounding_box()
    assert field and field["height"] >= 44 and field["width"] >= 250  # full width under the header bar
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#sotay-hq')).fontSize)") >= 16

    titles = type_in_header(page, "bien b")
    assert 0 < len(titles) <= 8 and any(t.startswith("Biên bản") for t in titles[:3]), titles
    listbox = page.locator("#sotay-hq-list").bounding_box()
    assert listbox and listbox["y"] >= field["y"] + field["height"] - 1  # right under the box
    assert page.locator("#sotay-hq-list mark").first.text_content() in ("biên", "bản", "Biên", "Bản")
    assert any(t.startswith("Kết luận") for t in type_in_header(page, "ket lu")[:3])
    tccs = page.evaluate("() => [...document.querySelectorAll('.sotay-hsearch [role=option]')]"
                         ".map(o => o.textContent.toLowerCase())") if type_in_header(page, "tccs") else []
    assert tccs and "tổ chức cơ sở đảng" in tccs[0], tccs
    assert len(loads) == before + 1

    # Keys: down highlights, Escape closes the list and keeps the text, a second Escape closes the box.
    type_in_header(page, "bien b")
    page.keyboard.press("ArrowDown")
    first = page.locator("#sotay-hq-list [role=option]").first
    page.wait_for_function("document.querySelector('#sotay-hq-list [role=option]')"
                           "?.getAttribute('aria-selected') === 'true'")
    assert page.get_attribute("#sotay-hq", "aria-activedescendant") == first.get_attribute("id")
    page.keyboard.press("ArrowUp")
    page.wait_for_function("!document.querySelector('#sotay-hq').hasAttribute('aria-activedescendant')")
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('#sotay-hq').getAttribute('aria-expanded') === 'false'")
    assert not page.is_visible("#sotay-hq-list")
    assert page.input_value("#sotay-hq") == "bien b"
    page.keyboard.press("Escape")
    assert not page.is_visible("#sotay-hq") and toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('sotay-hsearch__open')")

    # Enter on a highlighted result opens it.
    toggle.click()
    type_in_header(page, "bien b")
    expected = page.evaluate("SotaySearch.current().search('bien b', {prefix: true, limit: 8}).results[0].url")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == (shipped_offline / expected.split("#")[0]).as_uri() + ("#" + expected.split("#")[1]
                                                                              if "#" in expected else "")
    assert browser.outside_requests() == []


def test_enter_opens_the_search_page_with_the_words_being_typed(shipped_offline: Path, browser: Session) -> None:
    page = browser.page(*PHONE)
    page.goto(topic_page(shipped_offline).as_uri())
    page.click(".sotay-hsearch__open")
    type_in_header(page, "ket lu")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == (shipped_offline / "tim-kiem.html").as_uri() + "?q=ket+lu"
    page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    assert page.input_value("#sotay-search input[name=q]") == "ket lu"
    titles = page.eval_on_selector_all(".sotay-result-title", "links => links.map(a => a.textContent)")
    assert any(t.startswith("Kết luận") for t in titles[:3]), titles[:5]  # the search page completes words too
    assert browser.outside_requests() == []


def test_header_form_works_without_javascript(shipped_offline: Path, browser: Session) -> None:
    for width, height in (PHONE, (1280, 800)):
        page = browser.browser.new_page(java_script_enabled=False, viewport={"width": width, "height": height})
        page.goto(topic_page(shipped_offline).as_uri())
        if width < 500:
            assert not page.is_visible("#sotay-hq")
            page.click(".sotay-hsearch__open")  # a link to the form, which CSS then shows
        assert page.is_visible("#sotay-hq")
        page.fill("#sotay-hq", "biên bản")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == (shipped_offline / "tim-kiem.html").as_uri() + "?q=bi%C3%AAn+b%E1%BA%A3n"
        page.close()


def test_remembered_cell_type_fills_the_search_page_filter(shipped_offline: Path, browser: Session) -> None:
    search = (shipped_offline / "tim-kiem.html").as_uri()
    page = browser.page()
    page.goto((shipped_offline / "index.html").as_uri())
    page.evaluate("localStorage.setItem('sotay.cell', JSON.stringify('thon'))")
    page.goto(search + "?q=sinh+hoat")
    page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    assert page.input_value("select[name=cell]") == "thon"
    assert "Chi bộ thôn" in page.text_content(".sotay-search-status")
    assert "cell=" not in page.url  # the remembered choice stays out of the address
    page.select_option("select[name=cell]", "co-quan")
    page.wait_for_function("location.search.includes('cell=co-quan')")
    assert page.evaluate("localStorage.getItem('sotay.cell')") == '"thon"'  # not overwritten here
    page.goto(search + "?q=sinh+hoat&cell=quan-doi")  # the address wins
    page.wait_for_selector("#sotay-search.sotay-search-ready")
    assert page.input_value("select[name=cell]") == "quan-doi"
    for stored in ('"lang"', '"<img src=x>"', "{not json", '["thon"]'):
        page.evaluate("v => localStorage.setItem('sotay.cell', v)", stored)
        page.goto(search + "?q=sinh+hoat")
        page.wait_for_selector("#sotay-search.sotay-search-ready")
        assert page.input_value("select[name=cell]") == "", stored
    page.evaluate("localStorage.removeItem('sotay.cell')")


HOME = '# Trang chủ\n\nSổ tay thử nghiệm.\n\n<div class="sotay-home-search" data-sotay-search-box></div>\n'


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small base with directory URLs (page/ addresses) and a home page holding a search box."""
    root = tmp_path_factory.mktemp("small")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (root / "directives").mkdir()
    body = "Tóm tắt: chi bộ ghi biên bản mỗi kỳ họp và ra kết luận.\n\n## Điểm chính {#diem-chinh}\n\nNội dung.\n"
    (root / "directives" / "a.md").write_text(document(body=body), encoding="utf-8")
    config = MKDOCS_YML.replace("  - sotay\n", "  - sotay\n  - sotay-search\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return build(root / "mkdocs.yml")


def test_home_page_box_and_directory_addresses_from_file(small_site: Path, browser: Session) -> None:
    home = (small_site / "index.html").read_text("utf-8")
    assert '<div class="sotay-home-search" data-sotay-search-box><form ' in home and 'action="tim-kiem/"' in home
    page = browser.page(*PHONE)
    page.goto((small_site / "index.html").as_uri())
    assert page.is_visible("#sotay-q-1") and page.text_content("label[for=sotay-q-1]") == "Tìm trong Sổ tay"
    page.type("#sotay-q-1", "bien b")
    page.wait_for_selector(".sotay-home-search [role=option]")
    assert "biên bản" in page.text_content(".sotay-home-search [role=option]").lower()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # From file://, a folder address would show a file listing: the form goes to the folder's index.html.
    assert page.url == (small_site / "tim-kiem" / "index.html").as_uri() + "?q=bien+b"
    page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    page.goto((small_site / "van-ban" / "chi-thi-10-ct-tw" / "index.html").as_uri())
    page.click(".sotay-hsearch__open")
    page.type("#sotay-hq", "ket lu")
    page.wait_for_function(SHOWS_RESULTS_OF, arg="ket lu")  # the list of the whole text, not of "k": no redraw left
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == (small_site / "van-ban" / "chi-thi-10-ct-tw" / "index.html").as_uri()
    assert browser.outside_requests() == []


def test_header_box_over_http_with_directory_addresses(small_site: Path, browser: Session) -> None:
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(small_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        page = browser.browser.new_page(viewport={"width": 1280, "height": 800})
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url))
        page.goto(f"{origin}/van-ban/chi-thi-10-ct-tw/")
        assert page.is_visible("#sotay-hq")  # wide screens show the box in the header bar
        assert not any(u.endswith("/search-index.js") for u in seen)
        page.type("#sotay-hq", "bien b")
        page.wait_for_selector(".sotay-hsearch [role=option]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{origin}/tim-kiem/?q=bien+b"
        page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
        assert all(u.startswith(origin) for u in seen), seen
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_search_boxes_pass_axe(small_site: Path, browser: Session) -> None:
    for width, opened in ((360, True), (1280, False)):
        page = browser.page(width, 800)
        page.goto((small_site / "index.html").as_uri())
        if opened:
            page.click(".sotay-hsearch__open")
        # Each box with its list open and a result highlighted (a list closes when its box loses focus).
        for box, query in (("#sotay-hq", "bien b"), ("#sotay-q-1", "ket lu")):
            page.type(box, query)
            page.wait_for_selector(f"#{box[1:]}-list [role=option]")
            page.keyboard.press("ArrowDown")
            found = axe_problems(page, within=[".sotay-hsearch", ".sotay-home-search"])
            assert found == [], (width, box, found)
        page.close()




def _verify(index: Path, queries: list[dict[str, object]]) -> dict[str, object]:
    proc = subprocess.run([shutil.which("node") or "node", str(REPO / "search" / "node-query.js"), str(index),
                           "--verify"], input=json.dumps(queries), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _part(path: Path) -> tuple[str, object]:
    """A part script's prefix and content."""
    text = path.read_text("utf-8")
    return text[:text.index('"]=') + 3], read_script(text)


def test_split_index_answers_as_the_whole(shipped_offline: Path, tmp_path: Path) -> None:
    """Every key sits in the part the client looks in, the ranking features in the parts are those the client
    computes from each entry's title and summary, and queries (whole words, and every prefix while typing) answer
    the same fetching parts one by one as with every part loaded. A tampered copy is caught."""
    typed = [q for q, _ in QUERIES[:12]] + ["Biên bản họp chi ủy", "hòa", "sinh hoat chuyen de"]
    queries: list[dict[str, object]] = [{"query": q, "limit": 20} for q, _ in QUERIES]
    queries += [{"query": q[:n], "prefix": True, "limit": 8} for q in typed for n in range(1, len(q) + 1)]
    assets = shipped_offline / "assets" / "sotay"
    found = _verify(assets / "search-index.js", queries)
    assert found["problems"] == []
    checked = found["checked"]
    assert isinstance(checked, dict) and checked["keys"] > 5000 and checked["entries"] > 150
    assert checked["queries"] == len(queries)

    copy = tmp_path / "sotay"
    shutil.copytree(assets, copy)
    head = read_script((copy / "search-index.js").read_text("utf-8"))
    folder = copy / head["parts"]
    assert len(head["bounds"]) > 2  # the shipped base is split into several term parts
    first, last = folder / part_file(head, "t0"), folder / part_file(head, f"t{len(head['bounds']) - 1}")
    (prefix, early), (prefix_last, late) = _part(first), _part(last)
    assert isinstance(early, dict) and isinstance(late, dict)
    moved = sorted(early["p"])[0]
    late["p"][moved] = early["p"].pop(moved)  # a term in the wrong part
    del early["f"][sorted(early["f"])[0]]  # a pair of words lost from the entries' titles and summaries
    first.write_text(prefix + json.dumps(early, ensure_ascii=False) + ";\n", "utf-8")
    last.write_text(prefix_last + json.dumps(late, ensure_ascii=False) + ";\n", "utf-8")
    problems = _verify(copy / "search-index.js", [])["problems"]
    assert isinstance(problems, list)
    assert any(json.dumps(moved) in p and "looked for in t0" in p for p in problems), problems
    assert any("ranking features differ" in p for p in problems), problems


def test_search_page_loads_only_the_parts_a_query_reads(shipped_offline: Path, browser: Session,
                                                        tmp_path: Path) -> None:
    head = read_script((shipped_offline / "assets" / "sotay" / "search-index.js").read_text("utf-8"))
    folder = "/assets/sotay/" + head["parts"]
    total = len(list((shipped_offline / "assets" / "sotay" / head["parts"]).glob("*.js")))
    page = browser.page(*PHONE)
    parts: list[str] = []
    page.on("request", lambda request: parts.append(request.url) if folder in request.url else None)
    heads: list[str] = []
    page.on("request", lambda request: heads.append(request.url) if request.url.endswith("/search-index.js") else None)
    page.goto((shipped_offline / "tim-kiem.html").as_uri() + "?q=chi+bo")
    page.wait_for_function(RESULTS_OF, arg="chi bo")
    assert len(heads) == 1  # the head comes with the page's scripts, and only once
    titles = page.locator(".sotay-result-title")
    assert titles.count() == 20  # a page of results, then a button for more
    assert 0 < len(parts) < total / 2, (len(parts), total)
    more = page.locator(".sotay-results-more button")
    assert more.text_content() == "Xem thêm 20 kết quả"
    box = more.bounding_box()
    assert box and box["height"] >= 44
    more.click()
    page.wait_for_function("document.querySelectorAll('.sotay-result-title').length > 20")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.sotay-result-title')[20]")
    assert len(set(parts)) == len(parts)  # a part is fetched once
    assert browser.outside_requests() == []

    # A part that cannot be loaded: the page says so, and nothing else breaks.
    broken = tmp_path / "site"
    shutil.copytree(shipped_offline, broken)
    for entry_part in (broken / "assets" / "sotay" / head["parts"]).glob("e*.js"):
        entry_part.unlink()
    failing = browser.page()
    failing.goto((broken / "tim-kiem.html").as_uri() + "?q=chi+bo")
    failing.wait_for_function("document.querySelector('.sotay-search-status').textContent"
                              " === 'Không tải được chỉ mục tìm kiếm.'")
    assert failing.locator(".sotay-result-title").count() == 0


def test_numbers_are_packed_as_the_client_unpacks_them() -> None:
    assert pack([0, 31, 32, 1023, 1024]) == "AfgB_fggB"  # search/client.test.js unpacks the same literal
    assert pack([]) == ""


def test_ranking_features_are_computed_alike_in_python_and_javascript() -> None:
    """The build writes the rerank's features (search/browser.py `features`); the client's `entryFeatures` is the
    same computation. Letters whose lower case or folding changes their length must agree too."""
    cases = [("Biên bản họp chi ủy", "Ghi buổi họp, KT-XH và QP-AN."), ("İstanbul Hòa", "ﬁle ẞtraße ΟΔΟΣ Ǆemal"),
             ("Hoà thuỷ ĐẢNG", "Thủy hòa đảng 18-KL/TW"), ("", ""), ("𝐀𝐁 chữ", "x² ①")]
    script = ("const a = require('./search/analyzer.js').create(require('./search/data/analysis.json'));"
              "const {entryFeatures} = require('./search/client.js');"
              "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(cases.map(([t, s]) => entryFeatures(a, t, s))));")
    proc = subprocess.run([shutil.which("node") or "node", "-e", script], cwd=REPO, input=json.dumps(cases),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    for (title, summary), js in zip(cases, json.loads(proc.stdout), strict=True):
        pairs, accented = features(title, summary)
        assert (pairs, sorted(accented)) == (js["pairs"], sorted(js["exact"])), (title, summary)


def test_search_page_recovers_when_the_site_is_built_again(shipped_offline: Path, browser: Session,
                                                          tmp_path: Path) -> None:
    """A page open while the site is built again asks for parts under names that are gone (each part's file is
    named by its content): that search fails, and the next one fetches the head again and finds the new names."""
    site = tmp_path / "site"
    shutil.copytree(shipped_offline, site)
    page = browser.page()
    page.goto((site / "tim-kiem.html").as_uri() + "?q=chi+bo")
    page.wait_for_function(RESULTS_OF, arg="chi bo")
    head_file = site / "assets" / "sotay" / "search-index.js"
    text = head_file.read_text("utf-8")
    head = read_script(text)
    folder = site / "assets" / "sotay" / head["parts"]
    for path in folder.glob("*.js"):  # the new build's parts: every one changed, under another name
        name, digest, _js = path.name.split(".")
        path.rename(folder / f"{name}.{digest[::-1]}.js")
    hashes = "".join(head["hashes"][i:i + 8][::-1] for i in range(0, len(head["hashes"]), 8))
    head_file.write_text(text.replace(f'"hashes":"{head["hashes"]}"', f'"hashes":"{hashes}"'), "utf-8")
    page.fill("#sotay-search input[name=q]", "kiem tra giam sat")
    page.wait_for_function("document.querySelector('.sotay-search-status').textContent"
                           " === 'Không tải được chỉ mục tìm kiếm.'")
    page.fill("#sotay-search input[name=q]", "ket nap dang vien")
    page.wait_for_function(RESULTS_OF, arg="ket nap dang vien")
    assert page.locator(".sotay-result-title").count() > 0
