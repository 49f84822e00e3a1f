// Golden cases of the Vietnamese analyzer, run with `node --test` (pytest runs this file too).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const data = require(path.join(__dirname, "data", "analysis.json"));
const golden = require(path.join(__dirname, "data", "golden.json"));
const analyzer = require(path.join(__dirname, "analyzer.js")).create(data);

for (const c of golden.cases) {
  test(`${c.mode}: ${JSON.stringify(c.input)}`, () => {
    assert.deepStrictEqual(analyzer.analyze(c.input, c.mode), { folded: c.folded, exact: c.exact });
  });
}
