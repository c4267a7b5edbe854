// How well a newcomer and a local fit: hard constraints first, then a score in
// [0, 1] made of weighted parts, each explained as data so that any interface
// can say it in any language. The rules are documented in docs/matching.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <blendin/core/pool.hpp>

namespace blendin::core {

// [SECTION] Weights

// Relative weights of the score's parts; the score divides by the sum of the
// weights that apply to a pair (work only applies when both want Work).
struct ScoreWeights {
  double interests = 0.35;     // shared interests, weighted by rarity
  double age = 0.15;           // age closeness
  double distance = 0.20;      // distance decay
  double availability = 0.10;  // overlapping moments in the week
  double field = 0.05;         // the same study or work field
  double work = 0.15;          // Work pillar: sector and occupation fit
  double age_span_years = 25;  // an age gap of this many years or more scores 0
  double distance_half_km = 5; // the distance at which the distance part is 0.5
};

// [SECTION] Hard constraints, checked in both directions

enum class Constraint : std::uint8_t {
  role,      // one newcomer and one local
  language,  // a shared language that both speak at A2 or better
  distance,  // within both people's maximum travel distance
  gender,    // each one's gender preference, when given, is met
  pillar,    // at least one pillar both want
};
inline constexpr int constraint_count = 5;
const char* to_string(Constraint constraint);

// [SECTION] Compact profiles

// A profile reduced to what scoring reads, about 80 bytes: bitsets instead of
// id lists. Built once per pool; the index and the brute-force scan share it.
struct CompactProfile {
  std::array<std::uint64_t, 2> interests{};  // bit i = taxonomy.interests[i]
  std::uint64_t usable_languages = 0;        // languages spoken at A2 or better
  std::uint64_t sectors = 0;                 // newcomer: sought; local: network
  double lat = 0, lon = 0;
  double interest_weight_sum = 0;            // sum of own interests' rarity, in bit order
  float max_distance_km = 0;
  std::int16_t birth_year = 0;
  std::int16_t field = -1;                   // sector index, -1 none
  std::int16_t occupation = -1;              // newcomer: sought; local: own; -1 none
  Role role = Role::newcomer;
  PillarSet pillars;
  AvailabilitySet availability;
  GenderSet gender;                          // empty when not given
  GenderSet gender_preference;               // empty: no preference
  MeetingStyle meeting_style = MeetingStyle::either;
};

// [SECTION] Scores and explanations

struct ScoreParts {
  double interests = 0, age = 0, distance = 0, availability = 0, field = 0, work = 0;
  bool work_applies = false;
};

struct ExplanationPart {
  std::string name;  // "interests", "age", "distance", "availability", "field", "work"
  double value = 0;         // the part on its own, in [0, 1]
  double weight = 0;        // its normalised weight for this pair
  double contribution = 0;  // value * weight; the parts' contributions add up to the score
};

struct SharedLanguage {
  std::string code;
  LanguageLevel level_a = LanguageLevel::a1;
  LanguageLevel level_b = LanguageLevel::a1;
};

// Why a pair scores as it does, as data: "a" is the person the question is
// about, "b" the candidate.
struct Explanation {
  std::vector<std::string> shared_interests;  // in taxonomy order
  double distance_km = 0;                     // rounded to 0.1 km
  int age_a = 0, age_b = 0;
  std::vector<SharedLanguage> shared_languages;
  std::vector<Pillar> shared_pillars;
  std::vector<Availability> shared_availability;
  std::string shared_field;                   // empty when none
  std::vector<std::string> shared_sectors;    // Work: sought sectors the local's network reaches
  bool occupation_fit = false;                // Work: the local works in the occupation sought
  bool meeting_style_compatible = true;       // alone / with friends
  std::vector<ExplanationPart> parts;
};

class ScoringModel {
 public:
  ScoringModel(const Taxonomy& taxonomy, ScoreWeights weights = {});

  const Taxonomy& taxonomy() const { return taxonomy_; }
  const ScoreWeights& weights() const { return weights_; }

  // Assumes a valid profile (see validate_profile); unknown ids are ignored.
  CompactProfile compact(const Profile& profile) const;

  // The first hard constraint the pair breaks, or nothing when admissible.
  std::optional<Constraint> violated_constraint(const CompactProfile& a, const CompactProfile& b,
                                                double distance_km) const;
  ScoreParts parts(const CompactProfile& a, const CompactProfile& b, double distance_km) const;
  double combine(const ScoreParts& parts) const;
  double score(const CompactProfile& a, const CompactProfile& b, double distance_km) const {
    return combine(parts(a, b, distance_km));
  }
  // The score when admissible; nothing otherwise.
  std::optional<double> admissible_score(const CompactProfile& a, const CompactProfile& b) const;

  Explanation explain(const Profile& a, const Profile& b, int reference_year) const;

  // The interest part of the score given the rarity-weight sums (used by the
  // index to bound a whole area's best possible interest part).
  static double interest_part(double shared_sum, double sum_a, double sum_b);
  double distance_part(double distance_km) const;
  double rarity_sum(const std::array<std::uint64_t, 2>& interests) const;

 private:
  std::optional<int> position(const std::unordered_map<std::string, int>& positions, const std::string& id) const;

  Taxonomy taxonomy_;
  ScoreWeights weights_;
  // id -> position, for building compact profiles quickly
  std::unordered_map<std::string, int> interest_positions_, sector_positions_, occupation_positions_,
      language_positions_;
};

double distance_km(const CompactProfile& a, const CompactProfile& b);
bool meeting_styles_compatible(MeetingStyle a, MeetingStyle b);

}  // namespace blendin::core
