// [SECTION] Building the index
// [SECTION] Queries: areas in reach and their bounds
// [SECTION] top_k
// [SECTION] Exclusion counts
#include <blendin/core/geo.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/validate.hpp>

#include "top_k_query.hpp"

#include <algorithm>
#include <cmath>

namespace blendin::core {

namespace {

// Bounds are compared with this margin, so rounding can never prune a candidate.
constexpr double bound_margin = 1e-9;

}  // namespace

bool ranks_before(const Match& a, const Match& b, const Pool& pool) {
  if (a.score != b.score) return a.score > b.score;
  return pool.profiles[a.index].id < pool.profiles[b.index].id;
}

// [SECTION] Building the index

MatchIndex::MatchIndex(const Pool& pool, ScoreWeights weights) : pool_(&pool), model_(pool.taxonomy, weights) {
  const auto& profiles = pool.profiles;
  // A large pool's work in two parts (on two threads natively): the compact
  // profiles in halves, then the grouping by area beside the order by id.
  const bool threaded = profiles.size() >= 4096;
  std::vector<CompactProfile> by_pool_order(profiles.size());
  const std::size_t half = profiles.size() / 2;
  run_parts(2, threaded, [&](std::size_t part) {
    for (std::size_t i = part == 0 ? 0 : half; i < (part == 0 ? half : profiles.size()); ++i)
      by_pool_order[i] = model_.compact(profiles[i]);
  });
  by_id_.resize(profiles.size());
  run_parts(2, threaded, [&](std::size_t part) {
    if (part == 0) {
      group_by_area(by_pool_order);
      return;
    }
    for (std::uint32_t i = 0; i < by_id_.size(); ++i) by_id_[i] = i;
    std::sort(by_id_.begin(), by_id_.end(), [&](std::uint32_t a, std::uint32_t b) { return profiles[a].id < profiles[b].id; });
  });
}

// Groups people by role and location: everyone in a postcode area shares its centre.
void MatchIndex::group_by_area(std::vector<CompactProfile>& by_pool_order) {
  std::vector<std::uint32_t> order(by_pool_order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto &ca = by_pool_order[a], &cb = by_pool_order[b];
    if (ca.role != cb.role) return ca.role < cb.role;
    if (ca.lat != cb.lat) return ca.lat < cb.lat;
    if (ca.lon != cb.lon) return ca.lon < cb.lon;
    // Within an area, the farthest travellers first: those who travel a given
    // distance are a prefix of the area (top_k_for_everyone reads only them).
    if (ca.max_distance_km != cb.max_distance_km) return ca.max_distance_km > cb.max_distance_km;
    return a < b;
  });
  members_ = std::move(order);
  position_.resize(members_.size());
  compact_.reserve(members_.size());
  for (std::uint32_t m = 0; m < members_.size(); ++m) {
    position_[members_[m]] = m;
    compact_.push_back(by_pool_order[members_[m]]);
  }
  by_pool_order = {};
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (std::uint32_t i = 0; i < members_.size();) {
    const auto& first = compact_[i];
    Area area;
    area.lat = first.lat;
    area.lon = first.lon;
    area.first = i;
    area.birth_year_min = first.birth_year;
    area.birth_year_max = first.birth_year;
    std::uint32_t j = i;
    for (; j < members_.size(); ++j) {
      const auto& c = compact_[j];
      if (c.role != first.role || c.lat != first.lat || c.lon != first.lon) break;
      area.interests[0] |= c.interests[0];
      area.interests[1] |= c.interests[1];
      area.languages |= c.languages;
      area.max_distance_km = std::max(area.max_distance_km, c.max_distance_km);
      area.birth_year_min = std::min(area.birth_year_min, c.birth_year);
      area.birth_year_max = std::max(area.birth_year_max, c.birth_year);
      area.pillars.bits |= c.pillars.bits;
      area.availability.bits |= c.availability.bits;
    }
    area.count = j - i;
    std::vector<ConversationLanguages> languages;
    for (std::uint32_t m = i; m < j; ++m) languages.push_back(compact_[m].languages);
    std::sort(languages.begin(), languages.end());
    area.first_language_group = std::uint32_t(language_groups_.size());
    for (std::size_t g = 0; g < languages.size(); ++g) {
      if (g == 0 || languages[g] != languages[g - 1]) language_groups_.push_back({languages[g], 0});
      ++language_groups_.back().count;
    }
    area.language_group_count = std::uint32_t(language_groups_.size()) - area.first_language_group;
    areas_[role_slot(first.role)].push_back(area);
    lat_min = std::min(lat_min, area.lat);
    lat_max = std::max(lat_max, area.lat);
    lon_min = std::min(lon_min, area.lon);
    lon_max = std::max(lon_max, area.lon);
    i = j;
  }

  // A grid over the areas' centres, per role.
  if (members_.empty()) return;
  grid_lat0_ = lat_min;
  grid_lon0_ = lon_min;
  grid_rows_ = int((lat_max - lat_min) / cell_lat_degrees) + 1;
  grid_cols_ = int((lon_max - lon_min) / cell_lon_degrees) + 1;
  for (int slot = 0; slot < 2; ++slot) {
    grid_cells_[slot].assign(std::size_t(grid_rows_) * std::size_t(grid_cols_), {});
    for (std::uint32_t a = 0; a < areas_[slot].size(); ++a) {
      const int row = int((areas_[slot][a].lat - grid_lat0_) / cell_lat_degrees);
      const int col = int((areas_[slot][a].lon - grid_lon0_) / cell_lon_degrees);
      grid_cells_[slot][std::size_t(row) * std::size_t(grid_cols_) + std::size_t(col)].push_back(a);
    }
  }
}

std::optional<std::size_t> MatchIndex::find(const std::string& id) const {
  const auto& profiles = pool_->profiles;
  auto found = std::lower_bound(by_id_.begin(), by_id_.end(), id,
                                [&](std::uint32_t index, const std::string& key) { return profiles[index].id < key; });
  if (found == by_id_.end() || profiles[*found].id != id) return std::nullopt;
  return *found;
}

// [SECTION] Queries: areas in reach and their bounds

struct AreaHit {
  std::uint32_t area;
  double distance_km;
  double bound;
};

MatchIndex::Query MatchIndex::make_query(const Profile& person, const MatchFilters& filters) const {
  Query query;
  query.person = model_.compact(person);
  query.candidate_slot = person.role == Role::newcomer ? role_slot(Role::local) : role_slot(Role::newcomer);
  query.radius_km = person.max_distance_km;
  // A filter tighter than the person's own maximum (NaN too: it then reaches nobody).
  if (filters.max_distance_km && !(*filters.max_distance_km >= query.radius_km)) query.radius_km = *filters.max_distance_km;
  query.filters = filters;
  if (auto self = find(person.id)) {
    query.self = std::uint32_t(*self);
    query.excluded.push_back(*query.self);
  }
  for (const auto& id : filters.exclude_ids)
    if (auto index = find(id)) query.excluded.push_back(std::uint32_t(*index));
  std::sort(query.excluded.begin(), query.excluded.end());
  query.birth_years = birth_years_of(filters, pool_->reference_year);
  if (filters.language) {
    // The pair must be able to talk in it: a code the core does not know, or
    // one the person cannot talk in with anyone, reaches nobody.
    const auto bit = language_index(*filters.language);
    query.language = bit ? std::uint64_t(1) << *bit : 0;
    query.reaches_nobody = (query.person.languages.any() & query.language) == 0;
  }
  return query;
}

double MatchIndex::area_upper_bound(const Query& query, const Area& area, double distance) const {
  // Each part at its best for anyone in the area; the score combines monotonically.
  const auto& person = query.person;
  const auto& weights = model_.weights();
  ScoreParts best;
  const std::array<std::uint64_t, 2> reachable{person.interests[0] & area.interests[0], person.interests[1] & area.interests[1]};
  const double shared = model_.rarity_sum(reachable);
  best.interests = ScoringModel::interest_part(shared, person.interest_weight_sum, shared);
  // The area's birth years within the filter's (visit_admissible skips areas without any).
  const int youngest = std::min<int>(area.birth_year_max, query.birth_years.max);
  const int oldest = std::max<int>(area.birth_year_min, query.birth_years.min);
  const int gap = std::max({0, oldest - person.birth_year, person.birth_year - youngest});
  best.age = std::max(0.0, 1.0 - double(gap) / weights.age_span_years);
  best.distance = model_.distance_part(distance);
  best.availability = person.availability.intersect(area.availability).empty() ? 0.0 : 1.0;
  best.field = person.field >= 0 ? 1.0 : 0.0;
  double bound = model_.combine(best);
  if (person.pillars.contains(Pillar::work) && area.pillars.contains(Pillar::work)) {
    best.work_applies = true;
    best.work = 1.0;
    bound = std::max(bound, model_.combine(best));
  }
  return bound;
}

namespace {

// The filters, apart from min_score, for a candidate who meets the hard
// constraints. Distances are compared so that a NaN radius reaches nobody.
template <typename Query>
bool passes_filters(const Query& query, const CompactProfile& candidate, std::uint32_t index, double distance) {
  const auto& filters = query.filters;
  if (query.reaches_nobody || !(distance <= query.radius_km)) return false;
  if (filters.pillar && !(candidate.pillars.contains(*filters.pillar) && query.person.pillars.contains(*filters.pillar)))
    return false;
  if (filters.same_meeting_style && !meeting_styles_compatible(query.person.meeting_style, candidate.meeting_style)) return false;
  if (!query.birth_years.contains(candidate.birth_year)) return false;
  if ((common_languages(query.person.languages, candidate.languages) & query.language) != query.language) return false;
  return !std::binary_search(query.excluded.begin(), query.excluded.end(), index);
}

// Everything a candidate must pass: the hard constraints, the filters, the minimum score.
template <typename Query>
std::optional<double> candidate_score(const ScoringModel& model, const Query& query, const CompactProfile& candidate,
                                      std::uint32_t index, double distance) {
  if (model.violated_constraint(query.person, candidate, distance)) return std::nullopt;
  if (!passes_filters(query, candidate, index, distance)) return std::nullopt;
  const double score = model.score(query.person, candidate, distance);
  if (score < query.filters.min_score) return std::nullopt;
  return score;
}

// Keeps the k best seen so far; the worst sits on top of the heap.
class BestK {
 public:
  BestK(std::size_t k, const Pool& pool) : k_(k), pool_(pool) {}
  bool full() const { return heap_.size() >= k_; }
  double worst_score() const { return heap_.front().score; }
  void offer(Match match) {
    auto worse = [this](const Match& a, const Match& b) { return ranks_before(a, b, pool_); };
    if (heap_.size() < k_) {
      heap_.push_back(match);
      std::push_heap(heap_.begin(), heap_.end(), worse);
    } else if (k_ > 0 && ranks_before(match, heap_.front(), pool_)) {
      std::pop_heap(heap_.begin(), heap_.end(), worse);
      heap_.back() = match;
      std::push_heap(heap_.begin(), heap_.end(), worse);
    }
  }
  std::vector<Match> sorted() && {
    std::sort(heap_.begin(), heap_.end(), [this](const Match& a, const Match& b) { return ranks_before(a, b, pool_); });
    return std::move(heap_);
  }

 private:
  std::size_t k_;
  const Pool& pool_;
  std::vector<Match> heap_;
};

}  // namespace

// [SECTION] top_k

std::vector<Match> MatchIndex::top_k(const Profile& person, std::size_t k, const MatchFilters& filters) const {
  if (k == 0) return {};
  const Query query = make_query(person, filters);
  std::vector<AreaHit> hits;
  visit_admissible(query, [&](std::uint32_t a, double distance) {
    hits.push_back({a, distance, area_upper_bound(query, areas_[query.candidate_slot][a], distance)});
  });
  std::sort(hits.begin(), hits.end(),
            [](const AreaHit& x, const AreaHit& y) { return x.bound != y.bound ? x.bound > y.bound : x.area < y.area; });
  BestK best(k, *pool_);
  for (const auto& hit : hits) {
    if (best.full() && hit.bound + bound_margin < best.worst_score()) break;  // no one further can enter
    const Area& area = areas_[query.candidate_slot][hit.area];
    for (std::uint32_t m = area.first; m < area.first + area.count; ++m) {
      const std::uint32_t index = members_[m];
      if (auto score = candidate_score(model_, query, compact_[m], index, hit.distance_km)) best.offer({index, *score});
    }
  }
  return std::move(best).sorted();
}

std::vector<Match> MatchIndex::admissible_candidates(std::size_t index) const {
  const Query query = make_query(pool_->profiles[index], {});
  std::vector<Match> found;
  visit_admissible(query, [&](std::uint32_t a, double distance) {
    const Area& area = areas_[query.candidate_slot][a];
    for (std::uint32_t m = area.first; m < area.first + area.count; ++m) {
      const std::uint32_t candidate = members_[m];
      if (auto score = candidate_score(model_, query, compact_[m], candidate, distance)) found.push_back({candidate, *score});
    }
  });
  std::sort(found.begin(), found.end(), [](const Match& x, const Match& y) { return x.index < y.index; });
  return found;
}

// [SECTION] Exclusion counts

MatchIndex::Exclusions MatchIndex::count_exclusions(const Profile& profile, const MatchFilters& filters) const {
  Exclusions counts;
  const Query query = make_query(profile, filters);
  const CompactProfile& person = query.person;
  const std::size_t own_slot = std::size_t(1 - query.candidate_slot);
  for (const Area& area : areas_[own_slot]) counts.by_constraint[std::size_t(Constraint::role)] += area.count;
  const bool self_of_own_role = query.self && compact(*query.self).role == person.role;
  counts.by_constraint[std::size_t(Constraint::role)] -= self_of_own_role;
  for (const Area& area : areas_[query.candidate_slot]) {
    const double distance = distance_km(person.lat, person.lon, area.lat, area.lon);  // once an area
    if (distance > double(person.max_distance_km) || distance > double(area.max_distance_km)) {
      // Out of reach: whoever shares no language is excluded by language (it
      // comes first), everyone else by distance.
      for (std::uint32_t g = area.first_language_group; g < area.first_language_group + area.language_group_count; ++g) {
        const LanguageGroup& group = language_groups_[g];
        const auto broken =
            common_languages(group.languages, person.languages) == 0 ? Constraint::language : Constraint::distance;
        counts.by_constraint[std::size_t(broken)] += group.count;
      }
      if (query.self && position_[*query.self] - area.first < area.count) {  // the person (a visitor with a member's id)
        const bool shares = common_languages(compact(*query.self).languages, person.languages) != 0;
        --counts.by_constraint[std::size_t(shares ? Constraint::distance : Constraint::language)];
      }
      continue;
    }
    for (std::uint32_t m = area.first; m < area.first + area.count; ++m) {
      const CompactProfile& other = compact_[m];
      const std::uint32_t index = members_[m];
      if (index == query.self) continue;  // the person (a visitor with a member's id): no candidate
      if (auto broken = model_.violated_constraint(person, other, distance))
        ++counts.by_constraint[std::size_t(*broken)];
      else if (!passes_filters(query, other, index, distance) ||
               (filters.min_score > 0 && model_.score(person, other, distance) < filters.min_score))
        ++counts.by_filters;
      else
        ++counts.admissible;
    }
  }
  counts.candidates = pool_->profiles.size() - (query.self ? 1 : 0);
  return counts;
}

// [SECTION] What would change an answer

std::vector<MatchIndex::WhatIf> MatchIndex::what_if(const Profile& person, const MatchFilters& filters) const {
  std::vector<WhatIf> found;
  auto count = [&](Change change, const Profile& changed, double max_distance_km = 0) {
    found.push_back({change, count_exclusions(changed, filters).admissible, max_distance_km});
  };
  const auto has_level = [&](auto&& test) {
    return std::any_of(person.languages.begin(), person.languages.end(), [&](const LanguageSkill& s) { return test(s.level); });
  };
  if (person.role == Role::local && !person.welcomes_beginners &&
      has_level([](LanguageLevel level) { return level >= fluent_language_level; })) {
    Profile changed = person;
    changed.welcomes_beginners = true;
    count(Change::welcome_beginners, changed);
  }
  if (person.role == Role::newcomer && has_level([](LanguageLevel level) { return level < usable_language_level; })) {
    Profile changed = person;
    for (auto& skill : changed.languages) skill.level = std::max(skill.level, usable_language_level);
    count(Change::speak_at_a2, changed);
  }
  if (person.max_distance_km < max_distance_km_limit) {
    Profile changed = person;
    changed.max_distance_km = std::min(2 * person.max_distance_km, max_distance_km_limit);
    count(Change::travel_farther, changed, changed.max_distance_km);
  }
  const PillarSet all{std::uint8_t((1u << pillar_count) - 1)};
  if (person.pillars != all) {
    Profile changed = person;
    changed.pillars = all;
    count(Change::every_pillar, changed);
  }
  return found;
}

}  // namespace blendin::core
