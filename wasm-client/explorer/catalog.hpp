// What the page hands the explorer about the site, read once: interface
// strings and taxonomy labels in the page's language, the languages a
// profile may give, real Dutch places and the country's outline, and the
// site's events. A part that fails to read leaves a message in `problems`.
#pragma once

#include <blendin/core/events.hpp>

#include <boost/json/fwd.hpp>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace blendin::explorer {

struct Labelled {
  std::string id;
  std::string label;   // in the page's language (else English, Dutch, the id)
  std::string sector;  // occupations: their sector's id
};

struct Place {
  std::string name;
  std::vector<std::string> keys;  // what a visitor may type: lower case, diacritics folded, other names
  double lat = 0, lon = 0;
  int population = 0;
};

// One ring of the country's outline: land, or a hole in the land.
struct Ring {
  bool hole = false;
  std::vector<std::pair<double, double>> points;  // [lon, lat]
};

struct EventText {
  std::string title, url, when;  // in the page's language where the event has it
  std::string city;
};

class Catalog {
 public:
  void set_language(std::string lang, bool rtl);
  const std::string& language() const { return lang_; }
  bool rtl() const { return rtl_; }

  // Reads one kind of data from the page: "strings", "interests", "sectors",
  // "occupations", "languages", "places", "outline", "events",
  // "event_dates". Returns false (and notes a problem) when it cannot.
  bool receive(std::string_view kind, std::string_view json);

  // An interface string; its key when the site has none (the key then stays
  // in `missing_`, so the reference lives as long as the catalog).
  const std::string& t(const std::string& key) const;
  // The same with {{name}} placeholders filled in.
  std::string format(const std::string& key, const std::vector<std::pair<std::string, std::string>>& values) const;
  bool has(const std::string& key) const { return strings_.count(key) != 0; }

  const std::vector<Labelled>& interests() const { return interests_; }
  const std::vector<Labelled>& sectors() const { return sectors_; }
  const std::vector<Labelled>& occupations() const { return occupations_; }
  const std::vector<Labelled>& languages() const { return languages_; }  // the site's own languages first
  std::string label(const std::vector<Labelled>& list, const std::string& id) const;

  const std::vector<Place>& places() const { return places_; }
  // What a visitor typed, as the places' keys are made (places-nl.json's
  // key_rule, with its own separators and fold table): "'s-Hertogenbosch"
  // -> "s hertogenbosch", "Zoë" -> "zoe".
  std::string search_key(std::string_view typed) const;
  const std::string& places_credit() const { return places_credit_; }
  // The European Netherlands: each polygon's outer ring, then its holes
  // (to draw as lines), and the land as triangles of [lon, lat] points, three
  // a triangle (to fill: ImGui fills convex shapes only).
  const std::vector<Ring>& outline() const { return outline_; }
  const std::vector<std::pair<double, double>>& land_triangles() const { return land_triangles_; }
  const std::string& outline_credit() const { return outline_credit_; }

  const std::vector<core::EventInfo>& events() const { return events_; }
  const EventText& event_text(std::size_t index) const { return event_texts_[index]; }

  const std::vector<std::string>& problems() const { return problems_; }

 private:
  // One receiver a kind of data; receive() has parsed the text.
  void receive_strings(const boost::json::value& document);
  void receive_languages(const boost::json::value& document);
  void receive_places(const boost::json::value& document);
  void receive_outline(const boost::json::value& document);
  bool receive_events(const boost::json::value& document, std::string_view text);
  void receive_event_dates(const boost::json::value& document);

  std::string lang_ = "nl";
  bool rtl_ = false;
  std::map<std::string, std::string> strings_;
  mutable std::map<std::string, std::string> missing_;
  std::vector<Labelled> interests_, sectors_, occupations_, languages_;
  std::vector<Place> places_;
  std::string places_credit_, outline_credit_;
  std::map<std::string, std::string> fold_;  // a letter (UTF-8) -> its folded form
  std::string separators_;                   // UTF-8 characters that become spaces
  std::vector<Ring> outline_;
  std::vector<std::pair<double, double>> land_triangles_;
  std::vector<core::EventInfo> events_;
  std::vector<EventText> event_texts_;
  std::vector<std::string> problems_;
};

}  // namespace blendin::explorer
