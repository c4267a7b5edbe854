// The match explorer in real headless Chromium (Debian's, driven by
// playwright-core) on a site built as `make site` builds it: the real module,
// fonts, data and demo pool, served over HTTP on 127.0.0.1.
//
// usage: node explorer_browser.mjs CHECK BLENDIN REPO_ROOT STAGING SCREENSHOTS
//   CHECK is one of:
//     languages      nl, ar, uk and ti: the questionnaire filled in with real
//                    pointer and keyboard events on the canvas; the HTML list
//                    beside it equals `blendin match top --profile-file` for the
//                    profile the explorer made (ids, order, scores)
//     touch          the same on a phone (360 x 740, pixel ratio 3) with touch
//                    only: taps, a finger dragging the questions, a pinch on the map
//     coordinators   a pool file through the file picker, a round, and the
//                    downloaded JSON and CSV equal `blendin match assign`'s bytes
//     failures       a pool that is missing, malformed, empty or too slow; no
//                    WebGL 2; no WebAssembly; a postcode that is not Dutch;
//                    nobody within reach: each said in the page's language
//     beginners      a newcomer who speaks Dutch only at A1 finds locals who
//                    welcome beginners, the practice said in words; a local
//                    who welcomes beginners says so in the profile; both lists
//                    equal `blendin match top --profile-file`
//     screenshots    nl, ar, uk, ti at 360 x 740 and 1280 x 800 into SCREENSHOTS;
//                    the ar results area is drawn (not one flat colour)
//     joining        the same site served by the real `blendin serve` with 2,000
//                    demo people who joined and a fresh SQLite file: a visitor
//                    answers, cannot join without consent, joins; the list then
//                    equals `blendin match top` over the server's candidates
//                    (GET /api/v1/candidates, every page) and shows ages as
//                    bands; the server keeps them under the name given; leaving
//                    erases them there and brings the demo back
// STAGING is the wasm build's site/ folder (its explorer/ is copied into the site).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { buildSite, launchChromium, scratch, serve } from "./harness.mjs";

const [check, blendin, repo, staging, screenshots] = process.argv.slice(2);
const work = scratch("blendin-explorer");
const site = buildSite({ blendin, repo, staging, work, pools: { "demo-pool.json": 2000 } });
const pool = path.join(site, "explorer", "demo-pool.json");
const strings = (lang) => JSON.parse(readFileSync(path.join(site, "api/v1/i18n", `${lang}.json`), "utf8")).strings;
const server = await serve(site);
const base = server.base;
const browser = await launchChromium(repo, work);
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${message}`); };

// [SECTION] driving the canvas
async function open(lang, { width = 1280, height = 800, touch = false, ratio = 1, query = "", init, at = base } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: ratio, hasTouch: touch,
    isMobile: touch, acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (error) => fail(`${lang}: page error ${error.message}`));
  if (init) await init(page);
  await page.goto(`${at}/${lang}/match/${query}`);
  return { page, context };
}

async function ready(page) {
  await page.waitForSelector('#match-explorer[data-ready="true"]', { timeout: 30000 });
  await page.waitForFunction(() => window.blendinExplorer.state().pool !== "loading", null, { timeout: 30000 });
  const canvas = await page.$("#explorer-canvas");
  await canvas.scrollIntoViewIfNeeded();
  return canvas;
}

const state = (page) => page.evaluate(() => window.blendinExplorer.state());

// Taps the widget marked `id`, scrolling the column under `scrollAt` (a
// fraction of the canvas' width) until it shows.
async function tap(page, canvas, id, { scrollAt = 0.5, touch = false } = {}) {
  for (let attempt = 0, direction = 1; attempt < 80; attempt++) {
    const box = await canvas.boundingBox();
    const mark = (await state(page)).marks[id];
    if (mark && mark[3] >= 8) {
      const x = box.x + mark[0] + mark[2] / 2, y = box.y + mark[1] + Math.min(mark[3], 40) / 2;
      if (touch) await page.touchscreen.tap(x, y);
      else await page.mouse.click(x, y);
      await page.waitForTimeout(60);
      return;
    }
    if (attempt === 40) direction = -1;  // not below: look above
    const x = box.x + box.width * scrollAt, y = box.y + box.height * 0.7;
    if (touch) await drag(page, x, y, x, y - direction * 220);
    else {
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, direction * 240);
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`no widget "${id}" on the canvas`);
}

// A finger dragging, as touch events through the DevTools protocol.
async function drag(page, x0, y0, x1, y1) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: x0, y: y0 }] });
  for (let i = 1; i <= 6; i++)
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove",
      touchPoints: [{ x: x0 + (x1 - x0) * i / 6, y: y0 + (y1 - y0) * i / 6 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

// The answers a test gives, by pointer and keyboard; `scrollAt` is where the
// questions are (the start side of a wide page, everywhere on a narrow one).
async function answer(page, canvas, { town = "Utre", townId = "town.utrecht", postcode = "3511", scrollAt, touch, full = true } = {}) {
  const at = { scrollAt, touch };
  await tap(page, canvas, "postcode", at);
  await page.keyboard.type(postcode);
  await tap(page, canvas, "town", at);
  await page.keyboard.type(town);
  await page.waitForTimeout(150);
  await tap(page, canvas, townId, at);
  await tap(page, canvas, "interest.cooking", at);
  if (!full) return page.waitForTimeout(300);  // enough for results: where the visitor lives
  await tap(page, canvas, "birth_year", at);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("1990");
  await tap(page, canvas, "interest.music", at);
  await tap(page, canvas, "pillar.work", at);
  await tap(page, canvas, "sector.care", at);
  await tap(page, canvas, "language.add", at);
  await tap(page, canvas, "language.2.code", at);
  await tap(page, canvas, "language.2.code.ar", at);
  await tap(page, canvas, "language.2.level", at);
  await tap(page, canvas, "language.2.level.native", at);
  await page.waitForTimeout(400);  // the HTML list follows after a pause in typing
}

// The HTML list beside the canvas against the CLI on the same pool and
// profile; gives the profile, the list shown and match top's answer.
async function listAgainstCli(page, label) {
  await page.waitForFunction(() => document.querySelectorAll("#explorer-results li").length > 0, null, { timeout: 10000 });
  await page.waitForTimeout(400);
  const { profile } = await state(page);
  if (!profile) {
    fail(`${label}: the answers made no profile`);
    return null;
  }
  const visitor = path.join(work, "visitor.json");
  writeFileSync(visitor, JSON.stringify(profile));
  const expected = JSON.parse(execFileSync(blendin, ["match", "top", "--pool", pool, "--profile-file", visitor, "-k", "10"]));
  const shown = await page.$$eval("#explorer-results li", (items) =>
    items.map((item) => ({ id: item.dataset.id, score: Number(item.dataset.score), text: item.textContent })));
  const same = shown.length === expected.length &&
    shown.every((item, i) => item.id === expected[i].id && item.score === expected[i].score);
  if (!same) fail(`${label}: the HTML list ${JSON.stringify(shown.map(({ id, score }) => ({ id, score })))} differs from match top ${JSON.stringify(expected.map((m) => ({ id: m.id, score: m.score })))}`);
  else console.log(`ok   ${label}: ${shown.length} matches, the same ids, order and scores as match top`);
  return { profile, shown, expected };
}

// The list against the CLI after answer(): the typed and chosen answers are in the profile.
async function compareWithCli(page, label) {
  const compared = await listAgainstCli(page, label);
  if (!compared) return;
  const { profile } = compared;
  if (!profile.languages.some((l) => l.code === "ar" && l.level === "native")) fail(`${label}: the language chosen in the list is not in the profile`);
  if (profile.location.postcode_area !== "3511" || profile.birth_year !== 1990) fail(`${label}: typed answers missing: ${JSON.stringify(profile)}`);
}

// Answers are kept in the browser only when asked, come back on the next
// visit, and are gone when the visitor says forget.
async function storage(page, canvas) {
  const key = "blendin-explorer-answers";
  const stored = () => page.evaluate((k) => localStorage.getItem(k), key);
  if (await stored()) fail("storage: answers were stored without asking");
  const before = (await state(page)).profile;
  await tap(page, canvas, "remember", { scrollAt: 0.2 });
  await page.waitForTimeout(200);
  if (!(await stored())) {
    fail("storage: asked to remember, but nothing was stored");
    return canvas;
  }
  await page.reload();
  canvas = await ready(page);
  await page.waitForFunction(() => window.blendinExplorer.state().profile !== null, null, { timeout: 10000 }).catch(() => {});
  const after = (await state(page)).profile;
  if (JSON.stringify(after) !== JSON.stringify(before)) fail(`storage: the answers came back as ${JSON.stringify(after)}`);
  await tap(page, canvas, "forget", { scrollAt: 0.2 });
  await page.waitForTimeout(200);
  if (await stored()) fail("storage: forget left the answers in the browser");
  else console.log("ok   nl: answers stored only when asked, restored on a new visit, and forgotten");
  return canvas;
}

// [SECTION] checks
async function languages() {
  for (const lang of ["nl", "ar", "uk", "ti"]) {
    const { page, context } = await open(lang);
    let canvas = await ready(page);
    const rtl = lang === "ar";
    await answer(page, canvas, { scrollAt: rtl ? 0.8 : 0.2 });
    await compareWithCli(page, `${lang} by mouse and keyboard`);
    // Keyboard only: Tab moves from the year of birth to the postcode, which
    // then takes what is typed; Escape leaves the canvas for the results.
    await tap(page, canvas, "birth_year", { scrollAt: rtl ? 0.8 : 0.2 });
    await page.keyboard.press("Tab");
    await page.waitForTimeout(100);
    const next = (await state(page)).focused;
    if (next !== "postcode") fail(`${lang}: Tab from the year of birth went to "${next}"`);
    for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("3512");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(100);
    const postcode = (await state(page)).profile?.location.postcode_area;
    if (postcode !== "3512") fail(`${lang}: the postcode typed after Tab is ${postcode}`);
    else console.log(`ok   ${lang}: Tab, typing and Enter reach the next field`);
    if (lang === "nl") canvas = await storage(page, canvas);
    await canvas.focus();
    await page.keyboard.press("Escape");
    const focused = await page.evaluate(() => document.activeElement?.id);
    if (focused !== "explorer-results-title") fail(`${lang}: Escape left focus on ${focused}`);
    await context.close();
  }
}

async function touch() {
  const { page, context } = await open("nl", { width: 360, height: 740, touch: true, ratio: 3 });
  const canvas = await ready(page);
  // Sharp: the canvas has three pixels for every CSS pixel it takes.
  const size = await page.evaluate(() => { const c = document.getElementById("explorer-canvas"); return [c.width, c.clientWidth]; });
  if (size[0] !== size[1] * 3) fail(`touch: the canvas has ${size[0]} pixels for ${size[1]} CSS pixels at ratio 3`);
  await answer(page, canvas, { touch: true });
  await compareWithCli(page, "nl with touch only");
  await tap(page, canvas, "tab.map", { touch: true });
  const box = await canvas.boundingBox();
  const map = (await state(page)).marks.map;
  if (!map) return fail("touch: no map");
  // Two fingers apart: a pinch that zooms in, then a tap on the first match.
  const cx = box.x + map[0] + map[2] / 2, cy = box.y + map[1] + Math.min(map[3], 300) / 2;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: cx - 20, y: cy, id: 1 }, { x: cx + 20, y: cy, id: 2 }] });
  for (let i = 1; i <= 5; i++)
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: cx - 20 - i * 12, y: cy, id: 1 }, { x: cx + 20 + i * 12, y: cy, id: 2 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  console.log("ok   nl with touch only: the map takes a pinch");
  await context.close();
}

async function coordinators() {
  const { page, context } = await open("en");
  const canvas = await ready(page);
  await tap(page, canvas, "tab.coordinators", { scrollAt: 0.8 });
  const chooser = page.waitForEvent("filechooser");
  await tap(page, canvas, "coordinators.load", { scrollAt: 0.8 });
  await (await chooser).setFiles(pool);
  await page.waitForFunction(() => "round.run" in window.blendinExplorer.state().marks, null, { timeout: 20000 }).catch(() => {});
  await tap(page, canvas, "round.mode.coverage", { scrollAt: 0.8 });
  await tap(page, canvas, "round.run", { scrollAt: 0.8 });
  for (const [id, args, name] of [["round.download_json", ["--format", "json"], "JSON"], ["round.download_csv", ["--format", "csv"], "CSV"]]) {
    const download = page.waitForEvent("download");
    await tap(page, canvas, id, { scrollAt: 0.8 });
    const file = path.join(work, `download-${name}`);
    await (await download).saveAs(file);
    const expected = execFileSync(blendin, ["match", "assign", "--pool", pool, "--mode", "coverage", ...args], { maxBuffer: 1 << 28 });
    const got = readFileSync(file);
    if (Buffer.compare(got, expected) !== 0) fail(`coordinators: the downloaded ${name} (${got.length} bytes) differs from match assign's (${expected.length} bytes)`);
    else console.log(`ok   coordinators: the downloaded ${name} equals match assign --mode coverage byte for byte (${got.length} bytes)`);
  }
  await context.close();
}

async function failures_() {
  const cases = [
    ["missing", (route) => route.fulfill({ status: 404, body: "" }), "explorer_pool_missing"],
    ["malformed", (route) => route.fulfill({ status: 200, body: '{"version":1,"profiles":[' }), "explorer_status_pool_invalid"],
    ["empty", (route) => route.fulfill({ status: 200, body: "" }), "explorer_pool_empty"],
    ["timeout", () => {}, "explorer_pool_timeout"],
  ];
  for (const [name, handle, key] of cases) {
    const lang = name === "missing" ? "ar" : "nl";
    const { page, context } = await open(lang, { query: "?timeout=1500",
      init: (p) => p.route("**/explorer/demo-pool.json", handle) });
    await page.waitForSelector('#match-explorer[data-ready="true"]', { timeout: 30000 });
    const expected = strings(lang)[key];
    try {
      await page.waitForFunction((text) => document.querySelector(".explorer-status")?.textContent === text, expected, { timeout: 10000 });
      console.log(`ok   failures: a ${name} pool is said in ${lang}: "${expected}"`);
    } catch {
      fail(`failures: a ${name} pool: the status says "${await page.textContent(".explorer-status")}", expected "${expected}"`);
    }
    await context.close();
  }
  for (const [name, script, key] of [
    ["WebGL 2", () => { const get = HTMLCanvasElement.prototype.getContext; HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === "webgl2" ? null : get.call(this, kind, ...rest); }; }, "explorer_no_webgl"],
    ["WebAssembly", () => { delete window.WebAssembly; }, "explorer_no_webassembly"],
  ]) {
    const { page, context } = await open("uk", { init: (p) => p.addInitScript(script) });
    const fallback = await page.waitForSelector('.explorer-fallback[role="alert"]', { timeout: 15000 }).catch(() => null);
    const text = fallback ? await fallback.textContent() : "";
    const link = fallback ? await fallback.$eval("a", (a) => a.getAttribute("href")) : "";
    if (!text.startsWith(strings("uk")[key]) || !link.endsWith("/uk/events/")) fail(`failures: without ${name}: "${text}" ${link}`);
    else console.log(`ok   failures: without ${name} the page says so in uk and links the events`);
    await context.close();
  }
  // A postcode that is not Dutch, and a village where nobody is within reach.
  const { page, context } = await open("nl");
  const canvas = await ready(page);
  await tap(page, canvas, "postcode", { scrollAt: 0.2 });
  await page.keyboard.type("0123");
  await page.waitForTimeout(100);
  if (!(await state(page)).answer_problems.includes("explorer_problem_postcode")) fail("failures: postcode 0123 was taken for Dutch");
  else console.log("ok   failures: postcode 0123 is refused");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("4361");
  await tap(page, canvas, "town", { scrollAt: 0.2 });
  await page.keyboard.type("Aagtek");
  await page.waitForTimeout(150);
  await tap(page, canvas, "town.aagtekerke", { scrollAt: 0.2 });
  await page.waitForTimeout(500);
  const notes = await page.$$eval(".explorer-notes li", (items) => items.map((item) => item.textContent));
  const distance = strings("nl").explorer_excluded_distance.split("{{count}}")[1].trim();
  if (!notes.some((note) => note.includes(distance))) fail(`failures: nobody in reach, but the notes say ${JSON.stringify(notes)}`);
  else console.log(`ok   failures: nobody within reach of Aagtekerke, and why: ${JSON.stringify(notes)}`);
  await context.close();
}

// The share of an image's pixels that differ from its most common colour.
async function inkShare(page, png) {
  return page.evaluate(async (data) => {
    const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const counts = new Map();
    for (let i = 0; i < pixels.length; i += 4) {
      const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const most = Math.max(...counts.values());
    return { ink: 1 - most / (pixels.length / 4), colours: counts.size };
  }, png.toString("base64"));
}

async function screenshots_() {
  mkdirSync(screenshots, { recursive: true });
  for (const lang of ["nl", "ar", "uk", "ti"])
    for (const [width, height] of [[360, 740], [1280, 800]]) {
      const narrow = width < 900;
      const { page, context } = await open(lang, { width, height, touch: narrow, ratio: narrow ? 2 : 1 });
      const canvas = await ready(page);
      await answer(page, canvas, { scrollAt: narrow ? 0.5 : lang === "ar" ? 0.8 : 0.2, touch: narrow, full: false });
      if (narrow) await tap(page, canvas, "see_matches", { touch: true });
      await page.waitForTimeout(300);
      await canvas.scrollIntoViewIfNeeded();
      const file = path.join(screenshots, `explorer-${lang}-${width}x${height}.png`);
      await canvas.screenshot({ path: file });
      if (lang === "ar") {
        const box = await canvas.boundingBox();
        const card = (await state(page)).marks["match.0"];
        if (!card) { fail(`screenshots: ar ${width}: no result card on the canvas`); await context.close(); continue; }
        const png = await page.screenshot({ clip: { x: box.x + card[0], y: box.y + card[1], width: card[2], height: card[3] } });
        const { ink, colours } = await inkShare(page, png);
        if (ink < 0.05 || colours < 20) fail(`screenshots: the ar results area looks empty (${(ink * 100).toFixed(1)}% ink, ${colours} colours)`);
        else console.log(`ok   screenshots: ar ${width}x${height} results drawn (${(ink * 100).toFixed(1)}% ink, ${colours} colours)`);
      }
      console.log(`     ${file}`);
      await context.close();
    }
}

// Language practice, as a beginner and as a local who welcomes beginners.
async function beginners() {
  const { page, context } = await open("nl");
  const canvas = await ready(page);
  const at = { scrollAt: 0.2 };
  await answer(page, canvas, { scrollAt: 0.2, full: false });
  // Dutch at A1, and no other language: English goes.
  await tap(page, canvas, "language.1.remove", at);
  await tap(page, canvas, "language.0.level", at);
  await tap(page, canvas, "language.0.level.A1", at);
  await page.waitForTimeout(400);
  const learner = await listAgainstCli(page, "beginners: Dutch at A1 only");
  if (!learner) return context.close();
  if (JSON.stringify(learner.profile.languages) !== JSON.stringify([{ code: "nl", level: "A1" }]))
    fail(`beginners: the profile's languages are ${JSON.stringify(learner.profile.languages)}`);
  const practising = learner.expected.filter((m) => m.explanation.shared_languages.some((l) => l.practice));
  const phrase = strings("nl").explorer_why_practice_learner.replace("{{language}}", "Nederlands");
  if (practising.length === 0 || practising.length !== learner.expected.length)
    fail(`beginners: ${practising.length} of ${learner.expected.length} matches through language practice`);
  else if (!learner.shown.every((item) => item.text.includes(phrase)))
    fail(`beginners: a match does not say "${phrase}"`);
  else console.log(`ok   beginners: every match is language practice and says "${phrase}"`);
  // As a local who speaks Dutch natively and welcomes beginners.
  await tap(page, canvas, "role.local", at);
  await tap(page, canvas, "language.0.level", at);
  await tap(page, canvas, "language.0.level.native", at);
  await tap(page, canvas, "welcomes_beginners", at);
  await page.waitForTimeout(400);
  const host = await listAgainstCli(page, "beginners: a local who welcomes beginners");
  if (!host) return context.close();
  if (host.profile.role !== "local" || host.profile.welcomes_beginners !== true)
    fail(`beginners: the local's profile is ${JSON.stringify(host.profile)}`);
  await context.close();
}

// The real server on the built site, with a fresh database; resolves to {base, stop}.
async function blendinServe(database) {
  const child = spawn(blendin, ["serve", "--no-build", "--port", "0", "--site", site, "--db", database, "--content", path.join(repo, "content"),
    "--demo-people", "2000"], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((resolve) => child.stdout.once("data", (data) => resolve(String(data))));
  const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)?.[1];
  if (!port) throw new Error(`blendin serve did not start: ${line}`);
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

async function joining() {
  const served = await blendinServe(path.join(work, "joining.sqlite"));
  const api = async (method, address, token) => {
    const response = await fetch(`${served.base}/api/v1/${address}`, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  try {
    const { page, context } = await open("nl", { at: served.base });
    // The server's Content-Security-Policy (no inline script or style) lets the whole explorer run.
    const refused = [];
    page.on("console", (message) => { if (/Content Security Policy/i.test(message.text())) refused.push(message.text()); });
    let canvas = await ready(page);
    const before = await state(page);
    if (before.joining !== "open" || before.pool_source !== "demo")
      fail(`joining: before joining the explorer is ${before.joining} on the ${before.pool_source} pool`);
    await answer(page, canvas, { scrollAt: 0.2 });
    await tap(page, canvas, "join.name", { scrollAt: 0.2 });
    await page.keyboard.type("Amal");
    await tap(page, canvas, "join.contact", { scrollAt: 0.2 });
    await page.keyboard.type("+31 6 12345678");
    await tap(page, canvas, "join.send", { scrollAt: 0.2 });
    await page.waitForTimeout(500);
    const joinedKey = () => page.evaluate(() => localStorage.getItem("blendin-joined"));
    if ((await state(page)).joining !== "open" || await joinedKey()) fail("joining: joined without consent");
    await tap(page, canvas, "join.consent", { scrollAt: 0.2 });
    await tap(page, canvas, "join.send", { scrollAt: 0.2 });
    await page.waitForFunction(() => { const s = window.blendinExplorer.state();
      return s.joining === "joined" && s.pool_source === "server" && s.pool === "ready"; }, null, { timeout: 20000 });
    const visitor = JSON.parse(await joinedKey());
    const kept = await api("GET", `profiles/${visitor.id}`, visitor.token);
    if (kept.status !== 200 || kept.body.profile.display_name !== "Amal" || kept.body.visible !== true ||
        kept.body.contact?.phone !== "+31 6 12345678")
      fail(`joining: the server keeps ${JSON.stringify(kept)}`);
    // The explorer's list against the core over what the server gave it.
    let seen = null;
    for (let cursor = null; ;) {
      const { body: page_ } = await api("GET", `candidates?radius=50&limit=1000${cursor ? `&cursor=${cursor}` : ""}`, visitor.token);
      seen ??= { version: page_.version, reference_year: page_.reference_year, taxonomy: page_.taxonomy, profiles: [] };
      seen.profiles.push(...page_.profiles);
      if (!(cursor = page_.next_cursor)) break;
    }
    const seenFile = path.join(work, "seen-pool.json");
    writeFileSync(seenFile, JSON.stringify(seen));
    await page.waitForFunction(() => document.querySelectorAll("#explorer-results li").length > 0, null, { timeout: 10000 });
    await page.waitForTimeout(400);
    const { profile } = await state(page);
    const visitorFile = path.join(work, "joined-visitor.json");
    writeFileSync(visitorFile, JSON.stringify(profile));
    const expected = JSON.parse(execFileSync(blendin, ["match", "top", "--pool", seenFile, "--profile-file", visitorFile, "-k", "10"]));
    const shown = await page.$$eval("#explorer-results li", (items) =>
      items.map((item) => ({ id: item.dataset.id, score: Number(item.dataset.score), text: item.textContent })));
    const ids = new Set(seen.profiles.map((p) => p.id));
    if (!(shown.length > 0 && shown.length === expected.length &&
          shown.every((item, i) => item.id === expected[i].id && item.score === expected[i].score && ids.has(item.id))))
      fail(`joining: the list ${JSON.stringify(shown.map(({ id, score }) => ({ id, score })))} differs from match top over the server's candidates ${JSON.stringify(expected.map((m) => ({ id: m.id, score: m.score })))}`);
    else console.log(`ok   joining: ${shown.length} matches among ${seen.profiles.length} candidates from the server, as match top gives them`);
    const isBand = (text) => { const band = /(\d+)-(\d+)/.exec(text); return band && band[2] - band[1] === 4 && band[1] % 5 === 0; };
    if (!shown.every((item) => isBand(item.text)))
      fail(`joining: an age shown other than as a band: ${shown.map((item) => item.text).join(" | ")}`);
    // Leaving erases the visitor on the server and brings the demo back.
    await tap(page, canvas, "join.leave", { scrollAt: 0.2 });
    await page.waitForFunction(() => { const s = window.blendinExplorer.state();
      return s.joining === "open" && s.pool_source === "demo" && s.pool === "ready"; }, null, { timeout: 20000 });
    const gone = await api("GET", `profiles/${visitor.id}`, visitor.token);
    if (![403, 404].includes(gone.status) || await joinedKey()) fail(`joining: after leaving the server answers ${gone.status} and the browser keeps ${await joinedKey()}`);
    else console.log("ok   joining: consent asked, joined, the server's people matched, left and erased");
    if (refused.length) fail(`joining: the Content-Security-Policy refused: ${refused.join(" | ")}`);
    await context.close();
  } finally {
    served.stop();
  }
}

try {
  await { languages, touch, coordinators, failures: failures_, beginners, screenshots: screenshots_, joining }[check]();
} catch (error) {
  fail(`${check}: ${error.stack ?? error}`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) process.exit(1);
