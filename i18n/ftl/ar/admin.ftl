## الإدارة: المستخدمون والإعدادات على مستوى الخادم (سياسة كلمات المرور، والمصادقة الثنائية،
## ورموز الوصول الشخصية، والتفضيلات الافتراضية).

admin-heading = الإدارة
admin-page-title = الإدارة · Gatehouse
admin-not-admin = لا يمكن فتح هذه الصفحة إلا للمشرفين.

## الروابط بين صفحات الإدارة.

admin-nav-label = الإدارة
admin-nav-users = المستخدمون
admin-nav-password-policy = سياسة كلمات المرور
admin-nav-two-factor = المصادقة الثنائية
admin-nav-tokens = رموز الوصول الشخصية
admin-nav-preferences = التفضيلات
admin-nav-support-pin = رقم PIN للدعم
admin-nav-organizations = المؤسسات

## المستخدمون.

admin-search-label = البحث عن مستخدمين
admin-search-button = بحث
admin-reset-done = أُعيد تعيين المصادقة الثنائية. وأُبلغ المستخدم بذلك عبر البريد الإلكتروني.
admin-users-summary = { $users ->
        [zero] لا حسابات
        [one] حساب واحد
        [two] حسابان
        [few] { $users } حسابات
        [many] { $users } حسابًا
       *[other] { $users } حساب
    }، { $admins ->
        [zero] لا مشرفين.
        [one] مشرف واحد.
        [two] مشرفان.
        [few] { $admins } مشرفين.
        [many] { $admins } مشرفًا.
       *[other] { $admins } مشرف.
    }
admin-mail-given-up = { $count ->
    [zero] لا توجد رسائل بريد إلكتروني تعذّر تسليمها.
    [one] تعذّر تسليم رسالة بريد إلكتروني واحدة فتُوقّف عن محاولة إرسالها (عناوين مرفوضة، أو تعطّل خادم البريد لساعات). يذكرها سجل الخادم.
    [two] تعذّر تسليم رسالتَي بريد إلكتروني فتُوقّف عن محاولة إرسالهما (عناوين مرفوضة، أو تعطّل خادم البريد لساعات). يذكرهما سجل الخادم.
    [few] تعذّر تسليم { $count } رسائل بريد إلكتروني فتُوقّف عن محاولة إرسالها (عناوين مرفوضة، أو تعطّل خادم البريد لساعات). يذكرها سجل الخادم.
    [many] تعذّر تسليم { $count } رسالة بريد إلكتروني فتُوقّف عن محاولة إرسالها (عناوين مرفوضة، أو تعطّل خادم البريد لساعات). يذكرها سجل الخادم.
   *[other] تعذّر تسليم { $count } رسالة بريد إلكتروني فتُوقّف عن محاولة إرسالها (عناوين مرفوضة، أو تعطّل خادم البريد لساعات). يذكرها سجل الخادم.
}
admin-column-username = اسم المستخدم
admin-column-name = الاسم
admin-column-email = البريد الإلكتروني
admin-column-role = الدور
admin-column-created = تاريخ الإنشاء
admin-column-two-factor = المصادقة الثنائية
admin-role-user = مستخدم
admin-role-admin = مشرف
admin-two-factor-on-required = مفعّلة (إلزامية)
admin-two-factor-on = مفعّلة
admin-two-factor-required-not-set-up = إلزامية، غير مُعدّة
admin-two-factor-off = غير مفعّلة
admin-force-two-factor = فرض المصادقة الثنائية
admin-stop-forcing-two-factor = إيقاف فرض المصادقة الثنائية
admin-reset-two-factor = إعادة تعيين المصادقة الثنائية
admin-force-two-factor-for = فرض المصادقة الثنائية على { $username }
admin-stop-forcing-two-factor-for = إيقاف فرض المصادقة الثنائية على { $username }
admin-reset-two-factor-for = إعادة تعيين المصادقة الثنائية لـ { $username }
admin-pages-label = صفحات المستخدمين
admin-first-page = الصفحة الأولى
admin-next-page = الصفحة التالية

## المصادقة الثنائية (النموذج نفسه في twofactor.ftl).

admin-two-factor-page-title = المصادقة الثنائية · الإدارة · Gatehouse

## رموز الوصول الشخصية.

admin-tokens-page-title = رموز الوصول الشخصية · الإدارة · Gatehouse
admin-tokens-heading = رموز الوصول الشخصية
admin-tokens-saved = حُفظت إعدادات الرموز.
admin-tokens-max-days = أطول مدة صلاحية لرمز جديد، بالأيام
admin-tokens-max-days-hint = 0: بلا حد (ويجوز حينها ألا تنتهي صلاحية الرموز أبدًا). تحتفظ الرموز الحالية بتاريخ انتهاء صلاحيتها.

## التفضيلات الافتراضية (النموذج نفسه في preferences.ftl).

admin-preferences-page-title = التفضيلات · الإدارة · Gatehouse
admin-preferences-heading = التفضيلات الافتراضية

## سياسة كلمات المرور.

admin-policy-page-title = سياسة كلمات المرور · الإدارة · Gatehouse
admin-policy-heading = سياسة كلمات المرور
admin-policy-intro = تنطبق على التسجيل وتغيير كلمات المرور وإعادة تعيينها. قواعد تركيب كلمة المرور معطّلة افتراضيًا: فالطول وقائمة كلمات المرور الشائعة يحميان بشكل أفضل (NIST SP 800-63B).
admin-policy-saved = حُفظت سياسة كلمات المرور.
admin-policy-min-length = الحد الأدنى للطول
admin-policy-min-length-hint = 8 على الأقل.
admin-policy-max-length = الحد الأقصى للطول
admin-policy-max-length-hint = من 64 إلى 1024.
admin-policy-require = اشتراط
admin-policy-require-lower = حرف صغير
admin-policy-require-upper = حرف كبير
admin-policy-require-digit = رقم
admin-policy-require-symbol = رمز
admin-policy-forbid-personal = منع استخدام اسم المستخدم أو عنوان البريد الإلكتروني أو الاسم داخل كلمة المرور
admin-policy-history = منع آخر N من كلمات المرور
admin-policy-history-hint = القيمة 0 تعطّل هذا الخيار؛ 24 كحد أقصى.
admin-policy-max-age = الحد الأقصى لعمر كلمة المرور بالأيام
admin-policy-max-age-hint = 0: لا تنتهي صلاحية كلمات المرور أبدًا. يجب تغيير كلمة المرور منتهية الصلاحية عند تسجيل الدخول.
admin-policy-max-repeated = الحد الأقصى لتكرار الحرف نفسه على التوالي
admin-policy-max-repeated-hint = 0: بلا حد.
admin-policy-block-common = رفض كلمات المرور الشائعة الاستخدام
admin-policy-save = حفظ السياسة

## الأدوار: مكتب الدعم لموظفي الدعم.

admin-role-support = موظف دعم
admin-grant-support = منح دور الدعم
admin-grant-support-for = منح { $username } دور الدعم
admin-revoke-support = سحب دور الدعم
admin-revoke-support-for = سحب دور الدعم من { $username }

## الإدارة ← رقم PIN للدعم.

admin-pin-page-title = رقم PIN للدعم · الإدارة · Gatehouse
admin-pin-heading = رقم PIN للدعم
admin-pin-intro = عدد الأرقام في رقم PIN للدعم. تبقى أرقام PIN المعيَّنة قبل أي تغيير صالحة.
admin-pin-min-length = الحد الأدنى لعدد الأرقام
admin-pin-max-length = الحد الأقصى لعدد الأرقام
admin-pin-saved = حُفظت قواعد رقم PIN للدعم.

## الإدارة ← المؤسسات: العقود.

admin-orgs-page-title = المؤسسات · الإدارة · Gatehouse
admin-orgs-heading = المؤسسات والعقود
admin-orgs-intro = عقد كل مؤسسة: خطته وحالته وتاريخ انتهائه. ويمكن لنظام الفوترة أيضًا تعيينها عبر خطاف الويب (webhook) الخاص بالعقود. لا يمكن حذف حساب ما دام يملك مؤسسة عقدها سارٍ.
admin-orgs-search = البحث عن مؤسسات
admin-orgs-none = لا توجد مؤسسة مطابقة.
admin-orgs-owners = المالكون
admin-contract-plan = الخطة
admin-contract-status = الحالة
admin-contract-ends = تاريخ الانتهاء
admin-contract-ends-hint = فارغ: بلا تاريخ انتهاء.
admin-contract-save = حفظ العقد
admin-contract-save-for = حفظ عقد { $org }
admin-contract-saved = حُفظ العقد.

## تعطيل الحسابات وحذفها.

admin-account-disabled = معطّل
admin-account-deleted = محذوف
# يليه تاريخ.
admin-account-gone-on = الحذف النهائي في
admin-disable = تعطيل
admin-disable-for = تعطيل { $username }
admin-enable = تفعيل
admin-enable-for = تفعيل { $username }
admin-delete = حذف
admin-delete-for = حذف { $username }
admin-deletion-heading = حذف الحسابات
admin-deletion-intro = يبقى الحساب المحذوف معطّلًا طوال مهلة السماح، ويمكن لصاحبه استعادته بتسجيل الدخول؛ ثم يُحذف نهائيًا. لا يمكن حذف الحسابات التي تملك مؤسسة عقدها سارٍ.
admin-deletion-grace = مهلة السماح (بالأيام)
admin-deletion-grace-hint = من 0 إلى { $max }؛ القيمة 0 تحذف في الحال.
admin-deletion-saved = حُفظت مهلة السماح.

## الإدارة ← سجل التدقيق

admin-nav-audit = سجل التدقيق
admin-audit-page-title = سجل التدقيق · الإدارة · Gatehouse
admin-audit-heading = سجل التدقيق
admin-audit-intro = ما جرى على هذا الخادم، الأحدث أولًا: تسجيلات الدخول والمحاولات الفاشلة وتغييرات كلمات المرور والعناوين وطرق المصادقة الثنائية والرموز والإعدادات، وما فعله المسؤولون. ابحث عن حساب (اسم المستخدم أو عنوان البريد: سجلاته وما فعله بغيره) أو عن عنوان IP، وصفِّ حسب النوع.
admin-audit-search = الحساب أو عنوان IP
