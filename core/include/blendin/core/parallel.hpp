// Parts of one job run side by side: on threads natively, one after another in
// WebAssembly (built without threads). Callers split the work so that the
// result does not depend on how the parts ran.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <vector>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

namespace blendin::core {

// Runs step(0) .. step(parts - 1). Natively and when `threaded`, each part on
// a thread of its own (part 0 on the caller's); otherwise one after another.
// Every thread is joined before it returns; an exception from a part is
// rethrown then (the lowest part's).
template <typename Step>
void run_parts(std::size_t parts, bool threaded, const Step& step) {
#ifndef __EMSCRIPTEN__
  if (threaded && parts > 1) {
    std::vector<std::exception_ptr> failures(parts);
    auto guarded = [&](std::size_t part) {
      try {
        step(part);
      } catch (...) {
        failures[part] = std::current_exception();
      }
    };
    std::vector<std::thread> threads;
    threads.reserve(parts - 1);
    try {
      for (std::size_t part = 1; part < parts; ++part) threads.emplace_back(guarded, part);
    } catch (...) {  // no thread to be had: the parts started so far end first
      for (auto& thread : threads) thread.join();
      throw;
    }
    guarded(0);
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures)
      if (failure) std::rethrow_exception(failure);
    return;
  }
#else
  (void)threaded;
#endif
  for (std::size_t part = 0; part < parts; ++part) step(part);
}

// Runs step(worker, i) for every i in [0, count): the indices are handed out
// in order, one at a time, to `workers` parts of run_parts (threaded), so that
// a long item holds up no other; `worker` (below `workers`) names the part, for
// state a part keeps of its own. After an exception no index is handed out
// again, and run_parts rethrows it.
template <typename Step>
void for_each_index(std::size_t count, std::size_t workers, const Step& step) {
  std::atomic<std::size_t> next{0};
  run_parts(std::min(std::max<std::size_t>(workers, 1), count), true, [&](std::size_t worker) {
    try {
      for (std::size_t i = next++; i < count; i = next++) step(worker, i);
    } catch (...) {
      next = count;
      throw;
    }
  });
}

}  // namespace blendin::core
