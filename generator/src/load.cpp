// Stage 1, load: every content file, its name and its front matter.
#include "load.hpp"

#include "files.hpp"
#include "text.hpp"
#include "time.hpp"
#include "yaml_fields.hpp"

#include <blendin/core/parallel.hpp>

#include <algorithm>
#include <functional>
#include <limits>
#include <vector>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

// A generous box around the European Netherlands (the coast of Zeeland to
// Bad Nieuweschans, Eijsden to Rottumeroog, with some sea and border to spare):
// a point outside it is a typo or lat and lon swapped.
constexpr double netherlands_south = 50.7, netherlands_north = 53.7, netherlands_west = 3.2, netherlands_east = 7.3;

// Refuses a point outside the Netherlands at the coordinate that is out.
void check_in_netherlands(const Place& place, const YamlNode& lat_node, double lat, const YamlNode& lon_node, double lon) {
  const bool lat_in = lat >= netherlands_south && lat <= netherlands_north;
  const bool lon_in = lon >= netherlands_west && lon <= netherlands_east;
  if (lat_in && lon_in) return;
  if (lon >= netherlands_south && lon <= netherlands_north && lat >= netherlands_west && lat <= netherlands_east) {
    place.at(lat_node,
             "location.lat: " + lat_node.Scalar() + ", " + lon_node.Scalar() +
                 " is outside the Netherlands: lat and lon look swapped, expected lat (north) from 50.7 to 53.7 and lon "
                 "(east) from 3.2 to 7.3");
    return;
  }
  if (!lat_in)
    place.at(lat_node, "location.lat: " + lat_node.Scalar() +
                           " is outside the Netherlands: expected a latitude from 50.7 to 53.7, such as 52.0907 for Utrecht");
  if (!lon_in)
    place.at(lon_node, "location.lon: " + lon_node.Scalar() +
                           " is outside the Netherlands: expected a longitude from 3.2 to 7.3, such as 5.1214 for Utrecht");
}

void read_location(const Place& place, const YamlNode& node, Document& document) {
  if (!node.IsMap()) {
    place.at(node, "location: expected a map with name, address, postcode, city, lat, lon, got " + describe(node));
    return;
  }
  Location location;
  bool lat_given = false, lon_given = false;
  YamlNode lat_node, lon_node;
  for (const auto& item : node) {
    const std::string key = item.first.Scalar();
    const std::string full = "location." + key;
    if (key == "name" || key == "address" || key == "postcode" || key == "city") {
      auto s = get_string(place, item.second, full);
      if (!s) continue;
      if (key == "name") location.name = *s;
      if (key == "address") location.address = *s;
      if (key == "postcode") {
        if (const std::string problem = postcode_problem(*s); !problem.empty()) place.at(item.second, full + ": " + problem);
        location.postcode = *s;
      }
      if (key == "city") location.city = *s;
    } else if (key == "lat") {
      lat_given = true;
      lat_node = item.second;
      location.lat = get_number(place, item.second, full, -90, 90, "a latitude in degrees from -90 to 90 (WGS84)");
    } else if (key == "lon") {
      lon_given = true;
      lon_node = item.second;
      location.lon = get_number(place, item.second, full, -180, 180, "a longitude in degrees from -180 to 180 (WGS84)");
    } else if (const std::string_view meant = misspelt_key(key, location_keys); !meant.empty()) {
      place.at(item.first, "location: unknown field \"" + key + "\", did you mean \"" + std::string(meant) + "\"?");
    } else {
      place.at(item.first, "location: unknown field \"" + key + "\", expected name, address, postcode, city, lat or lon");
    }
  }
  if (lat_given != lon_given) place.at(node, "location: expected both lat and lon, or neither");
  if (location.name.empty()) place.at(node, "location.name: required, expected the venue's name");
  if (location.lat && location.lon) check_in_netherlands(place, lat_node, *location.lat, lon_node, *location.lon);
  if (!location.lat || !location.lon) location.lat = location.lon = std::nullopt;
  document.location = location;
}

// The ids of a list such as [cooking, music], each checked by `problem` (what
// is wrong with it, or empty), every wrong one named at its own place.
std::vector<std::string> read_id_list(const Place& place, const YamlNode& node, const std::string& key,
                                      const std::function<std::string(const std::string&)>& problem) {
  std::vector<std::string> ids;
  if (!node.IsSequence()) {
    place.at(node, key + ": expected a list such as [cooking, music], got " + describe(node));
    return ids;
  }
  for (const auto& item : node) {
    if (!item.IsScalar())
      place.at(item, key + ": expected an id, got " + describe(item));
    else if (const std::string wrong = problem(item.Scalar()); !wrong.empty())
      place.at(item, key + ": " + wrong);
    else
      ids.push_back(item.Scalar());
  }
  return ids;
}

// start and end, as wall times in the site's zone or instants.
void read_event_times(const Site& site, const Place& place, const YamlNode& root, Document& document) {
  const std::string& zone = site.config.timezone;
  bool start_ok = false;
  if (auto v = root["start"]) {
    if (auto s = get_string(place, v, "start")) {
      auto parsed = parse_event_time(*s, zone);
      if (parsed.time) {
        document.start = *parsed.time;
        start_ok = true;
      } else {
        place.at(v, "start: " + parsed.error);
      }
    }
  } else {
    place.missing("start: required for an event, expected YYYY-MM-DDTHH:MM or YYYY-MM-DD");
  }
  if (auto v = root["end"]) {
    if (auto s = get_string(place, v, "end")) {
      auto parsed = parse_event_time(*s, zone);
      if (!parsed.time) {
        place.at(v, "end: " + parsed.error);
      } else {
        document.end = *parsed.time;
        if (start_ok && parsed.time->utc_ms < document.start.utc_ms)
          place.at(v, "end: " + *s + " is before start " + root["start"].Scalar() + ", expected an end at or after the start");
        else if (start_ok && parsed.time->all_day != document.start.all_day)
          place.at(v, "end: expected the same form as start (both dates, or both date and time)");
      }
    }
  }
}

// Where: a link for an online event, a place for the rest.
void read_event_place(const Place& place, const YamlNode& root, Document& document) {
  if (auto v = root["online"]) {
    if (auto s = get_string(place, v, "online")) {
      if (!looks_like_url(*s, false))
        place.at(v, "online: expected an https:// URL, got \"" + *s + "\"");
      else
        document.online = *s;
    }
  }
  if (auto v = root["location"]) {
    read_location(place, v, document);
  } else if (!root["online"]) {
    place.missing("location: required unless the event is online, expected a map with name, city, ...");
  }
}

// Interests from data/interests.yaml and the languages spoken.
void read_event_lists(const Site& site, const Place& place, const YamlNode& root, Document& document) {
  if (auto v = root["interests"])
    document.interests = read_id_list(place, v, "interests", [&](const std::string& id) {
      return site.interests.contains(id) ? "" : "unknown id \"" + id + "\", expected an id from data/interests.yaml";
    });
  if (auto v = root["languages"])
    document.languages = read_id_list(place, v, "languages", [](const std::string& code) {
      const bool plausible = code.size() >= 2 && code.size() <= 3 &&
                             std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      return plausible ? "" : "expected language codes such as nl, en, ar, got \"" + code + "\"";
    });
}

// Capacity, price, registration, partner, image and its alt text, places left,
// accessibility facts, cancelled, welcomes_beginners.
void read_event_terms(const Place& place, const YamlNode& root, Document& document) {
  if (auto v = root["capacity"]) document.capacity = get_int(place, v, "capacity", 0, 100000);
  if (auto v = root["price"]) document.price = get_number(place, v, "price", 0, 1e6, "an amount in euros (0 = free)");
  if (auto v = root["registration"]) {
    if (auto s = get_string(place, v, "registration")) {
      if (!looks_like_url(*s, true))
        place.at(v, "registration: expected an https:// URL or a mailto: address, got \"" + *s + "\"");
      else
        document.registration = *s;
    }
  }
  if (auto v = root["partner"]) {
    if (auto s = get_string(place, v, "partner")) document.partner = *s;
  }
  if (auto v = root["image"]) {
    if (auto s = get_string(place, v, "image")) document.image = *s;
    if (auto alt = root["image_alt"]) {
      if (auto s = get_string(place, alt, "image_alt")) document.image_alt = *s;
    } else {
      place.at(v,
               "image: expected image_alt: what the picture shows, for people who cannot see it (image_alt: \"\" when "
               "it only decorates)");
    }
  }
  if (auto v = root["places_left"]) {
    document.places_left = get_int(place, v, "places_left", 0, 100000);
    if (document.places_left && document.capacity && *document.places_left > *document.capacity)
      place.at(v, "places_left: " + std::to_string(*document.places_left) + " is more than capacity " +
                      std::to_string(*document.capacity) + ", expected at most the capacity");
  }
  if (auto v = root["access"])
    document.access = read_id_list(place, v, "access", [](const std::string& id) {
      for (const char* known : access_ids)
        if (id == known) return std::string();
      std::string ids;
      for (const char* known : access_ids) ids += (ids.empty() ? "" : ", ") + std::string(known);
      return "unknown id \"" + id + "\", expected one of " + ids;
    });
  if (auto v = root["cancelled"]) {
    if (auto b = get_bool(place, v, "cancelled")) document.cancelled = *b;
  }
  if (auto v = root["welcomes_beginners"]) {
    if (auto b = get_bool(place, v, "welcomes_beginners")) document.welcomes_beginners = *b;
  }
}

void read_event_fields(const Site& site, const Place& place, const YamlNode& root, Document& document) {
  if (auto v = root["pillar"]) {
    if (auto pillar = get_pillar(place, v)) document.pillar = *pillar;
  } else {
    place.missing("pillar: required for an event, expected social, culture or work");
  }
  read_event_times(site, place, root, document);
  read_event_place(place, root, document);
  read_event_lists(site, place, root, document);
  read_event_terms(place, root, document);
}

}  // namespace

std::string postcode_problem(const std::string& postcode) {
  const std::string expected =
      "expected a Dutch postcode such as 3511 AB (four digits, the first not 0, then two capital "
      "letters) or its four digits alone, got \"" +
      postcode + "\"";
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (postcode.size() < 4 || postcode[0] == '0' || !std::all_of(postcode.begin(), postcode.begin() + 4, digit)) return expected;
  std::string_view letters = std::string_view(postcode).substr(4);
  if (letters.empty()) return "";
  if (letters.front() == ' ') letters.remove_prefix(1);
  if (letters.size() != 2 || !capital(letters[0]) || !capital(letters[1])) return expected;
  if (letters == "SA" || letters == "SD" || letters == "SS")
    return "the letters " + std::string(letters) + " are never given to a Dutch postcode; " + expected;
  return "";
}

namespace {

// The front matter between a first line "---" and the next line "---"; the
// rest is the body. Nothing when the fences are missing (the error is reported).
std::optional<std::string_view> split_front_matter(const std::string& text, Document& document, DiagnosticList& errors) {
  const std::string& file = document.display_path;
  auto line_end = [&](std::size_t from) {
    const auto nl = text.find('\n', from);
    return nl == std::string::npos ? text.size() : nl;
  };
  auto line_is_fence = [&](std::size_t from, std::size_t to) {
    std::string_view line(text.data() + from, to - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line == "---";
  };
  const std::size_t first_end = line_end(0);
  if (!line_is_fence(0, first_end)) {
    errors.add(file, 1, 1, "expected front matter: a first line \"---\", then YAML (title: ...), then \"---\"");
    return std::nullopt;
  }
  std::size_t pos = first_end + 1;
  int line = 2;
  std::size_t close = std::string::npos;
  while (pos < text.size()) {
    const std::size_t end = line_end(pos);
    if (line_is_fence(pos, end)) {
      close = pos;
      break;
    }
    pos = end + 1;
    ++line;
  }
  if (close == std::string::npos) {
    errors.add(file, 1, 1, "front matter is not closed: expected a line \"---\" after the YAML");
    return std::nullopt;
  }
  const std::size_t body_start = std::min(text.size(), line_end(close) + 1);
  document.body = text.substr(body_start);
  document.body_line = line + 1;
  return std::string_view(text).substr(first_end + 1, close - first_end - 1);
}

// The fields every page and event may have: title, description, date, updated, draft, weight, slug.
void read_common_fields(const Site& site, const Place& place, const YamlNode& root, Document& document) {
  if (auto v = root["title"]) {
    if (auto s = get_string(place, v, "title")) {
      if (s->empty()) place.at(v, "title: expected a non-empty text");
      document.title = *s;
    }
  } else {
    place.missing("title: required, expected a non-empty text");
  }
  if (auto v = root["description"]) {
    if (auto s = get_string(place, v, "description")) {
      document.description = *s;
      document.description_given = true;
    }
  }
  if (auto v = root["date"]) {
    if (auto s = get_string(place, v, "date")) {
      auto parsed = parse_event_time(*s, site.config.timezone);
      if (!parsed.time)
        place.at(v, "date: " + parsed.error);
      else {
        document.date_ms = parsed.time->utc_ms;
        document.date_text = *s;
      }
    }
  }
  if (auto v = root["updated"]) {
    if (auto s = get_string(place, v, "updated")) {
      auto parsed = parse_event_time(*s, site.config.timezone);
      if (!parsed.time)
        place.at(v, "updated: " + parsed.error);
      else
        document.updated_ms = parsed.time->utc_ms;
    }
  }
  if (auto v = root["draft"]) {
    if (auto b = get_bool(place, v, "draft")) document.draft = *b;
  }
  if (auto v = root["weight"]) {
    if (auto n = get_int(place, v, "weight", -1000000, 1000000)) document.weight = *n;
  }
  if (auto v = root["slug"]) {
    if (auto s = get_string(place, v, "slug")) {
      if (const std::string problem = url_segment_problem(*s); !problem.empty())
        place.at(v, "slug: " + problem);
      else
        document.url_slug = *s;
    }
  }
}

// Unknown keys are kept for templates, but one that is a typo of a known key
// (and the known key is not given too) would silently lose the field.
void check_misspelt_keys(const Place& place, const YamlNode& root) {
  for (const auto& item : root) {
    if (!item.first.IsScalar()) continue;
    const std::string& key = item.first.Scalar();
    if (std::find(std::begin(front_matter_keys), std::end(front_matter_keys), key) != std::end(front_matter_keys)) continue;
    const std::string_view meant = misspelt_key(key, front_matter_keys);
    if (!meant.empty() && !root[meant])
      place.at(item.first, "unknown key \"" + key + "\": did you mean \"" + std::string(meant) + "\"?");
  }
}

}  // namespace

std::string_view misspelt_key(std::string_view key, std::span<const std::string_view> known) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  };
  // Optimal string alignment distance: insertions, deletions, substitutions
  // and swaps of two neighbours, each one edit.
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
      for (std::size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[a.size()][b.size()];
  };
  const std::string typed = lower(key);
  std::string_view best;
  std::size_t best_distance = 3;
  for (const std::string_view candidate : known) {
    const std::size_t allowed = candidate.size() >= 8 ? 2 : 1;
    const std::size_t d = distance(typed, std::string(candidate));
    if (d <= allowed && d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

void parse_document(const Site& site, Document& document, std::string text, DiagnosticList& errors) {
  const std::string& file = document.display_path;
  if (!check_text(file, text, errors)) return;
  const std::optional<std::string_view> yaml = split_front_matter(text, document, errors);
  if (!yaml) return;
  const Place place{file, 1, errors};
  YamlNode root;
  try {
    root = YamlNode::load(*yaml);
  } catch (const YAML::Exception& error) {
    report_yaml_error(file, 1, *yaml, error, errors);
    return;
  }
  if (auto mistake = find_yaml_mistake(*yaml, std::numeric_limits<int>::max() - 1, true)) {
    errors.add(file, mistake->line + 2, mistake->column + 1, std::move(mistake->message));
    return;
  }
  if (!root.IsMap()) {
    if (root.IsNull())
      errors.add(file, 1, 1, "title: required, expected a non-empty text");
    else
      place.at(root, "front matter: expected key: value lines, got " + describe(root));
    return;
  }
  document.params = root;
  check_misspelt_keys(place, root);
  read_common_fields(site, place, root, document);
  if (document.section == Section::event) {
    read_event_fields(site, place, root, document);
  } else if (auto v = root["pillar"]) {
    if (auto pillar = get_pillar(place, v)) document.pillar = *pillar;
  }
  if (auto v = root["facts"]; v && document.section == Section::page) read_page_facts(place, v, document);
}

void load_documents(Site& site, unsigned threads, DiagnosticList& errors) {
  struct Found {
    FoundFile file;
    Section section;
  };
  std::vector<Found> found;
  for (const auto& [folder, section] : {std::pair{"pages", Section::page}, std::pair{"events", Section::event}})
    for (auto& file : list_files(site.content_dir, site.content_dir / folder, site.content_display, errors))
      if (file.path.extension() == ".md") found.push_back({std::move(file), section});
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.file.relative < b.file.relative; });

  site.documents.resize(found.size());
  core::for_each_index(found.size(), threads, [&](std::size_t, std::size_t i) {
    auto document = std::make_unique<Document>();
    document->source = found[i].file.path;
    document->relative_path = found[i].file.relative;
    document->display_path = display_of(site, found[i].file.relative);
    document->section = found[i].section;
    // <slug>.<lang>.md, or <slug>.md in the default language
    std::string stem = found[i].file.path.stem().string();
    const auto dot = stem.rfind('.');
    if (dot != std::string::npos) {
      document->lang = stem.substr(dot + 1);
      document->file_slug = stem.substr(0, dot);
      if (site.config.language_index(document->lang) < 0) {
        std::string codes;
        for (const auto& l : site.config.languages) codes += (codes.empty() ? "" : ", ") + l.code;
        errors.add(document->display_path, 1, 1,  // the name is wrong, not a line: point at the file's start
                   "the file name ends in language \"" + document->lang + "\", expected one of " + codes +
                       " (name files <slug>.<lang>.md)");
      }
    } else {
      document->lang = site.config.default_language;
      document->file_slug = stem;
    }
    if (const std::string problem = url_segment_problem(document->file_slug); !problem.empty())
      errors.add(document->display_path, 1, 1, "the file name's slug: " + problem + " (name files <slug>.<lang>.md)");
    if (document->section == Section::event) {
      const fs::path parent = found[i].file.path.parent_path();
      document->year = parent.filename().string();
    }
    try {
      parse_document(site, *document, read_file(document->source), errors);
    } catch (const std::exception& error) {
      errors.add(document->display_path, 0, 0, error.what());
    }
    site.documents[i] = std::move(document);
  });
}

}  // namespace blendin::generator
