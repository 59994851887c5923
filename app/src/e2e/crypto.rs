//! The browser's side of E2E encryption, through WebCrypto (`SubtleCrypto`): the key pair is
//! made here, its private key wrapped and unwrapped here, notes sealed and opened here. The
//! encryption password and the unwrapped private key never leave this module except as a
//! non-extractable `CryptoKey` (in memory, or in this browser's IndexedDB when remembered).
//!
//! The wrap format is `wire::e2e::WrappedKey`: PKCS #8 of the private key, encrypted with
//! AES-256-GCM under a key derived from the password with PBKDF2-HMAC-SHA-256 (600,000
//! rounds, a random 16-byte salt, a random 12-byte nonce).

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};
use wire::e2e::{SealedNote, WrappedKey, ITERATIONS, IV_LEN, MODULUS_BITS, SALT_LEN};

use super::Fail;

fn crypto() -> Result<web_sys::Crypto, Fail> {
    web_sys::window().ok_or(Fail::Unsupported)?.crypto().map_err(|_| Fail::Unsupported)
}

fn subtle() -> Result<SubtleCrypto, Fail> {
    Ok(crypto()?.subtle())
}

/// `n` random bytes from the browser's CSPRNG.
pub fn random(n: usize) -> Result<Vec<u8>, Fail> {
    let mut b = vec![0u8; n];
    crypto()?.get_random_values_with_u8_array(&mut b).map_err(|_| Fail::Unsupported)?;
    Ok(b)
}

fn obj(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn usages(list: &[&str]) -> JsValue {
    list.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}

async fn call(p: Result<Promise, JsValue>) -> Result<JsValue, Fail> {
    JsFuture::from(p.map_err(|_| Fail::Crypto)?).await.map_err(|_| Fail::Crypto)
}

fn bytes_of(v: &JsValue) -> Vec<u8> {
    Uint8Array::new(v).to_vec()
}

fn rsa_oaep() -> Object {
    obj(&[("name", "RSA-OAEP".into()), ("hash", "SHA-256".into())])
}

/// A new RSA-OAEP key pair: its public key (SPKI) and private key (PKCS #8).
pub async fn generate() -> Result<(Vec<u8>, Vec<u8>), Fail> {
    let s = subtle()?;
    let exponent = Uint8Array::from(&[1u8, 0, 1][..]);
    let alg = obj(&[
        ("name", "RSA-OAEP".into()),
        ("modulusLength", MODULUS_BITS.into()),
        ("publicExponent", exponent.into()),
        ("hash", "SHA-256".into()),
    ]);
    let pair = call(s.generate_key_with_object(&alg, true, &usages(&["encrypt", "decrypt"]))).await?;
    let public: CryptoKey = Reflect::get(&pair, &"publicKey".into()).map_err(|_| Fail::Crypto)?.unchecked_into();
    let private: CryptoKey = Reflect::get(&pair, &"privateKey".into()).map_err(|_| Fail::Crypto)?.unchecked_into();
    let spki = bytes_of(&call(s.export_key("spki", &public)).await?);
    let pkcs8 = bytes_of(&call(s.export_key("pkcs8", &private)).await?);
    Ok((spki, pkcs8))
}

/// The AES-256-GCM key PBKDF2 derives from `password` and `salt`.
async fn derive(password: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, Fail> {
    let s = subtle()?;
    let raw = Uint8Array::from(password.as_bytes());
    let base =
        call(s.import_key_with_object("raw", &raw, &obj(&[("name", "PBKDF2".into())]), false, &usages(&["deriveKey"])))
            .await?;
    let params = obj(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let aes = obj(&[("name", "AES-GCM".into()), ("length", 256u32.into())]);
    let key = call(s.derive_key_with_object_and_object(
        &params,
        &base.unchecked_into(),
        &aes,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    Ok(key.unchecked_into())
}

fn gcm(iv: &[u8]) -> Object {
    obj(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(iv).into())])
}

/// The private key wrapped under `password`, with a new salt and nonce.
pub async fn wrap(pkcs8: &[u8], password: &str) -> Result<WrappedKey, Fail> {
    let salt = random(SALT_LEN)?;
    let iv = random(IV_LEN)?;
    let key = derive(password, &salt, ITERATIONS).await?;
    let sealed = bytes_of(&call(subtle()?.encrypt_with_object_and_u8_array(&gcm(&iv), &key, pkcs8)).await?);
    Ok(WrappedKey::new(ITERATIONS, &salt, &iv, &sealed))
}

/// The private key (PKCS #8) unwrapped with `password`; a wrong password is
/// [`Fail::WrongPassword`] (the GCM tag does not verify), found here and nowhere else.
pub async fn unwrap(w: &WrappedKey, password: &str) -> Result<Vec<u8>, Fail> {
    let p = w.parts().map_err(|_| Fail::Format)?;
    let key = derive(password, &p.salt, p.iterations).await?;
    let opened = call(subtle()?.decrypt_with_object_and_u8_array(&gcm(&p.iv), &key, &p.ciphertext))
        .await
        .map_err(|_| Fail::WrongPassword)?;
    Ok(bytes_of(&opened))
}

/// The public key (SPKI) of a private key (PKCS #8): what a new wrapping declares it wraps, and
/// what an unwrapped key is checked against.
pub async fn public_of(pkcs8: &[u8]) -> Result<Vec<u8>, Fail> {
    let s = subtle()?;
    let data = Uint8Array::from(pkcs8);
    let private = call(s.import_key_with_object("pkcs8", &data, &rsa_oaep(), true, &usages(&["decrypt"]))).await?;
    let jwk = call(s.export_key("jwk", &private.unchecked_into())).await?;
    let get = |k: &str| Reflect::get(&jwk, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let public_jwk =
        obj(&[("kty", get("kty")), ("n", get("n")), ("e", get("e")), ("alg", get("alg")), ("ext", true.into())]);
    let public = call(s.import_key_with_object("jwk", &public_jwk, &rsa_oaep(), true, &usages(&["encrypt"]))).await?;
    Ok(bytes_of(&call(s.export_key("spki", &public.unchecked_into())).await?))
}

/// The private key as a `CryptoKey` that can decrypt and cannot be exported.
pub async fn import_private(pkcs8: &[u8]) -> Result<CryptoKey, Fail> {
    let data = Uint8Array::from(pkcs8);
    let key = call(subtle()?.import_key_with_object("pkcs8", &data, &rsa_oaep(), false, &usages(&["decrypt"]))).await?;
    Ok(key.unchecked_into())
}

/// `text` sealed to the public key (base64 SPKI): a new AES-256-GCM key encrypts the text, and
/// RSA-OAEP encrypts that key.
pub async fn seal(spki_b64: &str, text: &str) -> Result<SealedNote, Fail> {
    let s = subtle()?;
    let spki = wire::e2e::parse_public_key(spki_b64).map_err(|_| Fail::Format)?;
    let public =
        call(s.import_key_with_object("spki", &Uint8Array::from(&spki[..]), &rsa_oaep(), false, &usages(&["encrypt"])))
            .await?;
    let aes_raw = random(32)?;
    let aes = call(s.import_key_with_object(
        "raw",
        &Uint8Array::from(&aes_raw[..]),
        &obj(&[("name", "AES-GCM".into())]),
        false,
        &usages(&["encrypt"]),
    ))
    .await?;
    let iv = random(IV_LEN)?;
    let body =
        bytes_of(&call(s.encrypt_with_object_and_u8_array(&gcm(&iv), &aes.unchecked_into(), text.as_bytes())).await?);
    let sealed_key =
        bytes_of(&call(s.encrypt_with_object_and_u8_array(&rsa_oaep(), &public.unchecked_into(), &aes_raw)).await?);
    Ok(SealedNote::new(&sealed_key, &iv, &body))
}

/// The text of a note sealed to this key.
pub async fn open(private: &CryptoKey, note: &SealedNote) -> Result<String, Fail> {
    let s = subtle()?;
    let wire::e2e::NoteParts { key: sealed_key, iv, ciphertext: body } = note.parts().map_err(|_| Fail::Format)?;
    let aes_raw = bytes_of(&call(s.decrypt_with_object_and_u8_array(&rsa_oaep(), private, &sealed_key)).await?);
    let aes = call(s.import_key_with_object(
        "raw",
        &Uint8Array::from(&aes_raw[..]),
        &obj(&[("name", "AES-GCM".into())]),
        false,
        &usages(&["decrypt"]),
    ))
    .await?;
    let text = bytes_of(&call(s.decrypt_with_object_and_u8_array(&gcm(&iv), &aes.unchecked_into(), &body)).await?);
    String::from_utf8(text).map_err(|_| Fail::Format)
}

/// A new encryption password: 24 characters of an alphabet without look-alikes (about 137
/// bits), in groups of four for reading aloud.
pub fn new_password() -> Result<String, Fail> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut out = String::new();
    let mut n = 0;
    while n < 24 {
        for b in random(32)? {
            // Rejection sampling: no letter is likelier than another.
            let limit = 256 - 256 % ALPHABET.len();
            if usize::from(b) >= limit || n == 24 {
                continue;
            }
            if n > 0 && n % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            n += 1;
        }
    }
    Ok(out)
}

/// This browser's IndexedDB, where a remembered key is kept as a non-extractable `CryptoKey`
/// (structured clone keeps it unusable for export) under the account's id.
pub mod store {
    use super::*;
    use wasm_bindgen::closure::Closure;
    use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

    const DB: &str = "gatehouse-e2e";
    const STORE: &str = "keys";

    /// A key this browser keeps for an account.
    pub struct Kept {
        pub device: String,
        pub version: i64,
        /// The key's fingerprint: a key made after a reset has another.
        pub fingerprint: String,
        pub key: CryptoKey,
    }

    /// Waits for a request's result.
    async fn done(req: &IdbRequest) -> Result<JsValue, Fail> {
        let r = req.clone();
        let p = Promise::new(&mut |resolve, reject| {
            let r2 = r.clone();
            let ok = Closure::once_into_js(move || {
                let _ = resolve.call1(&JsValue::NULL, &r2.result().unwrap_or(JsValue::UNDEFINED));
            });
            let bad = Closure::once_into_js(move || {
                let _ = reject.call0(&JsValue::NULL);
            });
            r.set_onsuccess(Some(ok.unchecked_ref()));
            r.set_onerror(Some(bad.unchecked_ref()));
        });
        JsFuture::from(p).await.map_err(|_| Fail::Storage)
    }

    async fn db() -> Result<IdbDatabase, Fail> {
        let f = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).ok_or(Fail::Storage)?;
        let req = f.open_with_u32(DB, 1).map_err(|_| Fail::Storage)?;
        let r = req.clone();
        let upgrade = Closure::once_into_js(move || {
            if let Ok(db) = r.result() {
                let db: IdbDatabase = db.unchecked_into();
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        });
        req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
        Ok(done(&req).await?.unchecked_into())
    }

    async fn with_store(
        mode: IdbTransactionMode,
        f: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<JsValue, Fail> {
        let db = db().await?;
        let tx = db.transaction_with_str_and_mode(STORE, mode).map_err(|_| Fail::Storage)?;
        let store = tx.object_store(STORE).map_err(|_| Fail::Storage)?;
        let req = f(&store).map_err(|_| Fail::Storage)?;
        let out = done(&req).await;
        db.close();
        out
    }

    /// The key kept for `user_id`, if any.
    pub async fn load(user_id: &str) -> Result<Option<Kept>, Fail> {
        let v = with_store(IdbTransactionMode::Readonly, |s| s.get(&JsValue::from_str(user_id))).await?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        let get = |k: &str| Reflect::get(&v, &JsValue::from_str(k)).ok();
        let device = get("device").and_then(|d| d.as_string());
        let version = get("version").and_then(|d| d.as_f64());
        let fingerprint = get("fingerprint").and_then(|d| d.as_string());
        let key = get("key").and_then(|k| k.dyn_into::<CryptoKey>().ok());
        Ok(match (device, version, fingerprint, key) {
            #[allow(clippy::cast_possible_truncation)]
            (Some(device), Some(version), Some(fingerprint), Some(key)) => {
                Some(Kept { device, version: version as i64, fingerprint, key })
            }
            _ => None,
        })
    }

    /// Keeps `key` (non-extractable) for `user_id`.
    pub async fn save(
        user_id: &str,
        device: &str,
        version: i64,
        fingerprint: &str,
        key: &CryptoKey,
    ) -> Result<(), Fail> {
        #[allow(clippy::cast_precision_loss)]
        let record = obj(&[
            ("device", device.into()),
            ("version", (version as f64).into()),
            ("fingerprint", fingerprint.into()),
            ("key", key.into()),
        ]);
        with_store(IdbTransactionMode::Readwrite, |s| s.put_with_key(&record, &JsValue::from_str(user_id))).await?;
        Ok(())
    }

    /// Forgets the key kept for `user_id`.
    pub async fn forget(user_id: &str) -> Result<(), Fail> {
        with_store(IdbTransactionMode::Readwrite, |s| s.delete(&JsValue::from_str(user_id))).await?;
        Ok(())
    }
}
