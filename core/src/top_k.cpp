// [SECTION] Building the index
// [SECTION] Queries: areas in reach and their bounds
// [SECTION] top_k and the brute-force reference
// [SECTION] Exclusion counts
// [SECTION] top_k for everyone
#include <blendin/core/geo.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/top_k.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <unordered_map>

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
  // A filter tighter than the person's own maximum (NaN too: it then reaches nobody).
  if (filters.max_distance_km && !(*filters.max_distance_km >= query.radius_km)) query.radius_km = *filters.max_distance_km;
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
  const double radius = query.radius_km;
  if (grid_rows_ == 0 || !(radius >= 0)) return;  // a negative or NaN filter reaches nobody
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

// Estimates are computed for blocks of this many candidates, whole blocks
// (the columns are padded), so that the loops have a fixed length.
constexpr std::uint32_t estimate_block = 8;

// Each person's best candidates so far, side by side in position order,
// ranked as ranks_before does but with ids compared through their rank. A
// person's candidates are appended to a buffer of 2k places; when it is full,
// the k best are selected (nth_element) and the rest dropped, and the k-th best
// score becomes the person's threshold. `threshold` lets most offers stop at
// one comparison, and an accepted offer costs one write instead of a heap
// replacement.
class CandidateBuffers {
 public:
  CandidateBuffers(std::size_t people, std::size_t k, const std::vector<std::uint32_t>& id_rank)
      : k_(k),
        capacity_(2 * k),
        rank_(&id_rank),
        storage_(new Offer[people * capacity_]),  // left uninitialised: pages are touched only when used
        size_(people, 0),
        threshold_(people, -1.0) {}

  // Whether a match of this score could enter the owner's list: the cheap
  // check in the loop, so that offer() runs only for the few that might.
  bool wants(std::uint32_t owner, double score) const { return score >= threshold_[owner]; }

  void offer(std::uint32_t owner, std::uint32_t position, double score) {
    if (!wants(owner, score)) return;
    Offer* buffer = storage_.get() + std::size_t(owner) * capacity_;
    std::uint32_t& size = size_[owner];
    buffer[size++] = {score, position};
    if (size == capacity_) keep_best(owner);
  }

  // Adds the owner's candidates from another worker's buffers.
  void absorb(std::uint32_t owner, CandidateBuffers& other) {
    other.keep_best(owner);
    const Offer* buffer = other.storage_.get() + std::size_t(owner) * capacity_;
    for (std::uint32_t i = 0; i < other.size_[owner]; ++i) offer(owner, buffer[i].position, buffer[i].score);
  }

  // The owner's list, best first, with positions turned into pool indices.
  std::vector<Match> sorted(std::uint32_t owner, const std::vector<std::uint32_t>& pool_index) {
    keep_best(owner);
    Offer* buffer = storage_.get() + std::size_t(owner) * capacity_;
    std::sort(buffer, buffer + size_[owner], [this](const Offer& a, const Offer& b) { return before(a, b); });
    std::vector<Match> list(size_[owner]);
    for (std::uint32_t i = 0; i < size_[owner]; ++i) list[i] = {pool_index[buffer[i].position], buffer[i].score};
    return list;
  }

 private:
  struct Offer {  // no default values, so that the storage is not written before it is used
    double score;
    std::uint32_t position;
  };

  bool before(const Offer& a, const Offer& b) const {
    return a.score != b.score ? a.score > b.score : (*rank_)[a.position] < (*rank_)[b.position];
  }

  // Drops all but the owner's k best; the k-th best score becomes the threshold.
  void keep_best(std::uint32_t owner) {
    std::uint32_t& size = size_[owner];
    if (size < k_) return;
    Offer* buffer = storage_.get() + std::size_t(owner) * capacity_;
    // By score alone first (cheaper); only when the k-th best score is tied
    // with one beyond the k-th place do the ids decide, as before() does.
    std::nth_element(buffer, buffer + (k_ - 1), buffer + size, [](const Offer& a, const Offer& b) { return a.score > b.score; });
    const double kth = buffer[k_ - 1].score;
    if (std::any_of(buffer + k_, buffer + size, [kth](const Offer& o) { return o.score == kth; }))
      std::nth_element(buffer, buffer + (k_ - 1), buffer + size, [this](const Offer& a, const Offer& b) { return before(a, b); });
    size = std::uint32_t(k_);
    threshold_[owner] = buffer[k_ - 1].score;
  }

  std::size_t k_, capacity_;
  const std::vector<std::uint32_t>* rank_;
  std::unique_ptr<Offer[]> storage_;  // capacity_ places an owner, by position
  std::vector<std::uint32_t> size_;
  std::vector<double> threshold_;
};

// The score of a pair in floats, from the same formula, for a whole area of
// candidates at once (loops the compiler vectorises), so that lists can be
// kept by estimate and the exact score computed only for the few pairs left
// at the end. Every float result is within about 1e-5 of the exact score (a
// few non-negative terms, each rounded to a float's 24 bits, then
// normalised), far below `estimate_error`, which EstimateBuffers allows on
// either side. The hard constraints are checked here exactly (role by area,
// distance by the travellers counted in, languages, gender, pillars), so that
// only the filters are left to check.
constexpr float estimate_error = 1e-4f;

// On x86-64 the estimates are also compiled for AVX2 (a whole block in one
// vector), chosen when the processor has it; the result does not depend on it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define BLENDIN_ESTIMATE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define BLENDIN_ESTIMATE_CLONES
#endif

class ScoreEstimates {
 public:
  ScoreEstimates(const ScoringModel& model, const std::vector<CompactProfile>& compact) {
    const auto& w = model.weights();
    const auto& rarity = model.taxonomy().interest_rarity;
    // Estimates only for weights and rarities where float rounding stays tiny.
    usable_ = w.interests >= 0 && w.age >= 0 && w.distance >= 0 && w.availability >= 0 && w.field >= 0 && w.work >= 0 &&
              w.age_span_years > 0 && std::isfinite(w.age_span_years) &&
              std::all_of(rarity.begin(), rarity.end(), [](double r) { return r > 0 && r < 1e6; });
    if (!usable_) return;
    weights_ = {float(w.interests), float(w.age), float(w.distance), float(w.availability), float(w.field), float(w.work)};
    for (int work = 0; work < 2; ++work) {
      const double total = w.interests + w.age + w.distance + w.availability + w.field + (work ? w.work : 0.0);
      inverse_total_[work] = float(total > 0 ? 1.0 / total : 0.0);
    }
    inverse_age_span_ = float(1.0 / w.age_span_years);
    rarity_.assign(rarity.begin(), rarity.end());
    const std::size_t n = compact.size(), padded = n + block;  // whole blocks may be read past the last person
    for (auto& words : interest_words_) words.resize(padded);
    for (auto& words : language_words_) words.resize(padded);
    for (auto& words : sector_words_) words.resize(padded);
    traits_.resize(padded);
    gender_preference_.resize(padded);
    birth_year_.resize(padded);
    interest_weight_sum_.resize(padded);
    field_.resize(padded);
    occupation_.resize(padded);
    for (std::size_t p = 0; p < n; ++p) {
      const CompactProfile& c = compact[p];
      for (int word = 0; word < 4; ++word) interest_words_[word][p] = std::uint32_t(c.interests[word / 2] >> (32 * (word % 2)));
      language_words_[0][p] = std::uint32_t(c.usable_languages);
      language_words_[1][p] = std::uint32_t(c.usable_languages >> 32);
      sector_words_[0][p] = std::uint32_t(c.sectors);
      sector_words_[1][p] = std::uint32_t(c.sectors >> 32);
      traits_[p] = pack_traits(c);
      gender_preference_[p] = c.gender_preference.bits;
      birth_year_[p] = float(c.birth_year);
      interest_weight_sum_[p] = float(c.interest_weight_sum);
      field_[p] = c.field;
      occupation_[p] = c.occupation;
    }
  }

  bool usable() const { return usable_; }

  // For person `a` against the members at positions [first, first + count) of
  // an area whose distance from a's gives `distance_part`: the offsets of those
  // who are admissible and whose estimate reaches a's threshold or their own
  // (`thresholds`, by position), with their estimates. Returns how many were
  // written to `offsets` and `estimates`, which have `count` places each.
  BLENDIN_ESTIMATE_CLONES
  std::uint32_t promising(const CompactProfile& a, float distance_part, float threshold_a, const float* thresholds,
                          std::uint32_t first, std::uint32_t count, std::uint32_t* offsets, float* estimates) const {
    std::array<std::uint32_t, max_interests> interests_of_a;
    std::size_t interest_count = 0;
    for (int word = 0; word < 2; ++word)
      for (std::uint64_t bits = a.interests[std::size_t(word)]; bits; bits &= bits - 1)
        interests_of_a[interest_count++] = std::uint32_t(word * 64 + std::countr_zero(bits));
    const std::uint32_t languages_a_low = std::uint32_t(a.usable_languages), languages_a_high = std::uint32_t(a.usable_languages >> 32);
    const std::uint32_t traits_a = pack_traits(a);
    const std::uint32_t sectors_a_low = std::uint32_t(a.sectors), sectors_a_high = std::uint32_t(a.sectors >> 32);
    const std::uint32_t preference_a = a.gender_preference.bits;
    const float birth_year_a = float(a.birth_year), weight_sum_a = float(a.interest_weight_sum);
    const std::uint32_t gender_a = a.gender.bits;
    const Weights& w = weights_;
    // A field or occupation of -1 (none) matches nobody: compare with a value no one has.
    const std::int32_t field_a = a.field >= 0 ? a.field : std::numeric_limits<std::int32_t>::min();
    const std::int32_t occupation_a = a.occupation >= 0 ? a.occupation : std::numeric_limits<std::int32_t>::min();
    const float field_weight_a = w.field;
    const float distance_weighted = w.distance * distance_part;
    // Locals, not members: loads the loop below may skip would keep it from being vectorised.
    const float interest_weight = w.interests, age_weight = w.age, availability_weight = w.availability, work_weight = w.work;
    const float inverse_total_without_work = inverse_total_[0], inverse_total_with_work = inverse_total_[1];
    const float inverse_age_span = inverse_age_span_;
    std::uint32_t written = 0;
    for (std::uint32_t start = 0; start < count; start += block) {
      const std::uint32_t size = std::min(block, count - start);
      const std::uint32_t base = first + start;
      // Shared rarity, interest by interest of a's (a handful), all candidates at once.
      // Written with vector types: the compiler leaves this loop nest scalar otherwise.
      FloatBlock shared_block{};
      for (std::size_t i = 0; i < interest_count; ++i) {
        const std::uint32_t interest = interests_of_a[i];
        WordBlock words;
        std::memcpy(&words, interest_words_[interest / 32].data() + base, sizeof words);
        // 0 or 1 as signed integers: one conversion instruction (unsigned ones take five).
        const auto has = (IntBlock)((words >> (interest % 32)) & 1u);
        shared_block += rarity_[interest] * __builtin_convertvector(has, FloatBlock);
      }
      float shared[block];
      std::memcpy(shared, &shared_block, sizeof shared);
      // Branch-free, so that the compiler vectorises it: selects, no lookups.
      std::uint32_t keep[block];
      float kept_estimate[block];
      const std::uint32_t* traits = traits_.data() + base;
      const std::uint32_t* gender_preference = gender_preference_.data() + base;
      const std::uint32_t* languages_low = language_words_[0].data() + base;
      const std::uint32_t* languages_high = language_words_[1].data() + base;
      const std::uint32_t* sectors_low = sector_words_[0].data() + base;
      const std::uint32_t* sectors_high = sector_words_[1].data() + base;
      const float* interest_weight_sum = interest_weight_sum_.data() + base;
      const float* birth_year = birth_year_.data() + base;
      const std::int32_t* field = field_.data() + base;
      const std::int32_t* occupation = occupation_.data() + base;
      const float* their_thresholds = thresholds + base;
      for (std::uint32_t j = 0; j < block; ++j) {  // past `size` too: those are not read
        const std::uint32_t traits_b = traits[j];
        const std::uint32_t both = traits_a & traits_b;
        // Gender: a preference needs the other's gender (traits bits 8-15 hold it).
        const std::uint32_t gender_ok = ((preference_a == 0) | ((preference_a & (traits_b >> 8)) != 0)) &
                                        ((gender_preference[j] == 0) | ((gender_preference[j] & gender_a) != 0));
        const std::uint32_t languages_shared = (languages_a_low & languages_low[j]) | (languages_a_high & languages_high[j]);
        const std::uint32_t admissible = (languages_shared != 0) &
                                         ((both & pillar_mask) != 0) & gender_ok;
        const std::uint32_t work = (both >> work_bit) & 1u;
        const float total = weight_sum_a + interest_weight_sum[j];
        float interests = 2.0f * shared[j] / (total > 0 ? total : 1.0f);
        interests = total > 0 ? interests : 0.0f;
        interests = interests < 1.0f ? interests : 1.0f;
        float age = 1.0f - std::fabs(birth_year_a - birth_year[j]) * inverse_age_span;
        age = age > 0 ? age : 0.0f;
        const std::uint32_t moments_shared = both & 7u, moments_either = (traits_a | traits_b) & 7u;
        const std::uint32_t shared_count = (moments_shared & 1u) + ((moments_shared >> 1) & 1u) + ((moments_shared >> 2) & 1u);
        const std::uint32_t either_count = (moments_either & 1u) + ((moments_either >> 1) & 1u) + ((moments_either >> 2) & 1u);
        // Nothing in common when neither has a moment: 0 / 1.
        // shared / either by a reciprocal (selects, not a division): the same
        // floats, since 1/3 times 1 or 2 is exact.
        const float one_in_either = either_count == 3 ? 1.0f / 3.0f : (either_count == 2 ? 0.5f : 1.0f);
        const float availability = float(shared_count) * one_in_either;
        const float field_term = field_a == field[j] ? field_weight_a : 0.0f;
        const std::uint32_t sectors_shared = (sectors_a_low & sectors_low[j]) | (sectors_a_high & sectors_high[j]);
        const float work_part = (sectors_shared != 0 ? 0.6f : 0.0f) + (occupation_a == occupation[j] ? 0.4f : 0.0f);
        const float work_term = work_weight * work_part;
        const float weighted = interest_weight * interests + age_weight * age + distance_weighted +
                               availability_weight * availability + field_term + (work ? work_term : 0.0f);
        float estimate = weighted * (work ? inverse_total_with_work : inverse_total_without_work);
        estimate = estimate < 1.0f ? estimate : 1.0f;
        kept_estimate[j] = estimate;
        keep[j] = admissible & ((estimate >= threshold_a) | (estimate >= their_thresholds[j]));
      }
      for (std::uint32_t j = 0; j < size; ++j) {
        offsets[written] = start + j;
        estimates[written] = kept_estimate[j];
        written += keep[j];
      }
    }
    return written;
  }

 private:
  static constexpr std::uint32_t block = estimate_block;
  using FloatBlock = float __attribute__((vector_size(block * sizeof(float))));
  using WordBlock = std::uint32_t __attribute__((vector_size(block * sizeof(std::uint32_t))));
  using IntBlock = std::int32_t __attribute__((vector_size(block * sizeof(std::int32_t))));
  static constexpr std::uint32_t pillar_mask = 7u << 3, work_bit = 3 + std::uint32_t(Pillar::work);
  struct Weights {
    float interests, age, distance, availability, field, work;
  };
  // Moments in bits 0-2, pillars in bits 3-5, gender in bits 8-15.
  static std::uint32_t pack_traits(const CompactProfile& c) {
    return (std::uint32_t(c.availability.bits) & 7u) | (std::uint32_t(c.pillars.bits) & 7u) << 3 |
           std::uint32_t(c.gender.bits) << 8;
  }

  bool usable_ = false;
  Weights weights_{};
  float inverse_total_[2] = {0, 0};  // without and with work
  float inverse_age_span_ = 0;
  std::vector<float> rarity_;
  // One column a field, by position.
  std::array<std::vector<std::uint32_t>, 4> interest_words_;
  std::array<std::vector<std::uint32_t>, 2> sector_words_;  // all 64 bits: the work part must be exact
  std::array<std::vector<std::uint32_t>, 2> language_words_;
  std::vector<std::uint32_t> traits_, gender_preference_;
  std::vector<float> birth_year_, interest_weight_sum_;
  std::vector<std::int32_t> field_, occupation_;
};

// The exact score of two people at positions p and q, computed as the scan of
// area pairs computes it: the newcomer first, at the distance between the
// centres of their areas (each member sits at the centre).
class ExactPairScore {
 public:
  ExactPairScore(const ScoringModel& model, const std::vector<CompactProfile>& compact)
      : model_(&model), compact_(&compact) {}
  double operator()(std::uint32_t p, std::uint32_t q) const { return at_distance(p, q, distance(p, q)); }
  double distance(std::uint32_t p, std::uint32_t q) const {
    const auto [a, b] = newcomer_first(p, q);
    return distance_km(*a, *b);
  }
  // With the distance between them given (computed by distance()).
  double at_distance(std::uint32_t p, std::uint32_t q, double distance) const {
    const auto [a, b] = newcomer_first(p, q);
    return model_->score(*a, *b, distance);
  }
  // Whether p and q sit at the same centre (so that each is as far from anyone as the other).
  bool same_place(std::uint32_t p, std::uint32_t q) const {
    return (*compact_)[p].lat == (*compact_)[q].lat && (*compact_)[p].lon == (*compact_)[q].lon;
  }

 private:
  std::pair<const CompactProfile*, const CompactProfile*> newcomer_first(std::uint32_t p, std::uint32_t q) const {
    const CompactProfile* a = &(*compact_)[p];
    const CompactProfile* b = &(*compact_)[q];
    if (a->role != Role::newcomer) std::swap(a, b);
    return {a, b};
  }
  const ScoringModel* model_;
  const std::vector<CompactProfile>* compact_;
};

// Each person's best candidates so far by estimate, side by side in position
// order. Candidates are appended to a buffer of 2k places; when it is full,
// the k-th best estimate E is found (kth_best_estimate) and every candidate below
// E - 2 * estimate_error is dropped: k others score at least E - estimate_error
// exactly, and it scores below that, so it cannot be among the k best. The
// bar E - 2 * estimate_error becomes the person's threshold. The exact scores
// are computed only at the end, for the few left (best()).
//
// When a quarter of the places cannot be freed that way (many candidates
// within 2 * estimate_error of each other), the person's list switches to
// exact scores, kept as CandidateBuffers keeps them: the k best, ties broken
// by id, the k-th score as the bar. That is rare, so those lists sit in a map.
class EstimateBuffers {
 public:
  EstimateBuffers(std::size_t people, std::size_t k, const std::vector<std::uint32_t>& id_rank,
                  const ExactPairScore& exact)
      : k_(k),
        capacity_(2 * k),
        rank_(&id_rank),
        exact_(&exact),
        storage_(new Offer[people * capacity_]),  // left uninitialised: pages are touched only when used
        size_(people, 0),
        threshold_(people + estimate_block, -1.0f),  // read a whole block past the last person
        exact_mode_(people, 0) {}

  // No candidate whose estimate is below the owner's threshold can enter its list.
  const float* thresholds() const { return threshold_.data(); }

  // An admissible candidate that passes every filter, with its estimate.
  void offer(std::uint32_t owner, std::uint32_t position, float estimate) {
    if (estimate < threshold_[owner]) return;
    if (exact_mode_[owner]) {
      offer_exactly(owner, {(*exact_)(owner, position), position});
      return;
    }
    Offer* buffer = storage_.get() + std::size_t(owner) * capacity_;
    std::uint32_t& size = size_[owner];
    buffer[size++] = {estimate, position};
    if (size == capacity_) drop_below_bar(owner);
  }

  struct Offer {  // no default values, so that the storage is not written before it is used
    float estimate;
    std::uint32_t position;
  };
  struct ExactOffer {
    double score;
    std::uint32_t position;
  };
  // Room for kth_best_estimate.
  struct SelectionScratch {
    std::vector<std::uint8_t> bucket_of;
    std::vector<float> in_bucket;
  };
  // Room for best(), kept from one owner to the next.
  struct Scratch {
    std::vector<Offer> estimated;
    std::vector<ExactOffer> scored;
    SelectionScratch selection;
  };

  // The k-th best of `size` > k estimates, all within [low, 1], found by
  // counting: each falls in one of 256 equal buckets of that range; the
  // buckets counted from the top tell which one holds the k-th best, and only
  // that bucket's few estimates are ordered. The value nth_element would find
  // in a fraction of its comparisons, and the offers keep their order.
  static float kth_best_estimate(const Offer* offers, std::size_t size, std::size_t k, float low, SelectionScratch& scratch) {
    constexpr std::uint32_t buckets = 256;
    const float scale = float(buckets - 1) / (1.0f - low);
    auto& bucket_of = scratch.bucket_of;
    bucket_of.resize(size);
    for (std::size_t i = 0; i < size; ++i) {  // selects, no branch
      float place = (offers[i].estimate - low) * scale;
      place = place > 0.0f ? place : 0.0f;
      place = place < float(buckets - 1) ? place : float(buckets - 1);
      bucket_of[i] = std::uint8_t(std::int32_t(place));
    }
    std::array<std::uint32_t, buckets> count{};
    for (std::size_t i = 0; i < size; ++i) ++count[bucket_of[i]];
    std::uint32_t bucket = buckets - 1;
    std::size_t above = 0;  // how many are in the buckets above `bucket`
    while (above + count[bucket] < k) above += count[bucket--];
    auto& in_bucket = scratch.in_bucket;
    in_bucket.clear();
    for (std::size_t i = 0; i < size; ++i)
      if (bucket_of[i] == bucket) in_bucket.push_back(offers[i].estimate);
    const auto kth = in_bucket.begin() + std::ptrdiff_t(k - 1 - above);
    std::nth_element(in_bucket.begin(), kth, in_bucket.end(), std::greater<float>());
    return *kth;
  }

  // The owner's k best by exact score, best first, ties by id, with positions
  // turned into pool indices: from every worker's buffers.
  static std::vector<Match> best(std::uint32_t owner, const std::vector<std::unique_ptr<EstimateBuffers>>& workers,
                                 const std::vector<std::uint32_t>& pool_index, Scratch& scratch) {
    const EstimateBuffers& first = *workers.front();
    std::vector<Offer>& estimated = scratch.estimated;
    std::vector<ExactOffer>& scored = scratch.scored;
    estimated.clear();
    scored.clear();
    for (const auto& worker : workers) {
      if (worker->exact_mode_[owner]) {
        const auto& offers = worker->exact_lists_.at(owner).offers;
        scored.insert(scored.end(), offers.begin(), offers.end());
      } else {
        const Offer* buffer = worker->storage_.get() + std::size_t(owner) * worker->capacity_;
        estimated.insert(estimated.end(), buffer, buffer + worker->size_[owner]);
      }
    }
    // The same bar over every worker's estimates together. The offers keep
    // the scan's order, so that members of one area stay side by side and
    // share one distance.
    if (estimated.size() > first.k_) {
      const float bar = kth_best_estimate(estimated.data(), estimated.size(), first.k_, 0.0f, scratch.selection) - 2 * estimate_error;
      std::erase_if(estimated, [bar](const Offer& o) { return o.estimate < bar; });
    }
    const ExactPairScore& exact = *first.exact_;
    double distance = 0;
    for (std::size_t i = 0; i < estimated.size(); ++i) {
      const std::uint32_t candidate = estimated[i].position;
      if (i == 0 || !exact.same_place(candidate, estimated[i - 1].position)) distance = exact.distance(owner, candidate);
      scored.push_back({exact.at_distance(owner, candidate, distance), candidate});
    }
    std::sort(scored.begin(), scored.end(), [&first](const ExactOffer& a, const ExactOffer& b) { return first.before(a, b); });
    if (scored.size() > first.k_) scored.resize(first.k_);
    std::vector<Match> list(scored.size());
    for (std::size_t i = 0; i < scored.size(); ++i) list[i] = {pool_index[scored[i].position], scored[i].score};
    return list;
  }

 private:
  struct ExactList {
    std::vector<ExactOffer> offers;
    double bar = -1.0;
  };

  bool before(const ExactOffer& a, const ExactOffer& b) const {
    return a.score != b.score ? a.score > b.score : (*rank_)[a.position] < (*rank_)[b.position];
  }

  void drop_below_bar(std::uint32_t owner) {
    Offer* buffer = storage_.get() + std::size_t(owner) * capacity_;
    std::uint32_t& size = size_[owner];
    const float bar = kth_best_estimate(buffer, size, k_, std::max(0.0f, threshold_[owner]), selection_) - 2 * estimate_error;
    std::uint32_t kept = 0;
    for (std::uint32_t i = 0; i < size; ++i) {  // branch-free: about half are dropped, unpredictably
      buffer[kept] = buffer[i];
      kept += buffer[i].estimate >= bar;
    }
    size = kept;
    threshold_[owner] = bar;
    if (size + capacity_ / 4 >= capacity_) switch_to_exact(owner);
  }

  void switch_to_exact(std::uint32_t owner) {
    const Offer* buffer = storage_.get() + std::size_t(owner) * capacity_;
    ExactList& list = exact_lists_[owner];
    for (std::uint32_t i = 0; i < size_[owner]; ++i)
      list.offers.push_back({(*exact_)(owner, buffer[i].position), buffer[i].position});
    size_[owner] = 0;
    exact_mode_[owner] = 1;
    keep_best_exactly(owner, list);
  }

  void offer_exactly(std::uint32_t owner, ExactOffer offer) {
    ExactList& list = exact_lists_.find(owner)->second;
    if (offer.score < list.bar) return;
    list.offers.push_back(offer);
    if (list.offers.size() >= capacity_) keep_best_exactly(owner, list);
  }

  // Keeps the k best, ties by id; the k-th score becomes the bar, and the
  // threshold for estimates lies estimate_error below it.
  void keep_best_exactly(std::uint32_t owner, ExactList& list) {
    auto& offers = list.offers;
    if (offers.size() < k_) return;
    std::nth_element(offers.begin(), offers.begin() + std::ptrdiff_t(k_ - 1), offers.end(),
                     [this](const ExactOffer& a, const ExactOffer& b) { return before(a, b); });
    offers.resize(k_);
    list.bar = offers[k_ - 1].score;
    threshold_[owner] = float(list.bar) - estimate_error;
  }

  std::size_t k_, capacity_;
  const std::vector<std::uint32_t>* rank_;
  const ExactPairScore* exact_;
  std::unique_ptr<Offer[]> storage_;  // capacity_ places an owner, by position
  std::vector<std::uint32_t> size_;
  std::vector<float> threshold_;
  std::vector<std::uint8_t> exact_mode_;
  std::unordered_map<std::uint32_t, ExactList> exact_lists_;
  SelectionScratch selection_;
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
  // traveller among them, nearest first, so that the lists fill with good
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

#ifdef __EMSCRIPTEN__
  threads = 1;  // no threads in the browser build
#endif
  threads = std::max(1u, std::min(threads, 8u));
  // Worker `part` takes the newcomer areas of one band of latitude, the bands
  // cut so that each holds about the same number of pairs. Each worker has its
  // own buffers, merged at the end (a top k does not depend on the order of
  // offers, so neither does the result). A band keeps neighbours together: a
  // person's candidates mostly come to one worker, whose thresholds then rise
  // as fast as with one worker, and whose buffers touch only its band's pages.
  std::vector<std::uint8_t> part_of_area(newcomer_areas.size(), 0);
  if (threads > 1 && !area_pairs.empty()) {
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
  const ScoreEstimates estimates(model_, compact_);
  // Calls visit(area_a, travellers_a, area_b, travellers_b, distance) for the
  // area pairs of worker `part`, with how many members of each area travel
  // this far: members are ordered by travel distance, farthest first, so those
  // are a prefix of each area.
  auto for_each_area_pair = [&](unsigned part, auto&& visit) {
    for (const AreaPair& area_pair : area_pairs) {
      if (part_of_area[area_pair.a] != part) continue;
      const double distance = area_pair.distance;
      auto travellers = [&](const Area& area) {  // a binary search: a profile is a cache line or two
        const auto members = compact_.begin() + area.first;
        return std::uint32_t(std::partition_point(members, members + area.count, [distance](const CompactProfile& c) {
                               return double(c.max_distance_km) >= distance;
                             }) -
                             members);
      };
      const Area& area_a = newcomer_areas[area_pair.a];
      const Area& area_b = local_areas[area_pair.b];
      visit(area_a, travellers(area_a), area_b, travellers(area_b), distance);
    }
  };
  // The filters a pair must pass (besides the hard constraints).
  const bool any_filter = filters.pillar || filters.same_meeting_style;
  auto passes_filters = [&](std::uint32_t pa, std::uint32_t pb) {
    const CompactProfile& a = compact_[pa];
    const CompactProfile& b = compact_[pb];
    if (filters.pillar && !(a.pillars.contains(*filters.pillar) && b.pillars.contains(*filters.pillar))) return false;
    if (filters.same_meeting_style && !meeting_styles_compatible(a.meeting_style, b.meeting_style)) return false;
    return true;
  };

  if (!estimates.usable()) {
    // Every pair in reach scored exactly.
    std::vector<std::unique_ptr<CandidateBuffers>> candidates(threads);
    run_parts(threads, true, [&](std::size_t t) {
      candidates[t] = std::make_unique<CandidateBuffers>(n, k, id_rank);
      CandidateBuffers& buffers = *candidates[t];
      for_each_area_pair(unsigned(t), [&](const Area& area_a, std::uint32_t travellers_a, const Area& area_b,
                                          std::uint32_t travellers_b, double distance) {
        const double distance_part = model_.distance_part(distance);
        for (std::uint32_t pa = area_a.first; pa < area_a.first + travellers_a; ++pa)
          for (std::uint32_t pb = area_b.first; pb < area_b.first + travellers_b; ++pb) {
            if (excluded[pa] || excluded[pb] || model_.violated_constraint(compact_[pa], compact_[pb], distance) ||
                !passes_filters(pa, pb))
              continue;
            const double score = model_.combine(model_.parts_at(compact_[pa], compact_[pb], distance_part));
            if (score < filters.min_score) continue;
            buffers.offer(pa, pb, score);
            buffers.offer(pb, pa, score);
          }
      });
    });
    // Each worker's buffers merged into the first's, and sorted, owner by
    // owner (owners split in ranges over the threads).
    run_parts(threads, true, [&](std::size_t t) {
      const auto first = std::uint32_t(n * t / threads), last = std::uint32_t(n * (t + 1) / threads);
      for (std::uint32_t p = first; p < last; ++p) {
        for (unsigned other = 1; other < threads; ++other) candidates[0]->absorb(p, *candidates[other]);
        best[members_[p]] = candidates[0]->sorted(p, members_);
      }
    });
    return best;
  }

  // A float estimate of every pair; lists kept by estimate; exact scores at the end.
  const ExactPairScore exact(model_, compact_);
  std::vector<std::unique_ptr<EstimateBuffers>> candidates(threads);
  run_parts(threads, true, [&](std::size_t t) {
    candidates[t] = std::make_unique<EstimateBuffers>(n, k, id_rank, exact);
    EstimateBuffers& buffers = *candidates[t];
    std::vector<std::uint32_t> promising;
    std::vector<float> promising_estimates;
    for_each_area_pair(unsigned(t), [&](const Area& area_a, std::uint32_t travellers_a, const Area& area_b,
                                        std::uint32_t travellers_b, double distance) {
      const float distance_part = float(model_.distance_part(distance));
      promising.resize(travellers_b);
      promising_estimates.resize(travellers_b);
      const float* thresholds = buffers.thresholds();
      for (std::uint32_t pa = area_a.first; pa < area_a.first + travellers_a; ++pa) {
        if (excluded[pa]) continue;
        const std::uint32_t kept = estimates.promising(compact_[pa], distance_part, thresholds[pa], thresholds, area_b.first,
                                                       travellers_b, promising.data(), promising_estimates.data());
        for (std::uint32_t i = 0; i < kept; ++i) {
          const std::uint32_t pb = area_b.first + promising[i];
          if (excluded[pb] || (any_filter && !passes_filters(pa, pb))) continue;
          const float estimate = promising_estimates[i];
          // A minimum score is checked exactly when the estimate cannot tell.
          if (filters.min_score > 0 && estimate < float(filters.min_score) + estimate_error &&
              (estimate < float(filters.min_score) - estimate_error || exact(pa, pb) < filters.min_score))
            continue;
          buffers.offer(pa, pb, estimate);
          buffers.offer(pb, pa, estimate);
        }
      }
    });
  });
  // Every worker's candidates of an owner together, scored exactly, owner by
  // owner (owners split in ranges over the threads).
  run_parts(threads, true, [&](std::size_t t) {
    const auto first = std::uint32_t(n * t / threads), last = std::uint32_t(n * (t + 1) / threads);
    EstimateBuffers::Scratch scratch;
    for (std::uint32_t p = first; p < last; ++p) best[members_[p]] = EstimateBuffers::best(p, candidates, members_, scratch);
  });
  return best;
}

}  // namespace blendin::core
