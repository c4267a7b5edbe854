// Dense assignment benchmark: random n x n scores in [0, 1), n = 1000, 2000,
// 4000, through the dense solver of this folder (dense_solver.hpp).
// Every optimum is proven by its dual certificate (feasible potentials, tight
// on the pairs); for n <= --verify-up-to it is also recomputed by an
// independent textbook Hungarian. Prints figures; never fails on a timing.
//
//   assign_bench [--sizes 1000,2000,4000] [--runs 3] [--verify-up-to 1000] [--seed 1]
#include <blendin/core/assign.hpp>
#include <blendin/core/demo_pool.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "dense_solver.hpp"
#include "reference/hungarian.hpp"

using namespace blendin::core;
using blendin::bench::DenseAssignment;
using blendin::bench::solve_dense_max_weight;

namespace {

// scipy.optimize.linear_sum_assignment (scipy 1.10) on this machine, as quoted
// in issue 3; scipy cannot be installed beside the Boost packages we need.
double peer_seconds(std::size_t n) {
  switch (n) {
    case 1000: return 0.09;
    case 2000: return 0.41;
    case 4000: return 1.85;
  }
  return 0;
}

// The total weight of the textbook Hungarian's optimum (tests/reference), independent of the solver.
std::int64_t hungarian_max_total(const std::vector<std::int64_t>& w, std::size_t n) {
  const auto columns = blendin::test::hungarian_min_cost(n, n, [&](std::size_t i, std::size_t j) { return -w[i * n + j]; });
  std::int64_t total = 0;
  for (std::size_t i = 0; i < n; ++i) total += w[i * n + std::size_t(columns[i])];
  return total;
}

// Dual feasibility and complementary slackness: proves the assignment optimal.
bool certificate_holds(const std::vector<std::int64_t>& w, std::size_t n, const DenseAssignment& a) {
  std::vector<char> taken(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto j = a.column_of_row[i];
    if (j < 0 || std::size_t(j) >= n || taken[std::size_t(j)]) return false;
    taken[std::size_t(j)] = 1;
    for (std::size_t c = 0; c < n; ++c) {
      const std::int64_t reduced = -w[i * n + c] - a.row_potential[i] - a.column_potential[c];
      if (reduced < 0 || (c == std::size_t(j) && reduced != 0)) return false;
    }
  }
  return true;
}

std::vector<std::size_t> parse_sizes(const char* text) {
  std::vector<std::size_t> sizes;
  for (const char* p = text; *p;) {
    sizes.push_back(std::size_t(std::strtoull(p, nullptr, 10)));
    p = std::strchr(p, ',');
    if (!p) break;
    ++p;
  }
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes{1000, 2000, 4000};
  int runs = 3;
  std::size_t verify_up_to = 1000;
  std::uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--sizes"))
      sizes = parse_sizes(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--runs"))
      runs = std::max(1, std::atoi(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--verify-up-to"))
      verify_up_to = std::size_t(std::atoll(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--seed"))
      seed = std::uint64_t(std::atoll(argv[i + 1]));
    else {
      std::fprintf(stderr, "usage: assign_bench [--sizes 1000,2000,4000] [--runs 3] [--verify-up-to 1000] [--seed 1]\n");
      return 2;
    }
  }
  std::printf("dense assignment, random scores in [0,1) as weights round(s * 2^32), seed %llu, %d run(s) each\n",
              static_cast<unsigned long long>(seed), runs);
  std::printf("%6s %10s %10s %8s  %s\n", "n", "median s", "scipy s", "ratio", "check");
  double total_median = 0, total_peer = 0;
  for (std::size_t n : sizes) {
    DemoRandom random(seed + n);
    std::vector<std::int64_t> w(n * n);
    for (auto& x : w) x = to_weight(random.unit());
    std::vector<double> times;
    DenseAssignment result;
    for (int r = 0; r < runs; ++r) {
      const auto start = std::chrono::steady_clock::now();
      result = solve_dense_max_weight(w, n, n);
      times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::string check = certificate_holds(w, n, result) ? "dual certificate ok" : "DUAL CERTIFICATE FAILED";
    if (n <= verify_up_to) {
      const std::int64_t reference = hungarian_max_total(w, n);
      check += reference == result.total ? ", Hungarian optimum equal" : ", HUNGARIAN OPTIMUM DIFFERS";
    }
    const double peer = peer_seconds(n);
    total_median += median;
    total_peer += peer;
    if (peer > 0)
      std::printf("%6zu %10.3f %10.2f %8.2f  %s (total score %.6f)\n", n, median, peer, median / peer, check.c_str(),
                  std::ldexp(double(result.total), -32));
    else
      std::printf("%6zu %10.3f %10s %8s  %s\n", n, median, "-", "-", check.c_str());
    std::fflush(stdout);
  }
  std::printf("total  %10.3f %10.2f %8.2f  (scipy figures quoted, not re-run here; ratio = ours / scipy)\n", total_median,
              total_peer, total_peer > 0 ? total_median / total_peer : 0.0);
  return 0;
}
