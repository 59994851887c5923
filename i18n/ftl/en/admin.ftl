## Administration: the users, the server-wide settings (password policy, two-factor
## authentication, personal access tokens, default preferences).

admin-heading = Administration
admin-page-title = Administration · Gatehouse
admin-not-admin = Only administrators can open this page.

## The links between the administration pages.

admin-nav-label = Administration
admin-nav-users = Users
admin-nav-password-policy = Password policy
admin-nav-two-factor = Two-factor authentication
admin-nav-tokens = Personal access tokens
admin-nav-preferences = Preferences
admin-nav-support-pin = Support PIN
admin-nav-organizations = Organizations

## Users.

admin-search-label = Search users
admin-search-button = Search
admin-reset-done = Two-factor authentication was reset. The user was told by email.
# $users: how many accounts there are; $admins: how many of them are administrators.
admin-users-summary = { $users ->
        [one] { $users } account
       *[other] { $users } accounts
    }, { $admins ->
        [one] { $admins } administrator.
       *[other] { $admins } administrators.
    }
admin-mail-given-up = { $count ->
    [one] { $count } email message could not be delivered and was given up (refused addresses, or the mail server failed for hours). The server log names them.
   *[other] { $count } email messages could not be delivered and were given up (refused addresses, or the mail server failed for hours). The server log names them.
}
admin-column-username = Username
admin-column-name = Name
admin-column-email = Email
admin-column-role = Role
admin-column-created = Created
admin-column-two-factor = Two-factor
# Roles, as the Role column shows them.
admin-role-user = user
admin-role-admin = admin
# The Two-factor column: whether the user set it up, and whether an administrator requires it.
admin-two-factor-on-required = On (required)
admin-two-factor-on = On
admin-two-factor-required-not-set-up = Required, not set up
admin-two-factor-off = Off
admin-force-two-factor = Force two-factor authentication
admin-stop-forcing-two-factor = Stop forcing two-factor authentication
admin-reset-two-factor = Reset two-factor authentication
# The buttons' names for screen readers: the same as above, with the user they act on.
admin-force-two-factor-for = Force two-factor authentication for { $username }
admin-stop-forcing-two-factor-for = Stop forcing two-factor authentication for { $username }
admin-reset-two-factor-for = Reset two-factor authentication for { $username }
admin-pages-label = Pages of users
admin-first-page = First page
admin-next-page = Next page

## Two-factor authentication (the form itself is in twofactor.ftl).

admin-two-factor-page-title = Two-factor authentication · Administration · Gatehouse

## Personal access tokens.

admin-tokens-page-title = Personal access tokens · Administration · Gatehouse
admin-tokens-heading = Personal access tokens
admin-tokens-saved = The token settings were saved.
admin-tokens-max-days = Longest lifetime of a new token, in days
admin-tokens-max-days-hint = 0: no limit (tokens may also never expire). Existing tokens keep their expiry.

## Default preferences (the form itself is in preferences.ftl).

admin-preferences-page-title = Preferences · Administration · Gatehouse
admin-preferences-heading = Default preferences

## Password policy.

admin-policy-page-title = Password policy · Administration · Gatehouse
admin-policy-heading = Password policy
admin-policy-intro = Applies to registration, password changes and resets. Composition rules are off by default: length and the common-password list protect better (NIST SP 800-63B).
admin-policy-saved = The password policy was saved.
admin-policy-min-length = Minimum length
admin-policy-min-length-hint = At least 8.
admin-policy-max-length = Maximum length
admin-policy-max-length-hint = 64 to 1024.
admin-policy-require = Require
admin-policy-require-lower = A lower-case letter
admin-policy-require-upper = An upper-case letter
admin-policy-require-digit = A digit
admin-policy-require-symbol = A symbol
admin-policy-forbid-personal = Forbid the username, email address or name inside the password
admin-policy-history = Forbid the last N passwords
admin-policy-history-hint = 0 turns this off; at most 24.
admin-policy-max-age = Maximum age in days
admin-policy-max-age-hint = 0: passwords never expire. An expired password must be changed at sign-in.
admin-policy-max-repeated = Maximum repeated characters in a row
admin-policy-max-repeated-hint = 0: no limit.
admin-policy-block-common = Refuse commonly used passwords
admin-policy-save = Save policy

## Roles: the support desk for support staff.

admin-role-support = support
admin-grant-support = Make support
admin-grant-support-for = Give { $username } the support role
admin-revoke-support = Remove support role
admin-revoke-support-for = Take the support role from { $username }

## Administration → Support PIN.

admin-pin-page-title = Support PIN · Administration · Gatehouse
admin-pin-heading = Support PIN
admin-pin-intro = How many digits a Support PIN has. PINs set before a change keep working.
admin-pin-min-length = Fewest digits
admin-pin-max-length = Most digits
admin-pin-saved = The Support PIN rules are saved.

## Administration → Organizations: contracts.

admin-orgs-page-title = Organizations · Administration · Gatehouse
admin-orgs-heading = Organizations and contracts
admin-orgs-intro = Each organization's contract: its plan, its status and its end date. A billing system can set them too, through the contracts webhook. An account cannot be deleted while it owns an organization whose contract runs.
admin-orgs-search = Search organizations
admin-orgs-none = No organization matches.
admin-orgs-owners = Owners
admin-contract-plan = Plan
admin-contract-status = Status
admin-contract-ends = End date
admin-contract-ends-hint = Empty: no end date.
admin-contract-save = Save contract
admin-contract-save-for = Save the contract of { $org }
admin-contract-saved = The contract is saved.

## Disabling and deleting accounts

admin-account-disabled = Disabled
admin-account-deleted = Deleted
admin-account-gone-on = gone for good on
admin-disable = Disable
admin-disable-for = Disable { $username }
admin-enable = Enable
admin-enable-for = Enable { $username }
admin-delete = Delete
admin-delete-for = Delete { $username }
admin-deletion-heading = Account deletion
admin-deletion-intro = A deleted account stays disabled for the grace period, and its owner can restore it by signing in; then it is gone for good. Accounts that own an organization whose contract runs cannot be deleted.
admin-deletion-grace = Grace period (days)
admin-deletion-grace-hint = 0 to { $max }; 0 deletes at once.
admin-deletion-saved = The grace period is saved.

## Administration → Audit log

admin-nav-audit = Audit log
admin-audit-page-title = Audit log · Administration · Gatehouse
admin-audit-heading = Audit log
admin-audit-intro = What happened on this server, newest first: sign-ins, failed sign-ins, changes of passwords, addresses, two-factor methods, tokens and settings, and what administrators did. Search for an account (its username or email address: its own entries and what it did to others) or an IP address, and filter by kind.
admin-audit-search = Account or IP address
