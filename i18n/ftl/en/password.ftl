## Password forms: change, forgot, reset, expired; and the policy's rules beside the field.

password-rules-label = Password rules
# Read out after a rule by screen readers.
password-rule-met = (met)
password-rule-not-met = (not met)

password-new = New Password
password-repeat-new = Repeat New Password
password-current = Current Password
password-change-heading = Change Password
password-change-submit = Change Password
password-changed = Your password was changed. Every other session was signed out.
password-tokens-label = Personal access tokens
password-tokens-left = { $count ->
    [one] { $count } personal access token still works: tokens do not depend on your password.
   *[other] { $count } personal access tokens still work: tokens do not depend on your password.
}
password-tokens-advice = If someone else may have had your password, revoke them.
password-revoke-all = Revoke all tokens
password-tokens-revoked = { $count ->
    [one] { $count } token revoked.
   *[other] { $count } tokens revoked.
}

password-expired-title = Change your password · Gatehouse
password-expired-heading = Your password has expired
password-expired-intro = Your administrator asks that passwords be changed regularly. Choose a new one to continue.
password-up-to-date = Your password is up to date
password-continue-to-account = Continue to My Account

password-forgot-title = Reset password · Gatehouse
password-forgot-heading = Reset password
password-forgot-intro = Enter the verified email address of your account. We will mail it a link to choose a new password.
password-field-email = Email
password-forgot-submit = Send reset link
password-forgot-sent = If an account has this verified address, a link to reset its password is on its way. The link works once, for one hour.
password-back-to-signin = Back to sign in

password-reset-title = Choose a new password · Gatehouse
password-reset-heading = Choose a new password
password-reset-two-factor = Your account has two-factor authentication: confirm it's you.
password-reset-submit = Reset password
password-ask-new-link = Ask for a new link
