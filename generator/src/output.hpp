// Stage 5, write: files go into a temporary directory beside --out and are
// swapped in only when everything succeeded. A file whose bytes equal the
// previous build's is hard-linked from it, so its mtime (and rsync) stay put.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace blendin::generator {

// Where rendered files go: a writer on disk, or memory for `check`.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // `path` is relative to the site root, without a leading '/'. Thread-safe.
  virtual void write(const std::string& path, std::string_view bytes) = 0;
  virtual void copy(const std::string& path, const std::filesystem::path& source) = 0;
};

class OutputWriter final : public OutputSink {
 public:
  explicit OutputWriter(std::filesystem::path out_dir);
  ~OutputWriter() override;  // removes the temporary directory unless committed
  void write(const std::string& path, std::string_view bytes) override;
  void copy(const std::string& path, const std::filesystem::path& source) override;
  // Replaces out_dir with the new tree.
  void commit();
  int files() const { return files_; }
  int changed() const { return changed_; }
  int unchanged() const { return files_ - changed_; }

 private:
  void ensure_parent(const std::filesystem::path& file);
  std::filesystem::path out_dir_, temp_dir_;
  bool committed_ = false;
  bool had_previous_ = false;  // a previous build to compare with
  std::mutex dirs_mutex_;
  std::set<std::string> made_dirs_;
  std::atomic<int> files_{0}, changed_{0};
};

}  // namespace blendin::generator
