// @ts-check
/* Sổ tay sinh hoạt chi bộ: site search in the browser, from http or file://, with no network.
 * Needs analyzer.js (SotayAnalyzer). The index (search-index.js) is a script loaded on demand:
 * at once on the search page, on the first focus of a search box elsewhere (box.js).
 * Every string from the index reaches the page through textContent, never as HTML. */
(/** @param {any} root @param {(analyzer: any) => any} factory */ function (root, factory) {
  "use strict";
  var api = factory(root.SotayAnalyzer || (typeof require === "function" ? require("./analyzer.js") : null));
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.SotaySearch = api; }
})(typeof self !== "undefined" ? self : globalThis, function (Analyzer) {
  "use strict";

  var MAX_QUERY_CHARS = 500, MAX_QUERY_TERMS = 32, RERANK = 30, RERANK_TYPING = 60;
  // While typing, the last word is a prefix: it stands for at most this many index terms (the most frequent),
  // each counting for less than the word itself, so whole words rank first.
  var MAX_COMPLETIONS = 50, COMPLETION_WEIGHT = 0.5, MAX_ABBREVIATIONS = 5, PREFIX_CACHE = 200;

  /** @typedef {Map<number, number>} Scores entry number -> score */
  /** @typedef {{terms: string[], weight: number}} Alternative one or more words that must all be there */
  /** @typedef {{text: string, previous: string, alternatives: Alternative[], words: string[], pairs: string[]}} Prefix
   * `words`: every term it stands for; `pairs`: the bigrams of the abbreviations it may be, as "to_chuc" */
  /** @typedef {{required: string[], optional: string[], exact: string[], notes: string[], prefix: Prefix|null}} Parsed */

  /** @constructor @param {any} index the object search-index.js puts on window */
  function Engine(index) {
    this.index = index;
    this.analyzer = Analyzer.create(index.analysis);
    /** @type {Object<string, boolean>} */
    this.kinds = {};
    var kinds = Object.keys(index.analysis.number_types).map(function (k) { return index.analysis.number_types[k]; });
    kinds.forEach(function (k) { this.kinds[k] = true; }, this);
    /** @type {Map<string, Map<number, number>>} */
    this.cache = new Map();
    /** @type {Map<number, Set<string>>} */
    this.features = new Map();
    /** @type {Map<string, string[]>} */
    this.prefixes = new Map();
    /** @type {string[]|null} every single-word term, sorted, built on the first prefix */
    this.sortedTerms = null;
  }

  /** @param {string} term */
  Engine.prototype.isForm = function (term) {
    var head = term.replace(/[0-9]+$/, "");
    return head !== term && this.kinds[head] === true;
  };

  /** The query's terms. With `prefix`, a last word not followed by a space or a sign is a prefix
   * ("bien b" also finds "biên bản") unless it is a whole abbreviation ("ĐV").
   * @param {string} text @param {boolean} [prefix] @returns {Parsed} */
  Engine.prototype.parse = function (text, prefix) {
    var a = this.analyzer, self = this, notes = [];
    if (Array.from(text).length > MAX_QUERY_CHARS) {
      text = Array.from(text).slice(0, MAX_QUERY_CHARS).join("");
      notes.push("Truy vấn dài quá " + MAX_QUERY_CHARS + " ký tự; chỉ dùng phần đầu.");
    }
    var tokens = a.foldedTokens(text, "query");
    var forms = tokens.filter(function (t) { return self.isForm(t.text); });
    var last = prefix ? this.lastWord(text, forms) : null;
    var required = [], optional = [];
    tokens.forEach(function (t) {
      var inside = forms.indexOf(t) < 0 && forms.some(function (f) { return f.start <= t.start && t.end <= f.end; });
      if (inside) { return; }  // "kl", "18" of "KL 18": the number form stands for them
      if (last && t.start === last.start && t.end === last.end && t.text === last.text) { return; }
      (t.text.indexOf("_") >= 0 ? optional : required).push(t.text);
    });
    var exact = a.exactTokens(text).map(function (t) { return t.text; })
      .filter(function (t) { return t !== a.fold(t); });
    required = unique(required);
    if (required.length > MAX_QUERY_TERMS) {
      required = required.slice(0, MAX_QUERY_TERMS);
      notes.push("Chỉ dùng " + MAX_QUERY_TERMS + " từ đầu của truy vấn.");
    }
    return { required: required, optional: unique(optional), exact: unique(exact), notes: notes,
      prefix: last ? this.expandPrefix(last.text, last.previous) : null };
  };

  /** The word the user is still typing: the last syllable (or number form) reaching the end of the text.
   * @param {string} text @param {{text: string, start: number, end: number}[]} forms
   * @returns {{text: string, start: number, end: number, previous: string}|null} */
  Engine.prototype.lastWord = function (text, forms) {
    var a = this.analyzer, nfc = a.nfc(text), words = a.syllables(nfc), word = words[words.length - 1];
    if (!word || word.end !== nfc.length) { return null; }
    var previous = words.length > 1 ? a.fold(words[words.length - 2].text) : "";
    var form = forms.filter(function (f) { return f.start <= word.start && word.end <= f.end; })[0];
    if (form) { return { text: form.text, start: form.start, end: form.end, previous: "" }; }
    var folded = a.fold(word.text);
    if (own(this.index.analysis.abbreviations, folded)) { return null; }  // a whole abbreviation is a word
    return { text: folded, start: word.start, end: word.end, previous: previous };
  };

  /** @param {string} text @param {string} previous @returns {Prefix} */
  Engine.prototype.expandPrefix = function (text, previous) {
    var a = this.analyzer, abbreviations = this.index.analysis.abbreviations;
    /** @type {Alternative[]} */
    var alternatives = [{ terms: [text], weight: 1 }], pairs = [];
    this.completions(text).forEach(function (term) { alternatives.push({ terms: [term], weight: COMPLETION_WEIGHT }); });
    if (text.length >= 2) {  // "tccs" stands for TCCSĐ, which stands for "tổ chức cơ sở đảng"
      Object.keys(abbreviations).filter(function (k) { return k !== text && k.lastIndexOf(text, 0) === 0; })
        .sort(function (x, y) { return x.length - y.length || (x < y ? -1 : 1); })
        .slice(0, MAX_ABBREVIATIONS)
        .forEach(function (k) {
          var words = abbreviations[k].split(/\s+/).map(function (w) { return a.fold(w); });
          alternatives.push({ terms: unique(words), weight: COMPLETION_WEIGHT });
          words.slice(1).forEach(function (w, i) { pairs.push(words[i] + "_" + w); });
        });
    }
    var words = [];
    alternatives.forEach(function (alt) { words = words.concat(alt.terms); });
    return { text: text, previous: previous, alternatives: alternatives, words: unique(words), pairs: unique(pairs) };
  };

  /** Index terms that start with `prefix` and are longer, the most frequent first (binary search on sorted terms).
   * @param {string} prefix @returns {string[]} */
  Engine.prototype.completions = function (prefix) {
    var cached = this.prefixes.get(prefix);
    if (cached) { return cached; }
    var terms = this.index.terms;
    if (!this.sortedTerms) {
      this.sortedTerms = Object.keys(terms).filter(function (t) { return t.indexOf("_") < 0; }).sort();
    }
    var sorted = this.sortedTerms, low = 0, high = sorted.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (sorted[middle] < prefix) { low = middle + 1; } else { high = middle; }
    }
    var found = [];
    for (var i = low; i < sorted.length && sorted[i].lastIndexOf(prefix, 0) === 0; i++) {
      if (sorted[i] !== prefix) { found.push(sorted[i]); }
    }
    found.sort(function (x, y) { return terms[y].length - terms[x].length || (x < y ? -1 : 1); });
    found = found.slice(0, MAX_COMPLETIONS);
    if (this.prefixes.size >= PREFIX_CACHE) { this.prefixes.clear(); }
    this.prefixes.set(prefix, found);
    return found;
  };

  /** @param {any[]} list */
  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  /** @param {Object} table @param {string} key */
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }

  /** @param {string} term @returns {Map<number, number>} entry -> weight */
  Engine.prototype.postings = function (term) {
    var map = this.cache.get(term);
    if (map) { return map; }
    var terms = this.index.terms, entry = 0;
    var flat = own(terms, term) ? terms[term] : [];
    map = new Map();
    for (var i = 0; i < flat.length; i += 2) { entry += flat[i]; map.set(entry, flat[i + 1]); }
    this.cache.set(term, map);
    return map;
  };

  /** @param {Map<number, number>} map */
  Engine.prototype.idf = function (map) {
    return Math.log(1 + this.index.entries.length / Math.max(map.size, 1));
  };

  /** @param {string} term @returns {Scores} */
  Engine.prototype.termScores = function (term) {
    var map = this.postings(term), idf = this.idf(map), scores = new Map();
    map.forEach(function (weight, entry) { scores.set(entry, idf * weight); });
    return scores;
  };

  /** The prefix as one required term: an entry scores by its best alternative.
   * @param {Prefix} prefix @returns {Scores} */
  Engine.prototype.prefixScores = function (prefix) {
    var self = this, best = new Map();
    prefix.alternatives.forEach(function (alt) {
      self.combine(alt.terms.map(self.termScores, self), true).forEach(function (score, entry) {
        var value = score * alt.weight;
        if (!(best.get(entry) >= value)) { best.set(entry, value); }
      });
    });
    return best;
  };

  /** Entries in all (or any) of the lists, scored by the sum of their scores.
   * @param {Scores[]} lists @param {boolean} all @returns {Scores} */
  Engine.prototype.combine = function (lists, all) {
    var scores = new Map();
    if (!lists.length) { return scores; }
    if (all) {
      var sorted = lists.slice().sort(function (x, y) { return x.size - y.size; });
      sorted[0].forEach(function (_s, entry) {
        if (sorted.every(function (m) { return m.has(entry); })) { scores.set(entry, 0); }
      });
    } else {
      lists.forEach(function (m) { m.forEach(function (_s, entry) { scores.set(entry, 0); }); });
    }
    scores.forEach(function (_s, entry) {
      var total = 0;
      lists.forEach(function (m) { if (m.has(entry)) { total += m.get(entry); } });
      scores.set(entry, total);
    });
    return scores;
  };

  /** @param {Parsed} parsed @param {boolean} all @returns {Scores} */
  Engine.prototype.match = function (parsed, all) {
    var lists = parsed.required.map(this.termScores, this);
    if (parsed.prefix) { lists.push(this.prefixScores(parsed.prefix)); }
    return this.combine(lists, all);
  };

  /** @param {string} text
   * @param {{kind?: string, cell?: string, limit?: number, prefix?: boolean}} [options] */
  Engine.prototype.search = function (text, options) {
    options = options || {};
    var parsed = this.parse(text, options.prefix === true), notes = parsed.notes.slice(), self = this;
    var terms = parsed.required.length + (parsed.prefix ? 1 : 0);
    if (!terms) {
      return { results: [], total: 0, notes: notes.concat(["Hãy gõ ít nhất một từ để tìm."]), parsed: parsed };
    }
    var scores = this.match(parsed, true);
    if (!scores.size && terms > 1) {
      scores = this.match(parsed, false);
      if (scores.size) { notes.push("Không có kết quả chứa đủ mọi từ; dưới đây là các kết quả chứa một phần."); }
    }
    var hits = [];
    scores.forEach(function (score, entry) {
      var e = self.index.entries[entry];
      if (options.kind && e[2] !== options.kind) { return; }
      if (options.cell && e[4].indexOf(options.cell) < 0 && e[4].indexOf("*") < 0) { return; }
      hits.push({ entry: entry, score: score, exact: 0, phrase: 0 });
    });
    hits.sort(byScore);
    var rerank = parsed.prefix ? RERANK_TYPING : RERANK;
    hits.forEach(function (hit, rank) { if (rank < rerank) { self.rerank(hit, parsed); } });
    hits.sort(function (x, y) { return y.exact - x.exact || y.phrase - x.phrase || byScore(x, y); });
    var limit = options.limit || 20;
    return { results: hits.slice(0, limit).map(function (h) { return self.result(h, parsed); }),
      total: hits.length, notes: notes, parsed: parsed };
  };

  /** @param {{entry: number, score: number}} x @param {{entry: number, score: number}} y */
  function byScore(x, y) { return y.score - x.score || x.entry - y.entry; }

  /* A hit with the query's exact accents in its title or summary comes before any without
   * ('hòa' puts hòa before hóa); then, while typing, one where the word being typed follows the one
   * before it ("bien b": "biên bản" in the title or summary). Phrases lift the score. */
  /** @param {{entry: number, score: number, exact: number, phrase: number}} hit @param {Parsed} parsed */
  Engine.prototype.rerank = function (hit, parsed) {
    var prefix = parsed.prefix;
    var phrases = parsed.optional.concat(prefix ? prefix.pairs : []);
    if (!phrases.length && !parsed.exact.length && !(prefix && prefix.previous)) { return; }
    var seen = this.entryFeatures(hit.entry), pairs = 0;
    // A phrase counts once anywhere near the start and once more in the title, as in the CLI's engine
    // (search/engine.py _rerank): "biên bản họp chi ủy" before a minutes whose text speaks of the chi ủy.
    phrases.forEach(function (t) { pairs += (seen.has(t) ? 1 : 0) + (seen.has("t:" + t) ? 1 : 0); });
    if (prefix && prefix.previous && prefix.words.some(function (w) { return seen.has(prefix.previous + "_" + w); })) {
      hit.phrase = 1;
    }
    parsed.exact.forEach(function (t) { if (seen.has("=" + t)) { hit.exact += 1; } });
    hit.score *= 1 + 0.25 * pairs;
  };

  /** @param {number} entry @returns {Set<string>} */
  Engine.prototype.entryFeatures = function (entry) {
    var seen = this.features.get(entry);
    if (seen) { return seen; }
    var e = this.index.entries[entry], a = this.analyzer, text = e[0] + " " + e[5];
    var words = a.syllables(text), folded = words.map(function (/** @type {{text: string}} */ w) { return a.fold(w.text); });
    seen = new Set();
    for (var i = 0; i + 1 < folded.length; i++) { seen.add(folded[i] + "_" + folded[i + 1]); }
    var titled = a.syllables(e[0]).map(function (/** @type {{text: string}} */ w) { return a.fold(w.text); });
    for (var j = 0; j + 1 < titled.length; j++) { seen.add("t:" + titled[j] + "_" + titled[j + 1]); }
    words.forEach(function (/** @type {{text: string}} */ w) { seen.add("=" + w.text); });
    this.features.set(entry, seen);
    return seen;
  };

  /** @param {{entry: number, score: number}} hit @param {Parsed} parsed */
  Engine.prototype.result = function (hit, parsed) {
    var e = this.index.entries[hit.entry];
    return { title: e[0], number: e[1], kind: e[2], url: e[3], cells: e[4],
      snippet: this.snippet(e[5], parsed), score: Math.round(hit.score * 1000) / 1000 };
  };

  /** The summary split into [text, marked] pieces, the query's words (and the prefix's completions) marked.
   * @param {string} text @param {Parsed} parsed @returns {[string, boolean][]} */
  Engine.prototype.snippet = function (text, parsed) {
    var a = this.analyzer, position = 0;
    /** @type {[string, boolean][]} */
    var pieces = [];
    var terms = new Set(parsed.required.concat(parsed.optional)), prefix = parsed.prefix;
    var typed = new Set(prefix ? prefix.words : []), before = "";
    a.syllables(text).forEach(function (/** @type {{text: string, start: number, end: number}} */ t) {
      var word = a.fold(t.text);
      // A completion is marked where it follows the word before it: "bien b" marks "biên bản", not every "b…".
      var completes = typed.has(word) && (!prefix.previous || before === prefix.previous);
      before = word;
      if (terms.has(word) || completes) {
        pieces.push([text.slice(position, t.start), false], [text.slice(t.start, t.end), true]);
        position = t.end;
      }
    });
    pieces.push([text.slice(position), false]);
    return pieces.filter(function (p) { return p[0]; });
  };

  /* ---- Shared by the search page and the search boxes (box.js). ---- */

  /** The site's root, from Material's config (its `base` is relative to the page). */
  function siteBase() {
    var config = document.getElementById("__config");
    try { return new URL(JSON.parse(config.textContent).base + "/", document.baseURI || location.href); }
    catch (e) { return new URL("./", location.href); }
  }

  /* Only links inside this site: parsed first (the parser strips spaces and tabs, reads "\" as "/"),
   * then the scheme and host must be the site's own. Anything else gets no link at all.
   * From file://, a folder address (use_directory_urls) would show a file listing: it gets its index.html. */
  /** @param {string} relative @param {URL} base @returns {string|null} */
  function safeUrl(relative, base) {
    var url;
    try { url = new URL(relative, base); } catch (e) { return null; }
    if (url.protocol !== base.protocol || url.host !== base.host) { return null; }
    if (["http:", "https:", "file:"].indexOf(url.protocol) < 0) { return null; }
    if (url.protocol === "file:" && /\/$/.test(url.pathname)) { url.pathname += "index.html"; }
    return url.href;
  }

  /** @type {Engine|null} */
  var sharedEngine = null;
  /** @type {{ok: function(Engine): void, fail: function(): void}[]|null} */
  var waiting = null;

  /* The index is a script (file:// pages cannot fetch JSON); it is added once, whoever asks first. */
  /** @param {function(Engine): void} ok @param {function(): void} fail */
  function loadEngine(ok, fail) {
    if (sharedEngine) { ok(sharedEngine); return; }
    if (waiting) { waiting.push({ ok: ok, fail: fail }); return; }
    waiting = [{ ok: ok, fail: fail }];
    var settle = function (/** @type {boolean} */ loaded) {
      var callers = waiting || [];
      waiting = null;
      if (loaded && window.SOTAY_SEARCH_INDEX && !sharedEngine) { sharedEngine = new Engine(window.SOTAY_SEARCH_INDEX); }
      callers.forEach(function (c) { if (sharedEngine) { c.ok(sharedEngine); } else { c.fail(); } });
    };
    if (window.SOTAY_SEARCH_INDEX) { settle(true); return; }
    var src = safeUrl((window.SOTAY_CONFIG || {}).index || "", siteBase()), script = document.createElement("script");
    if (!src) { settle(false); return; }
    script.src = src;
    script.onload = function () { settle(true); };
    script.onerror = function () { settle(false); };
    document.head.appendChild(script);
  }

  /* The cell type this browser remembers, as sotay.js keeps it (JSON under "sotay.cell"; the search page loads
   * none of the site's other scripts): a known id or "". */
  /** @param {string[]} known @returns {string} */
  function rememberedCell(known) {
    try {
      var value = JSON.parse(window.localStorage.getItem("sotay.cell") || '""');
      return typeof value === "string" && known.indexOf(value) >= 0 ? value : "";
    } catch (e) { return ""; }
  }

  /** @param {HTMLElement} parent @param {[string, boolean][]} pieces */
  function appendSnippet(parent, pieces) {
    pieces.forEach(function (piece) {
      var node = piece[1] ? document.createElement("mark") : document.createTextNode(piece[0]);
      if (piece[1]) { node.textContent = piece[0]; }
      parent.appendChild(node);
    });
  }

  /* ---- The search page: its form, facets and the full list of results. ---- */

  /** @param {HTMLFormElement} form @param {string} name @returns {HTMLInputElement} */
  function field(form, name) { return /** @type {HTMLInputElement} */ (form.elements.namedItem(name)); }

  /** @param {HTMLElement} box @param {Engine} engine @param {URL} base @param {string} remembered */
  function render(box, engine, base, remembered) {
    var form = box.querySelector("form"), list = box.querySelector(".sotay-results");
    var status = box.querySelector(".sotay-search-status");
    var query = field(form, "q").value, kind = field(form, "kind").value, cell = field(form, "cell").value;
    list.textContent = "";
    var found = engine.search(query, { kind: kind, cell: cell, limit: 50, prefix: true });
    var words = query.trim() ? found.notes.slice() : [];
    if (query.trim() && (found.parsed.required.length || found.parsed.prefix)) {
      words.unshift(found.results.length ? "Tìm thấy " + found.total + " kết quả." : "Không tìm thấy kết quả nào.");
    }
    var fromMemory = cell && cell === remembered;
    if (fromMemory) { words.push("Đang lọc theo loại chi bộ đã chọn trước đây: " + engine.index.cells[cell] + "."); }
    status.textContent = words.join(" ");
    found.results.forEach(function (/** @type {any} */ r) {
      var href = safeUrl(r.url, base);
      var item = document.createElement("li"), link = document.createElement(href ? "a" : "span");
      if (href) { link.setAttribute("href", href); }
      link.className = "sotay-result-title";
      link.textContent = r.title;
      var kindLabel = document.createElement("span");
      kindLabel.className = "sotay-result-kind";
      kindLabel.textContent = engine.index.kinds[r.kind] || r.kind;
      var snippet = document.createElement("p");
      snippet.className = "sotay-result-snippet";
      appendSnippet(snippet, r.snippet);
      item.append(link, " ", kindLabel, snippet);
      list.appendChild(item);
    });
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    if (kind) { params.set("kind", kind); }
    if (cell && !fromMemory) { params.set("cell", cell); }  // the remembered choice stays out of the address
    try { history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : "")); }
    catch (e) { /* file:// may refuse; the search still works */ }
  }

  /** @param {HTMLSelectElement} select @param {Object<string, string>} labels */
  function fillSelect(select, labels) {
    Object.keys(labels).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = labels[value];
      select.appendChild(option);
    });
  }

  /** @param {HTMLElement} box @param {Engine} engine @param {URL} base */
  function startBox(box, engine, base) {
    var index = engine.index, form = box.querySelector("form"), timer = 0;
    fillSelect(/** @type {any} */ (field(form, "kind")), index.kinds);
    fillSelect(/** @type {any} */ (field(form, "cell")), index.cells);
    var params = new URLSearchParams(location.search);
    // The remembered cell type fills the filter only when the address names none; changing it here
    // filters this search and leaves the remembered choice alone.
    var remembered = params.has("cell") ? "" : rememberedCell(Object.keys(index.cells));
    field(form, "q").value = params.get("q") || "";
    field(form, "kind").value = params.get("kind") || "";
    field(form, "cell").value = params.get("cell") || remembered;
    var update = function () { render(box, engine, base, remembered); };
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = window.setTimeout(update, 60);
    });
    form.addEventListener("change", function (event) {
      if (event.target === field(form, "cell")) { remembered = ""; }
      update();
    });
    box.classList.add("sotay-search-ready");
    update();
    field(form, "q").focus();
  }

  function init() {
    var box = document.getElementById("sotay-search");
    if (!box || box.classList.contains("sotay-search-ready")) { return; }
    loadEngine(function (engine) { startBox(box, engine, siteBase()); }, function () {
      box.querySelector(".sotay-search-status").textContent = "Không tải được chỉ mục tìm kiếm.";
    });
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  }

  return { Engine: Engine, safeUrl: safeUrl, siteBase: siteBase, loadEngine: loadEngine,
    appendSnippet: appendSnippet };
});
