// [SECTION] parsing  [SECTION] ISO and iCalendar forms  [SECTION] ICU formatting  [SECTION] digits
#include "time.hpp"

#include <unicode/basictz.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/numsys.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <map>
#include <memory>
#include <vector>

namespace blendin::generator {

namespace {

std::int64_t floor_seconds(std::int64_t ms) { return ms >= 0 ? ms / 1000 : (ms - 999) / 1000; }

void set_date(EventTime& time, const core::calendar::Date& date) {
  time.year = int(date.year());
  time.month = int(unsigned(date.month()));
  time.day = int(unsigned(date.day()));
}

const icu::BasicTimeZone* zone_for_thread(const std::string& zone) {
  thread_local std::map<std::string, std::unique_ptr<icu::TimeZone>> zones;
  auto found = zones.find(zone);
  if (found == zones.end()) {
    std::unique_ptr<icu::TimeZone> created(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
    found = zones.emplace(zone, std::move(created)).first;
  }
  return dynamic_cast<const icu::BasicTimeZone*>(found->second.get());
}

}  // namespace

bool is_known_time_zone(const std::string& zone) {
  std::unique_ptr<icu::TimeZone> created(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  return *created != icu::TimeZone::getUnknown();
}

// [SECTION] parsing
namespace {

// The wall time of an instant in `zone`.
EventTime wall_time_in(const icu::BasicTimeZone* tz, std::int64_t utc_ms) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  tz->getOffset(static_cast<UDate>(utc_ms), false, raw, dst, status);
  EventTime time;
  time.utc_ms = utc_ms;
  time.offset_minutes = (raw + dst) / 60000;
  const std::int64_t local_ms = utc_ms + raw + dst;
  const core::calendar::CivilTime civil = core::calendar::civil_time_of(floor_seconds(local_ms));
  set_date(time, civil.date);
  time.hour = civil.hour;
  time.minute = civil.minute;
  time.second = civil.second;
  return time;
}

}  // namespace

ParsedTime parse_event_time(const std::string& text, const std::string& zone) {
  const std::string expected =
      "expected YYYY-MM-DD, YYYY-MM-DDTHH:MM (wall time in " + zone + ") or YYYY-MM-DDTHH:MM+01:00, got \"" + text + "\"";
  ParsedTime result;
  const core::calendar::TimestampReading reading = core::calendar::read_timestamp(text);
  if (!reading.timestamp) {
    switch (reading.problem) {
      case core::calendar::TimestampProblem::no_such_day:
        result.error = "there is no day " + text.substr(0, 10) + " in the calendar; " + expected;
        break;
      case core::calendar::TimestampProblem::time_out_of_range:
        result.error = "the time of day is out of range; " + expected;
        break;
      case core::calendar::TimestampProblem::not_a_timestamp:
      case core::calendar::TimestampProblem::offset_out_of_range: result.error = expected; break;
    }
    return result;
  }
  const core::calendar::Timestamp& written = *reading.timestamp;
  const icu::BasicTimeZone* tz = zone_for_thread(zone);
  if (written.zone != core::calendar::Timestamp::Zone::unspecified) {
    // An instant: kept, shown as the wall time in the site's zone.
    result.time = wall_time_in(tz, core::calendar::utc_seconds(written) * 1000);
    return result;
  }
  EventTime time;
  set_date(time, written.date);
  time.all_day = !written.has_time_of_day;
  time.hour = written.hour;
  time.minute = written.minute;
  time.second = written.second;
  const std::int64_t local_ms = written.local_seconds() * 1000;
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  tz->getOffsetFromLocal(static_cast<UDate>(local_ms), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  time.offset_minutes = (raw + dst) / 60000;
  time.utc_ms = local_ms - raw - dst;
  if (time.all_day) {
    result.time = time;
    return result;
  }
  // A wall time in the spring-forward gap does not survive the way back.
  int32_t raw_back = 0, dst_back = 0;
  tz->getOffset(static_cast<UDate>(time.utc_ms), false, raw_back, dst_back, status);
  if (U_FAILURE(status)) {
    result.error = "time zone " + zone + " could not convert \"" + text + "\"";
    return result;
  }
  if (time.utc_ms + raw_back + dst_back != local_ms) {
    result.error = "\"" + text + "\" does not exist in " + zone +
                   ": the clocks move forward that night (daylight saving time); expected a time before or after the gap";
    return result;
  }
  result.time = time;
  return result;
}

// [SECTION] ISO and iCalendar forms
std::string format_utc_iso(std::int64_t utc_ms) {
  const core::calendar::CivilTime t = core::calendar::civil_time_of(floor_seconds(utc_ms));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", int(t.date.year()), unsigned(t.date.month()),
                unsigned(t.date.day()), t.hour, t.minute, t.second);
  return buffer;
}

std::string format_wall_iso(const EventTime& time) {
  char buffer[40];
  const int off = time.offset_minutes < 0 ? -time.offset_minutes : time.offset_minutes;
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", time.year, time.month, time.day, time.hour,
                time.minute, time.second, time.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buffer;
}

std::string format_ical_utc(std::int64_t utc_ms) {
  const core::calendar::CivilTime t = core::calendar::civil_time_of(floor_seconds(utc_ms));
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", int(t.date.year()), unsigned(t.date.month()),
                unsigned(t.date.day()), t.hour, t.minute, t.second);
  return buffer;
}

std::string format_ical_date(const core::calendar::Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", int(date.year()), unsigned(date.month()), unsigned(date.day()));
  return buffer;
}

core::calendar::Date date_of(const EventTime& time) {
  return core::calendar::Date{std::chrono::year{time.year}, std::chrono::month{unsigned(time.month)},
                              std::chrono::day{unsigned(time.day)}};
}

// [SECTION] ICU formatting
namespace {

enum class Style { date_time, date, time, month };

std::string icu_locale_for(const std::string& lang) {
  // Events happen on the Gregorian calendar; ICU's fa defaults to the Persian one.
  return lang + "@calendar=gregorian";
}

std::string format_with(std::int64_t utc_ms, const std::string& lang, const std::string& zone, Style style) {
  thread_local std::map<std::string, std::unique_ptr<icu::DateFormat>> formatters;
  const std::string key = lang + '|' + zone + '|' + char('0' + static_cast<int>(style));
  auto found = formatters.find(key);
  if (found == formatters.end()) {
    const icu::Locale locale(icu_locale_for(lang).c_str());
    std::unique_ptr<icu::DateFormat> format;
    switch (style) {
      case Style::date_time:
        format.reset(icu::DateFormat::createDateTimeInstance(icu::DateFormat::kFull, icu::DateFormat::kShort, locale));
        break;
      case Style::date: format.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kFull, locale)); break;
      case Style::time: format.reset(icu::DateFormat::createTimeInstance(icu::DateFormat::kShort, locale)); break;
      case Style::month: {
        UErrorCode status = U_ZERO_ERROR;  // the month and year as the language writes them alone ("januari 2027")
        format.reset(icu::DateFormat::createInstanceForSkeleton(icu::UnicodeString("yMMMM"), locale, status));
        if (U_FAILURE(status)) format.reset();
        break;
      }
    }
    if (format) format->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
    found = formatters.emplace(key, std::move(format)).first;
  }
  if (!found->second) return format_utc_iso(utc_ms);
  icu::UnicodeString text;
  found->second->format(static_cast<UDate>(utc_ms), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string format_date_time(std::int64_t utc_ms, const std::string& lang, const std::string& zone) {
  return format_with(utc_ms, lang, zone, Style::date_time);
}
std::string format_date(std::int64_t utc_ms, const std::string& lang, const std::string& zone) {
  return format_with(utc_ms, lang, zone, Style::date);
}
std::string format_time(std::int64_t utc_ms, const std::string& lang, const std::string& zone) {
  return format_with(utc_ms, lang, zone, Style::time);
}
std::string format_month(std::int64_t utc_ms, const std::string& lang, const std::string& zone) {
  return format_with(utc_ms, lang, zone, Style::month);
}

// [SECTION] digits
std::string format_count(long long value, const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<icu::NumberFormat>> formats;
  auto found = formats.find(lang);
  if (found == formats.end()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::NumberFormat> format(icu::NumberFormat::createInstance(icu::Locale(lang.c_str()), status));
    if (U_FAILURE(status)) format.reset();
    found = formats.emplace(lang, std::move(format)).first;
  }
  if (!found->second) return std::to_string(value);
  icu::UnicodeString text;
  found->second->format(static_cast<int64_t>(value), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string localize_digits(std::string_view text, const std::string& lang) {
  thread_local std::map<std::string, std::vector<std::string>> digit_sets;  // lang -> its ten digits, empty for 0-9
  auto found = digit_sets.find(lang);
  if (found == digit_sets.end()) {
    std::vector<std::string> digits;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::NumberingSystem> system(icu::NumberingSystem::createInstance(icu::Locale(lang.c_str()), status));
    if (U_SUCCESS(status) && system && !system->isAlgorithmic() && system->getRadix() == 10) {
      const icu::UnicodeString description = system->getDescription();
      if (description != icu::UnicodeString("0123456789"))
        for (int32_t i = 0, index = 0; i < 10; ++i) {
          const UChar32 c = description.char32At(index);
          std::string digit;
          icu::UnicodeString(c).toUTF8String(digit);
          digits.push_back(std::move(digit));
          index = description.moveIndex32(index, 1);
        }
    }
    found = digit_sets.emplace(lang, std::move(digits)).first;
  }
  if (found->second.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size() * 2);
  for (const char c : text) {
    if (c >= '0' && c <= '9')
      out += found->second[static_cast<std::size_t>(c - '0')];
    else
      out += c;
  }
  return out;
}

}  // namespace blendin::generator
