// The graphsnap explorer: a single page with hash routes (stable, shareable URLs):
//   #/                       search            #/search?q=TEXT        matches
//   #/symbol/NAME?depth=&types=  a symbol      #/path?from=&to=&types= path finder
//   #/overview[?externals=1] overview          #/diff?from=&to=       diff between two refs
import { h, clear, status } from './dom.js';
import { onSnapshot } from './api.js';
import { nameInput } from './suggest.js';
import { symbolPage } from './symbol.js';
import { searchPage, pathPage, overviewPage, diffPage } from './pages.js';

const main = document.getElementById('main');
let generation = 0;

function parse(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const slash = path.indexOf('/');
  const page = slash >= 0 ? path.slice(0, slash) : path;
  const arg = slash >= 0 ? decodeURIComponent(path.slice(slash + 1)) : '';
  return { page, arg, params };
}

async function route() {
  const { page, arg, params } = parse(location.hash);
  const mine = ++generation;
  clear(main);
  status('');
  document.querySelectorAll('[data-nav]').forEach((a) => a.toggleAttribute('aria-current', a.dataset.nav === page));
  if (document.querySelector('[data-nav][aria-current]')) document.querySelector('[data-nav][aria-current]').setAttribute('aria-current', 'page');
  const titles = { symbol: arg, path: 'Path', overview: 'Overview', diff: 'Diff', search: 'Search' };
  document.title = `${titles[page] || 'Search'} · graphsnap`;
  const page$ = h('div');
  main.append(page$);
  try {
    if (page === 'symbol' && arg) await symbolPage(page$, arg, params);
    else if (page === 'path') await pathPage(page$, params);
    else if (page === 'overview') await overviewPage(page$, params);
    else if (page === 'diff') await diffPage(page$, params);
    else await searchPage(page$, params);
  } catch (e) {
    if (mine === generation) page$.append(h('p.error', { role: 'alert' }, e.message || String(e)));
  }
}

const top = nameInput({
  label: 'Search symbols', id: 'search-top',
  onPick: (name) => { location.hash = `#/symbol/${encodeURIComponent(name)}`; },
  onSubmit: (text) => { location.hash = `#/search?q=${encodeURIComponent(text)}`; },
});
document.getElementById('top-search').append(top.element);

document.addEventListener('keydown', (e) => {
  const t = e.target;
  const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  if (e.key === '/' && !typing) {
    e.preventDefault();
    top.input.focus();
  }
});

onSnapshot((id, first) => {
  const el = document.getElementById('snapshot-id');
  el.textContent = `snapshot ${id.slice(0, 12)}`;
  el.title = id;
  if (!first) status('A new snapshot is being served; answers now come from it.');
});

// focus moves to the new page's content (a page that wants a field focused takes it over while it renders)
window.addEventListener('hashchange', () => { main.focus({ preventScroll: true }); window.scrollTo(0, 0); route(); });
route();
