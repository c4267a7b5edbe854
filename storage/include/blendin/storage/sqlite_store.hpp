// The store in one SQLite file: write-ahead log with full synchronisation (an
// acknowledged write survives a crash), foreign keys (erasing a person erases
// what refers to them), secure deletion (erased bytes are overwritten), and
// numbered schema migrations applied when the file is opened.
#pragma once

#include <blendin/storage/store.hpp>

#include <filesystem>
#include <memory>

namespace blendin::storage {

// Opens the file, creating it if needed, and brings its schema to the latest
// version. Throws Unavailable when the file cannot be opened or migrated.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file);

// The schema version a store opened by this program has.
int sqlite_schema_version();

}  // namespace blendin::storage
