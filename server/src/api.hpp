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
#include <unordered_map>
#include <variant>

#include "responses.hpp"
#include "write_limiter.hpp"

namespace blendin::server {

struct ApiSettings {
  double writes_per_minute = 120;      // per client address (POST, PATCH, DELETE)
  std::string coordinator_token_hash;  // SHA-256 of the coordinators' token; empty: no admin access
  // The site's own origin when its pages are served from elsewhere (a CDN,
  // "https://blendin.nl"): pages of that origin alone may call the API from
  // a browser (CORS). Empty: only pages the server serves itself.
  std::string allowed_origin;
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

  // Registers invented people (the core's demo pool), visible, into a store
  // that holds nobody, placed as anyone who registers; their tokens are never
  // known. Returns how many were registered.
  std::size_t seed(const std::vector<core::Profile>& people);

 private:
  std::optional<Response> route(const Request& request, std::string_view path);
  // route() with its failures answered: 503 when the store cannot answer, 500 else.
  std::optional<Response> answer_of(const Request& request, std::string_view path);
  // A browser's preflight (OPTIONS) before a call from the allowed origin.
  Response preflight(const Request& request) const;
  Response register_profile(const Request& request);
  Response own_profile(const Request& request, const std::string& id);
  Response own_matches(const Request& request);
  Response candidates(const Request& request);
  // The person as kept: placed at their postcode area's position (area_position
  // in the store), or, in an area no one registered in, at the centre of the
  // area cell that holds the position sent; a problem when the position sent
  // is far from their area's. Called with placement_mutex_ held until the
  // person is stored, so that an area gets one position.
  std::optional<core::Problem> place(core::Profile& person);
  Response waiting();
  Response run_round(const Request& request);
  // The people as one pool, checked, with their interests' rarity among them;
  // with `as_seen`, each as others see them (public_view.hpp).
  core::Pool pool_of(const std::vector<storage::StoredProfile>& stored, bool as_seen) const;
  Response ask_introduction(const Request& request);
  std::optional<Response> admin(const Request& request, std::string_view rest);
  // The profile the request's token opens, or the refusal (401, 403, 404).
  std::variant<storage::StoredProfile, Response> authorised(const Request& request, const std::string& id);

  // The visible people as others see them, as one indexed pool, built again
  // only after a change to the people: a read of matches costs a query, a
  // read of candidates a pass over positions and a copy of texts, never a
  // pool's parsing or writing.
  // It also remembers the store's answers that only a write can change, so
  // that reads ask the store once per person and area between two writes.
  struct Visible {
    explicit Visible(core::Pool people);
    // The person a token's hash opens, as they are kept (not as others see
    // them), or nothing; a miss is not remembered.
    std::optional<core::Profile> person_with_token(storage::Store& store, const core::Pool& context,
                                                   const std::string& token_hash) const;
    std::optional<storage::Position> area_position(storage::Store& store, const std::string& postcode_area) const;

    core::Pool pool;
    core::MatchIndex index;          // keeps a pointer to pool
    std::vector<std::string> shown;  // each profile's public JSON, in pool order
    std::string taxonomy_json;       // the pool's taxonomy with the rarity weights

   private:
    mutable std::mutex remembered_mutex_;
    mutable std::unordered_map<std::string, core::Profile> people_by_token_hash_;
    mutable std::unordered_map<std::string, std::optional<storage::Position>> area_positions_;
  };
  std::shared_ptr<const Visible> visible_people();
  // The person the request's bearer token opens, as kept, or the refusal (401, 403).
  std::variant<core::Profile, Response> person_asking(const Request& request, const Visible& visible);

  storage::Store& store_;
  const core::Pool& context_;
  ApiSettings settings_;
  WriteLimiter limiter_;
  std::atomic<std::uint64_t> people_changed_{0};  // counts every write to the people
  std::mutex placement_mutex_;
  std::mutex visible_mutex_;
  std::shared_ptr<const Visible> visible_;
  std::uint64_t visible_changed_ = 0;  // people_changed_ when visible_ was built
};

}  // namespace blendin::server
