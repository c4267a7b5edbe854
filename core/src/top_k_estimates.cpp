#include "top_k_estimates.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>

namespace blendin::core {

// On x86-64 the estimates are also compiled for AVX2 (a whole block in one
// vector), chosen when the processor has it; the result does not depend on it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define BLENDIN_ESTIMATE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define BLENDIN_ESTIMATE_CLONES
#endif

ScoreEstimates::ScoreEstimates(const ScoringModel& model, const std::vector<CompactProfile>& compact) {
  const auto& w = model.weights();
  const auto& rarity = model.taxonomy().interest_rarity;
  // Estimates only where float rounding stays tiny: rarities well inside a
  // float's range, and sums of weights (valid weights are 0 to 1000 each) that
  // are 0 or large enough for their inverse to be a float. Anywhere else every
  // pair is scored exactly.
  double totals[2];
  for (int work = 0; work < 2; ++work)
    totals[work] = w.interests + w.age + w.distance + w.availability + w.field + (work ? w.work : 0.0);
  usable_ = std::all_of(std::begin(totals), std::end(totals), [](double total) { return total == 0 || total >= 1e-6; }) &&
            std::all_of(rarity.begin(), rarity.end(), [](double r) { return r > 0 && r < 1e6; });
  if (!usable_) return;
  weights_ = {float(w.interests), float(w.age), float(w.distance), float(w.availability), float(w.field), float(w.work)};
  for (int work = 0; work < 2; ++work) inverse_total_[work] = float(totals[work] > 0 ? 1.0 / totals[work] : 0.0);
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
    language_words_[0][p] = std::uint32_t(c.languages.usable);
    language_words_[1][p] = std::uint32_t(c.languages.usable >> 32);
    language_words_[2][p] = std::uint32_t(c.languages.practice);
    language_words_[3][p] = std::uint32_t(c.languages.practice >> 32);
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

BLENDIN_ESTIMATE_CLONES
std::uint32_t ScoreEstimates::promising(const CompactProfile& a, float distance_part, float threshold_a, const float* thresholds,
                                        std::uint32_t first, std::uint32_t count, std::uint32_t* offsets,
                                        float* estimates) const {
  std::array<std::uint32_t, max_interests> interests_of_a;
  const std::size_t interest_count = interest_indices(a, interests_of_a.data());
  const std::uint32_t usable_a_low = std::uint32_t(a.languages.usable), usable_a_high = std::uint32_t(a.languages.usable >> 32);
  const std::uint32_t practice_a_low = std::uint32_t(a.languages.practice),
                      practice_a_high = std::uint32_t(a.languages.practice >> 32);
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
    FloatBlock shared_block{};
    add_shared_rarity(shared_block, interests_of_a.data(), interest_count, base);
    float shared[block];
    std::memcpy(shared, &shared_block, sizeof shared);
    // Branch-free, so that the compiler vectorises it: selects, no lookups.
    std::uint32_t keep[block];
    float kept_estimate[block];
    const auto [traits, gender_preference, usable_low, usable_high, practice_low, practice_high, sectors_low, sectors_high,
                interest_weight_sum, birth_year, field, occupation] = columns_at(base);
    const float* their_thresholds = thresholds + base;
    for (std::uint32_t j = 0; j < block; ++j) {  // past `size` too: those are not read
      const std::uint32_t traits_b = traits[j];
      const std::uint32_t both = traits_a & traits_b;
      // Gender: a preference needs the other's gender (traits bits 8-15 hold it).
      const std::uint32_t gender_ok = ((preference_a == 0) | ((preference_a & (traits_b >> 8)) != 0)) &
                                      ((gender_preference[j] == 0) | ((gender_preference[j] & gender_a) != 0));
      // common_languages, word by word.
      const std::uint32_t languages_shared = (usable_a_low & usable_low[j]) | (usable_a_high & usable_high[j]) |
                                             (practice_a_low & practice_low[j]) | (practice_a_high & practice_high[j]);
      const std::uint32_t admissible = (languages_shared != 0) & ((both & pillar_mask) != 0) & gender_ok;
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

}  // namespace blendin::core
