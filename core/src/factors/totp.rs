//! TOTP (RFC 6238): secrets, the `otpauth://` URI and its QR code, and code checks with a
//! replay guard.
//!
//! Codes are SHA-1, 6 digits, 30-second steps: what Google Authenticator, Authy and Duo read.
//! A code is accepted for the current step ±1, and a step at most once per account.

use base64::{engine::general_purpose::STANDARD, Engine as _};
use rand::{rngs::OsRng, RngCore};
use totp_rs::{Algorithm, Secret, TOTP};

use platform::{crypto::SecretKey, db::Db};
use wire::error::AppError;

pub const DIGITS: usize = 6;
pub const STEP_SECONDS: u64 = 30;
/// 160 bits, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;
pub const ISSUER: &str = "Gatehouse";

/// A TOTP secret. Never printed; leaves the server only once, at setup, for the user's app.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret([redacted])")
    }
}

impl TotpSecret {
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; SECRET_BYTES];
        OsRng.fill_bytes(&mut bytes);
        TotpSecret(bytes)
    }

    /// Base32 (RFC 4648, no padding), as authenticator apps expect it.
    pub fn base32(&self) -> String {
        match Secret::Raw(self.0.clone()).to_encoded() {
            Secret::Encoded(s) => s.trim_end_matches('=').to_owned(),
            Secret::Raw(_) => String::new(),
        }
    }

    /// The base32 key in groups of four, for typing it in by hand.
    pub fn grouped(&self) -> String {
        let key = self.base32();
        let chars: Vec<char> = key.chars().collect();
        chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
    }

    /// Sealed for storage: AES-256-GCM under the server key, bound to `context` (the account),
    /// so a sealed secret copied to another account's row does not open.
    pub fn seal(&self, key: &SecretKey, context: &str) -> Result<String, AppError> {
        key.seal(context, &self.0).map_err(|_| AppError::Internal)
    }

    pub fn open(key: &SecretKey, context: &str, sealed: &str) -> Result<Self, AppError> {
        key.open(context, sealed).map(TotpSecret).map_err(|e| {
            tracing::error!(error = %e, "a stored TOTP secret cannot be opened");
            AppError::Internal
        })
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, AppError> {
        if bytes.len() == SECRET_BYTES {
            Ok(TotpSecret(bytes))
        } else {
            Err(AppError::Internal)
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    fn totp(&self) -> TOTP {
        TOTP::new_unchecked(Algorithm::SHA1, DIGITS, 1, STEP_SECONDS, self.0.clone())
    }

    /// The code for `step` (a 30-second window since the epoch).
    pub fn code_at_step(&self, step: u64) -> String {
        self.totp().generate(step * STEP_SECONDS)
    }

    /// The step among `now`'s ±1 whose code is `code`, if any. Compares in constant time.
    pub fn matching_step(&self, code: &str, now_ms: i64) -> Option<u64> {
        let code = normalize(code)?;
        let now_step = (now_ms.max(0) as u64 / 1000) / STEP_SECONDS;
        let mut found = None;
        for step in [now_step.saturating_sub(1), now_step, now_step + 1] {
            if platform::crypto::constant_time_eq(self.code_at_step(step).as_bytes(), code.as_bytes()) {
                found = Some(step);
            }
        }
        found
    }
}

/// Six digits, whatever spaces the user typed between them.
fn normalize(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// `otpauth://totp/Issuer:account?secret=…&issuer=Issuer` with the defaults spelled out.
pub fn otpauth_uri(secret: &TotpSecret, account: &str) -> String {
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        issuer = percent_encode(ISSUER),
        account = percent_encode(account),
        secret = secret.base32(),
    )
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URI as a QR code, an SVG drawn on the server, as a `data:` URL for an `<img>`.
pub fn qr_data_url(uri: &str) -> Result<String, AppError> {
    use qrcode::{render::svg, EcLevel, QrCode};
    let code = QrCode::with_error_correction_level(uri.as_bytes(), EcLevel::M).map_err(|e| {
        tracing::error!(error = %e, "cannot make a QR code");
        AppError::Internal
    })?;
    let svg = code.render::<svg::Color<'_>>().min_dimensions(220, 220).quiet_zone(true).build();
    Ok(format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg)))
}

/// The sealing context of an account's TOTP secret.
pub fn context(user_id: &str) -> String {
    format!("gatehouse:totp:{user_id}")
}

/// The account's confirmed secret, if it has one.
pub async fn stored(db: &Db, key: &SecretKey, user_id: &str) -> Result<Option<TotpSecret>, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT secret_sealed FROM totp_factors WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await?;
    row.map(|(sealed,)| TotpSecret::open(key, &context(user_id), &sealed)).transpose()
}

/// Whether `key` opens the TOTP secrets in the database (one is tried), or None when there are
/// none: after a restore, tells whether the key in use is the backup's.
pub async fn key_opens_secrets(db: &Db, key: &SecretKey) -> Result<Option<bool>, AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT user_id, secret_sealed FROM totp_factors ORDER BY user_id LIMIT 1")
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(user_id, sealed)| key.open(&context(&user_id), &sealed).is_ok()))
}

pub async fn is_enabled(db: &Db, user_id: &str) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM totp_factors WHERE user_id = $1").bind(user_id).fetch_optional(db).await?;
    Ok(row.is_some())
}

/// Which of `user_ids` have an authenticator (one query for a page of the admin list).
pub async fn enabled_among(db: &Db, user_ids: &[&str]) -> Result<std::collections::HashSet<String>, AppError> {
    if user_ids.is_empty() {
        return Ok(Default::default());
    }
    let marks = (1..=user_ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT user_id FROM totp_factors WHERE user_id IN ({marks})");
    let mut q = sqlx::query_as::<_, (String,)>(&sql);
    for id in user_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db).await?.into_iter().map(|(id,)| id).collect())
}

/// Checks `code` against the account's authenticator. A step is used up atomically (one
/// `UPDATE … WHERE last_step < step`), so the same code never works twice, even in parallel
/// and across instances.
pub async fn verify(db: &Db, key: &SecretKey, user_id: &str, code: &str, now_ms: i64) -> Result<bool, AppError> {
    let Some(secret) = stored(db, key, user_id).await? else { return Ok(false) };
    let Some(step) = secret.matching_step(code, now_ms) else { return Ok(false) };
    let done = sqlx::query("UPDATE totp_factors SET last_step = $2 WHERE user_id = $1 AND last_step < $2")
        .bind(user_id)
        .bind(step as i64)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores a secret whose first code was `step`. False when the account already has one.
pub async fn enable(
    conn: &mut sqlx::AnyConnection,
    key: &SecretKey,
    user_id: &str,
    secret: &TotpSecret,
    step: u64,
    now: i64,
) -> Result<bool, AppError> {
    let sealed = secret.seal(key, &context(user_id))?;
    let done = sqlx::query(
        "INSERT INTO totp_factors (user_id, secret_sealed, created_at, last_step) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(sealed)
    .bind(now)
    .bind(step as i64)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the authenticator and its backup codes together. False when there was none.
pub async fn disable(db: &Db, user_id: &str) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query("DELETE FROM totp_factors WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM backup_codes WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    /// RFC 6238 Appendix B: every time of its table, for SHA-1, SHA-256 and SHA-512 (8 digits).
    #[test]
    fn rfc_6238_test_vectors() {
        let sha1 = b"12345678901234567890".to_vec();
        let sha256 = b"12345678901234567890123456789012".to_vec();
        let sha512 = b"1234567890123456789012345678901234567890123456789012345678901234".to_vec();
        let table: [(u64, &str, &str, &str); 6] = [
            (59, "94287082", "46119246", "90693936"),
            (1_111_111_109, "07081804", "68084774", "25091201"),
            (1_111_111_111, "14050471", "67062674", "99943326"),
            (1_234_567_890, "89005924", "91819424", "93441116"),
            (2_000_000_000, "69279037", "90698825", "38618901"),
            (20_000_000_000, "65353130", "77737706", "47863826"),
        ];
        for (time, a, b, c) in table {
            assert_eq!(TOTP::new_unchecked(Algorithm::SHA1, 8, 1, 30, sha1.clone()).generate(time), a, "SHA1 {time}");
            assert_eq!(TOTP::new_unchecked(Algorithm::SHA256, 8, 1, 30, sha256.clone()).generate(time), b, "{time}");
            assert_eq!(TOTP::new_unchecked(Algorithm::SHA512, 8, 1, 30, sha512.clone()).generate(time), c, "{time}");
        }
        // Our own six-digit SHA-1 codes are the last six digits of the same values.
        let ours = TotpSecret(sha1);
        assert_eq!(ours.code_at_step(59 / 30), "287082");
        assert_eq!(ours.code_at_step(1_111_111_109 / 30), "081804");
    }

    #[test]
    fn codes_match_the_current_step_plus_or_minus_one() {
        let s = TotpSecret::generate();
        let now_ms = 1_700_000_015_000; // 15 s into a step
        let step = 1_700_000_015 / 30;
        for (delta, expected) in [(-2i64, None), (-1, Some(step - 1)), (0, Some(step)), (1, Some(step + 1)), (2, None)]
        {
            let code = s.code_at_step((step as i64 + delta) as u64);
            let found = s.matching_step(&code, now_ms);
            // A code of another step may collide by chance (1 in a million); skip that case.
            if expected.is_none() && [step - 1, step, step + 1].iter().any(|st| s.code_at_step(*st) == code) {
                continue;
            }
            assert_eq!(found, expected, "delta {delta}");
        }
        let spaced = format!("{} {}", &s.code_at_step(step)[..3], &s.code_at_step(step)[3..]);
        assert_eq!(s.matching_step(&spaced, now_ms), Some(step));
        assert_eq!(s.matching_step("12345", now_ms), None);
        assert_eq!(s.matching_step("abcdef", now_ms), None);
    }

    #[test]
    fn the_uri_and_key_name_the_same_secret() {
        let s = TotpSecret(b"12345678901234567890".to_vec());
        assert_eq!(s.base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(s.grouped(), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assert_eq!(
            otpauth_uri(&s, "ada lovelace@example.test"),
            "otpauth://totp/Gatehouse:ada%20lovelace@example.test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Gatehouse&algorithm=SHA1&digits=6&period=30"
        );
        assert!(TotpSecret::generate().base32().len() >= 32, "at least 160 bits");
        assert_eq!(format!("{s:?}"), "TotpSecret([redacted])");
        assert!(qr_data_url("otpauth://totp/x").unwrap().starts_with("data:image/svg+xml;base64,"));
    }

    #[tokio::test]
    async fn a_code_works_once_and_the_secret_is_stored_sealed() {
        let key = SecretKey::generate();
        for t in testing::all().await {
            crate::accounts::repo::insert(&t.db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            let s = TotpSecret::generate();
            let now = 1_700_000_000_000;
            let step = (now / 1000 / 30) as u64;
            let mut conn = t.db.acquire().await.unwrap();
            assert!(enable(&mut conn, &key, "u1", &s, step - 1, now).await.unwrap());
            assert!(
                !enable(&mut conn, &key, "u1", &TotpSecret::generate(), step, now).await.unwrap(),
                "one per account"
            );
            drop(conn);
            crate::accounts::repo::insert(&t.db, &crate::accounts::repo::test_row("u2", "bob", "b@example.test"))
                .await
                .unwrap();
            let with: Vec<String> = enabled_among(&t.db, &["u2", "u1", "nobody"]).await.unwrap().into_iter().collect();
            assert_eq!(with, ["u1"]);
            assert!(enabled_among(&t.db, &[]).await.unwrap().is_empty());

            let (stored_value,): (String,) =
                sqlx::query_as("SELECT secret_sealed FROM totp_factors").fetch_one(&t.db).await.unwrap();
            assert!(!stored_value.contains(&s.base32()) && !stored_value.contains(&hex::encode(&s.0)));
            assert!(TotpSecret::open(&SecretKey::generate(), &context("u1"), &stored_value).is_err());
            assert!(TotpSecret::open(&key, &context("u2"), &stored_value).is_err(), "bound to the account");

            let code = s.code_at_step(step);
            assert!(verify(&t.db, &key, "u1", &code, now).await.unwrap());
            assert!(!verify(&t.db, &key, "u1", &code, now).await.unwrap(), "{:?}: replay refused", t.backend);
            // The previous step is older than the one used: refused too.
            assert!(!verify(&t.db, &key, "u1", &s.code_at_step(step - 1), now).await.unwrap());
            assert!(verify(&t.db, &key, "u1", &s.code_at_step(step + 1), now).await.unwrap());
            assert!(disable(&t.db, "u1").await.unwrap());
            assert!(!verify(&t.db, &key, "u1", &s.code_at_step(step + 1), now + 30_000).await.unwrap());
            t.close().await;
        }
    }
}
