/* Sổ tay sinh hoạt chi bộ: the annual planner. Plans come with the page (made at build time);
 * a cell can swap the topic of any meeting, and its changes stay in this browser (localStorage),
 * also when the site is opened from file://. Strings reach the page through textContent only. */
(function () {
  "use strict";

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem("sotay.plan." + key) || "{}"); } catch (e) { return {}; }
  }

  function save(key, overrides) {
    try { window.localStorage.setItem("sotay.plan." + key, JSON.stringify(overrides)); } catch (e) { /* private mode */ }
  }

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  function candidates(data, cell, meeting) {
    return Object.keys(data.topics).filter(function (id) {
      var t = data.topics[id];
      return t.meeting === meeting.kind && t.cells.indexOf(cell) >= 0 &&
        (!t.months.length || t.months.indexOf(meeting.month) >= 0);
    }).sort(function (a, b) { return data.topics[a].title.localeCompare(data.topics[b].title, "vi"); });
  }

  function render(root, data) {
    var form = root.querySelector("form"), cell = form.elements.cell.value, year = form.elements.year.value;
    var key = cell + ":" + year, overrides = load(key), body = root.querySelector("tbody");
    body.textContent = "";
    (data.plans[key] || []).forEach(function (meeting, index) {
      var chosen = Object.prototype.hasOwnProperty.call(overrides, index) ? overrides[index] : meeting.topic;
      var topic = chosen ? data.topics[chosen] : null;
      var row = document.createElement("tr");
      var month = document.createElement("td"), kind = document.createElement("td"), content = document.createElement("td");
      month.textContent = "Tháng " + meeting.month;
      kind.textContent = data.meetings[meeting.kind];
      if (topic) {
        var link = document.createElement("a");
        link.href = topic.url;
        link.textContent = topic.title;
        content.appendChild(link);
      } else if (chosen === "" && meeting.topic) {
        content.textContent = data.meetings[meeting.kind] + " tháng " + meeting.month + " (chi bộ tự chọn chủ đề)";
      } else {
        content.textContent = meeting.title;
      }
      if (Object.prototype.hasOwnProperty.call(overrides, index)) { row.className = "sotay-planner-changed"; }
      var swap = document.createElement("td"), select = document.createElement("select");
      select.setAttribute("aria-label", "Đổi chủ đề: " + data.meetings[meeting.kind].toLowerCase() + " tháng " + meeting.month);
      select.appendChild(option("__suggested", "Theo gợi ý"));
      select.appendChild(option("", "Chi bộ tự chọn"));
      candidates(data, cell, meeting).forEach(function (id) { select.appendChild(option(id, data.topics[id].title)); });
      select.value = Object.prototype.hasOwnProperty.call(overrides, index) ? overrides[index] : "__suggested";
      select.addEventListener("change", function () {
        if (select.value === "__suggested") { delete overrides[index]; } else { overrides[index] = select.value; }
        save(key, overrides);
        render(root, data);
      });
      swap.appendChild(select);
      row.append(month, kind, content, swap);
      body.appendChild(row);
    });
    root.querySelector(".sotay-planner-docx").href = data.docx[key];
  }

  function init() {
    var root = document.getElementById("sotay-planner");
    if (!root || root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var data = JSON.parse(document.getElementById("sotay-planner-data").textContent);
    var form = root.querySelector("form");
    Object.keys(data.cells).forEach(function (c) { form.elements.cell.appendChild(option(c, data.cells[c])); });
    data.years.forEach(function (y) { form.elements.year.appendChild(option(String(y), String(y))); });
    var params = new URLSearchParams(window.location.search);
    if (params.get("cell") && data.cells[params.get("cell")]) { form.elements.cell.value = params.get("cell"); }
    if (params.get("year") && data.years.indexOf(Number(params.get("year"))) >= 0) { form.elements.year.value = params.get("year"); }
    form.addEventListener("change", function (event) {
      if (event.target.name === "cell" || event.target.name === "year") { render(root, data); }
    });
    form.querySelector("[data-action=reset]").addEventListener("click", function () {
      save(form.elements.cell.value + ":" + form.elements.year.value, {});
      render(root, data);
    });
    form.hidden = false;
    render(root, data);
  }

  window.sotay.onPage(init);
})();
