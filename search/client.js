// @ts-check
/* Sổ tay sinh hoạt chi bộ: site search in the browser, from http or file://, with no network.
 * Needs analyzer.js (SotayAnalyzer). The index is scripts loaded on demand (search/browser.py): the head
 * (search-index.js) at once on the search page, on the first focus of a search box elsewhere (box.js); then,
 * for each query, only the parts holding its words and the entries it shows. Loaded parts are kept.
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

  var IN_TEXT = 1, IN_TITLE = 2, ALL_CELLS = "*";  // a pair of words' flags: in the title and summary; in the title alone

  /** @typedef {(name: string, done: (part: any) => void) => void} Loader fetches a part; null if it cannot */

  /** @constructor @param {any} index the head (search-index.js puts it on window)
   * @param {Loader} [load] how to fetch a part; without it, parts must be given with `add` */
  function Engine(index, load) {
    this.index = index;
    this.load = load || null;
    this.analyzer = Analyzer.create(index.analysis);
    /** @type {Object<string, boolean>} */
    this.kinds = {};
    var kinds = Object.keys(index.analysis.number_types).map(function (k) { return index.analysis.number_types[k]; });
    kinds.forEach(function (k) { this.kinds[k] = true; }, this);
    /** @type {Map<string, any>} loaded parts by name */
    this.parts = new Map();
    /** @type {Map<string, ((ok: boolean) => void)[]>} parts being fetched, with who waits for them */
    this.pending = new Map();
    /** @type {Map<string, Map<number, number>>} */
    this.cache = new Map();
    /** @type {Map<string, string[]>} */
    this.prefixes = new Map();
    /** @type {Map<string, number>} */
    this.frequency = new Map();
    var df = unpack(index.df);
    index.words.forEach(function (/** @type {string} */ w, /** @type {number} */ i) { this.frequency.set(w, df[i]); }, this);
    /** @type {number[]} each entry's kind, as a place in index.kindList */
    this.kindOf = unpack(index.kindOf);
  }

  /** @param {string} name @param {any} content */
  Engine.prototype.add = function (name, content) { this.parts.set(name, content); };

  /** The term part holding a key (a term, a pair "a_b", or an accented word's folded form): the last part whose
   * first key is not after it, in JavaScript's string order, which the build sorts by too.
   * @param {string} key @returns {string} */
  Engine.prototype.partOf = function (key) {
    var bounds = this.index.bounds, low = 0, high = bounds.length;
    while (high - low > 1) {
      var middle = (low + high) >>> 1;
      if (bounds[middle] <= key) { low = middle; } else { high = middle; }
    }
    return "t" + low;
  };

  /** @param {number} entry */
  Engine.prototype.entryPart = function (entry) { return "e" + Math.floor(entry / this.index.chunk); };

  /** Fetch the parts not loaded yet, all at once; `done(ok)` once every one has come or failed, `ok` when all came.
   * A part that failed is asked for again by the next query. @param {string[]} names @param {(ok: boolean) => void} done */
  Engine.prototype.need = function (names, done) {
    var self = this, missing = unique(names).filter(function (n) { return !self.parts.has(n); });
    var left = missing.length, failed = false;
    if (!left) { done(true); return; }
    if (!this.load) { done(false); return; }
    var arrived = function (/** @type {boolean} */ ok) {
      failed = failed || !ok;
      left -= 1;
      if (!left) { done(!failed); }
    };
    missing.forEach(function (name) {
      var waiting = self.pending.get(name);
      if (waiting) { waiting.push(arrived); return; }
      self.pending.set(name, [arrived]);
      /** @type {Loader} */ (self.load)(name, function (part) {
        var callers = self.pending.get(name) || [];
        self.pending.delete(name);
        if (part) { self.parts.set(name, part); }
        callers.forEach(function (c) { c(!!part); });
      });
    });
  };

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
    var sorted = this.index.words, frequency = this.frequency, low = 0, high = sorted.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (sorted[middle] < prefix) { low = middle + 1; } else { high = middle; }
    }
    var found = [];
    for (var i = low; i < sorted.length && sorted[i].lastIndexOf(prefix, 0) === 0; i++) {
      if (sorted[i] !== prefix) { found.push(sorted[i]); }
    }
    found.sort(function (x, y) {
      return /** @type {number} */ (frequency.get(y)) - /** @type {number} */ (frequency.get(x)) || (x < y ? -1 : 1);
    });
    found = found.slice(0, MAX_COMPLETIONS);
    if (this.prefixes.size >= PREFIX_CACHE) { this.prefixes.clear(); }
    this.prefixes.set(prefix, found);
    return found;
  };

  /** @param {any[]} list */
  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  /** @param {Object} table @param {string} key */
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", DIGIT = new Map();
  for (var d = 0; d < ALPHABET.length; d++) { DIGIT.set(ALPHABET.charAt(d), d); }

  /** Numbers packed as text by search/browser.py `pack`: base 32, lowest digit first, the sixth bit set on
   * every digit but a number's last. A character outside the alphabet ends the list.
   * @param {string} text @returns {number[]} */
  function unpack(text) {
    var out = [], number = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT.get(text.charAt(i));
      if (digit === undefined) { break; }
      number += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; } else { out.push(number); number = 0; scale = 1; }
    }
    return out;
  }

  /** Entry -> value of a list of gaps, each followed by its value when `step` is 2, else `value` for all.
   * @param {number[]} numbers @param {number} step @param {number} [value] @returns {Map<number, number>} */
  function decode(numbers, step, value) {
    var map = new Map(), entry = 0;
    for (var i = 0; i < numbers.length; i += step) {
      entry += numbers[i];
      map.set(entry, step === 2 ? numbers[i + 1] : /** @type {number} */ (value));
    }
    return map;
  }

  /** A list of a term part, decoded once. @param {string} key @param {string} section "p" postings, "f" pairs in
   * the title and summary, "t" pairs in the title, "x" accented words @param {string} [at] where the key is placed
   * @returns {Map<number, number>} */
  Engine.prototype.decoded = function (key, section, at) {
    var name = section + ":" + key, map = this.cache.get(name);
    if (!map) {
      var part = this.parts.get(this.partOf(at === undefined ? key : at));
      if (!part) { throw new Error("search part not loaded for " + JSON.stringify(key)); }
      var lists = own(part, section) ? part[section] : {}, text = own(lists, key) ? lists[key] : "";
      map = decode(unpack(typeof text === "string" ? text : ""), section === "p" ? 2 : 1, 1);
      this.cache.set(name, map);
    }
    return map;
  };

  /** @param {string} term @returns {Map<number, number>} entry -> weight */
  Engine.prototype.postings = function (term) { return this.decoded(term, "p"); };

  /** @param {string} pair "a_b" @returns {Map<number, number>} entry -> IN_TEXT | IN_TITLE */
  Engine.prototype.pairs = function (pair) {
    var both = this.cache.get("ft:" + pair);
    if (!both) {
      var text = this.decoded(pair, "f"), title = this.decoded(pair, "t"), flags = new Map();
      text.forEach(function (_one, entry) { flags.set(entry, IN_TEXT); });
      title.forEach(function (_one, entry) { flags.set(entry, (flags.get(entry) || 0) | IN_TITLE); });
      this.cache.set("ft:" + pair, flags);
      both = flags;
    }
    return both;
  };

  /** @param {string} word an accented word, "hòa" @returns {Map<number, number>} entry -> 1 */
  Engine.prototype.exactly = function (word) { return this.decoded(word, "x", this.analyzer.fold(word)); };

  /** @param {Map<number, number>} map */
  Engine.prototype.idf = function (map) {
    return Math.log(1 + this.index.count / Math.max(map.size, 1));
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

  /** The term parts a parsed query reads: its words, the prefix's completions, and the pairs and accented
   * words the rerank looks for. @param {Parsed} parsed @returns {string[]} */
  Engine.prototype.termParts = function (parsed) {
    var a = this.analyzer, prefix = parsed.prefix, keys = parsed.required.concat(parsed.optional);
    if (prefix) {
      prefix.alternatives.forEach(function (alt) { keys = keys.concat(alt.terms); });
      keys = keys.concat(prefix.pairs);
      if (prefix.previous) { keys = keys.concat(prefix.words.map(function (w) { return prefix.previous + "_" + w; })); }
    }
    keys = keys.concat(parsed.exact.map(function (t) { return a.fold(t); }));
    return unique(keys.map(this.partOf, this));
  };

  /** @typedef {{entry: number, score: number, exact: number, phrase: number}} Hit */
  /** @typedef {{results: any[], total: number, notes: string[], parsed: Parsed}} Found */

  /** Search, fetching the parts the query needs first; `done` gets what `search` returns, or null when a part
   * could not be loaded. With parts at hand (or a loader that answers at once) `done` is called before return.
   * @param {string} text @param {{kind?: string, cell?: string, limit?: number, prefix?: boolean}} options
   * @param {(found: Found|null) => void} done */
  Engine.prototype.find = function (text, options, done) {
    var self = this, parsed = this.parse(text, options.prefix === true), limit = options.limit || 20;
    this.need(this.termParts(parsed), function (ok) {
      if (!ok) { done(null); return; }
      var ranked = self.rank(parsed, options);
      var shown = ranked.hits.slice(0, limit);
      self.need(shown.map(function (h) { return self.entryPart(h.entry); }), function (more) {
        if (!more) { done(null); return; }
        done({ results: shown.map(function (h) { return self.result(h, parsed); }), total: ranked.hits.length,
          notes: ranked.notes, parsed: parsed });
      });
    });
  };

  /** `find` with every part it needs already loaded (or a loader that answers at once).
   * @param {string} text @param {{kind?: string, cell?: string, limit?: number, prefix?: boolean}} [options]
   * @returns {Found} */
  Engine.prototype.search = function (text, options) {
    /** @type {Found|null} */
    var found = null, answered = false;
    this.find(text, options || {}, function (f) { found = f; answered = true; });
    if (!answered || !found) { throw new Error("search parts are not loaded"); }
    return found;
  };

  /** @param {number} entry @param {string} kind @param {string} cell */
  Engine.prototype.keeps = function (entry, kind, cell) {
    var index = this.index;
    if (kind && index.kindList[this.kindOf[entry]] !== kind) { return false; }
    var cells = own(index.cellsOf, String(entry)) ? index.cellsOf[String(entry)] : [ALL_CELLS];
    return !cell || cells.indexOf(cell) >= 0 || cells.indexOf(ALL_CELLS) >= 0;
  };

  /** Every hit, best first, once the term parts are loaded.
   * @param {Parsed} parsed @param {{kind?: string, cell?: string, prefix?: boolean}} options
   * @returns {{hits: Hit[], notes: string[]}} */
  Engine.prototype.rank = function (parsed, options) {
    var notes = parsed.notes.slice(), self = this;
    var terms = parsed.required.length + (parsed.prefix ? 1 : 0);
    if (!terms) { return { hits: [], notes: notes.concat(["Hãy gõ ít nhất một từ để tìm."]) }; }
    var scores = this.match(parsed, true);
    if (!scores.size && terms > 1) {
      scores = this.match(parsed, false);
      if (scores.size) { notes.push("Không có kết quả chứa đủ mọi từ; dưới đây là các kết quả chứa một phần."); }
    }
    /** @type {Hit[]} */
    var hits = [];
    scores.forEach(function (score, entry) {
      if (self.keeps(entry, options.kind || "", options.cell || "")) {
        hits.push({ entry: entry, score: score, exact: 0, phrase: 0 });
      }
    });
    hits.sort(byScore);
    var rerank = parsed.prefix ? RERANK_TYPING : RERANK;
    hits.forEach(function (hit, rank) { if (rank < rerank) { self.rerank(hit, parsed); } });
    hits.sort(function (x, y) { return y.exact - x.exact || y.phrase - x.phrase || byScore(x, y); });
    return { hits: hits, notes: notes };
  };

  /** @param {{entry: number, score: number}} x @param {{entry: number, score: number}} y */
  function byScore(x, y) { return y.score - x.score || x.entry - y.entry; }

  /* A hit with the query's exact accents in its title or summary comes before any without
   * ('hòa' puts hòa before hóa); then, while typing, one where the word being typed follows the one
   * before it ("bien b": "biên bản" in the title or summary). Phrases lift the score. */
  /** @param {Hit} hit @param {Parsed} parsed */
  Engine.prototype.rerank = function (hit, parsed) {
    var prefix = parsed.prefix, self = this, entry = hit.entry;
    var phrases = parsed.optional.concat(prefix ? prefix.pairs : []);
    if (!phrases.length && !parsed.exact.length && !(prefix && prefix.previous)) { return; }
    var pairs = 0;
    // A phrase counts once anywhere near the start and once more in the title, as in the CLI's engine
    // (search/engine.py _rerank): "biên bản họp chi ủy" before a minutes whose text speaks of the chi ủy.
    phrases.forEach(function (t) {
      var flags = self.pairs(t).get(entry) || 0;
      pairs += (flags & IN_TEXT ? 1 : 0) + (flags & IN_TITLE ? 1 : 0);
    });
    if (prefix && prefix.previous && prefix.words.some(function (w) {
      return (self.pairs(prefix.previous + "_" + w).get(entry) || 0) & IN_TEXT;
    })) {
      hit.phrase = 1;
    }
    parsed.exact.forEach(function (t) { if (self.exactly(t).has(entry)) { hit.exact += 1; } });
    hit.score *= 1 + 0.25 * pairs;
  };

  /** What the rerank reads of an entry, from its title and summary: its pairs of folded words with their flags,
   * and its accented words that folding changes. search/browser.py `features` builds the index's parts with the
   * same computation; a test holds them equal.
   * @param {any} analyzer @param {string} title @param {string} summary
   * @returns {{pairs: Object<string, number>, exact: string[]}} */
  function entryFeatures(analyzer, title, summary) {
    var a = analyzer, words = a.syllables(title + " " + summary);
    var folded = words.map(function (/** @type {{text: string}} */ w) { return a.fold(w.text); });
    /** @type {Object<string, number>} */
    var pairs = Object.create(null);
    for (var i = 0; i + 1 < folded.length; i++) { pairs[folded[i] + "_" + folded[i + 1]] = IN_TEXT; }
    var titled = a.syllables(title).map(function (/** @type {{text: string}} */ w) { return a.fold(w.text); });
    for (var j = 0; j + 1 < titled.length; j++) {
      var key = titled[j] + "_" + titled[j + 1];
      pairs[key] = (pairs[key] || 0) | IN_TITLE;
    }
    var exact = words.map(function (/** @type {{text: string}} */ w) { return w.text; })
      .filter(function (/** @type {string} */ w) { return w !== a.fold(w); });
    return { pairs: pairs, exact: unique(exact) };
  }

  /** @param {number} entry @returns {any[]} [title, number, url, summary] */
  Engine.prototype.entry = function (entry) {
    var part = this.parts.get(this.entryPart(entry));
    if (!part) { throw new Error("search part not loaded for entry " + entry); }
    return part[entry % this.index.chunk];
  };

  /** @param {Hit} hit @param {Parsed} parsed */
  Engine.prototype.result = function (hit, parsed) {
    var e = this.entry(hit.entry), index = this.index, entry = String(hit.entry);
    return { title: e[0], number: e[1], kind: index.kindList[this.kindOf[hit.entry]], url: e[2],
      cells: own(index.cellsOf, entry) ? index.cellsOf[entry] : [ALL_CELLS],
      snippet: this.snippet(e[3], parsed), score: Math.round(hit.score * 1000) / 1000 };
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

  /** Adds a script; `done(true)` once it has run, `done(false)` if it could not be loaded.
   * @param {string} src @param {(ok: boolean) => void} done */
  function addScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { script.remove(); done(true); };
    script.onerror = function () { script.remove(); done(false); };
    document.head.appendChild(script);
  }

  var HASH_CHARS = 8;  // of a part's file name, as search/browser.py writes it

  /** The file of a part in the head's folder of parts: its name and a digest of its content, taken from the head's
   * `hashes` (every term part's, then every entry part's), so that a part a new build leaves alone keeps its address.
   * search/browser.py `part_file` says the same.
   * @param {any} index the head @param {string} name @returns {string} */
  function partFile(index, name) {
    var n = parseInt(name.slice(1), 10), at = name.charAt(0) === "t" ? n : index.bounds.length + n;
    return name + "." + String(index.hashes).substr(at * HASH_CHARS, HASH_CHARS) + ".js";
  }

  /* Parts are scripts too, each storing its content under its name in SOTAY_SEARCH_PARTS; the engine keeps it
   * and the global lets it go. */
  /** @param {URL} folder @param {any} index the head @returns {Loader} */
  function scriptLoader(folder, index) {
    return function (name, done) {
      addScript(new URL(partFile(index, name), folder).href, function (ok) {
        var store = window.SOTAY_SEARCH_PARTS || {}, part = ok && own(store, name) ? store[name] : null;
        delete store[name];
        done(part);
      });
    };
  }

  var reload = false;  // the head is fetched again, past any cache: a part could not be loaded

  /* After a part fails (the site may have been built again since the page loaded the head, and the part is
   * stored under another name), the next search fetches the head again. */
  function forgetEngine() {
    sharedEngine = null;
    reload = true;
  }

  /* The head is a script (file:// pages cannot fetch JSON); it is added once, whoever asks first. */
  /** @param {function(Engine): void} ok @param {function(): void} fail */
  function loadEngine(ok, fail) {
    if (sharedEngine) { ok(sharedEngine); return; }
    if (waiting) { waiting.push({ ok: ok, fail: fail }); return; }
    waiting = [{ ok: ok, fail: fail }];
    var src = safeUrl((window.SOTAY_CONFIG || {}).index || "", siteBase());
    if (reload && src) {
      window.SOTAY_SEARCH_INDEX = undefined;
      src += (src.indexOf("?") < 0 ? "?" : "&") + "r=" + Date.now();
      reload = false;
    }
    var settle = function (/** @type {boolean} */ loaded) {
      var callers = waiting || [], index = window.SOTAY_SEARCH_INDEX;
      waiting = null;
      var folder = index && src && index.version === 3 ? safeUrl(index.parts, new URL(src)) : null;
      if (loaded && folder && !sharedEngine) { sharedEngine = new Engine(index, scriptLoader(new URL(folder), index)); }
      callers.forEach(function (c) { if (sharedEngine) { c.ok(sharedEngine); } else { c.fail(); } });
    };
    if (!src) { settle(false); return; }
    if (window.SOTAY_SEARCH_INDEX) { settle(true); return; }
    addScript(src, settle);
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

  var FAILED = "Không tải được chỉ mục tìm kiếm.", PAGE = 20, FIRST = 5;  // search/page.py: the bench reads them

  /* Each search the page asks for gets a number; an answer that comes after a newer search is dropped. */
  /** @param {HTMLElement} box @param {Engine} engine @param {URL} base @param {string} remembered
   * @param {number} [limit] how many results to show @param {() => void} [after] once they are shown */
  function render(box, engine, base, remembered, limit, after) {
    var form = box.querySelector("form"), list = box.querySelector(".sotay-results");
    var status = box.querySelector(".sotay-search-status");
    var query = field(form, "q").value, kind = field(form, "kind").value, cell = field(form, "cell").value;
    var asked = (Number(box.dataset.asked) || 0) + 1, shown = limit || PAGE;
    box.dataset.asked = String(asked);
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    if (kind) { params.set("kind", kind); }
    var fromMemory = cell && cell === remembered;
    if (cell && !fromMemory) { params.set("cell", cell); }  // the remembered choice stays out of the address
    try { history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : "")); }
    catch (e) { /* file:// may refuse; the search still works */ }
    var late = window.setTimeout(function () {
      if (box.dataset.asked === String(asked)) { status.textContent = "Đang tải kết quả…"; }
    }, 300);
    /** @param {Found} found @param {boolean} complete */
    var paint = function (found, complete) {
      list.textContent = "";
      var words = query.trim() ? found.notes.slice() : [];
      if (query.trim() && (found.parsed.required.length || found.parsed.prefix)) {
        words.unshift(found.results.length ? "Tìm thấy " + found.total + " kết quả." : "Không tìm thấy kết quả nào.");
      }
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
      if (complete && found.total > found.results.length) {
        var more = document.createElement("li"), button = document.createElement("button");
        more.className = "sotay-results-more";
        button.type = "button";
        button.className = "sotay-button";
        button.textContent = "Xem thêm " + Math.min(PAGE, found.total - found.results.length) + " kết quả";
        button.addEventListener("click", function () {
          var at = found.results.length;  // the first new result takes the focus once shown
          render(box, engine, base, remembered, shown + PAGE, function () {
            var next = /** @type {HTMLElement|null} */ (list.querySelectorAll(".sotay-result-title")[at]);
            if (next) { next.setAttribute("tabindex", "-1"); next.focus(); }
          });
        });
        more.appendChild(button);
        list.appendChild(more);
      }
    };
    // A new query shows its first few results as soon as their parts have come (one round trip on a slow
    // network), then the rest of the page; more results replace the list once all of them are there.
    var stages = limit ? [shown] : [FIRST, shown];
    var failed = function () {
      clearTimeout(late);
      if (box.dataset.asked !== String(asked)) { return; }
      list.removeAttribute("aria-busy");
      status.textContent = FAILED;
      forgetEngine();  // the next search fetches the index's head again
    };
    /** @param {number} stage */
    var run = function (stage) {
      loadEngine(function (current) {
        engine = current;
        engine.find(query, { kind: kind, cell: cell, limit: stages[stage], prefix: true }, function (found) {
          if (!found) {
            if (stage === 0 && box.dataset.asked === String(asked)) { list.textContent = ""; }
            failed();  // a later stage keeps the first results on the page
            return;
          }
          clearTimeout(late);
          if (box.dataset.asked !== String(asked)) { return; }
          var complete = stage === stages.length - 1 || found.total <= found.results.length;
          if (complete) { list.removeAttribute("aria-busy"); } else { list.setAttribute("aria-busy", "true"); }
          list.setAttribute("data-query", query);  // what the list shows results of
          paint(found, complete);
          if (!complete) { run(stage + 1); } else if (after) { after(); }
        });
      }, failed);
    };
    run(0);
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
      box.querySelector(".sotay-search-status").textContent = FAILED;
    });
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  }

  return { Engine: Engine, safeUrl: safeUrl, siteBase: siteBase, loadEngine: loadEngine, partFile: partFile,
    appendSnippet: appendSnippet, entryFeatures: entryFeatures, unpack: unpack, forgetEngine: forgetEngine,
    /** The page's engine once loaded, or null. */
    current: function () { return sharedEngine; } };
});
