// Runs one golden vector: {"pool": {...}, "requests": [...]} and prints one
// response a line; or {"pool": FILE, "rounds": [...]} and prints each
// coordinators' round as the core writes it (wire_assignment.hpp): the JSON
// document, the pairs' CSV, the unmatched people's CSV. Built natively and
// with emcc (run under Node.js); both must print the same bytes as the
// vector's .expected file, and so must `blendin match assign` on the same
// pool and options (tests/cli/test_assign.sh).
#include <blendin/core/assign.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>

#include <boost/json/parse.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

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
  // The pool in the vector, or (a string) the name of a pool file beside it,
  // read as the CLI reads one: the rounds' numbers then have the bits the CLI
  // gives them (Boost.JSON's own number parser can be one unit in the last place off).
  const auto& pool_value = vector.at("pool");
  std::string pool_text;
  if (pool_value.is_string()) {
    const std::string folder(argv[1], std::string_view(argv[1]).rfind('/') + 1);
    std::ifstream file(folder + std::string(pool_value.get_string()), std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "golden_runner: cannot read the pool file %s\n", pool_value.get_string().c_str());
      return 2;
    }
    std::ostringstream pool_file;
    pool_file << file.rdbuf();
    pool_text = pool_file.str();
  } else {
    pool_text = wire::serialize(pool_value);
  }
  const Pool pool = wire::parse_pool(pool_text);
  const MatchIndex index(pool);
  std::string out;
  if (const auto* rounds = vector.if_contains("rounds")) {
    // A round's options as the CLI's: mode, capacity, pillar, waiting_weight,
    // candidates, and the forbid and force files' text. One thread, as in the explorer.
    for (const auto& value : rounds->as_array()) {
      const auto& round = value.as_object();
      AssignOptions options;
      if (const auto* mode = round.if_contains("mode")) options.mode = *parse_assign_mode(mode->as_string());
      if (const auto* capacity = round.if_contains("capacity")) options.capacity = int(capacity->as_int64());
      if (const auto* pillar = round.if_contains("pillar")) options.pillar = *parse_pillar(pillar->as_string());
      if (const auto* weight = round.if_contains("waiting_weight")) options.waiting_weight = weight->to_number<double>();
      if (const auto* k = round.if_contains("candidates")) options.candidates_per_person = std::size_t(k->as_int64());
      if (const auto* text = round.if_contains("forbid")) options.forbidden = parse_pair_rules(text->as_string(), "forbid.csv");
      if (const auto* text = round.if_contains("force")) options.forced = parse_pair_rules(text->as_string(), "force.csv");
      const Assignment result = assign_round(index, options);
      for (auto pieces : {wire::assignment_json(index, options, result), wire::assignment_pairs_csv(index, result),
                          wire::assignment_unmatched_csv(index, result)})
        for (const auto& piece : pieces) out += piece;
    }
  } else {
    for (const auto& request : vector.at("requests").as_array()) {
      // Requests may be given as objects or, to test malformed input, as strings.
      const std::string request_text = request.is_string() ? std::string(request.get_string()) : wire::serialize(request);
      out += wire::handle_request(index, request_text);
      out += '\n';
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
