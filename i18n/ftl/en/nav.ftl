## The header of every page, and the page for addresses that lead nowhere.

# The name of the header's links for visitors who are not signed in.
nav-guest-label = Account
nav-sign-in = Sign in
nav-create-account = Create account
nav-not-found = Page not found
nav-back-home = Back to Gatehouse
