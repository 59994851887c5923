//! "Profile Picture" and "Use URL for avatar" on the Profile page. With the page's script a
//! chosen file (picker or drag-and-drop) is previewed at once and sent with Save Changes, with
//! a progress bar; without it the section is a form of its own that posts to
//! `/account/avatar` and comes back to the page.

use leptos::prelude::*;

use crate::{auth::model::UserView, error::AppError, t, ui::field_text};

/// A change of picture waiting for Save Changes.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Pending {
    #[default]
    Nothing,
    /// A file from the picker or a drop; `preview` is its `blob:` address in this page.
    File {
        name: String,
        preview: String,
    },
    Url(String),
    Default,
}

/// The file input: it holds the chosen file itself (a dropped one is put there too), so no
/// browser object is kept on the Rust side.
const FILE_INPUT: &str = "field-avatar";

/// The picture's part of the Profile form.
#[derive(Clone, Copy)]
pub struct AvatarDraft {
    pub pending: RwSignal<Pending>,
    /// Percent sent while an upload runs.
    pub progress: RwSignal<Option<u32>>,
    pub error: RwSignal<Option<AppError>>,
    /// "Use URL for avatar" as typed.
    url: RwSignal<String>,
}

impl Default for AvatarDraft {
    fn default() -> Self {
        AvatarDraft {
            pending: RwSignal::new(Pending::Nothing),
            progress: RwSignal::new(None),
            error: RwSignal::new(None),
            url: RwSignal::new(String::new()),
        }
    }
}

impl AvatarDraft {
    pub fn is_dirty(&self) -> bool {
        self.pending.with(|p| *p != Pending::Nothing)
    }

    /// The file in the input, now the one to use.
    fn chosen(&self) {
        let Some(file) = chosen_file() else { return };
        let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
        self.forget_preview();
        self.pending.set(Pending::File { name: file.name(), preview });
        self.error.set(None);
    }

    fn forget_preview(&self) {
        if let Pending::File { preview, .. } = self.pending.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&preview);
        }
    }

    /// Nothing waiting any more (after a save).
    pub fn clear(&self) {
        self.forget_preview();
        if let Some(input) = file_input() {
            input.set_value("");
        }
        self.pending.set(Pending::Nothing);
        self.progress.set(None);
        self.url.set(String::new());
    }

    /// Sends the waiting change to `/account/avatar`, reporting progress, then calls `done`
    /// with the account as it is now (or the error, which is also kept in `error`).
    pub fn send(&self, done: impl FnOnce(Result<UserView, AppError>) + 'static) {
        let form = match web_sys::FormData::new() {
            Ok(form) => form,
            Err(_) => return done(Err(AppError::Internal)),
        };
        let filled = match self.pending.get_untracked() {
            Pending::Nothing => return,
            Pending::File { name, .. } => chosen_file().is_some_and(|file| {
                form.append_with_str("action", "upload").is_ok()
                    && form.append_with_blob_and_filename("file", &file, &name).is_ok()
            }),
            Pending::Url(url) => {
                form.append_with_str("action", "url").is_ok() && form.append_with_str("avatar_url", &url).is_ok()
            }
            Pending::Default => form.append_with_str("action", "default").is_ok(),
        };
        if !filled {
            return done(Err(AppError::field("avatar", i18n::k::account_avatar_choose_again())));
        }
        let draft = *self;
        post(form, self.progress, move |result| {
            draft.progress.set(None);
            match &result {
                Ok(_) => draft.clear(),
                Err(e) => draft.error.set(Some(e.clone())),
            }
            done(result);
        });
    }
}

fn file_input() -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    document().get_element_by_id(FILE_INPUT)?.dyn_into().ok()
}

fn chosen_file() -> Option<web_sys::File> {
    file_input()?.files()?.get(0)
}

/// POSTs `form` with XMLHttpRequest (fetch reports no upload progress).
#[cfg(feature = "hydrate")]
fn post(
    form: web_sys::FormData,
    progress: RwSignal<Option<u32>>,
    done: impl FnOnce(Result<UserView, AppError>) + 'static,
) {
    use wasm_bindgen::{closure::Closure, JsCast};

    let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return done(Err(AppError::Internal)) };
    if xhr.open("POST", "/account/avatar").is_err() {
        return done(Err(AppError::Internal));
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    progress.set(Some(0));
    let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress.set(Some((e.loaded() / e.total() * 100.0).round() as u32));
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let answered = xhr.clone();
    let on_end = Closure::once_into_js(move || {
        drop(on_progress);
        let body = answered.response_text().ok().flatten().unwrap_or_default();
        let result = match answered.status() {
            Ok(200) => serde_json::from_str::<UserView>(&body).map_err(|_| AppError::Internal),
            Ok(0) | Err(_) => Err(AppError::Internal),
            Ok(_) => Err(serde_json::from_str::<AppError>(&body).unwrap_or(AppError::Internal)),
        };
        done(result);
    });
    xhr.set_onloadend(Some(on_end.unchecked_ref()));
    if xhr.send_with_opt_form_data(Some(&form)).is_err() {
        progress.set(None);
    }
}

#[cfg(not(feature = "hydrate"))]
fn post(_: web_sys::FormData, _: RwSignal<Option<u32>>, _: impl FnOnce(Result<UserView, AppError>) + 'static) {}

/// What a form posted without the script came back with (`?avatar_error=`), as its message.
fn returned_error() -> Option<String> {
    let query = leptos_router::hooks::use_query_map();
    let code = query.with_untracked(|q| q.get("avatar_error"));
    code.map(|c| match c.as_str() {
        "file" => t!(account_avatar_error_file),
        "url" => t!(account_avatar_error_url),
        _ => t!(account_avatar_error_other),
    })
}

/// The picture, the choices, and (without the script) their own buttons.
#[component]
pub fn AvatarPicker(
    draft: AvatarDraft,
    /// The account as last saved.
    saved: RwSignal<UserView>,
    hydrated: RwSignal<bool>,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let returned = returned_error();
    let file_error =
        Signal::derive(move || draft.error.get().and_then(|e| field_text(&e, "avatar")).or_else(|| returned.clone()));
    let url_error = Signal::derive(move || draft.error.get().and_then(|e| field_text(&e, "avatar_url")));
    let url_typed = draft.url;
    let picture = move || {
        match draft.pending.get() {
        Pending::File { preview, name } => {
            view! { <img class="avatar-picture" src=preview alt=t!(account_avatar_preview, name) width="128" height="128"/> }
                .into_any()
        }
        Pending::Default => view! {
            <span class="avatar avatar-picture" role="img" aria-label=t!(account_avatar_preview_default)>
                {saved.with(UserView::initials)}
            </span>
        }
        .into_any(),
        Pending::Nothing | Pending::Url(_) => view! {
            <img
                class="avatar-picture"
                src=saved.with(|u| u.avatar_url(256))
                alt=t!(account_avatar_current)
                width="128"
                height="128"
            />
        }
        .into_any(),
    }
    };
    let drop_file = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let dropped = ev.data_transfer().and_then(|d| d.files()).filter(|f| f.length() > 0);
        if let (Some(files), Some(input)) = (dropped, file_input()) {
            input.set_files(Some(&files));
            draft.chosen();
        }
    };
    view! {
        <form class="avatar-form" method="post" action="/account/avatar" enctype="multipart/form-data">
            <fieldset class="field" class:has-error=move || file_error.get().is_some()>
                <legend>{t!(account_avatar_legend)}</legend>
                <div
                    class="avatar-drop"
                    class:dragging=move || dragging.get()
                    on:dragover=move |ev| {
                        ev.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=drop_file
                    data-testid="avatar-drop"
                >
                    {picture}
                    <div class="avatar-actions">
                        <input
                            id=FILE_INPUT
                            class="visually-hidden"
                            type="file"
                            name="file"
                            accept="image/png,image/jpeg,image/webp,image/gif"
                            aria-describedby="field-avatar-hint field-avatar-error"
                            on:change=move |_| draft.chosen()
                        />
                        <label class="button secondary" for="field-avatar">{t!(account_avatar_upload)}</label>
                        <button
                            type="submit"
                            name="action"
                            value="default"
                            class="secondary"
                            on:click=move |ev| {
                                ev.prevent_default();
                                draft.forget_preview();
                                draft.pending.set(Pending::Default);
                                draft.error.set(None);
                            }
                        >
                            {t!(account_avatar_use_default)}
                        </button>
                        <button type="submit" name="action" value="upload" class="secondary" hidden=move || hydrated.get()>
                            {t!(account_avatar_save)}
                        </button>
                        <p class="hint" id="field-avatar-hint">
                            {t!(account_avatar_hint)}
                        </p>
                    </div>
                </div>
                {move || {
                    draft.progress.get().map(|pct| view! {
                        <progress max="100" value=pct aria-label=t!(account_avatar_uploading)>{t!(account_avatar_progress, pct)}</progress>
                    })
                }}
                {move || match draft.pending.get() {
                    Pending::File { name, .. } => Some(t!(account_avatar_pending_file, name)),
                    Pending::Default => Some(t!(account_avatar_pending_default)),
                    Pending::Url(_) => Some(t!(account_avatar_pending_url)),
                    Pending::Nothing => None,
                }.map(|m| view! { <p class="hint" role="status">{m}</p> })}
                <p class="field-error" id="field-avatar-error">{move || file_error.get()}</p>
            </fieldset>
            <div class="field" class:has-error=move || url_error.get().is_some()>
                <label for="field-avatar_url">{t!(account_avatar_url)}</label>
                <input
                    id="field-avatar_url"
                    type="url"
                    name="avatar_url"
                    placeholder="https://"
                    prop:value=move || url_typed.get()
                    aria-invalid=move || if url_error.get().is_some() { "true" } else { "false" }
                    aria-describedby="field-avatar_url-error"
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        url_typed.set(typed.clone());
                        draft.error.set(None);
                        if typed.trim().is_empty() {
                            if matches!(draft.pending.get_untracked(), Pending::Url(_)) {
                                draft.pending.set(Pending::Nothing);
                            }
                        } else {
                            draft.forget_preview();
                            draft.pending.set(Pending::Url(typed));
                        }
                    }
                />
                <button type="submit" name="action" value="url" class="secondary" hidden=move || hydrated.get()>
                    {t!(account_avatar_fetch)}
                </button>
                <p class="field-error" id="field-avatar_url-error">{move || url_error.get()}</p>
            </div>
        </form>
    }
}
