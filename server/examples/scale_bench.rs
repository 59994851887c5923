//! The hot paths at 10,000 and at 1,000,000 accounts, on SQLite and on PostgreSQL. On demand,
//! not part of the tests:
//!
//! ```text
//! make bench-scale                 # cargo run --release -p server --example scale_bench
//! BENCH_LARGE=200000 make bench-scale
//! ```
//!
//! Each database is seeded with generated rows (one password hash shared by every account, not
//! a million argon2 runs): accounts with their search terms, a live session and a personal
//! access token each, all live. Then, with one client and one request at a time, it times:
//!
//! - sign-in: `POST /api/v1/auth/login` of accounts spread over the table (argon2 included);
//! - `GET /api/v1/me` with a personal access token;
//! - the administrators' page: the counts and first page of a search, and the next page by
//!   cursor (`admin::overview`, the server function's body);
//! - housekeeping: one round (`server::housekeeping`) that deletes 1,000 expired sessions,
//!   rate-limit windows and links among the live rows, and one with nothing to delete.
//!
//! Both sizes are up at once and measured in turns (the machine's speed drifts). The figure
//! of each is the median; the ratio 1M / 10k is the point (1.00: the cost does not grow with
//! the accounts). PostgreSQL comes from `TEST_DATABASE_URL` (as the tests);
//! each run creates and drops its own database there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failure should stop it

mod common;

use common::{serve, setting};

use std::{collections::BTreeMap, time::Instant};

use app::server::AppState;
use gatehouse_core::{accounts, admin, principal::Principal, reauth, tokens};
use leptos::prelude::LeptosOptions;
use platform::{
    clock::Clock,
    config::{Config, Sources},
    db::Backend,
    request::ClientMeta,
};
use wire::{account::Role, password::PasswordPolicy, token::Expiry};

const PASSWORD: &str = "scale passphrase 1";

/// The generated rows, one statement each; `:n` (accounts), `:hash` and `:now` are put in
/// as literals (values of this program's own).
fn seed_statements(backend: Backend) -> Vec<&'static str> {
    match backend {
        Backend::Sqlite => vec![
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n) \
             INSERT INTO users (id, username, display_username, email, name, password_hash, role, created_at, \
             updated_at, password_changed_at, search_indexed) \
             SELECT printf('u%08d', i), printf('user%08d', i), printf('user%08d', i), printf('user%08d@example.test', i), \
             printf('Person %d', i), :hash, 'user', :now - :n + i, :now - :n + i, :now - :n + i, 1 FROM n",
            "INSERT INTO user_search (term, user_id) SELECT CAST(username AS BLOB), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT CAST(email AS BLOB), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT CAST('example.test' AS BLOB), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT CAST('person' AS BLOB), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT CAST(LOWER(name) AS BLOB), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT CAST(SUBSTR(name, 8) AS BLOB), id FROM users",
            "INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent) \
             SELECT 's' || SUBSTR(id, 2), id, 'seeded-session-' || id, :now, :now, :now + 30 * 86400000, '127.0.0.1', 'seed' \
             FROM users",
            "INSERT INTO personal_access_tokens (id, user_id, name, token_hash, last_chars, created_at) \
             SELECT 't' || SUBSTR(id, 2), id, 'seeded', 'seeded-token-' || id, 'abcdef', :now FROM users",
            "UPDATE user_counts SET users = (SELECT COUNT(*) FROM users), \
             admins = (SELECT COUNT(*) FROM users WHERE role = 'admin') WHERE id = 1",
        ],
        Backend::Postgres => vec![
            "INSERT INTO users (id, username, display_username, email, name, password_hash, role, created_at, \
             updated_at, password_changed_at, search_indexed) \
             SELECT 'u' || lpad(i::text, 8, '0'), 'user' || lpad(i::text, 8, '0'), 'user' || lpad(i::text, 8, '0'), \
             'user' || lpad(i::text, 8, '0') || '@example.test', 'Person ' || i, :hash, 'user', :now - :n + i, :now - :n + i, :now - :n + i, 1 \
             FROM generate_series(1, :n) AS i",
            "INSERT INTO user_search (term, user_id) SELECT convert_to(username, 'UTF8'), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT convert_to(email, 'UTF8'), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT convert_to('example.test', 'UTF8'), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT convert_to('person', 'UTF8'), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT convert_to(LOWER(name), 'UTF8'), id FROM users",
            "INSERT INTO user_search (term, user_id) SELECT convert_to(SUBSTR(name, 8), 'UTF8'), id FROM users",
            "INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent) \
             SELECT 's' || SUBSTR(id, 2), id, 'seeded-session-' || id, :now, :now, :now + 30 * 86400000::bigint, '127.0.0.1', 'seed' \
             FROM users",
            "INSERT INTO personal_access_tokens (id, user_id, name, token_hash, last_chars, created_at) \
             SELECT 't' || SUBSTR(id, 2), id, 'seeded', 'seeded-token-' || id, 'abcdef', :now FROM users",
            "UPDATE user_counts SET users = (SELECT COUNT(*) FROM users), \
             admins = (SELECT COUNT(*) FROM users WHERE role = 'admin') WHERE id = 1",
            "ANALYZE",
        ],
    }
}

/// Fills the database of `state` with `n` generated accounts.
async fn seed(state: &AppState, backend: Backend, n: i64) {
    let db = &state.core.platform.db;
    let hash = state.core.platform.hasher.hash(PASSWORD).await.unwrap();
    // The rows are made now: sessions and tokens live, accounts one millisecond apart.
    let now = state.env().now;
    let started = Instant::now();
    for sql in seed_statements(backend) {
        let sql =
            sql.replace(":now", &now.to_string()).replace(":hash", &format!("'{hash}'")).replace(":n", &n.to_string());
        sqlx::query(&sql).execute(db).await.unwrap_or_else(|e| panic!("seeding ({sql}): {e}"));
    }
    if backend == Backend::Sqlite {
        sqlx::query("ANALYZE").execute(db).await.unwrap();
    }
    println!("  seeded {n} accounts in {:.1} s", started.elapsed().as_secs_f64());
}

/// One seeded database and a server on it.
struct Fixture {
    n: i64,
    state: AppState,
    base: String,
    client: reqwest::Client,
    /// A personal access token of the administrator's.
    token: String,
    admin: Principal,
    /// The cursor of the second page of the search "user0000".
    next: String,
    /// Housekeeping rounds so far (each adds dead rows of its own).
    rounds: i64,
    _dir: tempfile::TempDir,
}

async fn fixture(backend: Backend, database_url: &str, n: i64) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut env = BTreeMap::new();
    env.insert("GATEHOUSE_DATA_DIR".to_owned(), dir.path().display().to_string());
    env.insert("GATEHOUSE_COOKIE_SECURE".to_owned(), "false".to_owned());
    env.insert("GATEHOUSE_API_CALLS_PER_MINUTE".to_owned(), "100000000".to_owned());
    env.insert("DATABASE_URL".to_owned(), database_url.to_owned());
    // The seeded sessions stay live through the run (housekeeping must leave them).
    env.insert("GATEHOUSE_SESSION_IDLE_MINUTES".to_owned(), "1440".to_owned());
    let config = Config::load(&Sources::new(None, env).unwrap()).unwrap();
    let state = server::build_state(config, LeptosOptions::builder().output_name("gatehouse").build(), Clock::system())
        .await
        .unwrap();
    seed(&state, backend, n).await;

    // An administrator with a token of their own (made as a user would).
    let env = state.env();
    let meta = ClientMeta::local("bench");
    let input = accounts::RegisterInput {
        name: "Scale Admin",
        username: "scaleadmin",
        email: "scaleadmin@example.test",
        password: PASSWORD,
    };
    let account = accounts::parse_new_account(&input, &PasswordPolicy::default()).unwrap();
    let admin_row = accounts::create(&env, &account, PASSWORD, Role::Admin, &meta).await.unwrap();
    let admin = Principal::session(admin_row, String::new());
    let owner = reauth::confirm_owner(&env, &admin, PASSWORD, None, &meta).await.unwrap();
    let made = tokens::create(
        &env,
        &owner,
        tokens::CreateInput { name: "scale", ignore_two_factor: false, read_only: true, expiry: Expiry::Never },
        &meta,
    )
    .await
    .unwrap();
    let first = admin::overview(&env, &admin::admin(&admin).unwrap(), "user0000", None).await.unwrap();
    assert_eq!(first.users.len() as i64, admin::PAGE, "a full first page");
    assert_eq!(first.total_users, n + 1, "the counts");
    let next = first.next_page.clone().expect("a next page");
    let base = serve(server::router(state.clone())).await;
    Fixture { n, state, base, client: reqwest::Client::new(), token: made.token, admin, next, rounds: 0, _dir: dir }
}

/// The operations timed (each is one request, or one housekeeping round).
const OPERATIONS: [&str; 7] = [
    "sign-in (POST /api/v1/auth/login)",
    "GET /api/v1/me with a token",
    "admin search, first page",
    "admin search, next page by cursor",
    "admin list, newest first",
    "housekeeping round (3,000 dead rows)",
    "housekeeping round (nothing dead)",
];

/// Runs operation `op` once (its `k`-th time) and returns how long it took, in ms.
async fn run_once(f: &mut Fixture, op: usize, k: i64) -> f64 {
    let n = f.n;
    let started = Instant::now();
    match op {
        0 => {
            // Accounts spread over the table, a different one each time.
            let who = format!("user{:08}", 1 + (k * 7_919) % n);
            let res = f
                .client
                .post(format!("{}/api/v1/auth/login", f.base))
                .json(&serde_json::json!({ "identifier": who, "password": PASSWORD }))
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "sign-in of {who}: {}", res.status());
            res.bytes().await.unwrap();
        }
        1 => {
            let res = f.client.get(format!("{}/api/v1/me", f.base)).bearer_auth(&f.token).send().await.unwrap();
            assert!(res.status().is_success(), "GET /me: {}", res.status());
            res.bytes().await.unwrap();
        }
        2 => {
            // A search matching about 10,000 accounts at both sizes, or one matching one.
            let search = if k % 2 == 0 { "user0000".to_owned() } else { format!("user{:08}", 1 + (k * 7_919) % n) };
            let found = admin::overview(&f.state.env(), &admin::admin(&f.admin).unwrap(), &search, None).await.unwrap();
            assert!(!found.users.is_empty(), "{search} found nobody");
        }
        3 => {
            let proof = admin::admin(&f.admin).unwrap();
            let page = admin::overview(&f.state.env(), &proof, "user0000", Some(&f.next)).await.unwrap();
            assert_eq!(page.users.len() as i64, admin::PAGE);
        }
        4 => {
            let page = admin::overview(&f.state.env(), &admin::admin(&f.admin).unwrap(), "", None).await.unwrap();
            assert_eq!(page.users.len() as i64, admin::PAGE);
        }
        6 => server::housekeeping(&f.state).await,
        _ => {
            // 1,000 of each kind of dead row among the live ones (not timed), then one round.
            f.rounds += 1;
            let db = &f.state.core.platform.db;
            for i in 0..1_000_i64 {
                let user = format!("u{:08}", 1 + (i * 7 + f.rounds) % n);
                let id = format!("dead-{}-{i}", f.rounds);
                sqlx::query(
                    "INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent) \
                     VALUES ($1, $2, $1, 1, 1, 2, '127.0.0.1', 'dead')",
                )
                .bind(&id)
                .bind(&user)
                .execute(db)
                .await
                .unwrap();
                sqlx::query("INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, 1, 1)")
                    .bind(&id)
                    .execute(db)
                    .await
                    .unwrap();
                sqlx::query(
                    "INSERT INTO one_time_tokens (id, user_id, purpose, token_hash, email, created_at, expires_at) \
                     VALUES ($1, $2, 'verify_email', $1, 'x@example.test', 1, 2)",
                )
                .bind(&id)
                .bind(&user)
                .execute(db)
                .await
                .unwrap();
            }
            let started = Instant::now();
            server::housekeeping(&f.state).await;
            let took = started.elapsed().as_secs_f64() * 1000.0;
            let (dead,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE user_agent = 'dead'").fetch_one(db).await.unwrap();
            assert_eq!(dead, 0, "housekeeping left dead sessions");
            let (live,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(db).await.unwrap();
            assert!(live >= n, "housekeeping deleted live sessions");
            return took;
        }
    }
    started.elapsed().as_secs_f64() * 1000.0
}

/// (median, p99) of `ms`.
fn summary(ms: &mut [f64]) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[((ms.len() as f64 - 1.0) * 0.99) as usize])
}

#[tokio::main]
async fn main() {
    let small = setting("BENCH_SMALL", 10_000) as i64;
    let large = setting("BENCH_LARGE", 1_000_000) as i64;
    let rounds = setting("BENCH_ROUNDS", 5) as i64;
    let mut backends = vec![(Backend::Sqlite, None)];
    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(url) => backends.push((Backend::Postgres, Some(url))),
        None => println!("TEST_DATABASE_URL unset: SQLite only"),
    }
    println!(
        "{small} and {large} generated accounts, both up at once, measured in turns ({rounds} rounds);\n\
         medians (p99) in ms, one request at a time, release build"
    );
    // Per round and size: sign-ins stay under the per-address limit (100 in 15 minutes).
    let per_round = [8_i64, 400, 40, 40, 40, 2, 10];
    for (backend, pg) in backends {
        let mut fixtures = Vec::new();
        let mut cleanup = Vec::new();
        for n in [small, large] {
            let url = match &pg {
                None => {
                    let dir = tempfile::tempdir().unwrap();
                    let url = format!("sqlite://{}?mode=rwc", dir.path().join("scale.db").display());
                    cleanup.push(dir);
                    url
                }
                Some(url) => create_database(url, n).await,
            };
            println!("{backend:?}, {n} accounts:");
            fixtures.push(fixture(backend, &url, n).await);
        }
        println!("\n{backend:?}{:>33} {:>16}   ratio", small, large);
        for (op, name) in OPERATIONS.iter().enumerate() {
            let mut ms = [Vec::new(), Vec::new()];
            for round in 0..rounds {
                for (size, f) in fixtures.iter_mut().enumerate() {
                    for k in 0..per_round[op] {
                        ms[size].push(run_once(f, op, round * per_round[op] + k).await);
                    }
                }
            }
            let (a, b) = (summary(&mut ms[0]), summary(&mut ms[1]));
            println!("{name:<38} {:>7.2} ({:>5.1}) {:>7.2} ({:>5.1})   {:.2}", a.0, a.1, b.0, b.1, b.0 / a.0);
        }
        println!();
        for f in fixtures {
            f.state.core.platform.db.close().await;
        }
        if let Some(url) = &pg {
            for n in [small, large] {
                drop_database(url, n).await;
            }
        }
        drop(cleanup);
    }
}

fn database_name(n: i64) -> String {
    format!("gatehouse_scale_{n}")
}

/// A database of its own on the PostgreSQL server of `url`; its URL.
async fn create_database(url: &str, n: i64) -> String {
    let admin = platform::db::connect(url).await.unwrap();
    let name = database_name(n);
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
    admin.close().await;
    let mut parsed = url::Url::parse(url).unwrap();
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

async fn drop_database(url: &str, n: i64) {
    let admin = platform::db::connect(url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", database_name(n))).execute(&admin).await.unwrap();
    admin.close().await;
}
