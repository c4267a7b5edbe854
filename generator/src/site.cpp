// The pipeline: load, resolve, markdown, render, write; each stage timed.
// [SECTION] entries  [SECTION] resolve  [SECTION] stages  [SECTION] build
// [SECTION] check  [SECTION] new event  [SECTION] summaries
#include <blendin/core/parallel.hpp>
#include <blendin/generator/site.hpp>

#include "files.hpp"
#include "load.hpp"
#include "markdown.hpp"
#include "output.hpp"
#include "render.hpp"
#include "text.hpp"
#include "time.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
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

namespace {

using Clock = std::chrono::steady_clock;

class StageTimer {
 public:
  StageTimer(std::vector<StageTime>& stages, bool progress) : stages_(stages), progress_(progress) {}
  void done(const std::string& stage, const std::string& detail = "") {
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    stages_.push_back({stage, seconds});
    if (progress_) std::fprintf(stderr, "blendin: %-8s %6.2f s  %s\n", stage.c_str(), seconds, detail.c_str());
    last_ = now;
  }
  void enable_progress() { progress_ = true; }
  double total() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  std::vector<StageTime>& stages_;
  bool progress_;
  Clock::time_point start_ = Clock::now(), last_ = Clock::now();
};

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

// [SECTION] resolve
const std::set<std::string> reserved_page_slugs = {"events", "pillars", "match", "api", "assets"};

void resolve(Site& site, const BuildOptions& options, DiagnosticList& errors) {
  const auto& config = site.config;
  const std::size_t language_count = config.languages.size();
  std::map<std::string, Entry*> entries[2];
  std::map<std::string, Document*> first_file[2];  // slug -> first file seen, for duplicates across folders
  for (auto& owned : site.documents) {
    Document& document = *owned;
    const int lang = config.language_index(document.lang);
    if (lang < 0) continue;
    document.built = (!document.draft || options.drafts) &&
                     (!document.date_ms || *document.date_ms <= site.now_ms || options.future);
    const int kind = document.section == Section::event ? 1 : 0;
    auto [found, inserted] = first_file[kind].emplace(document.file_slug, &document);
    if (!inserted) {
      const Document& first = *found->second;
      const std::string first_folder = fs::path(first.relative_path).parent_path().generic_string();
      const std::string folder = fs::path(document.relative_path).parent_path().generic_string();
      if (first_folder != folder) {
        errors.add(document.display_path, 1, 1,
                   "duplicate " + std::string(kind ? "event" : "page") + " slug \"" + document.file_slug +
                       "\": already used by " + first.display_path + "; expected a slug unique across all " +
                       (kind ? "years" : "folders") + " (translations sit in one folder)");
        continue;
      }
    }
    Entry*& entry = entries[kind][document.file_slug];
    if (!entry) {
      auto created = std::make_unique<Entry>();
      created->section = document.section;
      created->slug = document.file_slug;
      created->translations.assign(language_count, nullptr);
      created->is_home = kind == 0 && document.file_slug == "_index";
      entry = created.get();
      (kind ? site.events : site.pages).push_back(std::move(created));
    }
    Document*& slot = entry->translations[static_cast<std::size_t>(lang)];
    if (slot) {
      errors.add(document.display_path, 1, 1,
                 "a second file for " + document.file_slug + " in language " + document.lang + ": " + slot->display_path +
                     " is the same translation; expected one file per language");
      continue;
    }
    slot = &document;
    document.entry = entry;
    if (kind == 0 && reserved_page_slugs.count(document.url_slug.empty() ? document.file_slug : document.url_slug))
      errors.add(document.display_path, 1, 1,
                 "the page slug \"" + document.file_slug + "\" is reserved for generated pages; expected another name");
  }
  // URLs, canonical translation, images.
  std::map<std::string, const Document*> by_url;
  for (auto* list : {&site.pages, &site.events}) {
    for (auto& entry : *list) {
      const int default_lang = config.language_index(config.default_language);
      entry->canonical = nullptr;
      if (entry->translations[static_cast<std::size_t>(default_lang)] &&
          entry->translations[static_cast<std::size_t>(default_lang)]->built)
        entry->canonical = entry->translations[static_cast<std::size_t>(default_lang)];
      if (!entry->canonical) entry->canonical = entry->shown_in(-1, site.fallback_chain);
      for (Document* document : entry->translations) {
        if (!document) continue;
        const std::string segment = document->url_slug.empty() ? entry->slug : document->url_slug;
        if (entry->is_home)
          document->url = "/" + document->lang + "/";
        else if (entry->section == Section::page)
          document->url = "/" + document->lang + "/" + segment + "/";
        else
          document->url = "/" + document->lang + "/events/" + segment + "/";
        if (!document->built) continue;
        auto [found, inserted] = by_url.emplace(document->url, document);
        if (!inserted)
          errors.add(document->display_path, 1, 1,
                     "the URL " + document->url + " is also produced by " + found->second->display_path +
                         "; expected a different slug");
        if (!document->image.empty()) {
          const std::string& image = document->image;
          const YAML::Mark mark = document->params["image"].Mark();
          std::string problem;
          const auto source = find_content_image({site.content_dir, site.content_display},
                                                 fs::path(document->relative_path).parent_path(), image,
                                                 config.unsafe_html, problem);
          if (!source) {
            errors.add(document->display_path, mark.line + 2, mark.column + 1, "image: " + problem);
          } else if (image[0] == '/') {
            document->image_url = image;
          } else {
            document->image_source = *source;
            document->image_url = document->url + source->filename().string();
          }
        }
      }
    }
  }
  auto page_order = [](const std::unique_ptr<Entry>& a, const std::unique_ptr<Entry>& b) {
    const int wa = a->canonical ? a->canonical->weight : 0, wb = b->canonical ? b->canonical->weight : 0;
    return wa != wb ? wa < wb : a->slug < b->slug;
  };
  std::sort(site.pages.begin(), site.pages.end(), page_order);
  auto event_start = [](const Entry& e) -> std::int64_t {
    const Document* d = e.canonical;
    if (!d)
      for (const Document* t : e.translations)
        if (t) d = t;
    return d ? d->start.utc_ms : 0;
  };
  std::sort(site.events.begin(), site.events.end(), [&](const std::unique_ptr<Entry>& a, const std::unique_ptr<Entry>& b) {
    const auto sa = event_start(*a), sb = event_start(*b);
    return sa != sb ? sa < sb : a->slug < b->slug;
  });
  for (auto& entry : site.pages)
    if (entry->is_home) site.home = entry.get();
  // Events no translation of which is built are left out of every list.
  site.events.erase(std::remove_if(site.events.begin(), site.events.end(),
                                   [](const std::unique_ptr<Entry>& e) { return !e->any_built(); }),
                    site.events.end());
}

// [SECTION] stages
struct Loaded {
  Site site;
  TemplateSet templates;
  std::vector<Asset> assets;
};

void set_now(Site& site, const std::string& now, DiagnosticList& errors) {
  if (now.empty()) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
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

// content/static/** and the --static folder are copied to the site's root as
// they are, except where the generator writes its own files; from content,
// active content only with unsafeHTML (the --static folder is built, not
// committed, and trusted like templates).
void add_static_files(const Site& site, const fs::path& static_dir, std::vector<Asset>& assets, DiagnosticList& errors) {
  static const std::set<std::string> generated = {"api", "assets", "index.html", "404.html", "sitemap.xml",
                                                  "robots.txt", std::string(output_marker_name)};
  const bool from_content = static_dir.empty();
  const fs::path root = from_content ? site.content_dir : static_dir;
  const std::string display = from_content ? site.content_display : static_dir.generic_string();
  const std::string prefix = from_content ? "static/" : "";
  for (auto& file : list_files(root, from_content ? root / "static" : root, display, errors)) {
    const std::string output = file.relative.substr(prefix.size());
    const std::string first = output.substr(0, output.find('/'));
    const std::string shown = display + "/" + file.relative;
    if (site.config.language_index(first) >= 0 || generated.count(first))
      errors.add(shown, 0, 0, "/" + output + " is where the site's own pages and files go: expected a static file "
                              "in a folder of its own, such as static/images/");
    else if (from_content && !site.config.unsafe_html && is_active_content(file.path))
      errors.add(shown, 0, 0, "can run script in a visitor's browser (HTML, SVG, JavaScript or XML): expected "
                              "images, documents or fonts, or unsafeHTML: true in site.yaml");
    else
      assets.push_back({std::move(file.path), output});
  }
}

// Runs load, resolve and markdown; throws ContentErrors before anything is written.
void load_and_prepare(Loaded& loaded, const BuildOptions& options, StageTimer& timer, unsigned threads) {
  Site& site = loaded.site;
  DiagnosticList errors;
  site.content_dir = options.content_dir;
  site.content_display = options.content_dir.generic_string();
  while (site.content_display.size() > 1 && site.content_display.back() == '/') site.content_display.pop_back();
  if (!fs::is_directory(site.content_dir))
    throw std::runtime_error("content folder " + site.content_display + " not found (use --content DIR)");
  load_configuration(site, errors);
  if (!errors.empty()) errors.throw_if_any();  // nothing else can be read without site.yaml
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
      by_folder_slug[(fs::path(document->relative_path).parent_path() / document->file_slug).generic_string()] =
          document->entry;
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
  for (auto& document : site.documents)
    if (document->built && !document->image_source.empty())
      loaded.assets.push_back({document->image_source, document->image_url.substr(1)});
  add_static_files(site, {}, loaded.assets, errors);
  if (!options.static_dir.empty()) {
    if (!fs::is_directory(options.static_dir))
      errors.add(options.static_dir.generic_string(), 0, 0, "--static: not a folder: expected the folder of built files");
    else
      add_static_files(site, options.static_dir, loaded.assets, errors);
  }
  std::sort(loaded.assets.begin(), loaded.assets.end(),
            [](const Asset& a, const Asset& b) { return a.output_path < b.output_path; });
  loaded.assets.erase(std::unique(loaded.assets.begin(), loaded.assets.end(),
                                  [](const Asset& a, const Asset& b) { return a.output_path == b.output_path; }),
                      loaded.assets.end());
  timer.done("markdown", std::to_string(to_render.size()) + " documents");
  errors.throw_if_any();
}

// An in-memory sink for `check` (and the link checker).
class MemorySink final : public OutputSink {
 public:
  void write(const std::string& path, std::string_view bytes) override {
    std::lock_guard lock(mutex_);
    files_[path] = std::string(bytes);
  }
  void copy(const std::string& path, const fs::path&) override {
    std::lock_guard lock(mutex_);
    files_[path] = "";
  }
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> files_;
};

std::string strip_base(const std::string& url, const std::string& base_path) {
  if (url.rfind(base_path, 0) == 0) return "/" + url.substr(base_path.size());
  return url;
}

std::set<std::string> ids_in(const std::string& html) {
  std::set<std::string> ids;
  for (std::size_t pos = html.find(" id=\""); pos != std::string::npos; pos = html.find(" id=\"", pos + 5)) {
    const auto end = html.find('"', pos + 5);
    if (end == std::string::npos) break;
    ids.insert(html.substr(pos + 5, end - pos - 5));
  }
  return ids;
}

// The values of every href="..." and src="..." in a page, in order.
std::vector<std::string_view> link_attribute_values(std::string_view html) {
  std::vector<std::string_view> values;
  for (std::size_t equals = html.find("=\""); equals != std::string_view::npos; equals = html.find("=\"", equals + 2)) {
    const bool href = equals >= 4 && html.substr(equals - 4, 4) == "href";
    const bool src = equals >= 3 && html.substr(equals - 3, 3) == "src";
    if (!href && !src) continue;
    const std::size_t close = html.find('"', equals + 2);
    if (close == std::string_view::npos) break;
    values.push_back(html.substr(equals + 2, close - equals - 2));
    equals = close - 1;  // the next search starts after the closing quote
  }
  return values;
}

// Does /nl/about/#team lead somewhere in the generated files?
std::string link_problem(const std::string& target, const std::map<std::string, std::string>& files,
                         std::map<std::string, std::set<std::string>>& id_cache) {
  const auto hash = target.find('#');
  std::string path = target.substr(0, std::min(hash, target.find('?')));
  const std::string anchor = hash == std::string::npos ? "" : target.substr(hash + 1);
  std::string file = path.substr(1);
  if (file.empty() || file.back() == '/') file += "index.html";
  auto found = files.find(file);
  if (found == files.end() && path.back() != '/' ) {
    found = files.find(file + "/index.html");
    if (found != files.end()) file += "/index.html";
  }
  if (found == files.end()) return "leads nowhere: no page " + path + " is built";
  if (anchor.empty()) return "";
  auto ids = id_cache.find(file);
  if (ids == id_cache.end()) ids = id_cache.emplace(file, ids_in(found->second)).first;
  if (!ids->second.count(anchor)) return "leads nowhere: " + path + " has no element with id \"" + anchor + "\"";
  return "";
}

// Links written in Markdown to a content page's #anchor: checked against its headings
// before anything is rendered (links to generated pages are checked by `check`).
void check_markdown_anchors(const Site& site) {
  DiagnosticList errors;
  std::map<std::string, const Document*> by_url;
  for (auto& document : site.documents)
    if (document->built && document->entry) by_url[document->url] = document.get();
  for (const auto& link : site.internal_links) {
    const std::string target = strip_base(link.target, site.config.base_path);
    const auto hash = target.find('#');
    const std::string path = target.substr(0, hash);
    const std::string anchor = hash == std::string::npos ? "" : target.substr(hash + 1);
    auto found = by_url.find(path);
    if (found == by_url.end()) continue;
    const auto& ids = found->second->heading_ids;
    if (!anchor.empty() && !ids.count(anchor))
      errors.add(link.from->display_path, link.line, link.column,
                 "link to " + link.target + ": " + path + " has no heading with id \"" + anchor + "\"");
  }
  errors.throw_if_any();
}

}  // namespace

// [SECTION] build
BuildSummary build_site(const BuildOptions& options) {
  BuildSummary summary;
  StageTimer timer(summary.stages, options.progress);
  const unsigned threads = thread_count(options);
  // Refuses an --out that may not be replaced before any work is done.
  std::vector<fs::path> sources{options.content_dir, templates_dir_for(options)};
  if (!options.static_dir.empty()) sources.push_back(options.static_dir);
  OutputWriter writer(options.out_dir, sources);
  auto owned = std::make_unique<Loaded>();
  Loaded& loaded = *owned;
  if (!options.free_memory) (void)owned.release();  // intentionally left to the OS
  load_and_prepare(loaded, options, timer, threads);
  Site& site = loaded.site;
  check_markdown_anchors(site);
  DiagnosticList errors;
  const RenderStats stats = render_site(site, loaded.templates, loaded.assets, writer, threads);
  errors.throw_if_any();
  timer.done("render", std::to_string(writer.files()) + " files");
  writer.commit();
  timer.done("write");
  summary.pages_per_language = stats.pages_per_language;
  summary.html_pages = stats.html_pages;
  summary.files = writer.files();
  summary.files_changed = writer.changed();
  summary.files_unchanged = writer.unchanged();
  summary.seconds = timer.total();
  for (const auto& l : site.config.languages) summary.language_order.push_back(l.code);
  return summary;
}

// [SECTION] check
CheckReport check_site(const BuildOptions& options) {
  std::vector<StageTime> stages;
  StageTimer timer(stages, options.progress);
  const unsigned threads = thread_count(options);
  Loaded loaded;
  load_and_prepare(loaded, options, timer, threads);
  const Site& site = loaded.site;
  check_markdown_anchors(site);
  DiagnosticList errors;
  MemorySink sink;
  const RenderStats stats = render_site(site, loaded.templates, loaded.assets, sink, threads);
  CheckReport report;
  report.html_pages = stats.html_pages;
  std::map<std::string, std::set<std::string>> id_cache;
  // Links written in Markdown: reported at their line and column.
  std::set<std::string> content_targets;
  for (const auto& link : site.internal_links) {
    ++report.links_checked;
    content_targets.insert(strip_base(link.target, site.config.base_path));
    const std::string problem = link_problem(strip_base(link.target, site.config.base_path), sink.files(), id_cache);
    if (!problem.empty()) errors.add(link.from->display_path, link.line, link.column, "link to " + link.target + " " + problem);
  }
  // Links in the generated HTML (templates): reported once per target.
  std::map<std::string, std::string> broken;  // target -> first page
  for (const auto& [path, bytes] : sink.files()) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    for (std::string_view value : link_attribute_values(bytes)) {
      std::string target(value);
      if (target.empty() || target.rfind("//", 0) == 0) continue;
      for (const auto& [from, to] : {std::pair{"&amp;", "&"}, std::pair{"&#39;", "'"}, std::pair{"&quot;", "\""}})
        for (auto p = target.find(from); p != std::string::npos; p = target.find(from, p + 1)) target.replace(p, std::strlen(from), to);
      if (target[0] == '#') target = "/" + path.substr(0, path.size() - (path.size() >= 10 && path.substr(path.size() - 10) == "index.html" ? 10 : 0)) + target;
      else if (target[0] != '/') continue;
      else target = strip_base(target, site.config.base_path);
      ++report.links_checked;
      if (content_targets.count(target)) continue;  // reported at its Markdown line above
      const std::string problem = link_problem(target, sink.files(), id_cache);
      if (!problem.empty() && !broken.count(target)) broken[target] = "/" + path;
    }
  }
  for (const auto& [target, page] : broken)
    errors.add("generated " + page, 0, 0, "link to " + target + " " + link_problem(target, sink.files(), id_cache) + " (from the templates)");
  // Translation coverage.
  for (std::size_t lang = 0; lang < site.config.languages.size(); ++lang) {
    LanguageCoverage coverage;
    coverage.code = site.config.languages[lang].code;
    for (const auto* list : {&site.pages, &site.events}) {
      for (const auto& entry : *list) {
        const Document* any = entry->canonical ? entry->canonical : entry->shown_in(-1, site.fallback_chain);
        if (!any) continue;
        const bool present = entry->translations[lang] != nullptr;
        (entry->section == Section::page ? coverage.pages_total : coverage.events_total)++;
        if (present) {
          (entry->section == Section::page ? coverage.pages_present : coverage.events_present)++;
        } else {
          const fs::path folder = fs::path(any->display_path).parent_path();
          coverage.missing_files.push_back((folder / (entry->slug + "." + coverage.code + ".md")).generic_string());
        }
      }
    }
    std::sort(coverage.missing_files.begin(), coverage.missing_files.end());
    report.coverage.push_back(coverage);
  }
  timer.done("check", std::to_string(report.links_checked) + " links");
  errors.throw_if_any();
  return report;
}

std::string format_coverage_table(const CheckReport& report) {
  std::string out = "language  pages    events\n";
  char line[128];
  for (const auto& c : report.coverage) {
    std::snprintf(line, sizeof line, "%-8s  %3d/%-3d  %4d/%-4d\n", c.code.c_str(), c.pages_present, c.pages_total,
                  c.events_present, c.events_total);
    out += line;
  }
  for (const auto& c : report.coverage) {
    if (c.missing_files.empty()) continue;
    out += "\nmissing in " + c.code + " (" + std::to_string(c.missing_files.size()) + "):\n";
    for (const auto& file : c.missing_files) out += "  " + file + "\n";
  }
  return out;
}

// [SECTION] new event
fs::path write_new_event(const fs::path& content_dir, const std::string& slug, const std::string& language,
                         const std::string& now) {
  static const std::regex valid_slug("^[a-z0-9]+(-[a-z0-9]+)*$");
  if (!std::regex_match(slug, valid_slug))
    throw std::runtime_error("slug \"" + slug + "\": expected lower-case letters, digits and dashes, e.g. koken-in-utrecht");
  Site site;
  site.content_dir = content_dir;
  site.content_display = content_dir.generic_string();
  DiagnosticList errors;
  load_configuration(site, errors);
  errors.throw_if_any();
  if (site.config.language_index(language) < 0)
    throw std::runtime_error("language \"" + language + "\" is not in site.yaml's languages");
  // An existing slug in another language: write its translation beside it.
  fs::path existing;
  if (fs::is_directory(content_dir / "events"))
    for (const auto& item : fs::recursive_directory_iterator(content_dir / "events")) {
      const std::string name = item.path().filename().string();
      if (item.path().extension() != ".md" || name.rfind(slug + ".", 0) != 0) continue;
      const std::string rest = name.substr(slug.size() + 1);
      if (rest != "md" && rest.find('.') != rest.size() - 3) continue;  // another slug with a dot
      if (rest == language + ".md" || (rest == "md" && language == site.config.default_language))
        throw std::runtime_error("the event \"" + slug + "\" already has a " + language + " file: " + item.path().generic_string());
      if (existing.empty() || item.path() < existing) existing = item.path();
    }
  if (!existing.empty()) {
    std::ifstream in(existing, std::ios::binary);
    std::stringstream original;
    original << in.rdbuf();
    const std::string text = original.str();
    const auto close = text.find("\n---", 3);
    if (text.rfind("---", 0) != 0 || close == std::string::npos)
      throw std::runtime_error(existing.generic_string() + " has no front matter to copy");
    std::string front = text.substr(4, close - 3);
    const fs::path path = existing.parent_path() / (slug + "." + language + ".md");
    std::ofstream out(path, std::ios::binary);
    out << "---\n# Translation of " << existing.filename().generic_string()
        << ": translate title, description and the text, then remove `draft: true`.\n"
        << front << (front.find("\ndraft:") == std::string::npos && front.rfind("draft:", 0) != 0 ? "draft: true\n" : "")
        << "---\n\n(Translate the text of " << existing.filename().generic_string() << " here.)\n";
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return path;
  }
  set_now(site, now, errors);
  errors.throw_if_any();
  // Two weeks from now at 19:00, as a starting point.
  const core::calendar::Date day = core::calendar::date_of_day(site.now_ms / 86400000 + 14);
  const fs::path folder = content_dir / "events" / std::to_string(int(day.year()));
  fs::create_directories(folder);
  const fs::path path = folder / (slug + "." + language + ".md");
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  std::ofstream out(path, std::ios::binary);
  out << "---\n"
         "# Fill in every line, then remove `draft: true`. See docs/editing.md.\n"
         "title: \"" << slug << "\"          # the event's name, in this file's language\n"
         "description: \"\"                # one sentence for lists and feeds\n"
         "start: " << date << "T19:00           # wall time in " << site.config.timezone << "; YYYY-MM-DD for all day\n"
         "end: " << date << "T21:00\n"
         "pillar: social                  # social, culture or work\n"
         "interests: []                   # ids from content/data/interests.yaml, e.g. [cooking, music]\n"
         "languages: [" << language << "]                # languages spoken at the event\n"
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
  if (!out) throw std::runtime_error("cannot write " + path.string());
  return path;
}

// [SECTION] summaries
std::string BuildSummary::summary_line(const std::vector<std::string>& order) const {
  std::string per_language;
  for (const auto& code : order) {
    auto found = pages_per_language.find(code);
    per_language += (per_language.empty() ? "" : ", ") + code + " " + std::to_string(found == pages_per_language.end() ? 0 : found->second);
  }
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "built %d pages (%s), %d files (%d changed) in %.2f s", html_pages,
                per_language.c_str(), files, files_changed, seconds);
  return buffer;
}

}  // namespace blendin::generator
