## Gemeinsame Bausteine: Kopierknöpfe, die Rückfrage vor dem Verlassen ungespeicherter
## Änderungen, Datum und Uhrzeit.

ui-copy = Kopieren
ui-copied = Kopiert
ui-leave-unsaved = Sie haben ungespeicherte Änderungen. Diese Seite verlassen und die Änderungen verwerfen?

## Datum und Uhrzeit, immer in UTC.

ui-month-1 = Januar
ui-month-2 = Februar
ui-month-3 = März
ui-month-4 = April
ui-month-5 = Mai
ui-month-6 = Juni
ui-month-7 = Juli
ui-month-8 = August
ui-month-9 = September
ui-month-10 = Oktober
ui-month-11 = November
ui-month-12 = Dezember

ui-month-short-1 = Jan.
ui-month-short-2 = Feb.
ui-month-short-3 = März
ui-month-short-4 = Apr.
ui-month-short-5 = Mai
ui-month-short-6 = Juni
ui-month-short-7 = Juli
ui-month-short-8 = Aug.
ui-month-short-9 = Sept.
ui-month-short-10 = Okt.
ui-month-short-11 = Nov.
ui-month-short-12 = Dez.

# 23. Nov. 2026
ui-date = { $day }. { $month ->
        [1] { ui-month-short-1 }
        [2] { ui-month-short-2 }
        [3] { ui-month-short-3 }
        [4] { ui-month-short-4 }
        [5] { ui-month-short-5 }
        [6] { ui-month-short-6 }
        [7] { ui-month-short-7 }
        [8] { ui-month-short-8 }
        [9] { ui-month-short-9 }
        [10] { ui-month-short-10 }
        [11] { ui-month-short-11 }
       *[12] { ui-month-short-12 }
    } { $year }
ui-time-24 = { $hour }:{ $minute }
ui-time-12 = { $hour }:{ $minute } { $half ->
        [am] AM
       *[pm] PM
    }
ui-date-time = { $date }, { $time } UTC
