// [SECTION] Building the index
// [SECTION] Queries: areas in reach and their bounds
// [SECTION] top_k and the brute-force reference
#include <blendin/core/geo.hpp>
#include <blendin/core/top_k.hpp>

#include <algorithm>
#include <cmath>

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
  compact_.reserve(profiles.size());
  for (const auto& profile : profiles) compact_.push_back(model_.compact(profile));

  // Group people by role and location: everyone in a postcode area shares its centre.
  std::vector<std::uint32_t> order(profiles.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto &ca = compact_[a], &cb = compact_[b];
    if (ca.role != cb.role) return ca.role < cb.role;
    if (ca.lat != cb.lat) return ca.lat < cb.lat;
    if (ca.lon != cb.lon) return ca.lon < cb.lon;
    return a < b;
  });
  members_ = std::move(order);
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (std::uint32_t i = 0; i < members_.size();) {
    const auto& first = compact_[members_[i]];
    Area area;
    area.lat = first.lat;
    area.lon = first.lon;
    area.first = i;
    area.birth_year_min = first.birth_year;
    area.birth_year_max = first.birth_year;
    std::uint32_t j = i;
    for (; j < members_.size(); ++j) {
      const auto& c = compact_[members_[j]];
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
                      members_.capacity() * sizeof(std::uint32_t) + by_id_.capacity() * sizeof(std::uint32_t);
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
      if (auto score = candidate_score(model_, query, compact_[index], index, hit.distance_km))
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
    const double distance = distance_km(query.person, compact_[index]);
    if (auto score = candidate_score(model_, query, compact_[index], index, distance)) best.offer({index, *score});
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
      if (auto score = candidate_score(model_, query, compact_[candidate], candidate, distance))
        found.push_back({candidate, *score});
    }
  });
  std::sort(found.begin(), found.end(), [](const Match& x, const Match& y) { return x.index < y.index; });
  return found;
}

}  // namespace blendin::core
