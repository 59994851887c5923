## صفحة رموز الوصول الشخصية: إضافة رمز (يُعرض مرة واحدة)، والقائمة، وإعادة الإنشاء، والحذف.

tokens-your-password = كلمة مرورك
tokens-new-token = رمز وصول جديد
tokens-made = أُنشئ رمز الوصول «{ $name }». انسخه الآن: لا يمكن عرضه مرة أخرى.
tokens-user-id = معرّف المستخدم
tokens-copy-user-id = نسخ معرّف المستخدم
tokens-token = رمز الوصول
tokens-copy-token = نسخ رمز الوصول
tokens-done = تم

## إضافة رمز وصول.

tokens-add-heading = إضافة رمز وصول
tokens-name = اسم رمز الوصول
tokens-ignore-two-factor = تجاهل المصادقة الثنائية
tokens-ignore-two-factor-hint = عندها لا تحتاج الطلبات التي تغيّر كلمة مرورك أو بريدك الإلكتروني أو رموز الوصول إلى رمز تحقق. فعّل هذا الخيار فقط لعميل لا يستطيع أن يطلب منك رمزًا.
tokens-access = الصلاحية
tokens-read-write = القراءة والكتابة
tokens-read-only = القراءة فقط
tokens-expires = انتهاء الصلاحية
tokens-add = إضافة
tokens-send-code = إرسال رمز بالبريد الإلكتروني

## القائمة.

tokens-list-heading = رموز الوصول الخاصة بك
tokens-none = ليس لديك أي رموز وصول.
tokens-col-name = الاسم
tokens-col-created = تاريخ الإنشاء
tokens-col-last-used = آخر استخدام
tokens-col-two-factor = المصادقة الثنائية
tokens-col-ends-with = ينتهي بـ
tokens-last-used-from = من { $ip }
tokens-two-factor-ignored = متجاهَلة
tokens-two-factor-required = مطلوبة
tokens-regenerate = إعادة الإنشاء
tokens-regenerate-label = إعادة إنشاء { $name }
tokens-regenerate-token = إعادة إنشاء رمز الوصول
tokens-delete-label = حذف { $name }
tokens-delete-warning = يتوقف أي عميل يستخدم رمز الوصول هذا عن العمل فورًا.
tokens-delete-token = حذف رمز الوصول
