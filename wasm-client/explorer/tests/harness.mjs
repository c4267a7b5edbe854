// What the explorer's browser tests and its benchmark share: a site built as
// `make site` builds it (the staged explorer, demo pools written by the
// native `blendin`), served over HTTP on 127.0.0.1, and Debian's Chromium.
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

// A scratch folder, removed when the process ends.
export function scratch(name) {
  const work = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  process.on("exit", () => rmSync(work, { recursive: true, force: true }));
  return work;
}

// Builds the site into work/site with the staged explorer and, in its
// explorer/ folder, demo pools: {"demo-pool.json": 2000, ...}.
export function buildSite({ blendin, repo, staging, work, pools }) {
  const built = path.join(work, "static");
  cpSync(staging, built, { recursive: true });
  for (const [name, profiles] of Object.entries(pools))
    writeFileSync(path.join(built, "explorer", name),
      execFileSync(blendin, ["demo-data", "--profiles", String(profiles), "--seed", "1"], { maxBuffer: 1 << 30 }));
  const site = path.join(work, "site");
  execFileSync(blendin, ["build", "--content", path.join(repo, "content"), "--templates", path.join(repo, "templates"),
    "--static", built, "--out", site, "--now", "2026-11-28T12:00", "--quiet"]);
  return site;
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".json": "application/json", ".wasm": "application/wasm", ".ttf": "font/ttf", ".css": "text/css" };

// Serves `site`; resolves to {base, close}.
export async function serve(site) {
  const server = createServer((request, response) => {
    let file = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (file.endsWith("/")) file += "index.html";
    try {
      const body = readFileSync(path.join(site, path.normalize(file)));
      response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

// Debian's Chromium, headless on this closed network, drawing WebGL 2 with SwiftShader.
export function launchChromium(repo, work) {
  const { chromium } = createRequire(path.join(repo, "package.json"))("playwright-core");
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--enable-unsafe-swiftshader", "--use-angle=swiftshader"],
    env: { ...process.env, TMPDIR: work },
  });
}
