// The one error model (core/problem.hpp): how each kind of place reads.
#include <doctest/doctest.h>

#include <blendin/core/problem.hpp>

using namespace blendin::core;

TEST_CASE("core::Problem names its place as a compiler would") {
  SUBCASE("a place in a file: line and column, then the field if any, then the byte if known") {
    CHECK(Problem{.message = "duplicate key", .file = "a.md", .line = 6, .column = 1}.to_string() == "a.md:6:1: duplicate key");
    CHECK(Problem{.message = "no such profile", .file = "force.csv", .line = 2}.to_string() == "force.csv:2: no such profile");
    CHECK(Problem{.subject = "(pool)",
                  .field = "",
                  .message = "JSON syntax: x",
                  .file = "pool.json",
                  .line = 3,
                  .column = 17,
                  .byte = 52}
              .to_string() == "pool.json:3:17: JSON syntax: x (byte 52)");
    CHECK(Problem{.subject = "(pool)", .field = "version", .message = "m", .file = "", .line = 1, .column = 2, .byte = 1}
              .to_string() == "pool:1:2: version: m (byte 1)");
  }
  SUBCASE("a profile's field, in a file or not") {
    const Problem lat{"p0001", "lat", "outside the Netherlands"};
    CHECK(lat.to_string() == "profile \"p0001\": lat: outside the Netherlands");
    Problem named = lat;
    named.file = "pool.json";
    CHECK(named.to_string() == "pool.json: profile \"p0001\": lat: outside the Netherlands");
    CHECK(Problem{"#3", "", "expected a profile object"}.to_string() == "profile \"#3\": expected a profile object");
    CHECK(Problem{"(weights)", "age", "too large"}.to_string() == "weights: age: too large");
    CHECK(Problem{"(request)", "", "expected an object"}.to_string() == "request: expected an object");
  }
  SUBCASE("an option, and a whole file") {
    CHECK(Problem{.field = "--max-distance", .message = "expected a number"}.to_string() == "--max-distance: expected a number");
    CHECK(Problem{.message = "unknown option --x"}.to_string() == "unknown option --x");
    CHECK(Problem{.message = "cannot read: gone", .file = "p.json"}.to_string() == "p.json: cannot read: gone");
  }
}

TEST_CASE("core::Refused carries every problem and says the first") {
  const Refused refused({Problem{.message = "first", .file = "a"}, Problem{.message = "second", .file = "b"}});
  CHECK(refused.problems().size() == 2);
  CHECK(std::string(refused.what()) == "a: first");
  CHECK(refused.kind() == Refused::Kind::input);
  CHECK(Refused(Problem{.message = "bad"}, Refused::Kind::usage).kind() == Refused::Kind::usage);
}
