//! The devices an account has signed in from, so that a sign-in from a new one can be told to
//! its owner. A browser is known by its device cookie (a random id it keeps for 400 days, set
//! at its first sign-in); an API client, which keeps no cookie, by its user agent and address.
//! Only digests are stored: the table says nothing a stolen copy could replay.

use platform::{crypto::token_digest, db::Db, request::ClientMeta};

/// How long a browser keeps its device cookie (the longest browsers allow), in seconds.
pub const COOKIE_MAX_AGE_S: i64 = 400 * 24 * 3600;
/// A device not seen for this long is forgotten (housekeeping): its next sign-in is new again.
pub const FORGET_AFTER_MS: i64 = 400 * 24 * 3_600_000;
/// The most devices remembered per account; the least recently seen go first.
pub const MAX_PER_ACCOUNT: i64 = 100;

/// The device cookie's name (`__Host-` where cookies are Secure).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-gatehouse_device"
    } else {
        "gatehouse_device"
    }
}

/// The `Set-Cookie` value giving a browser its device id.
pub fn set_cookie(secure: bool, id: &str) -> String {
    platform::request::set_cookie(cookie_name(secure), id, Some(COOKIE_MAX_AGE_S), secure)
}

/// Whether `value` can be a device id this server made (43 characters of base64url, 256 bits):
/// anything else in the cookie is ignored, and the browser gets a new one.
pub fn is_device_id(value: &str) -> bool {
    value.len() == 43 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The digest that names the device of `meta` for one account.
fn digest(meta: &ClientMeta) -> String {
    match &meta.device {
        Some(d) => token_digest(&format!("browser\n{}", d.id)),
        None => token_digest(&format!("client\n{}\n{}", meta.user_agent, meta.ip)),
    }
}

/// What a sign-in from the device of `meta` is to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Signed in from it before.
    Known,
    /// A device it was not signed in from before.
    New,
    /// The account's first device (registration, or the first sign-in since devices were
    /// remembered): new, but nothing to warn about.
    First,
}

/// Records a sign-in from the device of `meta` at `now`. Safe on several instances at once:
/// the insert is the claim, so two sign-ins from one new device say `New` once.
pub async fn signed_in(db: &Db, user_id: &str, meta: &ClientMeta, now: i64) -> Result<Seen, sqlx::Error> {
    let hash = digest(meta);
    let touched = sqlx::query("UPDATE known_devices SET last_seen_at = $3 WHERE user_id = $1 AND device_hash = $2")
        .bind(user_id)
        .bind(&hash)
        .bind(now)
        .execute(db)
        .await?;
    if touched.rows_affected() > 0 {
        return Ok(Seen::Known);
    }
    let (others,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM known_devices WHERE user_id = $1").bind(user_id).fetch_one(db).await?;
    let inserted = sqlx::query(
        "INSERT INTO known_devices (user_id, device_hash, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (user_id, device_hash) DO NOTHING",
    )
    .bind(user_id)
    .bind(&hash)
    .bind(now)
    .execute(db)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(Seen::Known);
    }
    if others >= MAX_PER_ACCOUNT {
        sqlx::query(
            "DELETE FROM known_devices WHERE user_id = $1 AND device_hash IN (SELECT device_hash FROM known_devices \
             WHERE user_id = $1 ORDER BY last_seen_at, device_hash LIMIT $2)",
        )
        .bind(user_id)
        .bind(others + 1 - MAX_PER_ACCOUNT)
        .execute(db)
        .await?;
    }
    Ok(if others == 0 { Seen::First } else { Seen::New })
}

/// Forgets devices not seen since `before` (housekeeping).
pub async fn purge(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(PURGE).bind(before).execute(db).await?.rows_affected())
}

pub const PURGE: &str = "DELETE FROM known_devices WHERE last_seen_at < $1";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::repo;
    use platform::{db::testing, request::BrowserDevice};

    fn browser(id: &str) -> ClientMeta {
        let mut m = ClientMeta::new("192.0.2.1", "Mozilla/5.0 Firefox/140.0");
        m.device = Some(BrowserDevice { id: id.to_owned(), new: false });
        m
    }

    #[tokio::test]
    async fn the_first_device_is_no_news_a_second_one_is_and_each_only_once() {
        for t in testing::all().await {
            repo::insert(&t.db, &repo::test_row("u1", "ada", "ada@e.test")).await.unwrap();
            repo::insert(&t.db, &repo::test_row("u2", "bob", "bob@e.test")).await.unwrap();
            let (a, b) = (browser(&"a".repeat(43)), browser(&"b".repeat(43)));
            assert_eq!(signed_in(&t.db, "u1", &a, 1).await.unwrap(), Seen::First, "{:?}", t.backend);
            assert_eq!(signed_in(&t.db, "u1", &a, 2).await.unwrap(), Seen::Known);
            assert_eq!(signed_in(&t.db, "u1", &b, 3).await.unwrap(), Seen::New);
            assert_eq!(signed_in(&t.db, "u1", &b, 4).await.unwrap(), Seen::Known);
            // Known to one account is nothing to another.
            assert_eq!(signed_in(&t.db, "u2", &b, 5).await.unwrap(), Seen::First);
            // An API client: its user agent and address; another address is another client.
            let api = ClientMeta::new("192.0.2.1", "curl/8");
            assert_eq!(signed_in(&t.db, "u1", &api, 6).await.unwrap(), Seen::New);
            assert_eq!(signed_in(&t.db, "u1", &api, 7).await.unwrap(), Seen::Known);
            assert_eq!(signed_in(&t.db, "u1", &ClientMeta::new("192.0.2.2", "curl/8"), 8).await.unwrap(), Seen::New);
            // Nothing secret stored: not the cookie's value.
            let rows: Vec<(String,)> =
                sqlx::query_as("SELECT device_hash FROM known_devices").fetch_all(&t.db).await.unwrap();
            assert!(rows.iter().all(|(h,)| h.len() == 64 && !h.contains("aaaa")));
            // Forgotten after long unseen: new again.
            assert_eq!(purge(&t.db, 3).await.unwrap(), 1);
            assert_eq!(signed_in(&t.db, "u1", &a, 9).await.unwrap(), Seen::New);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn an_account_remembers_a_bounded_number_of_devices() {
        for t in testing::all().await {
            repo::insert(&t.db, &repo::test_row("u1", "ada", "ada@e.test")).await.unwrap();
            for i in 0..MAX_PER_ACCOUNT + 5 {
                signed_in(&t.db, "u1", &browser(&format!("{i:0>43}")), i).await.unwrap();
            }
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM known_devices").fetch_one(&t.db).await.unwrap();
            assert_eq!(n, MAX_PER_ACCOUNT, "{:?}", t.backend);
            // The least recently seen went first; the newest is still known.
            let newest = browser(&format!("{:0>43}", MAX_PER_ACCOUNT + 4));
            assert_eq!(signed_in(&t.db, "u1", &newest, 1000).await.unwrap(), Seen::Known);
            assert_eq!(signed_in(&t.db, "u1", &browser(&format!("{:0>43}", 0)), 1001).await.unwrap(), Seen::New);
            t.close().await;
        }
    }

    #[test]
    fn only_ids_this_server_could_make_are_taken() {
        assert!(is_device_id(&platform::crypto::random_token(32)));
        for bad in ["", "short", &"a".repeat(44), &format!("{};x", "a".repeat(41)), &"é".repeat(43)] {
            assert!(!is_device_id(bad), "{bad}");
        }
    }
}
