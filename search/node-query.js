// Run the browser's search engine under node: for the query-set tests and the benchmark.
// Usage: node search/node-query.js SEARCH-INDEX.js [--bench ROUNDS] [--parts] [--verify] < queries.json
// Each query: {query, kind?, cell?, limit?, prefix?} (prefix: the last word is still being typed).
// Prints JSON: {"results": [[{title, url, kind, score}...] per query], "timings_ms": [...],
//   "parts": [[names of the parts each query loaded, from a fresh engine]] with --parts,
//   "problems": [...], "checked": {...} with --verify: the split index checked against itself whole}.
"use strict";
const fs = require("node:fs");
const vm = require("node:vm");
const path = require("node:path");
const { Engine, entryFeatures, partFile } = require(path.join(__dirname, "client.js"));
const Analyzer = require(path.join(__dirname, "analyzer.js"));

const [indexFile, ...flags] = process.argv.slice(2);
const bench = flags.indexOf("--bench");

/** The head, and an engine that reads each part from disk the moment it is asked for (as a script would). */
function engine() {
  const sandbox = { window: {} };
  vm.runInNewContext(fs.readFileSync(indexFile, "utf8"), sandbox);
  const head = sandbox.window.SOTAY_SEARCH_INDEX;
  const folder = path.join(path.dirname(indexFile), head.parts);
  return new Engine(head, (name, done) => {
    const part = { window: {} };
    vm.runInNewContext(fs.readFileSync(path.join(folder, partFile(head, name)), "utf8"), part);
    done(part.window.SOTAY_SEARCH_PARTS[name]);
  });
}

const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const options = (q) => ({ kind: q.kind, cell: q.cell, limit: q.limit || 10, prefix: q.prefix === true });
const shared = engine();
for (const q of queries) { shared.search(q.query, options(q)); }  // every part a query needs is read before timing
const repeat = bench >= 0 ? parseInt(flags[bench + 1], 10) : 1;
const timings = [];
let results = [];
for (let round = 0; round < repeat; round++) {
  results = queries.map((q) => {
    const started = process.hrtime.bigint();
    const found = shared.search(q.query, options(q));
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    return found.results.map((r) => ({ title: r.title, url: r.url, kind: r.kind, score: r.score }));
  });
}
const out = { results, timings_ms: timings };
if (flags.includes("--parts")) {
  out.parts = queries.map((q) => {
    const fresh = engine();
    fresh.search(q.query, options(q));
    return [...fresh.parts.keys()];
  });
}
if (flags.includes("--verify")) { Object.assign(out, verify(queries)); }
process.stdout.write(JSON.stringify(out));

/** The split index against itself whole: every key sits in the part the client looks in; each entry's ranking
 * features are what the client computes from its title and summary; and each query answers the same whether it
 * fetches its parts one by one (a part it reads without having asked for it throws) or finds every part loaded. */
function verify(queries) {
  const problems = [], whole = engine(), head = whole.index, analyzer = Analyzer.create(head.analysis);
  const names = head.bounds.map((_b, i) => "t" + i);
  for (let i = 0; i * head.chunk < head.count; i++) { names.push("e" + i); }
  names.forEach((name) => whole.need([name], (ok) => { if (!ok) { problems.push("part " + name + " missing"); } }));
  const features = new Map();  // entry -> {pairs, exact} gathered from the parts
  const at = (entry) => {
    if (!features.has(entry)) { features.set(entry, { pairs: {}, exact: [] }); }
    return features.get(entry);
  };
  let keys = 0;
  for (const name of names.filter((n) => n[0] === "t")) {
    const part = whole.parts.get(name) || {};
    const placed = (key, where) => {
      keys += 1;
      if (whole.partOf(where) !== name) { problems.push(`${JSON.stringify(key)} is in ${name}, looked for in ${whole.partOf(where)}`); }
    };
    Object.keys(part.p || {}).forEach((key) => placed(key, key));
    new Set([...Object.keys(part.f || {}), ...Object.keys(part.t || {})]).forEach((key) => {
      placed(key, key);
      whole.pairs(key).forEach((flags, entry) => { at(entry).pairs[key] = flags; });
    });
    Object.keys(part.x || {}).forEach((word) => {
      placed(word, analyzer.fold(word));
      whole.exactly(word).forEach((_one, entry) => { at(entry).exact.push(word); });
    });
  }
  for (let entry = 0; entry < head.count; entry++) {
    const [title, , , summary] = whole.entry(entry);
    const wanted = entryFeatures(analyzer, title, summary), found = at(entry);
    const pairs = (table) => JSON.stringify(Object.keys(table).sort().map((k) => [k, table[k]]));
    if (pairs(wanted.pairs) !== pairs(found.pairs) || JSON.stringify(wanted.exact.slice().sort()) !== JSON.stringify(found.exact.sort())) {
      problems.push(`entry ${entry} (${title}): ranking features differ from its title and summary`);
    }
  }
  queries.forEach((q) => {
    const lazy = engine(), one = lazy.search(q.query, options(q)), all = whole.search(q.query, options(q));
    if (JSON.stringify(one) !== JSON.stringify(all)) { problems.push(`${JSON.stringify(q.query)} answers differently`); }
  });
  return { problems, checked: { keys, entries: head.count, queries: queries.length } };
}
