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
    for word in ["serve", "migrate", "create-admin", "delete-user", "--config", "--log-json"] {
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
    let child = gatehouse(dir.path())
        .env("GATEHOUSE_LISTEN", format!("127.0.0.1:{port}"))
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
