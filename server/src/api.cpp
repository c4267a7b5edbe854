#include "api.hpp"

#include <blendin/core/text.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/storage/tokens.hpp>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <variant>

namespace blendin::server {

namespace json = boost::json;

Response error_response(int status, const std::vector<core::Problem>& problems) {
  json::array details;
  for (const auto& problem : problems) details.push_back({{"field", problem.field}, {"message", problem.message}});
  const std::string message = problems.empty() ? "refused" : problems.front().to_string();
  Response response{status};
  response.body = core::wire::serialize(json::object{{"error", {{"message", message}, {"details", std::move(details)}}}});
  return response;
}

Response error_response(int status, const std::string& field, const std::string& message) {
  return error_response(status, {core::Problem{.subject = "", .field = field, .message = message}});
}

namespace {

constexpr std::string_view api_prefix = "/api/v1";

Response json_response(int status, const json::value& body) {
  Response response{status};
  response.body = core::wire::serialize(body);
  return response;
}

Response method_not_allowed(const std::string& allow) {
  Response response = error_response(405, "", "method not allowed here: expected " + allow);
  response.headers.emplace_back("Allow", allow);
  return response;
}

// A request body that must be a JSON object: 415 when it is not said to be
// JSON, 400 when it is not JSON, 422 when it is JSON but not an object.
std::variant<json::object, Response> read_object(const Request& request) {
  if (request.content_type.rfind("application/json", 0) != 0)
    return error_response(415, "", "expected Content-Type: application/json, got " + core::quoted(request.content_type));
  boost::system::error_code code;
  json::value value = json::parse(request.body, code);
  if (code) return error_response(400, "", "expected a JSON object: " + code.message());
  if (!value.is_object()) return error_response(422, "", "expected a JSON object");
  return std::move(value.as_object());
}

// An id the store gives: 16 characters of a fresh token, as many random bits
// (96) as no two people will ever share.
std::string new_profile_id() { return "u" + storage::new_token().substr(0, 16); }

bool is_profile_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string_view::npos;
}

std::int64_t seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The person's answer to GET: the profile as stored, and whether others may see it.
Response profile_answer(int status, const storage::StoredProfile& stored) {
  return json_response(
      status, json::object{{"id", stored.id}, {"visible", stored.visible}, {"profile", json::parse(stored.profile_json)}});
}

}  // namespace

std::optional<Response> Api::handle(const Request& request) {
  std::string_view path(request.target);
  path = path.substr(0, path.find('?'));
  if (path.rfind(api_prefix, 0) != 0) return std::nullopt;
  try {
    return route(request, path);
  } catch (const storage::Unavailable& error) {
    std::fprintf(stderr, "blendin serve: %s\n", error.what());
    return error_response(503, "", "the database cannot answer now: try again in a moment");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "blendin serve: %s\n", error.what());
    return error_response(500, "", "the server failed to answer this request");
  }
}

std::optional<Response> Api::route(const Request& request, std::string_view path) {
  const std::string_view rest = path.substr(api_prefix.size());
  if (rest == "/health") {
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    return json_response(200, json::object{{"status", "ok"}});
  }
  if (rest == "/profiles") {
    if (request.method != "POST") return method_not_allowed("POST");
    return register_profile(request);
  }
  constexpr std::string_view profiles = "/profiles/";
  if (rest.rfind(profiles, 0) == 0 && is_profile_id(rest.substr(profiles.size())))
    return own_profile(request, std::string(rest.substr(profiles.size())));
  return std::nullopt;  // perhaps one of the site's own API files (events, taxonomies)
}

Response Api::register_profile(const Request& request) {
  auto read = read_object(request);
  if (auto* refused = std::get_if<Response>(&read)) return std::move(*refused);
  json::object body = std::move(std::get<json::object>(read));
  std::vector<core::Problem> problems;
  const json::value* consent = body.if_contains("consent");
  if (!consent || !consent->is_bool() || !consent->get_bool())
    problems.push_back({.field = "consent", .message = "expected true: your agreement that Blendin keeps what you share"});
  const json::value* visible = body.if_contains("visible");
  if (!visible || !visible->is_bool())
    problems.push_back({.field = "visible", .message = "expected true or false: whether others may see you as a match"});
  if (body.contains("id")) problems.push_back({.field = "id", .message = "given by the server: expected no id"});
  if (!problems.empty()) return error_response(422, problems);
  storage::StoredProfile stored;
  stored.visible = visible->get_bool();
  body.erase("consent");
  body.erase("visible");
  stored.id = new_profile_id();
  body["id"] = stored.id;
  try {
    stored.profile_json = core::wire::serialize(core::wire::to_json(core::wire::parse_profile(json::value(body), context_)));
  } catch (const core::Refused& refused) {
    return error_response(422, refused.problems());
  }
  const std::string token = storage::new_token();
  stored.token_hash = storage::token_hash(token);
  stored.registered_at = seconds_now();
  store_.add_profile(stored);
  Response response = json_response(201, json::object{{"id", stored.id}, {"token", token}});
  response.headers.emplace_back("Location", std::string(api_prefix) + "/profiles/" + stored.id);
  return response;
}

Response Api::own_profile(const Request& request, const std::string& id) {
  if (request.method != "GET" && request.method != "PATCH" && request.method != "DELETE")
    return method_not_allowed("GET, PATCH, DELETE");
  constexpr std::string_view bearer = "Bearer ";
  if (request.authorization.rfind(bearer, 0) != 0) {
    Response response = error_response(401, "Authorization", "expected Authorization: Bearer <the token you were given>");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  }
  auto stored = store_.find_profile(id);
  if (!stored) return error_response(404, "", "no such profile");
  if (!storage::same_hash(storage::token_hash(request.authorization.substr(bearer.size())), stored->token_hash))
    return error_response(403, "Authorization", "this token does not open this profile");
  if (request.method == "GET") return profile_answer(200, *stored);
  if (request.method == "DELETE") {
    store_.erase_profile(id);
    return Response{204, "", ""};
  }
  // PATCH: the fields given replace the stored ones; the whole is checked again.
  auto read = read_object(request);
  if (auto* refused = std::get_if<Response>(&read)) return std::move(*refused);
  json::object changes = std::move(std::get<json::object>(read));
  if (const json::value* visible = changes.if_contains("visible")) {
    if (!visible->is_bool())
      return error_response(422, "visible", "expected true or false: whether others may see you as a match");
    stored->visible = visible->get_bool();
    changes.erase("visible");
  }
  if (changes.contains("id")) return error_response(422, "id", "given by the server: expected no id");
  json::object profile = json::parse(stored->profile_json).as_object();
  for (const auto& [key, value] : changes) profile[key] = value;
  try {
    stored->profile_json = core::wire::serialize(core::wire::to_json(core::wire::parse_profile(json::value(profile), context_)));
  } catch (const core::Refused& refused) {
    return error_response(422, refused.problems());
  }
  store_.update_profile(id, stored->profile_json, stored->visible);
  return profile_answer(200, *stored);
}

}  // namespace blendin::server
