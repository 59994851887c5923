## E2E Encryption (seeds 001 and 003): the Security page's section, the banner on account
## pages, the administrators' switch, its errors and its mails.

e2e-heading = E2E Encryption
e2e-intro = You can create encrypted private groups and direct messages. This is end-to-end encryption, so the key to encode and decode your messages is not saved on the server in a usable form. For that reason, store your encryption password somewhere safe: you will be required to enter it on other devices you wish to use E2E encryption on.
e2e-no-key = Your key is made in your browser the next time you open My Account.
e2e-off = An administrator has turned end-to-end encryption off.
e2e-off-kept = An administrator has turned end-to-end encryption off. Your key stays until you reset it.
e2e-fingerprint = Key fingerprint
e2e-created = Key made
e2e-changed = Encryption password last set
e2e-here-checking = Checking this browser…
e2e-here-locked = Locked in this browser: enter your encryption password to use it here.
e2e-here-unlocked = Unlocked in this browser.
e2e-here-remembered = Unlocked and remembered in this browser.

# The banner on every account page.
e2e-locked-banner = End-to-end encryption is locked in this browser.
e2e-made-banner = Your end-to-end encryption key was made in this browser. Its encryption password is shown only once.
e2e-made-banner-link = Save your encryption password
e2e-locked-banner-link = Enter your encryption password
e2e-made-heading = Save your encryption password
e2e-made-intro = Your end-to-end encryption key was made in this browser. You need this encryption password to use it on other devices. It is shown only now and is not saved on the server: store it somewhere safe. You can change it below.
e2e-copy-password = Copy encryption password
e2e-download-password = Download encryption password
e2e-made-show = Show encryption password
e2e-made-done = I stored it safely
# First line of the downloaded file.
e2e-file-heading = Gatehouse encryption password (end-to-end encryption). Keep it somewhere safe.

e2e-unlock-heading = Unlock in this browser
e2e-password-label = Encryption password
e2e-remember = Remember on this device
e2e-remember-hint = The unlocked key stays in this browser (it cannot be copied out of it) until you forget the device below, change the encryption password or reset the key.
e2e-unlock = Unlock

e2e-change-heading = Change Encryption Password
e2e-change-intro = Your key is unlocked with the current password and locked again with the new one, in this browser. Your other devices ask for the new one.
e2e-change-unlock-first = To change your encryption password, unlock your key in this browser first.
e2e-current-password = Current encryption password
e2e-new-password = New encryption password
e2e-new-password-hint = At least { $min } characters.
e2e-confirm-password = Confirm new encryption password
e2e-save-changes = Save Changes
e2e-change-saved = Your encryption password is changed. Your other devices will ask for the new one.

e2e-note-heading = Encrypted note to yourself
e2e-note-intro = Encrypted in this browser with your public key and stored as ciphertext: only a device where your key is unlocked can read it.
e2e-note-label = Note
e2e-note-save = Save note
e2e-note-saved = Your note is saved, encrypted.
# Followed by a date and time.
e2e-note-saved-at = Last saved:
e2e-note-locked = Unlock your key in this browser to read your note.

e2e-devices-heading = Remembered devices
# Followed by a date and time.
e2e-device-since = remembered
e2e-forget-device = Forget
e2e-forget-device-named = Forget { $device }

e2e-reset-heading = Reset E2E Key
e2e-reset-intro = This removes your current E2E key and logs you out everywhere. When you sign in again, a new key is made, and your access to any encrypted room that has one or more members online is restored. Due to the nature of end-to-end encryption, access to any encrypted room with no member online cannot be restored.
e2e-reset-confirm = I understand that encrypted rooms with no member online cannot be restored
e2e-reset-submit = Reset E2E Key

## Administration → E2E Encryption.

admin-nav-e2e = E2E Encryption
admin-e2e-page-title = E2E Encryption · Administration · Gatehouse
admin-e2e-enabled = Enable E2E encryption
admin-e2e-enabled-hint = On: each person's browser makes a key pair at their next sign-in. Off: no new keys are stored; keys already made stay until their owners reset them.
admin-e2e-saved = The E2E encryption setting is saved.

## Errors.

error-e2e-format = Use the { $kdf } key derivation and { $cipher }.
error-e2e-iterations = Use { $min } to { $max } PBKDF2 rounds.
error-e2e-bytes = Use { $min } to { $max } bytes.
error-e2e-base64 = Use base64.
error-e2e-public-key = Send an RSA public key of 2048 to 4096 bits (SubjectPublicKeyInfo, base64).
error-e2e-public-key-fixed = A new encryption password keeps the same key. Reset the E2E key to make a new one.
error-e2e-version-stale = Your key was changed on another device. Reload the page and try again.
error-e2e-disabled = An administrator has turned end-to-end encryption off.
error-e2e-password-short = Use at least { $min } characters.
error-e2e-password-long = Use at most { $max } characters.
error-e2e-password-mismatch = The passwords do not match.
error-e2e-wrong-password = That encryption password is not right.
error-e2e-enter-password = Enter your encryption password.
error-e2e-browser = This browser cannot do end-to-end encryption.
error-e2e-confirm-reset = Tick the box to confirm.
error-e2e-note-long = Use at most { $max } characters.

## Mails.

mail-e2e-password-subject = Your Gatehouse encryption password changed
mail-e2e-password-changed = The encryption password of your end-to-end encryption key was changed. Your other devices ask for the new one.
mail-e2e-reset-subject = Your Gatehouse E2E key was reset
mail-e2e-reset = The end-to-end encryption key of your Gatehouse account was removed, and every session was signed out. A new key is made at your next sign-in.
mail-e2e-tail = If this was not you, change your password at once: someone can sign in to your account.
