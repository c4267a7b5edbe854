// A round on a pool: what a coordinator sees. Capacities, forced and forbidden
// pairs, coverage first, waiting time, the round's pillar, reasons for the
// unmatched, determinism and degenerate pools.
#include <blendin/core/assign.hpp>
#include <blendin/core/demo_pool.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core_fixtures.hpp"
#include "reference/hungarian.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::pool_of;

namespace {

using Pairs = std::map<std::string, std::string>;  // newcomer id -> local id

Pairs pairs_of(const Pool& pool, const Assignment& a) {
  Pairs pairs;
  for (const auto& pair : a.pairs) pairs[pool.profiles[pair.newcomer].id] = pool.profiles[pair.local].id;
  return pairs;
}

const UnmatchedPerson* unmatched(const Pool& pool, const Assignment& a, const std::string& id) {
  for (const auto& person : a.unmatched)
    if (pool.profiles[person.person].id == id) return &person;
  return nullptr;
}

Assignment run(const Pool& pool, AssignOptions options = {}) {
  const MatchIndex index(pool);
  return assign_round(index, options);
}

double score_of(const Pool& pool, const std::string& a, const std::string& b) {
  const MatchIndex index(pool);
  return round_score(index.model(), index.compact(*index.find(a)), index.compact(*index.find(b)), std::nullopt);
}

// Moves a person far away: out of everyone's distance.
Profile far(Profile p) {
  p.lat = 53.2;
  p.lon = 6.56;  // Groningen
  return p;
}

// A demo pool over the small taxonomy (about three in ten locals welcome beginners).
Pool demo_pool(std::size_t profiles, std::uint64_t seed) {
  DemoPoolOptions demo;
  demo.profiles = profiles;
  demo.seed = seed;
  return make_demo_pool(demo, blendin::test::small_taxonomy(), {0, 1, 2});
}

}  // namespace

TEST_CASE("core::assign_round fills capacities and says who is left out") {
  auto host = local("L");
  host.capacity = 2;
  const Pool pool = pool_of({newcomer("a"), newcomer("b"), newcomer("c"), host});
  const auto result = run(pool);
  CHECK(result.matched == 2);
  REQUIRE(result.unmatched.size() == 1);
  CHECK(result.unmatched[0].reason == UnmatchedReason::capacity_exhausted);
  CHECK(result.unmatched[0].candidates == 1);

  SUBCASE("--capacity overrides every capacity") {
    AssignOptions options;
    options.capacity = 1;
    CHECK(run(pool, options).matched == 1);
    options.capacity = 3;
    CHECK(run(pool, options).matched == 3);
  }
}

TEST_CASE("core::assign_round forced and forbidden pairs") {
  // a and b both fit L1 better than L2 (L2 is older).
  auto l2 = local("L2");
  l2.birth_year = 1960;
  const Pool pool = pool_of({newcomer("a"), newcomer("b"), local("L1"), l2});
  const auto free = pairs_of(pool, run(pool));
  REQUIRE(free.size() == 2);

  SUBCASE("a forbidden pair is never chosen") {
    AssignOptions options;
    options.forbidden = {{"a", free.at("a"), "forbid.csv", 2}};
    const auto pairs = pairs_of(pool, run(pool, options));
    CHECK(pairs.at("a") != free.at("a"));
    CHECK(pairs.size() == 2);
  }
  SUBCASE("every candidate forbidden") {
    AssignOptions options;
    options.forbidden = {{"a", "L1", "f", 2}, {"a", "L2", "f", 3}};
    const auto result = run(pool, options);
    const auto* a = unmatched(pool, result, "a");
    REQUIRE(a);
    CHECK(a->reason == UnmatchedReason::all_candidates_forbidden);
    CHECK(a->forbidden == 2);
  }
  SUBCASE("a forced pair is kept even when the optimum would not choose it") {
    AssignOptions options;
    const std::string other = free.at("a") == "L1" ? "L2" : "L1";
    options.forced = {{"a", other, "force.csv", 2}};
    const auto result = run(pool, options);
    const auto pairs = pairs_of(pool, result);
    CHECK(pairs.at("a") == other);
    CHECK(pairs.size() == 2);
    const auto forced = std::find_if(result.pairs.begin(), result.pairs.end(), [](const AssignedPair& p) { return p.forced; });
    REQUIRE(forced != result.pairs.end());
    CHECK(pool.profiles[forced->newcomer].id == "a");
  }
  SUBCASE("a forced pair may break a hard constraint: the coordinator decides") {
    auto mute = newcomer("m");
    mute.languages = {{"ar", LanguageLevel::native}};
    const Pool with = pool_of({mute, local("L1")});
    AssignOptions options;
    options.forced = {{"m", "L1", "force.csv", 2}};
    CHECK(pairs_of(with, run(with, options)) == Pairs{{"m", "L1"}});
  }
  SUBCASE("bad rules name the file and line, all at once") {
    AssignOptions options;
    options.forced = {
        {"nobody", "L1", "force.csv", 2}, {"a", "b", "force.csv", 3}, {"b", "L1", "force.csv", 4}, {"b", "L2", "force.csv", 5}};
    options.forbidden = {{"L1", "a", "forbid.csv", 2}};
    try {
      run(pool, options);
      FAIL("expected Refused");
    } catch (const Refused& error) {
      const auto& p = error.problems();
      REQUIRE(p.size() == 5);
      CHECK(p[0].to_string() == "forbid.csv:2: newcomer_id \"L1\": is a local, expected a newcomer");
      CHECK(p[1].to_string() == "forbid.csv:2: local_id \"a\": is a newcomer, expected a local");
      CHECK(p[2].to_string() == "force.csv:2: newcomer_id \"nobody\": no such profile in the pool");
      CHECK(p[3].to_string() == "force.csv:3: local_id \"b\": is a newcomer, expected a local");
      CHECK(p[4].to_string().rfind("force.csv:5: newcomer \"b\" is already forced at force.csv:4", 0) == 0);
    }
  }
  SUBCASE("forcing a local beyond capacity, or a forbidden pair, is refused") {
    AssignOptions options;
    options.forced = {{"a", "L1", "force.csv", 2}, {"b", "L1", "force.csv", 3}};
    CHECK_THROWS_WITH_AS(run(pool, options), doctest::Contains("force.csv:3: local \"L1\" is forced more often"), Refused);
    options.forced = {{"a", "L1", "force.csv", 2}};
    options.forbidden = {{"a", "L1", "forbid.csv", 2}};
    CHECK_THROWS_WITH_AS(run(pool, options), doctest::Contains("also forbidden"), Refused);
  }
}

TEST_CASE("core::parse_pair_rules reads CSV and names file:line on errors") {
  const auto rules = parse_pair_rules("newcomer_id,local_id\r\n# a comment\n\n n1 , l1\nn2,l2", "forbid.csv");
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].newcomer_id == "n1");
  CHECK(rules[0].local_id == "l1");
  CHECK(rules[0].where() == "forbid.csv:4");
  CHECK(rules[1].where() == "forbid.csv:5");
  try {
    parse_pair_rules("newcomer,local\nn1\nn1,l1,x\n,l2\n", "f.csv");
    FAIL("expected Refused");
  } catch (const Refused& error) {
    REQUIRE(error.problems().size() == 4);
    CHECK(error.problems()[0].to_string().rfind("f.csv:1: expected the header", 0) == 0);
    CHECK(error.problems()[1].to_string().rfind("f.csv:2: expected two ids", 0) == 0);
    CHECK(error.problems()[2].to_string().rfind("f.csv:3: expected two ids", 0) == 0);
    CHECK(error.problems()[3].to_string() == "f.csv:4: newcomer_id is empty");
  }
  CHECK_THROWS_AS(parse_pair_rules("", "empty.csv"), Refused);
}

TEST_CASE("core::assign_round coverage matches more newcomers before a higher total") {
  // a fits X very well and Y poorly; b can only meet X (b speaks Arabic, like X).
  auto a = newcomer("a");
  a.interests = {"chess", "poetry", "music"};
  auto b = newcomer("b");
  b.languages = {{"ar", LanguageLevel::native}};
  b.interests = {"football"};
  b.birth_year = 1960;
  auto x = local("X");
  x.interests = {"chess", "poetry", "music"};
  x.languages = {{"nl", LanguageLevel::native}, {"ar", LanguageLevel::b1}};
  auto y = local("Y");
  y.interests = {"football"};
  y.birth_year = 1955;
  y.lat += 0.05;
  const Pool pool = pool_of({a, b, x, y});
  // The instance only tests something when max prefers a-X alone.
  REQUIRE(score_of(pool, "a", "X") > score_of(pool, "a", "Y") + score_of(pool, "b", "X"));
  AssignOptions options;
  options.waiting_weight = 0;
  const auto max = run(pool, options);
  CHECK(pairs_of(pool, max) == Pairs{{"a", "X"}});
  const auto* left = unmatched(pool, max, "b");
  REQUIRE(left);
  CHECK(left->reason == UnmatchedReason::capacity_exhausted);
  options.mode = AssignMode::coverage;
  const auto coverage = run(pool, options);
  CHECK(pairs_of(pool, coverage) == Pairs{{"a", "Y"}, {"b", "X"}});
  CHECK(coverage.total < max.total);
  CHECK(coverage.blocking_pairs == 1);  // a and X would both rather be together
}

TEST_CASE("core::assign_round waiting time gives priority") {
  // Two identical newcomers, one place: without priority the smaller id wins.
  auto early = newcomer("n1");
  auto waiting = newcomer("n2");
  waiting.waiting_since_days = 200;
  const Pool pool = pool_of({early, waiting, local("L")});
  AssignOptions options;
  options.waiting_weight = 0;
  CHECK(pairs_of(pool, run(pool, options)) == Pairs{{"n1", "L"}});
  options.waiting_weight = 0.1;
  CHECK(pairs_of(pool, run(pool, options)) == Pairs{{"n2", "L"}});
  options.mode = AssignMode::stable;
  CHECK(pairs_of(pool, run(pool, options)) == Pairs{{"n2", "L"}});
  CHECK(waiting_priority(-3) == 0);
  CHECK(waiting_priority(730) == 1);
}

TEST_CASE("core::assign_round a Work round pairs only Work people and scores by Work fit") {
  auto seeker = newcomer("n1");
  seeker.pillars.insert(Pillar::work);
  seeker.work.sought_sectors = {"care"};
  auto social_only = newcomer("n2");
  auto nurse = local("L1");
  nurse.pillars.insert(Pillar::work);
  nurse.work.network_sectors = {"care"};
  nurse.work.occupation = "nurse";
  auto coder = local("L2");
  coder.pillars.insert(Pillar::work);
  coder.work.network_sectors = {"tech"};
  coder.interests = seeker.interests;
  const Pool pool = pool_of({seeker, social_only, nurse, coder});
  AssignOptions options;
  options.pillar = Pillar::work;
  const auto result = run(pool, options);
  CHECK(pairs_of(pool, result) == Pairs{{"n1", "L1"}});
  const auto* n2 = unmatched(pool, result, "n2");
  REQUIRE(n2);
  CHECK(n2->reason == UnmatchedReason::no_admissible_candidate);
  CHECK(n2->excluded_by_round_pillar == 2);
  // 0.7 * (0.6 for the sector) + 0.3 * the model's score.
  const MatchIndex index(pool);
  const auto& a = index.compact(0);
  const auto& b = index.compact(2);
  const double expected = 0.7 * 0.6 + 0.3 * index.model().score(a, b, distance_km(a, b));
  CHECK(result.pairs[0].score == doctest::Approx(expected).epsilon(1e-12));
}

TEST_CASE("core::assign_round reasons for no admissible candidate count the constraints") {
  auto arabic = newcomer("n1");
  arabic.languages = {{"ar", LanguageLevel::native}};
  const Pool pool = pool_of({arabic, local("L1"), local("L2"), far(local("L3"))});
  const auto result = run(pool);
  CHECK(result.matched == 0);
  const auto* n1 = unmatched(pool, result, "n1");
  REQUIRE(n1);
  CHECK(n1->reason == UnmatchedReason::no_admissible_candidate);
  CHECK(n1->excluded_by[std::size_t(Constraint::language)] == 3);
  CHECK(n1->other_role_count == 3);
  // The locals are listed too, each with nobody admissible.
  const auto* l3 = unmatched(pool, result, "L3");
  REQUIRE(l3);
  CHECK(l3->reason == UnmatchedReason::no_admissible_candidate);
}

TEST_CASE("core::assign_round locals whose candidates are taken") {
  const Pool pool = pool_of({newcomer("a"), local("L1"), local("L2")});
  const auto result = run(pool);
  CHECK(result.matched == 1);
  REQUIRE(result.unmatched.size() == 1);
  CHECK(result.unmatched[0].reason == UnmatchedReason::candidates_matched_elsewhere);
}

TEST_CASE("core::assign_round degenerate pools") {
  SUBCASE("empty pool") {
    const auto result = run(pool_of({}));
    CHECK(result.pairs.empty());
    CHECK(result.unmatched.empty());
    CHECK(result.total == 0);
  }
  SUBCASE("one person") {
    const Pool pool = pool_of({newcomer("a")});
    const auto result = run(pool);
    CHECK(result.matched == 0);
    REQUIRE(result.unmatched.size() == 1);
    CHECK(result.unmatched[0].reason == UnmatchedReason::no_admissible_candidate);
    CHECK(result.unmatched[0].other_role_count == 0);
  }
  SUBCASE("nobody admissible") {
    const Pool pool = pool_of({newcomer("a"), newcomer("b"), far(local("L"))});
    for (auto mode : {AssignMode::max, AssignMode::coverage, AssignMode::stable}) {
      AssignOptions options;
      options.mode = mode;
      const auto result = run(pool, options);
      CHECK(result.matched == 0);
      CHECK(result.unmatched.size() == 3);
      for (const auto& person : result.unmatched) {
        CHECK(person.reason == UnmatchedReason::no_admissible_candidate);
        CHECK(person.excluded_by[std::size_t(Constraint::distance)] > 0);
      }
    }
  }
  SUBCASE("everyone tied: ids decide, whatever the input order") {
    std::vector<Profile> people;
    for (const char* id : {"n3", "n1", "n4", "n2"}) people.push_back(newcomer(id));
    for (const char* id : {"l2", "l1"}) people.push_back(local(id));
    Pool pool = pool_of(people);
    for (auto mode : {AssignMode::max, AssignMode::coverage, AssignMode::stable}) {
      AssignOptions options;
      options.mode = mode;
      const auto first = pairs_of(pool, run(pool, options));
      CHECK(first.size() == 2);
      Pool reversed = pool;
      std::reverse(reversed.profiles.begin(), reversed.profiles.end());
      CHECK(pairs_of(reversed, run(reversed, options)) == first);
    }
    AssignOptions stable;
    stable.mode = AssignMode::stable;
    CHECK(pairs_of(pool, run(pool, stable)) == Pairs{{"n1", "l1"}, {"n2", "l2"}});
  }
}

TEST_CASE("core::assign_round on a demo pool: modes and stability and candidates") {
  const Pool pool = demo_pool(600, 3);
  const MatchIndex index(pool);
  AssignOptions options;
  options.waiting_weight = 0;  // totals then compare directly (up to the 2^-32 rounding of weights)
  const auto max = assign_round(index, options);
  options.mode = AssignMode::coverage;
  const auto coverage = assign_round(index, options);
  options.mode = AssignMode::stable;
  const auto stable = assign_round(index, options);
  CHECK(max.matched > 0);
  CHECK(coverage.matched >= max.matched);
  CHECK(coverage.matched >= stable.matched);
  CHECK(stable.blocking_pairs == 0);
  CHECK(max.total + 1e-6 >= stable.total);
  CHECK(max.total + 1e-6 >= coverage.total);
  // Each person's top candidates: a subgraph, so never a better total.
  options.mode = AssignMode::max;
  options.candidates_per_person = 5;
  const auto top = assign_round(index, options);
  CHECK(top.candidate_edges <= max.candidate_edges);
  options.candidates_per_person = 10000;  // as many as there are: the whole graph
  const auto all = assign_round(index, options);
  CHECK(all.candidate_edges == max.candidate_edges);
  CHECK(all.total == max.total);
  CHECK(pairs_of(pool, all) == pairs_of(pool, max));
}

TEST_CASE("core::assign_round top candidates carry their scores: the whole graph equals all pairs in every round") {
  // With K above everyone's number of candidates, the top-K graph is the whole
  // graph: its scores (taken from the lists, or recomputed in a Work round)
  // must give the same pairs and totals, bit for bit, as scoring every pair.
  const Pool pool = demo_pool(500, 8);
  const MatchIndex index(pool);
  for (std::optional<Pillar> pillar :
       {std::optional<Pillar>(), std::optional<Pillar>(Pillar::work), std::optional<Pillar>(Pillar::culture)}) {
    CAPTURE(pillar.has_value() ? to_string(*pillar) : "none");
    AssignOptions options;
    options.pillar = pillar;
    const auto all = assign_round(index, options);
    options.candidates_per_person = 10000;
    options.threads = 2;
    const auto top = assign_round(index, options);
    CHECK(top.candidate_edges == all.candidate_edges);
    CHECK(top.total == all.total);
    CHECK(pairs_of(pool, top) == pairs_of(pool, all));
    REQUIRE(top.pairs.size() == all.pairs.size());
    for (std::size_t i = 0; i < top.pairs.size(); ++i) CHECK(top.pairs[i].score == all.pairs[i].score);
    CHECK(all.matched > 0);
  }
}

TEST_CASE("core::assign_round builds the top-k graph rows the same on any number of threads") {
  // The rows are built in ranges, one a thread: pairs, scores, totals, the
  // graph's size and every unmatched person's reason and counts must not
  // depend on the number of threads, with forbidden and forced pairs and in a
  // Work round; and the exclusion counts of those without any candidate.
  for (unsigned seed : {4u, 11u}) {
    const Pool pool = demo_pool(700, seed);
    const MatchIndex index(pool);
    AssignOptions base;
    base.candidates_per_person = 4;
    const auto first = assign_round(index, base);
    REQUIRE(first.pairs.size() > 10);
    for (std::size_t i = 0; i < first.pairs.size(); i += 7)
      base.forbidden.push_back({pool.profiles[first.pairs[i].newcomer].id, pool.profiles[first.pairs[i].local].id, "f"});
    base.forced.push_back({pool.profiles[first.pairs[1].newcomer].id, pool.profiles[first.pairs[1].local].id, "g"});
    base.waiting_weight = 0.3;
    for (std::size_t k : {std::size_t(3), std::size_t(12)})
      for (std::optional<Pillar> pillar : {std::optional<Pillar>(), std::optional<Pillar>(Pillar::work)})
        for (AssignMode mode : {AssignMode::max, AssignMode::coverage, AssignMode::stable}) {
          CAPTURE(seed);
          CAPTURE(k);
          CAPTURE(to_string(mode));
          AssignOptions options = base;
          options.candidates_per_person = k;
          options.pillar = pillar;
          options.mode = mode;
          options.threads = 1;
          const auto serial = assign_round(index, options);
          for (unsigned threads : {2u, 3u}) {
            CAPTURE(threads);
            options.threads = threads;
            const auto parallel = assign_round(index, options);
            CHECK(parallel.candidate_edges == serial.candidate_edges);
            CHECK(parallel.total == serial.total);
            CHECK(parallel.blocking_pairs == serial.blocking_pairs);
            REQUIRE(parallel.pairs.size() == serial.pairs.size());
            for (std::size_t i = 0; i < serial.pairs.size(); ++i) {
              CHECK(parallel.pairs[i].newcomer == serial.pairs[i].newcomer);
              CHECK(parallel.pairs[i].local == serial.pairs[i].local);
              CHECK(parallel.pairs[i].score == serial.pairs[i].score);
              CHECK(parallel.pairs[i].forced == serial.pairs[i].forced);
            }
            REQUIRE(parallel.unmatched.size() == serial.unmatched.size());
            for (std::size_t i = 0; i < serial.unmatched.size(); ++i) {
              CHECK(parallel.unmatched[i].person == serial.unmatched[i].person);
              CHECK(parallel.unmatched[i].reason == serial.unmatched[i].reason);
              CHECK(parallel.unmatched[i].candidates == serial.unmatched[i].candidates);
              CHECK(parallel.unmatched[i].forbidden == serial.unmatched[i].forbidden);
              CHECK(parallel.unmatched[i].excluded_by == serial.unmatched[i].excluded_by);
              CHECK(parallel.unmatched[i].excluded_by_round_pillar == serial.unmatched[i].excluded_by_round_pillar);
              CHECK(parallel.unmatched[i].other_role_count == serial.unmatched[i].other_role_count);
            }
            // Enough people without any candidate for their exclusion counts to be split over the threads.
            CHECK(std::count_if(serial.unmatched.begin(), serial.unmatched.end(), [](const UnmatchedPerson& person) {
                    return person.reason == UnmatchedReason::no_admissible_candidate;
                  }) >= 4);
          }
        }
  }
}

TEST_CASE("core::assign_round with language practice stays exactly optimal against a textbook Hungarian") {
  // A demo pool in which about three in ten locals welcome beginners. The
  // reference takes every admissible pair from the explanation's languages
  // (language by language, not the index's bitsets) and the model's scores,
  // and solves the dense problem with the Hungarian method.
  const Pool pool = demo_pool(240, 21);
  const MatchIndex index(pool);
  const ScoringModel& model = index.model();
  std::vector<std::size_t> newcomers, places;  // places: one column per unit of a local's capacity
  for (std::size_t i = 0; i < pool.profiles.size(); ++i) {
    const Profile& p = pool.profiles[i];
    if (p.role == Role::newcomer)
      newcomers.push_back(i);
    else
      for (int c = 0; c < p.capacity; ++c) places.push_back(i);
  }
  const std::int64_t never = std::int64_t(1) << 55;
  std::size_t practice_only = 0;
  std::vector<std::vector<std::int64_t>> cost(newcomers.size(),
                                              std::vector<std::int64_t>(places.size() + newcomers.size(), never));
  for (std::size_t r = 0; r < newcomers.size(); ++r) {
    const Profile& n = pool.profiles[newcomers[r]];
    for (std::size_t c = 0; c < places.size(); ++c) {
      const Profile& l = pool.profiles[places[c]];
      const auto e = model.explain(n, l, pool.reference_year);
      const bool talk = !e.shared_languages.empty();
      const bool practice = talk && std::all_of(e.shared_languages.begin(), e.shared_languages.end(),
                                                [](const SharedLanguage& s) { return s.practice; });
      const auto cn = model.compact(n), cl = model.compact(l);
      const double d = distance_km(cn, cl);
      const bool reach = d <= n.max_distance_km && d <= l.max_distance_km &&
                         (n.gender_preference.empty() || (l.gender && n.gender_preference.contains(*l.gender))) &&
                         (l.gender_preference.empty() || (n.gender && l.gender_preference.contains(*n.gender))) &&
                         !n.pillars.intersect(l.pillars).empty();
      if (!talk || !reach) continue;
      practice_only += practice && (c == 0 || places[c - 1] != places[c]);  // once a pair
      cost[r][c] = -to_weight(model.score(cn, cl, d));
    }
    cost[r][places.size() + r] = 0;  // unmatched
  }
  REQUIRE(practice_only > 0);  // pairs that only language practice makes admissible
  const auto column =
      blendin::test::hungarian_min_cost(cost.size(), cost[0].size(), [&](std::size_t i, std::size_t j) { return cost[i][j]; });
  std::int64_t best = 0;
  for (std::size_t r = 0; r < column.size(); ++r) best -= cost[r][std::size_t(column[r])];

  AssignOptions options;
  options.waiting_weight = 0;
  const auto round = assign_round(index, options);
  std::int64_t ours = 0;
  std::size_t practising = 0;
  for (const auto& pair : round.pairs) {
    const Profile& n = pool.profiles[pair.newcomer];
    const Profile& l = pool.profiles[pair.local];
    ours += to_weight(pair.score);
    const auto e = model.explain(n, l, pool.reference_year);
    practising +=
        std::all_of(e.shared_languages.begin(), e.shared_languages.end(), [](const SharedLanguage& s) { return s.practice; });
  }
  CHECK(ours == best);
  CHECK(practising > 0);  // the optimum uses practice pairs
}
