#include <blendin/core/parallel.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

using blendin::core::run_parts;

TEST_CASE("core::run_parts runs every part once on threads or one after another") {
  for (bool threaded : {true, false}) {
    CAPTURE(threaded);
    std::vector<int> runs(5, 0);
    run_parts(runs.size(), threaded, [&](std::size_t part) { ++runs[part]; });
    CHECK(runs == std::vector<int>(5, 1));
  }
  std::vector<std::size_t> order;
  run_parts(4, false, [&](std::size_t part) { order.push_back(part); });
  CHECK(order == std::vector<std::size_t>{0, 1, 2, 3});
  int none = 0;
  run_parts(0, true, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("core::run_parts ends every part before it rethrows the lowest part's exception") {
  std::atomic<int> finished{0};
  std::string caught;
  try {
    run_parts(4, true, [&](std::size_t part) {
      if (part == 1 || part == 3) throw std::runtime_error("part " + std::to_string(part));
      ++finished;
    });
  } catch (const std::runtime_error& error) {
    caught = error.what();
  }
  CHECK(caught == "part 1");
  CHECK(finished == 2);
}
