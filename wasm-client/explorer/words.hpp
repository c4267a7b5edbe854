// The core's explanations and reasons put into words in the page's language,
// from the site's interface strings ("you both like cooking and poetry ·
// 4 km apart · you both speak Dutch").
#pragma once

#include "catalog.hpp"

#include <blendin/core/assign.hpp>
#include <blendin/core/profile.hpp>
#include <blendin/core/score.hpp>
#include <blendin/core/top_k.hpp>

#include <string>
#include <vector>

namespace blendin::explorer {

// "a, b and c" with the language's separators.
std::string list_words(const std::vector<std::string>& items, const Catalog& catalog);

std::string explanation_words(const core::Explanation& explanation, const Catalog& catalog);

// Why fewer people than asked were found, and what would change it: one
// sentence a line. `none` says whether nobody at all was found.
std::vector<std::string> reach_words(const core::MatchIndex::Exclusions& reach, bool none, core::Role role,
                                     const Catalog& catalog);

// A coordinators' round: why someone was left unmatched.
std::string unmatched_words(const core::UnmatchedPerson& person, const Catalog& catalog);

}  // namespace blendin::explorer
