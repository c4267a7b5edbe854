// `blendin build`, `blendin check`, `blendin new event`: thin commands over blendin::generator.
#include "commands.hpp"
#include "options.hpp"

#include <blendin/generator/site.hpp>

#include <cstdio>
#include <iostream>

namespace blendin::cli {

namespace {

generator::BuildOptions read_site_options(const Options& options) {
  generator::BuildOptions build;
  if (auto v = options.get("--content")) build.content_dir = *v;
  if (auto v = options.get("--out")) build.out_dir = *v;
  if (auto v = options.get("--templates")) build.templates_dir = *v;
  if (auto v = options.get("--static")) build.static_dir = *v;
  if (auto v = options.get("--now")) build.now = *v;
  build.threads = static_cast<unsigned>(options.integer("--jobs", 0, 0, 256));
  build.drafts = options.has("--drafts");
  build.future = options.has("--future");
  build.progress = options.has("--progress");
  build.quiet = options.has("--quiet");
  return build;
}

}  // namespace

int run_build(Args args) {
  const Options options(args, {"--content", "--out", "--templates", "--static", "--now", "--jobs"},
                        {"--drafts", "--future", "--progress", "--quiet"});
  options.refuse_positional();  // `blendin build content` would otherwise build ./content whatever was named
  auto build = read_site_options(options);
  // Progress lines on long builds unless --quiet.
  build.free_memory = false;  // the process ends right after the build
  const auto summary = generator::build_site(build);
  if (!options.has("--quiet")) std::printf("%s\n", summary.summary_line(summary.language_order).c_str());
  return 0;
}

int run_check(Args args) {
  const Options options(args, {"--content", "--templates", "--static", "--now", "--jobs"},
                        {"--drafts", "--future", "--progress"});
  options.refuse_positional();
  const auto build = read_site_options(options);
  const auto report = generator::check_site(build);
  std::printf("%s", generator::format_coverage_table(report).c_str());
  std::printf("ok: %d pages, %d links checked, no errors\n", report.html_pages, report.links_checked);
  return 0;
}

int run_new(Args args) {
  const Options options(args, {"--lang", "--content", "--templates", "--now"});
  const auto& words = options.positional();
  if (words.size() != 2 || words[0] != "event")
    refuse_usage("expected: blendin new event SLUG [--lang nl] [--content DIR] [--templates DIR]");
  const auto path =
      generator::write_new_event(options.get("--content").value_or("content"), options.get("--templates").value_or(""), words[1],
                                 options.get("--lang").value_or("nl"), options.get("--now").value_or(""));
  std::printf("wrote %s: fill it in, remove `draft: true`, then run blendin check\n", path.generic_string().c_str());
  return 0;
}

}  // namespace blendin::cli
