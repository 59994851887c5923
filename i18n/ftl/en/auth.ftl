## Signing in, registering, and the account menu of the header.

auth-signin-title = Sign in · Gatehouse
auth-signin-heading = Sign in
auth-signin-was-reset = Your password was reset. Sign in with your new password.
auth-field-identifier = Username or email
auth-field-password = Password
auth-signin-submit = Sign in
auth-forgot-link = Reset password
auth-new-here = New here?
auth-create-account-link = Create an account

auth-register-title = Create account · Gatehouse
auth-register-heading = Create your account
auth-field-name = Name
auth-field-username = Username
auth-username-hint = 3 to 32 letters, digits, dots, dashes or underscores.
auth-field-email = Email
auth-register-submit = Create account
auth-have-account = Already have an account?
auth-signin-link = Sign in

## The avatar menu of the header.

auth-menu-label = Account menu
# $status is what others see: online, away, busy or offline.
auth-menu-status = Status: { $status ->
    [online] Online
    [away] Away
    [busy] Busy
   *[offline] Offline
}
auth-menu-my-account = My Account
auth-menu-administration = Administration
auth-menu-support-desk = Support desk
auth-sign-out = Sign out
