## المؤسسات (مساحات العمل): حسابي ← المؤسسات، وصفحة المؤسسة، وصفحة «المستخدمون والمجموعات» الخاصة بها
## (seed 004: «فرض المصادقة الثنائية»، «حفظ»)، وصفحة الدعوة.

org-title = المؤسسات
org-intro = مساحات العمل التي تملكها أو تنتمي إليها. يمكن لمالكيها ومشرفيها وضع قواعد لأعضائها.
org-yours = مؤسساتك
org-none = لست عضوًا في أي مؤسسة بعد.
# بعد «إنشاء مؤسسة»: اسم المؤسسة الجديدة، ثم رابط لفتحها.
org-created = تم إنشاء { $name }.
org-open = افتحها
org-create-heading = إنشاء مؤسسة
org-create = إنشاء مؤسسة
org-name = اسم المؤسسة
org-slug = العنوان
org-slug-hint = من 3 إلى 40 حرفًا لاتينيًا صغيرًا أو رقمًا أو شرطة؛ وهو جزء من روابط المؤسسة. لا يمكن تغييره لاحقًا.
org-column-name = المؤسسة
org-column-role = الدور
org-column-members = الأعضاء
org-column-contract = العقد
org-locked = مقفلة
org-locked-reason = هذه المؤسسة مرئية فقط للأعضاء الذين يستخدمون المصادقة الثنائية.
org-locked-set-up = فعّلها من صفحة الأمان.
org-role-owner = مالك
org-role-admin = مشرف
org-role-member = عضو
org-plan-free = الخطة المجانية
org-plan-paid = الخطة المدفوعة
org-contract-active = نشط
org-contract-cancelled = ملغى
org-contract-ended = منتهٍ
# يليه تاريخ.
org-contract-until = حتى
org-no-contract = لا يوجد عقد

## صفحة المؤسسة.

org-page-title = { $name } · المؤسسات · Gatehouse
org-nav-label = المؤسسة
org-all = جميع المؤسسات
org-overview = نظرة عامة
org-users-groups = المستخدمون والمجموعات
org-your-role = دورك
org-visibility = الظهور
org-visible-all = مرئية لجميع الأعضاء
org-visible-two-factor = مرئية فقط للأعضاء الذين فعّلوا المصادقة الثنائية
org-settings-heading = الإعدادات
org-visibility-intro = يرى الأعضاء الذين لم يفعّلوا المصادقة الثنائية المؤسسةَ مُدرجةً على أنها مقفلة، ولا يمكنهم فتحها حتى يفعّلوها.
org-visible-two-factor-label = مرئية فقط للأعضاء الذين فعّلوا المصادقة الثنائية
org-visibility-needs-two-factor = فعّل المصادقة الثنائية لحسابك أنت أولًا.
org-policy-heading = قواعد كلمات المرور للأعضاء
org-policy-intro = قواعد يجب أن تتبعها كلمة مرور كل عضو، إضافةً إلى قواعد الخادم. قواعد كل عضو هي الأشد من بين قواعد الخادم وقواعد كل مؤسسة ينتمي إليها.
org-policy-set = تضع هذه المؤسسة قواعد لكلمات مرور أعضائها.
org-policy-none = لا تضع هذه المؤسسة قواعد خاصة بها لكلمات المرور.
org-policy-save = حفظ القواعد
org-policy-saved = حُفظت القواعد. وتنطبق عند التغيير التالي لكلمات مرور الأعضاء.
org-policy-clear = إزالة القواعد
org-leave-heading = مغادرة المؤسسة
org-leave-intro = ستفقد الوصول إلى المؤسسة. ويمكن لمالك أو مشرف دعوتك مرة أخرى.
org-leave-last-owner = أنت مالكها الوحيد: اجعل عضوًا آخر مالكًا قبل أن تغادر.
org-leave = مغادرة المؤسسة
org-delete-heading = حذف المؤسسة
org-delete-intro = يحذف المؤسسة وعضوياتها ودعواتها فورًا. لا يمكن ذلك ما دام عقدها ساريًا.
# تسمية الحقل الذي يكتب فيه المالك عنوان المؤسسة للتأكيد.
org-delete-confirm = اكتب { $slug } للتأكيد
org-delete = حذف المؤسسة

## المستخدمون والمجموعات.

org-users-page-title = المستخدمون والمجموعات · { $name } · Gatehouse
org-user-manager = إدارة المستخدمين
org-filter-label = عرض
org-filter-all = جميع الأعضاء
org-filter-without-two-factor = بلا مصادقة ثنائية ({ $count })
org-no-members-here = لا يوجد عضو مطابق.
# الرابط على اسم مستخدم العضو: لتحديده.
org-select-member = تحديد { $username }
org-member-heading = العضو { $username }
org-meta-data = البيانات الوصفية
org-force-two-factor = فرض المصادقة الثنائية
org-force-two-factor-hint = يجب على العضو إعداد المصادقة الثنائية قبل استخدام حسابه. لا يمكنك إعدادها نيابةً عنه.
org-save = حفظ
org-member-saved = تم الحفظ.
org-remove-member = إزالة من المؤسسة
org-invite-heading = دعوة عضو
org-invite-intro = يعمل رابط الدعوة مرة واحدة فقط، ولمدة 7 أيام، للحساب الذي يحمل عنوان البريد الإلكتروني هذا.
org-invite-email = البريد الإلكتروني
org-invite = دعوة
org-invite-sent = تم إرسال الدعوة.
org-invitations-open = الدعوات المعلّقة
org-invited-by = بدعوة من
org-invitation-expires = تنتهي في
org-withdraw = سحب
org-withdraw-for = سحب الدعوة المرسلة إلى { $email }

## صفحة الدعوة.

org-invitation-title = دعوة
# من يدعو، وإلى أي مؤسسة، وبأي دور.
org-invitation-lead = دعاك { $inviter } للانضمام إلى { $org } بصفة { $role }.
org-invitation-expires-at = تنتهي صلاحية الدعوة في:
org-invitation-sign-in = سجّل الدخول، أو أنشئ حسابًا، باستخدام { $email } لقبول الدعوة. ستعود إلى هنا بعد ذلك.
org-invitation-other-account = هذه الدعوة موجّهة إلى { $email }، لكنك مسجّل الدخول باسم { $me }. سجّل الدخول بحساب ذلك العنوان لقبولها.
org-invitation-member-already = أنت عضو في هذه المؤسسة بالفعل.
org-invitation-invalid = هذه الدعوة غير صالحة، أو سُحبت، أو انتهت صلاحيتها. اطلب دعوة جديدة.
org-accept = قبول الدعوة
org-joined = انضممت إلى { $name }.
org-someone = شخص ما

## ما تطلبه المؤسسات من الحساب (صفحة الأمان).

org-rules-heading = قواعد مؤسساتك
org-rules-intro = يجب أن تتبع كلمة مرورك أشد القواعد من بين قواعد الخادم وقواعد كل مؤسسة تنتمي إليها.
# تليه قائمة قواعدها.
org-rules-asks = تطلب { $org }:
org-rules-forces = تشترط { $org } استخدام المصادقة الثنائية لحسابك.
