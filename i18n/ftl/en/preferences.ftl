## Preferences (My Account → Preferences, Administration → Preferences), its live preview.
## The ids of sections, settings, hints and choices are made from wire::preferences' table:
## pref-section-<section>, pref-setting-<key>, pref-help-<key>, pref-choice-<type>-<value>,
## pref-error-choice-<type> (a wire unit test checks that each exists and says the table's words).

## Sections.

pref-section-localization = Localization
pref-section-appearance = Theme
pref-section-presence = User Presence
pref-section-notifications = Notifications
pref-section-messages = Messages
pref-section-highlights = Highlights
pref-section-sound = Sound

## Settings.

pref-setting-language = Language
pref-setting-theme = Theme
pref-setting-enable-auto-away = Enable Auto-Away
pref-setting-idle-time-limit = Idle time limit
pref-setting-desktop-notifications-require-interaction = Require Interaction to Dismiss Desktop Notification
pref-setting-desktop-notifications-for = Show Desktop Notifications For
pref-setting-push-notifications-for = Send Push Notifications For
pref-setting-offline-email-notifications = Offline Email Notifications
pref-setting-email-new-sign-ins = Email me about sign-ins from a new device
pref-setting-unread-tray-icon-alert = Unread Tray Icon Alert
pref-setting-show-thread-messages-in-main-thread = Show thread messages in the main thread
pref-setting-time-format = Time Format
pref-setting-use-emojis = Use Emojis
pref-setting-convert-ascii-to-emoji = Convert ASCII to Emoji
pref-setting-auto-load-images = Auto Load Images
pref-setting-save-mobile-bandwidth = Save Mobile Bandwidth
pref-setting-collapse-embedded-media-by-default = Collapse embedded media by default
pref-setting-hide-usernames = Hide usernames
pref-setting-hide-roles = Hide roles
pref-setting-hide-right-sidebar-with-click = Hide right sidebar with a click
pref-setting-display-avatars = Display Avatars
pref-setting-enter-key-behavior = Enter key behavior
pref-setting-view-mode = View mode
pref-setting-highlight-words = Highlight words
pref-setting-new-room-notification = New Room Notification
pref-setting-new-message-notification = New Message Notification
pref-setting-mute-focused-conversations = Mute Focused Conversations
pref-setting-notifications-sound-volume = Notifications sound volume

## Hints under the controls.

pref-help-language = The language of these pages and of the mail Gatehouse sends you.
pref-help-theme = Follow the system uses your device's light or dark setting.
pref-help-enable-auto-away = Changes your status to away after the idle time below.
pref-help-idle-time-limit = How long without keyboard or pointer input before you are away.
pref-help-desktop-notifications-require-interaction = Notifications stay until you attend to them.
pref-help-email-new-sign-ins = A mail when your account is signed in from a device or browser it was not signed in from before. Other security mails (password, two-factor, email address, tokens) always go.
pref-help-highlight-words = Separate words or phrases with commas. A message that has one is highlighted.
pref-help-notifications-sound-volume = Applies to every notification sound.
# $button: the Profile page's button that mails the verification link again.
pref-email-needs-verification = For email notifications, you must verify your email address: use { $button } on your Profile page.

## Choices. The languages are named in their own language, on every page.

pref-choice-language-en = English
pref-choice-language-de = Deutsch
pref-choice-language-ar = العربية
pref-choice-theme-system = Follow the system
pref-choice-theme-light = Light
pref-choice-theme-dark = Dark
pref-choice-notify-for-all = All messages
pref-choice-notify-for-mentions = Mentions
pref-choice-notify-for-nothing = Nothing
pref-choice-email-notify-mentions = Every Mention/DM
pref-choice-email-notify-nothing = Not Enabled
pref-choice-time-format-24h = 24 hour clock
pref-choice-time-format-12h = 12 hour clock
pref-choice-enter-key-normal = Normal mode (send with Enter)
pref-choice-enter-key-alternative = Alternative mode (send with Enter + Ctrl/Alt/Shift/CMD)
pref-choice-enter-key-desktop = Desktop mode (only sends with Enter on desktop)
pref-choice-view-mode-normal = Normal
pref-choice-view-mode-cozy = Cozy
pref-choice-view-mode-compact = Compact
pref-choice-sound-none = None
pref-choice-sound-chime = Chime
pref-choice-sound-door = Door
pref-choice-sound-beep = Beep
pref-choice-sound-ding = Ding
pref-choice-sound-droplet = Droplet
pref-choice-sound-highbell = Highbell
pref-choice-sound-seasons = Seasons
# The choice that follows the server's default, and what that is now.
pref-choice-default = Default ({ $choice })

## Refusals of a value.

pref-error-toggle-json = Choose on or off (true or false).
pref-error-toggle = Choose on or off.
pref-error-number-range = Enter a whole number from { $min } to { $max }.
pref-error-word-too-long = Use at most { $max } characters per word or phrase.
pref-error-word-comma = Separate words with commas; a word cannot hold one.
pref-error-word-characters = Remove the control, invisible or direction-changing characters.
pref-error-too-many-words = Use at most { $max } words or phrases.
pref-error-word-list = Give a list of words.
pref-error-unknown-setting = Unknown setting.
pref-error-choice-language = Choose one of: English, Deutsch, العربية.
pref-error-choice-theme = Choose one of: Follow the system, Light, Dark.
pref-error-choice-notify-for = Choose one of: All messages, Mentions, Nothing.
pref-error-choice-email-notify = Choose one of: Every Mention/DM, Not Enabled.
pref-error-choice-time-format = Choose one of: 24 hour clock, 12 hour clock.
pref-error-choice-enter-key = Choose one of: Normal mode (send with Enter), Alternative mode (send with Enter + Ctrl/Alt/Shift/CMD), Desktop mode (only sends with Enter on desktop).
pref-error-choice-view-mode = Choose one of: Normal, Cozy, Compact.
pref-error-choice-sound = Choose one of: None, Chime, Door, Beep, Ding, Droplet, Highbell, Seasons.

## The form.

pref-intro-mine = Settings you do not change follow the server's defaults.
pref-intro-server = What everyone who did not choose gets. A person's own choices stay; a changed default reaches everyone else at once.
pref-saved-mine = Your preferences were saved.
pref-saved-server = The server's defaults were saved.
pref-reset-done = The section is back to its defaults.
pref-reset = Reset to defaults
# The Reset to defaults button of one section, for screen readers.
pref-reset-section = Reset { $section } to defaults
pref-unit-seconds = seconds
# The volume slider's value, in percent.
pref-volume-value = { $volume }%
pref-highlight-count = { $count } of at most { $max } words or phrases, each up to { $chars } characters.
pref-play = Play
# The Play button of a sound setting, for screen readers: the setting's label.
pref-play-label = Play { $sound }

## Desktop notifications.

pref-desktop-notifications = Desktop Notifications
pref-test-notification = Test Desktop Notification
pref-test-notification-hint = Shows how notifications will be displayed on this device. Your browser asks for permission first.
pref-notification-denied = Notifications are blocked for this site. To allow them, open the site settings of your browser (the icon left of the address), set Notifications to Allow, then try again.
pref-notification-unsupported = This browser cannot show desktop notifications.
# The body of the test notification (its title is the product's name).
pref-notification-body = This is how notifications from Gatehouse look.
pref-notification-shown = A test notification was shown: “{ $title } — { $body }”
pref-notification-failed = The browser did not show the notification.
pref-notification-no-script = Desktop notifications need the page's script.

## The live preview.

pref-preview-title = Preview
pref-preview-hint = A sample conversation with the settings as you change them, before you save.
pref-preview-reactions = Reactions
pref-preview-thread-replies = { $count ->
    [one] { $count } reply in thread
   *[other] { $count } replies in thread
}
pref-preview-replied-in-thread = Replied in the thread of { $name }
# The sender of what is typed in the preview's composer (also in the avatar).
pref-preview-you = You
pref-preview-enter-normal = Enter sends · Shift+Enter starts a new line
pref-preview-enter-alternative = Ctrl, Alt, Shift or ⌘ with Enter sends · Enter starts a new line
pref-preview-enter-desktop = Enter sends on a desktop · on a phone, the Send button sends
pref-preview-tray-unread = Tray icon: { $count } unread
pref-preview-tray-quiet = Tray icon: no alert
pref-preview-data-saver = Data Saver on
pref-preview-members = Members
pref-preview-sidebar-closes = Closes when you click the conversation.
pref-preview-sidebar-stays = Stays open until you close it.
pref-preview-composer-label = Message
pref-preview-composer-placeholder = Message #{ $room }
pref-preview-send = Send
pref-preview-load-image = Load image

## The preview's sample conversation. Smileys stay as they are, each between spaces: the
## preview turns them into emoji.

# A chat room's name (lower case, no spaces).
pref-sample-room = release
pref-sample-image-name = sign-in.png
pref-sample-image-alt = Screenshot of the sign-in page
pref-sample-ada-name = Ada Lovelace
pref-sample-ada-initials = AL
pref-sample-ada-text = Good morning :) The release candidate is ready for review.
pref-sample-grace-name = Grace Hopper
pref-sample-grace-initials = GH
pref-sample-grace-text = Here is the new sign-in page :D
pref-sample-katherine-name = Katherine Johnson
pref-sample-katherine-initials = KJ
pref-sample-katherine-text = Looks good to me <3 Ship the release ;)
pref-sample-role-admin = Admin
pref-sample-role-moderator = Moderator
