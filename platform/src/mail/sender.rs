//! The sender: drains due messages from the queue. Every instance may run one; claims keep
//! them from sending a message twice at once.

use std::{sync::Arc, time::Duration};

use tokio::sync::Notify;

use super::{queue, transport::Transport, OutgoingMail};
use wire::error::AppError;

use crate::{clock::Clock, crypto::SecretKey, db::Db};

/// Associated data of sealed mail bodies.
const SEAL_CONTEXT: &str = "gatehouse:mail-body";

/// Queues mail and wakes the sender. Cheap to clone.
///
/// Bodies are sealed (AES-256-GCM under the server key) before they enter the queue, because
/// they may hold one-time links: the database never holds such a link in plain text, and a
/// delivered message's bodies are blanked.
#[derive(Clone)]
pub struct Mailer {
    pub transport: Transport,
    key: Arc<SecretKey>,
    wake: Arc<Notify>,
}

impl Mailer {
    pub fn new(transport: Transport, key: SecretKey) -> Self {
        Mailer { transport, key: Arc::new(key), wake: Arc::new(Notify::new()) }
    }

    /// Stores the message for delivery and returns at once.
    pub async fn queue(&self, db: &Db, mail: &OutgoingMail, now: i64) -> Result<String, AppError> {
        let sealed = OutgoingMail {
            to: mail.to.clone(),
            subject: mail.subject.clone(),
            text: self.seal(&mail.text)?,
            html: self.seal(&mail.html)?,
        };
        let id = queue::enqueue(db, &sealed, now).await?;
        self.wake.notify_one();
        Ok(id)
    }

    fn seal(&self, body: &str) -> Result<String, AppError> {
        self.key.seal(SEAL_CONTEXT, body.as_bytes()).map_err(|e| {
            tracing::error!(error = %e, "cannot seal a mail body");
            AppError::Internal
        })
    }

    /// The readable message of a claimed queue row.
    pub fn open(&self, sealed: &OutgoingMail) -> Result<OutgoingMail, String> {
        let open = |body: &str| -> Result<String, String> {
            let bytes = self.key.open(SEAL_CONTEXT, body).map_err(|e| e.to_string())?;
            String::from_utf8(bytes).map_err(|e| e.to_string())
        };
        Ok(OutgoingMail {
            to: sealed.to.clone(),
            subject: sealed.subject.clone(),
            text: open(&sealed.text)?,
            html: open(&sealed.html)?,
        })
    }

    /// Sends every due message; returns how many were delivered.
    pub async fn deliver_due(&self, db: &Db, clock: &Clock) -> Result<usize, sqlx::Error> {
        let mut sent = 0;
        while let Some(claimed) = queue::claim(db, clock.now_ms()).await? {
            let outcome = match self.open(&claimed.mail) {
                Ok(mail) => self.transport.send(&claimed.id, &mail).await,
                // Sealed under another key (the key file was replaced): it can never be sent.
                Err(e) => Err((format!("cannot open the sealed body: {e}"), queue::Failure::Permanent)),
            };
            match outcome {
                Ok(()) => {
                    queue::mark_sent(db, &claimed.id, clock.now_ms()).await?;
                    sent += 1;
                }
                Err((e, failure)) => {
                    if queue::mark_failed(db, &claimed, &e, failure, clock.now_ms()).await? {
                        tracing::error!(id = %claimed.id, to = %claimed.mail.to, attempt = claimed.attempts, error = %e, "mail delivery failed; given up");
                    } else {
                        tracing::warn!(id = %claimed.id, to = %claimed.mail.to, attempt = claimed.attempts, error = %e, "mail delivery failed; will retry");
                    }
                }
            }
        }
        Ok(sent)
    }

    /// Runs forever: delivers when woken by `queue`, and every few seconds for retries and
    /// for mail queued by other instances.
    pub async fn run(self, db: Db, clock: Clock) {
        loop {
            if let Err(e) = self.deliver_due(&db, &clock).await {
                tracing::error!(error = %e, "mail queue unavailable");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        config::{SmtpConfig, SmtpSecurity},
        db::testing,
    };
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    /// A minimal SMTP peer that accepts every message and returns what it received.
    async fn smtp_sink(listener: tokio::net::TcpListener) -> Vec<String> {
        let (socket, _) = listener.accept().await.unwrap();
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        let mut messages = Vec::new();
        let mut data: Option<String> = None;
        write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(body) = data.as_mut() {
                if line == "." {
                    messages.push(data.take().unwrap());
                    write.write_all(b"250 queued\r\n").await.unwrap();
                } else {
                    body.push_str(&line);
                    body.push('\n');
                }
                continue;
            }
            let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" | "HELO" => b"250 sink\r\n",
                "DATA" => {
                    data = Some(String::new());
                    b"354 go ahead\r\n"
                }
                "QUIT" => {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    break;
                }
                _ => b"250 ok\r\n",
            };
            write.write_all(reply).await.unwrap();
        }
        messages
    }

    #[tokio::test]
    async fn mail_waits_in_the_queue_while_smtp_is_down_then_goes_out() {
        for t in testing::all().await {
            // A port with nobody listening yet.
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let port = listener.local_addr().unwrap().port();
            drop(listener);
            let config = SmtpConfig {
                host: "127.0.0.1".into(),
                port,
                security: SmtpSecurity::None,
                user: None,
                password: None,
                from: "Gatehouse <noreply@example.test>".into(),
            };
            let mailer = Mailer::new(Transport::smtp(&config).unwrap(), SecretKey::generate());
            let clock = Clock::manual(1_000);
            let mail = OutgoingMail {
                to: "ada@example.test".into(),
                subject: "Reset your password".into(),
                text: "link".into(),
                html: "<p>link</p>".into(),
            };
            mailer.queue(&t.db, &mail, clock.now_ms()).await.unwrap();
            let (text, html): (String, String) =
                sqlx::query_as("SELECT text_body, html_body FROM mail_queue").fetch_one(&t.db).await.unwrap();
            assert!(!text.contains("link") && !html.contains("link"), "bodies are sealed in the queue");

            assert_eq!(mailer.deliver_due(&t.db, &clock).await.unwrap(), 0);
            assert_eq!(queue::pending(&t.db).await.unwrap(), 1, "kept for a retry");
            let (error,): (Option<String>,) =
                sqlx::query_as("SELECT last_error FROM mail_queue").fetch_one(&t.db).await.unwrap();
            assert!(error.is_some());

            // SMTP comes back; the retry is due after the back-off.
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
            let sink = tokio::spawn(smtp_sink(listener));
            assert_eq!(mailer.deliver_due(&t.db, &clock).await.unwrap(), 0, "not due yet");
            clock.advance_ms(queue::FIRST_RETRY_MS);
            assert_eq!(mailer.deliver_due(&t.db, &clock).await.unwrap(), 1);
            assert_eq!(queue::pending(&t.db).await.unwrap(), 0);
            drop(mailer);
            let received = tokio::time::timeout(Duration::from_secs(10), sink).await.unwrap().unwrap();
            assert_eq!(received.len(), 1, "{:?}", t.backend);
            assert!(received[0].contains("Subject: Reset your password"));
            assert!(received[0].contains("To: ada@example.test"));
            assert!(received[0].contains("link"), "delivered readable");
            let (text,): (String,) = sqlx::query_as("SELECT text_body FROM mail_queue").fetch_one(&t.db).await.unwrap();
            assert_eq!(text, "", "a delivered body is blanked");
            t.close().await;
        }
    }
}
