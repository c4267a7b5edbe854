// blendin match assign, match scores: coordinators' batch pairing on a pool
// file (core/include/blendin/core/assign.hpp; docs/assignment.md).
#include <blendin/core/assign.hpp>
#include <blendin/core/csv.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <fstream>
#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "commands.hpp"
#include "data_files.hpp"
#include "options.hpp"

namespace blendin::cli {

namespace {

// Pools above this size get each person's top candidates instead of every admissible pair.
constexpr std::size_t all_pairs_pool_limit = 20'000;
constexpr std::size_t default_top_candidates = 50;

int report(const core::wire::WireError& error, const std::string& path) {
  for (const auto& problem : error.errors()) std::fprintf(stderr, "%s\n", problem.to_string(path).c_str());
  return 1;
}

int report(const core::AssignError& error) {
  for (const auto& problem : error.problems()) std::fprintf(stderr, "%s\n", problem.c_str());
  return 1;
}

// Writes the pieces, one after another, to --out (created or replaced) or to stdout.
void write_output(const std::optional<std::string>& out, const std::vector<std::string>& pieces) {
  if (!out || *out == "-") {
    for (const auto& text : pieces) std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::ofstream file(*out, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error(*out + ": cannot open for writing");
  for (const auto& text : pieces) file.write(text.data(), std::streamsize(text.size()));
  file.close();  // the last buffer is written here: its failure counts too
  if (!file) throw std::runtime_error(*out + ": write failed");
}

std::string describe(const core::UnmatchedPerson& person, const core::Profile& profile) {
  const bool newcomer = profile.role == core::Role::newcomer;
  const std::string others = newcomer ? "locals" : "newcomers";
  const std::string count = std::to_string(person.candidates);
  switch (person.reason) {
    case core::UnmatchedReason::no_admissible_candidate: {
      std::size_t most = 0;
      for (std::size_t c = 1; c < person.excluded_by.size(); ++c)
        if (person.excluded_by[c] > person.excluded_by[most]) most = c;
      std::string text = "no admissible candidate among " + std::to_string(person.other_role_count) + " " + others;
      if (person.excluded_by_round_pillar > person.excluded_by[most])
        return text + "; the round's pillar excluded most (" + std::to_string(person.excluded_by_round_pillar) + ")";
      if (person.excluded_by[most] == 0) return text;
      return text + "; the " + core::to_string(core::Constraint(most)) + " constraint excluded most (" +
             std::to_string(person.excluded_by[most]) + ")";
    }
    case core::UnmatchedReason::all_candidates_forbidden:
      return "all " + count + " admissible " + others + " are forbidden pairs";
    case core::UnmatchedReason::capacity_exhausted:
      return "capacity exhausted: all " + std::to_string(person.candidates - person.forbidden) +
             " admissible locals are taken";
    case core::UnmatchedReason::candidates_matched_elsewhere:
      return "all " + std::to_string(person.candidates - person.forbidden) +
             " admissible newcomers are paired with other locals";
    case core::UnmatchedReason::not_chosen:
      return "a free admissible candidate exists, but pairing would not raise the round's total";
  }
  return "";
}

boost::json::object to_json(const core::UnmatchedPerson& person, const core::Pool& pool) {
  const auto& profile = pool.profiles[person.person];
  boost::json::object out;
  out["id"] = profile.id;
  out["role"] = core::to_string(profile.role);
  out["reason"] = core::to_string(person.reason);
  out["message"] = describe(person, profile);
  out["candidates"] = person.candidates;
  if (person.forbidden) out["forbidden"] = person.forbidden;
  if (person.reason == core::UnmatchedReason::no_admissible_candidate) {
    boost::json::object excluded;
    for (int c = 1; c < core::constraint_count; ++c)  // role: people of the other role only
      excluded[core::to_string(core::Constraint(c))] = person.excluded_by[std::size_t(c)];
    excluded["round_pillar"] = person.excluded_by_round_pillar;
    out["excluded_by"] = std::move(excluded);
  }
  return out;
}

core::Pool load_pool(const std::string& path, int& exit_code) {
  try {
    return core::wire::parse_pool(read_file(path));
  } catch (const core::wire::WireError& error) {
    exit_code = report(error, path);
    return {};
  }
}

}  // namespace

int run_match_assign(Args args) {
#if defined(__GLIBC__)
  // A round allocates and frees hundreds of megabytes in large blocks. glibc
  // maps each large block on its own and unmaps it when it is freed, so the
  // next one faults fresh zeroed pages in again; kept in the heap instead,
  // freed blocks are reused. On the 50,000 x 50,000 demo pool, with the pool
  // read from parser events: about 0.1 s less of the kernel's time, 7 MB more
  // at the peak (docs/assignment.md).
  mallopt(M_MMAP_MAX, 0);
#endif
  Options options(args, {"--pool", "--mode", "--capacity", "--forbid", "--force", "--pillar", "--out", "--candidates",
                         "--waiting-weight"},
                  {"--timings"});
  if (!options.positional().empty()) throw std::runtime_error("unexpected argument " + core::quoted(options.positional().front()));
  const std::string path = options.require("--pool");
  core::AssignOptions assign;
  if (auto mode = options.get("--mode")) {
    const auto parsed = core::parse_assign_mode(*mode);
    if (!parsed) throw std::runtime_error("--mode: expected one of max, coverage, stable, got " + core::quoted(*mode));
    assign.mode = *parsed;
  }
  if (options.has("--capacity"))
    assign.capacity = int(options.integer("--capacity", 1, core::capacity_range.min, core::capacity_range.max));
  if (auto pillar = options.get("--pillar")) {
    assign.pillar = core::parse_pillar(*pillar);
    if (!assign.pillar) throw std::runtime_error("--pillar: expected one of social, culture, work, got " + core::quoted(*pillar));
  }
  assign.waiting_weight = options.fraction("--waiting-weight", assign.waiting_weight);
  // Rule files are read and checked for form before the (larger) pool.
  try {
    if (auto file = options.get("--forbid")) assign.forbidden = core::parse_pair_rules(read_file(*file), *file);
    if (auto file = options.get("--force")) assign.forced = core::parse_pair_rules(read_file(*file), *file);
  } catch (const core::AssignError& error) {
    return report(error);
  }
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  auto stage = Clock::now();
  int exit_code = 0;
  const core::Pool pool = load_pool(path, exit_code);
  if (exit_code) return exit_code;
  const double load_seconds = seconds_since(stage);
  stage = Clock::now();
  assign.threads = std::max(1u, std::thread::hardware_concurrency());
  assign.candidates_per_person = std::size_t(options.integer(
      "--candidates", pool.profiles.size() > all_pairs_pool_limit ? long(default_top_candidates) : 0, 0, 10'000));

  const core::MatchIndex index(pool);
  const double index_seconds = seconds_since(stage);
  core::Assignment result;
  try {
    result = core::assign_round(index, assign);
  } catch (const core::AssignError& error) {
    return report(error);
  }

  // Written field by field (the same bytes as serialising one JSON object):
  // tens of thousands of explained pairs are too many to build as JSON values
  // first. The pairs and the unmatched are written in chunks, in order, one a
  // thread, and the pieces written one after another.
  stage = Clock::now();
  std::vector<std::string> pieces;
  std::string text = "{\"mode\":";
  core::wire::append_json(text, std::string_view(core::to_string(assign.mode)));
  if (assign.pillar) {
    text += ",\"pillar\":";
    core::wire::append_json(text, std::string_view(core::to_string(*assign.pillar)));
  }
  text += ",\"pairs\":[";
  pieces.push_back(std::move(text));
  const std::size_t chunks = std::min<std::size_t>(assign.threads, 8);  // the same bytes on any number
  std::vector<std::string> pair_text(chunks), unmatched_text(chunks);
  auto write_chunk = [&](std::size_t t) {
    std::string& out = pair_text[t];
    const std::size_t first = result.pairs.size() * t / chunks, last = result.pairs.size() * (t + 1) / chunks;
    for (std::size_t i = first; i < last; ++i) {
      const auto& pair = result.pairs[i];
      out += i ? ",{\"newcomer_id\":" : "{\"newcomer_id\":";
      core::wire::append_json(out, std::string_view(pool.profiles[pair.newcomer].id));
      out += ",\"local_id\":";
      core::wire::append_json(out, std::string_view(pool.profiles[pair.local].id));
      out += ",\"score\":";
      core::wire::append_json(out, pair.score);
      if (pair.forced) out += ",\"forced\":true";
      out += ",\"explanation\":";
      core::wire::append_json(out, index.model().explain(pool.profiles[pair.newcomer], pool.profiles[pair.local],
                                                        index.compact(pair.newcomer), index.compact(pair.local),
                                                        pool.reference_year));
      out += '}';
      // Room for the chunk, guessed from its first pair: growing a string of
      // tens of megabytes by doubling copies it and touches fresh pages again.
      if (i == first) out.reserve(out.size() * (last - first) * 5 / 4);
    }
    std::string& rest = unmatched_text[t];
    const std::size_t from = result.unmatched.size() * t / chunks, to = result.unmatched.size() * (t + 1) / chunks;
    for (std::size_t i = from; i < to; ++i) {
      if (i) rest += ',';
      core::wire::append_json(rest, boost::json::value(to_json(result.unmatched[i], pool)));
    }
  };
  core::run_parts(chunks, true, write_chunk);
  for (auto& chunk : pair_text) pieces.push_back(std::move(chunk));
  text = "],\"total\":";
  core::wire::append_json(text, result.total);
  boost::json::object rest;
  rest["matched"] = result.matched;
  rest["newcomers"] = result.newcomers;
  rest["locals"] = result.locals;
  rest["blocking_pairs"] = result.blocking_pairs;
  boost::json::object graph;
  graph["pairs"] = result.candidate_edges;
  if (assign.candidates_per_person)
    graph["candidates_per_person"] = assign.candidates_per_person;
  else
    graph["candidates_per_person"] = "all";
  rest["candidate_graph"] = std::move(graph);
  std::string rest_text = core::wire::serialize(rest);  // {"matched":...}
  rest_text.pop_back();                                 // the closing brace: "unmatched" comes last
  text += ',';
  text.append(rest_text, 1);
  text += ",\"unmatched\":[";
  pieces.push_back(std::move(text));
  for (auto& chunk : unmatched_text) pieces.push_back(std::move(chunk));
  pieces.push_back("]}\n");
  write_output(options.get("--out"), pieces);
  if (options.has("--timings"))
    std::fprintf(stderr,
                 "load pool %.3f s, index %.3f s, candidate graph %.3f s (%zu pairs), solve %.3f s, reasons %.3f s, "
                 "output %.3f s\n",
                 load_seconds, index_seconds, result.seconds.candidates, result.candidate_edges, result.seconds.solve,
                 result.seconds.reasons, seconds_since(stage));
  return 0;
}

int run_match_scores(Args args) {
  Options options(args, {"--pool", "--out"});
  if (!options.positional().empty()) throw std::runtime_error("unexpected argument " + core::quoted(options.positional().front()));
  const std::string path = options.require("--pool");
  int exit_code = 0;
  const core::Pool pool = load_pool(path, exit_code);
  if (exit_code) return exit_code;
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
    if (!out) throw std::runtime_error(*out_path + ": cannot open for writing");
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
  if (!written) throw std::runtime_error(out_path.value_or("stdout") + ": write failed");
  return 0;
}

}  // namespace blendin::cli
