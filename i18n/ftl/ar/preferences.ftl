## التفضيلات (حسابي ← التفضيلات، الإدارة ← التفضيلات) ومعاينتها المباشرة.

## الأقسام.

pref-section-localization = اللغة والمنطقة
pref-section-appearance = المظهر
pref-section-presence = حالة التواجد
pref-section-notifications = الإشعارات
pref-section-messages = الرسائل
pref-section-highlights = الإبراز
pref-section-sound = الصوت

## الإعدادات.

pref-setting-language = اللغة
pref-setting-theme = السمة
pref-setting-enable-auto-away = تفعيل الغياب التلقائي
pref-setting-idle-time-limit = مهلة الخمول
pref-setting-desktop-notifications-require-interaction = عدم إغلاق إشعار سطح المكتب إلا بتفاعل منك
pref-setting-desktop-notifications-for = عرض إشعارات سطح المكتب لـ
pref-setting-push-notifications-for = إرسال الإشعارات الفورية لـ
pref-setting-offline-email-notifications = إشعارات البريد الإلكتروني عند عدم الاتصال
pref-setting-email-new-sign-ins = راسلني عند تسجيل الدخول من جهاز جديد
pref-setting-unread-tray-icon-alert = تنبيه أيقونة شريط المهام بالرسائل غير المقروءة
pref-setting-show-thread-messages-in-main-thread = عرض رسائل سلاسل الردود في المحادثة الرئيسية
pref-setting-time-format = تنسيق الوقت
pref-setting-use-emojis = استخدام الرموز التعبيرية
pref-setting-convert-ascii-to-emoji = تحويل رموز ASCII إلى رموز تعبيرية
pref-setting-auto-load-images = تحميل الصور تلقائيًا
pref-setting-save-mobile-bandwidth = توفير بيانات الجوال
pref-setting-collapse-embedded-media-by-default = طي الوسائط المضمّنة افتراضيًا
pref-setting-hide-usernames = إخفاء أسماء المستخدمين
pref-setting-hide-roles = إخفاء الأدوار
pref-setting-hide-right-sidebar-with-click = إخفاء الشريط الجانبي بنقرة
pref-setting-display-avatars = عرض الصور الرمزية
pref-setting-enter-key-behavior = سلوك مفتاح Enter
pref-setting-view-mode = وضع العرض
pref-setting-highlight-words = كلمات الإبراز
pref-setting-new-room-notification = إشعار غرفة جديدة
pref-setting-new-message-notification = إشعار رسالة جديدة
pref-setting-mute-focused-conversations = كتم صوت المحادثة المفتوحة أمامك
pref-setting-notifications-sound-volume = مستوى صوت الإشعارات

## التلميحات تحت عناصر التحكم.

pref-help-language = لغة هذه الصفحات ولغة رسائل البريد الإلكتروني التي يرسلها إليك Gatehouse.
pref-help-theme = يستخدم خيار «اتباع إعدادات النظام» الوضع الفاتح أو الداكن المضبوط على جهازك.
pref-help-enable-auto-away = يغيّر حالتك إلى «غائب» بعد مهلة الخمول المحددة أدناه.
pref-help-idle-time-limit = المدة التي تمر دون أي إدخال من لوحة المفاتيح أو المؤشر قبل أن تُعَدّ غائبًا.
pref-help-desktop-notifications-require-interaction = تبقى الإشعارات ظاهرة حتى تتعامل معها.
pref-help-email-new-sign-ins = رسالة عند تسجيل الدخول إلى حسابك من جهاز أو متصفح لم يُسجَّل الدخول منه من قبل. أما رسائل الأمان الأخرى (كلمة المرور والمصادقة الثنائية وعنوان البريد والرموز) فتُرسل دائمًا.
pref-help-highlight-words = افصل بين الكلمات أو العبارات بفاصلة (,). تُبرَز كل رسالة تحتوي على إحداها.
pref-help-notifications-sound-volume = ينطبق على جميع أصوات الإشعارات.
pref-email-needs-verification = لتلقي إشعارات البريد الإلكتروني، يجب عليك تأكيد عنوان بريدك الإلكتروني: استخدم «{ $button }» في صفحة ملفك الشخصي.

## الخيارات. تُسمّى اللغات بأسمائها في لغاتها، في كل الصفحات.

pref-choice-language-en = English
pref-choice-language-de = Deutsch
pref-choice-language-ar = العربية
pref-choice-theme-system = اتباع إعدادات النظام
pref-choice-theme-light = فاتح
pref-choice-theme-dark = داكن
pref-choice-notify-for-all = جميع الرسائل
pref-choice-notify-for-mentions = الإشارات
pref-choice-notify-for-nothing = لا شيء
pref-choice-email-notify-mentions = كل إشارة أو رسالة مباشرة
pref-choice-email-notify-nothing = غير مفعّل
pref-choice-time-format-24h = نظام 24 ساعة
pref-choice-time-format-12h = نظام 12 ساعة
pref-choice-enter-key-normal = الوضع العادي (الإرسال بمفتاح Enter)
pref-choice-enter-key-alternative = الوضع البديل (الإرسال بمفتاح Enter مع Ctrl/Alt/Shift/CMD)
pref-choice-enter-key-desktop = وضع سطح المكتب (الإرسال بمفتاح Enter على سطح المكتب فقط)
pref-choice-view-mode-normal = عادي
pref-choice-view-mode-cozy = مريح
pref-choice-view-mode-compact = مضغوط
pref-choice-sound-none = بلا صوت
pref-choice-sound-chime = رنين
pref-choice-sound-door = باب
pref-choice-sound-beep = صفير
pref-choice-sound-ding = دينغ
pref-choice-sound-droplet = قطرة
pref-choice-sound-highbell = جرس حاد
pref-choice-sound-seasons = الفصول
pref-choice-default = الافتراضي ({ $choice })

## رفض القيم.

pref-error-toggle-json = اختر التشغيل أو الإيقاف (true أو false).
pref-error-toggle = اختر التشغيل أو الإيقاف.
pref-error-number-range = أدخل عددًا صحيحًا من { $min } إلى { $max }.
pref-error-word-too-long = { $max ->
    [zero] لا يُسمح بأي حرف في الكلمة أو العبارة.
    [one] استخدم حرفًا واحدًا على الأكثر لكل كلمة أو عبارة.
    [two] استخدم حرفين على الأكثر لكل كلمة أو عبارة.
    [few] استخدم { $max } أحرف على الأكثر لكل كلمة أو عبارة.
    [many] استخدم { $max } حرفًا على الأكثر لكل كلمة أو عبارة.
   *[other] استخدم { $max } حرف على الأكثر لكل كلمة أو عبارة.
}
pref-error-word-comma = افصل بين الكلمات بفاصلة (,)؛ لا يمكن أن تحتوي الكلمة على فاصلة.
pref-error-word-characters = أزل أحرف التحكم والأحرف غير المرئية والأحرف التي تغيّر اتجاه النص.
pref-error-too-many-words = { $max ->
    [zero] لا يُسمح بأي كلمة أو عبارة.
    [one] استخدم كلمة أو عبارة واحدة على الأكثر.
    [two] استخدم كلمتين أو عبارتين على الأكثر.
    [few] استخدم { $max } كلمات أو عبارات على الأكثر.
    [many] استخدم { $max } كلمةً أو عبارةً على الأكثر.
   *[other] استخدم { $max } كلمة أو عبارة على الأكثر.
}
pref-error-word-list = قدّم قائمة من الكلمات.
pref-error-unknown-setting = إعداد غير معروف.
pref-error-choice-language = اختر أحد الخيارات التالية: English، Deutsch، العربية.
pref-error-choice-theme = اختر أحد الخيارات التالية: اتباع إعدادات النظام، فاتح، داكن.
pref-error-choice-notify-for = اختر أحد الخيارات التالية: جميع الرسائل، الإشارات، لا شيء.
pref-error-choice-email-notify = اختر أحد الخيارات التالية: كل إشارة أو رسالة مباشرة، غير مفعّل.
pref-error-choice-time-format = اختر أحد الخيارات التالية: نظام 24 ساعة، نظام 12 ساعة.
pref-error-choice-enter-key = اختر أحد الخيارات التالية: الوضع العادي (الإرسال بمفتاح Enter)، الوضع البديل (الإرسال بمفتاح Enter مع Ctrl/Alt/Shift/CMD)، وضع سطح المكتب (الإرسال بمفتاح Enter على سطح المكتب فقط).
pref-error-choice-view-mode = اختر أحد الخيارات التالية: عادي، مريح، مضغوط.
pref-error-choice-sound = اختر أحد الخيارات التالية: بلا صوت، رنين، باب، صفير، دينغ، قطرة، جرس حاد، الفصول.

## النموذج.

pref-intro-mine = الإعدادات التي لا تغيّرها تتبع الإعدادات الافتراضية للخادم.
pref-intro-server = هذا ما يحصل عليه كل من لم يختر بنفسه. تبقى اختيارات كل شخص كما هي، ويصل أي تغيير في الإعداد الافتراضي إلى الجميع فورًا.
pref-saved-mine = تم حفظ تفضيلاتك.
pref-saved-server = تم حفظ الإعدادات الافتراضية للخادم.
pref-reset-done = أُعيد القسم إلى إعداداته الافتراضية.
pref-reset = إعادة التعيين إلى الافتراضي
pref-reset-section = إعادة تعيين «{ $section }» إلى الافتراضي
pref-unit-seconds = ثانية
pref-volume-value = { $volume }٪
pref-highlight-count = { $count } من أصل { $max ->
        [one] كلمة أو عبارة واحدة
        [two] كلمتين أو عبارتين
        [few] { $max } كلمات أو عبارات
        [many] { $max } كلمةً أو عبارةً
       *[other] { $max } كلمة أو عبارة
    } على الأكثر، بحد أقصى { $chars ->
        [one] حرف واحد
        [two] حرفين
        [few] { $chars } أحرف
        [many] { $chars } حرفًا
       *[other] { $chars } حرف
    } لكل منها.
pref-play = تشغيل
pref-play-label = تشغيل { $sound }

## إشعارات سطح المكتب.

pref-desktop-notifications = إشعارات سطح المكتب
pref-test-notification = اختبار إشعار سطح المكتب
pref-test-notification-hint = يعرض كيف ستظهر الإشعارات على هذا الجهاز. سيطلب متصفحك الإذن أولًا.
pref-notification-denied = الإشعارات محظورة لهذا الموقع. للسماح بها، افتح إعدادات الموقع في متصفحك (الأيقونة المجاورة للعنوان)، واضبط الإشعارات على «السماح»، ثم حاول مرة أخرى.
pref-notification-unsupported = لا يستطيع هذا المتصفح عرض إشعارات سطح المكتب.
pref-notification-body = هكذا تبدو الإشعارات الواردة من Gatehouse.
pref-notification-shown = تم عرض إشعار تجريبي: «{ $title } — { $body }»
pref-notification-failed = لم يعرض المتصفح الإشعار.
pref-notification-no-script = تحتاج إشعارات سطح المكتب إلى البرنامج النصي للصفحة.

## المعاينة المباشرة.

pref-preview-title = معاينة
pref-preview-hint = محادثة نموذجية تُظهر أثر الإعدادات أثناء تغييرها، قبل الحفظ.
pref-preview-reactions = التفاعلات
pref-preview-thread-replies = { $count ->
    [zero] لا ردود في سلسلة الرسائل
    [one] ردّ واحد في سلسلة الرسائل
    [two] ردّان في سلسلة الرسائل
    [few] { $count } ردود في سلسلة الرسائل
    [many] { $count } ردًّا في سلسلة الرسائل
   *[other] { $count } ردّ في سلسلة الرسائل
}
pref-preview-replied-in-thread = ردّ في سلسلة رسائل { $name }
pref-preview-you = أنت
pref-preview-enter-normal = مفتاح Enter للإرسال · Shift+Enter لسطر جديد
pref-preview-enter-alternative = للإرسال: Ctrl أو Alt أو Shift أو ⌘ مع Enter · مفتاح Enter لسطر جديد
pref-preview-enter-desktop = مفتاح Enter للإرسال على سطح المكتب · على الهاتف يُرسل زر «إرسال»
pref-preview-tray-unread = أيقونة شريط المهام: { $count ->
        [zero] لا رسائل غير مقروءة
        [one] رسالة واحدة غير مقروءة
        [two] رسالتان غير مقروءتين
        [few] { $count } رسائل غير مقروءة
        [many] { $count } رسالةً غير مقروءة
       *[other] { $count } رسالة غير مقروءة
    }
pref-preview-tray-quiet = أيقونة شريط المهام: بلا تنبيه
pref-preview-data-saver = توفير البيانات مفعّل
pref-preview-members = الأعضاء
pref-preview-sidebar-closes = يُغلق عند النقر على المحادثة.
pref-preview-sidebar-stays = يبقى مفتوحًا حتى تغلقه.
pref-preview-composer-label = رسالة
pref-preview-composer-placeholder = رسالة إلى #{ $room }
pref-preview-send = إرسال
pref-preview-load-image = تحميل الصورة

## المحادثة النموذجية في المعاينة. تبقى الوجوه التعبيرية كما هي، كلٌّ منها بين مسافتين:
## تحوّلها المعاينة إلى رموز تعبيرية.

pref-sample-room = الإصدار
pref-sample-image-name = صفحة-الدخول.png
pref-sample-image-alt = لقطة شاشة لصفحة تسجيل الدخول
pref-sample-ada-name = آدا لوفلايس
pref-sample-ada-initials = آ
pref-sample-ada-text = صباح الخير :) النسخة المرشّحة للإصدار جاهزة للمراجعة.
pref-sample-grace-name = غريس هوبر
pref-sample-grace-initials = غ
pref-sample-grace-text = هذه صفحة تسجيل الدخول الجديدة :D
pref-sample-katherine-name = كاثرين جونسون
pref-sample-katherine-initials = ك
pref-sample-katherine-text = تبدو جيدة <3 لننشر الإصدار ;)
pref-sample-role-admin = مسؤول
pref-sample-role-moderator = مشرف
