//! Outgoing mail: messages are queued in the database and delivered by a sender loop, over
//! SMTP when configured, otherwise into a file outbox (one `.eml` per message in the data dir).
//! The user-facing action only queues; it never waits on SMTP.

pub mod queue;
pub mod sender;
pub mod transport;

/// A message to send. Bodies may hold one-time links: they are never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl std::fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutgoingMail")
            .field("to", &self.to)
            .field("subject", &self.subject)
            .field("body", &"[not shown]")
            .finish()
    }
}
