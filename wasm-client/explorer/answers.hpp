// What a visitor tells about themselves in the questionnaire, turned into a
// profile in the core's terms. Nothing leaves the browser; the answers are
// kept in the browser's storage only when the visitor asks. No ImGui here:
// it is tested natively too (tests/test_explorer_logic.cpp).
#pragma once

#include "catalog.hpp"

#include <blendin/core/profile.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::explorer {

struct LanguageAnswer {
  std::string code;
  int level = 3;  // index into core::LanguageLevel: a1 ... c2, native
};

struct Answers {
  core::Role role = core::Role::newcomer;
  char birth_year[8] = "1995";
  char postcode[8] = "";
  char town_query[64] = "";
  int place = -1;  // index into Catalog::places(); -1: not chosen
  std::vector<LanguageAnswer> languages{{"nl", 1}, {"en", 3}};
  std::set<std::string> interests;
  core::PillarSet pillars = [] {
    core::PillarSet set;
    set.insert(core::Pillar::social);
    set.insert(core::Pillar::culture);
    return set;
  }();
  std::set<std::string> work_sectors;  // a newcomer's sought sectors, a local's network
  std::string occupation;              // sought (newcomer) or own (local); may be empty
  std::string field;                   // study or work background: a sector id; may be empty
  core::AvailabilitySet availability = [] {
    core::AvailabilitySet set;
    set.insert(core::Availability::weekday_evening);
    set.insert(core::Availability::weekend);
    return set;
  }();
  core::MeetingStyle meeting_style = core::MeetingStyle::either;
  bool welcomes_beginners = false;  // a local's: language practice with beginners (A1)
  float max_distance_km = 10;
  int gender = 3;       // woman, man, nonbinary, or 3: not said
  int meet_gender = 0;  // 0: anyone, else 1 + the gender wanted
  bool remember = false;
};

// What keeps the answers from being a profile, as interface string keys, in
// the order of the questions; empty when they make one.
std::vector<std::string> answer_problems(const Answers& answers, const Catalog& catalog, int reference_year);
// The visitor as the core's profile (id "visitor"), or nothing with problems.
std::optional<core::Profile> to_profile(const Answers& answers, const Catalog& catalog, int reference_year);

// A first name or a pseudonym others see the visitor by: one word, 1 to 32
// bytes, no control characters (the server refuses more than one word).
bool is_display_name(std::string_view name);
// The body that registers the visitor with the server (POST
// /api/v1/profiles, docs/api.md): the answers' profile without its id, under
// the name given, with their consent and whether others may see them, and how
// Blendin may reach them (`contact`: an e-mail address when it holds an @, a
// phone number otherwise, none when empty; the server checks it); nothing
// when the answers make no profile or the name is not one.
std::optional<std::string> registration_json(const Answers& answers, const Catalog& catalog, int reference_year,
                                             std::string_view display_name, bool visible, std::string_view contact = {});

// The answers as JSON for the browser's storage, and back (unknown or
// broken parts keep their defaults).
std::string answers_json(const Answers& answers, const Catalog& catalog);
void read_answers(std::string_view json, const Catalog& catalog, Answers& answers);

}  // namespace blendin::explorer
