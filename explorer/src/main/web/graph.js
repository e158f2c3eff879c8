// Drawing with Cytoscape.js (bundled from npm): a small neighbourhood or a path, never the whole graph.
import cytoscape from 'cytoscape';

const PALETTE = ['#2f6fdf', '#e07a1f', '#2a9d6f', '#b3261e', '#7b4fd0', '#9a6700', '#0e7c86', '#c2185b', '#5b6475'];
const typeColours = new Map();

export function colourOf(type) {
  if (!typeColours.has(type)) typeColours.set(type, PALETTE[typeColours.size % PALETTE.length]);
  return typeColours.get(type);
}

/** Short label: the last segment of a qualified name, keeping the member part. */
export function shortName(name) {
  const hash = name.indexOf('#');
  const owner = hash >= 0 ? name.slice(0, hash) : name;
  const member = hash >= 0 ? name.slice(hash) : '';
  const dot = owner.lastIndexOf('.');
  const label = (dot >= 0 ? owner.slice(dot + 1) : owner) + member;
  return label.length > 40 ? `${label.slice(0, 37)}…` : label;
}

/**
 * A graph view in `container`. onTap(name) on click/tap of a node, onOpen(name) on double click.
 * Returns { cy, addNode, addEdge, layout, has }.
 */
export function graphView(container, { onTap, onOpen, center } = {}) {
  const cy = cytoscape({
    container,
    minZoom: 0.1,
    maxZoom: 3,
    style: [
      { selector: 'node', style: {
        'background-color': '#dfe6f5', 'border-color': '#2f6fdf', 'border-width': 1, label: 'data(label)',
        'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 16, height: 16, color: '#1d2330',
        'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': 1 } },
      { selector: 'node[?center]', style: { 'background-color': '#f0b400', width: 24, height: 24, 'font-weight': 'bold' } },
      { selector: 'node[?expanded]', style: { 'border-width': 3 } },
      { selector: 'node[?external]', style: { shape: 'diamond', 'background-color': '#eee' } },
      { selector: 'edge', style: {
        width: 1.5, 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle',
        'curve-style': 'bezier', 'arrow-scale': 0.8 } },
      { selector: ':selected', style: { 'border-color': '#f0b400', 'border-width': 4 } },
    ],
  });
  container.cy = cy; // for the browser test, which clicks a node where Cytoscape drew it
  let lastTap = 0;
  cy.on('tap', 'node', (e) => {
    const now = Date.now();
    const name = e.target.id();
    if (now - lastTap < 350 && onOpen) onOpen(name);
    else if (onTap) onTap(name);
    lastTap = now;
  });
  const api = {
    cy,
    has: (name) => cy.getElementById(name).nonempty(),
    addNode(name, data = {}) {
      if (!api.has(name)) cy.add({ group: 'nodes', data: { id: name, label: shortName(name), center: name === center, ...data } });
      else if (Object.keys(data).length) cy.getElementById(name).data(data);
    },
    addEdge(from, type, to) {
      const id = `${from}\u0000${type}\u0000${to}`;
      if (cy.getElementById(id).empty() && api.has(from) && api.has(to)) {
        cy.add({ group: 'edges', data: { id, source: from, target: to, type, colour: colourOf(type) } });
      }
    },
    layout(kind = 'cose') {
      const options = kind === 'path'
        ? { name: 'breadthfirst', directed: true, spacingFactor: 1.2, animate: false }
        : { name: 'cose', animate: false, nodeRepulsion: 9000, idealEdgeLength: 70, randomize: false, fit: true, padding: 20 };
      cy.layout(options).run();
    },
  };
  return api;
}
