// Save -> visible with `blendin serve` watching a corpus: opens an event page
// in headless Chromium, rewrites that event's title on disk, and times until
// the page shows it, EDITS times; prints the median, minimum and maximum, and
// the server's build and rebuild times. Figures only; never fails on time.
// usage: node bench/serve/live_reload.mjs BLENDIN CONTENT TEMPLATES SITE_DIR DB EVENT_FILE EDITS
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { launchChromium, openLivePage, startServe } from '../../tests/site/serve_process.mjs';

const [blendin, content, templates, site, database, eventFile, edits] = process.argv.slice(2);
const slug = path.basename(eventFile).split('.')[0];
const original = await readFile(eventFile, 'utf8');
const server = await startServe(path.resolve(blendin), ['--content', content, '--templates', templates, '--site', site,
                                                        '--db', database, '--now', '2026-11-28T12:00']);
const chromium = await launchChromium();
const seconds = (line) => Number(/ in ([\d.]+) s/.exec(line)?.[1]);
const times = [];
const floor = [];
try {
  console.log(`first build: ${server.output.stdout.split('\n')[0]}`);
  const page = await openLivePage(chromium.browser, `${server.base}/nl/events/${slug}/`);
  for (let i = 1; i <= Number(edits); ++i) {
    const title = `Live edit ${i}`;
    const start = performance.now();
    await writeFile(eventFile, original.replace(/^title: .*$/m, `title: "${title}"`));
    await page.locator('h1', { hasText: title }).waitFor({ timeout: 120_000 });
    times.push(performance.now() - start);
    console.log(`edit ${i}: save -> visible ${Math.round(times.at(-1))} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));  // the editor reads before saving again
  }
  // The full build that follows the last preview (lists, feeds, calendars).
  const asked = performance.now();
  while (!server.output.stdout.includes('rebuilt:') && performance.now() - asked < 180_000)
    await new Promise((resolve) => setTimeout(resolve, 200));
  // The floor under save -> visible: the same page reloaded and its title
  // found, with nothing saved (what the browser alone takes).
  for (let i = 0; i < 5; ++i) {
    const start = performance.now();
    await page.reload();
    await page.locator('h1', { hasText: `Live edit ${edits}` }).waitFor({ timeout: 120_000 });
    floor.push(performance.now() - start);
  }
} finally {
  await writeFile(eventFile, original);
  await server.stop();
  await chromium.close();
}
const sorted = [...times].sort((a, b) => a - b);
const rebuilds = server.output.stdout.split('\n').filter((line) => line.startsWith('rebuilt:')).map(seconds);
console.log(`save -> visible over ${times.length} edits: median ${Math.round(sorted[sorted.length >> 1])} ms, ` +
            `min ${Math.round(sorted[0])} ms, max ${Math.round(sorted.at(-1))} ms`);
console.log(`full build: ${seconds(server.output.stdout.split('\n')[0])} s; rebuilds: ${rebuilds.join(' s, ')} s`);
const previews = server.output.stdout.split('\n').filter((line) => line.startsWith('previewed:'))
  .map((line) => Number(/ in ([\d.]+) ms/.exec(line)?.[1]));
console.log(`previews (the edited event's pages rendered and written): ${previews.join(' ms, ')} ms`);
const floorSorted = [...floor].sort((a, b) => a - b);
console.log(`the floor, a reload of the page until its title shows with nothing saved: median ${Math.round(floorSorted[floorSorted.length >> 1])} ms, ` +
            `min ${Math.round(floorSorted[0])} ms`);
