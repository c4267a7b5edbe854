#include <blendin/core/demo_pool.hpp>
#include <blendin/core/geo.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/validate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <stdexcept>

#include "core_fixtures.hpp"
#include "reference/brute_force_top_k.hpp"
#include "reference/heap_in_use.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::pool_of;

namespace {

// A random pool on a small patch of the Netherlands, with few distinct
// locations (so that areas hold several people) and many ties.
Pool random_pool(std::uint64_t seed, std::size_t size) {
  DemoRandom random(seed);
  std::vector<Profile> profiles;
  const char* interests[] = {"cooking", "football", "music", "chess", "poetry"};
  const char* languages[] = {"nl", "en", "ar", "ti"};
  for (std::size_t i = 0; i < size; ++i) {
    auto p = random.chance(0.5) ? newcomer("") : local("");
    p.id = "id" + std::to_string(random.below(100000));  // ids may repeat in order but stay unique below
    p.id += "-" + std::to_string(i);
    p.lat = 52.0 + double(random.below(12)) * 0.02;
    p.lon = 5.0 + double(random.below(12)) * 0.03;
    p.birth_year = 1950 + int(random.below(6)) * 10;  // coarse: many equal ages
    p.interests.clear();
    for (const char* interest : interests)
      if (random.chance(0.3)) p.interests.push_back(interest);
    p.languages.clear();
    for (const char* language : languages)
      if (random.chance(0.5)) p.languages.push_back({language, LanguageLevel(random.below(7))});
    if (p.languages.empty()) p.languages.push_back({"nl", LanguageLevel::native});
    // Language practice: half the locals welcome beginners, so that many pairs
    // are admissible only through it.
    p.welcomes_beginners = p.role == Role::local && random.chance(0.5);
    p.pillars = PillarSet{std::uint8_t(1 + random.below(7))};
    p.availability = AvailabilitySet{std::uint8_t(1 + random.below(7))};
    if (random.chance(0.7)) p.gender = Gender(random.below(3));
    if (random.chance(0.2)) p.gender_preference.insert(Gender(random.below(3)));
    p.max_distance_km = double(5 + random.below(40));
    p.field = random.chance(0.5) ? "care" : "tech";
    if (p.pillars.contains(Pillar::work)) {
      if (p.role == Role::newcomer) {
        p.work.sought_sectors = {random.chance(0.5) ? "care" : "education"};
        p.work.sought_occupation = random.chance(0.5) ? "nurse" : "";
      } else {
        p.work.network_sectors = {random.chance(0.5) ? "care" : "tech"};
        p.work.occupation = random.chance(0.5) ? "nurse" : "teacher";
      }
    }
    profiles.push_back(p);
  }
  auto pool = pool_of(std::move(profiles));
  compute_interest_rarity(pool);
  return pool;
}

bool same(const std::vector<Match>& a, const std::vector<Match>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].index != b[i].index || a[i].score != b[i].score) return false;  // exact, not approximate
  return true;
}

// Whether profile b passes the filters as a candidate of a (who meets the hard
// constraints with b), read from the profiles themselves: the reference for
// top_k's and count_exclusions' filters.
bool passes(const MatchIndex& index, const Profile& a, const Profile& b, const MatchFilters& filters) {
  const double distance = distance_km(a.lat, a.lon, b.lat, b.lon);
  if (filters.max_distance_km && !(distance <= *filters.max_distance_km)) return false;
  if (filters.pillar && !(a.pillars.contains(*filters.pillar) && b.pillars.contains(*filters.pillar))) return false;
  if (filters.same_meeting_style && !meeting_styles_compatible(a.meeting_style, b.meeting_style)) return false;
  const int age = index.pool().reference_year - b.birth_year;
  if ((filters.min_age && age < *filters.min_age) || (filters.max_age && age > *filters.max_age)) return false;
  if (filters.language) {
    // A language the pair can talk in, as the explanation lists them (language by language, not by bitsets).
    const auto talk = index.model().explain(a, b, index.pool().reference_year).shared_languages;
    if (std::none_of(talk.begin(), talk.end(), [&](const SharedLanguage& l) { return l.code == *filters.language; }))
      return false;
  }
  if (std::find(filters.exclude_ids.begin(), filters.exclude_ids.end(), b.id) != filters.exclude_ids.end()) return false;
  const auto ca = index.model().compact(a), cb = index.model().compact(b);
  return index.model().score(ca, cb, distance) >= filters.min_score;
}

// What count_exclusions must find for `person`: everyone in the pool but the
// person (by id), each pair checked on its own.
MatchIndex::Exclusions pairwise_exclusions(const MatchIndex& index, const Profile& person, const MatchFilters& filters = {}) {
  const Pool& pool = index.pool();
  MatchIndex::Exclusions counted;
  const CompactProfile a = index.model().compact(person);
  for (std::size_t j = 0; j < pool.profiles.size(); ++j) {
    if (pool.profiles[j].id == person.id) continue;
    ++counted.candidates;
    const auto& b = index.compact(j);
    if (auto broken = index.model().violated_constraint(a, b, distance_km(a, b)))
      ++counted.by_constraint[std::size_t(*broken)];
    else if (passes(index, person, pool.profiles[j], filters))
      ++counted.admissible;
    else
      ++counted.by_filters;
  }
  return counted;
}

bool same(const MatchIndex::Exclusions& a, const MatchIndex::Exclusions& b) {
  return a.candidates == b.candidates && a.by_constraint == b.by_constraint && a.by_filters == b.by_filters &&
         a.admissible == b.admissible;
}

// Weights for the explorer's sliders: any mix within the ranges, zeros
// included, and shapes (age span, half distance) that change the bounds.
ScoreWeights random_weights(DemoRandom& random) {
  const double choices[] = {0, 0, 0.001, 0.05, 0.2, 0.35, 1, 7, 1000};
  ScoreWeights w;
  w.interests = choices[random.below(9)];
  w.age = choices[random.below(9)];
  w.distance = choices[random.below(9)];
  w.availability = choices[random.below(9)];
  w.field = choices[random.below(9)];
  w.work = choices[random.below(9)];
  if (w.interests + w.age + w.distance + w.availability + w.field + w.work == 0) w.age = 1;
  w.age_span_years = double(1 + random.below(60));
  w.distance_half_km = 0.1 + double(random.below(30));
  return w;
}

// Every filter now and then, the age range and the language often, and the
// odd ones (ages the wrong way round, a language nobody or only some speak,
// a code the core does not know).
MatchFilters random_filters(DemoRandom& random, const Pool& pool) {
  MatchFilters filters;
  if (random.chance(0.2)) filters.pillar = Pillar(random.below(3));
  if (random.chance(0.2)) filters.max_distance_km = double(random.below(30));
  if (random.chance(0.15)) filters.same_meeting_style = true;
  if (random.chance(0.15)) filters.min_score = 0.25;
  if (random.chance(0.5)) filters.min_age = 16 + int(random.below(70));
  if (random.chance(0.5)) filters.max_age = (filters.min_age ? *filters.min_age - 5 : 16) + int(random.below(60));
  const char* languages[] = {"nl", "en", "ar", "ti", "fa", "xx"};
  if (random.chance(0.5)) filters.language = languages[random.below(6)];
  if (random.chance(0.15)) filters.exclude_ids = {pool.profiles[random.below(pool.profiles.size())].id};
  return filters;
}

}  // namespace

TEST_CASE("core::top_k returns the k best with ties by id") {
  auto a = newcomer("a");
  std::vector<Profile> profiles{a};
  for (const char* id : {"l3", "l1", "l2"}) profiles.push_back(local(id));  // identical apart from id
  auto better = local("l0");
  better.interests = {"cooking"};
  better.availability.insert(Availability::weekend);
  better.lat = a.lat;
  profiles.push_back(better);
  auto far = local("l9");
  far.lat = 53.2;  // out of reach
  profiles.push_back(far);
  const auto pool = pool_of(profiles);
  const MatchIndex index(pool);

  const auto top = index.top_k(a, 3);
  REQUIRE(top.size() == 3);
  // All four nearby locals are identical, so ids decide: l0, l1, l2.
  CHECK(pool.profiles[top[0].index].id == "l0");
  CHECK(pool.profiles[top[1].index].id == "l1");
  CHECK(pool.profiles[top[2].index].id == "l2");
  CHECK(top[0].score == top[1].score);
  CHECK(index.top_k(a, 10).size() == 4);  // never the far one, never a itself
  CHECK(index.top_k(a, 0).empty());
}

TEST_CASE("core::top_k filters: pillar and distance and minimum score and meeting style and exclusions") {
  auto a = newcomer("a");
  a.pillars.insert(Pillar::work);
  auto social = local("social");
  auto work = local("work");
  work.pillars.insert(Pillar::work);
  auto near = local("near");
  near.lat += 0.001;
  auto alone = local("alone");
  alone.meeting_style = MeetingStyle::alone;
  a.meeting_style = MeetingStyle::with_friends;
  auto farther = local("farther");
  farther.lat += 0.05;  // about 5.6 km
  const auto pool = pool_of({a, social, work, near, alone, farther});
  const MatchIndex index(pool);
  auto ids = [&](const MatchFilters& filters) {
    std::vector<std::string> out;
    for (const auto& m : index.top_k(a, 10, filters)) out.push_back(pool.profiles[m.index].id);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(ids({}).size() == 5);
  MatchFilters pillar;
  pillar.pillar = Pillar::work;
  CHECK(ids(pillar) == std::vector<std::string>{"work"});
  MatchFilters distance;
  distance.max_distance_km = 2;
  CHECK(ids(distance).size() == 4);
  MatchFilters style;
  style.same_meeting_style = true;
  CHECK(ids(style).size() == 4);
  MatchFilters excluded;
  excluded.exclude_ids = {"work", "near"};
  CHECK(ids(excluded) == std::vector<std::string>{"alone", "farther", "social"});
  MatchFilters minimum;
  minimum.min_score = 2.0;
  CHECK(ids(minimum).empty());
}

TEST_CASE("core::top_k on random pools equals a brute-force scan in ids and order and scores") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    const auto pool = random_pool(seed, 60 + seed * 7);
    const MatchIndex index(pool);
    DemoRandom random(seed * 977);
    for (int query = 0; query < 12; ++query) {
      const auto& person = pool.profiles[random.below(pool.profiles.size())];
      const std::size_t k = 1 + random.below(15);
      MatchFilters filters;
      if (random.chance(0.3)) filters.pillar = Pillar(random.below(3));
      if (random.chance(0.3)) filters.max_distance_km = double(random.below(30));
      if (random.chance(0.2)) filters.same_meeting_style = true;
      const auto fast = index.top_k(person, k, filters);
      const auto slow = blendin::test::brute_force_top_k(index, person, k, filters);
      CHECK(same(fast, slow));
    }
  }
}

TEST_CASE("core::top_k with age and language filters equals a brute-force scan and the filters read from the profiles") {
  std::size_t found = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    const auto pool = random_pool(seed + 700, 70 + seed * 8);
    const MatchIndex index(pool);
    DemoRandom random(seed * 409);
    for (int query = 0; query < 12; ++query) {
      const auto& person = pool.profiles[random.below(pool.profiles.size())];
      const std::size_t k = 1 + random.below(15);
      const MatchFilters filters = random_filters(random, pool);
      const auto fast = index.top_k(person, k, filters);
      CHECK(same(fast, blendin::test::brute_force_top_k(index, person, k, filters)));
      // Everyone who passes, read from the profiles: the list is their best k.
      std::vector<Match> passing;
      const auto a = index.model().compact(person);
      for (std::size_t j = 0; j < pool.profiles.size(); ++j) {
        const auto& b = index.compact(j);
        if (pool.profiles[j].id == person.id || index.model().violated_constraint(a, b, distance_km(a, b)) ||
            !passes(index, person, pool.profiles[j], filters))
          continue;
        passing.push_back({j, index.model().score(a, b, distance_km(a, b))});
      }
      std::sort(passing.begin(), passing.end(), [&](const Match& x, const Match& y) { return ranks_before(x, y, pool); });
      if (passing.size() > k) passing.resize(k);
      CHECK(same(fast, passing));
      found += fast.size();
    }
  }
  CHECK(found > 1000);  // the filters leave candidates often enough for the comparison to mean something
}

TEST_CASE("core::top_k_for_everyone with age and language filters equals one brute-force scan a person") {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    CAPTURE(seed);
    const auto pool = random_pool(seed + 800, 150 + seed * 13);
    const MatchIndex index(pool);
    DemoRandom random(seed * 37);
    MatchFilters filters = random_filters(random, pool);
    filters.exclude_ids.clear();                     // left out of the round altogether: tested above
    if (seed % 2) filters.min_age = 30 + int(seed);  // only some candidates are of age: lists on one side
    if (seed % 3 == 0) filters.language = "en";
    CAPTURE(filters.language.value_or("-"));
    const std::size_t k = 1 + seed % 5;
    const auto one = index.top_k_for_everyone(k, filters, 1);
    const auto two = index.top_k_for_everyone(k, filters, 2);
    for (std::size_t i = 0; i < pool.profiles.size(); ++i) {
      CAPTURE(i);
      CHECK(same(one[i], blendin::test::brute_force_top_k(index, pool.profiles[i], k, filters)));
      CHECK(same(one[i], two[i]));
    }
  }
}

TEST_CASE("core::MatchIndex set_weights answers as an index built with those weights and as a brute-force scan") {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    CAPTURE(seed);
    const auto pool = random_pool(seed + 500, 80 + seed * 9);
    MatchIndex index(pool);
    DemoRandom random(seed * 313);
    for (int change = 0; change < 4; ++change) {
      const ScoreWeights weights = random_weights(random);
      index.set_weights(weights);
      const MatchIndex fresh(pool, weights);
      for (int query = 0; query < 8; ++query) {
        const auto& person = pool.profiles[random.below(pool.profiles.size())];
        const std::size_t k = 1 + random.below(12);
        MatchFilters filters;
        if (random.chance(0.3)) filters.pillar = Pillar(random.below(3));
        if (random.chance(0.3)) filters.min_score = 0.3;
        const auto after_change = index.top_k(person, k, filters);
        CHECK(same(after_change, fresh.top_k(person, k, filters)));
        CHECK(same(after_change, blendin::test::brute_force_top_k(fresh, person, k, filters)));
      }
      const auto everyone = index.top_k_for_everyone(3, {}, 2);
      const auto everyone_fresh = fresh.top_k_for_everyone(3, {}, 1);
      for (std::size_t i = 0; i < pool.profiles.size(); ++i) CHECK(same(everyone[i], everyone_fresh[i]));
    }
  }
  // Weights so small that their sum's inverse is no float: everyone's lists
  // are then scored exactly, and equal the brute-force scan still.
  const auto pool = random_pool(77, 200);
  MatchIndex index(pool);
  index.set_weights({1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 25, 5});
  const auto everyone = index.top_k_for_everyone(4, {}, 1);
  std::size_t listed = 0;
  for (std::size_t i = 0; i < pool.profiles.size(); ++i) {
    CHECK(same(everyone[i], blendin::test::brute_force_top_k(index, pool.profiles[i], 4)));
    listed += everyone[i].size();
  }
  CHECK(listed > 0);
}

TEST_CASE("core::ScoreWeights are checked in one place: finite and from 0 to 1000 and not all 0") {
  const auto pool = random_pool(3, 40);
  MatchIndex index(pool);
  const auto refused = [&](void (*change)(ScoreWeights&)) {
    ScoreWeights weights;
    change(weights);
    std::string message = "accepted";
    try {
      index.set_weights(weights);
    } catch (const Refused& error) {
      message = error.what();
    }
    std::string built = "accepted";
    try {
      const MatchIndex other(pool, weights);
    } catch (const Refused& error) {
      built = error.what();
    }
    CHECK(built == message);  // one check for both ways in
    return message;
  };
  CHECK(refused([](ScoreWeights& w) { w.age = -0.1; }) == "weights: age: expected a number from 0 to 1000, got -0.1");
  CHECK(refused([](ScoreWeights& w) { w.work = std::nan(""); }) == "weights: work: expected a number from 0 to 1000, got nan");
  CHECK(refused([](ScoreWeights& w) { w.field = 1e308 * 10; }) == "weights: field: expected a number from 0 to 1000, got inf");
  CHECK(refused([](ScoreWeights& w) { w.interests = 1000.5; }) ==
        "weights: interests: expected a number from 0 to 1000, got 1000.5");
  CHECK(refused([](ScoreWeights& w) { w = {0, 0, 0, 0, 0, 0, 25, 5}; }) ==
        "weights: every part's weight is 0: expected at least one above 0");
  CHECK(refused([](ScoreWeights& w) { w.age_span_years = 0; }) ==
        "weights: age_span_years: expected a number from 1 to 110 years, got 0");
  CHECK(refused([](ScoreWeights& w) { w.distance_half_km = -5; }) ==
        "weights: distance_half_km: expected a number from 0.1 to 300 km, got -5");
  CHECK(refused([](ScoreWeights& w) { w = {0, 0, 0, 0, 0, 1000, 1, 300}; }) == "accepted");  // Work alone; the limits
  // A refused change leaves the weights as they were.
  ScoreWeights only_age{0, 1, 0, 0, 0, 0, 25, 5};
  index.set_weights(only_age);
  ScoreWeights bad = only_age;
  bad.interests = -1;
  CHECK_THROWS_AS(index.set_weights(bad), Refused);
  CHECK(index.model().weights().interests == 0);
  CHECK(index.model().weights().age == 1);
  CHECK(validate_weights(ScoreWeights{}).empty());
}

TEST_CASE("core::top_k on a demo pool equals a brute-force scan and prunes") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto pool = make_demo_pool({3000, 11, 2026}, taxonomy, {0, 1, 2});
  const std::size_t heap_before = blendin::test::heap_in_use();
  const MatchIndex index(pool);
  const std::size_t index_bytes = blendin::test::heap_in_use() - heap_before;
  for (std::size_t i = 0; i < pool.profiles.size(); i += 97) {
    CAPTURE(pool.profiles[i].id);
    CHECK(same(index.top_k(pool.profiles[i], 10), blendin::test::brute_force_top_k(index, pool.profiles[i], 10)));
  }
  if (heap_before == 0)
    MESSAGE("the allocator does not say what the index holds (AddressSanitizer): its size is not checked");
  else
    CHECK(index_bytes / pool.profiles.size() <= 200);
}

TEST_CASE("core::MatchIndex of a large pool holds every profile's compact form and finds every id") {
  // From 4,096 profiles natively the index is built on two threads.
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto pool = make_demo_pool({5000, 13, 2026}, taxonomy, {0, 1, 2});
  const MatchIndex index(pool);
  const ScoringModel model(pool.taxonomy);
  std::size_t mismatched = 0, lost = 0;
  for (std::size_t i = 0; i < pool.profiles.size(); ++i) {
    const CompactProfile& held = index.compact(i);
    const CompactProfile fresh = model.compact(pool.profiles[i]);
    mismatched += held.interests != fresh.interests || held.languages != fresh.languages || held.sectors != fresh.sectors ||
                  held.lat != fresh.lat || held.lon != fresh.lon || held.interest_weight_sum != fresh.interest_weight_sum ||
                  held.max_distance_km != fresh.max_distance_km || held.birth_year != fresh.birth_year ||
                  held.field != fresh.field || held.occupation != fresh.occupation || held.role != fresh.role ||
                  held.pillars.bits != fresh.pillars.bits || held.availability.bits != fresh.availability.bits ||
                  held.gender.bits != fresh.gender.bits || held.gender_preference.bits != fresh.gender_preference.bits ||
                  held.meeting_style != fresh.meeting_style;
    lost += index.find(pool.profiles[i].id) != std::optional<std::size_t>(i);
  }
  CHECK(mismatched == 0);
  CHECK(lost == 0);
  CHECK_FALSE(index.find("no such id"));
}

TEST_CASE("core::top_k admissible candidates are exactly the admissible pairs") {
  const auto pool = random_pool(5, 120);
  const MatchIndex index(pool);
  for (std::size_t i = 0; i < pool.profiles.size(); ++i) {
    std::vector<std::size_t> expected;
    for (std::size_t j = 0; j < pool.profiles.size(); ++j)
      if (i != j && index.model().admissible_score(index.compact(i), index.compact(j))) expected.push_back(j);
    std::vector<std::size_t> found;
    for (const auto& m : index.admissible_candidates(i)) found.push_back(m.index);
    CHECK(found == expected);
  }
}

TEST_CASE("core::top_k an empty pool and a person outside everyone's reach") {
  const auto empty = pool_of({});
  const MatchIndex none(empty);
  CHECK(none.top_k(newcomer("a"), 5).empty());
  auto far = newcomer("far");
  far.lat = 53.5;
  far.lon = 7.0;
  const auto pool = pool_of({local("b")});
  CHECK(MatchIndex(pool).top_k(far, 5).empty());
}

TEST_CASE("core::top_k_for_everyone equals one top_k query a person") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    const auto pool = random_pool(seed + 100, 80 + seed * 11);
    const MatchIndex index(pool);
    MatchFilters filters;
    if (seed % 3 == 1) filters.pillar = Pillar::culture;
    if (seed % 4 == 2) filters.max_distance_km = 12;
    if (seed % 5 == 3) filters.same_meeting_style = true;
    const std::size_t k = 1 + seed % 6;
    const auto everyone = index.top_k_for_everyone(k, filters);
    REQUIRE(everyone.size() == pool.profiles.size());
    for (std::size_t i = 0; i < pool.profiles.size(); ++i) CHECK(same(everyone[i], index.top_k(pool.profiles[i], k, filters)));
  }
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto demo = make_demo_pool({2500, 5, 2026}, taxonomy, {0, 1, 2});
  const MatchIndex index(demo);
  const auto everyone = index.top_k_for_everyone(20);
  for (std::size_t i = 0; i < demo.profiles.size(); i += 7) CHECK(same(everyone[i], index.top_k(demo.profiles[i], 20)));
}

TEST_CASE("core::top_k_for_everyone gives the same lists on several threads") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto demo = make_demo_pool({3000, 9, 2026}, taxonomy, {0, 1, 2});
  const MatchIndex index(demo);
  const auto one = index.top_k_for_everyone(15, {}, 1);
  const auto three = index.top_k_for_everyone(15, {}, 3);
  for (std::size_t i = 0; i < demo.profiles.size(); ++i) CHECK(same(one[i], three[i]));
}

// top_k_for_everyone keeps lists by float estimates and drops a candidate
// only when its estimate is far enough below the k-th best; these pools are
// large enough against k that most pairs are dropped or never offered, and
// tied enough (coarse ages, few interests, identical people) that the ids
// decide at the k-th place.
TEST_CASE("core::top_k_for_everyone with pairs skipped by estimates equals a brute-force scan on 1 and 2 threads") {
  std::vector<ScoreWeights> weightings(4);
  weightings[1].interests = 1.0;  // interests lead: estimates depend most on the shared rarity
  weightings[1].distance = 0.05;
  weightings[2].age = 0.6;  // age and moments lead, no field
  weightings[2].availability = 0.4;
  weightings[2].field = 0;
  weightings[2].age_span_years = 7;
  for (std::uint64_t seed = 1; seed <= 18; ++seed) {
    CAPTURE(seed);
    auto pool = random_pool(seed + 300, 150 + seed * 17);
    // A rarity beyond a float's comfortable range: no estimates, every pair scored exactly.
    if (seed % 4 == 3) pool.taxonomy.interest_rarity[3] = 2e6;
    const MatchIndex index(pool, weightings[seed % 4]);
    DemoRandom random(seed * 131);
    MatchFilters filters;
    if (seed % 4 == 1) filters.pillar = Pillar(random.below(3));
    if (seed % 5 == 2) filters.min_score = 0.3;
    if (seed % 6 == 3) filters.same_meeting_style = true;
    if (seed % 7 == 4) filters.exclude_ids = {pool.profiles[3].id, pool.profiles[11].id};
    const std::size_t k = 1 + seed % 7;
    const auto one = index.top_k_for_everyone(k, filters, 1);
    const auto two = index.top_k_for_everyone(k, filters, 2);
    for (std::size_t i = 0; i < pool.profiles.size(); ++i) {
      CAPTURE(i);
      const auto& ids = filters.exclude_ids;
      if (std::find(ids.begin(), ids.end(), pool.profiles[i].id) != ids.end())
        CHECK(one[i].empty());  // left out of the round altogether
      else
        CHECK(same(one[i], blendin::test::brute_force_top_k(index, pool.profiles[i], k, filters)));
      CHECK(same(one[i], two[i]));
    }
  }
}

TEST_CASE("core::top_k_for_everyone among identical people: ties at the k-th place go to the smaller id") {
  std::vector<Profile> profiles;
  for (int i = 0; i < 12; ++i) profiles.push_back(newcomer(("n" + std::to_string(100 + (i * 7) % 12)).c_str()));
  for (int i = 0; i < 60; ++i) profiles.push_back(local(("l" + std::to_string(100 + (i * 13) % 60)).c_str()));
  const auto pool = pool_of(std::move(profiles));
  const MatchIndex index(pool);
  for (std::size_t k : {1, 3, 7, 20}) {
    const auto everyone = index.top_k_for_everyone(k, {}, 2);
    for (std::size_t i = 0; i < pool.profiles.size(); ++i)
      CHECK(same(everyone[i], blendin::test::brute_force_top_k(index, pool.profiles[i], k)));
  }
}

// Estimates must be close to the exact score on both sides, so every bit of
// the sectors counts: sector 40 and sector 8 share a bit once 64 bits are
// folded to 32, which would make "near" look better than "fit" by the whole
// sector part.
TEST_CASE("core::top_k_for_everyone tells sectors apart beyond the 32nd") {
  Pool pool;
  pool.reference_year = 2026;
  pool.taxonomy = blendin::test::small_taxonomy();
  pool.taxonomy.sectors.clear();
  for (int i = 0; i < 41; ++i) pool.taxonomy.sectors.push_back("sector-" + std::to_string(i));
  auto seeker = newcomer("n");
  seeker.pillars.insert(Pillar::work);
  seeker.work.sought_sectors = {"sector-40"};
  seeker.work.sought_occupation = "teacher";
  auto near = local("l-near");  // sector 8: no sector in common
  near.pillars.insert(Pillar::work);
  near.work.network_sectors = {"sector-8"};
  auto fit = local("l-fit");  // no sector either, but the sought occupation
  fit.pillars.insert(Pillar::work);
  fit.work.network_sectors = {"sector-3"};
  fit.work.occupation = "teacher";
  pool.profiles = {seeker, near, fit};
  const MatchIndex index(pool);
  const auto everyone = index.top_k_for_everyone(1, {}, 1);
  REQUIRE(everyone[0].size() == 1);
  CHECK(pool.profiles[everyone[0][0].index].id == "l-fit");
  CHECK(same(everyone[0], blendin::test::brute_force_top_k(index, pool.profiles[0], 1)));
}

// The estimates check the hard constraints themselves, so every bit of the
// usable languages counts: Armenian (bit 32) and Dutch (bit 0) share a bit
// once 64 bits are folded to 32.
TEST_CASE("core::top_k_for_everyone tells languages apart beyond the 32nd") {
  REQUIRE(blendin::core::language_index("hy") == 32);
  REQUIRE(blendin::core::language_index("nl") == 0);
  auto armenian = newcomer("n");
  armenian.languages = {{"hy", LanguageLevel::b1}};
  auto dutch = local("l-dutch");  // no language in common
  auto also_armenian = local("l-armenian");
  also_armenian.languages = {{"hy", LanguageLevel::b2}};
  also_armenian.birth_year = 1960;  // a worse score than l-dutch would have
  const auto pool = pool_of({armenian, dutch, also_armenian});
  const MatchIndex index(pool);
  const auto everyone = index.top_k_for_everyone(2, {}, 1);
  REQUIRE(everyone[0].size() == 1);
  CHECK(pool.profiles[everyone[0][0].index].id == "l-armenian");
  CHECK(everyone[1].empty());
  for (std::size_t i = 0; i < pool.profiles.size(); ++i)
    CHECK(same(everyone[i], blendin::test::brute_force_top_k(index, pool.profiles[i], 2)));
}

TEST_CASE("core::count_exclusions counts the first broken constraint of every other person") {
  const auto pool = random_pool(21, 150);
  const MatchIndex index(pool);
  for (std::size_t i = 0; i < pool.profiles.size(); i += 5) {
    const auto counts = index.count_exclusions(i);
    CHECK(same(counts, pairwise_exclusions(index, pool.profiles[i])));
    CHECK(counts.by_filters == 0);
    CHECK(counts.candidates == pool.profiles.size() - 1);
    CHECK(counts.candidates == std::accumulate(counts.by_constraint.begin(), counts.by_constraint.end(), std::size_t(0)) +
                                   counts.by_filters + counts.admissible);
    MatchFilters work;
    work.pillar = Pillar::work;
    const auto filtered = index.count_exclusions(i, work);
    CHECK(same(filtered, pairwise_exclusions(index, pool.profiles[i], work)));
    CHECK(filtered.by_filters + filtered.admissible == counts.admissible);
  }
}

TEST_CASE("core::count_exclusions on a demo pool: areas out of reach counted by their language groups") {
  // Most areas of a demo pool are out of everyone's reach (other cities), so
  // counts come mostly from the per-area language groups: compare with the
  // first broken constraint of every pair.
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto demo = make_demo_pool({1500, 23, 2026}, taxonomy, {0, 1, 2});
  const MatchIndex index(demo);
  std::size_t by_language = 0, by_distance = 0;
  for (std::size_t i = 0; i < demo.profiles.size(); i += 13) {
    const auto expected = pairwise_exclusions(index, demo.profiles[i]);
    CHECK(same(index.count_exclusions(i), expected));
    by_language += expected.by_constraint[std::size_t(Constraint::language)];
    by_distance += expected.by_constraint[std::size_t(Constraint::distance)];
  }
  CHECK(by_language > 0);  // both kinds of group were counted
  CHECK(by_distance > 0);
}

TEST_CASE("core::count_exclusions for a visitor with filters: every pool member once and admissible as top_k lists") {
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    CAPTURE(seed);
    const auto pool = random_pool(seed + 900, 90 + seed * 5);
    const MatchIndex index(pool);
    DemoRandom random(seed * 71);
    for (int query = 0; query < 10; ++query) {
      // A visitor as the questionnaire makes one: a pool member's answers under another id,
      // or under a member's id (of either role), who is then not a candidate.
      Profile visitor = pool.profiles[random.below(pool.profiles.size())];
      visitor.id = random.chance(0.8) ? "visitor" : pool.profiles[random.below(pool.profiles.size())].id;
      visitor.lat += 0.01 * double(random.below(3));
      const MatchFilters filters = random_filters(random, pool);
      CAPTURE(visitor.id);
      const auto counts = index.count_exclusions(visitor, filters);
      CHECK(same(counts, pairwise_exclusions(index, visitor, filters)));
      CHECK(counts.candidates == std::accumulate(counts.by_constraint.begin(), counts.by_constraint.end(), std::size_t(0)) +
                                     counts.by_filters + counts.admissible);
      CHECK(counts.admissible == index.top_k(visitor, pool.profiles.size(), filters).size());
    }
    for (std::size_t i = 0; i < pool.profiles.size(); i += 7) {
      const MatchFilters filters = random_filters(random, pool);
      CHECK(same(index.count_exclusions(i, filters), index.count_exclusions(pool.profiles[i], filters)));
    }
  }
}
