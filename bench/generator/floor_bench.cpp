// The floor under any build of a corpus with the parts the generator must use:
// how long yaml-cpp takes to parse every front matter (as YAML::Load, and the
// parser's events alone, which the generator reads), how long cmark takes to
// render every body, and how long the kernel takes to create the files a built
// site consists of, on a fresh folder and right after `rm -rf` of the same
// tree (some file systems create files slowly right after many were deleted).
// Prints figures; never fails on a timing.
//
// With --copy-site it is a "generator" that does no work at all: it reads a
// built site into memory and writes the same files on two threads, the way the
// generator writes, so that ../shared/bench/vs-hugo.sh can time the file system
// alone exactly as it times a build.
//
// usage: floor_bench CORPUS_DIR [BUILT_SITE_DIR [SCRATCH_DIR]]
//        floor_bench --copy-site BUILT_SITE_DIR OUT_DIR
#include <cmark.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// User plus system CPU seconds of this process so far, every thread.
double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string read_file(const fs::path& path) {
  std::string text;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[65536];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return text;
}

struct Source {
  std::string front_matter, body;
};

// Counts the scalars of yaml-cpp's parser events, building nothing.
struct ScalarCounter : YAML::EventHandler {
  std::size_t scalars = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++scalars; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// "---\n<yaml>\n---\n<body>"; anything else counts as body only.
Source split_front_matter(const std::string& text) {
  if (text.rfind("---\n", 0) != 0) return {"", text};
  const auto close = text.find("\n---\n", 3);
  if (close == std::string::npos) return {"", text};
  return {text.substr(4, close - 3), text.substr(close + 5)};
}

struct OutputFile {
  std::string relative;
  std::string bytes;
};

// Creates every file (and its folders) under `root` on `threads` threads, the way
// the generator's writer does: mkdir, then open(O_CREAT|O_EXCL), write, close.
void write_tree(const fs::path& root, const std::vector<OutputFile>& files, unsigned threads) {
  std::vector<std::string> folders;
  for (const auto& file : files) {
    const auto slash = file.relative.rfind('/');
    if (slash != std::string::npos) folders.push_back(file.relative.substr(0, slash));
  }
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  fs::create_directories(root);
  for (const auto& folder : folders) fs::create_directories(root / folder);
  // Each thread takes one run of the files in path order, so that the two
  // rarely write into the same folder at once (the kernel locks a folder
  // while it adds a name to it).
  std::vector<const OutputFile*> in_order;
  for (const auto& file : files) in_order.push_back(&file);
  std::sort(in_order.begin(), in_order.end(), [](const OutputFile* a, const OutputFile* b) { return a->relative < b->relative; });
  auto work = [&](unsigned t) {
    for (std::size_t i = in_order.size() * t / threads; i < in_order.size() * (t + 1) / threads; ++i) {
      const std::string path = (root / in_order[i]->relative).string();
      const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd < 0) continue;
      if (::write(fd, in_order[i]->bytes.data(), in_order[i]->bytes.size()) < 0) std::perror(path.c_str());
      ::close(fd);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& thread : pool) thread.join();
}

std::vector<OutputFile> read_tree(const fs::path& built) {
  std::vector<OutputFile> files;
  for (const auto& item : fs::recursive_directory_iterator(built)) {
    if (!item.is_regular_file()) continue;
    files.push_back({fs::relative(item.path(), built).generic_string(), read_file(item.path())});
  }
  return files;
}

// The site at `built` written again to `out` (which must not exist); the read
// and the write timed apart, on stderr (vs-hugo.sh drops stdout).
int copy_site(const fs::path& built, const fs::path& out) {
  auto start = Clock::now();
  const std::vector<OutputFile> files = read_tree(built);
  const double read_seconds = seconds_since(start);
  start = Clock::now();
  const double cpu_start = cpu_seconds();
  write_tree(out, files, 2);
  std::fprintf(stderr, "copy-site: read %zu files in %.2f s, wrote them in %.2f s (%.2f s of CPU)\n", files.size(), read_seconds,
               seconds_since(start), cpu_seconds() - cpu_start);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string_view(argv[1]) == "--copy-site") return copy_site(argv[2], argv[3]);
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: floor_bench CORPUS_DIR [BUILT_SITE_DIR [SCRATCH_DIR]]\n"
                 "       floor_bench --copy-site BUILT_SITE_DIR OUT_DIR\n");
    return 2;
  }
  const fs::path corpus = argv[1];
  std::vector<Source> sources;
  std::size_t markdown_bytes = 0;
  auto start = Clock::now();
  for (const auto& item : fs::recursive_directory_iterator(corpus)) {
    if (!item.is_regular_file() || item.path().extension() != ".md") continue;
    sources.push_back(split_front_matter(read_file(item.path())));
    markdown_bytes += sources.back().front_matter.size() + sources.back().body.size();
  }
  const double read_seconds = seconds_since(start);

  start = Clock::now();
  std::size_t yaml_keys = 0;
  for (const auto& source : sources) yaml_keys += YAML::Load(source.front_matter).size();
  const double yaml_load_seconds = seconds_since(start);
  // yaml-cpp's parser alone, its events counted and dropped: what any reader
  // of the front matter must pay (the generator builds a light tree from them).
  start = Clock::now();
  ScalarCounter counter;
  for (const auto& source : sources) {
    std::istringstream stream(source.front_matter);
    YAML::Parser parser(stream);
    parser.HandleNextDocument(counter);
  }
  const double yaml_seconds = seconds_since(start);

  start = Clock::now();
  std::size_t html_bytes = 0;
  for (const auto& source : sources) {
    char* html = cmark_markdown_to_html(source.body.data(), source.body.size(), CMARK_OPT_SMART);
    html_bytes += std::strlen(html);
    std::free(html);
  }
  const double cmark_seconds = seconds_since(start);

  std::printf("corpus: %zu Markdown files, %.1f MB (read in %.2f s)\n", sources.size(), markdown_bytes / 1e6, read_seconds);
  std::printf("yaml-cpp YAML::Load of every front matter: %.2f s on one core (%zu keys)\n", yaml_load_seconds, yaml_keys);
  std::printf("yaml-cpp parser events only:               %.2f s on one core (%zu scalars)\n", yaml_seconds, counter.scalars);
  std::printf("cmark of every body:                       %.2f s on one core (%.1f MB of HTML)\n", cmark_seconds,
              html_bytes / 1e6);
  std::printf("  both on two cores, perfectly split:      %.2f s\n", (yaml_seconds + cmark_seconds) / 2);
  if (argc < 3) return 0;

  const fs::path built = argv[2];
  const std::vector<OutputFile> files = read_tree(built);
  std::size_t output_bytes = 0;
  for (const auto& file : files) output_bytes += file.bytes.size();
  const fs::path scratch = argc > 3 ? fs::path(argv[3]) : built.parent_path() / "floor-bench-scratch";
  fs::remove_all(scratch);
  ::sync();
  start = Clock::now();
  double cpu_start = cpu_seconds();
  write_tree(scratch / "a", files, 2);
  const double fresh_seconds = seconds_since(start), fresh_cpu = cpu_seconds() - cpu_start;
  fs::remove_all(scratch / "a");
  start = Clock::now();
  cpu_start = cpu_seconds();
  write_tree(scratch / "b", files, 2);
  const double after_rm_seconds = seconds_since(start), after_rm_cpu = cpu_seconds() - cpu_start;
  fs::remove_all(scratch);
  std::printf("writing the built site's %zu files (%.1f MB) on two threads:\n", files.size(), output_bytes / 1e6);
  std::printf("  into a fresh folder:                     %.2f s (%.2f s of CPU, nearly all in the kernel)\n", fresh_seconds,
              fresh_cpu);
  std::printf("  right after rm -rf of the same tree:     %.2f s (%.2f s of CPU)\n", after_rm_seconds, after_rm_cpu);
  std::printf("floor on two cores, all CPU work perfectly split (yaml-cpp + cmark + writing):\n");
  std::printf("  into a fresh folder:                     %.2f s\n", (yaml_seconds + cmark_seconds + fresh_cpu) / 2);
  std::printf("  right after rm -rf, as vs-hugo.sh runs:  %.2f s\n", (yaml_seconds + cmark_seconds + after_rm_cpu) / 2);
  return 0;
}
