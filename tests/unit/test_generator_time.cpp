// Wall times with ICU's real rules, and dates in every language.
#include <doctest/doctest.h>

#include "../../generator/src/time.hpp"

using namespace blendin::generator;

TEST_CASE("generator::parse_event_time converts Amsterdam wall times with daylight saving") {
  SUBCASE("winter time is UTC+1") {
    auto parsed = parse_event_time("2027-02-13T14:00", "Europe/Amsterdam");
    REQUIRE(parsed.time);
    CHECK(format_utc_iso(parsed.time->utc_ms) == "2027-02-13T13:00:00Z");
    CHECK(format_wall_iso(*parsed.time) == "2027-02-13T14:00:00+01:00");
  }
  SUBCASE("summer time is UTC+2") {
    auto parsed = parse_event_time("2027-03-28T10:00", "Europe/Amsterdam");
    REQUIRE(parsed.time);
    CHECK(format_utc_iso(parsed.time->utc_ms) == "2027-03-28T08:00:00Z");
  }
  SUBCASE("the spring-forward gap is an error") {
    auto parsed = parse_event_time("2027-03-28T02:30", "Europe/Amsterdam");
    CHECK_FALSE(parsed.time);
    CHECK(parsed.error.find("does not exist in Europe/Amsterdam") != std::string::npos);
  }
  SUBCASE("an ambiguous autumn time takes the first occurrence (still summer time)") {
    auto parsed = parse_event_time("2027-10-31T02:30", "Europe/Amsterdam");
    REQUIRE(parsed.time);
    CHECK(format_utc_iso(parsed.time->utc_ms) == "2027-10-31T00:30:00Z");
  }
  SUBCASE("an explicit offset is kept as an instant") {
    auto parsed = parse_event_time("2027-01-20T19:30+01:00", "Europe/Amsterdam");
    REQUIRE(parsed.time);
    CHECK(format_utc_iso(parsed.time->utc_ms) == "2027-01-20T18:30:00Z");
    CHECK(format_utc_iso(parse_event_time("2027-01-20T18:30Z", "Europe/Amsterdam").time->utc_ms) == "2027-01-20T18:30:00Z");
  }
  SUBCASE("a date alone is an all-day event from local midnight") {
    auto parsed = parse_event_time("2026-04-27", "Europe/Amsterdam");
    REQUIRE(parsed.time);
    CHECK(parsed.time->all_day);
    CHECK(format_utc_iso(parsed.time->utc_ms) == "2026-04-26T22:00:00Z");
  }
  SUBCASE("malformed and impossible values are errors") {
    CHECK_FALSE(parse_event_time("13-02-2027 14:00", "Europe/Amsterdam").time);
    CHECK_FALSE(parse_event_time("2027-02-30", "Europe/Amsterdam").time);
    CHECK_FALSE(parse_event_time("2027-02-13T25:00", "Europe/Amsterdam").time);
    CHECK_FALSE(parse_event_time("2027-02-13T14:00+1", "Europe/Amsterdam").time);
  }
}

TEST_CASE("generator::format_date_time localises on the Gregorian calendar") {
  const auto instant = parse_event_time("2027-02-13T14:00", "Europe/Amsterdam").time->utc_ms;
  CHECK(format_date_time(instant, "nl", "Europe/Amsterdam") == "zaterdag 13 februari 2027 om 14:00");
  CHECK(format_date_time(instant, "en", "Europe/Amsterdam") ==
        "Saturday, February 13, 2027 at 2:00\u202fPM");  // ICU 72: narrow no-break space;
  // Arabic with Arabic-Indic digits: ١٣ فبراير ٢٠٢٧
  CHECK(format_date(instant, "ar", "Europe/Amsterdam").find("١٣ فبراير ٢٠٢٧") != std::string::npos);
  // Farsi on the Gregorian calendar (February 2027), not the solar Hijri one (1405)
  const std::string fa = format_date(instant, "fa", "Europe/Amsterdam");
  CHECK(fa.find("فوریهٔ ۲۰۲۷") != std::string::npos);
  CHECK(fa.find("۱۴۰۵") == std::string::npos);
  CHECK(format_date(instant, "uk", "Europe/Amsterdam") == "субота, 13 лютого 2027\u202fр.");
  // Tigrinya: Ethiopic month name for February
  CHECK(format_date(instant, "ti", "Europe/Amsterdam").find("ለካቲት 2027") != std::string::npos);
}
