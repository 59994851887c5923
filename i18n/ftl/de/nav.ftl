## Die Kopfzeile jeder Seite und die Seite für Adressen, die ins Leere führen.

nav-guest-label = Konto
nav-sign-in = Anmelden
nav-create-account = Konto erstellen
nav-not-found = Seite nicht gefunden
nav-back-home = Zurück zu Gatehouse
