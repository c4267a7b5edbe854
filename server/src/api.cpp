#include "api.hpp"

#include <blendin/core/text.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/storage/tokens.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <variant>

#include "api_shared.hpp"

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

std::variant<json::object, Response> read_object(const Request& request) {
  if (request.content_type.rfind("application/json", 0) != 0)
    return error_response(415, "", "expected Content-Type: application/json, got " + core::quoted(request.content_type));
  boost::system::error_code code;
  json::value value = json::parse(request.body, code);
  if (code) return error_response(400, "", "expected a JSON object: " + code.message());
  if (!value.is_object()) return error_response(422, "", "expected a JSON object");
  return std::move(value.as_object());
}

json::value contact_answer(const std::string& contact_json) {
  return contact_json.empty() ? json::value(nullptr) : json::parse(contact_json);
}

bool is_profile_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string_view::npos;
}

std::int64_t seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::optional<std::string> query_value(std::string_view target, std::string_view name) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::string_view pair = query.substr(0, query.find('&'));
    const auto equals = pair.find('=');
    if (pair.substr(0, equals) == name) return std::string(equals == pair.npos ? "" : pair.substr(equals + 1));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
  }
  return std::nullopt;
}

Response no_token() {
  Response response = error_response(401, "Authorization", "expected Authorization: Bearer <the token you were given>");
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

namespace {

// Others see a person by the name they give: a first name or a pseudonym, one
// word, never a full name (docs/api.md, "Privacy").
std::optional<core::Problem> display_name_problem(const json::object& body) {
  const json::value* name = body.if_contains("display_name");
  if (!name || !name->is_string()) return std::nullopt;  // the core's checks say what is wrong
  const std::string_view text = name->get_string();
  if (text.find_first_of(" \t") == std::string_view::npos) return std::nullopt;
  return core::Problem{
      .field = "display_name",
      .message = "expected a first name or a pseudonym, one word (others see it), got " + core::quoted(std::string(text))};
}

// How coordinators reach a person, checked: {"phone"?, "email"?} as the
// stored JSON ("" for null or none), or the problem. Kept apart from the
// profile (storage's contact_json), so no answer about others can hold it.
std::variant<std::string, core::Problem> contact_of(const json::value& value) {
  if (value.is_null()) return std::string();
  auto refuse = [](const std::string& field, const std::string& message) {
    return core::Problem{.field = field, .message = message};
  };
  if (!value.is_object())
    return refuse("contact", "expected {\"phone\", \"email\"}: how Blendin may reach you, never shown to others");
  json::object kept;
  for (const auto& [key, item] : value.as_object()) {
    const std::string field = "contact." + std::string(key);
    if (key != "phone" && key != "email") return refuse(field, "expected only phone and email");
    if (!item.is_string()) return refuse(field, "expected text");
    const std::string_view text = item.get_string();
    if (key == "phone") {
      const auto digits = std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (text.size() > 32 || digits < 6 || text.find_first_not_of("0123456789+-() ") != text.npos)
        return refuse(field, "expected a phone number such as +31 6 12345678, got " + core::quoted(std::string(text)));
    } else {
      const auto at = text.find('@');
      if (text.size() > 254 || at == 0 || at == text.npos || text.find('@', at + 1) != text.npos ||
          text.find('.', at) == text.npos || text.back() == '.' ||
          std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; }))
        return refuse(field, "expected an e-mail address such as name@example.org, got " + core::quoted(std::string(text)));
    }
    kept[key] = text;
  }
  return kept.empty() ? std::string() : core::wire::serialize(kept);
}

// An id the store gives: 16 characters of a fresh token, as many random bits
// (96) as no two people will ever share.
std::string new_profile_id() { return "u" + storage::new_token().substr(0, 16); }

// The person's answer to GET: the profile as stored, and whether others may see it.
Response profile_answer(int status, const storage::StoredProfile& stored) {
  return json_response(status, json::object{{"id", stored.id},
                                            {"visible", stored.visible},
                                            {"contact", contact_answer(stored.contact_json)},
                                            {"profile", json::parse(stored.profile_json)}});
}

}  // namespace

std::variant<storage::StoredProfile, Response> Api::authorised(const Request& request, const std::string& id) {
  if (request.authorization.rfind(bearer, 0) != 0) return no_token();
  auto stored = store_.find_profile(id);
  if (!stored) return error_response(404, "", "no such profile");
  if (!storage::same_hash(storage::token_hash(request.authorization.substr(bearer.size())), stored->token_hash))
    return error_response(403, "Authorization", "this token does not open this profile");
  return std::move(*stored);
}

Response Api::ask_introduction(const Request& request) {
  auto read = read_object(request);
  if (auto* refused = std::get_if<Response>(&read)) return std::move(*refused);
  const json::object body = std::move(std::get<json::object>(read));
  std::vector<core::Problem> problems;
  for (const char* field : {"from", "to"}) {
    const json::value* value = body.if_contains(field);
    if (!value || !value->is_string() || !is_profile_id(value->get_string()))
      problems.push_back({.field = field, .message = "expected a profile id"});
  }
  if (!problems.empty()) return error_response(422, problems);
  const std::string from(body.at("from").get_string()), to(body.at("to").get_string());
  if (from == to) return error_response(422, "to", "expected someone else");
  auto opened = authorised(request, from);
  if (auto* refused = std::get_if<Response>(&opened)) return std::move(*refused);
  // Only someone who chose to be seen can be asked for; to anyone else the
  // answer is the same as for nobody.
  const auto other = store_.find_profile(to);
  if (!other || !other->visible) return error_response(404, "to", "no such person among the visible ones");
  // Nobody is contacted directly: the request waits for a coordinator.
  const auto id = store_.add_introduction(from, to, seconds_now());
  return json_response(201, json::object{{"id", id}, {"status", "requested"}});
}

Response Api::preflight(const Request& request) const {
  if (settings_.allowed_origin.empty() || request.origin != settings_.allowed_origin)
    return error_response(403, "Origin", "expected a page of the site's own origin");
  Response response(204, "", "");
  response.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE");
  response.headers.emplace_back("Access-Control-Allow-Headers", "Authorization, Content-Type");
  response.headers.emplace_back("Access-Control-Max-Age", "600");
  return response;
}

std::optional<Response> Api::handle(const Request& request) {
  std::string_view path(request.target);
  path = path.substr(0, path.find('?'));
  if (path.rfind(api_prefix, 0) != 0) return std::nullopt;
  auto answer = request.method == "OPTIONS" ? std::optional(preflight(request)) : answer_of(request, path);
  // Only the site's own origin may read an answer in a browser; any other
  // gets none of these headers, so its page cannot read it.
  if (answer && !settings_.allowed_origin.empty() && request.origin == settings_.allowed_origin) {
    answer->headers.emplace_back("Access-Control-Allow-Origin", settings_.allowed_origin);
    answer->headers.emplace_back("Vary", "Origin");
  }
  return answer;
}

std::optional<Response> Api::answer_of(const Request& request, std::string_view path) {
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
  if (request.method == "POST" || request.method == "PATCH" || request.method == "DELETE") {
    if (const int wait = limiter_.seconds_to_wait(request.client, WriteLimiter::Clock::now())) {
      Response response =
          error_response(429, "", "too many changes from this address: try again in " + std::to_string(wait) + " s");
      response.headers.emplace_back("Retry-After", std::to_string(wait));
      return response;
    }
  }
  if (rest == "/health") {
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    return json_response(200, json::object{{"status", "ok"}});
  }
  if (rest == "/profiles") {
    if (request.method != "POST") return method_not_allowed("POST");
    return register_profile(request);
  }
  if (rest == "/matches") {
    if (request.method != "GET") return method_not_allowed("GET");
    return own_matches(request);
  }
  if (rest == "/introductions") {
    if (request.method != "POST") return method_not_allowed("POST");
    return ask_introduction(request);
  }
  if (rest == "/candidates") {
    if (request.method != "GET") return method_not_allowed("GET");
    return candidates(request);
  }
  if (rest.rfind("/admin/", 0) == 0) return admin(request, rest.substr(std::string_view("/admin").size()));
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
  if (auto problem = display_name_problem(body)) problems.push_back(std::move(*problem));
  storage::StoredProfile stored;
  if (const json::value* contact = body.if_contains("contact")) {
    auto checked = contact_of(*contact);
    if (auto* problem = std::get_if<core::Problem>(&checked))
      problems.push_back(std::move(*problem));
    else
      stored.contact_json = std::get<std::string>(checked);
  }
  if (!problems.empty()) return error_response(422, problems);
  stored.visible = visible->get_bool();
  body.erase("consent");
  body.erase("visible");
  body.erase("contact");
  stored.id = new_profile_id();
  body["id"] = stored.id;
  core::Profile person;
  try {
    person = core::wire::parse_profile(json::value(body), context_);
  } catch (const core::Refused& refused) {
    return error_response(422, refused.problems());
  }
  const std::string token = storage::new_token();
  stored.token_hash = storage::token_hash(token);
  stored.registered_at = seconds_now();
  {
    std::lock_guard lock(placement_mutex_);
    if (auto problem = place(person)) return error_response(422, {std::move(*problem)});
    stored.profile_json = core::wire::serialize(core::wire::to_json(person));
    store_.add_profile(stored);
  }
  ++people_changed_;
  Response response = json_response(201, json::object{{"id", stored.id}, {"token", token}});
  response.headers.emplace_back("Location", std::string(api_prefix) + "/profiles/" + stored.id);
  return response;
}

Response Api::own_profile(const Request& request, const std::string& id) {
  if (request.method != "GET" && request.method != "PATCH" && request.method != "DELETE")
    return method_not_allowed("GET, PATCH, DELETE");
  auto opened = authorised(request, id);
  if (auto* refused = std::get_if<Response>(&opened)) return std::move(*refused);
  auto stored = std::optional(std::move(std::get<storage::StoredProfile>(opened)));
  if (request.method == "GET") return profile_answer(200, *stored);
  if (request.method == "DELETE") {
    store_.erase_profile(id);
    ++people_changed_;
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
  if (const json::value* contact = changes.if_contains("contact")) {
    auto checked = contact_of(*contact);
    if (auto* problem = std::get_if<core::Problem>(&checked)) return error_response(422, {std::move(*problem)});
    stored->contact_json = std::get<std::string>(checked);
    changes.erase("contact");
  }
  if (changes.contains("id")) return error_response(422, "id", "given by the server: expected no id");
  if (auto problem = display_name_problem(changes)) return error_response(422, {std::move(*problem)});
  json::object profile = json::parse(stored->profile_json).as_object();
  for (const auto& [key, value] : changes) profile[key] = value;
  core::Profile person;
  try {
    person = core::wire::parse_profile(json::value(profile), context_);
  } catch (const core::Refused& refused) {
    return error_response(422, refused.problems());
  }
  {
    std::lock_guard lock(placement_mutex_);
    if (auto problem = place(person)) return error_response(422, {std::move(*problem)});
    stored->profile_json = core::wire::serialize(core::wire::to_json(person));
    store_.update_profile(*stored);
  }
  ++people_changed_;
  return profile_answer(200, *stored);
}

}  // namespace blendin::server
