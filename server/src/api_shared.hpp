// What the API's files share: the address prefix, the answers every route
// gives in the same shape, and the reading of a request's parts.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "responses.hpp"

namespace blendin::server {

inline constexpr std::string_view api_prefix = "/api/v1";
inline constexpr std::string_view bearer = "Bearer ";

Response json_response(int status, const boost::json::value& body);
Response method_not_allowed(const std::string& allow);
// A request body that must be a JSON object: 415 when it is not said to be
// JSON, 400 when it is not JSON, 422 when it is JSON but not an object.
std::variant<boost::json::object, Response> read_object(const Request& request);
// 401: no bearer token was sent.
Response no_token();
// The stored contact JSON as an answer's value (null for none).
boost::json::value contact_answer(const std::string& contact_json);
bool is_profile_id(std::string_view id);
std::int64_t seconds_now();
// The value of `name` in the target's query (name=value&...), as sent.
std::optional<std::string> query_value(std::string_view target, std::string_view name);

}  // namespace blendin::server
