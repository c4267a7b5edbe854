// The site as a visitor meets it, in headless Chromium over the real `blendin
// serve`: axe-core (WCAG 2 A and AA, and the best-practice rules) with zero
// violations, the header's height on a phone, the right-to-left header
// mirrored, 44 px touch targets, every link and control reached with Tab in
// reading order with a visible focus ring, no request to another host; and
// screenshots of each page at 360 × 740 and 1280 × 800, kept for a person to look at.
// Pages: home, the events list, an event, a pillar, about, privacy and the 404
// page, in nl, ar and ti (axe, keyboard) and fa (screenshots, header).
// usage: node tests/site/visitor.mjs BLENDIN REPO_ROOT SCREENSHOT_DIR [--content DIR] [--templates DIR] [--languages nl,ar]
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { checklist, launchChromium, startServe } from './serve_process.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
// bypassCSP: axe is injected as an inline script, which the server's Content-Security-Policy refuses.
const [blendin, root, shots] = process.argv.slice(2, 5).map((arg) => path.resolve(arg));
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const content = path.resolve(option('--content', path.join(root, 'content')));
const templates = path.resolve(option('--templates', path.join(root, 'templates')));

const phone = { width: 360, height: 740 };
const laptop = { width: 1280, height: 800 };
const header_limit_px = 120;
const laptop_header_limit_px = 72;  // one row of 44 px targets and its padding
const target_px = 44;
const checked_languages = ['nl', 'ar', 'ti'];
const pictured_languages = option('--languages', 'nl,ar,fa,ti').split(',');

const { check, report } = checklist();

const work = await mkdtemp(path.join(os.tmpdir(), 'blendin-visitor-'));
const site = path.join(work, 'public');
await promisify(execFile)(blendin, ['build', '--content', content, '--templates', templates, '--out', site,
                                   '--now', '2026-11-28T12:00']);
await mkdir(shots, { recursive: true });
const server = await startServe(blendin, ['--no-build', '--site', site, '--db', path.join(work, 'db.sqlite')]);
const chromium = await launchChromium();

// A page in `viewport`, with every request to a host other than 127.0.0.1 counted as a failure.
async function open(url, viewport, locale) {
  const context = await chromium.browser.newContext({ viewport, locale, reducedMotion: 'reduce', bypassCSP: true });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (request) => {
    const address = new URL(request.url());
    if (address.protocol !== 'data:' && address.hostname !== '127.0.0.1') foreign.push(request.url());
  });
  const response = await page.goto(`${server.base}${url}`);
  await page.waitForLoadState('load');
  return { page, response, foreign, close: () => context.close() };
}

// The pages of a language, found as a visitor finds them: from its home page,
// its events list and its footer.
async function pages_of(lang) {
  const { page, close } = await open(`/${lang}/events/`, laptop, lang);
  const event = await page.$eval('main .event-card a[href*="/events/"]', (a) => a.getAttribute('href')).catch(() => null);
  const footer = await page.$$eval('.site-footer a', (as) => as.map((a) => a.getAttribute('href')));
  await close();
  const footer_page = (slug) => footer.find((href) => href.endsWith(`/${slug}/`)) ?? `/${lang}/${slug}/`;
  return [['home', `/${lang}/`], ['events', `/${lang}/events/`], ['event', event], ['pillar', `/${lang}/pillars/social/`],
          ['about', footer_page('about')], ['privacy', footer_page('privacy')], ['404', `/${lang}/no-such-page/`]];
}

// Every element a visitor can reach with Tab, visible, in DOM order.
const tabbable_in_dom_order = () => Array.from(document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'))
  .filter((element) => element.checkVisibility({ visibilityProperty: true }) && element.tabIndex >= 0)
  .map((element) => element.outerHTML.slice(0, 120));

// Tabs through the page; returns what received focus, in order, and the focused
// elements without a visible ring (outline of 2px or more, or a box-shadow),
// as the page saw them when focus arrived.
async function tab_through(page, expected_count) {
  await page.evaluate(() => {
    window.visitor_focus = [];
    document.addEventListener('focusin', (event) => {
      const style = getComputedStyle(event.target);
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
      window.visitor_focus.push({ html: event.target.outerHTML.slice(0, 120), ring });
    });
  });
  for (let i = 0; i < expected_count + 1; ++i) await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => window.visitor_focus);
  // Tab past the last control leaves the page (focus goes to the browser), then starts again at the top.
  const reached = [];
  for (const { html } of focused) { if (reached.length && html === focused[0].html) break; reached.push(html); }
  return { reached, without_ring: focused.filter((f) => !f.ring).map((f) => f.html) };
}

const box = (page, selector) => page.$eval(selector, (element) => {
  const r = element.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
});

try {
  for (const lang of pictured_languages) {
    const pages = await pages_of(lang);
    for (const [name, url] of pages) {
      if (!url) { check(false, `${lang}: a ${name} page is linked`); continue; }
      const tag = `${lang} ${name} ${url}`;

      // 1. Phone: screenshot, header height, mirrored header, touch targets.
      {
        const { page, response, foreign, close } = await open(url, phone, lang);
        check(response.status() === (name === '404' ? 404 : 200), `${tag} answers ${response.status()}`);
        await page.screenshot({ path: path.join(shots, `${lang}-${name}-360x740.png`) });
        const header = await box(page, '.site-header');
        check(header.height <= header_limit_px, `${tag} at 360 × 740: the header is ${header.height} px high (at most ${header_limit_px})`);
        const brand = await box(page, '.site-header .brand');
        const menu = await box(page, '.site-header .menu > summary');
        const rtl = await page.evaluate(() => document.documentElement.dir === 'rtl');
        check(rtl ? brand.left >= menu.right : brand.right <= menu.left,
              `${tag} at 360: the logo is at the ${rtl ? 'right' : 'left'} of the menu (logo ${brand.left}-${brand.right}, menu ${menu.left}-${menu.right})`);
        // The menu and the languages open without script, and their links are 44 px targets.
        await page.click('.site-header .menu > summary');
        if (name === 'home') await page.screenshot({ path: path.join(shots, `${lang}-${name}-menu-360x740.png`) });
        const small = await page.$$eval(
          '.site-header summary, .site-header .brand, .search-link, .menu-panel a, .button',
          (elements, min) => elements.filter((e) => e.checkVisibility()).map((e) => [e.getBoundingClientRect(), e.textContent.trim()])
            .filter(([r]) => r.width < min || r.height < min).map(([r, text]) => `${text} ${r.width}×${r.height}`), target_px);
        await page.click('.site-header .menu > summary');
        await page.click('.site-header .languages > summary');
        const small_languages = await page.$$eval('.languages-panel a', (elements, min) => elements
          .map((e) => [e.getBoundingClientRect(), e.textContent]).filter(([r]) => r.width < min || r.height < min)
          .map(([r, text]) => `${text} ${r.width}×${r.height}`), target_px);
        const shown_languages = await page.$$eval('.languages-panel a', (elements) => elements.filter((e) => e.checkVisibility()).length);
        check(shown_languages >= 6, `${tag}: the language menu opens without script (${shown_languages} languages)`);
        check(small.length + small_languages.length === 0,
              `${tag} at 360: header controls, menu and language links are at least ${target_px} × ${target_px} px${small.concat(small_languages).length ? ` (${small.concat(small_languages).join('; ')})` : ''}`);
        check(foreign.length === 0, `${tag} at 360: no request leaves 127.0.0.1${foreign.length ? ` (${foreign.join(' ')})` : ''}`);
        await close();
      }

      // 2. Laptop: screenshot, mirrored header, axe, keyboard.
      {
        const { page, foreign, close } = await open(url, laptop, lang);
        await page.screenshot({ path: path.join(shots, `${lang}-${name}-1280x800.png`) });
        const header = await box(page, '.site-header');
        check(header.height <= laptop_header_limit_px, `${tag} at 1280 × 800: the header is one row, ${header.height} px high (at most ${laptop_header_limit_px})`);
        const brand = await box(page, '.site-header .brand');
        const nav = await box(page, '.site-header .languages > summary');
        const rtl = await page.evaluate(() => document.documentElement.dir === 'rtl');
        check(rtl ? brand.left >= nav.right : brand.right <= nav.left,
              `${tag} at 1280: the logo is at the ${rtl ? 'right' : 'left'} of the languages (logo ${brand.left}-${brand.right})`);
        if (checked_languages.includes(lang)) {
          await page.addScriptTag({ content: axeSource });
          const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
          const violations = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target} ${v.nodes[0].failureSummary?.split('\n')[1] ?? ''}`);
          check(violations.length === 0, `${tag}: axe wcag2a, wcag2aa, best-practice: ${violations.length ? violations.join('; ') : 'no violations'}`);
          for (const viewport of [laptop, phone]) {
            await page.setViewportSize(viewport);
            await page.reload();
            const expected = await page.evaluate(tabbable_in_dom_order);
            const { reached, without_ring } = await tab_through(page, expected.length);
            const first_difference = expected.findIndex((html, i) => reached[i] !== html);
            check(reached.length === expected.length && first_difference < 0,
                  `${tag} at ${viewport.width}: Tab reaches all ${expected.length} links and controls in reading order` +
                  (first_difference >= 0 ? ` (step ${first_difference + 1}: expected ${expected[first_difference]}, got ${reached[first_difference]})` : '') +
                  (reached.length !== expected.length ? ` (reached ${reached.length})` : ''));
            check(without_ring.length === 0, `${tag} at ${viewport.width}: every focused element shows a ring${without_ring.length ? ` (not: ${without_ring.join(' | ')})` : ''}`);
          }
        }
        check(foreign.length === 0, `${tag} at 1280: no request leaves 127.0.0.1${foreign.length ? ` (${foreign.join(' ')})` : ''}`);
        await close();
      }
    }
  }
  console.log(`screenshots in ${shots}`);
} finally {
  await chromium.close();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
report();
