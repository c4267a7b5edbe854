// top_k_for_everyone: every person's top k at once, each pair in reach looked
// at once and offered to both sides (docs/matching.md, "Everyone at once").
#include <blendin/core/geo.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/top_k.hpp>

#include "top_k_estimates.hpp"
#include "top_k_lists.hpp"
#include "top_k_query.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>

namespace blendin::core {

// One call of top_k_for_everyone: the filters as the loops use them, the pairs
// of areas in reach, and the bands of latitude the workers take.
struct MatchIndex::Everyone {
  // Every pair of a newcomer area and a local area in reach of the farthest
  // traveller among them.
  struct AreaPair {
    std::uint32_t a, b;
    double distance;
  };

  const MatchIndex& index;
  const std::size_t k;
  const MatchFilters& filters;
  const unsigned threads;
  const std::size_t n;
  const std::vector<Area>& newcomer_areas;
  const std::vector<Area>& local_areas;
  std::vector<std::uint32_t> id_rank;  // ids ranked, by position, so that ties never compare strings in the loop
  std::vector<char> excluded;          // by position
  std::uint64_t language = 0;          // the filter's language bit, which both must speak; 0: none
  BirthYears birth_years;
  bool age_filter = false, any_filter = false;
  std::vector<AreaPair> area_pairs;        // nearest first
  std::vector<std::uint8_t> part_of_area;  // the worker of each newcomer area

  Everyone(const MatchIndex& index, std::size_t k, const MatchFilters& filters, unsigned threads)
      : index(index),
        k(k),
        filters(filters),
        threads(worker_count(threads)),
        n(index.compact_.size()),
        newcomer_areas(index.areas_[role_slot(Role::newcomer)]),
        local_areas(index.areas_[role_slot(Role::local)]) {}

  static unsigned worker_count(unsigned threads) {
#ifdef __EMSCRIPTEN__
    threads = 1;  // no threads in the browser build
#endif
    return std::max(1u, std::min(threads, 8u));
  }

  // The filters as the loops read them; false when they reach nobody (as one
  // query a person: a NaN or negative distance, an unknown language).
  bool read_filters() {
    if (filters.max_distance_km && !(*filters.max_distance_km >= 0)) return false;
    if (filters.language) {
      const auto bit = language_index(*filters.language);
      if (!bit) return false;
      language = std::uint64_t(1) << *bit;
    }
    id_rank.assign(n, 0);
    for (std::uint32_t r = 0; r < index.by_id_.size(); ++r) id_rank[index.position_[index.by_id_[r]]] = r;
    excluded.assign(n, 0);
    for (const auto& id : filters.exclude_ids)
      if (auto found = index.find(id)) excluded[index.position_[*found]] = 1;
    // Ages are the candidates': a pair may go to one side's list and not to the other's.
    birth_years = birth_years_of(filters, index.pool_->reference_year);
    age_filter = filters.min_age || filters.max_age;
    any_filter = filters.pillar || filters.same_meeting_style || language;
    return true;
  }

  bool has_age(const Area& area) const {
    return area.birth_year_max >= birth_years.min && area.birth_year_min <= birth_years.max;
  }

  // The area pairs in reach, nearest first, so that the lists fill with good
  // candidates early and later offers mostly stop at one comparison.
  void find_area_pairs() {
    const double filter_radius = filters.max_distance_km.value_or(1e300);
    for (std::uint32_t a = 0; a < newcomer_areas.size(); ++a) {
      if ((newcomer_areas[a].languages.any() & language) != language) continue;
      Query reach;
      reach.person.lat = newcomer_areas[a].lat;
      reach.person.lon = newcomer_areas[a].lon;
      reach.person.languages = newcomer_areas[a].languages;
      reach.person.pillars = newcomer_areas[a].pillars;
      reach.candidate_slot = role_slot(Role::local);
      reach.radius_km = std::min(double(newcomer_areas[a].max_distance_km), filter_radius);
      reach.language = language;
      index.visit_admissible(reach, [&](std::uint32_t b, double distance) {
        if (has_age(newcomer_areas[a]) || has_age(local_areas[b])) area_pairs.push_back({a, b, distance});
      });
    }
    std::sort(area_pairs.begin(), area_pairs.end(), [](const AreaPair& x, const AreaPair& y) {
      if (x.distance != y.distance) return x.distance < y.distance;
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
  }

  // Worker `part` takes the newcomer areas of one band of latitude, the bands
  // cut so that each holds about the same number of pairs. Each worker has its
  // own buffers, merged at the end (a top k does not depend on the order of
  // offers, so neither does the result). A band keeps neighbours together: a
  // person's candidates mostly come to one worker, whose thresholds then rise
  // as fast as with one worker, and whose buffers touch only its band's pages.
  void cut_bands() {
    part_of_area.assign(newcomer_areas.size(), 0);
    if (threads <= 1 || area_pairs.empty()) return;
    std::vector<double> pairs_of_area(newcomer_areas.size(), 0.0);
    double all_pairs = 0;
    for (const AreaPair& area_pair : area_pairs) {
      const double pairs = double(newcomer_areas[area_pair.a].count) * double(local_areas[area_pair.b].count);  // at least 1
      pairs_of_area[area_pair.a] += pairs;
      all_pairs += pairs;
    }
    // Newcomer areas are in latitude order (the index sorts by role, then latitude).
    double so_far = 0;
    for (std::uint32_t a = 0; a < newcomer_areas.size(); ++a) {
      part_of_area[a] = std::uint8_t(std::min<double>(threads - 1, std::floor(so_far / all_pairs * threads)));
      so_far += pairs_of_area[a];
    }
  }

  // Calls visit(area_a, travellers_a, area_b, travellers_b, distance) for the
  // area pairs of worker `part`, with how many members of each area travel
  // this far: members are ordered by travel distance, farthest first, so those
  // are a prefix of each area.
  template <typename Visit>
  void for_each_area_pair(unsigned part, Visit&& visit) const {
    for (const AreaPair& area_pair : area_pairs) {
      if (part_of_area[area_pair.a] != part) continue;
      const double distance = area_pair.distance;
      auto travellers = [&](const Area& area) {  // a binary search: a profile is a cache line or two
        const auto members = index.compact_.begin() + area.first;
        return std::uint32_t(
            std::partition_point(members, members + area.count,
                                 [distance](const CompactProfile& c) { return double(c.max_distance_km) >= distance; }) -
            members);
      };
      const Area& area_a = newcomer_areas[area_pair.a];
      const Area& area_b = local_areas[area_pair.b];
      visit(area_a, travellers(area_a), area_b, travellers(area_b), distance);
    }
  }

  // The filters a pair must pass (besides the hard constraints) for either side.
  bool passes_filters(std::uint32_t pa, std::uint32_t pb) const {
    const CompactProfile& a = index.compact_[pa];
    const CompactProfile& b = index.compact_[pb];
    if (filters.pillar && !(a.pillars.contains(*filters.pillar) && b.pillars.contains(*filters.pillar))) return false;
    if (filters.same_meeting_style && !meeting_styles_compatible(a.meeting_style, b.meeting_style)) return false;
    return (common_languages(a.languages, b.languages) & language) == language;
  }

  // Whether the person at position p may be on the other's list (the age filter).
  bool of_age(std::uint32_t p) const { return !age_filter || birth_years.contains(index.compact_[p].birth_year); }

  // Every pair in reach scored exactly (weights the estimates cannot bound).
  void rank_exactly(std::vector<std::vector<Match>>& best) const {
    const ScoringModel& model = index.model_;
    const auto& compact = index.compact_;
    std::vector<std::unique_ptr<CandidateBuffers>> candidates(threads);
    run_parts(threads, true, [&](std::size_t t) {
      candidates[t] = std::make_unique<CandidateBuffers>(n, k, id_rank);
      CandidateBuffers& buffers = *candidates[t];
      for_each_area_pair(unsigned(t), [&](const Area& area_a, std::uint32_t travellers_a, const Area& area_b,
                                          std::uint32_t travellers_b, double distance) {
        const double distance_part = model.distance_part(distance);
        for (std::uint32_t pa = area_a.first; pa < area_a.first + travellers_a; ++pa)
          for (std::uint32_t pb = area_b.first; pb < area_b.first + travellers_b; ++pb) {
            if (excluded[pa] || excluded[pb] || model.violated_constraint(compact[pa], compact[pb], distance) ||
                !passes_filters(pa, pb))
              continue;
            const bool a_takes_b = of_age(pb), b_takes_a = of_age(pa);
            if (!a_takes_b && !b_takes_a) continue;
            const double score = model.combine(model.parts_at(compact[pa], compact[pb], distance_part));
            if (score < filters.min_score) continue;
            if (a_takes_b) buffers.offer(pa, pb, score);
            if (b_takes_a) buffers.offer(pb, pa, score);
          }
      });
    });
    // Each worker's buffers merged into the first's, and sorted, owner by
    // owner (owners split in ranges over the threads).
    run_parts(threads, true, [&](std::size_t t) {
      const auto first = std::uint32_t(n * t / threads), last = std::uint32_t(n * (t + 1) / threads);
      for (std::uint32_t p = first; p < last; ++p) {
        for (unsigned other = 1; other < threads; ++other) candidates[0]->absorb(p, *candidates[other]);
        best[index.members_[p]] = candidates[0]->sorted(p, index.members_);
      }
    });
  }

  // A float estimate of every pair; lists kept by estimate; exact scores at the end.
  void rank_by_estimate(const ScoreEstimates& estimates, std::vector<std::vector<Match>>& best) const {
    const ExactPairScore exact(index.model_, index.compact_);
    std::vector<std::unique_ptr<EstimateBuffers>> candidates(threads);
    run_parts(threads, true, [&](std::size_t t) {
      candidates[t] = std::make_unique<EstimateBuffers>(n, k, id_rank, exact);
      offer_estimates(unsigned(t), estimates, exact, *candidates[t]);
    });
    // Every worker's candidates of an owner together, scored exactly, owner by
    // owner (owners split in ranges over the threads).
    run_parts(threads, true, [&](std::size_t t) {
      const auto first = std::uint32_t(n * t / threads), last = std::uint32_t(n * (t + 1) / threads);
      EstimateBuffers::Scratch scratch;
      for (std::uint32_t p = first; p < last; ++p)
        best[index.members_[p]] = EstimateBuffers::best(p, candidates, index.members_, scratch);
    });
  }

  // Worker `part`'s pairs offered by estimate, each side's threshold first
  // passing over most of them (estimates.promising).
  void offer_estimates(unsigned part, const ScoreEstimates& estimates, const ExactPairScore& exact,
                       EstimateBuffers& buffers) const {
    std::vector<std::uint32_t> promising;
    std::vector<float> promising_estimates;
    for_each_area_pair(part, [&](const Area& area_a, std::uint32_t travellers_a, const Area& area_b, std::uint32_t travellers_b,
                                 double distance) {
      const float distance_part = float(index.model_.distance_part(distance));
      promising.resize(travellers_b);
      promising_estimates.resize(travellers_b);
      const float* thresholds = buffers.thresholds();
      for (std::uint32_t pa = area_a.first; pa < area_a.first + travellers_a; ++pa) {
        if (excluded[pa]) continue;
        const std::uint32_t kept = estimates.promising(index.compact_[pa], distance_part, thresholds[pa], thresholds,
                                                       area_b.first, travellers_b, promising.data(), promising_estimates.data());
        for (std::uint32_t i = 0; i < kept; ++i) {
          const std::uint32_t pb = area_b.first + promising[i];
          if (excluded[pb] || (any_filter && !passes_filters(pa, pb))) continue;
          const bool a_takes_b = of_age(pb), b_takes_a = of_age(pa);
          if (!a_takes_b && !b_takes_a) continue;
          const float estimate = promising_estimates[i];
          // A minimum score is checked exactly when the estimate cannot tell.
          if (filters.min_score > 0 && estimate < float(filters.min_score) + estimate_error &&
              (estimate < float(filters.min_score) - estimate_error || exact(pa, pb) < filters.min_score))
            continue;
          if (a_takes_b) buffers.offer(pa, pb, estimate);
          if (b_takes_a) buffers.offer(pb, pa, estimate);
        }
      }
    });
  }
};

std::vector<std::vector<Match>> MatchIndex::top_k_for_everyone(std::size_t k, const MatchFilters& filters,
                                                               unsigned threads) const {
  std::vector<std::vector<Match>> best(compact_.size());
  if (k == 0 || grid_rows_ == 0) return best;
  Everyone everyone(*this, k, filters, threads);
  if (!everyone.read_filters()) return best;
  everyone.find_area_pairs();
  everyone.cut_bands();
  const ScoreEstimates estimates(model_, compact_);
  if (estimates.usable())
    everyone.rank_by_estimate(estimates, best);
  else
    everyone.rank_exactly(best);
  return best;
}

}  // namespace blendin::core
