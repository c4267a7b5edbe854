// Reading the wire format's documents: profiles and pools (the one pool
// reader, in two parts on two threads for a large pool), and the site's events.
// Writing is in wire_write.cpp, requests in wire_request.cpp.
//
// [SECTION] Profiles and pools
// [SECTION] Events
#include <blendin/core/geo.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/public_view.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/wire.hpp>

#include "wire_read.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

namespace blendin::core::wire {

namespace json = boost::json;

// [SECTION] Profiles and pools

namespace {

Profile read_profile(const json::value& value, std::size_t position, int reference_year, std::vector<Problem>& errors) {
  Profile p;
  std::string fallback_owner = std::to_string(position);
  fallback_owner.insert(fallback_owner.begin(), '#');  // (operator+ here trips a GCC 12 -Wrestrict false positive)
  if (!value.is_object()) {
    errors.push_back({fallback_owner, "", std::string("expected a profile object, got ") + kind_name(value)});
    return p;
  }
  const auto& object = value.get_object();
  std::string owner = fallback_owner;
  if (auto id = object.if_contains("id"); id && id->is_string() && !id->get_string().empty())
    owner = std::string(id->get_string());
  FieldReader r(object, owner, "", errors);

  p.id = r.string("id", true).value_or("");
  if (auto role = r.choice<Role>("role", true, parse_role, role_names)) p.role = *role;
  p.display_name = r.string("display_name", true).value_or("");
  // Another person as others see them has an age band instead (public_view.hpp).
  if (const json::value* band = r.find("age_band"); band && !r.find("birth_year")) {
    const auto start = band->is_string() ? read_age_band(band->get_string()) : std::nullopt;
    if (start)
      p.birth_year = band_birth_year(*start, reference_year);
    else
      r.error("age_band", "expected a band of five years such as \"30-34\"");
  } else {
    if (band) r.error("age_band", "expected birth_year or age_band, not both");
    p.birth_year = r.integer("birth_year", true, birth_year_range).value_or(0);
  }
  if (const json::value* location = r.find("location"); location && location->is_object()) {
    FieldReader l(location->get_object(), owner, "location.", errors);
    p.postcode_area = l.string("postcode_area", true).value_or("");
    p.lat = l.number("lat", true).value_or(0);
    p.lon = l.number("lon", true).value_or(0);
  } else {
    r.error("location", "missing: expected {\"postcode_area\", \"lat\", \"lon\"}");
  }
  p.interests = r.strings("interests", false);
  if (const json::value* languages = r.find("languages"); languages && languages->is_array()) {
    const auto& array = languages->get_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::string prefix = "languages[" + std::to_string(i) + "].";
      if (!array[i].is_object()) {
        errors.push_back({owner, prefix, std::string("expected {\"code\", \"level\"}, got ") + kind_name(array[i])});
        continue;
      }
      FieldReader l(array[i].get_object(), owner, prefix, errors);
      LanguageSkill skill;
      skill.code = l.string("code", true).value_or("");
      if (auto level = l.choice<LanguageLevel>("level", true, parse_language_level, level_names)) skill.level = *level;
      p.languages.push_back(std::move(skill));
    }
  } else {
    r.error("languages", "missing: expected a list of {\"code\", \"level\"}");
  }
  p.pillars = r.choices<Pillar>("pillars", parse_pillar, pillar_names);
  p.availability = r.choices<Availability>("availability", parse_availability, availability_names);
  p.gender = r.choice<Gender>("gender", false, parse_gender, gender_names);
  p.gender_preference = r.choices<Gender>("gender_preference", parse_gender, gender_names);
  p.max_distance_km = r.number("max_distance_km", true).value_or(0);
  p.capacity = r.integer("capacity", false, capacity_range).value_or(1);
  p.meeting_style =
      r.choice<MeetingStyle>("meeting_style", false, parse_meeting_style, meeting_names).value_or(MeetingStyle::either);
  p.welcomes_beginners = r.boolean("welcomes_beginners").value_or(false);
  p.field = r.string("field", false).value_or("");
  p.waiting_since_days = r.integer("waiting_since_days", false, waiting_days_range).value_or(0);
  if (const json::value* work = r.find("work"); work && !work->is_null()) {
    if (!work->is_object()) {
      r.error("work", std::string("expected an object, got ") + kind_name(*work));
    } else {
      FieldReader w(work->get_object(), owner, "work.", errors);
      p.work.sought_sectors = w.strings("sought_sectors", false);
      p.work.sought_occupation = w.string("sought_occupation", false).value_or("");
      p.work.network_sectors = w.strings("network_sectors", false);
      p.work.occupation = w.string("occupation", false).value_or("");
    }
  }
  return p;
}

// Reports what could not be read and what is impossible together, without
// repeating a field of a profile that could not be read at all.
// A problem is left out when a field that could not be read starts with its
// field or is the start of it. The fields are looked up per profile in sorted
// sets: a pool may hold a problem and a read error for every profile.
void merge_problems(std::vector<Problem>& errors, std::vector<Problem> problems) {
  errors.reserve(errors.size() + problems.size());  // the views below stay valid
  std::unordered_map<std::string_view, std::set<std::string_view>> unread;
  for (const auto& e : errors) unread[e.subject].insert(e.field);
  for (auto& problem : problems) {
    bool already = false;
    if (const auto found = unread.find(problem.subject); found != unread.end()) {
      const auto& fields = found->second;
      const std::string_view field = problem.field;
      const auto next = fields.lower_bound(field);
      already = next != fields.end() && next->substr(0, field.size()) == field;
      for (std::size_t length = 0; !already && length <= field.size(); ++length)
        already = fields.count(field.substr(0, length)) > 0;
    }
    if (!already) errors.push_back(std::move(problem));
  }
}

// The pool's document; for a large pool whose text can be cut, parsed in two
// parts at once: the document without the profiles after the cut, and those
// profiles as an array of their own (`later_profiles`). A part that does not
// parse sends the whole text through one parser, for its error.
struct PoolDocument {
  json::value document, later_profiles;
};

PoolDocument parse_pool_document(std::string_view text, json::storage_ptr storage, json::storage_ptr later_storage) {
  // The values are moved by construction, never assigned: assigning a value
  // to one of another storage copies it whole.
#ifndef __EMSCRIPTEN__
  if (text.size() >= two_part_pool_bytes) {
    if (const auto cut = find_profiles_cut(text)) {
      boost::system::error_code code, later_code;
      std::size_t stopped = 0, later_stopped = 0;  // not the whole text's places: a part that fails is parsed again whole
      std::optional<json::value> document, later_profiles;
      run_parts(2, true, [&](std::size_t part) {
        if (part == 0)
          document.emplace(parse_exact({text.substr(0, cut->comma), text.substr(cut->close)}, code, stopped, storage));
        else
          later_profiles.emplace(parse_exact({"[", text.substr(cut->comma + 1, cut->close - cut->comma - 1), "]"}, later_code,
                                             later_stopped, later_storage));
      });
      if (!code && !later_code) return {std::move(*document), std::move(*later_profiles)};
    }
  }
#else
  (void)later_storage;
#endif
  return {parse_document(text, "pool", std::move(storage)), nullptr};
}

}  // namespace

std::optional<ProfilesCut> find_profiles_cut(std::string_view text) {
  // A scan of the structure: strings skipped whole, brackets counted.
  const std::size_t middle = text.size() / 2;
  std::optional<ProfilesCut> cut;
  std::string_view last_key;  // the last string read directly in the top-level object
  bool key_escaped = false;
  int depth = 0, profiles_arrays = 0;
  bool in_profiles = false;  // directly inside the top-level "profiles" array
  std::optional<std::size_t> comma;
  for (std::size_t i = 0; i < text.size(); ++i) {
    switch (text[i]) {
      case '"': {
        // To the next quote that no backslash escapes (an odd run of them).
        const std::size_t start = i + 1;
        for (;;) {
          i = text.find('"', i + 1);
          if (i == std::string_view::npos) return std::nullopt;  // an unterminated string
          std::size_t backslashes = 0;
          while (text[i - 1 - backslashes] == '\\') ++backslashes;
          if (backslashes % 2 == 0) break;
        }
        if (depth == 1) {
          last_key = text.substr(start, i - start);
          key_escaped = last_key.find('\\') != std::string_view::npos;
        }
        break;
      }
      case '[':
        if (depth == 1) {
          if (key_escaped) return std::nullopt;  // a key spelled with escapes: keep to one parser
          if (last_key == "profiles") {
            if (++profiles_arrays > 1) return std::nullopt;  // "profiles" twice
            in_profiles = true;
          }
        }
        ++depth;
        break;
      case '{':
        if (depth == 1 && key_escaped) return std::nullopt;
        ++depth;
        break;
      case ']':
      case '}':
        if (--depth < 0) return std::nullopt;
        if (in_profiles && depth == 1) {
          in_profiles = false;
          if (comma) cut = ProfilesCut{*comma, i};
        }
        break;
      case ',':
        if (in_profiles && depth == 2 && !comma && i >= middle) comma = i;
        break;
      default: break;
    }
  }
  if (depth != 0) return std::nullopt;
  return cut;
}

Pool finish_pool(Pool pool, bool have_rarity, std::vector<Problem> errors) {
  // A pool written without weights gets them from its own profiles.
  if (!have_rarity) compute_interest_rarity(pool);
  merge_problems(errors, validate_pool(pool));
  if (!errors.empty()) throw Refused(std::move(errors));
  return pool;
}

Pool parse_pool(std::string_view text) {
  json::monotonic_resource resource, later_resource;
  const PoolDocument parsed = parse_pool_document(text, &resource, &later_resource);
  const json::value& document = parsed.document;
  if (!document.is_object()) throw Refused(Problem{"(pool)", "", "expected an object {\"version\": 1, \"profiles\": [...]}"});
  const auto& object = document.get_object();
  check_version(object, "pool");
  std::vector<Problem> errors;
  FieldReader r(object, "(pool)", "", errors);
  Pool pool;
  pool.reference_year = r.integer("reference_year", true, reference_year_range).value_or(reference_year_range.min);
  bool have_rarity = true;
  if (const json::value* taxonomy = r.find("taxonomy"); taxonomy && taxonomy->is_object()) {
    const auto& t = taxonomy->get_object();
    FieldReader tr(t, "(pool)", "taxonomy.", errors);
    if (const json::value* interests = tr.find("interests"); interests && interests->is_array()) {
      for (std::size_t i = 0; i < interests->get_array().size(); ++i) {
        const auto& entry = interests->get_array()[i];
        const std::string prefix = "taxonomy.interests[" + std::to_string(i) + "].";
        if (!entry.is_object()) {
          errors.push_back({"(pool)", prefix, "expected {\"id\", \"rarity\"}"});
          continue;
        }
        FieldReader e(entry.get_object(), "(pool)", prefix, errors);
        pool.taxonomy.interests.push_back(e.string("id", true).value_or(""));
        auto rarity = e.number("rarity", false);
        have_rarity = have_rarity && rarity.has_value();
        pool.taxonomy.interest_rarity.push_back(rarity.value_or(1.0));
      }
    } else {
      tr.error("interests", "missing: expected a list of {\"id\", \"rarity\"}");
    }
    pool.taxonomy.sectors = tr.strings("sectors", false);
    pool.taxonomy.occupations = tr.strings("occupations", false);
  } else {
    r.error("taxonomy", "missing: expected {\"interests\", \"sectors\", \"occupations\"}");
  }
  if (const json::value* profiles = r.find("profiles"); profiles && profiles->is_array()) {
    // The profiles before the cut, then those after it (if the text was cut).
    const auto& array = profiles->get_array();
    const json::array* later = parsed.later_profiles.if_array();
    const std::size_t count = array.size() + (later ? later->size() : 0);
    auto profile_at = [&](std::size_t i) -> const json::value& {
      return i < array.size() ? array[i] : (*later)[i - array.size()];
    };
    // In two parts on two threads natively, each with its own errors, joined
    // in order: the same profiles and errors as one pass.
    pool.profiles.resize(count);
    const std::size_t half = later ? array.size() : count / 2;  // each thread reads what it parsed
    std::vector<Problem> second_errors;
    run_parts(2, count >= 2048, [&](std::size_t part) {
      std::vector<Problem>& out = part == 0 ? errors : second_errors;
      for (std::size_t i = part == 0 ? 0 : half; i < (part == 0 ? half : count); ++i)
        pool.profiles[i] = read_profile(profile_at(i), i, pool.reference_year, out);
    });
    errors.insert(errors.end(), std::make_move_iterator(second_errors.begin()), std::make_move_iterator(second_errors.end()));
  } else {
    r.error("profiles", "missing: expected a list of profiles");
  }
  const bool document_readable =
      std::none_of(errors.begin(), errors.end(), [](const Problem& e) { return e.subject == "(pool)"; });
  if (!document_readable) throw Refused(std::move(errors));
  return finish_pool(std::move(pool), have_rarity, std::move(errors));
}

Profile parse_profile(const json::value& value, const Pool& pool) {
  std::vector<Problem> errors;
  Profile profile = read_profile(value, 0, pool.reference_year, errors);
  merge_problems(errors, validate_profile(profile, pool.taxonomy, pool.reference_year));
  if (!errors.empty()) throw Refused(std::move(errors));
  return profile;
}

Profile parse_profile(std::string_view text, const Pool& pool) { return parse_profile(parse_document(text, "profile"), pool); }

// [SECTION] Events

std::vector<EventInfo> read_events(const json::value& document) {
  const json::value* list = document.is_object() ? document.get_object().if_contains("events") : nullptr;
  if (!list || !list->is_array()) throw Refused(Problem{"(events)", "events", "expected {\"events\": [...]}"});
  std::vector<Problem> errors;
  std::vector<EventInfo> events;
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const auto& entry = list->get_array()[i];
    // Named by its id when it has one, else by its place: (event "kickoff"), (event #3).
    std::string owner = "(event #" + std::to_string(i) + ")";
    if (!entry.is_object()) {
      errors.push_back({owner, "", "expected an event object"});
      continue;
    }
    if (const auto* id = entry.get_object().if_contains("id"); id && id->is_string() && !id->get_string().empty())
      owner = "(event " + quoted(id->get_string()) + ")";
    FieldReader r(entry.get_object(), owner, "", errors);
    EventInfo event;
    event.id = r.string("id", true).value_or("");
    if (auto pillar = r.choice<Pillar>("pillar", true, parse_pillar, pillar_names)) event.pillar = *pillar;
    event.interests = r.strings("interests", false);
    event.languages = r.strings("languages", false);
    // The strings an event gives back in suggestions and messages.
    const auto check_text = [&](const std::string& field, const std::string& value) {
      if (const auto control = find_control_character(value)) r.error(field, control_character_problem(*control));
    };
    check_text("id", event.id);
    for (std::size_t k = 0; k < event.interests.size(); ++k)
      check_text("interests[" + std::to_string(k) + "]", event.interests[k]);
    for (std::size_t k = 0; k < event.languages.size(); ++k)
      check_text("languages[" + std::to_string(k) + "]", event.languages[k]);
    if (auto start = r.string("start", true)) {
      if (auto seconds = parse_utc_timestamp(*start))
        event.start_utc = *seconds;
      else
        r.error("start", quoted(*start) + ": expected an ISO 8601 time such as 2027-02-13T13:00:00Z");
    }
    event.cancelled = r.boolean("cancelled").value_or(false);
    event.welcomes_beginners = r.boolean("welcomes_beginners").value_or(false);
    if (const json::value* location = r.find("location"); location && !location->is_null()) {
      // An online event has no location; a place may have no coordinates.
      if (!location->is_object()) {
        r.error("location", std::string("expected {\"lat\", \"lon\"} or null, got ") + kind_name(*location));
      } else {
        FieldReader l(location->get_object(), owner, "location.", errors);
        event.lat = l.number("lat", false);
        event.lon = l.number("lon", false);
        const auto check = [&](const char* field, std::optional<double> degrees, double min, double max, const char* what) {
          if (degrees && !(*degrees >= min && *degrees <= max))
            l.error(field, std::string("expected ") + what + " in degrees from " + number_text(min) + " to " + number_text(max) +
                               " (WGS84), got " + number_text(*degrees));
        };
        check("lat", event.lat, earth_bounds.min_lat, earth_bounds.max_lat, "a latitude");
        check("lon", event.lon, earth_bounds.min_lon, earth_bounds.max_lon, "a longitude");
        const auto given = [&](const char* field) { return l.find(field) && !l.find(field)->is_null(); };
        if (given("lat") != given("lon"))
          l.error(given("lat") ? "lon" : "lat", "missing: expected lat and lon together, or neither");
      }
    }
    events.push_back(std::move(event));
  }
  if (!errors.empty()) throw Refused(std::move(errors));
  return events;
}

std::vector<EventInfo> parse_events(std::string_view text) { return read_events(parse_document(text, "events")); }

}  // namespace blendin::core::wire
