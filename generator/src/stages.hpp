// The stages a build and a check share (site.cpp): load, resolve (resolve.cpp)
// and Markdown, before anything is rendered or written.
#pragma once

#include <blendin/generator/site.hpp>

#include "model.hpp"
#include "output.hpp"
#include "pictures.hpp"
#include "render.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace blendin::generator {

struct Loaded {
  Site site;
  TemplateSet templates;
  std::vector<Asset> assets;
  std::vector<MadeFile> pictures;  // editors' photos and logos at their widths (pictures.hpp)
};

// Times each stage; prints it with --progress (or on a long build).
class StageTimer {
 public:
  using Clock = std::chrono::steady_clock;
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

unsigned thread_count(const BuildOptions& options);
// --templates, or templates/ beside the content folder.
std::filesystem::path templates_dir_for(const BuildOptions& options);
// The build's "now": --now in the site's zone, or the clock, to the second.
void set_now(Site& site, const std::string& now, DiagnosticList& errors);
// Translations grouped into entries, URLs, canonical translations, images, order.
void resolve(Site& site, const BuildOptions& options, DiagnosticList& errors);
// Runs load, resolve, Markdown and pictures; throws core::Refused with every content
// problem before anything is written.
void load_and_prepare(Loaded& loaded, const BuildOptions& options, StageTimer& timer, unsigned threads);
// The whole build of build_site; `loaded` receives the loaded site, which a
// live preview keeps to render its previews from (session.hpp). `after_swap`
// runs once the new site is in place, before the previous one is removed.
BuildSummary build_into(const BuildOptions& options, Loaded& loaded, const std::function<void()>& after_swap = {});
// Links written in Markdown to a content page's #anchor, checked against its headings.
void check_markdown_anchors(const Site& site);
// A site URL without the site's base path: /nl/about/.
std::string strip_base(const std::string& url, const std::string& base_path);

}  // namespace blendin::generator
