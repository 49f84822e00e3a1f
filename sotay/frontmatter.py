"""Read a Markdown file with YAML front matter, keeping line numbers.

Bytes are decoded as UTF-8 (a BOM is dropped), line ends become LF and text
becomes NFC before anything else looks at it, so an editor's keyboard or
operating system never changes what the base means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems
from .text import nfc

Path_ = tuple[str | int, ...]

# libyaml's loader when PyYAML has it (ten times faster): for data without line numbers to report (the
# package's vocabulary and provinces, mkdocs.yml). Content is read by the Python loader, which tells lines.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _without_timestamps(loader: type[Any]) -> None:
    """Leave dates as text, so that the schema can say what is wrong with them."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Loader(yaml.SafeLoader):
    """Builds scalar values (the pure-Python constructor)."""


# libyaml parses about ten times faster; both give the same nodes and line marks.
_Parser: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_Parser):  # type: ignore[misc]
    """Parses front matter into nodes with line marks."""


_without_timestamps(_Loader)
_without_timestamps(_FastLoader)


class _Unreadable(Exception):
    """A YAML value that parses but cannot be built (unknown tag, alias, bad !!int)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class SourceFile:
    """A Markdown file split into front matter and body, with line numbers."""

    path: str
    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[Path_, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line(self, *path: str | int) -> int:
        """Line of a value in the front matter, or of its closest parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1  # the front matter itself starts at line 1


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """Decode a file as UTF-8 and normalise it, or report why it cannot be."""
    data = read_bytes(path, display, problems)
    return None if data is None else decode_text(data, display, problems)


def read_bytes(path: Path, display: str, problems: Problems) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as err:
        problems.add(display, 1, f"không đọc được tệp: {err.strerror or err}")
        return None


def decode_text(data: bytes, display: str, problems: Problems) -> str | None:
    """A file's bytes as normalised text, or None with the reasons it cannot be content."""
    if len(data) > MAX_FILE_BYTES:
        problems.add(display, 1, f"tệp lớn {len(data) // 1000} kB, quá giới hạn {MAX_FILE_BYTES // 1000} kB "
                     "của một tệp nội dung; hãy tách thành nhiều tệp")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problems.add(display, line, f"tệp không phải UTF-8 (byte 0x{data[err.start]:02x}); "
                     "hãy lưu lại tệp với bảng mã UTF-8")
        return None
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    found: dict[int, list[str]] = {}
    for match in _CONTROL.finditer(text):
        found.setdefault(text.count("\n", 0, match.start()) + 1, []).append(match.group())
    for line, chars in list(found.items())[:MAX_REPORTED]:
        what = f"ký tự điều khiển U+{ord(chars[0]):04X}" + (f" và {len(chars) - 1} ký tự như thế" if len(chars) > 1
                                                            else "")
        problems.add(display, line, f"có {what}, không được phép trong nội dung (thường do chép từ phần mềm khác); "
                     "hãy xóa")
    if found:
        return None
    deep = _too_deep(text)
    if deep is not None:
        problems.add(display, deep, f"dòng lồng quá sâu (thụt lề quá {MAX_INDENT} dấu cách hoặc quá {MAX_QUOTES} "
                     "dấu '>'); hãy viết phẳng hơn")
        return None
    return text


def _too_deep(text: str) -> int | None:
    """The first line nested past what a reader can follow and what the renderers' recursion can take."""
    for number, line in enumerate(text.split("\n"), 1):
        lead = _LEAD.match(line)
        if lead is None:
            continue
        marks = lead.group()
        if marks.count(">") > MAX_QUOTES or len(marks.replace(">", "").expandtabs(4)) > MAX_INDENT:
            return number
    return None


_LEAD = re.compile(r"^[ \t>]+")
# Limits no real text comes near (the shipped base: 42 kB, 10 spaces, no quote) and that keep every path through
# Python-Markdown, WeasyPrint and the YAML reader far from exponential time and Python's recursion limit.
MAX_FILE_BYTES = 500_000
MAX_INDENT = 64
MAX_QUOTES = 16
MAX_SCALAR = 4_000  # characters in one front-matter value (the longest shipped: 435)
MAX_DEPTH = 16  # levels of nesting in front matter (the deepest shipped: 6)
MAX_DIGITS = 30  # a number longer than this is no number a document holds


# C0 and C1 control characters but tab and newline, and DEL: invisible, and refused by YAML, Word and browsers.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_REPORTED = 5  # per file: one bad paste can hold thousands


def front_matter_end(lines: list[str]) -> int | None:
    """Index of the line closing the front matter ('---' or '...'); None when the text has none."""
    if not lines or lines[0].rstrip() != "---":
        return None
    return next((i for i, ln in enumerate(lines[1:], 1) if ln.rstrip() in ("---", "...")), None)


def split_text(text: str, display: str, problems: Problems) -> SourceFile | None:
    """Split normalised text into front matter and body; None when the front matter is unusable."""
    if not text.strip():
        problems.add(display, 1, "tệp rỗng: cần phần đầu (front matter) giữa hai dòng '---' và nội dung")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        problems.add(display, 1, "thiếu phần đầu (front matter): dòng đầu tiên phải là '---'")
        return None
    end = front_matter_end(lines)
    if end is None:
        problems.add(display, 1, "phần đầu (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại")
        return None
    source = SourceFile(display, body="\n".join(lines[end + 1:]), body_line=end + 2)
    meta = _parse_yaml("\n".join(lines[1:end]), source, problems, first_line=2)
    if meta is not None:
        source.meta = meta
        return source
    return None


def read_yaml_mapping(path: Path, display: str, problems: Problems) -> SourceFile | None:
    """Read a whole YAML file whose top level is a mapping, keeping line numbers."""
    text = read_text(path, display, problems)
    if text is None:
        return None
    source = SourceFile(display)
    meta = _parse_yaml(text, source, problems, first_line=1)
    if meta is None:
        return None
    source.meta = meta
    return source


# libyaml's reasons for the mistakes editors make, said in Vietnamese with what to do.
YAML_REASONS = {
    "mapping values are not allowed": "có dấu ':' ở chỗ không được; giá trị có dấu ':' phải đặt trong ngoặc kép, "
                                      "và các trường cùng cấp phải thụt lề bằng nhau",
    "cannot start any token": "có ký tự không được đứng đầu (thường là phím Tab); YAML chỉ thụt lề bằng dấu cách",
    "did not find expected key": "thụt lề không khớp: các trường cùng cấp phải thẳng hàng",
    "did not find expected '-' indicator": "thụt lề của danh sách không khớp: các mục '- ' phải thẳng hàng",
    "did not find expected ',' or ']'": "danh sách trong ngoặc vuông chưa đóng bằng ']' hoặc thiếu dấu ','",
    "did not find expected ',' or '}'": "nhóm trong ngoặc nhọn chưa đóng bằng '}' hoặc thiếu dấu ','",
    "found unexpected end of stream": "chuỗi mở ngoặc kép nhưng chưa đóng",
    "found unknown escape character": "ký tự '\\' trong chuỗi ngoặc kép không hợp lệ; dùng ngoặc đơn hoặc bỏ '\\'",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "found undefined alias": "dùng '*tên' nhưng chưa có '&tên' nào",
    "exceeded maximum nesting depth": "lồng quá nhiều tầng ngoặc; hãy viết phẳng hơn",
}


def yaml_reason(err: yaml.YAMLError) -> str:
    """What is wrong, in Vietnamese; libyaml's own words only for a mistake the table does not know."""
    problem = str(getattr(err, "problem", None) or err)
    return next((reason for known, reason in YAML_REASONS.items() if known in problem), f"{problem} (libyaml)")


def _parse_yaml(text: str, source: SourceFile, problems: Problems, first_line: int) -> dict[str, Any] | None:
    try:
        node = yaml.compose(text, Loader=_FastLoader)
    except RecursionError:  # [[[[…: the composer recurses; the depth check below never gets the chance
        problems.add(source.path, first_line, f"phần đầu lồng quá {MAX_DEPTH} tầng; hãy viết phẳng hơn")
        return None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        if getattr(err, "context", None) == "while scanning a quoted scalar":  # where the quote opened, not the end
            mark = getattr(err, "context_mark", None) or mark
        last = first_line + max(text.count("\n") - (1 if text.endswith("\n") else 0), 0)
        line = min(mark.line + first_line, last) if mark is not None else first_line  # libyaml marks past the end
        problems.add(source.path, line, f"YAML không hợp lệ: {yaml_reason(err)}")
        return None
    if node is None:
        problems.add(source.path, 1, "phần đầu (front matter) trống" if first_line > 1 else "tệp rỗng")
        return None
    if not isinstance(node, yaml.MappingNode):
        what = "phần đầu (front matter)" if first_line > 1 else "tệp"
        problems.add(source.path, node.start_mark.line + first_line, f"{what} phải là các cặp 'trường: giá trị'")
        return None
    try:
        value = _Builder(source, problems, first_line).build(node)
    except _Unreadable as err:
        problems.add(source.path, err.line, str(err))
        return None
    return value if isinstance(value, dict) else None


class _Builder:
    """Builds Python values from YAML nodes, recording the line of every value."""

    def __init__(self, source: SourceFile, problems: Problems, first_line: int) -> None:
        self.source = source
        self.problems = problems
        self.first_line = first_line
        self.scalars = _Loader("")
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + self.first_line

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        if len(path) > MAX_DEPTH:
            raise _Unreadable(self.line(node), f"phần đầu lồng quá {MAX_DEPTH} tầng; hãy viết phẳng hơn")
        if id(node) in self.seen:  # an alias: refused, so a self-reference or an alias bomb cannot hang a check
            raise _Unreadable(self.line(node), "không dùng neo và tham chiếu YAML ('&', '*') trong phần đầu")
        self.seen.add(id(node))
        self.source.lines[path] = self.line(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(str(node.value)) > MAX_DIGITS:
            raise _Unreadable(self.line(node), f"số '{str(node.value)[:20]}…' dài quá {MAX_DIGITS} chữ số; nếu là "
                              "chữ thì đặt trong ngoặc kép")
        if len(str(node.value)) > MAX_SCALAR:
            raise _Unreadable(self.line(node), f"giá trị dài {len(str(node.value))} ký tự, quá giới hạn {MAX_SCALAR}; "
                              "hãy rút gọn, hoặc viết phần dài ở nội dung sau dòng '---'")
        if node.tag == "tag:yaml.org,2002:str":  # most values: skip the constructor machinery
            return node.value
        try:
            return self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError) as err:
            reason = getattr(err, "problem", None) or str(err)
            raise _Unreadable(self.line(node), f"giá trị '{node.value}' không đọc được: {reason}") from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = self.line(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise _Unreadable(line, "tên trường phải là chữ, ví dụ 'title:'")
            key = str(key_node.value)
            if key in result:
                self.problems.add(self.source.path, line, f"trường '{key}' bị lặp lại")
            result[key] = self.build(value_node, (*path, key))
            self.source.lines[(*path, key)] = line
        return result
