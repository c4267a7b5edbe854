// `blendin serve`: the built site and the JSON API for registrations, on
// Boost.Beast and Asio, with the people in a Store (storage/). docs/api.md.
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/core/problem.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace blendin::server {

// Live preview: the folders the site is built from, watched (with every
// folder under them, new ones too), and how to build it again into the
// served folder. While the server runs, each burst of changes calls
// `rebuild` on a thread of its own, and every open page reloads (no
// problems) or shows the problems over the last good site.
// What a preview or a build did, for the open pages.
struct Rebuilt {
  std::vector<core::Problem> problems;  // none: the site was written
  // The site paths written anew ("nl/events/x/index.html"): an open page
  // reloads when its own file or the site's assets are among them; nothing:
  // any file may have changed, every page reloads.
  std::optional<std::vector<std::string>> changed;
};

struct LivePreview {
  std::vector<std::filesystem::path> watched;
  // The pages of the edited files, written at once, or nothing when these
  // changes need the full build. The open pages hear it.
  std::function<std::optional<Rebuilt>(const std::vector<std::filesystem::path>& changed)> preview;
  // The full build that follows on a thread of its own; an exception it
  // throws is shown as one problem. Changes made while it runs have their
  // preview shown and their own full build after it, whose outcome alone the
  // pages hear.
  std::function<Rebuilt()> rebuild;
};

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: a free port, told to `ready`
  std::filesystem::path site_dir = "public";
  std::filesystem::path database = "var/blendin.sqlite";
  // The taxonomy and reference year a registration is checked against (the
  // site's content/data, as demo-data reads it); its profiles are not used.
  core::Pool context;
  // Invented people (the core's demo pool) registered, visible, when the
  // database holds nobody yet, so that a new site has matches to show: placed
  // as anyone who registers (Api::seed); their tokens are never shown, so
  // nobody can sign in as them.
  std::vector<core::Profile> demo_people;
  std::size_t max_body_bytes = 64 * 1024;  // a larger request is answered 413
  double writes_per_minute = 120;          // per client address; more are answered 429
  // SHA-256 of the coordinators' token (32 bytes), which opens /api/v1/admin/;
  // empty: nobody can use those addresses.
  std::string coordinator_token_hash;
  // The site's own origin when its pages come from elsewhere (a CDN): the
  // only origin whose pages may call the API from a browser (CORS).
  std::string allowed_origin;
  unsigned threads = 2;
  // Set: every HTML page also loads /_blendin/live.js (in memory; the site's
  // files are left as they are) and GET /_blendin/live streams each rebuild's outcome.
  std::optional<LivePreview> live;
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets the requests in
// flight finish (and a rebuild under way) and returns. Calls ready(port) once it listens. Throws
// storage::Unavailable when the database cannot be opened, std::system_error
// when the address cannot be bound or a watched folder not watched.
void run_server(const ServerOptions& options, const std::function<void(unsigned short port)>& ready);

}  // namespace blendin::server
