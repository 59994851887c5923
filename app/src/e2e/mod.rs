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
    /// The account's context for the pages under it, owned by the account pages' layout. In
    /// the browser the newest one is also the tab's current one: a sync or a key being made
    /// that outlives a redraw finishes into it, and the password just made (kept with its
    /// account until it is saved) is shown again after a redraw.
    pub fn provide(user_id: String) -> Self {
        #[cfg(feature = "hydrate")]
        let made = keyring::made_for(&user_id);
        #[cfg(not(feature = "hydrate"))]
        let made = None;
        let cx = E2eCx {
            here: RwSignal::new(Here::Checking),
            made: RwSignal::new(made),
            stored: RwSignal::new(0),
            password_changed: RwSignal::new(false),
            user_id: StoredValue::new(user_id),
        };
        #[cfg(feature = "hydrate")]
        keyring::set_current(cx);
        provide_context(cx);
        cx
    }

    /// The tab's newest context (this one, unless the pages were drawn anew meanwhile).
    #[cfg(feature = "hydrate")]
    fn live(self) -> Self {
        keyring::current().unwrap_or(self)
    }

    /// The person saved the new encryption password: it is not shown again.
    pub fn made_saved(&self) {
        #[cfg(feature = "hydrate")]
        keyring::set_made(None);
        let _ = self.made.try_set(None);
    }

    /// The server's copy changed: the Security page's section reloads.
    pub fn changed(&self) {
        let _ = self.stored.try_update(|n| *n += 1);
    }
}

/// Drops the key this tab holds unlocked (signing out).
pub fn forget_here() {
    // The key only: the pages going away are not redrawn (the next account page looks at the
    // key afresh when it opens).
    #[cfg(feature = "hydrate")]
    {
        keyring::set(None);
        keyring::set_made(None);
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
        /// The newest account pages' context of this tab.
        static CURRENT: Cell<Option<super::E2eCx>> = const { Cell::new(None) };
        /// The encryption password just made, and its account, until the person saves it.
        static MADE: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
        static BUSY: Cell<bool> = const { Cell::new(false) };
    }

    pub fn set_current(cx: super::E2eCx) {
        CURRENT.with(|c| c.set(Some(cx)));
    }

    pub fn current() -> Option<super::E2eCx> {
        CURRENT.with(Cell::get)
    }

    pub fn set_made(made: Option<(String, String)>) {
        MADE.with(|c| *c.borrow_mut() = made);
    }

    pub fn made_for(user_id: &str) -> Option<String> {
        MADE.with(|c| c.borrow().as_ref().filter(|(u, _)| u == user_id).map(|(_, p)| p.clone()))
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
            let _ = cx.live().here.try_set(here);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = cx;
    }

    #[cfg(feature = "hydrate")]
    async fn sync_now(cx: E2eCx) -> Here {
        // The pages that asked may be gone by the time this runs.
        let Some(user_id) = cx.user_id.try_get_value() else { return Here::Checking };
        let state = match api::get_e2e_state().await {
            Ok(s) => s,
            Err(e) => {
                // Signed out (or the account ended here): the tab keeps no key.
                if matches!(e, AppError::Unauthenticated) {
                    super::forget_here();
                }
                return Here::Checking;
            }
        };
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
        let _ = cx.live().here.try_set(Here::Making);
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
                keyring::set_made(Some((user_id.to_owned(), password.clone())));
                let _ = cx.live().made.try_set(Some(password));
                cx.live().changed();
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
            let user_id = cx.user_id.try_get_value().ok_or(AppError::Internal)?;
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
            let _ = cx.live().here.try_set(Here::Unlocked { remembered, rewrap: true });
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
            let user_id = cx.user_id.try_get_value().ok_or(AppError::Internal)?;
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
            let _ = cx.live().here.try_set(Here::Unlocked { remembered: false, rewrap: true });
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
                if let Some(user_id) = cx.user_id.try_get_value() {
                    let _ = crypto::store::forget(&user_id).await;
                }
                keyring::update(|h| h.device = None);
                let rewrap = keyring::with(|h| h.is_some_and(|h| h.pkcs8.is_some()));
                let _ = cx.live().here.try_set(Here::Unlocked { remembered: false, rewrap });
            }
        }
        cx.changed();
        Ok(())
    }
}
