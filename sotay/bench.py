"""`sotay bench`: build a synthetic base with the full pipeline and with vanilla MkDocs Material.

Both builds run as child processes on the same Markdown and the same nav, so the
ratio measures what sotay adds (validation, linking, generated pages), nothing
else. Speed targets are met here, never by timed unit tests.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .builder import builder_name
from .loader import load_knowledge_base
from .project import load_project
from .render import base_diagram_page, document_page, index_page, timeline_page
from .search.page import FIRST_QUERY, FIRST_RESULTS, INDEX_SCRIPT, PAGE_RESULTS
from .site import Linker, SiteModel
from .srcs import CATALOG_SRC, DIAGRAM_SRC, INDEX_SRC, TIMELINE_SRC, document_src
from .topic_pages import catalog_page, landing_pages, topic_page

PROVINCES = ["quang-tri", "dak-nong", "hoa-binh", "quang-nam", "tuyen-quang", "nghe-an", "lao-cai", "ca-mau"]
@cache
def corpus() -> list[str]:
    """Sentences of the project's own content: synthetic pages get a real word distribution."""
    text = resources.files("sotay").joinpath("data/bench-corpus.txt").read_text("utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]
CONFIG = """\
site_name: Thử nghiệm hiệu năng
docs_dir: docs
site_dir: site
strict: false
theme:
  name: material
  language: vi
  font: false
  features: [navigation.sections, navigation.prune]
plugins:
{plugins}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
      slugify: !!python/name:sotay.text.slugify
extra:
  generator: false
not_in_nav: |
{not_in_nav}
nav:
  - Trang chủ: index.md
  - Văn bản:
      - Danh sách văn bản: van-ban/index.md
      - Dòng thời gian: van-ban/dong-thoi-gian.md
      - Sơ đồ quan hệ: van-ban/so-do-quan-he.md
  - Chủ đề: chu-de/index.md
"""


QUERIES = ["sinh hoat chi bo", "dang vien", "nghi quyet chuyen de", "tu phe binh phe binh", "KH 47", "ct10",
           "Chỉ thị 100", "chuyên đề", "Đảng ủy", "kiem tra giam sat", "nong thon moi", "nêu gương người đứng đầu",
           "dien dan thao go vuong mac", "hoc tap lam theo tu tuong Ho Chi Minh", "dang phi", "bi thu chi uy",
           "quan ly dang vien", "danh gia xep loai", "chuyen doi so", "quoc phong an ninh", "TCCSĐ", "ĐV",
           "ket nap", "bien ban", "dan van", "kinh te xa hoi", "cap uy", "hinh thuc noi dung", "Kế hoạch 121",
           "xyz khong co"]


@dataclass(frozen=True)
class SearchBench:
    whoosh_build_seconds: float
    whoosh_query_p50_ms: float
    whoosh_query_p95_ms: float
    browser_index_bytes: int
    material_index_bytes: int
    browser_vs_material: float
    js_query_p50_ms: float
    js_query_p95_ms: float
    # What a browser downloads, gzipped, before the search page shows its first results: the box, the engine, the
    # head of the index and the parts the query reads; the largest over QUERIES, and the most scripts one needed.
    first_query_bytes_gzip: int
    first_query_requests: int
    cli_search_cold_seconds: float  # median of whole `sotay search --json` processes on a current index
    cli_search_rebuild_seconds: float  # the first one after an edit: the base read, checked and indexed


@dataclass(frozen=True)
class BenchResult:
    pages: int
    documents: int
    topics: int
    seconds: float
    vanilla_seconds: float
    ratio_vs_vanilla: float
    bytes_per_page: int
    vanilla_bytes_per_page: int
    peak_rss_mb: float
    vanilla_peak_rss_mb: float
    edit_seconds: float  # under `sotay serve`: a document's title saved, until the served page shows it
    search: SearchBench | None = None


def _text(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        sentence = rng.choice(corpus())
        sentences.append(sentence)
        words -= len(sentence.split())
    return " ".join(sentences)


def _number(i: int) -> tuple[str, str, str]:
    """(number, type, scope) of synthetic document i: every tenth is central."""
    if i % 10 == 0:
        return f"{i}-CT/TW", "chi-thi", "trung-uong"
    return f"{i}-KH/TU", "ke-hoach", PROVINCES[i % len(PROVINCES)]


def _document(i: int, rng: random.Random) -> str:
    number, kind, scope = _number(i)
    central = [j for j in range(0, i, 10)]
    relations = ""
    if central:
        target, _, _ = _number(rng.choice(central[-20:]))
        relations = f"relations:\n  - type: {'continues' if scope == 'trung-uong' else 'implements'}\n" \
                    f"    target: {target}\n"
    cite = f" Văn bản căn cứ [[{_number(central[-1])[0]}#dieu-1]]." if central else ""
    body = (f"{_text(rng, 60)}{cite}\n\n## Điều 1: Mục đích {{#dieu-1}}\n\n{_text(rng, 90)}\n\n"
            f"## Điều 2: Nội dung {{#dieu-2}}\n\n{_text(rng, 90)}\n\n## Điều 3: Tổ chức thực hiện {{#dieu-3}}\n\n"
            f"{_text(rng, 60)}\n")
    return (f"---\nid: van-ban-{i}\nnumber: {number}\ntype: {kind}\ntitle: Về nâng cao chất lượng sinh hoạt chi bộ, "
            f"đợt {i}\nissuer: Ban Thường vụ\nissued: {2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"scope: {scope}\nstatus: con-hieu-luc\nstatus_date: 2023-11-29\n{relations}"
            "sources:\n  - ref: nguon-tong-hop\n"
            f"    supports: [number, type, title, issuer, issued, status, relations]\n"
            f"themes: [to-chuc-sinh-hoat-chi-bo]\n---\n{body}")


CELLS = ["thon", "to-dan-pho", "co-quan", "su-nghiep", "doanh-nghiep-nha-nuoc", "doanh-nghiep-ngoai-nha-nuoc",
         "quan-doi", "cong-an"]
THEMES = ["to-chuc-sinh-hoat-chi-bo", "chinh-tri-tu-tuong", "dao-duc-loi-song", "hoc-tap-lam-theo-bac",
          "nong-thon-moi", "dan-van", "quoc-phong-an-ninh", "phat-trien-dang-vien"]


def _topic(i: int, documents: int, rng: random.Random) -> str:
    a, b = rng.randrange(documents), rng.randrange(documents)
    cells = ", ".join(sorted(rng.sample(CELLS, 2), key=CELLS.index))
    return (f"---\nid: chu-de-{i}\ntitle: Chủ đề sinh hoạt số {i}\nsummary: {json.dumps(_text(rng, 20))}\n"
            f"meeting: {'chuyen-de' if i % 3 else 'thuong-ky'}\ncell_types: [{cells}]\n"
            f"themes: [{rng.choice(THEMES)}]\nmonths: [{1 + i % 12}]\nbasis:\n  - \"[[{_number(a)[0]}#dieu-2]]\"\n---\n"
            f"{_text(rng, 60)}\n\n## Chuẩn bị {{#chuan-bi}}\n\n{_text(rng, 60)}\n\n"
            f"## Câu hỏi thảo luận {{#cau-hoi}}\n\n{_text(rng, 90)} Xem [[{_number(b)[0]}]].\n\n"
            f"## Kết quả mong đợi {{#ket-qua}}\n\n{_text(rng, 60)}\n")


def generate(root: Path, pages: int, seed: int = 18) -> tuple[int, int]:
    """Write a valid synthetic project: about four documents for every topic page."""
    rng = random.Random(seed)
    documents = max(pages * 4 // 5, 1)
    topics = max(pages - documents, 0)
    (root / "directives").mkdir(parents=True)
    (root / "docs" / "chu-de").mkdir(parents=True)
    (root / "directives" / "nguon.yml").write_text(
        "nguon-tong-hop:\n  publication: Nguồn tổng hợp\n  title: Dữ liệu thử nghiệm\n", encoding="utf-8")
    for i in range(documents):
        (root / "directives" / f"van-ban-{i}.md").write_text(_document(i, rng), encoding="utf-8")
    for i in range(topics):
        (root / "docs" / "chu-de" / f"chu-de-{i}.md").write_text(_topic(i, documents, rng), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Trang chủ\n\nThử nghiệm hiệu năng.\n", encoding="utf-8")
    write_config(root, plugins="  - sotay\n  - sotay-search\n", not_in_nav="  /chu-de/*\n")
    return documents, topics


def write_config(root: Path, plugins: str, not_in_nav: str) -> None:
    (root / "mkdocs.yml").write_text(CONFIG.format(plugins=plugins, not_in_nav=not_in_nav), encoding="utf-8")


def vanilla_copy(root: Path, target: Path) -> None:
    """The same Markdown sotay builds, written out for MkDocs without sotay's plugin."""
    project = load_project(root / "mkdocs.yml")
    result = load_knowledge_base(project)
    if result.problems.sorted():
        raise RuntimeError("\n".join(map(str, result.problems.sorted())))
    site = SiteModel(result, project)
    linker = Linker(site)
    pages = {INDEX_SRC: index_page(site, linker), TIMELINE_SRC: timeline_page(site, linker),
             DIAGRAM_SRC: base_diagram_page(site, linker)}
    pages |= {document_src(d): document_page(d, site, linker) for d in site.documents}
    pages |= {p.src: linker.link_markdown(p.text, p.src, path=p.path).text for p in result.pages}
    pages |= {t.src: topic_page(t, linker) for t in site.topics}
    pages |= {CATALOG_SRC: catalog_page(site, site.topics, linker), **landing_pages(site.topics, linker)}
    for src, text in pages.items():
        path = target / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_config(target, plugins="  - search\n", not_in_nav="  /chu-de/*\n  /van-ban/*\n")


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process; fails loudly if it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child cannot block
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)}:\n{errors.read().decode('utf-8', 'replace')}")
    return seconds, usage.ru_maxrss / 1024


def _html_bytes(site: Path) -> tuple[int, int]:
    pages = [p for p in site.rglob("*.html")]
    return len(pages), sum(p.stat().st_size for p in pages)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return (round(statistics.median(ordered), 2),
            round(ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)], 2))


def search_bench(ours: Path, vanilla: Path, rounds: int = 5) -> SearchBench:
    """Whoosh build and query times, browser index size against Material's, JS query times under node."""
    from .search.browser import read_script
    from .search.engine import build_index, search
    from .search.entries import build_entries

    project = load_project(ours / "mkdocs.yml")
    result = load_knowledge_base(project)
    entries = build_entries(result, SiteModel(result, project), split=False)
    folder = ours / ".sotay-cache" / "bench-whoosh"
    start = time.perf_counter()
    build_index(entries, folder)
    built = time.perf_counter() - start
    search(folder, "khởi động")  # open the index once, as a running service would have
    timings = []
    for _ in range(rounds):
        for query in QUERIES:
            start = time.perf_counter()
            search(folder, query, limit=10)
            timings.append((time.perf_counter() - start) * 1000)
    assets = ours / "site" / "assets" / "sotay"
    index_js = assets / INDEX_SCRIPT
    material = vanilla / "site" / "search" / "search_index.json"
    js, loaded = _js_run(index_js, rounds)
    head = read_script(index_js.read_text("utf-8"))
    folder = index_js.parent / head["parts"]
    parts = {p.name.split(".")[0]: p for p in folder.glob("*.js")}  # t3.<digest>.js is part t3
    ours_size, theirs = index_js.stat().st_size + sum(p.stat().st_size for p in parts.values()), material.stat().st_size
    zipped = {name: len(gzip.compress(path.read_bytes(), 6)) for name, path in parts.items()}
    first = sum(len(gzip.compress((assets / name).read_bytes(), 6)) for name in FIRST_QUERY)
    first += max(sum(zipped[name] for name in names) for names in loaded)
    requests = len(FIRST_QUERY) + max(len(names) for names in loaded)
    return SearchBench(round(built, 2), *_percentiles(timings), ours_size, theirs, round(ours_size / theirs, 3),
                       *_percentiles(js), first, requests, *_cli_search(ours, rounds))


def edit_seconds(root: Path, timeout: float = 900.0) -> float:
    """One document's title edited while `sotay serve` runs: seconds from the save until the served page shows
    the new title (MkDocs notices the change, sotay rebuilds, the server answers with the new page)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    edited = root / "directives" / "van-ban-0.md"
    address = f"http://127.0.0.1:{port}/van-ban/van-ban-0/"
    server = subprocess.Popen([sys.executable, "-m", "sotay.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        _served(address, "Về nâng cao chất lượng", server, timeout)
        marker = "Bản sửa để đo thời gian"
        text = edited.read_text("utf-8")
        start = time.perf_counter()
        edited.write_text(text.replace("title: Về nâng cao", f"title: {marker} về nâng cao", 1), "utf-8")
        _served(address, marker, server, timeout)
        return round(time.perf_counter() - start, 2)
    finally:
        server.terminate()
        server.wait(timeout=60)


def _served(address: str, words: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait until the page at address holds `words`; RuntimeError if the server ends or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"sotay serve dừng (mã {server.returncode}) trước khi trang {address} có '{words}'")
        try:
            with urllib.request.urlopen(address, timeout=10) as response:
                if words in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"sau {timeout:.0f} giây trang {address} vẫn chưa có '{words}'")


def _cli_search(root: Path, rounds: int) -> tuple[float, float]:
    """(median seconds of a whole `sotay search --json` process on a current index, seconds of the first one
    after one document was edited), each a new process as a user's command is."""
    command = [sys.executable, "-m", "sotay.cli", "search", "sinh hoạt chuyên đề", "--json"]
    _timed(command, root)  # the index, as the build or an earlier search leaves it
    edited = sorted((root / "directives").glob("*.md"))[0]
    with edited.open("a", encoding="utf-8") as file:  # an editor adds a sentence: the base is read again, and
        file.write("\nChi bộ bổ sung một ý về nêu gương.\n")  # only that document is indexed again
    rebuild, _rss = _timed(command, root)
    cold = [_timed(command, root)[0] for _ in range(max(rounds, 3))]
    return round(statistics.median(cold), 3), round(rebuild, 2)


def _js_run(index_js: Path, rounds: int) -> tuple[list[float], list[list[str]]]:
    """Query times of the browser's engine under node, with every part loaded, for QUERIES asked as the search
    page asks them (a page of results); and the parts each one loads from a fresh start to show its first ones."""
    script = Path(__file__).resolve().parent.parent / "search" / "node-query.js"
    if not script.is_file():  # installed without the source tree: the package keeps a copy
        script = Path(str(resources.files("sotay.search").joinpath("node-query.js")))
    out = []
    for limit, flags in ((PAGE_RESULTS, ["--bench", str(rounds)]), (FIRST_RESULTS, ["--parts"])):
        queries = [{"query": q, "prefix": True, "limit": limit} for q in QUERIES]
        proc = subprocess.run(["node", str(script), str(index_js), *flags], capture_output=True, text=True,
                              input=json.dumps(queries), timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"node: {proc.stderr}")
        out.append(json.loads(proc.stdout))
    return out[0]["timings_ms"], out[1]["parts"]


def run(pages: int, repeat: int = 3, workdir: Path | None = None, with_search: bool = False) -> BenchResult:
    """Build both sites `repeat` times, alternating, each into an empty folder; keep the fastest of each.

    The fastest run is the one least disturbed by the rest of the machine, so the
    ratio compares the two pipelines rather than the moment they ran at.
    """
    with tempfile.TemporaryDirectory(prefix="sotay-bench-") as tmp:
        base = workdir or Path(tmp)
        ours, vanilla = base / "sotay", base / "vanilla"
        documents, topics = generate(ours, pages)
        vanilla_copy(ours, vanilla)
        runs: dict[str, list[tuple[float, float]]] = {"ours": [], "vanilla": []}
        for _ in range(repeat):
            # The site build alone: the CLI's Whoosh index is measured on its own (search_bench).
            for name, root, command in (("ours", ours, ["sotay.cli", "build", "--no-search-index"]),
                                        ("vanilla", vanilla, [builder_name(), "build", "-q"])):
                shutil.rmtree(root / "site", ignore_errors=True)
                runs[name].append(_timed([sys.executable, "-m", *command], root))
        (seconds, _), (vanilla_seconds, _) = min(runs["ours"]), min(runs["vanilla"])
        rss, vanilla_rss = max(r for _, r in runs["ours"]), max(r for _, r in runs["vanilla"])
        count, size = _html_bytes(ours / "site")
        vanilla_count, vanilla_size = _html_bytes(vanilla / "site")
        searched = search_bench(ours, vanilla) if with_search else None
        edited = edit_seconds(ours)  # last: it changes a document
    return BenchResult(
        pages=count, documents=documents, topics=topics, seconds=round(seconds, 2),
        vanilla_seconds=round(vanilla_seconds, 2), ratio_vs_vanilla=round(seconds / vanilla_seconds, 3),
        bytes_per_page=size // max(count, 1), vanilla_bytes_per_page=vanilla_size // max(vanilla_count, 1),
        peak_rss_mb=round(rss, 1), vanilla_peak_rss_mb=round(vanilla_rss, 1), edit_seconds=edited, search=searched,
    )


def report(result: BenchResult, as_json: bool) -> str:
    if as_json:
        return json.dumps(asdict(result), ensure_ascii=False, indent=2) + "\n"
    rows = [
        ("Số trang HTML", f"{result.pages} ({result.documents} văn bản, {result.topics} trang chủ đề)"),
        ("sotay build", f"{result.seconds} giây, {result.peak_rss_mb} MB bộ nhớ đỉnh"),
        ("MkDocs Material thuần", f"{result.vanilla_seconds} giây, {result.vanilla_peak_rss_mb} MB bộ nhớ đỉnh"),
        ("Tỷ lệ so với bản thuần", f"{result.ratio_vs_vanilla}"),
        ("Byte mỗi trang", f"{result.bytes_per_page} (bản thuần: {result.vanilla_bytes_per_page})"),
        ("Sửa một văn bản (serve)", f"{result.edit_seconds} giây tới khi trang hiện bản mới"),
    ]
    if result.search:
        s = result.search
        rows += [
            ("Whoosh: lập chỉ mục", f"{s.whoosh_build_seconds} giây"),
            ("Whoosh: truy vấn", f"p50 {s.whoosh_query_p50_ms} ms, p95 {s.whoosh_query_p95_ms} ms"),
            ("Chỉ mục trình duyệt", f"{s.browser_index_bytes} byte = {s.browser_vs_material} × Material "
                                    f"({s.material_index_bytes} byte)"),
            ("Truy vấn JS (node)", f"p50 {s.js_query_p50_ms} ms, p95 {s.js_query_p95_ms} ms"),
            ("Tải trước kết quả đầu", f"tối đa {s.first_query_bytes_gzip} byte (gzip), {s.first_query_requests} tệp"),
            ("sotay search (lệnh mới)", f"{s.cli_search_cold_seconds} giây; sau khi sửa tệp: "
                                        f"{s.cli_search_rebuild_seconds} giây"),
        ]
    return "\n".join(f"{label:<24} {value}" for label, value in rows) + "\n"
