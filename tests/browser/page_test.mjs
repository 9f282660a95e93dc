// tests/browser/page_test.mjs: the page of `newsq serve` in a real browser. Starts `newsq serve --port 0`
// over the shared index, drives Debian's Chromium through playwright-core and checks each step against
// what GET /api/search answers for the same state: the understood chips and hits of a query in words,
// ticking an outlet, selecting dates on the histogram, removing the place chip, drilling on the map,
// Back, and a copied URL opened in a new page. Saves a screenshot per step in --out, and prints the
// first view's size (gzip) and time to interactive (Performance API) for the record (not asserted).
//
// node page_test.mjs --newsq BUILD/newsq --db INDEX --out DIR [--web WEB_DIR] [--chromium PATH]
// Exit 0: all steps passed; 1: a step failed; 77: skipped (what is missing is printed).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SKIP = 77;
const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const webDir = resolve(args.web || join(here, '..', '..', 'web'));
const chromiumPath = args.chromium || '/usr/bin/chromium';
const outDir = resolve(args.out || 'browser-output');
const QUERY = 'casualties near Kyiv in March 2022';
const NOW = '2022-03-21';

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(SKIP);
}

if (Number(process.versions.node.split('.')[0]) < 20) skip(`playwright-core needs Node.js 20 or later (this is ${process.version})`);
if (!args.newsq || !existsSync(args.newsq)) skip(`no newsq binary at ${args.newsq}`);
if (!args.db || !existsSync(args.db)) skip(`no index at ${args.db} (the serve_index fixture builds it from the shared corpus)`);
if (!existsSync(chromiumPath)) skip(`no Chromium at ${chromiumPath} (.ci/install-web installs Debian's chromium)`);
if (!existsSync(join(webDir, 'dist', 'index.html'))) skip(`the page is not built (${webDir}/dist; run .ci/install-web)`);
let chromium;
try {
  ({ chromium } = createRequire(join(webDir, 'package.json'))('playwright-core'));
} catch {
  skip(`playwright-core is not installed in ${webDir}/node_modules (run .ci/install-web)`);
}

// ---- the server ----
function startServer(db = args.db) {
  return new Promise((resolveStart, reject) => {
    const server = spawn(args.newsq, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => reject(new Error(`newsq serve did not start in 30 s: ${err}`)), 30000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolveStart({ server, base: m[1].replace(/\/$/, '') }); }
    });
    server.stderr.on('data', (chunk) => { err += chunk; });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`newsq serve exited (${code}): ${err}`)); });
  });
}

// A loopback port nobody listens on (the kernel's pick, released again).
function deadPort() {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolvePort(port)); });
  });
}

// ---- checking ----
let passed = 0, failed = 0;
const failures = [];
function check(condition, what) {
  if (!condition) throw new Error(what);
}
async function step(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok ${passed + failed} - ${name}`);
  } catch (error) {
    failed += 1;
    failures.push(name);
    console.log(`not ok ${passed + failed} - ${name}\n  ${String(error.stack || error).split('\n').slice(0, 4).join('\n  ')}`);
  }
}

// The page is done when the answer and the map drawn belong to the URL shown.
async function rendered(page) {
  await page.waitForFunction(() => document.body.dataset.rendered === location.pathname + location.search &&
    !document.body.hasAttribute('aria-busy'), null, { timeout: 20000 });
}

async function api(base, page) {
  const params = new URL(page.url()).searchParams;
  params.set('limit', '10');
  const response = await fetch(`${base}/api/search?${params}`);
  check(response.ok, `GET /api/search?${params} answered ${response.status}`);
  return response.json();
}

// What the page shows, read from its DOM.
async function shown(page) {
  return page.evaluate(() => {
    const num = (s) => Number(String(s).replace(/[^0-9]/g, '')) || 0;
    return {
      url: location.pathname + location.search,
      total: num(document.getElementById('status').textContent),
      chips: [...document.querySelectorAll('#chips .chip')].map((c) => ({ kind: c.dataset.kind,
        label: c.querySelector('.chip-label').textContent, detail: (c.querySelector('.chip-detail') || {}).textContent || '' })),
      hits: [...document.querySelectorAll('#hits .hit')].map((h) => h.dataset.id),
      marks: document.querySelectorAll('#hits mark').length,
      outlets: [...document.querySelectorAll('#outlets input')].map((i) => ({ value: i.dataset.value, checked: i.checked,
        count: num(i.parentElement.querySelector('.facet-count').dataset.count) })),
      bars: [...document.querySelectorAll('#dates rect.bar')].map((b) => ({ value: b.dataset.value, count: Number(b.dataset.count) })),
      places: [...document.querySelectorAll('#places .place-drill')].filter((b) => b.dataset.count !== '')
        .map((b) => ({ value: b.dataset.value, count: Number(b.dataset.count) })),
      circles: document.querySelectorAll('#map circle.mark').length,
    };
  });
}

// The page's hits, totals and every facet count equal the API's for the page's URL.
async function matchesApi(base, page) {
  const [view, answer] = [await shown(page), await api(base, page)];
  check(view.total === answer.total, `total shown ${view.total}, API ${answer.total}`);
  check(JSON.stringify(view.hits) === JSON.stringify(answer.hits.map((h) => h.id)),
    `hits shown ${view.hits}, API ${answer.hits.map((h) => h.id)}`);
  const sources = (answer.facets.source || []).map((v) => `${v.value}=${v.count}`).sort();
  const outlets = view.outlets.filter((o) => o.count > 0 || !o.checked).map((o) => `${o.value}=${o.count}`).sort();
  check(JSON.stringify(outlets) === JSON.stringify(sources), `outlets shown ${outlets}, API ${sources}`);
  const dates = (answer.facets.date || []).map((v) => `${v.value}=${v.count}`).sort();
  const bars = view.bars.filter((b) => b.count > 0).map((b) => `${b.value}=${b.count}`).sort();
  check(JSON.stringify(bars) === JSON.stringify(dates), `date bars shown ${bars}, API ${dates}`);
  const locations = (answer.facets.location || []).map((v) => `${v.id}=${v.count}`).sort();
  const places = view.places.map((p) => `${p.value}=${p.count}`).sort();
  check(JSON.stringify(places) === JSON.stringify(locations), `place tree shown ${places}, API ${locations}`);
  return { view, answer };
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const { server, base } = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'newsq-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(20000);
  const offHost = [];
  const pageErrors = [];
  const watch = (page) => {
    page.on('request', (r) => { if (!r.url().startsWith(base + '/')) offHost.push(r.url()); });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  };
  const page = context.pages()[0] || await context.newPage();
  watch(page);
  let shot = 0;
  const screenshot = async (p, name) => {
    shot += 1;
    const file = join(outDir, `${String(shot).padStart(2, '0')}-${name}.png`);
    await p.screenshot({ path: file, fullPage: true });
  };
  const history = [];

  try {
    await step('first view: the page loads from the server alone and is measured', async () => {
      await page.goto(`${base}/?now=${NOW}`);
      await rendered(page);
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const ready = performance.getEntriesByName('newsq-interactive')[0];
        return { domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd, interactive: ready ? ready.startTime : NaN,
          resources: performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname),
          loads: performance.getEntriesByType('resource').map((r) =>
            `${new URL(r.name).pathname} ${r.startTime.toFixed(0)}-${r.responseEnd.toFixed(0)}`) };
      });
      // Every file the first view loaded (the page, then what the Performance API lists but the search).
      const files = ['/', ...timing.resources.filter((path) => !path.startsWith('/api/'))];
      let raw = 0, gz = 0;
      for (const path of files) {
        const body = Buffer.from(await (await fetch(base + path)).arrayBuffer());
        check(body.length > 0, `${path} is empty`);
        raw += body.length;
        gz += path.endsWith('.gz') ? body.length : gzipSync(body, { level: 9 }).length;
      }
      console.log(`# first view: ${(gz / 1024).toFixed(1)} KB gzip (${files.join(' ')}; budget 500 KB gzip), ${(raw / 1024).toFixed(1)} KB as served`);
      console.log(`# time to interactive: ${timing.interactive.toFixed(0)} ms (first answer and map drawn; ` +
        `DOM interactive ${timing.domInteractive.toFixed(0)} ms, DOMContentLoaded ${timing.domContentLoaded.toFixed(0)} ms; goal 1000 ms)`);
      console.log(`# requests (ms from navigation start): ${timing.loads.join(', ')}`);
      check(Number.isFinite(timing.interactive), 'the page never marked itself interactive');
      check(timing.resources.some((path) => /^\/world-.*\.json\.gz$/.test(path)), `the map data was not loaded (${timing.resources})`);
      await screenshot(page, 'first-view');
    });

    let queried;
    await step('type the query: chips for the date, the place and the synonyms, and hits as the API says', async () => {
      await page.keyboard.press('/');
      check(await page.evaluate(() => document.activeElement.id === 'q'), '"/" did not focus the search box');
      await page.keyboard.type(QUERY);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === QUERY);
      await rendered(page);
      const { view, answer } = await matchesApi(base, page);
      check(view.url.includes(`now=${NOW}`), `now was not kept in the URL: ${view.url}`);
      const chip = (kind, text) => view.chips.find((c) => c.kind === kind && c.label.includes(text));
      check(chip('date', 'March 2022'), `no date chip "March 2022" in ${JSON.stringify(view.chips)}`);
      check(chip('place', 'Kyiv'), `no place chip "Kyiv" in ${JSON.stringify(view.chips)}`);
      check(view.chips.some((c) => c.kind === 'synonyms' && c.label.startsWith('casualties')), `no synonyms chip in ${JSON.stringify(view.chips)}`);
      check(view.total > 0 && view.hits.length > 0, `no hits (total ${view.total})`);
      check(view.marks > 0, 'no highlighted words in the snippets');
      check(answer.total === view.total, 'total differs from the API');
      queried = view;
      history.push(view);
      await screenshot(page, 'query-chips-hits');
    });

    await step('tick an outlet: every count changes to what the API says for that selection', async () => {
      const before = await shown(page);
      const pick = before.outlets.find((o) => !o.checked);
      check(pick, 'no outlet to tick');
      await page.check(`#outlets input[data-value="${pick.value.replace(/"/g, '\\"')}"]`);
      await page.waitForURL((u) => u.searchParams.getAll('facet').includes(`source:${pick.value}`));
      await rendered(page);
      const { view } = await matchesApi(base, page);
      check(view.outlets.find((o) => o.value === pick.value).checked, 'the ticked outlet is not ticked');
      check(view.total === pick.count, `total ${view.total} is not the outlet's count ${pick.count}`);
      check(view.chips.some((c) => c.kind === 'source' && c.label === pick.value), 'no chip for the ticked outlet');
      if (before.outlets.length > 1) check(view.total < before.total, 'the total did not change');
      history.push(view);
      await screenshot(page, 'outlet-ticked');
    });

    await step('click a date bar: a range chip, and the counts the API gives for that range', async () => {
      const bars = (await shown(page)).bars.filter((b) => b.count > 0);
      check(bars.length > 0, 'no date bars');
      const bar = bars.reduce((a, b) => (b.count > a.count ? b : a));
      await page.click(`#dates rect.bar[data-value="${bar.value}"]`);
      await page.waitForURL((u) => u.searchParams.has('from') && u.searchParams.has('to'));
      await rendered(page);
      const { view } = await matchesApi(base, page);
      const url = new URL(page.url());
      check(url.searchParams.get('from').startsWith(bar.value) || bar.value.length < 10, `from=${url.searchParams.get('from')} for bar ${bar.value}`);
      check(view.chips.some((c) => c.kind === 'date' && c.detail === 'selected' && c.label.includes(url.searchParams.get('from'))),
        `no range chip in ${JSON.stringify(view.chips)}`);
      check(view.total === bar.count, `total ${view.total} is not the bar's count ${bar.count}`);
      history.push(view);
      await screenshot(page, 'date-bar-range');
    });

    await step('remove the place chip: more hits, as the API says', async () => {
      const before = await shown(page);
      const chip = before.chips.findIndex((c) => c.kind === 'place' && c.label.includes('Kyiv'));
      check(chip >= 0, 'no place chip to remove');
      await page.locator('#chips .chip').nth(chip).locator('button.chip-remove').click();
      await page.waitForURL((u) => !(u.searchParams.get('q') || '').includes('Kyiv'));
      await rendered(page);
      const { view } = await matchesApi(base, page);
      check(!view.chips.some((c) => c.kind === 'place' && c.label.includes('Kyiv')), 'the place chip is still there');
      check(view.total > before.total, `hits did not grow: ${before.total} -> ${view.total}`);
      check(new URL(page.url()).searchParams.get('q') === 'casualties in March 2022', `q is now "${new URL(page.url()).searchParams.get('q')}"`);
      history.push(view);
      await screenshot(page, 'place-chip-removed');
    });

    let drilled;
    await step('click a place on the map: the search drills into it', async () => {
      const before = await shown(page);
      check(before.circles > 0, 'no places on the map');
      const target = await page.evaluate(() => {
        const marks = [...document.querySelectorAll('#map circle.mark')];
        const pick = marks.find((m) => m.dataset.level === 'region') || marks.find((m) => m.dataset.level === 'city') || marks[0];
        return { id: pick.dataset.id, value: pick.dataset.value, level: pick.dataset.level };
      });
      await page.click(`#map circle.mark[data-id="${target.id}"]`);
      await page.waitForURL((u) => u.searchParams.getAll('facet').includes(`location:${target.id}`));
      await rendered(page);
      const { view } = await matchesApi(base, page);
      check(view.chips.some((c) => c.kind === 'place' && c.label === target.value), `no chip for ${target.value}: ${JSON.stringify(view.chips)}`);
      check(view.total <= before.total && view.total > 0, `drilling ${target.value} gave ${view.total} of ${before.total}`);
      console.log(`# drilled into ${target.value} (${target.level}): ${before.total} -> ${view.total} articles`);
      drilled = view;
      await screenshot(page, 'map-drill');
    });

    await step('Back restores the previous view', async () => {
      const previous = history[history.length - 1];
      await page.goBack();
      await page.waitForURL((u) => u.pathname + u.search === previous.url);
      await rendered(page);
      const view = await shown(page);
      check(view.total === previous.total, `total ${view.total}, was ${previous.total}`);
      check(JSON.stringify(view.hits) === JSON.stringify(previous.hits), 'hits differ from the previous view');
      check(JSON.stringify(view.chips) === JSON.stringify(previous.chips), 'chips differ from the previous view');
      await screenshot(page, 'back');
      await page.goForward();
      await page.waitForURL((u) => u.pathname + u.search === drilled.url);
      await rendered(page);
      check((await shown(page)).total === drilled.total, 'Forward did not restore the drilled view');
    });

    await step('the copied URL opened in a new page reproduces the view', async () => {
      const url = page.url();
      const original = await shown(page);
      const copy = await context.newPage();
      watch(copy);
      await copy.goto(url);
      await rendered(copy);
      const view = await shown(copy);
      for (const key of ['url', 'total', 'hits', 'chips', 'outlets', 'bars', 'places', 'circles']) {
        check(JSON.stringify(view[key]) === JSON.stringify(original[key]), `${key} differs: ${JSON.stringify(view[key])} vs ${JSON.stringify(original[key])}`);
      }
      await screenshot(copy, 'shared-url');
      await copy.setViewportSize({ width: 390, height: 844 });
      await copy.goto(`${base}/?q=${encodeURIComponent(QUERY)}&now=${NOW}`);
      await rendered(copy);
      check(await copy.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        'the page scrolls sideways at phone width');
      await screenshot(copy, 'phone');
      await copy.close();
    });

    await step('drag across date bars: that range of days, as the API counts it', async () => {
      await page.goto(`${base}/?q=${encodeURIComponent(QUERY)}&now=${NOW}`);
      await rendered(page);
      const bars = page.locator('#dates rect.bar');
      const n = await bars.count();
      check(n >= 4, `only ${n} date bars`);
      const [first, last] = [await bars.nth(1).boundingBox(), await bars.nth(3).boundingBox()];
      const [from, to] = [await bars.nth(1).getAttribute('data-value'), await bars.nth(3).getAttribute('data-value')];
      await page.mouse.move(first.x + first.width / 2, first.y + first.height - 1);
      await page.mouse.down();
      await page.mouse.move(last.x + last.width / 2, last.y + last.height - 1, { steps: 5 });
      await page.mouse.up();
      await page.waitForURL((u) => u.searchParams.has('from'));
      await rendered(page);
      const url = new URL(page.url());
      const [chosenFrom, chosenTo] = [url.searchParams.get('from'), url.searchParams.get('to')];
      check(chosenFrom.startsWith(from) && chosenTo.startsWith(to), `dragged bars ${from}..${to}, URL says ${chosenFrom}..${chosenTo}`);
      const { view } = await matchesApi(base, page);
      check(view.chips.some((c) => c.kind === 'date' && c.label === `${chosenFrom} – ${chosenTo}`), `no chip for ${chosenFrom} – ${chosenTo}`);
      await screenshot(page, 'date-drag');
    });

    await step('sort newest first and page on: the hits the API gives', async () => {
      await page.goto(`${base}/?q=${encodeURIComponent('kyiv')}&now=${NOW}`);
      await rendered(page);
      await page.selectOption('#sort', 'date');
      await page.waitForURL((u) => u.searchParams.get('sort') === 'date');
      await rendered(page);
      const { view } = await matchesApi(base, page);
      const dates = await page.$$eval('#hits .hit time', (ts) => ts.map((t) => t.getAttribute('datetime')));
      check(dates.every((d, i) => i === 0 || dates[i - 1] >= d), `not newest first: ${dates}`);
      check(!(await page.$$eval('#sort option', (os) => os.map((o) => o.value))).includes('distance'),
        'distance offered without a place to be near');
      await page.click('#pager button:has-text("Next")');
      await page.waitForURL((u) => u.searchParams.get('offset') === '10');
      await rendered(page);
      const next = (await matchesApi(base, page)).view;
      check(next.hits.every((id) => !view.hits.includes(id)), 'page 2 repeats hits of page 1');
      await page.goto(`${base}/?q=${encodeURIComponent(QUERY)}&now=${NOW}`);
      await rendered(page);
      check((await page.$$eval('#sort option', (os) => os.map((o) => o.value))).includes('distance'),
        'no distance sort for a query near a place');
    });

    await step('"N similar" opens the folded copies, read from /api/article/{id}', async () => {
      // The first hit of a common word that has folded copies, on whichever page it falls.
      const search = await (await fetch(`${base}/api/search?q=ukraine&limit=200&facets=0&now=${NOW}`)).json();
      const at = search.hits.findIndex((hit) => hit.similar.length > 0);
      check(at >= 0, 'no hit with folded copies among the first 200 for "ukraine"');
      const offset = Math.floor(at / 10) * 10;
      await page.goto(`${base}/?q=ukraine${offset ? `&offset=${offset}` : ''}&now=${NOW}`);
      await rendered(page);
      // Folding is decided per page of results: the page's own answer says which copies it folded.
      const hit = (await api(base, page)).hits.find((h) => h.id === search.hits[at].id && h.similar.length > 0);
      check(hit, `hit ${search.hits[at].id} has no folded copies on its page`);
      const item = page.locator(`#hits .hit[data-id="${hit.id}"]`);
      const button = item.locator('button.similar-toggle');
      check((await button.textContent()).trim() === `${hit.similar.length} similar`, `button says "${await button.textContent()}"`);
      await button.click();
      check(await button.getAttribute('aria-expanded') === 'true', 'the button does not say it is expanded');
      await page.waitForFunction((id) => [...document.querySelectorAll(`#similar-${id} li`)].every((li) => li.querySelector('a, .hit-meta') ||
        li.textContent.includes('could not')), hit.id);
      const items = await item.locator('.similar-list li').evaluateAll((lis) => lis.map((li) => ({ id: li.dataset.id, text: li.textContent })));
      check(JSON.stringify(items.map((i) => i.id)) === JSON.stringify(hit.similar), `copies ${items.map((i) => i.id)}, API ${hit.similar}`);
      for (const { id, text } of items) {
        const article = await (await fetch(`${base}/api/article/${encodeURIComponent(id)}`)).json();
        check(text.includes(article.source) && text.includes(article.date), `copy ${id} shows "${text}"`);
      }
      await item.screenshot({ path: join(outDir, `${String(++shot).padStart(2, '0')}-similar.png`) });
    });

    await step('a cluster with a shard down: a banner names the shard, and counts read "at least"', async () => {
      // The test's index as one local shard, beside a remote shard that refuses connections.
      const folder = mkdtempSync(join(tmpdir(), 'newsq-cluster-'));
      const port = await deadPort();
      const stub = join(folder, 'cluster.stub');
      writeFileSync(stub, `auto ${resolve(args.db)}\nremote :127.0.0.1:${port}\n`);
      const cluster = await startServer(stub);
      try {
        const answer = await (await fetch(`${cluster.base}/api/search?q=shelling`)).json();
        check(answer.partial === true && JSON.stringify(answer.missing_shards) === JSON.stringify([`127.0.0.1:${port}`]),
          `API partial ${answer.partial}, missing ${answer.missing_shards}`);
        const p = await context.newPage();
        p.on('pageerror', (e) => pageErrors.push(String(e)));
        await p.goto(`${cluster.base}/?q=shelling`);
        await p.waitForSelector('#partial:not([hidden])');
        const banner = await p.textContent('#partial');
        check(banner.includes(`127.0.0.1:${port}`) && banner.includes('lower bound'), `banner "${banner}"`);
        const status = await p.textContent('#status');
        check(status.startsWith('at least ') && Number(status.replace(/[^0-9]/g, '')) === answer.total, `status "${status}", API total ${answer.total}`);
        await screenshot(p, 'partial');
        await p.close();
      } finally {
        cluster.server.kill('SIGTERM');
        rmSync(folder, { recursive: true, force: true });
      }
    });

    await step('nothing was fetched from another host, and the page logged no errors', async () => {
      check(offHost.length === 0, `requests off the server: ${offHost.slice(0, 5)}`);
      check(pageErrors.length === 0, `page errors: ${pageErrors.slice(0, 5)}`);
    });
    void queried;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.kill('SIGTERM');
  }
  console.log(`# screenshots: ${outDir}`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.log(`browser test could not run: ${error.stack || error}`);
  process.exit(1);
});
