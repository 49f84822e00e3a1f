// @ts-check
/* Sổ tay sinh hoạt chi bộ: filters for generated lists (documents, topics). Needs sotay.js.
 * A container [data-sotay-filter] holds facets [data-sotay-facet=KEY]: a <select> (one value) or a
 * fieldset of checkboxes [data-sotay-multi] (several values: OR within the facet). Items carry
 * data-KEY, a space-separated list. An item shows when every facet matches (AND across facets).
 * A facet marked [data-sotay-any] lets an item with no value for it match any choice (a topic that
 * names no month fits every month), and the count line says how many came in that way.
 * [data-sotay-count="KEY:VALUE"] shows how many items that option would give with the other facets
 * as they are. The state lives in the URL query (?cell=thon,co-quan), so a view can be shared; with no
 * query, a facet marked [data-sotay-default=cell] takes the cell type this browser remembers and one
 * marked [data-sotay-default=month] takes this month; "?tat-ca=1" is the list with no filter, defaults aside. */
(/** @param {any} root @param {(shared: SotayShared) => any} factory */ function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var api = factory(node ? require("./sotay.js") : root.sotay);
  if (node) { module.exports = api; } else { root.sotay.onPage(function () { api.init(root.document); }); }
})(typeof self !== "undefined" ? self : globalThis, function (shared) {
  "use strict";

  var ALL = "tat-ca";  // in the address: the reader chose no filter at all, so no default is applied

  /** @typedef {{key: string, el: HTMLElement, multi: boolean, any: boolean}} Facet */
  /** @typedef {{[key: string]: string[]}} State */

  /** @param {string | undefined} text @returns {string[]} */
  function words(text) { return (text || "").split(" ").filter(Boolean); }

  /** Does an item with these values for a facet fit the wanted ones?
   * @param {string[]} have @param {string[]} wanted @param {boolean} any */
  function fits(have, wanted, any) {
    if (!wanted.length || (any && !have.length)) { return true; }
    return wanted.some(function (v) { return have.indexOf(v) >= 0; });
  }

  /** Does an item fit every facet but `except`?
   * @param {(key: string) => string[]} valuesOf @param {State} state @param {{[key: string]: boolean}} anyKeys
   * @param {string | null} except */
  function fitsAll(valuesOf, state, anyKeys, except) {
    return Object.keys(state).every(function (key) {
      return key === except || fits(valuesOf(key), state[key], !!anyKeys[key]);
    });
  }

  /** The count line: how many show, and how many of them only because they fit any value of a facet.
   * @param {number} shown @param {number} total @param {number} viaAny @param {string} anyWords */
  function countLine(shown, total, viaAny, anyWords) {
    var line = "Đang hiện " + shown + "/" + total;
    if (viaAny) { line += " (gồm " + viaAny + " " + anyWords + ")"; }
    return line;
  }

  /** The URL's state: only values that the facet offers are taken.
   * @param {string} search @param {{[key: string]: string[]}} offered @returns {State} */
  function fromQuery(search, offered) {
    var params = new URLSearchParams(search), state = /** @type {State} */ ({});
    Object.keys(offered).forEach(function (key) {
      state[key] = (params.get(key) || "").split(",").filter(function (v) { return offered[key].indexOf(v) >= 0; });
    });
    return state;
  }

  /* ---- The page ---- */

  /** @param {HTMLFormElement} form @returns {Facet[]} */
  function facets(form) {
    return Array.prototype.map.call(form.querySelectorAll("[data-sotay-facet]"), function (/** @type {HTMLElement} */ el) {
      return { key: el.dataset.sotayFacet, el: el, multi: el.hasAttribute("data-sotay-multi"), any: el.hasAttribute("data-sotay-any") };
    });
  }

  /** @param {Facet} facet @returns {HTMLInputElement[]} */
  function boxes(facet) { return Array.prototype.slice.call(facet.el.querySelectorAll("input[type=checkbox]")); }

  /** @param {Facet} facet @returns {string[]} */
  function offered(facet) {
    if (facet.multi) { return boxes(facet).map(function (b) { return b.value; }); }
    return Array.prototype.map.call(/** @type {HTMLSelectElement} */ (facet.el).options, function (/** @type {HTMLOptionElement} */ o) { return o.value; })
      .filter(Boolean);
  }

  /** @param {Facet} facet @returns {string[]} */
  function selected(facet) {
    if (!facet.multi) { var v = /** @type {HTMLSelectElement} */ (facet.el).value; return v ? [v] : []; }
    return boxes(facet).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  /** What a facet has chosen, in words ("Chi bộ thôn, bản, Tháng 12"), without the counts.
   * @param {Facet} facet */
  function chosenLabels(facet) {
    if (!facet.multi) {
      var select = /** @type {HTMLSelectElement} */ (facet.el);
      return select.value && select.selectedOptions[0] ? select.selectedOptions[0].textContent || "" : "";
    }
    return boxes(facet).filter(function (b) { return b.checked; }).map(function (b) {
      var label = b.closest("label"), count = label && label.querySelector(".sotay-count");
      return label ? (label.textContent || "").replace(count ? count.textContent || "" : "", "").trim() : b.value;
    }).join(", ");
  }

  /** @param {Facet} facet @param {string[]} wanted */
  function choose(facet, wanted) {
    if (facet.multi) { boxes(facet).forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; }); }
    else { /** @type {HTMLSelectElement} */ (facet.el).value = wanted[0] || ""; }
  }

  /** @param {HTMLElement} container @param {HTMLFormElement} form @param {boolean} writeUrl */
  function apply(container, form, writeUrl) {
    var list = facets(form), state = /** @type {State} */ ({}), anyKeys = /** @type {{[key: string]: boolean}} */ ({});
    list.forEach(function (f) { state[f.key] = selected(f); anyKeys[f.key] = f.any; });
    /** @type {HTMLElement[]} */
    var items = Array.prototype.slice.call(container.querySelectorAll("tbody tr, [data-sotay-item]"));
    var shown = 0, viaAny = 0;
    items.forEach(function (item) {
      /** @param {string} key */
      var valuesOf = function (key) { return words(item.dataset[key]); };
      var ok = fitsAll(valuesOf, state, anyKeys, null);
      item.hidden = !ok;
      if (!ok) { return; }
      shown += 1;
      if (list.some(function (f) { return f.any && state[f.key].length && !valuesOf(f.key).length; })) { viaAny += 1; }
    });
    form.querySelectorAll("[data-sotay-count]").forEach(function (/** @type {HTMLElement} */ span) {
      var parts = (span.dataset.sotayCount || "").split(":"), key = parts[0], value = parts.slice(1).join(":");
      var n = items.filter(function (item) {
        /** @param {string} k */
        var valuesOf = function (k) { return words(item.dataset[k]); };
        return fitsAll(valuesOf, state, anyKeys, key) && fits(valuesOf(key), [value], !!anyKeys[key]);
      }).length;
      span.textContent = "(" + n + ")";
    });
    var count = form.querySelector(".sotay-filter-count");
    if (count) { count.textContent = countLine(shown, items.length, viaAny, form.dataset.sotayAnyWords || ""); }
    var chosen = list.reduce(function (n, f) { return n + state[f.key].length; }, 0);
    var badge = form.querySelector(".sotay-filter-chosen");
    if (badge) { badge.textContent = chosen ? ": " + list.map(chosenLabels).filter(Boolean).join(" · ") : ""; }
    var clear = /** @type {HTMLButtonElement | null} */ (form.querySelector("[data-action=clear-filters]"));
    if (clear) { clear.hidden = !chosen; }
    var empty = /** @type {HTMLElement | null} */ (container.querySelector(".sotay-filter-empty"));
    if (empty) { empty.hidden = shown !== 0; }
    if (writeUrl) { writeQuery(list, state); }
  }

  /** @param {Facet[]} list @param {State} state */
  function writeQuery(list, state) {
    var params = new URLSearchParams(window.location.search);
    list.forEach(function (f) {
      if (state[f.key].length) { params.set(f.key, state[f.key].join(",")); } else { params.delete(f.key); }
    });
    // "Everything", chosen here, stays chosen: with no filter in the address the defaults would come back.
    var defaulted = list.some(function (f) { return f.el.hasAttribute("data-sotay-default"); });
    var none = list.every(function (f) { return !state[f.key].length; });
    if (defaulted && none) { params.set(ALL, "1"); } else { params.delete(ALL); }
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (e) { /* some browsers refuse replaceState on file://; the filter still works */ }
  }

  /** @param {Facet} facet @returns {string[]} */
  function defaults(facet) {
    var kind = facet.el.getAttribute("data-sotay-default");
    if (kind === "cell") { var cell = shared.cell(offered(facet)); return cell ? [cell] : []; }
    if (kind === "month") { return [String(new Date().getMonth() + 1)]; }
    return [];
  }

  /** @param {HTMLFormElement} form */
  function restore(form) {
    var list = facets(form), offers = /** @type {{[key: string]: string[]}} */ ({});
    list.forEach(function (f) { offers[f.key] = offered(f); });
    var state = fromQuery(window.location.search, offers);
    var fromUrl = list.some(function (f) { return state[f.key].length; }) ||
      new URLSearchParams(window.location.search).has(ALL);
    list.forEach(function (f) {
      var wanted = fromUrl ? state[f.key] : defaults(f);
      choose(f, wanted);
      var fold = f.el.closest("details.sotay-facet-fold");
      if (fold && wanted.length) { /** @type {HTMLDetailsElement} */ (fold).open = true; }  // a shared view shows what it filters by
    });
  }

  /** @param {HTMLElement} container */
  function init(container) {
    var form = container.querySelector("form");
    if (!form || form.dataset.sotayReady) { return; }
    form.dataset.sotayReady = "1";
    restore(form);
    var fold = /** @type {HTMLDetailsElement | null} */ (form.querySelector("details.sotay-filter-fold"));
    if (fold && window.matchMedia && window.matchMedia("(min-width: 60em)").matches) { fold.open = true; }  // folded on phones
    form.addEventListener("change", function (event) {
      var target = /** @type {HTMLInputElement} */ (event.target);
      if (target.name === "cell" && target.closest("[data-sotay-default=cell]")) {
        var cells = facets(form).filter(function (f) { return f.key === "cell"; }).map(selected)[0] || [];
        if (cells.length === 1) { shared.setCell(cells[0]); }  // the choice made here is remembered too
      }
      apply(container, form, true);
    });
    form.addEventListener("click", function (event) {
      if (event.target instanceof Element && event.target.closest("[data-action=clear-filters]")) {
        facets(form).forEach(function (f) { choose(f, []); });
        apply(container, form, true);
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(container, form, false);
  }

  return {
    fits: fits, fitsAll: fitsAll, countLine: countLine, fromQuery: fromQuery,
    /** @param {Document} doc */
    init: function (doc) { doc.querySelectorAll("[data-sotay-filter]").forEach(init); }
  };
});
