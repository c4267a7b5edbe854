// Live preview in headless Chromium: the real `blendin serve` builds a copy of
// the fixture site and watches it; an event page open in the browser shows an
// edit of its Markdown file without being told to reload, shows a content
// error over the last good page, and reloads once the error is fixed; an
// open list of events shows the new title once the full build is done.
// usage: node tests/site/live_preview.mjs BLENDIN REPO_ROOT
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { checklist, launchChromium, openLivePage, startServe } from './serve_process.mjs';

const [blendin, root] = process.argv.slice(2).map((arg) => path.resolve(arg));
const work = await mkdtemp(path.join(os.tmpdir(), 'blendin-live-'));
const content = path.join(work, 'content');
await cp(path.join(root, 'tests/fixtures/site-valid'), content, { recursive: true });
await cp(path.join(root, 'templates'), path.join(work, 'templates'), { recursive: true });
const eventFile = path.join(content, 'events/2027/zomertijd-wandeling.nl.md');
const original = await readFile(eventFile, 'utf8');
const { check, failures, report } = checklist();
const wait_ms = 10_000;

const server = await startServe(blendin, ['--content', content, '--site', path.join(work, 'public'), '--db',
                                          path.join(work, 'db.sqlite'), '--now', '2026-11-28T12:00']);
const chromium = await launchChromium();
try {
  const page = await openLivePage(chromium.browser, `${server.base}/nl/events/zomertijd-wandeling/`);
  // An update: a reload, or the page's body replaced by the live script.
  let loads = 0;
  page.on('load', () => { loads += 1; });
  const policyErrors = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyErrors.push(message.text());
    if (message.text() === 'blendin serve: page updated') loads += 1;
  });
  const heading = () => page.locator('h1').first().innerText();
  check((await heading()).includes('Wandeling na de zomertijd'), `the event page shows its title (${await heading()})`);
  // The list of events that holds it, open beside it: the full build's to update.
  const list = await openLivePage(chromium.browser, `${server.base}/nl/events/page/2/`);
  check((await list.locator('main').innerText()).includes('Wandeling na de zomertijd'), 'the open list of events shows the title');

  // 1. An edit of the title is visible without a reload asked for.
  let start = performance.now();
  await writeFile(eventFile, original.replace('title: "Wandeling na de zomertijd"', 'title: "Wandeling bij zonsopgang"'));
  await page.locator('h1', { hasText: 'Wandeling bij zonsopgang' }).waitFor({ timeout: wait_ms });
  console.log(`save -> visible: ${Math.round(performance.now() - start)} ms (informational)`);
  check(loads === 1, `the page updated by itself once (${loads})`);

  // 2. A content error: the problem shows over the page, which stays as it was.
  const broken = original.replace('title: "Wandeling na de zomertijd"', 'title: "Wandeling bij zonsopgang"')
    .replace('pillar: culture', 'pillar: sport');
  await writeFile(eventFile, broken);
  const alert = page.locator('[role="alert"]');
  await alert.waitFor({ timeout: wait_ms });
  const shown = await alert.innerText();
  check(/zomertijd-wandeling\.nl\.md:5:9: pillar: expected one of social, culture, work, got "sport"/.test(shown),
        `the overlay names the file, line and column (${shown.split('\n').find((line) => line.includes('.md:'))})`);
  check(loads === 1 && (await heading()).includes('Wandeling bij zonsopgang'), 'the last good page stays, not reloaded');
  check(await alert.isVisible(), 'the overlay is visible');
  await alert.getByRole('button').click();
  check((await alert.count()) === 0, 'the overlay closes with its button');

  // 3. The fix rebuilds the site and the page reloads.
  start = performance.now();
  await writeFile(eventFile, original.replace('title: "Wandeling na de zomertijd"', 'title: "Wandeling hersteld"'));
  await page.locator('h1', { hasText: 'Wandeling hersteld' }).waitFor({ timeout: wait_ms });
  console.log(`fix -> visible: ${Math.round(performance.now() - start)} ms (informational)`);
  check(loads === 2 && (await alert.count()) === 0, `after the fix the page updated, without the overlay (${loads})`);
  // The preview showed the event's own page; the full build after it brings the lists along.
  let listed = false;
  for (const asked = performance.now(); !listed && performance.now() - asked < 30_000;) {
    listed = (await (await fetch(`${server.base}/nl/events/calendar.ics`)).text()).includes('Wandeling hersteld');
    if (!listed) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  check(listed, 'the full build after the preview brings the new title to the calendar of its language');
  await list.locator('main', { hasText: 'Wandeling hersteld' }).waitFor({ timeout: wait_ms });
  check(true, 'the open list of events shows the new title after the full build, by itself');
  check((await heading()).includes('Wandeling hersteld') && (await alert.count()) === 0,
        'the event page still shows the fix after the full build');
  check(policyErrors.length === 0, `the site's Content-Security-Policy lets the live script run (${policyErrors.join('; ') || 'no violations'})`);
} catch (error) {
  check(false, `${error.message.split('\n')[0]}`);
} finally {
  // SIGTERM while the page still holds its event stream open.
  const stopped = await server.stop();
  check(stopped.code === 0 && stopped.seconds < 5,
        `SIGTERM with a live page open: exit ${stopped.code} after ${stopped.seconds.toFixed(1)} s`);
  await chromium.close();
  if (failures.length) console.log(`server output:\n${server.output.stdout}${server.output.stderr}`);
  await rm(work, { recursive: true, force: true });
}
report();
