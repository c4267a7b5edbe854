// blendin demo-data, match top, match events: the matching core on files.
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/events.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>

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

// The person a command is about: `--profile ID` (a pool member) or
// `--profile-file FILE` (a profile in the wire format, as the explorer's
// questionnaire makes one, checked against the pool).
core::Profile person_of(const Options& options, const core::MatchIndex& index, const std::string& pool_path) {
  const auto id = options.get("--profile");
  const auto file = options.get("--profile-file");
  if (id.has_value() == file.has_value())
    refuse_usage(id ? "--profile and --profile-file: expected one of them, not both"
                    : "missing required option --profile or --profile-file");
  if (file) return read_document(*file, [&](std::string_view text) { return core::wire::parse_profile(text, index.pool()); });
  if (const auto found = index.find(*id)) return index.pool().profiles[*found];
  refuse_option("--profile", core::quoted(*id) + ": no such profile in " + pool_path);
}

// top_k's filters from the options, each checked against the range the wire format states.
core::MatchFilters filters_of(const Options& options) {
  core::MatchFilters filters;
  if (auto pillar = options.get("--pillar")) {
    filters.pillar = core::parse_pillar(*pillar);
    if (!filters.pillar) refuse_option("--pillar", "expected one of social, culture, work, got " + core::quoted(*pillar));
  }
  filters.max_distance_km = options.number("--max-distance", 0, core::max_distance_km_limit);
  filters.min_score = options.number("--min-score", 0, 1).value_or(filters.min_score);
  filters.same_meeting_style = options.has("--same-meeting-style");
  const auto age = [&](const char* name) -> std::optional<int> {
    if (!options.has(name)) return std::nullopt;
    return int(options.integer(name, 0, core::age_range.min, core::age_range.max));
  };
  filters.min_age = age("--min-age");
  filters.max_age = age("--max-age");
  if (filters.min_age && filters.max_age && *filters.min_age > *filters.max_age)
    refuse_option("--max-age", std::to_string(*filters.max_age) + ": expected an age from --min-age (" +
                                   std::to_string(*filters.min_age) + ") up");
  filters.language = options.get("--language");
  if (filters.language && !core::language_index(*filters.language))
    refuse_option("--language", core::unknown_language_code(*filters.language));
  return filters;
}

}  // namespace

int run_demo_data(Args args) {
  Options options(args, {"--profiles", "--seed", "--year", "--content", "--newcomer-share"});
  core::DemoPoolOptions demo;
  demo.profiles = std::size_t(options.integer("--profiles", static_cast<long long>(demo.profiles), 0, 10'000'000));
  demo.newcomer_share = options.fraction("--newcomer-share", demo.newcomer_share);
  demo.seed = std::uint64_t(options.integer("--seed", static_cast<long long>(demo.seed), 0, (1LL << 62)));
  demo.reference_year =
      int(options.integer("--year", demo.reference_year, core::reference_year_range.min, core::reference_year_range.max));
  const auto loaded = load_taxonomy(find_content_dir(options.get("--content").value_or("")));
  const core::Pool pool = core::make_demo_pool(demo, loaded.taxonomy, loaded.occupation_sectors);
  std::string text = core::wire::serialize(core::wire::to_json(pool));
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

int run_match_top(Args args) {
  Options options(args,
                  {"--pool", "--profile", "--profile-file", "-k", "--pillar", "--max-distance", "--min-score", "--min-age",
                   "--max-age", "--language"},
                  {"--same-meeting-style"});
  const std::string path = options.require("--pool");
  const core::MatchFilters filters = filters_of(options);
  const auto k = std::size_t(options.integer("-k", core::default_matches, core::answers_range.min, core::answers_range.max));
  const core::Pool pool = read_pool(path);
  const core::MatchIndex index(pool);
  const auto person = person_of(options, index, path);
  // The matches as the wire format writes them: the core's scores, bit for bit.
  boost::json::array list;
  for (const auto& match : index.top_k(person, k, filters)) list.push_back(core::wire::to_json(match, person, index));
  std::cout << core::wire::serialize(list) << '\n';
  // Nobody: why, and what would change it, beside the (still valid) JSON.
  if (list.empty() && k > 0)
    std::cerr << "blendin match top: "
              << core::wire::reach_message(index.count_exclusions(person, filters), person.role, index.what_if(person, filters))
              << '\n';
  return 0;
}

int run_match_events(Args args) {
  Options options(args, {"--pool", "--events", "--profile", "--profile-file", "-k", "--now"});
  const std::string pool_path = options.require("--pool");
  const std::string events_path = options.require("--events");
  const core::Pool pool = read_pool(pool_path);
  const auto events = read_document(events_path, [](std::string_view text) { return core::wire::parse_events(text); });
  const core::MatchIndex index(pool);
  const auto person = person_of(options, index, pool_path);
  const std::string now_text = options.require("--now");
  const auto now = core::parse_utc_timestamp(now_text);
  if (!now) refuse_option("--now", "expected an ISO 8601 time such as 2026-11-28T12:00:00Z, got " + core::quoted(now_text));
  boost::json::array list;
  for (const auto& suggestion : core::suggest_events(
           person, events, pool.taxonomy,
           std::size_t(options.integer("-k", core::default_event_suggestions, core::answers_range.min, core::answers_range.max)),
           *now))
    list.push_back(core::wire::to_json(suggestion, events));
  std::cout << core::wire::serialize(list) << '\n';
  return 0;
}

}  // namespace blendin::cli
