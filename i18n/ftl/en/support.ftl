## The Support PIN on the Security page (seed 004: "Set Support PIN").

pin-heading = Set Support PIN
pin-intro = Support asks for this PIN to confirm that a caller is you. You can change it at any time; nobody, support included, can see it.
pin-label = PIN
# Under the PIN field: the rules a new PIN follows.
pin-hint = { $min } to { $max } digits, not easy to guess like 1234 or 0000.
pin-submit = Set Support PIN
pin-saved = Your Support PIN is set.
pin-removed = Your Support PIN is removed.
pin-remove = Remove Support PIN
# Followed by the date and time the PIN was set.
pin-last-set = Last set:
pin-none = No Support PIN is set.

## The support desk (support staff and administrators).

support-page-title = Support desk · Gatehouse
support-heading = Support desk
support-intro = Look an account up by its username or email address, then check the Support PIN the caller gives you. You learn whether it matches, never the PIN.
support-not-staff = Only support staff and administrators can open the support desk.
support-query-label = Username or email address
support-look-up = Look up
support-name = Name
support-email = Email
support-email-verified = (verified)
support-email-unverified = (not verified)
support-member-since = Member since
support-state = Account
support-state-active = Active
support-state-disabled = Disabled by an administrator
support-state-deletion-pending = Deletion requested by its owner
support-pin = Support PIN
support-pin-is-set = Set
support-pin-not-set = Not set
support-pin-said = PIN the caller gives
support-pin-said-hint = Checks are limited and each one is mailed to the account's owner.
support-check-pin = Check PIN
support-verdict-matches = The PIN matches.
support-verdict-no-match = The PIN does not match.
support-verdict-none = This account has no Support PIN.
