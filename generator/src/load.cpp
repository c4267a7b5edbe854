// Stage 1, load.
// [SECTION] helpers  [SECTION] site.yaml  [SECTION] taxonomies and strings
// [SECTION] front matter  [SECTION] files
#include "load.hpp"

#include "files.hpp"
#include "text.hpp"
#include "time.hpp"

#include <blendin/core/parallel.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <string_view>

namespace fs = std::filesystem;

namespace blendin::generator {

// [SECTION] helpers
namespace {

// Where an error is reported: file plus the line offset of the YAML text in it.
struct Place {
  const std::string& file;
  int line_offset;  // file line of YAML line 0, minus 1
  DiagnosticList& errors;

  void at(const YamlNode& node, std::string message) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null())
      errors.add(file, line_offset + 1, 1, std::move(message));
    else
      errors.add(file, mark.line + 1 + line_offset, mark.column + 1, std::move(message));
  }
};

std::string describe(const YamlNode& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "\"" + node.Scalar() + "\"";
    default: return "nothing";
  }
}

bool is_string(const YamlNode& node) { return node.IsScalar(); }

std::optional<std::string> get_string(const Place& place, const YamlNode& node, const std::string& key) {
  if (!is_string(node)) {
    place.at(node, key + ": expected a text, got " + describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<bool> get_bool(const Place& place, const YamlNode& node, const std::string& key) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  place.at(node, key + ": expected true or false, got " + describe(node));
  return std::nullopt;
}

// A whole number from `low` to `high`, read at the width it is stored in.
template <typename Integer>
std::optional<Integer> get_int(const Place& place, const YamlNode& node, const std::string& key, Integer low,
                               Integer high) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    Integer value{};
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (!s.empty() && error == std::errc() && end == s.data() + s.size() && value >= low && value <= high) return value;
  }
  place.at(node, key + ": expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                     ", got " + describe(node));
  return std::nullopt;
}

std::optional<double> get_number(const Place& place, const YamlNode& node, const std::string& key, double low,
                                 double high, const std::string& expected) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    char* end = nullptr;
    const double value = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0' && std::isfinite(value) && value >= low && value <= high) return value;
  }
  place.at(node, key + ": expected " + expected + ", got " + describe(node));
  return std::nullopt;
}

bool looks_like_url(const std::string& s, bool allow_mailto) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0 || (allow_mailto && s.rfind("mailto:", 0) == 0);
}

// `relative` under `root` (content/ or templates/), which must stay inside
// it; nothing when it cannot be read (the error is reported).
std::optional<YamlNode> load_yaml_file(const fs::path& root, const std::string& relative, const std::string& display,
                                       DiagnosticList& errors) {
  try {
    std::string problem;
    const auto path = resolve_inside(root, relative, problem);
    if (!path) {
      errors.add(display, 0, 0, problem + ", expected a file inside " + root.generic_string());
      return std::nullopt;
    }
    std::string text = read_file(*path);
    if (!check_text(display, text, errors)) return std::nullopt;
    return YamlNode::load(text);
  } catch (const YAML::Exception& error) {
    errors.add(display, error.mark.line + 1, error.mark.column + 1, "YAML: " + error.msg);
  } catch (const std::exception& error) {
    errors.add(display, 0, 0, error.what());
  }
  return std::nullopt;
}

std::string display_of(const Site& site, const std::string& relative) {
  std::string base = site.content_display;
  if (!base.empty() && base.back() != '/') base += '/';
  return base + relative;
}

}  // namespace

int SiteConfig::language_index(const std::string& code) const {
  for (std::size_t i = 0; i < languages.size(); ++i)
    if (languages[i].code == code) return static_cast<int>(i);
  return -1;
}

const Language& SiteConfig::language(const std::string& code) const {
  const int index = language_index(code);
  return languages.at(index < 0 ? 0 : static_cast<std::size_t>(index));
}

std::string Taxonomy::label(const std::string& id, const std::vector<std::string>& chain) const {
  auto found = labels.find(id);
  if (found == labels.end()) return id;
  for (const auto& lang : chain) {
    auto label = found->second.find(lang);
    if (label != found->second.end()) return label->second;
  }
  return found->second.empty() ? id : found->second.begin()->second;
}

// [SECTION] site.yaml
void load_configuration(Site& site, DiagnosticList& errors) {
  SiteConfig& config = site.config;
  const std::string file = display_of(site, "site.yaml");
  const fs::path path = site.content_dir / "site.yaml";
  if (!fs::exists(path)) {
    errors.add(file, 0, 0, "missing: every site needs a site.yaml (title, baseURL, languages, ...)");
    return;
  }
  const auto loaded = load_yaml_file(site.content_dir, "site.yaml", file, errors);
  if (!loaded) return;
  const YamlNode& root = *loaded;
  Place place{file, 0, errors};
  if (!root.IsMap()) {
    place.at(root, "expected a map of settings, got " + describe(root));
    return;
  }
  config.params = root;
  if (auto v = root["title"]) {
    if (auto s = get_string(place, v, "title")) config.title = *s;
  }
  if (auto v = root["baseURL"]) {
    if (auto s = get_string(place, v, "baseURL")) {
      if (!looks_like_url(*s, false))
        place.at(v, "baseURL: expected an absolute http(s) URL, got \"" + *s + "\"");
      config.base_url = *s;
      if (config.base_url.empty() || config.base_url.back() != '/') config.base_url += '/';
      const auto scheme = config.base_url.find("://");
      const auto slash = scheme == std::string::npos ? std::string::npos : config.base_url.find('/', scheme + 3);
      config.base_path = slash == std::string::npos ? "/" : config.base_url.substr(slash);
    }
  } else {
    place.at(root, "baseURL: required, expected the site's absolute URL such as https://www.blendinnow.nl/");
  }
  if (auto v = root["timezone"]) {
    if (auto s = get_string(place, v, "timezone")) {
      if (!is_known_time_zone(*s))
        place.at(v, "timezone: unknown time zone \"" + *s + "\", expected an IANA name such as Europe/Amsterdam");
      else
        config.timezone = *s;
    }
  }
  if (auto v = root["unsafeHTML"]) {
    if (auto b = get_bool(place, v, "unsafeHTML")) config.unsafe_html = *b;
  }
  if (auto v = root["paginate"]) {
    if (auto n = get_int(place, v, "paginate", 1, 1000)) config.paginate = *n;
  }
  const YamlNode languages = root["languages"];
  if (!languages || !languages.IsSequence() || languages.size() == 0) {
    place.at(languages ? languages : root, "languages: required, expected a list of {code, name, dir}");
  } else {
    for (const auto& item : languages) {
      if (!item.IsMap() || !item["code"] || !item["name"]) {
        place.at(item, "languages: expected {code: nl, name: Nederlands}, got " + describe(item));
        continue;
      }
      Language language;
      const auto code = get_string(place, item["code"], "languages: code");
      const auto name = get_string(place, item["name"], "languages: name");
      if (!code || !name) continue;
      if (const std::string problem = language_code_problem(*code); !problem.empty()) {
        place.at(item["code"], "languages: code: " + problem);
        continue;
      }
      language.code = *code;
      language.name = *name;
      if (auto dir = item["dir"]) {
        if (dir.Scalar() != "ltr" && dir.Scalar() != "rtl")
          place.at(dir, "dir: expected ltr or rtl, got " + describe(dir));
        else
          language.dir = dir.Scalar();
      }
      if (config.language_index(language.code) >= 0)
        place.at(item["code"], "languages: \"" + language.code + "\" is listed twice");
      else
        config.languages.push_back(language);
    }
  }
  if (auto v = root["defaultLanguage"]) {
    config.default_language = v.Scalar();
    if (config.language_index(config.default_language) < 0)
      place.at(v, "defaultLanguage: \"" + config.default_language + "\" is not one of languages");
  } else if (!config.languages.empty()) {
    config.default_language = config.languages.front().code;
  }
  if (auto v = root["fallback"]) {
    if (!v.IsSequence()) {
      place.at(v, "fallback: expected a list of language codes, got " + describe(v));
    } else {
      for (const auto& item : v) {
        if (config.language_index(item.Scalar()) < 0)
          place.at(item, "fallback: \"" + item.Scalar() + "\" is not one of languages");
        else
          config.fallback.push_back(item.Scalar());
      }
    }
  }
  if (config.fallback.empty() && !config.default_language.empty()) config.fallback.push_back(config.default_language);
  for (const auto& code : config.fallback) site.fallback_chain.push_back(config.language_index(code));
}

// [SECTION] taxonomies and strings
namespace {

void load_taxonomy(Site& site, const std::string& name, Taxonomy& taxonomy, DiagnosticList& errors) {
  const std::string relative = "data/" + name + ".yaml";
  const fs::path path = site.content_dir / relative;
  const std::string file = display_of(site, relative);
  if (!fs::exists(path)) return;
  const auto loaded = load_yaml_file(site.content_dir, relative, file, errors);
  if (!loaded) return;
  const YamlNode& root = *loaded;
  Place place{file, 0, errors};
  if (!root.IsMap()) {
    place.at(root, "expected a map of id -> labels per language, got " + describe(root));
    return;
  }
  for (const auto& item : root) {
    const std::string id = item.first.Scalar();
    taxonomy.ids.push_back(id);
    auto& labels = taxonomy.labels[id];
    if (!item.second.IsMap()) {
      place.at(item.second, id + ": expected labels per language, got " + describe(item.second));
      continue;
    }
    for (const auto& label : item.second) {
      if (label.first.Scalar() == "sector" && label.second.IsScalar())
        taxonomy.sector_of[id] = label.second.Scalar();
      else if (site.config.language_index(label.first.Scalar()) >= 0 && label.second.IsScalar())
        labels[label.first.Scalar()] = label.second.Scalar();
    }
  }
}

}  // namespace

void load_strings(Site& site, const fs::path& templates_dir, DiagnosticList& errors) {
  const auto& languages = site.config.languages;
  std::vector<std::map<std::string, std::string>> own(languages.size());
  // The templates' defaults first (like a Hugo theme's i18n/), then the site's own strings.
  for (std::size_t layer = 0; layer < 2; ++layer)
  for (std::size_t i = 0; i < languages.size(); ++i) {
    const std::string relative = "i18n/" + languages[i].code + ".yaml";
    const fs::path& folder = layer == 0 ? templates_dir : site.content_dir;
    if (!fs::exists(folder / relative)) continue;
    const std::string file = layer == 0 ? (templates_dir / relative).generic_string() : display_of(site, relative);
    const auto loaded = load_yaml_file(folder, relative, file, errors);
    if (!loaded) continue;
    const YamlNode& root = *loaded;
    Place place{file, 0, errors};
    if (!root.IsMap()) {
      place.at(root, "expected key: \"text\" lines, got " + describe(root));
      continue;
    }
    for (const auto& item : root) {
      if (!item.second.IsScalar())
        place.at(item.second, item.first.Scalar() + ": expected a text, got " + describe(item.second));
      else
        own[i][item.first.Scalar()] = item.second.Scalar();
    }
  }
  // Missing keys fall back along site.yaml's fallback chain (en, then nl).
  site.strings.assign(languages.size(), {});
  for (std::size_t i = 0; i < languages.size(); ++i) {
    auto& merged = site.strings[i];
    for (auto chain = site.fallback_chain.rbegin(); chain != site.fallback_chain.rend(); ++chain)
      for (const auto& [key, text] : own[static_cast<std::size_t>(*chain)]) merged[key] = text;
    for (const auto& [key, text] : own[i]) merged[key] = text;
  }
}

// [SECTION] front matter
namespace {

void read_location(const Place& place, const YamlNode& node, Document& document) {
  if (!node.IsMap()) {
    place.at(node, "location: expected a map with name, address, postcode, city, lat, lon, got " + describe(node));
    return;
  }
  Location location;
  bool lat_given = false, lon_given = false;
  for (const auto& item : node) {
    const std::string key = item.first.Scalar();
    const std::string full = "location." + key;
    if (key == "name" || key == "address" || key == "postcode" || key == "city") {
      auto s = get_string(place, item.second, full);
      if (!s) continue;
      if (key == "name") location.name = *s;
      if (key == "address") location.address = *s;
      if (key == "postcode") location.postcode = *s;
      if (key == "city") location.city = *s;
    } else if (key == "lat") {
      lat_given = true;
      location.lat = get_number(place, item.second, full, -90, 90, "a latitude in degrees from -90 to 90 (WGS84)");
    } else if (key == "lon") {
      lon_given = true;
      location.lon = get_number(place, item.second, full, -180, 180, "a longitude in degrees from -180 to 180 (WGS84)");
    } else {
      place.at(item.first, "location: unknown field \"" + key + "\", expected name, address, postcode, city, lat or lon");
    }
  }
  if (lat_given != lon_given)
    place.at(node, "location: expected both lat and lon, or neither");
  if (location.name.empty()) place.at(node, "location.name: required, expected the venue's name");
  if (!location.lat || !location.lon) location.lat = location.lon = std::nullopt;
  document.location = location;
}

std::vector<std::string> read_id_list(const Place& place, const YamlNode& node, const std::string& key) {
  std::vector<std::string> ids;
  if (!node.IsSequence()) {
    place.at(node, key + ": expected a list such as [cooking, music], got " + describe(node));
    return ids;
  }
  for (const auto& item : node) {
    if (!item.IsScalar())
      place.at(item, key + ": expected an id, got " + describe(item));
    else
      ids.push_back(item.Scalar());
  }
  return ids;
}

void read_event_fields(const Site& site, const Place& place, const YamlNode& root, Document& document) {
  const std::string& zone = site.config.timezone;
  const std::string pillars = "social, culture or work";
  if (auto v = root["pillar"]) {
    if (auto s = get_string(place, v, "pillar")) {
      if (*s != "social" && *s != "culture" && *s != "work")
        place.at(v, "pillar: expected one of social, culture, work, got \"" + *s + "\"");
      else
        document.pillar = *s;
    }
  } else {
    place.at(root, "pillar: required for an event, expected " + pillars);
  }
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
    place.at(root, "start: required for an event, expected YYYY-MM-DDTHH:MM or YYYY-MM-DD");
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
    place.at(root, "location: required unless the event is online, expected a map with name, city, ...");
  }
  if (auto v = root["interests"]) {
    if (!v.IsSequence()) {
      place.at(v, "interests: expected a list of ids such as [cooking, music], got " + describe(v));
    } else {
      for (const auto& item : v) {
        if (!item.IsScalar())
          place.at(item, "interests: expected an id, got " + describe(item));
        else if (!site.interests.contains(item.Scalar()))
          place.at(item, "interests: unknown id \"" + item.Scalar() + "\", expected an id from data/interests.yaml");
        else
          document.interests.push_back(item.Scalar());
      }
    }
  }
  if (auto v = root["languages"]) {
    for (const auto& code : read_id_list(place, v, "languages")) {
      const bool plausible = code.size() >= 2 && code.size() <= 3 &&
                             std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!plausible)
        place.at(v, "languages: expected language codes such as nl, en, ar, got \"" + code + "\"");
      else
        document.languages.push_back(code);
    }
  }
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
  }
  if (auto v = root["cancelled"]) {
    if (auto b = get_bool(place, v, "cancelled")) document.cancelled = *b;
  }
  if (auto v = root["welcomes_beginners"]) {
    if (auto b = get_bool(place, v, "welcomes_beginners")) document.welcomes_beginners = *b;
  }
}

}  // namespace

void parse_document(const Site& site, Document& document, std::string text, DiagnosticList& errors) {
  const std::string& file = document.display_path;
  if (!check_text(file, text, errors)) return;
  // The front matter: a first line "---" and the next line "---".
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
    return;
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
    return;
  }
  const std::string_view yaml = std::string_view(text).substr(first_end + 1, close - first_end - 1);
  const std::size_t body_start = std::min(text.size(), line_end(close) + 1);
  document.body = text.substr(body_start);
  document.body_line = line + 1;

  const Place place{file, 1, errors};
  YamlNode root;
  try {
    root = YamlNode::load(yaml);
  } catch (const YAML::Exception& error) {
    errors.add(file, error.mark.line + 2, error.mark.column + 1, "YAML: " + error.msg);
    return;
  }
  if (!root.IsMap()) {
    if (root.IsNull()) errors.add(file, 1, 1, "title: required, expected a non-empty text");
    else place.at(root, "front matter: expected key: value lines, got " + describe(root));
    return;
  }
  document.params = root;
  if (auto v = root["title"]) {
    if (auto s = get_string(place, v, "title")) {
      if (s->empty()) place.at(v, "title: expected a non-empty text");
      document.title = *s;
    }
  } else {
    errors.add(file, 1, 1, "title: required, expected a non-empty text");
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
  if (document.section == Section::event) {
    read_event_fields(site, place, root, document);
  } else if (auto v = root["pillar"]) {
    if (auto s = get_string(place, v, "pillar")) {
      if (*s != "social" && *s != "culture" && *s != "work")
        place.at(v, "pillar: expected one of social, culture, work, got \"" + *s + "\"");
      else
        document.pillar = *s;
    }
  }
}

// [SECTION] files
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

void load_taxonomies_and_strings(Site& site, const fs::path& templates_dir, DiagnosticList& errors) {
  load_taxonomy(site, "interests", site.interests, errors);
  load_taxonomy(site, "sectors", site.sectors, errors);
  load_taxonomy(site, "occupations", site.occupations, errors);
  for (const auto& [id, sector] : site.occupations.sector_of)
    if (!site.sectors.contains(sector))
      errors.add(display_of(site, "data/occupations.yaml"), 0, 0,
                 id + ": sector \"" + sector + "\" is not in data/sectors.yaml, expected one of its ids");
  load_strings(site, templates_dir, errors);
}

}  // namespace blendin::generator
