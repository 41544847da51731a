// The query page: YASGUI on this endpoint, one tab per named query. Nothing here talks to
// another host (the autocompleters that ask Linked Open Vocabularies are left out).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("reportgraph-queries").textContent);
  if (Yasgui.Yasqe && Yasgui.Yasqe.defaults) {
    Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  }
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: data.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: data.endpoint }]; } },
    persistenceId: null
  });
  var first = yasgui.getTab();
  data.queries.forEach(function (q, i) {
    var tab = yasgui.addTab(i === 0, { name: q.name, yasqe: { value: q.query } });
  });
  if (first && data.queries.length) { yasgui.getTab(first.getId()) && first.close(); }
}());
