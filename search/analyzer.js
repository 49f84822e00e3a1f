// @ts-check
/* Sổ tay sinh hoạt chi bộ: the Vietnamese analyzer for the browser and node.
 * A stage-by-stage mirror of search/analyzer.py; the golden cases in
 * search/data/golden.json are run by both, so the two cannot drift.
 * No dependency, no request: works from file://. */
(/** @param {any} root @param {() => any} factory */ function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.SotayAnalyzer = factory();
  }
})(typeof self !== "undefined" ? self : globalThis, function () {
  "use strict";

  var TONE_MARKS = { "\u0300": 1, "\u0301": 1, "\u0303": 1, "\u0309": 1, "\u0323": 1 };
  var SYLLABLE = /[\p{L}\p{N}]+/gu;

  function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }
  function byLength(a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); }

  function create(data) {
    var excluded = data.abbr_number_exclude || [];
    var kinds = Object.keys(data.number_types).filter(function (k) { return excluded.indexOf(k) < 0; })
      .sort(byLength);
    var words = Object.keys(data.type_words).sort(byLength);
    var spaces = new Set(Array.from(data.spaces)), dashes = new Set(Array.from(data.dashes));
    var NUMBER = /(?<![0-9a-z_/])([0-9]{1,4})[a-z]? *- *([a-z]+)(?:\/[a-z]+(?:-[a-z]+)*)+/g;
    var ABBR_NUMBER = new RegExp("(?<![0-9a-z_/])(" + kinds.map(escapeRe).join("|") +
      ") *-? *([0-9]{1,4})(?![0-9a-z_/])", "g");
    var WORD_NUMBER = new RegExp("(?<![0-9a-z_])(" + words.map(function (w) { return escapeRe(w).replace(/ /g, " +"); })
      .join("|") + ") +(?:so +)?([0-9]{1,4})(?![0-9a-z_])", "g");
    var JOINED = data.joined.map(function (pair) {
      var parts = pair.split("-");
      return { word: parts[0] + parts[1],
        re: new RegExp("(?<![0-9a-z_])" + parts[0] + " *- *" + parts[1] + "(?![0-9a-z_])", "g") };
    });

    // Stage 1: NFC.
    function nfc(text) { return text.normalize("NFC"); }

    // Stage 2: one tone placement (hoà -> hòa, thuỷ -> thủy).
    function normalizeTone(syllable) {
      var decomposed = syllable.normalize("NFD");
      var tone = null, bare = "";
      for (var i = 0; i < decomposed.length; i++) {
        var c = decomposed[i];
        if (TONE_MARKS[c]) { if (tone === null) { tone = c; } } else { bare += c; }
      }
      if (tone === null) { return syllable; }
      var base = bare.normalize("NFC");
      var low = base.toLowerCase();
      if ((/(oa|oe|uy)$/).test(low) && !(/quy$/).test(low)) {
        var split = base.length - 1;
        return (base.slice(0, split) + tone + base.slice(split)).normalize("NFC");
      }
      return syllable.normalize("NFC");
    }

    // Stage 3: folding, one character for one character so offsets survive.
    // One character for one: đ, Đ and Ð become d; every space a space; every dash a hyphen.
    function foldChar(ch) {
      if (ch === "đ" || ch === "Đ" || ch === "Ð" || ch === "ð") { return "d"; }
      if (spaces.has(ch)) { return " "; }
      if (dashes.has(ch)) { return "-"; }
      var d = ch.toLowerCase().normalize("NFD");
      return String.fromCodePoint(d.codePointAt(0));
    }

    var foldTable = new Map();  // learns each character once: texts reuse a few hundred

    function fold(text) {
      var out = "";
      for (var ch of text) {
        var folded = foldTable.get(ch);
        if (folded === undefined) { folded = foldChar(ch); foldTable.set(ch, folded); }
        out += folded;
      }
      return out;
    }

    function token(text, start, end) { return { text: text, start: start, end: end }; }

    function joined(folded) {
      var found = [];
      JOINED.forEach(function (j) {
        j.re.lastIndex = 0;
        var m;
        while ((m = j.re.exec(folded)) !== null) { found.push([m.index, m.index + m[0].length, j.word]); }
      });
      return found;
    }

    // [start, end, joined word or null] of every syllable; KT-XH is one syllable, "ktxh".
    function spans(text) {
      var folded = fold(text), found = [];
      joined(folded).forEach(function (j) {
        found.push([j[0], j[1], j[2]]);
        folded = folded.slice(0, j[0]) + " ".repeat(j[1] - j[0]) + folded.slice(j[1]);
      });
      var m;
      SYLLABLE.lastIndex = 0;
      while ((m = SYLLABLE.exec(folded)) !== null) { found.push([m.index, m.index + m[0].length, null]); }
      return found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    }

    function syllables(text) {
      return spans(text).map(function (s) {
        return token(s[2] || normalizeTone(text.slice(s[0], s[1]).toLowerCase()), s[0], s[1]);
      });
    }

    // Stage 4: number forms.
    function numberForms(folded) {
      var found = [], m;
      NUMBER.lastIndex = 0;
      while ((m = NUMBER.exec(folded)) !== null) {
        var kind = own(data.number_types, m[2]) ? data.number_types[m[2]] : null;
        if (kind) { found.push(token(kind + parseInt(m[1], 10), m.index, m.index + m[0].length)); }
      }
      ABBR_NUMBER.lastIndex = 0;
      while ((m = ABBR_NUMBER.exec(folded)) !== null) {
        found.push(token(data.number_types[m[1]] + parseInt(m[2], 10), m.index, m.index + m[0].length));
      }
      WORD_NUMBER.lastIndex = 0;
      while ((m = WORD_NUMBER.exec(folded)) !== null) {
        var typeWord = m[1].split(/ +/).join(" ");
        found.push(token(data.type_words[typeWord] + parseInt(m[2], 10), m.index, m.index + m[0].length));
      }
      return found;
    }

    function bigrams(tokens) {
      var out = [];
      for (var i = 0; i + 1 < tokens.length; i++) {
        out.push(token(tokens[i].text + "_" + tokens[i + 1].text, tokens[i].start, tokens[i + 1].end));
      }
      return out;
    }

    function expand(word) {
      var parts = data.abbreviations[word.text].split(/\s+/).map(function (w) {
        return token(fold(w), word.start, word.end);
      });
      return parts.concat(bigrams(parts));
    }

    function compare(a, b) {
      if (a.start !== b.start) { return a.start - b.start; }
      if (a.end !== b.end) { return a.end - b.end; }
      return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
    }

    function foldedTokens(text, mode) {
      text = nfc(text);
      var foldedText = fold(text);
      // Fold the original span, not the lower-cased syllable: "İ".toLowerCase() grows a combining dot.
      var words = spans(text).map(function (s) { return token(s[2] || foldedText.slice(s[0], s[1]), s[0], s[1]); });
      var forms = numberForms(foldedText);
      var out = [];
      words.forEach(function (word) {
        var inside = forms.some(function (f) { return f.start <= word.start && word.end <= f.end; });
        if (own(data.abbreviations, word.text) && !inside) {
          if (mode !== "query") { out.push(word); }
          out = out.concat(expand(word));
        } else {
          out.push(word);
        }
      });
      out = out.concat(bigrams(words), forms);
      var unique = {};
      out.forEach(function (t) { unique[t.start + ":" + t.end + ":" + t.text] = t; });
      return Object.keys(unique).map(function (k) { return unique[k]; }).sort(compare);
    }

    function exactTokens(text) { return syllables(nfc(text)); }

    function analyze(text, mode) {
      return {
        folded: foldedTokens(text, mode).map(function (t) { return t.text; }),
        exact: exactTokens(text).map(function (t) { return t.text; })
      };
    }

    return { nfc: nfc, normalizeTone: normalizeTone, fold: fold, syllables: syllables,
      foldedTokens: foldedTokens, exactTokens: exactTokens, analyze: analyze };
  }

  return { create: create };
});
