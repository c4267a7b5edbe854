#!/usr/bin/env bash
# Installs everything the build and the tests need, from Debian's packages and npm.
# Idempotent: when everything is there it only checks, in a few seconds.
# usage: scripts/setup.sh [--no-test-tools]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
want_test_tools=1
[[ ${1:-} == --no-test-tools ]] && want_test_tools=0

# What the build uses, and nothing else: Dear ImGui and FriBidi come as
# Debian's sources below; GLFW is Emscripten's own.
build_packages=(
  build-essential cmake ninja-build pkg-config
  libcmark-dev libboost-json1.81-dev libyaml-cpp-dev libkainjow-mustache-dev
  libicu-dev doctest-dev
  libsqlite3-dev libssl-dev  # the API server's store and tokens (storage/)
  libjpeg62-turbo-dev libpng-dev  # editors' photos and logos at the widths a page offers (images/)
  emscripten dpkg-dev  # dpkg-dev: apt-get source unpacks with dpkg-source
  fonts-dejavu-core fonts-noto-core fonttools python3-yaml  # the explorer's fonts, subset with fontTools (wasm-client/fonts/)
)
test_packages=(
  chromium libxml2-utils python3-icalendar python3-feedparser python3-jsonschema
  python3-pil           # Pillow reads the pictures the site offers back (tests/site/pictures.py)
  default-jre-headless  # the W3C Nu checker (npm vnu-jar)
  hugo                  # the generator's benchmark peer (bench/generator/)
  clang libclang-rt-14-dev llvm  # libFuzzer, the sanitizer runtimes, llvm-symbolizer for their stacks (tests/fuzz/)
  clang-format                   # the style check (scripts/check-format.sh, .clang-format)
)

missing=()
check() { for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done; }
check "${build_packages[@]}"
((want_test_tools)) && check "${test_packages[@]}"

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Sources for the WebAssembly client come from Debian's source packages, once
# each, into build/deps/<package>/src (read there by CMake, never committed).
deb_src_ready=0
ensure_deb_src() {
  ((deb_src_ready)) && return 0
  local src_list=/etc/apt/sources.list.d/blendin-deb-src.sources
  if [[ ! -f $src_list ]]; then
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' >"$src_list"
    apt-get update -qq
  fi
  deb_src_ready=1
}

# Dear ImGui: the upstream tarball as Debian ships it.
imgui_dir=$root/build/deps/imgui
if [[ ! -f $imgui_dir/.done ]]; then
  ensure_deb_src
  rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
  (cd "$imgui_dir" && apt-get source -qq --download-only imgui >/dev/null 2>&1 || apt-get source -qq --download-only imgui)
  tarball=$(ls "$imgui_dir"/imgui_*.orig.tar.* | head -n1)
  mkdir -p "$imgui_dir/src"
  tar -xf "$tarball" -C "$imgui_dir/src" --strip-components=1
  touch "$imgui_dir/.done"
fi

# FriBidi (the explorer's bidi and Arabic shaping, wasm-client/text/): unpacked
# with Debian's patches applied, since they carry its security fixes.
fribidi_dir=$root/build/deps/fribidi
if [[ ! -f $fribidi_dir/.done ]]; then
  ensure_deb_src
  rm -rf "$fribidi_dir" && mkdir -p "$fribidi_dir"
  if ! log=$(cd "$fribidi_dir" && apt-get source -qq fribidi 2>&1); then
    echo "$log" >&2
    echo "setup: apt-get source fribidi failed" >&2
    exit 1
  fi
  unpacked=$(find "$fribidi_dir" -mindepth 1 -maxdepth 1 -type d -name 'fribidi-*' | head -n1)
  mv "$unpacked" "$fribidi_dir/src"
  touch "$fribidi_dir/.done"
fi

# npm packages serve the build (the explorer's packaging) as well as the tests.
if [[ -f $root/package-lock.json ]]; then
  if [[ ! -f $root/node_modules/.package-lock.json || $root/package-lock.json -nt $root/node_modules/.package-lock.json ]]; then
    echo "setup: npm ci" >&2
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
