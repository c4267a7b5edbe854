// [SECTION] Limits and weights
// [SECTION] The sparse solver: successive shortest paths with potentials
// [SECTION] Gale-Shapley with capacities
// [SECTION] Blocking pairs
#include <blendin/core/assign.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace blendin::core {

// [SECTION] Limits and weights

namespace {

constexpr std::int64_t infinity = std::numeric_limits<std::int64_t>::max() / 4;
// Every potential and path length stays within a few times these bounds (see
// docs/assignment.md, "Exact integers"), far from overflow.
constexpr std::int64_t max_edge_weight = std::int64_t(1) << 40;
constexpr std::int64_t max_unmatched_weight = std::int64_t(1) << 60;

void check_graph(const CandidateGraph& g) {
  if (g.row_start.size() != g.rows + 1 || g.capacity.size() != g.columns || g.column.size() != g.row_start.back() ||
      g.weight.size() != g.column.size())
    throw std::invalid_argument("candidate graph: inconsistent sizes");
  for (std::size_t e = 0; e < g.column.size(); ++e) {
    if (g.column[e] >= g.columns) throw std::invalid_argument("candidate graph: column out of range");
    if (g.weight[e] > max_edge_weight || g.weight[e] < -max_edge_weight)
      throw std::invalid_argument("candidate graph: weight out of range (|w| <= 2^40)");
  }
  for (int c : g.capacity)
    if (c < 0) throw std::invalid_argument("candidate graph: negative capacity");
}

}  // namespace

std::int64_t to_weight(double score) { return std::llround(std::ldexp(score, 32)); }

std::int64_t coverage_penalty(const CandidateGraph& graph) {
  std::int64_t largest = 0;
  for (std::int64_t w : graph.weight) largest = std::max(largest, w < 0 ? -w : w);
  // One more matched row must outweigh any change of the weights of all rows.
  const std::int64_t rows = std::int64_t(graph.rows);
  if (largest > 0 && rows > (max_unmatched_weight - 1) / (2 * largest))
    throw std::invalid_argument("coverage: too many rows for exact integer weights");
  return 2 * rows * largest + 1;
}

// [SECTION] The sparse solver: successive shortest paths with potentials
//
// Minimisation form: cost(i, j) = -weight, cost of leaving row i unmatched =
// -unmatched_weight (a private "unmatched" column per row, whose potential is
// always 0 and so is never stored). Column j is a node with capacity[j] places;
// a column with a free place ends a path. Each row is added by one Dijkstra on
// reduced costs, stopped at the first end reached (Crouse's variant of JV).

namespace {

// One solve: the places of each column, the search's state (reset through
// stamps instead of clearing), and the assignment with its potentials.
class ShortestPaths {
 public:
  ShortestPaths(const CandidateGraph& g, std::int64_t unmatched_cost, GraphAssignment& result)
      : g_(g), unmatched_cost_(unmatched_cost), result_(result), u_(result.row_potential), v_(result.column_potential) {
    const std::size_t rows = g.rows, columns = g.columns;
    result.column_of_row.assign(rows, -1);
    u_.assign(rows, 0);
    v_.assign(columns, 0);
    // The places of each column, flat: rows in column j at place_start_[j] ..
    place_start_.assign(columns + 1, 0);
    for (std::size_t j = 0; j < columns; ++j) place_start_[j + 1] = place_start_[j] + std::uint32_t(g.capacity[j]);
    place_row_.assign(place_start_[columns], -1);
    used_.assign(columns, 0);
    distance_.assign(columns, 0);
    row_distance_.assign(rows, 0);
    column_stamp_.assign(columns, 0);
    scanned_stamp_.assign(columns, 0);
    predecessor_.assign(columns, -1);
  }

  // Adds row `start` by one Dijkstra on reduced costs.
  void add_row(std::uint32_t start) {
    ++stamp_;
    heap_.clear();
    scanned_rows_.clear();
    scanned_columns_.clear();
    end_distance_ = infinity;
    end_row_ = -1;
    const std::int32_t sink = find_path(start);
    const std::int64_t path_length = sink >= 0 ? distance_[std::size_t(sink)] : end_distance_;
    // Potentials: keep every reduced cost >= 0 and the pairs (and the new path) tight.
    for (std::uint32_t i : scanned_rows_) u_[i] += path_length - row_distance_[i];
    for (std::uint32_t j : scanned_columns_) v_[j] -= path_length - distance_[j];
    shift_path(start, sink);
  }

 private:
  struct Entry {
    std::int64_t distance;
    std::uint32_t column;
    bool operator>(const Entry& other) const {
      return distance != other.distance ? distance > other.distance : column > other.column;
    }
  };
  static bool heap_order(const Entry& a, const Entry& b) { return a > b; }

  // The columns row i reaches at distance d; `ordered`: keep the heap in
  // order as entries come (otherwise the caller orders it).
  void scan_row(std::uint32_t i, std::int64_t d, bool ordered) {
    scanned_rows_.push_back(i);
    row_distance_[i] = d;
    const std::int64_t base = d - u_[i];
    const std::int64_t unmatched = base + unmatched_cost_;
    if (unmatched < end_distance_) {
      end_distance_ = unmatched;
      end_row_ = std::int32_t(i);
    }
    for (std::uint32_t e = g_.row_start[i]; e < g_.row_start[i + 1]; ++e) {
      const std::uint32_t j = g_.column[e];
      if (scanned_stamp_[j] == stamp_) continue;
      const std::int64_t nd = base - g_.weight[e] - v_[j];
      // A column farther than ending the path unmatched is never reached:
      // end_distance_ only shrinks, and the search stops at it.
      if (nd > end_distance_) continue;
      if (column_stamp_[j] != stamp_ || nd < distance_[j]) {
        column_stamp_[j] = stamp_;
        distance_[j] = nd;
        predecessor_[j] = std::int32_t(i);
        heap_.push_back({nd, j});
        if (ordered) std::push_heap(heap_.begin(), heap_.end(), heap_order);
      }
    }
  }

  // The column with a free place that ends the shortest path from `start`,
  // or -1 when leaving end_row_ unmatched is shorter.
  std::int32_t find_path(std::uint32_t start) {
    scan_row(start, 0, false);
    // Most rows end at their own nearest column, found by one pass; the heap
    // is ordered only when they do not.
    if (!heap_.empty()) {
      const Entry nearest = *std::min_element(heap_.begin(), heap_.end(), [](const Entry& a, const Entry& b) { return b > a; });
      if (used_[nearest.column] < g_.capacity[nearest.column])
        return std::int32_t(nearest.column);  // within end_distance_: farther ones were not entered
      std::make_heap(heap_.begin(), heap_.end(), heap_order);
    }
    while (!heap_.empty()) {
      const Entry top = heap_.front();
      std::pop_heap(heap_.begin(), heap_.end(), heap_order);
      heap_.pop_back();
      const std::uint32_t j = top.column;
      if (scanned_stamp_[j] == stamp_ || top.distance != distance_[j]) continue;  // stale
      if (top.distance > end_distance_) break;                                    // leaving a row unmatched is shorter
      if (used_[j] < g_.capacity[j]) return std::int32_t(j);
      scanned_stamp_[j] = stamp_;
      scanned_columns_.push_back(j);
      for (std::uint32_t p = place_start_[j]; p < place_start_[j + 1]; ++p)
        scan_row(std::uint32_t(place_row_[p]), top.distance, true);
    }
    return -1;
  }

  // Each row on the path moves to the column it was reached from.
  void shift_path(std::uint32_t start, std::int32_t sink) {
    auto replace_in = [&](std::uint32_t j, std::int32_t old_row, std::int32_t new_row) {
      for (std::uint32_t p = place_start_[j]; p < place_start_[j + 1]; ++p)
        if (place_row_[p] == old_row) {
          place_row_[p] = new_row;
          return;
        }
    };
    auto& column_of_row = result_.column_of_row;
    std::int32_t leaving = -1;  // the row that gives up its place in column j
    std::int32_t j = sink;
    if (sink < 0) {
      // The path ends with end_row_ becoming unmatched.
      leaving = end_row_;
      j = column_of_row[std::size_t(end_row_)];
      column_of_row[std::size_t(end_row_)] = -1;
    } else {
      ++used_[std::size_t(sink)];
    }
    while (j >= 0) {
      const std::int32_t i = predecessor_[std::size_t(j)];
      replace_in(std::uint32_t(j), leaving, i);
      const std::int32_t previous = column_of_row[std::size_t(i)];
      column_of_row[std::size_t(i)] = j;
      if (std::uint32_t(i) == start) break;
      leaving = i;
      j = previous;
    }
  }

  const CandidateGraph& g_;
  const std::int64_t unmatched_cost_;
  GraphAssignment& result_;
  std::vector<std::int64_t>& u_;
  std::vector<std::int64_t>& v_;
  std::vector<std::uint32_t> place_start_;
  std::vector<std::int32_t> place_row_, used_;
  std::vector<std::int64_t> distance_, row_distance_;
  std::vector<std::uint32_t> column_stamp_, scanned_stamp_;
  std::vector<std::int32_t> predecessor_;
  std::vector<std::uint32_t> scanned_rows_, scanned_columns_;
  std::vector<Entry> heap_;
  std::uint32_t stamp_ = 0;
  std::int64_t end_distance_ = infinity;  // the best "leave this row unmatched" end so far
  std::int32_t end_row_ = -1;
};

}  // namespace

GraphAssignment solve_max_weight(const CandidateGraph& g, std::int64_t unmatched_weight) {
  check_graph(g);
  if (unmatched_weight > max_unmatched_weight || unmatched_weight < -max_unmatched_weight)
    throw std::invalid_argument("solve_max_weight: unmatched weight out of range");
  GraphAssignment result;
  ShortestPaths paths(g, -unmatched_weight, result);
  for (std::size_t start = 0; start < g.rows; ++start) paths.add_row(std::uint32_t(start));
  return result;
}

// [SECTION] Gale-Shapley with capacities

namespace {

// True when (weight a, id a) is preferred to (weight b, id b): larger weight, then smaller id.
bool prefers(std::int64_t weight_a, std::size_t id_a, std::int64_t weight_b, std::size_t id_b) {
  return weight_a != weight_b ? weight_a > weight_b : id_a < id_b;
}

}  // namespace

GraphAssignment solve_stable(const CandidateGraph& g) {
  check_graph(g);
  GraphAssignment result;
  result.column_of_row.assign(g.rows, -1);
  // Each row's edges in its order of preference.
  std::vector<std::uint32_t> order(g.column.size());
  for (std::size_t e = 0; e < order.size(); ++e) order[e] = std::uint32_t(e);
  for (std::size_t i = 0; i < g.rows; ++i)
    std::sort(order.begin() + g.row_start[i], order.begin() + g.row_start[i + 1],
              [&](std::uint32_t a, std::uint32_t b) { return prefers(g.weight[a], g.column[a], g.weight[b], g.column[b]); });
  struct Held {
    std::int64_t weight;
    std::uint32_t row;
  };
  // Per column, the rows it holds, worst on top (a heap).
  std::vector<std::vector<Held>> held(g.columns);
  const auto worse_on_top = [](const Held& a, const Held& b) { return prefers(a.weight, a.row, b.weight, b.row); };
  std::vector<std::uint32_t> next(g.rows);
  for (std::size_t i = 0; i < g.rows; ++i) next[i] = g.row_start[i];
  std::vector<std::uint32_t> free_rows;
  for (std::size_t i = g.rows; i-- > 0;) free_rows.push_back(std::uint32_t(i));  // smallest row proposes first
  while (!free_rows.empty()) {
    const std::uint32_t i = free_rows.back();
    free_rows.pop_back();
    while (next[i] < g.row_start[i + 1]) {
      const std::uint32_t e = order[next[i]++];
      const std::uint32_t j = g.column[e];
      auto& slots = held[j];
      if (int(slots.size()) < g.capacity[j]) {
        slots.push_back({g.weight[e], i});
        std::push_heap(slots.begin(), slots.end(), worse_on_top);
        result.column_of_row[i] = std::int32_t(j);
        break;
      }
      if (!slots.empty() && prefers(g.weight[e], i, slots.front().weight, slots.front().row)) {
        std::pop_heap(slots.begin(), slots.end(), worse_on_top);
        const std::uint32_t rejected = slots.back().row;
        slots.back() = {g.weight[e], i};
        std::push_heap(slots.begin(), slots.end(), worse_on_top);
        result.column_of_row[rejected] = -1;
        result.column_of_row[i] = std::int32_t(j);
        free_rows.push_back(rejected);
        break;
      }
    }
  }
  return result;
}

// [SECTION] Blocking pairs

std::size_t count_blocking_pairs(const CandidateGraph& g, std::span<const std::int32_t> column_of_row) {
  check_graph(g);
  if (column_of_row.size() != g.rows) throw std::invalid_argument("count_blocking_pairs: one column per row expected");
  // The weight each row has now, and each column's count and least preferred row.
  std::vector<std::int64_t> current(g.rows, 0);
  std::vector<int> count(g.columns, 0);
  std::vector<std::int64_t> worst_weight(g.columns, 0);
  std::vector<std::int32_t> worst_row(g.columns, -1);
  for (std::size_t i = 0; i < g.rows; ++i) {
    const std::int32_t j = column_of_row[i];
    if (j < 0) continue;
    bool found = false;
    for (std::uint32_t e = g.row_start[i]; e < g.row_start[i + 1]; ++e)
      if (g.column[e] == std::uint32_t(j)) {
        current[i] = g.weight[e];
        found = true;
        break;
      }
    if (!found) throw std::invalid_argument("count_blocking_pairs: a pair is not an edge of the graph");
    ++count[std::size_t(j)];
    if (worst_row[std::size_t(j)] < 0 ||
        prefers(worst_weight[std::size_t(j)], std::size_t(worst_row[std::size_t(j)]), current[i], i)) {
      worst_weight[std::size_t(j)] = current[i];
      worst_row[std::size_t(j)] = std::int32_t(i);
    }
  }
  std::size_t blocking = 0;
  for (std::size_t i = 0; i < g.rows; ++i) {
    const std::int32_t mine = column_of_row[i];
    for (std::uint32_t e = g.row_start[i]; e < g.row_start[i + 1]; ++e) {
      const std::uint32_t j = g.column[e];
      if (std::int32_t(j) == mine) continue;
      const bool row_wants = mine < 0 || prefers(g.weight[e], j, current[i], std::size_t(mine));
      if (!row_wants) continue;
      const bool column_wants =
          count[j] < g.capacity[j] || (worst_row[j] >= 0 && prefers(g.weight[e], i, worst_weight[j], std::size_t(worst_row[j])));
      if (column_wants) ++blocking;
    }
  }
  return blocking;
}

}  // namespace blendin::core
