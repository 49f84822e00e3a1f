"""The README's phone views: the shipped base on a 360 × 740 screen in Debian's Chromium, from file://.

    .venv/bin/python tools/screenshots.py [--site DIR] [-o screenshots]

The browser's clock is set to 03/12/2026 and the remembered cell type to "Chi bộ thôn, bản", so the
pictures do not change with the day they are taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402
from conftest import build_shipped  # noqa: E402

TODAY = "2026-12-03T08:00:00"
REMEMBER = "localStorage.setItem('sotay.cell', JSON.stringify('thon'));" \
           "localStorage.setItem('sotay.meetingDay', '3');"
SCROLL_TO = "el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 56)"  # under the header
# file name -> (page, what to bring to the top of the screen, or None for the top of the page)
VIEWS = {
    "1-trang-chu.png": ("index.html", "[data-sotay-home]"),
    "2-goi-y-chu-de.png": ("chu-de/index.html", None),
    "3-chu-de-buoc-tiep.png": ("chu-de/chung-tu-phe-binh-va-phe-binh.html", "nav.sotay-step-nav"),
    "4-ke-hoach-nam.png": ("chu-de/ke-hoach-nam.html", "#sotay-planner"),
    "5-bang-kiem.png": ("bang-kiem/sinh-hoat-thuong-ky.html", ".sotay-checklist-tools"),
    "6-bien-ban.png": ("mau/bien-ban-hop-chi-bo.html", ".sotay-form"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built with page.html addresses")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, chromium() as session:
        site = args.site or build_shipped(Path(tmp))
        for name, (rel, focus) in VIEWS.items():
            page = session.page(360, 740)
            page.clock.set_fixed_time(TODAY)
            page.add_init_script(REMEMBER)
            page.goto((site / rel).as_uri())
            if focus and page.locator(focus).count():
                page.locator(focus).first.evaluate(SCROLL_TO)
            page.wait_for_timeout(200)
            page.screenshot(path=args.out / name)
            page.close()
            print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
