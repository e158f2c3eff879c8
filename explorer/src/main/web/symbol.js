// The symbol page: what a symbol is, its effects with witnesses, its neighbours by edge type (counted, paged),
// its callers and callees with their call sites, and a drawn neighbourhood (depth 1-3, by edge type, expandable
// by clicking a node).
import { api, ApiError } from './api.js';
import { h, clear, fmt, symbolLink, symbolHref, spinner, errorBox } from './dom.js';
import { graphView, colourOf } from './graph.js';
import { renderCalls } from './calls.js';

const PAGE = 50;
const MAX_DRAWN = 150;

export async function symbolPage(main, name, params) {
  main.append(h('h1.mono', { id: 'symbol-name' }, name));
  const head = h('div', spinner());
  main.append(head);
  let doc;
  try {
    doc = await api('lookup', { name });
  } catch (e) {
    clear(head).append(errorBox(e));
    if (e instanceof ApiError && e.status === 404) {
      head.append(h('p', 'Try ', h('a', { href: `#/search?q=${encodeURIComponent(name.split(/[.#(]/).filter(Boolean).pop() || name)}` }, 'a search'), '.'));
    }
    return;
  }
  clear(head).append(...summary(doc));
  const effects = h('section.panel', { 'aria-labelledby': 'h-effects' }, h('h2', { id: 'h-effects' }, 'Effects'), spinner());
  const neighbours = h('section.panel', { 'aria-labelledby': 'h-neighbours' }, h('h2', { id: 'h-neighbours' }, 'Neighbours'), spinner());
  const callers = h('section.panel', { 'aria-labelledby': 'h-callers' }, h('h2', { id: 'h-callers' }, 'Callers'), spinner());
  const callees = h('section.panel', { 'aria-labelledby': 'h-callees' }, h('h2', { id: 'h-callees' }, 'Callees'), spinner());
  const drawing = h('section.panel', { 'aria-labelledby': 'h-graph' }, h('h2', { id: 'h-graph' }, 'Neighbourhood'));
  main.append(effects, h('div.grid2', neighbours, h('div', callers, callees)), drawing);
  const [degree, info] = await Promise.all([api('degree', { name }).catch((e) => ({ error: e })),
    api('info').catch(() => ({ formatVersion: 0 }))]);
  if (degree.error) {
    clear(neighbours).append(h('h2', 'Neighbours'), errorBox(degree.error));
  } else {
    renderNeighbours(neighbours, name, degree);
    renderCalls(callers, name, { reverse: true, count: degree.in.types.calls || 0, formatVersion: info.formatVersion });
    renderCalls(callees, name, { reverse: false, count: degree.out.types.calls || 0, formatVersion: info.formatVersion });
    renderDrawing(drawing, name, degree, params);
  }
  renderEffects(effects, name, doc);
}

function summary(doc) {
  const rows = [
    ['kind', h('span.badge', doc.kind)],
    ['file', doc.file ? h('span.mono', `${doc.file}:${doc.lines[0]}-${doc.lines[1]}`) : h('span.muted', 'external (no file in this snapshot)')],
  ];
  if (doc.hash) rows.push(['hash', h('span.mono', doc.hash.slice(0, 16))]);
  rows.push(['effects', doc.effects.length ? doc.effects.map((e) => h('span.badge.effect', e)) : h('span.muted', 'none declared')]);
  const table = h('table', { 'aria-label': 'Symbol' }, rows.map(([k, v]) => h('tr', h('th', { scope: 'row' }, k), h('td', v))));
  const parts = [h('div.panel', table)];
  if (doc.notes && doc.notes.length) {
    parts.push(h('section.panel', h('h2', 'Notes'), doc.notes.map((n) => h('p', h('span.badge', n.lang), ' ', n.text))));
  }
  if (doc.metadata && Object.keys(doc.metadata).length) {
    parts.push(h('section.panel', h('h2', 'Metadata'), h('table', Object.entries(doc.metadata).map(([k, v]) =>
      h('tr', h('th', { scope: 'row' }, k), h('td.mono', v))))));
  }
  return parts;
}

async function renderEffects(box, name, doc) {
  try {
    const e = await api('effects', { name });
    clear(box).append(h('h2', { id: 'h-effects' }, 'Effects'));
    box.append(h('p', h('strong', 'Declared: '), e.declared.length ? e.declared.map((x) => h('span.badge.effect', x)) : h('span.muted', 'none')));
    if (!e.inherited.length) {
      box.append(h('p', h('strong', 'Inherited: '), h('span.muted', 'none through calls')));
      return;
    }
    box.append(h('h3', 'Inherited through calls, each with a witness path'));
    box.append(h('ul.plain', e.inherited.map((row) => h('li', h('span.badge.effect', row.effect), ' via ',
      row.path.flatMap((n, i) => (i ? [' → ', symbolLink(n)] : [symbolLink(n)]))))));
  } catch (err) {
    clear(box).append(h('h2', 'Effects'), h('p', 'Declared: ', doc.effects.join(', ') || 'none'), errorBox(err));
  }
}

/** Neighbours grouped by direction and edge type, with counts; each group pages through /api/neighbors. */
function renderNeighbours(box, name, degree) {
  clear(box).append(h('h2', { id: 'h-neighbours' }, 'Neighbours'));
  for (const [dir, title] of [['out', 'Outgoing'], ['in', 'Incoming']]) {
    const side = degree[dir];
    box.append(h('h3', `${title} (${fmt(side.total)})`));
    if (!side.total) box.append(h('p.muted', 'none'));
    for (const [type, count] of Object.entries(side.types)) {
      const list = h('ul.plain');
      const details = h('details.type', { 'data-dir': dir, 'data-type': type },
        h('summary', h('i', { style: `display:inline-block;width:10px;height:10px;background:${colourOf(type)};margin-right:6px` }),
          `${type} `, h('span.muted', `(${fmt(count)})`)), list);
      let offset = 0;
      let loading = false;
      const more = h('button', { type: 'button' }, 'Show more');
      const moreItem = h('li', more);
      let focusMore = false;
      const load = async () => {
        if (loading) return;
        loading = true;
        more.disabled = true;
        try {
          const rows = await api('neighbors', { name, type, reverse: dir === 'in', offset, limit: PAGE });
          moreItem.remove();
          rows.forEach((r) => list.append(h('li', symbolLink(r.name))));
          offset += rows.length;
          if (offset < count && rows.length) {
            more.textContent = `Show more (${fmt(count - offset)} left)`;
            more.disabled = false;
            list.append(moreItem);
            if (focusMore) more.focus();
          }
        } catch (e) {
          list.append(h('li', errorBox(e)));
        } finally {
          loading = false;
        }
      };
      more.addEventListener('click', () => { focusMore = document.activeElement === more; load(); });
      details.addEventListener('toggle', () => { if (details.open && offset === 0) load(); });
      box.append(details);
    }
  }
}

/** The drawn neighbourhood: BFS to the chosen depth, a few neighbours per node, at most MAX_DRAWN nodes. */
function renderDrawing(box, name, degree, params) {
  const types = [...new Set([...Object.keys(degree.out.types), ...Object.keys(degree.in.types)])];
  const chosen = new Set((params.get('types') || '').split(',').filter((t) => types.includes(t)));
  if (!chosen.size) types.forEach((t) => chosen.add(t));
  const depth = h('select', { id: 'depth', 'aria-label': 'Depth' }, [1, 2, 3].map((d) => h('option', { value: d }, `depth ${d}`)));
  depth.value = String(Math.min(3, Math.max(1, Number(params.get('depth') || 1))));
  const boxes = types.map((t) => {
    const cb = h('input', { type: 'checkbox', value: t });
    cb.checked = chosen.has(t);
    return h('label', cb, ' ', h('i', { style: `display:inline-block;width:14px;height:3px;background:${colourOf(t)};vertical-align:middle` }), ' ', t);
  });
  const drawButton = h('button.primary', { type: 'button', id: 'draw' }, 'Draw');
  const canvas = h('div.graph', { id: 'graph', role: 'img', 'aria-label': `Neighbourhood of ${name}` });
  const info = h('p.muted', { id: 'graph-info', 'aria-live': 'polite' }, '');
  const nodeList = h('ul.plain', { id: 'drawn' });
  box.append(h('div.pill-group', depth, boxes, drawButton), info, canvas,
    h('details', h('summary', 'Drawn symbols (keyboard: open or expand each)'), nodeList),
    h('p.muted', 'Click a node to expand it; double-click to open its page.'));
  let view = null;
  let expanded = new Set();

  const selectedTypes = () => boxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);

  // A few neighbours of n each way: one page of any type when every type is chosen, else one page per chosen type
  // (asked by type, so a type that comes late in the CSR order of a hub is not crowded out by the others).
  async function neighboursOf(n, perDirection, typeSet) {
    const all = typeSet.size === types.length;
    const side = async (reverse) => {
      if (all) return api('neighbors', { name: n, reverse, limit: perDirection });
      const pages = await Promise.all([...typeSet].map((type) => api('neighbors', { name: n, reverse, type, limit: perDirection })
        .catch((e) => { if (e.status === 400 || e.status === 404) return []; throw e; })));
      const rows = [];
      for (let i = 0; rows.length < perDirection && pages.some((p) => i < p.length); i++) {
        pages.forEach((p) => { if (i < p.length && rows.length < perDirection) rows.push(p[i]); });
      }
      return rows;
    };
    const [out, inn] = await Promise.all([side(false), side(true)]);
    return { out, in: inn };
  }

  function listNode(n) {
    const expand = h('button', { type: 'button', 'aria-label': `Expand ${n}` }, 'expand');
    expand.addEventListener('click', () => expandNode(n, 15, new Set(selectedTypes())).then(() => view.layout()));
    nodeList.append(h('li', symbolLink(n), ' ', expand));
  }

  // Adds n's neighbours (up to perDirection each way) and the edges to them. At MAX_DRAWN symbols no symbol is
  // added, but n still counts as expanded and its edges to symbols already drawn are drawn.
  async function expandNode(n, perDirection, typeSet) {
    if (expanded.has(n)) return [];
    expanded.add(n);
    const fresh = [];
    const nb = await neighboursOf(n, perDirection, typeSet);
    for (const [dir, rows] of [['out', nb.out], ['in', nb.in]]) {
      for (const r of rows) {
        if (!view.has(r.name)) {
          if (view.cy.nodes().length >= MAX_DRAWN) continue;
          view.addNode(r.name);
          listNode(r.name);
          fresh.push(r.name);
        }
        if (dir === 'out') view.addEdge(n, r.type, r.name);
        else view.addEdge(r.name, r.type, n);
      }
    }
    view.addNode(n, { expanded: true });
    info.textContent = `${view.cy.nodes().length} symbols, ${view.cy.edges().length} edges drawn` +
      (view.cy.nodes().length >= MAX_DRAWN ? ` (capped at ${MAX_DRAWN}: expanding now adds only edges between drawn symbols)` : '');
    return fresh;
  }

  async function draw() {
    const d = Number(depth.value);
    const typeSet = new Set(selectedTypes());
    const hash = `#/symbol/${encodeURIComponent(name)}?depth=${d}&types=${[...typeSet].join(',')}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    if (view) view.cy.destroy();
    clear(nodeList);
    expanded = new Set();
    view = graphView(canvas, {
      center: name,
      onTap: (n) => expandNode(n, 15, new Set(selectedTypes())).then(() => view.layout()),
      onOpen: (n) => { location.hash = symbolHref(n); },
    });
    view.addNode(name);
    listNode(name);
    drawButton.disabled = true;
    info.textContent = 'drawing…';
    try {
      const perDirection = d === 1 ? 30 : d === 2 ? 10 : 6;
      let frontier = [name];
      for (let level = 0; level < d && frontier.length; level++) {
        const next = [];
        for (let i = 0; i < frontier.length; i += 4) {
          const batch = await Promise.all(frontier.slice(i, i + 4).map((n) => expandNode(n, perDirection, typeSet)));
          batch.forEach((f) => next.push(...f));
          if (view.cy.nodes().length >= MAX_DRAWN) break;
        }
        frontier = next;
      }
      view.layout();
    } catch (e) {
      info.textContent = e.message;
    } finally {
      drawButton.disabled = false;
    }
  }

  drawButton.addEventListener('click', draw);
  draw();
}
