// The real `blendin serve` as a child process, headless Chromium as the
// site's tests launch it, and their one way to report; shared by the browser
// tests of tests/site/ and bench/serve/.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

// Starts `blendin serve --port 0 ARGS...` and resolves once it listens, to
// {base, output, stop}; stop() sends SIGTERM and resolves to {code, seconds}.
// Rejects with the server's output when it exits first or does not listen within `startup_ms`.
export function startServe(blendin, args, { startup_ms = 600_000, cwd } = {}) {
  const child = spawn(blendin, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
  const output = { stdout: '', stderr: '' };
  child.stderr.on('data', (data) => { output.stderr += data; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  let listening = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`blendin serve did not listen:\n${output.stdout}${output.stderr}`)); },
                             startup_ms);
    exited.then((code) => { clearTimeout(timer); if (!listening) reject(new Error(`blendin serve exited (${code}):\n${output.stdout}${output.stderr}`)); });
    child.stdout.on('data', (data) => {
      output.stdout += data;
      const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output.stdout)?.[1];
      if (!port || listening) return;
      listening = true;
      clearTimeout(timer);
      resolve({
        base: `http://127.0.0.1:${port}`,
        output,
        stop: async () => {
          const start = performance.now();
          child.kill('SIGTERM');
          const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10_000))]);
          if (code === 'still running') child.kill('SIGKILL');
          return { code, seconds: (performance.now() - start) / 1000 };
        },
      });
    });
  });
}

// Headless Chromium as every browser test starts it; close() also removes
// its temporary folder.
export async function launchChromium() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'blendin-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, TMPDIR: profile },
  });
  return {
    browser,
    close: async () => { await browser.close(); await rm(profile, { recursive: true, force: true }); },
  };
}

// Opens `url` and resolves once the page's live-preview stream answered, so
// that a change made afterwards is one the page hears of.
export async function openLivePage(browser, url) {
  const page = await browser.newPage();
  const stream = page.waitForResponse((response) => new URL(response.url()).pathname === '/_blendin/live', { timeout: 10_000 });
  await page.goto(url);
  await stream;
  return page;
}

// What a browser test found: check(ok, message) prints an "ok" line for what
// holds and keeps what does not; report() prints each failure as a FAIL line
// and exits 1 when there is one, and returns when everything held.
export function checklist() {
  const failures = [];
  return {
    failures,
    check(ok, message) {
      if (!ok) failures.push(message);
      else console.log(`ok   ${message}`);
    },
    report() {
      if (!failures.length) return;
      console.log(failures.map((failure) => `FAIL ${failure}`).join('\n'));
      process.exit(1);
    },
  };
}
