// @ts-check
/* Sổ tay sinh hoạt chi bộ: self-assessment. The score is counted here, in the browser; nothing is sent.
 * The form starts unanswered: a score is given for what is answered, marked provisional, and a level
 * only once every criterion is answered. Answers and the two text fields are kept in this browser
 * (localStorage), keyed by criteria-set id and criterion id, so an edition that adds or removes a
 * criterion keeps the other answers. What storage holds is read as untrusted. "Xóa các câu trả lời"
 * offers "Hoàn tác". The pure part is exported under node for `node --test`. */

/** @typedef {{ answers: Object<string, number>, fields: Object<string, string> }} AssessmentState */
/** @typedef {{ id: string, points: number }} AssessmentCriterion */
/** @typedef {{ min: number, label: string }} AssessmentLevel */
/** @typedef {{ answered: number, count: number, got: number, possible: number, total: number }} AssessmentTally */

(/** @param {any} root @param {(shared: SotayShared) => any} factory */ function (root, factory) {
  "use strict";
  var node = typeof module === "object" && module.exports;
  var api = factory(node ? require("./sotay.js") : root.sotay);
  if (node) { module.exports = api; } else { root.sotay.onPage(function () { api.init(root.document); }); }
})(typeof self !== "undefined" ? self : globalThis, function (shared) {
  "use strict";

  var PREFIX = "sotay.assessment.", ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/, VALUES = [0, 0.5, 1], MAX_TEXT = 200;

  var isRecord = shared.isRecord, own = shared.own;

  /** @returns {AssessmentState} */
  function emptyState() { return { answers: {}, fields: {} }; }

  /** A clean state from whatever storage held: only known criteria with 0, 0.5 or 1, only known text
   * fields holding a string (cut to MAX_TEXT characters).
   * @param {any} raw @param {string[]} ids criterion ids on the page @param {string[]} names text field names
   * @returns {AssessmentState} */
  function cleanState(raw, ids, names) {
    var state = emptyState();
    if (!isRecord(raw)) { return state; }
    if (isRecord(raw.answers)) {
      ids.forEach(function (id) {
        var value = own(raw.answers, id) ? raw.answers[id] : null;
        if (ID.test(id) && VALUES.indexOf(value) >= 0) { state.answers[id] = value; }
      });
    }
    if (isRecord(raw.fields)) {
      names.forEach(function (name) {
        var text = own(raw.fields, name) ? raw.fields[name] : null;
        if (ID.test(name) && typeof text === "string" && text) { state.fields[name] = text.slice(0, MAX_TEXT); }
      });
    }
    return state;
  }

  /** The state this browser keeps for a criteria set, cleaned; an empty state for anything else, never an error.
   * @param {string} set the criteria set's id @param {string[]} ids criterion ids on the page
   * @param {string[]} names text field names @returns {AssessmentState} */
  function loadState(set, ids, names) {
    return shared.load(PREFIX + set, emptyState(), function (raw) { return cleanState(raw, ids, names); });
  }

  /** An independent copy (the undo snapshot). @param {AssessmentState} state @returns {AssessmentState} */
  function copyState(state) {
    return { answers: Object.assign({}, state.answers), fields: Object.assign({}, state.fields) };
  }

  /** @param {AssessmentState} state @param {string} id @param {number} value @returns {AssessmentState} */
  function answer(state, id, value) {
    var next = copyState(state);
    if (ID.test(id) && VALUES.indexOf(value) >= 0) { next.answers[id] = value; }
    return next;
  }

  /** @param {AssessmentState} state @param {string} name @param {string} text @returns {AssessmentState} */
  function setField(state, name, text) {
    var next = copyState(state);
    if (ID.test(name) && text) { next.fields[name] = text.slice(0, MAX_TEXT); } else { delete next.fields[name]; }
    return next;
  }

  /** @param {AssessmentState} state */
  function isEmpty(state) { return !Object.keys(state.answers).length && !Object.keys(state.fields).length; }

  /** @param {AssessmentCriterion[]} criteria @param {AssessmentState} state @returns {AssessmentTally} */
  function tally(criteria, state) {
    var t = { answered: 0, count: criteria.length, got: 0, possible: 0, total: 0 };
    criteria.forEach(function (c) {
      t.total += c.points;
      if (own(state.answers, c.id)) {
        t.answered += 1;
        t.possible += c.points;
        t.got += c.points * state.answers[c.id];
      }
    });
    return t;
  }

  /** The level reached, compared exactly (79.95% is not 80%); "" when none applies.
   * @param {AssessmentLevel[]} levels @param {number} got @param {number} total @returns {string} */
  function levelFor(levels, got, total) {
    var sorted = levels.slice().sort(function (a, b) { return b.min - a.min; });
    for (var i = 0; i < sorted.length; i += 1) {
      if (got * 100 >= sorted[i].min * total) { return sorted[i].label; }
    }
    return "";
  }

  /** A number as Vietnamese writes it: 7,5 and 83,3. @param {number} value @returns {string} */
  function number(value) { return String(Math.round(value * 10) / 10).replace(".", ","); }

  /** The two lines of the result: the score (provisional until all is answered) and how much is answered.
   * @param {AssessmentCriterion[]} criteria @param {AssessmentLevel[]} levels @param {AssessmentState} state
   * @returns {{ score: string, answered: string }} */
  function summary(criteria, levels, state) {
    var t = tally(criteria, state);
    if (!t.answered) { return { score: "Chưa trả lời", answered: "Đã trả lời 0/" + t.count + " tiêu chí." }; }
    if (t.answered < t.count) {
      return {
        score: "Điểm tạm tính: " + number(t.got) + "/" + t.possible + " điểm ở " + t.answered + " tiêu chí đã trả lời (" +
          number((t.got / t.possible) * 100) + "%)",
        answered: "Đã trả lời " + t.answered + "/" + t.count + " tiêu chí. Trả lời đủ các tiêu chí thì mới xếp mức.",
      };
    }
    var level = levelFor(levels, t.got, t.total);
    return {
      score: "Tổng điểm: " + number(t.got) + "/" + t.total + " (" + number((t.got / t.total) * 100) + "%)" +
        (level ? " · Mức: " + level : ""),
      answered: "Đã trả lời đủ " + t.count + "/" + t.count + " tiêu chí.",
    };
  }

  /** What a state holds, in words ("5 câu trả lời và tên chi bộ, ngày họp đã ghi"), or "" when it holds nothing.
   * @param {AssessmentState} state @returns {string} */
  function held(state) {
    var n = Object.keys(state.answers).length, parts = [];
    if (n) { parts.push(n + " câu trả lời"); }
    if (Object.keys(state.fields).length) { parts.push("tên chi bộ, ngày họp đã ghi"); }
    return parts.join(" và ");
  }

  /** What the status line says after clearing `before`. @param {AssessmentState} before @returns {string} */
  function clearMessage(before) {
    var what = held(before);
    return what ? "Đã xóa " + what + "." : "Chưa có câu trả lời nào để xóa.";
  }

  /** @param {AssessmentState} state @returns {string} */
  function undoMessage(state) {
    return "Đã hoàn tác: khôi phục " + (held(state) || "trang như trước") + ".";
  }

  /** @param {HTMLFormElement} form the form carrying data-sotay-assessment */
  function init(form) {
    if (form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var store = shared, key = PREFIX + form.dataset.sotayAssessment;
    /** @type {HTMLElement[]} */
    var rows = Array.prototype.slice.call(form.querySelectorAll("[data-criterion]"));
    /** @type {HTMLInputElement[]} */
    var texts = Array.prototype.slice.call(form.querySelectorAll("input[type=text][name]"));
    /** @type {AssessmentCriterion[]} */
    var criteria = rows.map(function (row) { return { id: row.dataset.criterion, points: Number(row.dataset.points) }; });
    /** @type {AssessmentLevel[]} */
    var levels = Array.prototype.map.call(form.querySelectorAll(".sotay-levels [data-min]"), function (li) {
      return { min: Number(li.dataset.min), label: li.dataset.label || "" };
    });
    var state = loadState(form.dataset.sotayAssessment, criteria.map(function (c) { return c.id; }),
      texts.map(function (input) { return input.name; }));
    /** @type {AssessmentState | null} */
    var undo = null;
    var clearButton = /** @type {HTMLElement} */ (form.querySelector("[data-action=clear]"));
    var undoButton = /** @type {HTMLButtonElement} */ (form.querySelector("[data-action=undo]"));
    var save = store.keeper(key, form.querySelector(".sotay-storage-warning"),
      "Trình duyệt này không cho lưu trên máy; câu trả lời chỉ còn đến khi đóng trang.");
    var say = store.announcer(form.querySelector(".sotay-status"), undoButton);

    function keep() { save(state); }

    function show() {
      rows.forEach(function (row) {
        var value = own(state.answers, row.dataset.criterion) ? String(state.answers[row.dataset.criterion]) : null;
        row.querySelectorAll("input[type=radio]").forEach(function (input) {
          var radio = /** @type {HTMLInputElement} */ (input);
          radio.checked = radio.value === value;
        });
      });
      texts.forEach(function (input) { input.value = own(state.fields, input.name) ? state.fields[input.name] : ""; });
      score();
    }

    function score() {
      var lines = summary(criteria, levels, state);
      form.querySelector(".sotay-score").textContent = lines.score;
      form.querySelector(".sotay-answered").textContent = lines.answered;
    }

    function changed() {
      keep();
      if (undo) { undo = null; say("", false); }  // a new answer: the cleared ones are no longer the way back
    }

    form.addEventListener("change", function (event) {
      var target = /** @type {HTMLInputElement} */ (event.target), row = target.closest("[data-criterion]");
      if (target.type !== "radio" || !row) { return; }
      state = answer(state, /** @type {HTMLElement} */ (row).dataset.criterion, Number(target.value));
      changed();
      score();
    });
    texts.forEach(function (input) {
      input.addEventListener("input", function () {
        state = setField(state, input.name, input.value);
        changed();
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });  // Enter in a text field
    clearButton.addEventListener("click", function () {
      var before = state;
      state = emptyState();
      keep();
      show();
      undo = isEmpty(before) ? null : copyState(before);
      say(clearMessage(before), !!undo);
    });
    undoButton.addEventListener("click", function () {
      if (!undo) { return; }
      state = undo;
      undo = null;
      keep();
      show();
      say(undoMessage(state), false);
      clearButton.focus();  // the undo button hides: focus goes back where the user was
    });
    /** @type {HTMLElement} */ (form.querySelector(".sotay-assessment-tools")).hidden = false;
    show();
  }

  /** @param {Document} doc */
  function initAll(doc) {
    doc.querySelectorAll("form[data-sotay-assessment]").forEach(function (el) { init(/** @type {HTMLFormElement} */ (el)); });
  }

  return { PREFIX: PREFIX, cleanState: cleanState, loadState: loadState, copyState: copyState, answer: answer, setField: setField, isEmpty: isEmpty,
    tally: tally, levelFor: levelFor, number: number, summary: summary, clearMessage: clearMessage,
    undoMessage: undoMessage, emptyState: emptyState, init: initAll };
});
