/* Speaker–outlet graph page: draws /-/quotes/graph.json with the vendored cytoscape.js.
   All labels are drawn on the canvas or set with textContent, never parsed as HTML. */
(function () {
  "use strict";

  var KIND_COLOURS = { speaker: "#4e79a7", outlet: "#e15759" };
  var LABELLED_NODES = 60;
  var BIG_GRAPH = 1500;
  var state = { fontSize: 12, ready: false, nodeCount: 0, edgeCount: 0, nodeIds: [], cy: null };
  window.quotesGraph = state;

  var container = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  var search = document.getElementById("graph-search");
  var names = document.getElementById("graph-names");
  var minWeight = document.getElementById("graph-min-weight");
  var minWeightValue = document.getElementById("graph-min-weight-value");
  var colourBy = document.getElementById("graph-colour");
  var reset = document.getElementById("graph-reset");

  function nodeSize(weight, maxWeight, big) {
    return (big ? 4 : 10) + (big ? 30 : 30) * Math.sqrt(weight / maxWeight);
  }

  /* Scale stored layout coordinates to the canvas so the first fit is near zoom 1. */
  function scaler(data) {
    var extent = 1;
    data.nodes.forEach(function (n) { extent = Math.max(extent, Math.abs(n.x), Math.abs(n.y)); });
    var room = Math.min(container.clientWidth, container.clientHeight) / 2 - 40;
    var spread = data.nodes.length > BIG_GRAPH ? Math.sqrt(data.nodes.length / BIG_GRAPH) : 1;
    var factor = Math.max(room, 100) * spread / extent;
    return function (value) { return value * factor; };
  }

  function elements(data) {
    var maxWeight = Math.max.apply(null, data.nodes.map(function (n) { return n.weight; }).concat([1]));
    var ranked = data.nodes.slice().sort(function (a, b) { return b.weight - a.weight; });
    var big = data.nodes.length > BIG_GRAPH;
    var scale = scaler(data);
    var labelled = {};
    ranked.slice(0, LABELLED_NODES).forEach(function (n) { labelled[n.id] = true; });
    var nodes = data.nodes.map(function (n) {
      return {
        group: "nodes",
        data: {
          id: n.id, name: n.label, kind: n.kind, weight: n.weight, url: n.url,
          community: n.colour, kindColour: KIND_COLOURS[n.kind] || "#888",
          pixels: nodeSize(n.weight, maxWeight, big), size: 1
        },
        position: { x: scale(n.x), y: scale(n.y) },
        classes: labelled[n.id] ? "labelled" : ""
      };
    });
    var edges = data.edges.map(function (e, i) {
      return { group: "edges", data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight } };
    });
    return nodes.concat(edges);
  }

  function currentColour() {
    return colourBy.value === "kind" ? "kindColour" : "community";
  }

  function style(colourField, fontSize) {
    return [
      { selector: "node", style: {
        "background-color": "data(" + colourField + ")", "width": "data(size)", "height": "data(size)",
        "border-width": fontSize / 12, "border-color": "#ffffff", "label": "", "font-size": fontSize,
        "color": "#222", "text-outline-color": "#ffffff", "text-outline-width": fontSize / 6,
        "text-valign": "center", "text-halign": "right", "text-margin-x": fontSize / 4, "min-zoomed-font-size": 7
      } },
      { selector: "node[kind = 'outlet']", style: { "shape": "round-rectangle", "font-weight": "bold" } },
      { selector: "node.labelled, node.focused, node:selected", style: { "label": "data(name)" } },
      { selector: "edge", style: {
        "curve-style": "haystack", "line-color": "#9aa3b5", "opacity": 0.35,
        "width": "mapData(weight, 1, 10, " + fontSize / 24 + ", " + fontSize / 3 + ")"
      } },
      { selector: ".faded", style: { "opacity": 0.08, "label": "" } },
      { selector: "node.focused", style: { "border-color": "#222", "border-width": fontSize / 4, "z-index": 10 } },
      { selector: ".hidden", style: { "display": "none" } }
    ];
  }

  function draw(data) {
    var big = data.nodes.length > BIG_GRAPH;
    var cy = cytoscape({
      container: container,
      elements: elements(data),
      layout: { name: "preset", fit: true, padding: 30 },
      style: style(currentColour(), 12),
      minZoom: 0.02, maxZoom: 8, wheelSensitivity: 0.3,
      textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto",
      boxSelectionEnabled: false
    });
    state.cy = cy;
    var zoom = cy.zoom();
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.data("size", n.data("pixels") / zoom); });
      state.fontSize = 12 / zoom;
      cy.style(style(currentColour(), state.fontSize));
    });
    cy.one("render", function () {
      performance.mark("quotes-graph-drawn");
      state.nodeCount = cy.nodes().length;
      state.edgeCount = cy.edges().length;
      state.nodeIds = cy.nodes().map(function (n) { return n.id(); });
      state.ready = true;
      status.textContent = state.nodeCount + " nodes, " + state.edgeCount + " edges";
    });
    cy.on("tap", "node", function (event) { window.location.href = event.target.data("url"); });
    cy.on("mouseover", "node", function (event) { event.target.addClass("focused"); });
    cy.on("mouseout", "node", function (event) { event.target.removeClass("focused"); });
    setUpControls(cy, data);
  }

  function setUpControls(cy, data) {
    var maxEdge = Math.max.apply(null, data.edges.map(function (e) { return e.weight; }).concat([1]));
    minWeight.max = String(Math.max(1, Math.min(maxEdge, 50)));
    var fragment = document.createDocumentFragment();
    data.nodes.forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.label;
      option.textContent = n.kind;
      fragment.appendChild(option);
    });
    names.appendChild(fragment);
    minWeight.addEventListener("input", function () { filterWeight(cy, Number(minWeight.value)); });
    search.addEventListener("change", function () { focusOn(cy, search.value); });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { focusOn(cy, search.value); }
    });
    colourBy.addEventListener("change", function () {
      cy.style(style(currentColour(), state.fontSize));
    });
    reset.addEventListener("click", function () {
      search.value = "";
      minWeight.value = "1";
      filterWeight(cy, 1);
      clearFocus(cy);
      cy.fit(undefined, 30);
    });
    var wanted = new URLSearchParams(window.location.search).get("focus");
    if (wanted) { focusOn(cy, wanted); }
  }

  function filterWeight(cy, threshold) {
    minWeightValue.textContent = String(threshold);
    cy.batch(function () {
      cy.edges().forEach(function (e) { e.toggleClass("hidden", e.data("weight") < threshold); });
      cy.nodes().forEach(function (n) {
        var visible = threshold <= 1 || n.connectedEdges().some(function (e) { return !e.hasClass("hidden"); });
        n.toggleClass("hidden", !visible);
      });
    });
    status.textContent = cy.nodes(":visible").length + " nodes, " + cy.edges(":visible").length + " edges shown";
  }

  function findNode(cy, text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    var byId = cy.getElementById(text.trim());
    if (byId.nonempty() && byId.isNode()) { return byId; }
    var exact = cy.nodes().filter(function (n) { return n.data("name").toLowerCase() === wanted; });
    if (exact.nonempty()) { return exact[0]; }
    var partial = cy.nodes().filter(function (n) { return n.data("name").toLowerCase().indexOf(wanted) >= 0; });
    return partial.nonempty() ? partial.max(function (n) { return n.data("weight"); }).ele : null;
  }

  function clearFocus(cy) {
    cy.elements().removeClass("faded focused");
  }

  function focusOn(cy, text) {
    var node = findNode(cy, text);
    clearFocus(cy);
    if (!node) {
      status.textContent = "No speaker or outlet matches “" + text + "”";
      return;
    }
    var neighbourhood = node.closedNeighborhood();
    cy.batch(function () {
      cy.elements().not(neighbourhood).addClass("faded");
      neighbourhood.nodes().addClass("focused");
    });
    cy.animate({ fit: { eles: neighbourhood, padding: 60 } }, { duration: 400 });
    status.textContent = node.data("name") + ": " + (neighbourhood.nodes().length - 1) + " neighbours";
  }

  fetch(container.getAttribute("data-src"))
    .then(function (response) {
      if (!response.ok) { throw new Error("graph data: HTTP " + response.status); }
      return response.json();
    })
    .then(function (data) {
      if (!data.nodes.length) {
        status.textContent = "The graph is empty: no quote has both a speaker and an outlet.";
        state.ready = true;
        performance.mark("quotes-graph-drawn");
        return;
      }
      draw(data);
    })
    .catch(function (error) {
      status.textContent = String(error);
      state.error = String(error);
    });
})();
