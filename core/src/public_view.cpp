#include <blendin/core/public_view.hpp>

#include <blendin/core/validate.hpp>

#include <charconv>
#include <cmath>

namespace blendin::core {

namespace {

constexpr double cell_lat_degrees = 0.02;
constexpr double cell_lon_degrees = 0.03;

// The middle of the cell that holds `degrees`, rounded to 4 decimals: a
// centre reads back from JSON as the same double.
double cell_centre(double degrees, double cell) {
  const double centre = (std::floor(degrees / cell) + 0.5) * cell;
  return std::round(centre * 1e4) / 1e4;
}

}  // namespace

int age_band_of(int age) { return age / age_band_years * age_band_years; }

int age_band_start(int birth_year, int reference_year) { return age_band_of(reference_year - birth_year); }

std::string age_band_text(int band_start) {
  return std::to_string(band_start) + "-" + std::to_string(band_start + age_band_years - 1);
}

std::optional<int> read_age_band(std::string_view text) {
  int first = 0, last = 0;
  const char* end = text.data() + text.size();
  auto [dash, error] = std::from_chars(text.data(), end, first);
  if (error != std::errc() || dash == end || *dash != '-') return std::nullopt;
  auto [rest, error_last] = std::from_chars(dash + 1, end, last);
  if (error_last != std::errc() || rest != end) return std::nullopt;
  if (first < 0 || first % age_band_years != 0 || last != first + age_band_years - 1) return std::nullopt;
  return first;
}

int band_birth_year(int band_start, int reference_year) {
  int age = band_start + age_band_years / 2;
  if (age < age_range.min) age = age_range.min;
  if (age > age_range.max) age = age_range.max;
  return reference_year - age;
}

GeoPoint area_cell_centre(double lat, double lon) {
  return {cell_centre(lat, cell_lat_degrees), cell_centre(lon, cell_lon_degrees)};
}

bool is_area_cell_centre(double lat, double lon) {
  const GeoPoint centre = area_cell_centre(lat, lon);
  return centre.lat == lat && centre.lon == lon;
}

Profile public_view(Profile profile, int reference_year) {
  profile.birth_year = band_birth_year(age_band_start(profile.birth_year, reference_year), reference_year);
  return profile;
}

}  // namespace blendin::core
