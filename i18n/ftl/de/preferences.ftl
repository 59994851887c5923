## Einstellungen (Mein Konto → Einstellungen, Verwaltung → Einstellungen) und ihre Live-Vorschau.

## Abschnitte.

pref-section-localization = Lokalisierung
pref-section-appearance = Design
pref-section-presence = Benutzerpräsenz
pref-section-notifications = Benachrichtigungen
pref-section-messages = Nachrichten
pref-section-highlights = Hervorhebungen
pref-section-sound = Ton

## Einstellungen.

pref-setting-language = Sprache
pref-setting-theme = Design
pref-setting-enable-auto-away = Automatisch abwesend aktivieren
pref-setting-idle-time-limit = Leerlaufzeit
pref-setting-desktop-notifications-require-interaction = Desktop-Benachrichtigung erst nach Interaktion schließen
pref-setting-desktop-notifications-for = Desktop-Benachrichtigungen anzeigen für
pref-setting-push-notifications-for = Push-Benachrichtigungen senden für
pref-setting-offline-email-notifications = E-Mail-Benachrichtigungen, wenn offline
pref-setting-email-new-sign-ins = E-Mail bei Anmeldungen von einem neuen Gerät
pref-setting-unread-tray-icon-alert = Ungelesenes im Tray-Symbol anzeigen
pref-setting-show-thread-messages-in-main-thread = Thread-Nachrichten im Hauptverlauf anzeigen
pref-setting-time-format = Zeitformat
pref-setting-use-emojis = Emojis verwenden
pref-setting-convert-ascii-to-emoji = ASCII in Emojis umwandeln
pref-setting-auto-load-images = Bilder automatisch laden
pref-setting-save-mobile-bandwidth = Mobile Daten sparen
pref-setting-collapse-embedded-media-by-default = Eingebettete Medien standardmäßig einklappen
pref-setting-hide-usernames = Benutzernamen ausblenden
pref-setting-hide-roles = Rollen ausblenden
pref-setting-hide-right-sidebar-with-click = Rechte Seitenleiste per Klick ausblenden
pref-setting-display-avatars = Avatare anzeigen
pref-setting-enter-key-behavior = Verhalten der Eingabetaste
pref-setting-view-mode = Ansichtsmodus
pref-setting-highlight-words = Hervorgehobene Wörter
pref-setting-new-room-notification = Benachrichtigung bei neuem Raum
pref-setting-new-message-notification = Benachrichtigung bei neuer Nachricht
pref-setting-mute-focused-conversations = Geöffnete Unterhaltungen stummschalten
pref-setting-notifications-sound-volume = Lautstärke der Benachrichtigungstöne

## Hinweise unter den Feldern.

pref-help-language = Die Sprache dieser Seiten und der E-Mails, die Gatehouse Ihnen sendet.
pref-help-theme = „Systemeinstellung folgen“ übernimmt die helle oder dunkle Einstellung Ihres Geräts.
pref-help-enable-auto-away = Setzt Ihren Status nach der unten angegebenen Leerlaufzeit auf „Abwesend“.
pref-help-idle-time-limit = Wie lange ohne Eingabe über Tastatur oder Zeigegerät, bis Sie als abwesend gelten.
pref-help-desktop-notifications-require-interaction = Benachrichtigungen bleiben sichtbar, bis Sie darauf reagieren.
pref-help-email-new-sign-ins = Eine E-Mail, wenn sich jemand von einem Gerät oder Browser bei Ihrem Konto anmeldet, von dem aus es bisher nicht angemeldet war. Andere Sicherheits-E-Mails (Passwort, Zwei-Faktor, E-Mail-Adresse, Tokens) werden immer gesendet.
pref-help-highlight-words = Trennen Sie Wörter oder Wortgruppen durch Kommas. Eine Nachricht, die eines davon enthält, wird hervorgehoben.
pref-help-notifications-sound-volume = Gilt für alle Benachrichtigungstöne.
pref-email-needs-verification = Für E-Mail-Benachrichtigungen müssen Sie Ihre E-Mail-Adresse bestätigen: Verwenden Sie „{ $button }“ auf Ihrer Profilseite.

## Auswahlmöglichkeiten. Die Sprachen heißen auf jeder Seite so, wie sie sich selbst nennen.

pref-choice-language-en = English
pref-choice-language-de = Deutsch
pref-choice-language-ar = العربية
pref-choice-theme-system = Systemeinstellung folgen
pref-choice-theme-light = Hell
pref-choice-theme-dark = Dunkel
pref-choice-notify-for-all = Alle Nachrichten
pref-choice-notify-for-mentions = Erwähnungen
pref-choice-notify-for-nothing = Nichts
pref-choice-email-notify-mentions = Jede Erwähnung/Direktnachricht
pref-choice-email-notify-nothing = Nicht aktiviert
pref-choice-time-format-24h = 24-Stunden-Format
pref-choice-time-format-12h = 12-Stunden-Format
pref-choice-enter-key-normal = Normaler Modus (mit Eingabetaste senden)
pref-choice-enter-key-alternative = Alternativer Modus (mit Eingabetaste + Strg/Alt/Umschalt/CMD senden)
pref-choice-enter-key-desktop = Desktop-Modus (Eingabetaste sendet nur am Desktop)
pref-choice-view-mode-normal = Normal
pref-choice-view-mode-cozy = Gemütlich
pref-choice-view-mode-compact = Kompakt
pref-choice-sound-none = Keiner
pref-choice-sound-chime = Glockenspiel
pref-choice-sound-door = Tür
pref-choice-sound-beep = Piepton
pref-choice-sound-ding = Ding
pref-choice-sound-droplet = Tropfen
pref-choice-sound-highbell = Helle Glocke
pref-choice-sound-seasons = Jahreszeiten
pref-choice-default = Standard ({ $choice })

## Ablehnungen eines Werts.

pref-error-toggle-json = Wählen Sie an oder aus (true oder false).
pref-error-toggle = Wählen Sie an oder aus.
pref-error-number-range = Geben Sie eine ganze Zahl von { $min } bis { $max } ein.
pref-error-word-too-long = Verwenden Sie höchstens { $max } Zeichen pro Wort oder Wortgruppe.
pref-error-word-comma = Trennen Sie Wörter durch Kommas; ein Wort darf kein Komma enthalten.
pref-error-word-characters = Entfernen Sie Steuerzeichen sowie unsichtbare oder die Schreibrichtung ändernde Zeichen.
pref-error-too-many-words = { $max ->
    [one] Verwenden Sie höchstens ein Wort oder eine Wortgruppe.
   *[other] Verwenden Sie höchstens { $max } Wörter oder Wortgruppen.
}
pref-error-word-list = Geben Sie eine Liste von Wörtern an.
pref-error-unknown-setting = Unbekannte Einstellung.
pref-error-choice-language = Wählen Sie eine der Optionen: English, Deutsch, العربية.
pref-error-choice-theme = Wählen Sie eine der Optionen: Systemeinstellung folgen, Hell, Dunkel.
pref-error-choice-notify-for = Wählen Sie eine der Optionen: Alle Nachrichten, Erwähnungen, Nichts.
pref-error-choice-email-notify = Wählen Sie eine der Optionen: Jede Erwähnung/Direktnachricht, Nicht aktiviert.
pref-error-choice-time-format = Wählen Sie eine der Optionen: 24-Stunden-Format, 12-Stunden-Format.
pref-error-choice-enter-key = Wählen Sie eine der Optionen: Normaler Modus (mit Eingabetaste senden), Alternativer Modus (mit Eingabetaste + Strg/Alt/Umschalt/CMD senden), Desktop-Modus (Eingabetaste sendet nur am Desktop).
pref-error-choice-view-mode = Wählen Sie eine der Optionen: Normal, Gemütlich, Kompakt.
pref-error-choice-sound = Wählen Sie eine der Optionen: Keiner, Glockenspiel, Tür, Piepton, Ding, Tropfen, Helle Glocke, Jahreszeiten.

## Das Formular.

pref-intro-mine = Einstellungen, die Sie nicht ändern, folgen den Standardwerten des Servers.
pref-intro-server = Das erhalten alle, die selbst nichts gewählt haben. Eigene Auswahlen bleiben bestehen; ein geänderter Standardwert gilt sofort für alle anderen.
pref-saved-mine = Ihre Einstellungen wurden gespeichert.
pref-saved-server = Die Standardwerte des Servers wurden gespeichert.
pref-reset-done = Der Abschnitt wurde auf die Standardwerte zurückgesetzt.
pref-reset = Auf Standardwerte zurücksetzen
pref-reset-section = { $section } auf Standardwerte zurücksetzen
pref-unit-seconds = Sekunden
pref-volume-value = { $volume } %
pref-highlight-count = { $count } von höchstens { $max } Wörtern oder Wortgruppen, jeweils bis zu { $chars } Zeichen.
pref-play = Abspielen
pref-play-label = { $sound } abspielen

## Desktop-Benachrichtigungen.

pref-desktop-notifications = Desktop-Benachrichtigungen
pref-test-notification = Desktop-Benachrichtigung testen
pref-test-notification-hint = Zeigt, wie Benachrichtigungen auf diesem Gerät dargestellt werden. Ihr Browser fragt zuerst nach Ihrer Erlaubnis.
pref-notification-denied = Benachrichtigungen sind für diese Website blockiert. Um sie zuzulassen, öffnen Sie die Website-Einstellungen Ihres Browsers (das Symbol links neben der Adresse), stellen Sie Benachrichtigungen auf „Zulassen“ und versuchen Sie es dann erneut.
pref-notification-unsupported = Dieser Browser kann keine Desktop-Benachrichtigungen anzeigen.
pref-notification-body = So sehen Benachrichtigungen von Gatehouse aus.
pref-notification-shown = Eine Testbenachrichtigung wurde angezeigt: „{ $title } – { $body }“
pref-notification-failed = Der Browser hat die Benachrichtigung nicht angezeigt.
pref-notification-no-script = Desktop-Benachrichtigungen benötigen das Skript der Seite.

## Die Live-Vorschau.

pref-preview-title = Vorschau
pref-preview-hint = Eine Beispielunterhaltung mit den Einstellungen, so wie Sie sie ändern – noch vor dem Speichern.
pref-preview-reactions = Reaktionen
pref-preview-thread-replies = { $count ->
    [one] { $count } Antwort im Thread
   *[other] { $count } Antworten im Thread
}
pref-preview-replied-in-thread = Hat im Thread von { $name } geantwortet
pref-preview-you = Sie
pref-preview-enter-normal = Eingabetaste sendet · Umschalt+Eingabetaste beginnt eine neue Zeile
pref-preview-enter-alternative = Strg, Alt, Umschalt oder ⌘ mit Eingabetaste sendet · Eingabetaste beginnt eine neue Zeile
pref-preview-enter-desktop = Eingabetaste sendet am Desktop · am Smartphone sendet die Schaltfläche „Senden“
pref-preview-tray-unread = Tray-Symbol: { $count } ungelesen
pref-preview-tray-quiet = Tray-Symbol: kein Hinweis
pref-preview-data-saver = Datensparmodus an
pref-preview-members = Mitglieder
pref-preview-sidebar-closes = Schließt sich, wenn Sie in die Unterhaltung klicken.
pref-preview-sidebar-stays = Bleibt geöffnet, bis Sie sie schließen.
pref-preview-composer-label = Nachricht
pref-preview-composer-placeholder = Nachricht an #{ $room }
pref-preview-send = Senden
pref-preview-load-image = Bild laden

## Die Beispielunterhaltung der Vorschau. Smileys bleiben, wie sie sind, jeweils zwischen
## Leerzeichen: Die Vorschau macht Emojis daraus.

pref-sample-room = freigabe
pref-sample-image-name = anmeldeseite.png
pref-sample-image-alt = Bildschirmfoto der Anmeldeseite
pref-sample-ada-name = Ada Lovelace
pref-sample-ada-initials = AL
pref-sample-ada-text = Guten Morgen :) Der Freigabekandidat ist bereit zur Durchsicht.
pref-sample-grace-name = Grace Hopper
pref-sample-grace-initials = GH
pref-sample-grace-text = Hier ist die neue Anmeldeseite :D
pref-sample-katherine-name = Katherine Johnson
pref-sample-katherine-initials = KJ
pref-sample-katherine-text = Sieht gut aus <3 Dann ab mit der Freigabe ;)
pref-sample-role-admin = Admin
pref-sample-role-moderator = Moderator
