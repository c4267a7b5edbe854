#!/usr/bin/env bash
# Writes the match explorer's synthetic demo pools with the native
# `blendin demo-data` (never real people in a static file):
#   STAGE/demo-pool.json             2,000 profiles, seed 1: served with the site
#   BENCH/demo-pool-100000.json      100,000 profiles, seed 1: for benchmarks only,
#                                    copied into STAGE only when BLENDIN_EXPLORER_BIG_POOL=1
# A pool is written again when it is missing or older than the binary or the
# taxonomy it is drawn from, and its file is replaced only when its bytes
# change, so that an unchanged pool is not copied into the site again.
# usage: stage-demo-pools.sh BLENDIN CONTENT STAGE BENCH
set -euo pipefail
if (($# != 4)); then
  echo "usage: $0 BLENDIN CONTENT STAGE BENCH" >&2
  exit 2
fi
blendin=$1 content=$2 stage=$3 bench=$4
mkdir -p "$stage" "$bench"

stale() {  # stale POOL: missing, or older than what it is made from
  local pool=$1
  [[ ! -f $pool || $blendin -nt $pool ]] && return 0
  [[ -n $(find "$content/data" -newer "$pool" -print -quit) ]]
}

write_pool() {  # write_pool POOL PROFILES
  local pool=$1 profiles=$2
  stale "$pool" || return 0
  "$blendin" demo-data --profiles "$profiles" --seed 1 --content "$content" >"$pool.tmp"
  if [[ -f $pool ]] && cmp -s "$pool.tmp" "$pool"; then
    rm "$pool.tmp"
    touch "$pool"
  else
    mv "$pool.tmp" "$pool"
    echo "demo pool: $pool ($profiles profiles)" >&2
  fi
}

write_pool "$stage/demo-pool.json" 2000
write_pool "$bench/demo-pool-100000.json" 100000
if [[ ${BLENDIN_EXPLORER_BIG_POOL:-0} == 1 ]]; then
  cmp -s "$bench/demo-pool-100000.json" "$stage/demo-pool-100000.json" ||
    cp -p "$bench/demo-pool-100000.json" "$stage/demo-pool-100000.json"
else
  rm -f "$stage/demo-pool-100000.json"
fi
