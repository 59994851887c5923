## الرسائل التي يرسلها Gatehouse (core/src/notices.rs).

mail-hello = مرحبًا { $name }،
mail-action-line = { $action }: { $link }
mail-review-security = مراجعة أمان حسابك

## تم تغيير كلمة المرور

mail-password-changed-subject = تم تغيير كلمة المرور لحسابك في Gatehouse
mail-password-changed-body = تم للتو تغيير كلمة المرور لحسابك في Gatehouse، وتم تسجيل الخروج من جميع الجلسات الأخرى.
mail-password-changed-advice = إذا لم تكن أنت من فعل ذلك، فأعد تعيين كلمة المرور فورًا، ثم راجع جلساتك: { $url }
mail-password-changed-advice-before = إذا لم تكن أنت من فعل ذلك، فأعد تعيين كلمة المرور فورًا، ثم
mail-password-changed-advice-link = راجع جلساتك
mail-password-changed-advice-after = {"."}

## تأكيد عنوان الحساب

mail-verify-subject = أكّد عنوان بريدك الإلكتروني في Gatehouse
mail-verify-lead = يُرجى تأكيد أن هذا هو عنوان بريدك الإلكتروني.
mail-verify-action = تأكيد عنوان بريدك الإلكتروني
mail-verify-tail = يعمل الرابط مرة واحدة فقط، ولمدة 24 ساعة. إذا لم تُنشئ حسابًا في Gatehouse، فتجاهل هذه الرسالة.

## تأكيد عنوان جديد

mail-confirm-new-subject = أكّد عنوان بريدك الإلكتروني الجديد في Gatehouse
mail-confirm-new-lead = طلبتَ استخدام هذا العنوان لحسابك في Gatehouse. يسري التغيير بمجرد تأكيده.
mail-confirm-new-action = تأكيد عنوان بريدك الإلكتروني الجديد
mail-confirm-new-tail = يعمل الرابط مرة واحدة فقط، ولمدة 24 ساعة. إذا لم تطلب ذلك، فتجاهل هذه الرسالة.

## إلى العنوان القديم: طُلب تغيير العنوان

mail-change-requested-subject = طُلب تغيير عنوان بريدك الإلكتروني في Gatehouse
mail-change-requested-lead = طلب شخصٌ سجّل الدخول إلى حسابك في Gatehouse تغيير عنوان البريد الإلكتروني للحساب إلى { $address }. لن يتغير العنوان إلا بعد فتح الرابط المرسل إلى ذلك العنوان.
mail-change-requested-tail = إذا لم تكن أنت من فعل ذلك، فغيّر كلمة المرور فورًا.

## إلى العنوان القديم: تم تغيير العنوان

mail-email-changed-subject = تم تغيير عنوان بريدك الإلكتروني في Gatehouse
mail-email-changed-lead = أصبح عنوان البريد الإلكتروني لحسابك في Gatehouse الآن { $address }. ستُرسل إليه من الآن فصاعدًا الرسائل المتعلقة بالحساب، بما فيها روابط إعادة تعيين كلمة المرور.
mail-email-changed-tail = إذا لم تكن أنت من فعل ذلك، فتواصل مع المسؤول فورًا: من غيّر العنوان يمكنه الآن إعادة تعيين كلمة المرور الخاصة بك.

## إلى عنوان طلب حساب آخر الانتقال إليه

mail-in-use-subject = حاول شخص ما استخدام عنوانك لحساب آخر في Gatehouse
mail-in-use-lead = طلب حساب آخر في Gatehouse تغيير عنوان بريده الإلكتروني إلى هذا العنوان. هذا العنوان مرتبط بحسابك بالفعل، لذا لم يتغير شيء. إذا كنت أنت من فعل ذلك، فسجّل الدخول بهذا العنوان بدلًا من ذلك.
mail-in-use-tail = إذا لم تتعرّف على هذا الطلب، فلا داعي لفعل أي شيء.

## إعادة تعيين كلمة المرور

mail-reset-subject = إعادة تعيين كلمة المرور في Gatehouse
mail-reset-lead = طلب شخص ما إعادة تعيين كلمة المرور لحسابك في Gatehouse.
mail-reset-action = اختيار كلمة مرور جديدة
mail-reset-tail = يعمل الرابط مرة واحدة فقط، ولمدة ساعة واحدة. إذا لم تطلب ذلك، فتجاهل هذه الرسالة: ستبقى كلمة المرور كما هي.

## رمز للخطوة الثانية

mail-code-subject = رمز التحقق الخاص بك في Gatehouse
mail-code-lead = رمز التحقق الخاص بك في Gatehouse هو:
mail-code-tail = يعمل الرمز مرة واحدة فقط، ولمدة 10 دقائق. إذا لم تكن قد سجّلت الدخول للتو أو طلبته، فغيّر كلمة المرور: هناك من يعرفها.

## تغيير في العوامل الثانية للحساب

mail-factors-subject = تم تغيير المصادقة الثنائية لحسابك في Gatehouse
mail-factors-totp-on = تم تفعيل المصادقة الثنائية عبر TOTP.
mail-factors-totp-off = تم إيقاف المصادقة الثنائية عبر TOTP.
mail-factors-email-on = تم تفعيل المصادقة الثنائية عبر البريد الإلكتروني.
mail-factors-email-off = تم إيقاف المصادقة الثنائية عبر البريد الإلكتروني.
mail-factors-backup-codes-renewed = تم إنشاء رموز احتياطية جديدة، ولم تعد الرموز القديمة صالحة.
mail-factors-required = يشترط أحد المسؤولين الآن استخدام المصادقة الثنائية لحسابك.
mail-factors-no-longer-required = لم يعد أحد المسؤولين يشترط استخدام المصادقة الثنائية لحسابك.
mail-factors-reset = أعاد أحد المسؤولين تعيين المصادقة الثنائية لحسابك.
mail-factors-tail = إذا لم تكن أنت من فعل ذلك، فغيّر كلمة المرور فورًا وتواصل مع المسؤول.
