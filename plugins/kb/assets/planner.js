// @ts-check
/* Sổ tay sinh hoạt chi bộ: the annual planner. Plans come with the page (made at build time); a cell can swap
 * the topic of any meeting, and its changes stay in this browser (localStorage), also from file://. The Word
 * file of the plan as changed is made here, offline: the skeleton from sotay.plan_docx (khung.js) is filled the
 * same way Python fills it, and zipped with fflate. Nothing is fetched. Strings reach the page through
 * textContent only; everything read back from storage is checked first.
 * The plan's rules (which topics may take a meeting's place, which stored changes to trust) are in sotay.js,
 * shared with the home page. Under node (module.exports) this file gives its pure functions to planner.test.js. */
(/** @param {any} root @param {(shared: SotayShared) => any} factory */ function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var api = factory(node ? require("./sotay.js") : root.sotay);
  if (node) { module.exports = api; } else { root.sotay.onPage(function () { api.init(root.document); }); }
})(typeof self !== "undefined" ? self : globalThis, function (shared) {
  "use strict";

  /** @typedef {{month: number, kind: string, topic: (string|null), title: string}} Meeting */
  /** @typedef {{title: string, url: string, meeting: string, cells: string[], months: number[]}} Topic */
  /** @typedef {{years: number[], cells: Object<string, string>, meetings: Object<string, string>,
   *   plans: Object<string, Meeting[]>, topics: Object<string, Topic>, docx: Object<string, string>,
   *   word: boolean}} PlannerData */
  /** @typedef {{index: number, month: number, kind: string, kindLabel: string, title: string, url: string,
   *   chosen: string, changed: boolean}} Row */
  /** @typedef {{order: string[], others: string, document: string[], core: string,
   *   marks: Object<string, string>}} Skeleton */

  var SUGGESTED = "__suggested";
  var NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;
  var DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  // The plan's rules, shared with the home page (sotay.js).
  var own = shared.own, planKey = shared.planKey, meetingsOf = shared.meetingsOf, candidates = shared.candidates;
  var cleanChanges = shared.cleanChanges;

  /** The plan as the cell has it: each meeting with the topic chosen, its title and link ("" for no link).
   * @param {PlannerData} data @param {string} cell @param {number|string} year
   * @param {Object<string, string>} changes (already cleaned) @returns {Row[]} */
  function planRows(data, cell, year, changes) {
    return meetingsOf(data, cell, year).map(function (meeting, index) {
      var changed = own(changes, String(index));
      var chosen = changed ? changes[String(index)] : (meeting.topic || "");
      var topic = chosen && own(data.topics, chosen) ? data.topics[chosen] : null;
      var kindLabel = own(data.meetings, meeting.kind) ? data.meetings[meeting.kind] : "";
      var title = topic ? topic.title : meeting.title;
      if (!topic && changed && meeting.topic) { title = kindLabel + " tháng " + meeting.month + " (chi bộ tự chọn chủ đề)"; }
      return { index: index, month: meeting.month, kind: meeting.kind, kindLabel: kindLabel, title: title,
        url: topic ? topic.url : "", chosen: chosen, changed: changed };
    });
  }

  /** The cell type to show: the URL's first, then the one this browser remembers, then the first one.
   * @param {string|null} fromUrl @param {string} remembered @param {Object<string, string>} cells @returns {string} */
  function pickCell(fromUrl, remembered, cells) {
    if (fromUrl && own(cells, fromUrl)) { return fromUrl; }
    if (remembered && own(cells, remembered)) { return remembered; }
    return Object.keys(cells)[0];
  }

  /** The year to show: the URL's, else this year if the page has its plan, else the first year it has.
   * @param {string|null} fromUrl @param {Date} now @param {number[]} years @returns {number} */
  function pickYear(fromUrl, now, years) {
    if (fromUrl && /^\d{4}$/.test(fromUrl) && years.indexOf(Number(fromUrl)) >= 0) { return Number(fromUrl); }
    return years.indexOf(now.getFullYear()) >= 0 ? now.getFullYear() : years[0];
  }

  /** This month (1–12) if the plan shown is this year's, else 0. @param {number|string} year @param {Date} now */
  function thisMonth(year, now) { return now.getFullYear() === Number(year) ? now.getMonth() + 1 : 0; }

  /** Text as the content of an XML element (as sotay.plan_docx.xml_text does). @param {string} text */
  function xmlText(text) {
    return String(text).replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /** Every mark replaced by its value in one pass, so a value is never read again for marks.
   * @param {string} text @param {Object<string, string>} marks name -> mark @param {Object<string, string>} values */
  function fillMarks(text, marks, values) {
    /** @type {Object<string, string>} */
    var names = {};
    Object.keys(marks).forEach(function (name) { names[marks[name]] = name; });
    var pattern = new RegExp(Object.keys(names).join("|"), "g");
    return text.replace(pattern, function (mark) {
      var name = names[mark];
      return xmlText(own(values, name) ? values[name] : "");
    });
  }

  /** The plan's rows as the Word table has them. @param {Row[]} rows */
  function wordRows(rows) {
    return rows.map(function (r) { return { month: "Tháng " + r.month, kind: r.kindLabel, title: r.title }; });
  }

  /** word/document.xml of the plan. @param {Skeleton} skeleton @param {Object<string, string>} top year, cell
   * @param {Object<string, string>[]} rows month, kind, title */
  function documentXml(skeleton, top, rows) {
    var parts = skeleton.document;
    return fillMarks(parts[0], skeleton.marks, top) +
      rows.map(function (row) { return fillMarks(parts[1], skeleton.marks, row); }).join("") +
      fillMarks(parts[2], skeleton.marks, top);
  }

  /** @param {string} text @returns {Uint8Array} */
  function fromBase64(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }

  /** The .docx of a plan: the skeleton's parts in their order, the document and its title filled in.
   * @param {any} fflate @param {Skeleton} skeleton @param {Object<string, string>} top
   * @param {Object<string, string>[]} rows @param {Date} [when] @returns {Uint8Array} */
  function wordFile(fflate, skeleton, top, rows, when) {
    var others = fflate.unzipSync(fromBase64(skeleton.others));
    /** @type {Object<string, Uint8Array>} */
    var files = {};
    skeleton.order.forEach(function (name) {
      if (name === "word/document.xml") { files[name] = fflate.strToU8(documentXml(skeleton, top, rows)); }
      else if (name === "docProps/core.xml") { files[name] = fflate.strToU8(fillMarks(skeleton.core, skeleton.marks, top)); }
      else if (own(others, name)) { files[name] = others[name]; }
    });
    return fflate.zipSync(files, { level: 6, mtime: when || new Date(2000, 0, 1) });
  }

  // ---- the page ----

  /** @param {Document} doc @param {string} value @param {string} text */
  function option(doc, value, text) {
    var o = doc.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  /** @param {Document} doc @param {string} tag @param {string} className @param {string} [role] @param {string} [text] */
  function make(doc, tag, className, role, text) {
    var el = doc.createElement(tag);
    if (className) { el.className = className; }
    if (role) { el.setAttribute("role", role); }
    if (text) { el.textContent = text; }
    return el;
  }

  /** One meeting as a table row (a card on a phone); its select gets its topics from the caller.
   * @param {Document} doc @param {Row} row @param {number} now this month, or 0 @param {boolean} first of its month */
  function rowElement(doc, row, now, first) {
    var tr = make(doc, "tr", "sotay-planner-row", "row");
    if (/^[a-z-]+$/.test(row.kind)) { tr.classList.add("sotay-planner-" + row.kind); }
    var month = make(doc, "th", "sotay-planner-month", "rowheader", "Tháng " + row.month);
    month.setAttribute("scope", "row");
    if (first) { tr.id = "sotay-thang-" + row.month; }
    if (row.month === now) {
      tr.classList.add("sotay-planner-now");
      month.setAttribute("aria-current", "date");
      month.append(" ", make(doc, "span", "sotay-planner-badge sotay-planner-badge-now", "", "Tháng này"));
    }
    var kind = make(doc, "td", "sotay-planner-kind", "cell", row.kindLabel);
    var topic = make(doc, "td", "sotay-planner-topic", "cell");
    if (row.url) {
      var link = doc.createElement("a");
      link.href = row.url;
      link.textContent = row.title;
      topic.appendChild(link);
    } else { topic.textContent = row.title; }
    if (row.changed) {
      tr.classList.add("sotay-planner-changed");
      topic.append(" ", make(doc, "span", "sotay-planner-badge sotay-planner-badge-changed", "", "Đã đổi"));
    }
    var swap = make(doc, "td", "sotay-planner-swap", "cell");
    var label = doc.createElement("label");
    var select = doc.createElement("select");
    select.dataset.index = String(row.index);
    select.setAttribute("aria-label", "Đổi chủ đề: " + row.kindLabel.toLowerCase() + " tháng " + row.month);
    select.appendChild(option(doc, SUGGESTED, "Theo gợi ý"));
    select.appendChild(option(doc, "", "Chi bộ tự chọn"));
    label.append(make(doc, "span", "sotay-planner-swap-label", "", "Đổi chủ đề"), select);
    swap.appendChild(label);
    tr.append(month, kind, topic, swap);
    return { tr: tr, select: select };
  }

  /** @param {Document} doc */
  function init(doc) {
    var root = doc.getElementById("sotay-planner");
    var dataNode = doc.getElementById("sotay-planner-data");
    if (!root || !dataNode || root.dataset.ready) { return; }
    /** @type {PlannerData} */
    var data;
    try { data = JSON.parse(dataNode.textContent || ""); } catch (e) { return; }
    root.dataset.ready = "1";
    var view = doc.defaultView || window;
    var form = /** @type {HTMLFormElement} */ (root.querySelector("form"));
    var cellSelect = /** @type {HTMLSelectElement} */ (form.querySelector("select[name=cell]"));
    var yearSelect = /** @type {HTMLSelectElement} */ (form.querySelector("select[name=year]"));
    var status = /** @type {HTMLElement} */ (root.querySelector(".sotay-planner-status"));
    var table = /** @type {HTMLTableElement} */ (root.querySelector(".sotay-planner-table"));
    var jump = /** @type {HTMLElement} */ (root.querySelector(".sotay-planner-jump"));
    var prebuilt = /** @type {HTMLAnchorElement} */ (root.querySelector(".sotay-planner-docx"));
    var makeWord = /** @type {HTMLButtonElement} */ (root.querySelector("[data-action=docx]"));
    var wordNote = /** @type {HTMLElement} */ (root.querySelector(".sotay-planner-word-note"));
    var canMakeWord = function () { return !!(data.word && view.fflate && view.fflate.zipSync && shared.planSkeleton); };

    Object.keys(data.cells).forEach(function (c) { cellSelect.appendChild(option(doc, c, data.cells[c])); });
    data.years.forEach(function (y) { yearSelect.appendChild(option(doc, String(y), String(y))); });
    var params = new URLSearchParams(view.location.search);
    cellSelect.value = pickCell(params.get("cell"), shared.cell(Object.keys(data.cells)), data.cells);
    yearSelect.value = String(pickYear(params.get("year"), new Date(), data.years));

    var current = function () { return { cell: cellSelect.value, year: yearSelect.value }; };
    var storageKey = function () { return shared.planStorageKey(cellSelect.value, yearSelect.value); };
    // The changes of this visit, by storage key: what the page shows even when the browser refuses to keep them.
    var held = /** @type {Object<string, Object<string, string>>} */ ({});
    var changes = function () {
      var key = storageKey(), cell = cellSelect.value, year = yearSelect.value;
      return own(held, key) ? cleanChanges(held[key], data, cell, year) : shared.storedChanges(data, cell, year);
    };

    /** @param {string} text @param {string} [action] @param {() => void} [onAction] */
    function say(text, action, onAction) {
      status.textContent = text;
      if (action && onAction) {
        var button = make(doc, "button", "sotay-button", "", action);
        button.setAttribute("type", "button");
        button.dataset.action = "undo";
        button.addEventListener("click", onAction);
        status.append(" ", button);
      }
    }

    var REFUSED = "Trình duyệt không cho lưu trên máy này: phần đã đổi sẽ mất khi tải lại trang.";

    /** @param {Object<string, string>} next @param {string} [key] @returns {boolean} */
    function keep(next, key) {
      key = key || storageKey();
      held[key] = next;
      var saved = shared.save(key, next);
      if (!saved) { say(REFUSED); }
      return saved;
    }

    /** @param {number} [focusIndex] the select to give the focus back to after the redraw */
    function render(focusIndex) {
      var now = current(), kept = changes(), rows = planRows(data, now.cell, now.year, kept);
      var month = thisMonth(now.year, new Date()), seen = /** @type {Object<string, boolean>} */ ({});
      var body = table.tBodies[0], count = Object.keys(kept).length;
      table.caption.textContent = "Kế hoạch của " + data.cells[now.cell].toLowerCase() + ", năm " + now.year +
        (count ? " (đã đổi " + count + " buổi so với gợi ý)" : " (theo gợi ý)");
      var head = table.tHead.rows[0];
      if (head.cells.length < 4) { head.appendChild(make(doc, "th", "", "", "Đổi chủ đề")).setAttribute("scope", "col"); }
      body.textContent = "";
      rows.forEach(function (row) {
        var made = rowElement(doc, row, month, !seen[row.month]);
        seen[row.month] = true;
        candidates(data, now.cell, meetingsOf(data, now.cell, now.year)[row.index]).forEach(function (id) {
          made.select.appendChild(option(doc, id, data.topics[id].title));
        });
        made.select.value = row.changed ? row.chosen : SUGGESTED;
        made.select.addEventListener("change", function () { choose(row.index, made.select.value); });
        body.appendChild(made.tr);
      });
      jump.hidden = !month;
      var link = /** @type {HTMLAnchorElement} */ (jump.querySelector("a"));
      link.href = "#sotay-thang-" + month;
      link.textContent = "Đến tháng này (tháng " + month + ")";
      prebuilt.href = own(data.docx, planKey(now.cell, now.year)) ? data.docx[planKey(now.cell, now.year)] : prebuilt.href;
      if (focusIndex !== undefined) {
        var again = /** @type {HTMLElement|null} */ (body.querySelector('select[data-index="' + focusIndex + '"]'));
        if (again) { again.focus(); }
      }
    }

    /** @param {number} index @param {string} value */
    function choose(index, value) {
      var next = changes();
      if (value === SUGGESTED) { delete next[String(index)]; } else { next[String(index)] = value; }
      if (keep(next)) { status.textContent = ""; }  // a refusal stays said
      render(index);
    }

    function reset() {
      var before = changes(), count = Object.keys(before).length, key = storageKey();
      if (!count) { say("Kế hoạch đang đúng như gợi ý, không có chỗ nào để khôi phục."); return; }
      function undo() {
        var again = keep(before, key);
        render();
        say("Đã hoàn tác: giữ lại " + count + " chỗ đã đổi." + (again ? "" : " " + REFUSED));
        /** @type {HTMLElement} */ (form.querySelector("[data-action=reset]")).focus();
      }
      var saved = keep({});
      render();
      say("Đã khôi phục kế hoạch gợi ý, bỏ " + count + " chỗ đã đổi." + (saved ? "" : " " + REFUSED), "Hoàn tác", undo);
    }

    function downloadWord() {
      if (!canMakeWord()) { showPrebuilt(); return; }
      var now = current(), rows = planRows(data, now.cell, now.year, changes());
      try {
        var bytes = wordFile(view.fflate, shared.planSkeleton, { year: now.year, cell: data.cells[now.cell] },
          wordRows(rows), new Date());
        var url = URL.createObjectURL(new Blob([/** @type {BlobPart} */ (/** @type {any} */ (bytes))], { type: DOCX_TYPE }));
        var a = doc.createElement("a");
        a.href = url;
        a.download = "ke-hoach-sinh-hoat-chi-bo-" + now.cell + "-" + now.year + ".docx";
        a.hidden = true;
        doc.body.appendChild(a);
        a.click();
        view.setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 60000);
        say("Đã tạo tệp Word của kế hoạch đang xem, gồm cả các chủ đề đã đổi.");
      } catch (e) {
        showPrebuilt();
        say("Chưa tạo được tệp Word trên máy này; hãy tải bản gợi ý rồi sửa trong Word.");
      }
    }

    function showPrebuilt() {
      makeWord.hidden = true;
      prebuilt.hidden = false;
      wordNote.hidden = false;
    }

    cellSelect.addEventListener("change", function () {
      shared.setCell(cellSelect.value);  // the home page and the catalog remember it too
      writeUrl();
      status.textContent = "";
      render();
    });
    yearSelect.addEventListener("change", function () { writeUrl(); status.textContent = ""; render(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    /** @type {HTMLElement} */ (form.querySelector("[data-action=reset]")).addEventListener("click", reset);
    makeWord.addEventListener("click", downloadWord);

    function writeUrl() {
      var next = new URLSearchParams(view.location.search);
      next.set("cell", cellSelect.value);
      next.set("year", yearSelect.value);
      try { view.history.replaceState(null, "", view.location.pathname + "?" + next.toString() + view.location.hash); }
      catch (e) { /* some browsers refuse replaceState on file://; the planner still works */ }
    }

    if (canMakeWord()) { makeWord.hidden = false; prebuilt.hidden = true; wordNote.hidden = true; } else { showPrebuilt(); }
    form.hidden = false;
    render();
  }

  return { init: init, planRows: planRows, pickCell: pickCell, pickYear: pickYear, thisMonth: thisMonth,
    xmlText: xmlText, fillMarks: fillMarks, wordRows: wordRows, documentXml: documentXml, wordFile: wordFile };
});
