// The checklist's pure part, run with `node --test` (pytest runs this file too, from tests/test_checklists.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const checklist = require(path.join(__dirname, "checklist.js"));

const IDS = ["chi-uy-hop", "gui-tai-lieu", "thong-bao"];

test("whatever storage holds becomes a clean state: known ids, true only, a positive integer run", () => {
  const fresh = { run: 1, ticked: {} };
  const garbage = [undefined, null, 5, "x", true, [], [1, 2], {}, { ticked: null }, { ticked: [] }, { ticked: "chi-uy-hop" },
    JSON.parse('{"ticked": {"__proto__": true}}'), JSON.parse('{"__proto__": {"run": 9}}'),
    { run: 0 }, { run: -3 }, { run: 1.5 }, { run: "4" }, { run: 1e300 }, { run: NaN }, { run: null }];
  for (const raw of garbage) {
    const state = checklist.cleanState(raw, IDS);
    assert.deepStrictEqual(state, fresh, JSON.stringify(raw));  // strict: prototypes compared too
  }
  const mixed = { run: 3, ticked: { "chi-uy-hop": true, "gui-tai-lieu": 1, "thong-bao": "true", "da-bo": true,
    constructor: true, toString: true } };
  assert.deepStrictEqual(checklist.cleanState(mixed, IDS), { run: 3, ticked: { "chi-uy-hop": true } });
  // Ids on the page that are no item id (a doctored page) are never read or written.
  assert.deepStrictEqual(checklist.cleanState({ ticked: { __proto__: true } }, ["__proto__"]), fresh);
  assert.deepStrictEqual(checklist.tick(fresh, "__proto__", true), fresh);
});

test("an edition that drops an item keeps every other tick", () => {
  const saved = { run: 2, ticked: { "chi-uy-hop": true, "gui-tai-lieu": true, "thong-bao": true } };
  assert.deepStrictEqual(checklist.cleanState(saved, ["moi", "chi-uy-hop", "thong-bao"]),
    { run: 2, ticked: { "chi-uy-hop": true, "thong-bao": true } });
});

test("ticking, clearing and a new run never change the state they start from", () => {
  const start = { run: 4, ticked: { "chi-uy-hop": true } };
  const ticked = checklist.tick(start, "thong-bao", true);
  assert.deepStrictEqual(ticked, { run: 4, ticked: { "chi-uy-hop": true, "thong-bao": true } });
  assert.deepStrictEqual(checklist.tick(ticked, "chi-uy-hop", false), { run: 4, ticked: { "thong-bao": true } });
  assert.deepStrictEqual(start, { run: 4, ticked: { "chi-uy-hop": true } });
  assert.deepStrictEqual(checklist.clearRun(ticked), { run: 4, ticked: {} });
  assert.deepStrictEqual(checklist.newRun(ticked), { run: 5, ticked: {} });
  assert.strictEqual(checklist.ticks(ticked), 2);
  assert.strictEqual(checklist.newRun({ run: Number.MAX_SAFE_INTEGER, ticked: {} }).run, Number.MAX_SAFE_INTEGER);
});

test("the undo snapshot is a copy: later ticks do not reach it", () => {
  const state = { run: 2, ticked: { "chi-uy-hop": true } };
  const snapshot = checklist.copyState(state);
  state.ticked["thong-bao"] = true;
  state.run = 7;
  assert.deepStrictEqual(snapshot, { run: 2, ticked: { "chi-uy-hop": true } });
});

test("the status line says what was cleared and what undo gave back", () => {
  const before = { run: 2, ticked: { a: true, b: true, c: true, d: true, e: true, f: true, g: true } };
  assert.strictEqual(checklist.message("reset", before, checklist.clearRun(before)), "Đã xóa 7 dấu của lần 2.");
  assert.strictEqual(checklist.message("new-run", before, checklist.newRun(before)),
    "Đã bắt đầu lần 3; đã xóa 7 dấu của lần 2.");
  assert.strictEqual(checklist.message("new-run", { run: 1, ticked: {} }, { run: 2, ticked: {} }), "Đã bắt đầu lần 2.");
  assert.strictEqual(checklist.message("reset", { run: 1, ticked: {} }, { run: 1, ticked: {} }),
    "Lần 1 chưa có dấu nào để xóa.");
  assert.strictEqual(checklist.message("undo", { run: 3, ticked: {} }, before), "Đã hoàn tác: trở lại lần 2 với 7 dấu.");
});

test("the stored ticks: any garbage gives a fresh state without an error, and a later tick is kept and read back", () => {
  const { GARBAGE, fakeStorage, prototypeIntact } = require(path.join(__dirname, "storage.testlib.js"));
  const storage = fakeStorage(), key = checklist.PREFIX + "hop-thu";
  const ids = IDS.concat(["constructor", "to-string"]);
  for (const bad of GARBAGE) {
    storage.stored.set(key, bad);
    const state = checklist.loadState("hop-thu", ids);
    assert.deepStrictEqual(state, { run: 1, ticked: {} }, bad.slice(0, 60));
    const shared = require(path.join(__dirname, "sotay.js"));
    assert.ok(shared.save(key, checklist.tick(state, "thong-bao", true)));
    assert.deepStrictEqual(JSON.parse(storage.stored.get(key)), { run: 1, ticked: { "thong-bao": true } });
    assert.deepStrictEqual(checklist.loadState("hop-thu", ids), { run: 1, ticked: { "thong-bao": true } });
  }
  assert.ok(prototypeIntact());
  storage.stored.delete(key);
  assert.deepStrictEqual(checklist.loadState("hop-thu", ids), { run: 1, ticked: {} });  // nothing kept yet
});
