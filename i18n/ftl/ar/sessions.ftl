## قسم الجلسات في صفحة الأمان، و«تسجيل الخروج من الأماكن الأخرى».

sessions-heading = الأماكن التي سجّلت الدخول منها
sessions-device = الجهاز
sessions-ip = عنوان IP
sessions-signed-in = وقت تسجيل الدخول
sessions-last-active = آخر نشاط
sessions-browser-on-os = { $browser } على { $os }
sessions-this-device = هذا الجهاز
sessions-sign-out = تسجيل الخروج
sessions-revoke = إبطال
sessions-revoke-label = إبطال { $session }
sessions-logout-others = تسجيل الخروج من الأماكن الأخرى التي سجّلت الدخول منها
sessions-signed-out = { $count ->
        [0] لم تكن هناك أي جلسة أخرى مسجّلة الدخول.
        [one] سُجّل الخروج من جلسة أخرى واحدة.
        [two] سُجّل الخروج من جلستين أخريين.
        [few] سُجّل الخروج من { $count } جلسات أخرى.
        [many] سُجّل الخروج من { $count } جلسةً أخرى.
       *[other] سُجّل الخروج من { $count } جلسة أخرى.
    }
