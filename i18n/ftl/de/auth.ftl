## Anmelden, Registrieren und das Kontomenü der Kopfzeile.

auth-signin-title = Anmelden · Gatehouse
auth-signin-heading = Anmelden
auth-signin-was-reset = Ihr Passwort wurde zurückgesetzt. Melden Sie sich mit Ihrem neuen Passwort an.
auth-field-identifier = Benutzername oder E-Mail-Adresse
auth-field-password = Passwort
auth-signin-submit = Anmelden
auth-forgot-link = Passwort zurücksetzen
auth-new-here = Neu hier?
auth-create-account-link = Konto erstellen

auth-register-title = Konto erstellen · Gatehouse
auth-register-heading = Erstellen Sie Ihr Konto
auth-field-name = Name
auth-field-username = Benutzername
auth-username-hint = 3 bis 32 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche.
auth-field-email = E-Mail
auth-register-submit = Konto erstellen
auth-have-account = Sie haben bereits ein Konto?
auth-signin-link = Anmelden

## Das Avatar-Menü der Kopfzeile.

auth-menu-label = Kontomenü
auth-menu-status = Status: { $status ->
    [online] Online
    [away] Abwesend
    [busy] Beschäftigt
   *[offline] Offline
}
auth-menu-my-account = Mein Konto
auth-menu-administration = Administration
auth-menu-support-desk = Support-Desk
auth-sign-out = Abmelden
