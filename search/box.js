// @ts-check
/* Sổ tay sinh hoạt chi bộ: the search boxes of every page (header, home page), results under them as one types.
 * Each box is a GET form to the search page made at build time (search/box.py): with JavaScript it becomes a
 * combobox whose list shows the first results; Enter on a result opens it, Enter otherwise submits the form.
 * The search engine (analyzer.js, client.js: SotaySearch) and the index are loaded on the first focus or
 * keystroke, never with the page: a page whose reader never searches downloads only this file. They are
 * scripts of this file's own folder, added as script elements (a file:// page cannot fetch).
 * Strings from the index reach the page through textContent only. */
(/** @param {any} root @param {(search: any, folder: string) => any} factory */ function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var here = !node && root.document && root.document.currentScript ? root.document.currentScript.src : "";
  var api = factory(node ? require("./client.js") : null, here);
  if (node) { module.exports = api; } else { root.SotaySearchBox = api; }
})(typeof self !== "undefined" ? self : globalThis, function (loaded, here) {
  "use strict";

  var ENGINE = ["analyzer.js", "client.js"];  // in this order, beside box.js
  /** @type {any} */
  var Search = loaded;

  /** The engine's scripts, added once, one after the other; `done` gets SotaySearch, or null if one failed.
   * @param {(search: any) => void} done */
  function withEngine(done) {
    var root = /** @type {any} */ (window);
    if (Search || root.SotaySearch) { Search = Search || root.SotaySearch; done(Search); return; }
    var queue = ENGINE.slice();
    (function next() {
      if (!queue.length) { Search = root.SotaySearch || null; done(Search); return; }
      var name = queue.shift(), script = document.createElement("script");
      try { script.src = new URL(name, here || document.baseURI).href; } catch (e) { done(null); return; }
      script.onload = next;
      script.onerror = function () { done(null); };
      document.head.appendChild(script);
    })();
  }

  var LIMIT = 8, SNIPPET_CHARS = 110, SNIPPET_LEAD = 30, DELAY_MS = 80;

  /** A short snippet for a list of suggestions: it begins a little before the first marked word
   * and stops after about `max` characters, at a space, with "…" where text was cut.
   * @param {[string, boolean][]} pieces @param {number} [max] @returns {[string, boolean][]} */
  function shortSnippet(pieces, max) {
    max = max || SNIPPET_CHARS;
    /** @type {[string, boolean][]} */
    var out = [];
    var first = 0;
    while (first < pieces.length && !pieces[first][1]) { first += 1; }
    var start = 0;
    if (first < pieces.length && first > 0) {
      var before = pieces.slice(0, first).map(function (p) { return p[0]; }).join("");
      if (before.length > SNIPPET_LEAD) {
        var cut = before.slice(before.length - SNIPPET_LEAD), space = cut.indexOf(" ");
        out.push(["…" + (space >= 0 ? cut.slice(space + 1) : cut), false]);
        start = first;
      }
    }
    var used = out.length ? out[0][0].length : 0;
    for (var i = start; i < pieces.length; i++) {
      var text = pieces[i][0];
      if (used + text.length <= max) {
        out.push([text, pieces[i][1]]);
        used += text.length;
        continue;
      }
      var room = text.slice(0, max - used), end = room.lastIndexOf(" ");
      if (pieces[i][1] || end <= 0) {
        out.push(["…", false]);  // a marked word is shown whole or not at all
      } else {
        out.push([room.slice(0, end) + "…", false]);
      }
      break;
    }
    return out;
  }

  /* On a file:// page a folder address shows a file listing: the search page is its index.html. */
  /** @param {string} action @returns {string} */
  function fileAction(action) {
    return location.protocol === "file:" && /\/$/.test(action) ? action + "index.html" : action;
  }

  /** @param {string} tag @param {string} className @param {string} [text] @returns {HTMLElement} */
  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /** One box: the form with its input, the list under it and a status line for screen readers.
   * @constructor @param {HTMLFormElement} form */
  function Box(form) {
    var input = /** @type {HTMLInputElement} */ (form.querySelector("input[name=q]"));
    this.form = form;
    this.input = input;
    this.engine = null;
    this.loading = false;
    this.asked = 0;  // numbers the queries: only the newest is shown
    this.timer = 0;
    /** @type {{href: string|null, node: HTMLElement}[]} */
    this.options = [];
    this.active = -1;
    form.action = fileAction(form.getAttribute("action") || "");
    var id = input.id || "sotay-q";
    this.panel = element("div", "sotay-suggest");
    this.panel.hidden = true;
    this.list = element("ul", "sotay-suggest__list");
    this.list.id = id + "-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Kết quả tìm nhanh");
    this.foot = element("p", "sotay-suggest__foot");
    this.panel.append(this.list, this.foot);
    this.status = element("p", "sotay-visually-hidden");
    this.status.setAttribute("role", "status");
    form.append(this.panel, this.status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    this.listen();
  }

  Box.prototype.listen = function () {
    var self = this, input = this.input;
    input.addEventListener("focus", function () { self.load(); });
    input.addEventListener("input", function () {
      self.load();
      clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.update(); }, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) { self.key(event); });
    this.form.addEventListener("focusout", function (event) {
      var next = /** @type {Node|null} */ (event.relatedTarget);
      if (!next || !self.form.contains(next)) { self.close(); }
    });
    // A press on a suggestion must not blur the input first (the list would close under the finger).
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var target = /** @type {Element} */ (event.target);
      var item = target.closest ? target.closest("[role=option]") : null;
      var index = item ? self.options.map(function (o) { return o.node; }).indexOf(/** @type {HTMLElement} */ (item)) : -1;
      if (index >= 0) { self.open(index); }
    });
  };

  /** @param {KeyboardEvent} event */
  Box.prototype.key = function (event) {
    var shown = !this.panel.hidden, count = this.options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!shown) { this.update(); if (this.panel.hidden) { return; } count = this.options.length; }
      event.preventDefault();
      if (!count) { return; }
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = this.active + step;  // -1 is the input itself
      this.highlight(next < -1 ? count - 1 : next >= count ? -1 : next);
    } else if (event.key === "Escape") {
      if (shown) {
        event.preventDefault();  // keeps the text: a search input clears itself on Escape
        this.close();
      } else if (this.onEscape) {
        event.preventDefault();
        this.onEscape();
      }
    } else if (event.key === "Enter" && shown && this.active >= 0) {
      event.preventDefault();
      this.open(this.active);
    }
  };

  Box.prototype.load = function () {
    var self = this;
    if (this.engine || this.loading) { return; }
    this.loading = true;
    var failed = function () {
      self.loading = false;
      self.status.textContent = "Không tải được chỉ mục tìm kiếm. Nhấn Enter để mở trang tìm kiếm.";
    };
    withEngine(function (search) {
      if (!search) { failed(); return; }
      search.loadEngine(function (/** @type {any} */ engine) {
        self.loading = false;
        self.engine = engine;
        if (self.input.value.trim()) { self.update(); }
      }, failed);
    });
  };

  Box.prototype.update = function () {
    var query = this.input.value;
    if (!query.trim()) { this.close(); this.status.textContent = ""; return; }
    if (!this.engine) { this.status.textContent = "Đang tải chỉ mục tìm kiếm…"; this.load(); return; }
    var self = this, asked = ++this.asked;
    this.engine.find(query, { limit: LIMIT, prefix: true }, function (/** @type {any} */ found) {
      if (asked !== self.asked || self.input.value !== query) { return; }  // closed, or a newer query is on its way
      if (!found) {
        self.engine = null;  // the next keystroke fetches the index's head again
        Search.forgetEngine();
        self.status.textContent = "Không tải được chỉ mục tìm kiếm. Nhấn Enter để mở trang tìm kiếm.";
        return;
      }
      self.show(found, query);
    });
  };

  /** @param {any} found what Engine.search returns @param {string} query */
  Box.prototype.show = function (found, query) {
    var self = this, base = Search.siteBase(), kinds = this.engine.index.kinds;
    this.list.textContent = "";
    this.options = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    found.results.forEach(function (/** @type {any} */ r, /** @type {number} */ i) {
      var item = element("li", "sotay-suggest__item");
      item.id = self.list.id + "-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var title = element("span", "sotay-suggest__title", r.title);
      var kind = element("span", "sotay-suggest__kind", kinds[r.kind] || r.kind);
      var snippet = element("span", "sotay-suggest__snippet");
      snippet.append(kind, " ");
      Search.appendSnippet(snippet, shortSnippet(r.snippet));
      item.append(title, snippet);
      self.list.appendChild(item);
      self.options.push({ href: Search.safeUrl(r.url, base), node: item });
    });
    this.foot.textContent = "";
    var all = element("a", "sotay-suggest__all", found.results.length ? "Xem tất cả kết quả, lọc thêm trên trang tìm kiếm" :
      "Không tìm thấy kết quả nào. Mở trang tìm kiếm");
    all.setAttribute("href", this.form.action + "?q=" + encodeURIComponent(query));
    this.foot.appendChild(all);
    this.list.hidden = !found.results.length;
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", found.results.length ? "true" : "false");
    this.status.textContent = found.results.length
      ? found.total + " kết quả; " + found.results.length + " kết quả đầu ở danh sách dưới ô tìm, chọn bằng phím mũi tên."
      : "Không tìm thấy kết quả nào.";
  };

  /** @param {number} index */
  Box.prototype.highlight = function (index) {
    this.options.forEach(function (o, i) { o.node.setAttribute("aria-selected", i === index ? "true" : "false"); });
    this.active = index;
    if (index < 0) { this.input.removeAttribute("aria-activedescendant"); return; }
    var node = this.options[index].node;
    this.input.setAttribute("aria-activedescendant", node.id);
    if (node.scrollIntoView) { node.scrollIntoView({ block: "nearest" }); }
  };

  /** @param {number} index */
  Box.prototype.open = function (index) {
    var href = this.options[index] && this.options[index].href;
    if (href) { window.location.assign(href); }
  };

  Box.prototype.close = function () {
    this.asked += 1;  // a search still waiting for its parts is not shown
    this.panel.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  /** @type {(() => void)|null} what Escape does when the list is closed (the header's box closes itself) */
  Box.prototype.onEscape = null;

  /* The header: on a phone, a button opens the box under the header bar; the link it replaces
   * (to the form, shown by :target) is what a page without JavaScript keeps. */
  /** @param {HTMLElement} wrapper */
  function startHeader(wrapper) {
    var link = wrapper.querySelector(".sotay-hsearch__open"), form = wrapper.querySelector("form");
    if (!link || !form) { return; }
    var box = new Box(/** @type {HTMLFormElement} */ (form));
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    while (link.firstChild) { button.appendChild(link.firstChild); }  // the icon
    button.title = "Tìm kiếm";
    button.setAttribute("aria-label", "Tìm kiếm");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", form.id);
    link.replaceWith(button);
    var setOpen = function (/** @type {boolean} */ open) {
      wrapper.classList.toggle("sotay-hsearch--open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { box.input.focus(); } else { box.close(); }
    };
    button.addEventListener("click", function () { setOpen(!wrapper.classList.contains("sotay-hsearch--open")); });
    box.onEscape = function () {
      if (wrapper.classList.contains("sotay-hsearch--open")) { setOpen(false); button.focus(); }
    };
    document.addEventListener("mousedown", function (event) {
      if (wrapper.classList.contains("sotay-hsearch--open") && !wrapper.contains(/** @type {Node} */ (event.target))) {
        setOpen(false);
      }
    });
    wrapper.classList.add("sotay-hsearch--ready");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sotay-header-search]"), startHeader);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sotay-suggest]"), function (/** @type {any} */ form) {
      if (!form.closest("[data-sotay-header-search]")) { new Box(form); }
    });
  }

  if (typeof document !== "undefined" && typeof module === "undefined") {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  }

  return { shortSnippet: shortSnippet, Box: Box };
});
