// How quickly the explorer's pages are complete in headless Chromium against a running `graphsnap serve`, and how
// large the largest answer each page asked for was. A measurement to run by hand on a big snapshot (not a test;
// the CI's bounded-answer check is the hub store of ExplorerBrowserTest). Commands and figures: explorer/README.md.
// Usage, from explorer/ (after the module's build ran npm ci):
//   node src/test/web/timing.mjs URL --symbol NAME --from NAME [--search TEXT] [--runs 5] [--json FILE]
// Each run opens a new browser context (nothing cached in the page) and times, from navigation to content:
//   load      #/ until the search box is there (the page, its script and styles)
//   search    typing TEXT into the search box until the first suggestion shows (includes the 150 ms debounce)
//   symbol    #/symbol/NAME until its counts, one page of callers and callees with their sites, the depth-1
//             drawing (symbol-core: until here) and the effects it inherits through calls, with witnesses, are there
//   overview  #/overview until the summary, plots, PageRank top 50 and the largest cycles are there
//             (overview-summary: until the build summary, the first thing it shows, is there)
//   path      #/path?from=FROM&to=NAME until the path is listed and drawn
// and prints each run, then the median per page (and the first run apart: the server memoises some answers per
// snapshot). CHROMIUM=path overrides /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const url = args[0];
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i > 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const symbol = opt('symbol');
const from = opt('from');
const runs = Number(opt('runs', '5'));
if (!url || !symbol || !from) {
  console.error('usage: node timing.mjs URL --symbol NAME --from NAME [--search TEXT] [--runs 5] [--json FILE]');
  process.exit(2);
}
const search = opt('search', symbol.split(/[.#(]/).filter(Boolean).pop().slice(0, 8));
const jsonOut = opt('json');
const PAGES = ['load', 'search', 'symbol-core', 'symbol', 'overview-summary', 'overview', 'path'];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`${url}  symbol ${symbol}  from ${from}  search "${search}"  ${runs} runs  load average ${load()}`);
const results = []; // per run: { page: { ms, answers, largest } }
try {
  for (let run = 1; run <= runs; run++) {
    results.push(await oneRun(run));
  }
} finally {
  await browser.close();
}
console.log(`\nmedian of ${runs} (first run in brackets), load average at the end ${load()}`);
const summary = {};
for (const p of PAGES) {
  const ms = results.map((r) => r[p].ms);
  const largest = Math.max(...results.map((r) => r[p].largest));
  summary[p] = { medianMs: median(ms), firstMs: ms[0], runsMs: ms, largestAnswerBytes: largest, answers: results[0][p].answers };
  const slowest = results.map((r) => r[p].slowest).reduce((a, b) => (b.ms > a.ms ? b : a));
  summary[p].slowestAnswer = slowest;
  console.log(`${p.padEnd(16)} ${String(median(ms)).padStart(7)} ms  (${ms[0]} ms)` + (slowest.ms ? `  ${results[0][p].answers} `
    + `answers, largest ${largest} bytes, slowest /api/${slowest.path} ${slowest.ms} ms` : ''));
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ url, symbol, from, search, runs, summary }, null, 2));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2);
}

async function oneRun(run) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let answers = [];
  let slow = []; // { path, ms } of each /api/ answer: request sent to body received
  const sent = new Map();
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) sent.set(r, Date.now()); });
  page.on('requestfinished', (r) => {
    if (sent.has(r)) slow.push({ path: new URL(r.url()).pathname.slice(5), ms: Date.now() - sent.get(r) });
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(r.body().then((b) => b.length, () => 0));
  });
  const out = {};
  const timed = async (name, go, ready) => {
    answers = [];
    slow = [];
    const start = Date.now();
    await go();
    await ready();
    const ms = Date.now() - start;
    const sizes = await Promise.all(answers);
    const slowest = slow.reduce((a, b) => (b.ms > a.ms ? b : a), { path: '-', ms: 0 });
    out[name] = { ms, answers: sizes.length, largest: Math.max(0, ...sizes), slowest };
  };
  await timed('load', () => page.goto(`${url}#/`), () => page.locator('#search-main').waitFor());
  await timed('search', () => page.locator('#search-main').fill(search), () => page.locator('.suggestions li[role=option]').first().waitFor());
  let coreAt = 0;
  const symbolStart = Date.now();
  await timed('symbol', () => page.goto(`${url}#/symbol/${encodeURIComponent(symbol)}`), async () => {
    await page.locator('details.type[data-dir=in]').first().waitFor();
    await page.locator('#callers tbody tr').first().waitFor();
    await page.waitForFunction(() => document.querySelector('#callees tbody tr')
      || /calls no symbol/.test(document.getElementById('h-callees')?.parentElement.textContent || ''));
    await page.waitForFunction(() => /symbols, \d+ edges drawn/.test(document.getElementById('graph-info')?.textContent || ''));
    coreAt = Date.now();
    await page.waitForFunction(() => !document.querySelector('main .spinner')); // the effects (inherited through calls)
  });
  out['symbol-core'] = { ms: coreAt - symbolStart, answers: 0, largest: 0, slowest: { path: '-', ms: 0 } };
  let summaryAt = 0;
  const overviewStart = Date.now();
  await timed('overview', () => page.goto(`${url}#/overview`), async () => {
    await page.locator('#summary').waitFor();
    summaryAt = Date.now();
    await page.locator('#pagerank tbody tr').first().waitFor();
    await page.locator('svg[aria-label="Degree distribution"] circle').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.spinner'));
  });
  out['overview-summary'] = { ms: summaryAt - overviewStart, answers: 0, largest: 0, slowest: { path: '-', ms: 0 } };
  await timed('path', () => page.goto(`${url}#/path?from=${encodeURIComponent(from)}&to=${encodeURIComponent(symbol)}`), async () => {
    await page.locator('#path-steps, p.error').first().waitFor();
    await page.locator('.graph canvas').first().waitFor();
  });
  const steps = (await page.locator('#path-steps').textContent().catch(() => '')) || '';
  if (!steps.includes(symbol)) throw new Error(`run ${run}: no path from ${from} to ${symbol} was shown`);
  if (errors.length) throw new Error(`run ${run}: page errors: ${errors.join(' | ')}`);
  console.log(`run ${run}: ${PAGES.map((p) => `${p} ${out[p].ms} ms`).join(', ')}  (load average ${load()})`);
  await context.close();
  return out;
}
