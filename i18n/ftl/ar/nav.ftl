## ترويسة كل صفحة، والصفحة التي تظهر للعناوين التي لا تؤدي إلى شيء.

nav-guest-label = الحساب
nav-sign-in = تسجيل الدخول
nav-create-account = إنشاء حساب
nav-not-found = الصفحة غير موجودة
nav-back-home = العودة إلى Gatehouse
