// blendin match assign, match scores: coordinators' batch pairing on a pool
// file (core/include/blendin/core/assign.hpp; docs/assignment.md).
#include <blendin/core/assign.hpp>
#include <blendin/core/csv.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <system_error>
#include <thread>

#include "commands.hpp"
#include "data_files.hpp"
#include "heap.hpp"
#include "options.hpp"

namespace blendin::cli {

namespace {

// Writes the pieces, one after another, to --out (created or replaced) or to stdout.
void write_output(const std::optional<std::string>& out, const std::vector<std::string>& pieces) {
  if (!out || *out == "-") {
    for (const auto& text : pieces) std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::ofstream file(*out, std::ios::binary | std::ios::trunc);
  if (!file) throw std::system_error(errno, std::generic_category(), "cannot write " + *out);
  for (const auto& text : pieces) file.write(text.data(), std::streamsize(text.size()));
  file.close();  // the last buffer is written here: its failure counts too
  if (!file) throw std::system_error(errno, std::generic_category(), "cannot write " + *out);
}

}  // namespace

int run_match_assign(Args args) {
  keep_large_blocks_in_heap();
  Options options(args,
                  {"--pool", "--mode", "--capacity", "--forbid", "--force", "--pillar", "--out", "--candidates",
                   "--waiting-weight", "--format", "--unmatched-out"},
                  {"--timings"});
  options.refuse_positional();
  const std::string path = options.require("--pool");
  const std::string format = options.get("--format").value_or("json");
  if (format != "json" && format != "csv") refuse_option("--format", "expected json or csv, got " + core::quoted(format));
  if (auto unmatched_path = options.get("--unmatched-out");
      unmatched_path && (*unmatched_path == "-" || *unmatched_path == options.get("--out").value_or("-")))
    refuse_option("--unmatched-out", "expected a file of its own, not the pairs' output");
  core::AssignOptions assign;
  if (auto mode = options.get("--mode")) {
    const auto parsed = core::parse_assign_mode(*mode);
    if (!parsed) refuse_option("--mode", "expected one of max, coverage, stable, got " + core::quoted(*mode));
    assign.mode = *parsed;
  }
  if (options.has("--capacity"))
    assign.capacity = int(options.integer("--capacity", 1, core::capacity_range.min, core::capacity_range.max));
  if (auto pillar = options.get("--pillar")) {
    assign.pillar = core::parse_pillar(*pillar);
    if (!assign.pillar) refuse_option("--pillar", "expected one of social, culture, work, got " + core::quoted(*pillar));
  }
  assign.waiting_weight = options.fraction("--waiting-weight", assign.waiting_weight);
  // Rule files are read and checked for form before the (larger) pool.
  if (auto file = options.get("--forbid")) assign.forbidden = core::parse_pair_rules(generator::read_file(*file), *file);
  if (auto file = options.get("--force")) assign.forced = core::parse_pair_rules(generator::read_file(*file), *file);
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); };
  auto stage = Clock::now();
  const core::Pool pool = read_pool(path);
  const double load_seconds = seconds_since(stage);
  stage = Clock::now();
  assign.threads = std::max(1u, std::thread::hardware_concurrency());
  assign.candidates_per_person = std::size_t(
      options.integer("--candidates", (long long)core::default_candidates_per_person(pool.profiles.size()), 0, 10'000));
  double stage_seconds[3] = {};  // the round's stages, for --timings
  assign.stage_done = [&](core::RoundStage done) {
    stage_seconds[int(done)] = seconds_since(stage);
    stage = Clock::now();
  };

  const core::MatchIndex index(pool);
  const double index_seconds = seconds_since(stage);
  stage = Clock::now();
  const core::Assignment result = core::assign_round(index, assign);

  // The round written by the core (wire_assignment.hpp): the same bytes as the
  // explorer's downloads of the same round.
  stage = Clock::now();
  const unsigned threads = assign.threads;
  write_output(options.get("--out"), format == "csv" ? core::wire::assignment_pairs_csv(index, result, threads)
                                                     : core::wire::assignment_json(index, assign, result, threads));
  if (auto unmatched_path = options.get("--unmatched-out"))
    write_output(unmatched_path, core::wire::assignment_unmatched_csv(index, result));
  if (options.has("--timings"))
    std::fprintf(stderr,
                 "load pool %.3f s, index %.3f s, candidate graph %.3f s (%zu pairs), solve %.3f s, reasons %.3f s, "
                 "output %.3f s\n",
                 load_seconds, index_seconds, stage_seconds[0], result.candidate_edges, stage_seconds[1], stage_seconds[2],
                 seconds_since(stage));
  return 0;
}

int run_match_scores(Args args) {
  Options options(args, {"--pool", "--out"});
  options.refuse_positional();
  const std::string path = options.require("--pool");
  const core::Pool pool = read_pool(path);
  const core::MatchIndex index(pool);
  // Newcomers by id, each one's locals by id.
  std::vector<std::size_t> newcomers;
  for (std::size_t p = 0; p < pool.profiles.size(); ++p)
    if (pool.profiles[p].role == core::Role::newcomer) newcomers.push_back(p);
  const auto by_id = [&](std::size_t a, std::size_t b) { return pool.profiles[a].id < pool.profiles[b].id; };
  std::sort(newcomers.begin(), newcomers.end(), by_id);
  // Streamed a newcomer at a time: a large pool has tens of millions of pairs.
  const auto out_path = options.get("--out");
  std::FILE* out = stdout;
  if (out_path && *out_path != "-") {
    out = std::fopen(out_path->c_str(), "wb");
    if (!out) throw std::system_error(errno, std::generic_category(), "cannot write " + *out_path);
  }
  // CSV (core/csv.hpp): ids are free text, written as text cells; scores are numbers.
  std::string text = "newcomer_id,local_id,score";
  text += core::csv::record_end;
  bool written = true;
  for (std::size_t n : newcomers) {
    auto candidates = index.admissible_candidates(n);
    std::sort(candidates.begin(), candidates.end(),
              [&](const core::Match& a, const core::Match& b) { return by_id(a.index, b.index); });
    for (const auto& match : candidates) {
      core::csv::append_text(text, pool.profiles[n].id);
      text += ',';
      core::csv::append_text(text, pool.profiles[match.index].id);
      text += ',';
      core::wire::append_json(text, match.score);
      text += core::csv::record_end;
    }
    if (text.size() > (1u << 20)) {
      written = written && std::fwrite(text.data(), 1, text.size(), out) == text.size();
      text.clear();
    }
  }
  written = written && std::fwrite(text.data(), 1, text.size(), out) == text.size();
  written = (out == stdout ? std::fflush(out) : std::fclose(out)) == 0 && written;
  if (!written) throw std::system_error(errno, std::generic_category(), "cannot write " + out_path.value_or("stdout"));
  return 0;
}

}  // namespace blendin::cli
