// parse_pool, the one pool reader: it reads back what to_json wrote (in one
// part, or in two on two threads for a large pool) and names every problem of
// a pool it refuses.
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/wire.hpp>

#include "wire_read.hpp"  // find_profiles_cut (core/src)

#include <doctest/doctest.h>
#include <boost/json/parse.hpp>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core_fixtures.hpp"

using namespace blendin::core;

namespace {

Pool demo_pool(std::size_t profiles, std::uint64_t seed) {
  return make_demo_pool({profiles, seed, 2026}, blendin::test::small_taxonomy(), {0, 1, 2});
}

std::string text_of(const Pool& pool) { return wire::serialize(wire::to_json(pool)); }

// Empty when equal; otherwise both texts around their first difference (the
// texts are whole pools: too long to print whole).
std::string difference(const std::string& a, const std::string& b) {
  if (a == b) return "";
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const std::size_t from = at > 60 ? at - 60 : 0;
  return "at " + std::to_string(at) + ":\n  " + a.substr(from, 160) + "\n  " + b.substr(from, 160);
}

// The problems of a text parse_pool refuses; empty when it reads it.
std::vector<Problem> problems_of(const std::string& text) {
  try {
    wire::parse_pool(text);
    return {};
  } catch (const Refused& refused) {
    return refused.problems();
  }
}

// One change to a pool's text, as a document (fields) or as text (what a document cannot hold).
struct Alteration {
  std::string name;
  std::function<std::string(const std::string& text, std::mt19937_64& random)> apply;
};

boost::json::object& some_profile(boost::json::value& document, std::mt19937_64& random) {
  auto& profiles = document.at("profiles").as_array();
  return profiles[random() % profiles.size()].as_object();
}

// Replaces the n-th (modulo how many) occurrence of `from` with `to`; the text unchanged when none.
std::string replace_one(const std::string& text, const std::string& from, const std::string& to, std::uint64_t n) {
  std::vector<std::size_t> at;
  for (auto p = text.find(from); p != std::string::npos; p = text.find(from, p + 1)) at.push_back(p);
  if (at.empty()) return text;
  std::string out = text;
  out.replace(at[n % at.size()], from.size(), to);
  return out;
}

std::vector<Alteration> alterations() {
  std::vector<Alteration> all;
  // Each profile field (and nested field) removed, set to null, or set to a value of every kind.
  const std::vector<std::string> fields = {"id",
                                           "role",
                                           "display_name",
                                           "birth_year",
                                           "location",
                                           "interests",
                                           "languages",
                                           "pillars",
                                           "availability",
                                           "gender",
                                           "gender_preference",
                                           "max_distance_km",
                                           "capacity",
                                           "meeting_style",
                                           "field",
                                           "waiting_since_days",
                                           "work",
                                           "unknown_field"};
  const std::vector<std::pair<std::string, boost::json::value>> values = {{"null", nullptr},
                                                                          {"true", true},
                                                                          {"zero", 0},
                                                                          {"a whole number", 1990},
                                                                          {"a fraction", 2.5},
                                                                          {"a whole double", 3.0},
                                                                          {"a huge number", 1e300},
                                                                          {"a string", "x"},
                                                                          {"an enum name", "woman"},
                                                                          {"an empty string", ""},
                                                                          {"a list", boost::json::array{"x"}},
                                                                          {"an empty list", boost::json::array{}},
                                                                          {"an object", boost::json::object{{"a", 1}}},
                                                                          {"a negative number", -7},
                                                                          {"an unsigned beyond int64", 18446744073709551615ull}};
  for (const auto& field : fields) {
    all.push_back({"profile " + field + " removed", [field](const std::string& text, std::mt19937_64& random) {
                     auto document = boost::json::parse(text);
                     some_profile(document, random).erase(field);
                     return wire::serialize(document);
                   }});
    for (const auto& [kind, value] : values)
      all.push_back({"profile " + field + " set to " + kind, [field, value](const std::string& text, std::mt19937_64& random) {
                       auto document = boost::json::parse(text);
                       some_profile(document, random)[field] = value;
                       return wire::serialize(document);
                     }});
  }
  // Nested fields.
  const std::vector<std::pair<std::string, std::string>> nested = {
      {"location", "postcode_area"}, {"location", "lat"},    {"location", "lon"}, {"location", "extra"},
      {"work", "sought_sectors"},    {"work", "occupation"}, {"work", "extra"}};
  for (const auto& [outer, inner] : nested)
    for (const auto& [kind, value] : values)
      all.push_back({"profile " + outer + "." + inner + " set to " + kind,
                     [outer, inner, value](const std::string& text, std::mt19937_64& random) {
                       auto document = boost::json::parse(text);
                       auto& profile = some_profile(document, random);
                       if (!profile[outer].is_object()) profile[outer] = boost::json::object{};
                       profile[outer].as_object()[inner] = value;
                       return wire::serialize(document);
                     }});
  for (const auto& [kind, value] : values) {
    all.push_back({"a language's level set to " + kind, [value](const std::string& text, std::mt19937_64& random) {
                     auto document = boost::json::parse(text);
                     auto& languages = some_profile(document, random)["languages"].as_array();
                     languages[random() % languages.size()].as_object()["level"] = value;
                     return wire::serialize(document);
                   }});
    all.push_back({"an interest set to " + kind, [value](const std::string& text, std::mt19937_64& random) {
                     auto document = boost::json::parse(text);
                     some_profile(document, random)["interests"] = boost::json::array{"cooking", value};
                     return wire::serialize(document);
                   }});
    all.push_back({"a pillar set to " + kind, [value](const std::string& text, std::mt19937_64& random) {
                     auto document = boost::json::parse(text);
                     some_profile(document, random)["pillars"] = boost::json::array{value};
                     return wire::serialize(document);
                   }});
    for (const char* field : {"version", "reference_year", "taxonomy", "profiles", "extra"})
      all.push_back(
          {std::string("the pool's ") + field + " set to " + kind, [field, value](const std::string& text, std::mt19937_64&) {
             auto document = boost::json::parse(text);
             document.as_object()[field] = value;
             return wire::serialize(document);
           }});
    for (const char* field : {"id", "rarity", "extra"})
      all.push_back({std::string("a taxonomy interest's ") + field + " set to " + kind,
                     [field, value](const std::string& text, std::mt19937_64& random) {
                       auto document = boost::json::parse(text);
                       auto& interests = document.at("taxonomy").at("interests").as_array();
                       interests[random() % interests.size()].as_object()[field] = value;
                       return wire::serialize(document);
                     }});
    for (const char* field : {"sectors", "occupations", "extra"})
      all.push_back(
          {std::string("the taxonomy's ") + field + " set to " + kind, [field, value](const std::string& text, std::mt19937_64&) {
             auto document = boost::json::parse(text);
             document.at("taxonomy").as_object()[field] = value;
             return wire::serialize(document);
           }});
  }
  all.push_back({"every taxonomy rarity removed", [](const std::string& text, std::mt19937_64&) {
                   auto document = boost::json::parse(text);
                   for (auto& interest : document.at("taxonomy").at("interests").as_array()) interest.as_object().erase("rarity");
                   return wire::serialize(document);
                 }});
  all.push_back({"a profile's fields in reverse order", [](const std::string& text, std::mt19937_64& random) {
                   auto document = boost::json::parse(text);
                   auto& profile = some_profile(document, random);
                   boost::json::object reversed;
                   for (auto it = profile.end(); it != profile.begin();) {
                     --it;
                     reversed[it->key()] = it->value();
                   }
                   profile = std::move(reversed);
                   return wire::serialize(document);
                 }});
  // What a document cannot hold: repeated keys, escapes, spaces, comments, broken text.
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"\"role\":\"newcomer\"", "\"role\":\"newcomer\",\"role\":\"local\""},
      {"\"role\":\"local\"", "\"role\":\"local\",\"role\":\"local\""},
      {"\"lat\":", "\"lat\":1,\"lat\":"},
      {"\"display_name\":\"", "\"display_name\":\"\\u00e9\\\"\\\\"},
      {"\"id\":\"", "\"i\\u0064\":\"\\u0070"},
      {"\"code\":\"", "\"code\" : \"\\u006e"},
      {",", " ,\n\t"},
      {":", " : "},
      {"{", "{ /* a comment */ "},
      {"\"profiles\":[", "\"profiles\":[,"},
      {"}", ""},
      {"\"pillars\":[", "\"pillars\":[\"work\","},
      {"\"lat\":", "\"lat\":-0.5e1,\"lon2\":"},
      {"\"max_distance_km\":", "\"max_distance_km\":1E1,\"x\":"},
      {"\"birth_year\":", "\"birth_year\":-0,\"y\":"},
      {"\"version\":1", "\"version\":1.0"},
      {"\"version\":1", "\"version\":01"},
  };
  for (const auto& [from, to] : edits)
    all.push_back({"text: " + from + " -> " + to, [from, to](const std::string& text, std::mt19937_64& random) {
                     return replace_one(text, from, to, random());
                   }});
  all.push_back({"text: trailing garbage", [](const std::string& text, std::mt19937_64&) { return text + " x"; }});
  all.push_back({"text: cut short",
                 [](const std::string& text, std::mt19937_64& random) { return text.substr(0, random() % text.size()); }});
  return all;
}

}  // namespace

TEST_CASE("core::wire parse_pool reads back what to_json wrote in one part and in two") {
  for (const std::size_t size : {0u, 1u, 7u, 300u, 4000u}) {
    CAPTURE(size);
    const std::string text = text_of(demo_pool(size, 5 + size));
    if (size == 4000) {  // above 1 MiB: read in two parts natively
      REQUIRE(text.size() > (1u << 20));
      REQUIRE(wire::find_profiles_cut(text).has_value());
    }
    CHECK(difference(text_of(wire::parse_pool(text)), text) == "");
  }
  // With "taxonomy" after "profiles", the quick guess of where to cut the text does not hold.
  const Pool pool = demo_pool(4000, 13);
  auto document = boost::json::parse(text_of(pool)).as_object();
  boost::json::object reordered;
  for (const char* key : {"version", "reference_year", "profiles", "taxonomy"}) reordered[key] = document.at(key);
  const std::string text = wire::serialize(reordered);
  REQUIRE(wire::find_profiles_cut(text).has_value());
  CHECK(difference(text_of(wire::parse_pool(text)), text_of(pool)) == "");
}

TEST_CASE("core::wire parse_pool reads or names every problem of altered pools") {
  const std::string text = text_of(demo_pool(12, 3));
  std::mt19937_64 random(20261128);
  std::size_t read = 0, refused = 0;
  for (const auto& alteration : alterations()) {
    for (int round = 0; round < 3; ++round) {
      const std::string altered = alteration.apply(text, random);
      CAPTURE(alteration.name);
      const auto problems = problems_of(altered);
      if (problems.empty()) {
        ++read;  // what was read writes back and reads again the same
        const std::string written = text_of(wire::parse_pool(altered));
        CHECK(difference(text_of(wire::parse_pool(written)), written) == "");
        continue;
      }
      ++refused;
      for (const auto& problem : problems) {
        CAPTURE(problem.to_string());
        // Each names where: a profile by its id (or its place), or a part of the document.
        REQUIRE_FALSE(problem.subject.empty());
        const bool part = problem.subject.front() == '(' || problem.subject.front() == '#';
        CHECK((part || altered.find(quoted(problem.subject)) != std::string::npos));
        CHECK_FALSE(problem.message.empty());
      }
    }
  }
  MESSAGE("read: " << read << ", refused with their problems: " << refused);
  CHECK(read > 100);
  CHECK(refused > 1000);
}

TEST_CASE("core::wire problems on either side of the two-part cut are named as in one part") {
  const std::string text = text_of(demo_pool(4000, 12));
  const auto cut = wire::find_profiles_cut(text);
  REQUIRE(cut.has_value());
  const std::size_t after = cut->comma + 1, before = text.rfind("{\"id\":", cut->comma);
  for (const std::size_t at : {before, after}) {
    const std::size_t id_start = at + 7, id_end = text.find('"', id_start);
    const std::string id = text.substr(id_start, id_end - id_start);
    CAPTURE(id);
    // A value of the wrong kind as the profile's last field (of a repeated key, the last counts).
    const std::size_t end = text.find("},{\"id\":", at);
    REQUIRE(end != std::string::npos);
    std::string altered = text;
    altered.insert(end, ",\"capacity\":\"two\"");
    const auto problems = problems_of(altered);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].subject == id);
    CHECK(problems[0].field == "capacity");
    // A syntax error there: its line, column (in characters) and byte in the whole text.
    std::string broken = text;
    broken.insert(at + 1, "@");
    const auto syntax = problems_of(broken);
    REQUIRE(syntax.size() == 1);
    CHECK(syntax[0].line == 1);
    std::size_t column = 1;
    for (std::size_t i = 0; i < at + 1; ++i) column += (static_cast<unsigned char>(text[i]) & 0xc0) != 0x80;
    CHECK(syntax[0].column == column);
    CHECK(syntax[0].byte == at + 1);
  }
}

TEST_CASE("core::wire documents that are not a pool are refused") {
  for (const char* text : {"", "null", "true", "1", "\"x\"", "[]", "{}", "[null]", "[{}]", "{\"version\":null}",
                           "{\"version\":1}", "{\"profiles\":null}"}) {
    CAPTURE(text);
    CHECK_FALSE(problems_of(text).empty());
  }
}
