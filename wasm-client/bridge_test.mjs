// Loads the WebAssembly core through its JavaScript bridge, as a page would,
// and checks that it answers a golden vector's requests byte for byte as the
// committed expected output (which the native build produces too).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [buildDir, vectorPath, expectedPath] = process.argv.slice(2);
const createBlendinCore = createRequire(import.meta.url)(`${buildDir}/blendin-core.js`);
const { BlendinCore } = await import(pathToFileURL(`${buildDir}/blendin-core-bridge.mjs`));

const core = await BlendinCore.open(createBlendinCore);
const vector = JSON.parse(readFileSync(vectorPath, "utf8"));
const expected = readFileSync(expectedPath, "utf8").split("\n").filter(Boolean);
const pool = core.loadPool(vector.pool);
let failures = 0;
vector.requests.forEach((request, i) => {
  const text = typeof request === "string" ? request : JSON.stringify(request);
  const answer = core.ask(pool, text);
  if (answer !== expected[i]) {
    failures++;
    console.error(`request ${i}: differs\n  got:      ${answer.slice(0, 200)}\n  expected: ${expected[i].slice(0, 200)}`);
  }
});
let refused = false;
try {
  core.loadPool('{"version":1,"reference_year":2026,"taxonomy":{"interests":[]},"profiles":[{"id":"x","role":"tourist"}]}');
} catch (error) {
  refused = /tourist/.test(error.message);
}
if (!refused) {
  failures++;
  console.error("a refused pool did not throw an error naming the bad value");
}
core.freePool(pool);
if (failures) process.exit(1);
console.log(`wasm bridge: ${vector.requests.length} answers identical to the native build`);
