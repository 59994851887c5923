//! Changing a password.

use serde_json::json;

use super::rules::PasswordPolicy;
use crate::{
    audit::{repo as audit, AuditEvent},
    auth::service::{check_password, Deps},
    error::{AppError, Problems},
    mail::{sender::Mailer, templates},
    server::{config::PublicUrl, guard::SignedIn, ratelimit, request::ClientMeta},
    sessions::repo as sessions,
};

pub struct ChangeInput<'a> {
    pub current: &'a str,
    pub new_password: &'a str,
    pub confirm: &'a str,
}

/// Wrong guesses of the current password count like failed sign-ins.
const CHANGE_PER_ACCOUNT: ratelimit::Limit = ratelimit::SIGN_IN_PER_ACCOUNT;

pub async fn change(
    deps: &Deps<'_>,
    mailer: &Mailer,
    public_url: &PublicUrl,
    me: &SignedIn,
    input: ChangeInput<'_>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let mut p = Problems::default();
    if input.current.is_empty() {
        p.add("current", "Enter your current password.");
    }
    check_password(&PasswordPolicy::default(), input.new_password, &mut p, "new_password");
    if input.confirm != input.new_password {
        p.add("confirm", "The passwords do not match.");
    }
    p.into_result()?;

    let key = format!("password:user:{}", me.user.id);
    ratelimit::hit(deps.db, &key, CHANGE_PER_ACCOUNT, deps.now).await?;
    if !deps.hasher.verify(input.current, Some(&me.user.password_hash)).await? {
        return Err(AppError::field("current", "Your current password is not correct."));
    }
    ratelimit::reset(deps.db, &key).await?;

    let hash = deps.hasher.hash(input.new_password).await?;
    sqlx::query("UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1")
        .bind(&me.user.id)
        .bind(&hash)
        .bind(deps.now)
        .execute(deps.db)
        .await?;
    let ended = sessions::delete_others(deps.db, &me.user.id, &me.session_id).await?;
    audit::record(
        deps.db,
        audit::Entry {
            user_id: Some(&me.user.id),
            actor_id: None,
            event: AuditEvent::PasswordChanged,
            meta,
            detail: json!({ "other_sessions_ended": ended }),
        },
        deps.now,
    )
    .await?;
    let notice = templates::password_changed(&me.user.email, &me.user.name, &public_url.link("/account/security"));
    mailer.queue(deps.db, &notice, deps.now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        auth::service::{register, RegisterInput},
        mail::{queue, transport::Transport},
        password::hasher::PasswordHasher,
        server::db::testing,
        sessions::service::{self as sess, Timeouts},
    };

    const T: Timeouts = Timeouts { idle_ms: 60_000, lifetime_ms: 3_600_000 };

    #[tokio::test]
    async fn change_needs_the_current_password_ends_other_sessions_and_mails_a_notice() {
        let hasher = PasswordHasher::standard().unwrap();
        let mailer = Mailer::new(Transport::outbox(std::env::temp_dir().join("gatehouse-unused-outbox")));
        let url = PublicUrl::parse("https://id.example.test").unwrap();
        let meta = ClientMeta { ip: "192.0.2.9".into(), user_agent: "unit".into() };
        for t in testing::all().await {
            let deps = Deps { db: &t.db, hasher: &hasher, timeouts: T, now: 1_000 };
            let input =
                RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "first passphrase" };
            let (user, here) = register(&deps, input, &PasswordPolicy::default(), &meta).await.unwrap();
            let there = sess::start(&t.db, T, &user.id, &meta, 1_000).await.unwrap();
            let me = SignedIn { session_id: here.id.clone(), user: user.clone() };

            let bad = change(
                &deps,
                &mailer,
                &url,
                &me,
                ChangeInput { current: "wrong", new_password: "second passphrase", confirm: "second passphrase" },
                &meta,
            )
            .await;
            assert_eq!(
                bad.unwrap_err().field_message("current").as_deref(),
                Some("Your current password is not correct.")
            );
            let bad = change(
                &deps,
                &mailer,
                &url,
                &me,
                ChangeInput { current: "first passphrase", new_password: "short", confirm: "other" },
                &meta,
            )
            .await
            .unwrap_err();
            assert_eq!(bad.field_message("new_password").as_deref(), Some("Use at least 8 characters."));
            assert_eq!(bad.field_message("confirm").as_deref(), Some("The passwords do not match."));
            assert!(
                sess::resolve(&t.db, T, there.token.expose(), &meta, 1_000).await.unwrap().is_some(),
                "nothing changed yet"
            );

            change(
                &deps,
                &mailer,
                &url,
                &me,
                ChangeInput {
                    current: "first passphrase",
                    new_password: "second passphrase",
                    confirm: "second passphrase",
                },
                &meta,
            )
            .await
            .unwrap();
            assert!(
                sess::resolve(&t.db, T, there.token.expose(), &meta, 1_001).await.unwrap().is_none(),
                "other session ended"
            );
            assert!(
                sess::resolve(&t.db, T, here.token.expose(), &meta, 1_001).await.unwrap().is_some(),
                "this one kept"
            );
            let row = crate::auth::repo::find_by_id(&t.db, &user.id).await.unwrap().unwrap();
            assert!(hasher.verify("second passphrase", Some(&row.password_hash)).await.unwrap());
            let notice = queue::claim(&t.db, 1_000).await.unwrap().unwrap();
            assert_eq!(
                (notice.mail.to.as_str(), notice.mail.subject.as_str()),
                ("ada@example.test", "Your Gatehouse password was changed")
            );
            assert!(notice.mail.text.contains("https://id.example.test/account/security"));
            t.close().await;
        }
    }
}
