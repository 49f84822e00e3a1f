/* Sổ tay sinh hoạt chi bộ: checklists. Ticks are kept in this browser (localStorage), from http or
 * file://, keyed by checklist id and item id: an edition that adds or removes an item keeps every
 * other tick. "Bắt đầu lần mới" clears the ticks for the next meeting. */
(function () {
  "use strict";

  function key(id) { return "sotay.checklist." + id; }

  function load(id) {
    try { return JSON.parse(window.localStorage.getItem(key(id)) || "null") || { run: 1, ticked: {} }; }
    catch (e) { return { run: 1, ticked: {} }; }
  }

  function save(id, state) {
    try { window.localStorage.setItem(key(id), JSON.stringify(state)); } catch (e) { /* private mode: ticks stay on the page */ }
  }

  function progress(root, state) {
    var boxes = root.querySelectorAll("input[data-item]"), done = 0;
    root.querySelectorAll(".sotay-phase").forEach(function (phase) {
      var own = phase.querySelectorAll("input[data-item]"), ticked = 0;
      own.forEach(function (box) { if (box.checked) { ticked += 1; } });
      phase.querySelector(".sotay-phase-progress").textContent = "Đã xong " + ticked + "/" + own.length;
      done += ticked;
    });
    root.querySelector(".sotay-checklist-total").textContent =
      "Lần " + state.run + ": đã xong " + done + "/" + boxes.length + " việc";
  }

  function init(root) {
    if (root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var id = root.dataset.sotayChecklist, state = load(id);
    root.querySelectorAll("input[data-item]").forEach(function (box) {
      box.checked = state.ticked[box.dataset.item] === true;
      box.addEventListener("change", function () {
        if (box.checked) { state.ticked[box.dataset.item] = true; } else { delete state.ticked[box.dataset.item]; }
        save(id, state);
        progress(root, state);
      });
    });
    root.querySelector("[data-action=new-run]").addEventListener("click", function () {
      state = { run: state.run + 1, ticked: {} };
      save(id, state);
      root.querySelectorAll("input[data-item]").forEach(function (box) { box.checked = false; });
      progress(root, state);
    });
    root.querySelector("[data-action=reset]").addEventListener("click", function () {
      state = { run: state.run, ticked: {} };
      save(id, state);
      root.querySelectorAll("input[data-item]").forEach(function (box) { box.checked = false; });
      progress(root, state);
    });
    root.querySelector(".sotay-checklist-tools").hidden = false;
    progress(root, state);
  }

  function initAll() { document.querySelectorAll("[data-sotay-checklist]").forEach(init); }

  window.sotay.onPage(initAll);
})();
