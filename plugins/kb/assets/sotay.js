// @ts-check
/* Sổ tay sinh hoạt chi bộ: what the site's scripts share (storage in this browser, the remembered
 * cell type, set-up on each page, print buttons, the annual plan's rules read by the planner and the home
 * page). Loaded first on every page that has a script of the site; the others get it as `shared` (under
 * node, by require). Works from file:// and offline: no request, no dependency. */
(/** @param {any} root @param {(root: any) => SotayShared} factory */ function (root, factory) {
  "use strict";
  var api = factory(root);
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.sotay = Object.assign(root.sotay || {}, api); }
})(typeof self !== "undefined" ? self : globalThis, function (root) {
  "use strict";

  var CELL_KEY = "sotay.cell", PLAN_PREFIX = "sotay.plan.", ID = /^[a-z0-9][a-z0-9-]{0,59}$/,
    INDEX = /^(0|[1-9][0-9]{0,3})$/;
  // What the site keeps in storage is small (a few kB at most); anything longer was not written by it.
  var MAX_STORED = 100000, FORBIDDEN = ["__proto__", "constructor", "prototype"];

  /** Is this a plain object (not null, not an array)? What storage gives back is checked with it.
   * @param {any} value @returns {boolean} */
  function isRecord(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  /** Does the object have this key of its own (never one of Object's, such as "__proto__")?
   * @param {any} object @param {string} key @returns {boolean} */
  function own(object, key) { return isRecord(object) && Object.prototype.hasOwnProperty.call(object, key); }

  /* ---- The annual plan, as the planner page and the home page read it. The data: {plans: {"cell:year":
   * [{month, kind, topic, title}]}, topics: {id: {title, url, meeting, cells, months}}}. ---- */

  /** The plan's key, in the data and in storage (storageKey). @param {string} cell @param {number|string} year */
  function planKey(cell, year) { return cell + ":" + year; }

  /** Where this browser keeps the planner's changes to a plan. @param {string} cell @param {number|string} year */
  function planStorageKey(cell, year) { return PLAN_PREFIX + planKey(cell, year); }

  /** The meetings of a plan ([] for a plan the data does not have).
   * @param {any} data @param {string} cell @param {number|string} year @returns {any[]} */
  function meetingsOf(data, cell, year) {
    var key = planKey(cell, year);
    return own(data.plans, key) && Array.isArray(data.plans[key]) ? data.plans[key] : [];
  }

  /** Topics that may take a meeting's place: its kind, this cell type, and its month if the topic names months;
   * in Vietnamese order of their titles. @param {any} data @param {string} cell @param {any} meeting @returns {string[]} */
  function candidates(data, cell, meeting) {
    return Object.keys(data.topics).filter(function (id) {
      var t = data.topics[id];
      return t.meeting === meeting.kind && t.cells.indexOf(cell) >= 0 &&
        (!t.months.length || t.months.indexOf(meeting.month) >= 0);
    }).sort(function (a, b) { return data.topics[a].title.localeCompare(data.topics[b].title, "vi"); });
  }

  /** The planner's changes kept in storage, trusted only where they make sense: own keys that are the index of a
   * meeting, values "" (the cell chooses) or a topic that may take that meeting's place. Anything else is dropped.
   * @param {any} raw @param {any} data @param {string} cell @param {number|string} year @returns {Object<string, string>} */
  function cleanChanges(raw, data, cell, year) {
    /** @type {Object<string, string>} */
    var clean = {};
    var meetings = meetingsOf(data, cell, year);
    if (!isRecord(raw)) { return clean; }
    Object.keys(raw).forEach(function (key) {
      if (!INDEX.test(key) || Number(key) >= meetings.length) { return; }
      var value = raw[key];
      if (value === "" || (typeof value === "string" && candidates(data, cell, meetings[Number(key)]).indexOf(value) >= 0)) {
        clean[key] = value;
      }
    });
    return clean;
  }

  /** The planner's changes to a plan as this browser keeps them, cleaned (cleanChanges); {} for anything else.
   * @param {any} data @param {string} cell @param {number|string} year @returns {Object<string, string>} */
  function storedChanges(data, cell, year) {
    return load(planStorageKey(cell, year), {}, function (raw) { return cleanChanges(raw, data, cell, year); });
  }

  /** Parse what storage holds, dropping every key named like a property of Object's prototype chain
   * ("__proto__", "constructor", "prototype") wherever it sits: no later read can take one for the site's own.
   * @param {string} text @returns {any} */
  function parse(text) {
    return JSON.parse(text, function (name, value) { return FORBIDDEN.indexOf(name) >= 0 ? undefined : value; });
  }

  /** Read a value kept in this browser, as JSON, and pass it through `clean` (what the page trusts of it).
   * Missing, unreadable, oversized, or anything `clean` throws on: the fallback, and nothing is thrown.
   * Without `clean` the parsed value comes back as it is: the caller checks it.
   * @param {string} key @param {any} fallback @param {(raw: any) => any} [clean] @returns {any} */
  function load(key, fallback, clean) {
    try {
      var raw = root.localStorage.getItem(key);
      if (typeof raw !== "string" || raw.length > MAX_STORED) { return fallback; }
      var value = parse(raw);
      return clean ? clean(value) : value;
    } catch (e) { return fallback; }
  }

  /** Keep a JSON value in this browser; false when the browser refuses (private mode, full, file:// quirks).
   * @param {string} key @param {any} value @returns {boolean} */
  function save(key, value) {
    try { root.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  /** The cell type this browser remembers, if it is one of `known` (ids); "" otherwise.
   * @param {string[]} [known] @returns {string} */
  function cell(known) {
    return load(CELL_KEY, "", function (value) {
      if (typeof value !== "string" || !ID.test(value)) { return ""; }
      return !known || known.indexOf(value) >= 0 ? value : "";
    });
  }

  /** Remember the cell type (an id), or forget it with "".
   * @param {string} value @returns {boolean} */
  function setCell(value) {
    if (!value) {
      try { root.localStorage.removeItem(CELL_KEY); return true; } catch (e) { return false; }
    }
    return ID.test(value) && save(CELL_KEY, value);
  }

  /** A saver for one key: the first time the browser refuses to keep the value, `warning` is written into
   * `where`, so the reader knows the page will forget on closing.
   * @param {string} key @param {Element | null} where @param {string} warning @returns {(value: any) => void} */
  function keeper(key, where, warning) {
    var warned = false;
    return function (value) {
      if (!save(key, value) && !warned) {
        warned = true;
        if (where) { where.textContent = warning; }
      }
    };
  }

  /** A status line that says what just happened, with its "Hoàn tác" button shown only when undo is possible.
   * @param {Element} status @param {HTMLElement} undoButton @returns {(text: string, canUndo: boolean) => void} */
  function announcer(status, undoButton) {
    return function (text, canUndo) {
      status.textContent = text;
      undoButton.hidden = !canUndo;
    };
  }

  /** Run a page's set-up on each page: Material's instant navigation swaps pages without a reload.
   * @param {() => void} init */
  function onPage(init) {
    var doc = root.document, swaps = /** @type {any} */ (root).document$;
    if (swaps && swaps.subscribe) { swaps.subscribe(init); }
    else if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", init); }
    else { init(); }
  }

  if (root.document) {
    root.document.addEventListener("click", function (event) {
      if (event.target instanceof Element && event.target.closest("[data-action=print]")) { root.print(); }
    });
  }

  return { load: load, save: save, cell: cell, setCell: setCell, keeper: keeper, announcer: announcer, onPage: onPage,
    isRecord: isRecord, own: own, planKey: planKey, planStorageKey: planStorageKey, meetingsOf: meetingsOf,
    candidates: candidates, cleanChanges: cleanChanges, storedChanges: storedChanges };
});
