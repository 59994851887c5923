//! Counters and histograms for `GET /metrics` (the Prometheus text format, version 0.0.4).
//!
//! One [`Metrics`] per process, in the [`Platform`](crate::env::Platform). The HTTP layer counts
//! every answer by route (the route's pattern, never the path a client sent, so the number of
//! series stays bounded), method and status, with its latency; the sign-in service counts
//! outcomes; the password hasher reports its queue. What lives in the database (mail and job
//! queues) is read when the metrics are scraped, so that every instance reports the same.

use std::{
    collections::HashMap,
    fmt::Write as _,
    sync::{
        atomic::{AtomicI64, AtomicU64, Ordering::Relaxed},
        Mutex,
    },
    time::Duration,
};

/// Upper bounds of the latency buckets, in seconds.
pub const BUCKETS: [f64; 12] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// A latency histogram with atomic counts: for values recorded from many tasks.
#[derive(Default)]
pub struct Histogram {
    /// Count per bucket (not cumulative); the last is +Inf.
    counts: [AtomicU64; BUCKETS.len() + 1],
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, d: Duration) {
        self.counts[bucket_of(d)].fetch_add(1, Relaxed);
        self.sum_micros.fetch_add(micros(d), Relaxed);
    }

    fn snapshot(&self) -> Snapshot {
        let mut s = Snapshot { counts: [0; BUCKETS.len() + 1], sum_micros: self.sum_micros.load(Relaxed) };
        for (out, c) in s.counts.iter_mut().zip(&self.counts) {
            *out = c.load(Relaxed);
        }
        s
    }
}

/// Plain counts of a histogram (inside a lock, or read out of a [`Histogram`]).
#[derive(Clone, Copy, Default)]
struct Snapshot {
    counts: [u64; BUCKETS.len() + 1],
    sum_micros: u64,
}

impl Snapshot {
    fn observe(&mut self, d: Duration) {
        self.counts[bucket_of(d)] += 1;
        self.sum_micros += micros(d);
    }
}

fn bucket_of(d: Duration) -> usize {
    let secs = d.as_secs_f64();
    BUCKETS.iter().position(|b| secs <= *b).unwrap_or(BUCKETS.len())
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// How a sign-in's password step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    /// The password was right (a second factor may follow).
    Ok,
    /// Wrong password or unknown account.
    Failed,
    /// Refused by a rate limit or a full hashing queue, before any check.
    Throttled,
}

/// The methods counted by name; anything else is "other".
const METHODS: [&str; 8] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "other"];

fn method_index(method: &str) -> usize {
    METHODS.iter().position(|m| *m == method).unwrap_or(METHODS.len() - 1)
}

/// A route's answers as read out for a scrape: its pattern, counts by (method, status), latency.
type RouteSnapshot = (String, Vec<((usize, u16), u64)>, Snapshot);

#[derive(Default)]
struct RouteStats {
    /// Answers by (method, status).
    answers: HashMap<(usize, u16), u64>,
    latency: Snapshot,
}

/// The process's metrics.
#[derive(Default)]
pub struct Metrics {
    routes: Mutex<HashMap<String, RouteStats>>,
    sign_ins: [AtomicU64; 3],
    /// Requests waiting for a password-hashing slot, and how long they waited for it.
    pub hash_waiting: AtomicI64,
    pub hash_wait: Histogram,
}

/// What the database says at scrape time.
#[derive(Debug, Clone, Default)]
pub struct Queues {
    /// Mail waiting to be sent, and the age of the oldest, in seconds.
    pub mail_pending: i64,
    pub mail_oldest_seconds: f64,
    /// Jobs waiting, by kind.
    pub jobs_pending: Vec<(&'static str, i64)>,
    /// Database connections open, and idle among them.
    pub db_connections: u32,
    pub db_idle: u32,
    pub db_max: u32,
}

impl Metrics {
    /// One answer: `route` is the route's pattern (or "unmatched").
    pub fn request(&self, route: &str, method: &str, status: u16, took: Duration) {
        let Ok(mut routes) = self.routes.lock() else { return };
        let stats = match routes.get_mut(route) {
            Some(s) => s,
            None => routes.entry(route.to_owned()).or_default(),
        };
        *stats.answers.entry((method_index(method), status)).or_insert(0) += 1;
        stats.latency.observe(took);
    }

    pub fn sign_in(&self, outcome: SignIn) {
        let i = match outcome {
            SignIn::Ok => 0,
            SignIn::Failed => 1,
            SignIn::Throttled => 2,
        };
        self.sign_ins[i].fetch_add(1, Relaxed);
    }

    /// The text a scrape reads.
    pub fn render(&self, queues: &Queues) -> String {
        let mut out = String::with_capacity(8 * 1024);
        let routes: Vec<RouteSnapshot> = match self.routes.lock() {
            Ok(routes) => {
                let mut v: Vec<_> = routes
                    .iter()
                    .map(|(r, s)| {
                        let mut answers: Vec<_> = s.answers.iter().map(|(k, n)| (*k, *n)).collect();
                        answers.sort_unstable();
                        (r.clone(), answers, s.latency)
                    })
                    .collect();
                v.sort_by(|a, b| a.0.cmp(&b.0));
                v
            }
            Err(_) => Vec::new(),
        };

        header(
            &mut out,
            "gatehouse_http_requests_total",
            "counter",
            "HTTP answers by route pattern, method and status.",
        );
        for (route, answers, _) in &routes {
            for ((m, status), n) in answers {
                let _ = writeln!(
                    out,
                    "gatehouse_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                    escape(route),
                    METHODS[*m]
                );
            }
        }
        let name = "gatehouse_http_request_duration_seconds";
        header(&mut out, name, "histogram", "Time to answer, by route pattern.");
        for (route, _, latency) in &routes {
            histogram(&mut out, name, &format!("route=\"{}\",", escape(route)), latency);
        }

        header(&mut out, "gatehouse_sign_ins_total", "counter", "Password sign-in steps by outcome.");
        for (i, outcome) in ["ok", "failed", "throttled"].iter().enumerate() {
            let _ =
                writeln!(out, "gatehouse_sign_ins_total{{outcome=\"{outcome}\"}} {}", self.sign_ins[i].load(Relaxed));
        }

        let name = "gatehouse_password_hash_queue_depth";
        header(&mut out, name, "gauge", "Requests waiting for a password-hashing slot.");
        let _ = writeln!(out, "{name} {}", self.hash_waiting.load(Relaxed).max(0));
        let name = "gatehouse_password_hash_wait_seconds";
        header(&mut out, name, "histogram", "Time spent waiting for a password-hashing slot.");
        histogram(&mut out, name, "", &self.hash_wait.snapshot());

        let name = "gatehouse_mail_queue_depth";
        header(&mut out, name, "gauge", "Mail waiting to be sent.");
        let _ = writeln!(out, "{name} {}", queues.mail_pending);
        let name = "gatehouse_mail_queue_oldest_seconds";
        header(&mut out, name, "gauge", "Age of the oldest mail waiting to be sent.");
        let _ = writeln!(out, "{name} {}", queues.mail_oldest_seconds);
        let name = "gatehouse_jobs_pending";
        header(&mut out, name, "gauge", "Background jobs waiting, by kind.");
        for (kind, n) in &queues.jobs_pending {
            let _ = writeln!(out, "{name}{{kind=\"{}\"}} {n}", escape(kind));
        }
        let name = "gatehouse_db_connections";
        header(&mut out, name, "gauge", "Database connections of this instance, by state.");
        let busy = queues.db_connections.saturating_sub(queues.db_idle);
        let _ = writeln!(out, "{name}{{state=\"busy\"}} {busy}");
        let _ = writeln!(out, "{name}{{state=\"idle\"}} {}", queues.db_idle);
        let name = "gatehouse_db_connections_max";
        header(&mut out, name, "gauge", "The most database connections this instance opens.");
        let _ = writeln!(out, "{name} {}", queues.db_max);
        out
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// `labels` is empty or ends with a comma.
fn histogram(out: &mut String, name: &str, labels: &str, h: &Snapshot) {
    let mut cumulative = 0;
    for (i, bound) in BUCKETS.iter().enumerate() {
        cumulative += h.counts[i];
        let _ = writeln!(out, "{name}_bucket{{{labels}le=\"{bound}\"}} {cumulative}");
    }
    cumulative += h.counts[BUCKETS.len()];
    let _ = writeln!(out, "{name}_bucket{{{labels}le=\"+Inf\"}} {cumulative}");
    let labels = labels.trim_end_matches(',');
    let braces = if labels.is_empty() { String::new() } else { format!("{{{labels}}}") };
    let _ = writeln!(out, "{name}_sum{braces} {}", h.sum_micros as f64 / 1e6);
    let _ = writeln!(out, "{name}_count{braces} {cumulative}");
}

/// A label value: backslash, double quote and line feed escaped.
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// For tests of the scrape (here and over HTTP).
#[cfg(any(test, feature = "test-support"))]
pub mod testing {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    /// The value of `series` (its name and labels, as written) in a scrape's text.
    pub fn value(text: &str, series: &str) -> f64 {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .find_map(|l| l.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
            .unwrap_or_else(|| panic!("{series} missing from\n{text}"))
            .parse()
            .unwrap_or_else(|e| panic!("{series}: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use testing::value;

    #[test]
    fn answers_are_counted_by_route_method_and_status_with_cumulative_buckets() {
        let m = Metrics::default();
        m.request("/api/v1/me", "GET", 200, Duration::from_millis(3));
        m.request("/api/v1/me", "GET", 200, Duration::from_millis(30));
        m.request("/api/v1/me", "GET", 401, Duration::from_micros(500));
        m.request("/signin", "BREW", 405, Duration::from_secs(20));
        let text = m.render(&Queues::default());
        let r = "route=\"/api/v1/me\"";
        assert_eq!(value(&text, &format!("gatehouse_http_requests_total{{{r},method=\"GET\",status=\"200\"}}")), 2.0);
        assert_eq!(value(&text, &format!("gatehouse_http_requests_total{{{r},method=\"GET\",status=\"401\"}}")), 1.0);
        assert_eq!(
            value(&text, "gatehouse_http_requests_total{route=\"/signin\",method=\"other\",status=\"405\"}"),
            1.0
        );
        let b = |le: &str| value(&text, &format!("gatehouse_http_request_duration_seconds_bucket{{{r},le=\"{le}\"}}"));
        assert_eq!(b("0.001"), 1.0);
        assert_eq!(b("0.005"), 2.0);
        assert_eq!(b("0.05"), 3.0);
        assert_eq!(b("+Inf"), 3.0);
        assert_eq!(value(&text, &format!("gatehouse_http_request_duration_seconds_count{{{r}}}")), 3.0);
        let sum = value(&text, &format!("gatehouse_http_request_duration_seconds_sum{{{r}}}"));
        assert!((sum - 0.0335).abs() < 1e-9, "{sum}");
        assert_eq!(value(&text, "gatehouse_http_request_duration_seconds_bucket{route=\"/signin\",le=\"+Inf\"}"), 1.0);
        assert_eq!(value(&text, "gatehouse_http_request_duration_seconds_bucket{route=\"/signin\",le=\"10\"}"), 0.0);
    }

    #[test]
    fn sign_ins_queues_and_pool_are_reported() {
        let m = Metrics::default();
        m.sign_in(SignIn::Ok);
        m.sign_in(SignIn::Failed);
        m.sign_in(SignIn::Failed);
        m.hash_waiting.store(3, Relaxed);
        m.hash_wait.observe(Duration::from_millis(70));
        let q = Queues {
            mail_pending: 4,
            mail_oldest_seconds: 12.5,
            jobs_pending: vec![("account_deletion", 2)],
            db_connections: 5,
            db_idle: 3,
            db_max: 10,
        };
        let text = m.render(&q);
        assert_eq!(value(&text, "gatehouse_sign_ins_total{outcome=\"ok\"}"), 1.0);
        assert_eq!(value(&text, "gatehouse_sign_ins_total{outcome=\"failed\"}"), 2.0);
        assert_eq!(value(&text, "gatehouse_sign_ins_total{outcome=\"throttled\"}"), 0.0);
        assert_eq!(value(&text, "gatehouse_password_hash_queue_depth"), 3.0);
        assert_eq!(value(&text, "gatehouse_password_hash_wait_seconds_bucket{le=\"0.05\"}"), 0.0);
        assert_eq!(value(&text, "gatehouse_password_hash_wait_seconds_bucket{le=\"0.1\"}"), 1.0);
        assert_eq!(value(&text, "gatehouse_password_hash_wait_seconds_count"), 1.0);
        assert_eq!(value(&text, "gatehouse_mail_queue_depth"), 4.0);
        assert_eq!(value(&text, "gatehouse_mail_queue_oldest_seconds"), 12.5);
        assert_eq!(value(&text, "gatehouse_jobs_pending{kind=\"account_deletion\"}"), 2.0);
        assert_eq!(value(&text, "gatehouse_db_connections{state=\"busy\"}"), 2.0);
        assert_eq!(value(&text, "gatehouse_db_connections_max"), 10.0);
    }

    #[test]
    fn every_series_has_its_type_and_label_values_are_escaped() {
        let m = Metrics::default();
        m.request("/a\"b\\c\nd", "GET", 200, Duration::ZERO);
        let text = m.render(&Queues::default());
        assert!(text.contains("route=\"/a\\\"b\\\\c\\nd\""), "{text}");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let name = line.split(['{', ' ']).next().unwrap_or_default();
            let base = ["_bucket", "_sum", "_count"].iter().fold(name, |n, s| n.strip_suffix(s).unwrap_or(n));
            assert!(
                text.contains(&format!("# TYPE {name} ")) || text.contains(&format!("# TYPE {base} histogram")),
                "{line} has no TYPE"
            );
        }
    }
}
