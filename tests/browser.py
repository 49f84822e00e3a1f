"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

No browser is ever downloaded; `make test` installs Debian's chromium. Every
request a page makes is recorded, so a test can assert it never left file:.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# axe-core from npm (package-lock.json, installed by make): injected by the tests, never shipped in the site.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Session:
    browser: Browser
    requests: list[str] = field(default_factory=list)

    def page(self, width: int = 412, height: int = 900) -> Page:
        page = self.browser.new_page(viewport={"width": width, "height": height})
        page.on("request", lambda request: self.requests.append(request.url))
        return page

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "blob:", "about:"))]


@contextmanager
def chromium() -> Iterator[Session]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield Session(browser)
        finally:
            browser.close()


def axe_problems(page: Page, *, within: list[str] | None = None, rules: list[str] | None = None) -> list[str]:
    """What axe-core finds on the page (or `within` these selectors), one line per rule broken: by default the
    serious and critical problems of WCAG 2.1 AA and best practice, and headings out of order (axe calls that
    moderate; the issue does not); with `rules`, every breach of those rules whatever its impact."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate("""async ([within, rules, tags]) => {
        const context = within ? {include: within.map(s => [s])} : document;
        const only = rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags};
        const result = await axe.run(context, {runOnly: only});
        const counts = v => rules || v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order';
        return result.violations.filter(counts).map(v => v.id + ' x' + v.nodes.length + ': '
            + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""", [within, rules, WCAG])
    return found
