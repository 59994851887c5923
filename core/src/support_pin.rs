//! The Support PIN (seed 004, **Set Support PIN**): the account's owner sets it on the Security
//! page, and a support person checks the one a caller says on the phone (`crate::support`).
//!
//! The PIN is a short secret: 10,000 four-digit PINs are no work for anyone holding a hash. So
//! the hash is argon2id over the PIN's HMAC under the server key: a copy of the database alone
//! reveals nothing, and with the key each guess still costs an argon2id computation. Setting or
//! removing it takes a recent re-authentication; both are audited and mailed.

use i18n::k;
use platform::{audit::AuditEvent, request::ClientMeta, settings::Key, Env};
use serde_json::json;
use wire::{
    error::AppError,
    support::{parse_pin, PinSettings, PinState, PinVerdict, PIN_CEILING},
};

use crate::{
    accounts::UserRow,
    notices::{self, PinChange},
    reauth::{self, Recent},
};

/// Where the administrators' PIN settings are stored.
pub const SETTINGS: Key<PinSettings> = Key::new("support_pin");

/// The PIN rules in force.
pub async fn settings(env: &Env<'_>) -> Result<PinSettings, AppError> {
    Ok(env.setting(SETTINGS).await?.bounded())
}

/// The owner's view: when the PIN was set (never the PIN), and the rules.
pub async fn state(env: &Env<'_>, user: &UserRow) -> Result<PinState, AppError> {
    Ok(PinState { set_at: set_at(env, &user.id).await?, settings: settings(env).await? })
}

async fn set_at(env: &Env<'_>, user_id: &str) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT set_at FROM support_pins WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(env.db)
        .await?;
    Ok(row.map(|(at,)| at))
}

/// What is hashed: the PIN's HMAC under the server key, bound to the account.
fn keyed(env: &Env<'_>, user_id: &str, pin: &str) -> Result<String, AppError> {
    env.key.mac(&format!("gatehouse:support-pin:{user_id}"), pin.as_bytes()).map_err(|_| AppError::Internal)
}

/// **Set Support PIN**: checks the rules, stores the hash (replacing an older PIN), audits and
/// mails the owner.
pub async fn set(env: &Env<'_>, me: &Recent<'_>, typed: &str, meta: &ClientMeta) -> Result<PinState, AppError> {
    let user = me.user();
    let rules = settings(env).await?;
    let pin = parse_pin(typed, rules).map_err(|m| AppError::field("pin", m))?;
    reauth::spend_hashes(env, &user.id, meta, 1).await?;
    let hash = env.hasher.hash(&keyed(env, &user.id, pin.expose())?).await?;
    let replaced = set_at(env, &user.id).await?.is_some();
    sqlx::query(
        "INSERT INTO support_pins (user_id, pin_hash, set_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET pin_hash = excluded.pin_hash, set_at = excluded.set_at",
    )
    .bind(&user.id)
    .bind(&hash)
    .bind(env.now)
    .execute(env.db)
    .await?;
    env.audit(&user.id, None, AuditEvent::SupportPinSet, json!({ "replaced": replaced }), meta).await?;
    notify(env, user, if replaced { PinChange::Changed } else { PinChange::Set }, meta).await?;
    Ok(PinState { set_at: Some(env.now), settings: rules })
}

/// Removes the PIN (support can then no longer verify a caller by it).
pub async fn remove(env: &Env<'_>, me: &Recent<'_>, meta: &ClientMeta) -> Result<(), AppError> {
    let user = me.user();
    let gone = sqlx::query("DELETE FROM support_pins WHERE user_id = $1").bind(&user.id).execute(env.db).await?;
    if gone.rows_affected() == 0 {
        return Ok(());
    }
    env.audit(&user.id, None, AuditEvent::SupportPinRemoved, json!({}), meta).await?;
    notify(env, user, PinChange::Removed, meta).await
}

async fn notify(env: &Env<'_>, user: &UserRow, what: PinChange, meta: &ClientMeta) -> Result<(), AppError> {
    let lang = notices::language_of(env, &user.id).await?;
    let security = env.link("/account/security");
    let when = notices::Occasion::of(env.now, meta);
    env.mail(&notices::support_pin_changed(lang, &user.email, &user.name, &when, what, &security)).await
}

/// Whether `typed` is the PIN of `user_id` (for `crate::support`, which counts the attempt
/// first). What a caller says is compared as given: the rules for new PINs do not apply, but
/// anything that is not a run of digits of a PIN's length matches nothing and costs no hash.
pub(crate) async fn check(env: &Env<'_>, user_id: &str, typed: &str) -> Result<PinVerdict, AppError> {
    let said = typed.trim();
    if said.is_empty() {
        return Err(AppError::field("pin", k::error_pin_empty()));
    }
    let row: Option<(String,)> = sqlx::query_as("SELECT pin_hash FROM support_pins WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(env.db)
        .await?;
    let Some((hash,)) = row else { return Ok(PinVerdict::NoPinSet) };
    let plausible = said.len() <= usize::from(PIN_CEILING) && said.bytes().all(|b| b.is_ascii_digit());
    if plausible && env.hasher.verify(&keyed(env, user_id, said)?, Some(&hash)).await? {
        Ok(PinVerdict::Matches)
    } else {
        Ok(PinVerdict::DoesNotMatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{principal::Principal, sessions, testing::TestEnv};
    use platform::db::testing;

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.9", "unit")
    }

    #[tokio::test]
    async fn only_a_keyed_hash_is_stored_and_it_checks() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10_000);
            testing::insert_user(&t.db, "u1", "ada@example.com").await;
            let user = crate::accounts::repo::find_by_id(&t.db, "u1").await.unwrap().unwrap();
            let issued = sessions::start(&t.db, TestEnv::TIMEOUTS, "u1", &meta(), 10_000).await.unwrap();
            sessions::repo::mark_reauthenticated(&t.db, &issued.id, 10_000).await.unwrap();
            let me = Principal::session(user.clone(), issued.id.clone());
            let recent = reauth::recent(&env, &me).await.unwrap();

            assert_eq!(check(&env, "u1", "48261937").await.unwrap(), PinVerdict::NoPinSet);
            let refused = set(&env, &recent, "1234", &meta()).await.err().unwrap();
            assert_eq!(refused.field_msgs("pin"), vec![k::error_pin_trivial()]);
            let state = set(&env, &recent, "48261937", &meta()).await.unwrap();
            assert_eq!(state.set_at, Some(10_000));

            let (hash,): (String,) =
                sqlx::query_as("SELECT pin_hash FROM support_pins").fetch_one(&t.db).await.unwrap();
            assert!(hash.starts_with("$argon2id$") && !hash.contains("48261937"), "{hash}");
            // The hash is of the keyed PIN: the PIN itself does not verify against it.
            assert!(!env.hasher.verify("48261937", Some(&hash)).await.unwrap());

            assert_eq!(check(&env, "u1", " 48261937 ").await.unwrap(), PinVerdict::Matches);
            assert_eq!(check(&env, "u1", "48261938").await.unwrap(), PinVerdict::DoesNotMatch);
            assert_eq!(check(&env, "u1", "4826-1937").await.unwrap(), PinVerdict::DoesNotMatch);
            // Another account's key: the same PIN does not match there.
            assert_ne!(keyed(&env, "u1", "48261937").unwrap(), keyed(&env, "u2", "48261937").unwrap());

            // A new PIN replaces the old one; removing it leaves none.
            set(&te.at(11_000), &recent, "5519", &meta()).await.unwrap();
            assert_eq!(check(&env, "u1", "48261937").await.unwrap(), PinVerdict::DoesNotMatch);
            assert_eq!(check(&env, "u1", "5519").await.unwrap(), PinVerdict::Matches);
            remove(&te.at(12_000), &recent, &meta()).await.unwrap();
            assert_eq!(check(&env, "u1", "5519").await.unwrap(), PinVerdict::NoPinSet);
            assert_eq!(state_of(&env, &user).await, None);

            let events: Vec<String> =
                platform::audit::for_user(&t.db, "u1", 10).await.unwrap().into_iter().map(|r| r.event).collect();
            assert_eq!(events, vec!["support_pin_removed", "support_pin_set", "support_pin_set"], "{:?}", t.backend);
            // Three mails to the owner: set, changed, removed.
            let mut subjects = Vec::new();
            while let Some(m) = te.next_mail(20_000).await {
                assert_eq!(m.to, "ada@example.com");
                assert!(!m.text.contains("48261937") && !m.text.contains("5519"), "{}", m.text);
                subjects.push(m.subject);
            }
            assert_eq!(subjects.len(), 3, "{subjects:?}");
            t.close().await;
        }
    }

    async fn state_of(env: &Env<'_>, user: &UserRow) -> Option<i64> {
        state(env, user).await.unwrap().set_at
    }
}
