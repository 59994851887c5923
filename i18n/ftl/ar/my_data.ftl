## التفضيلات ← بياناتي (seed 003)، ورسالتها البريدية، والملف المُصدَّر (core/src/my_data.rs)

my-data-heading = بياناتي
my-data-intro = نزّل بياناتك بصيغة HTML أو صدّرها بصيغة JSON. أيًّا كان الخيار الذي تختاره، يُعالَج الطلب في قائمة انتظار، ويُرسَل رابط الملف المُصدَّر إلى بريدك الإلكتروني.
my-data-download = تنزيل بياناتي
my-data-export = تصدير بياناتي
my-data-html = HTML، للقراءة في المتصفح
my-data-json = JSON، للبرامج الأخرى
my-data-state-queued = في قائمة الانتظار: سيبدأ قريبًا.
my-data-state-running = جارٍ التحضير: { $percent }٪
my-data-state-ready = جاهز: أرسلنا إليك رابطًا بالبريد الإلكتروني. يعمل الرابط مرة واحدة فقط، وأنت مسجّل الدخول، حتى { $time }.
my-data-state-downloaded = تم التنزيل. حُذف الملف من الخادم.
my-data-state-expired = انتهت صلاحية الرابط وحُذف الملف.
my-data-state-failed = حدث خطأ ما. يُرجى الطلب مرة أخرى.
my-data-next = يمكنك طلب ذلك مرة أخرى بعد { $time }.
my-data-schema = يتبع ملف JSON مخططًا منشورًا
my-data-link-gone = انتهت صلاحية هذا الرابط إلى بياناتك أو سبق استخدامه. اطلب نسخة جديدة من التفضيلات، بياناتي.

error-my-data-format = اختر HTML أو JSON.
error-my-data-wait = يمكنك طلب ذلك مرة أخرى بعد { $time }.

mail-my-data-subject = بياناتك في Gatehouse جاهزة
mail-my-data-lead-html = نسخة بياناتك التي طلبتها جاهزة: صفحة HTML واحدة للقراءة في المتصفح.
mail-my-data-lead-json = نسخة بياناتك التي طلبتها جاهزة بصيغة JSON.
mail-my-data-action = تنزيل بياناتك
mail-my-data-tail = يعمل الرابط مرة واحدة فقط، ولمدة 24 ساعة، وما دمت مسجّل الدخول إلى Gatehouse فقط. إذا لم تطلب ذلك، فغيّر كلمة المرور فورًا.

my-data-title = بياناتي: { $username }
my-data-generated = أُنشئ في { $time }. لا يحتوي هذا الملف على أي كلمة مرور أو رمز وصول أو مفتاح أو رمز تحقق.
my-data-none = لا شيء
my-data-section-account = الحساب
my-data-section-preferences = التفضيلات
my-data-section-email-history = سجل عناوين البريد الإلكتروني
my-data-section-sessions = الجلسات
my-data-section-tokens = رموز الوصول الشخصية
my-data-section-two-factor = المصادقة الثنائية
my-data-section-organizations = المؤسسات
my-data-section-security-log = سجل الأمان
