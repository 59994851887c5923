## Die Support-PIN auf der Sicherheitsseite (Seed 004: „Support-PIN festlegen“).

pin-heading = Support-PIN festlegen
pin-intro = Der Support fragt nach dieser PIN, um zu bestätigen, dass es sich bei einem Anrufer um Sie handelt. Sie können sie jederzeit ändern; niemand, auch nicht der Support, kann sie sehen.
pin-label = PIN
# Unter dem PIN-Feld: die Regeln, die für eine neue PIN gelten.
pin-hint = { $min } bis { $max } Ziffern, nicht leicht zu erraten wie 1234 oder 0000.
pin-submit = Support-PIN festlegen
pin-saved = Ihre Support-PIN ist festgelegt.
pin-removed = Ihre Support-PIN wurde entfernt.
pin-remove = Support-PIN entfernen
# Gefolgt von Datum und Uhrzeit, zu der die PIN festgelegt wurde.
pin-last-set = Zuletzt festgelegt:
pin-none = Es ist keine Support-PIN festgelegt.

## Der Support-Desk (Support-Mitarbeiter und Administratoren).

support-page-title = Support-Desk · Gatehouse
support-heading = Support-Desk
support-intro = Suchen Sie ein Konto über seinen Benutzernamen oder seine E-Mail-Adresse und prüfen Sie dann die Support-PIN, die Ihnen der Anrufer nennt. Sie erfahren nur, ob sie übereinstimmt, nie die PIN selbst.
support-not-staff = Nur Support-Mitarbeiter und Administratoren können den Support-Desk öffnen.
support-query-label = Benutzername oder E-Mail-Adresse
support-look-up = Suchen
support-name = Name
support-email = E-Mail
support-email-verified = (bestätigt)
support-email-unverified = (nicht bestätigt)
support-member-since = Mitglied seit
support-state = Konto
support-state-active = Aktiv
support-state-disabled = Von einem Administrator deaktiviert
support-state-deletion-pending = Löschung vom Inhaber beantragt
support-pin = Support-PIN
support-pin-is-set = Festgelegt
support-pin-not-set = Nicht festgelegt
support-pin-said = PIN, die der Anrufer nennt
support-pin-said-hint = Die Zahl der Prüfungen ist begrenzt, und jede Prüfung wird dem Inhaber des Kontos per E-Mail mitgeteilt.
support-check-pin = PIN prüfen
support-verdict-matches = Die PIN stimmt überein.
support-verdict-no-match = Die PIN stimmt nicht überein.
support-verdict-none = Dieses Konto hat keine Support-PIN.
