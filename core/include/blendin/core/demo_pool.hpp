// A realistic, reproducible demo pool: people across Dutch cities (real city
// centres and postcode areas), plausible ages and languages, and interests
// whose frequencies are far from uniform. The same seed gives the same pool
// on every platform (own random generator and distributions, no <random>).
#pragma once

#include <cstdint>

#include <blendin/core/pool.hpp>

namespace blendin::core {

struct DemoPoolOptions {
  std::size_t profiles = 1000;
  std::uint64_t seed = 1;
  int reference_year = 2026;
  double newcomer_share = 0.45;  // each profile's chance to be a newcomer (slightly more locals, as in Blendin's pool)
  // Each local's chance to welcome beginners (language practice at A1). Dutch
  // language-buddy programmes (taalmaatjes) are made of locals who choose to
  // practise with beginners; among Blendin's locals, who join to meet people
  // rather than to teach, we take it to be a minority of about three in ten.
  double welcomes_beginners_share = 0.3;
};

// `taxonomy` gives the interest, sector and occupation ids (from content/data);
// occupation_sectors[i] is the sector index of taxonomy.occupations[i].
Pool make_demo_pool(const DemoPoolOptions& options, const Taxonomy& taxonomy, const std::vector<int>& occupation_sectors);

// splitmix64: small, fast and the same everywhere.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  std::uint64_t below(std::uint64_t bound);  // uniform in [0, bound)
  double unit();                             // uniform in [0, 1)
  bool chance(double probability) { return unit() < probability; }

 private:
  std::uint64_t state_;
};

}  // namespace blendin::core
