/* Sổ tay sinh hoạt chi bộ: filters for generated lists (documents, topics). Needs sotay.js.
 * A container [data-sotay-filter] holds facets [data-sotay-facet=KEY]: a <select> (one value) or a
 * fieldset of checkboxes [data-sotay-multi] (several values: OR within the facet). Items carry
 * data-KEY, a space-separated list. An item shows when every facet matches (AND across facets).
 * [data-sotay-count="KEY:VALUE"] shows how many items that option would give with the other facets
 * as they are. The state lives in the URL query (?cell=thon,co-quan), so a view can be shared. */
(function () {
  "use strict";

  function facets(form) {
    return Array.prototype.map.call(form.querySelectorAll("[data-sotay-facet]"), function (el) {
      return { key: el.dataset.sotayFacet, el: el, multi: el.hasAttribute("data-sotay-multi") };
    });
  }

  function selected(facet) {
    if (!facet.multi) { return facet.el.value ? [facet.el.value] : []; }
    return Array.prototype.filter.call(facet.el.querySelectorAll("input[type=checkbox]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  function values(item, key) { return (item.dataset[key] || "").split(" ").filter(Boolean); }

  function fits(item, key, wanted) {
    if (!wanted.length) { return true; }
    var have = values(item, key);
    return wanted.some(function (v) { return have.indexOf(v) >= 0; });
  }

  function fitsAll(item, state, except) {
    return Object.keys(state).every(function (key) { return key === except || fits(item, key, state[key]); });
  }

  function apply(container, form, writeUrl) {
    var list = facets(form), state = {};
    list.forEach(function (f) { state[f.key] = selected(f); });
    var items = Array.prototype.slice.call(container.querySelectorAll("tbody tr, [data-sotay-item]"));
    var shown = 0;
    items.forEach(function (item) {
      var ok = fitsAll(item, state, null);
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    form.querySelectorAll("[data-sotay-count]").forEach(function (span) {
      var parts = span.dataset.sotayCount.split(":"), key = parts[0], value = parts.slice(1).join(":");
      var n = items.filter(function (item) {
        return fitsAll(item, state, key) && values(item, key).indexOf(value) >= 0;
      }).length;
      span.textContent = "(" + n + ")";
    });
    var count = form.querySelector(".sotay-filter-count");
    if (count) { count.textContent = "Đang hiện " + shown + "/" + items.length; }
    var empty = container.querySelector(".sotay-filter-empty");
    if (empty) { empty.hidden = shown !== 0; }
    if (writeUrl && window.history && window.history.replaceState) {
      var params = new URLSearchParams(window.location.search);
      list.forEach(function (f) {
        if (state[f.key].length) { params.set(f.key, state[f.key].join(",")); } else { params.delete(f.key); }
      });
      var query = params.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      } catch (e) { /* some browsers refuse replaceState on file://; the filter still works */ }
    }
  }

  function restore(form) {
    var params = new URLSearchParams(window.location.search);
    facets(form).forEach(function (f) {
      var wanted = (params.get(f.key) || "").split(",").filter(Boolean);
      if (f.multi) {
        f.el.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
        var fold = f.el.closest("details");
        if (fold && wanted.length) { fold.open = true; }  // a shared view shows what it filters by
      } else if (wanted.length && Array.prototype.some.call(f.el.options, function (o) { return o.value === wanted[0]; })) {
        f.el.value = wanted[0];
      }
    });
  }

  function init(container) {
    var form = container.querySelector("form");
    if (!form || form.dataset.sotayReady) { return; }
    form.dataset.sotayReady = "1";
    restore(form);
    form.addEventListener("change", function () { apply(container, form, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(container, form, false);
  }

  function initAll() {
    document.querySelectorAll("[data-sotay-filter]").forEach(init);
  }

  window.sotay.onPage(initAll);
})();
