// The pipeline: load, resolve, markdown, render, write; each stage timed.
#include <blendin/generator/site.hpp>

#include "files.hpp"
#include "load.hpp"
#include "markdown.hpp"
#include "output.hpp"
#include "render.hpp"
#include "stages.hpp"
#include "time.hpp"

#include <blendin/core/parallel.hpp>
#include <blendin/core/problem.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

namespace fs = std::filesystem;

namespace blendin::generator {

// [SECTION] entries
Document* Entry::shown_in(int lang, const std::vector<int>& fallback_chain) const {
  if (lang >= 0 && static_cast<std::size_t>(lang) < translations.size()) {
    Document* own = translations[static_cast<std::size_t>(lang)];
    if (own && own->built) return own;
  }
  for (int index : fallback_chain) {
    Document* d = translations[static_cast<std::size_t>(index)];
    if (d && d->built) return d;
  }
  for (Document* d : translations)
    if (d && d->built) return d;
  return nullptr;
}

bool Entry::any_built() const {
  return std::any_of(translations.begin(), translations.end(), [](const Document* d) { return d && d->built; });
}

unsigned thread_count(const BuildOptions& options) {
  if (options.threads) return options.threads;
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware ? hardware : 2;
}

fs::path templates_dir_for(const BuildOptions& options) {
  if (!options.templates_dir.empty()) return options.templates_dir;
  fs::path content = options.content_dir;
  if (content.filename().empty()) content = content.parent_path();
  const fs::path beside = content.has_parent_path() ? content.parent_path() / "templates" : fs::path("templates");
  return beside;
}

void set_now(Site& site, const std::string& now, DiagnosticList& errors) {
  if (now.empty()) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    site.now_ms = ms / 1000 * 1000;
  } else {
    auto parsed = parse_event_time(now, site.config.timezone.empty() ? "UTC" : site.config.timezone);
    if (!parsed.time) {
      errors.add("--now", 0, 0, parsed.error);
      return;
    }
    site.now_ms = parsed.time->utc_ms;
  }
  site.now_iso = format_utc_iso(site.now_ms);
}

namespace {

// content/static/** and the --static folder are copied to the site's root as
// they are, except where the generator writes its own files; from content,
// active content only with unsafeHTML (the --static folder is built, not
// committed, and trusted like templates).
void add_static_files(const Site& site, const fs::path& static_dir, std::vector<Asset>& assets, DiagnosticList& errors) {
  static const std::set<std::string> generated = {
      "api", "assets", "index.html", "404.html", "sitemap.xml", "robots.txt", std::string(output_marker_name)};
  const bool from_content = static_dir.empty();
  const fs::path root = from_content ? site.content_dir : static_dir;
  const std::string display = from_content ? site.content_display : static_dir.generic_string();
  const std::string prefix = from_content ? "static/" : "";
  for (auto& file : list_files(root, from_content ? root / "static" : root, display, errors)) {
    const std::string output = file.relative.substr(prefix.size());
    const std::string first = output.substr(0, output.find('/'));
    const std::string shown = display + "/" + file.relative;
    if (site.config.language_index(first) >= 0 || generated.count(first))
      errors.add(shown, 0, 0,
                 "/" + output +
                     " is where the site's own pages and files go: expected a static file "
                     "in a folder of its own, such as static/images/");
    else if (from_content && !site.config.unsafe_html && is_active_content(file.path))
      errors.add(shown, 0, 0,
                 "can run script in a visitor's browser (HTML, SVG, JavaScript or XML): expected "
                 "images, documents or fonts, or unsafeHTML: true in site.yaml");
    else
      assets.push_back({std::move(file.path), output, std::nullopt});
  }
}

}  // namespace

void load_and_prepare(Loaded& loaded, const BuildOptions& options, StageTimer& timer, unsigned threads) {
  Site& site = loaded.site;
  open_content(site, options.content_dir);
  DiagnosticList errors;
  set_now(site, options.now, errors);
  load_taxonomies_and_strings(site, templates_dir_for(options), errors);
  load_documents(site, threads, errors);
  if (!options.quiet && site.documents.size() > 5000) timer.enable_progress();  // a long build: show progress
  loaded.templates = load_templates(templates_dir_for(options), site, errors);
  timer.done("load", std::to_string(site.documents.size()) + " content files");

  resolve(site, options, errors);
  timer.done("resolve");

  std::map<std::string, Document*> by_path;
  std::map<std::string, Entry*> by_folder_slug;
  for (auto& document : site.documents) {
    by_path[document->relative_path] = document.get();
    if (document->entry)
      by_folder_slug[(fs::path(document->relative_path).parent_path() / document->file_slug).generic_string()] = document->entry;
  }
  MarkdownContext context{site, by_path, by_folder_slug};
  std::vector<Document*> to_render;
  for (auto& document : site.documents)
    if (document->built && document->entry) to_render.push_back(document.get());
  std::vector<MarkdownOutput> outputs(to_render.size());
  core::for_each_index(to_render.size(), threads,
                       [&](std::size_t, std::size_t i) { render_markdown(context, *to_render[i], outputs[i], errors); });
  for (auto& output : outputs) {
    site.internal_links.insert(site.internal_links.end(), output.links.begin(), output.links.end());
    loaded.assets.insert(loaded.assets.end(), output.assets.begin(), output.assets.end());
  }
  add_static_files(site, {}, loaded.assets, errors);
  if (!options.static_dir.empty()) {
    if (!fs::is_directory(options.static_dir))
      errors.add(options.static_dir.generic_string(), 0, 0, "--static: not a folder: expected the folder of built files");
    else
      add_static_files(site, options.static_dir, loaded.assets, errors);
  }
  timer.done("markdown", std::to_string(to_render.size()) + " documents");
  make_pictures(site, loaded.pictures, loaded.assets, threads, errors);
  timer.done("pictures", std::to_string(loaded.pictures.size()) + " files");
  std::sort(loaded.assets.begin(), loaded.assets.end(),
            [](const Asset& a, const Asset& b) { return a.output_path < b.output_path; });
  loaded.assets.erase(std::unique(loaded.assets.begin(), loaded.assets.end(),
                                  [](const Asset& a, const Asset& b) { return a.output_path == b.output_path; }),
                      loaded.assets.end());
  errors.throw_if_any();
}

// [SECTION] build
BuildSummary build_site(const BuildOptions& options) {
  auto owned = std::make_unique<Loaded>();
  const BuildSummary summary = build_into(options, *owned);
  if (!options.free_memory) (void)owned.release();  // intentionally left to the OS
  return summary;
}

BuildSummary build_into(const BuildOptions& options, Loaded& loaded, const std::function<void()>& after_swap) {
  BuildSummary summary;
  StageTimer timer(summary.stages, options.progress);
  const unsigned threads = thread_count(options);
  // Refuses an --out that may not be replaced before any work is done.
  std::vector<fs::path> sources{options.content_dir, templates_dir_for(options)};
  if (!options.static_dir.empty()) sources.push_back(options.static_dir);
  OutputWriter writer(options.out_dir, sources);
  load_and_prepare(loaded, options, timer, threads);
  Site& site = loaded.site;
  site.calendar_ledger = read_calendar_ledger(options.out_dir);  // what subscribers' calendars were last told
  check_markdown_anchors(site);
  DiagnosticList errors;
  const RenderStats stats = render_site(site, loaded.templates, loaded.assets, loaded.pictures, writer, threads);
  errors.throw_if_any();
  timer.done("render", std::to_string(writer.files()) + " files");
  writer.commit(after_swap);
  site.calendar_ledger = read_calendar_ledger(options.out_dir);  // a live preview compares with this build
  timer.done("write");
  summary.pages_per_language = stats.pages_per_language;
  summary.html_pages = stats.html_pages;
  summary.files = writer.files();
  summary.files_changed = writer.changed();
  summary.files_unchanged = writer.unchanged();
  summary.changed_paths = writer.changed_paths();
  summary.seconds = timer.total();
  for (const auto& l : site.config.languages) summary.language_order.push_back(l.code);
  return summary;
}

// [SECTION] summaries
std::string BuildSummary::summary_line(const std::vector<std::string>& order) const {
  std::string per_language;
  for (const auto& code : order) {
    auto found = pages_per_language.find(code);
    per_language +=
        (per_language.empty() ? "" : ", ") + code + " " + std::to_string(found == pages_per_language.end() ? 0 : found->second);
  }
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "built %d pages (%s), %d files (%d changed) in %.2f s", html_pages, per_language.c_str(),
                files, files_changed, seconds);
  return buffer;
}

}  // namespace blendin::generator
