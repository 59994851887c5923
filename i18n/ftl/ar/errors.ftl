## ما يرفضه الخادم ولماذا: بجوار حقل أو أعلى النموذج.

## أنواع الأخطاء.

error-unauthenticated = يُرجى تسجيل الدخول للمتابعة.
error-forbidden = غير مسموح لك بذلك.
error-check-form = يُرجى مراجعة النموذج.
error-invalid-credentials = اسم المستخدم/البريد الإلكتروني أو كلمة المرور غير صحيحة.
error-invalid-code = هذا الرمز غير صالح.
error-incorrect-password = كلمة المرور الحالية غير صحيحة.
error-rate-limited = محاولات كثيرة جدًا. أعد المحاولة بعد { $minutes ->
    [one] دقيقة
    [two] دقيقتين
    [few] { $minutes } دقائق
    [many] { $minutes } دقيقة
   *[other] { $minutes } دقيقة
}.
error-not-found = غير موجود.
error-invalid-link = هذا الرابط غير صالح أو منتهي الصلاحية. اطلب رابطًا جديدًا.
error-password-expired = انتهت صلاحية كلمة المرور. اختر كلمة مرور جديدة للمتابعة.
error-sign-in-expired = انتهت صلاحية تسجيل الدخول. سجّل الدخول مرة أخرى.
error-reauthentication-required = أكّد هويتك أولًا: أدخل كلمة المرور مرة أخرى (ورمزًا أيضًا إن كنت تستخدم المصادقة الثنائية).
error-two-factor-setup-required = يشترط المسؤول استخدام المصادقة الثنائية. فعّلها للمتابعة.
error-two-factor-required = يتطلب هذا الطلب عاملًا ثانيًا: أرسل X-2fa-Method و X-2fa-Code.
error-two-factor-required-login = أرسل الرمز: POST /api/v1/auth/login مع pending و method و code.
error-bad-request = تعذّر فهم الطلب.
error-method-not-allowed = هذا العنوان لا يقبل هذه الطريقة.
error-network = تعذّر الوصول إلى الخادم. تحقّق من اتصالك وأعد المحاولة.
error-internal = حدث خطأ من جانبنا. يُرجى إعادة المحاولة.
error-page-failed = حدث خطأ من جانبنا.
error-cross-site = رُفض طلب وارد من موقع آخر.
error-body-shape = محتوى الطلب ليس بالشكل المتوقع: { $detail }
error-unexpected-field = حقل غير متوقع `{ $name }`: أرسل { $fields }.

## حقول الحساب.

error-email-empty = أدخل عنوان بريدك الإلكتروني.
error-email-invalid = أدخل عنوان بريد إلكتروني مثل name@example.com.
error-email-unavailable = عنوان البريد الإلكتروني هذا غير صالح أو مستخدم بالفعل.
error-email-unchanged = هذا هو عنوان بريدك الإلكتروني بالفعل.
error-email-already-verified = تم التحقق من عنوان بريدك الإلكتروني بالفعل.
error-email-taken-since = أصبح هذا العنوان مستخدمًا في حساب آخر.
error-email-codes-need-verified = تحقّق من عنوان بريدك الإلكتروني أولًا: لا تُرسَل الرموز إلا إلى عنوان تم التحقق منه.
error-email-notifications-need-verified = تحقّق من عنوان بريدك الإلكتروني أولًا: لا تُرسَل إشعارات البريد الإلكتروني إلا إلى عنوان تم التحقق منه.
error-username-empty = اختر اسم مستخدم.
error-username-length = استخدم من { $min } إلى { $max } { $max ->
    [few] أحرف
    [many] حرفًا
   *[other] حرف
}.
error-username-characters = استخدم الأحرف والأرقام والنقاط والشرطات والشرطات السفلية فقط.
error-username-start = ابدأ بحرف أو رقم.
error-username-taken = اسم المستخدم هذا محجوز.
error-username-or-email-taken = اسم المستخدم أو عنوان البريد الإلكتروني هذا مستخدم بالفعل.
error-name-empty = أدخل اسمك.
error-too-long = استخدم { $count ->
    [one] حرفًا واحدًا
    [two] حرفين
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأكثر.
error-control-characters = أزل أحرف التحكم.
error-one-line = استخدم سطرًا واحدًا بلا أحرف تحكم.
error-deceptive-characters = أزل الأحرف غير المرئية أو التي تغيّر اتجاه النص.
error-status-choose = اختر متصل أو بعيد أو مشغول أو غير متصل.
error-presence-report = أبلغ بالحالة online أو away.

## الحالة التي يختارها الشخص في ملفه الشخصي.

error-status-online = متصل
error-status-away = بعيد
error-status-busy = مشغول
error-status-offline = غير متصل

## تسجيل الدخول وكلمات المرور.

error-enter-identifier = أدخل اسم المستخدم أو عنوان البريد الإلكتروني.
error-enter-password = أدخل كلمة المرور.
error-enter-current-password = أدخل كلمة المرور الحالية.
error-enter-current-password-bounded = أدخل كلمة المرور الحالية ({ $count ->
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأكثر).
error-identifier-too-long = لا يوجد اسم مستخدم أو عنوان بريد إلكتروني بهذا الطول ({ $count ->
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأكثر).
error-password-too-long = لا توجد كلمة مرور بهذا الطول ({ $count ->
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأكثر).
error-passwords-differ = كلمتا المرور غير متطابقتين.
error-password-too-short = استخدم { $count ->
    [one] حرفًا واحدًا
    [two] حرفين
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأقل.
error-password-no-lower = أضف حرفًا صغيرًا.
error-password-no-upper = أضف حرفًا كبيرًا.
error-password-no-digit = أضف رقمًا.
error-password-no-symbol = أضف رمزًا (ليس حرفًا ولا رقمًا).
error-password-repeated = لا تكرّر الحرف نفسه أكثر من { $count ->
    [one] مرة واحدة
    [two] مرتين
    [few] { $count } مرات
    [many] { $count } مرة
   *[other] { $count } مرة
} على التوالي.
error-password-personal = لا تستخدم اسم المستخدم أو عنوان بريدك الإلكتروني أو اسمك في كلمة المرور.
error-password-reused = { $count ->
    [one] اختر كلمة مرور مختلفة عن كلمة مرورك الحالية.
    [two] اختر كلمة مرور لم تستخدمها في آخر كلمتي مرور.
    [few] اختر كلمة مرور لم تستخدمها في آخر { $count } كلمات مرور.
    [many] اختر كلمة مرور لم تستخدمها في آخر { $count } كلمة مرور.
   *[other] اختر كلمة مرور لم تستخدمها في آخر { $count } كلمة مرور.
}
error-password-common = كلمة المرور هذه شائعة جدًا. اختر كلمة مرور يصعب تخمينها.

## قواعد سياسة كلمات المرور، بجوار الحقل أثناء الكتابة.

error-rule-min-length = { $count ->
    [one] حرف واحد
    [two] حرفان
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأقل.
error-rule-max-length = { $count ->
    [one] حرف واحد
    [two] حرفان
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأكثر.
error-rule-lower = حرف صغير.
error-rule-upper = حرف كبير.
error-rule-digit = رقم.
error-rule-symbol = رمز، مثل ! أو #.
error-rule-repeated = لا يتكرر أي حرف أكثر من { $count ->
    [one] مرة واحدة
    [two] مرتين
    [few] { $count } مرات
    [many] { $count } مرة
   *[other] { $count } مرة
} على التوالي.
error-rule-personal = ليست اسم المستخدم أو عنوان بريدك الإلكتروني أو اسمك.
error-rule-history = { $count ->
    [one] ليست كلمة مرورك الحالية (يُتحقق من ذلك عند الحفظ).
    [two] ليست إحدى آخر كلمتي مرور لك (يُتحقق من ذلك عند الحفظ).
    [few] ليست إحدى آخر { $count } كلمات مرور لك (يُتحقق من ذلك عند الحفظ).
    [many] ليست إحدى آخر { $count } كلمة مرور لك (يُتحقق من ذلك عند الحفظ).
   *[other] ليست إحدى آخر { $count } كلمة مرور لك (يُتحقق من ذلك عند الحفظ).
}
error-rule-common = ليست كلمة مرور شائعة الاستخدام (يُتحقق من ذلك عند الحفظ).
error-rule-max-age = { $count ->
    [zero] تُغيَّر كل { $count } يوم على الأقل.
    [one] تُغيَّر كل يوم.
    [two] تُغيَّر كل يومين على الأقل.
    [few] تُغيَّر كل { $count } أيام على الأقل.
    [many] تُغيَّر كل { $count } يومًا على الأقل.
   *[other] تُغيَّر كل { $count } يوم على الأقل.
}

## الإدارة: حدود سياسة كلمات المرور، والأرقام.

error-policy-min-length = استخدم { $min } على الأقل.
error-number-range = استخدم رقمًا من { $min } إلى { $max }.
error-policy-min-above-max = لا يمكن أن يتجاوز الحد الأدنى الحد الأقصى.
error-policy-max-repeated = استخدم 0 (بلا حد) أو رقمًا من { $min } إلى { $max }.
error-whole-number = أدخل عددًا صحيحًا.
error-page-gone = لم تعد هذه الصفحة موجودة: ابدأ من الصفحة الأولى.
error-activity-kind = اختر أحد أنواع النشاط المدرجة.
error-page-size = اطلب من 1 إلى { $count } إدخالًا في كل مرة.
error-unknown-section = قسم غير معروف.
error-admin-own-two-factor = غيّر المصادقة الثنائية الخاصة بك من صفحة الأمان.

## المصادقة الثنائية.

error-enter-code = أدخل رمزًا.
error-enter-totp-code = أدخل رمزًا من تطبيق المصادقة.
error-choose-method = اختر طريقة التأكيد.
error-method-choose = اختر طريقة التأكيد: تطبيق المصادقة أو البريد الإلكتروني أو رمز احتياطي.
error-choose-on-off = اختر تشغيل أو إيقاف.
error-totp-already-on = المصادقة الثنائية عبر TOTP مفعّلة بالفعل.
error-totp-setup-expired = انتهت صلاحية هذا الإعداد. ابدأ من جديد.
error-totp-not-on = فعّل المصادقة الثنائية عبر TOTP أولًا.
error-totp-forced = يشترط المسؤول المصادقة الثنائية عبر TOTP لهذا الحساب.
error-code-label-totp = الرمز من تطبيق المصادقة
error-code-label-email = الرمز المُرسَل إلى بريدك الإلكتروني
error-code-label-backup = رمز احتياطي

## رموز الوصول الشخصية.

error-token-name-empty = أعطِ رمز الوصول اسمًا، مثل اسم البرنامج النصي الذي يستخدمه.
error-token-name-invalid = استخدم { $count ->
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
} على الأكثر، بلا أحرف تحكم.
error-token-name-taken = لديك بالفعل رمز وصول بهذا الاسم.
error-token-expired = انتهت صلاحية رمز الوصول هذا. احذفه وأنشئ رمزًا جديدًا.
error-token-expiry-choose = اختر 7 أو 30 أو 90 يومًا، أو بلا انتهاء صلاحية.
error-token-expiry-too-long = لا يمكن أن تتجاوز صلاحية رموز الوصول هنا { $count ->
    [one] يومًا واحدًا
    [two] يومين
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}.
error-token-max-days = أدخل 0 (بلا حد) أو عددًا صحيحًا من الأيام من { $min } إلى { $max }.
error-token-scope-choose = اختر القراءة فقط أو القراءة والكتابة.
error-token-no-expiry = بلا انتهاء صلاحية

## الصور الرمزية.

error-avatar-not-an-image = هذا الملف ليس صورة: استخدم صورة بصيغة PNG أو JPEG أو WebP أو GIF.
error-avatar-too-large = هذه الصورة كبيرة جدًا: استخدم صورة لا يتجاوز حجمها 5 ميغابايت، ولا يتجاوز كل ضلع فيها 10000 بكسل، ولا يتجاوز مجموعها 40 ميغابكسل.
error-avatar-choose-file = اختر صورة لرفعها.
error-avatar-enter-url = أدخل عنوان الصورة.
error-avatar-choose-again = اختر الصورة مرة أخرى.
error-avatar-url-disabled = لا يجلب هذا الخادم الصور من العناوين: ارفع الملف بدلًا من ذلك.
error-avatar-url-invalid = أدخل عنوان الصورة بدءًا بـ https://.
error-avatar-url-http = استخدم عنوانًا يبدأ بـ https://: لا يجلب هذا الخادم الصور عبر http غير المشفّر.
error-avatar-url-not-public = هذا العنوان غير مسموح به: فهو ليس على الإنترنت العام.
error-avatar-url-unreachable = تعذّر الوصول إلى هذا العنوان: لم تصل استجابة بصورة في الوقت المحدد.
error-avatar-url-too-large = هذه الصورة كبيرة جدًا: استخدم صورة لا يتجاوز حجمها 5 ميغابايت.
error-avatar-url-not-an-image = هذا العنوان ليس صورة: فقد استجاب بشيء آخر.

## الجلسات: عميل أو نظام لا تستطيع صفحة الأمان تسميته.

error-session-unknown-client = عميل غير معروف
error-session-other-client = عميل آخر
error-session-unknown-system = نظام غير معروف

## رقم PIN للدعم ومكتب الدعم.

error-pin-empty = أدخل رقم PIN.
error-pin-digits = استخدم الأرقام (0–9) فقط.
error-pin-length = استخدم من { $min } إلى { $max } { $max ->
    [few] أرقام
    [many] رقمًا
   *[other] رقم
}.
error-pin-trivial = رقم PIN هذا سهل التخمين جدًا (مثل 1234 أو 0000 أو 1212). اختر رقمًا آخر.
# الإدارة ← رقم PIN للدعم: طول خارج ما يسمح به الخادم.
error-pin-length-bounds = أدخل عددًا صحيحًا من { $min } إلى { $max }.
error-pin-max-below-min = لا يمكن أن يكون الحد الأقصى لطول رقم PIN أقل من الحد الأدنى.
error-support-query-empty = أدخل اسم مستخدم أو عنوان بريد إلكتروني.
error-support-no-account = لا يوجد حساب باسم المستخدم هذا أو بعنوان البريد الإلكتروني هذا.
error-support-admin-role = يستطيع المشرفون الوصول إلى مكتب الدعم بالفعل.

## المؤسسات.

error-org-name-empty = أعطِ المؤسسة اسمًا.
error-slug-empty = اختر عنوانًا.
error-slug-length = استخدم من { $min } إلى { $max } { $max ->
    [few] أحرف
    [many] حرفًا
   *[other] حرف
}.
error-slug-characters = استخدم أحرفًا لاتينية صغيرة وأرقامًا وشرطات مفردة، على أن يبدأ العنوان وينتهي بحرف أو رقم.
error-slug-taken = هذا العنوان محجوز.
error-org-role-choose = اختر مالك أو مشرف أو عضو.
error-org-locked = هذه المؤسسة مرئية فقط للأعضاء الذين فعّلوا المصادقة الثنائية. فعّلها من صفحة الأمان أولًا.
error-org-visibility-needs-two-factor = فعّل المصادقة الثنائية لحسابك أنت أولًا.
error-org-not-yourself = لا يمكن ذلك على عضويتك أنت: غادر المؤسسة بدلًا من ذلك.
error-org-last-owner = يجب أن يبقى للمؤسسة مالك دائمًا: اجعل عضوًا آخر مالكًا أولًا.
error-org-confirm-slug = اكتب عنوان المؤسسة للتأكيد.
error-org-contract-until = لا يمكن ذلك ما دام عقدها ساريًا: ينتهي في { $date }.
error-org-contract-open-ended = لا يمكن ذلك ما دام عقدها ساريًا: ليس له تاريخ انتهاء بعد.
error-org-owner-invites-owner = لا يدعو المالكين إلا المالكون.
error-org-already-member = هذا الحساب عضو بالفعل.
error-org-invitation-other-address = هذه الدعوة موجّهة إلى { $address }: سجّل الدخول بحساب ذلك العنوان.
# حقل تاريخ في نموذج العقود الخاص بالمشرفين.
error-date = أدخل تاريخًا مثل 2027-01-31.
error-contract-plan = اختر الخطة المجانية أو المدفوعة.
error-contract-status = اختر «نشط» أو «ملغى» أو «منتهٍ».
error-webhook-off = خطاف الويب (webhook) الخاص بالعقود معطّل: عيّن GATEHOUSE_CONTRACTS_WEBHOOK_SECRET.
error-webhook-event-reused = استُخدم معرّف الحدث هذا من قبل بمحتوى مختلف.

## حذف حساب.

error-delete-confirm = اكتب اسم المستخدم الخاص بك، { $username }، للتأكيد.
error-delete-blocked-until = لا يمكن ذلك ما دمت تملك { $org }، التي يسري عقدها حتى { $date }. يمكنك حذف حسابك بعد انتهائه.
error-delete-blocked-open = لا يمكن ذلك ما دمت تملك { $org }، التي يسري عقدها بلا تاريخ انتهاء. يمكنك حذف حسابك بعد انتهائه.
error-delete-pending = هذا الحساب قيد الحذف بالفعل.
error-delete-last-admin = لا يمكن حذف حساب المشرف الوحيد: اجعل حسابًا آخر مشرفًا أولًا.
error-delete-yourself = احذف حسابك أنت من صفحة الأمان.
error-grace-days-range = أدخل عددًا صحيحًا من الأيام من 0 إلى { $max }.
error-disable-yourself = لا يمكنك تعطيل حسابك أنت.
