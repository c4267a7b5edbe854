// The one reader of dates and times, against the rules its header states.
#include <doctest/doctest.h>

#include <blendin/core/calendar.hpp>

using namespace blendin::core::calendar;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

namespace {
TimestampProblem problem_of(std::string_view text) {
  const TimestampReading reading = read_timestamp(text);
  REQUIRE_FALSE(reading.timestamp);
  return reading.problem;
}
std::int64_t utc(std::string_view text) {
  const TimestampReading reading = read_timestamp(text);
  REQUIRE(reading.timestamp);
  return utc_seconds(*reading.timestamp);
}
}  // namespace

TEST_CASE("core::calendar days since the epoch both ways across centuries and leap days") {
  CHECK(days_since_epoch(Date{year{1970}, month{1}, day{1}}) == 0);
  CHECK(days_since_epoch(Date{year{1969}, month{12}, day{31}}) == -1);
  CHECK(days_since_epoch(Date{year{2000}, month{3}, day{1}}) == 11017);  // 30 years of 365 days, 7 leap days, Jan + 29 Feb
  for (std::int64_t d = -800000; d <= 800000; d += 997) CHECK(days_since_epoch(date_of_day(d)) == d);
  CHECK(date_of_day(days_since_epoch(Date{year{2028}, month{2}, day{29}}) + 1) == Date{year{2028}, month{3}, day{1}});
}

TEST_CASE("core::calendar read_timestamp: a date and a time of day with their zone as written") {
  const TimestampReading reading = read_timestamp("2027-02-13T14:05:09+01:30");
  REQUIRE(reading.timestamp);
  const Timestamp& t = *reading.timestamp;
  CHECK(t.date == Date{year{2027}, month{2}, day{13}});
  CHECK(t.has_time_of_day);
  CHECK((t.hour == 14 && t.minute == 5 && t.second == 9));
  CHECK(t.zone == Timestamp::Zone::offset);
  CHECK(t.offset_minutes == 90);
  CHECK(read_timestamp("2027-02-13 14:05").timestamp->zone == Timestamp::Zone::unspecified);
  CHECK(read_timestamp("2027-02-13T14:05Z").timestamp->zone == Timestamp::Zone::utc);
  CHECK_FALSE(read_timestamp("2027-02-13").timestamp->has_time_of_day);
  CHECK(read_timestamp("2027-02-13T14:05-03:00").timestamp->offset_minutes == -180);
}

TEST_CASE("core::calendar read_timestamp: instants through their offset") {
  CHECK(utc("1970-01-01T00:00:00Z") == 0);
  CHECK(utc("1970-01-01T01:00+01:00") == 0);
  CHECK(utc("1969-12-31T23:00-01:00") == 0);
  CHECK(utc("1970-01-01T00:00") == 0);  // no zone: read as UTC
  CHECK(utc("2027-02-13") == 1802476800);
  CHECK(utc("2027-02-13T00:30-14:00") == utc("2027-02-13T14:30Z"));
}

TEST_CASE("core::calendar read_timestamp: only days the month has on the Gregorian rule") {
  for (const char* text : {"2027-02-29", "2027-02-31", "2027-04-31", "2100-02-29", "2027-13-01", "2027-00-10", "2027-01-00"})
    CHECK_MESSAGE(problem_of(text) == TimestampProblem::no_such_day, text);
  CHECK(utc("2028-02-29") == utc("2028-03-01") - 86400);
  CHECK(utc("2000-02-29") == utc("2000-03-01") - 86400);
}

TEST_CASE("core::calendar read_timestamp: each kind of mistake named") {
  for (const char* text : {"2027-02-13T24:00", "2027-02-13T12:60", "2027-02-13T12:00:60"})
    CHECK_MESSAGE(problem_of(text) == TimestampProblem::time_out_of_range, text);
  for (const char* text : {"2027-02-13T14:00+14:01", "2027-02-13T14:00-15:00", "2027-02-13T14:00+01:60"})
    CHECK_MESSAGE(problem_of(text) == TimestampProblem::offset_out_of_range, text);
  for (const char* text :
       {"", "tomorrow", "13-02-2027", "2027-2-13", "2027-02-13T14", "2027-02-13T14:00+1", "2027-02-13T14:00+0100",
        "2027-02-13T14:00Zx", "2027-02-13x", "2027-02-13T14:00:0", "2027-02-13t14:00", "20270213"})
    CHECK_MESSAGE(problem_of(text) == TimestampProblem::not_a_timestamp, text);
}

TEST_CASE("core::calendar civil_time_of: floors before the epoch") {
  const CivilTime t = civil_time_of(-1);
  CHECK(t.date == Date{year{1969}, month{12}, day{31}});
  CHECK((t.hour == 23 && t.minute == 59 && t.second == 59));
  const CivilTime u = civil_time_of(utc("2027-02-13T13:04:05Z"));
  CHECK(u.date == Date{year{2027}, month{2}, day{13}});
  CHECK((u.hour == 13 && u.minute == 4 && u.second == 5));
}
