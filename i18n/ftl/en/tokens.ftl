## The Personal Access Tokens page: add a token (shown once), the list, regenerate, delete.

# Asked instead of a code when the account has no two-factor authentication.
tokens-your-password = Your password
tokens-new-token = New token
tokens-made = Token “{ $name }” was made. Copy it now: it cannot be shown again.
tokens-user-id = User Id
tokens-copy-user-id = Copy User Id
tokens-token = Token
tokens-copy-token = Copy token
tokens-done = Done

## Adding a token.

tokens-add-heading = Add a token
tokens-name = Token name
tokens-ignore-two-factor = Ignore Two Factor Authentication
tokens-ignore-two-factor-hint = Calls that change your password, email or tokens then need no code. Tick it only for a client that cannot ask you for one.
tokens-access = Access
tokens-read-write = Read and write
tokens-read-only = Read-only
tokens-expires = Expires
tokens-add = Add
tokens-send-code = Send a code by email

## The list.

tokens-list-heading = Your tokens
tokens-none = You have no tokens.
tokens-col-name = Name
tokens-col-created = Created
tokens-col-last-used = Last used
tokens-col-two-factor = Two-factor
tokens-col-ends-with = Ends with
# After the time a token was last used: the address it came from.
tokens-last-used-from = from { $ip }
# Whether a token's calls need a second factor.
tokens-two-factor-ignored = Ignored
tokens-two-factor-required = Required
tokens-regenerate = Regenerate
tokens-regenerate-label = Regenerate { $name }
tokens-regenerate-token = Regenerate token
tokens-delete-label = Delete { $name }
tokens-delete-warning = Clients that use this token stop working at once.
tokens-delete-token = Delete token
