//! Server functions of Preferences → My Data, each authorized through the gate.

use leptos::server;
use wire::my_data::MyDataView;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, my_data};

/// The newest export of each format, its progress, and when each may be asked for again.
#[server(prefix = "/fn", endpoint = "my_data_status")]
pub async fn my_data_status() -> Result<MyDataView, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    my_data::status(&cx.env(), &me.user.id).await
}

/// **Download my data** (`html`) or **Export my data** (`json`): queues the export.
#[server(prefix = "/fn", endpoint = "request_my_data")]
pub async fn request_my_data(format: String) -> Result<MyDataView, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    my_data::request(&cx.env(), &me.user, &format, &cx.meta).await
}
