// The symbol page's "Callers" and "Callees" panels: the calls edges into and out of a symbol, a page of 20 at a
// time, each with its call sites as path:line (from /api/neighbors?sites=true: the snapshot's CALL_SITES section,
// format 4 and later). A snapshot of an older format records no sites: the panel says so and shows where each
// symbol is declared instead.
import { api } from './api.js';
import { h, clear, fmt, symbolLink } from './dom.js';

const PAGE = 20;
const SITES_SHOWN = 8; // sites listed before "N more" (a long method can call the same callee dozens of times)

/** The first snapshot format with call sites (SnapshotFormat.VERSION_CALL_SITES). */
export const SITES_FORMAT = 4;

/**
 * Fills box with the calls edges of `name` in one direction: callers (reverse) or callees, counted by `count`
 * (from /api/degree), paged, each row with its sites. `formatVersion` is the served snapshot's.
 */
export function renderCalls(box, name, { reverse, count, formatVersion }) {
  const title = reverse ? 'Callers' : 'Callees';
  const id = reverse ? 'callers' : 'callees';
  clear(box).append(h('h2', { id: `h-${id}` }, title));
  if (!count) {
    box.append(h('p.muted', reverse ? 'No symbol in this snapshot calls it.' : 'It calls no symbol in this snapshot.'));
    return;
  }
  const hasSites = formatVersion >= SITES_FORMAT;
  const where = reverse ? 'in the caller\'s file' : 'in this symbol\'s file';
  box.append(h('p.muted', { id: `${id}-note` }, hasSites
    ? `${fmt(count)} ${reverse ? 'callers' : 'callees'}, each with its call sites (path:line, ${where}).`
    : `${fmt(count)} ${reverse ? 'callers' : 'callees'}. No call sites in this snapshot (format v${formatVersion}; `
      + `format ${SITES_FORMAT} records the line of each call: rebuild it): each is shown with where it is declared.`));
  const table = h('table.calls', { id }, h('colgroup', h('col', { style: 'width: 50%' }), h('col', { style: 'width: 50%' })),
    h('thead', h('tr', h('th', reverse ? 'caller' : 'callee'), h('th', hasSites ? 'call sites' : 'declared at'))));
  const body = h('tbody');
  table.append(body);
  const more = h('button', { type: 'button', id: `${id}-more` }, `More ${id}`);
  let offset = 0;
  const load = async () => {
    more.disabled = true;
    try {
      const rows = await api('neighbors', { name, type: 'calls', reverse, offset, limit: PAGE, sites: hasSites });
      offset += rows.length;
      const cells = hasSites ? rows.map((r) => sitesCell(r.sites)) : await declarations(rows);
      rows.forEach((r, i) => body.append(h('tr', { 'data-name': r.name }, h('td', symbolLink(r.name)), cells[i])));
      const left = count - offset;
      more.hidden = left <= 0 || !rows.length;
      more.disabled = more.hidden;
      more.textContent = `More ${id} (${fmt(left)} left)`;
    } catch (e) {
      box.append(h('p.error', { role: 'alert' }, e.message));
    }
  };
  more.addEventListener('click', load);
  box.append(table, more);
  load();
}

/** The sites of one edge as path:line, the first few listed and the rest behind a <details>. */
function sitesCell(sites) {
  if (!sites || !sites.length) return h('td.muted', 'no line recorded');
  const text = (s) => h('code.site', { title: `call site: line ${s.line} of ${s.file}` }, `${s.file}:${s.line}`);
  const list = h('div.sites', sites.slice(0, SITES_SHOWN).map(text));
  if (sites.length > SITES_SHOWN) {
    list.append(h('details', h('summary', `${sites.length - SITES_SHOWN} more`), h('div.sites', sites.slice(SITES_SHOWN).map(text))));
  }
  return h('td', list);
}

/** Older formats: where each row's symbol is declared (one lookup each, a page at a time). */
async function declarations(rows) {
  const looked = await Promise.all(rows.map((r) => api('lookup', { name: r.name }).catch(() => null)));
  return looked.map((d) => h('td.mono', d && d.file ? `${d.file}:${d.lines[0]}-${d.lines[1]}` : '—'));
}
