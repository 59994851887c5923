//! The hot queries read an index, on both databases: their plans, checked. (At a million
//! accounts a full scan is what turns a millisecond into a second; `make bench-scale` measures
//! the same queries at 10,000 and 1,000,000 accounts.)
//!
//! SQLite's `EXPLAIN QUERY PLAN` must show no bare `SCAN <table>` (a walk of a whole table)
//! and no temporary B-tree (a sort of every match); PostgreSQL's `EXPLAIN`, with sequential
//! scans and sorts priced out (a test's tables are tiny), no `Seq Scan` and no `Sort`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use platform::db::{testing, Backend, Db};
use sqlx::{Acquire, Row};

use crate::{
    accounts::repo as users,
    factors::{email_code, pending},
    page, preferences, presence, sessions, tokens,
};

enum Arg {
    Text(&'static str),
    Int(i64),
    Bytes(&'static [u8]),
}

/// (what it is, the statement, its arguments)
fn hot_queries() -> Vec<(&'static str, String, Vec<Arg>)> {
    use Arg::{Bytes, Int, Text};
    let cols = users::COLUMNS;
    vec![
        ("sign-in: the account by identifier", format!("SELECT {cols} {}", users::BY_IDENTIFIER), vec![Text("ada")]),
        (
            "every signed-in request: the session",
            sessions::repo::BY_TOKEN_HASH.to_owned(),
            vec![Text("h"), Text("browser")],
        ),
        ("every API call: the token", format!("SELECT id {}", tokens::BY_HASH), vec![Text("h")]),
        ("every page: the account's preferences", preferences::CHOSEN.to_owned(), vec![Text("u")]),
        ("every page: the account's presence", presence::BY_USER.to_owned(), vec![Text("u")]),
        ("every page: preferences and presence at once", page::PREFERENCES_AND_PRESENCE.to_owned(), vec![Text("u")]),
        ("admin list: first page", format!("SELECT {cols} {}", users::NEWEST_FIRST), vec![Int(51)]),
        ("admin list: next page", format!("SELECT {cols} {}", users::NEWEST_AFTER), vec![Int(5), Text("u"), Int(51)]),
        (
            "admin search: first page",
            format!("SELECT {cols}, s.term {}", users::SEARCH_FIRST),
            vec![Bytes(b"ad"), Bytes(b"ad\xff"), Int(51)],
        ),
        (
            "admin search: next page",
            format!("SELECT {cols}, s.term {}", users::SEARCH_AFTER),
            vec![Bytes(b"ada"), Text("u"), Bytes(b"ad\xff"), Bytes(b"ad"), Int(51)],
        ),
        ("admin page: mail given up", platform::mail::queue::GIVEN_UP.to_owned(), vec![]),
        ("housekeeping: sessions", sessions::repo::PURGE.to_owned(), vec![Int(1), Int(1)]),
        ("housekeeping: rate limits", platform::ratelimit::PURGE.to_owned(), vec![Int(1)]),
        ("housekeeping: links", platform::links::PURGE.to_owned(), vec![Int(1)]),
        ("housekeeping: known devices", crate::devices::PURGE.to_owned(), vec![Int(1)]),
        ("housekeeping: pending sign-ins", pending::PURGE.to_owned(), vec![Int(1)]),
        ("housekeeping: email codes", email_code::PURGE.to_owned(), vec![Int(1)]),
        ("housekeeping: sent mail", platform::mail::queue::PURGE_SENT.to_owned(), vec![Int(1)]),
    ]
}

/// The plan's lines.
async fn plan(db: &Db, backend: Backend, sql: &str, args: &[Arg]) -> Vec<String> {
    let mut conn = db.acquire().await.unwrap();
    let conn = conn.acquire().await.unwrap();
    let explain = match backend {
        Backend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
        Backend::Postgres => {
            // Tables of a test are tiny, where a scan or a sort is cheapest: price both out, so
            // that they show only where no index can serve.
            sqlx::query("SET enable_seqscan = off").execute(&mut *conn).await.unwrap();
            sqlx::query("SET enable_sort = off").execute(&mut *conn).await.unwrap();
            format!("EXPLAIN {sql}")
        }
    };
    let mut q = sqlx::query(&explain);
    for a in args {
        q = match a {
            Arg::Text(t) => q.bind(*t),
            Arg::Int(i) => q.bind(*i),
            Arg::Bytes(b) => q.bind(b.to_vec()),
        };
    }
    let rows = q.fetch_all(&mut *conn).await.unwrap_or_else(|e| panic!("{explain}: {e}"));
    let lines = rows
        .iter()
        .map(|r| match backend {
            // id, parent, notused, detail
            Backend::Sqlite => r.get::<String, _>(3),
            Backend::Postgres => r.get::<String, _>(0),
        })
        .collect();
    if backend == Backend::Postgres {
        sqlx::query("RESET enable_seqscan").execute(&mut *conn).await.unwrap();
        sqlx::query("RESET enable_sort").execute(&mut *conn).await.unwrap();
    }
    lines
}

/// What is wrong with a plan, if anything.
fn full_scans(backend: Backend, lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| match backend {
            Backend::Sqlite => {
                let l = l.trim();
                (l.starts_with("SCAN ") && !l.contains(" USING ")) || l.contains("TEMP B-TREE")
            }
            Backend::Postgres => {
                l.contains("Seq Scan") || l.trim_start().trim_start_matches("->").trim().starts_with("Sort")
            }
        })
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_hot_query_reads_an_index_on_both_databases() {
    for t in testing::all().await {
        let mut wrong = Vec::new();
        for (what, sql, args) in hot_queries() {
            let lines = plan(&t.db, t.backend, &sql, &args).await;
            let bad = full_scans(t.backend, &lines);
            if !bad.is_empty() {
                wrong.push(format!("{what} ({:?}):\n  {}", t.backend, lines.join("\n  ")));
            }
        }
        assert!(wrong.is_empty(), "queries that read a whole table or sort every match:\n{}", wrong.join("\n"));
        t.close().await;
    }
}

#[test]
fn the_plan_reader_tells_a_scan_from_a_search() {
    let sqlite = |l: &str| full_scans(Backend::Sqlite, &[l.to_owned()]).len();
    assert_eq!(sqlite("SCAN users"), 1);
    assert_eq!(sqlite("USE TEMP B-TREE FOR ORDER BY"), 1);
    assert_eq!(sqlite("SEARCH users USING INDEX users_username (username=?)"), 0);
    assert_eq!(sqlite("SCAN users USING INDEX users_created"), 0);
    let pg = |l: &str| full_scans(Backend::Postgres, &[l.to_owned()]).len();
    assert_eq!(pg("Seq Scan on users  (cost=0.00..1.01 rows=1 width=8)"), 1);
    assert_eq!(pg("  ->  Sort  (cost=1.02..1.03 rows=1 width=8)"), 1);
    assert_eq!(pg("Index Scan using users_username on users  (cost=0.15..8.17 rows=1 width=8)"), 0);
}
