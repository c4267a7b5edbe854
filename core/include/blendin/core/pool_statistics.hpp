// Counts for the coordinators' tab of the explorer: who is in a pool, what
// they want and speak, where they live, and how long they have waited. A pool
// holds postcode areas, not the names of places: the explorer names them.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <blendin/core/pool.hpp>

namespace blendin::core {

// Bands of waiting time, by their first day: [0, 7), [7, 30), [30, 90),
// [90, 180), [180, 365) and a year or more.
inline constexpr std::array<int, 6> waiting_band_first_days{0, 7, 30, 90, 180, 365};

struct RoleStatistics {
  std::size_t people = 0;
  std::size_t places = 0;                                                // the sum of their capacities: the matches they want
  std::array<std::size_t, pillar_count> by_pillar{};                     // how many want each pillar
  std::vector<std::size_t> by_language;                                  // speak each of known_languages() at A2 or better
  std::size_t welcoming_beginners = 0;                                   // locals: welcome beginners (language practice)
  std::size_t beginners = 0;                                             // newcomers: speak some language only at A1
  std::array<std::size_t, waiting_band_first_days.size()> by_waiting{};  // in each band of waiting time
  int median_waiting_days = 0;                                           // the lower median; 0 for nobody
  int longest_waiting_days = 0;
};

struct AreaStatistics {
  std::string postcode_area;
  std::array<std::size_t, 2> people{};  // newcomers, locals
};

struct PoolStatistics {
  std::array<RoleStatistics, 2> by_role;  // newcomers, locals
  std::vector<AreaStatistics> by_area;    // every postcode area with someone in it, in the order of their text
};

PoolStatistics pool_statistics(const Pool& pool);

}  // namespace blendin::core
