// Checks that a profile is possible before it is scored: every problem names
// the profile and the field, so a coordinator or an API client knows what to fix.
//
// [SECTION] Ranges
// [SECTION] Problems
// [SECTION] Score weights
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <blendin/core/pool.hpp>
#include <blendin/core/problem.hpp>
#include <blendin/core/score.hpp>

namespace blendin::core {

// [SECTION] Ranges

// A closed range of whole numbers.
struct WholeRange {
  int min = 0, max = 0;
  constexpr bool contains(long long value) const { return value >= min && value <= max; }
};

// Every whole number of a pool, stated once: the wire readers refuse a number
// outside its range before it is narrowed to an int, and validation checks
// profiles made in code against the same ranges (docs/wire-format.md).
inline constexpr WholeRange reference_year_range{2000, 2100};
inline constexpr WholeRange age_range{16, 110};  // in the reference year
// Every birth year that gives an age in range in some reference year in
// range: ages and age gaps can then never overflow.
inline constexpr WholeRange birth_year_range{reference_year_range.min - age_range.max, reference_year_range.max - age_range.min};
inline constexpr WholeRange capacity_range{1, 3};
inline constexpr WholeRange waiting_days_range{0, 3650};  // ten years
// The farthest anyone may travel to meet, in km: a profile's max_distance_km
// (more than 0, at most this) and a query's distance filter (0 to this).
inline constexpr double max_distance_km_limit = 300;

// The score's weights (ScoreWeights): each part's weight from 0 to this, not
// all six 0; an age span from 1 to 110 years and a distance at which the
// distance part is 0.5 from 0.1 to 300 km. Weights are relative (the score
// divides by their sum), so the limit takes nothing away.
inline constexpr double score_weight_limit = 1000;
inline constexpr double age_span_years_min = 1, age_span_years_max = age_range.max;
inline constexpr double distance_half_km_min = 0.1, distance_half_km_max = max_distance_km_limit;

// How many answers a query asks for (top_k's k, suggest_events' k), for the
// command line and the wire requests alike, and how many when it does not say.
inline constexpr WholeRange answers_range{0, 1000};
inline constexpr int default_matches = 10;
inline constexpr int default_event_suggestions = 5;

// "expected a whole number from 1 to 3"
std::string expected_whole_number(WholeRange range);

// "unknown language code "xx": expected an ISO 639 code such as nl, ar, ti, prs"
std::string unknown_language_code(std::string_view code);

// [SECTION] Problems (each a Problem, problem.hpp)

// Problems of one profile against a taxonomy; empty when it is valid.
std::vector<Problem> validate_profile(const Profile& profile, const Taxonomy& taxonomy, int reference_year);

// Problems of every profile, plus duplicate ids, an inconsistent taxonomy and
// a reference year out of range.
std::vector<Problem> validate_pool(const Pool& pool);

// [SECTION] Score weights

// Problems of a set of weights against the ranges above (NaN and infinities
// are out of every range), named "(weights)" and the field: the one check,
// made by every ScoringModel before it takes them.
std::vector<Problem> validate_weights(const ScoreWeights& weights);

}  // namespace blendin::core
