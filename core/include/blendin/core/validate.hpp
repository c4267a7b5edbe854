// Checks that a profile is possible before it is scored: every problem names
// the profile and the field, so a coordinator or an API client knows what to fix.
#pragma once

#include <string>
#include <vector>

#include <blendin/core/pool.hpp>

namespace blendin::core {

struct ValidationError {
  std::string profile_id;  // or "#<position>" when the id itself is missing
  std::string field;       // "birth_year", "interests[2]", "languages[0].level"
  std::string message;     // what is wrong and what was expected

  std::string to_string() const;  // profile "p0001": latitude: expected ...
};

// Problems of one profile against a taxonomy; empty when it is valid.
std::vector<ValidationError> validate_profile(const Profile& profile, const Taxonomy& taxonomy, int reference_year);

// Problems of every profile, plus duplicate ids and an inconsistent taxonomy.
std::vector<ValidationError> validate_pool(const Pool& pool);

}  // namespace blendin::core
