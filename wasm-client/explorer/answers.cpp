// [SECTION] answers to a profile  [SECTION] stored answers
#include "answers.hpp"

#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace json = boost::json;

namespace blendin::explorer {

namespace {

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
  p.welcomes_beginners = answers.role == core::Role::local && answers.welcomes_beginners;
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

bool is_display_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char c : name)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  return true;
}

std::optional<std::string> registration_json(const Answers& answers, const Catalog& catalog, int reference_year,
                                             std::string_view display_name, bool visible, std::string_view contact) {
  auto profile = to_profile(answers, catalog, reference_year);
  if (!profile || !is_display_name(display_name)) return std::nullopt;
  profile->display_name = std::string(display_name);
  json::object body = core::wire::to_json(*profile).as_object();
  body.erase("id");  // the server gives one
  body["consent"] = true;
  body["visible"] = visible;
  if (!contact.empty())
    body["contact"] = json::object{{contact.find('@') == std::string_view::npos ? "phone" : "email", contact}};
  return core::wire::serialize(body);
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
  o["welcomes_beginners"] = answers.welcomes_beginners;
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
        const int lv =
            level && level->is_int64() && level->get_int64() >= 0 && level->get_int64() <= 6 ? int(level->get_int64()) : 3;
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
  if (const json::value* v = o->if_contains("welcomes_beginners"); v && v->is_bool()) answers.welcomes_beginners = v->get_bool();
  if (const json::value* v = o->if_contains("max_distance_km"); v && v->is_number()) {
    const double km = v->to_number<double>();
    if (km >= 1 && km <= 100) answers.max_distance_km = float(km);
  }
  if (auto g = int_of("gender", 0, 3)) answers.gender = *g;
  if (auto g = int_of("meet_gender", 0, 3)) answers.meet_gender = *g;
  answers.remember = true;
}

}  // namespace blendin::explorer
