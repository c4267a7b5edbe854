// How well a newcomer and a local fit: hard constraints first, then a score in
// [0, 1] made of weighted parts, each explained as data so that any interface
// can say it in any language. The rules are documented in docs/matching.md.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <blendin/core/pool.hpp>

namespace blendin::core {

// [SECTION] Weights

// Relative weights of the score's parts; the score divides by the sum of the
// weights that apply to a pair (work only applies when both want Work). Their
// ranges are in validate.hpp (validate_weights).
struct ScoreWeights {
  double interests = 0.35;      // shared interests, weighted by rarity
  double age = 0.15;            // age closeness
  double distance = 0.20;       // distance decay
  double availability = 0.10;   // overlapping moments in the week
  double field = 0.05;          // the same study or work field
  double work = 0.15;           // Work pillar: sector and occupation fit
  double age_span_years = 25;   // an age gap of this many years or more scores 0
  double distance_half_km = 5;  // the distance at which the distance part is 0.5
};

// [SECTION] Hard constraints, checked in both directions

enum class Constraint : std::uint8_t {
  role,      // one newcomer and one local
  language,  // a language both speak at A2 or better, or language practice (see ConversationLanguages)
  distance,  // within both people's maximum travel distance
  gender,    // each one's gender preference, when given, is met
  pillar,    // at least one pillar both want
};
inline constexpr int constraint_count = 5;
const char* to_string(Constraint constraint);

// [SECTION] Compact profiles

// The languages a person can talk in, as two bitsets over known_languages().
// Two people can talk when they share a bit of either set:
// - usable: the languages they speak at A2 or better (everyone);
// - practice: a newcomer's languages at any level; a local's at C1 or better
//   when the local welcomes beginners; nothing for other locals.
// Every admissible pair is one newcomer and one local, so practice bits meet
// only between a newcomer and a local who welcomes beginners.
struct ConversationLanguages {
  std::uint64_t usable = 0;
  std::uint64_t practice = 0;
  std::uint64_t any() const { return usable | practice; }
  ConversationLanguages& operator|=(const ConversationLanguages& other) {
    usable |= other.usable;
    practice |= other.practice;
    return *this;
  }
  auto operator<=>(const ConversationLanguages&) const = default;
};
// The languages a and b can talk in together (bit i = known_languages()[i]).
// For unions of several people's sets (an area) it holds the languages some
// pair among them can talk in.
inline std::uint64_t common_languages(const ConversationLanguages& a, const ConversationLanguages& b) {
  return (a.usable & b.usable) | (a.practice & b.practice);
}

// A profile reduced to what scoring reads, about 80 bytes: bitsets instead of
// id lists. Built once per pool; the index and the brute-force scan share it.
struct CompactProfile {
  std::array<std::uint64_t, 2> interests{};  // bit i = taxonomy.interests[i]
  ConversationLanguages languages;
  std::uint64_t sectors = 0;  // newcomer: sought; local: network
  double lat = 0, lon = 0;
  double interest_weight_sum = 0;  // sum of own interests' rarity, in bit order
  float max_distance_km = 0;
  std::int16_t birth_year = 0;
  std::int16_t field = -1;       // sector index, -1 none
  std::int16_t occupation = -1;  // newcomer: sought; local: own; -1 none
  Role role = Role::newcomer;
  PillarSet pillars;
  AvailabilitySet availability;
  GenderSet gender;             // empty when not given
  GenderSet gender_preference;  // empty: no preference
  MeetingStyle meeting_style = MeetingStyle::either;
};

// [SECTION] Scores and explanations

struct ScoreParts {
  double interests = 0, age = 0, distance = 0, availability = 0, field = 0, work = 0;
  bool work_applies = false;
};

struct ExplanationPart {
  std::string name;         // "interests", "age", "distance", "availability", "field", "work"
  double value = 0;         // the part on its own, in [0, 1]
  double weight = 0;        // its normalised weight for this pair
  double contribution = 0;  // value * weight; the parts' contributions add up to the score
};

// A language the pair can talk in. `practice`: one of them speaks it below A2
// and the other, a local who welcomes beginners, at C1 or better; the pair
// talks in it as language practice.
struct SharedLanguage {
  std::string code;
  LanguageLevel level_a = LanguageLevel::a1;
  LanguageLevel level_b = LanguageLevel::a1;
  bool practice = false;
};

// Why a pair scores as it does, as data: "a" is the person the question is
// about, "b" the candidate.
struct Explanation {
  std::vector<std::string> shared_interests;  // in taxonomy order
  double distance_km = 0;                     // rounded to 0.1 km
  int age_a = 0, age_b = 0;
  std::vector<SharedLanguage> shared_languages;  // in a's order of languages
  std::vector<Pillar> shared_pillars;
  std::vector<Availability> shared_availability;
  std::string shared_field;                 // empty when none
  std::vector<std::string> shared_sectors;  // Work: sought sectors the local's network reaches
  bool occupation_fit = false;              // Work: the local works in the occupation sought
  bool meeting_style_compatible = true;     // alone / with friends
  std::vector<ExplanationPart> parts;
};

class ScoringModel {
 public:
  // Throws Refused (problem.hpp) for weights that validate_weights refuses.
  ScoringModel(const Taxonomy& taxonomy, ScoreWeights weights = {});

  const Taxonomy& taxonomy() const { return taxonomy_; }
  const ScoreWeights& weights() const { return weights_; }
  // Scores with other weights from now on: the tables made from them are made
  // again, nothing made from the taxonomy. Refused weights (Refused)
  // leave the model as it was.
  void set_weights(const ScoreWeights& weights);

  // Assumes a valid profile (see validate_profile); unknown ids are ignored.
  CompactProfile compact(const Profile& profile) const;

  // The first hard constraint the pair breaks, or nothing when admissible.
  std::optional<Constraint> violated_constraint(const CompactProfile& a, const CompactProfile& b, double distance_km) const;
  ScoreParts parts(const CompactProfile& a, const CompactProfile& b, double distance_km) const {
    return parts_at(a, b, distance_part(distance_km));
  }
  // The same, given the distance part: the index computes it once per area.
  inline ScoreParts parts_at(const CompactProfile& a, const CompactProfile& b, double distance_part) const;
  // sum(weight * part) / sum(weights that apply), monotone in every part.
  double combine(const ScoreParts& p) const {
    const auto& w = weights_;
    double weighted =
        w.interests * p.interests + w.age * p.age + w.distance * p.distance + w.availability * p.availability + w.field * p.field;
    if (p.work_applies) weighted += w.work * p.work;
    const double share = weighted * inverse_total_[p.work_applies];
    return share < 0 ? 0 : (share > 1 ? 1 : share);
  }
  double score(const CompactProfile& a, const CompactProfile& b, double distance_km) const {
    return combine(parts(a, b, distance_km));
  }
  // The score when admissible; nothing otherwise.
  std::optional<double> admissible_score(const CompactProfile& a, const CompactProfile& b) const;

  Explanation explain(const Profile& a, const Profile& b, int reference_year) const;
  // The same, given their compact forms (MatchIndex::compact keeps them), so
  // that the taxonomy's ids are not looked up again.
  Explanation explain(const Profile& a, const Profile& b, const CompactProfile& ca, const CompactProfile& cb,
                      int reference_year) const;

  // The interest part of the score given the rarity-weight sums (used by the
  // index to bound a whole area's best possible interest part).
  static double interest_part(double shared_sum, double sum_a, double sum_b);
  double distance_part(double distance_km) const { return weights_.distance_half_km / (weights_.distance_half_km + distance_km); }
  double age_part(const CompactProfile& a, const CompactProfile& b) const {
    const int gap = a.birth_year > b.birth_year ? a.birth_year - b.birth_year : b.birth_year - a.birth_year;
    return gap < int(age_by_gap_.size()) ? age_by_gap_[std::size_t(gap)] : age_part_of_gap(gap);
  }
  double rarity_sum(const std::array<std::uint64_t, 2>& interests) const {
    // Always in bit order, so that every caller adds the same numbers in the same order.
    double sum = 0;
    for (std::size_t word = 0; word < interests.size(); ++word)
      for (std::uint64_t bits = interests[word]; bits; bits &= bits - 1)
        sum += taxonomy_.interest_rarity[word * 64 + std::size_t(std::countr_zero(bits))];
    return sum;
  }

 private:
  std::optional<int> position(const std::unordered_map<std::string, int>& positions, const std::string& id) const;
  double age_part_of_gap(int gap) const;

  Taxonomy taxonomy_;
  ScoreWeights weights_;
  // Precomputed once, with the same expressions as the rules: the same bits.
  std::array<double, 128> age_by_gap_{};           // age part for a gap of i years
  std::array<double, 64> availability_by_sets_{};  // availability part for (a << 3) | b
  double inverse_total_[2] = {0, 0};               // 1 / sum of weights, without and with work
  // id -> position, for building compact profiles quickly
  std::unordered_map<std::string, int> interest_positions_, sector_positions_, occupation_positions_, language_positions_;
};

inline ScoreParts ScoringModel::parts_at(const CompactProfile& a, const CompactProfile& b, double distance_part) const {
  ScoreParts parts;
  const std::array<std::uint64_t, 2> shared{a.interests[0] & b.interests[0], a.interests[1] & b.interests[1]};
  parts.interests = interest_part(rarity_sum(shared), a.interest_weight_sum, b.interest_weight_sum);
  parts.age = age_part(a, b);
  parts.distance = distance_part;
  parts.availability = availability_by_sets_[std::size_t((a.availability.bits & 7) << 3 | (b.availability.bits & 7))];
  parts.field = (a.field >= 0 && a.field == b.field) ? 1.0 : 0.0;
  parts.work_applies = a.pillars.contains(Pillar::work) && b.pillars.contains(Pillar::work);
  if (parts.work_applies) {
    // The newcomer's sought sectors against the local's network; the sought
    // occupation against the local's own.
    const bool sector_fit = (a.sectors & b.sectors) != 0;
    const bool occupation_fit = a.occupation >= 0 && a.occupation == b.occupation;
    parts.work = (sector_fit ? 0.6 : 0.0) + (occupation_fit ? 0.4 : 0.0);
  }
  return parts;
}

inline double ScoringModel::interest_part(double shared_sum, double sum_a, double sum_b) {
  // Weighted Dice coefficient: symmetric, 1 when both have exactly the same interests.
  const double total = sum_a + sum_b;
  if (total <= 0) return 0.0;
  const double part = 2.0 * shared_sum / total;
  return part > 1 ? 1 : part;
}

inline std::optional<Constraint> ScoringModel::violated_constraint(const CompactProfile& a, const CompactProfile& b,
                                                                   double distance) const {
  if (a.role == b.role) return Constraint::role;
  if (common_languages(a.languages, b.languages) == 0) return Constraint::language;
  if (distance > double(a.max_distance_km) || distance > double(b.max_distance_km)) return Constraint::distance;
  // A preference needs the other person's gender to be known and preferred.
  if (!a.gender_preference.empty() && a.gender_preference.intersect(b.gender).empty()) return Constraint::gender;
  if (!b.gender_preference.empty() && b.gender_preference.intersect(a.gender).empty()) return Constraint::gender;
  if (a.pillars.intersect(b.pillars).empty()) return Constraint::pillar;
  return std::nullopt;
}

double distance_km(const CompactProfile& a, const CompactProfile& b);
bool meeting_styles_compatible(MeetingStyle a, MeetingStyle b);

}  // namespace blendin::core
