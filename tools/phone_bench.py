"""First render of the home page and the topic catalog on a cheap phone, in Debian's Chromium.

Builds the shipped base, serves it from localhost with gzip (as any web host does), and loads each page
with an empty cache through Chromium's own throttling (DevTools protocol), with a CPU four times slower,
over three ways in: DevTools' "Slow 3G" (2,000 ms per request, 400 kbit/s each way), Lighthouse's mobile
network (150 ms, 1.6 Mbit/s down, 750 kbit/s up), and the offline bundle opened from file:// (no network).
Reports the median first contentful paint and largest contentful paint over several runs, and the bytes
that crossed the network.

    .venv/bin/python tools/phone_bench.py [--runs 5] [--json] [--site DIR]

The budget is 5 s to the first render of each page. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import statistics
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402  (the tests' launcher: Debian's Chromium, no download)
from conftest import build_shipped  # noqa: E402

PAGES = {"home": "index.html", "catalog": "chu-de/index.html"}
NETWORKS: dict[str, dict[str, object] | None] = {
    "slow-3g": {"offline": False, "latency": 2000, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
    "lighthouse-mobile": {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
                          "uploadThroughput": 750_000 / 8},
    "file": None,  # the offline bundle: only the CPU is slow
}
CPU_SLOWDOWN = 4
BUDGET_S = 5.0
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves the site folder, compressing text as a web host would; logs nothing."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(session, url: str, network: dict[str, object] | None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    page = session.page(360, 740)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network is not None:
        cdp.send("Network.emulateNetworkConditions", network)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.add_init_script("""window.__lcp = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) { window.__lcp = e.startTime; } })
            .observe({type: 'largest-contentful-paint', buffered: true});""")
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_timeout(500)
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    lcp = page.evaluate("window.__lcp")
    page.close()
    return {"fcp_s": fcp / 1000, "lcp_s": lcp / 1000, "bytes": float(sum(received))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--site", type=Path, help="a site already built (page.html addresses) instead of a new build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_shipped(Path(tmp))
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        report: dict[str, dict[str, float]] = {}
        with chromium() as session:
            for net_name, network in NETWORKS.items():
                for name, rel in PAGES.items():
                    url = (site / rel).as_uri() if network is None else base + rel
                    runs = [measure(session, url, network) for _ in range(args.runs)]
                    row = {key: round(statistics.median(r[key] for r in runs), 2) for key in runs[0]}
                    row["fcp_max_s"] = round(max(r["fcp_s"] for r in runs), 2)
                    report[f"{name} {net_name}"] = row
        server.shutdown()
    if args.json:
        print(json.dumps({"networks": NETWORKS, "cpu_slowdown": CPU_SLOWDOWN, "runs": args.runs,
                          "budget_s": BUDGET_S, "pages": report}, indent=2))
    else:
        for name, row in report.items():
            verdict = "trong ngân sách" if row["fcp_s"] <= BUDGET_S else "VƯỢT ngân sách"
            print(f"{name}: hiển thị đầu tiên {row['fcp_s']:.2f} s (chậm nhất {row['fcp_max_s']:.2f} s), "
                  f"nội dung lớn nhất {row['lcp_s']:.2f} s, {row['bytes'] / 1024:.0f} KiB tải về — {verdict}")
    return 0 if all(row["fcp_s"] <= BUDGET_S for row in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
