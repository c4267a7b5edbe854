// Page weight and first paint as a visitor on a slow phone meets them: for the
// home page and an event page in nl and ar, each loaded with an empty cache in
// headless Chromium with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate)
// and a slow 3G link (Network.emulateNetworkConditions: 400 ms latency,
// 400 kbit/s down and up): bytes transferred (compressed, as they crossed the
// wire), fonts and images apart; requests; requests to another host; first
// contentful paint, the median of three loads. Prints figures; never fails on a timing.
// usage: node bench/site/weight.mjs BASE_URL   (a server that gzips, such as bench/site/weight.sh starts)
import { launchChromium } from '../../tests/site/serve_process.mjs';

const base = process.argv[2].replace(/\/$/, '');
const runs = 3;
const kbit = 1000 / 8;  // bytes per second in one kbit/s
const slow_3g = { offline: false, latency: 400, downloadThroughput: 400 * kbit, uploadThroughput: 400 * kbit };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => (bytes / 1024).toFixed(1);

const chromium = await launchChromium();

async function load(url) {
  const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', slow_3g);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const requests = new Map();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) =>
    requests.set(requestId, { url: response.url, type, mime: response.mimeType, encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'], bytes: 0 }));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const request = requests.get(requestId);
    if (request) request.bytes = encodedDataLength;
  });
  await page.goto(`${base}${url}`, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((entries) => {
      const paint = entries.getEntriesByName('first-contentful-paint')[0];
      if (paint) resolve(paint.startTime);
    }).observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(NaN), 10_000);
  }));
  await context.close();
  const list = [...requests.values()];
  // The favicon is an image too (Chromium fetches it after the load, not always before the page is idle).
  const kind = (r) => (r.type === 'Font' ? 'fonts' : r.type === 'Image' || r.mime?.startsWith('image/') ? 'images' : 'page');
  const sum = (k) => list.filter((r) => kind(r) === k).reduce((total, r) => total + r.bytes, 0);
  const count = (k) => list.filter((r) => kind(r) === k).length;
  return {
    fcp, requests: list.length, page: sum('page'), page_requests: count('page'), images: sum('images'), image_requests: count('images'),
    fonts: sum('fonts'), font_requests: count('fonts'),
    third_party: list.filter((r) => !r.url.startsWith(base) && !r.url.startsWith('data:')).map((r) => r.url),
    detail: list.filter((r) => kind(r) === 'page').map((r) => `${new URL(r.url).pathname} ${kb(r.bytes)} KB${r.encoding ? ` ${r.encoding}` : ''}`),
  };
}

// The first event of the nl list, and the same event's ar page (or the one ar shows).
async function first_event(lang) {
  const page = await chromium.browser.newPage();
  await page.goto(`${base}/${lang}/events/`);
  const href = await page.$eval('main .event-card a[href*="/events/"]', (a) => a.getAttribute('href'));
  await page.close();
  return href;
}

let largest_page = 0, third_party = 0, slowest_fcp = 0;
try {
  console.log(`profile: CPU 4× slower, ${slow_3g.latency} ms latency, 400 kbit/s down and up; empty cache; median of ${runs} loads`);
  for (const [name, url] of [['nl home', '/nl/'], ['nl event', await first_event('nl')], ['ar home', '/ar/'], ['ar event', await first_event('ar')]]) {
    const results = [];
    for (let i = 0; i < runs; ++i) results.push(await load(url));
    const r = results[0];
    const fcp = median(results.map((x) => x.fcp));
    largest_page = Math.max(largest_page, r.page);
    third_party += r.third_party.length;
    slowest_fcp = Math.max(slowest_fcp, fcp);
    console.log(`${name} ${url}: ${kb(r.page)} KB in ${r.page_requests} requests before images and fonts (${r.detail.join(', ')}); ` +
                `images ${kb(r.images)} KB in ${r.image_requests}; fonts ${kb(r.fonts)} KB in ${r.font_requests}; ` +
                `third-party requests ${r.third_party.length}${r.third_party.length ? ` (${r.third_party.join(' ')})` : ''}; ` +
                `first contentful paint ${Math.round(fcp)} ms (loads: ${results.map((x) => Math.round(x.fcp)).join(', ')})`);
  }
  console.log(`largest page before images and fonts: ${kb(largest_page)} KB`);
  console.log(`third-party requests, all pages: ${third_party}`);
  console.log(`slowest first contentful paint (median): ${Math.round(slowest_fcp)} ms`);
} finally {
  await chromium.close();
}
