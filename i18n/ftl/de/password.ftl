## Passwortformulare: ändern, vergessen, zurücksetzen, abgelaufen; und die Regeln der Richtlinie neben dem Feld.

password-rules-label = Passwortregeln
password-rule-met = (erfüllt)
password-rule-not-met = (nicht erfüllt)

password-new = Neues Passwort
password-repeat-new = Neues Passwort wiederholen
password-current = Aktuelles Passwort
password-change-heading = Passwort ändern
password-change-submit = Passwort ändern
password-changed = Ihr Passwort wurde geändert. Alle anderen Sitzungen wurden abgemeldet.
password-tokens-label = Persönliche Zugriffstoken
password-tokens-left = { $count ->
    [one] { $count } persönliches Zugriffstoken funktioniert weiterhin: Token hängen nicht von Ihrem Passwort ab.
   *[other] { $count } persönliche Zugriffstoken funktionieren weiterhin: Token hängen nicht von Ihrem Passwort ab.
}
password-tokens-advice = Falls jemand anderes Ihr Passwort kennen könnte, widerrufen Sie sie.
password-revoke-all = Alle Token widerrufen
password-tokens-revoked = { $count ->
    [one] { $count } Token widerrufen.
   *[other] { $count } Token widerrufen.
}

password-expired-title = Passwort ändern · Gatehouse
password-expired-heading = Ihr Passwort ist abgelaufen
password-expired-intro = Ihr Administrator verlangt, dass Passwörter regelmäßig geändert werden. Wählen Sie ein neues Passwort, um fortzufahren.
password-up-to-date = Ihr Passwort ist aktuell
password-continue-to-account = Weiter zu „Mein Konto“

password-forgot-title = Passwort zurücksetzen · Gatehouse
password-forgot-heading = Passwort zurücksetzen
password-forgot-intro = Geben Sie die bestätigte E-Mail-Adresse Ihres Kontos ein. Wir senden an diese Adresse einen Link, mit dem Sie ein neues Passwort festlegen können.
password-field-email = E-Mail
password-forgot-submit = Link zum Zurücksetzen senden
password-forgot-sent = Falls ein Konto diese bestätigte Adresse hat, ist ein Link zum Zurücksetzen des Passworts unterwegs. Der Link kann einmal verwendet werden und ist eine Stunde lang gültig.
password-back-to-signin = Zurück zur Anmeldung

password-reset-title = Neues Passwort wählen · Gatehouse
password-reset-heading = Neues Passwort wählen
password-reset-two-factor = Ihr Konto ist mit Zwei-Faktor-Authentifizierung geschützt: Bestätigen Sie, dass Sie es sind.
password-reset-submit = Passwort zurücksetzen
password-ask-new-link = Neuen Link anfordern
