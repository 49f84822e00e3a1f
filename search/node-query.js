// Run the browser's search engine under node: for the query-set tests and the benchmark.
// Usage: node search/node-query.js SEARCH-INDEX.js [--bench ROUNDS] < queries.json
// Each query: {query, kind?, cell?, limit?, prefix?} (prefix: the last word is still being typed).
// Prints JSON: {"results": [[{title, url, kind, score}...] per query], "timings_ms": [...]}.
"use strict";
const fs = require("node:fs");
const vm = require("node:vm");
const path = require("node:path");
const { Engine } = require(path.join(__dirname, "client.js"));

const [indexFile, flag, rounds] = process.argv.slice(2);
const sandbox = { window: {} };
vm.runInNewContext(fs.readFileSync(indexFile, "utf8"), sandbox);
const engine = new Engine(sandbox.window.SOTAY_SEARCH_INDEX);
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const repeat = flag === "--bench" ? parseInt(rounds, 10) : 1;
const timings = [];
let results = [];
for (let round = 0; round < repeat; round++) {
  results = queries.map((q) => {
    const started = process.hrtime.bigint();
    const found = engine.search(q.query, { kind: q.kind, cell: q.cell, limit: q.limit || 10, prefix: q.prefix === true });
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    return found.results.map((r) => ({ title: r.title, url: r.url, kind: r.kind, score: r.score }));
  });
}
process.stdout.write(JSON.stringify({ results, timings_ms: timings }));
