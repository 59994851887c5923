//! What the browser sees of a session.

use serde::{Deserialize, Serialize};

/// One signed-in place, for the Security page. Holds no token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub id: String,
    pub browser: String,
    pub os: String,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The session of the browser asking.
    pub current: bool,
}
