// The dense assignment solver on a weight matrix: every row to a distinct
// column, the sum of weights maximised. The product pairs people on a sparse
// candidate graph (core/assign.hpp); this solver serves the dense benchmark,
// which compares exact assignment with scipy's linear_sum_assignment on the
// same n x n sizes, and is checked by dense_solver_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace blendin::bench {

struct DenseAssignment {
  std::vector<std::int32_t> column_of_row;
  std::vector<std::int64_t> row_potential, column_potential;  // cost = -weight: cost - u - v >= 0, 0 on the pairs
  std::int64_t total = 0;
};

// Every row assigned to a distinct column (rows <= columns), maximising the sum
// of weights (row-major, rows * columns, each within +-2^40). Shortest
// augmenting paths on the dense matrix (Jonker-Volgenant / Crouse), after a
// column reduction when square. Throws std::invalid_argument for a bad shape.
DenseAssignment solve_dense_max_weight(std::span<const std::int64_t> weights, std::size_t rows, std::size_t columns);

}  // namespace blendin::bench
