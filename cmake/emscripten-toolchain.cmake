# The wasm preset's toolchain: Emscripten's own CMake toolchain file, found
# beside the emcc on PATH (Debian's /usr/bin/emcc links into its install), so
# that no install location is written into CMakePresets.json.
find_program(BLENDIN_EMCC emcc)
if(NOT BLENDIN_EMCC)
  message(FATAL_ERROR "no emcc on PATH: run scripts/setup.sh (Debian package emscripten)")
endif()
get_filename_component(blendin_emcc_real "${BLENDIN_EMCC}" REALPATH)
get_filename_component(blendin_emscripten_root "${blendin_emcc_real}" DIRECTORY)
include("${blendin_emscripten_root}/cmake/Modules/Platform/Emscripten.cmake")
