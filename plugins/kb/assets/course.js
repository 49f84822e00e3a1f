// @ts-check
/* Sổ tay sinh hoạt chi bộ: a course's printable page. Two choices decide what prints: the summary
 * level (key points and document facts only) and the trainer's copy (quiz answers shown). Without
 * JavaScript the page prints in full and the answers stay folded. Needs sotay.js. */
(/** @param {any} root @param {(shared: SotayShared) => any} factory */ function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var api = factory(node ? require("./sotay.js") : root.sotay);
  if (node) { module.exports = api; } else { root.sotay.onPage(function () { api.init(root.document); }); }
})(typeof self !== "undefined" ? self : globalThis, function () {
  "use strict";

  /** @param {HTMLFormElement} form */
  function start(form) {
    var pack = form.parentNode && form.parentNode.querySelector(".sotay-pack");
    if (!pack || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var summary = /** @type {HTMLInputElement} */ (form.querySelector("input[name=summary]"));
    var trainer = /** @type {HTMLInputElement} */ (form.querySelector("input[name=trainer]"));

    function apply() {
      pack.setAttribute("data-level", summary.checked ? "summary" : "full");
      pack.toggleAttribute("data-trainer", trainer.checked);
      pack.querySelectorAll("details.sotay-pack-answer").forEach(function (details) {
        /** @type {HTMLDetailsElement} */ (details).open = trainer.checked;
      });
    }

    summary.addEventListener("change", apply);
    trainer.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  return {
    /** @param {Document} doc */
    init: function (doc) { doc.querySelectorAll("form.sotay-pack-controls").forEach(function (f) { start(/** @type {HTMLFormElement} */ (f)); }); }
  };
});
