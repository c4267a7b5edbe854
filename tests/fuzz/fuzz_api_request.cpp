// Feeds the bytes as one HTTP request to the API of `blendin serve`
// (server/src/api.hpp), without the transport: the first line is the method
// and the target, the second the Content-Type, the third the Authorization,
// the rest the body. The store is SQLite in memory, with one person and one
// introduction. Every request, however hostile, must be answered: a crash,
// hang, leak, undefined behaviour, an exception, a status outside 200-599, a
// 500 (an error the API did not foresee) or a JSON answer that is not JSON is
// a finding.
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/storage/sqlite_store.hpp>
#include <blendin/storage/tokens.hpp>

#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "api.hpp"

using namespace blendin;

namespace {

struct World {
  core::Pool context;
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<server::Api> api;

  World() {
    core::DemoPoolOptions demo;
    demo.profiles = 40;
    const core::Pool pool = core::make_demo_pool(demo, demo_taxonomy(), {});
    context = core::Pool{pool.reference_year, pool.taxonomy, {}};
    store = storage::open_sqlite_store(":memory:");
    for (const char* id : {"ufuzz1", "ufuzz2"})
      store->add_profile({id, storage::token_hash(std::string("token-") + id),
                          core::wire::serialize(core::wire::to_json(pool.profiles[id[5] == '1' ? 0 : 1])), true, 0});
    store->add_introduction("ufuzz1", "ufuzz2", 0);
    api = std::make_unique<server::Api>(*store, context, server::ApiSettings{1e9, storage::token_hash("coordinator")});
  }

  static core::Taxonomy demo_taxonomy() {
    core::Taxonomy taxonomy;
    taxonomy.interests = {"cooking", "music", "football", "art"};
    taxonomy.sectors = {"care", "tech"};
    return taxonomy;
  }
};

std::string_view next_line(std::string_view& text) {
  const auto end = text.find('\n');
  const std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string_view first = next_line(text);
  server::Request request;
  request.method = std::string(first.substr(0, first.find(' ')));
  request.target = first.find(' ') == std::string_view::npos ? "" : std::string(first.substr(first.find(' ') + 1));
  request.content_type = std::string(next_line(text));
  request.authorization = std::string(next_line(text));
  request.body = std::string(text);
  request.client = "fuzz";
  const auto response = world.api->handle(request);
  if (!response) return 0;  // not one of the API's addresses: the site's files answer it
  bool broken = response->status < 200 || response->status > 599 || response->status == 500;
  if (response->content_type == "application/json" && !response->body.empty()) {
    boost::system::error_code error;
    boost::json::parse(response->body, error);
    broken = broken || bool(error);
  }
  if (broken) {
    std::fprintf(stderr, "fuzz_api_request: answered %d %s\n", response->status, response->body.c_str());
    std::abort();
  }
  return 0;
}
