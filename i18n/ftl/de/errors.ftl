## Was der Server ablehnt und warum: neben einem Feld oder über einem Formular.

## Die Arten von Fehlern.

error-unauthenticated = Bitte melden Sie sich an, um fortzufahren.
error-forbidden = Dazu sind Sie nicht berechtigt.
error-check-form = Bitte überprüfen Sie das Formular.
error-invalid-credentials = Benutzername/E-Mail-Adresse oder Passwort ist falsch.
error-invalid-code = Dieser Code ist ungültig.
error-incorrect-password = Ihr aktuelles Passwort ist nicht korrekt.
error-rate-limited = Zu viele Versuche. Versuchen Sie es { $minutes ->
    [one] in einer Minute
   *[other] in { $minutes } Minuten
} erneut.
error-not-found = Nicht gefunden.
error-invalid-link = Dieser Link ist ungültig oder abgelaufen. Fordern Sie einen neuen an.
error-password-expired = Ihr Passwort ist abgelaufen. Wählen Sie ein neues, um fortzufahren.
error-sign-in-expired = Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an.
error-reauthentication-required = Bestätigen Sie zuerst, dass Sie es sind: Geben Sie Ihr Passwort erneut ein (und einen Code, falls Sie die Zwei-Faktor-Authentifizierung nutzen).
error-two-factor-setup-required = Ihr Administrator verlangt die Zwei-Faktor-Authentifizierung. Richten Sie sie ein, um fortzufahren.
error-two-factor-required = Dieser Aufruf erfordert einen zweiten Faktor: Senden Sie X-2fa-Method und X-2fa-Code.
error-two-factor-required-login = Senden Sie den Code: POST /api/v1/auth/login mit pending, method und code.
error-bad-request = Die Anfrage konnte nicht verstanden werden.
error-method-not-allowed = Diese Adresse unterstützt diese Methode nicht.
error-network = Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
error-internal = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.
error-page-failed = Bei uns ist etwas schiefgelaufen.
error-cross-site = Websiteübergreifende Anfrage abgelehnt.
error-body-shape = Der Inhalt der Anfrage hat nicht die erwartete Form: { $detail }
error-unexpected-field = Unerwartetes Feld `{ $name }`: Senden Sie { $fields }.

## Kontofelder.

error-email-empty = Geben Sie Ihre E-Mail-Adresse ein.
error-email-invalid = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
error-email-unavailable = Diese E-Mail-Adresse ist ungültig oder wird bereits verwendet.
error-email-unchanged = Das ist bereits Ihre E-Mail-Adresse.
error-email-already-verified = Ihre E-Mail-Adresse ist bereits bestätigt.
error-email-taken-since = Diese Adresse wird inzwischen von einem anderen Konto verwendet.
error-email-codes-need-verified = Bestätigen Sie zuerst Ihre E-Mail-Adresse: Codes werden nur an eine bestätigte Adresse gesendet.
error-email-notifications-need-verified = Bestätigen Sie zuerst Ihre E-Mail-Adresse: E-Mail-Benachrichtigungen gehen nur an eine bestätigte Adresse.
error-username-empty = Wählen Sie einen Benutzernamen.
error-username-length = Verwenden Sie { $min } bis { $max } Zeichen.
error-username-characters = Verwenden Sie nur Buchstaben, Ziffern, Punkte, Bindestriche und Unterstriche.
error-username-start = Beginnen Sie mit einem Buchstaben oder einer Ziffer.
error-username-taken = Dieser Benutzername ist bereits vergeben.
error-username-or-email-taken = Dieser Benutzername oder diese E-Mail-Adresse wird bereits verwendet.
error-name-empty = Geben Sie Ihren Namen ein.
error-too-long = Verwenden Sie höchstens { $count } Zeichen.
error-control-characters = Entfernen Sie die Steuerzeichen.
error-one-line = Verwenden Sie eine einzige Zeile ohne Steuerzeichen.
error-deceptive-characters = Entfernen Sie die unsichtbaren oder die Schreibrichtung ändernden Zeichen.
error-status-choose = Wählen Sie Online, Abwesend, Beschäftigt oder Offline.
error-presence-report = Melden Sie „online“ oder „away“.

## Der Status, den eine Person im Profil wählt.

error-status-online = Online
error-status-away = Abwesend
error-status-busy = Beschäftigt
error-status-offline = Offline

## Anmeldung und Passwörter.

error-enter-identifier = Geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein.
error-enter-password = Geben Sie Ihr Passwort ein.
error-enter-current-password = Geben Sie Ihr aktuelles Passwort ein.
error-enter-current-password-bounded = Geben Sie Ihr aktuelles Passwort ein (höchstens { $count } Zeichen).
error-identifier-too-long = Kein Benutzername und keine E-Mail-Adresse sind so lang (höchstens { $count } Zeichen).
error-password-too-long = Kein Passwort ist so lang (höchstens { $count } Zeichen).
error-passwords-differ = Die Passwörter stimmen nicht überein.
error-password-too-short = Verwenden Sie mindestens { $count } Zeichen.
error-password-no-lower = Verwenden Sie einen Kleinbuchstaben.
error-password-no-upper = Verwenden Sie einen Großbuchstaben.
error-password-no-digit = Verwenden Sie eine Ziffer.
error-password-no-symbol = Verwenden Sie ein Sonderzeichen (weder Buchstabe noch Ziffer).
error-password-repeated = Wiederholen Sie ein Zeichen höchstens { $count ->
    [one] einmal
   *[other] { $count }-mal
} hintereinander.
error-password-personal = Verwenden Sie im Passwort weder Ihren Benutzernamen noch Ihre E-Mail-Adresse oder Ihren Namen.
error-password-reused = { $count ->
    [one] Wählen Sie ein anderes Passwort als Ihr aktuelles.
   *[other] Wählen Sie ein Passwort, das Sie bei keinem Ihrer letzten { $count } Passwörter verwendet haben.
}
error-password-common = Dieses Passwort ist zu gebräuchlich. Wählen Sie eines, das schwerer zu erraten ist.

## Die Regeln der Passwortrichtlinie, neben dem Feld während der Eingabe.

error-rule-min-length = Mindestens { $count } Zeichen.
error-rule-max-length = Höchstens { $count } Zeichen.
error-rule-lower = Ein Kleinbuchstabe.
error-rule-upper = Ein Großbuchstabe.
error-rule-digit = Eine Ziffer.
error-rule-symbol = Ein Sonderzeichen, etwa ! oder #.
error-rule-repeated = Kein Zeichen mehr als { $count ->
    [one] einmal
   *[other] { $count }-mal
} hintereinander.
error-rule-personal = Nicht Ihr Benutzername, Ihre E-Mail-Adresse oder Ihr Name.
error-rule-history = { $count ->
    [one] Nicht Ihr aktuelles Passwort (wird beim Speichern geprüft).
   *[other] Keines Ihrer letzten { $count } Passwörter (wird beim Speichern geprüft).
}
error-rule-common = Kein häufig verwendetes Passwort (wird beim Speichern geprüft).
error-rule-max-age = { $count ->
    [one] Jeden Tag geändert.
   *[other] Mindestens alle { $count } Tage geändert.
}

## Administration: die Grenzen der Passwortrichtlinie und Zahlen.

error-policy-min-length = Verwenden Sie mindestens { $min }.
error-number-range = Verwenden Sie eine Zahl von { $min } bis { $max }.
error-policy-min-above-max = Das Minimum darf nicht über dem Maximum liegen.
error-policy-max-repeated = Verwenden Sie 0 (keine Begrenzung) oder eine Zahl von { $min } bis { $max }.
error-whole-number = Geben Sie eine ganze Zahl ein.
error-page-gone = Diese Seite gibt es nicht mehr: Beginnen Sie bei der ersten.
error-activity-kind = Wählen Sie eine der aufgeführten Arten von Aktivität.
error-page-size = Fragen Sie 1 bis { $count } Einträge auf einmal ab.
error-unknown-section = Unbekannter Abschnitt.
error-admin-own-two-factor = Ändern Sie Ihre eigene Zwei-Faktor-Authentifizierung auf Ihrer Sicherheitsseite.

## Zwei-Faktor-Authentifizierung.

error-enter-code = Geben Sie einen Code ein.
error-enter-totp-code = Geben Sie einen Code aus Ihrer Authenticator-App ein.
error-choose-method = Wählen Sie, wie Sie bestätigen möchten.
error-method-choose = Wählen Sie, wie Sie bestätigen möchten: Authenticator-App, E-Mail oder Backup-Code.
error-choose-on-off = Wählen Sie „An“ oder „Aus“.
error-totp-already-on = Die Zwei-Faktor-Authentifizierung per TOTP ist bereits aktiviert.
error-totp-setup-expired = Diese Einrichtung ist abgelaufen. Beginnen Sie erneut.
error-totp-not-on = Aktivieren Sie zuerst die Zwei-Faktor-Authentifizierung per TOTP.
error-totp-forced = Ihr Administrator verlangt für dieses Konto die Zwei-Faktor-Authentifizierung per TOTP.
error-code-label-totp = Code aus Ihrer Authenticator-App
error-code-label-email = Per E-Mail gesendeter Code
error-code-label-backup = Backup-Code

## Persönliche Zugriffstoken.

error-token-name-empty = Geben Sie dem Token einen Namen, etwa den des Skripts, das es verwendet.
error-token-name-invalid = Verwenden Sie höchstens { $count } Zeichen, ohne Steuerzeichen.
error-token-name-taken = Sie haben bereits ein Token mit diesem Namen.
error-token-expired = Dieses Token ist abgelaufen. Löschen Sie es und erstellen Sie ein neues.
error-token-expiry-choose = Wählen Sie 7, 30 oder 90 Tage oder kein Ablaufdatum.
error-token-expiry-too-long = Token dürfen hier höchstens { $count ->
    [one] einen Tag
   *[other] { $count } Tage
} gültig sein.
error-token-max-days = Geben Sie 0 (keine Begrenzung) oder eine ganze Zahl von Tagen von { $min } bis { $max } ein.
error-token-scope-choose = Wählen Sie „Nur lesen“ oder „Lesen und schreiben“.
error-token-no-expiry = Kein Ablaufdatum

## Profilbilder.

error-avatar-not-an-image = Diese Datei ist kein Bild: Verwenden Sie ein Bild im Format PNG, JPEG, WebP oder GIF.
error-avatar-too-large = Dieses Bild ist zu groß: Verwenden Sie eines mit höchstens 5 MB, 10.000 Pixeln pro Seite und 40 Megapixeln.
error-avatar-choose-file = Wählen Sie ein Bild zum Hochladen.
error-avatar-enter-url = Geben Sie die Adresse des Bildes ein.
error-avatar-choose-again = Wählen Sie das Bild erneut aus.
error-avatar-url-disabled = Dieser Server lädt keine Bilder von Adressen: Laden Sie stattdessen die Datei hoch.
error-avatar-url-invalid = Geben Sie die Adresse des Bildes ein, beginnend mit https://.
error-avatar-url-http = Verwenden Sie eine https://-Adresse: Dieser Server lädt keine Bilder über unverschlüsseltes http.
error-avatar-url-not-public = Diese Adresse ist nicht erlaubt: Sie liegt nicht im öffentlichen Internet.
error-avatar-url-unreachable = Diese Adresse ist nicht erreichbar: Es kam nicht rechtzeitig eine Antwort mit einem Bild.
error-avatar-url-too-large = Dieses Bild ist zu groß: Verwenden Sie eines mit höchstens 5 MB.
error-avatar-url-not-an-image = Diese Adresse ist kein Bild: Sie hat mit etwas anderem geantwortet.

## Sitzungen: ein Client oder System, das die Sicherheitsseite nicht benennen kann.

error-session-unknown-client = Unbekannter Client
error-session-other-client = Anderer Client
error-session-unknown-system = unbekanntes System

## Die Support-PIN und der Support-Desk.

error-pin-empty = Geben Sie eine PIN ein.
error-pin-digits = Verwenden Sie nur Ziffern (0–9).
error-pin-length = Verwenden Sie { $min } bis { $max } Ziffern.
error-pin-trivial = Diese PIN ist zu leicht zu erraten (wie 1234, 0000 oder 1212). Wählen Sie eine andere.
# Verwaltung → Support-PIN: eine Länge außerhalb dessen, was der Server erlaubt.
error-pin-length-bounds = Geben Sie eine ganze Zahl von { $min } bis { $max } ein.
error-pin-max-below-min = Die längste PIN darf nicht kürzer sein als die kürzeste.
error-support-query-empty = Geben Sie einen Benutzernamen oder eine E-Mail-Adresse ein.
error-support-no-account = Kein Konto hat diesen Benutzernamen oder diese E-Mail-Adresse.
error-support-admin-role = Administratoren haben bereits Zugriff auf den Support-Desk.

## Organisationen.

error-org-name-empty = Geben Sie der Organisation einen Namen.
error-slug-empty = Wählen Sie eine Adresse.
error-slug-length = Verwenden Sie { $min } bis { $max } Zeichen.
error-slug-characters = Verwenden Sie Kleinbuchstaben, Ziffern und einzelne Bindestriche; am Anfang und am Ende muss ein Buchstabe oder eine Ziffer stehen.
error-slug-taken = Diese Adresse ist bereits vergeben.
error-org-role-choose = Wählen Sie Inhaber, Administrator oder Mitglied.
error-org-locked = Diese Organisation ist nur für Mitglieder mit Zwei-Faktor-Authentifizierung sichtbar. Richten Sie sie zuerst auf der Sicherheitsseite ein.
error-org-visibility-needs-two-factor = Richten Sie zuerst die Zwei-Faktor-Authentifizierung für Ihr eigenes Konto ein.
error-org-not-yourself = Nicht bei Ihrer eigenen Mitgliedschaft: Verlassen Sie stattdessen die Organisation.
error-org-last-owner = Eine Organisation hat immer einen Inhaber: Machen Sie zuerst ein anderes Mitglied zum Inhaber.
error-org-confirm-slug = Geben Sie zur Bestätigung die Adresse der Organisation ein.
error-org-contract-until = Nicht, solange ihr Vertrag läuft: Er endet am { $date }.
error-org-contract-open-ended = Nicht, solange ihr Vertrag läuft: Er hat noch kein Enddatum.
error-org-owner-invites-owner = Nur Inhaber können Inhaber einladen.
error-org-already-member = Dieses Konto ist bereits Mitglied.
error-org-invitation-other-address = Diese Einladung gilt für { $address }: Melden Sie sich mit dem Konto dieser Adresse an.
# Ein Datumsfeld im Vertragsformular der Administratoren.
error-date = Geben Sie ein Datum wie 2027-01-31 ein.
error-contract-plan = Wählen Sie den kostenlosen oder den kostenpflichtigen Tarif.
error-contract-status = Wählen Sie „aktiv“, „gekündigt“ oder „beendet“.
error-webhook-off = Der Vertrags-Webhook ist ausgeschaltet: Setzen Sie GATEHOUSE_CONTRACTS_WEBHOOK_SECRET.
error-webhook-event-reused = Diese Ereignis-ID wurde bereits mit einem anderen Inhalt verwendet.

## Ein Konto löschen.

error-delete-confirm = Geben Sie zur Bestätigung Ihren Benutzernamen { $username } ein.
error-delete-blocked-until = Nicht, solange Ihnen { $org } gehört: Der Vertrag läuft bis { $date }. Sie können Ihr Konto löschen, sobald er beendet ist.
error-delete-blocked-open = Nicht, solange Ihnen { $org } gehört: Der Vertrag läuft ohne Enddatum. Sie können Ihr Konto löschen, sobald er beendet ist.
error-delete-pending = Dieses Konto wird bereits gelöscht.
error-delete-last-admin = Das Konto des einzigen Administrators kann nicht gelöscht werden: Machen Sie zuerst ein anderes Konto zum Administrator.
error-delete-yourself = Löschen Sie Ihr eigenes Konto auf der Sicherheitsseite.
error-grace-days-range = Geben Sie eine ganze Zahl von Tagen von 0 bis { $max } ein.
error-disable-yourself = Sie können Ihr eigenes Konto nicht deaktivieren.
