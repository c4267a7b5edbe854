#!/usr/bin/env bash
# Builds everything and serves the site and the JSON API (blendin serve) on http://127.0.0.1:${PORT:-8080}/,
# the match explorer on every /<lang>/match/ page with a synthetic demo pool. The server
# builds the site itself and rebuilds it on each save in content/ or templates/ (live
# preview, docs/editing.md).
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
# The site search's index (Pagefind, from npm) over a build of the content,
# served with the explorer's files as /pagefind/; `make site` builds it again.
build/native/blendin build --content content --templates templates --out build/search-site --quiet
node_modules/.bin/pagefind --site build/search-site --output-path build/wasm/site/pagefind >/dev/null
port=${PORT:-8080}
# The API keeps registrations in var/blendin.sqlite (docs/api.md), seeded
# with the 2,000 invented people of the explorer's demo pool when empty. A fresh
# coordinators' token for this run, shown here once; the server gets only its hash.
mkdir -p var
coordinator_token=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
echo "coordinators' token for this run (GET /api/v1/admin/introductions): $coordinator_token"
exec build/native/blendin serve --port "$port" --db var/blendin.sqlite --site public --content content \
  --static build/wasm/site --demo-people 2000 \
  --coordinator-token-hash "$(printf %s "$coordinator_token" | sha256sum | cut -d' ' -f1)"
