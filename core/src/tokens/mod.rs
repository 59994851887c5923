//! Personal access tokens: making (after the owner confirmed it is them), listing,
//! regenerating, deleting, and checking the token an API call presents (through a short
//! per-instance cache on the hot path).

use i18n::k;
use platform::{
    audit::AuditEvent,
    crypto::{new_id, random_token, token_digest},
    db::Db,
    request::ClientMeta,
    settings::Key,
    Env,
};
use serde_json::json;
use wire::{
    error::AppError,
    token::{Expiry, NewToken, TokenSettings, TokenView},
};

use crate::{
    accounts::{repo as users, UserRow},
    notices,
    principal::Principal,
    reauth::OwnerConfirmed,
};

/// Where the administrators' token settings are stored.
pub const SETTINGS: Key<TokenSettings> = Key::new("tokens");

/// Every token starts with this, so secret scanners and people can tell what it is.
pub const PREFIX: &str = "gat_";
/// `last_used_at` is written at most this often per token (and when the IP changes).
pub const TOUCH_EVERY_MS: i64 = 60_000;
const NAME_MAX: usize = 64;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub last_chars: String,
    pub ignore_two_factor: i64,
    pub read_only: i64,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub last_used_ip: Option<String>,
}

impl TokenRow {
    pub fn view(&self) -> TokenView {
        TokenView {
            id: self.id.clone(),
            name: self.name.clone(),
            created_at: self.created_at,
            last_used_at: self.last_used_at,
            last_used_ip: self.last_used_ip.clone(),
            expires_at: self.expires_at,
            ignore_two_factor: self.ignore_two_factor != 0,
            read_only: self.read_only != 0,
            last_chars: self.last_chars.clone(),
        }
    }

    pub fn is_live(&self, now: i64) -> bool {
        self.expires_at.is_none_or(|at| now < at)
    }
}

const COLUMNS: &str = "id, user_id, name, last_chars, ignore_two_factor, read_only, created_at, expires_at, \
                       last_used_at, last_used_ip";

pub async fn settings(env: &Env<'_>) -> Result<TokenSettings, AppError> {
    env.setting(SETTINGS).await
}

pub struct CreateInput<'a> {
    pub name: &'a str,
    pub ignore_two_factor: bool,
    pub read_only: bool,
    pub expiry: Expiry,
}

pub fn parse_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", k::error_token_name_empty()));
    }
    if name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        return Err(AppError::field("name", k::error_token_name_invalid(NAME_MAX)));
    }
    Ok(name.to_owned())
}

/// When a token made now with `expiry` ends, within the administrators' limit.
fn expires_at(expiry: Expiry, s: &TokenSettings, now: i64) -> Result<Option<i64>, AppError> {
    let too_long = || AppError::field("expires", k::error_token_expiry_too_long(s.max_days));
    match expiry {
        Expiry::Never if s.max_days > 0 => Err(too_long()),
        Expiry::Never => Ok(None),
        Expiry::Days(d) if s.max_days > 0 && d > s.max_days => Err(too_long()),
        Expiry::Days(d) => Ok(Some(now + i64::from(d) * 86_400_000)),
    }
}

fn new_secret() -> (String, String, String) {
    let token = format!("{PREFIX}{}", random_token(32));
    let last: String = token.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    let hash = token_digest(&token);
    (token, hash, last)
}

/// Makes a token for the owner who confirmed it is them. Names are unique per account.
pub async fn create(
    deps: &Env<'_>,
    owner: &OwnerConfirmed<'_>,
    input: CreateInput<'_>,
    meta: &ClientMeta,
) -> Result<NewToken, AppError> {
    let me = owner.principal();
    let name = parse_name(input.name)?;
    let expires_at = expires_at(input.expiry, &settings(deps).await?, deps.now)?;
    let (token, hash, last_chars) = new_secret();
    let row = TokenRow {
        id: new_id(),
        user_id: me.user.id.clone(),
        name,
        last_chars,
        ignore_two_factor: i64::from(input.ignore_two_factor),
        read_only: i64::from(input.read_only),
        created_at: deps.now,
        expires_at,
        last_used_at: None,
        last_used_ip: None,
    };
    let inserted = sqlx::query(
        "INSERT INTO personal_access_tokens (id, user_id, name, token_hash, last_chars, ignore_two_factor, read_only, \
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&row.id)
    .bind(&row.user_id)
    .bind(&row.name)
    .bind(&hash)
    .bind(&row.last_chars)
    .bind(row.ignore_two_factor)
    .bind(row.read_only)
    .bind(row.created_at)
    .bind(row.expires_at)
    .execute(deps.db)
    .await;
    if let Err(e) = inserted {
        return Err(if users::is_unique_violation(&e) {
            AppError::conflict("name", k::error_token_name_taken())
        } else {
            e.into()
        });
    }
    let detail = json!({
        "token_id": row.id, "name": row.name, "ignore_two_factor": input.ignore_two_factor,
        "read_only": input.read_only, "expires_at": row.expires_at,
    });
    deps.audit(&me.user.id, None, AuditEvent::TokenCreated, detail, meta).await?;
    // A token is a credential: its owner hears of each new one (as of a new password).
    let lang = notices::language_of(deps, &me.user.id).await?;
    let when = notices::Occasion::of(deps.now, meta);
    let mail = notices::token_created(
        lang,
        &me.user.email,
        &me.user.name,
        &when,
        &row.name,
        input.ignore_two_factor,
        &deps.link("/account/tokens"),
    );
    deps.mail(&mail).await?;
    Ok(NewToken { user_id: me.user.id.clone(), token, view: row.view() })
}

pub async fn list(db: &Db, user_id: &str) -> Result<Vec<TokenView>, AppError> {
    let rows: Vec<TokenRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM personal_access_tokens WHERE user_id = $1 ORDER BY created_at DESC, id"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(TokenRow::view).collect())
}

async fn owned(db: &Db, user_id: &str, id: &str) -> Result<TokenRow, AppError> {
    let row: Option<TokenRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM personal_access_tokens WHERE id = $1 AND user_id = $2"))
            .bind(id)
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    row.ok_or(AppError::NotFound)
}

/// Deletes one of the account's tokens; another account's token is `NotFound`.
pub async fn delete(deps: &Env<'_>, user: &UserRow, id: &str, meta: &ClientMeta) -> Result<(), AppError> {
    let row = owned(deps.db, &user.id, id).await?;
    sqlx::query("DELETE FROM personal_access_tokens WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(&user.id)
        .execute(deps.db)
        .await?;
    deps.audit(&user.id, None, AuditEvent::TokenDeleted, json!({ "token_id": row.id, "name": row.name }), meta).await
}

/// Deletes every token of the account (after a password change the owner asked for it; after
/// a reset, always). Returns how many there were; one audit entry says so.
pub async fn delete_all(deps: &Env<'_>, user_id: &str, why: &str, meta: &ClientMeta) -> Result<u64, AppError> {
    let done =
        sqlx::query("DELETE FROM personal_access_tokens WHERE user_id = $1").bind(user_id).execute(deps.db).await?;
    let n = done.rows_affected();
    if n > 0 {
        deps.audit(user_id, None, AuditEvent::TokenDeleted, json!({ "all": n, "why": why }), meta).await?;
    }
    Ok(n)
}

/// How many tokens the account has that still work.
pub async fn count_live(db: &Db, user_id: &str, now: i64) -> Result<u32, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM personal_access_tokens WHERE user_id = $1 AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(user_id)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A new value for one of the account's tokens, for the owner who confirmed it is them: the old
/// one stops working at once.
pub async fn regenerate(
    deps: &Env<'_>,
    owner: &OwnerConfirmed<'_>,
    id: &str,
    meta: &ClientMeta,
) -> Result<NewToken, AppError> {
    let me = owner.principal();
    let row = owned(deps.db, &me.user.id, id).await?;
    if !row.is_live(deps.now) {
        return Err(AppError::conflict("id", k::error_token_expired()));
    }
    let (token, hash, last_chars) = new_secret();
    let done = sqlx::query(
        "UPDATE personal_access_tokens SET token_hash = $3, last_chars = $4, last_used_at = NULL, last_used_ip = NULL \
         WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(&me.user.id)
    .bind(&hash)
    .bind(&last_chars)
    .execute(deps.db)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    deps.audit(&me.user.id, None, AuditEvent::TokenRegenerated, json!({ "token_id": row.id, "name": row.name }), meta)
        .await?;
    let row = TokenRow { last_chars, last_used_at: None, last_used_ip: None, ..row };
    Ok(NewToken { user_id: me.user.id.clone(), token, view: row.view() })
}

/// The caller a live token stands for.
pub fn principal(row: TokenRow, user: UserRow) -> Principal {
    let via = crate::principal::Via::Token {
        id: row.id,
        read_only: row.read_only != 0,
        ignore_two_factor: row.ignore_two_factor != 0,
    };
    Principal { user, via }
}

/// The live token and its active account for a presented value, or None. Notes the use (at
/// most once a minute per token, or when the IP changes).
pub async fn authenticate(db: &Db, token: &str, ip: &str, now: i64) -> Result<Option<(TokenRow, UserRow)>, AppError> {
    if !token.starts_with(PREFIX) || token.len() > 128 {
        return Ok(None);
    }
    authenticate_digest(db, &token_digest(token), ip, now).await
}

/// Tokens this instance checked in the last `ttl_ms`, for the API's hot path: a call with a
/// recently seen token reads no row. Deleting or regenerating a token forgets it here at once;
/// another instance may accept it for at most `ttl_ms` more (its expiry is checked every time).
pub struct TokenCache {
    ttl_ms: i64,
    /// Bumped by every `forget_user`: a lookup that began before a forget stores nothing.
    generation: std::sync::atomic::AtomicU64,
    entries: std::sync::Mutex<std::collections::HashMap<String, (TokenRow, UserRow, i64)>>,
}

/// Entries kept before the cache starts over.
const CACHED_TOKENS: usize = 10_000;

impl TokenCache {
    pub fn new(ttl_ms: i64) -> Self {
        TokenCache {
            ttl_ms,
            generation: std::sync::atomic::AtomicU64::new(0),
            entries: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// Forgets every token of the account (after a delete or a regenerate).
    pub fn forget_user(&self, user_id: &str) {
        if let Ok(mut e) = self.entries.lock() {
            self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            e.retain(|_, (row, _, _)| row.user_id != user_id);
        }
    }

    fn get(&self, digest: &str, ip: &str, now: i64) -> Option<(TokenRow, UserRow)> {
        let e = self.entries.lock().ok()?;
        let (row, user, at) = e.get(digest)?;
        let fresh = now - at < self.ttl_ms && row.is_live(now) && row.last_used_ip.as_deref() == Some(ip);
        fresh.then(|| (row.clone(), user.clone()))
    }

    fn put(&self, digest: String, found: Option<&(TokenRow, UserRow)>, began: u64, now: i64) {
        if let Ok(mut e) = self.entries.lock() {
            if self.generation.load(std::sync::atomic::Ordering::SeqCst) != began {
                return;
            }
            match found {
                Some((row, user)) => {
                    if e.len() >= CACHED_TOKENS {
                        e.clear();
                    }
                    e.insert(digest, (row.clone(), user.clone(), now));
                }
                None => {
                    e.remove(&digest);
                }
            }
        }
    }
}

/// `authenticate` through this instance's cache.
pub async fn authenticate_cached(
    db: &Db,
    cache: &TokenCache,
    token: &str,
    ip: &str,
    now: i64,
) -> Result<Option<(TokenRow, UserRow)>, AppError> {
    if !token.starts_with(PREFIX) || token.len() > 128 {
        return Ok(None);
    }
    let digest = token_digest(token);
    if let Some(hit) = cache.get(&digest, ip, now) {
        return Ok(Some(hit));
    }
    let began = cache.generation.load(std::sync::atomic::Ordering::SeqCst);
    let found = authenticate_digest(db, &digest, ip, now).await?;
    cache.put(digest, found.as_ref(), began, now);
    Ok(found)
}

/// The hot query of every token-authenticated call (its plan is checked in `crate::plans`).
pub(crate) const BY_HASH: &str = "FROM personal_access_tokens WHERE token_hash = $1";

async fn authenticate_digest(
    db: &Db,
    digest: &str,
    ip: &str,
    now: i64,
) -> Result<Option<(TokenRow, UserRow)>, AppError> {
    let row: Option<TokenRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} {BY_HASH}")).bind(digest).fetch_optional(db).await?;
    let Some(row) = row.filter(|r| r.is_live(now)) else { return Ok(None) };
    let Some(user) = users::find_by_id(db, &row.user_id).await?.filter(UserRow::is_active) else {
        return Ok(None);
    };
    let stale = row.last_used_at.is_none_or(|at| now - at >= TOUCH_EVERY_MS);
    if stale || row.last_used_ip.as_deref() != Some(ip) {
        sqlx::query("UPDATE personal_access_tokens SET last_used_at = $2, last_used_ip = $3 WHERE id = $1")
            .bind(&row.id)
            .bind(now)
            .bind(ip)
            .execute(db)
            .await?;
        let row = TokenRow { last_used_at: Some(now), last_used_ip: Some(ip.to_owned()), ..row };
        return Ok(Some((row, user)));
    }
    Ok(Some((row, user)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{accounts::RegisterInput, auth::register, reauth, testing::TestEnv};
    use platform::db::testing;
    use wire::password::PasswordPolicy;

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.4", "unit")
    }

    fn input(name: &str, expiry: Expiry) -> CreateInput<'_> {
        CreateInput { name, ignore_two_factor: false, read_only: true, expiry }
    }

    #[tokio::test]
    async fn tokens_are_stored_hashed_named_uniquely_expire_and_stop_when_deleted_or_regenerated() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let reg =
                RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "first passphrase" };
            let (user, session) =
                register(&deps, TestEnv::TIMEOUTS, reg, &PasswordPolicy::default(), &meta()).await.unwrap();
            let principal = Principal::session(user.clone(), session.id);
            let me = reauth::confirm_owner(&deps, &principal, "first passphrase", None, &meta()).await.unwrap();

            let made = create(&deps, &me, input("ci", Expiry::Days(7)), &meta()).await.unwrap();
            assert!(made.token.starts_with(PREFIX) && made.token.len() == PREFIX.len() + 43, "256 bits");
            assert!(made.token.ends_with(&made.view.last_chars) && made.view.last_chars.len() == 6);
            assert!(!format!("{made:?}").contains(&made.token), "Debug hides the token");
            let stored: Vec<(String,)> =
                sqlx::query_as("SELECT token_hash FROM personal_access_tokens").fetch_all(&t.db).await.unwrap();
            assert!(stored.iter().all(|(h,)| !h.contains(&made.token[PREFIX.len()..])));

            let dup = create(&deps, &me, input(" ci ", Expiry::Never), &meta()).await.unwrap_err();
            assert_eq!(dup.field_msgs("name"), vec![k::error_token_name_taken()]);
            assert_eq!(dup.to_string(), "You already have a token with this name.");
            let unnamed = create(&deps, &me, input("", Expiry::Never), &meta()).await.unwrap_err();
            assert_eq!(unnamed.field_msgs("name"), vec![k::error_token_name_empty()]);

            let (row, u) = authenticate(&t.db, &made.token, "192.0.2.4", 2_000).await.unwrap().unwrap();
            assert_eq!((row.name.as_str(), u.id.as_str(), row.read_only), ("ci", user.id.as_str(), 1));
            assert_eq!(list(&t.db, &user.id).await.unwrap()[0].last_used_at, Some(2_000));
            let week = 1_000 + 7 * 86_400_000;
            assert!(authenticate(&t.db, &made.token, "x", week).await.unwrap().is_none(), "{:?}: expired", t.backend);
            assert!(authenticate(&t.db, "gat_nope", "x", 2_000).await.unwrap().is_none());

            // Regenerate: the old value stops at once; delete: the new one too.
            let again = regenerate(&deps, &me, &made.view.id, &meta()).await.unwrap();
            assert!(authenticate(&t.db, &made.token, "x", 3_000).await.unwrap().is_none());
            assert!(authenticate(&t.db, &again.token, "x", 3_000).await.unwrap().is_some());
            delete(&deps, &user, &made.view.id, &meta()).await.unwrap();
            assert!(authenticate(&t.db, &again.token, "x", 3_000).await.unwrap().is_none());
            assert_eq!(delete(&deps, &user, &made.view.id, &meta()).await, Err(AppError::NotFound));

            // Through the cache: a second call reads no row (the token row is gone, yet the
            // cached entry answers until forgotten), and forgetting the account makes it ask again.
            let cache = TokenCache::new(60_000);
            let cached = create(&deps, &me, input("cached", Expiry::Never), &meta()).await.unwrap();
            assert!(authenticate_cached(&t.db, &cache, &cached.token, "x", 4_000).await.unwrap().is_some());
            sqlx::query("DELETE FROM personal_access_tokens WHERE name = 'cached'").execute(&t.db).await.unwrap();
            assert!(authenticate_cached(&t.db, &cache, &cached.token, "x", 4_001).await.unwrap().is_some());
            assert!(
                authenticate_cached(&t.db, &cache, &cached.token, "y", 4_001).await.unwrap().is_none(),
                "a new IP reads the row"
            );
            cache.forget_user(&user.id);
            assert!(authenticate_cached(&t.db, &cache, &cached.token, "x", 4_002).await.unwrap().is_none());

            // A disabled account's tokens are refused.
            let other = create(&deps, &me, input("other", Expiry::Never), &meta()).await.unwrap();
            sqlx::query("UPDATE users SET disabled_at = 1").execute(&t.db).await.unwrap();
            assert!(authenticate(&t.db, &other.token, "x", 3_000).await.unwrap().is_none());

            // The administrators' limit.
            deps.put_setting(SETTINGS, &TokenSettings { max_days: 30 }).await.unwrap();
            let long = create(&deps, &me, input("long", Expiry::Days(90)), &meta()).await.unwrap_err();
            assert_eq!(long.field_msgs("expires"), vec![k::error_token_expiry_too_long(30)]);
            assert_eq!(long.to_string(), "Tokens may live at most 30 days here.");
            assert!(create(&deps, &me, input("forever", Expiry::Never), &meta()).await.is_err());
            t.close().await;
        }
    }
}
