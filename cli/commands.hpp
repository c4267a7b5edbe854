// The `blendin` command line: one function per command, each in its own file.
// A command receives its arguments after the command words and returns the
// process exit code; it prints its own errors to stderr.
#pragma once

#include <span>
#include <string_view>

namespace blendin::cli {

using Args = std::span<const std::string_view>;

// site_commands.cpp: content -> site (blendin::generator)
int run_build(Args args);
int run_check(Args args);
int run_new(Args args);

// match_commands.cpp: the matching core on a pool file
int run_demo_data(Args args);
int run_match_top(Args args);
int run_match_events(Args args);

// assign_commands.cpp: coordinators' batch pairing
int run_match_assign(Args args);
int run_match_scores(Args args);

// serve_command.cpp: the site and the JSON API (blendin::server)
int run_serve(Args args);

// help.cpp: `blendin COMMAND --help`, by the command's words ("match top");
// empty for words that are no command.
std::string_view command_help(std::string_view words);

}  // namespace blendin::cli
