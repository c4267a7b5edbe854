// The people as others see them: the visible people's pool kept between
// writes, where a person is placed, their candidates near an area and their
// matches (docs/api.md, "Candidates" and "Privacy").
#include <blendin/core/geo.hpp>
#include <blendin/core/public_view.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/storage/tokens.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

#include "api.hpp"
#include "api_shared.hpp"

namespace blendin::server {

namespace json = boost::json;

namespace {

// A page of candidates: enough for a town's people in one answer, small
// enough for a cheap phone's memory and a short answer.
constexpr int default_candidates_page = 200;
constexpr int largest_candidates_page = 1000;

}  // namespace

std::variant<core::Profile, Response> Api::person_asking(const Request& request, const Visible& visible) {
  if (request.authorization.rfind(bearer, 0) != 0) return no_token();
  auto person = visible.person_with_token(store_, context_, storage::token_hash(request.authorization.substr(bearer.size())));
  if (!person) return error_response(403, "Authorization", "this token opens no profile");
  return std::move(*person);
}

Response Api::own_matches(const Request& request) {
  const auto visible = visible_people();
  auto asking = person_asking(request, *visible);
  if (auto* refused = std::get_if<Response>(&asking)) return std::move(*refused);
  const core::Profile& person = std::get<core::Profile>(asking);
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
    store_.add_profile({.id = person.id,
                        .token_hash = storage::token_hash(storage::new_token()),
                        .profile_json = core::wire::serialize(core::wire::to_json(person)),
                        .visible = true,
                        .registered_at = 0,
                        .contact_json = ""});  // demo people have no contact: no one phones them
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
  const auto visible = visible_people();
  auto asking = person_asking(request, *visible);
  if (auto* refused = std::get_if<Response>(&asking)) return std::move(*refused);
  const core::Profile& person = std::get<core::Profile>(asking);
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

}  // namespace blendin::server
