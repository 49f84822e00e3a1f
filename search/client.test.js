// The browser engine's safety, run with `node --test` (pytest runs this file too).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const data = require(path.join(__dirname, "data", "analysis.json"));
const { Engine, partFile, safeUrl, unpack } = require(path.join(__dirname, "client.js"));
const { engineOf, pack } = require(path.join(__dirname, "split.testlib.js"));

const index = {
  analysis: data, kinds: { document: "văn bản" }, cells: {},
  entries: [["Về sinh hoạt chi bộ", "18-KL/TW", "document", "van-ban/a.html", ["*"], "Sinh hoạt chi bộ hằng tháng."]],
  terms: { sinh: [0, 6], hoat: [0, 6], chi: [0, 6], bo: [0, 6], kl18: [0, 10] },
};

test("words that are names of Object's own properties are ordinary words", () => {
  const engine = engineOf(index);
  for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    assert.deepStrictEqual(engine.search(word).results, []);
  }
  assert.strictEqual(engine.search("sinh hoat chi bo").results[0].url, "van-ban/a.html");
  assert.strictEqual(engine.search("KL 18").results[0].title, "Về sinh hoạt chi bộ");
});

test("only links inside the site are made", () => {
  for (const base of [new URL("file:///usb/site/"), new URL("http://127.0.0.1:8000/")]) {
    assert.ok(safeUrl("van-ban/a.html#x", base).startsWith(base.href));
    // A folder address: from file:// its index.html (a folder would show a file listing), over http as it is.
    const folder = base.protocol === "file:" ? "van-ban/a/index.html#x" : "van-ban/a/#x";
    assert.strictEqual(safeUrl("van-ban/a/#x", base), base.href + folder);
    for (const bad of ["javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "\x01javascript:x",
      "\\\\evil.example/x", "/\\evil.example", "//evil.example/x", "https://evil.example/", "data:text/html,x"]) {
      assert.strictEqual(safeUrl(bad, base), null, JSON.stringify(bad));
    }
  }
});

test("a query too long is cut and says so", () => {
  const found = engineOf(index).search("sinh ".repeat(200));
  assert.ok(found.notes.some((n) => n.includes("500 ký tự")));
});

test("a cell type keeps the entries for it and those for every cell", () => {
  const engine = engineOf({
    analysis: data, kinds: { document: "văn bản", topic: "chủ đề" }, cells: {},
    entries: [
      ["Về sinh hoạt chi bộ", "18-KL/TW", "document", "van-ban/a.html", ["*"], "Sinh hoạt chi bộ."],
      ["Sinh hoạt ở thôn", "", "topic", "chu-de/thon.html", ["thon"], "Sinh hoạt chi bộ thôn."],
      ["Sinh hoạt ở đơn vị", "", "topic", "chu-de/quan-doi.html", ["quan-doi"], "Sinh hoạt chi bộ quân đội."],
    ],
    terms: { sinh: [0, 6, 1, 6, 1, 6], hoat: [0, 6, 1, 6, 1, 6] },  // entry numbers are stored as gaps
  });
  const urls = (options) => engine.search("sinh hoat", options).results.map((r) => r.url).sort();
  assert.deepStrictEqual(urls({}), ["chu-de/quan-doi.html", "chu-de/thon.html", "van-ban/a.html"]);
  assert.deepStrictEqual(urls({ cell: "quan-doi" }), ["chu-de/quan-doi.html", "van-ban/a.html"]);
  assert.deepStrictEqual(urls({ cell: "quan-doi", kind: "topic" }), ["chu-de/quan-doi.html"]);
});

test("phrases in the title lift a hit, as in the CLI's engine", () => {
  const minutes = {
    analysis: data, kinds: { template: "mẫu" }, cells: {},
    entries: [["Biên bản họp chi bộ", "", "template", "mau/a.html", ["*"], "Ghi cả báo cáo của chi ủy."],
      ["Biên bản họp chi ủy", "", "template", "mau/b.html", ["*"], "Ghi buổi họp."]],
    // The chi bộ minutes weigh more on the words themselves; only the title's phrases put the other first.
    terms: { bien: [0, 6, 1, 6], ban: [0, 6, 1, 6], hop: [0, 6, 1, 6], chi: [0, 8, 1, 6], uy: [0, 6, 1, 6] },
  };
  const found = engineOf(minutes).search("bien ban hop chi uy").results.map((r) => r.url);
  assert.deepStrictEqual(found, ["mau/b.html", "mau/a.html"]);
});

test("a query fetches only the parts it reads, each once, and asks again for one that failed", () => {
  // Two term parts (words before "m", and from "m" on) and entry parts of one entry each.
  const whole = engineOf({
    analysis: data, kinds: { document: "văn bản" }, cells: {},
    entries: [["Sinh hoạt chi bộ", "", "document", "a.html", ["*"], "Nâng cao chất lượng."],
      ["Kiểm tra đảng viên", "", "document", "b.html", ["*"], "Kiểm tra, giám sát."]],
    terms: { sinh: [0, 6], hoat: [0, 6], chi: [0, 6], bo: [0, 6], kiem: [1, 6], tra: [1, 6], dang: [1, 6], vien: [1, 6] },
  });
  const t0 = whole.parts.get("t0"), low = { p: {}, f: {}, t: {}, x: {} }, high = { p: {}, f: {}, t: {}, x: {} };
  for (const section of ["p", "f", "t", "x"]) {
    for (const key of Object.keys(t0[section])) {
      const at = section === "x" ? whole.analyzer.fold(key) : key;
      (at < "m" ? low : high)[section][key] = t0[section][key];
    }
  }
  const parts = { t0: low, t1: high, e0: [whole.parts.get("e0")[0]], e1: [whole.parts.get("e0")[1]] };
  const head = Object.assign({}, whole.index, { bounds: ["", "m"], chunk: 1 });
  const asked = [], later = [];
  let failing = new Set(["e1"]);
  const engine = new Engine(head, (name, done) => {
    asked.push(name);
    later.push(() => done(failing.has(name) ? null : parts[name]));
  });
  const answers = [];
  engine.find("sinh", { limit: 5 }, (found) => answers.push(found));
  engine.find("SINH", { limit: 5 }, (found) => answers.push(found));
  assert.deepStrictEqual(answers, []);  // nothing yet: the parts come later
  while (later.length) { later.shift()(); }
  assert.deepStrictEqual(asked.slice().sort(), ["e0", "t1"]);  // "sinh" is from "m" on; each part asked once
  assert.deepStrictEqual(answers.map((f) => f.results.map((r) => r.url)), [["a.html"], ["a.html"]]);
  assert.throws(() => engine.search("kiem tra"), /not loaded/);  // t0 and e1 are not there yet
  engine.find("kiem tra", { limit: 5 }, (found) => answers.push(found));
  while (later.length) { later.shift()(); }
  assert.strictEqual(answers[2], null);  // e1 failed
  failing = new Set();
  engine.find("kiem tra", { limit: 5 }, (found) => answers.push(found));
  while (later.length) { later.shift()(); }
  assert.deepStrictEqual(answers[3].results.map((r) => r.title), ["Kiểm tra đảng viên"]);
  assert.deepStrictEqual(asked.filter((n) => n === "e1").length, 2);  // asked again after it failed
  assert.deepStrictEqual(asked.filter((n) => n === "t0").length, 1);
});

test("lists of numbers travel packed as text, as search/browser.py packs them", () => {
  // The same literal is checked against the Python side (tests/test_browser_search.py).
  assert.deepStrictEqual(unpack("AfgB_fggB"), [0, 31, 32, 1023, 1024]);
  const numbers = [0, 1, 5, 31, 32, 33, 999, 32767, 32768, 2 ** 31, 2 ** 40];
  assert.deepStrictEqual(unpack(pack(numbers)), numbers);
  assert.deepStrictEqual(unpack(""), []);
  assert.deepStrictEqual(unpack("B\"C"), [1]);  // a character outside the alphabet ends the list
});

test("a part's file is its name and its digest from the head: term parts first, then entry parts", () => {
  const head = { bounds: ["", "m"], hashes: "aaaaaaaabbbbbbbbccccccccdddddddd" };  // t0, t1, e0, e1
  assert.deepStrictEqual(["t0", "t1", "e0", "e1"].map((name) => partFile(head, name)),
    ["t0.aaaaaaaa.js", "t1.bbbbbbbb.js", "e0.cccccccc.js", "e1.dddddddd.js"]);
});
