// For the node tests of the search engine, never shipped (plugins/search/plugin.py lists what is): an engine over
// a small index written whole, as rows and terms, split the way search/browser.py splits one (a single term part).
"use strict";
const path = require("node:path");
const Analyzer = require(path.join(__dirname, "analyzer.js"));
const { Engine, entryFeatures } = require(path.join(__dirname, "client.js"));

/** Rows are [title, number, kind, url, cells, summary]; terms map a folded term to [gap, weight, ...]. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Numbers as text, as search/browser.py `pack` writes them. */
function pack(numbers) {
  let out = "";
  for (let n of numbers) {
    while (n >= 32) { out += ALPHABET[32 | (n & 31)]; n = Math.floor(n / 32); }
    out += ALPHABET[n];
  }
  return out;
}

/** Rows are [title, number, kind, url, cells, summary]; terms map a folded term to [gap, weight, ...]. */
function engineOf({ analysis, kinds, cells, entries, terms }) {
  const analyzer = Analyzer.create(analysis);
  const lists = { f: new Map(), t: new Map(), x: new Map() };
  const add = (section, key, entry) => {
    if (!lists[section].has(key)) { lists[section].set(key, []); }
    lists[section].get(key).push(entry);
  };
  entries.forEach(([title, , , , , summary], entry) => {
    const found = entryFeatures(analyzer, title, summary);
    for (const pair of Object.keys(found.pairs)) {
      if (found.pairs[pair] & 1) { add("f", pair, entry); }
      if (found.pairs[pair] & 2) { add("t", pair, entry); }
    }
    for (const word of found.exact) { add("x", word, entry); }
  });
  // Object.fromEntries makes own properties, even of a key named "__proto__".
  const part = { p: Object.fromEntries(Object.keys(terms).map((term) => [term, pack(terms[term])])) };
  for (const section of ["f", "t", "x"]) {
    part[section] = JSON.parse("{}");
    lists[section].forEach((numbers, key) => { part[section][key] = pack(numbers.map((n, i) => n - (i ? numbers[i - 1] : 0))); });
  }
  const kindList = [...new Set(entries.map((e) => e[2]))].sort();
  const cellsOf = {};
  entries.forEach((e, n) => { if (!(e[4].length === 1 && e[4][0] === "*")) { cellsOf[n] = e[4]; } });
  const words = Object.keys(terms).filter((t) => !t.includes("_")).sort();
  const head = { version: 3, analysis, kinds, cells, count: entries.length, chunk: Math.max(1, entries.length),
    kindList, kindOf: pack(entries.map((e) => kindList.indexOf(e[2]))), cellsOf, words,
    df: pack(words.map((w) => terms[w].length / 2)), bounds: [""] };
  const engine = new Engine(head);
  engine.add("t0", part);
  engine.add("e0", entries.map((e) => [e[0], e[1], e[3], e[5]]));
  return engine;
}

module.exports = { engineOf, pack };
