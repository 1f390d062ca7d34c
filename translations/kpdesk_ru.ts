<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>kp::AccountRules</name>
    <message>
        <source>Four eyes: another administrator changes the role of %1 or disables it, not %1.</source>
        <translation>«Четыре глаза»: сменить роль %1 или отключить эту учётную запись может только другой администратор, а не сам %1.</translation>
    </message>
    <message>
        <source>%1 is the desk&apos;s last administrator who can sign in: add another administrator first.</source>
        <translation>%1 — последний администратор рабочего места, который может войти: сначала добавьте другого администратора.</translation>
    </message>
</context>
<context>
    <name>kp::AuditChain</name>
    <message>
        <source>Not a valid audit entry: %1</source>
        <translation>Недопустимая запись аудита: %1</translation>
    </message>
    <message>
        <source>the time “%1” is not of the form 2026-11-30T07:21:00.000Z</source>
        <translation>время «%1» не имеет вид 2026-11-30T07:21:00.000Z</translation>
    </message>
    <message>
        <source>the desk is empty</source>
        <translation>поле desk пусто</translation>
    </message>
    <message>
        <source>the actor is empty</source>
        <translation>поле actor пусто</translation>
    </message>
    <message>
        <source>the kind is empty</source>
        <translation>поле kind пусто</translation>
    </message>
    <message>
        <source>it must be a map of exactly n (uint), at, desk, actor, kind (text) and data (a map)</source>
        <translation>запись должна быть словарём ровно из n (uint), at, desk, actor, kind (текст) и data (словарь)</translation>
    </message>
    <message>
        <source>n must be 1 or more</source>
        <translation>n должно быть не меньше 1</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Запись %1: %2</translation>
    </message>
    <message>
        <source>n must be from 1 to 2^63 - 1</source>
        <translation>n должно быть от 1 до 2^63 - 1</translation>
    </message>
    <message>
        <source>the time is invalid or outside the years 1 to 9999</source>
        <translation>время недопустимо или вне диапазона лет 1–9999</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes after entry %3 (entries were removed or moved).</source>
        <translation>Запись %1 отсутствует: запись %2 идёт после записи %3 (записи удалены или перемещены).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes again in its place (an entry was repeated or moved).</source>
        <translation>Запись %1 отсутствует: на её месте снова запись %2 (запись повторена или перемещена).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: its hash does not follow from its content and entry %2 (it was changed, or not linked to the entry before it).</source>
        <translation>Запись %1 нарушена: её хеш не следует из её содержимого и записи %2 (она изменена или не связана с предыдущей).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: the trail up to it differs from the head known from elsewhere (an entry up to %1 was changed).</source>
        <translation>Запись %1 нарушена: журнал до неё расходится с вершиной, известной из другого источника (изменена запись до %1).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail ends at entry %2, but entry %3 is known from elsewhere (entries were removed from its end).</source>
        <translation>Запись %1 отсутствует: журнал кончается записью %2, но известна запись %3 (записи удалены с конца).</translation>
    </message>
</context>
<context>
    <name>kp::AuditExport</name>
    <message>
        <source>Could not write the audit export: %1</source>
        <translation>Не удалось записать экспорт аудита: %1</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Запись %1: %2</translation>
    </message>
    <message>
        <source>Entry %1: the export ends inside it.</source>
        <translation>Запись %1: экспорт обрывается внутри неё.</translation>
    </message>
    <message>
        <source>Could not read the audit export: %1</source>
        <translation>Не удалось прочитать экспорт аудита: %1</translation>
    </message>
</context>
<context>
    <name>kp::AuthorityPki</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no usable private key.</source>
        <translation>В %1 нет пригодного закрытого ключа.</translation>
    </message>
    <message>
        <source>%1 holds no usable certificate.</source>
        <translation>В %1 нет пригодного сертификата.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Не удаётся создать папку %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Не удаётся записать %1.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk authority folder.</source>
        <translation>%1 — не папка органа KP Desk.</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeReader</name>
    <message>
        <source>There is no file %1.</source>
        <translation>Файла %1 нет.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>Файл %1 пуст.</translation>
    </message>
    <message>
        <source>The file %1 is too large for an image.</source>
        <translation>Файл %1 слишком велик для изображения.</translation>
    </message>
    <message>
        <source>The image %1 has more than %2 megapixels.</source>
        <translation>Изображение %1 больше %2 мегапикселей.</translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2</source>
        <translation>%1 — не читаемое изображение (PNG, JPEG, TIFF или BMP): %2</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeWriter</name>
    <message>
        <source>Cannot print this barcode: %1</source>
        <translation>Не удаётся напечатать штрихкод: %1</translation>
    </message>
    <message>
        <source>nothing to print.</source>
        <translation>нечего печатать.</translation>
    </message>
    <message>
        <source>Code 128 carries printable ASCII only.</source>
        <translation>Code 128 допускает только печатные символы ASCII.</translation>
    </message>
    <message>
        <source>the encoder produced nothing.</source>
        <translation>кодировщик ничего не выдал.</translation>
    </message>
</context>
<context>
    <name>kp::Base45</name>
    <message>
        <source>Base45 text has a dangling single character.</source>
        <translation>Текст Base45 кончается одиночным символом.</translation>
    </message>
    <message>
        <source>Base45 text has a character outside its alphabet.</source>
        <translation>Текст Base45 содержит символ вне алфавита.</translation>
    </message>
    <message>
        <source>Base45 text has a group that decodes above 65535.</source>
        <translation>Текст Base45 содержит группу со значением больше 65535.</translation>
    </message>
    <message>
        <source>Base45 text has a final pair that decodes above 255.</source>
        <translation>Текст Base45 кончается парой со значением больше 255.</translation>
    </message>
</context>
<context>
    <name>kp::BundleApplier</name>
    <message>
        <source>Cannot read the bundle %1: %2</source>
        <translation>Не удаётся прочитать пакет %1: %2</translation>
    </message>
    <message>
        <source>The bundle is larger than any bundle can be.</source>
        <translation>Пакет больше максимально возможного размера.</translation>
    </message>
    <message>
        <source>The bundle does not start with a signed manifest: %1</source>
        <translation>Пакет не начинается с подписанного манифеста: %1</translation>
    </message>
    <message>
        <source>The bundle&apos;s manifest envelope is malformed: %1</source>
        <translation>Конверт манифеста пакета повреждён: %1</translation>
    </message>
    <message>
        <source>The bundle is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>Пакет подписан не головным органом этого рабочего места (ни один закреплённый ключ пакетов его не проверяет).</translation>
    </message>
    <message>
        <source>The bundle manifest is malformed: %1</source>
        <translation>Манифест пакета повреждён: %1</translation>
    </message>
    <message>
        <source>a certificate record must be a byte string.</source>
        <translation>запись сертификата должна быть байтовой строкой.</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (tag 18).</source>
        <translation>не COSE_Sign1 (тег 18).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (an array of four).</source>
        <translation>не COSE_Sign1 (массив из четырёх).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 has the wrong type).</source>
        <translation>не COSE_Sign1 (элемент %1 неверного типа).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 is malformed).</source>
        <translation>не COSE_Sign1 (элемент %1 повреждён).</translation>
    </message>
    <message>
        <source>the signed payload is not a CBOR map.</source>
        <translation>подписанные данные — не словарь CBOR.</translation>
    </message>
    <message>
        <source>the signed payload is malformed.</source>
        <translation>подписанные данные повреждены.</translation>
    </message>
    <message>
        <source>the record&apos;s no is not text.</source>
        <translation>поле no записи — не текст.</translation>
    </message>
    <message>
        <source>the record has no certificate number (no).</source>
        <translation>в записи нет номера сертификата (no).</translation>
    </message>
    <message>
        <source>a contact of role %1 cannot be for %2.</source>
        <translation>контакт с ролью %1 не может относиться к %2.</translation>
    </message>
    <message>
        <source>The bundle is published by %1, not by this desk&apos;s home authority %2.</source>
        <translation>Пакет издан органом %1, а не головным органом этого рабочего места %2.</translation>
    </message>
    <message>
        <source>The bundle&apos;s seq %1 is not newer than the desk&apos;s seq %2: an old bundle cannot be applied again.</source>
        <translation>Номер пакета %1 не новее номера рабочего места %2: старый пакет нельзя применить повторно.</translation>
    </message>
    <message>
        <source>This delta applies to seq %1, but the desk is at seq %2.</source>
        <translation>Эта дельта применяется к номеру %1, а рабочее место на номере %2.</translation>
    </message>
    <message>
        <source>The bundle is truncated: %1 bytes of parts are missing.</source>
        <translation>Пакет обрезан: не хватает %1 байт частей.</translation>
    </message>
    <message>
        <source>The bundle has %1 unexpected bytes after its parts.</source>
        <translation>В пакете %1 лишних байт после частей.</translation>
    </message>
    <message>
        <source>Cannot read the bundle: %1</source>
        <translation>Не удаётся прочитать пакет: %1</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not match its SHA-256 in the manifest: the bundle is damaged or was altered.</source>
        <translation>Часть «%1» не совпадает со своим SHA-256 в манифесте: пакет повреждён или изменён.</translation>
    </message>
    <message>
        <source>Record %1 of part &apos;%2&apos; is malformed%3</source>
        <translation>Запись %1 части «%2» повреждена%3</translation>
    </message>
    <message>
        <source>The desk&apos;s data changed to seq %1 while this bundle was applied; nothing of it was kept.</source>
        <translation>Данные рабочего места сменились на номер %1 во время применения пакета; ничего из него не сохранено.</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not hold exactly %2 records in %3 bytes.</source>
        <translation>Часть «%1» не содержит ровно %2 записей в %3 байтах.</translation>
    </message>
</context>
<context>
    <name>kp::BundleManifest</name>
    <message>
        <source>The bundle manifest is not a map.</source>
        <translation>Манифест пакета — не словарь.</translation>
    </message>
    <message>
        <source>Not a kpsync bundle (fmt).</source>
        <translation>Не пакет kpsync (fmt).</translation>
    </message>
    <message>
        <source>Unsupported bundle version (v must be 1).</source>
        <translation>Неподдерживаемая версия пакета (v должно быть 1).</translation>
    </message>
    <message>
        <source>The manifest has no publisher (pub).</source>
        <translation>В манифесте нет издателя (pub).</translation>
    </message>
    <message>
        <source>The manifest&apos;s seq must be an integer of at least 1.</source>
        <translation>seq манифеста должен быть целым числом не меньше 1.</translation>
    </message>
    <message>
        <source>The manifest&apos;s base must be an integer below seq.</source>
        <translation>base манифеста должен быть целым числом меньше seq.</translation>
    </message>
    <message>
        <source>The manifest&apos;s at and fresh must be RFC 3339 times.</source>
        <translation>at и fresh манифеста должны быть временем RFC 3339.</translation>
    </message>
    <message>
        <source>The manifest&apos;s parts must be an array.</source>
        <translation>parts манифеста должен быть массивом.</translation>
    </message>
    <message>
        <source>A part has no name, or the part &apos;%1&apos; is repeated.</source>
        <translation>У части нет имени, или часть «%1» повторяется.</translation>
    </message>
    <message>
        <source>Part &apos;%1&apos; needs n, len and a 32-byte sha256.</source>
        <translation>Части «%1» нужны n, len и 32-байтовый sha256.</translation>
    </message>
</context>
<context>
    <name>kp::BundleWriter</name>
    <message>
        <source>Cannot write the temporary part &apos;%1&apos;.</source>
        <translation>Не удаётся записать временную часть «%1».</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::CacheDatabase</name>
    <message>
        <source>The desk cache %1 is locked by another program; try again when it has finished.</source>
        <translation>Кэш рабочего места %1 заблокирован другой программой; повторите, когда она закончит.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: check the permissions of the file and of its folder (%2).</source>
        <translation>Кэш рабочего места %1 нельзя записать: проверьте права на файл и его папку (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed (%2).</source>
        <translation>Кэш рабочего места %1 нельзя прочитать: диск неисправен или извлечён (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 is damaged (%2). Run &apos;kpdesk-cli repair&apos; to keep the desk&apos;s records and fetch the authority data again.</source>
        <translation>Кэш рабочего места %1 повреждён (%2). Запустите «kpdesk-cli repair», чтобы сохранить записи рабочего места и заново получить данные органа.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk cache (not an SQLite database).</source>
        <translation>%1 — не кэш KP Desk (не база SQLite).</translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation>Не удаётся открыть кэш рабочего места %1: %2</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: the file ends inside its header.</source>
        <translation>Кэш рабочего места %1 обрезан: файл кончается внутри заголовка.</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: it should hold %2 bytes but holds %3. Restore it from a backup, or run &apos;kpdesk-cli repair&apos; to keep what can be read.</source>
        <translation>Кэш рабочего места %1 обрезан: должно быть %2 байт, а есть %3. Восстановите его из резервной копии или запустите «kpdesk-cli repair», чтобы сохранить читаемое.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be written: the disk is full or failing (%1). Nothing was changed; free some space and try again.</source>
        <translation>Кэш рабочего места не записан: диск заполнен или неисправен (%1). Ничего не изменено; освободите место и повторите.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be read or written: %1</source>
        <translation>Кэш рабочего места не удалось прочитать или записать: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: %1</source>
        <translation>Данные рабочего места не удалось прочитать: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a desk cache: give the path of a file (for example ./desk.sqlite).</source>
        <translation>«%1» не может быть кэшем рабочего места: укажите путь к файлу (например, ./desk.sqlite).</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 — не файл.</translation>
    </message>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>По адресу %1 нет кэша рабочего места.</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a desk cache (run &apos;kpdesk-cli init&apos;).</source>
        <translation>%1 — пустой файл, а не кэш рабочего места (запустите «kpdesk-cli init»).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Не удаётся создать папку %1.</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 создан более новой версией KP Desk (схема %2; эта знает %3). Он не изменён.</translation>
    </message>
    <message>
        <source>Cannot bring the desk cache %1 to schema %2: %3</source>
        <translation>Не удаётся перевести кэш рабочего места %1 на схему %2: %3</translation>
    </message>
    <message>
        <source>its schema version is %1, not %2.</source>
        <translation>версия его схемы %1, а не %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged: %1</source>
        <translation>Данные рабочего места повреждены: %1</translation>
    </message>
    <message>
        <source>Cannot set up the desk cache %1.</source>
        <translation>Не удаётся подготовить кэш рабочего места %1.</translation>
    </message>
    <message>
        <source>The desk cache %1 is being repaired; try again when the repair has finished.</source>
        <translation>Кэш рабочего места %1 восстанавливается; повторите после завершения.</translation>
    </message>
    <message>
        <source>The desk cache %1 is open in another program (a KP Desk window, a sync or a command): close it first, so that no record is written to the old file.</source>
        <translation>Кэш рабочего места %1 открыт в другой программе (окно KP Desk, синхронизация или команда): сначала закройте её, чтобы в старый файл не попали записи.</translation>
    </message>
    <message>
        <source>The check of the desk&apos;s data was stopped.</source>
        <translation>Проверка данных рабочего места прервана.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed.</source>
        <translation>Кэш рабочего места %1 нельзя прочитать: диск неисправен или извлечён.</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: it is damaged (%1), so no certificate can be accepted on it. Repair the desk (kpdesk-cli repair), then sync.</source>
        <translation>Данные рабочего места не удалось прочитать: они повреждены (%1), поэтому по ним нельзя принять ни один сертификат. Восстановите рабочее место (kpdesk-cli repair), затем синхронизируйте.</translation>
    </message>
    <message>
        <source>the desk was synced (seq %1) but holds no participant list</source>
        <translation>рабочее место синхронизировано (№ %1), но в нём нет списка участников</translation>
    </message>
    <message>
        <source>%1 can be read by other users of this computer, and this user cannot change that. Its owner must run: chmod 600 %1</source>
        <translation>%1 доступен другим пользователям этого компьютера, и этот пользователь не может это изменить. Его владелец должен выполнить: chmod 600 %1</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: its lock file %2 cannot be made (%3). Nothing was changed; check the permissions of the folder.</source>
        <translation>Кэш рабочего места %1 нельзя записать: не удаётся создать его файл блокировки %2 (%3). Ничего не изменено; проверьте права на папку.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be used: its lock file %2 cannot be opened (%3). Nothing was changed. Remove %2 if it is not a plain file, then try again.</source>
        <translation>Кэш рабочего места %1 нельзя использовать: не удаётся открыть его файл блокировки %2 (%3). Ничего не изменено. Удалите %2, если это не обычный файл, затем повторите.</translation>
    </message>
    <message>
        <source>%1: a sync source cannot carry a password (the desk&apos;s database would keep it in plain text). Publish the bundles where the desk reads them without one, or copy them to a folder the desk reads.</source>
        <translation>%1: источник синхронизации не может содержать пароль (база данных рабочего места хранила бы его открытым текстом). Опубликуйте пакеты там, где рабочее место читает их без пароля, или скопируйте их в папку, которую читает рабочее место.</translation>
    </message>
</context>
<context>
    <name>kp::CacheRepair</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>По адресу %1 нет кэша рабочего места.</translation>
    </message>
    <message>
        <source>Cannot make a new desk cache beside %1: %2</source>
        <translation>Не удаётся создать новый кэш рабочего места рядом с %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the new desk cache&apos;s schema: %1</source>
        <translation>Не удаётся прочитать схему нового кэша: %1</translation>
    </message>
    <message>
        <source>Cannot write the new desk cache: %1</source>
        <translation>Не удаётся записать новый кэш рабочего места: %1</translation>
    </message>
    <message>
        <source>Cannot keep the damaged file as %1.</source>
        <translation>Не удаётся сохранить повреждённый файл как %1.</translation>
    </message>
    <message>
        <source>Cannot move the damaged file&apos;s journal beside %1.</source>
        <translation>Не удаётся переместить журнал повреждённого файла рядом с %1.</translation>
    </message>
    <message>
        <source>Cannot put the repaired cache in place of %1; it is in %2.</source>
        <translation>Не удаётся поставить восстановленный кэш на место %1; он находится в %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s last sync number cannot be read from %1, so a repair could let an older bundle undo a revocation or a release. Nothing was changed. Ask the authority for the number of its newest bundle (the seq of its index), then repair with it: kpdesk-cli repair --db %1 --min-seq NUMBER</source>
        <translation>Последний номер синхронизации рабочего места не удаётся прочитать из %1, поэтому при восстановлении более старый пакет мог бы отменить отзыв или выпуск. Ничего не изменено. Узнайте у органа номер его новейшего пакета (seq его индекса) и выполните восстановление с ним: kpdesk-cli repair --db %1 --min-seq НОМЕР</translation>
    </message>
</context>
<context>
    <name>kp::CacheWriter</name>
    <message>
        <source>Nothing to commit.</source>
        <translation>Нечего сохранять.</translation>
    </message>
    <message>
        <source>The desk cache has no table %1.</source>
        <translation>В кэше рабочего места нет таблицы %1.</translation>
    </message>
</context>
<context>
    <name>kp::CaseLife</name>
    <message>
        <source>A case starts with a flag, not with &apos;%1&apos;.</source>
        <translation>Дело начинается с сигнала, а не с «%1».</translation>
    </message>
    <message>
        <source>A case that is &apos;%1&apos; cannot take &apos;%2&apos;.</source>
        <translation>Дело в состоянии «%1» не может принять «%2».</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2 MiB); the limit is %3 MiB per file.</source>
        <translation>%1 слишком велик для вложения (%2 МиБ); предел — %3 МиБ на файл.</translation>
    </message>
</context>
<context>
    <name>kp::CaseMessages</name>
    <message>
        <source>The case&apos;s inspection is not in the records.</source>
        <translation>Проверки по делу нет в записях.</translation>
    </message>
</context>
<context>
    <name>kp::CaseWords</name>
    <message>
        <source>Open</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>На рассмотрении</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Передано выше</translation>
    </message>
    <message>
        <source>Conflict: two decisions</source>
        <translation>Конфликт: два решения</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Выпущен</translation>
    </message>
    <message>
        <source>Detained</source>
        <translation>Задержан</translation>
    </message>
    <message>
        <source>Seized</source>
        <translation>Изъят</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Не допущен</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Сигнал</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Доказательства</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>Взято на рассмотрение</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Открыто повторно</translation>
    </message>
</context>
<context>
    <name>kp::Cbor</name>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>Повреждённый CBOR: %1</translation>
    </message>
    <message>
        <source>CBOR data has more than %1 items.</source>
        <translation>В данных CBOR больше %1 элементов.</translation>
    </message>
    <message>
        <source>CBOR data nests deeper than %1.</source>
        <translation>Данные CBOR вложены глубже %1 уровней.</translation>
    </message>
    <message>
        <source>a container claims more elements than there are bytes</source>
        <translation>контейнер заявляет больше элементов, чем есть байт</translation>
    </message>
    <message>
        <source>a string claims more bytes than there are</source>
        <translation>строка заявляет больше байт, чем есть</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>текст — не корректный UTF-8</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <source>CBOR data is larger than %1 bytes.</source>
        <translation>Данные CBOR больше %1 байт.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the CBOR data.</source>
        <translation>Лишние байты после данных CBOR.</translation>
    </message>
</context>
<context>
    <name>kp::CertificateRecord</name>
    <message>
        <source>The required field &apos;%1&apos; is missing.</source>
        <translation>Нет обязательного поля «%1».</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be text.</source>
        <translation>Поле «%1» должно быть текстом.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is longer than %2 characters.</source>
        <translation>Поле «%1» длиннее %2 символов.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an unsigned integer.</source>
        <translation>Поле «%1» должно быть целым числом без знака.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a date as YYYY-MM-DD.</source>
        <translation>Поле «%1» должно быть датой вида ГГГГ-ММ-ДД.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an array of text.</source>
        <translation>Поле «%1» должно быть массивом текстов.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; has more than %2 entries.</source>
        <translation>В поле «%1» больше %2 элементов.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a map with &apos;n&apos; and &apos;a&apos;.</source>
        <translation>Поле «%1» должно быть словарём с «n» и «a».</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must have a name &apos;n&apos; and an address &apos;a&apos;.</source>
        <translation>Поле «%1» должно иметь имя «n» и адрес «a».</translation>
    </message>
    <message>
        <source>The certificate record is not a CBOR map.</source>
        <translation>Запись сертификата — не словарь CBOR.</translation>
    </message>
    <message>
        <source>Schema version %1 is not supported (expected 1).</source>
        <translation>Версия схемы %1 не поддерживается (ожидается 1).</translation>
    </message>
    <message>
        <source>The field &apos;mix&apos; must be true or false.</source>
        <translation>Поле «mix» должно быть true или false.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; must be an array of at least one lot.</source>
        <translation>Поле «lots» должно быть массивом хотя бы из одной партии.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; has more than %1 entries.</source>
        <translation>В поле «lots» больше %1 элементов.</translation>
    </message>
    <message>
        <source>Each entry of &apos;lots&apos; must be a map with &apos;hs&apos;, &apos;cct&apos; and &apos;usd&apos;.</source>
        <translation>Каждый элемент «lots» должен быть словарём с «hs», «cct» и «usd».</translation>
    </message>
    <message>
        <source>The field &apos;org&apos; needs at least one country unless &apos;mix&apos; is true.</source>
        <translation>В поле «org» нужна хотя бы одна страна, если «mix» не true.</translation>
    </message>
</context>
<context>
    <name>kp::Checks</name>
    <message>
        <source>The document signer belongs to %1, not to the issuer %2.</source>
        <translation>Подписант документа принадлежит %1, а не эмитенту %2.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not a document signer&apos;s.</source>
        <translation>Сертификат подписанта не является сертификатом подписанта документов.</translation>
    </message>
    <message>
        <source>The document signer was not valid on the date of issue %1 (valid %2 to %3).</source>
        <translation>Подписант документа не был действителен на дату выдачи %1 (действителен с %2 по %3).</translation>
    </message>
    <message>
        <source>The document signer was revoked on %1%2.</source>
        <translation>Подписант документа отозван %1%2.</translation>
    </message>
    <message>
        <source>The document signer does not chain to an authority CA of %1.</source>
        <translation>Цепочка подписанта документа не ведёт к УЦ органа %1.</translation>
    </message>
    <message>
        <source>The signer&apos;s issuing certificate is not an authority CA of %1.</source>
        <translation>Сертификат, выдавший сертификат подписанта, — не УЦ органа %1.</translation>
    </message>
    <message>
        <source>The authority CA of %1 that issued the signer was revoked on %2.</source>
        <translation>УЦ органа %1, выдавший сертификат подписанта, отозван %2.</translation>
    </message>
    <message>
        <source>The authority CA of %1 was not valid on the date of issue %2.</source>
        <translation>УЦ органа %1 не был действителен на дату выдачи %2.</translation>
    </message>
    <message>
        <source>Signed by %1, a document signer of %2&apos;s authority, valid on %3.</source>
        <translation>Подписано: %1, подписант документов органа %2, действителен на %3.</translation>
    </message>
    <message>
        <source>Unsupported signature algorithm %1.</source>
        <translation>Неподдерживаемый алгоритм подписи %1.</translation>
    </message>
    <message>
        <source>Not checked: the signature is unusable.</source>
        <translation>Не проверено: подпись непригодна.</translation>
    </message>
    <message>
        <source>The key identifier (kid) must be 8 bytes, not %1.</source>
        <translation>Идентификатор ключа (kid) должен быть 8 байт, а не %1.</translation>
    </message>
    <message>
        <source>Not checked: no usable key identifier.</source>
        <translation>Не проверено: нет пригодного идентификатора ключа.</translation>
    </message>
    <message>
        <source>Not checked: no known document signer has this key identifier.</source>
        <translation>Не проверено: нет известного подписанта документов с этим идентификатором ключа.</translation>
    </message>
    <message>
        <source>The signer is unknown to this desk&apos;s data, which is out of date: sync and scan again.</source>
        <translation>Подписант неизвестен данным рабочего места, которые устарели: синхронизируйте и сканируйте снова.</translation>
    </message>
    <message>
        <source>The signer (kid %1) is unknown to the authorities&apos; data.</source>
        <translation>Подписант (kid %1) неизвестен данным органов.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the signer&apos;s key.</source>
        <translation>Алгоритм %1 не соответствует ключу подписанта.</translation>
    </message>
    <message>
        <source>The signature does not verify with the signer&apos;s key: the record was altered or forged.</source>
        <translation>Подпись не проходит проверку ключом подписанта: запись изменена или подделана.</translation>
    </message>
    <message>
        <source>%1 signature verified.</source>
        <translation>Подпись %1 проверена.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate in the desk&apos;s data is unreadable.</source>
        <translation>Сертификат подписанта в данных рабочего места нечитаем.</translation>
    </message>
    <message>
        <source>Not checked: the signature did not verify.</source>
        <translation>Не проверено: подпись не прошла проверку.</translation>
    </message>
    <message>
        <source>The registry holds the same record.</source>
        <translation>В реестре та же запись.</translation>
    </message>
    <message>
        <source>The registry holds a different record for %1: the barcode does not match what the issuer registered.</source>
        <translation>В реестре другая запись для %1: штрихкод не совпадает с зарегистрированным эмитентом.</translation>
    </message>
    <message>
        <source>The registry (published %1) has no record of this certificate, issued %2.</source>
        <translation>В реестре (издан %1) нет записи об этом сертификате, выданном %2.</translation>
    </message>
    <message>
        <source>Issued after the desk&apos;s registry data; not yet listed.</source>
        <translation>Выдан после данных реестра рабочего места; ещё не внесён.</translation>
    </message>
    <message>
        <source>Revoked as %1 by %2 on %3.</source>
        <translation>Отозван (%1) — %2, %3.</translation>
    </message>
    <message>
        <source>Not revoked.</source>
        <translation>Не отозван.</translation>
    </message>
    <message>
        <source>already imported elsewhere (reported by %1 on %2)</source>
        <translation>уже ввезён в другом месте (сообщил %1, %2)</translation>
    </message>
    <message>
        <source>Possible re-use: %1.</source>
        <translation>Возможно повторное использование: %1.</translation>
    </message>
    <message>
        <source>This desk has never been synced: its data cannot vouch for anything.</source>
        <translation>Рабочее место ни разу не синхронизировалось: его данные ничего не гарантируют.</translation>
    </message>
    <message>
        <source>The desk&apos;s data (seq %1) is older than what it had before its repair (seq %2): sync again before relying on it.</source>
        <translation>Данные рабочего места (№ %1) старее, чем до восстановления (№ %2): синхронизируйте, прежде чем на них полагаться.</translation>
    </message>
    <message>
        <source>The desk&apos;s clock (%1) is earlier than the newest data (%2): check the clock.</source>
        <translation>Часы рабочего места (%1) отстают от новейших данных (%2): проверьте часы.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is out of date since %1: sync as soon as possible.</source>
        <translation>Данные рабочего места устарели с %1: синхронизируйте как можно скорее.</translation>
    </message>
    <message>
        <source>Data %1 published %2, fresh until %3.</source>
        <translation>Данные № %1 изданы %2, актуальны до %3.</translation>
    </message>
    <message>
        <source>The certificate number &quot;%1&quot; is not 4-32 of A-Z, 0-9, - and /.</source>
        <translation>Номер сертификата «%1» — не 4–32 символа из A-Z, 0-9, - и /.</translation>
    </message>
    <message>
        <source>The certificate number %1 does not start with the issuer&apos;s code %2.</source>
        <translation>Номер сертификата %1 не начинается с кода эмитента %2.</translation>
    </message>
    <message>
        <source>The importing participant &quot;%1&quot; is not a participant code.</source>
        <translation>Участник-импортёр «%1» — не код участника.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a two-letter code.</source>
        <translation>Страна происхождения «%1» — не двухбуквенный код.</translation>
    </message>
    <message>
        <source>HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).</source>
        <translation>Код ТН ВЭД %1 — не необработанные алмазы (7102.10, 7102.21 или 7102.31).</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a carat weight of zero.</source>
        <translation>У партии (ТН ВЭД %1) нулевой вес в каратах.</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a value of zero.</source>
        <translation>У партии (ТН ВЭД %1) нулевая стоимость.</translation>
    </message>
    <message>
        <source>The certificate lists no lots.</source>
        <translation>В сертификате нет партий.</translation>
    </message>
    <message>
        <source>The number of parcels must be at least 1.</source>
        <translation>Число мест должно быть не меньше 1.</translation>
    </message>
    <message>
        <source>The date of expiry %1 is not after the date of issue %2.</source>
        <translation>Дата окончания %1 не позже даты выдачи %2.</translation>
    </message>
    <message>
        <source>Valid for %1 days, longer than the %2 days allowed.</source>
        <translation>Действителен %1 дн., больше допустимых %2 дн.</translation>
    </message>
    <message>
        <source>The KPCS minimum content is present and consistent.</source>
        <translation>Минимальное содержание по ССКП есть и согласовано.</translation>
    </message>
    <message>
        <source>Expired on %1 (inspection date %2).</source>
        <translation>Истёк %1 (дата проверки %2).</translation>
    </message>
    <message>
        <source>Issued on %1, after the inspection date %2.</source>
        <translation>Выдан %1, после даты проверки %2.</translation>
    </message>
    <message>
        <source>Valid from %1 to %2; %3 days left.</source>
        <translation>Действителен с %1 по %2; осталось дней: %3.</translation>
    </message>
    <message>
        <source>The certificate is addressed to %1, not to this desk&apos;s participant %2.</source>
        <translation>Сертификат адресован %1, а не участнику этого рабочего места %2.</translation>
    </message>
    <message>
        <source>Not checked: this desk has no participant data yet (sync first).</source>
        <translation>Не проверено: у рабочего места ещё нет данных об участниках (сначала синхронизируйте).</translation>
    </message>
    <message>
        <source>%1 was not a KP participant on %2.</source>
        <translation>%1 не был участником КП на %2.</translation>
    </message>
    <message>
        <source>%1 was %2 on %3%4.</source>
        <translation>%1 на %3: статус «%2»%4.</translation>
    </message>
    <message>
        <source>the issuer %1 was restricted on %2%3</source>
        <translation>эмитент %1 был ограничен на %2%3</translation>
    </message>
    <message>
        <source>the origin %1 was %2 on %3</source>
        <translation>происхождение %1 на %3: статус «%2»</translation>
    </message>
    <message>
        <source>Examine: %1.</source>
        <translation>Проверить: %1.</translation>
    </message>
    <message>
        <source>%1 was an active participant on %2; addressed to %3.</source>
        <translation>%1 — действующий участник на %2; адресовано %3.</translation>
    </message>
    <message>
        <source>issued by %1</source>
        <translation>выдан %1</translation>
    </message>
    <message>
        <source>of %1 origin</source>
        <translation>происхождение %1</translation>
    </message>
    <message>
        <source>Diamonds %1 are banned by national law from %2%3.</source>
        <translation>Алмазы %1 запрещены национальным законом с %2%3.</translation>
    </message>
    <message>
        <source>No national ban applies.</source>
        <translation>Национальных запретов нет.</translation>
    </message>
    <message>
        <source>No gem or unsorted lots to compare with a value band.</source>
        <translation>Нет ювелирных или несортированных партий для сравнения с диапазоном цен.</translation>
    </message>
    <message>
        <source>No value band for this origin.</source>
        <translation>Нет диапазона цен для этого происхождения.</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1-%2</translation>
    </message>
    <message>
        <source>mixed or several origins</source>
        <translation>смешанное или несколько происхождений</translation>
    </message>
    <message>
        <source>US$ %1 per carat is outside the usual range of US$ %2 for %3.</source>
        <translation>%1 долл. США за карат — вне обычного диапазона %2 долл. США для %3.</translation>
    </message>
    <message>
        <source>US$ %1 per carat, within US$ %2 for %3.</source>
        <translation>%1 долл. США за карат, в пределах %2 долл. США для %3.</translation>
    </message>
    <message>
        <source>The national bans in the desk&apos;s data are malformed, so no ban can be checked: sync again, and tell the authority if this stays.</source>
        <translation>Национальные запреты в данных рабочего места повреждены, запреты не проверить: синхронизируйте снова и сообщите органу, если не пройдёт.</translation>
    </message>
    <message>
        <source>active</source>
        <comment>participant status</comment>
        <translation>действующий</translation>
    </message>
    <message>
        <source>suspended</source>
        <comment>participant status</comment>
        <translation>приостановлен</translation>
    </message>
    <message>
        <source>restricted</source>
        <comment>participant status</comment>
        <translation>ограничен</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <comment>participant status</comment>
        <translation>выбыл</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>revocation status</comment>
        <translation>утерян</translation>
    </message>
    <message>
        <source>stolen</source>
        <comment>revocation status</comment>
        <translation>похищен</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>revocation status</comment>
        <translation>аннулирован</translation>
    </message>
    <message>
        <source>fraudulent</source>
        <comment>revocation status</comment>
        <translation>поддельный</translation>
    </message>
    <message>
        <source>already imported</source>
        <comment>revocation status</comment>
        <translation>уже ввезён</translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation>Не штрихкод KP1 и не номер сертификата.</translation>
    </message>
    <message>
        <source>The barcode is damaged or malformed: %1</source>
        <translation>Штрихкод повреждён или неверен: %1</translation>
    </message>
    <message>
        <source>Not checked: the certificate could not be read.</source>
        <translation>Не проверено: сертификат не удалось прочитать.</translation>
    </message>
    <message>
        <source>A well-formed KP1 barcode.</source>
        <translation>Корректный штрихкод KP1.</translation>
    </message>
    <message>
        <source>A certificate number.</source>
        <translation>Номер сертификата.</translation>
    </message>
    <message>
        <source>Not checked: the registry&apos;s record could not be read.</source>
        <translation>Не проверено: запись реестра не удалось прочитать.</translation>
    </message>
    <message>
        <source>The registry holds no record of %1: nothing can vouch for this certificate.</source>
        <translation>В реестре нет записи о %1: ничто не подтверждает этот сертификат.</translation>
    </message>
    <message>
        <source>Not checked: there is no signed record for this number.</source>
        <translation>Не проверено: для этого номера нет подписанной записи.</translation>
    </message>
    <message>
        <source>The registry&apos;s record for this number is malformed: %1</source>
        <translation>Запись реестра для этого номера повреждена: %1</translation>
    </message>
    <message>
        <source>A certificate number; its signed registry record was checked.</source>
        <translation>Номер сертификата; его подписанная запись в реестре проверена.</translation>
    </message>
    <message>
        <source>The registry holds a signed record.</source>
        <translation>В реестре есть подписанная запись.</translation>
    </message>
    <message>
        <source>a shipment under this certificate was already released at this desk on %1 (releases here: %2)</source>
        <translation>груз по этому сертификату уже выпущен на этом рабочем месте %1 (выпусков здесь: %2)</translation>
    </message>
    <message>
        <source>No shipment under this certificate was released before.</source>
        <translation>Грузы по этому сертификату ранее не выпускались.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Подписант</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Поля</translation>
    </message>
    <message>
        <source>Validity dates</source>
        <translation>Сроки действия</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>Санкции</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Реестр</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Отзыв</translation>
    </message>
    <message>
        <source>Used before</source>
        <translation>Использован ранее</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>Data freshness</source>
        <translation>Актуальность данных</translation>
    </message>
    <message>
        <source>Not a certificate: check what you typed.</source>
        <translation>Не сертификат: проверьте введённый текст.</translation>
    </message>
    <message>
        <source>&quot;KP&quot; is not a country of origin: a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>«KP» — не страна происхождения: в сертификате указываются страны, где добыты алмазы, или отметка о смешанном происхождении.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a country (ISO 3166-1): a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>Страна происхождения «%1» — не страна (ISO 3166-1): в сертификате указываются страны, где добыты алмазы, или отметка о смешанном происхождении.</translation>
    </message>
    <message>
        <source>The lots&apos; carat weights add up to more than any shipment can weigh.</source>
        <translation>Сумма весов партий в каратах больше, чем может весить любой груз.</translation>
    </message>
    <message>
        <source>The lots&apos; values add up to more than any shipment can be worth.</source>
        <translation>Сумма стоимостей партий больше, чем может стоить любой груз.</translation>
    </message>
    <message>
        <source>The lots&apos; values or weights add up to more than any shipment: examine the certificate.</source>
        <translation>Сумма стоимостей или весов партий больше, чем у любого груза: проверьте сертификат.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSign1</name>
    <message>
        <source>Not a COSE_Sign1: the CBOR tag is not 18.</source>
        <translation>Не COSE_Sign1: тег CBOR не 18.</translation>
    </message>
    <message>
        <source>Not a COSE_Sign1: expected an array of four elements.</source>
        <translation>Не COSE_Sign1: ожидался массив из четырёх элементов.</translation>
    </message>
    <message>
        <source>The COSE protected header must be a byte string.</source>
        <translation>Защищённый заголовок COSE должен быть байтовой строкой.</translation>
    </message>
    <message>
        <source>The COSE unprotected header must be a map.</source>
        <translation>Незащищённый заголовок COSE должен быть словарём.</translation>
    </message>
    <message>
        <source>The COSE payload must be a byte string (detached payloads are not allowed).</source>
        <translation>Данные COSE должны быть байтовой строкой (отделённые данные не допускаются).</translation>
    </message>
    <message>
        <source>The COSE signature must be a byte string.</source>
        <translation>Подпись COSE должна быть байтовой строкой.</translation>
    </message>
    <message>
        <source>The COSE protected header is not a map.</source>
        <translation>Защищённый заголовок COSE — не словарь.</translation>
    </message>
    <message>
        <source>The COSE protected header has no integer algorithm (label 1).</source>
        <translation>В защищённом заголовке COSE нет целочисленного алгоритма (метка 1).</translation>
    </message>
    <message>
        <source>The COSE key identifier (label 4) must be a byte string.</source>
        <translation>Идентификатор ключа COSE (метка 4) должен быть байтовой строкой.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSigning</name>
    <message>
        <source>The signature does not verify with any trusted key.</source>
        <translation>Подпись не проходит проверку ни одним доверенным ключом.</translation>
    </message>
</context>
<context>
    <name>kp::Crypto</name>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation>Не сертификат X.509.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the X.509 certificate.</source>
        <translation>Лишние байты после сертификата X.509.</translation>
    </message>
    <message>
        <source>No certificate.</source>
        <translation>Нет сертификата.</translation>
    </message>
    <message>
        <source>The certificate was not issued by %1.</source>
        <translation>Сертификат выдан не %1.</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature does not verify with %1&apos;s key.</source>
        <translation>Подпись сертификата не проходит проверку ключом %1.</translation>
    </message>
    <message>
        <source>A key is missing.</source>
        <translation>Не хватает ключа.</translation>
    </message>
    <message>
        <source>Cannot set the certificate&apos;s name: %1</source>
        <translation>Не удаётся задать имя сертификата: %1</translation>
    </message>
    <message>
        <source>Cannot add the certificate&apos;s extensions: %1</source>
        <translation>Не удаётся добавить расширения сертификата: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate: %1</source>
        <translation>Не удаётся подписать сертификат: %1</translation>
    </message>
    <message>
        <source>A certificate request needs a country and a common name.</source>
        <translation>Запросу сертификата нужны страна и общее имя.</translation>
    </message>
    <message>
        <source>Cannot make the certificate request: %1</source>
        <translation>Не удаётся создать запрос сертификата: %1</translation>
    </message>
    <message>
        <source>Cannot set the request&apos;s name: %1</source>
        <translation>Не удаётся задать имя запроса: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate request: %1</source>
        <translation>Не удаётся подписать запрос сертификата: %1</translation>
    </message>
    <message>
        <source>Not a certificate request.</source>
        <translation>Не запрос сертификата.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s key is not one KP Desk uses.</source>
        <translation>Ключ запроса сертификата не того типа, что использует KP Desk.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s signature does not verify.</source>
        <translation>Подпись запроса сертификата не проходит проверку.</translation>
    </message>
    <message>
        <source>Not a P-256, RSA (2048 bits or more) or Ed25519 public key.</source>
        <translation>Не открытый ключ P-256, RSA (от 2048 бит) или Ed25519.</translation>
    </message>
    <message>
        <source>No usable public key in the PEM text.</source>
        <translation>В тексте PEM нет пригодного открытого ключа.</translation>
    </message>
    <message>
        <source>A P-256 coordinate is longer than 32 bytes.</source>
        <translation>Координата P-256 длиннее 32 байт.</translation>
    </message>
    <message>
        <source>Not a point on P-256.</source>
        <translation>Не точка на P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes.</source>
        <translation>Открытый ключ Ed25519 — 32 байта.</translation>
    </message>
    <message>
        <source>Not an Ed25519 public key.</source>
        <translation>Не открытый ключ Ed25519.</translation>
    </message>
    <message>
        <source>Not an RSA public key of 2048 bits or more.</source>
        <translation>Не открытый ключ RSA от 2048 бит.</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>Ошибка генерации ключа: %1</translation>
    </message>
    <message>
        <source>No usable unencrypted private key in the PEM text.</source>
        <translation>В тексте PEM нет пригодного незашифрованного закрытого ключа.</translation>
    </message>
    <message>
        <source>Not a P-256 key pair.</source>
        <translation>Не пара ключей P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 private key is 32 bytes.</source>
        <translation>Закрытый ключ Ed25519 — 32 байта.</translation>
    </message>
    <message>
        <source>Not an Ed25519 private key.</source>
        <translation>Не закрытый ключ Ed25519.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the key.</source>
        <translation>Алгоритм %1 не соответствует ключу.</translation>
    </message>
    <message>
        <source>An ES256 signature is 64 bytes, not %1.</source>
        <translation>Подпись ES256 — 64 байта, а не %1.</translation>
    </message>
    <message>
        <source>An EdDSA signature is 64 bytes, not %1.</source>
        <translation>Подпись EdDSA — 64 байта, а не %1.</translation>
    </message>
    <message>
        <source>The signature does not verify.</source>
        <translation>Подпись не проходит проверку.</translation>
    </message>
    <message>
        <source>Signing failed: %1</source>
        <translation>Ошибка подписи: %1</translation>
    </message>
</context>
<context>
    <name>kp::DemoDesk</name>
    <message>
        <source>No demo issuer for %1.</source>
        <translation>Нет демо-эмитента для %1.</translation>
    </message>
    <message>
        <source>Kimberley Process Certificate</source>
        <translation>Сертификат Кимберлийского процесса</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Не удаётся записать %1.</translation>
    </message>
    <message>
        <source>Cannot clear %1.</source>
        <translation>Не удаётся очистить %1.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Не удаётся создать %1.</translation>
    </message>
    <message>
        <source>Botswana, genuine (ES256, QR)</source>
        <translation>Ботсвана, подлинный (ES256, QR)</translation>
    </message>
    <message>
        <source>Namibia, genuine (EdDSA, Data Matrix)</source>
        <translation>Намибия, подлинный (EdDSA, Data Matrix)</translation>
    </message>
    <message>
        <source>Canada, genuine (PS256, QR)</source>
        <translation>Канада, подлинный (PS256, QR)</translation>
    </message>
    <message>
        <source>Canada, number only (Code 128), checked against the registry</source>
        <translation>Канада, только номер (Code 128), сверка с реестром</translation>
    </message>
    <message>
        <source>Forged: carats altered after signing</source>
        <translation>Поддельный: караты изменены после подписи</translation>
    </message>
    <message>
        <source>Forged: signed by a rogue key</source>
        <translation>Поддельный: подписан чужим ключом</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истёк</translation>
    </message>
    <message>
        <source>Reported stolen (delta bundle)</source>
        <translation>Заявлен похищенным (дельта-пакет)</translation>
    </message>
    <message>
        <source>Already imported elsewhere</source>
        <translation>Уже ввезён в другом месте</translation>
    </message>
    <message>
        <source>Russian origin: national ban</source>
        <translation>Российское происхождение: национальный запрет</translation>
    </message>
    <message>
        <source>Value far below the usual range</source>
        <translation>Стоимость намного ниже обычного диапазона</translation>
    </message>
    <message>
        <source>Addressed to another participant</source>
        <translation>Адресован другому участнику</translation>
    </message>
    <message>
        <source>Number unknown to the registry (Code 128)</source>
        <translation>Номер неизвестен реестру (Code 128)</translation>
    </message>
    <message>
        <source>KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made by &apos;kpdesk-cli demo&apos;; none of it is a real Kimberley Process certificate.
</source>
        <translation>KP Desk: ДЕМО-РАБОЧЕЕ МЕСТО. Всё здесь (ключи, сертификаты, пакеты) — демо-данные, созданные «kpdesk-cli demo»; ничто из этого не является настоящим сертификатом Кимберлийского процесса.
</translation>
    </message>
</context>
<context>
    <name>kp::DeskEnrolment</name>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>Журнал аудита рабочего места не удалось записать: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 слишком велик.</translation>
    </message>
</context>
<context>
    <name>kp::DeskIdentity</name>
    <message>
        <source>Enrol it: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;, have the home authority sign the request (&apos;kpdesk-cli authority enrol&apos;), then &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</source>
        <translation>Зарегистрируйте его: «kpdesk-cli enrol --db %1 --desk-id ID --csr-out ФАЙЛ.pem», подпишите запрос у головного органа («kpdesk-cli authority enrol»), затем «kpdesk-cli enrol --db %1 --install CERT.pem».</translation>
    </message>
    <message>
        <source>Cannot write the desk&apos;s key file %1: %2</source>
        <translation>Не удаётся записать файл ключа рабочего места %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 is missing.</source>
        <translation>Файл ключа рабочего места %1 отсутствует.</translation>
    </message>
    <message>
        <source>Cannot read the desk&apos;s key file %1: %2</source>
        <translation>Не удаётся прочитать файл ключа рабочего места %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 can be read by other users: it must be readable by the desk&apos;s user only (chmod 600), and the desk enrolled again if others may have read it.</source>
        <translation>Файл ключа рабочего места %1 доступен другим пользователям: он должен читаться только пользователем рабочего места (chmod 600), а рабочее место — заново зарегистрировано, если его могли прочитать.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 holds no usable private key.</source>
        <translation>В файле ключа рабочего места %1 нет пригодного закрытого ключа.</translation>
    </message>
    <message>
        <source>The desk has no participant yet: run &apos;kpdesk-cli init&apos; first.</source>
        <translation>У рабочего места ещё нет участника: сначала запустите «kpdesk-cli init».</translation>
    </message>
    <message>
        <source>The certificate is a CA certificate, not a desk certificate.</source>
        <translation>Это сертификат УЦ, а не сертификат рабочего места.</translation>
    </message>
    <message>
        <source>The certificate does not allow digital signatures.</source>
        <translation>Сертификат не разрешает цифровую подпись.</translation>
    </message>
    <message>
        <source>The certificate does not allow client authentication (extended key usage clientAuth).</source>
        <translation>Сертификат не разрешает аутентификацию клиента (расширенное использование ключа clientAuth).</translation>
    </message>
    <message>
        <source>The desk holds no authority CA of %1: sync the desk with its home authority first.</source>
        <translation>У рабочего места нет УЦ органа %1: сначала синхронизируйте рабочее место с головным органом.</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority CA of %1 that the desk holds.</source>
        <translation>Сертификат выдан не УЦ органа %1, известным рабочему месту.</translation>
    </message>
    <message>
        <source>This desk is not enrolled with its home authority.</source>
        <translation>Рабочее место не зарегистрировано в головном органе.</translation>
    </message>
    <message>
        <source>The desk&apos;s installed certificate cannot be read.</source>
        <translation>Установленный сертификат рабочего места нечитаем.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 does not match its certificate.</source>
        <translation>Файл ключа рабочего места %1 не соответствует его сертификату.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2: use the participant code, the post and the desk, e.g. %2-ANR-03.</source>
        <translation>«%1» — не идентификатор рабочего места %2: укажите код участника, пост и место, напр. %2-ANR-03.</translation>
    </message>
    <message>
        <source>This desk is already enrolled as %1. Enrolling it again makes a new key, and its current certificate stops working until the new one is installed: add --force to do so.</source>
        <translation>Рабочее место уже зарегистрировано как %1. Повторная регистрация создаст новый ключ, и текущий сертификат перестанет работать до установки нового: добавьте --force.</translation>
    </message>
    <message>
        <source>This desk has not asked for a certificate yet.</source>
        <translation>Рабочее место ещё не запрашивало сертификат.</translation>
    </message>
    <message>
        <source>The file holds no X.509 certificate (PEM).</source>
        <translation>В файле нет сертификата X.509 (PEM).</translation>
    </message>
    <message>
        <source>The certificate is for another key than this desk&apos;s.</source>
        <translation>Сертификат выдан для другого ключа, не этого рабочего места.</translation>
    </message>
    <message>
        <source>The certificate is for participant &apos;%1&apos;; this desk works for %2.</source>
        <translation>Сертификат выдан участнику «%1»; это рабочее место работает для %2.</translation>
    </message>
    <message>
        <source>The certificate is for desk &apos;%1&apos;; this desk asked for %2.</source>
        <translation>Сертификат выдан рабочему месту «%1»; это рабочее место запрашивало %2.</translation>
    </message>
    <message>
        <source>The certificate is not valid now: it is valid from %1 to %2 (UTC).</source>
        <translation>Сертификат сейчас недействителен: он действует с %1 по %2 (UTC).</translation>
    </message>
</context>
<context>
    <name>kp::DeskRecords</name>
    <message>
        <source>Wrong name or password.</source>
        <translation>Неверное имя или пароль.</translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>Нет такой записи: %1.</translation>
    </message>
    <message>
        <source>The text is too long (%1 characters; at most %2).</source>
        <translation>Текст слишком длинный (%1 символов; не более %2).</translation>
    </message>
    <message>
        <source>Nobody is signed in with this account.</source>
        <translation>С этой учётной записью никто не вошёл.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Учётная запись отключена. Обратитесь к администратору.</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>Учётная запись %1 уже существует.</translation>
    </message>
    <message>
        <source>The idle lock is 1 to 240 minutes.</source>
        <translation>Автоблокировка — от 1 до 240 минут.</translation>
    </message>
    <message>
        <source>The outbox&apos;s intake is an https:// URL without a name or password in it.</source>
        <translation>Адрес приёма исходящих — URL https:// без имени и пароля.</translation>
    </message>
    <message>
        <source>No physical check was recorded: count and weigh the shipment first.</source>
        <translation>Физический досмотр не записан: сначала пересчитайте и взвесьте груз.</translation>
    </message>
    <message>
        <source>The verdict is %1, not accept: only a supervisor&apos;s decision on a case can release this shipment.</source>
        <translation>Вердикт — %1, а не accept: выпустить этот груз может только решение руководителя по делу.</translation>
    </message>
    <message>
        <source>A flag needs at least one reason.</source>
        <translation>Сигналу нужна хотя бы одна причина.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>Заметке нужен текст.</translation>
    </message>
    <message>
        <source>Evidence needs at least one file.</source>
        <translation>Доказательствам нужен хотя бы один файл.</translation>
    </message>
    <message>
        <source>A decision needs its reason.</source>
        <translation>Решению нужна причина.</translation>
    </message>
    <message>
        <source>This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol).</source>
        <translation>Рабочее место пока не может подписывать сообщения: оно не зарегистрировано (kpdesk-cli enrol).</translation>
    </message>
    <message>
        <source>An escalation needs at least one addressee.</source>
        <translation>Передаче выше нужен хотя бы один адресат.</translation>
    </message>
    <message>
        <source>Reopening a case needs its reason.</source>
        <translation>Повторному открытию дела нужна причина.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an entry of its own.</source>
        <translation>«%1» — не самостоятельная запись.</translation>
    </message>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>Запись %1 хранится как строка %2.</translation>
    </message>
    <message>
        <source>An account&apos;s name has 1 to %1 characters, no control, invisible or direction characters, and does not start with &apos;cli:&apos;.</source>
        <translation>Имя учётной записи содержит от 1 до %1 символов, без управляющих и невидимых символов и символов направления текста, и не начинается с «cli:».</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 (inspection %3): a certificate is released once.</source>
        <translation>Груз по сертификату %1 уже выпущен %2 (проверка %3): по сертификату выпуск производится один раз.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is released once.</source>
        <translation>Груз по сертификату %1 уже выпущен %2 пользователем %3 (проверка %4): по сертификату выпуск производится один раз.</translation>
    </message>
    <message>
        <source>The password of %1 was set by someone else: %1 must change it before doing anything else.</source>
        <translation>Пароль %1 задан другим пользователем: %1 должен сменить его, прежде чем делать что-либо ещё.</translation>
    </message>
    <message>
        <source>This desk has accounts: an administrator signs in to add another.</source>
        <translation>На рабочем месте уже есть учётные записи: чтобы добавить ещё одну, войдите как администратор.</translation>
    </message>
    <message>
        <source>The name %1 looks like the existing account %2: choose another.</source>
        <translation>Имя %1 похоже на существующую учётную запись %2: выберите другое.</translation>
    </message>
    <message>
        <source>The account %1 is not disabled.</source>
        <translation>Учётная запись %1 не отключена.</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 уже имеет роль «%2».</translation>
    </message>
    <message>
        <source>The physical check of this inspection is already recorded: record a correction, with its reason, to change it.</source>
        <translation>Физический досмотр по этой проверке уже записан: чтобы изменить его, запишите исправление с причиной.</translation>
    </message>
    <message>
        <source>A correction needs its reason.</source>
        <translation>Исправлению нужна причина.</translation>
    </message>
    <message>
        <source>No physical check of this inspection is recorded: there is nothing to correct.</source>
        <translation>Физический досмотр по этой проверке не записан: исправлять нечего.</translation>
    </message>
    <message>
        <source>The physical check is already so: nothing was corrected.</source>
        <translation>Физический досмотр уже записан так: ничего не исправлено.</translation>
    </message>
    <message>
        <source>A case holds this shipment: only a supervisor&apos;s decision on the case can release it.</source>
        <translation>Выпуск этого груза приостановлен делом: выпустить его может только решение руководителя по делу.</translation>
    </message>
</context>
<context>
    <name>kp::DeskRegistry</name>
    <message>
        <source>Cannot read the list of desks %1: %2</source>
        <translation>Не удаётся прочитать список рабочих мест %1: %2</translation>
    </message>
    <message>
        <source>The list of desks %1 is damaged.</source>
        <translation>Список рабочих мест %1 повреждён.</translation>
    </message>
    <message>
        <source>Cannot write the list of desks %1: %2</source>
        <translation>Не удаётся записать список рабочих мест %1: %2</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 to issue desk certificates with (issuers/%1/ca-key.pem).</source>
        <translation>В PKI нет УЦ органа головного участника %1 для выдачи сертификатов рабочих мест (issuers/%1/ca-key.pem).</translation>
    </message>
    <message>
        <source>A desk certificate is valid from 1 to 3650 days.</source>
        <translation>Сертификат рабочего места действует от 1 до 3650 дней.</translation>
    </message>
    <message>
        <source>The request is for participant &apos;%1&apos;; this authority enrols desks of %2.</source>
        <translation>Запрос для участника «%1»; этот орган регистрирует рабочие места %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2 (e.g. %2-ANR-03).</source>
        <translation>«%1» — не идентификатор рабочего места %2 (напр. %2-ANR-03).</translation>
    </message>
    <message>
        <source>A desk&apos;s key is EC P-256 or Ed25519.</source>
        <translation>Ключ рабочего места — EC P-256 или Ed25519.</translation>
    </message>
    <message>
        <source>Desk %1 is already enrolled with another key: revoke it first (&apos;kpdesk-cli authority revoke-desk&apos;), then enrol it again.</source>
        <translation>Рабочее место %1 уже зарегистрировано с другим ключом: сначала отзовите его («kpdesk-cli authority revoke-desk»), затем зарегистрируйте заново.</translation>
    </message>
    <message>
        <source>No certificate of desk %1 is in force.</source>
        <translation>Нет действующего сертификата рабочего места %1.</translation>
    </message>
</context>
<context>
    <name>kp::DeterministicCbor</name>
    <message>
        <source>The data has more than %1 items.</source>
        <translation>В данных больше %1 элементов.</translation>
    </message>
    <message>
        <source>The data holds a CBOR tag; tags are not allowed.</source>
        <translation>В данных есть тег CBOR; теги не допускаются.</translation>
    </message>
    <message>
        <source>The data holds text that is not valid Unicode.</source>
        <translation>В данных есть текст, не являющийся корректным Юникодом.</translation>
    </message>
    <message>
        <source>The data holds a floating-point number; amounts must be integers.</source>
        <translation>В данных есть число с плавающей точкой; суммы должны быть целыми.</translation>
    </message>
    <message>
        <source>The data holds the value undefined.</source>
        <translation>В данных есть значение undefined.</translation>
    </message>
    <message>
        <source>The data holds a CBOR simple value other than false, true and null.</source>
        <translation>В данных есть простое значение CBOR, кроме false, true и null.</translation>
    </message>
    <message>
        <source>The data takes more than %1 bytes.</source>
        <translation>Данные занимают больше %1 байт.</translation>
    </message>
    <message>
        <source>The data nests deeper than %1 levels.</source>
        <translation>Данные вложены глубже %1 уровней.</translation>
    </message>
    <message>
        <source>The data has a map key that is not text.</source>
        <translation>В данных есть ключ словаря, не являющийся текстом.</translation>
    </message>
    <message>
        <source>The data has the key “%1” twice.</source>
        <translation>В данных дважды ключ «%1».</translation>
    </message>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>Повреждённый CBOR: %1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <source>bytes after the end of the data</source>
        <translation>байты после конца данных</translation>
    </message>
    <message>
        <source>the data ends too early</source>
        <translation>данные обрываются слишком рано</translation>
    </message>
    <message>
        <source>Not the deterministic CBOR encoding (RFC 8949, section 4.2.1): %1</source>
        <translation>Не детерминированное кодирование CBOR (RFC 8949, раздел 4.2.1): %1</translation>
    </message>
    <message>
        <source>an indefinite length, which the deterministic encoding does not use</source>
        <translation>неопределённая длина, которую детерминированное кодирование не использует</translation>
    </message>
    <message>
        <source>a reserved additional information value</source>
        <translation>зарезервированное значение дополнительной информации</translation>
    </message>
    <message>
        <source>an integer or length in a longer form than needed</source>
        <translation>целое или длина в более длинной форме, чем нужно</translation>
    </message>
    <message>
        <source>The data holds an integer outside the 64-bit signed range.</source>
        <translation>В данных есть целое вне 64-битного знакового диапазона.</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>текст — не корректный UTF-8</translation>
    </message>
    <message>
        <source>The data has the same map key twice.</source>
        <translation>В данных дважды один ключ словаря.</translation>
    </message>
    <message>
        <source>map keys out of order</source>
        <translation>ключи словаря не по порядку</translation>
    </message>
</context>
<context>
    <name>kp::EventSignature</name>
    <message>
        <source>The case event %1 is too large to sign.</source>
        <translation>Событие дела %1 слишком велико для подписи.</translation>
    </message>
    <message>
        <source>The signature does not match the event as the office holds it.</source>
        <translation>Подпись не соответствует событию в том виде, в каком оно хранится в офисе.</translation>
    </message>
    <message>
        <source>The batch %1 of case events cannot be signed.</source>
        <translation>Пакет %1 событий дел не может быть подписан.</translation>
    </message>
</context>
<context>
    <name>kp::ImageScan</name>
    <message>
        <source>No barcode was found in the image.</source>
        <translation>На изображении не найден штрихкод.</translation>
    </message>
</context>
<context>
    <name>kp::InspectionRows</name>
    <message>
        <source>The desk&apos;s inspections cannot be read.</source>
        <translation>Проверки рабочего места не удаётся прочитать.</translation>
    </message>
</context>
<context>
    <name>kp::Kp1</name>
    <message>
        <source>Not a KP1 barcode (it does not start with KP1:).</source>
        <translation>Не штрихкод KP1 (не начинается с KP1:).</translation>
    </message>
    <message>
        <source>The KP1 text is longer than any KP1 code can be.</source>
        <translation>Текст KP1 длиннее любого возможного кода KP1.</translation>
    </message>
    <message>
        <source>The KP1 text has a character outside Base45.</source>
        <translation>В тексте KP1 символ вне Base45.</translation>
    </message>
</context>
<context>
    <name>kp::KpMessage</name>
    <message>
        <source>%1 must be text.</source>
        <translation>%1 должно быть текстом.</translation>
    </message>
    <message>
        <source>%1 must be an unsigned integer.</source>
        <translation>%1 должно быть целым числом без знака.</translation>
    </message>
    <message>
        <source>%1 must be a map.</source>
        <translation>%1 должно быть словарём.</translation>
    </message>
    <message>
        <source>%1 must be a list of text.</source>
        <translation>%1 должно быть списком текстов.</translation>
    </message>
    <message>
        <source>body.no is not a certificate number.</source>
        <translation>body.no — не номер сертификата.</translation>
    </message>
    <message>
        <source>body.recv must be a date (YYYY-MM-DD).</source>
        <translation>body.recv должно быть датой (ГГГГ-ММ-ДД).</translation>
    </message>
    <message>
        <source>body.checks must be a list of at most %1 checks.</source>
        <translation>body.checks должно быть списком не более чем из %1 проверок.</translation>
    </message>
    <message>
        <source>Each of body.checks must be a map.</source>
        <translation>Каждый элемент body.checks должен быть словарём.</translation>
    </message>
    <message>
        <source>A check&apos;s status must be pass, warn, fail or skip.</source>
        <translation>Статус проверки должен быть pass, warn, fail или skip.</translation>
    </message>
    <message>
        <source>body.files must be a list of at most %1 files.</source>
        <translation>body.files должно быть списком не более чем из %1 файлов.</translation>
    </message>
    <message>
        <source>Each of body.files must be a map.</source>
        <translation>Каждый элемент body.files должен быть словарём.</translation>
    </message>
    <message>
        <source>A file needs its sha256 (32 bytes) and its data.</source>
        <translation>Файлу нужны sha256 (32 байта) и данные.</translation>
    </message>
    <message>
        <source>The files of a message may hold at most %1 MiB in all.</source>
        <translation>Файлы сообщения могут занимать всего не более %1 МиБ.</translation>
    </message>
    <message>
        <source>The file %1 does not match its sha256.</source>
        <translation>Файл %1 не соответствует своему sha256.</translation>
    </message>
    <message>
        <source>body.case must be the case&apos;s UUID.</source>
        <translation>body.case должно быть UUID дела.</translation>
    </message>
    <message>
        <source>body.verdict must be accept, doubt or reject.</source>
        <translation>body.verdict должно быть accept, doubt или reject.</translation>
    </message>
    <message>
        <source>An addressee is a participant&apos;s code, KP-CHAIR or KP-WGM, not %1.</source>
        <translation>Адресат — код участника, KP-CHAIR или KP-WGM, а не %1.</translation>
    </message>
    <message>
        <source>Not a kpmsg version 1 message.</source>
        <translation>Не сообщение kpmsg версии 1.</translation>
    </message>
    <message>
        <source>kind must be confirmation or doubt.</source>
        <translation>kind должно быть confirmation или doubt.</translation>
    </message>
    <message>
        <source>id must be 16 bytes.</source>
        <translation>id должен быть 16 байт.</translation>
    </message>
    <message>
        <source>at must be a time in RFC 3339 with its zone.</source>
        <translation>at должно быть временем RFC 3339 с часовым поясом.</translation>
    </message>
    <message>
        <source>audit must be [entries, the head&apos;s 32-byte hash].</source>
        <translation>audit должно быть [записи, 32-байтовый хеш вершины].</translation>
    </message>
    <message>
        <source>n counts from 1.</source>
        <translation>n отсчитывается с 1.</translation>
    </message>
    <message>
        <source>The desk&apos;s id may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>Идентификатор рабочего места может содержать буквы, цифры, «.», «_» и «-» (не более 64).</translation>
    </message>
    <message>
        <source>pt must be a participant&apos;s two-letter code.</source>
        <translation>pt должно быть двухбуквенным кодом участника.</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>Сообщение слишком велико.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB.</source>
        <translation>Сообщение может быть не более %1 МиБ.</translation>
    </message>
    <message>
        <source>The message does not carry its desk certificate (x5chain).</source>
        <translation>В сообщении нет сертификата рабочего места (x5chain).</translation>
    </message>
    <message>
        <source>The signature does not verify with the desk certificate it carries.</source>
        <translation>Подпись не проходит проверку приложенным сертификатом рабочего места.</translation>
    </message>
    <message>
        <source>The payload is not a map.</source>
        <translation>Данные — не словарь.</translation>
    </message>
    <message>
        <source>The message says desk %1 of %2, its certificate %3 of %4.</source>
        <translation>В сообщении рабочее место %1 участника %2, в его сертификате — %3 участника %4.</translation>
    </message>
</context>
<context>
    <name>kp::Lockout</name>
    <message>
        <source>This account is locked after repeated failed sign-ins until %1 UTC.</source>
        <translation>Учётная запись заблокирована после неудачных входов до %1 UTC.</translation>
    </message>
</context>
<context>
    <name>kp::MessageFactory</name>
    <message>
        <source>The inspection has no certificate record to confirm.</source>
        <translation>В проверке нет записи сертификата для подтверждения.</translation>
    </message>
    <message>
        <source>The attachment %1 could not be read in full.</source>
        <translation>Вложение %1 не удалось прочитать полностью.</translation>
    </message>
</context>
<context>
    <name>kp::MessageInbox</name>
    <message>
        <source>Cannot move %1 to %2: %3</source>
        <translation>Не удаётся переместить %1 в %2: %3</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not issued by this authority&apos;s CA.</source>
        <translation>Сертификат рабочего места %1 выдан не УЦ этого органа.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not a desk certificate (it is a CA, or may not sign).</source>
        <translation>Сертификат %1 — не сертификат рабочего места (это УЦ, или он не может подписывать).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not valid when the message was made (%2; valid %3 to %4).</source>
        <translation>Сертификат рабочего места %1 был недействителен при создании сообщения (%2; действует с %3 по %4).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 names participant %2, its CA %3.</source>
        <translation>Сертификат рабочего места %1 указывает участника %2, его УЦ — %3.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 — не папка.</translation>
    </message>
    <message>
        <source>%1 must be a folder of its own.</source>
        <translation>%1 должна быть отдельной папкой.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Не удаётся создать %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Не удаётся прочитать файл: %1</translation>
    </message>
    <message>
        <source>A different message with the id %1 was already taken.</source>
        <translation>Другое сообщение с id %1 уже было принято.</translation>
    </message>
    <message>
        <source>Cannot remove %1, a copy of %2.</source>
        <translation>Не удаётся удалить %1, копию %2.</translation>
    </message>
    <message>
        <source>The message of %1 says it was made at %2, after it was received (%3).</source>
        <translation>Сообщение рабочего места %1 указывает время создания %2 — позже, чем оно получено (%3).</translation>
    </message>
    <message numerus="yes">
        <source>The desk certificate of %1 expired on %2, more than %Ln day(s) before the message was received (%3): a message signed after that could claim any earlier time.</source>
        <translation>
            <numerusform>Сертификат рабочего места %1 истёк %2, более чем за %Ln день до получения сообщения (%3): сообщение, подписанное позже, могло бы указать любое более раннее время.</numerusform>
            <numerusform>Сертификат рабочего места %1 истёк %2, более чем за %Ln дня до получения сообщения (%3): сообщение, подписанное позже, могло бы указать любое более раннее время.</numerusform>
            <numerusform>Сертификат рабочего места %1 истёк %2, более чем за %Ln дней до получения сообщения (%3): сообщение, подписанное позже, могло бы указать любое более раннее время.</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s list of desks was not given: no message can be taken.</source>
        <translation>Список рабочих мест органа не указан: ни одно сообщение не может быть принято.</translation>
    </message>
    <message>
        <source>The desk certificate of %1 is revoked, or is not in the authority&apos;s list of desks.</source>
        <translation>Сертификат рабочего места %1 отозван или отсутствует в списке рабочих мест органа.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB; this file holds %2 bytes or more.</source>
        <translation>Сообщение может быть не более %1 МиБ; этот файл занимает %2 байт или больше.</translation>
    </message>
    <message>
        <source>Not a regular file (a link, a folder, a pipe or a device).</source>
        <translation>Не обычный файл (ссылка, папка, канал или устройство).</translation>
    </message>
</context>
<context>
    <name>kp::MessageLedger</name>
    <message>
        <source>Cannot read the message ledger %1: %2</source>
        <translation>Не удаётся прочитать реестр сообщений %1: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a message ledger: give the path of a file.</source>
        <translation>«%1» не может быть реестром сообщений: укажите путь к файлу.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 — не файл.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Не удаётся создать папку %1.</translation>
    </message>
    <message>
        <source>Cannot open the message ledger %1: %2</source>
        <translation>Не удаётся открыть реестр сообщений %1: %2</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (ledger schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 создан более новой версией KP Desk (схема реестра %2; эта знает %3). Он не изменён.</translation>
    </message>
    <message>
        <source>Cannot bring the message ledger %1 to schema %2: %3</source>
        <translation>Не удаётся перевести реестр сообщений %1 на схему %2: %3</translation>
    </message>
    <message>
        <source>Cannot write the message ledger %1: %2</source>
        <translation>Не удаётся записать реестр сообщений %1: %2</translation>
    </message>
    <message>
        <source>A message with the id %1 is already in the ledger.</source>
        <translation>Сообщение с id %1 уже есть в реестре.</translation>
    </message>
    <message>
        <source>unknown report kind %1</source>
        <translation>неизвестный тип отчёта %1</translation>
    </message>
</context>
<context>
    <name>kp::OfficeDatabase</name>
    <message>
        <source>This desk cannot talk to an office: Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql).</source>
        <translation>Рабочее место не может связаться с офисом: не установлен драйвер PostgreSQL для Qt (Debian: libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>The office (%1) cannot be reached: %2</source>
        <translation>Офис (%1) недоступен: %2</translation>
    </message>
    <message>
        <source>the connection to the server was lost.</source>
        <translation>соединение с сервером потеряно.</translation>
    </message>
    <message>
        <source>The office (%1) answered: %2</source>
        <translation>Офис (%1) ответил: %2</translation>
    </message>
    <message>
        <source>The office&apos;s database (schema %1) is newer than this program (%2): update KP Desk.</source>
        <translation>База данных офиса (схема %1) новее этой программы (%2): обновите KP Desk.</translation>
    </message>
    <message>
        <source>The office&apos;s database could not be brought to schema %1 (run `kpdesk-cli office-init` as its owner): %2</source>
        <translation>Базу данных офиса не удалось привести к схеме %1 (запустите «kpdesk-cli office-init» от имени её владельца): %2</translation>
    </message>
    <message numerus="yes">
        <source>The office (%1) stopped answering: the connection was given up after %Ln second(s) of silence.</source>
        <translation>
            <numerusform>Офис (%1) перестал отвечать: соединение прервано через %Ln секунду без ответа.</numerusform>
            <numerusform>Офис (%1) перестал отвечать: соединение прервано через %Ln секунды без ответа.</numerusform>
            <numerusform>Офис (%1) перестал отвечать: соединение прервано через %Ln секунд без ответа.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::OfficeLink</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Файл рабочего места не удалось прочитать или записать: %1</translation>
    </message>
    <message>
        <source>The office&apos;s password file %1 could not be written or read.</source>
        <translation>Файл пароля офиса %1 не удалось записать или прочитать.</translation>
    </message>
</context>
<context>
    <name>kp::OfficeUrl</name>
    <message>
        <source>The office&apos;s address is not usable: %1</source>
        <translation>Адрес офиса непригоден: %1</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>это не URL.</translation>
    </message>
    <message>
        <source>it must start with postgresql://.</source>
        <translation>он должен начинаться с postgresql://.</translation>
    </message>
    <message>
        <source>sslmode is one of %1.</source>
        <translation>sslmode — одно из: %1.</translation>
    </message>
    <message>
        <source>the parameter %1 is not known here.</source>
        <translation>параметр %1 здесь неизвестен.</translation>
    </message>
    <message>
        <source>it names no server.</source>
        <translation>в нём не указан сервер.</translation>
    </message>
    <message>
        <source>it names no database (…/DATABASE).</source>
        <translation>в нём не указана база данных (…/DATABASE).</translation>
    </message>
    <message>
        <source>it names no user (postgresql://USER@…).</source>
        <translation>в нём не указан пользователь (postgresql://USER@…).</translation>
    </message>
    <message>
        <source>sslrootcert must name a file, without &apos;;&apos;.</source>
        <translation>sslrootcert должен указывать файл, без «;».</translation>
    </message>
</context>
<context>
    <name>kp::OutboxDelivery</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>%1 answered %2 %3</source>
        <translation>%1 ответил %2 %3</translation>
    </message>
    <message>
        <source>%1: no answer for %2 s</source>
        <translation>%1: нет ответа %2 с</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder this desk can write to (is the stick mounted?).</source>
        <translation>%1 — не папка, доступная этому рабочему месту для записи (флешка подключена?).</translation>
    </message>
    <message>
        <source>No intake is set for the outbox (kpdesk-cli settings --outbox-intake https://...).</source>
        <translation>Адрес приёма исходящих не задан (kpdesk-cli settings --outbox-intake https://...).</translation>
    </message>
</context>
<context>
    <name>kp::PasswordHash</name>
    <message>
        <source>The stored password hash is unusable: %1</source>
        <translation>Сохранённый хеш пароля непригоден: %1</translation>
    </message>
    <message>
        <source>it is not of the form scrypt$N=…,r=…,p=…$salt$hash</source>
        <translation>он не имеет вид scrypt$N=…,r=…,p=…$salt$hash</translation>
    </message>
    <message>
        <source>its parameters are outside what this desk accepts</source>
        <translation>его параметры вне допустимых для этого рабочего места</translation>
    </message>
    <message>
        <source>its salt or hash is not base64</source>
        <translation>его соль или хеш не в base64</translation>
    </message>
    <message>
        <source>its salt or hash has the wrong length</source>
        <translation>его соль или хеш неверной длины</translation>
    </message>
    <message>
        <source>The scrypt parameters N=%1, r=%2, p=%3 are not supported.</source>
        <translation>Параметры scrypt N=%1, r=%2, p=%3 не поддерживаются.</translation>
    </message>
    <message>
        <source>scrypt failed: %1</source>
        <translation>Ошибка scrypt: %1</translation>
    </message>
    <message>
        <source>No random bytes for the salt.</source>
        <translation>Нет случайных байтов для соли.</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Неверное имя или пароль.</translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %Ln characters.</source>
        <translation>
            <numerusform>Пароль должен содержать не менее %Ln символа.</numerusform>
            <numerusform>Пароль должен содержать не менее %Ln символов.</numerusform>
            <numerusform>Пароль должен содержать не менее %Ln символов.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at most %Ln characters.</source>
        <translation>
            <numerusform>Пароль должен содержать не более %Ln символа.</numerusform>
            <numerusform>Пароль должен содержать не более %Ln символов.</numerusform>
            <numerusform>Пароль должен содержать не более %Ln символов.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the account&apos;s name.</source>
        <translation>Пароль не должен совпадать с именем учётной записи.</translation>
    </message>
</context>
<context>
    <name>kp::PdfExport</name>
    <message>
        <source>The PDF %1 cannot be written: %2</source>
        <translation>Не удаётся записать PDF %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::Permissions</name>
    <message>
        <source>verify</source>
        <translation>проверять</translation>
    </message>
    <message>
        <source>record the physical check</source>
        <translation>записывать физический досмотр</translation>
    </message>
    <message>
        <source>flag reasonable doubt</source>
        <translation>подавать сигнал об обоснованном сомнении</translation>
    </message>
    <message>
        <source>add a note</source>
        <translation>добавлять заметку</translation>
    </message>
    <message>
        <source>add evidence</source>
        <translation>добавлять доказательства</translation>
    </message>
    <message>
        <source>release a shipment</source>
        <translation>выпускать груз</translation>
    </message>
    <message>
        <source>take a case for review</source>
        <translation>брать дело на рассмотрение</translation>
    </message>
    <message>
        <source>decide a case</source>
        <translation>решать дело</translation>
    </message>
    <message>
        <source>escalate a case</source>
        <translation>передавать дело выше</translation>
    </message>
    <message>
        <source>record an authority&apos;s reply</source>
        <translation>записывать ответ органа</translation>
    </message>
    <message>
        <source>close a case</source>
        <translation>закрывать дело</translation>
    </message>
    <message>
        <source>reopen a case</source>
        <translation>открывать дело повторно</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>управлять учётными записями</translation>
    </message>
    <message>
        <source>change the desk&apos;s settings</source>
        <translation>менять настройки рабочего места</translation>
    </message>
    <message>
        <source>Unknown action “%1”.</source>
        <translation>Неизвестное действие «%1».</translation>
    </message>
    <message>
        <source>The role %1 may not %2.</source>
        <translation>Роль %1 не может %2.</translation>
    </message>
    <message>
        <source>Who flagged this case is not known, so the four-eyes rule cannot be checked.</source>
        <translation>Неизвестно, кто подал сигнал по делу, поэтому правило «четырёх глаз» не проверить.</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not decide it: another supervisor must (four eyes).</source>
        <translation>%1 подал сигнал по этому делу и не может его решать: это должен другой руководитель («четыре глаза»).</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not take it for review: another supervisor must (four eyes).</source>
        <translation>%1 подал сигнал по этому делу и не может брать его на рассмотрение: это должен другой руководитель («четыре глаза»).</translation>
    </message>
</context>
<context>
    <name>kp::PhysicalCheck</name>
    <message>
        <source>%1 parcels counted; the certificate says %2.</source>
        <translation>Насчитано мест: %1; в сертификате: %2.</translation>
    </message>
    <message>
        <source>%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).</source>
        <translation>Взвешено %1 кар.; в сертификате %2 кар. (допуск %3 кар.).</translation>
    </message>
    <message>
        <source>A seal is broken or tampered with.</source>
        <translation>Пломба нарушена или вскрыта.</translation>
    </message>
    <message>
        <source>Seal numbers %1 do not match the certificate&apos;s %2.</source>
        <translation>Номера пломб %1 не совпадают с указанными в сертификате %2.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>The importer on the declaration is not %1.</source>
        <translation>Импортёр в декларации — не %1.</translation>
    </message>
</context>
<context>
    <name>kp::Publisher</name>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>Не удаётся скопировать %1 в %2.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2: %3</source>
        <translation>Не удаётся скопировать %1 в %2: %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Не удаётся прочитать %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Не удаётся создать папку %1.</translation>
    </message>
    <message>
        <source>%1 holds no full snapshot: publish one first.</source>
        <translation>В %1 нет полного снимка: сначала опубликуйте его.</translation>
    </message>
    <message>
        <source>The deltas do not lead from the newest full snapshot (seq %1) to seq %2: publish the missing delta or a new full snapshot.</source>
        <translation>Дельты не ведут от новейшего полного снимка (№ %1) к № %2: опубликуйте недостающую дельту или новый полный снимок.</translation>
    </message>
    <message>
        <source>Cannot write the index in %1: %2</source>
        <translation>Не удаётся записать индекс в %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::PulledCaseCheck</name>
    <message>
        <source>The flag of case %1 does not carry its case (a desk from before signed cases made it): its certificate cannot be trusted.</source>
        <translation>Сигнал по делу %1 не содержит самого дела (его подало рабочее место версии до подписанных дел): сертификату дела доверять нельзя.</translation>
    </message>
    <message>
        <source>The office holds a flag of case %1 but not the case.</source>
        <translation>В офисе есть сигнал по делу %1, но нет самого дела.</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>рабочее место</translation>
    </message>
    <message>
        <source>time</source>
        <translation>время</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>проверка</translation>
    </message>
    <message>
        <source>certificate %1 signed, %2 in the row</source>
        <translation>сертификат: подписан %1, в строке %2</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>участник</translation>
    </message>
    <message>
        <source>The office&apos;s row of case %1 is not the case its desk signed: %2.</source>
        <translation>Строка дела %1 в офисе расходится с делом, которое подписало его рабочее место: %2.</translation>
    </message>
    <message>
        <source>The flag of case %1 has no valid time.</source>
        <translation>У сигнала по делу %1 нет допустимого времени.</translation>
    </message>
</context>
<context>
    <name>kp::PulledEventCheck</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Файл рабочего места не удалось прочитать или записать: %1</translation>
    </message>
    <message>
        <source>The event is signed with a certificate that is not a desk&apos;s.</source>
        <translation>Событие подписано сертификатом, который не является сертификатом рабочего места.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not valid when the event was made.</source>
        <translation>Сертификат рабочего места %1 был недействителен при создании события.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not issued by an authority CA of %2 that this desk holds.</source>
        <translation>Сертификат рабочего места %1 выдан не тем УЦ органа %2, который есть на этом рабочем месте.</translation>
    </message>
    <message>
        <source>The event is not signed by an enrolled desk.</source>
        <translation>Событие не подписано зарегистрированным рабочим местом.</translation>
    </message>
    <message>
        <source>The event&apos;s desk certificate cannot be read.</source>
        <translation>Сертификат рабочего места в событии не удаётся прочитать.</translation>
    </message>
    <message>
        <source>The event claims the desk %1, which the desk certificate %2 signs for; it is signed by %3.</source>
        <translation>Событие указывает рабочее место %1, за которое подписывает сертификат рабочего места %2; а подписано оно %3.</translation>
    </message>
    <message>
        <source>The attachment %1 is not the file that was signed.</source>
        <translation>Вложение %1 — не тот файл, который был подписан.</translation>
    </message>
    <message>
        <source>The event &apos;%1&apos; by %2 (%3) is not one a desk can take.</source>
        <translation>Событие «%1» от %2 (%3) не может быть принято рабочим местом.</translation>
    </message>
    <message>
        <source>The desk&apos;s file could not be read: %1</source>
        <translation>Файл рабочего места не удалось прочитать: %1</translation>
    </message>
    <message>
        <source>The desk certificate %1 was revoked by the authority on %2.</source>
        <translation>Сертификат рабочего места %1 отозван органом %2.</translation>
    </message>
    <message>
        <source>The event is not in the signed batch %1 it names.</source>
        <translation>Событие отсутствует в подписанном пакете %1, на который оно ссылается.</translation>
    </message>
</context>
<context>
    <name>kp::Recheck</name>
    <message>
        <source>ACCEPT</source>
        <translation>ПРИНЯТО</translation>
    </message>
    <message>
        <source>DOUBT</source>
        <translation>СОМНЕНИЕ</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>ОТКАЗ</translation>
    </message>
    <message>
        <source>pass</source>
        <comment>check status</comment>
        <translation>пройдено</translation>
    </message>
    <message>
        <source>warn</source>
        <comment>check status</comment>
        <translation>внимание</translation>
    </message>
    <message>
        <source>FAIL</source>
        <comment>check status</comment>
        <translation>НЕ ПРОЙДЕНО</translation>
    </message>
    <message>
        <source>skip</source>
        <comment>check status</comment>
        <translation>пропущено</translation>
    </message>
    <message>
        <source>verdict: was %1, now %2</source>
        <translation>вердикт: был %1, теперь %2</translation>
    </message>
    <message>
        <source>%1: not in the inspection then, now %2 — %3</source>
        <translation>%1: тогда не входило в проверку, теперь %2 — %3</translation>
    </message>
    <message>
        <source>%1: was %2, not checked now</source>
        <translation>%1: было %2, теперь не проверено</translation>
    </message>
    <message>
        <source>%1: was %2, now %3 — %4</source>
        <translation>%1: было %2, теперь %3 — %4</translation>
    </message>
    <message>
        <source>%1: still %2 — now: %3 (then: %4)</source>
        <translation>%1: всё ещё %2 — теперь: %3 (тогда: %4)</translation>
    </message>
    <message>
        <source>No change since %1.</source>
        <translation>Без изменений с %1.</translation>
    </message>
    <message>
        <source>This inspection was stored without what was scanned, so it cannot be verified again: scan the certificate again.</source>
        <translation>Проверка сохранена без отсканированных данных, повторить её нельзя: отсканируйте сертификат снова.</translation>
    </message>
    <message>
        <source>Not verified again: %1</source>
        <translation>Повторно не проверено: %1</translation>
    </message>
</context>
<context>
    <name>kp::RecordReport</name>
    <message>
        <source>(unknown)</source>
        <translation>(неизвестно)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>пройдено</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>внимание</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>НЕ ПРОЙДЕНО</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>No signed certificate record was read (a typed number or an unreadable code).</source>
        <translation>Подписанная запись сертификата не прочитана (номер введён вручную или код нечитаем).</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Record version</source>
        <translation>Версия записи</translation>
    </message>
    <message>
        <source>Issuing participant</source>
        <translation>Участник-эмитент</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>Орган выдачи</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Выдан</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Действителен до</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Происхождение</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (смешанное)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Экспортёр</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Импортёр</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Назначение</translation>
    </message>
    <message>
        <source>HS %1: %2 ct, US$ %3</source>
        <translation>ТН ВЭД %1: %2 кар., %3 долл. США</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Партии</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>%1 ct, US$ %2</source>
        <translation>%1 кар., %2 долл. США</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Места</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Пломбы</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>Физический досмотр не записан.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(не проверено)</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>Таможенная декларация</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Насчитано мест</translation>
    </message>
    <message>
        <source>Mass weighed</source>
        <translation>Взвешенная масса</translation>
    </message>
    <message>
        <source>%1 ct (tolerance %2 ct)</source>
        <translation>%1 кар. (допуск %2 кар.)</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Пломбы целы</translation>
    </message>
    <message>
        <source>Seal numbers read</source>
        <translation>Считанные номера пломб</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>Импортёр совпадает с декларацией</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>Расхождения</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Итоговый вердикт</translation>
    </message>
    <message>
        <source>Verdict of the verification</source>
        <translation>Вердикт проверки</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Номер сертификата</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(без номера)</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Рабочее место</translation>
    </message>
    <message>
        <source>%1 (id %2, participant %3)</source>
        <translation>%1 (id %2, участник %3)</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Inspection id</source>
        <translation>id проверки</translation>
    </message>
    <message>
        <source>Desk data</source>
        <translation>Данные рабочего места</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>No check was recorded.</source>
        <translation>Проверки не записаны.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Физический досмотр</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>Сертификат в виде, подписанном органом выдачи</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Отсканированное изображение</translation>
    </message>
    <message>
        <source>No image was kept with this inspection.</source>
        <translation>Изображение с этой проверкой не сохранено.</translation>
    </message>
    <message>
        <source>Printed %1 by %2 at %3</source>
        <translation>Напечатано %1; инспектор %2; рабочее место %3</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>Причины: %1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Заметки: %1</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>Выпуск груза приостановлен.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>Выпуск груза не приостановлен.</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Исход: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Причина: %1</translation>
    </message>
    <message>
        <source>One-person post: decided by who flagged it.</source>
        <translation>Пост из одного человека: решил тот, кто подал сигнал.</translation>
    </message>
    <message numerus="yes">
        <source>File %1, %Ln byte(s), SHA-256 %2</source>
        <translation>
            <numerusform>Файл %1, %Ln байт, SHA-256 %2</numerusform>
            <numerusform>Файл %1, %Ln байта, SHA-256 %2</numerusform>
            <numerusform>Файл %1, %Ln байт, SHA-256 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>Нет такой записи: %1.</translation>
    </message>
    <message>
        <source>KP Desk — inspection record</source>
        <translation>KP Desk — протокол проверки</translation>
    </message>
    <message>
        <source>Inspection of certificate %1</source>
        <translation>Проверка сертификата %1</translation>
    </message>
    <message>
        <source>KP Desk — case record</source>
        <translation>KP Desk — протокол дела</translation>
    </message>
    <message>
        <source>Case of certificate %1</source>
        <translation>Дело по сертификату %1</translation>
    </message>
    <message>
        <source>Case id</source>
        <translation>id дела</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Груз</translation>
    </message>
    <message>
        <source>held</source>
        <translation>приостановлен</translation>
    </message>
    <message>
        <source>not held</source>
        <translation>не приостановлен</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>пока нет</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Сигнал подал</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Рассматривающий</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Причины</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Последнее изменение</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (id %2)</translation>
    </message>
    <message>
        <source>opened at desk %1</source>
        <translation>открыто на рабочем месте %1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>%1 (event %2, %3)</source>
        <translation>%1 (событие %2, %3)</translation>
    </message>
    <message>
        <source>Images attached to the case</source>
        <translation>Изображения, приложенные к делу</translation>
    </message>
    <message>
        <source>The inspection, as it was seen</source>
        <translation>Проверка в том виде, как её видели</translation>
    </message>
    <message>
        <source>The case&apos;s inspection %1 is not in the desk&apos;s records.</source>
        <translation>Проверки %1 по делу нет в записях рабочего места.</translation>
    </message>
    <message>
        <source>by %1: the verdict was %2, now %3. Reason: %4</source>
        <translation>исправил %1: вердикт был %2, теперь %3. Причина: %4</translation>
    </message>
    <message>
        <source>The physical check as first recorded:</source>
        <translation>Физический досмотр в том виде, в каком он был записан первоначально:</translation>
    </message>
    <message>
        <source>Corrections of the physical check</source>
        <translation>Исправления физического досмотра</translation>
    </message>
</context>
<context>
    <name>kp::RecordsStore</name>
    <message>
        <source>The desk&apos;s records could not be written: %1</source>
        <translation>Записи рабочего места не удалось записать: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s records could not be read: %1</source>
        <translation>Записи рабочего места не удалось прочитать: %1</translation>
    </message>
    <message>
        <source>flagged before this desk kept cases</source>
        <translation>сигнал подан до ведения дел на этом рабочем месте</translation>
    </message>
    <message>
        <source>Certificate %1 was already released: a certificate is released once.</source>
        <translation>Груз по сертификату %1 уже выпущен: по сертификату выпуск производится один раз.</translation>
    </message>
</context>
<context>
    <name>kp::RegularFile</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Не удаётся открыть %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a device, a pipe or a socket); it is not read.</source>
        <translation>%1 — не обычный файл (папка, устройство, канал или сокет); он не читается.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>Reading %1 took too long; it was given up.</source>
        <translation>Чтение %1 заняло слишком много времени и было прервано.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not read.</source>
        <translation>%1 больше %2 байт; он не читается.</translation>
    </message>
</context>
<context>
    <name>kp::Replicator</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Файл рабочего места не удалось прочитать или записать: %1</translation>
    </message>
    <message>
        <source>The office holds an event of a case it does not hold (%1).</source>
        <translation>В офисе есть событие дела, которого в нём нет (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk are not at the office yet.</source>
        <translation>
            <numerusform>%Ln запись этого рабочего места ещё не в офисе.</numerusform>
            <numerusform>%Ln записи этого рабочего места ещё не в офисе.</numerusform>
            <numerusform>%Ln записей этого рабочего места ещё не в офисе.</numerusform>
        </translation>
    </message>
    <message>
        <source>cases</source>
        <translation>дела</translation>
    </message>
    <message>
        <source>case events</source>
        <translation>события дел</translation>
    </message>
    <message>
        <source>inspections</source>
        <translation>проверки</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>записи аудита</translation>
    </message>
    <message>
        <source>The office holds %1 of this desk&apos;s %2 %3.</source>
        <translation>Офис хранит не всё: %3 этого рабочего места — %1 из %2.</translation>
    </message>
    <message>
        <source>The office holds another entry (hash %1) at place %2 of this desk&apos;s trail (hash %3): another role wrote it there.</source>
        <translation>В офисе на месте %2 журнала этого рабочего места хранится другая запись (хеш %1; у рабочего места — хеш %3): её записала туда другая роль.</translation>
    </message>
    <message>
        <source>The event is of a case this desk does not hold (%1).</source>
        <translation>Событие относится к делу, которого нет на этом рабочем месте (%1).</translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln месте журнала этого рабочего места.</numerusform>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln местах журнала этого рабочего места.</numerusform>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln местах журнала этого рабочего места.</numerusform>
        </translation>
    </message>
    <message>
        <source>The office holds case %1 without the flag that opens a case.</source>
        <translation>В офисе есть дело %1 без сигнала, которым открывается дело.</translation>
    </message>
    <message>
        <source>The case %1 has its flag already.</source>
        <translation>У дела %1 уже есть сигнал.</translation>
    </message>
</context>
<context>
    <name>kp::ReportPainter</name>
    <message>
        <source>A record can only be drawn in a program with fonts (QGuiApplication).</source>
        <translation>Протокол можно отрисовать только в программе со шрифтами (QGuiApplication).</translation>
    </message>
    <message>
        <source>The record cannot be drawn on this printer or file.</source>
        <translation>Протокол нельзя отрисовать на этом принтере или в этом файле.</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>Не удалось начать новую страницу.</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>стр. %1 из %2</translation>
    </message>
    <message>
        <source>The record could not be finished.</source>
        <translation>Не удалось завершить протокол.</translation>
    </message>
</context>
<context>
    <name>kp::Role</name>
    <message>
        <source>Unknown role “%1”: officer, supervisor or administrator.</source>
        <translation>Неизвестная роль «%1»: officer, supervisor или administrator.</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
</context>
<context>
    <name>kp::SetAside</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Файл рабочего места не удалось прочитать или записать: %1</translation>
    </message>
</context>
<context>
    <name>kp::ShipmentRelease</name>
    <message>
        <source>The inspection is not in the desk&apos;s records.</source>
        <translation>Проверки нет в записях рабочего места.</translation>
    </message>
</context>
<context>
    <name>kp::SyncClient</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Синхронизация отменена.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 — непригодный URL.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 — не файл .kpsync, не папка с индексом синхронизации и не URL http(s).</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Не удаётся прочитать %1.</translation>
    </message>
    <message>
        <source>%1 holds bundles but no sync index (the file &apos;index&apos;): a sync needs the authority&apos;s signed index to know which bundles to apply. Choose the folder the authority published (kpdesk-cli authority publish), or one bundle file.</source>
        <translation>%1 содержит пакеты, но не индекс синхронизации (файл «index»): чтобы знать, какие пакеты применять, нужен подписанный индекс органа. Выберите папку, опубликованную органом (kpdesk-cli authority publish), или один файл пакета.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>В %1 нет индекса синхронизации.</translation>
    </message>
</context>
<context>
    <name>kp::SyncIndex</name>
    <message>
        <source>The sync index is malformed: %1</source>
        <translation>Индекс синхронизации повреждён: %1</translation>
    </message>
    <message>
        <source>not a map</source>
        <translation>не словарь</translation>
    </message>
    <message>
        <source>no seq</source>
        <translation>нет seq</translation>
    </message>
    <message>
        <source>no usable full snapshot</source>
        <translation>нет пригодного полного снимка</translation>
    </message>
    <message>
        <source>deltas is not an array</source>
        <translation>deltas — не массив</translation>
    </message>
    <message>
        <source>too many deltas</source>
        <translation>слишком много дельт</translation>
    </message>
    <message>
        <source>a delta entry is malformed</source>
        <translation>запись дельты повреждена</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>больше %1 байт</translation>
    </message>
    <message>
        <source>The sync index is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>Индекс синхронизации подписан не головным органом этого рабочего места (ни один закреплённый ключ пакетов его не проверяет).</translation>
    </message>
    <message>
        <source>The index offers no way from seq %1 to seq %2 (no delta chain and no newer full snapshot).</source>
        <translation>В индексе нет пути от № %1 к № %2 (ни цепочки дельт, ни более нового полного снимка).</translation>
    </message>
</context>
<context>
    <name>kp::SyncLock</name>
    <message>
        <source>Cannot create the sync lock %1: %2</source>
        <translation>Не удаётся создать блокировку синхронизации %1: %2</translation>
    </message>
    <message>
        <source>A sync is already running for this desk; wait for it to finish, then sync again if it is still needed.</source>
        <translation>Синхронизация этого рабочего места уже идёт; дождитесь её окончания и при необходимости повторите.</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>Не удаётся заблокировать %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::SyncSource</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>Не удаётся прочитать %1.</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; the index says %3.</source>
        <translation>%1 — %2 байт; в индексе указано %3.</translation>
    </message>
    <message>
        <source>%1 does not match its SHA-256 in the index: damaged or altered.</source>
        <translation>%1 не совпадает со своим SHA-256 в индексе: повреждён или изменён.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>В %1 нет индекса синхронизации.</translation>
    </message>
    <message>
        <source>The sync index in %1 is too large.</source>
        <translation>Индекс синхронизации в %1 слишком велик.</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (timed out).</source>
        <translation>%1: нет данных %2 с (тайм-аут).</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3.</source>
        <translation>%1: HTTP %2 %3.</translation>
    </message>
    <message>
        <source>%1: DNS: the host %2 was not found.</source>
        <translation>%1: DNS: узел %2 не найден.</translation>
    </message>
    <message>
        <source>%1: the server refused the connection.</source>
        <translation>%1: сервер отклонил соединение.</translation>
    </message>
    <message>
        <source>%1: the server closed the connection before the end.</source>
        <translation>%1: сервер закрыл соединение до конца передачи.</translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation>%1: TLS: %2</translation>
    </message>
    <message>
        <source>%1: proxy: %2</source>
        <translation>%1: прокси: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: the server sends too slowly (fewer than %2 bytes in %3 s).</source>
        <translation>%1: сервер передаёт слишком медленно (меньше %2 байт за %3 с).</translation>
    </message>
    <message>
        <source>%1 is larger than a sync index can be.</source>
        <translation>%1 больше максимально возможного индекса синхронизации.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>Cannot save %1 (is the disk full?): %2</source>
        <translation>Не удаётся сохранить %1 (диск заполнен?): %2</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Синхронизация отменена.</translation>
    </message>
    <message>
        <source>%1 is longer than the index says.</source>
        <translation>%1 длиннее, чем указано в индексе.</translation>
    </message>
    <message>
        <source>%1: the server sent %2 of %3 bytes.</source>
        <translation>%1: сервер передал %2 из %3 байт.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 — непригодный URL.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 — не файл .kpsync, не папка с индексом синхронизации и не URL http(s).</translation>
    </message>
    <message>
        <source>The sync from %1 took longer than its limit of %2 s and was given up; the next sync takes it up again.</source>
        <translation>Синхронизация из %1 заняла больше предела в %2 с и была прервана; следующая синхронизация продолжит её.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Не удаётся записать %1.</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation>Не удаётся создать временную папку: %1</translation>
    </message>
</context>
<context>
    <name>kp::TrailReading</name>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>Запись %1 хранится как строка %2.</translation>
    </message>
</context>
<context>
    <name>kp::Zlib</name>
    <message>
        <source>The compressed data is corrupt or truncated.</source>
        <translation>Сжатые данные повреждены или обрезаны.</translation>
    </message>
    <message>
        <source>The compressed data expands beyond %1 bytes.</source>
        <translation>Сжатые данные распаковываются больше чем в %1 байт.</translation>
    </message>
</context>
<context>
    <name>kp::cli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 слишком велик.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 — некорректный JSON: %2 в позиции %3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>--pki DIR is required.</source>
        <translation>нужен --pki ПАПКА.</translation>
    </message>
    <message>
        <source>Folder to create the PKI in.</source>
        <translation>Папка, в которой создать PKI.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>ПАПКА</translation>
    </message>
    <message>
        <source>The publishing (home) authority&apos;s participant code.</source>
        <translation>Код участника публикующего (головного) органа.</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>КОД</translation>
    </message>
    <message>
        <source>An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. Repeatable.</source>
        <translation>Участник-эмитент, при желании с алгоритмом: КОД[:es256|ps256|eddsa]. Можно повторять.</translation>
    </message>
    <message>
        <source>CODE[:ALG]</source>
        <translation>КОД[:АЛГ]</translation>
    </message>
    <message>
        <source>Create a demo PKI: a bundle key for the home authority, and an authority CA with a document signer for each issuer.</source>
        <translation>Создать демо-PKI: ключ пакетов для головного органа и УЦ органа с подписантом документов для каждого эмитента.</translation>
    </message>
    <message>
        <source>--out DIR and --home CODE are required.</source>
        <translation>нужны --out ПАПКА и --home КОД.</translation>
    </message>
    <message>
        <source>unknown algorithm &apos;%1&apos; (es256, ps256, eddsa).</source>
        <translation>неизвестный алгоритм «%1» (es256, ps256, eddsa).</translation>
    </message>
    <message>
        <source>PKI written to %1; pin %1/bundle-cert.pem at the desks.</source>
        <translation>PKI записана в %1; закрепите %1/bundle-cert.pem на рабочих местах.</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder.</source>
        <translation>Папка PKI органа.</translation>
    </message>
    <message>
        <source>The certificate record as JSON (kp1-barcode.md keys).</source>
        <translation>Запись сертификата в JSON (ключи из kp1-barcode.md).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ФАЙЛ</translation>
    </message>
    <message>
        <source>Where to write the signed record (COSE_Sign1).</source>
        <translation>Куда записать подписанную запись (COSE_Sign1).</translation>
    </message>
    <message>
        <source>Also write the KP1 barcode text to this file.</source>
        <translation>Также записать текст штрихкода KP1 в этот файл.</translation>
    </message>
    <message>
        <source>Sign a certificate record with the issuer&apos;s document signer.</source>
        <translation>Подписать запись сертификата подписантом документов эмитента.</translation>
    </message>
    <message>
        <source>--in FILE and --out FILE are required.</source>
        <translation>нужны --in ФАЙЛ и --out ФАЙЛ.</translation>
    </message>
    <message>
        <source>the PKI has no document signer for %1.</source>
        <translation>в PKI нет подписанта документов для %1.</translation>
    </message>
    <message>
        <source>Signed %1 (%2 bytes).</source>
        <translation>%1 подписан (%2 байт).</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) to print as KP1.</source>
        <translation>Подписанная запись (COSE_Sign1) для печати как KP1.</translation>
    </message>
    <message>
        <source>Text to print instead (e.g. a certificate number).</source>
        <translation>Текст для печати вместо неё (напр. номер сертификата).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>ТЕКСТ</translation>
    </message>
    <message>
        <source>The image file to write (PNG, JPEG, TIFF, BMP).</source>
        <translation>Файл изображения для записи (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation>ИЗОБРАЖЕНИЕ</translation>
    </message>
    <message>
        <source>qr (default), datamatrix, aztec, pdf417 or code128.</source>
        <translation>qr (по умолчанию), datamatrix, aztec, pdf417 или code128.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>ИМЯ</translation>
    </message>
    <message>
        <source>Pixels per module (default 4).</source>
        <translation>Пикселей на модуль (по умолчанию 4).</translation>
    </message>
    <message>
        <source>PX</source>
        <translation>ПКС</translation>
    </message>
    <message>
        <source>Print a barcode image with whole square modules and a four-module quiet zone.</source>
        <translation>Напечатать штрихкод целыми квадратными модулями с полем тишины в четыре модуля.</translation>
    </message>
    <message>
        <source>give --out IMAGE and either --in FILE or --text TEXT.</source>
        <translation>укажите --out ИЗОБРАЖЕНИЕ и либо --in ФАЙЛ, либо --text ТЕКСТ.</translation>
    </message>
    <message>
        <source>unknown --symbology or --module out of 1-40.</source>
        <translation>неизвестная --symbology или --module вне 1-40.</translation>
    </message>
    <message>
        <source>cannot write %1.</source>
        <translation>не удаётся записать %1.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2x%3).</source>
        <translation>Записан %1 (%2x%3).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a date YYYY-MM-DD.</source>
        <translation>«%1» должно быть датой ГГГГ-ММ-ДД.</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder.</source>
        <translation>Папка PKI головного органа.</translation>
    </message>
    <message>
        <source>Sequence number of the state this bundle produces.</source>
        <translation>Порядковый номер состояния, которое создаёт этот пакет.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>For a delta: the seq it applies to (default 0: full).</source>
        <translation>Для дельты: номер, к которому она применяется (по умолчанию 0: полный).</translation>
    </message>
    <message>
        <source>Days until desks show the data as stale (default 14).</source>
        <translation>Дней, через которые рабочие места покажут данные устаревшими (по умолчанию 14).</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>ДНИ</translation>
    </message>
    <message>
        <source>Participants JSON: an array of {c, name, st, from, to?, note?}, or &apos;demo&apos; for the built-in list with its history.</source>
        <translation>Участники в JSON: массив {c, name, st, from, to?, note?} или «demo» для встроенного списка с историей.</translation>
    </message>
    <message>
        <source>Include every authority CA and document signer of the PKI.</source>
        <translation>Включить все УЦ органов и всех подписантов документов из PKI.</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) for the registry. Repeatable.</source>
        <translation>Подписанная запись (COSE_Sign1) для реестра. Можно повторять.</translation>
    </message>
    <message>
        <source>Revocations JSON: an array of {no, st, at, by, note?}.</source>
        <translation>Отзывы в JSON: массив {no, st, at, by, note?}.</translation>
    </message>
    <message>
        <source>The message ledger: every confirmed import becomes a &apos;used&apos; revocation (an entry of --revoked for the same number wins).</source>
        <translation>Реестр сообщений: каждый подтверждённый ввоз становится отзывом «used» (запись из --revoked для того же номера важнее).</translation>
    </message>
    <message>
        <source>Rules JSON: an object of rule key to value.</source>
        <translation>Правила в JSON: объект «ключ правила — значение».</translation>
    </message>
    <message>
        <source>Contacts JSON: an array of {c, role, name, email?, phone?, addr?} with role authority, chair or wgm (c is KP for the last two), or &apos;demo&apos; for the demo desk&apos;s contacts.</source>
        <translation>Контакты в JSON: массив {c, role, name, email?, phone?, addr?}, где role — authority, chair или wgm (для двух последних c — KP), или «demo» для контактов демо-рабочего места.</translation>
    </message>
    <message>
        <source>The .kpsync file to write.</source>
        <translation>Файл .kpsync для записи.</translation>
    </message>
    <message>
        <source>Publish a full or delta bundle signed with the home authority&apos;s bundle key.</source>
        <translation>Опубликовать полный или дельта-пакет, подписанный ключом пакетов головного органа.</translation>
    </message>
    <message>
        <source>--seq N (&gt;= 1), --base below it, --fresh-days and --out are needed.</source>
        <translation>нужны --seq N (&gt;= 1), --base меньше него, --fresh-days и --out.</translation>
    </message>
    <message>
        <source>each participant needs c, st and a &apos;from&apos; date.</source>
        <translation>каждому участнику нужны c, st и дата «from».</translation>
    </message>
    <message>
        <source>There is no message ledger at %1.</source>
        <translation>По адресу %1 нет реестра сообщений.</translation>
    </message>
    <message>
        <source>each contact needs c, name and a role: authority (c a participant), chair or wgm (c is KP).</source>
        <translation>каждому контакту нужны c, name и role: authority (c — участник), chair или wgm (c — KP).</translation>
    </message>
    <message>
        <source>Wrote %1 bundle seq %2 to %3.</source>
        <translation>Записан пакет (%1) № %2 в %3.</translation>
    </message>
    <message>
        <source>full</source>
        <translation>полный</translation>
    </message>
    <message>
        <source>delta</source>
        <translation>дельта</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder (its bundle key signs the index).</source>
        <translation>Папка PKI головного органа (его ключ пакетов подписывает индекс).</translation>
    </message>
    <message>
        <source>The folder to publish: serve it over HTTP(S) or copy it to a USB stick.</source>
        <translation>Папка для публикации: раздавайте её по HTTP(S) или скопируйте на флешку.</translation>
    </message>
    <message>
        <source>Keep deltas reaching the last N sequence numbers in the index (default 30).</source>
        <translation>Хранить в индексе дельты для последних N номеров (по умолчанию 30).</translation>
    </message>
    <message>
        <source>Bundles (.kpsync) to add: full snapshots and deltas.</source>
        <translation>Добавляемые пакеты (.kpsync): полные снимки и дельты.</translation>
    </message>
    <message>
        <source>Add bundles to a publication folder and write its signed index (kp-sync.md, &apos;On a web server&apos;).</source>
        <translation>Добавить пакеты в папку публикации и записать её подписанный индекс (kp-sync.md, «On a web server»).</translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation>нужен --out ПАПКА.</translation>
    </message>
    <message>
        <source>--keep-deltas needs a number.</source>
        <translation>--keep-deltas требует число.</translation>
    </message>
    <message numerus="yes">
        <source>Published seq %1 in %2: full snapshot seq %3 and %Ln delta(s).</source>
        <translation>
            <numerusform>Опубликован № %1 в %2: полный снимок № %3 и %Ln дельта.</numerusform>
            <numerusform>Опубликован № %1 в %2: полный снимок № %3 и %Ln дельты.</numerusform>
            <numerusform>Опубликован № %1 в %2: полный снимок № %3 и %Ln дельт.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]</source>
        <translation>Использование: kpdesk-cli authority ПОДКОМАНДА [ПАРАМЕТРЫ]</translation>
    </message>
    <message>
        <source>Subcommands:</source>
        <translation>Подкоманды:</translation>
    </message>
    <message>
        <source>create a demo PKI (bundle key, authority CAs, document signers)</source>
        <translation>создать демо-PKI (ключ пакетов, УЦ органов, подписанты документов)</translation>
    </message>
    <message>
        <source>sign a certificate record from JSON</source>
        <translation>подписать запись сертификата из JSON</translation>
    </message>
    <message>
        <source>print a signed record or a number as a barcode image</source>
        <translation>напечатать подписанную запись или номер как изображение штрихкода</translation>
    </message>
    <message>
        <source>make a full or delta .kpsync bundle</source>
        <translation>создать полный или дельта-пакет .kpsync</translation>
    </message>
    <message>
        <source>add bundles to a folder for a web server or USB stick, with its signed index</source>
        <translation>добавить пакеты в папку для веб-сервера или флешки, с подписанным индексом</translation>
    </message>
    <message>
        <source>issue a desk certificate for a desk&apos;s request</source>
        <translation>выдать сертификат рабочего места по его запросу</translation>
    </message>
    <message>
        <source>list the desks enrolled and revoked</source>
        <translation>список зарегистрированных и отозванных рабочих мест</translation>
    </message>
    <message>
        <source>revoke a desk&apos;s certificate</source>
        <translation>отозвать сертификат рабочего места</translation>
    </message>
    <message>
        <source>take the desks&apos; messages from an intake folder into the ledger</source>
        <translation>принять сообщения рабочих мест из папки приёма в реестр</translation>
    </message>
    <message>
        <source>list the reasonable doubts the desks reported</source>
        <translation>список обоснованных сомнений, сообщённых рабочими местами</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli authority SUBCOMMAND --help&apos; for its options.</source>
        <translation>Параметры: «kpdesk-cli authority ПОДКОМАНДА --help».</translation>
    </message>
    <message>
        <source>kpdesk-cli authority: unknown subcommand &apos;%1&apos;.</source>
        <translation>kpdesk-cli authority: неизвестная подкоманда «%1».</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Показать эту справку.</translation>
    </message>
    <message>
        <source>kpdesk-cli %1: %2</source>
        <translation>kpdesk-cli %1: %2</translation>
    </message>
    <message>
        <source>Try &apos;kpdesk-cli %1 --help&apos;.</source>
        <translation>Попробуйте «kpdesk-cli %1 --help».</translation>
    </message>
    <message>
        <source>The desk&apos;s cache file (default: %1).</source>
        <translation>Файл кэша рабочего места (по умолчанию: %1).</translation>
    </message>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>Журнал аудита рабочего места не удалось записать: %1</translation>
    </message>
    <message>
        <source>Where to make the demo desk (default: %1).</source>
        <translation>Где создать демо-рабочее место (по умолчанию: %1).</translation>
    </message>
    <message>
        <source>Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the verdict for each demo certificate.</source>
        <translation>Создать ДЕМО-рабочее место (демо-PKI, сертификаты, изображения штрихкодов, пакеты, кэш) и показать вердикт по каждому демо-сертификату.</translation>
    </message>
    <message>
        <source>=== KP Desk DEMO: demo data, not real certificates ===</source>
        <translation>=== KP Desk ДЕМО: демо-данные, не настоящие сертификаты ===</translation>
    </message>
    <message>
        <source>Making a demo desk of the EU in %1 ...</source>
        <translation>Создаётся демо-рабочее место ЕС в %1 ...</translation>
    </message>
    <message>
        <source>demo: %1</source>
        <translation>демо: %1</translation>
    </message>
    <message>
        <source>Desk cache %1, bundles applied: %2</source>
        <translation>Кэш рабочего места %1, применено пакетов: %2</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>не прочитан</translation>
    </message>
    <message>
        <source>all checks passed (%1)</source>
        <translation>все проверки пройдены (%1)</translation>
    </message>
    <message>
        <source>Try one yourself:</source>
        <translation>Попробуйте сами:</translation>
    </message>
    <message numerus="yes">
        <source>demo: %Ln certificate(s) did not get the expected verdict.</source>
        <translation>
            <numerusform>демо: %Ln сертификат не получил ожидаемый вердикт.</numerusform>
            <numerusform>демо: %Ln сертификата не получили ожидаемый вердикт.</numerusform>
            <numerusform>демо: %Ln сертификатов не получили ожидаемый вердикт.</numerusform>
        </translation>
    </message>
    <message>
        <source>The participant this desk works for (e.g. EU, CA, NA).</source>
        <translation>Участник, для которого работает это рабочее место (напр. EU, CA, NA).</translation>
    </message>
    <message>
        <source>The home authority&apos;s bundle signer certificate (PEM). Repeat for key rollover.</source>
        <translation>Сертификат подписанта пакетов головного органа (PEM). Повторите для смены ключа.</translation>
    </message>
    <message>
        <source>CERT.pem</source>
        <translation>CERT.pem</translation>
    </message>
    <message>
        <source>A sync source (URL or folder) to use by default. Repeatable.</source>
        <translation>Источник синхронизации (URL или папка) по умолчанию. Можно повторять.</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>ИСТОЧНИК</translation>
    </message>
    <message>
        <source>init: --participant needs a two-letter participant code (e.g. EU, NA).</source>
        <translation>init: --participant требует двухбуквенный код участника (напр. EU, NA).</translation>
    </message>
    <message>
        <source>init: at least one --bundle-key CERT.pem is needed.</source>
        <translation>init: нужен хотя бы один --bundle-key CERT.pem.</translation>
    </message>
    <message>
        <source>init: %1 holds no X.509 certificate: %2</source>
        <translation>init: в %1 нет сертификата X.509: %2</translation>
    </message>
    <message>
        <source>init: %1</source>
        <translation>init: %1</translation>
    </message>
    <message>
        <source>init: %1 is already a desk of %2; use another file.</source>
        <translation>init: %1 уже рабочее место %2; укажите другой файл.</translation>
    </message>
    <message numerus="yes">
        <source>Desk of %1 ready in %2, with %Ln pinned bundle key(s).</source>
        <translation>
            <numerusform>Рабочее место %1 готово в %2, с %Ln закреплённым ключом пакетов.</numerusform>
            <numerusform>Рабочее место %1 готово в %2, с %Ln закреплёнными ключами пакетов.</numerusform>
            <numerusform>Рабочее место %1 готово в %2, с %Ln закреплёнными ключами пакетов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation>Вывести один объект JSON.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s participant, data sequence, freshness and record counts.</source>
        <translation>Показать участника рабочего места, номер и актуальность данных и число записей.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged and cannot be trusted: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>Данные рабочего места повреждены и ненадёжны: запустите «kpdesk-cli repair --db %1», затем синхронизируйте.</translation>
    </message>
    <message>
        <source>(could not be read)</source>
        <translation>(не читается)</translation>
    </message>
    <message>
        <source>KP Desk cache %1</source>
        <translation>Кэш KP Desk %1</translation>
    </message>
    <message>
        <source>DAMAGED: %1</source>
        <translation>ПОВРЕЖДЁН: %1</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>участник</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>№</translation>
    </message>
    <message>
        <source>0 (never synced)</source>
        <translation>0 (не синхронизировалось)</translation>
    </message>
    <message>
        <source>published</source>
        <translation>издано</translation>
    </message>
    <message>
        <source>fresh until</source>
        <translation>актуально до</translation>
    </message>
    <message>
        <source>  STALE: sync now</source>
        <translation>  УСТАРЕЛО: синхронизируйте</translation>
    </message>
    <message>
        <source>last sync</source>
        <translation>последняя синхр.</translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation>последняя попытка</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>источники</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the authority&apos;s http(s) base URL. Default: the desk&apos;s configured sources.</source>
        <translation>Файл пакета .kpsync, папка с индексом синхронизации (напр. флешка) или базовый URL http(s) органа. По умолчанию — настроенные источники рабочего места.</translation>
    </message>
    <message>
        <source>HTTP proxy as host:port, or &apos;none&apos;. Default: the system&apos;s proxy settings.</source>
        <translation>HTTP-прокси как узел:порт или «none». По умолчанию — системные настройки прокси.</translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation>ПРОКСИ</translation>
    </message>
    <message>
        <source>A CA certificate (PEM) to trust for the server, besides the system&apos;s.</source>
        <translation>Сертификат УЦ (PEM), которому доверять для сервера, помимо системных.</translation>
    </message>
    <message>
        <source>Seconds without data before a try is given up (default 30).</source>
        <translation>Секунд без данных до отказа от попытки (по умолчанию 30).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>СЕКУНДЫ</translation>
    </message>
    <message>
        <source>Further tries after a network failure (default 3).</source>
        <translation>Повторных попыток после сбоя сети (по умолчанию 3).</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date from its home authority. Each bundle is applied whole or not at all.</source>
        <translation>Обновить данные рабочего места у головного органа. Каждый пакет применяется целиком или не применяется вовсе.</translation>
    </message>
    <message>
        <source>sync: name at most one SOURCE.</source>
        <translation>sync: укажите не более одного ИСТОЧНИКА.</translation>
    </message>
    <message>
        <source>sync: %1</source>
        <translation>sync: %1</translation>
    </message>
    <message>
        <source>sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).</source>
        <translation>sync: ИСТОЧНИК не указан и не настроен (kpdesk-cli sources --db ФАЙЛ --set ИСТОЧНИК).</translation>
    </message>
    <message>
        <source>sync: --timeout needs a number of seconds.</source>
        <translation>sync: --timeout требует число секунд.</translation>
    </message>
    <message>
        <source>sync: --retries needs a number.</source>
        <translation>sync: --retries требует число.</translation>
    </message>
    <message>
        <source>sync: %1: %2</source>
        <translation>sync: %1: %2</translation>
    </message>
    <message>
        <source>Already current at seq %1 (%2); nothing changed.</source>
        <translation>Уже актуально на № %1 (%2); ничего не изменено.</translation>
    </message>
    <message>
        <source>Applied %1 bundle seq %2 (%3).</source>
        <translation>Применён пакет (%1) № %2 (%3).</translation>
    </message>
    <message>
        <source>delta from %1</source>
        <translation>дельта от %1</translation>
    </message>
    <message>
        <source>The desk is at seq %1.</source>
        <translation>Рабочее место на № %1.</translation>
    </message>
    <message>
        <source>Replace the desk&apos;s sync sources with these (URL or folder), tried in order. Repeatable.</source>
        <translation>Заменить источники синхронизации рабочего места этими (URL или папка), по порядку. Можно повторять.</translation>
    </message>
    <message>
        <source>Remove every configured source.</source>
        <translation>Удалить все настроенные источники.</translation>
    </message>
    <message>
        <source>Show or set where &apos;sync&apos; takes bundles from when no SOURCE is given.</source>
        <translation>Показать или задать, откуда «sync» берёт пакеты, если ИСТОЧНИК не указан.</translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation>источники: %1</translation>
    </message>
    <message>
        <source>Participant: %1</source>
        <translation>Участник: %1</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>Не зарегистрировано.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>Не зарегистрировано: рабочее место %1 ожидает сертификат.</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>Рабочее место: %1</translation>
    </message>
    <message>
        <source>Certificate: C=%1, CN=%2</source>
        <translation>Сертификат: C=%1, CN=%2</translation>
    </message>
    <message>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>Действует: с %1 по %2 (UTC)</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id: participant, post and desk (e.g. EU-ANR-03).</source>
        <translation>Идентификатор рабочего места: участник, пост и место (напр. EU-ANR-03).</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Where to write the certificate request for the authority.</source>
        <translation>Куда записать запрос сертификата для органа.</translation>
    </message>
    <message>
        <source>FILE.pem</source>
        <translation>ФАЙЛ.pem</translation>
    </message>
    <message>
        <source>Enrol an enrolled desk again: a new key replaces the old one.</source>
        <translation>Зарегистрировать рабочее место заново: новый ключ заменит старый.</translation>
    </message>
    <message>
        <source>Install the desk certificate the authority issued.</source>
        <translation>Установить сертификат рабочего места, выданный органом.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s enrolment.</source>
        <translation>Показать регистрацию рабочего места.</translation>
    </message>
    <message>
        <source>With --status: print one JSON object.</source>
        <translation>С --status: вывести один объект JSON.</translation>
    </message>
    <message>
        <source>Make the desk&apos;s key and a certificate request for its home authority, install the certificate it issues, or show the enrolment. The private key stays in a file beside the desk&apos;s database, readable by this user only.</source>
        <translation>Создать ключ рабочего места и запрос сертификата для головного органа, установить выданный сертификат или показать регистрацию. Закрытый ключ хранится в файле рядом с базой рабочего места, доступном только этому пользователю.</translation>
    </message>
    <message>
        <source>give --desk-id ID with --csr-out FILE.pem, or --install CERT.pem, or --status.</source>
        <translation>укажите --desk-id ID с --csr-out ФАЙЛ.pem, или --install CERT.pem, или --status.</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority (&apos;kpdesk-cli authority enrol&apos;), then install the certificate with --install.</source>
        <translation>Запрос сертификата рабочего места %1 записан в %2: передайте его головному органу («kpdesk-cli authority enrol»), затем установите сертификат через --install.</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Установлен сертификат рабочего места %1, действует до %2 (UTC).</translation>
    </message>
    <message>
        <source>The desk&apos;s certificate request.</source>
        <translation>Запрос сертификата рабочего места.</translation>
    </message>
    <message>
        <source>Where to write the desk certificate.</source>
        <translation>Куда записать сертификат рабочего места.</translation>
    </message>
    <message>
        <source>Days the certificate is valid (default 730).</source>
        <translation>Срок действия сертификата в днях (по умолчанию 730).</translation>
    </message>
    <message>
        <source>Issue a desk certificate with the home participant&apos;s authority CA, and add the desk to the authority&apos;s list.</source>
        <translation>Выдать сертификат рабочего места от УЦ органа головного участника и добавить рабочее место в список органа.</translation>
    </message>
    <message>
        <source>--csr FILE.pem and --out CERT.pem are required; --days needs a number.</source>
        <translation>нужны --csr ФАЙЛ.pem и --out CERT.pem; --days требует число.</translation>
    </message>
    <message>
        <source>Enrolled desk %1 until %2 (UTC); its certificate is in %3.</source>
        <translation>Рабочее место %1 зарегистрировано до %2 (UTC); его сертификат в %3.</translation>
    </message>
    <message>
        <source>List the desks the authority enrolled and revoked.</source>
        <translation>Список рабочих мест, зарегистрированных и отозванных органом.</translation>
    </message>
    <message>
        <source>No desk enrolled yet.</source>
        <translation>Зарегистрированных рабочих мест пока нет.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>отозвано %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>до %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id (e.g. EU-ANR-03).</source>
        <translation>Идентификатор рабочего места (напр. EU-ANR-03).</translation>
    </message>
    <message>
        <source>Revoke every certificate of a desk in the authority&apos;s list.</source>
        <translation>Отозвать все сертификаты рабочего места из списка органа.</translation>
    </message>
    <message>
        <source>--desk ID is required.</source>
        <translation>нужен --desk ID.</translation>
    </message>
    <message>
        <source>Revoked desk %1.</source>
        <translation>Рабочее место %1 отозвано.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a CA certificate.</source>
        <translation>%1 — не сертификат УЦ.</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, message %3 never arrived</source>
        <translation>пропуск: рабочее место %1 отправило n=%2, сообщение %3 не пришло</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, messages %3 to %4 never arrived</source>
        <translation>пропуск: рабочее место %1 отправило n=%2, сообщения с %3 по %4 не пришли</translation>
    </message>
    <message>
        <source>repeat: desk %1 sent n=%2 again as another message (%3; first %4)</source>
        <translation>повтор: рабочее место %1 снова отправило n=%2 другим сообщением (%3; первое — %4)</translation>
    </message>
    <message>
        <source>audit trail rewritten? desk %1, message %2 gives another hash for an audit entry than message %3</source>
        <translation>журнал аудита переписан? рабочее место %1: сообщение %2 даёт для записи аудита другой хеш, чем сообщение %3</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>принято</translation>
    </message>
    <message>
        <source>skipped (already taken)</source>
        <translation>пропущено (уже принято)</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <source>--ledger FILE is required.</source>
        <translation>нужен --ledger ФАЙЛ.</translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger (created on first use).</source>
        <translation>Реестр сообщений органа (создаётся при первом использовании).</translation>
    </message>
    <message>
        <source>Print the outcome as JSON.</source>
        <translation>Вывести результат в JSON.</translation>
    </message>
    <message>
        <source>The folder the desks&apos; messages arrive in.</source>
        <translation>Папка, куда приходят сообщения рабочих мест.</translation>
    </message>
    <message>
        <source>Take the desks&apos; messages (*.kpmsg) from an intake folder into the ledger; refused ones go to INTAKE_DIR/refused/ with their reason.</source>
        <translation>Принять сообщения рабочих мест (*.kpmsg) из папки приёма в реестр; отклонённые попадают в INTAKE_DIR/refused/ с причиной.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) taken</source>
        <translation>
            <numerusform>принято %Ln сообщение</numerusform>
            <numerusform>принято %Ln сообщения</numerusform>
            <numerusform>принято %Ln сообщений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>пропущено: %Ln</numerusform>
            <numerusform>пропущено: %Ln</numerusform>
            <numerusform>пропущено: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>отклонено: %Ln</numerusform>
            <numerusform>отклонено: %Ln</numerusform>
            <numerusform>отклонено: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger.</source>
        <translation>Реестр сообщений органа.</translation>
    </message>
    <message>
        <source>Print the cases as JSON.</source>
        <translation>Вывести дела в JSON.</translation>
    </message>
    <message>
        <source>List the reasonable doubts the desks reported, newest first.</source>
        <translation>Список обоснованных сомнений от рабочих мест, новые сначала.</translation>
    </message>
    <message>
        <source>No doubts received.</source>
        <translation>Сомнений не поступало.</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 байт)</translation>
    </message>
    <message>
        <source>desk %1</source>
        <translation>рабочее место %1</translation>
    </message>
    <message>
        <source>case %1, message %2</source>
        <translation>дело %1, сообщение %2</translation>
    </message>
    <message>
        <source>decision: %1</source>
        <translation>решение: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>кому: %1</translation>
    </message>
    <message>
        <source>files: %1</source>
        <translation>файлы: %1</translation>
    </message>
    <message>
        <source>create a desk cache for a participant, pinning its bundle key</source>
        <translation>создать кэш рабочего места для участника и закрепить ключ пакетов</translation>
    </message>
    <message>
        <source>bring the desk up to date from a bundle file, folder or URL</source>
        <translation>обновить рабочее место из файла пакета, папки или URL</translation>
    </message>
    <message>
        <source>show or set the desk&apos;s default sync sources</source>
        <translation>показать или задать источники синхронизации по умолчанию</translation>
    </message>
    <message>
        <source>show the desk&apos;s participant, data and freshness</source>
        <translation>показать участника, данные и их актуальность</translation>
    </message>
    <message>
        <source>rebuild a damaged desk cache, keeping the desk&apos;s own records</source>
        <translation>пересобрать повреждённый кэш, сохранив собственные записи рабочего места</translation>
    </message>
    <message>
        <source>verify a certificate from a barcode image or text</source>
        <translation>проверить сертификат по изображению штрихкода или тексту</translation>
    </message>
    <message>
        <source>list every barcode found in images</source>
        <translation>перечислить все штрихкоды на изображениях</translation>
    </message>
    <message>
        <source>authority side: demo PKI, issue, render, publish bundles</source>
        <translation>сторона органа: демо-PKI, выдача, отрисовка, публикация пакетов</translation>
    </message>
    <message>
        <source>enrol the desk with its home authority: key, request, certificate</source>
        <translation>зарегистрировать рабочее место в головном органе: ключ, запрос, сертификат</translation>
    </message>
    <message>
        <source>list the desk&apos;s messages to its authority, export them to a folder or send them</source>
        <translation>перечислить сообщения рабочего места органу, выгрузить в папку или отправить</translation>
    </message>
    <message>
        <source>make a demo desk with demo certificates and show their verdicts</source>
        <translation>создать демо-рабочее место с демо-сертификатами и показать вердикты</translation>
    </message>
    <message>
        <source>add, list, disable accounts and set their passwords</source>
        <translation>добавлять, перечислять, отключать учётные записи и задавать пароли</translation>
    </message>
    <message>
        <source>verify, record the physical check and release a shipment</source>
        <translation>проверить, записать физический досмотр и выпустить груз</translation>
    </message>
    <message>
        <source>verify, record and flag reasonable doubt: opens a case</source>
        <translation>проверить, записать и подать сигнал об обоснованном сомнении: открывает дело</translation>
    </message>
    <message>
        <source>list the desk&apos;s cases with their state and events</source>
        <translation>перечислить дела рабочего места с состоянием и событиями</translation>
    </message>
    <message>
        <source>take, decide, note, close or reopen a case</source>
        <translation>взять, решить, дополнить, закрыть или повторно открыть дело</translation>
    </message>
    <message>
        <source>write one case or one inspection as a PDF for the customs file</source>
        <translation>записать одно дело или одну проверку в PDF для таможенного дела</translation>
    </message>
    <message>
        <source>find past inspections by number, dates, verdict, officer</source>
        <translation>найти прошлые проверки по номеру, датам, вердикту, инспектору</translation>
    </message>
    <message>
        <source>verify or export the desk&apos;s audit trail</source>
        <translation>проверить или выгрузить журнал аудита</translation>
    </message>
    <message>
        <source>show or change the desk&apos;s settings</source>
        <translation>показать или изменить настройки рабочего места</translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli COMMAND [OPTIONS]</source>
        <translation>Использование: kpdesk-cli КОМАНДА [ПАРАМЕТРЫ]</translation>
    </message>
    <message>
        <source>KP Desk: verify Kimberley Process certificates at an import desk.</source>
        <translation>KP Desk: проверка сертификатов Кимберлийского процесса на рабочем месте ввоза.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Команды:</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>Параметры команды: «kpdesk-cli КОМАНДА --help».</translation>
    </message>
    <message>
        <source>Exit status of verify: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Код выхода verify: 0 принято, 1 сомнение, 2 отказ, 3 нечего проверять, 4 ошибка вызова или среды.</translation>
    </message>
    <message>
        <source>kpdesk-cli: unknown command &apos;%1&apos;.</source>
        <translation>kpdesk-cli: неизвестная команда «%1».</translation>
    </message>
    <message>
        <source>delivered %1 to %2</source>
        <translation>доставлено %1 в %2</translation>
    </message>
    <message>
        <source>handed over %1 in %2</source>
        <translation>передано %1 в %2</translation>
    </message>
    <message numerus="yes">
        <source>waiting; %Ln attempt(s), last: %1</source>
        <translation>
            <numerusform>ожидает; %Ln попытка, последняя: %1</numerusform>
            <numerusform>ожидает; %Ln попытки, последняя: %1</numerusform>
            <numerusform>ожидает; %Ln попыток, последняя: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) waiting.</source>
        <translation>
            <numerusform>Ожидает %Ln сообщение.</numerusform>
            <numerusform>Ожидают %Ln сообщения.</numerusform>
            <numerusform>Ожидают %Ln сообщений.</numerusform>
        </translation>
    </message>
    <message>
        <source>list: as JSON.</source>
        <translation>list: в JSON.</translation>
    </message>
    <message>
        <source>list (the default), export DIR, or send.</source>
        <translation>list (по умолчанию), export ПАПКА или send.</translation>
    </message>
    <message>
        <source>The desk&apos;s messages to its home authority: list them, copy the waiting ones to a folder (export DIR), or PUT them to the intake (send).
Exit status: 0 done (send: every message delivered), 1 some stay waiting (the reasons are printed), 4 usage or environment error.</source>
        <translation>Сообщения рабочего места головному органу: перечислить, скопировать ожидающие в папку (export ПАПКА) или отправить PUT на адрес приёма (send).
Код выхода: 0 готово (send: всё доставлено), 1 часть ожидает (причины выводятся), 4 ошибка вызова или среды.</translation>
    </message>
    <message>
        <source>outbox: give list, export DIR, or send.</source>
        <translation>outbox: укажите list, export ПАПКА или send.</translation>
    </message>
    <message>
        <source>outbox %1: %2</source>
        <translation>outbox %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) copied to the folder.</source>
        <translation>
            <numerusform>В папку скопировано %Ln сообщение.</numerusform>
            <numerusform>В папку скопировано %Ln сообщения.</numerusform>
            <numerusform>В папку скопировано %Ln сообщений.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) delivered.</source>
        <translation>
            <numerusform>Доставлено %Ln сообщение.</numerusform>
            <numerusform>Доставлено %Ln сообщения.</numerusform>
            <numerusform>Доставлено %Ln сообщений.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still waiting.</source>
        <translation>
            <numerusform>Ещё ожидает: %Ln.</numerusform>
            <numerusform>Ещё ожидают: %Ln.</numerusform>
            <numerusform>Ещё ожидают: %Ln.</numerusform>
        </translation>
    </message>
    <message>
        <source>The case to print.</source>
        <translation>Дело для печати.</translation>
    </message>
    <message>
        <source>CASE_ID</source>
        <translation>CASE_ID</translation>
    </message>
    <message>
        <source>The inspection to print.</source>
        <translation>Проверка для печати.</translation>
    </message>
    <message>
        <source>INSPECTION_ID</source>
        <translation>INSPECTION_ID</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>Файл PDF для записи.</translation>
    </message>
    <message>
        <source>Write one case (with its events, attachments and inspection) or one inspection as a PDF (A4).
Exit status: 0 written, 1 no such case or inspection, 4 usage or environment error (the desk cannot be read, the file cannot be written).</source>
        <translation>Записать одно дело (с событиями, вложениями и проверкой) или одну проверку в PDF (A4).
Код выхода: 0 записано, 1 нет такого дела или проверки, 4 ошибка вызова или среды (рабочее место не читается, файл не записывается).</translation>
    </message>
    <message>
        <source>print: give one of --case CASE_ID or --inspection INSPECTION_ID, and --out FILE.pdf.</source>
        <translation>print: укажите --case CASE_ID или --inspection INSPECTION_ID, и --out ФАЙЛ.pdf.</translation>
    </message>
    <message>
        <source>print: %1</source>
        <translation>print: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln page(s))</source>
        <translation>
            <numerusform>%1 (%Ln страница)</numerusform>
            <numerusform>%1 (%Ln страницы)</numerusform>
            <numerusform>%1 (%Ln страниц)</numerusform>
        </translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>Сигналы, сохранённые до ведения дел на рабочем месте, не удалось перенести: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln flag(s) kept before this desk had cases are now cases.</source>
        <translation>
            <numerusform>%Ln сигнал, сохранённый до ведения дел, теперь дело.</numerusform>
            <numerusform>%Ln сигнала, сохранённых до ведения дел, теперь дела.</numerusform>
            <numerusform>%Ln сигналов, сохранённых до ведения дел, теперь дела.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Пароль для %1: </translation>
    </message>
    <message>
        <source>%1: no password on standard input.</source>
        <translation>%1: нет пароля на стандартном вводе.</translation>
    </message>
    <message>
        <source>The barcode text or certificate number.</source>
        <translation>Текст штрихкода или номер сертификата.</translation>
    </message>
    <message>
        <source>The certificate number.</source>
        <translation>Номер сертификата.</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>НОМЕР</translation>
    </message>
    <message>
        <source>An image of the certificate&apos;s barcode.</source>
        <translation>Изображение штрихкода сертификата.</translation>
    </message>
    <message>
        <source>%1: give one of --text TEXT, --number NO or one IMAGE.</source>
        <translation>%1: укажите --text ТЕКСТ, --number НОМЕР или одно ИЗОБРАЖЕНИЕ.</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>%1: nothing to verify (empty text).</source>
        <translation>%1: нечего проверять (пустой текст).</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>Имя учётной записи.</translation>
    </message>
    <message>
        <source>officer, supervisor or administrator.</source>
        <translation>officer, supervisor или administrator.</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>РОЛЬ</translation>
    </message>
    <message>
        <source>add, list, disable or passwd.</source>
        <translation>add, list, disable или passwd.</translation>
    </message>
    <message>
        <source>users: give one of add, list, disable, passwd.</source>
        <translation>users: укажите add, list, disable или passwd.</translation>
    </message>
    <message>
        <source>users %1: --name NAME is needed.</source>
        <translation>users %1: нужен --name ИМЯ.</translation>
    </message>
    <message>
        <source>users disable: %1</source>
        <translation>users disable: %1</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>Учётная запись %1 отключена.</translation>
    </message>
    <message>
        <source>users add: --role is officer, supervisor or administrator.</source>
        <translation>users add: --role — officer, supervisor или administrator.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Новый пароль для %1: </translation>
    </message>
    <message>
        <source>users %1: no password on standard input.</source>
        <translation>users %1: нет пароля на стандартном вводе.</translation>
    </message>
    <message>
        <source>users add: %1</source>
        <translation>users add: %1</translation>
    </message>
    <message>
        <source>Account %1 (%2) added: %3</source>
        <translation>Учётная запись %1 (%2) добавлена: %3</translation>
    </message>
    <message>
        <source>users passwd: %1</source>
        <translation>users passwd: %1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Пароль %1 изменён.</translation>
    </message>
    <message>
        <source>%1: --user NAME is needed.</source>
        <translation>%1: нужен --user ИМЯ.</translation>
    </message>
    <message>
        <source>Inspection %1: %2 %3</source>
        <translation>Проверка %1: %2 %3</translation>
    </message>
    <message>
        <source>Who signs in (password on standard input).</source>
        <translation>Кто входит (пароль со стандартного ввода).</translation>
    </message>
    <message>
        <source>Parcels counted.</source>
        <translation>Насчитано мест.</translation>
    </message>
    <message>
        <source>Mass weighed, in carats.</source>
        <translation>Взвешенная масса в каратах.</translation>
    </message>
    <message>
        <source>CARATS</source>
        <translation>КАРАТЫ</translation>
    </message>
    <message>
        <source>The seals are intact.</source>
        <translation>Пломбы целы.</translation>
    </message>
    <message>
        <source>The importer matches the declaration.</source>
        <translation>Импортёр совпадает с декларацией.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and its physical check, and release the shipment when the role and the verdict allow it.
Exit status: 0 released, 1 not released (the reason is printed and recorded), 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Проверить сертификат, записать проверку и физический досмотр и выпустить груз, если роль и вердикт позволяют.
Код выхода: 0 выпущен, 1 не выпущен (причина выводится и записывается), 3 нечего проверять, 4 ошибка вызова или среды.</translation>
    </message>
    <message>
        <source>release: --parcels N and --mass CARATS are needed.</source>
        <translation>release: нужны --parcels N и --mass КАРАТЫ.</translation>
    </message>
    <message>
        <source>release: %1</source>
        <translation>release: %1</translation>
    </message>
    <message>
        <source>release: not released: %1</source>
        <translation>release: не выпущен: %1</translation>
    </message>
    <message>
        <source>RELEASED: %1 by %2</source>
        <translation>ВЫПУЩЕН: %1, %2</translation>
    </message>
    <message>
        <source>release: no import confirmation was made: %1</source>
        <translation>release: подтверждение ввоза не создано: %1</translation>
    </message>
    <message>
        <source>Import confirmation waiting in the outbox (kpdesk-cli outbox send).</source>
        <translation>Подтверждение ввоза ожидает в исходящих (kpdesk-cli outbox send).</translation>
    </message>
    <message>
        <source>A reason for doubt (repeatable).</source>
        <translation>Причина сомнения (можно повторять).</translation>
    </message>
    <message>
        <source>A note.</source>
        <translation>Заметка.</translation>
    </message>
    <message>
        <source>A file to attach (repeatable).</source>
        <translation>Файл для вложения (можно повторять).</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>Выпуск груза приостановлен.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and flag reasonable doubt: opens a case and prints its id.</source>
        <translation>Проверить сертификат, записать проверку и подать сигнал об обоснованном сомнении: открывает дело и выводит его id.</translation>
    </message>
    <message>
        <source>flag: --reason TEXT is needed.</source>
        <translation>flag: нужен --reason ТЕКСТ.</translation>
    </message>
    <message>
        <source>flag: %1</source>
        <translation>flag: %1</translation>
    </message>
    <message>
        <source>Only cases in this state.</source>
        <translation>Только дела в этом состоянии.</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>СОСТОЯНИЕ</translation>
    </message>
    <message>
        <source>List the desk&apos;s cases, held shipments first then oldest, with their events.</source>
        <translation>Перечислить дела рабочего места: сначала с приостановленным грузом, затем самые старые, с событиями.</translation>
    </message>
    <message>
        <source>cases: --state is open, in_review, decided, escalated or closed.</source>
        <translation>cases: --state — open, in_review, decided, escalated или closed.</translation>
    </message>
    <message>
        <source>HELD</source>
        <translation>ПРИОСТАНОВЛЕН</translation>
    </message>
    <message>
        <source>case escalate: the PDF of the case could not be made: %1</source>
        <translation>case escalate: не удалось создать PDF дела: %1</translation>
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
        <translation>проверки %1 по делу нет в записях.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Сегодня (%1): %2</translation>
    </message>
    <message>
        <source>The certificate number (case and spaces ignored).</source>
        <translation>Номер сертификата (регистр и пробелы не важны).</translation>
    </message>
    <message>
        <source>From this day on (local time).</source>
        <translation>С этого дня (местное время).</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>Up to this day, included (local time).</source>
        <translation>По этот день включительно (местное время).</translation>
    </message>
    <message>
        <source>The final verdict: accept, doubt or reject.</source>
        <translation>Итоговый вердикт: accept, doubt или reject.</translation>
    </message>
    <message>
        <source>VERDICT</source>
        <translation>ВЕРДИКТ</translation>
    </message>
    <message>
        <source>Who inspected (case ignored).</source>
        <translation>Кто проверял (регистр не важен).</translation>
    </message>
    <message>
        <source>The certificate&apos;s participant (two letters).</source>
        <translation>Участник сертификата (две буквы).</translation>
    </message>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>At most N inspections (default 500).</source>
        <translation>Не более N проверок (по умолчанию 500).</translation>
    </message>
    <message>
        <source>Find the desk&apos;s past inspections, newest first. When more than the limit match, says so: narrow the search.
Exit status: 0 searched (even when none matched), 4 usage error or the records could not be read.</source>
        <translation>Найти прошлые проверки рабочего места, новые сначала. Если совпадений больше лимита, сообщает об этом: сузьте поиск.
Код выхода: 0 поиск выполнен (даже без совпадений), 4 ошибка вызова или записи не читаются.</translation>
    </message>
    <message>
        <source>inspections: --%1 needs a date as YYYY-MM-DD.</source>
        <translation>inspections: --%1 требует дату ГГГГ-ММ-ДД.</translation>
    </message>
    <message>
        <source>inspections: --from is after --to.</source>
        <translation>inspections: --from позже --to.</translation>
    </message>
    <message>
        <source>inspections: --verdict is accept, doubt or reject.</source>
        <translation>inspections: --verdict — accept, doubt или reject.</translation>
    </message>
    <message>
        <source>inspections: --participant needs a two-letter code (e.g. BW).</source>
        <translation>inspections: --participant требует двухбуквенный код (напр. BW).</translation>
    </message>
    <message>
        <source>inspections: --limit needs a number of at least 1.</source>
        <translation>inspections: --limit требует число не меньше 1.</translation>
    </message>
    <message>
        <source>inspections: %1</source>
        <translation>inspections: %1</translation>
    </message>
    <message>
        <source>CASE</source>
        <translation>ДЕЛО</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Найдено больше %Ln проверки: сузьте поиск.</numerusform>
            <numerusform>Найдено больше %Ln проверок: сузьте поиск.</numerusform>
            <numerusform>Найдено больше %Ln проверок: сузьте поиск.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>Найдена %Ln проверка.</numerusform>
            <numerusform>Найдено %Ln проверки.</numerusform>
            <numerusform>Найдено %Ln проверок.</numerusform>
        </translation>
    </message>
    <message>
        <source>decide: released, detained, seized or refused.</source>
        <translation>decide: released, detained, seized или refused.</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>ИСХОД</translation>
    </message>
    <message>
        <source>The reason (decide, close, reopen).</source>
        <translation>Причина (decide, close, reopen).</translation>
    </message>
    <message>
        <source>The note&apos;s text.</source>
        <translation>Текст заметки.</translation>
    </message>
    <message>
        <source>note: a file to attach as evidence (repeatable).</source>
        <translation>note: файл для вложения как доказательство (можно повторять).</translation>
    </message>
    <message>
        <source>escalate: an addressee, a participant&apos;s code, KP-CHAIR or KP-WGM (repeatable; default: the issuer&apos;s and this desk&apos;s authorities, the KP Chair and the WGM).</source>
        <translation>escalate: адресат — код участника, KP-CHAIR или KP-WGM (можно повторять; по умолчанию: органы эмитента и этого рабочего места, Председатель КП и WGM).</translation>
    </message>
    <message>
        <source>TO</source>
        <translation>КОМУ</translation>
    </message>
    <message>
        <source>take, decide, note, escalate, close, reopen, or recheck (no --user: the inspection verified again against today&apos;s data, and what changed).</source>
        <translation>take, decide, note, escalate, close, reopen или recheck (без --user: повторная проверка по сегодняшним данным и что изменилось).</translation>
    </message>
    <message>
        <source>The case&apos;s id.</source>
        <translation>id дела.</translation>
    </message>
    <message>
        <source>Work a case as a signed-in person.
Exit status: 0 done, 1 refused (role, four eyes, the case&apos;s state, sign-in), 4 usage or environment error.</source>
        <translation>Работа с делом от имени вошедшего.
Код выхода: 0 готово, 1 отказано (роль, «четыре глаза», состояние дела, вход), 4 ошибка вызова или среды.</translation>
    </message>
    <message>
        <source>case: give --user NAME, one of take, decide, note, escalate, close, reopen, and the CASE_ID.</source>
        <translation>case: укажите --user ИМЯ, одно из take, decide, note, escalate, close, reopen и CASE_ID.</translation>
    </message>
    <message>
        <source>case decide: --outcome is released, detained, seized or refused.</source>
        <translation>case decide: --outcome — released, detained, seized или refused.</translation>
    </message>
    <message>
        <source>Escalated to %1; message %2 waiting in the outbox.</source>
        <translation>Передано %1; сообщение %2 ожидает в исходящих.</translation>
    </message>
    <message>
        <source>case note: %1</source>
        <translation>case note: %1</translation>
    </message>
    <message>
        <source>case note: give --text TEXT or --attach FILE.</source>
        <translation>case note: укажите --text ТЕКСТ или --attach ФАЙЛ.</translation>
    </message>
    <message>
        <source>case %1: %2</source>
        <translation>case %1: %2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>Дело %1: %2</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export: файл для записи.</translation>
    </message>
    <message>
        <source>verify or export.</source>
        <translation>verify или export.</translation>
    </message>
    <message>
        <source>verify: recompute the audit trail&apos;s hash chain (exit 0 and &apos;entries N head HEX&apos;, or 1 naming the first entry that does not hold).
export: write the trail as a CBOR sequence (RFC 8742) of the entries as hashed.</source>
        <translation>verify: пересчитать цепочку хешей журнала аудита (код 0 и «entries N head HEX» или 1 с первой нарушенной записью).
export: записать журнал как последовательность CBOR (RFC 8742) записей в хешированном виде.</translation>
    </message>
    <message>
        <source>audit: give &apos;verify&apos;, or &apos;export --out FILE&apos;.</source>
        <translation>audit: укажите «verify» или «export --out ФАЙЛ».</translation>
    </message>
    <message>
        <source>audit verify: %1</source>
        <translation>audit verify: %1</translation>
    </message>
    <message>
        <source>audit verify: the trail does not hold at entry %1: %2</source>
        <translation>audit verify: журнал нарушен на записи %1: %2</translation>
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
        <translation>audit export: не удаётся записать %1.</translation>
    </message>
    <message>
        <source>on: a supervisor may decide a case they flagged (the decision says so).</source>
        <translation>on: руководитель может решать дело, по которому сам подал сигнал (это указывается в решении).</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Lock an idle desk after N minutes.</source>
        <translation>Блокировать неактивное рабочее место через N минут.</translation>
    </message>
    <message>
        <source>What people call this desk.</source>
        <translation>Как называют это рабочее место.</translation>
    </message>
    <message>
        <source>The home authority&apos;s intake base URL (https) for the outbox; &apos;&apos; for none.</source>
        <translation>Базовый URL приёма (https) головного органа для исходящих; &apos;&apos; — нет.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A CA file (PEM) trusted for the intake server besides the system&apos;s.</source>
        <translation>Файл УЦ (PEM), которому доверять для сервера приёма, помимо системных.</translation>
    </message>
    <message>
        <source>HTTP proxy for the outbox as host:port, or &apos;none&apos;. Default: the system&apos;s.</source>
        <translation>HTTP-прокси для исходящих как узел:порт или «none». По умолчанию — системный.</translation>
    </message>
    <message>
        <source>settings: --one-person-post is on or off.</source>
        <translation>settings: --one-person-post — on или off.</translation>
    </message>
    <message>
        <source>settings: --idle-lock-minutes needs a number.</source>
        <translation>settings: --idle-lock-minutes требует число.</translation>
    </message>
    <message>
        <source>settings: %1</source>
        <translation>settings: %1</translation>
    </message>
    <message>
        <source>Rebuild a damaged desk cache: keep every readable record of the desk itself (configuration, presentations, inspections, flags, attachments), drop the authorities&apos; data to be fetched again by the next sync, and keep the damaged file beside it. Close the window first.</source>
        <translation>Пересобрать повреждённый кэш: сохранить все читаемые собственные записи рабочего места (настройки, предъявления, проверки, сигналы, вложения), удалить данные органов (их получит следующая синхронизация) и оставить повреждённый файл рядом. Сначала закройте окно.</translation>
    </message>
    <message>
        <source>repair: there is no desk cache at %1.</source>
        <translation>repair: по адресу %1 нет кэша рабочего места.</translation>
    </message>
    <message>
        <source>repair: %1</source>
        <translation>repair: %1</translation>
    </message>
    <message>
        <source>Repaired the desk cache %1.</source>
        <translation>Кэш рабочего места %1 восстановлен.</translation>
    </message>
    <message>
        <source>Kept (the desk&apos;s own records):</source>
        <translation>Сохранено (собственные записи рабочего места):</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln строка</numerusform>
            <numerusform>%Ln строки</numerusform>
            <numerusform>%Ln строк</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost (could not be read from the damaged file):</source>
        <translation>Потеряно (не читается из повреждённого файла):</translation>
    </message>
    <message>
        <source>some rows (how many is unknown)</source>
        <translation>несколько строк (сколько — неизвестно)</translation>
    </message>
    <message>
        <source>Lost: nothing of the desk&apos;s own records.</source>
        <translation>Потеряно: ничего из собственных записей рабочего места.</translation>
    </message>
    <message>
        <source>Dropped: the authorities&apos; data (participants, CAs, signers, registry, revocations, rules, contacts); the desk is at seq 0.</source>
        <translation>Удалено: данные органов (участники, УЦ, подписанты, реестр, отзывы, правила, контакты); рабочее место на № 0.</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>Повреждённый файл сохранён как %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again: kpdesk-cli sync --db %1</source>
        <translation>Синхронизируйте сейчас, чтобы заново получить данные органа: kpdesk-cli sync --db %1</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>ПРОЙДЕНО</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>ВНИМАНИЕ</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>НЕ ПРОЙДЕНО</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <source>ACCEPT: every check passed; release unless the physical check finds otherwise.</source>
        <translation>ПРИНЯТО: все проверки пройдены; выпустить, если физический досмотр не покажет иного.</translation>
    </message>
    <message>
        <source>DOUBT: examine the shipment, then release or flag reasonable doubt.</source>
        <translation>СОМНЕНИЕ: осмотрите груз, затем выпустите или подайте сигнал об обоснованном сомнении.</translation>
    </message>
    <message>
        <source>REJECT: not authentic or not acceptable; hold the shipment.</source>
        <translation>ОТКАЗ: не подлинный или неприемлемый; приостановите выпуск груза.</translation>
    </message>
    <message>
        <source>Certificate %1 (%2), inspected for %3 on %4</source>
        <translation>Сертификат %1 (%2), проверка для %3, %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>  Issued by %1 (%2) on %3, expires %4</source>
        <translation>  Выдан: %1 (%2) %3, действителен до %4</translation>
    </message>
    <message>
        <source>  Exporter: %1, %2</source>
        <translation>  Экспортёр: %1, %2</translation>
    </message>
    <message>
        <source>  Importer: %1, %2</source>
        <translation>  Импортёр: %1, %2</translation>
    </message>
    <message>
        <source>  Origin: %1; parcels: %2; carats: %3; US$ %4</source>
        <translation>  Происхождение: %1; мест: %2; карат: %3; %4 долл. США</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>смешанное</translation>
    </message>
    <message>
        <source>Validation date (default: today).</source>
        <translation>Дата проверки (по умолчанию: сегодня).</translation>
    </message>
    <message>
        <source>Count this as a presentation at this desk.</source>
        <translation>Учесть как предъявление на этом рабочем месте.</translation>
    </message>
    <message>
        <source>Verify this barcode text or certificate number.</source>
        <translation>Проверить этот текст штрихкода или номер сертификата.</translation>
    </message>
    <message>
        <source>verify: give either --text TEXT or one IMAGE.</source>
        <translation>verify: укажите либо --text ТЕКСТ, либо одно ИЗОБРАЖЕНИЕ.</translation>
    </message>
    <message>
        <source>verify: --at needs a date as YYYY-MM-DD.</source>
        <translation>verify: --at требует дату ГГГГ-ММ-ДД.</translation>
    </message>
    <message>
        <source>verify: %1 is not an initialised desk (run &apos;kpdesk-cli init&apos;).</source>
        <translation>verify: %1 — не инициализированное рабочее место (запустите «kpdesk-cli init»).</translation>
    </message>
    <message>
        <source>verify: %1: %2</source>
        <translation>verify: %1: %2</translation>
    </message>
    <message>
        <source>verify: nothing to verify (empty text).</source>
        <translation>verify: нечего проверять (пустой текст).</translation>
    </message>
    <message>
        <source>verify: the desk&apos;s data could not be read: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>verify: данные рабочего места не читаются: запустите «kpdesk-cli repair --db %1», затем синхронизируйте.</translation>
    </message>
    <message>
        <source>verify: the presentation was not recorded: %1</source>
        <translation>verify: предъявление не записано: %1</translation>
    </message>
    <message>
        <source>Image files (PNG, JPEG, TIFF, BMP).</source>
        <translation>Файлы изображений (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>List every barcode found in each image: symbology and text, whatever it holds.</source>
        <translation>Перечислить все штрихкоды на каждом изображении: символику и текст, что бы в них ни было.</translation>
    </message>
    <message>
        <source>decode: name at least one IMAGE.</source>
        <translation>decode: укажите хотя бы одно ИЗОБРАЖЕНИЕ.</translation>
    </message>
    <message>
        <source>no barcode found</source>
        <translation>штрихкод не найден</translation>
    </message>
    <message>
        <source>Create a desk cache for a participant and pin its home authority&apos;s bundle keys.</source>
        <translation>Создать кэш рабочего места для участника и закрепить ключи пакетов его головного органа.</translation>
    </message>
    <message>
        <source>link the desk to its office&apos;s database and replicate with it</source>
        <translation>связать рабочее место с базой данных офиса и реплицировать с ней</translation>
    </message>
    <message>
        <source>create or migrate the office&apos;s database schema</source>
        <translation>создать или обновить схему базы данных офиса</translation>
    </message>
    <message>
        <source>office: %1</source>
        <translation>office: %1</translation>
    </message>
    <message>
        <source>This desk replicates with %1.</source>
        <translation>Рабочее место реплицируется с %1.</translation>
    </message>
    <message>
        <source>Its password is kept in %1, readable by this account only.</source>
        <translation>Пароль офиса хранится в %1 и доступен только этой учётной записи.</translation>
    </message>
    <message>
        <source>No office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>Офис не задан (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>Офис: %1</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Подключено.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Не подключено: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln запись ждёт отправки.</numerusform>
            <numerusform>%Ln записи ждут отправки.</numerusform>
            <numerusform>%Ln записей ждут отправки.</numerusform>
        </translation>
    </message>
    <message>
        <source>office --sync: %1</source>
        <translation>office --sync: %1</translation>
    </message>
    <message>
        <source>office --sync: no office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>office --sync: офис не задан (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) went up;</source>
        <translation>
            <numerusform>Отправлена %Ln запись;</numerusform>
            <numerusform>Отправлены %Ln записи;</numerusform>
            <numerusform>Отправлено %Ln записей;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) of other desks</source>
        <translation>
            <numerusform>получено %Ln дело других рабочих мест</numerusform>
            <numerusform>получено %Ln дела других рабочих мест</numerusform>
            <numerusform>получено %Ln дел других рабочих мест</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln event(s) made elsewhere came down.</source>
        <translation>
            <numerusform>и %Ln событие, созданное в другом месте.</numerusform>
            <numerusform>и %Ln события, созданных в других местах.</numerusform>
            <numerusform>и %Ln событий, созданных в других местах.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replicate with this office: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</source>
        <translation>Реплицировать с этим офисом: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</translation>
    </message>
    <message>
        <source>Say whether the office answers and what waits.</source>
        <translation>Сообщить, отвечает ли офис и что ожидает отправки.</translation>
    </message>
    <message>
        <source>Push and pull once; 0 only when the office holds everything this desk made.</source>
        <translation>Отправить и получить один раз; код 0 — только если офис хранит всё, что создало это рабочее место.</translation>
    </message>
    <message>
        <source>With --sync: send everything this desk made again (an office restored from an older backup).</source>
        <translation>С --sync: заново отправить всё, что создало это рабочее место (офис восстановлен из старой резервной копии).</translation>
    </message>
    <message>
        <source>Link the desk to its office&apos;s database, and replicate with it.</source>
        <translation>Связать рабочее место с базой данных офиса и реплицировать с ней.</translation>
    </message>
    <message>
        <source>office: give one of --set, --status or --sync.</source>
        <translation>office: укажите одно из --set, --status или --sync.</translation>
    </message>
    <message>
        <source>postgresql://OWNER@HOST[:PORT]/DATABASE</source>
        <translation>postgresql://OWNER@HOST[:PORT]/DATABASE</translation>
    </message>
    <message>
        <source>Create or migrate the office&apos;s schema (as the database&apos;s owner; the password from PGPASSWORD or ~/.pgpass rather than the URL).</source>
        <translation>Создать или обновить схему офиса (от имени владельца базы данных; пароль — из PGPASSWORD или ~/.pgpass, а не из URL).</translation>
    </message>
    <message>
        <source>office-init: give the office&apos;s URL.</source>
        <translation>office-init: укажите URL офиса.</translation>
    </message>
    <message>
        <source>office-init: %1</source>
        <translation>office-init: %1</translation>
    </message>
    <message>
        <source>The office %1 is at schema %2.</source>
        <translation>Офис %1: схема %2.</translation>
    </message>
    <message>
        <source>Verify a certificate and print the verdict with every check.
Exit status: 0 accept, 1 doubt, 2 reject, 3 nothing to verify (no barcode, not a certificate), 4 usage or environment error.</source>
        <translation>Проверить сертификат и вывести вердикт со всеми проверками.
Код выхода: 0 принято, 1 сомнение, 2 отказ, 3 нечего проверять (нет штрихкода, не сертификат), 4 ошибка вызова или среды.</translation>
    </message>
    <message>
        <source>verify: %1</source>
        <translation>verify: %1</translation>
    </message>
    <message>
        <source>MISMATCH at entry %1: message %2 (n=%3) reported %4, the trail has %5 (rewritten)</source>
        <translation>РАСХОЖДЕНИЕ в записи %1: сообщение %2 (n=%3) сообщило %4, в журнале — %5 (переписан)</translation>
    </message>
    <message>
        <source>MISSING entry %1: message %2 (n=%3) reported %4, the trail ends at entry %5 (entries removed, or the trail went back)</source>
        <translation>ОТСУТСТВУЕТ запись %1: сообщение %2 (n=%3) сообщило %4, журнал кончается записью %5 (записи удалены или журнал откатился назад)</translation>
    </message>
    <message>
        <source>The desk whose trail it is (e.g. EU-ANR-03).</source>
        <translation>Рабочее место, чей это журнал (напр. EU-ANR-03).</translation>
    </message>
    <message>
        <source>The desk&apos;s trail, as written by &apos;kpdesk-cli audit export&apos;.</source>
        <translation>Журнал рабочего места, записанный командой «kpdesk-cli audit export».</translation>
    </message>
    <message>
        <source>Check a desk&apos;s exported audit trail against every head (entry count and hash) the ledger received from that desk.</source>
        <translation>Сверить экспортированный журнал аудита рабочего места со всеми вершинами (число записей и хеш), полученными реестром от этого рабочего места.</translation>
    </message>
    <message>
        <source>--ledger FILE, --desk ID and one TRAIL file are needed.</source>
        <translation>нужны --ledger ФАЙЛ, --desk ID и один файл TRAIL.</translation>
    </message>
    <message>
        <source>%1 is not a message ledger file.</source>
        <translation>%1 — не файл реестра сообщений.</translation>
    </message>
    <message>
        <source>The ledger holds no head from desk %1: there is nothing to check the trail against.</source>
        <translation>В реестре нет ни одной вершины от рабочего места %1: журнал не с чем сверить.</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>не файл</translation>
    </message>
    <message>
        <source>The trail itself does not hold: %1</source>
        <translation>Сам журнал нарушен: %1</translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: the trail (%2 entries, head %3) holds every one of the %Ln head(s) received.</source>
        <translation>
            <numerusform>Рабочее место %1: журнал (записей: %2, вершина %3) содержит каждую из %Ln полученной вершины.</numerusform>
            <numerusform>Рабочее место %1: журнал (записей: %2, вершина %3) содержит каждую из %Ln полученных вершин.</numerusform>
            <numerusform>Рабочее место %1: журнал (записей: %2, вершина %3) содержит каждую из %Ln полученных вершин.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: %2 of the %Ln head(s) received are not in the trail (%3 entries).</source>
        <translation>
            <numerusform>Рабочее место %1: %2 из %Ln полученной вершины нет в журнале (записей: %3).</numerusform>
            <numerusform>Рабочее место %1: %2 из %Ln полученных вершин нет в журнале (записей: %3).</numerusform>
            <numerusform>Рабочее место %1: %2 из %Ln полученных вершин нет в журнале (записей: %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>check a desk&apos;s exported audit trail against every head the ledger received</source>
        <translation>сверить экспортированный журнал аудита рабочего места со всеми вершинами, полученными реестром</translation>
    </message>
    <message>
        <source>Seconds the whole sync from one source may take, however slowly data still comes, before it is given up (default 3600; 0: no limit).</source>
        <translation>Секунд на всю синхронизацию из одного источника, как бы медленно ни поступали данные, до её прерывания (по умолчанию 3600; 0: без ограничения).</translation>
    </message>
    <message>
        <source>sync: --deadline needs a number of seconds.</source>
        <translation>sync: --deadline требует число секунд.</translation>
    </message>
    <message>
        <source>audit trail went back? desk %1, message %2 (n=%3) gives fewer audit entries than message %4, made before it (restored from a backup, or entries removed)</source>
        <translation>журнал аудита откатился назад? рабочее место %1: сообщение %2 (n=%3) даёт меньше записей аудита, чем сообщение %4, созданное раньше (восстановлен из резервной копии или записи удалены)</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder (required): its list of enrolled and revoked desks is checked for every message (a desk it did not enrol, or revoked, is refused), and its home authority CA issues desk certificates.</source>
        <translation>Папка PKI органа (обязательно): по её списку зарегистрированных и отозванных рабочих мест проверяется каждое сообщение (рабочее место, которое орган не регистрировал или отозвал, отклоняется), а УЦ головного органа из неё выдаёт сертификаты рабочих мест.</translation>
    </message>
    <message>
        <source>Another authority CA certificate (PEM) that issues desk certificates, besides the PKI&apos;s (a CA rollover). Repeatable.</source>
        <translation>Ещё один сертификат УЦ органа (PEM), выдающего сертификаты рабочих мест, помимо сертификата из PKI (смена УЦ). Можно повторять.</translation>
    </message>
    <message>
        <source>More revoked desks, besides the PKI&apos;s list: one desk certificate SHA-256 (hex) or desk id per line.</source>
        <translation>Дополнительные отозванные рабочие места помимо списка PKI: по одному SHA-256 сертификата рабочего места (hex) или идентификатору рабочего места на строку.</translation>
    </message>
    <message>
        <source>--pki DIR is required: the authority&apos;s list of enrolled and revoked desks is checked for every message.</source>
        <translation>нужен --pki ПАПКА: каждое сообщение проверяется по списку зарегистрированных и отозванных рабочих мест органа.</translation>
    </message>
    <message>
        <source>--pki DIR, --ledger FILE and one INTAKE_DIR are needed.</source>
        <translation>нужны --pki ПАПКА, --ledger ФАЙЛ и одна папка INTAKE_DIR.</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 (issuers/%1/ca-cert.pem) and no --ca was given.</source>
        <translation>В PKI нет УЦ органа головного участника %1 (issuers/%1/ca-cert.pem), и --ca не указан.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside (not applied).</source>
        <translation>
            <numerusform>%Ln строка офиса не прошла проверки и отложена (не применена).</numerusform>
            <numerusform>%Ln строки офиса не прошли проверки и отложены (не применены).</numerusform>
            <numerusform>%Ln строк офиса не прошли проверки и отложены (не применены).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail: another role wrote there.</source>
        <translation>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln месте журнала этого рабочего места: туда писала другая роль.</numerusform>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln местах журнала этого рабочего места: туда писала другая роль.</numerusform>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln местах журнала этого рабочего места: туда писала другая роль.</numerusform>
        </translation>
    </message>
    <message>
        <source>Manage the desk&apos;s accounts. add, disable and passwd sign in as the administrator --user ADMIN (or, for passwd, as the account&apos;s owner); passwords are read from standard input when it is not a terminal, one line each: the signing-in password first, then the new one. Only the desk&apos;s first account, an administrator, is added without --user. A password set by someone else must be changed by its owner (users passwd --user NAME --name NAME) before the account does anything else.</source>
        <translation>Управлять учётными записями рабочего места. add, disable и passwd выполняют вход как администратор --user АДМИНИСТРАТОР (или, для passwd, как владелец учётной записи); пароли читаются со стандартного ввода, если это не терминал, по одному в строке: сначала пароль для входа, затем новый. Без --user добавляется только первая учётная запись рабочего места — администратор. Пароль, заданный другим пользователем, владелец должен сменить (users passwd --user ИМЯ --name ИМЯ), прежде чем учётная запись сможет делать что-либо ещё.</translation>
    </message>
    <message>
        <source>users %1: --user ADMIN is needed (their password first on standard input).</source>
        <translation>users %1: нужен --user АДМИНИСТРАТОР (его пароль — первым на стандартном вводе).</translation>
    </message>
    <message>
        <source>users add: the desk&apos;s first account is an administrator; then that administrator adds the others with --user.</source>
        <translation>users add: первая учётная запись рабочего места — администратор; затем этот администратор добавляет остальные с --user.</translation>
    </message>
    <message>
        <source>Show or change the desk&apos;s settings. A change is an administrator&apos;s: --user ADMIN signs in (password on standard input); it goes to the trail.</source>
        <translation>Показать или изменить настройки рабочего места. Изменения вносит администратор: вход через --user АДМИНИСТРАТОР (пароль со стандартного ввода); изменение записывается в журнал.</translation>
    </message>
    <message>
        <source>settings: --user ADMIN is needed to change a setting (their password on standard input).</source>
        <translation>settings: для изменения настройки нужен --user АДМИНИСТРАТОР (его пароль — на стандартном вводе).</translation>
    </message>
    <message>
        <source>When the damaged desk&apos;s last sync number cannot be read: the number of the authority&apos;s newest bundle, which the desk must reach again before it accepts anything (0: the desk was never synced).</source>
        <translation>Если последний номер синхронизации повреждённого рабочего места не читается: номер новейшего пакета органа, до которого рабочее место должно снова дойти, прежде чем что-либо принимать (0: рабочее место ни разу не синхронизировалось).</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>НОМЕР</translation>
    </message>
    <message>
        <source>repair: --min-seq takes a bundle number (0 or more), not &apos;%1&apos;.</source>
        <translation>repair: --min-seq принимает номер пакета (0 или больше), а не «%1».</translation>
    </message>
    <message>
        <source>The administrator who makes the change (password on standard input); needed once the desk has accounts.</source>
        <translation>Администратор, вносящий изменение (пароль со стандартного ввода); нужен, если на рабочем месте есть учётные записи.</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>АДМИНИСТРАТОР</translation>
    </message>
    <message>
        <source>%1: this desk has accounts: an administrator makes this change with --user ADMIN (their password on standard input).</source>
        <translation>%1: на рабочем месте есть учётные записи: это изменение вносит администратор с --user АДМИНИСТРАТОР (его пароль — на стандартном вводе).</translation>
    </message>
    <message>
        <source>%1&apos;s password was set by someone else: they change it first (kpdesk-cli users passwd --user %1 --name %1).</source>
        <translation>Пароль %1 задан другим пользователем: сначала %1 должен сменить его (kpdesk-cli users passwd --user %1 --name %1).</translation>
    </message>
    <message>
        <source>CORRECTED</source>
        <translation>ИСПРАВЛЕНО</translation>
    </message>
    <message>
        <source>Include the list of desks (enrolled and revoked desk certificates) of the PKI: desks refuse office events a revoked desk signed.</source>
        <translation>Включить список рабочих мест PKI (зарегистрированные и отозванные сертификаты рабочих мест): рабочие места отклоняют события офиса, подписанные отозванным рабочим местом.</translation>
    </message>
    <message>
        <source>The authority revoked this desk&apos;s certificate on %1: enrol the desk again.</source>
        <translation>Орган отозвал сертификат этого рабочего места %1: зарегистрируйте рабочее место заново.</translation>
    </message>
    <message>
        <source>%1: images are read by kpdesk-cli-full, not by this program.</source>
        <translation>%1: изображения читает kpdesk-cli-full, а не эта программа.</translation>
    </message>
    <message>
        <source>kpdesk-cli: %1 could not be started: %2</source>
        <translation>kpdesk-cli: не удалось запустить %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::AboutDialog</name>
    <message>
        <source>Proprietary: all rights reserved by the KP Desk maintainers.</source>
        <translation>Проприетарная лицензия: все права принадлежат сопровождающим KP Desk.</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>Лицензия: %1</translation>
    </message>
    <message>
        <source>About KP Desk</source>
        <translation>О программе KP Desk</translation>
    </message>
    <message>
        <source>KP Desk %1</source>
        <translation>KP Desk %1</translation>
    </message>
    <message>
        <source>DEMO desk: its certificates, keys and accounts are made up; no verdict here is about a real shipment.</source>
        <translation>ДЕМО-рабочее место: его сертификаты, ключи и учётные записи вымышлены; ни один вердикт здесь не относится к реальному грузу.</translation>
    </message>
    <message>
        <source>Verifies Kimberley Process certificates at an import desk.</source>
        <translation>Проверяет сертификаты Кимберлийского процесса на рабочем месте ввоза.</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>Используются:</translation>
    </message>
    <message>
        <source>Qt %1 (running %2), LGPL-3.0</source>
        <translation>Qt %1 (используется %2), LGPL-3.0</translation>
    </message>
    <message>
        <source>%1, Apache-2.0</source>
        <translation>%1, Apache-2.0</translation>
    </message>
</context>
<context>
    <name>kp::ui::AuditTrailDialog</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;С</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <source>&amp;Trail</source>
        <translation>&amp;Журнал</translation>
    </message>
    <message>
        <source>&amp;Verify the trail</source>
        <translation>&amp;Проверить журнал</translation>
    </message>
    <message>
        <source>&amp;Export for an auditor...</source>
        <translation>&amp;Экспорт для аудитора...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>From the day</source>
        <translation>Начальная дата</translation>
    </message>
    <message>
        <source>To the day</source>
        <translation>Конечная дата</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Номер сертификата</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <source>Trail entries</source>
        <translation>Записи журнала</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>&amp;Кто:</translation>
    </message>
    <message>
        <source>Wh&amp;at:</source>
        <translation>&amp;Что:</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>п&amp;о</translation>
    </message>
    <message>
        <source>Ce&amp;rtificate:</source>
        <translation>С&amp;ертификат:</translation>
    </message>
    <message>
        <source>Ca&amp;se:</source>
        <translation>&amp;Дело:</translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation>Не удалось прочитать журнал: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: the chain holds through its %Ln entry(ies).</source>
        <translation>
            <numerusform>Проверено: цепочка цела по всей длине — %Ln запись.</numerusform>
            <numerusform>Проверено: цепочка цела по всей длине — %Ln записи.</numerusform>
            <numerusform>Проверено: цепочка цела по всей длине — %Ln записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>BROKEN: the trail does not hold at entry %1: %2. Entries from there on are not verified.</source>
        <translation>НАРУШЕН: целостность журнала нарушена на записи %1: %2. Записи начиная с неё не проверены.</translation>
    </message>
    <message numerus="yes">
        <source>Head: %1 (after %Ln entry(ies), all holding)</source>
        <translation>
            <numerusform>Вершина: %1 (после %Ln целой записи)</numerusform>
            <numerusform>Вершина: %1 (после %Ln целых записей)</numerusform>
            <numerusform>Вершина: %1 (после %Ln целых записей)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last received by the home authority: the head after %Ln entry(ies), %1, on %2.</source>
        <translation>
            <numerusform>Последней головной орган получил вершину после %Ln записи: %1, %2.</numerusform>
            <numerusform>Последней головной орган получил вершину после %Ln записей: %1, %2.</numerusform>
            <numerusform>Последней головной орган получил вершину после %Ln записей: %1, %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The home authority has not received a head of this trail yet.</source>
        <translation>Головной орган ещё не получал вершину этого журнала.</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Кто угодно</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>Что угодно</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(ies) in the trail, %1 shown</source>
        <translation>
            <numerusform>%Ln запись в журнале, показано: %1</numerusform>
            <numerusform>%Ln записи в журнале, показано: %1</numerusform>
            <numerusform>%Ln записей в журнале, показано: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Экспорт журнала аудита</translation>
    </message>
    <message>
        <source>CBOR sequence (*.cbor)</source>
        <translation>Последовательность CBOR (*.cbor)</translation>
    </message>
    <message>
        <source>The export could not be written: %1: %2</source>
        <translation>Не удалось записать экспорт: %1: %2</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Ничего не экспортировано: %1</translation>
    </message>
    <message>
        <source>The export could not be written to %1.</source>
        <translation>Не удалось записать экспорт в %1.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(ies) to %1; head %2.</source>
        <translation>
            <numerusform>Экспортирована %Ln запись в %1; вершина %2.</numerusform>
            <numerusform>Экспортированы %Ln записи в %1; вершина %2.</numerusform>
            <numerusform>Экспортировано %Ln записей в %1; вершина %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CameraPanel</name>
    <message>
        <source>Start camera</source>
        <translation>Включить камеру</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Камера</translation>
    </message>
    <message>
        <source>No camera is available.</source>
        <translation>Камера недоступна.</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>Выключить камеру</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseDialog</name>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Взять</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;Решить</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>&amp;Добавить заметку</translation>
    </message>
    <message>
        <source>C&amp;lose the case</source>
        <translation>&amp;Закрыть дело</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Открыть &amp;снова</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>Проверить &amp;ещё раз</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>&amp;Печать...</translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation>Сохранить в &amp;PDF...</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>required for a decision, a close, a reopening or a note</source>
        <translation>нужно для решения, закрытия, повторного открытия или заметки</translation>
    </message>
    <message>
        <source>What changed since the inspection</source>
        <translation>Что изменилось после проверки</translation>
    </message>
    <message>
        <source>Verified again today</source>
        <translation>Повторно проверено сегодня</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;Исход:</translation>
    </message>
    <message>
        <source>&amp;Reason or note:</source>
        <translation>При&amp;чина или заметка:</translation>
    </message>
    <message>
        <source>&amp;Escalate...</source>
        <translation>Передать в&amp;ыше...</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <source>case-%1</source>
        <translation>дело-%1</translation>
    </message>
    <message>
        <source>Verifying again is not available here.</source>
        <translation>Повторная проверка здесь недоступна.</translation>
    </message>
    <message>
        <source>The inspection cannot be read: %1</source>
        <translation>Проверку не удаётся прочитать: %1</translation>
    </message>
    <message>
        <source>There is no inspection to verify again.</source>
        <translation>Нет проверки для повтора.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Сегодня (%1): %2</translation>
    </message>
    <message>
        <source>The case cannot be read: %1</source>
        <translation>Дело не удаётся прочитать: %1</translation>
    </message>
    <message>
        <source>Case of certificate %1, flagged by %2 on %3.</source>
        <translation>Дело по сертификату %1; сигнал подал %2, %3.</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(без номера)</translation>
    </message>
    <message>
        <source>State: %1.</source>
        <translation>Состояние: %1.</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>Выпуск груза приостановлен.</translation>
    </message>
    <message>
        <source>Reviewer: %1.</source>
        <translation>Рассматривает: %1.</translation>
    </message>
    <message>
        <source>Outcome: %1.</source>
        <translation>Исход: %1.</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>Причины: %1</translation>
    </message>
    <message>
        <source>Case of %1</source>
        <translation>Дело %1</translation>
    </message>
    <message>
        <source>shipment held</source>
        <translation>выпуск приостановлен</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Решение: %1</translation>
    </message>
    <message>
        <source>one-person post: decided by who flagged it</source>
        <translation>пост из одного человека: решил подавший сигнал</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Передано выше</translation>
    </message>
    <message numerus="yes">
        <source>file %1 (%Ln byte(s))</source>
        <translation>
            <numerusform>файл %1 (%Ln байт)</numerusform>
            <numerusform>файл %1 (%Ln байта)</numerusform>
            <numerusform>файл %1 (%Ln байт)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Не выполнено: %1</translation>
    </message>
    <message>
        <source>You have taken the case for review.</source>
        <translation>Вы взяли дело на рассмотрение.</translation>
    </message>
    <message>
        <source>Write the reason for the decision first.</source>
        <translation>Сначала укажите причину решения.</translation>
    </message>
    <message>
        <source>Decided: %1.</source>
        <translation>Решено: %1.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Сначала напишите заметку.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Заметка добавлена.</translation>
    </message>
    <message>
        <source>Write why the case is closed first.</source>
        <translation>Сначала укажите, почему дело закрывается.</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>Дело закрыто.</translation>
    </message>
    <message>
        <source>Write why the case is reopened first.</source>
        <translation>Сначала укажите, почему дело открывается снова.</translation>
    </message>
    <message>
        <source>The case is reopened.</source>
        <translation>Дело открыто повторно.</translation>
    </message>
    <message>
        <source>Escalated to %1: the message waits in the outbox.</source>
        <translation>Передано %1: сообщение ожидает в исходящих.</translation>
    </message>
    <message>
        <source>Opened at desk %1.</source>
        <translation>Открыто на рабочем месте %1.</translation>
    </message>
    <message>
        <source>one-person post: taken by who flagged it</source>
        <translation>пост из одного человека: взял подавший сигнал</translation>
    </message>
    <message>
        <source>The inspection cannot be read</source>
        <translation>Проверку не удаётся прочитать</translation>
    </message>
    <message>
        <source>The inspection is not on this desk.</source>
        <translation>Проверки нет на этом рабочем месте.</translation>
    </message>
    <message>
        <source>The inspection was made at desk %1</source>
        <translation>Проверка проведена на рабочем месте %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>As the flagging desk signed it: verdict %1 (after the physical check %2), inspected by %3 on %4. %5</source>
        <translation>Как подписало рабочее место, подавшее сигнал: вердикт %1 (после физического досмотра — %2), проверил %3, %4. %5</translation>
    </message>
    <message>
        <source>This desk holds the case&apos;s events and files; the checks, the certificate and the physical check are at the desk that made the inspection.</source>
        <translation>На этом рабочем месте хранятся события и файлы дела; проверки, сертификат и физический досмотр — на рабочем месте, где проводилась проверка.</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseEvidenceView</name>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Физический досмотр</translation>
    </message>
    <message>
        <source>The officer&apos;s notes and files</source>
        <translation>Заметки и файлы инспектора</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>Физический досмотр не записан.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(не проверено)</translation>
    </message>
    <message>
        <source>Customs declaration: %1</source>
        <translation>Таможенная декларация: %1</translation>
    </message>
    <message>
        <source>%1 (certificate: %2)</source>
        <translation>%1 (в сертификате: %2)</translation>
    </message>
    <message>
        <source>Parcels counted: %1</source>
        <translation>Насчитано мест: %1</translation>
    </message>
    <message>
        <source>%1 ct</source>
        <translation>%1 кар.</translation>
    </message>
    <message>
        <source>%1 (certificate: %2 ct, give or take %3 ct)</source>
        <translation>%1 (в сертификате: %2 кар., допуск %3 кар.)</translation>
    </message>
    <message>
        <source>Mass weighed: %1</source>
        <translation>Взвешенная масса: %1</translation>
    </message>
    <message>
        <source>Seals intact: %1</source>
        <translation>Пломбы целы: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Seal numbers read: %1</source>
        <translation>Считанные номера пломб: %1</translation>
    </message>
    <message>
        <source>Importer matches the declaration: %1</source>
        <translation>Импортёр совпадает с декларацией: %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln byte(s))</source>
        <translation>
            <numerusform>%1 (%Ln байт)</numerusform>
            <numerusform>%1 (%Ln байта)</numerusform>
            <numerusform>%1 (%Ln байт)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, from %2 (%3)</source>
        <translation>%1, от %2 (%3)</translation>
    </message>
    <message>
        <source>No notes were written with the flag.</source>
        <translation>К сигналу не написано заметок.</translation>
    </message>
    <message>
        <source>Other files: %1</source>
        <translation>Другие файлы: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueue</name>
    <message>
        <source>All states</source>
        <translation>Все состояния</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>напр. BW</translation>
    </message>
    <message>
        <source>words in a reason</source>
        <translation>слова из причины</translation>
    </message>
    <message>
        <source>who flagged</source>
        <translation>кто подал сигнал</translation>
    </message>
    <message>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Состояние:</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Участник:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>При&amp;чина:</translation>
    </message>
    <message>
        <source>O&amp;fficer:</source>
        <translation>&amp;Инспектор:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;От:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>&amp;До:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The cases cannot be read: %1</source>
        <translation>Дела не удаётся прочитать: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) listed.</source>
        <translation>
            <numerusform>В списке %Ln дело.</numerusform>
            <numerusform>В списке %Ln дела.</numerusform>
            <numerusform>В списке %Ln дел.</numerusform>
        </translation>
    </message>
    <message>
        <source>Office: connected; every desk&apos;s cases are listed.</source>
        <translation>Офис: подключён; показаны дела всех рабочих мест.</translation>
    </message>
    <message>
        <source>Office unreachable: listing this desk&apos;s data and what came before. %1</source>
        <translation>Офис недоступен: показаны данные этого рабочего места и полученные ранее. %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln запись ждёт отправки.</numerusform>
            <numerusform>%Ln записи ждут отправки.</numerusform>
            <numerusform>%Ln записей ждут отправки.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside.</source>
        <translation>
            <numerusform>%Ln строка офиса не прошла проверки и отложена.</numerusform>
            <numerusform>%Ln строки офиса не прошли проверки и отложены.</numerusform>
            <numerusform>%Ln строк офиса не прошли проверки и отложены.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln месте журнала этого рабочего места.</numerusform>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln местах журнала этого рабочего места.</numerusform>
            <numerusform>ТРЕВОГА: в офисе хранятся другие записи на %Ln местах журнала этого рабочего места.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueueModel</name>
    <message>
        <source>HELD</source>
        <translation>ПРИОСТАНОВЛЕН</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Приостановлен</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Сигнал подал</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Причины</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>это рабочее место</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Рабочее место</translation>
    </message>
</context>
<context>
    <name>kp::ui::CorrectionDialog</name>
    <message>
        <source>Correct the physical check of %1</source>
        <translation>Исправить физический досмотр по сертификату %1</translation>
    </message>
    <message>
        <source>Record a correction to this inspection?</source>
        <translation>Записать исправление к этой проверке?</translation>
    </message>
    <message>
        <source>The recorded check stays in the inspection&apos;s record and in the audit trail; the correction is added to them with its reason. A case opened on this inspection is left to its supervisor.</source>
        <translation>Записанный досмотр остаётся в протоколе проверки и в журнале аудита; исправление добавляется к ним вместе с причиной. Дело, открытое по этой проверке, остаётся за руководителем.</translation>
    </message>
    <message>
        <source>Why the recorded check was wrong</source>
        <translation>Почему записанный досмотр был неверным</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>Записано:</translation>
    </message>
    <message>
        <source>Correction:</source>
        <translation>Исправление:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <source>Record the correction</source>
        <translation>Записать исправление</translation>
    </message>
    <message numerus="yes">
        <source>%Ln parcel(s) counted</source>
        <translation>
            <numerusform>насчитано %Ln место</numerusform>
            <numerusform>насчитано %Ln места</numerusform>
            <numerusform>насчитано %Ln мест</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 carats weighed</source>
        <translation>взвешено %1 кар.</translation>
    </message>
    <message>
        <source>seals intact</source>
        <translation>пломбы целы</translation>
    </message>
    <message>
        <source>seals not intact</source>
        <translation>пломбы не целы</translation>
    </message>
    <message>
        <source>importer matches</source>
        <translation>импортёр совпадает</translation>
    </message>
    <message>
        <source>importer does not match</source>
        <translation>импортёр не совпадает</translation>
    </message>
</context>
<context>
    <name>kp::ui::DeskStatusPanel</name>
    <message numerus="yes">
        <source>%Ln hour(s) old</source>
        <translation>
            <numerusform>%Ln час назад</numerusform>
            <numerusform>%Ln часа назад</numerusform>
            <numerusform>%Ln часов назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) old</source>
        <translation>
            <numerusform>%Ln день назад</numerusform>
            <numerusform>%Ln дня назад</numerusform>
            <numerusform>%Ln дней назад</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Синхронизировать</translation>
    </message>
    <message>
        <source>DEMO: demo data, not real certificates</source>
        <translation>ДЕМО: демо-данные, не настоящие сертификаты</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date (F5)</source>
        <translation>Обновить данные рабочего места (F5)</translation>
    </message>
    <message>
        <source>Desk of %1 · never synced</source>
        <translation>Рабочее место %1 · не синхронизировалось</translation>
    </message>
    <message>
        <source>Desk of %1 · data seq %2, published %3 (%4)</source>
        <translation>Рабочее место %1 · данные № %2, изданы %3 (%4)</translation>
    </message>
    <message>
        <source>NO DATA: sync before relying on verdicts</source>
        <translation>НЕТ ДАННЫХ: синхронизируйте, прежде чем полагаться на вердикты</translation>
    </message>
    <message>
        <source>STALE since %1: sync now</source>
        <translation>УСТАРЕЛО с %1: синхронизируйте</translation>
    </message>
</context>
<context>
    <name>kp::ui::EnrolmentPanel</name>
    <message>
        <source>Make the key and sa&amp;ve the request...</source>
        <translation>Создать ключ и &amp;сохранить запрос...</translation>
    </message>
    <message>
        <source>Install the &amp;certificate...</source>
        <translation>Установить с&amp;ертификат...</translation>
    </message>
    <message>
        <source>Desk id</source>
        <translation>id рабочего места</translation>
    </message>
    <message>
        <source>participant, post and desk, e.g. EU-ANR-03</source>
        <translation>участник, пост и рабочее место, напр. EU-ANR-03</translation>
    </message>
    <message>
        <source>The desk signs import confirmations and doubts with its own key. Save its certificate request, give the file to your home authority, and install the certificate it returns.</source>
        <translation>Рабочее место подписывает подтверждения ввоза и сомнения собственным ключом. Сохраните запрос его сертификата, передайте файл головному органу и установите возвращённый сертификат.</translation>
    </message>
    <message>
        <source>Desk &amp;id:</source>
        <translation>id рабочего &amp;места:</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>Не зарегистрировано.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>Не зарегистрировано: рабочее место %1 ожидает сертификат.</translation>
    </message>
    <message>
        <source>Enrolled as desk %1; the certificate is valid until %2 (UTC).</source>
        <translation>Зарегистрировано как рабочее место %1; сертификат действует до %2 (UTC).</translation>
    </message>
    <message>
        <source>Give the desk&apos;s id first (from your home authority).</source>
        <translation>Сначала укажите id рабочего места (от головного органа).</translation>
    </message>
    <message>
        <source>Enrol the desk again</source>
        <translation>Зарегистрировать рабочее место заново</translation>
    </message>
    <message>
        <source>This desk is enrolled. Enrolling it again makes a new key; the installed certificate is removed and the desk signs nothing until the new one is installed. Go on?</source>
        <translation>Рабочее место зарегистрировано. Повторная регистрация создаст новый ключ; установленный сертификат будет удалён, и рабочее место ничего не подпишет, пока не установлен новый. Продолжить?</translation>
    </message>
    <message>
        <source>Save the certificate request</source>
        <translation>Сохранить запрос сертификата</translation>
    </message>
    <message>
        <source>Requests (*.pem)</source>
        <translation>Запросы (*.pem)</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority, then install the certificate it returns.</source>
        <translation>Запрос сертификата рабочего места %1 записан в %2: передайте его головному органу, затем установите возвращённый сертификат.</translation>
    </message>
    <message>
        <source>The desk certificate from the authority</source>
        <translation>Сертификат рабочего места от органа</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Сертификаты (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Установлен сертификат рабочего места %1, действует до %2 (UTC).</translation>
    </message>
    <message>
        <source>The home authority revoked the certificate of desk %1 on %2: other desks and the authority refuse what it signs. Enrol the desk again.</source>
        <translation>Головной орган отозвал сертификат рабочего места %1 %2: другие рабочие места и орган отклоняют всё, что оно подписывает. Зарегистрируйте рабочее место заново.</translation>
    </message>
</context>
<context>
    <name>kp::ui::EscalateDialog</name>
    <message>
        <source>Escalate the case</source>
        <translation>Передать дело выше</translation>
    </message>
    <message>
        <source>A participant&apos;s code, e.g. AO</source>
        <translation>Код участника, напр. AO</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>Also &amp;to:</source>
        <translation>Также &amp;кому:</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;Передать</translation>
    </message>
    <message>
        <source>The doubt goes, signed by this desk, to its home authority for:</source>
        <translation>Сомнение за подписью этого рабочего места уйдёт головному органу для:</translation>
    </message>
</context>
<context>
    <name>kp::ui::FirstRunDialog</name>
    <message>
        <source>Set up this desk</source>
        <translation>Настройка рабочего места</translation>
    </message>
    <message>
        <source>This desk has no data yet. Set it up with the files from your KP authority, or try KP Desk on a demo desk with demo certificates.</source>
        <translation>У рабочего места ещё нет данных. Настройте его файлами от вашего органа КП или попробуйте KP Desk на демо-рабочем месте с демо-сертификатами.</translation>
    </message>
    <message>
        <source>e.g. EU, CA, NA</source>
        <translation>напр. EU, CA, NA</translation>
    </message>
    <message>
        <source>bundle-cert.pem from your authority</source>
        <translation>bundle-cert.pem от вашего органа</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Обзор...</translation>
    </message>
    <message>
        <source>The authority&apos;s bundle key certificate</source>
        <translation>Сертификат ключа пакетов органа</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Сертификаты (*.pem *.crt)</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... или папка (флешка)</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Участник:</translation>
    </message>
    <message>
        <source>Bundle &amp;key:</source>
        <translation>&amp;Ключ пакетов:</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>Имя администратора</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>Пароль администратора</translation>
    </message>
    <message>
        <source>Administrator&apos;s password again</source>
        <translation>Пароль администратора ещё раз</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;name:</source>
        <translation>И&amp;мя администратора:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>Пароль &amp;ещё раз:</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>&amp;Настроить</translation>
    </message>
    <message>
        <source>Try the &amp;demo desk</source>
        <translation>&amp;Демо-рабочее место</translation>
    </message>
    <message>
        <source>Give the participant code and the bundle key file.</source>
        <translation>Укажите код участника и файл ключа пакетов.</translation>
    </message>
    <message>
        <source>Give the administrator&apos;s name.</source>
        <translation>Укажите имя администратора.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>Пароли не совпадают. Введите их снова.</translation>
    </message>
    <message>
        <source>Browse for the bundle key</source>
        <translation>Выбрать ключ пакетов</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>П&amp;апка...</translation>
    </message>
    <message>
        <source>Browse for the sync folder</source>
        <translation>Выбрать папку синхронизации</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>Опубликованная папка (флешка, сетевая папка)</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>&amp;Файл пакета...</translation>
    </message>
    <message>
        <source>Browse for a bundle file</source>
        <translation>Выбрать файл пакета</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Файл пакета</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Пакеты (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync so&amp;urce:</source>
        <translation>&amp;Источник синхронизации:</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>Загрузка %1...</translation>
    </message>
    <message>
        <source>The desk starts all the same; sync it later with Sync now (F5).</source>
        <translation>Рабочее место всё равно запустится; синхронизируйте его позже: «Синхронизировать» (F5).</translation>
    </message>
    <message>
        <source>The desk of %1 is set up, with %2 as its administrator.</source>
        <translation>Рабочее место %1 настроено, администратор — %2.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Ход синхронизации</translation>
    </message>
    <message>
        <source>&lt;b&gt;Enrolment with the home authority&lt;/b&gt; (now, or later in Settings)</source>
        <translation>&lt;b&gt;Регистрация в головном органе&lt;/b&gt; (сейчас или позже в настройках)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;Начать</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Не удаётся прочитать %1.</translation>
    </message>
    <message>
        <source>No sync source was given: sync with Sync now (F5) once an administrator has added one in Settings.</source>
        <translation>Источник синхронизации не указан: синхронизируйте через «Синхронизировать» (F5), когда администратор добавит его в настройках.</translation>
    </message>
    <message>
        <source>Syncing from %1...</source>
        <translation>Синхронизация из %1...</translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagBox</name>
    <message>
        <source>The flags of this inspection cannot be read.</source>
        <translation>Не удаётся прочитать сигналы по этой проверке.</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Сигнал</translation>
    </message>
    <message>
        <source>Flagged %1 by %2.</source>
        <translation>Сигнал подал %2, %1.</translation>
    </message>
    <message>
        <source>The shipment is HELD.</source>
        <translation>Выпуск груза ПРИОСТАНОВЛЕН.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>Выпуск груза не приостановлен.</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Заметки: %1</translation>
    </message>
    <message>
        <source>No images.</source>
        <translation>Изображений нет.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s): %1</source>
        <translation>
            <numerusform>%Ln изображение: %1</numerusform>
            <numerusform>%Ln изображения: %1</numerusform>
            <numerusform>%Ln изображений: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagDialog</name>
    <message>
        <source>&amp;Hold the shipment</source>
        <translation>&amp;Приостановить выпуск груза</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Причины</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>What you saw, what the importer said, what you did.</source>
        <translation>Что вы увидели, что сказал импортёр, что вы сделали.</translation>
    </message>
    <message>
        <source>Attached images</source>
        <translation>Приложенные изображения</translation>
    </message>
    <message>
        <source>&amp;Attach image...</source>
        <translation>&amp;Вложить изображение...</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>Вложить изображения</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Изображения (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>Подать &amp;сигнал</translation>
    </message>
    <message>
        <source>Give at least one reason or a note.</source>
        <translation>Укажите хотя бы одну причину или заметку.</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>При&amp;чины:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Заметки:</translation>
    </message>
    <message>
        <source>I&amp;mages of the certificate and the container:</source>
        <translation>&amp;Изображения сертификата и тары:</translation>
    </message>
    <message>
        <source>Flag reasonable doubt: %1</source>
        <translation>Сигнал об обоснованном сомнении: %1</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>Сертификат %1</translation>
    </message>
    <message>
        <source>Close without flagging? The notes and images you added are thrown away.</source>
        <translation>Закрыть без сигнала? Добавленные заметки и изображения будут потеряны.</translation>
    </message>
    <message>
        <source>Cannot attach %1: %2</source>
        <translation>Не удаётся приложить %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::HealthMonitor</name>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Восстановить данные рабочего места...</translation>
    </message>
    <message>
        <source>Damaged data warning</source>
        <translation>Внимание: данные повреждены</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read, so no certificate can be accepted: repair it, then sync. (%1)</source>
        <translation>Данные рабочего места не читаются, поэтому ни один сертификат нельзя принять: восстановите их, затем синхронизируйте. (%1)</translation>
    </message>
</context>
<context>
    <name>kp::ui::HelpDialog</name>
    <message>
        <source>KP Desk help</source>
        <translation>Справка KP Desk</translation>
    </message>
    <message>
        <source>The verdicts</source>
        <translation>Вердикты</translation>
    </message>
    <message>
        <source>ACCEPT (green):</source>
        <translation>ПРИНЯТО (зелёный):</translation>
    </message>
    <message>
        <source>every check passed: the certificate is genuine, valid, meant for this desk and not used before. Do the physical check, then release the shipment (Ctrl+R).</source>
        <translation>все проверки пройдены: сертификат подлинный, действительный, предназначен для этого рабочего места и ранее не использовался. Проведите физический досмотр, затем выпустите груз (Ctrl+R).</translation>
    </message>
    <message>
        <source>DOUBT (amber):</source>
        <translation>СОМНЕНИЕ (жёлтый):</translation>
    </message>
    <message>
        <source>something needs a closer look; the checks marked as warnings say what. Examine the shipment and its papers. If the doubt is cleared, release the shipment; if not, flag reasonable doubt (Ctrl+D) with what you saw and hold the shipment.</source>
        <translation>что-то требует более внимательной проверки; проверки с предупреждением поясняют, что именно. Осмотрите груз и документы. Если сомнение снято, выпустите груз; если нет, подайте сигнал об обоснованном сомнении (Ctrl+D), описав увиденное, и приостановите выпуск груза.</translation>
    </message>
    <message>
        <source>REJECT (red):</source>
        <translation>ОТКАЗ (красный):</translation>
    </message>
    <message>
        <source>a check failed: the certificate is forged, altered, revoked, expired, or not for this desk. Do not release. Hold the shipment, flag reasonable doubt (Ctrl+D) and tell your supervisor; the flag opens a case for them.</source>
        <translation>проверка не пройдена: сертификат подделан, изменён, отозван, истёк или не для этого рабочего места. Не выпускайте груз. Приостановите выпуск, подайте сигнал об обоснованном сомнении (Ctrl+D) и сообщите руководителю; сигнал открывает для него дело.</translation>
    </message>
    <message>
        <source>Grey, &quot;not looked at&quot;:</source>
        <translation>Серый, «не осмотрено»:</translation>
    </message>
    <message>
        <source>Seals intact and Importer matches are for you to tick after looking at the containers and the papers. Until you do, they are neither passed nor failed, and the verdict does not count them.</source>
        <translation>«Пломбы целы» и «Импортёр совпадает с декларацией» отмечаете вы сами, осмотрев тару и документы. До этого они не считаются ни пройденными, ни непройденными, и вердикт их не учитывает.</translation>
    </message>
    <message>
        <source>STALE or NO DATA:</source>
        <translation>УСТАРЕЛО или НЕТ ДАННЫХ:</translation>
    </message>
    <message>
        <source>the desk&apos;s data is older than the authority allows or missing: sync (F5) before relying on a verdict.</source>
        <translation>данные рабочего места старше, чем допускает орган, или отсутствуют: синхронизируйте (F5), прежде чем полагаться на вердикт.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>A keyboard-wedge scanner works wherever the focus is; Esc starts a new inspection.</source>
        <translation>Сканер в режиме клавиатуры работает, где бы ни был фокус; Esc начинает новую проверку.</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Справка</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearch</name>
    <message>
        <source>Find inspections</source>
        <translation>Поиск проверок</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>любой номер</translation>
    </message>
    <message>
        <source>any officer</source>
        <translation>любой инспектор</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>напр. BW</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Любой вердикт</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Номер:</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;по</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;С:</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>&amp;Вердикт:</translation>
    </message>
    <message>
        <source>&amp;Officer:</source>
        <translation>&amp;Инспектор:</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Участник:</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Ис&amp;кать</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Inspections found</source>
        <translation>Найденные проверки</translation>
    </message>
    <message>
        <source>The first date is after the last.</source>
        <translation>Первая дата позже последней.</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Найдено больше %Ln проверки: сузьте поиск.</numerusform>
            <numerusform>Найдено больше %Ln проверок: сузьте поиск.</numerusform>
            <numerusform>Найдено больше %Ln проверок: сузьте поиск.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>Найдена %Ln проверка.</numerusform>
            <numerusform>Найдено %Ln проверки.</numerusform>
            <numerusform>Найдено %Ln проверок.</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanned code cannot be read: %1</source>
        <translation>Отсканированный код не удаётся прочитать: %1</translation>
    </message>
    <message>
        <source>What was scanned is not a certificate.</source>
        <translation>Отсканированное — не сертификат.</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearchModel</name>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Принято</translation>
    </message>
    <message>
        <source>Doubt</source>
        <translation>Сомнение</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Отказ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Итоговый вердикт</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionView</name>
    <message>
        <source>✔ pass</source>
        <translation>✔ пройдено</translation>
    </message>
    <message>
        <source>⚠ warn</source>
        <translation>⚠ внимание</translation>
    </message>
    <message>
        <source>✖ fail</source>
        <translation>✖ не пройдено</translation>
    </message>
    <message>
        <source>– skip</source>
        <translation>– пропущено</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>Сертификат в виде, подписанном органом выдачи</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Отсканированное изображение</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Все проверки пройдены.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Выдал</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Выдан</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Действителен до</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Происхождение</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (смешанное)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Экспортёр</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Импортёр</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Назначение</translation>
    </message>
    <message>
        <source>%1: %2 ct, US$ %3</source>
        <translation>%1: %2 кар., %3 долл. США</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Партии</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Места</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Пломбы</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Физический досмотр</translation>
    </message>
</context>
<context>
    <name>kp::ui::LockPage</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <source>Sign in as &amp;someone else</source>
        <translation>Войти под &amp;другим именем</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>Рабочее место заблокировано</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>Войти под другим именем</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type your password to go on.</source>
        <translation>Вход: %1 (%2). Введите пароль, чтобы продолжить.</translation>
    </message>
</context>
<context>
    <name>kp::ui::MainWindow</name>
    <message>
        <source>KP Desk - DEMO</source>
        <translation>KP Desk - ДЕМО</translation>
    </message>
    <message>
        <source>KP Desk</source>
        <translation>KP Desk</translation>
    </message>
    <message>
        <source>Scan, or type a certificate number, then Enter</source>
        <translation>Сканируйте или введите номер сертификата, затем Enter</translation>
    </message>
    <message>
        <source>Certificate number or barcode text</source>
        <translation>Номер сертификата или текст штрихкода</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Проверить</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Сертификат:</translation>
    </message>
    <message>
        <source>&amp;Flag reasonable doubt...</source>
        <translation>Подать &amp;сигнал о сомнении...</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Проверки за сегодня</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Камера</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Дела</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Синхронизация</translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>Сигналы, сохранённые до ведения дел на рабочем месте, не удалось перенести: %1</translation>
    </message>
    <message>
        <source>This desk has no account yet. An administrator makes the first one with: kpdesk-cli users add --db %1 --name NAME --role administrator</source>
        <translation>На рабочем месте ещё нет учётных записей. Администратор создаёт первую так: kpdesk-cli users add --db %1 --name ИМЯ --role administrator</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2).</source>
        <translation>Вход: %1 (%2).</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Неверное имя или пароль.</translation>
    </message>
    <message>
        <source>Scan a certificate first.</source>
        <translation>Сначала отсканируйте сертификат.</translation>
    </message>
    <message>
        <source>inspection-%1</source>
        <translation>проверка-%1</translation>
    </message>
    <message>
        <source>Locked: sign in to scan.</source>
        <translation>Заблокировано: войдите, чтобы сканировать.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Сканирование</translation>
    </message>
    <message>
        <source>&amp;Open image...</source>
        <translation>&amp;Открыть изображение...</translation>
    </message>
    <message>
        <source>Open a scanned certificate</source>
        <translation>Открыть отсканированный сертификат</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Изображения (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>Вст&amp;авить изображение</translation>
    </message>
    <message>
        <source>&amp;New inspection</source>
        <translation>&amp;Новая проверка</translation>
    </message>
    <message>
        <source>Release the s&amp;hipment</source>
        <translation>Выпустить &amp;груз</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Синхронизировать</translation>
    </message>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Восстановить данные рабочего места...</translation>
    </message>
    <message>
        <source>&amp;Watch a scanner folder...</source>
        <translation>Следить за &amp;папкой сканера...</translation>
    </message>
    <message>
        <source>Folder where the document scanner saves</source>
        <translation>Папка, куда сохраняет сканер документов</translation>
    </message>
    <message>
        <source>S&amp;erial scanner...</source>
        <translation>Последовательный с&amp;канер...</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>Последовательный сканер</translation>
    </message>
    <message>
        <source>Port of the 2D imager (empty: none):</source>
        <translation>Порт 2D-сканера (пусто: нет):</translation>
    </message>
    <message>
        <source>Go to &amp;certificate field</source>
        <translation>Перейти к полю с&amp;ертификата</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s inspections</source>
        <translation>Сегодняшние прове&amp;рки</translation>
    </message>
    <message>
        <source>F&amp;ind inspection...</source>
        <translation>На&amp;йти проверку...</translation>
    </message>
    <message>
        <source>C&amp;ases...</source>
        <translation>&amp;Дела...</translation>
    </message>
    <message>
        <source>&amp;Print the inspection...</source>
        <translation>Пе&amp;чать проверки...</translation>
    </message>
    <message>
        <source>Save the inspection as P&amp;DF...</source>
        <translation>Сохранить проверку в PD&amp;F...</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Заблокировать рабочее место</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>В&amp;ыйти из учётной записи</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Вы&amp;ход</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>The language can be changed when the sync has finished.</source>
        <translation>Язык можно сменить после окончания синхронизации.</translation>
    </message>
    <message>
        <source>A sync is writing to the desk: this inspection will be saved as soon as it has finished.</source>
        <translation>Синхронизация записывает данные: проверка будет сохранена сразу после её окончания.</translation>
    </message>
    <message>
        <source>That inspection cannot be read.</source>
        <translation>Эту проверку не удаётся прочитать.</translation>
    </message>
    <message>
        <source>This inspection was saved before accounts: scan the certificate again.</source>
        <translation>Проверка сохранена до появления учётных записей: отсканируйте сертификат снова.</translation>
    </message>
    <message>
        <source>Case opened; the shipment is held.</source>
        <translation>Дело открыто; выпуск груза приостановлен.</translation>
    </message>
    <message>
        <source>Case opened.</source>
        <translation>Дело открыто.</translation>
    </message>
    <message>
        <source>Inspection of %1 by %2, as seen then (not verified again).</source>
        <translation>Проверка от %1, инспектор %2, в тогдашнем виде (без повторной проверки).</translation>
    </message>
    <message>
        <source>That inspection is not in the desk&apos;s records.</source>
        <translation>Этой проверки нет в записях рабочего места.</translation>
    </message>
    <message>
        <source>A sync is running: repair the desk&apos;s data when it has finished.</source>
        <translation>Идёт синхронизация: восстановите данные после её окончания.</translation>
    </message>
    <message>
        <source>Repair the desk&apos;s data</source>
        <translation>Восстановление данных рабочего места</translation>
    </message>
    <message>
        <source>The desk&apos;s own records (its configuration, presentations, inspections, flags and attachments) are kept, as far as they can be read. The authorities&apos; data is dropped and must be synced again. The damaged file is kept beside the new one.

Repair now?</source>
        <translation>Собственные записи рабочего места (настройки, предъявления, проверки, сигналы и вложения) сохраняются, насколько их можно прочитать. Данные органов удаляются, их нужно синхронизировать заново. Повреждённый файл остаётся рядом с новым.

Восстановить сейчас?</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1: %Ln строка</numerusform>
            <numerusform>%1: %Ln строки</numerusform>
            <numerusform>%1: %Ln строк</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: some rows</source>
        <translation>%1: несколько строк</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired. The damaged file is kept as %1.</source>
        <translation>Данные рабочего места восстановлены. Повреждённый файл сохранён как %1.</translation>
    </message>
    <message>
        <source>None of the desk&apos;s own records was lost.</source>
        <translation>Собственные записи рабочего места не потеряны.</translation>
    </message>
    <message>
        <source>Records that could not be saved: %1.</source>
        <translation>Записи, которые не удалось спасти: %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again.</source>
        <translation>Синхронизируйте сейчас, чтобы заново получить данные органа.</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired: sync now.</source>
        <translation>Данные рабочего места восстановлены: синхронизируйте.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Синхронизировать</translation>
    </message>
    <message>
        <source>The authority&apos;s address (https://...) or a folder (USB stick):</source>
        <translation>Адрес органа (https://...) или папка (флешка):</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>Синхронизация...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>Загрузка %1...</translation>
    </message>
    <message>
        <source>Cannot open the serial port %1: %2</source>
        <translation>Не удаётся открыть последовательный порт %1: %2</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>Не выпущен: %1</translation>
    </message>
    <message>
        <source>Released: %1. The import confirmation waits in the outbox.</source>
        <translation>Выпущен: %1. Подтверждение ввоза ожидает в исходящих.</translation>
    </message>
    <message>
        <source>Released: %1. No import confirmation was made: %2</source>
        <translation>Выпущен: %1. Подтверждение ввоза не создано: %2</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>Никто не вошёл.</translation>
    </message>
    <message>
        <source>Outbox: could not be read</source>
        <translation>Исходящие: не читаются</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %Ln waiting</source>
        <translation>
            <numerusform>Исходящие: ожидает %Ln</numerusform>
            <numerusform>Исходящие: ожидают %Ln</numerusform>
            <numerusform>Исходящие: ожидают %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages to the home authority, sent when online.</source>
        <translation>Сообщения головному органу; отправляются при наличии связи.</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>Последняя попытка: %1</translation>
    </message>
    <message>
        <source>The case&apos;s PDF could not be made (%1); the message goes without it.</source>
        <translation>Не удалось создать PDF дела (%1); сообщение уйдёт без него.</translation>
    </message>
    <message>
        <source>Fla&amp;g reasonable doubt...</source>
        <translation>Подать си&amp;гнал о сомнении...</translation>
    </message>
    <message>
        <source>Settin&amp;gs...</source>
        <translation>Настройк&amp;и...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About KP Desk</source>
        <translation>&amp;О программе KP Desk</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a KP1 barcode nor a certificate number. Correct it and press Enter, or scan again.</source>
        <translation>«%1» — не штрихкод KP1 и не номер сертификата. Исправьте и нажмите Enter или отсканируйте снова.</translation>
    </message>
    <message>
        <source>Nothing was verified</source>
        <translation>Ничего не проверено</translation>
    </message>
    <message>
        <source>Flagged: the shipment is HELD (case opened).</source>
        <translation>Сигнал подан: выпуск груза ПРИОСТАНОВЛЕН (дело открыто).</translation>
    </message>
    <message>
        <source>Flagged: case opened; the shipment is not held.</source>
        <translation>Сигнал подан: дело открыто; выпуск груза не приостановлен.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.</source>
        <translation>Тем временем открыта другая проверка: сигнал не подан. Откройте %1 снова, чтобы подать сигнал.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Настройки сохранены.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Физический досмотр</translation>
    </message>
    <message>
        <source>Retry saving</source>
        <translation>Повторить сохранение</translation>
    </message>
    <message>
        <source>The inspection of %1 could not be saved: %2
It is kept on screen; press &quot;Retry saving&quot; to save it again.</source>
        <translation>Проверку %1 не удалось сохранить: %2
Она остаётся на экране; нажмите «Повторить сохранение», чтобы сохранить её снова.</translation>
    </message>
    <message>
        <source>this certificate</source>
        <translation>этого сертификата</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) could still not be saved: %1</source>
        <translation>
            <numerusform>%Ln проверку по-прежнему не удалось сохранить: %1</numerusform>
            <numerusform>%Ln проверки по-прежнему не удалось сохранить: %1</numerusform>
            <numerusform>%Ln проверок по-прежнему не удалось сохранить: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation>По&amp;льзователи...</translation>
    </message>
    <message>
        <source>&amp;Browse the audit trail...</source>
        <translation>Просмотреть &amp;журнал аудита...</translation>
    </message>
    <message>
        <source>The inspection of %1 scanned during the sync was saved, but its presentation could not be recorded: %2</source>
        <translation>Проверка сертификата %1, отсканированного во время синхронизации, сохранена, но его предъявление не удалось записать: %2</translation>
    </message>
    <message>
        <source>The physical check is already recorded so: nothing to correct.</source>
        <translation>Физический досмотр уже записан так: исправлять нечего.</translation>
    </message>
    <message>
        <source>Nothing was corrected: the recorded physical check stands.</source>
        <translation>Ничего не исправлено: записанный физический досмотр остаётся в силе.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was corrected.</source>
        <translation>Тем временем открыта другая проверка: ничего не исправлено.</translation>
    </message>
    <message>
        <source>The correction was not recorded: %1</source>
        <translation>Исправление не записано: %1</translation>
    </message>
    <message>
        <source>Correction recorded; the verdict is now %1.</source>
        <translation>Исправление записано; вердикт теперь: %1.</translation>
    </message>
    <message numerus="yes">
        <source>CORRECTED (%Ln correction(s)). First recorded: %1. Last correction by %2, %3: %4</source>
        <translation>
            <numerusform>ИСПРАВЛЕНО (%Ln исправление). Первоначально записано: %1. Последнее исправление внёс %2, %3: %4</numerusform>
            <numerusform>ИСПРАВЛЕНО (%Ln исправления). Первоначально записано: %1. Последнее исправление внёс %2, %3: %4</numerusform>
            <numerusform>ИСПРАВЛЕНО (%Ln исправлений). Первоначально записано: %1. Последнее исправление внёс %2, %3: %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Physical check: %1</source>
        <translation>Физический досмотр: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::NewPasswordPage</name>
    <message>
        <source>&amp;Set my password</source>
        <translation>&amp;Задать свой пароль</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>В&amp;ыйти из учётной записи</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>Выберите новый пароль</translation>
    </message>
    <message>
        <source>Set my password</source>
        <translation>Задать свой пароль</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти из учётной записи</translation>
    </message>
    <message>
        <source>Password message</source>
        <translation>Сообщение о пароле</translation>
    </message>
    <message>
        <source>%1, your password was set by an administrator. Choose a new one that only you know before you go on.</source>
        <translation>%1, ваш пароль задан администратором. Прежде чем продолжить, выберите новый, известный только вам.</translation>
    </message>
</context>
<context>
    <name>kp::ui::OfficeSettingsPanel</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Проверить соединение</translation>
    </message>
    <message>
        <source>Office URL</source>
        <translation>URL офиса</translation>
    </message>
    <message>
        <source>postgresql://desk@office.example/kpoffice?sslmode=verify-full</source>
        <translation>postgresql://desk@office.example/kpoffice?sslmode=verify-full</translation>
    </message>
    <message>
        <source>Office password</source>
        <translation>Пароль офиса</translation>
    </message>
    <message>
        <source>kept; type a new one to change it</source>
        <translation>сохранён; чтобы изменить, введите новый</translation>
    </message>
    <message>
        <source>Connected to the office.</source>
        <translation>Соединение с офисом установлено.</translation>
    </message>
    <message>
        <source>Office &amp;URL:</source>
        <translation>&amp;URL офиса:</translation>
    </message>
    <message>
        <source>Office pass&amp;word:</source>
        <translation>Пар&amp;оль офиса:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <source>Not tested yet (the window replicates in the background).</source>
        <translation>Ещё не проверено (окно выполняет репликацию в фоновом режиме).</translation>
    </message>
    <message>
        <source>This desk works alone: no office.</source>
        <translation>Рабочее место работает автономно: офис не задан.</translation>
    </message>
    <message>
        <source>No office URL to test.</source>
        <translation>Нет URL офиса для проверки.</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <source>Saved: the window replicates with %1.</source>
        <translation>Сохранено: окно выполняет репликацию с %1.</translation>
    </message>
    <message>
        <source>Saved: this desk works alone.</source>
        <translation>Сохранено: рабочее место работает автономно.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk wait to go up.</source>
        <translation>
            <numerusform>%Ln запись этого рабочего места ждёт отправки.</numerusform>
            <numerusform>%Ln записи этого рабочего места ждут отправки.</numerusform>
            <numerusform>%Ln записей этого рабочего места ждут отправки.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::PasswordPair</name>
    <message>
        <source>New password</source>
        <translation>Новый пароль</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Новый пароль ещё раз</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>&amp;Новый пароль:</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>&amp;Ещё раз:</translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation>Введите новый пароль дважды.</translation>
    </message>
    <message>
        <source>The two passwords are not the same: type them again.</source>
        <translation>Пароли не совпадают: введите их снова.</translation>
    </message>
</context>
<context>
    <name>kp::ui::PhysicalCheckPanel</name>
    <message>
        <source>Physical check of the shipment</source>
        <translation>Физический досмотр груза</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Пломбы целы</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>Импортёр совпадает с декларацией</translation>
    </message>
    <message>
        <source>&amp;Check shipment</source>
        <translation>&amp;Досмотреть груз</translation>
    </message>
    <message>
        <source>Customs declaration reference</source>
        <translation>Номер таможенной декларации</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>не считано</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Насчитано мест</translation>
    </message>
    <message>
        <source> ct</source>
        <translation> кар.</translation>
    </message>
    <message>
        <source>not weighed</source>
        <translation>не взвешено</translation>
    </message>
    <message>
        <source>Mass weighed in carats</source>
        <translation>Взвешенная масса в каратах</translation>
    </message>
    <message>
        <source>Mass tolerance in carats</source>
        <translation>Допуск массы в каратах</translation>
    </message>
    <message>
        <source>as read on the containers, separated by commas</source>
        <translation>как указано на таре, через запятую</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Номера пломб</translation>
    </message>
    <message>
        <source>&amp;Declaration:</source>
        <translation>Дек&amp;ларация:</translation>
    </message>
    <message>
        <source>&amp;Parcels counted:</source>
        <translation>&amp;Насчитано мест:</translation>
    </message>
    <message>
        <source>&amp;Mass weighed:</source>
        <translation>Взвешенная &amp;масса:</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>Д&amp;опуск:</translation>
    </message>
    <message>
        <source>Seal &amp;numbers:</source>
        <translation>Номера &amp;пломб:</translation>
    </message>
    <message>
        <source>%1: not looked at</source>
        <translation>%1: не осмотрено</translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1: да</translation>
    </message>
    <message>
        <source>%1: NO</source>
        <translation>%1: НЕТ</translation>
    </message>
    <message>
        <source>Grey (not looked at): not checked yet, so it counts neither for nor against the shipment.
Ticked: yes. Empty: no, which turns the verdict to doubt.
Click to change.</source>
        <translation>Серый (не осмотрено): ещё не проверено, поэтому не считается ни за, ни против груза.
Отмечено: да. Пусто: нет, и вердикт становится «сомнение».
Щёлкните, чтобы изменить.</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %Ln parcel(s)</source>
        <translation>
            <numerusform>Сертификат: %Ln место</numerusform>
            <numerusform>Сертификат: %Ln места</numerusform>
            <numerusform>Сертификат: %Ln мест</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 ct</source>
        <translation>%1: %2 кар.</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %1 ct in %Ln lot(s)</source>
        <translation>
            <numerusform>Сертификат: %1 кар. в %Ln партии</numerusform>
            <numerusform>Сертификат: %1 кар. в %Ln партиях</numerusform>
            <numerusform>Сертификат: %1 кар. в %Ln партиях</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: no seals</source>
        <translation>Сертификат: пломб нет</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Сертификат: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::RecordPrinter</name>
    <message>
        <source>Save the record as PDF</source>
        <translation>Сохранить протокол в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Не сохранено: %1</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>Сохранено как %1.</translation>
    </message>
    <message>
        <source>Print the record</source>
        <translation>Печать протокола</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>Не напечатано: %1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Отправлено на принтер.</translation>
    </message>
</context>
<context>
    <name>kp::ui::ScanIntake</name>
    <message>
        <source>serial scanner</source>
        <translation>последовательный сканер</translation>
    </message>
    <message>
        <source>No barcode was found in %1. Scan it again, or type the certificate number.</source>
        <translation>В %1 не найден штрихкод. Отсканируйте снова или введите номер сертификата.</translation>
    </message>
    <message>
        <source>No barcode was found in the %1 image.</source>
        <translation>На %1 изображении не найден штрихкод.</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>вставленном</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no text.</source>
        <translation>В буфере обмена нет ни изображения, ни текста.</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>перетащенном</translation>
    </message>
    <message>
        <source>keyboard-wedge scanner</source>
        <translation>сканер в режиме клавиатуры</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>камера</translation>
    </message>
    <message>
        <source>Scan ignored: close the dialog to verify, then scan again.</source>
        <translation>Сканирование пропущено: закройте диалоговое окно, чтобы выполнить проверку, затем отсканируйте снова.</translation>
    </message>
</context>
<context>
    <name>kp::ui::SettingsDialog</name>
    <message>
        <source>A &amp;sound for each verdict</source>
        <translation>&amp;Звук для каждого вердикта</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Sync sources, in the order they are tried</source>
        <translation>Источники синхронизации в порядке опроса</translation>
    </message>
    <message>
        <source>New sync source</source>
        <translation>Новый источник синхронизации</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... или папка (флешка)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>П&amp;апка...</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>&amp;Файл пакета...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Вверх</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>В&amp;низ</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>Опубликованная папка (флешка, сетевая папка)</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Файл пакета</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Пакеты (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync sources (tried in order until one works)</source>
        <translation>Источники синхронизации (по порядку, до первого работающего)</translation>
    </message>
    <message>
        <source>Serial port of the 2D imager</source>
        <translation>Последовательный порт 2D-сканера</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Idle lock in minutes</source>
        <translation>Автоблокировка в минутах</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Serial &amp;port of the 2D imager:</source>
        <translation>Последовательный по&amp;рт 2D-сканера:</translation>
    </message>
    <message>
        <source>&amp;Lock the idle desk after:</source>
        <translation>&amp;Блокировать неактивное рабочее место через:</translation>
    </message>
    <message>
        <source>Scanner, lock and sounds</source>
        <translation>Сканер, блокировка и звуки</translation>
    </message>
    <message>
        <source>Enrolment with the home authority</source>
        <translation>Регистрация в головном органе</translation>
    </message>
    <message>
        <source>%1 is already a source.</source>
        <translation>%1 уже есть среди источников.</translation>
    </message>
    <message>
        <source>Office (PostgreSQL server gathering every desk&apos;s cases)</source>
        <translation>Офис (сервер PostgreSQL, собирающий дела всех рабочих мест)</translation>
    </message>
</context>
<context>
    <name>kp::ui::SignInPage</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>Sign in to KP Desk</source>
        <translation>Вход в KP Desk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Сообщение о входе</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>DEMO desk: these accounts are for trying KP Desk only.</source>
        <translation>ДЕМО-рабочее место: эти учётные записи только для знакомства с KP Desk.</translation>
    </message>
    <message>
        <source>DEMO %1: name &quot;%2&quot;, password &quot;%3&quot;</source>
        <translation>ДЕМО %1: имя «%2», пароль «%3»</translation>
    </message>
    <message>
        <source>Type your name and password.</source>
        <translation>Введите имя и пароль.</translation>
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
        <translation>Источник синхронизации не задан: его добавляет администратор в настройках.</translation>
    </message>
    <message>
        <source>Sync failed. %1</source>
        <translation>Синхронизация не удалась. %1</translation>
    </message>
    <message>
        <source>Already up to date: the desk is at seq %1 (%2).</source>
        <translation>Уже актуально: рабочее место на № %1 (%2).</translation>
    </message>
    <message>
        <source>Synced from %1: the desk is at seq %2.</source>
        <translation>Синхронизировано из %1: рабочее место на № %2.</translation>
    </message>
    <message>
        <source>Passed over: %1</source>
        <translation>Пропущено: %1</translation>
    </message>
    <message>
        <source>The sync was applied, but the audit trail could not be written: %1</source>
        <translation>Синхронизация применена, но журнал аудита не удалось записать: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::TodayList</name>
    <message>
        <source>Search number, verdict, officer...</source>
        <translation>Поиск: номер, вердикт, инспектор...</translation>
    </message>
    <message>
        <source>Search today&apos;s inspections</source>
        <translation>Поиск по сегодняшним проверкам</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Сигнал</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Проверки за сегодня</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>сигнал</translation>
    </message>
    <message>
        <source>%1 (corrected)</source>
        <comment>today&apos;s list: the verdict of an inspection whose physical check was corrected</comment>
        <translation>%1 (исправлено)</translation>
    </message>
    <message numerus="yes">
        <source>Its physical check was corrected %Ln time(s) after it was recorded.</source>
        <translation>
            <numerusform>Её физический досмотр исправлен %Ln раз после записи.</numerusform>
            <numerusform>Её физический досмотр исправлен %Ln раза после записи.</numerusform>
            <numerusform>Её физический досмотр исправлен %Ln раз после записи.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailKinds</name>
    <message>
        <source>Signed in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Неудачный вход</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>Рабочее место заблокировано</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Учётная запись добавлена</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>Учётная запись отключена</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>Учётная запись включена</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Роль изменена</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Пароль изменён</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Настройки изменены</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Проверка сертификата</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Физический досмотр</translation>
    </message>
    <message>
        <source>Inspection corrected</source>
        <translation>Проверка исправлена</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Выпуск</translation>
    </message>
    <message>
        <source>Release refused</source>
        <translation>В выпуске отказано</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Сигнал</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Доказательства</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Рассмотрение</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Передано выше</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>Дело закрыто</translation>
    </message>
    <message>
        <source>Case reopened</source>
        <translation>Дело открыто повторно</translation>
    </message>
    <message>
        <source>Desk enrolled</source>
        <translation>Рабочее место зарегистрировано</translation>
    </message>
    <message>
        <source>Desk certificate installed</source>
        <translation>Сертификат рабочего места установлен</translation>
    </message>
    <message>
        <source>Sync applied</source>
        <translation>Синхронизация применена</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>Синхронизация отклонена</translation>
    </message>
    <message>
        <source>Message made</source>
        <translation>Сообщение создано</translation>
    </message>
    <message>
        <source>Message delivered</source>
        <translation>Сообщение доставлено</translation>
    </message>
    <message>
        <source>Message handed over</source>
        <translation>Сообщение передано</translation>
    </message>
    <message>
        <source>Office set</source>
        <translation>Офис задан</translation>
    </message>
    <message>
        <source>Office records set aside</source>
        <translation>Записи офиса отложены</translation>
    </message>
    <message>
        <source>Office conflict</source>
        <translation>Конфликт с офисом</translation>
    </message>
    <message>
        <source>Sync sources set</source>
        <translation>Источники синхронизации заданы</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailPanel</name>
    <message>
        <source>Audit trail: checking every entry...</source>
        <translation>Журнал аудита: проверка всех записей...</translation>
    </message>
    <message>
        <source>Audit trail: could not be read (%1). Checked %2.</source>
        <translation>Журнал аудита: не читается (%1). Проверено %2.</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.</source>
        <translation>
            <numerusform>Журнал аудита: %Ln запись, цел. Вершина %1. Проверено %2.</numerusform>
            <numerusform>Журнал аудита: %Ln записи, цел. Вершина %1. Проверено %2.</numerusform>
            <numerusform>Журнал аудита: %Ln записей, цел. Вершина %1. Проверено %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: BROKEN at entry %1 (%2). The %Ln entry(ies) before it hold. Export the trail (kpdesk-cli audit export) and report it. Checked %3.</source>
        <translation>
            <numerusform>Журнал аудита: НАРУШЕН на записи %1 (%2). %Ln запись до неё цела. Выгрузите журнал (kpdesk-cli audit export) и сообщите. Проверено %3.</numerusform>
            <numerusform>Журнал аудита: НАРУШЕН на записи %1 (%2). %Ln записи до неё целы. Выгрузите журнал (kpdesk-cli audit export) и сообщите. Проверено %3.</numerusform>
            <numerusform>Журнал аудита: НАРУШЕН на записи %1 (%2). %Ln записей до неё целы. Выгрузите журнал (kpdesk-cli audit export) и сообщите. Проверено %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the tr&amp;ail</source>
        <translation>Проверить &amp;журнал</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailTableModel</name>
    <message>
        <source>(not an entry)</source>
        <translation>(не запись)</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>цела</translation>
    </message>
    <message>
        <source>DOES NOT HOLD</source>
        <translation>НАРУШЕНА</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Цепочка</translation>
    </message>
</context>
<context>
    <name>kp::ui::UsersDialog</name>
    <message>
        <source>Change &amp;role</source>
        <translation>Сменить &amp;роль</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>О&amp;тключить</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Новый паро&amp;ль:</translation>
    </message>
    <message>
        <source>Aga&amp;in:</source>
        <translation>Е&amp;щё раз:</translation>
    </message>
    <message>
        <source>Reset &amp;password</source>
        <translation>&amp;Сбросить пароль</translation>
    </message>
    <message>
        <source>Pa&amp;ssword:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Repea&amp;t:</source>
        <translation>Ещё р&amp;аз:</translation>
    </message>
    <message>
        <source>&amp;Add the account</source>
        <translation>&amp;Добавить учётную запись</translation>
    </message>
    <message>
        <source>Users of this desk</source>
        <translation>Пользователи рабочего места</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Учётные записи</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Role of the selected account</source>
        <translation>Роль выбранной учётной записи</translation>
    </message>
    <message>
        <source>Name of the new account</source>
        <translation>Имя новой учётной записи</translation>
    </message>
    <message>
        <source>Role of the new account</source>
        <translation>Роль новой учётной записи</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>Сообщение о пользователях</translation>
    </message>
    <message>
        <source>The selected account</source>
        <translation>Выбранная учётная запись</translation>
    </message>
    <message>
        <source>A new account</source>
        <translation>Новая учётная запись</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>Не удалось прочитать учётные записи: %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>отключена</translation>
    </message>
    <message>
        <source>locked after failed sign-ins</source>
        <translation>заблокирована после неудачных попыток входа</translation>
    </message>
    <message>
        <source>active</source>
        <translation>активна</translation>
    </message>
    <message>
        <source>%1, must choose a new password</source>
        <translation>%1, нужно выбрать новый пароль</translation>
    </message>
    <message>
        <source>Type the new account&apos;s name.</source>
        <translation>Введите имя новой учётной записи.</translation>
    </message>
    <message>
        <source>Account %1 (%2) added.</source>
        <translation>Учётная запись %1 (%2) добавлена.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 теперь имеет роль «%2».</translation>
    </message>
    <message>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>Учётная запись %1 отключена: с ней больше нельзя войти.</translation>
    </message>
    <message>
        <source>Account %1 enabled again.</source>
        <translation>Учётная запись %1 снова включена.</translation>
    </message>
    <message>
        <source>Password of %1 reset: %1 signs in with it once and then chooses a new one.</source>
        <translation>Пароль %1 сброшен: %1 один раз входит с ним, а затем выбирает новый.</translation>
    </message>
</context>
<context>
    <name>kp::ui::VerdictBanner</name>
    <message>
        <source>ACCEPT: release</source>
        <translation>ПРИНЯТО: выпустить</translation>
    </message>
    <message>
        <source>DOUBT: examine, then release or flag</source>
        <translation>СОМНЕНИЕ: осмотреть, затем выпустить или подать сигнал</translation>
    </message>
    <message>
        <source>REJECT: hold the shipment</source>
        <translation>ОТКАЗ: приостановить выпуск груза</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>Scan a certificate</source>
        <translation>Отсканируйте сертификат</translation>
    </message>
    <message>
        <source>Scan its barcode, open or drop an image, or type its number.</source>
        <translation>Отсканируйте штрихкод, откройте или перетащите изображение либо введите номер.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KP Desk: verify Kimberley Process certificates.</source>
        <translation>KP Desk: проверка сертификатов Кимберлийского процесса.</translation>
    </message>
    <message>
        <source>The desk cache to use.</source>
        <translation>Используемый кэш рабочего места.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ФАЙЛ</translation>
    </message>
    <message>
        <source>Use the demo desk (made on first use), with demo certificates.</source>
        <translation>Использовать демо-рабочее место (создаётся при первом запуске) с демо-сертификатами.</translation>
    </message>
    <message>
        <source>The interface language (e.g. fr).</source>
        <translation>Язык интерфейса (напр. fr).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>ЯЗЫК</translation>
    </message>
</context>
</TS>
