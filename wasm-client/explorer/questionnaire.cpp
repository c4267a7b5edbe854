// The questionnaire's widgets.
#include "questionnaire.hpp"

#include "app.hpp"
#include "js.hpp"
#include "widgets.hpp"

#include <blendin/core/validate.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace blendin::explorer {

namespace {

constexpr const char* level_keys[] = {"explorer_level_a1", "explorer_level_a2", "explorer_level_b1",    "explorer_level_b2",
                                      "explorer_level_c1", "explorer_level_c2", "explorer_level_native"};
constexpr core::Pillar pillars[] = {core::Pillar::social, core::Pillar::culture, core::Pillar::work};
constexpr core::Availability moments[] = {core::Availability::weekday_daytime, core::Availability::weekday_evening,
                                          core::Availability::weekend};

}  // namespace

// [SECTION] drawing
namespace {

std::vector<std::string> labels_of(const std::vector<Labelled>& list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (const auto& item : list) out.push_back(item.label);
  return out;
}

int index_of(const std::vector<Labelled>& list, const std::string& id) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].id == id) return int(i);
  return -1;
}

void draw_about_you(App& app, int reference_year) {
  Answers& a = app.answers;
  const Catalog& c = app.catalog;
  ui::label(c.t("explorer_q_role"));
  ui::flow_begin();
  if (ui::chip("role.newcomer", c.t("explorer_role_newcomer"), a.role == core::Role::newcomer))
    a.role = core::Role::newcomer, app.changed();
  if (ui::chip("role.local", c.t("explorer_role_local"), a.role == core::Role::local)) a.role = core::Role::local, app.changed();
  ui::flow_end();
  ui::hint(c.t("explorer_role_hint"));
  ui::gap();
  if (ui::text_field("birth_year", c.t("explorer_q_birth_year"), a.birth_year, sizeof a.birth_year, true)) app.changed();
  ui::hint(c.format("explorer_birth_year_hint", {{"from", std::to_string(reference_year - core::age_range.max)},
                                                 {"to", std::to_string(reference_year - core::age_range.min)}}));
  ui::gap();
  if (ui::text_field("postcode", c.t("explorer_q_postcode"), a.postcode, 5, true)) app.changed();
  ui::gap();
  if (ui::text_field("town", c.t("explorer_q_town"), a.town_query, sizeof a.town_query, false)) {
    a.place = -1;
    app.changed();
  }
  if (a.place >= 0 && a.place < int(c.places().size())) {
    ui::text("✓ " + c.places()[std::size_t(a.place)].name, ui::colour::accent);
  } else if (std::strlen(a.town_query) >= 2) {
    // The places whose name starts with what was typed, the largest first.
    const std::string typed = c.search_key(a.town_query);
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < c.places().size(); ++i)
      for (const std::string& key : c.places()[i].keys)
        if (key.compare(0, typed.size(), typed) == 0 || key.find(" " + typed) != std::string::npos) {
          found.push_back(i);
          break;
        }
    std::stable_sort(found.begin(), found.end(),
                     [&](std::size_t x, std::size_t y) { return c.places()[x].population > c.places()[y].population; });
    if (found.size() > 6) found.resize(6);
    if (found.empty()) ui::hint(c.t("explorer_town_unknown"));
    ui::flow_begin();
    for (std::size_t i : found) {
      const std::string id = "town." + c.places()[i].keys.front();
      if (ui::chip(id.c_str(), c.places()[i].name, false)) {
        a.place = int(i);
        std::snprintf(a.town_query, sizeof a.town_query, "%s", c.places()[i].name.c_str());
        app.changed();
      }
    }
    ui::flow_end();
  } else {
    ui::hint(c.t("explorer_town_hint"));
  }
}

void draw_languages(App& app) {
  Answers& a = app.answers;
  const Catalog& c = app.catalog;
  ui::label(c.t("explorer_q_languages"));
  static const std::vector<std::string> no_languages;
  const std::vector<std::string> names = labels_of(c.languages());
  std::vector<std::string> codes;
  for (const auto& language : c.languages()) codes.push_back(language.id);
  std::vector<std::string> levels, level_ids;
  for (const char* key : level_keys) levels.push_back(c.t(key));
  for (int level = 0; level < 7; ++level) level_ids.push_back(core::to_string(core::LanguageLevel(level)));
  for (std::size_t i = 0; i < a.languages.size(); ++i) {
    LanguageAnswer& l = a.languages[i];
    const std::string id = "language." + std::to_string(i);
    int chosen = index_of(c.languages(), l.code);
    if (ui::select((id + ".code").c_str(), "", names, &chosen, &codes)) {
      l.code = c.languages()[std::size_t(chosen)].id;
      app.changed();
    }
    if (ui::select((id + ".level").c_str(), "", levels, &l.level, &level_ids)) app.changed();
    if (ui::button((id + ".remove").c_str(), c.t("explorer_remove"))) {
      a.languages.erase(a.languages.begin() + std::ptrdiff_t(i));
      app.changed();
      break;
    }
    ui::gap(6);
  }
  if (a.languages.size() < 8 && ui::button("language.add", c.t("explorer_add_language"))) {
    a.languages.push_back({"", 2});
    app.changed();
  }
  if (a.role == core::Role::local) {
    ui::gap(6);
    ui::flow_begin();
    if (ui::chip("welcomes_beginners", c.t("explorer_welcome_beginners"), a.welcomes_beginners)) {
      a.welcomes_beginners = !a.welcomes_beginners;
      app.changed();
    }
    ui::flow_end();
    ui::hint(c.t("explorer_welcome_beginners_hint"));
  }
}

void draw_interests_and_pillars(App& app) {
  Answers& a = app.answers;
  const Catalog& c = app.catalog;
  ui::label(c.t("explorer_q_interests"));
  ui::flow_begin();
  for (const auto& interest : c.interests()) {
    const bool on = a.interests.count(interest.id) != 0;
    const std::string id = "interest." + interest.id;
    if (ui::chip(id.c_str(), interest.label, on)) {
      if (on)
        a.interests.erase(interest.id);
      else
        a.interests.insert(interest.id);
      app.changed();
    }
  }
  ui::flow_end();
  ui::gap();
  ui::label(c.t("explorer_q_pillars"));
  static const ImU32 tints[] = {ui::colour::social, ui::colour::culture, ui::colour::work};
  ui::flow_begin();
  for (int i = 0; i < 3; ++i) {
    const bool on = a.pillars.contains(pillars[i]);
    const std::string id = std::string("pillar.") + core::to_string(pillars[i]);
    if (ui::chip(id.c_str(), c.t(std::string("pillar_") + core::to_string(pillars[i])), on, tints[i])) {
      a.pillars.bits ^= std::uint8_t(1u << unsigned(pillars[i]));
      app.changed();
    }
  }
  ui::flow_end();
  if (a.pillars.contains(core::Pillar::work)) {
    const bool newcomer = a.role == core::Role::newcomer;
    ui::hint(c.t("explorer_work_hint"));
    ui::label(c.t(newcomer ? "explorer_q_work_sectors_newcomer" : "explorer_q_work_sectors_local"));
    ui::flow_begin();
    for (const auto& sector : c.sectors()) {
      const bool on = a.work_sectors.count(sector.id) != 0;
      const std::string id = "sector." + sector.id;
      if (ui::chip(id.c_str(), sector.label, on, ui::colour::work)) {
        if (on)
          a.work_sectors.erase(sector.id);
        else
          a.work_sectors.insert(sector.id);
        app.changed();
      }
    }
    ui::flow_end();
    // Occupations of the chosen sectors (all of them while none is chosen).
    std::vector<std::string> names{c.t("explorer_none")};
    std::vector<std::string> ids{""};
    for (const auto& occupation : c.occupations())
      if (a.work_sectors.empty() || a.work_sectors.count(occupation.sector)) {
        names.push_back(occupation.label);
        ids.push_back(occupation.id);
      }
    int chosen = int(std::find(ids.begin(), ids.end(), a.occupation) - ids.begin());
    if (chosen >= int(ids.size())) chosen = 0;
    if (ui::select("occupation", c.t(newcomer ? "explorer_q_occupation_newcomer" : "explorer_q_occupation_local"), names, &chosen,
                   &ids)) {
      a.occupation = ids[std::size_t(chosen)];
      app.changed();
    }
  }
  ui::gap();
  std::vector<std::string> fields{c.t("explorer_none")};
  for (const auto& sector : c.sectors()) fields.push_back(sector.label);
  int field = a.field.empty() ? 0 : index_of(c.sectors(), a.field) + 1;
  if (ui::select("field", c.t("explorer_q_field"), fields, &field)) {
    a.field = field == 0 ? std::string() : c.sectors()[std::size_t(field - 1)].id;
    app.changed();
  }
}

void draw_how_to_meet(App& app) {
  Answers& a = app.answers;
  const Catalog& c = app.catalog;
  ui::label(c.t("explorer_q_availability"));
  ui::flow_begin();
  for (auto moment : moments) {
    const std::string id = std::string("availability.") + core::to_string(moment);
    if (ui::chip(id.c_str(), c.t(std::string("explorer_availability_") + core::to_string(moment)),
                 a.availability.contains(moment))) {
      a.availability.bits ^= std::uint8_t(1u << unsigned(moment));
      app.changed();
    }
  }
  ui::flow_end();
  ui::gap();
  ui::label(c.t("explorer_q_meeting_style"));
  ui::flow_begin();
  for (auto style : {core::MeetingStyle::alone, core::MeetingStyle::with_friends, core::MeetingStyle::either}) {
    const std::string id = std::string("style.") + core::to_string(style);
    if (ui::chip(id.c_str(), c.t(std::string("explorer_style_") + core::to_string(style)), a.meeting_style == style)) {
      a.meeting_style = style;
      app.changed();
    }
  }
  ui::flow_end();
  ui::gap();
  const std::string km = c.format("explorer_km", {{"km", std::to_string(int(std::lround(a.max_distance_km)))}});
  if (ui::slider("distance", c.t("explorer_q_distance"), km, &a.max_distance_km, 1, 50, 1)) app.changed();
  ui::gap();
  std::vector<std::string> gender_names{c.t("explorer_gender_woman"), c.t("explorer_gender_man"),
                                        c.t("explorer_gender_nonbinary"), c.t("explorer_gender_unsaid")};
  if (ui::select("gender", c.t("explorer_q_gender"), gender_names, &a.gender)) app.changed();
  std::vector<std::string> meet_names{c.t("explorer_meet_anyone"), c.t("explorer_meet_women"), c.t("explorer_meet_men"),
                                      c.t("explorer_meet_nonbinary")};
  if (ui::select("meet_gender", c.t("explorer_q_meet_gender"), meet_names, &a.meet_gender)) app.changed();
  if (a.meet_gender > 0 && a.gender == 3) ui::hint(c.t("explorer_meet_gender_hint"));
}

}  // namespace

void draw_questionnaire(App& app) {
  const Catalog& c = app.catalog;
  const int year = app.matching.reference_year();
  ui::heading(c.t("explorer_answers_title"));
  ui::hint(c.t("explorer_answers_private"));
  ui::separator();
  draw_about_you(app, year);
  ui::separator();
  draw_languages(app);
  ui::separator();
  draw_interests_and_pillars(app);
  ui::separator();
  draw_how_to_meet(app);
  ui::separator();
  bool remember = app.answers.remember;
  if (ui::checkbox("remember", c.t("explorer_remember"), &remember)) {
    app.answers.remember = remember;
    js::remember_answers(remember ? answers_json(app.answers, c) : std::string());
  }
  if (app.answers.remember && ui::button("forget", c.t("explorer_forget"))) {
    app.answers = Answers();
    js::remember_answers("");
    app.changed();
  }
  ui::gap();
  for (const auto& problem : answer_problems(app.answers, c, year))
    ui::text_wrapped(c.format(problem, {{"from", std::to_string(year - core::age_range.max)},
                                        {"to", std::to_string(year - core::age_range.min)}}),
                     ui::colour::warning);
  if (ui::button("see_matches", c.t("explorer_see_matches"), true)) app.show(Tab::matches);
  draw_joining(app);
  ui::gap(24);
}

}  // namespace blendin::explorer
