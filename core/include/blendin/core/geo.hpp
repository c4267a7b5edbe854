// Distances between coarse locations, computed with IEEE-exact operations only
// (+, -, *, /, sqrt) so that they are bit-identical natively and in WebAssembly:
// the C library's sin/cos differ between glibc and Emscripten's libc.
#pragma once

namespace blendin::core {

// A rectangle of latitudes and longitudes in WGS84 degrees.
struct GeoBounds {
  double min_lat, max_lat, min_lon, max_lon;
  // False for NaN and the infinities too.
  constexpr bool contains_lat(double lat) const { return lat >= min_lat && lat <= max_lat; }
  constexpr bool contains_lon(double lon) const { return lon >= min_lon && lon <= max_lon; }
};
// Any place on Earth: an event's location.
inline constexpr GeoBounds earth_bounds{-90, 90, -180, 180};
// The Netherlands with a margin: a profile's postcode area outside it is a typo.
inline constexpr GeoBounds netherlands_bounds{50.6, 53.7, 3.2, 7.3};

// Great-circle distance in km by the equirectangular approximation at the mean
// latitude: under 0.1 % off the haversine for distances within the Netherlands.
double distance_km(double lat_a, double lon_a, double lat_b, double lon_b);

// cos(x) for |x| <= pi/2 by a fixed polynomial (error < 1e-9): deterministic everywhere.
double portable_cos(double radians);

}  // namespace blendin::core
