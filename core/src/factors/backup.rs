//! Backup codes: ten single-use codes, shown once.
//!
//! Each code has 50 random bits. They are stored as argon2id digests under one random salt per
//! set (ASVS 6.5.2: a password hash with a salt), so a copy of the database reveals none, and
//! checking a typed code costs one hash, not ten: the digest is looked up.

use rand::{rngs::OsRng, Rng, RngCore};
use sqlx::AnyConnection;

use platform::{crypto::new_id, db::Db, hasher::PasswordHasher};
use wire::error::AppError;

pub const COUNT: usize = 10;
/// Characters of a code: no 0/o, 1/l/i to misread.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH: usize = 10;
/// At or below this many codes left, the Security page warns.
pub const LOW: i64 = 2;

/// A freshly made set, to show once. Never printed.
pub struct NewCodes(pub Vec<String>);

impl std::fmt::Debug for NewCodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewCodes([{} redacted])", self.0.len())
    }
}

fn generate_one() -> String {
    let raw: String = (0..LENGTH).map(|_| ALPHABET[OsRng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("{}-{}", &raw[..LENGTH / 2], &raw[LENGTH / 2..])
}

/// The code as stored: lower case, without the dash or spaces.
fn normalize(code: &str) -> Option<String> {
    let s: String = code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_lowercase();
    (s.len() == LENGTH && s.bytes().all(|b| ALPHABET.contains(&b))).then_some(s)
}

/// A new set, hashed and ready to store: the codes to show once, and their digests.
pub struct Prepared {
    pub codes: NewCodes,
    salt: String,
    digests: Vec<String>,
}

/// Makes and hashes a new set (the slow part, done before any row changes).
pub async fn prepare(hasher: &PasswordHasher) -> Result<Prepared, AppError> {
    let codes: Vec<String> = (0..COUNT).map(|_| generate_one()).collect();
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let normalized: Vec<String> = codes.iter().filter_map(|c| normalize(c)).collect();
    let digests = hasher.derive_all(normalized, salt.to_vec()).await?;
    Ok(Prepared { codes: NewCodes(codes), salt: hex::encode(salt), digests })
}

/// Replaces the account's codes with `set`, inside the caller's transaction.
pub async fn store(conn: &mut AnyConnection, user_id: &str, set: &Prepared, now: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM backup_codes WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    for digest in &set.digests {
        sqlx::query("INSERT INTO backup_codes (id, user_id, salt, code_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(user_id)
            .bind(&set.salt)
            .bind(digest)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Replaces the account's codes with a new set and returns it.
pub async fn regenerate(db: &Db, hasher: &PasswordHasher, user_id: &str, now: i64) -> Result<NewCodes, AppError> {
    let set = prepare(hasher).await?;
    let mut tx = db.begin().await?;
    store(&mut tx, user_id, &set, now).await?;
    tx.commit().await?;
    Ok(set.codes)
}

pub async fn remaining(db: &Db, user_id: &str) -> Result<i64, AppError> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM backup_codes WHERE user_id = $1").bind(user_id).fetch_one(db).await?;
    Ok(n)
}

/// Uses up `code` if it is one of the account's: one hash, then one `DELETE` that only one
/// caller can win.
pub async fn consume(db: &Db, hasher: &PasswordHasher, user_id: &str, code: &str) -> Result<bool, AppError> {
    let salt: Option<(String,)> = sqlx::query_as("SELECT salt FROM backup_codes WHERE user_id = $1 LIMIT 1")
        .bind(user_id)
        .fetch_optional(db)
        .await?;
    let (Some((salt,)), Some(code)) = (salt, normalize(code)) else { return Ok(false) };
    let salt = hex::decode(salt).map_err(|_| AppError::Internal)?;
    let digest = hasher.derive_all(vec![code], salt).await?.pop().ok_or(AppError::Internal)?;
    let done = sqlx::query("DELETE FROM backup_codes WHERE user_id = $1 AND code_hash = $2")
        .bind(user_id)
        .bind(digest)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    proptest::proptest! {
        /// Whatever is typed, a code that normalizes is ten characters of the alphabet, and
        /// normalizing twice changes nothing; every generated code is accepted however typed.
        #[test]
        fn typed_codes_normalize_to_the_stored_shape(typed in proptest::prelude::any::<String>(), spaced in proptest::prelude::any::<bool>()) {
            if let Some(n) = normalize(&typed) {
                proptest::prop_assert_eq!(n.len(), LENGTH);
                proptest::prop_assert!(n.bytes().all(|b| ALPHABET.contains(&b)));
                proptest::prop_assert_eq!(normalize(&n), Some(n.clone()));
            }
            let code = generate_one();
            let as_typed = if spaced { code.to_uppercase().replace('-', "  ") } else { format!(" {code}\n") };
            proptest::prop_assert_eq!(normalize(&as_typed), normalize(&code));
            proptest::prop_assert!(normalize(&code).is_some());
        }
    }

    #[test]
    fn codes_are_ten_characters_in_two_groups() {
        let c = generate_one();
        assert_eq!(c.len(), 11);
        assert_eq!(normalize(&c.to_uppercase()).unwrap().len(), 10);
        assert_eq!(normalize(&format!(" {} ", c.replace('-', " "))), normalize(&c));
        assert!(normalize("short").is_none());
        assert!(normalize("0000000000").is_none(), "not in the alphabet");
    }

    #[tokio::test]
    async fn each_code_works_once_and_none_is_stored_in_plain_text() {
        let hasher = PasswordHasher::standard().unwrap();
        for t in testing::all().await {
            crate::accounts::repo::insert(&t.db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            let first = regenerate(&t.db, &hasher, "u1", 1).await.unwrap();
            assert_eq!(first.0.len(), COUNT);
            assert_eq!(remaining(&t.db, "u1").await.unwrap(), 10);
            let stored: Vec<(String, String)> =
                sqlx::query_as("SELECT salt, code_hash FROM backup_codes").fetch_all(&t.db).await.unwrap();
            for code in &first.0 {
                let bare = normalize(code).unwrap();
                assert!(stored.iter().all(|(s, h)| !h.contains(&bare) && !s.contains(&bare)));
            }
            assert_eq!(stored.iter().map(|(s, _)| s).collect::<std::collections::HashSet<_>>().len(), 1);

            assert!(consume(&t.db, &hasher, "u1", &first.0[3].to_uppercase()).await.unwrap());
            assert!(!consume(&t.db, &hasher, "u1", &first.0[3]).await.unwrap(), "{:?}: used once", t.backend);
            assert!(!consume(&t.db, &hasher, "u1", "abcde-fghjk").await.unwrap());
            assert_eq!(remaining(&t.db, "u1").await.unwrap(), 9);

            let second = regenerate(&t.db, &hasher, "u1", 2).await.unwrap();
            assert!(!consume(&t.db, &hasher, "u1", &first.0[4]).await.unwrap(), "the old set is void");
            assert!(consume(&t.db, &hasher, "u1", &second.0[0]).await.unwrap());
            t.close().await;
        }
    }
}
