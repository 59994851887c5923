//! The browser entry point: download the catalogue of the page's language, then hydrate the
//! server-rendered page. Pages are lazy routes, so the code of the page being shown is loaded
//! (split chunks) before hydration starts.
//!
//! The catalogue is the file the page names in `<link id="i18n" rel="preload">` (fetched while
//! the WASM downloads, so waiting for it costs nothing more); only the page's language is
//! downloaded. Without it the page is not hydrated: it stays the server's page, whose forms
//! work without JavaScript.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        match catalogue(&document).await {
            Some(c) => app::words::install(c),
            None => {
                web_sys::console::warn_1(&"Gatehouse: the page's catalogue did not load; not hydrating".into());
                return;
            }
        }
        leptos::mount::hydrate_from_async(body.clone(), app::App).await.forget();
        // Lets tests (and curious people) tell a hydrated page from the server-rendered one.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

async fn catalogue(document: &web_sys::Document) -> Option<i18n::Catalogue> {
    let lang = document.document_element()?.get_attribute("lang")?;
    // The page's preload link names the content-hashed file; a page rendered without it (Leptos
    // can drop a head link under load) still gets its language, revalidated.
    let href = document
        .get_element_by_id("i18n")
        .and_then(|l| l.get_attribute("href"))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| format!("/i18n/{lang}.ftl"));
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&href)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    i18n::Catalogue::parse(&lang, text).ok()
}
