// The SQLite store on real files in a temporary folder.
#include <blendin/storage/sqlite_store.hpp>
#include <blendin/storage/tokens.hpp>

#include "temporary_folder.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace blendin::storage;
namespace fs = std::filesystem;

namespace {

using blendin::test::TemporaryFolder;

StoredProfile person(const std::string& id, const std::string& name, bool visible = true) {
  return {id, token_hash("token of " + id), R"({"role":"newcomer","display_name":")" + name + R"(","postcode":"3511"})", visible,
          1'800'000'000};
}

// Every byte of the store's files (database, write-ahead log, shared memory).
std::string bytes_of_files(const fs::path& database) {
  std::string all;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::ifstream file(database.string() + suffix, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    all += text.str();
  }
  return all;
}

}  // namespace

TEST_CASE("storage::sqlite a new file gets the schema and keeps what was written when opened again") {
  TemporaryFolder folder;
  const fs::path file = folder.path / "blendin.sqlite";
  {
    auto store = open_sqlite_store(file);
    store->add_profile(person("u1", "Amal"));
    store->add_profile(person("u2", "Joris", false));
  }
  auto store = open_sqlite_store(file);
  const auto found = store->find_profile("u1");
  REQUIRE(found);
  CHECK(found->profile_json == person("u1", "Amal").profile_json);
  CHECK(found->token_hash == token_hash("token of u1"));
  CHECK(found->visible);
  CHECK(found->registered_at == 1'800'000'000);
  CHECK_FALSE(store->find_profile("u3"));
  const auto by_token = store->find_profile_by_token_hash(token_hash("token of u2"));
  REQUIRE(by_token);
  CHECK(by_token->id == "u2");
  CHECK_FALSE(store->find_profile_by_token_hash(token_hash("token of nobody")));
  CHECK(sqlite_schema_version() == 4);
}

TEST_CASE("storage::sqlite a file of schema version 1 is brought to the latest and keeps its people") {
  TemporaryFolder folder;
  const fs::path file = folder.path / "old.sqlite";
  {
    auto store = open_sqlite_store(file);
    store->add_profile(person("u1", "Amal"));
  }
  // What a file written before migration 2 holds: version 1's tables only.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(
            db,
            "DROP INDEX profiles_token_hash; DROP INDEX profiles_postcode_area; ALTER TABLE profiles DROP COLUMN contact_json; "
            "DELETE FROM schema_migrations WHERE version > 1;",
            nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto store = open_sqlite_store(file);
  CHECK(store->find_profile("u1"));
  CHECK(store->find_profile_by_token_hash(token_hash("token of u1")));
  CHECK_THROWS_AS(store->add_profile(StoredProfile{"u9", token_hash("token of u1"), "{}", true, 0}), std::invalid_argument);
}

TEST_CASE("storage::sqlite an id is taken once and only visible people are listed") {
  TemporaryFolder folder;
  auto store = open_sqlite_store(folder.path / "blendin.sqlite");
  store->add_profile(person("u2", "Joris", false));
  store->add_profile(person("u1", "Amal"));
  store->add_profile(person("u3", "Dawit"));
  CHECK_THROWS_AS(store->add_profile(person("u1", "Someone else")), std::invalid_argument);
  const auto visible = store->visible_profiles();
  REQUIRE(visible.size() == 2);
  CHECK(visible[0].id == "u1");
  CHECK(visible[1].id == "u3");
  CHECK(store->all_profiles().size() == 3);
  CHECK(store->all_profiles()[1].id == "u2");
  StoredProfile joris = person("u2", "Joris");
  joris.contact_json = R"({"phone":"+31 6 12345678"})";
  CHECK(store->update_profile(joris));
  CHECK(store->visible_profiles().size() == 3);
  CHECK(store->find_profile("u2")->contact_json == joris.contact_json);
  CHECK(store->find_profile("u1")->contact_json.empty());
  CHECK_FALSE(store->update_profile(StoredProfile{"nobody", "", "{}", true, 0}));
}

TEST_CASE("storage::sqlite an area's position is that of its earliest registration still kept") {
  TemporaryFolder folder;
  auto store = open_sqlite_store(folder.path / "blendin.sqlite");
  auto in_area = [](const std::string& id, const char* postcode, double lat, double lon, std::int64_t at) {
    StoredProfile profile{id, token_hash("token of " + id),
                          std::string(R"({"id":")") + id + R"(","location":{"postcode_area":")" + postcode + R"(","lat":)" +
                              std::to_string(lat) + R"(,"lon":)" + std::to_string(lon) + "}}",
                          true, at};
    return profile;
  };
  CHECK_FALSE(store->area_position("3511"));
  store->add_profile(in_area("u2", "3511", 52.09, 5.115, 200));
  store->add_profile(in_area("u1", "3511", 52.11, 5.145, 300));
  store->add_profile(in_area("u3", "1011", 52.37, 4.905, 100));
  auto utrecht = store->area_position("3511");
  REQUIRE(utrecht);
  CHECK(utrecht->lat == 52.09);
  CHECK(utrecht->lon == 5.115);
  CHECK(store->area_position("1011")->lat == 52.37);
  CHECK_FALSE(store->area_position("351"));
  CHECK(store->erase_profile("u2"));
  CHECK(store->area_position("3511")->lat == 52.11);
  CHECK(store->erase_profile("u1"));
  CHECK_FALSE(store->area_position("3511"));
}

TEST_CASE("storage::sqlite introductions need both people and change status") {
  TemporaryFolder folder;
  auto store = open_sqlite_store(folder.path / "blendin.sqlite");
  store->add_profile(person("u1", "Amal"));
  store->add_profile(person("u2", "Joris"));
  const auto id = store->add_introduction("u1", "u2", 1'800'000'100);
  CHECK_THROWS_AS(store->add_introduction("u1", "nobody", 1'800'000'100), std::invalid_argument);
  CHECK(store->set_introduction_status(id, IntroductionStatus::approved));
  CHECK_FALSE(store->set_introduction_status(id + 100, IntroductionStatus::declined));
  const auto list = store->introductions();
  REQUIRE(list.size() == 1);
  CHECK(list[0].from_id == "u1");
  CHECK(list[0].to_id == "u2");
  CHECK(list[0].status == IntroductionStatus::approved);
  CHECK(list[0].requested_at == 1'800'000'100);
}

TEST_CASE("storage::sqlite erasing a person leaves nothing of them in the files and removes their introductions") {
  TemporaryFolder folder;
  const fs::path file = folder.path / "blendin.sqlite";
  auto store = open_sqlite_store(file);
  const std::string marker = "Zeynep-Marker-7731", contact = "zeynep-contact-5519@example.org";
  StoredProfile zeynep = person("u1", marker);
  zeynep.contact_json = R"({"email":")" + contact + R"("})";
  store->add_profile(zeynep);
  store->add_profile(person("u2", "Joris"));
  store->add_profile(person("u3", "Dawit"));
  store->add_introduction("u1", "u2", 1);
  store->add_introduction("u3", "u1", 2);
  store->add_introduction("u2", "u3", 3);
  // The test can see the person while they are there.
  REQUIRE(bytes_of_files(file).find(marker) != std::string::npos);
  REQUIRE(bytes_of_files(file).find(contact) != std::string::npos);
  CHECK(store->erase_profile("u1"));
  CHECK_FALSE(store->erase_profile("u1"));
  CHECK_FALSE(store->find_profile("u1"));
  const auto left = store->introductions();
  REQUIRE(left.size() == 1);
  CHECK(left[0].from_id == "u2");
  CHECK(bytes_of_files(file).find(marker) == std::string::npos);
  CHECK(bytes_of_files(file).find(contact) == std::string::npos);
  CHECK(bytes_of_files(file).find(token_hash("token of u1")) == std::string::npos);
  CHECK(store->find_profile("u2"));
}

TEST_CASE("storage::sqlite every acknowledged registration survives SIGKILL") {
  TemporaryFolder folder;
  const fs::path file = folder.path / "blendin.sqlite";
  open_sqlite_store(file);  // the schema, before the writer starts
  int pipe_ends[2];
  REQUIRE(pipe(pipe_ends) == 0);
  const pid_t writer = fork();
  REQUIRE(writer >= 0);
  if (writer == 0) {  // the child never returns into the test runner
    close(pipe_ends[0]);
    try {
      auto store = open_sqlite_store(file);
      for (int i = 0;; ++i) {
        const std::string id = "k" + std::to_string(i);
        store->add_profile(person(id, "Person " + std::to_string(i)));
        const std::string line = id + "\n";  // acknowledged only once it is stored
        if (write(pipe_ends[1], line.data(), line.size()) != ssize_t(line.size())) _exit(1);
      }
    } catch (...) {
      _exit(2);
    }
  }
  close(pipe_ends[1]);
  std::set<std::string> acknowledged;
  std::string pending;
  char buffer[256];
  while (acknowledged.size() < 150) {
    const ssize_t got = read(pipe_ends[0], buffer, sizeof buffer);
    REQUIRE(got > 0);
    pending.append(buffer, std::size_t(got));
    for (std::size_t end; (end = pending.find('\n')) != std::string::npos; pending.erase(0, end + 1))
      acknowledged.insert(pending.substr(0, end));
  }
  kill(writer, SIGKILL);
  int status = 0;
  waitpid(writer, &status, 0);
  close(pipe_ends[0]);
  CHECK(WIFSIGNALED(status));
  auto store = open_sqlite_store(file);
  std::size_t missing = 0;
  for (const auto& id : acknowledged) missing += store->find_profile(id) ? 0 : 1;
  CHECK(missing == 0);
  CHECK(store->visible_profiles().size() >= acknowledged.size());
}

TEST_CASE("storage::tokens are random and kept only as a hash compared in constant time") {
  const std::string a = new_token(), b = new_token();
  CHECK(a.size() == 43);
  CHECK(a != b);
  CHECK(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
  CHECK(token_hash(a).size() == 32);
  CHECK(token_hash(a) == token_hash(a));
  CHECK(token_hash(a) != token_hash(b));
  CHECK(same_hash(token_hash(a), token_hash(a)));
  CHECK_FALSE(same_hash(token_hash(a), token_hash(b)));
  CHECK_FALSE(same_hash(token_hash(a), token_hash(a).substr(0, 31)));
  // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
  const std::string abc = token_hash("abc");
  static const char hex[] = "0123456789abcdef";
  std::string text;
  for (unsigned char byte : abc) text += {hex[byte >> 4], hex[byte & 15]};
  CHECK(text == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
