//! The browser entry point: hydrate the server-rendered page. Pages are lazy routes, so the
//! code of the page being shown is loaded (split chunks) before hydration starts.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        leptos::mount::hydrate_from_async(body.clone(), app::App).await.forget();
        // Lets tests (and curious people) tell a hydrated page from the server-rendered one.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
