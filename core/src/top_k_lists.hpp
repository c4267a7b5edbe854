// The lists top_k_for_everyone keeps (top_k_everyone.cpp): every person's
// best candidates so far, by exact score or by estimate. Not part of the
// core's interface.
//
// [SECTION] Lists by exact score (any weights)
// [SECTION] Lists by estimate
#pragma once

#include <blendin/core/top_k.hpp>

#include "top_k_estimates.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace blendin::core {

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
  ExactPairScore(const ScoringModel& model, const std::vector<CompactProfile>& compact) : model_(&model), compact_(&compact) {}
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
  EstimateBuffers(std::size_t people, std::size_t k, const std::vector<std::uint32_t>& id_rank, const ExactPairScore& exact)
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
      const float bar =
          kth_best_estimate(estimated.data(), estimated.size(), first.k_, 0.0f, scratch.selection) - 2 * estimate_error;
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

}  // namespace blendin::core
