## Two-factor authentication: the Security page's section, the setup assistant, backup codes,
## the sign-in's second step, "Confirm it's you" and the administrators' settings.

twofactor-heading = Two-factor authentication
twofactor-page-title = Two-factor authentication · Gatehouse

## The password and code fields of a confirmation (methods are named in errors.ftl).

twofactor-confirm-with = Confirm with
twofactor-code = Code
twofactor-password = Password

## Backup codes.

twofactor-backup-codes-region = Backup codes
twofactor-backup-codes-heading = Your backup codes
twofactor-backup-codes-save-now = Save these codes somewhere safe now: they are shown only this once. Each one signs you in once if you lose your authenticator app.
twofactor-copy-backup-codes = Copy backup codes
twofactor-download = Download
twofactor-backup-codes-done = Done: I saved them
# The first line of the downloaded file of backup codes.
twofactor-backup-file-heading = Gatehouse backup codes. Each works once.
twofactor-backup-codes-gone = Backup codes are shown only once. If you did not save them, make new ones with Regenerate codes.
twofactor-backup-codes-left = { $count ->
    [one] { $count } backup code left.
   *[other] { $count } backup codes left.
}
twofactor-backup-codes-low = Make new ones before you run out.
twofactor-regenerate-codes = Regenerate codes

## The Security page's section.

twofactor-forced = Your administrator requires two-factor authentication for this account. Set up an authenticator app to continue.
twofactor-reauth-intro-on = Two-factor authentication is on. Confirm your password to manage it.
twofactor-reauth-intro-off = Two-factor authentication is off. Confirm your password to manage it.
twofactor-confirm-first = Confirm your password first: the 2-Factor Authentication Setup Assistant opens next.
twofactor-code-sent = A code is on its way to your email address.
twofactor-send-code = Send a code by email
twofactor-send-new-code = Send a new code
twofactor-app-heading = Authenticator app (TOTP)
twofactor-email-heading = Email
twofactor-totp-on = Two-factor authentication via TOTP is on.
twofactor-disable-totp = Disable two-factor authentication via TOTP
twofactor-email-on = Two-factor authentication via Email is on.
twofactor-disable-email = Disable two-factor authentication via Email
twofactor-email-intro = Get a code by email when you sign in.
twofactor-email-verify-first = Verify your email address on the Profile page first.
twofactor-enable-email = Enable two-factor authentication via Email

## The setup assistant.

twofactor-totp-intro = Use an app such as Google Authenticator, Authy or Duo to get a code when you sign in.
twofactor-enable-assistant = Enable 2-Factor Authentication
twofactor-enable-totp = Enable two-factor authentication via TOTP
twofactor-assistant-title = 2-Factor Authentication Setup Assistant
twofactor-step-count = Step { $step } of { $total }
twofactor-step-app = Install an authenticator app on your phone: Google Authenticator, Authy, Duo or any app for time-based codes (TOTP), from the Google Play Store or Apple's App Store.
twofactor-step-app-hint = The app needs your camera to scan a QR code, and your phone should set its time automatically.
twofactor-next = Next
twofactor-step-scan = Scan this QR code with your authenticator app:
twofactor-qr-alt = QR code for your authenticator app
# Followed by the key, then a Copy key button.
twofactor-key-by-hand = Or enter this key by hand:
twofactor-copy-key = Copy key
twofactor-step-scan-then = Then enter the six-digit code the app shows below and Verify, or go on with Next.
twofactor-step-token = Enter the six-digit code the app shows now, then Verify.
twofactor-security-token = Security Token (code from your authenticator app)
twofactor-verify = Verify

## The sign-in's second step.

twofactor-signin-totp = Open your authenticator app and enter the code it shows for Gatehouse.
twofactor-signin-email = Enter the six-digit code we sent to your email address. It works for 10 minutes.
twofactor-signin-backup = Enter one of your backup codes. Each works once.
twofactor-use-app = Use your authenticator app
twofactor-use-backup = Use a backup code
twofactor-sign-in-again = Sign in again

## "Confirm it's you" (re-authentication before sensitive changes).

twofactor-confirm-its-you = Confirm it's you
twofactor-confirm-its-you-intro = Changes on this page need your password again (and a code, if you use two-factor authentication). They stay open for ten minutes.

## Administration → Two-factor authentication.

twofactor-settings-saved = The two-factor settings were saved.
twofactor-settings-enabled = Two-factor authentication is on for this server
twofactor-settings-enabled-hint = When off, the Security page hides it and sign-in asks for no second step. Enrolments are kept.
twofactor-settings-email-by-default = Email codes are on by default for verified addresses
