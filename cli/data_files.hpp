// Reading the files the matching commands need: the taxonomies under
// content/data and pool/event JSON documents.
#pragma once

#include <string>
#include <vector>

#include <blendin/core/taxonomy.hpp>

namespace blendin::cli {

struct LoadedTaxonomy {
  core::Taxonomy taxonomy;              // interests, sectors, occupations (no rarity yet)
  std::vector<int> occupation_sectors;  // sector index of each occupation
};

// content/data/{interests,sectors,occupations}.yaml, ids in file order.
LoadedTaxonomy load_taxonomy(const std::string& content_dir);

// The content folder: --content, else ./content, else the source tree's.
std::string find_content_dir(const std::string& given);

std::string read_file(const std::string& path);  // throws with the path on failure

}  // namespace blendin::cli
