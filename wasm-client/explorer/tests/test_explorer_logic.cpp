// The explorer's logic without ImGui: the page's data read into a catalog, a
// visitor's answers as a profile the core accepts, explanations in words.
#include <doctest/doctest.h>

#include "answers.hpp"
#include "catalog.hpp"
#include "words.hpp"

#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>

#include <boost/json.hpp>

#include <string>

using namespace blendin;
using namespace blendin::explorer;

namespace {

// The shapes of /api/v1/*.json and of wasm-client/data's files, small.
Catalog catalog(const std::string& lang, bool rtl) {
  Catalog c;
  c.set_language(lang, rtl);
  c.receive("strings", R"({"version":1,"strings":{"explorer_why_interests":"you both like {{list}}",
      "explorer_why_distance":"{{km}} km apart","explorer_why_languages":"you both speak {{list}}",
      "explorer_list_separator":", ","explorer_list_and":" and ","explorer_decimal_mark":",",
      "explorer_card_title":"{{name}}, {{age}}","explorer_km":"{{km}} km",
      "explorer_why_practice_learner":"you practise {{language}}","explorer_why_practice_host":"they practise {{language}} with you",
      "explorer_whatif_speak_at_a2":"at A2: {{count}}","explorer_whatif_travel_farther":"up to {{distance}}: {{count}}"}})");
  c.receive("interests", R"({"version":1,"interests":[{"id":"cooking","labels":{"en":"cooking","nl":"koken","ar":"الطبخ"}},
      {"id":"poetry","labels":{"nl":"poëzie"}},{"id":"chess","labels":{}}]})");
  c.receive(
      "languages",
      R"({"version":1,"languages":[{"code":"fr","names":{"en":"French"}},{"code":"nl","names":{"en":"Dutch","nl":"Nederlands"}},
      {"code":"en","names":{"en":"English"}}]})");
  c.receive("places", R"({"version":1,"credit":"GeoNames","separators":"'-.","fold":{"ë":"e","é":"e"},
      "places":[{"name":"Utrecht","lat":52.0908,"lon":5.1222,"population":290529,"keys":["utrecht"]},
                {"name":"'s-Hertogenbosch","aliases":["Den Bosch"],"lat":51.6992,"lon":5.3042,"population":134520,
                 "keys":["s hertogenbosch","den bosch"]}]})");
  return c;
}

Answers valid_answers() {
  Answers a;
  std::snprintf(a.postcode, sizeof a.postcode, "3511");
  a.place = 0;
  a.interests = {"cooking"};
  return a;
}

}  // namespace

TEST_CASE("explorer::Catalog reads the page's data in its language with the site's fallback") {
  Catalog c = catalog("nl", false);
  CHECK(c.problems().empty());
  CHECK(c.label(c.interests(), "cooking") == "koken");
  CHECK(c.label(c.interests(), "poetry") == "poëzie");
  CHECK(c.label(c.interests(), "chess") == "chess");  // no label at all: the id
  // The site's common languages first, then the rest by name.
  REQUIRE(c.languages().size() == 3);
  CHECK(c.languages()[0].id == "nl");
  CHECK(c.languages()[1].id == "en");
  CHECK(c.languages()[2].id == "fr");
  CHECK(c.t("no_such_key") == "no_such_key");
  CHECK(c.format("explorer_card_title", {{"name", "Amal"}, {"age", "31"}}) == "Amal, 31");
}

TEST_CASE("explorer::Catalog folds what a visitor types as the places file does") {
  Catalog c = catalog("nl", false);
  CHECK(c.search_key("'s-Hertogenbosch") == "s hertogenbosch");
  CHECK(c.search_key("  Den   Bosch ") == "den bosch");
  CHECK(c.search_key("Zoë") == "zoe");
  CHECK(c.search_key("UTRECHT") == "utrecht");
  CHECK(c.places()[1].keys == std::vector<std::string>{"s hertogenbosch", "den bosch"});
}

TEST_CASE("explorer::Catalog isolates values in right-to-left sentences") {
  Catalog ar = catalog("ar", true);
  const std::string text = ar.format("explorer_card_title", {{"name", "Wouter"}, {"age", "42"}});
  CHECK(text == "\u2068Wouter\u2069, \u206842\u2069");  // FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE
  CHECK(ar.label(ar.interests(), "cooking") == "الطبخ");
}

TEST_CASE("explorer::Catalog notes data it cannot read and reads events in the page's language") {
  Catalog c = catalog("en", false);
  CHECK_FALSE(c.receive("interests", "{not json"));
  CHECK_FALSE(c.receive("no such kind", "{}"));
  CHECK(c.problems().size() == 2);
  REQUIRE(c.receive("events", R"({"events":[{"id":"taalcafe","pillar":"culture","interests":[],"languages":["nl"],
      "start":"2027-03-01T18:00:00Z","cancelled":false,"location":{"lat":52.36,"lon":4.92,"city":"Amsterdam"},
      "default_language":"nl","translations":{"nl":{"title":"Taalcafé","url":"https://x.example/nl/events/taalcafe/"}}}]})"));
  REQUIRE(c.events().size() == 1);
  CHECK(c.event_text(0).title == "Taalcafé");  // no English translation: the event's own language
  CHECK(c.event_text(0).city == "Amsterdam");
  CHECK(c.receive("event_dates", R"({"taalcafe":"Monday 1 March 2027, 19:00"})"));
  CHECK(c.event_text(0).when == "Monday 1 March 2027, 19:00");
}

TEST_CASE("explorer::answers become a profile the core accepts or say what is missing") {
  Catalog c = catalog("nl", false);
  Answers a = valid_answers();
  CHECK(answer_problems(a, c, 2026).empty());
  const auto profile = to_profile(a, c, 2026);
  REQUIRE(profile);
  CHECK(core::validate_profile(
            *profile,
            [] {
              core::Taxonomy taxonomy;
              taxonomy.interests = {"cooking", "poetry", "chess"};
              taxonomy.interest_rarity = {1, 1, 1};
              return taxonomy;
            }(),
            2026)
            .empty());
  CHECK(profile->postcode_area == "3511");
  CHECK(profile->lat == 52.0908);  // the town's centre, never an address
  Answers broken = a;
  std::snprintf(broken.postcode, sizeof broken.postcode, "0123");
  std::snprintf(broken.birth_year, sizeof broken.birth_year, "2020");
  broken.place = -1;
  broken.languages.clear();
  broken.pillars = {};
  broken.availability = {};
  CHECK(answer_problems(broken, c, 2026) == std::vector<std::string>{"explorer_problem_birth_year", "explorer_problem_postcode",
                                                                     "explorer_problem_town", "explorer_problem_language",
                                                                     "explorer_problem_pillar", "explorer_problem_availability"});
  CHECK_FALSE(to_profile(broken, c, 2026));
}

TEST_CASE("explorer::a registration is the answers' profile under a one-word name with consent") {
  Catalog c = catalog("nl", false);
  const Answers a = valid_answers();
  const auto body = registration_json(a, c, 2026, "Amal", false);
  REQUIRE(body);
  const auto sent = boost::json::parse(*body).as_object();
  CHECK(!sent.contains("id"));
  CHECK(sent.at("consent") == true);
  CHECK(sent.at("visible") == false);
  CHECK(sent.at("display_name") == "Amal");
  CHECK(sent.at("location").at("postcode_area") == "3511");
  CHECK(sent.at("birth_year") ==
        boost::json::parse(core::wire::serialize(core::wire::to_json(*to_profile(a, c, 2026)))).at("birth_year"));
  for (const char* name : {"", "Amal Haddad", "Amal\t", "ThisNameIsFarTooLongForAnyoneToTypeIt", "A\nB"})
    CHECK_MESSAGE(!registration_json(a, c, 2026, name, true), name);
  const auto phoned = boost::json::parse(*registration_json(a, c, 2026, "Amal", true, "+31 6 12345678"));
  CHECK(phoned.at("contact") == boost::json::object{{"phone", "+31 6 12345678"}});
  const auto mailed = boost::json::parse(*registration_json(a, c, 2026, "Amal", true, "amal@example.org"));
  CHECK(mailed.at("contact") == boost::json::object{{"email", "amal@example.org"}});
  CHECK(!sent.contains("contact"));
  CHECK(is_display_name("Dawit"));
  CHECK(is_display_name("أمل"));
  Answers unfinished = a;
  unfinished.place = -1;
  CHECK_FALSE(registration_json(unfinished, c, 2026, "Amal", true));
}

TEST_CASE("explorer::answers come back from the browser's storage as they were stored") {
  Catalog c = catalog("nl", false);
  Answers a = valid_answers();
  a.place = 1;
  a.role = core::Role::local;
  a.languages.push_back({"ar", 6});
  a.pillars.insert(core::Pillar::work);
  a.work_sectors = {"care"};
  a.max_distance_km = 25;
  a.gender = 0;
  a.meet_gender = 1;
  Answers back;
  read_answers(answers_json(a, c), c, back);
  CHECK(answers_json(back, c) == answers_json(a, c));
  CHECK(back.place == 1);
  CHECK(back.remember);
  // Broken or hostile storage leaves the defaults.
  Answers defaults;
  read_answers(R"({"languages":[{"code":"nl","level":99}],"pillars":255,"max_distance_km":1e308,"gender":-4})", c, defaults);
  CHECK(defaults.languages.size() == 1);
  CHECK(defaults.languages[0].level == 3);
  CHECK(defaults.pillars == Answers().pillars);
  CHECK(defaults.max_distance_km == Answers().max_distance_km);
  CHECK(defaults.gender == 3);
  read_answers("not json", c, defaults);
}

TEST_CASE("explorer::explanations and reasons are said in words") {
  Catalog c = catalog("en", false);
  core::Explanation e;
  e.shared_interests = {"cooking", "poetry"};
  e.distance_km = 4.4;
  e.shared_languages = {{"nl", core::LanguageLevel::native, core::LanguageLevel::a2}};
  CHECK(explanation_words(e, c) == "you both like cooking and poëzie · 4,4 km apart · you both speak Dutch");
  CHECK(list_words({"a", "b", "c"}, c) == "a, b and c");
  core::MatchIndex::Exclusions reach;
  reach.by_constraint[std::size_t(core::Constraint::role)] = 10;  // the visitor's own role: not counted
  reach.by_constraint[std::size_t(core::Constraint::language)] = 7;
  reach.by_constraint[std::size_t(core::Constraint::distance)] = 2;
  const auto lines = reach_words(reach, true, core::Role::newcomer, c);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "explorer_reach_none");
  CHECK(lines[1] == "explorer_excluded_language");
  CHECK(lines[2] == "explorer_excluded_distance");
  CHECK(lines[3] == "explorer_what_would_change");
  // Changes that would let someone fit get a line each; one that would not, none.
  const std::vector<core::MatchIndex::WhatIf> changes{{core::MatchIndex::Change::speak_at_a2, 3, 0},
                                                      {core::MatchIndex::Change::travel_farther, 2, 20},
                                                      {core::MatchIndex::Change::every_pillar, 0, 0}};
  const auto with_changes = reach_words(reach, true, core::Role::newcomer, c, changes);
  REQUIRE(with_changes.size() == 6);
  CHECK(with_changes[4] == "at A2: 3");
  CHECK(with_changes[5] == "up to 20 km: 2");
}

TEST_CASE("explorer::language practice is said from the visitor's side") {
  Catalog c = catalog("en", false);
  core::Explanation e;
  e.distance_km = 2;
  e.shared_languages = {{"nl", core::LanguageLevel::a1, core::LanguageLevel::native, true},
                        {"en", core::LanguageLevel::b1, core::LanguageLevel::b2, false}};
  CHECK(explanation_words(e, c) == "2,0 km apart · you both speak English · you practise Dutch");
  e.shared_languages = {{"nl", core::LanguageLevel::c1, core::LanguageLevel::a1, true}};
  CHECK(explanation_words(e, c) == "2,0 km apart · they practise Dutch with you");
  // A local's answer travels to the profile and to storage; a newcomer's never welcomes beginners.
  Answers a = valid_answers();
  a.role = core::Role::local;
  a.welcomes_beginners = true;
  CHECK(to_profile(a, c, 2026)->welcomes_beginners);
  Answers restored;
  read_answers(answers_json(a, c), c, restored);
  CHECK(restored.welcomes_beginners);
  a.role = core::Role::newcomer;
  CHECK_FALSE(to_profile(a, c, 2026)->welcomes_beginners);
}
