// The match explorer's page glue: everything the WebAssembly explorer needs
// from the browser. It fetches the site's strings, taxonomies, places, map,
// events, fonts and candidates and hands them over; feeds pointer, keyboard
// and text input (a hidden text field, so that phones show their keyboard and
// composed or pasted text arrives whole); keeps an HTML list of the results
// beside the canvas for screen readers and translation; stores the answers
// only when the visitor asks; and says in the page's language what went wrong
// instead of leaving a blank box. On a page served with the API (`blendin
// serve`) it also lets the visitor join (their answers registered, after
// their consent) and leave, and takes the candidates from the server.
//
// [SECTION] start  [SECTION] data  [SECTION] joining  [SECTION] the module
// [SECTION] input  [SECTION] beside the canvas
import { loadCandidates } from "./candidates.mjs";

const root = document.getElementById("match-explorer");
const lang = root?.dataset.lang ?? "nl";
const rtl = root?.dataset.dir === "rtl";
const apiBase = root?.dataset.api ?? "/api/v1/";
const explorerBase = root?.dataset.explorer ?? "/explorer/";
const eventsPage = root?.dataset.eventsPage ?? "../events/";
const storageKey = "blendin-explorer-answers";
const joinedKey = "blendin-joined";  // {id, token, name} of the visitor who joined
let serverFound = false;             // the page is served with the API
let joinedVisitor = readJoined();
let reloadPool = async () => {};
let showStatus = () => {};
let strings = {};
const t = (key) => strings[key] ?? key;

// [SECTION] start
async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`${url}: HTTP ${response.status}`), { kind: "missing" });
  return response.text();
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function canRun() {
  if (typeof WebAssembly !== "object") return "no_webassembly";
  const probe = document.createElement("canvas");
  if (!probe.getContext("webgl2")) return "no_webgl";
  return null;
}

// A message where the explorer would be, with the way to the events.
function showFallback(key, detail) {
  root.replaceChildren();
  const p = document.createElement("p");
  p.className = "explorer-fallback";
  p.setAttribute("role", "alert");
  p.textContent = t(key) + " ";
  const a = document.createElement("a");
  a.href = eventsPage;
  a.textContent = t("nav_events");
  p.append(a);
  root.append(p);
  if (detail) console.warn("explorer:", detail);
}

async function start() {
  if (!root) return;
  try {
    strings = JSON.parse(await fetchText(`${apiBase}i18n/${lang}.json`)).strings ?? {};
  } catch (error) {
    // Without the strings the fallback text of the page stays as it is.
    console.warn("explorer:", error);
    return;
  }
  const missing = canRun();
  if (missing) return showFallback(`explorer_${missing}`);
  const view = buildView();
  let module;
  try {
    module = await startModule(view);
  } catch (error) {
    return showFallback("explorer_cannot_start", error);
  }
  await loadData(module, view);
}

// [SECTION] data
async function loadData(module, view) {
  const send = (kind, text) => module.send(kind, text);
  const parts = ["interests", "sectors", "occupations", "languages"].map(async (name) =>
    send(name, await fetchText(`${apiBase}${name}.json`)));
  parts.push(fetchText(`${explorerBase}places-nl.json`).then((text) => send("places", text)));
  parts.push(fetchText(`${explorerBase}nl-outline.json`).then((text) => send("outline", text)));
  parts.push(fetchText(`${apiBase}events.json`).then((text) => {
    send("events", text);
    send("event_dates", JSON.stringify(eventDates(JSON.parse(text).events ?? [])));
  }));
  const results = await Promise.allSettled(parts);
  for (const result of results) if (result.status === "rejected") console.warn("explorer:", result.reason);
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored) send("answers", stored);
  } catch { /* storage may be off: the answers then live in this page only */ }
  serverFound = await apiAnswers();
  if (serverFound) {
    send("server", "available");
    if (joinedVisitor) send("joining", JSON.stringify({ state: "joined", name: joinedVisitor.name }));
  }
  reloadPool = () => loadPool(module, view);
  showStatus = view.status;
  await reloadPool();
}

async function loadPool(module, view) {
  const send = (kind, text) => module.send(kind, text);
  try {
    const { source, text } = await loadCandidates({ explorerBase, apiBase, searchParams: new URLSearchParams(location.search),
      token: serverFound ? joinedVisitor?.token : null });
    view.status("");
    send("pool_source", source);
    send("pool", text);
    root.dataset.poolSource = source;
    root.dataset.poolMs ??= String(Math.round(performance.now()));  // since navigation began
  } catch (error) {
    if (error.kind === "signed_out") {  // erased elsewhere: back to the demo
      keepJoined(null);
      send("joining", JSON.stringify({ state: "open" }));
      return loadPool(module, view);
    }
    send("pool_status", error.kind ?? "offline");
    view.status(t(`explorer_pool_${error.kind ?? "offline"}`));
  }
}

// [SECTION] joining
// The API's health check answers only where `blendin serve` serves the page.
async function apiAnswers() {
  try {
    const response = await fetch(`${apiBase}health`, { cache: "no-store" });
    return response.ok && (await response.json()).status === "ok";
  } catch {
    return false;
  }
}

function readJoined() {
  try {
    return JSON.parse(localStorage.getItem(joinedKey) ?? "null");
  } catch {
    return null;
  }
}

// Kept in this browser when its storage is on; in this page only otherwise.
function keepJoined(visitor) {
  joinedVisitor = visitor;
  try {
    if (visitor) localStorage.setItem(joinedKey, JSON.stringify(visitor));
    else localStorage.removeItem(joinedKey);
  } catch { /* storage off */ }
}

async function join(module, body) {
  const say = (state, extra = {}) => module.send("joining", JSON.stringify({ state, ...extra }));
  let response, reply;
  try {
    response = await fetch(`${apiBase}profiles`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    reply = await response.json();
  } catch (error) {
    return say("failed", { message: String(error) });
  }
  if (response.status !== 201) return say("failed", { message: reply?.error?.message ?? `HTTP ${response.status}` });
  keepJoined({ id: reply.id, token: reply.token, name: JSON.parse(body).display_name });
  say("joined", { name: joinedVisitor.name });
  await reloadPool();
}

async function leave(module) {
  const visitor = joinedVisitor;
  try {
    const response = await fetch(`${apiBase}profiles/${encodeURIComponent(visitor.id)}`,
      { method: "DELETE", headers: { Authorization: `Bearer ${visitor.token}` } });
    // 403 or 404: the server no longer knows this token, which is what was asked.
    if (!response.ok && response.status !== 403 && response.status !== 404) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    module.send("joining", JSON.stringify({ state: "joined", name: visitor.name }));
    showStatus(t("explorer_leave_failed"));
    return console.warn("explorer:", error);
  }
  keepJoined(null);
  module.send("joining", JSON.stringify({ state: "open" }));
  await reloadPool();
}

// Event dates as the visitor's language writes them, on the Gregorian
// calendar and in the site's time zone (ICU's fa would use the solar one).
function eventDates(events) {
  const locale = { fa: "fa-u-ca-gregory-nu-arabext", ar: "ar-u-nu-arab" }[lang] ?? lang;
  const dates = {};
  for (const event of events) {
    try {
      const format = new Intl.DateTimeFormat(locale, event.all_day
        ? { dateStyle: "full", timeZone: event.timezone ?? "Europe/Amsterdam" }
        : { dateStyle: "full", timeStyle: "short", timeZone: event.timezone ?? "Europe/Amsterdam" });
      dates[event.id] = format.format(new Date(event.start));
    } catch {
      dates[event.id] = event.start_local ?? event.start;
    }
  }
  return dates;
}

// [SECTION] the module
async function startModule(view) {
  const fontsIndex = JSON.parse(await fetchText(`${explorerBase}fonts/fonts.json`));
  const scripts = fontsIndex.languages?.[lang] ?? ["latin"];
  const fonts = await Promise.all(scripts.map(async (script) =>
    [script, await fetchBytes(`${explorerBase}fonts/${fontsIndex.scripts?.[script]?.file ?? `${script}.ttf`}`)]));
  const { default: createExplorer } = await import(`${explorerBase}explorer.js`);
  const hooks = {};
  const module = await createExplorer({
    canvas: view.canvas,
    locateFile: (path) => explorerBase + path,
    hooks,
    print: () => {},
    printErr: (text) => console.warn("explorer:", text),
  });
  const heapText = (text) => {
    const size = module.lengthBytesUTF8(text) + 1;
    const pointer = module._malloc(size);
    module.stringToUTF8(text, pointer, size);
    return [pointer, size - 1];
  };
  module.send = (kind, data) => {
    const [kindPointer] = heapText(kind);
    let pointer, length;
    if (typeof data === "string") {
      [pointer, length] = heapText(data);
    } else {
      length = data.length;
      pointer = module._malloc(Math.max(1, length));
      module.HEAPU8.set(data, pointer);
    }
    module._explorer_receive(kindPointer, pointer, length);
    module._free(pointer);
    module._free(kindPointer);
  };
  Object.assign(hooks, view.hooks(module));
  for (const [script, bytes] of fonts) module.send(`font:${script}`, bytes);
  module.send("strings", JSON.stringify({ strings }));
  module.send("now", new Date().toISOString().replace(/\.\d+Z$/, "Z"));
  view.resize(module);
  // Emscripten's GLFW listens to the whole window's keys (and stops Tab and
  // Backspace everywhere) and to the canvas' mouse: this page feeds input
  // itself, so the listeners GLFW adds while it starts are taken off again.
  const added = [];
  const targets = [window, view.canvas];
  const originals = targets.map((target) => target.addEventListener);
  targets.forEach((target) => {
    target.addEventListener = function (type, listener, options) {
      added.push([target, type, listener, options]);
      return originals[targets.indexOf(target)].call(this, type, listener, options);
    };
  });
  try {
    const [langPointer] = heapText(lang);
    module._explorer_start(langPointer, rtl ? 1 : 0);
  } finally {
    targets.forEach((target, i) => { target.addEventListener = originals[i]; });
    for (const [target, type, listener, options] of added) target.removeEventListener(type, listener, options);
  }
  view.attachInput(module);
  window.blendinExplorer = {
    state: () => JSON.parse(module.UTF8ToString(module._explorer_state())),
  };
  return module;
}

// [SECTION] input
const glfwKeys = {
  Tab: 258, Enter: 257, NumpadEnter: 335, Escape: 256, Backspace: 259, Delete: 261, ArrowRight: 262, ArrowLeft: 263,
  ArrowDown: 264, ArrowUp: 265, PageUp: 266, PageDown: 267, Home: 268, End: 269, Space: 32,
  ShiftLeft: 340, ShiftRight: 344, ControlLeft: 341, ControlRight: 345, AltLeft: 342, AltRight: 346,
};

function buildView() {
  root.replaceChildren();
  root.classList.add("explorer-live");
  const frame = document.createElement("div");
  frame.className = "explorer-frame";
  frame.style.position = "relative";
  const canvas = document.createElement("canvas");
  canvas.id = "explorer-canvas";
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-label", t("explorer_canvas_label"));
  canvas.setAttribute("aria-describedby", "explorer-keys");
  canvas.style.cssText = "display:block;width:100%;touch-action:none;outline-offset:2px;border-radius:8px";
  const field = document.createElement("input");
  field.type = "text";
  field.id = "explorer-text";
  field.setAttribute("aria-hidden", "true");
  field.tabIndex = -1;
  field.autocomplete = "off";
  field.style.cssText = "position:absolute;left:0;top:0;width:1px;height:1px;opacity:0;border:0;padding:0";
  frame.append(canvas, field);
  const keys = document.createElement("p");
  keys.id = "explorer-keys";
  keys.className = "explorer-keys";
  keys.textContent = t("explorer_keyboard_hint");
  const status = document.createElement("p");
  status.className = "explorer-status";
  status.setAttribute("role", "status");
  const list = document.createElement("section");
  list.className = "explorer-results";
  list.setAttribute("aria-labelledby", "explorer-results-title");
  const heading = document.createElement("h2");
  heading.id = "explorer-results-title";
  heading.tabIndex = -1;
  heading.textContent = t("explorer_results_list_title");
  const summary = document.createElement("p");
  summary.setAttribute("aria-live", "polite");
  summary.className = "explorer-summary";
  const ol = document.createElement("ol");
  ol.id = "explorer-results";
  list.append(heading, summary, ol);
  root.append(frame, keys, status, list);

  let lastResults = null;
  let resultsTimer = 0;
  const showResults = (json) => {
    lastResults = json;
    clearTimeout(resultsTimer);
    // A screen reader hears the list once typing or sliding pauses.
    resultsTimer = setTimeout(() => renderResults(JSON.parse(lastResults)), 250);
  };
  const notes = document.createElement("ul");
  notes.className = "explorer-notes";
  list.append(notes);
  const renderResults = ({ matches: results, notes: lines }) => {
    notes.replaceChildren(...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
    summary.textContent = results.length
      ? t("explorer_results_count").replace("{{count}}", String(results.length))
      : t("explorer_results_none");
    ol.replaceChildren(...results.map((result) => {
      const li = document.createElement("li");
      li.dataset.id = result.id;
      li.dataset.score = String(result.score);
      const name = document.createElement("strong");
      name.textContent = t("explorer_card_title").replace("{{name}}", result.name).replace("{{age}}", String(result.age));
      const meter = document.createElement("meter");
      meter.min = 0;
      meter.max = 1;
      meter.value = result.score;
      meter.setAttribute("aria-label", t("explorer_overall"));
      const words = document.createElement("span");
      words.textContent = " " + result.words;
      li.append(name, " ", meter, words);
      return li;
    }));
    root.dataset.results = String(results.length);
  };

  return {
    canvas,
    status: (text) => { status.textContent = text; },
    hooks: (module) => ({
      firstFrame: () => {
        root.dataset.firstFrameMs = String(Math.round(performance.now()));  // since navigation began
        root.dataset.ready = "true";
      },
      wantTextInput: (kind) => {
        if (kind) {
          field.inputMode = kind === 2 ? "numeric" : "text";
          field.value = "";
          field.focus({ preventScroll: true });
        } else if (document.activeElement === field) {
          canvas.focus({ preventScroll: true });
        }
      },
      results: showResults,
      openUrl: (url) => { location.href = url; },
      download: (name, mime, bytes) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([bytes], { type: mime }));
        link.download = name;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      },
      pickPoolFile: () => {
        const picker = document.createElement("input");
        picker.type = "file";
        picker.accept = ".json,application/json";
        picker.id = "explorer-pool-file";
        picker.style.display = "none";
        picker.addEventListener("change", async () => {
          const file = picker.files?.[0];
          picker.remove();
          if (file) module.send("coordinator_pool", await file.text());
        });
        document.body.append(picker);
        picker.click();
      },
      join: (body) => join(module, body),
      leave: () => leave(module),
      rememberAnswers: (json) => {
        try {
          if (json) localStorage.setItem(storageKey, json);
          else localStorage.removeItem(storageKey);
        } catch { /* storage off: nothing is kept */ }
      },
      status: (kind, detail) => {
        status.textContent = t(`explorer_status_${kind}`);
        if (detail) console.warn("explorer:", detail);
      },
    }),
    resize: (module) => {
      const apply = () => {
        const width = Math.max(280, Math.floor(frame.clientWidth || root.clientWidth));
        const height = Math.max(420, Math.min(Math.floor(window.innerHeight - 24), 960));
        const ratio = Math.min(3, window.devicePixelRatio || 1);
        canvas.style.height = `${height}px`;
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        module._explorer_resize(width, height, ratio);
      };
      apply();
      new ResizeObserver(apply).observe(frame);
      window.addEventListener("resize", apply);
    },
    attachInput: (module) => {
      const at = (event) => {
        const box = canvas.getBoundingClientRect();
        return [event.clientX - box.left, event.clientY - box.top];
      };
      const pointer = (kind) => (event) => {
        const [x, y] = at(event);
        if (kind === 0) {
          canvas.setPointerCapture?.(event.pointerId);
          if (document.activeElement !== field) canvas.focus({ preventScroll: true });
        }
        module._explorer_pointer(kind, event.pointerId, x, y, event.pointerType === "touch" ? 1 : 0);
        event.preventDefault();
      };
      canvas.addEventListener("pointerdown", pointer(0));
      canvas.addEventListener("pointermove", pointer(1));
      canvas.addEventListener("pointerup", pointer(2));
      canvas.addEventListener("pointercancel", pointer(3));
      canvas.addEventListener("wheel", (event) => {
        module._explorer_wheel(event.deltaX, event.deltaMode === 1 ? event.deltaY * 40 : event.deltaY);
        event.preventDefault();
      }, { passive: false });
      canvas.addEventListener("contextmenu", (event) => event.preventDefault());
      const key = (action) => (event) => {
        if (document.activeElement !== canvas && document.activeElement !== field) return;
        // In a text field a space is text, as letters are: it comes through the hidden field.
        if (event.code === "Space" && document.activeElement === field) return;
        const code = glfwKeys[event.code] ?? glfwKeys[event.key];
        if (code === undefined) return;  // letters come as text through the hidden field
        if (event.key === "Escape" && action === 1 && !window.blendinExplorer.state().modal) {
          heading.focus();  // Escape leaves the explorer for the list of results
          event.preventDefault();
          return;
        }
        module._explorer_key(code, action, 0);
        if (code !== 340 && code !== 344) event.preventDefault();
      };
      window.addEventListener("keydown", key(1), true);
      window.addEventListener("keyup", key(0), true);
      field.addEventListener("input", (event) => {
        if (event.isComposing) return;
        if (field.value) module._explorer_text(heapString(module, field.value));
        field.value = "";
      });
      field.addEventListener("compositionend", () => {
        if (field.value) module._explorer_text(heapString(module, field.value));
        field.value = "";
      });
      // Phones' keyboards often send no key code for Backspace: take it from beforeinput.
      field.addEventListener("beforeinput", (event) => {
        if (event.inputType === "deleteContentBackward" && !field.value) {
          module._explorer_key(259, 1, 0);
          module._explorer_key(259, 0, 0);
        }
      });
    },
  };
}

// A string in the module's heap for one call (freed on the next).
let lastHeapString = 0;
function heapString(module, text) {
  if (lastHeapString) module._free(lastHeapString);
  const size = module.lengthBytesUTF8(text) + 1;
  lastHeapString = module._malloc(size);
  module.stringToUTF8(text, lastHeapString, size);
  return lastHeapString;
}

start();
