## المصادقة الثنائية: قسم صفحة الأمان، ومساعد الإعداد، والرموز الاحتياطية، والخطوة الثانية
## من تسجيل الدخول، و«أكّد هويتك»، وإعدادات المشرفين.

twofactor-heading = المصادقة الثنائية
twofactor-page-title = المصادقة الثنائية · Gatehouse

## حقلا كلمة المرور والرمز في التأكيد (تُسمّى الطرق في errors.ftl).

twofactor-confirm-with = التأكيد باستخدام
twofactor-code = الرمز
twofactor-password = كلمة المرور

## الرموز الاحتياطية.

twofactor-backup-codes-region = الرموز الاحتياطية
twofactor-backup-codes-heading = رموزك الاحتياطية
twofactor-backup-codes-save-now = احفظ هذه الرموز في مكان آمن الآن: فهي لا تُعرض إلا هذه المرة فقط. يتيح لك كل رمز منها تسجيل الدخول مرة واحدة إذا فقدت تطبيق المصادقة.
twofactor-copy-backup-codes = نسخ الرموز الاحتياطية
twofactor-download = تنزيل
twofactor-backup-codes-done = تم: لقد حفظتها
twofactor-backup-file-heading = الرموز الاحتياطية لـ Gatehouse. يعمل كل رمز مرة واحدة.
twofactor-backup-codes-gone = لا تُعرض الرموز الاحتياطية إلا مرة واحدة. إذا لم تحفظها، فأنشئ رموزًا جديدة باستخدام «إعادة إنشاء الرموز».
twofactor-backup-codes-left = { $count ->
    [zero] لم يتبقَّ أي رمز احتياطي.
    [one] تبقّى رمز احتياطي واحد.
    [two] تبقّى رمزان احتياطيان.
    [few] تبقّت { $count } رموز احتياطية.
    [many] تبقّى { $count } رمزًا احتياطيًا.
   *[other] تبقّى { $count } رمز احتياطي.
}
twofactor-backup-codes-low = أنشئ رموزًا جديدة قبل أن تنفد.
twofactor-regenerate-codes = إعادة إنشاء الرموز

## قسم صفحة الأمان.

twofactor-forced = يشترط مشرفك تفعيل المصادقة الثنائية لهذا الحساب. أعدّ تطبيق مصادقة للمتابعة.
twofactor-reauth-intro-on = المصادقة الثنائية مفعّلة. أكّد كلمة المرور لإدارتها.
twofactor-reauth-intro-off = المصادقة الثنائية غير مفعّلة. أكّد كلمة المرور لإدارتها.
twofactor-confirm-first = أكّد كلمة المرور أولًا: سيُفتح بعدها مساعد إعداد المصادقة الثنائية.
twofactor-code-sent = رمز في طريقه إلى عنوان بريدك الإلكتروني.
twofactor-send-code = إرسال رمز عبر البريد الإلكتروني
twofactor-send-new-code = إرسال رمز جديد
twofactor-app-heading = تطبيق المصادقة (TOTP)
twofactor-email-heading = البريد الإلكتروني
twofactor-totp-on = المصادقة الثنائية عبر TOTP مفعّلة.
twofactor-disable-totp = تعطيل المصادقة الثنائية عبر TOTP
twofactor-email-on = المصادقة الثنائية عبر البريد الإلكتروني مفعّلة.
twofactor-disable-email = تعطيل المصادقة الثنائية عبر البريد الإلكتروني
twofactor-email-intro = احصل على رمز عبر البريد الإلكتروني عند تسجيل الدخول.
twofactor-email-verify-first = تحقّق من عنوان بريدك الإلكتروني في صفحة الملف الشخصي أولًا.
twofactor-enable-email = تفعيل المصادقة الثنائية عبر البريد الإلكتروني

## مساعد الإعداد.

twofactor-totp-intro = استخدم تطبيقًا مثل Google Authenticator أو Authy أو Duo للحصول على رمز عند تسجيل الدخول.
twofactor-enable-assistant = تفعيل المصادقة الثنائية
twofactor-enable-totp = تفعيل المصادقة الثنائية عبر TOTP
twofactor-assistant-title = مساعد إعداد المصادقة الثنائية
twofactor-step-count = الخطوة { $step } من { $total }
twofactor-step-app = ثبّت تطبيق مصادقة على هاتفك: Google Authenticator أو Authy أو Duo أو أي تطبيق للرموز المستندة إلى الوقت (TOTP)، من متجر Google Play أو متجر App Store من Apple.
twofactor-step-app-hint = يحتاج التطبيق إلى الكاميرا لمسح رمز QR، ويجب أن يضبط هاتفك الوقت تلقائيًا.
twofactor-next = التالي
twofactor-step-scan = امسح رمز QR هذا باستخدام تطبيق المصادقة:
twofactor-qr-alt = رمز QR لتطبيق المصادقة
twofactor-key-by-hand = أو أدخل هذا المفتاح يدويًا:
twofactor-copy-key = نسخ المفتاح
twofactor-step-scan-then = ثم أدخل الرمز المكوّن من ستة أرقام الذي يعرضه التطبيق في الحقل أدناه واختر «تحقّق»، أو تابع باختيار «التالي».
twofactor-step-token = أدخل الرمز المكوّن من ستة أرقام الذي يعرضه التطبيق الآن، ثم اختر «تحقّق».
twofactor-security-token = رمز الأمان (الرمز من تطبيق المصادقة)
twofactor-verify = تحقّق

## الخطوة الثانية من تسجيل الدخول.

twofactor-signin-totp = افتح تطبيق المصادقة وأدخل الرمز الذي يعرضه لـ Gatehouse.
twofactor-signin-email = أدخل الرمز المكوّن من ستة أرقام الذي أرسلناه إلى عنوان بريدك الإلكتروني. يبقى صالحًا لمدة 10 دقائق.
twofactor-signin-backup = أدخل أحد رموزك الاحتياطية. يعمل كل رمز مرة واحدة.
twofactor-use-app = استخدام تطبيق المصادقة
twofactor-use-backup = استخدام رمز احتياطي
twofactor-sign-in-again = سجّل الدخول مرة أخرى

## «أكّد هويتك» (إعادة المصادقة قبل التغييرات الحساسة).

twofactor-confirm-its-you = أكّد هويتك
twofactor-confirm-its-you-intro = تتطلب التغييرات في هذه الصفحة إدخال كلمة المرور مرة أخرى (ورمزًا إذا كنت تستخدم المصادقة الثنائية). وتبقى متاحة لمدة عشر دقائق.

## الإدارة ← المصادقة الثنائية.

twofactor-settings-saved = تم حفظ إعدادات المصادقة الثنائية.
twofactor-settings-enabled = المصادقة الثنائية مفعّلة على هذا الخادم
twofactor-settings-enabled-hint = عند تعطيلها، تُخفيها صفحة الأمان ولا يطلب تسجيل الدخول خطوة ثانية. ويُحتفظ بالتسجيلات القائمة.
twofactor-settings-email-by-default = رموز البريد الإلكتروني مفعّلة افتراضيًا للعناوين الموثّقة
