// The versioned JSON wire format (version 1) for pools, profiles, matches and
// explanations, documented in docs/wire-format.md. The CLI, the API and the
// WebAssembly bridge all speak it through these functions.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include <blendin/core/events.hpp>
#include <blendin/core/pool.hpp>
#include <blendin/core/score.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/validate.hpp>

namespace blendin::core::wire {

inline constexpr int format_version = 1;

// [SECTION] Reading
// A document that cannot be read throws Refused (problem.hpp) with every
// problem, each naming the profile (or the document part) and the field.
Pool parse_pool(std::string_view json);                                   // validates everything; throws Refused
Profile parse_profile(const boost::json::value& json, const Pool& pool);  // one profile, validated against the pool
Profile parse_profile(std::string_view json, const Pool& pool);           // the same from its text (a visitor's file)
std::vector<EventInfo> parse_events(std::string_view json);               // the site's /api/v1/events.json

// [SECTION] Writing
boost::json::value to_json(const Profile& profile);
// The profile as others see it (public_view.hpp): "age_band" instead of
// "birth_year", no "waiting_since_days"; read back, it scores with the band's middle.
boost::json::value to_public_json(const Profile& profile, int reference_year);
boost::json::value to_json(const Pool& pool);
boost::json::value to_json(const Explanation& explanation);
boost::json::value to_json(const Match& match, const Profile& person, const MatchIndex& index);
boost::json::value to_json(const EventSuggestion& suggestion, const std::vector<EventInfo>& events);
// {"candidates", "by_constraint": {"role", "language", "distance", "gender", "pillar"}, "by_filters", "admissible"}
boost::json::value to_json(const MatchIndex::Exclusions& exclusions);
// [{"change": "welcome_beginners"|"speak_at_a2"|"travel_farther"|"every_pillar",
//   "admissible", and "max_distance_km" for travel_farther}, ...]
boost::json::value to_json(const std::vector<MatchIndex::WhatIf>& what_if);
const char* to_string(MatchIndex::Change change);

// Compact JSON with numbers in their shortest round-trip form ("0.25", not
// "2.5E-1"): the same bytes natively and in WebAssembly.
std::string serialize(const boost::json::value& json);
// The same bytes, appended to `out`.
void append_json(std::string& out, const boost::json::value& json);
void append_json(std::string& out, std::string_view text);  // as a JSON string
void append_json(std::string& out, double number);
// An explanation's JSON, written without building JSON values (a
// coordinators' round writes tens of thousands); to_json(explanation) is its
// text read back.
void append_json(std::string& out, const Explanation& explanation);

// [SECTION] Requests
// One request in, one response out, both JSON strings: the whole interface of
// the WebAssembly bridge and of the golden vectors. Never throws; an error
// comes back as {"version":1,"error":{...}}. See docs/wire-format.md.
std::string handle_request(const MatchIndex& index, std::string_view request_json);

}  // namespace blendin::core::wire
