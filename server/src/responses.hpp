// A request and what a route answers, before HTTP: status, type, body, and
// headers of its own (server.cpp adds the ones every answer carries).
#pragma once

#include <blendin/core/problem.hpp>

#include <string>
#include <utility>
#include <vector>

namespace blendin::server {

struct Request {
  std::string method;  // GET, HEAD, POST, PATCH, DELETE, ...
  std::string target;  // the path and query as sent
  std::string content_type;
  std::string authorization;
  std::string body;
  std::string client;  // the client's address, for the limits on writes
  std::string origin;  // the Origin header: the site a browser's page came from, if another
};

struct Response {
  Response() = default;
  explicit Response(int status, std::string content_type = "application/json", std::string body = "")
      : status(status), content_type(std::move(content_type)), body(std::move(body)) {}

  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the ones every answer gets
};

// {"error":{"message":..., "details":[{"field":..., "message":...}, ...]}}: the
// problems of a refused request, in the shape of every API error
// (docs/api.md); the first problem's text is the message.
Response error_response(int status, const std::vector<core::Problem>& problems);
// One problem, with the field it is about ("" for the request as a whole).
Response error_response(int status, const std::string& field, const std::string& message);

}  // namespace blendin::server
