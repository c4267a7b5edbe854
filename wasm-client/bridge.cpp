// The whole WebAssembly interface of the matching core, in the manner of
// Pagefind: an opaque pool handle, JSON text in, JSON text out. All fetching
// stays in JavaScript (wasm-client/blendin-core-bridge.mjs), which places the
// text in the module's heap (never on its stack) and passes its length.
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include <emscripten/emscripten.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace {

// The largest text the bridge takes, pool or request: a pool of 100,000
// profiles is about 47 MB (docs/wire-format.md).
constexpr std::size_t max_input_bytes = std::size_t(64) << 20;

struct LoadedPool {
  blendin::core::Pool pool;
  std::unique_ptr<blendin::core::MatchIndex> index;
};

std::map<int, std::unique_ptr<LoadedPool>> pools;
int next_handle = 1;
std::string last_response;  // owned here; valid until the next call

std::string error_response(const std::string& message) {
  return "{\"version\":1,\"error\":{\"message\":" + blendin::core::wire::serialize(boost::json::value(message)) + "}}";
}

// The text at `json`, or why there is none: over the limit (the caller then
// passes no text), or not placed in memory (a null pointer).
bool take_input(const char* json, std::size_t length, const char* what, std::string_view& text) {
  if (length > max_input_bytes) {
    last_response = error_response(std::string("the ") + what + " is " + std::to_string(length) +
                                   " bytes: the WebAssembly core takes at most " + std::to_string(max_input_bytes) + " bytes (" +
                                   std::to_string(max_input_bytes >> 20) + " MiB)");
    return false;
  }
  if (!json) {
    last_response = error_response(std::string("the ") + what + " (" + std::to_string(length) +
                                   " bytes) does not fit in the WebAssembly memory");
    return false;
  }
  text = std::string_view(json, length);
  return true;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE std::size_t blendin_max_input_bytes() { return max_input_bytes; }

// Loads a pool document (wire format v1) of `length` bytes. Returns a handle
// > 0, or 0 when the pool is refused; blendin_last_response() then holds the
// JSON error.
EMSCRIPTEN_KEEPALIVE int blendin_pool_load(const char* pool_json, std::size_t length) {
  std::string_view text;
  if (!take_input(pool_json, length, "pool", text)) return 0;
  try {
    auto loaded = std::make_unique<LoadedPool>();
    loaded->pool = blendin::core::wire::parse_pool(text);
    loaded->index = std::make_unique<blendin::core::MatchIndex>(loaded->pool);
    const int handle = next_handle++;
    pools[handle] = std::move(loaded);
    last_response = "{\"version\":1,\"handle\":" + std::to_string(handle) + "}";
    return handle;
  } catch (const std::exception& error) {  // a Refused names what to fix; bad_alloc when memory runs out
    last_response = error_response(error.what());
  }
  return 0;
}

// Answers one request (top_k, explain, suggest_events) of `length` bytes
// against a loaded pool.
EMSCRIPTEN_KEEPALIVE const char* blendin_request(int handle, const char* request_json, std::size_t length) {
  std::string_view text;
  if (!take_input(request_json, length, "request", text)) return last_response.c_str();
  auto found = pools.find(handle);
  if (found == pools.end())
    last_response = error_response("no pool is loaded under this handle");
  else
    last_response = blendin::core::wire::handle_request(*found->second->index, text);
  return last_response.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* blendin_last_response() { return last_response.c_str(); }

EMSCRIPTEN_KEEPALIVE void blendin_pool_free(int handle) { pools.erase(handle); }

}  // extern "C"
