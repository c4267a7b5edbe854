// A build kept in memory for live preview (`blendin serve`): after a full
// build, an edit of content documents' Markdown is shown by re-rendering only
// their own pages from the kept site, in a fraction of a full build, while a
// full build follows for what else the edit changes (lists, feeds,
// calendars, the sitemap and the API files).
#pragma once

#include <blendin/generator/site.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace blendin::generator {

class SiteSession {
 public:
  explicit SiteSession(BuildOptions options);
  ~SiteSession();
  SiteSession(const SiteSession&) = delete;
  SiteSession& operator=(const SiteSession&) = delete;

  // A full build, as build_site; on success the loaded site is kept for
  // previews. Throws as build_site does (the previous site and the kept one
  // are left as they were). Safe to call while a preview runs on another
  // thread: the files of previews made since this build began are written
  // again over its own as soon as it is in place, since it may have read the
  // documents before they were saved, and the site then never goes back to
  // an older page (the next build has the edit).
  BuildSummary build();

  // The pages of the edited documents among `changed` (paths as the watcher
  // gives them), rendered from the kept site with those documents read again
  // and written into the site's folder (each file renamed over the old one,
  // so a reader never sees half a file; a file whose bytes are the same is
  // left as it is); returns the site paths written.
  // Nothing (std::nullopt) when no document the kept build has was edited,
  // or a Markdown document was added or removed, or an edit changes a
  // document's slug, draft, date or image, or a file the build reads besides
  // the documents changed too (templates, site.yaml, data, static files: the
  // edit may depend on them), or no build is kept yet: only a full build
  // shows it. Other files beside the documents (an editor's own, images) are
  // left to the full build, which the caller runs after any preview. Throws
  // core::Refused, writing nothing, when an edited document has a content error.
  std::optional<std::vector<std::string>> preview(const std::vector<std::filesystem::path>& changed);

 private:
  struct Kept;
  struct Previewed {
    unsigned long preview = 0;  // the number of the preview that wrote it
    std::string bytes;
  };
  BuildOptions options_;
  std::mutex mutex_;  // guards the members below
  std::shared_ptr<Kept> kept_;
  unsigned long previews_ = 0;               // previews made
  std::map<std::string, Previewed> recent_;  // site path -> what the newest preview wrote there
};

}  // namespace blendin::generator
