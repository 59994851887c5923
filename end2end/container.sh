#!/usr/bin/env bash
# Runs the release binary the way the image of ../Dockerfile runs it, since no image can be
# built or pulled on the test machines: two instances on one fresh PostgreSQL database (as
# ../docker-compose.yml runs them), each
#   - as a user that is not root (nobody, when the test runs as root),
#   - with its program and site files read-only, and only its data directory writable,
#   - configured only by the environment: the Dockerfile's ENV, deploy/gatehouse.env and the
#     variables the compose file sets (database, secret key, public URL, metrics token);
#     GATEHOUSE_LISTEN is a loopback address here instead of 0.0.0.0.
# Then checks that both serve pages, the bundle and /healthz, that `gatehouse health` (the
# image's health check) says healthy, and fails when no server answers, that /metrics answers
# with the token only, that nothing was written outside the data directories, and that both
# stop cleanly on SIGTERM. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${GATEHOUSE_BIN:-target/release/gatehouse}
[ -x "$bin" ] || { echo "container: no server at $bin (make release)" >&2; exit 1; }
[ -d target/site/pkg ] || { echo "container: no bundle in target/site (make release)" >&2; exit 1; }
pg=$(.ci/postgres-url)
[ -n "$pg" ] || { echo "container: skipped, PostgreSQL is not reachable" >&2; exit 0; }
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
curl() { command curl --noproxy '*' --silent --show-error --max-time 20 "$@"; }
say() { printf '==> container: %s\n' "$*"; }

work=$(mktemp -d /tmp/gatehouse-container.XXXXXX)
chmod 755 "$work"
db="gatehouse_container_$$"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  psql "$pg" -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The image's files: the program and the site, not writable by the user that runs them.
mkdir -p "$work/image/bin" "$work/image/share"
cp "$bin" "$work/image/bin/gatehouse"
cp -r target/site "$work/image/share/site"
chmod -R a-w "$work/image"
if [ "$(id -u)" = 0 ]; then
  run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  owner=65534:65534
else
  run_as=()
  owner=$(id -u):$(id -g)
fi

psql "$pg" -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
database_url="${pg%/*}/$db"
secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
token=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port1=$(free_port)
port2=$(free_port)

# KEY=value lines of deploy/gatehouse.env (comments and blank lines skipped).
mapfile -t shared < <(grep -E '^[A-Z_][A-Z0-9_]*=' deploy/gatehouse.env)

environment() { # port data-dir
  # The Dockerfile's ENV (GATEHOUSE_DATA_DIR and GATEHOUSE_LISTEN in their places here).
  printf '%s\n' "LEPTOS_SITE_ROOT=$work/image/share/site" "LEPTOS_ENV=PROD" \
    "GATEHOUSE_DATA_DIR=$2" "GATEHOUSE_LISTEN=127.0.0.1:$1" "PATH=/usr/bin:/bin"
  printf '%s\n' "${shared[@]}"
  # What docker-compose.yml sets.
  printf '%s\n' "DATABASE_URL=$database_url" "GATEHOUSE_SECRET_KEY=$secret" \
    "GATEHOUSE_PUBLIC_URL=http://127.0.0.1:$port1" "GATEHOUSE_METRICS_TOKEN=$token"
}

start() { # name port
  local data="$work/$1-data"
  mkdir -p "$data"
  chown "$owner" "$data"
  mapfile -t vars < <(environment "$2" "$data")
  (cd "$data" && exec env -i "${vars[@]}" "${run_as[@]}" "$work/image/bin/gatehouse" serve) >"$work/$1.log" 2>&1 &
  pids+=($!)
}

run() { # name port args...: the binary once, as the image would run it
  local data="$work/$1-data" port=$2
  shift 2
  mapfile -t vars < <(environment "$port" "$data")
  (cd "$data" && env -i "${vars[@]}" "${run_as[@]}" "$work/image/bin/gatehouse" "$@")
}

fail() {
  echo "container: $*" >&2
  for f in "$work"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done
  exit 1
}

touch "$work/before"
say "two instances on one PostgreSQL database, as $owner, program files read-only"
start one "$port1"
start two "$port2"
for port in "$port1" "$port2"; do
  for _ in $(seq 1 150); do
    curl -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    sleep 0.2
  done
done

for port in "$port1" "$port2"; do
  [ "$(curl -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 200 ] || fail "no health on $port"
  page=$(curl "http://127.0.0.1:$port/signin")
  grep -q 'Sign in' <<<"$page" || fail "no sign-in page on $port"
  wasm=$(grep -oE '/pkg/[^"]+\.wasm' <<<"$page" | head -1 || true)
  [ -n "$wasm" ] || wasm=$(cd "$work/image/share/site" && ls pkg/*.wasm | head -1 | sed 's#^#/#')
  [ "$(curl -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$wasm")" = 200 ] || fail "the bundle is not served on $port"
  [ "$(curl -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")" = 401 ] || fail "/metrics without the token"
  # Read whole, then searched: `curl | grep -q` fails under pipefail once grep stops reading
  # before curl has written everything (a scrape larger than the pipe's buffer).
  scrape=$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics") || fail "/metrics with the token"
  grep -q '^gatehouse_http_requests_total{' <<<"$scrape" || fail "/metrics with the token: no request counts"
  grep -q '^gatehouse_jobs_pending{kind="my_data_export"}' <<<"$scrape" || fail "/metrics: no My Data job queue"
done
[ "$(run one "$port1" health)" = healthy ] || fail "gatehouse health"
if run one "$(free_port)" health >/dev/null 2>&1; then fail "gatehouse health answered healthy with no server"; fi
grep -q 'Gatehouse is serving' "$work/one.log" || fail "the server did not say it serves"
head -1 "$work/one.log" | python3 -c 'import json, sys; json.loads(sys.stdin.readline())' \
  || fail "no JSON log lines (deploy/gatehouse.env sets GATEHOUSE_LOG_FORMAT=json)"

# Nothing changed outside the data directories (the program's files stayed as copied).
changed=$(find "$work" -newer "$work/before" -not -path "$work/one-data*" -not -path "$work/two-data*" \
  -not -name '*.log' -not -path "$work")
[ -z "$changed" ] || fail "written outside the data directories: $changed"
[ ! -e "$work/one-data/secret.key" ] || fail "the secret key comes from the environment, not a file"

say "stopping on SIGTERM"
for p in "${pids[@]}"; do kill -TERM "$p"; done
for p in "${pids[@]}"; do wait "$p" || fail "an instance did not stop cleanly"; done
pids=()
grep -q 'Gatehouse stopped' "$work/two.log" || fail "no clean stop"
say "ok: both instances served as the image runs them"
