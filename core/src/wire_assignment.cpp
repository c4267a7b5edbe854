// [SECTION] Parts on threads
// [SECTION] Reasons in words
// [SECTION] The JSON document
// [SECTION] CSV of the pairs
// [SECTION] CSV of the unmatched
#include <blendin/core/csv.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>

#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>
#include <string_view>

namespace blendin::core::wire {

namespace {

// [SECTION] Parts on threads

// The text of items [0, count), written by write(out, first, last) in at most
// eight parts, one a thread when `threads` > 1: the same bytes on any number.
template <typename Write>
std::vector<std::string> in_parts(std::size_t count, unsigned threads, const Write& write) {
  const std::size_t parts = std::clamp<std::size_t>(threads, 1, 8);
  std::vector<std::string> text(parts);
  run_parts(parts, parts > 1, [&](std::size_t part) { write(text[part], count * part / parts, count * (part + 1) / parts); });
  return text;
}

// Room for a part, guessed from its first item once it is written: growing a
// string of tens of megabytes by doubling copies it and touches fresh pages again.
void reserve_after_first(std::string& out, std::size_t items) { out.reserve(out.size() * items * 5 / 4); }

void append_integer(std::string& out, long long value) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

}  // namespace

// [SECTION] Reasons in words

namespace {

// "no admissible candidate among 560 locals; the language constraint excluded
// most (494)": `excluded_by` counts people of the other role by the first hard
// constraint they break, `excluded_otherwise` those a round's pillar or a
// query's filters left out.
std::string no_candidate_message(Role role, std::size_t other_role_count,
                                 const std::array<std::size_t, constraint_count>& excluded_by, std::size_t excluded_otherwise,
                                 const char* otherwise) {
  std::size_t most = 0;
  for (std::size_t c = 1; c < excluded_by.size(); ++c)
    if (excluded_by[c] > excluded_by[most]) most = c;
  std::string text =
      "no admissible candidate among " + std::to_string(other_role_count) + (role == Role::newcomer ? " locals" : " newcomers");
  if (excluded_otherwise > excluded_by[most])
    return text + "; " + otherwise + " excluded most (" + std::to_string(excluded_otherwise) + ")";
  if (excluded_by[most] == 0) return text;
  return text + "; the " + to_string(Constraint(most)) + " constraint excluded most (" + std::to_string(excluded_by[most]) + ")";
}

}  // namespace

std::string reach_message(const MatchIndex::Exclusions& reach, Role role, const std::vector<MatchIndex::WhatIf>& what_if) {
  auto by_constraint = reach.by_constraint;
  const std::size_t other_role_count = reach.candidates - by_constraint[std::size_t(Constraint::role)];
  by_constraint[std::size_t(Constraint::role)] = 0;  // people of the person's own role are never candidates
  std::string text = no_candidate_message(role, other_role_count, by_constraint, reach.by_filters, "the filters");
  std::string changes;
  for (const auto& w : what_if) {
    changes += changes.empty() ? "; admissible with one change: " : ", ";
    switch (w.change) {
      case MatchIndex::Change::welcome_beginners: changes += "welcoming beginners"; break;
      case MatchIndex::Change::speak_at_a2: changes += "their A1 languages at A2"; break;
      case MatchIndex::Change::travel_farther:
        changes += "up to " + serialize(boost::json::value(w.max_distance_km)) + " km";
        break;
      case MatchIndex::Change::every_pillar: changes += "every pillar"; break;
    }
    changes += " (" + std::to_string(w.admissible) + ")";
  }
  return text + changes;
}

std::string unmatched_message(const UnmatchedPerson& person, const Pool& pool) {
  const Role role = pool.profiles[person.person].role;
  const bool newcomer = role == Role::newcomer;
  const std::string others = newcomer ? "locals" : "newcomers";
  const std::string count = std::to_string(person.candidates);
  switch (person.reason) {
    case UnmatchedReason::no_admissible_candidate:
      return no_candidate_message(role, person.other_role_count, person.excluded_by, person.excluded_by_round_pillar,
                                  "the round's pillar");
    case UnmatchedReason::all_candidates_forbidden: return "all " + count + " admissible " + others + " are forbidden pairs";
    case UnmatchedReason::capacity_exhausted:
      return "capacity exhausted: all " + std::to_string(person.candidates - person.forbidden) + " admissible locals are taken";
    case UnmatchedReason::candidates_matched_elsewhere:
      return "all " + std::to_string(person.candidates - person.forbidden) + " admissible newcomers are paired with other locals";
    case UnmatchedReason::not_chosen: return "a free admissible candidate exists, but pairing would not raise the round's total";
  }
  return "";
}

// [SECTION] The JSON document

namespace {

boost::json::object unmatched_json(const UnmatchedPerson& person, const Pool& pool) {
  const auto& profile = pool.profiles[person.person];
  boost::json::object out;
  out["id"] = profile.id;
  out["role"] = to_string(profile.role);
  out["reason"] = to_string(person.reason);
  out["message"] = unmatched_message(person, pool);
  out["candidates"] = person.candidates;
  if (person.forbidden) out["forbidden"] = person.forbidden;
  if (person.reason == UnmatchedReason::no_admissible_candidate) {
    boost::json::object excluded;
    for (int c = 1; c < constraint_count; ++c)  // role: people of the other role only
      excluded[to_string(Constraint(c))] = person.excluded_by[std::size_t(c)];
    excluded["round_pillar"] = person.excluded_by_round_pillar;
    out["excluded_by"] = std::move(excluded);
  }
  return out;
}

}  // namespace

std::vector<std::string> assignment_json(const MatchIndex& index, const AssignOptions& options, const Assignment& result,
                                         unsigned threads) {
  // Written field by field (the same bytes as serialising one JSON object):
  // tens of thousands of explained pairs are too many to build as JSON values first.
  const Pool& pool = index.pool();
  std::vector<std::string> pieces;
  std::string text = "{\"mode\":";
  append_json(text, std::string_view(to_string(options.mode)));
  if (options.pillar) {
    text += ",\"pillar\":";
    append_json(text, std::string_view(to_string(*options.pillar)));
  }
  text += ",\"pairs\":[";
  pieces.push_back(std::move(text));
  auto pairs = in_parts(result.pairs.size(), threads, [&](std::string& out, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) {
      const auto& pair = result.pairs[i];
      out += i ? ",{\"newcomer_id\":" : "{\"newcomer_id\":";
      append_json(out, std::string_view(pool.profiles[pair.newcomer].id));
      out += ",\"local_id\":";
      append_json(out, std::string_view(pool.profiles[pair.local].id));
      out += ",\"score\":";
      append_json(out, pair.score);
      if (pair.forced) out += ",\"forced\":true";
      out += ",\"explanation\":";
      append_json(out, index.model().explain(pool.profiles[pair.newcomer], pool.profiles[pair.local],
                                             index.compact(pair.newcomer), index.compact(pair.local), pool.reference_year));
      out += '}';
      if (i == first) reserve_after_first(out, last - first);
    }
  });
  for (auto& part : pairs) pieces.push_back(std::move(part));
  text = "],\"total\":";
  append_json(text, result.total);
  boost::json::object rest;
  rest["matched"] = result.matched;
  rest["newcomers"] = result.newcomers;
  rest["locals"] = result.locals;
  rest["blocking_pairs"] = result.blocking_pairs;
  boost::json::object graph;
  graph["pairs"] = result.candidate_edges;
  if (options.candidates_per_person)
    graph["candidates_per_person"] = options.candidates_per_person;
  else
    graph["candidates_per_person"] = "all";
  rest["candidate_graph"] = std::move(graph);
  std::string rest_text = serialize(rest);  // {"matched":...}
  rest_text.pop_back();                     // the closing brace: "unmatched" comes last
  text += ',';
  text.append(rest_text, 1);
  text += ",\"unmatched\":[";
  pieces.push_back(std::move(text));
  auto unmatched = in_parts(result.unmatched.size(), threads, [&](std::string& out, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) {
      if (i) out += ',';
      append_json(out, boost::json::value(unmatched_json(result.unmatched[i], pool)));
    }
  });
  for (auto& part : unmatched) pieces.push_back(std::move(part));
  pieces.push_back("]}\n");
  return pieces;
}

// [SECTION] CSV of the pairs

namespace {

// Items of a list in one text cell, "; " between them; nothing for none.
template <typename List, typename Name>
void append_list(std::string& out, const List& list, const Name& name) {
  std::string cell;
  for (const auto& item : list) {
    if (!cell.empty()) cell += "; ";
    cell += name(item);
  }
  if (!cell.empty()) csv::append_text(out, cell);
}

}  // namespace

std::vector<std::string> assignment_pairs_csv(const MatchIndex& index, const Assignment& result, unsigned threads) {
  const Pool& pool = index.pool();
  std::string header =
      "newcomer_id,local_id,score,forced,newcomer_name,local_name,newcomer_postcode_area,local_postcode_area,"
      "distance_km,shared_languages,shared_availability,shared_interests,shared_pillars,shared_sectors,occupation_fit";
  header += csv::record_end;
  std::vector<std::string> pieces{std::move(header)};
  auto rows = in_parts(result.pairs.size(), threads, [&](std::string& out, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) {
      const auto& pair = result.pairs[i];
      const Profile& newcomer = pool.profiles[pair.newcomer];
      const Profile& local = pool.profiles[pair.local];
      const Explanation e =
          index.model().explain(newcomer, local, index.compact(pair.newcomer), index.compact(pair.local), pool.reference_year);
      const auto text = [&](std::string_view cell) {
        csv::append_text(out, cell);
        out += ',';
      };
      text(newcomer.id);
      text(local.id);
      append_json(out, pair.score);
      out += pair.forced ? ",true," : ",false,";
      text(newcomer.display_name);
      text(local.display_name);
      text(newcomer.postcode_area);
      text(local.postcode_area);
      append_json(out, e.distance_km);
      out += ',';
      // "nl (A2/native)": the language, then the newcomer's level and the local's;
      // "nl (A1/native, practice)" when they talk in it as language practice.
      append_list(out, e.shared_languages, [](const SharedLanguage& language) {
        return language.code + " (" + to_string(language.level_a) + "/" + to_string(language.level_b) +
               (language.practice ? ", practice)" : ")");
      });
      out += ',';
      append_list(out, e.shared_availability, [](Availability moment) { return std::string(to_string(moment)); });
      out += ',';
      append_list(out, e.shared_interests, [](const std::string& interest) { return interest; });
      out += ',';
      append_list(out, e.shared_pillars, [](Pillar pillar) { return std::string(to_string(pillar)); });
      out += ',';
      append_list(out, e.shared_sectors, [](const std::string& sector) { return sector; });
      out += ',';
      // Only when both want Work: empty otherwise.
      const bool work = std::any_of(e.parts.begin(), e.parts.end(), [](const ExplanationPart& p) { return p.name == "work"; });
      if (work) out += e.occupation_fit ? "true" : "false";
      out += csv::record_end;
      if (i == first) reserve_after_first(out, last - first);
    }
  });
  for (auto& part : rows) pieces.push_back(std::move(part));
  return pieces;
}

// [SECTION] CSV of the unmatched

std::vector<std::string> assignment_unmatched_csv(const MatchIndex& index, const Assignment& result) {
  const Pool& pool = index.pool();
  std::string out =
      "id,role,name,postcode_area,waiting_since_days,reason,message,candidates,forbidden,excluded_by_language,"
      "excluded_by_distance,excluded_by_gender,excluded_by_pillar,excluded_by_round_pillar";
  out += csv::record_end;
  for (const UnmatchedPerson& person : result.unmatched) {
    const Profile& profile = pool.profiles[person.person];
    for (std::string_view cell : {std::string_view(profile.id), std::string_view(to_string(profile.role)),
                                  std::string_view(profile.display_name), std::string_view(profile.postcode_area)}) {
      csv::append_text(out, cell);
      out += ',';
    }
    append_integer(out, profile.waiting_since_days);
    out += ',';
    csv::append_text(out, to_string(person.reason));
    out += ',';
    csv::append_text(out, unmatched_message(person, pool));
    out += ',';
    append_integer(out, (long long)person.candidates);
    out += ',';
    append_integer(out, (long long)person.forbidden);
    // The counts behind no_admissible_candidate; empty cells for other reasons.
    const bool counted = person.reason == UnmatchedReason::no_admissible_candidate;
    for (int c = 1; c < constraint_count; ++c) {
      out += ',';
      if (counted) append_integer(out, (long long)person.excluded_by[std::size_t(c)]);
    }
    out += ',';
    if (counted) append_integer(out, (long long)person.excluded_by_round_pillar);
    out += csv::record_end;
  }
  return {std::move(out)};
}

}  // namespace blendin::core::wire
