// The planner's pure functions, run with `node --test` (tests/test_planner.py runs this file too).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const planner = require(path.join(__dirname, "planner.js"));
const shared = require(path.join(__dirname, "sotay.js"));  // the plan's rules the planner and the home page share
const fflate = require(path.join(__dirname, "..", "..", "..", "node_modules", "fflate"));

const data = {
  years: [2026, 2027],
  cells: { thon: "Chi bộ thôn, bản", "co-quan": "Chi bộ cơ quan" },
  meetings: { "chuyen-de": "Sinh hoạt chuyên đề", "thuong-ky": "Sinh hoạt thường kỳ" },
  plans: {
    "thon:2026": [
      { month: 1, kind: "thuong-ky", topic: null, title: "Sinh hoạt thường kỳ tháng 1" },
      { month: 2, kind: "chuyen-de", topic: "dang", title: "Thành lập Đảng" },
      { month: 5, kind: "chuyen-de", topic: null, title: "Sinh hoạt chuyên đề quý 2 (chi bộ tự chọn chủ đề)" },
    ],
  },
  topics: {
    dang: { title: "Thành lập Đảng", url: "../dang/", meeting: "chuyen-de", cells: ["thon"], months: [2] },
    bac: { title: "Học tập & làm theo <Bác>", url: "../bac/", meeting: "chuyen-de", cells: ["thon"], months: [] },
    thang: { title: "Nền nếp họp tháng", url: "../thang/", meeting: "thuong-ky", cells: ["thon"], months: [] },
    coquan: { title: "Chỉ cho cơ quan", url: "../cq/", meeting: "chuyen-de", cells: ["co-quan"], months: [] },
  },
  docx: {},
  word: true,
};

test("storage garbage gives no changes, never an error", () => {
  for (const raw of [null, undefined, 5, "x", true, [], ["bac"], { "0": "__proto__" }, { "0": "constructor" },
    JSON.parse('{"__proto__": "bac"}'), { "-1": "" }, { "01": "" }, { "1.0": "" }, { "3": "" }, { "99": "" },
    { "0": 7 }, { "0": null }, { "1": "khong-co" }, { "1": "coquan" }, { "0": "bac" }, { "1": "thang" }]) {
    assert.deepStrictEqual(shared.cleanChanges(raw, data, "thon", 2026), {}, JSON.stringify(raw));
  }
  assert.deepStrictEqual(shared.cleanChanges({ "0": "x" }, data, "thon", 2031), {});  // a plan the page lacks
});

test("changes that fit are kept: '' (the cell chooses) or a topic that may take the meeting's place", () => {
  const kept = shared.cleanChanges({ "0": "thang", "1": "", "2": "bac", "9": "bac" }, data, "thon", 2026);
  assert.deepStrictEqual(kept, { "0": "thang", "1": "", "2": "bac" });
  // Stored keys named like Object's own properties are dropped, not written onto the result.
  const odd = shared.cleanChanges(JSON.parse('{"__proto__": "bac", "constructor": "", "0": "thang"}'), data, "thon", 2026);
  assert.deepStrictEqual(Object.keys(odd), ["0"]);
  assert.ok(!Object.prototype.hasOwnProperty.call(odd, "__proto__"));
});

test("rows never link to undefined, and say when the cell chooses", () => {
  const rows = planner.planRows(data, "thon", 2026, shared.cleanChanges({ "1": "", "2": "bac" }, data, "thon", 2026));
  assert.deepStrictEqual(rows.map((r) => [r.title, r.url, r.changed]), [
    ["Sinh hoạt thường kỳ tháng 1", "", false],
    ["Sinh hoạt chuyên đề tháng 2 (chi bộ tự chọn chủ đề)", "", true],
    ["Học tập & làm theo <Bác>", "../bac/", true],
  ]);
  const garbage = planner.planRows(data, "thon", 2026, shared.cleanChanges({ "1": "__proto__" }, data, "thon", 2026));
  assert.ok(garbage.every((r) => typeof r.title === "string" && typeof r.url === "string" && !/undefined/.test(r.title + r.url)));
  assert.strictEqual(garbage[1].url, "../dang/");
  assert.deepStrictEqual(planner.planRows(data, "__proto__", "x", {}), []);
});

test("the topics offered fit the meeting's kind, the cell type and the month", () => {
  const [regular, february, may] = data.plans["thon:2026"];
  assert.deepStrictEqual(shared.candidates(data, "thon", regular), ["thang"]);
  assert.deepStrictEqual(shared.candidates(data, "thon", february), ["bac", "dang"]);
  assert.deepStrictEqual(shared.candidates(data, "thon", may), ["bac"]);
  assert.deepStrictEqual(shared.candidates(data, "co-quan", may), ["coquan"]);
});

test("the cell type: the URL's first, then the remembered one, then the first", () => {
  assert.strictEqual(planner.pickCell("co-quan", "thon", data.cells), "co-quan");
  assert.strictEqual(planner.pickCell(null, "co-quan", data.cells), "co-quan");
  assert.strictEqual(planner.pickCell("lang", "", data.cells), "thon");
  assert.strictEqual(planner.pickCell("__proto__", "constructor", data.cells), "thon");
});

test("the year: the URL's if the page has it, else this year, else the first; this month only in this year", () => {
  const now = new Date(2027, 4, 20);
  assert.strictEqual(planner.pickYear("2026", now, data.years), 2026);
  assert.strictEqual(planner.pickYear("2031", now, data.years), 2027);
  assert.strictEqual(planner.pickYear("2026abc", new Date(2030, 0, 1), data.years), 2026);
  assert.strictEqual(planner.thisMonth(2027, now), 5);
  assert.strictEqual(planner.thisMonth("2026", now), 0);
});

test("text lands in the Word file escaped, and a value is never read again for marks", () => {
  assert.strictEqual(planner.xmlText("a & b <c> \u0001\"d\""), "a &amp; b &lt;c&gt; \"d\"");
  const marks = { year: "SOTAYNAM", title: "SOTAYNOIDUNG" };
  assert.strictEqual(planner.fillMarks("<t>SOTAYNOIDUNG (SOTAYNAM)</t>", marks, { title: "SOTAYNAM </t>", year: "2026" }),
    "<t>SOTAYNAM &lt;/t&gt; (2026)</t>");
});

test("the Word file holds the parts in the skeleton's order, the rows filled in", () => {
  const others = fflate.zipSync({ "[Content_Types].xml": fflate.strToU8("<Types/>"), "word/styles.xml": fflate.strToU8("<s/>") });
  const skeleton = {
    order: ["[Content_Types].xml", "docProps/core.xml", "word/document.xml", "word/styles.xml"],
    others: Buffer.from(others).toString("base64"),
    document: ["<d><h>SOTAYNAM SOTAYLOAICHIBO</h>", "<tr>SOTAYTHANG|SOTAYHINHTHUC|SOTAYNOIDUNG</tr>", "</d>"],
    core: "<title>Kế hoạch năm SOTAYNAM</title>",
    marks: { year: "SOTAYNAM", cell: "SOTAYLOAICHIBO", month: "SOTAYTHANG", kind: "SOTAYHINHTHUC", title: "SOTAYNOIDUNG" },
  };
  const rows = planner.wordRows(planner.planRows(data, "thon", 2026, { "2": "bac" }));
  const bytes = planner.wordFile(fflate, skeleton, { year: "2026", cell: "Chi bộ thôn, bản" }, rows);
  const parts = fflate.unzipSync(bytes);
  assert.deepStrictEqual(Object.keys(parts), skeleton.order);
  assert.strictEqual(fflate.strFromU8(parts["word/document.xml"]),
    "<d><h>2026 Chi bộ thôn, bản</h><tr>Tháng 1|Sinh hoạt thường kỳ|Sinh hoạt thường kỳ tháng 1</tr>" +
    "<tr>Tháng 2|Sinh hoạt chuyên đề|Thành lập Đảng</tr>" +
    "<tr>Tháng 5|Sinh hoạt chuyên đề|Học tập &amp; làm theo &lt;Bác&gt;</tr></d>");
  assert.strictEqual(fflate.strFromU8(parts["docProps/core.xml"]), "<title>Kế hoạch năm 2026</title>");
  assert.strictEqual(fflate.strFromU8(parts["word/styles.xml"]), "<s/>");
});

test("the planner's stored changes: any garbage gives the suggested plan's rows, and a later swap is kept", () => {
  const { GARBAGE, fakeStorage, prototypeIntact } = require(path.join(__dirname, "storage.testlib.js"));
  const storage = fakeStorage(), key = shared.planStorageKey("thon", 2026);
  const suggested = planner.planRows(data, "thon", 2026, {});
  for (const bad of GARBAGE) {
    storage.stored.set(key, bad);
    const changes = shared.storedChanges(data, "thon", 2026);
    assert.deepStrictEqual(changes, {}, bad.slice(0, 60));
    const rows = planner.planRows(data, "thon", 2026, changes);
    assert.deepStrictEqual(rows, suggested);
    assert.ok(rows.every((r) => !/undefined/.test(r.title + r.url)));
    assert.ok(shared.save(key, Object.assign(changes, { "2": "bac" })));
    assert.deepStrictEqual(JSON.parse(storage.stored.get(key)), { "2": "bac" });
    assert.strictEqual(planner.planRows(data, "thon", 2026, shared.storedChanges(data, "thon", 2026))[2].url, "../bac/");
  }
  assert.ok(prototypeIntact());
});
