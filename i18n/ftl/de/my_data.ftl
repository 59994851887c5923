## Einstellungen → Meine Daten (seed 003), die zugehörige E-Mail und die exportierte Datei (core/src/my_data.rs)

my-data-heading = Meine Daten
my-data-intro = Laden Sie Ihre Daten als HTML herunter oder exportieren Sie sie als JSON. Welche Option Sie auch wählen: Die Anfrage wird in einer Warteschlange bearbeitet, und ein Link zur exportierten Datei wird an Ihre E-Mail-Adresse gesendet.
my-data-download = Meine Daten herunterladen
my-data-export = Meine Daten exportieren
my-data-html = HTML, zum Lesen im Browser
my-data-json = JSON, für andere Programme
my-data-state-queued = In der Warteschlange: Es geht in Kürze los.
my-data-state-running = Wird vorbereitet: { $percent } %
my-data-state-ready = Bereit: Wir haben Ihnen einen Link per E-Mail gesendet. Er kann bis { $time } einmal verwendet werden, solange Sie angemeldet sind.
my-data-state-downloaded = Heruntergeladen. Die Datei wurde vom Server gelöscht.
my-data-state-expired = Der Link ist abgelaufen, und die Datei wurde gelöscht.
my-data-state-failed = Etwas ist schiefgegangen. Bitte fordern Sie Ihre Daten erneut an.
my-data-next = Sie können dies nach { $time } erneut anfordern.
my-data-schema = Das JSON folgt einem veröffentlichten Schema
my-data-link-gone = Dieser Link zu Ihren Daten ist abgelaufen oder wurde bereits verwendet. Fordern Sie unter Einstellungen, Meine Daten eine neue Kopie an.

error-my-data-format = Wählen Sie HTML oder JSON.
error-my-data-wait = Sie können dies nach { $time } erneut anfordern.

mail-my-data-subject = Ihre Gatehouse-Daten sind bereit
mail-my-data-lead-html = Die von Ihnen angeforderte Kopie Ihrer Daten ist bereit: eine HTML-Seite zum Lesen im Browser.
mail-my-data-lead-json = Die von Ihnen angeforderte Kopie Ihrer Daten ist bereit, als JSON.
mail-my-data-action = Ihre Daten herunterladen
mail-my-data-tail = Der Link ist 24 Stunden lang gültig, kann nur einmal verwendet werden und funktioniert nur, solange Sie bei Gatehouse angemeldet sind. Wenn Sie dies nicht angefordert haben, ändern Sie sofort Ihr Passwort.

my-data-title = Meine Daten: { $username }
my-data-generated = Erstellt am { $time }. Diese Datei enthält keine Passwörter, Tokens, Schlüssel oder Codes.
my-data-none = Keine
my-data-section-account = Konto
my-data-section-preferences = Einstellungen
my-data-section-email-history = Verlauf der E-Mail-Adressen
my-data-section-sessions = Sitzungen
my-data-section-tokens = Persönliche Zugriffstokens
my-data-section-two-factor = Zwei-Faktor-Authentifizierung
my-data-section-organizations = Organisationen
my-data-section-security-log = Sicherheitsprotokoll
