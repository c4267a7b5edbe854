// [SECTION] civil dates  [SECTION] parsing  [SECTION] ISO and iCalendar forms  [SECTION] ICU formatting
#include "time.hpp"

#include <unicode/basictz.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <map>
#include <memory>

namespace blendin::generator {

// [SECTION] civil dates (Howard Hinnant's algorithms, proleptic Gregorian)
std::int64_t days_from_civil(int year, int month, int day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t days, int& year, int& month, int& day) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2));
}

namespace {

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// Reads exactly `count` digits at `pos`.
bool read_digits(const std::string& text, std::size_t& pos, int count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
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
ParsedTime parse_event_time(const std::string& text, const std::string& zone) {
  const std::string expected =
      "expected YYYY-MM-DD, YYYY-MM-DDTHH:MM (wall time in " + zone + ") or YYYY-MM-DDTHH:MM+01:00, got \"" + text + "\"";
  ParsedTime result;
  EventTime time;
  std::size_t pos = 0;
  if (!read_digits(text, pos, 4, time.year) || pos >= text.size() || text[pos++] != '-' ||
      !read_digits(text, pos, 2, time.month) || pos >= text.size() || text[pos++] != '-' ||
      !read_digits(text, pos, 2, time.day)) {
    result.error = expected;
    return result;
  }
  if (time.month < 1 || time.month > 12 || time.day < 1 || time.day > days_in_month(time.year, time.month)) {
    result.error = "there is no day " + text.substr(0, 10) + " in the calendar; " + expected;
    return result;
  }
  const std::int64_t local_day_ms = days_from_civil(time.year, time.month, time.day) * 86400000LL;
  const icu::BasicTimeZone* tz = zone_for_thread(zone);
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  if (pos == text.size()) {
    time.all_day = true;
    tz->getOffsetFromLocal(static_cast<UDate>(local_day_ms), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst,
                           status);
    time.offset_minutes = (raw + dst) / 60000;
    time.utc_ms = local_day_ms - raw - dst;
    result.time = time;
    return result;
  }
  if ((text[pos] != 'T' && text[pos] != ' ') || !read_digits(text, ++pos, 2, time.hour) || pos >= text.size() ||
      text[pos++] != ':' || !read_digits(text, pos, 2, time.minute)) {
    result.error = expected;
    return result;
  }
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, ++pos, 2, time.second)) {
      result.error = expected;
      return result;
    }
  }
  if (time.hour > 23 || time.minute > 59 || time.second > 59) {
    result.error = "the time of day is out of range; " + expected;
    return result;
  }
  const std::int64_t local_ms =
      local_day_ms + (time.hour * 3600LL + time.minute * 60LL + time.second) * 1000LL;
  if (pos == text.size()) {
    // Wall time in the site's zone: ask ICU, then verify the round trip to find the gap.
    tz->getOffsetFromLocal(static_cast<UDate>(local_ms), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst,
                           status);
    const std::int64_t utc = local_ms - raw - dst;
    int32_t raw_back = 0, dst_back = 0;
    tz->getOffset(static_cast<UDate>(utc), false, raw_back, dst_back, status);
    if (U_FAILURE(status)) {
      result.error = "time zone " + zone + " could not convert \"" + text + "\"";
      return result;
    }
    if (utc + raw_back + dst_back != local_ms) {
      result.error = "\"" + text + "\" does not exist in " + zone +
                     ": the clocks move forward that night (daylight saving time); expected a time before or after the gap";
      return result;
    }
    time.offset_minutes = (raw + dst) / 60000;
    time.utc_ms = utc;
    result.time = time;
    return result;
  }
  int sign = 0, off_h = 0, off_m = 0;
  if (text[pos] == 'Z' && pos + 1 == text.size()) {
    sign = 1;
  } else if ((text[pos] == '+' || text[pos] == '-')) {
    sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    if (!read_digits(text, pos, 2, off_h) || pos >= text.size() || text[pos++] != ':' ||
        !read_digits(text, pos, 2, off_m) || pos != text.size() || off_h > 14 || off_m > 59) {
      result.error = expected;
      return result;
    }
  } else {
    result.error = expected;
    return result;
  }
  time.offset_minutes = sign * (off_h * 60 + off_m);
  time.utc_ms = local_ms - time.offset_minutes * 60000LL;
  // Keep the wall time in the site's zone, as the page shows it.
  tz->getOffset(static_cast<UDate>(time.utc_ms), false, raw, dst, status);
  const std::int64_t site_local = time.utc_ms + raw + dst;
  const std::int64_t site_days = site_local >= 0 ? site_local / 86400000 : (site_local - 86399999) / 86400000;
  civil_from_days(site_days, time.year, time.month, time.day);
  const std::int64_t in_day = (site_local - site_days * 86400000) / 1000;
  time.hour = static_cast<int>(in_day / 3600);
  time.minute = static_cast<int>(in_day / 60 % 60);
  time.second = static_cast<int>(in_day % 60);
  time.offset_minutes = (raw + dst) / 60000;
  result.time = time;
  return result;
}

// [SECTION] ISO and iCalendar forms
namespace {
void utc_fields(std::int64_t utc_ms, int& y, int& mo, int& d, int& h, int& mi, int& s) {
  const std::int64_t secs = utc_ms >= 0 ? utc_ms / 1000 : (utc_ms - 999) / 1000;
  const std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  civil_from_days(days, y, mo, d);
  const std::int64_t rest = secs - days * 86400;
  h = static_cast<int>(rest / 3600);
  mi = static_cast<int>(rest / 60 % 60);
  s = static_cast<int>(rest % 60);
}
}  // namespace

std::string format_utc_iso(std::int64_t utc_ms) {
  int y, mo, d, h, mi, s;
  utc_fields(utc_ms, y, mo, d, h, mi, s);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s);
  return buffer;
}

std::string format_wall_iso(const EventTime& time) {
  char buffer[40];
  const int off = time.offset_minutes < 0 ? -time.offset_minutes : time.offset_minutes;
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", time.year, time.month, time.day,
                time.hour, time.minute, time.second, time.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buffer;
}

std::string format_ical_utc(std::int64_t utc_ms) {
  int y, mo, d, h, mi, s;
  utc_fields(utc_ms, y, mo, d, h, mi, s);
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", y, mo, d, h, mi, s);
  return buffer;
}

std::string format_ical_date(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", year, month, day);
  return buffer;
}

// [SECTION] ICU formatting
namespace {

enum class Style { date_time, date, time };

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
      case Style::date:
        format.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kFull, locale));
        break;
      case Style::time:
        format.reset(icu::DateFormat::createTimeInstance(icu::DateFormat::kShort, locale));
        break;
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

}  // namespace blendin::generator
