// Placeholder: batch pairing lands with the assignment (issue 3).
#include "commands.hpp"

#include <cstdio>

namespace blendin::cli {
static int not_yet(const char* name) {
  std::fprintf(stderr, "blendin match %s: not available in this build yet\n", name);
  return 2;
}
int run_match_assign(Args) { return not_yet("assign"); }
int run_match_scores(Args) { return not_yet("scores"); }
}  // namespace blendin::cli
