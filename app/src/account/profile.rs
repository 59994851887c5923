//! The Profile page's form: Profile Picture, Use URL for avatar, Name, Username, Status
//! Message with its colour, Nickname and Bio, saved together by one "Save Changes" (the picture
//! first, then the fields that changed).

use leptos::prelude::*;
use wire::profile::{self, Status, BIO_MAX, NICKNAME_MAX, STATUS_TEXT_MAX};

use super::{
    api::UpdateProfile,
    avatar::{AvatarDraft, AvatarPicker},
};
use crate::{
    auth::{model::UserView, ui::Auth},
    t,
    ui::{field_error, field_text, form_error, guard_unsaved, Field, FormError},
    words::tm,
};

/// The form's fields as typed.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    username: RwSignal<String>,
    status: RwSignal<Status>,
    status_text: RwSignal<String>,
    nickname: RwSignal<String>,
    bio: RwSignal<String>,
}

impl Draft {
    fn new(u: &UserView) -> Self {
        Draft {
            name: RwSignal::new(u.name.clone()),
            username: RwSignal::new(u.username.clone()),
            status: RwSignal::new(u.status),
            status_text: RwSignal::new(u.status_text.clone()),
            nickname: RwSignal::new(u.nickname.clone()),
            bio: RwSignal::new(u.bio.clone()),
        }
    }

    /// The fields that differ from `saved`, and only those.
    fn changes(&self, saved: &UserView) -> UpdateProfile {
        let differs = |field: RwSignal<String>, was: &str| field.with(|v| (v != was).then(|| v.clone()));
        UpdateProfile {
            name: differs(self.name, &saved.name),
            username: differs(self.username, &saved.username),
            status: (self.status.get() != saved.status).then(|| self.status.get().as_str().to_owned()),
            status_text: differs(self.status_text, &saved.status_text),
            nickname: differs(self.nickname, &saved.nickname),
            // The browser gives a textarea's lines ending in `\n`, as the server stores them.
            bio: differs(self.bio, &saved.bio),
        }
    }
}

fn is_empty(c: &UpdateProfile) -> bool {
    c.name.is_none()
        && c.username.is_none()
        && c.status.is_none()
        && c.status_text.is_none()
        && c.nickname.is_none()
        && c.bio.is_none()
}

/// "12 / 64 characters", marked when over.
#[component]
fn Counter(text: RwSignal<String>, max: usize, #[prop(into)] id: String) -> impl IntoView {
    let n = move || text.with(|t| profile::count(t));
    view! {
        <p class="hint counter" class:over={move || n() > max} id=id>
            {move || t!(account_counter, n(), max)}
        </p>
    }
}

#[component]
pub fn ProfileForm(user: UserView) -> impl IntoView {
    let saved_user = Auth::get().saved;
    let action = ServerAction::<UpdateProfile>::new();
    let saved = RwSignal::new(user.clone());
    let draft = Draft::new(&user);
    let avatar = AvatarDraft::default();
    let dirty = Signal::derive(move || avatar.is_dirty() || saved.with(|s| !is_empty(&draft.changes(s))));
    guard_unsaved(dirty);
    // Until the page's script runs, the button posts the whole form (nothing to compare with).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let done = RwSignal::new(false);
    let keep = move |now: UserView| {
        saved.set(now.clone());
        saved_user.set(Some(now));
        done.set(true);
    };
    Effect::new(move |_| {
        if let Some(Ok(now)) = action.value().get() {
            keep(now);
        }
    });
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let just_saved = move || done.get() && !dirty.get();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let text = move || {
            let changes = saved.with_untracked(|s| draft.changes(s));
            if !is_empty(&changes) {
                action.dispatch(changes);
            }
        };
        // The picture first: when it is refused, the fields wait with it, as typed.
        if avatar.is_dirty() {
            avatar.send(move |result| {
                if let Ok(now) = result {
                    keep(now);
                    text();
                }
            });
        } else {
            text();
        }
    };
    let typed = |field: RwSignal<String>| Callback::new(move |v: String| field.set(v));
    let status_error = field_error(error, "status");
    let status_text_error = field_error(error, "status_text");
    let bio_error = field_error(error, "bio");
    let avatar_error = Signal::derive(move || {
        avatar.error.get().filter(|e| field_text(e, "avatar").is_none() && field_text(e, "avatar_url").is_none())
    });
    view! {
        <section class="panel" aria-label=t!(account_profile_details)>
            <FormError message=form_error(error)/>
            <FormError message=form_error(avatar_error)/>
            <AvatarPicker draft=avatar saved hydrated/>
            <form method="post" action="/fn/update_profile" on:submit=on_submit>
                <Field
                    label=t!(account_name)
                    name="name"
                    value=user.name.clone()
                    autocomplete="name"
                    error=field_error(error, "name")
                    required=true
                    on_input=typed(draft.name)
                />
                <Field
                    label=t!(account_username)
                    name="username"
                    value=user.username.clone()
                    autocomplete="username"
                    hint=t!(account_username_hint)
                    error=field_error(error, "username")
                    required=true
                    on_input=typed(draft.username)
                />
                <div class="field" class:has-error=move || status_error.get().or(status_text_error.get()).is_some()>
                    <label for="field-status_text">{t!(account_status_message)}</label>
                    <div class="status-row">
                        <span class=move || format!("status-dot {}", draft.status.get().as_str()) aria-hidden="true"></span>
                        <select
                            name="status"
                            aria-label=t!(account_status)
                            on:change=move |ev| {
                                if let Ok(s) = Status::parse(&event_target_value(&ev)) {
                                    draft.status.set(s);
                                }
                            }
                        >
                            {Status::ALL
                                .into_iter()
                                .map(|s| view! { <option value=s.as_str() selected=s == user.status>{tm(&s.label())}</option> })
                                .collect_view()}
                        </select>
                        <input
                            id="field-status_text"
                            name="status_text"
                            value=user.status_text.clone()
                            placeholder=t!(account_status_placeholder)
                            aria-describedby="field-status_text-error field-status_text-count"
                            aria-invalid=move || if status_text_error.get().is_some() { "true" } else { "false" }
                            on:input=move |ev| draft.status_text.set(event_target_value(&ev))
                        />
                    </div>
                    <Counter text=draft.status_text max=STATUS_TEXT_MAX id="field-status_text-count"/>
                    <p class="field-error" id="field-status_text-error">
                        {move || status_error.get().or(status_text_error.get())}
                    </p>
                </div>
                <Field
                    label=t!(account_nickname)
                    name="nickname"
                    value=user.nickname.clone()
                    autocomplete="nickname"
                    error=field_error(error, "nickname")
                    on_input=typed(draft.nickname)
                    extra=view! { <Counter text=draft.nickname max=NICKNAME_MAX id="field-nickname-count"/> }.into_any()
                />
                <div class="field" class:has-error=move || bio_error.get().is_some()>
                    <label for="field-bio">{t!(account_bio)}</label>
                    <textarea
                        id="field-bio"
                        name="bio"
                        rows="4"
                        aria-describedby="field-bio-error field-bio-count"
                        aria-invalid=move || if bio_error.get().is_some() { "true" } else { "false" }
                        on:input=move |ev| draft.bio.set(event_target_value(&ev))
                    >
                        {user.bio.clone()}
                    </textarea>
                    <p class="hint">{t!(account_bio_hint)}</p>
                    <Counter text=draft.bio max=BIO_MAX id="field-bio-count"/>
                    <p class="field-error" id="field-bio-error">{move || bio_error.get()}</p>
                </div>
                <button
                    type="submit"
                    class="primary"
                    disabled=move || hydrated.get() && !dirty.get()
                    aria-busy=move || (action.pending().get() || avatar.progress.get().is_some()).to_string()
                >
                    {t!(common_save_changes)}
                </button>
                <Show when=just_saved>
                    <p class="notice ok" role="status">{t!(account_profile_saved)}</p>
                </Show>
            </form>
        </section>
    }
}
