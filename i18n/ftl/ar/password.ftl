## نماذج كلمة المرور: التغيير والنسيان وإعادة التعيين وانتهاء الصلاحية؛ وقواعد السياسة بجانب الحقل.

password-rules-label = قواعد كلمة المرور
password-rule-met = (مستوفاة)
password-rule-not-met = (غير مستوفاة)

password-new = كلمة المرور الجديدة
password-repeat-new = تكرار كلمة المرور الجديدة
password-current = كلمة المرور الحالية
password-change-heading = تغيير كلمة المرور
password-change-submit = تغيير كلمة المرور
password-changed = تم تغيير كلمة المرور. وتم تسجيل الخروج من جميع الجلسات الأخرى.
password-tokens-label = رموز الوصول الشخصية
password-tokens-left = { $count ->
    [zero] لا توجد رموز وصول شخصية صالحة: لا تعتمد الرموز على كلمة مرورك.
    [one] لا يزال رمز وصول شخصي واحد صالحًا: لا تعتمد الرموز على كلمة مرورك.
    [two] لا يزال رمزا وصول شخصيان صالحَين: لا تعتمد الرموز على كلمة مرورك.
    [few] لا تزال { $count } رموز وصول شخصية صالحة: لا تعتمد الرموز على كلمة مرورك.
    [many] لا يزال { $count } رمزًا للوصول الشخصي صالحًا: لا تعتمد الرموز على كلمة مرورك.
   *[other] لا يزال { $count } رمز وصول شخصي صالحًا: لا تعتمد الرموز على كلمة مرورك.
}
password-tokens-advice = إذا كان من المحتمل أن يكون شخص آخر قد عرف كلمة مرورك، فألغِ هذه الرموز.
password-revoke-all = إلغاء كل الرموز
password-tokens-revoked = { $count ->
    [zero] لم يُلغَ أي رمز.
    [one] تم إلغاء رمز واحد.
    [two] تم إلغاء رمزين.
    [few] تم إلغاء { $count } رموز.
    [many] تم إلغاء { $count } رمزًا.
   *[other] تم إلغاء { $count } رمز.
}

password-expired-title = تغيير كلمة المرور · Gatehouse
password-expired-heading = انتهت صلاحية كلمة المرور
password-expired-intro = يطلب المسؤول تغيير كلمات المرور بانتظام. اختر كلمة مرور جديدة للمتابعة.
password-up-to-date = كلمة مرورك محدَّثة
password-continue-to-account = المتابعة إلى حسابي

password-forgot-title = إعادة تعيين كلمة المرور · Gatehouse
password-forgot-heading = إعادة تعيين كلمة المرور
password-forgot-intro = أدخل عنوان البريد الإلكتروني المُتحقَّق منه لحسابك. سنرسل إليه رابطًا لاختيار كلمة مرور جديدة.
password-field-email = البريد الإلكتروني
password-forgot-submit = إرسال رابط إعادة التعيين
password-forgot-sent = إذا كان هناك حساب بهذا العنوان المُتحقَّق منه، فإن رابطًا لإعادة تعيين كلمة مروره في طريقه إليه. يعمل الرابط مرة واحدة، ولمدة ساعة واحدة.
password-back-to-signin = العودة إلى تسجيل الدخول

password-reset-title = اختيار كلمة مرور جديدة · Gatehouse
password-reset-heading = اختر كلمة مرور جديدة
password-reset-two-factor = حسابك محمي بالمصادقة الثنائية: أكّد أنك صاحب الحساب.
password-reset-submit = إعادة تعيين كلمة المرور
password-ask-new-link = اطلب رابطًا جديدًا
