// Starts GraphiQL against this gateway. Loaded from 'self' (no inline script), so the page's CSP stays strict.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  if (typeof window.GraphiQL === "undefined" || typeof window.React === "undefined") {
    root.textContent = "GraphiQL is niet geïnstalleerd op deze server (scripts/bootstrap.sh installeert het).";
    return;
  }
  var start = [
    "# Vertelpunt GraphQL-verkenner",
    "#",
    "# Het schema en de vragen werken alleen als je bent ingelogd. Zet je token onder 'Headers':",
    '#   {"Authorization": "Bearer <token>"}',
    "",
    "query Zoeken {",
    '  searchStories(query: "schuld", first: 5) {',
    "    edges { node { id title highlights } }",
    "  }",
    "}",
    "",
  ].join("\n");
  var fetcher = window.GraphiQL.createFetcher({ url: window.location.pathname });
  var element = window.React.createElement(window.GraphiQL, {
    fetcher: fetcher,
    defaultQuery: start,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: "headers",
  });
  window.ReactDOM.createRoot(root).render(element);
})();
