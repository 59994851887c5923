## تسجيل الدخول وإنشاء الحساب وقائمة الحساب في الترويسة.

auth-signin-title = تسجيل الدخول · Gatehouse
auth-signin-heading = تسجيل الدخول
auth-signin-was-reset = تمت إعادة تعيين كلمة المرور. سجّل الدخول بكلمة المرور الجديدة.
auth-field-identifier = اسم المستخدم أو البريد الإلكتروني
auth-field-password = كلمة المرور
auth-signin-submit = تسجيل الدخول
auth-forgot-link = إعادة تعيين كلمة المرور
auth-new-here = جديد هنا؟
auth-create-account-link = أنشئ حسابًا

auth-register-title = إنشاء حساب · Gatehouse
auth-register-heading = أنشئ حسابك
auth-field-name = الاسم
auth-field-username = اسم المستخدم
auth-username-hint = من 3 إلى 32 من الحروف أو الأرقام أو النقاط أو الشرطات أو الشرطات السفلية.
auth-field-email = البريد الإلكتروني
auth-register-submit = إنشاء حساب
auth-have-account = لديك حساب بالفعل؟
auth-signin-link = سجّل الدخول

## قائمة الصورة الرمزية في الترويسة.

auth-menu-label = قائمة الحساب
auth-menu-status = الحالة: { $status ->
    [online] متصل
    [away] بعيد
    [busy] مشغول
   *[offline] غير متصل
}
auth-menu-my-account = حسابي
auth-menu-administration = الإدارة
auth-menu-support-desk = مكتب الدعم
auth-sign-out = تسجيل الخروج
