#!/usr/bin/env bash
# Starts Gatehouse for the browser tests: a fresh SQLite data dir, one administrator
# (admin / e2e-admin-password-1), and a real SMTP sink (smtp-sink.mjs) receiving its mail.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${E2E_PORT:-3100}
smtp_port=${E2E_SMTP_PORT:-2525}
data=$(mktemp -d /tmp/gatehouse-e2e.XXXXXX)
export E2E_MAIL_DIR=${E2E_MAIL_DIR:?set by playwright.config.ts}
rm -rf "$E2E_MAIL_DIR"

export GATEHOUSE_DATA_DIR=$data
export GATEHOUSE_LISTEN=127.0.0.1:$port
export GATEHOUSE_PUBLIC_URL=http://127.0.0.1:$port
export GATEHOUSE_COOKIE_SECURE=false
# Every test registers its own accounts, all from 127.0.0.1.
export GATEHOUSE_REGISTRATIONS_PER_IP_HOUR=1000
export GATEHOUSE_SMTP_HOST=127.0.0.1
export GATEHOUSE_SMTP_PORT=$smtp_port
export GATEHOUSE_SMTP_SECURITY=none
export GATEHOUSE_SMTP_FROM="Gatehouse <noreply@gatehouse.test>"
# The avatar tests' picture server (tests/avatar.spec.ts): the one loopback address and port
# that avatar URLs may name. The server takes it only while it listens on loopback; every other
# loopback address stays refused, as in production.
export GATEHOUSE_AVATAR_TEST_ORIGIN=127.0.0.1:${E2E_PICTURES_PORT:-3101}
export LEPTOS_SITE_ROOT=target/site
export RUST_LOG=${RUST_LOG:-info,sqlx=warn}
# The release build by default (what CI tests); GATEHOUSE_BIN=target/debug/gatehouse for a debug one.
bin=${GATEHOUSE_BIN:-target/release/gatehouse}

E2E_SMTP_PORT=$smtp_port node end2end/smtp-sink.mjs &
sink=$!
trap 'kill $sink $server 2>/dev/null || true' EXIT INT TERM

echo "e2e-admin-password-1" | "$bin" create-admin --email admin@example.test --username admin --name "Ada Admin"
"$bin" serve &
server=$!
wait $server
