// Headless Chromium on a built site: the / chooser with and without script, an
// RTL page, and axe-core (WCAG 2 A and AA) on a few pages.
// usage: node tests/site/browser.mjs BUILT_SITE_DIR
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checklist, launchChromium } from './serve_process.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const root = path.resolve(process.argv[2]);
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.json': 'application/json',
                '.xml': 'application/xml', '.ics': 'text/calendar', '.png': 'image/png' };
const server = createServer(async (request, response) => {
  let file = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  if (file.endsWith('/')) file += 'index.html';
  try {
    const body = await readFile(path.join(root, path.normalize(file)));
    response.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(await readFile(path.join(root, '404.html')));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const { browser, close } = await launchChromium();
const { check, report } = checklist();

try {
  // 1. Without script the chooser is a list of links, one per language.
  {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const links = await page.$$eval('ul.choices a', (as) => as.map((a) => [a.getAttribute('href'), a.closest('li').lang]));
    check(page.url() === `${base}/` && links.length >= 2 && links.every(([href, lang]) => href === `/${lang}/`),
          `without script / stays and shows ${links.length} language links`);
    const visible = await page.isVisible('ul.choices a[hreflang="nl"]');
    check(visible, 'the Nederlands link is visible');
    await context.close();
  }
  // 2. With script the chooser follows the browser's language.
  for (const [locale, expected] of [['ar-SA', '/ar/'], ['en-GB', '/en/'], ['de-DE', '/']]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.waitForLoadState('load');
    check(new URL(page.url()).pathname === expected, `browser language ${locale} ends on ${expected} (got ${new URL(page.url()).pathname})`);
    await context.close();
  }
  // 3. An RTL page renders right-to-left, with LTR fallback content kept LTR.
  {
    const context = await browser.newContext({ locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${base}/ar/events/`);
    const direction = await page.evaluate(() => [document.documentElement.dir, getComputedStyle(document.body).direction]);
    check(direction[0] === 'rtl' && direction[1] === 'rtl', `/ar/events/ is rtl (${direction})`);
    const ltrCards = await page.$$eval('.event-card h3 a[dir="ltr"]', (as) => as.map((a) => getComputedStyle(a).direction));
    check(ltrCards.every((d) => d === 'ltr'), `fallback titles inside the rtl page stay ltr (${ltrCards.length})`);
    const box = await page.locator('h1').boundingBox();
    const width = page.viewportSize().width;
    check(box && box.x + box.width > width / 2, 'the rtl heading sits on the right');
    await context.close();
  }
  // 4. axe-core, WCAG 2 A and AA.
  const eventPage = (await readFile(path.join(root, 'api/v1/events.json'), 'utf8'));
  const firstEvent = JSON.parse(eventPage).events[0];
  const eventUrl = firstEvent ? new URL(Object.values(firstEvent.translations)[0].url).pathname : '/nl/events/';
  for (const url of ['/', '/nl/', '/ar/', '/nl/events/', eventUrl, '/en/match/', '/fa/']) {
    const context = await browser.newContext({ locale: 'de-DE' });  // no site language: / stays on the chooser
    const page = await context.newPage();
    const response = await page.goto(`${base}${url}`);
    if (!response || response.status() !== 200) { check(false, `${url} answers 200`); await context.close(); continue; }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
    const violations = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target}`);
    check(violations.length === 0, `axe wcag2a/aa on ${url}: ${violations.length ? violations.join('; ') : 'no violations'}`);
    await context.close();
  }
} finally {
  await close();
  server.close();
}
report();
