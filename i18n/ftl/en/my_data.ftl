## Preferences → My Data (seed 003), its mail and the exported file (core/src/my_data.rs)

my-data-heading = My Data
my-data-intro = Download your data as HTML or export it as JSON. Whichever option you choose, the request is processed in a queue, and a link to the exported file is sent to your email.
my-data-download = Download my data
my-data-export = Export my data
my-data-html = HTML, to read in a browser
my-data-json = JSON, for other programs
my-data-state-queued = Queued: it starts shortly.
my-data-state-running = Preparing: { $percent }%
my-data-state-ready = Ready: we emailed you a link. It works once, while you are signed in, until { $time }.
my-data-state-downloaded = Downloaded. The file is deleted from the server.
my-data-state-expired = The link has expired and the file is deleted.
my-data-state-failed = Something went wrong. Please ask again.
my-data-next = You can ask for this again after { $time }.
my-data-schema = The JSON follows a published schema
my-data-link-gone = This link to your data has expired or was already used. Ask for a new copy under Preferences, My Data.

error-my-data-format = Choose HTML or JSON.
error-my-data-wait = You can ask for this again after { $time }.

mail-my-data-subject = Your Gatehouse data is ready
mail-my-data-lead-html = The copy of your data you asked for is ready: one HTML page to read in a browser.
mail-my-data-lead-json = The copy of your data you asked for is ready, as JSON.
mail-my-data-action = Download your data
mail-my-data-tail = The link works once, for 24 hours, and only while you are signed in to Gatehouse. If you did not ask for this, change your password at once.

my-data-title = My Data: { $username }
my-data-generated = Written on { $time }. No password, token, key or code is in this file.
my-data-none = None
my-data-section-account = Account
my-data-section-preferences = Preferences
my-data-section-email-history = Email address history
my-data-section-sessions = Sessions
my-data-section-tokens = Personal access tokens
my-data-section-two-factor = Two-factor authentication
my-data-section-organizations = Organizations
my-data-section-security-log = Security log
