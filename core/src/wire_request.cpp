// One request in, one response out: the whole interface of the WebAssembly
// bridge and of the golden vectors (docs/wire-format.md, "Requests").
//
// [SECTION] Errors
// [SECTION] Filters and people
// [SECTION] Answers
#include <blendin/core/events.hpp>
#include <blendin/core/geo.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/wire.hpp>

#include "wire_read.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace blendin::core::wire {

namespace json = boost::json;

namespace {

// [SECTION] Errors

json::value error_response(const std::vector<Problem>& errors) {
  json::array list;
  for (const auto& e : errors) {
    json::object detail{{"profile", e.subject}, {"field", e.field}, {"message", e.message}};
    if (e.line > 0) {
      detail["line"] = e.line;
      detail["column"] = e.column;
      detail["byte"] = e.byte.value_or(0);
    }
    list.push_back(std::move(detail));
  }
  return json::object{
      {"version", format_version},
      {"error", {{"message", errors.empty() ? "invalid request" : errors.front().to_string()}, {"details", std::move(list)}}}};
}

json::value request_error(const std::string& field, const std::string& message) {
  return error_response({{"(request)", field, message}});
}

// [SECTION] Filters and people

MatchFilters read_filters(const json::object& request, std::vector<Problem>& errors) {
  MatchFilters filters;
  const json::value* value = request.if_contains("filters");
  if (!value || value->is_null()) return filters;
  if (!value->is_object()) {
    errors.push_back({"(request)", "filters", "expected an object"});
    return filters;
  }
  FieldReader r(value->get_object(), "(request)", "filters.", errors);
  filters.pillar = r.choice<Pillar>("pillar", false, parse_pillar, pillar_names);
  filters.max_distance_km = r.number("max_distance_km", false);
  if (filters.max_distance_km && !(*filters.max_distance_km >= 0 && *filters.max_distance_km <= max_distance_km_limit))
    r.error("max_distance_km", serialize(json::value(*filters.max_distance_km)) + ": expected a distance from 0 to " +
                                   std::to_string(int(max_distance_km_limit)) + " km");
  filters.min_score = r.number("min_score", false).value_or(0);
  if (!(filters.min_score >= 0 && filters.min_score <= 1))
    r.error("min_score", serialize(json::value(filters.min_score)) + ": expected a score from 0 to 1");
  filters.same_meeting_style = r.boolean("same_meeting_style").value_or(false);
  filters.min_age = r.integer("min_age", false, age_range);
  filters.max_age = r.integer("max_age", false, age_range);
  if (filters.min_age && filters.max_age && *filters.min_age > *filters.max_age)
    r.error("max_age",
            std::to_string(*filters.max_age) + ": expected an age from min_age (" + std::to_string(*filters.min_age) + ") up");
  filters.language = r.string("language", false);
  if (filters.language && !language_index(*filters.language)) r.error("language", unknown_language_code(*filters.language));
  filters.exclude_ids = r.strings("exclude_ids", false);
  return filters;
}

// The person a request is about: a full profile, or the id of one in the pool.
std::optional<Profile> read_person(const json::object& request, const MatchIndex& index, const char* id_field,
                                   const char* profile_field, std::vector<Problem>& errors) {
  if (const json::value* profile = request.if_contains(profile_field)) return parse_profile(*profile, index.pool());
  if (const json::value* id = request.if_contains(id_field); id && id->is_string()) {
    if (auto found = index.find(std::string(id->get_string()))) return index.pool().profiles[*found];
    errors.push_back({"(request)", id_field, "no profile " + quoted(id->get_string()) + " in the pool"});
    return std::nullopt;
  }
  errors.push_back({"(request)", id_field, std::string("missing: expected \"") + id_field + "\" or \"" + profile_field + "\""});
  return std::nullopt;
}

// [SECTION] Answers

json::value answer(const MatchIndex& index, const json::object& request) {
  std::vector<Problem> errors;
  FieldReader r(request, "(request)", "", errors);
  const std::string op = r.string("op", true).value_or("");
  if (op == "top_k") {
    auto person = read_person(request, index, "profile_id", "profile", errors);
    const int k = r.integer("k", false, answers_range).value_or(default_matches);
    const MatchFilters filters = read_filters(request, errors);
    if (!errors.empty()) return error_response(errors);
    json::array matches;
    for (const auto& match : index.top_k(*person, std::size_t(k), filters)) matches.push_back(to_json(match, *person, index));
    json::object response{{"version", format_version}};
    // Fewer than asked for: who the query left out and why, as data to put
    // into words; for none at all, also what would change that.
    const bool few = matches.size() < std::size_t(k), none = matches.empty();
    response["matches"] = std::move(matches);
    if (few) {
      json::value reach = to_json(index.count_exclusions(*person, filters));
      if (none) reach.as_object()["what_if"] = to_json(index.what_if(*person, filters));
      response["reach"] = std::move(reach);
    }
    return response;
  }
  if (op == "explain") {
    auto a = read_person(request, index, "a_id", "a", errors);
    auto b = read_person(request, index, "b_id", "b", errors);
    if (!errors.empty()) return error_response(errors);
    const auto ca = index.model().compact(*a), cb = index.model().compact(*b);
    json::object o{{"version", format_version}};
    const auto violated = index.model().violated_constraint(ca, cb, distance_km(ca, cb));
    o["admissible"] = !violated;
    o["violated_constraint"] = violated ? json::value(to_string(*violated)) : json::value(nullptr);
    o["score"] = violated ? json::value(nullptr) : json::value(index.model().score(ca, cb, distance_km(ca, cb)));
    o["explanation"] = to_json(index.model().explain(*a, *b, index.pool().reference_year));
    return o;
  }
  if (op == "suggest_events") {
    auto person = read_person(request, index, "profile_id", "profile", errors);
    const int k = r.integer("k", false, answers_range).value_or(default_event_suggestions);
    const auto now_text = r.string("now", true);
    std::optional<std::int64_t> now = now_text ? parse_utc_timestamp(*now_text) : std::nullopt;
    if (now_text && !now) errors.push_back({"(request)", "now", "expected an ISO 8601 time such as 2026-11-28T12:00:00Z"});
    const json::value* events_value = request.if_contains("events");
    if (!events_value) errors.push_back({"(request)", "events", "missing: expected the site's events document"});
    if (!errors.empty()) return error_response(errors);
    const auto events = read_events(*events_value);
    json::array suggestions;
    for (const auto& s : suggest_events(*person, events, index.pool().taxonomy, std::size_t(k), *now))
      suggestions.push_back(to_json(s, events));
    return json::object{{"version", format_version}, {"events", std::move(suggestions)}};
  }
  if (!errors.empty()) return error_response(errors);
  return request_error("op", quoted(op) + ": expected one of top_k, explain, suggest_events");
}

}  // namespace

std::string handle_request(const MatchIndex& index, std::string_view request_json) {
  try {
    const json::value request = parse_document(request_json, "request");
    if (!request.is_object()) return serialize(request_error("", "expected a request object"));
    const auto& object = request.get_object();
    check_version(object, "request");
    return serialize(answer(index, object));
  } catch (const Refused& error) {
    return serialize(error_response(error.problems()));
  } catch (const std::exception& error) {
    return serialize(request_error("", error.what()));
  }
}

}  // namespace blendin::core::wire
