// Progressive enhancement of the Werkplaats: draws each chart from the Vega-Lite spec in its JSON block (the
// table next to it already holds the same numbers) and adds SVG and PNG downloads. No inline script and no eval:
// Vega runs with its expression interpreter, so the strict Content-Security-Policy holds.
"use strict";

(function () {
  function download(name, url) {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function addButton(actions, label, onClick) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--secondary-action wp-action";
    button.textContent = label;
    button.addEventListener("click", onClick);
    actions.appendChild(button);
  }

  function draw(container) {
    const source = document.getElementById(container.dataset.spec);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    const options = {
      renderer: "svg", actions: false, ast: true, expr: window.vegaExpressionInterpreter, defaultStyle: false,
      tooltip: { disableDefaultStyle: true }, formatLocale: { decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""] },
    };
    window.vegaEmbed(container, spec, options).then(function (result) {
      container.classList.add("wp-chart--ready");
      container.dataset.renderedAt = String(performance.now()); // ms since navigation start (vertelpunt bench)
      container.dataset.rendered = "true";
      const actions = document.querySelector('[data-chart-actions="' + container.id + '"]');
      if (!actions) return;
      const name = container.dataset.name || "grafiek";
      addButton(actions, actions.dataset.svgLabel, function () {
        result.view.toSVG().then(function (svg) {
          const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
          download(name + ".svg", url);
          setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        });
      });
      addButton(actions, actions.dataset.pngLabel, function () {
        result.view.toImageURL("png", 2).then(function (url) { download(name + ".png", url); });
      });
    }).catch(function (error) {
      container.dataset.rendered = "error";
      console.error("Werkplaats: grafiek niet getekend", error);
    });
  }

  // A form with errors: the summary takes the focus (screen readers read it first), and each link in it moves the
  // focus to its field, not only the scroll position.
  function focusErrors() {
    const summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        const field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        field.focus();
      });
    });
  }

  function start() {
    focusErrors();
    if (!window.vegaEmbed) return; // without the library the tables carry the numbers
    document.querySelectorAll(".wp-chart[data-spec]").forEach(draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
