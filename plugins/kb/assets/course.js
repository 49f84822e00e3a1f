/* Sổ tay sinh hoạt chi bộ: a course's printable page. Two choices decide what prints: the summary
 * level (key points and document facts only) and the trainer's copy (quiz answers shown). Without
 * JavaScript the page prints in full and the answers stay folded. */
(function () {
  "use strict";

  function init(form) {
    var pack = form.parentNode.querySelector(".sotay-pack");
    if (!pack || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var summary = form.querySelector("input[name=summary]");
    var trainer = form.querySelector("input[name=trainer]");

    function apply() {
      pack.setAttribute("data-level", summary.checked ? "summary" : "full");
      pack.toggleAttribute("data-trainer", trainer.checked);
      pack.querySelectorAll("details.sotay-pack-answer").forEach(function (details) {
        details.open = trainer.checked;
      });
    }

    summary.addEventListener("change", apply);
    trainer.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  function initAll() { document.querySelectorAll(".sotay-pack-controls").forEach(init); }

  window.sotay.onPage(initAll);
})();
