//! End-to-end encryption keys (seeds 001 and 003, "E2E Encryption"; issue 16).
//!
//! The key pair is made, unlocked and re-wrapped in the browser (`wire::e2e` says how); this
//! service keeps what the browser may hand over: the public key, the private key wrapped under
//! the encryption password, the KDF's parameters and a version. It checks the format and the
//! parameters' strength, never sees the password or the private key, and cannot decrypt
//! anything it stores.
//!
//! - **A new key** is stored once (`expected_version` 0); a second device racing to make one
//!   gets 409 and unlocks the first instead.
//! - **Change Encryption Password**: the same key wrapped anew replaces the stored wrapping only
//!   if `expected_version` is the stored version (409 otherwise), so two devices cannot
//!   overwrite each other silently. Browsers that remembered the key forget it: every device
//!   asks for the new password.
//! - **Reset E2E Key** removes the key, the note and the remembered devices, and ends every
//!   session of the account; the next sign-in makes a new pair.

use platform::{audit::AuditEvent, request::ClientMeta, settings::Key, Env};
use serde_json::json;
use sha2::{Digest, Sha256};
use wire::{
    e2e::{
        fingerprint_text, parse_public_key, E2eKeyView, E2eSettings, E2eState, KeyUpload, PublicKeyView,
        RememberedDevice, SealedNote, WrappedKey, KEY_ALGORITHM,
    },
    error::AppError,
};

use crate::{
    accounts::UserRow,
    notices::{self, E2eChange},
    principal::Principal,
    reauth::{Recent, SecondFactor},
    sessions,
};

/// Where the administrators' switch is stored.
pub const SETTINGS: Key<E2eSettings> = Key::new("e2e");

/// The most browsers one account keeps the key remembered on; the oldest goes first.
pub const MAX_DEVICES: i64 = 20;

pub async fn settings(env: &Env<'_>) -> Result<E2eSettings, AppError> {
    env.setting(SETTINGS).await
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    public_key: String,
    fingerprint: String,
    kdf: String,
    iterations: i64,
    salt: String,
    cipher: String,
    iv: String,
    ciphertext: String,
    version: i64,
    created_at: i64,
    updated_at: i64,
}

impl From<KeyRow> for E2eKeyView {
    fn from(r: KeyRow) -> Self {
        E2eKeyView {
            algorithm: KEY_ALGORITHM.into(),
            public_key: r.public_key,
            wrapped: WrappedKey {
                kdf: r.kdf,
                iterations: u32::try_from(r.iterations).unwrap_or(0),
                salt: r.salt,
                cipher: r.cipher,
                iv: r.iv,
                ciphertext: r.ciphertext,
            },
            version: r.version,
            fingerprint: r.fingerprint,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The account's key (public key, wrapped private key, version), if it has one.
pub async fn key(env: &Env<'_>, user_id: &str) -> Result<Option<E2eKeyView>, AppError> {
    let row: Option<KeyRow> = sqlx::query_as(
        "SELECT public_key, fingerprint, kdf, iterations, salt, cipher, iv, ciphertext, version, created_at, \
         updated_at FROM e2e_keys WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(env.db)
    .await?;
    Ok(row.map(E2eKeyView::from))
}

/// The Security page's section: the switch, the key, the remembered browsers and the note.
pub async fn state(env: &Env<'_>, user: &UserRow) -> Result<E2eState, AppError> {
    let enabled = settings(env).await?.enabled;
    let key = key(env, &user.id).await?;
    let devices: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, browser, os, created_at FROM e2e_devices WHERE user_id = $1 ORDER BY created_at DESC, id",
    )
    .bind(&user.id)
    .fetch_all(env.db)
    .await?;
    let devices =
        devices.into_iter().map(|(id, browser, os, created_at)| RememberedDevice { id, browser, os, created_at });
    let note: Option<(String, String, String, i64)> =
        sqlx::query_as("SELECT sealed_key, iv, ciphertext, updated_at FROM e2e_notes WHERE user_id = $1")
            .bind(&user.id)
            .fetch_optional(env.db)
            .await?;
    let note_updated_at = note.as_ref().map(|n| n.3);
    Ok(E2eState {
        enabled,
        key,
        devices: devices.collect(),
        note: note.map(|(key, iv, ciphertext, _)| SealedNote { key, iv, ciphertext }),
        note_updated_at,
    })
}

/// A public key for others to encrypt to: any signed-in caller may ask for anyone's.
pub async fn public_key(env: &Env<'_>, user_id: &str) -> Result<PublicKeyView, AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT public_key, fingerprint FROM e2e_keys WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(env.db)
            .await?;
    let (public_key, fingerprint) = row.ok_or(AppError::NotFound)?;
    Ok(PublicKeyView { user_id: user_id.to_owned(), algorithm: KEY_ALGORITHM.into(), public_key, fingerprint })
}

/// SHA-256 of the SubjectPublicKeyInfo, grouped for people to compare.
pub fn fingerprint(spki: &[u8]) -> String {
    fingerprint_text(&Sha256::digest(spki))
}

/// Stores a new key (`expected_version` 0) or a new wrapping of the stored one. The format
/// and the KDF's strength are checked; a stale version is 409 on `expected_version`.
pub async fn upload(env: &Env<'_>, me: &Principal, up: &KeyUpload, meta: &ClientMeta) -> Result<E2eKeyView, AppError> {
    me.require_write()?;
    let user = &me.user;
    let parts = up.wrapped.parts().map_err(|m| AppError::field("wrapped", m))?;
    let w = &up.wrapped;
    if up.expected_version == 0 {
        // Switched off, no new key is stored (a stored one can still be wrapped anew or reset).
        if !settings(env).await?.enabled {
            return Err(AppError::conflict("wrapped", i18n::k::error_e2e_disabled()));
        }
        let spki = match up.public_key.as_deref() {
            Some(k) => parse_public_key(k).map_err(|m| AppError::field("public_key", m))?,
            None => return Err(AppError::field("public_key", i18n::k::error_e2e_public_key())),
        };
        let made = sqlx::query(
            "INSERT INTO e2e_keys (user_id, public_key, fingerprint, kdf, iterations, salt, cipher, iv, ciphertext, \
             version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) \
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(&user.id)
        .bind(up.public_key.as_deref().unwrap_or_default())
        .bind(fingerprint(&spki))
        .bind(&w.kdf)
        .bind(i64::from(parts.iterations))
        .bind(&w.salt)
        .bind(&w.cipher)
        .bind(&w.iv)
        .bind(&w.ciphertext)
        .bind(env.now)
        .execute(env.db)
        .await?;
        if made.rows_affected() == 0 {
            return Err(AppError::conflict("expected_version", i18n::k::error_e2e_version_stale()));
        }
        let detail = json!({ "kdf": w.kdf, "iterations": parts.iterations });
        env.audit(&user.id, None, AuditEvent::E2eKeyCreated, detail, meta).await?;
    } else {
        let stored = key(env, &user.id).await?.ok_or(AppError::NotFound)?;
        // The client names the key it wrapped: a wrapping of any other key (one held from
        // before a reset, say) is refused.
        if up.public_key.as_deref() != Some(stored.public_key.as_str()) {
            return Err(AppError::field("public_key", i18n::k::error_e2e_public_key_fixed()));
        }
        let mut tx = env.db.begin().await?;
        let done = sqlx::query(
            "UPDATE e2e_keys SET kdf = $3, iterations = $4, salt = $5, cipher = $6, iv = $7, ciphertext = $8, \
             version = version + 1, updated_at = $9 WHERE user_id = $1 AND version = $2",
        )
        .bind(&user.id)
        .bind(up.expected_version)
        .bind(&w.kdf)
        .bind(i64::from(parts.iterations))
        .bind(&w.salt)
        .bind(&w.cipher)
        .bind(&w.iv)
        .bind(&w.ciphertext)
        .bind(env.now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(AppError::conflict("expected_version", i18n::k::error_e2e_version_stale()));
        }
        // A browser that kept the key unlocked asks for the new password too.
        let forgot = sqlx::query("DELETE FROM e2e_devices WHERE user_id = $1").bind(&user.id).execute(&mut *tx).await?;
        tx.commit().await?;
        let detail =
            json!({ "version": up.expected_version + 1, "remembered_devices_forgotten": forgot.rows_affected() });
        env.audit(&user.id, None, AuditEvent::E2ePasswordChanged, detail, meta).await?;
        notify(env, user, E2eChange::PasswordChanged, meta).await?;
    }
    key(env, &user.id).await?.ok_or(AppError::Internal)
}

/// **Reset E2E Key** from the Security page, after this session's recent re-authentication.
pub async fn reset_recent(env: &Env<'_>, me: &Recent<'_>, meta: &ClientMeta) -> Result<bool, AppError> {
    reset(env, me.principal(), meta).await
}

/// **Reset E2E Key** through the API, after the call's second factor.
pub async fn reset_with_factor(env: &Env<'_>, me: &SecondFactor<'_>, meta: &ClientMeta) -> Result<bool, AppError> {
    reset(env, me.principal(), meta).await
}

/// Removes the key, the note and the remembered browsers, and ends every session of the
/// account (this one too). Whether there was a key.
async fn reset(env: &Env<'_>, me: &Principal, meta: &ClientMeta) -> Result<bool, AppError> {
    me.require_write()?;
    let user = &me.user;
    let mut tx = env.db.begin().await?;
    let gone = sqlx::query("DELETE FROM e2e_keys WHERE user_id = $1").bind(&user.id).execute(&mut *tx).await?;
    for table in ["e2e_notes", "e2e_devices"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1")).bind(&user.id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let had_key = gone.rows_affected() > 0;
    let ended: u64 = sessions::repo::delete_all(env.db, &user.id).await?;
    env.audit(&user.id, None, AuditEvent::E2eKeyReset, json!({ "had_key": had_key, "sessions_ended": ended }), meta)
        .await?;
    notify(env, user, E2eChange::Reset, meta).await?;
    Ok(had_key)
}

async fn notify(env: &Env<'_>, user: &UserRow, what: E2eChange, meta: &ClientMeta) -> Result<(), AppError> {
    let lang = notices::language_of(env, &user.id).await?;
    let when = notices::Occasion::of(env.now, meta);
    env.mail(&notices::e2e_changed(lang, &user.email, &user.name, &when, what, &env.link("/account/security"))).await
}

/// Saves the "Encrypted note to yourself": ciphertext sealed to the account's public key.
pub async fn save_note(env: &Env<'_>, me: &Principal, note: &SealedNote) -> Result<i64, AppError> {
    me.require_write()?;
    note.parts().map_err(|m| AppError::field("note", m))?;
    if key(env, &me.user.id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    sqlx::query(
        "INSERT INTO e2e_notes (user_id, sealed_key, iv, ciphertext, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id) DO UPDATE SET sealed_key = excluded.sealed_key, iv = excluded.iv, \
         ciphertext = excluded.ciphertext, updated_at = excluded.updated_at",
    )
    .bind(&me.user.id)
    .bind(&note.key)
    .bind(&note.iv)
    .bind(&note.ciphertext)
    .bind(env.now)
    .execute(env.db)
    .await?;
    Ok(env.now)
}

/// Records that this browser keeps the unlocked key of the current wrapping (`version`): listed
/// on the Security page, and forgotten there. A stale version is 409.
pub async fn remember_device(
    env: &Env<'_>,
    me: &Principal,
    version: i64,
    meta: &ClientMeta,
) -> Result<RememberedDevice, AppError> {
    me.require_write()?;
    let user = &me.user;
    let (browser, os) = wire::user_agent::describe_user_agent(&meta.user_agent);
    let device = RememberedDevice { id: platform::crypto::new_id(), browser, os, created_at: env.now };
    // One statement: a new wrapping committed in between (which forgets every device) cannot
    // leave this one listed for a version that is gone.
    let added = sqlx::query(
        "INSERT INTO e2e_devices (id, user_id, browser, os, created_at) SELECT $1, $2, $3, $4, $5 \
         WHERE EXISTS (SELECT 1 FROM e2e_keys WHERE user_id = $2 AND version = $6)",
    )
    .bind(&device.id)
    .bind(&user.id)
    .bind(&device.browser)
    .bind(&device.os)
    .bind(env.now)
    .bind(version)
    .execute(env.db)
    .await?;
    if added.rows_affected() == 0 {
        return match key(env, &user.id).await? {
            None => Err(AppError::NotFound),
            Some(_) => Err(AppError::conflict("expected_version", i18n::k::error_e2e_version_stale())),
        };
    }
    sqlx::query(
        "DELETE FROM e2e_devices WHERE user_id = $1 AND id NOT IN (SELECT id FROM e2e_devices WHERE user_id = $1 \
         ORDER BY created_at DESC, id LIMIT $2)",
    )
    .bind(&user.id)
    .bind(MAX_DEVICES)
    .execute(env.db)
    .await?;
    let detail = json!({ "browser": device.browser, "os": device.os });
    env.audit(&user.id, None, AuditEvent::E2eDeviceRemembered, detail, meta).await?;
    Ok(device)
}

/// Forgets one remembered browser of the account (that browser drops its copy when it next
/// opens a page). Another account's id, or an unknown one, is 404.
pub async fn forget_device(env: &Env<'_>, me: &Principal, id: &str, meta: &ClientMeta) -> Result<(), AppError> {
    me.require_write()?;
    let gone = sqlx::query("DELETE FROM e2e_devices WHERE user_id = $1 AND id = $2")
        .bind(&me.user.id)
        .bind(id)
        .execute(env.db)
        .await?;
    if gone.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    env.audit(&me.user.id, None, AuditEvent::E2eDeviceForgotten, json!({ "device": id }), meta).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sessions, testing::TestEnv};
    use base64::{engine::general_purpose::STANDARD as B64, Engine as _};
    use platform::db::testing;
    use wire::e2e::{ITERATIONS, IV_LEN, SALT_LEN};

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.9", "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0")
    }

    /// An RSA-2048 SPKI's shape (the server reads its algorithm only).
    fn spki(fill: u8) -> String {
        let mut der =
            vec![0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
        der.extend_from_slice(&[0x01, 0x05, 0x00, 0x03, 0x82, 0x01, 0x0f, 0x00]);
        der.resize(294, fill);
        B64.encode(der)
    }

    fn wrapped(fill: u8) -> WrappedKey {
        WrappedKey::new(ITERATIONS, &[fill; SALT_LEN], &[fill; IV_LEN], &[fill; 1234])
    }

    #[tokio::test]
    async fn keys_are_made_once_rewrapped_by_version_and_reset_with_every_session() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10_000);
            testing::insert_user(&t.db, "u1", "ada@example.com").await;
            let user = crate::accounts::repo::find_by_id(&t.db, "u1").await.unwrap().unwrap();
            let here = sessions::start(&t.db, TestEnv::TIMEOUTS, "u1", &meta(), 10_000).await.unwrap();
            sessions::start(&t.db, TestEnv::TIMEOUTS, "u1", &meta(), 10_000).await.unwrap();
            let me = Principal::session(user.clone(), here.id.clone());

            assert_eq!(state(&env, &user).await.unwrap().key, None);
            assert_eq!(public_key(&env, "u1").await.unwrap_err(), AppError::NotFound);

            // A new key needs its public key, and parameters at least as strong as the minimum.
            let weak = KeyUpload {
                public_key: Some(spki(1)),
                wrapped: WrappedKey { iterations: 1_000, ..wrapped(1) },
                expected_version: 0,
            };
            assert!(!upload(&env, &me, &weak, &meta()).await.unwrap_err().field_msgs("wrapped").is_empty());
            let no_public = KeyUpload { public_key: None, wrapped: wrapped(1), expected_version: 0 };
            assert!(!upload(&env, &me, &no_public, &meta()).await.unwrap_err().field_msgs("public_key").is_empty());

            let first = KeyUpload { public_key: Some(spki(1)), wrapped: wrapped(1), expected_version: 0 };
            let made = upload(&env, &me, &first, &meta()).await.unwrap();
            assert_eq!((made.version, made.wrapped.iterations), (1, ITERATIONS));
            assert_eq!(made.fingerprint.split(' ').count(), 16);
            // A second device racing to make one: 409, the first stays.
            let racer = KeyUpload { public_key: Some(spki(2)), wrapped: wrapped(2), expected_version: 0 };
            let e = upload(&env, &me, &racer, &meta()).await.unwrap_err();
            assert!(!e.field_msgs("expected_version").is_empty(), "{e:?}");
            let public = public_key(&env, "u1").await.unwrap();
            assert_eq!((public.public_key, public.fingerprint.clone()), (spki(1), made.fingerprint.clone()));

            // Remembered on a browser; a new wrapping at version 1 makes version 2 and forgets it.
            let device = remember_device(&env, &me, 1, &meta()).await.unwrap();
            assert_eq!((device.browser.as_str(), device.os.as_str()), ("Chrome", "Linux"));
            assert_eq!(state(&env, &user).await.unwrap().devices, vec![device.clone()]);
            let rewrap = KeyUpload { public_key: Some(spki(1)), wrapped: wrapped(3), expected_version: 1 };
            let after = upload(&te.at(11_000), &me, &rewrap, &meta()).await.unwrap();
            assert_eq!((after.version, after.wrapped.salt.clone()), (2, wrapped(3).salt));
            assert_eq!(after.fingerprint, made.fingerprint, "the same key");
            assert!(state(&env, &user).await.unwrap().devices.is_empty());
            // The other device, still at version 1, cannot overwrite it silently.
            let stale = KeyUpload { public_key: Some(spki(1)), wrapped: wrapped(4), expected_version: 1 };
            let e = upload(&env, &me, &stale, &meta()).await.unwrap_err();
            assert!(matches!(e, AppError::Conflict { ref field, .. } if field == "expected_version"), "{e:?}");
            assert_eq!(key(&env, "u1").await.unwrap().unwrap().wrapped, wrapped(3));
            // A new wrapping names the key it wraps, and cannot swap it.
            let unnamed = KeyUpload { public_key: None, wrapped: wrapped(4), expected_version: 2 };
            assert!(!upload(&env, &me, &unnamed, &meta()).await.unwrap_err().field_msgs("public_key").is_empty());
            let swap = KeyUpload { public_key: Some(spki(9)), wrapped: wrapped(4), expected_version: 2 };
            assert!(!upload(&env, &me, &swap, &meta()).await.unwrap_err().field_msgs("public_key").is_empty());
            assert_eq!(
                remember_device(&env, &me, 1, &meta()).await.unwrap_err().field_msgs("expected_version").len(),
                1
            );

            // The note needs a key, and is ciphertext of bounded size.
            let note = SealedNote::new(&[5; 256], &[6; 12], &[7; 64]);
            assert_eq!(save_note(&te.at(12_000), &me, &note).await.unwrap(), 12_000);
            assert_eq!(state(&env, &user).await.unwrap().note, Some(note.clone()));
            let bad = SealedNote { iv: "short".into(), ..note.clone() };
            assert!(!save_note(&env, &me, &bad).await.unwrap_err().field_msgs("note").is_empty());

            // Another account cannot forget this one's device.
            let d2 = remember_device(&env, &me, 2, &meta()).await.unwrap();
            testing::insert_user(&t.db, "u2", "bob@example.com").await;
            let bob = crate::accounts::repo::find_by_id(&t.db, "u2").await.unwrap().unwrap();
            let bob = Principal::session(bob, "none".into());
            assert_eq!(forget_device(&env, &bob, &d2.id, &meta()).await.unwrap_err(), AppError::NotFound);
            forget_device(&env, &me, &d2.id, &meta()).await.unwrap();

            // Reset: key, note and devices gone; every session of the account ends.
            remember_device(&env, &me, 2, &meta()).await.unwrap();
            assert!(reset(&te.at(13_000), &me, &meta()).await.unwrap());
            let s = state(&env, &user).await.unwrap();
            assert_eq!((s.key, s.note, s.devices.len()), (None, None, 0));
            assert!(sessions::repo::for_user(&t.db, "u1").await.unwrap().is_empty());
            // The next key is a new one, at version 1 again.
            let next = KeyUpload { public_key: Some(spki(5)), wrapped: wrapped(5), expected_version: 0 };
            let new = upload(&te.at(14_000), &me, &next, &meta()).await.unwrap();
            assert_eq!(new.version, 1);
            assert_ne!(new.fingerprint, made.fingerprint);

            let events: Vec<String> =
                platform::audit::for_user(&t.db, "u1", 20).await.unwrap().into_iter().map(|r| r.event).collect();
            assert_eq!(events.iter().filter(|e| *e == "e2e_key_created").count(), 2, "{events:?}");
            assert!(events.contains(&"e2e_password_changed".into()) && events.contains(&"e2e_key_reset".into()));
            // Mails: the new password and the reset.
            let mut subjects = Vec::new();
            while let Some(m) = te.next_mail(20_000).await {
                subjects.push(m.subject);
            }
            assert_eq!(
                subjects,
                vec!["Your Gatehouse encryption password changed", "Your Gatehouse E2E key was reset"],
                "{:?}",
                t.backend
            );
            t.close().await;
        }
    }

    #[tokio::test]
    async fn nothing_is_stored_while_an_administrator_has_it_off() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10_000);
            testing::insert_user(&t.db, "u1", "ada@example.com").await;
            let user = crate::accounts::repo::find_by_id(&t.db, "u1").await.unwrap().unwrap();
            env.put_setting(SETTINGS, &E2eSettings { enabled: false }).await.unwrap();
            let me = Principal::session(user.clone(), "s".into());
            let up = KeyUpload { public_key: Some(spki(1)), wrapped: wrapped(1), expected_version: 0 };
            let e = upload(&env, &me, &up, &meta()).await.unwrap_err();
            assert!(matches!(e, AppError::Conflict { .. }), "{e:?}");
            assert!(!state(&env, &user).await.unwrap().enabled);
            // A key made before stays usable: it can still be wrapped anew.
            env.put_setting(SETTINGS, &E2eSettings { enabled: true }).await.unwrap();
            upload(&env, &me, &up, &meta()).await.unwrap();
            env.put_setting(SETTINGS, &E2eSettings { enabled: false }).await.unwrap();
            let rewrap = KeyUpload { public_key: Some(spki(1)), wrapped: wrapped(2), expected_version: 1 };
            assert_eq!(upload(&env, &me, &rewrap, &meta()).await.unwrap().version, 2);
            t.close().await;
        }
    }
}
