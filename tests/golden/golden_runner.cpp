// Runs one golden vector: {"pool": {...}, "requests": [...]} and prints one
// response a line. Built natively and with emcc (run under Node.js); both must
// print the same bytes as the vector's .expected file.
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include <boost/json/parse.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: golden_runner VECTOR.json\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "golden_runner: cannot read %s\n", argv[1]);
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const auto vector = boost::json::parse(text.str()).as_object();
  using namespace blendin::core;
  const Pool pool = wire::parse_pool(wire::serialize(vector.at("pool")));
  const MatchIndex index(pool);
  std::string out;
  for (const auto& request : vector.at("requests").as_array()) {
    // Requests may be given as objects or, to test malformed input, as strings.
    const std::string request_text = request.is_string() ? std::string(request.get_string()) : wire::serialize(request);
    out += wire::handle_request(index, request_text);
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
