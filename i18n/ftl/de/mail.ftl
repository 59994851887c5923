## Die E-Mails, die Gatehouse versendet (core/src/notices.rs).

mail-hello = Hallo { $name },
mail-action-line = { $action }: { $link }
mail-review-security = Sicherheit Ihres Kontos prüfen

## Ihr Passwort wurde geändert

mail-password-changed-subject = Ihr Gatehouse-Passwort wurde geändert
mail-password-changed-body = Das Passwort Ihres Gatehouse-Kontos wurde soeben geändert, und alle anderen Sitzungen wurden abgemeldet.
mail-password-changed-advice = Falls Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und prüfen Sie Ihre Sitzungen: { $url }
mail-password-changed-advice-before = Falls Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und
mail-password-changed-advice-link = prüfen Sie Ihre Sitzungen
mail-password-changed-advice-after = {"."}

## Adresse des Kontos bestätigen

mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse für Gatehouse
mail-verify-lead = Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist.
mail-verify-action = E-Mail-Adresse bestätigen
mail-verify-tail = Der Link ist 24 Stunden lang gültig und kann nur einmal verwendet werden. Wenn Sie kein Gatehouse-Konto erstellt haben, ignorieren Sie diese Nachricht.

## Neue Adresse bestätigen

mail-confirm-new-subject = Bestätigen Sie Ihre neue E-Mail-Adresse für Gatehouse
mail-confirm-new-lead = Sie möchten diese Adresse für Ihr Gatehouse-Konto verwenden. Die Änderung wird wirksam, sobald Sie sie bestätigen.
mail-confirm-new-action = Neue E-Mail-Adresse bestätigen
mail-confirm-new-tail = Der Link ist 24 Stunden lang gültig und kann nur einmal verwendet werden. Wenn Sie dies nicht angefordert haben, ignorieren Sie diese Nachricht.

## An die alte Adresse: eine Änderung wurde angefordert

mail-change-requested-subject = Änderung Ihrer Gatehouse-E-Mail-Adresse angefordert
mail-change-requested-lead = Jemand, der bei Ihrem Gatehouse-Konto angemeldet ist, hat beantragt, die E-Mail-Adresse des Kontos in { $address } zu ändern. Die Adresse ändert sich erst, wenn der an diese Adresse gesendete Link geöffnet wird.
mail-change-requested-tail = Falls Sie das nicht waren, ändern Sie sofort Ihr Passwort.

## An die alte Adresse: die Adresse wurde geändert

mail-email-changed-subject = Ihre Gatehouse-E-Mail-Adresse wurde geändert
mail-email-changed-lead = Die E-Mail-Adresse Ihres Gatehouse-Kontos lautet jetzt { $address }. E-Mails zum Konto, auch Links zum Zurücksetzen des Passworts, gehen ab sofort an diese Adresse.
mail-email-changed-tail = Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator: Wer die Adresse geändert hat, kann jetzt Ihr Passwort zurücksetzen.

## An eine Adresse, die ein anderes Konto übernehmen wollte

mail-in-use-subject = Jemand wollte Ihre Adresse für ein anderes Gatehouse-Konto verwenden
mail-in-use-lead = Ein anderes Gatehouse-Konto hat beantragt, seine E-Mail-Adresse in diese Adresse zu ändern. Sie gehört bereits zu Ihrem Konto, daher wurde nichts geändert. Falls Sie das waren, melden Sie sich stattdessen mit dieser Adresse an.
mail-in-use-tail = Wenn Ihnen das nicht bekannt vorkommt, müssen Sie nichts unternehmen.

## Passwort zurücksetzen

mail-reset-subject = Gatehouse-Passwort zurücksetzen
mail-reset-lead = Jemand hat angefordert, das Passwort Ihres Gatehouse-Kontos zurückzusetzen.
mail-reset-action = Neues Passwort wählen
mail-reset-tail = Der Link ist eine Stunde lang gültig und kann nur einmal verwendet werden. Wenn Sie dies nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.

## Ein Code für den zweiten Schritt

mail-code-subject = Ihr Gatehouse-Bestätigungscode
mail-code-lead = Ihr Gatehouse-Bestätigungscode lautet:
mail-code-tail = Er ist 10 Minuten lang gültig und kann nur einmal verwendet werden. Wenn Sie sich nicht gerade angemeldet oder ihn angefordert haben, ändern Sie Ihr Passwort: Jemand kennt es.

## Eine Änderung der zweiten Faktoren des Kontos

mail-factors-subject = Die Zwei-Faktor-Authentifizierung Ihres Gatehouse-Kontos wurde geändert
mail-factors-totp-on = Die Zwei-Faktor-Authentifizierung per TOTP wurde aktiviert.
mail-factors-totp-off = Die Zwei-Faktor-Authentifizierung per TOTP wurde deaktiviert.
mail-factors-email-on = Die Zwei-Faktor-Authentifizierung per E-Mail wurde aktiviert.
mail-factors-email-off = Die Zwei-Faktor-Authentifizierung per E-Mail wurde deaktiviert.
mail-factors-backup-codes-renewed = Es wurden neue Backup-Codes erstellt; die alten funktionieren nicht mehr.
mail-factors-required = Ein Administrator verlangt jetzt die Zwei-Faktor-Authentifizierung für Ihr Konto.
mail-factors-no-longer-required = Ein Administrator verlangt die Zwei-Faktor-Authentifizierung für Ihr Konto nicht mehr.
mail-factors-reset = Ein Administrator hat die Zwei-Faktor-Authentifizierung Ihres Kontos zurückgesetzt.
mail-factors-tail = Falls Sie das nicht waren, ändern Sie sofort Ihr Passwort und wenden Sie sich an Ihren Administrator.

## Die Support-PIN wurde festgelegt, geändert oder entfernt (nie die PIN selbst)

mail-pin-subject = Ihre Gatehouse-Support-PIN wurde geändert
mail-pin-set = Für Ihr Gatehouse-Konto wurde eine Support-PIN festgelegt. Der Support fragt danach, um zu bestätigen, dass es sich bei einem Anrufer um Sie handelt.
mail-pin-changed = Die Support-PIN Ihres Gatehouse-Kontos wurde geändert. Die alte PIN funktioniert nicht mehr.
mail-pin-removed = Die Support-PIN Ihres Gatehouse-Kontos wurde entfernt. Der Support kann einen Anrufer nicht mehr darüber bestätigen.
mail-pin-tail = Falls Sie das nicht waren, ändern Sie sofort Ihr Passwort: Jemand kann sich bei Ihrem Konto anmelden.

## Ein Support-Mitarbeiter hat eine PIN geprüft, die ein Anrufer für das Konto genannt hat

mail-pin-checked-subject = Der Support hat eine PIN für Ihr Gatehouse-Konto geprüft
mail-pin-checked-matches = Ein Support-Mitarbeiter hat die PIN geprüft, die ein Anrufer für Ihr Gatehouse-Konto genannt hat, und sie stimmte mit Ihrer Support-PIN überein.
mail-pin-checked-no-match = Ein Support-Mitarbeiter hat eine PIN geprüft, die ein Anrufer für Ihr Gatehouse-Konto genannt hat, und sie stimmte nicht mit Ihrer Support-PIN überein.
mail-pin-checked-none = Ein Support-Mitarbeiter wollte einen Anrufer anhand Ihrer Support-PIN bestätigen, aber für Ihr Konto ist keine festgelegt.
mail-pin-checked-tail = Falls Sie den Support nicht angerufen haben, gibt sich möglicherweise jemand als Sie aus: Ändern Sie Ihre Support-PIN und Ihr Passwort.

## Eine Organisation verlangt (oder verlangt nicht mehr) die Zwei-Faktor-Authentifizierung für das Mitglied

mail-org-two-factor-required = { $org } verlangt jetzt die Zwei-Faktor-Authentifizierung für Ihr Konto. Richten Sie sie bei Ihrer nächsten Anmeldung vor allem anderen ein: Bis dahin ist nichts anderes zugänglich.
mail-org-two-factor-lifted = { $org } verlangt die Zwei-Faktor-Authentifizierung für Ihr Konto nicht mehr.

## Eine Einladung in eine Organisation (an eine Adresse, die vielleicht noch kein Konto hat)

mail-hello-there = Hallo,
mail-invitation-subject = Sie sind eingeladen, { $org } bei Gatehouse beizutreten
mail-invitation-lead = { $inviter } hat Sie eingeladen, { $org } als { $role } beizutreten.
mail-invitation-action = Einladung öffnen
mail-invitation-tail = Der Link ist 7 Tage lang gültig und kann nur einmal verwendet werden. Melden Sie sich mit dieser E-Mail-Adresse an oder erstellen Sie damit ein Konto, um die Einladung anzunehmen. Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.

## Die Löschung eines Kontos: beantragt (bis zu einem Datum wiederherstellbar), durch Anmelden wiederhergestellt, abgeschlossen

mail-deletion-subject = Ihr Gatehouse-Konto wurde gelöscht
mail-deletion-scheduled = Ihr Gatehouse-Konto wurde gelöscht. Bis { $date } wird es deaktiviert aufbewahrt; danach ist es endgültig gelöscht, mit allem, was dazugehört.
mail-deletion-action = Anmelden, um es wiederherzustellen
mail-deletion-tail = Falls Sie Ihr Konto nicht gelöscht haben, melden Sie sich vor diesem Datum an und ändern Sie Ihr Passwort.
mail-restored-subject = Ihr Gatehouse-Konto wurde wiederhergestellt
mail-restored-lead = Sie haben sich angemeldet, daher ist Ihr Konto wiederhergestellt und seine Löschung aufgehoben. Seine Sitzungen, Tokens, Zwei-Faktor-Methoden, Support-PIN und Einstellungen sowie sein Profilbild wurden beim Löschen entfernt: Richten Sie erneut ein, was Sie brauchen.
mail-restored-tail = Falls Sie das nicht waren, ändern Sie jetzt Ihr Passwort.
mail-deleted-subject = Ihr Gatehouse-Konto ist endgültig gelöscht
mail-deleted-body = Ihr Gatehouse-Konto und alles, was dazugehört, wurden endgültig gelöscht. Sein Benutzername und seine E-Mail-Adresse sind wieder frei. Dies ist die letzte Nachricht von uns.

## Wann und von wo

mail-when = Zeitpunkt: { $time }
mail-device = Gerät: { $device }
mail-ip = IP-Adresse: { $ip }

## Anmeldung von einem neuen Gerät oder Browser

mail-new-sign-in-subject = Neue Anmeldung bei Ihrem Gatehouse-Konto
mail-new-sign-in-lead = Bei Ihrem Gatehouse-Konto hat sich gerade jemand von einem Gerät oder Browser angemeldet, von dem aus es bisher nicht angemeldet war.
mail-review-sessions = Sitzungen prüfen
mail-new-sign-in-tail = Falls Sie das waren, müssen Sie nichts tun. Falls nicht, ändern Sie sofort Ihr Passwort und melden Sie die Sitzungen ab, die Sie nicht kennen. Sie können diese Nachrichten unter Einstellungen, Benachrichtigungen abschalten.

## Ein persönliches Zugriffstoken wurde erstellt

mail-token-created-subject = Für Ihr Gatehouse-Konto wurde ein persönliches Zugriffstoken erstellt
mail-token-created = Ein persönliches Zugriffstoken mit dem Namen „{ $token }“ wurde erstellt. Es kann die REST-API in Ihrem Namen nutzen.
mail-token-created-ignoring-two-factor = Ein persönliches Zugriffstoken mit dem Namen „{ $token }“ wurde erstellt. Es kann die REST-API in Ihrem Namen nutzen, ohne Zwei-Faktor-Authentifizierung.
mail-review-tokens = Persönliche Zugriffstokens prüfen
mail-token-created-tail = Falls Sie das nicht waren, löschen Sie das Token, ändern Sie sofort Ihr Passwort und wenden Sie sich an Ihren Administrator.
