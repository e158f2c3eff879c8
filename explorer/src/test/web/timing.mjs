// How quickly the explorer's pages are complete against a running `graphsnap serve`, and how large the largest
// answer each page asked for was. Not a test: a measurement to run by hand on a big snapshot (README, "The web
// explorer"). Usage, from explorer/ (after the module's build ran npm ci):
//   node src/test/web/timing.mjs http://127.0.0.1:7431/ [SYMBOL] [SEARCH_TEXT]
// SYMBOL defaults to the top of the PageRank list; SEARCH_TEXT to part of SYMBOL. CHROMIUM=path overrides
// /usr/bin/chromium. Prints one line per page: milliseconds until its content is there, answers, largest answer.
import { chromium } from 'playwright-core';

const [url, symbolArg, searchArg] = process.argv.slice(2);
if (!url) {
  console.error('usage: node timing.mjs URL [SYMBOL] [SEARCH_TEXT]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(600000);
let answers = [];
page.on('response', (r) => {
  if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(r.body().then((b) => b.length, () => 0));
});

async function timed(label, go, ready) {
  answers = [];
  const start = Date.now();
  await go();
  await ready();
  const ms = Date.now() - start;
  const sizes = await Promise.all(answers);
  console.log(`${label.padEnd(34)} ${String(ms).padStart(7)} ms  ${String(sizes.length).padStart(4)} answers, largest ${Math.max(0, ...sizes)} bytes`);
}

try {
  let symbol = symbolArg;
  await timed('overview (info, plots, PageRank, cycles)', () => page.goto(`${url}#/overview`), async () => {
    await page.locator('#summary').waitFor();
    await page.locator('#pagerank tbody tr').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('#cycles .spinner') && !document.querySelector('.spinner'));
  });
  if (!symbol) symbol = (await page.locator('#pagerank tbody tr a').first().textContent()).trim();
  await timed(`symbol page + depth-1 drawing`, () => page.goto(`${url}#/symbol/${encodeURIComponent(symbol)}`), async () => {
    await page.locator('table[aria-label=Symbol]').waitFor();
    await page.waitForFunction(() => /symbols, \d+ edges drawn/.test(document.getElementById('graph-info')?.textContent || ''));
  });
  await timed('drawing at depth 3', async () => {
    await page.selectOption('#depth', '3');
    await page.click('#draw');
  }, () => page.waitForFunction(() => !document.getElementById('draw').disabled && /edges drawn/.test(document.getElementById('graph-info').textContent)));
  const text = searchArg || symbol.split(/[.#(]/).filter(Boolean).pop().slice(0, 8);
  await timed(`search suggestions for "${text}"`, async () => {
    await page.goto(`${url}#/`);
    await page.locator('#search-main').fill(text);
  }, () => page.locator('.suggestions li[role=option]').first().waitFor());
  console.log(`symbol: ${symbol}`);
} finally {
  await browser.close();
}
