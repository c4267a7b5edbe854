// The vocabularies a pool is written in: interests (with their rarity weights),
// sectors and occupations. A pool carries its taxonomy, so any part of a pool
// (as the browser receives it) scores exactly as the whole does on the server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace blendin::core {

inline constexpr int max_interests = 128;
inline constexpr int max_sectors = 64;
inline constexpr int max_occupations = 32767;  // compact profiles hold an occupation in 16 bits

struct Taxonomy {
  std::vector<std::string> interests;    // at most max_interests, order = bit position
  std::vector<double> interest_rarity;   // one weight per interest, same order
  std::vector<std::string> sectors;      // at most max_sectors
  std::vector<std::string> occupations;  // occupation ids, at most max_occupations

  std::optional<int> interest_index(std::string_view id) const;
  std::optional<int> sector_index(std::string_view id) const;
  std::optional<int> occupation_index(std::string_view id) const;
};

// Rarity weight of an interest held by `count` of `pool_size` people:
// sqrt(pool_size / max(count, 1)), so that a shared rare interest says more
// than a shared common one. Only IEEE-exact operations: the same bits on every
// platform.
double rarity_weight(std::size_t count, std::size_t pool_size);

}  // namespace blendin::core
