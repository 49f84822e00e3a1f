/* Unit tests of the list filters' logic under node (run by tests/test_browser_home.py). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const filter = require("./filter.js");

test("OR within a facet; no choice fits everything", () => {
  assert.equal(filter.fits(["thon", "co-quan"], ["co-quan"], false), true);
  assert.equal(filter.fits(["thon"], ["co-quan", "quan-doi"], false), false);
  assert.equal(filter.fits([], [], false), true);
});

test("an item with no value fits any choice only in a facet that allows it (months)", () => {
  assert.equal(filter.fits([], ["12"], true), true);
  assert.equal(filter.fits([], ["12"], false), false);
  assert.equal(filter.fits(["5"], ["12"], true), false);
});

test("AND across facets, leaving one out for its counts", () => {
  const values = { cell: ["thon"], month: [] };
  const of = (key) => values[key] || [];
  const state = { cell: ["co-quan"], month: ["12"] };
  assert.equal(filter.fitsAll(of, state, { month: true }, null), false);
  assert.equal(filter.fitsAll(of, state, { month: true }, "cell"), true);
});

test("the count line says how many came in by fitting any month", () => {
  assert.equal(filter.countLine(53, 60, 50, "chủ đề hợp với mọi tháng"), "Đang hiện 53/60 (gồm 50 chủ đề hợp với mọi tháng)");
  assert.equal(filter.countLine(4, 4, 0, "x"), "Đang hiện 4/4");
});

test("the URL's state keeps only values the facets offer", () => {
  const state = filter.fromQuery("?cell=thon,__proto__,<b>&month=12&other=1", { cell: ["thon", "co-quan"], month: ["12"] });
  assert.deepEqual(state, { cell: ["thon"], month: ["12"] });
  assert.deepEqual(filter.fromQuery("", { cell: ["thon"] }), { cell: [] });
});
