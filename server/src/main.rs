//! `gatehouse`: the command line. `serve` (the default), `migrate`, `create-admin`, and what the
//! server's operator needs when no administrator can use the web pages: `reset-2fa`,
//! `disable-user`, `enable-user`, `delete-user`; `backup` and `restore`; `calibrate-argon2`.

use std::{io::IsTerminal, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use gatehouse_core::{
    accounts::{self, RegisterInput},
    admin, policy,
};
use platform::{
    clock::Clock,
    config::{Config, LogFormat, Sources},
    db,
    request::ClientMeta,
};
use server::StartError;
use wire::{account::Role, AppError};

/// Gatehouse: a self-hosted account center.
#[derive(Parser)]
#[command(name = "gatehouse", version, about, long_about = None)]
struct Cli {
    /// TOML configuration file (environment variables override it).
    #[arg(long, global = true, env = "GATEHOUSE_CONFIG")]
    config: Option<PathBuf>,
    /// Log JSON lines instead of human-readable text.
    #[arg(long, global = true)]
    log_json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application and API (the default).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Create an administrator. The password is asked on the terminal, or read from stdin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        username: String,
        /// Display name (defaults to the username).
        #[arg(long)]
        name: Option<String>,
    },
    /// Delete an account under the rules of the web page: refused while it owns an organization
    /// whose contract runs; kept disabled (and restorable by signing in) for the grace period.
    DeleteUser {
        /// The account's username or email address.
        #[arg(long)]
        user: String,
    },
    /// Reset an account's two-factor authentication (its own account too, for an administrator
    /// locked out): the authenticator and backup codes are removed, audited and mailed.
    #[command(name = "reset-2fa")]
    ResetTwoFactor {
        /// The account's username or email address.
        #[arg(long)]
        user: String,
    },
    /// Disable an account: it cannot sign in, and its sessions end.
    DisableUser {
        /// The account's username or email address.
        #[arg(long)]
        user: String,
    },
    /// Enable a disabled account again (this cancels a pending deletion too).
    EnableUser {
        /// The account's username or email address.
        #[arg(long)]
        user: String,
    },
    /// Copy the SQLite database, consistently, while the server runs. (PostgreSQL: pg_dump.)
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        to: PathBuf,
    },
    /// Replace the SQLite database by a backup, with the server stopped. The database it
    /// replaces is kept beside it.
    Restore {
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
    },
    /// Ask the server on GATEHOUSE_LISTEN (on this machine) for /healthz: exit 0 when it answers
    /// that it and its database are well (the container's health check).
    Health,
    /// Measure argon2id on this machine and print the parameters that take about the target
    /// time per password hash (never below OWASP's minimum), and the settings to use them.
    #[command(name = "calibrate-argon2")]
    CalibrateArgon2 {
        /// The time one password hash should take, in milliseconds.
        #[arg(long, default_value_t = 250, value_parser = clap::value_parser!(u64).range(10..=10_000))]
        target_ms: u64,
        /// The most memory one hash may take, in MiB (each hashing slot, one per core, takes it).
        #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(19..=1024))]
        max_memory_mib: u32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Sources::from_process(cli.config.as_deref()).and_then(|src| Config::load(&src)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gatehouse: {e}");
            return ExitCode::from(2);
        }
    };
    init_tracing(if cli.log_json { LogFormat::Json } else { config.log_format });

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("gatehouse: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(config).await,
            Command::Migrate => migrate(config).await,
            Command::CreateAdmin { email, username, name } => create_admin(config, email, username, name).await,
            Command::DeleteUser { user } => delete_user(config, user).await,
            Command::ResetTwoFactor { user } => reset_two_factor(config, user).await,
            Command::DisableUser { user } => set_disabled(config, user, true).await,
            Command::EnableUser { user } => set_disabled(config, user, false).await,
            Command::Backup { to } => backup(config, to).await,
            Command::Restore { from } => restore(config, from).await,
            Command::Health => health(&config).await,
            Command::CalibrateArgon2 { target_ms, max_memory_mib } => {
                calibrate_argon2(&config, target_ms, max_memory_mib);
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("gatehouse: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: LogFormat) {
    use tracing_subscriber::{fmt, EnvFilter};
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Human => builder.init(),
    }
}

fn leptos_options() -> Result<leptos::prelude::LeptosOptions, StartError> {
    leptos::prelude::get_configuration(None)
        .map(|c| c.leptos_options)
        .map_err(|e| StartError::new(format!("cannot read the Leptos site settings (LEPTOS_*): {e}")))
}

async fn serve(config: Config) -> Result<(), StartError> {
    let state = server::build_state(config, leptos_options()?, Clock::system()).await?;
    server::serve(state).await
}

async fn migrate(config: Config) -> Result<(), StartError> {
    let pool = db::connect(&config.database_url)
        .await
        .map_err(|e| StartError::new(format!("cannot open the database: {e}")))?;
    server::upgrade(&pool).await?;
    println!("migrations applied");
    Ok(())
}

async fn create_admin(config: Config, email: String, username: String, name: Option<String>) -> Result<(), StartError> {
    let password = read_new_password()?;
    let state = server::build_state(config, leptos_options()?, Clock::system()).await?;
    let name = name.unwrap_or_else(|| username.clone());
    let input = RegisterInput { name: &name, username: &username, email: &email, password: &password };
    let env = state.env();
    let policy = policy::current(&env).await.map_err(describe)?;
    let account = accounts::parse_new_account(&input, &policy).map_err(describe)?;
    let user = accounts::create(&env, &account, &password, Role::Admin, &ClientMeta::local("gatehouse create-admin"))
        .await
        .map_err(describe)?;
    println!("created administrator {} <{}>", user.display_username, user.email);
    Ok(())
}

/// The account named by `--user` (its username or email address).
async fn find_user(env: &platform::Env<'_>, who: &str) -> Result<accounts::UserRow, StartError> {
    accounts::repo::find_by_identifier(env.db, &who.trim().to_lowercase())
        .await
        .map_err(|e| StartError::new(format!("cannot read the database: {e}")))?
        .ok_or_else(|| StartError::new(format!("--user: no account is {who}")))
}

async fn delete_user(config: Config, who: String) -> Result<(), StartError> {
    let state = server::build_state(config, leptos_options()?, Clock::system()).await?;
    let env = state.env();
    let user = find_user(&env, &who).await?;
    // The server's administrator deletes it: like a deletion from Administration, signing in
    // does not undo it.
    let by = Some("gatehouse delete-user");
    let done = gatehouse_core::deletion::schedule(&env, &user, by, &ClientMeta::local("gatehouse delete-user"))
        .await
        .map_err(describe)?;
    match done.due_at {
        Some(due) => println!(
            "deleted {}: disabled now, gone for good on {} (UTC); `Enable` in Administration cancels it",
            user.display_username,
            wire::organization::date_of(due)
        ),
        None => println!("deleted {} for good", user.display_username),
    }
    Ok(())
}

async fn reset_two_factor(config: Config, who: String) -> Result<(), StartError> {
    const COMMAND: &str = "gatehouse reset-2fa";
    let state = server::build_state(config, leptos_options()?, Clock::system()).await?;
    let env = state.env();
    let user = find_user(&env, &who).await?;
    admin::console_reset_two_factor(&env, COMMAND, &user.id, &ClientMeta::local(COMMAND)).await.map_err(describe)?;
    // The notice is queued; the sender of a running server, or the next start, delivers it.
    println!(
        "two-factor authentication of {} reset: the authenticator and backup codes are gone, and a notice is mailed \
         to {}",
        user.display_username, user.email
    );
    Ok(())
}

async fn set_disabled(config: Config, who: String, disabled: bool) -> Result<(), StartError> {
    let command = if disabled { "gatehouse disable-user" } else { "gatehouse enable-user" };
    let state = server::build_state(config, leptos_options()?, Clock::system()).await?;
    let env = state.env();
    let user = find_user(&env, &who).await?;
    admin::console_set_disabled(&env, command, &user.id, disabled, &ClientMeta::local(command))
        .await
        .map_err(describe)?;
    if disabled {
        println!("disabled {}: it cannot sign in, and its sessions have ended", user.display_username);
    } else {
        println!("enabled {}", user.display_username);
    }
    Ok(())
}

/// Where the secret key lives, for the reminders of `backup` and `restore`.
fn key_reminder(config: &Config) -> String {
    if std::env::var_os("GATEHOUSE_SECRET_KEY").is_some() {
        "the secret key (GATEHOUSE_SECRET_KEY) is not in the backup".to_owned()
    } else {
        format!("the secret key ({}) is not in the backup", config.data_dir.join("secret.key").display())
    }
}

async fn backup(config: Config, to: PathBuf) -> Result<(), StartError> {
    if platform::backup::sqlite_file(&config.database_url).is_none() {
        return Err(StartError::new(
            "DATABASE_URL is PostgreSQL: back it up with pg_dump (see the README), not with gatehouse backup",
        ));
    }
    let pool = db::connect(&config.database_url)
        .await
        .map_err(|e| StartError::new(format!("cannot open the database: {e}")))?;
    let bytes = platform::backup::backup(&pool, &to).await.map_err(|e| StartError::new(format!("--to: {e}")))?;
    println!("wrote {} ({} KiB)", to.display(), bytes.div_ceil(1024));
    println!(
        "Keep it with the secret key: {}, and without it no two-factor secret in the backup can be read",
        key_reminder(&config)
    );
    Ok(())
}

async fn restore(config: Config, from: PathBuf) -> Result<(), StartError> {
    let Some(live) = platform::backup::sqlite_file(&config.database_url) else {
        return Err(StartError::new(
            "DATABASE_URL is PostgreSQL: restore it with pg_restore or psql (see the README), not with gatehouse restore",
        ));
    };
    // A server on this address may hold the database open: it must be stopped first.
    let answering =
        tokio::time::timeout(std::time::Duration::from_millis(500), tokio::net::TcpStream::connect(config.listen))
            .await
            .is_ok_and(|c| c.is_ok());
    if answering {
        return Err(StartError::new(format!(
            "something listens on {} (GATEHOUSE_LISTEN): stop the server before restoring",
            config.listen
        )));
    }
    let checked = platform::backup::check(&from).await.map_err(|e| StartError::new(format!("--from: {e}")))?;
    let now = Clock::system().now_ms();
    let kept = platform::backup::swap_in(&from, &live, now).map_err(StartError::new)?;
    let pool = db::connect(&config.database_url)
        .await
        .map_err(|e| StartError::new(format!("cannot open the restored database: {e}")))?;
    server::upgrade(&pool).await?;
    println!("restored {} ({} accounts) into {}", from.display(), checked.accounts, live.display());
    if let Some(kept) = kept {
        println!("the database it replaced is kept as {}", kept.display());
    }
    match gatehouse_core::factors::totp::key_opens_secrets(&pool, &config.secret_key).await {
        Ok(Some(false)) => println!(
            "warning: the secret key in use does not open this backup's two-factor secrets: {}; put back the key \
             from the time of the backup",
            key_reminder(&config)
        ),
        Ok(_) => println!("Remember: {}; this one must be the key from the time of the backup", key_reminder(&config)),
        Err(e) => tracing::warn!(error = %e, "cannot check the secret key against the backup"),
    }
    Ok(())
}

async fn health(config: &Config) -> Result<(), StartError> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // The server's own address; one listening on every address is asked on loopback.
    let mut at = config.listen;
    if at.ip().is_unspecified() {
        at.set_ip(if at.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        });
    }
    let ask = async {
        let mut conn = tokio::net::TcpStream::connect(at).await?;
        conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await?;
        let mut answer = Vec::new();
        conn.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = tokio::time::timeout(std::time::Duration::from_secs(5), ask)
        .await
        .map_err(|_| StartError::new(format!("{at}: no answer within 5 s")))?
        .map_err(|e| StartError::new(format!("{at}: {e}")))?;
    if answer.starts_with(b"HTTP/1.1 200") {
        println!("healthy");
        Ok(())
    } else {
        let status = String::from_utf8_lossy(answer.split(|b| *b == b'\r').next().unwrap_or_default()).into_owned();
        Err(StartError::new(format!("{at}: {status}")))
    }
}

fn calibrate_argon2(config: &Config, target_ms: u64, max_memory_mib: u32) {
    use platform::hasher::{calibrate, time_one_hash};
    let target = std::time::Duration::from_millis(target_ms);
    println!("measuring argon2id on this machine (target {target_ms} ms per hash)...");
    let c = calibrate(target, max_memory_mib.saturating_mul(1024), time_one_hash);
    let now = &config.argon2;
    println!(
        "argon2id m={} KiB, t={}, p={}: {} ms per hash here",
        c.memory_kib,
        c.iterations,
        c.parallelism,
        c.took.as_millis()
    );
    if c.slower_than_target {
        println!("note: even OWASP's minimum takes longer than {target_ms} ms here; it is the floor, and is kept");
    }
    println!("in force now: m={} KiB, t={}, p={}", now.m_cost(), now.t_cost(), now.p_cost());
    println!();
    println!("To use them, set in the environment:");
    println!(
        "  GATEHOUSE_ARGON2_MEMORY_KIB={} GATEHOUSE_ARGON2_ITERATIONS={} GATEHOUSE_ARGON2_PARALLELISM={}",
        c.memory_kib, c.iterations, c.parallelism
    );
    println!("or in the configuration file:");
    println!(
        "  argon2_memory_kib = {}\n  argon2_iterations = {}\n  argon2_parallelism = {}",
        c.memory_kib, c.iterations, c.parallelism
    );
    println!("Passwords hashed with other parameters are re-hashed with these at their next successful sign-in.");
}

/// Every field problem on one line each, for the terminal.
fn describe(e: AppError) -> StartError {
    match e {
        AppError::Validation { errors } => StartError::new(
            errors.iter().map(|f| format!("--{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; "),
        ),
        AppError::Conflict { field, message, .. } => StartError::new(format!("--{field}: {message}")),
        other => StartError::new(other.to_string()),
    }
}

/// Asks twice on a terminal; otherwise reads the first line of stdin.
fn read_new_password() -> Result<String, StartError> {
    let io = |e: std::io::Error| StartError::new(format!("cannot read the password: {e}"));
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("New administrator password: ").map_err(io)?;
        let second = rpassword::prompt_password("Repeat the password: ").map_err(io)?;
        if first != second {
            return Err(StartError::new("the passwords do not match"));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(io)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
