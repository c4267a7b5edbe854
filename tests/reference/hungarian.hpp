// Textbook Hungarian algorithm (the e-maxx form), written plainly and
// independently of core/: the reference the assignment tests and the
// assignment benchmark check the solver's optimum against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace blendin::test {

// Minimum-cost assignment of every row of an n x m matrix (n <= m), the cost of
// (row, column) given by cost(i, j). Returns the column of each row.
template <typename Cost>
std::vector<int> hungarian_min_cost(std::size_t n, std::size_t m, Cost&& cost) {
  const std::int64_t inf = std::numeric_limits<std::int64_t>::max() / 4;
  std::vector<std::int64_t> u(n + 1, 0), v(m + 1, 0), minv(m + 1);
  std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
  std::vector<char> used(m + 1);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::fill(minv.begin(), minv.end(), inf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[j0] = 1;
      const std::size_t i0 = p[j0];
      std::int64_t delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= m; ++j)
        if (!used[j]) {
          const std::int64_t cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
          if (cur < minv[j]) minv[j] = cur, way[j] = j0;
          if (minv[j] < delta) delta = minv[j], j1 = j;
        }
      for (std::size_t j = 0; j <= m; ++j)
        if (used[j])
          u[p[j]] += delta, v[j] -= delta;
        else
          minv[j] -= delta;
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  std::vector<int> column_of_row(n, -1);
  for (std::size_t j = 1; j <= m; ++j)
    if (p[j]) column_of_row[p[j] - 1] = int(j - 1);
  return column_of_row;
}

}  // namespace blendin::test
