// blendin: the command line over the generator and the matching core.
// This file only dispatches; every command lives in its own file.
#include "commands.hpp"

#include <cstdio>
#include <exception>
#include <string_view>
#include <vector>

namespace {

using blendin::cli::Args;

struct Command {
  std::string_view words;  // "build" or "match top"
  int (*run)(Args);
  std::string_view summary;
};

constexpr Command commands[] = {
    {"build", blendin::cli::run_build, "build the site from content/ and templates/ into public/"},
    {"check", blendin::cli::run_check, "validate the content without writing anything"},
    {"new", blendin::cli::run_new, "new event SLUG [--lang nl]: write a ready-to-fill event file"},
    {"demo-data", blendin::cli::run_demo_data, "--profiles N --seed S [--newcomer-share F]: write a demo pool as JSON"},
    {"match top", blendin::cli::run_match_top, "--pool FILE --profile ID|--profile-file FILE [-k 10]: best matches"},
    {"match events", blendin::cli::run_match_events, "--pool FILE --events FILE --profile ID|--profile-file FILE: suggested events"},
    {"match assign", blendin::cli::run_match_assign, "--pool FILE [--mode max|coverage|stable] [--format json|csv]: batch pairing"},
    {"match scores", blendin::cli::run_match_scores, "--pool FILE: every admissible pair as CSV"},
};

void print_usage(std::FILE* out) {
  std::fputs("usage: blendin COMMAND [OPTIONS]\n\ncommands:\n", out);
  for (const auto& command : commands)
    std::fprintf(out, "  %-14.*s %.*s\n", int(command.words.size()), command.words.data(),
                 int(command.summary.size()), command.summary.data());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  for (const auto& command : commands) {
    const auto space = command.words.find(' ');
    const bool two_words = space != std::string_view::npos;
    if (two_words) {
      if (args.size() < 2 || args[0] != command.words.substr(0, space) || args[1] != command.words.substr(space + 1))
        continue;
    } else if (args[0] != command.words) {
      continue;
    }
    try {
      return command.run(Args(args).subspan(two_words ? 2 : 1));
    } catch (const std::exception& error) {
      std::fprintf(stderr, "blendin: %s\n", error.what());
      return 1;
    }
  }
  std::fprintf(stderr, "blendin: unknown command '%.*s'\n\n", int(args[0].size()), args[0].data());
  print_usage(stderr);
  return 2;
}
