#include "words.hpp"

#include <blendin/core/public_view.hpp>
#include <blendin/core/wire.hpp>

#include <cmath>
#include <cstdio>

namespace blendin::explorer {

namespace {

// One decimal below 10 km, with the language's decimal mark ("0,8" in Dutch).
std::string kilometres(double km, const Catalog& c) {
  char text[32];
  if (km < 10)
    std::snprintf(text, sizeof text, "%.1f", km);
  else
    std::snprintf(text, sizeof text, "%.0f", km);
  std::string out = text;
  if (const auto dot = out.find('.'); dot != std::string::npos) out.replace(dot, 1, c.t("explorer_decimal_mark"));
  return out;
}

}  // namespace

std::string shown_age(int age) { return core::age_band_text(core::age_band_of(age)); }

std::string list_words(const std::vector<std::string>& items, const Catalog& catalog) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? catalog.t("explorer_list_and") : catalog.t("explorer_list_separator");
    out += items[i];
  }
  return out;
}

std::string explanation_words(const core::Explanation& e, const Catalog& c) {
  std::vector<std::string> phrases;
  if (!e.shared_interests.empty()) {
    std::vector<std::string> names;
    for (const auto& id : e.shared_interests) names.push_back(c.label(c.interests(), id));
    if (names.size() > 3) names.resize(3);
    phrases.push_back(c.format("explorer_why_interests", {{"list", list_words(names, c)}}));
  }
  phrases.push_back(c.format("explorer_why_distance", {{"km", kilometres(e.distance_km, c)}}));
  std::vector<std::string> names;
  const core::SharedLanguage* practice = nullptr;  // the first language they would practise
  for (const auto& language : e.shared_languages) {
    if (!language.practice)
      names.push_back(c.label(c.languages(), language.code));
    else if (!practice)
      practice = &language;
  }
  if (names.size() > 2) names.resize(2);
  if (!names.empty()) phrases.push_back(c.format("explorer_why_languages", {{"list", list_words(names, c)}}));
  if (practice) {
    // The visitor is "a": the one below A2 is the one who practises.
    const bool visitor_learns = practice->level_a < core::usable_language_level;
    phrases.push_back(c.format(visitor_learns ? "explorer_why_practice_learner" : "explorer_why_practice_host",
                               {{"language", c.label(c.languages(), practice->code)}}));
  }
  if (!e.shared_field.empty())
    phrases.push_back(c.format("explorer_why_field", {{"field", c.label(c.sectors(), e.shared_field)}}));
  if (!e.shared_sectors.empty()) {
    std::vector<std::string> names;
    for (const auto& id : e.shared_sectors) names.push_back(c.label(c.sectors(), id));
    phrases.push_back(c.format("explorer_why_network", {{"list", list_words(names, c)}}));
  }
  if (e.occupation_fit) phrases.push_back(c.t("explorer_why_occupation"));
  if (!e.shared_availability.empty()) {
    std::vector<std::string> moments;
    for (auto moment : e.shared_availability)
      moments.push_back(c.t(std::string("explorer_availability_") + core::to_string(moment)));
    phrases.push_back(c.format("explorer_why_time", {{"list", list_words(moments, c)}}));
  }
  if (!e.meeting_style_compatible) phrases.push_back(c.t("explorer_why_style_differs"));
  std::string out;
  for (const auto& phrase : phrases) {
    if (!out.empty()) out += " · ";
    out += phrase;
  }
  return out;
}

std::vector<std::string> reach_words(const core::MatchIndex::Exclusions& reach, bool none, core::Role role, const Catalog& c,
                                     const std::vector<core::MatchIndex::WhatIf>& changes_found) {
  std::vector<std::string> lines;
  std::size_t others = reach.admissible + reach.by_filters;
  for (std::size_t count : reach.by_constraint) others += count;
  others -= reach.by_constraint[std::size_t(core::Constraint::role)];
  const char* who = role == core::Role::newcomer ? "explorer_others_locals" : "explorer_others_newcomers";
  lines.push_back(
      c.format(none ? "explorer_reach_none" : "explorer_reach_few", {{"count", std::to_string(others)}, {"others", c.t(who)}}));
  struct Line {
    core::Constraint constraint;
    const char* excluded;
    const char* change;
  };
  static const Line causes[] = {
      {core::Constraint::language, "explorer_excluded_language", "explorer_change_language"},
      {core::Constraint::distance, "explorer_excluded_distance", "explorer_change_distance"},
      {core::Constraint::gender, "explorer_excluded_gender", "explorer_change_gender"},
      {core::Constraint::pillar, "explorer_excluded_pillar", "explorer_change_pillar"},
  };
  std::vector<std::string> changes;
  for (const auto& cause : causes) {
    const std::size_t count = reach.by_constraint[std::size_t(cause.constraint)];
    if (count == 0) continue;
    lines.push_back(c.format(cause.excluded, {{"count", std::to_string(count)}}));
    changes.push_back(c.t(cause.change));
  }
  if (reach.by_filters > 0) {
    lines.push_back(c.format("explorer_excluded_filters", {{"count", std::to_string(reach.by_filters)}}));
    changes.push_back(c.t("explorer_change_filters"));
  }
  if (!changes.empty()) lines.push_back(c.format("explorer_what_would_change", {{"list", list_words(changes, c)}}));
  for (const auto& change : changes_found) {
    if (change.admissible == 0) continue;  // only a change that would let someone fit
    const std::string key = std::string("explorer_whatif_") + core::wire::to_string(change.change);
    const std::string distance =
        c.format("explorer_km", {{"km", std::to_string(static_cast<long long>(std::lround(change.max_distance_km)))}});
    lines.push_back(c.format(key.c_str(), {{"count", std::to_string(change.admissible)}, {"distance", distance}}));
  }
  return lines;
}

std::string unmatched_words(const core::UnmatchedPerson& person, const Catalog& c) {
  switch (person.reason) {
    case core::UnmatchedReason::no_admissible_candidate: {
      // The constraint that excluded the most people names the cause.
      std::size_t most = 0, count = 0;
      for (std::size_t i = 0; i < person.excluded_by.size(); ++i)
        if (person.excluded_by[i] > count) most = i, count = person.excluded_by[i];
      if (person.excluded_by_round_pillar > count) return c.t("explorer_unmatched_round_pillar");
      return c.format("explorer_unmatched_none",
                      {{"constraint", c.t(std::string("explorer_constraint_") + core::to_string(core::Constraint(most)))},
                       {"count", std::to_string(count)}});
    }
    case core::UnmatchedReason::all_candidates_forbidden:
      return c.format("explorer_unmatched_forbidden", {{"count", std::to_string(person.candidates)}});
    case core::UnmatchedReason::capacity_exhausted:
      return c.format("explorer_unmatched_full", {{"count", std::to_string(person.candidates - person.forbidden)}});
    case core::UnmatchedReason::candidates_matched_elsewhere:
      return c.format("explorer_unmatched_elsewhere", {{"count", std::to_string(person.candidates - person.forbidden)}});
    case core::UnmatchedReason::not_chosen: return c.t("explorer_unmatched_not_chosen");
  }
  return {};
}

}  // namespace blendin::explorer
