// [SECTION] Compact profiles
// [SECTION] Hard constraints
// [SECTION] Score parts
// [SECTION] Explanations
#include <blendin/core/geo.hpp>
#include <blendin/core/score.hpp>
#include <blendin/core/validate.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace blendin::core {

namespace {

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

double distance_km(const CompactProfile& a, const CompactProfile& b) { return distance_km(a.lat, a.lon, b.lat, b.lon); }

ScoringModel::ScoringModel(const Taxonomy& taxonomy, ScoreWeights weights) : taxonomy_(taxonomy) {
  set_weights(weights);
  taxonomy_.interest_rarity.resize(taxonomy_.interests.size(), 1.0);
  auto fill = [](std::unordered_map<std::string, int>& positions, const std::vector<std::string>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) positions.emplace(ids[i], int(i));
  };
  fill(interest_positions_, taxonomy_.interests);
  fill(sector_positions_, taxonomy_.sectors);
  fill(occupation_positions_, taxonomy_.occupations);
  fill(language_positions_, known_languages());
  for (unsigned a = 0; a < 8; ++a)
    for (unsigned b = 0; b < 8; ++b) {
      const int shared = std::popcount(a & b), either = std::popcount(a | b);
      availability_by_sets_[a << 3 | b] = either ? double(shared) / double(either) : 0.0;
    }
}

void ScoringModel::set_weights(const ScoreWeights& weights) {
  if (const auto problems = validate_weights(weights); !problems.empty()) throw Refused(problems);
  weights_ = weights;
  for (std::size_t gap = 0; gap < age_by_gap_.size(); ++gap) age_by_gap_[gap] = age_part_of_gap(int(gap));
  const auto& w = weights_;
  const double total = w.interests + w.age + w.distance + w.availability + w.field;
  inverse_total_[0] = total > 0 ? 1.0 / total : 0.0;
  inverse_total_[1] = total + w.work > 0 ? 1.0 / (total + w.work) : 0.0;
}

double ScoringModel::age_part_of_gap(int gap) const { return clamp01(1.0 - double(gap) / weights_.age_span_years); }

std::optional<int> ScoringModel::position(const std::unordered_map<std::string, int>& positions, const std::string& id) const {
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
  for (const auto& skill : profile.languages) {
    const auto index = position(language_positions_, skill.code);
    if (!index) continue;
    const std::uint64_t bit = std::uint64_t(1) << *index;
    if (skill.level >= usable_language_level) c.languages.usable |= bit;
    const bool practice = profile.role == Role::newcomer || (profile.welcomes_beginners && skill.level >= fluent_language_level);
    if (practice) c.languages.practice |= bit;
  }
  const auto& sectors = profile.role == Role::newcomer ? profile.work.sought_sectors : profile.work.network_sectors;
  for (const auto& sector : sectors)
    if (auto index = position(sector_positions_, sector); index && *index < max_sectors) c.sectors |= std::uint64_t(1) << *index;
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

// [SECTION] Hard constraints

std::optional<double> ScoringModel::admissible_score(const CompactProfile& a, const CompactProfile& b) const {
  const double distance = distance_km(a, b);
  if (violated_constraint(a, b, distance)) return std::nullopt;
  return score(a, b, distance);
}

// [SECTION] Score parts

// [SECTION] Explanations

Explanation ScoringModel::explain(const Profile& a, const Profile& b, int reference_year) const {
  return explain(a, b, compact(a), compact(b), reference_year);
}

Explanation ScoringModel::explain(const Profile& a, const Profile& b, const CompactProfile& ca, const CompactProfile& cb,
                                  int reference_year) const {
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
  // The same rule as ConversationLanguages, language by language.
  auto practises = [](const Profile& newcomer, const Profile& local, LanguageLevel local_level) {
    return newcomer.role == Role::newcomer && local.role == Role::local && local.welcomes_beginners &&
           local_level >= fluent_language_level;
  };
  for (const auto& skill_a : a.languages)
    for (const auto& skill_b : b.languages) {
      if (skill_a.code != skill_b.code) continue;
      if (skill_a.level >= usable_language_level && skill_b.level >= usable_language_level)
        e.shared_languages.push_back({skill_a.code, skill_a.level, skill_b.level, false});
      else if (practises(a, b, skill_b.level) || practises(b, a, skill_a.level))
        e.shared_languages.push_back({skill_a.code, skill_a.level, skill_b.level, true});
    }
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
  auto add = [&](const char* name, double value, double weight) {
    const double normalised = weight * inverse_total_[p.work_applies];
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
