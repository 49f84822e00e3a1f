"""The `sotay` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .builder import BuilderMissing, builder_name
from .problems import did_you_mean
from .project import Project, ProjectError, load_project, source_state
from .provinces import EDITION_ALL
from .search.kinds import KIND_LABELS, KINDS
from .targets import (
    PDF_MAGIC,
    SITE_MARKER,
    TEXT_MAGIC,
    ZIM_KIND,
    ZIM_MAGIC,
    ZIP_MAGIC,
    refuse_output_file,
    refuse_site_folder,
    replace_whole,
    work_path,
)
from .vocabulary import vocabulary

if TYPE_CHECKING:  # the commands import what they use: `sotay search` on a current index loads no base
    from .bundle import BundleInfo
    from .loader import LoadResult
    from .resolve import Unresolved


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


# argparse's own messages, said in Vietnamese (the names and values they quote are kept).
USAGE_ERRORS = (
    (re.compile(r"argument (?P<arg>[^:]+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"),
     "{arg}: giá trị {value} không hợp lệ; chọn một trong: {choices}"),
    (re.compile(r"argument (?P<arg>[^:]+): invalid int value: (?P<value>.+)"), "{arg}: {value} không phải số nguyên"),
    (re.compile(r"argument (?P<arg>[^:]+): expected one argument"), "{arg}: thiếu giá trị sau tùy chọn"),
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "thiếu tham số bắt buộc: {args}"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "không hiểu tham số: {args}"),
)


def vietnamese_usage_error(message: str) -> str:
    for pattern, template in USAGE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return template.format(**found.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese headings and errors that end in exit code 2."""

    def __init__(self, *args, help_option: bool = True, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        if help_option:
            self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này (help) rồi thoát")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {vietnamese_usage_error(message)}\n")


def say(args: argparse.Namespace, text: str) -> None:
    """A line that tells a step is done: printed unless -q asks for errors and results only."""
    if not getattr(args, "quiet", False):
        print(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sotay", description="Sổ tay sinh hoạt chi bộ: kiểm tra, xuất dữ liệu và dựng trang "
                     "từ các văn bản của Sổ tay (knowledge base).")
    parser.add_argument("--version", action="version", version=f"sotay {__version__}",
                        help="in phiên bản (version) rồi thoát")
    # Every command: how much it says. Errors and results are always printed.
    voice = _Parser(help_option=False)
    voice._optionals.title = "tùy chọn chung"
    said = voice.add_mutually_exclusive_group()
    said.add_argument("-q", "--quiet", action="store_true",
                      help="chỉ in lỗi và kết quả, không in các bước và lời báo xong")
    said.add_argument("-v", "--verbose", action="store_true",
                      help="in thêm chi tiết (khi dựng trang: cả thông báo của MkDocs)")
    common = _Parser(help_option=False, parents=[voice])
    common._optionals.title = "tùy chọn chung"
    common.add_argument("-f", "--config-file", metavar="TỆP",
                        help="tệp cấu hình của dự án (mặc định: mkdocs.yml hay properdocs.yml ở thư mục hiện tại)")
    commands = parser.add_subparsers(dest="command", title="lệnh", metavar="LỆNH", parser_class=_Parser)
    check = commands.add_parser("check", parents=[common], help="kiểm tra toàn bộ nội dung (validate)",
                                description="Kiểm tra mọi văn bản và trang: mỗi lỗi một dòng "
                                "'tệp:dòng: error: ...'. Thoát mã 1 nếu có lỗi, 0 nếu sạch.")
    check.add_argument("--report", action="store_true",
                       help="liệt kê thêm các văn bản được trích dẫn nhưng Sổ tay chưa có (report)")
    export = commands.add_parser("export", parents=[common], help="xuất dữ liệu mở (export) dạng JSON",
                                 description="Xuất toàn bộ Sổ tay thành dữ liệu mở cho công cụ khác.")
    export.add_argument("--format", choices=["json", "atom"], default="json",
                        help="định dạng (format): json (mọi bản ghi, mặc định) hoặc atom (văn bản mới và thay đổi, "
                        "như tệp van-ban/thay-doi.xml của trang)")
    export.add_argument("-o", "--output", metavar="TỆP", default="-", help="tệp kết quả; '-' là in ra màn hình")
    build = commands.add_parser("build", parents=[common], help="dựng trang web (build) từ các văn bản của Sổ tay",
                                description="Kiểm tra nội dung rồi dựng trang web. Trang cũ chỉ được thay khi "
                                "dựng thành công; dựng lỗi thì trang cũ giữ nguyên.")
    build.add_argument("-d", "--site-dir", metavar="THƯ_MỤC", help="thư mục kết quả (mặc định: site_dir trong "
                       "mkdocs.yml)")
    build.add_argument("--edition", metavar="ẤN_BẢN", help="ấn bản (edition): 'toan-quoc' (mặc định) hoặc mã tỉnh, "
                       "ví dụ 'quang-tri'")
    build.add_argument("--no-search-index", action="store_true",
                       help="không lập lại chỉ mục Whoosh của lệnh sotay search (lệnh đó tự lập khi cần)")
    generate = commands.add_parser("generate", parents=[common],
                                   help="xuất trang ra Markdown thuần để dựng bằng công cụ khác (MkDocs, ProperDocs, "
                                   "Zensical) mà không cần plugin của Sổ tay",
                                   description="Ghi bản Markdown hoàn chỉnh của mọi trang (văn bản, danh mục, chủ đề, "
                                   "bảng kiểm, mẫu, khóa học, kế hoạch, trang tìm kiếm), các tệp sinh ra (Word, PDF, "
                                   "chỉ mục tìm kiếm, tệp script) và một mkdocs.yml không có plugin sotay vào một "
                                   "thư mục.")
    generate.add_argument("-o", "--output", metavar="THƯ_MỤC", required=True,
                          help="thư mục kết quả: mới, trống, hoặc do lệnh này tạo lần trước")
    _edition(generate)
    serve = commands.add_parser("serve", parents=[common], help="xem trước trang web, tự dựng lại khi sửa nội dung",
                                description="Dựng trang và phục vụ tại địa chỉ cục bộ cho biên tập viên xem trước; "
                                "sửa tệp trong directives/ hoặc docs/ thì trang tự dựng lại.")
    serve.add_argument("-a", "--dev-addr", metavar="ĐỊA_CHỈ", default="127.0.0.1:8000",
                       help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    serve.add_argument("--edition", metavar="ẤN_BẢN", help="ấn bản (edition) cần xem")
    bench = commands.add_parser("bench", parents=[voice],
                                help="đo tốc độ dựng trang (benchmark) trên bộ văn bản tổng hợp",
                                description="Sinh một bộ văn bản tổng hợp hợp lệ trong thư mục tạm, dựng bằng "
                                "sotay và bằng MkDocs Material thuần trên cùng Markdown, rồi so sánh.")
    bench.add_argument("--pages", type=int, default=2000, metavar="N", help="số trang nội dung (mặc định 2000)")
    bench.add_argument("--repeat", type=int, default=3, metavar="R",
                       help="số lần dựng mỗi bên, lấy lần nhanh nhất (mặc định 3)")
    bench.add_argument("--search", action="store_true", help="đo thêm tìm kiếm: Whoosh, chỉ mục trình duyệt, "
                       "truy vấn JavaScript")
    bench.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    find = commands.add_parser("search", parents=[common], help="tìm kiếm (search) trong Sổ tay, gõ có dấu hay "
                               "không dấu đều được", description="Tìm trong văn bản, các điểm chính và các trang. "
                               "Gõ không dấu vẫn tìm được chữ có dấu; viết tắt như KL18, HD 12, TCCSĐ được hiểu.")
    find.add_argument("query", metavar="TRUY_VẤN", help="điều cần tìm, ví dụ: \"sinh hoat chuyen de\"")
    find.add_argument("--kind", choices=KINDS, help="chỉ tìm một loại: document (văn bản), topic (chủ đề), "
                      "checklist (bảng kiểm), template (mẫu), course (khóa học), page (trang)")
    find.add_argument("--cell-type", metavar="LOẠI_CHI_BỘ", choices=list(vocabulary().cell_types),
                      help="loại chi bộ: " + ", ".join(vocabulary().cell_types))
    find.add_argument("--limit", type=int, default=10, metavar="N", help="số kết quả tối đa (mặc định 10)")
    find.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    plan = commands.add_parser("plan", parents=[common], help="lập kế hoạch sinh hoạt cả năm cho một loại chi bộ",
                               description="Kế hoạch một năm: 12 buổi sinh hoạt thường kỳ và ít nhất một buổi "
                               "chuyên đề mỗi quý, chủ đề lấy từ danh mục gợi ý, hợp với loại chi bộ và tháng.")
    plan.add_argument("--cell-type", required=True, metavar="LOẠI_CHI_BỘ", choices=list(vocabulary().cell_types),
                      help="loại chi bộ: " + ", ".join(vocabulary().cell_types))
    plan.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm của kế hoạch, ví dụ 2027")
    plan.add_argument("--json", action="store_true", help="in kế hoạch dạng JSON")
    plan.add_argument("--docx", metavar="TỆP", help="ghi kế hoạch ra tệp Word (.docx) để chỉnh sửa")
    bundle = commands.add_parser("bundle", parents=[common], help="đóng gói bản dùng không cần mạng (một tệp .zip)",
                                 description="Dựng trang để mở bằng file:// và nén thành một tệp .zip có index.html, "
                                 "HUONG-DAN.txt và manifest.json. Cùng nội dung cho cùng một tệp, từng byte.")
    _edition(bundle)
    bundle.add_argument("-o", "--output", metavar="TỆP.zip", help="tệp kết quả (mặc định: so-tay-<ấn bản>.zip)")
    bundle.add_argument("--sign", metavar="KHÓA.pem", help="ký manifest.json bằng khóa bí mật Ed25519 này (tạo bằng: "
                        "openssl genpkey -algorithm ed25519 -out khoa.pem); chữ ký ghi vào manifest.sig")
    zim = commands.add_parser("zim", parents=[common],
                              help="ghi bản không cần mạng thành một tệp .zim để mở bằng Kiwix",
                              description="Dựng trang như bản .zip của lệnh bundle rồi ghi thành một tệp ZIM, mở được "
                              "bằng Kiwix trên máy tính, điện thoại hoặc kiwix-serve; ô tìm kiếm của Sổ tay vẫn dùng "
                              "được trong đó. Cần gói libzim: pip install 'sotay[zim]'.")
    _edition(zim)
    zim.add_argument("-o", "--output", metavar="TỆP.zim", help="tệp kết quả (mặc định: so-tay-<ấn bản>.zim)")
    verify = commands.add_parser("verify", parents=[voice],
                                 help="kiểm tra một tệp .zip còn nguyên vẹn theo manifest.json",
                                 description="Đối chiếu từng tệp trong gói với mã SHA-256 ghi trong manifest.json; "
                                 "từ chối tên tệp không an toàn, tệp trùng tên, tệp mã hóa hay hỏng. Với --key, gói "
                                 "phải có chữ ký hợp lệ của khóa đó.")
    verify.add_argument("bundle", metavar="TỆP.zip", help="tệp cần kiểm tra")
    verify.add_argument("--key", metavar="KHÓA_CÔNG_KHAI.pem",
                        help="khóa công khai Ed25519 của đơn vị phát hành; gói phải được ký bằng khóa này")
    course = commands.add_parser("course", parents=[common], help="in tài liệu bồi dưỡng của một khóa ra PDF",
                                 description="Dựng tài liệu của một khóa bồi dưỡng thành tệp PDF: bìa, mục lục, các "
                                 "học phần đánh số, nguồn của từng văn bản và ngày cập nhật nội dung; phông chữ tiếng "
                                 "Việt được nhúng vào tệp.")
    course.add_argument("course_id", metavar="MÃ_KHÓA", nargs="?",
                        help="mã khóa học, ví dụ 'bi-thu-chi-bo-moi'; bỏ trống để xem danh sách khóa")
    course.add_argument("-o", "--output", metavar="TỆP.pdf", help="tệp kết quả (mặc định: <mã khóa>.pdf, thêm "
                        "'-tom-tat' và '-giang-vien' theo tùy chọn)")
    course.add_argument("--level", choices=["summary", "full"], default="full",
                        help="summary: thông tin văn bản và ý chính; full (mặc định): toàn bộ phần giảng, trích "
                        "văn bản, bảng kiểm, mẫu")
    course.add_argument("--trainer", action="store_true", help="bản của giảng viên: in kèm đáp án câu hỏi kiểm tra")
    _edition(course)
    schema = commands.add_parser("schema", parents=[voice], help="in lược đồ JSON Schema của phần đầu văn bản",
                                 description="In lược đồ (JSON Schema) mô tả các trường của một văn bản.")
    schema.add_argument("-o", "--output", metavar="TỆP", default="-", help="tệp kết quả; '-' là in ra màn hình")
    return parser


def _edition(command: argparse.ArgumentParser) -> None:
    """The --edition option of a command that makes one copy of the handbook (site, bundle, ZIM, handout)."""
    command.add_argument("--edition", metavar="ẤN_BẢN", help="ấn bản: 'toan-quoc' (mặc định) hoặc mã tỉnh")


def write_bytes(target: str, data: bytes) -> None:
    """Write a binary file whole, or leave the old one untouched."""
    path = Path(target)
    if not target or target.endswith(("/", os.sep)) or path.is_dir():
        raise OSError(errno.EISDIR, "cần tên một tệp, không phải thư mục", target)
    try:
        replace_whole(path, lambda part: part.write_bytes(data))
    except OSError as err:
        raise OSError(err.errno, err.strerror, target) from None


def write_output(target: str, text: str) -> None:
    """Write to stdout, or replace a file only once the whole text is ready."""
    if target == "-":
        sys.stdout.write(text)
        return
    write_bytes(target, text.encode("utf-8"))


def _print_problems(result: LoadResult) -> None:
    for problem in result.problems.sorted():
        print(problem, file=sys.stderr)
    count = len(result.problems)
    print(f"sotay: {count} lỗi trong nội dung", file=sys.stderr)


def _print_missing(missing: list[Unresolved]) -> None:
    from .resolve import group_missing

    grouped = group_missing(missing)
    if not grouped:
        print("Mọi văn bản được trích dẫn đều đã có trong Sổ tay.")
        return
    print(f"Văn bản được trích dẫn nhưng Sổ tay chưa có ({len(grouped)}):")
    for name, places in grouped:
        where = ", ".join(f"{p.path}:{p.line}" for p in places[:3]) + (" …" if len(places) > 3 else "")
        print(f"  {name}: {len(places)} lần ({where})")


class _Stop(Exception):
    """Ends a command with an exit code once its message has been printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _load(args: argparse.Namespace, project: Project | None = None) -> tuple[Project, LoadResult]:
    """The project (read from its config unless the command has it already) and its base."""
    from .loader import load_knowledge_base

    project = project or load_project(args.config_file)
    return project, load_knowledge_base(project)


def _load_valid(args: argparse.Namespace, edition: str | None = None,
                project: Project | None = None) -> tuple[Project, LoadResult]:
    """The base, only if it has no problems (and has the edition asked for)."""
    from .site import EditionError, check_edition

    project, result = _load(args, project)
    if result.problems:
        _print_problems(result)
        raise _Stop(1)
    try:
        check_edition(result.kb.documents, edition or EDITION_ALL)
    except EditionError as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        raise _Stop(2) from None
    return project, result


def cmd_check(args: argparse.Namespace) -> int:
    project, result = _load(args)
    if args.report:
        _print_missing(result.missing)
    if result.problems:
        _print_problems(result)
        return 1
    topics = f", {len(result.topics)} chủ đề" if result.topics else ""
    topics += f", {len(result.checklists)} bảng kiểm" if result.checklists else ""
    topics += f", {len(result.templates)} mẫu" if result.templates else ""
    topics += f", {len(result.criteria)} bộ tiêu chí" if result.criteria else ""
    topics += f", {len(result.courses)} khóa học" if result.courses else ""
    say(args, f"sotay: nội dung hợp lệ: {len(result.kb.documents)} văn bản "
        f"({project.relative(project.directives_dir)}/){topics}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_json
    from .site import SiteModel

    project, result = _load_valid(args)
    if args.output != "-":
        refuse_output_file(Path(args.output), project, TEXT_MAGIC, "tệp dữ liệu JSON hay Atom")
    if args.format == "atom":
        from .changes import atom_feed

        write_output(args.output, atom_feed(SiteModel(result, project)))
        return 0
    write_output(args.output, export_json(result.kb, project, result))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import json_schema

    if args.output != "-":
        try:  # a project in this folder keeps its sources, though the schema needs none
            project: Project | None = load_project(None)
        except ProjectError:
            project = None
        refuse_output_file(Path(args.output), project, TEXT_MAGIC, "tệp lược đồ JSON")
    write_output(args.output, json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    sources = source_state(project)  # before the base is read: what the index made below will answer for
    project, result = _load_valid(args, args.edition, project)
    from .plugins.commands import SiteBuildError, build_site  # MkDocs is needed only here

    site_dir = Path(args.site_dir) if args.site_dir else project.site_dir
    refuse_site_folder(site_dir, project)  # before anything is built: a wrong -d loses nothing
    try:
        report = build_site(project.config_file, site_dir=site_dir, edition=args.edition, preloaded=result,
                            verbose=args.verbose, marker=SITE_MARKER)
    except SiteBuildError as err:
        print(f"sotay: lỗi: dựng trang không thành công; trang cũ được giữ nguyên.{_more(err)}", file=sys.stderr)
        return 1
    say(args, f"sotay: đã dựng {report.pages} trang vào {report.site_dir} ({report.seconds:.1f} giây)")
    if not args.no_search_index:
        try:
            _refresh_search_index(project, result, sources)
        except OSError as err:  # the site is built; the CLI's index is only a convenience
            print(f"sotay: cảnh báo: chưa lập được chỉ mục tìm kiếm ({err.strerror}); sotay search sẽ tự lập khi cần",
                  file=sys.stderr)
    return 0


def _more(err: Exception) -> str:
    """The error's own words on the next line, when it has any beyond what was logged already."""
    return f"\n{err}" if str(err) else ""


def _refresh_search_index(project: Project, result: LoadResult, sources: str) -> None:
    """Keep the CLI's search index in step with the site (`sotay search` would rebuild it anyway)."""
    from .search.engine import ensure_index, index_folder
    from .search.entries import build_entries
    from .site import SiteModel

    ensure_index(build_entries(result, SiteModel(result, project), split=False), index_folder(project.root),
                 sources=sources)


def cmd_generate(args: argparse.Namespace) -> int:
    project, result = _load_valid(args, args.edition)
    from .plugins.commands import SiteBuildError
    from .plugins.generate import generate_site

    try:
        report = generate_site(project.config_file, Path(args.output), edition=args.edition, preloaded=result,
                               verbose=args.verbose)
    except SiteBuildError as err:
        print(f"sotay: lỗi: không xuất được; thư mục đích giữ nguyên.{_more(err)}", file=sys.stderr)
        return 1
    say(args, f"sotay: đã ghi {report.pages} trang Markdown và {report.files} tệp khác vào {report.folder}; "
        f"dựng bằng: {builder_name()} build -f {report.folder / 'mkdocs.yml'}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    project, _result = _load_valid(args, args.edition)
    from .plugins.commands import SiteBuildError, serve_site

    try:
        serve_site(project.config_file, dev_addr=args.dev_addr, edition=args.edition)
    except SiteBuildError as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import report, run

    if args.pages < 1 or args.repeat < 1:
        print("sotay: lỗi: --pages và --repeat phải là số nguyên dương", file=sys.stderr)
        return 2
    try:
        result = run(args.pages, args.repeat, with_search=args.search)
    except RuntimeError as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(report(result, args.json))
    return 0


def _step(args: argparse.Namespace, number: int, text: str) -> None:
    """One of the three steps of bundle and zim, on stderr (stdout is for results)."""
    if not args.quiet:
        print(f"[{number}/3] {text}", file=sys.stderr)


@contextmanager
def _offline_site(args: argparse.Namespace, project: Project, result: LoadResult,
                  target: Path) -> Iterator[tuple[Path, BundleInfo]]:
    """Step 1 of bundle and zim: the site for reading with no network (page.html addresses, relative URLs),
    built into a work folder beside the target (what a killed run leaves there, the next one removes), and what
    the copy says of itself (edition, version, dates)."""
    from .bundle import BundleInfo
    from .plugins.commands import SiteBuildError, build_site
    from .site import SiteModel, content_date, source_date

    edition = args.edition or EDITION_ALL
    _step(args, 1, "Dựng trang cho bản không cần mạng")
    tmp = work_path(target, "new", folder=True)
    try:
        try:
            build_site(project.config_file, site_dir=Path(tmp) / "site", edition=args.edition, preloaded=result,
                       offline=True, verbose=args.verbose)
        except SiteBuildError as err:
            print(f"sotay: lỗi: dựng trang không thành công.{_more(err)}", file=sys.stderr)
            raise _Stop(1) from None
        content = content_date(SiteModel(result, project, edition).documents)  # the home page's date
        built = source_date()
        yield tmp / "site", BundleInfo(edition, __version__, built.isoformat() if built else content, content)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle import KeyFileError, fingerprint, load_private_key, write_bundle

    try:
        key = load_private_key(Path(args.sign)) if args.sign else None  # a bad key stops before any work
    except KeyFileError as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        return 2
    project, result = _load_valid(args, args.edition)
    target = Path(args.output or f"so-tay-{args.edition or EDITION_ALL}.zip")
    refuse_output_file(target, project, ZIP_MAGIC, "tệp .zip")  # before the build, not after it
    with _offline_site(args, project, result, target) as (site, info):
        _step(args, 2, "Đóng gói" if key is None else "Đóng gói và ký")
        count = write_bundle(site, target, info, key)
    signed = "" if key is None else f"; đã ký, khóa {fingerprint(key.public_key())}"
    _step(args, 3, f"Xong: {target} ({count} tệp, {target.stat().st_size / 1e6:.1f} MB){signed}")
    return 0


def cmd_zim(args: argparse.Namespace) -> int:
    from .zim import ZimError, require_libzim, write_zim

    try:
        require_libzim()  # before any work: the optional extra may be missing
    except ZimError as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        return 1
    project, result = _load_valid(args, args.edition)
    target = Path(args.output or f"so-tay-{args.edition or EDITION_ALL}.zim")
    refuse_output_file(target, project, ZIM_MAGIC, ZIM_KIND)  # before the build, not after it
    with _offline_site(args, project, result, target) as (site, info):
        _step(args, 2, "Ghi tệp ZIM")
        try:
            report = write_zim(site, target, info, source=project.site_url, verbose=args.verbose)
        except ZimError as err:
            print(f"sotay: lỗi: {err}; tệp cũ (nếu có) được giữ nguyên", file=sys.stderr)
            return 1
    _step(args, 3, f"Xong: {target} ({report.entries} mục, {report.size / 1e6:.1f} MB, {report.seconds:.1f} giây)")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .bundle import KeyFileError, load_public_key, verify_bundle

    try:
        key = load_public_key(Path(args.key)) if args.key else None
    except KeyFileError as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        return 2
    verdict = verify_bundle(Path(args.bundle), key)
    for problem in verdict.problems:
        print(problem, file=sys.stderr)
    if verdict.problems:
        return 1
    if verdict.signature_checked:
        signature = f"; chữ ký hợp lệ, khóa {verdict.signed_by}"
    elif verdict.signed_by:
        signature = f"; gói có chữ ký ghi là của khóa {verdict.signed_by}, chưa kiểm tra (thêm --key KHÓA.pem)"
    else:
        signature = ""
    say(args, f"sotay: {args.bundle}: mọi tệp khớp với manifest.json{signature}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Search the index; the base is loaded, checked and indexed again only when a file changed since."""
    from .search.engine import index_folder, search, search_current

    if args.verbose:  # say when the index was rebuilt, or kept in a temporary folder
        import logging

        said = logging.getLogger("sotay.search")
        said.addHandler(logging.StreamHandler(sys.stderr))
        said.setLevel(logging.INFO)
    project = load_project(args.config_file)
    sources = source_state(project)  # before anything is read: an edit made meanwhile shows next time
    folder, limit = index_folder(project.root), max(args.limit, 1)
    found = search_current(folder, sources, args.query, kind=args.kind, cell_type=args.cell_type, limit=limit)
    if found is None:  # a file changed, or the index is missing or damaged: check the base, rebuild, search
        from .search.entries import build_entries
        from .site import SiteModel

        project, result = _load_valid(args, project=project)
        found = search(folder, args.query, kind=args.kind, cell_type=args.cell_type, limit=limit,
                       entries=build_entries(result, SiteModel(result, project), split=False), sources=sources)
    results, notes = found
    for note in notes:
        print(f"sotay: lưu ý: {note}", file=sys.stderr)
    if args.json:
        rows = [{"title": r.title, "number": r.number or None, "kind": r.kind, "section": r.section,
                 "url": project.public_url(r.url), "snippet": r.snippet.text, "marks": r.snippet.marks,
                 "score": r.score} for r in results]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not results:
        print("Không tìm thấy kết quả nào.")
    # Bold marks on a terminal, unless NO_COLOR asks for none (https://no-color.org); «» otherwise.
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else ("«", "»")
    for index, r in enumerate(results, 1):
        number = f" [{r.number}]" if r.number and r.number not in r.title else ""
        section = f" › {r.section}" if r.section else ""
        print(f"{index}. {r.title}{number}{section} ({KIND_LABELS[r.kind]})")
        print(f"   {r.snippet.render(bold, plain)}")
        print(f"   {project.public_url(r.url)}")
    return 0



def cmd_plan(args: argparse.Namespace) -> int:
    project, result = _load_valid(args)
    from .planner import make_plan

    if args.docx:
        refuse_output_file(Path(args.docx), project, ZIP_MAGIC, "tệp Word (.docx)")

    if not 1900 <= args.year <= 2200:
        print("sotay: lỗi: --year cần một năm như 2027", file=sys.stderr)
        return 2
    plan = make_plan(result.topics, args.cell_type, args.year)
    if args.docx:
        from .plan_docx import SkeletonError, plan_docx

        try:
            data = plan_docx(plan)
        except SkeletonError as err:
            print(f"sotay: lỗi: {err}", file=sys.stderr)
            return 1
        write_bytes(args.docx, data)
    if args.json:
        print(json.dumps(plan.as_dict(), ensure_ascii=False, indent=2))
    elif not args.docx:
        print(f"Kế hoạch sinh hoạt chi bộ năm {plan.year}: {vocabulary().cell_types[plan.cell_type]}")
        for meeting in plan.meetings:
            kind = "chuyên đề" if meeting.kind == "chuyen-de" else "thường kỳ"
            print(f"  Tháng {meeting.month:>2} · {kind:<9} · {meeting.title}")
    return 0


def cmd_course(args: argparse.Namespace) -> int:
    project, result = _load_valid(args, args.edition)
    courses = {c.id: c for c in result.courses}
    if args.course_id is None or args.course_id not in courses:
        if args.course_id is not None:
            hint = did_you_mean(args.course_id, courses)
            print(f"sotay: lỗi: không có khóa học '{args.course_id}'{hint}", file=sys.stderr)
        listing = "\n".join(f"  {c.id}: {c.title}" for c in sorted(courses.values(), key=lambda c: c.id))
        print(f"Các khóa học:\n{listing}" if courses else "Sổ tay chưa có khóa học nào (docs/khoa-hoc/).",
              file=sys.stderr if args.course_id else sys.stdout)
        return 2 if args.course_id is not None else 0
    from .course_pack import PackOptions, pack_base
    from .pdf import PdfError, course_pdf, handout_name
    from .site import SiteModel

    course = courses[args.course_id]
    site = SiteModel(result, project, args.edition or EDITION_ALL)
    options = PackOptions(level=args.level, trainer=args.trainer)
    target = args.output if args.output is not None else handout_name(course.id, options)
    refuse_output_file(Path(target), project, PDF_MAGIC, "tệp PDF")
    try:
        data = course_pdf(course, pack_base(result, site, __version__), options)
    except PdfError as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        return 1
    write_bytes(target, data)
    say(args, f"sotay: đã ghi {target} ({len(data) / 1e3:.0f} kB)")
    return 0


COMMANDS = {
    "bench": cmd_bench, "build": cmd_build, "bundle": cmd_bundle, "check": cmd_check, "course": cmd_course,
    "export": cmd_export, "generate": cmd_generate,
    "plan": cmd_plan, "schema": cmd_schema, "search": cmd_search, "serve": cmd_serve, "verify": cmd_verify,
    "zim": cmd_zim,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except _Stop as stop:
        return stop.code
    except (ProjectError, BuilderMissing) as err:
        print(f"sotay: lỗi: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: what was being written is left as it was (every write is swapped in)
        print("\nsotay: đã dừng theo yêu cầu; các tệp đã có được giữ nguyên", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `sotay search … | head -1`: the reader has what it wanted
        _quiet_stdout()
        return 0
    except OSError as err:
        print(f"sotay: lỗi: '{err.filename or ''}': {err.strerror}", file=sys.stderr)
        return 2


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that Python's flush at exit prints no second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
