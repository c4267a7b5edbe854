#include "watch.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>
#include <utility>

namespace blendin::server {

namespace fs = std::filesystem;

namespace {

// What changes a site: a file written, made, removed or renamed, in a folder
// or of the folder itself. IN_MODIFY too, so that a long write keeps the
// burst open until it ends.
constexpr std::uint32_t watched_events = IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                         IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

}  // namespace

FolderWatch::FolderWatch(std::vector<fs::path> roots) : roots_(std::move(roots)) {
  inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_ < 0) fail("inotify_init1");
  stop_event_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (stop_event_ < 0) {
    ::close(inotify_);
    fail("eventfd");
  }
  try {
    for (const auto& root : roots_) {
      if (::inotify_add_watch(inotify_, root.c_str(), watched_events) < 0) fail("watching " + root.string());
      watch_tree(root);
    }
  } catch (...) {
    ::close(inotify_);
    ::close(stop_event_);
    throw;
  }
}

FolderWatch::~FolderWatch() {
  ::close(inotify_);
  ::close(stop_event_);
}

// A folder and every folder under it; one that vanished meanwhile is skipped
// (its removal is a change the caller sees anyway).
void FolderWatch::watch_tree(const fs::path& folder) {
  const int descriptor = ::inotify_add_watch(inotify_, folder.c_str(), watched_events);
  if (descriptor < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return;
    fail("watching " + folder.string());
  }
  folders_[descriptor] = folder;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
    if (it->is_directory(error) && !it->is_symlink(error)) watch_tree(it->path());
}

bool FolderWatch::drain() {
  alignas(inotify_event) char buffer[16 * 1024];
  bool any = false;
  for (;;) {
    const ssize_t length = ::read(inotify_, buffer, sizeof buffer);
    if (length < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) return any;
      fail("reading inotify events");
    }
    for (ssize_t at = 0; at < length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += ssize_t(sizeof(inotify_event) + event->len);
      any = true;
      if (event->mask & IN_Q_OVERFLOW) {
        // Events were lost: every folder is looked at again.
        lost_ = true;
        for (const auto& root : roots_) watch_tree(root);
      } else if (event->mask & IN_IGNORED) {
        folders_.erase(event->wd);
      } else if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO)) && event->len > 0) {
        const auto parent = folders_.find(event->wd);
        if (parent != folders_.end()) watch_tree(parent->second / event->name);
      } else if (!(event->mask & IN_ISDIR) && event->len > 0) {
        const auto parent = folders_.find(event->wd);
        if (parent != folders_.end()) changed_.insert(parent->second / event->name);
      }
    }
  }
}

bool FolderWatch::wait_for_changes() {
  pollfd waits[2] = {{stop_event_, POLLIN, 0}, {inotify_, POLLIN, 0}};
  const auto poll_for = [&](int milliseconds) {
    for (;;) {
      waits[0].revents = waits[1].revents = 0;
      const int ready = ::poll(waits, 2, milliseconds);
      if (ready >= 0) return ready;
      if (errno != EINTR) fail("waiting for inotify events");
    }
  };
  poll_for(-1);
  if (waits[0].revents) return false;
  const auto first = std::chrono::steady_clock::now();
  drain();
  // The burst lasts while events keep coming within `quiet`, up to `longest`.
  while (std::chrono::steady_clock::now() - first < longest) {
    if (poll_for(int(quiet.count())) == 0) break;
    if (waits[0].revents) return false;
    drain();
  }
  return true;
}

std::vector<fs::path> FolderWatch::take_changes() {
  std::vector<fs::path> changed(changed_.begin(), changed_.end());
  if (std::exchange(lost_, false)) changed.clear();
  changed_.clear();
  return changed;
}

void FolderWatch::stop() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(stop_event_, &one, sizeof one);
}

}  // namespace blendin::server
