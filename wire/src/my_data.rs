//! Preferences → My Data: the exports of a person's data, as the page sees them. Holds no link
//! token (it is mailed, and stored hashed).

use serde::{Deserialize, Serialize};

/// The file an export makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// **Download my data**: one self-contained HTML page, readable in any browser.
    Html,
    /// **Export my data**: JSON following the published schema (`/schemas/my-data-v1.json`).
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Html, ExportFormat::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Html => "text/html; charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }
}

/// Where an export stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportState {
    /// Waiting for a worker (one export per account runs at a time).
    Queued,
    /// Being written; `progress` says how far.
    Running,
    /// Written, and the link mailed.
    Ready,
    /// The link was used (it works once).
    Downloaded,
    /// The link's 24 hours are over; the file is deleted.
    Expired,
    /// Something went wrong; the request does not count against the daily limit.
    Failed,
}

impl ExportState {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportState::Queued => "queued",
            ExportState::Running => "running",
            ExportState::Ready => "ready",
            ExportState::Downloaded => "downloaded",
            ExportState::Expired => "expired",
            ExportState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<ExportState> {
        [
            ExportState::Queued,
            ExportState::Running,
            ExportState::Ready,
            ExportState::Downloaded,
            ExportState::Expired,
            ExportState::Failed,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }

    /// Still to be written: the page keeps asking.
    pub fn pending(self) -> bool {
        matches!(self, ExportState::Queued | ExportState::Running)
    }
}

/// The newest export of one format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportView {
    pub format: ExportFormat,
    pub state: ExportState,
    /// 0 to 100.
    pub progress: u8,
    pub requested_at: i64,
    /// When the link stops working (ready exports).
    pub expires_at: Option<i64>,
}

/// What Preferences → My Data shows: the newest export of each format, and when each may be
/// asked for again (None: now).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MyDataView {
    pub exports: Vec<ExportView>,
    pub next_html: Option<i64>,
    pub next_json: Option<i64>,
}

impl MyDataView {
    pub fn export(&self, f: ExportFormat) -> Option<&ExportView> {
        self.exports.iter().find(|e| e.format == f)
    }

    pub fn next(&self, f: ExportFormat) -> Option<i64> {
        match f {
            ExportFormat::Html => self.next_html,
            ExportFormat::Json => self.next_json,
        }
    }

    /// Some export is being written: the page asks again shortly.
    pub fn pending(&self) -> bool {
        self.exports.iter().any(|e| e.state.pending())
    }
}

/// The version of the JSON export's format (its schema is `my-data-v{VERSION}.json`).
pub const SCHEMA_VERSION: u32 = 1;
/// Where the schema is published, under the server's public URL.
pub const SCHEMA_PATH: &str = "/schemas/my-data-v1.json";
/// The schema itself (JSON Schema, draft 2020-12).
pub const SCHEMA: &str = include_str!("../../docs/my-data-v1.schema.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_states_round_trip_and_the_schema_is_json() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.as_str()), Some(f));
        }
        assert_eq!(ExportFormat::parse("xml"), None);
        for s in ["queued", "running", "ready", "downloaded", "expired", "failed"] {
            assert_eq!(ExportState::parse(s).map(ExportState::as_str), Some(s));
        }
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], SCHEMA_VERSION);
        assert_eq!(schema["$id"], "urn:gatehouse:my-data:v1");
    }
}
