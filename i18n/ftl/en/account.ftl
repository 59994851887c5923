## My Account: its navigation, its sections' titles, and the Profile page (its form and its
## picture).

account-nav-label = My Account
account-nav-profile = Profile
account-nav-preferences = Preferences
account-nav-security = Security
account-nav-tokens = Personal Access Tokens
account-nav-organizations = Organizations
# The browser tab of a section: its name, then the area and the product.
account-page-title = { $section } · My Account · Gatehouse

## The sections' headings and introductions.

account-profile-title = Profile
account-profile-intro = How you appear to others, and how you sign in.
account-preferences-title = Preferences
account-preferences-intro = Language, presence, notifications and more for this account.
account-security-title = Security
account-security-intro = Password, two-factor authentication and where you are signed in.
account-tokens-title = Personal Access Tokens
account-tokens-intro = Tokens for scripts and API clients that act as you.
# The label of the password form's second field, on the Profile page.
account-confirm-password = Confirm your Password
# The region of the Profile page with the button that signs out every other session.
account-other-locations = Other locations

## The account's facts above the Profile form.

account-role = Role
account-role-admin = Administrator
account-role-user = User
account-role-support = Support
account-member-since = Member since

## The Profile form.

account-profile-details = Profile details
account-name = Name
account-username = Username
account-username-hint = 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit. You sign in with it; the old one stops working.
account-status-message = Status Message
# The list of statuses (Online, Away, Busy, Offline) beside the status message.
account-status = Status
account-status-placeholder = What are you up to?
account-nickname = Nickname
account-bio = Bio
account-bio-hint = Plain text, shown as you type it.
# Under a field: how many characters it has, of how many it may have ("12 / 64 characters").
account-counter = { $count } / { $max } { $max ->
        [one] character
       *[other] characters
    }
account-profile-saved = Your profile was saved.

## The Profile Picture and Use URL for avatar.

account-avatar-legend = Profile Picture
account-avatar-upload = Upload a picture
account-avatar-use-default = Use default avatar
# Without the page's script: sends the chosen file at once.
account-avatar-save = Save picture
account-avatar-hint = PNG, JPEG, WebP or GIF, at most 5 MB; drop it here or choose it. It is cropped to a square.
account-avatar-uploading = Uploading the picture
# The text inside the upload's progress bar.
account-avatar-progress = { $percent }%
# The picture chosen, as it will look; $name is its file's name.
account-avatar-preview = Preview of { $name }
account-avatar-preview-default = Preview of the default avatar
account-avatar-current = Your profile picture
account-avatar-pending-file = { $name } is shown as it will look; Save Changes to use it.
account-avatar-pending-default = The default avatar is shown; Save Changes to use it.
account-avatar-pending-url = The picture at this address is fetched when you Save Changes.
account-avatar-url = Use URL for avatar
# Without the page's script: fetches the picture at the address at once.
account-avatar-fetch = Fetch picture
# The chosen file could no longer be read by the page.
account-avatar-choose-again = Choose the picture again.
# What a form sent without the page's script came back with.
account-avatar-error-file = That file could not be used: choose a PNG, JPEG, WebP or GIF picture of at most 5 MB.
account-avatar-error-url = No picture could be fetched from that address: check it starts with https:// and shows a picture.
account-avatar-error-other = The picture could not be changed. Try again.

## Delete account (seed 000)

delete-page-title = Delete account · Gatehouse
delete-heading = Delete account
delete-panel-intro = Delete your account and everything in it. The next page explains what happens, and asks you to confirm.
delete-button = Delete account
delete-what-heading = What happens
delete-intro = You are signed out everywhere at once, and your sessions, personal access tokens, two-factor methods, Support PIN, preferences and picture are removed.
delete-grace = For { $days ->
    [one] one day
   *[other] { $days } days
} your account is kept, disabled: sign in during that time to restore it. Then it is gone for good, and its username and email address are free again.
delete-no-grace = Your account is gone for good at once, and its username and email address are free again.
delete-orgs-deleted = Organizations deleted with your account
delete-orgs-left = Organizations you leave
delete-blocked = You cannot delete your account yet: you own organizations whose contract runs. Once it has ended, you can.
delete-blocked-until = { $org }: its contract runs until
delete-blocked-open = { $org }: its contract runs with no end date.
delete-form-heading = Confirm
delete-confirm-label = Type your username, { $username }, to confirm
delete-done-grace = Your account is deleted. It is kept, disabled, until
delete-done-restore = Sign in before then to restore it.
delete-done-now = Your account is deleted.
delete-to-sign-in = Go to the sign-in page
