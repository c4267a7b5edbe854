// What the API server keeps, behind one narrow interface: the people who
// registered (their profile in the core's wire format, whether others may see
// them, and their token's hash, never the token) and the introductions they
// asked for. SQLite implements it (sqlite_store.hpp); a PostgreSQL store
// would implement the same interface (docs/storage.md).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace blendin::storage {

// The store cannot answer now (the disk is full, the file is locked, the
// database is damaged): the server answers 503 and keeps serving the site.
// Its message is for the server's log, never for an answer.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoredProfile {
  std::string id;
  std::string token_hash;          // SHA-256 of the token (tokens.hpp), 32 bytes
  std::string profile_json;        // the wire format's profile, checked by the caller
  bool visible = false;            // others may see this person as a candidate
  std::int64_t registered_at = 0;  // seconds since 1970 (UTC), given by the caller
  // How Blendin's coordinators reach the person ({"phone", "email"}, checked
  // by the caller; "" for none): kept apart from the profile, never shown to
  // anyone else.
  std::string contact_json;
};

// A place in WGS84 degrees.
struct Position {
  double lat = 0, lon = 0;
};

enum class IntroductionStatus { requested, approved, declined };
const char* to_string(IntroductionStatus status);

struct Introduction {
  std::int64_t id = 0;  // given by the store
  std::string from_id, to_id;
  IntroductionStatus status = IntroductionStatus::requested;
  std::int64_t requested_at = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Returns once the profile is on disk: a write acknowledged by the store
  // survives the process being killed. Refuses (std::invalid_argument) an id
  // that is taken.
  virtual void add_profile(const StoredProfile& profile) = 0;
  virtual std::optional<StoredProfile> find_profile(const std::string& id) = 0;
  // The person whose token has this hash (tokens.hpp): a token is 256 random
  // bits, so its hash finds one person at most.
  virtual std::optional<StoredProfile> find_profile_by_token_hash(const std::string& token_hash) = 0;
  // Replaces the profile's text, visibility and contact; false when there is no such id.
  virtual bool update_profile(const StoredProfile& profile) = 0;
  // Erases the person and everything that refers to them (introductions
  // either way), leaving none of their bytes in the database's files; false
  // when there is no such id.
  virtual bool erase_profile(const std::string& id) = 0;
  // Where the people of a postcode area are placed: the position of the
  // earliest registration in that area that is still kept, or nothing when
  // no one kept registered there.
  virtual std::optional<Position> area_position(const std::string& postcode_area) = 0;
  // Everyone who chose to be visible, by id.
  virtual std::vector<StoredProfile> visible_profiles() = 0;
  // Everyone, by id (the coordinators' rounds).
  virtual std::vector<StoredProfile> all_profiles() = 0;

  // Returns the new introduction's id; both people must exist.
  virtual std::int64_t add_introduction(const std::string& from_id, const std::string& to_id, std::int64_t now) = 0;
  virtual std::vector<Introduction> introductions() = 0;
  // false when there is no such introduction.
  virtual bool set_introduction_status(std::int64_t id, IntroductionStatus status) = 0;
};

}  // namespace blendin::storage
