## كلمات تستخدمها كل الصفحات.

common-product = Gatehouse
common-save = حفظ
common-save-changes = حفظ التغييرات
common-cancel = إلغاء
common-close = إغلاق
common-delete = حذف
common-remove = إزالة
common-edit = تعديل
common-back = رجوع
common-continue = متابعة
common-confirm = تأكيد
common-loading = جارٍ التحميل…
common-saving = جارٍ الحفظ…
common-saved = تم الحفظ.
common-yes = نعم
common-no = لا
common-on = تشغيل
common-off = إيقاف
common-never = أبدًا
common-none = لا شيء
common-optional = اختياري
common-required = مطلوب
common-language = اللغة
common-change-language = تغيير اللغة
common-minutes = { $count ->
    [zero] لا دقائق
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
common-days = { $count ->
    [zero] لا أيام
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
common-characters = { $count ->
    [zero] لا أحرف
    [one] حرف واحد
    [two] حرفان
    [few] { $count } أحرف
    [many] { $count } حرفًا
   *[other] { $count } حرف
}
