// [SECTION] Compact profiles
// [SECTION] Hard constraints
// [SECTION] Score parts
// [SECTION] Explanations
#include <blendin/core/geo.hpp>
#include <blendin/core/score.hpp>

#include <algorithm>
#include <bit>
#include <cmath>

namespace blendin::core {

namespace {

int bit_count(std::uint64_t bits) { return std::popcount(bits); }

std::uint8_t enum_bits(std::uint8_t bits) { return bits; }

double clamp01(double value) { return value < 0 ? 0 : (value > 1 ? 1 : value); }

}  // namespace

const char* to_string(Constraint constraint) {
  switch (constraint) {
    case Constraint::role: return "role";
    case Constraint::language: return "language";
    case Constraint::distance: return "distance";
    case Constraint::gender: return "gender";
    case Constraint::pillar: return "pillar";
  }
  return "?";
}

bool meeting_styles_compatible(MeetingStyle a, MeetingStyle b) {
  return a == MeetingStyle::either || b == MeetingStyle::either || a == b;
}

double distance_km(const CompactProfile& a, const CompactProfile& b) {
  return distance_km(a.lat, a.lon, b.lat, b.lon);
}

ScoringModel::ScoringModel(const Taxonomy& taxonomy, ScoreWeights weights)
    : taxonomy_(taxonomy), weights_(weights) {
  taxonomy_.interest_rarity.resize(taxonomy_.interests.size(), 1.0);
  auto fill = [](std::unordered_map<std::string, int>& positions, const std::vector<std::string>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) positions.emplace(ids[i], int(i));
  };
  fill(interest_positions_, taxonomy_.interests);
  fill(sector_positions_, taxonomy_.sectors);
  fill(occupation_positions_, taxonomy_.occupations);
  fill(language_positions_, known_languages());
}

std::optional<int> ScoringModel::position(const std::unordered_map<std::string, int>& positions,
                                          const std::string& id) const {
  auto found = positions.find(id);
  if (found == positions.end()) return std::nullopt;
  return found->second;
}

// [SECTION] Compact profiles

CompactProfile ScoringModel::compact(const Profile& profile) const {
  CompactProfile c;
  for (const auto& interest : profile.interests)
    if (auto index = position(interest_positions_, interest); index && *index < max_interests)
      c.interests[std::size_t(*index) / 64] |= std::uint64_t(1) << (*index % 64);
  for (const auto& skill : profile.languages)
    if (auto index = position(language_positions_, skill.code); index && skill.level >= usable_language_level)
      c.usable_languages |= std::uint64_t(1) << *index;
  const auto& sectors = profile.role == Role::newcomer ? profile.work.sought_sectors : profile.work.network_sectors;
  for (const auto& sector : sectors)
    if (auto index = position(sector_positions_, sector); index && *index < max_sectors)
      c.sectors |= std::uint64_t(1) << *index;
  c.lat = profile.lat;
  c.lon = profile.lon;
  c.interest_weight_sum = rarity_sum(c.interests);
  c.max_distance_km = float(profile.max_distance_km);
  c.birth_year = std::int16_t(profile.birth_year);
  if (auto index = position(sector_positions_, profile.field)) c.field = std::int16_t(*index);
  const auto& occupation = profile.role == Role::newcomer ? profile.work.sought_occupation : profile.work.occupation;
  if (auto index = position(occupation_positions_, occupation)) c.occupation = std::int16_t(*index);
  c.role = profile.role;
  c.pillars = profile.pillars;
  c.availability = profile.availability;
  if (profile.gender) c.gender.insert(*profile.gender);
  c.gender_preference = profile.gender_preference;
  c.meeting_style = profile.meeting_style;
  return c;
}

double ScoringModel::rarity_sum(const std::array<std::uint64_t, 2>& interests) const {
  // Always in bit order, so that every caller adds the same numbers in the same order.
  double sum = 0;
  for (std::size_t word = 0; word < interests.size(); ++word)
    for (std::uint64_t bits = interests[word]; bits; bits &= bits - 1)
      sum += taxonomy_.interest_rarity[word * 64 + std::size_t(std::countr_zero(bits))];
  return sum;
}

// [SECTION] Hard constraints

std::optional<Constraint> ScoringModel::violated_constraint(const CompactProfile& a, const CompactProfile& b,
                                                            double distance) const {
  if (a.role == b.role) return Constraint::role;
  if ((a.usable_languages & b.usable_languages) == 0) return Constraint::language;
  if (distance > double(a.max_distance_km) || distance > double(b.max_distance_km)) return Constraint::distance;
  // A preference needs the other person's gender to be known and preferred.
  if (!a.gender_preference.empty() && a.gender_preference.intersect(b.gender).empty()) return Constraint::gender;
  if (!b.gender_preference.empty() && b.gender_preference.intersect(a.gender).empty()) return Constraint::gender;
  if (a.pillars.intersect(b.pillars).empty()) return Constraint::pillar;
  return std::nullopt;
}

std::optional<double> ScoringModel::admissible_score(const CompactProfile& a, const CompactProfile& b) const {
  const double distance = distance_km(a, b);
  if (violated_constraint(a, b, distance)) return std::nullopt;
  return score(a, b, distance);
}

// [SECTION] Score parts

double ScoringModel::interest_part(double shared_sum, double sum_a, double sum_b) {
  // Weighted Dice coefficient: symmetric, 1 when both have exactly the same interests.
  const double total = sum_a + sum_b;
  return total > 0 ? clamp01(2.0 * shared_sum / total) : 0.0;
}

double ScoringModel::distance_part(double distance) const {
  const double half = weights_.distance_half_km;
  return half / (half + distance);
}

ScoreParts ScoringModel::parts(const CompactProfile& a, const CompactProfile& b, double distance) const {
  ScoreParts parts;
  const std::array<std::uint64_t, 2> shared{a.interests[0] & b.interests[0], a.interests[1] & b.interests[1]};
  parts.interests = interest_part(rarity_sum(shared), a.interest_weight_sum, b.interest_weight_sum);
  parts.age = clamp01(1.0 - std::abs(double(a.birth_year) - double(b.birth_year)) / weights_.age_span_years);
  parts.distance = distance_part(distance);
  const int shared_moments = bit_count(enum_bits(a.availability.bits & b.availability.bits));
  const int all_moments = bit_count(enum_bits(a.availability.bits | b.availability.bits));
  parts.availability = all_moments ? double(shared_moments) / double(all_moments) : 0.0;
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

double ScoringModel::combine(const ScoreParts& p) const {
  const auto& w = weights_;
  double weighted = w.interests * p.interests + w.age * p.age + w.distance * p.distance +
                    w.availability * p.availability + w.field * p.field;
  double total = w.interests + w.age + w.distance + w.availability + w.field;
  if (p.work_applies) {
    weighted += w.work * p.work;
    total += w.work;
  }
  return total > 0 ? clamp01(weighted / total) : 0.0;
}

// [SECTION] Explanations

Explanation ScoringModel::explain(const Profile& a, const Profile& b, int reference_year) const {
  const CompactProfile ca = compact(a), cb = compact(b);
  const double distance = distance_km(ca, cb);
  const ScoreParts p = parts(ca, cb, distance);

  Explanation e;
  for (std::size_t i = 0; i < taxonomy_.interests.size() && i < std::size_t(max_interests); ++i) {
    const std::uint64_t bit = std::uint64_t(1) << (i % 64);
    if (ca.interests[i / 64] & cb.interests[i / 64] & bit) e.shared_interests.push_back(taxonomy_.interests[i]);
  }
  e.distance_km = std::round(distance * 10.0) / 10.0;
  e.age_a = reference_year - a.birth_year;
  e.age_b = reference_year - b.birth_year;
  for (const auto& skill_a : a.languages)
    for (const auto& skill_b : b.languages)
      if (skill_a.code == skill_b.code && skill_a.level >= usable_language_level && skill_b.level >= usable_language_level)
        e.shared_languages.push_back({skill_a.code, skill_a.level, skill_b.level});
  for (int i = 0; i < pillar_count; ++i)
    if (a.pillars.contains(Pillar(i)) && b.pillars.contains(Pillar(i))) e.shared_pillars.push_back(Pillar(i));
  for (int i = 0; i < availability_count; ++i)
    if (a.availability.contains(Availability(i)) && b.availability.contains(Availability(i)))
      e.shared_availability.push_back(Availability(i));
  if (p.field > 0) e.shared_field = a.field;
  if (p.work_applies) {
    const auto& newcomer = a.role == Role::newcomer ? a : b;
    const auto& local = a.role == Role::newcomer ? b : a;
    for (const auto& sector : newcomer.work.sought_sectors)
      if (std::find(local.work.network_sectors.begin(), local.work.network_sectors.end(), sector) !=
          local.work.network_sectors.end())
        e.shared_sectors.push_back(sector);
    e.occupation_fit = !newcomer.work.sought_occupation.empty() && newcomer.work.sought_occupation == local.work.occupation;
  }
  e.meeting_style_compatible = meeting_styles_compatible(a.meeting_style, b.meeting_style);

  const auto& w = weights_;
  const double total = w.interests + w.age + w.distance + w.availability + w.field + (p.work_applies ? w.work : 0.0);
  auto add = [&](const char* name, double value, double weight) {
    const double normalised = total > 0 ? weight / total : 0.0;
    e.parts.push_back({name, value, normalised, value * normalised});
  };
  add("interests", p.interests, w.interests);
  add("age", p.age, w.age);
  add("distance", p.distance, w.distance);
  add("availability", p.availability, w.availability);
  add("field", p.field, w.field);
  if (p.work_applies) add("work", p.work, w.work);
  return e;
}

}  // namespace blendin::core
