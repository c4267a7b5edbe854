// The one reader of a whole file, for the generator and the command line.
#pragma once

#include <filesystem>
#include <string>

namespace blendin::generator {

// The bytes of a file; throws std::system_error naming the path and the reason
// ("cannot read pool.json: No such file or directory").
std::string read_file(const std::filesystem::path& path);

}  // namespace blendin::generator
