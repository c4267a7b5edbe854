#!/usr/bin/env bash
# blendin serve under load from wrk on 127.0.0.1, beside nginx serving the
# same built site as the static anchor: requests per second, p99 latency and
# errors for a page, the health check, one person's candidates and matches
# among 2,000 visible people, and registrations (each durable before it is
# answered).
# Prints figures; never fails on a timing. Installs wrk and nginx-light from
# Debian when they are missing (benchmarks only; the build needs neither).
# usage: bench/api/run.sh   (BLENDIN=path overrides the binary; BENCH_SECONDS, default 10)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=bench/nginx.sh
source "$root/bench/nginx.sh"
blendin=${BLENDIN:-$root/build/native/blendin}
seconds=${BENCH_SECONDS:-10}
connections=32
work=$(mktemp -d "${TMPDIR:-/tmp}/blendin-api-bench.XXXXXX")
server_pid="" nginx_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

missing=()
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$blendin" build --content "$root/content" --templates "$root/templates" --out "$work/site" --quiet
"$blendin" serve --no-build --port 0 --site "$work/site" --db "$work/bench.sqlite" --content "$root/content" \
  --writes-per-minute 1000000 >"$work/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 50); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.out" | cut -d: -f2 || true)
[[ -n $port ]] || { echo "blendin serve did not start: $(cat "$work/serve.out")"; exit 1; }

# 2,000 visible people from a demo pool, registered through the API; the first
# newcomer's token asks for matches.
"$blendin" demo-data --profiles 2000 --seed 5 --content "$root/content" >"$work/pool.json"
token=$(python3 - "$work/pool.json" "$port" "$work/registration.json" <<'PY'
import http.client, json, sys
pool, port, registration = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
connection = http.client.HTTPConnection("127.0.0.1", port)
token, registered = None, 0
for person in pool["profiles"]:
    body = {k: v for k, v in person.items() if k != "id"}
    body.update(consent=True, visible=True)
    connection.request("POST", "/api/v1/profiles", json.dumps(body), {"Content-Type": "application/json"})
    answer = json.loads(connection.getresponse().read())
    registered += "token" in answer
    # A demo person placed far from their postcode area's first is refused, as anyone would be.
    if token is None and person["role"] == "newcomer" and "token" in answer:
        token = answer["token"]
        json.dump(body, open(registration, "w"))
print(f"{registered} of {len(pool['profiles'])} demo people registered (the others placed too far from their area's first)", file=sys.stderr)
print(token)
PY
)

# nginx over the same folder, as plain as it comes: two workers, no logs.
nginx_port=$((port + 1))
start_nginx "$work/site" "$nginx_port" "$work" 2

# run NAME URL [wrk options]: wrk's figures as one line.
run() {
  local name=$1 url=$2
  shift 2
  local out
  out=$(wrk -t2 -c$connections -d"${seconds}s" --latency "$@" "$url")
  local rate p99 errors
  rate=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$out")
  errors=${errors:-0}
  socket=$(awk '/Socket errors:/ { print $0 }' <<<"$out")
  echo "$name: ${rate} requests/s, p99 ${p99}, non-2xx ${errors}${socket:+, $socket}"
}

echo "wrk -t2 -c$connections -d${seconds}s on 127.0.0.1, two cores shared by wrk and the server"
# The page through nginx and through blendin serve in turns, three times: this
# machine's speed drifts between runs, so the ratio is taken within each pair
# and its median given.
ratios=()
for round in 1 2 3; do
  nginx_line=$(run "static /nl/, nginx (round $round)" "http://127.0.0.1:$nginx_port/nl/")
  serve_line=$(run "static /nl/, blendin serve (round $round)" "http://127.0.0.1:$port/nl/")
  echo "$nginx_line"
  echo "$serve_line"
  ratios+=("$(awk -v n="${nginx_line#*: }" -v b="${serve_line#*: }" 'BEGIN { split(n, x, " "); split(b, y, " "); printf "%.2f", y[1] / x[1] }')")
done
echo "static /nl/, blendin serve / nginx, median of the rounds: $(printf '%s\n' "${ratios[@]}" | sort -g | sed -n 2p) (rounds: ${ratios[*]})"
run "GET /api/v1/health" "http://127.0.0.1:$port/api/v1/health"
BLENDIN_TOKEN=$token run "GET /api/v1/candidates (a page of 200) among the visible" "http://127.0.0.1:$port" -s "$here/candidates.lua"
BLENDIN_TOKEN=$token run "GET /api/v1/matches?k=10 among the visible" "http://127.0.0.1:$port" -s "$here/matches.lua"
BLENDIN_REGISTRATION=$work/registration.json run "POST /api/v1/profiles" "http://127.0.0.1:$port" -s "$here/register.lua"
