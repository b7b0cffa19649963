/* The claim graph page: fetch the admin JSON view (same session) and draw it with cytoscape.

   Labels are short (the speaker's last name and the start of the wording, cut with an ellipsis);
   the full wording shows on hover. After the force layout, overlapping label boxes are pushed
   apart until none overlap, so 200 claims read as 200 labels, not a pile. Relation types are
   told by colour; confirmed relations are solid, suggested ones dashed; both, and each type,
   can be hidden with the checkboxes of the legend. Claims of other speakers (or topics) that
   the asked-for claims relate to are drawn hollow. Clicking a claim opens it. */
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
  var STATUSES = { confirmed: "Confirmed (solid)", suggested: "Suggested (dashed)" };
  var LABEL_CHARS = 34;
  var GAP = 6;  // pixels kept between two label boxes

  function short(text, n) {
    return text.length > n ? text.slice(0, n - 1).replace(/\s+\S*$/, "") + "\u2026" : text;
  }

  function lastName(name) {
    var words = name.split(/\s+/);
    return words[words.length - 1];
  }

  function nodeLabel(node) {
    var who = node.speakers.length ? node.speakers.map(lastName).join(", ") : "?";
    return who + ": " + short(node.text || node.label, LABEL_CHARS);
  }

  function fullText(node) {
    var who = node.speakers.length ? node.speakers.join(", ") : "Unknown speaker";
    return "#" + node.id + " " + who + ": " + (node.text || node.label) +
      (node.first_seen ? " (" + node.first_seen.slice(0, 10) + ")" : "");
  }

  function elements(data) {
    var nodes = data.nodes.map(function (n) {
      return { data: { id: String(n.id), label: nodeLabel(n), full: fullText(n), url: n.url },
               classes: n.focus === false ? "neighbour" : "focus" };
    });
    var edges = data.edges.map(function (e) {
      return {
        data: {
          id: "e" + e.id, source: String(e.source), target: String(e.target),
          type: e.type, name: e.type.replace("_", " "), colour: COLOURS[e.type] || "#333",
          status: e.status
        },
        classes: e.status
      };
    });
    return nodes.concat(edges);
  }

  function checkbox(list, text, swatch, onChange) {
    var item = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    if (swatch) { label.appendChild(swatch); }
    label.appendChild(document.createTextNode(text));
    item.appendChild(label);
    list.appendChild(item);
    return box;
  }

  function swatch(colour, dashed) {
    var span = document.createElement("span");
    span.className = "swatch" + (dashed ? " dashed" : "");
    span.style.borderTopColor = colour;
    return span;
  }

  function legend(list, state, apply) {
    Object.keys(STATUSES).forEach(function (status) {
      var box = checkbox(list, STATUSES[status], swatch("#333", status === "suggested"),
                         function (on) { state.status[status] = on; apply(); });
      box.dataset.status = status;
    });
    Object.keys(COLOURS).forEach(function (type) {
      var box = checkbox(list, type.replace("_", " "), swatch(COLOURS[type], false),
                         function (on) { state.type[type] = on; apply(); });
      box.dataset.type = type;
    });
    var item = document.createElement("li");
    item.className = "legend-nodes";
    item.innerHTML = '<span class="dot focus"></span>claims asked for ' +
      '<span class="dot neighbour"></span>related claims of other speakers';
    list.appendChild(item);
  }

  function style(focus) {
    return [
      { selector: "node", style: {
        "label": "data(label)", "text-wrap": "ellipsis", "text-max-width": "200px",
        "font-size": "11px", "background-color": "#79aec8", "width": 14, "height": 14,
        "text-valign": "bottom", "text-margin-y": 3, "color": "#222",
        "text-background-color": "#fff", "text-background-opacity": 0.85,
        "text-background-padding": "1px" } },
      { selector: "node.neighbour", style: {
        "background-color": "#fff", "border-width": 2, "border-color": "#417690",
        "color": "#555" } },
      { selector: "node[id = '" + focus + "']", style: {
        "background-color": "#417690", "width": 22, "height": 22, "font-weight": "bold" } },
      { selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "width": 2,
        "arrow-scale": 0.9 } },
      { selector: "edge.suggested", style: { "line-style": "dashed", "width": 1.5 } },
      { selector: "edge.confirmed", style: { "width": 3 } },
      { selector: ".hidden", style: { "display": "none" } }
    ];
  }

  function boxes(cy) {
    return cy.nodes().map(function (n) {
      var bb = n.boundingBox({ includeLabels: true, includeOverlays: false });
      var p = n.position();
      return { node: n, x: p.x, y: p.y, left: bb.x1 - p.x, right: bb.x2 - p.x,
               top: bb.y1 - p.y, bottom: bb.y2 - p.y };
    });
  }

  function overlapping(a, b) {
    return a.x + a.left < b.x + b.right + GAP && b.x + b.left < a.x + a.right + GAP &&
      a.y + a.top < b.y + b.bottom + GAP && b.y + b.top < a.y + a.bottom + GAP;
  }

  /* Push overlapping boxes apart (each pair along the axis where they overlap least, half
     each way) until none overlap; after 300 rounds, fall back to a grid, which cannot. */
  function separate(cy) {
    var all = boxes(cy);
    for (var round = 0; round < 300; round++) {
      var moved = false;
      all.sort(function (a, b) { return (a.x + a.left) - (b.x + b.left); });
      for (var i = 0; i < all.length; i++) {
        var a = all[i];
        for (var j = i + 1; j < all.length; j++) {
          var b = all[j];
          if (b.x + b.left >= a.x + a.right + GAP) { break; }
          if (!overlapping(a, b)) { continue; }
          var dx = Math.min(a.x + a.right, b.x + b.right) - Math.max(a.x + a.left, b.x + b.left) + GAP;
          var dy = Math.min(a.y + a.bottom, b.y + b.bottom) - Math.max(a.y + a.top, b.y + b.top) + GAP;
          if (dy <= dx) {
            var sy = (a.y <= b.y ? 1 : -1) * (dy / 2 + 0.5);
            a.y -= sy; b.y += sy;
          } else {
            var sx = (a.x <= b.x ? 1 : -1) * (dx / 2 + 0.5);
            a.x -= sx; b.x += sx;
          }
          moved = true;
        }
      }
      if (!moved) { break; }
    }
    cy.batch(function () {
      all.forEach(function (b) { b.node.position({ x: b.x, y: b.y }); });
    });
    if (anyOverlap(cy)) {
      cy.layout({ name: "grid", avoidOverlap: true, nodeDimensionsIncludeLabels: true,
                  padding: 20, avoidOverlapPadding: GAP * 2 }).run();
    }
  }

  function anyOverlap(cy) {
    var all = boxes(cy);
    for (var i = 0; i < all.length; i++) {
      for (var j = i + 1; j < all.length; j++) {
        if (overlapping(all[i], all[j])) { return true; }
      }
    }
    return false;
  }

  function tooltip(container, cy) {
    var tip = document.createElement("div");
    tip.className = "graph-tooltip";
    tip.id = "graph-tooltip";
    tip.hidden = true;
    container.parentNode.insertBefore(tip, container.nextSibling);
    function show(text, event) {
      tip.textContent = text;
      tip.hidden = false;
      var r = container.getBoundingClientRect();
      var p = event.renderedPosition || { x: 0, y: 0 };
      tip.style.left = (window.scrollX + r.left + p.x + 12) + "px";
      tip.style.top = (window.scrollY + r.top + p.y + 12) + "px";
    }
    cy.on("mouseover", "node", function (event) { show(event.target.data("full"), event); });
    cy.on("mouseover", "edge", function (event) {
      var e = event.target;
      show("#" + e.data("source") + " " + e.data("name") + " #" + e.data("target") +
           " (" + e.data("status") + ")", event);
    });
    cy.on("mouseout", "node, edge", function () { tip.hidden = true; });
  }

  function draw(container, data, status) {
    if (!data.nodes.length) {
      status.textContent = data.note || "No claim matches.";
      return;
    }
    var suggested = data.edges.filter(function (e) { return e.status === "suggested"; }).length;
    status.textContent = data.nodes.length + " claims, " + data.edges.length + " relations (" +
      (data.edges.length - suggested) + " confirmed, " + suggested + " suggested).";
    // A taller box for a larger graph, so that fitting it keeps the labels legible.
    if (data.nodes.length > 40) {
      container.style.height = Math.min(1500, 640 + (data.nodes.length - 40) * 5) + "px";
    }
    var cy = window.cytoscape({
      container: container,
      elements: elements(data),
      style: style(container.dataset.focus),
      // Without a cap, fitting two claims to the box blows their labels up to headline size.
      maxZoom: 1.5,
      layout: { name: "preset" }
    });
    if (data.nodes.length > 1) {
      cy.layout({ name: "cose", animate: false, randomize: false, padding: 30,
                  nodeDimensionsIncludeLabels: true, idealEdgeLength: 120,
                  nodeRepulsion: 800000, componentSpacing: 80 }).run();
    }
    separate(cy);
    cy.fit(undefined, 20);
    var state = { status: { confirmed: true, suggested: true }, type: {} };
    Object.keys(COLOURS).forEach(function (type) { state.type[type] = true; });
    function apply() {
      cy.batch(function () {
        cy.edges().forEach(function (e) {
          var on = state.status[e.data("status")] !== false && state.type[e.data("type")] !== false;
          e.toggleClass("hidden", !on);
        });
      });
    }
    var list = document.getElementById("graph-legend");
    if (list) { legend(list, state, apply); }
    tooltip(container, cy);
    cy.on("tap", "node", function (event) {
      window.location.href = event.target.data("url");
    });
    container.claimGraph = cy;  // for tests and the console
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("claim-graph");
    var status = document.getElementById("graph-status");
    if (!container) { return; }
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
