"""First render of the home page and the topic catalog on a cheap phone, in Debian's Chromium.

Builds the shipped base, serves it from localhost with gzip (as any web host does), and loads each page
with an empty cache through Chromium's own throttling (DevTools protocol), with a CPU four times slower,
over three ways in: DevTools' "Slow 3G" (2,000 ms per request, 400 kbit/s each way), Lighthouse's mobile
network (150 ms, 1.6 Mbit/s down, 750 kbit/s up), and the offline bundle opened from file:// (no network).
Reports the median first contentful paint and largest contentful paint over several runs, and the bytes
that crossed the network. The search page is measured too, opened with a query in its address as the header's
box sends it: seconds until the first result is shown, the bytes and files fetched until then, and the page's
JavaScript heap.

    .venv/bin/python tools/phone_bench.py [--runs 5] [--json] [--site DIR] [--query "sinh hoat chuyen de"]

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
import urllib.parse
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


def throttled(session, network: dict[str, object] | None):  # type: ignore[no-untyped-def]
    """A phone-sized page with an empty cache, the network given (or none) and a CPU four times slower; its
    DevTools session; and the list of sizes of the responses it receives."""
    page = session.page(360, 740)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network is not None:
        cdp.send("Network.emulateNetworkConditions", network)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    received: list[int] = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    return page, cdp, received


def measure(session, url: str, network: dict[str, object] | None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    page, _cdp, received = throttled(session, network)
    page.add_init_script("""window.__lcp = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) { window.__lcp = e.startTime; } })
            .observe({type: 'largest-contentful-paint', buffered: true});""")
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_timeout(500)
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    lcp = page.evaluate("window.__lcp")
    page.close()
    return {"fcp_s": fcp / 1000, "lcp_s": lcp / 1000, "bytes": float(sum(received))}


def measure_search(session, url: str, network: dict[str, object] | None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Seconds from navigation until the search page shows its first result; bytes and files until then; heap."""
    page, cdp, received = throttled(session, network)
    page.add_init_script("""new MutationObserver((_m, observer) => {
        if (!document.querySelector('.sotay-result-title')) { return; }
        window.__first = performance.now();
        observer.disconnect();
    }).observe(document, {subtree: true, childList: true});""")
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function("window.__first !== undefined", timeout=120_000)
    first = page.evaluate("window.__first")
    files, size = len(received), sum(received)
    cdp.send("HeapProfiler.collectGarbage")
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    page.close()
    return {"first_result_s": first / 1000, "bytes": float(size), "files": float(files), "heap_mb": heap / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--site", type=Path, help="a site already built (page.html addresses) instead of a new build")
    parser.add_argument("--query", default="sinh hoat chuyen de", help="what the search page is opened with")
    parser.add_argument("--search-only", action="store_true", help="measure the search page alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_shipped(Path(tmp))
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        report: dict[str, dict[str, float]] = {}
        searched: dict[str, dict[str, float]] = {}
        with chromium() as session:
            for net_name, network in NETWORKS.items():
                for name, rel in ({} if args.search_only else PAGES).items():
                    url = (site / rel).as_uri() if network is None else base + rel
                    runs = [measure(session, url, network) for _ in range(args.runs)]
                    row = {key: round(statistics.median(r[key] for r in runs), 2) for key in runs[0]}
                    row["fcp_max_s"] = round(max(r["fcp_s"] for r in runs), 2)
                    report[f"{name} {net_name}"] = row
                searching = "tim-kiem.html" if (site / "tim-kiem.html").is_file() else "tim-kiem/index.html"
                url = (site / searching).as_uri() if network is None else base + searching
                url += "?" + urllib.parse.urlencode({"q": args.query})
                runs = [measure_search(session, url, network) for _ in range(args.runs)]
                searched[net_name] = {key: round(statistics.median(r[key] for r in runs), 2) for key in runs[0]}
        server.shutdown()
    if args.json:
        print(json.dumps({"networks": NETWORKS, "cpu_slowdown": CPU_SLOWDOWN, "runs": args.runs,
                          "budget_s": BUDGET_S, "pages": report, "query": args.query, "search": searched},
                         indent=2))
    else:
        for name, row in report.items():
            verdict = "trong ngân sách" if row["fcp_s"] <= BUDGET_S else "VƯỢT ngân sách"
            print(f"{name}: hiển thị đầu tiên {row['fcp_s']:.2f} s (chậm nhất {row['fcp_max_s']:.2f} s), "
                  f"nội dung lớn nhất {row['lcp_s']:.2f} s, {row['bytes'] / 1024:.0f} KiB tải về — {verdict}")
        for net_name, row in searched.items():
            print(f"tìm \"{args.query}\" {net_name}: kết quả đầu sau {row['first_result_s']:.2f} s, "
                  f"{row['bytes'] / 1024:.0f} KiB trong {row['files']:.0f} tệp, "
                  f"bộ nhớ JavaScript {row['heap_mb']:.1f} MB")
    return 0 if all(row["fcp_s"] <= BUDGET_S for row in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
