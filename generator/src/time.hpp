// Times with ICU's real time-zone rules, and dates localised per language.
#pragma once

#include "model.hpp"

#include <blendin/core/calendar.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace blendin::generator {

struct ParsedTime {
  std::optional<EventTime> time;
  std::string error;  // what is wrong and what was expected, when !time
};

// "YYYY-MM-DD" (all day), "YYYY-MM-DDTHH:MM[:SS]" (wall time in `zone`), or
// either with "Z"/"+HH:MM"/"-HH:MM". A wall time in the spring-forward gap is
// an error; an ambiguous one (autumn) takes the first occurrence.
ParsedTime parse_event_time(const std::string& text, const std::string& zone);

// True when `zone` is a time zone ICU knows.
bool is_known_time_zone(const std::string& zone);

std::string format_utc_iso(std::int64_t utc_ms);                 // YYYY-MM-DDTHH:MM:SSZ
std::string format_wall_iso(const EventTime& time);              // YYYY-MM-DDTHH:MM:SS+HH:MM, the zone's offset then
std::string format_ical_utc(std::int64_t utc_ms);                // 20270213T130000Z
std::string format_ical_date(const core::calendar::Date& date);  // 20270213
// The civil date of a wall time.
core::calendar::Date date_of(const EventTime& time);

// "zaterdag 13 februari 2027 om 14:00" etc., always on the Gregorian calendar.
// Thread-safe: each thread keeps its own ICU formatters.
std::string format_date_time(std::int64_t utc_ms, const std::string& lang, const std::string& zone);
std::string format_date(std::int64_t utc_ms, const std::string& lang, const std::string& zone);
std::string format_time(std::int64_t utc_ms, const std::string& lang, const std::string& zone);
// "januari 2027": a month and its year, as a heading of a list of events.
std::string format_month(std::int64_t utc_ms, const std::string& lang, const std::string& zone);

// Numbers in the digits the dates above use: the language's default numbering
// system in CLDR (ar: Arabic-Indic ٠١٢, fa: Persian ۰۱۲, the others: 0-9),
// so that counts, years and page numbers agree with dates, times and prices
// on one page. `format_count` groups thousands as the language does;
// `localize_digits` replaces only the ASCII digits of a text (a year, "2/3").
std::string format_count(long long value, const std::string& lang);
std::string localize_digits(std::string_view text, const std::string& lang);

}  // namespace blendin::generator
