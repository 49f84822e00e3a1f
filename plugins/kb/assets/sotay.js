// @ts-check
/* Sổ tay sinh hoạt chi bộ: what the site's scripts share (storage in this browser, the remembered
 * cell type, set-up on each page, print buttons). Loaded first on every page that has a script of the site.
 * Works from file:// and offline: no request, no dependency. */
(/** @param {any} root @param {(root: any) => SotayShared} factory */ function (root, factory) {
  "use strict";
  var api = factory(root);
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.sotay = Object.assign(root.sotay || {}, api); }
})(typeof self !== "undefined" ? self : globalThis, function (root) {
  "use strict";

  var CELL_KEY = "sotay.cell", ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

  /** Read a JSON value kept in this browser; anything unreadable or missing gives the fallback.
   * @param {string} key @param {any} fallback @returns {any} */
  function load(key, fallback) {
    try {
      var raw = root.localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
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
    var value = load(CELL_KEY, "");
    if (typeof value !== "string" || !ID.test(value)) { return ""; }
    return !known || known.indexOf(value) >= 0 ? value : "";
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

  return { load: load, save: save, cell: cell, setCell: setCell, keeper: keeper, announcer: announcer, onPage: onPage };
});
