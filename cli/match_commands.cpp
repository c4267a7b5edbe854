// blendin demo-data, match top, match events: the matching core on files.
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/events.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "data_files.hpp"
#include "options.hpp"

namespace blendin::cli {

namespace {

// Prints every problem of a refused document, one a line, and returns the exit code.
int report(const core::wire::WireError& error, const std::string& path) {
  for (const auto& problem : error.errors()) std::fprintf(stderr, "%s\n", problem.to_string(path).c_str());
  return 1;
}

}  // namespace

int run_demo_data(Args args) {
  Options options(args, {"--profiles", "--seed", "--year", "--content", "--newcomer-share"});
  core::DemoPoolOptions demo;
  demo.profiles = std::size_t(options.integer("--profiles", 1000, 0, 10'000'000));
  demo.newcomer_share = options.fraction("--newcomer-share", demo.newcomer_share);
  demo.seed = std::uint64_t(options.integer("--seed", 1, 0, (1LL << 62)));
  demo.reference_year = int(options.integer("--year", 2026, core::reference_year_range.min, core::reference_year_range.max));
  const auto loaded = load_taxonomy(find_content_dir(options.get("--content").value_or("")));
  const core::Pool pool = core::make_demo_pool(demo, loaded.taxonomy, loaded.occupation_sectors);
  std::string text = core::wire::serialize(core::wire::to_json(pool));
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

int run_match_top(Args args) {
  Options options(args, {"--pool", "--profile", "-k", "--pillar", "--max-distance", "--min-score"}, {"--same-meeting-style"});
  const std::string path = options.require("--pool");
  const std::string id = options.require("--profile");
  core::Pool pool;
  try {
    pool = core::wire::parse_pool(read_file(path));
  } catch (const core::wire::WireError& error) {
    return report(error, path);
  }
  const core::MatchIndex index(pool);
  const auto person = index.find(id);
  if (!person) {
    std::fprintf(stderr, "blendin match top: no profile %s in %s\n", core::quoted(id).c_str(), path.c_str());
    return 1;
  }
  core::MatchFilters filters;
  if (auto pillar = options.get("--pillar")) {
    filters.pillar = core::parse_pillar(*pillar);
    if (!filters.pillar) throw std::runtime_error("--pillar: expected one of social, culture, work, got " + core::quoted(*pillar));
  }
  filters.max_distance_km = options.number("--max-distance", 0, 1000);
  filters.min_score = options.number("--min-score", 0, 1).value_or(filters.min_score);
  filters.same_meeting_style = options.has("--same-meeting-style");
  const auto k = std::size_t(options.integer("-k", 10, 0, 1000));

  const auto& profile = pool.profiles[*person];
  boost::json::array list;
  for (const auto& match : index.top_k(profile, k, filters)) list.push_back(core::wire::to_json(match, profile, index));
  std::cout << core::wire::serialize(list) << '\n';
  return 0;
}

int run_match_events(Args args) {
  Options options(args, {"--pool", "--events", "--profile", "-k", "--now"});
  const std::string pool_path = options.require("--pool");
  const std::string events_path = options.require("--events");
  core::Pool pool;
  std::vector<core::EventInfo> events;
  try {
    pool = core::wire::parse_pool(read_file(pool_path));
  } catch (const core::wire::WireError& error) {
    return report(error, pool_path);
  }
  try {
    events = core::wire::parse_events(read_file(events_path));
  } catch (const core::wire::WireError& error) {
    return report(error, events_path);
  }
  const core::MatchIndex index(pool);
  const std::string id = options.require("--profile");
  const auto person = index.find(id);
  if (!person) {
    std::fprintf(stderr, "blendin match events: no profile %s in %s\n", core::quoted(id).c_str(), pool_path.c_str());
    return 1;
  }
  const std::string now_text = options.require("--now");
  const auto now = core::parse_utc_timestamp(now_text);
  if (!now) throw std::runtime_error("--now: expected an ISO 8601 time such as 2026-11-28T12:00:00Z, got " + core::quoted(now_text));
  boost::json::array list;
  for (const auto& suggestion : core::suggest_events(pool.profiles[*person], events, pool.taxonomy,
                                                     std::size_t(options.integer("-k", 5, 0, 1000)), *now))
    list.push_back(core::wire::to_json(suggestion, events));
  std::cout << core::wire::serialize(list) << '\n';
  return 0;
}

}  // namespace blendin::cli
