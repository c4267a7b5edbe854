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

// Another person's age as others may see it: its band, "35-39"
// (core/public_view.hpp), for the people of the demo pool and of the server alike.
std::string shown_age(int age);

// The explanation's "a" is the visitor.
std::string explanation_words(const core::Explanation& explanation, const Catalog& catalog);

// Why fewer people than asked were found, and what would change it: one
// sentence a line. `none` says whether nobody at all was found; `changes`
// (MatchIndex::what_if, asked only then) adds a line for each change to the
// visitor's answers that would let someone fit.
std::vector<std::string> reach_words(const core::MatchIndex::Exclusions& reach, bool none, core::Role role,
                                     const Catalog& catalog, const std::vector<core::MatchIndex::WhatIf>& changes = {});

// A coordinators' round: why someone was left unmatched.
std::string unmatched_words(const core::UnmatchedPerson& person, const Catalog& catalog);

}  // namespace blendin::explorer
