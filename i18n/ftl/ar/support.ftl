## رقم PIN للدعم في صفحة الأمان (seed 004: «تعيين رقم PIN للدعم»).

pin-heading = تعيين رقم PIN للدعم
pin-intro = يطلب فريق الدعم رقم PIN هذا للتأكد من أن المتصل هو أنت. يمكنك تغييره في أي وقت، ولا يستطيع أحد رؤيته، ولا حتى فريق الدعم.
pin-label = PIN
# تحت حقل PIN: القواعد التي يتبعها رقم PIN الجديد.
pin-hint = من { $min } إلى { $max } { $max ->
    [few] أرقام
    [many] رقمًا
   *[other] رقم
}، على ألا يكون سهل التخمين مثل 1234 أو 0000.
pin-submit = تعيين رقم PIN للدعم
pin-saved = تم تعيين رقم PIN للدعم الخاص بك.
pin-removed = تمت إزالة رقم PIN للدعم الخاص بك.
pin-remove = إزالة رقم PIN للدعم
# يليه تاريخ ووقت تعيين رقم PIN.
pin-last-set = آخر تعيين:
pin-none = لم يُعيَّن رقم PIN للدعم.

## مكتب الدعم (لموظفي الدعم والمشرفين).

support-page-title = مكتب الدعم · Gatehouse
support-heading = مكتب الدعم
support-intro = ابحث عن حساب باسم المستخدم أو عنوان البريد الإلكتروني، ثم تحقّق من رقم PIN للدعم الذي يعطيك إياه المتصل. ستعرف هل هو مطابق أم لا، ولن ترى رقم PIN أبدًا.
support-not-staff = لا يمكن فتح مكتب الدعم إلا لموظفي الدعم والمشرفين.
support-query-label = اسم المستخدم أو عنوان البريد الإلكتروني
support-look-up = بحث
support-name = الاسم
support-email = البريد الإلكتروني
support-email-verified = (تم التحقق)
support-email-unverified = (لم يتم التحقق)
support-member-since = عضو منذ
support-state = الحساب
support-state-active = نشط
support-state-disabled = عطّله أحد المشرفين
support-state-deletion-pending = طلب صاحبه حذفه
support-pin = رقم PIN للدعم
support-pin-is-set = معيَّن
support-pin-not-set = غير معيَّن
support-pin-said = رقم PIN الذي يعطيه المتصل
support-pin-said-hint = عدد مرات التحقق محدود، ويُبلَّغ صاحب الحساب بكل مرة عبر البريد الإلكتروني.
support-check-pin = التحقق من رقم PIN
support-verdict-matches = رقم PIN مطابق.
support-verdict-no-match = رقم PIN غير مطابق.
support-verdict-none = ليس لهذا الحساب رقم PIN للدعم.
