// A coordinators' round as `blendin match assign --mode max` runs it (parse the
// pool's text, index it, the round on every core, its JSON), timed with glibc's
// default heap and with the command's heap settings (cli/heap.hpp), in turns,
// each run in a fresh child process so that no run inherits another's heap.
// Prints the wall times; never fails on a timing.
//
// usage: heap_bench POOL.json [RUNS]   (default RUNS 3)
#include <blendin/core/assign.hpp>
#include <blendin/core/top_k.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "heap.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double one_round(const std::string& pool_text) {
  const auto start = Clock::now();
  const auto pool = blendin::core::wire::parse_pool(pool_text);
  const blendin::core::MatchIndex index(pool);
  blendin::core::AssignOptions options;
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  options.candidates_per_person = 50;
  const auto result = blendin::core::assign_round(index, options);
  const auto text = blendin::core::wire::assignment_json(index, options, result, options.threads);
  if (text.empty()) std::abort();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The seconds of one round in a child process, with the command's heap
// settings or without; a negative number when the child failed.
double round_in_child(const std::string& pool_text, bool command_heap) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) return -1;
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_ends[0]);
    if (command_heap) blendin::cli::keep_large_blocks_in_heap();
    const double seconds = one_round(pool_text);
    const bool written = write(pipe_ends[1], &seconds, sizeof seconds) == sizeof seconds;
    _exit(written ? 0 : 1);
  }
  close(pipe_ends[1]);
  double seconds = -1;
  if (child < 0 || read(pipe_ends[0], &seconds, sizeof seconds) != sizeof seconds) seconds = -1;
  close(pipe_ends[0]);
  int status = 0;
  if (child > 0) waitpid(child, &status, 0);
  return status == 0 ? seconds : -1;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: heap_bench POOL.json [RUNS]\n");
    return 2;
  }
  const int runs = std::max(1, argc > 2 ? std::atoi(argv[2]) : 3);
  std::ifstream file(argv[1], std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  const std::string pool_text = text.str();
  std::vector<double> glibc_default, command_heap;
  for (int run = 0; run < runs; ++run) {
    glibc_default.push_back(round_in_child(pool_text, false));
    command_heap.push_back(round_in_child(pool_text, true));
  }
  for (const auto* times : {&glibc_default, &command_heap})
    if (std::any_of(times->begin(), times->end(), [](double s) { return s < 0; })) {
      std::fprintf(stderr, "heap_bench: a round failed in its child process\n");
      return 1;
    }
  const auto print = [](const char* name, const std::vector<double>& times) {
    std::printf("%-26s median %.3f s, runs", name, median(times));
    for (double s : times) std::printf(" %.3f", s);
    std::printf("\n");
  };
  std::printf("a max round, top 50 candidates, read to JSON, %d run(s) each, in turns:\n", runs);
  print("glibc's default heap:", glibc_default);
  print("match assign's settings:", command_heap);
  std::printf("ratio settings / default: %.3f\n", median(command_heap) / median(glibc_default));
}
