// Lighthouse on the home page and an event page in nl and ar, as served at
// BASE_URL (bench/site/weight.sh serves the built site with nginx on
// 127.0.0.1): Lighthouse's default mobile form factor and simulated
// throttling, one run per page, in Debian's Chromium. Prints for each page the
// four category scores, the key metrics, the failed audits (those the report
// shows that apply and score below its pass mark of 0.9, or that errored) and
// the requests off 127.0.0.1 in the report's network-requests audit; then what
// Chromium itself asked other hosts for, from its net log. Writes each page's
// JSON report and the net log to OUT_DIR. Prints why when Lighthouse cannot
// run, and always exits 0: a benchmark never fails.
// usage: node bench/site/lighthouse.mjs BASE_URL OUT_DIR
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const base = process.argv[2].replace(/\/$/, '');
const out = path.resolve(process.argv[3]);
const chrome_path = process.env.CHROME_PATH || '/usr/bin/chromium';
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const metrics = [['FCP', 'first-contentful-paint'], ['LCP', 'largest-contentful-paint'], ['TBT', 'total-blocking-time'],
                 ['CLS', 'cumulative-layout-shift'], ['Speed Index', 'speed-index']];
// Audits that grade nothing: Lighthouse reports them but they never fail.
const ungraded = new Set(['notApplicable', 'informative', 'manual']);

// The first event of LANG's list, chosen as weight.mjs chooses it (the first
// link to an event page inside the first .event-card of <main>).
async function first_event(lang) {
  const response = await fetch(`${base}/${lang}/events/`);
  const html = await response.text();
  const main = html.slice(html.indexOf('<main'));
  const card = main.slice(main.indexOf('class="event-card"'));
  const href = /<a [^>]*href="([^"]*\/events\/[^"]*)"/.exec(card)?.[1];
  if (!response.ok || !href) throw new Error(`no event link in ${base}/${lang}/events/ (HTTP ${response.status})`);
  return href;
}

function failed_audits(lhr) {
  const seen = new Set();
  const failed = [];
  for (const category of categories) {
    for (const ref of lhr.categories[category].auditRefs) {
      // The metrics are printed as figures, not audits to fix; Lighthouse's
      // own report leaves out the hidden group (insights that restate the
      // diagnostics, and retired metrics).
      if (ref.group === 'metrics' || ref.group === 'hidden' || seen.has(ref.id)) continue;
      seen.add(ref.id);
      const audit = lhr.audits[ref.id];
      if (ungraded.has(audit.scoreDisplayMode)) continue;
      if (audit.scoreDisplayMode === 'error') failed.push(`${category}: ${audit.title} [${audit.id}] (error: ${audit.errorMessage})`);
      else if (audit.score !== null && audit.score < 0.9)
        failed.push(`${category}: ${audit.title} [${audit.id}]${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
    }
  }
  return failed;
}

// Requests to anything but the server under test; data: and blob: URLs never leave the browser.
function off_host(lhr) {
  const items = lhr.audits['network-requests']?.details?.items;
  if (!items) return { count: NaN, away: [] };
  const away = items.map((item) => item.url).filter((url) => !url.startsWith(`${base}/`) && !/^(data|blob):/.test(url));
  return { count: items.length, away };
}

// What Chromium's net log shows was asked for at other hosts than 127.0.0.1
// (host and path, without the query). The log is cut off when Chromium is
// killed, so it is searched as text rather than parsed.
async function browser_requests(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return `unknown (${error.code ?? error.message})`;
  }
  const asked = new Set();
  for (const [, url] of text.matchAll(/"url":"([^"]*)"/g)) {
    const request = URL.parse(url);
    if (!request || !/^(https?|wss?):$/.test(request.protocol) || request.hostname === '127.0.0.1') continue;
    asked.add(`${request.protocol}//${request.host}${request.pathname}`);
  }
  return asked.size ? [...asked].sort().join(' ') : 'none';
}

async function main() {
  let lighthouse, launch, version;
  try {
    ({ default: lighthouse } = await import('lighthouse'));
    ({ launch } = await import('chrome-launcher'));  // installed with lighthouse, which launches Chrome with it
    version = JSON.parse(await readFile(new URL('../../node_modules/lighthouse/package.json', import.meta.url))).version;
  } catch (error) {
    console.log(`Lighthouse not run: it is not installed (scripts/setup.sh installs it from package.json): ${error.message}`);
    return;
  }
  const pages = [['nl home', '/nl/'], ['nl event', await first_event('nl')], ['ar home', '/ar/'], ['ar event', await first_event('ar')]];
  await mkdir(out, { recursive: true });
  const netlog = path.join(out, 'netlog.json');
  await rm(netlog, { force: true });
  const chrome = await launch({
    chromePath: chrome_path,
    // Every host name fails to resolve, so the run stays offline even if a
    // page asks for another host; such a request still shows in the
    // network-requests audit. The net log also holds the browser's own
    // requests, which no audit sees.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
                  `--log-net-log=${netlog}`],
    logLevel: 'silent',
  });
  const all_failed = new Map();
  try {
    const browser = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()).Browser;
    const shown = path.relative(process.cwd(), out);
    console.log(`Lighthouse ${version} in ${chrome_path} (${browser}), its default settings; one run per page after one unrecorded run; ` +
                `reports in ${shown && !shown.startsWith('..') ? shown : out}/`);
    // A fresh Chromium paints its first page late, which would count against
    // whichever page came first: one run, not recorded, warms it up.
    try {
      await lighthouse(`${base}${pages[0][1]}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    } catch (error) {
      console.log(`the unrecorded first run failed: ${error.message}`);
    }
    let settings_shown = false;
    for (const [name, url] of pages) {
      const started = performance.now();
      let result;
      try {
        result = await lighthouse(`${base}${url}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
      } catch (error) {
        console.log(`${name} ${url}: Lighthouse failed: ${error.message}`);
        continue;
      }
      const seconds = (performance.now() - started) / 1000;
      const { lhr } = result;
      if (!settings_shown) {
        const { formFactor, throttlingMethod, throttling } = lhr.configSettings;
        console.log(`settings: form factor ${formFactor}, throttling method ${throttlingMethod}: RTT ${throttling.rttMs} ms, ` +
                    `${Math.round(throttling.throughputKbps)} kbit/s, CPU ${throttling.cpuSlowdownMultiplier}× slower`);
        settings_shown = true;
      }
      const file = path.join(out, `${name.replace(' ', '-')}.json`);
      await writeFile(file, result.report);
      if (lhr.runtimeError) {
        console.log(`${name} ${url}: Lighthouse failed: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        continue;
      }
      const scores = categories.map((c) => `${c} ${lhr.categories[c].score === null ? '?' : Math.round(lhr.categories[c].score * 100)}`);
      const figures = metrics.map(([label, id]) => `${label} ${lhr.audits[id]?.displayValue ?? '?'}`);
      const network = off_host(lhr);
      console.log(`${name} ${url}: ${scores.join(', ')}; ${figures.join(', ')}; ` +
                  `requests ${network.count}, off 127.0.0.1 ${network.away.length}${network.away.length ? ` (${network.away.join(' ')})` : ''}` +
                  `${lhr.runWarnings.length ? `; warnings: ${lhr.runWarnings.join(' | ')}` : ''}` +
                  ` (CPU benchmark index ${Math.round(lhr.environment.benchmarkIndex)}, ${seconds.toFixed(0)} s)`);
      const failed = failed_audits(lhr);
      for (const line of failed) {
        console.log(`  failed: ${line}`);
        all_failed.set(line.replace(/ \(.*\)$/, ''), [...(all_failed.get(line.replace(/ \(.*\)$/, '')) ?? []), name]);
      }
      if (!failed.length) console.log('  failed: none');
    }
    console.log(`Lighthouse failed audits, all pages: ${all_failed.size}` +
                [...all_failed].map(([audit, names]) => `\n  ${audit}: ${names.join(', ')}`).join(''));
  } finally {
    await chrome.kill();
  }
  console.log(`Chromium's own requests off 127.0.0.1 (its net log; none can resolve): ${await browser_requests(netlog)}`);
}

try {
  await main();
} catch (error) {
  console.log(`Lighthouse not run: ${error.message ?? error}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`);
}
