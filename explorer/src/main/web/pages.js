// The search, path, overview and diff pages.
import { api, searchNames } from './api.js';
import { h, clear, fmt, bytes, symbolLink, symbolHref, spinner, errorBox } from './dom.js';
import { nameInput } from './suggest.js';
import { graphView, colourOf } from './graph.js';
import { barChart, logLogChart } from './charts.js';

/** Home and #/search?q=TEXT: a search box and the matching symbols. */
export async function searchPage(main, params) {
  const q = params.get('q') || '';
  main.append(h('h1', 'Find a symbol'));
  const box = nameInput({
    label: 'Symbol name', value: q, placeholder: 'Part of a name, e.g. ArrayList or login', id: 'search-main',
    onPick: (name) => { location.hash = symbolHref(name); },
    onSubmit: (text) => { location.hash = `#/search?q=${encodeURIComponent(text)}`; },
  });
  main.append(h('div.panel', box.element, h('p.muted', 'Type two or more characters for suggestions; Enter lists all matches; ',
    h('kbd', '↓'), ' ', h('kbd', '↑'), ' choose, ', h('kbd', 'Esc'), ' closes.')));
  if (!q) {
    box.input.focus();
    main.append(h('p', 'Or start from the ', h('a', { href: '#/overview' }, 'overview'), ': the most central symbols, cycles and the shape of the graph.'));
    return;
  }
  const results = h('section', { 'aria-labelledby': 'h-results' }, h('h2', { id: 'h-results' }, `Symbols matching “${q}”`), spinner());
  main.append(results);
  try {
    const rows = await searchNames(q, { limit: 100 });
    results.lastChild.remove();
    if (!rows.length) {
      results.append(h('p', 'Nothing matches.'));
      return;
    }
    results.append(h('table', { id: 'results' }, h('thead', h('tr', h('th', 'name'), h('th', 'kind'), h('th', 'where'))),
      h('tbody', rows.map((r) => h('tr', h('td', symbolLink(r.name)), h('td', r.kind || ''),
        h('td.mono', r.file ? `${r.file}:${r.lines ? r.lines[0] : ''}` : 'external'))))));
    results.append(h('p.muted', `${rows.length === 100 ? 'first 100 shown' : `${rows.length} shown`}`));
  } catch (e) {
    results.lastChild.remove();
    results.append(errorBox(e));
  }
}

/** #/path?from=A&to=B&types=calls: one shortest path, drawn and listed. */
export async function pathPage(main, params) {
  main.append(h('h1', 'Path finder'));
  let from = params.get('from') || '';
  let to = params.get('to') || '';
  const types = params.get('types') || '';
  const fromBox = nameInput({ label: 'From symbol', value: from, id: 'path-from', onPick: (n) => { from = n; } });
  const toBox = nameInput({ label: 'To symbol', value: to, id: 'path-to', onPick: (n) => { to = n; } });
  const typeInput = h('input', { type: 'text', id: 'path-types', value: types, placeholder: 'all', 'aria-label': 'Edge types (comma-separated)' });
  const go = h('button.primary', { type: 'submit', id: 'path-go' }, 'Find path');
  const form = h('form.panel', h('div.row', h('label', 'From', fromBox.element), h('label', 'To', toBox.element),
    h('label', 'Edge types (comma-separated)', typeInput), go));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fromBox.input.value.trim();
    const t = toBox.input.value.trim();
    if (!f || !t) return;
    const q = new URLSearchParams({ from: f, to: t });
    if (typeInput.value.trim()) q.set('types', typeInput.value.trim());
    location.hash = `#/path?${q}`;
  });
  main.append(form);
  if (!from || !to) {
    fromBox.input.focus();
    return;
  }
  const out = h('section', { 'aria-labelledby': 'h-path' }, spinner('searching…'));
  main.append(out);
  try {
    const p = await api('path', { from, to, type: types ? types.split(',').map((s) => s.trim()).filter(Boolean) : null });
    clear(out).append(h('h2', { id: 'h-path' }, `${p.length} step${p.length === 1 ? '' : 's'}`));
    out.append(h('div.path-steps.panel', { id: 'path-steps' }, p.nodes.flatMap((n, i) => [
      i ? h('span.edge', `—${n.type}→`) : null, symbolLink(n.name)])));
    const canvas = h('div.graph.small', { role: 'img', 'aria-label': `Path from ${from} to ${to}` });
    out.append(canvas);
    const view = graphView(canvas, { center: from, onOpen: (n) => { location.hash = symbolHref(n); } });
    p.nodes.forEach((n) => view.addNode(n.name));
    for (let i = 1; i < p.nodes.length; i++) view.addEdge(p.nodes[i - 1].name, p.nodes[i].type, p.nodes[i].name);
    view.layout('path');
  } catch (e) {
    clear(out).append(errorBox(e));
  }
}

/** #/overview: the build summary, plots, PageRank top 50 and the largest cycles. */
export async function overviewPage(main, params) {
  const withExternals = params.get('externals') === '1';
  main.append(h('h1', 'Overview'));
  const summaryBox = h('section.panel', { 'aria-labelledby': 'h-summary' }, h('h2', { id: 'h-summary' }, 'Build summary'), spinner());
  const types = h('section.panel', h('h2', 'Edges by type'), spinner());
  const sections = h('section.panel', h('h2', 'Bytes by section'), spinner());
  const degrees = h('section.panel', h('h2', 'Degree distribution (log-log)'), spinner());
  const rank = h('section.panel', { id: 'pagerank' }, h('h2', 'PageRank: top 50'), spinner('computing PageRank…'));
  const cycles = h('section.panel', { id: 'cycles' }, h('h2', 'Largest cycles'), spinner('finding cycles…'));
  main.append(summaryBox, h('div.grid2', types, sections), degrees, h('div.grid2', rank, cycles));

  const info = await api('info').catch((e) => ({ error: e }));
  if (info.error) {
    clear(summaryBox).append(h('h2', 'Build summary'), errorBox(info.error));
    return;
  }
  clear(summaryBox).append(h('h2', { id: 'h-summary' }, 'Build summary'), h('table', { id: 'summary' },
    h('tr', h('th', 'snapshot'), h('td.mono', info.snapshot)),
    h('tr', h('th', 'files'), h('td.num', fmt(info.files))),
    h('tr', h('th', 'symbols'), h('td.num', fmt(info.nodes))),
    h('tr', h('th', 'edges'), h('td.num', fmt(info.edges))),
    h('tr', h('th', 'size'), h('td.num', `${bytes(info.bytes)} (${info.edges ? (info.bytes / info.edges).toFixed(1) : 0} bytes/edge)`)),
    h('tr', h('th', 'format'), h('td.num', `v${info.formatVersion}`)),
    h('tr', h('th', 'kinds'), h('td', Object.entries(info.kinds).map(([k, n]) => h('span.badge', `${k} ${fmt(n)}`)))),
    info.conflicts.length ? h('tr', h('th', 'name conflicts'), h('td.num', fmt(info.conflicts.length))) : null));
  clear(types).append(h('h2', 'Edges by type'), barChart(Object.entries(info.edgeTypes).map(([label, value]) => ({ label, value })),
    { title: 'Edges by type', format: fmt }));

  api('sections').then((rows) => {
    clear(sections).append(h('h2', 'Bytes by section'), barChart(rows.map((r) => ({ label: r.section, value: r.bytes })),
      { title: 'Bytes by section', format: bytes, colour: '#2a9d6f' }));
  }).catch((e) => clear(sections).append(h('h2', 'Bytes by section'), errorBox(e)));

  api('degrees').then((d) => {
    const points = (rows) => rows.map((r) => ({ x: r.degree, y: r.count }));
    const zeroOut = (d.out.find((r) => r.degree === 0) || { count: 0 }).count;
    const zeroIn = (d.in.find((r) => r.degree === 0) || { count: 0 }).count;
    clear(degrees).append(h('h2', 'Degree distribution (log-log)'),
      logLogChart([{ name: 'out-degree', colour: '#2f6fdf', points: points(d.out) }, { name: 'in-degree', colour: '#e07a1f', points: points(d.in) }],
        { title: 'Degree distribution', xLabel: 'degree', yLabel: 'symbols' }),
      h('p.muted', `Not on the log scale: ${fmt(zeroOut)} symbols with no outgoing edge, ${fmt(zeroIn)} with no incoming edge.`));
  }).catch((e) => clear(degrees).append(h('h2', 'Degree distribution'), errorBox(e)));

  const toggle = h('a', { href: withExternals ? '#/overview' : '#/overview?externals=1', id: 'externals-toggle' },
    withExternals ? 'leave out external symbols' : 'include external symbols');
  api('pagerank', { top: 50, 'no-external': !withExternals }).then((rows) => {
    clear(rank).append(h('h2', 'PageRank: top 50'), h('p.muted', withExternals ? 'All symbols' : 'Declared symbols only', ' · ', toggle),
      h('table', h('thead', h('tr', h('th.num', '#'), h('th', 'symbol'), h('th.num', 'rank'))),
        h('tbody', rows.map((r, i) => h('tr', h('td.num', i + 1), h('td', symbolLink(r.name)), h('td.num', r.rank.toExponential(3)))))));
  }).catch((e) => clear(rank).append(h('h2', 'PageRank'), errorBox(e)));

  api('cycles', { limit: 10, members: 12 }).then((rows) => {
    clear(cycles).append(h('h2', 'Largest cycles'));
    if (!rows.length) cycles.append(h('p', 'No cycles: the graph is acyclic.'));
    for (const c of rows) {
      cycles.append(h('details', h('summary', `${fmt(c.size)} symbols`), h('ul.plain', c.nodes.map((n) => h('li', symbolLink(n))),
        c.size > c.nodes.length ? h('li.muted', `… and ${fmt(c.size - c.nodes.length)} more`) : null)));
    }
  }).catch((e) => clear(cycles).append(h('h2', 'Largest cycles'), errorBox(e)));
}

/** #/diff?from=REF&to=REF: symbols and edges added, removed, modified, by file. */
export async function diffPage(main, params) {
  main.append(h('h1', 'Diff'));
  const from = params.get('from') || '';
  const to = params.get('to') || 'HEAD';
  const list = h('datalist', { id: 'refs' });
  api('refs').then((refs) => refs.forEach((r) => list.append(h('option', { value: r.name }, r.snapshot.slice(0, 12))))).catch(() => {});
  const fromInput = h('input', { type: 'text', id: 'diff-from', list: 'refs', value: from, placeholder: 'ref or snapshot id', 'aria-label': 'From' });
  const toInput = h('input', { type: 'text', id: 'diff-to', list: 'refs', value: to, 'aria-label': 'To' });
  const form = h('form.panel', h('div.row', h('label', 'From (old)', fromInput), h('label', 'To (new)', toInput),
    h('button.primary', { type: 'submit', id: 'diff-go' }, 'Compare')), list);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!fromInput.value.trim()) return;
    location.hash = `#/diff?${new URLSearchParams({ from: fromInput.value.trim(), to: toInput.value.trim() || 'HEAD' })}`;
  });
  main.append(form);
  if (!from) {
    main.append(h('p.muted', 'Refs are names given with graphsnap build --ref NAME (and HEAD); a snapshot id or a unique prefix of 4+ hex digits works too.'));
    fromInput.focus();
    return;
  }
  const out = h('section', { id: 'diff' }, spinner('comparing…'));
  main.append(out);
  const PAGE_FILES = 50; // files asked per request: a diff of two unrelated snapshots is as large as both graphs
  try {
    const d = await api('diff', { from, to, offset: 0, limit: PAGE_FILES });
    const s = d.summary;
    clear(out).append(h('p.panel', { id: 'diff-summary' }, `${d.from.spec} (${d.from.snapshot.slice(0, 12)}) → ${d.to.spec} (${d.to.snapshot.slice(0, 12)}): `,
      `${fmt(s.files)} files; symbols `, h('span.add', `+${fmt(s.symbolsAdded)}`), ' ', h('span.del', `−${fmt(s.symbolsRemoved)}`), ' ',
      h('span.mod', `~${fmt(s.symbolsModified)}`), '; edges ', h('span.add', `+${fmt(s.edgesAdded)}`), ' ', h('span.del', `−${fmt(s.edgesRemoved)}`)));
    if (!s.files) {
      out.append(h('p', 'No differences.'));
      return;
    }
    const filesBox = h('div.panel', { id: 'diff-files' });
    out.append(filesBox);
    const more = h('button', { type: 'button', id: 'diff-more' }, 'More files');
    let shown = 0;
    const show = (files) => {
      files.forEach((f) => filesBox.insertBefore(fileDiff(f, s.files <= 20), more.isConnected ? more : null));
      shown += files.length;
      if (shown < s.files && files.length) {
        more.textContent = `More files (${fmt(s.files - shown)} left)`;
        more.disabled = false;
        filesBox.append(more);
      } else more.remove();
    };
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        show((await api('diff', { from, to, offset: shown, limit: PAGE_FILES })).files);
      } catch (e) {
        filesBox.append(errorBox(e));
      }
    });
    show(d.files);
  } catch (e) {
    clear(out).append(errorBox(e));
  }
}

function fileDiff(f, open) {
  const sym = f.symbols;
  const counts = `+${sym.added.length} −${sym.removed.length} ~${sym.modified.length} · edges +${f.edges.added.length} −${f.edges.removed.length}`;
  const cap = (rows) => rows.slice(0, 200);
  return h('details.file', { open: open || null }, h('summary', f.path, ' ', h('span.muted', counts)),
    h('ul.plain',
      cap(sym.added).map((s) => h('li.add', '+ ', h('span.badge', s.kind), symbolLink(s.name))),
      cap(sym.modified).map((s) => h('li.mod', '~ ', h('span.badge', s.kind), symbolLink(s.name), h('span.muted', ` (${s.changes.join(', ')})`))),
      cap(sym.removed).map((s) => h('li.del', '− ', h('span.badge', s.kind), h('span.mono', s.name))),
      cap(f.edges.added).map((e) => h('li.add', '+ edge ', symbolLink(e.from), h('span', { style: `color:${colourOf(e.type)}` }, ` —${e.type}→ `), symbolLink(e.to))),
      cap(f.edges.removed).map((e) => h('li.del', '− edge ', h('span.mono', e.from), ` —${e.type}→ `, h('span.mono', e.to)))));
}
