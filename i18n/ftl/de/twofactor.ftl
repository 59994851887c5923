## Zwei-Faktor-Authentifizierung: der Abschnitt der Sicherheitsseite, der Einrichtungsassistent,
## Backup-Codes, der zweite Schritt der Anmeldung, „Bestätigen Sie, dass Sie es sind“ und die
## Einstellungen der Administratoren.

twofactor-heading = Zwei-Faktor-Authentifizierung
twofactor-page-title = Zwei-Faktor-Authentifizierung · Gatehouse

## Die Passwort- und Codefelder einer Bestätigung (die Methoden benennt errors.ftl).

twofactor-confirm-with = Bestätigen mit
twofactor-code = Code
twofactor-password = Passwort

## Backup-Codes.

twofactor-backup-codes-region = Backup-Codes
twofactor-backup-codes-heading = Ihre Backup-Codes
twofactor-backup-codes-save-now = Bewahren Sie diese Codes jetzt an einem sicheren Ort auf: Sie werden nur dieses eine Mal angezeigt. Mit jedem Code können Sie sich einmal anmelden, falls Sie Ihre Authenticator-App verlieren.
twofactor-copy-backup-codes = Backup-Codes kopieren
twofactor-download = Herunterladen
twofactor-backup-codes-done = Fertig: Ich habe sie gespeichert
twofactor-backup-file-heading = Gatehouse-Backup-Codes. Jeder Code funktioniert einmal.
twofactor-backup-codes-gone = Backup-Codes werden nur einmal angezeigt. Falls Sie sie nicht gespeichert haben, erstellen Sie mit „Codes neu erstellen“ neue.
twofactor-backup-codes-left = { $count ->
    [one] { $count } Backup-Code übrig.
   *[other] { $count } Backup-Codes übrig.
}
twofactor-backup-codes-low = Erstellen Sie neue, bevor sie aufgebraucht sind.
twofactor-regenerate-codes = Codes neu erstellen

## Der Abschnitt der Sicherheitsseite.

twofactor-forced = Ihr Administrator verlangt für dieses Konto die Zwei-Faktor-Authentifizierung. Richten Sie eine Authenticator-App ein, um fortzufahren.
twofactor-reauth-intro-on = Die Zwei-Faktor-Authentifizierung ist aktiviert. Bestätigen Sie Ihr Passwort, um sie zu verwalten.
twofactor-reauth-intro-off = Die Zwei-Faktor-Authentifizierung ist deaktiviert. Bestätigen Sie Ihr Passwort, um sie zu verwalten.
twofactor-confirm-first = Bestätigen Sie zuerst Ihr Passwort: Danach öffnet sich der Einrichtungsassistent für die 2-Faktor-Authentifizierung.
twofactor-code-sent = Ein Code ist unterwegs an Ihre E-Mail-Adresse.
twofactor-send-code = Code per E-Mail senden
twofactor-send-new-code = Neuen Code senden
twofactor-app-heading = Authenticator-App (TOTP)
twofactor-email-heading = E-Mail
twofactor-totp-on = Die Zwei-Faktor-Authentifizierung per TOTP ist aktiviert.
twofactor-disable-totp = Zwei-Faktor-Authentifizierung per TOTP deaktivieren
twofactor-email-on = Die Zwei-Faktor-Authentifizierung per E-Mail ist aktiviert.
twofactor-disable-email = Zwei-Faktor-Authentifizierung per E-Mail deaktivieren
twofactor-email-intro = Erhalten Sie bei der Anmeldung einen Code per E-Mail.
twofactor-email-verify-first = Bestätigen Sie zuerst Ihre E-Mail-Adresse auf der Profilseite.
twofactor-enable-email = Zwei-Faktor-Authentifizierung per E-Mail aktivieren

## Der Einrichtungsassistent.

twofactor-totp-intro = Verwenden Sie eine App wie Google Authenticator, Authy oder Duo, um bei der Anmeldung einen Code zu erhalten.
twofactor-enable-assistant = 2-Faktor-Authentifizierung aktivieren
twofactor-enable-totp = Zwei-Faktor-Authentifizierung per TOTP aktivieren
twofactor-assistant-title = Einrichtungsassistent für die 2-Faktor-Authentifizierung
twofactor-step-count = Schritt { $step } von { $total }
twofactor-step-app = Installieren Sie eine Authenticator-App auf Ihrem Telefon: Google Authenticator, Authy, Duo oder eine andere App für zeitbasierte Codes (TOTP), aus dem Google Play Store oder dem App Store von Apple.
twofactor-step-app-hint = Die App benötigt Ihre Kamera, um einen QR-Code zu scannen, und Ihr Telefon sollte seine Uhrzeit automatisch einstellen.
twofactor-next = Weiter
twofactor-step-scan = Scannen Sie diesen QR-Code mit Ihrer Authenticator-App:
twofactor-qr-alt = QR-Code für Ihre Authenticator-App
twofactor-key-by-hand = Oder geben Sie diesen Schlüssel von Hand ein:
twofactor-copy-key = Schlüssel kopieren
twofactor-step-scan-then = Geben Sie dann den sechsstelligen Code, den die App anzeigt, unten ein und wählen Sie „Überprüfen“, oder fahren Sie mit „Weiter“ fort.
twofactor-step-token = Geben Sie den sechsstelligen Code ein, den die App jetzt anzeigt, und wählen Sie dann „Überprüfen“.
twofactor-security-token = Sicherheitstoken (Code aus Ihrer Authenticator-App)
twofactor-verify = Überprüfen

## Der zweite Schritt der Anmeldung.

twofactor-signin-totp = Öffnen Sie Ihre Authenticator-App und geben Sie den Code ein, den sie für Gatehouse anzeigt.
twofactor-signin-email = Geben Sie den sechsstelligen Code ein, den wir an Ihre E-Mail-Adresse gesendet haben. Er ist 10 Minuten lang gültig.
twofactor-signin-backup = Geben Sie einen Ihrer Backup-Codes ein. Jeder Code funktioniert einmal.
twofactor-use-app = Authenticator-App verwenden
twofactor-use-backup = Backup-Code verwenden
twofactor-sign-in-again = Erneut anmelden

## „Bestätigen Sie, dass Sie es sind“ (erneute Authentifizierung vor sensiblen Änderungen).

twofactor-confirm-its-you = Bestätigen Sie, dass Sie es sind
twofactor-confirm-its-you-intro = Für Änderungen auf dieser Seite benötigen wir erneut Ihr Passwort (und einen Code, falls Sie die Zwei-Faktor-Authentifizierung verwenden). Sie bleiben danach zehn Minuten lang möglich.

## Administration → Zwei-Faktor-Authentifizierung.

twofactor-settings-saved = Die Einstellungen zur Zwei-Faktor-Authentifizierung wurden gespeichert.
twofactor-settings-enabled = Die Zwei-Faktor-Authentifizierung ist auf diesem Server aktiviert
twofactor-settings-enabled-hint = Wenn sie deaktiviert ist, blendet die Sicherheitsseite sie aus und die Anmeldung fragt nach keinem zweiten Schritt. Bestehende Einrichtungen bleiben erhalten.
twofactor-settings-email-by-default = E-Mail-Codes sind für bestätigte Adressen standardmäßig aktiviert
