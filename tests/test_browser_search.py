"""The site's search in node and in real Chromium from file://, on the shipped base and on hostile input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser import Session
from conftest import MKDOCS_YML, REPO, document
from test_search import QUERIES, answers


def build(config: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "sotay.cli", "build", "-f", str(config)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return config.parent / "site"


@pytest.fixture(scope="module")
def shipped_offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped base built for file:// (page.html addresses), as a bundle will be."""
    root = tmp_path_factory.mktemp("offline")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    config = config.replace("directives: directives", f"directives: {REPO / 'directives'}")
    (root / "mkdocs.yml").write_text(config + "\nuse_directory_urls: false\n", encoding="utf-8")
    return build(root / "mkdocs.yml")




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
    page.click(".sotay-search-button")
    page.wait_for_selector("#sotay-search.sotay-search-ready")
    page.fill("input[name=q]", "sinh hoat chuyen de")
    page.wait_for_function("document.querySelectorAll('.sotay-results li').length > 0")
    hrefs = page.eval_on_selector_all(".sotay-result-title", "links => links.map(a => a.getAttribute('href'))")
    assert any("#sinh-hoat-chuyen-de" in h for h in hrefs[:3])
    assert page.locator(".sotay-results mark").first.text_content().lower() in ("sinh", "hoạt", "chuyên", "đề")
    page.fill("input[name=q]", "dang uy")
    page.wait_for_function("document.querySelector('.sotay-search-status').textContent.includes('Tìm thấy')")
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
        text = re.sub(r"<pre\b.*?</pre>|<code\b.*?</code>", "", page.read_text("utf-8"), flags=re.S)
        assert "[[" not in text, page


def test_search_page_without_javascript_points_at_the_documents(shipped_offline: Path) -> None:
    import re

    page = (shipped_offline / "tim-kiem.html").read_text(encoding="utf-8")
    href = re.search(r'<noscript><p>[^<]*<a href="([^"]+)">danh sách văn bản</a>', page)
    assert href is not None and href.group(1) == "van-ban/index.html"
    assert (shipped_offline / href.group(1)).is_file()
