#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

bool same_bytes(const fs::path& old_file, std::string_view bytes) {
  struct stat info {};
  if (::stat(old_file.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::size_t>(info.st_size) != bytes.size())
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

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// ".public.tmp-123" beside "public" (built by appending: GCC 12 warns falsely on "." + s).
std::string hidden_sibling(const fs::path& dir, const char* what) {
  std::string name(1, '.');
  name.append(dir.filename().string()).append(what).append(std::to_string(::getpid()));
  return name;
}

}  // namespace

OutputWriter::OutputWriter(fs::path out_dir) : out_dir_(std::move(out_dir)) {
  if (out_dir_.filename().empty()) out_dir_ = out_dir_.parent_path();
  had_previous_ = fs::exists(out_dir_);
  if (had_previous_) {
    if (!fs::is_directory(out_dir_)) throw std::runtime_error(out_dir_.string() + " exists and is not a directory");
    // Never swap away a source tree by mistake.
    if (fs::exists(out_dir_ / "site.yaml") || fs::exists(out_dir_ / ".git"))
      throw std::runtime_error(out_dir_.string() + " looks like a source folder (site.yaml or .git), not a built site");
  }
  const fs::path parent = out_dir_.has_parent_path() ? out_dir_.parent_path() : fs::path(".");
  fs::create_directories(parent);
  temp_dir_ = parent / hidden_sibling(out_dir_, ".tmp-");
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

void OutputWriter::write(const std::string& path, std::string_view bytes) {
  const fs::path target = temp_dir_ / path;
  ensure_parent(target);
  ++files_;
  if (had_previous_) {
    const fs::path previous = out_dir_ / path;
    if (same_bytes(previous, bytes) && ::link(previous.c_str(), target.c_str()) == 0) return;
  }
  ++changed_;
  write_whole(target, bytes);
}

void OutputWriter::copy(const std::string& path, const fs::path& source) { write(path, read_all(source)); }

void OutputWriter::commit() {
  if (fs::exists(out_dir_)) {
    const fs::path old = out_dir_.parent_path() / hidden_sibling(out_dir_, ".old-");
    fs::remove_all(old);
    fs::rename(out_dir_, old);
    fs::rename(temp_dir_, out_dir_);
    committed_ = true;
    fs::remove_all(old);
  } else {
    fs::rename(temp_dir_, out_dir_);
    committed_ = true;
  }
}

}  // namespace blendin::generator
