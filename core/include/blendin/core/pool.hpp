// A matching pool: profiles plus what they are scored with (taxonomy and the
// interest rarity weights computed over the whole pool).
#pragma once

#include <vector>

#include <blendin/core/profile.hpp>
#include <blendin/core/taxonomy.hpp>

namespace blendin::core {

struct Pool {
  int reference_year = 2026;  // ages are counted in this year
  Taxonomy taxonomy;
  std::vector<Profile> profiles;
};

// Counts every interest over the whole pool and sets taxonomy.interest_rarity.
// A part of a pool (what the browser receives) keeps the whole pool's weights.
void compute_interest_rarity(Pool& pool);

}  // namespace blendin::core
