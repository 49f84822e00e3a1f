/* Sổ tay sinh hoạt chi bộ: filters for generated lists.
 * Works from file:// and offline: no request, no dependency.
 * A container [data-sotay-filter] holds selects [data-sotay-facet=KEY] and rows
 * carrying data-KEY attributes. Empty selection means "all". The state lives in
 * the URL query, so a filtered view can be shared or bookmarked. */
(function () {
  "use strict";

  function readState(form) {
    var state = {};
    form.querySelectorAll("[data-sotay-facet]").forEach(function (select) {
      state[select.dataset.sotayFacet] = select.value;
    });
    return state;
  }

  function matches(row, state) {
    return Object.keys(state).every(function (key) {
      return !state[key] || row.dataset[key] === state[key];
    });
  }

  function apply(container, form, writeUrl) {
    var state = readState(form);
    var rows = container.querySelectorAll("tbody tr, [data-sotay-item]");
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row, state);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var count = form.querySelector(".sotay-filter-count");
    if (count) { count.textContent = "Đang hiện " + shown + "/" + rows.length; }
    var empty = container.querySelector(".sotay-filter-empty");
    if (empty) { empty.hidden = shown !== 0; }
    if (writeUrl && window.history && window.history.replaceState) {
      var params = new URLSearchParams(window.location.search);
      Object.keys(state).forEach(function (key) {
        if (state[key]) { params.set(key, state[key]); } else { params.delete(key); }
      });
      var query = params.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      } catch (e) { /* some browsers refuse replaceState on file://; the filter still works */ }
    }
  }

  function init(container) {
    var form = container.querySelector("form");
    if (!form || form.dataset.sotayReady) { return; }
    form.dataset.sotayReady = "1";
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("[data-sotay-facet]").forEach(function (select) {
      var wanted = params.get(select.dataset.sotayFacet);
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
      select.addEventListener("change", function () { apply(container, form, true); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(container, form, false);
  }

  function initAll() {
    document.querySelectorAll("[data-sotay-filter]").forEach(init);
  }

  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
