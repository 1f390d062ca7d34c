<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>kp::AccountRules</name>
    <message>
        <source>Four eyes: another administrator changes the role of %1 or disables it, not %1.</source>
        <translation>العيون الأربع: يغيّر مسؤولٌ آخر دور %1 أو يعطّله، وليس %1 نفسه.</translation>
    </message>
    <message>
        <source>%1 is the desk&apos;s last administrator who can sign in: add another administrator first.</source>
        <translation>%1 هو آخر مسؤول في المكتب يستطيع تسجيل الدخول: أضف مسؤولًا آخر أولًا.</translation>
    </message>
</context>
<context>
    <name>kp::AuditChain</name>
    <message>
        <source>Not a valid audit entry: %1</source>
        <translation>قيد تدقيق غير صالح: %1</translation>
    </message>
    <message>
        <source>the time “%1” is not of the form 2026-11-30T07:21:00.000Z</source>
        <translation>الوقت &quot;%1&quot; ليس بالصيغة 2026-11-30T07:21:00.000Z</translation>
    </message>
    <message>
        <source>the desk is empty</source>
        <translation>حقل desk فارغ</translation>
    </message>
    <message>
        <source>the actor is empty</source>
        <translation>حقل actor فارغ</translation>
    </message>
    <message>
        <source>the kind is empty</source>
        <translation>حقل kind فارغ</translation>
    </message>
    <message>
        <source>it must be a map of exactly n (uint), at, desk, actor, kind (text) and data (a map)</source>
        <translation>يجب أن يكون خريطة تضم بالضبط n (uint) و at و desk و actor و kind (نص) و data (خريطة)</translation>
    </message>
    <message>
        <source>n must be 1 or more</source>
        <translation>يجب أن تكون n تساوي 1 أو أكثر</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>القيد %1: %2</translation>
    </message>
    <message>
        <source>n must be from 1 to 2^63 - 1</source>
        <translation>يجب أن تكون n بين 1 و 2^63 - 1</translation>
    </message>
    <message>
        <source>the time is invalid or outside the years 1 to 9999</source>
        <translation>الوقت غير صالح أو خارج السنوات من 1 إلى 9999</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes after entry %3 (entries were removed or moved).</source>
        <translation>القيد %1 مفقود: القيد %2 يأتي بعد القيد %3 (حُذفت قيود أو نُقلت).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes again in its place (an entry was repeated or moved).</source>
        <translation>القيد %1 مفقود: القيد %2 يتكرر في مكانه (كُرر قيد أو نُقل).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: its hash does not follow from its content and entry %2 (it was changed, or not linked to the entry before it).</source>
        <translation>القيد %1 غير سليم: بصمته لا تنتج عن محتواه وعن القيد %2 (عُدّل، أو غير مرتبط بالقيد السابق).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: the trail up to it differs from the head known from elsewhere (an entry up to %1 was changed).</source>
        <translation>القيد %1 غير سليم: السجل حتى هذا القيد يختلف عن الرأس المعروف من مصدر آخر (عُدّل قيد حتى %1).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail ends at entry %2, but entry %3 is known from elsewhere (entries were removed from its end).</source>
        <translation>القيد %1 مفقود: ينتهي السجل عند القيد %2، لكن القيد %3 معروف من مصدر آخر (حُذفت قيود من نهايته).</translation>
    </message>
</context>
<context>
    <name>kp::AuditExport</name>
    <message>
        <source>Could not write the audit export: %1</source>
        <translation>تعذرت كتابة تصدير التدقيق: %1</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>القيد %1: %2</translation>
    </message>
    <message>
        <source>Entry %1: the export ends inside it.</source>
        <translation>القيد %1: ينتهي التصدير في وسطه.</translation>
    </message>
    <message>
        <source>Could not read the audit export: %1</source>
        <translation>تعذرت قراءة تصدير التدقيق: %1</translation>
    </message>
</context>
<context>
    <name>kp::AuthorityPki</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>تتعذر قراءة %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no usable private key.</source>
        <translation>لا يحتوي %1 على مفتاح خاص صالح للاستخدام.</translation>
    </message>
    <message>
        <source>%1 holds no usable certificate.</source>
        <translation>لا يحتوي %1 على شهادة صالحة للاستخدام.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>يتعذر إنشاء المجلد %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>تتعذر كتابة %1.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk authority folder.</source>
        <translation>%1 ليس مجلد سلطة لـ KP Desk.</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeReader</name>
    <message>
        <source>There is no file %1.</source>
        <translation>لا يوجد ملف %1.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>الملف %1 فارغ.</translation>
    </message>
    <message>
        <source>The file %1 is too large for an image.</source>
        <translation>الملف %1 أكبر من أن يكون صورة.</translation>
    </message>
    <message>
        <source>The image %1 has more than %2 megapixels.</source>
        <translation>الصورة %1 تتجاوز %2 ميغابكسل.</translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2</source>
        <translation>%1 ليس صورة قابلة للقراءة (PNG أو JPEG أو TIFF أو BMP): %2</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeWriter</name>
    <message>
        <source>Cannot print this barcode: %1</source>
        <translation>تتعذر طباعة هذا الرمز الشريطي: %1</translation>
    </message>
    <message>
        <source>nothing to print.</source>
        <translation>لا شيء للطباعة.</translation>
    </message>
    <message>
        <source>Code 128 carries printable ASCII only.</source>
        <translation>لا يحمل Code 128 إلا محارف ASCII القابلة للطباعة.</translation>
    </message>
    <message>
        <source>the encoder produced nothing.</source>
        <translation>لم ينتج المُرمِّز شيئًا.</translation>
    </message>
</context>
<context>
    <name>kp::Base45</name>
    <message>
        <source>Base45 text has a dangling single character.</source>
        <translation>ينتهي نص Base45 بمحرف منفرد.</translation>
    </message>
    <message>
        <source>Base45 text has a character outside its alphabet.</source>
        <translation>يحتوي نص Base45 على محرف خارج أبجديته.</translation>
    </message>
    <message>
        <source>Base45 text has a group that decodes above 65535.</source>
        <translation>يحتوي نص Base45 على مجموعة تتجاوز قيمتها 65535.</translation>
    </message>
    <message>
        <source>Base45 text has a final pair that decodes above 255.</source>
        <translation>ينتهي نص Base45 بزوج تتجاوز قيمته 255.</translation>
    </message>
</context>
<context>
    <name>kp::BundleApplier</name>
    <message>
        <source>Cannot read the bundle %1: %2</source>
        <translation>تتعذر قراءة الحزمة %1: %2</translation>
    </message>
    <message>
        <source>The bundle is larger than any bundle can be.</source>
        <translation>الحزمة أكبر مما يمكن أن تكون عليه أي حزمة.</translation>
    </message>
    <message>
        <source>The bundle does not start with a signed manifest: %1</source>
        <translation>لا تبدأ الحزمة ببيان موقَّع: %1</translation>
    </message>
    <message>
        <source>The bundle&apos;s manifest envelope is malformed: %1</source>
        <translation>غلاف بيان الحزمة مشوّه: %1</translation>
    </message>
    <message>
        <source>The bundle is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>الحزمة غير موقَّعة من السلطة المرجعية لهذا المكتب (لا يتحقق منها أي مفتاح حزم مثبَّت).</translation>
    </message>
    <message>
        <source>The bundle manifest is malformed: %1</source>
        <translation>بيان الحزمة مشوّه: %1</translation>
    </message>
    <message>
        <source>a certificate record must be a byte string.</source>
        <translation>يجب أن يكون سجل الشهادة سلسلة بايتات.</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (tag 18).</source>
        <translation>ليس COSE_Sign1 (الوسم 18).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (an array of four).</source>
        <translation>ليس COSE_Sign1 (مصفوفة من أربعة عناصر).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 has the wrong type).</source>
        <translation>ليس COSE_Sign1 (نوع العنصر %1 خاطئ).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 is malformed).</source>
        <translation>ليس COSE_Sign1 (العنصر %1 مشوّه).</translation>
    </message>
    <message>
        <source>the signed payload is not a CBOR map.</source>
        <translation>الحمولة الموقَّعة ليست خريطة CBOR.</translation>
    </message>
    <message>
        <source>the signed payload is malformed.</source>
        <translation>الحمولة الموقَّعة مشوّهة.</translation>
    </message>
    <message>
        <source>the record&apos;s no is not text.</source>
        <translation>حقل no في السجل ليس نصًا.</translation>
    </message>
    <message>
        <source>the record has no certificate number (no).</source>
        <translation>لا يحتوي السجل على رقم شهادة (no).</translation>
    </message>
    <message>
        <source>a contact of role %1 cannot be for %2.</source>
        <translation>لا يمكن أن تكون جهة اتصال بدور %1 خاصة بـ %2.</translation>
    </message>
    <message>
        <source>The bundle is published by %1, not by this desk&apos;s home authority %2.</source>
        <translation>نشر الحزمة %1، وليس السلطة المرجعية لهذا المكتب %2.</translation>
    </message>
    <message>
        <source>The bundle&apos;s seq %1 is not newer than the desk&apos;s seq %2: an old bundle cannot be applied again.</source>
        <translation>رقم التسلسل %1 للحزمة ليس أحدث من رقم التسلسل %2 للمكتب: لا يمكن تطبيق حزمة قديمة مرة أخرى.</translation>
    </message>
    <message>
        <source>This delta applies to seq %1, but the desk is at seq %2.</source>
        <translation>ينطبق هذا الفرق على التسلسل %1، لكن المكتب عند التسلسل %2.</translation>
    </message>
    <message>
        <source>The bundle is truncated: %1 bytes of parts are missing.</source>
        <translation>الحزمة مبتورة: ينقص %1 بايت من الأجزاء.</translation>
    </message>
    <message>
        <source>The bundle has %1 unexpected bytes after its parts.</source>
        <translation>تحتوي الحزمة على %1 بايت غير متوقع بعد أجزائها.</translation>
    </message>
    <message>
        <source>Cannot read the bundle: %1</source>
        <translation>تتعذر قراءة الحزمة: %1</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not match its SHA-256 in the manifest: the bundle is damaged or was altered.</source>
        <translation>الجزء &apos;%1&apos; لا يطابق قيمة SHA-256 الخاصة به في البيان: الحزمة تالفة أو معدَّلة.</translation>
    </message>
    <message>
        <source>Record %1 of part &apos;%2&apos; is malformed%3</source>
        <translation>السجل %1 من الجزء &apos;%2&apos; مشوّه%3</translation>
    </message>
    <message>
        <source>The desk&apos;s data changed to seq %1 while this bundle was applied; nothing of it was kept.</source>
        <translation>تغيّرت بيانات المكتب إلى التسلسل %1 أثناء تطبيق هذه الحزمة؛ لم يُحتفظ بشيء منها.</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not hold exactly %2 records in %3 bytes.</source>
        <translation>الجزء &apos;%1&apos; لا يحتوي بالضبط على %2 سجل في %3 بايت.</translation>
    </message>
</context>
<context>
    <name>kp::BundleManifest</name>
    <message>
        <source>The bundle manifest is not a map.</source>
        <translation>بيان الحزمة ليس خريطة.</translation>
    </message>
    <message>
        <source>Not a kpsync bundle (fmt).</source>
        <translation>ليست حزمة kpsync (fmt).</translation>
    </message>
    <message>
        <source>Unsupported bundle version (v must be 1).</source>
        <translation>إصدار حزمة غير مدعوم (يجب أن تكون v تساوي 1).</translation>
    </message>
    <message>
        <source>The manifest has no publisher (pub).</source>
        <translation>لا يحتوي البيان على ناشر (pub).</translation>
    </message>
    <message>
        <source>The manifest&apos;s seq must be an integer of at least 1.</source>
        <translation>يجب أن يكون seq في البيان عددًا صحيحًا لا يقل عن 1.</translation>
    </message>
    <message>
        <source>The manifest&apos;s base must be an integer below seq.</source>
        <translation>يجب أن يكون base في البيان عددًا صحيحًا أقل من seq.</translation>
    </message>
    <message>
        <source>The manifest&apos;s at and fresh must be RFC 3339 times.</source>
        <translation>يجب أن يكون at و fresh في البيان أوقاتًا بصيغة RFC 3339.</translation>
    </message>
    <message>
        <source>The manifest&apos;s parts must be an array.</source>
        <translation>يجب أن يكون parts في البيان مصفوفة.</translation>
    </message>
    <message>
        <source>A part has no name, or the part &apos;%1&apos; is repeated.</source>
        <translation>جزء بلا اسم، أو الجزء &apos;%1&apos; مكرر.</translation>
    </message>
    <message>
        <source>Part &apos;%1&apos; needs n, len and a 32-byte sha256.</source>
        <translation>يحتاج الجزء &apos;%1&apos; إلى n و len و sha256 من 32 بايت.</translation>
    </message>
</context>
<context>
    <name>kp::BundleWriter</name>
    <message>
        <source>Cannot write the temporary part &apos;%1&apos;.</source>
        <translation>تتعذر كتابة الجزء المؤقت &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::CacheDatabase</name>
    <message>
        <source>The desk cache %1 is locked by another program; try again when it has finished.</source>
        <translation>ذاكرة المكتب المؤقتة %1 مقفلة من برنامج آخر؛ أعد المحاولة عندما ينتهي.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: check the permissions of the file and of its folder (%2).</source>
        <translation>تتعذر الكتابة في ذاكرة المكتب المؤقتة %1: تحقق من أذونات الملف ومجلده (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed (%2).</source>
        <translation>تتعذر قراءة ذاكرة المكتب المؤقتة %1: القرص معطوب أو أُزيل (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 is damaged (%2). Run &apos;kpdesk-cli repair&apos; to keep the desk&apos;s records and fetch the authority data again.</source>
        <translation>ذاكرة المكتب المؤقتة %1 تالفة (%2). شغّل &apos;kpdesk-cli repair&apos; للاحتفاظ بسجلات المكتب وجلب بيانات السلطة من جديد.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk cache (not an SQLite database).</source>
        <translation>%1 ليس ذاكرة مؤقتة لـ KP Desk (ليس قاعدة بيانات SQLite).</translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation>يتعذر فتح ذاكرة المكتب المؤقتة %1: %2</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: the file ends inside its header.</source>
        <translation>ذاكرة المكتب المؤقتة %1 مبتورة: ينتهي الملف داخل ترويسته.</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: it should hold %2 bytes but holds %3. Restore it from a backup, or run &apos;kpdesk-cli repair&apos; to keep what can be read.</source>
        <translation>ذاكرة المكتب المؤقتة %1 مبتورة: يجب أن تحتوي على %2 بايت لكنها تحتوي على %3. استعدها من نسخة احتياطية، أو شغّل &apos;kpdesk-cli repair&apos; للاحتفاظ بما يمكن قراءته.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be written: the disk is full or failing (%1). Nothing was changed; free some space and try again.</source>
        <translation>تعذرت الكتابة في ذاكرة المكتب المؤقتة: القرص ممتلئ أو معطوب (%1). لم يُغيَّر شيء؛ حرّر بعض المساحة وأعد المحاولة.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be read or written: %1</source>
        <translation>تعذرت القراءة من ذاكرة المكتب المؤقتة أو الكتابة فيها: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: %1</source>
        <translation>تعذرت قراءة بيانات المكتب: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a desk cache: give the path of a file (for example ./desk.sqlite).</source>
        <translation>لا يمكن أن يكون &apos;%1&apos; ذاكرة مؤقتة للمكتب: أعطِ مسار ملف (مثلًا ./desk.sqlite).</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ليس ملفًا.</translation>
    </message>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>لا توجد ذاكرة مؤقتة للمكتب في %1.</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a desk cache (run &apos;kpdesk-cli init&apos;).</source>
        <translation>%1 ملف فارغ، وليس ذاكرة مؤقتة للمكتب (شغّل &apos;kpdesk-cli init&apos;).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>يتعذر إنشاء المجلد %1.</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.</source>
        <translation>أُنشئ %1 بإصدار أحدث من KP Desk (المخطط %2؛ هذا الإصدار يعرف %3). لم يُغيَّر.</translation>
    </message>
    <message>
        <source>Cannot bring the desk cache %1 to schema %2: %3</source>
        <translation>يتعذر ترقية ذاكرة المكتب المؤقتة %1 إلى المخطط %2: %3</translation>
    </message>
    <message>
        <source>its schema version is %1, not %2.</source>
        <translation>إصدار مخططها %1، وليس %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged: %1</source>
        <translation>بيانات المكتب تالفة: %1</translation>
    </message>
    <message>
        <source>Cannot set up the desk cache %1.</source>
        <translation>يتعذر إعداد ذاكرة المكتب المؤقتة %1.</translation>
    </message>
    <message>
        <source>The desk cache %1 is being repaired; try again when the repair has finished.</source>
        <translation>ذاكرة المكتب المؤقتة %1 قيد الإصلاح؛ أعد المحاولة عند انتهاء الإصلاح.</translation>
    </message>
    <message>
        <source>The desk cache %1 is open in another program (a KP Desk window, a sync or a command): close it first, so that no record is written to the old file.</source>
        <translation>ذاكرة المكتب المؤقتة %1 مفتوحة في برنامج آخر (نافذة KP Desk أو مزامنة أو أمر): أغلقه أولًا، كي لا يُكتب أي سجل في الملف القديم.</translation>
    </message>
    <message>
        <source>The check of the desk&apos;s data was stopped.</source>
        <translation>أُوقف فحص بيانات المكتب.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed.</source>
        <translation>تتعذر قراءة ذاكرة المكتب المؤقتة %1: القرص معطوب أو أُزيل.</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: it is damaged (%1), so no certificate can be accepted on it. Repair the desk (kpdesk-cli repair), then sync.</source>
        <translation>تعذرت قراءة بيانات المكتب: إنها تالفة (%1)، لذا لا يمكن قبول أي شهادة بناءً عليها. أصلح المكتب (kpdesk-cli repair)، ثم نفّذ المزامنة.</translation>
    </message>
    <message>
        <source>the desk was synced (seq %1) but holds no participant list</source>
        <translation>تمت مزامنة المكتب (التسلسل %1) لكنه لا يحتوي على قائمة المشاركين</translation>
    </message>
    <message>
        <source>%1 can be read by other users of this computer, and this user cannot change that. Its owner must run: chmod 600 %1</source>
        <translation>%1 قابل للقراءة من مستخدمين آخرين لهذا الحاسوب، ولا يستطيع هذا المستخدم تغيير ذلك. يجب أن يشغّل مالكه: chmod 600 %1</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: its lock file %2 cannot be made (%3). Nothing was changed; check the permissions of the folder.</source>
        <translation>تتعذر الكتابة في ذاكرة المكتب المؤقتة %1: يتعذر إنشاء ملف القفل %2 الخاص بها (%3). لم يُغيَّر شيء؛ تحقق من أذونات المجلد.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be used: its lock file %2 cannot be opened (%3). Nothing was changed. Remove %2 if it is not a plain file, then try again.</source>
        <translation>يتعذر استخدام ذاكرة المكتب المؤقتة %1: يتعذر فتح ملف القفل %2 الخاص بها (%3). لم يُغيَّر شيء. احذف %2 إن لم يكن ملفًا عاديًا، ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>%1: a sync source cannot carry a password (the desk&apos;s database would keep it in plain text). Publish the bundles where the desk reads them without one, or copy them to a folder the desk reads.</source>
        <translation>%1: لا يجوز أن يتضمن مصدر المزامنة كلمة مرور (ستحفظها قاعدة بيانات المكتب نصًا صريحًا). انشر الحزم حيث يقرؤها المكتب دون كلمة مرور، أو انسخها إلى مجلد يقرأ منه المكتب.</translation>
    </message>
</context>
<context>
    <name>kp::CacheRepair</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>لا توجد ذاكرة مؤقتة للمكتب في %1.</translation>
    </message>
    <message>
        <source>Cannot make a new desk cache beside %1: %2</source>
        <translation>يتعذر إنشاء ذاكرة مؤقتة جديدة للمكتب بجانب %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the new desk cache&apos;s schema: %1</source>
        <translation>تتعذر قراءة مخطط ذاكرة المكتب المؤقتة الجديدة: %1</translation>
    </message>
    <message>
        <source>Cannot write the new desk cache: %1</source>
        <translation>تتعذر كتابة ذاكرة المكتب المؤقتة الجديدة: %1</translation>
    </message>
    <message>
        <source>Cannot keep the damaged file as %1.</source>
        <translation>يتعذر الاحتفاظ بالملف التالف باسم %1.</translation>
    </message>
    <message>
        <source>Cannot move the damaged file&apos;s journal beside %1.</source>
        <translation>يتعذر نقل دفتر يومية الملف التالف بجانب %1.</translation>
    </message>
    <message>
        <source>Cannot put the repaired cache in place of %1; it is in %2.</source>
        <translation>يتعذر وضع الذاكرة المؤقتة المُصلَحة مكان %1؛ إنها في %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s last sync number cannot be read from %1, so a repair could let an older bundle undo a revocation or a release. Nothing was changed. Ask the authority for the number of its newest bundle (the seq of its index), then repair with it: kpdesk-cli repair --db %1 --min-seq NUMBER</source>
        <translation>يتعذر قراءة رقم آخر مزامنة للمكتب من %1، لذا قد يسمح الإصلاح لحزمة أقدم بالتراجع عن إلغاء أو إفراج. لم يُغيَّر شيء. اطلب من السلطة رقم أحدث حزمة لديها (قيمة seq في فهرسها)، ثم أصلح به: kpdesk-cli repair --db %1 --min-seq NUMBER</translation>
    </message>
</context>
<context>
    <name>kp::CacheWriter</name>
    <message>
        <source>Nothing to commit.</source>
        <translation>لا شيء للحفظ.</translation>
    </message>
    <message>
        <source>The desk cache has no table %1.</source>
        <translation>لا يوجد في ذاكرة المكتب المؤقتة جدول %1.</translation>
    </message>
</context>
<context>
    <name>kp::CaseLife</name>
    <message>
        <source>A case starts with a flag, not with &apos;%1&apos;.</source>
        <translation>تبدأ القضية بإبلاغ، وليس بـ &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>A case that is &apos;%1&apos; cannot take &apos;%2&apos;.</source>
        <translation>لا يمكن لقضية في الحالة &apos;%1&apos; أن تقبل &apos;%2&apos;.</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2 MiB); the limit is %3 MiB per file.</source>
        <translation>%1 أكبر من أن يُرفق (%2 MiB)؛ الحد هو %3 MiB لكل ملف.</translation>
    </message>
</context>
<context>
    <name>kp::CaseMessages</name>
    <message>
        <source>The case&apos;s inspection is not in the records.</source>
        <translation>تفتيش القضية غير موجود في السجلات.</translation>
    </message>
</context>
<context>
    <name>kp::CaseWords</name>
    <message>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>قيد المراجعة</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>مبتوت فيها</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>صُعِّدت</translation>
    </message>
    <message>
        <source>Conflict: two decisions</source>
        <translation>تعارض: قراران</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>أُغلقت</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>مُفرَج عنها</translation>
    </message>
    <message>
        <source>Detained</source>
        <translation>محتجزة</translation>
    </message>
    <message>
        <source>Seized</source>
        <translation>مصادَرة</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>أُبلغ عنها</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>دليل</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>أُخذت للمراجعة</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>قرار</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>رد</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>أُعيد فتحها</translation>
    </message>
</context>
<context>
    <name>kp::Cbor</name>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR مشوّه: %1</translation>
    </message>
    <message>
        <source>CBOR data has more than %1 items.</source>
        <translation>تحتوي بيانات CBOR على أكثر من %1 عنصر.</translation>
    </message>
    <message>
        <source>CBOR data nests deeper than %1.</source>
        <translation>تتداخل بيانات CBOR بعمق يتجاوز %1.</translation>
    </message>
    <message>
        <source>a container claims more elements than there are bytes</source>
        <translation>حاوية تدّعي عناصر أكثر من عدد البايتات</translation>
    </message>
    <message>
        <source>a string claims more bytes than there are</source>
        <translation>سلسلة تدّعي بايتات أكثر من الموجود</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>النص ليس UTF-8 صالحًا</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>لا بيانات</translation>
    </message>
    <message>
        <source>CBOR data is larger than %1 bytes.</source>
        <translation>بيانات CBOR أكبر من %1 بايت.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the CBOR data.</source>
        <translation>بايتات غير متوقعة بعد بيانات CBOR.</translation>
    </message>
</context>
<context>
    <name>kp::CertificateRecord</name>
    <message>
        <source>The required field &apos;%1&apos; is missing.</source>
        <translation>الحقل الإلزامي &apos;%1&apos; مفقود.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be text.</source>
        <translation>يجب أن يكون الحقل &apos;%1&apos; نصًا.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is longer than %2 characters.</source>
        <translation>الحقل &apos;%1&apos; أطول من %2 محرف.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an unsigned integer.</source>
        <translation>يجب أن يكون الحقل &apos;%1&apos; عددًا صحيحًا بلا إشارة.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a date as YYYY-MM-DD.</source>
        <translation>يجب أن يكون الحقل &apos;%1&apos; تاريخًا بالصيغة YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an array of text.</source>
        <translation>يجب أن يكون الحقل &apos;%1&apos; مصفوفة نصوص.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; has more than %2 entries.</source>
        <translation>يحتوي الحقل &apos;%1&apos; على أكثر من %2 قيد.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a map with &apos;n&apos; and &apos;a&apos;.</source>
        <translation>يجب أن يكون الحقل &apos;%1&apos; خريطة تضم &apos;n&apos; و &apos;a&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must have a name &apos;n&apos; and an address &apos;a&apos;.</source>
        <translation>يجب أن يحتوي الحقل &apos;%1&apos; على اسم &apos;n&apos; وعنوان &apos;a&apos;.</translation>
    </message>
    <message>
        <source>The certificate record is not a CBOR map.</source>
        <translation>سجل الشهادة ليس خريطة CBOR.</translation>
    </message>
    <message>
        <source>Schema version %1 is not supported (expected 1).</source>
        <translation>إصدار المخطط %1 غير مدعوم (المتوقع 1).</translation>
    </message>
    <message>
        <source>The field &apos;mix&apos; must be true or false.</source>
        <translation>يجب أن تكون قيمة الحقل &apos;mix&apos; هي true أو false.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; must be an array of at least one lot.</source>
        <translation>يجب أن يكون الحقل &apos;lots&apos; مصفوفة من دفعة واحدة على الأقل.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; has more than %1 entries.</source>
        <translation>يحتوي الحقل &apos;lots&apos; على أكثر من %1 قيد.</translation>
    </message>
    <message>
        <source>Each entry of &apos;lots&apos; must be a map with &apos;hs&apos;, &apos;cct&apos; and &apos;usd&apos;.</source>
        <translation>يجب أن يكون كل قيد في &apos;lots&apos; خريطة تضم &apos;hs&apos; و &apos;cct&apos; و &apos;usd&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;org&apos; needs at least one country unless &apos;mix&apos; is true.</source>
        <translation>يحتاج الحقل &apos;org&apos; إلى بلد واحد على الأقل ما لم تكن قيمة &apos;mix&apos; هي true.</translation>
    </message>
</context>
<context>
    <name>kp::Checks</name>
    <message>
        <source>The document signer belongs to %1, not to the issuer %2.</source>
        <translation>موقِّع المستند تابع لـ %1، وليس للجهة المُصدِرة %2.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not a document signer&apos;s.</source>
        <translation>شهادة الموقِّع ليست شهادة موقِّع مستندات.</translation>
    </message>
    <message>
        <source>The document signer was not valid on the date of issue %1 (valid %2 to %3).</source>
        <translation>لم يكن موقِّع المستند صالحًا في تاريخ الإصدار %1 (صالح من %2 إلى %3).</translation>
    </message>
    <message>
        <source>The document signer was revoked on %1%2.</source>
        <translation>أُلغي موقِّع المستند في %1%2.</translation>
    </message>
    <message>
        <source>The document signer does not chain to an authority CA of %1.</source>
        <translation>لا يتسلسل موقِّع المستند إلى جهة تصديق (CA) لسلطة %1.</translation>
    </message>
    <message>
        <source>The signer&apos;s issuing certificate is not an authority CA of %1.</source>
        <translation>الشهادة المُصدِرة للموقِّع ليست جهة تصديق (CA) لسلطة %1.</translation>
    </message>
    <message>
        <source>The authority CA of %1 that issued the signer was revoked on %2.</source>
        <translation>جهة التصديق (CA) لسلطة %1 التي أصدرت الموقِّع أُلغيت في %2.</translation>
    </message>
    <message>
        <source>The authority CA of %1 was not valid on the date of issue %2.</source>
        <translation>لم تكن جهة التصديق (CA) لسلطة %1 صالحة في تاريخ الإصدار %2.</translation>
    </message>
    <message>
        <source>Signed by %1, a document signer of %2&apos;s authority, valid on %3.</source>
        <translation>وقّعه %1، موقِّع مستندات لسلطة %2، صالح في %3.</translation>
    </message>
    <message>
        <source>Unsupported signature algorithm %1.</source>
        <translation>خوارزمية التوقيع %1 غير مدعومة.</translation>
    </message>
    <message>
        <source>Not checked: the signature is unusable.</source>
        <translation>لم يُتحقق: التوقيع غير صالح للاستخدام.</translation>
    </message>
    <message>
        <source>The key identifier (kid) must be 8 bytes, not %1.</source>
        <translation>يجب أن يكون معرّف المفتاح (kid) بطول 8 بايت، وليس %1.</translation>
    </message>
    <message>
        <source>Not checked: no usable key identifier.</source>
        <translation>لم يُتحقق: لا يوجد معرّف مفتاح صالح.</translation>
    </message>
    <message>
        <source>Not checked: no known document signer has this key identifier.</source>
        <translation>لم يُتحقق: لا يوجد موقِّع مستندات معروف بهذا المعرّف.</translation>
    </message>
    <message>
        <source>The signer is unknown to this desk&apos;s data, which is out of date: sync and scan again.</source>
        <translation>الموقِّع غير معروف في بيانات هذا المكتب، وهي قديمة: نفّذ المزامنة وامسح مجددًا.</translation>
    </message>
    <message>
        <source>The signer (kid %1) is unknown to the authorities&apos; data.</source>
        <translation>الموقِّع (kid %1) غير معروف في بيانات السلطات.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the signer&apos;s key.</source>
        <translation>الخوارزمية %1 لا تطابق مفتاح الموقِّع.</translation>
    </message>
    <message>
        <source>The signature does not verify with the signer&apos;s key: the record was altered or forged.</source>
        <translation>لا يتحقق التوقيع بمفتاح الموقِّع: السجل معدَّل أو مزوَّر.</translation>
    </message>
    <message>
        <source>%1 signature verified.</source>
        <translation>تم التحقق من توقيع %1.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate in the desk&apos;s data is unreadable.</source>
        <translation>شهادة الموقِّع في بيانات المكتب غير قابلة للقراءة.</translation>
    </message>
    <message>
        <source>Not checked: the signature did not verify.</source>
        <translation>لم يُتحقق: لم يتحقق التوقيع.</translation>
    </message>
    <message>
        <source>The registry holds the same record.</source>
        <translation>يحتوي السجل المركزي على السجل نفسه.</translation>
    </message>
    <message>
        <source>The registry holds a different record for %1: the barcode does not match what the issuer registered.</source>
        <translation>يحتوي السجل المركزي على سجل مختلف لـ %1: الرمز الشريطي لا يطابق ما سجّلته الجهة المُصدِرة.</translation>
    </message>
    <message>
        <source>The registry (published %1) has no record of this certificate, issued %2.</source>
        <translation>لا يحتوي السجل المركزي (المنشور في %1) على أي سجل لهذه الشهادة الصادرة في %2.</translation>
    </message>
    <message>
        <source>Issued after the desk&apos;s registry data; not yet listed.</source>
        <translation>صدرت بعد بيانات السجل المركزي في المكتب؛ غير مدرجة بعد.</translation>
    </message>
    <message>
        <source>Revoked as %1 by %2 on %3.</source>
        <translation>أُلغيت بوصفها %1 من قِبل %2 في %3.</translation>
    </message>
    <message>
        <source>Not revoked.</source>
        <translation>غير ملغاة.</translation>
    </message>
    <message>
        <source>already imported elsewhere (reported by %1 on %2)</source>
        <translation>مستوردة مسبقًا في مكان آخر (أبلغ عنها %1 في %2)</translation>
    </message>
    <message>
        <source>Possible re-use: %1.</source>
        <translation>احتمال إعادة استخدام: %1.</translation>
    </message>
    <message>
        <source>This desk has never been synced: its data cannot vouch for anything.</source>
        <translation>لم تتم مزامنة هذا المكتب قط: لا يمكن لبياناته أن تضمن أي شيء.</translation>
    </message>
    <message>
        <source>The desk&apos;s data (seq %1) is older than what it had before its repair (seq %2): sync again before relying on it.</source>
        <translation>بيانات المكتب (التسلسل %1) أقدم مما كانت عليه قبل إصلاحه (التسلسل %2): نفّذ المزامنة مجددًا قبل الاعتماد عليها.</translation>
    </message>
    <message>
        <source>The desk&apos;s clock (%1) is earlier than the newest data (%2): check the clock.</source>
        <translation>ساعة المكتب (%1) أسبق من أحدث البيانات (%2): تحقق من الساعة.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is out of date since %1: sync as soon as possible.</source>
        <translation>بيانات المكتب قديمة منذ %1: نفّذ المزامنة في أقرب وقت.</translation>
    </message>
    <message>
        <source>Data %1 published %2, fresh until %3.</source>
        <translation>البيانات %1 منشورة في %2، محدَّثة حتى %3.</translation>
    </message>
    <message>
        <source>The certificate number &quot;%1&quot; is not 4-32 of A-Z, 0-9, - and /.</source>
        <translation>رقم الشهادة &quot;%1&quot; ليس من 4 إلى 32 محرفًا من A-Z و 0-9 و - و /.</translation>
    </message>
    <message>
        <source>The certificate number %1 does not start with the issuer&apos;s code %2.</source>
        <translation>رقم الشهادة %1 لا يبدأ برمز الجهة المُصدِرة %2.</translation>
    </message>
    <message>
        <source>The importing participant &quot;%1&quot; is not a participant code.</source>
        <translation>المشارك المستورد &quot;%1&quot; ليس رمز مشارك.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a two-letter code.</source>
        <translation>بلد المنشأ &quot;%1&quot; ليس رمزًا من حرفين.</translation>
    </message>
    <message>
        <source>HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).</source>
        <translation>رمز HS %1 ليس للماس الخام (7102.10 أو 7102.21 أو 7102.31).</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a carat weight of zero.</source>
        <translation>دفعة (HS %1) وزنها صفر قيراط.</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a value of zero.</source>
        <translation>دفعة (HS %1) قيمتها صفر.</translation>
    </message>
    <message>
        <source>The certificate lists no lots.</source>
        <translation>لا تذكر الشهادة أي دفعات.</translation>
    </message>
    <message>
        <source>The number of parcels must be at least 1.</source>
        <translation>يجب ألا يقل عدد الطرود عن 1.</translation>
    </message>
    <message>
        <source>The date of expiry %1 is not after the date of issue %2.</source>
        <translation>تاريخ الانتهاء %1 ليس بعد تاريخ الإصدار %2.</translation>
    </message>
    <message>
        <source>Valid for %1 days, longer than the %2 days allowed.</source>
        <translation>صالحة لمدة %1 يومًا، أطول من %2 يومًا المسموح بها.</translation>
    </message>
    <message>
        <source>The KPCS minimum content is present and consistent.</source>
        <translation>الحد الأدنى من محتوى نظام KPCS موجود ومتسق.</translation>
    </message>
    <message>
        <source>Expired on %1 (inspection date %2).</source>
        <translation>انتهت صلاحيتها في %1 (تاريخ التفتيش %2).</translation>
    </message>
    <message>
        <source>Issued on %1, after the inspection date %2.</source>
        <translation>صدرت في %1، بعد تاريخ التفتيش %2.</translation>
    </message>
    <message>
        <source>Valid from %1 to %2; %3 days left.</source>
        <translation>صالحة من %1 إلى %2؛ متبقٍ %3 يومًا.</translation>
    </message>
    <message>
        <source>The certificate is addressed to %1, not to this desk&apos;s participant %2.</source>
        <translation>الشهادة موجهة إلى %1، وليس إلى مشارك هذا المكتب %2.</translation>
    </message>
    <message>
        <source>Not checked: this desk has no participant data yet (sync first).</source>
        <translation>لم يُتحقق: لا توجد لدى هذا المكتب بيانات مشاركين بعد (نفّذ المزامنة أولًا).</translation>
    </message>
    <message>
        <source>%1 was not a KP participant on %2.</source>
        <translation>لم يكن %1 مشاركًا في عملية كيمبرلي في %2.</translation>
    </message>
    <message>
        <source>%1 was %2 on %3%4.</source>
        <translation>كان %1 %2 في %3%4.</translation>
    </message>
    <message>
        <source>the issuer %1 was restricted on %2%3</source>
        <translation>كانت الجهة المُصدِرة %1 مقيَّدة في %2%3</translation>
    </message>
    <message>
        <source>the origin %1 was %2 on %3</source>
        <translation>كان المنشأ %1 %2 في %3</translation>
    </message>
    <message>
        <source>Examine: %1.</source>
        <translation>للفحص: %1.</translation>
    </message>
    <message>
        <source>%1 was an active participant on %2; addressed to %3.</source>
        <translation>كان %1 مشاركًا نشطًا في %2؛ موجهة إلى %3.</translation>
    </message>
    <message>
        <source>issued by %1</source>
        <translation>صادرة عن %1</translation>
    </message>
    <message>
        <source>of %1 origin</source>
        <translation>من منشأ %1</translation>
    </message>
    <message>
        <source>Diamonds %1 are banned by national law from %2%3.</source>
        <translation>الماس %1 محظور بموجب القانون الوطني منذ %2%3.</translation>
    </message>
    <message>
        <source>No national ban applies.</source>
        <translation>لا ينطبق أي حظر وطني.</translation>
    </message>
    <message>
        <source>No gem or unsorted lots to compare with a value band.</source>
        <translation>لا توجد دفعات أحجار كريمة أو غير مصنفة لمقارنتها بنطاق قيم.</translation>
    </message>
    <message>
        <source>No value band for this origin.</source>
        <translation>لا يوجد نطاق قيم لهذا المنشأ.</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1-%2</translation>
    </message>
    <message>
        <source>mixed or several origins</source>
        <translation>منشأ مختلط أو متعدد</translation>
    </message>
    <message>
        <source>US$ %1 per carat is outside the usual range of US$ %2 for %3.</source>
        <translation>%1 دولار أمريكي للقيراط خارج النطاق المعتاد %2 دولار أمريكي لـ %3.</translation>
    </message>
    <message>
        <source>US$ %1 per carat, within US$ %2 for %3.</source>
        <translation>%1 دولار أمريكي للقيراط، ضمن %2 دولار أمريكي لـ %3.</translation>
    </message>
    <message>
        <source>The national bans in the desk&apos;s data are malformed, so no ban can be checked: sync again, and tell the authority if this stays.</source>
        <translation>قوائم الحظر الوطني في بيانات المكتب مشوّهة، لذا لا يمكن التحقق من أي حظر: نفّذ المزامنة مجددًا، وأبلغ السلطة إن استمر ذلك.</translation>
    </message>
    <message>
        <source>active</source>
        <comment>participant status</comment>
        <translation>نشط</translation>
    </message>
    <message>
        <source>suspended</source>
        <comment>participant status</comment>
        <translation>معلَّق</translation>
    </message>
    <message>
        <source>restricted</source>
        <comment>participant status</comment>
        <translation>مقيَّد</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <comment>participant status</comment>
        <translation>منسحب</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>revocation status</comment>
        <translation>مفقودة</translation>
    </message>
    <message>
        <source>stolen</source>
        <comment>revocation status</comment>
        <translation>مسروقة</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>revocation status</comment>
        <translation>ملغاة</translation>
    </message>
    <message>
        <source>fraudulent</source>
        <comment>revocation status</comment>
        <translation>احتيالية</translation>
    </message>
    <message>
        <source>already imported</source>
        <comment>revocation status</comment>
        <translation>مستوردة مسبقًا</translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation>ليس رمزًا شريطيًا KP1 ولا رقم شهادة.</translation>
    </message>
    <message>
        <source>The barcode is damaged or malformed: %1</source>
        <translation>الرمز الشريطي تالف أو مشوّه: %1</translation>
    </message>
    <message>
        <source>Not checked: the certificate could not be read.</source>
        <translation>لم يُتحقق: تعذرت قراءة الشهادة.</translation>
    </message>
    <message>
        <source>A well-formed KP1 barcode.</source>
        <translation>رمز شريطي KP1 سليم البنية.</translation>
    </message>
    <message>
        <source>A certificate number.</source>
        <translation>رقم شهادة.</translation>
    </message>
    <message>
        <source>Not checked: the registry&apos;s record could not be read.</source>
        <translation>لم يُتحقق: تعذرت قراءة سجل السجل المركزي.</translation>
    </message>
    <message>
        <source>The registry holds no record of %1: nothing can vouch for this certificate.</source>
        <translation>لا يحتوي السجل المركزي على أي سجل لـ %1: لا شيء يضمن هذه الشهادة.</translation>
    </message>
    <message>
        <source>Not checked: there is no signed record for this number.</source>
        <translation>لم يُتحقق: لا يوجد سجل موقَّع لهذا الرقم.</translation>
    </message>
    <message>
        <source>The registry&apos;s record for this number is malformed: %1</source>
        <translation>سجل السجل المركزي لهذا الرقم مشوّه: %1</translation>
    </message>
    <message>
        <source>A certificate number; its signed registry record was checked.</source>
        <translation>رقم شهادة؛ تم التحقق من سجله الموقَّع في السجل المركزي.</translation>
    </message>
    <message>
        <source>The registry holds a signed record.</source>
        <translation>يحتوي السجل المركزي على سجل موقَّع.</translation>
    </message>
    <message>
        <source>a shipment under this certificate was already released at this desk on %1 (releases here: %2)</source>
        <translation>أُفرج مسبقًا عن شحنة بموجب هذه الشهادة في هذا المكتب في %1 (مرات الإفراج هنا: %2)</translation>
    </message>
    <message>
        <source>No shipment under this certificate was released before.</source>
        <translation>لم يُفرج من قبل عن أي شحنة بموجب هذه الشهادة.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>التوقيع</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>الموقِّع</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>الحقول</translation>
    </message>
    <message>
        <source>Validity dates</source>
        <translation>تواريخ الصلاحية</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>المشاركون</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>العقوبات</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>السجل المركزي</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>الإلغاء</translation>
    </message>
    <message>
        <source>Used before</source>
        <translation>استخدام سابق</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <source>Data freshness</source>
        <translation>حداثة البيانات</translation>
    </message>
    <message>
        <source>Not a certificate: check what you typed.</source>
        <translation>ليست شهادة: تحقق مما كتبته.</translation>
    </message>
    <message>
        <source>&quot;KP&quot; is not a country of origin: a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>&quot;KP&quot; ليس بلد منشأ: تذكر الشهادة البلدان التي استُخرج فيها الماس، أو يُشار فيها إلى أنه من منشأ مختلط.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a country (ISO 3166-1): a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>بلد المنشأ &quot;%1&quot; ليس بلدًا (ISO 3166-1): تذكر الشهادة البلدان التي استُخرج فيها الماس، أو يُشار فيها إلى أنه من منشأ مختلط.</translation>
    </message>
    <message>
        <source>The lots&apos; carat weights add up to more than any shipment can weigh.</source>
        <translation>مجموع أوزان الدفعات بالقيراط يتجاوز ما يمكن أن تزنه أي شحنة.</translation>
    </message>
    <message>
        <source>The lots&apos; values add up to more than any shipment can be worth.</source>
        <translation>مجموع قيم الدفعات يتجاوز ما يمكن أن تبلغه قيمة أي شحنة.</translation>
    </message>
    <message>
        <source>The lots&apos; values or weights add up to more than any shipment: examine the certificate.</source>
        <translation>مجموع قيم الدفعات أو أوزانها يتجاوز ما يمكن لأي شحنة: افحص الشهادة.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSign1</name>
    <message>
        <source>Not a COSE_Sign1: the CBOR tag is not 18.</source>
        <translation>ليس COSE_Sign1: وسم CBOR ليس 18.</translation>
    </message>
    <message>
        <source>Not a COSE_Sign1: expected an array of four elements.</source>
        <translation>ليس COSE_Sign1: المتوقع مصفوفة من أربعة عناصر.</translation>
    </message>
    <message>
        <source>The COSE protected header must be a byte string.</source>
        <translation>يجب أن تكون الترويسة المحمية لـ COSE سلسلة بايتات.</translation>
    </message>
    <message>
        <source>The COSE unprotected header must be a map.</source>
        <translation>يجب أن تكون الترويسة غير المحمية لـ COSE خريطة.</translation>
    </message>
    <message>
        <source>The COSE payload must be a byte string (detached payloads are not allowed).</source>
        <translation>يجب أن تكون حمولة COSE سلسلة بايتات (الحمولات المنفصلة غير مسموحة).</translation>
    </message>
    <message>
        <source>The COSE signature must be a byte string.</source>
        <translation>يجب أن يكون توقيع COSE سلسلة بايتات.</translation>
    </message>
    <message>
        <source>The COSE protected header is not a map.</source>
        <translation>الترويسة المحمية لـ COSE ليست خريطة.</translation>
    </message>
    <message>
        <source>The COSE protected header has no integer algorithm (label 1).</source>
        <translation>لا تحتوي الترويسة المحمية لـ COSE على خوارزمية بعدد صحيح (الوسم 1).</translation>
    </message>
    <message>
        <source>The COSE key identifier (label 4) must be a byte string.</source>
        <translation>يجب أن يكون معرّف مفتاح COSE (الوسم 4) سلسلة بايتات.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSigning</name>
    <message>
        <source>The signature does not verify with any trusted key.</source>
        <translation>لا يتحقق التوقيع بأي مفتاح موثوق.</translation>
    </message>
</context>
<context>
    <name>kp::Crypto</name>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation>ليست شهادة X.509.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the X.509 certificate.</source>
        <translation>بايتات غير متوقعة بعد شهادة X.509.</translation>
    </message>
    <message>
        <source>No certificate.</source>
        <translation>لا توجد شهادة.</translation>
    </message>
    <message>
        <source>The certificate was not issued by %1.</source>
        <translation>لم تُصدَر الشهادة من %1.</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature does not verify with %1&apos;s key.</source>
        <translation>لا يتحقق توقيع الشهادة بمفتاح %1.</translation>
    </message>
    <message>
        <source>A key is missing.</source>
        <translation>مفتاح مفقود.</translation>
    </message>
    <message>
        <source>Cannot set the certificate&apos;s name: %1</source>
        <translation>يتعذر تعيين اسم الشهادة: %1</translation>
    </message>
    <message>
        <source>Cannot add the certificate&apos;s extensions: %1</source>
        <translation>تتعذر إضافة امتدادات الشهادة: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate: %1</source>
        <translation>يتعذر توقيع الشهادة: %1</translation>
    </message>
    <message>
        <source>A certificate request needs a country and a common name.</source>
        <translation>يحتاج طلب الشهادة إلى بلد واسم شائع.</translation>
    </message>
    <message>
        <source>Cannot make the certificate request: %1</source>
        <translation>يتعذر إنشاء طلب الشهادة: %1</translation>
    </message>
    <message>
        <source>Cannot set the request&apos;s name: %1</source>
        <translation>يتعذر تعيين اسم الطلب: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate request: %1</source>
        <translation>يتعذر توقيع طلب الشهادة: %1</translation>
    </message>
    <message>
        <source>Not a certificate request.</source>
        <translation>ليس طلب شهادة.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s key is not one KP Desk uses.</source>
        <translation>مفتاح طلب الشهادة ليس من الأنواع التي يستخدمها KP Desk.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s signature does not verify.</source>
        <translation>لا يتحقق توقيع طلب الشهادة.</translation>
    </message>
    <message>
        <source>Not a P-256, RSA (2048 bits or more) or Ed25519 public key.</source>
        <translation>ليس مفتاحًا عامًا من نوع P-256 أو RSA (2048 بت أو أكثر) أو Ed25519.</translation>
    </message>
    <message>
        <source>No usable public key in the PEM text.</source>
        <translation>لا يوجد مفتاح عام صالح في نص PEM.</translation>
    </message>
    <message>
        <source>A P-256 coordinate is longer than 32 bytes.</source>
        <translation>إحداثية P-256 أطول من 32 بايت.</translation>
    </message>
    <message>
        <source>Not a point on P-256.</source>
        <translation>ليست نقطة على P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes.</source>
        <translation>المفتاح العام Ed25519 طوله 32 بايت.</translation>
    </message>
    <message>
        <source>Not an Ed25519 public key.</source>
        <translation>ليس مفتاحًا عامًا Ed25519.</translation>
    </message>
    <message>
        <source>Not an RSA public key of 2048 bits or more.</source>
        <translation>ليس مفتاحًا عامًا RSA من 2048 بت أو أكثر.</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>فشل توليد المفتاح: %1</translation>
    </message>
    <message>
        <source>No usable unencrypted private key in the PEM text.</source>
        <translation>لا يوجد مفتاح خاص غير مشفّر صالح في نص PEM.</translation>
    </message>
    <message>
        <source>Not a P-256 key pair.</source>
        <translation>ليس زوج مفاتيح P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 private key is 32 bytes.</source>
        <translation>المفتاح الخاص Ed25519 طوله 32 بايت.</translation>
    </message>
    <message>
        <source>Not an Ed25519 private key.</source>
        <translation>ليس مفتاحًا خاصًا Ed25519.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the key.</source>
        <translation>الخوارزمية %1 لا تطابق المفتاح.</translation>
    </message>
    <message>
        <source>An ES256 signature is 64 bytes, not %1.</source>
        <translation>توقيع ES256 طوله 64 بايت، وليس %1.</translation>
    </message>
    <message>
        <source>An EdDSA signature is 64 bytes, not %1.</source>
        <translation>توقيع EdDSA طوله 64 بايت، وليس %1.</translation>
    </message>
    <message>
        <source>The signature does not verify.</source>
        <translation>لا يتحقق التوقيع.</translation>
    </message>
    <message>
        <source>Signing failed: %1</source>
        <translation>فشل التوقيع: %1</translation>
    </message>
</context>
<context>
    <name>kp::DemoDesk</name>
    <message>
        <source>No demo issuer for %1.</source>
        <translation>لا توجد جهة إصدار تجريبية لـ %1.</translation>
    </message>
    <message>
        <source>Kimberley Process Certificate</source>
        <translation>شهادة عملية كيمبرلي</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>تتعذر كتابة %1.</translation>
    </message>
    <message>
        <source>Cannot clear %1.</source>
        <translation>يتعذر إفراغ %1.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>يتعذر إنشاء %1.</translation>
    </message>
    <message>
        <source>Botswana, genuine (ES256, QR)</source>
        <translation>بوتسوانا، أصلية (ES256، QR)</translation>
    </message>
    <message>
        <source>Namibia, genuine (EdDSA, Data Matrix)</source>
        <translation>ناميبيا، أصلية (EdDSA، Data Matrix)</translation>
    </message>
    <message>
        <source>Canada, genuine (PS256, QR)</source>
        <translation>كندا، أصلية (PS256، QR)</translation>
    </message>
    <message>
        <source>Canada, number only (Code 128), checked against the registry</source>
        <translation>كندا، الرقم فقط (Code 128)، مُتحقَّق منها مقابل السجل المركزي</translation>
    </message>
    <message>
        <source>Forged: carats altered after signing</source>
        <translation>مزوَّرة: عُدّلت القراريط بعد التوقيع</translation>
    </message>
    <message>
        <source>Forged: signed by a rogue key</source>
        <translation>مزوَّرة: موقَّعة بمفتاح غير شرعي</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهية الصلاحية</translation>
    </message>
    <message>
        <source>Reported stolen (delta bundle)</source>
        <translation>مُبلَّغ عن سرقتها (حزمة فرق)</translation>
    </message>
    <message>
        <source>Already imported elsewhere</source>
        <translation>مستوردة مسبقًا في مكان آخر</translation>
    </message>
    <message>
        <source>Russian origin: national ban</source>
        <translation>منشأ روسي: حظر وطني</translation>
    </message>
    <message>
        <source>Value far below the usual range</source>
        <translation>قيمة أقل بكثير من النطاق المعتاد</translation>
    </message>
    <message>
        <source>Addressed to another participant</source>
        <translation>موجهة إلى مشارك آخر</translation>
    </message>
    <message>
        <source>Number unknown to the registry (Code 128)</source>
        <translation>رقم غير معروف في السجل المركزي (Code 128)</translation>
    </message>
    <message>
        <source>KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made by &apos;kpdesk-cli demo&apos;; none of it is a real Kimberley Process certificate.
</source>
        <translation>مكتب تجريبي (DEMO) لـ KP Desk. كل ما هنا (المفاتيح والشهادات والحزم) بيانات تجريبية أنشأها &apos;kpdesk-cli demo&apos;؛ لا شيء منها شهادة حقيقية لعملية كيمبرلي.
</translation>
    </message>
</context>
<context>
    <name>kp::DeskEnrolment</name>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>تعذرت كتابة سجل التدقيق للمكتب: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>تتعذر قراءة %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 كبير جدًا.</translation>
    </message>
</context>
<context>
    <name>kp::DeskIdentity</name>
    <message>
        <source>Enrol it: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;, have the home authority sign the request (&apos;kpdesk-cli authority enrol&apos;), then &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</source>
        <translation>سجّله: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;، واطلب من السلطة المرجعية توقيع الطلب (&apos;kpdesk-cli authority enrol&apos;)، ثم &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</translation>
    </message>
    <message>
        <source>Cannot write the desk&apos;s key file %1: %2</source>
        <translation>تتعذر كتابة ملف مفتاح المكتب %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 is missing.</source>
        <translation>ملف مفتاح المكتب %1 مفقود.</translation>
    </message>
    <message>
        <source>Cannot read the desk&apos;s key file %1: %2</source>
        <translation>تتعذر قراءة ملف مفتاح المكتب %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 can be read by other users: it must be readable by the desk&apos;s user only (chmod 600), and the desk enrolled again if others may have read it.</source>
        <translation>ملف مفتاح المكتب %1 قابل للقراءة من مستخدمين آخرين: يجب أن يقرأه مستخدم المكتب فقط (chmod 600)، ويجب تسجيل المكتب مجددًا إن كان آخرون قد قرؤوه.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 holds no usable private key.</source>
        <translation>لا يحتوي ملف مفتاح المكتب %1 على مفتاح خاص صالح.</translation>
    </message>
    <message>
        <source>The desk has no participant yet: run &apos;kpdesk-cli init&apos; first.</source>
        <translation>لا يوجد مشارك للمكتب بعد: شغّل &apos;kpdesk-cli init&apos; أولًا.</translation>
    </message>
    <message>
        <source>The certificate is a CA certificate, not a desk certificate.</source>
        <translation>الشهادة شهادة جهة تصديق (CA)، وليست شهادة مكتب.</translation>
    </message>
    <message>
        <source>The certificate does not allow digital signatures.</source>
        <translation>لا تسمح الشهادة بالتوقيعات الرقمية.</translation>
    </message>
    <message>
        <source>The certificate does not allow client authentication (extended key usage clientAuth).</source>
        <translation>لا تسمح الشهادة بمصادقة العميل (استخدام المفتاح الموسّع clientAuth).</translation>
    </message>
    <message>
        <source>The desk holds no authority CA of %1: sync the desk with its home authority first.</source>
        <translation>لا يملك المكتب أي جهة تصديق (CA) لسلطة %1: نفّذ مزامنة المكتب مع سلطته المرجعية أولًا.</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority CA of %1 that the desk holds.</source>
        <translation>لم تُصدَر الشهادة من جهة تصديق (CA) لسلطة %1 يملكها المكتب.</translation>
    </message>
    <message>
        <source>This desk is not enrolled with its home authority.</source>
        <translation>هذا المكتب غير مسجَّل لدى سلطته المرجعية.</translation>
    </message>
    <message>
        <source>The desk&apos;s installed certificate cannot be read.</source>
        <translation>تتعذر قراءة الشهادة المثبَّتة للمكتب.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 does not match its certificate.</source>
        <translation>ملف مفتاح المكتب %1 لا يطابق شهادته.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2: use the participant code, the post and the desk, e.g. %2-ANR-03.</source>
        <translation>&apos;%1&apos; ليس معرّف مكتب لـ %2: استخدم رمز المشارك والمركز والمكتب، مثلًا %2-ANR-03.</translation>
    </message>
    <message>
        <source>This desk is already enrolled as %1. Enrolling it again makes a new key, and its current certificate stops working until the new one is installed: add --force to do so.</source>
        <translation>هذا المكتب مسجَّل مسبقًا باسم %1. تسجيله مجددًا ينشئ مفتاحًا جديدًا، وتتوقف شهادته الحالية عن العمل حتى تثبيت الجديدة: أضف --force لفعل ذلك.</translation>
    </message>
    <message>
        <source>This desk has not asked for a certificate yet.</source>
        <translation>لم يطلب هذا المكتب شهادة بعد.</translation>
    </message>
    <message>
        <source>The file holds no X.509 certificate (PEM).</source>
        <translation>لا يحتوي الملف على شهادة X.509 (PEM).</translation>
    </message>
    <message>
        <source>The certificate is for another key than this desk&apos;s.</source>
        <translation>الشهادة لمفتاح غير مفتاح هذا المكتب.</translation>
    </message>
    <message>
        <source>The certificate is for participant &apos;%1&apos;; this desk works for %2.</source>
        <translation>الشهادة للمشارك &apos;%1&apos;؛ هذا المكتب يعمل لـ %2.</translation>
    </message>
    <message>
        <source>The certificate is for desk &apos;%1&apos;; this desk asked for %2.</source>
        <translation>الشهادة للمكتب &apos;%1&apos;؛ هذا المكتب طلب %2.</translation>
    </message>
    <message>
        <source>The certificate is not valid now: it is valid from %1 to %2 (UTC).</source>
        <translation>الشهادة غير صالحة الآن: صالحة من %1 إلى %2 (UTC).</translation>
    </message>
</context>
<context>
    <name>kp::DeskRecords</name>
    <message>
        <source>Wrong name or password.</source>
        <translation>اسم أو كلمة مرور خاطئة.</translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>لا يوجد سجل كهذا: %1.</translation>
    </message>
    <message>
        <source>The text is too long (%1 characters; at most %2).</source>
        <translation>النص طويل جدًا (%1 محرفًا؛ الحد الأقصى %2).</translation>
    </message>
    <message>
        <source>Nobody is signed in with this account.</source>
        <translation>لا أحد مسجِّل الدخول بهذا الحساب.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>هذا الحساب معطَّل. راجع المسؤول.</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>يوجد حساب باسم %1 مسبقًا.</translation>
    </message>
    <message>
        <source>The idle lock is 1 to 240 minutes.</source>
        <translation>مدة القفل عند الخمول من 1 إلى 240 دقيقة.</translation>
    </message>
    <message>
        <source>The outbox&apos;s intake is an https:// URL without a name or password in it.</source>
        <translation>عنوان استلام صندوق الصادر هو عنوان https:// لا يتضمن اسمًا أو كلمة مرور.</translation>
    </message>
    <message>
        <source>No physical check was recorded: count and weigh the shipment first.</source>
        <translation>لم يُسجَّل أي فحص مادي: عُدّ الشحنة وزِنها أولًا.</translation>
    </message>
    <message>
        <source>The verdict is %1, not accept: only a supervisor&apos;s decision on a case can release this shipment.</source>
        <translation>الحكم %1، وليس accept: لا يمكن الإفراج عن هذه الشحنة إلا بقرار مشرف في قضية.</translation>
    </message>
    <message>
        <source>A flag needs at least one reason.</source>
        <translation>يحتاج الإبلاغ إلى سبب واحد على الأقل.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>تحتاج الملاحظة إلى نص.</translation>
    </message>
    <message>
        <source>Evidence needs at least one file.</source>
        <translation>يحتاج الدليل إلى ملف واحد على الأقل.</translation>
    </message>
    <message>
        <source>A decision needs its reason.</source>
        <translation>يحتاج القرار إلى سببه.</translation>
    </message>
    <message>
        <source>This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol).</source>
        <translation>لا يستطيع هذا المكتب توقيع الرسائل بعد: غير مسجَّل (kpdesk-cli enrol).</translation>
    </message>
    <message>
        <source>An escalation needs at least one addressee.</source>
        <translation>يحتاج التصعيد إلى مرسَل إليه واحد على الأقل.</translation>
    </message>
    <message>
        <source>Reopening a case needs its reason.</source>
        <translation>تحتاج إعادة فتح القضية إلى سبب.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an entry of its own.</source>
        <translation>&apos;%1&apos; ليس قيدًا مستقلًا.</translation>
    </message>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>القيد %1 مخزَّن في الصف %2.</translation>
    </message>
    <message>
        <source>An account&apos;s name has 1 to %1 characters, no control, invisible or direction characters, and does not start with &apos;cli:&apos;.</source>
        <translation>يتكون اسم الحساب من 1 إلى %1 محرف، دون محارف تحكم أو محارف غير مرئية أو محارف اتجاه، ولا يبدأ بـ &apos;cli:&apos;.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 (inspection %3): a certificate is released once.</source>
        <translation>سبق الإفراج عن الشهادة %1 في %2 (التفتيش %3): يُفرج عن الشهادة مرة واحدة فقط.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is released once.</source>
        <translation>سبق الإفراج عن الشهادة %1 في %2 بواسطة %3 (التفتيش %4): يُفرج عن الشهادة مرة واحدة فقط.</translation>
    </message>
    <message>
        <source>The password of %1 was set by someone else: %1 must change it before doing anything else.</source>
        <translation>عيّن شخص آخر كلمة مرور %1: يجب على %1 تغييرها قبل القيام بأي شيء آخر.</translation>
    </message>
    <message>
        <source>This desk has accounts: an administrator signs in to add another.</source>
        <translation>توجد حسابات في هذا المكتب: لإضافة حساب آخر يجب أن يسجّل مسؤول الدخول.</translation>
    </message>
    <message>
        <source>The name %1 looks like the existing account %2: choose another.</source>
        <translation>الاسم %1 يشبه الحساب الموجود %2: اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>The account %1 is not disabled.</source>
        <translation>الحساب %1 غير معطَّل.</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 هو %2 بالفعل.</translation>
    </message>
    <message>
        <source>The physical check of this inspection is already recorded: record a correction, with its reason, to change it.</source>
        <translation>الفحص المادي لهذا التفتيش مسجَّل مسبقًا: سجّل تصحيحًا، مع سببه، لتغييره.</translation>
    </message>
    <message>
        <source>A correction needs its reason.</source>
        <translation>يحتاج التصحيح إلى سبب.</translation>
    </message>
    <message>
        <source>No physical check of this inspection is recorded: there is nothing to correct.</source>
        <translation>لم يُسجَّل أي فحص مادي لهذا التفتيش: لا يوجد ما يُصحَّح.</translation>
    </message>
    <message>
        <source>The physical check is already so: nothing was corrected.</source>
        <translation>الفحص المادي مسجَّل على هذا النحو مسبقًا: لم يُصحَّح شيء.</translation>
    </message>
    <message>
        <source>A case holds this shipment: only a supervisor&apos;s decision on the case can release it.</source>
        <translation>هذه الشحنة محجوزة بموجب قضية: لا يمكن الإفراج عنها إلا بقرار مشرف في القضية.</translation>
    </message>
</context>
<context>
    <name>kp::DeskRegistry</name>
    <message>
        <source>Cannot read the list of desks %1: %2</source>
        <translation>تتعذر قراءة قائمة المكاتب %1: %2</translation>
    </message>
    <message>
        <source>The list of desks %1 is damaged.</source>
        <translation>قائمة المكاتب %1 تالفة.</translation>
    </message>
    <message>
        <source>Cannot write the list of desks %1: %2</source>
        <translation>تتعذر كتابة قائمة المكاتب %1: %2</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 to issue desk certificates with (issuers/%1/ca-key.pem).</source>
        <translation>لا تملك البنية (PKI) جهة تصديق (CA) لسلطة المشارك المرجعي %1 لإصدار شهادات المكاتب (issuers/%1/ca-key.pem).</translation>
    </message>
    <message>
        <source>A desk certificate is valid from 1 to 3650 days.</source>
        <translation>شهادة المكتب صالحة من 1 إلى 3650 يومًا.</translation>
    </message>
    <message>
        <source>The request is for participant &apos;%1&apos;; this authority enrols desks of %2.</source>
        <translation>الطلب للمشارك &apos;%1&apos;؛ هذه السلطة تسجّل مكاتب %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2 (e.g. %2-ANR-03).</source>
        <translation>&apos;%1&apos; ليس معرّف مكتب لـ %2 (مثلًا %2-ANR-03).</translation>
    </message>
    <message>
        <source>A desk&apos;s key is EC P-256 or Ed25519.</source>
        <translation>مفتاح المكتب من نوع EC P-256 أو Ed25519.</translation>
    </message>
    <message>
        <source>Desk %1 is already enrolled with another key: revoke it first (&apos;kpdesk-cli authority revoke-desk&apos;), then enrol it again.</source>
        <translation>المكتب %1 مسجَّل مسبقًا بمفتاح آخر: ألغِه أولًا (&apos;kpdesk-cli authority revoke-desk&apos;)، ثم سجّله مجددًا.</translation>
    </message>
    <message>
        <source>No certificate of desk %1 is in force.</source>
        <translation>لا توجد شهادة سارية للمكتب %1.</translation>
    </message>
</context>
<context>
    <name>kp::DeterministicCbor</name>
    <message>
        <source>The data has more than %1 items.</source>
        <translation>تحتوي البيانات على أكثر من %1 عنصر.</translation>
    </message>
    <message>
        <source>The data holds a CBOR tag; tags are not allowed.</source>
        <translation>تحتوي البيانات على وسم CBOR؛ الوسوم غير مسموحة.</translation>
    </message>
    <message>
        <source>The data holds text that is not valid Unicode.</source>
        <translation>تحتوي البيانات على نص ليس Unicode صالحًا.</translation>
    </message>
    <message>
        <source>The data holds a floating-point number; amounts must be integers.</source>
        <translation>تحتوي البيانات على عدد عشري؛ يجب أن تكون المبالغ أعدادًا صحيحة.</translation>
    </message>
    <message>
        <source>The data holds the value undefined.</source>
        <translation>تحتوي البيانات على القيمة undefined.</translation>
    </message>
    <message>
        <source>The data holds a CBOR simple value other than false, true and null.</source>
        <translation>تحتوي البيانات على قيمة CBOR بسيطة غير false و true و null.</translation>
    </message>
    <message>
        <source>The data takes more than %1 bytes.</source>
        <translation>تشغل البيانات أكثر من %1 بايت.</translation>
    </message>
    <message>
        <source>The data nests deeper than %1 levels.</source>
        <translation>تتداخل البيانات بأكثر من %1 مستوى.</translation>
    </message>
    <message>
        <source>The data has a map key that is not text.</source>
        <translation>تحتوي البيانات على مفتاح خريطة ليس نصًا.</translation>
    </message>
    <message>
        <source>The data has the key “%1” twice.</source>
        <translation>تحتوي البيانات على المفتاح &quot;%1&quot; مرتين.</translation>
    </message>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR مشوّه: %1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>لا بيانات</translation>
    </message>
    <message>
        <source>bytes after the end of the data</source>
        <translation>بايتات بعد نهاية البيانات</translation>
    </message>
    <message>
        <source>the data ends too early</source>
        <translation>تنتهي البيانات مبكرًا</translation>
    </message>
    <message>
        <source>Not the deterministic CBOR encoding (RFC 8949, section 4.2.1): %1</source>
        <translation>ليس ترميز CBOR الحتمي (RFC 8949، القسم 4.2.1): %1</translation>
    </message>
    <message>
        <source>an indefinite length, which the deterministic encoding does not use</source>
        <translation>طول غير محدد، لا يستخدمه الترميز الحتمي</translation>
    </message>
    <message>
        <source>a reserved additional information value</source>
        <translation>قيمة معلومات إضافية محجوزة</translation>
    </message>
    <message>
        <source>an integer or length in a longer form than needed</source>
        <translation>عدد صحيح أو طول بصيغة أطول من اللازم</translation>
    </message>
    <message>
        <source>The data holds an integer outside the 64-bit signed range.</source>
        <translation>تحتوي البيانات على عدد صحيح خارج نطاق 64 بت بإشارة.</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>النص ليس UTF-8 صالحًا</translation>
    </message>
    <message>
        <source>The data has the same map key twice.</source>
        <translation>تحتوي البيانات على مفتاح الخريطة نفسه مرتين.</translation>
    </message>
    <message>
        <source>map keys out of order</source>
        <translation>مفاتيح الخريطة ليست بالترتيب</translation>
    </message>
</context>
<context>
    <name>kp::EventSignature</name>
    <message>
        <source>The case event %1 is too large to sign.</source>
        <translation>حدث القضية %1 أكبر من أن يُوقَّع.</translation>
    </message>
    <message>
        <source>The signature does not match the event as the office holds it.</source>
        <translation>لا يطابق التوقيع الحدث كما تحتفظ به الدائرة.</translation>
    </message>
    <message>
        <source>The batch %1 of case events cannot be signed.</source>
        <translation>لا يمكن توقيع الدفعة %1 من أحداث القضايا.</translation>
    </message>
</context>
<context>
    <name>kp::ImageScan</name>
    <message>
        <source>No barcode was found in the image.</source>
        <translation>لم يُعثر على رمز شريطي في الصورة.</translation>
    </message>
</context>
<context>
    <name>kp::InspectionRows</name>
    <message>
        <source>The desk&apos;s inspections cannot be read.</source>
        <translation>تتعذر قراءة تفتيشات المكتب.</translation>
    </message>
</context>
<context>
    <name>kp::Kp1</name>
    <message>
        <source>Not a KP1 barcode (it does not start with KP1:).</source>
        <translation>ليس رمزًا شريطيًا KP1 (لا يبدأ بـ KP1:).</translation>
    </message>
    <message>
        <source>The KP1 text is longer than any KP1 code can be.</source>
        <translation>نص KP1 أطول مما يمكن أن يكون عليه أي رمز KP1.</translation>
    </message>
    <message>
        <source>The KP1 text has a character outside Base45.</source>
        <translation>يحتوي نص KP1 على محرف خارج Base45.</translation>
    </message>
</context>
<context>
    <name>kp::KpMessage</name>
    <message>
        <source>%1 must be text.</source>
        <translation>يجب أن يكون %1 نصًا.</translation>
    </message>
    <message>
        <source>%1 must be an unsigned integer.</source>
        <translation>يجب أن يكون %1 عددًا صحيحًا بلا إشارة.</translation>
    </message>
    <message>
        <source>%1 must be a map.</source>
        <translation>يجب أن يكون %1 خريطة.</translation>
    </message>
    <message>
        <source>%1 must be a list of text.</source>
        <translation>يجب أن يكون %1 قائمة نصوص.</translation>
    </message>
    <message>
        <source>body.no is not a certificate number.</source>
        <translation>body.no ليس رقم شهادة.</translation>
    </message>
    <message>
        <source>body.recv must be a date (YYYY-MM-DD).</source>
        <translation>يجب أن يكون body.recv تاريخًا (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>body.checks must be a list of at most %1 checks.</source>
        <translation>يجب أن يكون body.checks قائمة من %1 فحص على الأكثر.</translation>
    </message>
    <message>
        <source>Each of body.checks must be a map.</source>
        <translation>يجب أن يكون كل عنصر في body.checks خريطة.</translation>
    </message>
    <message>
        <source>A check&apos;s status must be pass, warn, fail or skip.</source>
        <translation>يجب أن تكون حالة الفحص pass أو warn أو fail أو skip.</translation>
    </message>
    <message>
        <source>body.files must be a list of at most %1 files.</source>
        <translation>يجب أن يكون body.files قائمة من %1 ملف على الأكثر.</translation>
    </message>
    <message>
        <source>Each of body.files must be a map.</source>
        <translation>يجب أن يكون كل عنصر في body.files خريطة.</translation>
    </message>
    <message>
        <source>A file needs its sha256 (32 bytes) and its data.</source>
        <translation>يحتاج الملف إلى sha256 الخاص به (32 بايت) وبياناته.</translation>
    </message>
    <message>
        <source>The files of a message may hold at most %1 MiB in all.</source>
        <translation>لا يجوز أن يتجاوز مجموع ملفات الرسالة %1 MiB.</translation>
    </message>
    <message>
        <source>The file %1 does not match its sha256.</source>
        <translation>الملف %1 لا يطابق sha256 الخاص به.</translation>
    </message>
    <message>
        <source>body.case must be the case&apos;s UUID.</source>
        <translation>يجب أن يكون body.case معرّف UUID للقضية.</translation>
    </message>
    <message>
        <source>body.verdict must be accept, doubt or reject.</source>
        <translation>يجب أن تكون قيمة body.verdict هي accept أو doubt أو reject.</translation>
    </message>
    <message>
        <source>An addressee is a participant&apos;s code, KP-CHAIR or KP-WGM, not %1.</source>
        <translation>المرسَل إليه رمز مشارك أو KP-CHAIR أو KP-WGM، وليس %1.</translation>
    </message>
    <message>
        <source>Not a kpmsg version 1 message.</source>
        <translation>ليست رسالة kpmsg من الإصدار 1.</translation>
    </message>
    <message>
        <source>kind must be confirmation or doubt.</source>
        <translation>يجب أن تكون قيمة kind هي confirmation أو doubt.</translation>
    </message>
    <message>
        <source>id must be 16 bytes.</source>
        <translation>يجب أن يكون id بطول 16 بايت.</translation>
    </message>
    <message>
        <source>at must be a time in RFC 3339 with its zone.</source>
        <translation>يجب أن يكون at وقتًا بصيغة RFC 3339 مع منطقته الزمنية.</translation>
    </message>
    <message>
        <source>audit must be [entries, the head&apos;s 32-byte hash].</source>
        <translation>يجب أن يكون audit بالشكل [القيود، بصمة الرأس من 32 بايت].</translation>
    </message>
    <message>
        <source>n counts from 1.</source>
        <translation>يبدأ عدّ n من 1.</translation>
    </message>
    <message>
        <source>The desk&apos;s id may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>قد يحتوي معرّف المكتب على أحرف وأرقام و &apos;.&apos; و &apos;_&apos; و &apos;-&apos; (64 على الأكثر).</translation>
    </message>
    <message>
        <source>pt must be a participant&apos;s two-letter code.</source>
        <translation>يجب أن يكون pt رمز مشارك من حرفين.</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>الرسالة كبيرة جدًا.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB.</source>
        <translation>لا يجوز أن تتجاوز الرسالة %1 MiB.</translation>
    </message>
    <message>
        <source>The message does not carry its desk certificate (x5chain).</source>
        <translation>لا تحمل الرسالة شهادة مكتبها (x5chain).</translation>
    </message>
    <message>
        <source>The signature does not verify with the desk certificate it carries.</source>
        <translation>لا يتحقق التوقيع بشهادة المكتب التي تحملها الرسالة.</translation>
    </message>
    <message>
        <source>The payload is not a map.</source>
        <translation>الحمولة ليست خريطة.</translation>
    </message>
    <message>
        <source>The message says desk %1 of %2, its certificate %3 of %4.</source>
        <translation>تذكر الرسالة المكتب %1 التابع لـ %2، وشهادتها %3 التابعة لـ %4.</translation>
    </message>
</context>
<context>
    <name>kp::Lockout</name>
    <message>
        <source>This account is locked after repeated failed sign-ins until %1 UTC.</source>
        <translation>هذا الحساب مقفل بعد محاولات دخول فاشلة متكررة حتى %1 UTC.</translation>
    </message>
</context>
<context>
    <name>kp::MessageFactory</name>
    <message>
        <source>The inspection has no certificate record to confirm.</source>
        <translation>لا يحتوي التفتيش على سجل شهادة لتأكيده.</translation>
    </message>
    <message>
        <source>The attachment %1 could not be read in full.</source>
        <translation>تعذرت قراءة المرفق %1 بالكامل.</translation>
    </message>
</context>
<context>
    <name>kp::MessageInbox</name>
    <message>
        <source>Cannot move %1 to %2: %3</source>
        <translation>يتعذر نقل %1 إلى %2: %3</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not issued by this authority&apos;s CA.</source>
        <translation>لم تُصدَر شهادة المكتب %1 من جهة التصديق (CA) لهذه السلطة.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not a desk certificate (it is a CA, or may not sign).</source>
        <translation>شهادة %1 ليست شهادة مكتب (إنها CA، أو لا يجوز لها التوقيع).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not valid when the message was made (%2; valid %3 to %4).</source>
        <translation>لم تكن شهادة المكتب %1 صالحة عند إنشاء الرسالة (%2؛ صالحة من %3 إلى %4).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 names participant %2, its CA %3.</source>
        <translation>تسمّي شهادة المكتب %1 المشارك %2، وجهة تصديقها %3.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ليس مجلدًا.</translation>
    </message>
    <message>
        <source>%1 must be a folder of its own.</source>
        <translation>يجب أن يكون %1 مجلدًا مستقلًا.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>يتعذر إنشاء %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>تتعذر قراءة الملف: %1</translation>
    </message>
    <message>
        <source>A different message with the id %1 was already taken.</source>
        <translation>سبق استلام رسالة مختلفة بالمعرّف %1.</translation>
    </message>
    <message>
        <source>Cannot remove %1, a copy of %2.</source>
        <translation>يتعذر حذف %1، وهو نسخة من %2.</translation>
    </message>
    <message>
        <source>The message of %1 says it was made at %2, after it was received (%3).</source>
        <translation>تذكر رسالة %1 أنها أُنشئت في %2، أي بعد استلامها (%3).</translation>
    </message>
    <message numerus="yes">
        <source>The desk certificate of %1 expired on %2, more than %Ln day(s) before the message was received (%3): a message signed after that could claim any earlier time.</source>
        <translation>
            <numerusform>انتهت صلاحية شهادة المكتب %1 في %2، قبل استلام الرسالة (%3) بأكثر من %Ln يوم: يمكن لرسالة موقَّعة بعد ذلك أن تدّعي أي وقت سابق.</numerusform>
            <numerusform>انتهت صلاحية شهادة المكتب %1 في %2، قبل استلام الرسالة (%3) بأكثر من يوم واحد: يمكن لرسالة موقَّعة بعد ذلك أن تدّعي أي وقت سابق.</numerusform>
            <numerusform>انتهت صلاحية شهادة المكتب %1 في %2، قبل استلام الرسالة (%3) بأكثر من يومين: يمكن لرسالة موقَّعة بعد ذلك أن تدّعي أي وقت سابق.</numerusform>
            <numerusform>انتهت صلاحية شهادة المكتب %1 في %2، قبل استلام الرسالة (%3) بأكثر من %Ln أيام: يمكن لرسالة موقَّعة بعد ذلك أن تدّعي أي وقت سابق.</numerusform>
            <numerusform>انتهت صلاحية شهادة المكتب %1 في %2، قبل استلام الرسالة (%3) بأكثر من %Ln يومًا: يمكن لرسالة موقَّعة بعد ذلك أن تدّعي أي وقت سابق.</numerusform>
            <numerusform>انتهت صلاحية شهادة المكتب %1 في %2، قبل استلام الرسالة (%3) بأكثر من %Ln يوم: يمكن لرسالة موقَّعة بعد ذلك أن تدّعي أي وقت سابق.</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s list of desks was not given: no message can be taken.</source>
        <translation>لم تُعطَ قائمة مكاتب السلطة: لا يمكن قبول أي رسالة.</translation>
    </message>
    <message>
        <source>The desk certificate of %1 is revoked, or is not in the authority&apos;s list of desks.</source>
        <translation>شهادة المكتب %1 ملغاة، أو غير موجودة في قائمة مكاتب السلطة.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB; this file holds %2 bytes or more.</source>
        <translation>لا يجوز أن تتجاوز الرسالة %1 MiB؛ يحتوي هذا الملف على %2 بايت أو أكثر.</translation>
    </message>
    <message>
        <source>Not a regular file (a link, a folder, a pipe or a device).</source>
        <translation>ليس ملفًا عاديًا (رابط أو مجلد أو أنبوب أو جهاز).</translation>
    </message>
</context>
<context>
    <name>kp::MessageLedger</name>
    <message>
        <source>Cannot read the message ledger %1: %2</source>
        <translation>تتعذر قراءة دفتر الرسائل %1: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a message ledger: give the path of a file.</source>
        <translation>لا يمكن أن يكون &apos;%1&apos; دفتر رسائل: أعطِ مسار ملف.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ليس ملفًا.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>يتعذر إنشاء المجلد %1.</translation>
    </message>
    <message>
        <source>Cannot open the message ledger %1: %2</source>
        <translation>يتعذر فتح دفتر الرسائل %1: %2</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (ledger schema %2; this one knows %3). It was not changed.</source>
        <translation>أُنشئ %1 بإصدار أحدث من KP Desk (مخطط الدفتر %2؛ هذا الإصدار يعرف %3). لم يُغيَّر.</translation>
    </message>
    <message>
        <source>Cannot bring the message ledger %1 to schema %2: %3</source>
        <translation>يتعذر ترقية دفتر الرسائل %1 إلى المخطط %2: %3</translation>
    </message>
    <message>
        <source>Cannot write the message ledger %1: %2</source>
        <translation>تتعذر كتابة دفتر الرسائل %1: %2</translation>
    </message>
    <message>
        <source>A message with the id %1 is already in the ledger.</source>
        <translation>توجد رسالة بالمعرّف %1 في الدفتر مسبقًا.</translation>
    </message>
    <message>
        <source>unknown report kind %1</source>
        <translation>نوع تقرير غير معروف %1</translation>
    </message>
</context>
<context>
    <name>kp::OfficeDatabase</name>
    <message>
        <source>This desk cannot talk to an office: Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql).</source>
        <translation>لا يستطيع هذا المكتب الاتصال بأي دائرة: برنامج تشغيل PostgreSQL الخاص بـ Qt غير مثبَّت (Debian: libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>The office (%1) cannot be reached: %2</source>
        <translation>يتعذر الوصول إلى الدائرة (%1): %2</translation>
    </message>
    <message>
        <source>the connection to the server was lost.</source>
        <translation>انقطع الاتصال بالخادم.</translation>
    </message>
    <message>
        <source>The office (%1) answered: %2</source>
        <translation>ردّت الدائرة (%1): %2</translation>
    </message>
    <message>
        <source>The office&apos;s database (schema %1) is newer than this program (%2): update KP Desk.</source>
        <translation>قاعدة بيانات الدائرة (المخطط %1) أحدث من هذا البرنامج (%2): حدِّث KP Desk.</translation>
    </message>
    <message>
        <source>The office&apos;s database could not be brought to schema %1 (run `kpdesk-cli office-init` as its owner): %2</source>
        <translation>تعذرت ترقية قاعدة بيانات الدائرة إلى المخطط %1 (شغّل `kpdesk-cli office-init` بصفة مالكها): %2</translation>
    </message>
    <message numerus="yes">
        <source>The office (%1) stopped answering: the connection was given up after %Ln second(s) of silence.</source>
        <translation>
            <numerusform>توقفت الدائرة (%1) عن الرد: قُطع الاتصال بعد %Ln ثانية دون رد.</numerusform>
            <numerusform>توقفت الدائرة (%1) عن الرد: قُطع الاتصال بعد %Ln ثانية دون رد.</numerusform>
            <numerusform>توقفت الدائرة (%1) عن الرد: قُطع الاتصال بعد %Ln ثانيتين دون رد.</numerusform>
            <numerusform>توقفت الدائرة (%1) عن الرد: قُطع الاتصال بعد %Ln ثوانٍ دون رد.</numerusform>
            <numerusform>توقفت الدائرة (%1) عن الرد: قُطع الاتصال بعد %Ln ثانيةً دون رد.</numerusform>
            <numerusform>توقفت الدائرة (%1) عن الرد: قُطع الاتصال بعد %Ln ثانية دون رد.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::OfficeLink</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>تعذرت قراءة ملف المكتب أو الكتابة فيه: %1</translation>
    </message>
    <message>
        <source>The office&apos;s password file %1 could not be written or read.</source>
        <translation>تعذرت كتابة ملف كلمة مرور الدائرة %1 أو قراءته.</translation>
    </message>
</context>
<context>
    <name>kp::OfficeUrl</name>
    <message>
        <source>The office&apos;s address is not usable: %1</source>
        <translation>عنوان الدائرة غير صالح للاستخدام: %1</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>ليس عنوان URL.</translation>
    </message>
    <message>
        <source>it must start with postgresql://.</source>
        <translation>يجب أن يبدأ بـ postgresql://.</translation>
    </message>
    <message>
        <source>sslmode is one of %1.</source>
        <translation>قيمة sslmode واحدة من %1.</translation>
    </message>
    <message>
        <source>the parameter %1 is not known here.</source>
        <translation>المعامل %1 غير معروف هنا.</translation>
    </message>
    <message>
        <source>it names no server.</source>
        <translation>لا يحدد خادمًا.</translation>
    </message>
    <message>
        <source>it names no database (…/DATABASE).</source>
        <translation>لا يحدد قاعدة بيانات (…/DATABASE).</translation>
    </message>
    <message>
        <source>it names no user (postgresql://USER@…).</source>
        <translation>لا يحدد مستخدمًا (postgresql://USER@…).</translation>
    </message>
    <message>
        <source>sslrootcert must name a file, without &apos;;&apos;.</source>
        <translation>يجب أن يحدد sslrootcert ملفًا، دون &apos;;&apos;.</translation>
    </message>
</context>
<context>
    <name>kp::OutboxDelivery</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
    <message>
        <source>%1 answered %2 %3</source>
        <translation>أجاب %1 بـ %2 %3</translation>
    </message>
    <message>
        <source>%1: no answer for %2 s</source>
        <translation>%1: لا إجابة منذ %2 ث</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder this desk can write to (is the stick mounted?).</source>
        <translation>%1 ليس مجلدًا يستطيع هذا المكتب الكتابة فيه (هل وحدة USB موصولة؟).</translation>
    </message>
    <message>
        <source>No intake is set for the outbox (kpdesk-cli settings --outbox-intake https://...).</source>
        <translation>لم يُحدَّد عنوان استلام لصندوق الصادر (kpdesk-cli settings --outbox-intake https://...).</translation>
    </message>
</context>
<context>
    <name>kp::PasswordHash</name>
    <message>
        <source>The stored password hash is unusable: %1</source>
        <translation>بصمة كلمة المرور المخزَّنة غير صالحة للاستخدام: %1</translation>
    </message>
    <message>
        <source>it is not of the form scrypt$N=…,r=…,p=…$salt$hash</source>
        <translation>ليست بالشكل scrypt$N=…,r=…,p=…$salt$hash</translation>
    </message>
    <message>
        <source>its parameters are outside what this desk accepts</source>
        <translation>معاملاتها خارج ما يقبله هذا المكتب</translation>
    </message>
    <message>
        <source>its salt or hash is not base64</source>
        <translation>الملح أو البصمة ليسا بترميز base64</translation>
    </message>
    <message>
        <source>its salt or hash has the wrong length</source>
        <translation>طول الملح أو البصمة خاطئ</translation>
    </message>
    <message>
        <source>The scrypt parameters N=%1, r=%2, p=%3 are not supported.</source>
        <translation>معاملات scrypt وهي N=%1 و r=%2 و p=%3 غير مدعومة.</translation>
    </message>
    <message>
        <source>scrypt failed: %1</source>
        <translation>فشل scrypt: %1</translation>
    </message>
    <message>
        <source>No random bytes for the salt.</source>
        <translation>لا توجد بايتات عشوائية للملح.</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>اسم أو كلمة مرور خاطئة.</translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %Ln characters.</source>
        <translation>
            <numerusform>يجب ألا تقل كلمة المرور عن %Ln محرف.</numerusform>
            <numerusform>يجب ألا تقل كلمة المرور عن محرف واحد.</numerusform>
            <numerusform>يجب ألا تقل كلمة المرور عن محرفين.</numerusform>
            <numerusform>يجب ألا تقل كلمة المرور عن %Ln محارف.</numerusform>
            <numerusform>يجب ألا تقل كلمة المرور عن %Ln محرفًا.</numerusform>
            <numerusform>يجب ألا تقل كلمة المرور عن %Ln محرف.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at most %Ln characters.</source>
        <translation>
            <numerusform>يجب ألا تزيد كلمة المرور على %Ln محرف.</numerusform>
            <numerusform>يجب ألا تزيد كلمة المرور على محرف واحد.</numerusform>
            <numerusform>يجب ألا تزيد كلمة المرور على محرفين.</numerusform>
            <numerusform>يجب ألا تزيد كلمة المرور على %Ln محارف.</numerusform>
            <numerusform>يجب ألا تزيد كلمة المرور على %Ln محرفًا.</numerusform>
            <numerusform>يجب ألا تزيد كلمة المرور على %Ln محرف.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the account&apos;s name.</source>
        <translation>يجب ألا تكون كلمة المرور هي اسم الحساب.</translation>
    </message>
</context>
<context>
    <name>kp::PdfExport</name>
    <message>
        <source>The PDF %1 cannot be written: %2</source>
        <translation>تتعذر كتابة ملف PDF %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::Permissions</name>
    <message>
        <source>verify</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>record the physical check</source>
        <translation>تسجيل الفحص المادي</translation>
    </message>
    <message>
        <source>flag reasonable doubt</source>
        <translation>الإبلاغ عن شك معقول</translation>
    </message>
    <message>
        <source>add a note</source>
        <translation>إضافة ملاحظة</translation>
    </message>
    <message>
        <source>add evidence</source>
        <translation>إضافة دليل</translation>
    </message>
    <message>
        <source>release a shipment</source>
        <translation>الإفراج عن شحنة</translation>
    </message>
    <message>
        <source>take a case for review</source>
        <translation>تولّي قضية للمراجعة</translation>
    </message>
    <message>
        <source>decide a case</source>
        <translation>البتّ في قضية</translation>
    </message>
    <message>
        <source>escalate a case</source>
        <translation>تصعيد قضية</translation>
    </message>
    <message>
        <source>record an authority&apos;s reply</source>
        <translation>تسجيل رد سلطة</translation>
    </message>
    <message>
        <source>close a case</source>
        <translation>إغلاق قضية</translation>
    </message>
    <message>
        <source>reopen a case</source>
        <translation>إعادة فتح قضية</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>إدارة الحسابات</translation>
    </message>
    <message>
        <source>change the desk&apos;s settings</source>
        <translation>تغيير إعدادات المكتب</translation>
    </message>
    <message>
        <source>Unknown action “%1”.</source>
        <translation>إجراء غير معروف &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The role %1 may not %2.</source>
        <translation>لا يملك الدور %1 صلاحية %2.</translation>
    </message>
    <message>
        <source>Who flagged this case is not known, so the four-eyes rule cannot be checked.</source>
        <translation>هوية من أبلغ عن هذه القضية غير معروفة، لذا لا يمكن التحقق من قاعدة العينين الأربع.</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not decide it: another supervisor must (four eyes).</source>
        <translation>أبلغ %1 عن هذه القضية ولا يجوز له البتّ فيها: يجب أن يبتّ فيها مشرف آخر (العيون الأربع).</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not take it for review: another supervisor must (four eyes).</source>
        <translation>أبلغ %1 عن هذه القضية ولا يجوز له تولّيها للمراجعة: يجب أن يتولّاها مشرف آخر (العيون الأربع).</translation>
    </message>
</context>
<context>
    <name>kp::PhysicalCheck</name>
    <message>
        <source>%1 parcels counted; the certificate says %2.</source>
        <translation>عُدّ %1 طردًا؛ تذكر الشهادة %2.</translation>
    </message>
    <message>
        <source>%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).</source>
        <translation>وُزن %1 قيراط؛ تذكر الشهادة %2 قيراط (التفاوت المسموح %3 قيراط).</translation>
    </message>
    <message>
        <source>A seal is broken or tampered with.</source>
        <translation>ختم مكسور أو تم العبث به.</translation>
    </message>
    <message>
        <source>Seal numbers %1 do not match the certificate&apos;s %2.</source>
        <translation>أرقام الأختام %1 لا تطابق أرقام الشهادة %2.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>The importer on the declaration is not %1.</source>
        <translation>المستورد في البيان الجمركي ليس %1.</translation>
    </message>
</context>
<context>
    <name>kp::Publisher</name>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>يتعذر نسخ %1 إلى %2.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2: %3</source>
        <translation>يتعذر نسخ %1 إلى %2: %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>تتعذر قراءة %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>يتعذر إنشاء المجلد %1.</translation>
    </message>
    <message>
        <source>%1 holds no full snapshot: publish one first.</source>
        <translation>لا يحتوي %1 على لقطة كاملة: انشر واحدة أولًا.</translation>
    </message>
    <message>
        <source>The deltas do not lead from the newest full snapshot (seq %1) to seq %2: publish the missing delta or a new full snapshot.</source>
        <translation>لا تؤدي الفروق من أحدث لقطة كاملة (التسلسل %1) إلى التسلسل %2: انشر الفرق الناقص أو لقطة كاملة جديدة.</translation>
    </message>
    <message>
        <source>Cannot write the index in %1: %2</source>
        <translation>تتعذر كتابة الفهرس في %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::PulledCaseCheck</name>
    <message>
        <source>The flag of case %1 does not carry its case (a desk from before signed cases made it): its certificate cannot be trusted.</source>
        <translation>بلاغ القضية %1 لا يتضمن قضيته (أنشأه مكتب من إصدار سابق للقضايا الموقَّعة): لا يمكن الوثوق بشهادته.</translation>
    </message>
    <message>
        <source>The office holds a flag of case %1 but not the case.</source>
        <translation>تحتفظ الدائرة ببلاغ القضية %1 ولكن ليس بالقضية نفسها.</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>التفتيش</translation>
    </message>
    <message>
        <source>certificate %1 signed, %2 in the row</source>
        <translation>الشهادة الموقَّعة %1، وفي الصف %2</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>المشارك</translation>
    </message>
    <message>
        <source>The office&apos;s row of case %1 is not the case its desk signed: %2.</source>
        <translation>صف القضية %1 لدى الدائرة لا يطابق القضية التي وقّعها مكتبها: %2.</translation>
    </message>
    <message>
        <source>The flag of case %1 has no valid time.</source>
        <translation>ليس لبلاغ القضية %1 وقت صالح.</translation>
    </message>
</context>
<context>
    <name>kp::PulledEventCheck</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>تعذرت قراءة ملف المكتب أو الكتابة فيه: %1</translation>
    </message>
    <message>
        <source>The event is signed with a certificate that is not a desk&apos;s.</source>
        <translation>الحدث موقَّع بشهادة ليست شهادة مكتب.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not valid when the event was made.</source>
        <translation>لم تكن شهادة المكتب %1 صالحة عند إنشاء الحدث.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not issued by an authority CA of %2 that this desk holds.</source>
        <translation>لم تُصدَر شهادة المكتب %1 من جهة تصديق (CA) لسلطة %2 يملكها هذا المكتب.</translation>
    </message>
    <message>
        <source>The event is not signed by an enrolled desk.</source>
        <translation>الحدث غير موقَّع من مكتب مسجَّل.</translation>
    </message>
    <message>
        <source>The event&apos;s desk certificate cannot be read.</source>
        <translation>تتعذر قراءة شهادة المكتب الخاصة بالحدث.</translation>
    </message>
    <message>
        <source>The event claims the desk %1, which the desk certificate %2 signs for; it is signed by %3.</source>
        <translation>يدّعي الحدث أنه من المكتب %1، الذي توقّع عنه شهادة المكتب %2؛ لكنه موقَّع بـ %3.</translation>
    </message>
    <message>
        <source>The attachment %1 is not the file that was signed.</source>
        <translation>المرفق %1 ليس الملف الذي وُقِّع.</translation>
    </message>
    <message>
        <source>The event &apos;%1&apos; by %2 (%3) is not one a desk can take.</source>
        <translation>الحدث &apos;%1&apos; من %2 (%3) ليس حدثًا يمكن للمكتب قبوله.</translation>
    </message>
    <message>
        <source>The desk&apos;s file could not be read: %1</source>
        <translation>تعذرت قراءة ملف المكتب: %1</translation>
    </message>
    <message>
        <source>The desk certificate %1 was revoked by the authority on %2.</source>
        <translation>ألغت السلطة شهادة المكتب %1 في %2.</translation>
    </message>
    <message>
        <source>The event is not in the signed batch %1 it names.</source>
        <translation>الحدث غير مدرج في الدفعة الموقَّعة %1 التي يشير إليها.</translation>
    </message>
</context>
<context>
    <name>kp::Recheck</name>
    <message>
        <source>ACCEPT</source>
        <translation>مقبول</translation>
    </message>
    <message>
        <source>DOUBT</source>
        <translation>مشكوك فيه</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>pass</source>
        <comment>check status</comment>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>warn</source>
        <comment>check status</comment>
        <translation>تحذير</translation>
    </message>
    <message>
        <source>FAIL</source>
        <comment>check status</comment>
        <translation>فشل</translation>
    </message>
    <message>
        <source>skip</source>
        <comment>check status</comment>
        <translation>لم يُتحقق</translation>
    </message>
    <message>
        <source>verdict: was %1, now %2</source>
        <translation>الحكم: كان %1، والآن %2</translation>
    </message>
    <message>
        <source>%1: not in the inspection then, now %2 — %3</source>
        <translation>%1: لم يكن في التفتيش حينها، والآن %2 — %3</translation>
    </message>
    <message>
        <source>%1: was %2, not checked now</source>
        <translation>%1: كان %2، ولم يُتحقق الآن</translation>
    </message>
    <message>
        <source>%1: was %2, now %3 — %4</source>
        <translation>%1: كان %2، والآن %3 — %4</translation>
    </message>
    <message>
        <source>%1: still %2 — now: %3 (then: %4)</source>
        <translation>%1: لا يزال %2 — الآن: %3 (حينها: %4)</translation>
    </message>
    <message>
        <source>No change since %1.</source>
        <translation>لا تغيير منذ %1.</translation>
    </message>
    <message>
        <source>This inspection was stored without what was scanned, so it cannot be verified again: scan the certificate again.</source>
        <translation>حُفظ هذا التفتيش دون ما تم مسحه، لذا لا يمكن التحقق منه مجددًا: امسح الشهادة مرة أخرى.</translation>
    </message>
    <message>
        <source>Not verified again: %1</source>
        <translation>لم يُتحقق مجددًا: %1</translation>
    </message>
</context>
<context>
    <name>kp::RecordReport</name>
    <message>
        <source>(unknown)</source>
        <translation>(غير معروف)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>فشل</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>لم يُتحقق</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>No signed certificate record was read (a typed number or an unreadable code).</source>
        <translation>لم يُقرأ أي سجل شهادة موقَّع (رقم مكتوب أو رمز غير مقروء).</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Record version</source>
        <translation>إصدار السجل</translation>
    </message>
    <message>
        <source>Issuing participant</source>
        <translation>المشارك المُصدِر</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>السلطة المُصدِرة</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>تاريخ الإصدار</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>تاريخ الانتهاء</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>المنشأ</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (مختلط)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>المصدِّر</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>المستورد</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>الوجهة</translation>
    </message>
    <message>
        <source>HS %1: %2 ct, US$ %3</source>
        <translation>HS %1: %2 قيراط، %3 دولار أمريكي</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>الدفعات</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <source>%1 ct, US$ %2</source>
        <translation>%1 قيراط، %2 دولار أمريكي</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>الطرود</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>الأختام</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>لم يُسجَّل أي فحص مادي.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(لم يُتحقق)</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>البيان الجمركي</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>الطرود المعدودة</translation>
    </message>
    <message>
        <source>Mass weighed</source>
        <translation>الكتلة الموزونة</translation>
    </message>
    <message>
        <source>%1 ct (tolerance %2 ct)</source>
        <translation>%1 قيراط (التفاوت المسموح %2 قيراط)</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>الأختام سليمة</translation>
    </message>
    <message>
        <source>Seal numbers read</source>
        <translation>أرقام الأختام المقروءة</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>المستورد يطابق البيان الجمركي</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>الاختلافات</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>الحكم النهائي</translation>
    </message>
    <message>
        <source>Verdict of the verification</source>
        <translation>حكم التحقق</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>رقم الشهادة</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(بلا رقم)</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>%1 (id %2, participant %3)</source>
        <translation>%1 (المعرّف %2، المشارك %3)</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>قُرئ من</translation>
    </message>
    <message>
        <source>Inspection id</source>
        <translation>معرّف التفتيش</translation>
    </message>
    <message>
        <source>Desk data</source>
        <translation>بيانات المكتب</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>الفحوص</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>الفحص</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>No check was recorded.</source>
        <translation>لم يُسجَّل أي فحص.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>الفحص المادي</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>الشهادة كما وقّعتها السلطة المُصدِرة</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>الصورة الممسوحة</translation>
    </message>
    <message>
        <source>No image was kept with this inspection.</source>
        <translation>لم تُحفظ أي صورة مع هذا التفتيش.</translation>
    </message>
    <message>
        <source>Printed %1 by %2 at %3</source>
        <translation>طُبع في %1 بواسطة %2 في %3</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>الأسباب: %1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>الملاحظات: %1</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>الشحنة محجوزة.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>الشحنة غير محجوزة.</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>النتيجة: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>السبب: %1</translation>
    </message>
    <message>
        <source>One-person post: decided by who flagged it.</source>
        <translation>مركز بشخص واحد: بتّ فيها من أبلغ عنها.</translation>
    </message>
    <message numerus="yes">
        <source>File %1, %Ln byte(s), SHA-256 %2</source>
        <translation>
            <numerusform>الملف %1، %Ln بايت، SHA-256 %2</numerusform>
            <numerusform>الملف %1، بايت واحد، SHA-256 %2</numerusform>
            <numerusform>الملف %1، بايتان، SHA-256 %2</numerusform>
            <numerusform>الملف %1، %Ln بايتات، SHA-256 %2</numerusform>
            <numerusform>الملف %1، %Ln بايتًا، SHA-256 %2</numerusform>
            <numerusform>الملف %1، %Ln بايت، SHA-256 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>لا يوجد سجل كهذا: %1.</translation>
    </message>
    <message>
        <source>KP Desk — inspection record</source>
        <translation>KP Desk — سجل التفتيش</translation>
    </message>
    <message>
        <source>Inspection of certificate %1</source>
        <translation>تفتيش الشهادة %1</translation>
    </message>
    <message>
        <source>KP Desk — case record</source>
        <translation>KP Desk — سجل القضية</translation>
    </message>
    <message>
        <source>Case of certificate %1</source>
        <translation>قضية الشهادة %1</translation>
    </message>
    <message>
        <source>Case id</source>
        <translation>معرّف القضية</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>الشحنة</translation>
    </message>
    <message>
        <source>held</source>
        <translation>محجوزة</translation>
    </message>
    <message>
        <source>not held</source>
        <translation>غير محجوزة</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>لا شيء بعد</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>أبلغ عنها</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>فُتحت في</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>المراجِع</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>الأسباب</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخر تغيير</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (المعرّف %2)</translation>
    </message>
    <message>
        <source>opened at desk %1</source>
        <translation>فُتحت في المكتب %1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>الحدث</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>%1 (event %2, %3)</source>
        <translation>%1 (الحدث %2، %3)</translation>
    </message>
    <message>
        <source>Images attached to the case</source>
        <translation>الصور المرفقة بالقضية</translation>
    </message>
    <message>
        <source>The inspection, as it was seen</source>
        <translation>التفتيش، كما ظهر حينها</translation>
    </message>
    <message>
        <source>The case&apos;s inspection %1 is not in the desk&apos;s records.</source>
        <translation>تفتيش القضية %1 غير موجود في سجلات المكتب.</translation>
    </message>
    <message>
        <source>by %1: the verdict was %2, now %3. Reason: %4</source>
        <translation>بواسطة %1: كان الحكم %2، والآن %3. السبب: %4</translation>
    </message>
    <message>
        <source>The physical check as first recorded:</source>
        <translation>الفحص المادي كما سُجِّل أول مرة:</translation>
    </message>
    <message>
        <source>Corrections of the physical check</source>
        <translation>تصحيحات الفحص المادي</translation>
    </message>
</context>
<context>
    <name>kp::RecordsStore</name>
    <message>
        <source>The desk&apos;s records could not be written: %1</source>
        <translation>تعذرت كتابة سجلات المكتب: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s records could not be read: %1</source>
        <translation>تعذرت قراءة سجلات المكتب: %1</translation>
    </message>
    <message>
        <source>flagged before this desk kept cases</source>
        <translation>أُبلغ عنها قبل أن يحتفظ هذا المكتب بالقضايا</translation>
    </message>
    <message>
        <source>Certificate %1 was already released: a certificate is released once.</source>
        <translation>سبق الإفراج عن الشهادة %1: يُفرج عن الشهادة مرة واحدة فقط.</translation>
    </message>
</context>
<context>
    <name>kp::RegularFile</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>يتعذر فتح %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a device, a pipe or a socket); it is not read.</source>
        <translation>%1 ليس ملفًا عاديًا (مجلد أو جهاز أو أنبوب أو مقبس)؛ لا تتم قراءته.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>تتعذر قراءة %1: %2</translation>
    </message>
    <message>
        <source>Reading %1 took too long; it was given up.</source>
        <translation>استغرقت قراءة %1 وقتًا طويلًا جدًا، فتم التخلي عنها.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not read.</source>
        <translation>%1 أكبر من %2 بايت؛ لا تتم قراءته.</translation>
    </message>
</context>
<context>
    <name>kp::Replicator</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>تعذرت قراءة ملف المكتب أو الكتابة فيه: %1</translation>
    </message>
    <message>
        <source>The office holds an event of a case it does not hold (%1).</source>
        <translation>لدى الدائرة حدث لقضية ليست لديها (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk are not at the office yet.</source>
        <translation>
            <numerusform>%Ln سجل من هذا المكتب لم يصل إلى الدائرة بعد.</numerusform>
            <numerusform>سجل واحد من هذا المكتب لم يصل إلى الدائرة بعد.</numerusform>
            <numerusform>سجلان من هذا المكتب لم يصلا إلى الدائرة بعد.</numerusform>
            <numerusform>%Ln سجلات من هذا المكتب لم تصل إلى الدائرة بعد.</numerusform>
            <numerusform>%Ln سجلًا من هذا المكتب لم تصل إلى الدائرة بعد.</numerusform>
            <numerusform>%Ln سجل من هذا المكتب لم تصل إلى الدائرة بعد.</numerusform>
        </translation>
    </message>
    <message>
        <source>cases</source>
        <translation>قضايا</translation>
    </message>
    <message>
        <source>case events</source>
        <translation>أحداث قضايا</translation>
    </message>
    <message>
        <source>inspections</source>
        <translation>تفتيشات</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>قيود تدقيق</translation>
    </message>
    <message>
        <source>The office holds %1 of this desk&apos;s %2 %3.</source>
        <translation>لدى الدائرة %1 فقط من %3 هذا المكتب البالغ عددها %2.</translation>
    </message>
    <message>
        <source>The office holds another entry (hash %1) at place %2 of this desk&apos;s trail (hash %3): another role wrote it there.</source>
        <translation>لدى الدائرة قيد آخر (البصمة %1) في الموضع %2 من سجل هذا المكتب (البصمة %3): كتبه دور آخر هناك.</translation>
    </message>
    <message>
        <source>The event is of a case this desk does not hold (%1).</source>
        <translation>الحدث يخص قضية ليست لدى هذا المكتب (%1).</translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضع من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في موضع واحد من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في موضعين من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln مواضع من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضعًا من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضع من سجل هذا المكتب.</numerusform>
        </translation>
    </message>
    <message>
        <source>The office holds case %1 without the flag that opens a case.</source>
        <translation>تحتفظ الدائرة بالقضية %1 دون البلاغ الذي يفتح القضية.</translation>
    </message>
    <message>
        <source>The case %1 has its flag already.</source>
        <translation>للقضية %1 بلاغها مسبقًا.</translation>
    </message>
</context>
<context>
    <name>kp::ReportPainter</name>
    <message>
        <source>A record can only be drawn in a program with fonts (QGuiApplication).</source>
        <translation>لا يمكن رسم السجل إلا في برنامج يتضمن خطوطًا (QGuiApplication).</translation>
    </message>
    <message>
        <source>The record cannot be drawn on this printer or file.</source>
        <translation>لا يمكن رسم السجل على هذه الطابعة أو في هذا الملف.</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>تعذر بدء صفحة جديدة.</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>الصفحة %1 من %2</translation>
    </message>
    <message>
        <source>The record could not be finished.</source>
        <translation>تعذر إكمال السجل.</translation>
    </message>
</context>
<context>
    <name>kp::Role</name>
    <message>
        <source>Unknown role “%1”: officer, supervisor or administrator.</source>
        <translation>دور غير معروف &quot;%1&quot;: officer أو supervisor أو administrator.</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>موظف</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مسؤول النظام</translation>
    </message>
</context>
<context>
    <name>kp::SetAside</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>تعذرت قراءة ملف المكتب أو الكتابة فيه: %1</translation>
    </message>
</context>
<context>
    <name>kp::ShipmentRelease</name>
    <message>
        <source>The inspection is not in the desk&apos;s records.</source>
        <translation>التفتيش غير موجود في سجلات المكتب.</translation>
    </message>
</context>
<context>
    <name>kp::SyncClient</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>أُلغيت المزامنة.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 ليس عنوان URL صالحًا.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 ليس ملف .kpsync، ولا مجلدًا به فهرس مزامنة، ولا عنوان URL من نوع http(s).</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>تتعذر قراءة %1.</translation>
    </message>
    <message>
        <source>%1 holds bundles but no sync index (the file &apos;index&apos;): a sync needs the authority&apos;s signed index to know which bundles to apply. Choose the folder the authority published (kpdesk-cli authority publish), or one bundle file.</source>
        <translation>يحتوي %1 على حزم ولكن بلا فهرس مزامنة (الملف &apos;index&apos;): تحتاج المزامنة إلى فهرس السلطة الموقَّع لمعرفة الحزم التي تُطبَّق. اختر المجلد الذي نشرته السلطة (kpdesk-cli authority publish)، أو ملف حزمة واحدًا.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>لا يوجد فهرس مزامنة في %1.</translation>
    </message>
</context>
<context>
    <name>kp::SyncIndex</name>
    <message>
        <source>The sync index is malformed: %1</source>
        <translation>فهرس المزامنة مشوّه: %1</translation>
    </message>
    <message>
        <source>not a map</source>
        <translation>ليس خريطة</translation>
    </message>
    <message>
        <source>no seq</source>
        <translation>لا يوجد seq</translation>
    </message>
    <message>
        <source>no usable full snapshot</source>
        <translation>لا توجد لقطة كاملة صالحة</translation>
    </message>
    <message>
        <source>deltas is not an array</source>
        <translation>deltas ليس مصفوفة</translation>
    </message>
    <message>
        <source>too many deltas</source>
        <translation>عدد كبير جدًا من الفروق</translation>
    </message>
    <message>
        <source>a delta entry is malformed</source>
        <translation>قيد فرق مشوّه</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>أكبر من %1 بايت</translation>
    </message>
    <message>
        <source>The sync index is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>فهرس المزامنة غير موقَّع من السلطة المرجعية لهذا المكتب (لا يتحقق منه أي مفتاح حزم مثبَّت).</translation>
    </message>
    <message>
        <source>The index offers no way from seq %1 to seq %2 (no delta chain and no newer full snapshot).</source>
        <translation>لا يقدّم الفهرس أي طريق من التسلسل %1 إلى التسلسل %2 (لا سلسلة فروق ولا لقطة كاملة أحدث).</translation>
    </message>
</context>
<context>
    <name>kp::SyncLock</name>
    <message>
        <source>Cannot create the sync lock %1: %2</source>
        <translation>يتعذر إنشاء قفل المزامنة %1: %2</translation>
    </message>
    <message>
        <source>A sync is already running for this desk; wait for it to finish, then sync again if it is still needed.</source>
        <translation>توجد مزامنة قيد التشغيل لهذا المكتب؛ انتظر انتهاءها، ثم زامن مجددًا إن لزم الأمر.</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>يتعذر قفل %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::SyncSource</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>تتعذر قراءة %1.</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; the index says %3.</source>
        <translation>حجم %1 هو %2 بايت؛ يذكر الفهرس %3.</translation>
    </message>
    <message>
        <source>%1 does not match its SHA-256 in the index: damaged or altered.</source>
        <translation>%1 لا يطابق قيمة SHA-256 الخاصة به في الفهرس: تالف أو معدَّل.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>لا يوجد فهرس مزامنة في %1.</translation>
    </message>
    <message>
        <source>The sync index in %1 is too large.</source>
        <translation>فهرس المزامنة في %1 كبير جدًا.</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (timed out).</source>
        <translation>%1: لا بيانات منذ %2 ث (انتهت المهلة).</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3.</source>
        <translation>%1: HTTP %2 %3.</translation>
    </message>
    <message>
        <source>%1: DNS: the host %2 was not found.</source>
        <translation>%1: DNS: لم يُعثر على المضيف %2.</translation>
    </message>
    <message>
        <source>%1: the server refused the connection.</source>
        <translation>%1: رفض الخادم الاتصال.</translation>
    </message>
    <message>
        <source>%1: the server closed the connection before the end.</source>
        <translation>%1: أغلق الخادم الاتصال قبل النهاية.</translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation>%1: TLS: %2</translation>
    </message>
    <message>
        <source>%1: proxy: %2</source>
        <translation>%1: الوكيل: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: the server sends too slowly (fewer than %2 bytes in %3 s).</source>
        <translation>%1: الخادم يرسل ببطء شديد (أقل من %2 بايت في %3 ث).</translation>
    </message>
    <message>
        <source>%1 is larger than a sync index can be.</source>
        <translation>%1 أكبر مما يمكن أن يكون عليه فهرس المزامنة.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
    <message>
        <source>Cannot save %1 (is the disk full?): %2</source>
        <translation>يتعذر حفظ %1 (هل القرص ممتلئ؟): %2</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>أُلغيت المزامنة.</translation>
    </message>
    <message>
        <source>%1 is longer than the index says.</source>
        <translation>%1 أطول مما يذكره الفهرس.</translation>
    </message>
    <message>
        <source>%1: the server sent %2 of %3 bytes.</source>
        <translation>%1: أرسل الخادم %2 من %3 بايت.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 ليس عنوان URL صالحًا.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 ليس ملف .kpsync، ولا مجلدًا به فهرس مزامنة، ولا عنوان URL من نوع http(s).</translation>
    </message>
    <message>
        <source>The sync from %1 took longer than its limit of %2 s and was given up; the next sync takes it up again.</source>
        <translation>استغرقت المزامنة من %1 أكثر من حدها البالغ %2 ثانية، فتم التخلي عنها؛ ستستأنفها المزامنة التالية.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>تتعذر كتابة %1.</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation>يتعذر إنشاء مجلد مؤقت: %1</translation>
    </message>
</context>
<context>
    <name>kp::TrailReading</name>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>القيد %1 مخزَّن في الصف %2.</translation>
    </message>
</context>
<context>
    <name>kp::Zlib</name>
    <message>
        <source>The compressed data is corrupt or truncated.</source>
        <translation>البيانات المضغوطة تالفة أو مبتورة.</translation>
    </message>
    <message>
        <source>The compressed data expands beyond %1 bytes.</source>
        <translation>تتمدد البيانات المضغوطة إلى أكثر من %1 بايت.</translation>
    </message>
</context>
<context>
    <name>kp::cli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>تتعذر قراءة %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 كبير جدًا.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 ليس JSON صالحًا: %2 عند الموضع %3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>تتعذر كتابة %1: %2</translation>
    </message>
    <message>
        <source>--pki DIR is required.</source>
        <translation>الخيار --pki DIR مطلوب.</translation>
    </message>
    <message>
        <source>Folder to create the PKI in.</source>
        <translation>المجلد الذي تُنشأ فيه البنية PKI.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>The publishing (home) authority&apos;s participant code.</source>
        <translation>رمز المشارك للسلطة الناشرة (المرجعية).</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. Repeatable.</source>
        <translation>مشارك مُصدِر، مع خوارزميته اختياريًا: CODE[:es256|ps256|eddsa]. قابل للتكرار.</translation>
    </message>
    <message>
        <source>CODE[:ALG]</source>
        <translation>CODE[:ALG]</translation>
    </message>
    <message>
        <source>Create a demo PKI: a bundle key for the home authority, and an authority CA with a document signer for each issuer.</source>
        <translation>إنشاء بنية PKI تجريبية: مفتاح حزم للسلطة المرجعية، وجهة تصديق (CA) للسلطة مع موقِّع مستندات لكل جهة إصدار.</translation>
    </message>
    <message>
        <source>--out DIR and --home CODE are required.</source>
        <translation>الخياران --out DIR و --home CODE مطلوبان.</translation>
    </message>
    <message>
        <source>unknown algorithm &apos;%1&apos; (es256, ps256, eddsa).</source>
        <translation>خوارزمية غير معروفة &apos;%1&apos; (es256، ps256، eddsa).</translation>
    </message>
    <message>
        <source>PKI written to %1; pin %1/bundle-cert.pem at the desks.</source>
        <translation>كُتبت البنية PKI في %1؛ ثبّت %1/bundle-cert.pem في المكاتب.</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder.</source>
        <translation>مجلد PKI الخاص بالسلطة.</translation>
    </message>
    <message>
        <source>The certificate record as JSON (kp1-barcode.md keys).</source>
        <translation>سجل الشهادة بصيغة JSON (مفاتيح kp1-barcode.md).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Where to write the signed record (COSE_Sign1).</source>
        <translation>مكان كتابة السجل الموقَّع (COSE_Sign1).</translation>
    </message>
    <message>
        <source>Also write the KP1 barcode text to this file.</source>
        <translation>اكتب أيضًا نص الرمز الشريطي KP1 في هذا الملف.</translation>
    </message>
    <message>
        <source>Sign a certificate record with the issuer&apos;s document signer.</source>
        <translation>توقيع سجل شهادة بموقِّع مستندات الجهة المُصدِرة.</translation>
    </message>
    <message>
        <source>--in FILE and --out FILE are required.</source>
        <translation>الخياران --in FILE و --out FILE مطلوبان.</translation>
    </message>
    <message>
        <source>the PKI has no document signer for %1.</source>
        <translation>لا تملك البنية PKI موقِّع مستندات لـ %1.</translation>
    </message>
    <message>
        <source>Signed %1 (%2 bytes).</source>
        <translation>وُقِّع %1 (%2 بايت).</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) to print as KP1.</source>
        <translation>سجل موقَّع (COSE_Sign1) لطباعته بصيغة KP1.</translation>
    </message>
    <message>
        <source>Text to print instead (e.g. a certificate number).</source>
        <translation>نص يُطبع بدلًا منه (مثلًا رقم شهادة).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>The image file to write (PNG, JPEG, TIFF, BMP).</source>
        <translation>ملف الصورة المراد كتابته (PNG، JPEG، TIFF، BMP).</translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation>IMAGE</translation>
    </message>
    <message>
        <source>qr (default), datamatrix, aztec, pdf417 or code128.</source>
        <translation>qr (الافتراضي)، أو datamatrix، أو aztec، أو pdf417، أو code128.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Pixels per module (default 4).</source>
        <translation>عدد البكسلات لكل وحدة (الافتراضي 4).</translation>
    </message>
    <message>
        <source>PX</source>
        <translation>PX</translation>
    </message>
    <message>
        <source>Print a barcode image with whole square modules and a four-module quiet zone.</source>
        <translation>طباعة صورة رمز شريطي بوحدات مربعة كاملة وهامش هادئ من أربع وحدات.</translation>
    </message>
    <message>
        <source>give --out IMAGE and either --in FILE or --text TEXT.</source>
        <translation>أعطِ --out IMAGE ومعه إما --in FILE أو --text TEXT.</translation>
    </message>
    <message>
        <source>unknown --symbology or --module out of 1-40.</source>
        <translation>قيمة --symbology غير معروفة أو --module خارج النطاق 1-40.</translation>
    </message>
    <message>
        <source>cannot write %1.</source>
        <translation>تتعذر كتابة %1.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2x%3).</source>
        <translation>كُتب %1 (%2x%3).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a date YYYY-MM-DD.</source>
        <translation>يجب أن يكون &apos;%1&apos; تاريخًا بالصيغة YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder.</source>
        <translation>مجلد PKI الخاص بالسلطة المرجعية.</translation>
    </message>
    <message>
        <source>Sequence number of the state this bundle produces.</source>
        <translation>رقم تسلسل الحالة التي تنتجها هذه الحزمة.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>For a delta: the seq it applies to (default 0: full).</source>
        <translation>للفرق: التسلسل الذي ينطبق عليه (الافتراضي 0: كاملة).</translation>
    </message>
    <message>
        <source>Days until desks show the data as stale (default 14).</source>
        <translation>عدد الأيام قبل أن تعرض المكاتب البيانات على أنها قديمة (الافتراضي 14).</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>DAYS</translation>
    </message>
    <message>
        <source>Participants JSON: an array of {c, name, st, from, to?, note?}, or &apos;demo&apos; for the built-in list with its history.</source>
        <translation>JSON المشاركين: مصفوفة من {c, name, st, from, to?, note?}، أو &apos;demo&apos; للقائمة المدمجة مع تاريخها.</translation>
    </message>
    <message>
        <source>Include every authority CA and document signer of the PKI.</source>
        <translation>تضمين كل جهات تصديق السلطات (CA) وموقِّعي المستندات في البنية PKI.</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) for the registry. Repeatable.</source>
        <translation>سجل موقَّع (COSE_Sign1) للسجل المركزي. قابل للتكرار.</translation>
    </message>
    <message>
        <source>Revocations JSON: an array of {no, st, at, by, note?}.</source>
        <translation>JSON الإلغاءات: مصفوفة من {no, st, at, by, note?}.</translation>
    </message>
    <message>
        <source>The message ledger: every confirmed import becomes a &apos;used&apos; revocation (an entry of --revoked for the same number wins).</source>
        <translation>دفتر الرسائل: كل استيراد مؤكَّد يصبح إلغاءً من نوع &apos;used&apos; (قيد --revoked للرقم نفسه له الأولوية).</translation>
    </message>
    <message>
        <source>Rules JSON: an object of rule key to value.</source>
        <translation>JSON القواعد: كائن يربط مفتاح كل قاعدة بقيمتها.</translation>
    </message>
    <message>
        <source>Contacts JSON: an array of {c, role, name, email?, phone?, addr?} with role authority, chair or wgm (c is KP for the last two), or &apos;demo&apos; for the demo desk&apos;s contacts.</source>
        <translation>JSON جهات الاتصال: مصفوفة من {c, role, name, email?, phone?, addr?} حيث role هو authority أو chair أو wgm (و c هو KP للأخيرين)، أو &apos;demo&apos; لجهات اتصال المكتب التجريبي.</translation>
    </message>
    <message>
        <source>The .kpsync file to write.</source>
        <translation>ملف .kpsync المراد كتابته.</translation>
    </message>
    <message>
        <source>Publish a full or delta bundle signed with the home authority&apos;s bundle key.</source>
        <translation>نشر حزمة كاملة أو حزمة فرق موقَّعة بمفتاح الحزم للسلطة المرجعية.</translation>
    </message>
    <message>
        <source>--seq N (&gt;= 1), --base below it, --fresh-days and --out are needed.</source>
        <translation>يلزم --seq N (&gt;= 1)، و --base أقل منه، و --fresh-days و --out.</translation>
    </message>
    <message>
        <source>each participant needs c, st and a &apos;from&apos; date.</source>
        <translation>يحتاج كل مشارك إلى c و st وتاريخ &apos;from&apos;.</translation>
    </message>
    <message>
        <source>There is no message ledger at %1.</source>
        <translation>لا يوجد دفتر رسائل في %1.</translation>
    </message>
    <message>
        <source>each contact needs c, name and a role: authority (c a participant), chair or wgm (c is KP).</source>
        <translation>تحتاج كل جهة اتصال إلى c و name ودور: authority (و c مشارك)، أو chair أو wgm (و c هو KP).</translation>
    </message>
    <message>
        <source>Wrote %1 bundle seq %2 to %3.</source>
        <translation>كُتبت الحزمة %1 ذات التسلسل %2 في %3.</translation>
    </message>
    <message>
        <source>full</source>
        <translation>كاملة</translation>
    </message>
    <message>
        <source>delta</source>
        <translation>فرق</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder (its bundle key signs the index).</source>
        <translation>مجلد PKI الخاص بالسلطة المرجعية (مفتاح الحزم الخاص بها يوقّع الفهرس).</translation>
    </message>
    <message>
        <source>The folder to publish: serve it over HTTP(S) or copy it to a USB stick.</source>
        <translation>المجلد المراد نشره: قدّمه عبر HTTP(S) أو انسخه إلى وحدة USB.</translation>
    </message>
    <message>
        <source>Keep deltas reaching the last N sequence numbers in the index (default 30).</source>
        <translation>الاحتفاظ في الفهرس بالفروق التي تغطي آخر N أرقام تسلسل (الافتراضي 30).</translation>
    </message>
    <message>
        <source>Bundles (.kpsync) to add: full snapshots and deltas.</source>
        <translation>الحزم (.kpsync) المراد إضافتها: لقطات كاملة وفروق.</translation>
    </message>
    <message>
        <source>Add bundles to a publication folder and write its signed index (kp-sync.md, &apos;On a web server&apos;).</source>
        <translation>إضافة حزم إلى مجلد نشر وكتابة فهرسه الموقَّع (kp-sync.md، &apos;On a web server&apos;).</translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation>الخيار --out DIR مطلوب.</translation>
    </message>
    <message>
        <source>--keep-deltas needs a number.</source>
        <translation>يحتاج --keep-deltas إلى رقم.</translation>
    </message>
    <message numerus="yes">
        <source>Published seq %1 in %2: full snapshot seq %3 and %Ln delta(s).</source>
        <translation>
            <numerusform>نُشر التسلسل %1 في %2: لقطة كاملة بالتسلسل %3 و %Ln فرق.</numerusform>
            <numerusform>نُشر التسلسل %1 في %2: لقطة كاملة بالتسلسل %3 وفرق واحد.</numerusform>
            <numerusform>نُشر التسلسل %1 في %2: لقطة كاملة بالتسلسل %3 وفرقان.</numerusform>
            <numerusform>نُشر التسلسل %1 في %2: لقطة كاملة بالتسلسل %3 و %Ln فروق.</numerusform>
            <numerusform>نُشر التسلسل %1 في %2: لقطة كاملة بالتسلسل %3 و %Ln فرقًا.</numerusform>
            <numerusform>نُشر التسلسل %1 في %2: لقطة كاملة بالتسلسل %3 و %Ln فرق.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]</source>
        <translation>الاستخدام: kpdesk-cli authority SUBCOMMAND [OPTIONS]</translation>
    </message>
    <message>
        <source>Subcommands:</source>
        <translation>الأوامر الفرعية:</translation>
    </message>
    <message>
        <source>create a demo PKI (bundle key, authority CAs, document signers)</source>
        <translation>إنشاء بنية PKI تجريبية (مفتاح حزم، جهات تصديق السلطات، موقِّعو المستندات)</translation>
    </message>
    <message>
        <source>sign a certificate record from JSON</source>
        <translation>توقيع سجل شهادة من JSON</translation>
    </message>
    <message>
        <source>print a signed record or a number as a barcode image</source>
        <translation>طباعة سجل موقَّع أو رقم كصورة رمز شريطي</translation>
    </message>
    <message>
        <source>make a full or delta .kpsync bundle</source>
        <translation>إنشاء حزمة .kpsync كاملة أو حزمة فرق</translation>
    </message>
    <message>
        <source>add bundles to a folder for a web server or USB stick, with its signed index</source>
        <translation>إضافة حزم إلى مجلد لخادم ويب أو وحدة USB، مع فهرسه الموقَّع</translation>
    </message>
    <message>
        <source>issue a desk certificate for a desk&apos;s request</source>
        <translation>إصدار شهادة مكتب بناءً على طلب مكتب</translation>
    </message>
    <message>
        <source>list the desks enrolled and revoked</source>
        <translation>سرد المكاتب المسجَّلة والملغاة</translation>
    </message>
    <message>
        <source>revoke a desk&apos;s certificate</source>
        <translation>إلغاء شهادة مكتب</translation>
    </message>
    <message>
        <source>take the desks&apos; messages from an intake folder into the ledger</source>
        <translation>نقل رسائل المكاتب من مجلد الاستلام إلى الدفتر</translation>
    </message>
    <message>
        <source>list the reasonable doubts the desks reported</source>
        <translation>سرد حالات الشك المعقول التي أبلغت عنها المكاتب</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli authority SUBCOMMAND --help&apos; for its options.</source>
        <translation>شغّل &apos;kpdesk-cli authority SUBCOMMAND --help&apos; لعرض خياراته.</translation>
    </message>
    <message>
        <source>kpdesk-cli authority: unknown subcommand &apos;%1&apos;.</source>
        <translation>kpdesk-cli authority: أمر فرعي غير معروف &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>عرض هذه المساعدة.</translation>
    </message>
    <message>
        <source>kpdesk-cli %1: %2</source>
        <translation>kpdesk-cli %1: %2</translation>
    </message>
    <message>
        <source>Try &apos;kpdesk-cli %1 --help&apos;.</source>
        <translation>جرّب &apos;kpdesk-cli %1 --help&apos;.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache file (default: %1).</source>
        <translation>ملف الذاكرة المؤقتة للمكتب (الافتراضي: %1).</translation>
    </message>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>تعذرت كتابة سجل التدقيق للمكتب: %1</translation>
    </message>
    <message>
        <source>Where to make the demo desk (default: %1).</source>
        <translation>مكان إنشاء المكتب التجريبي (الافتراضي: %1).</translation>
    </message>
    <message>
        <source>Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the verdict for each demo certificate.</source>
        <translation>إنشاء مكتب تجريبي (DEMO) (بنية PKI وشهادات وصور رموز شريطية وحزم وذاكرة مؤقتة تجريبية) وعرض الحكم لكل شهادة تجريبية.</translation>
    </message>
    <message>
        <source>=== KP Desk DEMO: demo data, not real certificates ===</source>
        <translation>=== KP Desk تجريبي (DEMO): بيانات تجريبية، وليست شهادات حقيقية ===</translation>
    </message>
    <message>
        <source>Making a demo desk of the EU in %1 ...</source>
        <translation>جارٍ إنشاء مكتب تجريبي للاتحاد الأوروبي في %1 ...</translation>
    </message>
    <message>
        <source>demo: %1</source>
        <translation>تجريبي: %1</translation>
    </message>
    <message>
        <source>Desk cache %1, bundles applied: %2</source>
        <translation>ذاكرة المكتب المؤقتة %1، الحزم المطبَّقة: %2</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>غير مقروءة</translation>
    </message>
    <message>
        <source>all checks passed (%1)</source>
        <translation>نجحت كل الفحوص (%1)</translation>
    </message>
    <message>
        <source>Try one yourself:</source>
        <translation>جرّب بنفسك:</translation>
    </message>
    <message numerus="yes">
        <source>demo: %Ln certificate(s) did not get the expected verdict.</source>
        <translation>
            <numerusform>تجريبي: لم تحصل %Ln شهادة على الحكم المتوقع.</numerusform>
            <numerusform>تجريبي: لم تحصل شهادة واحدة على الحكم المتوقع.</numerusform>
            <numerusform>تجريبي: لم تحصل شهادتان على الحكم المتوقع.</numerusform>
            <numerusform>تجريبي: لم تحصل %Ln شهادات على الحكم المتوقع.</numerusform>
            <numerusform>تجريبي: لم تحصل %Ln شهادة على الحكم المتوقع.</numerusform>
            <numerusform>تجريبي: لم تحصل %Ln شهادة على الحكم المتوقع.</numerusform>
        </translation>
    </message>
    <message>
        <source>The participant this desk works for (e.g. EU, CA, NA).</source>
        <translation>المشارك الذي يعمل له هذا المكتب (مثلًا EU، CA، NA).</translation>
    </message>
    <message>
        <source>The home authority&apos;s bundle signer certificate (PEM). Repeat for key rollover.</source>
        <translation>شهادة موقِّع الحزم للسلطة المرجعية (PEM). كرّره عند تبديل المفاتيح.</translation>
    </message>
    <message>
        <source>CERT.pem</source>
        <translation>CERT.pem</translation>
    </message>
    <message>
        <source>A sync source (URL or folder) to use by default. Repeatable.</source>
        <translation>مصدر مزامنة (URL أو مجلد) يُستخدم افتراضيًا. قابل للتكرار.</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>init: --participant needs a two-letter participant code (e.g. EU, NA).</source>
        <translation>init: يحتاج --participant إلى رمز مشارك من حرفين (مثلًا EU، NA).</translation>
    </message>
    <message>
        <source>init: at least one --bundle-key CERT.pem is needed.</source>
        <translation>init: يلزم خيار --bundle-key CERT.pem واحد على الأقل.</translation>
    </message>
    <message>
        <source>init: %1 holds no X.509 certificate: %2</source>
        <translation>init: لا يحتوي %1 على شهادة X.509: %2</translation>
    </message>
    <message>
        <source>init: %1</source>
        <translation>init: %1</translation>
    </message>
    <message>
        <source>init: %1 is already a desk of %2; use another file.</source>
        <translation>init: %1 مكتب تابع لـ %2 مسبقًا؛ استخدم ملفًا آخر.</translation>
    </message>
    <message numerus="yes">
        <source>Desk of %1 ready in %2, with %Ln pinned bundle key(s).</source>
        <translation>
            <numerusform>مكتب %1 جاهز في %2، مع %Ln مفتاح حزم مثبَّت.</numerusform>
            <numerusform>مكتب %1 جاهز في %2، مع مفتاح حزم مثبَّت واحد.</numerusform>
            <numerusform>مكتب %1 جاهز في %2، مع مفتاحي حزم مثبَّتين.</numerusform>
            <numerusform>مكتب %1 جاهز في %2، مع %Ln مفاتيح حزم مثبَّتة.</numerusform>
            <numerusform>مكتب %1 جاهز في %2، مع %Ln مفتاح حزم مثبَّتًا.</numerusform>
            <numerusform>مكتب %1 جاهز في %2، مع %Ln مفتاح حزم مثبَّت.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation>طباعة كائن JSON واحد.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s participant, data sequence, freshness and record counts.</source>
        <translation>عرض مشارك المكتب وتسلسل بياناته وحداثتها وأعداد السجلات.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged and cannot be trusted: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>بيانات المكتب تالفة ولا يمكن الوثوق بها: شغّل &apos;kpdesk-cli repair --db %1&apos;، ثم زامن.</translation>
    </message>
    <message>
        <source>(could not be read)</source>
        <translation>(تعذرت القراءة)</translation>
    </message>
    <message>
        <source>KP Desk cache %1</source>
        <translation>ذاكرة KP Desk المؤقتة %1</translation>
    </message>
    <message>
        <source>DAMAGED: %1</source>
        <translation>تالفة: %1</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>المشارك</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>التسلسل</translation>
    </message>
    <message>
        <source>0 (never synced)</source>
        <translation>0 (لم تتم المزامنة قط)</translation>
    </message>
    <message>
        <source>published</source>
        <translation>نُشرت في</translation>
    </message>
    <message>
        <source>fresh until</source>
        <translation>محدَّثة حتى</translation>
    </message>
    <message>
        <source>  STALE: sync now</source>
        <translation>  قديمة: زامن الآن</translation>
    </message>
    <message>
        <source>last sync</source>
        <translation>آخر مزامنة</translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation>آخر محاولة</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>الأعداد</translation>
    </message>
    <message>
        <source>A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the authority&apos;s http(s) base URL. Default: the desk&apos;s configured sources.</source>
        <translation>ملف حزمة .kpsync، أو مجلد به فهرس مزامنة (مثلًا وحدة USB)، أو عنوان URL الأساسي http(s) للسلطة. الافتراضي: المصادر المضبوطة للمكتب.</translation>
    </message>
    <message>
        <source>HTTP proxy as host:port, or &apos;none&apos;. Default: the system&apos;s proxy settings.</source>
        <translation>وكيل HTTP بصيغة host:port، أو &apos;none&apos;. الافتراضي: إعدادات الوكيل في النظام.</translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation>PROXY</translation>
    </message>
    <message>
        <source>A CA certificate (PEM) to trust for the server, besides the system&apos;s.</source>
        <translation>شهادة CA (PEM) يوثق بها للخادم، إضافة إلى شهادات النظام.</translation>
    </message>
    <message>
        <source>Seconds without data before a try is given up (default 30).</source>
        <translation>عدد الثواني دون بيانات قبل التخلي عن المحاولة (الافتراضي 30).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Further tries after a network failure (default 3).</source>
        <translation>محاولات إضافية بعد فشل الشبكة (الافتراضي 3).</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date from its home authority. Each bundle is applied whole or not at all.</source>
        <translation>تحديث بيانات المكتب من سلطته المرجعية. تُطبَّق كل حزمة كاملةً أو لا تُطبَّق إطلاقًا.</translation>
    </message>
    <message>
        <source>sync: name at most one SOURCE.</source>
        <translation>sync: حدّد SOURCE واحدًا على الأكثر.</translation>
    </message>
    <message>
        <source>sync: %1</source>
        <translation>sync: %1</translation>
    </message>
    <message>
        <source>sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).</source>
        <translation>sync: لم يُحدَّد SOURCE ولا يوجد مصدر مضبوط (kpdesk-cli sources --db FILE --set SOURCE).</translation>
    </message>
    <message>
        <source>sync: --timeout needs a number of seconds.</source>
        <translation>sync: يحتاج --timeout إلى عدد ثوانٍ.</translation>
    </message>
    <message>
        <source>sync: --retries needs a number.</source>
        <translation>sync: يحتاج --retries إلى رقم.</translation>
    </message>
    <message>
        <source>sync: %1: %2</source>
        <translation>sync: %1: %2</translation>
    </message>
    <message>
        <source>Already current at seq %1 (%2); nothing changed.</source>
        <translation>محدَّث مسبقًا عند التسلسل %1 (%2)؛ لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Applied %1 bundle seq %2 (%3).</source>
        <translation>طُبِّقت الحزمة %1 ذات التسلسل %2 (%3).</translation>
    </message>
    <message>
        <source>delta from %1</source>
        <translation>فرق من %1</translation>
    </message>
    <message>
        <source>The desk is at seq %1.</source>
        <translation>المكتب عند التسلسل %1.</translation>
    </message>
    <message>
        <source>Replace the desk&apos;s sync sources with these (URL or folder), tried in order. Repeatable.</source>
        <translation>استبدال مصادر مزامنة المكتب بهذه (URL أو مجلد)، وتُجرَّب بالترتيب. قابل للتكرار.</translation>
    </message>
    <message>
        <source>Remove every configured source.</source>
        <translation>إزالة كل المصادر المضبوطة.</translation>
    </message>
    <message>
        <source>Show or set where &apos;sync&apos; takes bundles from when no SOURCE is given.</source>
        <translation>عرض أو تعيين المكان الذي يأخذ منه &apos;sync&apos; الحزم عند عدم تحديد SOURCE.</translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation>المصادر: %1</translation>
    </message>
    <message>
        <source>Participant: %1</source>
        <translation>المشارك: %1</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>غير مسجَّل.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>غير مسجَّل: المكتب %1 ينتظر شهادته.</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>المكتب: %1</translation>
    </message>
    <message>
        <source>Certificate: C=%1, CN=%2</source>
        <translation>الشهادة: C=%1، CN=%2</translation>
    </message>
    <message>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>صالحة: من %1 إلى %2 (UTC)</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id: participant, post and desk (e.g. EU-ANR-03).</source>
        <translation>معرّف المكتب: المشارك والمركز والمكتب (مثلًا EU-ANR-03).</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Where to write the certificate request for the authority.</source>
        <translation>مكان كتابة طلب الشهادة الموجَّه إلى السلطة.</translation>
    </message>
    <message>
        <source>FILE.pem</source>
        <translation>FILE.pem</translation>
    </message>
    <message>
        <source>Enrol an enrolled desk again: a new key replaces the old one.</source>
        <translation>تسجيل مكتب مسجَّل مجددًا: يحل مفتاح جديد محل القديم.</translation>
    </message>
    <message>
        <source>Install the desk certificate the authority issued.</source>
        <translation>تثبيت شهادة المكتب التي أصدرتها السلطة.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s enrolment.</source>
        <translation>عرض تسجيل المكتب.</translation>
    </message>
    <message>
        <source>With --status: print one JSON object.</source>
        <translation>مع --status: طباعة كائن JSON واحد.</translation>
    </message>
    <message>
        <source>Make the desk&apos;s key and a certificate request for its home authority, install the certificate it issues, or show the enrolment. The private key stays in a file beside the desk&apos;s database, readable by this user only.</source>
        <translation>إنشاء مفتاح المكتب وطلب شهادة لسلطته المرجعية، أو تثبيت الشهادة التي تصدرها، أو عرض التسجيل. يبقى المفتاح الخاص في ملف بجانب قاعدة بيانات المكتب، لا يقرؤه إلا هذا المستخدم.</translation>
    </message>
    <message>
        <source>give --desk-id ID with --csr-out FILE.pem, or --install CERT.pem, or --status.</source>
        <translation>أعطِ --desk-id ID مع --csr-out FILE.pem، أو --install CERT.pem، أو --status.</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority (&apos;kpdesk-cli authority enrol&apos;), then install the certificate with --install.</source>
        <translation>كُتب طلب شهادة المكتب %1 في %2: سلّمه إلى السلطة المرجعية (&apos;kpdesk-cli authority enrol&apos;)، ثم ثبّت الشهادة باستخدام --install.</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>ثُبّتت شهادة المكتب %1، صالحة حتى %2 (UTC).</translation>
    </message>
    <message>
        <source>The desk&apos;s certificate request.</source>
        <translation>طلب شهادة المكتب.</translation>
    </message>
    <message>
        <source>Where to write the desk certificate.</source>
        <translation>مكان كتابة شهادة المكتب.</translation>
    </message>
    <message>
        <source>Days the certificate is valid (default 730).</source>
        <translation>عدد أيام صلاحية الشهادة (الافتراضي 730).</translation>
    </message>
    <message>
        <source>Issue a desk certificate with the home participant&apos;s authority CA, and add the desk to the authority&apos;s list.</source>
        <translation>إصدار شهادة مكتب بجهة التصديق (CA) لسلطة المشارك المرجعي، وإضافة المكتب إلى قائمة السلطة.</translation>
    </message>
    <message>
        <source>--csr FILE.pem and --out CERT.pem are required; --days needs a number.</source>
        <translation>الخياران --csr FILE.pem و --out CERT.pem مطلوبان؛ ويحتاج --days إلى رقم.</translation>
    </message>
    <message>
        <source>Enrolled desk %1 until %2 (UTC); its certificate is in %3.</source>
        <translation>سُجِّل المكتب %1 حتى %2 (UTC)؛ شهادته في %3.</translation>
    </message>
    <message>
        <source>List the desks the authority enrolled and revoked.</source>
        <translation>سرد المكاتب التي سجّلتها السلطة وألغتها.</translation>
    </message>
    <message>
        <source>No desk enrolled yet.</source>
        <translation>لم يُسجَّل أي مكتب بعد.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>أُلغي في %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>حتى %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id (e.g. EU-ANR-03).</source>
        <translation>معرّف المكتب (مثلًا EU-ANR-03).</translation>
    </message>
    <message>
        <source>Revoke every certificate of a desk in the authority&apos;s list.</source>
        <translation>إلغاء كل شهادات مكتب في قائمة السلطة.</translation>
    </message>
    <message>
        <source>--desk ID is required.</source>
        <translation>الخيار --desk ID مطلوب.</translation>
    </message>
    <message>
        <source>Revoked desk %1.</source>
        <translation>أُلغي المكتب %1.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a CA certificate.</source>
        <translation>%1 ليست شهادة CA.</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, message %3 never arrived</source>
        <translation>فجوة: أرسل المكتب %1 القيمة n=%2، والرسالة %3 لم تصل قط</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, messages %3 to %4 never arrived</source>
        <translation>فجوة: أرسل المكتب %1 القيمة n=%2، والرسائل من %3 إلى %4 لم تصل قط</translation>
    </message>
    <message>
        <source>repeat: desk %1 sent n=%2 again as another message (%3; first %4)</source>
        <translation>تكرار: أرسل المكتب %1 القيمة n=%2 مجددًا في رسالة أخرى (%3؛ الأولى %4)</translation>
    </message>
    <message>
        <source>audit trail rewritten? desk %1, message %2 gives another hash for an audit entry than message %3</source>
        <translation>هل أُعيدت كتابة سجل التدقيق؟ المكتب %1، الرسالة %2 تعطي بصمة لقيد تدقيق تختلف عن الرسالة %3</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>مُستلَمة</translation>
    </message>
    <message>
        <source>skipped (already taken)</source>
        <translation>متخطّاة (مُستلَمة مسبقًا)</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>--ledger FILE is required.</source>
        <translation>الخيار --ledger FILE مطلوب.</translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger (created on first use).</source>
        <translation>دفتر رسائل السلطة (يُنشأ عند أول استخدام).</translation>
    </message>
    <message>
        <source>Print the outcome as JSON.</source>
        <translation>طباعة النتيجة بصيغة JSON.</translation>
    </message>
    <message>
        <source>The folder the desks&apos; messages arrive in.</source>
        <translation>المجلد الذي تصل إليه رسائل المكاتب.</translation>
    </message>
    <message>
        <source>Take the desks&apos; messages (*.kpmsg) from an intake folder into the ledger; refused ones go to INTAKE_DIR/refused/ with their reason.</source>
        <translation>نقل رسائل المكاتب (*.kpmsg) من مجلد الاستلام إلى الدفتر؛ تذهب المرفوضة إلى INTAKE_DIR/refused/ مع سببها.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) taken</source>
        <translation>
            <numerusform>%Ln رسالة مُستلَمة</numerusform>
            <numerusform>رسالة واحدة مُستلَمة</numerusform>
            <numerusform>رسالتان مُستلَمتان</numerusform>
            <numerusform>%Ln رسائل مُستلَمة</numerusform>
            <numerusform>%Ln رسالة مُستلَمة</numerusform>
            <numerusform>%Ln رسالة مُستلَمة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln متخطّاة</numerusform>
            <numerusform>واحدة متخطّاة</numerusform>
            <numerusform>اثنتان متخطّاتان</numerusform>
            <numerusform>%Ln متخطّاة</numerusform>
            <numerusform>%Ln متخطّاة</numerusform>
            <numerusform>%Ln متخطّاة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln مرفوضة</numerusform>
            <numerusform>واحدة مرفوضة</numerusform>
            <numerusform>اثنتان مرفوضتان</numerusform>
            <numerusform>%Ln مرفوضة</numerusform>
            <numerusform>%Ln مرفوضة</numerusform>
            <numerusform>%Ln مرفوضة</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger.</source>
        <translation>دفتر رسائل السلطة.</translation>
    </message>
    <message>
        <source>Print the cases as JSON.</source>
        <translation>طباعة القضايا بصيغة JSON.</translation>
    </message>
    <message>
        <source>List the reasonable doubts the desks reported, newest first.</source>
        <translation>سرد حالات الشك المعقول التي أبلغت عنها المكاتب، الأحدث أولًا.</translation>
    </message>
    <message>
        <source>No doubts received.</source>
        <translation>لم تُستلم أي حالات شك.</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 بايت)</translation>
    </message>
    <message>
        <source>desk %1</source>
        <translation>المكتب %1</translation>
    </message>
    <message>
        <source>case %1, message %2</source>
        <translation>القضية %1، الرسالة %2</translation>
    </message>
    <message>
        <source>decision: %1</source>
        <translation>القرار: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>إلى: %1</translation>
    </message>
    <message>
        <source>files: %1</source>
        <translation>الملفات: %1</translation>
    </message>
    <message>
        <source>create a desk cache for a participant, pinning its bundle key</source>
        <translation>إنشاء ذاكرة مؤقتة لمكتب تابع لمشارك، مع تثبيت مفتاح الحزم</translation>
    </message>
    <message>
        <source>bring the desk up to date from a bundle file, folder or URL</source>
        <translation>تحديث المكتب من ملف حزمة أو مجلد أو URL</translation>
    </message>
    <message>
        <source>show or set the desk&apos;s default sync sources</source>
        <translation>عرض أو تعيين مصادر المزامنة الافتراضية للمكتب</translation>
    </message>
    <message>
        <source>show the desk&apos;s participant, data and freshness</source>
        <translation>عرض مشارك المكتب وبياناته وحداثتها</translation>
    </message>
    <message>
        <source>rebuild a damaged desk cache, keeping the desk&apos;s own records</source>
        <translation>إعادة بناء ذاكرة مؤقتة تالفة للمكتب، مع الاحتفاظ بسجلات المكتب نفسه</translation>
    </message>
    <message>
        <source>verify a certificate from a barcode image or text</source>
        <translation>التحقق من شهادة من صورة رمز شريطي أو نص</translation>
    </message>
    <message>
        <source>list every barcode found in images</source>
        <translation>سرد كل رمز شريطي يُعثر عليه في الصور</translation>
    </message>
    <message>
        <source>authority side: demo PKI, issue, render, publish bundles</source>
        <translation>جهة السلطة: بنية PKI تجريبية، إصدار، رسم، نشر الحزم</translation>
    </message>
    <message>
        <source>enrol the desk with its home authority: key, request, certificate</source>
        <translation>تسجيل المكتب لدى سلطته المرجعية: مفتاح، طلب، شهادة</translation>
    </message>
    <message>
        <source>list the desk&apos;s messages to its authority, export them to a folder or send them</source>
        <translation>سرد رسائل المكتب إلى سلطته، أو تصديرها إلى مجلد أو إرسالها</translation>
    </message>
    <message>
        <source>make a demo desk with demo certificates and show their verdicts</source>
        <translation>إنشاء مكتب تجريبي بشهادات تجريبية وعرض أحكامها</translation>
    </message>
    <message>
        <source>add, list, disable accounts and set their passwords</source>
        <translation>إضافة الحسابات وسردها وتعطيلها وتعيين كلمات مرورها</translation>
    </message>
    <message>
        <source>verify, record the physical check and release a shipment</source>
        <translation>التحقق، وتسجيل الفحص المادي، والإفراج عن الشحنة</translation>
    </message>
    <message>
        <source>verify, record and flag reasonable doubt: opens a case</source>
        <translation>التحقق، والتسجيل، والإبلاغ عن شك معقول: يفتح قضية</translation>
    </message>
    <message>
        <source>list the desk&apos;s cases with their state and events</source>
        <translation>سرد قضايا المكتب مع حالتها وأحداثها</translation>
    </message>
    <message>
        <source>take, decide, note, close or reopen a case</source>
        <translation>تولّي قضية أو البتّ فيها أو إضافة ملاحظة أو إغلاقها أو إعادة فتحها</translation>
    </message>
    <message>
        <source>write one case or one inspection as a PDF for the customs file</source>
        <translation>كتابة قضية أو تفتيش واحد بصيغة PDF لملف الجمارك</translation>
    </message>
    <message>
        <source>find past inspections by number, dates, verdict, officer</source>
        <translation>البحث عن تفتيشات سابقة بالرقم أو التواريخ أو الحكم أو الموظف</translation>
    </message>
    <message>
        <source>verify or export the desk&apos;s audit trail</source>
        <translation>التحقق من سجل التدقيق للمكتب أو تصديره</translation>
    </message>
    <message>
        <source>show or change the desk&apos;s settings</source>
        <translation>عرض إعدادات المكتب أو تغييرها</translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli COMMAND [OPTIONS]</source>
        <translation>الاستخدام: kpdesk-cli COMMAND [OPTIONS]</translation>
    </message>
    <message>
        <source>KP Desk: verify Kimberley Process certificates at an import desk.</source>
        <translation>KP Desk: التحقق من شهادات عملية كيمبرلي في مكتب استيراد.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>الأوامر:</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>شغّل &apos;kpdesk-cli COMMAND --help&apos; لعرض خيارات أمر.</translation>
    </message>
    <message>
        <source>Exit status of verify: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or environment error.</source>
        <translation>رمز الخروج لـ verify: 0 مقبول، 1 مشكوك فيه، 2 مرفوض، 3 لا شيء للتحقق منه، 4 خطأ في الاستخدام أو البيئة.</translation>
    </message>
    <message>
        <source>kpdesk-cli: unknown command &apos;%1&apos;.</source>
        <translation>kpdesk-cli: أمر غير معروف &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>delivered %1 to %2</source>
        <translation>سُلِّمت في %1 إلى %2</translation>
    </message>
    <message>
        <source>handed over %1 in %2</source>
        <translation>أُودعت في %1 في %2</translation>
    </message>
    <message numerus="yes">
        <source>waiting; %Ln attempt(s), last: %1</source>
        <translation>
            <numerusform>قيد الانتظار؛ %Ln محاولة، الأخيرة: %1</numerusform>
            <numerusform>قيد الانتظار؛ محاولة واحدة، الأخيرة: %1</numerusform>
            <numerusform>قيد الانتظار؛ محاولتان، الأخيرة: %1</numerusform>
            <numerusform>قيد الانتظار؛ %Ln محاولات، الأخيرة: %1</numerusform>
            <numerusform>قيد الانتظار؛ %Ln محاولة، الأخيرة: %1</numerusform>
            <numerusform>قيد الانتظار؛ %Ln محاولة، الأخيرة: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) waiting.</source>
        <translation>
            <numerusform>%Ln رسالة قيد الانتظار.</numerusform>
            <numerusform>رسالة واحدة قيد الانتظار.</numerusform>
            <numerusform>رسالتان قيد الانتظار.</numerusform>
            <numerusform>%Ln رسائل قيد الانتظار.</numerusform>
            <numerusform>%Ln رسالة قيد الانتظار.</numerusform>
            <numerusform>%Ln رسالة قيد الانتظار.</numerusform>
        </translation>
    </message>
    <message>
        <source>list: as JSON.</source>
        <translation>list: بصيغة JSON.</translation>
    </message>
    <message>
        <source>list (the default), export DIR, or send.</source>
        <translation>list (الافتراضي)، أو export DIR، أو send.</translation>
    </message>
    <message>
        <source>The desk&apos;s messages to its home authority: list them, copy the waiting ones to a folder (export DIR), or PUT them to the intake (send).
Exit status: 0 done (send: every message delivered), 1 some stay waiting (the reasons are printed), 4 usage or environment error.</source>
        <translation>رسائل المكتب إلى سلطته المرجعية: سردها، أو نسخ المنتظرة منها إلى مجلد (export DIR)، أو إرسالها بـ PUT إلى عنوان الاستلام (send).
رمز الخروج: 0 تم (send: سُلِّمت كل الرسائل)، 1 بقي بعضها قيد الانتظار (تُطبع الأسباب)، 4 خطأ في الاستخدام أو البيئة.</translation>
    </message>
    <message>
        <source>outbox: give list, export DIR, or send.</source>
        <translation>outbox: أعطِ list، أو export DIR، أو send.</translation>
    </message>
    <message>
        <source>outbox %1: %2</source>
        <translation>outbox %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) copied to the folder.</source>
        <translation>
            <numerusform>نُسخت %Ln رسالة إلى المجلد.</numerusform>
            <numerusform>نُسخت رسالة واحدة إلى المجلد.</numerusform>
            <numerusform>نُسخت رسالتان إلى المجلد.</numerusform>
            <numerusform>نُسخت %Ln رسائل إلى المجلد.</numerusform>
            <numerusform>نُسخت %Ln رسالة إلى المجلد.</numerusform>
            <numerusform>نُسخت %Ln رسالة إلى المجلد.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) delivered.</source>
        <translation>
            <numerusform>سُلِّمت %Ln رسالة.</numerusform>
            <numerusform>سُلِّمت رسالة واحدة.</numerusform>
            <numerusform>سُلِّمت رسالتان.</numerusform>
            <numerusform>سُلِّمت %Ln رسائل.</numerusform>
            <numerusform>سُلِّمت %Ln رسالة.</numerusform>
            <numerusform>سُلِّمت %Ln رسالة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still waiting.</source>
        <translation>
            <numerusform>%Ln لا تزال قيد الانتظار.</numerusform>
            <numerusform>واحدة لا تزال قيد الانتظار.</numerusform>
            <numerusform>اثنتان لا تزالان قيد الانتظار.</numerusform>
            <numerusform>%Ln لا تزال قيد الانتظار.</numerusform>
            <numerusform>%Ln لا تزال قيد الانتظار.</numerusform>
            <numerusform>%Ln لا تزال قيد الانتظار.</numerusform>
        </translation>
    </message>
    <message>
        <source>The case to print.</source>
        <translation>القضية المراد طباعتها.</translation>
    </message>
    <message>
        <source>CASE_ID</source>
        <translation>CASE_ID</translation>
    </message>
    <message>
        <source>The inspection to print.</source>
        <translation>التفتيش المراد طباعته.</translation>
    </message>
    <message>
        <source>INSPECTION_ID</source>
        <translation>INSPECTION_ID</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>ملف PDF المراد كتابته.</translation>
    </message>
    <message>
        <source>Write one case (with its events, attachments and inspection) or one inspection as a PDF (A4).
Exit status: 0 written, 1 no such case or inspection, 4 usage or environment error (the desk cannot be read, the file cannot be written).</source>
        <translation>كتابة قضية واحدة (بأحداثها ومرفقاتها وتفتيشها) أو تفتيش واحد بصيغة PDF (A4).
رمز الخروج: 0 كُتب، 1 لا توجد قضية أو تفتيش كهذا، 4 خطأ في الاستخدام أو البيئة (تتعذر قراءة المكتب أو كتابة الملف).</translation>
    </message>
    <message>
        <source>print: give one of --case CASE_ID or --inspection INSPECTION_ID, and --out FILE.pdf.</source>
        <translation>print: أعطِ أحد الخيارين --case CASE_ID أو --inspection INSPECTION_ID، ومعه --out FILE.pdf.</translation>
    </message>
    <message>
        <source>print: %1</source>
        <translation>print: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln page(s))</source>
        <translation>
            <numerusform>%1 (%Ln صفحة)</numerusform>
            <numerusform>%1 (صفحة واحدة)</numerusform>
            <numerusform>%1 (صفحتان)</numerusform>
            <numerusform>%1 (%Ln صفحات)</numerusform>
            <numerusform>%1 (%Ln صفحة)</numerusform>
            <numerusform>%1 (%Ln صفحة)</numerusform>
        </translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>تعذر استيعاب البلاغات المحفوظة قبل أن يحتفظ هذا المكتب بالقضايا: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln flag(s) kept before this desk had cases are now cases.</source>
        <translation>
            <numerusform>أصبح %Ln بلاغ محفوظ قبل أن يحتفظ هذا المكتب بالقضايا قضايا الآن.</numerusform>
            <numerusform>أصبح بلاغ واحد محفوظ قبل أن يحتفظ هذا المكتب بالقضايا قضيةً الآن.</numerusform>
            <numerusform>أصبح بلاغان محفوظان قبل أن يحتفظ هذا المكتب بالقضايا قضيتين الآن.</numerusform>
            <numerusform>أصبحت %Ln بلاغات محفوظة قبل أن يحتفظ هذا المكتب بالقضايا قضايا الآن.</numerusform>
            <numerusform>أصبح %Ln بلاغًا محفوظًا قبل أن يحتفظ هذا المكتب بالقضايا قضايا الآن.</numerusform>
            <numerusform>أصبح %Ln بلاغ محفوظ قبل أن يحتفظ هذا المكتب بالقضايا قضايا الآن.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>كلمة مرور %1: </translation>
    </message>
    <message>
        <source>%1: no password on standard input.</source>
        <translation>%1: لا توجد كلمة مرور في الإدخال القياسي.</translation>
    </message>
    <message>
        <source>The barcode text or certificate number.</source>
        <translation>نص الرمز الشريطي أو رقم الشهادة.</translation>
    </message>
    <message>
        <source>The certificate number.</source>
        <translation>رقم الشهادة.</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>NO</translation>
    </message>
    <message>
        <source>An image of the certificate&apos;s barcode.</source>
        <translation>صورة للرمز الشريطي للشهادة.</translation>
    </message>
    <message>
        <source>%1: give one of --text TEXT, --number NO or one IMAGE.</source>
        <translation>%1: أعطِ أحد الخيارات --text TEXT أو --number NO أو IMAGE واحدة.</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>%1: nothing to verify (empty text).</source>
        <translation>%1: لا شيء للتحقق منه (نص فارغ).</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>اسم الحساب.</translation>
    </message>
    <message>
        <source>officer, supervisor or administrator.</source>
        <translation>officer أو supervisor أو administrator.</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROLE</translation>
    </message>
    <message>
        <source>add, list, disable or passwd.</source>
        <translation>add أو list أو disable أو passwd.</translation>
    </message>
    <message>
        <source>users: give one of add, list, disable, passwd.</source>
        <translation>users: أعطِ أحد add أو list أو disable أو passwd.</translation>
    </message>
    <message>
        <source>users %1: --name NAME is needed.</source>
        <translation>users %1: يلزم --name NAME.</translation>
    </message>
    <message>
        <source>users disable: %1</source>
        <translation>users disable: %1</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>عُطِّل الحساب %1.</translation>
    </message>
    <message>
        <source>users add: --role is officer, supervisor or administrator.</source>
        <translation>users add: قيمة --role هي officer أو supervisor أو administrator.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>كلمة المرور الجديدة لـ %1: </translation>
    </message>
    <message>
        <source>users %1: no password on standard input.</source>
        <translation>users %1: لا توجد كلمة مرور في الإدخال القياسي.</translation>
    </message>
    <message>
        <source>users add: %1</source>
        <translation>users add: %1</translation>
    </message>
    <message>
        <source>Account %1 (%2) added: %3</source>
        <translation>أُضيف الحساب %1 (%2): %3</translation>
    </message>
    <message>
        <source>users passwd: %1</source>
        <translation>users passwd: %1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>غُيِّرت كلمة مرور %1.</translation>
    </message>
    <message>
        <source>%1: --user NAME is needed.</source>
        <translation>%1: يلزم --user NAME.</translation>
    </message>
    <message>
        <source>Inspection %1: %2 %3</source>
        <translation>التفتيش %1: %2 %3</translation>
    </message>
    <message>
        <source>Who signs in (password on standard input).</source>
        <translation>من يسجّل الدخول (كلمة المرور من الإدخال القياسي).</translation>
    </message>
    <message>
        <source>Parcels counted.</source>
        <translation>الطرود المعدودة.</translation>
    </message>
    <message>
        <source>Mass weighed, in carats.</source>
        <translation>الكتلة الموزونة، بالقيراط.</translation>
    </message>
    <message>
        <source>CARATS</source>
        <translation>CARATS</translation>
    </message>
    <message>
        <source>The seals are intact.</source>
        <translation>الأختام سليمة.</translation>
    </message>
    <message>
        <source>The importer matches the declaration.</source>
        <translation>المستورد يطابق البيان الجمركي.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and its physical check, and release the shipment when the role and the verdict allow it.
Exit status: 0 released, 1 not released (the reason is printed and recorded), 3 nothing to verify, 4 usage or environment error.</source>
        <translation>التحقق من شهادة، وتسجيل التفتيش وفحصه المادي، والإفراج عن الشحنة عندما يسمح الدور والحكم بذلك.
رمز الخروج: 0 أُفرج عنها، 1 لم يُفرج عنها (يُطبع السبب ويُسجَّل)، 3 لا شيء للتحقق منه، 4 خطأ في الاستخدام أو البيئة.</translation>
    </message>
    <message>
        <source>release: --parcels N and --mass CARATS are needed.</source>
        <translation>release: يلزم --parcels N و --mass CARATS.</translation>
    </message>
    <message>
        <source>release: %1</source>
        <translation>release: %1</translation>
    </message>
    <message>
        <source>release: not released: %1</source>
        <translation>release: لم يُفرج عنها: %1</translation>
    </message>
    <message>
        <source>RELEASED: %1 by %2</source>
        <translation>أُفرج عنها: %1 بواسطة %2</translation>
    </message>
    <message>
        <source>release: no import confirmation was made: %1</source>
        <translation>release: لم يُنشأ تأكيد استيراد: %1</translation>
    </message>
    <message>
        <source>Import confirmation waiting in the outbox (kpdesk-cli outbox send).</source>
        <translation>تأكيد الاستيراد ينتظر في صندوق الصادر (kpdesk-cli outbox send).</translation>
    </message>
    <message>
        <source>A reason for doubt (repeatable).</source>
        <translation>سبب للشك (قابل للتكرار).</translation>
    </message>
    <message>
        <source>A note.</source>
        <translation>ملاحظة.</translation>
    </message>
    <message>
        <source>A file to attach (repeatable).</source>
        <translation>ملف للإرفاق (قابل للتكرار).</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>الشحنة محجوزة.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and flag reasonable doubt: opens a case and prints its id.</source>
        <translation>التحقق من شهادة، وتسجيل التفتيش، والإبلاغ عن شك معقول: يفتح قضية ويطبع معرّفها.</translation>
    </message>
    <message>
        <source>flag: --reason TEXT is needed.</source>
        <translation>flag: يلزم --reason TEXT.</translation>
    </message>
    <message>
        <source>flag: %1</source>
        <translation>flag: %1</translation>
    </message>
    <message>
        <source>Only cases in this state.</source>
        <translation>القضايا في هذه الحالة فقط.</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>List the desk&apos;s cases, held shipments first then oldest, with their events.</source>
        <translation>سرد قضايا المكتب، الشحنات المحجوزة أولًا ثم الأقدم، مع أحداثها.</translation>
    </message>
    <message>
        <source>cases: --state is open, in_review, decided, escalated or closed.</source>
        <translation>cases: قيمة --state هي open أو in_review أو decided أو escalated أو closed.</translation>
    </message>
    <message>
        <source>HELD</source>
        <translation>محجوزة</translation>
    </message>
    <message>
        <source>case escalate: the PDF of the case could not be made: %1</source>
        <translation>case escalate: تعذر إنشاء ملف PDF للقضية: %1</translation>
    </message>
    <message>
        <source>case: %1</source>
        <translation>case: %1</translation>
    </message>
    <message>
        <source>case recheck: %1</source>
        <translation>case recheck: %1</translation>
    </message>
    <message>
        <source>the case&apos;s inspection %1 is not in the records.</source>
        <translation>تفتيش القضية %1 غير موجود في السجلات.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>اليوم (%1): %2</translation>
    </message>
    <message>
        <source>The certificate number (case and spaces ignored).</source>
        <translation>رقم الشهادة (تُتجاهل حالة الأحرف والمسافات).</translation>
    </message>
    <message>
        <source>From this day on (local time).</source>
        <translation>من هذا اليوم فصاعدًا (التوقيت المحلي).</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Up to this day, included (local time).</source>
        <translation>حتى هذا اليوم، ضمنًا (التوقيت المحلي).</translation>
    </message>
    <message>
        <source>The final verdict: accept, doubt or reject.</source>
        <translation>الحكم النهائي: accept أو doubt أو reject.</translation>
    </message>
    <message>
        <source>VERDICT</source>
        <translation>VERDICT</translation>
    </message>
    <message>
        <source>Who inspected (case ignored).</source>
        <translation>من أجرى التفتيش (تُتجاهل حالة الأحرف).</translation>
    </message>
    <message>
        <source>The certificate&apos;s participant (two letters).</source>
        <translation>مشارك الشهادة (حرفان).</translation>
    </message>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>At most N inspections (default 500).</source>
        <translation>N تفتيش على الأكثر (الافتراضي 500).</translation>
    </message>
    <message>
        <source>Find the desk&apos;s past inspections, newest first. When more than the limit match, says so: narrow the search.
Exit status: 0 searched (even when none matched), 4 usage error or the records could not be read.</source>
        <translation>البحث عن التفتيشات السابقة للمكتب، الأحدث أولًا. إذا تطابق أكثر من الحد، يُنبَّه إلى ذلك: ضيّق البحث.
رمز الخروج: 0 تم البحث (حتى لو لم يتطابق شيء)، 4 خطأ في الاستخدام أو تعذرت قراءة السجلات.</translation>
    </message>
    <message>
        <source>inspections: --%1 needs a date as YYYY-MM-DD.</source>
        <translation>inspections: يحتاج --%1 إلى تاريخ بالصيغة YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>inspections: --from is after --to.</source>
        <translation>inspections: --from بعد --to.</translation>
    </message>
    <message>
        <source>inspections: --verdict is accept, doubt or reject.</source>
        <translation>inspections: قيمة --verdict هي accept أو doubt أو reject.</translation>
    </message>
    <message>
        <source>inspections: --participant needs a two-letter code (e.g. BW).</source>
        <translation>inspections: يحتاج --participant إلى رمز من حرفين (مثلًا BW).</translation>
    </message>
    <message>
        <source>inspections: --limit needs a number of at least 1.</source>
        <translation>inspections: يحتاج --limit إلى رقم لا يقل عن 1.</translation>
    </message>
    <message>
        <source>inspections: %1</source>
        <translation>inspections: %1</translation>
    </message>
    <message>
        <source>CASE</source>
        <translation>القضية</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>عُثر على أكثر من %Ln تفتيش: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من تفتيش واحد: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من تفتيشين: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من %Ln تفتيشات: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من %Ln تفتيشًا: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من %Ln تفتيش: ضيّق البحث.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>عُثر على %Ln تفتيش.</numerusform>
            <numerusform>عُثر على تفتيش واحد.</numerusform>
            <numerusform>عُثر على تفتيشين.</numerusform>
            <numerusform>عُثر على %Ln تفتيشات.</numerusform>
            <numerusform>عُثر على %Ln تفتيشًا.</numerusform>
            <numerusform>عُثر على %Ln تفتيش.</numerusform>
        </translation>
    </message>
    <message>
        <source>decide: released, detained, seized or refused.</source>
        <translation>decide: released أو detained أو seized أو refused.</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>OUTCOME</translation>
    </message>
    <message>
        <source>The reason (decide, close, reopen).</source>
        <translation>السبب (decide، close، reopen).</translation>
    </message>
    <message>
        <source>The note&apos;s text.</source>
        <translation>نص الملاحظة.</translation>
    </message>
    <message>
        <source>note: a file to attach as evidence (repeatable).</source>
        <translation>note: ملف يُرفق كدليل (قابل للتكرار).</translation>
    </message>
    <message>
        <source>escalate: an addressee, a participant&apos;s code, KP-CHAIR or KP-WGM (repeatable; default: the issuer&apos;s and this desk&apos;s authorities, the KP Chair and the WGM).</source>
        <translation>escalate: مرسَل إليه، رمز مشارك أو KP-CHAIR أو KP-WGM (قابل للتكرار؛ الافتراضي: سلطتا الجهة المُصدِرة وهذا المكتب، ورئاسة عملية كيمبرلي و WGM).</translation>
    </message>
    <message>
        <source>TO</source>
        <translation>TO</translation>
    </message>
    <message>
        <source>take, decide, note, escalate, close, reopen, or recheck (no --user: the inspection verified again against today&apos;s data, and what changed).</source>
        <translation>take أو decide أو note أو escalate أو close أو reopen أو recheck (دون --user: يُعاد التحقق من التفتيش مقابل بيانات اليوم، مع ما تغيّر).</translation>
    </message>
    <message>
        <source>The case&apos;s id.</source>
        <translation>معرّف القضية.</translation>
    </message>
    <message>
        <source>Work a case as a signed-in person.
Exit status: 0 done, 1 refused (role, four eyes, the case&apos;s state, sign-in), 4 usage or environment error.</source>
        <translation>معالجة قضية بصفة شخص مسجِّل الدخول.
رمز الخروج: 0 تم، 1 رُفض (الدور، العيون الأربع، حالة القضية، تسجيل الدخول)، 4 خطأ في الاستخدام أو البيئة.</translation>
    </message>
    <message>
        <source>case: give --user NAME, one of take, decide, note, escalate, close, reopen, and the CASE_ID.</source>
        <translation>case: أعطِ --user NAME، وأحد take أو decide أو note أو escalate أو close أو reopen، و CASE_ID.</translation>
    </message>
    <message>
        <source>case decide: --outcome is released, detained, seized or refused.</source>
        <translation>case decide: قيمة --outcome هي released أو detained أو seized أو refused.</translation>
    </message>
    <message>
        <source>Escalated to %1; message %2 waiting in the outbox.</source>
        <translation>صُعِّدت إلى %1؛ الرسالة %2 تنتظر في صندوق الصادر.</translation>
    </message>
    <message>
        <source>case note: %1</source>
        <translation>case note: %1</translation>
    </message>
    <message>
        <source>case note: give --text TEXT or --attach FILE.</source>
        <translation>case note: أعطِ --text TEXT أو --attach FILE.</translation>
    </message>
    <message>
        <source>case %1: %2</source>
        <translation>case %1: %2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>القضية %1: %2</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export: الملف المراد كتابته.</translation>
    </message>
    <message>
        <source>verify or export.</source>
        <translation>verify أو export.</translation>
    </message>
    <message>
        <source>verify: recompute the audit trail&apos;s hash chain (exit 0 and &apos;entries N head HEX&apos;, or 1 naming the first entry that does not hold).
export: write the trail as a CBOR sequence (RFC 8742) of the entries as hashed.</source>
        <translation>verify: إعادة حساب سلسلة بصمات سجل التدقيق (الخروج بـ 0 مع &apos;entries N head HEX&apos;، أو بـ 1 مع ذكر أول قيد غير سليم).
export: كتابة السجل كتسلسل CBOR (RFC 8742) من القيود كما جُزِّئت.</translation>
    </message>
    <message>
        <source>audit: give &apos;verify&apos;, or &apos;export --out FILE&apos;.</source>
        <translation>audit: أعطِ &apos;verify&apos; أو &apos;export --out FILE&apos;.</translation>
    </message>
    <message>
        <source>audit verify: %1</source>
        <translation>audit verify: %1</translation>
    </message>
    <message>
        <source>audit verify: the trail does not hold at entry %1: %2</source>
        <translation>audit verify: السجل غير سليم عند القيد %1: %2</translation>
    </message>
    <message>
        <source>audit export: %1: %2</source>
        <translation>audit export: %1: %2</translation>
    </message>
    <message>
        <source>audit export: %1</source>
        <translation>audit export: %1</translation>
    </message>
    <message>
        <source>audit export: cannot write %1.</source>
        <translation>audit export: تتعذر كتابة %1.</translation>
    </message>
    <message>
        <source>on: a supervisor may decide a case they flagged (the decision says so).</source>
        <translation>on: يجوز للمشرف البتّ في قضية أبلغ عنها (ويذكر القرار ذلك).</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Lock an idle desk after N minutes.</source>
        <translation>قفل المكتب الخامل بعد N دقيقة.</translation>
    </message>
    <message>
        <source>What people call this desk.</source>
        <translation>الاسم المتداول لهذا المكتب.</translation>
    </message>
    <message>
        <source>The home authority&apos;s intake base URL (https) for the outbox; &apos;&apos; for none.</source>
        <translation>عنوان URL الأساسي (https) لاستلام السلطة المرجعية لصندوق الصادر؛ &apos;&apos; لعدم التعيين.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A CA file (PEM) trusted for the intake server besides the system&apos;s.</source>
        <translation>ملف CA (PEM) موثوق لخادم الاستلام إضافة إلى شهادات النظام.</translation>
    </message>
    <message>
        <source>HTTP proxy for the outbox as host:port, or &apos;none&apos;. Default: the system&apos;s.</source>
        <translation>وكيل HTTP لصندوق الصادر بصيغة host:port، أو &apos;none&apos;. الافتراضي: وكيل النظام.</translation>
    </message>
    <message>
        <source>settings: --one-person-post is on or off.</source>
        <translation>settings: قيمة --one-person-post هي on أو off.</translation>
    </message>
    <message>
        <source>settings: --idle-lock-minutes needs a number.</source>
        <translation>settings: يحتاج --idle-lock-minutes إلى رقم.</translation>
    </message>
    <message>
        <source>settings: %1</source>
        <translation>settings: %1</translation>
    </message>
    <message>
        <source>Rebuild a damaged desk cache: keep every readable record of the desk itself (configuration, presentations, inspections, flags, attachments), drop the authorities&apos; data to be fetched again by the next sync, and keep the damaged file beside it. Close the window first.</source>
        <translation>إعادة بناء ذاكرة مؤقتة تالفة للمكتب: الاحتفاظ بكل سجل مقروء للمكتب نفسه (الإعدادات، التقديمات، التفتيشات، البلاغات، المرفقات)، وإسقاط بيانات السلطات لتُجلب مجددًا في المزامنة التالية، والاحتفاظ بالملف التالف بجانبها. أغلق النافذة أولًا.</translation>
    </message>
    <message>
        <source>repair: there is no desk cache at %1.</source>
        <translation>repair: لا توجد ذاكرة مؤقتة للمكتب في %1.</translation>
    </message>
    <message>
        <source>repair: %1</source>
        <translation>repair: %1</translation>
    </message>
    <message>
        <source>Repaired the desk cache %1.</source>
        <translation>أُصلحت ذاكرة المكتب المؤقتة %1.</translation>
    </message>
    <message>
        <source>Kept (the desk&apos;s own records):</source>
        <translation>ما احتُفظ به (سجلات المكتب نفسه):</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln صف</numerusform>
            <numerusform>صف واحد</numerusform>
            <numerusform>صفّان</numerusform>
            <numerusform>%Ln صفوف</numerusform>
            <numerusform>%Ln صفًا</numerusform>
            <numerusform>%Ln صف</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost (could not be read from the damaged file):</source>
        <translation>ما فُقد (تعذرت قراءته من الملف التالف):</translation>
    </message>
    <message>
        <source>some rows (how many is unknown)</source>
        <translation>بعض الصفوف (عددها غير معروف)</translation>
    </message>
    <message>
        <source>Lost: nothing of the desk&apos;s own records.</source>
        <translation>ما فُقد: لا شيء من سجلات المكتب نفسه.</translation>
    </message>
    <message>
        <source>Dropped: the authorities&apos; data (participants, CAs, signers, registry, revocations, rules, contacts); the desk is at seq 0.</source>
        <translation>ما أُسقط: بيانات السلطات (المشاركون، جهات التصديق، الموقِّعون، السجل المركزي، الإلغاءات، القواعد، جهات الاتصال)؛ المكتب عند التسلسل 0.</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>احتُفظ بالملف التالف باسم %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again: kpdesk-cli sync --db %1</source>
        <translation>زامن الآن لجلب بيانات السلطة من جديد: kpdesk-cli sync --db %1</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>فشل</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>لم يُتحقق</translation>
    </message>
    <message>
        <source>ACCEPT: every check passed; release unless the physical check finds otherwise.</source>
        <translation>مقبول: نجحت كل الفحوص؛ أفرج عن الشحنة ما لم يُظهر الفحص المادي خلاف ذلك.</translation>
    </message>
    <message>
        <source>DOUBT: examine the shipment, then release or flag reasonable doubt.</source>
        <translation>مشكوك فيه: افحص الشحنة، ثم أفرج عنها أو أبلغ عن شك معقول.</translation>
    </message>
    <message>
        <source>REJECT: not authentic or not acceptable; hold the shipment.</source>
        <translation>مرفوض: غير أصلية أو غير مقبولة؛ احجز الشحنة.</translation>
    </message>
    <message>
        <source>Certificate %1 (%2), inspected for %3 on %4</source>
        <translation>الشهادة %1 (%2)، فُتّشت لصالح %3 في %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>  Issued by %1 (%2) on %3, expires %4</source>
        <translation>  صادرة عن %1 (%2) في %3، تنتهي في %4</translation>
    </message>
    <message>
        <source>  Exporter: %1, %2</source>
        <translation>  المصدِّر: %1، %2</translation>
    </message>
    <message>
        <source>  Importer: %1, %2</source>
        <translation>  المستورد: %1، %2</translation>
    </message>
    <message>
        <source>  Origin: %1; parcels: %2; carats: %3; US$ %4</source>
        <translation>  المنشأ: %1؛ الطرود: %2؛ القراريط: %3؛ %4 دولار أمريكي</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>مختلط</translation>
    </message>
    <message>
        <source>Validation date (default: today).</source>
        <translation>تاريخ التحقق (الافتراضي: اليوم).</translation>
    </message>
    <message>
        <source>Count this as a presentation at this desk.</source>
        <translation>احتساب هذا تقديمًا في هذا المكتب.</translation>
    </message>
    <message>
        <source>Verify this barcode text or certificate number.</source>
        <translation>التحقق من نص الرمز الشريطي هذا أو رقم الشهادة هذا.</translation>
    </message>
    <message>
        <source>verify: give either --text TEXT or one IMAGE.</source>
        <translation>verify: أعطِ إما --text TEXT أو IMAGE واحدة.</translation>
    </message>
    <message>
        <source>verify: --at needs a date as YYYY-MM-DD.</source>
        <translation>verify: يحتاج --at إلى تاريخ بالصيغة YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>verify: %1 is not an initialised desk (run &apos;kpdesk-cli init&apos;).</source>
        <translation>verify: %1 ليس مكتبًا مهيَّأً (شغّل &apos;kpdesk-cli init&apos;).</translation>
    </message>
    <message>
        <source>verify: %1: %2</source>
        <translation>verify: %1: %2</translation>
    </message>
    <message>
        <source>verify: nothing to verify (empty text).</source>
        <translation>verify: لا شيء للتحقق منه (نص فارغ).</translation>
    </message>
    <message>
        <source>verify: the desk&apos;s data could not be read: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>verify: تعذرت قراءة بيانات المكتب: شغّل &apos;kpdesk-cli repair --db %1&apos;، ثم زامن.</translation>
    </message>
    <message>
        <source>verify: the presentation was not recorded: %1</source>
        <translation>verify: لم يُسجَّل التقديم: %1</translation>
    </message>
    <message>
        <source>Image files (PNG, JPEG, TIFF, BMP).</source>
        <translation>ملفات الصور (PNG، JPEG، TIFF، BMP).</translation>
    </message>
    <message>
        <source>List every barcode found in each image: symbology and text, whatever it holds.</source>
        <translation>سرد كل رمز شريطي يُعثر عليه في كل صورة: الترميز والنص، أيًا كان محتواه.</translation>
    </message>
    <message>
        <source>decode: name at least one IMAGE.</source>
        <translation>decode: حدّد IMAGE واحدة على الأقل.</translation>
    </message>
    <message>
        <source>no barcode found</source>
        <translation>لم يُعثر على رمز شريطي</translation>
    </message>
    <message>
        <source>Create a desk cache for a participant and pin its home authority&apos;s bundle keys.</source>
        <translation>إنشاء ذاكرة مؤقتة لمكتب تابع لمشارك وتثبيت مفاتيح الحزم الخاصة بسلطته المرجعية.</translation>
    </message>
    <message>
        <source>link the desk to its office&apos;s database and replicate with it</source>
        <translation>ربط المكتب بقاعدة بيانات دائرته والنسخ المتماثل معها</translation>
    </message>
    <message>
        <source>create or migrate the office&apos;s database schema</source>
        <translation>إنشاء مخطط قاعدة بيانات الدائرة أو ترحيله</translation>
    </message>
    <message>
        <source>office: %1</source>
        <translation>office: %1</translation>
    </message>
    <message>
        <source>This desk replicates with %1.</source>
        <translation>يُجري هذا المكتب النسخ المتماثل مع %1.</translation>
    </message>
    <message>
        <source>Its password is kept in %1, readable by this account only.</source>
        <translation>كلمة المرور محفوظة في %1، ولا يقرؤها إلا هذا الحساب.</translation>
    </message>
    <message>
        <source>No office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>لم تُحدَّد دائرة (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>الدائرة: %1</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>متصل.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>غير متصل: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln سجل بانتظار الرفع.</numerusform>
            <numerusform>سجل واحد بانتظار الرفع.</numerusform>
            <numerusform>سجلان بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجلات بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجلًا بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجل بانتظار الرفع.</numerusform>
        </translation>
    </message>
    <message>
        <source>office --sync: %1</source>
        <translation>office --sync: %1</translation>
    </message>
    <message>
        <source>office --sync: no office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>office --sync: لم تُحدَّد دائرة (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) went up;</source>
        <translation>
            <numerusform>رُفع %Ln سجل؛</numerusform>
            <numerusform>رُفع سجل واحد؛</numerusform>
            <numerusform>رُفع سجلان؛</numerusform>
            <numerusform>رُفع %Ln سجلات؛</numerusform>
            <numerusform>رُفع %Ln سجلًا؛</numerusform>
            <numerusform>رُفع %Ln سجل؛</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) of other desks</source>
        <translation>
            <numerusform>ونُزِّلت %Ln قضية من مكاتب أخرى</numerusform>
            <numerusform>ونُزِّلت قضية واحدة من مكاتب أخرى</numerusform>
            <numerusform>ونُزِّلت قضيتان من مكاتب أخرى</numerusform>
            <numerusform>ونُزِّلت %Ln قضايا من مكاتب أخرى</numerusform>
            <numerusform>ونُزِّلت %Ln قضية من مكاتب أخرى</numerusform>
            <numerusform>ونُزِّلت %Ln قضية من مكاتب أخرى</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln event(s) made elsewhere came down.</source>
        <translation>
            <numerusform>و %Ln حدث أُنشئ في مكان آخر.</numerusform>
            <numerusform>وحدث واحد أُنشئ في مكان آخر.</numerusform>
            <numerusform>وحدثان أُنشئا في مكان آخر.</numerusform>
            <numerusform>و %Ln أحداث أُنشئت في مكان آخر.</numerusform>
            <numerusform>و %Ln حدثًا أُنشئت في مكان آخر.</numerusform>
            <numerusform>و %Ln حدث أُنشئت في مكان آخر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replicate with this office: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</source>
        <translation>النسخ المتماثل مع هذه الدائرة: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</translation>
    </message>
    <message>
        <source>Say whether the office answers and what waits.</source>
        <translation>بيان ما إذا كانت الدائرة ترد وما ينتظر الرفع.</translation>
    </message>
    <message>
        <source>Push and pull once; 0 only when the office holds everything this desk made.</source>
        <translation>رفع وتنزيل مرة واحدة؛ 0 فقط عندما تحتفظ الدائرة بكل ما أنشأه هذا المكتب.</translation>
    </message>
    <message>
        <source>With --sync: send everything this desk made again (an office restored from an older backup).</source>
        <translation>مع --sync: إعادة إرسال كل ما أنشأه هذا المكتب (لدائرة استُعيدت من نسخة احتياطية أقدم).</translation>
    </message>
    <message>
        <source>Link the desk to its office&apos;s database, and replicate with it.</source>
        <translation>ربط المكتب بقاعدة بيانات دائرته، والنسخ المتماثل معها.</translation>
    </message>
    <message>
        <source>office: give one of --set, --status or --sync.</source>
        <translation>office: أعطِ واحدًا من --set أو --status أو --sync.</translation>
    </message>
    <message>
        <source>postgresql://OWNER@HOST[:PORT]/DATABASE</source>
        <translation>postgresql://OWNER@HOST[:PORT]/DATABASE</translation>
    </message>
    <message>
        <source>Create or migrate the office&apos;s schema (as the database&apos;s owner; the password from PGPASSWORD or ~/.pgpass rather than the URL).</source>
        <translation>إنشاء مخطط الدائرة أو ترحيله (بصفة مالك قاعدة البيانات؛ وكلمة المرور من PGPASSWORD أو ~/.pgpass لا من عنوان URL).</translation>
    </message>
    <message>
        <source>office-init: give the office&apos;s URL.</source>
        <translation>office-init: أعطِ عنوان URL للدائرة.</translation>
    </message>
    <message>
        <source>office-init: %1</source>
        <translation>office-init: %1</translation>
    </message>
    <message>
        <source>The office %1 is at schema %2.</source>
        <translation>الدائرة %1 عند المخطط %2.</translation>
    </message>
    <message>
        <source>Verify a certificate and print the verdict with every check.
Exit status: 0 accept, 1 doubt, 2 reject, 3 nothing to verify (no barcode, not a certificate), 4 usage or environment error.</source>
        <translation>التحقق من شهادة وطباعة الحكم مع كل فحص.
رمز الخروج: 0 مقبول، 1 مشكوك فيه، 2 مرفوض، 3 لا شيء للتحقق منه (لا رمز شريطي، ليست شهادة)، 4 خطأ في الاستخدام أو البيئة.</translation>
    </message>
    <message>
        <source>verify: %1</source>
        <translation>verify: %1</translation>
    </message>
    <message>
        <source>MISMATCH at entry %1: message %2 (n=%3) reported %4, the trail has %5 (rewritten)</source>
        <translation>عدم تطابق عند القيد %1: أبلغت الرسالة %2 (n=%3) عن %4، والسجل يحتوي على %5 (أُعيدت كتابته)</translation>
    </message>
    <message>
        <source>MISSING entry %1: message %2 (n=%3) reported %4, the trail ends at entry %5 (entries removed, or the trail went back)</source>
        <translation>القيد %1 مفقود: أبلغت الرسالة %2 (n=%3) عن %4، وينتهي السجل عند القيد %5 (حُذفت قيود، أو عاد السجل إلى الوراء)</translation>
    </message>
    <message>
        <source>The desk whose trail it is (e.g. EU-ANR-03).</source>
        <translation>المكتب صاحب السجل (مثل EU-ANR-03).</translation>
    </message>
    <message>
        <source>The desk&apos;s trail, as written by &apos;kpdesk-cli audit export&apos;.</source>
        <translation>سجل المكتب، كما كتبه &apos;kpdesk-cli audit export&apos;.</translation>
    </message>
    <message>
        <source>Check a desk&apos;s exported audit trail against every head (entry count and hash) the ledger received from that desk.</source>
        <translation>التحقق من سجل التدقيق المُصدَّر لمكتب مقابل كل رأس (عدد القيود والبصمة) استلمه الدفتر من ذلك المكتب.</translation>
    </message>
    <message>
        <source>--ledger FILE, --desk ID and one TRAIL file are needed.</source>
        <translation>يلزم --ledger FILE و --desk ID وملف TRAIL واحد.</translation>
    </message>
    <message>
        <source>%1 is not a message ledger file.</source>
        <translation>%1 ليس ملف دفتر رسائل.</translation>
    </message>
    <message>
        <source>The ledger holds no head from desk %1: there is nothing to check the trail against.</source>
        <translation>لا يحتوي الدفتر على أي رأس من المكتب %1: لا يوجد ما يُتحقق من السجل مقابله.</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>ليس ملفًا</translation>
    </message>
    <message>
        <source>The trail itself does not hold: %1</source>
        <translation>السجل نفسه غير سليم: %1</translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: the trail (%2 entries, head %3) holds every one of the %Ln head(s) received.</source>
        <translation>
            <numerusform>المكتب %1: يحتوي السجل (القيود: %2، الرأس %3) على كل الرؤوس المستلمة وعددها %Ln.</numerusform>
            <numerusform>المكتب %1: يحتوي السجل (القيود: %2، الرأس %3) على الرأس المستلم الوحيد.</numerusform>
            <numerusform>المكتب %1: يحتوي السجل (القيود: %2، الرأس %3) على الرأسين المستلمين كليهما.</numerusform>
            <numerusform>المكتب %1: يحتوي السجل (القيود: %2، الرأس %3) على كل الرؤوس المستلمة وعددها %Ln.</numerusform>
            <numerusform>المكتب %1: يحتوي السجل (القيود: %2، الرأس %3) على كل الرؤوس المستلمة وعددها %Ln.</numerusform>
            <numerusform>المكتب %1: يحتوي السجل (القيود: %2، الرأس %3) على كل الرؤوس المستلمة وعددها %Ln.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: %2 of the %Ln head(s) received are not in the trail (%3 entries).</source>
        <translation>
            <numerusform>المكتب %1: لا يحتوي السجل (القيود: %3) على %2 من أصل %Ln رأس مستلم.</numerusform>
            <numerusform>المكتب %1: لا يحتوي السجل (القيود: %3) على %2 من أصل رأس واحد مستلم.</numerusform>
            <numerusform>المكتب %1: لا يحتوي السجل (القيود: %3) على %2 من أصل رأسين مستلمين.</numerusform>
            <numerusform>المكتب %1: لا يحتوي السجل (القيود: %3) على %2 من أصل %Ln رؤوس مستلمة.</numerusform>
            <numerusform>المكتب %1: لا يحتوي السجل (القيود: %3) على %2 من أصل %Ln رأسًا مستلمًا.</numerusform>
            <numerusform>المكتب %1: لا يحتوي السجل (القيود: %3) على %2 من أصل %Ln رأس مستلم.</numerusform>
        </translation>
    </message>
    <message>
        <source>check a desk&apos;s exported audit trail against every head the ledger received</source>
        <translation>التحقق من سجل التدقيق المُصدَّر لمكتب مقابل كل رأس استلمه الدفتر</translation>
    </message>
    <message>
        <source>Seconds the whole sync from one source may take, however slowly data still comes, before it is given up (default 3600; 0: no limit).</source>
        <translation>عدد الثواني التي قد تستغرقها المزامنة كاملة من مصدر واحد، مهما كان بطء وصول البيانات، قبل التخلي عنها (الافتراضي 3600؛ 0: بلا حد).</translation>
    </message>
    <message>
        <source>sync: --deadline needs a number of seconds.</source>
        <translation>sync: يحتاج --deadline إلى عدد من الثواني.</translation>
    </message>
    <message>
        <source>audit trail went back? desk %1, message %2 (n=%3) gives fewer audit entries than message %4, made before it (restored from a backup, or entries removed)</source>
        <translation>هل عاد سجل التدقيق إلى الوراء؟ المكتب %1، الرسالة %2 (n=%3) تعطي قيود تدقيق أقل من الرسالة %4 التي أُنشئت قبلها (استُعيد من نسخة احتياطية، أو حُذفت قيود)</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder (required): its list of enrolled and revoked desks is checked for every message (a desk it did not enrol, or revoked, is refused), and its home authority CA issues desk certificates.</source>
        <translation>مجلد PKI الخاص بالسلطة (إلزامي): تُفحص قائمته للمكاتب المسجَّلة والملغاة لكل رسالة (يُرفض المكتب الذي لم تسجّله السلطة أو الذي ألغته)، وتُصدر جهة التصديق (CA) لسلطته المرجعية شهادات المكاتب.</translation>
    </message>
    <message>
        <source>Another authority CA certificate (PEM) that issues desk certificates, besides the PKI&apos;s (a CA rollover). Repeatable.</source>
        <translation>شهادة أخرى لجهة تصديق (CA) للسلطة (PEM) تُصدر شهادات المكاتب، إضافة إلى جهة التصديق في البنية PKI (عند تبديل جهة التصديق). قابل للتكرار.</translation>
    </message>
    <message>
        <source>More revoked desks, besides the PKI&apos;s list: one desk certificate SHA-256 (hex) or desk id per line.</source>
        <translation>مكاتب ملغاة إضافية، غير الواردة في قائمة PKI: بصمة SHA-256 (hex) لشهادة مكتب أو معرّف مكتب في كل سطر.</translation>
    </message>
    <message>
        <source>--pki DIR is required: the authority&apos;s list of enrolled and revoked desks is checked for every message.</source>
        <translation>الخيار --pki DIR مطلوب: تُفحص قائمة السلطة للمكاتب المسجَّلة والملغاة لكل رسالة.</translation>
    </message>
    <message>
        <source>--pki DIR, --ledger FILE and one INTAKE_DIR are needed.</source>
        <translation>يلزم --pki DIR و --ledger FILE ومجلد INTAKE_DIR واحد.</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 (issuers/%1/ca-cert.pem) and no --ca was given.</source>
        <translation>لا تملك البنية (PKI) جهة تصديق (CA) لسلطة المشارك المرجعي %1 (issuers/%1/ca-cert.pem) ولم يُعطَ الخيار --ca.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside (not applied).</source>
        <translation>
            <numerusform>%Ln صف من الدائرة لم تجتز فحوصها فوُضعت جانبًا (لم تُطبَّق).</numerusform>
            <numerusform>صف واحد من الدائرة لم يجتز فحوصه فوُضع جانبًا (لم يُطبَّق).</numerusform>
            <numerusform>صفّان من الدائرة لم يجتازا فحوصهما فوُضعا جانبًا (لم يُطبَّقا).</numerusform>
            <numerusform>%Ln صفوف من الدائرة لم تجتز فحوصها فوُضعت جانبًا (لم تُطبَّق).</numerusform>
            <numerusform>%Ln صفًا من الدائرة لم تجتز فحوصها فوُضعت جانبًا (لم تُطبَّق).</numerusform>
            <numerusform>%Ln صف من الدائرة لم تجتز فحوصها فوُضعت جانبًا (لم تُطبَّق).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail: another role wrote there.</source>
        <translation>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضع من سجل هذا المكتب: كتب دور آخر هناك.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في موضع واحد من سجل هذا المكتب: كتب دور آخر هناك.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في موضعين من سجل هذا المكتب: كتب دور آخر هناك.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln مواضع من سجل هذا المكتب: كتب دور آخر هناك.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضعًا من سجل هذا المكتب: كتب دور آخر هناك.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضع من سجل هذا المكتب: كتب دور آخر هناك.</numerusform>
        </translation>
    </message>
    <message>
        <source>Manage the desk&apos;s accounts. add, disable and passwd sign in as the administrator --user ADMIN (or, for passwd, as the account&apos;s owner); passwords are read from standard input when it is not a terminal, one line each: the signing-in password first, then the new one. Only the desk&apos;s first account, an administrator, is added without --user. A password set by someone else must be changed by its owner (users passwd --user NAME --name NAME) before the account does anything else.</source>
        <translation>إدارة حسابات المكتب. تسجّل add و disable و passwd الدخول بصفة المسؤول --user ADMIN (أو، في حالة passwd، بصفة مالك الحساب)؛ تُقرأ كلمات المرور من الإدخال القياسي عندما لا يكون طرفية، كل واحدة في سطر: كلمة مرور تسجيل الدخول أولًا، ثم الجديدة. لا يُضاف دون --user إلا أول حساب في المكتب، وهو حساب مسؤول. يجب أن يغيّر المالك كلمة المرور التي عيّنها شخص آخر (users passwd --user NAME --name NAME) قبل أن يقوم الحساب بأي شيء آخر.</translation>
    </message>
    <message>
        <source>users %1: --user ADMIN is needed (their password first on standard input).</source>
        <translation>users %1: يلزم --user ADMIN (كلمة مروره أولًا في الإدخال القياسي).</translation>
    </message>
    <message>
        <source>users add: the desk&apos;s first account is an administrator; then that administrator adds the others with --user.</source>
        <translation>users add: أول حساب في المكتب هو حساب مسؤول؛ ثم يضيف هذا المسؤول الحسابات الأخرى باستخدام --user.</translation>
    </message>
    <message>
        <source>Show or change the desk&apos;s settings. A change is an administrator&apos;s: --user ADMIN signs in (password on standard input); it goes to the trail.</source>
        <translation>عرض إعدادات المكتب أو تغييرها. التغيير من صلاحية المسؤول: يسجّل --user ADMIN الدخول (كلمة المرور من الإدخال القياسي)؛ ويُدوَّن التغيير في السجل.</translation>
    </message>
    <message>
        <source>settings: --user ADMIN is needed to change a setting (their password on standard input).</source>
        <translation>settings: يلزم --user ADMIN لتغيير إعداد (كلمة مروره من الإدخال القياسي).</translation>
    </message>
    <message>
        <source>When the damaged desk&apos;s last sync number cannot be read: the number of the authority&apos;s newest bundle, which the desk must reach again before it accepts anything (0: the desk was never synced).</source>
        <translation>عندما يتعذر قراءة رقم آخر مزامنة للمكتب التالف: رقم أحدث حزمة لدى السلطة، والذي يجب أن يبلغه المكتب مجددًا قبل أن يقبل أي شيء (0: لم تتم مزامنة المكتب قط).</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NUMBER</translation>
    </message>
    <message>
        <source>repair: --min-seq takes a bundle number (0 or more), not &apos;%1&apos;.</source>
        <translation>repair: يأخذ --min-seq رقم حزمة (0 أو أكثر)، وليس &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The administrator who makes the change (password on standard input); needed once the desk has accounts.</source>
        <translation>المسؤول الذي يُجري التغيير (كلمة المرور من الإدخال القياسي)؛ يلزم متى أصبحت للمكتب حسابات.</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>ADMIN</translation>
    </message>
    <message>
        <source>%1: this desk has accounts: an administrator makes this change with --user ADMIN (their password on standard input).</source>
        <translation>%1: توجد حسابات في هذا المكتب: يُجري المسؤول هذا التغيير باستخدام --user ADMIN (كلمة مروره من الإدخال القياسي).</translation>
    </message>
    <message>
        <source>%1&apos;s password was set by someone else: they change it first (kpdesk-cli users passwd --user %1 --name %1).</source>
        <translation>عيّن شخص آخر كلمة مرور %1: يجب على %1 تغييرها أولًا (kpdesk-cli users passwd --user %1 --name %1).</translation>
    </message>
    <message>
        <source>CORRECTED</source>
        <translation>مُصحَّح</translation>
    </message>
    <message>
        <source>Include the list of desks (enrolled and revoked desk certificates) of the PKI: desks refuse office events a revoked desk signed.</source>
        <translation>تضمين قائمة المكاتب في البنية (PKI) (شهادات المكاتب المسجلة والملغاة): ترفض المكاتب أحداث المكتب الرئيسي التي وقّعها مكتب ملغاة شهادته.</translation>
    </message>
    <message>
        <source>The authority revoked this desk&apos;s certificate on %1: enrol the desk again.</source>
        <translation>ألغت السلطة شهادة هذا المكتب في %1: أعد تسجيل المكتب.</translation>
    </message>
    <message>
        <source>%1: images are read by kpdesk-cli-full, not by this program.</source>
        <translation>%1: الصور يقرؤها kpdesk-cli-full وليس هذا البرنامج.</translation>
    </message>
    <message>
        <source>kpdesk-cli: %1 could not be started: %2</source>
        <translation>kpdesk-cli: تعذّر تشغيل %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::AboutDialog</name>
    <message>
        <source>Proprietary: all rights reserved by the KP Desk maintainers.</source>
        <translation>برنامج مملوك: جميع الحقوق محفوظة للقائمين على صيانة KP Desk.</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>الترخيص: %1</translation>
    </message>
    <message>
        <source>About KP Desk</source>
        <translation>حول KP Desk</translation>
    </message>
    <message>
        <source>KP Desk %1</source>
        <translation>KP Desk %1</translation>
    </message>
    <message>
        <source>DEMO desk: its certificates, keys and accounts are made up; no verdict here is about a real shipment.</source>
        <translation>مكتب تجريبي (DEMO): شهاداته ومفاتيحه وحساباته وهمية؛ لا يتعلق أي حكم هنا بشحنة حقيقية.</translation>
    </message>
    <message>
        <source>Verifies Kimberley Process certificates at an import desk.</source>
        <translation>يتحقق من شهادات عملية كيمبرلي في مكتب استيراد.</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>بُني باستخدام:</translation>
    </message>
    <message>
        <source>Qt %1 (running %2), LGPL-3.0</source>
        <translation>Qt %1 (العامل حاليًا %2)، LGPL-3.0</translation>
    </message>
    <message>
        <source>%1, Apache-2.0</source>
        <translation>%1، Apache-2.0</translation>
    </message>
</context>
<context>
    <name>kp::ui::AuditTrailDialog</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;من</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>&amp;Trail</source>
        <translation>&amp;السجل</translation>
    </message>
    <message>
        <source>&amp;Verify the trail</source>
        <translation>&amp;تحقّق من السجل</translation>
    </message>
    <message>
        <source>&amp;Export for an auditor...</source>
        <translation>&amp;تصدير لمدقق...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>From the day</source>
        <translation>من تاريخ</translation>
    </message>
    <message>
        <source>To the day</source>
        <translation>إلى تاريخ</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>رقم الشهادة</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>القضية</translation>
    </message>
    <message>
        <source>Trail entries</source>
        <translation>قيود السجل</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>&amp;مَن:</translation>
    </message>
    <message>
        <source>Wh&amp;at:</source>
        <translation>ما&amp;ذا:</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>إ&amp;لى</translation>
    </message>
    <message>
        <source>Ce&amp;rtificate:</source>
        <translation>&amp;الشهادة:</translation>
    </message>
    <message>
        <source>Ca&amp;se:</source>
        <translation>&amp;القضية:</translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation>تعذرت قراءة السجل: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: the chain holds through its %Ln entry(ies).</source>
        <translation>
            <numerusform>تم التحقق: السلسلة سليمة عبر كل القيود، وعددها %Ln.</numerusform>
            <numerusform>تم التحقق: السلسلة سليمة عبر القيد الوحيد.</numerusform>
            <numerusform>تم التحقق: السلسلة سليمة عبر القيدين كليهما.</numerusform>
            <numerusform>تم التحقق: السلسلة سليمة عبر كل القيود، وعددها %Ln.</numerusform>
            <numerusform>تم التحقق: السلسلة سليمة عبر كل القيود، وعددها %Ln.</numerusform>
            <numerusform>تم التحقق: السلسلة سليمة عبر كل القيود، وعددها %Ln.</numerusform>
        </translation>
    </message>
    <message>
        <source>BROKEN: the trail does not hold at entry %1: %2. Entries from there on are not verified.</source>
        <translation>مكسور: السجل غير سليم عند القيد %1: %2. لم يُتحقق من القيود ابتداءً منه.</translation>
    </message>
    <message numerus="yes">
        <source>Head: %1 (after %Ln entry(ies), all holding)</source>
        <translation>
            <numerusform>الرأس: %1 (بعد %Ln قيد سليم)</numerusform>
            <numerusform>الرأس: %1 (بعد قيد واحد سليم)</numerusform>
            <numerusform>الرأس: %1 (بعد قيدين سليمين)</numerusform>
            <numerusform>الرأس: %1 (بعد %Ln قيود سليمة)</numerusform>
            <numerusform>الرأس: %1 (بعد %Ln قيدًا سليمًا)</numerusform>
            <numerusform>الرأس: %1 (بعد %Ln قيد سليم)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last received by the home authority: the head after %Ln entry(ies), %1, on %2.</source>
        <translation>
            <numerusform>آخر ما استلمته السلطة المرجعية: الرأس بعد %Ln قيد، %1، في %2.</numerusform>
            <numerusform>آخر ما استلمته السلطة المرجعية: الرأس بعد قيد واحد، %1، في %2.</numerusform>
            <numerusform>آخر ما استلمته السلطة المرجعية: الرأس بعد قيدين، %1، في %2.</numerusform>
            <numerusform>آخر ما استلمته السلطة المرجعية: الرأس بعد %Ln قيود، %1، في %2.</numerusform>
            <numerusform>آخر ما استلمته السلطة المرجعية: الرأس بعد %Ln قيدًا، %1، في %2.</numerusform>
            <numerusform>آخر ما استلمته السلطة المرجعية: الرأس بعد %Ln قيد، %1، في %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The home authority has not received a head of this trail yet.</source>
        <translation>لم تستلم السلطة المرجعية أي رأس لهذا السجل بعد.</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>أي شخص</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>أي شيء</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(ies) in the trail, %1 shown</source>
        <translation>
            <numerusform>%Ln قيد في السجل، يُعرض منها %1</numerusform>
            <numerusform>قيد واحد في السجل، يُعرض منه %1</numerusform>
            <numerusform>قيدان في السجل، يُعرض منهما %1</numerusform>
            <numerusform>%Ln قيود في السجل، يُعرض منها %1</numerusform>
            <numerusform>%Ln قيدًا في السجل، يُعرض منها %1</numerusform>
            <numerusform>%Ln قيد في السجل، يُعرض منها %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>تصدير سجل التدقيق</translation>
    </message>
    <message>
        <source>CBOR sequence (*.cbor)</source>
        <translation>تسلسل CBOR (*.cbor)</translation>
    </message>
    <message>
        <source>The export could not be written: %1: %2</source>
        <translation>تعذرت كتابة التصدير: %1: %2</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>لم يُصدَّر شيء: %1</translation>
    </message>
    <message>
        <source>The export could not be written to %1.</source>
        <translation>تعذرت كتابة التصدير في %1.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(ies) to %1; head %2.</source>
        <translation>
            <numerusform>صُدِّر %Ln قيد إلى %1؛ الرأس %2.</numerusform>
            <numerusform>صُدِّر قيد واحد إلى %1؛ الرأس %2.</numerusform>
            <numerusform>صُدِّر قيدان إلى %1؛ الرأس %2.</numerusform>
            <numerusform>صُدِّرت %Ln قيود إلى %1؛ الرأس %2.</numerusform>
            <numerusform>صُدِّر %Ln قيدًا إلى %1؛ الرأس %2.</numerusform>
            <numerusform>صُدِّر %Ln قيد إلى %1؛ الرأس %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CameraPanel</name>
    <message>
        <source>Start camera</source>
        <translation>تشغيل الكاميرا</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>No camera is available.</source>
        <translation>لا توجد كاميرا متاحة.</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>إيقاف الكاميرا</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseDialog</name>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;تولّي</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;بتّ</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>إضافة &amp;ملاحظة</translation>
    </message>
    <message>
        <source>C&amp;lose the case</source>
        <translation>إ&amp;غلاق القضية</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>&amp;إعادة الفتح</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>تحقّق &amp;مجددًا</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>&amp;طباعة...</translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation>حفظ بصيغة P&amp;DF...</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>القضية</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>الحدث</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>required for a decision, a close, a reopening or a note</source>
        <translation>مطلوب للقرار أو الإغلاق أو إعادة الفتح أو الملاحظة</translation>
    </message>
    <message>
        <source>What changed since the inspection</source>
        <translation>ما تغيّر منذ التفتيش</translation>
    </message>
    <message>
        <source>Verified again today</source>
        <translation>أُعيد التحقق اليوم</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;النتيجة:</translation>
    </message>
    <message>
        <source>&amp;Reason or note:</source>
        <translation>السبب &amp;أو الملاحظة:</translation>
    </message>
    <message>
        <source>&amp;Escalate...</source>
        <translation>&amp;تصعيد...</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <source>case-%1</source>
        <translation>قضية-%1</translation>
    </message>
    <message>
        <source>Verifying again is not available here.</source>
        <translation>إعادة التحقق غير متاحة هنا.</translation>
    </message>
    <message>
        <source>The inspection cannot be read: %1</source>
        <translation>تتعذر قراءة التفتيش: %1</translation>
    </message>
    <message>
        <source>There is no inspection to verify again.</source>
        <translation>لا يوجد تفتيش لإعادة التحقق منه.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>اليوم (%1): %2</translation>
    </message>
    <message>
        <source>The case cannot be read: %1</source>
        <translation>تتعذر قراءة القضية: %1</translation>
    </message>
    <message>
        <source>Case of certificate %1, flagged by %2 on %3.</source>
        <translation>قضية الشهادة %1، أبلغ عنها %2 في %3.</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(بلا رقم)</translation>
    </message>
    <message>
        <source>State: %1.</source>
        <translation>الحالة: %1.</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>الشحنة محجوزة.</translation>
    </message>
    <message>
        <source>Reviewer: %1.</source>
        <translation>المراجِع: %1.</translation>
    </message>
    <message>
        <source>Outcome: %1.</source>
        <translation>النتيجة: %1.</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>الأسباب: %1</translation>
    </message>
    <message>
        <source>Case of %1</source>
        <translation>قضية %1</translation>
    </message>
    <message>
        <source>shipment held</source>
        <translation>الشحنة محجوزة</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>القرار: %1</translation>
    </message>
    <message>
        <source>one-person post: decided by who flagged it</source>
        <translation>مركز بشخص واحد: بتّ فيها من أبلغ عنها</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>صُعِّدت</translation>
    </message>
    <message numerus="yes">
        <source>file %1 (%Ln byte(s))</source>
        <translation>
            <numerusform>الملف %1 (%Ln بايت)</numerusform>
            <numerusform>الملف %1 (بايت واحد)</numerusform>
            <numerusform>الملف %1 (بايتان)</numerusform>
            <numerusform>الملف %1 (%Ln بايتات)</numerusform>
            <numerusform>الملف %1 (%Ln بايتًا)</numerusform>
            <numerusform>الملف %1 (%Ln بايت)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>لم يُنفَّذ: %1</translation>
    </message>
    <message>
        <source>You have taken the case for review.</source>
        <translation>توليت القضية للمراجعة.</translation>
    </message>
    <message>
        <source>Write the reason for the decision first.</source>
        <translation>اكتب سبب القرار أولًا.</translation>
    </message>
    <message>
        <source>Decided: %1.</source>
        <translation>بُتّ فيها: %1.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>اكتب الملاحظة أولًا.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>أُضيفت الملاحظة.</translation>
    </message>
    <message>
        <source>Write why the case is closed first.</source>
        <translation>اكتب سبب إغلاق القضية أولًا.</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>أُغلقت القضية.</translation>
    </message>
    <message>
        <source>Write why the case is reopened first.</source>
        <translation>اكتب سبب إعادة فتح القضية أولًا.</translation>
    </message>
    <message>
        <source>The case is reopened.</source>
        <translation>أُعيد فتح القضية.</translation>
    </message>
    <message>
        <source>Escalated to %1: the message waits in the outbox.</source>
        <translation>صُعِّدت إلى %1: الرسالة تنتظر في صندوق الصادر.</translation>
    </message>
    <message>
        <source>Opened at desk %1.</source>
        <translation>فُتحت في المكتب %1.</translation>
    </message>
    <message>
        <source>one-person post: taken by who flagged it</source>
        <translation>مركز بشخص واحد: تولّاها من أبلغ عنها</translation>
    </message>
    <message>
        <source>The inspection cannot be read</source>
        <translation>تتعذر قراءة التفتيش</translation>
    </message>
    <message>
        <source>The inspection is not on this desk.</source>
        <translation>التفتيش ليس في هذا المكتب.</translation>
    </message>
    <message>
        <source>The inspection was made at desk %1</source>
        <translation>أُجري التفتيش في المكتب %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>As the flagging desk signed it: verdict %1 (after the physical check %2), inspected by %3 on %4. %5</source>
        <translation>كما وقّعه المكتب المُبلِّغ: الحكم %1 (بعد الفحص المادي %2)، أجرى التفتيش %3 في %4. %5</translation>
    </message>
    <message>
        <source>This desk holds the case&apos;s events and files; the checks, the certificate and the physical check are at the desk that made the inspection.</source>
        <translation>يحتفظ هذا المكتب بأحداث القضية وملفاتها؛ أما الفحوص والشهادة والفحص المادي فهي في المكتب الذي أجرى التفتيش.</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseEvidenceView</name>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>الفحص المادي</translation>
    </message>
    <message>
        <source>The officer&apos;s notes and files</source>
        <translation>ملاحظات الموظف وملفاته</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>لم يُسجَّل أي فحص مادي.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(لم يُتحقق)</translation>
    </message>
    <message>
        <source>Customs declaration: %1</source>
        <translation>البيان الجمركي: %1</translation>
    </message>
    <message>
        <source>%1 (certificate: %2)</source>
        <translation>%1 (الشهادة: %2)</translation>
    </message>
    <message>
        <source>Parcels counted: %1</source>
        <translation>الطرود المعدودة: %1</translation>
    </message>
    <message>
        <source>%1 ct</source>
        <translation>%1 قيراط</translation>
    </message>
    <message>
        <source>%1 (certificate: %2 ct, give or take %3 ct)</source>
        <translation>%1 (الشهادة: %2 قيراط، بزيادة أو نقصان %3 قيراط)</translation>
    </message>
    <message>
        <source>Mass weighed: %1</source>
        <translation>الكتلة الموزونة: %1</translation>
    </message>
    <message>
        <source>Seals intact: %1</source>
        <translation>الأختام سليمة: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Seal numbers read: %1</source>
        <translation>أرقام الأختام المقروءة: %1</translation>
    </message>
    <message>
        <source>Importer matches the declaration: %1</source>
        <translation>المستورد يطابق البيان الجمركي: %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln byte(s))</source>
        <translation>
            <numerusform>%1 (%Ln بايت)</numerusform>
            <numerusform>%1 (بايت واحد)</numerusform>
            <numerusform>%1 (بايتان)</numerusform>
            <numerusform>%1 (%Ln بايتات)</numerusform>
            <numerusform>%1 (%Ln بايتًا)</numerusform>
            <numerusform>%1 (%Ln بايت)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, from %2 (%3)</source>
        <translation>%1، من %2 (%3)</translation>
    </message>
    <message>
        <source>No notes were written with the flag.</source>
        <translation>لم تُكتب أي ملاحظات مع البلاغ.</translation>
    </message>
    <message>
        <source>Other files: %1</source>
        <translation>ملفات أخرى: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueue</name>
    <message>
        <source>All states</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>مثلًا BW</translation>
    </message>
    <message>
        <source>words in a reason</source>
        <translation>كلمات في السبب</translation>
    </message>
    <message>
        <source>who flagged</source>
        <translation>من أبلغ</translation>
    </message>
    <message>
        <source>any</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;الحالة:</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;المشارك:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;السبب:</translation>
    </message>
    <message>
        <source>O&amp;fficer:</source>
        <translation>المو&amp;ظف:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;من:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>إ&amp;لى:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The cases cannot be read: %1</source>
        <translation>تتعذر قراءة القضايا: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) listed.</source>
        <translation>
            <numerusform>%Ln قضية مدرجة.</numerusform>
            <numerusform>قضية واحدة مدرجة.</numerusform>
            <numerusform>قضيتان مدرجتان.</numerusform>
            <numerusform>%Ln قضايا مدرجة.</numerusform>
            <numerusform>%Ln قضية مدرجة.</numerusform>
            <numerusform>%Ln قضية مدرجة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Office: connected; every desk&apos;s cases are listed.</source>
        <translation>الدائرة: متصلة؛ قضايا كل المكاتب مدرجة.</translation>
    </message>
    <message>
        <source>Office unreachable: listing this desk&apos;s data and what came before. %1</source>
        <translation>تعذر الوصول إلى الدائرة: تُعرض بيانات هذا المكتب وما ورد من قبل. %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln سجل بانتظار الرفع.</numerusform>
            <numerusform>سجل واحد بانتظار الرفع.</numerusform>
            <numerusform>سجلان بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجلات بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجلًا بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجل بانتظار الرفع.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside.</source>
        <translation>
            <numerusform>%Ln صف من الدائرة لم تجتز فحوصها فوُضعت جانبًا.</numerusform>
            <numerusform>صف واحد من الدائرة لم يجتز فحوصه فوُضع جانبًا.</numerusform>
            <numerusform>صفّان من الدائرة لم يجتازا فحوصهما فوُضعا جانبًا.</numerusform>
            <numerusform>%Ln صفوف من الدائرة لم تجتز فحوصها فوُضعت جانبًا.</numerusform>
            <numerusform>%Ln صفًا من الدائرة لم تجتز فحوصها فوُضعت جانبًا.</numerusform>
            <numerusform>%Ln صف من الدائرة لم تجتز فحوصها فوُضعت جانبًا.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضع من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في موضع واحد من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في موضعين من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln مواضع من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضعًا من سجل هذا المكتب.</numerusform>
            <numerusform>إنذار: لدى الدائرة قيود أخرى في %Ln موضع من سجل هذا المكتب.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueueModel</name>
    <message>
        <source>HELD</source>
        <translation>محجوزة</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>المشارك</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>محجوزة</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>أبلغ عنها</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>فُتحت في</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>الأسباب</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>هذا المكتب</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>المكتب</translation>
    </message>
</context>
<context>
    <name>kp::ui::CorrectionDialog</name>
    <message>
        <source>Correct the physical check of %1</source>
        <translation>تصحيح الفحص المادي للشهادة %1</translation>
    </message>
    <message>
        <source>Record a correction to this inspection?</source>
        <translation>هل تريد تسجيل تصحيح لهذا التفتيش؟</translation>
    </message>
    <message>
        <source>The recorded check stays in the inspection&apos;s record and in the audit trail; the correction is added to them with its reason. A case opened on this inspection is left to its supervisor.</source>
        <translation>يبقى الفحص المسجَّل في سجل التفتيش وفي سجل التدقيق، ويُضاف إليهما التصحيح مع سببه. أما القضية المفتوحة بشأن هذا التفتيش فتُترك لمشرفها.</translation>
    </message>
    <message>
        <source>Why the recorded check was wrong</source>
        <translation>لماذا كان الفحص المسجَّل خاطئًا</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>المسجَّل:</translation>
    </message>
    <message>
        <source>Correction:</source>
        <translation>التصحيح:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;السبب:</translation>
    </message>
    <message>
        <source>Record the correction</source>
        <translation>تسجيل التصحيح</translation>
    </message>
    <message numerus="yes">
        <source>%Ln parcel(s) counted</source>
        <translation>
            <numerusform>%Ln طرد معدود</numerusform>
            <numerusform>طرد واحد معدود</numerusform>
            <numerusform>طردان معدودان</numerusform>
            <numerusform>%Ln طرود معدودة</numerusform>
            <numerusform>%Ln طردًا معدودًا</numerusform>
            <numerusform>%Ln طرد معدود</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 carats weighed</source>
        <translation>وُزن %1 قيراط</translation>
    </message>
    <message>
        <source>seals intact</source>
        <translation>الأختام سليمة</translation>
    </message>
    <message>
        <source>seals not intact</source>
        <translation>الأختام غير سليمة</translation>
    </message>
    <message>
        <source>importer matches</source>
        <translation>المستورد مطابق</translation>
    </message>
    <message>
        <source>importer does not match</source>
        <translation>المستورد غير مطابق</translation>
    </message>
</context>
<context>
    <name>kp::ui::DeskStatusPanel</name>
    <message numerus="yes">
        <source>%Ln hour(s) old</source>
        <translation>
            <numerusform>منذ %Ln ساعة</numerusform>
            <numerusform>منذ ساعة</numerusform>
            <numerusform>منذ ساعتين</numerusform>
            <numerusform>منذ %Ln ساعات</numerusform>
            <numerusform>منذ %Ln ساعة</numerusform>
            <numerusform>منذ %Ln ساعة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) old</source>
        <translation>
            <numerusform>منذ %Ln يوم</numerusform>
            <numerusform>منذ يوم</numerusform>
            <numerusform>منذ يومين</numerusform>
            <numerusform>منذ %Ln أيام</numerusform>
            <numerusform>منذ %Ln يومًا</numerusform>
            <numerusform>منذ %Ln يوم</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;زامن الآن</translation>
    </message>
    <message>
        <source>DEMO: demo data, not real certificates</source>
        <translation>تجريبي (DEMO): بيانات تجريبية، وليست شهادات حقيقية</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date (F5)</source>
        <translation>تحديث بيانات المكتب (F5)</translation>
    </message>
    <message>
        <source>Desk of %1 · never synced</source>
        <translation>مكتب %1 · لم تتم المزامنة قط</translation>
    </message>
    <message>
        <source>Desk of %1 · data seq %2, published %3 (%4)</source>
        <translation>مكتب %1 · البيانات بالتسلسل %2، نُشرت في %3 (%4)</translation>
    </message>
    <message>
        <source>NO DATA: sync before relying on verdicts</source>
        <translation>لا بيانات: زامن قبل الاعتماد على الأحكام</translation>
    </message>
    <message>
        <source>STALE since %1: sync now</source>
        <translation>قديمة منذ %1: زامن الآن</translation>
    </message>
</context>
<context>
    <name>kp::ui::EnrolmentPanel</name>
    <message>
        <source>Make the key and sa&amp;ve the request...</source>
        <translation>إنشاء المفتاح و&amp;حفظ الطلب...</translation>
    </message>
    <message>
        <source>Install the &amp;certificate...</source>
        <translation>&amp;تثبيت الشهادة...</translation>
    </message>
    <message>
        <source>Desk id</source>
        <translation>معرّف المكتب</translation>
    </message>
    <message>
        <source>participant, post and desk, e.g. EU-ANR-03</source>
        <translation>المشارك والمركز والمكتب، مثلًا EU-ANR-03</translation>
    </message>
    <message>
        <source>The desk signs import confirmations and doubts with its own key. Save its certificate request, give the file to your home authority, and install the certificate it returns.</source>
        <translation>يوقّع المكتب تأكيدات الاستيراد وبلاغات الشك بمفتاحه الخاص. احفظ طلب شهادته، وسلّم الملف إلى سلطتك المرجعية، ثم ثبّت الشهادة التي تعيدها.</translation>
    </message>
    <message>
        <source>Desk &amp;id:</source>
        <translation>&amp;معرّف المكتب:</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>غير مسجَّل.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>غير مسجَّل: المكتب %1 ينتظر شهادته.</translation>
    </message>
    <message>
        <source>Enrolled as desk %1; the certificate is valid until %2 (UTC).</source>
        <translation>مسجَّل بوصفه المكتب %1؛ الشهادة صالحة حتى %2 (UTC).</translation>
    </message>
    <message>
        <source>Give the desk&apos;s id first (from your home authority).</source>
        <translation>أعطِ معرّف المكتب أولًا (من سلطتك المرجعية).</translation>
    </message>
    <message>
        <source>Enrol the desk again</source>
        <translation>إعادة تسجيل المكتب</translation>
    </message>
    <message>
        <source>This desk is enrolled. Enrolling it again makes a new key; the installed certificate is removed and the desk signs nothing until the new one is installed. Go on?</source>
        <translation>هذا المكتب مسجَّل. تُنشئ إعادة تسجيله مفتاحًا جديدًا؛ وتُزال الشهادة المثبَّتة ولا يوقّع المكتب شيئًا حتى تُثبَّت الجديدة. هل تريد المتابعة؟</translation>
    </message>
    <message>
        <source>Save the certificate request</source>
        <translation>حفظ طلب الشهادة</translation>
    </message>
    <message>
        <source>Requests (*.pem)</source>
        <translation>الطلبات (*.pem)</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority, then install the certificate it returns.</source>
        <translation>كُتب طلب شهادة المكتب %1 في %2: سلّمه إلى السلطة المرجعية، ثم ثبّت الشهادة التي تعيدها.</translation>
    </message>
    <message>
        <source>The desk certificate from the authority</source>
        <translation>شهادة المكتب الواردة من السلطة</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>الشهادات (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>ثُبّتت شهادة المكتب %1، صالحة حتى %2 (UTC).</translation>
    </message>
    <message>
        <source>The home authority revoked the certificate of desk %1 on %2: other desks and the authority refuse what it signs. Enrol the desk again.</source>
        <translation>ألغت السلطة المرجعية شهادة المكتب %1 في %2: ترفض المكاتب الأخرى والسلطة كل ما يوقّعه. أعد تسجيل المكتب.</translation>
    </message>
</context>
<context>
    <name>kp::ui::EscalateDialog</name>
    <message>
        <source>Escalate the case</source>
        <translation>تصعيد القضية</translation>
    </message>
    <message>
        <source>A participant&apos;s code, e.g. AO</source>
        <translation>رمز مشارك، مثلًا AO</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>Also &amp;to:</source>
        <translation>وأيضًا &amp;إلى:</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;تصعيد</translation>
    </message>
    <message>
        <source>The doubt goes, signed by this desk, to its home authority for:</source>
        <translation>يُرسَل الشك، موقَّعًا من هذا المكتب، إلى سلطته المرجعية لصالح:</translation>
    </message>
</context>
<context>
    <name>kp::ui::FirstRunDialog</name>
    <message>
        <source>Set up this desk</source>
        <translation>إعداد هذا المكتب</translation>
    </message>
    <message>
        <source>This desk has no data yet. Set it up with the files from your KP authority, or try KP Desk on a demo desk with demo certificates.</source>
        <translation>لا توجد بيانات لهذا المكتب بعد. أعدّه بالملفات الواردة من سلطة KP التابع لها، أو جرّب KP Desk على مكتب تجريبي بشهادات تجريبية.</translation>
    </message>
    <message>
        <source>e.g. EU, CA, NA</source>
        <translation>مثلًا EU، CA، NA</translation>
    </message>
    <message>
        <source>bundle-cert.pem from your authority</source>
        <translation>bundle-cert.pem من سلطتك</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;استعراض...</translation>
    </message>
    <message>
        <source>The authority&apos;s bundle key certificate</source>
        <translation>شهادة مفتاح الحزم الخاصة بالسلطة</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>الشهادات (*.pem *.crt)</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... أو مجلد (وحدة USB)</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;المشارك:</translation>
    </message>
    <message>
        <source>Bundle &amp;key:</source>
        <translation>&amp;مفتاح الحزم:</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>اسم المسؤول</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>كلمة مرور المسؤول</translation>
    </message>
    <message>
        <source>Administrator&apos;s password again</source>
        <translation>كلمة مرور المسؤول مرة أخرى</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;name:</source>
        <translation>ا&amp;سم المسؤول:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>كلمة المرور &amp;مجددًا:</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>إ&amp;عداد</translation>
    </message>
    <message>
        <source>Try the &amp;demo desk</source>
        <translation>&amp;جرّب المكتب التجريبي</translation>
    </message>
    <message>
        <source>Give the participant code and the bundle key file.</source>
        <translation>أعطِ رمز المشارك وملف مفتاح الحزم.</translation>
    </message>
    <message>
        <source>Give the administrator&apos;s name.</source>
        <translation>أعطِ اسم المسؤول.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>كلمتا المرور مختلفتان. اكتبهما مجددًا.</translation>
    </message>
    <message>
        <source>Browse for the bundle key</source>
        <translation>استعراض لاختيار مفتاح الحزم</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>&amp;مجلد...</translation>
    </message>
    <message>
        <source>Browse for the sync folder</source>
        <translation>استعراض لاختيار مجلد المزامنة</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>المجلد المنشور (وحدة USB، مجلد مشترك)</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>ملف &amp;حزمة...</translation>
    </message>
    <message>
        <source>Browse for a bundle file</source>
        <translation>استعراض لاختيار ملف حزمة</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>ملف حزمة</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>الحزم (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync so&amp;urce:</source>
        <translation>مصدر &amp;المزامنة:</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>جارٍ تنزيل %1...</translation>
    </message>
    <message>
        <source>The desk starts all the same; sync it later with Sync now (F5).</source>
        <translation>سيبدأ المكتب رغم ذلك؛ زامنه لاحقًا عبر &quot;زامن الآن&quot; (F5).</translation>
    </message>
    <message>
        <source>The desk of %1 is set up, with %2 as its administrator.</source>
        <translation>أُعدّ مكتب %1، والمسؤول عنه %2.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>تقدّم المزامنة</translation>
    </message>
    <message>
        <source>&lt;b&gt;Enrolment with the home authority&lt;/b&gt; (now, or later in Settings)</source>
        <translation>&lt;b&gt;التسجيل لدى السلطة المرجعية&lt;/b&gt; (الآن، أو لاحقًا في الإعدادات)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;بدء</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>تتعذر قراءة %1.</translation>
    </message>
    <message>
        <source>No sync source was given: sync with Sync now (F5) once an administrator has added one in Settings.</source>
        <translation>لم يُحدَّد مصدر مزامنة: زامن عبر &quot;زامن الآن&quot; (F5) بعد أن يضيف المسؤول مصدرًا في الإعدادات.</translation>
    </message>
    <message>
        <source>Syncing from %1...</source>
        <translation>جارٍ المزامنة من %1...</translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagBox</name>
    <message>
        <source>The flags of this inspection cannot be read.</source>
        <translation>تتعذر قراءة بلاغات هذا التفتيش.</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>البلاغ</translation>
    </message>
    <message>
        <source>Flagged %1 by %2.</source>
        <translation>بلاغ قدّمه %2 في %1.</translation>
    </message>
    <message>
        <source>The shipment is HELD.</source>
        <translation>الشحنة محجوزة.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>الشحنة غير محجوزة.</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>الملاحظات: %1</translation>
    </message>
    <message>
        <source>No images.</source>
        <translation>لا توجد صور.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s): %1</source>
        <translation>
            <numerusform>%Ln صورة: %1</numerusform>
            <numerusform>%Ln صورة: %1</numerusform>
            <numerusform>%Ln صورتان: %1</numerusform>
            <numerusform>%Ln صور: %1</numerusform>
            <numerusform>%Ln صورةً: %1</numerusform>
            <numerusform>%Ln صورة: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagDialog</name>
    <message>
        <source>&amp;Hold the shipment</source>
        <translation>&amp;حجز الشحنة</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>الأسباب</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>What you saw, what the importer said, what you did.</source>
        <translation>ما رأيته، وما قاله المستورد، وما فعلته.</translation>
    </message>
    <message>
        <source>Attached images</source>
        <translation>الصور المرفقة</translation>
    </message>
    <message>
        <source>&amp;Attach image...</source>
        <translation>إ&amp;رفاق صورة...</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>إرفاق صور</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>الصور (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>إ&amp;بلاغ</translation>
    </message>
    <message>
        <source>Give at least one reason or a note.</source>
        <translation>أعطِ سببًا واحدًا على الأقل أو ملاحظة.</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>&amp;الأسباب:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;الملاحظات:</translation>
    </message>
    <message>
        <source>I&amp;mages of the certificate and the container:</source>
        <translation>&amp;صور الشهادة والحاوية:</translation>
    </message>
    <message>
        <source>Flag reasonable doubt: %1</source>
        <translation>الإبلاغ عن شك معقول: %1</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>الشهادة %1</translation>
    </message>
    <message>
        <source>Close without flagging? The notes and images you added are thrown away.</source>
        <translation>هل تريد الإغلاق دون إبلاغ؟ ستُحذف الملاحظات والصور التي أضفتها.</translation>
    </message>
    <message>
        <source>Cannot attach %1: %2</source>
        <translation>يتعذر إرفاق %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::HealthMonitor</name>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>إ&amp;صلاح بيانات المكتب...</translation>
    </message>
    <message>
        <source>Damaged data warning</source>
        <translation>تحذير من تلف البيانات</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read, so no certificate can be accepted: repair it, then sync. (%1)</source>
        <translation>تعذرت قراءة بيانات المكتب، لذا لا يمكن قبول أي شهادة: أصلحها، ثم زامن. (%1)</translation>
    </message>
</context>
<context>
    <name>kp::ui::HelpDialog</name>
    <message>
        <source>KP Desk help</source>
        <translation>تعليمات KP Desk</translation>
    </message>
    <message>
        <source>The verdicts</source>
        <translation>الأحكام</translation>
    </message>
    <message>
        <source>ACCEPT (green):</source>
        <translation>مقبول (أخضر):</translation>
    </message>
    <message>
        <source>every check passed: the certificate is genuine, valid, meant for this desk and not used before. Do the physical check, then release the shipment (Ctrl+R).</source>
        <translation>نجحت كل الفحوص: الشهادة أصلية وصالحة وموجهة إلى هذا المكتب ولم تُستخدم من قبل. أجرِ الفحص المادي، ثم أفرج عن الشحنة (Ctrl+R).</translation>
    </message>
    <message>
        <source>DOUBT (amber):</source>
        <translation>مشكوك فيه (كهرماني):</translation>
    </message>
    <message>
        <source>something needs a closer look; the checks marked as warnings say what. Examine the shipment and its papers. If the doubt is cleared, release the shipment; if not, flag reasonable doubt (Ctrl+D) with what you saw and hold the shipment.</source>
        <translation>أمر ما يحتاج إلى نظر أدق؛ والفحوص المعلَّمة بتحذير تبيّن ما هو. افحص الشحنة ووثائقها. إن زال الشك فأفرج عن الشحنة؛ وإلا فأبلغ عن شك معقول (Ctrl+D) مع ما رأيته واحجز الشحنة.</translation>
    </message>
    <message>
        <source>REJECT (red):</source>
        <translation>مرفوض (أحمر):</translation>
    </message>
    <message>
        <source>a check failed: the certificate is forged, altered, revoked, expired, or not for this desk. Do not release. Hold the shipment, flag reasonable doubt (Ctrl+D) and tell your supervisor; the flag opens a case for them.</source>
        <translation>فشل أحد الفحوص: الشهادة مزوّرة أو معدَّلة أو ملغاة أو منتهية الصلاحية أو ليست لهذا المكتب. لا تُفرج عن الشحنة. احجزها، وأبلغ عن شك معقول (Ctrl+D)، وأخبر مشرفك؛ فالبلاغ يفتح له قضية.</translation>
    </message>
    <message>
        <source>Grey, &quot;not looked at&quot;:</source>
        <translation>رمادي، &quot;لم يُعايَن&quot;:</translation>
    </message>
    <message>
        <source>Seals intact and Importer matches are for you to tick after looking at the containers and the papers. Until you do, they are neither passed nor failed, and the verdict does not count them.</source>
        <translation>&quot;الأختام سليمة&quot; و&quot;المستورد يطابق البيان الجمركي&quot; تؤشّر عليهما بنفسك بعد معاينة الحاويات والوثائق. وإلى أن تفعل، لا يُعدّان ناجحين ولا فاشلين، ولا يحتسبهما الحكم.</translation>
    </message>
    <message>
        <source>STALE or NO DATA:</source>
        <translation>قديمة أو لا توجد بيانات:</translation>
    </message>
    <message>
        <source>the desk&apos;s data is older than the authority allows or missing: sync (F5) before relying on a verdict.</source>
        <translation>بيانات المكتب أقدم مما تسمح به السلطة أو مفقودة: زامن (F5) قبل الاعتماد على أي حكم.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>A keyboard-wedge scanner works wherever the focus is; Esc starts a new inspection.</source>
        <translation>يعمل الماسح بمحاكاة لوحة المفاتيح أينما كان التركيز؛ ويبدأ Esc تفتيشًا جديدًا.</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>تعليمات</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearch</name>
    <message>
        <source>Find inspections</source>
        <translation>البحث عن تفتيشات</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>أي رقم</translation>
    </message>
    <message>
        <source>any officer</source>
        <translation>أي موظف</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>مثلًا BW</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>أي حكم</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;الرقم:</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>إ&amp;لى</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;من:</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>&amp;الحكم:</translation>
    </message>
    <message>
        <source>&amp;Officer:</source>
        <translation>المو&amp;ظف:</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;المشارك:</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;بحث</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Inspections found</source>
        <translation>التفتيشات التي عُثر عليها</translation>
    </message>
    <message>
        <source>The first date is after the last.</source>
        <translation>التاريخ الأول بعد التاريخ الأخير.</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>عُثر على أكثر من %Ln تفتيش: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من تفتيش واحد: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من تفتيشين: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من %Ln تفتيشات: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من %Ln تفتيشًا: ضيّق البحث.</numerusform>
            <numerusform>عُثر على أكثر من %Ln تفتيش: ضيّق البحث.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>عُثر على %Ln تفتيش.</numerusform>
            <numerusform>عُثر على تفتيش واحد.</numerusform>
            <numerusform>عُثر على تفتيشين.</numerusform>
            <numerusform>عُثر على %Ln تفتيشات.</numerusform>
            <numerusform>عُثر على %Ln تفتيشًا.</numerusform>
            <numerusform>عُثر على %Ln تفتيش.</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanned code cannot be read: %1</source>
        <translation>تتعذر قراءة الرمز الممسوح: %1</translation>
    </message>
    <message>
        <source>What was scanned is not a certificate.</source>
        <translation>ما تم مسحه ليس شهادة.</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearchModel</name>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>مقبول</translation>
    </message>
    <message>
        <source>Doubt</source>
        <translation>مشكوك فيه</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>المشارك</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>الحكم</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>الحكم النهائي</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>القضية</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionView</name>
    <message>
        <source>✔ pass</source>
        <translation>✔ ناجح</translation>
    </message>
    <message>
        <source>⚠ warn</source>
        <translation>⚠ تحذير</translation>
    </message>
    <message>
        <source>✖ fail</source>
        <translation>✖ فشل</translation>
    </message>
    <message>
        <source>– skip</source>
        <translation>– لم يُتحقق</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>الفحوص</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>الفحص</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>الشهادة كما وقّعتها السلطة المُصدِرة</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>الصورة الممسوحة</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>نجحت كل الفحوص.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>صادرة عن</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>تاريخ الإصدار</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>تاريخ الانتهاء</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>المنشأ</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (مختلط)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>المصدِّر</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>المستورد</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>الوجهة</translation>
    </message>
    <message>
        <source>%1: %2 ct, US$ %3</source>
        <translation>%1: %2 قيراط، %3 دولار أمريكي</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>الدفعات</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>الطرود</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>الأختام</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>الفحص المادي</translation>
    </message>
</context>
<context>
    <name>kp::ui::LockPage</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;فتح القفل</translation>
    </message>
    <message>
        <source>Sign in as &amp;someone else</source>
        <translation>تسجيل الدخول باسم &amp;شخص آخر</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>المكتب مقفل</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>تسجيل الدخول باسم شخص آخر</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type your password to go on.</source>
        <translation>مسجِّل الدخول: %1 (%2). اكتب كلمة المرور للمتابعة.</translation>
    </message>
</context>
<context>
    <name>kp::ui::MainWindow</name>
    <message>
        <source>KP Desk - DEMO</source>
        <translation>KP Desk - تجريبي (DEMO)</translation>
    </message>
    <message>
        <source>KP Desk</source>
        <translation>KP Desk</translation>
    </message>
    <message>
        <source>Scan, or type a certificate number, then Enter</source>
        <translation>امسح ضوئيًا أو اكتب رقم شهادة، ثم اضغط Enter</translation>
    </message>
    <message>
        <source>Certificate number or barcode text</source>
        <translation>رقم الشهادة أو نص الرمز الشريطي</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;تحقّق</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>الشهادة:</translation>
    </message>
    <message>
        <source>&amp;Flag reasonable doubt...</source>
        <translation>الإ&amp;بلاغ عن شك معقول...</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>تفتيشات اليوم</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>القضايا</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>تعذر استيعاب البلاغات المحفوظة قبل أن يحتفظ هذا المكتب بالقضايا: %1</translation>
    </message>
    <message>
        <source>This desk has no account yet. An administrator makes the first one with: kpdesk-cli users add --db %1 --name NAME --role administrator</source>
        <translation>لا يوجد حساب لهذا المكتب بعد. ينشئ المسؤول الحساب الأول بالأمر: kpdesk-cli users add --db %1 --name NAME --role administrator</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2).</source>
        <translation>مسجِّل الدخول: %1 (%2).</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>اسم أو كلمة مرور خاطئة.</translation>
    </message>
    <message>
        <source>Scan a certificate first.</source>
        <translation>امسح شهادة أولًا.</translation>
    </message>
    <message>
        <source>inspection-%1</source>
        <translation>تفتيش-%1</translation>
    </message>
    <message>
        <source>Locked: sign in to scan.</source>
        <translation>مقفل: سجّل الدخول للمسح.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>المسح الضوئي</translation>
    </message>
    <message>
        <source>&amp;Open image...</source>
        <translation>&amp;فتح صورة...</translation>
    </message>
    <message>
        <source>Open a scanned certificate</source>
        <translation>فتح شهادة ممسوحة ضوئيًا</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>الصور (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;لصق صورة</translation>
    </message>
    <message>
        <source>&amp;New inspection</source>
        <translation>تفتيش &amp;جديد</translation>
    </message>
    <message>
        <source>Release the s&amp;hipment</source>
        <translation>الإفراج &amp;عن الشحنة</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;زامن الآن</translation>
    </message>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>إ&amp;صلاح بيانات المكتب...</translation>
    </message>
    <message>
        <source>&amp;Watch a scanner folder...</source>
        <translation>&amp;مراقبة مجلد الماسح...</translation>
    </message>
    <message>
        <source>Folder where the document scanner saves</source>
        <translation>المجلد الذي يحفظ فيه ماسح المستندات</translation>
    </message>
    <message>
        <source>S&amp;erial scanner...</source>
        <translation>ماسح &amp;تسلسلي...</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>ماسح تسلسلي</translation>
    </message>
    <message>
        <source>Port of the 2D imager (empty: none):</source>
        <translation>منفذ قارئ الصور ثنائي الأبعاد (فارغ: لا شيء):</translation>
    </message>
    <message>
        <source>Go to &amp;certificate field</source>
        <translation>الانتقال إلى &amp;حقل الشهادة</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s inspections</source>
        <translation>&amp;تفتيشات اليوم</translation>
    </message>
    <message>
        <source>F&amp;ind inspection...</source>
        <translation>&amp;بحث عن تفتيش...</translation>
    </message>
    <message>
        <source>C&amp;ases...</source>
        <translation>&amp;القضايا...</translation>
    </message>
    <message>
        <source>&amp;Print the inspection...</source>
        <translation>&amp;طباعة التفتيش...</translation>
    </message>
    <message>
        <source>Save the inspection as P&amp;DF...</source>
        <translation>حفظ التفتيش بصيغة P&amp;DF...</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>&amp;قفل المكتب</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>تسجيل &amp;الخروج</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>إ&amp;نهاء</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <source>The language can be changed when the sync has finished.</source>
        <translation>يمكن تغيير اللغة بعد انتهاء المزامنة.</translation>
    </message>
    <message>
        <source>A sync is writing to the desk: this inspection will be saved as soon as it has finished.</source>
        <translation>تكتب مزامنة في المكتب: سيُحفظ هذا التفتيش فور انتهائها.</translation>
    </message>
    <message>
        <source>That inspection cannot be read.</source>
        <translation>تتعذر قراءة ذلك التفتيش.</translation>
    </message>
    <message>
        <source>This inspection was saved before accounts: scan the certificate again.</source>
        <translation>حُفظ هذا التفتيش قبل اعتماد الحسابات: امسح الشهادة مجددًا.</translation>
    </message>
    <message>
        <source>Case opened; the shipment is held.</source>
        <translation>فُتحت قضية؛ الشحنة محجوزة.</translation>
    </message>
    <message>
        <source>Case opened.</source>
        <translation>فُتحت قضية.</translation>
    </message>
    <message>
        <source>Inspection of %1 by %2, as seen then (not verified again).</source>
        <translation>تفتيش %1 بواسطة %2، كما ظهر حينها (دون إعادة تحقق).</translation>
    </message>
    <message>
        <source>That inspection is not in the desk&apos;s records.</source>
        <translation>ذلك التفتيش غير موجود في سجلات المكتب.</translation>
    </message>
    <message>
        <source>A sync is running: repair the desk&apos;s data when it has finished.</source>
        <translation>توجد مزامنة قيد التشغيل: أصلح بيانات المكتب بعد انتهائها.</translation>
    </message>
    <message>
        <source>Repair the desk&apos;s data</source>
        <translation>إصلاح بيانات المكتب</translation>
    </message>
    <message>
        <source>The desk&apos;s own records (its configuration, presentations, inspections, flags and attachments) are kept, as far as they can be read. The authorities&apos; data is dropped and must be synced again. The damaged file is kept beside the new one.

Repair now?</source>
        <translation>يُحتفظ بسجلات المكتب نفسه (إعداداته وتقديماته وتفتيشاته وبلاغاته ومرفقاته) بقدر ما يمكن قراءته. تُسقط بيانات السلطات ويجب مزامنتها مجددًا. يُحتفظ بالملف التالف بجانب الملف الجديد.

هل تريد الإصلاح الآن؟</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1: %Ln صف</numerusform>
            <numerusform>%1: صف واحد</numerusform>
            <numerusform>%1: صفّان</numerusform>
            <numerusform>%1: %Ln صفوف</numerusform>
            <numerusform>%1: %Ln صفًا</numerusform>
            <numerusform>%1: %Ln صف</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: some rows</source>
        <translation>%1: بعض الصفوف</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired. The damaged file is kept as %1.</source>
        <translation>أُصلحت بيانات المكتب. احتُفظ بالملف التالف باسم %1.</translation>
    </message>
    <message>
        <source>None of the desk&apos;s own records was lost.</source>
        <translation>لم يُفقد أي من سجلات المكتب نفسه.</translation>
    </message>
    <message>
        <source>Records that could not be saved: %1.</source>
        <translation>سجلات تعذر إنقاذها: %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again.</source>
        <translation>زامن الآن لجلب بيانات السلطة من جديد.</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired: sync now.</source>
        <translation>أُصلحت بيانات المكتب: زامن الآن.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>زامن الآن</translation>
    </message>
    <message>
        <source>The authority&apos;s address (https://...) or a folder (USB stick):</source>
        <translation>عنوان السلطة (https://...) أو مجلد (وحدة USB):</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>جارٍ المزامنة...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>جارٍ تنزيل %1...</translation>
    </message>
    <message>
        <source>Cannot open the serial port %1: %2</source>
        <translation>يتعذر فتح المنفذ التسلسلي %1: %2</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>لم يُفرج عنها: %1</translation>
    </message>
    <message>
        <source>Released: %1. The import confirmation waits in the outbox.</source>
        <translation>أُفرج عنها: %1. تأكيد الاستيراد ينتظر في صندوق الصادر.</translation>
    </message>
    <message>
        <source>Released: %1. No import confirmation was made: %2</source>
        <translation>أُفرج عنها: %1. لم يُنشأ تأكيد استيراد: %2</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>لا أحد مسجِّل الدخول.</translation>
    </message>
    <message>
        <source>Outbox: could not be read</source>
        <translation>صندوق الصادر: تعذرت القراءة</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %Ln waiting</source>
        <translation>
            <numerusform>صندوق الصادر: %Ln قيد الانتظار</numerusform>
            <numerusform>صندوق الصادر: واحدة قيد الانتظار</numerusform>
            <numerusform>صندوق الصادر: اثنتان قيد الانتظار</numerusform>
            <numerusform>صندوق الصادر: %Ln قيد الانتظار</numerusform>
            <numerusform>صندوق الصادر: %Ln قيد الانتظار</numerusform>
            <numerusform>صندوق الصادر: %Ln قيد الانتظار</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages to the home authority, sent when online.</source>
        <translation>رسائل إلى السلطة المرجعية، تُرسل عند الاتصال بالشبكة.</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>آخر محاولة: %1</translation>
    </message>
    <message>
        <source>The case&apos;s PDF could not be made (%1); the message goes without it.</source>
        <translation>تعذّر إنشاء ملف PDF للقضية (%1)؛ ستُرسل الرسالة بدونه.</translation>
    </message>
    <message>
        <source>Fla&amp;g reasonable doubt...</source>
        <translation>الإبلا&amp;غ عن شك معقول...</translation>
    </message>
    <message>
        <source>Settin&amp;gs...</source>
        <translation>&amp;الإعدادات...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;تعليمات</translation>
    </message>
    <message>
        <source>&amp;About KP Desk</source>
        <translation>&amp;حول KP Desk</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a KP1 barcode nor a certificate number. Correct it and press Enter, or scan again.</source>
        <translation>&quot;%1&quot; ليس رمزًا شريطيًا KP1 ولا رقم شهادة. صحّحه واضغط Enter، أو امسح مجددًا.</translation>
    </message>
    <message>
        <source>Nothing was verified</source>
        <translation>لم يُتحقق من شيء</translation>
    </message>
    <message>
        <source>Flagged: the shipment is HELD (case opened).</source>
        <translation>أُبلغ عنها: الشحنة محجوزة (فُتحت قضية).</translation>
    </message>
    <message>
        <source>Flagged: case opened; the shipment is not held.</source>
        <translation>أُبلغ عنها: فُتحت قضية؛ الشحنة غير محجوزة.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.</source>
        <translation>فُتح تفتيش آخر في الأثناء: لم يُبلَّغ عن شيء. افتح %1 مجددًا للإبلاغ عنه.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>حُفظت الإعدادات.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>الفحص المادي</translation>
    </message>
    <message>
        <source>Retry saving</source>
        <translation>إعادة محاولة الحفظ</translation>
    </message>
    <message>
        <source>The inspection of %1 could not be saved: %2
It is kept on screen; press &quot;Retry saving&quot; to save it again.</source>
        <translation>تعذر حفظ تفتيش %1: %2
يبقى معروضًا على الشاشة؛ اضغط &quot;إعادة محاولة الحفظ&quot; لحفظه مجددًا.</translation>
    </message>
    <message>
        <source>this certificate</source>
        <translation>هذه الشهادة</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) could still not be saved: %1</source>
        <translation>
            <numerusform>لا يزال حفظ %Ln تفتيش متعذرًا: %1</numerusform>
            <numerusform>لا يزال حفظ تفتيش واحد متعذرًا: %1</numerusform>
            <numerusform>لا يزال حفظ تفتيشين متعذرًا: %1</numerusform>
            <numerusform>لا يزال حفظ %Ln تفتيشات متعذرًا: %1</numerusform>
            <numerusform>لا يزال حفظ %Ln تفتيشًا متعذرًا: %1</numerusform>
            <numerusform>لا يزال حفظ %Ln تفتيش متعذرًا: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>تم الحفظ.</translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation>&amp;المستخدمون...</translation>
    </message>
    <message>
        <source>&amp;Browse the audit trail...</source>
        <translation>تصفّح &amp;سجل التدقيق...</translation>
    </message>
    <message>
        <source>The inspection of %1 scanned during the sync was saved, but its presentation could not be recorded: %2</source>
        <translation>حُفظ تفتيش %1 الذي مُسح أثناء المزامنة، لكن تعذر تسجيل تقديمه: %2</translation>
    </message>
    <message>
        <source>The physical check is already recorded so: nothing to correct.</source>
        <translation>الفحص المادي مسجَّل على هذا النحو مسبقًا: لا يوجد ما يُصحَّح.</translation>
    </message>
    <message>
        <source>Nothing was corrected: the recorded physical check stands.</source>
        <translation>لم يُصحَّح شيء: يبقى الفحص المادي المسجَّل قائمًا.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was corrected.</source>
        <translation>فُتح تفتيش آخر في الأثناء: لم يُصحَّح شيء.</translation>
    </message>
    <message>
        <source>The correction was not recorded: %1</source>
        <translation>لم يُسجَّل التصحيح: %1</translation>
    </message>
    <message>
        <source>Correction recorded; the verdict is now %1.</source>
        <translation>سُجِّل التصحيح؛ الحكم الآن %1.</translation>
    </message>
    <message numerus="yes">
        <source>CORRECTED (%Ln correction(s)). First recorded: %1. Last correction by %2, %3: %4</source>
        <translation>
            <numerusform>مُصحَّح (%Ln تصحيح). المسجَّل أول مرة: %1. آخر تصحيح بواسطة %2، %3: %4</numerusform>
            <numerusform>مُصحَّح (تصحيح واحد). المسجَّل أول مرة: %1. آخر تصحيح بواسطة %2، %3: %4</numerusform>
            <numerusform>مُصحَّح (تصحيحان). المسجَّل أول مرة: %1. آخر تصحيح بواسطة %2، %3: %4</numerusform>
            <numerusform>مُصحَّح (%Ln تصحيحات). المسجَّل أول مرة: %1. آخر تصحيح بواسطة %2، %3: %4</numerusform>
            <numerusform>مُصحَّح (%Ln تصحيحًا). المسجَّل أول مرة: %1. آخر تصحيح بواسطة %2، %3: %4</numerusform>
            <numerusform>مُصحَّح (%Ln تصحيح). المسجَّل أول مرة: %1. آخر تصحيح بواسطة %2، %3: %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Physical check: %1</source>
        <translation>الفحص المادي: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::NewPasswordPage</name>
    <message>
        <source>&amp;Set my password</source>
        <translation>&amp;تعيين كلمة مروري</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>تسجيل &amp;الخروج</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>اختر كلمة مرور جديدة</translation>
    </message>
    <message>
        <source>Set my password</source>
        <translation>تعيين كلمة مروري</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message>
        <source>Password message</source>
        <translation>رسالة كلمة المرور</translation>
    </message>
    <message>
        <source>%1, your password was set by an administrator. Choose a new one that only you know before you go on.</source>
        <translation>%1، عيّن المسؤول كلمة مرورك. اختر كلمة مرور جديدة لا يعرفها أحد سواك قبل المتابعة.</translation>
    </message>
</context>
<context>
    <name>kp::ui::OfficeSettingsPanel</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>ا&amp;ختبار الاتصال</translation>
    </message>
    <message>
        <source>Office URL</source>
        <translation>عنوان URL للدائرة</translation>
    </message>
    <message>
        <source>postgresql://desk@office.example/kpoffice?sslmode=verify-full</source>
        <translation>postgresql://desk@office.example/kpoffice?sslmode=verify-full</translation>
    </message>
    <message>
        <source>Office password</source>
        <translation>كلمة مرور الدائرة</translation>
    </message>
    <message>
        <source>kept; type a new one to change it</source>
        <translation>محفوظة؛ اكتب كلمة جديدة لتغييرها</translation>
    </message>
    <message>
        <source>Connected to the office.</source>
        <translation>تم الاتصال بالدائرة.</translation>
    </message>
    <message>
        <source>Office &amp;URL:</source>
        <translation>عنوان URL &amp;للدائرة:</translation>
    </message>
    <message>
        <source>Office pass&amp;word:</source>
        <translation>&amp;كلمة مرور الدائرة:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Not tested yet (the window replicates in the background).</source>
        <translation>لم يُختبر بعد (تُجري النافذة النسخ المتماثل في الخلفية).</translation>
    </message>
    <message>
        <source>This desk works alone: no office.</source>
        <translation>يعمل هذا المكتب منفردًا: لا توجد دائرة.</translation>
    </message>
    <message>
        <source>No office URL to test.</source>
        <translation>لا يوجد عنوان URL للدائرة لاختباره.</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>جارٍ الاتصال بـ %1…</translation>
    </message>
    <message>
        <source>Saved: the window replicates with %1.</source>
        <translation>حُفظ: تُجري النافذة النسخ المتماثل مع %1.</translation>
    </message>
    <message>
        <source>Saved: this desk works alone.</source>
        <translation>حُفظ: يعمل هذا المكتب منفردًا.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk wait to go up.</source>
        <translation>
            <numerusform>%Ln سجل من هذا المكتب بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجل من هذا المكتب بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجلان من هذا المكتب بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجلات من هذا المكتب بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجلًا من هذا المكتب بانتظار الرفع.</numerusform>
            <numerusform>%Ln سجل من هذا المكتب بانتظار الرفع.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::PasswordPair</name>
    <message>
        <source>New password</source>
        <translation>كلمة المرور الجديدة</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>كلمة المرور الجديدة مرة أخرى</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>&amp;كلمة المرور الجديدة:</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>مرة أ&amp;خرى:</translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation>اكتب كلمة المرور الجديدة مرتين.</translation>
    </message>
    <message>
        <source>The two passwords are not the same: type them again.</source>
        <translation>كلمتا المرور غير متطابقتين: اكتبهما مجددًا.</translation>
    </message>
</context>
<context>
    <name>kp::ui::PhysicalCheckPanel</name>
    <message>
        <source>Physical check of the shipment</source>
        <translation>الفحص المادي للشحنة</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>الأختام سليمة</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>المستورد يطابق البيان الجمركي</translation>
    </message>
    <message>
        <source>&amp;Check shipment</source>
        <translation>&amp;فحص الشحنة</translation>
    </message>
    <message>
        <source>Customs declaration reference</source>
        <translation>مرجع البيان الجمركي</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>لم تُعدّ</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>الطرود المعدودة</translation>
    </message>
    <message>
        <source> ct</source>
        <translation> قيراط</translation>
    </message>
    <message>
        <source>not weighed</source>
        <translation>لم تُوزن</translation>
    </message>
    <message>
        <source>Mass weighed in carats</source>
        <translation>الكتلة الموزونة بالقيراط</translation>
    </message>
    <message>
        <source>Mass tolerance in carats</source>
        <translation>التفاوت المسموح في الكتلة بالقيراط</translation>
    </message>
    <message>
        <source>as read on the containers, separated by commas</source>
        <translation>كما قُرئت على الحاويات، مفصولة بفواصل</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>أرقام الأختام</translation>
    </message>
    <message>
        <source>&amp;Declaration:</source>
        <translation>&amp;البيان الجمركي:</translation>
    </message>
    <message>
        <source>&amp;Parcels counted:</source>
        <translation>&amp;الطرود المعدودة:</translation>
    </message>
    <message>
        <source>&amp;Mass weighed:</source>
        <translation>&amp;الكتلة الموزونة:</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>&amp;التفاوت المسموح:</translation>
    </message>
    <message>
        <source>Seal &amp;numbers:</source>
        <translation>أرقام الأ&amp;ختام:</translation>
    </message>
    <message>
        <source>%1: not looked at</source>
        <translation>%1: لم يُعايَن</translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1: نعم</translation>
    </message>
    <message>
        <source>%1: NO</source>
        <translation>%1: لا</translation>
    </message>
    <message>
        <source>Grey (not looked at): not checked yet, so it counts neither for nor against the shipment.
Ticked: yes. Empty: no, which turns the verdict to doubt.
Click to change.</source>
        <translation>رمادي (لم يُعايَن): لم يُفحص بعد، فلا يُحتسب لصالح الشحنة ولا ضدها.
مؤشَّر: نعم. فارغ: لا، وهذا يحوّل الحكم إلى مشكوك فيه.
انقر للتغيير.</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %Ln parcel(s)</source>
        <translation>
            <numerusform>الشهادة: %Ln طرد</numerusform>
            <numerusform>الشهادة: %Ln طرد</numerusform>
            <numerusform>الشهادة: %Ln طردان</numerusform>
            <numerusform>الشهادة: %Ln طرود</numerusform>
            <numerusform>الشهادة: %Ln طردًا</numerusform>
            <numerusform>الشهادة: %Ln طرد</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 ct</source>
        <translation>%1: %2 قيراط</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %1 ct in %Ln lot(s)</source>
        <translation>
            <numerusform>الشهادة: %1 قيراط في %Ln دفعة</numerusform>
            <numerusform>الشهادة: %1 قيراط في %Ln دفعة</numerusform>
            <numerusform>الشهادة: %1 قيراط في %Ln دفعتين</numerusform>
            <numerusform>الشهادة: %1 قيراط في %Ln دفعات</numerusform>
            <numerusform>الشهادة: %1 قيراط في %Ln دفعةً</numerusform>
            <numerusform>الشهادة: %1 قيراط في %Ln دفعة</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: no seals</source>
        <translation>الشهادة: بلا أختام</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>الشهادة: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::RecordPrinter</name>
    <message>
        <source>Save the record as PDF</source>
        <translation>حفظ السجل بصيغة PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>لم يُحفظ: %1</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>حُفظ باسم %1.</translation>
    </message>
    <message>
        <source>Print the record</source>
        <translation>طباعة السجل</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>لم يُطبع: %1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>أُرسل إلى الطابعة.</translation>
    </message>
</context>
<context>
    <name>kp::ui::ScanIntake</name>
    <message>
        <source>serial scanner</source>
        <translation>ماسح تسلسلي</translation>
    </message>
    <message>
        <source>No barcode was found in %1. Scan it again, or type the certificate number.</source>
        <translation>لم يُعثر على رمز شريطي في %1. امسحه مجددًا، أو اكتب رقم الشهادة.</translation>
    </message>
    <message>
        <source>No barcode was found in the %1 image.</source>
        <translation>لم يُعثر على رمز شريطي في الصورة %1.</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>الملصوقة</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no text.</source>
        <translation>لا تحتوي الحافظة على صورة ولا نص.</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>المُفلتة</translation>
    </message>
    <message>
        <source>keyboard-wedge scanner</source>
        <translation>ماسح بمحاكاة لوحة المفاتيح</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Scan ignored: close the dialog to verify, then scan again.</source>
        <translation>تم تجاهل المسح: أغلق مربع الحوار كي تتمكن من التحقق، ثم امسح مجددًا.</translation>
    </message>
</context>
<context>
    <name>kp::ui::SettingsDialog</name>
    <message>
        <source>A &amp;sound for each verdict</source>
        <translation>&amp;صوت لكل حكم</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Sync sources, in the order they are tried</source>
        <translation>مصادر المزامنة، بترتيب تجربتها</translation>
    </message>
    <message>
        <source>New sync source</source>
        <translation>مصدر مزامنة جديد</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... أو مجلد (وحدة USB)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>&amp;مجلد...</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>ملف &amp;حزمة...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>إ&amp;زالة</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>لأ&amp;على</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>لأ&amp;سفل</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>المجلد المنشور (وحدة USB، مجلد مشترك)</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>ملف حزمة</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>الحزم (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync sources (tried in order until one works)</source>
        <translation>مصادر المزامنة (تُجرَّب بالترتيب حتى ينجح أحدها)</translation>
    </message>
    <message>
        <source>Serial port of the 2D imager</source>
        <translation>المنفذ التسلسلي لقارئ الصور ثنائي الأبعاد</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Idle lock in minutes</source>
        <translation>القفل عند الخمول بالدقائق</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>Serial &amp;port of the 2D imager:</source>
        <translation>&amp;المنفذ التسلسلي لقارئ الصور ثنائي الأبعاد:</translation>
    </message>
    <message>
        <source>&amp;Lock the idle desk after:</source>
        <translation>&amp;قفل المكتب الخامل بعد:</translation>
    </message>
    <message>
        <source>Scanner, lock and sounds</source>
        <translation>الماسح والقفل والأصوات</translation>
    </message>
    <message>
        <source>Enrolment with the home authority</source>
        <translation>التسجيل لدى السلطة المرجعية</translation>
    </message>
    <message>
        <source>%1 is already a source.</source>
        <translation>%1 موجود مسبقًا بين المصادر.</translation>
    </message>
    <message>
        <source>Office (PostgreSQL server gathering every desk&apos;s cases)</source>
        <translation>الدائرة (خادم PostgreSQL يجمع قضايا كل المكاتب)</translation>
    </message>
</context>
<context>
    <name>kp::ui::SignInPage</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;تسجيل الدخول</translation>
    </message>
    <message>
        <source>Sign in to KP Desk</source>
        <translation>تسجيل الدخول إلى KP Desk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>رسالة تسجيل الدخول</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;الاسم:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>DEMO desk: these accounts are for trying KP Desk only.</source>
        <translation>مكتب تجريبي (DEMO): هذه الحسابات لتجربة KP Desk فقط.</translation>
    </message>
    <message>
        <source>DEMO %1: name &quot;%2&quot;, password &quot;%3&quot;</source>
        <translation>تجريبي (DEMO) %1: الاسم &quot;%2&quot;، كلمة المرور &quot;%3&quot;</translation>
    </message>
    <message>
        <source>Type your name and password.</source>
        <translation>اكتب اسمك وكلمة المرور.</translation>
    </message>
</context>
<context>
    <name>kp::ui::SyncController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No sync source is set: an administrator adds one in Settings.</source>
        <translation>لم يُحدَّد مصدر مزامنة: يضيف المسؤول مصدرًا في الإعدادات.</translation>
    </message>
    <message>
        <source>Sync failed. %1</source>
        <translation>فشلت المزامنة. %1</translation>
    </message>
    <message>
        <source>Already up to date: the desk is at seq %1 (%2).</source>
        <translation>محدَّث مسبقًا: المكتب عند التسلسل %1 (%2).</translation>
    </message>
    <message>
        <source>Synced from %1: the desk is at seq %2.</source>
        <translation>تمت المزامنة من %1: المكتب عند التسلسل %2.</translation>
    </message>
    <message>
        <source>Passed over: %1</source>
        <translation>تم تخطّي: %1</translation>
    </message>
    <message>
        <source>The sync was applied, but the audit trail could not be written: %1</source>
        <translation>طُبّقت المزامنة، لكن تعذرت كتابة سجل التدقيق: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::TodayList</name>
    <message>
        <source>Search number, verdict, officer...</source>
        <translation>ابحث بالرقم أو الحكم أو الموظف...</translation>
    </message>
    <message>
        <source>Search today&apos;s inspections</source>
        <translation>البحث في تفتيشات اليوم</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>الحكم</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>أُبلغ عنه</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>تفتيشات اليوم</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>أُبلغ عنه</translation>
    </message>
    <message>
        <source>%1 (corrected)</source>
        <comment>today&apos;s list: the verdict of an inspection whose physical check was corrected</comment>
        <translation>%1 (مصحَّح)</translation>
    </message>
    <message numerus="yes">
        <source>Its physical check was corrected %Ln time(s) after it was recorded.</source>
        <translation>
            <numerusform>صُحّح فحصه المادي %Ln مرة بعد تسجيله.</numerusform>
            <numerusform>صُحّح فحصه المادي مرة واحدة بعد تسجيله.</numerusform>
            <numerusform>صُحّح فحصه المادي مرتين بعد تسجيله.</numerusform>
            <numerusform>صُحّح فحصه المادي %Ln مرات بعد تسجيله.</numerusform>
            <numerusform>صُحّح فحصه المادي %Ln مرة بعد تسجيله.</numerusform>
            <numerusform>صُحّح فحصه المادي %Ln مرة بعد تسجيله.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailKinds</name>
    <message>
        <source>Signed in</source>
        <translation>تسجيل دخول</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>فشل تسجيل الدخول</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>تسجيل خروج</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>قفل المكتب</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>إضافة حساب</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>تعطيل حساب</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>تفعيل حساب</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>تغيير الدور</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>تغيير كلمة المرور</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>تغيير الإعدادات</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>الفحص المادي</translation>
    </message>
    <message>
        <source>Inspection corrected</source>
        <translation>تصحيح التفتيش</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>الإفراج</translation>
    </message>
    <message>
        <source>Release refused</source>
        <translation>رفض الإفراج</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>إبلاغ</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>دليل</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>مراجعة</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>قرار</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>تصعيد</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>رد</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>إغلاق القضية</translation>
    </message>
    <message>
        <source>Case reopened</source>
        <translation>إعادة فتح القضية</translation>
    </message>
    <message>
        <source>Desk enrolled</source>
        <translation>تسجيل المكتب</translation>
    </message>
    <message>
        <source>Desk certificate installed</source>
        <translation>تثبيت شهادة المكتب</translation>
    </message>
    <message>
        <source>Sync applied</source>
        <translation>تطبيق المزامنة</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>رفض المزامنة</translation>
    </message>
    <message>
        <source>Message made</source>
        <translation>إنشاء رسالة</translation>
    </message>
    <message>
        <source>Message delivered</source>
        <translation>تسليم رسالة</translation>
    </message>
    <message>
        <source>Message handed over</source>
        <translation>إيداع رسالة</translation>
    </message>
    <message>
        <source>Office set</source>
        <translation>تعيين الدائرة</translation>
    </message>
    <message>
        <source>Office records set aside</source>
        <translation>وضع سجلات الدائرة جانبًا</translation>
    </message>
    <message>
        <source>Office conflict</source>
        <translation>تعارض مع الدائرة</translation>
    </message>
    <message>
        <source>Sync sources set</source>
        <translation>تعيين مصادر المزامنة</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailPanel</name>
    <message>
        <source>Audit trail: checking every entry...</source>
        <translation>سجل التدقيق: جارٍ فحص كل قيد...</translation>
    </message>
    <message>
        <source>Audit trail: could not be read (%1). Checked %2.</source>
        <translation>سجل التدقيق: تعذرت قراءته (%1). فُحص في %2.</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.</source>
        <translation>
            <numerusform>سجل التدقيق: %Ln قيد، سليم. الرأس %1. فُحص في %2.</numerusform>
            <numerusform>سجل التدقيق: قيد واحد، سليم. الرأس %1. فُحص في %2.</numerusform>
            <numerusform>سجل التدقيق: قيدان، سليم. الرأس %1. فُحص في %2.</numerusform>
            <numerusform>سجل التدقيق: %Ln قيود، سليم. الرأس %1. فُحص في %2.</numerusform>
            <numerusform>سجل التدقيق: %Ln قيدًا، سليم. الرأس %1. فُحص في %2.</numerusform>
            <numerusform>سجل التدقيق: %Ln قيد، سليم. الرأس %1. فُحص في %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: BROKEN at entry %1 (%2). The %Ln entry(ies) before it hold. Export the trail (kpdesk-cli audit export) and report it. Checked %3.</source>
        <translation>
            <numerusform>سجل التدقيق: مكسور عند القيد %1 (%2). القيود السابقة له (%Ln) سليمة. صدّر السجل (kpdesk-cli audit export) وأبلغ عن ذلك. فُحص في %3.</numerusform>
            <numerusform>سجل التدقيق: مكسور عند القيد %1 (%2). القيد السابق له سليم. صدّر السجل (kpdesk-cli audit export) وأبلغ عن ذلك. فُحص في %3.</numerusform>
            <numerusform>سجل التدقيق: مكسور عند القيد %1 (%2). القيدان السابقان له سليمان. صدّر السجل (kpdesk-cli audit export) وأبلغ عن ذلك. فُحص في %3.</numerusform>
            <numerusform>سجل التدقيق: مكسور عند القيد %1 (%2). القيود %Ln السابقة له سليمة. صدّر السجل (kpdesk-cli audit export) وأبلغ عن ذلك. فُحص في %3.</numerusform>
            <numerusform>سجل التدقيق: مكسور عند القيد %1 (%2). القيود السابقة له (%Ln قيدًا) سليمة. صدّر السجل (kpdesk-cli audit export) وأبلغ عن ذلك. فُحص في %3.</numerusform>
            <numerusform>سجل التدقيق: مكسور عند القيد %1 (%2). القيود السابقة له (%Ln قيد) سليمة. صدّر السجل (kpdesk-cli audit export) وأبلغ عن ذلك. فُحص في %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the tr&amp;ail</source>
        <translation>&amp;فحص السجل</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailTableModel</name>
    <message>
        <source>(not an entry)</source>
        <translation>(ليس قيدًا)</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>سليم</translation>
    </message>
    <message>
        <source>DOES NOT HOLD</source>
        <translation>غير سليم</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>السلسلة</translation>
    </message>
</context>
<context>
    <name>kp::ui::UsersDialog</name>
    <message>
        <source>Change &amp;role</source>
        <translation>تغيير ا&amp;لدور</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;تعطيل</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;تفعيل</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>كلمة المرور &amp;الجديدة:</translation>
    </message>
    <message>
        <source>Aga&amp;in:</source>
        <translation>مرة أ&amp;خرى:</translation>
    </message>
    <message>
        <source>Reset &amp;password</source>
        <translation>إعادة تعيين &amp;كلمة المرور</translation>
    </message>
    <message>
        <source>Pa&amp;ssword:</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>Repea&amp;t:</source>
        <translation>&amp;تكرارها:</translation>
    </message>
    <message>
        <source>&amp;Add the account</source>
        <translation>إ&amp;ضافة الحساب</translation>
    </message>
    <message>
        <source>Users of this desk</source>
        <translation>مستخدمو هذا المكتب</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>الحسابات</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Role of the selected account</source>
        <translation>دور الحساب المحدد</translation>
    </message>
    <message>
        <source>Name of the new account</source>
        <translation>اسم الحساب الجديد</translation>
    </message>
    <message>
        <source>Role of the new account</source>
        <translation>دور الحساب الجديد</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>رسالة المستخدمين</translation>
    </message>
    <message>
        <source>The selected account</source>
        <translation>الحساب المحدد</translation>
    </message>
    <message>
        <source>A new account</source>
        <translation>حساب جديد</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;الاسم:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>&amp;الدور:</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>تعذرت قراءة الحسابات: %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>معطَّل</translation>
    </message>
    <message>
        <source>locked after failed sign-ins</source>
        <translation>مقفل بعد محاولات دخول فاشلة</translation>
    </message>
    <message>
        <source>active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>%1, must choose a new password</source>
        <translation>%1، يجب اختيار كلمة مرور جديدة</translation>
    </message>
    <message>
        <source>Type the new account&apos;s name.</source>
        <translation>اكتب اسم الحساب الجديد.</translation>
    </message>
    <message>
        <source>Account %1 (%2) added.</source>
        <translation>أُضيف الحساب %1 (%2).</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>أصبح %1 الآن %2.</translation>
    </message>
    <message>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>عُطِّل الحساب %1: لم يعد بإمكانه تسجيل الدخول.</translation>
    </message>
    <message>
        <source>Account %1 enabled again.</source>
        <translation>أُعيد تفعيل الحساب %1.</translation>
    </message>
    <message>
        <source>Password of %1 reset: %1 signs in with it once and then chooses a new one.</source>
        <translation>أُعيد تعيين كلمة مرور %1: يسجّل %1 الدخول بها مرة واحدة ثم يختار كلمة مرور جديدة.</translation>
    </message>
</context>
<context>
    <name>kp::ui::VerdictBanner</name>
    <message>
        <source>ACCEPT: release</source>
        <translation>مقبول: أفرج عن الشحنة</translation>
    </message>
    <message>
        <source>DOUBT: examine, then release or flag</source>
        <translation>مشكوك فيه: افحص، ثم أفرج أو أبلغ</translation>
    </message>
    <message>
        <source>REJECT: hold the shipment</source>
        <translation>مرفوض: احجز الشحنة</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>الحكم</translation>
    </message>
    <message>
        <source>Scan a certificate</source>
        <translation>امسح شهادة</translation>
    </message>
    <message>
        <source>Scan its barcode, open or drop an image, or type its number.</source>
        <translation>امسح رمزها الشريطي، أو افتح صورة أو أفلتها هنا، أو اكتب رقمها.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KP Desk: verify Kimberley Process certificates.</source>
        <translation>KP Desk: التحقق من شهادات عملية كيمبرلي.</translation>
    </message>
    <message>
        <source>The desk cache to use.</source>
        <translation>ذاكرة المكتب المؤقتة المراد استخدامها.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Use the demo desk (made on first use), with demo certificates.</source>
        <translation>استخدام المكتب التجريبي (يُنشأ عند أول استخدام)، مع شهادات تجريبية.</translation>
    </message>
    <message>
        <source>The interface language (e.g. fr).</source>
        <translation>لغة الواجهة (مثلًا ar).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
</context>
</TS>
