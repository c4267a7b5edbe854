// Live preview's partial rebuild (session.hpp): the kept site, one edited
// document read again, its entry's pages rendered and renamed into place.
// Its reason is the live preview goal (bench/goals.md, preview-10000), which
// a full build of that corpus cannot meet.
#include <blendin/generator/session.hpp>

#include "files.hpp"
#include "load.hpp"
#include "markdown.hpp"
#include "output.hpp"
#include "render.hpp"
#include "stages.hpp"

#include <blendin/core/problem.hpp>

#include <unistd.h>
#include <fstream>
#include <map>
#include <system_error>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

fs::path comparable(const fs::path& path) {
  std::error_code error;
  const fs::path normal = fs::weakly_canonical(path, error);
  return error ? path.lexically_normal() : normal;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  if (outer.empty()) return false;
  const auto [outer_end, inner_end] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return outer_end == outer.end();
}

// Writes into a built site's folder: each file to a temporary name beside
// it, then renamed over the old one.
class InPlaceWriter final : public OutputSink {
 public:
  explicit InPlaceWriter(fs::path root) : root_(std::move(root)) {}
  void write(const std::string& path, std::string_view bytes) override {
    rendered.emplace_back(path, bytes);
    const fs::path target = root_ / path;
    // The same bytes again (a save that changed nothing, one save seen as two
    // bursts): not written, so no open page is told it changed.
    std::error_code error;
    if (fs::file_size(target, error) == bytes.size() && !error && read_file(target) == bytes) return;
    const fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".preview");
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), std::streamsize(bytes.size()));
      if (!out) throw std::system_error(errno, std::generic_category(), "cannot write " + temporary.string());
    }
    fs::rename(temporary, target);
    written.push_back(path);
  }
  void copy(const std::string& path, const fs::path& source) override { write(path, read_file(source)); }
  std::vector<std::pair<std::string, std::string>> rendered;  // every file, written or the same already
  std::vector<std::string> written;                           // the paths whose bytes changed

 private:
  fs::path root_;
};

}  // namespace

struct SiteSession::Kept {
  Loaded loaded;
  std::map<std::string, Document*> by_path;
  std::map<std::string, Entry*> by_folder_slug;
  std::map<fs::path, Document*> by_source;    // weakly canonical path of the Markdown file -> document
  fs::path content, templates, static_files;  // weakly canonical

  // A file the build reads that is neither a document nor beside one: a
  // template, the templates' strings, site.yaml, data, a static file. A
  // preview renders with the kept ones, so a change to one is the full build's.
  bool read_besides_documents(const fs::path& normal) const {
    if (is_within(normal, templates) || is_within(normal, static_files)) return true;
    return is_within(normal, content) && !is_within(normal, content / "events") && !is_within(normal, content / "pages");
  }
};

SiteSession::SiteSession(BuildOptions options) : options_(std::move(options)) {}
SiteSession::~SiteSession() = default;

BuildSummary SiteSession::build() {
  unsigned long previews_before = 0;
  {
    std::lock_guard lock(mutex_);
    previews_before = previews_;
  }
  auto kept = std::make_shared<Kept>();
  // Right after the swap: the previews made meanwhile are newer than what this
  // build may have read, so their files go back over its own (not where it
  // wrote none: a page it no longer has). The previous ones are in it, or
  // were older than what it read.
  const auto rewrite_recent_previews = [&] {
    std::lock_guard lock(mutex_);
    InPlaceWriter writer(options_.out_dir);
    for (auto it = recent_.begin(); it != recent_.end();) {
      if (it->second.preview <= previews_before) {
        it = recent_.erase(it);
      } else {
        if (fs::is_regular_file(options_.out_dir / it->first)) writer.write(it->first, it->second.bytes);
        ++it;
      }
    }
  };
  const BuildSummary summary = build_into(options_, kept->loaded, rewrite_recent_previews);
  for (auto& document : kept->loaded.site.documents) {
    kept->by_path[document->relative_path] = document.get();
    if (document->entry)
      kept->by_folder_slug[(fs::path(document->relative_path).parent_path() / document->file_slug).generic_string()] =
          document->entry;
    kept->by_source[comparable(document->source)] = document.get();
  }
  kept->content = comparable(options_.content_dir);
  kept->templates = comparable(templates_dir_for(options_));
  if (!options_.static_dir.empty()) kept->static_files = comparable(options_.static_dir);
  std::lock_guard lock(mutex_);
  kept_ = std::move(kept);
  return summary;
}

std::optional<std::vector<std::string>> SiteSession::preview(const std::vector<fs::path>& changed) {
  std::lock_guard lock(mutex_);
  if (!kept_ || changed.empty()) return std::nullopt;
  Kept& kept = *kept_;
  Site& site = kept.loaded.site;
  // Every change an edit of a document the kept build has, read again.
  std::vector<std::pair<Document*, std::unique_ptr<Document>>> edits;
  DiagnosticList errors;
  for (const auto& path : changed) {
    const fs::path normal = comparable(path);
    const auto found = kept.by_source.find(normal);
    if (found == kept.by_source.end()) {
      if (kept.read_besides_documents(normal)) return std::nullopt;
      // An editor's own files (a swap file, a file written and renamed over
      // the document) and images beside the documents are for the full build
      // that follows; a new Markdown document is a new page, for it alone.
      if (!fs::exists(path) || path.extension() != ".md") continue;
      return std::nullopt;
    }
    if (!fs::is_regular_file(path)) return std::nullopt;  // a document removed
    Document& old = *found->second;
    if (std::any_of(edits.begin(), edits.end(), [&](const auto& edit) { return edit.first == &old; })) continue;
    auto fresh = std::make_unique<Document>();
    fresh->source = old.source;
    fresh->display_path = old.display_path;
    fresh->relative_path = old.relative_path;
    fresh->section = old.section;
    fresh->file_slug = old.file_slug;
    fresh->lang = old.lang;
    fresh->year = old.year;
    parse_document(site, *fresh, read_file(fresh->source), errors);
    edits.emplace_back(&old, std::move(fresh));
  }
  errors.throw_if_any();
  if (edits.empty()) return std::nullopt;
  for (const auto& [old, fresh] : edits) {
    // What decides whether and where a page is built, or what it copies: a full build's.
    if (fresh->url_slug != old->url_slug || fresh->draft != old->draft || fresh->date_ms != old->date_ms ||
        fresh->image != old->image)
      return std::nullopt;
    fresh->entry = old->entry;
    fresh->url = old->url;
    fresh->built = old->built;
    fresh->image_url = old->image_url;
    fresh->image_source = old->image_source;
    fresh->picture = old->picture;
  }
  const MarkdownContext context{site, kept.by_path, kept.by_folder_slug};
  for (const auto& [old, fresh] : edits) {
    MarkdownOutput output;
    if (fresh->built) render_markdown(context, *fresh, output, errors);
  }
  errors.throw_if_any();
  std::vector<const Entry*> entries;
  for (auto& [old, fresh] : edits) {
    *old = std::move(*fresh);  // in place: the entry and the maps keep pointing at it
    if (old->entry && std::find(entries.begin(), entries.end(), old->entry) == entries.end()) entries.push_back(old->entry);
  }
  InPlaceWriter writer(options_.out_dir);
  render_entries(site, kept.loaded.templates, entries, writer);
  ++previews_;
  for (auto& [path, bytes] : writer.rendered) recent_[path] = {previews_, std::move(bytes)};
  return std::move(writer.written);
}

}  // namespace blendin::generator
