// Actor graph: nodes on a circle, one line per relation; disputed relations dashed red.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  fetch("/api/stories/" + encodeURIComponent(box.dataset.story) + "/graph").then(function (r) { return r.json(); })
    .then(function (graph) {
      if (!graph.nodes.length) return;
      var size = 640, c = size / 2, radius = size / 2 - 110, pos = {};
      graph.nodes.forEach(function (n, i) {
        var a = 2 * Math.PI * i / graph.nodes.length;
        pos[n.id] = [c + radius * Math.cos(a), c + radius * Math.sin(a)];
      });
      var svg = el("svg", { viewBox: "0 0 " + size + " " + size, role: "img" });
      var defs = el("defs", {});
      var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 16, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto" });
      marker.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#888" }));
      defs.appendChild(marker);
      svg.appendChild(defs);
      graph.edges.forEach(function (e) {
        var a = pos[e.source], b = pos[e.target];
        var line = el("line", { class: "edge-line" + (e.disputed ? " disputed" : ""), x1: a[0], y1: a[1], x2: b[0], y2: b[1], "marker-end": "url(#arrow)" });
        line.appendChild(el("title", {}, e.relation + " — " + e.reports.join(", ") + (e.disputed ? " (disputed)" : "")));
        svg.appendChild(line);
        svg.appendChild(el("text", { x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2, "font-size": 10, fill: "#555" }, e.relation));
      });
      graph.nodes.forEach(function (n) {
        var g = el("g", { class: "node" });
        g.appendChild(el("circle", { cx: pos[n.id][0], cy: pos[n.id][1], r: 6 }));
        g.appendChild(el("text", { x: pos[n.id][0] + 9, y: pos[n.id][1] + 4 }, n.label));
        svg.appendChild(g);
      });
      box.appendChild(svg);
    });
})();
