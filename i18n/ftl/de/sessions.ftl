## Der Sitzungsbereich der Sicherheitsseite und „Von anderen angemeldeten Orten abmelden“.

sessions-heading = Wo Sie angemeldet sind
sessions-device = Gerät
sessions-ip = IP-Adresse
sessions-signed-in = Angemeldet
sessions-last-active = Zuletzt aktiv
sessions-browser-on-os = { $browser } unter { $os }
sessions-this-device = Dieses Gerät
sessions-sign-out = Abmelden
sessions-revoke = Widerrufen
sessions-revoke-label = { $session } widerrufen
sessions-logout-others = Von anderen angemeldeten Orten abmelden
sessions-signed-out = { $count ->
        [0] Es war keine andere Sitzung angemeldet.
        [one] { $count } andere Sitzung wurde abgemeldet.
       *[other] { $count } andere Sitzungen wurden abgemeldet.
    }
