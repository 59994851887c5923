#!/usr/bin/env bash
# Starts the debug build of Gatehouse for the browser tests on a fresh SQLite data dir, with
# one administrator (admin / e2e-admin-password-1).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${E2E_PORT:-3100}
data=$(mktemp -d /tmp/gatehouse-e2e.XXXXXX)
export GATEHOUSE_DATA_DIR=$data
export GATEHOUSE_LISTEN=127.0.0.1:$port
export GATEHOUSE_PUBLIC_URL=http://127.0.0.1:$port
export GATEHOUSE_COOKIE_SECURE=false
export LEPTOS_SITE_ROOT=target/site
export RUST_LOG=${RUST_LOG:-info,sqlx=warn}
# GATEHOUSE_BIN=target/release/gatehouse runs the suite against the release build (wasm-opt -Oz).
bin=${GATEHOUSE_BIN:-target/debug/gatehouse}
echo "e2e-admin-password-1" | "$bin" create-admin --email admin@example.test --username admin --name "Ada Admin"
exec "$bin" serve
