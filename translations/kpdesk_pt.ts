<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_PT">
<context>
    <name>kp::AccountRules</name>
    <message>
        <source>Four eyes: another administrator changes the role of %1 or disables it, not %1.</source>
        <translation>Quatro olhos: é outro administrador que altera o papel de %1 ou desativa a conta, não %1.</translation>
    </message>
    <message>
        <source>%1 is the desk&apos;s last administrator who can sign in: add another administrator first.</source>
        <translation>%1 é o último administrador do posto que pode iniciar sessão: adicione primeiro outro administrador.</translation>
    </message>
</context>
<context>
    <name>kp::AuditChain</name>
    <message>
        <source>Not a valid audit entry: %1</source>
        <translation>Entrada de auditoria inválida: %1</translation>
    </message>
    <message>
        <source>the time “%1” is not of the form 2026-11-30T07:21:00.000Z</source>
        <translation>a hora “%1” não tem a forma 2026-11-30T07:21:00.000Z</translation>
    </message>
    <message>
        <source>the desk is empty</source>
        <translation>o campo desk está vazio</translation>
    </message>
    <message>
        <source>the actor is empty</source>
        <translation>o campo actor está vazio</translation>
    </message>
    <message>
        <source>the kind is empty</source>
        <translation>o campo kind está vazio</translation>
    </message>
    <message>
        <source>it must be a map of exactly n (uint), at, desk, actor, kind (text) and data (a map)</source>
        <translation>deve ser um mapa com exatamente n (uint), at, desk, actor, kind (texto) e data (um mapa)</translation>
    </message>
    <message>
        <source>n must be 1 or more</source>
        <translation>n deve ser 1 ou mais</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Entrada %1: %2</translation>
    </message>
    <message>
        <source>n must be from 1 to 2^63 - 1</source>
        <translation>n deve estar entre 1 e 2^63 - 1</translation>
    </message>
    <message>
        <source>the time is invalid or outside the years 1 to 9999</source>
        <translation>a hora é inválida ou está fora dos anos 1 a 9999</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes after entry %3 (entries were removed or moved).</source>
        <translation>Falta a entrada %1: a entrada %2 vem depois da entrada %3 (foram removidas ou movidas entradas).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes again in its place (an entry was repeated or moved).</source>
        <translation>Falta a entrada %1: a entrada %2 volta a aparecer no seu lugar (uma entrada foi repetida ou movida).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: its hash does not follow from its content and entry %2 (it was changed, or not linked to the entry before it).</source>
        <translation>A entrada %1 não é íntegra: o seu hash não resulta do seu conteúdo e da entrada %2 (foi alterada ou não está ligada à entrada anterior).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: the trail up to it differs from the head known from elsewhere (an entry up to %1 was changed).</source>
        <translation>A entrada %1 não é íntegra: a pista até ela difere da cabeça conhecida de outra fonte (uma entrada até à %1 foi alterada).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail ends at entry %2, but entry %3 is known from elsewhere (entries were removed from its end).</source>
        <translation>Falta a entrada %1: a pista termina na entrada %2, mas a entrada %3 é conhecida de outra fonte (foram removidas entradas do fim).</translation>
    </message>
</context>
<context>
    <name>kp::AuditExport</name>
    <message>
        <source>Could not write the audit export: %1</source>
        <translation>Não foi possível escrever a exportação de auditoria: %1</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Entrada %1: %2</translation>
    </message>
    <message>
        <source>Entry %1: the export ends inside it.</source>
        <translation>Entrada %1: a exportação termina a meio dela.</translation>
    </message>
    <message>
        <source>Could not read the audit export: %1</source>
        <translation>Não foi possível ler a exportação de auditoria: %1</translation>
    </message>
</context>
<context>
    <name>kp::AuthorityPki</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não é possível escrever %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Não é possível ler %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no usable private key.</source>
        <translation>%1 não contém nenhuma chave privada utilizável.</translation>
    </message>
    <message>
        <source>%1 holds no usable certificate.</source>
        <translation>%1 não contém nenhum certificado utilizável.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Não é possível criar a pasta %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Não é possível escrever %1.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk authority folder.</source>
        <translation>%1 não é uma pasta de autoridade do KP Desk.</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeReader</name>
    <message>
        <source>There is no file %1.</source>
        <translation>O ficheiro %1 não existe.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>O ficheiro %1 está vazio.</translation>
    </message>
    <message>
        <source>The file %1 is too large for an image.</source>
        <translation>O ficheiro %1 é grande demais para uma imagem.</translation>
    </message>
    <message>
        <source>The image %1 has more than %2 megapixels.</source>
        <translation>A imagem %1 tem mais de %2 megapíxeis.</translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2</source>
        <translation>%1 não é uma imagem legível (PNG, JPEG, TIFF ou BMP): %2</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeWriter</name>
    <message>
        <source>Cannot print this barcode: %1</source>
        <translation>Não é possível imprimir este código de barras: %1</translation>
    </message>
    <message>
        <source>nothing to print.</source>
        <translation>nada para imprimir.</translation>
    </message>
    <message>
        <source>Code 128 carries printable ASCII only.</source>
        <translation>O Code 128 só aceita ASCII imprimível.</translation>
    </message>
    <message>
        <source>the encoder produced nothing.</source>
        <translation>o codificador não produziu nada.</translation>
    </message>
</context>
<context>
    <name>kp::Base45</name>
    <message>
        <source>Base45 text has a dangling single character.</source>
        <translation>O texto Base45 termina com um carácter isolado.</translation>
    </message>
    <message>
        <source>Base45 text has a character outside its alphabet.</source>
        <translation>O texto Base45 tem um carácter fora do seu alfabeto.</translation>
    </message>
    <message>
        <source>Base45 text has a group that decodes above 65535.</source>
        <translation>O texto Base45 tem um grupo cujo valor excede 65535.</translation>
    </message>
    <message>
        <source>Base45 text has a final pair that decodes above 255.</source>
        <translation>O texto Base45 termina com um par cujo valor excede 255.</translation>
    </message>
</context>
<context>
    <name>kp::BundleApplier</name>
    <message>
        <source>Cannot read the bundle %1: %2</source>
        <translation>Não é possível ler o pacote %1: %2</translation>
    </message>
    <message>
        <source>The bundle is larger than any bundle can be.</source>
        <translation>O pacote é maior do que qualquer pacote pode ser.</translation>
    </message>
    <message>
        <source>The bundle does not start with a signed manifest: %1</source>
        <translation>O pacote não começa com um manifesto assinado: %1</translation>
    </message>
    <message>
        <source>The bundle&apos;s manifest envelope is malformed: %1</source>
        <translation>O envelope do manifesto do pacote está mal formado: %1</translation>
    </message>
    <message>
        <source>The bundle is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>O pacote não está assinado pela autoridade de origem deste posto (nenhuma chave de pacotes fixada o verifica).</translation>
    </message>
    <message>
        <source>The bundle manifest is malformed: %1</source>
        <translation>O manifesto do pacote está mal formado: %1</translation>
    </message>
    <message>
        <source>a certificate record must be a byte string.</source>
        <translation>um registo de certificado deve ser uma cadeia de bytes.</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (tag 18).</source>
        <translation>não é um COSE_Sign1 (etiqueta 18).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (an array of four).</source>
        <translation>não é um COSE_Sign1 (lista de quatro).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 has the wrong type).</source>
        <translation>não é um COSE_Sign1 (o elemento %1 tem o tipo errado).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 is malformed).</source>
        <translation>não é um COSE_Sign1 (o elemento %1 está mal formado).</translation>
    </message>
    <message>
        <source>the signed payload is not a CBOR map.</source>
        <translation>a carga útil assinada não é um mapa CBOR.</translation>
    </message>
    <message>
        <source>the signed payload is malformed.</source>
        <translation>a carga útil assinada está mal formada.</translation>
    </message>
    <message>
        <source>the record&apos;s no is not text.</source>
        <translation>o campo no do registo não é texto.</translation>
    </message>
    <message>
        <source>the record has no certificate number (no).</source>
        <translation>o registo não tem número de certificado (no).</translation>
    </message>
    <message>
        <source>a contact of role %1 cannot be for %2.</source>
        <translation>um contacto com o papel %1 não pode ser para %2.</translation>
    </message>
    <message>
        <source>The bundle is published by %1, not by this desk&apos;s home authority %2.</source>
        <translation>O pacote foi publicado por %1, não pela autoridade de origem deste posto, %2.</translation>
    </message>
    <message>
        <source>The bundle&apos;s seq %1 is not newer than the desk&apos;s seq %2: an old bundle cannot be applied again.</source>
        <translation>O n.º %1 do pacote não é mais recente que o n.º %2 do posto: um pacote antigo não pode ser aplicado de novo.</translation>
    </message>
    <message>
        <source>This delta applies to seq %1, but the desk is at seq %2.</source>
        <translation>Este delta aplica-se ao n.º %1, mas o posto está no n.º %2.</translation>
    </message>
    <message>
        <source>The bundle is truncated: %1 bytes of parts are missing.</source>
        <translation>O pacote está truncado: faltam %1 bytes de partes.</translation>
    </message>
    <message>
        <source>The bundle has %1 unexpected bytes after its parts.</source>
        <translation>O pacote tem %1 bytes inesperados após as suas partes.</translation>
    </message>
    <message>
        <source>Cannot read the bundle: %1</source>
        <translation>Não é possível ler o pacote: %1</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not match its SHA-256 in the manifest: the bundle is damaged or was altered.</source>
        <translation>A parte &apos;%1&apos; não corresponde ao seu SHA-256 no manifesto: o pacote está danificado ou foi alterado.</translation>
    </message>
    <message>
        <source>Record %1 of part &apos;%2&apos; is malformed%3</source>
        <translation>O registo %1 da parte &apos;%2&apos; está mal formado%3</translation>
    </message>
    <message>
        <source>The desk&apos;s data changed to seq %1 while this bundle was applied; nothing of it was kept.</source>
        <translation>Os dados do posto passaram ao n.º %1 enquanto este pacote era aplicado; nada dele foi mantido.</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not hold exactly %2 records in %3 bytes.</source>
        <translation>A parte &apos;%1&apos; não contém exatamente %2 registos em %3 bytes.</translation>
    </message>
</context>
<context>
    <name>kp::BundleManifest</name>
    <message>
        <source>The bundle manifest is not a map.</source>
        <translation>O manifesto do pacote não é um mapa.</translation>
    </message>
    <message>
        <source>Not a kpsync bundle (fmt).</source>
        <translation>Não é um pacote kpsync (fmt).</translation>
    </message>
    <message>
        <source>Unsupported bundle version (v must be 1).</source>
        <translation>Versão de pacote não suportada (v deve ser 1).</translation>
    </message>
    <message>
        <source>The manifest has no publisher (pub).</source>
        <translation>O manifesto não tem editor (pub).</translation>
    </message>
    <message>
        <source>The manifest&apos;s seq must be an integer of at least 1.</source>
        <translation>O seq do manifesto deve ser um inteiro igual ou superior a 1.</translation>
    </message>
    <message>
        <source>The manifest&apos;s base must be an integer below seq.</source>
        <translation>O base do manifesto deve ser um inteiro inferior a seq.</translation>
    </message>
    <message>
        <source>The manifest&apos;s at and fresh must be RFC 3339 times.</source>
        <translation>Os campos at e fresh do manifesto devem ser horas RFC 3339.</translation>
    </message>
    <message>
        <source>The manifest&apos;s parts must be an array.</source>
        <translation>O campo parts do manifesto deve ser uma lista.</translation>
    </message>
    <message>
        <source>A part has no name, or the part &apos;%1&apos; is repeated.</source>
        <translation>Uma parte não tem nome, ou a parte &apos;%1&apos; está repetida.</translation>
    </message>
    <message>
        <source>Part &apos;%1&apos; needs n, len and a 32-byte sha256.</source>
        <translation>A parte &apos;%1&apos; precisa de n, len e um sha256 de 32 bytes.</translation>
    </message>
</context>
<context>
    <name>kp::BundleWriter</name>
    <message>
        <source>Cannot write the temporary part &apos;%1&apos;.</source>
        <translation>Não é possível escrever a parte temporária &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não é possível escrever %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::CacheDatabase</name>
    <message>
        <source>The desk cache %1 is locked by another program; try again when it has finished.</source>
        <translation>A cache do posto %1 está bloqueada por outro programa; tente de novo quando este terminar.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: check the permissions of the file and of its folder (%2).</source>
        <translation>A cache do posto %1 não pode ser escrita: verifique as permissões do ficheiro e da sua pasta (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed (%2).</source>
        <translation>A cache do posto %1 não pode ser lida: o disco está a falhar ou foi removido (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 is damaged (%2). Run &apos;kpdesk-cli repair&apos; to keep the desk&apos;s records and fetch the authority data again.</source>
        <translation>A cache do posto %1 está danificada (%2). Execute &apos;kpdesk-cli repair&apos; para manter os registos do posto e obter de novo os dados da autoridade.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk cache (not an SQLite database).</source>
        <translation>%1 não é uma cache do KP Desk (não é uma base de dados SQLite).</translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation>Não é possível abrir a cache do posto %1: %2</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: the file ends inside its header.</source>
        <translation>A cache do posto %1 está truncada: o ficheiro termina a meio do cabeçalho.</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: it should hold %2 bytes but holds %3. Restore it from a backup, or run &apos;kpdesk-cli repair&apos; to keep what can be read.</source>
        <translation>A cache do posto %1 está truncada: deveria ter %2 bytes mas tem %3. Restaure-a de uma cópia de segurança ou execute &apos;kpdesk-cli repair&apos; para manter o que puder ser lido.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be written: the disk is full or failing (%1). Nothing was changed; free some space and try again.</source>
        <translation>A cache do posto não pôde ser escrita: o disco está cheio ou a falhar (%1). Nada foi alterado; liberte espaço e tente de novo.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be read or written: %1</source>
        <translation>A cache do posto não pôde ser lida ou escrita: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: %1</source>
        <translation>Os dados do posto não puderam ser lidos: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a desk cache: give the path of a file (for example ./desk.sqlite).</source>
        <translation>&apos;%1&apos; não pode ser uma cache do posto: indique o caminho de um ficheiro (por exemplo ./desk.sqlite).</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 não é um ficheiro.</translation>
    </message>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>Não há nenhuma cache do posto em %1.</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a desk cache (run &apos;kpdesk-cli init&apos;).</source>
        <translation>%1 é um ficheiro vazio, não uma cache do posto (execute &apos;kpdesk-cli init&apos;).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Não é possível criar a pasta %1.</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 foi criado por um KP Desk mais recente (esquema %2; este conhece o %3). Não foi alterado.</translation>
    </message>
    <message>
        <source>Cannot bring the desk cache %1 to schema %2: %3</source>
        <translation>Não é possível levar a cache do posto %1 ao esquema %2: %3</translation>
    </message>
    <message>
        <source>its schema version is %1, not %2.</source>
        <translation>a versão do esquema é %1, não %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged: %1</source>
        <translation>Os dados do posto estão danificados: %1</translation>
    </message>
    <message>
        <source>Cannot set up the desk cache %1.</source>
        <translation>Não é possível preparar a cache do posto %1.</translation>
    </message>
    <message>
        <source>The desk cache %1 is being repaired; try again when the repair has finished.</source>
        <translation>A cache do posto %1 está a ser reparada; tente de novo quando a reparação terminar.</translation>
    </message>
    <message>
        <source>The desk cache %1 is open in another program (a KP Desk window, a sync or a command): close it first, so that no record is written to the old file.</source>
        <translation>A cache do posto %1 está aberta noutro programa (uma janela do KP Desk, uma sincronização ou um comando): feche-o primeiro, para que nenhum registo seja escrito no ficheiro antigo.</translation>
    </message>
    <message>
        <source>The check of the desk&apos;s data was stopped.</source>
        <translation>A verificação dos dados do posto foi interrompida.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed.</source>
        <translation>A cache do posto %1 não pode ser lida: o disco está a falhar ou foi removido.</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: it is damaged (%1), so no certificate can be accepted on it. Repair the desk (kpdesk-cli repair), then sync.</source>
        <translation>Os dados do posto não puderam ser lidos: estão danificados (%1), pelo que nenhum certificado pode ser aceite com eles. Repare o posto (kpdesk-cli repair) e depois sincronize.</translation>
    </message>
    <message>
        <source>the desk was synced (seq %1) but holds no participant list</source>
        <translation>o posto foi sincronizado (n.º %1), mas não contém nenhuma lista de participantes</translation>
    </message>
    <message>
        <source>%1 can be read by other users of this computer, and this user cannot change that. Its owner must run: chmod 600 %1</source>
        <translation>%1 pode ser lido por outros utilizadores deste computador, e este utilizador não o pode alterar. O seu proprietário deve executar: chmod 600 %1</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: its lock file %2 cannot be made (%3). Nothing was changed; check the permissions of the folder.</source>
        <translation>A cache do posto %1 não pode ser escrita: não é possível criar o seu ficheiro de bloqueio %2 (%3). Nada foi alterado; verifique as permissões da pasta.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be used: its lock file %2 cannot be opened (%3). Nothing was changed. Remove %2 if it is not a plain file, then try again.</source>
        <translation>A cache do posto %1 não pode ser usada: não é possível abrir o seu ficheiro de bloqueio %2 (%3). Nada foi alterado. Remova %2 se não for um ficheiro normal e tente de novo.</translation>
    </message>
    <message>
        <source>%1: a sync source cannot carry a password (the desk&apos;s database would keep it in plain text). Publish the bundles where the desk reads them without one, or copy them to a folder the desk reads.</source>
        <translation>%1: uma fonte de sincronização não pode conter uma senha (a base de dados do posto guardá-la-ia em texto simples). Publique os pacotes num local onde o posto os possa ler sem senha, ou copie-os para uma pasta que o posto leia.</translation>
    </message>
</context>
<context>
    <name>kp::CacheRepair</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>Não há nenhuma cache do posto em %1.</translation>
    </message>
    <message>
        <source>Cannot make a new desk cache beside %1: %2</source>
        <translation>Não é possível criar uma nova cache do posto junto a %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the new desk cache&apos;s schema: %1</source>
        <translation>Não é possível ler o esquema da nova cache do posto: %1</translation>
    </message>
    <message>
        <source>Cannot write the new desk cache: %1</source>
        <translation>Não é possível escrever a nova cache do posto: %1</translation>
    </message>
    <message>
        <source>Cannot keep the damaged file as %1.</source>
        <translation>Não é possível guardar o ficheiro danificado como %1.</translation>
    </message>
    <message>
        <source>Cannot move the damaged file&apos;s journal beside %1.</source>
        <translation>Não é possível mover o diário do ficheiro danificado para junto de %1.</translation>
    </message>
    <message>
        <source>Cannot put the repaired cache in place of %1; it is in %2.</source>
        <translation>Não é possível pôr a cache reparada no lugar de %1; está em %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s last sync number cannot be read from %1, so a repair could let an older bundle undo a revocation or a release. Nothing was changed. Ask the authority for the number of its newest bundle (the seq of its index), then repair with it: kpdesk-cli repair --db %1 --min-seq NUMBER</source>
        <translation>O último número de sincronização do posto não pode ser lido de %1, pelo que uma reparação poderia permitir que um pacote mais antigo anulasse uma revogação ou um desalfandegamento. Nada foi alterado. Peça à autoridade o número do seu pacote mais recente (o seq do seu índice) e depois repare com ele: kpdesk-cli repair --db %1 --min-seq NÚMERO</translation>
    </message>
</context>
<context>
    <name>kp::CacheWriter</name>
    <message>
        <source>Nothing to commit.</source>
        <translation>Nada a gravar.</translation>
    </message>
    <message>
        <source>The desk cache has no table %1.</source>
        <translation>A cache do posto não tem a tabela %1.</translation>
    </message>
</context>
<context>
    <name>kp::CaseLife</name>
    <message>
        <source>A case starts with a flag, not with &apos;%1&apos;.</source>
        <translation>Um processo começa com uma sinalização, não com &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>A case that is &apos;%1&apos; cannot take &apos;%2&apos;.</source>
        <translation>Um processo no estado &apos;%1&apos; não pode receber &apos;%2&apos;.</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2 MiB); the limit is %3 MiB per file.</source>
        <translation>%1 é grande demais para anexar (%2 MiB); o limite é %3 MiB por ficheiro.</translation>
    </message>
</context>
<context>
    <name>kp::CaseMessages</name>
    <message>
        <source>The case&apos;s inspection is not in the records.</source>
        <translation>A inspeção do processo não está nos registos.</translation>
    </message>
</context>
<context>
    <name>kp::CaseWords</name>
    <message>
        <source>Open</source>
        <translation>Aberto</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>Em análise</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decidido</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Encaminhado</translation>
    </message>
    <message>
        <source>Conflict: two decisions</source>
        <translation>Conflito: duas decisões</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrado</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Desalfandegada</translation>
    </message>
    <message>
        <source>Detained</source>
        <translation>Detida</translation>
    </message>
    <message>
        <source>Seized</source>
        <translation>Apreendida</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Recusada</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Sinalizado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Provas</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>Assumido para análise</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisão</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reaberto</translation>
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
        <translation>Os dados CBOR têm mais de %1 elementos.</translation>
    </message>
    <message>
        <source>CBOR data nests deeper than %1.</source>
        <translation>Os dados CBOR aninham-se a mais de %1 níveis.</translation>
    </message>
    <message>
        <source>a container claims more elements than there are bytes</source>
        <translation>um contentor declara mais elementos do que há bytes</translation>
    </message>
    <message>
        <source>a string claims more bytes than there are</source>
        <translation>uma cadeia declara mais bytes do que os existentes</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>o texto não é UTF-8 válido</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sem dados</translation>
    </message>
    <message>
        <source>CBOR data is larger than %1 bytes.</source>
        <translation>Os dados CBOR excedem %1 bytes.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the CBOR data.</source>
        <translation>Bytes inesperados após os dados CBOR.</translation>
    </message>
</context>
<context>
    <name>kp::CertificateRecord</name>
    <message>
        <source>The required field &apos;%1&apos; is missing.</source>
        <translation>Falta o campo obrigatório &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be text.</source>
        <translation>O campo &apos;%1&apos; deve ser texto.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is longer than %2 characters.</source>
        <translation>O campo &apos;%1&apos; tem mais de %2 caracteres.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an unsigned integer.</source>
        <translation>O campo &apos;%1&apos; deve ser um inteiro sem sinal.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a date as YYYY-MM-DD.</source>
        <translation>O campo &apos;%1&apos; deve ser uma data AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an array of text.</source>
        <translation>O campo &apos;%1&apos; deve ser uma lista de textos.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; has more than %2 entries.</source>
        <translation>O campo &apos;%1&apos; tem mais de %2 entradas.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a map with &apos;n&apos; and &apos;a&apos;.</source>
        <translation>O campo &apos;%1&apos; deve ser um mapa com &apos;n&apos; e &apos;a&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must have a name &apos;n&apos; and an address &apos;a&apos;.</source>
        <translation>O campo &apos;%1&apos; deve ter um nome &apos;n&apos; e um endereço &apos;a&apos;.</translation>
    </message>
    <message>
        <source>The certificate record is not a CBOR map.</source>
        <translation>O registo do certificado não é um mapa CBOR.</translation>
    </message>
    <message>
        <source>Schema version %1 is not supported (expected 1).</source>
        <translation>A versão de esquema %1 não é suportada (esperada: 1).</translation>
    </message>
    <message>
        <source>The field &apos;mix&apos; must be true or false.</source>
        <translation>O campo &apos;mix&apos; deve ser true ou false.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; must be an array of at least one lot.</source>
        <translation>O campo &apos;lots&apos; deve ser uma lista com pelo menos um lote.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; has more than %1 entries.</source>
        <translation>O campo &apos;lots&apos; tem mais de %1 entradas.</translation>
    </message>
    <message>
        <source>Each entry of &apos;lots&apos; must be a map with &apos;hs&apos;, &apos;cct&apos; and &apos;usd&apos;.</source>
        <translation>Cada entrada de &apos;lots&apos; deve ser um mapa com &apos;hs&apos;, &apos;cct&apos; e &apos;usd&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;org&apos; needs at least one country unless &apos;mix&apos; is true.</source>
        <translation>O campo &apos;org&apos; precisa de pelo menos um país, exceto se &apos;mix&apos; for true.</translation>
    </message>
</context>
<context>
    <name>kp::Checks</name>
    <message>
        <source>The document signer belongs to %1, not to the issuer %2.</source>
        <translation>O signatário do documento pertence a %1, não ao emissor %2.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not a document signer&apos;s.</source>
        <translation>O certificado do signatário não é de um signatário de documentos.</translation>
    </message>
    <message>
        <source>The document signer was not valid on the date of issue %1 (valid %2 to %3).</source>
        <translation>O signatário do documento não era válido na data de emissão %1 (válido de %2 a %3).</translation>
    </message>
    <message>
        <source>The document signer was revoked on %1%2.</source>
        <translation>O signatário do documento foi revogado em %1%2.</translation>
    </message>
    <message>
        <source>The document signer does not chain to an authority CA of %1.</source>
        <translation>O signatário do documento não se liga a uma AC da autoridade de %1.</translation>
    </message>
    <message>
        <source>The signer&apos;s issuing certificate is not an authority CA of %1.</source>
        <translation>O certificado emissor do signatário não é uma AC da autoridade de %1.</translation>
    </message>
    <message>
        <source>The authority CA of %1 that issued the signer was revoked on %2.</source>
        <translation>A AC da autoridade de %1 que emitiu o signatário foi revogada em %2.</translation>
    </message>
    <message>
        <source>The authority CA of %1 was not valid on the date of issue %2.</source>
        <translation>A AC da autoridade de %1 não era válida na data de emissão %2.</translation>
    </message>
    <message>
        <source>Signed by %1, a document signer of %2&apos;s authority, valid on %3.</source>
        <translation>Assinado por %1, signatário de documentos da autoridade de %2, válido em %3.</translation>
    </message>
    <message>
        <source>Unsupported signature algorithm %1.</source>
        <translation>Algoritmo de assinatura %1 não suportado.</translation>
    </message>
    <message>
        <source>Not checked: the signature is unusable.</source>
        <translation>Não verificado: a assinatura é inutilizável.</translation>
    </message>
    <message>
        <source>The key identifier (kid) must be 8 bytes, not %1.</source>
        <translation>O identificador de chave (kid) deve ter 8 bytes, não %1.</translation>
    </message>
    <message>
        <source>Not checked: no usable key identifier.</source>
        <translation>Não verificado: nenhum identificador de chave utilizável.</translation>
    </message>
    <message>
        <source>Not checked: no known document signer has this key identifier.</source>
        <translation>Não verificado: nenhum signatário de documentos conhecido tem este identificador de chave.</translation>
    </message>
    <message>
        <source>The signer is unknown to this desk&apos;s data, which is out of date: sync and scan again.</source>
        <translation>O signatário é desconhecido dos dados deste posto, que estão desatualizados: sincronize e leia de novo.</translation>
    </message>
    <message>
        <source>The signer (kid %1) is unknown to the authorities&apos; data.</source>
        <translation>O signatário (kid %1) é desconhecido dos dados das autoridades.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the signer&apos;s key.</source>
        <translation>O algoritmo %1 não corresponde à chave do signatário.</translation>
    </message>
    <message>
        <source>The signature does not verify with the signer&apos;s key: the record was altered or forged.</source>
        <translation>A assinatura não é verificada pela chave do signatário: o registo foi alterado ou falsificado.</translation>
    </message>
    <message>
        <source>%1 signature verified.</source>
        <translation>Assinatura %1 verificada.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate in the desk&apos;s data is unreadable.</source>
        <translation>O certificado do signatário nos dados do posto está ilegível.</translation>
    </message>
    <message>
        <source>Not checked: the signature did not verify.</source>
        <translation>Não verificado: a assinatura não foi verificada.</translation>
    </message>
    <message>
        <source>The registry holds the same record.</source>
        <translation>O registo central contém o mesmo registo.</translation>
    </message>
    <message>
        <source>The registry holds a different record for %1: the barcode does not match what the issuer registered.</source>
        <translation>O registo central contém um registo diferente para %1: o código de barras não corresponde ao que o emissor registou.</translation>
    </message>
    <message>
        <source>The registry (published %1) has no record of this certificate, issued %2.</source>
        <translation>O registo central (publicado em %1) não tem registo deste certificado, emitido em %2.</translation>
    </message>
    <message>
        <source>Issued after the desk&apos;s registry data; not yet listed.</source>
        <translation>Emitido após os dados do registo central do posto; ainda não listado.</translation>
    </message>
    <message>
        <source>Revoked as %1 by %2 on %3.</source>
        <translation>Revogado como %1 por %2 em %3.</translation>
    </message>
    <message>
        <source>Not revoked.</source>
        <translation>Não revogado.</translation>
    </message>
    <message>
        <source>already imported elsewhere (reported by %1 on %2)</source>
        <translation>já importado noutro local (comunicado por %1 em %2)</translation>
    </message>
    <message>
        <source>Possible re-use: %1.</source>
        <translation>Possível reutilização: %1.</translation>
    </message>
    <message>
        <source>This desk has never been synced: its data cannot vouch for anything.</source>
        <translation>Este posto nunca foi sincronizado: os seus dados não podem garantir nada.</translation>
    </message>
    <message>
        <source>The desk&apos;s data (seq %1) is older than what it had before its repair (seq %2): sync again before relying on it.</source>
        <translation>Os dados do posto (n.º %1) são mais antigos do que os que tinha antes da reparação (n.º %2): sincronize de novo antes de confiar neles.</translation>
    </message>
    <message>
        <source>The desk&apos;s clock (%1) is earlier than the newest data (%2): check the clock.</source>
        <translation>O relógio do posto (%1) está antes dos dados mais recentes (%2): verifique o relógio.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is out of date since %1: sync as soon as possible.</source>
        <translation>Os dados do posto estão desatualizados desde %1: sincronize assim que possível.</translation>
    </message>
    <message>
        <source>Data %1 published %2, fresh until %3.</source>
        <translation>Dados n.º %1 publicados em %2, válidos até %3.</translation>
    </message>
    <message>
        <source>The certificate number &quot;%1&quot; is not 4-32 of A-Z, 0-9, - and /.</source>
        <translation>O número de certificado &quot;%1&quot; não tem 4-32 caracteres de A-Z, 0-9, - e /.</translation>
    </message>
    <message>
        <source>The certificate number %1 does not start with the issuer&apos;s code %2.</source>
        <translation>O número de certificado %1 não começa pelo código do emissor %2.</translation>
    </message>
    <message>
        <source>The importing participant &quot;%1&quot; is not a participant code.</source>
        <translation>O participante importador &quot;%1&quot; não é um código de participante.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a two-letter code.</source>
        <translation>O país de origem &quot;%1&quot; não é um código de duas letras.</translation>
    </message>
    <message>
        <source>HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).</source>
        <translation>O código SH %1 não é de diamantes em bruto (7102.10, 7102.21 ou 7102.31).</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a carat weight of zero.</source>
        <translation>Um lote (SH %1) tem peso em quilates nulo.</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a value of zero.</source>
        <translation>Um lote (SH %1) tem valor nulo.</translation>
    </message>
    <message>
        <source>The certificate lists no lots.</source>
        <translation>O certificado não indica nenhum lote.</translation>
    </message>
    <message>
        <source>The number of parcels must be at least 1.</source>
        <translation>O número de volumes deve ser pelo menos 1.</translation>
    </message>
    <message>
        <source>The date of expiry %1 is not after the date of issue %2.</source>
        <translation>A data de validade %1 não é posterior à data de emissão %2.</translation>
    </message>
    <message>
        <source>Valid for %1 days, longer than the %2 days allowed.</source>
        <translation>Válido por %1 dias, mais do que os %2 dias permitidos.</translation>
    </message>
    <message>
        <source>The KPCS minimum content is present and consistent.</source>
        <translation>O conteúdo mínimo do SCPK está presente e é coerente.</translation>
    </message>
    <message>
        <source>Expired on %1 (inspection date %2).</source>
        <translation>Expirou em %1 (data da inspeção %2).</translation>
    </message>
    <message>
        <source>Issued on %1, after the inspection date %2.</source>
        <translation>Emitido em %1, após a data da inspeção %2.</translation>
    </message>
    <message>
        <source>Valid from %1 to %2; %3 days left.</source>
        <translation>Válido de %1 a %2; faltam %3 dias.</translation>
    </message>
    <message>
        <source>The certificate is addressed to %1, not to this desk&apos;s participant %2.</source>
        <translation>O certificado destina-se a %1, não ao participante deste posto, %2.</translation>
    </message>
    <message>
        <source>Not checked: this desk has no participant data yet (sync first).</source>
        <translation>Não verificado: este posto ainda não tem dados de participantes (sincronize primeiro).</translation>
    </message>
    <message>
        <source>%1 was not a KP participant on %2.</source>
        <translation>%1 não era participante do PK em %2.</translation>
    </message>
    <message>
        <source>%1 was %2 on %3%4.</source>
        <translation>%1 estava %2 em %3%4.</translation>
    </message>
    <message>
        <source>the issuer %1 was restricted on %2%3</source>
        <translation>o emissor %1 estava sob restrições em %2%3</translation>
    </message>
    <message>
        <source>the origin %1 was %2 on %3</source>
        <translation>a origem %1 estava %2 em %3</translation>
    </message>
    <message>
        <source>Examine: %1.</source>
        <translation>Examinar: %1.</translation>
    </message>
    <message>
        <source>%1 was an active participant on %2; addressed to %3.</source>
        <translation>%1 era participante ativo em %2; destinado a %3.</translation>
    </message>
    <message>
        <source>issued by %1</source>
        <translation>emitidos por %1</translation>
    </message>
    <message>
        <source>of %1 origin</source>
        <translation>de origem %1</translation>
    </message>
    <message>
        <source>Diamonds %1 are banned by national law from %2%3.</source>
        <translation>Os diamantes %1 estão proibidos pela lei nacional desde %2%3.</translation>
    </message>
    <message>
        <source>No national ban applies.</source>
        <translation>Não se aplica nenhuma proibição nacional.</translation>
    </message>
    <message>
        <source>No gem or unsorted lots to compare with a value band.</source>
        <translation>Nenhum lote de gema ou não triado para comparar com um intervalo de valores.</translation>
    </message>
    <message>
        <source>No value band for this origin.</source>
        <translation>Nenhum intervalo de valores para esta origem.</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1-%2</translation>
    </message>
    <message>
        <source>mixed or several origins</source>
        <translation>origem mista ou múltipla</translation>
    </message>
    <message>
        <source>US$ %1 per carat is outside the usual range of US$ %2 for %3.</source>
        <translation>US$ %1 por quilate está fora do intervalo habitual de US$ %2 para %3.</translation>
    </message>
    <message>
        <source>US$ %1 per carat, within US$ %2 for %3.</source>
        <translation>US$ %1 por quilate, dentro de US$ %2 para %3.</translation>
    </message>
    <message>
        <source>The national bans in the desk&apos;s data are malformed, so no ban can be checked: sync again, and tell the authority if this stays.</source>
        <translation>As proibições nacionais nos dados do posto estão mal formadas, pelo que nenhuma pode ser verificada: sincronize de novo e avise a autoridade se persistir.</translation>
    </message>
    <message>
        <source>active</source>
        <comment>participant status</comment>
        <translation>ativo</translation>
    </message>
    <message>
        <source>suspended</source>
        <comment>participant status</comment>
        <translation>suspenso</translation>
    </message>
    <message>
        <source>restricted</source>
        <comment>participant status</comment>
        <translation>sob restrições</translation>
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
        <translation>roubado</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>revocation status</comment>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>fraudulent</source>
        <comment>revocation status</comment>
        <translation>fraudulento</translation>
    </message>
    <message>
        <source>already imported</source>
        <comment>revocation status</comment>
        <translation>já importado</translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation>Nem um código de barras KP1 nem um número de certificado.</translation>
    </message>
    <message>
        <source>The barcode is damaged or malformed: %1</source>
        <translation>O código de barras está danificado ou mal formado: %1</translation>
    </message>
    <message>
        <source>Not checked: the certificate could not be read.</source>
        <translation>Não verificado: não foi possível ler o certificado.</translation>
    </message>
    <message>
        <source>A well-formed KP1 barcode.</source>
        <translation>Um código de barras KP1 bem formado.</translation>
    </message>
    <message>
        <source>A certificate number.</source>
        <translation>Um número de certificado.</translation>
    </message>
    <message>
        <source>Not checked: the registry&apos;s record could not be read.</source>
        <translation>Não verificado: não foi possível ler o registo no registo central.</translation>
    </message>
    <message>
        <source>The registry holds no record of %1: nothing can vouch for this certificate.</source>
        <translation>O registo central não tem nenhum registo de %1: nada pode garantir este certificado.</translation>
    </message>
    <message>
        <source>Not checked: there is no signed record for this number.</source>
        <translation>Não verificado: não há nenhum registo assinado para este número.</translation>
    </message>
    <message>
        <source>The registry&apos;s record for this number is malformed: %1</source>
        <translation>O registo no registo central para este número está mal formado: %1</translation>
    </message>
    <message>
        <source>A certificate number; its signed registry record was checked.</source>
        <translation>Um número de certificado; o seu registo assinado no registo central foi verificado.</translation>
    </message>
    <message>
        <source>The registry holds a signed record.</source>
        <translation>O registo central contém um registo assinado.</translation>
    </message>
    <message>
        <source>a shipment under this certificate was already released at this desk on %1 (releases here: %2)</source>
        <translation>uma remessa ao abrigo deste certificado já foi desalfandegada neste posto em %1 (desalfandegamentos aqui: %2)</translation>
    </message>
    <message>
        <source>No shipment under this certificate was released before.</source>
        <translation>Nenhuma remessa ao abrigo deste certificado foi desalfandegada antes.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Assinatura</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signatário</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>Validity dates</source>
        <translation>Validade</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>Sanções</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Registo central</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Revogação</translation>
    </message>
    <message>
        <source>Used before</source>
        <translation>Uso anterior</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Data freshness</source>
        <translation>Atualidade dos dados</translation>
    </message>
    <message>
        <source>Not a certificate: check what you typed.</source>
        <translation>Não é um certificado: verifique o que digitou.</translation>
    </message>
    <message>
        <source>&quot;KP&quot; is not a country of origin: a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>&quot;KP&quot; não é um país de origem: um certificado indica os países onde os diamantes foram extraídos, ou é marcado como de origem mista.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a country (ISO 3166-1): a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>O país de origem &quot;%1&quot; não é um país (ISO 3166-1): um certificado indica os países onde os diamantes foram extraídos, ou é marcado como de origem mista.</translation>
    </message>
    <message>
        <source>The lots&apos; carat weights add up to more than any shipment can weigh.</source>
        <translation>Os pesos em quilates dos lotes somam mais do que qualquer remessa pode pesar.</translation>
    </message>
    <message>
        <source>The lots&apos; values add up to more than any shipment can be worth.</source>
        <translation>Os valores dos lotes somam mais do que qualquer remessa pode valer.</translation>
    </message>
    <message>
        <source>The lots&apos; values or weights add up to more than any shipment: examine the certificate.</source>
        <translation>Os valores ou os pesos dos lotes somam mais do que os de qualquer remessa: examine o certificado.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSign1</name>
    <message>
        <source>Not a COSE_Sign1: the CBOR tag is not 18.</source>
        <translation>Não é um COSE_Sign1: a etiqueta CBOR não é 18.</translation>
    </message>
    <message>
        <source>Not a COSE_Sign1: expected an array of four elements.</source>
        <translation>Não é um COSE_Sign1: esperada uma lista de quatro elementos.</translation>
    </message>
    <message>
        <source>The COSE protected header must be a byte string.</source>
        <translation>O cabeçalho protegido COSE deve ser uma cadeia de bytes.</translation>
    </message>
    <message>
        <source>The COSE unprotected header must be a map.</source>
        <translation>O cabeçalho não protegido COSE deve ser um mapa.</translation>
    </message>
    <message>
        <source>The COSE payload must be a byte string (detached payloads are not allowed).</source>
        <translation>A carga útil COSE deve ser uma cadeia de bytes (não são permitidas cargas destacadas).</translation>
    </message>
    <message>
        <source>The COSE signature must be a byte string.</source>
        <translation>A assinatura COSE deve ser uma cadeia de bytes.</translation>
    </message>
    <message>
        <source>The COSE protected header is not a map.</source>
        <translation>O cabeçalho protegido COSE não é um mapa.</translation>
    </message>
    <message>
        <source>The COSE protected header has no integer algorithm (label 1).</source>
        <translation>O cabeçalho protegido COSE não tem algoritmo inteiro (rótulo 1).</translation>
    </message>
    <message>
        <source>The COSE key identifier (label 4) must be a byte string.</source>
        <translation>O identificador de chave COSE (rótulo 4) deve ser uma cadeia de bytes.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSigning</name>
    <message>
        <source>The signature does not verify with any trusted key.</source>
        <translation>A assinatura não é verificada por nenhuma chave de confiança.</translation>
    </message>
</context>
<context>
    <name>kp::Crypto</name>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation>Não é um certificado X.509.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the X.509 certificate.</source>
        <translation>Bytes inesperados após o certificado X.509.</translation>
    </message>
    <message>
        <source>No certificate.</source>
        <translation>Nenhum certificado.</translation>
    </message>
    <message>
        <source>The certificate was not issued by %1.</source>
        <translation>O certificado não foi emitido por %1.</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature does not verify with %1&apos;s key.</source>
        <translation>A assinatura do certificado não é verificada pela chave de %1.</translation>
    </message>
    <message>
        <source>A key is missing.</source>
        <translation>Falta uma chave.</translation>
    </message>
    <message>
        <source>Cannot set the certificate&apos;s name: %1</source>
        <translation>Não é possível definir o nome do certificado: %1</translation>
    </message>
    <message>
        <source>Cannot add the certificate&apos;s extensions: %1</source>
        <translation>Não é possível adicionar as extensões do certificado: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate: %1</source>
        <translation>Não é possível assinar o certificado: %1</translation>
    </message>
    <message>
        <source>A certificate request needs a country and a common name.</source>
        <translation>Um pedido de certificado precisa de um país e de um nome comum.</translation>
    </message>
    <message>
        <source>Cannot make the certificate request: %1</source>
        <translation>Não é possível criar o pedido de certificado: %1</translation>
    </message>
    <message>
        <source>Cannot set the request&apos;s name: %1</source>
        <translation>Não é possível definir o nome do pedido: %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate request: %1</source>
        <translation>Não é possível assinar o pedido de certificado: %1</translation>
    </message>
    <message>
        <source>Not a certificate request.</source>
        <translation>Não é um pedido de certificado.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s key is not one KP Desk uses.</source>
        <translation>A chave do pedido de certificado não é de um tipo usado pelo KP Desk.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s signature does not verify.</source>
        <translation>A assinatura do pedido de certificado não é verificada.</translation>
    </message>
    <message>
        <source>Not a P-256, RSA (2048 bits or more) or Ed25519 public key.</source>
        <translation>Não é uma chave pública P-256, RSA (2048 bits ou mais) ou Ed25519.</translation>
    </message>
    <message>
        <source>No usable public key in the PEM text.</source>
        <translation>Nenhuma chave pública utilizável no texto PEM.</translation>
    </message>
    <message>
        <source>A P-256 coordinate is longer than 32 bytes.</source>
        <translation>Uma coordenada P-256 tem mais de 32 bytes.</translation>
    </message>
    <message>
        <source>Not a point on P-256.</source>
        <translation>Não é um ponto de P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes.</source>
        <translation>Uma chave pública Ed25519 tem 32 bytes.</translation>
    </message>
    <message>
        <source>Not an Ed25519 public key.</source>
        <translation>Não é uma chave pública Ed25519.</translation>
    </message>
    <message>
        <source>Not an RSA public key of 2048 bits or more.</source>
        <translation>Não é uma chave pública RSA de 2048 bits ou mais.</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>A geração da chave falhou: %1</translation>
    </message>
    <message>
        <source>No usable unencrypted private key in the PEM text.</source>
        <translation>Nenhuma chave privada não cifrada utilizável no texto PEM.</translation>
    </message>
    <message>
        <source>Not a P-256 key pair.</source>
        <translation>Não é um par de chaves P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 private key is 32 bytes.</source>
        <translation>Uma chave privada Ed25519 tem 32 bytes.</translation>
    </message>
    <message>
        <source>Not an Ed25519 private key.</source>
        <translation>Não é uma chave privada Ed25519.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the key.</source>
        <translation>O algoritmo %1 não corresponde à chave.</translation>
    </message>
    <message>
        <source>An ES256 signature is 64 bytes, not %1.</source>
        <translation>Uma assinatura ES256 tem 64 bytes, não %1.</translation>
    </message>
    <message>
        <source>An EdDSA signature is 64 bytes, not %1.</source>
        <translation>Uma assinatura EdDSA tem 64 bytes, não %1.</translation>
    </message>
    <message>
        <source>The signature does not verify.</source>
        <translation>A assinatura não é verificada.</translation>
    </message>
    <message>
        <source>Signing failed: %1</source>
        <translation>A assinatura falhou: %1</translation>
    </message>
</context>
<context>
    <name>kp::DemoDesk</name>
    <message>
        <source>No demo issuer for %1.</source>
        <translation>Nenhum emissor de demonstração para %1.</translation>
    </message>
    <message>
        <source>Kimberley Process Certificate</source>
        <translation>Certificado do Processo de Kimberley</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Não é possível escrever %1.</translation>
    </message>
    <message>
        <source>Cannot clear %1.</source>
        <translation>Não é possível limpar %1.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Não é possível criar %1.</translation>
    </message>
    <message>
        <source>Botswana, genuine (ES256, QR)</source>
        <translation>Botsuana, autêntico (ES256, QR)</translation>
    </message>
    <message>
        <source>Namibia, genuine (EdDSA, Data Matrix)</source>
        <translation>Namíbia, autêntico (EdDSA, Data Matrix)</translation>
    </message>
    <message>
        <source>Canada, genuine (PS256, QR)</source>
        <translation>Canadá, autêntico (PS256, QR)</translation>
    </message>
    <message>
        <source>Canada, number only (Code 128), checked against the registry</source>
        <translation>Canadá, só número (Code 128), verificado no registo central</translation>
    </message>
    <message>
        <source>Forged: carats altered after signing</source>
        <translation>Falsificado: quilates alterados após a assinatura</translation>
    </message>
    <message>
        <source>Forged: signed by a rogue key</source>
        <translation>Falsificado: assinado por uma chave ilegítima</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirado</translation>
    </message>
    <message>
        <source>Reported stolen (delta bundle)</source>
        <translation>Comunicado como roubado (pacote delta)</translation>
    </message>
    <message>
        <source>Already imported elsewhere</source>
        <translation>Já importado noutro local</translation>
    </message>
    <message>
        <source>Russian origin: national ban</source>
        <translation>Origem russa: proibição nacional</translation>
    </message>
    <message>
        <source>Value far below the usual range</source>
        <translation>Valor muito abaixo do intervalo habitual</translation>
    </message>
    <message>
        <source>Addressed to another participant</source>
        <translation>Destinado a outro participante</translation>
    </message>
    <message>
        <source>Number unknown to the registry (Code 128)</source>
        <translation>Número desconhecido do registo central (Code 128)</translation>
    </message>
    <message>
        <source>KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made by &apos;kpdesk-cli demo&apos;; none of it is a real Kimberley Process certificate.
</source>
        <translation>POSTO DE DEMONSTRAÇÃO (DEMO) do KP Desk. Tudo aqui (chaves, certificados, pacotes) são dados de demonstração criados por &apos;kpdesk-cli demo&apos;; nada disto é um certificado real do Processo de Kimberley.
</translation>
    </message>
</context>
<context>
    <name>kp::DeskEnrolment</name>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>A pista de auditoria do posto não pôde ser escrita: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>não é possível escrever %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>não é possível ler %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 é demasiado grande.</translation>
    </message>
</context>
<context>
    <name>kp::DeskIdentity</name>
    <message>
        <source>Enrol it: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;, have the home authority sign the request (&apos;kpdesk-cli authority enrol&apos;), then &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</source>
        <translation>Inscreva-o: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FICHEIRO.pem&apos;, peça à autoridade de origem que assine o pedido (&apos;kpdesk-cli authority enrol&apos;) e depois &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</translation>
    </message>
    <message>
        <source>Cannot write the desk&apos;s key file %1: %2</source>
        <translation>Não é possível escrever o ficheiro de chave do posto %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 is missing.</source>
        <translation>O ficheiro de chave do posto %1 não existe.</translation>
    </message>
    <message>
        <source>Cannot read the desk&apos;s key file %1: %2</source>
        <translation>Não é possível ler o ficheiro de chave do posto %1: %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 can be read by other users: it must be readable by the desk&apos;s user only (chmod 600), and the desk enrolled again if others may have read it.</source>
        <translation>O ficheiro de chave do posto %1 pode ser lido por outros utilizadores: só deve ser legível pelo utilizador do posto (chmod 600), e o posto deve ser inscrito de novo se outros o puderam ler.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 holds no usable private key.</source>
        <translation>O ficheiro de chave do posto %1 não contém nenhuma chave privada utilizável.</translation>
    </message>
    <message>
        <source>The desk has no participant yet: run &apos;kpdesk-cli init&apos; first.</source>
        <translation>O posto ainda não tem participante: execute primeiro &apos;kpdesk-cli init&apos;.</translation>
    </message>
    <message>
        <source>The certificate is a CA certificate, not a desk certificate.</source>
        <translation>O certificado é um certificado de AC, não um certificado de posto.</translation>
    </message>
    <message>
        <source>The certificate does not allow digital signatures.</source>
        <translation>O certificado não permite assinaturas digitais.</translation>
    </message>
    <message>
        <source>The certificate does not allow client authentication (extended key usage clientAuth).</source>
        <translation>O certificado não permite autenticação de cliente (utilização alargada de chave clientAuth).</translation>
    </message>
    <message>
        <source>The desk holds no authority CA of %1: sync the desk with its home authority first.</source>
        <translation>O posto não tem nenhuma AC da autoridade de %1: sincronize primeiro o posto com a sua autoridade de origem.</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority CA of %1 that the desk holds.</source>
        <translation>O certificado não foi emitido por uma AC da autoridade de %1 que o posto tenha.</translation>
    </message>
    <message>
        <source>This desk is not enrolled with its home authority.</source>
        <translation>Este posto não está inscrito na sua autoridade de origem.</translation>
    </message>
    <message>
        <source>The desk&apos;s installed certificate cannot be read.</source>
        <translation>O certificado instalado do posto não pode ser lido.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 does not match its certificate.</source>
        <translation>O ficheiro de chave do posto %1 não corresponde ao seu certificado.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2: use the participant code, the post and the desk, e.g. %2-ANR-03.</source>
        <translation>&apos;%1&apos; não é um id de posto de %2: use o código do participante, a estância e o posto, p. ex. %2-ANR-03.</translation>
    </message>
    <message>
        <source>This desk is already enrolled as %1. Enrolling it again makes a new key, and its current certificate stops working until the new one is installed: add --force to do so.</source>
        <translation>Este posto já está inscrito como %1. Inscrevê-lo de novo cria uma nova chave e o certificado atual deixa de funcionar até instalar o novo: acrescente --force para o fazer.</translation>
    </message>
    <message>
        <source>This desk has not asked for a certificate yet.</source>
        <translation>Este posto ainda não pediu um certificado.</translation>
    </message>
    <message>
        <source>The file holds no X.509 certificate (PEM).</source>
        <translation>O ficheiro não contém nenhum certificado X.509 (PEM).</translation>
    </message>
    <message>
        <source>The certificate is for another key than this desk&apos;s.</source>
        <translation>O certificado é para outra chave que não a deste posto.</translation>
    </message>
    <message>
        <source>The certificate is for participant &apos;%1&apos;; this desk works for %2.</source>
        <translation>O certificado é para o participante &apos;%1&apos;; este posto trabalha para %2.</translation>
    </message>
    <message>
        <source>The certificate is for desk &apos;%1&apos;; this desk asked for %2.</source>
        <translation>O certificado é para o posto &apos;%1&apos;; este posto pediu %2.</translation>
    </message>
    <message>
        <source>The certificate is not valid now: it is valid from %1 to %2 (UTC).</source>
        <translation>O certificado não é válido agora: é válido de %1 a %2 (UTC).</translation>
    </message>
</context>
<context>
    <name>kp::DeskRecords</name>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nome ou senha incorretos.</translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>Registo inexistente: %1.</translation>
    </message>
    <message>
        <source>The text is too long (%1 characters; at most %2).</source>
        <translation>O texto é demasiado longo (%1 caracteres; no máximo %2).</translation>
    </message>
    <message>
        <source>Nobody is signed in with this account.</source>
        <translation>Ninguém tem sessão iniciada com esta conta.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Esta conta está desativada. Contacte um administrador.</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>Já existe uma conta chamada %1.</translation>
    </message>
    <message>
        <source>The idle lock is 1 to 240 minutes.</source>
        <translation>O bloqueio por inatividade é de 1 a 240 minutos.</translation>
    </message>
    <message>
        <source>The outbox&apos;s intake is an https:// URL without a name or password in it.</source>
        <translation>O endereço de receção da caixa de saída é um URL https:// sem nome nem senha.</translation>
    </message>
    <message>
        <source>No physical check was recorded: count and weigh the shipment first.</source>
        <translation>Nenhuma verificação física registada: conte e pese primeiro a remessa.</translation>
    </message>
    <message>
        <source>The verdict is %1, not accept: only a supervisor&apos;s decision on a case can release this shipment.</source>
        <translation>O veredicto é %1, não accept: só a decisão de um supervisor num processo pode desalfandegar esta remessa.</translation>
    </message>
    <message>
        <source>A flag needs at least one reason.</source>
        <translation>Uma sinalização precisa de pelo menos um motivo.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>Uma nota precisa de texto.</translation>
    </message>
    <message>
        <source>Evidence needs at least one file.</source>
        <translation>Uma prova precisa de pelo menos um ficheiro.</translation>
    </message>
    <message>
        <source>A decision needs its reason.</source>
        <translation>Uma decisão precisa de fundamento.</translation>
    </message>
    <message>
        <source>This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol).</source>
        <translation>Este posto ainda não pode assinar mensagens: não está inscrito (kpdesk-cli enrol).</translation>
    </message>
    <message>
        <source>An escalation needs at least one addressee.</source>
        <translation>Um encaminhamento precisa de pelo menos um destinatário.</translation>
    </message>
    <message>
        <source>Reopening a case needs its reason.</source>
        <translation>Reabrir um processo exige um motivo.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an entry of its own.</source>
        <translation>&apos;%1&apos; não é uma entrada própria.</translation>
    </message>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>A entrada %1 está guardada como linha %2.</translation>
    </message>
    <message>
        <source>An account&apos;s name has 1 to %1 characters, no control, invisible or direction characters, and does not start with &apos;cli:&apos;.</source>
        <translation>O nome de uma conta tem de 1 a %1 caracteres, sem caracteres de controlo, invisíveis ou de direção, e não começa por &apos;cli:&apos;.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 (inspection %3): a certificate is released once.</source>
        <translation>A remessa do certificado %1 já foi desalfandegada em %2 (inspeção %3): cada certificado só permite um desalfandegamento.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is released once.</source>
        <translation>A remessa do certificado %1 já foi desalfandegada em %2 por %3 (inspeção %4): cada certificado só permite um desalfandegamento.</translation>
    </message>
    <message>
        <source>The password of %1 was set by someone else: %1 must change it before doing anything else.</source>
        <translation>A senha de %1 foi definida por outra pessoa: %1 tem de a alterar antes de fazer qualquer outra coisa.</translation>
    </message>
    <message>
        <source>This desk has accounts: an administrator signs in to add another.</source>
        <translation>Este posto já tem contas: um administrador tem de iniciar sessão para adicionar outra.</translation>
    </message>
    <message>
        <source>The name %1 looks like the existing account %2: choose another.</source>
        <translation>O nome %1 parece-se com a conta existente %2: escolha outro.</translation>
    </message>
    <message>
        <source>The account %1 is not disabled.</source>
        <translation>A conta %1 não está desativada.</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 já é %2.</translation>
    </message>
    <message>
        <source>The physical check of this inspection is already recorded: record a correction, with its reason, to change it.</source>
        <translation>A verificação física desta inspeção já está registada: para a alterar, registe uma correção com o respetivo motivo.</translation>
    </message>
    <message>
        <source>A correction needs its reason.</source>
        <translation>Uma correção exige um motivo.</translation>
    </message>
    <message>
        <source>No physical check of this inspection is recorded: there is nothing to correct.</source>
        <translation>Não há nenhuma verificação física registada nesta inspeção: não há nada a corrigir.</translation>
    </message>
    <message>
        <source>The physical check is already so: nothing was corrected.</source>
        <translation>A verificação física já está assim: nada foi corrigido.</translation>
    </message>
    <message>
        <source>A case holds this shipment: only a supervisor&apos;s decision on the case can release it.</source>
        <translation>Um processo retém esta remessa: só a decisão de um supervisor no processo a pode desalfandegar.</translation>
    </message>
</context>
<context>
    <name>kp::DeskRegistry</name>
    <message>
        <source>Cannot read the list of desks %1: %2</source>
        <translation>Não é possível ler a lista de postos %1: %2</translation>
    </message>
    <message>
        <source>The list of desks %1 is damaged.</source>
        <translation>A lista de postos %1 está danificada.</translation>
    </message>
    <message>
        <source>Cannot write the list of desks %1: %2</source>
        <translation>Não é possível escrever a lista de postos %1: %2</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 to issue desk certificates with (issuers/%1/ca-key.pem).</source>
        <translation>A PKI não tem nenhuma AC da autoridade do participante de origem %1 para emitir certificados de posto (issuers/%1/ca-key.pem).</translation>
    </message>
    <message>
        <source>A desk certificate is valid from 1 to 3650 days.</source>
        <translation>Um certificado de posto é válido de 1 a 3650 dias.</translation>
    </message>
    <message>
        <source>The request is for participant &apos;%1&apos;; this authority enrols desks of %2.</source>
        <translation>O pedido é para o participante &apos;%1&apos;; esta autoridade inscreve postos de %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2 (e.g. %2-ANR-03).</source>
        <translation>&apos;%1&apos; não é um id de posto de %2 (p. ex. %2-ANR-03).</translation>
    </message>
    <message>
        <source>A desk&apos;s key is EC P-256 or Ed25519.</source>
        <translation>A chave de um posto é EC P-256 ou Ed25519.</translation>
    </message>
    <message>
        <source>Desk %1 is already enrolled with another key: revoke it first (&apos;kpdesk-cli authority revoke-desk&apos;), then enrol it again.</source>
        <translation>O posto %1 já está inscrito com outra chave: revogue-o primeiro (&apos;kpdesk-cli authority revoke-desk&apos;) e depois inscreva-o de novo.</translation>
    </message>
    <message>
        <source>No certificate of desk %1 is in force.</source>
        <translation>Nenhum certificado do posto %1 está em vigor.</translation>
    </message>
</context>
<context>
    <name>kp::DeterministicCbor</name>
    <message>
        <source>The data has more than %1 items.</source>
        <translation>Os dados têm mais de %1 elementos.</translation>
    </message>
    <message>
        <source>The data holds a CBOR tag; tags are not allowed.</source>
        <translation>Os dados contêm uma etiqueta CBOR; não são permitidas etiquetas.</translation>
    </message>
    <message>
        <source>The data holds text that is not valid Unicode.</source>
        <translation>Os dados contêm texto que não é Unicode válido.</translation>
    </message>
    <message>
        <source>The data holds a floating-point number; amounts must be integers.</source>
        <translation>Os dados contêm um número de vírgula flutuante; os montantes devem ser inteiros.</translation>
    </message>
    <message>
        <source>The data holds the value undefined.</source>
        <translation>Os dados contêm o valor undefined.</translation>
    </message>
    <message>
        <source>The data holds a CBOR simple value other than false, true and null.</source>
        <translation>Os dados contêm um valor simples CBOR diferente de false, true e null.</translation>
    </message>
    <message>
        <source>The data takes more than %1 bytes.</source>
        <translation>Os dados ocupam mais de %1 bytes.</translation>
    </message>
    <message>
        <source>The data nests deeper than %1 levels.</source>
        <translation>Os dados aninham-se a mais de %1 níveis.</translation>
    </message>
    <message>
        <source>The data has a map key that is not text.</source>
        <translation>Os dados têm uma chave de mapa que não é texto.</translation>
    </message>
    <message>
        <source>The data has the key “%1” twice.</source>
        <translation>Os dados têm a chave “%1” duas vezes.</translation>
    </message>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR mal formado: %1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sem dados</translation>
    </message>
    <message>
        <source>bytes after the end of the data</source>
        <translation>bytes após o fim dos dados</translation>
    </message>
    <message>
        <source>the data ends too early</source>
        <translation>os dados terminam cedo demais</translation>
    </message>
    <message>
        <source>Not the deterministic CBOR encoding (RFC 8949, section 4.2.1): %1</source>
        <translation>Não é a codificação CBOR determinística (RFC 8949, secção 4.2.1): %1</translation>
    </message>
    <message>
        <source>an indefinite length, which the deterministic encoding does not use</source>
        <translation>um comprimento indefinido, que a codificação determinística não usa</translation>
    </message>
    <message>
        <source>a reserved additional information value</source>
        <translation>um valor de informação adicional reservado</translation>
    </message>
    <message>
        <source>an integer or length in a longer form than needed</source>
        <translation>um inteiro ou comprimento numa forma mais longa que o necessário</translation>
    </message>
    <message>
        <source>The data holds an integer outside the 64-bit signed range.</source>
        <translation>Os dados contêm um inteiro fora do intervalo com sinal de 64 bits.</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>o texto não é UTF-8 válido</translation>
    </message>
    <message>
        <source>The data has the same map key twice.</source>
        <translation>Os dados têm a mesma chave de mapa duas vezes.</translation>
    </message>
    <message>
        <source>map keys out of order</source>
        <translation>chaves de mapa fora de ordem</translation>
    </message>
</context>
<context>
    <name>kp::EventSignature</name>
    <message>
        <source>The case event %1 is too large to sign.</source>
        <translation>O evento de processo %1 é grande demais para ser assinado.</translation>
    </message>
    <message>
        <source>The signature does not match the event as the office holds it.</source>
        <translation>A assinatura não corresponde ao evento tal como a estância aduaneira o tem.</translation>
    </message>
    <message>
        <source>The batch %1 of case events cannot be signed.</source>
        <translation>O lote %1 de eventos de processo não pode ser assinado.</translation>
    </message>
</context>
<context>
    <name>kp::ImageScan</name>
    <message>
        <source>No barcode was found in the image.</source>
        <translation>Não foi encontrado nenhum código de barras na imagem.</translation>
    </message>
</context>
<context>
    <name>kp::InspectionRows</name>
    <message>
        <source>The desk&apos;s inspections cannot be read.</source>
        <translation>Não é possível ler as inspeções do posto.</translation>
    </message>
</context>
<context>
    <name>kp::Kp1</name>
    <message>
        <source>Not a KP1 barcode (it does not start with KP1:).</source>
        <translation>Não é um código de barras KP1 (não começa por KP1:).</translation>
    </message>
    <message>
        <source>The KP1 text is longer than any KP1 code can be.</source>
        <translation>O texto KP1 é mais longo do que qualquer código KP1 pode ser.</translation>
    </message>
    <message>
        <source>The KP1 text has a character outside Base45.</source>
        <translation>O texto KP1 tem um carácter fora de Base45.</translation>
    </message>
</context>
<context>
    <name>kp::KpMessage</name>
    <message>
        <source>%1 must be text.</source>
        <translation>%1 deve ser texto.</translation>
    </message>
    <message>
        <source>%1 must be an unsigned integer.</source>
        <translation>%1 deve ser um inteiro sem sinal.</translation>
    </message>
    <message>
        <source>%1 must be a map.</source>
        <translation>%1 deve ser um mapa.</translation>
    </message>
    <message>
        <source>%1 must be a list of text.</source>
        <translation>%1 deve ser uma lista de textos.</translation>
    </message>
    <message>
        <source>body.no is not a certificate number.</source>
        <translation>body.no não é um número de certificado.</translation>
    </message>
    <message>
        <source>body.recv must be a date (YYYY-MM-DD).</source>
        <translation>body.recv deve ser uma data (AAAA-MM-DD).</translation>
    </message>
    <message>
        <source>body.checks must be a list of at most %1 checks.</source>
        <translation>body.checks deve ser uma lista de no máximo %1 verificações.</translation>
    </message>
    <message>
        <source>Each of body.checks must be a map.</source>
        <translation>Cada elemento de body.checks deve ser um mapa.</translation>
    </message>
    <message>
        <source>A check&apos;s status must be pass, warn, fail or skip.</source>
        <translation>O estado de uma verificação deve ser pass, warn, fail ou skip.</translation>
    </message>
    <message>
        <source>body.files must be a list of at most %1 files.</source>
        <translation>body.files deve ser uma lista de no máximo %1 ficheiros.</translation>
    </message>
    <message>
        <source>Each of body.files must be a map.</source>
        <translation>Cada elemento de body.files deve ser um mapa.</translation>
    </message>
    <message>
        <source>A file needs its sha256 (32 bytes) and its data.</source>
        <translation>Um ficheiro precisa do seu sha256 (32 bytes) e dos seus dados.</translation>
    </message>
    <message>
        <source>The files of a message may hold at most %1 MiB in all.</source>
        <translation>Os ficheiros de uma mensagem podem ter no máximo %1 MiB no total.</translation>
    </message>
    <message>
        <source>The file %1 does not match its sha256.</source>
        <translation>O ficheiro %1 não corresponde ao seu sha256.</translation>
    </message>
    <message>
        <source>body.case must be the case&apos;s UUID.</source>
        <translation>body.case deve ser o UUID do processo.</translation>
    </message>
    <message>
        <source>body.verdict must be accept, doubt or reject.</source>
        <translation>body.verdict deve ser accept, doubt ou reject.</translation>
    </message>
    <message>
        <source>An addressee is a participant&apos;s code, KP-CHAIR or KP-WGM, not %1.</source>
        <translation>Um destinatário é o código de um participante, KP-CHAIR ou KP-WGM, não %1.</translation>
    </message>
    <message>
        <source>Not a kpmsg version 1 message.</source>
        <translation>Não é uma mensagem kpmsg da versão 1.</translation>
    </message>
    <message>
        <source>kind must be confirmation or doubt.</source>
        <translation>kind deve ser confirmation ou doubt.</translation>
    </message>
    <message>
        <source>id must be 16 bytes.</source>
        <translation>id deve ter 16 bytes.</translation>
    </message>
    <message>
        <source>at must be a time in RFC 3339 with its zone.</source>
        <translation>at deve ser uma hora RFC 3339 com o seu fuso.</translation>
    </message>
    <message>
        <source>audit must be [entries, the head&apos;s 32-byte hash].</source>
        <translation>audit deve ser [entradas, hash de 32 bytes da cabeça].</translation>
    </message>
    <message>
        <source>n counts from 1.</source>
        <translation>n conta a partir de 1.</translation>
    </message>
    <message>
        <source>The desk&apos;s id may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>O id do posto pode conter letras, algarismos, &apos;.&apos;, &apos;_&apos; e &apos;-&apos; (no máximo 64).</translation>
    </message>
    <message>
        <source>pt must be a participant&apos;s two-letter code.</source>
        <translation>pt deve ser o código de duas letras de um participante.</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>A mensagem é demasiado grande.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB.</source>
        <translation>Uma mensagem pode ter no máximo %1 MiB.</translation>
    </message>
    <message>
        <source>The message does not carry its desk certificate (x5chain).</source>
        <translation>A mensagem não traz o seu certificado de posto (x5chain).</translation>
    </message>
    <message>
        <source>The signature does not verify with the desk certificate it carries.</source>
        <translation>A assinatura não é verificada pelo certificado de posto que a mensagem traz.</translation>
    </message>
    <message>
        <source>The payload is not a map.</source>
        <translation>A carga útil não é um mapa.</translation>
    </message>
    <message>
        <source>The message says desk %1 of %2, its certificate %3 of %4.</source>
        <translation>A mensagem indica o posto %1 de %2, o seu certificado %3 de %4.</translation>
    </message>
</context>
<context>
    <name>kp::Lockout</name>
    <message>
        <source>This account is locked after repeated failed sign-ins until %1 UTC.</source>
        <translation>Esta conta está bloqueada após falhas repetidas de início de sessão até %1 UTC.</translation>
    </message>
</context>
<context>
    <name>kp::MessageFactory</name>
    <message>
        <source>The inspection has no certificate record to confirm.</source>
        <translation>A inspeção não tem nenhum registo de certificado para confirmar.</translation>
    </message>
    <message>
        <source>The attachment %1 could not be read in full.</source>
        <translation>O anexo %1 não pôde ser lido por completo.</translation>
    </message>
</context>
<context>
    <name>kp::MessageInbox</name>
    <message>
        <source>Cannot move %1 to %2: %3</source>
        <translation>Não é possível mover %1 para %2: %3</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not issued by this authority&apos;s CA.</source>
        <translation>O certificado de posto de %1 não foi emitido pela AC desta autoridade.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not a desk certificate (it is a CA, or may not sign).</source>
        <translation>O certificado de %1 não é um certificado de posto (é uma AC ou não pode assinar).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not valid when the message was made (%2; valid %3 to %4).</source>
        <translation>O certificado de posto de %1 não era válido quando a mensagem foi criada (%2; válido de %3 a %4).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 names participant %2, its CA %3.</source>
        <translation>O certificado de posto de %1 indica o participante %2, a sua AC %3.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 não é uma pasta.</translation>
    </message>
    <message>
        <source>%1 must be a folder of its own.</source>
        <translation>%1 deve ser uma pasta própria.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Não é possível criar %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não é possível escrever %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Não é possível ler o ficheiro: %1</translation>
    </message>
    <message>
        <source>A different message with the id %1 was already taken.</source>
        <translation>Já foi aceite outra mensagem com o id %1.</translation>
    </message>
    <message>
        <source>Cannot remove %1, a copy of %2.</source>
        <translation>Não é possível remover %1, uma cópia de %2.</translation>
    </message>
    <message>
        <source>The message of %1 says it was made at %2, after it was received (%3).</source>
        <translation>A mensagem de %1 indica ter sido criada em %2, depois de ter sido recebida (%3).</translation>
    </message>
    <message numerus="yes">
        <source>The desk certificate of %1 expired on %2, more than %Ln day(s) before the message was received (%3): a message signed after that could claim any earlier time.</source>
        <translation>
            <numerusform>O certificado de posto de %1 expirou em %2, mais de %Ln dia antes de a mensagem ser recebida (%3): uma mensagem assinada depois disso poderia alegar qualquer hora anterior.</numerusform>
            <numerusform>O certificado de posto de %1 expirou em %2, mais de %Ln dias antes de a mensagem ser recebida (%3): uma mensagem assinada depois disso poderia alegar qualquer hora anterior.</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s list of desks was not given: no message can be taken.</source>
        <translation>A lista de postos da autoridade não foi indicada: nenhuma mensagem pode ser aceite.</translation>
    </message>
    <message>
        <source>The desk certificate of %1 is revoked, or is not in the authority&apos;s list of desks.</source>
        <translation>O certificado de posto de %1 está revogado ou não consta da lista de postos da autoridade.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB; this file holds %2 bytes or more.</source>
        <translation>Uma mensagem pode ter no máximo %1 MiB; este ficheiro tem %2 bytes ou mais.</translation>
    </message>
    <message>
        <source>Not a regular file (a link, a folder, a pipe or a device).</source>
        <translation>Não é um ficheiro normal (é uma ligação, uma pasta, um pipe ou um dispositivo).</translation>
    </message>
</context>
<context>
    <name>kp::MessageLedger</name>
    <message>
        <source>Cannot read the message ledger %1: %2</source>
        <translation>Não é possível ler o diário de mensagens %1: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a message ledger: give the path of a file.</source>
        <translation>&apos;%1&apos; não pode ser um diário de mensagens: indique o caminho de um ficheiro.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 não é um ficheiro.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Não é possível criar a pasta %1.</translation>
    </message>
    <message>
        <source>Cannot open the message ledger %1: %2</source>
        <translation>Não é possível abrir o diário de mensagens %1: %2</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (ledger schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 foi criado por um KP Desk mais recente (esquema do diário %2; este conhece o %3). Não foi alterado.</translation>
    </message>
    <message>
        <source>Cannot bring the message ledger %1 to schema %2: %3</source>
        <translation>Não é possível levar o diário de mensagens %1 ao esquema %2: %3</translation>
    </message>
    <message>
        <source>Cannot write the message ledger %1: %2</source>
        <translation>Não é possível escrever o diário de mensagens %1: %2</translation>
    </message>
    <message>
        <source>A message with the id %1 is already in the ledger.</source>
        <translation>Já existe no diário uma mensagem com o id %1.</translation>
    </message>
    <message>
        <source>unknown report kind %1</source>
        <translation>tipo de relatório desconhecido: %1</translation>
    </message>
</context>
<context>
    <name>kp::OfficeDatabase</name>
    <message>
        <source>This desk cannot talk to an office: Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql).</source>
        <translation>Este posto não pode comunicar com uma estância aduaneira: o controlador PostgreSQL do Qt não está instalado (Debian: libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>The office (%1) cannot be reached: %2</source>
        <translation>A estância aduaneira (%1) está inacessível: %2</translation>
    </message>
    <message>
        <source>the connection to the server was lost.</source>
        <translation>a ligação ao servidor foi perdida.</translation>
    </message>
    <message>
        <source>The office (%1) answered: %2</source>
        <translation>A estância aduaneira (%1) respondeu: %2</translation>
    </message>
    <message>
        <source>The office&apos;s database (schema %1) is newer than this program (%2): update KP Desk.</source>
        <translation>A base de dados da estância aduaneira (esquema %1) é mais recente do que este programa (%2): atualize o KP Desk.</translation>
    </message>
    <message>
        <source>The office&apos;s database could not be brought to schema %1 (run `kpdesk-cli office-init` as its owner): %2</source>
        <translation>Não foi possível levar a base de dados da estância aduaneira ao esquema %1 (execute `kpdesk-cli office-init` como seu proprietário): %2</translation>
    </message>
    <message numerus="yes">
        <source>The office (%1) stopped answering: the connection was given up after %Ln second(s) of silence.</source>
        <translation>
            <numerusform>A estância aduaneira (%1) deixou de responder: a ligação foi abandonada após %Ln segundo sem resposta.</numerusform>
            <numerusform>A estância aduaneira (%1) deixou de responder: a ligação foi abandonada após %Ln segundos sem resposta.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::OfficeLink</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>O ficheiro do posto não pôde ser lido ou escrito: %1</translation>
    </message>
    <message>
        <source>The office&apos;s password file %1 could not be written or read.</source>
        <translation>O ficheiro de senha da estância aduaneira %1 não pôde ser escrito ou lido.</translation>
    </message>
</context>
<context>
    <name>kp::OfficeUrl</name>
    <message>
        <source>The office&apos;s address is not usable: %1</source>
        <translation>O endereço da estância aduaneira não é utilizável: %1</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>não é um URL.</translation>
    </message>
    <message>
        <source>it must start with postgresql://.</source>
        <translation>deve começar por postgresql://.</translation>
    </message>
    <message>
        <source>sslmode is one of %1.</source>
        <translation>sslmode deve ser um destes: %1.</translation>
    </message>
    <message>
        <source>the parameter %1 is not known here.</source>
        <translation>o parâmetro %1 não é reconhecido aqui.</translation>
    </message>
    <message>
        <source>it names no server.</source>
        <translation>não indica nenhum servidor.</translation>
    </message>
    <message>
        <source>it names no database (…/DATABASE).</source>
        <translation>não indica nenhuma base de dados (…/BASEDADOS).</translation>
    </message>
    <message>
        <source>it names no user (postgresql://USER@…).</source>
        <translation>não indica nenhum utilizador (postgresql://UTILIZADOR@…).</translation>
    </message>
    <message>
        <source>sslrootcert must name a file, without &apos;;&apos;.</source>
        <translation>sslrootcert deve indicar um ficheiro, sem &apos;;&apos;.</translation>
    </message>
</context>
<context>
    <name>kp::OutboxDelivery</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não é possível escrever %1: %2</translation>
    </message>
    <message>
        <source>%1 answered %2 %3</source>
        <translation>%1 respondeu %2 %3</translation>
    </message>
    <message>
        <source>%1: no answer for %2 s</source>
        <translation>%1: sem resposta há %2 s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder this desk can write to (is the stick mounted?).</source>
        <translation>%1 não é uma pasta onde este posto possa escrever (a pen USB está montada?).</translation>
    </message>
    <message>
        <source>No intake is set for the outbox (kpdesk-cli settings --outbox-intake https://...).</source>
        <translation>Não há endereço de receção definido para a caixa de saída (kpdesk-cli settings --outbox-intake https://...).</translation>
    </message>
</context>
<context>
    <name>kp::PasswordHash</name>
    <message>
        <source>The stored password hash is unusable: %1</source>
        <translation>O hash da senha guardado é inutilizável: %1</translation>
    </message>
    <message>
        <source>it is not of the form scrypt$N=…,r=…,p=…$salt$hash</source>
        <translation>não tem a forma scrypt$N=…,r=…,p=…$salt$hash</translation>
    </message>
    <message>
        <source>its parameters are outside what this desk accepts</source>
        <translation>os seus parâmetros estão fora do que este posto aceita</translation>
    </message>
    <message>
        <source>its salt or hash is not base64</source>
        <translation>o sal ou o hash não está em base64</translation>
    </message>
    <message>
        <source>its salt or hash has the wrong length</source>
        <translation>o sal ou o hash tem o comprimento errado</translation>
    </message>
    <message>
        <source>The scrypt parameters N=%1, r=%2, p=%3 are not supported.</source>
        <translation>Os parâmetros scrypt N=%1, r=%2, p=%3 não são suportados.</translation>
    </message>
    <message>
        <source>scrypt failed: %1</source>
        <translation>scrypt falhou: %1</translation>
    </message>
    <message>
        <source>No random bytes for the salt.</source>
        <translation>Sem bytes aleatórios para o sal.</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nome ou senha incorretos.</translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %Ln characters.</source>
        <translation>
            <numerusform>A senha deve ter pelo menos %Ln carácter.</numerusform>
            <numerusform>A senha deve ter pelo menos %Ln caracteres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at most %Ln characters.</source>
        <translation>
            <numerusform>A senha deve ter no máximo %Ln carácter.</numerusform>
            <numerusform>A senha deve ter no máximo %Ln caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the account&apos;s name.</source>
        <translation>A senha não pode ser o nome da conta.</translation>
    </message>
</context>
<context>
    <name>kp::PdfExport</name>
    <message>
        <source>The PDF %1 cannot be written: %2</source>
        <translation>O PDF %1 não pode ser escrito: %2</translation>
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
        <translation>registar a verificação física</translation>
    </message>
    <message>
        <source>flag reasonable doubt</source>
        <translation>sinalizar dúvida razoável</translation>
    </message>
    <message>
        <source>add a note</source>
        <translation>adicionar uma nota</translation>
    </message>
    <message>
        <source>add evidence</source>
        <translation>adicionar provas</translation>
    </message>
    <message>
        <source>release a shipment</source>
        <translation>desalfandegar uma remessa</translation>
    </message>
    <message>
        <source>take a case for review</source>
        <translation>assumir a análise de um processo</translation>
    </message>
    <message>
        <source>decide a case</source>
        <translation>decidir um processo</translation>
    </message>
    <message>
        <source>escalate a case</source>
        <translation>encaminhar um processo</translation>
    </message>
    <message>
        <source>record an authority&apos;s reply</source>
        <translation>registar a resposta de uma autoridade</translation>
    </message>
    <message>
        <source>close a case</source>
        <translation>encerrar um processo</translation>
    </message>
    <message>
        <source>reopen a case</source>
        <translation>reabrir um processo</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>gerir contas</translation>
    </message>
    <message>
        <source>change the desk&apos;s settings</source>
        <translation>alterar as definições do posto</translation>
    </message>
    <message>
        <source>Unknown action “%1”.</source>
        <translation>Ação “%1” desconhecida.</translation>
    </message>
    <message>
        <source>The role %1 may not %2.</source>
        <translation>O papel %1 não pode %2.</translation>
    </message>
    <message>
        <source>Who flagged this case is not known, so the four-eyes rule cannot be checked.</source>
        <translation>Não se sabe quem sinalizou este processo, pelo que a regra dos quatro olhos não pode ser verificada.</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not decide it: another supervisor must (four eyes).</source>
        <translation>%1 sinalizou este processo e não o pode decidir: tem de ser outro supervisor (quatro olhos).</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not take it for review: another supervisor must (four eyes).</source>
        <translation>%1 sinalizou este processo e não o pode assumir para análise: tem de ser outro supervisor (quatro olhos).</translation>
    </message>
</context>
<context>
    <name>kp::PhysicalCheck</name>
    <message>
        <source>%1 parcels counted; the certificate says %2.</source>
        <translation>%1 volumes contados; o certificado indica %2.</translation>
    </message>
    <message>
        <source>%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).</source>
        <translation>%1 ct pesados; o certificado indica %2 ct (tolerância %3 ct).</translation>
    </message>
    <message>
        <source>A seal is broken or tampered with.</source>
        <translation>Um selo está partido ou foi violado.</translation>
    </message>
    <message>
        <source>Seal numbers %1 do not match the certificate&apos;s %2.</source>
        <translation>Os números de selo %1 não correspondem aos do certificado, %2.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <source>The importer on the declaration is not %1.</source>
        <translation>O importador na declaração não é %1.</translation>
    </message>
</context>
<context>
    <name>kp::Publisher</name>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>Não é possível copiar %1 para %2.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2: %3</source>
        <translation>Não é possível copiar %1 para %2: %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não é possível escrever %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Não é possível ler %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Não é possível criar a pasta %1.</translation>
    </message>
    <message>
        <source>%1 holds no full snapshot: publish one first.</source>
        <translation>%1 não contém nenhum instantâneo completo: publique um primeiro.</translation>
    </message>
    <message>
        <source>The deltas do not lead from the newest full snapshot (seq %1) to seq %2: publish the missing delta or a new full snapshot.</source>
        <translation>Os deltas não levam do instantâneo completo mais recente (n.º %1) ao n.º %2: publique o delta em falta ou um novo instantâneo completo.</translation>
    </message>
    <message>
        <source>Cannot write the index in %1: %2</source>
        <translation>Não é possível escrever o índice em %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::PulledCaseCheck</name>
    <message>
        <source>The flag of case %1 does not carry its case (a desk from before signed cases made it): its certificate cannot be trusted.</source>
        <translation>A sinalização do processo %1 não traz o seu processo (foi criada por um posto anterior aos processos assinados): não se pode confiar no seu certificado.</translation>
    </message>
    <message>
        <source>The office holds a flag of case %1 but not the case.</source>
        <translation>A estância aduaneira tem uma sinalização do processo %1, mas não o processo.</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>posto</translation>
    </message>
    <message>
        <source>time</source>
        <translation>hora</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>inspeção</translation>
    </message>
    <message>
        <source>certificate %1 signed, %2 in the row</source>
        <translation>certificado %1 assinado, %2 na linha</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>participante</translation>
    </message>
    <message>
        <source>The office&apos;s row of case %1 is not the case its desk signed: %2.</source>
        <translation>A linha do processo %1 na estância aduaneira não corresponde ao processo que o seu posto assinou: %2.</translation>
    </message>
    <message>
        <source>The flag of case %1 has no valid time.</source>
        <translation>A sinalização do processo %1 não tem uma hora válida.</translation>
    </message>
</context>
<context>
    <name>kp::PulledEventCheck</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>O ficheiro do posto não pôde ser lido ou escrito: %1</translation>
    </message>
    <message>
        <source>The event is signed with a certificate that is not a desk&apos;s.</source>
        <translation>O evento está assinado com um certificado que não é de um posto.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not valid when the event was made.</source>
        <translation>O certificado de posto %1 não era válido quando o evento foi criado.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not issued by an authority CA of %2 that this desk holds.</source>
        <translation>O certificado de posto %1 não foi emitido por nenhuma AC da autoridade de %2 que este posto tenha.</translation>
    </message>
    <message>
        <source>The event is not signed by an enrolled desk.</source>
        <translation>O evento não está assinado por um posto inscrito.</translation>
    </message>
    <message>
        <source>The event&apos;s desk certificate cannot be read.</source>
        <translation>O certificado de posto do evento não pode ser lido.</translation>
    </message>
    <message>
        <source>The event claims the desk %1, which the desk certificate %2 signs for; it is signed by %3.</source>
        <translation>O evento indica o posto %1, pelo qual assina o certificado de posto %2; está assinado por %3.</translation>
    </message>
    <message>
        <source>The attachment %1 is not the file that was signed.</source>
        <translation>O anexo %1 não é o ficheiro que foi assinado.</translation>
    </message>
    <message>
        <source>The event &apos;%1&apos; by %2 (%3) is not one a desk can take.</source>
        <translation>O evento &apos;%1&apos; de %2 (%3) não é dos que um posto pode aceitar.</translation>
    </message>
    <message>
        <source>The desk&apos;s file could not be read: %1</source>
        <translation>Não foi possível ler o arquivo do posto: %1</translation>
    </message>
    <message>
        <source>The desk certificate %1 was revoked by the authority on %2.</source>
        <translation>O certificado de posto %1 foi revogado pela autoridade em %2.</translation>
    </message>
    <message>
        <source>The event is not in the signed batch %1 it names.</source>
        <translation>O evento não está no lote assinado %1 que indica.</translation>
    </message>
</context>
<context>
    <name>kp::Recheck</name>
    <message>
        <source>ACCEPT</source>
        <translation>ACEITE</translation>
    </message>
    <message>
        <source>DOUBT</source>
        <translation>DÚVIDA</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>RECUSADO</translation>
    </message>
    <message>
        <source>pass</source>
        <comment>check status</comment>
        <translation>aprovado</translation>
    </message>
    <message>
        <source>warn</source>
        <comment>check status</comment>
        <translation>alerta</translation>
    </message>
    <message>
        <source>FAIL</source>
        <comment>check status</comment>
        <translation>FALHA</translation>
    </message>
    <message>
        <source>skip</source>
        <comment>check status</comment>
        <translation>omitido</translation>
    </message>
    <message>
        <source>verdict: was %1, now %2</source>
        <translation>veredicto: era %1, agora %2</translation>
    </message>
    <message>
        <source>%1: not in the inspection then, now %2 — %3</source>
        <translation>%1: ausente da inspeção na altura, agora %2 — %3</translation>
    </message>
    <message>
        <source>%1: was %2, not checked now</source>
        <translation>%1: era %2, agora não verificado</translation>
    </message>
    <message>
        <source>%1: was %2, now %3 — %4</source>
        <translation>%1: era %2, agora %3 — %4</translation>
    </message>
    <message>
        <source>%1: still %2 — now: %3 (then: %4)</source>
        <translation>%1: continua %2 — agora: %3 (antes: %4)</translation>
    </message>
    <message>
        <source>No change since %1.</source>
        <translation>Sem alterações desde %1.</translation>
    </message>
    <message>
        <source>This inspection was stored without what was scanned, so it cannot be verified again: scan the certificate again.</source>
        <translation>Esta inspeção foi guardada sem o que foi lido, pelo que não pode ser verificada de novo: leia de novo o certificado.</translation>
    </message>
    <message>
        <source>Not verified again: %1</source>
        <translation>Não verificado de novo: %1</translation>
    </message>
</context>
<context>
    <name>kp::RecordReport</name>
    <message>
        <source>(unknown)</source>
        <translation>(desconhecido)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>aprovado</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>alerta</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FALHA</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>No signed certificate record was read (a typed number or an unreadable code).</source>
        <translation>Nenhum registo de certificado assinado foi lido (número digitado ou código ilegível).</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Record version</source>
        <translation>Versão do registo</translation>
    </message>
    <message>
        <source>Issuing participant</source>
        <translation>Participante emissor</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>Autoridade emissora</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitido</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expira</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (mista)</translation>
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
        <translation>SH %1: %2 ct, US$ %3</translation>
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
        <translation>Volumes</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Selos</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>Nenhuma verificação física registada.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(não verificado)</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>Declaração aduaneira</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Volumes contados</translation>
    </message>
    <message>
        <source>Mass weighed</source>
        <translation>Massa pesada</translation>
    </message>
    <message>
        <source>%1 ct (tolerance %2 ct)</source>
        <translation>%1 ct (tolerância %2 ct)</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Selos intactos</translation>
    </message>
    <message>
        <source>Seal numbers read</source>
        <translation>Números de selo lidos</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>Importador confere com a declaração</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>Discrepâncias</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Veredicto final</translation>
    </message>
    <message>
        <source>Verdict of the verification</source>
        <translation>Veredicto da verificação</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Número do certificado</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(sem número)</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Posto</translation>
    </message>
    <message>
        <source>%1 (id %2, participant %3)</source>
        <translation>%1 (id %2, participante %3)</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>Lido de</translation>
    </message>
    <message>
        <source>Inspection id</source>
        <translation>Id da inspeção</translation>
    </message>
    <message>
        <source>Desk data</source>
        <translation>Dados do posto</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Verificações</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificação</translation>
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
        <translation>Nenhuma verificação registada.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Verificação física</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>Certificado tal como assinado pela autoridade emissora</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Imagem digitalizada</translation>
    </message>
    <message>
        <source>No image was kept with this inspection.</source>
        <translation>Nenhuma imagem foi guardada com esta inspeção.</translation>
    </message>
    <message>
        <source>Printed %1 by %2 at %3</source>
        <translation>Impresso em %1 por %2 no posto %3</translation>
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
        <translation>A remessa está retida.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>A remessa não está retida.</translation>
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
        <translation>Estância com uma só pessoa: decidido por quem sinalizou.</translation>
    </message>
    <message numerus="yes">
        <source>File %1, %Ln byte(s), SHA-256 %2</source>
        <translation>
            <numerusform>Ficheiro %1, %Ln byte, SHA-256 %2</numerusform>
            <numerusform>Ficheiro %1, %Ln bytes, SHA-256 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>Registo inexistente: %1.</translation>
    </message>
    <message>
        <source>KP Desk — inspection record</source>
        <translation>KP Desk — ficha de inspeção</translation>
    </message>
    <message>
        <source>Inspection of certificate %1</source>
        <translation>Inspeção do certificado %1</translation>
    </message>
    <message>
        <source>KP Desk — case record</source>
        <translation>KP Desk — ficha do processo</translation>
    </message>
    <message>
        <source>Case of certificate %1</source>
        <translation>Processo do certificado %1</translation>
    </message>
    <message>
        <source>Case id</source>
        <translation>Id do processo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Remessa</translation>
    </message>
    <message>
        <source>held</source>
        <translation>retida</translation>
    </message>
    <message>
        <source>not held</source>
        <translation>não retida</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ainda nenhum</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Sinalizado por</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberto</translation>
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
        <translation>Última alteração</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (id %2)</translation>
    </message>
    <message>
        <source>opened at desk %1</source>
        <translation>aberto no posto %1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>%1 (event %2, %3)</source>
        <translation>%1 (evento %2, %3)</translation>
    </message>
    <message>
        <source>Images attached to the case</source>
        <translation>Imagens anexadas ao processo</translation>
    </message>
    <message>
        <source>The inspection, as it was seen</source>
        <translation>A inspeção, tal como foi vista</translation>
    </message>
    <message>
        <source>The case&apos;s inspection %1 is not in the desk&apos;s records.</source>
        <translation>A inspeção %1 do processo não está nos registos do posto.</translation>
    </message>
    <message>
        <source>by %1: the verdict was %2, now %3. Reason: %4</source>
        <translation>por %1: o veredicto era %2, agora é %3. Motivo: %4</translation>
    </message>
    <message>
        <source>The physical check as first recorded:</source>
        <translation>A verificação física tal como foi registada inicialmente:</translation>
    </message>
    <message>
        <source>Corrections of the physical check</source>
        <translation>Correções da verificação física</translation>
    </message>
</context>
<context>
    <name>kp::RecordsStore</name>
    <message>
        <source>The desk&apos;s records could not be written: %1</source>
        <translation>Os registos do posto não puderam ser escritos: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s records could not be read: %1</source>
        <translation>Os registos do posto não puderam ser lidos: %1</translation>
    </message>
    <message>
        <source>flagged before this desk kept cases</source>
        <translation>sinalizado antes de este posto gerir processos</translation>
    </message>
    <message>
        <source>Certificate %1 was already released: a certificate is released once.</source>
        <translation>A remessa do certificado %1 já foi desalfandegada: cada certificado só permite um desalfandegamento.</translation>
    </message>
</context>
<context>
    <name>kp::RegularFile</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Não é possível abrir %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a device, a pipe or a socket); it is not read.</source>
        <translation>%1 não é um ficheiro normal (é uma pasta, um dispositivo, um pipe ou um socket); não é lido.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Não é possível ler %1: %2</translation>
    </message>
    <message>
        <source>Reading %1 took too long; it was given up.</source>
        <translation>A leitura de %1 demorou demasiado e foi abandonada.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not read.</source>
        <translation>%1 tem mais de %2 bytes; não é lido.</translation>
    </message>
</context>
<context>
    <name>kp::Replicator</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>O ficheiro do posto não pôde ser lido ou escrito: %1</translation>
    </message>
    <message>
        <source>The office holds an event of a case it does not hold (%1).</source>
        <translation>A estância aduaneira tem um evento de um processo que não tem (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk are not at the office yet.</source>
        <translation>
            <numerusform>%Ln registo deste posto ainda não está na estância aduaneira.</numerusform>
            <numerusform>%Ln registos deste posto ainda não estão na estância aduaneira.</numerusform>
        </translation>
    </message>
    <message>
        <source>cases</source>
        <translation>processos</translation>
    </message>
    <message>
        <source>case events</source>
        <translation>eventos de processos</translation>
    </message>
    <message>
        <source>inspections</source>
        <translation>inspeções</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>entradas de auditoria</translation>
    </message>
    <message>
        <source>The office holds %1 of this desk&apos;s %2 %3.</source>
        <translation>A estância aduaneira tem %1 de %2 %3 deste posto.</translation>
    </message>
    <message>
        <source>The office holds another entry (hash %1) at place %2 of this desk&apos;s trail (hash %3): another role wrote it there.</source>
        <translation>A estância aduaneira tem outra entrada (hash %1) na posição %2 da pista deste posto (hash %3): outro papel escreveu-a ali.</translation>
    </message>
    <message>
        <source>The event is of a case this desk does not hold (%1).</source>
        <translation>O evento pertence a um processo que este posto não tem (%1).</translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ALARME: a estância aduaneira tem outras entradas em %Ln posição da pista deste posto.</numerusform>
            <numerusform>ALARME: a estância aduaneira tem outras entradas em %Ln posições da pista deste posto.</numerusform>
        </translation>
    </message>
    <message>
        <source>The office holds case %1 without the flag that opens a case.</source>
        <translation>A estância aduaneira tem o processo %1 sem a sinalização que abre um processo.</translation>
    </message>
    <message>
        <source>The case %1 has its flag already.</source>
        <translation>O processo %1 já tem a sua sinalização.</translation>
    </message>
</context>
<context>
    <name>kp::ReportPainter</name>
    <message>
        <source>A record can only be drawn in a program with fonts (QGuiApplication).</source>
        <translation>Uma ficha só pode ser desenhada num programa com tipos de letra (QGuiApplication).</translation>
    </message>
    <message>
        <source>The record cannot be drawn on this printer or file.</source>
        <translation>A ficha não pode ser desenhada nesta impressora ou ficheiro.</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>Não foi possível iniciar uma nova página.</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>página %1 de %2</translation>
    </message>
    <message>
        <source>The record could not be finished.</source>
        <translation>Não foi possível concluir a ficha.</translation>
    </message>
</context>
<context>
    <name>kp::Role</name>
    <message>
        <source>Unknown role “%1”: officer, supervisor or administrator.</source>
        <translation>Papel “%1” desconhecido: officer, supervisor ou administrator.</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agente</translation>
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
        <translation>O ficheiro do posto não pôde ser lido ou escrito: %1</translation>
    </message>
</context>
<context>
    <name>kp::ShipmentRelease</name>
    <message>
        <source>The inspection is not in the desk&apos;s records.</source>
        <translation>A inspeção não está nos registos do posto.</translation>
    </message>
</context>
<context>
    <name>kp::SyncClient</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>A sincronização foi cancelada.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 não é um URL utilizável.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 não é um ficheiro .kpsync, nem uma pasta com índice de sincronização, nem um URL http(s).</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Não é possível ler %1.</translation>
    </message>
    <message>
        <source>%1 holds bundles but no sync index (the file &apos;index&apos;): a sync needs the authority&apos;s signed index to know which bundles to apply. Choose the folder the authority published (kpdesk-cli authority publish), or one bundle file.</source>
        <translation>%1 tem pacotes, mas nenhum índice de sincronização (o ficheiro &apos;index&apos;): uma sincronização precisa do índice assinado da autoridade para saber que pacotes aplicar. Escolha a pasta publicada pela autoridade (kpdesk-cli authority publish) ou um ficheiro de pacote.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>Não há índice de sincronização em %1.</translation>
    </message>
</context>
<context>
    <name>kp::SyncIndex</name>
    <message>
        <source>The sync index is malformed: %1</source>
        <translation>O índice de sincronização está mal formado: %1</translation>
    </message>
    <message>
        <source>not a map</source>
        <translation>não é um mapa</translation>
    </message>
    <message>
        <source>no seq</source>
        <translation>sem seq</translation>
    </message>
    <message>
        <source>no usable full snapshot</source>
        <translation>nenhum instantâneo completo utilizável</translation>
    </message>
    <message>
        <source>deltas is not an array</source>
        <translation>deltas não é uma lista</translation>
    </message>
    <message>
        <source>too many deltas</source>
        <translation>demasiados deltas</translation>
    </message>
    <message>
        <source>a delta entry is malformed</source>
        <translation>uma entrada de delta está mal formada</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>maior que %1 bytes</translation>
    </message>
    <message>
        <source>The sync index is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>O índice de sincronização não está assinado pela autoridade de origem deste posto (nenhuma chave de pacotes fixada o verifica).</translation>
    </message>
    <message>
        <source>The index offers no way from seq %1 to seq %2 (no delta chain and no newer full snapshot).</source>
        <translation>O índice não oferece caminho do n.º %1 ao n.º %2 (nem cadeia de deltas nem instantâneo completo mais recente).</translation>
    </message>
</context>
<context>
    <name>kp::SyncLock</name>
    <message>
        <source>Cannot create the sync lock %1: %2</source>
        <translation>Não é possível criar o bloqueio de sincronização %1: %2</translation>
    </message>
    <message>
        <source>A sync is already running for this desk; wait for it to finish, then sync again if it is still needed.</source>
        <translation>Já está em curso uma sincronização para este posto; espere que termine e sincronize de novo se ainda for necessário.</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>Não é possível bloquear %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::SyncSource</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>Não é possível ler %1.</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; the index says %3.</source>
        <translation>%1 tem %2 bytes; o índice indica %3.</translation>
    </message>
    <message>
        <source>%1 does not match its SHA-256 in the index: damaged or altered.</source>
        <translation>%1 não corresponde ao seu SHA-256 no índice: danificado ou alterado.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>Não há índice de sincronização em %1.</translation>
    </message>
    <message>
        <source>The sync index in %1 is too large.</source>
        <translation>O índice de sincronização em %1 é demasiado grande.</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (timed out).</source>
        <translation>%1: sem dados há %2 s (tempo esgotado).</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3.</source>
        <translation>%1: HTTP %2 %3.</translation>
    </message>
    <message>
        <source>%1: DNS: the host %2 was not found.</source>
        <translation>%1: DNS: o anfitrião %2 não foi encontrado.</translation>
    </message>
    <message>
        <source>%1: the server refused the connection.</source>
        <translation>%1: o servidor recusou a ligação.</translation>
    </message>
    <message>
        <source>%1: the server closed the connection before the end.</source>
        <translation>%1: o servidor fechou a ligação antes do fim.</translation>
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
        <translation>%1: o servidor envia demasiado devagar (menos de %2 bytes em %3 s).</translation>
    </message>
    <message>
        <source>%1 is larger than a sync index can be.</source>
        <translation>%1 é maior do que um índice de sincronização pode ser.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não é possível escrever %1: %2</translation>
    </message>
    <message>
        <source>Cannot save %1 (is the disk full?): %2</source>
        <translation>Não é possível guardar %1 (o disco está cheio?): %2</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>A sincronização foi cancelada.</translation>
    </message>
    <message>
        <source>%1 is longer than the index says.</source>
        <translation>%1 é mais longo do que o índice indica.</translation>
    </message>
    <message>
        <source>%1: the server sent %2 of %3 bytes.</source>
        <translation>%1: o servidor enviou %2 de %3 bytes.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 não é um URL utilizável.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 não é um ficheiro .kpsync, nem uma pasta com índice de sincronização, nem um URL http(s).</translation>
    </message>
    <message>
        <source>The sync from %1 took longer than its limit of %2 s and was given up; the next sync takes it up again.</source>
        <translation>A sincronização a partir de %1 excedeu o seu limite de %2 s e foi abandonada; a próxima sincronização retoma-a.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Não é possível escrever %1.</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation>Não é possível criar uma pasta temporária: %1</translation>
    </message>
</context>
<context>
    <name>kp::TrailReading</name>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>A entrada %1 está guardada como linha %2.</translation>
    </message>
</context>
<context>
    <name>kp::Zlib</name>
    <message>
        <source>The compressed data is corrupt or truncated.</source>
        <translation>Os dados comprimidos estão corrompidos ou truncados.</translation>
    </message>
    <message>
        <source>The compressed data expands beyond %1 bytes.</source>
        <translation>Os dados comprimidos expandem-se além de %1 bytes.</translation>
    </message>
</context>
<context>
    <name>kp::cli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>não é possível ler %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 é demasiado grande.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 não é JSON válido: %2 na posição %3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>não é possível escrever %1: %2</translation>
    </message>
    <message>
        <source>--pki DIR is required.</source>
        <translation>--pki PASTA é obrigatório.</translation>
    </message>
    <message>
        <source>Folder to create the PKI in.</source>
        <translation>Pasta onde criar a PKI.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>PASTA</translation>
    </message>
    <message>
        <source>The publishing (home) authority&apos;s participant code.</source>
        <translation>Código de participante da autoridade que publica (de origem).</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CÓDIGO</translation>
    </message>
    <message>
        <source>An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. Repeatable.</source>
        <translation>Um participante emissor, opcionalmente com o seu algoritmo: CÓDIGO[:es256|ps256|eddsa]. Repetível.</translation>
    </message>
    <message>
        <source>CODE[:ALG]</source>
        <translation>CÓDIGO[:ALG]</translation>
    </message>
    <message>
        <source>Create a demo PKI: a bundle key for the home authority, and an authority CA with a document signer for each issuer.</source>
        <translation>Criar uma PKI de demonstração: uma chave de pacotes para a autoridade de origem e uma AC da autoridade com um signatário de documentos para cada emissor.</translation>
    </message>
    <message>
        <source>--out DIR and --home CODE are required.</source>
        <translation>--out PASTA e --home CÓDIGO são obrigatórios.</translation>
    </message>
    <message>
        <source>unknown algorithm &apos;%1&apos; (es256, ps256, eddsa).</source>
        <translation>algoritmo &apos;%1&apos; desconhecido (es256, ps256, eddsa).</translation>
    </message>
    <message>
        <source>PKI written to %1; pin %1/bundle-cert.pem at the desks.</source>
        <translation>PKI escrita em %1; fixe %1/bundle-cert.pem nos postos.</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder.</source>
        <translation>A pasta da PKI da autoridade.</translation>
    </message>
    <message>
        <source>The certificate record as JSON (kp1-barcode.md keys).</source>
        <translation>O registo do certificado em JSON (chaves de kp1-barcode.md).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHEIRO</translation>
    </message>
    <message>
        <source>Where to write the signed record (COSE_Sign1).</source>
        <translation>Onde escrever o registo assinado (COSE_Sign1).</translation>
    </message>
    <message>
        <source>Also write the KP1 barcode text to this file.</source>
        <translation>Escrever também o texto do código de barras KP1 neste ficheiro.</translation>
    </message>
    <message>
        <source>Sign a certificate record with the issuer&apos;s document signer.</source>
        <translation>Assinar um registo de certificado com o signatário de documentos do emissor.</translation>
    </message>
    <message>
        <source>--in FILE and --out FILE are required.</source>
        <translation>--in FICHEIRO e --out FICHEIRO são obrigatórios.</translation>
    </message>
    <message>
        <source>the PKI has no document signer for %1.</source>
        <translation>a PKI não tem signatário de documentos para %1.</translation>
    </message>
    <message>
        <source>Signed %1 (%2 bytes).</source>
        <translation>%1 assinado (%2 bytes).</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) to print as KP1.</source>
        <translation>Um registo assinado (COSE_Sign1) a imprimir como KP1.</translation>
    </message>
    <message>
        <source>Text to print instead (e.g. a certificate number).</source>
        <translation>Texto a imprimir em alternativa (p. ex. um número de certificado).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXTO</translation>
    </message>
    <message>
        <source>The image file to write (PNG, JPEG, TIFF, BMP).</source>
        <translation>O ficheiro de imagem a escrever (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation>IMAGEM</translation>
    </message>
    <message>
        <source>qr (default), datamatrix, aztec, pdf417 or code128.</source>
        <translation>qr (predefinição), datamatrix, aztec, pdf417 ou code128.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOME</translation>
    </message>
    <message>
        <source>Pixels per module (default 4).</source>
        <translation>Píxeis por módulo (predefinição 4).</translation>
    </message>
    <message>
        <source>PX</source>
        <translation>PX</translation>
    </message>
    <message>
        <source>Print a barcode image with whole square modules and a four-module quiet zone.</source>
        <translation>Imprimir uma imagem de código de barras com módulos quadrados inteiros e uma margem de quatro módulos.</translation>
    </message>
    <message>
        <source>give --out IMAGE and either --in FILE or --text TEXT.</source>
        <translation>indique --out IMAGEM e --in FICHEIRO ou --text TEXTO.</translation>
    </message>
    <message>
        <source>unknown --symbology or --module out of 1-40.</source>
        <translation>--symbology desconhecido ou --module fora de 1-40.</translation>
    </message>
    <message>
        <source>cannot write %1.</source>
        <translation>não é possível escrever %1.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2x%3).</source>
        <translation>%1 escrito (%2x%3).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a date YYYY-MM-DD.</source>
        <translation>&apos;%1&apos; deve ser uma data AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder.</source>
        <translation>A pasta da PKI da autoridade de origem.</translation>
    </message>
    <message>
        <source>Sequence number of the state this bundle produces.</source>
        <translation>Número de sequência do estado que este pacote produz.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>For a delta: the seq it applies to (default 0: full).</source>
        <translation>Para um delta: o n.º a que se aplica (predefinição 0: completo).</translation>
    </message>
    <message>
        <source>Days until desks show the data as stale (default 14).</source>
        <translation>Dias até os postos mostrarem os dados como desatualizados (predefinição 14).</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>DIAS</translation>
    </message>
    <message>
        <source>Participants JSON: an array of {c, name, st, from, to?, note?}, or &apos;demo&apos; for the built-in list with its history.</source>
        <translation>JSON de participantes: uma lista de {c, name, st, from, to?, note?}, ou &apos;demo&apos; para a lista incorporada com o seu histórico.</translation>
    </message>
    <message>
        <source>Include every authority CA and document signer of the PKI.</source>
        <translation>Incluir todas as AC de autoridade e signatários de documentos da PKI.</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) for the registry. Repeatable.</source>
        <translation>Um registo assinado (COSE_Sign1) para o registo central. Repetível.</translation>
    </message>
    <message>
        <source>Revocations JSON: an array of {no, st, at, by, note?}.</source>
        <translation>JSON de revogações: uma lista de {no, st, at, by, note?}.</translation>
    </message>
    <message>
        <source>The message ledger: every confirmed import becomes a &apos;used&apos; revocation (an entry of --revoked for the same number wins).</source>
        <translation>O diário de mensagens: cada importação confirmada torna-se uma revogação &apos;used&apos; (prevalece uma entrada de --revoked para o mesmo número).</translation>
    </message>
    <message>
        <source>Rules JSON: an object of rule key to value.</source>
        <translation>JSON de regras: um objeto chave de regra → valor.</translation>
    </message>
    <message>
        <source>Contacts JSON: an array of {c, role, name, email?, phone?, addr?} with role authority, chair or wgm (c is KP for the last two), or &apos;demo&apos; for the demo desk&apos;s contacts.</source>
        <translation>JSON de contactos: uma lista de {c, role, name, email?, phone?, addr?} com role authority, chair ou wgm (c é KP para os dois últimos), ou &apos;demo&apos; para os contactos do posto de demonstração.</translation>
    </message>
    <message>
        <source>The .kpsync file to write.</source>
        <translation>O ficheiro .kpsync a escrever.</translation>
    </message>
    <message>
        <source>Publish a full or delta bundle signed with the home authority&apos;s bundle key.</source>
        <translation>Publicar um pacote completo ou delta assinado com a chave de pacotes da autoridade de origem.</translation>
    </message>
    <message>
        <source>--seq N (&gt;= 1), --base below it, --fresh-days and --out are needed.</source>
        <translation>São necessários --seq N (&gt;= 1), --base inferior a este, --fresh-days e --out.</translation>
    </message>
    <message>
        <source>each participant needs c, st and a &apos;from&apos; date.</source>
        <translation>cada participante precisa de c, st e uma data &apos;from&apos;.</translation>
    </message>
    <message>
        <source>There is no message ledger at %1.</source>
        <translation>Não há diário de mensagens em %1.</translation>
    </message>
    <message>
        <source>each contact needs c, name and a role: authority (c a participant), chair or wgm (c is KP).</source>
        <translation>cada contacto precisa de c, name e um role: authority (c é um participante), chair ou wgm (c é KP).</translation>
    </message>
    <message>
        <source>Wrote %1 bundle seq %2 to %3.</source>
        <translation>Pacote %1 n.º %2 escrito em %3.</translation>
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
        <translation>A pasta da PKI da autoridade de origem (a sua chave de pacotes assina o índice).</translation>
    </message>
    <message>
        <source>The folder to publish: serve it over HTTP(S) or copy it to a USB stick.</source>
        <translation>A pasta a publicar: sirva-a por HTTP(S) ou copie-a para uma pen USB.</translation>
    </message>
    <message>
        <source>Keep deltas reaching the last N sequence numbers in the index (default 30).</source>
        <translation>Manter no índice os deltas que cobrem os últimos N números de sequência (predefinição 30).</translation>
    </message>
    <message>
        <source>Bundles (.kpsync) to add: full snapshots and deltas.</source>
        <translation>Pacotes (.kpsync) a adicionar: instantâneos completos e deltas.</translation>
    </message>
    <message>
        <source>Add bundles to a publication folder and write its signed index (kp-sync.md, &apos;On a web server&apos;).</source>
        <translation>Adicionar pacotes a uma pasta de publicação e escrever o seu índice assinado (kp-sync.md, &apos;On a web server&apos;).</translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation>--out PASTA é obrigatório.</translation>
    </message>
    <message>
        <source>--keep-deltas needs a number.</source>
        <translation>--keep-deltas precisa de um número.</translation>
    </message>
    <message numerus="yes">
        <source>Published seq %1 in %2: full snapshot seq %3 and %Ln delta(s).</source>
        <translation>
            <numerusform>Publicado n.º %1 em %2: instantâneo completo n.º %3 e %Ln delta.</numerusform>
            <numerusform>Publicado n.º %1 em %2: instantâneo completo n.º %3 e %Ln deltas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]</source>
        <translation>Uso: kpdesk-cli authority SUBCOMANDO [OPÇÕES]</translation>
    </message>
    <message>
        <source>Subcommands:</source>
        <translation>Subcomandos:</translation>
    </message>
    <message>
        <source>create a demo PKI (bundle key, authority CAs, document signers)</source>
        <translation>criar uma PKI de demonstração (chave de pacotes, AC de autoridade, signatários de documentos)</translation>
    </message>
    <message>
        <source>sign a certificate record from JSON</source>
        <translation>assinar um registo de certificado a partir de JSON</translation>
    </message>
    <message>
        <source>print a signed record or a number as a barcode image</source>
        <translation>imprimir um registo assinado ou um número como imagem de código de barras</translation>
    </message>
    <message>
        <source>make a full or delta .kpsync bundle</source>
        <translation>criar um pacote .kpsync completo ou delta</translation>
    </message>
    <message>
        <source>add bundles to a folder for a web server or USB stick, with its signed index</source>
        <translation>adicionar pacotes a uma pasta para um servidor web ou pen USB, com o seu índice assinado</translation>
    </message>
    <message>
        <source>issue a desk certificate for a desk&apos;s request</source>
        <translation>emitir um certificado de posto para o pedido de um posto</translation>
    </message>
    <message>
        <source>list the desks enrolled and revoked</source>
        <translation>listar os postos inscritos e revogados</translation>
    </message>
    <message>
        <source>revoke a desk&apos;s certificate</source>
        <translation>revogar o certificado de um posto</translation>
    </message>
    <message>
        <source>take the desks&apos; messages from an intake folder into the ledger</source>
        <translation>levar as mensagens dos postos de uma pasta de receção para o diário</translation>
    </message>
    <message>
        <source>list the reasonable doubts the desks reported</source>
        <translation>listar as dúvidas razoáveis comunicadas pelos postos</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli authority SUBCOMMAND --help&apos; for its options.</source>
        <translation>Execute &apos;kpdesk-cli authority SUBCOMANDO --help&apos; para ver as suas opções.</translation>
    </message>
    <message>
        <source>kpdesk-cli authority: unknown subcommand &apos;%1&apos;.</source>
        <translation>kpdesk-cli authority: subcomando &apos;%1&apos; desconhecido.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ajuda.</translation>
    </message>
    <message>
        <source>kpdesk-cli %1: %2</source>
        <translation>kpdesk-cli %1: %2</translation>
    </message>
    <message>
        <source>Try &apos;kpdesk-cli %1 --help&apos;.</source>
        <translation>Experimente &apos;kpdesk-cli %1 --help&apos;.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache file (default: %1).</source>
        <translation>O ficheiro de cache do posto (predefinição: %1).</translation>
    </message>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>A pista de auditoria do posto não pôde ser escrita: %1</translation>
    </message>
    <message>
        <source>Where to make the demo desk (default: %1).</source>
        <translation>Onde criar o posto de demonstração (predefinição: %1).</translation>
    </message>
    <message>
        <source>Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the verdict for each demo certificate.</source>
        <translation>Criar um posto de DEMONSTRAÇÃO (PKI, certificados, imagens de códigos de barras, pacotes, cache) e mostrar o veredicto de cada certificado de demonstração.</translation>
    </message>
    <message>
        <source>=== KP Desk DEMO: demo data, not real certificates ===</source>
        <translation>=== KP Desk DEMO: dados de demonstração, não são certificados reais ===</translation>
    </message>
    <message>
        <source>Making a demo desk of the EU in %1 ...</source>
        <translation>A criar um posto de demonstração da UE em %1 ...</translation>
    </message>
    <message>
        <source>demo: %1</source>
        <translation>demo: %1</translation>
    </message>
    <message>
        <source>Desk cache %1, bundles applied: %2</source>
        <translation>Cache do posto %1, pacotes aplicados: %2</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>não lido</translation>
    </message>
    <message>
        <source>all checks passed (%1)</source>
        <translation>todas as verificações aprovadas (%1)</translation>
    </message>
    <message>
        <source>Try one yourself:</source>
        <translation>Experimente você mesmo:</translation>
    </message>
    <message numerus="yes">
        <source>demo: %Ln certificate(s) did not get the expected verdict.</source>
        <translation>
            <numerusform>demo: %Ln certificado não obteve o veredicto esperado.</numerusform>
            <numerusform>demo: %Ln certificados não obtiveram o veredicto esperado.</numerusform>
        </translation>
    </message>
    <message>
        <source>The participant this desk works for (e.g. EU, CA, NA).</source>
        <translation>O participante para o qual este posto trabalha (p. ex. EU, CA, NA).</translation>
    </message>
    <message>
        <source>The home authority&apos;s bundle signer certificate (PEM). Repeat for key rollover.</source>
        <translation>O certificado do signatário de pacotes da autoridade de origem (PEM). Repita para a renovação de chave.</translation>
    </message>
    <message>
        <source>CERT.pem</source>
        <translation>CERT.pem</translation>
    </message>
    <message>
        <source>A sync source (URL or folder) to use by default. Repeatable.</source>
        <translation>Uma fonte de sincronização (URL ou pasta) a usar por predefinição. Repetível.</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>FONTE</translation>
    </message>
    <message>
        <source>init: --participant needs a two-letter participant code (e.g. EU, NA).</source>
        <translation>init: --participant precisa de um código de participante de duas letras (p. ex. EU, NA).</translation>
    </message>
    <message>
        <source>init: at least one --bundle-key CERT.pem is needed.</source>
        <translation>init: é necessário pelo menos um --bundle-key CERT.pem.</translation>
    </message>
    <message>
        <source>init: %1 holds no X.509 certificate: %2</source>
        <translation>init: %1 não contém nenhum certificado X.509: %2</translation>
    </message>
    <message>
        <source>init: %1</source>
        <translation>init: %1</translation>
    </message>
    <message>
        <source>init: %1 is already a desk of %2; use another file.</source>
        <translation>init: %1 já é um posto de %2; use outro ficheiro.</translation>
    </message>
    <message numerus="yes">
        <source>Desk of %1 ready in %2, with %Ln pinned bundle key(s).</source>
        <translation>
            <numerusform>Posto de %1 pronto em %2, com %Ln chave de pacotes fixada.</numerusform>
            <numerusform>Posto de %1 pronto em %2, com %Ln chaves de pacotes fixadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation>Imprimir um único objeto JSON.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s participant, data sequence, freshness and record counts.</source>
        <translation>Mostrar o participante do posto, a sequência dos dados, a atualidade e o número de registos.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged and cannot be trusted: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>Os dados do posto estão danificados e não são fiáveis: execute &apos;kpdesk-cli repair --db %1&apos; e depois sincronize.</translation>
    </message>
    <message>
        <source>(could not be read)</source>
        <translation>(ilegível)</translation>
    </message>
    <message>
        <source>KP Desk cache %1</source>
        <translation>Cache do KP Desk %1</translation>
    </message>
    <message>
        <source>DAMAGED: %1</source>
        <translation>DANIFICADA: %1</translation>
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
        <translation>válido até</translation>
    </message>
    <message>
        <source>  STALE: sync now</source>
        <translation>  DESATUALIZADO: sincronize agora</translation>
    </message>
    <message>
        <source>last sync</source>
        <translation>última sincronização</translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation>última tentativa</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>fontes</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>contagens</translation>
    </message>
    <message>
        <source>A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the authority&apos;s http(s) base URL. Default: the desk&apos;s configured sources.</source>
        <translation>Um ficheiro de pacote .kpsync, uma pasta com índice de sincronização (p. ex. uma pen USB) ou o URL base http(s) da autoridade. Predefinição: as fontes configuradas do posto.</translation>
    </message>
    <message>
        <source>HTTP proxy as host:port, or &apos;none&apos;. Default: the system&apos;s proxy settings.</source>
        <translation>Proxy HTTP como anfitrião:porta, ou &apos;none&apos;. Predefinição: as definições de proxy do sistema.</translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation>PROXY</translation>
    </message>
    <message>
        <source>A CA certificate (PEM) to trust for the server, besides the system&apos;s.</source>
        <translation>Um certificado de AC (PEM) em que confiar para o servidor, além dos do sistema.</translation>
    </message>
    <message>
        <source>Seconds without data before a try is given up (default 30).</source>
        <translation>Segundos sem dados antes de desistir de uma tentativa (predefinição 30).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEGUNDOS</translation>
    </message>
    <message>
        <source>Further tries after a network failure (default 3).</source>
        <translation>Novas tentativas após uma falha de rede (predefinição 3).</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date from its home authority. Each bundle is applied whole or not at all.</source>
        <translation>Atualizar os dados do posto a partir da sua autoridade de origem. Cada pacote é aplicado por inteiro ou não é aplicado.</translation>
    </message>
    <message>
        <source>sync: name at most one SOURCE.</source>
        <translation>sync: indique no máximo uma FONTE.</translation>
    </message>
    <message>
        <source>sync: %1</source>
        <translation>sync: %1</translation>
    </message>
    <message>
        <source>sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).</source>
        <translation>sync: nenhuma FONTE indicada nem configurada (kpdesk-cli sources --db FICHEIRO --set FONTE).</translation>
    </message>
    <message>
        <source>sync: --timeout needs a number of seconds.</source>
        <translation>sync: --timeout precisa de um número de segundos.</translation>
    </message>
    <message>
        <source>sync: --retries needs a number.</source>
        <translation>sync: --retries precisa de um número.</translation>
    </message>
    <message>
        <source>sync: %1: %2</source>
        <translation>sync: %1: %2</translation>
    </message>
    <message>
        <source>Already current at seq %1 (%2); nothing changed.</source>
        <translation>Já atualizado no n.º %1 (%2); nada foi alterado.</translation>
    </message>
    <message>
        <source>Applied %1 bundle seq %2 (%3).</source>
        <translation>Aplicado o pacote %1 n.º %2 (%3).</translation>
    </message>
    <message>
        <source>delta from %1</source>
        <translation>delta a partir de %1</translation>
    </message>
    <message>
        <source>The desk is at seq %1.</source>
        <translation>O posto está no n.º %1.</translation>
    </message>
    <message>
        <source>Replace the desk&apos;s sync sources with these (URL or folder), tried in order. Repeatable.</source>
        <translation>Substituir as fontes de sincronização do posto por estas (URL ou pasta), tentadas por ordem. Repetível.</translation>
    </message>
    <message>
        <source>Remove every configured source.</source>
        <translation>Remover todas as fontes configuradas.</translation>
    </message>
    <message>
        <source>Show or set where &apos;sync&apos; takes bundles from when no SOURCE is given.</source>
        <translation>Mostrar ou definir de onde &apos;sync&apos; obtém os pacotes quando não é indicada nenhuma FONTE.</translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation>fontes: %1</translation>
    </message>
    <message>
        <source>Participant: %1</source>
        <translation>Participante: %1</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>Não inscrito.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>Não inscrito: o posto %1 aguarda o seu certificado.</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>Posto: %1</translation>
    </message>
    <message>
        <source>Certificate: C=%1, CN=%2</source>
        <translation>Certificado: C=%1, CN=%2</translation>
    </message>
    <message>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>Válido: de %1 a %2 (UTC)</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id: participant, post and desk (e.g. EU-ANR-03).</source>
        <translation>O id do posto: participante, estância e posto (p. ex. EU-ANR-03).</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Where to write the certificate request for the authority.</source>
        <translation>Onde escrever o pedido de certificado para a autoridade.</translation>
    </message>
    <message>
        <source>FILE.pem</source>
        <translation>FICHEIRO.pem</translation>
    </message>
    <message>
        <source>Enrol an enrolled desk again: a new key replaces the old one.</source>
        <translation>Inscrever de novo um posto já inscrito: uma nova chave substitui a antiga.</translation>
    </message>
    <message>
        <source>Install the desk certificate the authority issued.</source>
        <translation>Instalar o certificado de posto emitido pela autoridade.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s enrolment.</source>
        <translation>Mostrar a inscrição do posto.</translation>
    </message>
    <message>
        <source>With --status: print one JSON object.</source>
        <translation>Com --status: imprimir um único objeto JSON.</translation>
    </message>
    <message>
        <source>Make the desk&apos;s key and a certificate request for its home authority, install the certificate it issues, or show the enrolment. The private key stays in a file beside the desk&apos;s database, readable by this user only.</source>
        <translation>Criar a chave do posto e um pedido de certificado para a sua autoridade de origem, instalar o certificado que esta emite ou mostrar a inscrição. A chave privada fica num ficheiro junto à base de dados do posto, legível só por este utilizador.</translation>
    </message>
    <message>
        <source>give --desk-id ID with --csr-out FILE.pem, or --install CERT.pem, or --status.</source>
        <translation>indique --desk-id ID com --csr-out FICHEIRO.pem, ou --install CERT.pem, ou --status.</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority (&apos;kpdesk-cli authority enrol&apos;), then install the certificate with --install.</source>
        <translation>Pedido de certificado do posto %1 escrito em %2: entregue-o à autoridade de origem (&apos;kpdesk-cli authority enrol&apos;) e depois instale o certificado com --install.</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Instalado o certificado do posto %1, válido até %2 (UTC).</translation>
    </message>
    <message>
        <source>The desk&apos;s certificate request.</source>
        <translation>O pedido de certificado do posto.</translation>
    </message>
    <message>
        <source>Where to write the desk certificate.</source>
        <translation>Onde escrever o certificado de posto.</translation>
    </message>
    <message>
        <source>Days the certificate is valid (default 730).</source>
        <translation>Dias de validade do certificado (predefinição 730).</translation>
    </message>
    <message>
        <source>Issue a desk certificate with the home participant&apos;s authority CA, and add the desk to the authority&apos;s list.</source>
        <translation>Emitir um certificado de posto com a AC da autoridade do participante de origem e adicionar o posto à lista da autoridade.</translation>
    </message>
    <message>
        <source>--csr FILE.pem and --out CERT.pem are required; --days needs a number.</source>
        <translation>--csr FICHEIRO.pem e --out CERT.pem são obrigatórios; --days precisa de um número.</translation>
    </message>
    <message>
        <source>Enrolled desk %1 until %2 (UTC); its certificate is in %3.</source>
        <translation>Posto %1 inscrito até %2 (UTC); o seu certificado está em %3.</translation>
    </message>
    <message>
        <source>List the desks the authority enrolled and revoked.</source>
        <translation>Listar os postos inscritos e revogados pela autoridade.</translation>
    </message>
    <message>
        <source>No desk enrolled yet.</source>
        <translation>Ainda nenhum posto inscrito.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>revogado em %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>até %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id (e.g. EU-ANR-03).</source>
        <translation>O id do posto (p. ex. EU-ANR-03).</translation>
    </message>
    <message>
        <source>Revoke every certificate of a desk in the authority&apos;s list.</source>
        <translation>Revogar todos os certificados de um posto na lista da autoridade.</translation>
    </message>
    <message>
        <source>--desk ID is required.</source>
        <translation>--desk ID é obrigatório.</translation>
    </message>
    <message>
        <source>Revoked desk %1.</source>
        <translation>Posto %1 revogado.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a CA certificate.</source>
        <translation>%1 não é um certificado de AC.</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, message %3 never arrived</source>
        <translation>lacuna: o posto %1 enviou n=%2, a mensagem %3 nunca chegou</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, messages %3 to %4 never arrived</source>
        <translation>lacuna: o posto %1 enviou n=%2, as mensagens %3 a %4 nunca chegaram</translation>
    </message>
    <message>
        <source>repeat: desk %1 sent n=%2 again as another message (%3; first %4)</source>
        <translation>repetição: o posto %1 enviou de novo n=%2 noutra mensagem (%3; a primeira %4)</translation>
    </message>
    <message>
        <source>audit trail rewritten? desk %1, message %2 gives another hash for an audit entry than message %3</source>
        <translation>pista de auditoria reescrita? posto %1: a mensagem %2 dá para uma entrada de auditoria outro hash que a mensagem %3</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>aceite</translation>
    </message>
    <message>
        <source>skipped (already taken)</source>
        <translation>ignorada (já aceite)</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>recusada</translation>
    </message>
    <message>
        <source>--ledger FILE is required.</source>
        <translation>--ledger FICHEIRO é obrigatório.</translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger (created on first use).</source>
        <translation>O diário de mensagens da autoridade (criado na primeira utilização).</translation>
    </message>
    <message>
        <source>Print the outcome as JSON.</source>
        <translation>Imprimir o resultado em JSON.</translation>
    </message>
    <message>
        <source>The folder the desks&apos; messages arrive in.</source>
        <translation>A pasta onde chegam as mensagens dos postos.</translation>
    </message>
    <message>
        <source>Take the desks&apos; messages (*.kpmsg) from an intake folder into the ledger; refused ones go to INTAKE_DIR/refused/ with their reason.</source>
        <translation>Levar as mensagens dos postos (*.kpmsg) de uma pasta de receção para o diário; as recusadas vão para INTAKE_DIR/refused/ com o motivo.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) taken</source>
        <translation>
            <numerusform>%Ln mensagem aceite</numerusform>
            <numerusform>%Ln mensagens aceites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln ignorada</numerusform>
            <numerusform>%Ln ignoradas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln recusada</numerusform>
            <numerusform>%Ln recusadas</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger.</source>
        <translation>O diário de mensagens da autoridade.</translation>
    </message>
    <message>
        <source>Print the cases as JSON.</source>
        <translation>Imprimir os processos em JSON.</translation>
    </message>
    <message>
        <source>List the reasonable doubts the desks reported, newest first.</source>
        <translation>Listar as dúvidas razoáveis comunicadas pelos postos, as mais recentes primeiro.</translation>
    </message>
    <message>
        <source>No doubts received.</source>
        <translation>Nenhuma dúvida recebida.</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 bytes)</translation>
    </message>
    <message>
        <source>desk %1</source>
        <translation>posto %1</translation>
    </message>
    <message>
        <source>case %1, message %2</source>
        <translation>processo %1, mensagem %2</translation>
    </message>
    <message>
        <source>decision: %1</source>
        <translation>decisão: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>para: %1</translation>
    </message>
    <message>
        <source>files: %1</source>
        <translation>ficheiros: %1</translation>
    </message>
    <message>
        <source>create a desk cache for a participant, pinning its bundle key</source>
        <translation>criar uma cache de posto para um participante, fixando a sua chave de pacotes</translation>
    </message>
    <message>
        <source>bring the desk up to date from a bundle file, folder or URL</source>
        <translation>atualizar o posto a partir de um ficheiro de pacote, pasta ou URL</translation>
    </message>
    <message>
        <source>show or set the desk&apos;s default sync sources</source>
        <translation>mostrar ou definir as fontes de sincronização predefinidas do posto</translation>
    </message>
    <message>
        <source>show the desk&apos;s participant, data and freshness</source>
        <translation>mostrar o participante, os dados e a atualidade do posto</translation>
    </message>
    <message>
        <source>rebuild a damaged desk cache, keeping the desk&apos;s own records</source>
        <translation>reconstruir uma cache de posto danificada, mantendo os registos próprios do posto</translation>
    </message>
    <message>
        <source>verify a certificate from a barcode image or text</source>
        <translation>verificar um certificado a partir de uma imagem ou texto de código de barras</translation>
    </message>
    <message>
        <source>list every barcode found in images</source>
        <translation>listar todos os códigos de barras encontrados em imagens</translation>
    </message>
    <message>
        <source>authority side: demo PKI, issue, render, publish bundles</source>
        <translation>lado da autoridade: PKI de demonstração, emissão, impressão, publicação de pacotes</translation>
    </message>
    <message>
        <source>enrol the desk with its home authority: key, request, certificate</source>
        <translation>inscrever o posto na sua autoridade de origem: chave, pedido, certificado</translation>
    </message>
    <message>
        <source>list the desk&apos;s messages to its authority, export them to a folder or send them</source>
        <translation>listar as mensagens do posto para a sua autoridade, exportá-las para uma pasta ou enviá-las</translation>
    </message>
    <message>
        <source>make a demo desk with demo certificates and show their verdicts</source>
        <translation>criar um posto de demonstração com certificados de demonstração e mostrar os seus veredictos</translation>
    </message>
    <message>
        <source>add, list, disable accounts and set their passwords</source>
        <translation>adicionar, listar, desativar contas e definir as suas senhas</translation>
    </message>
    <message>
        <source>verify, record the physical check and release a shipment</source>
        <translation>verificar, registar a verificação física e desalfandegar uma remessa</translation>
    </message>
    <message>
        <source>verify, record and flag reasonable doubt: opens a case</source>
        <translation>verificar, registar e sinalizar dúvida razoável: abre um processo</translation>
    </message>
    <message>
        <source>list the desk&apos;s cases with their state and events</source>
        <translation>listar os processos do posto com o seu estado e eventos</translation>
    </message>
    <message>
        <source>take, decide, note, close or reopen a case</source>
        <translation>assumir, decidir, anotar, encerrar ou reabrir um processo</translation>
    </message>
    <message>
        <source>write one case or one inspection as a PDF for the customs file</source>
        <translation>escrever um processo ou uma inspeção em PDF para o dossiê aduaneiro</translation>
    </message>
    <message>
        <source>find past inspections by number, dates, verdict, officer</source>
        <translation>procurar inspeções passadas por número, datas, veredicto, agente</translation>
    </message>
    <message>
        <source>verify or export the desk&apos;s audit trail</source>
        <translation>verificar ou exportar a pista de auditoria do posto</translation>
    </message>
    <message>
        <source>show or change the desk&apos;s settings</source>
        <translation>mostrar ou alterar as definições do posto</translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli COMMAND [OPTIONS]</source>
        <translation>Uso: kpdesk-cli COMANDO [OPÇÕES]</translation>
    </message>
    <message>
        <source>KP Desk: verify Kimberley Process certificates at an import desk.</source>
        <translation>KP Desk: verificar certificados do Processo de Kimberley num posto de importação.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Comandos:</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>Execute &apos;kpdesk-cli COMANDO --help&apos; para ver as opções de um comando.</translation>
    </message>
    <message>
        <source>Exit status of verify: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Código de saída de verify: 0 aceite, 1 dúvida, 2 recusado, 3 nada a verificar, 4 erro de uso ou de ambiente.</translation>
    </message>
    <message>
        <source>kpdesk-cli: unknown command &apos;%1&apos;.</source>
        <translation>kpdesk-cli: comando &apos;%1&apos; desconhecido.</translation>
    </message>
    <message>
        <source>delivered %1 to %2</source>
        <translation>entregue em %1 a %2</translation>
    </message>
    <message>
        <source>handed over %1 in %2</source>
        <translation>depositado em %1 em %2</translation>
    </message>
    <message numerus="yes">
        <source>waiting; %Ln attempt(s), last: %1</source>
        <translation>
            <numerusform>em espera; %Ln tentativa, a última: %1</numerusform>
            <numerusform>em espera; %Ln tentativas, a última: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>em espera</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) waiting.</source>
        <translation>
            <numerusform>%Ln mensagem em espera.</numerusform>
            <numerusform>%Ln mensagens em espera.</numerusform>
        </translation>
    </message>
    <message>
        <source>list: as JSON.</source>
        <translation>list: em JSON.</translation>
    </message>
    <message>
        <source>list (the default), export DIR, or send.</source>
        <translation>list (predefinição), export PASTA ou send.</translation>
    </message>
    <message>
        <source>The desk&apos;s messages to its home authority: list them, copy the waiting ones to a folder (export DIR), or PUT them to the intake (send).
Exit status: 0 done (send: every message delivered), 1 some stay waiting (the reasons are printed), 4 usage or environment error.</source>
        <translation>As mensagens do posto para a sua autoridade de origem: listá-las, copiar as que estão em espera para uma pasta (export PASTA) ou enviá-las por PUT para o endereço de receção (send).
Código de saída: 0 concluído (send: todas as mensagens entregues), 1 algumas continuam em espera (os motivos são impressos), 4 erro de uso ou de ambiente.</translation>
    </message>
    <message>
        <source>outbox: give list, export DIR, or send.</source>
        <translation>outbox: indique list, export PASTA ou send.</translation>
    </message>
    <message>
        <source>outbox %1: %2</source>
        <translation>outbox %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) copied to the folder.</source>
        <translation>
            <numerusform>%Ln mensagem copiada para a pasta.</numerusform>
            <numerusform>%Ln mensagens copiadas para a pasta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) delivered.</source>
        <translation>
            <numerusform>%Ln mensagem entregue.</numerusform>
            <numerusform>%Ln mensagens entregues.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still waiting.</source>
        <translation>
            <numerusform>%Ln ainda em espera.</numerusform>
            <numerusform>%Ln ainda em espera.</numerusform>
        </translation>
    </message>
    <message>
        <source>The case to print.</source>
        <translation>O processo a imprimir.</translation>
    </message>
    <message>
        <source>CASE_ID</source>
        <translation>CASE_ID</translation>
    </message>
    <message>
        <source>The inspection to print.</source>
        <translation>A inspeção a imprimir.</translation>
    </message>
    <message>
        <source>INSPECTION_ID</source>
        <translation>INSPECTION_ID</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>O ficheiro PDF a escrever.</translation>
    </message>
    <message>
        <source>Write one case (with its events, attachments and inspection) or one inspection as a PDF (A4).
Exit status: 0 written, 1 no such case or inspection, 4 usage or environment error (the desk cannot be read, the file cannot be written).</source>
        <translation>Escrever um processo (com os seus eventos, anexos e inspeção) ou uma inspeção em PDF (A4).
Código de saída: 0 escrito, 1 processo ou inspeção inexistente, 4 erro de uso ou de ambiente (o posto não pode ser lido, o ficheiro não pode ser escrito).</translation>
    </message>
    <message>
        <source>print: give one of --case CASE_ID or --inspection INSPECTION_ID, and --out FILE.pdf.</source>
        <translation>print: indique --case CASE_ID ou --inspection INSPECTION_ID, e --out FICHEIRO.pdf.</translation>
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
        <translation>As sinalizações guardadas antes de este posto ter processos não puderam ser integradas: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln flag(s) kept before this desk had cases are now cases.</source>
        <translation>
            <numerusform>%Ln sinalização guardada antes de este posto ter processos é agora um processo.</numerusform>
            <numerusform>%Ln sinalizações guardadas antes de este posto ter processos são agora processos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Senha de %1: </translation>
    </message>
    <message>
        <source>%1: no password on standard input.</source>
        <translation>%1: nenhuma senha na entrada padrão.</translation>
    </message>
    <message>
        <source>The barcode text or certificate number.</source>
        <translation>O texto do código de barras ou o número do certificado.</translation>
    </message>
    <message>
        <source>The certificate number.</source>
        <translation>O número do certificado.</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>An image of the certificate&apos;s barcode.</source>
        <translation>Uma imagem do código de barras do certificado.</translation>
    </message>
    <message>
        <source>%1: give one of --text TEXT, --number NO or one IMAGE.</source>
        <translation>%1: indique --text TEXTO, --number N.º ou uma IMAGEM.</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>%1: nothing to verify (empty text).</source>
        <translation>%1: nada a verificar (texto vazio).</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>O nome da conta.</translation>
    </message>
    <message>
        <source>officer, supervisor or administrator.</source>
        <translation>officer, supervisor ou administrator.</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>PAPEL</translation>
    </message>
    <message>
        <source>add, list, disable or passwd.</source>
        <translation>add, list, disable ou passwd.</translation>
    </message>
    <message>
        <source>users: give one of add, list, disable, passwd.</source>
        <translation>users: indique add, list, disable ou passwd.</translation>
    </message>
    <message>
        <source>users %1: --name NAME is needed.</source>
        <translation>users %1: é necessário --name NOME.</translation>
    </message>
    <message>
        <source>users disable: %1</source>
        <translation>users disable: %1</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>Conta %1 desativada.</translation>
    </message>
    <message>
        <source>users add: --role is officer, supervisor or administrator.</source>
        <translation>users add: --role é officer, supervisor ou administrator.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Nova senha de %1: </translation>
    </message>
    <message>
        <source>users %1: no password on standard input.</source>
        <translation>users %1: nenhuma senha na entrada padrão.</translation>
    </message>
    <message>
        <source>users add: %1</source>
        <translation>users add: %1</translation>
    </message>
    <message>
        <source>Account %1 (%2) added: %3</source>
        <translation>Conta %1 (%2) adicionada: %3</translation>
    </message>
    <message>
        <source>users passwd: %1</source>
        <translation>users passwd: %1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Senha de %1 alterada.</translation>
    </message>
    <message>
        <source>%1: --user NAME is needed.</source>
        <translation>%1: é necessário --user NOME.</translation>
    </message>
    <message>
        <source>Inspection %1: %2 %3</source>
        <translation>Inspeção %1: %2 %3</translation>
    </message>
    <message>
        <source>Who signs in (password on standard input).</source>
        <translation>Quem inicia sessão (senha na entrada padrão).</translation>
    </message>
    <message>
        <source>Parcels counted.</source>
        <translation>Volumes contados.</translation>
    </message>
    <message>
        <source>Mass weighed, in carats.</source>
        <translation>Massa pesada, em quilates.</translation>
    </message>
    <message>
        <source>CARATS</source>
        <translation>QUILATES</translation>
    </message>
    <message>
        <source>The seals are intact.</source>
        <translation>Os selos estão intactos.</translation>
    </message>
    <message>
        <source>The importer matches the declaration.</source>
        <translation>O importador confere com a declaração.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and its physical check, and release the shipment when the role and the verdict allow it.
Exit status: 0 released, 1 not released (the reason is printed and recorded), 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Verificar um certificado, registar a inspeção e a verificação física, e desalfandegar a remessa quando o papel e o veredicto o permitirem.
Código de saída: 0 desalfandegada, 1 não desalfandegada (o motivo é impresso e registado), 3 nada a verificar, 4 erro de uso ou de ambiente.</translation>
    </message>
    <message>
        <source>release: --parcels N and --mass CARATS are needed.</source>
        <translation>release: são necessários --parcels N e --mass QUILATES.</translation>
    </message>
    <message>
        <source>release: %1</source>
        <translation>release: %1</translation>
    </message>
    <message>
        <source>release: not released: %1</source>
        <translation>release: não desalfandegada: %1</translation>
    </message>
    <message>
        <source>RELEASED: %1 by %2</source>
        <translation>DESALFANDEGADA: %1 por %2</translation>
    </message>
    <message>
        <source>release: no import confirmation was made: %1</source>
        <translation>release: não foi criada nenhuma confirmação de importação: %1</translation>
    </message>
    <message>
        <source>Import confirmation waiting in the outbox (kpdesk-cli outbox send).</source>
        <translation>Confirmação de importação em espera na caixa de saída (kpdesk-cli outbox send).</translation>
    </message>
    <message>
        <source>A reason for doubt (repeatable).</source>
        <translation>Um motivo de dúvida (repetível).</translation>
    </message>
    <message>
        <source>A note.</source>
        <translation>Uma nota.</translation>
    </message>
    <message>
        <source>A file to attach (repeatable).</source>
        <translation>Um ficheiro a anexar (repetível).</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>A remessa está retida.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and flag reasonable doubt: opens a case and prints its id.</source>
        <translation>Verificar um certificado, registar a inspeção e sinalizar dúvida razoável: abre um processo e imprime o seu id.</translation>
    </message>
    <message>
        <source>flag: --reason TEXT is needed.</source>
        <translation>flag: é necessário --reason TEXTO.</translation>
    </message>
    <message>
        <source>flag: %1</source>
        <translation>flag: %1</translation>
    </message>
    <message>
        <source>Only cases in this state.</source>
        <translation>Só processos neste estado.</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ESTADO</translation>
    </message>
    <message>
        <source>List the desk&apos;s cases, held shipments first then oldest, with their events.</source>
        <translation>Listar os processos do posto, primeiro as remessas retidas e depois os mais antigos, com os seus eventos.</translation>
    </message>
    <message>
        <source>cases: --state is open, in_review, decided, escalated or closed.</source>
        <translation>cases: --state é open, in_review, decided, escalated ou closed.</translation>
    </message>
    <message>
        <source>HELD</source>
        <translation>RETIDA</translation>
    </message>
    <message>
        <source>case escalate: the PDF of the case could not be made: %1</source>
        <translation>case escalate: não foi possível criar o PDF do processo: %1</translation>
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
        <translation>a inspeção %1 do processo não está nos registos.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Hoje (%1): %2</translation>
    </message>
    <message>
        <source>The certificate number (case and spaces ignored).</source>
        <translation>O número do certificado (maiúsculas e espaços ignorados).</translation>
    </message>
    <message>
        <source>From this day on (local time).</source>
        <translation>A partir deste dia (hora local).</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Up to this day, included (local time).</source>
        <translation>Até este dia, inclusive (hora local).</translation>
    </message>
    <message>
        <source>The final verdict: accept, doubt or reject.</source>
        <translation>O veredicto final: accept, doubt ou reject.</translation>
    </message>
    <message>
        <source>VERDICT</source>
        <translation>VEREDICTO</translation>
    </message>
    <message>
        <source>Who inspected (case ignored).</source>
        <translation>Quem inspecionou (maiúsculas ignoradas).</translation>
    </message>
    <message>
        <source>The certificate&apos;s participant (two letters).</source>
        <translation>O participante do certificado (duas letras).</translation>
    </message>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>At most N inspections (default 500).</source>
        <translation>No máximo N inspeções (predefinição 500).</translation>
    </message>
    <message>
        <source>Find the desk&apos;s past inspections, newest first. When more than the limit match, says so: narrow the search.
Exit status: 0 searched (even when none matched), 4 usage error or the records could not be read.</source>
        <translation>Procurar as inspeções passadas do posto, as mais recentes primeiro. Se houver mais resultados do que o limite, avisa: restrinja a pesquisa.
Código de saída: 0 pesquisa feita (mesmo sem resultados), 4 erro de uso ou registos ilegíveis.</translation>
    </message>
    <message>
        <source>inspections: --%1 needs a date as YYYY-MM-DD.</source>
        <translation>inspections: --%1 precisa de uma data AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>inspections: --from is after --to.</source>
        <translation>inspections: --from é posterior a --to.</translation>
    </message>
    <message>
        <source>inspections: --verdict is accept, doubt or reject.</source>
        <translation>inspections: --verdict é accept, doubt ou reject.</translation>
    </message>
    <message>
        <source>inspections: --participant needs a two-letter code (e.g. BW).</source>
        <translation>inspections: --participant precisa de um código de duas letras (p. ex. BW).</translation>
    </message>
    <message>
        <source>inspections: --limit needs a number of at least 1.</source>
        <translation>inspections: --limit precisa de um número igual ou superior a 1.</translation>
    </message>
    <message>
        <source>inspections: %1</source>
        <translation>inspections: %1</translation>
    </message>
    <message>
        <source>CASE</source>
        <translation>PROCESSO</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Mais de %Ln inspeção encontrada: restrinja a pesquisa.</numerusform>
            <numerusform>Mais de %Ln inspeções encontradas: restrinja a pesquisa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>%Ln inspeção encontrada.</numerusform>
            <numerusform>%Ln inspeções encontradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>decide: released, detained, seized or refused.</source>
        <translation>decide: released, detained, seized ou refused.</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>RESULTADO</translation>
    </message>
    <message>
        <source>The reason (decide, close, reopen).</source>
        <translation>O motivo (decide, close, reopen).</translation>
    </message>
    <message>
        <source>The note&apos;s text.</source>
        <translation>O texto da nota.</translation>
    </message>
    <message>
        <source>note: a file to attach as evidence (repeatable).</source>
        <translation>note: um ficheiro a anexar como prova (repetível).</translation>
    </message>
    <message>
        <source>escalate: an addressee, a participant&apos;s code, KP-CHAIR or KP-WGM (repeatable; default: the issuer&apos;s and this desk&apos;s authorities, the KP Chair and the WGM).</source>
        <translation>escalate: um destinatário, código de participante, KP-CHAIR ou KP-WGM (repetível; predefinição: as autoridades do emissor e deste posto, a Presidência do PK e o WGM).</translation>
    </message>
    <message>
        <source>TO</source>
        <translation>PARA</translation>
    </message>
    <message>
        <source>take, decide, note, escalate, close, reopen, or recheck (no --user: the inspection verified again against today&apos;s data, and what changed).</source>
        <translation>take, decide, note, escalate, close, reopen ou recheck (sem --user: a inspeção verificada de novo com os dados de hoje, e o que mudou).</translation>
    </message>
    <message>
        <source>The case&apos;s id.</source>
        <translation>O id do processo.</translation>
    </message>
    <message>
        <source>Work a case as a signed-in person.
Exit status: 0 done, 1 refused (role, four eyes, the case&apos;s state, sign-in), 4 usage or environment error.</source>
        <translation>Tratar um processo como pessoa com sessão iniciada.
Código de saída: 0 concluído, 1 recusado (papel, quatro olhos, estado do processo, início de sessão), 4 erro de uso ou de ambiente.</translation>
    </message>
    <message>
        <source>case: give --user NAME, one of take, decide, note, escalate, close, reopen, and the CASE_ID.</source>
        <translation>case: indique --user NOME, uma ação entre take, decide, note, escalate, close, reopen, e o CASE_ID.</translation>
    </message>
    <message>
        <source>case decide: --outcome is released, detained, seized or refused.</source>
        <translation>case decide: --outcome é released, detained, seized ou refused.</translation>
    </message>
    <message>
        <source>Escalated to %1; message %2 waiting in the outbox.</source>
        <translation>Encaminhado para %1; mensagem %2 em espera na caixa de saída.</translation>
    </message>
    <message>
        <source>case note: %1</source>
        <translation>case note: %1</translation>
    </message>
    <message>
        <source>case note: give --text TEXT or --attach FILE.</source>
        <translation>case note: indique --text TEXTO ou --attach FICHEIRO.</translation>
    </message>
    <message>
        <source>case %1: %2</source>
        <translation>case %1: %2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>Processo %1: %2</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export: o ficheiro a escrever.</translation>
    </message>
    <message>
        <source>verify or export.</source>
        <translation>verify ou export.</translation>
    </message>
    <message>
        <source>verify: recompute the audit trail&apos;s hash chain (exit 0 and &apos;entries N head HEX&apos;, or 1 naming the first entry that does not hold).
export: write the trail as a CBOR sequence (RFC 8742) of the entries as hashed.</source>
        <translation>verify: recalcular a cadeia de hashes da pista de auditoria (saída 0 e &apos;entries N head HEX&apos;, ou 1 indicando a primeira entrada que não é íntegra).
export: escrever a pista como sequência CBOR (RFC 8742) das entradas tal como foram calculadas.</translation>
    </message>
    <message>
        <source>audit: give &apos;verify&apos;, or &apos;export --out FILE&apos;.</source>
        <translation>audit: indique &apos;verify&apos; ou &apos;export --out FICHEIRO&apos;.</translation>
    </message>
    <message>
        <source>audit verify: %1</source>
        <translation>audit verify: %1</translation>
    </message>
    <message>
        <source>audit verify: the trail does not hold at entry %1: %2</source>
        <translation>audit verify: a pista não é íntegra na entrada %1: %2</translation>
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
        <translation>audit export: não é possível escrever %1.</translation>
    </message>
    <message>
        <source>on: a supervisor may decide a case they flagged (the decision says so).</source>
        <translation>on: um supervisor pode decidir um processo que sinalizou (a decisão indica-o).</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Lock an idle desk after N minutes.</source>
        <translation>Bloquear um posto inativo após N minutos.</translation>
    </message>
    <message>
        <source>What people call this desk.</source>
        <translation>O nome comum deste posto.</translation>
    </message>
    <message>
        <source>The home authority&apos;s intake base URL (https) for the outbox; &apos;&apos; for none.</source>
        <translation>O URL base (https) de receção da autoridade de origem para a caixa de saída; &apos;&apos; para nenhum.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A CA file (PEM) trusted for the intake server besides the system&apos;s.</source>
        <translation>Um ficheiro de AC (PEM) em que confiar para o servidor de receção, além dos do sistema.</translation>
    </message>
    <message>
        <source>HTTP proxy for the outbox as host:port, or &apos;none&apos;. Default: the system&apos;s.</source>
        <translation>Proxy HTTP para a caixa de saída como anfitrião:porta, ou &apos;none&apos;. Predefinição: o do sistema.</translation>
    </message>
    <message>
        <source>settings: --one-person-post is on or off.</source>
        <translation>settings: --one-person-post é on ou off.</translation>
    </message>
    <message>
        <source>settings: --idle-lock-minutes needs a number.</source>
        <translation>settings: --idle-lock-minutes precisa de um número.</translation>
    </message>
    <message>
        <source>settings: %1</source>
        <translation>settings: %1</translation>
    </message>
    <message>
        <source>Rebuild a damaged desk cache: keep every readable record of the desk itself (configuration, presentations, inspections, flags, attachments), drop the authorities&apos; data to be fetched again by the next sync, and keep the damaged file beside it. Close the window first.</source>
        <translation>Reconstruir uma cache de posto danificada: manter todos os registos legíveis do próprio posto (configuração, apresentações, inspeções, sinalizações, anexos), descartar os dados das autoridades, que a próxima sincronização obtém de novo, e guardar o ficheiro danificado ao lado. Feche primeiro a janela.</translation>
    </message>
    <message>
        <source>repair: there is no desk cache at %1.</source>
        <translation>repair: não há nenhuma cache do posto em %1.</translation>
    </message>
    <message>
        <source>repair: %1</source>
        <translation>repair: %1</translation>
    </message>
    <message>
        <source>Repaired the desk cache %1.</source>
        <translation>Cache do posto %1 reparada.</translation>
    </message>
    <message>
        <source>Kept (the desk&apos;s own records):</source>
        <translation>Mantido (registos próprios do posto):</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln linha</numerusform>
            <numerusform>%Ln linhas</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost (could not be read from the damaged file):</source>
        <translation>Perdido (ilegível no ficheiro danificado):</translation>
    </message>
    <message>
        <source>some rows (how many is unknown)</source>
        <translation>algumas linhas (número desconhecido)</translation>
    </message>
    <message>
        <source>Lost: nothing of the desk&apos;s own records.</source>
        <translation>Perdido: nada dos registos próprios do posto.</translation>
    </message>
    <message>
        <source>Dropped: the authorities&apos; data (participants, CAs, signers, registry, revocations, rules, contacts); the desk is at seq 0.</source>
        <translation>Descartado: os dados das autoridades (participantes, AC, signatários, registo central, revogações, regras, contactos); o posto está no n.º 0.</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>O ficheiro danificado foi guardado como %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again: kpdesk-cli sync --db %1</source>
        <translation>Sincronize agora para obter de novo os dados da autoridade: kpdesk-cli sync --db %1</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>APROVADO</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>ALERTA</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FALHA</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>ACCEPT: every check passed; release unless the physical check finds otherwise.</source>
        <translation>ACEITE: todas as verificações aprovadas; desalfandegar salvo se a verificação física indicar o contrário.</translation>
    </message>
    <message>
        <source>DOUBT: examine the shipment, then release or flag reasonable doubt.</source>
        <translation>DÚVIDA: examinar a remessa e depois desalfandegar ou sinalizar dúvida razoável.</translation>
    </message>
    <message>
        <source>REJECT: not authentic or not acceptable; hold the shipment.</source>
        <translation>RECUSADO: não autêntico ou não aceitável; reter a remessa.</translation>
    </message>
    <message>
        <source>Certificate %1 (%2), inspected for %3 on %4</source>
        <translation>Certificado %1 (%2), inspecionado para %3 em %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <source>  Issued by %1 (%2) on %3, expires %4</source>
        <translation>  Emitido por %1 (%2) em %3, expira em %4</translation>
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
        <translation>  Origem: %1; volumes: %2; quilates: %3; US$ %4</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>mista</translation>
    </message>
    <message>
        <source>Validation date (default: today).</source>
        <translation>Data de validação (predefinição: hoje).</translation>
    </message>
    <message>
        <source>Count this as a presentation at this desk.</source>
        <translation>Contar isto como uma apresentação neste posto.</translation>
    </message>
    <message>
        <source>Verify this barcode text or certificate number.</source>
        <translation>Verificar este texto de código de barras ou número de certificado.</translation>
    </message>
    <message>
        <source>verify: give either --text TEXT or one IMAGE.</source>
        <translation>verify: indique --text TEXTO ou uma IMAGEM.</translation>
    </message>
    <message>
        <source>verify: --at needs a date as YYYY-MM-DD.</source>
        <translation>verify: --at precisa de uma data AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>verify: %1 is not an initialised desk (run &apos;kpdesk-cli init&apos;).</source>
        <translation>verify: %1 não é um posto inicializado (execute &apos;kpdesk-cli init&apos;).</translation>
    </message>
    <message>
        <source>verify: %1: %2</source>
        <translation>verify: %1: %2</translation>
    </message>
    <message>
        <source>verify: nothing to verify (empty text).</source>
        <translation>verify: nada a verificar (texto vazio).</translation>
    </message>
    <message>
        <source>verify: the desk&apos;s data could not be read: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>verify: os dados do posto não puderam ser lidos: execute &apos;kpdesk-cli repair --db %1&apos; e depois sincronize.</translation>
    </message>
    <message>
        <source>verify: the presentation was not recorded: %1</source>
        <translation>verify: a apresentação não foi registada: %1</translation>
    </message>
    <message>
        <source>Image files (PNG, JPEG, TIFF, BMP).</source>
        <translation>Ficheiros de imagem (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>List every barcode found in each image: symbology and text, whatever it holds.</source>
        <translation>Listar todos os códigos de barras encontrados em cada imagem: simbologia e texto, seja qual for o conteúdo.</translation>
    </message>
    <message>
        <source>decode: name at least one IMAGE.</source>
        <translation>decode: indique pelo menos uma IMAGEM.</translation>
    </message>
    <message>
        <source>no barcode found</source>
        <translation>nenhum código de barras encontrado</translation>
    </message>
    <message>
        <source>Create a desk cache for a participant and pin its home authority&apos;s bundle keys.</source>
        <translation>Criar uma cache de posto para um participante e fixar as chaves de pacotes da sua autoridade de origem.</translation>
    </message>
    <message>
        <source>link the desk to its office&apos;s database and replicate with it</source>
        <translation>ligar o posto à base de dados da sua estância aduaneira e replicar com ela</translation>
    </message>
    <message>
        <source>create or migrate the office&apos;s database schema</source>
        <translation>criar ou migrar o esquema da base de dados da estância aduaneira</translation>
    </message>
    <message>
        <source>office: %1</source>
        <translation>office: %1</translation>
    </message>
    <message>
        <source>This desk replicates with %1.</source>
        <translation>Este posto replica com %1.</translation>
    </message>
    <message>
        <source>Its password is kept in %1, readable by this account only.</source>
        <translation>A sua senha está guardada em %1, legível apenas por esta conta.</translation>
    </message>
    <message>
        <source>No office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>Nenhuma estância aduaneira definida (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>Estância aduaneira: %1</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Ligado.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Sem ligação: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln registo aguarda envio.</numerusform>
            <numerusform>%Ln registos aguardam envio.</numerusform>
        </translation>
    </message>
    <message>
        <source>office --sync: %1</source>
        <translation>office --sync: %1</translation>
    </message>
    <message>
        <source>office --sync: no office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>office --sync: nenhuma estância aduaneira definida (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) went up;</source>
        <translation>
            <numerusform>%Ln registo enviado;</numerusform>
            <numerusform>%Ln registos enviados;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) of other desks</source>
        <translation>
            <numerusform>%Ln processo de outros postos</numerusform>
            <numerusform>%Ln processos de outros postos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln event(s) made elsewhere came down.</source>
        <translation>
            <numerusform>e %Ln evento criado noutro local foram recebidos.</numerusform>
            <numerusform>e %Ln eventos criados noutro local foram recebidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replicate with this office: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</source>
        <translation>Replicar com esta estância aduaneira: postgresql://UTILIZADOR[:SENHA]@SERVIDOR[:PORTA]/BASEDADOS[?sslmode=MODO].</translation>
    </message>
    <message>
        <source>Say whether the office answers and what waits.</source>
        <translation>Indicar se a estância aduaneira responde e o que está em espera.</translation>
    </message>
    <message>
        <source>Push and pull once; 0 only when the office holds everything this desk made.</source>
        <translation>Enviar e receber uma vez; 0 só quando a estância aduaneira tem tudo o que este posto criou.</translation>
    </message>
    <message>
        <source>With --sync: send everything this desk made again (an office restored from an older backup).</source>
        <translation>Com --sync: enviar de novo tudo o que este posto criou (estância aduaneira restaurada de uma cópia de segurança antiga).</translation>
    </message>
    <message>
        <source>Link the desk to its office&apos;s database, and replicate with it.</source>
        <translation>Ligar o posto à base de dados da sua estância aduaneira e replicar com ela.</translation>
    </message>
    <message>
        <source>office: give one of --set, --status or --sync.</source>
        <translation>office: indique uma de --set, --status ou --sync.</translation>
    </message>
    <message>
        <source>postgresql://OWNER@HOST[:PORT]/DATABASE</source>
        <translation>postgresql://PROPRIETÁRIO@SERVIDOR[:PORTA]/BASEDADOS</translation>
    </message>
    <message>
        <source>Create or migrate the office&apos;s schema (as the database&apos;s owner; the password from PGPASSWORD or ~/.pgpass rather than the URL).</source>
        <translation>Criar ou migrar o esquema da estância aduaneira (como proprietário da base de dados; a senha vem de PGPASSWORD ou ~/.pgpass e não do URL).</translation>
    </message>
    <message>
        <source>office-init: give the office&apos;s URL.</source>
        <translation>office-init: indique o URL da estância aduaneira.</translation>
    </message>
    <message>
        <source>office-init: %1</source>
        <translation>office-init: %1</translation>
    </message>
    <message>
        <source>The office %1 is at schema %2.</source>
        <translation>A estância aduaneira %1 está no esquema %2.</translation>
    </message>
    <message>
        <source>Verify a certificate and print the verdict with every check.
Exit status: 0 accept, 1 doubt, 2 reject, 3 nothing to verify (no barcode, not a certificate), 4 usage or environment error.</source>
        <translation>Verificar um certificado e mostrar o veredicto com todas as verificações.
Código de saída: 0 aceite, 1 dúvida, 2 recusado, 3 nada a verificar (sem código de barras, não é um certificado), 4 erro de uso ou de ambiente.</translation>
    </message>
    <message>
        <source>verify: %1</source>
        <translation>verify: %1</translation>
    </message>
    <message>
        <source>MISMATCH at entry %1: message %2 (n=%3) reported %4, the trail has %5 (rewritten)</source>
        <translation>DISCREPÂNCIA na entrada %1: a mensagem %2 (n=%3) indicou %4, a pista tem %5 (reescrita)</translation>
    </message>
    <message>
        <source>MISSING entry %1: message %2 (n=%3) reported %4, the trail ends at entry %5 (entries removed, or the trail went back)</source>
        <translation>FALTA a entrada %1: a mensagem %2 (n=%3) indicou %4, a pista termina na entrada %5 (entradas removidas, ou a pista recuou)</translation>
    </message>
    <message>
        <source>The desk whose trail it is (e.g. EU-ANR-03).</source>
        <translation>O posto a que a pista pertence (p. ex. EU-ANR-03).</translation>
    </message>
    <message>
        <source>The desk&apos;s trail, as written by &apos;kpdesk-cli audit export&apos;.</source>
        <translation>A pista do posto, tal como escrita por &apos;kpdesk-cli audit export&apos;.</translation>
    </message>
    <message>
        <source>Check a desk&apos;s exported audit trail against every head (entry count and hash) the ledger received from that desk.</source>
        <translation>Comparar a pista de auditoria exportada de um posto com todas as cabeças (número de entradas e hash) que o diário recebeu desse posto.</translation>
    </message>
    <message>
        <source>--ledger FILE, --desk ID and one TRAIL file are needed.</source>
        <translation>São necessários --ledger FICHEIRO, --desk ID e um ficheiro TRAIL.</translation>
    </message>
    <message>
        <source>%1 is not a message ledger file.</source>
        <translation>%1 não é um ficheiro de diário de mensagens.</translation>
    </message>
    <message>
        <source>The ledger holds no head from desk %1: there is nothing to check the trail against.</source>
        <translation>O diário não tem nenhuma cabeça do posto %1: não há nada com que comparar a pista.</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>não é um ficheiro</translation>
    </message>
    <message>
        <source>The trail itself does not hold: %1</source>
        <translation>A própria pista não é íntegra: %1</translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: the trail (%2 entries, head %3) holds every one of the %Ln head(s) received.</source>
        <translation>
            <numerusform>Posto %1: a pista (%2 entradas, cabeça %3) contém a %Ln cabeça recebida.</numerusform>
            <numerusform>Posto %1: a pista (%2 entradas, cabeça %3) contém todas as %Ln cabeças recebidas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: %2 of the %Ln head(s) received are not in the trail (%3 entries).</source>
        <translation>
            <numerusform>Posto %1: %2 de %Ln cabeça recebida não consta da pista (%3 entradas).</numerusform>
            <numerusform>Posto %1: %2 das %Ln cabeças recebidas não constam da pista (%3 entradas).</numerusform>
        </translation>
    </message>
    <message>
        <source>check a desk&apos;s exported audit trail against every head the ledger received</source>
        <translation>comparar a pista de auditoria exportada de um posto com todas as cabeças recebidas pelo diário</translation>
    </message>
    <message>
        <source>Seconds the whole sync from one source may take, however slowly data still comes, before it is given up (default 3600; 0: no limit).</source>
        <translation>Segundos que a sincronização completa a partir de uma fonte pode demorar, por mais lentamente que os dados continuem a chegar, antes de ser abandonada (predefinição 3600; 0: sem limite).</translation>
    </message>
    <message>
        <source>sync: --deadline needs a number of seconds.</source>
        <translation>sync: --deadline precisa de um número de segundos.</translation>
    </message>
    <message>
        <source>audit trail went back? desk %1, message %2 (n=%3) gives fewer audit entries than message %4, made before it (restored from a backup, or entries removed)</source>
        <translation>a pista de auditoria recuou? posto %1, a mensagem %2 (n=%3) indica menos entradas de auditoria do que a mensagem %4, criada antes dela (restaurada de uma cópia de segurança, ou entradas removidas)</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder (required): its list of enrolled and revoked desks is checked for every message (a desk it did not enrol, or revoked, is refused), and its home authority CA issues desk certificates.</source>
        <translation>A pasta da PKI da autoridade (obrigatória): a sua lista de postos inscritos e revogados é consultada para cada mensagem (um posto que ela não inscreveu, ou que revogou, é recusado), e a sua AC da autoridade de origem emite os certificados de posto.</translation>
    </message>
    <message>
        <source>Another authority CA certificate (PEM) that issues desk certificates, besides the PKI&apos;s (a CA rollover). Repeatable.</source>
        <translation>Outro certificado de AC da autoridade (PEM) que emite certificados de posto, além do da PKI (uma renovação da AC). Repetível.</translation>
    </message>
    <message>
        <source>More revoked desks, besides the PKI&apos;s list: one desk certificate SHA-256 (hex) or desk id per line.</source>
        <translation>Mais postos revogados, além da lista da PKI: um SHA-256 (hex) de certificado de posto ou um id de posto por linha.</translation>
    </message>
    <message>
        <source>--pki DIR is required: the authority&apos;s list of enrolled and revoked desks is checked for every message.</source>
        <translation>--pki PASTA é obrigatório: a lista de postos inscritos e revogados da autoridade é consultada para cada mensagem.</translation>
    </message>
    <message>
        <source>--pki DIR, --ledger FILE and one INTAKE_DIR are needed.</source>
        <translation>São necessários --pki PASTA, --ledger FICHEIRO e um INTAKE_DIR.</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 (issuers/%1/ca-cert.pem) and no --ca was given.</source>
        <translation>A PKI não tem nenhuma AC da autoridade do participante de origem %1 (issuers/%1/ca-cert.pem) e não foi indicado --ca.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside (not applied).</source>
        <translation>
            <numerusform>%Ln linha da estância aduaneira falhou as verificações e foi posta de parte (não aplicada).</numerusform>
            <numerusform>%Ln linhas da estância aduaneira falharam as verificações e foram postas de parte (não aplicadas).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail: another role wrote there.</source>
        <translation>
            <numerusform>ALARME: a estância aduaneira tem outras entradas em %Ln posição da pista deste posto: outro papel escreveu ali.</numerusform>
            <numerusform>ALARME: a estância aduaneira tem outras entradas em %Ln posições da pista deste posto: outro papel escreveu ali.</numerusform>
        </translation>
    </message>
    <message>
        <source>Manage the desk&apos;s accounts. add, disable and passwd sign in as the administrator --user ADMIN (or, for passwd, as the account&apos;s owner); passwords are read from standard input when it is not a terminal, one line each: the signing-in password first, then the new one. Only the desk&apos;s first account, an administrator, is added without --user. A password set by someone else must be changed by its owner (users passwd --user NAME --name NAME) before the account does anything else.</source>
        <translation>Gerir as contas do posto. add, disable e passwd iniciam sessão como o administrador --user ADMIN (ou, para passwd, como o titular da conta); as senhas são lidas da entrada padrão quando esta não é um terminal, uma por linha: primeiro a senha de início de sessão, depois a nova. Só a primeira conta do posto, um administrador, é adicionada sem --user. Uma senha definida por outra pessoa tem de ser alterada pelo seu titular (users passwd --user NOME --name NOME) antes de a conta fazer qualquer outra coisa.</translation>
    </message>
    <message>
        <source>users %1: --user ADMIN is needed (their password first on standard input).</source>
        <translation>users %1: é necessário --user ADMIN (a sua senha primeiro na entrada padrão).</translation>
    </message>
    <message>
        <source>users add: the desk&apos;s first account is an administrator; then that administrator adds the others with --user.</source>
        <translation>users add: a primeira conta do posto é um administrador; depois, esse administrador adiciona as outras com --user.</translation>
    </message>
    <message>
        <source>Show or change the desk&apos;s settings. A change is an administrator&apos;s: --user ADMIN signs in (password on standard input); it goes to the trail.</source>
        <translation>Mostrar ou alterar as definições do posto. Uma alteração cabe a um administrador: --user ADMIN inicia sessão (senha na entrada padrão); a alteração fica registada na pista.</translation>
    </message>
    <message>
        <source>settings: --user ADMIN is needed to change a setting (their password on standard input).</source>
        <translation>settings: é necessário --user ADMIN para alterar uma definição (a sua senha na entrada padrão).</translation>
    </message>
    <message>
        <source>When the damaged desk&apos;s last sync number cannot be read: the number of the authority&apos;s newest bundle, which the desk must reach again before it accepts anything (0: the desk was never synced).</source>
        <translation>Quando o último número de sincronização do posto danificado não pode ser lido: o número do pacote mais recente da autoridade, que o posto tem de voltar a atingir antes de aceitar o que quer que seja (0: o posto nunca foi sincronizado).</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NÚMERO</translation>
    </message>
    <message>
        <source>repair: --min-seq takes a bundle number (0 or more), not &apos;%1&apos;.</source>
        <translation>repair: --min-seq recebe um número de pacote (0 ou mais), não &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The administrator who makes the change (password on standard input); needed once the desk has accounts.</source>
        <translation>O administrador que faz a alteração (senha na entrada padrão); necessário quando o posto já tem contas.</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>ADMIN</translation>
    </message>
    <message>
        <source>%1: this desk has accounts: an administrator makes this change with --user ADMIN (their password on standard input).</source>
        <translation>%1: este posto tem contas: um administrador faz esta alteração com --user ADMIN (a sua senha na entrada padrão).</translation>
    </message>
    <message>
        <source>%1&apos;s password was set by someone else: they change it first (kpdesk-cli users passwd --user %1 --name %1).</source>
        <translation>A senha de %1 foi definida por outra pessoa: %1 tem de a alterar primeiro (kpdesk-cli users passwd --user %1 --name %1).</translation>
    </message>
    <message>
        <source>CORRECTED</source>
        <translation>CORRIGIDA</translation>
    </message>
    <message>
        <source>Include the list of desks (enrolled and revoked desk certificates) of the PKI: desks refuse office events a revoked desk signed.</source>
        <translation>Incluir a lista de postos da PKI (certificados de posto inscritos e revogados): os postos recusam os eventos do escritório assinados por um posto revogado.</translation>
    </message>
    <message>
        <source>The authority revoked this desk&apos;s certificate on %1: enrol the desk again.</source>
        <translation>A autoridade revogou o certificado deste posto em %1: inscreva o posto de novo.</translation>
    </message>
    <message>
        <source>%1: images are read by kpdesk-cli-full, not by this program.</source>
        <translation>%1: as imagens são lidas pelo kpdesk-cli-full, não por este programa.</translation>
    </message>
    <message>
        <source>kpdesk-cli: %1 could not be started: %2</source>
        <translation>kpdesk-cli: não foi possível iniciar %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::AboutDialog</name>
    <message>
        <source>Proprietary: all rights reserved by the KP Desk maintainers.</source>
        <translation>Software proprietário: todos os direitos reservados pelos responsáveis do KP Desk.</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>Licença: %1</translation>
    </message>
    <message>
        <source>About KP Desk</source>
        <translation>Acerca do KP Desk</translation>
    </message>
    <message>
        <source>KP Desk %1</source>
        <translation>KP Desk %1</translation>
    </message>
    <message>
        <source>DEMO desk: its certificates, keys and accounts are made up; no verdict here is about a real shipment.</source>
        <translation>Posto de DEMONSTRAÇÃO: os seus certificados, chaves e contas são fictícios; nenhum veredicto aqui diz respeito a uma remessa real.</translation>
    </message>
    <message>
        <source>Verifies Kimberley Process certificates at an import desk.</source>
        <translation>Verifica certificados do Processo de Kimberley num posto de importação.</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>Desenvolvido com:</translation>
    </message>
    <message>
        <source>Qt %1 (running %2), LGPL-3.0</source>
        <translation>Qt %1 (em execução: %2), LGPL-3.0</translation>
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
        <translation>&amp;De</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Pista de auditoria</translation>
    </message>
    <message>
        <source>&amp;Trail</source>
        <translation>&amp;Pista</translation>
    </message>
    <message>
        <source>&amp;Verify the trail</source>
        <translation>&amp;Verificar a pista</translation>
    </message>
    <message>
        <source>&amp;Export for an auditor...</source>
        <translation>&amp;Exportar para um auditor...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <source>From the day</source>
        <translation>Do dia</translation>
    </message>
    <message>
        <source>To the day</source>
        <translation>Até ao dia</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Número do certificado</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Processo</translation>
    </message>
    <message>
        <source>Trail entries</source>
        <translation>Entradas da pista</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>&amp;Quem:</translation>
    </message>
    <message>
        <source>Wh&amp;at:</source>
        <translation>&amp;O quê:</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>&amp;até</translation>
    </message>
    <message>
        <source>Ce&amp;rtificate:</source>
        <translation>Ce&amp;rtificado:</translation>
    </message>
    <message>
        <source>Ca&amp;se:</source>
        <translation>Proce&amp;sso:</translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation>Não foi possível ler a pista: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: the chain holds through its %Ln entry(ies).</source>
        <translation>
            <numerusform>Verificada: a cadeia está íntegra em %Ln entrada.</numerusform>
            <numerusform>Verificada: a cadeia está íntegra em todas as %Ln entradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>BROKEN: the trail does not hold at entry %1: %2. Entries from there on are not verified.</source>
        <translation>QUEBRADA: a pista não é íntegra na entrada %1: %2. As entradas a partir daí não estão verificadas.</translation>
    </message>
    <message numerus="yes">
        <source>Head: %1 (after %Ln entry(ies), all holding)</source>
        <translation>
            <numerusform>Cabeça: %1 (após %Ln entrada íntegra)</numerusform>
            <numerusform>Cabeça: %1 (após %Ln entradas íntegras)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last received by the home authority: the head after %Ln entry(ies), %1, on %2.</source>
        <translation>
            <numerusform>Última recebida pela autoridade de origem: a cabeça após %Ln entrada, %1, em %2.</numerusform>
            <numerusform>Última recebida pela autoridade de origem: a cabeça após %Ln entradas, %1, em %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The home authority has not received a head of this trail yet.</source>
        <translation>A autoridade de origem ainda não recebeu nenhuma cabeça desta pista.</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Qualquer pessoa</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>Qualquer coisa</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(ies) in the trail, %1 shown</source>
        <translation>
            <numerusform>%Ln entrada na pista, mostradas: %1</numerusform>
            <numerusform>%Ln entradas na pista, mostradas: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exportar a pista de auditoria</translation>
    </message>
    <message>
        <source>CBOR sequence (*.cbor)</source>
        <translation>Sequência CBOR (*.cbor)</translation>
    </message>
    <message>
        <source>The export could not be written: %1: %2</source>
        <translation>Não foi possível escrever a exportação: %1: %2</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Nada foi exportado: %1</translation>
    </message>
    <message>
        <source>The export could not be written to %1.</source>
        <translation>Não foi possível escrever a exportação em %1.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(ies) to %1; head %2.</source>
        <translation>
            <numerusform>%Ln entrada exportada para %1; cabeça %2.</numerusform>
            <numerusform>%Ln entradas exportadas para %1; cabeça %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CameraPanel</name>
    <message>
        <source>Start camera</source>
        <translation>Ligar a câmara</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Câmara</translation>
    </message>
    <message>
        <source>No camera is available.</source>
        <translation>Nenhuma câmara disponível.</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>Desligar a câmara</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseDialog</name>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Assumir</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;Decidir</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Adicionar &amp;nota</translation>
    </message>
    <message>
        <source>C&amp;lose the case</source>
        <translation>&amp;Encerrar o processo</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>&amp;Reabrir</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>&amp;Verificar de novo</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>&amp;Imprimir...</translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation>Guardar em PD&amp;F...</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Processo</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>required for a decision, a close, a reopening or a note</source>
        <translation>obrigatório para uma decisão, encerramento, reabertura ou nota</translation>
    </message>
    <message>
        <source>What changed since the inspection</source>
        <translation>O que mudou desde a inspeção</translation>
    </message>
    <message>
        <source>Verified again today</source>
        <translation>Verificado de novo hoje</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>Res&amp;ultado:</translation>
    </message>
    <message>
        <source>&amp;Reason or note:</source>
        <translation>&amp;Motivo ou nota:</translation>
    </message>
    <message>
        <source>&amp;Escalate...</source>
        <translation>Encamin&amp;har...</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>case-%1</source>
        <translation>processo-%1</translation>
    </message>
    <message>
        <source>Verifying again is not available here.</source>
        <translation>A nova verificação não está disponível aqui.</translation>
    </message>
    <message>
        <source>The inspection cannot be read: %1</source>
        <translation>A inspeção não pode ser lida: %1</translation>
    </message>
    <message>
        <source>There is no inspection to verify again.</source>
        <translation>Não há nenhuma inspeção para verificar de novo.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Hoje (%1): %2</translation>
    </message>
    <message>
        <source>The case cannot be read: %1</source>
        <translation>O processo não pode ser lido: %1</translation>
    </message>
    <message>
        <source>Case of certificate %1, flagged by %2 on %3.</source>
        <translation>Processo do certificado %1, sinalizado por %2 em %3.</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(sem número)</translation>
    </message>
    <message>
        <source>State: %1.</source>
        <translation>Estado: %1.</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>A remessa está retida.</translation>
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
        <translation>Processo de %1</translation>
    </message>
    <message>
        <source>shipment held</source>
        <translation>remessa retida</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Decisão: %1</translation>
    </message>
    <message>
        <source>one-person post: decided by who flagged it</source>
        <translation>estância com uma só pessoa: decidido por quem sinalizou</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Encaminhado</translation>
    </message>
    <message numerus="yes">
        <source>file %1 (%Ln byte(s))</source>
        <translation>
            <numerusform>ficheiro %1 (%Ln byte)</numerusform>
            <numerusform>ficheiro %1 (%Ln bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Não feito: %1</translation>
    </message>
    <message>
        <source>You have taken the case for review.</source>
        <translation>Assumiu a análise do processo.</translation>
    </message>
    <message>
        <source>Write the reason for the decision first.</source>
        <translation>Escreva primeiro o fundamento da decisão.</translation>
    </message>
    <message>
        <source>Decided: %1.</source>
        <translation>Decidido: %1.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Escreva primeiro a nota.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Nota adicionada.</translation>
    </message>
    <message>
        <source>Write why the case is closed first.</source>
        <translation>Escreva primeiro porque é que o processo é encerrado.</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>O processo está encerrado.</translation>
    </message>
    <message>
        <source>Write why the case is reopened first.</source>
        <translation>Escreva primeiro porque é que o processo é reaberto.</translation>
    </message>
    <message>
        <source>The case is reopened.</source>
        <translation>O processo foi reaberto.</translation>
    </message>
    <message>
        <source>Escalated to %1: the message waits in the outbox.</source>
        <translation>Encaminhado para %1: a mensagem aguarda na caixa de saída.</translation>
    </message>
    <message>
        <source>Opened at desk %1.</source>
        <translation>Aberto no posto %1.</translation>
    </message>
    <message>
        <source>one-person post: taken by who flagged it</source>
        <translation>estância com uma só pessoa: assumido por quem o sinalizou</translation>
    </message>
    <message>
        <source>The inspection cannot be read</source>
        <translation>A inspeção não pode ser lida</translation>
    </message>
    <message>
        <source>The inspection is not on this desk.</source>
        <translation>A inspeção não está neste posto.</translation>
    </message>
    <message>
        <source>The inspection was made at desk %1</source>
        <translation>A inspeção foi feita no posto %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>As the flagging desk signed it: verdict %1 (after the physical check %2), inspected by %3 on %4. %5</source>
        <translation>Tal como o posto que sinalizou o assinou: veredicto %1 (após a verificação física, %2), inspecionado por %3 em %4. %5</translation>
    </message>
    <message>
        <source>This desk holds the case&apos;s events and files; the checks, the certificate and the physical check are at the desk that made the inspection.</source>
        <translation>Este posto tem os eventos e os ficheiros do processo; as verificações, o certificado e a verificação física estão no posto que fez a inspeção.</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseEvidenceView</name>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Verificação física</translation>
    </message>
    <message>
        <source>The officer&apos;s notes and files</source>
        <translation>Notas e ficheiros do agente</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>Nenhuma verificação física registada.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(não verificado)</translation>
    </message>
    <message>
        <source>Customs declaration: %1</source>
        <translation>Declaração aduaneira: %1</translation>
    </message>
    <message>
        <source>%1 (certificate: %2)</source>
        <translation>%1 (certificado: %2)</translation>
    </message>
    <message>
        <source>Parcels counted: %1</source>
        <translation>Volumes contados: %1</translation>
    </message>
    <message>
        <source>%1 ct</source>
        <translation>%1 ct</translation>
    </message>
    <message>
        <source>%1 (certificate: %2 ct, give or take %3 ct)</source>
        <translation>%1 (certificado: %2 ct, tolerância de %3 ct)</translation>
    </message>
    <message>
        <source>Mass weighed: %1</source>
        <translation>Massa pesada: %1</translation>
    </message>
    <message>
        <source>Seals intact: %1</source>
        <translation>Selos intactos: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>Seal numbers read: %1</source>
        <translation>Números de selo lidos: %1</translation>
    </message>
    <message>
        <source>Importer matches the declaration: %1</source>
        <translation>Importador confere com a declaração: %1</translation>
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
        <translation>Não foram escritas notas com a sinalização.</translation>
    </message>
    <message>
        <source>Other files: %1</source>
        <translation>Outros ficheiros: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueue</name>
    <message>
        <source>All states</source>
        <translation>Todos os estados</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>p. ex. BW</translation>
    </message>
    <message>
        <source>words in a reason</source>
        <translation>palavras de um motivo</translation>
    </message>
    <message>
        <source>who flagged</source>
        <translation>quem sinalizou</translation>
    </message>
    <message>
        <source>any</source>
        <translation>qualquer</translation>
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
        <translation>A&amp;gente:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;De:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>A&amp;té:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The cases cannot be read: %1</source>
        <translation>Não é possível ler os processos: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) listed.</source>
        <translation>
            <numerusform>%Ln processo listado.</numerusform>
            <numerusform>%Ln processos listados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Office: connected; every desk&apos;s cases are listed.</source>
        <translation>Estância aduaneira: ligada; são listados os processos de todos os postos.</translation>
    </message>
    <message>
        <source>Office unreachable: listing this desk&apos;s data and what came before. %1</source>
        <translation>Estância aduaneira inacessível: são listados os dados deste posto e o que foi recebido antes. %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln registo aguarda envio.</numerusform>
            <numerusform>%Ln registos aguardam envio.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside.</source>
        <translation>
            <numerusform>%Ln linha da estância aduaneira falhou as verificações e foi posta de parte.</numerusform>
            <numerusform>%Ln linhas da estância aduaneira falharam as verificações e foram postas de parte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ALARME: a estância aduaneira tem outras entradas em %Ln posição da pista deste posto.</numerusform>
            <numerusform>ALARME: a estância aduaneira tem outras entradas em %Ln posições da pista deste posto.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueueModel</name>
    <message>
        <source>HELD</source>
        <translation>RETIDA</translation>
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
        <translation>Retida</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Sinalizado por</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberto</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>este posto</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Posto</translation>
    </message>
</context>
<context>
    <name>kp::ui::CorrectionDialog</name>
    <message>
        <source>Correct the physical check of %1</source>
        <translation>Corrigir a verificação física de %1</translation>
    </message>
    <message>
        <source>Record a correction to this inspection?</source>
        <translation>Registar uma correção desta inspeção?</translation>
    </message>
    <message>
        <source>The recorded check stays in the inspection&apos;s record and in the audit trail; the correction is added to them with its reason. A case opened on this inspection is left to its supervisor.</source>
        <translation>A verificação registada mantém-se no registo da inspeção e na pista de auditoria; a correção é-lhes acrescentada com o respetivo motivo. Um processo aberto sobre esta inspeção fica a cargo do seu supervisor.</translation>
    </message>
    <message>
        <source>Why the recorded check was wrong</source>
        <translation>Porque é que a verificação registada estava errada</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>Registada:</translation>
    </message>
    <message>
        <source>Correction:</source>
        <translation>Correção:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Record the correction</source>
        <translation>Registar a correção</translation>
    </message>
    <message numerus="yes">
        <source>%Ln parcel(s) counted</source>
        <translation>
            <numerusform>%Ln volume contado</numerusform>
            <numerusform>%Ln volumes contados</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 carats weighed</source>
        <translation>%1 quilates pesados</translation>
    </message>
    <message>
        <source>seals intact</source>
        <translation>selos intactos</translation>
    </message>
    <message>
        <source>seals not intact</source>
        <translation>selos não intactos</translation>
    </message>
    <message>
        <source>importer matches</source>
        <translation>importador confere</translation>
    </message>
    <message>
        <source>importer does not match</source>
        <translation>importador não confere</translation>
    </message>
</context>
<context>
    <name>kp::ui::DeskStatusPanel</name>
    <message numerus="yes">
        <source>%Ln hour(s) old</source>
        <translation>
            <numerusform>há %Ln hora</numerusform>
            <numerusform>há %Ln horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) old</source>
        <translation>
            <numerusform>há %Ln dia</numerusform>
            <numerusform>há %Ln dias</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar agora</translation>
    </message>
    <message>
        <source>DEMO: demo data, not real certificates</source>
        <translation>DEMO: dados de demonstração, não são certificados reais</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date (F5)</source>
        <translation>Atualizar os dados do posto (F5)</translation>
    </message>
    <message>
        <source>Desk of %1 · never synced</source>
        <translation>Posto de %1 · nunca sincronizado</translation>
    </message>
    <message>
        <source>Desk of %1 · data seq %2, published %3 (%4)</source>
        <translation>Posto de %1 · dados n.º %2, publicados em %3 (%4)</translation>
    </message>
    <message>
        <source>NO DATA: sync before relying on verdicts</source>
        <translation>SEM DADOS: sincronize antes de confiar nos veredictos</translation>
    </message>
    <message>
        <source>STALE since %1: sync now</source>
        <translation>DESATUALIZADO desde %1: sincronize agora</translation>
    </message>
</context>
<context>
    <name>kp::ui::EnrolmentPanel</name>
    <message>
        <source>Make the key and sa&amp;ve the request...</source>
        <translation>Criar a chave e &amp;guardar o pedido...</translation>
    </message>
    <message>
        <source>Install the &amp;certificate...</source>
        <translation>Instalar o cer&amp;tificado...</translation>
    </message>
    <message>
        <source>Desk id</source>
        <translation>Id do posto</translation>
    </message>
    <message>
        <source>participant, post and desk, e.g. EU-ANR-03</source>
        <translation>participante, local e posto, p. ex. EU-ANR-03</translation>
    </message>
    <message>
        <source>The desk signs import confirmations and doubts with its own key. Save its certificate request, give the file to your home authority, and install the certificate it returns.</source>
        <translation>O posto assina as confirmações de importação e as dúvidas com a sua própria chave. Guarde o pedido de certificado, entregue o ficheiro à sua autoridade de origem e instale o certificado que ela devolver.</translation>
    </message>
    <message>
        <source>Desk &amp;id:</source>
        <translation>&amp;Id do posto:</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>Não inscrito.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>Não inscrito: o posto %1 aguarda o seu certificado.</translation>
    </message>
    <message>
        <source>Enrolled as desk %1; the certificate is valid until %2 (UTC).</source>
        <translation>Inscrito como posto %1; o certificado é válido até %2 (UTC).</translation>
    </message>
    <message>
        <source>Give the desk&apos;s id first (from your home authority).</source>
        <translation>Indique primeiro o id do posto (fornecido pela sua autoridade de origem).</translation>
    </message>
    <message>
        <source>Enrol the desk again</source>
        <translation>Inscrever o posto de novo</translation>
    </message>
    <message>
        <source>This desk is enrolled. Enrolling it again makes a new key; the installed certificate is removed and the desk signs nothing until the new one is installed. Go on?</source>
        <translation>Este posto está inscrito. Inscrevê-lo de novo cria uma nova chave; o certificado instalado é removido e o posto não assina nada até o novo ser instalado. Continuar?</translation>
    </message>
    <message>
        <source>Save the certificate request</source>
        <translation>Guardar o pedido de certificado</translation>
    </message>
    <message>
        <source>Requests (*.pem)</source>
        <translation>Pedidos (*.pem)</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority, then install the certificate it returns.</source>
        <translation>Pedido de certificado do posto %1 escrito em %2: entregue-o à autoridade de origem e depois instale o certificado que ela devolver.</translation>
    </message>
    <message>
        <source>The desk certificate from the authority</source>
        <translation>O certificado do posto emitido pela autoridade</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Instalado o certificado do posto %1, válido até %2 (UTC).</translation>
    </message>
    <message>
        <source>The home authority revoked the certificate of desk %1 on %2: other desks and the authority refuse what it signs. Enrol the desk again.</source>
        <translation>A autoridade de origem revogou o certificado do posto %1 em %2: os outros postos e a autoridade recusam o que ele assina. Inscreva o posto de novo.</translation>
    </message>
</context>
<context>
    <name>kp::ui::EscalateDialog</name>
    <message>
        <source>Escalate the case</source>
        <translation>Encaminhar o processo</translation>
    </message>
    <message>
        <source>A participant&apos;s code, e.g. AO</source>
        <translation>O código de um participante, p. ex. AO</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Adicionar</translation>
    </message>
    <message>
        <source>Also &amp;to:</source>
        <translation>&amp;Também para:</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;Encaminhar</translation>
    </message>
    <message>
        <source>The doubt goes, signed by this desk, to its home authority for:</source>
        <translation>A dúvida segue, assinada por este posto, para a sua autoridade de origem, dirigida a:</translation>
    </message>
</context>
<context>
    <name>kp::ui::FirstRunDialog</name>
    <message>
        <source>Set up this desk</source>
        <translation>Configurar este posto</translation>
    </message>
    <message>
        <source>This desk has no data yet. Set it up with the files from your KP authority, or try KP Desk on a demo desk with demo certificates.</source>
        <translation>Este posto ainda não tem dados. Configure-o com os ficheiros da sua autoridade KP, ou experimente o KP Desk num posto de demonstração com certificados de demonstração.</translation>
    </message>
    <message>
        <source>e.g. EU, CA, NA</source>
        <translation>p. ex. EU, CA, NA</translation>
    </message>
    <message>
        <source>bundle-cert.pem from your authority</source>
        <translation>bundle-cert.pem da sua autoridade</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>Pr&amp;ocurar...</translation>
    </message>
    <message>
        <source>The authority&apos;s bundle key certificate</source>
        <translation>O certificado da chave de pacotes da autoridade</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... ou uma pasta (pen USB)</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participante:</translation>
    </message>
    <message>
        <source>Bundle &amp;key:</source>
        <translation>C&amp;have de pacotes:</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>Nome do administrador</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>Senha do administrador</translation>
    </message>
    <message>
        <source>Administrator&apos;s password again</source>
        <translation>Repita a senha do administrador</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;name:</source>
        <translation>&amp;Nome do administrador:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Senha:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>Repetir s&amp;enha:</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>&amp;Configurar</translation>
    </message>
    <message>
        <source>Try the &amp;demo desk</source>
        <translation>Experimentar a &amp;demonstração</translation>
    </message>
    <message>
        <source>Give the participant code and the bundle key file.</source>
        <translation>Indique o código do participante e o ficheiro da chave de pacotes.</translation>
    </message>
    <message>
        <source>Give the administrator&apos;s name.</source>
        <translation>Indique o nome do administrador.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>As duas senhas são diferentes. Escreva-as de novo.</translation>
    </message>
    <message>
        <source>Browse for the bundle key</source>
        <translation>Procurar a chave de pacotes</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>P&amp;asta...</translation>
    </message>
    <message>
        <source>Browse for the sync folder</source>
        <translation>Procurar a pasta de sincronização</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>A pasta publicada (pen USB, partilha)</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>&amp;Ficheiro de pacote...</translation>
    </message>
    <message>
        <source>Browse for a bundle file</source>
        <translation>Procurar um ficheiro de pacote</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Um ficheiro de pacote</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Pacotes (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync so&amp;urce:</source>
        <translation>Fonte de sinc&amp;ronização:</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>A transferir %1...</translation>
    </message>
    <message>
        <source>The desk starts all the same; sync it later with Sync now (F5).</source>
        <translation>O posto abre na mesma; sincronize-o mais tarde com Sincronizar agora (F5).</translation>
    </message>
    <message>
        <source>The desk of %1 is set up, with %2 as its administrator.</source>
        <translation>O posto de %1 está configurado, com %2 como administrador.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progresso da sincronização</translation>
    </message>
    <message>
        <source>&lt;b&gt;Enrolment with the home authority&lt;/b&gt; (now, or later in Settings)</source>
        <translation>&lt;b&gt;Inscrição na autoridade de origem&lt;/b&gt; (agora, ou mais tarde nas Definições)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>Co&amp;meçar</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Não é possível ler %1.</translation>
    </message>
    <message>
        <source>No sync source was given: sync with Sync now (F5) once an administrator has added one in Settings.</source>
        <translation>Nenhuma fonte de sincronização indicada: sincronize com Sincronizar agora (F5) depois de um administrador adicionar uma nas Definições.</translation>
    </message>
    <message>
        <source>Syncing from %1...</source>
        <translation>A sincronizar a partir de %1...</translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagBox</name>
    <message>
        <source>The flags of this inspection cannot be read.</source>
        <translation>Não é possível ler as sinalizações desta inspeção.</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Sinalização</translation>
    </message>
    <message>
        <source>Flagged %1 by %2.</source>
        <translation>Sinalizado em %1 por %2.</translation>
    </message>
    <message>
        <source>The shipment is HELD.</source>
        <translation>A remessa está RETIDA.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>A remessa não está retida.</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
    <message>
        <source>No images.</source>
        <translation>Sem imagens.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s): %1</source>
        <translation>
            <numerusform>%Ln imagem: %1</numerusform>
            <numerusform>%Ln imagens: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagDialog</name>
    <message>
        <source>&amp;Hold the shipment</source>
        <translation>&amp;Reter a remessa</translation>
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
        <translation>O que viu, o que o importador disse, o que fez.</translation>
    </message>
    <message>
        <source>Attached images</source>
        <translation>Imagens anexadas</translation>
    </message>
    <message>
        <source>&amp;Attach image...</source>
        <translation>&amp;Anexar imagem...</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>Anexar imagens</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Imagens (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>&amp;Sinalizar</translation>
    </message>
    <message>
        <source>Give at least one reason or a note.</source>
        <translation>Indique pelo menos um motivo ou uma nota.</translation>
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
        <translation>&amp;Imagens do certificado e do contentor:</translation>
    </message>
    <message>
        <source>Flag reasonable doubt: %1</source>
        <translation>Sinalizar dúvida razoável: %1</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>Certificado %1</translation>
    </message>
    <message>
        <source>Close without flagging? The notes and images you added are thrown away.</source>
        <translation>Fechar sem sinalizar? As notas e imagens que adicionou serão descartadas.</translation>
    </message>
    <message>
        <source>Cannot attach %1: %2</source>
        <translation>Não é possível anexar %1: %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::HealthMonitor</name>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Reparar os dados do posto...</translation>
    </message>
    <message>
        <source>Damaged data warning</source>
        <translation>Aviso de dados danificados</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read, so no certificate can be accepted: repair it, then sync. (%1)</source>
        <translation>Os dados do posto não puderam ser lidos, pelo que nenhum certificado pode ser aceite: repare-os e depois sincronize. (%1)</translation>
    </message>
</context>
<context>
    <name>kp::ui::HelpDialog</name>
    <message>
        <source>KP Desk help</source>
        <translation>Ajuda do KP Desk</translation>
    </message>
    <message>
        <source>The verdicts</source>
        <translation>Os veredictos</translation>
    </message>
    <message>
        <source>ACCEPT (green):</source>
        <translation>ACEITE (verde):</translation>
    </message>
    <message>
        <source>every check passed: the certificate is genuine, valid, meant for this desk and not used before. Do the physical check, then release the shipment (Ctrl+R).</source>
        <translation>todas as verificações foram aprovadas: o certificado é autêntico, válido, destinado a este posto e não foi usado antes. Faça a verificação física e depois desalfandegue a remessa (Ctrl+R).</translation>
    </message>
    <message>
        <source>DOUBT (amber):</source>
        <translation>DÚVIDA (âmbar):</translation>
    </message>
    <message>
        <source>something needs a closer look; the checks marked as warnings say what. Examine the shipment and its papers. If the doubt is cleared, release the shipment; if not, flag reasonable doubt (Ctrl+D) with what you saw and hold the shipment.</source>
        <translation>algo merece um exame mais atento; as verificações marcadas como alerta indicam o quê. Examine a remessa e os seus documentos. Se a dúvida for esclarecida, desalfandegue a remessa; se não, sinalize dúvida razoável (Ctrl+D) com o que viu e retenha a remessa.</translation>
    </message>
    <message>
        <source>REJECT (red):</source>
        <translation>RECUSADO (vermelho):</translation>
    </message>
    <message>
        <source>a check failed: the certificate is forged, altered, revoked, expired, or not for this desk. Do not release. Hold the shipment, flag reasonable doubt (Ctrl+D) and tell your supervisor; the flag opens a case for them.</source>
        <translation>uma verificação falhou: o certificado é falsificado, alterado, revogado, expirado ou não se destina a este posto. Não desalfandegue. Retenha a remessa, sinalize dúvida razoável (Ctrl+D) e informe o seu supervisor; a sinalização abre-lhe um processo.</translation>
    </message>
    <message>
        <source>Grey, &quot;not looked at&quot;:</source>
        <translation>Cinzento, &quot;não observado&quot;:</translation>
    </message>
    <message>
        <source>Seals intact and Importer matches are for you to tick after looking at the containers and the papers. Until you do, they are neither passed nor failed, and the verdict does not count them.</source>
        <translation>Cabe-lhe assinalar Selos intactos e Importador confere com a declaração depois de observar os contentores e os documentos. Até o fazer, não contam como aprovados nem como falhados, e o veredicto não os tem em conta.</translation>
    </message>
    <message>
        <source>STALE or NO DATA:</source>
        <translation>DESATUALIZADO ou SEM DADOS:</translation>
    </message>
    <message>
        <source>the desk&apos;s data is older than the authority allows or missing: sync (F5) before relying on a verdict.</source>
        <translation>os dados do posto são mais antigos do que a autoridade permite ou estão em falta: sincronize (F5) antes de confiar num veredicto.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>A keyboard-wedge scanner works wherever the focus is; Esc starts a new inspection.</source>
        <translation>Um leitor em modo teclado funciona onde quer que esteja o foco; Esc inicia uma nova inspeção.</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ajuda</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearch</name>
    <message>
        <source>Find inspections</source>
        <translation>Procurar inspeções</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>qualquer número</translation>
    </message>
    <message>
        <source>any officer</source>
        <translation>qualquer agente</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>p. ex. BW</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Qualquer veredicto</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Número:</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>a&amp;té</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De:</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>&amp;Veredicto:</translation>
    </message>
    <message>
        <source>&amp;Officer:</source>
        <translation>A&amp;gente:</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participante:</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Pes&amp;quisar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Inspections found</source>
        <translation>Inspeções encontradas</translation>
    </message>
    <message>
        <source>The first date is after the last.</source>
        <translation>A primeira data é posterior à última.</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Mais de %Ln inspeção encontrada: restrinja a pesquisa.</numerusform>
            <numerusform>Mais de %Ln inspeções encontradas: restrinja a pesquisa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>%Ln inspeção encontrada.</numerusform>
            <numerusform>%Ln inspeções encontradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanned code cannot be read: %1</source>
        <translation>Não é possível ler o código digitalizado: %1</translation>
    </message>
    <message>
        <source>What was scanned is not a certificate.</source>
        <translation>O que foi lido não é um certificado.</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearchModel</name>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceite</translation>
    </message>
    <message>
        <source>Doubt</source>
        <translation>Dúvida</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Recusado</translation>
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
        <translation>Agente</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Processo</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionView</name>
    <message>
        <source>✔ pass</source>
        <translation>✔ aprovado</translation>
    </message>
    <message>
        <source>⚠ warn</source>
        <translation>⚠ alerta</translation>
    </message>
    <message>
        <source>✖ fail</source>
        <translation>✖ falha</translation>
    </message>
    <message>
        <source>– skip</source>
        <translation>– omitido</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Verificações</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificação</translation>
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
        <translation>Certificado tal como assinado pela autoridade emissora</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Imagem digitalizada</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Todas as verificações aprovadas.</translation>
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
        <translation>Expira</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (mista)</translation>
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
        <translation>Volumes</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Selos</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Verificação física</translation>
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
        <translation>Entrar como &amp;outra pessoa</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>O posto está bloqueado</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>Entrar como outra pessoa</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Senha:</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type your password to go on.</source>
        <translation>Sessão iniciada: %1 (%2). Escreva a sua senha para continuar.</translation>
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
        <translation>Leia o código, ou digite o n.º do certificado, e prima Enter</translation>
    </message>
    <message>
        <source>Certificate number or barcode text</source>
        <translation>Número do certificado ou texto do código de barras</translation>
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
        <translation>Sinali&amp;zar dúvida razoável...</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Inspeções de hoje</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Câmara</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Processos</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronização</translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>As sinalizações guardadas antes de este posto ter processos não puderam ser integradas: %1</translation>
    </message>
    <message>
        <source>This desk has no account yet. An administrator makes the first one with: kpdesk-cli users add --db %1 --name NAME --role administrator</source>
        <translation>Este posto ainda não tem contas. Um administrador cria a primeira com: kpdesk-cli users add --db %1 --name NOME --role administrator</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2).</source>
        <translation>Sessão iniciada: %1 (%2).</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nome ou senha incorretos.</translation>
    </message>
    <message>
        <source>Scan a certificate first.</source>
        <translation>Leia primeiro um certificado.</translation>
    </message>
    <message>
        <source>inspection-%1</source>
        <translation>inspecao-%1</translation>
    </message>
    <message>
        <source>Locked: sign in to scan.</source>
        <translation>Bloqueado: inicie sessão para ler.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Ficheiro</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Leitura</translation>
    </message>
    <message>
        <source>&amp;Open image...</source>
        <translation>&amp;Abrir imagem...</translation>
    </message>
    <message>
        <source>Open a scanned certificate</source>
        <translation>Abrir um certificado digitalizado</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Imagens (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>Co&amp;lar imagem</translation>
    </message>
    <message>
        <source>&amp;New inspection</source>
        <translation>&amp;Nova inspeção</translation>
    </message>
    <message>
        <source>Release the s&amp;hipment</source>
        <translation>&amp;Desalfandegar a remessa</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Sincronizar a&amp;gora</translation>
    </message>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Reparar os dados do posto...</translation>
    </message>
    <message>
        <source>&amp;Watch a scanner folder...</source>
        <translation>&amp;Vigiar uma pasta do scanner...</translation>
    </message>
    <message>
        <source>Folder where the document scanner saves</source>
        <translation>Pasta onde o scanner de documentos guarda</translation>
    </message>
    <message>
        <source>S&amp;erial scanner...</source>
        <translation>Leitor séri&amp;e...</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>Leitor série</translation>
    </message>
    <message>
        <source>Port of the 2D imager (empty: none):</source>
        <translation>Porta do leitor 2D (vazio: nenhuma):</translation>
    </message>
    <message>
        <source>Go to &amp;certificate field</source>
        <translation>Ir para o campo &amp;certificado</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s inspections</source>
        <translation>Inspeções de &amp;hoje</translation>
    </message>
    <message>
        <source>F&amp;ind inspection...</source>
        <translation>Proc&amp;urar inspeção...</translation>
    </message>
    <message>
        <source>C&amp;ases...</source>
        <translation>Pr&amp;ocessos...</translation>
    </message>
    <message>
        <source>&amp;Print the inspection...</source>
        <translation>&amp;Imprimir a inspeção...</translation>
    </message>
    <message>
        <source>Save the inspection as P&amp;DF...</source>
        <translation>Guardar a inspeção em PD&amp;F...</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Bloquear o posto</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Terminar sessão</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>The language can be changed when the sync has finished.</source>
        <translation>O idioma pode ser mudado quando a sincronização terminar.</translation>
    </message>
    <message>
        <source>A sync is writing to the desk: this inspection will be saved as soon as it has finished.</source>
        <translation>Uma sincronização está a escrever no posto: esta inspeção será guardada assim que terminar.</translation>
    </message>
    <message>
        <source>That inspection cannot be read.</source>
        <translation>Essa inspeção não pode ser lida.</translation>
    </message>
    <message>
        <source>This inspection was saved before accounts: scan the certificate again.</source>
        <translation>Esta inspeção foi guardada antes de existirem contas: leia de novo o certificado.</translation>
    </message>
    <message>
        <source>Case opened; the shipment is held.</source>
        <translation>Processo aberto; a remessa está retida.</translation>
    </message>
    <message>
        <source>Case opened.</source>
        <translation>Processo aberto.</translation>
    </message>
    <message>
        <source>Inspection of %1 by %2, as seen then (not verified again).</source>
        <translation>Inspeção de %1 por %2, tal como foi vista (não verificada de novo).</translation>
    </message>
    <message>
        <source>That inspection is not in the desk&apos;s records.</source>
        <translation>Essa inspeção não está nos registos do posto.</translation>
    </message>
    <message>
        <source>A sync is running: repair the desk&apos;s data when it has finished.</source>
        <translation>Está em curso uma sincronização: repare os dados do posto quando terminar.</translation>
    </message>
    <message>
        <source>Repair the desk&apos;s data</source>
        <translation>Reparar os dados do posto</translation>
    </message>
    <message>
        <source>The desk&apos;s own records (its configuration, presentations, inspections, flags and attachments) are kept, as far as they can be read. The authorities&apos; data is dropped and must be synced again. The damaged file is kept beside the new one.

Repair now?</source>
        <translation>Os registos próprios do posto (configuração, apresentações, inspeções, sinalizações e anexos) são mantidos, na medida em que possam ser lidos. Os dados das autoridades são descartados e têm de ser sincronizados de novo. O ficheiro danificado é guardado junto ao novo.

Reparar agora?</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1: %Ln linha</numerusform>
            <numerusform>%1: %Ln linhas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: some rows</source>
        <translation>%1: algumas linhas</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired. The damaged file is kept as %1.</source>
        <translation>Os dados do posto foram reparados. O ficheiro danificado foi guardado como %1.</translation>
    </message>
    <message>
        <source>None of the desk&apos;s own records was lost.</source>
        <translation>Nenhum dos registos próprios do posto se perdeu.</translation>
    </message>
    <message>
        <source>Records that could not be saved: %1.</source>
        <translation>Registos que não puderam ser recuperados: %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again.</source>
        <translation>Sincronize agora para obter de novo os dados da autoridade.</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired: sync now.</source>
        <translation>Os dados do posto foram reparados: sincronize agora.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar agora</translation>
    </message>
    <message>
        <source>The authority&apos;s address (https://...) or a folder (USB stick):</source>
        <translation>O endereço da autoridade (https://...) ou uma pasta (pen USB):</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>A sincronizar...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>A transferir %1...</translation>
    </message>
    <message>
        <source>Cannot open the serial port %1: %2</source>
        <translation>Não é possível abrir a porta série %1: %2</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>Não desalfandegada: %1</translation>
    </message>
    <message>
        <source>Released: %1. The import confirmation waits in the outbox.</source>
        <translation>Desalfandegada: %1. A confirmação de importação aguarda na caixa de saída.</translation>
    </message>
    <message>
        <source>Released: %1. No import confirmation was made: %2</source>
        <translation>Desalfandegada: %1. Não foi criada nenhuma confirmação de importação: %2</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>Ninguém tem sessão iniciada.</translation>
    </message>
    <message>
        <source>Outbox: could not be read</source>
        <translation>Caixa de saída: ilegível</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %Ln waiting</source>
        <translation>
            <numerusform>Caixa de saída: %Ln em espera</numerusform>
            <numerusform>Caixa de saída: %Ln em espera</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages to the home authority, sent when online.</source>
        <translation>Mensagens para a autoridade de origem, enviadas quando houver ligação.</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>Última tentativa: %1</translation>
    </message>
    <message>
        <source>The case&apos;s PDF could not be made (%1); the message goes without it.</source>
        <translation>Não foi possível criar o PDF do processo (%1); a mensagem segue sem ele.</translation>
    </message>
    <message>
        <source>Fla&amp;g reasonable doubt...</source>
        <translation>Sinali&amp;zar dúvida razoável...</translation>
    </message>
    <message>
        <source>Settin&amp;gs...</source>
        <translation>Definições do &amp;posto...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Ajuda</translation>
    </message>
    <message>
        <source>&amp;About KP Desk</source>
        <translation>A&amp;cerca do KP Desk</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a KP1 barcode nor a certificate number. Correct it and press Enter, or scan again.</source>
        <translation>&quot;%1&quot; não é um código de barras KP1 nem um número de certificado. Corrija-o e prima Enter, ou leia de novo.</translation>
    </message>
    <message>
        <source>Nothing was verified</source>
        <translation>Nada foi verificado</translation>
    </message>
    <message>
        <source>Flagged: the shipment is HELD (case opened).</source>
        <translation>Sinalizado: a remessa está RETIDA (processo aberto).</translation>
    </message>
    <message>
        <source>Flagged: case opened; the shipment is not held.</source>
        <translation>Sinalizado: processo aberto; a remessa não está retida.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.</source>
        <translation>Entretanto foi aberta outra inspeção: nada foi sinalizado. Abra %1 de novo para o sinalizar.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Definições guardadas.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Verificação física</translation>
    </message>
    <message>
        <source>Retry saving</source>
        <translation>Tentar guardar de novo</translation>
    </message>
    <message>
        <source>The inspection of %1 could not be saved: %2
It is kept on screen; press &quot;Retry saving&quot; to save it again.</source>
        <translation>Não foi possível guardar a inspeção de %1: %2
Continua no ecrã; prima &quot;Tentar guardar de novo&quot; para voltar a guardá-la.</translation>
    </message>
    <message>
        <source>this certificate</source>
        <translation>este certificado</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) could still not be saved: %1</source>
        <translation>
            <numerusform>Ainda não foi possível guardar %Ln inspeção: %1</numerusform>
            <numerusform>Ainda não foi possível guardar %Ln inspeções: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation>&amp;Gerir utilizadores...</translation>
    </message>
    <message>
        <source>&amp;Browse the audit trail...</source>
        <translation>Exa&amp;minar a pista de auditoria...</translation>
    </message>
    <message>
        <source>The inspection of %1 scanned during the sync was saved, but its presentation could not be recorded: %2</source>
        <translation>A inspeção de %1 lida durante a sincronização foi guardada, mas não foi possível registar a sua apresentação: %2</translation>
    </message>
    <message>
        <source>The physical check is already recorded so: nothing to correct.</source>
        <translation>A verificação física já está registada assim: nada a corrigir.</translation>
    </message>
    <message>
        <source>Nothing was corrected: the recorded physical check stands.</source>
        <translation>Nada foi corrigido: a verificação física registada mantém-se.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was corrected.</source>
        <translation>Entretanto foi aberta outra inspeção: nada foi corrigido.</translation>
    </message>
    <message>
        <source>The correction was not recorded: %1</source>
        <translation>A correção não foi registada: %1</translation>
    </message>
    <message>
        <source>Correction recorded; the verdict is now %1.</source>
        <translation>Correção registada; o veredicto é agora %1.</translation>
    </message>
    <message numerus="yes">
        <source>CORRECTED (%Ln correction(s)). First recorded: %1. Last correction by %2, %3: %4</source>
        <translation>
            <numerusform>CORRIGIDA (%Ln correção). Registo inicial: %1. Última correção por %2, %3: %4</numerusform>
            <numerusform>CORRIGIDA (%Ln correções). Registo inicial: %1. Última correção por %2, %3: %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Physical check: %1</source>
        <translation>Verificação física: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::NewPasswordPage</name>
    <message>
        <source>&amp;Set my password</source>
        <translation>&amp;Definir a minha senha</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Terminar sessão</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>Escolha uma nova senha</translation>
    </message>
    <message>
        <source>Set my password</source>
        <translation>Definir a minha senha</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Terminar sessão</translation>
    </message>
    <message>
        <source>Password message</source>
        <translation>Mensagem sobre a senha</translation>
    </message>
    <message>
        <source>%1, your password was set by an administrator. Choose a new one that only you know before you go on.</source>
        <translation>%1, a sua senha foi definida por um administrador. Escolha uma nova senha, conhecida apenas por si, antes de continuar.</translation>
    </message>
</context>
<context>
    <name>kp::ui::OfficeSettingsPanel</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>Testar &amp;ligação</translation>
    </message>
    <message>
        <source>Office URL</source>
        <translation>URL da estância aduaneira</translation>
    </message>
    <message>
        <source>postgresql://desk@office.example/kpoffice?sslmode=verify-full</source>
        <translation>postgresql://desk@office.example/kpoffice?sslmode=verify-full</translation>
    </message>
    <message>
        <source>Office password</source>
        <translation>Senha da estância aduaneira</translation>
    </message>
    <message>
        <source>kept; type a new one to change it</source>
        <translation>mantida; digite uma nova para alterá-la</translation>
    </message>
    <message>
        <source>Connected to the office.</source>
        <translation>Ligado à estância aduaneira.</translation>
    </message>
    <message>
        <source>Office &amp;URL:</source>
        <translation>URL da &amp;estância aduaneira:</translation>
    </message>
    <message>
        <source>Office pass&amp;word:</source>
        <translation>Se&amp;nha da estância aduaneira:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Not tested yet (the window replicates in the background).</source>
        <translation>Ligação ainda não testada (a janela replica em segundo plano).</translation>
    </message>
    <message>
        <source>This desk works alone: no office.</source>
        <translation>Este posto funciona de forma independente: sem estância aduaneira.</translation>
    </message>
    <message>
        <source>No office URL to test.</source>
        <translation>Nenhum URL de estância aduaneira para testar.</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>Tentativa de ligação a %1…</translation>
    </message>
    <message>
        <source>Saved: the window replicates with %1.</source>
        <translation>Guardado: a janela replica com %1.</translation>
    </message>
    <message>
        <source>Saved: this desk works alone.</source>
        <translation>Guardado: este posto funciona de forma independente.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk wait to go up.</source>
        <translation>
            <numerusform>%Ln registo deste posto aguarda envio.</numerusform>
            <numerusform>%Ln registos deste posto aguardam envio.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::PasswordPair</name>
    <message>
        <source>New password</source>
        <translation>Nova senha</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nova senha (repetição)</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Nova &amp;senha:</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation>Digite a nova senha duas vezes.</translation>
    </message>
    <message>
        <source>The two passwords are not the same: type them again.</source>
        <translation>As duas senhas não são iguais: digite-as de novo.</translation>
    </message>
</context>
<context>
    <name>kp::ui::PhysicalCheckPanel</name>
    <message>
        <source>Physical check of the shipment</source>
        <translation>Verificação física da remessa</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Selos intactos</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>Importador confere com a declaração</translation>
    </message>
    <message>
        <source>&amp;Check shipment</source>
        <translation>&amp;Verificar a remessa</translation>
    </message>
    <message>
        <source>Customs declaration reference</source>
        <translation>Referência da declaração aduaneira</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>não contado</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Volumes contados</translation>
    </message>
    <message>
        <source> ct</source>
        <translation> ct</translation>
    </message>
    <message>
        <source>not weighed</source>
        <translation>não pesado</translation>
    </message>
    <message>
        <source>Mass weighed in carats</source>
        <translation>Massa pesada em quilates</translation>
    </message>
    <message>
        <source>Mass tolerance in carats</source>
        <translation>Tolerância de massa em quilates</translation>
    </message>
    <message>
        <source>as read on the containers, separated by commas</source>
        <translation>tal como lidos nos contentores, separados por vírgulas</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Números dos selos</translation>
    </message>
    <message>
        <source>&amp;Declaration:</source>
        <translation>&amp;Declaração:</translation>
    </message>
    <message>
        <source>&amp;Parcels counted:</source>
        <translation>Volumes &amp;contados:</translation>
    </message>
    <message>
        <source>&amp;Mass weighed:</source>
        <translation>&amp;Massa pesada:</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>&amp;Tolerância:</translation>
    </message>
    <message>
        <source>Seal &amp;numbers:</source>
        <translation>&amp;Números dos selos:</translation>
    </message>
    <message>
        <source>%1: not looked at</source>
        <translation>%1: não observado</translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1: sim</translation>
    </message>
    <message>
        <source>%1: NO</source>
        <translation>%1: NÃO</translation>
    </message>
    <message>
        <source>Grey (not looked at): not checked yet, so it counts neither for nor against the shipment.
Ticked: yes. Empty: no, which turns the verdict to doubt.
Click to change.</source>
        <translation>Cinzento (não observado): ainda não verificado, por isso não conta a favor nem contra a remessa.
Assinalado: sim. Vazio: não, o que passa o veredicto a dúvida.
Clique para mudar.</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %Ln parcel(s)</source>
        <translation>
            <numerusform>Certificado: %Ln volume</numerusform>
            <numerusform>Certificado: %Ln volumes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 ct</source>
        <translation>%1: %2 ct</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %1 ct in %Ln lot(s)</source>
        <translation>
            <numerusform>Certificado: %1 ct em %Ln lote</numerusform>
            <numerusform>Certificado: %1 ct em %Ln lotes</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: no seals</source>
        <translation>Certificado: sem selos</translation>
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
        <translation>Guardar a ficha em PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Ficheiros PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Não guardado: %1</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>Guardado como %1.</translation>
    </message>
    <message>
        <source>Print the record</source>
        <translation>Imprimir a ficha</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>Não impresso: %1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado para a impressora.</translation>
    </message>
</context>
<context>
    <name>kp::ui::ScanIntake</name>
    <message>
        <source>serial scanner</source>
        <translation>leitor série</translation>
    </message>
    <message>
        <source>No barcode was found in %1. Scan it again, or type the certificate number.</source>
        <translation>Não foi encontrado nenhum código de barras em %1. Leia de novo ou digite o número do certificado.</translation>
    </message>
    <message>
        <source>No barcode was found in the %1 image.</source>
        <translation>Não foi encontrado nenhum código de barras na imagem %1.</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>colada</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no text.</source>
        <translation>A área de transferência não contém imagem nem texto.</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>largada</translation>
    </message>
    <message>
        <source>keyboard-wedge scanner</source>
        <translation>leitor em modo teclado</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>câmara</translation>
    </message>
    <message>
        <source>Scan ignored: close the dialog to verify, then scan again.</source>
        <translation>Leitura ignorada: feche a caixa de diálogo para verificar e depois leia de novo.</translation>
    </message>
</context>
<context>
    <name>kp::ui::SettingsDialog</name>
    <message>
        <source>A &amp;sound for each verdict</source>
        <translation>Um &amp;som para cada veredicto</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Definições</translation>
    </message>
    <message>
        <source>Sync sources, in the order they are tried</source>
        <translation>Fontes de sincronização, pela ordem em que são tentadas</translation>
    </message>
    <message>
        <source>New sync source</source>
        <translation>Nova fonte de sincronização</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... ou uma pasta (pen USB)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Adicionar</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>&amp;Pasta...</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>&amp;Ficheiro de pacote...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remover</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>S&amp;ubir</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>&amp;Descer</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>A pasta publicada (pen USB, partilha)</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Um ficheiro de pacote</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Pacotes (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync sources (tried in order until one works)</source>
        <translation>Fontes de sincronização (tentadas por ordem até uma funcionar)</translation>
    </message>
    <message>
        <source>Serial port of the 2D imager</source>
        <translation>Porta série do leitor 2D</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>Idle lock in minutes</source>
        <translation>Bloqueio por inatividade em minutos</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Serial &amp;port of the 2D imager:</source>
        <translation>P&amp;orta série do leitor 2D:</translation>
    </message>
    <message>
        <source>&amp;Lock the idle desk after:</source>
        <translation>&amp;Bloquear o posto inativo após:</translation>
    </message>
    <message>
        <source>Scanner, lock and sounds</source>
        <translation>Leitor, bloqueio e sons</translation>
    </message>
    <message>
        <source>Enrolment with the home authority</source>
        <translation>Inscrição na autoridade de origem</translation>
    </message>
    <message>
        <source>%1 is already a source.</source>
        <translation>%1 já é uma fonte.</translation>
    </message>
    <message>
        <source>Office (PostgreSQL server gathering every desk&apos;s cases)</source>
        <translation>Estância aduaneira (servidor PostgreSQL que reúne os processos de todos os postos)</translation>
    </message>
</context>
<context>
    <name>kp::ui::SignInPage</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sessão</translation>
    </message>
    <message>
        <source>Sign in to KP Desk</source>
        <translation>Iniciar sessão no KP Desk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sessão</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Mensagem de início de sessão</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Senha:</translation>
    </message>
    <message>
        <source>DEMO desk: these accounts are for trying KP Desk only.</source>
        <translation>Posto de DEMONSTRAÇÃO: estas contas servem apenas para experimentar o KP Desk.</translation>
    </message>
    <message>
        <source>DEMO %1: name &quot;%2&quot;, password &quot;%3&quot;</source>
        <translation>DEMO %1: nome &quot;%2&quot;, senha &quot;%3&quot;</translation>
    </message>
    <message>
        <source>Type your name and password.</source>
        <translation>Escreva o seu nome e a sua senha.</translation>
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
        <translation>Nenhuma fonte de sincronização definida: um administrador pode adicioná-la nas Definições.</translation>
    </message>
    <message>
        <source>Sync failed. %1</source>
        <translation>A sincronização falhou. %1</translation>
    </message>
    <message>
        <source>Already up to date: the desk is at seq %1 (%2).</source>
        <translation>Já atualizado: o posto está no n.º %1 (%2).</translation>
    </message>
    <message>
        <source>Synced from %1: the desk is at seq %2.</source>
        <translation>Sincronizado a partir de %1: o posto está no n.º %2.</translation>
    </message>
    <message>
        <source>Passed over: %1</source>
        <translation>Fontes ignoradas: %1</translation>
    </message>
    <message>
        <source>The sync was applied, but the audit trail could not be written: %1</source>
        <translation>A sincronização foi aplicada, mas a pista de auditoria não pôde ser escrita: %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::TodayList</name>
    <message>
        <source>Search number, verdict, officer...</source>
        <translation>Procurar número, veredicto, agente...</translation>
    </message>
    <message>
        <source>Search today&apos;s inspections</source>
        <translation>Procurar nas inspeções de hoje</translation>
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
        <translation>Sinalizado</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Inspeções de hoje</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>sinalizado</translation>
    </message>
    <message>
        <source>%1 (corrected)</source>
        <comment>today&apos;s list: the verdict of an inspection whose physical check was corrected</comment>
        <translation>%1 (corrigida)</translation>
    </message>
    <message numerus="yes">
        <source>Its physical check was corrected %Ln time(s) after it was recorded.</source>
        <translation>
            <numerusform>A sua verificação física foi corrigida %Ln vez depois de registrada.</numerusform>
            <numerusform>A sua verificação física foi corrigida %Ln vezes depois de registrada.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailKinds</name>
    <message>
        <source>Signed in</source>
        <translation>Sessão iniciada</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Falha no início de sessão</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sessão terminada</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>Posto bloqueado</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Conta adicionada</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>Conta desativada</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>Conta ativada</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Papel alterado</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Senha alterada</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Definições alteradas</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verificação</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Verificação física</translation>
    </message>
    <message>
        <source>Inspection corrected</source>
        <translation>Inspeção corrigida</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Desalfandegamento</translation>
    </message>
    <message>
        <source>Release refused</source>
        <translation>Desalfandegamento recusado</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Sinalizado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Provas</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Análise</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisão</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Encaminhado</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>Processo encerrado</translation>
    </message>
    <message>
        <source>Case reopened</source>
        <translation>Processo reaberto</translation>
    </message>
    <message>
        <source>Desk enrolled</source>
        <translation>Posto inscrito</translation>
    </message>
    <message>
        <source>Desk certificate installed</source>
        <translation>Certificado de posto instalado</translation>
    </message>
    <message>
        <source>Sync applied</source>
        <translation>Sincronização aplicada</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>Sincronização recusada</translation>
    </message>
    <message>
        <source>Message made</source>
        <translation>Mensagem criada</translation>
    </message>
    <message>
        <source>Message delivered</source>
        <translation>Mensagem entregue</translation>
    </message>
    <message>
        <source>Message handed over</source>
        <translation>Mensagem depositada</translation>
    </message>
    <message>
        <source>Office set</source>
        <translation>Estância aduaneira definida</translation>
    </message>
    <message>
        <source>Office records set aside</source>
        <translation>Registos da estância aduaneira postos de parte</translation>
    </message>
    <message>
        <source>Office conflict</source>
        <translation>Conflito com a estância aduaneira</translation>
    </message>
    <message>
        <source>Sync sources set</source>
        <translation>Fontes de sincronização definidas</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailPanel</name>
    <message>
        <source>Audit trail: checking every entry...</source>
        <translation>Pista de auditoria: a verificar cada entrada...</translation>
    </message>
    <message>
        <source>Audit trail: could not be read (%1). Checked %2.</source>
        <translation>Pista de auditoria: ilegível (%1). Verificada em %2.</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.</source>
        <translation>
            <numerusform>Pista de auditoria: %Ln entrada, intacta. Cabeça %1. Verificada em %2.</numerusform>
            <numerusform>Pista de auditoria: %Ln entradas, intacta. Cabeça %1. Verificada em %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: BROKEN at entry %1 (%2). The %Ln entry(ies) before it hold. Export the trail (kpdesk-cli audit export) and report it. Checked %3.</source>
        <translation>
            <numerusform>Pista de auditoria: QUEBRADA na entrada %1 (%2). A %Ln entrada anterior está íntegra. Exporte a pista (kpdesk-cli audit export) e comunique-o. Verificada em %3.</numerusform>
            <numerusform>Pista de auditoria: QUEBRADA na entrada %1 (%2). As %Ln entradas anteriores estão íntegras. Exporte a pista (kpdesk-cli audit export) e comunique-o. Verificada em %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the tr&amp;ail</source>
        <translation>Verificar a &amp;pista</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailTableModel</name>
    <message>
        <source>(not an entry)</source>
        <translation>(não é uma entrada)</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>íntegra</translation>
    </message>
    <message>
        <source>DOES NOT HOLD</source>
        <translation>NÃO ÍNTEGRA</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Cadeia</translation>
    </message>
</context>
<context>
    <name>kp::ui::UsersDialog</name>
    <message>
        <source>Change &amp;role</source>
        <translation>Alterar &amp;papel</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Desativar</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Reativar</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Nova &amp;senha:</translation>
    </message>
    <message>
        <source>Aga&amp;in:</source>
        <translation>Repe&amp;tir:</translation>
    </message>
    <message>
        <source>Reset &amp;password</source>
        <translation>Redefinir a sen&amp;ha</translation>
    </message>
    <message>
        <source>Pa&amp;ssword:</source>
        <translation>S&amp;enha:</translation>
    </message>
    <message>
        <source>Repea&amp;t:</source>
        <translation>Repet&amp;ir:</translation>
    </message>
    <message>
        <source>&amp;Add the account</source>
        <translation>&amp;Adicionar a conta</translation>
    </message>
    <message>
        <source>Users of this desk</source>
        <translation>Utilizadores deste posto</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Contas</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Role of the selected account</source>
        <translation>Papel da conta selecionada</translation>
    </message>
    <message>
        <source>Name of the new account</source>
        <translation>Nome da nova conta</translation>
    </message>
    <message>
        <source>Role of the new account</source>
        <translation>Papel da nova conta</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>Mensagem sobre os utilizadores</translation>
    </message>
    <message>
        <source>The selected account</source>
        <translation>A conta selecionada</translation>
    </message>
    <message>
        <source>A new account</source>
        <translation>Uma nova conta</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>Pape&amp;l:</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>Não foi possível ler as contas: %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desativada</translation>
    </message>
    <message>
        <source>locked after failed sign-ins</source>
        <translation>bloqueada após inícios de sessão falhados</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativa</translation>
    </message>
    <message>
        <source>%1, must choose a new password</source>
        <translation>%1, tem de escolher uma nova senha</translation>
    </message>
    <message>
        <source>Type the new account&apos;s name.</source>
        <translation>Digite o nome da nova conta.</translation>
    </message>
    <message>
        <source>Account %1 (%2) added.</source>
        <translation>Conta %1 (%2) adicionada.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 é agora %2.</translation>
    </message>
    <message>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>Conta %1 desativada: já não pode iniciar sessão.</translation>
    </message>
    <message>
        <source>Account %1 enabled again.</source>
        <translation>Conta %1 reativada.</translation>
    </message>
    <message>
        <source>Password of %1 reset: %1 signs in with it once and then chooses a new one.</source>
        <translation>Senha de %1 redefinida: %1 inicia sessão com ela uma vez e depois escolhe uma nova.</translation>
    </message>
</context>
<context>
    <name>kp::ui::VerdictBanner</name>
    <message>
        <source>ACCEPT: release</source>
        <translation>ACEITE: desalfandegar</translation>
    </message>
    <message>
        <source>DOUBT: examine, then release or flag</source>
        <translation>DÚVIDA: examinar e desalfandegar ou sinalizar</translation>
    </message>
    <message>
        <source>REJECT: hold the shipment</source>
        <translation>RECUSADO: reter a remessa</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Scan a certificate</source>
        <translation>Leia um certificado</translation>
    </message>
    <message>
        <source>Scan its barcode, open or drop an image, or type its number.</source>
        <translation>Leia o código de barras, abra ou largue uma imagem, ou digite o número.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KP Desk: verify Kimberley Process certificates.</source>
        <translation>KP Desk: verificar certificados do Processo de Kimberley.</translation>
    </message>
    <message>
        <source>The desk cache to use.</source>
        <translation>A cache do posto a usar.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHEIRO</translation>
    </message>
    <message>
        <source>Use the demo desk (made on first use), with demo certificates.</source>
        <translation>Usar o posto de demonstração (criado no primeiro uso), com certificados de demonstração.</translation>
    </message>
    <message>
        <source>The interface language (e.g. fr).</source>
        <translation>O idioma da interface (p. ex. pt).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>IDIOMA</translation>
    </message>
</context>
</TS>
