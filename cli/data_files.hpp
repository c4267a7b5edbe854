// Reading the files the matching commands need: the taxonomies under
// content/data and pool/event JSON documents.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <blendin/core/pool.hpp>
#include <blendin/core/problem.hpp>
#include <blendin/core/taxonomy.hpp>
#include <blendin/generator/read_file.hpp>

namespace blendin::cli {

struct LoadedTaxonomy {
  core::Taxonomy taxonomy;              // interests, sectors, occupations (no rarity yet)
  std::vector<int> occupation_sectors;  // sector index of each occupation
};

// content/data/{interests,sectors,occupations}.yaml, ids in file order.
LoadedTaxonomy load_taxonomy(const std::string& content_dir);

// The content folder: --content, else ./content, else the source tree's.
std::string find_content_dir(const std::string& given);

// `read(text)` of the file's text, its problems named by the file
// ("pool.json:3:17: ...", "pool.json: profile ...").
template <typename Read>
auto read_document(const std::string& path, Read read) {
  const std::string text = generator::read_file(path);
  try {
    return read(text);
  } catch (const core::Refused& refused) {
    auto problems = refused.problems();
    for (auto& problem : problems)
      if (problem.file.empty()) problem.file = path;
    throw core::Refused(std::move(problems), refused.kind());
  }
}

// A pool in the wire format from its file (core::wire::parse_pool).
core::Pool read_pool(const std::string& path);

}  // namespace blendin::cli
