// Offline map: country outlines from world-atlas (TopoJSON) projected with d3-geo, markers for places.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;  // textContent: place names are never parsed as HTML
    return node;
  }
  Promise.all([
    fetch(box.dataset.atlas).then(function (r) { return r.json(); }),
    fetch("/api/stories/" + encodeURIComponent(box.dataset.story) + "/places").then(function (r) { return r.json(); })
  ]).then(function (res) {
    var world = res[0], places = res[1].places.filter(function (p) { return p.lat !== null && p.lon !== null; });
    var width = 1000, height = 625;
    var countries = topojson.feature(world, world.objects.countries);
    var projection = d3.geoEquirectangular();
    if (places.length) {
      var lons = places.map(function (p) { return p.lon; }), lats = places.map(function (p) { return p.lat; });
      var pad = 4;
      var w = Math.min(Math.min.apply(null, lons) - pad, 179), e = Math.max(Math.max.apply(null, lons) + pad, -179);
      var s = Math.max(Math.min.apply(null, lats) - pad, -85), n = Math.min(Math.max.apply(null, lats) + pad, 85);
      // Corner points, not a polygon: a polygon's winding decides which side d3-geo takes as inside.
      var frame = { type: "MultiPoint", coordinates: [[w, s], [e, n], [w, n], [e, s]] };
      projection.fitExtent([[10, 10], [width - 10, height - 10]], frame);
    } else {
      projection.fitSize([width, height], countries);
    }
    var path = d3.geoPath(projection);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img" });
    var land = el("g", { class: "countries" });
    countries.features.forEach(function (f) {
      var d = path(f);
      if (d) land.appendChild(el("path", { class: "country", d: d }, undefined)).appendChild(el("title", {}, f.properties.name));
    });
    svg.appendChild(land);
    var marks = el("g", { class: "places" });
    var labels = el("g", { class: "labels" });  // above every marker, so no circle hides a name
    var max = Math.max.apply(null, places.map(function (p) { return p.mentions; }).concat([1]));
    var taken = [];  // label boxes already placed: most-mentioned places are labelled first
    function overlaps(b) {
      return taken.some(function (t) { return b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3]; });
    }
    places.slice().sort(function (a, b) { return b.mentions - a.mentions; }).forEach(function (p) {
      var xy = projection([p.lon, p.lat]);
      var g = el("g", { class: "place", "data-name": p.name });
      g.appendChild(el("circle", { class: "marker", cx: xy[0], cy: xy[1], r: 4 + 6 * Math.sqrt(p.mentions / max) }))
        .appendChild(el("title", {}, p.name + ": " + p.mentions + " mention(s)"));
      var rect = [xy[0] + 8, xy[1] - 9, xy[0] + 12 + 7 * p.name.length, xy[1] + 6];
      if (!overlaps(rect)) {
        taken.push(rect);
        labels.appendChild(el("text", { class: "label", "data-name": p.name, x: xy[0] + 9, y: xy[1] + 4 }, p.name));
      }
      marks.appendChild(g);
    });
    svg.appendChild(marks);
    svg.appendChild(labels);
    box.appendChild(svg);
    box.dataset.ready = "1";
  }).catch(function (err) {
    var p = document.createElement("p");
    p.className = "warning";
    p.textContent = "The map could not be drawn: " + err;
    box.appendChild(p);
  });
})();
