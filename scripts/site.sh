#!/usr/bin/env bash
# Builds everything and serves the site on http://127.0.0.1:${PORT:-8080}/
# with a demo candidate pool. usage: scripts/site.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh --no-test-tools
export NODE_PATH=/usr/share/nodejs
cmake --preset native >/dev/null
cmake --build --preset native -j "$(nproc)"
mkdir -p var
# A reproducible demo pool for the match explorer and the API.
[[ -f var/demo-pool.json ]] || build/native/blendin demo-data --profiles 2000 --seed 1 >var/demo-pool.json
build/native/blendin build --content content --out public
port=${PORT:-8080}
echo "serving public/ on http://127.0.0.1:$port/ (Ctrl-C stops)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory public
