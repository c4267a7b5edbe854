// Languages, right to left and one page per thing, on real builds of content/
// and of the fixture, read back from the files, from the real `blendin serve`
// and from the layout of headless Chromium:
//  - footer and navigation link a page in the reader's language whenever it
//    exists; a fallback names its language in the reader's language; the
//    language switcher of an untranslated event stays on that event;
//  - a pillar's page has one URL (/<lang>/pillars/<pillar>/), no heading is
//    printed twice, every page names itself as canonical, the sitemap holds
//    every page once with its alternates;
//  - in ar and fa, "5612 CK Eindhoven" keeps its Latin order, and the digits
//    the site writes (dates, times, counts, years) are of one system;
//  - a missing path under /<lang>/ answers 404 in that language.
// usage: node tests/site/languages.mjs BLENDIN REPO_ROOT
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { checklist, launchChromium, startServe } from './serve_process.mjs';

const [blendin, root] = process.argv.slice(2).map((arg) => path.resolve(arg));
const work = await mkdtemp(path.join(os.tmpdir(), 'blendin-languages-'));
const { check, report } = checklist();
const now = '2026-11-28T12:00';

const build = (content, out) =>
  execFileSync(blendin, ['build', '--content', content, '--templates', path.join(root, 'templates'), '--out', out, '--now', now],
               { stdio: ['ignore', 'ignore', 'inherit'] });
const site = path.join(work, 'site');
const fixture = path.join(work, 'fixture');
build(path.join(root, 'content'), site);
build(path.join(root, 'tests/fixtures/site-valid'), fixture);

async function htmlFiles(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...await htmlFiles(dir, relative));
    else if (entry.name.endsWith('.html')) out.push(relative);
  }
  return out.sort();
}
const urlOf = (relative) => '/' + relative.replace(/(^|\/)index\.html$/, '$1');
const fileOf = (dir, url) => path.join(dir, url.replace(/^\//, ''), url.endsWith('/') ? 'index.html' : '');
const text = (html) => html.replace(/<[^>]*>/g, '').replace(/&(#39|apos);/g, "'").replace(/&quot;/g, '"')
  .replace(/&amp;/g, '&').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();  // cmark's smart quotes as typed
const attribute = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const languagesOf = async (dir) =>
  [...(await readFile(path.join(dir, 'sitemap.xml'), 'utf8')).matchAll(/hreflang="([a-z]{2,3})"/g)].map((m) => m[1])
    .filter((code, i, all) => all.indexOf(code) === i);
const frontMatter = (markdown) => /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown);

const codes = await languagesOf(site);
check(['nl', 'en', 'ar', 'fa', 'uk', 'ti'].every((code) => codes.includes(code)), `content has six languages (${codes})`);
const siteFiles = await htmlFiles(site);
const fixtureFiles = await htmlFiles(fixture);

// [1] Footer and navigation: a link to another language only where the reader's has no such page.
for (const [dir, files, langs] of [[site, siteFiles, codes], [fixture, fixtureFiles, await languagesOf(fixture)]]) {
  const wrong = [];
  for (const relative of files) {
    const lang = relative.split('/')[0];
    if (!langs.includes(lang)) continue;
    const html = await readFile(path.join(dir, relative), 'utf8');
    const chrome = [...html.matchAll(/<(header|footer)\b[\s\S]*?<\/\1>/g)].map((m) => m[0]).join('');
    for (const [tag] of chrome.matchAll(/<a\b[^>]*>/g)) {
      if (attribute(tag, 'hreflang')) continue;  // the language switcher names other languages on purpose
      const href = attribute(tag, 'href') ?? '';
      const target = /^\/([a-z]{2,3})\/(.*)$/.exec(href);
      if (!target || target[1] === lang || !langs.includes(target[1])) continue;
      if (existsSync(fileOf(dir, `/${lang}/${target[2]}`))) wrong.push(`${relative}: ${href} while /${lang}/${target[2]} exists`);
    }
  }
  check(wrong.length === 0, `${path.basename(dir)}: header and footer never link another language's page when the reader's exists${wrong.length ? `: ${wrong.slice(0, 5).join('; ')}` : ''}`);
}

// [1] A fallback names the language in the reader's language (ICU's names, written here by hand).
const namesIn = { ar: { en: 'الإنجليزية', nl: 'الهولندية' }, fa: { en: 'انگلیسی', nl: 'هلندی' } };
const ownNames = { en: 'English', nl: 'Nederlands' };
for (const [dir, lang, url] of [[site, 'ar', '/ar/events/'], [site, 'fa', '/fa/events/'], [fixture, 'ar', '/ar/events/'],
                                 [fixture, 'ar', '/ar/pillars/social/']]) {
  const html = await readFile(fileOf(dir, url), 'utf8');
  const notes = [...html.matchAll(/<p class="(?:fallback-note|notice)"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => text(m[1]));
  const named = notes.filter((note) => Object.values(namesIn[lang]).some((name) => note.includes(name)));
  const native = notes.filter((note) => Object.values(ownNames).some((name) => note.includes(name)));
  check(notes.length > 0 && named.length === notes.length && native.length === 0,
        `${path.basename(dir)} ${url}: ${notes.length} fallback notes name the language in ${lang} (${notes[0]})`);
}

// [1] The language switcher of an event keeps the visitor on that event: its own
// translation, else the one that language's lists link (never a home page).
for (const [dir, files, langs] of [[site, siteFiles, codes], [fixture, fixtureFiles, await languagesOf(fixture)]]) {
  const listed = {};  // lang -> event links in its lists
  for (const relative of files) {
    const lang = relative.split('/')[0];
    if (!/^[a-z]{2,3}\/events\/(page\/\d+\/|archive\/(page\/\d+\/)?)?index\.html$/.test(relative)) continue;
    const html = await readFile(path.join(dir, relative), 'utf8');
    for (const m of html.matchAll(/<article class="event-card[\s\S]*?<a href="([^"]+)"/g)) (listed[lang] ??= new Set()).add(m[1]);
  }
  const wrong = [];
  let untranslated = 0;
  for (const relative of files) {
    const event = /^([a-z]{2,3})\/events\/([^/]+)\/index\.html$/.exec(relative);
    if (!event || event[2] === 'archive' || event[2] === 'page') continue;
    const html = await readFile(path.join(dir, relative), 'utf8');
    const switcher = /<nav class="languages[^"]*"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    for (const lang of langs) {
      const tag = [...switcher.matchAll(/<a\b[^>]*>/g)].map((m) => m[0]).find((a) => attribute(a, 'lang') === lang);
      const href = tag && attribute(tag, 'href');
      const own = `/${lang}/events/${event[2]}/`;
      if (existsSync(fileOf(dir, own))) {
        if (href !== own) wrong.push(`${relative}: ${lang} -> ${href}, expected ${own}`);
      } else {
        untranslated += 1;
        if (!href || !href.endsWith(`/events/${event[2]}/`) || !listed[lang]?.has(href))
          wrong.push(`${relative}: ${lang} -> ${href}, expected the link of ${lang}'s lists`);
      }
    }
  }
  check(wrong.length === 0 && untranslated > 0,
        `${path.basename(dir)}: the switcher of every event page stays on the event (${untranslated} untranslated languages)${wrong.length ? `: ${wrong.slice(0, 4).join('; ')}` : ''}`);
}

// [3] One page per thing: a page naming a pillar is shown at /<lang>/pillars/<pillar>/ only.
const pillarPages = [];
for (const name of await readdir(path.join(root, 'content/pages'))) {
  const parsed = frontMatter(await readFile(path.join(root, 'content/pages', name), 'utf8'));
  const pillar = parsed && /^pillar:\s*(\w+)/m.exec(parsed[1])?.[1];
  if (!pillar) continue;
  const [slug, lang] = name.replace(/\.md$/, '').split('.');
  const first = parsed[2].split('\n\n').map((p) => p.trim()).find((p) => p && !p.startsWith('#'));
  pillarPages.push({ slug, lang, pillar, first });
}
check(pillarPages.length >= 3, `content has pillar pages (${pillarPages.length})`);
for (const { slug, lang, pillar, first } of pillarPages) {
  const html = await readFile(fileOf(site, `/${lang}/pillars/${pillar}/`), 'utf8');
  check(!existsSync(path.join(site, lang, slug)) && text(html).includes(text(first)),
        `/${lang}/${slug}/ is not built and /${lang}/pillars/${pillar}/ shows its text`);
}

// [3] No heading printed twice; one canonical URL each, naming the page itself.
for (const [dir, files] of [[site, siteFiles], [fixture, fixtureFiles]]) {
  const base = /<loc>(https?:\/\/[^/]+\/)/.exec(await readFile(path.join(dir, 'sitemap.xml'), 'utf8'))[1];
  const twice = [], canonicals = [];
  for (const relative of files) {
    const html = await readFile(path.join(dir, relative), 'utf8');
    const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
    const headings = [...main.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => ({ level: m[1], text: text(m[2]) }));
    const h1 = headings.filter((h) => h.level === '1');
    if (main && (h1.length !== 1 || headings.some((h) => h.level !== '1' && h.text === h1[0].text)))
      twice.push(`${relative}: ${headings.map((h) => `h${h.level} ${h.text}`).slice(0, 3).join(' / ')}`);
    const links = [...html.matchAll(/<link rel="canonical" href="([^"]*)">/g)].map((m) => m[1]);
    const own = base + urlOf(relative).slice(1);
    if (links.length !== 1 || links[0] !== own) canonicals.push(`${relative}: ${links.join(' ')}`);
  }
  check(twice.length === 0, `${path.basename(dir)}: ${files.length} pages have one <h1>, never repeated by a heading${twice.length ? `: ${twice.slice(0, 4).join('; ')}` : ''}`);
  check(canonicals.length === 0, `${path.basename(dir)}: every page's one canonical URL is its own${canonicals.length ? `: ${canonicals.slice(0, 4).join('; ')}` : ''}`);
}

// [4] The sitemap holds every page once with its alternates, and nothing that is not built.
for (const dir of [site, fixture]) {
  const xml = await readFile(path.join(dir, 'sitemap.xml'), 'utf8');
  const base = /<loc>(https?:\/\/[^/]+\/)/.exec(xml)[1];
  const blocks = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1]);
  const locs = blocks.map((block) => /<loc>([^<]*)<\/loc>/.exec(block)[1]);
  const duplicates = locs.filter((loc, i) => locs.indexOf(loc) !== i);
  const missing = locs.filter((loc) => !existsSync(fileOf(dir, '/' + loc.slice(base.length))));
  const badAlternates = blocks.filter((block) => {
    const alternates = [...block.matchAll(/hreflang="([a-z]{2,3})" href="([^"]*)"/g)];
    const loc = /<loc>([^<]*)<\/loc>/.exec(block)[1];
    return alternates.length > 0 &&
      (!alternates.some((m) => m[2] === loc) || alternates.some((m) => !m[2].startsWith(`${base}${m[1]}/`) || !locs.includes(m[2])));
  });
  const pillarLocs = locs.filter((loc) => /\/pillars\/[a-z]+\/$/.test(loc));
  check(duplicates.length === 0 && missing.length === 0 && badAlternates.length === 0,
        `${path.basename(dir)}: sitemap has ${locs.length} URLs, each once and built, with alternates that are in it${duplicates.length + missing.length + badAlternates.length ? `: ${[...duplicates, ...missing].slice(0, 4).join(' ')} ${badAlternates.length} bad` : ''}`);
  const langs = await languagesOf(dir);
  check(pillarLocs.length === 3 * langs.length, `${path.basename(dir)}: each pillar's page once per language (${pillarLocs.length})`);
}

// [2] and [3] through the real server and Chromium.
const server = await startServe(blendin, ['--site', site, '--no-build', '--db', path.join(work, 'db.sqlite')]);
const chromium = await launchChromium();
try {
  // The 404 page answers in the visitor's language under /<lang>/, in the default language elsewhere.
  for (const [asked, lang, dir] of [['/ar/nowhere/', 'ar', 'rtl'], ['/fa/events/nowhere/', 'fa', 'rtl'], ['/uk/x', 'uk', 'ltr'],
                                     ['/nowhere/', 'nl', 'ltr'], ['/zz/nowhere/', 'nl', 'ltr']]) {
    const response = await fetch(server.base + asked);
    const body = await response.text();
    const own = await readFile(path.join(site, lang === 'nl' && !asked.startsWith('/nl/') ? '404.html' : `${lang}/404.html`), 'utf8');
    const title = text(/<h1>([\s\S]*?)<\/h1>/.exec(own)[1]);
    check(response.status === 404 && body.includes(`<html lang="${lang}" dir="${dir}">`) && text(body).includes(title),
          `GET ${asked}: 404 in ${lang} ("${title}")`);
  }

  // "5612 CK Eindhoven" and every postcode with its city read left to right inside ar and fa event pages.
  const page = await chromium.browser.newPage();
  let addresses = 0;
  for (const relative of siteFiles.filter((f) => /^(ar|fa)\/events\/[^/]+\/index\.html$/.test(f))) {
    await page.goto(server.base + urlOf(relative));
    const found = await page.evaluate(() => {
      const out = [];
      // A Dutch postcode and its city as the editor wrote them, in one element
      // of the page (whatever the text nodes or isolates that hold them).
      const pattern = /(\d{4}) ?[A-Z]{2} ([A-Z][a-z]+)/;
      const box = (node, start, length) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + length);
        return range.getBoundingClientRect();
      };
      const find = (element, word) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(word);
          if (at >= 0) return box(node, at, word.length);
        }
        return null;
      };
      for (const element of document.querySelectorAll('main dd, main p, main li')) {
        const m = pattern.exec(element.textContent);
        if (!m) continue;
        const digits = find(element, m[1]), city = find(element, m[2]);
        if (!digits || !city) continue;
        out.push({ text: m[0], digitsLeft: digits.left, cityLeft: city.left, sameLine: Math.abs(digits.top - city.top) < 2 });
      }
      return out;
    });
    for (const address of found) {
      addresses += 1;
      check(address.sameLine && address.digitsLeft < address.cityLeft,
            `${urlOf(relative)}: "${address.text}" keeps its Latin order (postcode at x=${Math.round(address.digitsLeft)}, city at x=${Math.round(address.cityLeft)})`);
    }
  }
  check(addresses > 0, `ar and fa event pages hold postcodes to check (${addresses})`);

  // The digits the site writes on an ar or fa page are of one system: text outside
  // isolated values (bdi, dir), other languages' text and the editors' Markdown.
  for (const lang of ['ar', 'fa']) {
    const urls = [`/${lang}/`, `/${lang}/events/`, `/${lang}/pillars/work/`, `/${lang}/404.html`,
                  ...siteFiles.filter((f) => f.startsWith(`${lang}/events/`) && /^[^/]+\/events\/[^/]+\/index\.html$/.test(f))
                    .slice(0, 4).map(urlOf)];
    for (const url of urls) {
      await page.goto(server.base + url);
      const systems = await page.evaluate((pageLang) => {
        const counts = {};
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (parent.closest('script, style, bdi, [dir="ltr"], [dir="auto"], .content, .pillar-intro, [hidden]')) continue;
          if (parent.closest('[lang]').getAttribute('lang') !== pageLang) continue;
          for (const ch of node.data) {
            const code = ch.codePointAt(0);
            const system = code >= 0x30 && code <= 0x39 ? 'latin' : code >= 0x660 && code <= 0x669 ? 'arabic-indic'
              : code >= 0x6f0 && code <= 0x6f9 ? 'persian' : null;
            if (system) counts[system] = (counts[system] ?? 0) + 1;
          }
        }
        return counts;
      }, lang);
      const expected = lang === 'ar' ? 'arabic-indic' : 'persian';
      const names = Object.keys(systems);
      check(names.length === 1 && names[0] === expected,
            `${url}: the site's digits are all ${expected} (${JSON.stringify(systems)})`);
    }
  }
  await page.close();
} finally {
  await chromium.close();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}

report();
console.log('languages, right to left, one page per thing: all checks passed');
