//! The My Data panel at the end of Preferences.

use leptos::prelude::*;
use wire::my_data::{ExportFormat, ExportState, ExportView, MyDataView, SCHEMA_PATH};

use super::api::{my_data_status, RequestMyData};
use crate::{
    t,
    ui::{error_text, format_time_as, ErrorNotice},
};

/// A time as the account writes times (Preferences → Time Format).
fn when(ms: i64) -> String {
    format_time_as(ms, crate::auth::ui::Auth::display().get().time_format)
}

/// How often the page asks how an export is doing while one is written.
const POLL_MS: u64 = 1500;

#[component]
pub fn MyDataPanel() -> impl IntoView {
    let html = ServerAction::<RequestMyData>::new();
    let json = ServerAction::<RequestMyData>::new();
    let tick = RwSignal::new(0u32);
    let status = Resource::new(move || (html.version().get(), json.version().get(), tick.get()), |_| my_data_status());
    // While an export is queued or running, ask again shortly (in the browser only).
    Effect::new(move |_| {
        let pending = status.get().and_then(Result::ok).is_some_and(|v| v.pending());
        if pending {
            set_timeout(move || tick.update(|n| *n += 1), std::time::Duration::from_millis(POLL_MS));
        }
    });
    view! {
        <section class="panel" id="my-data" aria-labelledby="my-data-heading">
            <h2 id="my-data-heading">{t!(my_data_heading)}</h2>
            <p class="intro">{t!(my_data_intro)}</p>
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(v) => view! {
                            <div class="my-data">
                                <ExportRow view=v.clone() format=ExportFormat::Html action=html/>
                                <ExportRow view=v format=ExportFormat::Json action=json/>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <p class="hint">
                <a href=SCHEMA_PATH>{t!(my_data_schema)}</a>
            </p>
        </section>
    }
}

/// One format: its button, where its newest export stands, and when it may be asked again.
#[component]
fn ExportRow(view: MyDataView, format: ExportFormat, action: ServerAction<RequestMyData>) -> impl IntoView {
    let (label, kind) = match format {
        ExportFormat::Html => (t!(my_data_download), t!(my_data_html)),
        ExportFormat::Json => (t!(my_data_export), t!(my_data_json)),
    };
    let error = move || action.value().get().and_then(Result::err).map(|e| error_text(&e));
    let next = view.next(format);
    let id = format!("my-data-{}", format.as_str());
    let status_id = format!("{id}-status");
    let described = status_id.clone();
    view! {
        <div class="my-data-row" id=id.clone()>
            <ActionForm action=action>
                <input type="hidden" name="format" value=format.as_str()/>
                <button
                    type="submit"
                    class="primary"
                    disabled=next.is_some()
                    aria-describedby=described.clone()
                    aria-busy=move || action.pending().get().to_string()
                >
                    {label}
                </button>
                <span class="hint">" "{kind}</span>
            </ActionForm>
            <p class="field-error" role="alert">{error}</p>
            <p class="facts-line" id=status_id role="status" data-testid=format!("my-data-{}-state", format.as_str())>
                {view.export(format).cloned().map(state_line)}
            </p>
            {next.map(|at| view! { <p class="hint">{move || t!(my_data_next, when(at))}</p> })}
        </div>
    }
}

fn state_line(e: ExportView) -> AnyView {
    match e.state {
        ExportState::Queued => t!(my_data_state_queued).into_any(),
        ExportState::Running => view! {
            <span>{t!(my_data_state_running, i64::from(e.progress))}</span>
            " "
            <progress max="100" value=e.progress.to_string()>{format!("{}%", e.progress)}</progress>
        }
        .into_any(),
        ExportState::Ready => {
            let at = e.expires_at.unwrap_or(e.requested_at);
            view! { <span>{move || t!(my_data_state_ready, when(at))}</span> }.into_any()
        }
        ExportState::Downloaded => t!(my_data_state_downloaded).into_any(),
        ExportState::Expired => t!(my_data_state_expired).into_any(),
        ExportState::Failed => t!(my_data_state_failed).into_any(),
    }
}
