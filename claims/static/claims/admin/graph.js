/* The claim graph page: fetch the admin JSON view (same session) and draw it with cytoscape.
   Colours by relation type; a suggested relation is dashed; clicking a claim opens it. */
(function () {
  "use strict";

  var COLOURS = {
    responds_to: "#5b6abf",
    supports: "#2e8b57",
    contradicts: "#d2691e",
    denies: "#c0392b",
    repeats: "#7f8c8d",
    refines: "#8e44ad"
  };

  function short(text, n) {
    return text.length > n ? text.slice(0, n - 1) + "\u2026" : text;
  }

  function nodeLabel(node) {
    var who = node.speakers.length ? node.speakers.join(", ") : "Unknown speaker";
    return who + ": " + short(node.label, 60);
  }

  function elements(data) {
    var nodes = data.nodes.map(function (n) {
      return { data: { id: String(n.id), label: nodeLabel(n), url: n.url } };
    });
    var edges = data.edges.map(function (e) {
      return {
        data: {
          id: "e" + e.id, source: String(e.source), target: String(e.target),
          label: e.type.replace("_", " "), colour: COLOURS[e.type] || "#333", status: e.status
        }
      };
    });
    return nodes.concat(edges);
  }

  function legend(list) {
    Object.keys(COLOURS).forEach(function (type) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = COLOURS[type];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(type.replace("_", " ")));
      list.appendChild(item);
    });
  }

  function style(focus) {
    return [
      { selector: "node", style: {
        "label": "data(label)", "text-wrap": "wrap", "text-max-width": "180px",
        "font-size": "10px", "background-color": "#79aec8", "width": 18, "height": 18,
        "text-valign": "bottom", "text-margin-y": 4 } },
      { selector: "node[id = '" + focus + "']", style: {
        "background-color": "#417690", "width": 28, "height": 28, "font-weight": "bold" } },
      { selector: "edge", style: {
        "label": "data(label)", "font-size": "9px", "line-color": "data(colour)",
        "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "width": 2, "text-rotation": "autorotate",
        "color": "data(colour)", "text-background-color": "#fff",
        "text-background-opacity": 0.8 } },
      { selector: "edge[status = 'suggested']", style: { "line-style": "dashed" } }
    ];
  }

  function draw(container, data, status) {
    if (!data.nodes.length) {
      status.textContent = data.note || "No claim matches.";
      return;
    }
    status.textContent = data.nodes.length + " claims, " + data.edges.length + " relations.";
    var cy = window.cytoscape({
      container: container,
      elements: elements(data),
      style: style(container.dataset.focus),
      // Without a cap, fitting two claims to the box blows their labels up to headline size.
      maxZoom: 1.5,
      layout: { name: data.nodes.length > 1 ? "cose" : "grid", animate: false, padding: 30 }
    });
    cy.on("tap", "node", function (event) {
      window.location.href = event.target.data("url");
    });
    container.claimGraph = cy;  // for tests and the console
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("claim-graph");
    var status = document.getElementById("graph-status");
    if (!container) { return; }
    legend(document.getElementById("graph-legend"));
    fetch(container.dataset.url, { credentials: "same-origin",
                                   headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("the server answered " + response.status); }
        return response.json();
      })
      .then(function (data) { draw(container, data, status); })
      .catch(function (error) { status.textContent = "Could not load the graph: " + error.message; });
  });
}());
