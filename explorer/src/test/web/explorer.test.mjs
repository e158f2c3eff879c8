// Browser test of the graphsnap explorer, driven by Playwright (playwright-core) in the system's headless Chromium.
// Usage: node explorer.test.mjs CONFIG.json   (ExplorerBrowserTest in the cli module writes CONFIG and runs it)
// CONFIG: { url, out (screenshot folder), chromium (path), cases: [{ label, url, search, symbol, caller, callerSite?,
//           callee?, calleeSite?, pathFrom, pathTo, diffFrom, diffTo, diffFile }], hub: { url, symbol, callers,
//           changedFiles }, noSites?: { url, symbol, format } }
// callerSite/calleeSite ("path:line", from neighbors --sites --json) must be shown in that caller's/callee's row.
// Checks page content, saves screenshots, fails on any page error and on any request that leaves the server's origin.
// The network is disabled for the browser: its DNS resolves nothing but the loopback address and every other
// connection goes to a proxy that does not exist, so the pages work from the server alone or not at all.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync(config.out, { recursive: true });
let passed = 0;
let failed = 0;

function check(ok, what) {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
}

const browser = await chromium.launch({
  executablePath: config.chromium,
  args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1'],
});
try {
  await networkIsDisabled();
  for (const c of config.cases) {
    await runCase(c);
  }
  if (config.noSites) await noSitesCase(config.noSites);
  if (config.hub) await hubCase(config.hub);
  await cspBlocksOffHost();
} catch (e) {
  failed++;
  console.log(`FAIL ${e.stack || e}`);
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

async function newPage(url) {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offHost = [];
  // "network disabled": only this server answers; anything else is recorded and refused
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + '/')) return route.continue();
    offHost.push(u);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });
  page.setDefaultTimeout(60000); // a whole java.base's PageRank and cycles on a loaded 2-core machine
  const answers = []; // { url, bytes } of every /api/ answer
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) {
      answers.push(r.body().then((b) => ({ url: r.url(), bytes: b.length }), () => ({ url: r.url(), bytes: 0 })));
    }
  });
  return { context, page, offHost, errors, answers };
}

async function shot(page, name) {
  await page.screenshot({ path: join(config.out, name), fullPage: false });
}

async function runCase(c) {
  const url = c.url || config.url;
  const { context, page, offHost, errors } = await newPage(url);
  const L = c.label;
  // search with suggestions, by keyboard
  await page.goto(`${url}#/`);
  const box = page.locator('#search-main');
  await box.click();
  await box.pressSequentially(c.search, { delay: 30 });
  const option = page.locator('.suggestions li[role=option]', { hasText: c.symbol }).first();
  await option.waitFor();
  check(await option.isVisible(), `${L}: typing "${c.search}" suggests ${c.symbol}`);
  await shot(page, `${L}-search.png`);
  const names = await page.locator('.suggestions li .name').allTextContents();
  const index = names.indexOf(c.symbol);
  check(index >= 0, `${L}: ${c.symbol} is among the suggestions (${names.length} shown)`);
  for (let i = 0; i <= index; i++) await box.press('ArrowDown');
  await box.press('Enter');
  await page.waitForURL((u) => u.hash.startsWith('#/symbol/'));
  check(decodeURIComponent(new URL(page.url()).hash.slice('#/symbol/'.length).split('?')[0]) === c.symbol,
    `${L}: Enter on the suggestion opens ${c.symbol}'s page`);

  // the symbol page: facts, neighbours with counts, callers, the drawing
  await page.locator('#symbol-name', { hasText: c.symbol }).waitFor();
  await page.locator('table[aria-label=Symbol]').waitFor();
  check((await page.locator('table[aria-label=Symbol]').textContent()).includes('kind'), `${L}: symbol table shows the kind`);
  await page.locator('details.type').first().waitFor(); // after /api/degree has answered
  const groups = await page.locator('details.type').count();
  check(groups > 0, `${L}: neighbours grouped by edge type (${groups} groups)`);
  await callsRow(page, 'callers', c.caller);
  check(true, `${L}: callers list ${c.caller}`);
  if (c.callerSite) {
    const sites = await page.locator(`#callers tr[data-name="${c.caller}"] code.site`).allTextContents();
    check(sites.includes(c.callerSite), `${L}: the caller ${c.caller} is shown with its call site ${c.callerSite} (${sites.join(', ')})`);
  } else {
    const cell = await page.locator(`#callers tr[data-name="${c.caller}"] td`).nth(1).textContent();
    check(/no line recorded/.test(cell), `${L}: a caller whose edge has no line says so (${cell})`);
  }
  if (c.callee) {
    await callsRow(page, 'callees', c.callee);
    const sites = await page.locator(`#callees tr[data-name="${c.callee}"] code.site`).allTextContents();
    check(sites.includes(c.calleeSite), `${L}: the callee ${c.callee} is shown with its call site ${c.calleeSite} (${sites.join(', ')})`);
    await page.evaluate(() => document.getElementById('h-neighbours').scrollIntoView({ block: 'start' }));
    await shot(page, `${L}-calls.png`);
  }
  // expand a neighbour group
  const group = page.locator('details.type[data-dir=in][data-type=calls]');
  await group.locator('summary').click();
  await group.locator('li a').first().waitFor();
  check(await group.locator('li a').count() > 0, `${L}: opening "calls" (incoming) lists callers`);
  await page.waitForFunction(() => /symbols, \d+ edges drawn/.test(document.getElementById('graph-info').textContent));
  const drawn1 = await drawnCount(page);
  check(drawn1 > 1, `${L}: depth-1 neighbourhood drawn (${drawn1} symbols)`);
  await page.selectOption('#depth', '2');
  await page.click('#draw');
  await page.waitForFunction((n) => {
    const m = /^(\d+) symbols/.exec(document.getElementById('graph-info').textContent);
    return m && Number(m[1]) >= n && !document.getElementById('draw').disabled;
  }, drawn1);
  const drawn2 = await drawnCount(page);
  check(drawn2 >= drawn1 && drawn2 <= 150, `${L}: depth 2 draws at least as much, at most 150 (${drawn2} symbols)`);
  check(new URL(page.url()).hash.includes('depth=2'), `${L}: the drawing's depth is in the URL`);
  // expand a node by keyboard (the list beside the canvas)
  await page.locator('details:has(#drawn) > summary').click();
  const before = await drawnCount(page);
  const expandButtons = page.locator('#drawn button');
  const nb = await expandButtons.count();
  const expandName = (await expandButtons.nth(nb - 1).getAttribute('aria-label')).replace(/^Expand /, '');
  await expandButtons.nth(nb - 1).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.getElementById('graph').cy.getElementById(id).data('expanded') === true, expandName);
  await page.waitForTimeout(200); // the layout runs after the expansion
  const after = await drawnCount(page);
  check(after >= before, `${L}: expanding a drawn node keeps or adds symbols (${before} -> ${after})`);
  await clickANode(page, L);
  await page.locator('#h-graph').scrollIntoViewIfNeeded();
  await shot(page, `${L}-symbol.png`);

  await keyboardPath(page, url, c);

  // path finder from a shared URL, drawn
  await page.goto(`${url}#/path?from=${encodeURIComponent(c.pathFrom)}&to=${encodeURIComponent(c.pathTo)}`);
  await page.locator('#path-steps').waitFor();
  const steps = await page.locator('#path-steps').textContent();
  check(steps.includes(c.pathFrom) && steps.includes(c.pathTo), `${L}: path from ${c.pathFrom} to ${c.pathTo} listed`);
  check(await page.locator('.graph canvas').count() > 0, `${L}: path drawn`);
  await shot(page, `${L}-path.png`);

  // overview: its whole-graph answers were computed by the server before anyone asked (AnswerWarmer)
  const memo = {};
  const onResponse = (r) => {
    const m = new URL(r.url()).pathname.match(/^\/api\/(pagerank|cycles|degrees)$/);
    if (m) memo[m[1]] = r.headers()['graphsnap-memo'] || 'computed on request';
  };
  page.on('response', onResponse);
  await page.goto(`${url}#/overview`);
  await page.locator('#summary').waitFor();
  const summary = await page.locator('#summary').textContent();
  check(/symbols/.test(summary) && /edges/.test(summary), `${L}: overview summary`);
  await page.locator('#pagerank tbody tr').first().waitFor();
  check(await page.locator('#pagerank tbody tr').count() > 0, `${L}: PageRank top list`);
  await page.locator('svg[aria-label="Degree distribution"] circle').first().waitFor();
  check(await page.locator('svg[aria-label="Bytes by section"] rect').count() > 5, `${L}: bytes by section plotted`);
  check(await page.locator('svg[aria-label="Edges by type"] rect').count() > 0, `${L}: edges by type plotted`);
  await page.locator('#cycles h2').waitFor();
  await page.waitForFunction(() => !document.querySelector('#cycles .spinner'));
  page.off('response', onResponse);
  check(memo.pagerank === 'hit' && memo.cycles === 'hit' && memo.degrees === 'hit',
    `${L}: the overview's PageRank, cycles and degrees were ready before the visit (${JSON.stringify(memo)})`);
  await shot(page, `${L}-overview.png`);
  const toggle = page.locator('#externals-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.hash === '#/overview?externals=1');
  await page.locator('#pagerank tbody tr').first().waitFor();
  check(true, `${L}: PageRank with externals (keyboard toggle)`);

  // diff between two refs, from a shared URL
  await page.goto(`${url}#/diff?from=${encodeURIComponent(c.diffFrom)}&to=${encodeURIComponent(c.diffTo)}`);
  await page.locator('#diff-summary').waitFor();
  const files = await page.locator('details.file summary').allTextContents();
  check(files.some((f) => f.includes(c.diffFile)), `${L}: diff lists ${c.diffFile}`);
  await shot(page, `${L}-diff.png`);

  // the browser's back button returns to the overview: stable URLs
  await page.goBack();
  await page.locator('#summary').waitFor();
  check(true, `${L}: back to the overview by URL`);

  // diff by keyboard alone: the empty form has the focus, Tab moves to the other side, Enter compares
  await page.goto(`${url}#/diff`);
  await page.locator('#diff-from').waitFor();
  check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'diff-from', `${L}: the diff form has the focus`);
  await page.locator('#diff-from').focus();
  await page.keyboard.type(c.diffFrom);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(c.diffTo);
  await page.keyboard.press('Enter');
  await page.locator('#diff-summary').waitFor();
  const typed = new URLSearchParams(new URL(page.url()).hash.split('?')[1] || '');
  check(typed.get('from') === c.diffFrom && typed.get('to') === c.diffTo, `${L}: a diff asked by keyboard alone (${new URL(page.url()).hash})`);

  check(errors.length === 0, `${L}: no page errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  check(offHost.length === 0, `${L}: nothing requested off the server${offHost.length ? `: ${offHost.join(' ')}` : ''}`);
  await context.close();
}

/** Waits for the row of `name` in the #callers or #callees table, pressing "More" (by keyboard) until it is there. */
async function callsRow(page, table, name) {
  const row = page.locator(`#${table} tr[data-name="${name}"]`);
  await page.locator(`#${table} tbody tr`).first().waitFor();
  for (let pages = 1; !(await row.count()); pages++) {
    const more = page.locator(`#${table}-more`);
    if (pages > 50 || await more.isHidden()) throw new Error(`${table}: ${name} is not listed (${pages} pages)`);
    const rows = await page.locator(`#${table} tbody tr`).count();
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(([t, n]) => document.querySelectorAll(`#${t} tbody tr`).length > n, [table, rows]);
  }
  return row;
}

/** A snapshot of a format before call sites: the symbol page says it has none and shows declarations instead. */
async function noSitesCase(c) {
  const L = `format v${c.format}`;
  const { context, page, offHost, errors } = await newPage(c.url);
  await page.goto(`${c.url}#/symbol/${encodeURIComponent(c.symbol)}`);
  await page.locator('#callers tbody tr').first().waitFor();
  const note = await page.locator('#callers-note').textContent();
  check(/No call sites in this snapshot/.test(note) && note.includes(`format v${c.format}`), `${L}: the callers panel says "${note}"`);
  check(await page.locator('#callers code.site').count() === 0, `${L}: no call site is shown`);
  const declared = await page.locator('#callers tbody tr td.mono').first().textContent();
  check(/:\d+-\d+$/.test(declared), `${L}: each caller is shown with where it is declared (${declared})`);
  check(errors.length === 0, `${L}: no page errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  check(offHost.length === 0, `${L}: nothing requested off the server`);
  await context.close();
}

async function drawnCount(page) {
  const m = /^(\d+) symbols/.exec(await page.locator('#graph-info').textContent());
  return m ? Number(m[1]) : 0;
}

/** The page's Content-Security-Policy refuses a fetch to another host even if the network allowed it. */
async function cspBlocksOffHost() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(config.url);
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('http://example.invalid/x');
      return 'fetched';
    } catch (e) {
      return 'refused';
    }
  });
  const violations = [];
  page.on('console', (m) => violations.push(m.text()));
  check(outcome === 'refused', 'a script on the page cannot fetch another host (Content-Security-Policy)');
  const csp = (await page.request.get(config.url)).headers()['content-security-policy'] || '';
  check(/connect-src 'self'/.test(csp), `the page is served with connect-src 'self' (${csp.slice(0, 40)}…)`);
  await context.close();
}

/** Clicks an unexpanded node of the drawing (where Cytoscape rendered it) and checks that it gets expanded. */
async function clickANode(page, L) {
  for (let attempt = 1; ; attempt++) {
    const target = await page.evaluate(() => {
      const el = document.getElementById('graph');
      el.scrollIntoView({ block: 'center' });
      const cy = el.cy;
      const box = el.getBoundingClientRect();
      const visible = (p) => p.x > 10 && p.y > 10 && p.x < box.width - 10 && p.y < box.height - 10
        && box.top + p.y > 0 && box.top + p.y < window.innerHeight && box.left + p.x < window.innerWidth;
      const n = cy.nodes().filter((x) => !x.data('expanded') && visible(x.renderedPosition()))[0];
      if (!n) return null;
      const p = n.renderedPosition();
      return { id: n.id(), x: box.left + p.x, y: box.top + p.y };
    });
    if (!target) {
      check(true, `${L}: every drawn node is already expanded (nothing to click)`);
      return;
    }
    await page.mouse.click(target.x, target.y);
    try {
      await page.waitForFunction((id) => document.getElementById('graph').cy.getElementById(id).data('expanded') === true,
        target.id, { timeout: 5000 });
      check(true, `${L}: clicking ${target.id} in the drawing expands it`);
      return;
    } catch (e) {
      // the layout may have moved the node between reading its position and the click: read it again
      if (attempt === 3) throw new Error(`${L}: clicking the drawn node ${target.id} did not expand it (3 tries)`);
      await page.waitForTimeout(500);
    }
  }
}

/** The path finder by keyboard alone: type, pick suggestions with the arrows and Enter, Tab, submit with Enter. */
async function keyboardPath(page, url, c) {
  const L = c.label;
  await page.goto(`${url}#/path`);
  await page.locator('#path-from').waitFor();
  const focused = await page.evaluate(() => `${document.activeElement.tagName}#${document.activeElement.id}`);
  check(focused === 'INPUT#path-from', `${L}: the path page focuses its first field (${focused})`);
  for (const [field, name] of [['path-from', c.pathFrom], ['path-to', c.pathTo]]) {
    if (field === 'path-to') await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.id) === field, `${L}: Tab reaches #${field}`);
    await page.keyboard.type(name.split('.').pop(), { delay: 20 }); // the simple name: few enough matches to list it
    await page.locator(`#${field} ~ .suggestions li .name`).first().waitFor();
    const names = await page.locator(`#${field} ~ .suggestions li .name`).allTextContents();
    const i = names.indexOf(name);
    check(i >= 0, `${L}: #${field} suggests ${name}`);
    for (let k = 0; k <= i; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    check(await page.inputValue(`#${field}`) === name, `${L}: Enter picks ${name} into #${field}`);
  }
  await page.keyboard.press('Tab'); // the edge types field
  await page.keyboard.press('Enter'); // submits the form
  await page.locator('#path-steps').waitFor();
  const steps = await page.locator('#path-steps').textContent();
  check(steps.includes(c.pathFrom) && steps.includes(c.pathTo), `${L}: a path found by keyboard alone`);
  const hash = new URL(page.url()).hash;
  check(hash.includes(encodeURIComponent(c.pathTo).replace(/%20/g, '+')) || decodeURIComponent(hash).includes(c.pathTo),
    `${L}: the path's URL names both ends`);
}

/** With the network disabled, another host is unreachable while the explorer loads from the server. */
async function networkIsDisabled() {
  const context = await browser.newContext();
  const page = await context.newPage();
  let reached = true;
  try {
    await page.goto('http://example.com/', { timeout: 10000 });
  } catch {
    reached = false;
  }
  check(!reached, 'the browser has no network beyond the loopback address (example.com is unreachable)');
  await page.close();
  const explorer = await context.newPage();
  await explorer.goto(`${config.url}#/overview`);
  await explorer.locator('#summary').waitFor();
  check(/symbols/.test(await explorer.locator('#summary').textContent()), 'with the network disabled the overview loads from the server alone');
  await context.close();
}

/**
 * A hub called by tens of thousands of symbols: its page, a neighbour group, the callers, the drawing, the
 * overview and a diff longer than a page all work, and no answer the page asks for is large (the hub's callers
 * in full would be megabytes): the page never loads the whole graph, nor any whole list.
 */
async function hubCase(c) {
  const L = 'hub';
  const { context, page, offHost, errors, answers } = await newPage(c.url);
  const started = Date.now();
  await page.goto(`${c.url}#/symbol/${encodeURIComponent(c.symbol)}`);
  await page.locator('details.type[data-dir=in][data-type=calls]').waitFor();
  const summary = await page.locator('details.type[data-dir=in][data-type=calls] summary').textContent();
  check(summary.replace(/[^0-9]/g, '') === String(c.callers), `${L}: incoming calls counted without listing them (${summary.trim()})`);
  await page.locator('#callers tbody tr').first().waitFor();
  const callerRows = await page.locator('#callers tbody tr').count();
  check(callerRows > 0 && callerRows <= 20, `${L}: the callers table shows one page (${callerRows} rows)`);
  await page.waitForFunction(() => /symbols, \d+ edges drawn/.test(document.getElementById('graph-info').textContent));
  const drawn = await drawnCount(page);
  check(drawn > 1 && drawn <= 150, `${L}: the drawing is bounded (${drawn} symbols)`);
  const ready = Date.now() - started;
  check(ready < 15000, `${L}: the symbol page of a hub with ${c.callers} callers is complete in ${ready} ms`);
  const group = page.locator('details.type[data-dir=in][data-type=calls]');
  await group.locator('summary').focus();
  await page.keyboard.press('Enter'); // <details> opens from the keyboard
  await group.locator('li a').first().waitFor();
  const first = await group.locator('li a').count();
  const more = group.locator('button', { hasText: 'Show more' });
  check(first === 50 && /left/.test(await more.textContent()), `${L}: the group lists one page of ${first} and offers more`);
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('details.type[data-dir=in][data-type=calls] li a').length >= 100);
  check(true, `${L}: "Show more" adds the next page`);
  await shot(page, 'hub-symbol.png');

  await page.goto(`${c.url}#/overview`);
  await page.locator('#pagerank tbody tr').first().waitFor();
  check((await page.locator('#pagerank tbody tr').first().textContent()).includes(c.symbol), `${L}: the hub tops PageRank`);
  await page.locator('#cycles details').first().waitFor();
  const cycle = await page.locator('#cycles details summary').first().textContent();
  check(/201 symbols/.test(cycle), `${L}: the largest cycle is counted in full (${cycle}), its members listed a few at a time`);
  check(await page.locator('#cycles details').first().locator('li a').count() <= 12, `${L}: a cycle lists at most 12 members`);
  await page.locator('svg[aria-label="Degree distribution"] circle').first().waitFor();

  await page.goto(`${c.url}#/diff?from=v1&to=HEAD`);
  await page.locator('#diff-summary').waitFor();
  check((await page.locator('#diff-summary').textContent()).includes(`${c.changedFiles} files`), `${L}: the diff counts ${c.changedFiles} changed files`);
  const shown = await page.locator('details.file').count();
  check(shown < c.changedFiles, `${L}: the diff lists the first page of files (${shown})`);
  await page.locator('#diff-more').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('details.file').length === n, c.changedFiles);
  check(true, `${L}: "More files" lists the rest`);

  const sizes = await Promise.all(answers);
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a), { bytes: 0, url: '' });
  check(sizes.length > 0 && largest.bytes < 64 * 1024,
    `${L}: every answer the page asked for is small (${sizes.length} answers, the largest ${largest.bytes} bytes: ${largest.url.replace(c.url, '/')})`);
  check(errors.length === 0, `${L}: no page errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  check(offHost.length === 0, `${L}: nothing requested off the server`);
  await context.close();
}
