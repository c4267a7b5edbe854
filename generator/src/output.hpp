// Stage 5, write: files go into a temporary folder beside --out, which is
// swapped in only when everything succeeded, in one step that never leaves
// --out missing. A file whose bytes equal the previous build's is hard-linked
// from it, so its mtime (and rsync) stay put. The build replaces only a
// folder that is new, empty, or marked as written by an earlier build, and
// never one that holds, is, or lies inside the sources.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::generator {

// Where rendered files go: a writer on disk, or memory for `check`.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // `path` is relative to the site root, without a leading '/'. Thread-safe.
  virtual void write(const std::string& path, std::string_view bytes) = 0;
  virtual void copy(const std::string& path, const std::filesystem::path& source) = 0;
};

// The file in the root of every built site that says `blendin build` wrote
// the folder (and may replace it).
inline constexpr std::string_view output_marker_name = ".blendin-build";

class OutputWriter final : public OutputSink {
 public:
  // Throws core::Refused, before anything is written, when out_dir may
  // not be replaced (see above); `sources` are the content and templates
  // folders. Removes what killed builds into out_dir left beside it.
  OutputWriter(std::filesystem::path out_dir, const std::vector<std::filesystem::path>& sources);
  ~OutputWriter() override;  // removes the temporary directory unless committed
  void write(const std::string& path, std::string_view bytes) override;
  void copy(const std::string& path, const std::filesystem::path& source) override;
  // Marks the new tree and exchanges it with out_dir; calls `after_swap`
  // (when given) with the new tree in place, then removes the old tree.
  void commit(const std::function<void()>& after_swap = {});
  int files() const { return files_; }
  int changed() const { return changed_; }
  int unchanged() const { return files_ - changed_; }
  // The site paths written anew, in no order; nothing when there were more
  // than a live preview tells pages about (every page then reloads).
  std::optional<std::vector<std::string>> changed_paths() const;

 private:
  void ensure_parent(const std::filesystem::path& file);
  bool store(const std::string& path, std::string_view bytes);  // true when written anew, false when linked
  std::filesystem::path out_dir_, temp_dir_;
  bool committed_ = false;
  bool had_previous_ = false;  // a previous build to compare with
  std::mutex dirs_mutex_;
  std::set<std::string> made_dirs_;
  std::atomic<int> files_{0}, changed_{0};
  mutable std::mutex changed_mutex_;
  std::vector<std::string> changed_paths_;
};

}  // namespace blendin::generator
