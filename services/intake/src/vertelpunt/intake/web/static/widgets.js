// Progressive enhancement of the signification widgets. Without JavaScript the numeric fields work alone.
(function () {
  // Sliders: remember that the storyteller actually chose a position (an untouched slider is no answer).
  document.querySelectorAll("fieldset.dyad").forEach(function (fs) {
    var range = fs.querySelector(".dyad-range"), set = fs.querySelector(".dyad-set"), num = fs.querySelector(".dyad-number");
    range.addEventListener("input", function () { set.value = "1"; num.value = range.value; });
    num.addEventListener("input", function () { if (num.value !== "") { range.value = num.value; set.value = "1"; } });
  });
  // Triads: a click in the triangle sets the three percentages (barycentric coordinates).
  document.querySelectorAll(".triad-widget").forEach(function (widget) {
    widget.hidden = false;
    var svg = widget.querySelector("svg"), marker = widget.querySelector(".marker");
    var name = "q." + widget.dataset.question;
    var inputs = ["a", "b", "c"].map(function (k) { return document.getElementById(name + "." + k); });
    var A = [100, 10], B = [10, 170], C = [190, 170];
    function weights(x, y) {
      var d = (B[1] - C[1]) * (A[0] - C[0]) + (C[0] - B[0]) * (A[1] - C[1]);
      var a = ((B[1] - C[1]) * (x - C[0]) + (C[0] - B[0]) * (y - C[1])) / d;
      var b = ((C[1] - A[1]) * (x - C[0]) + (A[0] - C[0]) * (y - C[1])) / d;
      return [a, b, 1 - a - b];
    }
    function place() {
      var w = inputs.map(function (i) { return parseFloat(i.value) || 0; });
      var s = w[0] + w[1] + w[2];
      if (s <= 0) { marker.setAttribute("visibility", "hidden"); return; }
      marker.setAttribute("cx", (w[0] * A[0] + w[1] * B[0] + w[2] * C[0]) / s);
      marker.setAttribute("cy", (w[0] * A[1] + w[1] * B[1] + w[2] * C[1]) / s);
      marker.setAttribute("visibility", "visible");
    }
    svg.addEventListener("click", function (e) {
      var pt = svg.createSVGPoint(); pt.x = e.clientX; pt.y = e.clientY;
      var p = pt.matrixTransform(svg.getScreenCTM().inverse());
      var w = weights(p.x, p.y);
      if (w.some(function (v) { return v < -0.001; })) { return; }
      var r = w.map(function (v) { return Math.max(0, Math.round(v * 100)); });
      r[2] = 100 - r[0] - r[1];
      inputs.forEach(function (i, k) { i.value = r[k]; });
      place();
    });
    inputs.forEach(function (i) { i.addEventListener("input", place); });
    place();
  });
})();
