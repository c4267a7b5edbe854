// Stage 1, load: site.yaml, the taxonomies (data/) and the interface strings
// (i18n/).
#include "load.hpp"

#include <blendin/generator/site.hpp>

#include "files.hpp"
#include "time.hpp"
#include "yaml_fields.hpp"

namespace fs = std::filesystem;

namespace blendin::generator {

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

namespace {

void read_base_url(SiteConfig& config, const Place& place, const YamlNode& root) {
  if (auto v = root["baseURL"]) {
    if (auto s = get_string(place, v, "baseURL")) {
      if (!looks_like_url(*s, false)) place.at(v, "baseURL: expected an absolute http(s) URL, got \"" + *s + "\"");
      config.base_url = *s;
      if (config.base_url.empty() || config.base_url.back() != '/') config.base_url += '/';
      const auto scheme = config.base_url.find("://");
      const auto slash = scheme == std::string::npos ? std::string::npos : config.base_url.find('/', scheme + 3);
      config.base_path = slash == std::string::npos ? "/" : config.base_url.substr(slash);
    }
  } else {
    place.at(root, "baseURL: required, expected the site's absolute URL such as https://www.blendinnow.nl/");
  }
}

void read_languages(SiteConfig& config, const Place& place, const YamlNode& root) {
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
}

// The default language and the fallback chain, read after the languages.
void read_fallback(Site& site, const Place& place, const YamlNode& root) {
  SiteConfig& config = site.config;
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

}  // namespace

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
  read_base_url(config, place, root);
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
  read_languages(config, place, root);
  read_fallback(site, place, root);
  read_organisation(config, place, root);
}

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

namespace {

void load_taxonomies(Site& site, DiagnosticList& errors) {
  load_taxonomy(site, "interests", site.interests, errors);
  load_taxonomy(site, "sectors", site.sectors, errors);
  load_taxonomy(site, "occupations", site.occupations, errors);
  for (const auto& [id, sector] : site.occupations.sector_of)
    if (!site.sectors.contains(sector))
      errors.add(display_of(site, "data/occupations.yaml"), 0, 0,
                 id + ": sector \"" + sector + "\" is not in data/sectors.yaml, expected one of its ids");
}

}  // namespace

void load_taxonomies_and_strings(Site& site, const fs::path& templates_dir, DiagnosticList& errors) {
  load_taxonomies(site, errors);
  load_strings(site, templates_dir, errors);
}

void open_content(Site& site, const fs::path& content_dir) {
  site.content_dir = content_dir;
  site.content_display = content_dir.generic_string();
  while (site.content_display.size() > 1 && site.content_display.back() == '/') site.content_display.pop_back();
  if (!fs::is_directory(site.content_dir))
    throw core::Refused(
        core::Problem{.message = "not found: expected the content folder (use --content DIR)", .file = site.content_display});
  DiagnosticList errors;
  load_configuration(site, errors);
  errors.throw_if_any();
}

TaxonomyIds read_taxonomy_ids(const fs::path& content_dir) {
  Site site;
  open_content(site, content_dir);
  DiagnosticList errors;
  load_taxonomies(site, errors);
  for (const auto& [taxonomy, name] : {std::pair{&site.interests, "interests"}, std::pair{&site.sectors, "sectors"}})
    if (taxonomy->ids.empty())
      errors.add(display_of(site, std::string("data/") + name + ".yaml"), 0, 0,
                 std::string("expected the ") + name + ", each an id with its labels");
  for (const auto& occupation : site.occupations.ids)
    if (!site.occupations.sector_of.count(occupation))
      errors.add(display_of(site, "data/occupations.yaml"), 0, 0,
                 occupation + ": no sector, expected sector: one of the ids of data/sectors.yaml");
  errors.throw_if_any();
  TaxonomyIds ids{site.interests.ids, site.sectors.ids, site.occupations.ids, {}};
  for (const auto& occupation : ids.occupations) ids.occupation_sectors.push_back(site.occupations.sector_of[occupation]);
  return ids;
}

}  // namespace blendin::generator
