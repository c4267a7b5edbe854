// The heap settings of `blendin match assign` (cli/assign_commands.cpp), in
// one place so that bench/assign/heap_bench.cpp measures the round with and
// without exactly these.
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace blendin::cli {

// A round allocates and frees hundreds of megabytes in large blocks (the
// pool's JSON document, the candidate lists, the graph). glibc maps each large
// block on its own and unmaps it when it is freed, and gives the top of the
// heap back to the system, so the next block faults fresh zeroed pages in
// again; kept in the heap instead, freed blocks are reused. The 3 s goal of a
// 50,000 x 50,000 round (bench/goals.md) needs both settings: heap_bench
// times the round with and without them (docs/bench.md, part assign). A
// setting of the whole process and of glibc alone, so the program makes it,
// not the core.
inline void keep_large_blocks_in_heap() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

}  // namespace blendin::cli
