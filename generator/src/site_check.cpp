// blendin check: a build in memory whose every link must lead to a built page
// (and anchor), and each language's translation coverage.
#include "stages.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

namespace fs = std::filesystem;

namespace blendin::generator {

std::string strip_base(const std::string& url, const std::string& base_path) {
  if (url.rfind(base_path, 0) == 0) return "/" + url.substr(base_path.size());
  return url;
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

namespace {

using LinkIds = std::map<std::string, std::set<std::string>>;  // a page's element ids, read once

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
std::string link_problem(const std::string& target, const std::map<std::string, std::string>& files, LinkIds& id_cache) {
  const auto hash = target.find('#');
  std::string path = target.substr(0, std::min(hash, target.find('?')));
  const std::string anchor = hash == std::string::npos ? "" : target.substr(hash + 1);
  std::string file = path.substr(1);
  if (file.empty() || file.back() == '/') file += "index.html";
  auto found = files.find(file);
  if (found == files.end() && path.back() != '/') {
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

// Links written in Markdown: reported at their line and column. Returns
// their targets, which the templates' links then leave alone.
std::set<std::string> check_content_links(const Site& site, const std::map<std::string, std::string>& files, LinkIds& id_cache,
                                          CheckReport& report, DiagnosticList& errors) {
  std::set<std::string> content_targets;
  for (const auto& link : site.internal_links) {
    ++report.links_checked;
    content_targets.insert(strip_base(link.target, site.config.base_path));
    const std::string problem = link_problem(strip_base(link.target, site.config.base_path), files, id_cache);
    if (!problem.empty()) errors.add(link.from->display_path, link.line, link.column, "link to " + link.target + " " + problem);
  }
  return content_targets;
}

// Links in the generated HTML (from the templates): reported once per target.
void check_template_links(const Site& site, const std::map<std::string, std::string>& files,
                          const std::set<std::string>& content_targets, LinkIds& id_cache, CheckReport& report,
                          DiagnosticList& errors) {
  std::map<std::string, std::string> broken;  // target -> first page
  for (const auto& [path, bytes] : files) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    for (std::string_view value : link_attribute_values(bytes)) {
      std::string target(value);
      if (target.empty() || target.rfind("//", 0) == 0) continue;
      for (const auto& [from, to] : {std::pair{"&amp;", "&"}, std::pair{"&#39;", "'"}, std::pair{"&quot;", "\""}})
        for (auto p = target.find(from); p != std::string::npos; p = target.find(from, p + 1))
          target.replace(p, std::strlen(from), to);
      if (target[0] == '#')
        target = "/" +
                 path.substr(0, path.size() - (path.size() >= 10 && path.substr(path.size() - 10) == "index.html" ? 10 : 0)) +
                 target;
      else if (target[0] != '/')
        continue;
      else
        target = strip_base(target, site.config.base_path);
      ++report.links_checked;
      if (content_targets.count(target)) continue;  // reported at its Markdown line above
      const std::string problem = link_problem(target, files, id_cache);
      if (!problem.empty() && !broken.count(target)) broken[target] = "/" + path;
    }
  }
  for (const auto& [target, page] : broken)
    errors.add("generated " + page, 0, 0,
               "link to " + target + " " + link_problem(target, files, id_cache) + " (from the templates)");
}

// Which pages and events each language has, and the files that would add the missing ones.
void count_translations(const Site& site, CheckReport& report) {
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
}

}  // namespace

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
  const RenderStats stats = render_site(site, loaded.templates, loaded.assets, loaded.pictures, sink, threads);
  CheckReport report;
  report.html_pages = stats.html_pages;
  LinkIds id_cache;
  const std::set<std::string> content_targets = check_content_links(site, sink.files(), id_cache, report, errors);
  check_template_links(site, sink.files(), content_targets, id_cache, report, errors);
  count_translations(site, report);
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

}  // namespace blendin::generator
