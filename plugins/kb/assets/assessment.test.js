// The self-assessment's pure part, run with `node --test` (pytest runs this file too, from tests/test_assessment.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const assessment = require(path.join(__dirname, "assessment.js"));

const IDS = ["mot", "hai", "ba"];
const NAMES = ["cell", "date"];
const CRITERIA = [{ id: "mot", points: 30 }, { id: "hai", points: 55 }, { id: "ba", points: 15 }];
const LEVELS = [{ min: 0, label: "Cần cố gắng" }, { min: 80, label: "Tốt" }, { min: 65, label: "Khá" }];

test("whatever storage holds becomes a clean state: known criteria, 0, 0.5 or 1, known text fields", () => {
  const empty = { answers: {}, fields: {} };
  const garbage = [undefined, null, 5, "x", [], {}, { answers: null, fields: 3 }, { answers: [1], fields: ["a"] },
    JSON.parse('{"answers": {"__proto__": 1}, "fields": {"__proto__": "x"}}'), { answers: { mot: "1" } },
    { answers: { mot: 2, hai: -1, ba: 0.25 } }, { answers: { mot: true, hai: null } }, { fields: { cell: 5, date: "" } }];
  for (const raw of garbage) {
    assert.deepStrictEqual(assessment.cleanState(raw, IDS, NAMES), empty, JSON.stringify(raw));
  }
  const raw = { answers: { mot: 1, hai: 0.5, ba: 0, "da-bo": 1, constructor: 1 },
    fields: { cell: "Chi bộ thôn 3", date: "x".repeat(500), other: "y" } };
  assert.deepStrictEqual(assessment.cleanState(raw, IDS, NAMES),
    { answers: { mot: 1, hai: 0.5, ba: 0 }, fields: { cell: "Chi bộ thôn 3", date: "x".repeat(200) } });
  assert.deepStrictEqual(assessment.cleanState(raw, ["__proto__"], ["__proto__"]), empty);
  // A criterion named like an Object property reads only what storage holds as its own.
  assert.deepStrictEqual(assessment.cleanState({ answers: {}, fields: {} }, ["constructor"], ["toString"]), empty);
  assert.deepStrictEqual(assessment.tally([{ id: "constructor", points: 10 }], empty),
    { answered: 0, count: 1, got: 0, possible: 0, total: 10 });
});

test("an edition that adds a criterion keeps the other answers, and the new one is unanswered", () => {
  const saved = { answers: { mot: 1, hai: 0.5, ba: 1 }, fields: {} };
  const state = assessment.cleanState(saved, ["mot", "moi", "hai"], NAMES);
  assert.deepStrictEqual(state.answers, { mot: 1, hai: 0.5 });
  const criteria = [{ id: "mot", points: 30 }, { id: "moi", points: 10 }, { id: "hai", points: 60 }];
  assert.deepStrictEqual(assessment.tally(criteria, state), { answered: 2, count: 3, got: 60, possible: 90, total: 100 });
});

test("nothing answered: no score and no level", () => {
  assert.deepStrictEqual(assessment.summary(CRITERIA, LEVELS, assessment.emptyState()),
    { score: "Chưa trả lời", answered: "Đã trả lời 0/3 tiêu chí." });
});

test("partly answered: a provisional score of what is answered, no level", () => {
  const state = assessment.answer(assessment.answer(assessment.emptyState(), "mot", 1), "ba", 0.5);
  const lines = assessment.summary(CRITERIA, LEVELS, state);
  assert.strictEqual(lines.score, "Điểm tạm tính: 37,5/45 điểm ở 2 tiêu chí đã trả lời (83,3%)");
  assert.strictEqual(lines.answered, "Đã trả lời 2/3 tiêu chí. Trả lời đủ các tiêu chí thì mới xếp mức.");
  assert.ok(!lines.score.includes("Mức") && !lines.score.includes("Tốt"));
  // "Chưa đạt" is an answer too: it counts as answered with 0 points.
  const none = assessment.answer(assessment.emptyState(), "hai", 0);
  assert.strictEqual(assessment.summary(CRITERIA, LEVELS, none).score,
    "Điểm tạm tính: 0/55 điểm ở 1 tiêu chí đã trả lời (0%)");
});

test("all answered: the total and the level reached, compared exactly", () => {
  let state = assessment.emptyState();
  for (const [id, value] of [["mot", 1], ["hai", 1], ["ba", 0]]) { state = assessment.answer(state, id, value); }
  assert.deepStrictEqual(assessment.summary(CRITERIA, LEVELS, state),
    { score: "Tổng điểm: 85/100 (85%) · Mức: Tốt", answered: "Đã trả lời đủ 3/3 tiêu chí." });
  assert.strictEqual(assessment.levelFor(LEVELS, 7995, 10000), "Khá");  // 79.95% is not 80%
  assert.strictEqual(assessment.levelFor(LEVELS, 80, 100), "Tốt");
  assert.strictEqual(assessment.levelFor([{ min: 50, label: "Đạt" }], 10, 100), "");
  assert.strictEqual(assessment.number(7.5), "7,5");
  assert.strictEqual(assessment.number(83.333), "83,3");
});

test("answers and text fields: invalid values are refused, the state is never changed in place", () => {
  const start = assessment.emptyState();
  assert.deepStrictEqual(assessment.answer(start, "mot", 2), start);
  assert.deepStrictEqual(assessment.answer(start, "__proto__", 1), start);
  const typed = assessment.setField(start, "cell", "Chi bộ 1");
  assert.deepStrictEqual(typed, { answers: {}, fields: { cell: "Chi bộ 1" } });
  assert.deepStrictEqual(assessment.setField(typed, "cell", ""), start);
  assert.deepStrictEqual(start, { answers: {}, fields: {} });
  assert.ok(assessment.isEmpty(start) && !assessment.isEmpty(typed));
});

test("clearing says what it cleared, and the undo snapshot is a copy", () => {
  const state = { answers: { mot: 1, hai: 0, ba: 0.5 }, fields: { cell: "Chi bộ 1" } };
  const snapshot = assessment.copyState(state);
  state.answers.mot = 0;
  state.fields.cell = "khác";
  assert.deepStrictEqual(snapshot, { answers: { mot: 1, hai: 0, ba: 0.5 }, fields: { cell: "Chi bộ 1" } });
  assert.strictEqual(assessment.clearMessage(snapshot), "Đã xóa 3 câu trả lời và tên chi bộ, ngày họp đã ghi.");
  assert.strictEqual(assessment.clearMessage({ answers: { mot: 1 }, fields: {} }), "Đã xóa 1 câu trả lời.");
  assert.strictEqual(assessment.clearMessage(assessment.emptyState()), "Chưa có câu trả lời nào để xóa.");
  assert.strictEqual(assessment.undoMessage(snapshot), "Đã hoàn tác: khôi phục 3 câu trả lời và tên chi bộ, ngày họp đã ghi.");
  // Only the two text fields were cleared: the undo does not speak of "0 câu trả lời".
  assert.strictEqual(assessment.undoMessage({ answers: {}, fields: { cell: "Chi bộ 1" } }),
    "Đã hoàn tác: khôi phục tên chi bộ, ngày họp đã ghi.");
});

test("the stored answers: any garbage gives an empty state without an error, and a later answer is kept and read back", () => {
  const { GARBAGE, fakeStorage, prototypeIntact } = require(path.join(__dirname, "storage.testlib.js"));
  const shared = require(path.join(__dirname, "sotay.js"));
  const storage = fakeStorage(), key = assessment.PREFIX + "thu";
  const ids = IDS.concat(["constructor", "prototype"]), names = NAMES.concat(["to-string"]);
  for (const bad of GARBAGE.concat(['{"answers": {"mot": 7, "hai": "1"}, "fields": {"cell": 42, "date": ["x"]}}'])) {
    storage.stored.set(key, bad);
    const state = assessment.loadState("thu", ids, names);
    assert.deepStrictEqual(state, { answers: {}, fields: {} }, bad.slice(0, 60));
    assert.ok(shared.save(key, assessment.setField(assessment.answer(state, "hai", 0.5), "cell", "Chi bộ 1")));
    const again = { answers: { hai: 0.5 }, fields: { cell: "Chi bộ 1" } };
    assert.deepStrictEqual(JSON.parse(storage.stored.get(key)), again);
    assert.deepStrictEqual(assessment.loadState("thu", ids, names), again);
  }
  assert.ok(prototypeIntact());
});
