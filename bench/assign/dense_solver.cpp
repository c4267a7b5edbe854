#include "dense_solver.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace blendin::bench {

namespace {

constexpr std::int64_t infinity = std::numeric_limits<std::int64_t>::max() / 4;
constexpr std::int64_t max_edge_weight = std::int64_t(1) << 40;  // as the core's solver: far from overflow

}  // namespace

// Crouse's shortest augmenting path (the algorithm behind scipy's
// linear_sum_assignment) with JV's column reduction as a start when square: each
// column goes to its best row when that row is still free, which is already
// optimal for those rows with v[j] = -max_i w[i][j] and u = 0.

namespace {

// Jonker-Volgenant's augmenting row reduction, two passes: a free row takes the
// column where cost - v is smallest, lowering v there (raising its reduced cost
// for everyone) by the gap to the second smallest; the row it displaces is
// free again. Keeps the invariant that every assigned row holds a column of
// smallest cost - v, so the potentials stay an optimal dual of the assigned part.
void augmenting_row_reduction(std::span<const std::int64_t> w, std::size_t rows, std::size_t columns,
                              std::vector<std::int32_t>& col4row, std::vector<std::int32_t>& row4col,
                              std::vector<std::int64_t>& v) {
  if (columns < 2) return;
  std::vector<std::uint32_t> free_rows;
  for (std::size_t i = 0; i < rows; ++i)
    if (col4row[i] < 0) free_rows.push_back(std::uint32_t(i));
  for (int pass = 0; pass < 2 && !free_rows.empty(); ++pass) {
    std::vector<std::uint32_t> still_free;
    std::size_t k = 0;
    // Each displaced row that is retried at once lowers some v strictly; the
    // bound keeps a pass linear even with many ties.
    std::size_t budget = 4 * rows + 16;
    while (k < free_rows.size()) {
      const std::uint32_t i = free_rows[k++];
      const std::int64_t* row = w.data() + std::size_t(i) * columns;
      std::int64_t u1 = -row[0] - v[0], u2 = infinity;
      std::size_t j1 = 0, j2 = 0;
      for (std::size_t j = 1; j < columns; ++j) {
        const std::int64_t h = -row[j] - v[j];
        if (h < u2) {
          if (h >= u1) {
            u2 = h;
            j2 = j;
          } else {
            u2 = u1;
            u1 = h;
            j2 = j1;
            j1 = j;
          }
        }
      }
      std::int32_t displaced = row4col[j1];
      const bool strict = u1 < u2;
      if (strict)
        v[j1] -= u2 - u1;
      else if (displaced >= 0) {
        j1 = j2;
        displaced = row4col[j1];
      }
      row4col[j1] = std::int32_t(i);
      col4row[i] = std::int32_t(j1);
      if (displaced >= 0) {
        col4row[std::size_t(displaced)] = -1;
        if (strict && budget > 0) {
          --budget;
          free_rows[--k] = std::uint32_t(displaced);
        } else {
          still_free.push_back(std::uint32_t(displaced));
        }
      }
    }
    free_rows.swap(still_free);
  }
}

}  // namespace

DenseAssignment solve_dense_max_weight(std::span<const std::int64_t> w, std::size_t rows, std::size_t columns) {
  if (rows > columns) throw std::invalid_argument("solve_dense_max_weight: more rows than columns");
  if (w.size() != rows * columns) throw std::invalid_argument("solve_dense_max_weight: weights must hold rows * columns values");
  for (std::int64_t x : w)
    if (x > max_edge_weight || x < -max_edge_weight) throw std::invalid_argument("solve_dense_max_weight: weight out of range");
  DenseAssignment result;
  auto& col4row = result.column_of_row;
  auto& u = result.row_potential;
  auto& v = result.column_potential;
  col4row.assign(rows, -1);
  u.assign(rows, 0);
  v.assign(columns, 0);
  std::vector<std::int32_t> row4col(columns, -1);

  if (rows == columns && rows > 0) {
    for (std::size_t j = 0; j < columns; ++j) {
      std::size_t best = 0;
      for (std::size_t i = 1; i < rows; ++i)
        if (w[i * columns + j] > w[best * columns + j]) best = i;
      v[j] = -w[best * columns + j];
      if (col4row[best] < 0) {
        col4row[best] = std::int32_t(j);
        row4col[j] = std::int32_t(best);
      }
    }
    augmenting_row_reduction(w, rows, columns, col4row, row4col, v);
    // Every assigned row now holds a column where cost - v is smallest: u makes it tight.
    for (std::size_t i = 0; i < rows; ++i)
      if (col4row[i] >= 0) u[i] = -w[i * columns + std::size_t(col4row[i])] - v[std::size_t(col4row[i])];
  }

  std::vector<std::int64_t> shortest(columns);
  std::vector<std::int32_t> path(columns, -1);
  std::vector<std::uint32_t> remaining(columns);
  std::vector<std::uint32_t> scanned_rows, scanned_columns;
  std::vector<std::int64_t> negated_v(columns);
  for (std::size_t start = 0; start < rows; ++start) {
    if (col4row[start] >= 0) continue;
    std::fill(shortest.begin(), shortest.end(), infinity);
    for (std::size_t j = 0; j < columns; ++j) remaining[j] = std::uint32_t(j);
    std::size_t remaining_count = columns;
    scanned_rows.clear();
    scanned_columns.clear();
    std::int64_t min_value = 0;
    std::size_t i = start;
    std::int32_t sink = -1;
    while (sink < 0) {
      scanned_rows.push_back(std::uint32_t(i));
      const std::int64_t base = min_value - u[i];
      const std::int64_t* row = w.data() + i * columns;
      std::int64_t lowest = infinity;
      std::size_t lowest_at = 0;
      for (std::size_t it = 0; it < remaining_count; ++it) {
        const std::uint32_t j = remaining[it];
        const std::int64_t reduced = base - row[j] - v[j];
        std::int64_t s = shortest[j];
        if (reduced < s) {
          path[j] = std::int32_t(i);
          s = reduced;
          shortest[j] = s;
        }
        if (s < lowest || (s == lowest && row4col[j] < 0)) {
          lowest = s;
          lowest_at = it;
        }
      }
      min_value = lowest;
      const std::uint32_t j = remaining[lowest_at];
      scanned_columns.push_back(j);
      remaining[lowest_at] = remaining[--remaining_count];
      if (row4col[j] < 0)
        sink = std::int32_t(j);
      else
        i = std::size_t(row4col[j]);
    }
    u[start] += min_value;
    for (std::uint32_t r : scanned_rows)
      if (r != start) u[r] += min_value - shortest[std::size_t(col4row[r])];
    for (std::uint32_t j : scanned_columns) v[j] -= min_value - shortest[j];
    for (std::int32_t j = sink;;) {
      const std::int32_t r = path[std::size_t(j)];
      row4col[std::size_t(j)] = r;
      std::swap(col4row[std::size_t(r)], j);
      if (std::size_t(r) == start) break;
    }
  }
  for (std::size_t r = 0; r < rows; ++r) result.total += w[r * columns + std::size_t(col4row[r])];
  return result;
}

}  // namespace blendin::bench
