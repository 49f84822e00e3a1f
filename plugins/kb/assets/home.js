// @ts-check
/* Sổ tay sinh hoạt chi bộ: the home page's "Sinh hoạt tháng N". Asks once for the cell type and the
 * meeting day, remembers both in this browser (also from file://), and shows this month's meeting date,
 * the plan's meetings for the month and the topics that fit. Needs sotay.js. Every string from the data
 * reaches the page through textContent; links only to this site's own relative addresses. */
(/** @param {any} root @param {(shared: SotayShared) => any} factory */ function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var api = factory(node ? require("./sotay.js") : root.sotay);
  if (node) { module.exports = api; } else { root.sotay.onPage(function () { api.init(root.document); }); }
})(typeof self !== "undefined" ? self : globalThis, function (shared) {
  "use strict";

  var DAY_KEY = "sotay.meetingDay";
  var WEEKDAYS = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];

  /** @param {number} n */
  function two(n) { return (n < 10 ? "0" : "") + n; }

  /** dd/mm/yyyy, with the weekday.
   * @param {Date} date */
  function formatDate(date) {
    return WEEKDAYS[date.getDay()] + ", " + two(date.getDate()) + "/" + two(date.getMonth() + 1) + "/" + date.getFullYear();
  }

  /** A remembered meeting day: a whole number from 1 to 31, or 0.
   * @param {any} value */
  function validDay(value) {
    return typeof value === "number" && Math.floor(value) === value && value >= 1 && value <= 31 ? value : 0;
  }

  /** The meeting day this browser remembers, or 0 for anything else. @returns {number} */
  function storedDay() { return shared.load(DAY_KEY, 0, validDay); }

  /** The meeting of the month `today` is in, on `day` (the 31st is the last day in a shorter month),
   * and, once it has passed, the next one.
   * @param {number} day @param {Date} today */
  function meetings(day, today) {
    /** @param {number} year @param {number} month */
    function on(year, month) {
      var last = new Date(year, month + 1, 0).getDate();
      return new Date(year, month, Math.min(day, last));
    }
    var start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    var current = on(today.getFullYear(), today.getMonth());
    var passed = current < start;
    return { current: current, passed: passed, next: passed ? on(today.getFullYear(), today.getMonth() + 1) : null };
  }

  /** The topics for a cell type and month: those meant for the month, and how many fit any month.
   * @param {any} data @param {string} cell @param {number} month */
  function monthTopics(data, cell, month) {
    var own = [], any = 0;
    Object.keys(data.topics).forEach(function (id) {
      var t = data.topics[id];
      if (t.cells.indexOf(cell) < 0) { return; }
      if (!t.months.length) { any += 1; } else if (t.months.indexOf(month) >= 0) { own.push(id); }
    });
    own.sort(function (a, b) { return data.topics[a].title.localeCompare(data.topics[b].title, "vi"); });
    return { own: own, any: any };
  }

  /** The plan's meetings in a month, with the topics this browser chose in the planner, trusted as the planner
   * trusts them (sotay.js cleanChanges). @param {any} data @param {string} cell @param {number} year
   * @param {number} month @param {any} stored what storage holds under the plan's key */
  function planned(data, cell, year, month, stored) {
    var changes = shared.cleanChanges(stored, data, cell, year);
    var out = [];
    shared.meetingsOf(data, cell, year).forEach(function (meeting, index) {
      if (meeting.month !== month) { return; }
      var changed = shared.own(changes, String(index));
      out.push({ kind: meeting.kind, topic: changed ? changes[String(index)] : meeting.topic || "", changed: changed });
    });
    return out;
  }

  /** @param {string} tag @param {string} [text] @param {string} [className] */
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  /** @param {string} href @param {string} text */
  function link(href, text) {
    var a = /** @type {HTMLAnchorElement} */ (el("a", text));
    a.href = href;
    return a;
  }

  /** @param {any} data @param {string} id */
  function topicLink(data, id) { return link(data.topics[id].url, data.topics[id].title); }

  /** @param {HTMLElement} section @param {any} data @param {Date} today */
  function render(section, data, today) {
    var form = /** @type {HTMLFormElement} */ (section.querySelector("form"));
    var cell = /** @type {HTMLSelectElement} */ (form.elements.namedItem("cell")).value;
    var day = Number(/** @type {HTMLSelectElement} */ (form.elements.namedItem("day")).value) || 0;
    var month = today.getMonth() + 1, year = today.getFullYear();
    section.querySelectorAll("[data-month]").forEach(function (span) { span.textContent = String(month); });

    var when = /** @type {HTMLElement} */ (section.querySelector(".sotay-month-date"));
    if (day) {
      var m = meetings(day, today);
      when.textContent = m.passed
        ? "Kỳ họp tháng " + month + " (" + formatDate(m.current) + ") đã qua; kỳ tới: " + formatDate(/** @type {Date} */ (m.next)) + "."
        : "Ngày họp tháng này: " + formatDate(m.current) + ".";
    } else {
      when.textContent = "Chưa ghi ngày họp. Chọn ngày chi bộ họp hằng tháng (theo quy định của cấp ủy cấp trên) để Sổ tay hiện ngày họp.";
    }

    var box = /** @type {HTMLElement} */ (section.querySelector(".sotay-month-topics"));
    box.textContent = "";
    if (!cell) {
      box.appendChild(el("p", "Chọn loại chi bộ ở trên để xem kế hoạch và gợi ý chủ đề tháng " + month + "."));
      return;
    }
    var plan = planned(data, cell, year, month, shared.storedChanges(data, cell, year));
    if (plan.length) {
      box.appendChild(el("h3", "Theo kế hoạch cả năm"));
      var list = el("ul", "", "sotay-month-plan");
      plan.forEach(function (meeting) {
        var item = el("li");
        item.appendChild(el("span", data.meetings[meeting.kind] + ": ", "sotay-month-kind"));
        if (meeting.topic) { item.appendChild(topicLink(data, meeting.topic)); }
        else { item.appendChild(document.createTextNode("chi bộ tự chọn chủ đề")); }
        if (meeting.changed) { item.appendChild(document.createTextNode(" (đã đổi trong kế hoạch)")); }
        list.appendChild(item);
      });
      box.appendChild(list);
      var toPlanner = el("p");
      toPlanner.appendChild(link(data.planner + "?cell=" + encodeURIComponent(cell) + "&year=" + year, "Xem, đổi chủ đề trong kế hoạch cả năm"));
      box.appendChild(toPlanner);
    }
    var found = monthTopics(data, cell, month);
    box.appendChild(el("h3", "Gợi ý chủ đề tháng " + month));
    if (found.own.length) {
      var own = el("ul", "", "sotay-month-list");
      found.own.forEach(function (id) { var li = el("li"); li.appendChild(topicLink(data, id)); own.appendChild(li); });
      box.appendChild(own);
    } else {
      box.appendChild(el("p", "Không có chủ đề nào gắn riêng với tháng " + month + " cho loại chi bộ này."));
    }
    var all = el("p");
    all.appendChild(link(data.catalog + "?cell=" + encodeURIComponent(cell) + "&month=" + month,
      "Xem cả " + (found.own.length + found.any) + " chủ đề phù hợp với tháng " + month + " (" + found.any + " chủ đề hợp với mọi tháng)"));
    box.appendChild(all);
  }

  /** What changed, in one sentence: the meeting day, and the topics for the cell type chosen.
   * @param {any} data @param {HTMLFormElement} form @param {Date} today */
  function summary(data, form, today) {
    var cell = /** @type {HTMLSelectElement} */ (form.elements.namedItem("cell")).value;
    var when = /** @type {HTMLElement} */ (form.parentElement.querySelector(".sotay-month-date")).textContent;
    if (!cell) { return when; }
    var found = monthTopics(data, cell, today.getMonth() + 1);
    return when + " Gợi ý cho " + data.cells[cell] + ": " + found.own.length + " chủ đề riêng của tháng, " +
      found.any + " chủ đề hợp với mọi tháng.";
  }

  /** @param {HTMLFormElement} form @param {any} data */
  function fill(form, data) {
    var select = /** @type {HTMLSelectElement} */ (form.elements.namedItem("cell"));
    var daySelect = /** @type {HTMLSelectElement} */ (form.elements.namedItem("day"));
    select.value = shared.cell(Object.keys(data.cells));
    var day = storedDay();
    daySelect.value = day ? String(day) : "";
  }

  /** @param {Document} doc */
  function init(doc) {
    var section = /** @type {HTMLElement | null} */ (doc.querySelector("[data-sotay-home]"));
    var script = doc.getElementById("sotay-month-data");
    if (!section || !script || section.dataset.ready) { return; }
    var data;
    try { data = JSON.parse(script.textContent || ""); } catch (e) { return; }  // the page's own data, as the planner reads it
    section.dataset.ready = "1";
    var form = /** @type {HTMLFormElement} */ (section.querySelector("form"));
    fill(form, data);
    form.addEventListener("change", function (event) {
      var target = /** @type {HTMLSelectElement} */ (event.target);
      if (target.name === "cell") { shared.setCell(target.value); }
      if (target.name === "day") { shared.save(DAY_KEY, Number(target.value) || 0); }
      render(section, data, new Date());
      // One short line for screen readers, on a change only: the block above it is too long to be read out.
      var status = section.querySelector(".sotay-month-status");
      if (status) { status.textContent = summary(data, form, new Date()); }
    });
    form.hidden = false;
    render(section, data, new Date());
  }

  return {
    formatDate: formatDate, validDay: validDay, storedDay: storedDay, meetings: meetings, monthTopics: monthTopics, planned: planned,
    init: init
  };
});
