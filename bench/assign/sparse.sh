#!/usr/bin/env bash
# Sparse batch pairing through the CLI: a demo pool of about 50,000 newcomers
# and 61,000 locals, each person's top 50 candidates, max mode. Prints the
# stage timings, wall time and peak memory. Never fails on a timing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
blendin=${BLENDIN:-$root/build/native/blendin}  # BLENDIN=path overrides the binary
work=${BENCH_DIR:-/tmp/blendin-bench}
mkdir -p "$work"
pool=$work/pool-111k.json
[[ -f $pool ]] || "$blendin" demo-data --profiles 111111 --seed 3 >"$pool"
newcomers=$(grep -o '"role":"newcomer"' "$pool" | wc -l)
echo "pool: $(grep -o '"role":' "$pool" | wc -l) profiles, $newcomers newcomers, top 50 candidates each"
for mode in max coverage; do
  /usr/bin/time -f "  wall %e s, peak memory %M KB" "$blendin" match assign --pool "$pool" --mode $mode \
    --candidates 50 --timings --out "$work/assign-$mode.json" 2>&1 | sed "s/^/$mode: /"
done
