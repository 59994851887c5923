## Der E-Mail-Bereich der Profilseite und die Seite, die ein zugesandter Link öffnet.

email-heading = E-Mail
email-verified = Bestätigt
email-not-verified = Nicht bestätigt
email-pending = Ein Bestätigungslink wurde an { $address } gesendet. Ihre Adresse ändert sich, sobald er geöffnet wird.
email-cancel-change-label = Änderung zu { $address } abbrechen
email-resend = Bestätigungs-E-Mail erneut senden
email-resent = Ein neuer Bestätigungslink ist unterwegs. Frühere Links funktionieren nicht mehr.
email-change-heading = E-Mail-Adresse ändern
email-change-sent = Prüfen Sie die neue Adresse: Die Änderung wird wirksam, sobald Sie den Link öffnen, den wir dorthin gesendet haben.
email-field-new = Neue E-Mail-Adresse
email-field-password = Ihr Passwort
email-change-submit = E-Mail ändern

email-verify-title = E-Mail-Adresse bestätigen · Gatehouse
email-verify-heading = Bestätigen Sie Ihre E-Mail-Adresse
email-verify-submit = E-Mail-Adresse bestätigen
email-verify-done = Ihre E-Mail-Adresse ist bestätigt.
email-go-to-profile = Zu Ihrem Profil
