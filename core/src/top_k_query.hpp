// What the index's queries share (top_k.cpp, top_k_everyone.cpp): the grid,
// the query of one person, and the visit of the areas in its reach. Not part
// of the core's interface.
#pragma once

#include <blendin/core/geo.hpp>
#include <blendin/core/top_k.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace blendin::core {

inline constexpr double cell_lat_degrees = 0.10;  // about 11 km
inline constexpr double cell_lon_degrees = 0.15;  // about 10 km at 52 degrees north
inline constexpr double km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;

inline int role_slot(Role role) { return role == Role::newcomer ? 0 : 1; }

// The birth years (both included) that a filter's ages give in `reference_year`.
struct BirthYears {
  int min = std::numeric_limits<int>::min(), max = std::numeric_limits<int>::max();
  bool contains(int year) const { return year >= min && year <= max; }
};
inline BirthYears birth_years_of(const MatchFilters& filters, int reference_year) {
  // Counted wide and clamped: filters made in code may hold any int.
  const auto clamp = [](long long year) {
    return int(std::clamp<long long>(year, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
  };
  BirthYears years;
  if (filters.max_age) years.min = clamp(static_cast<long long>(reference_year) - *filters.max_age);
  if (filters.min_age) years.max = clamp(static_cast<long long>(reference_year) - *filters.min_age);
  return years;
}

struct MatchIndex::Query {
  CompactProfile person;
  int candidate_slot = 0;
  double radius_km = 0;
  MatchFilters filters;
  std::vector<std::uint32_t> excluded;  // sorted pool indices: the person, filters.exclude_ids
  std::optional<std::uint32_t> self;    // the person's pool index, when the person is in the pool
  BirthYears birth_years;               // of candidates, from the age filter
  std::uint64_t language = 0;           // the filter's language bit, which both must speak; 0: none
  bool reaches_nobody = false;          // a language filter the person cannot meet
};

template <typename Visit>
void MatchIndex::visit_admissible(const Query& query, Visit&& visit) const {
  // Visit grid cells that can hold someone within the radius, then the areas in them.
  const double radius = query.radius_km;
  if (grid_rows_ == 0 || !(radius >= 0) || query.reaches_nobody) return;  // a negative or NaN filter reaches nobody
  const auto& person = query.person;
  const double dlat = radius / km_per_degree;
  const double far_lat = std::min(89.0, std::abs(person.lat) + dlat);
  const double dlon = dlat / portable_cos(far_lat * 3.14159265358979323846 / 180.0);
  const int row_lo = std::max(0, int(std::floor((person.lat - dlat - grid_lat0_) / cell_lat_degrees)));
  const int row_hi = std::min(grid_rows_ - 1, int(std::floor((person.lat + dlat - grid_lat0_) / cell_lat_degrees)));
  const int col_lo = std::max(0, int(std::floor((person.lon - dlon - grid_lon0_) / cell_lon_degrees)));
  const int col_hi = std::min(grid_cols_ - 1, int(std::floor((person.lon + dlon - grid_lon0_) / cell_lon_degrees)));
  const auto& areas = areas_[query.candidate_slot];
  const auto& cells = grid_cells_[query.candidate_slot];
  for (int row = row_lo; row <= row_hi; ++row)
    for (int col = col_lo; col <= col_hi; ++col)
      for (std::uint32_t a : cells[std::size_t(row) * std::size_t(grid_cols_) + std::size_t(col)]) {
        const Area& area = areas[a];
        const std::uint64_t common = common_languages(area.languages, person.languages);
        if (common == 0) continue;
        if (person.pillars.intersect(area.pillars).empty()) continue;
        if ((common & query.language) != query.language) continue;
        if (area.birth_year_max < query.birth_years.min || area.birth_year_min > query.birth_years.max) continue;
        const double distance = distance_km(person.lat, person.lon, area.lat, area.lon);
        if (distance > radius || distance > double(area.max_distance_km)) continue;
        visit(a, distance);
      }
}

}  // namespace blendin::core
