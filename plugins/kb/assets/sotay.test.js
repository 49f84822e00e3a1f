/* Unit tests of what the site's scripts share (sotay.js) under node, with a stand-in for localStorage.
 * Run by tests/test_browser_home.py. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");

const stored = new Map();
let refuse = false;
globalThis.localStorage = {
  getItem: (key) => (stored.has(key) ? stored.get(key) : null),
  setItem: (key, value) => { if (refuse) { throw new Error("QuotaExceededError"); } stored.set(key, String(value)); },
  removeItem: (key) => { stored.delete(key); },
};
const shared = require("./sotay.js");

test("load gives the fallback for what is missing or unreadable; save says whether the browser kept it", () => {
  stored.clear();
  assert.deepEqual(shared.load("k", { a: 1 }), { a: 1 });
  stored.set("k", "{không phải JSON");
  assert.equal(shared.load("k", 0), 0);
  assert.equal(shared.save("k", [1, "x"]), true);
  assert.deepEqual(shared.load("k", null), [1, "x"]);
  refuse = true;
  assert.equal(shared.save("k", 2), false);
  refuse = false;
});

test("the remembered cell type is an id the page knows, or nothing", () => {
  stored.clear();
  assert.equal(shared.cell(["thon"]), "");
  assert.equal(shared.setCell("thon"), true);
  assert.equal(stored.get("sotay.cell"), '"thon"');
  assert.equal(shared.cell(["thon", "co-quan"]), "thon");
  assert.equal(shared.cell(["co-quan"]), "");  // another edition's list
  for (const bad of ['"__proto__"', '"Thôn"', "5", '["thon"]', '"<b>"', "{"]) {
    stored.set("sotay.cell", bad);
    assert.equal(shared.cell(["thon", "__proto__", "Thôn", "<b>"]), "", bad);
  }
  assert.equal(shared.setCell("<b>"), false);  // never stored
  assert.equal(shared.setCell(""), true);  // forgotten
  assert.equal(stored.has("sotay.cell"), false);
});

test("a keeper warns once when the browser refuses, and stays quiet while it keeps", () => {
  const where = { textContent: "" };
  const keep = shared.keeper("sotay.x", where, "không lưu được");
  keep({ a: 1 });
  assert.equal(where.textContent, "");
  refuse = true;
  keep({ a: 2 });
  assert.equal(where.textContent, "không lưu được");
  where.textContent = "";
  keep({ a: 3 });
  assert.equal(where.textContent, "");  // once
  refuse = false;
});

test("own never sees Object's own properties; isRecord takes plain objects only", () => {
  assert.equal(shared.own({}, "constructor"), false);
  assert.equal(shared.own(JSON.parse('{"__proto__": 1}'), "__proto__"), true);
  assert.equal(shared.own(null, "x"), false);
  for (const value of [null, [], "x", 5]) { assert.equal(shared.isRecord(value), false); }
  assert.equal(shared.isRecord({}), true);
});
