## Mein Konto: die Navigation, die Titel der Bereiche und die Profilseite (ihr Formular und
## ihr Bild).

account-nav-label = Mein Konto
account-nav-profile = Profil
account-nav-preferences = Einstellungen
account-nav-security = Sicherheit
account-nav-tokens = Persönliche Zugriffstokens
account-nav-organizations = Organisationen
account-page-title = { $section } · Mein Konto · Gatehouse

## Überschriften und Einleitungen der Bereiche.

account-profile-title = Profil
account-profile-intro = Wie andere Sie sehen und wie Sie sich anmelden.
account-preferences-title = Einstellungen
account-preferences-intro = Sprache, Anwesenheit, Benachrichtigungen und mehr für dieses Konto.
account-security-title = Sicherheit
account-security-intro = Passwort, Zwei-Faktor-Authentifizierung und wo Sie angemeldet sind.
account-tokens-title = Persönliche Zugriffstokens
account-tokens-intro = Tokens für Skripte und API-Clients, die in Ihrem Namen handeln.
account-confirm-password = Passwort bestätigen
account-other-locations = Andere Orte

## Angaben zum Konto über dem Profilformular.

account-role = Rolle
account-role-admin = Administrator
account-role-user = Benutzer
account-role-support = Support
account-member-since = Mitglied seit

## Das Profilformular.

account-profile-details = Profildaten
account-name = Name
account-username = Benutzername
account-username-hint = 3 bis 32 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche, beginnend mit einem Buchstaben oder einer Ziffer. Sie melden sich damit an; der alte Benutzername funktioniert dann nicht mehr.
account-status-message = Statusnachricht
account-status = Status
account-status-placeholder = Was machen Sie gerade?
account-nickname = Spitzname
account-bio = Über mich
account-bio-hint = Reiner Text, angezeigt so, wie Sie ihn eingeben.
account-counter = { $count } / { $max } Zeichen
account-profile-saved = Ihr Profil wurde gespeichert.

## Profilbild und Bild von einer URL.

account-avatar-legend = Profilbild
account-avatar-upload = Bild hochladen
account-avatar-use-default = Standard-Avatar verwenden
account-avatar-save = Bild speichern
account-avatar-hint = PNG, JPEG, WebP oder GIF, höchstens 5 MB; ziehen Sie es hierher oder wählen Sie es aus. Es wird quadratisch zugeschnitten.
account-avatar-uploading = Das Bild wird hochgeladen
account-avatar-progress = { $percent } %
account-avatar-preview = Vorschau von { $name }
account-avatar-preview-default = Vorschau des Standard-Avatars
account-avatar-current = Ihr Profilbild
account-avatar-pending-file = { $name } wird so angezeigt, wie es aussehen wird; wählen Sie „Änderungen speichern“, um es zu verwenden.
account-avatar-pending-default = Der Standard-Avatar wird angezeigt; wählen Sie „Änderungen speichern“, um ihn zu verwenden.
account-avatar-pending-url = Das Bild unter dieser Adresse wird abgerufen, wenn Sie „Änderungen speichern“ wählen.
account-avatar-url = URL für Avatar verwenden
account-avatar-fetch = Bild abrufen
account-avatar-choose-again = Wählen Sie das Bild erneut aus.
account-avatar-error-file = Diese Datei konnte nicht verwendet werden: Wählen Sie ein Bild im Format PNG, JPEG, WebP oder GIF mit höchstens 5 MB.
account-avatar-error-url = Von dieser Adresse konnte kein Bild abgerufen werden: Prüfen Sie, ob sie mit https:// beginnt und ein Bild zeigt.
account-avatar-error-other = Das Bild konnte nicht geändert werden. Versuchen Sie es erneut.

## Konto löschen (Seed 000)

delete-page-title = Konto löschen · Gatehouse
delete-heading = Konto löschen
delete-panel-intro = Löschen Sie Ihr Konto und alles, was dazugehört. Die nächste Seite erklärt, was geschieht, und bittet Sie um Bestätigung.
delete-button = Konto löschen
delete-what-heading = Was geschieht
delete-intro = Sie werden sofort überall abgemeldet, und Ihre Sitzungen, persönlichen Zugriffstokens, Zwei-Faktor-Methoden, Support-PIN und Einstellungen sowie Ihr Profilbild werden entfernt.
delete-grace = { $days ->
    [one] Einen Tag
   *[other] { $days } Tage
} lang wird Ihr Konto deaktiviert aufbewahrt: Melden Sie sich in dieser Zeit an, um es wiederherzustellen. Danach ist es endgültig gelöscht, und sein Benutzername und seine E-Mail-Adresse sind wieder frei.
delete-no-grace = Ihr Konto wird sofort endgültig gelöscht, und sein Benutzername und seine E-Mail-Adresse sind wieder frei.
delete-orgs-deleted = Organisationen, die mit Ihrem Konto gelöscht werden
delete-orgs-left = Organisationen, die Sie verlassen
delete-blocked = Sie können Ihr Konto noch nicht löschen: Ihnen gehören Organisationen, deren Vertrag läuft. Sobald er beendet ist, ist das möglich.
# Gefolgt von einem Datum.
delete-blocked-until = { $org }: Der Vertrag läuft bis
delete-blocked-open = { $org }: Der Vertrag läuft ohne Enddatum.
delete-form-heading = Bestätigen
delete-confirm-label = Geben Sie zur Bestätigung Ihren Benutzernamen { $username } ein
# Gefolgt von einem Datum.
delete-done-grace = Ihr Konto ist gelöscht. Es wird deaktiviert aufbewahrt bis
delete-done-restore = Melden Sie sich vorher an, um es wiederherzustellen.
delete-done-now = Ihr Konto ist gelöscht.
delete-to-sign-in = Zur Anmeldeseite
