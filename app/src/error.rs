//! `AppError`: the one error type that crosses the wire.
//!
//! Server functions return `Result<T, AppError>`. Its messages are written for the person in
//! front of the form; internal causes (database, crypto, I/O) are logged on the server and cross
//! the wire only as [`AppError::Internal`].

use serde::{Deserialize, Serialize};
use server_fn::{codec::JsonEncoding, error::FromServerFnError, ServerFnError};

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You are not allowed to do that.")]
    Forbidden,
    #[error("{}", first_message(errors))]
    Validation { errors: Vec<FieldError> },
    /// Wrong identifier or wrong password: one message for both.
    #[error("Incorrect username/email or password.")]
    InvalidCredentials,
    #[error("That code is not valid.")]
    InvalidCode,
    #[error("Too many attempts. Try again in {}.", wait_text(*retry_after))]
    RateLimited { retry_after: u64 },
    #[error("Not found.")]
    NotFound,
    /// A mailed link that was used, replaced by a newer one, or too old.
    #[error("This link is invalid or has expired. Ask for a new one.")]
    InvalidLink,
    #[error("Your password has expired. Choose a new one to continue.")]
    PasswordExpired,
    /// A sign-in waiting for its second factor that is gone (expired, used, or too many wrong codes).
    #[error("Your sign-in has expired. Sign in again.")]
    SignInExpired,
    /// A sensitive change needs the password (and second factor) entered again first.
    #[error("Confirm it's you first: enter your password (and a code, if you use two-factor authentication) on the Security page.")]
    ReauthenticationRequired,
    /// An administrator requires two-factor authentication and this account has not set it up.
    #[error("Your administrator requires two-factor authentication. Set it up to continue.")]
    TwoFactorSetupRequired,
    #[error("{message}")]
    Conflict { field: String, message: String },
    #[error("The request could not be understood.")]
    BadRequest,
    #[error("Could not reach the server. Check your connection and try again.")]
    Network,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

fn first_message(errors: &[FieldError]) -> String {
    errors.first().map(|e| e.message.clone()).unwrap_or_else(|| "Please check the form.".to_owned())
}

fn wait_text(seconds: u64) -> String {
    match seconds {
        0..=60 => "a minute".to_owned(),
        s => format!("{} minutes", s.div_ceil(60)),
    }
}

impl AppError {
    /// A validation error on one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation { errors: vec![FieldError { field: field.to_owned(), message: message.into() }] }
    }

    /// The message for `field`, if this error is about it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation { errors } => {
                let messages: Vec<&str> =
                    errors.iter().filter(|e| e.field == field).map(|e| e.message.as_str()).collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            }
            AppError::Conflict { field: f, message } if f == field => Some(message.clone()),
            // A wrong second-factor code belongs next to the code field.
            AppError::InvalidCode if field == "code" => Some(self.to_string()),
            _ => None,
        }
    }

    /// True when the error belongs next to a field rather than at the top of the form.
    pub fn is_field_error(&self) -> bool {
        matches!(self, AppError::Validation { .. } | AppError::Conflict { .. } | AppError::InvalidCode)
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated
            | AppError::InvalidCredentials
            | AppError::InvalidCode
            | AppError::SignInExpired
            | AppError::ReauthenticationRequired => 401,
            AppError::Forbidden | AppError::PasswordExpired | AppError::TwoFactorSetupRequired => 403,
            AppError::InvalidLink => 400,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::Validation { .. } => 422,
            AppError::RateLimited { .. } => 429,
            AppError::BadRequest => 400,
            AppError::Network => 503,
            AppError::Internal => 500,
        }
    }
}

/// Collects field problems; turns into `AppError::Validation` when any were found.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError { field: field.to_owned(), message: message.into() });
    }

    /// Records the error of a parse result and returns its value.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation { errors: self.0 })
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => AppError::BadRequest,
            E::Request(_) | E::Response(_) => AppError::Network,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failure");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!(error = %value, "server function failure");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
mod ssr_conversions {
    use super::AppError;

    impl From<sqlx::Error> for AppError {
        fn from(value: sqlx::Error) -> Self {
            tracing::error!(error = %value, "database error");
            AppError::Internal
        }
    }

    impl From<sqlx::migrate::MigrateError> for AppError {
        fn from(value: sqlx::migrate::MigrateError) -> Self {
            tracing::error!(error = %value, "migration error");
            AppError::Internal
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_messages_are_found_by_field() {
        let mut p = Problems::default();
        p.add("email", "Enter a valid email address.");
        p.add("password", "Use at least 8 characters.");
        let err = p.into_result().unwrap_err();
        assert_eq!(err.field_message("email").as_deref(), Some("Enter a valid email address."));
        assert_eq!(err.field_message("password").as_deref(), Some("Use at least 8 characters."));
        assert_eq!(err.field_message("name"), None);
        assert_eq!(err.status(), 422);
    }

    #[test]
    fn errors_round_trip_as_tagged_json() {
        let err = AppError::RateLimited { retry_after: 120 };
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(json, r#"{"error":"rate_limited","retry_after":120}"#);
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
        assert_eq!(err.to_string(), "Too many attempts. Try again in 2 minutes.");
    }

    #[test]
    fn bad_arguments_are_a_client_error() {
        let err = AppError::from_server_fn_error(server_fn::error::ServerFnErrorErr::Args("x".into()));
        assert_eq!(err, AppError::BadRequest);
        assert_eq!(err.status(), 400);
    }
}
