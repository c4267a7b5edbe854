#include <blendin/core/assign.hpp>
#include <blendin/core/csv.hpp>
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>

#include <doctest/doctest.h>
#include <boost/json/parse.hpp>

#include <numeric>
#include <string>
#include <vector>

#include "core_fixtures.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::pool_of;

namespace {

std::string joined(const std::vector<std::string>& pieces) {
  return std::accumulate(pieces.begin(), pieces.end(), std::string());
}

}  // namespace

TEST_CASE("core::wire a round is written with the same bytes on one thread and on several") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto pool = make_demo_pool({3000, 17, 2026}, taxonomy, {0, 1, 2});
  const MatchIndex index(pool);
  AssignOptions options;
  options.candidates_per_person = 20;
  options.threads = 2;
  SUBCASE("max") {}
  SUBCASE("a Work round with coverage") {
    options.mode = AssignMode::coverage;
    options.pillar = Pillar::work;
  }
  const Assignment result = assign_round(index, options);
  REQUIRE(result.pairs.size() > 100);
  REQUIRE(result.unmatched.size() > 10);
  const std::string json = joined(wire::assignment_json(index, options, result, 1));
  const std::string pairs = joined(wire::assignment_pairs_csv(index, result, 1));
  for (unsigned threads : {2u, 3u, 8u, 64u}) {
    CAPTURE(threads);
    CHECK(joined(wire::assignment_json(index, options, result, threads)) == json);
    CHECK(joined(wire::assignment_pairs_csv(index, result, threads)) == pairs);
  }
  // One JSON document and a line end (tests/cli/test_assign.sh checks that it
  // is the compact form of what it says: Boost.JSON's own number parser can
  // be a unit in the last place off).
  REQUIRE(json.back() == '\n');
  const auto document = boost::json::parse(json);
  CHECK(document.at("pairs").as_array().size() == result.pairs.size());
  CHECK(document.at("unmatched").as_array().size() == result.unmatched.size());
  // One CSV record a pair, in the JSON's order, with its ids and score.
  const auto records = csv::read(pairs);
  REQUIRE(records.size() == result.pairs.size() + 1);
  for (std::size_t i = 0; i < result.pairs.size(); ++i) {
    const auto& cells = records[i + 1].cells;
    REQUIRE(cells.size() == 15);
    CHECK(cells[0] == pool.profiles[result.pairs[i].newcomer].id);
    CHECK(cells[1] == pool.profiles[result.pairs[i].local].id);
    CHECK(std::stod(cells[2]) == result.pairs[i].score);
  }
  const auto unmatched = csv::read(joined(wire::assignment_unmatched_csv(index, result)));
  REQUIRE(unmatched.size() == result.unmatched.size() + 1);
  for (std::size_t i = 0; i < result.unmatched.size(); ++i) {
    CHECK(unmatched[i + 1].cells.at(0) == pool.profiles[result.unmatched[i].person].id);
    CHECK(unmatched[i + 1].cells.at(5) == to_string(result.unmatched[i].reason));
    CHECK(unmatched[i + 1].cells.at(6) == wire::unmatched_message(result.unmatched[i], pool));
  }
}

TEST_CASE("core::wire a round's CSV keeps free text in its cell and never runs it as a formula") {
  auto n = newcomer("=cmd|' /c calc'!A0");
  n.display_name = "@SUM(1+1)";
  auto l = local("l, \"the\" one");
  l.display_name = "+31 6";
  auto alone = local("-alone");
  alone.lat = 53.2;  // out of everyone's reach
  const auto pool = pool_of({n, l, alone});
  const MatchIndex index(pool);
  const Assignment result = assign_round(index, {});
  REQUIRE(result.pairs.size() == 1);
  const std::string pairs = joined(wire::assignment_pairs_csv(index, result));
  CHECK(pairs.find("\r\n'=cmd|' /c calc'!A0,\"l, \"\"the\"\" one\",") != std::string::npos);
  CHECK(pairs.find(",'@SUM(1+1),'+31 6,1011,1011,0,nl (B1/B1),weekend,cooking,social,,\r\n") != std::string::npos);
  const auto records = csv::read(pairs);
  REQUIRE(records.size() == 2);
  CHECK(records[1].cells[0] == n.id);  // read back exact
  CHECK(records[1].cells[1] == l.id);
  CHECK(records[1].cells[4] == n.display_name);
  const std::string unmatched = joined(wire::assignment_unmatched_csv(index, result));
  CHECK(unmatched.find("\r\n'-alone,local,Sam,1011,0,no_admissible_candidate,no admissible candidate among 1 newcomers; "
                       "the distance constraint excluded most (1),0,0,0,1,0,0,0\r\n") != std::string::npos);
}

TEST_CASE("core::wire an empty round is a document without pairs and CSV files of their headers") {
  const auto pool = pool_of({});
  const MatchIndex index(pool);
  const AssignOptions options;
  const Assignment result = assign_round(index, options);
  CHECK(joined(wire::assignment_json(index, options, result, 4)) ==
        "{\"mode\":\"max\",\"pairs\":[],\"total\":0,\"matched\":0,\"newcomers\":0,\"locals\":0,\"blocking_pairs\":0,"
        "\"candidate_graph\":{\"pairs\":0,\"candidates_per_person\":\"all\"},\"unmatched\":[]}\n");
  CHECK(joined(wire::assignment_pairs_csv(index, result, 4)) ==
        "newcomer_id,local_id,score,forced,newcomer_name,local_name,newcomer_postcode_area,local_postcode_area,"
        "distance_km,shared_languages,shared_availability,shared_interests,shared_pillars,shared_sectors,occupation_fit\r\n");
  CHECK(csv::read(joined(wire::assignment_unmatched_csv(index, result))).size() == 1);
}

TEST_CASE("core::parse_pair_rules reads a round's pairs CSV as the next round's forbidden pairs") {
  Taxonomy taxonomy = blendin::test::small_taxonomy();
  const auto pool = make_demo_pool({800, 3, 2026}, taxonomy, {0, 1, 2});
  const MatchIndex index(pool);
  AssignOptions options;
  const Assignment first = assign_round(index, options);
  REQUIRE(first.pairs.size() > 50);
  options.forbidden = parse_pair_rules(joined(wire::assignment_pairs_csv(index, first)), "pairs.csv");
  REQUIRE(options.forbidden.size() == first.pairs.size());
  const Assignment next = assign_round(index, options);
  std::size_t again = 0;
  for (const auto& a : first.pairs)
    for (const auto& b : next.pairs) again += a.newcomer == b.newcomer && a.local == b.local;
  CHECK(again == 0);
  CHECK(next.pairs.size() > 0);
  try {
    parse_pair_rules("newcomer_id,local_id,score\nn1,l1,0.5\nn2,l2\n", "pairs.csv");
    FAIL("expected Refused");
  } catch (const Refused& error) {
    REQUIRE(error.problems().size() == 1);
    CHECK(error.problems()[0].to_string() == "pairs.csv:3: expected 3 cells as in the header, got \"n2,l2\"");
  }
}
