// A registered person's token: shown to them once, kept only as its hash.
#pragma once

#include <string>
#include <string_view>

namespace blendin::storage {

// 32 bytes from the operating system's cryptographic random source (OpenSSL's
// RAND_bytes), as 43 characters of base64url without padding.
std::string new_token();

// SHA-256 of the token's text, 32 bytes.
std::string token_hash(std::string_view token);

// Whether two hashes are equal, in a time that does not depend on where they differ.
bool same_hash(std::string_view a, std::string_view b);

}  // namespace blendin::storage
