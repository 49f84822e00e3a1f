"""No content ever runs code: what `check` refuses in content, and the one sanitizer every page goes through.

Two layers. The check (`markup_problems`, `text_problems`, `url_problem`) tells an editor, at a file and line, what
in a body or a front-matter text would run code or load something from outside the site: raw HTML event
handlers, <script>, <iframe> and their kind, javascript:, vbscript: and data: addresses, attribute lists that set
more than an id and classes, images and other resources from other sites. The sanitizer (`sanitize_html`,
`sanitize_page`) is the second layer, for what the check cannot see: every page's content goes through nh3
(ammonia, a maintained HTML sanitizer) with an allowlist of what the site's own generators emit, so that a
page is safe even if a payload got past the check.

Plain Python: the MkDocs plugin wires `sanitize_page` to its pages, the loader's checkers call the checks.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Iterator, Sequence

import nh3

from .body import masked_lines

# Addresses a page may carry: relative ones, and these schemes; anything else is removed by the sanitizer.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Schemes that run code or carry a whole document in the address.
CODE_SCHEMES = ("javascript", "vbscript", "data")

# Elements a body may never carry: they run code, embed other pages or documents, style or redirect the page.
REFUSED_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
                          "meta", "base", "template", "noembed", "noframes", "portal", "math"})
# Attributes whose value is an address (a browser follows or loads it).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset",
                            "background", "cite", "longdesc", "ping", "lowsrc", "dynsrc", "manifest", "codebase",
                            "archive", "usemap", "profile", "classid", "imagesrcset"})
# Elements that load what their address names (an <a> only links to it: links to sources stay allowed).
LOADING_TAGS = frozenset({"img", "image", "video", "audio", "source", "track", "input", "picture", "use", "feimage",
                          "iframe", "embed", "object", "link", "script", "body", "table", "td", "th"})
LOADING_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "href", "xlink:href",
                                "imagesrcset", "lowsrc", "dynsrc"})

_TEXT_TAGS = {"p", "div", "span", "br", "hr", "a", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "small",
              "sub", "sup", "code", "kbd", "samp", "var", "pre", "blockquote", "q", "cite", "abbr", "dfn", "time",
              "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption",
              "img", "section", "article", "aside", "header", "footer", "nav", "main", "address", "details",
              "summary", "caption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
              "wbr", "bdi", "bdo", "ruby", "rt", "rp", "data"}
_FORM_TAGS = {"form", "fieldset", "legend", "label", "input", "button", "select", "option", "optgroup", "output",
              "noscript"}
_SVG_TAGS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
             "marker", "defs", "title", "desc"}
ALLOWED_TAGS = frozenset(_TEXT_TAGS | _FORM_TAGS | _SVG_TAGS)

_SVG_ATTRIBUTES = {"viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "rx", "ry", "cx", "cy", "r", "d",
                   "points", "fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "fill-opacity",
                   "stroke-linecap", "stroke-linejoin", "opacity", "transform", "text-anchor", "dominant-baseline",
                   "font-size", "font-weight", "marker-start", "marker-mid", "marker-end", "markerWidth",
                   "markerHeight", "markerUnits", "orient", "refX", "refY", "focusable", "xmlns", "dx", "dy"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "hidden", "role", "title", "lang", "dir"},
    "a": {"href", "download", "type", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "data": {"value"},
    "details": {"open", "name"},
    "span": {"style"},  # the diagrams' colour swatches only (a colour, see _attribute)
    "form": {"action", "method", "autocomplete", "novalidate"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "disabled", "placeholder", "autocomplete", "spellcheck",
              "enterkeyhint", "inputmode", "min", "max", "step", "required", "readonly", "size", "maxlength",
              "minlength", "pattern", "list", "multiple"},
    "button": {"type", "name", "value", "disabled"},
    "select": {"name", "multiple", "required", "disabled", "size"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "output": {"for", "name"},
    "fieldset": {"name", "disabled"},
    **{tag: set(_SVG_ATTRIBUTES) for tag in _SVG_TAGS},
}
# The site's scripts read data-sotay-… (and a few plain data-…) attributes; assistive technology reads aria-….
ATTRIBUTE_PREFIXES = frozenset({"data-", "aria-"})
# Attributes Python-Markdown itself reads and removes (md_in_html): never in the page, so never stripped there.
KEPT_BY_MARKDOWN = frozenset({"markdown"})
RESERVED_ID_PREFIXES = ("sotay-", "__")
# Removed with everything inside them (other refused elements are removed, their text kept).
CONTENT_REMOVED = frozenset({"script", "style", "iframe", "object", "embed", "applet", "frame", "frameset",
                             "noembed", "noframes", "template", "math"})

# What the sanitizer keeps of each allowed element, lower case as the check compares it: made once, not per tag.
_KEPT_ATTRIBUTES = {tag: frozenset(a.lower() for a in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | KEPT_BY_MARKDOWN)
                    for tag in {"*", *ATTRIBUTES}}

_COLOUR_STYLE = re.compile(r"^\s*background(?:-color)?\s*:\s*#[0-9a-fA-F]{3,8}\s*;?\s*$")
_PAINT = frozenset({"fill", "stroke", "marker-start", "marker-mid", "marker-end"})
_LOCAL_PAINT = re.compile(r"^\s*url\(\s*#[\w.-]+\s*\)\s*$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop these anywhere in an address before reading its scheme ("java\tscript:").
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """The allowlist's second half, by value: styles are colours, paint is local, images are the site's own."""
    if attribute == "style":
        return value if _COLOUR_STYLE.match(value) else None
    if attribute in _PAINT and "url(" in value.lower():
        return value if _LOCAL_PAINT.match(value) else None
    if attribute in ("src", "srcset") and (is_outside(value) or url_scheme(value) not in (None, "http", "https")):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CONTENT_REMOVED),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute,
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # the site's links keep their own attributes; nothing opens a new window
    strip_comments=True,
)


# A start tag as html5ever serializes one: every value double-quoted, no raw '"' inside a value, text never
# holding a raw '<'. Inside such a tag, ' name=""' is an empty attribute and nothing else.
_SERIALIZED_TAG = re.compile(r"<[a-zA-Z][^\s/>]*(?:\s+[^\s\"'>/=]+(?:=\"[^\"]*\")?)*\s*/?>")
_EMPTY_VALUE = re.compile(r"(\s[^\s\"'>/=]+)=\"\"")


def sanitize_html(fragment: str) -> str:
    """The fragment with everything outside the allowlist removed (nh3): no script, no handler, no other scheme.

    An empty attribute is written bare ('hidden', 'data-sotay-item') and a quote in text as '&quot;', as the
    generators write them (html.escape): the same document, and the pages stay closer to what was rendered.
    """
    clean = _CLEANER.clean(fragment)
    parts = []
    last = 0
    for tag in _SERIALIZED_TAG.finditer(clean):  # text between tags: a '"' written as the generators write it
        start = tag.start()
        if start != last:
            text = clean[last:start]
            parts.append(text.replace('"', "&quot;") if '"' in text else text)
        value = tag.group()
        parts.append(_EMPTY_VALUE.sub(_bare, value) if '=""' in value else value)  # most tags need nothing
        last = tag.end()
    tail = clean[last:]
    parts.append(tail.replace('"', "&quot;") if '"' in tail else tail)
    return "".join(parts)


def _bare(match: re.Match[str]) -> str:
    return match.group(1)


def sanitize_page(content: str, keep: Sequence[str] = ()) -> str:
    """A page's content through the sanitizer, keeping the site's own script elements listed in `keep`.

    Each element of `keep` is an exact string that the site's generators made for this page (the JSON-LD of a
    document page, the planner's data and scripts): it is set aside under a mark no content can guess, the rest
    is sanitized, and it is put back where its mark stands. A mark that content has moved into an attribute or
    a comment is escaped or removed by the sanitizer, and the element is then left out, never put back there.
    """
    nonce = secrets.token_hex(12)
    kept: dict[str, str] = {}
    for number, element in enumerate(dict.fromkeys(keep)):
        if element and element in content:
            mark = f'<span data-sotay-keep="{nonce}-{number}"></span>'
            content = content.replace(element, mark)
            kept[mark] = element
    clean = sanitize_html(content)
    for mark, element in kept.items():
        clean = clean.replace(mark, element)
    return clean


_SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


def script_elements(generated: str) -> list[str]:
    """The script elements of a text the site's generators made from validated data alone (never an editor's
    Markdown): the elements `sanitize_page` is to keep on that page."""
    return _SCRIPT_ELEMENT.findall(generated)


def url_scheme(url: str) -> str | None:
    """The scheme of an address as a browser reads it (entities decoded, blanks and controls dropped), lower case;
    None for a relative address."""
    found = _SCHEME.match(_IGNORED_IN_URL.sub("", html.unescape(url)))
    return found.group(1).lower() if found else None


def is_outside(url: str) -> bool:
    """An address on another site: absolute http(s), or protocol-relative ('//host/…')."""
    plain = _IGNORED_IN_URL.sub("", html.unescape(url)).replace("\\", "/")
    return plain.startswith("//") or url_scheme(url) in ("http", "https")


def url_problem(url: str) -> str | None:
    """Why an address may not stand in content, or None: schemes that run code first, then any other scheme."""
    scheme = url_scheme(url)
    shown = _short(url)
    if scheme in CODE_SCHEMES:
        return (f"địa chỉ '{shown}' dùng '{scheme}:', loại địa chỉ chạy mã hoặc chứa cả một trang; trang chỉ nhận "
                "địa chỉ http://, https://, mailto: hoặc đường dẫn tương đối")
    if scheme is not None and scheme not in URL_SCHEMES:
        return (f"địa chỉ '{shown}' dùng '{scheme}:'; trang chỉ nhận địa chỉ http://, https://, mailto: hoặc "
                "đường dẫn tương đối")
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[:limit - 1]}…"


def _outside_message(what: str, url: str) -> str:
    return (f"{what} '{_short(url)}' từ trang khác: Sổ tay không tải gì từ bên ngoài (trang phải mở được không "
            "cần mạng, từ file://); chép tệp vào docs/ và dẫn bằng đường dẫn tương đối, hoặc đặt một liên kết tới "
            "nó")


# A raw HTML start tag, across lines; quoted values may hold '>'.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?")
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
# A Markdown link or image destination: [text](url), ![alt](url), <url> inside the parentheses allowed.
_MD_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(?:<([^<>\n]*)>|([^\s()]*(?:\([^\s()]*\)[^\s()]*)*))")
_MD_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.M)
# An attribute list as Python-Markdown's attr_list reads one: '{: …}', '{#id .class key=value}'.
_ATTR_LIST = re.compile(r"\{(:?)[ \t]*([^{}\n]*?)[ \t]*\}")
_ATTR_LIST_TOKEN = re.compile(r"[^\s=]+=\"[^\"]*\"|[^\s=]+='[^']*'|[^\s=]+=[^\s=]*|[^\s=]+")


def _blanked(text: str) -> str:
    """The text with fenced code blanked and inline code blanked (lengths and line breaks kept), comments too."""
    lines = [" " * len(line) if in_code else line for _index, line, in_code in masked_lines(text)]
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(lines))


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def markup_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each thing in a Markdown body that would run code or load from outside the site.

    Code (fenced or inline) is an example, never markup, and is skipped; so is the inside of comments (which
    the page drops), but a comment left open is reported: it would swallow the rest of the page.
    """
    found: list[tuple[int, str]] = []
    opened = _open_comment(text)
    if opened is not None:
        found.append((first_line + opened, "chú thích HTML '<!--' không có '-->' đóng lại: phần còn lại của trang "
                      "sẽ bị ẩn; đóng chú thích hoặc bỏ nó"))
    plain = _blanked(text)
    found += [(first_line + line, message) for line, message in _html_problems(plain)]
    found += [(first_line + line, message) for line, message in _markdown_problems(plain)]
    return sorted(set(found))


def _open_comment(text: str) -> int | None:
    """The line (from 0) of a '<!--' outside code that nothing closes."""
    lines = [" " * len(line) if in_code else line for _index, line, in_code in masked_lines(text)]
    plain = "\n".join(lines)
    for match in _COMMENT.finditer(plain):
        if not match.group(0).endswith("-->"):
            return _line_at(plain, match.start())
    return None


def _html_problems(plain: str) -> Iterator[tuple[int, str]]:
    for tag in _TAG.finditer(plain):
        name = tag.group(1).lower()
        line = _line_at(plain, tag.start())
        # Left open ('a<b thì'), it is text to Markdown: only what would run is reported then, to be safe.
        closed = tag.group(0).endswith(">")
        if name in REFUSED_TAGS:
            yield line, (f"không dùng thẻ <{name}> trong nội dung: trang không chạy mã, không nhúng trang hay tệp "
                         "khác và không đổi kiểu trình bày theo nội dung; bỏ thẻ này")
        elif _AUTOLINK.match(plain, tag.start()) or plain[max(0, tag.start() - 8):tag.start()].rstrip().endswith("]("):
            continue  # <https://…>, <thu@dia-chi.vn>, [x](<dia chi.md>): an address Markdown reads, checked as one
        elif name not in ALLOWED_TAGS and closed:
            inner = " ".join(tag.group(0)[1:-1].split())
            word = _short(name if "=" in inner else inner, 30)  # '<video src=…>' is a tag; '<họ và tên>' is text
            yield line, (f"'<{word}>' là thẻ HTML mà trang không giữ, nên sẽ mất khi dựng trang; muốn hiện dấu "
                         f"ngoặc nhọn thì viết &lt;{word}&gt;; video, âm thanh thì đặt một liên kết tới tệp")
        allowed = _KEPT_ATTRIBUTES.get(name, _KEPT_ATTRIBUTES["*"])
        for attr in _ATTR.finditer(tag.group(2)):
            key = attr.group(1).lower()
            value = next((v for v in attr.group(2, 3, 4) if v is not None), "")
            at = _line_at(plain, tag.start(2) + attr.start())
            if key == "id" and closed and (reason := reserved_id(value)):
                yield at, reason
            elif (closed and name in ALLOWED_TAGS and not key.startswith("on") and key not in allowed
                  and not key.startswith(tuple(ATTRIBUTE_PREFIXES)) and key not in URL_ATTRIBUTES):
                yield at, (f"thuộc tính '{attr.group(1)}' của thẻ <{name}> bị bỏ khi dựng trang; bỏ thuộc tính "
                           "này")
            elif key.startswith("on"):
                yield at, (f"thẻ <{name}> có thuộc tính '{attr.group(1)}': trang không chạy mã do nội dung đưa vào; "
                           "bỏ thuộc tính này")
            elif key == "style" and re.search(r"url\s*\(|expression\s*\(|@import|javascript:", value, re.I):
                yield at, (f"thẻ <{name}> có thuộc tính 'style' tải tệp hoặc chạy mã ('{_short(value)}'); kiểu "
                           "trình bày do sotay.css đặt, bỏ thuộc tính này")
            elif key in URL_ATTRIBUTES or key.endswith(":href"):
                for url in (value.split(",") if key.endswith("srcset") else [value]):
                    url = url.strip().split(" ")[0] if key.endswith("srcset") else url
                    problem = url_problem(url)
                    if problem is not None:
                        yield at, f"thẻ <{name}>, thuộc tính '{attr.group(1)}': {problem}"
                    elif (name in LOADING_TAGS and name not in REFUSED_TAGS and key in LOADING_ATTRIBUTES
                          and is_outside(url)):
                        yield at, _outside_message(f"thẻ <{name}> tải tệp", url)


def _markdown_problems(plain: str) -> Iterator[tuple[int, str]]:
    for link in _MD_LINK.finditer(plain):
        url = link.group(2) if link.group(2) is not None else link.group(3) or ""
        line = _line_at(plain, link.start())
        problem = url_problem(url)
        if problem is not None:
            yield line, f"{'ảnh' if link.group(1) else 'liên kết'} Markdown: {problem}"
        elif link.group(1) and is_outside(url):
            yield line, _outside_message("ảnh Markdown tải tệp", url)
    for reference in _MD_REFERENCE.finditer(plain):
        problem = url_problem(reference.group(1))
        if problem is not None:
            yield _line_at(plain, reference.start()), f"liên kết Markdown: {problem}"
    for line, message in attribute_list_problems(plain):
        yield line, message


def attribute_list_problems(plain: str) -> Iterator[tuple[int, str]]:
    """Attribute lists ('{: …}', '{#id .class key=value}') that set more than an id and classes."""
    for group in _ATTR_LIST.finditer(plain):
        tokens = _ATTR_LIST_TOKEN.findall(group.group(2))
        if not tokens:
            continue
        looks_like_list = group.group(1) == ":" or tokens[0][0] in "#." or any("=" in t for t in tokens)
        others = [t.split("=", 1)[0] for t in tokens if t[0] not in "#."]
        for token in tokens:
            if looks_like_list and token[0] == "#" and (reason := reserved_id(token[1:])):
                yield _line_at(plain, group.start()), reason
        if looks_like_list and others:
            names = ", ".join(f"'{name}'" for name in dict.fromkeys(others))
            yield _line_at(plain, group.start()), (f"danh sách thuộc tính '{_short(group.group(0))}' chỉ được đặt neo "
                                                    f"('#neo') và lớp ('.lop'); bỏ {names}")


def reserved_id(value: str) -> str | None:
    """Why an editor may not set this id, or None: ids beginning 'sotay-' or '__' belong to the site's own
    parts (the planner, the checklists' tools, the theme's drawer and search), whose scripts look them up."""
    if value.strip().lower().startswith(RESERVED_ID_PREFIXES):
        return (f"neo '{_short(value)}' dành riêng cho các phần do trang web tự dựng (bắt đầu bằng "
                f"{' hoặc '.join(repr(p) for p in RESERVED_ID_PREFIXES)}); đặt neo khác")
    return None


def text_problems(value: str) -> list[str]:
    """What in a front-matter text (a title, an issuer, a summary…) would become a link that runs code, or
    attributes on an element, where a page puts the text into Markdown. Angle brackets are only text there: the
    pages escape them, so a title '<img …>' shows as written."""
    plain = _COMMENT.sub(lambda m: " " * len(m.group(0)), value)
    messages = [message for _line, message in _markdown_problems(plain)]
    for url in re.findall(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>", value):  # an autolink: <javascript:…>
        if (problem := url_problem(url)) is not None:
            messages.append(f"liên kết: {problem}")
    return list(dict.fromkeys(messages))
