//! Who is asking: the account, and how it proved it (a browser session, a session token from
//! the API login, or a personal access token). Every service that acts for a signed-in caller
//! takes a `Principal`.

use wire::error::AppError;

use crate::accounts::UserRow;

#[derive(Debug, Clone)]
pub struct Principal {
    pub user: UserRow,
    pub via: Via,
}

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A session: a browser's cookie, or a token from `POST /api/v1/auth/login`.
    Session { id: String },
    /// A personal access token.
    Token { id: String, read_only: bool, ignore_two_factor: bool },
}

impl Principal {
    pub fn session(user: UserRow, session_id: String) -> Self {
        Principal { user, via: Via::Session { id: session_id } }
    }

    /// The session the caller came with, if it came with one.
    pub fn session_id(&self) -> Option<&str> {
        match &self.via {
            Via::Session { id } => Some(id),
            Via::Token { .. } => None,
        }
    }

    /// What an emailed code asked by this caller is bound to: a code mailed for one session
    /// (or token) works only for it.
    pub fn binding(&self) -> String {
        match &self.via {
            Via::Session { id } => format!("session:{id}"),
            Via::Token { id, .. } => format!("api-token:{id}"),
        }
    }

    /// Writes need a session or a read-write token.
    pub fn require_write(&self) -> Result<(), AppError> {
        match self.via {
            Via::Token { read_only: true, .. } => Err(AppError::Forbidden),
            _ => Ok(()),
        }
    }

    /// A token made with "Ignore Two Factor Authentication" skips the code of 2FA-protected calls.
    pub fn ignores_two_factor(&self) -> bool {
        matches!(self.via, Via::Token { ignore_two_factor: true, .. })
    }
}
