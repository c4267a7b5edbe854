// How the wire format is read from JSON (wire_pool.cpp, wire_request.cpp,
// wire_read.cpp); not part of the core's interface.
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/core/wire.hpp>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::core::wire {

// [SECTION] A pool in two parts

// Where a large pool's text can be parsed in two parts (natively, on two
// threads): `comma` separates two profiles of the top-level "profiles" array
// at or after the middle of the text, `close` is that array's closing bracket.
// Nothing when the text has no such place (it is then parsed in one piece).
struct ProfilesCut {
  std::size_t comma = 0, close = 0;
};
std::optional<ProfilesCut> find_profiles_cut(std::string_view json);

// [SECTION] Text to JSON

// From this size a pool's text is read in two parts on two threads natively,
// by either reader.
inline constexpr std::size_t two_part_pool_bytes = std::size_t(1) << 20;

// One document given in pieces, one after another, with every number read
// from its text with strtod (see ExactNumberHandler). Text after the document
// is an error, as anything else the parser refuses: `code` is set and
// `stopped` says how many bytes of all the pieces were read before it.
boost::json::value parse_exact(std::initializer_list<std::string_view> pieces, boost::system::error_code& code,
                               std::size_t& stopped, boost::json::storage_ptr storage = {});

// The document `text` as `what` ("pool", "events", "request"); throws a
// Refused naming the line, column and byte where the parser stopped.
boost::json::value parse_document(std::string_view text, const char* what, boost::json::storage_ptr storage = {});

// The problem of a text that the parser refused at byte `stopped`, with its
// line and column: "JSON syntax: expected a comma or a closing brace, got "]"".
Problem json_syntax_error(std::string_view text, std::size_t stopped, const boost::system::error_code& code, const char* what);

// Throws unless the object's "version" is the format version.
void check_version(const boost::json::object& object, const char* what);

// [SECTION] Fields

const char* kind_name(const boost::json::value& value);
// A number for a message: the shortest form that reads back, "infinity" for
// what strtod read as one (a JSON number too large for a double).
std::string number_text(double number);

inline constexpr const char* role_names = "newcomer or local";
inline constexpr const char* pillar_names = "one of social, culture, work";
inline constexpr const char* level_names = "one of A1, A2, B1, B2, C1, C2, native";
inline constexpr const char* availability_names = "one of weekday_daytime, weekday_evening, weekend";
inline constexpr const char* gender_names = "one of woman, man, nonbinary";
inline constexpr const char* meeting_names = "one of alone, with_friends, either";

// Reads fields of one JSON object, recording every problem with its field name.
class FieldReader {
 public:
  FieldReader(const boost::json::object& object, std::string owner, std::string prefix, std::vector<Problem>& errors)
      : object_(object), owner_(std::move(owner)), prefix_(std::move(prefix)), errors_(errors) {}

  void error(const std::string& field, const std::string& message) { errors_.push_back({owner_, prefix_ + field, message}); }
  const boost::json::value* find(const char* field) const { return object_.if_contains(field); }

  std::optional<std::string> string(const char* field, bool required);
  std::optional<double> number(const char* field, bool required);
  // A whole number within `range`, read at its full width first: nothing
  // outside the range is ever narrowed to an int.
  std::optional<int> integer(const char* field, bool required, WholeRange range);
  std::optional<bool> boolean(const char* field);
  std::vector<std::string> strings(const char* field, bool required);

  // A string that must be one of an enum's names.
  template <typename Enum, typename Parse>
  std::optional<Enum> choice(const char* field, bool required, Parse parse, const char* expected) {
    auto text = string(field, required);
    if (!text) return std::nullopt;
    auto parsed = parse(*text);
    if (!parsed) error(field, quoted(*text) + ": expected " + expected);
    return parsed;
  }

  template <typename Enum, typename Parse>
  EnumSet<Enum> choices(const char* field, Parse parse, const char* expected) {
    EnumSet<Enum> set;
    auto texts = strings(field, false);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (auto parsed = parse(texts[i]))
        set.insert(*parsed);
      else
        error(std::string(field) + "[" + std::to_string(i) + "]", quoted(texts[i]) + ": expected " + expected);
    }
    return set;
  }

 private:
  const boost::json::object& object_;
  std::string owner_, prefix_;
  std::vector<Problem>& errors_;
};

// [SECTION] Events

// The events of the site's events document, read as JSON already (from a file,
// or inside a request). Throws Refused naming each event by its id.
std::vector<EventInfo> read_events(const boost::json::value& document);

// [SECTION] Pools

// What both pool readers do last: interest weights from the profiles when the
// pool has none, then validation; throws Refused with `errors` (what could
// not be read) and the problems found.
Pool finish_pool(Pool pool, bool have_rarity, std::vector<Problem> errors);

}  // namespace blendin::core::wire
