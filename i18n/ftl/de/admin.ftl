## Verwaltung: die Benutzer und die serverweiten Einstellungen (Passwortrichtlinie,
## Zwei-Faktor-Authentifizierung, persönliche Zugriffstokens, Standardeinstellungen).

admin-heading = Verwaltung
admin-page-title = Verwaltung · Gatehouse
admin-not-admin = Nur Administratoren können diese Seite öffnen.

## Die Links zwischen den Verwaltungsseiten.

admin-nav-label = Verwaltung
admin-nav-users = Benutzer
admin-nav-password-policy = Passwortrichtlinie
admin-nav-two-factor = Zwei-Faktor-Authentifizierung
admin-nav-tokens = Persönliche Zugriffstokens
admin-nav-preferences = Einstellungen
admin-nav-support-pin = Support-PIN
admin-nav-organizations = Organisationen

## Benutzer.

admin-search-label = Benutzer suchen
admin-search-button = Suchen
admin-reset-done = Die Zwei-Faktor-Authentifizierung wurde zurückgesetzt. Der Benutzer wurde per E-Mail informiert.
admin-users-summary = { $users ->
        [one] { $users } Konto
       *[other] { $users } Konten
    }, { $admins ->
        [one] { $admins } Administrator.
       *[other] { $admins } Administratoren.
    }
admin-mail-given-up = { $count ->
    [one] { $count } E-Mail konnte nicht zugestellt werden und wurde aufgegeben (abgelehnte Adressen oder der Mailserver war stundenlang gestört). Das Serverprotokoll nennt sie.
   *[other] { $count } E-Mails konnten nicht zugestellt werden und wurden aufgegeben (abgelehnte Adressen oder der Mailserver war stundenlang gestört). Das Serverprotokoll nennt sie.
}
admin-column-username = Benutzername
admin-column-name = Name
admin-column-email = E-Mail
admin-column-role = Rolle
admin-column-created = Erstellt
admin-column-two-factor = Zwei-Faktor
admin-role-user = Benutzer
admin-role-admin = Administrator
admin-two-factor-on-required = An (erforderlich)
admin-two-factor-on = An
admin-two-factor-required-not-set-up = Erforderlich, nicht eingerichtet
admin-two-factor-off = Aus
admin-force-two-factor = Zwei-Faktor-Authentifizierung erzwingen
admin-stop-forcing-two-factor = Zwei-Faktor-Authentifizierung nicht mehr erzwingen
admin-reset-two-factor = Zwei-Faktor-Authentifizierung zurücksetzen
admin-force-two-factor-for = Zwei-Faktor-Authentifizierung für { $username } erzwingen
admin-stop-forcing-two-factor-for = Zwei-Faktor-Authentifizierung für { $username } nicht mehr erzwingen
admin-reset-two-factor-for = Zwei-Faktor-Authentifizierung für { $username } zurücksetzen
admin-pages-label = Seiten der Benutzerliste
admin-first-page = Erste Seite
admin-next-page = Nächste Seite

## Zwei-Faktor-Authentifizierung (das Formular selbst steht in twofactor.ftl).

admin-two-factor-page-title = Zwei-Faktor-Authentifizierung · Verwaltung · Gatehouse

## Persönliche Zugriffstokens.

admin-tokens-page-title = Persönliche Zugriffstokens · Verwaltung · Gatehouse
admin-tokens-heading = Persönliche Zugriffstokens
admin-tokens-saved = Die Token-Einstellungen wurden gespeichert.
admin-tokens-max-days = Längste Gültigkeitsdauer eines neuen Tokens, in Tagen
admin-tokens-max-days-hint = 0: keine Begrenzung (Tokens dürfen dann auch nie ablaufen). Bestehende Tokens behalten ihr Ablaufdatum.

## Standardeinstellungen (das Formular selbst steht in preferences.ftl).

admin-preferences-page-title = Einstellungen · Verwaltung · Gatehouse
admin-preferences-heading = Standardeinstellungen

## Passwortrichtlinie.

admin-policy-page-title = Passwortrichtlinie · Verwaltung · Gatehouse
admin-policy-heading = Passwortrichtlinie
admin-policy-intro = Gilt für die Registrierung, Passwortänderungen und das Zurücksetzen. Zusammensetzungsregeln sind standardmäßig aus: Länge und die Liste häufiger Passwörter schützen besser (NIST SP 800-63B).
admin-policy-saved = Die Passwortrichtlinie wurde gespeichert.
admin-policy-min-length = Mindestlänge
admin-policy-min-length-hint = Mindestens 8.
admin-policy-max-length = Höchstlänge
admin-policy-max-length-hint = 64 bis 1024.
admin-policy-require = Erforderlich
admin-policy-require-lower = Ein Kleinbuchstabe
admin-policy-require-upper = Ein Großbuchstabe
admin-policy-require-digit = Eine Ziffer
admin-policy-require-symbol = Ein Sonderzeichen
admin-policy-forbid-personal = Benutzername, E-Mail-Adresse oder Name im Passwort verbieten
admin-policy-history = Die letzten N Passwörter verbieten
admin-policy-history-hint = 0 schaltet dies ab; höchstens 24.
admin-policy-max-age = Höchstalter in Tagen
admin-policy-max-age-hint = 0: Passwörter laufen nie ab. Ein abgelaufenes Passwort muss bei der Anmeldung geändert werden.
admin-policy-max-repeated = Höchstzahl gleicher Zeichen hintereinander
admin-policy-max-repeated-hint = 0: keine Begrenzung.
admin-policy-block-common = Häufig verwendete Passwörter ablehnen
admin-policy-save = Richtlinie speichern

## Rollen: der Support-Desk für Support-Mitarbeiter.

admin-role-support = Support
admin-grant-support = Support-Rolle geben
admin-grant-support-for = { $username } die Support-Rolle geben
admin-revoke-support = Support-Rolle entziehen
admin-revoke-support-for = { $username } die Support-Rolle entziehen

## Verwaltung → Support-PIN.

admin-pin-page-title = Support-PIN · Verwaltung · Gatehouse
admin-pin-heading = Support-PIN
admin-pin-intro = Wie viele Ziffern eine Support-PIN hat. PINs, die vor einer Änderung festgelegt wurden, funktionieren weiterhin.
admin-pin-min-length = Mindestzahl an Ziffern
admin-pin-max-length = Höchstzahl an Ziffern
admin-pin-saved = Die Regeln für die Support-PIN wurden gespeichert.

## Verwaltung → Organisationen: Verträge.

admin-orgs-page-title = Organisationen · Verwaltung · Gatehouse
admin-orgs-heading = Organisationen und Verträge
admin-orgs-intro = Der Vertrag jeder Organisation: sein Tarif, sein Status und sein Enddatum. Ein Abrechnungssystem kann diese auch über den Vertrags-Webhook festlegen. Ein Konto kann nicht gelöscht werden, solange ihm eine Organisation gehört, deren Vertrag läuft.
admin-orgs-search = Organisationen suchen
admin-orgs-none = Keine Organisation entspricht der Suche.
admin-orgs-owners = Inhaber
admin-contract-plan = Tarif
admin-contract-status = Status
admin-contract-ends = Enddatum
admin-contract-ends-hint = Leer: kein Enddatum.
admin-contract-save = Vertrag speichern
admin-contract-save-for = Vertrag von { $org } speichern
admin-contract-saved = Der Vertrag wurde gespeichert.

## Konten deaktivieren und löschen.

admin-account-disabled = Deaktiviert
admin-account-deleted = Gelöscht
# Gefolgt von einem Datum.
admin-account-gone-on = endgültig gelöscht am
admin-disable = Deaktivieren
admin-disable-for = { $username } deaktivieren
admin-enable = Aktivieren
admin-enable-for = { $username } aktivieren
admin-delete = Löschen
admin-delete-for = { $username } löschen
admin-deletion-heading = Kontolöschung
admin-deletion-intro = Ein gelöschtes Konto bleibt während der Karenzzeit deaktiviert, und sein Inhaber kann es durch Anmelden wiederherstellen; danach ist es endgültig gelöscht. Konten, denen eine Organisation gehört, deren Vertrag läuft, können nicht gelöscht werden.
admin-deletion-grace = Karenzzeit (Tage)
admin-deletion-grace-hint = 0 bis { $max }; 0 löscht sofort.
admin-deletion-saved = Die Karenzzeit wurde gespeichert.

## Verwaltung → Prüfprotokoll

admin-nav-audit = Prüfprotokoll
admin-audit-page-title = Prüfprotokoll · Verwaltung · Gatehouse
admin-audit-heading = Prüfprotokoll
admin-audit-intro = Was auf diesem Server geschah, das Neueste zuerst: Anmeldungen, fehlgeschlagene Anmeldungen, Änderungen von Passwörtern, Adressen, Zwei-Faktor-Methoden, Tokens und Einstellungen sowie Aktionen von Administratoren. Suchen Sie nach einem Konto (Benutzername oder E-Mail-Adresse: seine eigenen Einträge und was es bei anderen getan hat) oder einer IP-Adresse, und filtern Sie nach Art.
admin-audit-search = Konto oder IP-Adresse
