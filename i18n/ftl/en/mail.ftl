## The mails Gatehouse sends (core/src/notices.rs). Subjects, then the parts of each body:
## the greeting, a lead, the link to follow (or the code) and a closing line.

mail-hello = Hello { $name },
# A link in a plain-text mail: what it does, then the address.
mail-action-line = { $action }: { $link }
mail-review-security = Review your account's security

## Your password was changed

mail-password-changed-subject = Your Gatehouse password was changed
mail-password-changed-body = The password of your Gatehouse account was just changed, and every other session was signed out.
# Plain text: the address of the security page follows.
mail-password-changed-advice = If you did not do this, reset your password at once and review your sessions: { $url }
# HTML: the same sentence around a link ("…at once and <a>review your sessions</a>.").
mail-password-changed-advice-before = If you did not do this, reset your password at once and
mail-password-changed-advice-link = review your sessions
mail-password-changed-advice-after = {"."}

## Confirm the account's address

mail-verify-subject = Confirm your Gatehouse email address
mail-verify-lead = Please confirm that this is your email address.
mail-verify-action = Confirm your email address
mail-verify-tail = The link works once, for 24 hours. If you did not create a Gatehouse account, ignore this message.

## Confirm a new address

mail-confirm-new-subject = Confirm your new Gatehouse email address
mail-confirm-new-lead = You asked to use this address for your Gatehouse account. It takes effect once you confirm it.
mail-confirm-new-action = Confirm your new email address
mail-confirm-new-tail = The link works once, for 24 hours. If you did not ask for this, ignore this message.

## To the old address: a change was asked for

mail-change-requested-subject = A change of your Gatehouse email address was requested
mail-change-requested-lead = Someone signed in to your Gatehouse account asked to change its email address to { $address }. It changes only once the link sent to that address is opened.
mail-change-requested-tail = If this was not you, change your password at once.

## To the old address: the address was changed

mail-email-changed-subject = Your Gatehouse email address was changed
mail-email-changed-lead = The email address of your Gatehouse account is now { $address }. Mail about the account, password reset links included, goes there from now on.
mail-email-changed-tail = If this was not you, contact your administrator at once: whoever changed it can now reset your password.

## To an address another account asked to move to

mail-in-use-subject = Someone tried to use your address for another Gatehouse account
mail-in-use-lead = Another Gatehouse account asked to change its email address to this one. This address already belongs to your account, so nothing changed. If that was you, sign in with this address instead.
mail-in-use-tail = If you do not recognise this, you need not do anything.

## Reset the password

mail-reset-subject = Reset your Gatehouse password
mail-reset-lead = Someone asked to reset the password of your Gatehouse account.
mail-reset-action = Choose a new password
mail-reset-tail = The link works once, for one hour. If you did not ask for this, ignore this message: your password stays as it is.

## A code for the second step (the code follows the lead on a line of its own)

mail-code-subject = Your Gatehouse verification code
mail-code-lead = Your Gatehouse verification code is:
mail-code-tail = It works once, for 10 minutes. If you did not just sign in or ask for it, change your password: someone knows it.

## A change of the account's second factors: one of the sentences, then the closing line

mail-factors-subject = Two-factor authentication changed on your Gatehouse account
mail-factors-totp-on = Two-factor authentication via TOTP was turned on.
mail-factors-totp-off = Two-factor authentication via TOTP was turned off.
mail-factors-email-on = Two-factor authentication via Email was turned on.
mail-factors-email-off = Two-factor authentication via Email was turned off.
mail-factors-backup-codes-renewed = New backup codes were made; the old ones no longer work.
mail-factors-required = An administrator now requires two-factor authentication for your account.
mail-factors-no-longer-required = An administrator no longer requires two-factor authentication for your account.
mail-factors-reset = An administrator reset the two-factor authentication of your account.
mail-factors-tail = If this was not you, change your password at once and contact your administrator.

## The Support PIN was set, changed or removed (never the PIN itself)

mail-pin-subject = Your Gatehouse Support PIN changed
mail-pin-set = A Support PIN was set for your Gatehouse account. Support will ask for it to confirm that a caller is you.
mail-pin-changed = The Support PIN of your Gatehouse account was changed. The old one no longer works.
mail-pin-removed = The Support PIN of your Gatehouse account was removed. Support can no longer confirm a caller by it.
mail-pin-tail = If this was not you, change your password at once: someone can sign in to your account.

## A support person checked a PIN a caller gave for the account

mail-pin-checked-subject = Support checked a PIN for your Gatehouse account
mail-pin-checked-matches = A support person checked the PIN a caller gave for your Gatehouse account, and it matched your Support PIN.
mail-pin-checked-no-match = A support person checked a PIN a caller gave for your Gatehouse account, and it did not match your Support PIN.
mail-pin-checked-none = A support person looked for your Support PIN to confirm a caller, but your account has none.
mail-pin-checked-tail = If you did not call support, someone may be pretending to be you: change your Support PIN and your password.

## An organization forces (or no longer forces) two-factor authentication for the member

mail-org-two-factor-required = { $org } now requires two-factor authentication for your account. At your next sign-in, set it up before anything else: until then nothing else is open.
mail-org-two-factor-lifted = { $org } no longer requires two-factor authentication for your account.

## An invitation to join an organization (to an address that may have no account yet)

mail-hello-there = Hello,
mail-invitation-subject = You are invited to join { $org } on Gatehouse
mail-invitation-lead = { $inviter } invited you to join { $org } as { $role }.
mail-invitation-action = Open the invitation
mail-invitation-tail = The link works once, for 7 days. Sign in, or create an account, with this email address to accept it. If you did not expect this, ignore this message.

## An account's deletion: requested (restorable until a date), restored by signing in, completed

mail-deletion-subject = Your Gatehouse account is deleted
mail-deletion-scheduled = Your Gatehouse account was deleted. Until { $date } it is kept, disabled; then it is gone for good, with everything in it.
mail-deletion-action = Sign in to restore it
mail-deletion-tail = If you did not delete your account, sign in before then and change your password.
mail-restored-subject = Your Gatehouse account is restored
mail-restored-lead = You signed in, so your account is restored and its deletion cancelled. Its sessions, tokens, two-factor methods, Support PIN, preferences and picture were removed when it was deleted: set up what you need again.
mail-restored-tail = If this was not you, change your password now.
mail-deleted-subject = Your Gatehouse account is gone
mail-deleted-body = Your Gatehouse account and everything in it are deleted for good. Its username and email address are free again. This is the last message from us.

## When and from where (in security notices, after the lead; the device reads "Firefox on Linux")

mail-when = When: { $time }
mail-device = Device: { $device }
mail-ip = IP address: { $ip }

## A sign-in from a new device or browser

mail-new-sign-in-subject = New sign-in to your Gatehouse account
mail-new-sign-in-lead = Your Gatehouse account was just signed in to from a device or browser it was not signed in from before.
mail-review-sessions = Review your sessions
mail-new-sign-in-tail = If this was you, you need not do anything. If not, change your password at once and sign out the sessions you do not know. You can turn these messages off under Preferences, Notifications.

## A personal access token was created

mail-token-created-subject = A personal access token was created on your Gatehouse account
mail-token-created = A personal access token named “{ $token }” was created. It can use the REST API as you.
mail-token-created-ignoring-two-factor = A personal access token named “{ $token }” was created. It can use the REST API as you, without two-factor authentication.
mail-review-tokens = Review your personal access tokens
mail-token-created-tail = If this was not you, delete the token, change your password at once and contact your administrator.
