// The JSON API under /api/v1/, without HTTP: a Request in, a Response out.
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/storage/store.hpp>

#include <optional>
#include <string>
#include <variant>

#include "responses.hpp"
#include "write_limiter.hpp"

namespace blendin::server {

struct ApiSettings {
  double writes_per_minute = 120;      // per client address (POST, PATCH, DELETE)
  std::string coordinator_token_hash;  // SHA-256 of the coordinators' token; empty: no admin access
};

class Api {
 public:
  Api(storage::Store& store, const core::Pool& context, ApiSettings settings)
      : store_(store), context_(context), settings_(std::move(settings)), limiter_(settings_.writes_per_minute) {}

  // The answer to a request for one of the API's own addresses, or nothing
  // for any other path (the site's files, among them the API files the build
  // writes under /api/v1/). Never throws: a refused request is a 4xx, a store
  // that cannot answer a 503.
  std::optional<Response> handle(const Request& request);

 private:
  std::optional<Response> route(const Request& request, std::string_view path);
  Response register_profile(const Request& request);
  Response own_profile(const Request& request, const std::string& id);
  Response own_matches(const Request& request);
  Response waiting();
  Response run_round(const Request& request);
  // The people as one pool, checked, with their interests' rarity among them.
  core::Pool pool_of(const std::vector<storage::StoredProfile>& stored) const;
  Response ask_introduction(const Request& request);
  std::optional<Response> admin(const Request& request, std::string_view rest);
  // The profile the request's token opens, or the refusal (401, 403, 404).
  std::variant<storage::StoredProfile, Response> authorised(const Request& request, const std::string& id);

  storage::Store& store_;
  const core::Pool& context_;
  ApiSettings settings_;
  WriteLimiter limiter_;
};

}  // namespace blendin::server
