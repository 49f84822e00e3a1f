/* Sổ tay sinh hoạt chi bộ: self-assessment. The score is counted here, in the browser; nothing is sent. */
(function () {
  "use strict";

  function score(form) {
    var total = Number(form.dataset.total), got = 0;
    form.querySelectorAll("[data-criterion]").forEach(function (row) {
      var chosen = row.querySelector("input[type=radio]:checked");
      got += Number(row.dataset.points) * (chosen ? Number(chosen.value) : 0);
    });
    var percent = total ? Math.round((got / total) * 1000) / 10 : 0, level = "";
    form.querySelectorAll(".sotay-levels li").forEach(function (li) {
      if (!level && percent >= Number(li.dataset.min)) { level = li.textContent.split(":")[0]; }
    });
    form.querySelector(".sotay-score").textContent =
      "Tổng điểm: " + got + "/" + total + " (" + percent + "%)" + (level ? " · Mức: " + level : "");
  }

  function init(form) {
    if (form.dataset.ready) { return; }
    form.dataset.ready = "1";
    form.addEventListener("change", function () { score(form); });
    score(form);
  }

  function initAll() { document.querySelectorAll("[data-sotay-assessment]").forEach(init); }
  window.sotay.onPage(initAll);
})();
