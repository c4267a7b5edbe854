// The coordinators' routes under /api/v1/admin/, behind their token: the
// introductions to approve or decline, the people waiting, and a round of
// pairs over everyone registered (docs/api.md, "Coordinators").
#include <blendin/core/assign.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>
#include <blendin/storage/tokens.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "api.hpp"
#include "api_shared.hpp"

namespace blendin::server {

namespace json = boost::json;

namespace {

json::object introduction_json(const storage::Introduction& introduction) {
  return {{"id", introduction.id},
          {"from", introduction.from_id},
          {"to", introduction.to_id},
          {"status", storage::to_string(introduction.status)},
          {"requested_at", introduction.requested_at}};
}

}  // namespace

Response Api::waiting() {
  const auto now = seconds_now();
  const auto profiles = store_.all_profiles();
  std::size_t visible = 0, requested = 0, approved = 0, declined = 0;
  std::int64_t oldest = now;
  std::set<std::string> introduced;  // in an approved introduction, either side
  for (const auto& introduction : store_.introductions()) {
    if (introduction.status == storage::IntroductionStatus::requested) {
      ++requested;
      oldest = std::min(oldest, introduction.requested_at);
    }
    if (introduction.status == storage::IntroductionStatus::approved) {
      ++approved;
      introduced.insert(introduction.from_id);
      introduced.insert(introduction.to_id);
    }
    declined += introduction.status == storage::IntroductionStatus::declined ? 1 : 0;
  }
  // People not yet introduced to anyone, and how long the first of them has
  // waited since registering: whom coordinators should phone first.
  std::size_t not_introduced = 0;
  std::int64_t registered_first = now;
  for (const auto& profile : profiles) {
    visible += profile.visible ? 1 : 0;
    if (introduced.count(profile.id)) continue;
    ++not_introduced;
    registered_first = std::min(registered_first, profile.registered_at);
  }
  return json_response(200, json::object{{"registered", profiles.size()},
                                         {"visible", visible},
                                         {"people_not_introduced", not_introduced},
                                         {"longest_unintroduced_days", not_introduced ? (now - registered_first) / 86400 : 0},
                                         {"introductions_waiting", requested},
                                         {"longest_wait_days", requested ? (now - oldest) / 86400 : 0},
                                         {"introductions_approved", approved},
                                         {"introductions_declined", declined}});
}

Response Api::run_round(const Request& request) {
  core::AssignOptions options;
  if (const auto mode = query_value(request.target, "mode")) {
    const auto parsed = core::parse_assign_mode(*mode);
    if (!parsed) return error_response(422, "mode", "expected one of max, coverage, stable, got " + core::quoted(*mode));
    options.mode = *parsed;
  }
  // json: the whole round, as `blendin match assign` writes it; csv: its
  // pairs, one a line, for a coordinator's spreadsheet (the same writer's).
  const std::string format = query_value(request.target, "format").value_or("json");
  if (format != "json" && format != "csv")
    return error_response(422, "format", "expected json or csv, got " + core::quoted(format));
  // Everyone who registered, visible or not: coordinators pair people who
  // agreed to be contacted by Blendin, not by each other.
  const core::Pool pool = pool_of(store_.all_profiles(), false);
  const core::MatchIndex index(pool);
  options.candidates_per_person = core::default_candidates_per_person(pool.profiles.size());
  const core::Assignment result = core::assign_round(index, options);
  Response response(200, format == "csv" ? "text/csv; charset=utf-8" : "application/json");
  const auto pieces = format == "csv" ? core::wire::assignment_pairs_csv(index, result, options.threads)
                                      : core::wire::assignment_json(index, options, result, options.threads);
  for (const auto& piece : pieces) response.body += piece;
  if (format == "csv") response.headers.emplace_back("Content-Disposition", "attachment; filename=\"pairs.csv\"");
  return response;
}

std::optional<Response> Api::admin(const Request& request, std::string_view rest) {
  if (request.authorization.rfind(bearer, 0) != 0) return no_token();
  if (settings_.coordinator_token_hash.empty() ||
      !storage::same_hash(storage::token_hash(request.authorization.substr(bearer.size())), settings_.coordinator_token_hash))
    return error_response(403, "Authorization", "expected the coordinators' token");
  if (rest == "/matches") {
    if (request.method != "GET") return method_not_allowed("GET");
    return own_matches(request);
  }
  if (rest == "/introductions") {
    if (request.method != "GET") return method_not_allowed("GET");
    json::array list;
    // Each side with the name they go by and how to reach them: the
    // coordinator phones both before anyone meets.
    std::map<std::string, storage::StoredProfile> people;
    for (auto& person : store_.all_profiles()) people.emplace(person.id, std::move(person));
    auto person_json = [&](const std::string& id) {
      const auto found = people.find(id);
      if (found == people.end()) return json::value(nullptr);
      const json::value profile = json::parse(found->second.profile_json);
      return json::value(
          json::object{{"display_name", profile.at("display_name")}, {"contact", contact_answer(found->second.contact_json)}});
    };
    for (const auto& introduction : store_.introductions()) {
      json::object item = introduction_json(introduction);
      item["from_person"] = person_json(introduction.from_id);
      item["to_person"] = person_json(introduction.to_id);
      list.push_back(std::move(item));
    }
    return json_response(200, json::object{{"introductions", std::move(list)}});
  }
  if (rest == "/waiting") {
    if (request.method != "GET") return method_not_allowed("GET");
    return waiting();
  }
  if (rest == "/rounds") {
    if (request.method != "POST") return method_not_allowed("POST");
    return run_round(request);
  }
  // /introductions/{n}/approve or /introductions/{n}/decline
  constexpr std::string_view prefix = "/introductions/";
  if (rest.rfind(prefix, 0) != 0) return std::nullopt;
  const std::string_view tail = rest.substr(prefix.size());
  const auto slash = tail.find('/');
  const std::string_view number = tail.substr(0, slash), action = slash == tail.npos ? "" : tail.substr(slash + 1);
  if (number.empty() || number.size() > 18 || number.find_first_not_of("0123456789") != number.npos ||
      (action != "approve" && action != "decline"))
    return std::nullopt;
  if (request.method != "POST") return method_not_allowed("POST");
  const auto id = std::stoll(std::string(number));
  const auto status = action == "approve" ? storage::IntroductionStatus::approved : storage::IntroductionStatus::declined;
  if (!store_.set_introduction_status(id, status)) return error_response(404, "", "no such introduction");
  return json_response(200, json::object{{"id", id}, {"status", storage::to_string(status)}});
}

}  // namespace blendin::server
