// A pool read straight from the JSON parser's events into profiles, without
// building the document first: the common case of a pool that is well formed.
// Anything this reader does not expect (an unknown or repeated field, a value
// of another type, a missing field, text that is not JSON) makes it give up,
// and parse_pool reads the text through the document instead, which names
// every problem. So it accepts only pools that the document path reads without
// a problem, and gives the same profiles (tests compare the two on demo pools
// and on about 1,900 altered ones).
#include <blendin/core/parallel.hpp>
#include <blendin/core/wire.hpp>

#include "wire_read.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <span>
#include <string>

namespace blendin::core::wire {

namespace json = boost::json;

namespace {

// Where the parser is: the pool object and what it holds.
enum class Place : std::uint8_t {
  start,             // before the document
  pool,              // the top-level object
  taxonomy,          // pool.taxonomy
  taxonomy_interests,
  taxonomy_interest, // {"id", "rarity"}
  taxonomy_sectors,
  taxonomy_occupations,
  profiles,          // the profiles array (or, for a later part, the whole document)
  profile,
  location,
  interests,
  languages,
  language,          // {"code", "level"}
  pillars,
  availability,
  gender_preference,
  work,
  sought_sectors,
  network_sectors,
};

// The fields of each object, in the order the writer (to_json) puts them: a
// key is looked for first right after the previous key's field, then among all.
enum class Field : std::uint8_t {
  // pool
  version, reference_year, taxonomy, profiles,
  // taxonomy
  interests_list, sectors, occupations,
  // taxonomy interest
  interest_id, rarity,
  // profile
  id, role, display_name, birth_year, location, interests, languages, pillars, availability, gender,
  gender_preference, max_distance_km, capacity, meeting_style, welcomes_beginners, field, waiting_since_days, work,
  // location
  postcode_area, lat, lon,
  // language
  code, level,
  // work
  sought_sectors, sought_occupation, network_sectors, occupation,
};

// Each field as FieldReader reads it: a required field must be there and not
// null; an optional one may be absent or null (read as absent). The events
// reader expects nothing else, except that it leaves a null `sectors` or
// `occupations` of the taxonomy, or a null `rarity`, to the document reader.
enum class Presence : std::uint8_t { required, optional_or_null, optional_not_null };
using enum Presence;

struct FieldName {
  std::string_view name;
  Field field;
  Presence presence;
};

constexpr std::array pool_fields{FieldName{"version", Field::version, required}, FieldName{"reference_year", Field::reference_year, required},
                                 FieldName{"taxonomy", Field::taxonomy, required}, FieldName{"profiles", Field::profiles, required}};
constexpr std::array taxonomy_fields{FieldName{"interests", Field::interests_list, required},
                                     FieldName{"sectors", Field::sectors, optional_not_null},
                                     FieldName{"occupations", Field::occupations, optional_not_null}};
constexpr std::array taxonomy_interest_fields{FieldName{"id", Field::interest_id, required},
                                              FieldName{"rarity", Field::rarity, optional_not_null}};
constexpr std::array profile_fields{
    FieldName{"id", Field::id, required},
    FieldName{"role", Field::role, required},
    FieldName{"display_name", Field::display_name, required},
    FieldName{"birth_year", Field::birth_year, required},
    FieldName{"location", Field::location, required},
    FieldName{"interests", Field::interests, optional_or_null},
    FieldName{"languages", Field::languages, required},
    FieldName{"pillars", Field::pillars, optional_or_null},
    FieldName{"availability", Field::availability, optional_or_null},
    FieldName{"gender", Field::gender, optional_or_null},
    FieldName{"gender_preference", Field::gender_preference, optional_or_null},
    FieldName{"max_distance_km", Field::max_distance_km, required},
    FieldName{"capacity", Field::capacity, optional_or_null},
    FieldName{"meeting_style", Field::meeting_style, optional_or_null},
    FieldName{"welcomes_beginners", Field::welcomes_beginners, optional_or_null},
    FieldName{"field", Field::field, optional_or_null},
    FieldName{"work", Field::work, optional_or_null},
    FieldName{"waiting_since_days", Field::waiting_since_days, optional_or_null},
};
constexpr std::array location_fields{FieldName{"postcode_area", Field::postcode_area, required},
                                     FieldName{"lat", Field::lat, required}, FieldName{"lon", Field::lon, required}};
constexpr std::array language_fields{FieldName{"code", Field::code, required}, FieldName{"level", Field::level, required}};
constexpr std::array work_fields{FieldName{"sought_sectors", Field::sought_sectors, optional_or_null},
                                 FieldName{"sought_occupation", Field::sought_occupation, optional_or_null},
                                 FieldName{"network_sectors", Field::network_sectors, optional_or_null},
                                 FieldName{"occupation", Field::occupation, optional_or_null}};

std::span<const FieldName> fields_of(Place place) {
  switch (place) {
    case Place::pool: return pool_fields;
    case Place::taxonomy: return taxonomy_fields;
    case Place::taxonomy_interest: return taxonomy_interest_fields;
    case Place::profile: return profile_fields;
    case Place::location: return location_fields;
    case Place::language: return language_fields;
    case Place::work: return work_fields;
    default: return {};
  }
}

// The required fields of each place, as bits of their place in fields_of.
constexpr std::uint32_t required_bits(std::span<const FieldName> fields) {
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].presence == required) bits |= 1u << i;
  return bits;
}
std::uint32_t required_of(Place place) {
  static constexpr std::uint32_t pool = required_bits(pool_fields), taxonomy = required_bits(taxonomy_fields),
                                 taxonomy_interest = required_bits(taxonomy_interest_fields),
                                 profile = required_bits(profile_fields), location = required_bits(location_fields),
                                 language = required_bits(language_fields);
  switch (place) {
    case Place::pool: return pool;
    case Place::taxonomy: return taxonomy;
    case Place::taxonomy_interest: return taxonomy_interest;
    case Place::profile: return profile;
    case Place::location: return location;
    case Place::language: return language;
    default: return 0;
  }
}

struct Frame {
  Place place;
  std::uint32_t seen = 0;     // fields read, as bits of their place in fields_of
  std::uint8_t at = 0;        // the place in fields_of of the last field read
  bool has_field = false;     // an object's field (that one) is waiting for its value
  Field field{};              // that field
  bool nullable = false;      // and whether it may be null
};

// Gives up by returning false with an error code, as the parser expects.
class PoolEvents {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  // `profiles_only`: the document is an array of profiles (the later part of a cut text).
  // `expected_profiles`: room to make at once (a guess; more is made as needed).
  PoolEvents(bool profiles_only, std::size_t expected_profiles) : profiles_only_(profiles_only) {
    stack_.reserve(8);
    pool.profiles.reserve(expected_profiles);
  }

  Pool pool;
  bool have_rarity = true;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }

  bool on_object_begin(boost::system::error_code& ec) {
    Place next;
    switch (place()) {
      case Place::start: next = Place::pool; if (profiles_only_) return give_up(ec); break;
      case Place::taxonomy_interests: next = Place::taxonomy_interest; interest_id_.clear(); rarity_.reset(); break;
      case Place::profiles: next = Place::profile; profile_ = Profile{}; break;
      case Place::languages: next = Place::language; skill_ = LanguageSkill{}; break;
      default: next = field_value(object_fields); break;  // a field whose value is an object
    }
    if (next == Place::start) return give_up(ec);
    stack_.push_back({next});
    return true;
  }

  bool on_object_end(std::size_t, boost::system::error_code& ec) {
    const Frame frame = stack_.back();
    if ((frame.seen & required_of(frame.place)) != required_of(frame.place)) return give_up(ec);
    stack_.pop_back();
    switch (frame.place) {
      case Place::pool: if (!version_is_ours_) return give_up(ec); break;
      case Place::taxonomy_interest:
        pool.taxonomy.interests.push_back(std::move(interest_id_));
        have_rarity = have_rarity && rarity_.has_value();
        pool.taxonomy.interest_rarity.push_back(rarity_.value_or(1.0));
        break;
      case Place::profile: pool.profiles.push_back(std::move(profile_)); break;
      case Place::language: profile_.languages.push_back(std::move(skill_)); break;
      default: break;
    }
    return value_done();
  }

  bool on_array_begin(boost::system::error_code& ec) {
    const Place next = place() == Place::start ? (profiles_only_ ? Place::profiles : Place::start)
                                               : field_value(list_fields);  // a field whose value is a list
    if (next == Place::start) return give_up(ec);
    stack_.push_back({next});
    return true;
  }

  bool on_array_end(std::size_t, boost::system::error_code&) {
    stack_.pop_back();
    return value_done();
  }

  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    text_.append(s.data(), s.size());
    return true;
  }

  bool on_key(json::string_view s, std::size_t, boost::system::error_code& ec) {
    const std::string_view name = whole(s);
    Frame& frame = stack_.back();
    const auto fields = fields_of(frame.place);
    std::size_t i = frame.seen ? frame.at + 1u : 0u;  // the field after the last one read, first
    if (i >= fields.size() || fields[i].name != name) {
      i = 0;
      while (i < fields.size() && fields[i].name != name) ++i;
    }
    text_.clear();
    if (i == fields.size() || (frame.seen >> i) & 1u) return give_up(ec);  // unknown, or read twice
    frame.seen |= 1u << i;
    frame.at = std::uint8_t(i);
    frame.has_field = true;
    frame.field = fields[i].field;
    frame.nullable = fields[i].presence == optional_or_null;
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
    text_.append(s.data(), s.size());
    return true;
  }

  bool on_string(json::string_view s, std::size_t, boost::system::error_code& ec) {
    const std::string_view text = whole(s);
    const bool read = read_string(text);
    text_.clear();
    return read ? value_done() : give_up(ec);
  }

  bool on_number_part(json::string_view s, boost::system::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }

  bool on_int64(std::int64_t i, json::string_view, boost::system::error_code& ec) {
    number_.clear();
    return read_integer(i) ? value_done() : give_up(ec);
  }

  // Only above the largest int64: not a value a pool has.
  bool on_uint64(std::uint64_t, json::string_view, boost::system::error_code& ec) { return give_up(ec); }

  bool on_double(double, json::string_view s, boost::system::error_code& ec) {
    // From the text with strtod, as the document path reads it (ExactNumberHandler).
    number_.append(s.data(), s.size());
    const double value = std::strtod(number_.c_str(), nullptr);
    number_.clear();
    return read_number(value) ? value_done() : give_up(ec);
  }

  bool on_bool(bool value, boost::system::error_code& ec) {
    if (waiting_field() != Field::welcomes_beginners) return give_up(ec);
    profile_.welcomes_beginners = value;
    return value_done();
  }

  bool on_null(boost::system::error_code& ec) {
    // An optional field of an object may be null: it then keeps its default.
    if (stack_.empty() || !stack_.back().has_field || !stack_.back().nullable) return give_up(ec);
    return value_done();
  }

  bool on_comment_part(json::string_view, boost::system::error_code& ec) { return give_up(ec); }
  bool on_comment(json::string_view, boost::system::error_code& ec) { return give_up(ec); }

 private:
  Place place() const { return stack_.empty() ? Place::start : stack_.back().place; }

  // The fields whose value is an object or a list, and the place it makes.
  struct FieldValue {
    Field field;
    Place place;
  };
  static constexpr std::array object_fields{FieldValue{Field::taxonomy, Place::taxonomy},
                                            FieldValue{Field::location, Place::location}, FieldValue{Field::work, Place::work}};
  static constexpr std::array list_fields{
      FieldValue{Field::profiles, Place::profiles},         FieldValue{Field::interests_list, Place::taxonomy_interests},
      FieldValue{Field::sectors, Place::taxonomy_sectors},  FieldValue{Field::occupations, Place::taxonomy_occupations},
      FieldValue{Field::interests, Place::interests},       FieldValue{Field::languages, Place::languages},
      FieldValue{Field::pillars, Place::pillars},           FieldValue{Field::availability, Place::availability},
      FieldValue{Field::gender_preference, Place::gender_preference},
      FieldValue{Field::sought_sectors, Place::sought_sectors}, FieldValue{Field::network_sectors, Place::network_sectors}};

  // The place the value of the current object's waiting field makes, when it
  // is one of `values`; Place::start (not expected) otherwise. A field belongs
  // to one place, so the field alone tells.
  template <std::size_t N>
  Place field_value(const std::array<FieldValue, N>& values) const {
    if (stack_.empty() || !stack_.back().has_field) return Place::start;
    for (const FieldValue& value : values)
      if (value.field == stack_.back().field) return value.place;
    return Place::start;
  }

  // The current object's field has its value.
  bool value_done() {
    if (!stack_.empty()) stack_.back().has_field = false;
    return true;
  }

  static bool give_up(boost::system::error_code& ec) {
    ec = json::error::syntax;  // any error stops the parser; parse_pool then reads the document
    return false;
  }

  std::string_view whole(json::string_view last) {
    if (text_.empty()) return {last.data(), last.size()};
    text_.append(last.data(), last.size());
    return text_;
  }

  // An enum's name read into `out`; false when it names none.
  template <typename Enum, typename Parse>
  static bool assign(Enum& out, std::string_view text, Parse parse) {
    const auto value = parse(text);
    if (value) out = *value;
    return value.has_value();
  }
  template <typename Enum, typename Parse>
  static bool insert(EnumSet<Enum>& out, std::string_view text, Parse parse) {
    const auto value = parse(text);
    if (value) out.insert(*value);
    return value.has_value();
  }

  // The field of the current object that waits for its value, if any. Each
  // field belongs to one place, so it tells the place too.
  std::optional<Field> waiting_field() const {
    if (stack_.empty() || !stack_.back().has_field) return std::nullopt;
    return stack_.back().field;
  }

  bool read_string(std::string_view text) {
    switch (place()) {  // an element of a list of strings
      case Place::taxonomy_sectors: pool.taxonomy.sectors.emplace_back(text); return true;
      case Place::taxonomy_occupations: pool.taxonomy.occupations.emplace_back(text); return true;
      case Place::interests: profile_.interests.emplace_back(text); return true;
      case Place::pillars: return insert(profile_.pillars, text, parse_pillar);
      case Place::availability: return insert(profile_.availability, text, parse_availability);
      case Place::gender_preference: return insert(profile_.gender_preference, text, parse_gender);
      case Place::sought_sectors: profile_.work.sought_sectors.emplace_back(text); return true;
      case Place::network_sectors: profile_.work.network_sectors.emplace_back(text); return true;
      default: break;
    }
    const auto field = waiting_field();
    if (!field) return false;
    switch (*field) {
      case Field::interest_id: interest_id_ = text; return true;
      case Field::id: profile_.id = text; return true;
      case Field::role: return assign(profile_.role, text, parse_role);
      case Field::display_name: profile_.display_name = text; return true;
      case Field::gender: {
        Gender gender{};
        if (!assign(gender, text, parse_gender)) return false;
        profile_.gender = gender;
        return true;
      }
      case Field::meeting_style: return assign(profile_.meeting_style, text, parse_meeting_style);
      case Field::field: profile_.field = text; return true;
      case Field::postcode_area: profile_.postcode_area = text; return true;
      case Field::code: skill_.code = text; return true;
      case Field::level: return assign(skill_.level, text, parse_language_level);
      case Field::sought_occupation: profile_.work.sought_occupation = text; return true;
      case Field::occupation: profile_.work.occupation = text; return true;
      default: return false;
    }
  }

  // A whole number where FieldReader::integer or FieldReader::number reads
  // one; outside its range (which FieldReader names) it gives up.
  bool read_integer(std::int64_t i) {
    const auto field = waiting_field();
    if (!field) return false;
    const auto store = [i](int& out, WholeRange range) {
      if (!range.contains(i)) return false;
      out = int(i);
      return true;
    };
    switch (*field) {
      case Field::version: version_is_ours_ = i == format_version; return version_is_ours_;
      case Field::reference_year: return store(pool.reference_year, reference_year_range);
      case Field::birth_year: return store(profile_.birth_year, birth_year_range);
      case Field::capacity: return store(profile_.capacity, capacity_range);
      case Field::waiting_since_days: return store(profile_.waiting_since_days, waiting_days_range);
      default: return read_number(double(i));
    }
  }

  // A number where FieldReader::number reads one.
  bool read_number(double value) {
    const auto field = waiting_field();
    if (!field) return false;
    switch (*field) {
      case Field::rarity: rarity_ = value; return true;
      case Field::max_distance_km: profile_.max_distance_km = value; return true;
      case Field::lat: profile_.lat = value; return true;
      case Field::lon: profile_.lon = value; return true;
      default: return false;
    }
  }

  bool profiles_only_;
  bool version_is_ours_ = false;
  std::vector<Frame> stack_;
  std::string text_, number_;  // a key or string, a number, given in parts
  Profile profile_;
  LanguageSkill skill_;
  std::string interest_id_;
  std::optional<double> rarity_;
};

// One document given in pieces, one after another; nothing when the reader gave up.
std::optional<PoolEvents> read_events(bool profiles_only, std::size_t expected_profiles,
                                      std::initializer_list<std::string_view> pieces) {
  json::basic_parser<PoolEvents> parser{json::parse_options{}, profiles_only, expected_profiles};
  boost::system::error_code code;
  std::size_t left = pieces.size();
  for (std::string_view piece : pieces) {
    const bool more = --left > 0;
    const std::size_t used = parser.write_some(more, piece.data(), piece.size(), code);
    if (code || used != piece.size()) return std::nullopt;  // text after the document included
  }
  if (!parser.done()) return std::nullopt;
  return std::move(parser.handler());
}

#ifndef __EMSCRIPTEN__  // one part in the browser build (no threads)
// Where the text can be cut between two profiles, guessed without reading it
// all (find_profiles_cut reads every byte, on one thread): the first `},{"id":`
// past the middle, and the last `]` before the closing brace. Right for a pool
// written with "profiles" last, as to_json writes it. A wrong guess cannot
// pass: the first part must then be a whole pool whose profiles array is
// closed by that `]` (an array of objects that start with "id" directly in
// the pool object is its profiles), and the second part profiles only.
std::optional<ProfilesCut> guess_profiles_cut(std::string_view text) {
  const std::size_t next = text.find("},{\"id\":", text.size() / 2);
  if (next == std::string_view::npos) return std::nullopt;
  std::size_t end = text.find_last_not_of(" \t\n\r");
  if (end == std::string_view::npos || text[end] != '}') return std::nullopt;
  end = text.find_last_not_of(" \t\n\r", end - 1);
  if (end == std::string_view::npos || text[end] != ']' || end <= next + 1) return std::nullopt;
  return ProfilesCut{next + 1, end};
}

// The text in two parts on two threads: the pool without the profiles after
// the cut, and those profiles as an array of their own.
std::optional<PoolEvents> read_in_two_parts(std::string_view text, const ProfilesCut& cut) {
  constexpr std::size_t bytes_per_profile = 400;  // about what to_json writes; only a guess for room
  std::optional<PoolEvents> first, later;
  run_parts(2, true, [&](std::size_t part) {
    if (part == 0)
      first = read_events(false, text.size() / bytes_per_profile, {text.substr(0, cut.comma), text.substr(cut.close)});
    else
      later = read_events(true, (cut.close - cut.comma) / bytes_per_profile,
                          {"[", text.substr(cut.comma + 1, cut.close - cut.comma - 1), "]"});
  });
  if (!first || !later) return std::nullopt;
  auto& profiles = first->pool.profiles;
  profiles.reserve(profiles.size() + later->pool.profiles.size());
  std::move(later->pool.profiles.begin(), later->pool.profiles.end(), std::back_inserter(profiles));
  return first;
}
#endif

}  // namespace

std::optional<Pool> parse_pool_from_events(std::string_view text) {
  std::optional<PoolEvents> read;
#ifndef __EMSCRIPTEN__
  if (text.size() >= two_part_pool_bytes) {
    if (const auto guess = guess_profiles_cut(text)) read = read_in_two_parts(text, *guess);
    if (!read)
      if (const auto cut = find_profiles_cut(text)) read = read_in_two_parts(text, *cut);
  }
#endif
  if (!read) read = read_events(false, 0, {text});
  if (!read) return std::nullopt;
  return finish_pool(std::move(read->pool), read->have_rarity, {});
}

}  // namespace blendin::core::wire
