## Die Seite „Persönliche Zugriffstokens“: ein Token hinzufügen (einmal angezeigt), die Liste,
## neu erzeugen, löschen.

tokens-your-password = Ihr Passwort
tokens-new-token = Neues Token
tokens-made = Das Token „{ $name }“ wurde erstellt. Kopieren Sie es jetzt: Es kann nicht erneut angezeigt werden.
tokens-user-id = Benutzer-ID
tokens-copy-user-id = Benutzer-ID kopieren
tokens-token = Token
tokens-copy-token = Token kopieren
tokens-done = Fertig

## Ein Token hinzufügen.

tokens-add-heading = Token hinzufügen
tokens-name = Name des Tokens
tokens-ignore-two-factor = Zwei-Faktor-Authentifizierung ignorieren
tokens-ignore-two-factor-hint = Aufrufe, die Ihr Passwort, Ihre E-Mail-Adresse oder Ihre Tokens ändern, benötigen dann keinen Code. Aktivieren Sie dies nur für einen Client, der Sie nicht nach einem Code fragen kann.
tokens-access = Zugriff
tokens-read-write = Lesen und schreiben
tokens-read-only = Nur lesen
tokens-expires = Läuft ab
tokens-add = Hinzufügen
tokens-send-code = Code per E-Mail senden

## Die Liste.

tokens-list-heading = Ihre Tokens
tokens-none = Sie haben keine Tokens.
tokens-col-name = Name
tokens-col-created = Erstellt
tokens-col-last-used = Zuletzt verwendet
tokens-col-two-factor = Zwei-Faktor
tokens-col-ends-with = Endet mit
tokens-last-used-from = von { $ip }
tokens-two-factor-ignored = Ignoriert
tokens-two-factor-required = Erforderlich
tokens-regenerate = Neu erzeugen
tokens-regenerate-label = { $name } neu erzeugen
tokens-regenerate-token = Token neu erzeugen
tokens-delete-label = { $name } löschen
tokens-delete-warning = Clients, die dieses Token verwenden, funktionieren sofort nicht mehr.
tokens-delete-token = Token löschen
