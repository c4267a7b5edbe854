// The assignment solvers against independent references written plainly here:
// enumeration of every assignment for small graphs, a textbook Hungarian
// (O(n^2 m), e-maxx form) on the dense matrix for a few hundred people, and a
// direct check of stability.
#include <blendin/core/assign.hpp>
#include <blendin/core/demo_pool.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "reference/hungarian.hpp"

using namespace blendin::core;

namespace {

struct Edge {
  std::uint32_t row, column;
  std::int64_t weight;
};

CandidateGraph graph_of(std::size_t rows, std::vector<int> capacity, std::vector<Edge> edges) {
  CandidateGraph g;
  g.rows = rows;
  g.columns = capacity.size();
  g.capacity = std::move(capacity);
  std::stable_sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.row < b.row; });
  g.row_start.assign(rows + 1, 0);
  for (const auto& e : edges) {
    ++g.row_start[e.row + 1];
    g.column.push_back(e.column);
    g.weight.push_back(e.weight);
  }
  for (std::size_t r = 0; r < rows; ++r) g.row_start[r + 1] += g.row_start[r];
  return g;
}

// A random graph: each (row, column) an edge with probability `density`, weights in [0, range).
CandidateGraph random_graph(DemoRandom& random, std::size_t rows, std::size_t columns, double density, std::int64_t range) {
  std::vector<int> capacity;
  for (std::size_t c = 0; c < columns; ++c) capacity.push_back(1 + int(random.below(3)));
  std::vector<Edge> edges;
  for (std::uint32_t r = 0; r < rows; ++r)
    for (std::uint32_t c = 0; c < columns; ++c)
      if (random.chance(density)) edges.push_back({r, c, std::int64_t(random.below(std::uint64_t(range)))});
  return graph_of(rows, std::move(capacity), std::move(edges));
}

std::int64_t weight_of(const CandidateGraph& g, std::size_t row, std::int32_t column) {
  for (std::uint32_t e = g.row_start[row]; e < g.row_start[row + 1]; ++e)
    if (g.column[e] == std::uint32_t(column)) return g.weight[e];
  FAIL("assigned pair is not an edge");
  return 0;
}

struct Outcome {
  std::int64_t weight = 0;
  std::size_t matched = 0;
};

// Checks capacities and edges, and sums the assignment.
Outcome evaluate(const CandidateGraph& g, const std::vector<std::int32_t>& column_of_row) {
  REQUIRE(column_of_row.size() == g.rows);
  Outcome outcome;
  std::vector<int> used(g.columns, 0);
  for (std::size_t r = 0; r < g.rows; ++r) {
    const std::int32_t c = column_of_row[r];
    if (c < 0) continue;
    REQUIRE(std::size_t(c) < g.columns);
    outcome.weight += weight_of(g, r, c);
    ++outcome.matched;
    ++used[std::size_t(c)];
  }
  for (std::size_t c = 0; c < g.columns; ++c) CHECK(used[c] <= g.capacity[c]);
  return outcome;
}

// Every assignment, by enumeration: the best weight, and the best (matched, weight).
void brute_force(const CandidateGraph& g, std::size_t row, std::vector<int>& used, Outcome now, Outcome& best_weight,
                 Outcome& best_coverage) {
  if (row == g.rows) {
    if (now.weight > best_weight.weight) best_weight = now;
    if (now.matched > best_coverage.matched || (now.matched == best_coverage.matched && now.weight > best_coverage.weight))
      best_coverage = now;
    return;
  }
  brute_force(g, row + 1, used, now, best_weight, best_coverage);
  for (std::uint32_t e = g.row_start[row]; e < g.row_start[row + 1]; ++e) {
    const auto c = g.column[e];
    if (used[c] >= g.capacity[c]) continue;
    ++used[c];
    brute_force(g, row + 1, used, {now.weight + g.weight[e], now.matched + 1}, best_weight, best_coverage);
    --used[c];
  }
}

// Textbook Hungarian (tests/reference/hungarian.hpp) on a dense matrix.
std::vector<int> hungarian(const std::vector<std::vector<std::int64_t>>& a) {
  const std::size_t n = a.size(), m = a.empty() ? 0 : a[0].size();
  return blendin::test::hungarian_min_cost(n, m, [&](std::size_t i, std::size_t j) { return a[i][j]; });
}

// The graph as a dense cost matrix: one column per place of each local, then one
// private "unmatched" column per row costing `unmatched_cost`; everything else
// is far too expensive to be chosen. Returns the best (matched, weight).
Outcome hungarian_on_graph(const CandidateGraph& g, std::int64_t unmatched_cost) {
  const std::int64_t never = std::int64_t(1) << 55;
  std::vector<std::size_t> place_column;
  for (std::size_t c = 0; c < g.columns; ++c)
    for (int k = 0; k < g.capacity[c]; ++k) place_column.push_back(c);
  const std::size_t places = place_column.size();
  std::vector<std::vector<std::int64_t>> cost(g.rows, std::vector<std::int64_t>(places + g.rows, never));
  for (std::size_t r = 0; r < g.rows; ++r) {
    for (std::uint32_t e = g.row_start[r]; e < g.row_start[r + 1]; ++e)
      for (std::size_t p = 0; p < places; ++p)
        if (place_column[p] == g.column[e]) cost[r][p] = -g.weight[e];
    cost[r][places + r] = unmatched_cost;
  }
  const auto columns = hungarian(cost);
  Outcome outcome;
  for (std::size_t r = 0; r < g.rows; ++r) {
    const auto j = std::size_t(columns[r]);
    REQUIRE(cost[r][j] < never);
    if (j < places) {
      outcome.weight += -cost[r][j];
      ++outcome.matched;
    }
  }
  return outcome;
}

// The certificate the solver returns: feasible and tight (see assign.hpp).
void check_certificate(const CandidateGraph& g, const GraphAssignment& a, std::int64_t unmatched_weight) {
  std::vector<int> used(g.columns, 0);
  for (auto c : a.column_of_row)
    if (c >= 0) ++used[std::size_t(c)];
  for (std::size_t r = 0; r < g.rows; ++r) {
    for (std::uint32_t e = g.row_start[r]; e < g.row_start[r + 1]; ++e) {
      const std::int64_t reduced = -g.weight[e] - a.row_potential[r] - a.column_potential[g.column[e]];
      CHECK(reduced >= 0);
      if (a.column_of_row[r] == std::int32_t(g.column[e])) CHECK(reduced == 0);
    }
    CHECK(-unmatched_weight - a.row_potential[r] >= 0);
    if (a.column_of_row[r] < 0) CHECK(-unmatched_weight - a.row_potential[r] == 0);
  }
  for (std::size_t c = 0; c < g.columns; ++c) {
    CHECK(a.column_potential[c] <= 0);
    if (used[c] < g.capacity[c]) CHECK(a.column_potential[c] == 0);
  }
}

// Stability checked directly: no edge whose row and column both prefer it.
std::size_t plain_blocking_pairs(const CandidateGraph& g, const std::vector<std::int32_t>& column_of_row) {
  auto better = [](std::int64_t wa, std::size_t a, std::int64_t wb, std::size_t b) { return wa > wb || (wa == wb && a < b); };
  std::size_t count = 0;
  for (std::size_t r = 0; r < g.rows; ++r)
    for (std::uint32_t e = g.row_start[r]; e < g.row_start[r + 1]; ++e) {
      const auto c = g.column[e];
      const std::int32_t mine = column_of_row[r];
      if (mine == std::int32_t(c)) continue;
      if (mine >= 0 && !better(g.weight[e], c, weight_of(g, r, mine), std::size_t(mine))) continue;
      int held = 0;
      bool would_swap = false;
      for (std::size_t other = 0; other < g.rows; ++other)
        if (column_of_row[other] == std::int32_t(c)) {
          ++held;
          if (better(g.weight[e], r, weight_of(g, other, std::int32_t(c)), other)) would_swap = true;
        }
      if (held < g.capacity[c] || would_swap) ++count;
    }
  return count;
}

}  // namespace

TEST_CASE("core::solve_max_weight equals enumeration on hundreds of small graphs") {
  DemoRandom random(2026);
  for (int instance = 0; instance < 400; ++instance) {
    CAPTURE(instance);
    const std::size_t rows = 1 + random.below(6), columns = 1 + random.below(4);
    // Small weight ranges make many ties; large ones make every total distinct.
    const std::int64_t range = instance % 2 ? 4 : std::int64_t(1) << 33;
    const auto g = random_graph(random, rows, columns, 0.6, range);
    Outcome best_weight, best_coverage;
    std::vector<int> used(g.columns, 0);
    brute_force(g, 0, used, {}, best_weight, best_coverage);

    const auto max = solve_max_weight(g, 0);
    CHECK(evaluate(g, max.column_of_row).weight == best_weight.weight);
    check_certificate(g, max, 0);

    const std::int64_t penalty = coverage_penalty(g);
    const auto coverage = solve_max_weight(g, -penalty);
    const Outcome covered = evaluate(g, coverage.column_of_row);
    CHECK(covered.matched == best_coverage.matched);
    CHECK(covered.weight == best_coverage.weight);
    check_certificate(g, coverage, -penalty);

    const auto stable = solve_stable(g);
    evaluate(g, stable.column_of_row);
    CHECK(plain_blocking_pairs(g, stable.column_of_row) == 0);
    CHECK(count_blocking_pairs(g, stable.column_of_row) == 0);
    CHECK(count_blocking_pairs(g, max.column_of_row) == plain_blocking_pairs(g, max.column_of_row));
  }
}

TEST_CASE("core::solve_max_weight and solve_stable do not depend on the order of a row's edges") {
  // assign_round hands each row's edges over in an order that depends on the
  // number of threads; the solvers break every tie by column, so the same
  // graph with its rows' edges reordered must give the same pairs. Small
  // weight ranges make ties common.
  DemoRandom random(77);
  for (int instance = 0; instance < 300; ++instance) {
    CAPTURE(instance);
    const std::size_t rows = 2 + random.below(30), columns = 1 + random.below(20);
    const auto g = random_graph(random, rows, columns, 0.4, instance % 3 ? 3 : 1000);
    CandidateGraph reordered = g;
    for (std::size_t r = 0; r < g.rows; ++r) {
      // Reverse, then rotate by a random amount: column and weight together.
      const auto first = std::ptrdiff_t(g.row_start[r]), last = std::ptrdiff_t(g.row_start[r + 1]);
      std::reverse(reordered.column.begin() + first, reordered.column.begin() + last);
      std::reverse(reordered.weight.begin() + first, reordered.weight.begin() + last);
      if (last - first > 1) {
        const auto shift = std::ptrdiff_t(random.below(std::uint64_t(last - first)));
        std::rotate(reordered.column.begin() + first, reordered.column.begin() + first + shift, reordered.column.begin() + last);
        std::rotate(reordered.weight.begin() + first, reordered.weight.begin() + first + shift, reordered.weight.begin() + last);
      }
    }
    const std::int64_t penalty = coverage_penalty(g);
    CHECK(solve_max_weight(reordered, 0).column_of_row == solve_max_weight(g, 0).column_of_row);
    CHECK(solve_max_weight(reordered, -penalty).column_of_row == solve_max_weight(g, -penalty).column_of_row);
    CHECK(solve_stable(reordered).column_of_row == solve_stable(g).column_of_row);
  }
}

TEST_CASE("core::solve_max_weight equals a textbook Hungarian on a few hundred people") {
  DemoRandom random(7);
  for (int instance = 0; instance < 4; ++instance) {
    CAPTURE(instance);
    // More newcomers than places, so that capacity decides who stays unmatched.
    const std::size_t rows = 120 + random.below(80), columns = 40 + random.below(30);
    const std::int64_t range = instance % 2 ? 50 : std::int64_t(1) << 32;
    const auto g = random_graph(random, rows, columns, 0.08, range);
    SUBCASE("max") {
      const auto solved = solve_max_weight(g, 0);
      const Outcome reference = hungarian_on_graph(g, 0);
      CHECK(evaluate(g, solved.column_of_row).weight == reference.weight);
    }
    SUBCASE("coverage") {
      const std::int64_t penalty = coverage_penalty(g);
      const auto solved = solve_max_weight(g, -penalty);
      const Outcome reference = hungarian_on_graph(g, penalty);
      const Outcome got = evaluate(g, solved.column_of_row);
      CHECK(got.matched == reference.matched);
      CHECK(got.weight == reference.weight);
    }
  }
}

TEST_CASE("core::solve_max_weight coverage matches more rows than max when it must") {
  // Row 0 likes column 0 a lot and column 1 a little; row 1 can only take column 0.
  const auto g = graph_of(2, {1, 1}, {{0, 0, 90}, {0, 1, 10}, {1, 0, 30}});
  const auto max = solve_max_weight(g, 0);
  CHECK(max.column_of_row == std::vector<std::int32_t>{0, -1});
  const auto coverage = solve_max_weight(g, -coverage_penalty(g));
  CHECK(coverage.column_of_row == std::vector<std::int32_t>{1, 0});
  // Stable: row 0 gets its first choice, row 1 is rejected.
  CHECK(solve_stable(g).column_of_row == std::vector<std::int32_t>{0, -1});
  CHECK(count_blocking_pairs(g, coverage.column_of_row) == 1);  // (0, 0): both prefer it
}

TEST_CASE("core::solve_max_weight respects capacities") {
  // Three rows want column 0 (two places); column 1 is worse for everyone.
  const auto g = graph_of(3, {2, 1}, {{0, 0, 50}, {1, 0, 40}, {2, 0, 30}, {0, 1, 5}, {1, 1, 5}, {2, 1, 5}});
  const auto solved = solve_max_weight(g, 0);
  CHECK(solved.column_of_row == std::vector<std::int32_t>{0, 0, 1});
}

TEST_CASE("core::solve_max_weight degenerate graphs") {
  SUBCASE("empty") {
    const auto g = graph_of(0, {}, {});
    CHECK(solve_max_weight(g, 0).column_of_row.empty());
    CHECK(solve_stable(g).column_of_row.empty());
  }
  SUBCASE("no edges") {
    const auto g = graph_of(3, {1, 2}, {});
    CHECK(solve_max_weight(g, -coverage_penalty(g)).column_of_row == std::vector<std::int32_t>{-1, -1, -1});
  }
  SUBCASE("one row") {
    const auto g = graph_of(1, {1, 1}, {{0, 0, 3}, {0, 1, 7}});
    CHECK(solve_max_weight(g, 0).column_of_row == std::vector<std::int32_t>{1});
  }
  SUBCASE("everything tied: as many pairs as places, the same pairs every time") {
    std::vector<Edge> edges;
    for (std::uint32_t r = 0; r < 5; ++r)
      for (std::uint32_t c = 0; c < 3; ++c) edges.push_back({r, c, 100});
    const auto g = graph_of(5, {1, 1, 1}, edges);
    const auto first = solve_max_weight(g, 0);
    CHECK(evaluate(g, first.column_of_row).matched == 3);
    CHECK(solve_max_weight(g, 0).column_of_row == first.column_of_row);
    // Stable with ties broken by index: the smallest rows take the smallest columns.
    CHECK(solve_stable(g).column_of_row == std::vector<std::int32_t>{0, 1, 2, -1, -1});
  }
  SUBCASE("zero capacity") {
    const auto g = graph_of(1, {0}, {{0, 0, 9}});
    CHECK(solve_max_weight(g, 0).column_of_row == std::vector<std::int32_t>{-1});
    CHECK(solve_stable(g).column_of_row == std::vector<std::int32_t>{-1});
  }
  SUBCASE("weights out of range are refused") {
    const auto g = graph_of(1, {1}, {{0, 0, std::int64_t(1) << 50}});
    CHECK_THROWS_AS(solve_max_weight(g, 0), std::invalid_argument);
  }
}
