// blendin new event: a ready-to-fill event file, or a translation beside an
// event's existing file.
#include "load.hpp"
#include "stages.hpp"

#include <blendin/core/calendar.hpp>
#include <blendin/core/problem.hpp>

#include <cerrno>
#include <cstdio>
#include <fstream>
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

// Every field the contract knows, commented, two weeks from now at 19:00.
fs::path write_blank_event(const Site& site, const std::string& slug, const std::string& language) {
  const core::calendar::Date day = core::calendar::date_of_day(site.now_ms / 86400000 + 14);
  const fs::path folder = site.content_dir / "events" / std::to_string(int(day.year()));
  fs::create_directories(folder);
  const fs::path path = folder / (slug + "." + language + ".md");
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  std::ofstream out(path, std::ios::binary);
  out << "---\n"
         "# Fill in every line, then remove `draft: true`. See docs/editing.md.\n"
         "title: \""
      << slug
      << "\"          # the event's name, in this file's language\n"
         "description: \"\"                # one sentence for lists and feeds\n"
         "start: "
      << date << "T19:00           # wall time in " << site.config.timezone
      << "; YYYY-MM-DD for all day\n"
         "end: "
      << date
      << "T21:00\n"
         "pillar: social                  # social, culture or work\n"
         "interests: []                   # ids from content/data/interests.yaml, e.g. [cooking, music]\n"
         "languages: ["
      << language
      << "]                # languages spoken at the event\n"
         "location:\n"
         "  name: \"(fill in)\"            # the venue\n"
         "  address: \"\"\n"
         "  postcode: \"\"\n"
         "  city: \"\"\n"
         "  # lat: 52.0907                # optional, WGS84 degrees\n"
         "  # lon: 5.1214\n"
         "# online: https://...           # instead of location, for an online event\n"
         "price: 0                        # euros; 0 = free\n"
         "# capacity: 20\n"
         "# registration: mailto:hallo@blendinnow.nl\n"
         "# partner: \"\"\n"
         "draft: true\n"
         "---\n\n"
         "Write here what people will do together, who it is for, and what to bring.\n";
  check_written(out, path);
  return path;
}

}  // namespace

fs::path write_new_event(const fs::path& content_dir, const std::string& slug, const std::string& language,
                         const std::string& now) {
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
  return write_blank_event(site, slug, language);
}

}  // namespace blendin::generator
