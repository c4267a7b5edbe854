// The float estimates of top_k_for_everyone (top_k_everyone.cpp): a pair's
// score in floats for a whole area of candidates at once. Not part of the
// core's interface.
#pragma once

#include <blendin/core/score.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
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

  // The rarity a's interests (indices, a handful) share with each candidate of
  // the block at `base`, all candidates at once. Written with vector types:
  // the compiler leaves this loop nest scalar otherwise.
  [[gnu::always_inline]] void add_shared_rarity(FloatBlock& shared, const std::uint32_t* interests_of_a,
                                                std::size_t interest_count, std::uint32_t base) const {
    for (std::size_t i = 0; i < interest_count; ++i) {
      const std::uint32_t interest = interests_of_a[i];
      WordBlock words;
      std::memcpy(&words, interest_words_[interest / 32].data() + base, sizeof words);
      // 0 or 1 as signed integers: one conversion instruction (unsigned ones take five).
      const auto has = (IntBlock)((words >> (interest % 32)) & 1u);
      shared += rarity_[interest] * __builtin_convertvector(has, FloatBlock);
    }
  }
  // The columns of the candidates of the block at `base`.
  struct BlockColumns {
    const std::uint32_t *traits, *gender_preference, *usable_low, *usable_high, *practice_low, *practice_high, *sectors_low,
        *sectors_high;
    const float *interest_weight_sum, *birth_year;
    const std::int32_t *field, *occupation;
  };
  BlockColumns columns_at(std::uint32_t base) const {
    return {traits_.data() + base,
            gender_preference_.data() + base,
            language_words_[0].data() + base,
            language_words_[1].data() + base,
            language_words_[2].data() + base,
            language_words_[3].data() + base,
            sector_words_[0].data() + base,
            sector_words_[1].data() + base,
            interest_weight_sum_.data() + base,
            birth_year_.data() + base,
            field_.data() + base,
            occupation_.data() + base};
  }
  // The indices of a's interests; returns how many.
  static std::size_t interest_indices(const CompactProfile& a, std::uint32_t* out) {
    std::size_t count = 0;
    for (int word = 0; word < 2; ++word)
      for (std::uint64_t bits = a.interests[std::size_t(word)]; bits; bits &= bits - 1)
        out[count++] = std::uint32_t(word * 64 + std::countr_zero(bits));
    return count;
  }

  bool usable_ = false;
  Weights weights_{};
  float inverse_total_[2] = {0, 0};  // without and with work
  float inverse_age_span_ = 0;
  std::vector<float> rarity_;
  // One column a field, by position.
  std::array<std::vector<std::uint32_t>, 4> interest_words_;
  std::array<std::vector<std::uint32_t>, 2> sector_words_;    // all 64 bits: the work part must be exact
  std::array<std::vector<std::uint32_t>, 4> language_words_;  // usable low, high; practice low, high
  std::vector<std::uint32_t> traits_, gender_preference_;
  std::vector<float> birth_year_, interest_weight_sum_;
  std::vector<std::int32_t> field_, occupation_;
};

}  // namespace blendin::core
