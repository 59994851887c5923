//! End-to-end encryption keys (seeds 001 and 003, "E2E Encryption") on the wire.
//!
//! The key pair is made in the browser (WebCrypto): RSA-OAEP with a 2048-bit modulus and
//! SHA-256, the algorithm the Rocket.Chat clients use, so a product's existing clients can
//! encrypt to it. The private key leaves the browser only wrapped: encrypted with AES-256-GCM
//! under a key derived from the person's **encryption password** by PBKDF2-HMAC-SHA-256 with
//! [`ITERATIONS`] rounds (OWASP's 2023 figure; Rocket.Chat used 1,000) and a random salt.
//! PBKDF2 rather than argon2id: it runs natively in every browser's WebCrypto (no KDF compiled
//! to WASM, no extra download), and at 600,000 rounds an unlock still takes well under a second.
//!
//! The server keeps the public key (SPKI), the [`WrappedKey`] and its parameters, never the
//! password or the private key; the same checks below run on the server (what it stores) and in
//! the browser (what it makes).

use base64::{engine::general_purpose::STANDARD as B64, Engine as _};
use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

/// The key pair's algorithm, as WebCrypto and the API name it.
pub const KEY_ALGORITHM: &str = "RSA-OAEP-256";
/// The modulus of a new key pair, in bits.
pub const MODULUS_BITS: u32 = 2048;
/// The key derivation function of a wrapped key.
pub const KDF: &str = "PBKDF2-SHA-256";
/// The cipher that wraps the private key.
pub const CIPHER: &str = "AES-256-GCM";
/// PBKDF2 rounds of a key wrapped now.
pub const ITERATIONS: u32 = 600_000;
/// The fewest rounds a stored key may have (OWASP Password Storage Cheat Sheet, 2023).
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most rounds accepted: more would make an unlock take minutes.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Bytes of a new salt; stored salts have 16 to 64.
pub const SALT_LEN: usize = 16;
/// Bytes of an AES-GCM nonce.
pub const IV_LEN: usize = 12;
/// The shortest encryption password a person may choose (a made one has 24 characters).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest encryption password.
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// The longest note to oneself, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// The DER of the rsaEncryption algorithm identifier's OID (1.2.840.113549.1.1.1).
const RSA_OID: [u8; 11] = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// A private key encrypted under the encryption password: what the server stores and gives
/// back to the account's own devices. Holds no secret a server could use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WrappedKey {
    /// `PBKDF2-SHA-256`.
    pub kdf: String,
    /// PBKDF2 rounds: at least 600,000.
    pub iterations: u32,
    /// The KDF's salt, base64 (16 to 64 bytes).
    pub salt: String,
    /// `AES-256-GCM`.
    pub cipher: String,
    /// The nonce, base64 (12 bytes).
    pub iv: String,
    /// The PKCS #8 private key encrypted with AES-256-GCM (tag appended), base64.
    pub ciphertext: String,
}

/// The bytes of a [`WrappedKey`], decoded and checked.
#[derive(Clone, PartialEq, Eq)]
pub struct WrapParts {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

impl std::fmt::Debug for WrapParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WrapParts {{ iterations: {}, .. }}", self.iterations)
    }
}

impl WrappedKey {
    /// A wrapped key of this format from its parts.
    pub fn new(iterations: u32, salt: &[u8], iv: &[u8], ciphertext: &[u8]) -> Self {
        WrappedKey {
            kdf: KDF.into(),
            iterations,
            salt: B64.encode(salt),
            cipher: CIPHER.into(),
            iv: B64.encode(iv),
            ciphertext: B64.encode(ciphertext),
        }
    }

    /// The parts, if this is a wrapped key of the one format with parameters at least as
    /// strong as the minimum; otherwise what is wrong.
    pub fn parts(&self) -> Result<WrapParts, Msg> {
        if self.kdf != KDF || self.cipher != CIPHER {
            return Err(k::error_e2e_format(KDF, CIPHER));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(k::error_e2e_iterations(MIN_ITERATIONS, MAX_ITERATIONS));
        }
        let salt = bytes(&self.salt, 16, 64)?;
        let iv = bytes(&self.iv, IV_LEN, IV_LEN)?;
        // An RSA-2048 PKCS #8 key is about 1,220 bytes; 4096 bits about 2,400. Plus the tag.
        let ciphertext = bytes(&self.ciphertext, 600, 4096)?;
        Ok(WrapParts { iterations: self.iterations, salt, iv, ciphertext })
    }
}

fn bytes(b64: &str, min: usize, max: usize) -> Result<Vec<u8>, Msg> {
    // The longest value's base64 is checked before decoding anything.
    if b64.len() > max.div_ceil(3) * 4 {
        return Err(k::error_e2e_bytes(min, max));
    }
    let raw = B64.decode(b64.as_bytes()).map_err(|_| k::error_e2e_base64())?;
    if !(min..=max).contains(&raw.len()) {
        return Err(k::error_e2e_bytes(min, max));
    }
    Ok(raw)
}

/// A public key: base64 of an RSA SubjectPublicKeyInfo of 2048 to 4096 bits.
pub fn parse_public_key(b64: &str) -> Result<Vec<u8>, Msg> {
    let der = bytes(b64, 290, 560)?;
    // SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING }: the OID sits near the start.
    let head = &der[..der.len().min(24)];
    if der[0] != 0x30 || !head.windows(RSA_OID.len()).any(|w| w == RSA_OID) {
        return Err(k::error_e2e_public_key());
    }
    Ok(der)
}

/// A public key's SPKI as it is sent and stored: base64.
pub fn public_key_text(spki: &[u8]) -> String {
    B64.encode(spki)
}

/// A person's own encryption password: long enough, not too long; `confirm` must repeat it.
pub fn check_password(password: &str, confirm: &str) -> Vec<(&'static str, Msg)> {
    let mut out = Vec::new();
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        out.push(("new_password", k::error_e2e_password_short(MIN_PASSWORD_CHARS)));
    } else if n > MAX_PASSWORD_CHARS {
        out.push(("new_password", k::error_e2e_password_long(MAX_PASSWORD_CHARS)));
    }
    if confirm != password {
        out.push(("confirm_password", k::error_e2e_password_mismatch()));
    }
    out
}

/// The key's fingerprint as people compare it: SHA-256 of the SPKI in groups of four hex digits.
pub fn fingerprint_text(digest: &[u8]) -> String {
    let hex: String = digest.iter().map(|b| format!("{b:02X}")).collect();
    hex.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The bytes of a [`SealedNote`], decoded and checked.
pub struct NoteParts {
    pub key: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// A note encrypted to the account's public key: a random AES-256-GCM key encrypted with
/// RSA-OAEP (`key`), the nonce and the note's ciphertext, each base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SealedNote {
    pub key: String,
    pub iv: String,
    pub ciphertext: String,
}

impl SealedNote {
    pub fn new(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Self {
        SealedNote { key: B64.encode(key), iv: B64.encode(iv), ciphertext: B64.encode(ciphertext) }
    }

    /// Its parts: an RSA block of 2048 to 4096 bits, a 12-byte nonce, at most what the
    /// longest note's UTF-8 and the tag take.
    pub fn parts(&self) -> Result<NoteParts, Msg> {
        Ok(NoteParts {
            key: bytes(&self.key, 256, 512)?,
            iv: bytes(&self.iv, IV_LEN, IV_LEN)?,
            ciphertext: bytes(&self.ciphertext, 16, MAX_NOTE_CHARS * 4 + 16)?,
        })
    }
}

/// The account's key as its own devices get it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct E2eKeyView {
    /// [`KEY_ALGORITHM`].
    pub algorithm: String,
    /// The SubjectPublicKeyInfo, base64.
    pub public_key: String,
    pub wrapped: WrappedKey,
    /// Grows by one with every new wrapping (a changed encryption password).
    pub version: i64,
    /// SHA-256 of the public key, in groups of four hex digits.
    pub fingerprint: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A public key for other people's clients to encrypt to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicKeyView {
    pub user_id: String,
    /// [`KEY_ALGORITHM`].
    pub algorithm: String,
    /// The SubjectPublicKeyInfo, base64.
    pub public_key: String,
    pub fingerprint: String,
}

/// A browser that keeps the unlocked key (non-extractable, in its IndexedDB) so that it does
/// not ask for the encryption password again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedDevice {
    pub id: String,
    /// The browser's and system's names, as on the sessions list.
    pub browser: String,
    pub os: String,
    pub created_at: i64,
}

/// The Security page's E2E Encryption section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct E2eState {
    /// An administrator allows end-to-end encryption.
    pub enabled: bool,
    pub key: Option<E2eKeyView>,
    pub devices: Vec<RememberedDevice>,
    pub note: Option<SealedNote>,
    pub note_updated_at: Option<i64>,
}

/// Administration → E2E Encryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct E2eSettings {
    /// On: a key pair is made at each person's next sign-in.
    pub enabled: bool,
}

impl Default for E2eSettings {
    fn default() -> Self {
        E2eSettings { enabled: true }
    }
}

/// What `PUT /me/e2e-key` and the page send: a new key (`expected_version` 0, with its public
/// key) or the same key wrapped anew (`expected_version` the version it replaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyUpload {
    /// Required for a new key; for a new wrapping, absent or the stored one.
    #[serde(default)]
    pub public_key: Option<String>,
    pub wrapped: WrappedKey,
    /// The version this upload replaces: 0 when there is no key yet.
    pub expected_version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> WrappedKey {
        WrappedKey::new(ITERATIONS, &[7; SALT_LEN], &[9; IV_LEN], &[1; 1234])
    }

    #[test]
    fn a_wrapped_key_round_trips_through_json_and_its_parts() {
        let w = good();
        let json = serde_json::to_string(&w).unwrap();
        assert!(json.contains("\"kdf\":\"PBKDF2-SHA-256\"") && json.contains("\"iterations\":600000"), "{json}");
        let back: WrappedKey = serde_json::from_str(&json).unwrap();
        let p = back.parts().unwrap();
        assert!(!format!("{p:?}").contains('7'), "parts print no bytes");
        assert_eq!((p.iterations, p.salt, p.iv, p.ciphertext.len()), (ITERATIONS, vec![7; 16], vec![9; 12], 1234));
        // Unknown fields are refused: nothing rides along unchecked.
        let extra = json.replace('{', "{\"password\":\"x\",");
        assert!(serde_json::from_str::<WrappedKey>(&extra).is_err());
    }

    #[test]
    fn weak_or_foreign_parameters_are_refused() {
        let weak = WrappedKey { iterations: 1_000, ..good() };
        assert_eq!(weak.parts().unwrap_err(), k::error_e2e_iterations(MIN_ITERATIONS, MAX_ITERATIONS));
        assert!(WrappedKey { iterations: MIN_ITERATIONS - 1, ..good() }.parts().is_err());
        assert!(WrappedKey { iterations: MAX_ITERATIONS + 1, ..good() }.parts().is_err());
        assert!(WrappedKey { kdf: "PBKDF2-SHA-1".into(), ..good() }.parts().is_err());
        assert!(WrappedKey { cipher: "AES-128-CBC".into(), ..good() }.parts().is_err());
        assert!(WrappedKey::new(ITERATIONS, &[7; 8], &[9; 12], &[1; 1234]).parts().is_err(), "short salt");
        assert!(WrappedKey::new(ITERATIONS, &[7; 16], &[9; 16], &[1; 1234]).parts().is_err(), "iv not 12");
        assert!(WrappedKey::new(ITERATIONS, &[7; 16], &[9; 12], &[1; 100]).parts().is_err(), "too short");
        assert!(WrappedKey::new(ITERATIONS, &[7; 16], &[9; 12], &[1; 5000]).parts().is_err(), "too long");
        assert_eq!(WrappedKey { salt: "not base64!".into(), ..good() }.parts().unwrap_err(), k::error_e2e_base64());
        let huge = WrappedKey { ciphertext: "A".repeat(1 << 20), ..good() };
        assert_eq!(huge.parts().unwrap_err(), k::error_e2e_bytes(600, 4096));
    }

    #[test]
    fn a_public_key_is_an_rsa_spki() {
        // The head of a real RSA-2048 SPKI, padded to its length.
        let mut der = vec![0x30, 0x82, 0x01, 0x22, 0x30, 0x0d];
        der.extend_from_slice(&RSA_OID);
        der.extend_from_slice(&[0x05, 0x00, 0x03, 0x82, 0x01, 0x0f, 0x00]);
        der.resize(294, 0x42);
        assert_eq!(parse_public_key(&B64.encode(&der)).unwrap(), der);
        // An EC key's identifier is another OID.
        let mut ec = der.clone();
        ec[6..17].copy_from_slice(&[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08]);
        assert_eq!(parse_public_key(&B64.encode(&ec)).unwrap_err(), k::error_e2e_public_key());
        assert!(parse_public_key(&B64.encode([0x30; 100])).is_err(), "too short");
        assert!(parse_public_key("").is_err());
    }

    #[test]
    fn a_chosen_password_is_checked_and_confirmed() {
        assert!(check_password("correct horse", "correct horse").is_empty());
        let fields = |p: &str, c: &str| check_password(p, c).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields("short", "short"), vec!["new_password"]);
        assert_eq!(fields("long enough", "long enougH"), vec!["confirm_password"]);
        assert_eq!(fields("", "x"), vec!["new_password", "confirm_password"]);
        assert_eq!(fields(&"x".repeat(1025), &"x".repeat(1025)), vec!["new_password"]);
        // Characters, not bytes: eight letters of any script are eight.
        assert!(check_password("ü".repeat(8).as_str(), "ü".repeat(8).as_str()).is_empty());
    }

    #[test]
    fn fingerprints_are_grouped_hex() {
        assert_eq!(fingerprint_text(&[0xab, 0x01, 0xff, 0x10, 0x02]), "AB01 FF10 02");
        assert_eq!(fingerprint_text(&[0u8; 32]).split(' ').count(), 16);
    }

    #[test]
    fn a_sealed_note_is_bounded() {
        let n = SealedNote::new(&[1; 256], &[2; 12], &[3; 100]);
        assert_eq!(n.parts().unwrap().ciphertext.len(), 100);
        assert!(SealedNote::new(&[1; 100], &[2; 12], &[3; 100]).parts().is_err());
        assert!(SealedNote::new(&[1; 256], &[2; 12], &vec![3; MAX_NOTE_CHARS * 4 + 17]).parts().is_err());
    }
}
