/* Unit tests of what the site's scripts share (sotay.js) under node, with a stand-in for localStorage.
 * Run by tests/test_browser_home.py. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");

const { GARBAGE, fakeStorage, prototypeIntact } = require("./storage.testlib.js");

const storage = fakeStorage(), stored = storage.stored;
const shared = require("./sotay.js");

test("load gives the fallback for what is missing or unreadable; save says whether the browser kept it", () => {
  stored.clear();
  assert.deepEqual(shared.load("k", { a: 1 }), { a: 1 });
  stored.set("k", "{không phải JSON");
  assert.equal(shared.load("k", 0), 0);
  assert.equal(shared.save("k", [1, "x"]), true);
  assert.deepEqual(shared.load("k", null), [1, "x"]);
  storage.refuse = true;
  assert.equal(shared.save("k", 2), false);
  storage.refuse = false;
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
  storage.refuse = true;
  keep({ a: 2 });
  assert.equal(where.textContent, "không lưu được");
  where.textContent = "";
  keep({ a: 3 });
  assert.equal(where.textContent, "");  // once
  storage.refuse = false;
});

test("own never sees Object's own properties; isRecord takes plain objects only", () => {
  assert.equal(shared.own({}, "constructor"), false);
  assert.equal(shared.own(JSON.parse('{"__proto__": 1}'), "__proto__"), true);
  assert.equal(shared.own(null, "x"), false);
  for (const value of [null, [], "x", 5]) { assert.equal(shared.isRecord(value), false); }
  assert.equal(shared.isRecord({}), true);
});

test("load never throws: unreadable, oversized or untrusted text gives the fallback, and `clean` decides the rest", () => {
  stored.clear();
  const fallback = Object.freeze({ empty: true });
  for (const bad of GARBAGE) {
    stored.set("k", bad);
    const cleaned = shared.load("k", fallback, (raw) => (shared.isRecord(raw) && raw.ok === 1 ? { ok: 1 } : fallback));
    assert.equal(cleaned, fallback, bad.slice(0, 60));
    // A clean that throws on what it is given is an unreadable value too.
    assert.equal(shared.load("k", fallback, (raw) => raw.a.b.c), fallback, bad.slice(0, 60));
  }
  assert.ok(prototypeIntact());
  stored.set("k", JSON.stringify("x".repeat(200000)));  // more than the site ever writes: not even parsed
  assert.equal(shared.load("k", 0), 0);
  // Keys named like Object's own properties are gone wherever they sit; everything else is as stored.
  stored.set("k", '{"__proto__": {"x": 1}, "a": {"constructor": {"prototype": 1}, "b": [{"prototype": 2, "c": 3}]}}');
  const value = shared.load("k", null);
  assert.deepEqual(Object.keys(value), ["a"]);
  assert.deepEqual(Object.keys(value.a), ["b"]);
  assert.deepEqual(Object.keys(value.a.b[0]), ["c"]);
  assert.ok(prototypeIntact());
  // A browser that will not even let storage be read (file:// in some set-ups).
  const real = globalThis.localStorage;
  globalThis.localStorage = { getItem() { throw new Error("SecurityError"); } };
  assert.equal(shared.load("k", 7), 7);
  globalThis.localStorage = real;
});

test("the planner's stored changes: garbage gives none, a later save is read back", () => {
  const data = {
    plans: { "thon:2026": [{ month: 5, kind: "chuyen-de", topic: null, title: "Quý 2" }] },
    topics: { bac: { title: "Bác", url: "../bac/", meeting: "chuyen-de", cells: ["thon"], months: [] } },
  };
  const key = shared.planStorageKey("thon", 2026);
  assert.equal(key, "sotay.plan.thon:2026");
  for (const bad of GARBAGE) {
    stored.set(key, bad);
    assert.deepStrictEqual(shared.storedChanges(data, "thon", 2026), {}, bad.slice(0, 60));
    assert.deepStrictEqual(shared.storedChanges({}, "thon", 2026), {});  // data without plans: nothing, no error
  }
  assert.ok(shared.save(key, Object.assign(shared.storedChanges(data, "thon", 2026), { 0: "bac" })));
  assert.deepStrictEqual(JSON.parse(stored.get(key)), { 0: "bac" });
  assert.deepStrictEqual(shared.storedChanges(data, "thon", 2026), { 0: "bac" });
});

test("the cell type after garbage: nothing remembered, and setCell writes a value read back", () => {
  for (const bad of GARBAGE) {
    stored.set("sotay.cell", bad);
    assert.equal(shared.cell(["thon", "__proto__", "constructor"]), "", bad.slice(0, 60));
    assert.equal(shared.cell(), "", bad.slice(0, 60));
    assert.equal(shared.setCell("thon"), true);
    assert.equal(stored.get("sotay.cell"), '"thon"');
    assert.equal(shared.cell(["thon"]), "thon");
  }
});
