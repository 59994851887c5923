## What the server refuses and why: next to a field, or at the top of a form. The English
## texts are also the `message` of the API's error bodies (whose `code` is the id here).

## The kinds of error.

error-unauthenticated = Please sign in to continue.
error-forbidden = You are not allowed to do that.
error-check-form = Please check the form.
error-invalid-credentials = Incorrect username/email or password.
error-invalid-code = That code is not valid.
error-incorrect-password = Your current password is not correct.
error-rate-limited = Too many attempts. Try again in { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
}.
error-not-found = Not found.
error-invalid-link = This link is invalid or has expired. Ask for a new one.
error-password-expired = Your password has expired. Choose a new one to continue.
error-sign-in-expired = Your sign-in has expired. Sign in again.
error-reauthentication-required = Confirm it's you first: enter your password again (and a code, if you use two-factor authentication).
error-two-factor-setup-required = Your administrator requires two-factor authentication. Set it up to continue.
error-two-factor-required = This call needs a second factor: send X-2fa-Method and X-2fa-Code.
error-two-factor-required-login = Send the code: POST /api/v1/auth/login with pending, method and code.
error-bad-request = The request could not be understood.
error-method-not-allowed = This address does not answer that method.
error-network = Could not reach the server. Check your connection and try again.
error-internal = Something went wrong on our side. Please try again.
# A page that failed after its render (plain text).
error-page-failed = Something went wrong on our side.
# A form posted to this site from another one (plain text).
error-cross-site = Cross-site request refused.
# A JSON body of the wrong shape: $detail is the parser's own (English, technical) words.
error-body-shape = { $detail }
# A multipart form with a field the call does not take: $fields lists the ones it takes.
error-unexpected-field = Unexpected field `{ $name }`: send { $fields }.

## Account fields.

error-email-empty = Enter your email address.
error-email-invalid = Enter an email address like name@example.com.
error-email-unavailable = That email address is invalid or already in use.
error-email-unchanged = That is already your email address.
error-email-already-verified = Your email address is already verified.
error-email-taken-since = That address is now used by another account.
error-email-codes-need-verified = Verify your email address first: codes are sent only to a verified address.
error-email-notifications-need-verified = Verify your email address first: email notifications go only to a verified address.
error-username-empty = Choose a username.
error-username-length = Use { $min } to { $max } characters.
error-username-characters = Use only letters, digits, dots, dashes and underscores.
error-username-start = Start with a letter or a digit.
error-username-taken = That username is taken.
error-username-or-email-taken = That username or email address is already in use.
error-name-empty = Enter your name.
error-too-long = Use at most { $count ->
    [one] { $count } character
   *[other] { $count } characters
}.
error-control-characters = Remove the control characters.
error-one-line = Use one line without control characters.
error-deceptive-characters = Remove the invisible or direction-changing characters.
error-status-choose = Choose Online, Away, Busy or Offline.
# The API's presence report takes the words online and away.
error-presence-report = Report online or away.

## The status a person sets on the Profile.

error-status-online = Online
error-status-away = Away
error-status-busy = Busy
error-status-offline = Offline

## Sign-in and passwords.

error-enter-identifier = Enter your username or email address.
error-enter-password = Enter your password.
error-enter-current-password = Enter your current password.
error-enter-current-password-bounded = Enter your current password (at most { $count } characters).
error-identifier-too-long = No username or email address is that long ({ $count } characters at most).
error-password-too-long = No password is that long ({ $count } characters at most).
error-passwords-differ = The passwords do not match.
error-password-too-short = Use at least { $count ->
    [one] { $count } character
   *[other] { $count } characters
}.
error-password-no-lower = Include a lower-case letter.
error-password-no-upper = Include an upper-case letter.
error-password-no-digit = Include a digit.
error-password-no-symbol = Include a symbol (not a letter or digit).
error-password-repeated = Repeat a character at most { $count ->
    [one] { $count } time
   *[other] { $count } times
} in a row.
error-password-personal = Do not use your username, email address or name in the password.
error-password-reused = { $count ->
    [one] Choose a password different from your current one.
   *[other] Choose a password you have not used for your last { $count } passwords.
}
error-password-common = This password is too common. Choose one that is harder to guess.

## The password policy's rules, listed beside the field as a password is typed.

error-rule-min-length = At least { $count ->
    [one] { $count } character
   *[other] { $count } characters
}.
error-rule-max-length = At most { $count ->
    [one] { $count } character
   *[other] { $count } characters
}.
error-rule-lower = A lower-case letter.
error-rule-upper = An upper-case letter.
error-rule-digit = A digit.
error-rule-symbol = A symbol, like ! or #.
error-rule-repeated = No character more than { $count ->
    [one] { $count } time
   *[other] { $count } times
} in a row.
error-rule-personal = Not your username, email address or name.
error-rule-history = { $count ->
    [one] Not your current password (checked when you save).
   *[other] Not one of your last { $count } passwords (checked when you save).
}
error-rule-common = Not a commonly used password (checked when you save).
error-rule-max-age = { $count ->
    [one] Changed every day.
   *[other] Changed at least every { $count } days.
}

## Administration: the password policy's own limits, and numbers.

error-policy-min-length = Use at least { $min }.
error-number-range = Use a number from { $min } to { $max }.
error-policy-min-above-max = The minimum cannot be above the maximum.
error-policy-max-repeated = Use 0 (no limit) or a number from { $min } to { $max }.
error-whole-number = Enter a whole number.
error-page-gone = This page no longer exists: start from the first one.
error-activity-kind = Choose one of the kinds of activity listed.
error-page-size = Ask for 1 to { $count } entries at a time.
error-unknown-section = Unknown section.
error-admin-own-two-factor = Change your own two-factor authentication on your Security page.

## Two-factor authentication.

error-enter-code = Enter a code.
error-enter-totp-code = Enter a code from your authenticator app.
error-choose-method = Choose how to confirm.
error-method-choose = Choose how to confirm: authenticator app, email or backup code.
error-choose-on-off = Choose on or off.
error-totp-already-on = Two-factor authentication via TOTP is already on.
error-totp-setup-expired = This setup has expired. Start again.
error-totp-not-on = Turn on two-factor authentication via TOTP first.
error-totp-forced = Your administrator requires two-factor authentication via TOTP for this account.
# What the code field is called for each way of giving the second factor.
error-code-label-totp = Code from your authenticator app
error-code-label-email = Code sent to your email
error-code-label-backup = Backup code

## Personal access tokens.

error-token-name-empty = Give the token a name, such as the script that uses it.
error-token-name-invalid = Use at most { $count } characters, without control characters.
error-token-name-taken = You already have a token with this name.
error-token-expired = This token has expired. Delete it and make a new one.
error-token-expiry-choose = Choose 7, 30 or 90 days, or no expiry.
error-token-expiry-too-long = Tokens may live at most { $count ->
    [one] { $count } day
   *[other] { $count } days
} here.
error-token-max-days = Enter 0 (no limit) or a whole number of days from { $min } to { $max }.
error-token-scope-choose = Choose read-only or read and write.
# The choice of a token that never expires.
error-token-no-expiry = No expiry

## Avatars.

error-avatar-not-an-image = That file is not an image: use a PNG, JPEG, WebP or GIF picture.
error-avatar-too-large = That picture is too large: use one of at most 5 MB, 10,000 pixels a side and 40 megapixels.
error-avatar-choose-file = Choose a picture to upload.
error-avatar-enter-url = Enter the picture's address.
# The page lost the chosen file before sending it (the browser's own reasons).
error-avatar-choose-again = Choose the picture again.
error-avatar-url-disabled = This server does not fetch pictures from addresses: upload the file instead.
error-avatar-url-invalid = Enter the picture's address, starting with https://.
error-avatar-url-http = Use an https:// address: this server does not fetch pictures over plain http.
error-avatar-url-not-public = That address is not allowed: it is not on the public internet.
error-avatar-url-unreachable = That address is not reachable: nothing answered with a picture in time.
error-avatar-url-too-large = That picture is too large: use one of at most 5 MB.
error-avatar-url-not-an-image = That address is not an image: it answered with something else.

## Sessions: a client or system the Security page cannot name ("Firefox on Linux" otherwise).

error-session-unknown-client = Unknown client
error-session-other-client = Other client
error-session-unknown-system = unknown system

## The Support PIN and the support desk.

error-pin-empty = Enter a PIN.
error-pin-digits = Use digits (0–9) only.
error-pin-length = Use { $min } to { $max } digits.
error-pin-trivial = That PIN is too easy to guess (like 1234, 0000 or 1212). Choose another.
# Administration → Support PIN: a length outside what the server allows.
error-pin-length-bounds = Enter a whole number from { $min } to { $max }.
error-pin-max-below-min = The longest PIN cannot be shorter than the shortest.
error-support-query-empty = Enter a username or an email address.
error-support-no-account = No account has that username or email address.
error-support-admin-role = Administrators have the support desk already.

## Organizations.

error-org-name-empty = Give the organization a name.
error-slug-empty = Choose an address.
error-slug-length = Use { $min } to { $max } characters.
error-slug-characters = Use lower-case letters, digits and single dashes, starting and ending with a letter or digit.
error-slug-taken = That address is taken.
error-org-role-choose = Choose owner, admin or member.
error-org-locked = This organization is visible only to members with two-factor authentication. Set it up on the Security page first.
error-org-visibility-needs-two-factor = Set up two-factor authentication for your own account first.
error-org-not-yourself = Not on your own membership: leave the organization instead.
error-org-last-owner = An organization always keeps an owner: make another member an owner first.
error-org-confirm-slug = Type the organization's address to confirm.
error-org-contract-until = Not while its contract runs: it ends on { $date }.
error-org-contract-open-ended = Not while its contract runs: it has no end date yet.
error-org-owner-invites-owner = Only owners invite owners.
error-org-already-member = That account is a member already.
error-org-invitation-other-address = This invitation is for { $address }: sign in with the account of that address.
# A date field of the administrators' contract form.
error-date = Enter a date like 2027-01-31.
error-contract-plan = Choose the free or the paid plan.
error-contract-status = Choose active, cancelled or ended.
error-webhook-off = The contracts webhook is off: set GATEHOUSE_CONTRACTS_WEBHOOK_SECRET.
error-webhook-event-reused = This event id was used before with another body.

## Deleting an account.

error-delete-confirm = Type your username, { $username }, to confirm.
error-delete-blocked-until = Not while you own { $org }, whose contract runs until { $date }. You can delete your account once it has ended.
error-delete-blocked-open = Not while you own { $org }, whose contract runs with no end date. You can delete your account once it has ended.
error-delete-pending = This account is being deleted already.
error-delete-last-admin = The only administrator's account cannot be deleted: make another account an administrator first.
error-delete-yourself = Delete your own account from the Security page.
error-grace-days-range = Enter a whole number of days from 0 to { $max }.
error-disable-yourself = You cannot disable your own account.
