/* FriBidi's build configuration, as its configure script would write it for a
 * standard C library (glibc natively, musl under emcc); read by
 * build/deps/fribidi/src/lib/common.h through -DHAVE_CONFIG_H. */
#define HAVE_STRINGIZE 1
#define HAVE_STRING_H 1
#define HAVE_STDLIB_H 1
#define STDC_HEADERS 1
