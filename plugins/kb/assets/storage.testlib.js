/* For the node tests of the site's scripts (*.test.js), never shipped (sotay/page_scripts.py lists what is):
 * a stand-in for the browser's localStorage, and what storage may hold that the site never wrote there. */
"use strict";

/** Text no loader may trust: wrong shapes, invalid JSON, keys named like Object's own, ids as numbers,
 * strings where arrays or objects belong, deep nesting and more than the site ever writes. */
const GARBAGE = [
  "5", "-1", "1e999", "true", "null", '""', '"chuỗi"', "[]", "[1, 2]", '["thon"]', "{}", '{"ticked": null}',
  '{"ticked": []}', '{"ticked": "chi-uy-hop"}', '{"ticked": 5}', '{"answers": "mot", "fields": "cell"}',
  '{"answers": [1], "fields": ["x"]}', '{"run": "4", "ticked": {"chi-uy-hop": "true"}}',
  '{"0":"__proto__"}', '{"0":"constructor","1":"prototype","2":"toString","3":"hasOwnProperty"}',
  '{"__proto__": {"x": 1}}', '{"__proto__": {"ticked": {"chi-uy-hop": true}, "0": "bac"}}',
  '{"constructor": {"prototype": {"x": 1}}}', '{"prototype": {"x": 1}}',
  '{"ticked": {"__proto__": {"chi-uy-hop": true}}}', '{"answers": {"__proto__": {"mot": 1}}}',
  '{"1": true, "2": 1, "0": 0}', '{"ticked": {"1": true}}', '{"answers": {"1": 1}}', '{"0": 7, "1": null, "2": ["bac"]}',
  '{"0": {"x": 1}, "1": [["bac"]]}', "[[[[[[[[[[]]]]]]]]]]", "[".repeat(5000) + "]".repeat(5000),
  "[".repeat(200000) + "]".repeat(200000), JSON.stringify("x".repeat(1 << 20)),
  JSON.stringify({ ticked: Object.fromEntries(Array.from({ length: 20000 }, (_, i) => ["muc-" + i, true])) }),
  "{không phải JSON", "{", "", "undefined", "NaN", "'thon'", "\u0000",
];

/** Put a stand-in localStorage on globalThis (where the scripts look for it, as `self` in a browser).
 * `refuse` makes it throw on writes, as a full or private-mode browser does. */
function fakeStorage() {
  const stored = new Map();
  const storage = {
    stored,
    refuse: false,
    getItem: (key) => (stored.has(key) ? stored.get(key) : null),
    setItem: (key, value) => {
      if (storage.refuse) { throw new Error("QuotaExceededError"); }
      stored.set(key, String(value));
    },
    removeItem: (key) => { stored.delete(key); },
  };
  globalThis.localStorage = storage;
  return storage;
}

/** Nothing reached Object's prototype (what a loader that let "__proto__" through could do). */
function prototypeIntact() {
  const probe = {};
  return probe.x === undefined && probe.ticked === undefined && probe["0"] === undefined && probe.mot === undefined &&
    Object.keys(Object.prototype).length === 0;
}

module.exports = { GARBAGE, fakeStorage, prototypeIntact };
