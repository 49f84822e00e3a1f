// Prefix matching while typing, and the suggestion list's snippet, run with `node --test` (pytest runs this file too).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const data = require(path.join(__dirname, "data", "analysis.json"));
const { engineOf } = require(path.join(__dirname, "split.testlib.js"));
const { shortSnippet } = require(path.join(__dirname, "box.js"));
const analyzer = require(path.join(__dirname, "analyzer.js")).create(data);

// A small index built the way search/browser.py builds one: folded index-mode terms of title, number and summary.
function buildIndex(rows) {
  const postings = {};
  rows.forEach(([title, number, , , , summary], entry) => {
    const weights = new Map();
    const add = (text, weight) => analyzer.foldedTokens(text, "index").filter((t) => !t.text.includes("_"))
      .forEach((t) => weights.set(t.text, (weights.get(t.text) || 0) + weight));
    add(title, 6);
    add(number, 10);
    add(summary, 1);
    weights.forEach((weight, term) => {
      if (!Object.prototype.hasOwnProperty.call(postings, term)) { postings[term] = []; }
      postings[term].push([entry, weight]);
    });
  });
  const terms = JSON.parse("{}");
  for (const term of Object.keys(postings).sort()) {
    let previous = 0;
    terms[term] = postings[term].flatMap(([entry, weight]) => { const gap = entry - previous; previous = entry; return [gap, weight]; });
  }
  return { analysis: data, kinds: { document: "văn bản", template: "mẫu", topic: "chủ đề" }, cells: {}, entries: rows, terms };
}

const ROWS = [
  ["Biên bản họp chi bộ", "", "template", "mau/bien-ban.html", ["*"], "Mẫu biên bản họp chi bộ hằng tháng."],
  ["Kết luận 18-KL/TW về sinh hoạt chi bộ", "18-KL/TW", "document", "van-ban/kl18.html", ["*"],
    "Kết luận của Ban Bí thư về nâng cao chất lượng sinh hoạt chi bộ."],
  ["Củng cố tổ chức cơ sở đảng", "", "document", "van-ban/tccsd.html", ["*"],
    "Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh."],
  ["Bồi dưỡng bí thư chi bộ mới", "", "topic", "chu-de/boi-duong.html", ["thon"],
    "Biên chế, bầu cử, bài học kinh nghiệm; kết quả rèn luyện của đảng viên."],
  ["Ban chấp hành đảng bộ", "", "document", "van-ban/ban.html", ["*"], "Ban chấp hành họp thường kỳ."],
  ["Bảng kiểm buổi sinh hoạt", "", "document", "van-ban/bang.html", ["*"], "Bảng kiểm các việc cần làm."],
];
const engine = engineOf(buildIndex(ROWS));
const titles = (query, options) => engine.search(query, { prefix: true, ...options }).results.map((r) => r.title);

test("a word being typed is a prefix: 'bien b' finds 'Biên bản…' first", () => {
  assert.strictEqual(titles("bien b")[0], "Biên bản họp chi bộ");
  const found = engine.search("bien b", { prefix: true });
  assert.deepStrictEqual(found.notes, []);  // every word matched, none dropped
  const marked = found.results[0].snippet.filter((p) => p[1]).map((p) => p[0]);
  assert.deepStrictEqual(marked, ["biên", "bản"]);  // "bộ" starts with b too, but does not follow "biên"
  // Without prefix matching, "b" is a word of its own that no entry has.
  assert.ok(engine.search("bien b").notes.some((n) => n.includes("chứa một phần")));
});

test("'ket lu' finds 'Kết luận…', also with accents typed", () => {
  assert.strictEqual(titles("ket lu")[0], "Kết luận 18-KL/TW về sinh hoạt chi bộ");
  assert.strictEqual(titles("kết lu")[0], "Kết luận 18-KL/TW về sinh hoạt chi bộ");
  assert.strictEqual(titles("KẾT LUẬ")[0], "Kết luận 18-KL/TW về sinh hoạt chi bộ");
});

test("'tccs' finds TCCSĐ through its expansion, 'tổ chức cơ sở đảng'", () => {
  assert.strictEqual(titles("tccs")[0], "Củng cố tổ chức cơ sở đảng");
  assert.deepStrictEqual(titles("tccs"), titles("TCCSĐ"));
  assert.deepStrictEqual(engine.search("tccs").results, []);  // not a word without prefix matching
});

test("a number being typed completes: 'KL 1' finds KL18", () => {
  assert.strictEqual(titles("KL 1")[0], "Kết luận 18-KL/TW về sinh hoạt chi bộ");
});

test("a space or a sign after the last word ends it: whole words only", () => {
  assert.strictEqual(engine.parse("bien b ", true).prefix, null);
  assert.strictEqual(engine.parse("bien b.", true).prefix, null);
  assert.strictEqual(engine.parse("bien b", false).prefix, null);
  assert.strictEqual(engine.parse("bien b", true).prefix.text, "b");
  assert.strictEqual(engine.parse("ĐV", true).prefix, null);  // a whole abbreviation is a word, not a prefix
  assert.deepStrictEqual(titles("bien b "), titles("bien b", { prefix: false }));
});

test("whole words rank first, and still work as before", () => {
  // "ban" is a word, and the start of "bảng": the entry with the word itself comes first, the other follows.
  const found = titles("ban");
  assert.ok(found.indexOf("Ban chấp hành đảng bộ") >= 0 && found.indexOf("Bảng kiểm buổi sinh hoạt") >= 0, found);
  assert.ok(found.indexOf("Ban chấp hành đảng bộ") < found.indexOf("Bảng kiểm buổi sinh hoạt"), found);
  for (const query of ["sinh hoat chi bo", "KL18", "18-KL/TW", "bien ban", "Ban chấp hành"]) {
    assert.strictEqual(titles(query)[0], titles(query, { prefix: false })[0], query);
  }
});

test("the word being typed right after the one before it outranks the two words apart", () => {
  const phrase = engineOf(buildIndex([
    ["Biên chế và bản đồ, biên giới, bản làng", "", "page", "a.html", ["*"], "Biên chế, bản đồ."],
    ["Họp chi bộ", "", "page", "b.html", ["*"], "Thư ký ghi biên bản."],
  ]));
  const found = phrase.search("bien b", { prefix: true }).results;
  assert.deepStrictEqual(found.map((r) => r.url), ["b.html", "a.html"]);
  assert.ok(found[0].score < found[1].score);  // by the phrase, not by the score
});

test("an entry scores by its best alternative: the typed word itself, not a completion it also has", () => {
  const both = engineOf(buildIndex([["Ban và bảng", "", "page", "a.html", ["*"], ""]]));
  assert.strictEqual(both.search("ban", { prefix: true }).results[0].score, both.search("ban").results[0].score);
});

test("completions are found by binary search, capped to the most frequent", () => {
  const terms = JSON.parse("{}");
  const words = [];
  for (let i = 0; i < 80; i++) {
    const word = "x" + String(i).padStart(2, "0");
    words.push(word);
    terms[word] = [0, 1].concat(Array(2 * i).fill(1));  // entries 0..i, as gaps and weights
  }
  terms.a = [0, 1];
  terms.y = [0, 1];
  terms["x05_y"] = [0, 1];  // a bigram is never a completion
  const big = engineOf({ analysis: data, kinds: {}, cells: {}, entries: Array(81).fill(["t", "", "page", "p.html", ["*"], ""]), terms });
  const found = big.completions("x");
  assert.strictEqual(found.length, 50);
  assert.deepStrictEqual(found, words.slice().reverse().slice(0, 50));  // the most frequent first
  assert.deepStrictEqual(big.completions("x0"), ["x09", "x08", "x07", "x06", "x05", "x04", "x03", "x02", "x01", "x00"]);
  assert.deepStrictEqual(big.completions("x79"), []);  // the word itself is not its own completion
  assert.deepStrictEqual(big.completions("z"), []);
});

test("hostile input never throws and never reaches outside the index", () => {
  const hostile = ["a".repeat(10000), "b".repeat(600), ".*", "b.*", "[bien b", "(ket lu", "b+", "\\", "$&", "^b",
    "__proto__", "__proto", "constructor", "cons", "hasOwnProperty", "toStr", "valueOf", "\u0000", "\ud800",
    "b".repeat(499) + " ", "bien " + "b".repeat(100000)];
  for (const query of hostile) {
    const found = engine.search(query, { prefix: true });
    assert.ok(Array.isArray(found.results), query.slice(0, 20));
  }
  assert.ok(engine.search("a".repeat(10000), { prefix: true }).notes.some((n) => n.includes("500 ký tự")));
  assert.deepStrictEqual(engine.search("__proto__", { prefix: true }).results, []);
  assert.deepStrictEqual(engine.search("constructor", { prefix: true }).results, []);
  assert.strictEqual(titles("[bien b")[0], "Biên bản họp chi bộ");  // signs are not words
  assert.strictEqual(titles("(ket lu")[0], "Kết luận 18-KL/TW về sinh hoạt chi bộ");
  // An index whose terms are named like Object's own properties.
  const odd = buildIndex([["proto constructor", "", "page", "p.html", ["*"], "tostring"]]);
  odd.terms = JSON.parse('{"__proto__": [0, 6], "constructor": [0, 6], "proto": [0, 6], "tostring": [0, 1]}');
  assert.ok(Object.prototype.hasOwnProperty.call(odd.terms, "__proto__"));  // the fixture holds such a term
  const oddEngine = engineOf(odd);
  assert.deepStrictEqual(oddEngine.completions("__"), []);  // no word of a query starts with "_"
  assert.deepStrictEqual(oddEngine.completions("cons"), ["constructor"]);
  assert.strictEqual(oddEngine.search("cons", { prefix: true }).results.length, 1);
  assert.strictEqual(oddEngine.search("pro", { prefix: true }).results.length, 1);
});

test("the suggestion list's snippet starts near the first mark and is short", () => {
  const long = [["Mở đầu dài dòng không liên quan gì đến điều người dùng đang tìm, kéo dài thêm nữa ", false],
    ["biên", true], [" ", false], ["bản", true], [" họp chi bộ" + " và nhiều chữ nữa".repeat(20), false]];
  const short = shortSnippet(long, 110);
  const text = short.map((p) => p[0]).join("");
  assert.ok(text.startsWith("…") && text.endsWith("…"), text);
  assert.ok(text.length <= 112, text.length);
  assert.deepStrictEqual(short.filter((p) => p[1]).map((p) => p[0]), ["biên", "bản"]);
  // Cut once, and never inside a marked word.
  const cut = shortSnippet([["một hai ba bốn năm sáu ", false], ["chín", true], [" ", false], ["mười", true],
    [" mười một", false]], 30);
  assert.deepStrictEqual(cut, [["một hai ba bốn năm sáu ", false], ["chín", true], [" ", false], ["…", false]]);
  assert.deepStrictEqual(shortSnippet([["ngắn", false]]), [["ngắn", false]]);
  assert.deepStrictEqual(shortSnippet([]), []);
});
