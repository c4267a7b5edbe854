#include <blendin/core/events.hpp>

#include <doctest/doctest.h>

#include "core_fixtures.hpp"

using namespace blendin::core;
using blendin::test::newcomer;
using blendin::test::small_taxonomy;

TEST_CASE("core::events parse_utc_timestamp: an instant as calendar::read_timestamp reads it (UTC without an offset)") {
  CHECK(parse_utc_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_utc_timestamp("2027-02-13T13:00:00Z") == 1802523600);
  CHECK(parse_utc_timestamp("2027-02-13T14:00+01:00") == 1802523600);
  CHECK(parse_utc_timestamp("2027-02-13T13:00") == 1802523600);
  CHECK(parse_utc_timestamp("2027-02-13") == 1802476800);
  CHECK_FALSE(parse_utc_timestamp("2027-02-31T10:00:00Z"));
  CHECK_FALSE(parse_utc_timestamp("tomorrow"));
}

TEST_CASE("core::events suggestions: upcoming and not cancelled and in a language spoken and best first") {
  const auto taxonomy = small_taxonomy();
  auto person = newcomer("a");
  person.interests = {"chess", "cooking"};
  person.languages = {{"ar", LanguageLevel::native}, {"nl", LanguageLevel::a2}};
  const std::int64_t now = *parse_utc_timestamp("2026-11-28T12:00:00Z");
  auto event = [&](const char* id, Pillar pillar, std::vector<std::string> interests, int days) {
    EventInfo e;
    e.id = id;
    e.pillar = pillar;
    e.interests = std::move(interests);
    e.lat = person.lat;
    e.lon = person.lon;
    e.start_utc = now + days * 86400;
    return e;
  };
  std::vector<EventInfo> events{
      event("chess-night", Pillar::social, {"chess"}, 7), event("cooking-later", Pillar::social, {"cooking"}, 60),
      event("past", Pillar::social, {"chess"}, -1),       event("work-fair", Pillar::work, {"chess"}, 7),
      event("cancelled", Pillar::social, {"chess"}, 7),   event("french-only", Pillar::social, {"chess"}, 7),
      event("far-away", Pillar::social, {"chess"}, 7),
  };
  events[4].cancelled = true;
  events[5].languages = {"fr"};
  events[6].lat = 53.2;
  const auto found = suggest_events(person, events, taxonomy, 10, now);
  std::vector<std::string> ids;
  for (const auto& s : found) ids.push_back(events[s.index].id);
  // By the default weights (pillar .3, interests .3, distance .2, soon .2):
  // chess-night  .3 + .3*3/4 + .2 + .2*14/21 = .858
  // cooking-later .3 + .3*1/4 + .2 + .2*14/74 = .613 (the wanted pillar outweighs the rare interest)
  // work-fair     0 + .3*3/4 + .2 + .2*14/21 = .558
  CHECK(ids == std::vector<std::string>{"chess-night", "cooking-later", "work-fair"});
  CHECK(found[0].score == doctest::Approx(0.3 + 0.3 * 0.75 + 0.2 + 0.2 * 14.0 / 21.0));
  CHECK(found[2].score == doctest::Approx(0.3 * 0.75 + 0.2 + 0.2 * 14.0 / 21.0));
  CHECK(found[0].shared_interests == std::vector<std::string>{"chess"});
  CHECK(found[0].days_until == doctest::Approx(7.0));
  CHECK(suggest_events(person, events, taxonomy, 1, now).size() == 1);
  events[0].languages = {"nl", "ar"};
  CHECK(suggest_events(person, events, taxonomy, 1, now)[0].language == "nl");
}

TEST_CASE("core::events a beginner is suggested events that welcome beginners to practise") {
  const auto taxonomy = small_taxonomy();
  auto person = newcomer("a");
  person.languages = {{"ti", LanguageLevel::native}, {"nl", LanguageLevel::a1}};
  const std::int64_t now = *parse_utc_timestamp("2026-11-28T12:00:00Z");
  EventInfo conversation;
  conversation.id = "taalcafe";
  conversation.languages = {"nl", "en"};
  conversation.lat = person.lat;
  conversation.lon = person.lon;
  conversation.start_utc = now + 7 * 86400;
  CHECK(suggest_events(person, {conversation}, taxonomy, 5, now).empty());  // Dutch only at A1
  conversation.welcomes_beginners = true;
  auto found = suggest_events(person, {conversation}, taxonomy, 5, now);
  REQUIRE(found.size() == 1);
  CHECK(found[0].language == "nl");
  CHECK(found[0].language_practice);
  // A language the person uses at A2 or better comes first, even later in the list.
  conversation.languages = {"nl", "ti"};
  found = suggest_events(person, {conversation}, taxonomy, 5, now);
  REQUIRE(found.size() == 1);
  CHECK(found[0].language == "ti");
  CHECK_FALSE(found[0].language_practice);
}
