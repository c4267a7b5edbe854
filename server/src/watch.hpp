// Changes under folders, as Linux's inotify reports them, in bursts.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

namespace blendin::server {

// Watches every folder under the given roots, and each folder made later
// under them. An editor's save is often several events (a temporary file
// written, renamed over the old one, its mode set); they count as one burst
// once no event has come for `quiet`, or after `longest` in all.
class FolderWatch {
 public:
  // Throws std::system_error when inotify cannot be opened or a root not watched.
  explicit FolderWatch(std::vector<std::filesystem::path> roots);
  ~FolderWatch();
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  // Blocks until a burst of changes has settled (true) or stop() was called
  // (false). Changes made while the caller was busy (during a rebuild) make
  // the next call return at once.
  bool wait_for_changes();
  // The files created, written, removed or renamed since the last call (a
  // folder's own change is not listed); empty when events were lost, so the
  // caller cannot know what changed.
  std::vector<std::filesystem::path> take_changes();
  // From any thread: the waiting call, and every later one, returns false.
  void stop();

  std::chrono::milliseconds quiet{30};
  std::chrono::milliseconds longest{1000};

 private:
  void watch_tree(const std::filesystem::path& folder);
  // Reads the events that are ready; true when there was one.
  bool drain();

  std::vector<std::filesystem::path> roots_;
  std::map<int, std::filesystem::path> folders_;  // inotify's watch descriptor -> its folder
  int inotify_ = -1;
  int stop_event_ = -1;  // an eventfd, written by stop()
  std::set<std::filesystem::path> changed_;
  bool lost_ = false;  // the kernel's queue overflowed since the last take_changes
};

}  // namespace blendin::server
