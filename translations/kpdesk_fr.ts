<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>kp::AccountRules</name>
    <message>
        <source>Four eyes: another administrator changes the role of %1 or disables it, not %1.</source>
        <translation>Quatre yeux : c&apos;est un autre administrateur qui modifie le rôle de %1 ou le désactive, et non %1.</translation>
    </message>
    <message>
        <source>%1 is the desk&apos;s last administrator who can sign in: add another administrator first.</source>
        <translation>%1 est le dernier administrateur du poste pouvant se connecter : ajoutez d&apos;abord un autre administrateur.</translation>
    </message>
</context>
<context>
    <name>kp::AuditChain</name>
    <message>
        <source>Not a valid audit entry: %1</source>
        <translation>Entrée d&apos;audit non valide : %1</translation>
    </message>
    <message>
        <source>the time “%1” is not of the form 2026-11-30T07:21:00.000Z</source>
        <translation>l&apos;horodatage « %1 » n&apos;est pas de la forme 2026-11-30T07:21:00.000Z</translation>
    </message>
    <message>
        <source>the desk is empty</source>
        <translation>le champ desk est vide</translation>
    </message>
    <message>
        <source>the actor is empty</source>
        <translation>le champ actor est vide</translation>
    </message>
    <message>
        <source>the kind is empty</source>
        <translation>le champ kind est vide</translation>
    </message>
    <message>
        <source>it must be a map of exactly n (uint), at, desk, actor, kind (text) and data (a map)</source>
        <translation>elle doit être une table contenant exactement n (uint), at, desk, actor, kind (texte) et data (une table)</translation>
    </message>
    <message>
        <source>n must be 1 or more</source>
        <translation>n doit valoir 1 ou plus</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Entrée %1 : %2</translation>
    </message>
    <message>
        <source>n must be from 1 to 2^63 - 1</source>
        <translation>n doit être compris entre 1 et 2^63 - 1</translation>
    </message>
    <message>
        <source>the time is invalid or outside the years 1 to 9999</source>
        <translation>l&apos;horodatage n&apos;est pas valide ou est hors des années 1 à 9999</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes after entry %3 (entries were removed or moved).</source>
        <translation>L&apos;entrée %1 manque : l&apos;entrée %2 suit l&apos;entrée %3 (des entrées ont été supprimées ou déplacées).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes again in its place (an entry was repeated or moved).</source>
        <translation>L&apos;entrée %1 manque : l&apos;entrée %2 revient à sa place (une entrée a été répétée ou déplacée).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: its hash does not follow from its content and entry %2 (it was changed, or not linked to the entry before it).</source>
        <translation>L&apos;entrée %1 n&apos;est pas intègre : son empreinte ne découle pas de son contenu et de l&apos;entrée %2 (elle a été modifiée, ou n&apos;est pas liée à l&apos;entrée qui la précède).</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: the trail up to it differs from the head known from elsewhere (an entry up to %1 was changed).</source>
        <translation>L&apos;entrée %1 n&apos;est pas intègre : la piste jusqu&apos;à elle diffère de la tête connue par ailleurs (une entrée jusqu&apos;à la %1 a été modifiée).</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail ends at entry %2, but entry %3 is known from elsewhere (entries were removed from its end).</source>
        <translation>L&apos;entrée %1 manque : la piste s&apos;arrête à l&apos;entrée %2, mais l&apos;entrée %3 est connue par ailleurs (des entrées ont été supprimées à sa fin).</translation>
    </message>
</context>
<context>
    <name>kp::AuditExport</name>
    <message>
        <source>Could not write the audit export: %1</source>
        <translation>Impossible d&apos;écrire l&apos;export d&apos;audit : %1</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Entrée %1 : %2</translation>
    </message>
    <message>
        <source>Entry %1: the export ends inside it.</source>
        <translation>Entrée %1 : l&apos;export se termine au milieu de celle-ci.</translation>
    </message>
    <message>
        <source>Could not read the audit export: %1</source>
        <translation>Impossible de lire l&apos;export d&apos;audit : %1</translation>
    </message>
</context>
<context>
    <name>kp::AuthorityPki</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk authority folder.</source>
        <translation>%1 n&apos;est pas un dossier d&apos;autorité KP Desk.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 holds no usable private key.</source>
        <translation>%1 ne contient aucune clé privée utilisable.</translation>
    </message>
    <message>
        <source>%1 holds no usable certificate.</source>
        <translation>%1 ne contient aucun certificat utilisable.</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeReader</name>
    <message>
        <source>There is no file %1.</source>
        <translation>Le fichier %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>Le fichier %1 est vide.</translation>
    </message>
    <message>
        <source>The file %1 is too large for an image.</source>
        <translation>Le fichier %1 est trop grand pour une image.</translation>
    </message>
    <message>
        <source>The image %1 has more than %2 megapixels.</source>
        <translation>L&apos;image %1 dépasse %2 mégapixels.</translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2</source>
        <translation>%1 n&apos;est pas une image lisible (PNG, JPEG, TIFF ou BMP) : %2</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeWriter</name>
    <message>
        <source>Cannot print this barcode: %1</source>
        <translation>Impossible d&apos;imprimer ce code-barres : %1</translation>
    </message>
    <message>
        <source>nothing to print.</source>
        <translation>rien à imprimer.</translation>
    </message>
    <message>
        <source>Code 128 carries printable ASCII only.</source>
        <translation>Le Code 128 ne porte que de l&apos;ASCII imprimable.</translation>
    </message>
    <message>
        <source>the encoder produced nothing.</source>
        <translation>l&apos;encodeur n&apos;a rien produit.</translation>
    </message>
</context>
<context>
    <name>kp::Base45</name>
    <message>
        <source>Base45 text has a dangling single character.</source>
        <translation>Le texte Base45 se termine par un caractère isolé.</translation>
    </message>
    <message>
        <source>Base45 text has a character outside its alphabet.</source>
        <translation>Le texte Base45 contient un caractère hors de son alphabet.</translation>
    </message>
    <message>
        <source>Base45 text has a group that decodes above 65535.</source>
        <translation>Le texte Base45 contient un groupe dont la valeur dépasse 65535.</translation>
    </message>
    <message>
        <source>Base45 text has a final pair that decodes above 255.</source>
        <translation>Le texte Base45 se termine par une paire dont la valeur dépasse 255.</translation>
    </message>
</context>
<context>
    <name>kp::BundleApplier</name>
    <message>
        <source>Cannot read the bundle %1: %2</source>
        <translation>Impossible de lire le paquet %1 : %2</translation>
    </message>
    <message>
        <source>The bundle is larger than any bundle can be.</source>
        <translation>Le paquet est plus grand que ne peut l’être aucun paquet.</translation>
    </message>
    <message>
        <source>The bundle does not start with a signed manifest: %1</source>
        <translation>Le paquet ne commence pas par un manifeste signé : %1</translation>
    </message>
    <message>
        <source>The bundle&apos;s manifest envelope is malformed: %1</source>
        <translation>L&apos;enveloppe du manifeste du paquet est mal formée : %1</translation>
    </message>
    <message>
        <source>The bundle is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>Le paquet n&apos;est pas signé par l&apos;autorité de rattachement de ce poste (aucune clé de paquets épinglée ne le vérifie).</translation>
    </message>
    <message>
        <source>The bundle manifest is malformed: %1</source>
        <translation>Le manifeste du paquet est mal formé : %1</translation>
    </message>
    <message>
        <source>The bundle is published by %1, not by this desk&apos;s home authority %2.</source>
        <translation>Le paquet est publié par %1, et non par l&apos;autorité de rattachement de ce poste, %2.</translation>
    </message>
    <message>
        <source>The bundle&apos;s seq %1 is not newer than the desk&apos;s seq %2: an old bundle cannot be applied again.</source>
        <translation>Le n° %1 du paquet n&apos;est pas plus récent que le n° %2 du poste : un ancien paquet ne peut pas être appliqué à nouveau.</translation>
    </message>
    <message>
        <source>This delta applies to seq %1, but the desk is at seq %2.</source>
        <translation>Ce delta s&apos;applique au n° %1, mais le poste est au n° %2.</translation>
    </message>
    <message>
        <source>The bundle is truncated: %1 bytes of parts are missing.</source>
        <translation>Le paquet est tronqué : il manque %1 octets de parties.</translation>
    </message>
    <message>
        <source>The bundle has %1 unexpected bytes after its parts.</source>
        <translation>Le paquet contient %1 octets inattendus après ses parties.</translation>
    </message>
    <message>
        <source>Cannot read the bundle: %1</source>
        <translation>Impossible de lire le paquet : %1</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not match its SHA-256 in the manifest: the bundle is damaged or was altered.</source>
        <translation>La partie « %1 » ne correspond pas à son SHA-256 dans le manifeste : le paquet est endommagé ou a été modifié.</translation>
    </message>
    <message>
        <source>Record %1 of part &apos;%2&apos; is malformed%3</source>
        <translation>L&apos;enregistrement %1 de la partie « %2 » est mal formé%3</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not hold exactly %2 records in %3 bytes.</source>
        <translation>La partie « %1 » ne contient pas exactement %2 enregistrements en %3 octets.</translation>
    </message>
    <message>
        <source>a certificate record must be a byte string.</source>
        <translation>un enregistrement de certificat doit être une chaîne d&apos;octets.</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (tag 18).</source>
        <translation>ce n&apos;est pas un COSE_Sign1 (étiquette 18).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (an array of four).</source>
        <translation>ce n&apos;est pas un COSE_Sign1 (tableau de quatre éléments).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 has the wrong type).</source>
        <translation>ce n&apos;est pas un COSE_Sign1 (l&apos;élément %1 n&apos;a pas le bon type).</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 is malformed).</source>
        <translation>ce n&apos;est pas un COSE_Sign1 (l&apos;élément %1 est mal formé).</translation>
    </message>
    <message>
        <source>the signed payload is not a CBOR map.</source>
        <translation>la charge utile signée n&apos;est pas une table CBOR.</translation>
    </message>
    <message>
        <source>the signed payload is malformed.</source>
        <translation>la charge utile signée est mal formée.</translation>
    </message>
    <message>
        <source>the record&apos;s no is not text.</source>
        <translation>le champ no de l&apos;enregistrement n&apos;est pas du texte.</translation>
    </message>
    <message>
        <source>the record has no certificate number (no).</source>
        <translation>l&apos;enregistrement n&apos;a pas de numéro de certificat (no).</translation>
    </message>
    <message>
        <source>a contact of role %1 cannot be for %2.</source>
        <translation>un contact de rôle %1 ne peut pas concerner %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s data changed to seq %1 while this bundle was applied; nothing of it was kept.</source>
        <translation>Les données du poste sont passées au n° %1 pendant l&apos;application de ce paquet ; rien n&apos;en a été conservé.</translation>
    </message>
</context>
<context>
    <name>kp::BundleManifest</name>
    <message>
        <source>The bundle manifest is not a map.</source>
        <translation>Le manifeste du paquet n&apos;est pas une table CBOR.</translation>
    </message>
    <message>
        <source>Not a kpsync bundle (fmt).</source>
        <translation>Ce n&apos;est pas un paquet kpsync (fmt).</translation>
    </message>
    <message>
        <source>Unsupported bundle version (v must be 1).</source>
        <translation>Version de paquet non prise en charge (v doit valoir 1).</translation>
    </message>
    <message>
        <source>The manifest has no publisher (pub).</source>
        <translation>Le manifeste n&apos;a pas d&apos;éditeur (pub).</translation>
    </message>
    <message>
        <source>The manifest&apos;s seq must be an integer of at least 1.</source>
        <translation>Le seq du manifeste doit être un entier au moins égal à 1.</translation>
    </message>
    <message>
        <source>The manifest&apos;s base must be an integer below seq.</source>
        <translation>La base du manifeste doit être un entier inférieur à seq.</translation>
    </message>
    <message>
        <source>The manifest&apos;s at and fresh must be RFC 3339 times.</source>
        <translation>Les champs at et fresh du manifeste doivent être des horodatages RFC 3339.</translation>
    </message>
    <message>
        <source>The manifest&apos;s parts must be an array.</source>
        <translation>Les parties (parts) du manifeste doivent former un tableau.</translation>
    </message>
    <message>
        <source>Part &apos;%1&apos; needs n, len and a 32-byte sha256.</source>
        <translation>La partie « %1 » doit avoir n, len et un sha256 de 32 octets.</translation>
    </message>
    <message>
        <source>A part has no name, or the part &apos;%1&apos; is repeated.</source>
        <translation>Une partie n&apos;a pas de nom, ou la partie « %1 » est répétée.</translation>
    </message>
</context>
<context>
    <name>kp::BundleWriter</name>
    <message>
        <source>Cannot write the temporary part &apos;%1&apos;.</source>
        <translation>Impossible d&apos;écrire la partie temporaire « %1 ».</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>kp::CacheDatabase</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>Il n&apos;y a pas de cache de poste à %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation>Impossible d&apos;ouvrir le cache du poste %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk cache (not an SQLite database).</source>
        <translation>%1 n&apos;est pas un cache KP Desk (ce n&apos;est pas une base SQLite).</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 a été créé par une version plus récente de KP Desk (schéma %2 ; celle-ci connaît le %3). Il n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <source>Cannot set up the desk cache %1.</source>
        <translation>Impossible de préparer le cache du poste %1.</translation>
    </message>
    <message>
        <source>Cannot bring the desk cache %1 to schema %2: %3</source>
        <translation>Impossible de mettre le cache du poste %1 au schéma %2 : %3</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be written: the disk is full or failing (%1). Nothing was changed; free some space and try again.</source>
        <translation>Le cache du poste n&apos;a pas pu être écrit : le disque est plein ou défaillant (%1). Rien n&apos;a été modifié ; libérez de l&apos;espace et réessayez.</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be read or written: %1</source>
        <translation>Le cache du poste n&apos;a pas pu être lu ou écrit : %1</translation>
    </message>
    <message>
        <source>The desk cache %1 is locked by another program; try again when it has finished.</source>
        <translation>Le cache du poste %1 est verrouillé par un autre programme ; réessayez quand il aura terminé.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: check the permissions of the file and of its folder (%2).</source>
        <translation>Le cache du poste %1 ne peut pas être écrit : vérifiez les droits du fichier et de son dossier (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed (%2).</source>
        <translation>Le cache du poste %1 ne peut pas être lu : le disque est défaillant ou a été retiré (%2).</translation>
    </message>
    <message>
        <source>The desk cache %1 is damaged (%2). Run &apos;kpdesk-cli repair&apos; to keep the desk&apos;s records and fetch the authority data again.</source>
        <translation>Le cache du poste %1 est endommagé (%2). Lancez « kpdesk-cli repair » pour conserver les enregistrements du poste et récupérer à nouveau les données de l&apos;autorité.</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: the file ends inside its header.</source>
        <translation>Le cache du poste %1 est tronqué : le fichier s&apos;arrête au milieu de son en-tête.</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: it should hold %2 bytes but holds %3. Restore it from a backup, or run &apos;kpdesk-cli repair&apos; to keep what can be read.</source>
        <translation>Le cache du poste %1 est tronqué : il devrait contenir %2 octets mais en contient %3. Restaurez-le depuis une sauvegarde, ou lancez « kpdesk-cli repair » pour conserver ce qui peut être lu.</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: %1</source>
        <translation>Les données du poste n&apos;ont pas pu être lues : %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a desk cache: give the path of a file (for example ./desk.sqlite).</source>
        <translation>« %1 » ne peut pas être un cache de poste : indiquez le chemin d&apos;un fichier (par exemple ./desk.sqlite).</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 n&apos;est pas un fichier.</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a desk cache (run &apos;kpdesk-cli init&apos;).</source>
        <translation>%1 est un fichier vide, et non un cache de poste (lancez « kpdesk-cli init »).</translation>
    </message>
    <message>
        <source>its schema version is %1, not %2.</source>
        <translation>sa version de schéma est %1, et non %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged: %1</source>
        <translation>Les données du poste sont endommagées : %1</translation>
    </message>
    <message>
        <source>The desk cache %1 is being repaired; try again when the repair has finished.</source>
        <translation>Le cache du poste %1 est en cours de réparation ; réessayez quand la réparation sera terminée.</translation>
    </message>
    <message>
        <source>The desk cache %1 is open in another program (a KP Desk window, a sync or a command): close it first, so that no record is written to the old file.</source>
        <translation>Le cache du poste %1 est ouvert dans un autre programme (une fenêtre KP Desk, une synchronisation ou une commande) : fermez-le d&apos;abord, afin qu&apos;aucun enregistrement ne soit écrit dans l&apos;ancien fichier.</translation>
    </message>
    <message>
        <source>The check of the desk&apos;s data was stopped.</source>
        <translation>La vérification des données du poste a été interrompue.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed.</source>
        <translation>Le cache du poste %1 ne peut pas être lu : le disque est défaillant ou a été retiré.</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: it is damaged (%1), so no certificate can be accepted on it. Repair the desk (kpdesk-cli repair), then sync.</source>
        <translation>Les données du poste n&apos;ont pas pu être lues : elles sont endommagées (%1), aucun certificat ne peut donc être accepté sur leur base. Réparez le poste (kpdesk-cli repair), puis synchronisez.</translation>
    </message>
    <message>
        <source>the desk was synced (seq %1) but holds no participant list</source>
        <translation>le poste a été synchronisé (n° %1) mais ne contient aucune liste des participants</translation>
    </message>
    <message>
        <source>%1 can be read by other users of this computer, and this user cannot change that. Its owner must run: chmod 600 %1</source>
        <translation>%1 est lisible par d&apos;autres utilisateurs de cet ordinateur, et cet utilisateur ne peut pas y remédier. Son propriétaire doit lancer : chmod 600 %1</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: its lock file %2 cannot be made (%3). Nothing was changed; check the permissions of the folder.</source>
        <translation>Le cache du poste %1 ne peut pas être écrit : son fichier de verrou %2 ne peut pas être créé (%3). Rien n&apos;a été modifié ; vérifiez les droits du dossier.</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be used: its lock file %2 cannot be opened (%3). Nothing was changed. Remove %2 if it is not a plain file, then try again.</source>
        <translation>Le cache du poste %1 ne peut pas être utilisé : son fichier de verrou %2 ne peut pas être ouvert (%3). Rien n&apos;a été modifié. Supprimez %2 si ce n&apos;est pas un fichier ordinaire, puis réessayez.</translation>
    </message>
    <message>
        <source>%1: a sync source cannot carry a password (the desk&apos;s database would keep it in plain text). Publish the bundles where the desk reads them without one, or copy them to a folder the desk reads.</source>
        <translation>%1 : une source de synchronisation ne peut pas contenir de mot de passe (la base de données du poste le conserverait en clair). Publiez les paquets là où le poste peut les lire sans mot de passe, ou copiez-les dans un dossier que lit le poste.</translation>
    </message>
</context>
<context>
    <name>kp::CacheRepair</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>Il n&apos;y a pas de cache de poste à %1.</translation>
    </message>
    <message>
        <source>Cannot make a new desk cache beside %1: %2</source>
        <translation>Impossible de créer un nouveau cache de poste à côté de %1 : %2</translation>
    </message>
    <message>
        <source>Cannot read the new desk cache&apos;s schema: %1</source>
        <translation>Impossible de lire le schéma du nouveau cache du poste : %1</translation>
    </message>
    <message>
        <source>Cannot write the new desk cache: %1</source>
        <translation>Impossible d&apos;écrire le nouveau cache du poste : %1</translation>
    </message>
    <message>
        <source>Cannot keep the damaged file as %1.</source>
        <translation>Impossible de conserver le fichier endommagé sous le nom %1.</translation>
    </message>
    <message>
        <source>Cannot move the damaged file&apos;s journal beside %1.</source>
        <translation>Impossible de déplacer le journal du fichier endommagé à côté de %1.</translation>
    </message>
    <message>
        <source>Cannot put the repaired cache in place of %1; it is in %2.</source>
        <translation>Impossible de mettre le cache réparé à la place de %1 ; il se trouve dans %2.</translation>
    </message>
    <message>
        <source>The desk&apos;s last sync number cannot be read from %1, so a repair could let an older bundle undo a revocation or a release. Nothing was changed. Ask the authority for the number of its newest bundle (the seq of its index), then repair with it: kpdesk-cli repair --db %1 --min-seq NUMBER</source>
        <translation>Le numéro de la dernière synchronisation du poste ne peut pas être lu dans %1 : une réparation pourrait donc laisser un paquet plus ancien annuler une révocation ou une libération. Rien n&apos;a été modifié. Demandez à l&apos;autorité le numéro de son paquet le plus récent (le seq de son index), puis réparez avec ce numéro : kpdesk-cli repair --db %1 --min-seq NUMÉRO</translation>
    </message>
</context>
<context>
    <name>kp::CacheWriter</name>
    <message>
        <source>Nothing to commit.</source>
        <translation>Rien à enregistrer.</translation>
    </message>
    <message>
        <source>The desk cache has no table %1.</source>
        <translation>Le cache du poste n&apos;a pas de table %1.</translation>
    </message>
</context>
<context>
    <name>kp::CaseLife</name>
    <message>
        <source>A case starts with a flag, not with &apos;%1&apos;.</source>
        <translation>Une affaire commence par un signalement, et non par « %1 ».</translation>
    </message>
    <message>
        <source>A case that is &apos;%1&apos; cannot take &apos;%2&apos;.</source>
        <translation>Une affaire à l&apos;état « %1 » ne peut pas recevoir « %2 ».</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2 MiB); the limit is %3 MiB per file.</source>
        <translation>%1 est trop grand pour être joint (%2 Mio) ; la limite est de %3 Mio par fichier.</translation>
    </message>
</context>
<context>
    <name>kp::CaseMessages</name>
    <message>
        <source>The case&apos;s inspection is not in the records.</source>
        <translation>L&apos;inspection de l&apos;affaire n&apos;est pas dans les registres.</translation>
    </message>
</context>
<context>
    <name>kp::CaseWords</name>
    <message>
        <source>Open</source>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En examen</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Décidée</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Transmise</translation>
    </message>
    <message>
        <source>Conflict: two decisions</source>
        <translation>Conflit : deux décisions</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Libéré</translation>
    </message>
    <message>
        <source>Detained</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <source>Seized</source>
        <translation>Saisi</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Signalée</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Pièces</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>Prise pour examen</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Rouverte</translation>
    </message>
</context>
<context>
    <name>kp::Cbor</name>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR mal formé : %1</translation>
    </message>
    <message>
        <source>CBOR data has more than %1 items.</source>
        <translation>Les données CBOR ont plus de %1 éléments.</translation>
    </message>
    <message>
        <source>CBOR data nests deeper than %1.</source>
        <translation>Les données CBOR s&apos;imbriquent sur plus de %1 niveaux.</translation>
    </message>
    <message>
        <source>a container claims more elements than there are bytes</source>
        <translation>un conteneur annonce plus d&apos;éléments qu&apos;il n&apos;y a d&apos;octets</translation>
    </message>
    <message>
        <source>a string claims more bytes than there are</source>
        <translation>une chaîne annonce plus d&apos;octets qu&apos;il n&apos;y en a</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>le texte n&apos;est pas de l&apos;UTF-8 valide</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>aucune donnée</translation>
    </message>
    <message>
        <source>CBOR data is larger than %1 bytes.</source>
        <translation>Les données CBOR dépassent %1 octets.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the CBOR data.</source>
        <translation>Octets inattendus après les données CBOR.</translation>
    </message>
</context>
<context>
    <name>kp::CertificateRecord</name>
    <message>
        <source>The certificate record is not a CBOR map.</source>
        <translation>L&apos;enregistrement du certificat n&apos;est pas une table CBOR.</translation>
    </message>
    <message>
        <source>Schema version %1 is not supported (expected 1).</source>
        <translation>La version de schéma %1 n&apos;est pas prise en charge (1 attendu).</translation>
    </message>
    <message>
        <source>The field &apos;mix&apos; must be true or false.</source>
        <translation>Le champ « mix » doit valoir vrai ou faux.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; must be an array of at least one lot.</source>
        <translation>Le champ « lots » doit être un tableau d’au moins un lot.</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; has more than %1 entries.</source>
        <translation>Le champ « lots » a plus de %1 entrées.</translation>
    </message>
    <message>
        <source>Each entry of &apos;lots&apos; must be a map with &apos;hs&apos;, &apos;cct&apos; and &apos;usd&apos;.</source>
        <translation>Chaque entrée de « lots » doit être une table avec « hs », « cct » et « usd ».</translation>
    </message>
    <message>
        <source>The field &apos;org&apos; needs at least one country unless &apos;mix&apos; is true.</source>
        <translation>Le champ « org » doit contenir au moins un pays, sauf si « mix » vaut vrai.</translation>
    </message>
    <message>
        <source>The required field &apos;%1&apos; is missing.</source>
        <translation>Le champ obligatoire « %1 » est absent.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be text.</source>
        <translation>Le champ « %1 » doit être du texte.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is longer than %2 characters.</source>
        <translation>Le champ « %1 » dépasse %2 caractères.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an unsigned integer.</source>
        <translation>Le champ « %1 » doit être un entier non signé.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a date as YYYY-MM-DD.</source>
        <translation>Le champ « %1 » doit être une date au format AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an array of text.</source>
        <translation>Le champ « %1 » doit être un tableau de textes.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; has more than %2 entries.</source>
        <translation>Le champ « %1 » a plus de %2 entrées.</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a map with &apos;n&apos; and &apos;a&apos;.</source>
        <translation>Le champ « %1 » doit être une table avec « n » et « a ».</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must have a name &apos;n&apos; and an address &apos;a&apos;.</source>
        <translation>Le champ « %1 » doit avoir un nom « n » et une adresse « a ».</translation>
    </message>
</context>
<context>
    <name>kp::Checks</name>
    <message>
        <source>The document signer belongs to %1, not to the issuer %2.</source>
        <translation>Le signataire du document appartient à %1, et non à l&apos;émetteur %2.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not a document signer&apos;s.</source>
        <translation>Le certificat du signataire n&apos;est pas celui d&apos;un signataire de documents.</translation>
    </message>
    <message>
        <source>The document signer was not valid on the date of issue %1 (valid %2 to %3).</source>
        <translation>Le signataire du document n&apos;était pas valide à la date de délivrance %1 (valide du %2 au %3).</translation>
    </message>
    <message>
        <source>The document signer was revoked on %1%2.</source>
        <translation>Le signataire du document a été révoqué le %1%2.</translation>
    </message>
    <message>
        <source>The document signer does not chain to an authority CA of %1.</source>
        <translation>Le signataire du document ne remonte pas à une AC de l’autorité de %1.</translation>
    </message>
    <message>
        <source>The signer&apos;s issuing certificate is not an authority CA of %1.</source>
        <translation>Le certificat émetteur du signataire n&apos;est pas une AC de l&apos;autorité de %1.</translation>
    </message>
    <message>
        <source>The authority CA of %1 that issued the signer was revoked on %2.</source>
        <translation>L&apos;AC de l&apos;autorité de %1 qui a émis le signataire a été révoquée le %2.</translation>
    </message>
    <message>
        <source>The authority CA of %1 was not valid on the date of issue %2.</source>
        <translation>L&apos;AC de l&apos;autorité de %1 n&apos;était pas valide à la date de délivrance %2.</translation>
    </message>
    <message>
        <source>Signed by %1, a document signer of %2&apos;s authority, valid on %3.</source>
        <translation>Signé par %1, signataire de documents de l&apos;autorité de %2, valide le %3.</translation>
    </message>
    <message>
        <source>Unsupported signature algorithm %1.</source>
        <translation>Algorithme de signature %1 non pris en charge.</translation>
    </message>
    <message>
        <source>Not checked: the signature is unusable.</source>
        <translation>Non vérifié : la signature est inutilisable.</translation>
    </message>
    <message>
        <source>The key identifier (kid) must be 8 bytes, not %1.</source>
        <translation>L&apos;identifiant de clé (kid) doit faire 8 octets, et non %1.</translation>
    </message>
    <message>
        <source>Not checked: no usable key identifier.</source>
        <translation>Non vérifié : aucun identifiant de clé utilisable.</translation>
    </message>
    <message>
        <source>Not checked: no known document signer has this key identifier.</source>
        <translation>Non vérifié : aucun signataire de documents connu n&apos;a cet identifiant de clé.</translation>
    </message>
    <message>
        <source>The signer is unknown to this desk&apos;s data, which is out of date: sync and scan again.</source>
        <translation>Le signataire est inconnu des données de ce poste, qui sont périmées : synchronisez et scannez à nouveau.</translation>
    </message>
    <message>
        <source>The signer (kid %1) is unknown to the authorities&apos; data.</source>
        <translation>Le signataire (kid %1) est inconnu des données des autorités.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the signer&apos;s key.</source>
        <translation>L&apos;algorithme %1 ne correspond pas à la clé du signataire.</translation>
    </message>
    <message>
        <source>The signature does not verify with the signer&apos;s key: the record was altered or forged.</source>
        <translation>La signature n&apos;est pas vérifiée par la clé du signataire : l&apos;enregistrement a été modifié ou contrefait.</translation>
    </message>
    <message>
        <source>%1 signature verified.</source>
        <translation>Signature %1 vérifiée.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate in the desk&apos;s data is unreadable.</source>
        <translation>Le certificat du signataire dans les données du poste est illisible.</translation>
    </message>
    <message>
        <source>Not checked: the signature did not verify.</source>
        <translation>Non vérifié : la signature n&apos;a pas été vérifiée.</translation>
    </message>
    <message>
        <source>The registry holds the same record.</source>
        <translation>Le registre contient le même enregistrement.</translation>
    </message>
    <message>
        <source>The registry holds a different record for %1: the barcode does not match what the issuer registered.</source>
        <translation>Le registre contient un autre enregistrement pour %1 : le code-barres ne correspond pas à ce que l&apos;émetteur a enregistré.</translation>
    </message>
    <message>
        <source>The registry (published %1) has no record of this certificate, issued %2.</source>
        <translation>Le registre (publié le %1) n&apos;a aucun enregistrement de ce certificat, délivré le %2.</translation>
    </message>
    <message>
        <source>Issued after the desk&apos;s registry data; not yet listed.</source>
        <translation>Délivré après les données du registre du poste ; pas encore répertorié.</translation>
    </message>
    <message>
        <source>Revoked as %1 by %2 on %3.</source>
        <translation>Révoqué (%1) par %2 le %3.</translation>
    </message>
    <message>
        <source>Not revoked.</source>
        <translation>Non révoqué.</translation>
    </message>
    <message>
        <source>already imported elsewhere (reported by %1 on %2)</source>
        <translation>déjà importé ailleurs (signalé par %1 le %2)</translation>
    </message>
    <message>
        <source>Possible re-use: %1.</source>
        <translation>Réutilisation possible : %1.</translation>
    </message>
    <message>
        <source>This desk has never been synced: its data cannot vouch for anything.</source>
        <translation>Ce poste n&apos;a jamais été synchronisé : ses données ne peuvent rien garantir.</translation>
    </message>
    <message>
        <source>The desk&apos;s clock (%1) is earlier than the newest data (%2): check the clock.</source>
        <translation>L&apos;horloge du poste (%1) est antérieure aux données les plus récentes (%2) : vérifiez l&apos;horloge.</translation>
    </message>
    <message>
        <source>The desk&apos;s data is out of date since %1: sync as soon as possible.</source>
        <translation>Les données du poste sont périmées depuis le %1 : synchronisez dès que possible.</translation>
    </message>
    <message>
        <source>Data %1 published %2, fresh until %3.</source>
        <translation>Données n° %1 publiées le %2, à jour jusqu&apos;au %3.</translation>
    </message>
    <message>
        <source>The certificate number &quot;%1&quot; is not 4-32 of A-Z, 0-9, - and /.</source>
        <translation>Le numéro de certificat « %1 » ne compte pas 4 à 32 caractères parmi A-Z, 0-9, - et /.</translation>
    </message>
    <message>
        <source>The certificate number %1 does not start with the issuer&apos;s code %2.</source>
        <translation>Le numéro de certificat %1 ne commence pas par le code de l&apos;émetteur %2.</translation>
    </message>
    <message>
        <source>The importing participant &quot;%1&quot; is not a participant code.</source>
        <translation>Le participant importateur « %1 » n&apos;est pas un code de participant.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a two-letter code.</source>
        <translation>Le pays d&apos;origine « %1 » n&apos;est pas un code à deux lettres.</translation>
    </message>
    <message>
        <source>HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).</source>
        <translation>Le code SH %1 n&apos;est pas celui de diamants bruts (7102.10, 7102.21 ou 7102.31).</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a carat weight of zero.</source>
        <translation>Un lot (SH %1) a un poids nul en carats.</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a value of zero.</source>
        <translation>Un lot (SH %1) a une valeur nulle.</translation>
    </message>
    <message>
        <source>The certificate lists no lots.</source>
        <translation>Le certificat n&apos;indique aucun lot.</translation>
    </message>
    <message>
        <source>The number of parcels must be at least 1.</source>
        <translation>Le nombre de colis doit être au moins 1.</translation>
    </message>
    <message>
        <source>The date of expiry %1 is not after the date of issue %2.</source>
        <translation>La date d&apos;expiration %1 n&apos;est pas postérieure à la date de délivrance %2.</translation>
    </message>
    <message>
        <source>Valid for %1 days, longer than the %2 days allowed.</source>
        <translation>Valide %1 jours, plus que les %2 jours autorisés.</translation>
    </message>
    <message>
        <source>The KPCS minimum content is present and consistent.</source>
        <translation>Le contenu minimal exigé par le SCPK est présent et cohérent.</translation>
    </message>
    <message>
        <source>Expired on %1 (inspection date %2).</source>
        <translation>Expiré le %1 (date d&apos;inspection %2).</translation>
    </message>
    <message>
        <source>Issued on %1, after the inspection date %2.</source>
        <translation>Délivré le %1, après la date d&apos;inspection %2.</translation>
    </message>
    <message>
        <source>Valid from %1 to %2; %3 days left.</source>
        <translation>Valide du %1 au %2 ; %3 jours restants.</translation>
    </message>
    <message>
        <source>The certificate is addressed to %1, not to this desk&apos;s participant %2.</source>
        <translation>Le certificat est adressé à %1, et non au participant de ce poste, %2.</translation>
    </message>
    <message>
        <source>Not checked: this desk has no participant data yet (sync first).</source>
        <translation>Non vérifié : ce poste n&apos;a pas encore de données sur les participants (synchronisez d&apos;abord).</translation>
    </message>
    <message>
        <source>%1 was not a KP participant on %2.</source>
        <translation>%1 n&apos;était pas participant au PK le %2.</translation>
    </message>
    <message>
        <source>%1 was %2 on %3%4.</source>
        <translation>%1 était %2 le %3%4.</translation>
    </message>
    <message>
        <source>the issuer %1 was restricted on %2%3</source>
        <translation>l&apos;émetteur %1 faisait l&apos;objet de restrictions le %2%3</translation>
    </message>
    <message>
        <source>the origin %1 was %2 on %3</source>
        <translation>l&apos;origine %1 était %2 le %3</translation>
    </message>
    <message>
        <source>Examine: %1.</source>
        <translation>À examiner : %1.</translation>
    </message>
    <message>
        <source>%1 was an active participant on %2; addressed to %3.</source>
        <translation>%1 était participant actif le %2 ; adressé à %3.</translation>
    </message>
    <message>
        <source>issued by %1</source>
        <translation>délivré par %1</translation>
    </message>
    <message>
        <source>of %1 origin</source>
        <translation>d&apos;origine %1</translation>
    </message>
    <message>
        <source>Diamonds %1 are banned by national law from %2%3.</source>
        <translation>Les diamants %1 sont interdits par la loi nationale depuis le %2%3.</translation>
    </message>
    <message>
        <source>No national ban applies.</source>
        <translation>Aucune interdiction nationale ne s&apos;applique.</translation>
    </message>
    <message>
        <source>No gem or unsorted lots to compare with a value band.</source>
        <translation>Aucun lot de qualité gemme ou non trié à comparer à une fourchette de valeurs.</translation>
    </message>
    <message>
        <source>No value band for this origin.</source>
        <translation>Aucune fourchette de valeurs pour cette origine.</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1-%2</translation>
    </message>
    <message>
        <source>mixed or several origins</source>
        <translation>origine mixte ou multiple</translation>
    </message>
    <message>
        <source>US$ %1 per carat is outside the usual range of US$ %2 for %3.</source>
        <translation>%1 $ US par carat est hors de la fourchette habituelle de %2 $ US pour %3.</translation>
    </message>
    <message>
        <source>US$ %1 per carat, within US$ %2 for %3.</source>
        <translation>%1 $ US par carat, dans la fourchette de %2 $ US pour %3.</translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation>Ni un code-barres KP1, ni un numéro de certificat.</translation>
    </message>
    <message>
        <source>The barcode is damaged or malformed: %1</source>
        <translation>Le code-barres est endommagé ou mal formé : %1</translation>
    </message>
    <message>
        <source>Not checked: the certificate could not be read.</source>
        <translation>Non vérifié : le certificat n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <source>A well-formed KP1 barcode.</source>
        <translation>Un code-barres KP1 bien formé.</translation>
    </message>
    <message>
        <source>A certificate number.</source>
        <translation>Un numéro de certificat.</translation>
    </message>
    <message>
        <source>The registry holds no record of %1: nothing can vouch for this certificate.</source>
        <translation>Le registre n&apos;a aucun enregistrement de %1 : rien ne peut garantir ce certificat.</translation>
    </message>
    <message>
        <source>Not checked: there is no signed record for this number.</source>
        <translation>Non vérifié : il n&apos;existe aucun enregistrement signé pour ce numéro.</translation>
    </message>
    <message>
        <source>The registry&apos;s record for this number is malformed: %1</source>
        <translation>L&apos;enregistrement du registre pour ce numéro est mal formé : %1</translation>
    </message>
    <message>
        <source>A certificate number; its signed registry record was checked.</source>
        <translation>Un numéro de certificat ; son enregistrement signé au registre a été vérifié.</translation>
    </message>
    <message>
        <source>The registry holds a signed record.</source>
        <translation>Le registre contient un enregistrement signé.</translation>
    </message>
    <message>
        <source>active</source>
        <comment>participant status</comment>
        <translation>actif</translation>
    </message>
    <message>
        <source>suspended</source>
        <comment>participant status</comment>
        <translation>suspendu</translation>
    </message>
    <message>
        <source>restricted</source>
        <comment>participant status</comment>
        <translation>soumis à restrictions</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <comment>participant status</comment>
        <translation>retiré</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>revocation status</comment>
        <translation>perdu</translation>
    </message>
    <message>
        <source>stolen</source>
        <comment>revocation status</comment>
        <translation>volé</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>revocation status</comment>
        <translation>annulé</translation>
    </message>
    <message>
        <source>fraudulent</source>
        <comment>revocation status</comment>
        <translation>frauduleux</translation>
    </message>
    <message>
        <source>already imported</source>
        <comment>revocation status</comment>
        <translation>déjà importé</translation>
    </message>
    <message>
        <source>The national bans in the desk&apos;s data are malformed, so no ban can be checked: sync again, and tell the authority if this stays.</source>
        <translation>Les interdictions nationales dans les données du poste sont mal formées, aucune interdiction ne peut donc être vérifiée : synchronisez à nouveau, et prévenez l&apos;autorité si cela persiste.</translation>
    </message>
    <message>
        <source>Not checked: the registry&apos;s record could not be read.</source>
        <translation>Non vérifié : l&apos;enregistrement du registre n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <source>The desk&apos;s data (seq %1) is older than what it had before its repair (seq %2): sync again before relying on it.</source>
        <translation>Les données du poste (n° %1) sont plus anciennes que celles qu&apos;il avait avant sa réparation (n° %2) : synchronisez à nouveau avant de vous y fier.</translation>
    </message>
    <message>
        <source>a shipment under this certificate was already released at this desk on %1 (releases here: %2)</source>
        <translation>un envoi couvert par ce certificat a déjà été libéré à ce poste le %1 (libérations ici : %2)</translation>
    </message>
    <message>
        <source>No shipment under this certificate was released before.</source>
        <translation>Aucun envoi couvert par ce certificat n&apos;a été libéré auparavant.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signataire</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Validity dates</source>
        <translation>Dates de validité</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>Sanctions</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Registre</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Révocation</translation>
    </message>
    <message>
        <source>Used before</source>
        <translation>Réutilisation</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Data freshness</source>
        <translation>Fraîcheur des données</translation>
    </message>
    <message>
        <source>Not a certificate: check what you typed.</source>
        <translation>Ce n&apos;est pas un certificat : vérifiez votre saisie.</translation>
    </message>
    <message>
        <source>&quot;KP&quot; is not a country of origin: a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>« KP » n&apos;est pas un pays d&apos;origine : un certificat nomme les pays où les diamants ont été extraits, ou est marqué comme d&apos;origine mixte.</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a country (ISO 3166-1): a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>Le pays d&apos;origine « %1 » n&apos;est pas un pays (ISO 3166-1) : un certificat nomme les pays où les diamants ont été extraits, ou est marqué comme d&apos;origine mixte.</translation>
    </message>
    <message>
        <source>The lots&apos; carat weights add up to more than any shipment can weigh.</source>
        <translation>Les poids en carats des lots totalisent plus que ne peut peser aucun envoi.</translation>
    </message>
    <message>
        <source>The lots&apos; values add up to more than any shipment can be worth.</source>
        <translation>Les valeurs des lots totalisent plus que ne peut valoir aucun envoi.</translation>
    </message>
    <message>
        <source>The lots&apos; values or weights add up to more than any shipment: examine the certificate.</source>
        <translation>Les valeurs ou les poids des lots totalisent plus que ceux de tout envoi possible : examinez le certificat.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSign1</name>
    <message>
        <source>Not a COSE_Sign1: the CBOR tag is not 18.</source>
        <translation>Ce n&apos;est pas un COSE_Sign1 : l&apos;étiquette CBOR n&apos;est pas 18.</translation>
    </message>
    <message>
        <source>Not a COSE_Sign1: expected an array of four elements.</source>
        <translation>Ce n&apos;est pas un COSE_Sign1 : un tableau de quatre éléments est attendu.</translation>
    </message>
    <message>
        <source>The COSE protected header must be a byte string.</source>
        <translation>L&apos;en-tête protégé COSE doit être une chaîne d&apos;octets.</translation>
    </message>
    <message>
        <source>The COSE unprotected header must be a map.</source>
        <translation>L&apos;en-tête non protégé COSE doit être une table.</translation>
    </message>
    <message>
        <source>The COSE payload must be a byte string (detached payloads are not allowed).</source>
        <translation>La charge utile COSE doit être une chaîne d&apos;octets (les charges détachées ne sont pas admises).</translation>
    </message>
    <message>
        <source>The COSE signature must be a byte string.</source>
        <translation>La signature COSE doit être une chaîne d&apos;octets.</translation>
    </message>
    <message>
        <source>The COSE protected header is not a map.</source>
        <translation>L&apos;en-tête protégé COSE n&apos;est pas une table.</translation>
    </message>
    <message>
        <source>The COSE protected header has no integer algorithm (label 1).</source>
        <translation>L&apos;en-tête protégé COSE n&apos;a pas d&apos;algorithme entier (étiquette 1).</translation>
    </message>
    <message>
        <source>The COSE key identifier (label 4) must be a byte string.</source>
        <translation>L&apos;identifiant de clé COSE (étiquette 4) doit être une chaîne d&apos;octets.</translation>
    </message>
</context>
<context>
    <name>kp::CoseSigning</name>
    <message>
        <source>The signature does not verify with any trusted key.</source>
        <translation>La signature n&apos;est vérifiée par aucune clé de confiance.</translation>
    </message>
</context>
<context>
    <name>kp::Crypto</name>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation>Ce n&apos;est pas un certificat X.509.</translation>
    </message>
    <message>
        <source>Unexpected bytes after the X.509 certificate.</source>
        <translation>Octets inattendus après le certificat X.509.</translation>
    </message>
    <message>
        <source>No certificate.</source>
        <translation>Aucun certificat.</translation>
    </message>
    <message>
        <source>The certificate was not issued by %1.</source>
        <translation>Le certificat n&apos;a pas été émis par %1.</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature does not verify with %1&apos;s key.</source>
        <translation>La signature du certificat n&apos;est pas vérifiée par la clé de %1.</translation>
    </message>
    <message>
        <source>A key is missing.</source>
        <translation>Une clé manque.</translation>
    </message>
    <message>
        <source>Cannot set the certificate&apos;s name: %1</source>
        <translation>Impossible de définir le nom du certificat : %1</translation>
    </message>
    <message>
        <source>Cannot add the certificate&apos;s extensions: %1</source>
        <translation>Impossible d&apos;ajouter les extensions du certificat : %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate: %1</source>
        <translation>Impossible de signer le certificat : %1</translation>
    </message>
    <message>
        <source>Not a P-256, RSA (2048 bits or more) or Ed25519 public key.</source>
        <translation>Ce n&apos;est pas une clé publique P-256, RSA (2048 bits ou plus) ou Ed25519.</translation>
    </message>
    <message>
        <source>No usable public key in the PEM text.</source>
        <translation>Aucune clé publique utilisable dans le texte PEM.</translation>
    </message>
    <message>
        <source>A P-256 coordinate is longer than 32 bytes.</source>
        <translation>Une coordonnée P-256 dépasse 32 octets.</translation>
    </message>
    <message>
        <source>Not a point on P-256.</source>
        <translation>Ce n&apos;est pas un point de P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes.</source>
        <translation>Une clé publique Ed25519 fait 32 octets.</translation>
    </message>
    <message>
        <source>Not an Ed25519 public key.</source>
        <translation>Ce n&apos;est pas une clé publique Ed25519.</translation>
    </message>
    <message>
        <source>Not an RSA public key of 2048 bits or more.</source>
        <translation>Ce n&apos;est pas une clé publique RSA de 2048 bits ou plus.</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>La génération de clé a échoué : %1</translation>
    </message>
    <message>
        <source>No usable unencrypted private key in the PEM text.</source>
        <translation>Aucune clé privée non chiffrée utilisable dans le texte PEM.</translation>
    </message>
    <message>
        <source>Not a P-256 key pair.</source>
        <translation>Ce n&apos;est pas une paire de clés P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 private key is 32 bytes.</source>
        <translation>Une clé privée Ed25519 fait 32 octets.</translation>
    </message>
    <message>
        <source>Not an Ed25519 private key.</source>
        <translation>Ce n&apos;est pas une clé privée Ed25519.</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the key.</source>
        <translation>L&apos;algorithme %1 ne correspond pas à la clé.</translation>
    </message>
    <message>
        <source>An ES256 signature is 64 bytes, not %1.</source>
        <translation>Une signature ES256 fait 64 octets, et non %1.</translation>
    </message>
    <message>
        <source>An EdDSA signature is 64 bytes, not %1.</source>
        <translation>Une signature EdDSA fait 64 octets, et non %1.</translation>
    </message>
    <message>
        <source>The signature does not verify.</source>
        <translation>La signature n&apos;est pas vérifiée.</translation>
    </message>
    <message>
        <source>Signing failed: %1</source>
        <translation>La signature a échoué : %1</translation>
    </message>
    <message>
        <source>A certificate request needs a country and a common name.</source>
        <translation>Une demande de certificat doit indiquer un pays et un nom commun.</translation>
    </message>
    <message>
        <source>Cannot make the certificate request: %1</source>
        <translation>Impossible de créer la demande de certificat : %1</translation>
    </message>
    <message>
        <source>Cannot set the request&apos;s name: %1</source>
        <translation>Impossible de définir le nom de la demande : %1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate request: %1</source>
        <translation>Impossible de signer la demande de certificat : %1</translation>
    </message>
    <message>
        <source>Not a certificate request.</source>
        <translation>Ce n&apos;est pas une demande de certificat.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s key is not one KP Desk uses.</source>
        <translation>La clé de la demande de certificat n&apos;est pas d&apos;un type qu&apos;utilise KP Desk.</translation>
    </message>
    <message>
        <source>The certificate request&apos;s signature does not verify.</source>
        <translation>La signature de la demande de certificat n&apos;est pas vérifiée.</translation>
    </message>
</context>
<context>
    <name>kp::DemoDesk</name>
    <message>
        <source>No demo issuer for %1.</source>
        <translation>Aucun émetteur de démonstration pour %1.</translation>
    </message>
    <message>
        <source>Kimberley Process Certificate</source>
        <translation>Certificat du Processus de Kimberley</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>Cannot clear %1.</source>
        <translation>Impossible de vider %1.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Impossible de créer %1.</translation>
    </message>
    <message>
        <source>Botswana, genuine (ES256, QR)</source>
        <translation>Botswana, authentique (ES256, QR)</translation>
    </message>
    <message>
        <source>Namibia, genuine (EdDSA, Data Matrix)</source>
        <translation>Namibie, authentique (EdDSA, Data Matrix)</translation>
    </message>
    <message>
        <source>Canada, genuine (PS256, QR)</source>
        <translation>Canada, authentique (PS256, QR)</translation>
    </message>
    <message>
        <source>Canada, number only (Code 128), checked against the registry</source>
        <translation>Canada, numéro seul (Code 128), vérifié auprès du registre</translation>
    </message>
    <message>
        <source>Forged: carats altered after signing</source>
        <translation>Contrefait : carats modifiés après la signature</translation>
    </message>
    <message>
        <source>Forged: signed by a rogue key</source>
        <translation>Contrefait : signé par une clé illégitime</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Reported stolen (delta bundle)</source>
        <translation>Déclaré volé (paquet delta)</translation>
    </message>
    <message>
        <source>Already imported elsewhere</source>
        <translation>Déjà importé ailleurs</translation>
    </message>
    <message>
        <source>Russian origin: national ban</source>
        <translation>Origine russe : interdiction nationale</translation>
    </message>
    <message>
        <source>Value far below the usual range</source>
        <translation>Valeur très inférieure à la fourchette habituelle</translation>
    </message>
    <message>
        <source>Addressed to another participant</source>
        <translation>Adressé à un autre participant</translation>
    </message>
    <message>
        <source>Number unknown to the registry (Code 128)</source>
        <translation>Numéro inconnu du registre (Code 128)</translation>
    </message>
    <message>
        <source>KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made by &apos;kpdesk-cli demo&apos;; none of it is a real Kimberley Process certificate.
</source>
        <translation>POSTE DE DÉMONSTRATION KP Desk. Tout ce qui se trouve ici (clés, certificats, paquets) est une donnée de démonstration créée par « kpdesk-cli demo » ; rien de tout cela n&apos;est un vrai certificat du Processus de Kimberley.
</translation>
    </message>
</context>
<context>
    <name>kp::DeskEnrolment</name>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>La piste d&apos;audit du poste n&apos;a pas pu être écrite : %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 est trop grand.</translation>
    </message>
</context>
<context>
    <name>kp::DeskIdentity</name>
    <message>
        <source>Enrol it: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;, have the home authority sign the request (&apos;kpdesk-cli authority enrol&apos;), then &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</source>
        <translation>Enrôlez-le : « kpdesk-cli enrol --db %1 --desk-id ID --csr-out FICHIER.pem », faites signer la demande par l&apos;autorité de rattachement (« kpdesk-cli authority enrol »), puis « kpdesk-cli enrol --db %1 --install CERT.pem ».</translation>
    </message>
    <message>
        <source>Cannot write the desk&apos;s key file %1: %2</source>
        <translation>Impossible d&apos;écrire le fichier de clé du poste %1 : %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 is missing.</source>
        <translation>Le fichier de clé du poste %1 est introuvable.</translation>
    </message>
    <message>
        <source>Cannot read the desk&apos;s key file %1: %2</source>
        <translation>Impossible de lire le fichier de clé du poste %1 : %2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 can be read by other users: it must be readable by the desk&apos;s user only (chmod 600), and the desk enrolled again if others may have read it.</source>
        <translation>Le fichier de clé du poste %1 est lisible par d&apos;autres utilisateurs : il ne doit être lisible que par l&apos;utilisateur du poste (chmod 600), et le poste doit être enrôlé à nouveau si d&apos;autres ont pu le lire.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 holds no usable private key.</source>
        <translation>Le fichier de clé du poste %1 ne contient aucune clé privée utilisable.</translation>
    </message>
    <message>
        <source>The desk has no participant yet: run &apos;kpdesk-cli init&apos; first.</source>
        <translation>Le poste n&apos;a pas encore de participant : lancez d&apos;abord « kpdesk-cli init ».</translation>
    </message>
    <message>
        <source>The certificate is a CA certificate, not a desk certificate.</source>
        <translation>Le certificat est un certificat d&apos;AC, et non un certificat de poste.</translation>
    </message>
    <message>
        <source>The certificate does not allow digital signatures.</source>
        <translation>Le certificat n&apos;autorise pas les signatures numériques.</translation>
    </message>
    <message>
        <source>The certificate does not allow client authentication (extended key usage clientAuth).</source>
        <translation>Le certificat n&apos;autorise pas l&apos;authentification du client (usage étendu de clé clientAuth).</translation>
    </message>
    <message>
        <source>The desk holds no authority CA of %1: sync the desk with its home authority first.</source>
        <translation>Le poste ne détient aucune AC d&apos;autorité de %1 : synchronisez d&apos;abord le poste avec son autorité de rattachement.</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority CA of %1 that the desk holds.</source>
        <translation>Le certificat n&apos;a pas été émis par une AC d&apos;autorité de %1 que détient le poste.</translation>
    </message>
    <message>
        <source>This desk is not enrolled with its home authority.</source>
        <translation>Ce poste n&apos;est pas enrôlé auprès de son autorité de rattachement.</translation>
    </message>
    <message>
        <source>The desk&apos;s installed certificate cannot be read.</source>
        <translation>Le certificat installé du poste ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 does not match its certificate.</source>
        <translation>Le fichier de clé du poste %1 ne correspond pas à son certificat.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2: use the participant code, the post and the desk, e.g. %2-ANR-03.</source>
        <translation>« %1 » n&apos;est pas un identifiant de poste de %2 : utilisez le code du participant, le bureau et le poste, p. ex. %2-ANR-03.</translation>
    </message>
    <message>
        <source>This desk is already enrolled as %1. Enrolling it again makes a new key, and its current certificate stops working until the new one is installed: add --force to do so.</source>
        <translation>Ce poste est déjà enrôlé sous %1. L&apos;enrôler à nouveau crée une nouvelle clé, et son certificat actuel cesse de fonctionner jusqu&apos;à l&apos;installation du nouveau : ajoutez --force pour le faire.</translation>
    </message>
    <message>
        <source>This desk has not asked for a certificate yet.</source>
        <translation>Ce poste n&apos;a pas encore demandé de certificat.</translation>
    </message>
    <message>
        <source>The file holds no X.509 certificate (PEM).</source>
        <translation>Le fichier ne contient aucun certificat X.509 (PEM).</translation>
    </message>
    <message>
        <source>The certificate is for another key than this desk&apos;s.</source>
        <translation>Le certificat est émis pour une autre clé que celle de ce poste.</translation>
    </message>
    <message>
        <source>The certificate is for participant &apos;%1&apos;; this desk works for %2.</source>
        <translation>Le certificat est émis pour le participant « %1 » ; ce poste travaille pour %2.</translation>
    </message>
    <message>
        <source>The certificate is for desk &apos;%1&apos;; this desk asked for %2.</source>
        <translation>Le certificat est émis pour le poste « %1 » ; ce poste a demandé %2.</translation>
    </message>
    <message>
        <source>The certificate is not valid now: it is valid from %1 to %2 (UTC).</source>
        <translation>Le certificat n&apos;est pas valide actuellement : il est valide du %1 au %2 (UTC).</translation>
    </message>
</context>
<context>
    <name>kp::DeskRecords</name>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nom ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>Enregistrement introuvable : %1.</translation>
    </message>
    <message>
        <source>The text is too long (%1 characters; at most %2).</source>
        <translation>Le texte est trop long (%1 caractères ; %2 au plus).</translation>
    </message>
    <message>
        <source>Nobody is signed in with this account.</source>
        <translation>Personne n&apos;est connecté avec ce compte.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Ce compte est désactivé. Adressez-vous à un administrateur.</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>Il existe déjà un compte nommé %1.</translation>
    </message>
    <message>
        <source>The idle lock is 1 to 240 minutes.</source>
        <translation>Le verrouillage après inactivité est de 1 à 240 minutes.</translation>
    </message>
    <message>
        <source>No physical check was recorded: count and weigh the shipment first.</source>
        <translation>Aucun contrôle physique n&apos;a été enregistré : comptez et pesez d&apos;abord l&apos;envoi.</translation>
    </message>
    <message>
        <source>The verdict is %1, not accept: only a supervisor&apos;s decision on a case can release this shipment.</source>
        <translation>Le verdict est %1, et non accept : seule la décision d&apos;un superviseur sur une affaire peut libérer cet envoi.</translation>
    </message>
    <message>
        <source>A flag needs at least one reason.</source>
        <translation>Un signalement demande au moins un motif.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>Une note demande du texte.</translation>
    </message>
    <message>
        <source>Evidence needs at least one file.</source>
        <translation>Un élément de preuve demande au moins un fichier.</translation>
    </message>
    <message>
        <source>A decision needs its reason.</source>
        <translation>Une décision doit être motivée.</translation>
    </message>
    <message>
        <source>Reopening a case needs its reason.</source>
        <translation>La réouverture d&apos;une affaire doit être motivée.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an entry of its own.</source>
        <translation>« %1 » n&apos;est pas une entrée à part entière.</translation>
    </message>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>L&apos;entrée %1 est stockée comme ligne %2.</translation>
    </message>
    <message>
        <source>The outbox&apos;s intake is an https:// URL without a name or password in it.</source>
        <translation>L&apos;adresse de réception de la boîte d&apos;envoi doit être une URL https:// sans nom ni mot de passe.</translation>
    </message>
    <message>
        <source>This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol).</source>
        <translation>Ce poste ne peut pas encore signer de messages : il n&apos;est pas enrôlé (kpdesk-cli enrol).</translation>
    </message>
    <message>
        <source>An escalation needs at least one addressee.</source>
        <translation>Une transmission doit avoir au moins un destinataire.</translation>
    </message>
    <message>
        <source>An account&apos;s name has 1 to %1 characters, no control, invisible or direction characters, and does not start with &apos;cli:&apos;.</source>
        <translation>Le nom d&apos;un compte fait de 1 à %1 caractères, ne contient aucun caractère de contrôle, invisible ou de direction, et ne commence pas par « cli: ».</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 (inspection %3): a certificate is released once.</source>
        <translation>Le certificat %1 a déjà été libéré le %2 (inspection %3) : un certificat n&apos;est libéré qu&apos;une fois.</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is released once.</source>
        <translation>Le certificat %1 a déjà été libéré le %2 par %3 (inspection %4) : un certificat n&apos;est libéré qu&apos;une fois.</translation>
    </message>
    <message>
        <source>The password of %1 was set by someone else: %1 must change it before doing anything else.</source>
        <translation>Le mot de passe de %1 a été défini par quelqu&apos;un d&apos;autre : %1 doit le changer avant toute autre action.</translation>
    </message>
    <message>
        <source>This desk has accounts: an administrator signs in to add another.</source>
        <translation>Ce poste a des comptes : un administrateur doit se connecter pour en ajouter un autre.</translation>
    </message>
    <message>
        <source>The name %1 looks like the existing account %2: choose another.</source>
        <translation>Le nom %1 ressemble au compte existant %2 : choisissez-en un autre.</translation>
    </message>
    <message>
        <source>The account %1 is not disabled.</source>
        <translation>Le compte %1 n&apos;est pas désactivé.</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 a déjà le rôle %2.</translation>
    </message>
    <message>
        <source>The physical check of this inspection is already recorded: record a correction, with its reason, to change it.</source>
        <translation>Le contrôle physique de cette inspection est déjà enregistré : enregistrez une correction, avec son motif, pour le modifier.</translation>
    </message>
    <message>
        <source>A correction needs its reason.</source>
        <translation>Une correction doit être motivée.</translation>
    </message>
    <message>
        <source>No physical check of this inspection is recorded: there is nothing to correct.</source>
        <translation>Aucun contrôle physique de cette inspection n&apos;est enregistré : il n&apos;y a rien à corriger.</translation>
    </message>
    <message>
        <source>The physical check is already so: nothing was corrected.</source>
        <translation>Le contrôle physique est déjà enregistré ainsi : rien n&apos;a été corrigé.</translation>
    </message>
    <message>
        <source>A case holds this shipment: only a supervisor&apos;s decision on the case can release it.</source>
        <translation>Une affaire retient cet envoi : seule la décision d&apos;un superviseur sur l&apos;affaire peut le libérer.</translation>
    </message>
</context>
<context>
    <name>kp::DeskRegistry</name>
    <message>
        <source>Cannot read the list of desks %1: %2</source>
        <translation>Impossible de lire la liste des postes %1 : %2</translation>
    </message>
    <message>
        <source>The list of desks %1 is damaged.</source>
        <translation>La liste des postes %1 est endommagée.</translation>
    </message>
    <message>
        <source>Cannot write the list of desks %1: %2</source>
        <translation>Impossible d&apos;écrire la liste des postes %1 : %2</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 to issue desk certificates with (issuers/%1/ca-key.pem).</source>
        <translation>La PKI n&apos;a aucune AC d&apos;autorité du participant de rattachement %1 pour émettre des certificats de poste (issuers/%1/ca-key.pem).</translation>
    </message>
    <message>
        <source>A desk certificate is valid from 1 to 3650 days.</source>
        <translation>Un certificat de poste est valide de 1 à 3650 jours.</translation>
    </message>
    <message>
        <source>The request is for participant &apos;%1&apos;; this authority enrols desks of %2.</source>
        <translation>La demande concerne le participant « %1 » ; cette autorité enrôle des postes de %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2 (e.g. %2-ANR-03).</source>
        <translation>« %1 » n&apos;est pas un identifiant de poste de %2 (p. ex. %2-ANR-03).</translation>
    </message>
    <message>
        <source>A desk&apos;s key is EC P-256 or Ed25519.</source>
        <translation>La clé d&apos;un poste est de type EC P-256 ou Ed25519.</translation>
    </message>
    <message>
        <source>Desk %1 is already enrolled with another key: revoke it first (&apos;kpdesk-cli authority revoke-desk&apos;), then enrol it again.</source>
        <translation>Le poste %1 est déjà enrôlé avec une autre clé : révoquez-le d&apos;abord (« kpdesk-cli authority revoke-desk »), puis enrôlez-le à nouveau.</translation>
    </message>
    <message>
        <source>No certificate of desk %1 is in force.</source>
        <translation>Aucun certificat du poste %1 n&apos;est en vigueur.</translation>
    </message>
</context>
<context>
    <name>kp::DeterministicCbor</name>
    <message>
        <source>The data has more than %1 items.</source>
        <translation>Les données ont plus de %1 éléments.</translation>
    </message>
    <message>
        <source>The data holds a CBOR tag; tags are not allowed.</source>
        <translation>Les données contiennent une étiquette CBOR ; les étiquettes ne sont pas admises.</translation>
    </message>
    <message>
        <source>The data holds text that is not valid Unicode.</source>
        <translation>Les données contiennent du texte qui n&apos;est pas de l&apos;Unicode valide.</translation>
    </message>
    <message>
        <source>The data holds a floating-point number; amounts must be integers.</source>
        <translation>Les données contiennent un nombre à virgule flottante ; les montants doivent être des entiers.</translation>
    </message>
    <message>
        <source>The data holds the value undefined.</source>
        <translation>Les données contiennent la valeur undefined.</translation>
    </message>
    <message>
        <source>The data holds a CBOR simple value other than false, true and null.</source>
        <translation>Les données contiennent une valeur simple CBOR autre que false, true et null.</translation>
    </message>
    <message>
        <source>The data takes more than %1 bytes.</source>
        <translation>Les données occupent plus de %1 octets.</translation>
    </message>
    <message>
        <source>The data nests deeper than %1 levels.</source>
        <translation>Les données s&apos;imbriquent sur plus de %1 niveaux.</translation>
    </message>
    <message>
        <source>The data has a map key that is not text.</source>
        <translation>Les données ont une clé de table qui n&apos;est pas du texte.</translation>
    </message>
    <message>
        <source>The data has the key “%1” twice.</source>
        <translation>Les données ont deux fois la clé « %1 ».</translation>
    </message>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR mal formé : %1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>aucune donnée</translation>
    </message>
    <message>
        <source>bytes after the end of the data</source>
        <translation>des octets après la fin des données</translation>
    </message>
    <message>
        <source>the data ends too early</source>
        <translation>les données s&apos;arrêtent trop tôt</translation>
    </message>
    <message>
        <source>an indefinite length, which the deterministic encoding does not use</source>
        <translation>une longueur indéfinie, que l&apos;encodage déterministe n&apos;utilise pas</translation>
    </message>
    <message>
        <source>a reserved additional information value</source>
        <translation>une valeur d&apos;information additionnelle réservée</translation>
    </message>
    <message>
        <source>an integer or length in a longer form than needed</source>
        <translation>un entier ou une longueur sous une forme plus longue que nécessaire</translation>
    </message>
    <message>
        <source>The data holds an integer outside the 64-bit signed range.</source>
        <translation>Les données contiennent un entier hors de la plage des entiers signés sur 64 bits.</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>le texte n&apos;est pas de l&apos;UTF-8 valide</translation>
    </message>
    <message>
        <source>The data has the same map key twice.</source>
        <translation>Les données ont deux fois la même clé de table.</translation>
    </message>
    <message>
        <source>map keys out of order</source>
        <translation>des clés de table dans le désordre</translation>
    </message>
    <message>
        <source>Not the deterministic CBOR encoding (RFC 8949, section 4.2.1): %1</source>
        <translation>Ce n&apos;est pas l&apos;encodage CBOR déterministe (RFC 8949, section 4.2.1) : %1</translation>
    </message>
</context>
<context>
    <name>kp::EventSignature</name>
    <message>
        <source>The case event %1 is too large to sign.</source>
        <translation>L&apos;événement d&apos;affaire %1 est trop grand pour être signé.</translation>
    </message>
    <message>
        <source>The signature does not match the event as the office holds it.</source>
        <translation>La signature ne correspond pas à l&apos;événement tel que le bureau le détient.</translation>
    </message>
    <message>
        <source>The batch %1 of case events cannot be signed.</source>
        <translation>Le lot %1 d&apos;événements d&apos;affaire ne peut pas être signé.</translation>
    </message>
</context>
<context>
    <name>kp::ImageScan</name>
    <message>
        <source>No barcode was found in the image.</source>
        <translation>Aucun code-barres n&apos;a été trouvé dans l&apos;image.</translation>
    </message>
</context>
<context>
    <name>kp::InspectionRows</name>
    <message>
        <source>The desk&apos;s inspections cannot be read.</source>
        <translation>Les inspections du poste ne peuvent pas être lues.</translation>
    </message>
</context>
<context>
    <name>kp::Kp1</name>
    <message>
        <source>Not a KP1 barcode (it does not start with KP1:).</source>
        <translation>Ce n&apos;est pas un code-barres KP1 (il ne commence pas par KP1:).</translation>
    </message>
    <message>
        <source>The KP1 text is longer than any KP1 code can be.</source>
        <translation>Le texte KP1 est plus long que ne peut l’être aucun code KP1.</translation>
    </message>
    <message>
        <source>The KP1 text has a character outside Base45.</source>
        <translation>Le texte KP1 contient un caractère hors de Base45.</translation>
    </message>
</context>
<context>
    <name>kp::KpMessage</name>
    <message>
        <source>%1 must be text.</source>
        <translation>%1 doit être du texte.</translation>
    </message>
    <message>
        <source>%1 must be an unsigned integer.</source>
        <translation>%1 doit être un entier non signé.</translation>
    </message>
    <message>
        <source>%1 must be a map.</source>
        <translation>%1 doit être une table.</translation>
    </message>
    <message>
        <source>%1 must be a list of text.</source>
        <translation>%1 doit être une liste de textes.</translation>
    </message>
    <message>
        <source>body.no is not a certificate number.</source>
        <translation>body.no n&apos;est pas un numéro de certificat.</translation>
    </message>
    <message>
        <source>body.recv must be a date (YYYY-MM-DD).</source>
        <translation>body.recv doit être une date (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>body.checks must be a list of at most %1 checks.</source>
        <translation>body.checks doit être une liste d&apos;au plus %1 contrôles.</translation>
    </message>
    <message>
        <source>Each of body.checks must be a map.</source>
        <translation>Chaque élément de body.checks doit être une table.</translation>
    </message>
    <message>
        <source>A check&apos;s status must be pass, warn, fail or skip.</source>
        <translation>Le statut d&apos;un contrôle doit être pass, warn, fail ou skip.</translation>
    </message>
    <message>
        <source>body.files must be a list of at most %1 files.</source>
        <translation>body.files doit être une liste d&apos;au plus %1 fichiers.</translation>
    </message>
    <message>
        <source>Each of body.files must be a map.</source>
        <translation>Chaque élément de body.files doit être une table.</translation>
    </message>
    <message>
        <source>A file needs its sha256 (32 bytes) and its data.</source>
        <translation>Un fichier doit avoir son sha256 (32 octets) et ses données.</translation>
    </message>
    <message>
        <source>The files of a message may hold at most %1 MiB in all.</source>
        <translation>Les fichiers d&apos;un message peuvent totaliser au plus %1 Mio.</translation>
    </message>
    <message>
        <source>The file %1 does not match its sha256.</source>
        <translation>Le fichier %1 ne correspond pas à son sha256.</translation>
    </message>
    <message>
        <source>body.case must be the case&apos;s UUID.</source>
        <translation>body.case doit être l&apos;UUID de l&apos;affaire.</translation>
    </message>
    <message>
        <source>body.verdict must be accept, doubt or reject.</source>
        <translation>body.verdict doit valoir accept, doubt ou reject.</translation>
    </message>
    <message>
        <source>An addressee is a participant&apos;s code, KP-CHAIR or KP-WGM, not %1.</source>
        <translation>Un destinataire est le code d&apos;un participant, KP-CHAIR ou KP-WGM, et non %1.</translation>
    </message>
    <message>
        <source>Not a kpmsg version 1 message.</source>
        <translation>Ce n&apos;est pas un message kpmsg de version 1.</translation>
    </message>
    <message>
        <source>kind must be confirmation or doubt.</source>
        <translation>kind doit valoir confirmation ou doubt.</translation>
    </message>
    <message>
        <source>id must be 16 bytes.</source>
        <translation>id doit faire 16 octets.</translation>
    </message>
    <message>
        <source>at must be a time in RFC 3339 with its zone.</source>
        <translation>at doit être une heure au format RFC 3339 avec son fuseau.</translation>
    </message>
    <message>
        <source>audit must be [entries, the head&apos;s 32-byte hash].</source>
        <translation>audit doit valoir [entrées, empreinte de 32 octets de la tête].</translation>
    </message>
    <message>
        <source>n counts from 1.</source>
        <translation>n commence à 1.</translation>
    </message>
    <message>
        <source>The desk&apos;s id may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>L&apos;identifiant du poste peut contenir des lettres, des chiffres, « . », « _ » et « - » (64 au plus).</translation>
    </message>
    <message>
        <source>pt must be a participant&apos;s two-letter code.</source>
        <translation>pt doit être le code à deux lettres d&apos;un participant.</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>Le message est trop grand.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB.</source>
        <translation>Un message peut faire au plus %1 Mio.</translation>
    </message>
    <message>
        <source>The message does not carry its desk certificate (x5chain).</source>
        <translation>Le message ne porte pas son certificat de poste (x5chain).</translation>
    </message>
    <message>
        <source>The signature does not verify with the desk certificate it carries.</source>
        <translation>La signature n&apos;est pas vérifiée par le certificat de poste que porte le message.</translation>
    </message>
    <message>
        <source>The payload is not a map.</source>
        <translation>La charge utile n&apos;est pas une table.</translation>
    </message>
    <message>
        <source>The message says desk %1 of %2, its certificate %3 of %4.</source>
        <translation>Le message indique le poste %1 de %2, son certificat %3 de %4.</translation>
    </message>
</context>
<context>
    <name>kp::Lockout</name>
    <message>
        <source>This account is locked after repeated failed sign-ins until %1 UTC.</source>
        <translation>Ce compte est verrouillé après des échecs de connexion répétés, jusqu&apos;à %1 UTC.</translation>
    </message>
</context>
<context>
    <name>kp::MessageFactory</name>
    <message>
        <source>The inspection has no certificate record to confirm.</source>
        <translation>L&apos;inspection n&apos;a aucun enregistrement de certificat à confirmer.</translation>
    </message>
    <message>
        <source>The attachment %1 could not be read in full.</source>
        <translation>La pièce jointe %1 n&apos;a pas pu être lue entièrement.</translation>
    </message>
</context>
<context>
    <name>kp::MessageInbox</name>
    <message>
        <source>Cannot move %1 to %2: %3</source>
        <translation>Impossible de déplacer %1 vers %2 : %3</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not issued by this authority&apos;s CA.</source>
        <translation>Le certificat de poste de %1 n&apos;a pas été émis par l&apos;AC de cette autorité.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not a desk certificate (it is a CA, or may not sign).</source>
        <translation>Le certificat de %1 n&apos;est pas un certificat de poste (c&apos;est une AC, ou il ne peut pas signer).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not valid when the message was made (%2; valid %3 to %4).</source>
        <translation>Le certificat de poste de %1 n&apos;était pas valide quand le message a été créé (%2 ; valide du %3 au %4).</translation>
    </message>
    <message>
        <source>The desk certificate of %1 names participant %2, its CA %3.</source>
        <translation>Le certificat de poste de %1 désigne le participant %2, son AC %3.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>%1 must be a folder of its own.</source>
        <translation>%1 doit être un dossier à part.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Impossible de créer %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Impossible de lire le fichier : %1</translation>
    </message>
    <message>
        <source>A different message with the id %1 was already taken.</source>
        <translation>Un autre message portant l&apos;identifiant %1 a déjà été pris en charge.</translation>
    </message>
    <message>
        <source>Cannot remove %1, a copy of %2.</source>
        <translation>Impossible de supprimer %1, copie de %2.</translation>
    </message>
    <message>
        <source>The message of %1 says it was made at %2, after it was received (%3).</source>
        <translation>Le message de %1 indique avoir été créé le %2, après sa réception (%3).</translation>
    </message>
    <message numerus="yes">
        <source>The desk certificate of %1 expired on %2, more than %Ln day(s) before the message was received (%3): a message signed after that could claim any earlier time.</source>
        <translation>
            <numerusform>Le certificat de poste de %1 a expiré le %2, plus de %Ln jour avant la réception du message (%3) : un message signé après cette date pourrait se prévaloir de n&apos;importe quelle date antérieure.</numerusform>
            <numerusform>Le certificat de poste de %1 a expiré le %2, plus de %Ln jours avant la réception du message (%3) : un message signé après cette date pourrait se prévaloir de n&apos;importe quelle date antérieure.</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s list of desks was not given: no message can be taken.</source>
        <translation>La liste des postes de l&apos;autorité n&apos;a pas été fournie : aucun message ne peut être pris en charge.</translation>
    </message>
    <message>
        <source>The desk certificate of %1 is revoked, or is not in the authority&apos;s list of desks.</source>
        <translation>Le certificat de poste de %1 est révoqué, ou ne figure pas dans la liste des postes de l&apos;autorité.</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB; this file holds %2 bytes or more.</source>
        <translation>Un message peut faire au plus %1 Mio ; ce fichier contient %2 octets ou plus.</translation>
    </message>
    <message>
        <source>Not a regular file (a link, a folder, a pipe or a device).</source>
        <translation>Ce n&apos;est pas un fichier ordinaire (c&apos;est un lien, un dossier, un tube ou un périphérique).</translation>
    </message>
</context>
<context>
    <name>kp::MessageLedger</name>
    <message>
        <source>Cannot read the message ledger %1: %2</source>
        <translation>Impossible de lire le journal des messages %1 : %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a message ledger: give the path of a file.</source>
        <translation>« %1 » ne peut pas être un journal des messages : indiquez le chemin d&apos;un fichier.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 n&apos;est pas un fichier.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Cannot open the message ledger %1: %2</source>
        <translation>Impossible d&apos;ouvrir le journal des messages %1 : %2</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (ledger schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 a été créé par une version plus récente de KP Desk (schéma de journal %2 ; celle-ci connaît le %3). Il n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <source>Cannot bring the message ledger %1 to schema %2: %3</source>
        <translation>Impossible de faire passer le journal des messages %1 au schéma %2 : %3</translation>
    </message>
    <message>
        <source>Cannot write the message ledger %1: %2</source>
        <translation>Impossible d&apos;écrire le journal des messages %1 : %2</translation>
    </message>
    <message>
        <source>A message with the id %1 is already in the ledger.</source>
        <translation>Un message portant l&apos;identifiant %1 est déjà dans le journal.</translation>
    </message>
    <message>
        <source>unknown report kind %1</source>
        <translation>type de rapport inconnu : %1</translation>
    </message>
</context>
<context>
    <name>kp::OfficeDatabase</name>
    <message>
        <source>This desk cannot talk to an office: Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql).</source>
        <translation>Ce poste ne peut pas communiquer avec un bureau : le pilote PostgreSQL de Qt n&apos;est pas installé (Debian : libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>The office (%1) cannot be reached: %2</source>
        <translation>Le bureau (%1) est injoignable : %2</translation>
    </message>
    <message>
        <source>the connection to the server was lost.</source>
        <translation>la connexion au serveur a été perdue.</translation>
    </message>
    <message>
        <source>The office (%1) answered: %2</source>
        <translation>Le bureau (%1) a répondu : %2</translation>
    </message>
    <message>
        <source>The office&apos;s database (schema %1) is newer than this program (%2): update KP Desk.</source>
        <translation>La base de données du bureau (schéma %1) est plus récente que ce programme (%2) : mettez KP Desk à jour.</translation>
    </message>
    <message>
        <source>The office&apos;s database could not be brought to schema %1 (run `kpdesk-cli office-init` as its owner): %2</source>
        <translation>La base de données du bureau n&apos;a pas pu être mise au schéma %1 (lancez « kpdesk-cli office-init » en tant que propriétaire de la base) : %2</translation>
    </message>
    <message numerus="yes">
        <source>The office (%1) stopped answering: the connection was given up after %Ln second(s) of silence.</source>
        <translation>
            <numerusform>Le bureau (%1) ne répond plus : la connexion a été abandonnée après %Ln seconde de silence.</numerusform>
            <numerusform>Le bureau (%1) ne répond plus : la connexion a été abandonnée après %Ln secondes de silence.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::OfficeLink</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Le fichier du poste n&apos;a pas pu être lu ou écrit : %1</translation>
    </message>
    <message>
        <source>The office&apos;s password file %1 could not be written or read.</source>
        <translation>Le fichier de mot de passe du bureau, %1, n&apos;a pas pu être écrit ou lu.</translation>
    </message>
</context>
<context>
    <name>kp::OfficeUrl</name>
    <message>
        <source>The office&apos;s address is not usable: %1</source>
        <translation>L&apos;adresse du bureau n&apos;est pas utilisable : %1</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>ce n&apos;est pas une URL.</translation>
    </message>
    <message>
        <source>it must start with postgresql://.</source>
        <translation>elle doit commencer par postgresql://.</translation>
    </message>
    <message>
        <source>sslmode is one of %1.</source>
        <translation>sslmode vaut l&apos;une des valeurs suivantes : %1.</translation>
    </message>
    <message>
        <source>the parameter %1 is not known here.</source>
        <translation>le paramètre %1 n&apos;est pas connu ici.</translation>
    </message>
    <message>
        <source>it names no server.</source>
        <translation>elle n&apos;indique aucun serveur.</translation>
    </message>
    <message>
        <source>it names no database (…/DATABASE).</source>
        <translation>elle n&apos;indique aucune base de données (…/DATABASE).</translation>
    </message>
    <message>
        <source>it names no user (postgresql://USER@…).</source>
        <translation>elle n&apos;indique aucun utilisateur (postgresql://USER@…).</translation>
    </message>
    <message>
        <source>sslrootcert must name a file, without &apos;;&apos;.</source>
        <translation>sslrootcert doit désigner un fichier, sans « ; ».</translation>
    </message>
</context>
<context>
    <name>kp::OutboxDelivery</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>%1 answered %2 %3</source>
        <translation>%1 a répondu %2 %3</translation>
    </message>
    <message>
        <source>%1: no answer for %2 s</source>
        <translation>%1 : pas de réponse depuis %2 s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 is not a folder this desk can write to (is the stick mounted?).</source>
        <translation>%1 n&apos;est pas un dossier dans lequel ce poste peut écrire (la clé USB est-elle montée ?).</translation>
    </message>
    <message>
        <source>No intake is set for the outbox (kpdesk-cli settings --outbox-intake https://...).</source>
        <translation>Aucune adresse de réception n&apos;est définie pour la boîte d&apos;envoi (kpdesk-cli settings --outbox-intake https://...).</translation>
    </message>
</context>
<context>
    <name>kp::PasswordHash</name>
    <message>
        <source>The stored password hash is unusable: %1</source>
        <translation>L&apos;empreinte du mot de passe enregistrée est inutilisable : %1</translation>
    </message>
    <message>
        <source>it is not of the form scrypt$N=…,r=…,p=…$salt$hash</source>
        <translation>elle n&apos;est pas de la forme scrypt$N=…,r=…,p=…$salt$hash</translation>
    </message>
    <message>
        <source>its parameters are outside what this desk accepts</source>
        <translation>ses paramètres sont hors de ce que ce poste accepte</translation>
    </message>
    <message>
        <source>its salt or hash is not base64</source>
        <translation>son sel ou son empreinte n&apos;est pas en base64</translation>
    </message>
    <message>
        <source>its salt or hash has the wrong length</source>
        <translation>son sel ou son empreinte n&apos;a pas la bonne longueur</translation>
    </message>
    <message>
        <source>The scrypt parameters N=%1, r=%2, p=%3 are not supported.</source>
        <translation>Les paramètres scrypt N=%1, r=%2, p=%3 ne sont pas pris en charge.</translation>
    </message>
    <message>
        <source>scrypt failed: %1</source>
        <translation>scrypt a échoué : %1</translation>
    </message>
    <message>
        <source>No random bytes for the salt.</source>
        <translation>Aucun octet aléatoire pour le sel.</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nom ou mot de passe incorrect.</translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %Ln characters.</source>
        <translation>
            <numerusform>Le mot de passe doit comporter au moins %Ln caractère.</numerusform>
            <numerusform>Le mot de passe doit comporter au moins %Ln caractères.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at most %Ln characters.</source>
        <translation>
            <numerusform>Le mot de passe doit comporter au plus %Ln caractère.</numerusform>
            <numerusform>Le mot de passe doit comporter au plus %Ln caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the account&apos;s name.</source>
        <translation>Le mot de passe ne doit pas être le nom du compte.</translation>
    </message>
</context>
<context>
    <name>kp::PdfExport</name>
    <message>
        <source>The PDF %1 cannot be written: %2</source>
        <translation>Le PDF %1 ne peut pas être écrit : %2</translation>
    </message>
</context>
<context>
    <name>kp::Permissions</name>
    <message>
        <source>verify</source>
        <translation>vérifier</translation>
    </message>
    <message>
        <source>record the physical check</source>
        <translation>enregistrer le contrôle physique</translation>
    </message>
    <message>
        <source>flag reasonable doubt</source>
        <translation>signaler un doute raisonnable</translation>
    </message>
    <message>
        <source>add a note</source>
        <translation>ajouter une note</translation>
    </message>
    <message>
        <source>add evidence</source>
        <translation>ajouter des éléments de preuve</translation>
    </message>
    <message>
        <source>release a shipment</source>
        <translation>libérer un envoi</translation>
    </message>
    <message>
        <source>take a case for review</source>
        <translation>prendre en charge l&apos;examen d&apos;une affaire</translation>
    </message>
    <message>
        <source>decide a case</source>
        <translation>statuer sur une affaire</translation>
    </message>
    <message>
        <source>escalate a case</source>
        <translation>transmettre une affaire à l&apos;échelon supérieur</translation>
    </message>
    <message>
        <source>record an authority&apos;s reply</source>
        <translation>enregistrer la réponse d&apos;une autorité</translation>
    </message>
    <message>
        <source>close a case</source>
        <translation>clore une affaire</translation>
    </message>
    <message>
        <source>reopen a case</source>
        <translation>rouvrir une affaire</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>gérer les comptes</translation>
    </message>
    <message>
        <source>change the desk&apos;s settings</source>
        <translation>modifier les réglages du poste</translation>
    </message>
    <message>
        <source>Unknown action “%1”.</source>
        <translation>Action « %1 » inconnue.</translation>
    </message>
    <message>
        <source>The role %1 may not %2.</source>
        <translation>Le rôle %1 ne peut pas %2.</translation>
    </message>
    <message>
        <source>Who flagged this case is not known, so the four-eyes rule cannot be checked.</source>
        <translation>On ne sait pas qui a signalé cette affaire : le principe des quatre yeux ne peut donc pas être vérifié.</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not decide it: another supervisor must (four eyes).</source>
        <translation>%1 a signalé cette affaire et ne peut pas statuer dessus : un autre superviseur doit le faire (quatre yeux).</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not take it for review: another supervisor must (four eyes).</source>
        <translation>%1 a signalé cette affaire et ne peut pas la prendre pour examen : un autre superviseur doit le faire (quatre yeux).</translation>
    </message>
</context>
<context>
    <name>kp::PhysicalCheck</name>
    <message>
        <source>%1 parcels counted; the certificate says %2.</source>
        <translation>%1 colis comptés ; le certificat en indique %2.</translation>
    </message>
    <message>
        <source>%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).</source>
        <translation>%1 ct pesés ; le certificat indique %2 ct (tolérance %3 ct).</translation>
    </message>
    <message>
        <source>A seal is broken or tampered with.</source>
        <translation>Un scellé est rompu ou a été altéré.</translation>
    </message>
    <message>
        <source>Seal numbers %1 do not match the certificate&apos;s %2.</source>
        <translation>Les numéros de scellés %1 ne correspondent pas à ceux du certificat, %2.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>The importer on the declaration is not %1.</source>
        <translation>L&apos;importateur sur la déclaration n&apos;est pas %1.</translation>
    </message>
</context>
<context>
    <name>kp::Publisher</name>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>Impossible de copier %1 vers %2.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2: %3</source>
        <translation>Impossible de copier %1 vers %2 : %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>%1 holds no full snapshot: publish one first.</source>
        <translation>%1 ne contient aucun instantané complet : publiez-en un d&apos;abord.</translation>
    </message>
    <message>
        <source>The deltas do not lead from the newest full snapshot (seq %1) to seq %2: publish the missing delta or a new full snapshot.</source>
        <translation>Les deltas ne mènent pas de l&apos;instantané complet le plus récent (n° %1) au n° %2 : publiez le delta manquant ou un nouvel instantané complet.</translation>
    </message>
    <message>
        <source>Cannot write the index in %1: %2</source>
        <translation>Impossible d&apos;écrire l&apos;index dans %1 : %2</translation>
    </message>
</context>
<context>
    <name>kp::PulledCaseCheck</name>
    <message>
        <source>The flag of case %1 does not carry its case (a desk from before signed cases made it): its certificate cannot be trusted.</source>
        <translation>Le signalement de l&apos;affaire %1 ne porte pas son affaire (il a été fait par un poste antérieur aux affaires signées) : on ne peut pas se fier à son certificat.</translation>
    </message>
    <message>
        <source>The office holds a flag of case %1 but not the case.</source>
        <translation>Le bureau détient un signalement de l&apos;affaire %1, mais pas l&apos;affaire.</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>poste</translation>
    </message>
    <message>
        <source>time</source>
        <translation>heure</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>inspection</translation>
    </message>
    <message>
        <source>certificate %1 signed, %2 in the row</source>
        <translation>certificat %1 signé, %2 dans la ligne</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>participant</translation>
    </message>
    <message>
        <source>The office&apos;s row of case %1 is not the case its desk signed: %2.</source>
        <translation>La ligne du bureau pour l&apos;affaire %1 n&apos;est pas l&apos;affaire que son poste a signée : %2.</translation>
    </message>
    <message>
        <source>The flag of case %1 has no valid time.</source>
        <translation>Le signalement de l&apos;affaire %1 n&apos;a pas d&apos;heure valide.</translation>
    </message>
</context>
<context>
    <name>kp::PulledEventCheck</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Le fichier du poste n&apos;a pas pu être lu ou écrit : %1</translation>
    </message>
    <message>
        <source>The event is signed with a certificate that is not a desk&apos;s.</source>
        <translation>L&apos;événement est signé avec un certificat qui n&apos;est pas celui d&apos;un poste.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not valid when the event was made.</source>
        <translation>Le certificat de poste %1 n&apos;était pas valide quand l&apos;événement a été créé.</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not issued by an authority CA of %2 that this desk holds.</source>
        <translation>Le certificat de poste %1 n&apos;a pas été émis par une AC d&apos;autorité de %2 que détient ce poste.</translation>
    </message>
    <message>
        <source>The event is not signed by an enrolled desk.</source>
        <translation>L&apos;événement n&apos;est pas signé par un poste enrôlé.</translation>
    </message>
    <message>
        <source>The event&apos;s desk certificate cannot be read.</source>
        <translation>Le certificat de poste de l&apos;événement ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The event claims the desk %1, which the desk certificate %2 signs for; it is signed by %3.</source>
        <translation>L&apos;événement se réclame du poste %1, pour lequel signe le certificat de poste %2 ; il est signé par %3.</translation>
    </message>
    <message>
        <source>The attachment %1 is not the file that was signed.</source>
        <translation>La pièce jointe %1 n&apos;est pas le fichier qui a été signé.</translation>
    </message>
    <message>
        <source>The event &apos;%1&apos; by %2 (%3) is not one a desk can take.</source>
        <translation>L&apos;événement « %1 » de %2 (%3) n&apos;est pas de ceux qu&apos;un poste peut recevoir.</translation>
    </message>
    <message>
        <source>The desk&apos;s file could not be read: %1</source>
        <translation>Le fichier du poste n&apos;a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>The desk certificate %1 was revoked by the authority on %2.</source>
        <translation>Le certificat de poste %1 a été révoqué par l&apos;autorité le %2.</translation>
    </message>
    <message>
        <source>The event is not in the signed batch %1 it names.</source>
        <translation>L&apos;événement ne figure pas dans le lot signé %1 qu&apos;il désigne.</translation>
    </message>
</context>
<context>
    <name>kp::Recheck</name>
    <message>
        <source>ACCEPT</source>
        <translation>ACCEPTÉ</translation>
    </message>
    <message>
        <source>DOUBT</source>
        <translation>DOUTE</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>REFUSÉ</translation>
    </message>
    <message>
        <source>pass</source>
        <comment>check status</comment>
        <translation>réussi</translation>
    </message>
    <message>
        <source>warn</source>
        <comment>check status</comment>
        <translation>alerte</translation>
    </message>
    <message>
        <source>FAIL</source>
        <comment>check status</comment>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>skip</source>
        <comment>check status</comment>
        <translation>non vérifié</translation>
    </message>
    <message>
        <source>verdict: was %1, now %2</source>
        <translation>verdict : était %1, maintenant %2</translation>
    </message>
    <message>
        <source>%1: not in the inspection then, now %2 — %3</source>
        <translation>%1 : absent de l&apos;inspection d&apos;alors, maintenant %2 — %3</translation>
    </message>
    <message>
        <source>%1: was %2, not checked now</source>
        <translation>%1 : était %2, non vérifié maintenant</translation>
    </message>
    <message>
        <source>%1: was %2, now %3 — %4</source>
        <translation>%1 : était %2, maintenant %3 — %4</translation>
    </message>
    <message>
        <source>%1: still %2 — now: %3 (then: %4)</source>
        <translation>%1 : toujours %2 — maintenant : %3 (alors : %4)</translation>
    </message>
    <message>
        <source>No change since %1.</source>
        <translation>Aucun changement depuis le %1.</translation>
    </message>
    <message>
        <source>This inspection was stored without what was scanned, so it cannot be verified again: scan the certificate again.</source>
        <translation>Cette inspection a été enregistrée sans ce qui a été scanné : elle ne peut donc pas être vérifiée à nouveau. Scannez à nouveau le certificat.</translation>
    </message>
    <message>
        <source>Not verified again: %1</source>
        <translation>Non vérifié à nouveau : %1</translation>
    </message>
</context>
<context>
    <name>kp::RecordReport</name>
    <message>
        <source>(unknown)</source>
        <translation>(inconnu)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>alerte</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>non vérifié</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>No signed certificate record was read (a typed number or an unreadable code).</source>
        <translation>Aucun enregistrement de certificat signé n&apos;a été lu (numéro saisi ou code illisible).</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Record version</source>
        <translation>Version de l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Issuing participant</source>
        <translation>Participant émetteur</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>Autorité émettrice</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Délivré le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (mixte)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Exportateur</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Importateur</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>HS %1: %2 ct, US$ %3</source>
        <translation>SH %1 : %2 ct, %3 $ US</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>%1 ct, US$ %2</source>
        <translation>%1 ct, %2 $ US</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Colis</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Scellés</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>Aucun contrôle physique n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(non vérifié)</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>Déclaration en douane</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Colis comptés</translation>
    </message>
    <message>
        <source>Mass weighed</source>
        <translation>Masse pesée</translation>
    </message>
    <message>
        <source>%1 ct (tolerance %2 ct)</source>
        <translation>%1 ct (tolérance %2 ct)</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Scellés intacts</translation>
    </message>
    <message>
        <source>Seal numbers read</source>
        <translation>Numéros de scellés lus</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>L&apos;importateur correspond à la déclaration</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>Écarts</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Verdict final</translation>
    </message>
    <message>
        <source>Verdict of the verification</source>
        <translation>Verdict de la vérification</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Numéro de certificat</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(sans numéro)</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>%1 (id %2, participant %3)</source>
        <translation>%1 (identifiant %2, participant %3)</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>Lu depuis</translation>
    </message>
    <message>
        <source>Inspection id</source>
        <translation>Identifiant de l&apos;inspection</translation>
    </message>
    <message>
        <source>Desk data</source>
        <translation>Données du poste</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>No check was recorded.</source>
        <translation>Aucun contrôle n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Contrôle physique</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>Certificat tel que signé par l&apos;autorité émettrice</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Image scannée</translation>
    </message>
    <message>
        <source>No image was kept with this inspection.</source>
        <translation>Aucune image n&apos;a été conservée avec cette inspection.</translation>
    </message>
    <message>
        <source>Printed %1 by %2 at %3</source>
        <translation>Imprimé le %1 par %2 au poste %3</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>Motifs : %1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notes : %1</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>L&apos;envoi est retenu.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>L&apos;envoi n&apos;est pas retenu.</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Issue : %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif : %1</translation>
    </message>
    <message>
        <source>One-person post: decided by who flagged it.</source>
        <translation>Poste d&apos;une seule personne : décidée par qui l&apos;a signalée.</translation>
    </message>
    <message numerus="yes">
        <source>File %1, %Ln byte(s), SHA-256 %2</source>
        <translation>
            <numerusform>Fichier %1, %Ln octet, SHA-256 %2</numerusform>
            <numerusform>Fichier %1, %Ln octets, SHA-256 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>Enregistrement introuvable : %1.</translation>
    </message>
    <message>
        <source>KP Desk — inspection record</source>
        <translation>KP Desk — fiche d&apos;inspection</translation>
    </message>
    <message>
        <source>Inspection of certificate %1</source>
        <translation>Inspection du certificat %1</translation>
    </message>
    <message>
        <source>KP Desk — case record</source>
        <translation>KP Desk — fiche d&apos;affaire</translation>
    </message>
    <message>
        <source>Case of certificate %1</source>
        <translation>Affaire du certificat %1</translation>
    </message>
    <message>
        <source>Case id</source>
        <translation>Identifiant de l&apos;affaire</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>held</source>
        <translation>retenu</translation>
    </message>
    <message>
        <source>not held</source>
        <translation>non retenu</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aucune pour l&apos;instant</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Signalée par</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouverte le</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Examinateur</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (identifiant %2)</translation>
    </message>
    <message>
        <source>opened at desk %1</source>
        <translation>ouverte au poste %1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>%1 (event %2, %3)</source>
        <translation>%1 (événement %2, %3)</translation>
    </message>
    <message>
        <source>Images attached to the case</source>
        <translation>Images jointes à l&apos;affaire</translation>
    </message>
    <message>
        <source>The inspection, as it was seen</source>
        <translation>L&apos;inspection, telle qu&apos;elle a été vue</translation>
    </message>
    <message>
        <source>The case&apos;s inspection %1 is not in the desk&apos;s records.</source>
        <translation>L&apos;inspection %1 de l&apos;affaire ne figure pas dans les enregistrements du poste.</translation>
    </message>
    <message>
        <source>by %1: the verdict was %2, now %3. Reason: %4</source>
        <translation>par %1 : le verdict était %2, il est maintenant %3. Motif : %4</translation>
    </message>
    <message>
        <source>The physical check as first recorded:</source>
        <translation>Le contrôle physique tel qu&apos;enregistré initialement :</translation>
    </message>
    <message>
        <source>Corrections of the physical check</source>
        <translation>Corrections du contrôle physique</translation>
    </message>
</context>
<context>
    <name>kp::RecordsStore</name>
    <message>
        <source>The desk&apos;s records could not be written: %1</source>
        <translation>Les enregistrements du poste n&apos;ont pas pu être écrits : %1</translation>
    </message>
    <message>
        <source>The desk&apos;s records could not be read: %1</source>
        <translation>Les enregistrements du poste n&apos;ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>flagged before this desk kept cases</source>
        <translation>signalé avant que ce poste ne gère des affaires</translation>
    </message>
    <message>
        <source>Certificate %1 was already released: a certificate is released once.</source>
        <translation>Le certificat %1 a déjà été libéré : un certificat n&apos;est libéré qu&apos;une fois.</translation>
    </message>
</context>
<context>
    <name>kp::RegularFile</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a device, a pipe or a socket); it is not read.</source>
        <translation>%1 n&apos;est pas un fichier ordinaire (c&apos;est un dossier, un périphérique, un tube ou un socket) ; il n&apos;est pas lu.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Reading %1 took too long; it was given up.</source>
        <translation>La lecture de %1 a pris trop de temps ; elle a été abandonnée.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not read.</source>
        <translation>%1 dépasse %2 octets ; il n&apos;est pas lu.</translation>
    </message>
</context>
<context>
    <name>kp::Replicator</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Le fichier du poste n&apos;a pas pu être lu ou écrit : %1</translation>
    </message>
    <message>
        <source>The office holds an event of a case it does not hold (%1).</source>
        <translation>Le bureau détient un événement d&apos;une affaire qu&apos;il ne détient pas (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk are not at the office yet.</source>
        <translation>
            <numerusform>%Ln enregistrement de ce poste n&apos;est pas encore au bureau.</numerusform>
            <numerusform>%Ln enregistrements de ce poste ne sont pas encore au bureau.</numerusform>
        </translation>
    </message>
    <message>
        <source>cases</source>
        <translation>affaires</translation>
    </message>
    <message>
        <source>case events</source>
        <translation>événements d&apos;affaires</translation>
    </message>
    <message>
        <source>inspections</source>
        <translation>inspections</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>entrées d&apos;audit</translation>
    </message>
    <message>
        <source>The office holds %1 of this desk&apos;s %2 %3.</source>
        <translation>Le bureau détient %1 des %2 %3 de ce poste.</translation>
    </message>
    <message>
        <source>The office holds another entry (hash %1) at place %2 of this desk&apos;s trail (hash %3): another role wrote it there.</source>
        <translation>Le bureau détient une autre entrée (empreinte %1) à l&apos;emplacement %2 de la piste d&apos;audit de ce poste (empreinte %3) : un autre rôle l&apos;y a écrite.</translation>
    </message>
    <message>
        <source>The event is of a case this desk does not hold (%1).</source>
        <translation>L&apos;événement concerne une affaire que ce poste ne détient pas (%1).</translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ALARME : le bureau détient d&apos;autres entrées à %Ln emplacement de la piste d&apos;audit de ce poste.</numerusform>
            <numerusform>ALARME : le bureau détient d&apos;autres entrées à %Ln emplacements de la piste d&apos;audit de ce poste.</numerusform>
        </translation>
    </message>
    <message>
        <source>The office holds case %1 without the flag that opens a case.</source>
        <translation>Le bureau détient l&apos;affaire %1 sans le signalement qui ouvre une affaire.</translation>
    </message>
    <message>
        <source>The case %1 has its flag already.</source>
        <translation>L&apos;affaire %1 a déjà son signalement.</translation>
    </message>
</context>
<context>
    <name>kp::ReportPainter</name>
    <message>
        <source>A record can only be drawn in a program with fonts (QGuiApplication).</source>
        <translation>Une fiche ne peut être dessinée que dans un programme disposant de polices (QGuiApplication).</translation>
    </message>
    <message>
        <source>The record cannot be drawn on this printer or file.</source>
        <translation>La fiche ne peut pas être dessinée sur cette imprimante ou dans ce fichier.</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>Impossible de commencer une nouvelle page.</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>page %1 sur %2</translation>
    </message>
    <message>
        <source>The record could not be finished.</source>
        <translation>La fiche n&apos;a pas pu être terminée.</translation>
    </message>
</context>
<context>
    <name>kp::Role</name>
    <message>
        <source>Unknown role “%1”: officer, supervisor or administrator.</source>
        <translation>Rôle « %1 » inconnu : officer, supervisor ou administrator.</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Superviseur</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
</context>
<context>
    <name>kp::SetAside</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>Le fichier du poste n&apos;a pas pu être lu ou écrit : %1</translation>
    </message>
</context>
<context>
    <name>kp::ShipmentRelease</name>
    <message>
        <source>The inspection is not in the desk&apos;s records.</source>
        <translation>L&apos;inspection ne figure pas dans les enregistrements du poste.</translation>
    </message>
</context>
<context>
    <name>kp::SyncClient</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>La synchronisation a été annulée.</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 n&apos;est pas une URL utilisable.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 n&apos;est ni un fichier .kpsync, ni un dossier avec un index de synchronisation, ni une URL http(s).</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message>
        <source>%1 holds bundles but no sync index (the file &apos;index&apos;): a sync needs the authority&apos;s signed index to know which bundles to apply. Choose the folder the authority published (kpdesk-cli authority publish), or one bundle file.</source>
        <translation>%1 contient des paquets mais aucun index de synchronisation (le fichier « index ») : une synchronisation a besoin de l&apos;index signé de l&apos;autorité pour savoir quels paquets appliquer. Choisissez le dossier publié par l&apos;autorité (kpdesk-cli authority publish), ou un seul fichier de paquet.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>Il n&apos;y a pas d&apos;index de synchronisation dans %1.</translation>
    </message>
</context>
<context>
    <name>kp::SyncIndex</name>
    <message>
        <source>not a map</source>
        <translation>ce n&apos;est pas une table</translation>
    </message>
    <message>
        <source>no seq</source>
        <translation>pas de seq</translation>
    </message>
    <message>
        <source>no usable full snapshot</source>
        <translation>aucun instantané complet utilisable</translation>
    </message>
    <message>
        <source>deltas is not an array</source>
        <translation>deltas n&apos;est pas un tableau</translation>
    </message>
    <message>
        <source>too many deltas</source>
        <translation>trop de deltas</translation>
    </message>
    <message>
        <source>a delta entry is malformed</source>
        <translation>une entrée de delta est mal formée</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>plus de %1 octets</translation>
    </message>
    <message>
        <source>The sync index is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>L&apos;index de synchronisation n&apos;est pas signé par l&apos;autorité de rattachement de ce poste (aucune clé de paquets épinglée ne le vérifie).</translation>
    </message>
    <message>
        <source>The index offers no way from seq %1 to seq %2 (no delta chain and no newer full snapshot).</source>
        <translation>L&apos;index n&apos;offre aucun chemin du n° %1 au n° %2 (ni chaîne de deltas, ni instantané complet plus récent).</translation>
    </message>
    <message>
        <source>The sync index is malformed: %1</source>
        <translation>L&apos;index de synchronisation est mal formé : %1</translation>
    </message>
</context>
<context>
    <name>kp::SyncLock</name>
    <message>
        <source>Cannot create the sync lock %1: %2</source>
        <translation>Impossible de créer le verrou de synchronisation %1 : %2</translation>
    </message>
    <message>
        <source>A sync is already running for this desk; wait for it to finish, then sync again if it is still needed.</source>
        <translation>Une synchronisation est déjà en cours pour ce poste ; attendez qu&apos;elle se termine, puis synchronisez à nouveau si c&apos;est encore nécessaire.</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>Impossible de verrouiller %1 : %2</translation>
    </message>
</context>
<context>
    <name>kp::SyncSource</name>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 n&apos;est pas une URL utilisable.</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 n&apos;est ni un fichier .kpsync, ni un dossier avec un index de synchronisation, ni une URL http(s).</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; the index says %3.</source>
        <translation>%1 fait %2 octets ; l&apos;index en annonce %3.</translation>
    </message>
    <message>
        <source>%1 does not match its SHA-256 in the index: damaged or altered.</source>
        <translation>%1 ne correspond pas à son SHA-256 dans l&apos;index : endommagé ou modifié.</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>Il n&apos;y a pas d&apos;index de synchronisation dans %1.</translation>
    </message>
    <message>
        <source>The sync index in %1 is too large.</source>
        <translation>L&apos;index de synchronisation dans %1 est trop grand.</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (timed out).</source>
        <translation>%1 : aucune donnée depuis %2 s (délai dépassé).</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3.</source>
        <translation>%1 : HTTP %2 %3.</translation>
    </message>
    <message>
        <source>%1: DNS: the host %2 was not found.</source>
        <translation>%1 : DNS : l&apos;hôte %2 est introuvable.</translation>
    </message>
    <message>
        <source>%1: the server refused the connection.</source>
        <translation>%1 : le serveur a refusé la connexion.</translation>
    </message>
    <message>
        <source>%1: the server closed the connection before the end.</source>
        <translation>%1 : le serveur a fermé la connexion avant la fin.</translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation>%1 : TLS : %2</translation>
    </message>
    <message>
        <source>%1: proxy: %2</source>
        <translation>%1 : proxy : %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: the server sends too slowly (fewer than %2 bytes in %3 s).</source>
        <translation>%1 : le serveur envoie trop lentement (moins de %2 octets en %3 s).</translation>
    </message>
    <message>
        <source>%1 is larger than a sync index can be.</source>
        <translation>%1 est plus grand que ne peut l&apos;être un index de synchronisation.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Cannot save %1 (is the disk full?): %2</source>
        <translation>Impossible d&apos;enregistrer %1 (le disque est-il plein ?) : %2</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>La synchronisation a été annulée.</translation>
    </message>
    <message>
        <source>%1 is longer than the index says.</source>
        <translation>%1 est plus long que ne l&apos;indique l&apos;index.</translation>
    </message>
    <message>
        <source>%1: the server sent %2 of %3 bytes.</source>
        <translation>%1 : le serveur a envoyé %2 octets sur %3.</translation>
    </message>
    <message>
        <source>The sync from %1 took longer than its limit of %2 s and was given up; the next sync takes it up again.</source>
        <translation>La synchronisation depuis %1 a dépassé sa limite de %2 s et a été abandonnée ; la prochaine synchronisation la reprendra.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation>Impossible de créer un dossier temporaire : %1</translation>
    </message>
</context>
<context>
    <name>kp::TrailReading</name>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>L&apos;entrée %1 est stockée comme ligne %2.</translation>
    </message>
</context>
<context>
    <name>kp::Zlib</name>
    <message>
        <source>The compressed data is corrupt or truncated.</source>
        <translation>Les données compressées sont corrompues ou tronquées.</translation>
    </message>
    <message>
        <source>The compressed data expands beyond %1 bytes.</source>
        <translation>Les données compressées se décompressent au-delà de %1 octets.</translation>
    </message>
</context>
<context>
    <name>kp::cli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 est trop grand.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 n&apos;est pas du JSON valide : %2 à la position %3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>--pki DIR is required.</source>
        <translation>--pki DOSSIER est obligatoire.</translation>
    </message>
    <message>
        <source>Folder to create the PKI in.</source>
        <translation>Dossier où créer la PKI.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>The publishing (home) authority&apos;s participant code.</source>
        <translation>Code de participant de l&apos;autorité qui publie (de rattachement).</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. Repeatable.</source>
        <translation>Un participant émetteur, éventuellement avec son algorithme : CODE[:es256|ps256|eddsa]. Répétable.</translation>
    </message>
    <message>
        <source>CODE[:ALG]</source>
        <translation>CODE[:ALG]</translation>
    </message>
    <message>
        <source>Create a demo PKI: a bundle key for the home authority, and an authority CA with a document signer for each issuer.</source>
        <translation>Créer une PKI de démonstration : une clé de paquets pour l&apos;autorité de rattachement, et une AC d&apos;autorité avec un signataire de documents pour chaque émetteur.</translation>
    </message>
    <message>
        <source>--out DIR and --home CODE are required.</source>
        <translation>--out DOSSIER et --home CODE sont obligatoires.</translation>
    </message>
    <message>
        <source>unknown algorithm &apos;%1&apos; (es256, ps256, eddsa).</source>
        <translation>algorithme « %1 » inconnu (es256, ps256, eddsa).</translation>
    </message>
    <message>
        <source>PKI written to %1; pin %1/bundle-cert.pem at the desks.</source>
        <translation>PKI écrite dans %1 ; épinglez %1/bundle-cert.pem sur les postes.</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder.</source>
        <translation>Le dossier de la PKI de l&apos;autorité.</translation>
    </message>
    <message>
        <source>The certificate record as JSON (kp1-barcode.md keys).</source>
        <translation>L’enregistrement du certificat en JSON (clés de kp1-barcode.md).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>Where to write the signed record (COSE_Sign1).</source>
        <translation>Où écrire l&apos;enregistrement signé (COSE_Sign1).</translation>
    </message>
    <message>
        <source>Also write the KP1 barcode text to this file.</source>
        <translation>Écrire aussi le texte du code-barres KP1 dans ce fichier.</translation>
    </message>
    <message>
        <source>Sign a certificate record with the issuer&apos;s document signer.</source>
        <translation>Signer un enregistrement de certificat avec le signataire de documents de l&apos;émetteur.</translation>
    </message>
    <message>
        <source>--in FILE and --out FILE are required.</source>
        <translation>--in FICHIER et --out FICHIER sont obligatoires.</translation>
    </message>
    <message>
        <source>the PKI has no document signer for %1.</source>
        <translation>la PKI n&apos;a pas de signataire de documents pour %1.</translation>
    </message>
    <message>
        <source>Signed %1 (%2 bytes).</source>
        <translation>%1 signé (%2 octets).</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) to print as KP1.</source>
        <translation>Un enregistrement signé (COSE_Sign1) à imprimer en KP1.</translation>
    </message>
    <message>
        <source>Text to print instead (e.g. a certificate number).</source>
        <translation>Texte à imprimer à la place (p. ex. un numéro de certificat).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXTE</translation>
    </message>
    <message>
        <source>The image file to write (PNG, JPEG, TIFF, BMP).</source>
        <translation>Le fichier image à écrire (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation>IMAGE</translation>
    </message>
    <message>
        <source>qr (default), datamatrix, aztec, pdf417 or code128.</source>
        <translation>qr (par défaut), datamatrix, aztec, pdf417 ou code128.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>Pixels per module (default 4).</source>
        <translation>Pixels par module (4 par défaut).</translation>
    </message>
    <message>
        <source>PX</source>
        <translation>PX</translation>
    </message>
    <message>
        <source>Print a barcode image with whole square modules and a four-module quiet zone.</source>
        <translation>Imprimer une image de code-barres à modules carrés entiers, avec une marge de quatre modules.</translation>
    </message>
    <message>
        <source>give --out IMAGE and either --in FILE or --text TEXT.</source>
        <translation>indiquez --out IMAGE et soit --in FICHIER, soit --text TEXTE.</translation>
    </message>
    <message>
        <source>unknown --symbology or --module out of 1-40.</source>
        <translation>--symbology inconnue ou --module hors de 1-40.</translation>
    </message>
    <message>
        <source>cannot write %1.</source>
        <translation>impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2x%3).</source>
        <translation>%1 écrit (%2x%3).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a date YYYY-MM-DD.</source>
        <translation>« %1 » doit être une date AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder.</source>
        <translation>Le dossier de la PKI de l&apos;autorité de rattachement.</translation>
    </message>
    <message>
        <source>Sequence number of the state this bundle produces.</source>
        <translation>Numéro de séquence de l&apos;état produit par ce paquet.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>For a delta: the seq it applies to (default 0: full).</source>
        <translation>Pour un delta : le n° auquel il s&apos;applique (0 par défaut : complet).</translation>
    </message>
    <message>
        <source>Days until desks show the data as stale (default 14).</source>
        <translation>Jours avant que les postes n&apos;affichent les données comme périmées (14 par défaut).</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>JOURS</translation>
    </message>
    <message>
        <source>Participants JSON: an array of {c, name, st, from, to?, note?}, or &apos;demo&apos; for the built-in list with its history.</source>
        <translation>Participants en JSON : un tableau de {c, name, st, from, to?, note?}, ou « demo » pour la liste intégrée avec son historique.</translation>
    </message>
    <message>
        <source>Include every authority CA and document signer of the PKI.</source>
        <translation>Inclure toutes les AC d&apos;autorité et tous les signataires de documents de la PKI.</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) for the registry. Repeatable.</source>
        <translation>Un enregistrement signé (COSE_Sign1) pour le registre. Répétable.</translation>
    </message>
    <message>
        <source>Revocations JSON: an array of {no, st, at, by, note?}.</source>
        <translation>Révocations en JSON : un tableau de {no, st, at, by, note?}.</translation>
    </message>
    <message>
        <source>Rules JSON: an object of rule key to value.</source>
        <translation>Règles en JSON : un objet associant chaque clé de règle à sa valeur.</translation>
    </message>
    <message>
        <source>The .kpsync file to write.</source>
        <translation>Le fichier .kpsync à écrire.</translation>
    </message>
    <message>
        <source>Publish a full or delta bundle signed with the home authority&apos;s bundle key.</source>
        <translation>Publier un paquet complet ou delta signé avec la clé de paquets de l&apos;autorité de rattachement.</translation>
    </message>
    <message>
        <source>--seq N (&gt;= 1), --base below it, --fresh-days and --out are needed.</source>
        <translation>--seq N (&gt;= 1), --base inférieur, --fresh-days et --out sont nécessaires.</translation>
    </message>
    <message>
        <source>each participant needs c, st and a &apos;from&apos; date.</source>
        <translation>chaque participant doit avoir c, st et une date « from ».</translation>
    </message>
    <message>
        <source>Wrote %1 bundle seq %2 to %3.</source>
        <translation>Paquet %1 n° %2 écrit dans %3.</translation>
    </message>
    <message>
        <source>full</source>
        <translation>complet</translation>
    </message>
    <message>
        <source>delta</source>
        <translation>delta</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder (its bundle key signs the index).</source>
        <translation>Le dossier de la PKI de l&apos;autorité de rattachement (sa clé de paquets signe l&apos;index).</translation>
    </message>
    <message>
        <source>The folder to publish: serve it over HTTP(S) or copy it to a USB stick.</source>
        <translation>Le dossier à publier : servez-le en HTTP(S) ou copiez-le sur une clé USB.</translation>
    </message>
    <message>
        <source>Keep deltas reaching the last N sequence numbers in the index (default 30).</source>
        <translation>Garder dans l&apos;index les deltas qui couvrent les N derniers numéros de séquence (30 par défaut).</translation>
    </message>
    <message>
        <source>Bundles (.kpsync) to add: full snapshots and deltas.</source>
        <translation>Paquets (.kpsync) à ajouter : instantanés complets et deltas.</translation>
    </message>
    <message>
        <source>Add bundles to a publication folder and write its signed index (kp-sync.md, &apos;On a web server&apos;).</source>
        <translation>Ajouter des paquets à un dossier de publication et écrire son index signé (kp-sync.md, « On a web server »).</translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation>--out DOSSIER est obligatoire.</translation>
    </message>
    <message>
        <source>--keep-deltas needs a number.</source>
        <translation>--keep-deltas attend un nombre.</translation>
    </message>
    <message numerus="yes">
        <source>Published seq %1 in %2: full snapshot seq %3 and %Ln delta(s).</source>
        <translation>
            <numerusform>N° %1 publié dans %2 : instantané complet n° %3 et %Ln delta.</numerusform>
            <numerusform>N° %1 publié dans %2 : instantané complet n° %3 et %Ln deltas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]</source>
        <translation>Usage : kpdesk-cli authority SOUS-COMMANDE [OPTIONS]</translation>
    </message>
    <message>
        <source>Subcommands:</source>
        <translation>Sous-commandes :</translation>
    </message>
    <message>
        <source>create a demo PKI (bundle key, authority CAs, document signers)</source>
        <translation>créer une PKI de démonstration (clé de paquets, AC d&apos;autorité, signataires de documents)</translation>
    </message>
    <message>
        <source>sign a certificate record from JSON</source>
        <translation>signer un enregistrement de certificat à partir de JSON</translation>
    </message>
    <message>
        <source>print a signed record or a number as a barcode image</source>
        <translation>imprimer un enregistrement signé ou un numéro en image de code-barres</translation>
    </message>
    <message>
        <source>make a full or delta .kpsync bundle</source>
        <translation>créer un paquet .kpsync complet ou delta</translation>
    </message>
    <message>
        <source>add bundles to a folder for a web server or USB stick, with its signed index</source>
        <translation>ajouter des paquets à un dossier pour un serveur web ou une clé USB, avec son index signé</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli authority SUBCOMMAND --help&apos; for its options.</source>
        <translation>Lancez « kpdesk-cli authority SOUS-COMMANDE --help » pour ses options.</translation>
    </message>
    <message>
        <source>kpdesk-cli authority: unknown subcommand &apos;%1&apos;.</source>
        <translation>kpdesk-cli authority : sous-commande « %1 » inconnue.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>kpdesk-cli %1: %2</source>
        <translation>kpdesk-cli %1 : %2</translation>
    </message>
    <message>
        <source>Try &apos;kpdesk-cli %1 --help&apos;.</source>
        <translation>Essayez « kpdesk-cli %1 --help ».</translation>
    </message>
    <message>
        <source>The desk&apos;s cache file (default: %1).</source>
        <translation>Le fichier cache du poste (par défaut : %1).</translation>
    </message>
    <message>
        <source>Where to make the demo desk (default: %1).</source>
        <translation>Où créer le poste de démonstration (par défaut : %1).</translation>
    </message>
    <message>
        <source>Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the verdict for each demo certificate.</source>
        <translation>Créer un poste de DÉMONSTRATION (PKI, certificats, images de codes-barres, paquets, cache) et afficher le verdict de chaque certificat de démonstration.</translation>
    </message>
    <message>
        <source>=== KP Desk DEMO: demo data, not real certificates ===</source>
        <translation>=== KP Desk DÉMO : données de démonstration, pas de vrais certificats ===</translation>
    </message>
    <message>
        <source>Making a demo desk of the EU in %1 ...</source>
        <translation>Création d&apos;un poste de démonstration de l&apos;UE dans %1 ...</translation>
    </message>
    <message>
        <source>demo: %1</source>
        <translation>démo : %1</translation>
    </message>
    <message>
        <source>Desk cache %1, bundles applied: %2</source>
        <translation>Cache du poste %1, paquets appliqués : %2</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>non lu</translation>
    </message>
    <message>
        <source>all checks passed (%1)</source>
        <translation>tous les contrôles réussis (%1)</translation>
    </message>
    <message>
        <source>Try one yourself:</source>
        <translation>Essayez vous-même :</translation>
    </message>
    <message numerus="yes">
        <source>demo: %Ln certificate(s) did not get the expected verdict.</source>
        <translation>
            <numerusform>démo : %Ln certificat n&apos;a pas obtenu le verdict attendu.</numerusform>
            <numerusform>démo : %Ln certificats n&apos;ont pas obtenu le verdict attendu.</numerusform>
        </translation>
    </message>
    <message>
        <source>The participant this desk works for (e.g. EU, CA, NA).</source>
        <translation>Le participant pour lequel travaille ce poste (p. ex. EU, CA, NA).</translation>
    </message>
    <message>
        <source>The home authority&apos;s bundle signer certificate (PEM). Repeat for key rollover.</source>
        <translation>Le certificat du signataire de paquets de l&apos;autorité de rattachement (PEM). À répéter lors d&apos;un changement de clé.</translation>
    </message>
    <message>
        <source>CERT.pem</source>
        <translation>CERT.pem</translation>
    </message>
    <message>
        <source>A sync source (URL or folder) to use by default. Repeatable.</source>
        <translation>Une source de synchronisation (URL ou dossier) à utiliser par défaut. Répétable.</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>init: --participant needs a two-letter participant code (e.g. EU, NA).</source>
        <translation>init : --participant attend un code de participant à deux lettres (p. ex. EU, NA).</translation>
    </message>
    <message>
        <source>init: at least one --bundle-key CERT.pem is needed.</source>
        <translation>init : au moins un --bundle-key CERT.pem est nécessaire.</translation>
    </message>
    <message>
        <source>init: %1 holds no X.509 certificate: %2</source>
        <translation>init : %1 ne contient aucun certificat X.509 : %2</translation>
    </message>
    <message>
        <source>init: %1 is already a desk of %2; use another file.</source>
        <translation>init : %1 est déjà un poste de %2 ; utilisez un autre fichier.</translation>
    </message>
    <message>
        <source>init: %1</source>
        <translation>init : %1</translation>
    </message>
    <message numerus="yes">
        <source>Desk of %1 ready in %2, with %Ln pinned bundle key(s).</source>
        <translation>
            <numerusform>Poste %1 prêt dans %2, avec %Ln clé de paquets épinglée.</numerusform>
            <numerusform>Poste %1 prêt dans %2, avec %Ln clés de paquets épinglées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation>Afficher un seul objet JSON.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s participant, data sequence, freshness and record counts.</source>
        <translation>Afficher le participant du poste, le numéro de ses données, leur fraîcheur et le nombre d’enregistrements.</translation>
    </message>
    <message>
        <source>KP Desk cache %1</source>
        <translation>Cache KP Desk %1</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>participant</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>n°</translation>
    </message>
    <message>
        <source>0 (never synced)</source>
        <translation>0 (jamais synchronisé)</translation>
    </message>
    <message>
        <source>published</source>
        <translation>publié le</translation>
    </message>
    <message>
        <source>fresh until</source>
        <translation>à jour jusqu&apos;au</translation>
    </message>
    <message>
        <source>  STALE: sync now</source>
        <translation>  PÉRIMÉ : synchronisez maintenant</translation>
    </message>
    <message>
        <source>last sync</source>
        <translation>dernière synchro</translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation>dernière tentative</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>sources</translation>
    </message>
    <message>
        <source>A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the authority&apos;s http(s) base URL. Default: the desk&apos;s configured sources.</source>
        <translation>Un fichier de paquet .kpsync, un dossier avec un index de synchronisation (p. ex. une clé USB), ou l&apos;URL http(s) de base de l&apos;autorité. Par défaut : les sources configurées du poste.</translation>
    </message>
    <message>
        <source>HTTP proxy as host:port, or &apos;none&apos;. Default: the system&apos;s proxy settings.</source>
        <translation>Proxy HTTP en hôte:port, ou « none ». Par défaut : les réglages de proxy du système.</translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation>PROXY</translation>
    </message>
    <message>
        <source>A CA certificate (PEM) to trust for the server, besides the system&apos;s.</source>
        <translation>Un certificat d&apos;AC (PEM) auquel se fier pour le serveur, en plus de ceux du système.</translation>
    </message>
    <message>
        <source>Seconds without data before a try is given up (default 30).</source>
        <translation>Secondes sans données avant d&apos;abandonner une tentative (30 par défaut).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDES</translation>
    </message>
    <message>
        <source>Further tries after a network failure (default 3).</source>
        <translation>Nouvelles tentatives après un échec réseau (3 par défaut).</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date from its home authority. Each bundle is applied whole or not at all.</source>
        <translation>Mettre à jour les données du poste auprès de son autorité de rattachement. Chaque paquet est appliqué en entier ou pas du tout.</translation>
    </message>
    <message>
        <source>sync: name at most one SOURCE.</source>
        <translation>sync : indiquez au plus une SOURCE.</translation>
    </message>
    <message>
        <source>sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).</source>
        <translation>sync : aucune SOURCE indiquée ni configurée (kpdesk-cli sources --db FICHIER --set SOURCE).</translation>
    </message>
    <message>
        <source>sync: --timeout needs a number of seconds.</source>
        <translation>sync : --timeout attend un nombre de secondes.</translation>
    </message>
    <message>
        <source>sync: --retries needs a number.</source>
        <translation>sync : --retries attend un nombre.</translation>
    </message>
    <message>
        <source>sync: %1: %2</source>
        <translation>sync : %1 : %2</translation>
    </message>
    <message>
        <source>Already current at seq %1 (%2); nothing changed.</source>
        <translation>Déjà à jour au n° %1 (%2) ; rien de changé.</translation>
    </message>
    <message>
        <source>Applied %1 bundle seq %2 (%3).</source>
        <translation>Paquet %1 n° %2 appliqué (%3).</translation>
    </message>
    <message>
        <source>delta from %1</source>
        <translation>delta depuis %1</translation>
    </message>
    <message>
        <source>The desk is at seq %1.</source>
        <translation>Le poste est au n° %1.</translation>
    </message>
    <message>
        <source>Replace the desk&apos;s sync sources with these (URL or folder), tried in order. Repeatable.</source>
        <translation>Remplacer les sources de synchronisation du poste par celles-ci (URL ou dossier), essayées dans l’ordre. Répétable.</translation>
    </message>
    <message>
        <source>Remove every configured source.</source>
        <translation>Supprimer toutes les sources configurées.</translation>
    </message>
    <message>
        <source>Show or set where &apos;sync&apos; takes bundles from when no SOURCE is given.</source>
        <translation>Afficher ou définir où « sync » prend les paquets quand aucune SOURCE n&apos;est indiquée.</translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation>sources : %1</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>RÉUSSI</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>ALERTE</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>non vérifié</translation>
    </message>
    <message>
        <source>ACCEPT: every check passed; release unless the physical check finds otherwise.</source>
        <translation>ACCEPTÉ : tous les contrôles sont réussis ; libérer sauf si le contrôle physique révèle autre chose.</translation>
    </message>
    <message>
        <source>DOUBT: examine the shipment, then release or flag reasonable doubt.</source>
        <translation>DOUTE : examiner l&apos;envoi, puis le libérer ou signaler un doute raisonnable.</translation>
    </message>
    <message>
        <source>REJECT: not authentic or not acceptable; hold the shipment.</source>
        <translation>REFUSÉ : non authentique ou non recevable ; retenir l&apos;envoi.</translation>
    </message>
    <message>
        <source>Certificate %1 (%2), inspected for %3 on %4</source>
        <translation>Certificat %1 (%2), inspecté pour %3 le %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>  Issued by %1 (%2) on %3, expires %4</source>
        <translation>  Délivré par %1 (%2) le %3, expire le %4</translation>
    </message>
    <message>
        <source>  Exporter: %1, %2</source>
        <translation>  Exportateur : %1, %2</translation>
    </message>
    <message>
        <source>  Importer: %1, %2</source>
        <translation>  Importateur : %1, %2</translation>
    </message>
    <message>
        <source>  Origin: %1; parcels: %2; carats: %3; US$ %4</source>
        <translation>  Origine : %1 ; colis : %2 ; carats : %3 ; %4 $ US</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>mixte</translation>
    </message>
    <message>
        <source>Validation date (default: today).</source>
        <translation>Date de validation (par défaut : aujourd&apos;hui).</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>Count this as a presentation at this desk.</source>
        <translation>Compter ceci comme une présentation à ce poste.</translation>
    </message>
    <message>
        <source>Verify this barcode text or certificate number.</source>
        <translation>Vérifier ce texte de code-barres ou ce numéro de certificat.</translation>
    </message>
    <message>
        <source>An image of the certificate&apos;s barcode.</source>
        <translation>Une image du code-barres du certificat.</translation>
    </message>
    <message>
        <source>verify: give either --text TEXT or one IMAGE.</source>
        <translation>verify : indiquez soit --text TEXTE, soit une IMAGE.</translation>
    </message>
    <message>
        <source>verify: --at needs a date as YYYY-MM-DD.</source>
        <translation>verify : --at attend une date AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>verify: %1 is not an initialised desk (run &apos;kpdesk-cli init&apos;).</source>
        <translation>verify : %1 n&apos;est pas un poste initialisé (lancez « kpdesk-cli init »).</translation>
    </message>
    <message>
        <source>verify: %1: %2</source>
        <translation>verify : %1 : %2</translation>
    </message>
    <message>
        <source>verify: nothing to verify (empty text).</source>
        <translation>verify : rien à vérifier (texte vide).</translation>
    </message>
    <message>
        <source>Image files (PNG, JPEG, TIFF, BMP).</source>
        <translation>Fichiers image (PNG, JPEG, TIFF, BMP).</translation>
    </message>
    <message>
        <source>List every barcode found in each image: symbology and text, whatever it holds.</source>
        <translation>Lister chaque code-barres trouvé dans chaque image : symbologie et texte, quel qu’en soit le contenu.</translation>
    </message>
    <message>
        <source>decode: name at least one IMAGE.</source>
        <translation>decode : indiquez au moins une IMAGE.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>no barcode found</source>
        <translation>aucun code-barres trouvé</translation>
    </message>
    <message>
        <source>create a desk cache for a participant, pinning its bundle key</source>
        <translation>créer le cache d&apos;un poste pour un participant, en épinglant sa clé de paquets</translation>
    </message>
    <message>
        <source>bring the desk up to date from a bundle file, folder or URL</source>
        <translation>mettre le poste à jour à partir d&apos;un fichier de paquet, d&apos;un dossier ou d&apos;une URL</translation>
    </message>
    <message>
        <source>show or set the desk&apos;s default sync sources</source>
        <translation>afficher ou définir les sources de synchronisation par défaut du poste</translation>
    </message>
    <message>
        <source>show the desk&apos;s participant, data and freshness</source>
        <translation>afficher le participant du poste, ses données et leur fraîcheur</translation>
    </message>
    <message>
        <source>verify a certificate from a barcode image or text</source>
        <translation>vérifier un certificat à partir d&apos;une image de code-barres ou d&apos;un texte</translation>
    </message>
    <message>
        <source>list every barcode found in images</source>
        <translation>lister chaque code-barres trouvé dans des images</translation>
    </message>
    <message>
        <source>authority side: demo PKI, issue, render, publish bundles</source>
        <translation>côté autorité : PKI de démonstration, émission, rendu, publication de paquets</translation>
    </message>
    <message>
        <source>make a demo desk with demo certificates and show their verdicts</source>
        <translation>créer un poste de démonstration avec des certificats de démonstration et afficher leurs verdicts</translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli COMMAND [OPTIONS]</source>
        <translation>Usage : kpdesk-cli COMMANDE [OPTIONS]</translation>
    </message>
    <message>
        <source>KP Desk: verify Kimberley Process certificates at an import desk.</source>
        <translation>KP Desk : vérifier les certificats du Processus de Kimberley à un poste d&apos;importation.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Commandes :</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>Lancez « kpdesk-cli COMMANDE --help » pour les options d&apos;une commande.</translation>
    </message>
    <message>
        <source>Exit status of verify: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Code de sortie de verify : 0 accepté, 1 doute, 2 refusé, 3 rien à vérifier, 4 erreur d&apos;usage ou d&apos;environnement.</translation>
    </message>
    <message>
        <source>kpdesk-cli: unknown command &apos;%1&apos;.</source>
        <translation>kpdesk-cli : commande « %1 » inconnue.</translation>
    </message>
    <message>
        <source>Contacts JSON: an array of {c, role, name, email?, phone?, addr?} with role authority, chair or wgm (c is KP for the last two), or &apos;demo&apos; for the demo desk&apos;s contacts.</source>
        <translation>Contacts en JSON : un tableau de {c, role, name, email?, phone?, addr?} où role vaut authority, chair ou wgm (c vaut KP pour les deux derniers), ou « demo » pour les contacts du poste de démonstration.</translation>
    </message>
    <message>
        <source>each contact needs c, name and a role: authority (c a participant), chair or wgm (c is KP).</source>
        <translation>chaque contact doit avoir c, name et un role : authority (c étant un participant), chair ou wgm (c valant KP).</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged and cannot be trusted: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>Les données du poste sont endommagées et ne sont pas fiables : lancez « kpdesk-cli repair --db %1 », puis synchronisez.</translation>
    </message>
    <message>
        <source>(could not be read)</source>
        <translation>(illisible)</translation>
    </message>
    <message>
        <source>DAMAGED: %1</source>
        <translation>ENDOMMAGÉ : %1</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>décomptes</translation>
    </message>
    <message>
        <source>sync: %1</source>
        <translation>sync : %1</translation>
    </message>
    <message>
        <source>rebuild a damaged desk cache, keeping the desk&apos;s own records</source>
        <translation>reconstruire un cache de poste endommagé en conservant les enregistrements propres du poste</translation>
    </message>
    <message>
        <source>add, list, disable accounts and set their passwords</source>
        <translation>ajouter, lister, désactiver des comptes et définir leurs mots de passe</translation>
    </message>
    <message>
        <source>verify, record the physical check and release a shipment</source>
        <translation>vérifier, enregistrer le contrôle physique et libérer un envoi</translation>
    </message>
    <message>
        <source>verify, record and flag reasonable doubt: opens a case</source>
        <translation>vérifier, enregistrer et signaler un doute raisonnable : ouvre une affaire</translation>
    </message>
    <message>
        <source>list the desk&apos;s cases with their state and events</source>
        <translation>lister les affaires du poste avec leur état et leurs événements</translation>
    </message>
    <message>
        <source>take, decide, note, close or reopen a case</source>
        <translation>prendre en charge, trancher, annoter, clore ou rouvrir une affaire</translation>
    </message>
    <message>
        <source>verify or export the desk&apos;s audit trail</source>
        <translation>vérifier ou exporter la piste d&apos;audit du poste</translation>
    </message>
    <message>
        <source>show or change the desk&apos;s settings</source>
        <translation>afficher ou modifier les réglages du poste</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Mot de passe de %1 : </translation>
    </message>
    <message>
        <source>%1: no password on standard input.</source>
        <translation>%1 : aucun mot de passe sur l&apos;entrée standard.</translation>
    </message>
    <message>
        <source>The barcode text or certificate number.</source>
        <translation>Le texte du code-barres ou le numéro de certificat.</translation>
    </message>
    <message>
        <source>The certificate number.</source>
        <translation>Le numéro de certificat.</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>NUMÉRO</translation>
    </message>
    <message>
        <source>%1: give one of --text TEXT, --number NO or one IMAGE.</source>
        <translation>%1 : indiquez soit --text TEXTE, soit --number NUMÉRO, soit une IMAGE.</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1 : %2 : %3</translation>
    </message>
    <message>
        <source>%1: nothing to verify (empty text).</source>
        <translation>%1 : rien à vérifier (texte vide).</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>Le nom du compte.</translation>
    </message>
    <message>
        <source>officer, supervisor or administrator.</source>
        <translation>officer, supervisor ou administrator.</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>RÔLE</translation>
    </message>
    <message>
        <source>add, list, disable or passwd.</source>
        <translation>add, list, disable ou passwd.</translation>
    </message>
    <message>
        <source>users: give one of add, list, disable, passwd.</source>
        <translation>users : indiquez add, list, disable ou passwd.</translation>
    </message>
    <message>
        <source>users %1: --name NAME is needed.</source>
        <translation>users %1 : --name NOM est nécessaire.</translation>
    </message>
    <message>
        <source>users disable: %1</source>
        <translation>users disable : %1</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>Compte %1 désactivé.</translation>
    </message>
    <message>
        <source>users add: --role is officer, supervisor or administrator.</source>
        <translation>users add : --role vaut officer, supervisor ou administrator.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Nouveau mot de passe de %1 : </translation>
    </message>
    <message>
        <source>users %1: no password on standard input.</source>
        <translation>users %1 : aucun mot de passe sur l&apos;entrée standard.</translation>
    </message>
    <message>
        <source>users add: %1</source>
        <translation>users add : %1</translation>
    </message>
    <message>
        <source>Account %1 (%2) added: %3</source>
        <translation>Compte %1 (%2) ajouté : %3</translation>
    </message>
    <message>
        <source>users passwd: %1</source>
        <translation>users passwd : %1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Mot de passe de %1 modifié.</translation>
    </message>
    <message>
        <source>%1: --user NAME is needed.</source>
        <translation>%1 : --user NOM est nécessaire.</translation>
    </message>
    <message>
        <source>Inspection %1: %2 %3</source>
        <translation>Inspection %1 : %2 %3</translation>
    </message>
    <message>
        <source>Who signs in (password on standard input).</source>
        <translation>Qui se connecte (mot de passe sur l&apos;entrée standard).</translation>
    </message>
    <message>
        <source>Parcels counted.</source>
        <translation>Colis comptés.</translation>
    </message>
    <message>
        <source>Mass weighed, in carats.</source>
        <translation>Masse pesée, en carats.</translation>
    </message>
    <message>
        <source>CARATS</source>
        <translation>CARATS</translation>
    </message>
    <message>
        <source>The seals are intact.</source>
        <translation>Les scellés sont intacts.</translation>
    </message>
    <message>
        <source>The importer matches the declaration.</source>
        <translation>L&apos;importateur correspond à la déclaration.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and its physical check, and release the shipment when the role and the verdict allow it.
Exit status: 0 released, 1 not released (the reason is printed and recorded), 3 nothing to verify, 4 usage or environment error.</source>
        <translation>Vérifier un certificat, enregistrer l&apos;inspection et son contrôle physique, et libérer l&apos;envoi quand le rôle et le verdict le permettent.
Code de sortie : 0 libéré, 1 non libéré (le motif est affiché et enregistré), 3 rien à vérifier, 4 erreur d&apos;usage ou d&apos;environnement.</translation>
    </message>
    <message>
        <source>release: --parcels N and --mass CARATS are needed.</source>
        <translation>release : --parcels N et --mass CARATS sont nécessaires.</translation>
    </message>
    <message>
        <source>release: %1</source>
        <translation>release : %1</translation>
    </message>
    <message>
        <source>release: not released: %1</source>
        <translation>release : non libéré : %1</translation>
    </message>
    <message>
        <source>RELEASED: %1 by %2</source>
        <translation>LIBÉRÉ : %1 par %2</translation>
    </message>
    <message>
        <source>A reason for doubt (repeatable).</source>
        <translation>Un motif de doute (répétable).</translation>
    </message>
    <message>
        <source>A note.</source>
        <translation>Une note.</translation>
    </message>
    <message>
        <source>A file to attach (repeatable).</source>
        <translation>Un fichier à joindre (répétable).</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>L&apos;envoi est retenu.</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and flag reasonable doubt: opens a case and prints its id.</source>
        <translation>Vérifier un certificat, enregistrer l&apos;inspection et signaler un doute raisonnable : ouvre une affaire et affiche son identifiant.</translation>
    </message>
    <message>
        <source>flag: --reason TEXT is needed.</source>
        <translation>flag : --reason TEXTE est nécessaire.</translation>
    </message>
    <message>
        <source>flag: %1</source>
        <translation>flag : %1</translation>
    </message>
    <message>
        <source>Only cases in this state.</source>
        <translation>Seulement les affaires dans cet état.</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <source>List the desk&apos;s cases, held shipments first then oldest, with their events.</source>
        <translation>Lister les affaires du poste, envois retenus d&apos;abord puis les plus anciennes, avec leurs événements.</translation>
    </message>
    <message>
        <source>cases: --state is open, in_review, decided, escalated or closed.</source>
        <translation>cases : --state vaut open, in_review, decided, escalated ou closed.</translation>
    </message>
    <message>
        <source>HELD</source>
        <translation>RETENU</translation>
    </message>
    <message>
        <source>decide: released, detained, seized or refused.</source>
        <translation>decide : released, detained, seized ou refused.</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>ISSUE</translation>
    </message>
    <message>
        <source>The reason (decide, close, reopen).</source>
        <translation>Le motif (decide, close, reopen).</translation>
    </message>
    <message>
        <source>The note&apos;s text.</source>
        <translation>Le texte de la note.</translation>
    </message>
    <message>
        <source>note: a file to attach as evidence (repeatable).</source>
        <translation>note : un fichier à joindre comme élément de preuve (répétable).</translation>
    </message>
    <message>
        <source>The case&apos;s id.</source>
        <translation>L&apos;identifiant de l&apos;affaire.</translation>
    </message>
    <message>
        <source>Work a case as a signed-in person.
Exit status: 0 done, 1 refused (role, four eyes, the case&apos;s state, sign-in), 4 usage or environment error.</source>
        <translation>Traiter une affaire en tant que personne connectée.
Code de sortie : 0 fait, 1 refusé (rôle, quatre yeux, état de l&apos;affaire, connexion), 4 erreur d&apos;usage ou d&apos;environnement.</translation>
    </message>
    <message>
        <source>case decide: --outcome is released, detained, seized or refused.</source>
        <translation>case decide : --outcome vaut released, detained, seized ou refused.</translation>
    </message>
    <message>
        <source>case note: %1</source>
        <translation>case note : %1</translation>
    </message>
    <message>
        <source>case note: give --text TEXT or --attach FILE.</source>
        <translation>case note : indiquez --text TEXTE ou --attach FICHIER.</translation>
    </message>
    <message>
        <source>case %1: %2</source>
        <translation>case %1 : %2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>Affaire %1 : %2</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export : le fichier à écrire.</translation>
    </message>
    <message>
        <source>verify or export.</source>
        <translation>verify ou export.</translation>
    </message>
    <message>
        <source>verify: recompute the audit trail&apos;s hash chain (exit 0 and &apos;entries N head HEX&apos;, or 1 naming the first entry that does not hold).
export: write the trail as a CBOR sequence (RFC 8742) of the entries as hashed.</source>
        <translation>verify : recalculer la chaîne d&apos;empreintes de la piste d&apos;audit (code 0 et « entries N head HEX », ou 1 en nommant la première entrée qui n&apos;est pas intègre).
export : écrire la piste sous forme de séquence CBOR (RFC 8742) des entrées telles qu&apos;elles ont été hachées.</translation>
    </message>
    <message>
        <source>audit: give &apos;verify&apos;, or &apos;export --out FILE&apos;.</source>
        <translation>audit : indiquez « verify », ou « export --out FICHIER ».</translation>
    </message>
    <message>
        <source>audit verify: %1</source>
        <translation>audit verify : %1</translation>
    </message>
    <message>
        <source>audit verify: the trail does not hold at entry %1: %2</source>
        <translation>audit verify : la piste n&apos;est pas intègre à l&apos;entrée %1 : %2</translation>
    </message>
    <message>
        <source>audit export: %1: %2</source>
        <translation>audit export : %1 : %2</translation>
    </message>
    <message>
        <source>audit export: %1</source>
        <translation>audit export : %1</translation>
    </message>
    <message>
        <source>audit export: cannot write %1.</source>
        <translation>audit export : impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>on: a supervisor may decide a case they flagged (the decision says so).</source>
        <translation>on : un superviseur peut statuer sur une affaire qu&apos;il a signalée (la décision le mentionne).</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Lock an idle desk after N minutes.</source>
        <translation>Verrouiller un poste inactif après N minutes.</translation>
    </message>
    <message>
        <source>What people call this desk.</source>
        <translation>Le nom usuel de ce poste.</translation>
    </message>
    <message>
        <source>settings: --one-person-post is on or off.</source>
        <translation>settings : --one-person-post vaut on ou off.</translation>
    </message>
    <message>
        <source>settings: --idle-lock-minutes needs a number.</source>
        <translation>settings : --idle-lock-minutes attend un nombre.</translation>
    </message>
    <message>
        <source>settings: %1</source>
        <translation>settings : %1</translation>
    </message>
    <message>
        <source>Rebuild a damaged desk cache: keep every readable record of the desk itself (configuration, presentations, inspections, flags, attachments), drop the authorities&apos; data to be fetched again by the next sync, and keep the damaged file beside it. Close the window first.</source>
        <translation>Reconstruire un cache de poste endommagé : conserver chaque enregistrement lisible propre au poste (configuration, présentations, inspections, signalements, pièces jointes), abandonner les données des autorités, que la prochaine synchronisation récupérera à nouveau, et conserver le fichier endommagé à côté. Fermez d&apos;abord la fenêtre.</translation>
    </message>
    <message>
        <source>repair: there is no desk cache at %1.</source>
        <translation>repair : il n&apos;y a pas de cache de poste à %1.</translation>
    </message>
    <message>
        <source>repair: %1</source>
        <translation>repair : %1</translation>
    </message>
    <message>
        <source>Repaired the desk cache %1.</source>
        <translation>Cache du poste %1 réparé.</translation>
    </message>
    <message>
        <source>Kept (the desk&apos;s own records):</source>
        <translation>Conservé (enregistrements propres du poste) :</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln ligne</numerusform>
            <numerusform>%Ln lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost (could not be read from the damaged file):</source>
        <translation>Perdu (illisible dans le fichier endommagé) :</translation>
    </message>
    <message>
        <source>some rows (how many is unknown)</source>
        <translation>quelques lignes (nombre inconnu)</translation>
    </message>
    <message>
        <source>Lost: nothing of the desk&apos;s own records.</source>
        <translation>Perdu : aucun des enregistrements propres du poste.</translation>
    </message>
    <message>
        <source>Dropped: the authorities&apos; data (participants, CAs, signers, registry, revocations, rules, contacts); the desk is at seq 0.</source>
        <translation>Abandonné : les données des autorités (participants, AC, signataires, registre, révocations, règles, contacts) ; le poste est au n° 0.</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>Le fichier endommagé est conservé sous le nom %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again: kpdesk-cli sync --db %1</source>
        <translation>Synchronisez maintenant pour récupérer à nouveau les données de l&apos;autorité : kpdesk-cli sync --db %1</translation>
    </message>
    <message>
        <source>verify: the desk&apos;s data could not be read: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>verify : les données du poste n&apos;ont pas pu être lues : lancez « kpdesk-cli repair --db %1 », puis synchronisez.</translation>
    </message>
    <message>
        <source>verify: the presentation was not recorded: %1</source>
        <translation>verify : la présentation n&apos;a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>La piste d&apos;audit du poste n&apos;a pas pu être écrite : %1</translation>
    </message>
    <message>
        <source>The message ledger: every confirmed import becomes a &apos;used&apos; revocation (an entry of --revoked for the same number wins).</source>
        <translation>Le journal des messages : chaque importation confirmée devient une révocation « used » (une entrée de --revoked pour le même numéro l&apos;emporte).</translation>
    </message>
    <message>
        <source>There is no message ledger at %1.</source>
        <translation>Il n&apos;y a pas de journal des messages à %1.</translation>
    </message>
    <message>
        <source>issue a desk certificate for a desk&apos;s request</source>
        <translation>émettre un certificat de poste pour la demande d&apos;un poste</translation>
    </message>
    <message>
        <source>list the desks enrolled and revoked</source>
        <translation>lister les postes enrôlés et révoqués</translation>
    </message>
    <message>
        <source>revoke a desk&apos;s certificate</source>
        <translation>révoquer le certificat d&apos;un poste</translation>
    </message>
    <message>
        <source>take the desks&apos; messages from an intake folder into the ledger</source>
        <translation>prendre en charge les messages des postes depuis un dossier de réception dans le journal</translation>
    </message>
    <message>
        <source>list the reasonable doubts the desks reported</source>
        <translation>lister les doutes raisonnables signalés par les postes</translation>
    </message>
    <message>
        <source>Participant: %1</source>
        <translation>Participant : %1</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>Non enrôlé.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>Non enrôlé : le poste %1 attend son certificat.</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>Poste : %1</translation>
    </message>
    <message>
        <source>Certificate: C=%1, CN=%2</source>
        <translation>Certificat : C=%1, CN=%2</translation>
    </message>
    <message>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>Valide : du %1 au %2 (UTC)</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256 : %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id: participant, post and desk (e.g. EU-ANR-03).</source>
        <translation>L&apos;identifiant du poste : participant, bureau et poste (p. ex. EU-ANR-03).</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Where to write the certificate request for the authority.</source>
        <translation>Où écrire la demande de certificat destinée à l&apos;autorité.</translation>
    </message>
    <message>
        <source>FILE.pem</source>
        <translation>FICHIER.pem</translation>
    </message>
    <message>
        <source>Enrol an enrolled desk again: a new key replaces the old one.</source>
        <translation>Enrôler à nouveau un poste déjà enrôlé : une nouvelle clé remplace l&apos;ancienne.</translation>
    </message>
    <message>
        <source>Install the desk certificate the authority issued.</source>
        <translation>Installer le certificat de poste émis par l&apos;autorité.</translation>
    </message>
    <message>
        <source>Show the desk&apos;s enrolment.</source>
        <translation>Afficher l&apos;enrôlement du poste.</translation>
    </message>
    <message>
        <source>With --status: print one JSON object.</source>
        <translation>Avec --status : afficher un seul objet JSON.</translation>
    </message>
    <message>
        <source>Make the desk&apos;s key and a certificate request for its home authority, install the certificate it issues, or show the enrolment. The private key stays in a file beside the desk&apos;s database, readable by this user only.</source>
        <translation>Créer la clé du poste et une demande de certificat pour son autorité de rattachement, installer le certificat qu&apos;elle émet, ou afficher l&apos;enrôlement. La clé privée reste dans un fichier à côté de la base de données du poste, lisible par cet utilisateur seulement.</translation>
    </message>
    <message>
        <source>give --desk-id ID with --csr-out FILE.pem, or --install CERT.pem, or --status.</source>
        <translation>indiquez --desk-id ID avec --csr-out FICHIER.pem, ou --install CERT.pem, ou --status.</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority (&apos;kpdesk-cli authority enrol&apos;), then install the certificate with --install.</source>
        <translation>Demande de certificat du poste %1 écrite dans %2 : remettez-la à l&apos;autorité de rattachement (« kpdesk-cli authority enrol »), puis installez le certificat avec --install.</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Certificat du poste %1 installé, valide jusqu&apos;au %2 (UTC).</translation>
    </message>
    <message>
        <source>The desk&apos;s certificate request.</source>
        <translation>La demande de certificat du poste.</translation>
    </message>
    <message>
        <source>Where to write the desk certificate.</source>
        <translation>Où écrire le certificat de poste.</translation>
    </message>
    <message>
        <source>Days the certificate is valid (default 730).</source>
        <translation>Nombre de jours de validité du certificat (730 par défaut).</translation>
    </message>
    <message>
        <source>Issue a desk certificate with the home participant&apos;s authority CA, and add the desk to the authority&apos;s list.</source>
        <translation>Émettre un certificat de poste avec l&apos;AC d&apos;autorité du participant de rattachement, et ajouter le poste à la liste de l&apos;autorité.</translation>
    </message>
    <message>
        <source>--csr FILE.pem and --out CERT.pem are required; --days needs a number.</source>
        <translation>--csr FICHIER.pem et --out CERT.pem sont obligatoires ; --days attend un nombre.</translation>
    </message>
    <message>
        <source>Enrolled desk %1 until %2 (UTC); its certificate is in %3.</source>
        <translation>Poste %1 enrôlé jusqu&apos;au %2 (UTC) ; son certificat est dans %3.</translation>
    </message>
    <message>
        <source>List the desks the authority enrolled and revoked.</source>
        <translation>Lister les postes enrôlés et révoqués par l&apos;autorité.</translation>
    </message>
    <message>
        <source>No desk enrolled yet.</source>
        <translation>Aucun poste enrôlé pour l&apos;instant.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>révoqué le %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>jusqu&apos;au %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id (e.g. EU-ANR-03).</source>
        <translation>L&apos;identifiant du poste (p. ex. EU-ANR-03).</translation>
    </message>
    <message>
        <source>Revoke every certificate of a desk in the authority&apos;s list.</source>
        <translation>Révoquer tous les certificats d&apos;un poste dans la liste de l&apos;autorité.</translation>
    </message>
    <message>
        <source>--desk ID is required.</source>
        <translation>--desk ID est obligatoire.</translation>
    </message>
    <message>
        <source>Revoked desk %1.</source>
        <translation>Poste %1 révoqué.</translation>
    </message>
    <message>
        <source>%1 is not a CA certificate.</source>
        <translation>%1 n&apos;est pas un certificat d&apos;AC.</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, message %3 never arrived</source>
        <translation>lacune : le poste %1 a envoyé n=%2, le message %3 n&apos;est jamais arrivé</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, messages %3 to %4 never arrived</source>
        <translation>lacune : le poste %1 a envoyé n=%2, les messages %3 à %4 ne sont jamais arrivés</translation>
    </message>
    <message>
        <source>repeat: desk %1 sent n=%2 again as another message (%3; first %4)</source>
        <translation>répétition : le poste %1 a envoyé à nouveau n=%2 dans un autre message (%3 ; le premier : %4)</translation>
    </message>
    <message>
        <source>audit trail rewritten? desk %1, message %2 gives another hash for an audit entry than message %3</source>
        <translation>piste d&apos;audit réécrite ? poste %1 : le message %2 donne pour une entrée d&apos;audit une autre empreinte que le message %3</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>pris en charge</translation>
    </message>
    <message>
        <source>skipped (already taken)</source>
        <translation>ignoré (déjà pris en charge)</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>--ledger FILE is required.</source>
        <translation>--ledger FICHIER est obligatoire.</translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger (created on first use).</source>
        <translation>Le journal des messages de l&apos;autorité (créé à la première utilisation).</translation>
    </message>
    <message>
        <source>Print the outcome as JSON.</source>
        <translation>Afficher le résultat en JSON.</translation>
    </message>
    <message>
        <source>The folder the desks&apos; messages arrive in.</source>
        <translation>Le dossier où arrivent les messages des postes.</translation>
    </message>
    <message>
        <source>Take the desks&apos; messages (*.kpmsg) from an intake folder into the ledger; refused ones go to INTAKE_DIR/refused/ with their reason.</source>
        <translation>Prendre en charge les messages des postes (*.kpmsg) depuis un dossier de réception dans le journal ; les messages refusés vont dans INTAKE_DIR/refused/ avec leur motif.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) taken</source>
        <translation>
            <numerusform>%Ln message pris en charge</numerusform>
            <numerusform>%Ln messages pris en charge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln ignoré</numerusform>
            <numerusform>%Ln ignorés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln refusé</numerusform>
            <numerusform>%Ln refusés</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger.</source>
        <translation>Le journal des messages de l&apos;autorité.</translation>
    </message>
    <message>
        <source>Print the cases as JSON.</source>
        <translation>Afficher les affaires en JSON.</translation>
    </message>
    <message>
        <source>List the reasonable doubts the desks reported, newest first.</source>
        <translation>Lister les doutes raisonnables signalés par les postes, les plus récents d&apos;abord.</translation>
    </message>
    <message>
        <source>No doubts received.</source>
        <translation>Aucun doute reçu.</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 octets)</translation>
    </message>
    <message>
        <source>desk %1</source>
        <translation>poste %1</translation>
    </message>
    <message>
        <source>case %1, message %2</source>
        <translation>affaire %1, message %2</translation>
    </message>
    <message>
        <source>decision: %1</source>
        <translation>décision : %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>à : %1</translation>
    </message>
    <message>
        <source>files: %1</source>
        <translation>fichiers : %1</translation>
    </message>
    <message>
        <source>enrol the desk with its home authority: key, request, certificate</source>
        <translation>enrôler le poste auprès de son autorité de rattachement : clé, demande, certificat</translation>
    </message>
    <message>
        <source>list the desk&apos;s messages to its authority, export them to a folder or send them</source>
        <translation>lister les messages du poste à son autorité, les exporter vers un dossier ou les envoyer</translation>
    </message>
    <message>
        <source>write one case or one inspection as a PDF for the customs file</source>
        <translation>écrire une affaire ou une inspection en PDF pour le dossier douanier</translation>
    </message>
    <message>
        <source>find past inspections by number, dates, verdict, officer</source>
        <translation>retrouver des inspections passées par numéro, dates, verdict, agent</translation>
    </message>
    <message>
        <source>delivered %1 to %2</source>
        <translation>remis le %1 à %2</translation>
    </message>
    <message>
        <source>handed over %1 in %2</source>
        <translation>déposé le %1 dans %2</translation>
    </message>
    <message numerus="yes">
        <source>waiting; %Ln attempt(s), last: %1</source>
        <translation>
            <numerusform>en attente ; %Ln tentative, la dernière : %1</numerusform>
            <numerusform>en attente ; %Ln tentatives, la dernière : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) waiting.</source>
        <translation>
            <numerusform>%Ln message en attente.</numerusform>
            <numerusform>%Ln messages en attente.</numerusform>
        </translation>
    </message>
    <message>
        <source>list: as JSON.</source>
        <translation>list : en JSON.</translation>
    </message>
    <message>
        <source>list (the default), export DIR, or send.</source>
        <translation>list (par défaut), export DOSSIER, ou send.</translation>
    </message>
    <message>
        <source>The desk&apos;s messages to its home authority: list them, copy the waiting ones to a folder (export DIR), or PUT them to the intake (send).
Exit status: 0 done (send: every message delivered), 1 some stay waiting (the reasons are printed), 4 usage or environment error.</source>
        <translation>Les messages du poste à son autorité de rattachement : les lister, copier ceux en attente dans un dossier (export DOSSIER), ou les envoyer par PUT à l&apos;adresse de réception (send).
Code de sortie : 0 fait (send : tous les messages remis), 1 certains restent en attente (les motifs sont affichés), 4 erreur d&apos;usage ou d&apos;environnement.</translation>
    </message>
    <message>
        <source>outbox: give list, export DIR, or send.</source>
        <translation>outbox : indiquez list, export DOSSIER, ou send.</translation>
    </message>
    <message>
        <source>outbox %1: %2</source>
        <translation>outbox %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) copied to the folder.</source>
        <translation>
            <numerusform>%Ln message copié dans le dossier.</numerusform>
            <numerusform>%Ln messages copiés dans le dossier.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) delivered.</source>
        <translation>
            <numerusform>%Ln message remis.</numerusform>
            <numerusform>%Ln messages remis.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still waiting.</source>
        <translation>
            <numerusform>%Ln toujours en attente.</numerusform>
            <numerusform>%Ln toujours en attente.</numerusform>
        </translation>
    </message>
    <message>
        <source>The case to print.</source>
        <translation>L&apos;affaire à imprimer.</translation>
    </message>
    <message>
        <source>CASE_ID</source>
        <translation>CASE_ID</translation>
    </message>
    <message>
        <source>The inspection to print.</source>
        <translation>L&apos;inspection à imprimer.</translation>
    </message>
    <message>
        <source>INSPECTION_ID</source>
        <translation>INSPECTION_ID</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>Le fichier PDF à écrire.</translation>
    </message>
    <message>
        <source>Write one case (with its events, attachments and inspection) or one inspection as a PDF (A4).
Exit status: 0 written, 1 no such case or inspection, 4 usage or environment error (the desk cannot be read, the file cannot be written).</source>
        <translation>Écrire une affaire (avec ses événements, ses pièces jointes et son inspection) ou une inspection en PDF (A4).
Code de sortie : 0 écrit, 1 affaire ou inspection introuvable, 4 erreur d&apos;usage ou d&apos;environnement (le poste ne peut pas être lu, le fichier ne peut pas être écrit).</translation>
    </message>
    <message>
        <source>print: give one of --case CASE_ID or --inspection INSPECTION_ID, and --out FILE.pdf.</source>
        <translation>print : indiquez --case CASE_ID ou --inspection INSPECTION_ID, et --out FICHIER.pdf.</translation>
    </message>
    <message>
        <source>print: %1</source>
        <translation>print : %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln page(s))</source>
        <translation>
            <numerusform>%1 (%Ln page)</numerusform>
            <numerusform>%1 (%Ln pages)</numerusform>
        </translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>Les signalements conservés avant que ce poste ne gère des affaires n&apos;ont pas pu être repris : %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln flag(s) kept before this desk had cases are now cases.</source>
        <translation>
            <numerusform>%Ln signalement conservé avant que ce poste ne gère des affaires est désormais une affaire.</numerusform>
            <numerusform>%Ln signalements conservés avant que ce poste ne gère des affaires sont désormais des affaires.</numerusform>
        </translation>
    </message>
    <message>
        <source>release: no import confirmation was made: %1</source>
        <translation>release : aucune confirmation d&apos;importation n&apos;a été créée : %1</translation>
    </message>
    <message>
        <source>Import confirmation waiting in the outbox (kpdesk-cli outbox send).</source>
        <translation>Confirmation d&apos;importation en attente dans la boîte d&apos;envoi (kpdesk-cli outbox send).</translation>
    </message>
    <message>
        <source>case escalate: the PDF of the case could not be made: %1</source>
        <translation>case escalate : le PDF de l&apos;affaire n&apos;a pas pu être créé : %1</translation>
    </message>
    <message>
        <source>case: %1</source>
        <translation>case : %1</translation>
    </message>
    <message>
        <source>case recheck: %1</source>
        <translation>case recheck : %1</translation>
    </message>
    <message>
        <source>the case&apos;s inspection %1 is not in the records.</source>
        <translation>l&apos;inspection %1 de l&apos;affaire ne figure pas dans les enregistrements.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Aujourd&apos;hui (%1) : %2</translation>
    </message>
    <message>
        <source>The certificate number (case and spaces ignored).</source>
        <translation>Le numéro de certificat (sans tenir compte de la casse ni des espaces).</translation>
    </message>
    <message>
        <source>From this day on (local time).</source>
        <translation>À partir de ce jour (heure locale).</translation>
    </message>
    <message>
        <source>Up to this day, included (local time).</source>
        <translation>Jusqu&apos;à ce jour inclus (heure locale).</translation>
    </message>
    <message>
        <source>The final verdict: accept, doubt or reject.</source>
        <translation>Le verdict final : accept, doubt ou reject.</translation>
    </message>
    <message>
        <source>VERDICT</source>
        <translation>VERDICT</translation>
    </message>
    <message>
        <source>Who inspected (case ignored).</source>
        <translation>Qui a inspecté (sans tenir compte de la casse).</translation>
    </message>
    <message>
        <source>The certificate&apos;s participant (two letters).</source>
        <translation>Le participant du certificat (deux lettres).</translation>
    </message>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>At most N inspections (default 500).</source>
        <translation>Au plus N inspections (500 par défaut).</translation>
    </message>
    <message>
        <source>Find the desk&apos;s past inspections, newest first. When more than the limit match, says so: narrow the search.
Exit status: 0 searched (even when none matched), 4 usage error or the records could not be read.</source>
        <translation>Retrouver les inspections passées du poste, les plus récentes d&apos;abord. Quand plus d&apos;inspections que la limite correspondent, le signale : affinez la recherche.
Code de sortie : 0 recherche effectuée (même si rien ne correspond), 4 erreur d&apos;usage ou enregistrements illisibles.</translation>
    </message>
    <message>
        <source>inspections: --%1 needs a date as YYYY-MM-DD.</source>
        <translation>inspections : --%1 attend une date au format AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>inspections: --from is after --to.</source>
        <translation>inspections : --from est postérieur à --to.</translation>
    </message>
    <message>
        <source>inspections: --verdict is accept, doubt or reject.</source>
        <translation>inspections : --verdict vaut accept, doubt ou reject.</translation>
    </message>
    <message>
        <source>inspections: --participant needs a two-letter code (e.g. BW).</source>
        <translation>inspections : --participant attend un code à deux lettres (p. ex. BW).</translation>
    </message>
    <message>
        <source>inspections: --limit needs a number of at least 1.</source>
        <translation>inspections : --limit attend un nombre au moins égal à 1.</translation>
    </message>
    <message>
        <source>inspections: %1</source>
        <translation>inspections : %1</translation>
    </message>
    <message>
        <source>CASE</source>
        <translation>AFFAIRE</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Plus de %Ln inspection trouvée : affinez la recherche.</numerusform>
            <numerusform>Plus de %Ln inspections trouvées : affinez la recherche.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>%Ln inspection trouvée.</numerusform>
            <numerusform>%Ln inspections trouvées.</numerusform>
        </translation>
    </message>
    <message>
        <source>escalate: an addressee, a participant&apos;s code, KP-CHAIR or KP-WGM (repeatable; default: the issuer&apos;s and this desk&apos;s authorities, the KP Chair and the WGM).</source>
        <translation>escalate : un destinataire, code d&apos;un participant, KP-CHAIR ou KP-WGM (répétable ; par défaut : les autorités de l&apos;émetteur et de ce poste, la présidence du PK et le WGM).</translation>
    </message>
    <message>
        <source>TO</source>
        <translation>DEST</translation>
    </message>
    <message>
        <source>take, decide, note, escalate, close, reopen, or recheck (no --user: the inspection verified again against today&apos;s data, and what changed).</source>
        <translation>take, decide, note, escalate, close, reopen ou recheck (sans --user : l&apos;inspection vérifiée à nouveau avec les données du jour, et ce qui a changé).</translation>
    </message>
    <message>
        <source>case: give --user NAME, one of take, decide, note, escalate, close, reopen, and the CASE_ID.</source>
        <translation>case : indiquez --user NOM, une action parmi take, decide, note, escalate, close, reopen, et le CASE_ID.</translation>
    </message>
    <message>
        <source>Escalated to %1; message %2 waiting in the outbox.</source>
        <translation>Transmise à %1 ; message %2 en attente dans la boîte d&apos;envoi.</translation>
    </message>
    <message>
        <source>The home authority&apos;s intake base URL (https) for the outbox; &apos;&apos; for none.</source>
        <translation>L&apos;URL de base (https) de réception de l&apos;autorité de rattachement pour la boîte d&apos;envoi ; &apos;&apos; pour aucune.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A CA file (PEM) trusted for the intake server besides the system&apos;s.</source>
        <translation>Un fichier d&apos;AC (PEM) auquel se fier pour le serveur de réception, en plus de celles du système.</translation>
    </message>
    <message>
        <source>HTTP proxy for the outbox as host:port, or &apos;none&apos;. Default: the system&apos;s.</source>
        <translation>Proxy HTTP pour la boîte d&apos;envoi en hôte:port, ou « none ». Par défaut : celui du système.</translation>
    </message>
    <message>
        <source>Create a desk cache for a participant and pin its home authority&apos;s bundle keys.</source>
        <translation>Créer le cache d&apos;un poste pour un participant et épingler les clés de paquets de son autorité de rattachement.</translation>
    </message>
    <message>
        <source>link the desk to its office&apos;s database and replicate with it</source>
        <translation>relier le poste à la base de données de son bureau et se répliquer avec elle</translation>
    </message>
    <message>
        <source>create or migrate the office&apos;s database schema</source>
        <translation>créer ou migrer le schéma de la base de données du bureau</translation>
    </message>
    <message>
        <source>office: %1</source>
        <translation>office : %1</translation>
    </message>
    <message>
        <source>This desk replicates with %1.</source>
        <translation>Ce poste se réplique avec %1.</translation>
    </message>
    <message>
        <source>Its password is kept in %1, readable by this account only.</source>
        <translation>Son mot de passe est conservé dans %1, lisible par ce compte uniquement.</translation>
    </message>
    <message>
        <source>No office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>Aucun bureau n&apos;est défini (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>Bureau : %1</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Non connecté : %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln enregistrement attend d&apos;être envoyé au bureau.</numerusform>
            <numerusform>%Ln enregistrements attendent d&apos;être envoyés au bureau.</numerusform>
        </translation>
    </message>
    <message>
        <source>office --sync: %1</source>
        <translation>office --sync : %1</translation>
    </message>
    <message>
        <source>office --sync: no office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>office --sync : aucun bureau n&apos;est défini (kpdesk-cli office --set postgresql://…).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) went up;</source>
        <translation>
            <numerusform>%Ln enregistrement envoyé ;</numerusform>
            <numerusform>%Ln enregistrements envoyés ;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) of other desks</source>
        <translation>
            <numerusform>reçus : %Ln affaire d&apos;autres postes</numerusform>
            <numerusform>reçus : %Ln affaires d&apos;autres postes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln event(s) made elsewhere came down.</source>
        <translation>
            <numerusform>et %Ln événement fait ailleurs.</numerusform>
            <numerusform>et %Ln événements faits ailleurs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replicate with this office: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</source>
        <translation>Se répliquer avec ce bureau : postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</translation>
    </message>
    <message>
        <source>Say whether the office answers and what waits.</source>
        <translation>Indiquer si le bureau répond et ce qui attend.</translation>
    </message>
    <message>
        <source>Push and pull once; 0 only when the office holds everything this desk made.</source>
        <translation>Envoyer et recevoir une fois ; 0 seulement si le bureau détient tout ce que ce poste a produit.</translation>
    </message>
    <message>
        <source>With --sync: send everything this desk made again (an office restored from an older backup).</source>
        <translation>Avec --sync : renvoyer tout ce que ce poste a produit (bureau restauré depuis une sauvegarde plus ancienne).</translation>
    </message>
    <message>
        <source>Link the desk to its office&apos;s database, and replicate with it.</source>
        <translation>Relier le poste à la base de données de son bureau, et se répliquer avec elle.</translation>
    </message>
    <message>
        <source>office: give one of --set, --status or --sync.</source>
        <translation>office : indiquez --set, --status ou --sync.</translation>
    </message>
    <message>
        <source>postgresql://OWNER@HOST[:PORT]/DATABASE</source>
        <translation>postgresql://OWNER@HOST[:PORT]/DATABASE</translation>
    </message>
    <message>
        <source>Create or migrate the office&apos;s schema (as the database&apos;s owner; the password from PGPASSWORD or ~/.pgpass rather than the URL).</source>
        <translation>Créer ou migrer le schéma du bureau (en tant que propriétaire de la base ; le mot de passe via PGPASSWORD ou ~/.pgpass plutôt que dans l&apos;URL).</translation>
    </message>
    <message>
        <source>office-init: give the office&apos;s URL.</source>
        <translation>office-init : indiquez l&apos;URL du bureau.</translation>
    </message>
    <message>
        <source>office-init: %1</source>
        <translation>office-init : %1</translation>
    </message>
    <message>
        <source>The office %1 is at schema %2.</source>
        <translation>Le bureau %1 est au schéma %2.</translation>
    </message>
    <message>
        <source>Verify a certificate and print the verdict with every check.
Exit status: 0 accept, 1 doubt, 2 reject, 3 nothing to verify (no barcode, not a certificate), 4 usage or environment error.</source>
        <translation>Vérifier un certificat et afficher le verdict avec chaque contrôle.
Code de sortie : 0 accepté, 1 doute, 2 refusé, 3 rien à vérifier (pas de code-barres, pas un certificat), 4 erreur d&apos;usage ou d&apos;environnement.</translation>
    </message>
    <message>
        <source>verify: %1</source>
        <translation>verify : %1</translation>
    </message>
    <message>
        <source>MISMATCH at entry %1: message %2 (n=%3) reported %4, the trail has %5 (rewritten)</source>
        <translation>DIVERGENCE à l&apos;entrée %1 : le message %2 (n=%3) a annoncé %4, la piste contient %5 (réécrite)</translation>
    </message>
    <message>
        <source>MISSING entry %1: message %2 (n=%3) reported %4, the trail ends at entry %5 (entries removed, or the trail went back)</source>
        <translation>ENTRÉE %1 MANQUANTE : le message %2 (n=%3) a annoncé %4, la piste s&apos;arrête à l&apos;entrée %5 (entrées supprimées, ou piste revenue en arrière)</translation>
    </message>
    <message>
        <source>The desk whose trail it is (e.g. EU-ANR-03).</source>
        <translation>Le poste auquel appartient la piste (p. ex. EU-ANR-03).</translation>
    </message>
    <message>
        <source>The desk&apos;s trail, as written by &apos;kpdesk-cli audit export&apos;.</source>
        <translation>La piste du poste, telle qu&apos;écrite par « kpdesk-cli audit export ».</translation>
    </message>
    <message>
        <source>Check a desk&apos;s exported audit trail against every head (entry count and hash) the ledger received from that desk.</source>
        <translation>Vérifier la piste d&apos;audit exportée d&apos;un poste par rapport à chaque tête (nombre d&apos;entrées et empreinte) que le journal a reçue de ce poste.</translation>
    </message>
    <message>
        <source>--ledger FILE, --desk ID and one TRAIL file are needed.</source>
        <translation>--ledger FICHIER, --desk ID et un fichier TRAIL sont nécessaires.</translation>
    </message>
    <message>
        <source>%1 is not a message ledger file.</source>
        <translation>%1 n&apos;est pas un fichier de journal des messages.</translation>
    </message>
    <message>
        <source>The ledger holds no head from desk %1: there is nothing to check the trail against.</source>
        <translation>Le journal ne contient aucune tête du poste %1 : il n&apos;y a rien à quoi comparer la piste.</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>ce n&apos;est pas un fichier</translation>
    </message>
    <message>
        <source>The trail itself does not hold: %1</source>
        <translation>La piste elle-même n&apos;est pas intègre : %1</translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: the trail (%2 entries, head %3) holds every one of the %Ln head(s) received.</source>
        <translation>
            <numerusform>Poste %1 : la piste (%2 entrées, tête %3) contient toutes les têtes reçues (%Ln).</numerusform>
            <numerusform>Poste %1 : la piste (%2 entrées, tête %3) contient chacune des %Ln têtes reçues.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: %2 of the %Ln head(s) received are not in the trail (%3 entries).</source>
        <translation>
            <numerusform>Poste %1 : %2 sur %Ln tête reçue ne figure pas dans la piste (%3 entrées).</numerusform>
            <numerusform>Poste %1 : %2 des %Ln têtes reçues ne figurent pas dans la piste (%3 entrées).</numerusform>
        </translation>
    </message>
    <message>
        <source>check a desk&apos;s exported audit trail against every head the ledger received</source>
        <translation>vérifier la piste d&apos;audit exportée d&apos;un poste par rapport à chaque tête reçue par le journal</translation>
    </message>
    <message>
        <source>Seconds the whole sync from one source may take, however slowly data still comes, before it is given up (default 3600; 0: no limit).</source>
        <translation>Secondes que peut durer la synchronisation entière depuis une source, même si des données arrivent encore lentement, avant d&apos;être abandonnée (3600 par défaut ; 0 : aucune limite).</translation>
    </message>
    <message>
        <source>sync: --deadline needs a number of seconds.</source>
        <translation>sync : --deadline attend un nombre de secondes.</translation>
    </message>
    <message>
        <source>audit trail went back? desk %1, message %2 (n=%3) gives fewer audit entries than message %4, made before it (restored from a backup, or entries removed)</source>
        <translation>piste d&apos;audit revenue en arrière ? poste %1 : le message %2 (n=%3) donne moins d&apos;entrées d&apos;audit que le message %4, créé avant lui (restauration depuis une sauvegarde, ou entrées supprimées)</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder (required): its list of enrolled and revoked desks is checked for every message (a desk it did not enrol, or revoked, is refused), and its home authority CA issues desk certificates.</source>
        <translation>Le dossier de la PKI de l&apos;autorité (obligatoire) : sa liste des postes enrôlés et révoqués est vérifiée pour chaque message (un poste qu&apos;elle n&apos;a pas enrôlé, ou qu&apos;elle a révoqué, est refusé), et son AC d&apos;autorité de rattachement émet les certificats de poste.</translation>
    </message>
    <message>
        <source>Another authority CA certificate (PEM) that issues desk certificates, besides the PKI&apos;s (a CA rollover). Repeatable.</source>
        <translation>Un autre certificat d&apos;AC d&apos;autorité (PEM) qui émet des certificats de poste, en plus de celle de la PKI (changement d&apos;AC). Répétable.</translation>
    </message>
    <message>
        <source>More revoked desks, besides the PKI&apos;s list: one desk certificate SHA-256 (hex) or desk id per line.</source>
        <translation>D&apos;autres postes révoqués, en plus de la liste de la PKI : un SHA-256 (hex) de certificat de poste ou un identifiant de poste par ligne.</translation>
    </message>
    <message>
        <source>--pki DIR is required: the authority&apos;s list of enrolled and revoked desks is checked for every message.</source>
        <translation>--pki DOSSIER est obligatoire : la liste des postes enrôlés et révoqués de l&apos;autorité est vérifiée pour chaque message.</translation>
    </message>
    <message>
        <source>--pki DIR, --ledger FILE and one INTAKE_DIR are needed.</source>
        <translation>--pki DOSSIER, --ledger FICHIER et un INTAKE_DIR sont nécessaires.</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 (issuers/%1/ca-cert.pem) and no --ca was given.</source>
        <translation>La PKI n&apos;a aucune AC d&apos;autorité du participant de rattachement %1 (issuers/%1/ca-cert.pem) et aucun --ca n&apos;a été donné.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside (not applied).</source>
        <translation>
            <numerusform>%Ln ligne du bureau a échoué à ses contrôles et a été mise de côté (non appliquée).</numerusform>
            <numerusform>%Ln lignes du bureau ont échoué à leurs contrôles et ont été mises de côté (non appliquées).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail: another role wrote there.</source>
        <translation>
            <numerusform>ALARME : le bureau détient d&apos;autres entrées à %Ln emplacement de la piste d&apos;audit de ce poste : un autre rôle y a écrit.</numerusform>
            <numerusform>ALARME : le bureau détient d&apos;autres entrées à %Ln emplacements de la piste d&apos;audit de ce poste : un autre rôle y a écrit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Manage the desk&apos;s accounts. add, disable and passwd sign in as the administrator --user ADMIN (or, for passwd, as the account&apos;s owner); passwords are read from standard input when it is not a terminal, one line each: the signing-in password first, then the new one. Only the desk&apos;s first account, an administrator, is added without --user. A password set by someone else must be changed by its owner (users passwd --user NAME --name NAME) before the account does anything else.</source>
        <translation>Gérer les comptes du poste. add, disable et passwd se connectent en tant qu&apos;administrateur --user ADMIN (ou, pour passwd, en tant que titulaire du compte) ; les mots de passe sont lus sur l&apos;entrée standard quand ce n&apos;est pas un terminal, un par ligne : d&apos;abord le mot de passe de connexion, puis le nouveau. Seul le premier compte du poste, un administrateur, est ajouté sans --user. Un mot de passe défini par quelqu&apos;un d&apos;autre doit être changé par le titulaire du compte (users passwd --user NOM --name NOM) avant que le compte ne fasse quoi que ce soit d&apos;autre.</translation>
    </message>
    <message>
        <source>users %1: --user ADMIN is needed (their password first on standard input).</source>
        <translation>users %1 : --user ADMIN est nécessaire (son mot de passe en premier sur l&apos;entrée standard).</translation>
    </message>
    <message>
        <source>users add: the desk&apos;s first account is an administrator; then that administrator adds the others with --user.</source>
        <translation>users add : le premier compte du poste est un administrateur ; cet administrateur ajoute ensuite les autres avec --user.</translation>
    </message>
    <message>
        <source>Show or change the desk&apos;s settings. A change is an administrator&apos;s: --user ADMIN signs in (password on standard input); it goes to the trail.</source>
        <translation>Afficher ou modifier les réglages du poste. Une modification revient à un administrateur : --user ADMIN se connecte (mot de passe sur l&apos;entrée standard) ; elle est consignée dans la piste d&apos;audit.</translation>
    </message>
    <message>
        <source>settings: --user ADMIN is needed to change a setting (their password on standard input).</source>
        <translation>settings : --user ADMIN est nécessaire pour modifier un réglage (son mot de passe sur l&apos;entrée standard).</translation>
    </message>
    <message>
        <source>When the damaged desk&apos;s last sync number cannot be read: the number of the authority&apos;s newest bundle, which the desk must reach again before it accepts anything (0: the desk was never synced).</source>
        <translation>Quand le numéro de la dernière synchronisation du poste endommagé ne peut pas être lu : le numéro du paquet le plus récent de l&apos;autorité, que le poste doit atteindre à nouveau avant d&apos;accepter quoi que ce soit (0 : le poste n&apos;a jamais été synchronisé).</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NUMÉRO</translation>
    </message>
    <message>
        <source>repair: --min-seq takes a bundle number (0 or more), not &apos;%1&apos;.</source>
        <translation>repair : --min-seq attend un numéro de paquet (0 ou plus), et non « %1 ».</translation>
    </message>
    <message>
        <source>The administrator who makes the change (password on standard input); needed once the desk has accounts.</source>
        <translation>L&apos;administrateur qui effectue la modification (mot de passe sur l&apos;entrée standard) ; nécessaire dès que le poste a des comptes.</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>ADMIN</translation>
    </message>
    <message>
        <source>%1: this desk has accounts: an administrator makes this change with --user ADMIN (their password on standard input).</source>
        <translation>%1 : ce poste a des comptes : un administrateur effectue cette modification avec --user ADMIN (son mot de passe sur l&apos;entrée standard).</translation>
    </message>
    <message>
        <source>%1&apos;s password was set by someone else: they change it first (kpdesk-cli users passwd --user %1 --name %1).</source>
        <translation>Le mot de passe de %1 a été défini par quelqu&apos;un d&apos;autre : %1 doit d&apos;abord le changer (kpdesk-cli users passwd --user %1 --name %1).</translation>
    </message>
    <message>
        <source>CORRECTED</source>
        <translation>CORRIGÉE</translation>
    </message>
    <message>
        <source>Include the list of desks (enrolled and revoked desk certificates) of the PKI: desks refuse office events a revoked desk signed.</source>
        <translation>Inclure la liste des postes de la PKI (certificats de poste enrôlés et révoqués) : les postes refusent les événements du bureau signés par un poste révoqué.</translation>
    </message>
    <message>
        <source>The authority revoked this desk&apos;s certificate on %1: enrol the desk again.</source>
        <translation>L&apos;autorité a révoqué le certificat de ce poste le %1 : enrôlez à nouveau le poste.</translation>
    </message>
    <message>
        <source>%1: images are read by kpdesk-cli-full, not by this program.</source>
        <translation>%1 : les images sont lues par kpdesk-cli-full, pas par ce programme.</translation>
    </message>
    <message>
        <source>kpdesk-cli: %1 could not be started: %2</source>
        <translation>kpdesk-cli : impossible de lancer %1 : %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::AboutDialog</name>
    <message>
        <source>Proprietary: all rights reserved by the KP Desk maintainers.</source>
        <translation>Logiciel propriétaire : tous droits réservés aux mainteneurs de KP Desk.</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>Licence : %1</translation>
    </message>
    <message>
        <source>About KP Desk</source>
        <translation>À propos de KP Desk</translation>
    </message>
    <message>
        <source>KP Desk %1</source>
        <translation>KP Desk %1</translation>
    </message>
    <message>
        <source>DEMO desk: its certificates, keys and accounts are made up; no verdict here is about a real shipment.</source>
        <translation>Poste de DÉMONSTRATION : ses certificats, clés et comptes sont fictifs ; aucun verdict ici ne concerne un envoi réel.</translation>
    </message>
    <message>
        <source>Verifies Kimberley Process certificates at an import desk.</source>
        <translation>Vérifie les certificats du Processus de Kimberley à un poste d&apos;importation.</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>Construit avec :</translation>
    </message>
    <message>
        <source>Qt %1 (running %2), LGPL-3.0</source>
        <translation>Qt %1 (%2 à l&apos;exécution), LGPL-3.0</translation>
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
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Piste d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;Trail</source>
        <translation>&amp;Piste</translation>
    </message>
    <message>
        <source>&amp;Verify the trail</source>
        <translation>&amp;Vérifier la piste</translation>
    </message>
    <message>
        <source>&amp;Export for an auditor...</source>
        <translation>&amp;Exporter pour un auditeur...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>From the day</source>
        <translation>À partir du jour</translation>
    </message>
    <message>
        <source>To the day</source>
        <translation>Jusqu&apos;au jour</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Numéro de certificat</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Affaire</translation>
    </message>
    <message>
        <source>Trail entries</source>
        <translation>Entrées de la piste</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>&amp;Qui :</translation>
    </message>
    <message>
        <source>Wh&amp;at:</source>
        <translation>Qu&amp;oi :</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>a&amp;u</translation>
    </message>
    <message>
        <source>Ce&amp;rtificate:</source>
        <translation>Ce&amp;rtificat :</translation>
    </message>
    <message>
        <source>Ca&amp;se:</source>
        <translation>A&amp;ffaire :</translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation>La piste n&apos;a pas pu être lue : %1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: the chain holds through its %Ln entry(ies).</source>
        <translation>
            <numerusform>Vérifié : la chaîne est intègre sur %Ln entrée.</numerusform>
            <numerusform>Vérifié : la chaîne est intègre sur l&apos;ensemble des %Ln entrées.</numerusform>
        </translation>
    </message>
    <message>
        <source>BROKEN: the trail does not hold at entry %1: %2. Entries from there on are not verified.</source>
        <translation>ROMPUE : la piste n&apos;est pas intègre à l&apos;entrée %1 : %2. Les entrées à partir de celle-ci ne sont pas vérifiées.</translation>
    </message>
    <message numerus="yes">
        <source>Head: %1 (after %Ln entry(ies), all holding)</source>
        <translation>
            <numerusform>Tête : %1 (après %Ln entrée intègre)</numerusform>
            <numerusform>Tête : %1 (après %Ln entrées intègres)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last received by the home authority: the head after %Ln entry(ies), %1, on %2.</source>
        <translation>
            <numerusform>Dernière tête reçue par l&apos;autorité de rattachement : celle après %Ln entrée, %1, le %2.</numerusform>
            <numerusform>Dernière tête reçue par l&apos;autorité de rattachement : celle après %Ln entrées, %1, le %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The home authority has not received a head of this trail yet.</source>
        <translation>L&apos;autorité de rattachement n&apos;a encore reçu aucune tête de cette piste.</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>Tout</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(ies) in the trail, %1 shown</source>
        <translation>
            <numerusform>%Ln entrée dans la piste, %1 affichée</numerusform>
            <numerusform>%Ln entrées dans la piste, %1 affichées</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exporter la piste d&apos;audit</translation>
    </message>
    <message>
        <source>CBOR sequence (*.cbor)</source>
        <translation>Séquence CBOR (*.cbor)</translation>
    </message>
    <message>
        <source>The export could not be written: %1: %2</source>
        <translation>L&apos;export n&apos;a pas pu être écrit : %1 : %2</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Rien n&apos;a été exporté : %1</translation>
    </message>
    <message>
        <source>The export could not be written to %1.</source>
        <translation>L&apos;export n&apos;a pas pu être écrit dans %1.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(ies) to %1; head %2.</source>
        <translation>
            <numerusform>%Ln entrée exportée vers %1 ; tête %2.</numerusform>
            <numerusform>%Ln entrées exportées vers %1 ; tête %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CameraPanel</name>
    <message>
        <source>Start camera</source>
        <translation>Démarrer la caméra</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>No camera is available.</source>
        <translation>Aucune caméra disponible.</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>Arrêter la caméra</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseDialog</name>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Prendre</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;Décider</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Ajouter une &amp;note</translation>
    </message>
    <message>
        <source>C&amp;lose the case</source>
        <translation>C&amp;lore l&apos;affaire</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>R&amp;ouvrir</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Affaire</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>required for a decision, a close, a reopening or a note</source>
        <translation>obligatoire pour une décision, une clôture, une réouverture ou une note</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;Issue :</translation>
    </message>
    <message>
        <source>&amp;Reason or note:</source>
        <translation>&amp;Motif ou note :</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>The case cannot be read: %1</source>
        <translation>L&apos;affaire ne peut pas être lue : %1</translation>
    </message>
    <message>
        <source>Case of certificate %1, flagged by %2 on %3.</source>
        <translation>Affaire du certificat %1, signalée par %2 le %3.</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(sans numéro)</translation>
    </message>
    <message>
        <source>State: %1.</source>
        <translation>État : %1.</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>L&apos;envoi est retenu.</translation>
    </message>
    <message>
        <source>Reviewer: %1.</source>
        <translation>Examinateur : %1.</translation>
    </message>
    <message>
        <source>Outcome: %1.</source>
        <translation>Issue : %1.</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>Motifs : %1</translation>
    </message>
    <message>
        <source>Case of %1</source>
        <translation>Affaire %1</translation>
    </message>
    <message>
        <source>shipment held</source>
        <translation>envoi retenu</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Décision : %1</translation>
    </message>
    <message>
        <source>one-person post: decided by who flagged it</source>
        <translation>poste d&apos;une seule personne : décidée par qui l&apos;a signalée</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Transmise</translation>
    </message>
    <message numerus="yes">
        <source>file %1 (%Ln byte(s))</source>
        <translation>
            <numerusform>fichier %1 (%Ln octet)</numerusform>
            <numerusform>fichier %1 (%Ln octets)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Non effectué : %1</translation>
    </message>
    <message>
        <source>You have taken the case for review.</source>
        <translation>Vous avez pris l&apos;affaire pour examen.</translation>
    </message>
    <message>
        <source>Write the reason for the decision first.</source>
        <translation>Écrivez d&apos;abord le motif de la décision.</translation>
    </message>
    <message>
        <source>Decided: %1.</source>
        <translation>Décidée : %1.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Écrivez d&apos;abord la note.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Note ajoutée.</translation>
    </message>
    <message>
        <source>Write why the case is closed first.</source>
        <translation>Écrivez d&apos;abord pourquoi l&apos;affaire est close.</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>L&apos;affaire est close.</translation>
    </message>
    <message>
        <source>Write why the case is reopened first.</source>
        <translation>Écrivez d&apos;abord pourquoi l&apos;affaire est rouverte.</translation>
    </message>
    <message>
        <source>The case is reopened.</source>
        <translation>L&apos;affaire est rouverte.</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>Imp&amp;rimer...</translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation>Enregistrer en PD&amp;F...</translation>
    </message>
    <message>
        <source>What changed since the inspection</source>
        <translation>Ce qui a changé depuis l&apos;inspection</translation>
    </message>
    <message>
        <source>Verified again today</source>
        <translation>Vérifié à nouveau aujourd&apos;hui</translation>
    </message>
    <message>
        <source>case-%1</source>
        <translation>affaire-%1</translation>
    </message>
    <message>
        <source>Verifying again is not available here.</source>
        <translation>La nouvelle vérification n&apos;est pas disponible ici.</translation>
    </message>
    <message>
        <source>The inspection cannot be read: %1</source>
        <translation>L&apos;inspection ne peut pas être lue : %1</translation>
    </message>
    <message>
        <source>There is no inspection to verify again.</source>
        <translation>Il n&apos;y a aucune inspection à vérifier à nouveau.</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>Aujourd&apos;hui (%1) : %2</translation>
    </message>
    <message>
        <source>&amp;Escalate...</source>
        <translation>Trans&amp;mettre...</translation>
    </message>
    <message>
        <source>Escalated to %1: the message waits in the outbox.</source>
        <translation>Transmise à %1 : le message attend dans la boîte d&apos;envoi.</translation>
    </message>
    <message>
        <source>Opened at desk %1.</source>
        <translation>Ouverte au poste %1.</translation>
    </message>
    <message>
        <source>one-person post: taken by who flagged it</source>
        <translation>poste d&apos;une seule personne : prise par qui l&apos;a signalée</translation>
    </message>
    <message>
        <source>The inspection cannot be read</source>
        <translation>L&apos;inspection ne peut pas être lue</translation>
    </message>
    <message>
        <source>The inspection is not on this desk.</source>
        <translation>L&apos;inspection ne se trouve pas sur ce poste.</translation>
    </message>
    <message>
        <source>The inspection was made at desk %1</source>
        <translation>L&apos;inspection a été faite au poste %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>As the flagging desk signed it: verdict %1 (after the physical check %2), inspected by %3 on %4. %5</source>
        <translation>Telle que le poste qui l&apos;a signalée l&apos;a signée : verdict %1 (après le contrôle physique : %2), inspectée par %3 le %4. %5</translation>
    </message>
    <message>
        <source>This desk holds the case&apos;s events and files; the checks, the certificate and the physical check are at the desk that made the inspection.</source>
        <translation>Ce poste détient les événements et les fichiers de l&apos;affaire ; les contrôles, le certificat et le contrôle physique se trouvent au poste qui a fait l&apos;inspection.</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseEvidenceView</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Contrôle physique</translation>
    </message>
    <message>
        <source>The officer&apos;s notes and files</source>
        <translation>Les notes et fichiers de l&apos;agent</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>Aucun contrôle physique n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(non vérifié)</translation>
    </message>
    <message>
        <source>Customs declaration: %1</source>
        <translation>Déclaration en douane : %1</translation>
    </message>
    <message>
        <source>%1 (certificate: %2)</source>
        <translation>%1 (certificat : %2)</translation>
    </message>
    <message>
        <source>Parcels counted: %1</source>
        <translation>Colis comptés : %1</translation>
    </message>
    <message>
        <source>%1 ct</source>
        <translation>%1 ct</translation>
    </message>
    <message>
        <source>%1 (certificate: %2 ct, give or take %3 ct)</source>
        <translation>%1 (certificat : %2 ct, à %3 ct près)</translation>
    </message>
    <message>
        <source>Mass weighed: %1</source>
        <translation>Masse pesée : %1</translation>
    </message>
    <message>
        <source>Seals intact: %1</source>
        <translation>Scellés intacts : %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Seal numbers read: %1</source>
        <translation>Numéros de scellés lus : %1</translation>
    </message>
    <message>
        <source>Importer matches the declaration: %1</source>
        <translation>L&apos;importateur correspond à la déclaration : %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln byte(s))</source>
        <translation>
            <numerusform>%1 (%Ln octet)</numerusform>
            <numerusform>%1 (%Ln octets)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, from %2 (%3)</source>
        <translation>%1, de %2 (%3)</translation>
    </message>
    <message>
        <source>No notes were written with the flag.</source>
        <translation>Aucune note n&apos;a été écrite avec le signalement.</translation>
    </message>
    <message>
        <source>Other files: %1</source>
        <translation>Autres fichiers : %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueue</name>
    <message>
        <source>All states</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>p. ex. BW</translation>
    </message>
    <message>
        <source>words in a reason</source>
        <translation>mots d&apos;un motif</translation>
    </message>
    <message>
        <source>who flagged</source>
        <translation>qui a signalé</translation>
    </message>
    <message>
        <source>any</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>É&amp;tat :</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participant :</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>Moti&amp;f :</translation>
    </message>
    <message>
        <source>O&amp;fficer:</source>
        <translation>A&amp;gent :</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>D&amp;u :</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>A&amp;u :</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>The cases cannot be read: %1</source>
        <translation>Les affaires ne peuvent pas être lues : %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) listed.</source>
        <translation>
            <numerusform>%Ln affaire listée.</numerusform>
            <numerusform>%Ln affaires listées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Office: connected; every desk&apos;s cases are listed.</source>
        <translation>Bureau : connecté ; les affaires de tous les postes sont listées.</translation>
    </message>
    <message>
        <source>Office unreachable: listing this desk&apos;s data and what came before. %1</source>
        <translation>Bureau injoignable : affichage des données de ce poste et de celles reçues auparavant. %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln enregistrement attend d&apos;être envoyé au bureau.</numerusform>
            <numerusform>%Ln enregistrements attendent d&apos;être envoyés au bureau.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside.</source>
        <translation>
            <numerusform>%Ln ligne du bureau a échoué à ses contrôles et a été mise de côté.</numerusform>
            <numerusform>%Ln lignes du bureau ont échoué à leurs contrôles et ont été mises de côté.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>ALARME : le bureau détient d&apos;autres entrées à %Ln emplacement de la piste d&apos;audit de ce poste.</numerusform>
            <numerusform>ALARME : le bureau détient d&apos;autres entrées à %Ln emplacements de la piste d&apos;audit de ce poste.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueueModel</name>
    <message>
        <source>HELD</source>
        <translation>RETENU</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Signalée par</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouverte le</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>ce poste</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Poste</translation>
    </message>
</context>
<context>
    <name>kp::ui::CorrectionDialog</name>
    <message>
        <source>Correct the physical check of %1</source>
        <translation>Corriger le contrôle physique de %1</translation>
    </message>
    <message>
        <source>Record a correction to this inspection?</source>
        <translation>Enregistrer une correction de cette inspection ?</translation>
    </message>
    <message>
        <source>The recorded check stays in the inspection&apos;s record and in the audit trail; the correction is added to them with its reason. A case opened on this inspection is left to its supervisor.</source>
        <translation>Le contrôle enregistré reste dans l&apos;enregistrement de l&apos;inspection et dans la piste d&apos;audit ; la correction y est ajoutée avec son motif. Une affaire ouverte sur cette inspection reste du ressort de son superviseur.</translation>
    </message>
    <message>
        <source>Why the recorded check was wrong</source>
        <translation>Pourquoi le contrôle enregistré était erroné</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>Enregistré :</translation>
    </message>
    <message>
        <source>Correction:</source>
        <translation>Correction :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>Record the correction</source>
        <translation>Enregistrer la correction</translation>
    </message>
    <message numerus="yes">
        <source>%Ln parcel(s) counted</source>
        <translation>
            <numerusform>%Ln colis compté</numerusform>
            <numerusform>%Ln colis comptés</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 carats weighed</source>
        <translation>%1 carats pesés</translation>
    </message>
    <message>
        <source>seals intact</source>
        <translation>scellés intacts</translation>
    </message>
    <message>
        <source>seals not intact</source>
        <translation>scellés non intacts</translation>
    </message>
    <message>
        <source>importer matches</source>
        <translation>l&apos;importateur correspond</translation>
    </message>
    <message>
        <source>importer does not match</source>
        <translation>l&apos;importateur ne correspond pas</translation>
    </message>
</context>
<context>
    <name>kp::ui::DeskStatusPanel</name>
    <message numerus="yes">
        <source>%Ln hour(s) old</source>
        <translation>
            <numerusform>il y a %Ln heure</numerusform>
            <numerusform>il y a %Ln heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) old</source>
        <translation>
            <numerusform>il y a %Ln jour</numerusform>
            <numerusform>il y a %Ln jours</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser</translation>
    </message>
    <message>
        <source>DEMO: demo data, not real certificates</source>
        <translation>DÉMO : données de démonstration, pas de vrais certificats</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date (F5)</source>
        <translation>Mettre à jour les données du poste (F5)</translation>
    </message>
    <message>
        <source>Desk of %1 · never synced</source>
        <translation>Poste %1 · jamais synchronisé</translation>
    </message>
    <message>
        <source>Desk of %1 · data seq %2, published %3 (%4)</source>
        <translation>Poste %1 · données n° %2, publiées le %3 (%4)</translation>
    </message>
    <message>
        <source>NO DATA: sync before relying on verdicts</source>
        <translation>AUCUNE DONNÉE : synchroniser avant de se fier aux verdicts</translation>
    </message>
    <message>
        <source>STALE since %1: sync now</source>
        <translation>PÉRIMÉES depuis le %1 : synchroniser</translation>
    </message>
</context>
<context>
    <name>kp::ui::EnrolmentPanel</name>
    <message>
        <source>Make the key and sa&amp;ve the request...</source>
        <translation>Créer la clé et &amp;enregistrer la demande...</translation>
    </message>
    <message>
        <source>Install the &amp;certificate...</source>
        <translation>Installer le &amp;certificat...</translation>
    </message>
    <message>
        <source>Desk id</source>
        <translation>Identifiant du poste</translation>
    </message>
    <message>
        <source>participant, post and desk, e.g. EU-ANR-03</source>
        <translation>participant, bureau et poste, p. ex. EU-ANR-03</translation>
    </message>
    <message>
        <source>The desk signs import confirmations and doubts with its own key. Save its certificate request, give the file to your home authority, and install the certificate it returns.</source>
        <translation>Le poste signe les confirmations d&apos;importation et les doutes avec sa propre clé. Enregistrez sa demande de certificat, remettez le fichier à votre autorité de rattachement, puis installez le certificat qu&apos;elle renvoie.</translation>
    </message>
    <message>
        <source>Desk &amp;id:</source>
        <translation>&amp;Identifiant du poste :</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>Non enrôlé.</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>Non enrôlé : le poste %1 attend son certificat.</translation>
    </message>
    <message>
        <source>Enrolled as desk %1; the certificate is valid until %2 (UTC).</source>
        <translation>Enrôlé comme poste %1 ; le certificat est valide jusqu&apos;au %2 (UTC).</translation>
    </message>
    <message>
        <source>Give the desk&apos;s id first (from your home authority).</source>
        <translation>Indiquez d&apos;abord l&apos;identifiant du poste (fourni par votre autorité de rattachement).</translation>
    </message>
    <message>
        <source>Enrol the desk again</source>
        <translation>Enrôler à nouveau le poste</translation>
    </message>
    <message>
        <source>This desk is enrolled. Enrolling it again makes a new key; the installed certificate is removed and the desk signs nothing until the new one is installed. Go on?</source>
        <translation>Ce poste est enrôlé. L&apos;enrôler à nouveau crée une nouvelle clé ; le certificat installé est supprimé et le poste ne signe plus rien jusqu&apos;à l&apos;installation du nouveau. Continuer ?</translation>
    </message>
    <message>
        <source>Save the certificate request</source>
        <translation>Enregistrer la demande de certificat</translation>
    </message>
    <message>
        <source>Requests (*.pem)</source>
        <translation>Demandes (*.pem)</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority, then install the certificate it returns.</source>
        <translation>Demande de certificat du poste %1 écrite dans %2 : remettez-la à l&apos;autorité de rattachement, puis installez le certificat qu&apos;elle renvoie.</translation>
    </message>
    <message>
        <source>The desk certificate from the authority</source>
        <translation>Le certificat de poste fourni par l&apos;autorité</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificats (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>Certificat du poste %1 installé, valide jusqu&apos;au %2 (UTC).</translation>
    </message>
    <message>
        <source>The home authority revoked the certificate of desk %1 on %2: other desks and the authority refuse what it signs. Enrol the desk again.</source>
        <translation>L&apos;autorité de rattachement a révoqué le certificat du poste %1 le %2 : les autres postes et l&apos;autorité refusent ce qu&apos;il signe. Enrôlez à nouveau le poste.</translation>
    </message>
</context>
<context>
    <name>kp::ui::EscalateDialog</name>
    <message>
        <source>Escalate the case</source>
        <translation>Transmettre l&apos;affaire</translation>
    </message>
    <message>
        <source>A participant&apos;s code, e.g. AO</source>
        <translation>Le code d&apos;un participant, p. ex. AO</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Also &amp;to:</source>
        <translation>Aussi &amp;à :</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;Transmettre</translation>
    </message>
    <message>
        <source>The doubt goes, signed by this desk, to its home authority for:</source>
        <translation>Le doute part, signé par ce poste, vers son autorité de rattachement, à l&apos;intention de :</translation>
    </message>
</context>
<context>
    <name>kp::ui::FirstRunDialog</name>
    <message>
        <source>Set up this desk</source>
        <translation>Configurer ce poste</translation>
    </message>
    <message>
        <source>This desk has no data yet. Set it up with the files from your KP authority, or try KP Desk on a demo desk with demo certificates.</source>
        <translation>Ce poste n&apos;a pas encore de données. Configurez-le avec les fichiers de votre autorité KP, ou essayez KP Desk sur un poste de démonstration avec des certificats de démonstration.</translation>
    </message>
    <message>
        <source>e.g. EU, CA, NA</source>
        <translation>p. ex. EU, CA, NA</translation>
    </message>
    <message>
        <source>bundle-cert.pem from your authority</source>
        <translation>bundle-cert.pem fourni par votre autorité</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Parcourir...</translation>
    </message>
    <message>
        <source>The authority&apos;s bundle key certificate</source>
        <translation>Le certificat de la clé de paquets de l&apos;autorité</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificats (*.pem *.crt)</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... ou un dossier (clé USB)</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participant :</translation>
    </message>
    <message>
        <source>Bundle &amp;key:</source>
        <translation>&amp;Clé des paquets :</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>&amp;Configurer</translation>
    </message>
    <message>
        <source>Try the &amp;demo desk</source>
        <translation>Essayer le poste de &amp;démonstration</translation>
    </message>
    <message>
        <source>Give the participant code and the bundle key file.</source>
        <translation>Indiquez le code du participant et le fichier de la clé des paquets.</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>Nom de l&apos;administrateur</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>Mot de passe de l&apos;administrateur</translation>
    </message>
    <message>
        <source>Administrator&apos;s password again</source>
        <translation>Confirmation du mot de passe de l&apos;administrateur</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;name:</source>
        <translation>&amp;Nom de l&apos;administrateur :</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>&amp;Retaper le mot de passe :</translation>
    </message>
    <message>
        <source>Give the administrator&apos;s name.</source>
        <translation>Indiquez le nom de l&apos;administrateur.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>Les deux mots de passe diffèrent. Tapez-les à nouveau.</translation>
    </message>
    <message>
        <source>Browse for the bundle key</source>
        <translation>Rechercher la clé des paquets</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>D&amp;ossier...</translation>
    </message>
    <message>
        <source>Browse for the sync folder</source>
        <translation>Rechercher le dossier de synchronisation</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>Le dossier publié (clé USB, partage)</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>Fichier de pa&amp;quet...</translation>
    </message>
    <message>
        <source>Browse for a bundle file</source>
        <translation>Rechercher un fichier de paquet</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Un fichier de paquet</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Paquets (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync so&amp;urce:</source>
        <translation>So&amp;urce de synchronisation :</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>Téléchargement de %1...</translation>
    </message>
    <message>
        <source>The desk starts all the same; sync it later with Sync now (F5).</source>
        <translation>Le poste démarre quand même ; synchronisez-le plus tard avec Synchroniser (F5).</translation>
    </message>
    <message>
        <source>The desk of %1 is set up, with %2 as its administrator.</source>
        <translation>Le poste %1 est configuré, avec %2 comme administrateur.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progression de la synchronisation</translation>
    </message>
    <message>
        <source>&lt;b&gt;Enrolment with the home authority&lt;/b&gt; (now, or later in Settings)</source>
        <translation>&lt;b&gt;Enrôlement auprès de l&apos;autorité de rattachement&lt;/b&gt; (maintenant, ou plus tard dans les Réglages)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message>
        <source>No sync source was given: sync with Sync now (F5) once an administrator has added one in Settings.</source>
        <translation>Aucune source de synchronisation n&apos;a été indiquée : synchronisez avec Synchroniser (F5) une fois qu&apos;un administrateur en aura ajouté une dans les Réglages.</translation>
    </message>
    <message>
        <source>Syncing from %1...</source>
        <translation>Synchronisation depuis %1...</translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagBox</name>
    <message>
        <source>The flags of this inspection cannot be read.</source>
        <translation>Les signalements de cette inspection ne peuvent pas être lus.</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <source>Flagged %1 by %2.</source>
        <translation>Signalé le %1 par %2.</translation>
    </message>
    <message>
        <source>The shipment is HELD.</source>
        <translation>L&apos;envoi est RETENU.</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>L&apos;envoi n&apos;est pas retenu.</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notes : %1</translation>
    </message>
    <message>
        <source>No images.</source>
        <translation>Aucune image.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s): %1</source>
        <translation>
            <numerusform>%Ln image : %1</numerusform>
            <numerusform>%Ln images : %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagDialog</name>
    <message>
        <source>&amp;Hold the shipment</source>
        <translation>&amp;Retenir l’envoi</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>What you saw, what the importer said, what you did.</source>
        <translation>Ce que vous avez vu, ce que l&apos;importateur a dit, ce que vous avez fait.</translation>
    </message>
    <message>
        <source>Attached images</source>
        <translation>Images jointes</translation>
    </message>
    <message>
        <source>&amp;Attach image...</source>
        <translation>&amp;Joindre une image...</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>Joindre des images</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>&amp;Signaler</translation>
    </message>
    <message>
        <source>Give at least one reason or a note.</source>
        <translation>Donnez au moins un motif ou une note.</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes :</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>&amp;Motifs :</translation>
    </message>
    <message>
        <source>I&amp;mages of the certificate and the container:</source>
        <translation>&amp;Images du certificat et du conteneur :</translation>
    </message>
    <message>
        <source>Flag reasonable doubt: %1</source>
        <translation>Signaler un doute raisonnable : %1</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>Certificat %1</translation>
    </message>
    <message>
        <source>Close without flagging? The notes and images you added are thrown away.</source>
        <translation>Fermer sans signaler ? Les notes et images que vous avez ajoutées seront perdues.</translation>
    </message>
    <message>
        <source>Cannot attach %1: %2</source>
        <translation>Impossible de joindre %1 : %2</translation>
    </message>
</context>
<context>
    <name>kp::ui::HealthMonitor</name>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Réparer les données du poste...</translation>
    </message>
    <message>
        <source>Damaged data warning</source>
        <translation>Avertissement : données endommagées</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read, so no certificate can be accepted: repair it, then sync. (%1)</source>
        <translation>Les données du poste n&apos;ont pas pu être lues, aucun certificat ne peut donc être accepté : réparez-les, puis synchronisez. (%1)</translation>
    </message>
</context>
<context>
    <name>kp::ui::HelpDialog</name>
    <message>
        <source>KP Desk help</source>
        <translation>Aide de KP Desk</translation>
    </message>
    <message>
        <source>The verdicts</source>
        <translation>Les verdicts</translation>
    </message>
    <message>
        <source>ACCEPT (green):</source>
        <translation>ACCEPTÉ (vert) :</translation>
    </message>
    <message>
        <source>every check passed: the certificate is genuine, valid, meant for this desk and not used before. Do the physical check, then release the shipment (Ctrl+R).</source>
        <translation>tous les contrôles sont réussis : le certificat est authentique, valide, destiné à ce poste et pas encore utilisé. Faites le contrôle physique, puis libérez l&apos;envoi (Ctrl+R).</translation>
    </message>
    <message>
        <source>DOUBT (amber):</source>
        <translation>DOUTE (orange) :</translation>
    </message>
    <message>
        <source>something needs a closer look; the checks marked as warnings say what. Examine the shipment and its papers. If the doubt is cleared, release the shipment; if not, flag reasonable doubt (Ctrl+D) with what you saw and hold the shipment.</source>
        <translation>un point demande un examen plus attentif ; les contrôles en alerte indiquent lequel. Examinez l&apos;envoi et ses documents. Si le doute est levé, libérez l&apos;envoi ; sinon, signalez un doute raisonnable (Ctrl+D) avec ce que vous avez vu et retenez l&apos;envoi.</translation>
    </message>
    <message>
        <source>REJECT (red):</source>
        <translation>REFUSÉ (rouge) :</translation>
    </message>
    <message>
        <source>a check failed: the certificate is forged, altered, revoked, expired, or not for this desk. Do not release. Hold the shipment, flag reasonable doubt (Ctrl+D) and tell your supervisor; the flag opens a case for them.</source>
        <translation>un contrôle a échoué : le certificat est contrefait, modifié, révoqué, expiré ou non destiné à ce poste. Ne libérez pas. Retenez l&apos;envoi, signalez un doute raisonnable (Ctrl+D) et prévenez votre superviseur ; le signalement ouvre une affaire à son intention.</translation>
    </message>
    <message>
        <source>Grey, &quot;not looked at&quot;:</source>
        <translation>Gris, « non examiné » :</translation>
    </message>
    <message>
        <source>Seals intact and Importer matches are for you to tick after looking at the containers and the papers. Until you do, they are neither passed nor failed, and the verdict does not count them.</source>
        <translation>« Scellés intacts » et « L&apos;importateur correspond à la déclaration » sont à cocher par vous après examen des conteneurs et des documents. D&apos;ici là, ils ne sont ni réussis ni en échec, et le verdict n&apos;en tient pas compte.</translation>
    </message>
    <message>
        <source>STALE or NO DATA:</source>
        <translation>PÉRIMÉES ou AUCUNE DONNÉE :</translation>
    </message>
    <message>
        <source>the desk&apos;s data is older than the authority allows or missing: sync (F5) before relying on a verdict.</source>
        <translation>les données du poste sont plus anciennes que ce que l&apos;autorité autorise, ou absentes : synchronisez (F5) avant de vous fier à un verdict.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>A keyboard-wedge scanner works wherever the focus is; Esc starts a new inspection.</source>
        <translation>Un scanner clavier fonctionne quel que soit le champ actif ; Échap commence une nouvelle inspection.</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearch</name>
    <message>
        <source>Find inspections</source>
        <translation>Rechercher des inspections</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>tout numéro</translation>
    </message>
    <message>
        <source>any officer</source>
        <translation>tout agent</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>p. ex. BW</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Tout verdict</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Numéro :</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>a&amp;u</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>&amp;Verdict :</translation>
    </message>
    <message>
        <source>&amp;Officer:</source>
        <translation>A&amp;gent :</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Participant :</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Inspections found</source>
        <translation>Inspections trouvées</translation>
    </message>
    <message>
        <source>The first date is after the last.</source>
        <translation>La première date est postérieure à la dernière.</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>Plus de %Ln inspection trouvée : affinez la recherche.</numerusform>
            <numerusform>Plus de %Ln inspections trouvées : affinez la recherche.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>%Ln inspection trouvée.</numerusform>
            <numerusform>%Ln inspections trouvées.</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanned code cannot be read: %1</source>
        <translation>Le code scanné ne peut pas être lu : %1</translation>
    </message>
    <message>
        <source>What was scanned is not a certificate.</source>
        <translation>Ce qui a été scanné n&apos;est pas un certificat.</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearchModel</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepté</translation>
    </message>
    <message>
        <source>Doubt</source>
        <translation>Doute</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>Verdict final</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Affaire</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionView</name>
    <message>
        <source>✔ pass</source>
        <translation>✔ réussi</translation>
    </message>
    <message>
        <source>⚠ warn</source>
        <translation>⚠ alerte</translation>
    </message>
    <message>
        <source>✖ fail</source>
        <translation>✖ échec</translation>
    </message>
    <message>
        <source>– skip</source>
        <translation>– non vérifié</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>Certificat tel que signé par l&apos;autorité émettrice</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>Image scannée</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Tous les contrôles sont réussis.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Délivré par</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Délivré le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation> (mixte)</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Exportateur</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Importateur</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>%1: %2 ct, US$ %3</source>
        <translation>%1 : %2 ct, %3 $ US</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Colis</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Scellés</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Contrôle physique</translation>
    </message>
</context>
<context>
    <name>kp::ui::LockPage</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Sign in as &amp;someone else</source>
        <translation>Se connecter sous un &amp;autre nom</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>Le poste est verrouillé</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>Se connecter sous un autre nom</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type your password to go on.</source>
        <translation>Connecté : %1 (%2). Tapez votre mot de passe pour continuer.</translation>
    </message>
</context>
<context>
    <name>kp::ui::MainWindow</name>
    <message>
        <source>KP Desk - DEMO</source>
        <translation>KP Desk - DÉMO</translation>
    </message>
    <message>
        <source>KP Desk</source>
        <translation>KP Desk</translation>
    </message>
    <message>
        <source>Scan, or type a certificate number, then Enter</source>
        <translation>Scannez, ou tapez un numéro de certificat, puis Entrée</translation>
    </message>
    <message>
        <source>Certificate number or barcode text</source>
        <translation>Numéro de certificat ou texte du code-barres</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Certificat :</translation>
    </message>
    <message>
        <source>&amp;Flag reasonable doubt...</source>
        <translation>&amp;Signaler un doute raisonnable...</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Inspections du jour</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>&amp;Open image...</source>
        <translation>&amp;Ouvrir une image...</translation>
    </message>
    <message>
        <source>Open a scanned certificate</source>
        <translation>Ouvrir un certificat scanné</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;Coller une image</translation>
    </message>
    <message>
        <source>&amp;New inspection</source>
        <translation>&amp;Nouvelle inspection</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser</translation>
    </message>
    <message>
        <source>&amp;Watch a scanner folder...</source>
        <translation>&amp;Surveiller un dossier du scanner...</translation>
    </message>
    <message>
        <source>Folder where the document scanner saves</source>
        <translation>Dossier où le scanner de documents enregistre</translation>
    </message>
    <message>
        <source>Go to &amp;certificate field</source>
        <translation>Aller au champ &amp;certificat</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s inspections</source>
        <translation>Inspections du &amp;jour</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Scan a certificate first.</source>
        <translation>Scannez d&apos;abord un certificat.</translation>
    </message>
    <message>
        <source>That inspection cannot be read.</source>
        <translation>Cette inspection ne peut pas être lue.</translation>
    </message>
    <message>
        <source>Inspection of %1 by %2, as seen then (not verified again).</source>
        <translation>Inspection du %1 par %2, telle qu&apos;elle a été vue (non revérifiée).</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>The authority&apos;s address (https://...) or a folder (USB stick):</source>
        <translation>L&apos;adresse de l&apos;autorité (https://...) ou un dossier (clé USB) :</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>Synchronisation...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>Téléchargement de %1...</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>S&amp;erial scanner...</source>
        <translation>Scanner &amp;série...</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>Scanner série</translation>
    </message>
    <message>
        <source>Port of the 2D imager (empty: none):</source>
        <translation>Port de l&apos;imageur 2D (vide : aucun) :</translation>
    </message>
    <message>
        <source>Cannot open the serial port %1: %2</source>
        <translation>Impossible d’ouvrir le port série %1 : %2</translation>
    </message>
    <message>
        <source>The language can be changed when the sync has finished.</source>
        <translation>La langue pourra être changée une fois la synchronisation terminée.</translation>
    </message>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>&amp;Réparer les données du poste...</translation>
    </message>
    <message>
        <source>A sync is running: repair the desk&apos;s data when it has finished.</source>
        <translation>Une synchronisation est en cours : réparez les données du poste une fois qu&apos;elle sera terminée.</translation>
    </message>
    <message>
        <source>Repair the desk&apos;s data</source>
        <translation>Réparer les données du poste</translation>
    </message>
    <message>
        <source>The desk&apos;s own records (its configuration, presentations, inspections, flags and attachments) are kept, as far as they can be read. The authorities&apos; data is dropped and must be synced again. The damaged file is kept beside the new one.

Repair now?</source>
        <translation>Les enregistrements propres du poste (sa configuration, ses présentations, inspections, signalements et pièces jointes) sont conservés, dans la mesure où ils peuvent être lus. Les données des autorités sont abandonnées et doivent être à nouveau synchronisées. Le fichier endommagé est conservé à côté du nouveau.

Réparer maintenant ?</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1 : %Ln ligne</numerusform>
            <numerusform>%1 : %Ln lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: some rows</source>
        <translation>%1 : quelques lignes</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired. The damaged file is kept as %1.</source>
        <translation>Les données du poste ont été réparées. Le fichier endommagé est conservé sous le nom %1.</translation>
    </message>
    <message>
        <source>None of the desk&apos;s own records was lost.</source>
        <translation>Aucun des enregistrements propres du poste n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>Records that could not be saved: %1.</source>
        <translation>Enregistrements qui n&apos;ont pas pu être récupérés : %1.</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again.</source>
        <translation>Synchronisez maintenant pour récupérer à nouveau les données de l&apos;autorité.</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired: sync now.</source>
        <translation>Les données du poste ont été réparées : synchronisez maintenant.</translation>
    </message>
    <message>
        <source>This desk has no account yet. An administrator makes the first one with: kpdesk-cli users add --db %1 --name NAME --role administrator</source>
        <translation>Ce poste n&apos;a encore aucun compte. Un administrateur crée le premier avec : kpdesk-cli users add --db %1 --name NOM --role administrator</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2).</source>
        <translation>Connecté : %1 (%2).</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Nom ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>Locked: sign in to scan.</source>
        <translation>Verrouillé : connectez-vous pour scanner.</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Verrouiller le poste</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>This inspection was saved before accounts: scan the certificate again.</source>
        <translation>Cette inspection a été enregistrée avant l&apos;introduction des comptes : scannez à nouveau le certificat.</translation>
    </message>
    <message>
        <source>Case opened; the shipment is held.</source>
        <translation>Affaire ouverte ; l&apos;envoi est retenu.</translation>
    </message>
    <message>
        <source>Case opened.</source>
        <translation>Affaire ouverte.</translation>
    </message>
    <message>
        <source>A sync is writing to the desk: this inspection will be saved as soon as it has finished.</source>
        <translation>Une synchronisation écrit dans le poste : cette inspection sera enregistrée dès qu&apos;elle sera terminée.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Affaires</translation>
    </message>
    <message>
        <source>C&amp;ases...</source>
        <translation>&amp;Affaires...</translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>Les signalements conservés avant que ce poste ne gère des affaires n&apos;ont pas pu être repris : %1</translation>
    </message>
    <message>
        <source>inspection-%1</source>
        <translation>inspection-%1</translation>
    </message>
    <message>
        <source>F&amp;ind inspection...</source>
        <translation>Rechercher une &amp;inspection...</translation>
    </message>
    <message>
        <source>&amp;Print the inspection...</source>
        <translation>Im&amp;primer l&apos;inspection...</translation>
    </message>
    <message>
        <source>Save the inspection as P&amp;DF...</source>
        <translation>Enregistrer l&apos;inspection en PD&amp;F...</translation>
    </message>
    <message>
        <source>That inspection is not in the desk&apos;s records.</source>
        <translation>Cette inspection ne figure pas dans les enregistrements du poste.</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>Non libéré : %1</translation>
    </message>
    <message>
        <source>Released: %1. The import confirmation waits in the outbox.</source>
        <translation>Libéré : %1. La confirmation d&apos;importation attend dans la boîte d&apos;envoi.</translation>
    </message>
    <message>
        <source>Released: %1. No import confirmation was made: %2</source>
        <translation>Libéré : %1. Aucune confirmation d&apos;importation n&apos;a été faite : %2</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>Personne n&apos;est connecté.</translation>
    </message>
    <message>
        <source>Outbox: could not be read</source>
        <translation>Boîte d&apos;envoi : illisible</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %Ln waiting</source>
        <translation>
            <numerusform>Boîte d&apos;envoi : %Ln en attente</numerusform>
            <numerusform>Boîte d&apos;envoi : %Ln en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages to the home authority, sent when online.</source>
        <translation>Messages à l&apos;autorité de rattachement, envoyés dès que le poste est en ligne.</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>Dernière tentative : %1</translation>
    </message>
    <message>
        <source>Release the s&amp;hipment</source>
        <translation>Li&amp;bérer l&apos;envoi</translation>
    </message>
    <message>
        <source>The case&apos;s PDF could not be made (%1); the message goes without it.</source>
        <translation>Le PDF de l&apos;affaire n&apos;a pas pu être fait (%1) ; le message part sans lui.</translation>
    </message>
    <message>
        <source>Fla&amp;g reasonable doubt...</source>
        <translation>Si&amp;gnaler un doute raisonnable...</translation>
    </message>
    <message>
        <source>Settin&amp;gs...</source>
        <translation>Ré&amp;glages...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About KP Desk</source>
        <translation>À &amp;propos de KP Desk</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a KP1 barcode nor a certificate number. Correct it and press Enter, or scan again.</source>
        <translation>« %1 » n&apos;est ni un code-barres KP1, ni un numéro de certificat. Corrigez-le et appuyez sur Entrée, ou scannez à nouveau.</translation>
    </message>
    <message>
        <source>Nothing was verified</source>
        <translation>Rien n&apos;a été vérifié</translation>
    </message>
    <message>
        <source>Flagged: the shipment is HELD (case opened).</source>
        <translation>Signalé : l&apos;envoi est RETENU (affaire ouverte).</translation>
    </message>
    <message>
        <source>Flagged: case opened; the shipment is not held.</source>
        <translation>Signalé : affaire ouverte ; l&apos;envoi n&apos;est pas retenu.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.</source>
        <translation>Une autre inspection a été ouverte entre-temps : rien n&apos;a été signalé. Rouvrez %1 pour le signaler.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Réglages enregistrés.</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Contrôle physique</translation>
    </message>
    <message>
        <source>Retry saving</source>
        <translation>Réessayer l&apos;enregistrement</translation>
    </message>
    <message>
        <source>The inspection of %1 could not be saved: %2
It is kept on screen; press &quot;Retry saving&quot; to save it again.</source>
        <translation>L&apos;inspection de %1 n&apos;a pas pu être enregistrée : %2
Elle reste affichée ; appuyez sur « Réessayer l&apos;enregistrement » pour l&apos;enregistrer à nouveau.</translation>
    </message>
    <message>
        <source>this certificate</source>
        <translation>ce certificat</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) could still not be saved: %1</source>
        <translation>
            <numerusform>%Ln inspection n&apos;a toujours pas pu être enregistrée : %1</numerusform>
            <numerusform>%Ln inspections n&apos;ont toujours pas pu être enregistrées : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistrement effectué.</translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation>&amp;Utilisateurs...</translation>
    </message>
    <message>
        <source>&amp;Browse the audit trail...</source>
        <translation>Consul&amp;ter la piste d&apos;audit...</translation>
    </message>
    <message>
        <source>The inspection of %1 scanned during the sync was saved, but its presentation could not be recorded: %2</source>
        <translation>L&apos;inspection de %1 scannée pendant la synchronisation a été enregistrée, mais sa présentation n&apos;a pas pu être consignée : %2</translation>
    </message>
    <message>
        <source>The physical check is already recorded so: nothing to correct.</source>
        <translation>Le contrôle physique est déjà enregistré ainsi : rien à corriger.</translation>
    </message>
    <message>
        <source>Nothing was corrected: the recorded physical check stands.</source>
        <translation>Rien n&apos;a été corrigé : le contrôle physique enregistré est maintenu.</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was corrected.</source>
        <translation>Une autre inspection a été ouverte entre-temps : rien n&apos;a été corrigé.</translation>
    </message>
    <message>
        <source>The correction was not recorded: %1</source>
        <translation>La correction n&apos;a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>Correction recorded; the verdict is now %1.</source>
        <translation>Correction enregistrée ; le verdict est maintenant %1.</translation>
    </message>
    <message numerus="yes">
        <source>CORRECTED (%Ln correction(s)). First recorded: %1. Last correction by %2, %3: %4</source>
        <translation>
            <numerusform>CORRIGÉE (%Ln correction). Premier enregistrement : %1. Dernière correction par %2, %3 : %4</numerusform>
            <numerusform>CORRIGÉE (%Ln corrections). Premier enregistrement : %1. Dernière correction par %2, %3 : %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Physical check: %1</source>
        <translation>Contrôle physique : %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::NewPasswordPage</name>
    <message>
        <source>&amp;Set my password</source>
        <translation>Dé&amp;finir mon mot de passe</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>Choisissez un nouveau mot de passe</translation>
    </message>
    <message>
        <source>Set my password</source>
        <translation>Définir mon mot de passe</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Password message</source>
        <translation>Message sur le mot de passe</translation>
    </message>
    <message>
        <source>%1, your password was set by an administrator. Choose a new one that only you know before you go on.</source>
        <translation>%1, votre mot de passe a été défini par un administrateur. Choisissez-en un nouveau, connu de vous seul, avant de continuer.</translation>
    </message>
</context>
<context>
    <name>kp::ui::OfficeSettingsPanel</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Office URL</source>
        <translation>URL du bureau</translation>
    </message>
    <message>
        <source>postgresql://desk@office.example/kpoffice?sslmode=verify-full</source>
        <translation>postgresql://desk@office.example/kpoffice?sslmode=verify-full</translation>
    </message>
    <message>
        <source>Office password</source>
        <translation>Mot de passe du bureau</translation>
    </message>
    <message>
        <source>kept; type a new one to change it</source>
        <translation>conservé ; saisissez-en un nouveau pour le changer</translation>
    </message>
    <message>
        <source>Connected to the office.</source>
        <translation>Connecté au bureau.</translation>
    </message>
    <message>
        <source>Office &amp;URL:</source>
        <translation>&amp;URL du bureau :</translation>
    </message>
    <message>
        <source>Office pass&amp;word:</source>
        <translation>Mot de passe du &amp;bureau :</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Not tested yet (the window replicates in the background).</source>
        <translation>Connexion pas encore testée (la fenêtre se réplique en arrière-plan).</translation>
    </message>
    <message>
        <source>This desk works alone: no office.</source>
        <translation>Ce poste fonctionne seul : aucun bureau.</translation>
    </message>
    <message>
        <source>No office URL to test.</source>
        <translation>Aucune URL de bureau à tester.</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Saved: the window replicates with %1.</source>
        <translation>Enregistré : la fenêtre se réplique avec %1.</translation>
    </message>
    <message>
        <source>Saved: this desk works alone.</source>
        <translation>Enregistré : ce poste fonctionne seul.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk wait to go up.</source>
        <translation>
            <numerusform>%Ln enregistrement de ce poste attend d&apos;être envoyé au bureau.</numerusform>
            <numerusform>%Ln enregistrements de ce poste attendent d&apos;être envoyés au bureau.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::PasswordPair</name>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Confirmation du nouveau mot de passe</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>&amp;Nouveau mot de passe :</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>&amp;Retaper :</translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation>Tapez deux fois le nouveau mot de passe.</translation>
    </message>
    <message>
        <source>The two passwords are not the same: type them again.</source>
        <translation>Les deux mots de passe ne sont pas identiques : tapez-les à nouveau.</translation>
    </message>
</context>
<context>
    <name>kp::ui::PhysicalCheckPanel</name>
    <message>
        <source>Physical check of the shipment</source>
        <translation>Contrôle physique de l&apos;envoi</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>Scellés intacts</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>L&apos;importateur correspond à la déclaration</translation>
    </message>
    <message>
        <source>&amp;Check shipment</source>
        <translation>&amp;Contrôler l&apos;envoi</translation>
    </message>
    <message>
        <source>Customs declaration reference</source>
        <translation>Référence de la déclaration en douane</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>non compté</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>Colis comptés</translation>
    </message>
    <message>
        <source> ct</source>
        <translation> ct</translation>
    </message>
    <message>
        <source>not weighed</source>
        <translation>non pesé</translation>
    </message>
    <message>
        <source>Mass weighed in carats</source>
        <translation>Masse pesée en carats</translation>
    </message>
    <message>
        <source>Mass tolerance in carats</source>
        <translation>Tolérance de masse en carats</translation>
    </message>
    <message>
        <source>as read on the containers, separated by commas</source>
        <translation>tels que lus sur les conteneurs, séparés par des virgules</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Numéros des scellés</translation>
    </message>
    <message>
        <source>&amp;Declaration:</source>
        <translation>&amp;Déclaration :</translation>
    </message>
    <message>
        <source>&amp;Parcels counted:</source>
        <translation>&amp;Colis comptés :</translation>
    </message>
    <message>
        <source>&amp;Mass weighed:</source>
        <translation>&amp;Masse pesée :</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>&amp;Tolérance :</translation>
    </message>
    <message>
        <source>Seal &amp;numbers:</source>
        <translation>&amp;Numéros des scellés :</translation>
    </message>
    <message>
        <source>%1: not looked at</source>
        <translation>%1 : non examiné</translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1 : oui</translation>
    </message>
    <message>
        <source>%1: NO</source>
        <translation>%1 : NON</translation>
    </message>
    <message>
        <source>Grey (not looked at): not checked yet, so it counts neither for nor against the shipment.
Ticked: yes. Empty: no, which turns the verdict to doubt.
Click to change.</source>
        <translation>Gris (non examiné) : pas encore vérifié, ne compte donc ni pour ni contre l&apos;envoi.
Coché : oui. Vide : non, ce qui fait passer le verdict à DOUTE.
Cliquez pour changer.</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %Ln parcel(s)</source>
        <translation>
            <numerusform>Certificat : %Ln colis</numerusform>
            <numerusform>Certificat : %Ln colis</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 ct</source>
        <translation>%1 : %2 ct</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %1 ct in %Ln lot(s)</source>
        <translation>
            <numerusform>Certificat : %1 ct en %Ln lot</numerusform>
            <numerusform>Certificat : %1 ct en %Ln lots</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: no seals</source>
        <translation>Certificat : aucun scellé</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Certificat : %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::RecordPrinter</name>
    <message>
        <source>Save the record as PDF</source>
        <translation>Enregistrer la fiche en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>Enregistré sous %1.</translation>
    </message>
    <message>
        <source>Print the record</source>
        <translation>Imprimer la fiche</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>Non imprimé : %1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Envoyé à l&apos;imprimante.</translation>
    </message>
</context>
<context>
    <name>kp::ui::ScanIntake</name>
    <message>
        <source>serial scanner</source>
        <translation>scanner série</translation>
    </message>
    <message>
        <source>No barcode was found in %1. Scan it again, or type the certificate number.</source>
        <translation>Aucun code-barres trouvé dans %1. Scannez à nouveau, ou tapez le numéro du certificat.</translation>
    </message>
    <message>
        <source>No barcode was found in the %1 image.</source>
        <translation>Aucun code-barres trouvé dans l&apos;image %1.</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>collée</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no text.</source>
        <translation>Le presse-papiers ne contient ni image ni texte.</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>déposée</translation>
    </message>
    <message>
        <source>keyboard-wedge scanner</source>
        <translation>scanner clavier</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>caméra</translation>
    </message>
    <message>
        <source>Scan ignored: close the dialog to verify, then scan again.</source>
        <translation>Scan ignoré : fermez la boîte de dialogue pour pouvoir vérifier, puis scannez à nouveau.</translation>
    </message>
</context>
<context>
    <name>kp::ui::SettingsDialog</name>
    <message>
        <source>A &amp;sound for each verdict</source>
        <translation>Un &amp;son pour chaque verdict</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Sync sources, in the order they are tried</source>
        <translation>Sources de synchronisation, dans l&apos;ordre où elles sont essayées</translation>
    </message>
    <message>
        <source>New sync source</source>
        <translation>Nouvelle source de synchronisation</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... ou un dossier (clé USB)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>D&amp;ossier...</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>Fichier de pa&amp;quet...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>Le dossier publié (clé USB, partage)</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>Un fichier de paquet</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>Paquets (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync sources (tried in order until one works)</source>
        <translation>Sources de synchronisation (essayées dans l&apos;ordre jusqu&apos;à ce que l&apos;une fonctionne)</translation>
    </message>
    <message>
        <source>Serial port of the 2D imager</source>
        <translation>Port série de l&apos;imageur 2D</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Idle lock in minutes</source>
        <translation>Verrouillage après inactivité, en minutes</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Serial &amp;port of the 2D imager:</source>
        <translation>&amp;Port série de l&apos;imageur 2D :</translation>
    </message>
    <message>
        <source>&amp;Lock the idle desk after:</source>
        <translation>&amp;Verrouiller le poste inactif après :</translation>
    </message>
    <message>
        <source>Scanner, lock and sounds</source>
        <translation>Scanner, verrouillage et sons</translation>
    </message>
    <message>
        <source>Enrolment with the home authority</source>
        <translation>Enrôlement auprès de l&apos;autorité de rattachement</translation>
    </message>
    <message>
        <source>%1 is already a source.</source>
        <translation>%1 est déjà une source.</translation>
    </message>
    <message>
        <source>Office (PostgreSQL server gathering every desk&apos;s cases)</source>
        <translation>Bureau (serveur PostgreSQL réunissant les affaires de tous les postes)</translation>
    </message>
</context>
<context>
    <name>kp::ui::SignInPage</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Sign in to KP Desk</source>
        <translation>Connexion à KP Desk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Message de connexion</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>DEMO desk: these accounts are for trying KP Desk only.</source>
        <translation>Poste de DÉMONSTRATION : ces comptes servent uniquement à essayer KP Desk.</translation>
    </message>
    <message>
        <source>DEMO %1: name &quot;%2&quot;, password &quot;%3&quot;</source>
        <translation>DÉMO %1 : nom « %2 », mot de passe « %3 »</translation>
    </message>
    <message>
        <source>Type your name and password.</source>
        <translation>Tapez votre nom et votre mot de passe.</translation>
    </message>
</context>
<context>
    <name>kp::ui::SyncController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>No sync source is set: an administrator adds one in Settings.</source>
        <translation>Aucune source de synchronisation n&apos;est définie : un administrateur en ajoute une dans les Réglages.</translation>
    </message>
    <message>
        <source>Sync failed. %1</source>
        <translation>Échec de la synchronisation. %1</translation>
    </message>
    <message>
        <source>Already up to date: the desk is at seq %1 (%2).</source>
        <translation>Déjà à jour : le poste est au n° %1 (%2).</translation>
    </message>
    <message>
        <source>Synced from %1: the desk is at seq %2.</source>
        <translation>Synchronisé depuis %1 : le poste est au n° %2.</translation>
    </message>
    <message>
        <source>Passed over: %1</source>
        <translation>Sources ignorées : %1</translation>
    </message>
    <message>
        <source>The sync was applied, but the audit trail could not be written: %1</source>
        <translation>La synchronisation a été appliquée, mais la piste d&apos;audit n&apos;a pas pu être écrite : %1</translation>
    </message>
</context>
<context>
    <name>kp::ui::TodayList</name>
    <message>
        <source>Search number, verdict, officer...</source>
        <translation>Rechercher numéro, verdict, agent...</translation>
    </message>
    <message>
        <source>Search today&apos;s inspections</source>
        <translation>Rechercher dans les inspections du jour</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Signalé</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>Inspections du jour</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>signalé</translation>
    </message>
    <message>
        <source>%1 (corrected)</source>
        <comment>today&apos;s list: the verdict of an inspection whose physical check was corrected</comment>
        <translation>%1 (corrigée)</translation>
    </message>
    <message numerus="yes">
        <source>Its physical check was corrected %Ln time(s) after it was recorded.</source>
        <translation>
            <numerusform>Son contrôle physique a été corrigé %Ln fois après son enregistrement.</numerusform>
            <numerusform>Son contrôle physique a été corrigé %Ln fois après son enregistrement.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailKinds</name>
    <message>
        <source>Signed in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Échec de connexion</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>Poste verrouillé</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Compte ajouté</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>Compte désactivé</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>Compte activé</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rôle modifié</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Mot de passe modifié</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Réglages modifiés</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>Contrôle physique</translation>
    </message>
    <message>
        <source>Inspection corrected</source>
        <translation>Inspection corrigée</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Libération</translation>
    </message>
    <message>
        <source>Release refused</source>
        <translation>Libération refusée</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Signalée</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Pièces</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Examen</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Transmise</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>Affaire close</translation>
    </message>
    <message>
        <source>Case reopened</source>
        <translation>Affaire rouverte</translation>
    </message>
    <message>
        <source>Desk enrolled</source>
        <translation>Poste enrôlé</translation>
    </message>
    <message>
        <source>Desk certificate installed</source>
        <translation>Certificat de poste installé</translation>
    </message>
    <message>
        <source>Sync applied</source>
        <translation>Synchronisation appliquée</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>Synchronisation refusée</translation>
    </message>
    <message>
        <source>Message made</source>
        <translation>Message créé</translation>
    </message>
    <message>
        <source>Message delivered</source>
        <translation>Message remis</translation>
    </message>
    <message>
        <source>Message handed over</source>
        <translation>Message déposé</translation>
    </message>
    <message>
        <source>Office set</source>
        <translation>Bureau défini</translation>
    </message>
    <message>
        <source>Office records set aside</source>
        <translation>Enregistrements du bureau mis de côté</translation>
    </message>
    <message>
        <source>Office conflict</source>
        <translation>Conflit avec le bureau</translation>
    </message>
    <message>
        <source>Sync sources set</source>
        <translation>Sources de synchronisation définies</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailPanel</name>
    <message>
        <source>Audit trail: checking every entry...</source>
        <translation>Piste d&apos;audit : vérification de chaque entrée...</translation>
    </message>
    <message>
        <source>Audit trail: could not be read (%1). Checked %2.</source>
        <translation>Piste d&apos;audit : illisible (%1). Vérifiée le %2.</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.</source>
        <translation>
            <numerusform>Piste d&apos;audit : %Ln entrée, intacte. Tête %1. Vérifiée le %2.</numerusform>
            <numerusform>Piste d&apos;audit : %Ln entrées, intacte. Tête %1. Vérifiée le %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: BROKEN at entry %1 (%2). The %Ln entry(ies) before it hold. Export the trail (kpdesk-cli audit export) and report it. Checked %3.</source>
        <translation>
            <numerusform>Piste d&apos;audit : ROMPUE à l&apos;entrée %1 (%2). %Ln entrée antérieure est intègre. Exportez la piste (kpdesk-cli audit export) et signalez-le. Vérifiée le %3.</numerusform>
            <numerusform>Piste d&apos;audit : ROMPUE à l&apos;entrée %1 (%2). Les %Ln entrées antérieures sont intègres. Exportez la piste (kpdesk-cli audit export) et signalez-le. Vérifiée le %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the tr&amp;ail</source>
        <translation>Vérifier la &amp;piste</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailTableModel</name>
    <message>
        <source>(not an entry)</source>
        <translation>(pas une entrée)</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>intègre</translation>
    </message>
    <message>
        <source>DOES NOT HOLD</source>
        <translation>NON INTÈGRE</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chaîne</translation>
    </message>
</context>
<context>
    <name>kp::ui::UsersDialog</name>
    <message>
        <source>Change &amp;role</source>
        <translation>Changer de &amp;rôle</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>Acti&amp;ver</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Nouveau mot de &amp;passe :</translation>
    </message>
    <message>
        <source>Aga&amp;in:</source>
        <translation>&amp;Confirmer :</translation>
    </message>
    <message>
        <source>Reset &amp;password</source>
        <translation>Ré&amp;initialiser le mot de passe</translation>
    </message>
    <message>
        <source>Pa&amp;ssword:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Repea&amp;t:</source>
        <translation>Re&amp;taper :</translation>
    </message>
    <message>
        <source>&amp;Add the account</source>
        <translation>&amp;Ajouter le compte</translation>
    </message>
    <message>
        <source>Users of this desk</source>
        <translation>Utilisateurs de ce poste</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Role of the selected account</source>
        <translation>Rôle du compte sélectionné</translation>
    </message>
    <message>
        <source>Name of the new account</source>
        <translation>Nom du nouveau compte</translation>
    </message>
    <message>
        <source>Role of the new account</source>
        <translation>Rôle du nouveau compte</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>Message sur les utilisateurs</translation>
    </message>
    <message>
        <source>The selected account</source>
        <translation>Le compte sélectionné</translation>
    </message>
    <message>
        <source>A new account</source>
        <translation>Un nouveau compte</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>Rô&amp;le :</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>Les comptes n&apos;ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>locked after failed sign-ins</source>
        <translation>verrouillé après des échecs de connexion</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>%1, must choose a new password</source>
        <translation>%1, doit choisir un nouveau mot de passe</translation>
    </message>
    <message>
        <source>Type the new account&apos;s name.</source>
        <translation>Tapez le nom du nouveau compte.</translation>
    </message>
    <message>
        <source>Account %1 (%2) added.</source>
        <translation>Compte %1 (%2) ajouté.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 a désormais le rôle %2.</translation>
    </message>
    <message>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>Compte %1 désactivé : il ne peut plus se connecter.</translation>
    </message>
    <message>
        <source>Account %1 enabled again.</source>
        <translation>Compte %1 réactivé.</translation>
    </message>
    <message>
        <source>Password of %1 reset: %1 signs in with it once and then chooses a new one.</source>
        <translation>Mot de passe de %1 réinitialisé : %1 se connecte une fois avec celui-ci, puis en choisit un nouveau.</translation>
    </message>
</context>
<context>
    <name>kp::ui::VerdictBanner</name>
    <message>
        <source>ACCEPT: release</source>
        <translation>ACCEPTÉ : libérer</translation>
    </message>
    <message>
        <source>DOUBT: examine, then release or flag</source>
        <translation>DOUTE : examiner, puis libérer ou signaler</translation>
    </message>
    <message>
        <source>REJECT: hold the shipment</source>
        <translation>REFUSÉ : retenir l&apos;envoi</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Scan a certificate</source>
        <translation>Scannez un certificat</translation>
    </message>
    <message>
        <source>Scan its barcode, open or drop an image, or type its number.</source>
        <translation>Scannez son code-barres, ouvrez ou déposez une image, ou tapez son numéro.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KP Desk: verify Kimberley Process certificates.</source>
        <translation>KP Desk : vérifier les certificats du Processus de Kimberley.</translation>
    </message>
    <message>
        <source>The desk cache to use.</source>
        <translation>Le cache du poste à utiliser.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>Use the demo desk (made on first use), with demo certificates.</source>
        <translation>Utiliser le poste de démonstration (créé à la première utilisation), avec des certificats de démonstration.</translation>
    </message>
    <message>
        <source>The interface language (e.g. fr).</source>
        <translation>La langue de l&apos;interface (p. ex. fr).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANGUE</translation>
    </message>
</context>
</TS>
