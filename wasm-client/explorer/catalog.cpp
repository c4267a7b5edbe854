#include "catalog.hpp"

#include <blendin/core/text.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/text/layout.hpp>

#include <boost/json.hpp>

#include <algorithm>

namespace json = boost::json;

namespace blendin::explorer {

namespace {

const json::object* object_at(const json::object& object, std::string_view key) {
  const json::value* found = object.if_contains(key);
  return found ? found->if_object() : nullptr;
}

const json::object* object_at(const json::value& value, std::string_view key) {
  const json::object* object = value.if_object();
  return object ? object_at(*object, key) : nullptr;
}

const json::array* array_at(const json::value& value, std::string_view key) {
  const json::object* object = value.if_object();
  if (!object) return nullptr;
  const json::value* found = object->if_contains(key);
  return found ? found->if_array() : nullptr;
}

std::string string_at(const json::object& object, std::string_view key) {
  const json::value* found = object.if_contains(key);
  return found && found->is_string() ? std::string(found->get_string()) : std::string();
}

double number_at(const json::object& object, std::string_view key) {
  const json::value* found = object.if_contains(key);
  if (!found) return 0;
  if (found->is_double()) return found->get_double();
  if (found->is_int64()) return double(found->get_int64());
  if (found->is_uint64()) return double(found->get_uint64());
  return 0;
}

// The label in `lang`, else English, Dutch, the id: the site's fallback order.
std::string pick_label(const json::object& labels, const std::string& lang, const std::string& id) {
  for (const std::string& code : {lang, std::string("en"), std::string("nl")})
    if (auto found = string_at(labels, code); !found.empty()) return found;
  return id;
}

std::vector<Labelled> read_labelled(const json::value& document, std::string_view list, const std::string& lang,
                                    const char* labels_key) {
  std::vector<Labelled> out;
  const json::array* items = array_at(document, list);
  if (!items) return out;
  for (const auto& item : *items) {
    const json::object* object = item.if_object();
    if (!object) continue;
    Labelled entry;
    entry.id = string_at(*object, list == "languages" ? "code" : "id");
    entry.sector = string_at(*object, "sector");
    const json::object* labels = object_at(item, labels_key);
    entry.label = labels ? pick_label(*labels, lang, entry.id) : entry.id;
    if (!entry.id.empty()) out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

void Catalog::set_language(std::string lang, bool rtl) {
  lang_ = std::move(lang);
  rtl_ = rtl;
}

bool Catalog::receive(std::string_view kind, std::string_view text) {
  json::error_code error;
  const json::value document = json::parse(text, error);
  if (error) {
    problems_.push_back(std::string(kind) + ": " + error.message());
    return false;
  }
  if (kind == "strings") {
    receive_strings(document);
  } else if (kind == "interests" || kind == "sectors" || kind == "occupations") {
    auto list = read_labelled(document, kind, lang_, "labels");
    (kind == "interests" ? interests_ : kind == "sectors" ? sectors_ : occupations_) = std::move(list);
  } else if (kind == "languages") {
    receive_languages(document);
  } else if (kind == "places") {
    receive_places(document);
  } else if (kind == "outline") {
    receive_outline(document);
  } else if (kind == "events") {
    return receive_events(document, text);
  } else if (kind == "event_dates") {
    receive_event_dates(document);
  } else {
    problems_.push_back("unknown data \"" + std::string(kind) + "\"");
    return false;
  }
  return true;
}

void Catalog::receive_strings(const json::value& document) {
  if (const json::object* strings = object_at(document, "strings"))
    for (const auto& [key, value] : *strings)
      if (value.is_string()) strings_[std::string(key)] = std::string(value.get_string());
}

void Catalog::receive_languages(const json::value& document) {
  languages_ = read_labelled(document, "languages", lang_, "names");
  // The languages most visitors give come first, then the rest by name.
  static const char* const first[] = {"nl", "en", "ar", "ti", "uk", "fa", "prs", "so", "tr", "ru", "fr", "de"};
  auto rank = [](const std::string& code) {
    auto found = std::find(std::begin(first), std::end(first), code);
    return found == std::end(first) ? int(std::size(first)) : int(found - std::begin(first));
  };
  std::stable_sort(languages_.begin(), languages_.end(), [&](const Labelled& a, const Labelled& b) {
    const int ra = rank(a.id), rb = rank(b.id);
    return ra != rb ? ra < rb : a.label < b.label;
  });
}

void Catalog::receive_places(const json::value& document) {
  // wasm-client/data/places-nl.mjs: {"places": [{"name", "lat", "lon", "population", "keys": [...]}]}
  places_.clear();
  if (const json::array* items = array_at(document, "places"))
    for (const auto& item : *items)
      if (const json::object* object = item.if_object()) {
        Place place{string_at(*object, "name"),
                    {},
                    number_at(*object, "lat"),
                    number_at(*object, "lon"),
                    int(number_at(*object, "population"))};
        if (const json::array* keys = array_at(item, "keys"))
          for (const auto& key : *keys)
            if (key.is_string()) place.keys.emplace_back(key.get_string());
        if (!place.name.empty() && !place.keys.empty()) places_.push_back(std::move(place));
      }
  if (const json::object* object = document.if_object()) {
    places_credit_ = string_at(*object, "credit");
    separators_ = string_at(*object, "separators");
    if (const json::object* fold = object_at(document, "fold"))
      for (const auto& [from, to] : *fold)
        if (to.is_string()) fold_[std::string(from)] = std::string(to.get_string());
  }
}

void Catalog::receive_outline(const json::value& document) {
  // wasm-client/data/nl-outline.mjs: "polygons", each [outer ring, hole, ...] of
  // [lon, lat]; "triangles", for each polygon indices into its outer ring.
  outline_.clear();
  land_triangles_.clear();
  const json::array* polygons = array_at(document, "polygons");
  const json::array* triangles = array_at(document, "triangles");
  for (std::size_t p = 0; polygons && p < polygons->size(); ++p) {
    const json::array* rings = (*polygons)[p].if_array();
    for (std::size_t r = 0; rings && r < rings->size(); ++r)
      if (const json::array* points = (*rings)[r].if_array()) {
        Ring ring{r > 0, {}};
        for (const auto& point : *points)
          if (const json::array* pair = point.if_array(); pair && pair->size() == 2)
            ring.points.emplace_back((*pair)[0].to_number<double>(), (*pair)[1].to_number<double>());
        if (ring.points.size() < 3) continue;
        if (r == 0 && triangles && p < triangles->size())
          if (const json::array* corners = (*triangles)[p].if_array())
            for (const auto& corner : *corners)
              if (corner.is_int64() && corner.get_int64() >= 0 && std::size_t(corner.get_int64()) < ring.points.size())
                land_triangles_.push_back(ring.points[std::size_t(corner.get_int64())]);
        outline_.push_back(std::move(ring));
      }
  }
  land_triangles_.resize(land_triangles_.size() / 3 * 3);
  if (const json::object* object = document.if_object()) outline_credit_ = string_at(*object, "credit");
}

bool Catalog::receive_events(const json::value& document, std::string_view text) {
  // The events as the core reads them, and beside each its title, page and city in the page's language.
  try {
    events_ = core::wire::parse_events(text);
  } catch (const std::exception& problem) {
    problems_.push_back("events: " + std::string(problem.what()));
    return false;
  }
  event_texts_.assign(events_.size(), {});
  if (const json::array* items = array_at(document, "events"))
    for (std::size_t i = 0; i < items->size() && i < events_.size(); ++i) {
      const json::value& item = (*items)[i];
      const json::object* translations = object_at(item, "translations");
      const json::object* object = item.if_object();
      if (!translations || !object) continue;
      const json::object* own = object_at(*translations, lang_);
      if (!own) own = object_at(*translations, string_at(*object, "default_language"));
      if (own) event_texts_[i] = {string_at(*own, "title"), string_at(*own, "url"), "", ""};
      if (const json::object* location = object_at(item, "location")) event_texts_[i].city = string_at(*location, "city");
    }
  return true;
}

void Catalog::receive_event_dates(const json::value& document) {
  // {"<event id>": "zaterdag 27 maart, 18:00", ...}: dates as the page's Intl formats them.
  if (const json::object* dates = document.if_object())
    for (std::size_t i = 0; i < events_.size(); ++i) event_texts_[i].when = string_at(*dates, events_[i].id);
}

const std::string& Catalog::t(const std::string& key) const {
  if (auto found = strings_.find(key); found != strings_.end()) return found->second;
  return missing_.emplace(key, key).first->second;
}

std::string Catalog::format(const std::string& key, const std::vector<std::pair<std::string, std::string>>& values) const {
  std::string text = t(key);
  for (const auto& [name, given] : values) {
    // In a right-to-left sentence a value keeps its own order ("5612 CK
    // Eindhoven", a Latin name, a number with its unit), as <bdi> does.
    const std::string value = rtl_ ? text::isolated(given) : given;
    const std::string placeholder = "{{" + name + "}}";
    for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
      text.replace(at, placeholder.size(), value);
  }
  return text;
}

std::string Catalog::label(const std::vector<Labelled>& list, const std::string& id) const {
  for (const auto& entry : list)
    if (entry.id == id) return entry.label;
  return id;
}

std::string Catalog::search_key(std::string_view typed) const {
  std::string out;
  bool space = true;  // no space at the start, one for a run
  for (std::size_t i = 0; i < typed.size();) {
    std::size_t length = core::utf8_sequence_length(typed, i);
    if (length == 0) length = 1;
    const std::string character(typed.substr(i, length));
    i += length;
    const bool separator = character == " " || character == "\t" || character == "\n" ||
                           (length > 0 && separators_.find(character) != std::string::npos);
    if (separator) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    auto folded = fold_.find(character);
    if (folded != fold_.end())
      out += folded->second;
    else if (length == 1 && character[0] >= 'A' && character[0] <= 'Z')
      out += char(character[0] - 'A' + 'a');
    else
      out += character;
    space = false;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace blendin::explorer
