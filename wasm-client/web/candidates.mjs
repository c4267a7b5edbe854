// Where the explorer's candidates come from, in one place. On the static site,
// and for a visitor who has not joined: the synthetic demo pool that the build
// writes (invented people, never real ones). With `blendin serve`, for a
// visitor who joined (their token in this browser): the people who joined
// near them, from GET /api/v1/candidates (docs/api.md), every page as one
// pool in the core's wire format, the rarity weights the server uses with it.
//
// Resolves to {source: "demo" | "server", text} or rejects with an Error whose
// `kind` the explorer puts into words: "missing" (404), "offline", "timeout",
// "empty", and "signed_out" when the server no longer knows the token.
export async function loadCandidates({ explorerBase, apiBase, searchParams, token }) {
  // A benchmark may ask for another pool of the same folder (?pool=pool-100k.json),
  // a test for a shorter wait (?timeout=2000, at least a second).
  const timeoutMs = Math.max(1000, Number(searchParams.get("timeout")) || 30000);
  if (token) return { source: "server", text: await serverPool(apiBase, token, timeoutMs) };
  const asked = searchParams.get("pool");
  const name = asked && /^[a-z0-9-]+\.json$/.test(asked) ? asked : "demo-pool.json";
  return { source: "demo", text: await fetchWithin(explorerBase + name, {}, timeoutMs, (text) => text) };
}

// The explorer's distance question goes up to 50 km: everyone it can show.
const serverRadiusKm = 50;

async function serverPool(apiBase, token, timeoutMs) {
  const headers = { Authorization: `Bearer ${token}` };
  let pool = null;
  let cursor = null;
  do {
    const url = `${apiBase}candidates?radius=${serverRadiusKm}&limit=1000` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : "");
    const page = await fetchWithin(url, { headers }, timeoutMs, (text) => JSON.parse(text));
    pool ??= { version: page.version, reference_year: page.reference_year, taxonomy: page.taxonomy, profiles: [] };
    pool.profiles.push(...page.profiles);
    cursor = page.next_cursor;
  } while (cursor);
  return JSON.stringify(pool);
}

async function fetchWithin(url, options, timeoutMs, read) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response, text;
  try {
    response = await fetch(url, { ...options, signal: controller.signal });
    if (response.ok) text = await response.text();
  } catch (error) {
    throw Object.assign(new Error(String(error)), { kind: controller.signal.aborted ? "timeout" : "offline" });
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 401 || response.status === 403)
    throw Object.assign(new Error(`HTTP ${response.status}`), { kind: "signed_out" });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { kind: "missing" });
  if (text.trim() === "") throw Object.assign(new Error("empty"), { kind: "empty" });
  return read(text);
}
