## حسابي: التنقل فيه، وعناوين أقسامه، وصفحة الملف الشخصي (نموذجها وصورتها).

account-nav-label = حسابي
account-nav-profile = الملف الشخصي
account-nav-preferences = التفضيلات
account-nav-security = الأمان
account-nav-tokens = رموز الوصول الشخصية
account-nav-organizations = المؤسسات
account-page-title = { $section } · حسابي · Gatehouse

## عناوين الأقسام ومقدماتها.

account-profile-title = الملف الشخصي
account-profile-intro = كيف يراك الآخرون، وكيف تسجّل الدخول.
account-preferences-title = التفضيلات
account-preferences-intro = اللغة وحالة التواجد والإشعارات وغير ذلك لهذا الحساب.
account-security-title = الأمان
account-security-intro = كلمة المرور والمصادقة الثنائية والأماكن التي سجّلت الدخول منها.
account-tokens-title = رموز الوصول الشخصية
account-tokens-intro = رموز للبرامج النصية وعملاء API التي تعمل باسمك.
account-confirm-password = أكّد كلمة المرور
account-other-locations = الأماكن الأخرى

## معلومات الحساب فوق نموذج الملف الشخصي.

account-role = الدور
account-role-admin = مسؤول
account-role-user = مستخدم
account-role-support = موظف دعم
account-member-since = عضو منذ

## نموذج الملف الشخصي.

account-profile-details = تفاصيل الملف الشخصي
account-name = الاسم
account-username = اسم المستخدم
account-username-hint = من 3 إلى 32 حرفًا أو رقمًا أو نقطة أو شرطة أو شرطة سفلية، يبدأ بحرف أو رقم. تسجّل الدخول به، ويتوقف الاسم القديم عن العمل.
account-status-message = رسالة الحالة
account-status = الحالة
account-status-placeholder = ماذا تفعل الآن؟
account-nickname = الاسم المستعار
account-bio = نبذة تعريفية
account-bio-hint = نص عادي، يُعرض كما تكتبه.
account-counter = { $count } / { $max } { $max ->
        [zero] حرف
        [one] حرف
        [two] حرف
        [few] أحرف
        [many] حرفًا
       *[other] حرف
    }
account-profile-saved = حُفظ ملفك الشخصي.

## الصورة الشخصية واستخدام عنوان URL للصورة الرمزية.

account-avatar-legend = الصورة الشخصية
account-avatar-upload = رفع صورة
account-avatar-use-default = استخدام الصورة الرمزية الافتراضية
account-avatar-save = حفظ الصورة
account-avatar-hint = PNG أو JPEG أو WebP أو GIF، بحجم لا يتجاوز 5 ميغابايت؛ أفلتها هنا أو اخترها. تُقصّ الصورة على شكل مربع.
account-avatar-uploading = جارٍ رفع الصورة
account-avatar-progress = { $percent }٪
account-avatar-preview = معاينة { $name }
account-avatar-preview-default = معاينة الصورة الرمزية الافتراضية
account-avatar-current = صورتك الشخصية
account-avatar-pending-file = يُعرض { $name } كما سيبدو؛ اختر «حفظ التغييرات» لاستخدامه.
account-avatar-pending-default = تُعرض الصورة الرمزية الافتراضية؛ اختر «حفظ التغييرات» لاستخدامها.
account-avatar-pending-url = تُجلب الصورة الموجودة في هذا العنوان عند اختيار «حفظ التغييرات».
account-avatar-url = استخدام عنوان URL للصورة الرمزية
account-avatar-fetch = جلب الصورة
account-avatar-choose-again = اختر الصورة مرة أخرى.
account-avatar-error-file = تعذّر استخدام هذا الملف: اختر صورة بصيغة PNG أو JPEG أو WebP أو GIF لا يتجاوز حجمها 5 ميغابايت.
account-avatar-error-url = تعذّر جلب صورة من هذا العنوان: تحقّق من أنه يبدأ بـ https:// وأنه يعرض صورة.
account-avatar-error-other = تعذّر تغيير الصورة. حاول مرة أخرى.

## حذف الحساب (seed 000)

delete-page-title = حذف الحساب · Gatehouse
delete-heading = حذف الحساب
delete-panel-intro = احذف حسابك وكل ما فيه. تشرح الصفحة التالية ما سيحدث، وتطلب منك التأكيد.
delete-button = حذف الحساب
delete-what-heading = ما الذي سيحدث
delete-intro = يُسجَّل خروجك من كل مكان في الحال، وتُزال جلساتك ورموز الوصول الشخصية وطرق المصادقة الثنائية ورقم PIN للدعم والتفضيلات والصورة الشخصية.
delete-grace = يُحتفَظ بحسابك معطّلًا لمدة { $days ->
    [zero] { $days } يوم
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
}: سجّل الدخول خلال هذه المدة لاستعادته. بعد ذلك يُحذف نهائيًا، ويصبح اسم المستخدم وعنوان البريد الإلكتروني الخاصان به متاحين من جديد.
delete-no-grace = يُحذف حسابك نهائيًا في الحال، ويصبح اسم المستخدم وعنوان البريد الإلكتروني الخاصان به متاحين من جديد.
delete-orgs-deleted = المؤسسات التي تُحذف مع حسابك
delete-orgs-left = المؤسسات التي ستغادرها
delete-blocked = لا يمكنك حذف حسابك بعد: فأنت تملك مؤسسات عقودها سارية. يمكنك ذلك بعد انتهائها.
# يليه تاريخ.
delete-blocked-until = { $org }: عقدها سارٍ حتى
delete-blocked-open = { $org }: عقدها سارٍ بلا تاريخ انتهاء.
delete-form-heading = التأكيد
delete-confirm-label = اكتب اسم المستخدم الخاص بك، { $username }، للتأكيد
# يليه تاريخ.
delete-done-grace = حُذف حسابك. ويُحتفَظ به معطّلًا حتى
delete-done-restore = سجّل الدخول قبل ذلك لاستعادته.
delete-done-now = حُذف حسابك.
delete-to-sign-in = الانتقال إلى صفحة تسجيل الدخول
