//! Delivery: SMTP through lettre when configured, otherwise the file outbox.

use std::path::PathBuf;

use lettre::{
    message::{header::ContentType, Mailbox, MultiPart, SinglePart},
    transport::smtp::{authentication::Credentials, client::Tls, client::TlsParameters},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use super::{queue::Failure, OutgoingMail};
use crate::config::{SmtpConfig, SmtpSecurity};

#[derive(Clone)]
pub enum Transport {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// One `.eml` file per message in this directory.
    Outbox {
        dir: PathBuf,
        from: Mailbox,
    },
}

impl Transport {
    pub fn smtp(c: &SmtpConfig) -> Result<Transport, String> {
        let from: Mailbox = c.from.parse().map_err(|e| format!("GATEHOUSE_SMTP_FROM: {e}"))?;
        let tls = || TlsParameters::new(c.host.clone()).map_err(|e| format!("GATEHOUSE_SMTP_HOST: {e}"));
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host)
            .port(c.port)
            .timeout(Some(std::time::Duration::from_secs(20)))
            .tls(match c.security {
                SmtpSecurity::Tls => Tls::Wrapper(tls()?),
                SmtpSecurity::StartTls => Tls::Required(tls()?),
                SmtpSecurity::None => Tls::None,
            });
        if let (Some(user), Some(password)) = (&c.user, &c.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Transport::Smtp { transport: builder.build(), from })
    }

    pub fn outbox(dir: PathBuf) -> Transport {
        #[allow(clippy::expect_used)]
        let from = "Gatehouse <gatehouse@localhost>".parse().expect("a valid mailbox");
        Transport::Outbox { dir, from }
    }

    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp { .. } => "SMTP".to_owned(),
            Transport::Outbox { dir, .. } => format!("file outbox {}", dir.display()),
        }
    }

    fn from(&self) -> &Mailbox {
        match self {
            Transport::Smtp { from, .. } | Transport::Outbox { from, .. } => from,
        }
    }

    /// Builds the MIME message (plain text and HTML alternatives).
    pub fn message(&self, mail: &OutgoingMail) -> Result<Message, String> {
        let to: Mailbox = mail.to.parse().map_err(|e| format!("bad recipient: {e}"))?;
        Message::builder()
            .from(self.from().clone())
            .to(to)
            .subject(mail.subject.clone())
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.text.clone()))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(mail.html.clone())),
            )
            .map_err(|e| format!("cannot build the message: {e}"))
    }

    /// Sends one message. The error is for the queue's `last_error` and the log; it never
    /// contains the body.
    pub async fn send(&self, id: &str, mail: &OutgoingMail) -> Result<(), (String, Failure)> {
        // A message that cannot be built (an address lettre refuses) never can be.
        let message = self.message(mail).map_err(|e| (e, Failure::Permanent))?;
        match self {
            Transport::Smtp { transport, .. } => transport.send(message).await.map(|_| ()).map_err(|e| {
                // A 5xx answer (no such mailbox, refused) will be the same next time.
                let failure = if e.is_permanent() { Failure::Permanent } else { Failure::Transient };
                (e.to_string(), failure)
            }),
            Transport::Outbox { dir, .. } => {
                let path = dir.join(format!("{id}.eml"));
                write_private(dir, &path, message.formatted())
                    .await
                    .map_err(|e| (e.to_string(), Failure::Transient))?;
                tracing::info!(to = %mail.to, subject = %mail.subject, file = %path.display(), "mail written to the outbox");
                Ok(())
            }
        }
    }

    /// Deletes outbox files last written before `older_than` (a time in ms since the epoch);
    /// returns how many. Messages hold one-time links: they are not kept longer than needed.
    pub async fn purge_outbox(&self, older_than: i64) -> std::io::Result<usize> {
        let Transport::Outbox { dir, .. } = self else { return Ok(0) };
        let mut entries = match tokio::fs::read_dir(dir).await {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut removed = 0;
        while let Some(entry) = entries.next_entry().await? {
            let path = entry.path();
            if path.extension().is_none_or(|x| x != "eml") {
                continue;
            }
            let modified = entry.metadata().await?.modified()?;
            let ms = modified.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
            if ms < older_than {
                tokio::fs::remove_file(&path).await?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Writes `body` to `path`, readable by this user only, in `dir` (made, readable by this user
/// only, when missing): the outbox holds sign-in codes and reset links.
async fn write_private(dir: &std::path::Path, path: &std::path::Path, body: Vec<u8>) -> std::io::Result<()> {
    let (dir, path) = (dir.to_owned(), path.to_owned());
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        #[cfg(unix)]
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        builder.mode(0o700);
        builder.create(&dir)?;
        // A directory made before (by an older version, or by hand) is closed too.
        #[cfg(unix)]
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        options.mode(0o600);
        let mut file = options.open(&path)?;
        file.write_all(&body)?;
        file.sync_all()
    })
    .await
    .map_err(std::io::Error::other)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_outbox_writes_one_eml_per_message() {
        let dir = std::env::temp_dir().join(format!("gatehouse-outbox-{}", crate::crypto::new_id()));
        let t = Transport::outbox(dir.clone());
        let mail = OutgoingMail {
            to: "ada@example.test".into(),
            subject: "Verify your email".into(),
            text: "Open https://id.example/verify?t=abc".into(),
            html: "<p><a href=\"https://id.example/verify?t=abc\">Verify</a></p>".into(),
        };
        t.send("m1", &mail).await.unwrap();
        let eml = std::fs::read_to_string(dir.join("m1.eml")).unwrap();
        assert!(eml.contains("To: ada@example.test"));
        assert!(eml.contains("Subject: Verify your email"));
        assert!(eml.contains("text/plain") && eml.contains("text/html"));
        assert!(!format!("{mail:?}").contains("abc"), "bodies are not printed");
        let refused = t.send("m2", &OutgoingMail { to: "not an address".into(), ..mail }).await;
        assert_eq!(refused.map_err(|(_, f)| f), Err(Failure::Permanent), "an address lettre refuses never goes");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn outbox_files_are_private_and_purged_when_old() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("gatehouse-outbox-{}", crate::crypto::new_id()));
        let t = Transport::outbox(dir.clone());
        let mail = OutgoingMail {
            to: "ada@example.test".into(),
            subject: "Your code".into(),
            text: "123456".into(),
            html: "<p>123456</p>".into(),
        };
        t.send("m1", &mail).await.unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("m1.eml")), 0o600);
        std::fs::write(dir.join("notes.txt"), "not mail").unwrap();

        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
        assert_eq!(t.purge_outbox(now - 60_000).await.unwrap(), 0, "a fresh message stays");
        assert_eq!(t.purge_outbox(now + 60_000).await.unwrap(), 1, "an old one goes");
        assert!(!dir.join("m1.eml").exists());
        assert!(dir.join("notes.txt").exists(), "only .eml files are the outbox's");
        let _ = std::fs::remove_dir_all(dir);
    }
}
