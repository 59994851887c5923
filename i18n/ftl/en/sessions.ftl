## The sessions panel of the Security page, and "Logout From Other Logged In Locations".

sessions-heading = Where you are signed in
sessions-device = Device
sessions-ip = IP address
sessions-signed-in = Signed in
sessions-last-active = Last active
# A session's browser and system: "Firefox on Linux".
sessions-browser-on-os = { $browser } on { $os }
sessions-this-device = This device
# The button of the session of this browser.
sessions-sign-out = Sign out
# The button of another session.
sessions-revoke = Revoke
# The button's accessible name; $session is the browser and system ("Firefox on Linux").
sessions-revoke-label = Revoke { $session }
sessions-logout-others = Logout From Other Logged In Locations
sessions-signed-out = { $count ->
        [0] No other session was signed in.
        [one] Signed out { $count } other session.
       *[other] Signed out { $count } other sessions.
    }
