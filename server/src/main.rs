//! `gatehouse`: the command line. `serve` (the default), `migrate`, `create-admin`, `delete-user`.

use std::{io::IsTerminal, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use gatehouse_core::{
    accounts::{self, RegisterInput},
    policy,
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

async fn delete_user(config: Config, who: String) -> Result<(), StartError> {
    let state = server::build_state(config, leptos_options()?, Clock::system()).await?;
    let env = state.env();
    let user = accounts::repo::find_by_identifier(env.db, &who.trim().to_lowercase())
        .await
        .map_err(|e| StartError::new(format!("cannot read the database: {e}")))?
        .ok_or_else(|| StartError::new(format!("--user: no account is {who}")))?;
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
