// The JavaScript side of the bridge: loads the WebAssembly core and wraps its
// four functions. Fetching pools and events is the caller's job.
//
//   const core = await BlendinCore.open(createBlendinCore);
//   const pool = core.loadPool(poolJsonText);          // throws on a refused pool
//   const answer = core.request(pool, {version: 1, op: "top_k", profile_id: "p0000001", k: 10});
export class BlendinCore {
  static async open(factory) {
    const module = await factory();
    return new BlendinCore(module);
  }

  constructor(module) {
    this.load = module.cwrap("blendin_pool_load", "number", ["string"]);
    this.ask = module.cwrap("blendin_request", "string", ["number", "string"]);
    this.last = module.cwrap("blendin_last_response", "string", []);
    this.free = module.cwrap("blendin_pool_free", null, ["number"]);
  }

  loadPool(poolJson) {
    const handle = this.load(typeof poolJson === "string" ? poolJson : JSON.stringify(poolJson));
    if (!handle) throw new Error(JSON.parse(this.last()).error.message);
    return handle;
  }

  request(handle, request) {
    return JSON.parse(this.ask(handle, typeof request === "string" ? request : JSON.stringify(request)));
  }

  freePool(handle) {
    this.free(handle);
  }
}
