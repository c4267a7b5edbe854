// top_k's answer by scoring every profile of the pool, through the model's
// public rules and the filters as top_k.hpp states them: the reference that
// the index's pruning must equal, for the tests, the fuzzer and the top-k
// benchmark (its speed-up is against this scan).
#pragma once

#include <blendin/core/top_k.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace blendin::test {

inline std::vector<core::Match> brute_force_top_k(const core::MatchIndex& index, const core::Profile& person, std::size_t k,
                                                  const core::MatchFilters& filters = {}) {
  using namespace blendin::core;
  if (k == 0) return {};
  const Pool& pool = index.pool();
  const ScoringModel& model = index.model();
  const CompactProfile me = model.compact(person);
  // A filter tighter than the person's own maximum distance (NaN reaches nobody).
  double radius = person.max_distance_km;
  if (filters.max_distance_km && !(*filters.max_distance_km >= radius)) radius = *filters.max_distance_km;
  // The language filter: a code the core does not know, or one the person
  // cannot talk in with anyone, reaches nobody.
  std::uint64_t language = 0;
  if (filters.language) {
    const auto bit = language_index(*filters.language);
    language = bit ? std::uint64_t(1) << *bit : 0;
    if ((me.languages.any() & language) == 0) return {};
  }
  const long long year = pool.reference_year;
  std::vector<Match> found;
  for (std::size_t q = 0; q < pool.profiles.size(); ++q) {
    const Profile& other = pool.profiles[q];
    if (other.id == person.id) continue;  // never themself
    if (std::find(filters.exclude_ids.begin(), filters.exclude_ids.end(), other.id) != filters.exclude_ids.end()) continue;
    const CompactProfile& candidate = index.compact(q);
    const double distance = distance_km(me, candidate);
    if (model.violated_constraint(me, candidate, distance)) continue;
    if (!(distance <= radius)) continue;
    if (filters.pillar && !(candidate.pillars.contains(*filters.pillar) && me.pillars.contains(*filters.pillar))) continue;
    if (filters.same_meeting_style && !meeting_styles_compatible(me.meeting_style, candidate.meeting_style)) continue;
    if (filters.max_age && candidate.birth_year < year - *filters.max_age) continue;
    if (filters.min_age && candidate.birth_year > year - *filters.min_age) continue;
    if ((common_languages(me.languages, candidate.languages) & language) != language) continue;
    const double score = model.score(me, candidate, distance);
    if (score < filters.min_score) continue;
    found.push_back({q, score});
  }
  std::sort(found.begin(), found.end(), [&](const Match& a, const Match& b) { return ranks_before(a, b, pool); });
  if (found.size() > k) found.resize(k);
  return found;
}

}  // namespace blendin::test
