// Distances between coarse locations, computed with IEEE-exact operations only
// (+, -, *, /, sqrt) so that they are bit-identical natively and in WebAssembly:
// the C library's sin/cos differ between glibc and Emscripten's libc.
#pragma once

namespace blendin::core {

// Great-circle distance in km by the equirectangular approximation at the mean
// latitude: under 0.1 % off the haversine for distances within the Netherlands.
double distance_km(double lat_a, double lon_a, double lat_b, double lon_b);

// cos(x) for |x| <= pi/2 by a fixed polynomial (error < 1e-9): deterministic everywhere.
double portable_cos(double radians);

}  // namespace blendin::core
