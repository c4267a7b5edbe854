// `blendin serve`: builds the site, serves it with the JSON API
// (blendin::server), and rebuilds it when its content or templates change.
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/validate.hpp>
#include <blendin/generator/session.hpp>
#include <blendin/generator/site.hpp>
#include <blendin/server/server.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "data_files.hpp"
#include "options.hpp"

namespace blendin::cli {

namespace {

// A registration is checked against the site's taxonomy and this year: a pool
// of nobody that holds both.
// With `demo_people` > 0, also that many invented people (seed 1) to seed an
// empty database.
core::Pool registration_context(const std::string& content_dir, std::size_t demo_people) {
  const auto loaded = load_taxonomy(find_content_dir(content_dir));
  core::DemoPoolOptions demo;
  demo.profiles = demo_people;
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  demo.reference_year = int(std::chrono::year_month_day(today).year());
  return core::make_demo_pool(demo, loaded.taxonomy, loaded.occupation_sectors);
}

// The coordinators' token hash as `sha256sum` prints it: 64 hexadecimal digits.
std::string hash_from_hex(const std::string& hex) {
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    refuse_option("--coordinator-token-hash",
                  "expected the SHA-256 of the token as 64 hexadecimal digits "
                  "(printf %s \"$TOKEN\" | sha256sum), got " +
                      core::quoted(hex));
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) bytes += char(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

// A rebuild while serving: its summary on standard output, or its problems
// on standard error as `blendin build` prints them; the problems also go to
// the open pages.
server::Rebuilt rebuild(generator::SiteSession& session) {
  try {
    const auto summary = session.build();
    std::printf("rebuilt: %s\n", summary.summary_line(summary.language_order).c_str());
    std::fflush(stdout);
    return {{}, summary.changed_paths};
  } catch (const core::Refused& refused) {
    for (const auto& problem : refused.problems()) std::fprintf(stderr, "%s\n", problem.to_string().c_str());
    std::fprintf(stderr, "blendin serve: %zu error%s; the site was left as it was\n", refused.problems().size(),
                 refused.problems().size() == 1 ? "" : "s");
    return {refused.problems(), {}};
  }
}

// A preview of edited documents (generator/session.hpp): the files written,
// or the edited files' problems, printed as a rebuild's are.
std::optional<server::Rebuilt> preview(generator::SiteSession& session, const std::vector<std::filesystem::path>& changed) {
  try {
    const auto start = std::chrono::steady_clock::now();
    auto written = session.preview(changed);
    if (!written) return std::nullopt;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("previewed: %zu file%s written in %.0f ms; the full rebuild follows\n", written->size(),
                written->size() == 1 ? "" : "s", ms);
    std::fflush(stdout);
    return server::Rebuilt{{}, std::move(*written)};
  } catch (const core::Refused& refused) {
    for (const auto& problem : refused.problems()) std::fprintf(stderr, "%s\n", problem.to_string().c_str());
    std::fprintf(stderr, "blendin serve: %zu error%s; the site was left as it was\n", refused.problems().size(),
                 refused.problems().size() == 1 ? "" : "s");
    return server::Rebuilt{refused.problems(), {}};
  }
}

// An origin as browsers send it: scheme, host and an optional port, nothing after.
std::string origin_from(const std::string& text) {
  const auto host = text.find("://");
  const std::string scheme = host == std::string::npos ? "" : text.substr(0, host);
  if ((scheme != "https" && scheme != "http") || host + 3 >= text.size() ||
      text.find_first_of("/?#@ ", host + 3) != std::string::npos)
    refuse_option("--origin",
                  "expected the site's origin as a browser sends it, such as https://blendin.nl, got " + core::quoted(text));
  return text;
}

}  // namespace

int run_serve(Args args) {
  const Options options(args,
                        {"--port", "--bind", "--db", "--site", "--content", "--templates", "--static", "--now",
                         "--writes-per-minute", "--coordinator-token-hash", "--demo-people", "--origin"},
                        {"--no-build", "--no-watch", "--drafts", "--future"});
  options.refuse_positional();
  server::ServerOptions serve;
  serve.port = static_cast<unsigned short>(options.integer("--port", serve.port, 0, 65535));
  serve.bind = options.get("--bind").value_or(serve.bind);
  serve.database = options.get("--db").value_or(serve.database.string());
  serve.site_dir = options.get("--site").value_or(serve.site_dir.string());
  // The site is built into --site as `blendin build` builds it; a refused build
  // ends the command before anything is served.
  generator::BuildOptions build;
  build.content_dir = options.get("--content").value_or("content");
  build.out_dir = serve.site_dir;
  if (auto v = options.get("--templates")) build.templates_dir = *v;
  if (auto v = options.get("--static")) build.static_dir = *v;
  if (auto v = options.get("--now")) build.now = *v;
  build.drafts = options.has("--drafts");
  build.future = options.has("--future");
  const bool watch = !options.has("--no-build") && !options.has("--no-watch");
  // Watching keeps the loaded site for previews of edited documents.
  build.quiet = watch;
  auto session = std::make_shared<generator::SiteSession>(build);
  if (options.has("--no-build")) {
    if (!std::filesystem::is_directory(serve.site_dir))
      refuse_option("--site",
                    "expected the built site's folder (blendin build writes public/), got \"" + serve.site_dir.string() + "\"");
  } else {
    const auto summary = watch ? session->build() : generator::build_site(build);
    std::printf("%s\n", summary.summary_line(summary.language_order).c_str());
  }
  if (watch) {
    // The templates' folder as build_site finds it: beside the content when not given.
    auto templates = build.templates_dir;
    if (templates.empty()) {
      auto content = build.content_dir;
      if (content.filename().empty()) content = content.parent_path();
      templates = content.has_parent_path() ? content.parent_path() / "templates" : std::filesystem::path("templates");
    }
    serve.live =
        server::LivePreview{{build.content_dir, templates},
                            [session](const std::vector<std::filesystem::path>& changed) { return preview(*session, changed); },
                            [session] { return rebuild(*session); }};
  }
  serve.writes_per_minute = options.number("--writes-per-minute", 1, 1'000'000).value_or(serve.writes_per_minute);
  if (auto hex = options.get("--coordinator-token-hash")) serve.coordinator_token_hash = hash_from_hex(*hex);
  if (auto origin = options.get("--origin")) serve.allowed_origin = origin_from(*origin);
  const auto demo_people = std::size_t(options.integer("--demo-people", 0, 0, 100'000));
  serve.context = registration_context(options.get("--content").value_or(""), demo_people);
  serve.demo_people = std::move(serve.context.profiles);
  serve.context.profiles.clear();
  if (serve.database.has_parent_path()) std::filesystem::create_directories(serve.database.parent_path());
  server::run_server(serve, [&](unsigned short port) {
    std::printf("serving %s and the API on http://%s:%u/ (database %s; Ctrl-C stops)\n", serve.site_dir.string().c_str(),
                serve.bind.c_str(), unsigned(port), serve.database.string().c_str());
    if (serve.live)
      std::printf("watching %s and %s: a change rebuilds the site and reloads open pages\n",
                  serve.live->watched[0].string().c_str(), serve.live->watched[1].string().c_str());
    std::fflush(stdout);
  });
  return 0;
}

}  // namespace blendin::cli
