//! Configuration: environment variables over an optional TOML file over defaults.
//!
//! Every setting has one TOML key and one environment variable. A bad value stops start-up
//! with one line that names the setting (see [`ConfigError`]).

use std::{
    collections::BTreeMap,
    fmt,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use super::crypto::SecretKey;

/// A configuration problem, printed as one line that names the setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub setting: String,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "configuration error in {}: {}", self.setting, self.problem)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Implicit TLS (usually port 465).
    Tls,
    /// STARTTLS upgrade (usually port 587).
    StartTls,
    /// Plain text: only for a relay on the same host or a test sink.
    None,
}

#[derive(Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub user: Option<String>,
    pub password: Option<String>,
    pub from: String,
}

impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("from", &self.from)
            .finish()
    }
}

/// The public origin of the service, e.g. `https://account.example.com`. Links in mail and
/// the CSRF origin check use it, never the request's Host header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    origin: String,
    https: bool,
}

impl PublicUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let trimmed = raw.trim().trim_end_matches('/');
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or_else(|| format!("'{raw}' is not a URL like https://account.example.com"))?;
        let https = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            _ => return Err(format!("'{raw}' must start with http:// or https://")),
        };
        if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
            return Err(format!("'{raw}' must be an origin only (scheme, host and optional port, no path)"));
        }
        Ok(PublicUrl {
            origin: format!("{}://{}", if https { "https" } else { "http" }, rest.to_ascii_lowercase()),
            https,
        })
    }

    /// `scheme://host[:port]`, as browsers send it in the `Origin` header.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn is_https(&self) -> bool {
        self.https
    }

    /// The origin's host is 127.0.0.0/8, `[::1]` or `localhost`.
    pub fn is_loopback(&self) -> bool {
        let rest = self.origin.split_once("://").map_or(self.origin.as_str(), |(_, r)| r);
        let host = if let Some(v6) = rest.strip_prefix('[') {
            v6.split_once(']').map_or(v6, |(h, _)| h)
        } else {
            rest.rsplit_once(':').map_or(rest, |(h, _)| h)
        };
        host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }

    /// An absolute link to `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.origin, path)
    }
}

#[derive(Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: PublicUrl,
    pub secret_key: SecretKey,
    pub cookie_secure: bool,
    /// A session ends after this long without a request.
    pub session_idle_ms: i64,
    /// A session ends this long after sign-in, whatever its activity.
    pub session_lifetime_ms: i64,
    /// Take the client IP from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy_headers: bool,
    /// Self-service registrations allowed from one IP address per hour.
    pub registrations_per_ip_hour: i64,
    /// REST API calls allowed per token (or API session) per minute.
    pub api_calls_per_minute: i64,
    pub log_format: LogFormat,
    pub smtp: Option<SmtpConfig>,
    /// "Use URL for avatar": the server fetches pictures from addresses people give.
    pub avatar_urls: bool,
    /// Avatar URLs may be plain `http://` too.
    pub avatar_allow_http: bool,
    /// The tests' picture server: one loopback address and port that avatar URLs may name.
    /// Accepted only while the server listens on loopback and its public URL is a loopback
    /// address, so a server that others can reach never has it.
    pub avatar_test_origin: Option<SocketAddr>,
    /// The secret a billing system signs the contracts webhook's bodies with (HMAC-SHA-256);
    /// None: the webhook is off.
    pub contracts_webhook_secret: Option<SharedSecret>,
    /// Argon2id parameters of new password hashes (`gatehouse calibrate-argon2` proposes them);
    /// OWASP's minimum by default.
    pub argon2: argon2::Params,
    /// `GET /metrics` on the main address, for requests that carry this bearer token.
    pub metrics_token: Option<SharedSecret>,
    /// `GET /metrics` on this address of its own, without a token (a private address).
    pub metrics_listen: Option<SocketAddr>,
}

/// A secret shared with another system: never printed.
#[derive(Clone)]
pub struct SharedSecret(String);

impl SharedSecret {
    /// A secret as configured: at least [`SHARED_SECRET_MIN`] characters.
    fn parse(raw: &str) -> Result<SharedSecret, String> {
        if raw.chars().count() < SHARED_SECRET_MIN {
            return Err(format!("must be at least {SHARED_SECRET_MIN} characters"));
        }
        Ok(SharedSecret(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The shortest shared secret accepted (the contracts webhook's, the metrics token).
pub const SHARED_SECRET_MIN: usize = 32;

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url.origin())
            .field("secret_key", &"[redacted]")
            .field("cookie_secure", &self.cookie_secure)
            .field("session_idle_ms", &self.session_idle_ms)
            .field("session_lifetime_ms", &self.session_lifetime_ms)
            .field("trust_proxy_headers", &self.trust_proxy_headers)
            .field("log_format", &self.log_format)
            .field("smtp", &self.smtp)
            .field("avatar_urls", &self.avatar_urls)
            .field("avatar_allow_http", &self.avatar_allow_http)
            .field("avatar_test_origin", &self.avatar_test_origin)
            .field("contracts_webhook_secret", &self.contracts_webhook_secret)
            .field("argon2", &self.argon2)
            .field("metrics_token", &self.metrics_token)
            .field("metrics_listen", &self.metrics_listen)
            .finish()
    }
}

/// Hides the password of a `scheme://user:password@host/...` URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}://{}:[redacted]{}", &url[..s], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// One setting: its key in the TOML file and its environment variable.
struct Setting {
    key: &'static str,
    env: &'static str,
}

const LISTEN: Setting = Setting { key: "listen", env: "GATEHOUSE_LISTEN" };
const DATA_DIR: Setting = Setting { key: "data_dir", env: "GATEHOUSE_DATA_DIR" };
const DATABASE_URL: Setting = Setting { key: "database_url", env: "DATABASE_URL" };
const PUBLIC_URL: Setting = Setting { key: "public_url", env: "GATEHOUSE_PUBLIC_URL" };
const SECRET_KEY: Setting = Setting { key: "secret_key", env: "GATEHOUSE_SECRET_KEY" };
const COOKIE_SECURE: Setting = Setting { key: "cookie_secure", env: "GATEHOUSE_COOKIE_SECURE" };
const SESSION_IDLE: Setting = Setting { key: "session_idle_minutes", env: "GATEHOUSE_SESSION_IDLE_MINUTES" };
const SESSION_LIFETIME: Setting = Setting { key: "session_lifetime_hours", env: "GATEHOUSE_SESSION_LIFETIME_HOURS" };
const TRUST_PROXY: Setting = Setting { key: "trust_proxy_headers", env: "GATEHOUSE_TRUST_PROXY_HEADERS" };
const API_CALLS: Setting = Setting { key: "api_calls_per_minute", env: "GATEHOUSE_API_CALLS_PER_MINUTE" };
const REGISTRATIONS_PER_IP: Setting =
    Setting { key: "registrations_per_ip_hour", env: "GATEHOUSE_REGISTRATIONS_PER_IP_HOUR" };
const AVATAR_URLS: Setting = Setting { key: "avatar_urls", env: "GATEHOUSE_AVATAR_URLS" };
const AVATAR_ALLOW_HTTP: Setting = Setting { key: "avatar_allow_http", env: "GATEHOUSE_AVATAR_ALLOW_HTTP" };
const AVATAR_TEST_ORIGIN: Setting = Setting { key: "avatar_test_origin", env: "GATEHOUSE_AVATAR_TEST_ORIGIN" };
const LOG_FORMAT: Setting = Setting { key: "log_format", env: "GATEHOUSE_LOG_FORMAT" };
const WEBHOOK_SECRET: Setting = Setting { key: "contracts_webhook_secret", env: "GATEHOUSE_CONTRACTS_WEBHOOK_SECRET" };
const ARGON2_MEMORY: Setting = Setting { key: "argon2_memory_kib", env: "GATEHOUSE_ARGON2_MEMORY_KIB" };
const ARGON2_ITERATIONS: Setting = Setting { key: "argon2_iterations", env: "GATEHOUSE_ARGON2_ITERATIONS" };
const ARGON2_PARALLELISM: Setting = Setting { key: "argon2_parallelism", env: "GATEHOUSE_ARGON2_PARALLELISM" };
const METRICS_TOKEN: Setting = Setting { key: "metrics_token", env: "GATEHOUSE_METRICS_TOKEN" };
const METRICS_LISTEN: Setting = Setting { key: "metrics_listen", env: "GATEHOUSE_METRICS_LISTEN" };
const SMTP_HOST: Setting = Setting { key: "smtp.host", env: "GATEHOUSE_SMTP_HOST" };
const SMTP_PORT: Setting = Setting { key: "smtp.port", env: "GATEHOUSE_SMTP_PORT" };
const SMTP_SECURITY: Setting = Setting { key: "smtp.security", env: "GATEHOUSE_SMTP_SECURITY" };
const SMTP_USER: Setting = Setting { key: "smtp.user", env: "GATEHOUSE_SMTP_USER" };
const SMTP_PASSWORD: Setting = Setting { key: "smtp.password", env: "GATEHOUSE_SMTP_PASSWORD" };
const SMTP_FROM: Setting = Setting { key: "smtp.from", env: "GATEHOUSE_SMTP_FROM" };

/// Settings as read from the environment and the file, before they are checked.
pub struct Sources {
    file: BTreeMap<String, String>,
    file_name: Option<String>,
    env: BTreeMap<String, String>,
}

impl Sources {
    /// Reads the process environment and, when given, a TOML file.
    pub fn from_process(file: Option<&Path>) -> Result<Self, ConfigError> {
        let env = std::env::vars().collect();
        Self::new(file, env)
    }

    pub fn new(file: Option<&Path>, env: BTreeMap<String, String>) -> Result<Self, ConfigError> {
        let (file_map, file_name) = match file {
            None => (BTreeMap::new(), None),
            Some(path) => {
                let name = path.display().to_string();
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
                    setting: format!("--config {name}"),
                    problem: format!("cannot read the file: {e}"),
                })?;
                (parse_toml(&text, &name)?, Some(name))
            }
        };
        Ok(Sources { file: file_map, file_name, env })
    }

    /// The value of a setting and the name to blame when it is bad.
    fn get(&self, s: &Setting) -> Option<(String, String)> {
        if let Some(v) = self.env.get(s.env).filter(|v| !v.trim().is_empty()) {
            return Some((v.trim().to_owned(), s.env.to_owned()));
        }
        self.file.get(s.key).map(|v| {
            let origin = format!("{} in {}", s.key, self.file_name.as_deref().unwrap_or("the config file"));
            (v.clone(), origin)
        })
    }

    fn parse<T>(&self, s: &Setting, f: impl FnOnce(&str) -> Result<T, String>) -> Result<Option<T>, ConfigError> {
        match self.get(s) {
            None => Ok(None),
            Some((raw, origin)) => f(&raw).map(Some).map_err(|problem| ConfigError { setting: origin, problem }),
        }
    }

    fn env_raw(&self, name: &str) -> Option<&str> {
        self.env.get(name).map(String::as_str)
    }
}

fn parse_toml(text: &str, name: &str) -> Result<BTreeMap<String, String>, ConfigError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError {
        setting: format!("--config {name}"),
        problem: format!("not valid TOML: {}", e.message()),
    })?;
    let mut out = BTreeMap::new();
    flatten("", &table, &mut out);
    Ok(out)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}

fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("'{raw}' is not true or false")),
    }
}

fn parse_within(raw: &str, unit: &str, min: u32, max: u32) -> Result<u32, String> {
    match raw.parse::<u32>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(format!("'{raw}' must be a whole number of {unit} from {min} to {max}")),
    }
}

fn parse_positive(raw: &str, unit: &str, max: i64) -> Result<i64, String> {
    match raw.parse::<i64>() {
        Ok(n) if n >= 1 && n <= max => Ok(n),
        _ => Err(format!("'{raw}' must be a whole number of {unit} from 1 to {max}")),
    }
}

impl Config {
    /// Checks every setting. Touches the file system only to read or create the secret key,
    /// which happens in [`Config::load`].
    pub fn from_sources(src: &Sources) -> Result<(Config, SecretKeySource), ConfigError> {
        let listen = match src.parse(&LISTEN, |raw| {
            raw.parse::<SocketAddr>().map_err(|_| format!("'{raw}' is not an address like 127.0.0.1:3000"))
        })? {
            Some(a) => a,
            // cargo-leptos passes the site address of Cargo.toml this way.
            None => match src.env_raw("LEPTOS_SITE_ADDR").and_then(|v| v.parse().ok()) {
                Some(a) => a,
                None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            },
        };
        let data_dir = src.parse(&DATA_DIR, |raw| Ok(PathBuf::from(raw)))?.unwrap_or_else(|| PathBuf::from("data"));
        let database_url = src
            .parse(&DATABASE_URL, |raw| {
                if raw.starts_with("sqlite:") || raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
                    Ok(raw.to_owned())
                } else {
                    Err("must start with sqlite: or postgres://".to_owned())
                }
            })?
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("gatehouse.db").display()));
        let public_url = match src.parse(&PUBLIC_URL, PublicUrl::parse)? {
            Some(u) => u,
            None => {
                let host = if listen.ip().is_unspecified() { "localhost".to_owned() } else { listen.ip().to_string() };
                PublicUrl::parse(&format!("http://{}:{}", host, listen.port()))
                    .map_err(|problem| ConfigError { setting: LISTEN.env.to_owned(), problem })?
            }
        };
        let secret = match src.parse(&SECRET_KEY, SecretKey::from_hex)? {
            Some(k) => SecretKeySource::Given(k),
            None => SecretKeySource::File(data_dir.join("secret.key")),
        };
        let cookie_secure = src.parse(&COOKIE_SECURE, parse_bool)?.unwrap_or(true);
        let idle_minutes = src.parse(&SESSION_IDLE, |r| parse_positive(r, "minutes", 60 * 24 * 30))?.unwrap_or(30);
        let lifetime_hours = src.parse(&SESSION_LIFETIME, |r| parse_positive(r, "hours", 24 * 365))?.unwrap_or(12);
        let trust_proxy_headers = src.parse(&TRUST_PROXY, parse_bool)?.unwrap_or(false);
        let registrations_per_ip_hour =
            src.parse(&REGISTRATIONS_PER_IP, |r| parse_positive(r, "registrations", 1_000_000))?.unwrap_or(10);
        let api_calls_per_minute = src.parse(&API_CALLS, |r| parse_positive(r, "calls", 100_000_000))?.unwrap_or(600);
        let log_format = src
            .parse(&LOG_FORMAT, |raw| match raw.to_ascii_lowercase().as_str() {
                "human" | "text" => Ok(LogFormat::Human),
                "json" => Ok(LogFormat::Json),
                _ => Err(format!("'{raw}' must be human or json")),
            })?
            .unwrap_or(LogFormat::Human);
        let smtp = Self::smtp(src)?;
        let avatar_urls = src.parse(&AVATAR_URLS, parse_bool)?.unwrap_or(true);
        let avatar_allow_http = src.parse(&AVATAR_ALLOW_HTTP, parse_bool)?.unwrap_or(false);
        let avatar_test_origin = src.parse(&AVATAR_TEST_ORIGIN, |raw| {
            let at = raw.parse::<SocketAddr>().map_err(|_| format!("'{raw}' is not an address like 127.0.0.1:4010"))?;
            let local_only = listen.ip().is_loopback() && public_url.is_loopback();
            if !at.ip().is_loopback() || !local_only {
                return Err("only for a test server: it must be a loopback address, and this server must listen \
                            on loopback with a loopback public URL"
                    .to_owned());
            }
            Ok(at)
        })?;
        let contracts_webhook_secret = src.parse(&WEBHOOK_SECRET, SharedSecret::parse)?;
        let argon2 = Self::argon2(src)?;
        let metrics_token = src.parse(&METRICS_TOKEN, SharedSecret::parse)?;
        let metrics_listen = src.parse(&METRICS_LISTEN, |raw| {
            let at = raw.parse::<SocketAddr>().map_err(|_| format!("'{raw}' is not an address like 127.0.0.1:9100"))?;
            if at == listen {
                return Err("must differ from GATEHOUSE_LISTEN (or set GATEHOUSE_METRICS_TOKEN instead)".to_owned());
            }
            Ok(at)
        })?;

        let config = Config {
            listen,
            data_dir,
            database_url,
            public_url,
            // Replaced by `load` once the key source is resolved.
            secret_key: SecretKey::zero(),
            cookie_secure,
            session_idle_ms: idle_minutes * 60_000,
            session_lifetime_ms: lifetime_hours * 3_600_000,
            trust_proxy_headers,
            registrations_per_ip_hour,
            api_calls_per_minute,
            log_format,
            smtp,
            avatar_urls,
            avatar_allow_http,
            avatar_test_origin,
            contracts_webhook_secret,
            argon2,
            metrics_token,
            metrics_listen,
        };
        Ok((config, secret))
    }

    /// OWASP's minimum unless raised; never below it (see `hasher::checked_params`).
    fn argon2(src: &Sources) -> Result<argon2::Params, ConfigError> {
        use crate::hasher::{checked_params, PasswordHasher, MAX_ITERATIONS, MAX_MEMORY_KIB, MAX_PARALLELISM};
        let min = PasswordHasher::owasp_params();
        let m = src.parse(&ARGON2_MEMORY, |r| parse_within(r, "KiB", min.m_cost(), MAX_MEMORY_KIB))?;
        let t = src.parse(&ARGON2_ITERATIONS, |r| parse_within(r, "passes", min.t_cost(), MAX_ITERATIONS))?;
        let p = src.parse(&ARGON2_PARALLELISM, |r| parse_within(r, "lanes", 1, MAX_PARALLELISM))?;
        checked_params(m.unwrap_or(min.m_cost()), t.unwrap_or(min.t_cost()), p.unwrap_or(min.p_cost()))
            .map_err(|problem| ConfigError { setting: ARGON2_MEMORY.env.to_owned(), problem })
    }

    fn smtp(src: &Sources) -> Result<Option<SmtpConfig>, ConfigError> {
        let Some(host) = src.parse(&SMTP_HOST, |r| Ok(r.to_owned()))? else {
            return Ok(None);
        };
        let security = src
            .parse(&SMTP_SECURITY, |raw| match raw.to_ascii_lowercase().as_str() {
                "tls" => Ok(SmtpSecurity::Tls),
                "starttls" => Ok(SmtpSecurity::StartTls),
                "none" => Ok(SmtpSecurity::None),
                _ => Err(format!("'{raw}' must be tls, starttls or none")),
            })?
            .unwrap_or(SmtpSecurity::StartTls);
        let default_port = match security {
            SmtpSecurity::Tls => 465,
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::None => 25,
        };
        let port = src
            .parse(&SMTP_PORT, |raw| raw.parse::<u16>().map_err(|_| format!("'{raw}' is not a port number")))?
            .unwrap_or(default_port);
        let from = src
            .parse(&SMTP_FROM, |raw| {
                if raw.contains('@') {
                    Ok(raw.to_owned())
                } else {
                    Err(format!("'{raw}' is not a mail address"))
                }
            })?
            .ok_or_else(|| ConfigError {
                setting: SMTP_FROM.env.to_owned(),
                problem: "must be set when GATEHOUSE_SMTP_HOST is set".to_owned(),
            })?;
        Ok(Some(SmtpConfig {
            host,
            port,
            security,
            user: src.parse(&SMTP_USER, |r| Ok(r.to_owned()))?,
            password: src.parse(&SMTP_PASSWORD, |r| Ok(r.to_owned()))?,
            from,
        }))
    }

    /// Checks the settings, creates the data directory and reads (or creates) the secret key.
    pub fn load(src: &Sources) -> Result<Config, ConfigError> {
        let (mut config, secret) = Self::from_sources(src)?;
        std::fs::create_dir_all(&config.data_dir).map_err(|e| ConfigError {
            setting: DATA_DIR.env.to_owned(),
            problem: format!("cannot create {}: {e}", config.data_dir.display()),
        })?;
        config.secret_key = match secret {
            SecretKeySource::Given(k) => k,
            SecretKeySource::File(path) => SecretKey::load_or_create(&path)
                .map_err(|problem| ConfigError { setting: SECRET_KEY.env.to_owned(), problem })?,
        };
        Ok(config)
    }
}

pub enum SecretKeySource {
    Given(SecretKey),
    File(PathBuf),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_make_a_local_sqlite_install() {
        let (c, secret) = Config::from_sources(&Sources::new(None, env(&[])).unwrap()).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(c.data_dir, PathBuf::from("data"));
        assert_eq!(c.database_url, "sqlite://data/gatehouse.db?mode=rwc");
        assert_eq!(c.public_url.origin(), "http://127.0.0.1:3000");
        assert!(c.cookie_secure);
        assert_eq!(c.session_idle_ms, 30 * 60_000);
        assert_eq!(c.registrations_per_ip_hour, 10);
        assert_eq!(c.api_calls_per_minute, 600);
        assert!(matches!(secret, SecretKeySource::File(p) if p == Path::new("data/secret.key")));
        assert!(c.smtp.is_none());
        assert_eq!((c.argon2.m_cost(), c.argon2.t_cost(), c.argon2.p_cost()), (19_456, 2, 1));
        assert!(c.metrics_token.is_none() && c.metrics_listen.is_none(), "/metrics is off by default");
    }

    #[test]
    fn environment_wins_over_the_file() {
        let dir = tempdir();
        let file = dir.join("gatehouse.toml");
        std::fs::write(
            &file,
            "listen = \"0.0.0.0:8080\"\npublic_url = \"https://id.example.com/\"\ncookie_secure = false\n[smtp]\nhost = \"mail.example.com\"\nfrom = \"noreply@example.com\"\npassword = \"hunter2\"\n",
        )
        .unwrap();
        let src = Sources::new(Some(&file), env(&[("GATEHOUSE_LISTEN", "127.0.0.1:9000")])).unwrap();
        let (c, _) = Config::from_sources(&src).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:9000");
        assert_eq!(c.public_url.origin(), "https://id.example.com");
        assert!(!c.cookie_secure);
        let smtp = c.smtp.clone().unwrap();
        assert_eq!(smtp.port, 587);
        assert_eq!(smtp.security, SmtpSecurity::StartTls);
        assert!(!format!("{c:?}").contains("hunter2"), "the SMTP password must not be printed");
    }

    #[test]
    fn the_avatar_test_origin_is_refused_unless_the_server_is_local_only() {
        let origin = ("GATEHOUSE_AVATAR_TEST_ORIGIN", "127.0.0.1:4010");
        let load = |pairs: &[(&str, &str)]| Config::from_sources(&Sources::new(None, env(pairs)).unwrap());
        let (local, _) = load(&[origin]).unwrap();
        assert_eq!(local.avatar_test_origin, Some("127.0.0.1:4010".parse().unwrap()));
        assert!(!local.avatar_allow_http && local.avatar_urls);
        for reachable in [
            vec![origin, ("GATEHOUSE_LISTEN", "0.0.0.0:3000")],
            vec![origin, ("GATEHOUSE_PUBLIC_URL", "https://id.example.com")],
            vec![origin, ("GATEHOUSE_LISTEN", "[::]:3000"), ("GATEHOUSE_PUBLIC_URL", "http://localhost:3000")],
            vec![("GATEHOUSE_AVATAR_TEST_ORIGIN", "10.0.0.5:80")],
        ] {
            let e = load(&reachable).err().unwrap();
            assert_eq!(e.setting, "GATEHOUSE_AVATAR_TEST_ORIGIN", "{reachable:?}");
        }
        let (ipv6, _) =
            load(&[("GATEHOUSE_LISTEN", "[::1]:3000"), ("GATEHOUSE_AVATAR_TEST_ORIGIN", "[::1]:4010")]).unwrap();
        assert!(ipv6.public_url.is_loopback() && ipv6.avatar_test_origin.is_some());
    }

    #[test]
    fn calibrated_argon2_parameters_and_the_metrics_access_are_read() {
        let pairs = [
            ("GATEHOUSE_ARGON2_MEMORY_KIB", "65536"),
            ("GATEHOUSE_ARGON2_ITERATIONS", "3"),
            ("GATEHOUSE_METRICS_TOKEN", "a-metrics-token-of-thirty-two-characters"),
            ("GATEHOUSE_METRICS_LISTEN", "127.0.0.1:9100"),
        ];
        let (c, _) = Config::from_sources(&Sources::new(None, env(&pairs)).unwrap()).unwrap();
        assert_eq!((c.argon2.m_cost(), c.argon2.t_cost(), c.argon2.p_cost()), (65_536, 3, 1));
        assert_eq!(c.metrics_token.as_ref().map(SharedSecret::expose), Some(pairs[2].1));
        assert_eq!(c.metrics_listen, Some("127.0.0.1:9100".parse().unwrap()));
        assert!(!format!("{c:?}").contains(pairs[2].1), "the token is never printed");
    }

    #[test]
    fn a_bad_value_names_its_setting() {
        let bad = |pairs: &[(&str, &str)]| {
            Config::from_sources(&Sources::new(None, env(pairs)).unwrap()).err().unwrap().to_string()
        };
        assert_eq!(
            bad(&[("GATEHOUSE_LISTEN", "nowhere")]),
            "configuration error in GATEHOUSE_LISTEN: 'nowhere' is not an address like 127.0.0.1:3000"
        );
        assert!(bad(&[("GATEHOUSE_PUBLIC_URL", "ftp://x")]).starts_with("configuration error in GATEHOUSE_PUBLIC_URL:"));
        assert!(bad(&[("GATEHOUSE_PUBLIC_URL", "https://x.example/path")]).contains("no path"));
        assert!(bad(&[("DATABASE_URL", "mysql://x")]).starts_with("configuration error in DATABASE_URL:"));
        assert!(bad(&[("GATEHOUSE_SECRET_KEY", "short")]).starts_with("configuration error in GATEHOUSE_SECRET_KEY:"));
        assert!(bad(&[("GATEHOUSE_COOKIE_SECURE", "maybe")]).contains("GATEHOUSE_COOKIE_SECURE"));
        assert!(bad(&[("GATEHOUSE_SESSION_IDLE_MINUTES", "0")]).contains("GATEHOUSE_SESSION_IDLE_MINUTES"));
        assert!(bad(&[("GATEHOUSE_SMTP_HOST", "mail")]).contains("GATEHOUSE_SMTP_FROM"));
        assert!(bad(&[("GATEHOUSE_ARGON2_MEMORY_KIB", "4096")]).contains("from 19456"));
        assert!(bad(&[("GATEHOUSE_ARGON2_ITERATIONS", "1")]).contains("GATEHOUSE_ARGON2_ITERATIONS"));
        assert!(bad(&[("GATEHOUSE_ARGON2_PARALLELISM", "0")]).contains("GATEHOUSE_ARGON2_PARALLELISM"));
        assert!(bad(&[("GATEHOUSE_METRICS_TOKEN", "short")]).contains("at least 32"));
        assert!(bad(&[("GATEHOUSE_METRICS_LISTEN", "127.0.0.1:3000")]).contains("must differ"));
    }

    #[test]
    fn a_bad_file_names_the_file_and_key() {
        let dir = tempdir();
        let file = dir.join("bad.toml");
        std::fs::write(&file, "session_idle_minutes = -3\n").unwrap();
        let src = Sources::new(Some(&file), env(&[])).unwrap();
        let err = Config::from_sources(&src).err().unwrap().to_string();
        assert!(err.contains("session_idle_minutes in"), "{err}");
        std::fs::write(&file, "this is = = not toml").unwrap();
        assert!(Sources::new(Some(&file), env(&[])).err().unwrap().to_string().contains("not valid TOML"));
    }

    #[test]
    fn secret_key_is_created_once_with_owner_only_permissions() {
        let dir = tempdir();
        let src = Sources::new(None, env(&[("GATEHOUSE_DATA_DIR", dir.to_str().unwrap())])).unwrap();
        let first = Config::load(&src).unwrap();
        let second = Config::load(&src).unwrap();
        assert_eq!(first.secret_key, second.secret_key);
        assert_ne!(first.secret_key, SecretKey::zero());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("secret.key")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn database_passwords_are_redacted() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/gh"), "postgres://app:[redacted]@db:5432/gh");
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    fn tempdir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gatehouse-config-{}", super::super::crypto::random_token(9)));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
