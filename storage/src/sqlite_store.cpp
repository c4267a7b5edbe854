#include <blendin/storage/sqlite_store.hpp>

#include <sqlite3.h>

#include <functional>
#include <mutex>
#include <string_view>
#include <utility>

namespace blendin::storage {

const char* to_string(IntroductionStatus status) {
  switch (status) {
    case IntroductionStatus::requested: return "requested";
    case IntroductionStatus::approved: return "approved";
    case IntroductionStatus::declined: return "declined";
  }
  return "requested";
}

namespace {

// The schema, one migration a version, applied in order; a file records the
// versions it has in schema_migrations. A published migration never changes:
// a new one is added after it.
constexpr std::string_view migrations[] = {
    // 1: people and their introductions; erasing a person erases both sides.
    R"sql(
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        token_hash BLOB NOT NULL,
        profile_json TEXT NOT NULL,
        visible INTEGER NOT NULL CHECK (visible IN (0, 1)),
        registered_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE introductions (
        id INTEGER PRIMARY KEY,
        from_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        to_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'declined')),
        requested_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX introductions_from ON introductions (from_id);
      CREATE INDEX introductions_to ON introductions (to_id);
    )sql",
    // 2: a person is found by their token's hash (a request that names no id).
    R"sql(
      CREATE UNIQUE INDEX profiles_token_hash ON profiles (token_hash);
    )sql",
    // 3: a postcode area's position is found from its earliest registration,
    // in the index's order (no sort of the area's people).
    R"sql(
      CREATE INDEX profiles_postcode_area
        ON profiles (json_extract(profile_json, '$.location.postcode_area'), registered_at, id);
    )sql",
    // 4: how coordinators reach a person, apart from the profile.
    R"sql(
      ALTER TABLE profiles ADD COLUMN contact_json TEXT NOT NULL DEFAULT '';
    )sql",
};

IntroductionStatus status_of(std::string_view text) {
  if (text == "approved") return IntroductionStatus::approved;
  if (text == "declined") return IntroductionStatus::declined;
  return IntroductionStatus::requested;
}

// One prepared statement, reset after use; SQLite's errors become Unavailable,
// or std::invalid_argument for a constraint the caller broke.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &statement_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& text(int index, std::string_view value) {
    check(sqlite3_bind_text(statement_, index, value.data(), int(value.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& blob(int index, std::string_view value) {
    check(sqlite3_bind_blob(statement_, index, value.data(), int(value.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& integer(int index, std::int64_t value) {
    check(sqlite3_bind_int64(statement_, index, value));
    return *this;
  }
  // true while there is a row to read.
  bool step() {
    const int status = sqlite3_step(statement_);
    if (status == SQLITE_ROW) return true;
    if (status == SQLITE_DONE) return false;
    if ((status & 0xff) == SQLITE_CONSTRAINT) throw std::invalid_argument(sqlite3_errmsg(db_));
    fail();
  }
  void run() {
    while (step()) {
    }
  }
  std::string column_text(int index) const {
    const auto* bytes = sqlite3_column_blob(statement_, index);
    return bytes ? std::string(static_cast<const char*>(bytes), std::size_t(sqlite3_column_bytes(statement_, index))) : "";
  }
  std::int64_t column_integer(int index) const { return sqlite3_column_int64(statement_, index); }
  double column_double(int index) const { return sqlite3_column_double(statement_, index); }

 private:
  void check(int status) const {
    if (status != SQLITE_OK) fail();
  }
  [[noreturn]] void fail() const { throw Unavailable(std::string("SQLite: ") + sqlite3_errmsg(db_)); }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
        SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw Unavailable("SQLite: cannot open " + file.string() + ": " + message);
    }
    try {
      sqlite3_busy_timeout(db_, 5000);
      // WAL with FULL: every commit is synced before it returns; foreign keys
      // carry an erasure to what refers to the person; secure_delete
      // overwrites what is deleted.
      execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;");
      migrate();
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }
  ~SqliteStore() override { sqlite3_close(db_); }

  void add_profile(const StoredProfile& profile) override {
    std::lock_guard lock(mutex_);
    Statement(db_,
              "INSERT INTO profiles (id, token_hash, profile_json, visible, registered_at, contact_json) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .text(1, profile.id)
        .blob(2, profile.token_hash)
        .text(3, profile.profile_json)
        .integer(4, profile.visible ? 1 : 0)
        .integer(5, profile.registered_at)
        .text(6, profile.contact_json)
        .run();
  }

  std::optional<StoredProfile> find_profile(const std::string& id) override {
    return first(profiles_where("WHERE id = ?1", [&](Statement& select) { select.text(1, id); }));
  }

  std::optional<StoredProfile> find_profile_by_token_hash(const std::string& token_hash) override {
    return first(profiles_where("WHERE token_hash = ?1", [&](Statement& select) { select.blob(1, token_hash); }));
  }

  bool update_profile(const StoredProfile& profile) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "UPDATE profiles SET profile_json = ?2, visible = ?3, contact_json = ?4 WHERE id = ?1")
        .text(1, profile.id)
        .text(2, profile.profile_json)
        .integer(3, profile.visible ? 1 : 0)
        .text(4, profile.contact_json)
        .run();
    return sqlite3_changes(db_) > 0;
  }

  bool erase_profile(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "DELETE FROM profiles WHERE id = ?1").text(1, id).run();
    const bool erased = sqlite3_changes(db_) > 0;
    // The write-ahead log still holds the pages as they were before; copied
    // into the database (where secure_delete overwrote the rows) and emptied,
    // it holds nothing of the person either.
    if (erased) execute("PRAGMA wal_checkpoint(TRUNCATE);");
    return erased;
  }

  std::optional<Position> area_position(const std::string& postcode_area) override {
    std::lock_guard lock(mutex_);
    Statement select(db_,
                     "SELECT json_extract(profile_json, '$.location.lat'), json_extract(profile_json, '$.location.lon') "
                     "FROM profiles WHERE json_extract(profile_json, '$.location.postcode_area') = ?1 "
                     "ORDER BY registered_at, id LIMIT 1");
    select.text(1, postcode_area);
    if (!select.step()) return std::nullopt;
    return Position{select.column_double(0), select.column_double(1)};
  }

  std::vector<StoredProfile> visible_profiles() override { return profiles_where("WHERE visible = 1 ORDER BY id"); }

  std::vector<StoredProfile> all_profiles() override { return profiles_where("ORDER BY id"); }

  std::int64_t add_introduction(const std::string& from_id, const std::string& to_id, std::int64_t now) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "INSERT INTO introductions (from_id, to_id, status, requested_at) VALUES (?1, ?2, 'requested', ?3)")
        .text(1, from_id)
        .text(2, to_id)
        .integer(3, now)
        .run();
    return sqlite3_last_insert_rowid(db_);
  }

  std::vector<Introduction> introductions() override {
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT id, from_id, to_id, status, requested_at FROM introductions ORDER BY id");
    std::vector<Introduction> list;
    while (select.step())
      list.push_back({select.column_integer(0), select.column_text(1), select.column_text(2), status_of(select.column_text(3)),
                      select.column_integer(4)});
    return list;
  }

  bool set_introduction_status(std::int64_t id, IntroductionStatus status) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "UPDATE introductions SET status = ?2 WHERE id = ?1").integer(1, id).text(2, to_string(status)).run();
    return sqlite3_changes(db_) > 0;
  }

 private:
  // The people a condition (and its bound values) selects, every column read
  // as profile_of reads it.
  std::vector<StoredProfile> profiles_where(std::string_view condition, const std::function<void(Statement&)>& bind = nullptr) {
    std::lock_guard lock(mutex_);
    Statement select(
        db_, "SELECT id, token_hash, profile_json, visible, registered_at, contact_json FROM profiles " + std::string(condition));
    if (bind) bind(select);
    std::vector<StoredProfile> profiles;
    while (select.step()) profiles.push_back(profile_of(select));
    return profiles;
  }

  static std::optional<StoredProfile> first(std::vector<StoredProfile> profiles) {
    if (profiles.empty()) return std::nullopt;
    return std::move(profiles.front());
  }

  static StoredProfile profile_of(const Statement& row) {
    return {row.column_text(0),         row.column_text(1),    row.column_text(2),
            row.column_integer(3) != 0, row.column_integer(4), row.column_text(5)};
  }

  void execute(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw Unavailable("SQLite: " + text);
    }
  }

  // Applies, each in a transaction of its own, the migrations the file has not had.
  void migrate() {
    execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY) STRICT;");
    std::int64_t have = 0;
    {
      Statement select(db_, "SELECT coalesce(max(version), 0) FROM schema_migrations");
      if (select.step()) have = select.column_integer(0);
    }
    if (have > sqlite_schema_version())
      throw Unavailable("SQLite: the database has schema version " + std::to_string(have) + ", newer than this program's " +
                        std::to_string(sqlite_schema_version()));
    for (std::int64_t version = have + 1; version <= sqlite_schema_version(); ++version) {
      execute("BEGIN IMMEDIATE;");
      try {
        execute(std::string(migrations[version - 1]).c_str());
        Statement(db_, "INSERT INTO schema_migrations (version) VALUES (?1)").integer(1, version).run();
        execute("COMMIT;");
      } catch (...) {
        sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
        throw;
      }
    }
  }

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

}  // namespace

int sqlite_schema_version() { return int(std::size(migrations)); }

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file) { return std::make_unique<SqliteStore>(file); }

}  // namespace blendin::storage
