#include <blendin/core/geo.hpp>

#include <cmath>

namespace blendin::core {

namespace {
constexpr double earth_radius_km = 6371.0088;  // mean radius (IUGG)
constexpr double radians_per_degree = 3.14159265358979323846 / 180.0;
}  // namespace

double portable_cos(double x) {
  // Taylor series to x^16 evaluated by Horner's rule; |x| <= pi/2 keeps the
  // truncation error below 1e-12. Only + and *: the same bits on every IEEE target.
  const double x2 = x * x;
  double sum = 1.0;
  // coefficients (-1)^n / (2n)! for n = 8 down to 1
  constexpr double c[] = {1.0 / 20922789888000.0, -1.0 / 87178291200.0, 1.0 / 479001600.0, -1.0 / 3628800.0,
                          1.0 / 40320.0,          -1.0 / 720.0,         1.0 / 24.0,        -1.0 / 2.0};
  sum = c[0];
  for (int i = 1; i < 8; ++i) sum = sum * x2 + c[i];
  return sum * x2 + 1.0;
}

double distance_km(double lat_a, double lon_a, double lat_b, double lon_b) {
  const double mean_latitude = (lat_a + lat_b) * 0.5 * radians_per_degree;
  const double dlat = (lat_b - lat_a) * radians_per_degree;
  const double dlon = (lon_b - lon_a) * radians_per_degree * portable_cos(mean_latitude);
  return earth_radius_km * std::sqrt(dlat * dlat + dlon * dlon);
}

}  // namespace blendin::core
