// The whole WebAssembly interface of the matching core, in the manner of
// Pagefind: an opaque pool handle, JSON strings in, JSON strings out. All
// fetching stays in JavaScript (wasm-client/blendin-core-bridge.mjs).
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include <emscripten/emscripten.h>

#include <map>
#include <memory>
#include <string>

namespace {

struct LoadedPool {
  blendin::core::Pool pool;
  std::unique_ptr<blendin::core::MatchIndex> index;
};

std::map<int, std::unique_ptr<LoadedPool>> pools;
int next_handle = 1;
std::string last_response;  // owned here; valid until the next call

}  // namespace

extern "C" {

// Loads a pool document (wire format v1). Returns a handle > 0, or 0 when the
// pool is refused; blendin_last_response() then holds the JSON error.
EMSCRIPTEN_KEEPALIVE int blendin_pool_load(const char* pool_json) {
  try {
    auto loaded = std::make_unique<LoadedPool>();
    loaded->pool = blendin::core::wire::parse_pool(pool_json);
    loaded->index = std::make_unique<blendin::core::MatchIndex>(loaded->pool);
    const int handle = next_handle++;
    pools[handle] = std::move(loaded);
    last_response = "{\"version\":1,\"handle\":" + std::to_string(handle) + "}";
    return handle;
  } catch (const blendin::core::wire::WireError& error) {
    last_response = "{\"version\":1,\"error\":{\"message\":" +
                    blendin::core::wire::serialize(boost::json::value(error.what())) + "}}";
  } catch (const std::exception& error) {
    last_response = "{\"version\":1,\"error\":{\"message\":" +
                    blendin::core::wire::serialize(boost::json::value(error.what())) + "}}";
  }
  return 0;
}

// Answers one request (top_k, explain, suggest_events) against a loaded pool.
EMSCRIPTEN_KEEPALIVE const char* blendin_request(int handle, const char* request_json) {
  auto found = pools.find(handle);
  if (found == pools.end())
    last_response = R"({"version":1,"error":{"message":"no pool is loaded under this handle"}})";
  else
    last_response = blendin::core::wire::handle_request(*found->second->index, request_json);
  return last_response.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* blendin_last_response() { return last_response.c_str(); }

EMSCRIPTEN_KEEPALIVE void blendin_pool_free(int handle) { pools.erase(handle); }

}  // extern "C"
