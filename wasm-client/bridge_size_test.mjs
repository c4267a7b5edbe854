// The bridge on large input, as the explorer gives it: a pool of 100,000
// profiles (about 39 MB, far above the 5 MB WebAssembly stack) loads and
// answers; a text above the core's limit is answered with a JSON error and
// leaves the module working; a NUL inside a text does not cut it short.
// The pool is the small golden vector's profiles, cloned with fresh ids.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const [buildDir, vectorPath] = process.argv.slice(2);
const createBlendinCore = createRequire(import.meta.url)(`${buildDir}/blendin-core.js`);
const { BlendinCore } = await import(pathToFileURL(`${buildDir}/blendin-core-bridge.mjs`));

let failures = 0;
const check = (ok, what) => {
  if (!ok) {
    failures++;
    console.error(`FAIL: ${what}`);
  }
};

const core = await BlendinCore.open(createBlendinCore);
const small = JSON.parse(readFileSync(vectorPath, "utf8")).pool;
const profileCount = 100000;
const profiles = [];
for (let i = 0; i < profileCount; i++) {
  const source = small.profiles[i % small.profiles.length];
  profiles.push({ ...source, id: `${source.id}-${String(i).padStart(6, "0")}` });
}
const poolText = JSON.stringify({ ...small, profiles });
const megabytes = (poolText.length / 1e6).toFixed(1);
check(poolText.length > 30e6, `the 100,000-profile pool is only ${megabytes} MB`);

const started = performance.now();
const pool = core.loadPool(poolText);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(`wasm bridge: a pool of ${profileCount} profiles (${megabytes} MB) loaded in ${seconds} s`);

const topK = JSON.stringify({ version: 1, op: "top_k", profile_id: "amal-000000", k: 5 });
const before = core.ask(pool, topK);
const matches = JSON.parse(before).matches;
check(Array.isArray(matches) && matches.length === 5, `top_k on the large pool: ${before.slice(0, 200)}`);
check(matches?.every((m) => typeof m.score === "number" && m.id !== "amal-000000"), "top_k matches without scores");

// Over the limit: a request one byte too long, then a pool; a JSON error each.
const limit = core.maxInputBytes;
check(limit === 64 * 1024 * 1024, `the limit is ${limit} bytes`);
const head = '{"version":1,"op":"top_k","profile_id":"';
const tooLong = head + "x".repeat(limit + 1 - head.length - 2) + '"}';
const refused = core.ask(pool, tooLong);
check(
  refused ===
    `{"version":1,"error":{"message":"the request is ${limit + 1} bytes: the WebAssembly core takes at most ${limit} bytes (64 MiB)"}}`,
  `an over-limit request: ${refused.slice(0, 200)}`,
);
let poolError = null;
try {
  core.loadPool(tooLong);
} catch (error) {
  poolError = error;
}
check(
  poolError?.response?.error?.message ===
    `the pool is ${limit + 1} bytes: the WebAssembly core takes at most ${limit} bytes (64 MiB)`,
  `an over-limit pool: ${poolError?.message}`,
);

// The module still works, and gives the same answer as before.
check(core.ask(pool, topK) === before, "the answer after an over-limit input differs");

// A NUL inside a text is a byte of it: the text is refused, not read up to the NUL.
const withNul = core.ask(pool, topK + "\u0000garbage");
check(
  withNul.startsWith('{"version":1,"error":{"message":"request:1:') && withNul.includes("expected the end of the text"),
  `a request with a NUL after the document: ${withNul.slice(0, 200)}`,
);
check(core.ask(pool, topK) === before, "the answer after a NUL request differs");

core.freePool(pool);
if (failures) process.exit(1);
console.log("wasm bridge: large and over-limit input answered; the module still answers");
