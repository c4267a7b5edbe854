#include "output.hpp"

#include "files.hpp"

#include <blendin/core/problem.hpp>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc 2.28)
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

bool same_bytes(const fs::path& old_file, std::string_view bytes) {
  struct stat info {};
  if (::stat(old_file.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || static_cast<std::size_t>(info.st_size) != bytes.size())
    return false;
  const int fd = ::open(old_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::vector<char> buffer(1 << 16);
  std::size_t offset = 0;
  bool same = true;
  while (same) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n <= 0) break;
    if (offset + static_cast<std::size_t>(n) > bytes.size() ||
        std::memcmp(buffer.data(), bytes.data() + offset, static_cast<std::size_t>(n)) != 0)
      same = false;
    offset += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return same && offset == bytes.size();
}

void write_whole(const fs::path& path, std::string_view bytes) {
  // Always a new file in the fresh temporary tree (O_TRUNC would make ext4 flush on close).
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw std::system_error(error, std::generic_category(), "cannot write " + path.string());
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
}

// ".public.tmp-123" beside "public" (built by appending: GCC 12 warns falsely on "." + s).
std::string hidden_sibling(const fs::path& dir, const char* what, long pid) {
  std::string name(1, '.');
  name.append(dir.filename().string()).append(what).append(std::to_string(pid));
  return name;
}

const char marker_text[] = "This folder is a site built by `blendin build`, which replaces all of it on every build.\n";

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [outer_end, inner_end] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return outer_end == outer.end();
}

// The reason out_dir may not be replaced by a build, or "".
std::string replace_problem(const fs::path& out_dir, const std::string& shown, const std::vector<fs::path>& sources) {
  for (const auto& source : sources) {
    const fs::path real_source = fs::weakly_canonical(source);
    if (is_within(real_source, out_dir) || is_within(out_dir, real_source))
      return "--out " + shown + " is, holds or lies inside the sources (" + source.generic_string() +
             "): expected an output folder of its own, such as public";
  }
  if (!fs::exists(out_dir)) return "";
  if (!fs::is_directory(out_dir)) return "--out " + shown + " exists and is not a folder: expected a folder to build into";
  if (fs::is_empty(out_dir) || fs::is_regular_file(out_dir / output_marker_name)) return "";
  return "--out " + shown + " exists and was not written by blendin build (it has no " + std::string(output_marker_name) +
         "), and a build replaces all of it: expected a new or empty folder, "
         "or one that blendin build wrote (move it away, or choose another --out)";
}

// Temporary and old trees that builds killed before they finished left beside
// out_dir: those of processes that no longer run.
void remove_leftovers(const fs::path& parent, const fs::path& out_dir) {
  const std::string name = out_dir.filename().string();
  std::error_code error;
  for (const auto& item : fs::directory_iterator(parent, error)) {
    const std::string entry = item.path().filename().string();
    for (const char* what : {".tmp-", ".old-"}) {
      const std::string prefix = "." + name + what;
      if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string digits = entry.substr(prefix.size());
      long pid = 0;
      const auto [end, parsed] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
      if (parsed != std::errc() || end != digits.data() + digits.size() || pid <= 0) continue;
      if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
      fs::remove_all(item.path(), error);
    }
  }
}

}  // namespace

OutputWriter::OutputWriter(fs::path out_dir, const std::vector<fs::path>& sources) {
  if (out_dir.filename().empty()) out_dir = out_dir.parent_path();
  if (out_dir.empty()) out_dir = ".";
  // Links resolved: the folder replaced is the one the path leads to.
  out_dir_ = fs::weakly_canonical(fs::absolute(out_dir));
  if (const std::string problem = replace_problem(out_dir_, out_dir.generic_string(), sources); !problem.empty())
    throw core::Refused(core::Problem{.message = problem});
  had_previous_ = fs::exists(out_dir_);
  const fs::path parent = out_dir_.parent_path();
  fs::create_directories(parent);
  remove_leftovers(parent, out_dir_);
  temp_dir_ = parent / hidden_sibling(out_dir_, ".tmp-", ::getpid());
  fs::remove_all(temp_dir_);
  fs::create_directory(temp_dir_);
}

OutputWriter::~OutputWriter() {
  if (!committed_) {
    std::error_code ignored;
    fs::remove_all(temp_dir_, ignored);
  }
}

// mkdir -p with one syscall per new directory (std::filesystem stats every component).
static void make_directories(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return;
  if (errno != ENOENT) throw std::system_error(errno, std::generic_category(), "cannot create " + dir);
  const auto slash = dir.rfind('/');
  if (slash == std::string::npos || slash == 0) throw std::system_error(errno, std::generic_category(), "cannot create " + dir);
  make_directories(dir.substr(0, slash));
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
    throw std::system_error(errno, std::generic_category(), "cannot create " + dir);
}

void OutputWriter::ensure_parent(const fs::path& file) {
  std::string parent = file.parent_path().string();
  {
    std::lock_guard lock(dirs_mutex_);
    if (made_dirs_.count(parent)) return;
  }
  make_directories(parent);
  std::lock_guard lock(dirs_mutex_);
  made_dirs_.insert(std::move(parent));
}

bool OutputWriter::store(const std::string& path, std::string_view bytes) {
  const fs::path target = temp_dir_ / path;
  ensure_parent(target);
  if (had_previous_) {
    const fs::path previous = out_dir_ / path;
    if (same_bytes(previous, bytes) && ::link(previous.c_str(), target.c_str()) == 0) return false;
  }
  write_whole(target, bytes);
  return true;
}

// Enough for an edit's pages and lists; a larger build is a new site.
constexpr std::size_t changed_paths_told = 2000;

void OutputWriter::write(const std::string& path, std::string_view bytes) {
  ++files_;
  if (!store(path, bytes)) return;
  if (std::size_t(++changed_) <= changed_paths_told) {
    std::lock_guard lock(changed_mutex_);
    changed_paths_.push_back(path);
  }
}

std::optional<std::vector<std::string>> OutputWriter::changed_paths() const {
  if (std::size_t(changed_) > changed_paths_told) return std::nullopt;
  std::lock_guard lock(changed_mutex_);
  return changed_paths_;
}

void OutputWriter::copy(const std::string& path, const fs::path& source) { write(path, read_file(source)); }

void OutputWriter::commit(const std::function<void()>& after_swap) {
  store(std::string(output_marker_name), marker_text);
  if (!had_previous_) {
    fs::rename(temp_dir_, out_dir_);
    committed_ = true;
    if (after_swap) after_swap();
    return;
  }
  // One exchange of the two names: at every moment out_dir holds one whole site.
  if (::renameat2(AT_FDCWD, temp_dir_.c_str(), AT_FDCWD, out_dir_.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS)
      throw std::system_error(errno, std::generic_category(), "cannot swap " + temp_dir_.string() + " into place");
    // A file system without the exchange: two renames, with a moment between them.
    const fs::path old = out_dir_.parent_path() / hidden_sibling(out_dir_, ".old-", ::getpid());
    fs::remove_all(old);
    fs::rename(out_dir_, old);
    fs::rename(temp_dir_, out_dir_);
    committed_ = true;
    if (after_swap) after_swap();
    fs::remove_all(old);
    return;
  }
  committed_ = true;
  if (after_swap) after_swap();
  fs::remove_all(temp_dir_);  // now the previous site
}

}  // namespace blendin::generator
