// [SECTION] answers to a profile  [SECTION] stored answers  [SECTION] drawing
#include "questionnaire.hpp"

#include "app.hpp"
#include "js.hpp"
#include "widgets.hpp"

#include <blendin/core/validate.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace json = boost::json;

namespace blendin::explorer {

namespace {

constexpr const char* level_keys[] = {"explorer_level_a1", "explorer_level_a2", "explorer_level_b1",
                                      "explorer_level_b2", "explorer_level_c1", "explorer_level_c2",
                                      "explorer_level_native"};
constexpr core::Pillar pillars[] = {core::Pillar::social, core::Pillar::culture, core::Pillar::work};
constexpr core::Availability moments[] = {core::Availability::weekday_daytime, core::Availability::weekday_evening,
                                          core::Availability::weekend};
constexpr core::Gender genders[] = {core::Gender::woman, core::Gender::man, core::Gender::nonbinary};

std::optional<int> whole_number(const char* text) {
  int value = 0;
  const char* end = text + std::strlen(text);
  const auto [stop, error] = std::from_chars(text, end, value);
  if (error != std::errc() || stop != end || text == end) return std::nullopt;
  return value;
}

// A Dutch postcode's four digits: 1000 to 9999.
bool is_dutch_postcode_area(const char* text) {
  return std::strlen(text) == 4 && text[0] >= '1' && text[0] <= '9' &&
         std::all_of(text, text + 4, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// [SECTION] answers to a profile
std::vector<std::string> answer_problems(const Answers& answers, const Catalog& catalog, int reference_year) {
  std::vector<std::string> problems;
  const auto year = whole_number(answers.birth_year);
  if (!year || reference_year - *year < core::age_range.min || reference_year - *year > core::age_range.max)
    problems.push_back("explorer_problem_birth_year");
  if (!is_dutch_postcode_area(answers.postcode)) problems.push_back("explorer_problem_postcode");
  if (answers.place < 0 || answers.place >= int(catalog.places().size())) problems.push_back("explorer_problem_town");
  if (answers.languages.empty()) problems.push_back("explorer_problem_language");
  if (answers.pillars.empty()) problems.push_back("explorer_problem_pillar");
  if (answers.availability.empty()) problems.push_back("explorer_problem_availability");
  return problems;
}

std::optional<core::Profile> to_profile(const Answers& answers, const Catalog& catalog, int reference_year) {
  if (!answer_problems(answers, catalog, reference_year).empty()) return std::nullopt;
  core::Profile p;
  p.id = "visitor";
  p.role = answers.role;
  p.display_name = "visitor";
  p.birth_year = *whole_number(answers.birth_year);
  p.postcode_area = answers.postcode;
  // The town's centre (GeoNames), never the visitor's own address.
  const Place& place = catalog.places()[std::size_t(answers.place)];
  p.lat = place.lat;
  p.lon = place.lon;
  p.interests.assign(answers.interests.begin(), answers.interests.end());
  for (const auto& language : answers.languages)
    if (!language.code.empty()) p.languages.push_back({language.code, core::LanguageLevel(language.level)});
  p.pillars = answers.pillars;
  p.availability = answers.availability;
  if (answers.gender < 3) p.gender = genders[answers.gender];
  if (answers.meet_gender > 0) p.gender_preference.insert(genders[answers.meet_gender - 1]);
  p.max_distance_km = answers.max_distance_km;
  p.meeting_style = answers.meeting_style;
  p.field = answers.field;
  if (answers.pillars.contains(core::Pillar::work)) {
    std::vector<std::string> sectors(answers.work_sectors.begin(), answers.work_sectors.end());
    if (answers.role == core::Role::newcomer) {
      p.work.sought_sectors = std::move(sectors);
      p.work.sought_occupation = answers.occupation;
    } else {
      p.work.network_sectors = std::move(sectors);
      p.work.occupation = answers.occupation;
    }
  }
  return p;
}

// [SECTION] stored answers
std::string answers_json(const Answers& answers, const Catalog& catalog) {
  json::object o;
  o["version"] = 1;
  o["role"] = core::to_string(answers.role);
  o["birth_year"] = answers.birth_year;
  o["postcode"] = answers.postcode;
  if (answers.place >= 0 && answers.place < int(catalog.places().size()))
    o["town"] = catalog.places()[std::size_t(answers.place)].name;
  json::array languages;
  for (const auto& l : answers.languages) languages.push_back(json::object{{"code", l.code}, {"level", l.level}});
  o["languages"] = std::move(languages);
  o["interests"] = json::value_from(std::vector<std::string>(answers.interests.begin(), answers.interests.end()));
  o["pillars"] = answers.pillars.bits;
  o["work_sectors"] = json::value_from(std::vector<std::string>(answers.work_sectors.begin(), answers.work_sectors.end()));
  o["occupation"] = answers.occupation;
  o["field"] = answers.field;
  o["availability"] = answers.availability.bits;
  o["meeting_style"] = core::to_string(answers.meeting_style);
  o["max_distance_km"] = answers.max_distance_km;
  o["gender"] = answers.gender;
  o["meet_gender"] = answers.meet_gender;
  return json::serialize(o);
}

void read_answers(std::string_view text, const Catalog& catalog, Answers& answers) {
  json::error_code error;
  const json::value document = json::parse(text, error);
  const json::object* o = error ? nullptr : document.if_object();
  if (!o) return;
  auto string_of = [&](const char* key) -> std::string {
    const json::value* v = o->if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto int_of = [&](const char* key, int low, int high) -> std::optional<int> {
    const json::value* v = o->if_contains(key);
    if (!v || !v->is_int64() || v->get_int64() < low || v->get_int64() > high) return std::nullopt;
    return int(v->get_int64());
  };
  if (auto role = core::parse_role(string_of("role"))) answers.role = *role;
  auto copy = [](const std::string& from, char* to, std::size_t size) {
    if (from.size() < size) std::memcpy(to, from.c_str(), from.size() + 1);
  };
  copy(string_of("birth_year"), answers.birth_year, sizeof answers.birth_year);
  copy(string_of("postcode"), answers.postcode, sizeof answers.postcode);
  const std::string town = string_of("town");
  for (std::size_t i = 0; i < catalog.places().size(); ++i)
    if (catalog.places()[i].name == town) answers.place = int(i);
  if (const json::value* v = o->if_contains("languages"); v && v->is_array()) {
    answers.languages.clear();
    for (const auto& item : v->get_array())
      if (const json::object* l = item.if_object(); l && l->if_contains("code") && (*l).at("code").is_string()) {
        const json::value* level = l->if_contains("level");
        const int lv = level && level->is_int64() && level->get_int64() >= 0 && level->get_int64() <= 6 ? int(level->get_int64()) : 3;
        answers.languages.push_back({std::string((*l).at("code").get_string()), lv});
      }
  }
  auto set_of = [&](const char* key, std::set<std::string>& out) {
    if (const json::value* v = o->if_contains(key); v && v->is_array()) {
      out.clear();
      for (const auto& item : v->get_array())
        if (item.is_string()) out.insert(std::string(item.get_string()));
    }
  };
  set_of("interests", answers.interests);
  set_of("work_sectors", answers.work_sectors);
  if (auto bits = int_of("pillars", 0, 7)) answers.pillars.bits = std::uint8_t(*bits);
  if (auto bits = int_of("availability", 0, 7)) answers.availability.bits = std::uint8_t(*bits);
  answers.occupation = string_of("occupation");
  answers.field = string_of("field");
  if (auto style = core::parse_meeting_style(string_of("meeting_style"))) answers.meeting_style = *style;
  if (const json::value* v = o->if_contains("max_distance_km"); v && v->is_number()) {
    const double km = v->to_number<double>();
    if (km >= 1 && km <= 100) answers.max_distance_km = float(km);
  }
  if (auto g = int_of("gender", 0, 3)) answers.gender = *g;
  if (auto g = int_of("meet_gender", 0, 3)) answers.meet_gender = *g;
  answers.remember = true;
}

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
  if (ui::chip("role.newcomer", c.t("explorer_role_newcomer"), a.role == core::Role::newcomer)) a.role = core::Role::newcomer, app.changed();
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
    std::stable_sort(found.begin(), found.end(), [&](std::size_t x, std::size_t y) {
      return c.places()[x].population > c.places()[y].population;
    });
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
      if (on) a.interests.erase(interest.id);
      else a.interests.insert(interest.id);
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
        if (on) a.work_sectors.erase(sector.id);
        else a.work_sectors.insert(sector.id);
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
    if (ui::select("occupation", c.t(newcomer ? "explorer_q_occupation_newcomer" : "explorer_q_occupation_local"), names,
                   &chosen, &ids)) {
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
    if (ui::chip(id.c_str(), c.t(std::string("explorer_availability_") + core::to_string(moment)), a.availability.contains(moment))) {
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
  ui::gap(24);
}

}  // namespace blendin::explorer
