// What others may see of a person, wherever people are shown to each other
// (the API's candidates and matches, the match explorer): an age only as a
// band of five years, a place only as its area's centre. Scoring another
// person from what may be seen of them gives the same figures everywhere: the
// server scores the visible people as the explorer in a browser receives them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <blendin/core/profile.hpp>

namespace blendin::core {

inline constexpr int age_band_years = 5;

// The band's first age: 30 for ages 30 to 34 (in the reference year).
int age_band_of(int age);
int age_band_start(int birth_year, int reference_year);
// "30-34".
std::string age_band_text(int band_start);
// "30-34" -> 30: a first age that is a multiple of five, and the last four
// above it; nothing else.
std::optional<int> read_age_band(std::string_view text);
// The birth year scored for someone known only by their band: the band's
// middle age, kept within the ages a pool holds (age_range).
int band_birth_year(int band_start, int reference_year);

// The centre of the area cell that holds a position: cells of 0.02 degrees of
// latitude by 0.03 of longitude, about 2.2 by 2.0 km in the Netherlands (a
// 4-digit postcode area's size in a town; larger ones span several cells).
// A position is never shown finer than this.
struct GeoPoint {
  double lat = 0, lon = 0;
};
GeoPoint area_cell_centre(double lat, double lon);
// Whether a position is exactly a cell's centre (what area_cell_centre gives).
bool is_area_cell_centre(double lat, double lon);

// The person as others see them: birth year as their band's middle
// (band_birth_year). Everything else of a profile is what its person chose
// to share; the position is already their area's centre.
Profile public_view(Profile profile, int reference_year);

}  // namespace blendin::core
