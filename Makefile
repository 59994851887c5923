# Gatehouse. Two commands do everything on a fresh machine:
#   make run    build (release) and serve on http://127.0.0.1:3000, data in ./data
#   make test   every test: Rust unit, repository (SQLite and PostgreSQL), HTTP integration,
#               the browser tests in Chromium, a schema-driven fuzz of the REST API, and
#               the release binary run the way the container image runs it
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/end2end/node_modules/.bin:$(PATH)
# cargo-leptos sets this while compiling; setting it for plain cargo too lets both share one build.
export LEPTOS_OUTPUT_NAME := gatehouse
# cargo-leptos compiles every build with this cfg (`always-erase-components` in Cargo.toml:
# type-erased views); the plain cargo commands use the same flag, so that tests share compiled
# dependencies with lint, and the benchmarks with `cargo leptos build --release`.
LEPTOS_RUSTFLAGS := --cfg erase_components

.PHONY: run test setup setup-build release lint test-rust test-e2e test-api-fuzz test-container bench bench-api bench-login bench-pages bench-scale bench-load bench-avatar bench-export clean

run: setup-build release
	LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD \
	GATEHOUSE_COOKIE_SECURE=$${GATEHOUSE_COOKIE_SECURE:-false} \
	./target/release/gatehouse serve

setup-build:
	.ci/setup build

# What users run: the release server and the WASM bundle, split into lazily loaded chunks
# (size-first profile, wasm-opt -Oz).
release:
	cargo leptos build --release --split

test:
	.ci/setup all
	$(MAKE) --no-print-directory lint test-rust test-e2e test-api-fuzz test-container

setup:
	.ci/setup all

# The server-side crates (one feature set, so lint, tests and builds share compiled dependencies).
SERVER_CRATES := -p i18n -p wire -p platform -p gatehouse-core -p app -p server --features app/ssr

lint:
	cargo fmt --all --check
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo clippy --locked $(SERVER_CRATES) --all-targets -- -D warnings
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo clippy --locked -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings
	@# The core builds without Leptos or HTTP: layers the crate graph enforces.
	@if cargo tree --locked -p gatehouse-core -e normal --prefix none | grep -E '^(leptos|server_fn|axum|hyper) '; then \
	  echo "error: gatehouse-core depends on the crates above"; exit 1; fi

test-rust:
	pg=$$(.ci/postgres-url); \
	TEST_DATABASE_URL="$$pg" RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo test --locked $(SERVER_CRATES)

# The browser tests run against the release build, and check the bundle's budget.
test-e2e: release
	cd end2end && GATEHOUSE_BIN=target/release/gatehouse npx playwright test

# schemathesis against /api/v1/openapi.json on the release server, with a token: every check,
# a fixed seed, at least 500 cases; no 5xx and every answer as documented.
test-api-fuzz: release
	GATEHOUSE_BIN=target/release/gatehouse bash end2end/fuzz-api.sh

# The release binary run as the Dockerfile's image runs it (non-root, read-only program files,
# configured by the environment of docker-compose.yml), two instances on one PostgreSQL.
test-container: release
	GATEHOUSE_BIN=target/release/gatehouse bash end2end/container.sh

# Benchmarks (on demand, not tests; loopback only). Each prints its ratio against its limit.
bench: bench-api bench-login bench-pages bench-avatar

# GET /api/v1/me with a token beside a bare axum JSON handler, same process, same run.
bench-api:
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo run --release --locked -p server --example api_bench

# Uploading a 4000 x 3000 JPEG as an avatar beside decoding it only, same process, same run.
bench-avatar:
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo run --release --locked -p server --example avatar_bench

# My Data exports of 100,000 audit entries: heap held (bounded) beside the file's size, time
# beside reading the log only. Fails if an export's heap passes its bound.
bench-export:
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo run --release --locked -p server --example export_bench

# Password logins over HTTP beside argon2id-only verifications; other requests during a flood.
bench-login:
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo run --release --locked -p server --example login_bench

# 64 connections rendering /account/security and /signin for 30 s against `gatehouse serve`.
bench-pages: release
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo run --release --locked -p server --example page_load

# 200 people doing mixed account work for 60 s: one server on SQLite, then two on one
# PostgreSQL (TEST_DATABASE_URL). Fails on any error or lost update; prints p50/p99.
bench-load: release
	pg=$$(.ci/postgres-url); \
	TEST_DATABASE_URL="$$pg" RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo run --release --locked -p server --example load_bench

# Sign-in, GET /me, the admin search and housekeeping at 10,000 and 1,000,000 generated
# accounts, on SQLite and PostgreSQL (TEST_DATABASE_URL, as the tests): the ratio 1M / 10k.
bench-scale:
	pg=$$(.ci/postgres-url); \
	TEST_DATABASE_URL="$$pg" RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo run --release --locked -p server --example scale_bench

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results end2end/.venv
