// The JSON API under /api/v1/, without HTTP: a Request in, a Response out.
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/storage/store.hpp>

#include <optional>

#include "responses.hpp"

namespace blendin::server {

class Api {
 public:
  Api(storage::Store& store, const core::Pool& context) : store_(store), context_(context) {}

  // The answer to a request for one of the API's own addresses, or nothing
  // for any other path (the site's files, among them the API files the build
  // writes under /api/v1/). Never throws: a refused request is a 4xx, a store
  // that cannot answer a 503.
  std::optional<Response> handle(const Request& request);

 private:
  std::optional<Response> route(const Request& request, std::string_view path);
  Response register_profile(const Request& request);
  Response own_profile(const Request& request, const std::string& id);

  storage::Store& store_;
  const core::Pool& context_;
};

}  // namespace blendin::server
