// Writing the wire format: profiles, pools, explanations, matches, event
// suggestions and exclusions as JSON values, and the one serialiser that
// turns them into text, numbers in their shortest round-trip form.
//
// [SECTION] Writing
// [SECTION] Serialising
#include <blendin/core/public_view.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/wire.hpp>

#include "wire_read.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>

namespace blendin::core::wire {

namespace json = boost::json;

// [SECTION] Writing

namespace {

template <typename Enum, int Count>
json::array names_of(EnumSet<Enum> set) {
  json::array out;
  for (int i = 0; i < Count; ++i)
    if (set.contains(Enum(i))) out.emplace_back(to_string(Enum(i)));
  return out;
}

json::array strings_of(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& item : list) out.emplace_back(item);
  return out;
}

}  // namespace

json::value to_json(const Profile& p) {
  json::object o;
  o["id"] = p.id;
  o["role"] = to_string(p.role);
  o["display_name"] = p.display_name;
  o["birth_year"] = p.birth_year;
  o["location"] = {{"postcode_area", p.postcode_area}, {"lat", p.lat}, {"lon", p.lon}};
  o["interests"] = strings_of(p.interests);
  json::array languages;
  for (const auto& skill : p.languages)
    languages.push_back(json::object{{"code", skill.code}, {"level", to_string(skill.level)}});
  o["languages"] = std::move(languages);
  o["pillars"] = names_of<Pillar, pillar_count>(p.pillars);
  o["availability"] = names_of<Availability, availability_count>(p.availability);
  if (p.gender) o["gender"] = to_string(*p.gender);
  if (!p.gender_preference.empty()) o["gender_preference"] = names_of<Gender, gender_count>(p.gender_preference);
  o["max_distance_km"] = p.max_distance_km;
  o["capacity"] = p.capacity;
  o["meeting_style"] = to_string(p.meeting_style);
  if (p.welcomes_beginners) o["welcomes_beginners"] = true;
  if (!p.field.empty()) o["field"] = p.field;
  json::object work;
  if (!p.work.sought_sectors.empty()) work["sought_sectors"] = strings_of(p.work.sought_sectors);
  if (!p.work.sought_occupation.empty()) work["sought_occupation"] = p.work.sought_occupation;
  if (!p.work.network_sectors.empty()) work["network_sectors"] = strings_of(p.work.network_sectors);
  if (!p.work.occupation.empty()) work["occupation"] = p.work.occupation;
  if (!work.empty()) o["work"] = std::move(work);
  if (p.waiting_since_days) o["waiting_since_days"] = p.waiting_since_days;
  return o;
}

json::value to_public_json(const Profile& p, int reference_year) {
  json::value value = to_json(p);
  json::object& object = value.as_object();
  object.erase("birth_year");
  object.erase("waiting_since_days");  // the coordinators' concern
  object["age_band"] = age_band_text(age_band_start(p.birth_year, reference_year));
  return value;
}

json::value to_json(const Pool& pool) {
  json::array interests;
  for (std::size_t i = 0; i < pool.taxonomy.interests.size(); ++i)
    interests.push_back(
        json::object{{"id", pool.taxonomy.interests[i]},
                     {"rarity", i < pool.taxonomy.interest_rarity.size() ? pool.taxonomy.interest_rarity[i] : 1.0}});
  json::array profiles;
  profiles.reserve(pool.profiles.size());
  for (const auto& profile : pool.profiles) profiles.push_back(to_json(profile));
  return json::object{{"version", format_version},
                      {"reference_year", pool.reference_year},
                      {"taxonomy",
                       {{"interests", std::move(interests)},
                        {"sectors", strings_of(pool.taxonomy.sectors)},
                        {"occupations", strings_of(pool.taxonomy.occupations)}}},
                      {"profiles", std::move(profiles)}};
}

json::value to_json(const Explanation& e) {
  // The one writer of an explanation is append_json below; its text is read
  // back with every number exact (parse_exact).
  std::string text;
  append_json(text, e);
  boost::system::error_code code;
  std::size_t stopped = 0;
  return parse_exact({text}, code, stopped);
}

json::value to_json(const Match& match, const Profile& person, const MatchIndex& index) {
  const Profile& candidate = index.pool().profiles[match.index];
  return json::object{{"id", candidate.id},
                      {"display_name", candidate.display_name},
                      {"score", match.score},
                      {"explanation", to_json(index.model().explain(person, candidate, index.pool().reference_year))}};
}

json::value to_json(const MatchIndex::Exclusions& exclusions) {
  json::object by_constraint;
  for (int c = 0; c < constraint_count; ++c) by_constraint[to_string(Constraint(c))] = exclusions.by_constraint[std::size_t(c)];
  return json::object{{"candidates", exclusions.candidates},
                      {"by_constraint", std::move(by_constraint)},
                      {"by_filters", exclusions.by_filters},
                      {"admissible", exclusions.admissible}};
}

const char* to_string(MatchIndex::Change change) {
  switch (change) {
    case MatchIndex::Change::welcome_beginners: return "welcome_beginners";
    case MatchIndex::Change::speak_at_a2: return "speak_at_a2";
    case MatchIndex::Change::travel_farther: return "travel_farther";
    case MatchIndex::Change::every_pillar: return "every_pillar";
  }
  return "";
}

json::value to_json(const std::vector<MatchIndex::WhatIf>& what_if) {
  json::array list;
  for (const auto& w : what_if) {
    json::object o{{"change", to_string(w.change)}, {"admissible", w.admissible}};
    if (w.change == MatchIndex::Change::travel_farther) o["max_distance_km"] = w.max_distance_km;
    list.push_back(std::move(o));
  }
  return list;
}

json::value to_json(const EventSuggestion& s, const std::vector<EventInfo>& events) {
  json::object o;
  o["id"] = events[s.index].id;
  o["score"] = s.score;
  o["pillar_wanted"] = s.pillar_wanted;
  o["shared_interests"] = strings_of(s.shared_interests);
  o["distance_km"] = s.distance_km ? json::value(*s.distance_km) : json::value(nullptr);
  o["language"] = s.language.empty() ? json::value(nullptr) : json::value(s.language);
  if (s.language_practice) o["language_practice"] = true;
  o["days_until"] = s.days_until;
  return o;
}

// [SECTION] Serialising

namespace {

// Strings as core::append_quoted writes them (the same escapes in messages).
void write_string(std::string& out, std::string_view text) { append_quoted(out, text); }

// The shortest of 15, 16 or 17 significant digits that reads back as the same
// double, as printf("%.*g") writes it; printf and strtod are exact in glibc and
// in Emscripten's libc, and std::to_chars with a precision is specified as that
// printf (natively it is much faster). Whole numbers are written directly, and
// recent values come from a small cache (explanations repeat weights and
// parts): the bytes are the same either way.
#ifndef __EMSCRIPTEN__
// Writes what write_number's loop finds from the shortest digits that read
// back (std::to_chars without a precision, much faster than trying 15, 16 and
// 17): the correctly rounded 15 or 17 digits are always those digits; 16 are
// unless the double is a power of two (its neighbours are not equally far on
// both sides, so the nearest 16 digits may not read back while farther ones
// do). Laid out as printf's %.Pg does, P the precision the loop would stop at.
// (The unit test compares this with printf on hundreds of thousands of doubles.)
// Returns false where the loop must decide.
bool shortest_is_printf(char* text, std::size_t size, double number) {
  // Subnormals are left to the loop: their neighbours are too far apart for the rule.
  if (!std::isfinite(number) || std::abs(number) < std::numeric_limits<double>::min()) return false;
  char scientific[40];
  const char* end = std::to_chars(scientific, scientific + sizeof scientific, number, std::chars_format::scientific).ptr;
  const char* c = scientific;
  const bool negative = *c == '-';
  if (negative) ++c;
  char digits[24];
  int digit_count = 0;
  for (; c != end && *c != 'e'; ++c)
    if (*c != '.') digits[digit_count++] = *c;
  int exponent = 0;
  if (c == end || std::from_chars(c + (c[1] == '+' ? 2 : 1), end, exponent).ec != std::errc()) return false;
  std::uint64_t bits;
  std::memcpy(&bits, &number, sizeof bits);
  const bool power_of_two = (bits & ((std::uint64_t(1) << 52) - 1)) == 0;
  if (digit_count > 17 || (digit_count == 16 && power_of_two)) return false;
  const int precision = std::max(15, digit_count);
  // At most a sign, "0.", 4 zeros and 17 digits, or a sign, 17 digits and a point.
  if (size < 32) return false;
  char* out = text;
  if (exponent < -4 || exponent >= precision) {
    out = std::copy(static_cast<const char*>(scientific), end, out);  // d.ddde-XX, as %g writes it
  } else {
    if (negative) *out++ = '-';
    if (exponent < 0) {
      *out++ = '0';
      *out++ = '.';
      out = std::fill_n(out, -exponent - 1, '0');
      out = std::copy(digits, digits + digit_count, out);
    } else {
      for (int i = 0; i <= exponent; ++i) *out++ = i < digit_count ? digits[i] : '0';
      if (digit_count > exponent + 1) {
        *out++ = '.';
        out = std::copy(digits + exponent + 1, digits + digit_count, out);
      }
    }
  }
  *out = 0;
  return true;
}
#endif

void write_number(std::string& out, double number) {
  if (number == std::trunc(number) && std::abs(number) < 1e15) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(number)).ptr;
    out.append(digits, end);
    return;
  }
  struct Entry {
    double number = 0;
    char text[32] = {};
  };
  thread_local std::array<Entry, 1024> cache;
  std::uint64_t bits;
  std::memcpy(&bits, &number, sizeof bits);
  Entry& entry = cache[(bits ^ (bits >> 29) ^ (bits >> 47)) & (cache.size() - 1)];
  if (entry.text[0] == 0 || std::memcmp(&entry.number, &number, sizeof number) != 0) {
#ifndef __EMSCRIPTEN__
    if (shortest_is_printf(entry.text, sizeof entry.text, number)) {
      entry.number = number;
      out += entry.text;
      return;
    }
#endif
    for (int digits = 15; digits <= 17; ++digits) {
#ifdef __EMSCRIPTEN__
      std::snprintf(entry.text, sizeof entry.text, "%.*g", digits, number);
      if (std::strtod(entry.text, nullptr) == number) break;
#else
      const auto end =
          std::to_chars(entry.text, entry.text + sizeof entry.text - 1, number, std::chars_format::general, digits).ptr;
      *end = 0;
      double back = 0;
      std::from_chars(entry.text, end, back);
      if (back == number) break;
#endif
    }
    entry.number = number;
  }
  out += entry.text;
}

void write_value(std::string& out, const json::value& value) {
  char buffer[64];
  switch (value.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case json::kind::int64: {
      auto end = std::to_chars(buffer, buffer + sizeof buffer, value.get_int64()).ptr;
      out.append(buffer, end);
      break;
    }
    case json::kind::uint64: {
      auto end = std::to_chars(buffer, buffer + sizeof buffer, value.get_uint64()).ptr;
      out.append(buffer, end);
      break;
    }
    case json::kind::double_: {
      const double number = value.get_double();
      if (!std::isfinite(number)) {
        out += "null";
        break;
      }
      write_number(out, number);
      break;
    }
    case json::kind::string: write_string(out, value.get_string()); break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ',';
        first = false;
        write_value(out, item);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        write_string(out, member.key());
        out += ':';
        write_value(out, member.value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string serialize(const json::value& value) {
  std::string out;
  write_value(out, value);
  return out;
}

void append_json(std::string& out, const json::value& value) { write_value(out, value); }
void append_json(std::string& out, std::string_view text) { write_string(out, text); }
void append_json(std::string& out, double number) { write_value(out, json::value(number)); }

void append_json(std::string& out, const Explanation& e) {
  // Written field by field, without building JSON values: a coordinators'
  // round writes tens of thousands of explanations (the 3 s goal of a
  // 50,000 x 50,000 round, bench/assign/sparse.sh).
  auto strings = [&](const std::vector<std::string>& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      write_string(out, list[i]);
    }
    out += ']';
  };
  auto names = [&](const auto& list) {  // enum values by their wire names
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      write_string(out, to_string(list[i]));
    }
    out += ']';
  };
  auto integer = [&](long long value) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  };
  out += "{\"shared_interests\":";
  strings(e.shared_interests);
  out += ",\"distance_km\":";
  append_json(out, e.distance_km);
  out += ",\"ages\":[";
  integer(e.age_a);
  out += ',';
  integer(e.age_b);
  out += "],\"shared_languages\":[";
  for (std::size_t i = 0; i < e.shared_languages.size(); ++i) {
    const auto& language = e.shared_languages[i];
    out += i ? ",{\"code\":" : "{\"code\":";
    write_string(out, language.code);
    out += ",\"levels\":[";
    write_string(out, to_string(language.level_a));
    out += ',';
    write_string(out, to_string(language.level_b));
    out += language.practice ? "],\"practice\":true}" : "]}";
  }
  out += "],\"shared_pillars\":";
  names(e.shared_pillars);
  out += ",\"shared_availability\":";
  names(e.shared_availability);
  out += ",\"shared_field\":";
  if (e.shared_field.empty())
    out += "null";
  else
    write_string(out, e.shared_field);
  bool work_applies = false;
  for (const auto& part : e.parts) work_applies = work_applies || part.name == "work";
  if (work_applies) {
    out += ",\"work\":{\"shared_sectors\":";
    strings(e.shared_sectors);
    out += e.occupation_fit ? ",\"occupation_fit\":true}" : ",\"occupation_fit\":false}";
  }
  out += e.meeting_style_compatible ? ",\"meeting_style_compatible\":true" : ",\"meeting_style_compatible\":false";
  out += ",\"parts\":[";
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    const auto& part = e.parts[i];
    out += i ? ",{\"name\":" : "{\"name\":";
    write_string(out, part.name);
    out += ",\"value\":";
    append_json(out, part.value);
    out += ",\"weight\":";
    append_json(out, part.weight);
    out += ",\"contribution\":";
    append_json(out, part.contribution);
    out += '}';
  }
  out += "]}";
}

}  // namespace blendin::core::wire
