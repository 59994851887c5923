## E2E-Verschlüsselung (Seeds 001 und 003): der Abschnitt der Sicherheitsseite, das Banner auf den
## Kontoseiten, der Schalter der Administratoren, seine Fehler und seine E-Mails.

e2e-heading = E2E-Verschlüsselung
e2e-intro = Sie können verschlüsselte private Gruppen und Direktnachrichten erstellen. Dies ist eine Ende-zu-Ende-Verschlüsselung, daher wird der Schlüssel zum Ver- und Entschlüsseln Ihrer Nachrichten nicht in nutzbarer Form auf dem Server gespeichert. Bewahren Sie Ihr Verschlüsselungspasswort deshalb an einem sicheren Ort auf: Sie müssen es auf anderen Geräten eingeben, auf denen Sie die E2E-Verschlüsselung verwenden möchten.
e2e-no-key = Ihr Schlüssel wird in Ihrem Browser erstellt, wenn Sie „Mein Konto“ das nächste Mal öffnen.
e2e-off = Ein Administrator hat die Ende-zu-Ende-Verschlüsselung deaktiviert.
e2e-off-kept = Ein Administrator hat die Ende-zu-Ende-Verschlüsselung deaktiviert. Ihr Schlüssel bleibt erhalten, bis Sie ihn zurücksetzen.
e2e-fingerprint = Fingerabdruck des Schlüssels
e2e-created = Schlüssel erstellt
e2e-changed = Verschlüsselungspasswort zuletzt festgelegt
e2e-here-checking = Dieses Gerät wird geprüft…
e2e-here-locked = Auf diesem Gerät gesperrt: Geben Sie Ihr Verschlüsselungspasswort ein, um den Schlüssel hier zu verwenden.
e2e-here-unlocked = Auf diesem Gerät entsperrt.
e2e-here-remembered = Auf diesem Gerät entsperrt und gemerkt.

# Das Banner auf jeder Kontoseite.
e2e-locked-banner = Die Ende-zu-Ende-Verschlüsselung ist auf diesem Gerät gesperrt.
e2e-made-banner = Ihr Schlüssel für die Ende-zu-Ende-Verschlüsselung wurde in diesem Browser erstellt. Sein Verschlüsselungspasswort wird nur einmal angezeigt.
e2e-made-banner-link = Verschlüsselungspasswort sichern
e2e-locked-banner-link = Geben Sie Ihr Verschlüsselungspasswort ein
e2e-made-heading = Bewahren Sie Ihr Verschlüsselungspasswort auf
e2e-made-intro = Ihr Schlüssel für die Ende-zu-Ende-Verschlüsselung wurde in diesem Browser erstellt. Sie benötigen dieses Verschlüsselungspasswort, um ihn auf anderen Geräten zu verwenden. Es wird nur jetzt angezeigt und nicht auf dem Server gespeichert: Bewahren Sie es an einem sicheren Ort auf. Sie können es unten auf der Sicherheitsseite ändern.
e2e-copy-password = Verschlüsselungspasswort kopieren
e2e-download-password = Verschlüsselungspasswort herunterladen
e2e-made-show = Verschlüsselungspasswort anzeigen
e2e-made-done = Ich habe es gespeichert
# Erste Zeile der heruntergeladenen Datei.
e2e-file-heading = Gatehouse-Verschlüsselungspasswort (Ende-zu-Ende-Verschlüsselung). Bewahren Sie es an einem sicheren Ort auf.

e2e-unlock-heading = Auf diesem Gerät entsperren
e2e-password-label = Verschlüsselungspasswort
e2e-remember = Auf diesem Gerät merken
e2e-remember-hint = Der entsperrte Schlüssel bleibt in diesem Browser (er kann nicht aus ihm herauskopiert werden), bis Sie das Gerät unten vergessen, das Verschlüsselungspasswort ändern oder den Schlüssel zurücksetzen.
e2e-unlock = Entsperren

e2e-change-heading = Verschlüsselungspasswort ändern
e2e-change-intro = Ihr Schlüssel wird in diesem Browser mit dem aktuellen Passwort entsperrt und mit dem neuen wieder gesperrt. Ihre anderen Geräte fragen nach dem neuen.
e2e-change-unlock-first = Um Ihr Verschlüsselungspasswort zu ändern, entsperren Sie Ihren Schlüssel zuerst auf diesem Gerät.
e2e-current-password = Aktuelles Verschlüsselungspasswort
e2e-new-password = Neues Verschlüsselungspasswort
e2e-new-password-hint = Mindestens { $min } Zeichen.
e2e-confirm-password = Neues Verschlüsselungspasswort bestätigen
e2e-save-changes = Änderungen speichern
e2e-change-saved = Ihr Verschlüsselungspasswort wurde geändert. Ihre anderen Geräte werden nach dem neuen fragen.

e2e-note-heading = Verschlüsselte Notiz an Sie selbst
e2e-note-intro = In diesem Browser mit Ihrem öffentlichen Schlüssel verschlüsselt und als Geheimtext gespeichert: Nur ein Gerät, auf dem Ihr Schlüssel entsperrt ist, kann sie lesen.
e2e-note-label = Notiz
e2e-note-save = Notiz speichern
e2e-note-saved = Ihre Notiz wurde verschlüsselt gespeichert.
# Gefolgt von Datum und Uhrzeit.
e2e-note-saved-at = Zuletzt gespeichert:
e2e-note-locked = Entsperren Sie Ihren Schlüssel auf diesem Gerät, um Ihre Notiz zu lesen.

e2e-devices-heading = Gemerkte Geräte
# Gefolgt von Datum und Uhrzeit.
e2e-device-since = gemerkt seit
e2e-forget-device = Vergessen
e2e-forget-device-named = { $device } vergessen

e2e-reset-heading = E2E-Schlüssel zurücksetzen
e2e-reset-intro = Dadurch wird Ihr aktueller E2E-Schlüssel entfernt, und Sie werden überall abgemeldet. Wenn Sie sich wieder anmelden, wird ein neuer Schlüssel erstellt, und Ihr Zugriff auf jeden verschlüsselten Raum, in dem mindestens ein Mitglied online ist, wird wiederhergestellt. Aufgrund der Natur der Ende-zu-Ende-Verschlüsselung kann der Zugriff auf verschlüsselte Räume, in denen kein Mitglied online ist, nicht wiederhergestellt werden.
e2e-reset-confirm = Mir ist bewusst, dass verschlüsselte Räume, in denen kein Mitglied online ist, nicht wiederhergestellt werden können
e2e-reset-submit = E2E-Schlüssel zurücksetzen

## Verwaltung → E2E-Verschlüsselung.

admin-nav-e2e = E2E-Verschlüsselung
admin-e2e-page-title = E2E-Verschlüsselung · Verwaltung · Gatehouse
admin-e2e-enabled = E2E-Verschlüsselung aktivieren
admin-e2e-enabled-hint = An: Der Browser jeder Person erstellt bei der nächsten Anmeldung ein Schlüsselpaar. Aus: Es werden keine neuen Schlüssel gespeichert; bereits erstellte Schlüssel bleiben erhalten, bis ihre Inhaber sie zurücksetzen.
admin-e2e-saved = Die Einstellung zur E2E-Verschlüsselung wurde gespeichert.

## Fehler.

error-e2e-format = Verwenden Sie die Schlüsselableitung { $kdf } und { $cipher }.
error-e2e-iterations = Verwenden Sie { $min } bis { $max } PBKDF2-Runden.
error-e2e-bytes = Verwenden Sie { $min } bis { $max } Bytes.
error-e2e-base64 = Verwenden Sie Base64.
error-e2e-public-key = Senden Sie einen öffentlichen RSA-Schlüssel mit 2048 bis 4096 Bit (SubjectPublicKeyInfo, Base64).
error-e2e-public-key-fixed = Ein neues Verschlüsselungspasswort behält denselben Schlüssel. Setzen Sie den E2E-Schlüssel zurück, um einen neuen zu erstellen.
error-e2e-version-stale = Ihr Schlüssel wurde auf einem anderen Gerät geändert. Laden Sie die Seite neu und versuchen Sie es erneut.
error-e2e-disabled = Ein Administrator hat die Ende-zu-Ende-Verschlüsselung deaktiviert.
error-e2e-password-short = Verwenden Sie mindestens { $min } Zeichen.
error-e2e-password-long = Verwenden Sie höchstens { $max } Zeichen.
error-e2e-password-mismatch = Die Passwörter stimmen nicht überein.
error-e2e-wrong-password = Dieses Verschlüsselungspasswort ist nicht korrekt.
error-e2e-enter-password = Geben Sie Ihr Verschlüsselungspasswort ein.
error-e2e-browser = Dieser Browser unterstützt keine Ende-zu-Ende-Verschlüsselung.
error-e2e-confirm-reset = Setzen Sie zur Bestätigung das Häkchen.
error-e2e-note-long = Verwenden Sie höchstens { $max } Zeichen.

## E-Mails.

mail-e2e-password-subject = Ihr Gatehouse-Verschlüsselungspasswort wurde geändert
mail-e2e-password-changed = Das Verschlüsselungspasswort Ihres Schlüssels für die Ende-zu-Ende-Verschlüsselung wurde geändert. Ihre anderen Geräte fragen nach dem neuen.
mail-e2e-reset-subject = Ihr Gatehouse-E2E-Schlüssel wurde zurückgesetzt
mail-e2e-reset = Der Schlüssel für die Ende-zu-Ende-Verschlüsselung Ihres Gatehouse-Kontos wurde entfernt, und alle Sitzungen wurden abgemeldet. Bei Ihrer nächsten Anmeldung wird ein neuer Schlüssel erstellt.
mail-e2e-tail = Falls Sie das nicht waren, ändern Sie sofort Ihr Passwort: Jemand kann sich bei Ihrem Konto anmelden.
