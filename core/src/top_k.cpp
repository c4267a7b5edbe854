// [SECTION] Building the index
// [SECTION] Queries: areas in reach and their bounds
// [SECTION] top_k and the brute-force reference
// [SECTION] Exclusion counts
// [SECTION] top_k for everyone
#include <blendin/core/geo.hpp>
#include <blendin/core/top_k.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

namespace blendin::core {

namespace {

constexpr double cell_lat_degrees = 0.10;  // about 11 km
constexpr double cell_lon_degrees = 0.15;  // about 10 km at 52 degrees north
constexpr double km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;
// Bounds are compared with this margin, so rounding can never prune a candidate.
constexpr double bound_margin = 1e-9;

int role_slot(Role role) { return role == Role::newcomer ? 0 : 1; }

}  // namespace

bool ranks_before(const Match& a, const Match& b, const Pool& pool) {
  if (a.score != b.score) return a.score > b.score;
  return pool.profiles[a.index].id < pool.profiles[b.index].id;
}

// [SECTION] Building the index

MatchIndex::MatchIndex(const Pool& pool, ScoreWeights weights) : pool_(&pool), model_(pool.taxonomy, weights) {
  const auto& profiles = pool.profiles;
  std::vector<CompactProfile> by_pool_order;
  by_pool_order.reserve(profiles.size());
  for (const auto& profile : profiles) by_pool_order.push_back(model_.compact(profile));

  // Group people by role and location: everyone in a postcode area shares its centre.
  std::vector<std::uint32_t> order(profiles.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto &ca = by_pool_order[a], &cb = by_pool_order[b];
    if (ca.role != cb.role) return ca.role < cb.role;
    if (ca.lat != cb.lat) return ca.lat < cb.lat;
    if (ca.lon != cb.lon) return ca.lon < cb.lon;
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
      area.usable_languages |= c.usable_languages;
      area.max_distance_km = std::max(area.max_distance_km, c.max_distance_km);
      area.birth_year_min = std::min(area.birth_year_min, c.birth_year);
      area.birth_year_max = std::max(area.birth_year_max, c.birth_year);
      area.pillars.bits |= c.pillars.bits;
      area.availability.bits |= c.availability.bits;
    }
    area.count = j - i;
    std::vector<std::uint64_t> languages;
    for (std::uint32_t m = i; m < j; ++m) languages.push_back(compact_[m].usable_languages);
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

  by_id_.resize(profiles.size());
  for (std::uint32_t i = 0; i < by_id_.size(); ++i) by_id_[i] = i;
  std::sort(by_id_.begin(), by_id_.end(), [&](std::uint32_t a, std::uint32_t b) { return profiles[a].id < profiles[b].id; });
}

std::optional<std::size_t> MatchIndex::find(const std::string& id) const {
  const auto& profiles = pool_->profiles;
  auto found = std::lower_bound(by_id_.begin(), by_id_.end(), id,
                                [&](std::uint32_t index, const std::string& key) { return profiles[index].id < key; });
  if (found == by_id_.end() || profiles[*found].id != id) return std::nullopt;
  return *found;
}

std::size_t MatchIndex::memory_bytes() const {
  std::size_t bytes = sizeof(*this) + compact_.capacity() * sizeof(CompactProfile) +
                      language_groups_.capacity() * sizeof(LanguageGroup) +
                      (members_.capacity() + position_.capacity() + by_id_.capacity()) * sizeof(std::uint32_t);
  for (int slot = 0; slot < 2; ++slot) {
    bytes += areas_[slot].capacity() * sizeof(Area);
    for (const auto& cell : grid_cells_[slot])
      bytes += sizeof(cell) + cell.capacity() * sizeof(std::uint32_t);
  }
  return bytes;
}

// [SECTION] Queries: areas in reach and their bounds

struct MatchIndex::Query {
  CompactProfile person;
  int candidate_slot = 0;
  double radius_km = 0;
  MatchFilters filters;
  std::vector<std::uint32_t> excluded;  // sorted pool indices: the person, filters.exclude_ids
};

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
  if (filters.max_distance_km) query.radius_km = std::min(query.radius_km, *filters.max_distance_km);
  query.filters = filters;
  if (auto self = find(person.id)) query.excluded.push_back(std::uint32_t(*self));
  for (const auto& id : filters.exclude_ids)
    if (auto index = find(id)) query.excluded.push_back(std::uint32_t(*index));
  std::sort(query.excluded.begin(), query.excluded.end());
  return query;
}

double MatchIndex::area_upper_bound(const Query& query, const Area& area, double distance) const {
  // Each part at its best for anyone in the area; the score combines monotonically.
  const auto& person = query.person;
  const auto& weights = model_.weights();
  ScoreParts best;
  const std::array<std::uint64_t, 2> reachable{person.interests[0] & area.interests[0],
                                               person.interests[1] & area.interests[1]};
  const double shared = model_.rarity_sum(reachable);
  best.interests = ScoringModel::interest_part(shared, person.interest_weight_sum, shared);
  const int gap = std::max({0, area.birth_year_min - person.birth_year, person.birth_year - area.birth_year_max});
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

template <typename Visit>
void MatchIndex::visit_admissible(const Query& query, Visit&& visit) const {
  // Visit grid cells that can hold someone within the radius, then the areas in them.
  if (grid_rows_ == 0) return;
  const auto& person = query.person;
  const double radius = query.radius_km;
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
        if ((area.usable_languages & person.usable_languages) == 0) continue;
        if (person.pillars.intersect(area.pillars).empty()) continue;
        const double distance = distance_km(person.lat, person.lon, area.lat, area.lon);
        if (distance > radius || distance > double(area.max_distance_km)) continue;
        visit(a, distance);
      }
}

namespace {

// Everything a candidate must pass beyond the hard constraints.
template <typename Query>
std::optional<double> candidate_score(const ScoringModel& model, const Query& query, const CompactProfile& candidate,
                                      std::uint32_t index, double distance) {
  const auto& filters = query.filters;
  if (model.violated_constraint(query.person, candidate, distance)) return std::nullopt;
  if (distance > query.radius_km) return std::nullopt;
  if (filters.pillar && !(candidate.pillars.contains(*filters.pillar) && query.person.pillars.contains(*filters.pillar)))
    return std::nullopt;
  if (filters.same_meeting_style && !meeting_styles_compatible(query.person.meeting_style, candidate.meeting_style))
    return std::nullopt;
  if (std::binary_search(query.excluded.begin(), query.excluded.end(), index)) return std::nullopt;
  const double score = model.score(query.person, candidate, distance);
  if (score < filters.min_score) return std::nullopt;
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

// [SECTION] top_k and the brute-force reference

std::vector<Match> MatchIndex::top_k(const Profile& person, std::size_t k, const MatchFilters& filters) const {
  if (k == 0) return {};
  const Query query = make_query(person, filters);
  std::vector<AreaHit> hits;
  visit_admissible(query, [&](std::uint32_t a, double distance) {
    hits.push_back({a, distance, area_upper_bound(query, areas_[query.candidate_slot][a], distance)});
  });
  std::sort(hits.begin(), hits.end(), [](const AreaHit& x, const AreaHit& y) {
    return x.bound != y.bound ? x.bound > y.bound : x.area < y.area;
  });
  BestK best(k, *pool_);
  for (const auto& hit : hits) {
    if (best.full() && hit.bound + bound_margin < best.worst_score()) break;  // no one further can enter
    const Area& area = areas_[query.candidate_slot][hit.area];
    for (std::uint32_t m = area.first; m < area.first + area.count; ++m) {
      const std::uint32_t index = members_[m];
      if (auto score = candidate_score(model_, query, compact_[m], index, hit.distance_km))
        best.offer({index, *score});
    }
  }
  return std::move(best).sorted();
}

std::vector<Match> MatchIndex::brute_force_top_k(const Profile& person, std::size_t k,
                                                 const MatchFilters& filters) const {
  if (k == 0) return {};
  const Query query = make_query(person, filters);
  BestK best(k, *pool_);
  for (std::uint32_t index = 0; index < compact_.size(); ++index) {
    const CompactProfile& candidate = compact(index);
    const double distance = distance_km(query.person, candidate);
    if (auto score = candidate_score(model_, query, candidate, index, distance)) best.offer({index, *score});
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
      if (auto score = candidate_score(model_, query, compact_[m], candidate, distance))
        found.push_back({candidate, *score});
    }
  });
  std::sort(found.begin(), found.end(), [](const Match& x, const Match& y) { return x.index < y.index; });
  return found;
}

// [SECTION] Exclusion counts

MatchIndex::Exclusions MatchIndex::count_exclusions(std::size_t index, const MatchFilters& filters) const {
  Exclusions counts;
  const CompactProfile& person = compact(index);
  const int slot = person.role == Role::newcomer ? role_slot(Role::local) : role_slot(Role::newcomer);
  for (const Area& area : areas_[slot]) {
    const double distance = distance_km(person.lat, person.lon, area.lat, area.lon);  // once an area
    if (distance > double(person.max_distance_km) || distance > double(area.max_distance_km)) {
      // Out of reach: whoever shares no language is excluded by language (it
      // comes first), everyone else by distance.
      for (std::uint32_t g = area.first_language_group; g < area.first_language_group + area.language_group_count; ++g) {
        const LanguageGroup& group = language_groups_[g];
        const auto broken = (group.usable_languages & person.usable_languages) == 0 ? Constraint::language : Constraint::distance;
        counts.by_constraint[std::size_t(broken)] += group.count;
      }
      continue;
    }
    for (std::uint32_t m = area.first; m < area.first + area.count; ++m) {
      const CompactProfile& other = compact_[m];
      if (auto broken = model_.violated_constraint(person, other, distance)) {
        ++counts.by_constraint[std::size_t(*broken)];
      } else if ((filters.pillar && !(person.pillars.contains(*filters.pillar) && other.pillars.contains(*filters.pillar))) ||
                 (filters.max_distance_km && distance > *filters.max_distance_km) ||
                 (filters.same_meeting_style && !meeting_styles_compatible(person.meeting_style, other.meeting_style))) {
        ++counts.by_filters;
      } else {
        ++counts.admissible;
      }
    }
  }
  return counts;
}

// [SECTION] top_k for everyone

namespace {

// One bounded heap a person, side by side in position order, ranked as
// ranks_before does but with ids compared through their rank. `worst` lets
// most offers stop at one comparison.
class HeapsByPosition {
 public:
  HeapsByPosition(std::size_t people, std::size_t k, const std::vector<std::uint32_t>& id_rank)
      : k_(k), rank_(&id_rank), storage_(people * k), size_(people, 0), worst_(people, -1.0) {}

  bool before(const Match& a, const Match& b) const {
    return a.score != b.score ? a.score > b.score : (*rank_)[a.index] < (*rank_)[b.index];
  }

  // Whether a match of this score could enter the owner's list: the cheap
  // check in the loop, so that offer() runs only for the few that might.
  bool wants(std::uint32_t owner, double score) const { return score >= worst_[owner]; }

  void offer(std::uint32_t owner, Match match) {
    if (!wants(owner, match.score)) return;
    auto order = [this](const Match& a, const Match& b) { return before(a, b); };
    Match* heap = storage_.data() + std::size_t(owner) * k_;
    std::uint32_t& size = size_[owner];
    if (size < k_) {
      heap[size++] = match;
      std::push_heap(heap, heap + size, order);
    } else if (before(match, heap[0])) {
      std::pop_heap(heap, heap + size, order);
      heap[size - 1] = match;
      std::push_heap(heap, heap + size, order);
    } else {
      return;
    }
    if (size == k_) worst_[owner] = heap[0].score;
  }

  void absorb(const HeapsByPosition& other) {
    for (std::uint32_t owner = 0; owner < size_.size(); ++owner)
      for (std::uint32_t i = 0; i < other.size_[owner]; ++i) offer(owner, other.storage_[std::size_t(owner) * k_ + i]);
  }

  // The owner's list, best first, with positions turned into pool indices.
  std::vector<Match> sorted(std::uint32_t owner, const std::vector<std::uint32_t>& pool_index) {
    Match* heap = storage_.data() + std::size_t(owner) * k_;
    std::sort(heap, heap + size_[owner], [this](const Match& a, const Match& b) { return before(a, b); });
    std::vector<Match> list(size_[owner]);
    for (std::uint32_t i = 0; i < size_[owner]; ++i) list[i] = {pool_index[heap[i].index], heap[i].score};
    return list;
  }

 private:
  std::size_t k_;
  const std::vector<std::uint32_t>* rank_;
  std::vector<Match> storage_;  // Match::index holds positions
  std::vector<std::uint32_t> size_;
  std::vector<double> worst_;
};

}  // namespace

std::vector<std::vector<Match>> MatchIndex::top_k_for_everyone(std::size_t k, const MatchFilters& filters,
                                                               unsigned threads) const {
  const std::size_t n = compact_.size();
  std::vector<std::vector<Match>> best(n);
  if (k == 0 || grid_rows_ == 0) return best;
  // Ids ranked, by position, so that ties never compare strings in the loop.
  std::vector<std::uint32_t> id_rank(n);
  for (std::uint32_t r = 0; r < by_id_.size(); ++r) id_rank[position_[by_id_[r]]] = r;
  std::vector<char> excluded(n, 0);
  for (const auto& id : filters.exclude_ids)
    if (auto index = find(id)) excluded[position_[*index]] = 1;

  // Every pair of a newcomer area and a local area in reach of the farthest
  // traveller among them, nearest first, so that heaps fill with good
  // candidates early and later offers mostly stop at one comparison.
  struct AreaPair {
    std::uint32_t a, b;
    double distance;
  };
  const auto& newcomer_areas = areas_[role_slot(Role::newcomer)];
  const auto& local_areas = areas_[role_slot(Role::local)];
  const double filter_radius = filters.max_distance_km.value_or(1e300);
  std::vector<AreaPair> area_pairs;
  for (std::uint32_t a = 0; a < newcomer_areas.size(); ++a) {
    Query reach;
    reach.person.lat = newcomer_areas[a].lat;
    reach.person.lon = newcomer_areas[a].lon;
    reach.person.usable_languages = newcomer_areas[a].usable_languages;
    reach.person.pillars = newcomer_areas[a].pillars;
    reach.candidate_slot = role_slot(Role::local);
    reach.radius_km = std::min(double(newcomer_areas[a].max_distance_km), filter_radius);
    visit_admissible(reach, [&](std::uint32_t b, double distance) { area_pairs.push_back({a, b, distance}); });
  }
  std::sort(area_pairs.begin(), area_pairs.end(), [](const AreaPair& x, const AreaPair& y) {
    if (x.distance != y.distance) return x.distance < y.distance;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });

  // Worker `part` of `parts` takes the newcomer areas a with a % parts == part;
  // each worker has its own heaps, merged at the end (a top k does not depend
  // on the order of offers, so neither does the result).
  auto work = [&](unsigned part, unsigned parts, HeapsByPosition& heaps) {
    std::vector<std::uint32_t> near_a, near_b;
    for (const AreaPair& area_pair : area_pairs) {
      if (area_pair.a % parts != part) continue;
      const double distance = area_pair.distance;
      // Only members who travel this far, on both sides.
      auto travellers = [&](const Area& area, std::vector<std::uint32_t>& out) {
        out.clear();
        for (std::uint32_t m = area.first; m < area.first + area.count; ++m)
          if (double(compact_[m].max_distance_km) >= distance && !excluded[m]) out.push_back(m);
      };
      travellers(newcomer_areas[area_pair.a], near_a);
      travellers(local_areas[area_pair.b], near_b);
      const double distance_part = model_.distance_part(distance);
      for (std::uint32_t pa : near_a) {
        const CompactProfile& a = compact_[pa];
        for (std::uint32_t pb : near_b) {
          const CompactProfile& b = compact_[pb];
          if (model_.violated_constraint(a, b, distance)) continue;
          if (filters.pillar && !(a.pillars.contains(*filters.pillar) && b.pillars.contains(*filters.pillar))) continue;
          if (filters.same_meeting_style && !meeting_styles_compatible(a.meeting_style, b.meeting_style)) continue;
          const double score = model_.combine(model_.parts_at(a, b, distance_part));
          if (score < filters.min_score) continue;
          if (heaps.wants(pa, score)) heaps.offer(pa, {pb, score});
          if (heaps.wants(pb, score)) heaps.offer(pb, {pa, score});
        }
      }
    }
  };

#ifdef __EMSCRIPTEN__
  threads = 1;  // no threads in the browser build
#endif
  threads = std::max(1u, std::min(threads, 8u));
  std::vector<HeapsByPosition> heaps(threads, HeapsByPosition(n, k, id_rank));
  if (threads == 1) {
    work(0, 1, heaps[0]);
  } else {
#ifndef __EMSCRIPTEN__
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work, t, threads, std::ref(heaps[t]));
    for (auto& worker : workers) worker.join();
    for (unsigned t = 1; t < threads; ++t) heaps[0].absorb(heaps[t]);
#endif
  }
  for (std::uint32_t p = 0; p < n; ++p) best[members_[p]] = heaps[0].sorted(p, members_);
  return best;
}

}  // namespace blendin::core
