/* Unit tests of the home page's month logic under node (run by tests/test_browser_home.py). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const home = require("./home.js");

const DATA = {
  topics: {
    a: { title: "Ân nghĩa", cells: ["thon"], months: [12], meeting: "chuyen-de" },
    b: { title: "Bảo vệ", cells: ["thon", "co-quan"], months: [], meeting: "thuong-ky" },
    c: { title: "Cơ quan", cells: ["co-quan"], months: [12], meeting: "chuyen-de" },
    d: { title: "Đoàn kết", cells: ["thon"], months: [1, 12], meeting: "chuyen-de" },
  },
  plans: { "thon:2026": [{ month: 11, kind: "thuong-ky", topic: null, title: "Sinh hoạt thường kỳ tháng 11" },
    { month: 12, kind: "thuong-ky", topic: "b", title: "Bảo vệ" }, { month: 12, kind: "chuyen-de", topic: "a", title: "Ân nghĩa" }] },
};

test("dates read dd/mm/yyyy with the weekday", () => {
  assert.equal(home.formatDate(new Date(2026, 11, 3)), "thứ Năm, 03/12/2026");
  assert.equal(home.formatDate(new Date(2027, 0, 3)), "Chủ nhật, 03/01/2027");
});

test("a meeting day from storage is a whole day of the month or nothing", () => {
  for (const bad of [0, 32, 3.5, "3", null, [], {}, -1]) { assert.equal(home.validDay(bad), 0); }
  assert.equal(home.validDay(3), 3);
  assert.equal(home.validDay(31), 31);
});

test("the month's meeting, and the next one once it has passed", () => {
  let m = home.meetings(3, new Date(2026, 11, 3, 18));
  assert.equal(m.passed, false);  // on the day itself, still this month's
  assert.equal(home.formatDate(m.current), "thứ Năm, 03/12/2026");
  m = home.meetings(3, new Date(2026, 11, 4));
  assert.equal(m.passed, true);
  assert.equal(home.formatDate(m.next), "Chủ nhật, 03/01/2027");  // across the year's end
  m = home.meetings(31, new Date(2027, 1, 10));
  assert.equal(home.formatDate(m.current), "Chủ nhật, 28/02/2027");  // the 31st in February is its last day
});

test("this month's topics: the month's own, in Vietnamese order, and how many fit any month", () => {
  assert.deepEqual(home.monthTopics(DATA, "thon", 12), { own: ["a", "d"], any: 1 });
  assert.deepEqual(home.monthTopics(DATA, "co-quan", 12), { own: ["c"], any: 1 });
  assert.deepEqual(home.monthTopics(DATA, "thon", 5), { own: [], any: 1 });
});

test("the plan's meetings of the month take the planner's choices, and only valid ones", () => {
  assert.deepEqual(home.planned(DATA, "thon", 2026, 12, {}),
    [{ kind: "thuong-ky", topic: "b", changed: false }, { kind: "chuyen-de", topic: "a", changed: false }]);
  assert.deepEqual(home.planned(DATA, "thon", 2026, 12, { 2: "d" })[1], { kind: "chuyen-de", topic: "d", changed: true });
  // The planner would not offer these: a thematic topic for a regular meeting, a topic of another cell type.
  assert.deepEqual(home.planned(DATA, "thon", 2026, 12, { 1: "a" })[0], { kind: "thuong-ky", topic: "b", changed: false });
  assert.deepEqual(home.planned(DATA, "thon", 2026, 12, { 2: "c" })[1], { kind: "chuyen-de", topic: "a", changed: false });
  assert.deepEqual(home.planned(DATA, "thon", 2026, 12, { 1: "" })[0], { kind: "thuong-ky", topic: "", changed: true });
  for (const stored of [null, 5, [], "x", { 1: "__proto__" }, { 1: "nope" }, { 1: 7 }, JSON.parse('{"__proto__": {"1": "d"}}')]) {
    assert.deepEqual(home.planned(DATA, "thon", 2026, 12, stored)[0], { kind: "thuong-ky", topic: "b", changed: false });
  }
  assert.deepEqual(home.planned(DATA, "thon", 2031, 12, {}), []);  // no plan for that year
  assert.deepEqual(home.planned(DATA, "quan-doi", 2026, 12, {}), []);
});

test("what the home page reads from storage: garbage gives no day and the plan as suggested, a later save is read back", () => {
  const { GARBAGE, fakeStorage, prototypeIntact } = require("./storage.testlib.js");
  const shared = require("./sotay.js");
  const storage = fakeStorage();
  const suggested = [{ kind: "thuong-ky", topic: "b", changed: false }, { kind: "chuyen-de", topic: "a", changed: false }];
  // 5 is a meeting day the page would keep ("5" is garbage only for the other keys).
  for (const bad of GARBAGE.filter((text) => text !== "5").concat(["0", "32", "3.5", '"3"'])) {
    storage.stored.set("sotay.meetingDay", bad);
    storage.stored.set("sotay.plan.thon:2026", bad);
    assert.equal(home.storedDay(), 0, bad.slice(0, 60));
    assert.deepEqual(home.planned(DATA, "thon", 2026, 12, shared.storedChanges(DATA, "thon", 2026)), suggested);
    assert.ok(shared.save("sotay.meetingDay", 3));
    assert.equal(home.storedDay(), 3);
    assert.ok(shared.save("sotay.plan.thon:2026", { 2: "d" }));
    assert.deepEqual(home.planned(DATA, "thon", 2026, 12, shared.storedChanges(DATA, "thon", 2026))[1],
      { kind: "chuyen-de", topic: "d", changed: true });
  }
  assert.ok(prototypeIntact());
});
