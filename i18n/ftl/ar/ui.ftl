## عناصر مشتركة: أزرار النسخ، والسؤال قبل مغادرة تغييرات غير محفوظة، والتاريخ والوقت.

ui-copy = نسخ
ui-copied = تم النسخ
ui-leave-unsaved = لديك تغييرات غير محفوظة. هل تريد مغادرة هذه الصفحة وفقدانها؟

## التاريخ والوقت، دائمًا بالتوقيت العالمي المنسق (UTC).

ui-month-1 = يناير
ui-month-2 = فبراير
ui-month-3 = مارس
ui-month-4 = أبريل
ui-month-5 = مايو
ui-month-6 = يونيو
ui-month-7 = يوليو
ui-month-8 = أغسطس
ui-month-9 = سبتمبر
ui-month-10 = أكتوبر
ui-month-11 = نوفمبر
ui-month-12 = ديسمبر

ui-month-short-1 = يناير
ui-month-short-2 = فبراير
ui-month-short-3 = مارس
ui-month-short-4 = أبريل
ui-month-short-5 = مايو
ui-month-short-6 = يونيو
ui-month-short-7 = يوليو
ui-month-short-8 = أغسطس
ui-month-short-9 = سبتمبر
ui-month-short-10 = أكتوبر
ui-month-short-11 = نوفمبر
ui-month-short-12 = ديسمبر

# 23 نوفمبر 2026
ui-date = { $day } { $month ->
        [1] { ui-month-1 }
        [2] { ui-month-2 }
        [3] { ui-month-3 }
        [4] { ui-month-4 }
        [5] { ui-month-5 }
        [6] { ui-month-6 }
        [7] { ui-month-7 }
        [8] { ui-month-8 }
        [9] { ui-month-9 }
        [10] { ui-month-10 }
        [11] { ui-month-11 }
       *[12] { ui-month-12 }
    } { $year }
ui-time-24 = { $hour }:{ $minute }
# ص: قبل الظهر، م: بعد الظهر.
ui-time-12 = { $hour }:{ $minute } { $half ->
        [am] ص
       *[pm] م
    }
ui-date-time = { $date }، { $time } UTC
