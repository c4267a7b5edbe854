#include <blendin/core/public_view.hpp>
#include <blendin/core/wire.hpp>

#include <doctest/doctest.h>
#include <boost/json/parse.hpp>

#include <cmath>
#include <string>

#include "core_fixtures.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::pool_of;

TEST_CASE("core::public_view an age is shown as a band of five years and scored as its middle") {
  CHECK(age_band_start(1990, 2026) == 35);  // 36 years old
  CHECK(age_band_start(1991, 2026) == 35);  // 35
  CHECK(age_band_start(1992, 2026) == 30);  // 34
  CHECK(age_band_text(35) == "35-39");
  CHECK(band_birth_year(30, 2026) == 1994);                     // 32
  CHECK(band_birth_year(15, 2026) == 2009);                     // 17
  CHECK(band_birth_year(110, 2026) == 1916);                    // 112 is past the oldest age a pool holds: 110
  CHECK(public_view(newcomer("n1"), 2026).birth_year == 1989);  // 1990 is 36: band 35-39, middle 37
}

TEST_CASE("core::public_view an age band reads only as a multiple of five and the last four above it") {
  CHECK(read_age_band("30-34") == 30);
  CHECK(read_age_band("0-4") == 0);
  for (const char* text : {"31-35", "30-33", "30-35", "30", "30-", "-30-34", "30-34 ", "thirty", "", "30--34", "+30-34"})
    CHECK_MESSAGE(!read_age_band(text), text);
}

TEST_CASE("core::public_view a position is shown as its area cell's centre") {
  const GeoPoint centre = area_cell_centre(52.3728, 4.8936);  // Amsterdam's Dam square
  CHECK(centre.lat == 52.37);                                 // cell 2618 of 0.02 degrees: 52.36 to 52.38
  CHECK(centre.lon == 4.905);                                 // cell 163 of 0.03 degrees: 4.89 to 4.92
  CHECK(is_area_cell_centre(52.37, 4.905));
  CHECK(!is_area_cell_centre(52.3728, 4.8936));
  // Over the whole country: every position lies in its cell, and a centre is its own cell's centre.
  for (double lat = 50.7; lat < 53.6; lat += 0.00731)
    for (double lon = 3.3; lon < 7.2; lon += 0.01173) {
      const GeoPoint c = area_cell_centre(lat, lon);
      REQUIRE(std::abs(c.lat - lat) <= 0.01 + 1e-9);
      REQUIRE(std::abs(c.lon - lon) <= 0.015 + 1e-9);
      REQUIRE(is_area_cell_centre(c.lat, c.lon));
    }
}

TEST_CASE("core::public_view a profile as others see it has an age band and reads back scored with its middle") {
  const auto pool = pool_of({newcomer("n1"), local("l1")});
  const auto shown = wire::to_public_json(pool.profiles[0], pool.reference_year);
  CHECK(!shown.as_object().contains("birth_year"));
  CHECK(shown.at("age_band") == "35-39");
  CHECK(wire::parse_profile(shown, pool).birth_year == 1989);

  auto both = shown;
  both.as_object()["birth_year"] = 1990;
  CHECK_THROWS_WITH_AS(wire::parse_profile(both, pool), doctest::Contains("expected birth_year or age_band, not both"), Refused);
  auto wrong = shown;
  wrong.as_object()["age_band"] = "36-40";
  CHECK_THROWS_WITH_AS(wire::parse_profile(wrong, pool), doctest::Contains("age_band"), Refused);
}
