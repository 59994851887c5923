## Shared widgets: copy buttons, the question before leaving unsaved changes, dates and times.

ui-copy = Copy
ui-copied = Copied
# Asked (by the browser's confirmation box) before a link leaves a form with unsaved changes.
ui-leave-unsaved = You have unsaved changes. Leave this page and lose them?

## Dates and times, always in UTC. The month names, full and short, are for the date below
## (a language may use either, or numbers).

ui-month-1 = January
ui-month-2 = February
ui-month-3 = March
ui-month-4 = April
ui-month-5 = May
ui-month-6 = June
ui-month-7 = July
ui-month-8 = August
ui-month-9 = September
ui-month-10 = October
ui-month-11 = November
ui-month-12 = December

ui-month-short-1 = Jan
ui-month-short-2 = Feb
ui-month-short-3 = Mar
ui-month-short-4 = Apr
ui-month-short-5 = May
ui-month-short-6 = Jun
ui-month-short-7 = Jul
ui-month-short-8 = Aug
ui-month-short-9 = Sep
ui-month-short-10 = Oct
ui-month-short-11 = Nov
ui-month-short-12 = Dec

# A date. $year (four digits) is text; $month (1 to 12) and $day (1 to 31) are numbers, to
# select a month's name or a written form on. English writes dates the ISO way: 2026-11-03.
ui-date = { $year }-{ $month ->
        [1] 01
        [2] 02
        [3] 03
        [4] 04
        [5] 05
        [6] 06
        [7] 07
        [8] 08
        [9] 09
       *[other] { $month }
    }-{ $day ->
        [1] 01
        [2] 02
        [3] 03
        [4] 04
        [5] 05
        [6] 06
        [7] 07
        [8] 08
        [9] 09
       *[other] { $day }
    }
# A time on the 24-hour clock: $hour and $minute have two digits each (09:05).
ui-time-24 = { $hour }:{ $minute }
# A time on the 12-hour clock: $hour is 1 to 12, $minute has two digits, $half is `am` (before
# noon) or `pm`.
ui-time-12 = { $hour }:{ $minute } { $half ->
        [am] AM
       *[pm] PM
    }
# A date and time: $date as ui-date writes it, $time as ui-time-24 or ui-time-12 does.
ui-date-time = { $date } { $time } UTC
