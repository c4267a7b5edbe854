// blendin: the command line over the generator and the matching core.
// This file only dispatches; every command lives in its own file.
#include <blendin/core/problem.hpp>

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
  bool builds_site = false;  // a refused build says that the site was left as it was
};

constexpr Command commands[] = {
    {"build", blendin::cli::run_build, "build the site from content/ and templates/ into public/", true},
    {"check", blendin::cli::run_check, "validate the content without writing anything", true},
    {"new", blendin::cli::run_new, "new event SLUG [--lang nl]: write a ready-to-fill event file"},
    {"demo-data", blendin::cli::run_demo_data, "--profiles N --seed S [--newcomer-share F]: write a demo pool as JSON"},
    {"match top", blendin::cli::run_match_top, "--pool FILE --profile ID|--profile-file FILE [-k 10]: best matches"},
    {"match events", blendin::cli::run_match_events,
     "--pool FILE --events FILE --profile ID|--profile-file FILE: suggested events"},
    {"match assign", blendin::cli::run_match_assign,
     "--pool FILE [--mode max|coverage|stable] [--format json|csv]: batch pairing"},
    {"match scores", blendin::cli::run_match_scores, "--pool FILE: every admissible pair as CSV"},
    {"serve", blendin::cli::run_serve, "[--port 8080] [--db FILE]: build and serve the site and the JSON API, rebuild on save",
     true},
};

void print_usage(std::FILE* out) {
  std::fputs("usage: blendin COMMAND [OPTIONS]\n\ncommands:\n", out);
  for (const auto& command : commands)
    std::fprintf(out, "  %-14.*s %.*s\n", int(command.words.size()), command.words.data(), int(command.summary.size()),
                 command.summary.data());
  std::fputs(
      "\n'blendin COMMAND --help' shows a command's options and examples; 'blendin --version' the version.\n"
      "Exit codes: 0 success, 1 refused input (a content or pool error, named where it is), 2 usage.\n",
      out);
}

bool asks_help(std::span<const std::string_view> args) {
  for (const auto arg : args)
    if (arg == "--help" || arg == "-h") return true;
  return false;
}

// The one place where refused input is printed. Problems in files read as a
// compiler's ("content/events/x.nl.md:4:7: ..."), others after "blendin: ";
// a command line that is not well formed points to the command's help, and
// a refused build counts its errors and says that nothing was written.
int report(const blendin::core::Refused& refused, const Command& command) {
  for (const auto& problem : refused.problems())
    std::fprintf(stderr, "%s%s\n", problem.file.empty() ? "blendin: " : "", problem.to_string().c_str());
  const int words = int(command.words.size());
  if (refused.kind() == blendin::core::Refused::Kind::usage) {
    std::fprintf(stderr, "(blendin %.*s --help shows the options)\n", words, command.words.data());
    return 2;
  }
  const std::size_t count = refused.problems().size();
  if (command.builds_site)
    std::fprintf(stderr, "blendin %.*s: %zu error%s; nothing was written\n", words, command.words.data(), count,
                 count == 1 ? "" : "s");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("blendin %s\n", BLENDIN_VERSION);
    return 0;
  }
  for (const auto& command : commands) {
    const auto space = command.words.find(' ');
    const bool two_words = space != std::string_view::npos;
    if (two_words) {
      if (args.size() < 2 || args[0] != command.words.substr(0, space) || args[1] != command.words.substr(space + 1)) continue;
    } else if (args[0] != command.words) {
      continue;
    }
    const Args rest = Args(args).subspan(two_words ? 2 : 1);
    if (asks_help(rest)) {
      const std::string_view help = blendin::cli::command_help(command.words);
      std::fwrite(help.data(), 1, help.size(), stdout);
      return 0;
    }
    try {
      return command.run(rest);
    } catch (const blendin::core::Refused& refused) {
      return report(refused, command);
    } catch (const std::exception& error) {  // the machine failed (std::system_error), not the input
      std::fprintf(stderr, "blendin: %s\n", error.what());
      return 1;
    }
  }
  std::fprintf(stderr, "blendin: unknown command '%.*s'\n\n", int(args[0].size()), args[0].data());
  print_usage(stderr);
  return 2;
}
