<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>kp</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no usable private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no usable certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot clear %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Botswana, genuine (ES256, QR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Namibia, genuine (EdDSA, Data Matrix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canada, genuine (PS256, QR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canada, number only (Code 128), checked against the registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forged: carats altered after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forged: signed by a rogue key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported stolen (delta bundle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Russian origin: national ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value far below the usual range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addressed to another participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number unknown to the registry (Code 128)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made by &apos;kpdesk-cli demo&apos;; none of it is a real Kimberley Process certificate.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be written: the disk is full or failing (%1). Nothing was changed; free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be read or written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set the certificate&apos;s name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the certificate&apos;s extensions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sign the certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ES256 signature is 64 bytes, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An EdDSA signature is 64 bytes, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature does not verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CBOR data has more than %1 items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CBOR data nests deeper than %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a container claims more elements than there are bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string claims more bytes than there are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CBOR data is larger than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected bytes after the CBOR data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the bundle %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle is larger than any bundle can be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle does not start with a signed manifest: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle&apos;s manifest envelope is malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle manifest is malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; the index says %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not match its SHA-256 in the index: damaged or altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no data for %2 s (timed out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: DNS: the host %2 was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server refused the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server closed the connection before the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: proxy: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no full snapshot: publish one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deltas do not lead from the newest full snapshot (seq %1) to seq %2: publish the missing delta or a new full snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the index in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync index is malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document signer belongs to %1, not to the issuer %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not a document signer&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document signer was not valid on the date of issue %1 (valid %2 to %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document signer was revoked on %1%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document signer does not chain to an authority CA of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signer&apos;s issuing certificate is not an authority CA of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authority CA of %1 that issued the signer was revoked on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authority CA of %1 was not valid on the date of issue %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by %1, a document signer of %2&apos;s authority, valid on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported signature algorithm %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: the signature is unusable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key identifier (kid) must be 8 bytes, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: no usable key identifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: no known document signer has this key identifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signer is unknown to this desk&apos;s data, which is out of date: sync and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signer (kid %1) is unknown to the authorities&apos; data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the signer&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature does not verify with the signer&apos;s key: the record was altered or forged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signature verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signer&apos;s certificate in the desk&apos;s data is unreadable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: the signature did not verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The barcode is damaged or malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::AuthorityPki</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a KP Desk authority folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::BarcodeReader</name>
    <message>
        <source>There is no file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is too large for an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image %1 has more than %2 megapixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::BarcodeWriter</name>
    <message>
        <source>Cannot print this barcode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code 128 carries printable ASCII only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encoder produced nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::Builder</name>
    <message>
        <source>No demo issuer for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kimberley Process Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::BundleFile</name>
    <message>
        <source>The bundle is published by %1, not by this desk&apos;s home authority %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle&apos;s seq %1 is not newer than the desk&apos;s seq %2: an old bundle cannot be applied again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This delta applies to seq %1, but the desk is at seq %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle is truncated: %1 bytes of parts are missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle has %1 unexpected bytes after its parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the bundle: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not match its SHA-256 in the manifest: the bundle is damaged or was altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record %1 of part &apos;%2&apos; is malformed%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not hold exactly %2 records in %3 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::BundleManifest</name>
    <message>
        <source>The bundle manifest is not a map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a kpsync bundle (fmt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported bundle version (v must be 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest has no publisher (pub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest&apos;s seq must be an integer of at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest&apos;s base must be an integer below seq.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest&apos;s at and fresh must be RFC 3339 times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest&apos;s parts must be an array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown or repeated part &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part &apos;%1&apos; needs n, len and a 32-byte sha256.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::BundleWriter</name>
    <message>
        <source>Cannot write the temporary part &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::CacheDatabase</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a KP Desk cache (not an SQLite database).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set up the desk cache %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot bring the desk cache %1 to schema %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::CacheWriter</name>
    <message>
        <source>Nothing to commit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::CaseStore</name>
    <message>
        <source>The inspection could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::Certificate</name>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected bytes after the X.509 certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate was not issued by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s signature does not verify with %1&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::CertificateRecord</name>
    <message>
        <source>The certificate record is not a CBOR map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version %1 is not supported (expected 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;mix&apos; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; must be an array of at least one lot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; has more than %1 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each entry of &apos;lots&apos; must be a map with &apos;hs&apos;, &apos;cct&apos; and &apos;usd&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;org&apos; needs at least one country unless &apos;mix&apos; is true.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::Checks</name>
    <message numerus="yes">
        <source>already presented at this desk %n time(s), last on %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::CoseSigning</name>
    <message>
        <source>The signature does not verify with any trusted key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::DeskChecks</name>
    <message>
        <source>The registry holds the same record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry holds a different record for %1: the barcode does not match what the issuer registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry (published %1) has no record of this certificate, issued %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued after the desk&apos;s registry data; not yet listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked as %1 by %2 on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already imported elsewhere (reported by %1 on %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible re-use: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not presented before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desk has never been synced: its data cannot vouch for anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s clock (%1) is earlier than the newest data (%2): check the clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s data is out of date since %1: sync as soon as possible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data %1 published %2, fresh until %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::FieldReader</name>
    <message>
        <source>The required field &apos;%1&apos; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is longer than %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an unsigned integer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a date as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an array of text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; has more than %2 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a map with &apos;n&apos; and &apos;a&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must have a name &apos;n&apos; and an address &apos;a&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::FolderSource</name>
    <message>
        <source>There is no sync index in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync index in %1 is too large.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::HttpSource</name>
    <message>
        <source>%1 is larger than a sync index can be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1 (is the disk full?): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is longer than the index says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server sent %2 of %3 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::HttpSource::Attempt</name>
    <message>
        <source>%1: the server sends too slowly (fewer than %2 bytes in %3 s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::ImageScan</name>
    <message>
        <source>No barcode was found in the image.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::Kp1</name>
    <message>
        <source>Not a KP1 barcode (it does not start with KP1:).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The KP1 text is longer than any KP1 code can be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The KP1 text has a character outside Base45.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::PhysicalCheck</name>
    <message>
        <source>%1 parcels counted; the certificate says %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A seal is broken or tampered with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal numbers %1 do not match the certificate&apos;s %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>The importer on the declaration is not %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::PrivateKey</name>
    <message>
        <source>Key generation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable unencrypted private key in the PEM text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a P-256 key pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An Ed25519 private key is 32 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an Ed25519 private key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::PublicKey</name>
    <message>
        <source>Not a P-256, RSA (2048 bits or more) or Ed25519 public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable public key in the PEM text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A P-256 coordinate is longer than 32 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a point on P-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an Ed25519 public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an RSA public key of 2048 bits or more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::RecordChecks</name>
    <message>
        <source>The certificate number &quot;%1&quot; is not 4-32 of A-Z, 0-9, - and /.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate number %1 does not start with the issuer&apos;s code %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The importing participant &quot;%1&quot; is not a participant code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a two-letter code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lot (HS %1) has a carat weight of zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lot (HS %1) has a value of zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate lists no lots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of parcels must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of expiry %1 is not after the date of issue %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid for %1 days, longer than the %2 days allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The KPCS minimum content is present and consistent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired on %1 (inspection date %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued on %1, after the inspection date %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from %1 to %2; %3 days left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is addressed to %1, not to this desk&apos;s participant %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: this desk has no participant data yet (sync first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not a KP participant on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was %2 on %3%4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the issuer %1 was restricted on %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the origin %1 was %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examine: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was an active participant on %2; addressed to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issued by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diamonds %1 are banned by national law from %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No national ban applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No gem or unsorted lots to compare with a value band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No value band for this origin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixed or several origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US$ %1 per carat is outside the usual range of US$ %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US$ %1 per carat, within US$ %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::SyncClient</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::SyncIndex</name>
    <message>
        <source>not a map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable full snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deltas is not an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many deltas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a delta entry is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync index is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index offers no way from seq %1 to seq %2 (no delta chain and no newer full snapshot).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::SyncSource</name>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::Verifier</name>
    <message>
        <source>Not checked: the certificate could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A well-formed KP1 barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A certificate number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry holds no record of %1: nothing can vouch for this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: there is no signed record for this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s record for this number is malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A certificate number; its signed registry record was checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry holds a signed record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::Zlib</name>
    <message>
        <source>The compressed data is corrupt or truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compressed data expands beyond %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kp::cli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pki DIR is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to create the PKI in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The publishing (home) authority&apos;s participant code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE[:ALG]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a demo PKI: a bundle key for the home authority, and an authority CA with a document signer for each issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out DIR and --home CODE are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown algorithm &apos;%1&apos; (es256, ps256, eddsa).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKI written to %1; pin %1/bundle-cert.pem at the desks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate record as JSON (kp1-barcode.md keys).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>Where to write the signed record (COSE_Sign1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the KP1 barcode text to this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign a certificate record with the issuer&apos;s document signer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--in FILE and --out FILE are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PKI has no document signer for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed %1 (%2 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) to print as KP1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to print instead (e.g. a certificate number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image file to write (PNG, JPEG, TIFF, BMP).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qr (default), datamatrix, aztec, pdf417 or code128.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>Pixels per module (default 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print a barcode image with whole square modules and a four-module quiet zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --out IMAGE and either --in FILE or --text TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown --symbology or --module out of 1-40.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2x%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a date YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence number of the state this bundle produces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a delta: the seq it applies to (default 0: full).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days until desks show the data as stale (default 14).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants JSON: an array of {c, name, st, from, to?, note?}, or &apos;demo&apos; for the built-in list with its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include every authority CA and document signer of the PKI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) for the registry. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocations JSON: an array of {no, st, at, by, note?}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules JSON: an object of rule key to value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The .kpsync file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish a full or delta bundle signed with the home authority&apos;s bundle key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seq N (&gt;= 1), --base below it, --fresh-days and --out are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each participant needs c, st and a &apos;from&apos; date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 bundle seq %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder (its bundle key signs the index).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder to publish: serve it over HTTP(S) or copy it to a USB stick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep deltas reaching the last N sequence numbers in the index (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles (.kpsync) to add: full snapshots and deltas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add bundles to a publication folder and write its signed index (kp-sync.md, &apos;On a web server&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--keep-deltas needs a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published seq %1 in %2: full snapshot seq %3 and %n delta(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subcommands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create a demo PKI (bundle key, authority CAs, document signers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign a certificate record from JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print a signed record or a number as a barcode image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make a full or delta .kpsync bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add bundles to a folder for a web server or USB stick, with its signed index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli authority SUBCOMMAND --help&apos; for its options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kpdesk-cli authority: unknown subcommand &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kpdesk-cli %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;kpdesk-cli %1 --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s cache file (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to make the demo desk (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the verdict for each demo certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>=== KP Desk DEMO: demo data, not real certificates ===</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making a demo desk of the EU in %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk cache %1, bundles applied: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all checks passed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try one yourself:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo: %n certificate(s) did not get the expected verdict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The participant this desk works for (e.g. EU, CA, NA).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The home authority&apos;s bundle signer certificate (PEM). Repeat for key rollover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CERT.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync source (URL or folder) to use by default. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a desk cache for a participant and pin its home authority&apos;s bundle key(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: --participant needs a two-letter participant code (e.g. EU, NA).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: at least one --bundle-key CERT.pem is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: %1 holds no X.509 certificate: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: %1 is already a desk of %2; use another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk of %1 ready in %2, with %n pinned bundle key(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the desk&apos;s participant, data sequence, freshness and record counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KP Desk cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (never synced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fresh until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  STALE: sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the authority&apos;s http(s) base URL. Default: the desk&apos;s configured sources.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP proxy as host:port, or &apos;none&apos;. Default: the system&apos;s proxy settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CA certificate (PEM) to trust for the server, besides the system&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds without data before a try is given up (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Further tries after a network failure (default 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date from its home authority. Each bundle is applied whole or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync: name at most one SOURCE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync: --timeout needs a number of seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync: --retries needs a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already current at seq %1 (%2); nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied %1 bundle seq %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delta from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk is at seq %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the desk&apos;s sync sources with these (URL or folder), tried in order. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every configured source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or set where &apos;sync&apos; takes bundles from when no SOURCE is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACCEPT: every check passed; release unless the physical check finds otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOUBT: examine the shipment, then release or flag reasonable doubt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REJECT: not authentic or not acceptable; hold the shipment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 (%2), inspected for %3 on %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Issued by %1 (%2) on %3, expires %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Exporter: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Importer: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Origin: %1; parcels: %2; carats: %3; US$ %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the presentation was not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation date (default: today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count this as a presentation at this desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify this barcode text or certificate number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An image of the certificate&apos;s barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a certificate and print the verdict with every check.
Exit status: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or environment error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify: give either --text TEXT or one IMAGE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify: --at needs a date as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify: %1 is not an initialised desk (run &apos;kpdesk-cli init&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify: nothing to verify (empty text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image files (PNG, JPEG, TIFF, BMP).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every barcode found in each image: symbology and text, whatever it holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decode: name at least one IMAGE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no barcode found</source>
        <translation type="unfinished"></translation>
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
    <name>kp::ui::DeskStatusPanel</name>
    <message numerus="yes">
        <source>%n hour(s) old</source>
        <translation><numerusform>il y a %n heure</numerusform><numerusform>il y a %n heures</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) old</source>
        <translation><numerusform>il y a %n jour</numerusform><numerusform>il y a %n jours</numerusform></translation>
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
        <source>Sync &amp;source:</source>
        <translation>&amp;Source de synchronisation :</translation>
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
</context>
<context>
    <name>kp::ui::FlagDialog</name>
    <message>
        <source>&amp;Hold the shipment</source>
        <translation>&amp;Retenir l’envoi</translation>
    </message>
    <message>
        <source>Flag reasonable doubt</source>
        <translation>Signaler un doute raisonnable</translation>
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
        <source>Reasons:</source>
        <translation>Motifs :</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes :</translation>
    </message>
    <message>
        <source>Images of the certificate and the container:</source>
        <translation>Images du certificat et du conteneur :</translation>
    </message>
    <message>
        <source>Cannot attach %1: unreadable or larger than 20 MB.</source>
        <translation>Impossible de joindre %1 : illisible ou plus grand que 20 Mo.</translation>
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
        <source>physical</source>
        <translation>physique</translation>
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
        <source>keyboard-wedge scanner</source>
        <translation>scanner clavier</translation>
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
        <source>Sync finished.</source>
        <translation>Synchronisation terminée.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Échec de la synchronisation : %1</translation>
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
        <source>No barcode was found in %1. Scan it again, or type the certificate number.</source>
        <translation>Aucun code-barres trouvé dans %1. Scannez à nouveau, ou tapez le numéro du certificat.</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no text.</source>
        <translation>Le presse-papiers ne contient ni image ni texte.</translation>
    </message>
    <message>
        <source>No barcode was found in the pasted image.</source>
        <translation>Aucun code-barres trouvé dans l&apos;image collée.</translation>
    </message>
    <message>
        <source>physical check: %1</source>
        <translation>contrôle physique : %1</translation>
    </message>
    <message>
        <source>Flag saved; the shipment is held.</source>
        <translation>Signalement enregistré ; l&apos;envoi est retenu.</translation>
    </message>
    <message>
        <source>Flag saved.</source>
        <translation>Signalement enregistré.</translation>
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
        <source>No barcode was found in the dropped image.</source>
        <translation>Aucun code-barres trouvé dans l&apos;image déposée.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>The language is used from the next start.</source>
        <translation>La langue sera utilisée au prochain démarrage.</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>caméra</translation>
    </message>
    <message>
        <source>serial scanner</source>
        <translation>scanner série</translation>
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
        <source>No barcode was found in the %1 image.</source>
        <translation>Aucun code-barres trouvé dans l&apos;image %1.</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>collée</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>déposée</translation>
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
        <source>Partly checked: not looked at.</source>
        <translation>Partiellement coché : non examiné.</translation>
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
    <name>kpdesk-cli</name>
    <message>
        <source>create a desk cache for a participant, pinning its bundle key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bring the desk up to date from a bundle file, folder or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show or set the desk&apos;s default sync sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the desk&apos;s participant, data and freshness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify a certificate from a barcode image or text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list every barcode found in images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authority side: demo PKI, issue, render, publish bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make a demo desk with demo certificates and show their verdicts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
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
        <source>The officer&apos;s name for the record.</source>
        <translation>Le nom de l&apos;agent pour le registre.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
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
