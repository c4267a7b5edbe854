// The JSON API under /api/v1/, without HTTP: a Request in, a Response out.
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/storage/store.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
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

  // The visible people as one indexed pool, built again only after a change
  // to the people: a read of matches costs a query, not a pool's parsing.
  struct Visible {
    explicit Visible(core::Pool people) : pool(std::move(people)), index(pool) {}
    core::Pool pool;
    core::MatchIndex index;  // keeps a pointer to pool
  };
  std::shared_ptr<const Visible> visible_people();

  storage::Store& store_;
  const core::Pool& context_;
  ApiSettings settings_;
  WriteLimiter limiter_;
  std::atomic<std::uint64_t> people_changed_{0};  // counts every write to the people
  std::mutex visible_mutex_;
  std::shared_ptr<const Visible> visible_;
  std::uint64_t visible_changed_ = 0;  // people_changed_ when visible_ was built
};

}  // namespace blendin::server
