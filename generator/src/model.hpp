// The loaded site: configuration, taxonomies, interface strings and every
// document (one Markdown file = one translation), grouped into entries
// (all translations of one slug). Internal to the generator.
#pragma once

#include <blendin/generator/error.hpp>

#include "yaml_node.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace blendin::generator {

struct Language {
  std::string code;
  std::string name;
  std::string dir = "ltr";
};

// A place in a file, lines and columns from 1.
struct TextPosition {
  std::string file;
  int line = 0, column = 0;
};

// An editor's photo or logo as a page offers it: one picture at a few widths
// (the `srcset` of an img), written anew from one source file without its
// metadata (pictures.cpp, docs/images.md).
struct Picture {
  struct File {
    int width = 0, height = 0;
    std::string url;  // from the site root, e.g. /nl/events/kookavond/koken-480.jpg
  };
  std::vector<File> files;  // narrowest first; the widest is the one a shared link shows
  const File& widest() const { return files.back(); }
};

// Facts about the organisation that runs the site (site.yaml's `organisation`),
// as editors confirmed them; an empty field stays empty and is never shown.
struct Organisation {
  struct Person {
    std::string name, role;
  };
  struct Link {
    std::string name, url;  // url may be empty
    std::string logo;       // a PNG or JPEG under static/, as written (may be empty)
    TextPosition logo_at;   // where `logo` is written in site.yaml
    std::optional<Picture> logo_picture;
  };
  std::string legal_name, kvk, rsin, founded;  // KvK: 8 digits; RSIN: 9 digits; founded: a year
  bool anbi = false;                           // true only when the Belastingdienst lists it as ANBI
  std::vector<Person> board;
  std::vector<Link> partners, funders;
  std::string street, postcode, city;  // the postal address
  std::string email, phone;
};

struct SiteConfig {
  std::string title = "Blendin";
  std::string base_url;   // absolute, always ends with '/'
  std::string base_path;  // the path part of base_url, always ends with '/'
  std::string default_language;
  std::string timezone = "Europe/Amsterdam";
  std::vector<Language> languages;
  std::vector<std::string> fallback;
  bool unsafe_html = false;
  int paginate = 20;
  YamlNode params;  // the whole file, for templates (`site.params`)
  Organisation organisation;

  int language_index(const std::string& code) const;
  const Language& language(const std::string& code) const;
};

// One taxonomy (interests, sectors, occupations): ids in file order, labels
// per language, and for occupations the sector each belongs to.
struct Taxonomy {
  std::vector<std::string> ids;
  std::map<std::string, std::map<std::string, std::string>> labels;  // id -> lang -> label
  std::map<std::string, std::string> sector_of;                      // id -> sector id (occupations)
  bool contains(const std::string& id) const { return labels.count(id) != 0; }
  std::string label(const std::string& id, const std::vector<std::string>& language_chain) const;
};

// An instant from front matter: UTC milliseconds plus how it was written.
struct EventTime {
  std::int64_t utc_ms = 0;  // for all-day: local midnight of that date
  bool all_day = false;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;  // wall time in the site zone
  int offset_minutes = 0;                                              // of the wall time from UTC
};

struct Location {
  std::string name, address, postcode, city;
  std::optional<double> lat, lon;
};

enum class Section { page, event };

// The accessibility facts an event may give (`access:`), in the order pages
// show them; each has a label `access_<id with _ for ->` in every language.
inline const char* const access_ids[] = {"step-free",  "accessible-toilet", "hearing-loop", "sign-language",
                                         "quiet-room", "childcare",         "women-only"};

struct Entry;

struct Document {
  // where it came from
  std::filesystem::path source;  // on disk
  std::string display_path;      // for messages: content/events/2027/x.nl.md
  std::string relative_path;     // within content/: events/2027/x.nl.md
  Section section = Section::page;
  std::string file_slug;  // from the file name; "_index" for a home page
  std::string lang;
  std::string year;  // events: the folder

  // common front matter
  std::string title;
  std::string description;
  bool description_given = false;
  std::optional<std::int64_t> date_ms;
  std::string date_text;
  bool draft = false;
  int weight = 0;
  std::string url_slug;
  std::string pillar;  // required for events; optional on pages (shown on the pillar page)
  std::string facts;   // pages: which of site.yaml's organisation facts to show (organisation, contact, privacy)

  // events
  EventTime start;
  std::optional<EventTime> end;
  std::optional<Location> location;
  std::string online;
  std::vector<std::string> interests;
  std::vector<std::string> languages;
  std::optional<long long> capacity;
  std::optional<double> price;
  std::string registration, partner, image;
  std::optional<std::string> image_alt;    // given: the image's text alternative ("" = decorative)
  std::optional<long long> places_left;    // places still free, when the editor gives a number
  std::vector<std::string> access;         // accessibility facts, ids of access_ids
  std::optional<std::int64_t> updated_ms;  // `updated`: when the event last changed, for calendars
  bool cancelled = false;
  bool welcomes_beginners = false;  // open to people who speak the event's languages at A1

  YamlNode params;  // every key, known or not, for templates

  std::string body;   // Markdown after the closing ---
  int body_line = 1;  // file line of the body's first line

  // resolved
  Entry* entry = nullptr;
  std::string url;        // path from the site root, e.g. /nl/events/kickoff/
  std::string image_url;  // resolved `image`, if any (a Picture's widest file)
  std::filesystem::path image_source;
  std::optional<Picture> picture;  // `image` at the widths a page offers, when it is a JPEG or PNG
  std::string html;                // rendered body
  std::set<std::string> heading_ids;
  bool built = false;  // false: draft or future, not in the output
};

struct Entry {
  Section section = Section::page;
  std::string slug;
  std::vector<Document*> translations;  // indexed like SiteConfig::languages; null when absent
  bool is_home = false;
  // The translation shown for language index `lang`: its own, else the fallback chain.
  Document* shown_in(int lang, const std::vector<int>& fallback_chain) const;
  Document* canonical = nullptr;  // default language, else the first by fallback/order
  bool any_built() const;
};

// What a subscriber's calendar knows of an event (its UID): the hash of what
// its VEVENTs say, and the SEQUENCE and LAST-MODIFIED that go with it. Kept
// from one build to the next in the built site (render_calendar.cpp).
struct CalendarState {
  std::string hash;
  long long sequence = 0;
  std::int64_t last_modified_ms = 0;
};

struct InternalLink {  // a link in Markdown to check once every output exists
  const Document* from;
  int line, column;
  std::string target;  // /nl/about/#team or #team (resolved to from->url)
};

struct Site {
  SiteConfig config;
  std::filesystem::path content_dir;
  std::string content_display;  // the content dir as given, for messages
  Taxonomy interests, sectors, occupations;
  std::vector<std::map<std::string, std::string>> strings;  // per language, with fallback applied
  std::vector<std::unique_ptr<Document>> documents;
  std::vector<std::unique_ptr<Entry>> pages;   // sorted by weight, then slug
  std::vector<std::unique_ptr<Entry>> events;  // sorted by start, then slug
  Entry* home = nullptr;
  std::vector<int> fallback_chain;  // language indices
  std::int64_t now_ms = 0;
  std::string now_iso;  // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::vector<InternalLink> internal_links;
  // The previous build's calendar ledger in --out, by UID (empty for a fresh build).
  std::map<std::string, CalendarState> calendar_ledger;
};

}  // namespace blendin::generator
