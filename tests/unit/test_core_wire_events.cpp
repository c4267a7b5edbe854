// parse_pool's two readers: straight from the parser's events (the common
// case, fast) and through the document (every problem named). The events
// reader must accept only what the document reader reads without a problem,
// and give the same pool; on anything else it must defer.
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/wire.hpp>

#include "wire_read.hpp"  // the two pool readers, each on its own (core/src)

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

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

// What a reader made of a text: the pool written back, or its errors.
struct Outcome {
  bool deferred = false;  // the events reader gave the text to the document reader
  std::string result;
};

std::string errors_of(const Refused& error) {
  std::string text = "refused:";
  for (const auto& problem : error.problems()) text += "\n" + problem.to_string();
  return text;
}

Outcome through_events(const std::string& text) {
  try {
    auto pool = wire::parse_pool_from_events(text);
    if (!pool) return {true, ""};
    return {false, text_of(*pool)};
  } catch (const Refused& error) {
    return {false, errors_of(error)};
  }
}

std::string through_parse_pool(const std::string& text) {
  try {
    return text_of(wire::parse_pool(text));
  } catch (const Refused& error) {
    return errors_of(error);
  }
}

Outcome through_document(const std::string& text) {
  try {
    return {false, text_of(wire::parse_pool_from_document(text))};
  } catch (const Refused& error) {
    return {false, errors_of(error)};
  }
}

// Empty when equal; otherwise both texts around their first difference (the
// texts are whole pools: too long to print whole).
std::string difference(const std::string& a, const std::string& b) {
  if (a == b) return "";
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const std::size_t from = at > 60 ? at - 60 : 0;
  return "at " + std::to_string(at) + ":\n  " + a.substr(from, 160) + "\n  " + b.substr(from, 160);
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
  const std::vector<std::string> fields = {"id",        "role",        "display_name",      "birth_year",      "location",
                                           "interests", "languages",   "pillars",           "availability",    "gender",
                                           "gender_preference", "max_distance_km", "capacity", "meeting_style", "field",
                                           "waiting_since_days", "work", "unknown_field"};
  const std::vector<std::pair<std::string, boost::json::value>> values = {
      {"null", nullptr},          {"true", true},        {"zero", 0},           {"a whole number", 1990},
      {"a fraction", 2.5},        {"a whole double", 3.0}, {"a huge number", 1e300}, {"a string", "x"},
      {"an enum name", "woman"},  {"an empty string", ""}, {"a list", boost::json::array{"x"}},
      {"an empty list", boost::json::array{}}, {"an object", boost::json::object{{"a", 1}}},
      {"a negative number", -7},  {"an unsigned beyond int64", 18446744073709551615ull}};
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
      {"location", "postcode_area"}, {"location", "lat"},   {"location", "lon"}, {"location", "extra"},
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
      all.push_back({std::string("the pool's ") + field + " set to " + kind, [field, value](const std::string& text, std::mt19937_64&) {
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
      all.push_back({std::string("the taxonomy's ") + field + " set to " + kind, [field, value](const std::string& text, std::mt19937_64&) {
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
  all.push_back({"text: cut short", [](const std::string& text, std::mt19937_64& random) {
                   return text.substr(0, random() % text.size());
                 }});
  return all;
}

}  // namespace

TEST_CASE("core::wire pools are read from the parser's events as through the document") {
  for (const std::size_t size : {0u, 1u, 7u, 300u}) {
    CAPTURE(size);
    Pool pool = demo_pool(size, 5 + size);
    const std::string text = text_of(pool);
    const Outcome events = through_events(text), document = through_document(text);
    REQUIRE_FALSE(events.deferred);  // the common case takes the fast way
    CHECK(difference(events.result, document.result) == "");
    CHECK(difference(events.result, text) == "");
  }
}

TEST_CASE("core::wire a pool above 1 MiB is read from events in two parts as through the document") {
  const Pool pool = demo_pool(4000, 11);
  const std::string text = text_of(pool);
  REQUIRE(text.size() > (1u << 20));
  REQUIRE(wire::find_profiles_cut(text).has_value());
  const Outcome events = through_events(text), document = through_document(text);
  REQUIRE_FALSE(events.deferred);
  CHECK(difference(events.result, document.result) == "");
  CHECK(difference(events.result, text) == "");
  CHECK(wire::parse_pool(text).profiles.size() == 4000);
}

TEST_CASE("core::wire the events reader accepts only what the document reader reads and reads it the same") {
  const std::string text = text_of(demo_pool(12, 3));
  std::mt19937_64 random(20261128);
  std::size_t read = 0, deferred = 0, refused_by_both = 0;
  for (const auto& alteration : alterations()) {
    for (int round = 0; round < 3; ++round) {
      const std::string altered = alteration.apply(text, random);
      CAPTURE(alteration.name);
      const Outcome events = through_events(altered), document = through_document(altered);
      if (events.deferred) {
        ++deferred;
        CHECK(difference(through_parse_pool(altered), document.result) == "");  // the document reader's answer
        continue;
      }
      ++read;
      CHECK(difference(events.result, document.result) == "");
      if (events.result.rfind("refused:", 0) == 0) ++refused_by_both;
    }
  }
  MESSAGE("read from events: " << read << ", deferred to the document: " << deferred
                               << ", refused by validation on both: " << refused_by_both);
  // Both ways are exercised: alterations the events reader takes (null
  // optionals, reordered fields, escapes, spaces, whole numbers for numbers)
  // and ones it leaves to the document reader.
  CHECK(read > 100);
  CHECK(deferred > 100);
  CHECK(refused_by_both > 10);
}

TEST_CASE("core::wire the events reader in two parts defers what it does not expect near the cut") {
  const Pool pool = demo_pool(4000, 12);
  const std::string text = text_of(pool);
  const auto cut = wire::find_profiles_cut(text);
  REQUIRE(cut.has_value());
  // Changes to the profiles on either side of the cut, and to the last one.
  const std::size_t after = cut->comma + 1, before = text.rfind("{\"id\":", cut->comma);
  const std::vector<std::pair<std::size_t, std::string>> inserts = {
      {after + 1, "\"extra\":1,"}, {before + 1, "\"extra\":1,"}, {after + 1, "\"id\":\"twice\","}, {before + 1, "\"role\":null,"},
      {after + 1, "\"gender\":null,"}, {before + 1, "\"capacity\":2,"}};
  for (const auto& [at, insert] : inserts) {
    std::string altered = text;
    altered.insert(at, insert);
    CAPTURE(insert);
    const Outcome events = through_events(altered), document = through_document(altered);
    if (!events.deferred) CHECK(difference(events.result, document.result) == "");
    CHECK(difference(through_parse_pool(altered), document.result) == "");
  }
  // A null optional field that the profile after the cut does not have is
  // read; a repeated field is deferred.
  const std::string first_later = text.substr(after, text.find("},{\"id\":", after) - after);
  std::string absent;
  for (const char* field : {"gender", "gender_preference", "field", "work", "waiting_since_days", "welcomes_beginners"})
    if (first_later.find("\"" + std::string(field) + "\":") == std::string::npos) absent = field;
  REQUIRE_FALSE(absent.empty());
  std::string with_null = text;
  with_null.insert(after + 1, "\"" + absent + "\":null,");
  const Outcome read_with_null = through_events(with_null);
  CHECK_FALSE(read_with_null.deferred);
  CHECK(difference(read_with_null.result, through_document(with_null).result) == "");
  std::string repeated = text;
  repeated.insert(before + 1, "\"id\":\"twice\",");
  CHECK(through_events(repeated).deferred);
}

TEST_CASE("core::wire a large pool whose profiles are not last is read from events as through the document") {
  // to_json writes "profiles" last; with "taxonomy" after it, the quick guess
  // of where to cut the text does not hold.
  const Pool pool = demo_pool(4000, 13);
  auto document = boost::json::parse(text_of(pool)).as_object();
  boost::json::object reordered;
  for (const char* key : {"version", "reference_year", "profiles", "taxonomy"}) reordered[key] = document.at(key);
  const std::string text = wire::serialize(reordered);
  REQUIRE(text.size() > (1u << 20));
  REQUIRE(wire::find_profiles_cut(text).has_value());
  const Outcome events = through_events(text), through = through_document(text);
  CHECK_FALSE(events.deferred);
  CHECK(difference(events.result, through.result) == "");
  CHECK(difference(events.result, text_of(pool)) == "");
}

TEST_CASE("core::wire documents that are not a pool are left to the document reader") {
  for (const char* text : {"", "null", "true", "1", "\"x\"", "[]", "{}", "[null]", "[{}]", "{\"version\":null}",
                           "{\"version\":1}", "{\"profiles\":null}"}) {
    CAPTURE(text);
    const Outcome events = through_events(text);
    CHECK(events.deferred);
    CHECK(through_parse_pool(text).rfind("refused:", 0) == 0);
  }
}
