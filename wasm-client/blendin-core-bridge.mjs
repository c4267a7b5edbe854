// The JavaScript side of the bridge: loads the WebAssembly core and wraps its
// functions. Fetching pools and events is the caller's job.
//
//   const core = await BlendinCore.open(createBlendinCore);
//   const pool = core.loadPool(poolJsonText);          // throws on a refused pool
//   const answer = core.request(pool, {version: 1, op: "top_k", profile_id: "p0000001", k: 10});
//
// Text goes in through the module's heap, never its stack (Emscripten's
// "string" arguments are copied onto a 5 MB stack, which a large pool
// overflows): allocated, written as UTF-8, passed with its length, freed.
// Text above the core's limit (blendin_max_input_bytes) is not copied at all:
// the core is told its length only and answers with a JSON error.
export class BlendinCore {
  static async open(factory) {
    const module = await factory();
    return new BlendinCore(module);
  }

  constructor(module) {
    this.module = module;
    this.load = module.cwrap("blendin_pool_load", "number", ["number", "number"]);
    this.answer = module.cwrap("blendin_request", "string", ["number", "number", "number"]);
    this.last = module.cwrap("blendin_last_response", "string", []);
    this.free = module.cwrap("blendin_pool_free", null, ["number"]);
    this.maxInputBytes = module.cwrap("blendin_max_input_bytes", "number", [])() >>> 0;
  }

  // call(pointer, length) with `text` as UTF-8 in the heap; with pointer 0
  // when it is over the limit or the heap cannot hold it (the core says which).
  withText(text, call) {
    const length = this.module.lengthBytesUTF8(text);
    if (length > this.maxInputBytes) return call(0, length);
    const pointer = this.module._malloc(length + 1);
    if (!pointer) return call(0, length);
    try {
      this.module.stringToUTF8(text, pointer, length + 1);
      return call(pointer, length);
    } finally {
      this.module._free(pointer);
    }
  }

  // A handle for the pool; throws an Error whose `response` is the core's
  // JSON error when the pool is refused.
  loadPool(poolJson) {
    const text = typeof poolJson === "string" ? poolJson : JSON.stringify(poolJson);
    const handle = this.withText(text, (pointer, length) => this.load(pointer, length));
    if (!handle) {
      const response = JSON.parse(this.last());
      const error = new Error(response.error.message);
      error.response = response;
      throw error;
    }
    return handle;
  }

  // The core's answer to a request, as JSON text.
  ask(handle, requestText) {
    return this.withText(requestText, (pointer, length) => this.answer(handle, pointer, length));
  }

  request(handle, request) {
    return JSON.parse(this.ask(handle, typeof request === "string" ? request : JSON.stringify(request)));
  }

  freePool(handle) {
    this.free(handle);
  }
}
