#include "data_files.hpp"

#include <blendin/core/text.hpp>
#include <blendin/core/wire.hpp>

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace blendin::cli {

namespace {

std::vector<std::string> ids_in_order(const YAML::Node& map, const std::string& path) {
  if (!map.IsMap()) throw core::Refused(core::Problem{.message = "expected a map of id -> labels", .file = path});
  std::vector<std::string> ids;
  for (const auto& entry : map) ids.push_back(entry.first.as<std::string>());
  return ids;
}

YAML::Node load_yaml(const std::string& path) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::Exception& error) {
    throw core::Refused(core::Problem{.message = error.msg,
                                      .file = path,
                                      .line = std::size_t(error.mark.line + 1),
                                      .column = std::size_t(error.mark.column + 1)});
  }
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::Refused(core::Problem{.message = std::string("cannot read: ") + std::strerror(errno), .file = path});
  std::string text;
  std::error_code not_a_file;  // a directory reads as nothing, as a stream gives it
  const auto size = std::filesystem::file_size(path, not_a_file);
  if (!not_a_file) text.reserve(static_cast<std::size_t>(size));
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) text.append(buffer, static_cast<std::size_t>(in.gcount()));
  return text;
}

core::Pool read_pool(const std::string& path) {
  return read_document(path, [](std::string_view text) { return core::wire::parse_pool(text); });
}

std::string find_content_dir(const std::string& given) {
  if (!given.empty()) return given;
  if (std::filesystem::is_directory("content/data")) return "content";
  return std::string(BLENDIN_SOURCE_DIR) + "/content";
}

LoadedTaxonomy load_taxonomy(const std::string& content_dir) {
  LoadedTaxonomy loaded;
  const std::string data = content_dir + "/data/";
  loaded.taxonomy.interests = ids_in_order(load_yaml(data + "interests.yaml"), data + "interests.yaml");
  loaded.taxonomy.sectors = ids_in_order(load_yaml(data + "sectors.yaml"), data + "sectors.yaml");
  const std::string occupations_path = data + "occupations.yaml";
  if (std::filesystem::exists(occupations_path)) {
    const YAML::Node occupations = load_yaml(occupations_path);
    loaded.taxonomy.occupations = ids_in_order(occupations, occupations_path);
    for (const auto& entry : occupations) {
      const auto sector = entry.second["sector"] ? entry.second["sector"].as<std::string>() : std::string();
      auto index = loaded.taxonomy.sector_index(sector);
      if (!index)
        throw core::Refused(core::Problem{.message = "occupation " + entry.first.as<std::string>() + ": sector " +
                                                     core::quoted(sector) + " is not in sectors.yaml",
                                          .file = occupations_path,
                                          .line = std::size_t(entry.first.Mark().line + 1)});
      loaded.occupation_sectors.push_back(*index);
    }
  }
  loaded.taxonomy.interest_rarity.assign(loaded.taxonomy.interests.size(), 1.0);
  return loaded;
}

}  // namespace blendin::cli
