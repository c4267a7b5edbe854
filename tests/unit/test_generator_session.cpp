// Live preview's partial rebuild (generator/session.hpp) on a copy of the
// fixture site: what a preview writes is what the full build writes.
#include <blendin/core/problem.hpp>
#include <blendin/generator/read_file.hpp>
#include <blendin/generator/session.hpp>

#include "temporary_folder.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace blendin;

namespace {

struct Fixture {
  test::TemporaryFolder folder;
  fs::path content = folder.path / "content";
  fs::path event = content / "events/2027/zomertijd-wandeling.nl.md";
  generator::BuildOptions options;
  Fixture() {
    fs::copy(fs::path(BLENDIN_SOURCE_DIR) / "tests/fixtures/site-valid", content, fs::copy_options::recursive);
    options.content_dir = content;
    options.templates_dir = fs::path(BLENDIN_SOURCE_DIR) / "templates";
    options.out_dir = folder.path / "public";
    options.now = "2026-11-28T12:00";
    options.quiet = true;
  }
  void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }
};

}  // namespace

TEST_CASE("generator::SiteSession a preview writes the edited event's pages as the full build then does") {
  Fixture f;
  generator::SiteSession session(f.options);
  session.build();
  const std::string original = generator::read_file(f.event);
  f.write(f.event, std::string(original).replace(original.find("Wandeling na de zomertijd"), 25, "Wandeling bij zonsopgang"));
  const auto written = session.preview({f.event, f.content / "events/2027/.zomertijd-wandeling.nl.md.swp"});
  REQUIRE(written);
  CHECK(written->size() == 2);  // the nl page and its calendar file
  std::map<std::string, std::string> previewed;
  for (const auto& path : *written) previewed[path] = generator::read_file(f.options.out_dir / path);
  CHECK(previewed.at("nl/events/zomertijd-wandeling/index.html").find("Wandeling bij zonsopgang") != std::string::npos);
  CHECK(generator::read_file(f.options.out_dir / "nl/events/calendar.ics").find("Wandeling bij zonsopgang") == std::string::npos);
  const auto summary = session.build();
  for (const auto& [path, bytes] : previewed) CHECK_MESSAGE(generator::read_file(f.options.out_dir / path) == bytes, path);
  CHECK(generator::read_file(f.options.out_dir / "nl/events/calendar.ics").find("Wandeling bij zonsopgang") != std::string::npos);
  const auto again = session.preview({f.event});  // saved again with nothing changed
  REQUIRE(again);
  CHECK(again->empty());
  REQUIRE(summary.changed_paths);
  for (const auto& [path, bytes] : previewed)  // the preview's files, already as the build writes them
    CHECK(std::find(summary.changed_paths->begin(), summary.changed_paths->end(), path) == summary.changed_paths->end());
}

TEST_CASE("generator::SiteSession leaves to the full build what a preview cannot show") {
  Fixture f;
  generator::SiteSession session(f.options);
  CHECK_FALSE(session.preview({f.event}));  // no build kept yet
  session.build();
  const std::string original = generator::read_file(f.event);
  CHECK_FALSE(session.preview({}));
  CHECK_FALSE(session.preview({fs::path(BLENDIN_SOURCE_DIR) / "templates/event.mustache"}));  // not a document
  f.write(f.content / "events/2027/nieuw.nl.md", original);
  CHECK_FALSE(session.preview({f.content / "events/2027/nieuw.nl.md"}));  // a new document
  fs::remove(f.content / "events/2027/nieuw.nl.md");
  f.write(f.event, std::string(original).replace(original.find("title:"), 6, "draft: true\ntitle:"));
  CHECK_FALSE(session.preview({f.event}));  // a draft now: whether it is built at all
  // A content error: refused with its place, and nothing written.
  const std::string page = generator::read_file(f.options.out_dir / "nl/events/zomertijd-wandeling/index.html");
  f.write(f.event, std::string(original).replace(original.find("pillar: culture"), 15, "pillar: sport"));
  CHECK_THROWS_WITH_AS(session.preview({f.event}), doctest::Contains("zomertijd-wandeling.nl.md:5:9"), core::Refused);
  CHECK(generator::read_file(f.options.out_dir / "nl/events/zomertijd-wandeling/index.html") == page);
}

TEST_CASE("generator::SiteSession leaves an edit to the full build when templates or the site's data change with it") {
  Fixture f;
  generator::SiteSession session(f.options);
  session.build();
  const std::string original = generator::read_file(f.event);
  f.write(f.event, std::string(original).replace(original.find("Wandeling na de zomertijd"), 25, "Wandeling bij zonsopgang"));
  // An edit may use what such a file brings (a new interest, a template's
  // field); the kept ones may refuse it or render it otherwise.
  CHECK_FALSE(session.preview({f.event, f.content / "site.yaml"}));
  CHECK_FALSE(session.preview({f.event, f.content / "data/interests.yaml"}));
  CHECK_FALSE(session.preview({f.event, f.options.templates_dir / "event.mustache"}));
  CHECK(session.preview({f.event, f.content / "events/2027/zomertijd-wandeling.nl.md~"}));  // an editor's backup
}

TEST_CASE("generator::SiteSession an edit previewed while a full build writes stays in the site after that build") {
  Fixture f;
  generator::SiteSession session(f.options);
  session.build();
  const std::string original = generator::read_file(f.event);
  std::atomic<bool> built = false;
  std::string build_error;
  std::thread build([&] {
    try {
      session.build();
    } catch (const std::exception& error) {
      build_error = error.what();
    }
    built = true;
  });
  // The build's own files appear beside the site once it renders, after it
  // read the documents: an edit saved then is not in what it writes.
  const fs::path building = f.folder.path / (".public.tmp-" + std::to_string(::getpid()));
  const auto rendering = [&] {
    std::error_code error;
    return fs::directory_iterator(building, error) != fs::directory_iterator();
  };
  while (!built && !rendering()) std::this_thread::yield();
  f.write(f.event, std::string(original).replace(original.find("Wandeling na de zomertijd"), 25, "Wandeling bij zonsopgang"));
  REQUIRE(session.preview({f.event}));
  build.join();
  REQUIRE(build_error.empty());
  CHECK(generator::read_file(f.options.out_dir / "nl/events/zomertijd-wandeling/index.html").find("Wandeling bij zonsopgang") !=
        std::string::npos);
}
