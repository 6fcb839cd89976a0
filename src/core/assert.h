// NNLAB_ASSERT: checks for programmer mistakes (wrong shapes, bad indices).
// On in debug, sanitizer and test builds (NNLAB_ASSERTS=1); compiled out in release builds.
// User data never reaches an assert: it is validated and rejected with an error message instead.
#pragma once

#if defined(NNLAB_ASSERTS) && NNLAB_ASSERTS
#include <cstdio>
#include <cstdlib>
#define NNLAB_ASSERT(cond)                                                              \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)
#else
#define NNLAB_ASSERT(cond) ((void)sizeof(!(cond)))
#endif
