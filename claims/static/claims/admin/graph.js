/* The claim graph page: fetch the admin JSON view (same session) and draw it with cytoscape.

   Each claim is a box holding its label: the speaker by the name an analyst uses (the
   registry's short name the JSON sends, "Xi" for Xi Jinping, else the whole name; joint
   speakers joined with "&") and the start of the wording, cut with an ellipsis; the full
   wording shows on hover. Relations are drawn under the boxes and end at their borders, and
   the layout leaves them room: claims in rows by distance from a root, the gap between two
   rows as tall as the slant of the relations crossing it needs (a line leaves its box through
   the bottom, not through the row), a relation between two claims of one row arched over the
   boxes between them, a long chain laid out back and forth so that its links stay short. So
   200 claims read as 200 labels with no line through one. Relation types are told by colour;
   confirmed relations are solid, suggested ones dashed; both, and each type, can be hidden
   with the checkboxes of the legend. Claims of other speakers (or topics) that the asked-for
   claims relate to are drawn hollow. Clicking a claim opens it. */
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
  var WHO_CHARS = 18;  // a longer speaker part is cut too, to leave room for the wording
  var GAP = 6;  // pixels kept between two label boxes
  var FONT = "Helvetica, Arial, sans-serif";
  var BOX_HEIGHT = 20;
  var PAD = 12;  // horizontal room around the label inside its box
  var LANE = 14;  // the lane left of each column of a grid row, for the relations into it
  var BUS_STEP = 5;  // between two buses in the gap above a grid
  var MARGIN = 20;  // pixels between the drawing and the edge of its box
  var MIN_HEIGHT = 120;

  function short(text, n) {
    return text.length > n ? text.slice(0, n - 1).replace(/\s+\S*$/, "") + "\u2026" : text;
  }

  /* "Putin", "Putin & Xi", "Putin, Xi & Lula": the short names the JSON sends (the whole
     name where the registry has none), never a word cut out of a name by rule. */
  function speakerLabel(node) {
    var names = node.short_speakers || node.speakers;
    if (!names.length) { return "?"; }
    var who = names.length === 1 ? names[0] :
      names.slice(0, -1).join(", ") + " & " + names[names.length - 1];
    return short(who, WHO_CHARS);
  }

  function nodeLabel(node, chars) {
    var who = speakerLabel(node);
    return who + ": " + short(node.text || node.label, chars - Math.max(0, who.length - 8));
  }

  var measure = document.createElement("canvas").getContext("2d");

  function textWidth(text, bold) {
    measure.font = (bold ? "bold " : "") + "11px " + FONT;
    return Math.ceil(measure.measureText(text).width);
  }

  function fullText(node) {
    var who = node.speakers.length ? node.speakers.join(", ") : "Unknown speaker";
    return "#" + node.id + " " + who + ": " + (node.text || node.label) +
      (node.first_seen ? " (" + node.first_seen.slice(0, 10) + ")" : "");
  }

  function elements(data, focus) {
    // Shorter labels on a large graph, so that it fits the box at a legible size.
    var chars = data.nodes.length > 60 ? LABEL_CHARS - 8 : LABEL_CHARS;
    var nodes = data.nodes.map(function (n) {
      var label = nodeLabel(n, chars);
      return { data: { id: String(n.id), label: label, full: fullText(n), url: n.url,
                       w: textWidth(label, String(n.id) === focus) + PAD },
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

  /* A claim is an opaque box with its label inside; relations are drawn under the boxes
     (z-index-compare auto puts edges below nodes) and end at the boxes' borders, so no line
     is ever drawn over a label. */
  function style(focus) {
    return [
      { selector: "node", style: {
        "shape": "round-rectangle", "width": "data(w)", "height": BOX_HEIGHT,
        "label": "data(label)", "font-family": FONT, "font-size": "11px",
        "text-valign": "center", "text-halign": "center", "color": "#222",
        "background-color": "#dcebf3", "background-opacity": 1,
        "border-width": 1, "border-color": "#79aec8" } },
      { selector: "node.neighbour", style: {
        "background-color": "#fff", "border-width": 1.5, "border-color": "#417690",
        "border-style": "dashed", "color": "#444" } },
      { selector: "node[id = '" + focus + "']", style: {
        "background-color": "#417690", "border-color": "#264b5d", "color": "#fff",
        "font-weight": "bold" } },
      { selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "width": 2,
        "arrow-scale": 0.9, "z-index-compare": "auto" } },
      { selector: "edge.arched", style: {
        "curve-style": "unbundled-bezier", "control-point-distances": "data(arch)",
        "control-point-weights": 0.5 } },
      { selector: "edge.suggested", style: { "line-style": "dashed", "width": 1.5 } },
      { selector: "edge.confirmed", style: { "width": 3 } },
      { selector: "edge.routed-in, edge.routed-out", style: {
        "curve-style": "segments", "edge-distances": "node-position",
        "segment-weights": "data(segW)", "segment-distances": "data(segD)" } },
      { selector: "edge.routed-in", style: {
        "source-endpoint": "0% 50%", "target-endpoint": "-50% 0%" } },
      { selector: "edge.routed-out", style: {
        "source-endpoint": "-50% 0%", "target-endpoint": "0% 50%" } },
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

  /* Each connected group in rows: a root (the claim asked for, else the most linked one),
     then the claims one relation away, then two, ...; each row in the order of the claims it
     hangs from, wrapped at the box's width. Label boxes are wide and short, so rows of them
     read where a force layout's scatter (tried: cose) had to be shrunk to a few pixels. A long
     chain (a claim repeated over months) as rows of one claim each would be a column too tall
     to fit legibly: deep groups flow on, row after row, back and forth, so that each claim
     stays beside or under the one before it and their relation stays short. */
  function layers(cy, focus, width) {
    cy.elements().components().forEach(function (component, group) {
      var nodes = component.nodes();
      nodes.scratch("_group", group);
      var root = nodes.filter(function (n) { return n.id() === focus; })[0] ||
        nodes.max(function (n) { return n.degree(false) * 100000 - Number(n.id()); }).ele;
      var depth = {}, rows = [];
      depth[root.id()] = 0;
      var queue = [root];
      while (queue.length) {
        var n = queue.shift();
        var d = depth[n.id()];
        (rows[d] = rows[d] || []).push(n);
        n.neighborhood("node").forEach(function (m) {
          if (depth[m.id()] === undefined) { depth[m.id()] = d + 1; queue.push(m); }
        });
      }
      // Only a chain (rows of one or two claims) flows; a deep tree with wide rows keeps its
      // rows, where a relation runs from a row to the next and two relations never cross.
      var flow = rows.length > 6 && nodes.length <= rows.length * 1.5;
      var place = {}, lines = [], line = [], x = 0;
      function wrap() {
        if (line.length) { lines.push(line); }
        line = [];
        x = 0;
      }
      rows.forEach(function (row, d) {
        if (d > 0) {
          // Under the claims they hang from: by the mean place of their neighbours above.
          row.forEach(function (n) {
            var above = n.neighborhood("node").filter(function (m) {
              return depth[m.id()] === d - 1;
            });
            n.scratch("_at", above.length ? above.toArray().reduce(function (sum, m) {
              return sum + place[m.id()];
            }, 0) / above.length : 0);
          });
          // Of two under one claim, the one the next row hangs from goes last: in a flowing
          // group the next row follows it, and a claim answering two claims of a chain
          // (11, the answer, 12, 13) sits between them instead of making the chain's next
          // link (12 -> 13) arch over it across the answer's own arch (11 -> answer).
          row.forEach(function (n) {
            n.scratch("_leads", n.neighborhood("node").some(function (m) {
              return depth[m.id()] === d + 1;
            }) ? 1 : 0);
          });
          row.sort(function (a, b) {
            return (a.scratch("_at") - b.scratch("_at")) ||
              (a.scratch("_leads") - b.scratch("_leads"));
          });
        }
        var total = row.reduce(function (sum, n) { return sum + n.data("w") + GAP * 2; }, 0);
        if (!flow && total > width) {
          // A row too wide for one line (a claim many answer): a grid of equal columns, each
          // with a lane on its left down which the relations to its claims run (route()).
          wrap();
          var colW = Math.max.apply(null, row.map(function (n) { return n.data("w"); }));
          var fit = gridColumns(row, colW, width, depth, d);
          gridLines(row, fit.cols).forEach(function (cells, k) {
            cells.grid = { colW: colW, lane: fit.lane, first: k === 0, depth: d };
            cells.forEach(function (n, c) {
              place[n.id()] = fit.lane + c * (colW + fit.lane) + n.data("w") / 2;
              n.scratch("_wrapped", k);
            });
            lines.push(cells);
          });
          return;
        }
        if (!flow) { wrap(); }
        row.forEach(function (n) {
          var w = n.data("w");
          if (x > 0 && x + w > width) { wrap(); }
          place[n.id()] = flow ? lines.length * width + x : x + w / 2;
          line.push(n);
          x += w + GAP * 2;
        });
      });
      wrap();
      placeLines(lines, flow, depth);
      if (!flow) { route(nodes, depth); }
    });
  }

  /* The relations routed down a grid's lanes, bundled: one bundle per claim above, status and
     type. Relations of one bundle may share a bus and a lane (they read as one branching line
     of one colour and one dash); two bundles never share a stretch of line, or a dashed
     (suggested) relation running along a solid (confirmed) one would be drawn as one line. */
  function bundle(edge, parent) {
    return parent.id() + " " + edge.data("status") + " " + edge.data("type");
  }

  /* The routed relations of a grid's later lines, each as {edge, child, parent, key}. */
  function routed(cells, depth, d) {
    var out = [];
    cells.forEach(function (child) {
      child.connectedEdges().forEach(function (e) {
        var parent = e.source().same(child) ? e.target() : e.source();
        if (depth[parent.id()] !== d - 1) { return; }
        out.push({ edge: e, child: child, parent: parent, key: bundle(e, parent) });
      });
    });
    return out;
  }

  /* A grid row's lines: its claims column by column, top to bottom, so that the claims of
     one claim above (next to each other in the row's order) share a column or two and its
     relations one lane or two, not one lane in every column; then the claims the next row
     hangs from, line by line under the others, so that their relations down to it leave from
     under the grid, not through its other lines. The k-th claim of a line is in column k. */
  function gridLines(row, cols) {
    var rest = row.filter(function (n) { return !n.scratch("_leads"); });
    var leads = row.filter(function (n) { return n.scratch("_leads"); });
    var height = Math.ceil(rest.length / cols), lines = [];
    for (var k = 0; k < height; k++) {
      lines.push(rest.filter(function (n, i) { return i % height === k; }));
    }
    for (var j = 0; j < leads.length; j += cols) { lines.push(leads.slice(j, j + cols)); }
    return lines;
  }

  /* How many columns a grid row gets, and how wide the lane left of each is: wide enough for
     one line per bundle running down it, 4 pixels apart (the column count and the bundles of
     a column depend on each other: a few rounds settle them). */
  function gridColumns(row, colW, width, depth, d) {
    var lane = LANE, cols = 1;
    for (var round = 0; round < 4; round++) {
      cols = Math.max(1, Math.floor((width - lane) / (colW + lane)));
      var perColumn = {};
      gridLines(row, cols).slice(1).forEach(function (line) {
        routed(line, depth, d).forEach(function (r) {
          var c = line.indexOf(r.child);
          perColumn[c] = perColumn[c] || [];
          if (perColumn[c].indexOf(r.key) < 0) { perColumn[c].push(r.key); }
        });
      });
      var most = Math.max.apply(null, [0].concat(Object.keys(perColumn).map(function (c) {
        return perColumn[c].length;
      })));
      var wanted = Math.max(LANE, 4 * (most + 1));
      if (wanted === lane) { break; }
      lane = wanted;
    }
    // Unsettled after the rounds, the lane changed after the count was taken: count again, so
    // that the grid is never wider than the box (its lines a little closer, at worst).
    cols = Math.max(1, Math.floor((width - lane) / (colW + lane)));
    return { cols: cols, lane: lane };
  }

  /* The relations between a claim and those of a grid row below its first line would run
     through the lines above them: route each down from its claim above (each bundle from its
     own point of that claim's bottom), along the gap above the grid (one bus per bundle), to
     the lane left of its claim's column (one line per bundle), down the lane and into the
     claim's left side. */
  function route(nodes, depth) {
    nodes.connectedEdges().forEach(function (e) {
      var s = e.source(), t = e.target();
      // The end one row deeper, on a grid's later line (both ends may be on grids' later
      // lines: two wrapped rows, one under the other).
      var child = depth[s.id()] === depth[t.id()] + 1 ? s :
        depth[t.id()] === depth[s.id()] + 1 ? t : null;
      if (!child || !(child.scratch("_wrapped") > 0)) { return; }
      var parent = child.same(s) ? t : s;
      var info = child.scratch("_grid");
      var key = bundle(e, parent);
      var level = info.parents.indexOf(key);
      var busY = info.top - 8 - level * BUS_STEP;
      var p = parent.position(), c = child.position();
      var left = c.x - child.data("w") / 2;
      var inLane = (info.lanes[Math.round(left)] || [key]).indexOf(key);
      var laneX = left - info.lane + 4 * (inLane + 1);
      // Each bundle of the claims above in this claim's column its own drop: two such
      // claims, one over the other, do not drop down one line.
      var own = info.parents.filter(function (k) {
        var other = parent.cy().getElementById(k.split(" ")[0]);
        return Math.abs(other.position("x") - other.data("w") / 2 -
                        (p.x - parent.data("w") / 2)) < 1;
      });
      // Off the middle of the claim's bottom, where a relation straight down to a claim of
      // the grid's first line leaves.
      var drop = Math.min(parent.data("w") / 2 - 4, 5 * (own.indexOf(key) + 1));
      e.style(child.same(s) ? "target-endpoint" : "source-endpoint", drop + "px 50%");
      var points = [{ x: p.x + drop, y: busY }, { x: laneX, y: busY }, { x: laneX, y: c.y }];
      if (child.same(s)) { points.reverse(); }
      var a = s.position(), b = t.position();
      var dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy, len = Math.sqrt(len2);
      e.data("segW", points.map(function (q) {
        return ((q.x - a.x) * dx + (q.y - a.y) * dy) / len2;
      }).join(" "));
      e.data("segD", points.map(function (q) {
        return ((q.y - a.y) * dx - (q.x - a.x) * dy) / len;
      }).join(" "));
      e.addClass(child.same(t) ? "routed-in" : "routed-out");
    });
  }

  /* Lines of boxes, top to bottom. In a flowing group every other line runs right to left,
     starting under the end of the line above. The gap under a line is as tall as the relations
     crossing it need to leave their boxes through the bottom and enter the next ones through
     the top: a line slanting more would run along its row, through the boxes beside it. */
  function placeLines(lines, snake, depth) {
    var minGap = 26, maxGap = 160, y = 0, right = 0, at = {};
    lines.forEach(function (line, i) {
      var total = line.reduce(function (sum, n) { return sum + n.data("w") + GAP * 2; }, 0);
      var back = snake && i % 2 === 1;
      var x = back ? Math.max(0, right - total + GAP * 2) : 0;
      if (line.grid) {
        line.forEach(function (n, c) {
          at[n.id()] = { x: line.grid.lane + c * (line.grid.colW + line.grid.lane) +
                           n.data("w") / 2, line: i };
        });
        return;
      }
      (back ? line.slice().reverse() : line).forEach(function (n) {
        var w = n.data("w");
        at[n.id()] = { x: x + w / 2, line: i };
        x += w + GAP * 2;
      });
      right = x - GAP * 2;
    });
    var gapAbove = [minGap];
    lines.forEach(function (line, i) {
      if (i === 0) { return; }
      var pitch = BOX_HEIGHT + minGap;
      line.forEach(function (b) {
        b.neighborhood("node").forEach(function (a) {
          var pa = at[a.id()];
          if (!pa || pa.line !== i - 1) { return; }
          var dx = Math.abs(pa.x - at[b.id()].x);
          pitch = Math.max(pitch, dx * BOX_HEIGHT / Math.min(a.data("w"), b.data("w")) + 4);
        });
      });
      gapAbove[i] = Math.min(maxGap, pitch - BOX_HEIGHT);
      if (line.grid && line.grid.first) {
        // Room for one bus per bundle (claim above, status, type) of relations to claims on
        // the grid's later lines; and each column's bundles, in the order of their lines.
        var parents = [], lanes = {};
        lines.forEach(function (other) {
          if (other.grid && other.grid.depth === line.grid.depth && !other.grid.first) {
            routed(other, depth, line.grid.depth).forEach(function (r) {
              if (parents.indexOf(r.key) < 0) { parents.push(r.key); }
              var left = Math.round(at[r.child.id()].x - r.child.data("w") / 2);
              lanes[left] = lanes[left] || [];
              if (lanes[left].indexOf(r.key) < 0) { lanes[left].push(r.key); }
            });
          }
        });
        line.grid.parents = parents;
        line.grid.lanes = lanes;
        gapAbove[i] = Math.max(gapAbove[i], 16 + parents.length * BUS_STEP);
      }
    });
    lines.forEach(function (line, i) {
      if (i > 0) { y += BOX_HEIGHT + gapAbove[i]; }
      if (line.grid && line.grid.first) { line.grid.top = y - BOX_HEIGHT / 2; }
      var grid = line.grid && lines.filter(function (other) {
        return other.grid && other.grid.first && other.grid.depth === line.grid.depth;
      })[0].grid;
      line.forEach(function (n) {
        if (grid) { n.scratch("_grid", grid); }
        n.position({ x: at[n.id()].x, y: y });
        n.scratch("_line", { index: i, gapAbove: gapAbove[i] });
      });
    });
  }

  /* A relation between two claims of one line with others between them would run through
     those: arch it over them, its top in the middle of the gap above the line. */
  function arch(cy) {
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var s = e.source(), t = e.target();
        var ls = s.scratch("_line"), lt = t.scratch("_line");
        if (!ls || !lt || s.same(t) || s.position("y") !== t.position("y")) { return; }
        var x1 = Math.min(s.position("x"), t.position("x"));
        var x2 = Math.max(s.position("x"), t.position("x"));
        // Each group is laid out from the origin until pack() moves it: only its own claims.
        var between = cy.nodes().some(function (n) {
          return n.scratch("_group") === s.scratch("_group") &&
            n.position("y") === s.position("y") && n.position("x") > x1 &&
            n.position("x") < x2 && !n.same(s) && !n.same(t);
        });
        if (!between) { return; }
        e.data("arch", BOX_HEIGHT + ls.gapAbove);
        e.addClass("arched");
      });
    });
    // Which side a positive distance bends to depends on the relation's direction: bend up.
    cy.edges(".arched").forEach(function (e) {
      var c = (e.controlPoints() || [])[0];
      if (c && c.y > e.source().position("y")) { e.data("arch", -e.data("arch")); }
    });
  }

  /* Lay the connected groups (and lone claims) out in rows as wide as the box, tallest
     first: the force layout scatters them over a wide area that fitting would shrink to
     unreadable labels. Groups keep their own shape and only move, so nothing comes to
     overlap. */
  function pack(cy, width) {
    var groups = cy.elements().components().map(function (component) {
      // Edges included: an arch rises above its line's boxes.
      var bb = component.boundingBox({ includeLabels: true, includeOverlays: false,
                                       includeEdges: true });
      return { nodes: component.nodes(), bb: bb };
    });
    groups.sort(function (a, b) {
      return (b.bb.h - a.bb.h) || (b.nodes.length - a.nodes.length);
    });
    var x = 0, y = 0, rowHeight = 0, gap = GAP * 2;
    cy.batch(function () {
      groups.forEach(function (g) {
        if (x > 0 && x + g.bb.w > width) {
          x = 0;
          y += rowHeight + gap;
          rowHeight = 0;
        }
        var dx = x - g.bb.x1, dy = y - g.bb.y1;
        g.nodes.positions(function (n) {
          var p = n.position();
          return { x: p.x + dx, y: p.y + dy };
        });
        x += g.bb.w + gap;
        rowHeight = Math.max(rowHeight, g.bb.h);
      });
    });
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
    var cy = window.cytoscape({
      container: container,
      elements: elements(data, container.dataset.focus),
      style: style(container.dataset.focus),
      // Without a cap, fitting two claims to the box blows their labels up to headline size.
      maxZoom: 1.5,
      layout: { name: "preset" }
    });
    // Laid out as wide as the box less its margins, so that it is drawn at full size.
    var width = container.clientWidth - 2 * MARGIN;
    layers(cy, container.dataset.focus, width);
    arch(cy);
    pack(cy, width);
    separate(cy);  // a safety net: rows and packing already keep the label boxes apart
    // The box as tall as the drawing at full size (the page scrolls, rather than the labels
    // shrinking to fit), and no taller: fitting a short drawing to a tall box centred it,
    // leaving a band of empty box above the first row.
    var height = cy.elements().boundingBox({ includeLabels: true }).h + 2 * MARGIN;
    container.style.height = Math.max(MIN_HEIGHT, Math.min(6000, Math.ceil(height))) + "px";
    cy.resize();
    cy.fit(undefined, MARGIN);
    // A drawing narrower than the box, or one fitted below full size, is still centred
    // vertically: move its top to the margin.
    cy.panBy({ x: 0, y: MARGIN - cy.elements().renderedBoundingBox({ includeLabels: true }).y1 });
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
