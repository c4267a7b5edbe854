// Site search in headless Chromium: the site built by the real binary, its
// Pagefind index built over it by npm's pagefind (as scripts/site.sh does), served by
// `blendin serve`. Before the index exists, /nl/search/ says search is not
// built; then a query in nl, ar and uk, each a word of an event's title in
// that language (read from the content here), finds that event's page, and
// only pages of the page's language. No Content-Security-Policy violation.
// usage: node tests/site/search.mjs BLENDIN SITE_ROOT
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checklist, launchChromium, startServe } from './serve_process.mjs';

const [blendin, root] = process.argv.slice(2).map((p) => path.resolve(p));
const content = path.join(root, 'content');
const work = await mkdtemp(path.join(os.tmpdir(), 'blendin-search-'));
const site = path.join(work, 'site');
execFileSync(blendin, ['build', '--content', content, '--templates', path.join(root, 'templates'), '--out', site, '--quiet']);

// An event written in `lang`, and the longest word of its title in the
// language's own script (not a place name in Latin letters).
const scripts = { nl: /^\p{Script=Latin}+$/u, ar: /^\p{Script=Arabic}+$/u, uk: /^\p{Script=Cyrillic}+$/u };
async function eventIn(lang) {
  for (const year of (await readdir(path.join(content, 'events'))).sort()) {
    for (const file of (await readdir(path.join(content, 'events', year))).sort()) {
      if (!file.endsWith(`.${lang}.md`)) continue;
      const text = await readFile(path.join(content, 'events', year, file), 'utf8');
      const title = /^title:\s*"?(.*?)"?\s*$/m.exec(text)?.[1] ?? '';
      const words = title.split(/[\s,.:;!?()«»"'–-]+/u).filter((w) => [...w].length >= 4 && scripts[lang].test(w));
      if (!words.length || /^draft:\s*true/m.test(text)) continue;
      words.sort((a, b) => [...b].length - [...a].length);
      return { slug: file.slice(0, -`.${lang}.md`.length), word: words[0] };
    }
  }
  throw new Error(`no event written in ${lang}`);
}

const { check, report } = checklist();
const server = await startServe(blendin, ['--no-build', '--site', site, '--db', path.join(work, 'search.sqlite'), '--content', content]);
const chromium = await launchChromium();
try {
  const context = await chromium.browser.newContext();
  const violations = [];
  await context.exposeFunction('reportViolation', (text) => violations.push(text));
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  const page = await context.newPage();

  await page.goto(`${server.base}/nl/search/`);
  await page.waitForSelector('.search-unavailable:not([hidden])', { timeout: 10_000 }).catch(() => {});
  check(await page.isVisible('.search-unavailable'), 'without an index /nl/search/ says search is not built and links to the events');

  execFileSync(path.join(root, 'node_modules/.bin/pagefind'), ['--site', site, '--output-path', path.join(site, 'pagefind')],
               { stdio: 'ignore' });
  for (const lang of ['nl', 'ar', 'uk']) {
    const { slug, word } = await eventIn(lang);
    await page.goto(`${server.base}/${lang}/search/`);
    await page.fill('.pagefind-ui__search-input', word);
    const hrefs = await page.waitForFunction((expected) => {
      const links = [...document.querySelectorAll('.pagefind-ui__result-link')].map((a) => new URL(a.href).pathname);
      return links.includes(expected) ? links : false;
    }, `/${lang}/events/${slug}/`, { timeout: 15_000 }).then((h) => h.jsonValue()).catch(() => []);
    check(hrefs.includes(`/${lang}/events/${slug}/`), `${lang}: searching “${word}” finds /${lang}/events/${slug}/ (${hrefs.length} results)`);
    check(hrefs.length > 0 && hrefs.every((href) => href.startsWith(`/${lang}/`)), `${lang}: every result is a page in ${lang}`);
  }
  check(violations.length === 0, `no Content-Security-Policy violation${violations.length ? ': ' + violations.join('; ') : ''}`);
  await context.close();
} finally {
  await chromium.close();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
report();
