// Bytes the allocator has handed out and not taken back (glibc's mallinfo2,
// Emscripten's dlmalloc mallinfo): what a structure built between two readings
// holds on the heap. 0 under AddressSanitizer, whose allocator keeps its
// own books.
#pragma once

#include <cstddef>

#include <malloc.h>

namespace blendin::test {

inline std::size_t heap_in_use() {
#if defined(__SANITIZE_ADDRESS__)
  return 0;
#elif defined(__GLIBC__)
  const auto info = mallinfo2();
  return info.uordblks + info.hblkhd;  // in the heap, and large blocks mapped on their own
#else
  return std::size_t(mallinfo().uordblks);
#endif
}

}  // namespace blendin::test
