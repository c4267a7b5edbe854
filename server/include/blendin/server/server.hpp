// `blendin serve`: the built site and the JSON API for registrations, on
// Boost.Beast and Asio, with the people in a Store (storage/). docs/api.md.
#pragma once

#include <blendin/core/pool.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace blendin::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: a free port, told to `ready`
  std::filesystem::path site_dir = "public";
  std::filesystem::path database = "var/blendin.sqlite";
  // The taxonomy and reference year a registration is checked against (the
  // site's content/data, as demo-data reads it); its profiles are not used.
  core::Pool context;
  // Invented people (the core's demo pool) registered, visible, when the
  // database holds nobody yet, so that a new site has matches to show; their
  // tokens are never shown, so nobody can sign in as them.
  std::vector<core::Profile> demo_people;
  std::size_t max_body_bytes = 64 * 1024;  // a larger request is answered 413
  double writes_per_minute = 120;          // per client address; more are answered 429
  // SHA-256 of the coordinators' token (32 bytes), which opens /api/v1/admin/;
  // empty: nobody can use those addresses.
  std::string coordinator_token_hash;
  unsigned threads = 2;
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets the requests in
// flight finish and returns. Calls ready(port) once it listens. Throws
// storage::Unavailable when the database cannot be opened, std::system_error
// when the address cannot be bound.
void run_server(const ServerOptions& options, const std::function<void(unsigned short port)>& ready);

}  // namespace blendin::server
