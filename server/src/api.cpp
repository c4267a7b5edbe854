#include "api.hpp"

#include <blendin/core/assign.hpp>
#include <blendin/core/geo.hpp>
#include <blendin/core/public_view.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>
#include <blendin/storage/tokens.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
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

json::value contact_answer(const std::string& contact_json) {
  return contact_json.empty() ? json::value(nullptr) : json::parse(contact_json);
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
  return json_response(status, json::object{{"id", stored.id},
                                            {"visible", stored.visible},
                                            {"contact", contact_answer(stored.contact_json)},
                                            {"profile", json::parse(stored.profile_json)}});
}

constexpr std::string_view bearer = "Bearer ";

// A page of candidates: enough for a town's people in one answer, small
// enough for a cheap phone's memory and a short answer.
constexpr int default_candidates_page = 200;
constexpr int largest_candidates_page = 1000;

// The value of `name` in the target's query (name=value&...), as sent.
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

json::object introduction_json(const storage::Introduction& introduction) {
  return {{"id", introduction.id},
          {"from", introduction.from_id},
          {"to", introduction.to_id},
          {"status", storage::to_string(introduction.status)},
          {"requested_at", introduction.requested_at}};
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

Response Api::own_matches(const Request& request) {
  if (request.authorization.rfind(bearer, 0) != 0) return no_token();
  const auto visible = visible_people();
  const auto me = visible->person_with_token(store_, context_, storage::token_hash(request.authorization.substr(bearer.size())));
  if (!me) return error_response(403, "Authorization", "this token opens no profile");
  const core::Profile& person = *me;
  int k = core::default_matches;
  if (const auto text = query_value(request.target, "k")) {
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), k);
    if (error != std::errc() || end != text->data() + text->size() || !core::answers_range.contains(k))
      return error_response(422, "k", core::expected_whole_number(core::answers_range) + ", got " + core::quoted(*text));
  }
  // The visible people as one pool, scored with their own rarity weights;
  // the person asking is one of them only when visible.
  const core::MatchIndex& index = visible->index;
  json::array matches;
  for (const auto& match : index.top_k(person, std::size_t(k))) {
    json::value answer = core::wire::to_json(match, person, index);
    // The other person's age as others see it, a band (the pool holds the
    // band's middle): with the first name and the area, an exact age would
    // say too much about someone.
    if (auto* ages = answer.at("explanation").as_object().if_contains("ages");
        ages && ages->is_array() && ages->as_array().size() == 2) {
      const auto& other = index.pool().profiles[match.index];
      ages->as_array()[1] = core::age_band_text(core::age_band_start(other.birth_year, index.pool().reference_year));
    }
    matches.push_back(std::move(answer));
  }
  return json_response(200, json::object{{"matches", std::move(matches)}});
}

core::Pool Api::pool_of(const std::vector<storage::StoredProfile>& stored, bool as_seen) const {
  core::Pool pool{context_.reference_year, context_.taxonomy, {}};
  for (const auto& profile : stored) {
    core::Profile person = core::wire::parse_profile(json::parse(profile.profile_json), context_);
    pool.profiles.push_back(as_seen ? core::public_view(std::move(person), pool.reference_year) : std::move(person));
  }
  core::compute_interest_rarity(pool);
  return pool;
}

Api::Visible::Visible(core::Pool people) : pool(std::move(people)), index(pool) {
  shown.reserve(pool.profiles.size());
  for (const auto& person : pool.profiles)
    shown.push_back(core::wire::serialize(core::wire::to_public_json(person, pool.reference_year)));
  taxonomy_json = core::wire::serialize(core::wire::to_json(core::Pool{pool.reference_year, pool.taxonomy, {}}).at("taxonomy"));
}

std::optional<core::Profile> Api::Visible::person_with_token(storage::Store& store, const core::Pool& context,
                                                             const std::string& token_hash) const {
  {
    std::lock_guard lock(remembered_mutex_);
    if (auto found = people_by_token_hash_.find(token_hash); found != people_by_token_hash_.end()) return found->second;
  }
  const auto stored = store.find_profile_by_token_hash(token_hash);
  if (!stored) return std::nullopt;
  core::Profile person = core::wire::parse_profile(json::parse(stored->profile_json), context);
  std::lock_guard lock(remembered_mutex_);
  people_by_token_hash_.emplace(token_hash, person);
  return person;
}

std::optional<storage::Position> Api::Visible::area_position(storage::Store& store, const std::string& postcode_area) const {
  {
    std::lock_guard lock(remembered_mutex_);
    if (auto found = area_positions_.find(postcode_area); found != area_positions_.end()) return found->second;
  }
  const auto position = store.area_position(postcode_area);
  std::lock_guard lock(remembered_mutex_);
  area_positions_.emplace(postcode_area, position);
  return position;
}

std::shared_ptr<const Api::Visible> Api::visible_people() {
  std::lock_guard lock(visible_mutex_);
  const auto changed = people_changed_.load();
  if (!visible_ || visible_changed_ != changed) {
    visible_ = std::make_shared<const Visible>(pool_of(store_.visible_profiles(), true));
    visible_changed_ = changed;
  }
  return visible_;
}

std::size_t Api::seed(const std::vector<core::Profile>& people) {
  if (people.empty() || !store_.all_profiles().empty()) return 0;
  std::lock_guard lock(placement_mutex_);
  std::size_t registered = 0;
  for (core::Profile person : people) {
    if (place(person)) continue;  // an invented position far from its area's: left out
    store_.add_profile(
        {person.id, storage::token_hash(storage::new_token()), core::wire::serialize(core::wire::to_json(person)), true, 0});
    ++registered;
  }
  ++people_changed_;
  return registered;
}

std::optional<core::Problem> Api::place(core::Profile& person) {
  // A position sent this far from the area's is a postcode or a position mistyped.
  constexpr double farthest_from_area_km = 15;
  if (const auto area = store_.area_position(person.postcode_area)) {
    const double apart = core::distance_km(area->lat, area->lon, person.lat, person.lon);
    if (apart > farthest_from_area_km)
      return core::Problem{.field = "location",
                           .message = "expected a position in postcode area " + person.postcode_area + ", got one " +
                                      std::to_string(int(apart)) + " km from it"};
    person.lat = area->lat;
    person.lon = area->lon;
    return std::nullopt;
  }
  const core::GeoPoint centre = core::area_cell_centre(person.lat, person.lon);
  person.lat = centre.lat;
  person.lon = centre.lon;
  return std::nullopt;
}

Response Api::candidates(const Request& request) {
  if (request.authorization.rfind(bearer, 0) != 0) return no_token();
  const auto visible = visible_people();
  const auto me = visible->person_with_token(store_, context_, storage::token_hash(request.authorization.substr(bearer.size())));
  if (!me) return error_response(403, "Authorization", "this token opens no profile");
  const core::Profile& person = *me;
  std::vector<core::Problem> problems;
  // near: a 4-digit postcode area, the person's own by default.
  std::string near = query_value(request.target, "near").value_or(person.postcode_area);
  if (near.size() != 4 || near.find_first_not_of("0123456789") != near.npos || near[0] == '0')
    problems.push_back(
        {.field = "near", .message = "expected a 4-digit postcode area (1000 to 9999), got " + core::quoted(near)});
  double radius = person.max_distance_km;
  if (const auto text = query_value(request.target, "radius")) {
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), radius);
    if (error != std::errc() || end != text->data() + text->size() || !(radius > 0 && radius <= core::max_distance_km_limit))
      problems.push_back({.field = "radius",
                          .message = "expected km, more than 0 and at most " + std::to_string(int(core::max_distance_km_limit)) +
                                     ", got " + core::quoted(*text)});
  }
  // role: the other role by default, the people one meets.
  core::Role role = person.role == core::Role::newcomer ? core::Role::local : core::Role::newcomer;
  if (const auto text = query_value(request.target, "role")) {
    if (*text == "newcomer" || *text == "local")
      role = *text == "newcomer" ? core::Role::newcomer : core::Role::local;
    else
      problems.push_back({.field = "role", .message = "expected newcomer or local, got " + core::quoted(*text)});
  }
  std::optional<core::Pillar> pillar;
  if (const auto text = query_value(request.target, "pillar")) {
    if (*text == "social")
      pillar = core::Pillar::social;
    else if (*text == "culture")
      pillar = core::Pillar::culture;
    else if (*text == "work")
      pillar = core::Pillar::work;
    else
      problems.push_back({.field = "pillar", .message = "expected one of social, culture, work, got " + core::quoted(*text)});
  }
  const std::string cursor = query_value(request.target, "cursor").value_or("");
  if (!cursor.empty() && !is_profile_id(cursor))
    problems.push_back({.field = "cursor", .message = "expected the next_cursor of the page before"});
  int limit = default_candidates_page;
  if (const auto text = query_value(request.target, "limit")) {
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (error != std::errc() || end != text->data() + text->size() || limit < 1 || limit > largest_candidates_page)
      problems.push_back({.field = "limit",
                          .message = "expected a whole number from 1 to " + std::to_string(largest_candidates_page) + ", got " +
                                     core::quoted(*text)});
  }
  if (!problems.empty()) return error_response(422, problems);
  const auto centre = visible->area_position(store_, near);
  if (!centre)
    return error_response(
        404, "near",
        "no one has registered in postcode area " + near + ": the server knows an area's position only from the people in it");

  // The visible people in reach, by id, after the cursor; the person asking never.
  const auto& people = visible->pool.profiles;
  std::string body = R"({"version":)" + std::to_string(core::wire::format_version) + R"(,"reference_year":)" +
                     std::to_string(visible->pool.reference_year) + R"(,"taxonomy":)" + visible->taxonomy_json +
                     R"(,"profiles":[)";
  std::size_t shown = 0;
  std::string next_cursor;
  auto first = std::upper_bound(people.begin(), people.end(), cursor,
                                [](const std::string& id, const core::Profile& profile) { return id < profile.id; });
  for (auto it = first; it != people.end(); ++it) {
    const core::Profile& other = *it;
    if (other.role != role || (pillar && !other.pillars.contains(*pillar))) continue;
    if (core::distance_km(centre->lat, centre->lon, other.lat, other.lon) > radius || other.id == person.id) continue;
    if (shown == std::size_t(limit)) {
      next_cursor = std::prev(it)->id;
      break;
    }
    if (shown++) body += ',';
    body += visible->shown[std::size_t(it - people.begin())];
  }
  body += R"(],"near":)";
  body += core::wire::serialize(json::object{{"postcode_area", near}, {"lat", centre->lat}, {"lon", centre->lon}});
  body += R"(,"radius_km":)";
  core::wire::append_json(body, radius);
  body += R"(,"next_cursor":)";
  if (next_cursor.empty())
    body += "null";
  else
    core::wire::append_json(body, std::string_view(next_cursor));
  body += '}';
  Response response(200);
  response.body = std::move(body);
  return response;
}

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
