//! Presence on the wire: what an account's clients report (`online`, `away`), and the status
//! others see, which joins it with the status chosen on the Profile (see `gatehouse_core::presence`).

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

use crate::profile::Status;

/// A client's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    Online,
    Away,
    Offline,
}

impl Connection {
    pub fn as_str(self) -> &'static str {
        match self {
            Connection::Online => "online",
            Connection::Away => "away",
            Connection::Offline => "offline",
        }
    }

    /// What a client may report: `online` or `away` (offline is the absence of reports).
    pub fn parse_report(s: &str) -> Result<Connection, Msg> {
        match s {
            "online" => Ok(Connection::Online),
            "away" => Ok(Connection::Away),
            _ => Err(k::error_presence_report()),
        }
    }
}

/// The presence and the status it makes, for the account, its clients and other apps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PresenceView {
    /// What others see (the colour of the avatar's dot): `online`, `away`, `busy` or `offline`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(online|away|busy|offline)$"))]
    pub status: Status,
    /// What the account's clients last reported; `offline` when none did in the last five
    /// minutes.
    pub connection: Connection,
    /// The status chosen on the Profile.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(online|away|busy|offline)$"))]
    pub chosen: Status,
    /// Unix milliseconds of the last report still in force (none: null).
    pub seen_at: Option<i64>,
}

/// The status others see, from the chosen one and the connection.
pub fn status(chosen: Status, connection: Connection) -> Status {
    match (chosen, connection) {
        (Status::Offline, _) | (_, Connection::Offline) => Status::Offline,
        (Status::Online, Connection::Away) => Status::Away,
        (chosen, _) => chosen,
    }
}

/// Enable Auto-Away and its idle time, for the page that watches for input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoAway {
    pub enabled: bool,
    pub idle_seconds: u32,
}

impl AutoAway {
    pub fn of(p: &crate::preferences::Preferences) -> AutoAway {
        AutoAway { enabled: p.enable_auto_away, idle_seconds: p.idle_time_limit.get() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_joins_the_chosen_one_and_the_connection() {
        use Connection as C;
        let cases = [
            (Status::Online, C::Online, Status::Online),
            (Status::Online, C::Away, Status::Away),
            (Status::Online, C::Offline, Status::Offline),
            (Status::Busy, C::Online, Status::Busy),
            (Status::Busy, C::Away, Status::Busy),
            (Status::Busy, C::Offline, Status::Offline),
            (Status::Away, C::Online, Status::Away),
            (Status::Offline, C::Online, Status::Offline),
        ];
        for (chosen, connection, expected) in cases {
            assert_eq!(status(chosen, connection), expected, "{chosen:?} {connection:?}");
        }
        assert_eq!(Connection::parse_report("away"), Ok(Connection::Away));
        assert_eq!(Connection::parse_report("offline"), Err(k::error_presence_report()), "the absence of reports");
    }
}
