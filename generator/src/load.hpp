// Stage 1, load: site.yaml, taxonomies, interface strings and every content
// file's front matter, with the position of every error.
#pragma once

#include "model.hpp"

#include <span>
#include <string_view>

namespace blendin::generator {

// Every front matter key the generator reads, pages' and events' alike: the one
// list that the misspelling check (an unknown key one edit from one of these is
// refused with a suggestion), `blendin new event` and docs/editing.md follow.
// Other unknown keys are kept for templates (CONTENT.md).
inline constexpr std::string_view front_matter_keys[] = {
    "title",    "description", "date",        "updated",   "draft",
    "slug",     "weight",      "pillar",      "start",     "end",
    "location", "online",      "interests",   "languages", "welcomes_beginners",
    "access",   "capacity",    "places_left", "price",     "registration",
    "partner",  "image",       "image_alt",   "cancelled", "facts"};
// The keys of front_matter_keys that only pages read (`blendin new event` leaves them out).
inline constexpr std::string_view page_only_keys[] = {"facts"};
// The keys of an event's `location` map; any other key there is refused.
inline constexpr std::string_view location_keys[] = {"name", "address", "postcode", "city", "lat", "lon"};

// What is wrong with a Dutch postcode, or empty: four digits, the first not 0,
// then an optional space and two capital letters other than SA, SD and SS; or
// the four digits alone (the area, when the street's letters are not wanted).
// The one check of a postcode, for events' locations and site.yaml's address.
std::string postcode_problem(const std::string& postcode);

// The known key that `key` is one edit from (a letter added, dropped, changed,
// or two neighbours swapped; two such edits for keys of eight letters or more),
// or empty when none is: `canceled` gives `cancelled`.
std::string_view misspelt_key(std::string_view key, std::span<const std::string_view> known);

// Reads site.yaml, data/*.yaml and i18n/*.yaml into `site`; errors go to `errors`.
void load_configuration(Site& site, DiagnosticList& errors);

struct Place;
// site.yaml's `organisation` into config.organisation (load_organisation.cpp):
// each filled field checked for its form, empty fields left empty.
void read_organisation(SiteConfig& config, const Place& place, const YamlNode& root);
// A page's `facts:` (organisation, contact or privacy): which of those facts the page shows.
void read_page_facts(const Place& place, const YamlNode& node, Document& document);

// The content folder as every command opens it: its name as messages show it,
// then load_configuration; refused (core::Refused) when the folder is missing
// or its configuration has a problem, since nothing else can be read without it.
void open_content(Site& site, const std::filesystem::path& content_dir);

// Finds pages/**/*.md and events/**/*.md (sorted) and parses each file's front
// matter on `threads` threads. Documents with errors are still returned.
void load_documents(Site& site, unsigned threads, DiagnosticList& errors);

// Parses one file's bytes (exposed for tests and the fuzz target): refuses
// text that is not UTF-8 or holds control characters (check_text), then reads
// the front matter and keeps the body.
void parse_document(const Site& site, Document& document, std::string text, DiagnosticList& errors);

}  // namespace blendin::generator

namespace blendin::generator {
// data/interests.yaml, data/sectors.yaml, data/occupations.yaml and i18n/<lang>.yaml (after load_configuration);
// interface strings are templates/i18n/<lang>.yaml overridden by content/i18n/<lang>.yaml,
// a missing key falling back along site.yaml's fallback languages.
void load_taxonomies_and_strings(Site& site, const std::filesystem::path& templates_dir, DiagnosticList& errors);
void load_strings(Site& site, const std::filesystem::path& templates_dir, DiagnosticList& errors);
}  // namespace blendin::generator
