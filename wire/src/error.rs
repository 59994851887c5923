//! `AppError`: the one error type that crosses the wire, for server functions and the REST API
//! alike.
//!
//! Its messages are written for the person in front of the form; internal causes (database,
//! crypto, I/O) are logged on the server and cross the wire only as [`AppError::Internal`].
//!
//! On the wire every error is one flat JSON object (see [`ErrorBody`]): a stable machine `error`
//! code, the `message`, and the fields that variant carries. The same body and the same HTTP
//! status (`AppError::status`) answer a server function and a REST call; on the server the one
//! `IntoResponse` (feature `axum`) makes both.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::two_factor::Method;

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
    /// The current password given to confirm a change is wrong (403: the request was valid,
    /// its proof was not), shown next to `field`.
    #[error("Your current password is not correct.")]
    IncorrectPassword { field: String },
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
    #[error("Confirm it's you first: enter your password again (and a code, if you use two-factor authentication).")]
    ReauthenticationRequired,
    /// An administrator requires two-factor authentication and this account has not set it up.
    #[error("Your administrator requires two-factor authentication. Set it up to continue.")]
    TwoFactorSetupRequired,
    /// A call that needs a second-factor code (REST: `X-2fa-Method` and `X-2fa-Code`), or a
    /// sign-in that continues with one: `pending` names it.
    #[error("{}", if pending.is_some() {
        "Send the code: POST /api/v1/auth/login with pending, method and code."
    } else {
        "This call needs a second factor: send X-2fa-Method and X-2fa-Code."
    })]
    TwoFactorRequired { methods: Vec<Method>, pending: Option<String> },
    #[error("{message}")]
    Conflict { field: String, message: String },
    #[error("The request could not be understood.")]
    BadRequest,
    /// A known address called with a method it does not answer (405, with `Allow`).
    #[error("This address does not answer that method.")]
    MethodNotAllowed,
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
            AppError::IncorrectPassword { field: f } if f == field => Some(self.to_string()),
            // A wrong second-factor code belongs next to the code field.
            AppError::InvalidCode if field == "code" => Some(self.to_string()),
            _ => None,
        }
    }

    /// True when the error belongs next to a field rather than at the top of the form.
    pub fn is_field_error(&self) -> bool {
        matches!(
            self,
            AppError::Validation { .. }
                | AppError::Conflict { .. }
                | AppError::InvalidCode
                | AppError::IncorrectPassword { .. }
        )
    }

    /// The stable machine code clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::Validation { .. } => "validation",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::InvalidCode => "invalid_code",
            AppError::IncorrectPassword { .. } => "incorrect_password",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::NotFound => "not_found",
            AppError::InvalidLink => "invalid_link",
            AppError::PasswordExpired => "password_expired",
            AppError::SignInExpired => "sign_in_expired",
            AppError::ReauthenticationRequired => "reauthentication_required",
            AppError::TwoFactorSetupRequired => "two_factor_setup_required",
            AppError::TwoFactorRequired { .. } => "two_factor_required",
            AppError::Conflict { .. } => "conflict",
            AppError::BadRequest => "bad_request",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Network => "network",
            AppError::Internal => "internal",
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated
            | AppError::InvalidCredentials
            | AppError::InvalidCode
            | AppError::SignInExpired
            | AppError::ReauthenticationRequired
            | AppError::TwoFactorRequired { .. } => 401,
            AppError::Forbidden
            | AppError::PasswordExpired
            | AppError::TwoFactorSetupRequired
            | AppError::IncorrectPassword { .. } => 403,
            AppError::InvalidLink | AppError::BadRequest => 400,
            AppError::NotFound => 404,
            AppError::MethodNotAllowed => 405,
            AppError::Conflict { .. } => 409,
            AppError::Validation { .. } => 422,
            AppError::RateLimited { .. } => 429,
            AppError::Network => 503,
            AppError::Internal => 500,
        }
    }

    /// The body that goes on the wire.
    pub fn body(&self) -> ErrorBody {
        let mut body = ErrorBody {
            error: self.code().to_owned(),
            message: self.to_string(),
            field: None,
            errors: None,
            retry_after: None,
            methods: None,
            pending: None,
        };
        match self {
            AppError::Validation { errors } => {
                body.field = errors.first().map(|e| e.field.clone());
                body.errors = Some(errors.clone());
            }
            AppError::Conflict { field, .. } => body.field = Some(field.clone()),
            // As a validation error's too, for clients that read `errors`.
            AppError::IncorrectPassword { field } => {
                body.field = Some(field.clone());
                body.errors = Some(vec![FieldError { field: field.clone(), message: self.to_string() }]);
            }
            AppError::RateLimited { retry_after } => body.retry_after = Some(*retry_after),
            AppError::TwoFactorRequired { methods, pending } => {
                body.methods = Some(methods.clone());
                body.pending = pending.clone();
            }
            _ => {}
        }
        body
    }

    /// The error a body stands for. An unknown code is `Internal`.
    pub fn from_body(body: ErrorBody) -> AppError {
        match body.error.as_str() {
            "unauthenticated" => AppError::Unauthenticated,
            "forbidden" => AppError::Forbidden,
            "validation" => AppError::Validation { errors: body.errors.unwrap_or_default() },
            "invalid_credentials" => AppError::InvalidCredentials,
            "invalid_code" => AppError::InvalidCode,
            "incorrect_password" => AppError::IncorrectPassword { field: body.field.unwrap_or_default() },
            "rate_limited" => AppError::RateLimited { retry_after: body.retry_after.unwrap_or(60) },
            "not_found" => AppError::NotFound,
            "invalid_link" => AppError::InvalidLink,
            "password_expired" => AppError::PasswordExpired,
            "sign_in_expired" => AppError::SignInExpired,
            "reauthentication_required" => AppError::ReauthenticationRequired,
            "two_factor_setup_required" => AppError::TwoFactorSetupRequired,
            "two_factor_required" => {
                AppError::TwoFactorRequired { methods: body.methods.unwrap_or_default(), pending: body.pending }
            }
            "conflict" => AppError::Conflict { field: body.field.unwrap_or_default(), message: body.message },
            "bad_request" => AppError::BadRequest,
            "method_not_allowed" => AppError::MethodNotAllowed,
            "network" => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

/// An error as it crosses the wire: `{"error": code, "message": text, ...}`, with `field` (the
/// first field concerned), `errors` (every field problem), `retry_after` (seconds), `methods`
/// and `pending` (a second factor is needed) when the error has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable code: `unauthenticated`, `forbidden`, `not_found`, `validation`, `conflict`,
    /// `two_factor_required`, `invalid_code`, `incorrect_password`, `rate_limited`,
    /// `bad_request`, `method_not_allowed`, …
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// With `rate_limited`: seconds until a new try may succeed (also the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// With `two_factor_required`: the methods a code may come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub methods: Option<Vec<Method>>,
    /// With `two_factor_required` from the login: the sign-in to continue (five minutes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<String>,
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.body().serialize(s)
    }
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ErrorBody::deserialize(d).map(AppError::from_body)
    }
}

impl fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
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

/// A database failure is logged on the server and crosses the wire only as `Internal`.
#[cfg(feature = "sqlx")]
impl From<sqlx::Error> for AppError {
    fn from(value: sqlx::Error) -> Self {
        tracing::error!(error = %value, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "sqlx")]
impl From<sqlx::migrate::MigrateError> for AppError {
    fn from(value: sqlx::migrate::MigrateError) -> Self {
        tracing::error!(error = %value, "migration error");
        AppError::Internal
    }
}

/// The one HTTP answer for an error: its status, `Retry-After` when it has one, and its JSON
/// body. The REST API returns it as is; server functions take the status and headers from it
/// (their body is the same JSON, written by `server_fn`).
#[cfg(feature = "axum")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = match self {
            AppError::RateLimited { retry_after } => Some(retry_after),
            _ => None,
        };
        let mut res = (status, axum::Json(self.body())).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut().insert(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
        }
        res
    }
}

#[cfg(feature = "server-fn")]
mod server_fn_error {
    use std::sync::OnceLock;

    use server_fn::{
        codec::JsonEncoding,
        error::{FromServerFnError, ServerFnErrorErr},
        Bytes, Encodes, ServerFnError,
    };

    use super::AppError;

    /// Called on the server with every server-function error as it is written, inside the
    /// request's reactive scope: the server sets the response's status and headers there (from
    /// the same `IntoResponse` as the REST API), for arguments that do not parse as well as for
    /// errors the function returns.
    static ON_SERVER_ERROR: OnceLock<fn(&AppError)> = OnceLock::new();

    /// Installs the hook (once per process; later calls are ignored: it is always the same function).
    pub fn on_server_error(hook: fn(&AppError)) {
        let _ = ON_SERVER_ERROR.set(hook);
    }

    impl FromServerFnError for AppError {
        type Encoder = JsonEncoding;

        fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
            use ServerFnErrorErr as E;
            match value {
                E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => AppError::BadRequest,
                E::Request(_) | E::Response(_) => AppError::Network,
                other => {
                    log_failure(&other.to_string());
                    AppError::Internal
                }
            }
        }

        fn ser(&self) -> Bytes {
            if let Some(hook) = ON_SERVER_ERROR.get() {
                hook(self);
            }
            <JsonEncoding as Encodes<AppError>>::encode(self)
                .unwrap_or_else(|_| Bytes::from_static(br#"{"error":"internal","message":""}"#))
        }
    }

    impl From<ServerFnError> for AppError {
        fn from(value: ServerFnError) -> Self {
            log_failure(&value.to_string());
            AppError::Internal
        }
    }

    fn log_failure(what: &str) {
        #[cfg(feature = "tracing")]
        tracing::error!(error = %what, "server function failure");
        #[cfg(not(feature = "tracing"))]
        let _ = what;
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn bad_arguments_are_a_client_error() {
            let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
            assert_eq!(err, AppError::BadRequest);
            assert_eq!(err.status(), 400);
        }
    }
}

#[cfg(feature = "server-fn")]
pub use server_fn_error::on_server_error;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    fn errors_round_trip_as_one_flat_body() {
        let err = AppError::RateLimited { retry_after: 120 };
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(
            json,
            r#"{"error":"rate_limited","message":"Too many attempts. Try again in 2 minutes.","retry_after":120}"#
        );
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);

        let cases = [
            AppError::field("email", "Enter an email address."),
            AppError::Conflict { field: "username".into(), message: "That username is taken.".into() },
            AppError::TwoFactorRequired { methods: vec![Method::Totp, Method::Backup], pending: Some("p".into()) },
            AppError::TwoFactorRequired { methods: vec![Method::Email], pending: None },
            AppError::Unauthenticated,
            AppError::IncorrectPassword { field: "current_password".into() },
            AppError::Internal,
        ];
        for err in cases {
            let json = serde_json::to_value(&err).unwrap();
            assert_eq!(json["error"], err.code());
            assert_eq!(json["message"], err.to_string());
            assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), err);
        }
        let v = serde_json::to_value(AppError::field("email", "x")).unwrap();
        assert_eq!(v["field"], "email", "the first field, for clients that show one");
        assert_eq!(v["errors"][0]["field"], "email");
        let wrong = AppError::IncorrectPassword { field: "current_password".into() };
        assert_eq!(wrong.status(), 403, "a valid request whose proof failed");
        assert!(wrong.is_field_error());
        assert_eq!(wrong.field_message("current_password").as_deref(), Some("Your current password is not correct."));
        let v = serde_json::to_value(&wrong).unwrap();
        assert_eq!((&v["field"], &v["errors"][0]["field"]), (&json!("current_password"), &json!("current_password")));
    }

    #[test]
    fn unknown_codes_read_as_internal() {
        let e: AppError = serde_json::from_str(r#"{"error":"new_thing","message":"?"}"#).unwrap();
        assert_eq!(e, AppError::Internal);
    }
}
