<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>kp::AccountRules</name>
    <message>
        <source>Four eyes: another administrator changes the role of %1 or disables it, not %1.</source>
        <translation>Cuatro ojos: es otro administrador, no %1, quien cambia el rol de %1 o desactiva su cuenta.</translation>
    </message>
    <message>
        <source>%1 is the desk&apos;s last administrator who can sign in: add another administrator first.</source>
        <translation>%1 es el último administrador del puesto que puede iniciar sesión: añada primero otro administrador.</translation>
    </message>
</context>
<context>
    <name>kp::AuditChain</name>
    <message>
        <source>Not a valid audit entry: %1</source>
        <translation>Entrada de auditoría no válida: %1</translation>
    </message>
    <message>
        <source>the time “%1” is not of the form 2026-11-30T07:21:00.000Z</source>
        <translation>la hora «%1» no tiene la forma 2026-11-30T07:21:00.000Z</translation>
    </message>
    <message>
        <source>the desk is empty</source>
        <translation>el campo desk está vacío</translation>
    </message>
    <message>
        <source>the actor is empty</source>
        <translation>el campo actor está vacío</translation>
    </message>
    <message>
        <source>the kind is empty</source>
        <translation>el campo kind está vacío</translation>
    </message>
    <message>
        <source>it must be a map of exactly n (uint), at, desk, actor, kind (text) and data (a map)</source>
        <translation>debe ser un mapa con exactamente n (uint), at, desk, actor, kind (texto) y data (un mapa)</translation>
    </message>
    <message>
        <source>n must be 1 or more</source>
        <translation>n debe ser 1 o más</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Entrada %1: %2</translation>
    </message>
    <message>
        <source>n must be from 1 to 2^63 - 1</source>
        <translation>n debe estar entre 1 y 2^63 - 1</translation>
    </message>
    <message>
        <source>the time is invalid or outside the years 1 to 9999</source>
        <translation>la hora no es válida o está fuera de los años 1 a 9999</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes after entry %3 (entries were removed or moved).</source>
        <translation>Falta la entrada %1: la entrada %2 sigue a la entrada %3 (se eliminaron o movieron entradas).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes again in its place (an entry was repeated or moved).</source>
        <translation>Falta la entrada %1: la entrada %2 aparece de nuevo en su lugar (una entrada se repitió o se movió).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: its hash does not follow from its content and entry %2 (it was changed, or not linked to the entry before it).</source>
        <translation>La entrada %1 no es íntegra: su hash no se deriva de su contenido y de la entrada %2 (se modificó o no está enlazada con la entrada anterior).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: the trail up to it differs from the head known from elsewhere (an entry up to %1 was changed).</source>
        <translation>La entrada %1 no es íntegra: la pista hasta ella difiere de la cabeza conocida por otra vía (se modificó una entrada hasta la %1).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail ends at entry %2, but entry %3 is known from elsewhere (entries were removed from its end).</source>
        <translation>Falta la entrada %1: la pista termina en la entrada %2, pero la entrada %3 se conoce por otra vía (se eliminaron entradas de su final).</translation>
    </message>
</context>
<context>
    <name>kp::AuditExport</name>
    <message>
        <source>Could not write the audit export: %1</source>
        <translation>No se pudo escribir la exportación de auditoría: %1</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Entrada %1: %2</translation>
    </message>
    <message>
        <source>Entry %1: the export ends inside it.</source>
        <translation>Entrada %1: la exportación termina en medio de ella.</translation>
    </message>
    <message>
        <source>Could not read the audit export: %1</source>
        <translation>No se pudo leer la exportación de auditoría: %1</translation>
    </message>
</context>
<context>
    <name>kp::AuthorityPki</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no usable private key.</source>
        <translation>%1 no contiene ninguna clave privada utilizable.</translation>
    </message>
    <message>
        <source>%1 holds no usable certificate.</source>
        <translation>%1 no contiene ningún certificado utilizable.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk authority folder.</source>
        <translation>%1 no es una carpeta de autoridad de KP Desk.</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeReader</name>
    <message>
        <source>There is no file %1.</source>
        <translation>No existe el archivo %1.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>El archivo %1 está vacío.</translation>
    </message>
    <message>
        <source>The file %1 is too large for an image.</source>
        <translation>El archivo %1 es demasiado grande para ser una imagen.</translation>
    </message>
    <message>
        <source>The image %1 has more than %2 megapixels.</source>
        <translation>La imagen %1 tiene más de %2 megapíxeles.</translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2</source>
        <translation>%1 no es una imagen legible (PNG, JPEG, TIFF o BMP): %2</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeWriter</name>
    <message>
        <source>Cannot print this barcode: %1</source>
        <translation>No se puede imprimir este código de barras: %1</translation>
    </message>
    <message>
        <source>nothing to print.</source>
        <translation>nada que imprimir.</translation>
    </message>
    <message>
        <source>Code 128 carries printable ASCII only.</source>
        <translation>Code 128 solo admite ASCII imprimible.</translation>
    </message>
    <message>
        <source>the encoder produced nothing.</source>
        <translation>el codificador no produjo nada.</translation>
    </message>
</context>
<context>
    <name>kp::Base45</name>
    <message>
        <source>Base45 text has a dangling single character.</source>
        <translation>El texto Base45 termina con un carácter suelto.</translation>
    </message>
    <message>
        <source>Base45 text has a character outside its alphabet.</source>
        <translation>El texto Base45 tiene un carácter fuera de su alfabeto.</translation>
    </message>
    <message>
        <source>Base45 text has a group that decodes above 65535.</source>
        <translation>El texto Base45 tiene un grupo cuyo valor supera 65535.</translation>
    </message>
    <message>
        <source>Base45 text has a final pair that decodes above 255.</source>
        <translation>El texto Base45 tiene un par final cuyo valor supera 255.</translation>
    </message>
</context>
<context>
    <name>kp::BundleApplier</name>
    <message>
        <source>Cannot read the bundle %1: %2</source>
        <translation>No se puede leer el paquete %1: %2</translation>
    </message>
    <message>
        <source>The bundle is larger than any bundle can be.</source>
        <translation>El paquete es más grande de lo que puede ser cualquier paquete.</translation>
    </message>
    <message>
        <source>The bundle does not start with a signed manifest: %1</source>
        <translation>El paquete no empieza con un manifiesto firmado: %1</translation>
    </message>
    <message>
        <source>The bundle&apos;s manifest envelope is malformed: %1</source>
        <translation>El sobre del manifiesto del paquete está mal formado: %1</translation>
    </message>
    <message>
        <source>The bundle is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>El paquete no está firmado por la autoridad de origen de este puesto (ninguna clave de paquetes fijada lo verifica).</translation>
    </message>
    <message>
        <source>The bundle manifest is malformed: %1</source>
        <translation>El manifiesto del paquete está mal formado: %1</translation>
    </message>
    <message>
        <source>a certificate record must be a byte string.</source>
        <translation>un registro de certificado debe ser una cadena de bytes.</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (tag 18).</source>
        <translation>no es un COSE_Sign1 (etiqueta 18).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (an array of four).</source>
        <translation>no es un COSE_Sign1 (un arreglo de cuatro).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 has the wrong type).</source>
        <translation>no es un COSE_Sign1 (el elemento %1 tiene un tipo incorrecto).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 is malformed).</source>
        <translation>no es un COSE_Sign1 (el elemento %1 está mal formado).</translation>
    </message>
    <message>
        <source>the signed payload is not a CBOR map.</source>
        <translation>la carga útil firmada no es un mapa CBOR.</translation>
    </message>
    <message>
        <source>the signed payload is malformed.</source>
        <translation>la carga útil firmada está mal formada.</translation>
    </message>
    <message>
        <source>the record&apos;s no is not text.</source>
        <translation>el campo no del registro no es texto.</translation>
    </message>
    <message>
        <source>the record has no certificate number (no).</source>
        <translation>el registro no tiene número de certificado (no).</translation>
    </message>
    <message>
        <source>a contact of role %1 cannot be for %2.</source>
        <translation>un contacto con el rol %1 no puede ser para %2.</translation>
    </message>
    <message>
        <source>The bundle is published by %1, not by this desk&apos;s home authority %2.</source>
        <translation>El paquete lo publica %1, no la autoridad de origen de este puesto, %2.</translation>
    </message>
    <message>
        <source>The bundle&apos;s seq %1 is not newer than the desk&apos;s seq %2: an old bundle cannot be applied again.</source>
        <translation>El n.º %1 del paquete no es más reciente que el n.º %2 del puesto: un paquete antiguo no puede aplicarse de nuevo.</translation>
    </message>
    <message>
        <source>This delta applies to seq %1, but the desk is at seq %2.</source>
        <translation>Este delta se aplica al n.º %1, pero el puesto está en el n.º %2.</translation>
    </message>
    <message>
        <source>The bundle is truncated: %1 bytes of parts are missing.</source>
        <translation>El paquete está truncado: faltan %1 bytes de partes.</translation>
    </message>
    <message>
        <source>The bundle has %1 unexpected bytes after its parts.</source>
        <translation>El paquete tiene %1 bytes inesperados tras sus partes.</translation>
    </message>
    <message>
        <source>Cannot read the bundle: %1</source>
        <translation>No se puede leer el paquete: %1</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not match its SHA-256 in the manifest: the bundle is damaged or was altered.</source>
        <translation>La parte &apos;%1&apos; no coincide con su SHA-256 del manifiesto: el paquete está dañado o fue alterado.</translation>
    </message>
    <message>
        <source>Record %1 of part &apos;%2&apos; is malformed%3</source>
        <translation>El registro %1 de la parte &apos;%2&apos; está mal formado%3</translation>
    </message>
    <message>
        <source>The desk&apos;s data changed to seq %1 while this bundle was applied; nothing of it was kept.</source>
        <translation>Los datos del puesto pasaron al n.º %1 mientras se aplicaba este paquete; no se conservó nada de él.</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not hold exactly %2 records in %3 bytes.</source>
        <translation>La parte &apos;%1&apos; no contiene exactamente %2 registros en %3 bytes.</translation>
    </message>
</context>
<context>
    <name>kp::BundleManifest</name>
    <message>
        <source>The bundle manifest is not a map.</source>
        <translation>El manifiesto del paquete no es un mapa.</translation>
    </message>
    <message>
        <source>Not a kpsync bundle (fmt).</source>
        <translation>No es un paquete kpsync (fmt).</translation>
    </message>
    <message>
        <source>Unsupported bundle version (v must be 1).</source>
        <translation>Versión de paquete no admitida (v debe ser 1).</translation>
    </message>
    <message>
        <source>The manifest has no publisher (pub).</source>
        <translation>El manifiesto no tiene editor (pub).</translation>
    </message>
    <message>
        <source>The manifest&apos;s seq must be an integer of at least 1.</source>
        <translation>El seq del manifiesto debe ser un entero de al menos 1.</translation>
    </message>
    <message>
        <source>The manifest&apos;s base must be an integer below seq.</source>
        <translation>La base del manifiesto debe ser un entero menor que seq.</translation>
    </message>
    <message>
        <source>The manifest&apos;s at and fresh must be RFC 3339 times.</source>
        <translation>Los campos at y fresh del manifiesto deben ser horas RFC 3339.</translation>
    </message>
    <message>
        <source>The manifest&apos;s parts must be an array.</source>
        <translation>Las partes (parts) del manifiesto deben ser un arreglo.</translation>
    </message>
    <message>
        <source>A part has no name, or the part &apos;%1&apos; is repeated.</source>
        <translation>Una parte no tiene nombre, o la parte &apos;%1&apos; está repetida.</translation>
    </message>
    <message>
        <source>Part &apos;%1&apos; needs n, len and a 32-byte sha256.</source>
        <translation>La parte &apos;%1&apos; necesita n, len y un sha256 de 32 bytes.</translation>
    </message>
</context>
<context>
    <name>kp::BundleWriter</name>
    <message>
        <source>Cannot write the temporary part &apos;%1&apos;.</source>
        <translation>No se puede escribir la parte temporal &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::CacheDatabase</name>
    <message>
        <source>The desk cache %1 is locked by another program; try again when it has finished.</source>
        <translation>La caché del puesto %1 está bloqueada por otro programa; inténtelo de nuevo cuando haya terminado.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: check the permissions of the file and of its folder (%2).</source>
        <translation>No se puede escribir en la caché del puesto %1: compruebe los permisos del archivo y de su carpeta (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed (%2).</source>
        <translation>No se puede leer la caché del puesto %1: el disco está fallando o fue retirado (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 is damaged (%2). Run &apos;kpdesk-cli repair&apos; to keep the desk&apos;s records and fetch the authority data again.</source>
        <translation>La caché del puesto %1 está dañada (%2). Ejecute &apos;kpdesk-cli repair&apos; para conservar los registros del puesto y volver a obtener los datos de la autoridad.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk cache (not an SQLite database).</source>
        <translation>%1 no es una caché de KP Desk (no es una base de datos SQLite).</translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation>No se puede abrir la caché del puesto %1: %2</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: the file ends inside its header.</source>
        <translation>La caché del puesto %1 está truncada: el archivo termina en medio de su encabezado.</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: it should hold %2 bytes but holds %3. Restore it from a backup, or run &apos;kpdesk-cli repair&apos; to keep what can be read.</source>
        <translation>La caché del puesto %1 está truncada: debería contener %2 bytes pero contiene %3. Restáurela desde una copia de seguridad o ejecute &apos;kpdesk-cli repair&apos; para conservar lo que se pueda leer.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be written: the disk is full or failing (%1). Nothing was changed; free some space and try again.</source>
        <translation>No se pudo escribir la caché del puesto: el disco está lleno o fallando (%1). No se cambió nada; libere espacio e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be read or written: %1</source>
        <translation>No se pudo leer ni escribir la caché del puesto: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: %1</source>
        <translation>No se pudieron leer los datos del puesto: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a desk cache: give the path of a file (for example ./desk.sqlite).</source>
        <translation>&apos;%1&apos; no puede ser una caché del puesto: indique la ruta de un archivo (por ejemplo ./desk.sqlite).</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 no es un archivo.</translation>
    </message>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>No hay ninguna caché del puesto en %1.</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a desk cache (run &apos;kpdesk-cli init&apos;).</source>
        <translation>%1 es un archivo vacío, no una caché del puesto (ejecute &apos;kpdesk-cli init&apos;).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 fue creado por una versión más reciente de KP Desk (esquema %2; esta conoce el %3). No se modificó.</translation>
    </message>
    <message>
        <source>Cannot bring the desk cache %1 to schema %2: %3</source>
        <translation>No se puede llevar la caché del puesto %1 al esquema %2: %3</translation>
    </message>
    <message>
        <source>its schema version is %1, not %2.</source>
        <translation>su versión de esquema es %1, no %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged: %1</source>
        <translation>Los datos del puesto están dañados: %1</translation>
    </message>
    <message>
        <source>Cannot set up the desk cache %1.</source>
        <translation>No se puede preparar la caché del puesto %1.</translation>
    </message>
    <message>
        <source>The desk cache %1 is being repaired; try again when the repair has finished.</source>
        <translation>La caché del puesto %1 se está reparando; inténtelo de nuevo cuando termine la reparación.</translation>
    </message>
    <message>
        <source>The desk cache %1 is open in another program (a KP Desk window, a sync or a command): close it first, so that no record is written to the old file.</source>
        <translation>La caché del puesto %1 está abierta en otro programa (una ventana de KP Desk, una sincronización o un comando): ciérrelo primero, para que no se escriba ningún registro en el archivo antiguo.</translation>
    </message>
    <message>
        <source>The check of the desk&apos;s data was stopped.</source>
        <translation>Se interrumpió la verificación de los datos del puesto.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed.</source>
        <translation>No se puede leer la caché del puesto %1: el disco está fallando o fue retirado.</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: it is damaged (%1), so no certificate can be accepted on it. Repair the desk (kpdesk-cli repair), then sync.</source>
        <translation>No se pudieron leer los datos del puesto: están dañados (%1), así que no se puede aceptar ningún certificado con ellos. Repare el puesto (kpdesk-cli repair) y luego sincronice.</translation>
    </message>
    <message>
        <source>the desk was synced (seq %1) but holds no participant list</source>
        <translation>el puesto se sincronizó (n.º %1) pero no contiene ninguna lista de participantes</translation>
    </message>
    <message>
        <source>%1 can be read by other users of this computer, and this user cannot change that. Its owner must run: chmod 600 %1</source>
        <translation>%1 es legible por otros usuarios de este equipo, y este usuario no puede cambiarlo. Su propietario debe ejecutar: chmod 600 %1</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: its lock file %2 cannot be made (%3). Nothing was changed; check the permissions of the folder.</source>
        <translation>No se puede escribir la caché del puesto %1: no se puede crear su archivo de bloqueo %2 (%3). No se cambió nada; compruebe los permisos de la carpeta.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be used: its lock file %2 cannot be opened (%3). Nothing was changed. Remove %2 if it is not a plain file, then try again.</source>
        <translation>No se puede usar la caché del puesto %1: no se puede abrir su archivo de bloqueo %2 (%3). No se cambió nada. Elimine %2 si no es un archivo normal e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>%1: a sync source cannot carry a password (the desk&apos;s database would keep it in plain text). Publish the bundles where the desk reads them without one, or copy them to a folder the desk reads.</source>
        <translation>%1: una fuente de sincronización no puede llevar contraseña (la base de datos del puesto la guardaría en texto plano). Publique los paquetes donde el puesto pueda leerlos sin contraseña, o cópielos a una carpeta que el puesto lea.</translation>
    </message>
</context>
<context>
    <name>kp::CacheRepair</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>No hay ninguna caché del puesto en %1.</translation>
    </message>
    <message>
        <source>Cannot make a new desk cache beside %1: %2</source>
        <translation>No se puede crear una nueva caché del puesto junto a %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the new desk cache&apos;s schema: %1</source>
        <translation>No se puede leer el esquema de la nueva caché del puesto: %1</translation>
    </message>
    <message>
        <source>Cannot write the new desk cache: %1</source>
        <translation>No se puede escribir la nueva caché del puesto: %1</translation>
    </message>
    <message>
        <source>Cannot keep the damaged file as %1.</source>
        <translation>No se puede conservar el archivo dañado como %1.</translation>
    </message>
    <message>
        <source>Cannot move the damaged file&apos;s journal beside %1.</source>
        <translation>No se puede mover el diario del archivo dañado junto a %1.</translation>
    </message>
    <message>
        <source>Cannot put the repaired cache in place of %1; it is in %2.</source>
        <translation>No se puede poner la caché reparada en lugar de %1; está en %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s last sync number cannot be read from %1, so a repair could let an older bundle undo a revocation or a release. Nothing was changed. Ask the authority for the number of its newest bundle (the seq of its index), then repair with it: kpdesk-cli repair --db %1 --min-seq NUMBER</source>
        <translation>No se puede leer de %1 el último número de sincronización del puesto, así que una reparación podría permitir que un paquete más antiguo deshiciera una revocación o una liberación. No se cambió nada. Pida a la autoridad el número de su paquete más reciente (el seq de su índice) y repare con él: kpdesk-cli repair --db %1 --min-seq NÚMERO</translation>
    </message>
</context>
<context>
    <name>kp::CacheWriter</name>
    <message>
        <source>Nothing to commit.</source>
        <translation>Nada que confirmar.</translation>
    </message>
    <message>
        <source>The desk cache has no table %1.</source>
        <translation>La caché del puesto no tiene la tabla %1.</translation>
    </message>
</context>
<context>
    <name>kp::CaseLife</name>
    <message>
        <source>A case starts with a flag, not with &apos;%1&apos;.</source>
        <translation>Un expediente empieza con un señalamiento, no con &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>A case that is &apos;%1&apos; cannot take &apos;%2&apos;.</source>
        <translation>Un expediente en estado &apos;%1&apos; no admite &apos;%2&apos;.</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2 MiB); the limit is %3 MiB per file.</source>
        <translation>%1 es demasiado grande para adjuntarlo (%2 MiB); el límite es %3 MiB por archivo.</translation>
    </message>
</context>
<context>
    <name>kp::CaseMessages</name>
    <message>
        <source>The case&apos;s inspection is not in the records.</source>
        <translation>La inspección del expediente no está en los registros.</translation>
    </message>
</context>
<context>
    <name>kp::CaseWords</name>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Remitido</translation>
    </message>
    <message>
        <source>Conflict: two decisions</source>
        <translation>Conflicto: dos decisiones</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Liberado</translation>
    </message>
    <message>
        <source>Detained</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <source>Seized</source>
        <translation>Incautado</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Denegado</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Señalado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Pruebas</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>Tomado para revisión</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reabierto</translation>
    </message>
</context>
<context>
    <name>kp::Cbor</name>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR mal formado: %1</translation>
    </message>
    <message>
        <source>CBOR data has more than %1 items.</source>
        <translation>Los datos CBOR tienen más de %1 elementos.</translation>
    </message>
    <message>
        <source>CBOR data nests deeper than %1.</source>
        <translation>Los datos CBOR se anidan en más de %1 niveles.</translation>
    </message>
    <message>
        <source>a container claims more elements than there are bytes</source>
        <translation>un contenedor declara más elementos que bytes disponibles</translation>
    </message>
    <message>
        <source>a string claims more bytes than there are</source>
        <translation>una cadena declara más bytes de los que hay</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>el texto no es UTF-8 válido</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source>CBOR data is larger than %1 bytes.</source>
        <translation>Los datos CBOR superan %1 bytes.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the CBOR data.</source>
        <translation>Bytes inesperados tras los datos CBOR.</translation>
    </message>
</context>
<context>
    <name>kp::CertificateRecord</name>
    <message>
        <source>The required field &apos;%1&apos; is missing.</source>
        <translation>Falta el campo obligatorio &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be text.</source>
        <translation>El campo &apos;%1&apos; debe ser texto.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is longer than %2 characters.</source>
        <translation>El campo &apos;%1&apos; tiene más de %2 caracteres.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an unsigned integer.</source>
        <translation>El campo &apos;%1&apos; debe ser un entero sin signo.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a date as YYYY-MM-DD.</source>
        <translation>El campo &apos;%1&apos; debe ser una fecha con el formato AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an array of text.</source>
        <translation>El campo &apos;%1&apos; debe ser un arreglo de textos.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; has more than %2 entries.</source>
        <translation>El campo &apos;%1&apos; tiene más de %2 entradas.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a map with &apos;n&apos; and &apos;a&apos;.</source>
        <translation>El campo &apos;%1&apos; debe ser un mapa con &apos;n&apos; y &apos;a&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must have a name &apos;n&apos; and an address &apos;a&apos;.</source>
        <translation>El campo &apos;%1&apos; debe tener un nombre &apos;n&apos; y una dirección &apos;a&apos;.</translation>
    </message>
    <message>
        <source>The certificate record is not a CBOR map.</source>
        <translation>El registro del certificado no es un mapa CBOR.</translation>
    </message>
    <message>
        <source>Schema version %1 is not supported (expected 1).</source>
        <translation>La versión de esquema %1 no es compatible (se esperaba 1).</translation>
    </message>
    <message>
        <source>The field &apos;mix&apos; must be true or false.</source>
        <translation>El campo &apos;mix&apos; debe ser true o false.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; must be an array of at least one lot.</source>
        <translation>El campo &apos;lots&apos; debe ser un arreglo de al menos un lote.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; has more than %1 entries.</source>
        <translation>El campo &apos;lots&apos; tiene más de %1 entradas.</translation>
    </message>
    <message>
        <source>Each entry of &apos;lots&apos; must be a map with &apos;hs&apos;, &apos;cct&apos; and &apos;usd&apos;.</source>
        <translation>Cada entrada de &apos;lots&apos; debe ser un mapa con &apos;hs&apos;, &apos;cct&apos; y &apos;usd&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;org&apos; needs at least one country unless &apos;mix&apos; is true.</source>
        <translation>El campo &apos;org&apos; necesita al menos un país, salvo que &apos;mix&apos; sea true.</translation>
    </message>
</context>
<context>
    <name>kp::Checks</name>
    <message>
        <source>The document signer belongs to %1, not to the issuer %2.</source>
        <translation>El firmante del documento pertenece a %1, no al emisor %2.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not a document signer&apos;s.</source>
        <translation>El certificado del firmante no es de un firmante de documentos.</translation>
    </message>
    <message>
        <source>The document signer was not valid on the date of issue %1 (valid %2 to %3).</source>
        <translation>El firmante del documento no era válido en la fecha de emisión %1 (válido del %2 al %3).</translation>
    </message>
    <message>
        <source>The document signer was revoked on %1%2.</source>
        <translation>El firmante del documento fue revocado el %1%2.</translation>
    </message>
    <message>
        <source>The document signer does not chain to an authority CA of %1.</source>
        <translation>El firmante del documento no se encadena a una AC de la autoridad de %1.</translation>
    </message>
    <message>
        <source>The signer&apos;s issuing certificate is not an authority CA of %1.</source>
        <translation>El certificado emisor del firmante no es una AC de la autoridad de %1.</translation>
    </message>
    <message>
        <source>The authority CA of %1 that issued the signer was revoked on %2.</source>
        <translation>La AC de la autoridad de %1 que emitió al firmante fue revocada el %2.</translation>
    </message>
    <message>
        <source>The authority CA of %1 was not valid on the date of issue %2.</source>
        <translation>La AC de la autoridad de %1 no era válida en la fecha de emisión %2.</translation>
    </message>
    <message>
        <source>Signed by %1, a document signer of %2&apos;s authority, valid on %3.</source>
        <translation>Firmado por %1, firmante de documentos de la autoridad de %2, válido el %3.</translation>
    </message>
    <message>
        <source>Unsupported signature algorithm %1.</source>
        <translation>Algoritmo de firma %1 no admitido.</translation>
    </message>
    <message>
        <source>Not checked: the signature is unusable.</source>
        <translation>No verificado: la firma es inutilizable.</translation>
    </message>
    <message>
        <source>The key identifier (kid) must be 8 bytes, not %1.</source>
        <translation>El identificador de clave (kid) debe tener 8 bytes, no %1.</translation>
    </message>
    <message>
        <source>Not checked: no usable key identifier.</source>
        <translation>No verificado: no hay un identificador de clave utilizable.</translation>
    </message>
    <message>
        <source>Not checked: no known document signer has this key identifier.</source>
        <translation>No verificado: ningún firmante de documentos conocido tiene este identificador de clave.</translation>
    </message>
    <message>
        <source>The signer is unknown to this desk&apos;s data, which is out of date: sync and scan again.</source>
        <translation>El firmante es desconocido para los datos de este puesto, que están desactualizados: sincronice y vuelva a escanear.</translation>
    </message>
    <message>
        <source>The signer (kid %1) is unknown to the authorities&apos; data.</source>
        <translation>El firmante (kid %1) es desconocido para los datos de las autoridades.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the signer&apos;s key.</source>
        <translation>El algoritmo %1 no corresponde a la clave del firmante.</translation>
    </message>
    <message>
        <source>The signature does not verify with the signer&apos;s key: the record was altered or forged.</source>
        <translation>La firma no se verifica con la clave del firmante: el registro fue alterado o falsificado.</translation>
    </message>
    <message>
        <source>%1 signature verified.</source>
        <translation>Firma %1 verificada.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate in the desk&apos;s data is unreadable.</source>
        <translation>El certificado del firmante en los datos del puesto es ilegible.</translation>
    </message>
    <message>
        <source>Not checked: the signature did not verify.</source>
        <translation>No verificado: la firma no se verificó.</translation>
    </message>
    <message>
        <source>The registry holds the same record.</source>
        <translation>El registro contiene el mismo asiento.</translation>
    </message>
    <message>
        <source>The registry holds a different record for %1: the barcode does not match what the issuer registered.</source>
        <translation>El registro contiene un asiento distinto para %1: el código de barras no coincide con lo que registró el emisor.</translation>
    </message>
    <message>
        <source>The registry (published %1) has no record of this certificate, issued %2.</source>
        <translation>El registro (publicado el %1) no tiene ningún asiento de este certificado, emitido el %2.</translation>
    </message>
    <message>
        <source>Issued after the desk&apos;s registry data; not yet listed.</source>
        <translation>Emitido después de los datos del registro del puesto; aún no figura.</translation>
    </message>
    <message>
        <source>Revoked as %1 by %2 on %3.</source>
        <translation>Revocado (%1) por %2 el %3.</translation>
    </message>
    <message>
        <source>Not revoked.</source>
        <translation>No revocado.</translation>
    </message>
    <message>
        <source>already imported elsewhere (reported by %1 on %2)</source>
        <translation>ya importado en otro lugar (informado por %1 el %2)</translation>
    </message>
    <message>
        <source>Possible re-use: %1.</source>
        <translation>Posible reutilización: %1.</translation>
    </message>
    <message>
        <source>This desk has never been synced: its data cannot vouch for anything.</source>
        <translation>Este puesto nunca se ha sincronizado: sus datos no pueden garantizar nada.</translation>
    </message>
    <message>
        <source>The desk&apos;s data (seq %1) is older than what it had before its repair (seq %2): sync again before relying on it.</source>
        <translation>Los datos del puesto (n.º %1) son más antiguos que los que tenía antes de su reparación (n.º %2): sincronice de nuevo antes de confiar en ellos.</translation>
    </message>
    <message>
        <source>The desk&apos;s clock (%1) is earlier than the newest data (%2): check the clock.</source>
        <translation>El reloj del puesto (%1) es anterior a los datos más recientes (%2): compruebe el reloj.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is out of date since %1: sync as soon as possible.</source>
        <translation>Los datos del puesto están desactualizados desde el %1: sincronice lo antes posible.</translation>
    </message>
    <message>
        <source>Data %1 published %2, fresh until %3.</source>
        <translation>Datos n.º %1 publicados el %2, vigentes hasta el %3.</translation>
    </message>
    <message>
        <source>The certificate number &quot;%1&quot; is not 4-32 of A-Z, 0-9, - and /.</source>
        <translation>El número de certificado «%1» no tiene de 4 a 32 caracteres entre A-Z, 0-9, - y /.</translation>
    </message>
    <message>
        <source>The certificate number %1 does not start with the issuer&apos;s code %2.</source>
        <translation>El número de certificado %1 no empieza con el código del emisor %2.</translation>
    </message>
    <message>
        <source>The importing participant &quot;%1&quot; is not a participant code.</source>
        <translation>El participante importador «%1» no es un código de participante.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a two-letter code.</source>
        <translation>El país de origen «%1» no es un código de dos letras.</translation>
    </message>
    <message>
        <source>HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).</source>
        <translation>El código SA %1 no corresponde a diamantes en bruto (7102.10, 7102.21 o 7102.31).</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a carat weight of zero.</source>
        <translation>Un lote (SA %1) tiene un peso de cero quilates.</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a value of zero.</source>
        <translation>Un lote (SA %1) tiene un valor de cero.</translation>
    </message>
    <message>
        <source>The certificate lists no lots.</source>
        <translation>El certificado no indica ningún lote.</translation>
    </message>
    <message>
        <source>The number of parcels must be at least 1.</source>
        <translation>El número de bultos debe ser al menos 1.</translation>
    </message>
    <message>
        <source>The date of expiry %1 is not after the date of issue %2.</source>
        <translation>La fecha de vencimiento %1 no es posterior a la fecha de emisión %2.</translation>
    </message>
    <message>
        <source>Valid for %1 days, longer than the %2 days allowed.</source>
        <translation>Válido por %1 días, más que los %2 días permitidos.</translation>
    </message>
    <message>
        <source>The KPCS minimum content is present and consistent.</source>
        <translation>El contenido mínimo del SCPK está presente y es coherente.</translation>
    </message>
    <message>
        <source>Expired on %1 (inspection date %2).</source>
        <translation>Venció el %1 (fecha de inspección %2).</translation>
    </message>
    <message>
        <source>Issued on %1, after the inspection date %2.</source>
        <translation>Emitido el %1, después de la fecha de inspección %2.</translation>
    </message>
    <message>
        <source>Valid from %1 to %2; %3 days left.</source>
        <translation>Válido del %1 al %2; quedan %3 días.</translation>
    </message>
    <message>
        <source>The certificate is addressed to %1, not to this desk&apos;s participant %2.</source>
        <translation>El certificado está dirigido a %1, no al participante de este puesto, %2.</translation>
    </message>
    <message>
        <source>Not checked: this desk has no participant data yet (sync first).</source>
        <translation>No verificado: este puesto aún no tiene datos de participantes (sincronice primero).</translation>
    </message>
    <message>
        <source>%1 was not a KP participant on %2.</source>
        <translation>%1 no era participante del PK el %2.</translation>
    </message>
    <message>
        <source>%1 was %2 on %3%4.</source>
        <translation>%1 estaba %2 el %3%4.</translation>
    </message>
    <message>
        <source>the issuer %1 was restricted on %2%3</source>
        <translation>el emisor %1 estaba restringido el %2%3</translation>
    </message>
    <message>
        <source>the origin %1 was %2 on %3</source>
        <translation>el origen %1 estaba %2 el %3</translation>
    </message>
    <message>
        <source>Examine: %1.</source>
        <translation>Examinar: %1.</translation>
    </message>
    <message>
        <source>%1 was an active participant on %2; addressed to %3.</source>
        <translation>%1 era participante activo el %2; dirigido a %3.</translation>
    </message>
    <message>
        <source>issued by %1</source>
        <translation>emitido por %1</translation>
    </message>
    <message>
        <source>of %1 origin</source>
        <translation>de origen %1</translation>
    </message>
    <message>
        <source>Diamonds %1 are banned by national law from %2%3.</source>
        <translation>Los diamantes %1 están prohibidos por la ley nacional desde el %2%3.</translation>
    </message>
    <message>
        <source>No national ban applies.</source>
        <translation>No se aplica ninguna prohibición nacional.</translation>
    </message>
    <message>
        <source>No gem or unsorted lots to compare with a value band.</source>
        <translation>No hay lotes de calidad gema ni sin clasificar para comparar con un rango de valores.</translation>
    </message>
    <message>
        <source>No value band for this origin.</source>
        <translation>No hay rango de valores para este origen.</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1-%2</translation>
    </message>
    <message>
        <source>mixed or several origins</source>
        <translation>origen mixto o múltiple</translation>
    </message>
    <message>
        <source>US$ %1 per carat is outside the usual range of US$ %2 for %3.</source>
        <translation>US$ %1 por quilate está fuera del rango habitual de US$ %2 para %3.</translation>
    </message>
    <message>
        <source>US$ %1 per carat, within US$ %2 for %3.</source>
        <translation>US$ %1 por quilate, dentro de US$ %2 para %3.</translation>
    </message>
    <message>
        <source>The national bans in the desk&apos;s data are malformed, so no ban can be checked: sync again, and tell the authority if this stays.</source>
        <translation>Las prohibiciones nacionales de los datos del puesto están mal formadas, así que no se puede verificar ninguna: sincronice de nuevo y avise a la autoridad si persiste.</translation>
    </message>
    <message>
        <source>active</source>
        <comment>participant status</comment>
        <translation>activo</translation>
    </message>
    <message>
        <source>suspended</source>
        <comment>participant status</comment>
        <translation>suspendido</translation>
    </message>
    <message>
        <source>restricted</source>
        <comment>participant status</comment>
        <translation>restringido</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <comment>participant status</comment>
        <translation>retirado</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>revocation status</comment>
        <translation>perdido</translation>
    </message>
    <message>
        <source>stolen</source>
        <comment>revocation status</comment>
        <translation>robado</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>revocation status</comment>
        <translation>anulado</translation>
    </message>
    <message>
        <source>fraudulent</source>
        <comment>revocation status</comment>
        <translation>fraudulento</translation>
    </message>
    <message>
        <source>already imported</source>
        <comment>revocation status</comment>
        <translation>ya importado</translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation>No es un código de barras KP1 ni un número de certificado.</translation>
    </message>
    <message>
        <source>The barcode is damaged or malformed: %1</source>
        <translation>El código de barras está dañado o mal formado: %1</translation>
    </message>
    <message>
        <source>Not checked: the certificate could not be read.</source>
        <translation>No verificado: no se pudo leer el certificado.</translation>
    </message>
    <message>
        <source>A well-formed KP1 barcode.</source>
        <translation>Un código de barras KP1 bien formado.</translation>
    </message>
    <message>
        <source>A certificate number.</source>
        <translation>Un número de certificado.</translation>
    </message>
    <message>
        <source>Not checked: the registry&apos;s record could not be read.</source>
        <translation>No verificado: no se pudo leer el asiento del registro.</translation>
    </message>
    <message>
        <source>The registry holds no record of %1: nothing can vouch for this certificate.</source>
        <translation>El registro no tiene ningún asiento de %1: nada puede garantizar este certificado.</translation>
    </message>
    <message>
        <source>Not checked: there is no signed record for this number.</source>
        <translation>No verificado: no hay ningún asiento firmado para este número.</translation>
    </message>
    <message>
        <source>The registry&apos;s record for this number is malformed: %1</source>
        <translation>El asiento del registro para este número está mal formado: %1</translation>
    </message>
    <message>
        <source>A certificate number; its signed registry record was checked.</source>
        <translation>Un número de certificado; se verificó su asiento firmado en el registro.</translation>
    </message>
    <message>
        <source>The registry holds a signed record.</source>
        <translation>El registro contiene un asiento firmado.</translation>
    </message>
    <message>
        <source>a shipment under this certificate was already released at this desk on %1 (releases here: %2)</source>
        <translation>un envío con este certificado ya se liberó en este puesto el %1 (liberaciones aquí: %2)</translation>
    </message>
    <message>
        <source>No shipment under this certificate was released before.</source>
        <translation>No se liberó antes ningún envío con este certificado.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Firmante</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>Validity dates</source>
        <translation>Fechas de validez</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>Sanciones</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Revocación</translation>
    </message>
    <message>
        <source>Used before</source>
        <translation>Uso previo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Data freshness</source>
        <translation>Vigencia de datos</translation>
    </message>
    <message>
        <source>Not a certificate: check what you typed.</source>
        <translation>No es un certificado: revise lo que escribió.</translation>
    </message>
    <message>
        <source>&quot;KP&quot; is not a country of origin: a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>«KP» no es un país de origen: un certificado indica los países donde se extrajeron los diamantes, o se marca como de origen mixto.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a country (ISO 3166-1): a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>El país de origen «%1» no es un país (ISO 3166-1): un certificado indica los países donde se extrajeron los diamantes, o se marca como de origen mixto.</translation>
    </message>
    <message>
        <source>The lots&apos; carat weights add up to more than any shipment can weigh.</source>
        <translation>Los pesos en quilates de los lotes suman más de lo que puede pesar cualquier envío.</translation>
    </message>
    <message>
        <source>The lots&apos; values add up to more than any shipment can be worth.</source>
        <translation>Los valores de los lotes suman más de lo que puede valer cualquier envío.</translation>
    </message>
    <message>
        <source>The lots&apos; values or weights add up to more than any shipment: examine the certificate.</source>
        <translation>Los valores o pesos de los lotes suman más que cualquier envío: examine el certificado.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSign1</name>
    <message>
        <source>Not a COSE_Sign1: the CBOR tag is not 18.</source>
        <translation>No es un COSE_Sign1: la etiqueta CBOR no es 18.</translation>
    </message>
    <message>
        <source>Not a COSE_Sign1: expected an array of four elements.</source>
        <translation>No es un COSE_Sign1: se esperaba un arreglo de cuatro elementos.</translation>
    </message>
    <message>
        <source>The COSE protected header must be a byte string.</source>
        <translation>El encabezado protegido COSE debe ser una cadena de bytes.</translation>
    </message>
    <message>
        <source>The COSE unprotected header must be a map.</source>
        <translation>El encabezado no protegido COSE debe ser un mapa.</translation>
    </message>
    <message>
        <source>The COSE payload must be a byte string (detached payloads are not allowed).</source>
        <translation>La carga útil COSE debe ser una cadena de bytes (no se admiten cargas separadas).</translation>
    </message>
    <message>
        <source>The COSE signature must be a byte string.</source>
        <translation>La firma COSE debe ser una cadena de bytes.</translation>
    </message>
    <message>
        <source>The COSE protected header is not a map.</source>
        <translation>El encabezado protegido COSE no es un mapa.</translation>
    </message>
    <message>
        <source>The COSE protected header has no integer algorithm (label 1).</source>
        <translation>El encabezado protegido COSE no tiene un algoritmo entero (etiqueta 1).</translation>
    </message>
    <message>
        <source>The COSE key identifier (label 4) must be a byte string.</source>
        <translation>El identificador de clave COSE (etiqueta 4) debe ser una cadena de bytes.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSigning</name>
    <message>
        <source>The signature does not verify with any trusted key.</source>
        <translation>La firma no se verifica con ninguna clave de confianza.</translation>
    </message>
</context>
<context>
    <name>kp::Crypto</name>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation>No es un certificado X.509.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the X.509 certificate.</source>
        <translation>Bytes inesperados tras el certificado X.509.</translation>
    </message>
    <message>
        <source>No certificate.</source>
        <translation>Ningún certificado.</translation>
    </message>
    <message>
        <source>The certificate was not issued by %1.</source>
        <translation>El certificado no fue emitido por %1.</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature does not verify with %1&apos;s key.</source>
        <translation>La firma del certificado no se verifica con la clave de %1.</translation>
    </message>
    <message>
        <source>A key is missing.</source>
        <translation>Falta una clave.</translation>
    </message>
    <message>
        <source>Cannot set the certificate&apos;s name: %1</source>
        <translation>No se puede establecer el nombre del certificado: %1</translation>
    </message>
    <message>
        <source>Cannot add the certificate&apos;s extensions: %1</source>
        <translation>No se pueden añadir las extensiones del certificado: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate: %1</source>
        <translation>No se puede firmar el certificado: %1</translation>
    </message>
    <message>
        <source>A certificate request needs a country and a common name.</source>
        <translation>Una solicitud de certificado necesita un país y un nombre común.</translation>
    </message>
    <message>
        <source>Cannot make the certificate request: %1</source>
        <translation>No se puede crear la solicitud de certificado: %1</translation>
    </message>
    <message>
        <source>Cannot set the request&apos;s name: %1</source>
        <translation>No se puede establecer el nombre de la solicitud: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate request: %1</source>
        <translation>No se puede firmar la solicitud de certificado: %1</translation>
    </message>
    <message>
        <source>Not a certificate request.</source>
        <translation>No es una solicitud de certificado.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s key is not one KP Desk uses.</source>
        <translation>La clave de la solicitud de certificado no es de un tipo que use KP Desk.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s signature does not verify.</source>
        <translation>La firma de la solicitud de certificado no se verifica.</translation>
    </message>
    <message>
        <source>Not a P-256, RSA (2048 bits or more) or Ed25519 public key.</source>
        <translation>No es una clave pública P-256, RSA (2048 bits o más) ni Ed25519.</translation>
    </message>
    <message>
        <source>No usable public key in the PEM text.</source>
        <translation>No hay ninguna clave pública utilizable en el texto PEM.</translation>
    </message>
    <message>
        <source>A P-256 coordinate is longer than 32 bytes.</source>
        <translation>Una coordenada P-256 tiene más de 32 bytes.</translation>
    </message>
    <message>
        <source>Not a point on P-256.</source>
        <translation>No es un punto de P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes.</source>
        <translation>Una clave pública Ed25519 tiene 32 bytes.</translation>
    </message>
    <message>
        <source>Not an Ed25519 public key.</source>
        <translation>No es una clave pública Ed25519.</translation>
    </message>
    <message>
        <source>Not an RSA public key of 2048 bits or more.</source>
        <translation>No es una clave pública RSA de 2048 bits o más.</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>Falló la generación de la clave: %1</translation>
    </message>
    <message>
        <source>No usable unencrypted private key in the PEM text.</source>
        <translation>No hay ninguna clave privada sin cifrar utilizable en el texto PEM.</translation>
    </message>
    <message>
        <source>Not a P-256 key pair.</source>
        <translation>No es un par de claves P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 private key is 32 bytes.</source>
        <translation>Una clave privada Ed25519 tiene 32 bytes.</translation>
    </message>
    <message>
        <source>Not an Ed25519 private key.</source>
        <translation>No es una clave privada Ed25519.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the key.</source>
        <translation>El algoritmo %1 no corresponde a la clave.</translation>
    </message>
    <message>
        <source>An ES256 signature is 64 bytes, not %1.</source>
        <translation>Una firma ES256 tiene 64 bytes, no %1.</translation>
    </message>
    <message>
        <source>An EdDSA signature is 64 bytes, not %1.</source>
        <translation>Una firma EdDSA tiene 64 bytes, no %1.</translation>
    </message>
    <message>
        <source>The signature does not verify.</source>
        <translation>La firma no se verifica.</translation>
    </message>
    <message>
        <source>Signing failed: %1</source>
        <translation>Falló la firma: %1</translation>
    </message>
</context>
<context>
    <name>kp::DemoDesk</name>
    <message>
        <source>No demo issuer for %1.</source>
        <translation>No hay emisor de demostración para %1.</translation>
    </message>
    <message>
        <source>Kimberley Process Certificate</source>
        <translation>Certificado del Proceso de Kimberley</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>Cannot clear %1.</source>
        <translation>No se puede vaciar %1.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>No se puede crear %1.</translation>
    </message>
    <message>
        <source>Botswana, genuine (ES256, QR)</source>
        <translation>Botsuana, auténtico (ES256, QR)</translation>
    </message>
    <message>
        <source>Namibia, genuine (EdDSA, Data Matrix)</source>
        <translation>Namibia, auténtico (EdDSA, Data Matrix)</translation>
    </message>
    <message>
        <source>Canada, genuine (PS256, QR)</source>
        <translation>Canadá, auténtico (PS256, QR)</translation>
    </message>
    <message>
        <source>Canada, number only (Code 128), checked against the registry</source>
        <translation>Canadá, solo número (Code 128), verificado en el registro</translation>
    </message>
    <message>
        <source>Forged: carats altered after signing</source>
        <translation>Falsificado: quilates alterados tras la firma</translation>
    </message>
    <message>
        <source>Forged: signed by a rogue key</source>
        <translation>Falsificado: firmado con una clave ilegítima</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <source>Reported stolen (delta bundle)</source>
        <translation>Denunciado como robado (paquete delta)</translation>
    </message>
    <message>
        <source>Already imported elsewhere</source>
        <translation>Ya importado en otro lugar</translation>
    </message>
    <message>
        <source>Russian origin: national ban</source>
        <translation>Origen ruso: prohibición nacional</translation>
    </message>
    <message>
        <source>Value far below the usual range</source>
        <translation>Valor muy por debajo del rango habitual</translation>
    </message>
    <message>
        <source>Addressed to another participant</source>
        <translation>Dirigido a otro participante</translation>
    </message>
    <message>
        <source>Number unknown to the registry (Code 128)</source>
        <translation>Número desconocido para el registro (Code 128)</translation>
    </message>
    <message>
        <source>KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made by &apos;kpdesk-cli demo&apos;; none of it is a real Kimberley Process certificate.
</source>
        <translation>PUESTO DEMO de KP Desk. Todo lo que hay aquí (claves, certificados, paquetes) son datos de demostración creados por &apos;kpdesk-cli demo&apos;; nada de ello es un certificado real del Proceso de Kimberley.
</translation>
    </message>
</context>
<context>
    <name>kp::DeskEnrolment</name>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>No se pudo escribir la pista de auditoría del puesto: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 es demasiado grande.</translation>
    </message>
</context>
<context>
    <name>kp::DeskIdentity</name>
    <message>
        <source>Enrol it: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;, have the home authority sign the request (&apos;kpdesk-cli authority enrol&apos;), then &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</source>
        <translation>Inscríbalo: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out ARCHIVO.pem&apos;, haga que la autoridad de origen firme la solicitud (&apos;kpdesk-cli authority enrol&apos;) y luego &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</translation>
    </message>
    <message>
        <source>Cannot write the desk&apos;s key file %1: %2</source>
        <translation>No se puede escribir el archivo de clave del puesto %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 is missing.</source>
        <translation>Falta el archivo de clave del puesto %1.</translation>
    </message>
    <message>
        <source>Cannot read the desk&apos;s key file %1: %2</source>
        <translation>No se puede leer el archivo de clave del puesto %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 can be read by other users: it must be readable by the desk&apos;s user only (chmod 600), and the desk enrolled again if others may have read it.</source>
        <translation>El archivo de clave del puesto %1 es legible por otros usuarios: solo debe poder leerlo el usuario del puesto (chmod 600), y el puesto debe inscribirse de nuevo si otros pudieron leerlo.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 holds no usable private key.</source>
        <translation>El archivo de clave del puesto %1 no contiene ninguna clave privada utilizable.</translation>
    </message>
    <message>
        <source>The desk has no participant yet: run &apos;kpdesk-cli init&apos; first.</source>
        <translation>El puesto aún no tiene participante: ejecute primero &apos;kpdesk-cli init&apos;.</translation>
    </message>
    <message>
        <source>The certificate is a CA certificate, not a desk certificate.</source>
        <translation>El certificado es un certificado de AC, no un certificado de puesto.</translation>
    </message>
    <message>
        <source>The certificate does not allow digital signatures.</source>
        <translation>El certificado no permite firmas digitales.</translation>
    </message>
    <message>
        <source>The certificate does not allow client authentication (extended key usage clientAuth).</source>
        <translation>El certificado no permite la autenticación de cliente (uso extendido de clave clientAuth).</translation>
    </message>
    <message>
        <source>The desk holds no authority CA of %1: sync the desk with its home authority first.</source>
        <translation>El puesto no tiene ninguna AC de la autoridad de %1: sincronice primero el puesto con su autoridad de origen.</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority CA of %1 that the desk holds.</source>
        <translation>El certificado no fue emitido por una AC de la autoridad de %1 que tenga el puesto.</translation>
    </message>
    <message>
        <source>This desk is not enrolled with its home authority.</source>
        <translation>Este puesto no está inscrito ante su autoridad de origen.</translation>
    </message>
    <message>
        <source>The desk&apos;s installed certificate cannot be read.</source>
        <translation>No se puede leer el certificado instalado del puesto.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 does not match its certificate.</source>
        <translation>El archivo de clave del puesto %1 no corresponde a su certificado.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2: use the participant code, the post and the desk, e.g. %2-ANR-03.</source>
        <translation>&apos;%1&apos; no es un id de puesto de %2: use el código del participante, la oficina y el puesto, p. ej. %2-ANR-03.</translation>
    </message>
    <message>
        <source>This desk is already enrolled as %1. Enrolling it again makes a new key, and its current certificate stops working until the new one is installed: add --force to do so.</source>
        <translation>Este puesto ya está inscrito como %1. Inscribirlo de nuevo crea una clave nueva, y su certificado actual deja de funcionar hasta que se instale el nuevo: añada --force para hacerlo.</translation>
    </message>
    <message>
        <source>This desk has not asked for a certificate yet.</source>
        <translation>Este puesto aún no ha solicitado un certificado.</translation>
    </message>
    <message>
        <source>The file holds no X.509 certificate (PEM).</source>
        <translation>El archivo no contiene ningún certificado X.509 (PEM).</translation>
    </message>
    <message>
        <source>The certificate is for another key than this desk&apos;s.</source>
        <translation>El certificado es para otra clave distinta de la de este puesto.</translation>
    </message>
    <message>
        <source>The certificate is for participant &apos;%1&apos;; this desk works for %2.</source>
        <translation>El certificado es para el participante &apos;%1&apos;; este puesto trabaja para %2.</translation>
    </message>
    <message>
        <source>The certificate is for desk &apos;%1&apos;; this desk asked for %2.</source>
        <translation>El certificado es para el puesto &apos;%1&apos;; este puesto solicitó %2.</translation>
    </message>
    <message>
        <source>The certificate is not valid now: it is valid from %1 to %2 (UTC).</source>
        <translation>El certificado no es válido ahora: es válido del %1 al %2 (UTC).</translation>
    </message>
</context>
<context>
    <name>kp::DeskRecords</name>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nombre o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>No existe el registro: %1.</translation>
    </message>
    <message>
        <source>The text is too long (%1 characters; at most %2).</source>
        <translation>El texto es demasiado largo (%1 caracteres; como máximo %2).</translation>
    </message>
    <message>
        <source>Nobody is signed in with this account.</source>
        <translation>Nadie ha iniciado sesión con esta cuenta.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Esta cuenta está desactivada. Consulte a un administrador.</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>Ya existe una cuenta llamada %1.</translation>
    </message>
    <message>
        <source>The idle lock is 1 to 240 minutes.</source>
        <translation>El bloqueo por inactividad es de 1 a 240 minutos.</translation>
    </message>
    <message>
        <source>The outbox&apos;s intake is an https:// URL without a name or password in it.</source>
        <translation>La dirección de recepción de la bandeja de salida es una URL https:// sin nombre ni contraseña.</translation>
    </message>
    <message>
        <source>No physical check was recorded: count and weigh the shipment first.</source>
        <translation>No se registró ningún control físico: primero cuente y pese el envío.</translation>
    </message>
    <message>
        <source>The verdict is %1, not accept: only a supervisor&apos;s decision on a case can release this shipment.</source>
        <translation>El veredicto es %1, no accept: solo la decisión de un supervisor sobre un expediente puede liberar este envío.</translation>
    </message>
    <message>
        <source>A flag needs at least one reason.</source>
        <translation>Un señalamiento necesita al menos un motivo.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>Una nota necesita algo de texto.</translation>
    </message>
    <message>
        <source>Evidence needs at least one file.</source>
        <translation>Una prueba necesita al menos un archivo.</translation>
    </message>
    <message>
        <source>A decision needs its reason.</source>
        <translation>Una decisión necesita su motivo.</translation>
    </message>
    <message>
        <source>This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol).</source>
        <translation>Este puesto aún no puede firmar mensajes: no está inscrito (kpdesk-cli enrol).</translation>
    </message>
    <message>
        <source>An escalation needs at least one addressee.</source>
        <translation>Una remisión necesita al menos un destinatario.</translation>
    </message>
    <message>
        <source>Reopening a case needs its reason.</source>
        <translation>Reabrir un expediente necesita su motivo.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an entry of its own.</source>
        <translation>&apos;%1&apos; no es una entrada propia.</translation>
    </message>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>La entrada %1 está almacenada como fila %2.</translation>
    </message>
    <message>
        <source>An account&apos;s name has 1 to %1 characters, no control, invisible or direction characters, and does not start with &apos;cli:&apos;.</source>
        <translation>El nombre de una cuenta tiene de 1 a %1 caracteres, sin caracteres de control, invisibles ni de dirección, y no empieza por &apos;cli:&apos;.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 (inspection %3): a certificate is released once.</source>
        <translation>El certificado %1 ya se liberó el %2 (inspección %3): un certificado se libera una sola vez.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is released once.</source>
        <translation>El certificado %1 ya lo liberó %3 el %2 (inspección %4): un certificado se libera una sola vez.</translation>
    </message>
    <message>
        <source>The password of %1 was set by someone else: %1 must change it before doing anything else.</source>
        <translation>La contraseña de %1 la estableció otra persona: %1 debe cambiarla antes de hacer cualquier otra cosa.</translation>
    </message>
    <message>
        <source>This desk has accounts: an administrator signs in to add another.</source>
        <translation>Este puesto ya tiene cuentas: para añadir otra, debe iniciar sesión un administrador.</translation>
    </message>
    <message>
        <source>The name %1 looks like the existing account %2: choose another.</source>
        <translation>El nombre %1 se parece a la cuenta existente %2: elija otro.</translation>
    </message>
    <message>
        <source>The account %1 is not disabled.</source>
        <translation>La cuenta %1 no está desactivada.</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 ya es %2.</translation>
    </message>
    <message>
        <source>The physical check of this inspection is already recorded: record a correction, with its reason, to change it.</source>
        <translation>El control físico de esta inspección ya está registrado: para cambiarlo, registre una corrección con su motivo.</translation>
    </message>
    <message>
        <source>A correction needs its reason.</source>
        <translation>Una corrección necesita su motivo.</translation>
    </message>
    <message>
        <source>No physical check of this inspection is recorded: there is nothing to correct.</source>
        <translation>No hay ningún control físico registrado de esta inspección: no hay nada que corregir.</translation>
    </message>
    <message>
        <source>The physical check is already so: nothing was corrected.</source>
        <translation>El control físico ya es así: no se corrigió nada.</translation>
    </message>
    <message>
        <source>A case holds this shipment: only a supervisor&apos;s decision on the case can release it.</source>
        <translation>Un expediente retiene este envío: solo la decisión de un supervisor sobre el expediente puede liberarlo.</translation>
    </message>
</context>
<context>
    <name>kp::DeskRegistry</name>
    <message>
        <source>Cannot read the list of desks %1: %2</source>
        <translation>No se puede leer la lista de puestos %1: %2</translation>
    </message>
    <message>
        <source>The list of desks %1 is damaged.</source>
        <translation>La lista de puestos %1 está dañada.</translation>
    </message>
    <message>
        <source>Cannot write the list of desks %1: %2</source>
        <translation>No se puede escribir la lista de puestos %1: %2</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 to issue desk certificates with (issuers/%1/ca-key.pem).</source>
        <translation>La PKI no tiene ninguna AC de la autoridad del participante de origen %1 con la que emitir certificados de puesto (issuers/%1/ca-key.pem).</translation>
    </message>
    <message>
        <source>A desk certificate is valid from 1 to 3650 days.</source>
        <translation>Un certificado de puesto es válido de 1 a 3650 días.</translation>
    </message>
    <message>
        <source>The request is for participant &apos;%1&apos;; this authority enrols desks of %2.</source>
        <translation>La solicitud es para el participante &apos;%1&apos;; esta autoridad inscribe puestos de %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2 (e.g. %2-ANR-03).</source>
        <translation>&apos;%1&apos; no es un id de puesto de %2 (p. ej. %2-ANR-03).</translation>
    </message>
    <message>
        <source>A desk&apos;s key is EC P-256 or Ed25519.</source>
        <translation>La clave de un puesto es EC P-256 o Ed25519.</translation>
    </message>
    <message>
        <source>Desk %1 is already enrolled with another key: revoke it first (&apos;kpdesk-cli authority revoke-desk&apos;), then enrol it again.</source>
        <translation>El puesto %1 ya está inscrito con otra clave: revóquelo primero (&apos;kpdesk-cli authority revoke-desk&apos;) y luego inscríbalo de nuevo.</translation>
    </message>
    <message>
        <source>No certificate of desk %1 is in force.</source>
        <translation>No hay ningún certificado vigente del puesto %1.</translation>
    </message>
</context>
<context>
    <name>kp::DeterministicCbor</name>
    <message>
        <source>The data has more than %1 items.</source>
        <translation>Los datos tienen más de %1 elementos.</translation>
    </message>
    <message>
        <source>The data holds a CBOR tag; tags are not allowed.</source>
        <translation>Los datos contienen una etiqueta CBOR; no se admiten etiquetas.</translation>
    </message>
    <message>
        <source>The data holds text that is not valid Unicode.</source>
        <translation>Los datos contienen texto que no es Unicode válido.</translation>
    </message>
    <message>
        <source>The data holds a floating-point number; amounts must be integers.</source>
        <translation>Los datos contienen un número de coma flotante; los importes deben ser enteros.</translation>
    </message>
    <message>
        <source>The data holds the value undefined.</source>
        <translation>Los datos contienen el valor undefined.</translation>
    </message>
    <message>
        <source>The data holds a CBOR simple value other than false, true and null.</source>
        <translation>Los datos contienen un valor simple CBOR distinto de false, true y null.</translation>
    </message>
    <message>
        <source>The data takes more than %1 bytes.</source>
        <translation>Los datos ocupan más de %1 bytes.</translation>
    </message>
    <message>
        <source>The data nests deeper than %1 levels.</source>
        <translation>Los datos se anidan en más de %1 niveles.</translation>
    </message>
    <message>
        <source>The data has a map key that is not text.</source>
        <translation>Los datos tienen una clave de mapa que no es texto.</translation>
    </message>
    <message>
        <source>The data has the key “%1” twice.</source>
        <translation>Los datos tienen dos veces la clave «%1».</translation>
    </message>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR mal formado: %1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source>bytes after the end of the data</source>
        <translation>bytes tras el final de los datos</translation>
    </message>
    <message>
        <source>the data ends too early</source>
        <translation>los datos terminan demasiado pronto</translation>
    </message>
    <message>
        <source>Not the deterministic CBOR encoding (RFC 8949, section 4.2.1): %1</source>
        <translation>No es la codificación CBOR determinista (RFC 8949, sección 4.2.1): %1</translation>
    </message>
    <message>
        <source>an indefinite length, which the deterministic encoding does not use</source>
        <translation>una longitud indefinida, que la codificación determinista no usa</translation>
    </message>
    <message>
        <source>a reserved additional information value</source>
        <translation>un valor de información adicional reservado</translation>
    </message>
    <message>
        <source>an integer or length in a longer form than needed</source>
        <translation>un entero o una longitud en una forma más larga de lo necesario</translation>
    </message>
    <message>
        <source>The data holds an integer outside the 64-bit signed range.</source>
        <translation>Los datos contienen un entero fuera del rango con signo de 64 bits.</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>el texto no es UTF-8 válido</translation>
    </message>
    <message>
        <source>The data has the same map key twice.</source>
        <translation>Los datos tienen dos veces la misma clave de mapa.</translation>
    </message>
    <message>
        <source>map keys out of order</source>
        <translation>claves de mapa fuera de orden</translation>
    </message>
</context>
<context>
    <name>kp::EventSignature</name>
    <message>
        <source>The case event %1 is too large to sign.</source>
        <translation>El evento de expediente %1 es demasiado grande para firmarlo.</translation>
    </message>
    <message>
        <source>The signature does not match the event as the office holds it.</source>
        <translation>La firma no coincide con el evento tal como lo tiene la oficina.</translation>
    </message>
    <message>
        <source>The batch %1 of case events cannot be signed.</source>
        <translation>El lote %1 de eventos de expediente no se puede firmar.</translation>
    </message>
</context>
<context>
    <name>kp::ImageScan</name>
    <message>
        <source>No barcode was found in the image.</source>
        <translation>No se encontró ningún código de barras en la imagen.</translation>
    </message>
</context>
<context>
    <name>kp::InspectionRows</name>
    <message>
        <source>The desk&apos;s inspections cannot be read.</source>
        <translation>No se pueden leer las inspecciones del puesto.</translation>
    </message>
</context>
<context>
    <name>kp::Kp1</name>
    <message>
        <source>Not a KP1 barcode (it does not start with KP1:).</source>
        <translation>No es un código de barras KP1 (no empieza por KP1:).</translation>
    </message>
    <message>
        <source>The KP1 text is longer than any KP1 code can be.</source>
        <translation>El texto KP1 es más largo de lo que puede ser cualquier código KP1.</translation>
    </message>
    <message>
        <source>The KP1 text has a character outside Base45.</source>
        <translation>El texto KP1 tiene un carácter fuera de Base45.</translation>
    </message>
</context>
<context>
    <name>kp::KpMessage</name>
    <message>
        <source>%1 must be text.</source>
        <translation>%1 debe ser texto.</translation>
    </message>
    <message>
        <source>%1 must be an unsigned integer.</source>
        <translation>%1 debe ser un entero sin signo.</translation>
    </message>
    <message>
        <source>%1 must be a map.</source>
        <translation>%1 debe ser un mapa.</translation>
    </message>
    <message>
        <source>%1 must be a list of text.</source>
        <translation>%1 debe ser una lista de textos.</translation>
    </message>
    <message>
        <source>body.no is not a certificate number.</source>
        <translation>body.no no es un número de certificado.</translation>
    </message>
    <message>
        <source>body.recv must be a date (YYYY-MM-DD).</source>
        <translation>body.recv debe ser una fecha (AAAA-MM-DD).</translation>
    </message>
    <message>
        <source>body.checks must be a list of at most %1 checks.</source>
        <translation>body.checks debe ser una lista de %1 verificaciones como máximo.</translation>
    </message>
    <message>
        <source>Each of body.checks must be a map.</source>
        <translation>Cada elemento de body.checks debe ser un mapa.</translation>
    </message>
    <message>
        <source>A check&apos;s status must be pass, warn, fail or skip.</source>
        <translation>El estado de una verificación debe ser pass, warn, fail o skip.</translation>
    </message>
    <message>
        <source>body.files must be a list of at most %1 files.</source>
        <translation>body.files debe ser una lista de %1 archivos como máximo.</translation>
    </message>
    <message>
        <source>Each of body.files must be a map.</source>
        <translation>Cada elemento de body.files debe ser un mapa.</translation>
    </message>
    <message>
        <source>A file needs its sha256 (32 bytes) and its data.</source>
        <translation>Un archivo necesita su sha256 (32 bytes) y sus datos.</translation>
    </message>
    <message>
        <source>The files of a message may hold at most %1 MiB in all.</source>
        <translation>Los archivos de un mensaje pueden sumar como máximo %1 MiB.</translation>
    </message>
    <message>
        <source>The file %1 does not match its sha256.</source>
        <translation>El archivo %1 no coincide con su sha256.</translation>
    </message>
    <message>
        <source>body.case must be the case&apos;s UUID.</source>
        <translation>body.case debe ser el UUID del expediente.</translation>
    </message>
    <message>
        <source>body.verdict must be accept, doubt or reject.</source>
        <translation>body.verdict debe ser accept, doubt o reject.</translation>
    </message>
    <message>
        <source>An addressee is a participant&apos;s code, KP-CHAIR or KP-WGM, not %1.</source>
        <translation>Un destinatario es el código de un participante, KP-CHAIR o KP-WGM, no %1.</translation>
    </message>
    <message>
        <source>Not a kpmsg version 1 message.</source>
        <translation>No es un mensaje kpmsg de versión 1.</translation>
    </message>
    <message>
        <source>kind must be confirmation or doubt.</source>
        <translation>kind debe ser confirmation o doubt.</translation>
    </message>
    <message>
        <source>id must be 16 bytes.</source>
        <translation>id debe tener 16 bytes.</translation>
    </message>
    <message>
        <source>at must be a time in RFC 3339 with its zone.</source>
        <translation>at debe ser una hora RFC 3339 con su zona horaria.</translation>
    </message>
    <message>
        <source>audit must be [entries, the head&apos;s 32-byte hash].</source>
        <translation>audit debe ser [entradas, hash de 32 bytes de la cabeza].</translation>
    </message>
    <message>
        <source>n counts from 1.</source>
        <translation>n cuenta desde 1.</translation>
    </message>
    <message>
        <source>The desk&apos;s id may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>El id del puesto puede contener letras, dígitos, &apos;.&apos;, &apos;_&apos; y &apos;-&apos; (64 como máximo).</translation>
    </message>
    <message>
        <source>pt must be a participant&apos;s two-letter code.</source>
        <translation>pt debe ser el código de dos letras de un participante.</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>El mensaje es demasiado grande.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB.</source>
        <translation>Un mensaje puede ocupar como máximo %1 MiB.</translation>
    </message>
    <message>
        <source>The message does not carry its desk certificate (x5chain).</source>
        <translation>El mensaje no lleva su certificado de puesto (x5chain).</translation>
    </message>
    <message>
        <source>The signature does not verify with the desk certificate it carries.</source>
        <translation>La firma no se verifica con el certificado de puesto que lleva.</translation>
    </message>
    <message>
        <source>The payload is not a map.</source>
        <translation>La carga útil no es un mapa.</translation>
    </message>
    <message>
        <source>The message says desk %1 of %2, its certificate %3 of %4.</source>
        <translation>El mensaje indica el puesto %1 de %2, y su certificado %3 de %4.</translation>
    </message>
</context>
<context>
    <name>kp::Lockout</name>
    <message>
        <source>This account is locked after repeated failed sign-ins until %1 UTC.</source>
        <translation>Esta cuenta está bloqueada tras repetidos inicios de sesión fallidos hasta las %1 UTC.</translation>
    </message>
</context>
<context>
    <name>kp::MessageFactory</name>
    <message>
        <source>The inspection has no certificate record to confirm.</source>
        <translation>La inspección no tiene ningún registro de certificado que confirmar.</translation>
    </message>
    <message>
        <source>The attachment %1 could not be read in full.</source>
        <translation>No se pudo leer por completo el adjunto %1.</translation>
    </message>
</context>
<context>
    <name>kp::MessageInbox</name>
    <message>
        <source>Cannot move %1 to %2: %3</source>
        <translation>No se puede mover %1 a %2: %3</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not issued by this authority&apos;s CA.</source>
        <translation>El certificado de puesto de %1 no fue emitido por la AC de esta autoridad.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not a desk certificate (it is a CA, or may not sign).</source>
        <translation>El certificado de %1 no es un certificado de puesto (es una AC, o no puede firmar).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not valid when the message was made (%2; valid %3 to %4).</source>
        <translation>El certificado de puesto de %1 no era válido cuando se creó el mensaje (%2; válido del %3 al %4).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 names participant %2, its CA %3.</source>
        <translation>El certificado de puesto de %1 indica el participante %2, y su AC %3.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 no es una carpeta.</translation>
    </message>
    <message>
        <source>%1 must be a folder of its own.</source>
        <translation>%1 debe ser una carpeta propia.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>No se puede crear %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>No se puede leer el archivo: %1</translation>
    </message>
    <message>
        <source>A different message with the id %1 was already taken.</source>
        <translation>Ya se recibió otro mensaje distinto con el id %1.</translation>
    </message>
    <message>
        <source>Cannot remove %1, a copy of %2.</source>
        <translation>No se puede eliminar %1, copia de %2.</translation>
    </message>
    <message>
        <source>The message of %1 says it was made at %2, after it was received (%3).</source>
        <translation>El mensaje de %1 indica que se creó el %2, después de recibirse (%3).</translation>
    </message>
    <message numerus="yes">
        <source>The desk certificate of %1 expired on %2, more than %Ln day(s) before the message was received (%3): a message signed after that could claim any earlier time.</source>
        <translation>
            <numerusform>El certificado de puesto de %1 venció el %2, más de %Ln día antes de que se recibiera el mensaje (%3): un mensaje firmado después podría declarar cualquier hora anterior.</numerusform>
            <numerusform>El certificado de puesto de %1 venció el %2, más de %Ln días antes de que se recibiera el mensaje (%3): un mensaje firmado después podría declarar cualquier hora anterior.</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s list of desks was not given: no message can be taken.</source>
        <translation>No se indicó la lista de puestos de la autoridad: no se puede recibir ningún mensaje.</translation>
    </message>
    <message>
        <source>The desk certificate of %1 is revoked, or is not in the authority&apos;s list of desks.</source>
        <translation>El certificado de puesto de %1 está revocado o no figura en la lista de puestos de la autoridad.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB; this file holds %2 bytes or more.</source>
        <translation>Un mensaje puede ocupar como máximo %1 MiB; este archivo contiene %2 bytes o más.</translation>
    </message>
    <message>
        <source>Not a regular file (a link, a folder, a pipe or a device).</source>
        <translation>No es un archivo normal (es un enlace, una carpeta, una tubería o un dispositivo).</translation>
    </message>
</context>
<context>
    <name>kp::MessageLedger</name>
    <message>
        <source>Cannot read the message ledger %1: %2</source>
        <translation>No se puede leer el libro de mensajes %1: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a message ledger: give the path of a file.</source>
        <translation>&apos;%1&apos; no puede ser un libro de mensajes: indique la ruta de un archivo.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 no es un archivo.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>Cannot open the message ledger %1: %2</source>
        <translation>No se puede abrir el libro de mensajes %1: %2</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (ledger schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 fue creado por una versión más reciente de KP Desk (esquema de libro %2; esta conoce el %3). No se modificó.</translation>
    </message>
    <message>
        <source>Cannot bring the message ledger %1 to schema %2: %3</source>
        <translation>No se puede llevar el libro de mensajes %1 al esquema %2: %3</translation>
    </message>
    <message>
        <source>Cannot write the message ledger %1: %2</source>
        <translation>No se puede escribir el libro de mensajes %1: %2</translation>
    </message>
    <message>
        <source>A message with the id %1 is already in the ledger.</source>
        <translation>Ya hay un mensaje con el id %1 en el libro.</translation>
    </message>
    <message>
        <source>unknown report kind %1</source>
        <translation>tipo de informe desconocido: %1</translation>
    </message>
</context>
<context>
    <name>kp::OfficeDatabase</name>
    <message>
        <source>This desk cannot talk to an office: Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql).</source>
        <translation>Este puesto no puede comunicarse con una oficina: el controlador PostgreSQL de Qt no está instalado (Debian: libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>The office (%1) cannot be reached: %2</source>
        <translation>No se puede contactar con la oficina (%1): %2</translation>
    </message>
    <message>
        <source>the connection to the server was lost.</source>
        <translation>se perdió la conexión con el servidor.</translation>
    </message>
    <message>
        <source>The office (%1) answered: %2</source>
        <translation>La oficina (%1) respondió: %2</translation>
    </message>
    <message>
        <source>The office&apos;s database (schema %1) is newer than this program (%2): update KP Desk.</source>
        <translation>La base de datos de la oficina (esquema %1) es más reciente que este programa (%2): actualice KP Desk.</translation>
    </message>
    <message>
        <source>The office&apos;s database could not be brought to schema %1 (run `kpdesk-cli office-init` as its owner): %2</source>
        <translation>No se pudo llevar la base de datos de la oficina al esquema %1 (ejecute `kpdesk-cli office-init` como su propietario): %2</translation>
    </message>
    <message numerus="yes">
        <source>The office (%1) stopped answering: the connection was given up after %Ln second(s) of silence.</source>
        <translation>
            <numerusform>La oficina (%1) dejó de responder: se abandonó la conexión tras %Ln segundo sin respuesta.</numerusform>
            <numerusform>La oficina (%1) dejó de responder: se abandonó la conexión tras %Ln segundos sin respuesta.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::OfficeLink</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>No se pudo leer o escribir el archivo del puesto: %1</translation>
    </message>
    <message>
        <source>The office&apos;s password file %1 could not be written or read.</source>
        <translation>No se pudo escribir ni leer el archivo de contraseña de la oficina %1.</translation>
    </message>
</context>
<context>
    <name>kp::OfficeUrl</name>
    <message>
        <source>The office&apos;s address is not usable: %1</source>
        <translation>La dirección de la oficina no es utilizable: %1</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>no es una URL.</translation>
    </message>
    <message>
        <source>it must start with postgresql://.</source>
        <translation>debe empezar por postgresql://.</translation>
    </message>
    <message>
        <source>sslmode is one of %1.</source>
        <translation>sslmode es uno de %1.</translation>
    </message>
    <message>
        <source>the parameter %1 is not known here.</source>
        <translation>aquí no se reconoce el parámetro %1.</translation>
    </message>
    <message>
        <source>it names no server.</source>
        <translation>no indica ningún servidor.</translation>
    </message>
    <message>
        <source>it names no database (…/DATABASE).</source>
        <translation>no indica ninguna base de datos (…/DATABASE).</translation>
    </message>
    <message>
        <source>it names no user (postgresql://USER@…).</source>
        <translation>no indica ningún usuario (postgresql://USER@…).</translation>
    </message>
    <message>
        <source>sslrootcert must name a file, without &apos;;&apos;.</source>
        <translation>sslrootcert debe indicar un archivo, sin &apos;;&apos;.</translation>
    </message>
</context>
<context>
    <name>kp::OutboxDelivery</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>%1 answered %2 %3</source>
        <translation>%1 respondió %2 %3</translation>
    </message>
    <message>
        <source>%1: no answer for %2 s</source>
        <translation>%1: sin respuesta durante %2 s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder this desk can write to (is the stick mounted?).</source>
        <translation>%1 no es una carpeta en la que este puesto pueda escribir (¿está montada la memoria USB?).</translation>
    </message>
    <message>
        <source>No intake is set for the outbox (kpdesk-cli settings --outbox-intake https://...).</source>
        <translation>No hay dirección de recepción para la bandeja de salida (kpdesk-cli settings --outbox-intake https://...).</translation>
    </message>
</context>
<context>
    <name>kp::PasswordHash</name>
    <message>
        <source>The stored password hash is unusable: %1</source>
        <translation>El hash de contraseña guardado es inutilizable: %1</translation>
    </message>
    <message>
        <source>it is not of the form scrypt$N=…,r=…,p=…$salt$hash</source>
        <translation>no tiene la forma scrypt$N=…,r=…,p=…$salt$hash</translation>
    </message>
    <message>
        <source>its parameters are outside what this desk accepts</source>
        <translation>sus parámetros están fuera de lo que acepta este puesto</translation>
    </message>
    <message>
        <source>its salt or hash is not base64</source>
        <translation>su sal o su hash no está en base64</translation>
    </message>
    <message>
        <source>its salt or hash has the wrong length</source>
        <translation>su sal o su hash tiene una longitud incorrecta</translation>
    </message>
    <message>
        <source>The scrypt parameters N=%1, r=%2, p=%3 are not supported.</source>
        <translation>Los parámetros de scrypt N=%1, r=%2, p=%3 no son compatibles.</translation>
    </message>
    <message>
        <source>scrypt failed: %1</source>
        <translation>scrypt falló: %1</translation>
    </message>
    <message>
        <source>No random bytes for the salt.</source>
        <translation>No hay bytes aleatorios para la sal.</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nombre o contraseña incorrectos.</translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %Ln characters.</source>
        <translation>
            <numerusform>La contraseña debe tener al menos %Ln carácter.</numerusform>
            <numerusform>La contraseña debe tener al menos %Ln caracteres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at most %Ln characters.</source>
        <translation>
            <numerusform>La contraseña debe tener como máximo %Ln carácter.</numerusform>
            <numerusform>La contraseña debe tener como máximo %Ln caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the account&apos;s name.</source>
        <translation>La contraseña no debe ser el nombre de la cuenta.</translation>
    </message>
</context>
<context>
    <name>kp::PdfExport</name>
    <message>
        <source>The PDF %1 cannot be written: %2</source>
        <translation>No se puede escribir el PDF %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::Permissions</name>
    <message>
        <source>verify</source>
        <translation>verificar</translation>
    </message>
    <message>
        <source>record the physical check</source>
        <translation>registrar el control físico</translation>
    </message>
    <message>
        <source>flag reasonable doubt</source>
        <translation>señalar una duda razonable</translation>
    </message>
    <message>
        <source>add a note</source>
        <translation>añadir una nota</translation>
    </message>
    <message>
        <source>add evidence</source>
        <translation>añadir pruebas</translation>
    </message>
    <message>
        <source>release a shipment</source>
        <translation>liberar un envío</translation>
    </message>
    <message>
        <source>take a case for review</source>
        <translation>tomar un expediente para revisión</translation>
    </message>
    <message>
        <source>decide a case</source>
        <translation>resolver un expediente</translation>
    </message>
    <message>
        <source>escalate a case</source>
        <translation>remitir un expediente</translation>
    </message>
    <message>
        <source>record an authority&apos;s reply</source>
        <translation>registrar la respuesta de una autoridad</translation>
    </message>
    <message>
        <source>close a case</source>
        <translation>cerrar un expediente</translation>
    </message>
    <message>
        <source>reopen a case</source>
        <translation>reabrir un expediente</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>gestionar las cuentas</translation>
    </message>
    <message>
        <source>change the desk&apos;s settings</source>
        <translation>cambiar la configuración del puesto</translation>
    </message>
    <message>
        <source>Unknown action “%1”.</source>
        <translation>Acción «%1» desconocida.</translation>
    </message>
    <message>
        <source>The role %1 may not %2.</source>
        <translation>El rol %1 no puede %2.</translation>
    </message>
    <message>
        <source>Who flagged this case is not known, so the four-eyes rule cannot be checked.</source>
        <translation>No se sabe quién señaló este expediente, así que no se puede comprobar la regla de los cuatro ojos.</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not decide it: another supervisor must (four eyes).</source>
        <translation>%1 señaló este expediente y no puede resolverlo: debe hacerlo otro supervisor (cuatro ojos).</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not take it for review: another supervisor must (four eyes).</source>
        <translation>%1 señaló este expediente y no puede tomarlo para revisión: debe hacerlo otro supervisor (cuatro ojos).</translation>
    </message>
</context>
<context>
    <name>kp::PhysicalCheck</name>
    <message>
        <source>%1 parcels counted; the certificate says %2.</source>
        <translation>%1 bultos contados; el certificado indica %2.</translation>
    </message>
    <message>
        <source>%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).</source>
        <translation>%1 ct pesados; el certificado indica %2 ct (tolerancia %3 ct).</translation>
    </message>
    <message>
        <source>A seal is broken or tampered with.</source>
        <translation>Un precinto está roto o manipulado.</translation>
    </message>
    <message>
        <source>Seal numbers %1 do not match the certificate&apos;s %2.</source>
        <translation>Los números de precinto %1 no coinciden con los del certificado, %2.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>The importer on the declaration is not %1.</source>
        <translation>El importador de la declaración no es %1.</translation>
    </message>
</context>
<context>
    <name>kp::Publisher</name>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>No se puede copiar %1 a %2.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2: %3</source>
        <translation>No se puede copiar %1 a %2: %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>No se puede leer %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>%1 holds no full snapshot: publish one first.</source>
        <translation>%1 no contiene ninguna instantánea completa: publique una primero.</translation>
    </message>
    <message>
        <source>The deltas do not lead from the newest full snapshot (seq %1) to seq %2: publish the missing delta or a new full snapshot.</source>
        <translation>Los deltas no llevan de la instantánea completa más reciente (n.º %1) al n.º %2: publique el delta que falta o una nueva instantánea completa.</translation>
    </message>
    <message>
        <source>Cannot write the index in %1: %2</source>
        <translation>No se puede escribir el índice en %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::PulledCaseCheck</name>
    <message>
        <source>The flag of case %1 does not carry its case (a desk from before signed cases made it): its certificate cannot be trusted.</source>
        <translation>El señalamiento del expediente %1 no lleva su expediente (lo creó un puesto anterior a los expedientes firmados): no se puede confiar en su certificado.</translation>
    </message>
    <message>
        <source>The office holds a flag of case %1 but not the case.</source>
        <translation>La oficina tiene un señalamiento del expediente %1, pero no el expediente.</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>puesto</translation>
    </message>
    <message>
        <source>time</source>
        <translation>hora</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>inspección</translation>
    </message>
    <message>
        <source>certificate %1 signed, %2 in the row</source>
        <translation>certificado %1 firmado, %2 en la fila</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>participante</translation>
    </message>
    <message>
        <source>The office&apos;s row of case %1 is not the case its desk signed: %2.</source>
        <translation>La fila de la oficina para el expediente %1 no es el expediente que firmó su puesto: %2.</translation>
    </message>
    <message>
        <source>The flag of case %1 has no valid time.</source>
        <translation>El señalamiento del expediente %1 no tiene una hora válida.</translation>
    </message>
</context>
<context>
    <name>kp::PulledEventCheck</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>No se pudo leer o escribir el archivo del puesto: %1</translation>
    </message>
    <message>
        <source>The event is signed with a certificate that is not a desk&apos;s.</source>
        <translation>El evento está firmado con un certificado que no es de un puesto.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not valid when the event was made.</source>
        <translation>El certificado de puesto %1 no era válido cuando se creó el evento.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not issued by an authority CA of %2 that this desk holds.</source>
        <translation>El certificado de puesto %1 no fue emitido por una AC de la autoridad de %2 que tenga este puesto.</translation>
    </message>
    <message>
        <source>The event is not signed by an enrolled desk.</source>
        <translation>El evento no está firmado por un puesto inscrito.</translation>
    </message>
    <message>
        <source>The event&apos;s desk certificate cannot be read.</source>
        <translation>No se puede leer el certificado de puesto del evento.</translation>
    </message>
    <message>
        <source>The event claims the desk %1, which the desk certificate %2 signs for; it is signed by %3.</source>
        <translation>El evento declara el puesto %1, en cuyo nombre firma el certificado de puesto %2; está firmado por %3.</translation>
    </message>
    <message>
        <source>The attachment %1 is not the file that was signed.</source>
        <translation>El adjunto %1 no es el archivo que se firmó.</translation>
    </message>
    <message>
        <source>The event &apos;%1&apos; by %2 (%3) is not one a desk can take.</source>
        <translation>El evento &apos;%1&apos; de %2 (%3) no es de los que un puesto puede recibir.</translation>
    </message>
    <message>
        <source>The desk&apos;s file could not be read: %1</source>
        <translation>No se pudo leer el archivo del puesto: %1</translation>
    </message>
    <message>
        <source>The desk certificate %1 was revoked by the authority on %2.</source>
        <translation>La autoridad revocó el certificado de puesto %1 el %2.</translation>
    </message>
    <message>
        <source>The event is not in the signed batch %1 it names.</source>
        <translation>El evento no está en el lote firmado %1 que indica.</translation>
    </message>
</context>
<context>
    <name>kp::Recheck</name>
    <message>
        <source>ACCEPT</source>
        <translation>ACEPTADO</translation>
    </message>
    <message>
        <source>DOUBT</source>
        <translation>DUDA</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>RECHAZADO</translation>
    </message>
    <message>
        <source>pass</source>
        <comment>check status</comment>
        <translation>correcto</translation>
    </message>
    <message>
        <source>warn</source>
        <comment>check status</comment>
        <translation>aviso</translation>
    </message>
    <message>
        <source>FAIL</source>
        <comment>check status</comment>
        <translation>FALLO</translation>
    </message>
    <message>
        <source>skip</source>
        <comment>check status</comment>
        <translation>no verificado</translation>
    </message>
    <message>
        <source>verdict: was %1, now %2</source>
        <translation>veredicto: era %1, ahora %2</translation>
    </message>
    <message>
        <source>%1: not in the inspection then, now %2 — %3</source>
        <translation>%1: no estaba en la inspección entonces, ahora %2 — %3</translation>
    </message>
    <message>
        <source>%1: was %2, not checked now</source>
        <translation>%1: era %2, ahora no verificado</translation>
    </message>
    <message>
        <source>%1: was %2, now %3 — %4</source>
        <translation>%1: era %2, ahora %3 — %4</translation>
    </message>
    <message>
        <source>%1: still %2 — now: %3 (then: %4)</source>
        <translation>%1: sigue %2 — ahora: %3 (entonces: %4)</translation>
    </message>
    <message>
        <source>No change since %1.</source>
        <translation>Sin cambios desde el %1.</translation>
    </message>
    <message>
        <source>This inspection was stored without what was scanned, so it cannot be verified again: scan the certificate again.</source>
        <translation>Esta inspección se guardó sin lo escaneado, así que no se puede volver a verificar: escanee de nuevo el certificado.</translation>
    </message>
    <message>
        <source>Not verified again: %1</source>
        <translation>No verificado de nuevo: %1</translation>
    </message>
</context>
<context>
    <name>kp::RecordReport</name>
    <message>
        <source>(unknown)</source>
        <translation>(desconocido)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>correcto</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>aviso</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FALLO</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>no verificado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>No signed certificate record was read (a typed number or an unreadable code).</source>
        <translation>No se leyó ningún registro de certificado firmado (número tecleado o código ilegible).</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Record version</source>
        <translation>Versión del registro</translation>
    </message>
    <message>
        <source>Issuing participant</source>
        <translation>Participante emisor</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>Autoridad emisora</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitido</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (mixto)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Exportador</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Importador</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>HS %1: %2 ct, US$ %3</source>
        <translation>SA %1: %2 ct, US$ %3</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>%1 ct, US$ %2</source>
        <translation>%1 ct, US$ %2</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Bultos</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Precintos</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>No se registró ningún control físico.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(no verificado)</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>Declaración de aduana</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Bultos contados</translation>
    </message>
    <message>
        <source>Mass weighed</source>
        <translation>Masa pesada</translation>
    </message>
    <message>
        <source>%1 ct (tolerance %2 ct)</source>
        <translation>%1 ct (tolerancia %2 ct)</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Precintos intactos</translation>
    </message>
    <message>
        <source>Seal numbers read</source>
        <translation>Números de precinto leídos</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>El importador coincide con la declaración</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>Discrepancias</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Veredicto final</translation>
    </message>
    <message>
        <source>Verdict of the verification</source>
        <translation>Veredicto de la verificación</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Número de certificado</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(sin número)</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Funcionario</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>%1 (id %2, participant %3)</source>
        <translation>%1 (id %2, participante %3)</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>Leído de</translation>
    </message>
    <message>
        <source>Inspection id</source>
        <translation>Id de la inspección</translation>
    </message>
    <message>
        <source>Desk data</source>
        <translation>Datos del puesto</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Verificaciones</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>No check was recorded.</source>
        <translation>No se registró ninguna verificación.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Control físico</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>Certificado tal como lo firmó la autoridad emisora</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Imagen escaneada</translation>
    </message>
    <message>
        <source>No image was kept with this inspection.</source>
        <translation>No se conservó ninguna imagen con esta inspección.</translation>
    </message>
    <message>
        <source>Printed %1 by %2 at %3</source>
        <translation>Impreso el %1 por %2 en %3</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>Motivos: %1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>El envío está retenido.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>El envío no está retenido.</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Resultado: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <source>One-person post: decided by who flagged it.</source>
        <translation>Oficina unipersonal: resuelto por quien lo señaló.</translation>
    </message>
    <message numerus="yes">
        <source>File %1, %Ln byte(s), SHA-256 %2</source>
        <translation>
            <numerusform>Archivo %1, %Ln byte, SHA-256 %2</numerusform>
            <numerusform>Archivo %1, %Ln bytes, SHA-256 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>No existe el registro: %1.</translation>
    </message>
    <message>
        <source>KP Desk — inspection record</source>
        <translation>KP Desk — ficha de inspección</translation>
    </message>
    <message>
        <source>Inspection of certificate %1</source>
        <translation>Inspección del certificado %1</translation>
    </message>
    <message>
        <source>KP Desk — case record</source>
        <translation>KP Desk — ficha de expediente</translation>
    </message>
    <message>
        <source>Case of certificate %1</source>
        <translation>Expediente del certificado %1</translation>
    </message>
    <message>
        <source>Case id</source>
        <translation>Id del expediente</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Envío</translation>
    </message>
    <message>
        <source>held</source>
        <translation>retenido</translation>
    </message>
    <message>
        <source>not held</source>
        <translation>no retenido</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguno por ahora</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Señalado por</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (id %2)</translation>
    </message>
    <message>
        <source>opened at desk %1</source>
        <translation>abierto en el puesto %1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>%1 (event %2, %3)</source>
        <translation>%1 (evento %2, %3)</translation>
    </message>
    <message>
        <source>Images attached to the case</source>
        <translation>Imágenes adjuntas al expediente</translation>
    </message>
    <message>
        <source>The inspection, as it was seen</source>
        <translation>La inspección, tal como se vio</translation>
    </message>
    <message>
        <source>The case&apos;s inspection %1 is not in the desk&apos;s records.</source>
        <translation>La inspección %1 del expediente no está en los registros del puesto.</translation>
    </message>
    <message>
        <source>by %1: the verdict was %2, now %3. Reason: %4</source>
        <translation>por %1: el veredicto era %2, ahora %3. Motivo: %4</translation>
    </message>
    <message>
        <source>The physical check as first recorded:</source>
        <translation>El control físico tal como se registró inicialmente:</translation>
    </message>
    <message>
        <source>Corrections of the physical check</source>
        <translation>Correcciones del control físico</translation>
    </message>
</context>
<context>
    <name>kp::RecordsStore</name>
    <message>
        <source>The desk&apos;s records could not be written: %1</source>
        <translation>No se pudieron escribir los registros del puesto: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s records could not be read: %1</source>
        <translation>No se pudieron leer los registros del puesto: %1</translation>
    </message>
    <message>
        <source>flagged before this desk kept cases</source>
        <translation>señalado antes de que este puesto llevara expedientes</translation>
    </message>
    <message>
        <source>Certificate %1 was already released: a certificate is released once.</source>
        <translation>El certificado %1 ya se liberó: un certificado se libera una sola vez.</translation>
    </message>
</context>
<context>
    <name>kp::RegularFile</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a device, a pipe or a socket); it is not read.</source>
        <translation>%1 no es un archivo normal (es una carpeta, un dispositivo, una tubería o un socket); no se lee.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Reading %1 took too long; it was given up.</source>
        <translation>La lectura de %1 tardó demasiado; se abandonó.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not read.</source>
        <translation>%1 ocupa más de %2 bytes; no se lee.</translation>
    </message>
</context>
<context>
    <name>kp::Replicator</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>No se pudo leer o escribir el archivo del puesto: %1</translation>
    </message>
    <message>
        <source>The office holds an event of a case it does not hold (%1).</source>
        <translation>La oficina tiene un evento de un expediente que no tiene (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk are not at the office yet.</source>
        <translation>
            <numerusform>%Ln registro de este puesto aún no está en la oficina.</numerusform>
            <numerusform>%Ln registros de este puesto aún no están en la oficina.</numerusform>
        </translation>
    </message>
    <message>
        <source>cases</source>
        <translation>expedientes</translation>
    </message>
    <message>
        <source>case events</source>
        <translation>eventos de expedientes</translation>
    </message>
    <message>
        <source>inspections</source>
        <translation>inspecciones</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>entradas de auditoría</translation>
    </message>
    <message>
        <source>The office holds %1 of this desk&apos;s %2 %3.</source>
        <translation>La oficina tiene %1 de %2 %3 de este puesto.</translation>
    </message>
    <message>
        <source>The office holds another entry (hash %1) at place %2 of this desk&apos;s trail (hash %3): another role wrote it there.</source>
        <translation>La oficina tiene otra entrada (hash %1) en la posición %2 de la pista de este puesto (hash %3): otro rol la escribió allí.</translation>
    </message>
    <message>
        <source>The event is of a case this desk does not hold (%1).</source>
        <translation>El evento es de un expediente que este puesto no tiene (%1).</translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ALARMA: la oficina tiene otras entradas en %Ln posición de la pista de este puesto.</numerusform>
            <numerusform>ALARMA: la oficina tiene otras entradas en %Ln posiciones de la pista de este puesto.</numerusform>
        </translation>
    </message>
    <message>
        <source>The office holds case %1 without the flag that opens a case.</source>
        <translation>La oficina tiene el expediente %1 sin el señalamiento que abre un expediente.</translation>
    </message>
    <message>
        <source>The case %1 has its flag already.</source>
        <translation>El expediente %1 ya tiene su señalamiento.</translation>
    </message>
</context>
<context>
    <name>kp::ReportPainter</name>
    <message>
        <source>A record can only be drawn in a program with fonts (QGuiApplication).</source>
        <translation>Una ficha solo puede dibujarse en un programa con fuentes (QGuiApplication).</translation>
    </message>
    <message>
        <source>The record cannot be drawn on this printer or file.</source>
        <translation>La ficha no puede dibujarse en esta impresora o archivo.</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>No se pudo empezar una página nueva.</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>página %1 de %2</translation>
    </message>
    <message>
        <source>The record could not be finished.</source>
        <translation>No se pudo terminar la ficha.</translation>
    </message>
</context>
<context>
    <name>kp::Role</name>
    <message>
        <source>Unknown role “%1”: officer, supervisor or administrator.</source>
        <translation>Rol «%1» desconocido: officer, supervisor o administrator.</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Funcionario</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
</context>
<context>
    <name>kp::SetAside</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>No se pudo leer o escribir el archivo del puesto: %1</translation>
    </message>
</context>
<context>
    <name>kp::ShipmentRelease</name>
    <message>
        <source>The inspection is not in the desk&apos;s records.</source>
        <translation>La inspección no está en los registros del puesto.</translation>
    </message>
</context>
<context>
    <name>kp::SyncClient</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Se canceló la sincronización.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 no es una URL utilizable.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 no es un archivo .kpsync, ni una carpeta con un índice de sincronización, ni una URL http(s).</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>No se puede leer %1.</translation>
    </message>
    <message>
        <source>%1 holds bundles but no sync index (the file &apos;index&apos;): a sync needs the authority&apos;s signed index to know which bundles to apply. Choose the folder the authority published (kpdesk-cli authority publish), or one bundle file.</source>
        <translation>%1 contiene paquetes pero ningún índice de sincronización (el archivo &apos;index&apos;): una sincronización necesita el índice firmado de la autoridad para saber qué paquetes aplicar. Elija la carpeta que publicó la autoridad (kpdesk-cli authority publish) o un único archivo de paquete.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>No hay índice de sincronización en %1.</translation>
    </message>
</context>
<context>
    <name>kp::SyncIndex</name>
    <message>
        <source>The sync index is malformed: %1</source>
        <translation>El índice de sincronización está mal formado: %1</translation>
    </message>
    <message>
        <source>not a map</source>
        <translation>no es un mapa</translation>
    </message>
    <message>
        <source>no seq</source>
        <translation>sin seq</translation>
    </message>
    <message>
        <source>no usable full snapshot</source>
        <translation>ninguna instantánea completa utilizable</translation>
    </message>
    <message>
        <source>deltas is not an array</source>
        <translation>deltas no es un arreglo</translation>
    </message>
    <message>
        <source>too many deltas</source>
        <translation>demasiados deltas</translation>
    </message>
    <message>
        <source>a delta entry is malformed</source>
        <translation>una entrada de delta está mal formada</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>más de %1 bytes</translation>
    </message>
    <message>
        <source>The sync index is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>El índice de sincronización no está firmado por la autoridad de origen de este puesto (ninguna clave de paquetes fijada lo verifica).</translation>
    </message>
    <message>
        <source>The index offers no way from seq %1 to seq %2 (no delta chain and no newer full snapshot).</source>
        <translation>El índice no ofrece ningún camino del n.º %1 al n.º %2 (ni cadena de deltas ni instantánea completa más reciente).</translation>
    </message>
</context>
<context>
    <name>kp::SyncLock</name>
    <message>
        <source>Cannot create the sync lock %1: %2</source>
        <translation>No se puede crear el bloqueo de sincronización %1: %2</translation>
    </message>
    <message>
        <source>A sync is already running for this desk; wait for it to finish, then sync again if it is still needed.</source>
        <translation>Ya hay una sincronización en curso para este puesto; espere a que termine y sincronice de nuevo si aún hace falta.</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>No se puede bloquear %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::SyncSource</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>No se puede leer %1.</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; the index says %3.</source>
        <translation>%1 tiene %2 bytes; el índice indica %3.</translation>
    </message>
    <message>
        <source>%1 does not match its SHA-256 in the index: damaged or altered.</source>
        <translation>%1 no coincide con su SHA-256 del índice: dañado o alterado.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>No hay índice de sincronización en %1.</translation>
    </message>
    <message>
        <source>The sync index in %1 is too large.</source>
        <translation>El índice de sincronización en %1 es demasiado grande.</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (timed out).</source>
        <translation>%1: sin datos durante %2 s (tiempo agotado).</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3.</source>
        <translation>%1: HTTP %2 %3.</translation>
    </message>
    <message>
        <source>%1: DNS: the host %2 was not found.</source>
        <translation>%1: DNS: no se encontró el host %2.</translation>
    </message>
    <message>
        <source>%1: the server refused the connection.</source>
        <translation>%1: el servidor rechazó la conexión.</translation>
    </message>
    <message>
        <source>%1: the server closed the connection before the end.</source>
        <translation>%1: el servidor cerró la conexión antes del final.</translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation>%1: TLS: %2</translation>
    </message>
    <message>
        <source>%1: proxy: %2</source>
        <translation>%1: proxy: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: the server sends too slowly (fewer than %2 bytes in %3 s).</source>
        <translation>%1: el servidor envía demasiado lento (menos de %2 bytes en %3 s).</translation>
    </message>
    <message>
        <source>%1 is larger than a sync index can be.</source>
        <translation>%1 es más grande de lo que puede ser un índice de sincronización.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Cannot save %1 (is the disk full?): %2</source>
        <translation>No se puede guardar %1 (¿está lleno el disco?): %2</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Se canceló la sincronización.</translation>
    </message>
    <message>
        <source>%1 is longer than the index says.</source>
        <translation>%1 es más largo de lo que indica el índice.</translation>
    </message>
    <message>
        <source>%1: the server sent %2 of %3 bytes.</source>
        <translation>%1: el servidor envió %2 de %3 bytes.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 no es una URL utilizable.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 no es un archivo .kpsync, ni una carpeta con un índice de sincronización, ni una URL http(s).</translation>
    </message>
    <message>
        <source>The sync from %1 took longer than its limit of %2 s and was given up; the next sync takes it up again.</source>
        <translation>La sincronización desde %1 superó su límite de %2 s y se abandonó; la próxima sincronización la retomará.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation>No se puede crear una carpeta temporal: %1</translation>
    </message>
</context>
<context>
    <name>kp::TrailReading</name>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>La entrada %1 está guardada como fila %2.</translation>
    </message>
</context>
<context>
    <name>kp::Zlib</name>
    <message>
        <source>The compressed data is corrupt or truncated.</source>
        <translation>Los datos comprimidos están dañados o truncados.</translation>
    </message>
    <message>
        <source>The compressed data expands beyond %1 bytes.</source>
        <translation>Los datos comprimidos se expanden a más de %1 bytes.</translation>
    </message>
</context>
<context>
    <name>kp::cli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 es demasiado grande.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 no es JSON válido: %2 en la posición %3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>--pki DIR is required.</source>
        <translation>--pki CARPETA es obligatorio.</translation>
    </message>
    <message>
        <source>Folder to create the PKI in.</source>
        <translation>Carpeta donde crear la PKI.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>CARPETA</translation>
    </message>
    <message>
        <source>The publishing (home) authority&apos;s participant code.</source>
        <translation>Código de participante de la autoridad que publica (de origen).</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CÓDIGO</translation>
    </message>
    <message>
        <source>An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. Repeatable.</source>
        <translation>Un participante emisor, opcionalmente con su algoritmo: CÓDIGO[:es256|ps256|eddsa]. Repetible.</translation>
    </message>
    <message>
        <source>CODE[:ALG]</source>
        <translation>CÓDIGO[:ALG]</translation>
    </message>
    <message>
        <source>Create a demo PKI: a bundle key for the home authority, and an authority CA with a document signer for each issuer.</source>
        <translation>Crear una PKI de demostración: una clave de paquetes para la autoridad de origen y una AC de la autoridad con un firmante de documentos para cada emisor.</translation>
    </message>
    <message>
        <source>--out DIR and --home CODE are required.</source>
        <translation>--out CARPETA y --home CÓDIGO son obligatorios.</translation>
    </message>
    <message>
        <source>unknown algorithm &apos;%1&apos; (es256, ps256, eddsa).</source>
        <translation>algoritmo &apos;%1&apos; desconocido (es256, ps256, eddsa).</translation>
    </message>
    <message>
        <source>PKI written to %1; pin %1/bundle-cert.pem at the desks.</source>
        <translation>PKI escrita en %1; fije %1/bundle-cert.pem en los puestos.</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder.</source>
        <translation>La carpeta de la PKI de la autoridad.</translation>
    </message>
    <message>
        <source>The certificate record as JSON (kp1-barcode.md keys).</source>
        <translation>El registro del certificado en JSON (claves de kp1-barcode.md).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ARCHIVO</translation>
    </message>
    <message>
        <source>Where to write the signed record (COSE_Sign1).</source>
        <translation>Dónde escribir el registro firmado (COSE_Sign1).</translation>
    </message>
    <message>
        <source>Also write the KP1 barcode text to this file.</source>
        <translation>Escribir también el texto del código de barras KP1 en este archivo.</translation>
    </message>
    <message>
        <source>Sign a certificate record with the issuer&apos;s document signer.</source>
        <translation>Firmar un registro de certificado con el firmante de documentos del emisor.</translation>
    </message>
    <message>
        <source>--in FILE and --out FILE are required.</source>
        <translation>--in ARCHIVO y --out ARCHIVO son obligatorios.</translation>
    </message>
    <message>
        <source>the PKI has no document signer for %1.</source>
        <translation>la PKI no tiene firmante de documentos para %1.</translation>
    </message>
    <message>
        <source>Signed %1 (%2 bytes).</source>
        <translation>%1 firmado (%2 bytes).</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) to print as KP1.</source>
        <translation>Un registro firmado (COSE_Sign1) para imprimir como KP1.</translation>
    </message>
    <message>
        <source>Text to print instead (e.g. a certificate number).</source>
        <translation>Texto para imprimir en su lugar (p. ej. un número de certificado).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXTO</translation>
    </message>
    <message>
        <source>The image file to write (PNG, JPEG, TIFF, BMP).</source>
        <translation>El archivo de imagen a escribir (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation>IMAGEN</translation>
    </message>
    <message>
        <source>qr (default), datamatrix, aztec, pdf417 or code128.</source>
        <translation>qr (predeterminado), datamatrix, aztec, pdf417 o code128.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOMBRE</translation>
    </message>
    <message>
        <source>Pixels per module (default 4).</source>
        <translation>Píxeles por módulo (4 de forma predeterminada).</translation>
    </message>
    <message>
        <source>PX</source>
        <translation>PX</translation>
    </message>
    <message>
        <source>Print a barcode image with whole square modules and a four-module quiet zone.</source>
        <translation>Imprimir una imagen de código de barras con módulos cuadrados enteros y una zona de silencio de cuatro módulos.</translation>
    </message>
    <message>
        <source>give --out IMAGE and either --in FILE or --text TEXT.</source>
        <translation>indique --out IMAGEN y o bien --in ARCHIVO o bien --text TEXTO.</translation>
    </message>
    <message>
        <source>unknown --symbology or --module out of 1-40.</source>
        <translation>--symbology desconocida o --module fuera de 1-40.</translation>
    </message>
    <message>
        <source>cannot write %1.</source>
        <translation>no se puede escribir %1.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2x%3).</source>
        <translation>%1 escrito (%2x%3).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a date YYYY-MM-DD.</source>
        <translation>&apos;%1&apos; debe ser una fecha AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder.</source>
        <translation>La carpeta de la PKI de la autoridad de origen.</translation>
    </message>
    <message>
        <source>Sequence number of the state this bundle produces.</source>
        <translation>Número de secuencia del estado que produce este paquete.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>For a delta: the seq it applies to (default 0: full).</source>
        <translation>Para un delta: el n.º al que se aplica (0 por defecto: completo).</translation>
    </message>
    <message>
        <source>Days until desks show the data as stale (default 14).</source>
        <translation>Días hasta que los puestos muestren los datos como desactualizados (14 por defecto).</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>DÍAS</translation>
    </message>
    <message>
        <source>Participants JSON: an array of {c, name, st, from, to?, note?}, or &apos;demo&apos; for the built-in list with its history.</source>
        <translation>Participantes en JSON: un arreglo de {c, name, st, from, to?, note?}, o &apos;demo&apos; para la lista integrada con su historial.</translation>
    </message>
    <message>
        <source>Include every authority CA and document signer of the PKI.</source>
        <translation>Incluir todas las AC de autoridad y los firmantes de documentos de la PKI.</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) for the registry. Repeatable.</source>
        <translation>Un registro firmado (COSE_Sign1) para el registro. Repetible.</translation>
    </message>
    <message>
        <source>Revocations JSON: an array of {no, st, at, by, note?}.</source>
        <translation>Revocaciones en JSON: un arreglo de {no, st, at, by, note?}.</translation>
    </message>
    <message>
        <source>The message ledger: every confirmed import becomes a &apos;used&apos; revocation (an entry of --revoked for the same number wins).</source>
        <translation>El libro de mensajes: cada importación confirmada pasa a ser una revocación &apos;used&apos; (prevalece una entrada de --revoked para el mismo número).</translation>
    </message>
    <message>
        <source>Rules JSON: an object of rule key to value.</source>
        <translation>Reglas en JSON: un objeto de clave de regla a valor.</translation>
    </message>
    <message>
        <source>Contacts JSON: an array of {c, role, name, email?, phone?, addr?} with role authority, chair or wgm (c is KP for the last two), or &apos;demo&apos; for the demo desk&apos;s contacts.</source>
        <translation>Contactos en JSON: un arreglo de {c, role, name, email?, phone?, addr?} con role authority, chair o wgm (c es KP para los dos últimos), o &apos;demo&apos; para los contactos del puesto de demostración.</translation>
    </message>
    <message>
        <source>The .kpsync file to write.</source>
        <translation>El archivo .kpsync a escribir.</translation>
    </message>
    <message>
        <source>Publish a full or delta bundle signed with the home authority&apos;s bundle key.</source>
        <translation>Publicar un paquete completo o delta firmado con la clave de paquetes de la autoridad de origen.</translation>
    </message>
    <message>
        <source>--seq N (&gt;= 1), --base below it, --fresh-days and --out are needed.</source>
        <translation>Se necesitan --seq N (&gt;= 1), --base menor, --fresh-days y --out.</translation>
    </message>
    <message>
        <source>each participant needs c, st and a &apos;from&apos; date.</source>
        <translation>cada participante necesita c, st y una fecha &apos;from&apos;.</translation>
    </message>
    <message>
        <source>There is no message ledger at %1.</source>
        <translation>No hay ningún libro de mensajes en %1.</translation>
    </message>
    <message>
        <source>each contact needs c, name and a role: authority (c a participant), chair or wgm (c is KP).</source>
        <translation>cada contacto necesita c, name y un role: authority (c un participante), chair o wgm (c es KP).</translation>
    </message>
    <message>
        <source>Wrote %1 bundle seq %2 to %3.</source>
        <translation>Paquete %1 n.º %2 escrito en %3.</translation>
    </message>
    <message>
        <source>full</source>
        <translation>completo</translation>
    </message>
    <message>
        <source>delta</source>
        <translation>delta</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder (its bundle key signs the index).</source>
        <translation>La carpeta de la PKI de la autoridad de origen (su clave de paquetes firma el índice).</translation>
    </message>
    <message>
        <source>The folder to publish: serve it over HTTP(S) or copy it to a USB stick.</source>
        <translation>La carpeta a publicar: sírvala por HTTP(S) o cópiela en una memoria USB.</translation>
    </message>
    <message>
        <source>Keep deltas reaching the last N sequence numbers in the index (default 30).</source>
        <translation>Conservar en el índice los deltas que alcanzan los últimos N números de secuencia (30 por defecto).</translation>
    </message>
    <message>
        <source>Bundles (.kpsync) to add: full snapshots and deltas.</source>
        <translation>Paquetes (.kpsync) a añadir: instantáneas completas y deltas.</translation>
    </message>
    <message>
        <source>Add bundles to a publication folder and write its signed index (kp-sync.md, &apos;On a web server&apos;).</source>
        <translation>Añadir paquetes a una carpeta de publicación y escribir su índice firmado (kp-sync.md, &apos;On a web server&apos;).</translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation>--out CARPETA es obligatorio.</translation>
    </message>
    <message>
        <source>--keep-deltas needs a number.</source>
        <translation>--keep-deltas necesita un número.</translation>
    </message>
    <message numerus="yes">
        <source>Published seq %1 in %2: full snapshot seq %3 and %Ln delta(s).</source>
        <translation>
            <numerusform>N.º %1 publicado en %2: instantánea completa n.º %3 y %Ln delta.</numerusform>
            <numerusform>N.º %1 publicado en %2: instantánea completa n.º %3 y %Ln deltas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]</source>
        <translation>Uso: kpdesk-cli authority SUBCOMANDO [OPCIONES]</translation>
    </message>
    <message>
        <source>Subcommands:</source>
        <translation>Subcomandos:</translation>
    </message>
    <message>
        <source>create a demo PKI (bundle key, authority CAs, document signers)</source>
        <translation>crear una PKI de demostración (clave de paquetes, AC de autoridad, firmantes de documentos)</translation>
    </message>
    <message>
        <source>sign a certificate record from JSON</source>
        <translation>firmar un registro de certificado a partir de JSON</translation>
    </message>
    <message>
        <source>print a signed record or a number as a barcode image</source>
        <translation>imprimir un registro firmado o un número como imagen de código de barras</translation>
    </message>
    <message>
        <source>make a full or delta .kpsync bundle</source>
        <translation>crear un paquete .kpsync completo o delta</translation>
    </message>
    <message>
        <source>add bundles to a folder for a web server or USB stick, with its signed index</source>
        <translation>añadir paquetes a una carpeta para un servidor web o memoria USB, con su índice firmado</translation>
    </message>
    <message>
        <source>issue a desk certificate for a desk&apos;s request</source>
        <translation>emitir un certificado de puesto para la solicitud de un puesto</translation>
    </message>
    <message>
        <source>list the desks enrolled and revoked</source>
        <translation>listar los puestos inscritos y revocados</translation>
    </message>
    <message>
        <source>revoke a desk&apos;s certificate</source>
        <translation>revocar el certificado de un puesto</translation>
    </message>
    <message>
        <source>take the desks&apos; messages from an intake folder into the ledger</source>
        <translation>llevar los mensajes de los puestos de una carpeta de recepción al libro</translation>
    </message>
    <message>
        <source>list the reasonable doubts the desks reported</source>
        <translation>listar las dudas razonables informadas por los puestos</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli authority SUBCOMMAND --help&apos; for its options.</source>
        <translation>Ejecute &apos;kpdesk-cli authority SUBCOMANDO --help&apos; para ver sus opciones.</translation>
    </message>
    <message>
        <source>kpdesk-cli authority: unknown subcommand &apos;%1&apos;.</source>
        <translation>kpdesk-cli authority: subcomando &apos;%1&apos; desconocido.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>kpdesk-cli %1: %2</source>
        <translation>kpdesk-cli %1: %2</translation>
    </message>
    <message>
        <source>Try &apos;kpdesk-cli %1 --help&apos;.</source>
        <translation>Pruebe &apos;kpdesk-cli %1 --help&apos;.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache file (default: %1).</source>
        <translation>El archivo de caché del puesto (predeterminado: %1).</translation>
    </message>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>No se pudo escribir la pista de auditoría del puesto: %1</translation>
    </message>
    <message>
        <source>Where to make the demo desk (default: %1).</source>
        <translation>Dónde crear el puesto de demostración (predeterminado: %1).</translation>
    </message>
    <message>
        <source>Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the verdict for each demo certificate.</source>
        <translation>Crear un puesto DEMO (PKI, certificados, imágenes de códigos de barras, paquetes, caché) y mostrar el veredicto de cada certificado de demostración.</translation>
    </message>
    <message>
        <source>=== KP Desk DEMO: demo data, not real certificates ===</source>
        <translation>=== KP Desk DEMO: datos de demostración, no certificados reales ===</translation>
    </message>
    <message>
        <source>Making a demo desk of the EU in %1 ...</source>
        <translation>Creando un puesto de demostración de la UE en %1 ...</translation>
    </message>
    <message>
        <source>demo: %1</source>
        <translation>demo: %1</translation>
    </message>
    <message>
        <source>Desk cache %1, bundles applied: %2</source>
        <translation>Caché del puesto %1, paquetes aplicados: %2</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>sin leer</translation>
    </message>
    <message>
        <source>all checks passed (%1)</source>
        <translation>todas las verificaciones correctas (%1)</translation>
    </message>
    <message>
        <source>Try one yourself:</source>
        <translation>Pruebe usted mismo:</translation>
    </message>
    <message numerus="yes">
        <source>demo: %Ln certificate(s) did not get the expected verdict.</source>
        <translation>
            <numerusform>demo: %Ln certificado no obtuvo el veredicto esperado.</numerusform>
            <numerusform>demo: %Ln certificados no obtuvieron el veredicto esperado.</numerusform>
        </translation>
    </message>
    <message>
        <source>The participant this desk works for (e.g. EU, CA, NA).</source>
        <translation>El participante para el que trabaja este puesto (p. ej. EU, CA, NA).</translation>
    </message>
    <message>
        <source>The home authority&apos;s bundle signer certificate (PEM). Repeat for key rollover.</source>
        <translation>El certificado del firmante de paquetes de la autoridad de origen (PEM). Repítalo al renovar la clave.</translation>
    </message>
    <message>
        <source>CERT.pem</source>
        <translation>CERT.pem</translation>
    </message>
    <message>
        <source>A sync source (URL or folder) to use by default. Repeatable.</source>
        <translation>Una fuente de sincronización (URL o carpeta) para usar por defecto. Repetible.</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>FUENTE</translation>
    </message>
    <message>
        <source>init: --participant needs a two-letter participant code (e.g. EU, NA).</source>
        <translation>init: --participant necesita un código de participante de dos letras (p. ej. EU, NA).</translation>
    </message>
    <message>
        <source>init: at least one --bundle-key CERT.pem is needed.</source>
        <translation>init: se necesita al menos un --bundle-key CERT.pem.</translation>
    </message>
    <message>
        <source>init: %1 holds no X.509 certificate: %2</source>
        <translation>init: %1 no contiene ningún certificado X.509: %2</translation>
    </message>
    <message>
        <source>init: %1</source>
        <translation>init: %1</translation>
    </message>
    <message>
        <source>init: %1 is already a desk of %2; use another file.</source>
        <translation>init: %1 ya es un puesto de %2; use otro archivo.</translation>
    </message>
    <message numerus="yes">
        <source>Desk of %1 ready in %2, with %Ln pinned bundle key(s).</source>
        <translation>
            <numerusform>Puesto de %1 listo en %2, con %Ln clave de paquetes fijada.</numerusform>
            <numerusform>Puesto de %1 listo en %2, con %Ln claves de paquetes fijadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation>Mostrar un único objeto JSON.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s participant, data sequence, freshness and record counts.</source>
        <translation>Mostrar el participante del puesto, la secuencia de datos, su vigencia y el número de registros.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged and cannot be trusted: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>Los datos del puesto están dañados y no son fiables: ejecute &apos;kpdesk-cli repair --db %1&apos; y luego sincronice.</translation>
    </message>
    <message>
        <source>(could not be read)</source>
        <translation>(no se pudo leer)</translation>
    </message>
    <message>
        <source>KP Desk cache %1</source>
        <translation>Caché de KP Desk %1</translation>
    </message>
    <message>
        <source>DAMAGED: %1</source>
        <translation>DAÑADO: %1</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>participante</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>n.º</translation>
    </message>
    <message>
        <source>0 (never synced)</source>
        <translation>0 (nunca sincronizado)</translation>
    </message>
    <message>
        <source>published</source>
        <translation>publicado</translation>
    </message>
    <message>
        <source>fresh until</source>
        <translation>vigente hasta</translation>
    </message>
    <message>
        <source>  STALE: sync now</source>
        <translation>  DESACTUALIZADO: sincronice ahora</translation>
    </message>
    <message>
        <source>last sync</source>
        <translation>última sincronización</translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation>último intento</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>fuentes</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>recuentos</translation>
    </message>
    <message>
        <source>A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the authority&apos;s http(s) base URL. Default: the desk&apos;s configured sources.</source>
        <translation>Un archivo de paquete .kpsync, una carpeta con un índice de sincronización (p. ej. una memoria USB) o la URL base http(s) de la autoridad. Por defecto: las fuentes configuradas del puesto.</translation>
    </message>
    <message>
        <source>HTTP proxy as host:port, or &apos;none&apos;. Default: the system&apos;s proxy settings.</source>
        <translation>Proxy HTTP como host:puerto, o &apos;none&apos;. Por defecto: la configuración de proxy del sistema.</translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation>PROXY</translation>
    </message>
    <message>
        <source>A CA certificate (PEM) to trust for the server, besides the system&apos;s.</source>
        <translation>Un certificado de AC (PEM) en el que confiar para el servidor, además de los del sistema.</translation>
    </message>
    <message>
        <source>Seconds without data before a try is given up (default 30).</source>
        <translation>Segundos sin datos antes de abandonar un intento (30 por defecto).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEGUNDOS</translation>
    </message>
    <message>
        <source>Further tries after a network failure (default 3).</source>
        <translation>Reintentos tras un fallo de red (3 por defecto).</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date from its home authority. Each bundle is applied whole or not at all.</source>
        <translation>Actualizar los datos del puesto desde su autoridad de origen. Cada paquete se aplica entero o no se aplica.</translation>
    </message>
    <message>
        <source>sync: name at most one SOURCE.</source>
        <translation>sync: indique como máximo una FUENTE.</translation>
    </message>
    <message>
        <source>sync: %1</source>
        <translation>sync: %1</translation>
    </message>
    <message>
        <source>sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).</source>
        <translation>sync: no se indicó ninguna FUENTE y no hay ninguna configurada (kpdesk-cli sources --db ARCHIVO --set FUENTE).</translation>
    </message>
    <message>
        <source>sync: --timeout needs a number of seconds.</source>
        <translation>sync: --timeout necesita un número de segundos.</translation>
    </message>
    <message>
        <source>sync: --retries needs a number.</source>
        <translation>sync: --retries necesita un número.</translation>
    </message>
    <message>
        <source>sync: %1: %2</source>
        <translation>sync: %1: %2</translation>
    </message>
    <message>
        <source>Already current at seq %1 (%2); nothing changed.</source>
        <translation>Ya actualizado en el n.º %1 (%2); no cambió nada.</translation>
    </message>
    <message>
        <source>Applied %1 bundle seq %2 (%3).</source>
        <translation>Paquete %1 n.º %2 aplicado (%3).</translation>
    </message>
    <message>
        <source>delta from %1</source>
        <translation>delta desde %1</translation>
    </message>
    <message>
        <source>The desk is at seq %1.</source>
        <translation>El puesto está en el n.º %1.</translation>
    </message>
    <message>
        <source>Replace the desk&apos;s sync sources with these (URL or folder), tried in order. Repeatable.</source>
        <translation>Sustituir las fuentes de sincronización del puesto por estas (URL o carpeta), probadas en orden. Repetible.</translation>
    </message>
    <message>
        <source>Remove every configured source.</source>
        <translation>Eliminar todas las fuentes configuradas.</translation>
    </message>
    <message>
        <source>Show or set where &apos;sync&apos; takes bundles from when no SOURCE is given.</source>
        <translation>Mostrar o definir de dónde toma &apos;sync&apos; los paquetes cuando no se indica ninguna FUENTE.</translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation>fuentes: %1</translation>
    </message>
    <message>
        <source>Participant: %1</source>
        <translation>Participante: %1</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>No inscrito.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>No inscrito: el puesto %1 espera su certificado.</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>Puesto: %1</translation>
    </message>
    <message>
        <source>Certificate: C=%1, CN=%2</source>
        <translation>Certificado: C=%1, CN=%2</translation>
    </message>
    <message>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>Válido: del %1 al %2 (UTC)</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id: participant, post and desk (e.g. EU-ANR-03).</source>
        <translation>El id del puesto: participante, oficina y puesto (p. ej. EU-ANR-03).</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Where to write the certificate request for the authority.</source>
        <translation>Dónde escribir la solicitud de certificado para la autoridad.</translation>
    </message>
    <message>
        <source>FILE.pem</source>
        <translation>ARCHIVO.pem</translation>
    </message>
    <message>
        <source>Enrol an enrolled desk again: a new key replaces the old one.</source>
        <translation>Inscribir de nuevo un puesto ya inscrito: una clave nueva sustituye a la anterior.</translation>
    </message>
    <message>
        <source>Install the desk certificate the authority issued.</source>
        <translation>Instalar el certificado de puesto emitido por la autoridad.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s enrolment.</source>
        <translation>Mostrar la inscripción del puesto.</translation>
    </message>
    <message>
        <source>With --status: print one JSON object.</source>
        <translation>Con --status: mostrar un único objeto JSON.</translation>
    </message>
    <message>
        <source>Make the desk&apos;s key and a certificate request for its home authority, install the certificate it issues, or show the enrolment. The private key stays in a file beside the desk&apos;s database, readable by this user only.</source>
        <translation>Crear la clave del puesto y una solicitud de certificado para su autoridad de origen, instalar el certificado que esta emita o mostrar la inscripción. La clave privada queda en un archivo junto a la base de datos del puesto, legible solo por este usuario.</translation>
    </message>
    <message>
        <source>give --desk-id ID with --csr-out FILE.pem, or --install CERT.pem, or --status.</source>
        <translation>indique --desk-id ID con --csr-out ARCHIVO.pem, o --install CERT.pem, o --status.</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority (&apos;kpdesk-cli authority enrol&apos;), then install the certificate with --install.</source>
        <translation>Solicitud de certificado del puesto %1 escrita en %2: entréguela a la autoridad de origen (&apos;kpdesk-cli authority enrol&apos;) y luego instale el certificado con --install.</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Certificado del puesto %1 instalado, válido hasta el %2 (UTC).</translation>
    </message>
    <message>
        <source>The desk&apos;s certificate request.</source>
        <translation>La solicitud de certificado del puesto.</translation>
    </message>
    <message>
        <source>Where to write the desk certificate.</source>
        <translation>Dónde escribir el certificado de puesto.</translation>
    </message>
    <message>
        <source>Days the certificate is valid (default 730).</source>
        <translation>Días de validez del certificado (730 por defecto).</translation>
    </message>
    <message>
        <source>Issue a desk certificate with the home participant&apos;s authority CA, and add the desk to the authority&apos;s list.</source>
        <translation>Emitir un certificado de puesto con la AC de la autoridad del participante de origen y añadir el puesto a la lista de la autoridad.</translation>
    </message>
    <message>
        <source>--csr FILE.pem and --out CERT.pem are required; --days needs a number.</source>
        <translation>--csr ARCHIVO.pem y --out CERT.pem son obligatorios; --days necesita un número.</translation>
    </message>
    <message>
        <source>Enrolled desk %1 until %2 (UTC); its certificate is in %3.</source>
        <translation>Puesto %1 inscrito hasta el %2 (UTC); su certificado está en %3.</translation>
    </message>
    <message>
        <source>List the desks the authority enrolled and revoked.</source>
        <translation>Listar los puestos que la autoridad inscribió y revocó.</translation>
    </message>
    <message>
        <source>No desk enrolled yet.</source>
        <translation>Aún no hay ningún puesto inscrito.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>revocado el %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>hasta el %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id (e.g. EU-ANR-03).</source>
        <translation>El id del puesto (p. ej. EU-ANR-03).</translation>
    </message>
    <message>
        <source>Revoke every certificate of a desk in the authority&apos;s list.</source>
        <translation>Revocar todos los certificados de un puesto en la lista de la autoridad.</translation>
    </message>
    <message>
        <source>--desk ID is required.</source>
        <translation>--desk ID es obligatorio.</translation>
    </message>
    <message>
        <source>Revoked desk %1.</source>
        <translation>Puesto %1 revocado.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a CA certificate.</source>
        <translation>%1 no es un certificado de AC.</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, message %3 never arrived</source>
        <translation>hueco: el puesto %1 envió n=%2, el mensaje %3 nunca llegó</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, messages %3 to %4 never arrived</source>
        <translation>hueco: el puesto %1 envió n=%2, los mensajes %3 a %4 nunca llegaron</translation>
    </message>
    <message>
        <source>repeat: desk %1 sent n=%2 again as another message (%3; first %4)</source>
        <translation>repetición: el puesto %1 envió n=%2 de nuevo en otro mensaje (%3; el primero: %4)</translation>
    </message>
    <message>
        <source>audit trail rewritten? desk %1, message %2 gives another hash for an audit entry than message %3</source>
        <translation>¿pista de auditoría reescrita? puesto %1: el mensaje %2 da otro hash para una entrada de auditoría que el mensaje %3</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>recibido</translation>
    </message>
    <message>
        <source>skipped (already taken)</source>
        <translation>omitido (ya recibido)</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>--ledger FILE is required.</source>
        <translation>--ledger ARCHIVO es obligatorio.</translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger (created on first use).</source>
        <translation>El libro de mensajes de la autoridad (se crea en el primer uso).</translation>
    </message>
    <message>
        <source>Print the outcome as JSON.</source>
        <translation>Mostrar el resultado en JSON.</translation>
    </message>
    <message>
        <source>The folder the desks&apos; messages arrive in.</source>
        <translation>La carpeta a la que llegan los mensajes de los puestos.</translation>
    </message>
    <message>
        <source>Take the desks&apos; messages (*.kpmsg) from an intake folder into the ledger; refused ones go to INTAKE_DIR/refused/ with their reason.</source>
        <translation>Llevar los mensajes de los puestos (*.kpmsg) de una carpeta de recepción al libro; los rechazados van a INTAKE_DIR/refused/ con su motivo.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) taken</source>
        <translation>
            <numerusform>%Ln mensaje recibido</numerusform>
            <numerusform>%Ln mensajes recibidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln omitido</numerusform>
            <numerusform>%Ln omitidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln rechazado</numerusform>
            <numerusform>%Ln rechazados</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger.</source>
        <translation>El libro de mensajes de la autoridad.</translation>
    </message>
    <message>
        <source>Print the cases as JSON.</source>
        <translation>Mostrar los expedientes en JSON.</translation>
    </message>
    <message>
        <source>List the reasonable doubts the desks reported, newest first.</source>
        <translation>Listar las dudas razonables informadas por los puestos, las más recientes primero.</translation>
    </message>
    <message>
        <source>No doubts received.</source>
        <translation>No se recibió ninguna duda.</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 bytes)</translation>
    </message>
    <message>
        <source>desk %1</source>
        <translation>puesto %1</translation>
    </message>
    <message>
        <source>case %1, message %2</source>
        <translation>expediente %1, mensaje %2</translation>
    </message>
    <message>
        <source>decision: %1</source>
        <translation>decisión: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>para: %1</translation>
    </message>
    <message>
        <source>files: %1</source>
        <translation>archivos: %1</translation>
    </message>
    <message>
        <source>create a desk cache for a participant, pinning its bundle key</source>
        <translation>crear la caché de un puesto para un participante, fijando su clave de paquetes</translation>
    </message>
    <message>
        <source>bring the desk up to date from a bundle file, folder or URL</source>
        <translation>actualizar el puesto a partir de un archivo de paquete, una carpeta o una URL</translation>
    </message>
    <message>
        <source>show or set the desk&apos;s default sync sources</source>
        <translation>mostrar o definir las fuentes de sincronización por defecto del puesto</translation>
    </message>
    <message>
        <source>show the desk&apos;s participant, data and freshness</source>
        <translation>mostrar el participante del puesto, sus datos y su vigencia</translation>
    </message>
    <message>
        <source>rebuild a damaged desk cache, keeping the desk&apos;s own records</source>
        <translation>reconstruir una caché del puesto dañada, conservando los registros propios del puesto</translation>
    </message>
    <message>
        <source>verify a certificate from a barcode image or text</source>
        <translation>verificar un certificado a partir de una imagen de código de barras o de un texto</translation>
    </message>
    <message>
        <source>list every barcode found in images</source>
        <translation>listar todos los códigos de barras encontrados en imágenes</translation>
    </message>
    <message>
        <source>authority side: demo PKI, issue, render, publish bundles</source>
        <translation>lado de la autoridad: PKI de demostración, emisión, renderizado, publicación de paquetes</translation>
    </message>
    <message>
        <source>enrol the desk with its home authority: key, request, certificate</source>
        <translation>inscribir el puesto ante su autoridad de origen: clave, solicitud, certificado</translation>
    </message>
    <message>
        <source>list the desk&apos;s messages to its authority, export them to a folder or send them</source>
        <translation>listar los mensajes del puesto a su autoridad, exportarlos a una carpeta o enviarlos</translation>
    </message>
    <message>
        <source>make a demo desk with demo certificates and show their verdicts</source>
        <translation>crear un puesto de demostración con certificados de demostración y mostrar sus veredictos</translation>
    </message>
    <message>
        <source>add, list, disable accounts and set their passwords</source>
        <translation>añadir, listar y desactivar cuentas y definir sus contraseñas</translation>
    </message>
    <message>
        <source>verify, record the physical check and release a shipment</source>
        <translation>verificar, registrar el control físico y liberar un envío</translation>
    </message>
    <message>
        <source>verify, record and flag reasonable doubt: opens a case</source>
        <translation>verificar, registrar y señalar una duda razonable: abre un expediente</translation>
    </message>
    <message>
        <source>list the desk&apos;s cases with their state and events</source>
        <translation>listar los expedientes del puesto con su estado y eventos</translation>
    </message>
    <message>
        <source>take, decide, note, close or reopen a case</source>
        <translation>tomar, resolver, anotar, cerrar o reabrir un expediente</translation>
    </message>
    <message>
        <source>write one case or one inspection as a PDF for the customs file</source>
        <translation>escribir un expediente o una inspección en PDF para el legajo aduanero</translation>
    </message>
    <message>
        <source>find past inspections by number, dates, verdict, officer</source>
        <translation>buscar inspecciones anteriores por número, fechas, veredicto, funcionario</translation>
    </message>
    <message>
        <source>verify or export the desk&apos;s audit trail</source>
        <translation>verificar o exportar la pista de auditoría del puesto</translation>
    </message>
    <message>
        <source>show or change the desk&apos;s settings</source>
        <translation>mostrar o cambiar la configuración del puesto</translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli COMMAND [OPTIONS]</source>
        <translation>Uso: kpdesk-cli COMANDO [OPCIONES]</translation>
    </message>
    <message>
        <source>KP Desk: verify Kimberley Process certificates at an import desk.</source>
        <translation>KP Desk: verificar certificados del Proceso de Kimberley en un puesto de importación.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Comandos:</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>Ejecute &apos;kpdesk-cli COMANDO --help&apos; para ver las opciones de un comando.</translation>
    </message>
    <message>
        <source>Exit status of verify: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Código de salida de verify: 0 aceptado, 1 duda, 2 rechazado, 3 nada que verificar, 4 error de uso o de entorno.</translation>
    </message>
    <message>
        <source>kpdesk-cli: unknown command &apos;%1&apos;.</source>
        <translation>kpdesk-cli: comando &apos;%1&apos; desconocido.</translation>
    </message>
    <message>
        <source>delivered %1 to %2</source>
        <translation>entregado el %1 a %2</translation>
    </message>
    <message>
        <source>handed over %1 in %2</source>
        <translation>depositado el %1 en %2</translation>
    </message>
    <message numerus="yes">
        <source>waiting; %Ln attempt(s), last: %1</source>
        <translation>
            <numerusform>en espera; %Ln intento, el último: %1</numerusform>
            <numerusform>en espera; %Ln intentos, el último: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) waiting.</source>
        <translation>
            <numerusform>%Ln mensaje en espera.</numerusform>
            <numerusform>%Ln mensajes en espera.</numerusform>
        </translation>
    </message>
    <message>
        <source>list: as JSON.</source>
        <translation>list: en JSON.</translation>
    </message>
    <message>
        <source>list (the default), export DIR, or send.</source>
        <translation>list (predeterminado), export CARPETA o send.</translation>
    </message>
    <message>
        <source>The desk&apos;s messages to its home authority: list them, copy the waiting ones to a folder (export DIR), or PUT them to the intake (send).
Exit status: 0 done (send: every message delivered), 1 some stay waiting (the reasons are printed), 4 usage or environment error.</source>
        <translation>Los mensajes del puesto a su autoridad de origen: listarlos, copiar los que esperan a una carpeta (export CARPETA) o enviarlos por PUT a la dirección de recepción (send).
Código de salida: 0 hecho (send: todos los mensajes entregados), 1 algunos siguen en espera (se muestran los motivos), 4 error de uso o de entorno.</translation>
    </message>
    <message>
        <source>outbox: give list, export DIR, or send.</source>
        <translation>outbox: indique list, export CARPETA o send.</translation>
    </message>
    <message>
        <source>outbox %1: %2</source>
        <translation>outbox %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) copied to the folder.</source>
        <translation>
            <numerusform>%Ln mensaje copiado a la carpeta.</numerusform>
            <numerusform>%Ln mensajes copiados a la carpeta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) delivered.</source>
        <translation>
            <numerusform>%Ln mensaje entregado.</numerusform>
            <numerusform>%Ln mensajes entregados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still waiting.</source>
        <translation>
            <numerusform>%Ln sigue en espera.</numerusform>
            <numerusform>%Ln siguen en espera.</numerusform>
        </translation>
    </message>
    <message>
        <source>The case to print.</source>
        <translation>El expediente a imprimir.</translation>
    </message>
    <message>
        <source>CASE_ID</source>
        <translation>CASE_ID</translation>
    </message>
    <message>
        <source>The inspection to print.</source>
        <translation>La inspección a imprimir.</translation>
    </message>
    <message>
        <source>INSPECTION_ID</source>
        <translation>INSPECTION_ID</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>El archivo PDF a escribir.</translation>
    </message>
    <message>
        <source>Write one case (with its events, attachments and inspection) or one inspection as a PDF (A4).
Exit status: 0 written, 1 no such case or inspection, 4 usage or environment error (the desk cannot be read, the file cannot be written).</source>
        <translation>Escribir un expediente (con sus eventos, adjuntos e inspección) o una inspección como PDF (A4).
Código de salida: 0 escrito, 1 no existe el expediente o la inspección, 4 error de uso o de entorno (no se puede leer el puesto, no se puede escribir el archivo).</translation>
    </message>
    <message>
        <source>print: give one of --case CASE_ID or --inspection INSPECTION_ID, and --out FILE.pdf.</source>
        <translation>print: indique --case CASE_ID o --inspection INSPECTION_ID, y --out ARCHIVO.pdf.</translation>
    </message>
    <message>
        <source>print: %1</source>
        <translation>print: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln page(s))</source>
        <translation>
            <numerusform>%1 (%Ln página)</numerusform>
            <numerusform>%1 (%Ln páginas)</numerusform>
        </translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>No se pudieron incorporar los señalamientos guardados antes de que este puesto llevara expedientes: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln flag(s) kept before this desk had cases are now cases.</source>
        <translation>
            <numerusform>%Ln señalamiento guardado antes de que este puesto llevara expedientes es ahora un expediente.</numerusform>
            <numerusform>%Ln señalamientos guardados antes de que este puesto llevara expedientes son ahora expedientes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Contraseña de %1: </translation>
    </message>
    <message>
        <source>%1: no password on standard input.</source>
        <translation>%1: no hay contraseña en la entrada estándar.</translation>
    </message>
    <message>
        <source>The barcode text or certificate number.</source>
        <translation>El texto del código de barras o el número de certificado.</translation>
    </message>
    <message>
        <source>The certificate number.</source>
        <translation>El número de certificado.</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>NÚM</translation>
    </message>
    <message>
        <source>An image of the certificate&apos;s barcode.</source>
        <translation>Una imagen del código de barras del certificado.</translation>
    </message>
    <message>
        <source>%1: give one of --text TEXT, --number NO or one IMAGE.</source>
        <translation>%1: indique --text TEXTO, --number NÚM o una IMAGEN.</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>%1: nothing to verify (empty text).</source>
        <translation>%1: nada que verificar (texto vacío).</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>El nombre de la cuenta.</translation>
    </message>
    <message>
        <source>officer, supervisor or administrator.</source>
        <translation>officer, supervisor o administrator.</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROL</translation>
    </message>
    <message>
        <source>add, list, disable or passwd.</source>
        <translation>add, list, disable o passwd.</translation>
    </message>
    <message>
        <source>users: give one of add, list, disable, passwd.</source>
        <translation>users: indique add, list, disable o passwd.</translation>
    </message>
    <message>
        <source>users %1: --name NAME is needed.</source>
        <translation>users %1: se necesita --name NOMBRE.</translation>
    </message>
    <message>
        <source>users disable: %1</source>
        <translation>users disable: %1</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>Cuenta %1 desactivada.</translation>
    </message>
    <message>
        <source>users add: --role is officer, supervisor or administrator.</source>
        <translation>users add: --role es officer, supervisor o administrator.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Nueva contraseña de %1: </translation>
    </message>
    <message>
        <source>users %1: no password on standard input.</source>
        <translation>users %1: no hay contraseña en la entrada estándar.</translation>
    </message>
    <message>
        <source>users add: %1</source>
        <translation>users add: %1</translation>
    </message>
    <message>
        <source>Account %1 (%2) added: %3</source>
        <translation>Cuenta %1 (%2) añadida: %3</translation>
    </message>
    <message>
        <source>users passwd: %1</source>
        <translation>users passwd: %1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Contraseña de %1 cambiada.</translation>
    </message>
    <message>
        <source>%1: --user NAME is needed.</source>
        <translation>%1: se necesita --user NOMBRE.</translation>
    </message>
    <message>
        <source>Inspection %1: %2 %3</source>
        <translation>Inspección %1: %2 %3</translation>
    </message>
    <message>
        <source>Who signs in (password on standard input).</source>
        <translation>Quién inicia sesión (contraseña en la entrada estándar).</translation>
    </message>
    <message>
        <source>Parcels counted.</source>
        <translation>Bultos contados.</translation>
    </message>
    <message>
        <source>Mass weighed, in carats.</source>
        <translation>Masa pesada, en quilates.</translation>
    </message>
    <message>
        <source>CARATS</source>
        <translation>QUILATES</translation>
    </message>
    <message>
        <source>The seals are intact.</source>
        <translation>Los precintos están intactos.</translation>
    </message>
    <message>
        <source>The importer matches the declaration.</source>
        <translation>El importador coincide con la declaración.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and its physical check, and release the shipment when the role and the verdict allow it.
Exit status: 0 released, 1 not released (the reason is printed and recorded), 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Verificar un certificado, registrar la inspección y su control físico, y liberar el envío cuando el rol y el veredicto lo permitan.
Código de salida: 0 liberado, 1 no liberado (el motivo se muestra y se registra), 3 nada que verificar, 4 error de uso o de entorno.</translation>
    </message>
    <message>
        <source>release: --parcels N and --mass CARATS are needed.</source>
        <translation>release: se necesitan --parcels N y --mass QUILATES.</translation>
    </message>
    <message>
        <source>release: %1</source>
        <translation>release: %1</translation>
    </message>
    <message>
        <source>release: not released: %1</source>
        <translation>release: no liberado: %1</translation>
    </message>
    <message>
        <source>RELEASED: %1 by %2</source>
        <translation>LIBERADO: %1 por %2</translation>
    </message>
    <message>
        <source>release: no import confirmation was made: %1</source>
        <translation>release: no se creó ninguna confirmación de importación: %1</translation>
    </message>
    <message>
        <source>Import confirmation waiting in the outbox (kpdesk-cli outbox send).</source>
        <translation>Confirmación de importación en espera en la bandeja de salida (kpdesk-cli outbox send).</translation>
    </message>
    <message>
        <source>A reason for doubt (repeatable).</source>
        <translation>Un motivo de duda (repetible).</translation>
    </message>
    <message>
        <source>A note.</source>
        <translation>Una nota.</translation>
    </message>
    <message>
        <source>A file to attach (repeatable).</source>
        <translation>Un archivo para adjuntar (repetible).</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>El envío está retenido.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and flag reasonable doubt: opens a case and prints its id.</source>
        <translation>Verificar un certificado, registrar la inspección y señalar una duda razonable: abre un expediente y muestra su id.</translation>
    </message>
    <message>
        <source>flag: --reason TEXT is needed.</source>
        <translation>flag: se necesita --reason TEXTO.</translation>
    </message>
    <message>
        <source>flag: %1</source>
        <translation>flag: %1</translation>
    </message>
    <message>
        <source>Only cases in this state.</source>
        <translation>Solo los expedientes en este estado.</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ESTADO</translation>
    </message>
    <message>
        <source>List the desk&apos;s cases, held shipments first then oldest, with their events.</source>
        <translation>Listar los expedientes del puesto, primero los envíos retenidos y luego los más antiguos, con sus eventos.</translation>
    </message>
    <message>
        <source>cases: --state is open, in_review, decided, escalated or closed.</source>
        <translation>cases: --state es open, in_review, decided, escalated o closed.</translation>
    </message>
    <message>
        <source>HELD</source>
        <translation>RETENIDO</translation>
    </message>
    <message>
        <source>case escalate: the PDF of the case could not be made: %1</source>
        <translation>case escalate: no se pudo crear el PDF del expediente: %1</translation>
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
        <translation>la inspección %1 del expediente no está en los registros.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Hoy (%1): %2</translation>
    </message>
    <message>
        <source>The certificate number (case and spaces ignored).</source>
        <translation>El número de certificado (se ignoran mayúsculas y espacios).</translation>
    </message>
    <message>
        <source>From this day on (local time).</source>
        <translation>Desde este día (hora local).</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Up to this day, included (local time).</source>
        <translation>Hasta este día, incluido (hora local).</translation>
    </message>
    <message>
        <source>The final verdict: accept, doubt or reject.</source>
        <translation>El veredicto final: accept, doubt o reject.</translation>
    </message>
    <message>
        <source>VERDICT</source>
        <translation>VEREDICTO</translation>
    </message>
    <message>
        <source>Who inspected (case ignored).</source>
        <translation>Quién inspeccionó (se ignoran mayúsculas).</translation>
    </message>
    <message>
        <source>The certificate&apos;s participant (two letters).</source>
        <translation>El participante del certificado (dos letras).</translation>
    </message>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>At most N inspections (default 500).</source>
        <translation>Como máximo N inspecciones (500 por defecto).</translation>
    </message>
    <message>
        <source>Find the desk&apos;s past inspections, newest first. When more than the limit match, says so: narrow the search.
Exit status: 0 searched (even when none matched), 4 usage error or the records could not be read.</source>
        <translation>Buscar las inspecciones anteriores del puesto, las más recientes primero. Si coinciden más que el límite, lo indica: acote la búsqueda.
Código de salida: 0 búsqueda hecha (aunque nada coincida), 4 error de uso o no se pudieron leer los registros.</translation>
    </message>
    <message>
        <source>inspections: --%1 needs a date as YYYY-MM-DD.</source>
        <translation>inspections: --%1 necesita una fecha con el formato AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>inspections: --from is after --to.</source>
        <translation>inspections: --from es posterior a --to.</translation>
    </message>
    <message>
        <source>inspections: --verdict is accept, doubt or reject.</source>
        <translation>inspections: --verdict es accept, doubt o reject.</translation>
    </message>
    <message>
        <source>inspections: --participant needs a two-letter code (e.g. BW).</source>
        <translation>inspections: --participant necesita un código de dos letras (p. ej. BW).</translation>
    </message>
    <message>
        <source>inspections: --limit needs a number of at least 1.</source>
        <translation>inspections: --limit necesita un número de al menos 1.</translation>
    </message>
    <message>
        <source>inspections: %1</source>
        <translation>inspections: %1</translation>
    </message>
    <message>
        <source>CASE</source>
        <translation>EXPEDIENTE</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Se encontró más de %Ln inspección: acote la búsqueda.</numerusform>
            <numerusform>Se encontraron más de %Ln inspecciones: acote la búsqueda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>%Ln inspección encontrada.</numerusform>
            <numerusform>%Ln inspecciones encontradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>decide: released, detained, seized or refused.</source>
        <translation>decide: released, detained, seized o refused.</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>RESULTADO</translation>
    </message>
    <message>
        <source>The reason (decide, close, reopen).</source>
        <translation>El motivo (decide, close, reopen).</translation>
    </message>
    <message>
        <source>The note&apos;s text.</source>
        <translation>El texto de la nota.</translation>
    </message>
    <message>
        <source>note: a file to attach as evidence (repeatable).</source>
        <translation>note: un archivo para adjuntar como prueba (repetible).</translation>
    </message>
    <message>
        <source>escalate: an addressee, a participant&apos;s code, KP-CHAIR or KP-WGM (repeatable; default: the issuer&apos;s and this desk&apos;s authorities, the KP Chair and the WGM).</source>
        <translation>escalate: un destinatario, código de un participante, KP-CHAIR o KP-WGM (repetible; por defecto: las autoridades del emisor y de este puesto, la presidencia del PK y el WGM).</translation>
    </message>
    <message>
        <source>TO</source>
        <translation>PARA</translation>
    </message>
    <message>
        <source>take, decide, note, escalate, close, reopen, or recheck (no --user: the inspection verified again against today&apos;s data, and what changed).</source>
        <translation>take, decide, note, escalate, close, reopen o recheck (sin --user: la inspección verificada de nuevo con los datos de hoy, y lo que cambió).</translation>
    </message>
    <message>
        <source>The case&apos;s id.</source>
        <translation>El id del expediente.</translation>
    </message>
    <message>
        <source>Work a case as a signed-in person.
Exit status: 0 done, 1 refused (role, four eyes, the case&apos;s state, sign-in), 4 usage or environment error.</source>
        <translation>Tramitar un expediente como persona con sesión iniciada.
Código de salida: 0 hecho, 1 rechazado (rol, cuatro ojos, estado del expediente, inicio de sesión), 4 error de uso o de entorno.</translation>
    </message>
    <message>
        <source>case: give --user NAME, one of take, decide, note, escalate, close, reopen, and the CASE_ID.</source>
        <translation>case: indique --user NOMBRE, una de take, decide, note, escalate, close, reopen, y el CASE_ID.</translation>
    </message>
    <message>
        <source>case decide: --outcome is released, detained, seized or refused.</source>
        <translation>case decide: --outcome es released, detained, seized o refused.</translation>
    </message>
    <message>
        <source>Escalated to %1; message %2 waiting in the outbox.</source>
        <translation>Remitido a %1; mensaje %2 en espera en la bandeja de salida.</translation>
    </message>
    <message>
        <source>case note: %1</source>
        <translation>case note: %1</translation>
    </message>
    <message>
        <source>case note: give --text TEXT or --attach FILE.</source>
        <translation>case note: indique --text TEXTO o --attach ARCHIVO.</translation>
    </message>
    <message>
        <source>case %1: %2</source>
        <translation>case %1: %2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>Expediente %1: %2</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export: el archivo a escribir.</translation>
    </message>
    <message>
        <source>verify or export.</source>
        <translation>verify o export.</translation>
    </message>
    <message>
        <source>verify: recompute the audit trail&apos;s hash chain (exit 0 and &apos;entries N head HEX&apos;, or 1 naming the first entry that does not hold).
export: write the trail as a CBOR sequence (RFC 8742) of the entries as hashed.</source>
        <translation>verify: recalcular la cadena de hashes de la pista de auditoría (sale con 0 y &apos;entries N head HEX&apos;, o con 1 indicando la primera entrada que no es íntegra).
export: escribir la pista como secuencia CBOR (RFC 8742) de las entradas tal como se calculó su hash.</translation>
    </message>
    <message>
        <source>audit: give &apos;verify&apos;, or &apos;export --out FILE&apos;.</source>
        <translation>audit: indique &apos;verify&apos; o &apos;export --out ARCHIVO&apos;.</translation>
    </message>
    <message>
        <source>audit verify: %1</source>
        <translation>audit verify: %1</translation>
    </message>
    <message>
        <source>audit verify: the trail does not hold at entry %1: %2</source>
        <translation>audit verify: la pista no es íntegra en la entrada %1: %2</translation>
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
        <translation>audit export: no se puede escribir %1.</translation>
    </message>
    <message>
        <source>on: a supervisor may decide a case they flagged (the decision says so).</source>
        <translation>on: un supervisor puede resolver un expediente que él mismo señaló (la decisión lo indica).</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Lock an idle desk after N minutes.</source>
        <translation>Bloquear un puesto inactivo tras N minutos.</translation>
    </message>
    <message>
        <source>What people call this desk.</source>
        <translation>Cómo se conoce a este puesto.</translation>
    </message>
    <message>
        <source>The home authority&apos;s intake base URL (https) for the outbox; &apos;&apos; for none.</source>
        <translation>La URL base (https) de recepción de la autoridad de origen para la bandeja de salida; &apos;&apos; para ninguna.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A CA file (PEM) trusted for the intake server besides the system&apos;s.</source>
        <translation>Un archivo de AC (PEM) de confianza para el servidor de recepción, además de las del sistema.</translation>
    </message>
    <message>
        <source>HTTP proxy for the outbox as host:port, or &apos;none&apos;. Default: the system&apos;s.</source>
        <translation>Proxy HTTP para la bandeja de salida como host:puerto, o &apos;none&apos;. Por defecto: el del sistema.</translation>
    </message>
    <message>
        <source>settings: --one-person-post is on or off.</source>
        <translation>settings: --one-person-post es on u off.</translation>
    </message>
    <message>
        <source>settings: --idle-lock-minutes needs a number.</source>
        <translation>settings: --idle-lock-minutes necesita un número.</translation>
    </message>
    <message>
        <source>settings: %1</source>
        <translation>settings: %1</translation>
    </message>
    <message>
        <source>Rebuild a damaged desk cache: keep every readable record of the desk itself (configuration, presentations, inspections, flags, attachments), drop the authorities&apos; data to be fetched again by the next sync, and keep the damaged file beside it. Close the window first.</source>
        <translation>Reconstruir una caché del puesto dañada: conservar todo registro legible del propio puesto (configuración, presentaciones, inspecciones, señalamientos, adjuntos), descartar los datos de las autoridades, que la próxima sincronización volverá a obtener, y conservar el archivo dañado al lado. Cierre primero la ventana.</translation>
    </message>
    <message>
        <source>repair: there is no desk cache at %1.</source>
        <translation>repair: no hay ninguna caché del puesto en %1.</translation>
    </message>
    <message>
        <source>repair: %1</source>
        <translation>repair: %1</translation>
    </message>
    <message>
        <source>Repaired the desk cache %1.</source>
        <translation>Caché del puesto %1 reparada.</translation>
    </message>
    <message>
        <source>Kept (the desk&apos;s own records):</source>
        <translation>Conservado (registros propios del puesto):</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln fila</numerusform>
            <numerusform>%Ln filas</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost (could not be read from the damaged file):</source>
        <translation>Perdido (no se pudo leer del archivo dañado):</translation>
    </message>
    <message>
        <source>some rows (how many is unknown)</source>
        <translation>algunas filas (cantidad desconocida)</translation>
    </message>
    <message>
        <source>Lost: nothing of the desk&apos;s own records.</source>
        <translation>Perdido: nada de los registros propios del puesto.</translation>
    </message>
    <message>
        <source>Dropped: the authorities&apos; data (participants, CAs, signers, registry, revocations, rules, contacts); the desk is at seq 0.</source>
        <translation>Descartado: los datos de las autoridades (participantes, AC, firmantes, registro, revocaciones, reglas, contactos); el puesto está en el n.º 0.</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>El archivo dañado se conserva como %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again: kpdesk-cli sync --db %1</source>
        <translation>Sincronice ahora para volver a obtener los datos de la autoridad: kpdesk-cli sync --db %1</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>CORRECTO</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>AVISO</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FALLO</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>no verificado</translation>
    </message>
    <message>
        <source>ACCEPT: every check passed; release unless the physical check finds otherwise.</source>
        <translation>ACEPTADO: todas las verificaciones son correctas; liberar salvo que el control físico indique lo contrario.</translation>
    </message>
    <message>
        <source>DOUBT: examine the shipment, then release or flag reasonable doubt.</source>
        <translation>DUDA: examinar el envío y luego liberarlo o señalar una duda razonable.</translation>
    </message>
    <message>
        <source>REJECT: not authentic or not acceptable; hold the shipment.</source>
        <translation>RECHAZADO: no auténtico o no admisible; retener el envío.</translation>
    </message>
    <message>
        <source>Certificate %1 (%2), inspected for %3 on %4</source>
        <translation>Certificado %1 (%2), inspeccionado para %3 el %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>  Issued by %1 (%2) on %3, expires %4</source>
        <translation>  Emitido por %1 (%2) el %3, vence el %4</translation>
    </message>
    <message>
        <source>  Exporter: %1, %2</source>
        <translation>  Exportador: %1, %2</translation>
    </message>
    <message>
        <source>  Importer: %1, %2</source>
        <translation>  Importador: %1, %2</translation>
    </message>
    <message>
        <source>  Origin: %1; parcels: %2; carats: %3; US$ %4</source>
        <translation>  Origen: %1; bultos: %2; quilates: %3; US$ %4</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>mixto</translation>
    </message>
    <message>
        <source>Validation date (default: today).</source>
        <translation>Fecha de validación (predeterminada: hoy).</translation>
    </message>
    <message>
        <source>Count this as a presentation at this desk.</source>
        <translation>Contar esto como una presentación en este puesto.</translation>
    </message>
    <message>
        <source>Verify this barcode text or certificate number.</source>
        <translation>Verificar este texto de código de barras o número de certificado.</translation>
    </message>
    <message>
        <source>verify: give either --text TEXT or one IMAGE.</source>
        <translation>verify: indique --text TEXTO o una IMAGEN.</translation>
    </message>
    <message>
        <source>verify: --at needs a date as YYYY-MM-DD.</source>
        <translation>verify: --at necesita una fecha AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>verify: %1 is not an initialised desk (run &apos;kpdesk-cli init&apos;).</source>
        <translation>verify: %1 no es un puesto inicializado (ejecute &apos;kpdesk-cli init&apos;).</translation>
    </message>
    <message>
        <source>verify: %1: %2</source>
        <translation>verify: %1: %2</translation>
    </message>
    <message>
        <source>verify: nothing to verify (empty text).</source>
        <translation>verify: nada que verificar (texto vacío).</translation>
    </message>
    <message>
        <source>verify: the desk&apos;s data could not be read: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>verify: no se pudieron leer los datos del puesto: ejecute &apos;kpdesk-cli repair --db %1&apos; y luego sincronice.</translation>
    </message>
    <message>
        <source>verify: the presentation was not recorded: %1</source>
        <translation>verify: no se registró la presentación: %1</translation>
    </message>
    <message>
        <source>Image files (PNG, JPEG, TIFF, BMP).</source>
        <translation>Archivos de imagen (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>List every barcode found in each image: symbology and text, whatever it holds.</source>
        <translation>Listar todos los códigos de barras encontrados en cada imagen: simbología y texto, sea cual sea su contenido.</translation>
    </message>
    <message>
        <source>decode: name at least one IMAGE.</source>
        <translation>decode: indique al menos una IMAGEN.</translation>
    </message>
    <message>
        <source>no barcode found</source>
        <translation>no se encontró ningún código de barras</translation>
    </message>
    <message>
        <source>Create a desk cache for a participant and pin its home authority&apos;s bundle keys.</source>
        <translation>Crear la caché de un puesto para un participante y fijar las claves de paquetes de su autoridad de origen.</translation>
    </message>
    <message>
        <source>link the desk to its office&apos;s database and replicate with it</source>
        <translation>vincular el puesto a la base de datos de su oficina y replicar con ella</translation>
    </message>
    <message>
        <source>create or migrate the office&apos;s database schema</source>
        <translation>crear o migrar el esquema de la base de datos de la oficina</translation>
    </message>
    <message>
        <source>office: %1</source>
        <translation>office: %1</translation>
    </message>
    <message>
        <source>This desk replicates with %1.</source>
        <translation>Este puesto se replica con %1.</translation>
    </message>
    <message>
        <source>Its password is kept in %1, readable by this account only.</source>
        <translation>Su contraseña se guarda en %1, legible solo por esta cuenta.</translation>
    </message>
    <message>
        <source>No office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>No hay ninguna oficina configurada (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>Oficina: %1</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Conectado.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>No conectado: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln registro espera para subir.</numerusform>
            <numerusform>%Ln registros esperan para subir.</numerusform>
        </translation>
    </message>
    <message>
        <source>office --sync: %1</source>
        <translation>office --sync: %1</translation>
    </message>
    <message>
        <source>office --sync: no office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>office --sync: no hay ninguna oficina configurada (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) went up;</source>
        <translation>
            <numerusform>Subió %Ln registro;</numerusform>
            <numerusform>Subieron %Ln registros;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) of other desks</source>
        <translation>
            <numerusform>%Ln expediente de otros puestos</numerusform>
            <numerusform>%Ln expedientes de otros puestos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln event(s) made elsewhere came down.</source>
        <translation>
            <numerusform>y %Ln evento creado en otro lugar bajaron.</numerusform>
            <numerusform>y %Ln eventos creados en otro lugar bajaron.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replicate with this office: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</source>
        <translation>Replicar con esta oficina: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</translation>
    </message>
    <message>
        <source>Say whether the office answers and what waits.</source>
        <translation>Indicar si la oficina responde y qué está en espera.</translation>
    </message>
    <message>
        <source>Push and pull once; 0 only when the office holds everything this desk made.</source>
        <translation>Subir y bajar una vez; 0 solo cuando la oficina tiene todo lo que creó este puesto.</translation>
    </message>
    <message>
        <source>With --sync: send everything this desk made again (an office restored from an older backup).</source>
        <translation>Con --sync: enviar de nuevo todo lo que creó este puesto (una oficina restaurada desde una copia de seguridad anterior).</translation>
    </message>
    <message>
        <source>Link the desk to its office&apos;s database, and replicate with it.</source>
        <translation>Vincular el puesto a la base de datos de su oficina y replicar con ella.</translation>
    </message>
    <message>
        <source>office: give one of --set, --status or --sync.</source>
        <translation>office: indique una de --set, --status o --sync.</translation>
    </message>
    <message>
        <source>postgresql://OWNER@HOST[:PORT]/DATABASE</source>
        <translation>postgresql://OWNER@HOST[:PORT]/DATABASE</translation>
    </message>
    <message>
        <source>Create or migrate the office&apos;s schema (as the database&apos;s owner; the password from PGPASSWORD or ~/.pgpass rather than the URL).</source>
        <translation>Crear o migrar el esquema de la oficina (como propietario de la base de datos; la contraseña desde PGPASSWORD o ~/.pgpass y no en la URL).</translation>
    </message>
    <message>
        <source>office-init: give the office&apos;s URL.</source>
        <translation>office-init: indique la URL de la oficina.</translation>
    </message>
    <message>
        <source>office-init: %1</source>
        <translation>office-init: %1</translation>
    </message>
    <message>
        <source>The office %1 is at schema %2.</source>
        <translation>La oficina %1 está en el esquema %2.</translation>
    </message>
    <message>
        <source>Verify a certificate and print the verdict with every check.
Exit status: 0 accept, 1 doubt, 2 reject, 3 nothing to verify (no barcode, not a certificate), 4 usage or environment error.</source>
        <translation>Verificar un certificado y mostrar el veredicto con cada verificación.
Código de salida: 0 aceptado, 1 duda, 2 rechazado, 3 nada que verificar (sin código de barras, no es un certificado), 4 error de uso o de entorno.</translation>
    </message>
    <message>
        <source>verify: %1</source>
        <translation>verify: %1</translation>
    </message>
    <message>
        <source>MISMATCH at entry %1: message %2 (n=%3) reported %4, the trail has %5 (rewritten)</source>
        <translation>DISCREPANCIA en la entrada %1: el mensaje %2 (n=%3) informó %4, la pista tiene %5 (reescrita)</translation>
    </message>
    <message>
        <source>MISSING entry %1: message %2 (n=%3) reported %4, the trail ends at entry %5 (entries removed, or the trail went back)</source>
        <translation>FALTA la entrada %1: el mensaje %2 (n=%3) informó %4, la pista termina en la entrada %5 (entradas eliminadas, o la pista retrocedió)</translation>
    </message>
    <message>
        <source>The desk whose trail it is (e.g. EU-ANR-03).</source>
        <translation>El puesto al que pertenece la pista (p. ej. EU-ANR-03).</translation>
    </message>
    <message>
        <source>The desk&apos;s trail, as written by &apos;kpdesk-cli audit export&apos;.</source>
        <translation>La pista del puesto, tal como la escribe &apos;kpdesk-cli audit export&apos;.</translation>
    </message>
    <message>
        <source>Check a desk&apos;s exported audit trail against every head (entry count and hash) the ledger received from that desk.</source>
        <translation>Verificar la pista de auditoría exportada de un puesto frente a cada cabeza (número de entradas y hash) que el libro recibió de ese puesto.</translation>
    </message>
    <message>
        <source>--ledger FILE, --desk ID and one TRAIL file are needed.</source>
        <translation>Se necesitan --ledger ARCHIVO, --desk ID y un archivo TRAIL.</translation>
    </message>
    <message>
        <source>%1 is not a message ledger file.</source>
        <translation>%1 no es un archivo de libro de mensajes.</translation>
    </message>
    <message>
        <source>The ledger holds no head from desk %1: there is nothing to check the trail against.</source>
        <translation>El libro no contiene ninguna cabeza del puesto %1: no hay nada con que verificar la pista.</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>no es un archivo</translation>
    </message>
    <message>
        <source>The trail itself does not hold: %1</source>
        <translation>La propia pista no es íntegra: %1</translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: the trail (%2 entries, head %3) holds every one of the %Ln head(s) received.</source>
        <translation>
            <numerusform>Puesto %1: la pista (%2 entradas, cabeza %3) contiene la %Ln cabeza recibida.</numerusform>
            <numerusform>Puesto %1: la pista (%2 entradas, cabeza %3) contiene todas y cada una de las %Ln cabezas recibidas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: %2 of the %Ln head(s) received are not in the trail (%3 entries).</source>
        <translation>
            <numerusform>Puesto %1: %2 de %Ln cabeza recibida no está en la pista (%3 entradas).</numerusform>
            <numerusform>Puesto %1: %2 de las %Ln cabezas recibidas no están en la pista (%3 entradas).</numerusform>
        </translation>
    </message>
    <message>
        <source>check a desk&apos;s exported audit trail against every head the ledger received</source>
        <translation>verificar la pista de auditoría exportada de un puesto frente a cada cabeza recibida en el libro</translation>
    </message>
    <message>
        <source>Seconds the whole sync from one source may take, however slowly data still comes, before it is given up (default 3600; 0: no limit).</source>
        <translation>Segundos que puede durar toda la sincronización desde una fuente, por lentamente que sigan llegando los datos, antes de abandonarla (3600 por defecto; 0: sin límite).</translation>
    </message>
    <message>
        <source>sync: --deadline needs a number of seconds.</source>
        <translation>sync: --deadline necesita un número de segundos.</translation>
    </message>
    <message>
        <source>audit trail went back? desk %1, message %2 (n=%3) gives fewer audit entries than message %4, made before it (restored from a backup, or entries removed)</source>
        <translation>¿la pista de auditoría retrocedió? puesto %1: el mensaje %2 (n=%3) da menos entradas de auditoría que el mensaje %4, creado antes (restaurada desde una copia de seguridad, o entradas eliminadas)</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder (required): its list of enrolled and revoked desks is checked for every message (a desk it did not enrol, or revoked, is refused), and its home authority CA issues desk certificates.</source>
        <translation>La carpeta PKI de la autoridad (obligatoria): su lista de puestos inscritos y revocados se comprueba en cada mensaje (se rechaza un puesto que no inscribió o que revocó), y la AC de su autoridad de origen emite los certificados de puesto.</translation>
    </message>
    <message>
        <source>Another authority CA certificate (PEM) that issues desk certificates, besides the PKI&apos;s (a CA rollover). Repeatable.</source>
        <translation>Otro certificado de AC de la autoridad (PEM) que emite certificados de puesto, además del de la PKI (una renovación de AC). Repetible.</translation>
    </message>
    <message>
        <source>More revoked desks, besides the PKI&apos;s list: one desk certificate SHA-256 (hex) or desk id per line.</source>
        <translation>Más puestos revocados, además de la lista de la PKI: un SHA-256 (hex) de certificado de puesto o un id de puesto por línea.</translation>
    </message>
    <message>
        <source>--pki DIR is required: the authority&apos;s list of enrolled and revoked desks is checked for every message.</source>
        <translation>--pki CARPETA es obligatorio: la lista de puestos inscritos y revocados de la autoridad se comprueba en cada mensaje.</translation>
    </message>
    <message>
        <source>--pki DIR, --ledger FILE and one INTAKE_DIR are needed.</source>
        <translation>Se necesitan --pki CARPETA, --ledger ARCHIVO y una carpeta INTAKE_DIR.</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 (issuers/%1/ca-cert.pem) and no --ca was given.</source>
        <translation>La PKI no tiene ninguna AC de la autoridad del participante de origen %1 (issuers/%1/ca-cert.pem) y no se indicó --ca.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside (not applied).</source>
        <translation>
            <numerusform>%Ln fila de la oficina no superó sus verificaciones y se apartó (no se aplicó).</numerusform>
            <numerusform>%Ln filas de la oficina no superaron sus verificaciones y se apartaron (no se aplicaron).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail: another role wrote there.</source>
        <translation>
            <numerusform>ALARMA: la oficina tiene otras entradas en %Ln posición de la pista de este puesto: otro rol escribió allí.</numerusform>
            <numerusform>ALARMA: la oficina tiene otras entradas en %Ln posiciones de la pista de este puesto: otro rol escribió allí.</numerusform>
        </translation>
    </message>
    <message>
        <source>Manage the desk&apos;s accounts. add, disable and passwd sign in as the administrator --user ADMIN (or, for passwd, as the account&apos;s owner); passwords are read from standard input when it is not a terminal, one line each: the signing-in password first, then the new one. Only the desk&apos;s first account, an administrator, is added without --user. A password set by someone else must be changed by its owner (users passwd --user NAME --name NAME) before the account does anything else.</source>
        <translation>Gestionar las cuentas del puesto. add, disable y passwd inician sesión como el administrador --user ADMIN (o, para passwd, como el titular de la cuenta); las contraseñas se leen de la entrada estándar cuando no es un terminal, una línea cada una: primero la contraseña de inicio de sesión y luego la nueva. Solo la primera cuenta del puesto, un administrador, se añade sin --user. Una contraseña establecida por otra persona debe cambiarla su titular (users passwd --user NOMBRE --name NOMBRE) antes de que la cuenta haga cualquier otra cosa.</translation>
    </message>
    <message>
        <source>users %1: --user ADMIN is needed (their password first on standard input).</source>
        <translation>users %1: se necesita --user ADMIN (su contraseña primero en la entrada estándar).</translation>
    </message>
    <message>
        <source>users add: the desk&apos;s first account is an administrator; then that administrator adds the others with --user.</source>
        <translation>users add: la primera cuenta del puesto es un administrador; después, ese administrador añade las demás con --user.</translation>
    </message>
    <message>
        <source>Show or change the desk&apos;s settings. A change is an administrator&apos;s: --user ADMIN signs in (password on standard input); it goes to the trail.</source>
        <translation>Mostrar o cambiar la configuración del puesto. Un cambio corresponde a un administrador: --user ADMIN inicia sesión (contraseña en la entrada estándar); el cambio queda en la pista.</translation>
    </message>
    <message>
        <source>settings: --user ADMIN is needed to change a setting (their password on standard input).</source>
        <translation>settings: se necesita --user ADMIN para cambiar un ajuste (su contraseña en la entrada estándar).</translation>
    </message>
    <message>
        <source>When the damaged desk&apos;s last sync number cannot be read: the number of the authority&apos;s newest bundle, which the desk must reach again before it accepts anything (0: the desk was never synced).</source>
        <translation>Cuando no se puede leer el último número de sincronización del puesto dañado: el número del paquete más reciente de la autoridad, que el puesto debe volver a alcanzar antes de aceptar nada (0: el puesto nunca se sincronizó).</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NÚMERO</translation>
    </message>
    <message>
        <source>repair: --min-seq takes a bundle number (0 or more), not &apos;%1&apos;.</source>
        <translation>repair: --min-seq admite un número de paquete (0 o más), no &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The administrator who makes the change (password on standard input); needed once the desk has accounts.</source>
        <translation>El administrador que realiza el cambio (contraseña en la entrada estándar); necesario una vez que el puesto tiene cuentas.</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>ADMIN</translation>
    </message>
    <message>
        <source>%1: this desk has accounts: an administrator makes this change with --user ADMIN (their password on standard input).</source>
        <translation>%1: este puesto tiene cuentas: un administrador hace este cambio con --user ADMIN (su contraseña en la entrada estándar).</translation>
    </message>
    <message>
        <source>%1&apos;s password was set by someone else: they change it first (kpdesk-cli users passwd --user %1 --name %1).</source>
        <translation>La contraseña de %1 la estableció otra persona: %1 debe cambiarla primero (kpdesk-cli users passwd --user %1 --name %1).</translation>
    </message>
    <message>
        <source>CORRECTED</source>
        <translation>CORREGIDO</translation>
    </message>
    <message>
        <source>Include the list of desks (enrolled and revoked desk certificates) of the PKI: desks refuse office events a revoked desk signed.</source>
        <translation>Incluir la lista de puestos de la PKI (certificados de puesto inscritos y revocados): los puestos rechazan los eventos de la oficina firmados por un puesto revocado.</translation>
    </message>
    <message>
        <source>The authority revoked this desk&apos;s certificate on %1: enrol the desk again.</source>
        <translation>La autoridad revocó el certificado de este puesto el %1: inscriba de nuevo el puesto.</translation>
    </message>
    <message>
        <source>%1: images are read by kpdesk-cli-full, not by this program.</source>
        <translation>%1: las imágenes las lee kpdesk-cli-full, no este programa.</translation>
    </message>
    <message>
        <source>kpdesk-cli: %1 could not be started: %2</source>
        <translation>kpdesk-cli: no se pudo iniciar %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::AboutDialog</name>
    <message>
        <source>Proprietary: all rights reserved by the KP Desk maintainers.</source>
        <translation>Software propietario: todos los derechos reservados por los responsables de KP Desk.</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>Licencia: %1</translation>
    </message>
    <message>
        <source>About KP Desk</source>
        <translation>Acerca de KP Desk</translation>
    </message>
    <message>
        <source>KP Desk %1</source>
        <translation>KP Desk %1</translation>
    </message>
    <message>
        <source>DEMO desk: its certificates, keys and accounts are made up; no verdict here is about a real shipment.</source>
        <translation>Puesto DEMO: sus certificados, claves y cuentas son ficticios; ningún veredicto aquí se refiere a un envío real.</translation>
    </message>
    <message>
        <source>Verifies Kimberley Process certificates at an import desk.</source>
        <translation>Verifica certificados del Proceso de Kimberley en un puesto de importación.</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>Creado con:</translation>
    </message>
    <message>
        <source>Qt %1 (running %2), LGPL-3.0</source>
        <translation>Qt %1 (en ejecución: %2), LGPL-3.0</translation>
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
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Pista de auditoría</translation>
    </message>
    <message>
        <source>&amp;Trail</source>
        <translation>&amp;Pista</translation>
    </message>
    <message>
        <source>&amp;Verify the trail</source>
        <translation>&amp;Verificar la pista</translation>
    </message>
    <message>
        <source>&amp;Export for an auditor...</source>
        <translation>&amp;Exportar para un auditor...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>From the day</source>
        <translation>Desde el día</translation>
    </message>
    <message>
        <source>To the day</source>
        <translation>Hasta el día</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Número de certificado</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Expediente</translation>
    </message>
    <message>
        <source>Trail entries</source>
        <translation>Entradas de la pista</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>&amp;Quién:</translation>
    </message>
    <message>
        <source>Wh&amp;at:</source>
        <translation>Q&amp;ué:</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>&amp;hasta</translation>
    </message>
    <message>
        <source>Ce&amp;rtificate:</source>
        <translation>Ce&amp;rtificado:</translation>
    </message>
    <message>
        <source>Ca&amp;se:</source>
        <translation>E&amp;xpediente:</translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation>No se pudo leer la pista: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: the chain holds through its %Ln entry(ies).</source>
        <translation>
            <numerusform>Verificada: la cadena es íntegra en su %Ln entrada.</numerusform>
            <numerusform>Verificada: la cadena es íntegra en todas sus %Ln entradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>BROKEN: the trail does not hold at entry %1: %2. Entries from there on are not verified.</source>
        <translation>ROTA: la pista no es íntegra en la entrada %1: %2. Las entradas a partir de ahí no están verificadas.</translation>
    </message>
    <message numerus="yes">
        <source>Head: %1 (after %Ln entry(ies), all holding)</source>
        <translation>
            <numerusform>Cabeza: %1 (tras %Ln entrada íntegra)</numerusform>
            <numerusform>Cabeza: %1 (tras %Ln entradas íntegras)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last received by the home authority: the head after %Ln entry(ies), %1, on %2.</source>
        <translation>
            <numerusform>Lo último que recibió la autoridad de origen: la cabeza tras %Ln entrada, %1, el %2.</numerusform>
            <numerusform>Lo último que recibió la autoridad de origen: la cabeza tras %Ln entradas, %1, el %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The home authority has not received a head of this trail yet.</source>
        <translation>La autoridad de origen aún no ha recibido ninguna cabeza de esta pista.</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>Cualquier cosa</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(ies) in the trail, %1 shown</source>
        <translation>
            <numerusform>%Ln entrada en la pista; se muestran %1</numerusform>
            <numerusform>%Ln entradas en la pista; se muestran %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exportar la pista de auditoría</translation>
    </message>
    <message>
        <source>CBOR sequence (*.cbor)</source>
        <translation>Secuencia CBOR (*.cbor)</translation>
    </message>
    <message>
        <source>The export could not be written: %1: %2</source>
        <translation>No se pudo escribir la exportación: %1: %2</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>No se exportó nada: %1</translation>
    </message>
    <message>
        <source>The export could not be written to %1.</source>
        <translation>No se pudo escribir la exportación en %1.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(ies) to %1; head %2.</source>
        <translation>
            <numerusform>Se exportó %Ln entrada a %1; cabeza %2.</numerusform>
            <numerusform>Se exportaron %Ln entradas a %1; cabeza %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CameraPanel</name>
    <message>
        <source>Start camera</source>
        <translation>Iniciar la cámara</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>No camera is available.</source>
        <translation>No hay ninguna cámara disponible.</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>Detener la cámara</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseDialog</name>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Tomar</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;Resolver</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Añadir &amp;nota</translation>
    </message>
    <message>
        <source>C&amp;lose the case</source>
        <translation>&amp;Cerrar el expediente</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Re&amp;abrir</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>&amp;Verificar de nuevo</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>&amp;Imprimir...</translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation>Guardar como P&amp;DF...</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Expediente</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>required for a decision, a close, a reopening or a note</source>
        <translation>obligatorio para una decisión, un cierre, una reapertura o una nota</translation>
    </message>
    <message>
        <source>What changed since the inspection</source>
        <translation>Qué cambió desde la inspección</translation>
    </message>
    <message>
        <source>Verified again today</source>
        <translation>Verificado de nuevo hoy</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>Res&amp;ultado:</translation>
    </message>
    <message>
        <source>&amp;Reason or note:</source>
        <translation>&amp;Motivo o nota:</translation>
    </message>
    <message>
        <source>&amp;Escalate...</source>
        <translation>R&amp;emitir...</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>case-%1</source>
        <translation>expediente-%1</translation>
    </message>
    <message>
        <source>Verifying again is not available here.</source>
        <translation>La nueva verificación no está disponible aquí.</translation>
    </message>
    <message>
        <source>The inspection cannot be read: %1</source>
        <translation>No se puede leer la inspección: %1</translation>
    </message>
    <message>
        <source>There is no inspection to verify again.</source>
        <translation>No hay ninguna inspección que verificar de nuevo.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Hoy (%1): %2</translation>
    </message>
    <message>
        <source>The case cannot be read: %1</source>
        <translation>No se puede leer el expediente: %1</translation>
    </message>
    <message>
        <source>Case of certificate %1, flagged by %2 on %3.</source>
        <translation>Expediente del certificado %1, señalado por %2 el %3.</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(sin número)</translation>
    </message>
    <message>
        <source>State: %1.</source>
        <translation>Estado: %1.</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>El envío está retenido.</translation>
    </message>
    <message>
        <source>Reviewer: %1.</source>
        <translation>Revisor: %1.</translation>
    </message>
    <message>
        <source>Outcome: %1.</source>
        <translation>Resultado: %1.</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>Motivos: %1</translation>
    </message>
    <message>
        <source>Case of %1</source>
        <translation>Expediente de %1</translation>
    </message>
    <message>
        <source>shipment held</source>
        <translation>envío retenido</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Decisión: %1</translation>
    </message>
    <message>
        <source>one-person post: decided by who flagged it</source>
        <translation>oficina unipersonal: resuelto por quien lo señaló</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Remitido</translation>
    </message>
    <message numerus="yes">
        <source>file %1 (%Ln byte(s))</source>
        <translation>
            <numerusform>archivo %1 (%Ln byte)</numerusform>
            <numerusform>archivo %1 (%Ln bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>No realizado: %1</translation>
    </message>
    <message>
        <source>You have taken the case for review.</source>
        <translation>Ha tomado el expediente para revisión.</translation>
    </message>
    <message>
        <source>Write the reason for the decision first.</source>
        <translation>Escriba primero el motivo de la decisión.</translation>
    </message>
    <message>
        <source>Decided: %1.</source>
        <translation>Resuelto: %1.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Escriba primero la nota.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Nota añadida.</translation>
    </message>
    <message>
        <source>Write why the case is closed first.</source>
        <translation>Escriba primero por qué se cierra el expediente.</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>El expediente está cerrado.</translation>
    </message>
    <message>
        <source>Write why the case is reopened first.</source>
        <translation>Escriba primero por qué se reabre el expediente.</translation>
    </message>
    <message>
        <source>The case is reopened.</source>
        <translation>El expediente está reabierto.</translation>
    </message>
    <message>
        <source>Escalated to %1: the message waits in the outbox.</source>
        <translation>Remitido a %1: el mensaje espera en la bandeja de salida.</translation>
    </message>
    <message>
        <source>Opened at desk %1.</source>
        <translation>Abierto en el puesto %1.</translation>
    </message>
    <message>
        <source>one-person post: taken by who flagged it</source>
        <translation>oficina unipersonal: tomado por quien lo señaló</translation>
    </message>
    <message>
        <source>The inspection cannot be read</source>
        <translation>No se puede leer la inspección</translation>
    </message>
    <message>
        <source>The inspection is not on this desk.</source>
        <translation>La inspección no está en este puesto.</translation>
    </message>
    <message>
        <source>The inspection was made at desk %1</source>
        <translation>La inspección se hizo en el puesto %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>As the flagging desk signed it: verdict %1 (after the physical check %2), inspected by %3 on %4. %5</source>
        <translation>Tal como lo firmó el puesto que lo señaló: veredicto %1 (tras el control físico, %2), inspeccionado por %3 el %4. %5</translation>
    </message>
    <message>
        <source>This desk holds the case&apos;s events and files; the checks, the certificate and the physical check are at the desk that made the inspection.</source>
        <translation>Este puesto tiene los eventos y archivos del expediente; las verificaciones, el certificado y el control físico están en el puesto que hizo la inspección.</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseEvidenceView</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Control físico</translation>
    </message>
    <message>
        <source>The officer&apos;s notes and files</source>
        <translation>Notas y archivos del funcionario</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>No se registró ningún control físico.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(no verificado)</translation>
    </message>
    <message>
        <source>Customs declaration: %1</source>
        <translation>Declaración de aduana: %1</translation>
    </message>
    <message>
        <source>%1 (certificate: %2)</source>
        <translation>%1 (certificado: %2)</translation>
    </message>
    <message>
        <source>Parcels counted: %1</source>
        <translation>Bultos contados: %1</translation>
    </message>
    <message>
        <source>%1 ct</source>
        <translation>%1 ct</translation>
    </message>
    <message>
        <source>%1 (certificate: %2 ct, give or take %3 ct)</source>
        <translation>%1 (certificado: %2 ct, más o menos %3 ct)</translation>
    </message>
    <message>
        <source>Mass weighed: %1</source>
        <translation>Masa pesada: %1</translation>
    </message>
    <message>
        <source>Seals intact: %1</source>
        <translation>Precintos intactos: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Seal numbers read: %1</source>
        <translation>Números de precinto leídos: %1</translation>
    </message>
    <message>
        <source>Importer matches the declaration: %1</source>
        <translation>El importador coincide con la declaración: %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln byte(s))</source>
        <translation>
            <numerusform>%1 (%Ln byte)</numerusform>
            <numerusform>%1 (%Ln bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, from %2 (%3)</source>
        <translation>%1, de %2 (%3)</translation>
    </message>
    <message>
        <source>No notes were written with the flag.</source>
        <translation>No se escribieron notas con el señalamiento.</translation>
    </message>
    <message>
        <source>Other files: %1</source>
        <translation>Otros archivos: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueue</name>
    <message>
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>p. ej. BW</translation>
    </message>
    <message>
        <source>words in a reason</source>
        <translation>palabras de un motivo</translation>
    </message>
    <message>
        <source>who flagged</source>
        <translation>quién señaló</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participante:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>Moti&amp;vo:</translation>
    </message>
    <message>
        <source>O&amp;fficer:</source>
        <translation>&amp;Funcionario:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The cases cannot be read: %1</source>
        <translation>No se pueden leer los expedientes: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) listed.</source>
        <translation>
            <numerusform>%Ln expediente listado.</numerusform>
            <numerusform>%Ln expedientes listados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Office: connected; every desk&apos;s cases are listed.</source>
        <translation>Oficina: conectada; se listan los expedientes de todos los puestos.</translation>
    </message>
    <message>
        <source>Office unreachable: listing this desk&apos;s data and what came before. %1</source>
        <translation>Oficina inaccesible: se listan los datos de este puesto y lo recibido antes. %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln registro espera para subir.</numerusform>
            <numerusform>%Ln registros esperan para subir.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside.</source>
        <translation>
            <numerusform>%Ln fila de la oficina no superó sus verificaciones y se apartó.</numerusform>
            <numerusform>%Ln filas de la oficina no superaron sus verificaciones y se apartaron.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ALARMA: la oficina tiene otras entradas en %Ln posición de la pista de este puesto.</numerusform>
            <numerusform>ALARMA: la oficina tiene otras entradas en %Ln posiciones de la pista de este puesto.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueueModel</name>
    <message>
        <source>HELD</source>
        <translation>RETENIDO</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Señalado por</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>este puesto</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Puesto</translation>
    </message>
</context>
<context>
    <name>kp::ui::CorrectionDialog</name>
    <message>
        <source>Correct the physical check of %1</source>
        <translation>Corregir el control físico de %1</translation>
    </message>
    <message>
        <source>Record a correction to this inspection?</source>
        <translation>¿Registrar una corrección de esta inspección?</translation>
    </message>
    <message>
        <source>The recorded check stays in the inspection&apos;s record and in the audit trail; the correction is added to them with its reason. A case opened on this inspection is left to its supervisor.</source>
        <translation>El control registrado permanece en el registro de la inspección y en la pista de auditoría; la corrección se añade a ellos con su motivo. Un expediente abierto sobre esta inspección queda en manos de su supervisor.</translation>
    </message>
    <message>
        <source>Why the recorded check was wrong</source>
        <translation>Por qué el control registrado era erróneo</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>Registrado:</translation>
    </message>
    <message>
        <source>Correction:</source>
        <translation>Corrección:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Record the correction</source>
        <translation>Registrar la corrección</translation>
    </message>
    <message numerus="yes">
        <source>%Ln parcel(s) counted</source>
        <translation>
            <numerusform>%Ln bulto contado</numerusform>
            <numerusform>%Ln bultos contados</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 carats weighed</source>
        <translation>%1 quilates pesados</translation>
    </message>
    <message>
        <source>seals intact</source>
        <translation>precintos intactos</translation>
    </message>
    <message>
        <source>seals not intact</source>
        <translation>precintos no intactos</translation>
    </message>
    <message>
        <source>importer matches</source>
        <translation>el importador coincide</translation>
    </message>
    <message>
        <source>importer does not match</source>
        <translation>el importador no coincide</translation>
    </message>
</context>
<context>
    <name>kp::ui::DeskStatusPanel</name>
    <message numerus="yes">
        <source>%Ln hour(s) old</source>
        <translation>
            <numerusform>hace %Ln hora</numerusform>
            <numerusform>hace %Ln horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) old</source>
        <translation>
            <numerusform>hace %Ln día</numerusform>
            <numerusform>hace %Ln días</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>DEMO: demo data, not real certificates</source>
        <translation>DEMO: datos de demostración, no certificados reales</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date (F5)</source>
        <translation>Actualizar los datos del puesto (F5)</translation>
    </message>
    <message>
        <source>Desk of %1 · never synced</source>
        <translation>Puesto de %1 · nunca sincronizado</translation>
    </message>
    <message>
        <source>Desk of %1 · data seq %2, published %3 (%4)</source>
        <translation>Puesto de %1 · datos n.º %2, publicados el %3 (%4)</translation>
    </message>
    <message>
        <source>NO DATA: sync before relying on verdicts</source>
        <translation>SIN DATOS: sincronice antes de confiar en los veredictos</translation>
    </message>
    <message>
        <source>STALE since %1: sync now</source>
        <translation>DESACTUALIZADOS desde el %1: sincronice</translation>
    </message>
</context>
<context>
    <name>kp::ui::EnrolmentPanel</name>
    <message>
        <source>Make the key and sa&amp;ve the request...</source>
        <translation>Crear la clave y &amp;guardar la solicitud...</translation>
    </message>
    <message>
        <source>Install the &amp;certificate...</source>
        <translation>Instalar el &amp;certificado...</translation>
    </message>
    <message>
        <source>Desk id</source>
        <translation>Id del puesto</translation>
    </message>
    <message>
        <source>participant, post and desk, e.g. EU-ANR-03</source>
        <translation>participante, oficina y puesto, p. ej. EU-ANR-03</translation>
    </message>
    <message>
        <source>The desk signs import confirmations and doubts with its own key. Save its certificate request, give the file to your home authority, and install the certificate it returns.</source>
        <translation>El puesto firma las confirmaciones de importación y las dudas con su propia clave. Guarde su solicitud de certificado, entregue el archivo a su autoridad de origen e instale el certificado que esta le devuelva.</translation>
    </message>
    <message>
        <source>Desk &amp;id:</source>
        <translation>&amp;Id del puesto:</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>No inscrito.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>No inscrito: el puesto %1 espera su certificado.</translation>
    </message>
    <message>
        <source>Enrolled as desk %1; the certificate is valid until %2 (UTC).</source>
        <translation>Inscrito como puesto %1; el certificado es válido hasta el %2 (UTC).</translation>
    </message>
    <message>
        <source>Give the desk&apos;s id first (from your home authority).</source>
        <translation>Indique primero el id del puesto (se lo da su autoridad de origen).</translation>
    </message>
    <message>
        <source>Enrol the desk again</source>
        <translation>Inscribir de nuevo el puesto</translation>
    </message>
    <message>
        <source>This desk is enrolled. Enrolling it again makes a new key; the installed certificate is removed and the desk signs nothing until the new one is installed. Go on?</source>
        <translation>Este puesto está inscrito. Inscribirlo de nuevo crea una clave nueva; el certificado instalado se elimina y el puesto no firma nada hasta que se instale el nuevo. ¿Continuar?</translation>
    </message>
    <message>
        <source>Save the certificate request</source>
        <translation>Guardar la solicitud de certificado</translation>
    </message>
    <message>
        <source>Requests (*.pem)</source>
        <translation>Solicitudes (*.pem)</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority, then install the certificate it returns.</source>
        <translation>Se escribió la solicitud de certificado del puesto %1 en %2: entréguela a la autoridad de origen y luego instale el certificado que esta devuelva.</translation>
    </message>
    <message>
        <source>The desk certificate from the authority</source>
        <translation>El certificado del puesto emitido por la autoridad</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Certificado del puesto %1 instalado, válido hasta el %2 (UTC).</translation>
    </message>
    <message>
        <source>The home authority revoked the certificate of desk %1 on %2: other desks and the authority refuse what it signs. Enrol the desk again.</source>
        <translation>La autoridad de origen revocó el certificado del puesto %1 el %2: los demás puestos y la autoridad rechazan lo que firma. Inscriba de nuevo el puesto.</translation>
    </message>
</context>
<context>
    <name>kp::ui::EscalateDialog</name>
    <message>
        <source>Escalate the case</source>
        <translation>Remitir el expediente</translation>
    </message>
    <message>
        <source>A participant&apos;s code, e.g. AO</source>
        <translation>El código de un participante, p. ej. AO</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>Also &amp;to:</source>
        <translation>También &amp;para:</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;Remitir</translation>
    </message>
    <message>
        <source>The doubt goes, signed by this desk, to its home authority for:</source>
        <translation>La duda se envía, firmada por este puesto, a su autoridad de origen para:</translation>
    </message>
</context>
<context>
    <name>kp::ui::FirstRunDialog</name>
    <message>
        <source>Set up this desk</source>
        <translation>Configurar este puesto</translation>
    </message>
    <message>
        <source>This desk has no data yet. Set it up with the files from your KP authority, or try KP Desk on a demo desk with demo certificates.</source>
        <translation>Este puesto aún no tiene datos. Configúrelo con los archivos de su autoridad KP o pruebe KP Desk en un puesto de demostración con certificados de demostración.</translation>
    </message>
    <message>
        <source>e.g. EU, CA, NA</source>
        <translation>p. ej. EU, CA, NA</translation>
    </message>
    <message>
        <source>bundle-cert.pem from your authority</source>
        <translation>bundle-cert.pem de su autoridad</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Examinar...</translation>
    </message>
    <message>
        <source>The authority&apos;s bundle key certificate</source>
        <translation>El certificado de la clave de paquetes de la autoridad</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... o una carpeta (memoria USB)</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participante:</translation>
    </message>
    <message>
        <source>Bundle &amp;key:</source>
        <translation>&amp;Clave de paquetes:</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>Nombre del administrador</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>Contraseña del administrador</translation>
    </message>
    <message>
        <source>Administrator&apos;s password again</source>
        <translation>Repita la contraseña del administrador</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;name:</source>
        <translation>&amp;Nombre del administrador:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Contra&amp;seña:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>&amp;Repetir la contraseña:</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>Confi&amp;gurar</translation>
    </message>
    <message>
        <source>Try the &amp;demo desk</source>
        <translation>Probar el puesto de &amp;demostración</translation>
    </message>
    <message>
        <source>Give the participant code and the bundle key file.</source>
        <translation>Indique el código del participante y el archivo de la clave de paquetes.</translation>
    </message>
    <message>
        <source>Give the administrator&apos;s name.</source>
        <translation>Indique el nombre del administrador.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>Las dos contraseñas no coinciden. Escríbalas de nuevo.</translation>
    </message>
    <message>
        <source>Browse for the bundle key</source>
        <translation>Buscar la clave de paquetes</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>C&amp;arpeta...</translation>
    </message>
    <message>
        <source>Browse for the sync folder</source>
        <translation>Buscar la carpeta de sincronización</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>La carpeta publicada (memoria USB, recurso compartido)</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>Archi&amp;vo de paquete...</translation>
    </message>
    <message>
        <source>Browse for a bundle file</source>
        <translation>Buscar un archivo de paquete</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Un archivo de paquete</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Paquetes (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync so&amp;urce:</source>
        <translation>&amp;Fuente de sincronización:</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>Descargando %1...</translation>
    </message>
    <message>
        <source>The desk starts all the same; sync it later with Sync now (F5).</source>
        <translation>El puesto arranca igualmente; sincronícelo más tarde con Sincronizar ahora (F5).</translation>
    </message>
    <message>
        <source>The desk of %1 is set up, with %2 as its administrator.</source>
        <translation>El puesto de %1 está configurado, con %2 como administrador.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progreso de la sincronización</translation>
    </message>
    <message>
        <source>&lt;b&gt;Enrolment with the home authority&lt;/b&gt; (now, or later in Settings)</source>
        <translation>&lt;b&gt;Inscripción ante la autoridad de origen&lt;/b&gt; (ahora o más tarde en Configuración)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;Empezar</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>No se puede leer %1.</translation>
    </message>
    <message>
        <source>No sync source was given: sync with Sync now (F5) once an administrator has added one in Settings.</source>
        <translation>No se indicó ninguna fuente de sincronización: sincronice con Sincronizar ahora (F5) cuando un administrador haya añadido una en Configuración.</translation>
    </message>
    <message>
        <source>Syncing from %1...</source>
        <translation>Sincronizando desde %1...</translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagBox</name>
    <message>
        <source>The flags of this inspection cannot be read.</source>
        <translation>No se pueden leer los señalamientos de esta inspección.</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Señalamiento</translation>
    </message>
    <message>
        <source>Flagged %1 by %2.</source>
        <translation>Señalado el %1 por %2.</translation>
    </message>
    <message>
        <source>The shipment is HELD.</source>
        <translation>El envío está RETENIDO.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>El envío no está retenido.</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
    <message>
        <source>No images.</source>
        <translation>Sin imágenes.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s): %1</source>
        <translation>
            <numerusform>%Ln imagen: %1</numerusform>
            <numerusform>%Ln imágenes: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagDialog</name>
    <message>
        <source>&amp;Hold the shipment</source>
        <translation>&amp;Retener el envío</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>What you saw, what the importer said, what you did.</source>
        <translation>Lo que vio, lo que dijo el importador, lo que hizo.</translation>
    </message>
    <message>
        <source>Attached images</source>
        <translation>Imágenes adjuntas</translation>
    </message>
    <message>
        <source>&amp;Attach image...</source>
        <translation>&amp;Adjuntar imagen...</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>Adjuntar imágenes</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>&amp;Señalar</translation>
    </message>
    <message>
        <source>Give at least one reason or a note.</source>
        <translation>Indique al menos un motivo o una nota.</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>&amp;Motivos:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>I&amp;mages of the certificate and the container:</source>
        <translation>&amp;Imágenes del certificado y del contenedor:</translation>
    </message>
    <message>
        <source>Flag reasonable doubt: %1</source>
        <translation>Señalar una duda razonable: %1</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>Certificado %1</translation>
    </message>
    <message>
        <source>Close without flagging? The notes and images you added are thrown away.</source>
        <translation>¿Cerrar sin señalar? Se descartarán las notas e imágenes que añadió.</translation>
    </message>
    <message>
        <source>Cannot attach %1: %2</source>
        <translation>No se puede adjuntar %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::HealthMonitor</name>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Reparar los datos del puesto...</translation>
    </message>
    <message>
        <source>Damaged data warning</source>
        <translation>Aviso de datos dañados</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read, so no certificate can be accepted: repair it, then sync. (%1)</source>
        <translation>No se pudieron leer los datos del puesto, así que no se puede aceptar ningún certificado: repárelos y luego sincronice. (%1)</translation>
    </message>
</context>
<context>
    <name>kp::ui::HelpDialog</name>
    <message>
        <source>KP Desk help</source>
        <translation>Ayuda de KP Desk</translation>
    </message>
    <message>
        <source>The verdicts</source>
        <translation>Los veredictos</translation>
    </message>
    <message>
        <source>ACCEPT (green):</source>
        <translation>ACEPTADO (verde):</translation>
    </message>
    <message>
        <source>every check passed: the certificate is genuine, valid, meant for this desk and not used before. Do the physical check, then release the shipment (Ctrl+R).</source>
        <translation>todas las verificaciones son correctas: el certificado es auténtico, válido, destinado a este puesto y no usado antes. Haga el control físico y luego libere el envío (Ctrl+R).</translation>
    </message>
    <message>
        <source>DOUBT (amber):</source>
        <translation>DUDA (ámbar):</translation>
    </message>
    <message>
        <source>something needs a closer look; the checks marked as warnings say what. Examine the shipment and its papers. If the doubt is cleared, release the shipment; if not, flag reasonable doubt (Ctrl+D) with what you saw and hold the shipment.</source>
        <translation>algo requiere un examen más detenido; las verificaciones marcadas como aviso indican qué. Examine el envío y sus documentos. Si la duda se aclara, libere el envío; si no, señale una duda razonable (Ctrl+D) con lo que vio y retenga el envío.</translation>
    </message>
    <message>
        <source>REJECT (red):</source>
        <translation>RECHAZADO (rojo):</translation>
    </message>
    <message>
        <source>a check failed: the certificate is forged, altered, revoked, expired, or not for this desk. Do not release. Hold the shipment, flag reasonable doubt (Ctrl+D) and tell your supervisor; the flag opens a case for them.</source>
        <translation>una verificación falló: el certificado es falso, alterado, revocado, vencido o no destinado a este puesto. No libere el envío: reténgalo, señale una duda razonable (Ctrl+D) y avise a su supervisor; el señalamiento le abre un expediente.</translation>
    </message>
    <message>
        <source>Grey, &quot;not looked at&quot;:</source>
        <translation>Gris, «sin revisar»:</translation>
    </message>
    <message>
        <source>Seals intact and Importer matches are for you to tick after looking at the containers and the papers. Until you do, they are neither passed nor failed, and the verdict does not count them.</source>
        <translation>Usted marca «Precintos intactos» y «El importador coincide» tras revisar los contenedores y los documentos. Hasta entonces no son ni correctos ni fallidos, y el veredicto no los tiene en cuenta.</translation>
    </message>
    <message>
        <source>STALE or NO DATA:</source>
        <translation>DESACTUALIZADOS o SIN DATOS:</translation>
    </message>
    <message>
        <source>the desk&apos;s data is older than the authority allows or missing: sync (F5) before relying on a verdict.</source>
        <translation>los datos del puesto son más antiguos de lo que permite la autoridad, o faltan: sincronice (F5) antes de confiar en un veredicto.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>A keyboard-wedge scanner works wherever the focus is; Esc starts a new inspection.</source>
        <translation>Un escáner de teclado funciona dondequiera que esté el foco; Esc inicia una nueva inspección.</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearch</name>
    <message>
        <source>Find inspections</source>
        <translation>Buscar inspecciones</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>cualquier número</translation>
    </message>
    <message>
        <source>any officer</source>
        <translation>cualquier funcionario</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>p. ej. BW</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Cualquier veredicto</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Número:</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;hasta</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>&amp;Veredicto:</translation>
    </message>
    <message>
        <source>&amp;Officer:</source>
        <translation>&amp;Funcionario:</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participante:</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Inspections found</source>
        <translation>Inspecciones encontradas</translation>
    </message>
    <message>
        <source>The first date is after the last.</source>
        <translation>La primera fecha es posterior a la última.</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Se encontró más de %Ln inspección: acote la búsqueda.</numerusform>
            <numerusform>Se encontraron más de %Ln inspecciones: acote la búsqueda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>%Ln inspección encontrada.</numerusform>
            <numerusform>%Ln inspecciones encontradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanned code cannot be read: %1</source>
        <translation>No se puede leer el código escaneado: %1</translation>
    </message>
    <message>
        <source>What was scanned is not a certificate.</source>
        <translation>Lo escaneado no es un certificado.</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearchModel</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <source>Doubt</source>
        <translation>Duda</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Veredicto final</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Funcionario</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Expediente</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionView</name>
    <message>
        <source>✔ pass</source>
        <translation>✔ correcto</translation>
    </message>
    <message>
        <source>⚠ warn</source>
        <translation>⚠ aviso</translation>
    </message>
    <message>
        <source>✖ fail</source>
        <translation>✖ fallo</translation>
    </message>
    <message>
        <source>– skip</source>
        <translation>– no verificado</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Verificaciones</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>Certificado tal como lo firmó la autoridad emisora</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Imagen escaneada</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Todas las verificaciones son correctas.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Emitido por</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitido</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (mixto)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Exportador</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Importador</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>%1: %2 ct, US$ %3</source>
        <translation>%1: %2 ct, US$ %3</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Bultos</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Precintos</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Observación</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Control físico</translation>
    </message>
</context>
<context>
    <name>kp::ui::LockPage</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Sign in as &amp;someone else</source>
        <translation>Iniciar sesión como &amp;otra persona</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>El puesto está bloqueado</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>Iniciar sesión como otra persona</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type your password to go on.</source>
        <translation>Sesión iniciada: %1 (%2). Escriba su contraseña para continuar.</translation>
    </message>
</context>
<context>
    <name>kp::ui::MainWindow</name>
    <message>
        <source>KP Desk - DEMO</source>
        <translation>KP Desk - DEMO</translation>
    </message>
    <message>
        <source>KP Desk</source>
        <translation>KP Desk</translation>
    </message>
    <message>
        <source>Scan, or type a certificate number, then Enter</source>
        <translation>Escanee o escriba un número de certificado y pulse Intro</translation>
    </message>
    <message>
        <source>Certificate number or barcode text</source>
        <translation>Número de certificado o texto del código de barras</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verificar</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Certificado:</translation>
    </message>
    <message>
        <source>&amp;Flag reasonable doubt...</source>
        <translation>Señalar una &amp;duda razonable...</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Inspecciones de hoy</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Expedientes</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>No se pudieron incorporar los señalamientos guardados antes de que este puesto llevara expedientes: %1</translation>
    </message>
    <message>
        <source>This desk has no account yet. An administrator makes the first one with: kpdesk-cli users add --db %1 --name NAME --role administrator</source>
        <translation>Este puesto aún no tiene ninguna cuenta. Un administrador crea la primera con: kpdesk-cli users add --db %1 --name NOMBRE --role administrator</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2).</source>
        <translation>Sesión iniciada: %1 (%2).</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nombre o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>Scan a certificate first.</source>
        <translation>Escanee primero un certificado.</translation>
    </message>
    <message>
        <source>inspection-%1</source>
        <translation>inspeccion-%1</translation>
    </message>
    <message>
        <source>Locked: sign in to scan.</source>
        <translation>Bloqueado: inicie sesión para escanear.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Escaneo</translation>
    </message>
    <message>
        <source>&amp;Open image...</source>
        <translation>&amp;Abrir imagen...</translation>
    </message>
    <message>
        <source>Open a scanned certificate</source>
        <translation>Abrir un certificado escaneado</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;Pegar imagen</translation>
    </message>
    <message>
        <source>&amp;New inspection</source>
        <translation>&amp;Nueva inspección</translation>
    </message>
    <message>
        <source>Release the s&amp;hipment</source>
        <translation>Li&amp;berar el envío</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Sincroni&amp;zar ahora</translation>
    </message>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Reparar los datos del puesto...</translation>
    </message>
    <message>
        <source>&amp;Watch a scanner folder...</source>
        <translation>&amp;Vigilar una carpeta del escáner...</translation>
    </message>
    <message>
        <source>Folder where the document scanner saves</source>
        <translation>Carpeta donde guarda el escáner de documentos</translation>
    </message>
    <message>
        <source>S&amp;erial scanner...</source>
        <translation>Escáner s&amp;erie...</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>Escáner serie</translation>
    </message>
    <message>
        <source>Port of the 2D imager (empty: none):</source>
        <translation>Puerto del lector 2D (vacío: ninguno):</translation>
    </message>
    <message>
        <source>Go to &amp;certificate field</source>
        <translation>Ir al campo &amp;certificado</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s inspections</source>
        <translation>Inspecciones de &amp;hoy</translation>
    </message>
    <message>
        <source>F&amp;ind inspection...</source>
        <translation>B&amp;uscar inspección...</translation>
    </message>
    <message>
        <source>C&amp;ases...</source>
        <translation>E&amp;xpedientes...</translation>
    </message>
    <message>
        <source>&amp;Print the inspection...</source>
        <translation>&amp;Imprimir la inspección...</translation>
    </message>
    <message>
        <source>Save the inspection as P&amp;DF...</source>
        <translation>&amp;Guardar la inspección como PDF...</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>B&amp;loquear el puesto</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Terminar la sesión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>The language can be changed when the sync has finished.</source>
        <translation>El idioma podrá cambiarse cuando termine la sincronización.</translation>
    </message>
    <message>
        <source>A sync is writing to the desk: this inspection will be saved as soon as it has finished.</source>
        <translation>Una sincronización está escribiendo en el puesto: esta inspección se guardará en cuanto termine.</translation>
    </message>
    <message>
        <source>That inspection cannot be read.</source>
        <translation>No se puede leer esa inspección.</translation>
    </message>
    <message>
        <source>This inspection was saved before accounts: scan the certificate again.</source>
        <translation>Esta inspección se guardó antes de que hubiera cuentas: escanee de nuevo el certificado.</translation>
    </message>
    <message>
        <source>Case opened; the shipment is held.</source>
        <translation>Expediente abierto; el envío está retenido.</translation>
    </message>
    <message>
        <source>Case opened.</source>
        <translation>Expediente abierto.</translation>
    </message>
    <message>
        <source>Inspection of %1 by %2, as seen then (not verified again).</source>
        <translation>Inspección del %1 por %2, tal como se vio entonces (no verificada de nuevo).</translation>
    </message>
    <message>
        <source>That inspection is not in the desk&apos;s records.</source>
        <translation>Esa inspección no está en los registros del puesto.</translation>
    </message>
    <message>
        <source>A sync is running: repair the desk&apos;s data when it has finished.</source>
        <translation>Hay una sincronización en curso: repare los datos del puesto cuando termine.</translation>
    </message>
    <message>
        <source>Repair the desk&apos;s data</source>
        <translation>Reparar los datos del puesto</translation>
    </message>
    <message>
        <source>The desk&apos;s own records (its configuration, presentations, inspections, flags and attachments) are kept, as far as they can be read. The authorities&apos; data is dropped and must be synced again. The damaged file is kept beside the new one.

Repair now?</source>
        <translation>Se conservan los registros propios del puesto (su configuración, presentaciones, inspecciones, señalamientos y adjuntos), en la medida en que puedan leerse. Los datos de las autoridades se descartan y deben sincronizarse de nuevo. El archivo dañado se conserva junto al nuevo.

¿Reparar ahora?</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1: %Ln fila</numerusform>
            <numerusform>%1: %Ln filas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: some rows</source>
        <translation>%1: algunas filas</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired. The damaged file is kept as %1.</source>
        <translation>Los datos del puesto se repararon. El archivo dañado se conserva como %1.</translation>
    </message>
    <message>
        <source>None of the desk&apos;s own records was lost.</source>
        <translation>No se perdió ninguno de los registros propios del puesto.</translation>
    </message>
    <message>
        <source>Records that could not be saved: %1.</source>
        <translation>Registros que no se pudieron recuperar: %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again.</source>
        <translation>Sincronice ahora para volver a obtener los datos de la autoridad.</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired: sync now.</source>
        <translation>Los datos del puesto se repararon: sincronice ahora.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>The authority&apos;s address (https://...) or a folder (USB stick):</source>
        <translation>La dirección de la autoridad (https://...) o una carpeta (memoria USB):</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>Sincronizando...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>Descargando %1...</translation>
    </message>
    <message>
        <source>Cannot open the serial port %1: %2</source>
        <translation>No se puede abrir el puerto serie %1: %2</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>No liberado: %1</translation>
    </message>
    <message>
        <source>Released: %1. The import confirmation waits in the outbox.</source>
        <translation>Liberado: %1. La confirmación de importación espera en la bandeja de salida.</translation>
    </message>
    <message>
        <source>Released: %1. No import confirmation was made: %2</source>
        <translation>Liberado: %1. No se creó ninguna confirmación de importación: %2</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>No hay nadie con sesión iniciada.</translation>
    </message>
    <message>
        <source>Outbox: could not be read</source>
        <translation>Bandeja de salida: no se pudo leer</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %Ln waiting</source>
        <translation>
            <numerusform>Bandeja de salida: %Ln en espera</numerusform>
            <numerusform>Bandeja de salida: %Ln en espera</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages to the home authority, sent when online.</source>
        <translation>Mensajes a la autoridad de origen, enviados cuando haya conexión.</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>Último intento: %1</translation>
    </message>
    <message>
        <source>The case&apos;s PDF could not be made (%1); the message goes without it.</source>
        <translation>No se pudo crear el PDF del expediente (%1); el mensaje sale sin él.</translation>
    </message>
    <message>
        <source>Fla&amp;g reasonable doubt...</source>
        <translation>Señalar una d&amp;uda razonable...</translation>
    </message>
    <message>
        <source>Settin&amp;gs...</source>
        <translation>C&amp;onfiguración...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About KP Desk</source>
        <translation>&amp;Acerca de KP Desk</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a KP1 barcode nor a certificate number. Correct it and press Enter, or scan again.</source>
        <translation>«%1» no es un código de barras KP1 ni un número de certificado. Corríjalo y pulse Intro, o vuelva a escanear.</translation>
    </message>
    <message>
        <source>Nothing was verified</source>
        <translation>No se verificó nada</translation>
    </message>
    <message>
        <source>Flagged: the shipment is HELD (case opened).</source>
        <translation>Señalado: el envío está RETENIDO (expediente abierto).</translation>
    </message>
    <message>
        <source>Flagged: case opened; the shipment is not held.</source>
        <translation>Señalado: expediente abierto; el envío no está retenido.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.</source>
        <translation>Mientras tanto se abrió otra inspección: no se señaló nada. Abra de nuevo %1 para señalarlo.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Control físico</translation>
    </message>
    <message>
        <source>Retry saving</source>
        <translation>Reintentar guardado</translation>
    </message>
    <message>
        <source>The inspection of %1 could not be saved: %2
It is kept on screen; press &quot;Retry saving&quot; to save it again.</source>
        <translation>No se pudo guardar la inspección de %1: %2
Se mantiene en pantalla; pulse «Reintentar guardado» para guardarla de nuevo.</translation>
    </message>
    <message>
        <source>this certificate</source>
        <translation>este certificado</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) could still not be saved: %1</source>
        <translation>
            <numerusform>Aún no se pudo guardar %Ln inspección: %1</numerusform>
            <numerusform>Aún no se pudieron guardar %Ln inspecciones: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation>&amp;Usuarios...</translation>
    </message>
    <message>
        <source>&amp;Browse the audit trail...</source>
        <translation>Exa&amp;minar la pista de auditoría...</translation>
    </message>
    <message>
        <source>The inspection of %1 scanned during the sync was saved, but its presentation could not be recorded: %2</source>
        <translation>La inspección de %1 escaneada durante la sincronización se guardó, pero no se pudo registrar su presentación: %2</translation>
    </message>
    <message>
        <source>The physical check is already recorded so: nothing to correct.</source>
        <translation>El control físico ya está registrado así: no hay nada que corregir.</translation>
    </message>
    <message>
        <source>Nothing was corrected: the recorded physical check stands.</source>
        <translation>No se corrigió nada: el control físico registrado se mantiene.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was corrected.</source>
        <translation>Mientras tanto se abrió otra inspección: no se corrigió nada.</translation>
    </message>
    <message>
        <source>The correction was not recorded: %1</source>
        <translation>No se registró la corrección: %1</translation>
    </message>
    <message>
        <source>Correction recorded; the verdict is now %1.</source>
        <translation>Corrección registrada; el veredicto es ahora %1.</translation>
    </message>
    <message numerus="yes">
        <source>CORRECTED (%Ln correction(s)). First recorded: %1. Last correction by %2, %3: %4</source>
        <translation>
            <numerusform>CORREGIDO (%Ln corrección). Primer registro: %1. Última corrección de %2, %3: %4</numerusform>
            <numerusform>CORREGIDO (%Ln correcciones). Primer registro: %1. Última corrección de %2, %3: %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Physical check: %1</source>
        <translation>Control físico: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::NewPasswordPage</name>
    <message>
        <source>&amp;Set my password</source>
        <translation>&amp;Establecer mi contraseña</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Terminar la sesión</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>Elija una nueva contraseña</translation>
    </message>
    <message>
        <source>Set my password</source>
        <translation>Establecer mi contraseña</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Terminar la sesión</translation>
    </message>
    <message>
        <source>Password message</source>
        <translation>Mensaje de contraseña</translation>
    </message>
    <message>
        <source>%1, your password was set by an administrator. Choose a new one that only you know before you go on.</source>
        <translation>%1, su contraseña la estableció un administrador. Antes de continuar, elija una nueva que solo usted conozca.</translation>
    </message>
</context>
<context>
    <name>kp::ui::OfficeSettingsPanel</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>Probar co&amp;nexión</translation>
    </message>
    <message>
        <source>Office URL</source>
        <translation>URL de la oficina</translation>
    </message>
    <message>
        <source>postgresql://desk@office.example/kpoffice?sslmode=verify-full</source>
        <translation>postgresql://desk@office.example/kpoffice?sslmode=verify-full</translation>
    </message>
    <message>
        <source>Office password</source>
        <translation>Contraseña de la oficina</translation>
    </message>
    <message>
        <source>kept; type a new one to change it</source>
        <translation>se conserva; escriba una nueva para cambiarla</translation>
    </message>
    <message>
        <source>Connected to the office.</source>
        <translation>Conectado a la oficina.</translation>
    </message>
    <message>
        <source>Office &amp;URL:</source>
        <translation>&amp;URL de la oficina:</translation>
    </message>
    <message>
        <source>Office pass&amp;word:</source>
        <translation>Con&amp;traseña de la oficina:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Not tested yet (the window replicates in the background).</source>
        <translation>Conexión aún no probada (la ventana se replica en segundo plano).</translation>
    </message>
    <message>
        <source>This desk works alone: no office.</source>
        <translation>Este puesto funciona de forma independiente: sin oficina.</translation>
    </message>
    <message>
        <source>No office URL to test.</source>
        <translation>No hay ninguna URL de oficina que probar.</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>Intentando conectar con %1…</translation>
    </message>
    <message>
        <source>Saved: the window replicates with %1.</source>
        <translation>Guardado: la ventana se replica con %1.</translation>
    </message>
    <message>
        <source>Saved: this desk works alone.</source>
        <translation>Guardado: este puesto funciona de forma independiente.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk wait to go up.</source>
        <translation>
            <numerusform>%Ln registro de este puesto espera para subir.</numerusform>
            <numerusform>%Ln registros de este puesto esperan para subir.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::PasswordPair</name>
    <message>
        <source>New password</source>
        <translation>Nueva contraseña</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nueva contraseña (otra vez)</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Nueva &amp;contraseña:</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation>Escriba la nueva contraseña dos veces.</translation>
    </message>
    <message>
        <source>The two passwords are not the same: type them again.</source>
        <translation>Las dos contraseñas no coinciden: escríbalas de nuevo.</translation>
    </message>
</context>
<context>
    <name>kp::ui::PhysicalCheckPanel</name>
    <message>
        <source>Physical check of the shipment</source>
        <translation>Control físico del envío</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Precintos intactos</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>El importador coincide con la declaración</translation>
    </message>
    <message>
        <source>&amp;Check shipment</source>
        <translation>&amp;Controlar el envío</translation>
    </message>
    <message>
        <source>Customs declaration reference</source>
        <translation>Referencia de la declaración de aduana</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>sin contar</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Bultos contados</translation>
    </message>
    <message>
        <source> ct</source>
        <translation> ct</translation>
    </message>
    <message>
        <source>not weighed</source>
        <translation>sin pesar</translation>
    </message>
    <message>
        <source>Mass weighed in carats</source>
        <translation>Masa pesada en quilates</translation>
    </message>
    <message>
        <source>Mass tolerance in carats</source>
        <translation>Tolerancia de masa en quilates</translation>
    </message>
    <message>
        <source>as read on the containers, separated by commas</source>
        <translation>tal como se leen en los contenedores, separados por comas</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Números de precinto</translation>
    </message>
    <message>
        <source>&amp;Declaration:</source>
        <translation>&amp;Declaración:</translation>
    </message>
    <message>
        <source>&amp;Parcels counted:</source>
        <translation>&amp;Bultos contados:</translation>
    </message>
    <message>
        <source>&amp;Mass weighed:</source>
        <translation>&amp;Masa pesada:</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>&amp;Tolerancia:</translation>
    </message>
    <message>
        <source>Seal &amp;numbers:</source>
        <translation>&amp;Números de precinto:</translation>
    </message>
    <message>
        <source>%1: not looked at</source>
        <translation>%1: sin revisar</translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1: sí</translation>
    </message>
    <message>
        <source>%1: NO</source>
        <translation>%1: NO</translation>
    </message>
    <message>
        <source>Grey (not looked at): not checked yet, so it counts neither for nor against the shipment.
Ticked: yes. Empty: no, which turns the verdict to doubt.
Click to change.</source>
        <translation>Gris (sin revisar): aún no comprobado, así que no cuenta ni a favor ni en contra del envío.
Marcado: sí. Vacío: no, lo que cambia el veredicto a duda.
Haga clic para cambiar.</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %Ln parcel(s)</source>
        <translation>
            <numerusform>Certificado: %Ln bulto</numerusform>
            <numerusform>Certificado: %Ln bultos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 ct</source>
        <translation>%1: %2 ct</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %1 ct in %Ln lot(s)</source>
        <translation>
            <numerusform>Certificado: %1 ct en %Ln lote</numerusform>
            <numerusform>Certificado: %1 ct en %Ln lotes</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: no seals</source>
        <translation>Certificado: sin precintos</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Certificado: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::RecordPrinter</name>
    <message>
        <source>Save the record as PDF</source>
        <translation>Guardar la ficha como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>Guardado como %1.</translation>
    </message>
    <message>
        <source>Print the record</source>
        <translation>Imprimir la ficha</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>No impreso: %1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado a la impresora.</translation>
    </message>
</context>
<context>
    <name>kp::ui::ScanIntake</name>
    <message>
        <source>serial scanner</source>
        <translation>escáner serie</translation>
    </message>
    <message>
        <source>No barcode was found in %1. Scan it again, or type the certificate number.</source>
        <translation>No se encontró ningún código de barras en %1. Escanéelo de nuevo o escriba el número del certificado.</translation>
    </message>
    <message>
        <source>No barcode was found in the %1 image.</source>
        <translation>No se encontró ningún código de barras en la imagen %1.</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>pegada</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no text.</source>
        <translation>El portapapeles no contiene ninguna imagen ni texto.</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>soltada</translation>
    </message>
    <message>
        <source>keyboard-wedge scanner</source>
        <translation>escáner de teclado</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>cámara</translation>
    </message>
    <message>
        <source>Scan ignored: close the dialog to verify, then scan again.</source>
        <translation>Escaneo ignorado: cierre el diálogo para verificar y luego vuelva a escanear.</translation>
    </message>
</context>
<context>
    <name>kp::ui::SettingsDialog</name>
    <message>
        <source>A &amp;sound for each verdict</source>
        <translation>Un s&amp;onido para cada veredicto</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Sync sources, in the order they are tried</source>
        <translation>Fuentes de sincronización, en el orden en que se prueban</translation>
    </message>
    <message>
        <source>New sync source</source>
        <translation>Nueva fuente de sincronización</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... o una carpeta (memoria USB)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>Ca&amp;rpeta...</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>Archi&amp;vo de paquete...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Subir</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>&amp;Bajar</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>La carpeta publicada (memoria USB, recurso compartido)</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Un archivo de paquete</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Paquetes (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync sources (tried in order until one works)</source>
        <translation>Fuentes de sincronización (se prueban en orden hasta que una funciona)</translation>
    </message>
    <message>
        <source>Serial port of the 2D imager</source>
        <translation>Puerto serie del lector 2D</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Idle lock in minutes</source>
        <translation>Bloqueo por inactividad en minutos</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Serial &amp;port of the 2D imager:</source>
        <translation>&amp;Puerto serie del lector 2D:</translation>
    </message>
    <message>
        <source>&amp;Lock the idle desk after:</source>
        <translation>B&amp;loquear el puesto inactivo tras:</translation>
    </message>
    <message>
        <source>Scanner, lock and sounds</source>
        <translation>Escáner, bloqueo y sonidos</translation>
    </message>
    <message>
        <source>Enrolment with the home authority</source>
        <translation>Inscripción ante la autoridad de origen</translation>
    </message>
    <message>
        <source>%1 is already a source.</source>
        <translation>%1 ya es una fuente.</translation>
    </message>
    <message>
        <source>Office (PostgreSQL server gathering every desk&apos;s cases)</source>
        <translation>Oficina (servidor PostgreSQL que reúne los expedientes de todos los puestos)</translation>
    </message>
</context>
<context>
    <name>kp::ui::SignInPage</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to KP Desk</source>
        <translation>Iniciar sesión en KP Desk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Mensaje de inicio de sesión</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>DEMO desk: these accounts are for trying KP Desk only.</source>
        <translation>Puesto DEMO: estas cuentas solo sirven para probar KP Desk.</translation>
    </message>
    <message>
        <source>DEMO %1: name &quot;%2&quot;, password &quot;%3&quot;</source>
        <translation>DEMO %1: nombre «%2», contraseña «%3»</translation>
    </message>
    <message>
        <source>Type your name and password.</source>
        <translation>Escriba su nombre y su contraseña.</translation>
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
        <translation>No hay ninguna fuente de sincronización: un administrador la añade en Configuración.</translation>
    </message>
    <message>
        <source>Sync failed. %1</source>
        <translation>La sincronización falló. %1</translation>
    </message>
    <message>
        <source>Already up to date: the desk is at seq %1 (%2).</source>
        <translation>Ya está al día: el puesto está en el n.º %1 (%2).</translation>
    </message>
    <message>
        <source>Synced from %1: the desk is at seq %2.</source>
        <translation>Sincronizado desde %1: el puesto está en el n.º %2.</translation>
    </message>
    <message>
        <source>Passed over: %1</source>
        <translation>Fuentes omitidas: %1</translation>
    </message>
    <message>
        <source>The sync was applied, but the audit trail could not be written: %1</source>
        <translation>La sincronización se aplicó, pero no se pudo escribir la pista de auditoría: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::TodayList</name>
    <message>
        <source>Search number, verdict, officer...</source>
        <translation>Buscar número, veredicto, funcionario...</translation>
    </message>
    <message>
        <source>Search today&apos;s inspections</source>
        <translation>Buscar en las inspecciones de hoy</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Señalado</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Funcionario</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Inspecciones de hoy</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>señalado</translation>
    </message>
    <message>
        <source>%1 (corrected)</source>
        <comment>today&apos;s list: the verdict of an inspection whose physical check was corrected</comment>
        <translation>%1 (corregida)</translation>
    </message>
    <message numerus="yes">
        <source>Its physical check was corrected %Ln time(s) after it was recorded.</source>
        <translation>
            <numerusform>Su control físico se corrigió %Ln vez después de registrarse.</numerusform>
            <numerusform>Su control físico se corrigió %Ln veces después de registrarse.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailKinds</name>
    <message>
        <source>Signed in</source>
        <translation>Sesión iniciada</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Inicio de sesión fallido</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sesión terminada</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>Puesto bloqueado</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Cuenta añadida</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>Cuenta desactivada</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>Cuenta activada</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rol cambiado</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Contraseña cambiada</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Configuración cambiada</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verificación</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Control físico</translation>
    </message>
    <message>
        <source>Inspection corrected</source>
        <translation>Inspección corregida</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Liberación</translation>
    </message>
    <message>
        <source>Release refused</source>
        <translation>Liberación denegada</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Señalado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Pruebas</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Remitido</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>Expediente cerrado</translation>
    </message>
    <message>
        <source>Case reopened</source>
        <translation>Expediente reabierto</translation>
    </message>
    <message>
        <source>Desk enrolled</source>
        <translation>Puesto inscrito</translation>
    </message>
    <message>
        <source>Desk certificate installed</source>
        <translation>Certificado de puesto instalado</translation>
    </message>
    <message>
        <source>Sync applied</source>
        <translation>Sincronización aplicada</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>Sincronización rechazada</translation>
    </message>
    <message>
        <source>Message made</source>
        <translation>Mensaje creado</translation>
    </message>
    <message>
        <source>Message delivered</source>
        <translation>Mensaje entregado</translation>
    </message>
    <message>
        <source>Message handed over</source>
        <translation>Mensaje depositado</translation>
    </message>
    <message>
        <source>Office set</source>
        <translation>Oficina configurada</translation>
    </message>
    <message>
        <source>Office records set aside</source>
        <translation>Registros de la oficina apartados</translation>
    </message>
    <message>
        <source>Office conflict</source>
        <translation>Conflicto con la oficina</translation>
    </message>
    <message>
        <source>Sync sources set</source>
        <translation>Fuentes de sincronización definidas</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailPanel</name>
    <message>
        <source>Audit trail: checking every entry...</source>
        <translation>Pista de auditoría: verificando cada entrada...</translation>
    </message>
    <message>
        <source>Audit trail: could not be read (%1). Checked %2.</source>
        <translation>Pista de auditoría: no se pudo leer (%1). Verificada el %2.</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.</source>
        <translation>
            <numerusform>Pista de auditoría: %Ln entrada, intacta. Cabeza %1. Verificada el %2.</numerusform>
            <numerusform>Pista de auditoría: %Ln entradas, intacta. Cabeza %1. Verificada el %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: BROKEN at entry %1 (%2). The %Ln entry(ies) before it hold. Export the trail (kpdesk-cli audit export) and report it. Checked %3.</source>
        <translation>
            <numerusform>Pista de auditoría: ROTA en la entrada %1 (%2). La %Ln entrada anterior es íntegra. Exporte la pista (kpdesk-cli audit export) e infórmelo. Verificada el %3.</numerusform>
            <numerusform>Pista de auditoría: ROTA en la entrada %1 (%2). Las %Ln entradas anteriores son íntegras. Exporte la pista (kpdesk-cli audit export) e infórmelo. Verificada el %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the tr&amp;ail</source>
        <translation>Verificar la &amp;pista</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailTableModel</name>
    <message>
        <source>(not an entry)</source>
        <translation>(no es una entrada)</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>íntegra</translation>
    </message>
    <message>
        <source>DOES NOT HOLD</source>
        <translation>NO ÍNTEGRA</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Cadena</translation>
    </message>
</context>
<context>
    <name>kp::ui::UsersDialog</name>
    <message>
        <source>Change &amp;role</source>
        <translation>Cambiar el &amp;rol</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>Acti&amp;var</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Nueva &amp;contraseña:</translation>
    </message>
    <message>
        <source>Aga&amp;in:</source>
        <translation>Re&amp;petir:</translation>
    </message>
    <message>
        <source>Reset &amp;password</source>
        <translation>R&amp;establecer la contraseña</translation>
    </message>
    <message>
        <source>Pa&amp;ssword:</source>
        <translation>Contra&amp;seña:</translation>
    </message>
    <message>
        <source>Repea&amp;t:</source>
        <translation>Repe&amp;tir:</translation>
    </message>
    <message>
        <source>&amp;Add the account</source>
        <translation>Añadir la c&amp;uenta</translation>
    </message>
    <message>
        <source>Users of this desk</source>
        <translation>Usuarios de este puesto</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Role of the selected account</source>
        <translation>Rol de la cuenta seleccionada</translation>
    </message>
    <message>
        <source>Name of the new account</source>
        <translation>Nombre de la nueva cuenta</translation>
    </message>
    <message>
        <source>Role of the new account</source>
        <translation>Rol de la nueva cuenta</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>Mensaje de usuarios</translation>
    </message>
    <message>
        <source>The selected account</source>
        <translation>La cuenta seleccionada</translation>
    </message>
    <message>
        <source>A new account</source>
        <translation>Una cuenta nueva</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ol:</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>No se pudieron leer las cuentas: %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivada</translation>
    </message>
    <message>
        <source>locked after failed sign-ins</source>
        <translation>bloqueada tras inicios de sesión fallidos</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>%1, must choose a new password</source>
        <translation>%1, debe elegir una nueva contraseña</translation>
    </message>
    <message>
        <source>Type the new account&apos;s name.</source>
        <translation>Escriba el nombre de la nueva cuenta.</translation>
    </message>
    <message>
        <source>Account %1 (%2) added.</source>
        <translation>Cuenta %1 (%2) añadida.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 es ahora %2.</translation>
    </message>
    <message>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>Cuenta %1 desactivada: ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <source>Account %1 enabled again.</source>
        <translation>Cuenta %1 activada de nuevo.</translation>
    </message>
    <message>
        <source>Password of %1 reset: %1 signs in with it once and then chooses a new one.</source>
        <translation>Contraseña de %1 restablecida: %1 inicia sesión con ella una vez y luego elige una nueva.</translation>
    </message>
</context>
<context>
    <name>kp::ui::VerdictBanner</name>
    <message>
        <source>ACCEPT: release</source>
        <translation>ACEPTADO: liberar</translation>
    </message>
    <message>
        <source>DOUBT: examine, then release or flag</source>
        <translation>DUDA: examinar, luego liberar o señalar</translation>
    </message>
    <message>
        <source>REJECT: hold the shipment</source>
        <translation>RECHAZADO: retener el envío</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Scan a certificate</source>
        <translation>Escanee un certificado</translation>
    </message>
    <message>
        <source>Scan its barcode, open or drop an image, or type its number.</source>
        <translation>Escanee su código de barras, abra o suelte una imagen, o escriba su número.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KP Desk: verify Kimberley Process certificates.</source>
        <translation>KP Desk: verificar certificados del Proceso de Kimberley.</translation>
    </message>
    <message>
        <source>The desk cache to use.</source>
        <translation>La caché del puesto a usar.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ARCHIVO</translation>
    </message>
    <message>
        <source>Use the demo desk (made on first use), with demo certificates.</source>
        <translation>Usar el puesto de demostración (creado en el primer uso), con certificados de demostración.</translation>
    </message>
    <message>
        <source>The interface language (e.g. fr).</source>
        <translation>El idioma de la interfaz (p. ej. es).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>IDIOMA</translation>
    </message>
</context>
</TS>
