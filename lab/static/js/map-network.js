// The network, drawn with the vendored Cytoscape.js from the JSON block the page carries: the lab at
// the centre, actors on rings by evidence; colour by sector, square for internal and circle for
// external actors, dashed lines for potential relations, size by evidence. The table below the
// drawing says the same for keyboards and screen readers.
(function () {
  "use strict";
  const container = document.getElementById("network");
  const source = document.getElementById("network-data");
  if (!container || !source || typeof cytoscape !== "function") return;
  const data = JSON.parse(source.textContent);
  const status = document.getElementById("network-status");
  const started = performance.now();
  const maxEvidence = Math.max(1, ...data.nodes.map(n => n.data.evidence || 0));
  const ring = node => node.data("kind") === "lab" ? 1e9 : Math.ceil(4 * (node.data("evidence") || 0) / maxEvidence);

  const cy = cytoscape({
    container: container,
    elements: data,
    wheelSensitivity: 0.3,
    maxZoom: 2,
    pixelRatio: 1,  // a large lab draws every frame at the screen's own resolution: sharp enough, far cheaper
    style: [
      {selector: "node", style: {
        "background-color": "data(colour)", "label": "data(label)", "font-size": 11, "color": "#1a1a1a",
        "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#ffffff",
        "text-background-opacity": 0.8, "text-background-padding": 1, "min-zoomed-font-size": 8,
        "width": n => 14 + 30 * Math.sqrt((n.data("evidence") || 0) / maxEvidence),
        "height": n => 14 + 30 * Math.sqrt((n.data("evidence") || 0) / maxEvidence),
        "shape": n => n.data("scope") === "internal" ? "round-rectangle" : "ellipse"}},
      {selector: "node[kind = 'lab']", style: {"background-color": "#0b5cad", "shape": "star", "width": 54,
        "height": 54, "font-size": 14, "font-weight": "bold"}},
      {selector: "edge", style: {"width": 1.2, "line-color": "#8a9099", "curve-style": "straight", "opacity": 0.7}},
      {selector: "edge[relation = 'potential']", style: {"line-style": "dashed"}},
      {selector: "edge[kind != 'lab']", style: {"line-color": "#4a4a4a", "width": e => 1 + (e.data("strength") || 1)}},
      {selector: "edge[?directed]", style: {"target-arrow-shape": "triangle", "target-arrow-color": "#4a4a4a"}},
      {selector: ".faded", style: {"opacity": 0.12}},
    ],
    layout: {name: "concentric", concentric: ring, levelWidth: () => 1, minNodeSpacing: 6, animate: false},
  });

  const ms = Math.round(performance.now() - started);
  container.dataset.ready = "true";
  container.dataset.drawMs = String(ms);
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.readyAt = String(Math.round(performance.now()));  // since navigation began

  function focus(actorId) {
    cy.elements().removeClass("faded");
    if (!actorId) { cy.fit(undefined, 20); status.textContent = ""; return; }
    const node = cy.getElementById("a" + actorId);
    if (node.empty()) return;
    const near = node.closedNeighborhood().union(cy.getElementById("lab"));
    cy.elements().not(near).addClass("faded");
    cy.animate({fit: {eles: near, padding: 40}, duration: 200});
    status.textContent = (container.dataset.focused || "") + " " + node.data("name");
  }

  const select = document.getElementById("network-focus");
  if (select) select.addEventListener("change", () => focus(select.value));
  cy.on("tap", "node", event => {
    const id = event.target.data("actor_id");
    if (select && id) { select.value = String(id); }
    focus(id);
  });
})();
