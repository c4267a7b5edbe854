#include <blendin/core/demo_pool.hpp>
#include <blendin/core/pool_statistics.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "core_fixtures.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::pool_of;

TEST_CASE("core::pool_statistics counts people by role and pillar and language and area and waiting time") {
  auto waiting = [](Profile p, int days, const char* area) {
    p.waiting_since_days = days;
    p.postcode_area = area;
    return p;
  };
  auto n1 = waiting(newcomer("n1"), 3, "3511");
  n1.pillars.insert(Pillar::work);
  n1.languages = {{"ar", LanguageLevel::native}, {"nl", LanguageLevel::a1}};  // Dutch below A2: not counted
  auto l1 = waiting(local("l1"), 7, "1011");
  l1.welcomes_beginners = true;
  const auto pool = pool_of(
      {n1, waiting(newcomer("n2"), 40, "1011"), waiting(newcomer("n3"), 400, "1011"), waiting(newcomer("n4"), 10, "1011"), l1});
  const auto statistics = pool_statistics(pool);
  const auto& newcomers = statistics.by_role[0];
  const auto& locals = statistics.by_role[1];
  CHECK(newcomers.people == 4);
  CHECK(locals.people == 1);
  CHECK(newcomers.places == 4);
  CHECK(newcomers.by_pillar[std::size_t(Pillar::social)] == 4);
  CHECK(newcomers.by_pillar[std::size_t(Pillar::work)] == 1);
  CHECK(newcomers.by_pillar[std::size_t(Pillar::culture)] == 0);
  CHECK(newcomers.by_language[std::size_t(*language_index("nl"))] == 3);
  CHECK(newcomers.by_language[std::size_t(*language_index("ar"))] == 1);
  CHECK(newcomers.beginners == 1);  // n1, at A1 in Dutch
  CHECK(newcomers.welcoming_beginners == 0);
  CHECK(locals.welcoming_beginners == 1);
  CHECK(locals.beginners == 0);
  CHECK(newcomers.by_waiting == std::array<std::size_t, 6>{1, 1, 1, 0, 0, 1});  // 3, 10, 40 and 400 days
  CHECK(locals.by_waiting == std::array<std::size_t, 6>{0, 1, 0, 0, 0, 0});     // 7 days: the second band's first day
  CHECK(newcomers.median_waiting_days == 10);                                   // the lower of 10 and 40
  CHECK(newcomers.longest_waiting_days == 400);
  REQUIRE(statistics.by_area.size() == 2);
  CHECK(statistics.by_area[0].postcode_area == "1011");
  CHECK(statistics.by_area[0].people == std::array<std::size_t, 2>{3, 1});
  CHECK(statistics.by_area[1].postcode_area == "3511");
  CHECK(statistics.by_area[1].people == std::array<std::size_t, 2>{1, 0});
  const auto empty = pool_statistics(pool_of({}));
  CHECK(empty.by_role[0].people == 0);
  CHECK(empty.by_role[0].median_waiting_days == 0);
  CHECK(empty.by_area.empty());
}

TEST_CASE("core::pool_statistics on a demo pool adds up to everyone and agrees with counting one by one") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto pool = make_demo_pool({2000, 29, 2026}, taxonomy, {0, 1, 2});
  const auto statistics = pool_statistics(pool);
  std::map<std::string, std::array<std::size_t, 2>> areas;
  std::array<std::vector<int>, 2> days;
  std::array<std::size_t, 2> places{}, social{};
  for (const auto& p : pool.profiles) {
    const std::size_t slot = p.role == Role::newcomer ? 0 : 1;
    ++areas[p.postcode_area][slot];
    days[slot].push_back(p.waiting_since_days);
    places[slot] += std::size_t(p.capacity);
    social[slot] += p.pillars.contains(Pillar::social);
  }
  REQUIRE(statistics.by_area.size() == areas.size());
  std::size_t i = 0;
  for (const auto& [area, people] : areas) {
    CHECK(statistics.by_area[i].postcode_area == area);
    CHECK(statistics.by_area[i].people == people);
    ++i;
  }
  for (std::size_t slot = 0; slot < 2; ++slot) {
    const auto& role = statistics.by_role[slot];
    CHECK(role.people == days[slot].size());
    CHECK(std::accumulate(role.by_waiting.begin(), role.by_waiting.end(), std::size_t(0)) == role.people);
    CHECK(role.places == places[slot]);
    CHECK(role.by_pillar[std::size_t(Pillar::social)] == social[slot]);
    std::sort(days[slot].begin(), days[slot].end());
    CHECK(role.median_waiting_days == days[slot][(days[slot].size() - 1) / 2]);
    CHECK(role.longest_waiting_days == days[slot].back());
    for (std::size_t band = 0; band < waiting_band_first_days.size(); ++band) {
      const int first = waiting_band_first_days[band];
      const int end = band + 1 < waiting_band_first_days.size() ? waiting_band_first_days[band + 1] : 1 << 30;
      CHECK(role.by_waiting[band] ==
            std::size_t(std::count_if(days[slot].begin(), days[slot].end(), [&](int d) { return d >= first && d < end; })));
    }
  }
  CHECK(statistics.by_role[0].longest_waiting_days > 0);  // the demo pool has people waiting
}
