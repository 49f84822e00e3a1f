"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

No browser is ever downloaded; `make test` installs Debian's chromium. Every
request a page makes is recorded, so a test can assert it never left file:.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
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
