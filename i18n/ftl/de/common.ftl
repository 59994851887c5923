## Wörter, die jede Seite braucht.

common-product = Gatehouse
common-save = Speichern
common-save-changes = Änderungen speichern
common-cancel = Abbrechen
common-close = Schließen
common-delete = Löschen
common-remove = Entfernen
common-edit = Bearbeiten
common-back = Zurück
common-continue = Weiter
common-confirm = Bestätigen
common-loading = Wird geladen…
common-saving = Wird gespeichert…
common-saved = Gespeichert.
common-yes = Ja
common-no = Nein
common-on = An
common-off = Aus
common-never = Nie
common-none = Keine
common-optional = optional
common-required = erforderlich
common-language = Sprache
common-change-language = Sprache ändern
common-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
common-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tagen
}
common-characters = { $count ->
    [one] { $count } Zeichen
   *[other] { $count } Zeichen
}
