// The candidate graph of a coordinators' round alone: everyone's top k
// (MatchIndex::top_k_for_everyone) on a pool file, on 1 and 2 threads, several
// runs each, with a checksum of the lists (the same on any number of threads).
// Prints figures; never fails on a timing.
//
// usage: graph_bench POOL.json [K] [RUNS]   (default K 50, RUNS 3)
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// FNV-1a over every list's indices and score bits.
std::uint64_t checksum(const std::vector<std::vector<blendin::core::Match>>& lists, std::size_t& pairs) {
  std::uint64_t hash = 1469598103934665603ull;
  auto mix = [&](std::uint64_t value) {
    for (int i = 0; i < 8; ++i) hash = (hash ^ ((value >> (8 * i)) & 0xff)) * 1099511628211ull;
  };
  pairs = 0;
  for (const auto& list : lists) {
    mix(list.size());
    pairs += list.size();
    for (const auto& match : list) {
      std::uint64_t bits;
      std::memcpy(&bits, &match.score, sizeof bits);
      mix(match.index);
      mix(bits);
    }
  }
  return hash;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: graph_bench POOL.json [K] [RUNS]\n");
    return 2;
  }
  const std::size_t k = argc > 2 ? std::size_t(std::strtoull(argv[2], nullptr, 10)) : 50;
  const int runs = std::max(1, argc > 3 ? std::atoi(argv[3]) : 3);
  std::ifstream file(argv[1], std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  auto start = Clock::now();
  const auto pool = blendin::core::wire::parse_pool(text.str());
  std::printf("load %.3f s, %zu profiles\n", seconds_since(start), pool.profiles.size());
  start = Clock::now();
  const blendin::core::MatchIndex index(pool);
  std::printf("index %.3f s\n", seconds_since(start));
  for (unsigned threads : {1u, 2u}) {
    std::vector<double> times;
    std::uint64_t hash = 0;
    std::size_t pairs = 0;
    for (int run = 0; run < runs; ++run) {
      start = Clock::now();
      const auto lists = index.top_k_for_everyone(k, {}, threads);
      times.push_back(seconds_since(start));
      hash = checksum(lists, pairs);
    }
    std::sort(times.begin(), times.end());
    std::printf("threads %u: best %.3f s, median %.3f s, %zu list entries, checksum %016llx\n", threads, times.front(),
                times[times.size() / 2], pairs, static_cast<unsigned long long>(hash));
  }
}
