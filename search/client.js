/* Sổ tay sinh hoạt chi bộ: site search in the browser, from http or file://, with no network.
 * Needs analyzer.js (SotayAnalyzer). The index (search-index.js) is a script the
 * search page loads on demand; pages without the search box only get a header button.
 * Every string from the index reaches the page through textContent, never as HTML. */
(function (root, factory) {
  "use strict";
  var api = factory(root.SotayAnalyzer || (typeof require === "function" ? require("./analyzer.js") : null));
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.SotaySearch = api; }
})(typeof self !== "undefined" ? self : this, function (Analyzer) {
  "use strict";

  var MAX_QUERY_CHARS = 500, MAX_QUERY_TERMS = 32, RERANK = 30;

  function Engine(index) {
    this.index = index;
    this.analyzer = Analyzer.create(index.analysis);
    this.kinds = {};
    var kinds = Object.keys(index.analysis.number_types).map(function (k) { return index.analysis.number_types[k]; });
    kinds.forEach(function (k) { this.kinds[k] = true; }, this);
    this.cache = new Map();
    this.features = new Map();
  }

  Engine.prototype.isForm = function (term) {
    var head = term.replace(/[0-9]+$/, "");
    return head !== term && this.kinds[head] === true;
  };

  Engine.prototype.parse = function (text) {
    var a = this.analyzer, self = this, notes = [];
    if (Array.from(text).length > MAX_QUERY_CHARS) {
      text = Array.from(text).slice(0, MAX_QUERY_CHARS).join("");
      notes.push("Truy vấn dài quá " + MAX_QUERY_CHARS + " ký tự; chỉ dùng phần đầu.");
    }
    var tokens = a.foldedTokens(text, "query");
    var forms = tokens.filter(function (t) { return self.isForm(t.text); });
    var required = [], optional = [];
    tokens.forEach(function (t) {
      var inside = forms.indexOf(t) < 0 && forms.some(function (f) { return f.start <= t.start && t.end <= f.end; });
      if (inside) { return; }  // "kl", "18" of "KL 18": the number form stands for them
      (t.text.indexOf("_") >= 0 ? optional : required).push(t.text);
    });
    var exact = a.exactTokens(text).map(function (t) { return t.text; })
      .filter(function (t) { return t !== a.fold(t); });
    required = unique(required);
    if (required.length > MAX_QUERY_TERMS) {
      required = required.slice(0, MAX_QUERY_TERMS);
      notes.push("Chỉ dùng " + MAX_QUERY_TERMS + " từ đầu của truy vấn.");
    }
    return { required: required, optional: unique(optional), exact: unique(exact), notes: notes };
  };

  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  Engine.prototype.postings = function (term) {
    var map = this.cache.get(term);
    if (map) { return map; }
    var terms = this.index.terms, entry = 0;
    var flat = Object.prototype.hasOwnProperty.call(terms, term) ? terms[term] : [];
    map = new Map();
    for (var i = 0; i < flat.length; i += 2) { entry += flat[i]; map.set(entry, flat[i + 1]); }
    this.cache.set(term, map);
    return map;
  };

  Engine.prototype.idf = function (map) {
    return Math.log(1 + this.index.entries.length / Math.max(map.size, 1));
  };

  Engine.prototype.match = function (terms, all) {
    var lists = terms.map(this.postings, this), self = this, scores = new Map();
    if (all) {
      var sorted = lists.slice().sort(function (x, y) { return x.size - y.size; });
      sorted[0].forEach(function (_w, entry) {
        if (sorted.every(function (m) { return m.has(entry); })) { scores.set(entry, 0); }
      });
    } else {
      lists.forEach(function (m) { m.forEach(function (_w, entry) { scores.set(entry, 0); }); });
    }
    scores.forEach(function (_s, entry) {
      var total = 0;
      lists.forEach(function (m) { if (m.has(entry)) { total += self.idf(m) * m.get(entry); } });
      scores.set(entry, total);
    });
    return scores;
  };

  Engine.prototype.search = function (text, options) {
    options = options || {};
    var parsed = this.parse(text), notes = parsed.notes.slice(), self = this;
    if (!parsed.required.length) {
      return { results: [], total: 0, notes: notes.concat(["Hãy gõ ít nhất một từ để tìm."]), parsed: parsed };
    }
    var scores = this.match(parsed.required, true);
    if (!scores.size && parsed.required.length > 1) {
      scores = this.match(parsed.required, false);
      if (scores.size) { notes.push("Không có kết quả chứa đủ mọi từ; dưới đây là các kết quả chứa một phần."); }
    }
    var hits = [];
    scores.forEach(function (score, entry) {
      var e = self.index.entries[entry];
      if (options.kind && e[2] !== options.kind) { return; }
      if (options.cell && e[4].indexOf(options.cell) < 0 && e[4].indexOf("*") < 0) { return; }
      hits.push({ entry: entry, score: score });
    });
    hits.sort(byScore);
    hits.forEach(function (hit, rank) {
      hit.exact = 0;
      if (rank < RERANK) { self.rerank(hit, parsed); }
    });
    hits.sort(function (x, y) { return y.exact - x.exact || byScore(x, y); });
    var limit = options.limit || 20;
    return { results: hits.slice(0, limit).map(function (h) { return self.result(h, parsed); }),
      total: hits.length, notes: notes, parsed: parsed };
  };

  function byScore(x, y) { return y.score - x.score || x.entry - y.entry; }

  /* A hit with the query's exact accents in its title or summary comes before any without
   * ('hòa' puts hòa before hóa); phrases lift the score. */
  Engine.prototype.rerank = function (hit, parsed) {
    if (!parsed.optional.length && !parsed.exact.length) { return; }
    var seen = this.entryFeatures(hit.entry), pairs = 0;
    parsed.optional.forEach(function (t) { if (seen.has(t)) { pairs += 1; } });
    parsed.exact.forEach(function (t) { if (seen.has("=" + t)) { hit.exact += 1; } });
    hit.score *= 1 + 0.25 * pairs;
  };

  Engine.prototype.entryFeatures = function (entry) {
    var seen = this.features.get(entry);
    if (seen) { return seen; }
    var e = this.index.entries[entry], a = this.analyzer, text = e[0] + " " + e[5];
    var words = a.syllables(text), folded = words.map(function (w) { return a.fold(w.text); });
    seen = new Set();
    for (var i = 0; i + 1 < folded.length; i++) { seen.add(folded[i] + "_" + folded[i + 1]); }
    words.forEach(function (w) { seen.add("=" + w.text); });
    this.features.set(entry, seen);
    return seen;
  };

  Engine.prototype.result = function (hit, parsed) {
    var e = this.index.entries[hit.entry];
    return { title: e[0], number: e[1], kind: e[2], url: e[3], cells: e[4],
      snippet: this.snippet(e[5], parsed), score: Math.round(hit.score * 1000) / 1000 };
  };

  /* The summary split into [text, marked] pieces, the query's words marked. */
  Engine.prototype.snippet = function (text, parsed) {
    var a = this.analyzer, terms = new Set(parsed.required.concat(parsed.optional)), pieces = [], position = 0;
    a.syllables(text).forEach(function (t) {
      if (terms.has(a.fold(t.text))) {
        pieces.push([text.slice(position, t.start), false], [text.slice(t.start, t.end), true]);
        position = t.end;
      }
    });
    pieces.push([text.slice(position), false]);
    return pieces.filter(function (p) { return p[0]; });
  };

  /* ---- The page: header button everywhere, search box on the search page. ---- */

  function siteBase() {
    var config = document.getElementById("__config");
    try { return new URL(JSON.parse(config.textContent).base + "/", document.baseURI || location.href); }
    catch (e) { return new URL("./", location.href); }
  }

  /* Only links inside this site: parsed first (the parser strips spaces and tabs, reads "\" as "/"),
   * then the scheme and host must be the site's own. Anything else gets no link at all. */
  function safeUrl(relative, base) {
    var url;
    try { url = new URL(relative, base); } catch (e) { return null; }
    if (url.protocol !== base.protocol || url.host !== base.host) { return null; }
    if (["http:", "https:", "file:"].indexOf(url.protocol) < 0) { return null; }
    return url.href;
  }

  function addHeaderButton(settings, base) {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".sotay-search-button")) { return; }
    var href = safeUrl(settings.searchPage, base);
    if (!href) { return; }
    var link = document.createElement("a");
    link.className = "md-header__button md-icon sotay-search-button";
    link.href = href;
    link.title = "Tìm kiếm";
    link.setAttribute("aria-label", "Tìm kiếm");
    link.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
    header.appendChild(link);
  }

  function render(box, engine, base) {
    var form = box.querySelector("form"), list = box.querySelector(".sotay-results");
    var status = box.querySelector(".sotay-search-status");
    var query = form.elements.q.value, kind = form.elements.kind.value, cell = form.elements.cell.value;
    list.textContent = "";
    var found = engine.search(query, { kind: kind, cell: cell, limit: 50 });
    var words = query.trim() ? found.notes.slice() : [];
    if (query.trim() && found.parsed.required.length) {
      words.unshift(found.results.length ? "Tìm thấy " + found.total + " kết quả." : "Không tìm thấy kết quả nào.");
    }
    status.textContent = words.join(" ");
    found.results.forEach(function (r) {
      var href = safeUrl(r.url, base);
      var item = document.createElement("li"), link = document.createElement(href ? "a" : "span");
      if (href) { link.href = href; }
      link.className = "sotay-result-title";
      link.textContent = r.title;
      var kindLabel = document.createElement("span");
      kindLabel.className = "sotay-result-kind";
      kindLabel.textContent = engine.index.kinds[r.kind] || r.kind;
      var snippet = document.createElement("p");
      snippet.className = "sotay-result-snippet";
      r.snippet.forEach(function (piece) {
        var node = piece[1] ? document.createElement("mark") : document.createTextNode(piece[0]);
        if (piece[1]) { node.textContent = piece[0]; }
        snippet.appendChild(node);
      });
      item.append(link, " ", kindLabel, snippet);
      list.appendChild(item);
    });
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    if (kind) { params.set("kind", kind); }
    if (cell) { params.set("cell", cell); }
    try { history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : "")); }
    catch (e) { /* file:// may refuse; the search still works */ }
  }

  function fillSelect(select, labels) {
    Object.keys(labels).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = labels[value];
      select.appendChild(option);
    });
  }

  function startBox(box, base) {
    var index = window.SOTAY_SEARCH_INDEX;
    var engine = new Engine(index), form = box.querySelector("form"), timer = null;
    fillSelect(form.elements.kind, index.kinds);
    fillSelect(form.elements.cell, index.cells);
    var params = new URLSearchParams(location.search);
    form.elements.q.value = params.get("q") || "";
    form.elements.kind.value = params.get("kind") || "";
    form.elements.cell.value = params.get("cell") || "";
    form.addEventListener("submit", function (event) { event.preventDefault(); render(box, engine, base); });
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { render(box, engine, base); }, 60);
    });
    form.addEventListener("change", function () { render(box, engine, base); });
    box.classList.add("sotay-search-ready");
    render(box, engine, base);
    form.elements.q.focus();
  }

  function loadIndexThen(box, base, settings, done) {
    if (window.SOTAY_SEARCH_INDEX) { done(); return; }
    var src = safeUrl(settings.index, base), script = document.createElement("script");
    if (!src) { return; }
    script.src = src;
    script.onload = done;
    script.onerror = function () {
      box.querySelector(".sotay-search-status").textContent = "Không tải được chỉ mục tìm kiếm.";
    };
    document.head.appendChild(script);
  }

  function init() {
    var settings = window.SOTAY_CONFIG || {}, base = siteBase();
    if (settings.searchPage) { addHeaderButton(settings, base); }
    var box = document.getElementById("sotay-search");
    if (box && !box.classList.contains("sotay-search-ready")) {
      loadIndexThen(box, base, settings, function () { startBox(box, base); });
    }
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  }

  return { Engine: Engine, safeUrl: safeUrl };
});
