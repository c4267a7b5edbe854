// Where the explorer's candidates come from, in one place. On the static site:
// the synthetic demo pool that the build writes (invented people, never real
// ones). With `blendin serve`, a registered visitor's candidates near them
// come from the API instead; only this function changes.
//
// Resolves to {source: "demo", text} or rejects with an Error whose `kind`
// the explorer puts into words: "missing" (404), "offline", "timeout",
// "empty".
export async function loadCandidates({ explorerBase, searchParams }) {
  // A benchmark may ask for another pool of the same folder (?pool=pool-100k.json),
  // a test for a shorter wait (?timeout=2000, at least a second).
  const asked = searchParams.get("pool");
  const timeoutMs = Math.max(1000, Number(searchParams.get("timeout")) || 30000);
  const name = asked && /^[a-z0-9-]+\.json$/.test(asked) ? asked : "demo-pool.json";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response, text;
  try {
    response = await fetch(explorerBase + name, { signal: controller.signal });
    if (response.ok) text = await response.text();
  } catch (error) {
    throw Object.assign(new Error(String(error)), { kind: controller.signal.aborted ? "timeout" : "offline" });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { kind: "missing" });
  if (text.trim() === "") throw Object.assign(new Error("empty"), { kind: "empty" });
  return { source: "demo", text };
}
