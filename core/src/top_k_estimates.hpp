// The float estimates of top_k_for_everyone (top_k_everyone.cpp): a pair's
// score in floats for a whole area of candidates at once. Not part of the
// core's interface.
#pragma once

#include <blendin/core/score.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace blendin::core {

// Estimates are computed for blocks of this many candidates, whole blocks
// (the columns are padded), so that the loops have a fixed length.
inline constexpr std::uint32_t estimate_block = 8;

// The score of a pair in floats, from the same formula, for a whole area of
// candidates at once (loops the compiler vectorises), so that lists can be
// kept by estimate and the exact score computed only for the few pairs left
// at the end. Every float result is within about 1e-5 of the exact score (a
// few non-negative terms, each rounded to a float's 24 bits, then
// normalised), far below `estimate_error`, which EstimateBuffers allows on
// either side. The hard constraints are checked here exactly (role by area,
// distance by the travellers counted in, languages, gender, pillars), so that
// only the filters are left to check.
inline constexpr float estimate_error = 1e-4f;

class ScoreEstimates {
 public:
  ScoreEstimates(const ScoringModel& model, const std::vector<CompactProfile>& compact);

  bool usable() const { return usable_; }

  // For person `a` against the members at positions [first, first + count) of
  // an area whose distance from a's gives `distance_part`: the offsets of those
  // who are admissible and whose estimate reaches a's threshold or their own
  // (`thresholds`, by position), with their estimates. Returns how many were
  // written to `offsets` and `estimates`, which have `count` places each.
  std::uint32_t promising(const CompactProfile& a, float distance_part, float threshold_a, const float* thresholds,
                          std::uint32_t first, std::uint32_t count, std::uint32_t* offsets, float* estimates) const;

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
  std::array<std::vector<std::uint32_t>, 4> language_words_;  // usable low, high; practice low, high
  std::vector<std::uint32_t> traits_, gender_preference_;
  std::vector<float> birth_year_, interest_weight_sum_;
  std::vector<std::int32_t> field_, occupation_;
};

}  // namespace blendin::core
