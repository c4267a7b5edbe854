#!/usr/bin/env bash
# Builds everything and serves the site on http://127.0.0.1:${PORT:-8080}/,
# the match explorer on every /<lang>/match/ page with a synthetic demo pool.
# usage: scripts/site.sh   (BLENDIN_EXPLORER_BIG_POOL=1 also serves the
# 100,000-profile pool as /explorer/demo-pool-100000.json)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh --no-test-tools
export NODE_PATH=/usr/share/nodejs  # emcc's optimiser needs Debian's acorn (TOOLCHAIN.md)
jobs=$(nproc)
cmake --preset native >/dev/null
cmake --build --preset native -j "$jobs"
# The explorer's module, fonts, map and places land in build/wasm/site/explorer/.
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"
bash wasm-client/data/stage-demo-pools.sh build/native/blendin content build/wasm/site/explorer build/wasm/bench-data
build/native/blendin build --content content --out public --static build/wasm/site
port=${PORT:-8080}
echo "serving public/ on http://127.0.0.1:$port/ (the match explorer: http://127.0.0.1:$port/nl/match/; Ctrl-C stops)"
# Browsers compile WebAssembly as it streams in only when it comes as
# application/wasm, and load modules only with a JavaScript type: both are
# stated here rather than left to the machine's /etc/mime.types.
exec python3 -c '
import functools, http.server, sys
handler = http.server.SimpleHTTPRequestHandler
handler.extensions_map.update({".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"})
http.server.test(HandlerClass=functools.partial(handler, directory=sys.argv[2]), port=int(sys.argv[1]), bind="127.0.0.1")
' "$port" public
