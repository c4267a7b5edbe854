// A coordinators' round written out (docs/assignment.md, "Output"): the
// `blendin match assign` JSON document, and CSV files of its pairs and of the
// people left unmatched. The CLI and the explorer (in WebAssembly, on one
// thread) write a round with these functions, so the same pool and options
// give the same bytes.
//
// Each returns its text in pieces, in order, to be written one after another
// (a round of 50,000 pairs is tens of megabytes of JSON: the pieces are not copied
// into one string). `threads` > 1 writes parts of it on threads natively;
// the bytes are the same on any number.
#pragma once

#include <string>
#include <vector>

#include <blendin/core/assign.hpp>
#include <blendin/core/top_k.hpp>

namespace blendin::core::wire {

// {"mode", "pillar"?, "pairs": [...], "total", "matched", "newcomers", "locals",
// "blocking_pairs", "candidate_graph", "unmatched": [...]} and a line end:
// `result` as assign_round(index, options) gave it.
std::vector<std::string> assignment_json(const MatchIndex& index, const AssignOptions& options, const Assignment& result,
                                         unsigned threads = 1);

// One record a pair, by newcomer id: newcomer_id, local_id, score, forced,
// then what a coordinator needs on the phone (names, postcode areas, distance,
// the languages, moments, interests, pillars and sectors they share). No
// contact detail: a pool holds none.
std::vector<std::string> assignment_pairs_csv(const MatchIndex& index, const Assignment& result, unsigned threads = 1);

// One record a person left unmatched, in the order of result.unmatched: who,
// since when they wait, the reason and its message, and the counts behind it.
std::vector<std::string> assignment_unmatched_csv(const MatchIndex& index, const Assignment& result);

// Why `person` is unmatched, in a sentence: "no admissible candidate among 560
// locals; the language constraint excluded most (494)".
std::string unmatched_message(const UnmatchedPerson& person, const Pool& pool);

// Why top_k found nobody for a person of `role`, in a sentence, and how many
// each change of MatchIndex::what_if would make admissible: "no admissible
// candidate among 1089 locals; the language constraint excluded most (1089);
// admissible with one change: their A1 languages at A2 (412), up to 20 km (0),
// every pillar (0)".
std::string reach_message(const MatchIndex::Exclusions& reach, Role role, const std::vector<MatchIndex::WhatIf>& what_if);

}  // namespace blendin::core::wire
