#!/usr/bin/env bash
# A schema-driven fuzz of the REST API: schemathesis generates requests from
# /api/v1/openapi.json and checks every answer with all of its checks (no 5xx; status codes,
# content types, headers and bodies as documented; invalid data refused, valid data accepted;
# auth not ignored; 405 with Allow for undocumented methods; ...) against the release server.
# Fails on any failure, or when fewer than FUZZ_MIN_CASES cases ran in all.
#
#   end2end/fuzz-api.sh                 what `make test-api-fuzz` runs (GATEHOUSE_BIN to choose the binary)
#   FUZZ_SEED=7 end2end/fuzz-api.sh     another seed (the default one makes every run the same)
#
# A fresh SQLite data dir and one administrator, like start-server.sh; no SMTP (mail goes to the
# data dir's outbox). Traffic to 127.0.0.1 only. Reports and the server's log: end2end/.tmp/fuzz-api/.
#
# Three passes, because some operations end the credential they are called with, and failed
# sign-ins use up the sign-in limit of the address they come from (100 in 15 minutes), which is
# 127.0.0.1 for every case:
#   1. a personal access token (read and write) for every operation but DELETE /me/tokens/{id}
#      and POST /auth/login: schemathesis finds the token's own id in GET /me/tokens and would
#      delete it, and every later case would be a 401. Nothing else ends it: logout refuses a
#      personal access token, and the password and address changes need the current password,
#      which the fuzz does not know.
#   2. a session from POST /auth/login for DELETE /me/tokens/{id} and POST /auth/logout (with
#      GET /me/tokens, where schemathesis finds the ids to delete): schemathesis signs in again
#      whenever a call answers 401 because the session was ended. It signs in as a second
#      account, with a token of its own to delete, so pass 1 leaves nothing of its sign-ins'
#      limits in its way. No stateful phase here: it does not sign in again.
#   3. POST /auth/login alone, last: its made-up sign-ins fail, and would leave pass 2 none.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${FUZZ_PORT:-3200}
seed=${FUZZ_SEED:-20261202}
# Cases per operation and phase (the coverage phase adds its own on top).
examples=${FUZZ_MAX_EXAMPLES:-60}
min_cases=${FUZZ_MIN_CASES:-500}
# The release build by default (what CI tests); GATEHOUSE_BIN=target/debug/gatehouse for a debug one.
bin=${GATEHOUSE_BIN:-target/release/gatehouse}
venv=end2end/.venv
st=$venv/bin/schemathesis
py=$venv/bin/python
base=http://127.0.0.1:$port
out=end2end/.tmp/fuzz-api
# (Read by schemathesis too, in the configuration of pass 2.)
export FUZZ_ADMIN_EMAIL=admin@example.test FUZZ_ADMIN_PASSWORD=fuzz-admin-password-1
export FUZZ_SESSION_EMAIL=session@example.test FUZZ_SESSION_PASSWORD=fuzz-session-password-1

[ -x "$bin" ] || { echo "fuzz-api: no server at $bin (make release)" >&2; exit 1; }
[ -x "$st" ] || { echo "fuzz-api: no schemathesis in $venv (.ci/setup all)" >&2; exit 1; }
# Loopback only, whatever proxy the environment names.
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
curl() { command curl --noproxy '*' --silent --show-error --max-time 30 "$@"; }

rm -rf "$out"
mkdir -p "$out"
data=$(mktemp -d /tmp/gatehouse-fuzz.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export GATEHOUSE_DATA_DIR=$data
export GATEHOUSE_LISTEN=127.0.0.1:$port
export GATEHOUSE_PUBLIC_URL=$base
export GATEHOUSE_COOKIE_SECURE=false
# The per-credential limit (600 calls a minute by default) would answer much of the run 429:
# this is the highest value the configuration takes. The other limits (sign-ins and password
# checks per address and account, the hashing budgets, mailed codes) have no setting and stay as
# in production; the 429s they give are answers the document must declare like any other.
export GATEHOUSE_API_CALLS_PER_MINUTE=100000000
# PUT /me/avatar with {"url": …} would have the server fetch whatever address the fuzz makes
# up: off, so that no request leaves the machine (the answer is the 422 of a server that does
# not fetch pictures from addresses). Uploads are fuzzed as they are.
export GATEHOUSE_AVATAR_URLS=false
export LEPTOS_SITE_ROOT=target/site
export RUST_LOG=${RUST_LOG:-info,sqlx=warn}

echo "$FUZZ_ADMIN_PASSWORD" | "$bin" create-admin --email "$FUZZ_ADMIN_EMAIL" --username admin --name "Ada Admin" >/dev/null
echo "$FUZZ_SESSION_PASSWORD" | "$bin" create-admin --email "$FUZZ_SESSION_EMAIL" --username session --name "Sam Session" >/dev/null
"$bin" serve 2>"$out/server.log" &
server=$!
for _ in $(seq 1 120); do
  curl --output /dev/null --fail "$base/healthz" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "fuzz-api: the server stopped; see $out/server.log" >&2; exit 1; }
  sleep 0.5
done
curl --output /dev/null --fail "$base/healthz"

# A personal access token, made as the Personal Access Tokens page makes one (the REST API
# mints none): sign in, then the create_token server function with the password.
make_token() {
  local email=$1 password=$2 jar=$out/cookies.$1
  status=$(curl --output /dev/null --write-out '%{http_code}' --cookie-jar "$jar" \
    --data-urlencode "identifier=$email" --data-urlencode "password=$password" "$base/fn/sign_in")
  grep -q gatehouse_session "$jar" || { echo "fuzz-api: signing in as $email answered $status, no session" >&2; exit 1; }
  made=$(curl --fail --cookie "$jar" --data-urlencode name=fuzz --data-urlencode scope=read_write \
    --data-urlencode expires=30 --data-urlencode "password=$password" "$base/fn/create_token")
  "$py" -c 'import json, sys; print(json.load(sys.stdin)["token"])' <<<"$made"
}
token=$(make_token "$FUZZ_ADMIN_EMAIL" "$FUZZ_ADMIN_PASSWORD")
# Pass 2's account's own token: what its DELETE /me/tokens/{id} finds to delete.
make_token "$FUZZ_SESSION_EMAIL" "$FUZZ_SESSION_PASSWORD" >/dev/null
me() { curl --output /dev/null --write-out '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/me"; }
status=$(me || true)
[ "$status" = 200 ] || { echo "fuzz-api: GET /api/v1/me with the new token answered $status" >&2; exit 1; }

# schemathesis keeps a cache in ./.schemathesis by default and replays it in the next run: off,
# so that a run depends on the seed only and leaves nothing in the work tree.
#
# PUT /me/avatar: a file that fits the schema (any bytes) is a picture only when it decodes, which
# no schema can say; its 422 ("not an image") is the right answer to schema-valid data there.
# PATCH /me/preferences: offline email notifications wait for a verified address, which the
# fuzz account does not have; its 409 (declared) is the right answer to a schema-valid value.
# POST /admin/contracts/{org}: no webhook secret is set here, so every call is the declared 409
# "the webhook is off" (and a made-up organization a 404) whatever its body.
cat >"$out/token.toml" <<'EOF'
[cache]
enabled = false

[[operations]]
include-operation-id = "put_avatar"

[operations.checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "409", "422", "429"]

[[operations]]
include-operation-id = "patch_preferences"

[operations.checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "409", "429"]

[[operations]]
include-operation-id = "contract_webhook"

[operations.checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]
EOF
# Pass 2 signs in by the address (as its own account).
cat >"$out/session.toml" <<'EOF'
[cache]
enabled = false

[auth.dynamic.openapi.token]
path = "/auth/login"
payload = { identifier = "${FUZZ_SESSION_EMAIL}", password = "${FUZZ_SESSION_PASSWORD}" }
extract_selector = "/token"
EOF

# --generation-database none: no examples replayed from earlier runs either. Hypothesis still
# keeps its Unicode tables (no examples): in end2end/.tmp, not in the root. One worker: the rate
# limits see the cases in the same order every run. The credentials are hidden in the output.
export HYPOTHESIS_STORAGE_DIRECTORY=end2end/.tmp/hypothesis
fuzz() {
  local name=$1
  shift
  echo "==> fuzz-api: pass $name"
  timeout 300 "$st" "$@" \
    --checks all --continue-on-failure \
    --max-examples "$examples" --seed "$seed" --workers 1 \
    --request-timeout 20 --generation-database none --no-color \
    --report json,junit --report-json-path "$out/$name.json" --report-junit-path "$out/$name.xml"
}

started=$SECONDS
failed=0
fuzz token --config-file "$out/token.toml" run "$base/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --exclude-operation-id delete_token --exclude-operation-id login || failed=1
status=$(me || true)
if [ "$status" != 200 ]; then
  echo "fuzz-api: the token of pass 1 stopped working during the pass (GET /me: $status)," \
    "so its later cases only met 401s" >&2
  failed=1
fi
fuzz session --config-file "$out/session.toml" run "$base/api/v1/openapi.json" \
  --include-operation-id list_tokens --include-operation-id delete_token --include-operation-id logout \
  --phases examples,coverage,fuzzing || failed=1
fuzz login --config-file "$out/token.toml" run "$base/api/v1/openapi.json" \
  --include-operation-id login || failed=1
elapsed=$((SECONDS - started))

# Cases of every pass; a pass that wrote no report counts for none and fails the run.
summary=$("$py" - "$out/token.json" "$out/session.json" "$out/login.json" <<'EOF'
import json, sys
cases, problems = 0, []
for path in sys.argv[1:]:
    try:
        report = json.load(open(path))
    except (OSError, ValueError) as e:
        problems.append(f"no report {path}: {e}")
        continue
    cases += report["test_cases"]["generated"]
    if report["auth"]["reauth_broke"]:
        problems.append(f"{path}: signing in again failed, later cases only met 401s")
print(cases)
for p in problems:
    print(p)
EOF
)
cases=$(head -n1 <<<"$summary")
if [ "$(wc -l <<<"$summary")" -gt 1 ]; then
  tail -n +2 <<<"$summary" | sed 's/^/fuzz-api: /' >&2
  failed=1
fi
echo "fuzz-api: $cases cases in ${elapsed}s (seed $seed; at least $min_cases wanted)"
if grep -q "panicked" "$out/server.log"; then
  echo "fuzz-api: the server panicked (see $out/server.log):" >&2
  grep -m5 -A3 "panicked" "$out/server.log" >&2
  failed=1
fi
if [ "$cases" -lt "$min_cases" ]; then
  echo "fuzz-api: only $cases cases ran, fewer than $min_cases" >&2
  failed=1
fi
if [ "$failed" -ne 0 ]; then
  echo "fuzz-api: FAILED; reports in $out" >&2
  exit 1
fi
echo "fuzz-api: passed"
