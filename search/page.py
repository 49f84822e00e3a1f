"""The search page's Markdown: a form that the client brings to life, and a note for no JavaScript."""

from __future__ import annotations

# Every page loads only the box (and config.js, made at build time); the engine comes when a reader starts to
# search (box.js adds it, then the index's head), or with the search page, which loads the head with it.
EVERY_PAGE = ("config.js", "box.js")
ENGINE = ("analyzer.js", "client.js")
INDEX_SCRIPT = "search-index.js"
# What a browser fetches before its first result, in order: then the parts the query reads.
FIRST_QUERY = (*EVERY_PAGE, *ENGINE, INDEX_SCRIPT)
FIRST_RESULTS = 5  # the search page shows these as soon as their parts come (client.js FIRST), then the rest
PAGE_RESULTS = 20  # then a page of results (client.js PAGE)


def search_page(documents_url: str) -> str:
    """The page; `documents_url` is the list of documents as a final URL from it (raw HTML is not rewritten)."""
    return "\n".join([
        "# Tìm kiếm", "",
        "Gõ có dấu hay không dấu đều được (\"sinh hoat chuyen de\", \"Đảng uỷ\"); số hiệu viết kiểu nào cũng được "
        "hiểu (\"KL18\", \"HD 12\", \"18-KL/TW\"), kể cả chữ viết tắt như TCCSĐ, ĐV. Chưa gõ hết từ cuối "
        "cũng được: \"bien b\" đã tìm ra \"biên bản\".", "",
        '<div id="sotay-search">'
        '<form class="sotay-search-form" role="search">'
        '<label class="sotay-search-query">Tìm<input type="search" name="q" autocomplete="off" '
        'placeholder="Ví dụ: sinh hoat chuyen de"></label>'
        '<label>Loại<select name="kind"><option value="">Tất cả</option></select></label>'
        '<label>Loại chi bộ<select name="cell"><option value="">Tất cả</option></select></label>'
        "</form>"
        '<p class="sotay-search-status" aria-live="polite"></p>'
        '<ol class="sotay-results"></ol>'
        f"<noscript><p>Trang tìm kiếm cần JavaScript. Có thể dùng <a href=\"{documents_url}\">danh sách văn bản</a> "
        "để tra theo loại, cơ quan ban hành, phạm vi và năm.</p></noscript>"
        "</div>", "",
    ])
