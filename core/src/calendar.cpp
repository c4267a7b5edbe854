#include <blendin/core/calendar.hpp>

namespace blendin::core::calendar {

std::int64_t days_since_epoch(const Date& date) { return std::chrono::sys_days{date}.time_since_epoch().count(); }

Date date_of_day(std::int64_t days) { return Date{std::chrono::sys_days{std::chrono::days{days}}}; }

std::int64_t Timestamp::local_seconds() const { return days_since_epoch(date) * 86400 + hour * 3600 + minute * 60 + second; }

std::int64_t utc_seconds(const Timestamp& timestamp) {
  const int offset = timestamp.zone == Timestamp::Zone::offset ? timestamp.offset_minutes : 0;
  return timestamp.local_seconds() - std::int64_t(offset) * 60;
}

CivilTime civil_time_of(std::int64_t seconds) {
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t in_day = seconds - days * 86400;
  return {date_of_day(days), int(in_day / 3600), int(in_day / 60 % 60), int(in_day % 60)};
}

namespace {

// Reads exactly `count` digits at `at`, moving past them.
bool read_digits(std::string_view text, std::size_t& at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t end = at + count; at < end; ++at) {
    if (text[at] < '0' || text[at] > '9') return false;
    value = value * 10 + (text[at] - '0');
  }
  return true;
}

bool read_char(std::string_view text, std::size_t& at, char expected) {
  if (at >= text.size() || text[at] != expected) return false;
  ++at;
  return true;
}

}  // namespace

TimestampReading read_timestamp(std::string_view text) {
  TimestampReading reading;
  Timestamp t;
  std::size_t at = 0;
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, at, 4, year) || !read_char(text, at, '-') || !read_digits(text, at, 2, month) ||
      !read_char(text, at, '-') || !read_digits(text, at, 2, day))
    return reading;
  t.date = Date{std::chrono::year{year}, std::chrono::month{unsigned(month)}, std::chrono::day{unsigned(day)}};
  if (!t.date.ok()) {
    reading.problem = TimestampProblem::no_such_day;
    return reading;
  }
  if (at == text.size()) {
    reading.timestamp = t;
    return reading;
  }
  if (text[at] != 'T' && text[at] != ' ') return reading;
  ++at;
  t.has_time_of_day = true;
  if (!read_digits(text, at, 2, t.hour) || !read_char(text, at, ':') || !read_digits(text, at, 2, t.minute)) return reading;
  if (at < text.size() && text[at] == ':' && !read_digits(text, ++at, 2, t.second)) return reading;
  if (t.hour > 23 || t.minute > 59 || t.second > 59) {
    reading.problem = TimestampProblem::time_out_of_range;
    return reading;
  }
  if (at < text.size()) {
    if (text[at] == 'Z' && at + 1 == text.size()) {
      t.zone = Timestamp::Zone::utc;
    } else if (text[at] == '+' || text[at] == '-') {
      const int sign = text[at++] == '+' ? 1 : -1;
      int hours = 0, minutes = 0;
      if (!read_digits(text, at, 2, hours) || !read_char(text, at, ':') || !read_digits(text, at, 2, minutes) ||
          at != text.size())
        return reading;
      if (minutes > 59 || hours * 60 + minutes > 14 * 60) {
        reading.problem = TimestampProblem::offset_out_of_range;
        return reading;
      }
      t.zone = Timestamp::Zone::offset;
      t.offset_minutes = sign * (hours * 60 + minutes);
    } else {
      return reading;
    }
  }
  reading.timestamp = t;
  return reading;
}

}  // namespace blendin::core::calendar
