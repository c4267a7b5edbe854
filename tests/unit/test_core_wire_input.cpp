// Untrusted input to the wire format's readers: a pool file, an events file
// or a request that an attacker wrote. Every case is refused with the exact
// message (profile or document part, field, what was expected, what was
// found), and both pool readers agree on it.
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include <blendin/core/wire_assignment.hpp>
#include "reference/brute_force_top_k.hpp"

#include <doctest/doctest.h>
#include <boost/json/parse.hpp>

#include <cmath>
#include <limits>

#include <functional>
#include <string>
#include <vector>

#include "core_fixtures.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::pool_of;

namespace {

std::string pool_text() { return wire::serialize(wire::to_json(pool_of({newcomer("n1"), local("l1")}))); }

// A problem's text as the CLI prints it for a text read from `file`.
std::string in_file(Problem problem, const char* file) {
  problem.file = file;
  return problem.to_string();
}

// Every message of a refusal, one a line, as the CLI prints them for `pool.json`.
std::string messages(const Refused& error) {
  std::string text;
  for (const auto& problem : error.problems()) text += in_file(problem, "pool.json") + "\n";
  return text;
}

// What parse_pool makes of a text: "accepted" or its messages.
std::string read_pool(const std::string& text) {
  try {
    wire::parse_pool(text);
    return "accepted";
  } catch (const Refused& error) {
    return messages(error);
  }
}

// The pool with a field of its first profile (or of the pool object) set to
// `raw_value`, JSON text as it is: numbers keep the exact spelling under test.
std::string with_field(const std::string& field, const std::string& raw_value, bool in_pool = false) {
  auto document = boost::json::parse(pool_text()).as_object();
  auto& object = in_pool ? document : document.at("profiles").as_array()[0].as_object();
  object[field] = "PLACEHOLDER";
  std::string text = wire::serialize(document);
  return text.replace(text.find("\"PLACEHOLDER\""), 13, raw_value);
}

}  // namespace

TEST_CASE("core::wire whole numbers are read at full width and refused outside their range") {
  const auto refused = [](const char* field, const char* raw) {
    return "pool.json: profile \"n1\": " + std::string(field) + ": " + raw + "\n";
  };
  // 2^32 + 1 was read as 1 when narrowed to int; 2^63 comes from the parser as uint64.
  CHECK(read_pool(with_field("capacity", "4294967297")) ==
        refused("capacity", "expected a whole number from 1 to 3, got 4294967297"));
  CHECK(read_pool(with_field("capacity", "9223372036854775808")) ==
        refused("capacity", "expected a whole number from 1 to 3, got 9223372036854775808"));
  CHECK(read_pool(with_field("capacity", "18446744073709551615")) ==
        refused("capacity", "expected a whole number from 1 to 3, got 18446744073709551615"));
  CHECK(read_pool(with_field("capacity", "-1")) == refused("capacity", "expected a whole number from 1 to 3, got -1"));
  CHECK(read_pool(with_field("capacity", "0")) == refused("capacity", "expected a whole number from 1 to 3, got 0"));
  CHECK(read_pool(with_field("capacity", "2.5")) == refused("capacity", "expected a whole number from 1 to 3, got 2.5"));
  CHECK(read_pool(with_field("capacity", "1e300")) == refused("capacity", "expected a whole number from 1 to 3, got 1e+300"));
  CHECK(read_pool(with_field("capacity", "1e999")) == refused("capacity", "expected a whole number from 1 to 3, got infinity"));
  CHECK(read_pool(with_field("capacity", "\"2\"")) == refused("capacity", "expected a whole number from 1 to 3, got a string"));
  CHECK(read_pool(with_field("capacity", "3.0")) == "accepted");
  CHECK(read_pool(with_field("capacity", "3")) == "accepted");
  // Both years are bounded, so that reference_year - birth_year fits an int.
  CHECK(read_pool(with_field("birth_year", "-2147483648")) ==
        refused("birth_year", "expected a whole number from 1890 to 2084, got -2147483648"));
  CHECK(read_pool(with_field("birth_year", "4294969286")) ==
        refused("birth_year", "expected a whole number from 1890 to 2084, got 4294969286"));
  CHECK(read_pool(with_field("birth_year", "2030")) ==
        refused("birth_year", "gives an age of -4 in 2026: expected an age from 16 to 110"));
  CHECK(read_pool(with_field("waiting_since_days", "4294967296")) ==
        refused("waiting_since_days", "expected a whole number from 0 to 3650, got 4294967296"));
  CHECK(read_pool(with_field("waiting_since_days", "-5")) ==
        refused("waiting_since_days", "expected a whole number from 0 to 3650, got -5"));
  CHECK(read_pool(with_field("waiting_since_days", "3650")) == "accepted");
  CHECK(read_pool(with_field("reference_year", "2147483647", true)) ==
        "pool.json: pool: reference_year: expected a whole number from 2000 to 2100, got 2147483647\n");
  CHECK(read_pool(with_field("reference_year", "4294969322", true)) ==
        "pool.json: pool: reference_year: expected a whole number from 2000 to 2100, got 4294969322\n");
  CHECK(read_pool(with_field("reference_year", "1999", true)) ==
        "pool.json: pool: reference_year: expected a whole number from 2000 to 2100, got 1999\n");
  CHECK(read_pool(with_field("reference_year", "2101", true)) ==
        "pool.json: pool: reference_year: expected a whole number from 2000 to 2100, got 2101\n");
  CHECK(read_pool(with_field("reference_year", "2100", true)) == "accepted");  // n1, born in 1990, is 110
}

TEST_CASE("core::validate_pool checks pools made in code against the same ranges without overflow") {
  auto pool = pool_of({newcomer("n1")});
  pool.profiles[0].birth_year = -2147483647 - 1;
  pool.profiles[0].capacity = 2147483647;
  pool.profiles[0].waiting_since_days = -2147483647 - 1;
  pool.reference_year = 2147483647;
  std::vector<std::string> seen;
  for (const auto& problem : validate_pool(pool)) seen.push_back(problem.to_string());
  REQUIRE(seen.size() == 4);
  CHECK(seen[0] == "pool: reference_year: expected a whole number from 2000 to 2100, got 2147483647");
  CHECK(seen[1] == "profile \"n1\": birth_year: gives an age of 4294967295 in 2147483647: expected an age from 16 to 110");
  CHECK(seen[2] == "profile \"n1\": capacity: expected a whole number from 1 to 3, got 2147483647");
  CHECK(seen[3] == "profile \"n1\": waiting_since_days: expected a whole number from 0 to 3650, got -2147483648");
  pool.reference_year = 2026;
  pool.taxonomy.occupations.assign(std::size_t(max_occupations) + 1, "x");
  const auto problems = validate_pool(pool);
  REQUIRE_FALSE(problems.empty());
  CHECK(problems.front().to_string() ==
        "pool: taxonomy.occupations: more than 32767 occupations: the core's compact profiles hold 16 bits");
}

TEST_CASE("core::wire control characters are refused in every string of a profile") {
  // Each string field, with ESC, DEL and a C1 control (U+009B, a terminal's CSI).
  struct Case {
    std::string name, raw, field;
  };
  const std::vector<Case> cases = {
      {"id", R"("n\u001b[2J")", "id"},
      {"display_name", R"("Sam\u007f")", "display_name"},
      {"display_name", "\"Sam\xc2\x9b\"", "display_name"},
      {"display_name", R"("line\nbreak")", "display_name"},
      {"field", R"("care\u0000")", "field"},
      {"interests", R"(["cooking","\u0007"])", "interests[1]"},
      {"languages", R"([{"code":"nl\t","level":"B1"}])", "languages[0].code"},
      {"work", R"({"sought_sectors":["\u001fcare"]})", "work.sought_sectors[0]"},
      {"work", R"({"sought_occupation":"nurse\r"})", "work.sought_occupation"},
  };
  const std::vector<std::string> expected = {"U+001B at byte 1", "U+007F at byte 3", "U+009B at byte 3",
                                             "U+000A at byte 4", "U+0000 at byte 4", "U+0007 at byte 0",
                                             "U+0009 at byte 2", "U+001F at byte 0", "U+000D at byte 5"};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(cases[i].name);
    const std::string owner = cases[i].name == "id" ? "profile \"n\\u001b[2J\"" : "profile \"n1\"";
    CHECK(read_pool(with_field(cases[i].name, cases[i].raw)) == "pool.json: " + owner + ": " + cases[i].field +
                                                                    ": holds the control character " + expected[i] +
                                                                    ": expected text without control characters\n");
  }
  // In the location: the postcode area.
  auto document = boost::json::parse(pool_text());
  document.at("profiles").as_array()[1].as_object()["location"].as_object()["postcode_area"] = "1011\x1b";
  CHECK(read_pool(wire::serialize(document)) ==
        "pool.json: profile \"l1\": postcode_area: holds the control character U+001B at byte 4: expected text without control "
        "characters\n");
  // In the taxonomy.
  document = boost::json::parse(pool_text());
  document.at("taxonomy").as_object()["sectors"].as_array().push_back("tech\xc2\x85");
  CHECK(read_pool(wire::serialize(document)) ==
        "pool.json: pool: taxonomy.sectors[3]: holds the control character U+0085 at byte 4: expected text without control "
        "characters\n");
  // Other text stays free: quotes, commas, apostrophes, formulas, any script.
  CHECK(read_pool(with_field("id", R"("=HYPERLINK(\"x\"),'Noor' \u00e9 \u0639\u0644\u064a")")) == "accepted");
}

TEST_CASE("core::wire a JSON syntax error names line column and byte in every document") {
  // A pool: the line and column where the parser stopped, the column in characters.
  const std::string pool = "{\"version\": 1,\n \"reference_year\": 2026\n \"taxonomy\": {}}";
  CHECK(read_pool(pool) == "pool.json:3:2: JSON syntax: expected a comma or a closing brace, got \"\\\"\" (byte 40)\n");
  CHECK(read_pool("{\"version\": 1, \"x\": \"\xc3\xa9\xc3\xa9\", ]") ==
        "pool.json:1:27: JSON syntax: expected a key in quotes, got \"]\" (byte 28)\n");
  CHECK(read_pool("{\"version\": 1, \"profiles\": [") ==
        "pool.json:1:29: JSON syntax: expected a value or a closing bracket, got the end of the text (byte 28)\n");
  CHECK(read_pool(pool_text() + "\n{}") == "pool.json:2:1: JSON syntax: expected the end of the text, got \"{\" (byte " +
                                               std::to_string(pool_text().size() + 1) + ")\n");
  CHECK(read_pool(std::string("\xef\xbb\xbf{}")) ==
        "pool.json:1:1: JSON syntax: expected a value, got a byte order mark (U+FEFF); save the text as UTF-8 without one (byte "
        "0)\n");
  CHECK(read_pool("[\"a\x01\"]") ==
        "pool.json:1:4: JSON syntax: a string holds the control character U+0001: write it as an escape (\\n, \\t, \\u00XX) "
        "(byte 3)\n");
  CHECK(read_pool("{\"a\": \"\xff\"}") ==
        "pool.json:1:8: JSON syntax: a string holds the byte 0xFF, which is not UTF-8 (byte 7)\n");
  CHECK(read_pool(std::string(40, '[')) == "pool.json:1:33: JSON syntax: nested deeper than 32 objects and lists (byte 32)\n");
  CHECK(read_pool(std::string("{\"version\":1}\0{}", 16)) ==
        "pool.json:1:14: JSON syntax: expected the end of the text, got \"\\u0000\" (byte 13)\n");
  // Events and requests: the same form.
  try {
    wire::parse_events("{\"events\": [{\"id\": \"a\",}]}");
    FAIL("accepted");
  } catch (const Refused& error) {
    CHECK(in_file(error.problems().front(), "events.json") ==
          "events.json:1:24: JSON syntax: expected a key in quotes, got \"}\" (byte 23)");
    CHECK(std::string(error.what()) == "events:1:24: JSON syntax: expected a key in quotes, got \"}\" (byte 23)");
  }
  const auto index_pool = pool_of({newcomer("n1"), local("l1")});
  const MatchIndex index(index_pool);
  CHECK(wire::handle_request(index, "{\"version\":1,\n\"op\" \"top_k\"}") ==
        R"j({"version":1,"error":{"message":"request:2:6: JSON syntax: expected a colon, got \"\\\"\" (byte 19)",)j"
        R"j("details":[{"profile":"(request)","field":"","message":"JSON syntax: expected a colon, got \"\\\"\"",)j"
        R"j("line":2,"column":6,"byte":19}]}})j");
}

TEST_CASE("core::wire event coordinates are checked when events are read back") {
  const auto refusal = [](const std::string& location) {
    try {
      wire::parse_events(
          R"({"events":[{"id":"ok","pillar":"social","start":"2027-01-01T10:00:00Z","location":{"lat":52,"lon":4}},)"
          R"({"id":"kickoff","pillar":"social","start":"2027-01-01T10:00:00Z","location":)" +
          location + "}]}");
    } catch (const Refused& error) {
      return messages(error);
    }
    return std::string("accepted");
  };
  CHECK(refusal(R"({"lat":152.1,"lon":4})") ==
        "pool.json: event \"kickoff\": location.lat: expected a latitude in degrees from -90 to 90 (WGS84), got 152.1\n");
  CHECK(refusal(R"({"lat":52,"lon":-180.5})") ==
        "pool.json: event \"kickoff\": location.lon: expected a longitude in degrees from -180 to 180 (WGS84), got -180.5\n");
  CHECK(refusal(R"({"lat":1e999,"lon":4})") ==
        "pool.json: event \"kickoff\": location.lat: expected a latitude in degrees from -90 to 90 (WGS84), got infinity\n");
  CHECK(refusal(R"({"lat":52})") ==
        "pool.json: event \"kickoff\": location.lon: missing: expected lat and lon together, or neither\n");
  CHECK(refusal(R"({"lat":"52","lon":4})") == "pool.json: event \"kickoff\": location.lat: expected a number, got a string\n");
  CHECK(refusal(R"("Amsterdam")") ==
        "pool.json: event \"kickoff\": location: expected {\"lat\", \"lon\"} or null, got a string\n");
  CHECK(refusal("null") == "accepted");
  CHECK(refusal(R"({"name":"Online","lat":null,"lon":null})") == "accepted");
  CHECK(refusal(R"({"lat":-90,"lon":180})") == "accepted");
  // The same through a request: the events are read as they came, not written and read again.
  const auto index_pool = pool_of({newcomer("n1"), local("l1")});
  const MatchIndex index(index_pool);
  const std::string answer = wire::handle_request(
      index, R"({"version":1,"op":"suggest_events","profile_id":"n1","now":"2026-11-28T12:00:00Z","events":{"events":[)"
             R"({"id":"far","pillar":"social","start":"2027-01-01T10:00:00Z","location":{"lat":1e999,"lon":1e999}}]}})");
  CHECK(answer.find(
            R"("message":"event \"far\": location.lat: expected a latitude in degrees from -90 to 90 (WGS84), got infinity")") !=
        std::string::npos);
  // An event without an id is named by its place; control characters are refused in its strings.
  try {
    wire::parse_events(
        R"({"events":[{"pillar":"social","start":"2027-01-01"},{"id":"x\u001b","pillar":"social","start":"2027-01-01"}]})");
    FAIL("accepted");
  } catch (const Refused& error) {
    CHECK(messages(error) ==
          "pool.json: event #0: id: missing: expected a string\n"
          "pool.json: event \"x\\u001b\": id: holds the control character U+001B at byte 1: expected text without control "
          "characters\n");
  }
}

TEST_CASE("core::wire requests refuse a k outside 0 to 1000 at any width") {
  const auto pool = pool_of({newcomer("n1"), local("l1")});
  const MatchIndex index(pool);
  for (const char* k : {"1001", "-1", "4294967296", "9223372036854775808", "1e300", "0.5"}) {
    CAPTURE(k);
    const std::string answer =
        wire::handle_request(index, std::string(R"({"version":1,"op":"top_k","profile_id":"n1","k":)") + k + "}");
    CHECK(answer.find(std::string(R"("message":"request: k: expected a whole number from 0 to 1000, got )") +
                      (std::string(k) == "1e300" ? "1e+300" : k)) != std::string::npos);
  }
  const std::string events = wire::handle_request(
      index,
      R"({"version":1,"op":"suggest_events","profile_id":"n1","now":"2026-11-28T12:00:00Z","k":-5,"events":{"events":[]}})");
  CHECK(events.find(R"("message":"request: k: expected a whole number from 0 to 1000, got -5")") != std::string::npos);
  // An id that holds a quote or a control character is quoted in the message, not pasted into it.
  CHECK(wire::handle_request(index, R"({"version":1,"op":"top_k","profile_id":"\"\u001b[2J"})")
            .find(R"(no profile \"\\\"\\u001b[2J\" in the pool)") != std::string::npos);
}

TEST_CASE("core::wire requests refuse filters outside their range and top_k reaches nobody past them") {
  const auto pool = pool_of({newcomer("n1"), local("l1")});
  const MatchIndex index(pool);
  const auto ask = [&](const std::string& filters) {
    return wire::handle_request(index, R"({"version":1,"op":"top_k","profile_id":"n1","k":3,"filters":)" + filters + "}");
  };
  CHECK(ask(R"({"max_distance_km":-1e308})")
            .find(R"("message":"request: filters.max_distance_km: -1e+308: expected a distance from 0 to 300 km")") !=
        std::string::npos);
  CHECK(ask(R"({"max_distance_km":301})").find("filters.max_distance_km: 301: expected a distance from 0 to 300 km") !=
        std::string::npos);
  CHECK(ask(R"({"min_score":1.5})").find("filters.min_score: 1.5: expected a score from 0 to 1") != std::string::npos);
  CHECK(ask(R"({"max_distance_km":0})").find(R"("matches":[)") != std::string::npos);
  CHECK(ask(R"({"min_age":15})").find("filters.min_age: expected a whole number from 16 to 110, got 15") != std::string::npos);
  CHECK(ask(R"({"max_age":4294967312})").find("filters.max_age: expected a whole number from 16 to 110, got 4294967312") !=
        std::string::npos);
  CHECK(ask(R"({"min_age":50,"max_age":40})").find("filters.max_age: 40: expected an age from min_age (50) up") !=
        std::string::npos);
  CHECK(ask(R"({"language":"xx\u001b"})")
            .find(R"(filters.language: unknown language code \"xx\\u001b\": expected an ISO 639 code such as nl, ar, ti, prs)") !=
        std::string::npos);
  CHECK(ask(R"({"language":7})").find("filters.language: expected a string, got an integer") != std::string::npos);
  CHECK(ask(R"({"min_age":36,"max_age":36,"language":"nl"})").find(R"("matches":[{"id":"l1")") != std::string::npos);
  // Filters made in code are not range-checked: a negative or NaN distance, ages
  // the wrong way round, an unknown language reach nobody, in every scan.
  for (const double radius : {-1e308, -1.0, std::nan("")}) {
    MatchFilters filters;
    filters.max_distance_km = radius;
    CHECK(index.top_k(pool.profiles[0], 3, filters).empty());
    CHECK(blendin::test::brute_force_top_k(index, pool.profiles[0], 3, filters).empty());
    CHECK(index.top_k_for_everyone(3, filters)[0].empty());
  }
  MatchFilters odd;
  odd.min_age = std::numeric_limits<int>::min();
  odd.max_age = std::numeric_limits<int>::max();
  CHECK(index.top_k(pool.profiles[0], 3, odd).size() == 1);  // every age: no overflow
  odd.min_age = 40;
  odd.max_age = 30;
  CHECK(index.top_k(pool.profiles[0], 3, odd).empty());
  MatchFilters unknown;
  unknown.language = "xx";
  CHECK(index.top_k(pool.profiles[0], 3, unknown).empty());
  CHECK(blendin::test::brute_force_top_k(index, pool.profiles[0], 3, unknown).empty());
  CHECK(index.top_k_for_everyone(3, unknown)[0].empty());
}

TEST_CASE("core::wire a top_k answer with fewer than k matches says where the query left everyone") {
  auto far = local("l-far");
  far.lat = 53.2;  // out of reach
  auto english = local("l-en");
  english.languages = {{"en", LanguageLevel::native}};
  auto older = local("l-older");
  older.birth_year = 1950;
  const auto pool = pool_of({newcomer("n1"), newcomer("n2"), local("l1"), far, english, older});
  const MatchIndex index(pool);
  const auto ask = [&](int k, const std::string& filters) {
    return wire::handle_request(
        index, R"({"version":1,"op":"top_k","profile_id":"n1","k":)" + std::to_string(k) + R"(,"filters":)" + filters + "}");
  };
  const auto answer = ask(5, R"({"max_age":60})");
  CHECK(
      answer.find(
          R"(],"reach":{"candidates":5,"by_constraint":{"role":1,"language":1,"distance":1,"gender":0,"pillar":0},"by_filters":1,"admissible":1}})") !=
      std::string::npos);
  CHECK(ask(1, R"({"max_age":60})").find("reach") == std::string::npos);  // k found: nothing to explain
  CHECK(ask(2, "{}").find("reach") == std::string::npos);
  CHECK(ask(3, "{}").find(R"("by_filters":0,"admissible":2})") != std::string::npos);
}

TEST_CASE("core::wire an empty top_k answer says what each change to the person would make admissible") {
  // A newcomer at A1 in Dutch; locals who speak Dutch natively: one welcomes
  // beginners but lives 30 km away, the other is near and does not.
  auto person = newcomer("n1");
  person.languages = {{"ti", LanguageLevel::native}, {"nl", LanguageLevel::a1}};
  auto near = local("l-near");
  auto away = local("l-away");
  near.languages = away.languages = {{"nl", LanguageLevel::native}};
  away.welcomes_beginners = true;
  away.lat += 0.27;  // about 30 km north
  away.max_distance_km = 50;
  const auto pool = pool_of({person, near, away});
  const MatchIndex index(pool);
  REQUIRE(index.top_k(person, 5).empty());
  // Each change, counted by hand: at A2 the near local talks Dutch with them
  // (the far one is still too far); at 20 km the far one is still too far and
  // the near one shares no language; every pillar changes neither.
  const auto changes = index.what_if(person);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].change == MatchIndex::Change::speak_at_a2);
  CHECK(changes[0].admissible == 1);
  CHECK(changes[1].change == MatchIndex::Change::travel_farther);
  CHECK(changes[1].max_distance_km == 20);
  CHECK(changes[1].admissible == 0);
  CHECK(changes[2].change == MatchIndex::Change::every_pillar);
  CHECK(changes[2].admissible == 0);
  const auto answer = wire::handle_request(index, R"({"version":1,"op":"top_k","profile_id":"n1","k":5})");
  CHECK(
      answer.find(
          R"("what_if":[{"change":"speak_at_a2","admissible":1},{"change":"travel_farther","admissible":0,"max_distance_km":20},{"change":"every_pillar","admissible":0}])") !=
      std::string::npos);
  // A local who could welcome beginners is told what that would give.
  const auto for_near = index.what_if(near);
  REQUIRE_FALSE(for_near.empty());
  CHECK(for_near[0].change == MatchIndex::Change::welcome_beginners);
  CHECK(for_near[0].admissible == 1);
  CHECK(wire::reach_message(index.count_exclusions(person), Role::newcomer, changes) ==
        "no admissible candidate among 2 locals; the language constraint excluded most (1); admissible with one "
        "change: their A1 languages at A2 (1), up to 20 km (0), every pillar (0)");
}

TEST_CASE("core::wire welcomes_beginners is read and written back and refused for a newcomer") {
  auto welcoming = local("l1");
  welcoming.welcomes_beginners = true;
  const auto pool = pool_of({newcomer("n1"), welcoming});
  const std::string text = wire::serialize(wire::to_json(pool));
  CHECK(text.find(R"("welcomes_beginners":true)") != std::string::npos);
  CHECK(wire::parse_pool(text).profiles[1].welcomes_beginners);
  CHECK_FALSE(wire::parse_pool(text).profiles[0].welcomes_beginners);
  auto document = boost::json::parse(text);
  document.at("profiles").as_array()[0].as_object()["welcomes_beginners"] = true;
  try {
    wire::parse_pool(wire::serialize(document));
    FAIL("a newcomer who welcomes beginners was accepted");
  } catch (const Refused& error) {
    CHECK(error.problems().front().to_string().find("welcomes_beginners: true for a newcomer") != std::string::npos);
  }
  document.at("profiles").as_array()[0].as_object()["welcomes_beginners"] = "yes";
  CHECK_THROWS_AS(wire::parse_pool(wire::serialize(document)), Refused);
}

// Lists as long as a pool file can make them: checked and reported in one
// pass. Looking back along a list for repeats, or comparing each problem with
// every error already found, is quadratic in the list's length; a doctest
// timeout far above what one pass takes under the sanitizers fails such a
// check.
namespace {

// The message of the last problem of a pool whose first profile has `id` and
// `interests`, and how many problems there are.
std::string last_problem(const std::string& id, const boost::json::array& interests, std::size_t& count) {
  auto document = boost::json::parse(pool_text());
  auto& profile = document.at("profiles").as_array()[0].as_object();
  profile["id"] = id;
  profile["interests"] = interests;
  try {
    wire::parse_pool(wire::serialize(document));
  } catch (const Refused& error) {
    count = error.problems().size();
    return error.problems().back().to_string();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("core::wire a long list with repeats is checked in one pass" * doctest::timeout(90)) {
  constexpr std::size_t n = 300000;
  boost::json::array interests;
  for (std::size_t i = 0; i < n; ++i) interests.emplace_back("unknown");
  for (std::size_t i = 0; i < n; ++i) interests.emplace_back("cooking");
  std::size_t count = 0;
  CHECK(last_problem("n1", interests, count) == "profile \"n1\": interests[599999]: interest \"cooking\" is listed twice");
  CHECK(count == 2 * n - 1);
}

TEST_CASE("core::wire read errors and problems of one profile are merged in one pass" * doctest::timeout(90)) {
  // A field that could not be read is not reported again by validation; the
  // profile's id is long, as comparing it with every error made it slow.
  constexpr std::size_t n = 80000;
  const std::string id(2000, 'n');
  boost::json::array interests;
  for (std::size_t i = 0; i < n; ++i) interests.emplace_back(std::int64_t(i));
  for (std::size_t i = 0; i < n; ++i) interests.emplace_back("unknown");
  std::size_t count = 0;
  CHECK(last_problem(id, interests, count) == "profile \"" + id + "\": interests[79999]: expected a string, got an integer");
  CHECK(count == n);
}
