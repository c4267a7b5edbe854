// Coordinators' batch pairing: the best set of newcomer-local pairs for a
// round, within the locals' capacities, with a reason for every person left
// unmatched. The rules, the algorithm and its cost are in docs/assignment.md.
//
// [SECTION] A round: pool in, pairs out (the one-call entry point)
// [SECTION] Pair lists: forced and forbidden pairs as CSV text
// [SECTION] The exact solver on a candidate graph
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <blendin/core/problem.hpp>
#include <blendin/core/score.hpp>
#include <blendin/core/top_k.hpp>

namespace blendin::core {

// [SECTION] A round: pool in, pairs out

enum class AssignMode : std::uint8_t {
  max,       // maximum total weight; leaving someone unmatched is allowed
  coverage,  // as many newcomers matched as possible, then maximum total weight
  stable,    // newcomer-proposing Gale-Shapley with the locals' capacities
};
const char* to_string(AssignMode mode);
std::optional<AssignMode> parse_assign_mode(std::string_view text);

// One line of a forced or forbidden pair list; `where` is "file:line" for messages.
struct PairRule {
  std::string newcomer_id;
  std::string local_id;
  std::string file;  // where the rule was read, for its problems
  std::size_t line = 0;
  std::string where() const { return file + ':' + std::to_string(line); }
};

// The stages of a round, in order, each reported as it ends (AssignOptions::stage_done).
enum class RoundStage { candidates, solve, reasons };

struct AssignOptions {
  AssignMode mode = AssignMode::max;
  std::optional<int> capacity;            // overrides every local's capacity (1-3)
  std::optional<Pillar> pillar;           // the round's pillar: only pairs that share it
  double waiting_weight = 0.1;            // priority bonus per pair for waiting time (0 turns it off)
  std::size_t candidates_per_person = 0;  // 0: every admissible pair; k: each person's top k
  unsigned threads = 1;  // natively, for the top-k graph, its rows and the exclusion counts; the result is the same
  std::vector<PairRule> forced;
  std::vector<PairRule> forbidden;
  // Called as each stage ends, so that a caller may time the stages: the core
  // reads no clock.
  std::function<void(RoundStage)> stage_done{};
};

// The candidates a round takes for a pool of `profiles` people unless told
// otherwise: every admissible pair up to 20,000 people; beyond, each person's
// top 50, which keeps the graph's size linear in the pool (docs/assignment.md).
std::size_t default_candidates_per_person(std::size_t profiles);

struct AssignedPair {
  std::size_t newcomer = 0;  // pool positions
  std::size_t local = 0;
  double score = 0;  // the round's score of the pair (see round_score)
  bool forced = false;
};

enum class UnmatchedReason : std::uint8_t {
  no_admissible_candidate,       // the hard constraints (or the round's pillar) exclude everyone
  all_candidates_forbidden,      // every admissible candidate is on the forbidden list
  capacity_exhausted,            // newcomer: every admissible local is full
  candidates_matched_elsewhere,  // local: every admissible newcomer is paired with someone else
  not_chosen,                    // a free candidate exists, but pairing would not raise the total
};
const char* to_string(UnmatchedReason reason);

struct UnmatchedPerson {
  std::size_t person = 0;  // pool position
  UnmatchedReason reason = UnmatchedReason::no_admissible_candidate;
  std::size_t candidates = 0;  // admissible candidates in the candidate graph, forbidden ones included
  std::size_t forbidden = 0;   // of which forbidden
  // For no_admissible_candidate: how many people of the other role each hard
  // constraint excluded (the first one broken counts), and the round's pillar.
  std::array<std::size_t, constraint_count> excluded_by{};
  std::size_t excluded_by_round_pillar = 0;
  std::size_t other_role_count = 0;
};

struct Assignment {
  std::vector<AssignedPair> pairs;         // by newcomer id
  double total = 0;                        // sum of the pairs' scores
  std::size_t matched = 0;                 // newcomers in a pair
  std::size_t blocking_pairs = 0;          // see docs/assignment.md, "Blocking pairs"
  std::vector<UnmatchedPerson> unmatched;  // newcomers first, then locals without any pair; by id
  std::size_t newcomers = 0, locals = 0;
  std::size_t candidate_edges = 0;  // pairs in the candidate graph (after forbidden ones)
};

// The round on the index's pool. Throws Refused (problem.hpp) for bad pair
// rules, every problem naming the rule's file and line.
Assignment assign_round(const MatchIndex& index, const AssignOptions& options);

// The score a pair has in a round: the model's score, except in a Work round
// (DoneerJeNetwerk), where it is 0.7 * Work fit + 0.3 * the model's score.
double round_score(const ScoringModel& model, const CompactProfile& newcomer, const CompactProfile& local,
                   std::optional<Pillar> pillar);

// Waiting-time priority of one person in [0, 1]: min(days, 365) / 365.
double waiting_priority(int waiting_since_days);

// The solver's integer weight of a score: round(score * 2^32), exact and portable.
std::int64_t to_weight(double score);

// [SECTION] Pair lists

// Reads CSV text (csv::read: quoted cells, CRLF or LF, blank lines and lines
// starting with '#' skipped) whose header starts "newcomer_id,local_id", one
// pair a record; further columns (as `match scores` and a round's pairs CSV
// write them) are read and not used. Throws Refused naming `source` and the
// line of every malformed record.
std::vector<PairRule> parse_pair_rules(std::string_view text, std::string_view source);

// [SECTION] The exact solver on a candidate graph

// Rows (newcomers) take at most one column; column j (a local) takes at most
// capacity[j] rows. Edges in compressed rows; weights are to be maximised.
struct CandidateGraph {
  std::size_t rows = 0, columns = 0;
  std::vector<int> capacity;             // per column
  std::vector<std::uint32_t> row_start;  // rows + 1 offsets into column / weight
  std::vector<std::uint32_t> column;
  std::vector<std::int64_t> weight;
};

struct GraphAssignment {
  std::vector<std::int32_t> column_of_row;  // -1: unmatched
  // Optimality certificate of solve_max_weight (minimisation form, cost = -weight):
  // cost - row_potential - column_potential >= 0 on every edge and 0 on the
  // pairs; unmatched_cost - row_potential >= 0, and 0 for unmatched rows;
  // column_potential <= 0, and 0 for columns with a free place.
  std::vector<std::int64_t> row_potential, column_potential;
};

// Exact maximum of (sum of pair weights + unmatched_weight per unmatched row),
// by successive shortest augmenting paths (Dijkstra with potentials), one row at
// a time in row order. unmatched_weight <= 0: 0 gives mode max, a penalty larger
// than any total gives mode coverage. Throws std::invalid_argument when the
// weights could overflow.
GraphAssignment solve_max_weight(const CandidateGraph& graph, std::int64_t unmatched_weight = 0);

// Newcomer-proposing Gale-Shapley with capacities. A row prefers the larger
// weight, then the smaller column; a column the larger weight, then the smaller row.
GraphAssignment solve_stable(const CandidateGraph& graph);

// Pairs (row, column) of the graph, not in the assignment, that both prefer
// (in the order of solve_stable) to what they have: a free place counts as
// preferred to nothing, an unmatched row prefers any edge.
std::size_t count_blocking_pairs(const CandidateGraph& graph, std::span<const std::int32_t> column_of_row);

// The penalty that makes solve_max_weight maximise the number of matched rows first.
std::int64_t coverage_penalty(const CandidateGraph& graph);

}  // namespace blendin::core
