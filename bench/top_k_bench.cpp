// top_k with k = 10 over demo pools of 10k, 100k and 1M profiles: index build
// time, index memory per profile, median query time with the index and with a
// brute-force scan of the same score, and their ratio; then what the match
// explorer asks within a frame: queries with the age, language and distance
// filters, a change of weights (set_weights) and the counts of why a query
// found few (count_exclusions). Built natively and with emcc (run under
// Node.js). Prints figures; never fails on a timing.
//
// usage: top_k_bench [SIZES...]   (default: 10000 100000 1000000)
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/top_k.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "reference/brute_force_top_k.hpp"
#include "reference/heap_in_use.hpp"

namespace {

// The heap an index of `pool` holds. Natively it is built in a child process
// whose threads share one heap (M_ARENA_MAX 1: heap_in_use reads the main
// arena), so that the timed runs in this process keep a heap per thread.
std::size_t index_heap_bytes(const blendin::core::Pool& pool) {
#if defined(__GLIBC__)
  int channel[2];
  if (pipe(channel) != 0) return 0;
  const pid_t child = fork();
  if (child == 0) {
    mallopt(M_ARENA_MAX, 1);
    const std::size_t before = blendin::test::heap_in_use();
    const blendin::core::MatchIndex index(pool);
    const std::size_t bytes = blendin::test::heap_in_use() - before;
    const bool written = write(channel[1], &bytes, sizeof bytes) == sizeof bytes;
    _exit(written ? 0 : 1);
  }
  close(channel[1]);
  std::size_t bytes = 0;
  if (child < 0 || read(channel[0], &bytes, sizeof bytes) != sizeof bytes) bytes = 0;
  close(channel[0]);
  if (child > 0) waitpid(child, nullptr, 0);
  return bytes;
#else
  const std::size_t before = blendin::test::heap_in_use();
  const blendin::core::MatchIndex index(pool);
  return blendin::test::heap_in_use() - before;
#endif
}

using blendin::core::Taxonomy;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// FNV-1a over every list's indices and score bits: the same natively and in
// WebAssembly when the lists are the same bit for bit.
unsigned long long checksum(const std::vector<std::vector<blendin::core::Match>>& lists) {
  unsigned long long hash = 1469598103934665603ull;
  auto mix = [&](unsigned long long value) {
    for (int i = 0; i < 8; ++i) hash = (hash ^ ((value >> (8 * i)) & 0xff)) * 1099511628211ull;
  };
  for (const auto& list : lists) {
    mix(list.size());
    for (const auto& match : list) {
      unsigned long long bits;
      std::memcpy(&bits, &match.score, sizeof bits);
      mix(match.index);
      mix(bits);
    }
  }
  return hash;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The same shape as content/data: 48 interests, 16 sectors, 2-4 occupations each.
Taxonomy bench_taxonomy(std::vector<int>& occupation_sectors) {
  Taxonomy t;
  for (int i = 0; i < 48; ++i) t.interests.push_back("interest-" + std::to_string(i));
  for (int s = 0; s < 16; ++s) {
    t.sectors.push_back("sector-" + std::to_string(s));
    for (int o = 0; o < 2 + s % 3; ++o) {
      t.occupations.push_back("occupation-" + std::to_string(s) + "-" + std::to_string(o));
      occupation_sectors.push_back(s);
    }
  }
  t.interest_rarity.assign(t.interests.size(), 1.0);
  return t;
}

bool same_lists(const std::vector<blendin::core::Match>& a, const std::vector<blendin::core::Match>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].index != b[i].index || a[i].score != b[i].score) return false;
  return true;
}

double percentile(std::vector<double> values, std::size_t percent) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, values.size() * percent / 100)];
}

// The explorer's frame: a visitor's top 10 with filters, after a change of
// weights, and the counts behind too few matches; each checked against the
// brute-force scan or a fresh index.
void explorer_figures(const blendin::core::Pool& pool, const blendin::core::MatchIndex& built, std::size_t queries) {
  using namespace blendin::core;
  MatchIndex index(pool);
  const int ages[][2] = {{25, 45}, {18, 30}, {40, 80}, {16, 110}};
  std::vector<double> filtered_ms, weights_ms, after_weights_ms, exclusions_ms;
  std::size_t found = 0, mismatches = 0;
  for (std::size_t q = 0; q < queries; ++q) {
    const auto& person = pool.profiles[(q * 7919 + 13) % pool.profiles.size()];
    MatchFilters filters;
    filters.language = person.languages[q % person.languages.size()].code;  // one of the visitor's
    filters.min_age = ages[q % 4][0];
    filters.max_age = ages[q % 4][1];
    if (q % 3 == 0) filters.max_distance_km = 15;
    if (q % 7 == 0) filters.pillar = Pillar::culture;
    auto start = Clock::now();
    const auto fast = index.top_k(person, 10, filters);
    filtered_ms.push_back(ms_since(start));
    found += fast.size();
    ScoreWeights weights;  // a slider moved
    weights.interests = 0.1 + 0.05 * double(q % 10);
    weights.age = 0.3 - 0.02 * double(q % 10);
    start = Clock::now();
    index.set_weights(weights);
    weights_ms.push_back(ms_since(start));
    start = Clock::now();
    const auto reweighted = index.top_k(person, 10, filters);
    after_weights_ms.push_back(ms_since(start));
    start = Clock::now();
    const auto reach = index.count_exclusions(person, filters);
    exclusions_ms.push_back(ms_since(start));
    if (q < (pool.profiles.size() > 200'000 ? 3u : 20u)) {  // the references are slow: a few queries
      const MatchIndex fresh(pool, weights);
      mismatches += !same_lists(reweighted, fresh.top_k(person, 10, filters));
      mismatches += !same_lists(reweighted, blendin::test::brute_force_top_k(index, person, 10, filters));
      mismatches += reach.admissible != index.top_k(person, pool.profiles.size(), filters).size();
    }
    index.set_weights({});
    if (q == 0) mismatches += !same_lists(fast, built.top_k(person, 10, filters));
  }
  std::printf(
      "  explorer, with filters: top_k median %.3f ms, p95 %.3f ms, max %.3f ms (avg found %.1f); "
      "set_weights median %.4f ms; top_k after it median %.3f ms, p95 %.3f ms; count_exclusions median %.3f ms, "
      "p95 %.3f ms\n",
      median(filtered_ms), percentile(filtered_ms, 95), percentile(filtered_ms, 100), double(found) / double(queries),
      median(weights_ms), median(after_weights_ms), percentile(after_weights_ms, 95), median(exclusions_ms),
      percentile(exclusions_ms, 95));
  if (mismatches) std::printf("  WARNING: %zu explorer queries differ from their reference\n", mismatches);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::size_t(std::strtoull(argv[i], nullptr, 10)));
  if (sizes.empty()) sizes = {10'000, 100'000, 1'000'000};
#ifdef __EMSCRIPTEN__
  const char* platform = "wasm (Node.js)";
#else
  const char* platform = "native";
#endif
  std::vector<int> occupation_sectors;
  const Taxonomy taxonomy = bench_taxonomy(occupation_sectors);
  std::printf("top_k k=10, %s\n", platform);
  std::printf("%10s %10s %12s %14s %14s %14s %9s %10s\n", "profiles", "build ms", "bytes/prof", "index ms (med)",
              "brute ms (med)", "index ms (p95)", "speed-up", "avg found");
  for (std::size_t size : sizes) {
    const auto pool = blendin::core::make_demo_pool({size, 2026, 2026}, taxonomy, occupation_sectors);
    const std::size_t index_bytes = index_heap_bytes(pool);
    const auto build_start = Clock::now();
    const blendin::core::MatchIndex index(pool);
    const double build_ms = ms_since(build_start);

    // Queries for people drawn evenly from the pool; fewer brute-force runs at 1M.
    const std::size_t queries = 200;
    const std::size_t brute_queries = size >= 1'000'000 ? 15 : (size >= 100'000 ? 40 : 200);
    std::vector<double> index_ms, brute_ms;
    std::size_t found = 0, mismatches = 0;
    for (std::size_t q = 0; q < queries; ++q) {
      const auto& person = pool.profiles[(q * 7919) % pool.profiles.size()];
      auto start = Clock::now();
      const auto fast = index.top_k(person, 10);
      index_ms.push_back(ms_since(start));
      found += fast.size();
      if (q < brute_queries) {
        start = Clock::now();
        const auto slow = blendin::test::brute_force_top_k(index, person, 10);
        brute_ms.push_back(ms_since(start));
        bool same = slow.size() == fast.size();
        for (std::size_t i = 0; same && i < slow.size(); ++i)
          same = slow[i].index == fast[i].index && slow[i].score == fast[i].score;
        mismatches += !same;
      }
    }
    std::vector<double> sorted = index_ms;
    std::sort(sorted.begin(), sorted.end());
    std::printf("%10zu %10.1f %12.1f %14.3f %14.3f %14.3f %8.0fx %10.1f\n", size, build_ms, double(index_bytes) / double(size),
                median(index_ms), median(brute_ms), sorted[sorted.size() * 95 / 100], median(brute_ms) / median(index_ms),
                double(found) / double(queries));
    if (mismatches) std::printf("  WARNING: %zu queries differ from the brute-force scan\n", mismatches);
    explorer_figures(pool, index, queries);
    if (size <= 200'000) {
      // Coordinators' rounds: everyone's top 50 at once, against one query a person.
      auto start = Clock::now();
      const auto everyone = index.top_k_for_everyone(50);
      const double batch_ms = ms_since(start);
#ifndef __EMSCRIPTEN__
      start = Clock::now();
      const auto everyone_on_two = index.top_k_for_everyone(50, {}, 2);
      const double two_threads_ms = ms_since(start);
#endif
      start = Clock::now();
      const std::size_t sample = 500;
      for (std::size_t q = 0; q < sample; ++q) index.top_k(pool.profiles[(q * 7919) % size], 50);
      const double per_query_ms = ms_since(start) / double(sample);
      std::printf("  everyone's top 50: %.0f ms at once; one query a person would take about %.0f ms; checksum %016llx\n",
                  batch_ms, per_query_ms * double(size), checksum(everyone));
#ifndef __EMSCRIPTEN__
      std::printf("  everyone's top 50 on two threads: %.0f ms; checksum %016llx\n", two_threads_ms, checksum(everyone_on_two));
#endif
    }
    std::fflush(stdout);
  }
  return 0;
}
