//! Security → Recent activity, and `GET /api/v1/me/audit`: the account's own audit entries,
//! newest first, of one kind or all, a page at a time by cursor.

use i18n::k;
use platform::{audit, Env};

use wire::user_agent::describe_user_agent;
use wire::{
    activity::{
        Activity, ActivityKind, ActivityLine, ActivityPage, ServerActivityLine, ServerActivityPage, PAGE, PAGE_MAX,
    },
    error::AppError,
};

/// The position after an entry: its time and id (`<unix ms>.<id>`).
pub fn encode_cursor(created_at: i64, id: &str) -> String {
    format!("{created_at}.{id}")
}

/// None for anything [`encode_cursor`] did not make.
pub fn decode_cursor(s: &str) -> Option<(i64, String)> {
    let (at, id) = s.split_once('.')?;
    // As the API documents it: 1 to 15 digits, a dot, 32 lower-case hex digits.
    if at.is_empty() || at.len() > 15 || !at.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let at: i64 = at.parse().ok()?;
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| (at, id.to_owned()))
}

/// The query of a page: each part as the client sent it (None: the default; an empty value is
/// not one, as the API documents them).
#[derive(Debug, Default, Clone)]
pub struct Query<'a> {
    pub kind: Option<&'a str>,
    pub cursor: Option<&'a str>,
    pub limit: Option<i64>,
}

/// A query, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub kind: Option<ActivityKind>,
    /// The time and id of the entry the page starts after.
    pub before: Option<(i64, String)>,
    pub limit: i64,
}

/// Checks the query: an unknown kind, a cursor the server did not make, or a page size out of
/// range is an error on its field.
pub fn parse(q: &Query<'_>) -> Result<Parsed, AppError> {
    let mut p = wire::Problems::default();
    let kind = match q.kind {
        None => None,
        Some(k) => {
            let kind = ActivityKind::parse(k);
            if kind.is_none() {
                p.add("kind", k::error_activity_kind());
            }
            kind
        }
    };
    let cursor = match q.cursor {
        None => None,
        Some(c) => {
            let cursor = decode_cursor(c);
            if cursor.is_none() {
                p.add("cursor", k::error_page_gone());
            }
            cursor
        }
    };
    let limit = q.limit.unwrap_or(PAGE);
    if !(1..=PAGE_MAX).contains(&limit) {
        p.add("limit", k::error_page_size(PAGE_MAX));
    }
    p.into_result()?;
    Ok(Parsed { kind, before: cursor, limit })
}

/// The rows of a page of the log as `f` and the checked query narrow it, and the cursor of the
/// page after it.
async fn rows(
    env: &Env<'_>,
    mut f: audit::Filter<'_>,
    p: &Parsed,
) -> Result<(Vec<audit::AuditLine>, Option<String>), AppError> {
    f.events = p.kind.map_or(&[][..], ActivityKind::events);
    let before = p.before.as_ref().map(|(at, id)| (*at, id.as_str()));
    // One more than asked: whether there is a next page.
    let mut rows = audit::page(env.db, f, before, p.limit + 1).await?;
    let more = rows.len() as i64 > p.limit;
    rows.truncate(p.limit as usize);
    let next = more.then(|| rows.last().map(|r| encode_cursor(r.created_at, &r.id))).flatten();
    Ok((rows, next))
}

/// An entry as a line of a log.
fn line(r: &audit::AuditLine) -> ActivityLine {
    let (browser, os) = describe_user_agent(&r.user_agent);
    ActivityLine {
        id: r.id.clone(),
        event: r.event.clone(),
        kind: ActivityKind::of(&r.event),
        created_at: r.created_at,
        ip: r.ip.clone(),
        browser,
        os,
        // An administrator by username; the operator by command; a deleted account's pseudonym
        // as it is.
        by: r.actor_id.clone().map(|id| r.actor_name.clone().unwrap_or(id)),
    }
}

/// A page of the account's activity.
pub async fn page(env: &Env<'_>, user_id: &str, q: &Query<'_>) -> Result<ActivityPage, AppError> {
    let about = audit::Filter { account: Some(audit::Account::About(user_id)), ..Default::default() };
    let (rows, next) = rows(env, about, &parse(q)?).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let line = line(&r);
            let detail = serde_json::from_str(&r.detail).unwrap_or_else(|_| serde_json::json!({}));
            Activity { line, user_agent: r.user_agent, detail }
        })
        .collect();
    Ok(ActivityPage { items, next })
}

/// A page of the server-wide log (for administrators: `crate::admin::audit_log` checks). `search`
/// is an IP address, or an account's username or email address (its entries and what it did to
/// others); an account that does not exist matches nothing.
pub async fn server_page(env: &Env<'_>, search: &str, q: &Query<'_>) -> Result<ServerActivityPage, AppError> {
    let parsed = parse(q)?;
    let search = search.trim();
    // No username, address or IP is longer than an email address may be.
    if search.chars().count() > 254 {
        return Err(AppError::field("q", k::error_too_long(254)));
    }
    let found = match search.parse::<std::net::IpAddr>() {
        Err(_) if !search.is_empty() => {
            match crate::accounts::repo::find_by_identifier(env.db, &search.to_lowercase()).await? {
                Some(u) => Some(u),
                None => return Ok(ServerActivityPage::default()),
            }
        }
        _ => None,
    };
    let f = audit::Filter {
        account: found.as_ref().map(|u| audit::Account::Involving(&u.id)),
        ip: (found.is_none() && !search.is_empty()).then_some(search),
        ..Default::default()
    };
    let (rows, next) = rows(env, f, &parsed).await?;
    let items =
        rows.into_iter().map(|r| ServerActivityLine { line: line(&r), account: r.user_name.or(r.subject) }).collect();
    Ok(ServerActivityPage { items, next })
}

/// Every entry of the account (of one kind or all) as CSV, newest first: time (UTC, RFC 3339),
/// event, kind, IP address, browser, by. Read a page at a time.
pub async fn csv(env: &Env<'_>, user_id: &str, kind: Option<&str>) -> Result<String, AppError> {
    let mut out = String::from("time,event,kind,ip,user_agent,by\r\n");
    let mut pages = Pages::new(env, user_id, kind);
    while let Some(page) = pages.next().await? {
        for a in &page.items {
            let fields = [
                time_utc(a.line.created_at),
                a.line.event.clone(),
                a.line.kind.as_str().to_owned(),
                a.line.ip.clone(),
                a.user_agent.clone(),
                a.line.by.clone().unwrap_or_default(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    Ok(out)
}

/// Every entry of an account (of one kind or all), newest first, a page of [`PAGE_MAX`] at a
/// time: for what reads the whole log (the CSV, the My Data export) without holding it.
pub struct Pages<'a> {
    env: &'a Env<'a>,
    user_id: &'a str,
    kind: Option<&'a str>,
    /// Where the next page starts; `None` once the last was read.
    cursor: Option<Option<String>>,
}

impl<'a> Pages<'a> {
    pub fn new(env: &'a Env<'a>, user_id: &'a str, kind: Option<&'a str>) -> Self {
        Pages { env, user_id, kind, cursor: Some(None) }
    }

    /// The next page; `None` after the last.
    pub async fn next(&mut self) -> Result<Option<ActivityPage>, AppError> {
        let Some(cursor) = self.cursor.take() else { return Ok(None) };
        let q = Query { kind: self.kind, cursor: cursor.as_deref(), limit: Some(PAGE_MAX) };
        let page = page(self.env, self.user_id, &q).await?;
        self.cursor = page.next.clone().map(Some);
        Ok(Some(page))
    }
}

/// A CSV field (RFC 4180), safe to open in a spreadsheet: quoted when needed, and a value
/// starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so no cell is a formula.
pub fn csv_field(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{v}") } else { v.to_owned() };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

use wire::time::time_utc;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use platform::{
        audit::{AuditEvent, Entry},
        db::testing,
        request::ClientMeta,
    };

    #[test]
    fn cursors_are_decoded_only_as_encoded() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(decode_cursor(&encode_cursor(1_700_000_000_000, id)), Some((1_700_000_000_000, id.to_owned())));
        for bad in
            ["", "1", "x.0123456789abcdef0123456789abcdef", "-1.0123456789abcdef0123456789abcdef", "1.ABC", "1.0123"]
        {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_queries_name_their_field() {
        let e = parse(&Query { kind: Some("nope"), cursor: Some("junk"), limit: Some(0) }).unwrap_err();
        assert_eq!(e.field_msgs("kind"), vec![k::error_activity_kind()]);
        assert_eq!(e.field_msgs("cursor"), vec![k::error_page_gone()]);
        assert_eq!(e.field_msgs("limit"), vec![k::error_page_size(PAGE_MAX)]);
        let parsed = parse(&Query { kind: None, cursor: None, limit: None }).unwrap();
        assert_eq!(parsed, Parsed { kind: None, before: None, limit: PAGE });
        let empty = parse(&Query { kind: Some(""), cursor: Some(""), limit: None }).unwrap_err();
        assert_eq!(empty.field_msgs("kind"), vec![k::error_activity_kind()], "an empty value is not a kind");
        assert_eq!(empty.field_msgs("cursor"), vec![k::error_page_gone()]);
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Firefox 128"), "Firefox 128");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn times_are_utc_rfc_3339() {
        assert_eq!(time_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(time_utc(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(time_utc(1_796_652_189_999), "2026-12-07T14:03:09Z");
    }

    #[tokio::test]
    async fn the_server_wide_log_is_searched_by_account_or_address_and_paged_on_both_databases() {
        for t in testing::all().await {
            testing::insert_user(&t.db, "u1", "ada@example.com").await;
            testing::insert_user(&t.db, "u2", "bob@example.com").await;
            let te = TestEnv::new(&t.db);
            let (here, there) = (ClientMeta::new("192.0.2.1", "t"), ClientMeta::new("192.0.2.2", "t"));
            for i in 0..5 {
                let env = te.at(100 + i);
                env.audit("u1", None, AuditEvent::SignedIn, serde_json::json!({}), &here).await.unwrap();
                env.audit("u2", Some("u1"), AuditEvent::TwoFactorReset, serde_json::json!({}), &there).await.unwrap();
            }
            let env = te.at(1_000);
            let q = |limit| Query { kind: None, cursor: None, limit: Some(limit) };
            let all = server_page(&env, "", &q(200)).await.unwrap();
            assert_eq!(all.items.len(), 10, "{:?}", t.backend);
            assert!(all.items.windows(2).all(|w| w[0].line.created_at >= w[1].line.created_at));
            // Ada's entries and what she did to Bob; Bob's (by username or address, any case).
            assert_eq!(server_page(&env, "u1", &q(200)).await.unwrap().items.len(), 10);
            assert_eq!(server_page(&env, "BOB@example.com", &q(200)).await.unwrap().items.len(), 5);
            assert!(server_page(&env, "nobody", &q(200)).await.unwrap().items.is_empty());
            assert_eq!(server_page(&env, "192.0.2.2", &q(200)).await.unwrap().items.len(), 5);
            let kind = Query { kind: Some("sign_in"), cursor: None, limit: Some(200) };
            assert_eq!(server_page(&env, "", &kind).await.unwrap().items.len(), 5);
            // Three pages of four, four and two.
            let first = server_page(&env, "", &q(4)).await.unwrap();
            let c = first.next.unwrap();
            let second = server_page(&env, "", &Query { kind: None, cursor: Some(&c), limit: Some(4) }).await.unwrap();
            let c = second.next.unwrap();
            let third = server_page(&env, "", &Query { kind: None, cursor: Some(&c), limit: Some(4) }).await.unwrap();
            assert_eq!((second.items.len(), third.items.len(), third.next), (4, 2, None));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn pages_follow_the_cursor_and_the_kind_and_the_csv_holds_every_entry() {
        for t in testing::all().await {
            testing::insert_user(&t.db, "u1", "ada@example.com").await;
            let te = TestEnv::new(&t.db);
            let meta = ClientMeta::new("192.0.2.9", "=cmd|' /C calc'!A0");
            for i in 0..7 {
                let event = if i % 2 == 0 { AuditEvent::SignInFailed } else { AuditEvent::PasswordChanged };
                let e =
                    Entry { user_id: Some("u1"), actor_id: None, event, meta: &meta, detail: serde_json::json!({}) };
                platform::audit::record(&t.db, e, 1_000 + i).await.unwrap();
            }
            let env = te.at(10_000);
            let first = page(&env, "u1", &Query { limit: Some(3), ..Query::default() }).await.unwrap();
            assert_eq!(first.items.len(), 3);
            assert_eq!(first.items[0].line.created_at, 1_006, "newest first");
            let second =
                page(&env, "u1", &Query { cursor: first.next.as_deref(), limit: Some(3), ..Query::default() }).await;
            let second = second.unwrap();
            assert_eq!(second.items[0].line.created_at, 1_003);
            let third =
                page(&env, "u1", &Query { cursor: second.next.as_deref(), limit: Some(3), ..Query::default() }).await;
            let third = third.unwrap();
            assert_eq!(third.items.len(), 1);
            assert_eq!(third.next, None, "the last page says so");

            let failed = page(&env, "u1", &Query { kind: Some("sign_in"), ..Query::default() }).await.unwrap();
            assert_eq!(failed.items.len(), 4);
            assert!(failed
                .items
                .iter()
                .all(|a| a.line.event == "sign_in_failed" && a.line.kind == ActivityKind::SignIn));
            assert_eq!(page(&env, "other", &Query::default()).await.unwrap().items.len(), 0);

            let csv = csv(&env, "u1", Some("password")).await.unwrap();
            let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
            assert_eq!(lines[0], "time,event,kind,ip,user_agent,by");
            assert_eq!(lines.len(), 4, "{csv}");
            assert_eq!(lines[1], "1970-01-01T00:00:01Z,password_changed,password,192.0.2.9,'=cmd|' /C calc'!A0,");
            t.close().await;
        }
    }
}
