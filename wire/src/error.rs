//! `AppError`: the one error type that crosses the wire, for server functions and the REST API
//! alike.
//!
//! Its messages are written for the person in front of the form; internal causes (database,
//! crypto, I/O) are logged on the server and cross the wire only as [`AppError::Internal`].
//! Every message is a catalogue message ([`i18n::Msg`], `i18n/ftl/*/errors.ftl`): the page
//! words it in the reader's language ([`AppError::msg`], [`FieldError::msg`]); the English
//! text goes along for API clients.
//!
//! On the wire every error is one flat JSON object (see [`ErrorBody`]): a stable machine `error`
//! code, the English `message` and its catalogue `code`, and the fields that variant carries.
//! The same body and the same HTTP status (`AppError::status`) answer a server function and a
//! REST call; on the server the one `IntoResponse` (feature `axum`) makes both.

use std::{borrow::Cow, collections::BTreeMap, fmt};

use i18n::{k, Arg, Msg};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::two_factor::Method;

/// `msg` in English, for API clients and logs: the text of the English catalogue (feature
/// `english`, the server's), else (in the browser, which words errors itself) the message's id.
pub fn english(msg: &Msg) -> String {
    #[cfg(feature = "english")]
    {
        i18n::catalogue(i18n::DEFAULT).format(msg)
    }
    #[cfg(not(feature = "english"))]
    {
        msg.id.to_string()
    }
}

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    /// The message's id in Gatehouse's catalogues (`error-enter-password`), for clients that
    /// word it in their own language.
    pub code: String,
    /// The message's arguments (numbers and texts), when it has any.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub args: BTreeMap<String, Arg>,
    /// The message in English.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, msg: Msg) -> FieldError {
        let message = english(&msg);
        FieldError { field: field.to_owned(), code: msg.id.into_owned(), args: msg.args, message }
    }

    /// The message, to word in the reader's language.
    pub fn msg(&self) -> Msg {
        Msg { id: Cow::Owned(self.code.clone()), args: self.args.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    Unauthenticated,
    Forbidden,
    Validation {
        errors: Vec<FieldError>,
    },
    /// Wrong identifier or wrong password: one message for both.
    InvalidCredentials,
    InvalidCode,
    /// The current password given to confirm a change is wrong (403: the request was valid,
    /// its proof was not), shown next to `field`.
    IncorrectPassword {
        field: String,
    },
    RateLimited {
        retry_after: u64,
    },
    NotFound,
    /// A mailed link that was used, replaced by a newer one, or too old.
    InvalidLink,
    PasswordExpired,
    /// A sign-in waiting for its second factor that is gone (expired, used, or too many wrong codes).
    SignInExpired,
    /// A sensitive change needs the password (and second factor) entered again first.
    ReauthenticationRequired,
    /// An administrator requires two-factor authentication and this account has not set it up.
    TwoFactorSetupRequired,
    /// A call that needs a second-factor code (REST: `X-2fa-Method` and `X-2fa-Code`), or a
    /// sign-in that continues with one: `pending` names it.
    TwoFactorRequired {
        methods: Vec<Method>,
        pending: Option<String>,
    },
    /// The request clashes with what is stored (a name taken, a state that does not allow
    /// it), shown next to `field`: a message as a [`FieldError`] has one (see
    /// [`AppError::conflict`]).
    Conflict {
        field: String,
        code: String,
        args: BTreeMap<String, Arg>,
        message: String,
    },
    BadRequest,
    /// A known address called with a method it does not answer (405, with `Allow`).
    MethodNotAllowed,
    Network,
    Internal,
}

/// Whole minutes until `seconds` have passed, at least one.
fn minutes(seconds: u64) -> u64 {
    seconds.div_ceil(60).max(1)
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The English text that came with the message (from the server, in the browser).
            AppError::Validation { errors: e } if !e.is_empty() => f.write_str(&first_message(e)),
            AppError::Conflict { message, .. } => f.write_str(message),
            other => f.write_str(&english(&other.msg())),
        }
    }
}

impl std::error::Error for AppError {}

fn first_message(errors: &[FieldError]) -> String {
    errors.first().map(|e| e.message.clone()).unwrap_or_default()
}

impl AppError {
    /// A validation error on one field.
    pub fn field(field: &str, msg: Msg) -> Self {
        AppError::Validation { errors: vec![FieldError::new(field, msg)] }
    }

    /// A conflict with what is stored, shown next to `field`.
    pub fn conflict(field: &str, msg: Msg) -> Self {
        let FieldError { field, code, args, message } = FieldError::new(field, msg);
        AppError::Conflict { field, code, args, message }
    }

    /// The error's message, to word in the reader's language (the English text of
    /// [`Display`](fmt::Display) and of the body's `message` is this message in English).
    pub fn msg(&self) -> Msg {
        match self {
            AppError::Unauthenticated => k::error_unauthenticated(),
            AppError::Forbidden => k::error_forbidden(),
            AppError::Validation { errors } => errors.first().map_or_else(k::error_check_form, FieldError::msg),
            AppError::InvalidCredentials => k::error_invalid_credentials(),
            AppError::InvalidCode => k::error_invalid_code(),
            AppError::IncorrectPassword { .. } => k::error_incorrect_password(),
            AppError::RateLimited { retry_after } => k::error_rate_limited(minutes(*retry_after)),
            AppError::NotFound => k::error_not_found(),
            AppError::InvalidLink => k::error_invalid_link(),
            AppError::PasswordExpired => k::error_password_expired(),
            AppError::SignInExpired => k::error_sign_in_expired(),
            AppError::ReauthenticationRequired => k::error_reauthentication_required(),
            AppError::TwoFactorSetupRequired => k::error_two_factor_setup_required(),
            AppError::TwoFactorRequired { pending: Some(_), .. } => k::error_two_factor_required_login(),
            AppError::TwoFactorRequired { pending: None, .. } => k::error_two_factor_required(),
            AppError::Conflict { code, args, .. } => Msg { id: Cow::Owned(code.clone()), args: args.clone() },
            AppError::BadRequest => k::error_bad_request(),
            AppError::MethodNotAllowed => k::error_method_not_allowed(),
            AppError::Network => k::error_network(),
            AppError::Internal => k::error_internal(),
        }
    }

    /// The messages for `field`, if this error is about it (none otherwise).
    pub fn field_msgs(&self, field: &str) -> Vec<Msg> {
        match self {
            AppError::Validation { errors } => {
                errors.iter().filter(|e| e.field == field).map(FieldError::msg).collect()
            }
            AppError::Conflict { field: f, .. } | AppError::IncorrectPassword { field: f } if f == field => {
                vec![self.msg()]
            }
            // A wrong second-factor code belongs next to the code field.
            AppError::InvalidCode if field == "code" => vec![self.msg()],
            _ => Vec::new(),
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
        let Msg { id, args } = self.msg();
        let mut body = ErrorBody {
            error: self.code().to_owned(),
            message: self.to_string(),
            code: id.into_owned(),
            args,
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
                body.errors = Some(vec![FieldError::new(field, self.msg())]);
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
            "conflict" => AppError::Conflict {
                field: body.field.unwrap_or_default(),
                // A body without its message's id (never this server's) says no more than this.
                code: if body.code.is_empty() { k::error_check_form().id.into_owned() } else { body.code },
                args: body.args,
                message: body.message,
            },
            "bad_request" => AppError::BadRequest,
            "method_not_allowed" => AppError::MethodNotAllowed,
            "network" => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

/// An error as it crosses the wire: `{"error": kind, "message": text, "code": id, ...}`, with
/// `args` (the message's arguments), `field` (the first field concerned), `errors` (every field
/// problem), `retry_after` (seconds), `methods` and `pending` (a second factor is needed) when
/// the error has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The error's stable kind, which clients branch on: `unauthenticated`, `forbidden`,
    /// `not_found`, `validation`, `conflict`, `two_factor_required`, `invalid_code`,
    /// `incorrect_password`, `rate_limited`, `bad_request`, `method_not_allowed`, …
    pub error: String,
    /// What went wrong, in English.
    pub message: String,
    /// The message's id in Gatehouse's catalogues (`error-not-found`), for clients that word it
    /// in their own language.
    #[serde(default)]
    pub code: String,
    /// The message's arguments (numbers and texts), when it has any.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub args: BTreeMap<String, Arg>,
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
    pub fn add(&mut self, field: &str, msg: Msg) {
        self.0.push(FieldError::new(field, msg));
    }

    /// Records the error of a parse result and returns its value.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Msg>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(msg) => {
                self.add(field, msg);
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

    /// One error of every kind; the match stops the build until a new kind is listed here.
    fn one_of_each() -> Vec<AppError> {
        let all = vec![
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::Validation { errors: Vec::new() },
            AppError::field("email", k::error_email_invalid()),
            AppError::InvalidCredentials,
            AppError::InvalidCode,
            AppError::IncorrectPassword { field: "current_password".into() },
            AppError::RateLimited { retry_after: 30 },
            AppError::RateLimited { retry_after: 120 },
            AppError::NotFound,
            AppError::InvalidLink,
            AppError::PasswordExpired,
            AppError::SignInExpired,
            AppError::ReauthenticationRequired,
            AppError::TwoFactorSetupRequired,
            AppError::TwoFactorRequired { methods: vec![Method::Totp, Method::Backup], pending: Some("p".into()) },
            AppError::TwoFactorRequired { methods: vec![Method::Email], pending: None },
            AppError::conflict("username", k::error_username_taken()),
            AppError::BadRequest,
            AppError::MethodNotAllowed,
            AppError::Network,
            AppError::Internal,
        ];
        for e in &all {
            match e {
                AppError::Unauthenticated
                | AppError::Forbidden
                | AppError::Validation { .. }
                | AppError::InvalidCredentials
                | AppError::InvalidCode
                | AppError::IncorrectPassword { .. }
                | AppError::RateLimited { .. }
                | AppError::NotFound
                | AppError::InvalidLink
                | AppError::PasswordExpired
                | AppError::SignInExpired
                | AppError::ReauthenticationRequired
                | AppError::TwoFactorSetupRequired
                | AppError::TwoFactorRequired { .. }
                | AppError::Conflict { .. }
                | AppError::BadRequest
                | AppError::MethodNotAllowed
                | AppError::Network
                | AppError::Internal => {}
            }
        }
        all
    }

    #[test]
    fn field_messages_are_found_by_field() {
        let mut p = Problems::default();
        p.add("email", k::error_email_invalid());
        p.add("password", k::error_password_too_short(8));
        p.add("password", k::error_password_no_digit());
        let err = p.into_result().unwrap_err();
        assert_eq!(err.field_msgs("email"), vec![k::error_email_invalid()]);
        assert_eq!(err.field_msgs("password"), vec![k::error_password_too_short(8), k::error_password_no_digit()]);
        assert_eq!(err.field_msgs("name"), Vec::<Msg>::new());
        assert_eq!(err.msg(), k::error_email_invalid(), "the first field's");
        assert_eq!(err.status(), 422);
        assert_eq!(AppError::InvalidCode.field_msgs("code"), vec![k::error_invalid_code()]);
        assert_eq!(AppError::conflict("name", k::error_token_name_taken()).field_msgs("name").len(), 1);
        assert!(AppError::Forbidden.field_msgs("code").is_empty());
    }

    #[test]
    fn errors_round_trip_as_one_flat_body() {
        for err in one_of_each() {
            let json = serde_json::to_value(&err).unwrap();
            assert_eq!(json["error"], err.code());
            assert_eq!(json["message"], err.to_string());
            assert_eq!(json["code"], err.msg().id.as_ref());
            assert_eq!(serde_json::from_value::<AppError>(json.clone()).unwrap(), err, "{json}");
            assert_eq!(AppError::from_body(err.body()).msg(), err.msg());
        }
        let v = serde_json::to_value(AppError::field("email", k::error_email_invalid())).unwrap();
        assert_eq!(v["field"], "email", "the first field, for clients that show one");
        assert_eq!(v["errors"][0]["field"], "email");
        assert_eq!(v["errors"][0]["code"], "error-email-invalid");
        assert!(v["errors"][0].get("args").is_none(), "no arguments, no key");
        let v = serde_json::to_value(AppError::field("password", k::error_password_too_short(12))).unwrap();
        assert_eq!(v["errors"][0]["args"], json!({"count": 12}));
        let wrong = AppError::IncorrectPassword { field: "current_password".into() };
        assert_eq!(wrong.status(), 403, "a valid request whose proof failed");
        assert!(wrong.is_field_error());
        assert_eq!(wrong.field_msgs("current_password"), vec![k::error_incorrect_password()]);
        let v = serde_json::to_value(&wrong).unwrap();
        assert_eq!((&v["field"], &v["errors"][0]["field"]), (&json!("current_password"), &json!("current_password")));
        assert_eq!(v["errors"][0]["code"], "error-incorrect-password");
        let limited = serde_json::to_value(AppError::RateLimited { retry_after: 120 }).unwrap();
        assert_eq!(limited["args"], json!({"minutes": 2}));
        assert_eq!(limited["retry_after"], 120);
    }

    /// The English of every error is the text API clients have always read.
    #[cfg(feature = "english")]
    #[test]
    fn english_texts_stay_as_they_were() {
        let limited = serde_json::to_string(&AppError::RateLimited { retry_after: 120 }).unwrap();
        assert_eq!(
            limited,
            r#"{"error":"rate_limited","message":"Too many attempts. Try again in 2 minutes.","code":"error-rate-limited","args":{"minutes":2},"retry_after":120}"#
        );
        let cases = [
            (AppError::Unauthenticated, "Please sign in to continue."),
            (AppError::Forbidden, "You are not allowed to do that."),
            (AppError::Validation { errors: Vec::new() }, "Please check the form."),
            (AppError::field("email", k::error_email_invalid()), "Enter an email address like name@example.com."),
            (AppError::InvalidCredentials, "Incorrect username/email or password."),
            (AppError::InvalidCode, "That code is not valid."),
            (AppError::IncorrectPassword { field: "p".into() }, "Your current password is not correct."),
            (AppError::RateLimited { retry_after: 0 }, "Too many attempts. Try again in a minute."),
            (AppError::RateLimited { retry_after: 60 }, "Too many attempts. Try again in a minute."),
            (AppError::RateLimited { retry_after: 61 }, "Too many attempts. Try again in 2 minutes."),
            (AppError::NotFound, "Not found."),
            (AppError::InvalidLink, "This link is invalid or has expired. Ask for a new one."),
            (AppError::PasswordExpired, "Your password has expired. Choose a new one to continue."),
            (AppError::SignInExpired, "Your sign-in has expired. Sign in again."),
            (
                AppError::ReauthenticationRequired,
                "Confirm it's you first: enter your password again (and a code, if you use two-factor authentication).",
            ),
            (
                AppError::TwoFactorSetupRequired,
                "Your administrator requires two-factor authentication. Set it up to continue.",
            ),
            (
                AppError::TwoFactorRequired { methods: Vec::new(), pending: Some("p".into()) },
                "Send the code: POST /api/v1/auth/login with pending, method and code.",
            ),
            (
                AppError::TwoFactorRequired { methods: Vec::new(), pending: None },
                "This call needs a second factor: send X-2fa-Method and X-2fa-Code.",
            ),
            (AppError::conflict("username", k::error_username_taken()), "That username is taken."),
            (AppError::BadRequest, "The request could not be understood."),
            (AppError::MethodNotAllowed, "This address does not answer that method."),
            (AppError::Network, "Could not reach the server. Check your connection and try again."),
            (AppError::Internal, "Something went wrong on our side. Please try again."),
        ];
        for (err, text) in cases {
            assert_eq!(err.to_string(), text);
            assert_eq!(err.body().message, text);
            assert_eq!(i18n::catalogue("en").format(&err.msg()), text);
        }
    }

    #[cfg(feature = "english")]
    #[test]
    fn every_error_is_in_every_catalogue() {
        for err in one_of_each() {
            let msg = err.msg();
            for (lang, _) in i18n::FILES {
                let catalogue = i18n::catalogue(lang);
                assert!(catalogue.has(&msg.id), "{lang} lacks {}", msg.id);
                let text = catalogue.format(&msg);
                assert!(!text.is_empty() && !text.contains("error-"), "{lang}: {} reads {text:?}", msg.id);
            }
        }
        let de = i18n::catalogue("de").format(&AppError::RateLimited { retry_after: 300 }.msg());
        assert!(de.contains("5 Minuten"), "{de}");
    }

    #[test]
    fn unknown_codes_read_as_internal() {
        let e: AppError = serde_json::from_str(r#"{"error":"new_thing","message":"?"}"#).unwrap();
        assert_eq!(e, AppError::Internal);
        let old: AppError = serde_json::from_str(r#"{"error":"not_found","message":"Not found."}"#).unwrap();
        assert_eq!(old.msg(), k::error_not_found(), "a body without a code still words the error");
        // A conflict's text is never shown as it came: only its message's id is worded.
        let lie: AppError =
            serde_json::from_str(r#"{"error":"conflict","field":"x","message":"Call +1 555"}"#).unwrap();
        assert_eq!(lie.msg(), k::error_check_form());
    }
}
