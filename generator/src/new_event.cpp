// blendin new event: a ready-to-fill event file, or a translation beside an
// event's existing file.
#include "load.hpp"
#include "stages.hpp"
#include "yaml_fields.hpp"

#include <blendin/core/calendar.hpp>
#include <blendin/core/problem.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

[[noreturn]] void refuse(std::string file, std::string field, std::string message) {
  throw core::Refused(core::Problem{.field = std::move(field), .message = std::move(message), .file = std::move(file)});
}

void check_written(const std::ofstream& out, const fs::path& path) {
  if (!out) throw std::system_error(errno ? errno : EIO, std::generic_category(), "cannot write " + path.string());
}

// The event's file in another language, if it has one (the first by path);
// refuses a slug that already has a file in `language`.
fs::path existing_translation(const Site& site, const std::string& slug, const std::string& language) {
  fs::path existing;
  const fs::path events = site.content_dir / "events";
  if (!fs::is_directory(events)) return existing;
  for (const auto& item : fs::recursive_directory_iterator(events)) {
    const std::string name = item.path().filename().string();
    if (item.path().extension() != ".md" || name.rfind(slug + ".", 0) != 0) continue;
    const std::string rest = name.substr(slug.size() + 1);
    if (rest != "md" && rest.find('.') != rest.size() - 3) continue;  // another slug with a dot
    if (rest == language + ".md" || (rest == "md" && language == site.config.default_language))
      refuse(item.path().generic_string(), "",
             "the event \"" + slug + "\" already has a " + language + " file here: expected a language it has no file in yet");
    if (existing.empty() || item.path() < existing) existing = item.path();
  }
  return existing;
}

// A copy of `existing`'s front matter in `language`, marked draft.
fs::path write_translation(const fs::path& existing, const std::string& slug, const std::string& language) {
  std::ifstream in(existing, std::ios::binary);
  std::stringstream original;
  original << in.rdbuf();
  const std::string text = original.str();
  const auto close = text.find("\n---", 3);
  if (text.rfind("---", 0) != 0 || close == std::string::npos)
    refuse(existing.generic_string(), "", "has no front matter to copy: expected a first line \"---\", YAML, then \"---\"");
  std::string front = text.substr(4, close - 3);
  const fs::path path = existing.parent_path() / (slug + "." + language + ".md");
  std::ofstream out(path, std::ios::binary);
  out << "---\n# Translation of " << existing.filename().generic_string()
      << ": translate title, description and the text, then remove `draft: true`.\n"
      << front << (front.find("\ndraft:") == std::string::npos && front.rfind("draft:", 0) != 0 ? "draft: true\n" : "")
      << "---\n\n(Translate the text of " << existing.filename().generic_string() << " here.)\n";
  check_written(out, path);
  return path;
}

// The notes written above each field, in `language`: templates/i18n/new-event.yaml
// (key -> language -> text), a language without a note taking the site's
// fallback languages' (as interface strings do).
std::map<std::string, std::string> field_notes(const Site& site, const fs::path& templates_dir, const std::string& language) {
  DiagnosticList errors;
  const std::string relative = "i18n/new-event.yaml";
  const auto root = load_yaml_file(templates_dir, relative, (templates_dir / relative).generic_string(), errors);
  errors.throw_if_any();
  std::vector<std::string> order{language};
  for (const int index : site.fallback_chain) order.push_back(site.config.languages[static_cast<std::size_t>(index)].code);
  std::map<std::string, std::string> notes;
  if (!root || !root->IsMap()) return notes;
  for (const auto& item : *root) {
    if (!item.second.IsMap()) continue;
    for (const std::string& code : order)
      if (const YamlNode text = item.second[code]; text.IsScalar() && !text.Scalar().empty()) {
        notes[item.first.Scalar()] = text.Scalar();
        break;
      }
  }
  return notes;
}

// One field of a new event: its line as written (commented out when it is
// optional and has no sensible value yet) and, for location, its parts.
struct NewField {
  std::string line;  // after "key:" (with its leading space), or empty for a map
  bool commented = false;
};

// Every event field of front_matter_keys, each under a note in the chosen
// language, in the order of that list; the file builds as written (a draft),
// two weeks from now at 19:00.
fs::path write_blank_event(const Site& site, const fs::path& templates_dir, const std::string& slug,
                           const std::string& language) {
  const std::map<std::string, std::string> notes = field_notes(site, templates_dir, language);
  const core::calendar::Date day = core::calendar::date_of_day(site.now_ms / 86400000 + 14);
  const fs::path folder = site.content_dir / "events" / std::to_string(int(day.year()));
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  const std::string day_text = date;
  const std::map<std::string_view, NewField> values{
      {"title", {" \"" + slug + "\""}},
      {"description", {" \"\""}},
      {"date", {" " + day_text, true}},
      {"updated", {" " + day_text, true}},
      {"draft", {" true"}},
      {"slug", {" " + slug, true}},
      {"weight", {" 0", true}},
      {"pillar", {" social"}},
      {"start", {" " + day_text + "T19:00"}},
      {"end", {" " + day_text + "T21:00"}},
      {"location", {""}},
      {"online", {" https://", true}},
      {"interests", {" []"}},
      {"languages", {" [" + language + "]"}},
      {"welcomes_beginners", {" false"}},
      {"access", {" []"}},
      {"capacity", {" 20", true}},
      {"places_left", {" 20", true}},
      {"price", {" 0"}},
      {"registration", {" mailto:", true}},
      {"partner", {" \"\"", true}},
      {"image", {" " + slug + ".jpg", true}},
      {"image_alt", {" \"\"", true}},
      {"cancelled", {" false"}},
  };
  std::ostringstream text;
  auto note = [&](std::string_view indent, const std::string& key) {
    if (auto found = notes.find(key); found != notes.end()) text << indent << "# " << found->second << "\n";
  };
  text << "---\n";
  note("", "_intro");
  for (const std::string_view key : front_matter_keys) {
    if (std::find(std::begin(page_only_keys), std::end(page_only_keys), key) != std::end(page_only_keys)) continue;
    text << "\n";
    note("", std::string(key));
    const auto value = values.find(key);
    if (key == "location") {
      text << "location:\n";
      for (const std::string_view part : location_keys) {
        note("  ", "location." + std::string(part));
        if (part == "name")
          text << "  name: \"(…)\"\n";
        else if (part == "address" || part == "city")
          text << "  " << part << ": \"\"\n";
        else if (part == "postcode")
          text << "  # postcode: 3511 AB\n";
        else if (part == "lat")
          text << "  # lat: 52.0907\n";
        else if (part == "lon")
          text << "  # lon: 5.1214\n";
      }
    } else if (value == values.end()) {
      text << "# " << key << ":\n";  // a field this writer has no example for yet
    } else {
      text << (value->second.commented ? "# " : "") << key << ":" << value->second.line << "\n";
    }
  }
  text << "---\n\n";
  if (auto body = notes.find("_body"); body != notes.end()) text << body->second << "\n";
  fs::create_directories(folder);
  const fs::path path = folder / (slug + "." + language + ".md");
  std::ofstream out(path, std::ios::binary);
  out << text.str();
  check_written(out, path);
  return path;
}

}  // namespace

fs::path write_new_event(const fs::path& content_dir, const fs::path& templates_dir, const std::string& slug,
                         const std::string& language, const std::string& now) {
  static const std::regex valid_slug("^[a-z0-9]+(-[a-z0-9]+)*$");
  if (!std::regex_match(slug, valid_slug))
    refuse("", "SLUG", "\"" + slug + "\": expected lower-case letters, digits and dashes, e.g. koken-in-utrecht");
  Site site;
  open_content(site, content_dir);
  if (site.config.language_index(language) < 0) refuse("", "--lang", "\"" + language + "\" is not in site.yaml's languages");
  if (const fs::path existing = existing_translation(site, slug, language); !existing.empty())
    return write_translation(existing, slug, language);
  DiagnosticList errors;
  set_now(site, now, errors);
  errors.throw_if_any();
  BuildOptions options;
  options.content_dir = content_dir;
  options.templates_dir = templates_dir;
  return write_blank_event(site, templates_dir_for(options), slug, language);
}

}  // namespace blendin::generator
