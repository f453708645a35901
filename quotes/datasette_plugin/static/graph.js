/* Speaker–outlet graph page: draws /-/quotes/graph.json with the vendored sigma.js
   (WebGL) and graphology. Labels are drawn on the canvas or set with textContent,
   never parsed as HTML. */
(function () {
  "use strict";

  var KIND_COLOURS = { speaker: "#4e79a7", outlet: "#e15759" };
  var FADED = "#e6e8ee";
  var MAX_LABELS = 80;
  var LABEL_MARGIN = 4;
  var BAND = 24;
  var SQUARE_SHADER = [
    "precision mediump float;",
    "varying vec4 v_color;",
    "void main(void) { gl_FragColor = v_color; }"
  ].join("\n");
  var drawnLabels = [];
  var bands = {};
  var container = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  var search = document.getElementById("graph-search");
  var names = document.getElementById("graph-names");
  var minWeight = document.getElementById("graph-min-weight");
  var minWeightValue = document.getElementById("graph-min-weight-value");
  var colourBy = document.getElementById("graph-colour");
  var reset = document.getElementById("graph-reset");
  var view = { focus: null, neighbours: null, threshold: 1 };
  var state = { ready: false, nodeCount: 0, edgeCount: 0, nodeIds: [] };
  window.quotesGraph = state;

  function buildGraph(data) {
    var graph = new graphology.Graph({ type: "undirected" });
    var maxWeight = data.nodes.reduce(function (m, n) { return Math.max(m, n.weight); }, 1);
    var ranked = data.nodes.slice().sort(function (a, b) { return b.weight - a.weight; });
    var big = data.nodes.length > 1500;
    // Nodes go in heaviest first: labels are drawn in this order, and a label that would
    // overlap one already drawn is left out, so the heaviest names always show.
    ranked.forEach(function (n) {
      graph.addNode(n.id, {
        x: n.x, y: -n.y, label: n.label, kind: n.kind, url: n.url, weight: n.weight,
        type: n.kind === "outlet" ? "square" : "circle",
        community: n.colour, size: (big ? 2 : 5) + (big ? 16 : 14) * Math.sqrt(n.weight / maxWeight),
        forceLabel: true, maxEdge: 0
      });
    });
    data.edges.forEach(function (e) {
      graph.addEdge(e.source, e.target, { weight: e.weight, size: 0.6 + Math.log(e.weight), color: "#c7ccd8" });
      [e.source, e.target].forEach(function (id) {
        graph.setNodeAttribute(id, "maxEdge", Math.max(graph.getNodeAttribute(id, "maxEdge"), e.weight));
      });
    });
    return graph;
  }

  function nodeReducer(graph) {
    return function (node, attrs) {
      var shown = Object.assign({}, attrs);
      shown.color = colourBy.value === "kind" ? KIND_COLOURS[attrs.kind] : attrs.community;
      if (view.threshold > 1 && attrs.maxEdge < view.threshold) { shown.hidden = true; }
      if (view.neighbours && !view.neighbours[node]) {
        shown.color = FADED;
        shown.label = "";
        shown.forceLabel = false;
      } else if (view.neighbours) {
        shown.forceLabel = true;
        shown.highlighted = node === view.focus;
        shown.zIndex = 1;
      }
      return shown;
    };
  }

  function edgeReducer(graph) {
    return function (edge, attrs) {
      var shown = Object.assign({}, attrs);
      if (attrs.weight < view.threshold) { shown.hidden = true; }
      if (view.focus && !graph.extremities(edge).includes(view.focus)) { shown.hidden = true; }
      return shown;
    };
  }

  function squareProgram() {
    // sigma's point program with a fragment shader that fills the whole point: a square.
    return class NodeSquareProgram extends Sigma.rendering.NodePointProgram {
      getDefinition() {
        return Object.assign({}, super.getDefinition(), { FRAGMENT_SHADER_SOURCE: SQUARE_SHADER });
      }
    };
  }

  function labelBox(data, width, size) {
    var gap = data.size + 3;
    var y1 = data.y - size / 2 - 2;
    var y2 = data.y + size / 2 + 2;
    var sides = [data.x + gap, data.x - gap - width];
    for (var i = 0; i < sides.length; i++) {
      var box = { id: data.key, x1: sides[i], x2: sides[i] + width, y1: y1, y2: y2 };
      var inside = box.x1 >= 2 && box.x2 <= container.clientWidth - 2 && y1 >= 0 && y2 <= container.clientHeight;
      if (inside && !collides(box)) { return box; }
    }
    return null;
  }

  // Labels already drawn in this frame, by horizontal band, so a check looks at neighbours only.
  function bandsOf(box) {
    var found = [];
    var last = Math.floor((box.y2 + LABEL_MARGIN) / BAND);
    for (var b = Math.floor((box.y1 - LABEL_MARGIN) / BAND); b <= last; b++) { found.push(b); }
    return found;
  }

  function collides(box) {
    return bandsOf(box).some(function (b) {
      return (bands[b] || []).some(function (other) {
        var m = LABEL_MARGIN;
        return box.x1 < other.x2 + m && other.x1 < box.x2 + m && box.y1 < other.y2 + m && other.y1 < box.y2 + m;
      });
    });
  }

  function remember(box) {
    drawnLabels.push(box);
    bandsOf(box).forEach(function (b) { (bands[b] = bands[b] || []).push(box); });
  }

  function drawLabel(context, data, settings) {
    if (!data.label || drawnLabels.length >= MAX_LABELS) { return; }
    var size = settings.labelSize;
    context.font = (data.kind === "outlet" ? "bold " : "") + size + "px " + settings.labelFont;
    var box = labelBox(data, context.measureText(data.label).width, size);
    if (!box) { return; }
    remember(box);
    context.fillStyle = "rgba(255, 255, 255, 0.75)";
    context.fillRect(box.x1 - 1, box.y1, box.x2 - box.x1 + 2, box.y2 - box.y1);
    context.fillStyle = "#1b1e28";
    context.textAlign = "left";
    context.fillText(data.label, box.x1, data.y + size / 3);
  }

  function draw(data) {
    var graph = buildGraph(data);
    var renderer = new Sigma(graph, container, {
      nodeReducer: nodeReducer(graph),
      edgeReducer: edgeReducer(graph),
      nodeProgramClasses: { square: squareProgram() },
      defaultDrawNodeLabel: drawLabel,
      labelDensity: 0,
      labelFont: "Helvetica, Arial, sans-serif",
      labelSize: 12,
      zIndex: true,
      hideEdgesOnMove: graph.size > 5000
    });
    renderer.on("beforeRender", function () { drawnLabels = []; bands = {}; });
    renderer.on("clickNode", function (event) {
      window.location.href = graph.getNodeAttribute(event.node, "url");
    });
    renderer.on("enterNode", function () { container.style.cursor = "pointer"; });
    renderer.on("leaveNode", function () { container.style.cursor = ""; });
    expose(graph, renderer);
    setUpControls(graph, renderer, data);
    requestAnimationFrame(function () {
      performance.mark("quotes-graph-drawn");
      state.ready = true;
    });
  }

  function expose(graph, renderer) {
    state.nodeCount = graph.order;
    state.edgeCount = graph.size;
    state.nodeIds = graph.nodes();
    state.renderer = renderer;
    state.pointOf = function (id) {
      var box = container.getBoundingClientRect();
      var p = renderer.graphToViewport(graph.getNodeAttributes(id));
      return { x: box.left + p.x, y: box.top + p.y };
    };
    state.labels = function () { return drawnLabels.slice(); };
    state.size = function () { return { width: container.clientWidth, height: container.clientHeight }; };
    state.faded = function () {
      return graph.nodes().filter(function (n) { return view.neighbours && !view.neighbours[n]; });
    };
    state.visibleEdges = function () {
      return graph.edges().filter(function (e) { return !edgeReducer(graph)(e, graph.getEdgeAttributes(e)).hidden; }).length;
    };
    status.textContent = graph.order + " nodes, " + graph.size + " edges";
  }

  function setUpControls(graph, renderer, data) {
    var maxEdge = data.edges.reduce(function (m, e) { return Math.max(m, e.weight); }, 1);
    minWeight.max = String(Math.max(1, Math.min(maxEdge, 50)));
    var fragment = document.createDocumentFragment();
    data.nodes.forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.label;
      option.textContent = n.kind;
      fragment.appendChild(option);
    });
    names.appendChild(fragment);
    minWeight.addEventListener("input", function () {
      view.threshold = Number(minWeight.value);
      minWeightValue.textContent = minWeight.value;
      renderer.refresh();
    });
    search.addEventListener("change", function () { focusOn(graph, renderer, search.value); });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { focusOn(graph, renderer, search.value); }
    });
    colourBy.addEventListener("change", function () { renderer.refresh(); });
    reset.addEventListener("click", function () {
      search.value = "";
      minWeight.value = "1";
      minWeightValue.textContent = "1";
      view.threshold = 1;
      view.focus = null;
      view.neighbours = null;
      renderer.refresh();
      renderer.getCamera().animatedReset({ duration: 300 });
      status.textContent = graph.order + " nodes, " + graph.size + " edges";
    });
    var wanted = new URLSearchParams(window.location.search).get("focus");
    if (wanted) { focusOn(graph, renderer, wanted); }
  }

  function findNode(graph, text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    if (graph.hasNode(text.trim())) { return text.trim(); }
    var best = null;
    graph.forEachNode(function (node, attrs) {
      var label = String(attrs.label).toLowerCase();
      var score = label === wanted ? Infinity : label.indexOf(wanted) >= 0 ? attrs.weight : -1;
      if (score >= 0 && (best === null || score > best.score)) { best = { node: node, score: score }; }
    });
    return best && best.node;
  }

  function focusOn(graph, renderer, text) {
    var node = findNode(graph, text);
    if (!node) {
      status.textContent = "No speaker or outlet matches “" + text + "”";
      return;
    }
    view.focus = node;
    view.neighbours = {};
    view.neighbours[node] = true;
    graph.forEachNeighbor(node, function (other) { view.neighbours[other] = true; });
    renderer.refresh();
    var place = renderer.getNodeDisplayData(node);
    renderer.getCamera().animate({ x: place.x, y: place.y, ratio: 0.5 }, { duration: 400 });
    var degree = graph.degree(node);
    status.textContent = graph.getNodeAttribute(node, "label") + ": " + degree + (degree === 1 ? " neighbour" : " neighbours");
  }

  fetch(container.getAttribute("data-src"))
    .then(function (response) {
      if (!response.ok) { throw new Error("graph data: HTTP " + response.status); }
      return response.json();
    })
    .then(function (data) {
      if (!data.nodes.length) {
        status.textContent = "The graph is empty: no quote has both a speaker and an outlet.";
        performance.mark("quotes-graph-drawn");
        state.ready = true;
        return;
      }
      draw(data);
    })
    .catch(function (error) {
      status.textContent = String(error);
      state.error = String(error);
    });
})();
