## قسم البريد الإلكتروني في صفحة الملف الشخصي، والصفحة التي يفتحها رابط مُرسَل بالبريد.

email-heading = البريد الإلكتروني
email-verified = تم التحقق
email-not-verified = لم يتم التحقق
email-pending = أُرسل رابط تأكيد إلى { $address }. سيتغير عنوانك بمجرد فتحه.
email-cancel-change-label = إلغاء التغيير إلى { $address }
email-resend = إعادة إرسال رسالة التحقق من البريد الإلكتروني
email-resent = رابط تحقق جديد في طريقه إليك. لم تعد الروابط السابقة صالحة.
email-change-heading = تغيير عنوان البريد الإلكتروني
email-change-sent = تحقق من العنوان الجديد: يسري التغيير عندما تفتح الرابط الذي أرسلناه إليه.
email-field-new = عنوان البريد الإلكتروني الجديد
email-field-password = كلمة المرور الخاصة بك
email-change-submit = تغيير البريد الإلكتروني

email-verify-title = تأكيد عنوان البريد الإلكتروني · Gatehouse
email-verify-heading = أكّد عنوان بريدك الإلكتروني
email-verify-submit = تأكيد عنوان البريد الإلكتروني
email-verify-done = تم تأكيد عنوان بريدك الإلكتروني.
email-go-to-profile = الانتقال إلى ملفك الشخصي
