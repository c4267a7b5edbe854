// Feeds the bytes as one request of the WebAssembly bridge (docs/wire-format.md,
// "Requests") to handle_request, on the small golden pool
// (tests/golden/vectors/small.json). It must answer every request, however
// hostile, with one JSON object of version 1: a crash, hang, leak, undefined
// behaviour, an exception or an answer that is not such an object is a finding.
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

using namespace blendin::core;

namespace {

Pool golden_pool() {
  std::ifstream in(BLENDIN_SOURCE_DIR "/tests/golden/vectors/small.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return wire::parse_pool(wire::serialize(boost::json::parse(text.str()).at("pool")));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Pool pool = golden_pool();
  static const MatchIndex index(pool);
  const std::string response = wire::handle_request(index, std::string_view(reinterpret_cast<const char*>(data), size));
  boost::system::error_code error;
  const boost::json::value answer = boost::json::parse(response, error);
  const boost::json::object* object = error ? nullptr : answer.if_object();
  const boost::json::value* version = object ? object->if_contains("version") : nullptr;
  if (!version || !version->is_int64() || version->get_int64() != wire::format_version) {
    std::fprintf(stderr, "fuzz_bridge_request: the answer is not a JSON object of version 1:\n%s\n", response.c_str());
    std::abort();
  }
  return 0;
}
