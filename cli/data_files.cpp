#include "data_files.hpp"

#include <blendin/generator/site.hpp>

#include <blendin/core/text.hpp>
#include <blendin/core/wire.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace blendin::cli {

core::Pool read_pool(const std::string& path) {
  return read_document(path, [](std::string_view text) { return core::wire::parse_pool(text); });
}

std::string find_content_dir(const std::string& given) {
  if (!given.empty()) return given;
  if (std::filesystem::is_directory("content/data")) return "content";
  return std::string(BLENDIN_SOURCE_DIR) + "/content";
}

LoadedTaxonomy load_taxonomy(const std::string& content_dir) {
  generator::TaxonomyIds ids = generator::read_taxonomy_ids(content_dir);
  LoadedTaxonomy loaded;
  loaded.taxonomy.interests = std::move(ids.interests);
  loaded.taxonomy.sectors = std::move(ids.sectors);
  loaded.taxonomy.occupations = std::move(ids.occupations);
  for (const auto& sector : ids.occupation_sectors)  // every one is a sector: the reader checked it
    loaded.occupation_sectors.push_back(*loaded.taxonomy.sector_index(sector));
  loaded.taxonomy.interest_rarity.assign(loaded.taxonomy.interests.size(), 1.0);
  return loaded;
}

}  // namespace blendin::cli
