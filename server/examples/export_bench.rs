//! My Data exports of an account with a long security log (100,000 entries by default): the
//! most heap the export holds at once while it writes the file and stores it in the database
//! (counted by this program's allocator), beside the size of the file, and its time beside the time to read the same entries
//! through the same pages without writing anything (the floor: the database must be read).
//! On demand:
//!
//! ```text
//! make bench-export                # cargo run --release -p server --example export_bench
//! BENCH_ROWS=200000 make bench-export
//! ```
//!
//! The export streams: its heap stays under `BOUND_MIB` (16 MiB) whatever the history's size, and
//! the program fails if it does not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failure should stop it

mod common;

use std::{
    alloc::{GlobalAlloc, Layout, System},
    sync::atomic::{AtomicUsize, Ordering},
    time::Instant,
};

use common::{account_with_token, bench_state, setting};
use gatehouse_core::{activity, my_data};
use platform::request::ClientMeta;

/// The system allocator, counting the bytes in use and the most at once since the last reset.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most heap an export may hold at once, above what the program held before it began.
const BOUND_MIB: f64 = 16.0;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let rows = setting("BENCH_ROWS", 100_000) as i64;
    let (state, dir) = bench_state(&[]).await;
    account_with_token(&state, false).await;
    let p = &state.core.platform;
    let (user_id,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE username = 'bench'").fetch_one(&p.db).await.unwrap();

    // The history: `rows` sign-ins from varied browsers, written in large transactions.
    let started = Instant::now();
    let agents = [
        "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36",
        "curl/8.5.0",
    ];
    let now = p.clock.now_ms();
    for chunk in 0..(rows + 4_999) / 5_000 {
        let mut tx = p.db.begin().await.unwrap();
        for i in chunk * 5_000..((chunk + 1) * 5_000).min(rows) {
            sqlx::query(
                "INSERT INTO audit_log (id, user_id, actor_id, event, ip, user_agent, detail, created_at) \
                 VALUES ($1, $2, NULL, 'signed_in', $3, $4, '{}', $5)",
            )
            .bind(format!("{i:032x}"))
            .bind(&user_id)
            .bind(format!("198.51.100.{}", i % 250))
            .bind(agents[(i % 3) as usize])
            .bind(now - (rows - i) * 1000)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
    println!("{rows} audit entries written in {:.1} s; release build, SQLite\n", started.elapsed().as_secs_f64());

    // The floor: the same pages of the log, read and dropped.
    let env = state.env();
    let started = Instant::now();
    let mut read = 0usize;
    let mut pages = activity::Pages::new(&env, &user_id, None);
    while let Some(page) = pages.next().await.unwrap() {
        read += page.items.len();
    }
    let floor = started.elapsed().as_secs_f64();
    println!("reading the log only: {read} entries in {floor:.2} s\n");

    let user = gatehouse_core::accounts::repo::find_by_id(&p.db, &user_id).await.unwrap().unwrap();
    let meta = ClientMeta::local("bench");
    let mut over = false;
    for format in ["json", "html"] {
        // Each format once a day: the limit and the last export are cleared between the runs.
        sqlx::query("DELETE FROM rate_limits").execute(&p.db).await.unwrap();
        sqlx::query("DELETE FROM data_exports").execute(&p.db).await.unwrap();
        my_data::request(&state.env(), &user, format, &meta).await.unwrap();
        let before = IN_USE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let started = Instant::now();
        assert_eq!(my_data::run_due(p, dir.path()).await.unwrap(), 1);
        let took = started.elapsed().as_secs_f64();
        let peak = (PEAK.load(Ordering::Relaxed) - before) as f64 / (1024.0 * 1024.0);
        let (size,): (i64,) = sqlx::query_as("SELECT size FROM data_exports").fetch_one(&p.db).await.unwrap();
        let size = size as f64 / (1024.0 * 1024.0);
        println!(
            "{format:>4}: {size:>6.1} MiB file in {took:>5.2} s ({:.2} x the read-only floor); \
             heap held at most {peak:>5.2} MiB, {:.3} of the file (bound {BOUND_MIB} MiB)",
            took / floor,
            peak / size
        );
        over |= peak > BOUND_MIB;
    }
    if over {
        eprintln!("\nFAIL: an export held more heap than the bound: it does not stream");
        std::process::exit(1);
    }
    println!("\nboth exports stream: their heap does not grow with the history");
}
