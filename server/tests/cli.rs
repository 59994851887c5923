//! The `gatehouse` binary: help, configuration errors, migrate, create-admin, serve and a
//! graceful stop on SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

fn gatehouse(data: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gatehouse"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("GATEHOUSE_DATA_DIR", data)
        .env("RUST_LOG", "warn");
    c
}

fn with_stdin(mut cmd: Command, input: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn help_lists_the_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let out = gatehouse(dir.path()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = text(&out.stdout);
    for word in [
        "serve",
        "migrate",
        "create-admin",
        "delete-user",
        "reset-2fa",
        "disable-user",
        "enable-user",
        "backup",
        "restore",
        "calibrate-argon2",
        "--config",
        "--log-json",
    ] {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = gatehouse(dir.path()).env("GATEHOUSE_LISTEN", "nowhere").arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("GATEHOUSE_LISTEN"), "{err}");

    let file = dir.path().join("gatehouse.toml");
    std::fs::write(&file, "public_url = \"ftp://nope\"\n").unwrap();
    let out = gatehouse(dir.path()).arg("--config").arg(&file).arg("migrate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("public_url in"), "{}", text(&out.stderr));
}

#[test]
fn migrate_then_create_admin_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = gatehouse(dir.path()).arg("migrate").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("gatehouse.db").exists());
    assert!(dir.path().join("secret.key").exists());

    let mut cmd = gatehouse(dir.path());
    cmd.args(["create-admin", "--email", "Root@Example.test", "--username", "root"]);
    let out = with_stdin(cmd, "a strong admin passphrase\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("created administrator root <root@example.test>"));

    let mut again = gatehouse(dir.path());
    again.args(["create-admin", "--email", "other@example.test", "--username", "ROOT"]);
    let out = with_stdin(again, "a strong admin passphrase\n");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--username: That username is taken."), "{}", text(&out.stderr));

    let mut weak = gatehouse(dir.path());
    weak.args(["create-admin", "--email", "weak@example.test", "--username", "weak"]);
    let out = with_stdin(weak, "password\n");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--password:"), "{}", text(&out.stderr));
}

#[test]
fn serves_health_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let metrics_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = gatehouse(dir.path())
        .env("GATEHOUSE_LISTEN", format!("127.0.0.1:{port}"))
        .env("GATEHOUSE_METRICS_LISTEN", format!("127.0.0.1:{metrics_port}"))
        .env("GATEHOUSE_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // The server says when it listens; the log is read line by line until then (a line a
    // test can wait for, instead of polling the port).
    let mut child = child;
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    loop {
        let mut line = String::new();
        let read = std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
        assert!(read > 0, "the server ended before serving: {log}");
        log.push_str(&line);
        if line.contains("Gatehouse is serving") {
            break;
        }
    }
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = String::new();
    std::io::Read::read_to_string(&mut s, &mut buf).unwrap();
    assert!(buf.starts_with("HTTP/1.1 200") && buf.contains("\"ok\""), "{buf}");
    // The metrics address answers /metrics without a token; the main one does not have it.
    let get = |port: u16, path: &str| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut buf = String::new();
        std::io::Read::read_to_string(&mut s, &mut buf).unwrap();
        buf
    };
    let metrics = get(metrics_port, "/metrics");
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(metrics.contains("gatehouse_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"));
    assert!(get(port, "/metrics").starts_with("HTTP/1.1 404"));
    assert!(get(metrics_port, "/healthz").starts_with("HTTP/1.1 404"), "the metrics address serves nothing else");

    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit after SIGTERM: {status:?}");
    std::io::Read::read_to_string(&mut stderr, &mut log).unwrap();
    let first = log.lines().find(|l| l.contains("Gatehouse is serving")).unwrap_or_default();
    let line: serde_json::Value = serde_json::from_str(first).expect("JSON log lines");
    assert_eq!(line["level"], "INFO");
    assert!(log.contains("Gatehouse stopped"));
}

#[test]
fn delete_user_follows_the_rules_of_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = gatehouse(dir.path());
    cmd.args(["create-admin", "--email", "root@example.test", "--username", "root"]);
    assert!(with_stdin(cmd, "a strong admin passphrase\n").status.success());
    // The only administrator stays; an unknown account is named.
    let out = gatehouse(dir.path()).args(["delete-user", "--user", "root"]).output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("only administrator"), "{}", text(&out.stderr));
    let out = gatehouse(dir.path()).args(["delete-user", "--user", "nobody@example.test"]).output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("no account is nobody@example.test"), "{}", text(&out.stderr));

    let mut cmd = gatehouse(dir.path());
    cmd.args(["create-admin", "--email", "second@example.test", "--username", "second"]);
    assert!(with_stdin(cmd, "a strong admin passphrase\n").status.success());
    let out = gatehouse(dir.path()).args(["delete-user", "--user", "ROOT@example.test"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("deleted root: disabled now, gone for good on"), "{said}");
    let out = gatehouse(dir.path()).args(["delete-user", "--user", "root"]).output().unwrap();
    assert!(text(&out.stderr).contains("being deleted already"), "{}", text(&out.stderr));
}

/// The data directory's database, opened beside the binary.
async fn open_db(dir: &std::path::Path) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&format!("sqlite://{}", dir.join("gatehouse.db").display())).await.unwrap()
}

fn create_admin(dir: &std::path::Path, username: &str) {
    let mut cmd = gatehouse(dir);
    cmd.args(["create-admin", "--email", &format!("{username}@example.test"), "--username", username]);
    let out = with_stdin(cmd, "a strong admin passphrase\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[tokio::test]
async fn a_locked_out_administrator_resets_their_own_two_factor_from_the_console() {
    let dir = tempfile::tempdir().unwrap();
    create_admin(dir.path(), "root");
    let db = open_db(dir.path()).await;
    let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = 'root'").fetch_one(&db).await.unwrap();
    // An authenticator and backup codes, as the web pages leave them (the secret is never read here).
    sqlx::query("INSERT INTO totp_factors (user_id, secret_sealed, created_at, last_step) VALUES ($1, 'sealed', 1, 0)")
        .bind(&id)
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("INSERT INTO backup_codes (id, user_id, salt, code_hash, created_at) VALUES ('b1', $1, 's', 'h', 1)")
        .bind(&id)
        .execute(&db)
        .await
        .unwrap();

    let out = gatehouse(dir.path()).args(["reset-2fa", "--user", "ROOT@example.test"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("two-factor authentication of root reset"), "{}", text(&out.stdout));
    let count = |sql: &'static str| {
        let db = db.clone();
        let id = id.clone();
        async move { sqlx::query_as::<_, (i64,)>(sql).bind(id).fetch_one(&db).await.unwrap().0 }
    };
    assert_eq!(count("SELECT COUNT(*) FROM totp_factors WHERE user_id = $1").await, 0);
    assert_eq!(count("SELECT COUNT(*) FROM backup_codes WHERE user_id = $1").await, 0);
    let (actor,): (String,) =
        sqlx::query_as("SELECT actor_id FROM audit_log WHERE user_id = $1 AND event = 'two_factor_reset'")
            .bind(&id)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(actor, "gatehouse reset-2fa");
    let (mails,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_queue WHERE to_addr = 'root@example.test'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert!(mails >= 1, "the owner is told");

    let out = gatehouse(dir.path()).args(["reset-2fa", "--user", "nobody"]).output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("no account is nobody"), "{}", text(&out.stderr));
}

#[tokio::test]
async fn disable_and_enable_user_from_the_console() {
    let dir = tempfile::tempdir().unwrap();
    create_admin(dir.path(), "root");
    let db = open_db(dir.path()).await;
    let disabled = || {
        let db = db.clone();
        async move {
            sqlx::query_as::<_, (Option<i64>,)>("SELECT disabled_at FROM users WHERE username = 'root'")
                .fetch_one(&db)
                .await
                .unwrap()
                .0
                .is_some()
        }
    };
    sqlx::query(
        "INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent) \
         SELECT 's1', id, 'h', 1, 1, 9999999999999, '127.0.0.1', 'test' FROM users WHERE username = 'root'",
    )
    .execute(&db)
    .await
    .unwrap();
    let out = gatehouse(dir.path()).args(["disable-user", "--user", "root"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("disabled root"), "{}", text(&out.stdout));
    assert!(disabled().await);
    let (sessions,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&db).await.unwrap();
    assert_eq!(sessions, 0, "its sessions end");
    let out = gatehouse(dir.path()).args(["enable-user", "--user", "root"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!disabled().await);
    let (events,): (String,) = sqlx::query_as(
        "SELECT group_concat(event || ':' || actor_id, ' ') FROM (SELECT event, actor_id FROM audit_log \
         WHERE event IN ('account_disabled', 'account_enabled') ORDER BY created_at, event DESC)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(events, "account_disabled:gatehouse disable-user account_enabled:gatehouse enable-user");
}

#[tokio::test]
async fn backup_then_restore_brings_back_the_state_of_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    create_admin(dir.path(), "root");
    let copy = dir.path().join("backup.db");
    let out = gatehouse(dir.path()).arg("backup").arg("--to").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("wrote") && said.contains("secret.key"), "the key is reminded: {said}");
    let again = gatehouse(dir.path()).arg("backup").arg("--to").arg(&copy).output().unwrap();
    assert!(text(&again.stderr).contains("exists already"), "{}", text(&again.stderr));
    create_admin(dir.path(), "second");

    // Refused while something listens on the server's address.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy_at = busy.local_addr().unwrap().to_string();
    let out = gatehouse(dir.path()).env("GATEHOUSE_LISTEN", &busy_at).arg("restore").arg("--from").arg(&copy).output();
    let out = out.unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("stop the server"), "{}", text(&out.stderr));
    drop(busy);
    // Not a database: refused, nothing touched.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "junk ".repeat(1000)).unwrap();
    let out = gatehouse(dir.path()).env("GATEHOUSE_LISTEN", &busy_at).arg("restore").arg("--from").arg(&junk).output();
    assert!(text(&out.unwrap().stderr).contains("not an SQLite database"));

    let out = gatehouse(dir.path()).env("GATEHOUSE_LISTEN", &busy_at).arg("restore").arg("--from").arg(&copy).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("(1 accounts)") && said.contains("before-restore-"), "{said}");
    let db = open_db(dir.path()).await;
    let names: Vec<(String,)> = sqlx::query_as("SELECT username FROM users").fetch_all(&db).await.unwrap();
    assert_eq!(names, vec![("root".to_owned(),)]);

    let mut pg = gatehouse(dir.path());
    let out = pg.env("DATABASE_URL", "postgres://127.0.0.1:1/none").args(["backup", "--to", "x"]).output().unwrap();
    assert!(text(&out.stderr).contains("pg_dump"), "{}", text(&out.stderr));
}

#[test]
fn calibrate_argon2_prints_parameters_the_server_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = gatehouse(dir.path()).args(["calibrate-argon2", "--target-ms", "60", "--max-memory-mib", "32"]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let value = |name: &str| -> u32 {
        let at = said.find(&format!("{name}=")).unwrap_or_else(|| panic!("{name} missing: {said}"));
        said[at + name.len() + 1..].split_whitespace().next().unwrap().parse().unwrap()
    };
    let (m, t, p) = (
        value("GATEHOUSE_ARGON2_MEMORY_KIB"),
        value("GATEHOUSE_ARGON2_ITERATIONS"),
        value("GATEHOUSE_ARGON2_PARALLELISM"),
    );
    assert!((19_456..=32 * 1024).contains(&m) && t >= 2 && p == 1, "{said}");
    assert!(said.contains("argon2_memory_kib = ") && said.contains("next successful sign-in"), "{said}");
    // The server takes them; weaker ones stop it with the setting named.
    let ok = gatehouse(dir.path())
        .env("GATEHOUSE_ARGON2_MEMORY_KIB", m.to_string())
        .env("GATEHOUSE_ARGON2_ITERATIONS", t.to_string())
        .arg("migrate")
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let weak = gatehouse(dir.path()).env("GATEHOUSE_ARGON2_MEMORY_KIB", "4096").arg("migrate").output().unwrap();
    assert_eq!(weak.status.code(), Some(2));
    assert!(text(&weak.stderr).contains("GATEHOUSE_ARGON2_MEMORY_KIB"), "{}", text(&weak.stderr));
}
