// Dates and times as the project writes them, on the proleptic Gregorian
// calendar of <chrono>: the one reader of "2027-02-13T14:00+01:00" for the
// core's wire format and the generator's front matter, and the one conversion
// between civil dates and days since 1970-01-01. Time zones other than a fixed
// offset are the generator's (ICU), which starts from what this reads.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace blendin::core::calendar {

// A civil date; ok() when the month has that day.
using Date = std::chrono::year_month_day;

std::int64_t days_since_epoch(const Date& date);  // 1970-01-01 is day 0
Date date_of_day(std::int64_t days_since_epoch);

// A date and time of day as written, before any time zone is applied.
struct Timestamp {
  Date date;
  bool has_time_of_day = false;  // "2027-02-13" alone is a whole day
  int hour = 0, minute = 0, second = 0;
  enum class Zone { unspecified, utc, offset } zone = Zone::unspecified;  // nothing, "Z", "+01:00"
  int offset_minutes = 0;                                                 // east of UTC, when zone is offset

  // Seconds since the epoch of the civil date and time, as if it were UTC.
  std::int64_t local_seconds() const;
};

enum class TimestampProblem {
  not_a_timestamp,     // not of the form below
  no_such_day,         // 2027-02-31, 2027-02-29: the month has no such day
  time_out_of_range,   // 24:00, 12:60, 12:00:60
  offset_out_of_range  // beyond ±14:00, the range time zones use, or minutes above 59
};

struct TimestampReading {
  std::optional<Timestamp> timestamp;
  TimestampProblem problem = TimestampProblem::not_a_timestamp;  // when !timestamp
};

// Reads YYYY-MM-DD, optionally followed by 'T' or a space and HH:MM or
// HH:MM:SS, optionally followed by 'Z' or ±HH:MM (ISO 8601, RFC 3339), and
// nothing else.
TimestampReading read_timestamp(std::string_view text);

// Seconds since the epoch of an instant; a timestamp without a zone is read as
// UTC.
std::int64_t utc_seconds(const Timestamp& timestamp);

// The civil date and time of day of seconds since the epoch (floored).
struct CivilTime {
  Date date;
  int hour = 0, minute = 0, second = 0;
};
CivilTime civil_time_of(std::int64_t seconds_since_epoch);

}  // namespace blendin::core::calendar
