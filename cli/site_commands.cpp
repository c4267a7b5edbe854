// Placeholder: the generator's commands land with the generator (issue 4).
#include "commands.hpp"

#include <cstdio>

namespace blendin::cli {
static int not_yet(const char* name) {
  std::fprintf(stderr, "blendin %s: not available in this build yet\n", name);
  return 2;
}
int run_build(Args) { return not_yet("build"); }
int run_check(Args) { return not_yet("check"); }
int run_new(Args) { return not_yet("new"); }
}  // namespace blendin::cli
