//! Random tokens, digests and the server's secret key.

use std::{fmt, path::Path};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use rand::{rngs::OsRng, RngCore};
use sha2::{Digest, Sha256};

/// `bytes` of OS randomness, base64url without padding (32 bytes → 43 characters).
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A new row id: 128 random bits, hex.
pub fn new_id() -> String {
    let mut buf = [0u8; 16];
    OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

/// SHA-256 of a high-entropy token, hex. Only for values with at least 128 random bits
/// (session and reset tokens); passwords and short codes use argon2.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// HMAC-SHA-256 of `data` under `secret` (a secret shared with another system, such as the
/// contracts webhook's), hex.
pub fn hmac_sha256_hex(secret: &[u8], data: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mut mac) => {
            mac.update(data);
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; an empty string never matches a signature.
        Err(_) => String::new(),
    }
}

/// Constant-time equality for secrets of equal length.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// A value could not be sealed or opened (wrong key, wrong context, or altered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CryptoError;

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("sealed value cannot be opened")
    }
}

/// The 256-bit server key: seals TOTP secrets and queued mail, keys the digests of mailed
/// codes. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey([redacted])")
    }
}

impl SecretKey {
    pub fn zero() -> Self {
        SecretKey([0; 32])
    }

    pub fn generate() -> Self {
        let mut k = [0u8; 32];
        OsRng.fill_bytes(&mut k);
        SecretKey(k)
    }

    pub fn from_hex(raw: &str) -> Result<Self, String> {
        let bytes = hex::decode(raw.trim()).map_err(|_| "must be 64 hexadecimal characters (32 bytes)".to_owned())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| "must be 64 hexadecimal characters (32 bytes)".to_owned())?;
        if key == [0; 32] {
            return Err("must not be all zeros".to_owned());
        }
        Ok(SecretKey(key))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Encrypts `plaintext` with AES-256-GCM under this key and a fresh random 96-bit nonce.
    /// `context` is bound as associated data: a value sealed for one use (say, "mail") cannot
    /// be opened as another. Returns base64url(nonce || ciphertext || tag).
    pub fn seal(&self, context: &str, plaintext: &[u8]) -> Result<String, CryptoError> {
        use aes_gcm::{aead::Aead, aead::Payload, Aes256Gcm, KeyInit, Nonce};
        let cipher = Aes256Gcm::new_from_slice(&self.0).map_err(|_| CryptoError)?;
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad: context.as_bytes() })
            .map_err(|_| CryptoError)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(URL_SAFE_NO_PAD.encode(out))
    }

    /// Decrypts what `seal` made with the same key and context; any change is an error.
    pub fn open(&self, context: &str, sealed: &str) -> Result<Vec<u8>, CryptoError> {
        use aes_gcm::{aead::Aead, aead::Payload, Aes256Gcm, KeyInit, Nonce};
        let raw = URL_SAFE_NO_PAD.decode(sealed).map_err(|_| CryptoError)?;
        if raw.len() < 12 + 16 {
            return Err(CryptoError);
        }
        let (nonce, body) = raw.split_at(12);
        let cipher = Aes256Gcm::new_from_slice(&self.0).map_err(|_| CryptoError)?;
        cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad: context.as_bytes() })
            .map_err(|_| CryptoError)
    }

    /// HMAC-SHA-256 of `data` under this key, hex, with `context` bound in: a keyed digest for
    /// short secrets (six-digit codes) that a copy of the database alone cannot reverse.
    pub fn mac(&self, context: &str, data: &[u8]) -> Result<String, CryptoError> {
        use hmac::{Hmac, Mac};
        // A subkey of its own, so the AES key is never used as an HMAC key too.
        let mut derive = Hmac::<Sha256>::new_from_slice(&self.0).map_err(|_| CryptoError)?;
        derive.update(b"gatehouse:hmac-subkey");
        let subkey = derive.finalize().into_bytes();
        let mut mac = Hmac::<Sha256>::new_from_slice(&subkey).map_err(|_| CryptoError)?;
        mac.update(context.as_bytes());
        mac.update(&[0]);
        mac.update(data);
        Ok(hex::encode(mac.finalize().into_bytes()))
    }

    /// Reads the key file, or creates it (mode 0600) with a fresh key when it does not exist.
    pub fn load_or_create(path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_hex(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate();
                write_private(path, &hex::encode(key.0))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                tracing::info!(path = %path.display(), "generated a new secret key");
                Ok(key)
            }
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = random_token(32);
        let b = random_token(32);
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(new_id().len(), 32);
    }

    #[test]
    fn digest_is_sha256_hex() {
        assert_eq!(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn secret_key_parsing_and_redaction() {
        assert!(SecretKey::from_hex("00").is_err());
        assert!(SecretKey::from_hex(&"0".repeat(64)).is_err());
        let k = SecretKey::from_hex(&"ab".repeat(32)).unwrap();
        assert_eq!(format!("{k:?}"), "SecretKey([redacted])");
        assert!(constant_time_eq(b"same", b"same"));
        assert!(!constant_time_eq(b"same", b"diff"));
        assert!(!constant_time_eq(b"same", b"longer"));
    }

    #[test]
    fn sealed_values_open_only_with_the_same_key_and_context() {
        let k = SecretKey::generate();
        let sealed = k.seal("mail", b"reset link").unwrap();
        assert!(!sealed.contains("reset"));
        assert_ne!(sealed, k.seal("mail", b"reset link").unwrap(), "fresh nonce each time");
        assert_eq!(k.open("mail", &sealed).unwrap(), b"reset link");
        assert_eq!(k.open("totp", &sealed), Err(CryptoError));
        assert_eq!(SecretKey::generate().open("mail", &sealed), Err(CryptoError));
        let mut tampered = sealed.into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(k.open("mail", &String::from_utf8(tampered).unwrap()), Err(CryptoError));
        assert_eq!(k.open("mail", "short"), Err(CryptoError));
    }
}
