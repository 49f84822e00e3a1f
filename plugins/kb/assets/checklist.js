// @ts-check
/* Sổ tay sinh hoạt chi bộ: checklists. Ticks are kept in this browser (localStorage), from http or
 * file://, keyed by checklist id and item id: an edition that adds or removes an item keeps every
 * other tick. "Bắt đầu lần mới" and "Xóa dấu lần này" clear the ticks and offer "Hoàn tác", which
 * puts back exactly what was there, in the page and in storage. What storage holds is read as
 * untrusted: only known item ids, only `true`, a run that is a positive integer.
 * The pure part (state, counting, messages) is exported under node for `node --test`. */

/** @typedef {{ run: number, ticked: Object<string, boolean> }} ChecklistState */

(/** @param {any} root @param {(shared: SotayShared) => any} factory */ function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var api = factory(node ? require("./sotay.js") : root.sotay);
  if (node) { module.exports = api; } else { root.sotay.onPage(function () { api.init(root.document); }); }
})(typeof self !== "undefined" ? self : globalThis, function (shared) {
  "use strict";

  // Item ids are slugs (sotay/schema.py SLUG): the same pattern here.
  var PREFIX = "sotay.checklist.", ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  var isRecord = shared.isRecord, own = shared.own;

  /** A clean state from whatever storage held: unknown ids, non-`true` values and a bad run are dropped.
   * @param {any} raw @param {string[]} ids the item ids on the page @returns {ChecklistState} */
  function cleanState(raw, ids) {
    /** @type {ChecklistState} */
    var state = { run: 1, ticked: {} };
    if (!isRecord(raw)) { return state; }
    if (Number.isSafeInteger(raw.run) && raw.run >= 1) { state.run = raw.run; }
    if (isRecord(raw.ticked)) {
      ids.forEach(function (id) {
        if (ITEM_ID.test(id) && own(raw.ticked, id) && raw.ticked[id] === true) { state.ticked[id] = true; }
      });
    }
    return state;
  }

  /** The state this browser keeps for a checklist, cleaned; a fresh state for anything else, never an error.
   * @param {string} checklist the checklist's id @param {string[]} ids the item ids on the page @returns {ChecklistState} */
  function loadState(checklist, ids) {
    return shared.load(PREFIX + checklist, cleanState(null, ids), function (raw) { return cleanState(raw, ids); });
  }

  /** An independent copy (the undo snapshot). @param {ChecklistState} state @returns {ChecklistState} */
  function copyState(state) { return { run: state.run, ticked: Object.assign({}, state.ticked) }; }

  /** @param {ChecklistState} state @param {string} id @param {boolean} on @returns {ChecklistState} */
  function tick(state, id, on) {
    var next = copyState(state);
    if (on && ITEM_ID.test(id)) { next.ticked[id] = true; } else { delete next.ticked[id]; }
    return next;
  }

  /** @param {ChecklistState} state @returns {number} */
  function ticks(state) { return Object.keys(state.ticked).length; }

  /** The ticks of this run cleared. @param {ChecklistState} state @returns {ChecklistState} */
  function clearRun(state) { return { run: state.run, ticked: {} }; }

  /** The next meeting's run, with no ticks. @param {ChecklistState} state @returns {ChecklistState} */
  function newRun(state) { return { run: Math.min(state.run + 1, Number.MAX_SAFE_INTEGER), ticked: {} }; }

  /** What the status line says after an action ("reset", "new-run" or "undo") turned `before` into `after`.
   * @param {string} action @param {ChecklistState} before @param {ChecklistState} after @returns {string} */
  function message(action, before, after) {
    var n = ticks(before);
    if (action === "reset") {
      return n ? "Đã xóa " + n + " dấu của lần " + before.run + "." : "Lần " + before.run + " chưa có dấu nào để xóa.";
    }
    if (action === "new-run") {
      return "Đã bắt đầu lần " + after.run + (n ? "; đã xóa " + n + " dấu của lần " + before.run : "") + ".";
    }
    return "Đã hoàn tác: trở lại lần " + after.run + " với " + ticks(after) + " dấu.";
  }

  /** @param {HTMLElement} root the element carrying data-sotay-checklist */
  function init(root) {
    if (root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var store = shared, key = PREFIX + root.dataset.sotayChecklist;
    /** @type {HTMLInputElement[]} */
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[data-item]"));
    var ids = boxes.map(function (box) { return box.dataset.item; });
    var state = loadState(root.dataset.sotayChecklist, ids);
    /** @type {ChecklistState | null} */
    var undo = null;
    var undoButton = /** @type {HTMLButtonElement} */ (root.querySelector("[data-action=undo]"));
    var lastAction = /** @type {HTMLElement | null} */ (null);
    var save = store.keeper(key, root.querySelector(".sotay-storage-warning"),
      "Trình duyệt này không cho lưu dấu trên máy; dấu chỉ còn đến khi đóng trang.");
    var say = store.announcer(root.querySelector(".sotay-status"), undoButton);

    function keep() { save(state); }

    function show() {
      boxes.forEach(function (box) { box.checked = state.ticked[box.dataset.item] === true; });
      var done = 0;
      root.querySelectorAll(".sotay-phase").forEach(function (phase) {
        var inPhase = phase.querySelectorAll("input[data-item]"), ticked = 0;
        inPhase.forEach(function (box) { if (/** @type {HTMLInputElement} */ (box).checked) { ticked += 1; } });
        phase.querySelector(".sotay-phase-progress").textContent = "Đã xong " + ticked + "/" + inPhase.length;
        done += ticked;
      });
      root.querySelector(".sotay-checklist-total").textContent =
        "Lần " + state.run + ": đã xong " + done + "/" + boxes.length + " việc";
    }

    /** @param {string} action @param {ChecklistState} next @param {HTMLElement} button */
    function replace(action, next, button) {
      var before = state;
      state = next;
      keep();
      show();
      var changed = action === "new-run" || ticks(before) > 0;
      undo = changed ? copyState(before) : null;
      lastAction = button;
      say(message(action, before, next), changed);
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        state = tick(state, box.dataset.item, box.checked);
        keep();
        show();
        if (undo) { undo = null; say("", false); }  // a new tick: the cleared ticks are no longer the way back
      });
    });
    root.querySelector("[data-action=new-run]").addEventListener("click", function (event) {
      replace("new-run", newRun(state), /** @type {HTMLElement} */ (event.currentTarget));
    });
    root.querySelector("[data-action=reset]").addEventListener("click", function (event) {
      replace("reset", clearRun(state), /** @type {HTMLElement} */ (event.currentTarget));
    });
    undoButton.addEventListener("click", function () {
      if (!undo) { return; }
      var before = state;
      state = undo;
      undo = null;
      keep();
      show();
      say(message("undo", before, state), false);
      if (lastAction) { lastAction.focus(); }  // the undo button hides: focus goes back where the user was
    });
    /** @type {HTMLElement} */ (root.querySelector(".sotay-checklist-tools")).hidden = false;
    show();
  }

  /** @param {Document} doc */
  function initAll(doc) {
    doc.querySelectorAll("[data-sotay-checklist]").forEach(function (el) { init(/** @type {HTMLElement} */ (el)); });
  }

  return { PREFIX: PREFIX, cleanState: cleanState, loadState: loadState, copyState: copyState, tick: tick, ticks: ticks, clearRun: clearRun,
    newRun: newRun, message: message, init: initAll };
});
