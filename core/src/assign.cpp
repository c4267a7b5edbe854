// A coordinators' round: who takes part, the pair rules applied, the
// candidate graph, the solver, and why each unmatched person is.
//
// [SECTION] Priorities and round scores
// [SECTION] The round: people, rules, candidate graph
// [SECTION] The round: solving and reasons
#include <blendin/core/assign.hpp>
#include <blendin/core/csv.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/text.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace blendin::core {

// [SECTION] Priorities and round scores

std::size_t default_candidates_per_person(std::size_t profiles) { return profiles > 20'000 ? 50 : 0; }

double waiting_priority(int waiting_since_days) { return double(std::clamp(waiting_since_days, 0, 365)) / 365.0; }

double round_score(const ScoringModel& model, const CompactProfile& newcomer, const CompactProfile& local,
                   std::optional<Pillar> pillar) {
  const double distance = distance_km(newcomer, local);
  const ScoreParts parts = model.parts(newcomer, local, distance);
  const double score = model.combine(parts);
  if (pillar == Pillar::work) return 0.7 * parts.work + 0.3 * score;
  return score;
}

// [SECTION] The round: people, rules, candidate graph

namespace {

struct Round {
  const Pool& pool;
  const MatchIndex& index;
  const AssignOptions& options;
  std::vector<std::uint32_t> newcomers, locals;                  // pool positions, by id
  std::vector<std::int32_t> row_of, column_of;                   // pool position -> row / column, -1
  std::vector<int> capacity;                                     // per column, after --capacity, before forced pairs
  std::vector<std::int32_t> forced_column;                       // per row, -1
  std::vector<int> forced_count;                                 // per column
  std::unordered_set<std::uint64_t> forbidden;                   // row * columns + column
  std::vector<std::size_t> candidates, forbidden_candidates;     // per row
  std::vector<std::size_t> column_candidates, column_forbidden;  // per column, forbidden ones included
  CandidateGraph graph;
  std::vector<double> edge_score;

  Round(const MatchIndex& index, const AssignOptions& options) : pool(index.pool()), index(index), options(options) {}

  std::uint64_t key(std::size_t row, std::size_t column) const { return std::uint64_t(row) * locals.size() + column; }

  void collect_people() {
    const auto& profiles = pool.profiles;
    for (std::uint32_t p : index.by_id())  // the index has them by id already
      (profiles[p].role == Role::newcomer ? newcomers : locals).push_back(p);
    row_of.assign(profiles.size(), -1);
    column_of.assign(profiles.size(), -1);
    for (std::size_t r = 0; r < newcomers.size(); ++r) row_of[newcomers[r]] = std::int32_t(r);
    for (std::size_t c = 0; c < locals.size(); ++c) column_of[locals[c]] = std::int32_t(c);
    for (std::uint32_t p : locals) capacity.push_back(std::max(0, options.capacity.value_or(profiles[p].capacity)));
    forced_column.assign(newcomers.size(), -1);
    forced_count.assign(locals.size(), 0);
  }

  // Resolves the rules' ids; every problem is collected before failing.
  void apply_rules() {
    std::vector<Problem> problems;
    const auto problem = [&](const PairRule& rule, std::string message) {
      problems.push_back({.message = std::move(message), .file = rule.file, .line = rule.line});
    };
    auto resolve = [&](const PairRule& rule, std::int32_t& row, std::int32_t& column) {
      row = column = -1;
      auto look_up = [&](const std::string& id, Role expected, const char* field) -> std::int32_t {
        const auto found = index.find(id);
        if (!found) {
          problem(rule, field + (" " + quoted(id)) + ": no such profile in the pool");
          return -1;
        }
        if (pool.profiles[*found].role != expected) {
          problem(rule, field + (" " + quoted(id)) + ": is a " + to_string(pool.profiles[*found].role) + ", expected a " +
                            to_string(expected));
          return -1;
        }
        return expected == Role::newcomer ? row_of[*found] : column_of[*found];
      };
      row = look_up(rule.newcomer_id, Role::newcomer, "newcomer_id");
      column = look_up(rule.local_id, Role::local, "local_id");
      return row >= 0 && column >= 0;
    };
    for (const auto& rule : options.forbidden) {
      std::int32_t row, column;
      if (resolve(rule, row, column)) forbidden.insert(key(std::size_t(row), std::size_t(column)));
    }
    std::vector<std::string> forced_where(newcomers.size());
    for (const auto& rule : options.forced) {
      std::int32_t row, column;
      if (!resolve(rule, row, column)) continue;
      const auto r = std::size_t(row), c = std::size_t(column);
      if (forced_column[r] >= 0) {
        problem(rule, "newcomer " + quoted(rule.newcomer_id) + " is already forced at " + forced_where[r] +
                          " (a newcomer has one buddy in a round)");
        continue;
      }
      if (forbidden.count(key(r, c))) {
        problem(rule, "the pair " + rule.newcomer_id + "," + rule.local_id + " is also forbidden");
        continue;
      }
      if (forced_count[c] >= capacity[c]) {
        problem(rule, "local " + quoted(rule.local_id) + " is forced more often than their capacity (" +
                          std::to_string(capacity[c]) + ")");
        continue;
      }
      forced_column[r] = column;
      forced_where[r] = rule.where();
      ++forced_count[c];
    }
    if (!problems.empty()) throw Refused(std::move(problems));
  }

  bool in_round(const CompactProfile& a, const CompactProfile& b) const {
    return !options.pillar || (a.pillars.contains(*options.pillar) && b.pillars.contains(*options.pillar));
  }

  // [SECTION] The candidate graph: every admissible pair of the round, or
  // the union of each person's top k.

  // A candidate column of a row with the pair's round score.
  struct Edge {
    std::uint32_t column;
    double score;
  };

  // Where a row's edges come from. All pairs (k = 0): the newcomer's
  // admissible candidates in the round. Top k: the newcomer's own list, and
  // the locals' lists that name the newcomer, turned around: part t takes the
  // locals of one range of columns and lists, row by row (a counting sort),
  // the edges of its locals that name each row. The lists' scores are the
  // model's score of the pair, which is the round's score except in a Work
  // round. A pair in both lists comes twice, with the same score.
  struct RowSources {
    std::vector<std::vector<Edge>> admissible;  // k = 0, by row
    std::vector<std::vector<Match>> best;       // k > 0, everyone's top k (the same lists as one top_k query a person)
    struct Incoming {
      std::vector<std::uint32_t> start;
      std::vector<Edge> edges;
    };
    std::vector<Incoming> incoming;  // k > 0, by part
  };

  // The rows (or columns) of one part of the work, each part on its own thread natively.
  unsigned part_count() const {
#ifdef __EMSCRIPTEN__
    return 1;  // no threads in the browser build
#else
    return unsigned(
        std::clamp<std::size_t>(options.threads, 1, std::max<std::size_t>(1, std::min<std::size_t>(newcomers.size(), 8))));
#endif
  }
  static std::size_t part_begin(std::size_t count, unsigned part, unsigned parts) { return count * part / parts; }

  double pair_score(std::uint32_t newcomer, std::uint32_t local) const {
    return round_score(index.model(), index.compact(newcomer), index.compact(local), options.pillar);
  }
  bool work_round() const { return options.pillar == Pillar::work; }

  RowSources row_sources(unsigned parts) const {
    const std::size_t rows = newcomers.size(), columns = locals.size();
    RowSources sources;
    if (options.candidates_per_person == 0) {
      sources.admissible.resize(rows);
      for (std::size_t r = 0; r < rows; ++r) {
        const auto& person = index.compact(newcomers[r]);
        for (const Match& match : index.admissible_candidates(newcomers[r]))
          if (in_round(person, index.compact(match.index)))
            sources.admissible[r].push_back(
                {std::uint32_t(column_of[match.index]), pair_score(newcomers[r], std::uint32_t(match.index))});
      }
      return sources;
    }
    MatchFilters filters;
    filters.pillar = options.pillar;
    sources.best = index.top_k_for_everyone(options.candidates_per_person, filters, options.threads);
    sources.incoming.resize(parts);
    run_parts(parts, true, [&](unsigned t) {
      RowSources::Incoming& in = sources.incoming[t];
      const std::size_t first = part_begin(columns, t, parts), last = part_begin(columns, t + 1, parts);
      in.start.assign(rows + 1, 0);
      for (std::size_t c = first; c < last; ++c)
        for (const Match& match : sources.best[locals[c]]) ++in.start[std::size_t(row_of[match.index]) + 1];
      for (std::size_t r = 0; r < rows; ++r) in.start[r + 1] += in.start[r];
      in.edges.resize(in.start[rows]);
      std::vector<std::uint32_t> filled(in.start.begin(), in.start.end() - 1);
      for (std::size_t c = first; c < last; ++c)
        for (const Match& match : sources.best[locals[c]]) {
          const auto r = std::uint32_t(row_of[match.index]);
          in.edges[filled[r]++] = {std::uint32_t(c), work_round() ? pair_score(newcomers[r], locals[c]) : match.score};
        }
    });
    return sources;
  }

  // Calls visit(column, score) for every edge of row r, in an order that
  // depends on the parts (the solvers' results do not: they break ties by
  // column), a pair in both lists twice.
  template <typename Visit>
  void for_each_edge(const RowSources& sources, std::size_t r, const Visit& visit) const {
    if (options.candidates_per_person == 0) {
      for (const Edge& edge : sources.admissible[r]) visit(edge.column, edge.score);
      return;
    }
    for (const Match& match : sources.best[newcomers[r]])
      visit(std::uint32_t(column_of[match.index]),
            work_round() ? pair_score(newcomers[r], std::uint32_t(match.index)) : match.score);
    for (const auto& in : sources.incoming)
      for (std::uint32_t e = in.start[r]; e < in.start[r + 1]; ++e) visit(in.edges[e].column, in.edges[e].score);
  }

  std::size_t edge_count(const RowSources& sources, std::size_t r) const {  // a pair in both lists counted twice
    if (options.candidates_per_person == 0) return sources.admissible[r].size();
    std::size_t count = sources.best[newcomers[r]].size();
    for (const auto& in : sources.incoming) count += in.start[r + 1] - in.start[r];
    return count;
  }

  // One part's rows of the graph, each pair once, and the counts of its columns' candidates.
  struct GraphPart {
    std::vector<std::uint32_t> row_end, column;
    std::vector<std::int64_t> weight;
    std::vector<double> score;
    std::vector<std::size_t> column_candidates, column_forbidden;
  };

  GraphPart build_part(const RowSources& sources, std::size_t first, std::size_t last, const std::vector<double>& row_priority,
                       const std::vector<double>& column_priority) {
    const std::size_t columns = locals.size();
    GraphPart part;
    std::size_t size = 0;
    for (std::size_t r = first; r < last; ++r) size += edge_count(sources, r);
    part.column.reserve(size);
    part.weight.reserve(size);
    part.score.reserve(size);
    part.row_end.reserve(last - first);
    part.column_candidates.assign(columns, 0);
    part.column_forbidden.assign(columns, 0);
    const double waiting = options.waiting_weight;
    std::vector<std::uint32_t> last_row_of(columns, 0);  // 1 + the last row that had the column: each pair once
    for (std::size_t r = first; r < last; ++r) {
      const auto row_mark = std::uint32_t(r + 1);
      std::size_t row_candidates = 0;
      for_each_edge(sources, r, [&](std::uint32_t c, double score) {
        if (last_row_of[c] == row_mark) return;
        last_row_of[c] = row_mark;
        ++row_candidates;
        ++part.column_candidates[c];
        if (!forbidden.empty() && forbidden.count(key(r, c))) {
          ++forbidden_candidates[r];
          ++part.column_forbidden[c];
          return;
        }
        if (forced_column[r] >= 0 || graph.capacity[c] <= 0) return;  // decided already, or full
        const double priority = waiting * (row_priority[r] + column_priority[c]);
        part.column.push_back(c);
        part.weight.push_back(to_weight(score + priority));
        part.score.push_back(score);
      });
      candidates[r] = row_candidates;
      part.row_end.push_back(std::uint32_t(part.column.size()));
    }
    return part;
  }

  // The parts joined in order into the graph's arrays; the counts summed.
  void join_parts(const std::vector<GraphPart>& parts) {
    const std::size_t rows = newcomers.size(), columns = locals.size();
    const auto count = unsigned(parts.size());
    std::vector<std::size_t> offset(count + 1, 0);
    for (unsigned t = 0; t < count; ++t) offset[t + 1] = offset[t] + parts[t].column.size();
    const std::size_t total = offset[count];
    graph.row_start.assign(rows + 1, 0);
    graph.column.resize(total);
    graph.weight.resize(total);
    edge_score.resize(total);
    run_parts(count, true, [&](unsigned t) {
      const GraphPart& part = parts[t];
      const std::size_t first = part_begin(rows, t, count);
      for (std::size_t i = 0; i < part.row_end.size(); ++i)
        graph.row_start[first + i + 1] = std::uint32_t(offset[t] + part.row_end[i]);
      std::copy(part.column.begin(), part.column.end(), graph.column.begin() + std::ptrdiff_t(offset[t]));
      std::copy(part.weight.begin(), part.weight.end(), graph.weight.begin() + std::ptrdiff_t(offset[t]));
      std::copy(part.score.begin(), part.score.end(), edge_score.begin() + std::ptrdiff_t(offset[t]));
    });
    column_candidates.assign(columns, 0);
    column_forbidden.assign(columns, 0);
    for (const GraphPart& part : parts)
      for (std::size_t c = 0; c < columns; ++c) {
        column_candidates[c] += part.column_candidates[c];
        column_forbidden[c] += part.column_forbidden[c];
      }
  }

  void build_graph() {
    const std::size_t rows = newcomers.size(), columns = locals.size();
    const unsigned parts = part_count();
    const RowSources sources = row_sources(parts);
    std::vector<double> row_priority(rows), column_priority(columns);
    for (std::size_t r = 0; r < rows; ++r) row_priority[r] = waiting_priority(pool.profiles[newcomers[r]].waiting_since_days);
    for (std::size_t c = 0; c < columns; ++c) column_priority[c] = waiting_priority(pool.profiles[locals[c]].waiting_since_days);
    graph.rows = rows;
    graph.columns = columns;
    graph.capacity.resize(columns);
    for (std::size_t c = 0; c < columns; ++c) graph.capacity[c] = capacity[c] - forced_count[c];
    candidates.assign(rows, 0);
    forbidden_candidates.assign(rows, 0);
    std::vector<GraphPart> built(parts);
    run_parts(parts, true, [&](unsigned t) {
      built[t] = build_part(sources, part_begin(rows, t, parts), part_begin(rows, t + 1, parts), row_priority, column_priority);
    });
    join_parts(built);
  }

  // How many people of the other role each hard constraint (the first broken)
  // excludes for pool member p, and how many the round's pillar excludes.
  void count_exclusions(std::uint32_t p, UnmatchedPerson& out) const {
    MatchFilters round_filters;
    round_filters.pillar = options.pillar;
    const auto counts = index.count_exclusions(p, round_filters);
    out.other_role_count = (pool.profiles[p].role == Role::newcomer ? locals : newcomers).size();
    // People of the other role only: role counts the person's own.
    for (std::size_t c = 1; c < counts.by_constraint.size(); ++c) out.excluded_by[c] += counts.by_constraint[c];
    out.excluded_by_round_pillar += counts.by_filters;
  }

  // [SECTION] The round: solving and reasons

  // Who has no candidate and no forced pair, and so stays unmatched whatever
  // the solution; their exclusion counts are counted beside the solver.
  struct WithoutCandidates {
    std::vector<UnmatchedPerson> people;
    std::vector<std::int32_t> row, column;  // their place in `people`, or -1
  };

  // The solution of the round's mode; the exclusion counts of those without
  // candidates (each person's own: the same on any number of threads) counted
  // natively beside the solver, on the round's other threads, and by the
  // solver's thread once it is done.
  GraphAssignment solve(WithoutCandidates& without) {
    without.row.assign(graph.rows, -1);
    without.column.assign(graph.columns, -1);
    for (std::size_t r = 0; r < graph.rows; ++r)
      if (forced_column[r] < 0 && candidates[r] == 0) {
        without.row[r] = std::int32_t(without.people.size());
        without.people.push_back({.person = newcomers[r]});
      }
    for (std::size_t c = 0; c < graph.columns; ++c)
      if (forced_count[c] == 0 && column_candidates[c] == 0) {
        without.column[c] = std::int32_t(without.people.size());
        without.people.push_back({.person = locals[c]});
      }
    std::atomic<std::size_t> next_to_count{0};
    GraphAssignment solved;
    const std::size_t parts = without.people.empty() ? 1 : std::clamp<std::size_t>(options.threads, 1, 8);
    run_parts(parts, true, [&](std::size_t part) {
      if (part == 0) {
        switch (options.mode) {
          case AssignMode::max: solved = solve_max_weight(graph, 0); break;
          case AssignMode::coverage: solved = solve_max_weight(graph, -coverage_penalty(graph)); break;
          case AssignMode::stable: solved = solve_stable(graph); break;
        }
      }
      constexpr std::size_t batch = 64;
      for (std::size_t first; (first = next_to_count.fetch_add(batch)) < without.people.size();)
        for (std::size_t i = first; i < std::min(first + batch, without.people.size()); ++i)
          count_exclusions(std::uint32_t(without.people[i].person), without.people[i]);
    });
    return solved;
  }

  // The pairs, forced ones first in their row; `used` counts each local's pairs.
  Assignment pairs_of(const GraphAssignment& solved, std::vector<int>& used) const {
    Assignment result;
    result.newcomers = newcomers.size();
    result.locals = locals.size();
    result.candidate_edges = graph.column.size();
    result.blocking_pairs = count_blocking_pairs(graph, solved.column_of_row);
    used.assign(graph.columns, 0);
    for (std::size_t r = 0; r < graph.rows; ++r) {
      AssignedPair pair;
      pair.newcomer = newcomers[r];
      if (forced_column[r] >= 0) {
        pair.local = locals[std::size_t(forced_column[r])];
        pair.score = round_score(index.model(), index.compact(pair.newcomer), index.compact(pair.local), options.pillar);
        pair.forced = true;
      } else if (const std::int32_t c = solved.column_of_row[r]; c >= 0) {
        pair.local = locals[std::size_t(c)];
        for (std::uint32_t e = graph.row_start[r]; e < graph.row_start[r + 1]; ++e)
          if (graph.column[e] == std::uint32_t(c)) pair.score = edge_score[e];
      } else {
        continue;
      }
      ++used[std::size_t(column_of[pair.local])];
      result.total += pair.score;
      result.pairs.push_back(pair);
    }
    result.matched = result.pairs.size();
    return result;
  }

  // Why each newcomer without a pair has none.
  void explain_newcomers(const GraphAssignment& solved, const std::vector<int>& used, Assignment& result) const {
    for (std::size_t r = 0; r < graph.rows; ++r) {
      if (forced_column[r] >= 0 || solved.column_of_row[r] >= 0) continue;
      UnmatchedPerson person;
      person.person = newcomers[r];
      person.candidates = candidates[r];
      person.forbidden = forbidden_candidates[r];
      bool free_local = false;
      for (std::uint32_t e = graph.row_start[r]; e < graph.row_start[r + 1]; ++e)
        if (used[graph.column[e]] < capacity[graph.column[e]]) free_local = true;
      if (person.candidates == 0) {
        person.reason = UnmatchedReason::no_admissible_candidate;
      } else if (person.forbidden == person.candidates) {
        person.reason = UnmatchedReason::all_candidates_forbidden;
      } else if (!free_local) {
        person.reason = UnmatchedReason::capacity_exhausted;
      } else {
        person.reason = UnmatchedReason::not_chosen;
      }
      result.unmatched.push_back(person);
    }
  }

  // Why each local without any pair has none: whether a candidate of theirs is still free.
  void explain_locals(const GraphAssignment& solved, const std::vector<int>& used, Assignment& result) const {
    std::vector<char> column_has_free_newcomer(graph.columns, 0);
    for (std::size_t r = 0; r < graph.rows; ++r)
      if (forced_column[r] < 0 && solved.column_of_row[r] < 0)
        for (std::uint32_t e = graph.row_start[r]; e < graph.row_start[r + 1]; ++e) column_has_free_newcomer[graph.column[e]] = 1;
    for (std::size_t c = 0; c < graph.columns; ++c) {
      if (used[c] > 0) continue;
      UnmatchedPerson person;
      person.person = locals[c];
      person.candidates = column_candidates[c];
      person.forbidden = column_forbidden[c];
      if (person.candidates == 0) {
        person.reason = UnmatchedReason::no_admissible_candidate;
      } else if (person.forbidden == person.candidates) {
        person.reason = UnmatchedReason::all_candidates_forbidden;
      } else if (column_has_free_newcomer[c]) {
        person.reason = UnmatchedReason::not_chosen;
      } else {
        person.reason = UnmatchedReason::candidates_matched_elsewhere;
      }
      result.unmatched.push_back(person);
    }
  }

  // The exclusion counts of those without any candidate, counted beside the solver.
  void copy_exclusion_counts(const WithoutCandidates& without, Assignment& result) const {
    for (UnmatchedPerson& person : result.unmatched) {
      if (person.reason != UnmatchedReason::no_admissible_candidate) continue;
      const bool newcomer = index.compact(person.person).role == Role::newcomer;
      const std::int32_t slot =
          newcomer ? without.row[std::size_t(row_of[person.person])] : without.column[std::size_t(column_of[person.person])];
      const UnmatchedPerson& counted = without.people[std::size_t(slot)];
      person.excluded_by = counted.excluded_by;
      person.excluded_by_round_pillar = counted.excluded_by_round_pillar;
      person.other_role_count = counted.other_role_count;
    }
  }
};

}  // namespace

Assignment assign_round(const MatchIndex& index, const AssignOptions& options) {
  if (options.capacity && (*options.capacity < 1 || *options.capacity > 3))
    throw Refused(Problem{"(round)", "capacity", "expected 1 to 3"});
  if (!(options.waiting_weight >= 0 && options.waiting_weight <= 1))
    throw Refused(Problem{"(round)", "waiting_weight", "expected a number from 0 to 1"});
  const auto stage_done = [&](RoundStage stage) {
    if (options.stage_done) options.stage_done(stage);
  };
  Round round(index, options);
  round.collect_people();
  round.apply_rules();
  round.build_graph();
  stage_done(RoundStage::candidates);
  Round::WithoutCandidates without;
  const GraphAssignment solved = round.solve(without);
  stage_done(RoundStage::solve);
  std::vector<int> used;
  Assignment result = round.pairs_of(solved, used);
  // Reasons, newcomers first, then locals without any pair.
  round.explain_newcomers(solved, used, result);
  round.explain_locals(solved, used, result);
  round.copy_exclusion_counts(without, result);
  stage_done(RoundStage::reasons);
  return result;
}

}  // namespace blendin::core
