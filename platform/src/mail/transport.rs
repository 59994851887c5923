//! Delivery: SMTP through lettre when configured, otherwise the file outbox.

use std::path::PathBuf;

use lettre::{
    message::{header::ContentType, Mailbox, MultiPart, SinglePart},
    transport::smtp::{authentication::Credentials, client::Tls, client::TlsParameters},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use super::OutgoingMail;
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
    pub async fn send(&self, id: &str, mail: &OutgoingMail) -> Result<(), String> {
        let message = self.message(mail)?;
        match self {
            Transport::Smtp { transport, .. } => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Outbox { dir, .. } => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| e.to_string())?;
                let path = dir.join(format!("{id}.eml"));
                tokio::fs::write(&path, message.formatted()).await.map_err(|e| e.to_string())?;
                tracing::info!(to = %mail.to, subject = %mail.subject, file = %path.display(), "mail written to the outbox");
                Ok(())
            }
        }
    }
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
        assert!(t.send("m2", &OutgoingMail { to: "not an address".into(), ..mail }).await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
