// Feeds the bytes as a pool (docs/wire-format.md), as `blendin match` and the
// browser read one from an untrusted file. parse_pool must refuse it with a
// Refused or accept it; a pool accepted must read back the same once written. An accepted
// pool is indexed, its first profile's top 5 compared with scoring every
// profile, and a small one paired in a coordinators' round, so that accepted
// but hostile values reach the scoring. A crash, hang, leak, undefined
// behaviour, another exception or a broken agreement is a finding.
#include <blendin/core/assign.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include "reference/brute_force_top_k.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

using namespace blendin::core;

namespace {

// What a reader made of a text: the pool written back, or every message.
struct Outcome {
  bool accepted = false;
  std::string text;
  bool operator==(const Outcome&) const = default;
};

Outcome refused(const Refused& error) {
  Outcome outcome;
  for (const auto& problem : error.problems()) outcome.text += problem.to_string() + "\n";
  return outcome;
}

Outcome accepted(const Pool& pool) { return {true, wire::serialize(wire::to_json(pool))}; }

[[noreturn]] void fail(const char* broken, const Outcome& a, const Outcome& b) {
  std::fprintf(stderr, "fuzz_pool: %s\n--- one:\n%s\n--- other:\n%s\n", broken, a.text.c_str(), b.text.c_str());
  std::abort();
}

bool same(const std::vector<Match>& a, const std::vector<Match>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].index != b[i].index || a[i].score != b[i].score) return false;  // exact: the index prunes, never rounds
  return true;
}

void reach_the_scoring(const Pool& pool) {
  const MatchIndex index(pool);
  const Profile& first = pool.profiles.front();
  if (!same(index.top_k(first, 5), blendin::test::brute_force_top_k(index, first, 5))) {
    std::fprintf(stderr, "fuzz_pool: top_k of %s differs from scoring every profile\n", first.id.c_str());
    std::abort();
  }
  if (pool.profiles.size() <= 64) {  // the round's exact solver grows with the cube of the pool
    // The pool's size picks the round: max, coverage, stable in turn, on every
    // admissible pair or on each person's top 3 (top_k_for_everyone).
    AssignOptions options;
    options.mode = static_cast<AssignMode>(pool.profiles.size() % 3);
    options.candidates_per_person = pool.profiles.size() % 2 ? 0 : 3;
    assign_round(index, options);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  std::optional<Pool> pool;
  try {
    pool = wire::parse_pool(json);
  } catch (const Refused&) {
    return 0;  // refused with its problems: what the reader is for
  }
  const Outcome read = accepted(*pool);
  try {
    if (const Outcome again = accepted(wire::parse_pool(read.text)); again != read)
      fail("an accepted pool, written, reads back otherwise", read, again);
  } catch (const Refused& error) {
    fail("an accepted pool, written, is refused", read, refused(error));
  }
  if (!pool->profiles.empty()) reach_the_scoring(*pool);
  return 0;
}
