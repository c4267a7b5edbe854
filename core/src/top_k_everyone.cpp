// top_k_for_everyone: every person's top k at once, each pair in reach looked
// at once and offered to both sides (docs/matching.md, "Everyone at once").
//
// [SECTION] Lists by exact score (any weights)
// [SECTION] Lists by estimate
// [SECTION] top_k for everyone
#include <blendin/core/geo.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/top_k.hpp>

#include "top_k_estimates.hpp"
#include "top_k_query.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>

namespace blendin::core {

namespace {

// [SECTION] Lists by exact score (any weights)

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


// [SECTION] Lists by estimate

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

// [SECTION] top_k for everyone

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
  // As one query a person: a NaN or negative distance and an unknown language
  // reach nobody; a language is one the pair can talk in. Ages are the candidates':
  // a pair may go to one side's list and not to the other's.
  if (filters.max_distance_km && !(*filters.max_distance_km >= 0)) return best;
  std::uint64_t language = 0;
  if (filters.language) {
    const auto bit = language_index(*filters.language);
    if (!bit) return best;
    language = std::uint64_t(1) << *bit;
  }
  const BirthYears birth_years = birth_years_of(filters, pool_->reference_year);
  const bool age_filter = filters.min_age || filters.max_age;
  auto has_age = [&](const Area& area) { return area.birth_year_max >= birth_years.min && area.birth_year_min <= birth_years.max; };

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
    if ((newcomer_areas[a].languages.any() & language) != language) continue;
    Query reach;
    reach.person.lat = newcomer_areas[a].lat;
    reach.person.lon = newcomer_areas[a].lon;
    reach.person.languages = newcomer_areas[a].languages;
    reach.person.pillars = newcomer_areas[a].pillars;
    reach.candidate_slot = role_slot(Role::local);
    reach.radius_km = std::min(double(newcomer_areas[a].max_distance_km), filter_radius);
    reach.language = language;
    visit_admissible(reach, [&](std::uint32_t b, double distance) {
      if (has_age(newcomer_areas[a]) || has_age(local_areas[b])) area_pairs.push_back({a, b, distance});
    });
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
  // The filters a pair must pass (besides the hard constraints) for either side.
  const bool any_filter = filters.pillar || filters.same_meeting_style || language;
  auto passes_filters = [&](std::uint32_t pa, std::uint32_t pb) {
    const CompactProfile& a = compact_[pa];
    const CompactProfile& b = compact_[pb];
    if (filters.pillar && !(a.pillars.contains(*filters.pillar) && b.pillars.contains(*filters.pillar))) return false;
    if (filters.same_meeting_style && !meeting_styles_compatible(a.meeting_style, b.meeting_style)) return false;
    return (common_languages(a.languages, b.languages) & language) == language;
  };
  // Whether the person at position p may be on the other's list (the age filter).
  auto of_age = [&](std::uint32_t p) { return !age_filter || birth_years.contains(compact_[p].birth_year); };

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
            const bool a_takes_b = of_age(pb), b_takes_a = of_age(pa);
            if (!a_takes_b && !b_takes_a) continue;
            const double score = model_.combine(model_.parts_at(compact_[pa], compact_[pb], distance_part));
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
