## Organisationen (Arbeitsbereiche): Mein Konto → Organisationen, die Seite einer Organisation, ihre Seite
## „Benutzer & Gruppen“ (Seed 004: „2-Faktor-Authentifizierung erzwingen“, „Speichern“) und die Seite einer Einladung.

org-title = Organisationen
org-intro = Arbeitsbereiche, die Ihnen gehören oder denen Sie angehören. Ihre Inhaber und Administratoren können Regeln für ihre Mitglieder festlegen.
org-yours = Ihre Organisationen
org-none = Sie gehören noch keiner Organisation an.
# Nach „Organisation erstellen“: der Name der neuen Organisation, dann ein Link, um sie zu öffnen.
org-created = { $name } wurde erstellt.
org-open = Öffnen
org-create-heading = Organisation erstellen
org-create = Organisation erstellen
org-name = Name der Organisation
org-slug = Adresse
org-slug-hint = 3 bis 40 Kleinbuchstaben, Ziffern und Bindestriche; Teil der Links der Organisation. Sie kann später nicht mehr geändert werden.
org-column-name = Organisation
org-column-role = Rolle
org-column-members = Mitglieder
org-column-contract = Vertrag
org-locked = Gesperrt
org-locked-reason = Diese Organisation ist nur für Mitglieder sichtbar, die die Zwei-Faktor-Authentifizierung nutzen.
org-locked-set-up = Richten Sie sie auf der Sicherheitsseite ein.
org-role-owner = Inhaber
org-role-admin = Administrator
org-role-member = Mitglied
org-plan-free = Kostenloser Tarif
org-plan-paid = Kostenpflichtiger Tarif
org-contract-active = aktiv
org-contract-cancelled = gekündigt
org-contract-ended = beendet
# Gefolgt von einem Datum.
org-contract-until = bis
org-no-contract = Kein Vertrag

## Die Seite einer Organisation.

org-page-title = { $name } · Organisationen · Gatehouse
org-nav-label = Organisation
org-all = Alle Organisationen
org-overview = Übersicht
org-users-groups = Benutzer & Gruppen
org-your-role = Ihre Rolle
org-visibility = Sichtbarkeit
org-visible-all = Für alle Mitglieder sichtbar
org-visible-two-factor = Nur für Mitglieder mit Zwei-Faktor-Authentifizierung sichtbar
org-settings-heading = Einstellungen
org-visibility-intro = Mitglieder ohne Zwei-Faktor-Authentifizierung sehen die Organisation als gesperrt aufgeführt und können sie erst öffnen, wenn sie diese eingerichtet haben.
org-visible-two-factor-label = Nur für Mitglieder mit Zwei-Faktor-Authentifizierung sichtbar
org-visibility-needs-two-factor = Richten Sie zuerst die Zwei-Faktor-Authentifizierung für Ihr eigenes Konto ein.
org-policy-heading = Passwortregeln für Mitglieder
org-policy-intro = Regeln, die das Passwort jedes Mitglieds über die des Servers hinaus erfüllen muss. Für jedes Mitglied gelten jeweils die strengsten Regeln des Servers und aller Organisationen, denen es angehört.
org-policy-set = Diese Organisation legt Passwortregeln für ihre Mitglieder fest.
org-policy-none = Diese Organisation legt keine eigenen Passwortregeln fest.
org-policy-save = Regeln speichern
org-policy-saved = Die Regeln wurden gespeichert. Sie gelten ab der nächsten Passwortänderung der Mitglieder.
org-policy-clear = Regeln entfernen
org-leave-heading = Organisation verlassen
org-leave-intro = Sie verlieren den Zugriff auf die Organisation. Ein Inhaber oder Administrator kann Sie erneut einladen.
org-leave-last-owner = Sie sind der einzige Inhaber: Machen Sie ein anderes Mitglied zum Inhaber, bevor Sie die Organisation verlassen.
org-leave = Organisation verlassen
org-delete-heading = Organisation löschen
org-delete-intro = Löscht die Organisation, ihre Mitgliedschaften und ihre Einladungen sofort. Nicht möglich, solange ihr Vertrag läuft.
# Die Beschriftung des Feldes, in das der Inhaber zur Bestätigung die Adresse der Organisation eingibt.
org-delete-confirm = Geben Sie zur Bestätigung { $slug } ein
org-delete = Organisation löschen

## Benutzer & Gruppen.

org-users-page-title = Benutzer & Gruppen · { $name } · Gatehouse
org-user-manager = Benutzerverwaltung
org-filter-label = Anzeigen
org-filter-all = Alle Mitglieder
org-filter-without-two-factor = Ohne Zwei-Faktor-Authentifizierung ({ $count })
org-no-members-here = Kein Mitglied entspricht der Auswahl.
# Der Link auf dem Benutzernamen eines Mitglieds: das Mitglied auswählen.
org-select-member = { $username } auswählen
org-member-heading = Mitglied { $username }
org-meta-data = Metadaten
org-force-two-factor = 2-Faktor-Authentifizierung erzwingen
org-force-two-factor-hint = Das Mitglied muss die Zwei-Faktor-Authentifizierung einrichten, bevor es sein Konto nutzen kann. Sie können sie nicht für das Mitglied einrichten.
org-save = Speichern
org-member-saved = Gespeichert.
org-remove-member = Aus der Organisation entfernen
org-invite-heading = Mitglied einladen
org-invite-intro = Der Einladungslink ist 7 Tage lang gültig, kann nur einmal verwendet werden und gilt für das Konto mit dieser E-Mail-Adresse.
org-invite-email = E-Mail
org-invite = Einladen
org-invite-sent = Die Einladung wurde gesendet.
org-invitations-open = Offene Einladungen
org-invited-by = Eingeladen von
org-invitation-expires = Läuft ab
org-withdraw = Zurückziehen
org-withdraw-for = Einladung an { $email } zurückziehen

## Die Seite einer Einladung.

org-invitation-title = Einladung
# Wer einlädt, in welche Organisation, mit welcher Rolle.
org-invitation-lead = { $inviter } hat Sie eingeladen, { $org } als { $role } beizutreten.
org-invitation-expires-at = Die Einladung ist gültig bis:
org-invitation-sign-in = Melden Sie sich mit { $email } an oder erstellen Sie ein Konto mit dieser Adresse, um die Einladung anzunehmen. Danach kehren Sie hierher zurück.
org-invitation-other-account = Diese Einladung gilt für { $email }, aber Sie sind als { $me } angemeldet. Melden Sie sich mit dem Konto dieser Adresse an, um sie anzunehmen.
org-invitation-member-already = Sie sind bereits Mitglied dieser Organisation.
org-invitation-invalid = Diese Einladung ist ungültig, wurde zurückgezogen oder ist abgelaufen. Fordern Sie eine neue an.
org-accept = Einladung annehmen
org-joined = Sie sind { $name } beigetreten.
org-someone = Jemand

## Was Organisationen vom Konto verlangen (die Sicherheitsseite).

org-rules-heading = Die Regeln Ihrer Organisationen
org-rules-intro = Ihr Passwort muss die strengsten Regeln des Servers und aller Organisationen erfüllen, denen Sie angehören.
# Gefolgt von der Liste ihrer Regeln.
org-rules-asks = { $org } verlangt:
org-rules-forces = { $org } verlangt die Zwei-Faktor-Authentifizierung für Ihr Konto.
