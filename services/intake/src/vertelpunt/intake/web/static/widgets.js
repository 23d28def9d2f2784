// Progressive enhancement of the signification widgets. Without JavaScript the numeric fields work alone.
(function () {
  // Sliders: remember that the storyteller actually chose a position (an untouched slider is no answer).
  document.querySelectorAll("fieldset.dyad").forEach(function (fs) {
    var range = fs.querySelector(".dyad-range"), set = fs.querySelector(".dyad-set"), num = fs.querySelector(".dyad-number");
    range.addEventListener("input", function () { set.value = "1"; num.value = range.value; });
    num.addEventListener("input", function () { if (num.value !== "") { range.value = num.value; set.value = "1"; } });
  });
  // Errors: the summary at the top gets focus; each link moves focus to its field (not only scrolls to it).
  var summary = document.getElementById("fouten");
  if (summary) {
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (e) {
        var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
        if (field) { e.preventDefault(); field.focus(); field.scrollIntoView({block: "center"}); }
      });
    });
  }
  // On a touch screen one taps, not clicks.
  if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
    document.querySelectorAll("[data-touch]").forEach(function (el) { el.textContent = el.dataset.touch; });
  }
  // Triads: a click or tap in the triangle, or the arrow keys, set the three percentages (barycentric
  // coordinates); the sum of the percentages is shown as one types.
  document.querySelectorAll(".triad-widget").forEach(function (widget) {
    widget.hidden = false;
    var svg = widget.querySelector("svg"), marker = widget.querySelector(".marker");
    var pad = widget.querySelector(".triad-pad"), status = widget.querySelector(".triad-status");
    var labels = status.dataset.labels.split("|");
    var name = "q." + widget.dataset.question;
    var inputs = ["a", "b", "c"].map(function (k) { return document.getElementById(name + "." + k); });
    var sum = document.getElementById(name + ".sum");
    var A = [100, 10], B = [10, 170], C = [190, 170], STEP = 8;
    function weights(x, y) {
      var d = (B[1] - C[1]) * (A[0] - C[0]) + (C[0] - B[0]) * (A[1] - C[1]);
      var a = ((B[1] - C[1]) * (x - C[0]) + (C[0] - B[0]) * (y - C[1])) / d;
      var b = ((C[1] - A[1]) * (x - C[0]) + (A[0] - C[0]) * (y - C[1])) / d;
      return [a, b, 1 - a - b];
    }
    function current() {
      var w = inputs.map(function (i) { return Math.max(0, parseFloat(String(i.value).replace(",", ".")) || 0); });
      var s = w[0] + w[1] + w[2];
      return s > 0 ? w.map(function (v) { return v / s; }) : null;
    }
    function point(w) {
      return [w[0] * A[0] + w[1] * B[0] + w[2] * C[0], w[0] * A[1] + w[1] * B[1] + w[2] * C[1]];
    }
    function showSum() {
      var total = inputs.reduce(function (t, i) { return t + (parseFloat(String(i.value).replace(",", ".")) || 0); }, 0);
      sum.textContent = sum.dataset.template.replace("{sum}", Math.round(total));
      sum.classList.toggle("off", total > 0 && Math.round(total) !== 100);
    }
    function place() {
      var w = current();
      showSum();
      if (!w) { marker.setAttribute("visibility", "hidden"); return; }
      var p = point(w);
      marker.setAttribute("cx", p[0]); marker.setAttribute("cy", p[1]);
      marker.setAttribute("visibility", "visible");
    }
    function set(w) {
      var clipped = w.map(function (v) { return Math.max(0, v); });
      var s = clipped[0] + clipped[1] + clipped[2];
      var r = clipped.map(function (v) { return Math.round(v / s * 100); });
      r[2] = 100 - r[0] - r[1];
      if (r[2] < 0) { r[1] += r[2]; r[2] = 0; }
      inputs.forEach(function (i, k) { i.value = r[k]; i.dispatchEvent(new Event("input", {bubbles: true})); });
      status.textContent = labels.map(function (l, k) { return l + " " + r[k] + "%"; }).join(", ");
    }
    svg.addEventListener("click", function (e) {
      var pt = svg.createSVGPoint(); pt.x = e.clientX; pt.y = e.clientY;
      var p = pt.matrixTransform(svg.getScreenCTM().inverse());
      var w = weights(p.x, p.y);
      if (w.some(function (v) { return v < -0.001; })) { return; }
      set(w);
    });
    var MOVES = {ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP]};
    pad.addEventListener("keydown", function (e) {
      var move = MOVES[e.key];
      if (!move) { return; }
      e.preventDefault();
      var p = point(current() || [1 / 3, 1 / 3, 1 / 3]);
      set(weights(p[0] + move[0], p[1] + move[1]));  // outside the triangle: back onto its edge
    });
    inputs.forEach(function (i) { i.addEventListener("input", place); });
    place();
  });

  // Drafts: what is typed is kept in this browser, so nothing is lost when the login session ends. The draft is
  // removed after a successful submit, at logout, and after a day (a counter PC is shared).
  var PREFIX = "vertelpunt.concept:", MAX_AGE = 24 * 3600 * 1000;
  var FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  function storage() { try { return window.localStorage; } catch (e) { return null; } }
  function drafts(store) {
    var keys = [];
    for (var i = 0; i < store.length; i++) { if (store.key(i).indexOf(PREFIX) === 0) { keys.push(store.key(i)); } }
    return keys;
  }
  var store = storage();
  if (!store) { return; }
  if (document.body.hasAttribute("data-clear-drafts")) {
    drafts(store).forEach(function (key) { store.removeItem(key); });
    return;
  }
  drafts(store).forEach(function (key) {
    try { if (Date.now() - JSON.parse(store.getItem(key)).savedAt > MAX_AGE) { store.removeItem(key); } }
    catch (e) { store.removeItem(key); }
  });
  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var key = PREFIX + form.dataset.draft;
    var fields = form.querySelectorAll("input[name]:not([type=hidden]), input.dyad-set, textarea[name], select[name]");
    function save() {
      var values = {};
      fields.forEach(function (f) {
        if (f.type === "checkbox" || f.type === "radio") {
          values[f.name] = values[f.name] || [];
          if (f.checked) { values[f.name].push(f.value); }
        } else { values[f.name] = [f.value]; }
      });
      store.setItem(key, JSON.stringify({savedAt: Date.now(), values: values}));
    }
    function restore(values) {
      fields.forEach(function (f) {
        var saved = values[f.name];
        if (!saved) { return; }
        if (f.type === "checkbox" || f.type === "radio") { f.checked = saved.indexOf(f.value) >= 0; }
        else { f.value = String(saved[0]).replace(FORBIDDEN, "$1"); }
        if (f.type !== "range") { f.dispatchEvent(new Event("input")); }  // a slider's "set" mark is restored itself
      });
    }
    var draft = null;
    try { draft = JSON.parse(store.getItem(key)); } catch (e) { draft = null; }
    var notice = document.getElementById("concept-melding");
    if (draft && draft.values) {
      restore(draft.values);
      if (notice) { notice.hidden = false; }
    }
    var discard = document.getElementById("concept-wissen");
    if (discard) {
      discard.addEventListener("click", function () {
        store.removeItem(key);
        form.reset();
        if (notice) { notice.hidden = true; }
      });
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  });
})();
