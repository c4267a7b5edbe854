#include <blendin/core/demo_pool.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>

#include "wire_read.hpp"  // find_profiles_cut (core/src)

#include <doctest/doctest.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "core_fixtures.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::pool_of;

namespace {

std::string pool_text(std::vector<Profile> profiles) {
  auto pool = pool_of(std::move(profiles));
  return wire::serialize(wire::to_json(pool));
}

// Parses a pool with one profile changed by `edit`; returns the first error.
std::string refusal(const std::function<void(boost::json::object&)>& edit) {
  auto document = boost::json::parse(pool_text({newcomer("n1"), local("l1")}));
  edit(document.at("profiles").as_array()[0].as_object());
  try {
    wire::parse_pool(wire::serialize(document));
  } catch (const Refused& error) {
    return error.problems().front().to_string();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("core::wire a pool survives a round trip byte for byte") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto pool = make_demo_pool({200, 3, 2026}, taxonomy, {0, 1, 2});
  const std::string text = wire::serialize(wire::to_json(pool));
  const auto again = wire::parse_pool(text);
  const std::string written = wire::serialize(wire::to_json(again));
  const auto diverge = std::mismatch(text.begin(), text.end(), written.begin(), written.end());
  CHECK(text.substr(std::size_t(diverge.first - text.begin()), 80) ==
        written.substr(std::size_t(diverge.second - written.begin()), 80));
  CHECK(again.profiles.size() == 200);
}

TEST_CASE("core::wire numbers are written in their shortest round-trip form") {
  CHECK(wire::serialize(boost::json::value(0.25)) == "0.25");
  CHECK(wire::serialize(boost::json::value(0.1)) == "0.1");
  CHECK(wire::serialize(boost::json::value(3.0)) == "3");
  CHECK(wire::serialize(boost::json::value("a\"b\n")) == "\"a\\\"b\\n\"");
  CHECK(wire::serialize(boost::json::parse(R"({"b":1,"a":[true,null]})")) == R"({"b":1,"a":[true,null]})");
}

TEST_CASE("core::wire an impossible profile is refused naming the profile and the field") {
  CHECK(refusal([](auto& p) { p["role"] = "tourist"; }) == "profile \"n1\": role: \"tourist\": expected newcomer or local");
  CHECK(refusal([](auto& p) { p["birth_year"] = 2040; }) ==
        "profile \"n1\": birth_year: gives an age of -14 in 2026: expected an age from 16 to 110");
  CHECK(refusal([](auto& p) { p["location"].as_object()["lat"] = 400; }) ==
        "profile \"n1\": lat: latitude 400.000000 is outside the Netherlands: expected 50.6 to 53.7");
  CHECK(refusal([](auto& p) {
          p["interests"] = boost::json::array{"cooking", "skydiving"};
        }) == "profile \"n1\": interests[1]: unknown interest id \"skydiving\": expected an id from interests.yaml");
  CHECK(refusal([](auto& p) { p["birth_year"] = "1990"; }) ==
        "profile \"n1\": birth_year: expected a whole number from 1890 to 2084, got a string");
  CHECK(refusal([](auto& p) { p["languages"].as_array()[0].as_object()["level"] = "B7"; }) ==
        "profile \"n1\": languages[0].level: \"B7\": expected one of A1, A2, B1, B2, C1, C2, native");
  CHECK(refusal([](auto& p) { p["capacity"] = 7; }) == "profile \"n1\": capacity: expected a whole number from 1 to 3, got 7");
  CHECK(refusal([](auto& p) { p.erase("location"); }) ==
        "profile \"n1\": location: missing: expected {\"postcode_area\", \"lat\", \"lon\"}");
  CHECK(refusal([](auto& p) { p["id"] = "l1"; }) == "profile \"l1\": id: duplicate id: every profile needs its own");
}

TEST_CASE("core::wire every problem of a document is reported and not only the first") {
  auto document = boost::json::parse(pool_text({newcomer("n1"), local("l1")}));
  document.at("profiles").as_array()[0].as_object()["role"] = "x";
  document.at("profiles").as_array()[1].as_object()["pillars"] = boost::json::array{"sport"};
  try {
    wire::parse_pool(wire::serialize(document));
    FAIL("accepted");
  } catch (const Refused& error) {
    CHECK(error.problems().size() == 2);
    CHECK(error.problems()[1].to_string() == "profile \"l1\": pillars[0]: \"sport\": expected one of social, culture, work");
  }
  CHECK_THROWS_AS(wire::parse_pool("{not json"), Refused);
  CHECK_THROWS_AS(wire::parse_pool(R"({"version": 2, "profiles": []})"), Refused);
}

TEST_CASE("core::wire requests answer with data or a JSON error and never an exception") {
  const auto pool = pool_of({newcomer("n1"), local("l1"), local("l2")});
  const MatchIndex index(pool);
  const auto ok = boost::json::parse(wire::handle_request(index, R"({"version":1,"op":"top_k","profile_id":"n1","k":5})"));
  CHECK(ok.at("matches").as_array().size() == 2);
  CHECK(ok.at("matches").as_array()[0].at("id").as_string() == "l1");
  for (const char* bad :
       {"", "[]", "{}", R"({"version":1})", R"({"version":1,"op":"dance"})", R"({"version":1,"op":""})",
        R"({"version":1,"op":"top_k","profile_id":"nobody"})", R"({"version":1,"op":"top_k","profile":{"id":"x"}})",
        R"({"version":1,"op":"top_k","profile_id":"n1","k":-3})", R"({"version":1,"op":"explain","a_id":"n1"})"}) {
    CAPTURE(bad);
    const auto answer = boost::json::parse(wire::handle_request(index, bad));
    REQUIRE(answer.as_object().contains("error"));
    // Every refusal says what was wrong, at least once, in its details.
    const auto& details = answer.at("error").at("details").as_array();
    REQUIRE(!details.empty());
    CHECK(!details[0].at("message").as_string().empty());
  }
  const auto explained =
      boost::json::parse(wire::handle_request(index, R"({"version":1,"op":"explain","a_id":"l1","b_id":"l2"})"));
  CHECK(explained.at("admissible").as_bool() == false);
  CHECK(explained.at("violated_constraint").as_string() == "role");
}

TEST_CASE("core::demo_pool same seed gives the same pool and another seed another pool") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto a = wire::serialize(wire::to_json(make_demo_pool({300, 42, 2026}, taxonomy, {0, 1, 2})));
  const auto b = wire::serialize(wire::to_json(make_demo_pool({300, 42, 2026}, taxonomy, {0, 1, 2})));
  const auto c = wire::serialize(wire::to_json(make_demo_pool({300, 43, 2026}, taxonomy, {0, 1, 2})));
  CHECK(a == b);
  CHECK(a != c);
  // Every demo profile is valid, and interests are far from uniform.
  for (int i = 0; i < 35; ++i) taxonomy.interests.push_back("interest-" + std::to_string(i));
  const auto pool = make_demo_pool({2000, 42, 2026}, taxonomy, {0, 1, 2});
  CHECK(validate_pool(pool).empty());
  const auto& rarity = pool.taxonomy.interest_rarity;
  const auto [low, high] = std::minmax_element(rarity.begin(), rarity.end());
  CHECK(*high / *low > 1.3);
}

TEST_CASE("core::wire numbers are written as the shortest printf %.15g to %.17g that reads back") {
  // The reference: printf and strtod, as the format is defined (docs/matching.md).
  auto reference = [](double number) {
    char text[32];
    for (int digits = 15; digits <= 17; ++digits) {
      std::snprintf(text, sizeof text, "%.*g", digits, number);
      if (std::strtod(text, nullptr) == number) break;
    }
    return std::string(text);
  };
  DemoRandom random(42);
  std::vector<double> numbers{0.1,        1.0 / 3.0,
                              2.0 / 3.0,  1e-5,
                              1.234e-7,   0.00012345678901234,
                              123456.789, 1e16 + 2,
                              5e-324,     1.7976931348623157e308,
                              -0.3,       0.5642939251320528};
  for (int i = 0; i < 20000; ++i) {
    const double unit = random.unit();
    numbers.push_back(unit);
    numbers.push_back(unit * std::pow(10.0, double(int(random.below(40)) - 20)));
    numbers.push_back(double(random.below(1000)) / double(1 + random.below(1000)));
    // Any finite double, from its bits.
    std::uint64_t bits =
        (std::uint64_t(random.below(1u << 31)) << 33) ^ (std::uint64_t(random.below(1u << 31)) << 2) ^ random.below(4);
    double any;
    std::memcpy(&any, &bits, sizeof any);
    if (std::isfinite(any)) numbers.push_back(any);
    // Decimals of 15, 16 and 17 digits, read as doubles.
    for (int digits = 15; digits <= 17; ++digits) {
      std::string text = "0.";
      for (int d = 0; d < digits; ++d) text += char('1' + random.below(9));
      numbers.push_back(std::strtod(text.c_str(), nullptr) * std::pow(10.0, double(int(random.below(30)) - 15)));
    }
  }
  // Powers of two (their neighbours are not equally far) and their neighbours.
  for (int exponent = -1074; exponent <= 1023; ++exponent) {
    const double power = std::ldexp(1.0, exponent);
    numbers.insert(numbers.end(), {power, std::nextafter(power, 0.0), std::nextafter(power, 2 * power)});
  }
  for (double number : numbers) {
    if (number == std::trunc(number) && std::abs(number) < 1e15) continue;  // whole numbers are written as integers
    CAPTURE(number);
    CHECK(blendin::core::wire::serialize(boost::json::value(number)) == reference(number));
  }
}

TEST_CASE("core::wire writes an explanation in the documented shape") {
  Explanation e;
  e.shared_interests = {"koken", "muziek \"live\""};
  e.distance_km = 2.5;
  e.age_a = 31;
  e.age_b = 64;
  e.shared_languages = {{"nl", LanguageLevel::a1, LanguageLevel::native, true},
                        {"en", LanguageLevel::b2, LanguageLevel::c1, false}};
  e.shared_pillars = {Pillar::social, Pillar::work};
  e.shared_availability = {Availability::weekday_evening};
  e.parts = {{"interests", 0.5, 0.25, 0.125}, {"age", 1, 0.75, 0.75}};
  // Without a work part: no "work" member; the field is null when empty.
  const std::string without_work =
      R"({"shared_interests":["koken","muziek \"live\""],"distance_km":2.5,"ages":[31,64],)"
      R"("shared_languages":[{"code":"nl","levels":["A1","native"],"practice":true},{"code":"en","levels":["B2","C1"]}],)"
      R"("shared_pillars":["social","work"],"shared_availability":["weekday_evening"],"shared_field":null,)"
      R"("meeting_style_compatible":true,"parts":[{"name":"interests","value":0.5,"weight":0.25,"contribution":0.125},)"
      R"({"name":"age","value":1,"weight":0.75,"contribution":0.75}]})";
  std::string appended = "x";
  wire::append_json(appended, e);
  CHECK(appended == "x" + without_work);
  CHECK(wire::serialize(wire::to_json(e)) == without_work);
  // With one: its sectors and occupation fit; a field named.
  e.parts.push_back({"work", 0, 0, 0});
  e.shared_sectors = {"zorg"};
  e.shared_field = "ict";
  e.meeting_style_compatible = false;
  const std::string text = wire::serialize(wire::to_json(e));
  CHECK(text.find(R"("shared_field":"ict","work":{"shared_sectors":["zorg"],"occupation_fit":false},)"
                  R"("meeting_style_compatible":false,)") != std::string::npos);
}

TEST_CASE("core::ScoringModel explanations from the index's compact profiles equal those from the profiles") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto pool = make_demo_pool({600, 23, 2026}, taxonomy, {0, 1, 2});
  const MatchIndex index(pool);
  for (std::size_t i = 0; i < pool.profiles.size(); i += 5)
    for (std::size_t j = 2; j < pool.profiles.size(); j += 13) {
      const auto& a = pool.profiles[i];
      const auto& b = pool.profiles[j];
      CHECK(blendin::core::wire::serialize(blendin::core::wire::to_json(index.model().explain(a, b, pool.reference_year))) ==
            blendin::core::wire::serialize(blendin::core::wire::to_json(
                index.model().explain(a, b, index.compact(i), index.compact(j), pool.reference_year))));
    }
}

TEST_CASE("core::wire a large pool is read and checked in halves and reports every problem in order") {
  // From 2,048 profiles natively the profiles are read and checked in two
  // halves on two threads: the errors must be those of one pass, in profile
  // order (what could not be read first, then what is impossible, a
  // duplicate id after its profile's own problems).
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const Pool pool = make_demo_pool({3001, 5, 2026}, taxonomy, {0, 1, 2});
  auto document = wire::to_json(pool);
  auto& profiles = document.at("profiles").as_array();
  REQUIRE(profiles.size() == 3001);
  CHECK_NOTHROW(wire::parse_pool(wire::serialize(document)));
  auto profile = [&](std::size_t i) -> boost::json::object& { return profiles[i].as_object(); };
  auto id = [&](std::size_t i) { return std::string(profile(i).at("id").as_string()); };
  profile(7)["display_name"] = 5;
  profile(2900)["display_name"] = true;
  profile(1499)["birth_year"] = 2020;
  profile(1500)["birth_year"] = 2021;
  profile(40)["id"] = id(3);
  profile(2000)["id"] = id(20);
  profile(2000)["birth_year"] = 2022;
  profile(2500)["id"] = id(1600);
  const std::string display_x = "profile \"" + id(7) + "\": display_name: expected a string, got an integer";
  const std::string display_y = "profile \"" + id(2900) + "\": display_name: expected a string, got a boolean";
  auto birth = [&](std::size_t i) {
    return "profile \"" + id(i) + "\": birth_year: gives an age of " +
           std::to_string(2026 - profile(i).at("birth_year").as_int64());
  };
  auto duplicate = [&](std::size_t i) { return "profile \"" + id(i) + "\": id: duplicate id: every profile needs its own"; };
  std::vector<std::string> seen;
  try {
    wire::parse_pool(wire::serialize(document));
    FAIL("accepted");
  } catch (const Refused& error) {
    for (const auto& e : error.problems()) seen.push_back(e.to_string());
  }
  REQUIRE(seen.size() == 8);
  CHECK(seen[0] == display_x);
  CHECK(seen[1] == display_y);
  CHECK(seen[2] == duplicate(40));
  CHECK(seen[3].rfind(birth(1499), 0) == 0);
  CHECK(seen[4].rfind(birth(1500), 0) == 0);
  CHECK(seen[5].rfind(birth(2000), 0) == 0);
  CHECK(seen[6] == duplicate(2000));
  CHECK(seen[7] == duplicate(2500));
}

TEST_CASE("core::wire the cut of a pool's text falls between two profiles whatever the strings hold") {
  // Ids and names holding quotes, backslashes, brackets, commas and the word
  // "profiles": the scan must skip every string whole.
  const std::string text =
      R"({"version":1,"note":"a \"profiles\": [x, y]","profiles":[{"id":"a,]}\"\\"},{"id":"b\\\\","n":[1,{"x":","}]},)"
      R"({"id":"c"},{"id":"d\"profiles\":[,"}],"after":{"profiles":[1,2]}})";
  const auto cut = wire::find_profiles_cut(text);
  REQUIRE(cut.has_value());
  CHECK(cut->comma >= text.size() / 2);
  CHECK(text[cut->comma] == ',');
  CHECK(text[cut->close] == ']');
  CHECK(text.substr(cut->close) == R"(],"after":{"profiles":[1,2]}})");
  // The two parts together are the whole.
  const auto whole = boost::json::parse(text);
  const auto before = boost::json::parse(text.substr(0, cut->comma) + text.substr(cut->close));
  const auto after = boost::json::parse("[" + text.substr(cut->comma + 1, cut->close - cut->comma - 1) + "]");
  boost::json::array joined = before.at("profiles").as_array();
  for (const auto& profile : after.as_array()) joined.push_back(profile);
  CHECK(joined == whole.at("profiles").as_array());
  CHECK(before.at("after") == whole.at("after"));
  CHECK(after.as_array().size() >= 1);

  // No cut where one parser must decide.
  CHECK_FALSE(wire::find_profiles_cut(R"({"profiles":[{"id":"a"},{"id":"b"}],"profiles":[{"id":"c"},{"id":"d"}]})"));
  CHECK_FALSE(wire::find_profiles_cut(R"({"profile\u0073":[{"id":"a"},{"id":"b"}],"x":"yyyyyyyyyyyyyyyyyyyyyyyy"})"));
  CHECK_FALSE(wire::find_profiles_cut(R"({"x":"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy","profiles":[{"id":"only one"}]})"));
  CHECK_FALSE(wire::find_profiles_cut(R"({"profiles":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}})"));
  CHECK_FALSE(wire::find_profiles_cut(R"({"profiles":[{"id":"a"},{"id":"b"},{"id":"c)"));
  CHECK_FALSE(wire::find_profiles_cut(R"({"profiles":[{"id":"a"},{"id":"b"},{"id":"c"})"));
}

TEST_CASE("core::wire a large pool read in two parts is the pool read in one") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  Pool pool = make_demo_pool({4001, 9, 2026}, taxonomy, {0, 1, 2});
  pool.profiles[3500].display_name = R"(Sam "],"profiles":[{ \ )";
  pool.profiles[3999].display_name = "Noor \\";
  const std::string text = wire::serialize(wire::to_json(pool));
  REQUIRE(text.size() >= std::size_t(1) << 20);  // large enough to be read in two parts natively
  const auto cut = wire::find_profiles_cut(text);
  REQUIRE(cut.has_value());
  CHECK(cut->comma < text.find("Sam \\\""));  // a tricky profile after the cut
  const Pool read = wire::parse_pool(text);
  REQUIRE(read.profiles.size() == pool.profiles.size());
  CHECK(read.profiles[3500].display_name == pool.profiles[3500].display_name);
  CHECK(wire::serialize(wire::to_json(read)) == text);

  // Invalid JSON after the cut is refused with the message of one parser.
  std::string broken = text;
  broken.insert(broken.rfind("}]"), ",");
  std::string message;
  try {
    wire::parse_pool(broken);
  } catch (const Refused& error) {
    message = error.problems().front().to_string();
  }
  CAPTURE(message);
  // Where the parser stopped: the comma's closing brace, line 1, its column in characters.
  const std::size_t at = broken.rfind("}]");
  std::size_t column = 1;
  for (std::size_t i = 0; i < at; ++i) column += (static_cast<unsigned char>(broken[i]) & 0xc0) != 0x80;
  CHECK(message == "pool:1:" + std::to_string(column) + ": JSON syntax: expected a key in quotes, got \"}\" (byte " +
                       std::to_string(at) + ")");
}

TEST_CASE("core::wire strings are written with quotes backslashes and control characters escaped") {
  // The reference, character by character: ", \ and control characters
  // escaped (\n, \r, \t by name, the rest and DEL as \u00XX), everything else as it is.
  auto reference = [](const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
      if (c == '"')
        out += "\\\"";
      else if (c == '\\')
        out += "\\\\";
      else if (c == '\n')
        out += "\\n";
      else if (c == '\r')
        out += "\\r";
      else if (c == '\t')
        out += "\\t";
      else if (c < 0x20 || c == 0x7f) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        out += escaped;
      } else
        out += char(c);
    }
    return out + "\"";
  };
  std::vector<std::string> texts{"",
                                 "plain",
                                 "Zaandam \"De Hal\"",
                                 "a\\b",
                                 "tab\there",
                                 "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a",
                                 "\xd0\x97\xd1\x83\xd1\x81\xd1\x82\xd1\x80\xd1\x96\xd1\x87",
                                 "end\\"};
  std::string every_byte;
  for (int c = 1; c < 128; ++c) every_byte += char(c);
  texts.push_back(every_byte);
  texts.push_back(std::string("nul\0inside", 10));
  DemoRandom random(7);
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    for (std::uint64_t n = random.below(40); n > 0; --n) text += char(random.below(128));
    texts.push_back(text);
  }
  for (const auto& text : texts) {
    CAPTURE(text);
    CHECK(wire::serialize(boost::json::value(text)) == reference(text));
  }
}
