// The dense benchmark's solver (dense_solver.hpp) against enumeration and the
// textbook Hungarian (tests/reference/hungarian.hpp).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <blendin/core/assign.hpp>
#include <blendin/core/demo_pool.hpp>

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "dense_solver.hpp"
#include "reference/hungarian.hpp"

using namespace blendin::core;
using blendin::bench::solve_dense_max_weight;

namespace {

std::vector<int> hungarian(const std::vector<std::vector<std::int64_t>>& a) {
  return blendin::test::hungarian_min_cost(a.size(), a.empty() ? 0 : a[0].size(),
                                           [&](std::size_t i, std::size_t j) { return a[i][j]; });
}

}  // namespace

TEST_CASE("bench::solve_dense_max_weight equals enumeration and the Hungarian") {
  DemoRandom random(11);
  SUBCASE("small matrices, every permutation") {
    for (int instance = 0; instance < 200; ++instance) {
      CAPTURE(instance);
      const std::size_t rows = 1 + random.below(6), columns = rows + random.below(2);
      const std::int64_t range = instance % 2 ? 3 : 1000000;
      std::vector<std::int64_t> w(rows * columns);
      for (auto& x : w) x = std::int64_t(random.below(std::uint64_t(range)));
      std::vector<std::size_t> order(columns);
      std::iota(order.begin(), order.end(), 0);
      std::int64_t best = std::numeric_limits<std::int64_t>::min();
      do {  // every injective assignment appears among the permutations of the columns
        std::int64_t total = 0;
        for (std::size_t r = 0; r < rows; ++r) total += w[r * columns + order[r]];
        best = std::max(best, total);
      } while (std::next_permutation(order.begin(), order.end()));
      const auto solved = solve_dense_max_weight(w, rows, columns);
      std::vector<char> taken(columns, 0);
      std::int64_t total = 0;
      for (std::size_t r = 0; r < rows; ++r) {
        const auto c = std::size_t(solved.column_of_row[r]);
        CHECK(!taken[c]);
        taken[c] = 1;
        total += w[r * columns + c];
      }
      CHECK(total == best);
      CHECK(solved.total == best);
    }
  }
  SUBCASE("300 x 300 against the Hungarian, with a dual certificate") {
    const std::size_t n = 300;
    std::vector<std::int64_t> w(n * n);
    std::vector<std::vector<std::int64_t>> cost(n, std::vector<std::int64_t>(n));
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) cost[i][j] = -(w[i * n + j] = to_weight(random.unit()));
    const auto solved = solve_dense_max_weight(w, n, n);
    const auto reference = hungarian(cost);
    std::int64_t expected = 0;
    for (std::size_t i = 0; i < n; ++i) expected -= cost[i][std::size_t(reference[i])];
    CHECK(solved.total == expected);
    bool feasible = true, tight = true;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        const std::int64_t reduced = cost[i][j] - solved.row_potential[i] - solved.column_potential[j];
        feasible = feasible && reduced >= 0;
        if (solved.column_of_row[i] == std::int32_t(j)) tight = tight && reduced == 0;
      }
    CHECK(feasible);
    CHECK(tight);
  }
  SUBCASE("bad shapes are refused") {
    std::vector<std::int64_t> w(6, 1);
    CHECK_THROWS_AS(solve_dense_max_weight(w, 3, 2), std::invalid_argument);
    CHECK_THROWS_AS(solve_dense_max_weight(w, 2, 2), std::invalid_argument);
  }
}
