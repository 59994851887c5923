//! E2E Encryption (seeds 001 and 003): the key pair made in this browser at the first sign-in,
//! unlocked with the encryption password on other devices, **Change Encryption Password**,
//! **Reset E2E Key**, remembered devices and the Encrypted note to yourself.
//!
//! The server functions ([`api`]) carry public keys, wrapped keys and ciphertext only; the
//! WebCrypto work is in `crypto` (compiled into the browser's bundle only), and what this page
//! holds unlocked lives in `keyring`, in this tab's memory.

use leptos::prelude::*;

pub use wire::e2e::{E2eKeyView, E2eSettings, E2eState, KeyUpload, RememberedDevice, SealedNote};

pub mod api;
#[cfg(feature = "hydrate")]
mod crypto;
pub mod ui;

use crate::error::AppError;

/// Why a browser-side step failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fail {
    /// No WebCrypto or IndexedDB here.
    Unsupported,
    /// WebCrypto refused.
    Crypto,
    /// The encryption password does not open the wrapped key.
    WrongPassword,
    /// What the server holds is not in the expected format.
    Format,
    /// IndexedDB refused.
    Storage,
}

#[cfg(feature = "hydrate")]
impl Fail {
    fn into_error(self, password_field: &str) -> AppError {
        match self {
            Fail::WrongPassword => AppError::field(password_field, i18n::k::error_e2e_wrong_password()),
            Fail::Unsupported | Fail::Storage => AppError::conflict("e2e", i18n::k::error_e2e_browser()),
            Fail::Crypto | Fail::Format => AppError::Internal,
        }
    }
}

/// What this browser holds of the account's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Here {
    /// Not looked at yet (and always, before the page's script runs).
    Checking,
    /// An administrator turned E2E encryption off and the account has no key.
    Off,
    /// The key pair is being made.
    Making,
    /// The account has a key; this browser needs the encryption password.
    Locked,
    /// Usable here. `remembered`: kept in this browser's IndexedDB; `rewrap`: the private key's
    /// bytes are in memory, so a new encryption password needs no current one.
    Unlocked { remembered: bool, rewrap: bool },
    /// This browser cannot do it.
    Unsupported,
}

/// Shared by the account pages: what this browser holds, the password just made (shown once),
/// and a counter the Security page's section reloads on.
#[derive(Clone, Copy)]
pub struct E2eCx {
    pub here: RwSignal<Here>,
    pub made: RwSignal<Option<String>>,
    pub stored: RwSignal<u32>,
    /// The encryption password was changed in this tab (the notice outlives the section's reload).
    pub password_changed: RwSignal<bool>,
    pub user_id: StoredValue<String>,
}

impl E2eCx {
    /// The account's context for the pages under it. In the browser there is one per tab and
    /// account, outliving redraws of the account pages (a sync or a key being made finishes
    /// into the signals the pages show, and the password just made stays until it is saved);
    /// the server makes one per request.
    pub fn provide(user_id: String) -> Self {
        #[cfg(feature = "hydrate")]
        let cx = keyring::cx_for(&user_id, || E2eCx::new(user_id.clone()));
        #[cfg(not(feature = "hydrate"))]
        let cx = E2eCx::new(user_id);
        provide_context(cx);
        cx
    }

    fn new(user_id: String) -> Self {
        E2eCx {
            here: RwSignal::new(Here::Checking),
            made: RwSignal::new(None),
            stored: RwSignal::new(0),
            password_changed: RwSignal::new(false),
            user_id: StoredValue::new(user_id),
        }
    }

    /// The person saved the new encryption password: it is not shown again.
    pub fn made_saved(&self) {
        self.made.set(None);
    }

    /// The server's copy changed: the Security page's section reloads.
    pub fn changed(&self) {
        let _ = self.stored.try_update(|n| *n += 1);
    }
}

/// Drops the key this tab holds unlocked (signing out).
pub fn forget_here() {
    #[cfg(feature = "hydrate")]
    {
        keyring::set(None);
        if let Some(cx) = keyring::cx() {
            let _ = cx.made.try_set(None);
            let _ = cx.here.try_set(Here::Checking);
        }
    }
}

/// The key this tab holds unlocked, in memory only.
#[cfg(feature = "hydrate")]
mod keyring {
    use std::cell::{Cell, RefCell};
    use web_sys::CryptoKey;

    pub struct Held {
        pub user_id: String,
        pub version: i64,
        /// Which key (a key made after a reset starts at version 1 again).
        pub fingerprint: String,
        pub key: CryptoKey,
        /// The PKCS #8 bytes, when this tab made or unwrapped the key itself.
        pub pkcs8: Option<Vec<u8>>,
        /// This browser's remembered-device id, when the key is kept in IndexedDB.
        pub device: Option<String>,
    }

    thread_local! {
        static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
        /// The account pages' context of this tab: its account, its signals, and the root
        /// owner that keeps them (replaced when another account signs in here).
        static CX: RefCell<Option<(String, super::E2eCx, leptos::prelude::Owner)>> = const { RefCell::new(None) };
        static BUSY: Cell<bool> = const { Cell::new(false) };
    }

    /// This tab's context for `user_id`, made (under a root owner of its own) when it has none
    /// or had another account's.
    pub fn cx_for(user_id: &str, make: impl FnOnce() -> super::E2eCx) -> super::E2eCx {
        let kept = CX.with(|c| c.borrow().as_ref().filter(|(u, ..)| u == user_id).map(|(_, cx, _)| *cx));
        if let Some(cx) = kept {
            return cx;
        }
        // `new_root` makes itself the current owner: the page's owner is put back at once.
        let current = leptos::prelude::Owner::current();
        let owner = leptos::prelude::Owner::new_root(None);
        if let Some(page) = current {
            page.set();
        }
        let cx = owner.with(make);
        // The previous account's signals go with its owner (its pages are gone by now).
        let previous = CX.with(|c| c.borrow_mut().replace((user_id.to_owned(), cx, owner)));
        drop(previous);
        cx
    }

    /// The context of this tab, if any.
    pub fn cx() -> Option<super::E2eCx> {
        CX.with(|c| c.borrow().as_ref().map(|(_, cx, _)| *cx))
    }

    pub fn set(h: Option<Held>) {
        HELD.with(|c| *c.borrow_mut() = h);
    }

    pub fn with<R>(f: impl FnOnce(Option<&Held>) -> R) -> R {
        HELD.with(|c| f(c.borrow().as_ref()))
    }

    pub fn update(f: impl FnOnce(&mut Held)) {
        HELD.with(|c| {
            if let Some(h) = c.borrow_mut().as_mut() {
                f(h);
            }
        });
    }

    /// Takes the one busy flag (so two syncs never make two keys); false when taken already.
    pub fn begin() -> bool {
        BUSY.with(|b| !b.replace(true))
    }

    pub fn end() {
        BUSY.with(|b| b.set(false));
    }
}

/// The browser's side of each step. Without the page's script (on the server) none of them
/// runs: they are called from event handlers and effects only.
pub mod ops {
    use super::*;
    #[cfg(feature = "hydrate")]
    use super::{crypto, keyring};

    /// Looks at the account's key and this browser's copy, and makes a key pair when the
    /// account has none (at the first sign-in with E2E on).
    pub async fn sync(cx: E2eCx) {
        #[cfg(feature = "hydrate")]
        {
            if !keyring::begin() {
                return;
            }
            let here = sync_now(cx).await;
            keyring::end();
            let _ = cx.here.try_set(here);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = cx;
    }

    #[cfg(feature = "hydrate")]
    async fn sync_now(cx: E2eCx) -> Here {
        let user_id = cx.user_id.get_value();
        let Ok(state) = api::get_e2e_state().await else { return Here::Checking };
        let Some(key) = state.key else {
            keyring::set(None);
            return if state.enabled { make(cx, &user_id).await } else { Here::Off };
        };
        let held = keyring::with(|h| {
            h.filter(|h| h.user_id == user_id && h.version == key.version && h.fingerprint == key.fingerprint)
                .map(|h| (h.device.clone(), h.pkcs8.is_some()))
        });
        if let Some((device, rewrap)) = held {
            // A remembered copy that was forgotten elsewhere stays usable in this tab only.
            let remembered = device.is_some_and(|d| state.devices.iter().any(|x| x.id == d));
            return Here::Unlocked { remembered, rewrap };
        }
        keyring::set(None);
        match crypto::store::load(&user_id).await {
            Ok(Some(kept))
                if kept.version == key.version
                    && kept.fingerprint == key.fingerprint
                    && state.devices.iter().any(|d| d.id == kept.device) =>
            {
                keyring::set(Some(keyring::Held {
                    user_id,
                    version: key.version,
                    fingerprint: key.fingerprint.clone(),
                    key: kept.key,
                    pkcs8: None,
                    device: Some(kept.device),
                }));
                Here::Unlocked { remembered: true, rewrap: false }
            }
            Ok(Some(_)) => {
                // Forgotten on the Security page, a new encryption password, or a reset.
                let _ = crypto::store::forget(&user_id).await;
                Here::Locked
            }
            Ok(None) => Here::Locked,
            Err(_) => Here::Locked,
        }
    }

    /// A new key pair and encryption password; the password is shown once.
    #[cfg(feature = "hydrate")]
    async fn make(cx: E2eCx, user_id: &str) -> Here {
        let _ = cx.here.try_set(Here::Making);
        let made = async {
            let (spki, pkcs8) = crypto::generate().await?;
            let password = crypto::new_password()?;
            let wrapped = crypto::wrap(&pkcs8, &password).await?;
            let key = crypto::import_private(&pkcs8).await?;
            Ok::<_, Fail>((spki, pkcs8, password, wrapped, key))
        };
        let Ok((spki, pkcs8, password, wrapped, key)) = made.await else { return Here::Unsupported };
        let upload = KeyUpload { public_key: Some(wire::e2e::public_key_text(&spki)), wrapped, expected_version: 0 };
        match api::upload_e2e_key(upload).await {
            Ok(view) => {
                keyring::set(Some(keyring::Held {
                    user_id: user_id.to_owned(),
                    version: view.version,
                    fingerprint: view.fingerprint,
                    key,
                    pkcs8: Some(pkcs8),
                    device: None,
                }));
                let _ = cx.made.try_set(Some(password));
                cx.changed();
                Here::Unlocked { remembered: false, rewrap: true }
            }
            // Another device made one first: this one unlocks that key.
            Err(AppError::Conflict { .. }) => Here::Locked,
            Err(_) => Here::Checking,
        }
    }

    /// Unlocks with the encryption password (checked here: a wrong one never reaches the
    /// server), and remembers the key in this browser when asked.
    pub async fn unlock(cx: E2eCx, key: E2eKeyView, password: String, remember: bool) -> Result<(), AppError> {
        #[cfg(feature = "hydrate")]
        {
            if password.is_empty() {
                return Err(AppError::field("e2e_password", i18n::k::error_e2e_enter_password()));
            }
            let user_id = cx.user_id.get_value();
            let pkcs8 = crypto::unwrap(&key.wrapped, &password).await.map_err(|f| f.into_error("e2e_password"))?;
            // The unwrapped key must be the account's: a wrapping of another key is refused.
            let public = crypto::public_of(&pkcs8).await.map_err(|f| f.into_error("e2e_password"))?;
            if wire::e2e::public_key_text(&public) != key.public_key {
                return Err(Fail::Format.into_error("e2e_password"));
            }
            let private = crypto::import_private(&pkcs8).await.map_err(|f| f.into_error("e2e_password"))?;
            let mut device = None;
            if remember {
                let d = api::remember_e2e_device(key.version).await?;
                crypto::store::save(&user_id, &d.id, key.version, &key.fingerprint, &private)
                    .await
                    .map_err(|f| f.into_error("remember"))?;
                device = Some(d.id);
                cx.changed();
            }
            let remembered = device.is_some();
            keyring::set(Some(keyring::Held {
                user_id,
                version: key.version,
                fingerprint: key.fingerprint.clone(),
                key: private,
                pkcs8: Some(pkcs8),
                device,
            }));
            let _ = cx.here.try_set(Here::Unlocked { remembered, rewrap: true });
            Ok(())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (cx, key, password, remember);
            Err(AppError::Internal)
        }
    }

    /// **Change Encryption Password**: the key unwrapped here (from memory, or with the current
    /// password) and wrapped under the new one; the server gets the new wrapping only, and
    /// refuses it if another device changed the key since `key.version`.
    pub async fn change_password(
        cx: E2eCx,
        key: E2eKeyView,
        current: Option<String>,
        new: String,
        confirm: String,
    ) -> Result<(), AppError> {
        let mut p = wire::Problems::default();
        for (field, msg) in wire::e2e::check_password(&new, &confirm) {
            p.add(field, msg);
        }
        p.into_result()?;
        #[cfg(feature = "hydrate")]
        {
            let user_id = cx.user_id.get_value();
            let in_memory = keyring::with(|h| {
                h.filter(|h| h.user_id == user_id && h.version == key.version && h.fingerprint == key.fingerprint)
                    .and_then(|h| h.pkcs8.clone())
            });
            let pkcs8 = match (in_memory, current.filter(|c| !c.is_empty())) {
                (Some(b), _) => b,
                (None, Some(c)) => {
                    crypto::unwrap(&key.wrapped, &c).await.map_err(|f| f.into_error("current_password"))?
                }
                (None, None) => {
                    return Err(AppError::field("current_password", i18n::k::error_e2e_enter_password()));
                }
            };
            let wrapped = crypto::wrap(&pkcs8, &new).await.map_err(|f| f.into_error("new_password"))?;
            // The key this wraps, named: the server refuses a wrapping of any other.
            let public = crypto::public_of(&pkcs8).await.map_err(|f| f.into_error("new_password"))?;
            let public_key = Some(wire::e2e::public_key_text(&public));
            let up = KeyUpload { public_key, wrapped, expected_version: key.version };
            let view = api::upload_e2e_key(up).await?;
            // The server forgot every remembered browser: so does this one.
            let _ = crypto::store::forget(&user_id).await;
            let private = crypto::import_private(&pkcs8).await.map_err(|f| f.into_error("new_password"))?;
            keyring::set(Some(keyring::Held {
                user_id,
                version: view.version,
                fingerprint: view.fingerprint,
                key: private,
                pkcs8: Some(pkcs8),
                device: None,
            }));
            let _ = cx.here.try_set(Here::Unlocked { remembered: false, rewrap: true });
            cx.changed();
            Ok(())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (cx, key, current);
            Err(AppError::Internal)
        }
    }

    /// Seals `text` to the account's public key and saves the ciphertext.
    pub async fn save_note(key: E2eKeyView, text: String) -> Result<(), AppError> {
        let max = wire::e2e::MAX_NOTE_CHARS;
        if text.chars().count() > max {
            return Err(AppError::field("note", i18n::k::error_e2e_note_long(max)));
        }
        #[cfg(feature = "hydrate")]
        {
            let sealed = crypto::seal(&key.public_key, &text).await.map_err(|f| f.into_error("note"))?;
            api::save_e2e_note(sealed).await.map(|_| ())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = key;
            Err(AppError::Internal)
        }
    }

    /// The note's text, with the key this tab holds unlocked.
    pub async fn read_note(note: SealedNote) -> Result<String, AppError> {
        #[cfg(feature = "hydrate")]
        {
            let key = keyring::with(|h| h.map(|h| h.key.clone())).ok_or(AppError::Forbidden)?;
            crypto::open(&key, &note).await.map_err(|f| f.into_error("note"))
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = note;
            Err(AppError::Internal)
        }
    }

    /// Forgets a remembered browser (and this browser's own copy, when it is this one).
    pub async fn forget_device(cx: E2eCx, id: String) -> Result<(), AppError> {
        api::forget_e2e_device(id.clone()).await?;
        #[cfg(feature = "hydrate")]
        {
            let here = keyring::with(|h| h.and_then(|h| h.device.clone())).is_some_and(|d| d == id);
            if here {
                let _ = crypto::store::forget(&cx.user_id.get_value()).await;
                keyring::update(|h| h.device = None);
                let rewrap = keyring::with(|h| h.is_some_and(|h| h.pkcs8.is_some()));
                let _ = cx.here.try_set(Here::Unlocked { remembered: false, rewrap });
            }
        }
        cx.changed();
        Ok(())
    }
}
