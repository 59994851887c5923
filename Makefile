# Gatehouse. Two commands do everything on a fresh machine:
#   make run    build (release) and serve on http://127.0.0.1:3000, data in ./data
#   make test   every test: Rust unit, repository (SQLite and PostgreSQL), HTTP integration,
#               and the browser tests in Chromium
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/end2end/node_modules/.bin:$(PATH)
# cargo-leptos sets this while compiling; setting it for plain cargo too lets both share one build.
export LEPTOS_OUTPUT_NAME := gatehouse
# cargo-leptos compiles debug builds with this cfg (smaller, faster-to-build view types); the
# plain cargo commands use the same flags so that tests, lint and `cargo leptos build` share
# one set of compiled dependencies instead of three.
DEBUG_RUSTFLAGS := --cfg erase_components

.PHONY: run test setup build lint test-rust test-e2e bench clean

run:
	.ci/setup build
	cargo leptos build --release
	LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD \
	GATEHOUSE_COOKIE_SECURE=$${GATEHOUSE_COOKIE_SECURE:-false} \
	./target/release/gatehouse serve

test:
	.ci/setup all
	$(MAKE) --no-print-directory lint test-rust test-e2e

setup:
	.ci/setup all

# The server-side crates (one feature set, so lint, tests and builds share compiled dependencies).
SERVER_CRATES := -p wire -p platform -p gatehouse-core -p app -p server --features app/ssr

lint:
	cargo fmt --all --check
	RUSTFLAGS="$(DEBUG_RUSTFLAGS)" cargo clippy --locked $(SERVER_CRATES) --all-targets -- -D warnings
	RUSTFLAGS="$(DEBUG_RUSTFLAGS)" cargo clippy --locked -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings
	@# The core builds without Leptos or HTTP: layers the crate graph enforces.
	@if cargo tree --locked -p gatehouse-core -e normal --prefix none | grep -E '^(leptos|server_fn|axum|hyper) '; then \
	  echo "error: gatehouse-core depends on the crates above"; exit 1; fi

test-rust:
	pg=$$(.ci/postgres-url); \
	TEST_DATABASE_URL="$$pg" RUSTFLAGS="$(DEBUG_RUSTFLAGS)" cargo test --locked $(SERVER_CRATES)

test-e2e:
	cargo leptos build
	cd end2end && npx playwright test

# Requests per second of GET /api/v1/me with a token beside a bare axum handler (on demand).
bench:
	cargo run --release --locked -p server --example api_bench

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results
