//! Preferences → My Data (seed 003): **Download my data** (one self-contained HTML page) and
//! **Export my data** (JSON, following `docs/my-data-v1.schema.json`).
//!
//! A request is a job in `data_exports`: any instance's worker may claim it (one export of an
//! account runs at a time; a job whose worker died is claimed again after [`CLAIM_TIMEOUT_MS`]),
//! and it survives restarts. The worker writes the file into its data directory's `exports/`,
//! a page of the security log at a time, so a long history costs disk, not memory; then stores
//! it in the database in pieces of [`CHUNK`] bytes (instances behind one load balancer do not
//! share a disk: whichever one a link reaches sends the file) and mails a link in the person's
//! language. The link works once, for [`LINK_MS`], and only for the signed-in owner; the file
//! is deleted once downloaded or expired. Each format may be asked
//! for once in [`REQUEST_EVERY_MS`] (a failed export does not count).

use std::path::{Path, PathBuf};

use i18n::{k, Msg};
use platform::{
    audit::AuditEvent,
    clock::Clock,
    crypto::{new_id, random_token, token_digest},
    ratelimit,
    request::ClientMeta,
    Env, Platform,
};
use serde_json::{json, Value};
use tokio::io::{AsyncWrite, AsyncWriteExt, BufWriter};
use wire::{
    activity::ActivityKind,
    error::AppError,
    my_data::{ExportFormat, ExportState, ExportView, MyDataView, SCHEMA_PATH, SCHEMA_VERSION},
    preferences::Setting,
    time::{minute_utc, time_utc},
};

use crate::{
    accounts::{repo as users, UserRow},
    activity, factors, notices, organizations, preferences, sessions, tokens,
};

/// Each format may be asked for once in this long.
pub const REQUEST_EVERY_MS: i64 = 24 * 3_600_000;
/// How long the mailed link works.
pub const LINK_MS: i64 = 24 * 3_600_000;
/// A running export not heard of for this long (its instance stopped) is claimed again.
pub const CLAIM_TIMEOUT_MS: i64 = 10 * 60_000;
/// Finished requests are kept this long (the daily limit and the page read them), then dropped.
pub const KEEP_MS: i64 = 30 * 24 * 3_600_000;

/// The most bytes of a stored piece of a file.
pub const CHUNK: usize = 1024 * 1024;

const COLUMNS: &str =
    "id, user_id, format, state, progress, requested_at, claimed_at, finished_at, size, link_hash, expires_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportRow {
    pub id: String,
    pub user_id: String,
    pub format: String,
    pub state: String,
    pub progress: i64,
    pub requested_at: i64,
    pub claimed_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub size: Option<i64>,
    pub link_hash: Option<String>,
    pub expires_at: Option<i64>,
}

impl ExportRow {
    fn format(&self) -> ExportFormat {
        ExportFormat::parse(&self.format).unwrap_or(ExportFormat::Json)
    }

    fn state(&self) -> ExportState {
        ExportState::parse(&self.state).unwrap_or(ExportState::Failed)
    }
}

/// The rate-limit key that makes the daily limit hold when two requests race.
fn limit_key(user_id: &str, f: ExportFormat) -> String {
    format!("my-data:{user_id}:{}", f.as_str())
}

/// What the page shows: the newest export of each format and when each may be asked again.
pub async fn status(env: &Env<'_>, user_id: &str) -> Result<MyDataView, AppError> {
    let rows: Vec<ExportRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM data_exports WHERE user_id = $1 ORDER BY requested_at DESC, id DESC LIMIT 20"
    ))
    .bind(user_id)
    .fetch_all(env.db)
    .await?;
    let mut view = MyDataView::default();
    for f in ExportFormat::ALL {
        let mine: Vec<&ExportRow> = rows.iter().filter(|r| r.format() == f).collect();
        if let Some(r) = mine.first() {
            let state = r.state();
            // Ready past its time is expired, whether or not housekeeping came by yet.
            let state = if state == ExportState::Ready && r.expires_at.is_some_and(|t| t <= env.now) {
                ExportState::Expired
            } else {
                state
            };
            view.exports.push(ExportView {
                format: f,
                state,
                progress: r.progress.clamp(0, 100) as u8,
                requested_at: r.requested_at,
                expires_at: r.expires_at,
            });
        }
        let next = mine
            .iter()
            .find(|r| r.state() != ExportState::Failed)
            .map(|r| r.requested_at + REQUEST_EVERY_MS)
            .filter(|t| *t > env.now);
        match f {
            ExportFormat::Html => view.next_html = next,
            ExportFormat::Json => view.next_json = next,
        }
    }
    Ok(view)
}

/// Queues an export of `format` (`html` or `json`) for the account.
pub async fn request(env: &Env<'_>, user: &UserRow, format: &str, meta: &ClientMeta) -> Result<MyDataView, AppError> {
    let f = ExportFormat::parse(format).ok_or_else(|| AppError::field("format", k::error_my_data_format()))?;
    let wait = |at: i64| AppError::conflict("format", k::error_my_data_wait(minute_utc(at)));
    if let Some(next) = status(env, &user.id).await?.next(f) {
        return Err(wait(next));
    }
    // Two requests at once: the counter, in the database, lets one through.
    let limit = ratelimit::Limit { max: 1, window_ms: REQUEST_EVERY_MS };
    if let Err(AppError::RateLimited { .. }) = ratelimit::hit(env.db, &limit_key(&user.id, f), limit, env.now).await {
        return Err(wait(env.now + REQUEST_EVERY_MS));
    }
    sqlx::query(
        "INSERT INTO data_exports (id, user_id, format, state, progress, requested_at) VALUES ($1, $2, $3, 'queued', 0, $4)",
    )
    .bind(new_id())
    .bind(&user.id)
    .bind(f.as_str())
    .bind(env.now)
    .execute(env.db)
    .await?;
    env.audit(&user.id, None, AuditEvent::DataExportRequested, json!({ "format": f.as_str() }), meta).await?;
    status(env, &user.id).await
}

/// Claims the oldest export waiting, if any: queued, or running on an instance not heard of
/// for [`CLAIM_TIMEOUT_MS`]; never a second one of an account while one runs.
pub async fn claim_next(env: &Env<'_>) -> Result<Option<ExportRow>, AppError> {
    let stale = env.now - CLAIM_TIMEOUT_MS;
    let candidates: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.id, e.user_id FROM data_exports e WHERE (e.state = 'queued' OR (e.state = 'running' AND \
         e.claimed_at < $1)) ORDER BY e.requested_at, e.id LIMIT 10",
    )
    .bind(stale)
    .fetch_all(env.db)
    .await?;
    for (id, user_id) in candidates {
        let claimed = sqlx::query(
            "UPDATE data_exports SET state = 'running', claimed_at = $2, progress = 0 WHERE id = $1 AND \
             (state = 'queued' OR (state = 'running' AND claimed_at < $3)) AND NOT EXISTS (SELECT 1 FROM \
             data_exports r WHERE r.user_id = $4 AND r.id <> $1 AND r.state = 'running' AND r.claimed_at >= $3)",
        )
        .bind(&id)
        .bind(env.now)
        .bind(stale)
        .bind(&user_id)
        .execute(env.db)
        .await?;
        if claimed.rows_affected() == 1 {
            let row: ExportRow = sqlx::query_as(&format!("SELECT {COLUMNS} FROM data_exports WHERE id = $1"))
                .bind(&id)
                .fetch_one(env.db)
                .await?;
            return Ok(Some(row));
        }
    }
    Ok(None)
}

/// Runs every export waiting (the worker's round; tests call it too), each at the time it
/// starts. Returns how many ran.
pub async fn run_due(p: &Platform, dir: &Path) -> Result<usize, AppError> {
    let mut n = 0;
    loop {
        let env = p.env();
        let Some(job) = claim_next(&env).await? else { return Ok(n) };
        run(&env, &p.clock, dir, &job).await?;
        n += 1;
    }
}

/// Where the files lie.
pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// Writes one claimed export, stores it, then mails its link; on failure, marks it failed (and
/// frees the day's request again).
pub async fn run(env: &Env<'_>, clock: &Clock, data_dir: &Path, job: &ExportRow) -> Result<(), AppError> {
    let f = job.format();
    let dir = exports_dir(data_dir);
    let file_name = format!("{}.{}", job.id, f.as_str());
    let outcome = match write(env, clock, &dir, &file_name, job).await {
        Ok(Some(user)) => store(env, &job.id, &dir.join(&file_name)).await.map(|size| Some((user, size))),
        other => other.map(|_| None),
    };
    // This instance's copy is not needed any more: the database holds the file.
    for name in [format!("{file_name}.part"), file_name.clone()] {
        let _ = tokio::fs::remove_file(dir.join(name)).await;
    }
    let (user, size) = match outcome {
        Ok(Some(done)) => done,
        outcome => {
            if let Err(e) = &outcome {
                tracing::error!(export = %job.id, error = %e, "a My Data export failed");
            }
            sqlx::query("DELETE FROM data_export_chunks WHERE export_id = $1").bind(&job.id).execute(env.db).await?;
            sqlx::query(
                "UPDATE data_exports SET state = 'failed', finished_at = $2 WHERE id = $1 AND state = 'running'",
            )
            .bind(&job.id)
            .bind(env.now)
            .execute(env.db)
            .await?;
            ratelimit::reset(env.db, &limit_key(&job.user_id, f)).await?;
            return Ok(());
        }
    };
    let token = random_token(32);
    let done = sqlx::query(
        "UPDATE data_exports SET state = 'ready', progress = 100, finished_at = $2, size = $3, link_hash = $4, \
         expires_at = $5 WHERE id = $1 AND state = 'running'",
    )
    .bind(&job.id)
    .bind(env.now)
    .bind(size)
    .bind(token_digest(&token))
    .bind(env.now + LINK_MS)
    .execute(env.db)
    .await?;
    if done.rows_affected() == 0 {
        // Taken over meanwhile (this instance was too slow): the other one mails its link.
        return Ok(());
    }
    let lang = notices::language_of(env, &user.id).await?;
    let link = env.link(&format!("/account/my-data/download?token={token}"));
    env.mail(&notices::my_data_ready(lang, &user.email, &user.name, f == ExportFormat::Html, &link)).await
}

/// Copies the written file into the database, a piece at a time, replacing what an earlier
/// attempt of the same export stored. Returns its size.
async fn store(env: &Env<'_>, id: &str, path: &Path) -> Result<i64, AppError> {
    use tokio::io::AsyncReadExt;
    let mut file = tokio::fs::File::open(path).await.map_err(io)?;
    let mut tx = env.db.begin().await?;
    sqlx::query("DELETE FROM data_export_chunks WHERE export_id = $1").bind(id).execute(&mut *tx).await?;
    let (mut seq, mut size) = (0i64, 0i64);
    let mut buf = vec![0u8; CHUNK];
    loop {
        // Fill the piece (a read may return less than asked).
        let mut filled = 0;
        while filled < CHUNK {
            let n = file.read(&mut buf[filled..]).await.map_err(io)?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        if filled == 0 {
            break;
        }
        sqlx::query("INSERT INTO data_export_chunks (export_id, seq, bytes) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(seq)
            .bind(&buf[..filled])
            .execute(&mut *tx)
            .await?;
        seq += 1;
        size += filled as i64;
        if filled < CHUNK {
            break;
        }
    }
    tx.commit().await?;
    Ok(size)
}

/// An export the owner may download now: its pieces are read one at a time with [`piece`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub id: String,
    pub format: ExportFormat,
    pub size: i64,
}

/// A link opened by the signed-in `user_id`: the export to send (once). Another account's link
/// is `NotFound`, as if it did not exist; a used or expired one is `InvalidLink`.
pub async fn download(env: &Env<'_>, user_id: &str, token: &str, meta: &ClientMeta) -> Result<Download, AppError> {
    if token.is_empty() || token.len() > 64 {
        return Err(AppError::InvalidLink);
    }
    let row: Option<ExportRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM data_exports WHERE link_hash = $1"))
        .bind(token_digest(token))
        .fetch_optional(env.db)
        .await?;
    let row = row.ok_or(AppError::InvalidLink)?;
    if row.user_id != user_id {
        return Err(AppError::NotFound);
    }
    let taken = sqlx::query(
        "UPDATE data_exports SET state = 'downloaded' WHERE id = $1 AND state = 'ready' AND expires_at > $2",
    )
    .bind(&row.id)
    .bind(env.now)
    .execute(env.db)
    .await?;
    if taken.rows_affected() != 1 {
        return Err(AppError::InvalidLink);
    }
    let format = ExportFormat::parse(&row.format).ok_or(AppError::Internal)?;
    env.audit(user_id, None, AuditEvent::DataExportDownloaded, json!({ "format": format.as_str() }), meta).await?;
    Ok(Download { id: row.id, format, size: row.size.unwrap_or(0) })
}

impl Download {
    /// How many pieces the file was stored in.
    pub fn pieces(&self) -> i64 {
        (self.size + CHUNK as i64 - 1) / CHUNK as i64
    }
}

/// Piece `seq` of a downloaded export; reading the last one deletes the file.
pub async fn piece(db: &platform::db::Db, d: &Download, seq: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT bytes FROM data_export_chunks WHERE export_id = $1 AND seq = $2")
            .bind(&d.id)
            .bind(seq)
            .fetch_optional(db)
            .await?;
    if seq + 1 >= d.pieces() {
        sqlx::query("DELETE FROM data_export_chunks WHERE export_id = $1").bind(&d.id).execute(db).await?;
    }
    Ok(row.map(|(b,)| b))
}

/// Exports queued or running (the metrics' job queue).
pub async fn waiting(db: &platform::db::Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM data_exports WHERE state IN ('queued', 'running')").fetch_one(db).await?;
    Ok(n)
}

/// Housekeeping: the files of expired links are deleted, and old requests forgotten.
pub async fn purge(env: &Env<'_>) -> Result<u64, AppError> {
    let gone = sqlx::query(
        "DELETE FROM data_export_chunks WHERE export_id IN (SELECT id FROM data_exports WHERE expires_at <= $1)",
    )
    .bind(env.now)
    .execute(env.db)
    .await?;
    sqlx::query(
        "UPDATE data_exports SET state = 'expired', link_hash = NULL WHERE expires_at <= $1 AND state = 'ready'",
    )
    .bind(env.now)
    .execute(env.db)
    .await?;
    sqlx::query("DELETE FROM data_exports WHERE requested_at < $1").bind(env.now - KEEP_MS).execute(env.db).await?;
    Ok(gone.rows_affected())
}

// ---- Writing the file ----------------------------------------------------------------------

/// Writes the export to `<dir>/<file_name>.part`, then renames it. `None` when the account is
/// gone or disabled (nothing to export for it).
async fn write(
    env: &Env<'_>,
    clock: &Clock,
    dir: &Path,
    file_name: &str,
    job: &ExportRow,
) -> Result<Option<UserRow>, AppError> {
    let Some(user) = users::find_by_id(env.db, &job.user_id).await?.filter(UserRow::is_active) else {
        return Ok(None);
    };
    tokio::fs::create_dir_all(dir).await.map_err(io)?;
    let part = dir.join(format!("{file_name}.part"));
    let file = tokio::fs::File::create(&part).await.map_err(io)?;
    let lang = notices::language_of(env, &user.id).await?;
    let mut out = Writer::new(BufWriter::with_capacity(64 * 1024, file), job.format(), lang);
    out.begin(env, &user).await?;
    for (title, key, value) in sections(env, &user).await? {
        out.section(title, key, &value).await?;
    }
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE user_id = $1").bind(&user.id).fetch_one(env.db).await?;
    progress(env, clock, &job.id, 10).await?;
    out.log_begin().await?;
    let mut done = 0i64;
    let mut pages = activity::Pages::new(env, &user.id, None);
    while let Some(page) = pages.next().await? {
        for a in &page.items {
            let l = &a.line;
            let entry = json!({
                "at": time_utc(l.created_at), "event": l.event, "kind": l.kind.as_str(), "ip": l.ip,
                "browser": l.browser, "os": l.os, "by": l.by,
            });
            out.log_entry(&entry, l.kind).await?;
        }
        done += page.items.len() as i64;
        if total > 0 {
            progress(env, clock, &job.id, 10 + 89 * done.min(total) / total).await?;
        }
    }
    out.end().await?;
    tokio::fs::rename(&part, dir.join(file_name)).await.map_err(io)?;
    Ok(Some(user))
}

fn io(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "writing a My Data export");
    AppError::Internal
}

/// Records how far an export is, and that its worker is alive (at the clock's time: an export
/// may take a while).
async fn progress(env: &Env<'_>, clock: &Clock, id: &str, percent: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE data_exports SET progress = $2, claimed_at = $3 WHERE id = $1 AND state = 'running'")
        .bind(id)
        .bind(percent)
        .bind(clock.now_ms())
        .execute(env.db)
        .await?;
    Ok(())
}

/// The small sections, in order: (heading, JSON key, value).
async fn sections(env: &Env<'_>, user: &UserRow) -> Result<Vec<(Msg, &'static str, Value)>, AppError> {
    let account = json!({
        "id": user.id, "username": user.display_username, "name": user.name, "email": user.email,
        "email_verified_at": user.email_verified_at.map(time_utc), "created_at": time_utc(user.created_at),
        "password_changed_at": time_utc(user.password_changed_at), "role": user.role,
        "nickname": user.nickname, "bio": user.bio, "status": user.status, "status_text": user.status_text,
        "has_avatar": user.avatar_etag.is_some(),
    });
    let prefs = preferences::view(env, user).await?;
    let values: serde_json::Map<String, Value> =
        Setting::ALL.iter().map(|s| (s.key().to_owned(), prefs.values.get(*s))).collect();
    let chosen: Vec<&str> = prefs.chosen.iter().map(|s| s.key()).collect();
    let preferences = json!({ "values": values, "chosen": chosen });

    let mut email_history = Vec::new();
    let mut pages = activity::Pages::new(env, &user.id, Some(ActivityKind::Email.as_str()));
    while let Some(page) = pages.next().await? {
        for a in &page.items {
            let text = |k: &str| a.detail.get(k).and_then(Value::as_str).map(str::to_owned);
            email_history.push(json!({
                "at": time_utc(a.line.created_at), "event": a.line.event, "from": text("from"), "to": text("to"),
            }));
        }
    }
    email_history.reverse();

    let sessions: Vec<Value> = sessions::list(env.db, &user.id, None)
        .await?
        .into_iter()
        .map(|s| {
            json!({
                "created_at": time_utc(s.created_at), "last_seen_at": time_utc(s.last_seen_at), "ip": s.ip,
                "browser": s.browser, "os": s.os,
            })
        })
        .collect();
    // Names and dates: never a token's value, nor its last characters.
    let tokens: Vec<Value> = tokens::list(env.db, &user.id)
        .await?
        .into_iter()
        .map(|t| {
            json!({
                "name": t.name, "created_at": time_utc(t.created_at), "expires_at": t.expires_at.map(time_utc),
                "last_used_at": t.last_used_at.map(time_utc), "last_used_ip": t.last_used_ip,
                "ignore_two_factor": t.ignore_two_factor, "read_only": t.read_only,
            })
        })
        .collect();
    let s = factors::settings(env).await?;
    let f = factors::factors(env, user, &s).await?;
    let two_factor = json!({
        "totp": f.totp, "email": f.email, "backup_codes_left": f.backup_left, "forced": user.two_factor_forced(),
    });
    let organizations: Vec<Value> = organizations::repo::memberships_of(env.db, &user.id)
        .await?
        .into_iter()
        .map(|(m, o)| json!({ "name": o.name, "slug": o.slug, "role": m.role, "joined_at": time_utc(m.joined_at) }))
        .collect();
    Ok(vec![
        (k::my_data_section_account(), "account", account),
        (k::my_data_section_preferences(), "preferences", preferences),
        (k::my_data_section_email_history(), "email_history", Value::Array(email_history)),
        (k::my_data_section_sessions(), "sessions", Value::Array(sessions)),
        (k::my_data_section_tokens(), "tokens", Value::Array(tokens)),
        (k::my_data_section_two_factor(), "two_factor", two_factor),
        (k::my_data_section_organizations(), "organizations", Value::Array(organizations)),
    ])
}

/// The file being written, in either format: small sections whole, the security log an entry
/// at a time.
struct Writer<W> {
    w: W,
    format: ExportFormat,
    lang: wire::preferences::Language,
    first_entry: bool,
}

impl<W: AsyncWrite + Unpin> Writer<W> {
    fn new(w: W, format: ExportFormat, lang: wire::preferences::Language) -> Self {
        Writer { w, format, lang, first_entry: true }
    }

    fn say(&self, m: &Msg) -> String {
        i18n::catalogue(self.lang.as_str()).format(m)
    }

    async fn put(&mut self, s: &str) -> Result<(), AppError> {
        self.w.write_all(s.as_bytes()).await.map_err(io)
    }

    async fn begin(&mut self, env: &Env<'_>, user: &UserRow) -> Result<(), AppError> {
        match self.format {
            ExportFormat::Json => {
                let head = json!({
                    "$schema": env.link(SCHEMA_PATH), "format": "gatehouse-my-data", "version": SCHEMA_VERSION,
                    "generated_at": time_utc(env.now),
                });
                let head = serde_json::to_string(&head).map_err(|_| AppError::Internal)?;
                // The object stays open: the sections follow.
                let s = format!("{},\n", head.trim_end_matches('}'));
                self.put(&s).await
            }
            ExportFormat::Html => {
                let title = notices::escape_html(&self.say(&k::my_data_title(user.display_username.as_str())));
                let generated = notices::escape_html(&self.say(&k::my_data_generated(minute_utc(env.now))));
                let s = format!(
                    "<!doctype html>\n<html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\">\
                     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
                     <style>{HTML_STYLE}</style></head><body><h1>{title}</h1><p class=\"generated\">{generated}</p>\n",
                    self.lang.as_str(),
                    self.lang.dir()
                );
                self.put(&s).await
            }
        }
    }

    async fn section(&mut self, title: Msg, key: &str, value: &Value) -> Result<(), AppError> {
        match self.format {
            ExportFormat::Json => {
                let v = serde_json::to_string(value).map_err(|_| AppError::Internal)?;
                self.put(&format!("\"{key}\":{v},\n")).await
            }
            ExportFormat::Html => {
                let heading = notices::escape_html(&self.say(&title));
                let body = html_value(value, &self.say(&k::my_data_none()));
                self.put(&format!("<section><h2>{heading}</h2>{body}</section>\n")).await
            }
        }
    }

    async fn log_begin(&mut self) -> Result<(), AppError> {
        match self.format {
            ExportFormat::Json => self.put("\"security_log\":[").await,
            ExportFormat::Html => {
                let heading = notices::escape_html(&self.say(&k::my_data_section_security_log()));
                let cols: String = ["at", "event", "kind", "ip", "browser", "os", "by"]
                    .iter()
                    .map(|c| format!("<th>{}</th>", label(c)))
                    .collect();
                self.put(&format!("<section><h2>{heading}</h2><table><thead><tr>{cols}</tr></thead><tbody>\n")).await
            }
        }
    }

    async fn log_entry(&mut self, entry: &Value, kind: ActivityKind) -> Result<(), AppError> {
        match self.format {
            ExportFormat::Json => {
                let v = serde_json::to_string(entry).map_err(|_| AppError::Internal)?;
                let sep = if std::mem::take(&mut self.first_entry) { "\n" } else { ",\n" };
                self.put(&format!("{sep}{v}")).await
            }
            ExportFormat::Html => {
                let event = entry["event"].as_str().unwrap_or_default();
                let what = self.say(&Msg::new(format!("activity-event-{event}")));
                let cells = [
                    entry["at"].as_str().unwrap_or_default().to_owned(),
                    if what.starts_with("activity-event-") { event.to_owned() } else { what },
                    self.say(&kind.label()),
                    entry["ip"].as_str().unwrap_or_default().to_owned(),
                    entry["browser"].as_str().unwrap_or_default().to_owned(),
                    entry["os"].as_str().unwrap_or_default().to_owned(),
                    entry["by"].as_str().unwrap_or_default().to_owned(),
                ];
                let row: String = cells.iter().map(|c| format!("<td>{}</td>", notices::escape_html(c))).collect();
                self.put(&format!("<tr>{row}</tr>\n")).await
            }
        }
    }

    async fn end(mut self) -> Result<(), AppError> {
        match self.format {
            ExportFormat::Json => self.put("\n]}\n").await?,
            ExportFormat::Html => self.put("</tbody></table></section></body></html>\n").await?,
        }
        self.w.flush().await.map_err(io)?;
        self.w.shutdown().await.map_err(io)
    }
}

/// The page's look, inline: the file is read offline, alone, and runs no script.
const HTML_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;\
color:#1b1b1f;line-height:1.45}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:start;padding:.3rem .5rem;\
border-bottom:1px solid #e3e3e8;vertical-align:top;overflow-wrap:anywhere}th{background:#f3f3f6}\
.generated,.none{color:#555}";

/// A JSON key as a column or row heading (`last_seen_at` → `Last seen at`).
fn label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut c = words.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A value as HTML: an object as a table of its fields, a list of objects as a table with a
/// row each, anything else as escaped text.
fn html_value(v: &Value, none: &str) -> String {
    match v {
        Value::Object(map) => {
            let rows: String = map
                .iter()
                .map(|(k, v)| {
                    format!("<tr><th>{}</th><td>{}</td></tr>", notices::escape_html(&label(k)), html_value(v, none))
                })
                .collect();
            format!("<table>{rows}</table>")
        }
        Value::Array(items) if items.is_empty() => format!("<p class=\"none\">{}</p>", notices::escape_html(none)),
        Value::Array(items) if items.iter().all(Value::is_object) => {
            let keys: Vec<&String> = items[0].as_object().map(|m| m.keys().collect()).unwrap_or_default();
            let head: String = keys.iter().map(|k| format!("<th>{}</th>", notices::escape_html(&label(k)))).collect();
            let rows: String = items
                .iter()
                .map(|item| {
                    let cells: String =
                        keys.iter().map(|k| format!("<td>{}</td>", html_value(&item[k.as_str()], none))).collect();
                    format!("<tr>{cells}</tr>")
                })
                .collect();
            format!("<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        }
        Value::Array(items) => items.iter().map(|i| html_value(i, none)).collect::<Vec<_>>().join(", "),
        Value::String(s) => notices::escape_html(s),
        Value::Null => String::new(),
        other => notices::escape_html(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use platform::db::testing;

    #[tokio::test]
    async fn an_export_is_queued_claimed_written_and_downloaded_once_on_both_databases() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let dir = std::env::temp_dir().join(format!("gatehouse-my-data-{}", new_id()));
            users::insert(&t.db, &users::test_row("ada", "ada", "ada@e.test")).await.unwrap();
            let ada = users::find_by_id(&t.db, "ada").await.unwrap().unwrap();
            let meta = ClientMeta::new("192.0.2.1", "unit");
            let env = te.at(1_000);
            for i in 0..450 {
                env.audit("ada", None, AuditEvent::SignedIn, json!({ "n": i }), &meta).await.unwrap();
            }
            request(&env, &ada, "json", &meta).await.unwrap();
            let refused = request(&env, &ada, "json", &meta).await.unwrap_err();
            assert!(matches!(refused, AppError::Conflict { .. }), "{:?}: {refused:?}", t.backend);
            let job = claim_next(&env).await.unwrap().expect("queued");
            assert!(claim_next(&env).await.unwrap().is_none(), "claimed once");
            run(&env, &Clock::manual(2_000), &dir, &job).await.unwrap();
            let view = status(&env, "ada").await.unwrap();
            assert_eq!(view.exports[0].state, ExportState::Ready);
            assert_eq!(view.exports[0].progress, 100);

            let mail = te.next_mail(i64::MAX / 2).await.unwrap();
            let token = mail.text.split("token=").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
            assert!(matches!(download(&env, "bob", &token, &meta).await, Err(AppError::NotFound)));
            let d = download(&env, "ada", &token, &meta).await.unwrap();
            assert_eq!(d.format, ExportFormat::Json);
            // The file is in the database (no copy left on the worker's disk), read a piece at a time.
            assert_eq!(std::fs::read_dir(exports_dir(&dir)).unwrap().count(), 0);
            let mut bytes = Vec::new();
            for seq in 0..d.pieces() {
                let piece = piece(&t.db, &d, seq).await.unwrap().unwrap();
                assert!(piece.len() <= CHUNK);
                bytes.extend(piece);
            }
            assert_eq!(bytes.len() as i64, d.size);
            let doc: Value = serde_json::from_slice(&bytes).unwrap();
            // 450 sign-ins and the request: every entry, across pages of the log.
            assert_eq!(doc["security_log"].as_array().unwrap().len(), 451, "{:?}", t.backend);
            assert_eq!(doc["account"]["email"], "ada@e.test");
            let (left,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM data_export_chunks").fetch_one(&t.db).await.unwrap();
            assert_eq!(left, 0, "the last piece read, the file is gone");
            assert!(matches!(download(&env, "ada", &token, &meta).await, Err(AppError::InvalidLink)));
            let _ = std::fs::remove_dir_all(&dir);
            t.close().await;
        }
    }

    #[test]
    fn html_values_are_escaped_tables() {
        let v = json!({ "name": "<b>Ada</b>", "list": [{ "a": 1, "b": null }], "none": [] });
        let html = html_value(&v, "None");
        assert!(html.contains("&lt;b&gt;Ada&lt;/b&gt;") && !html.contains("<b>"));
        assert!(html.contains("<th>A</th><th>B</th>") && html.contains("<td>1</td><td></td>"));
        assert!(html.contains("<p class=\"none\">None</p>"));
        assert_eq!(label("last_seen_at"), "Last seen at");
    }
}
