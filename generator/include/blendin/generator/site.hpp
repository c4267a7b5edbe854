// blendin::generator: content/ + templates/ -> a static multilingual site.
//
// The one-call entry points lead; details live in src/. A build runs a linear
// list of stages (load, resolve, markdown, render, write), each timed:
//   load      site.yaml, i18n, taxonomies, every Markdown file's front matter
//   resolve   translations, URLs, drafts/future, duplicate slugs
//   markdown  CommonMark -> HTML once every URL is known (links to .md files)
//   render    Mustache templates, feeds, iCalendar, sitemap, JSON API
//   write     into a temporary directory beside --out, swapped in on success
// Content errors are collected across a stage and thrown as one core::Refused
// (every problem with its file, line and column) before anything is written.
#pragma once

#include <blendin/generator/error.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace blendin::generator {

struct BuildOptions {
  std::filesystem::path content_dir = "content";
  std::filesystem::path out_dir = "public";
  // Empty: <content>/../templates, so `content/` and `templates/` sit side by side.
  std::filesystem::path templates_dir;
  // Files built elsewhere (the match explorer's WebAssembly, fonts, map data),
  // copied to the site's root as they are: trusted like templates, so files a
  // browser runs are allowed; they may not sit where the site's own files go.
  std::filesystem::path static_dir;
  bool drafts = false;  // build pages marked draft: true
  bool future = false;  // build pages whose `date` is after --now
  // ISO-8601 instant ("2026-11-28T12:00", "2026-11-28T12:00:00Z", "...+01:00");
  // a wall time is read in the site's time zone. Empty: the clock.
  std::string now;
  unsigned threads = 0;   // 0: std::thread::hardware_concurrency()
  bool progress = false;  // print each stage's time to stderr (automatic above 5,000 content files)
  bool quiet = false;     // never print progress
  // false: leave the loaded site to the operating system (the CLI exits right after;
  // freeing some hundred thousand small objects costs ~3% of a large build).
  bool free_memory = true;
};

struct StageTime {
  std::string stage;
  double seconds = 0;
};

struct BuildSummary {
  std::map<std::string, int> pages_per_language;  // HTML pages under /<lang>/
  int html_pages = 0;
  int files = 0;            // every file in the output
  int files_changed = 0;    // written because their bytes differ from the previous build
  int files_unchanged = 0;  // kept (same bytes, same mtime)
  // The site paths written because their bytes changed, when at most 2,000
  // (a live preview reloads only the open pages they concern); nothing when more.
  std::optional<std::vector<std::string>> changed_paths;
  std::vector<StageTime> stages;
  double seconds = 0;
  std::string summary_line(const std::vector<std::string>& language_order) const;
  std::vector<std::string> language_order;
};

// Builds the site; throws core::Refused (nothing written) or std::system_error.
BuildSummary build_site(const BuildOptions& options);

struct LanguageCoverage {
  std::string code;
  int pages_present = 0, pages_total = 0;
  int events_present = 0, events_total = 0;
  std::vector<std::string> missing_files;  // e.g. content/pages/about.ar.md
};

struct CheckReport {
  std::vector<LanguageCoverage> coverage;
  int html_pages = 0;
  int links_checked = 0;
};

// Everything build validates plus the links and anchors of the generated HTML,
// without writing. Throws core::Refused with every problem found.
CheckReport check_site(const BuildOptions& options);
std::string format_coverage_table(const CheckReport& report);

// content/data's interests, sectors and occupations as a build reads them
// (site.yaml first, for the languages of their labels): the ids in file order
// and each occupation's sector. Throws core::Refused with every problem.
struct TaxonomyIds {
  std::vector<std::string> interests, sectors, occupations;
  std::vector<std::string> occupation_sectors;  // [occupation] its sector's id
};
TaxonomyIds read_taxonomy_ids(const std::filesystem::path& content_dir);

// Writes content/events/<year>/<slug>.<lang>.md ready to fill in; returns its path.
// With a file of the slug in another language (in any year), writes the
// translation beside it. Refuses (core::Refused) a slug that is not one, a
// language not in site.yaml, and a language the event already has. The notes
// above each field are in `language`, from templates_dir/i18n/new-event.yaml
// (an empty templates_dir: the templates folder beside the content, as build).
std::filesystem::path write_new_event(const std::filesystem::path& content_dir, const std::filesystem::path& templates_dir,
                                      const std::string& slug, const std::string& language, const std::string& now);

}  // namespace blendin::generator
