#include "sync/BundleApplier.h"

#include "cache/CacheDatabase.h"
#include "cache/CacheWriter.h"
#include "crypto/Certificate.h"
#include "crypto/Sha256.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "sync/BundleManifest.h"
#include "sync/CertEnvelope_p.h"
#include "sync/CoseSigning.h"
#include "sync/PartReader_p.h"
#include "sync/SyncLock_p.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCborMap>
#include <QCborStreamReader>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFuture>
#include <QScopeGuard>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <type_traits>
#include <variant>
#include <vector>

namespace kp {

namespace {

constexpr qint64 MaxBundleSize = qint64(8) << 30;
constexpr qint64 MaxManifestSize = 1 << 20;

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::BundleApplier)
};

Error bundleError(const char* code, const QString& message)
{
    return makeError(QString::fromLatin1(code), message);
}

QDate optionalDate(const QCborMap& m, const QString& key, bool& ok)
{
    const QCborValue v = m.value(key);
    if (v.isUndefined())
        return {};
    const QDate d = v.isString() ? QDate::fromString(v.toString(), Qt::ISODate) : QDate();
    ok = ok && d.isValid();
    return d;
}

QString optionalText(const QCborMap& m, const QString& key, bool& ok)
{
    const QCborValue v = m.value(key);
    if (v.isUndefined())
        return {};
    ok = ok && v.isString();
    return v.toString();
}

QString requiredText(const QCborMap& m, const QString& key, bool& ok)
{
    const QCborValue v = m.value(key);
    ok = ok && v.isString() && !v.toString().isEmpty();
    return v.toString();
}

// Opens `file` and reads the signed manifest at its start; nothing else is
// read before the signature passes.
Result<BundleManifest> readSignedManifest(QFile& file, const QList<QByteArray>& keys, qint64& manifestLength)
{
    if (!file.open(QIODevice::ReadOnly))
        return bundleError("bundle.unreadable",
                           Tr::tr("Cannot read the bundle %1: %2").arg(file.fileName(), file.errorString()));
    if (file.size() > MaxBundleSize)
        return bundleError("bundle.unreadable", Tr::tr("The bundle is larger than any bundle can be."));
    const QByteArray head = file.read(MaxManifestSize);
    CborLimits limits;
    limits.maxDepth = 8;
    limits.maxItems = 1000;
    limits.maxBytes = MaxManifestSize;
    auto length = cborItemLength(head, limits);
    if (!length)
        return bundleError(
            "bundle.signature",
            Tr::tr("The bundle does not start with a signed manifest: %1").arg(length.error().message));
    manifestLength = *length;
    auto envelope = CoseSign1::parse(head.left(manifestLength));
    if (!envelope)
        return bundleError(
            "bundle.signature",
            Tr::tr("The bundle's manifest envelope is malformed: %1").arg(envelope.error().message));
    // Nothing else is read before the signature passes.
    if (auto signer = verifyCoseWithAny(*envelope, keys); !signer)
        return bundleError(
            "bundle.signature",
            Tr::tr("The bundle is not signed by this desk's home authority (no pinned bundle key "
                   "verifies it)."));
    auto payload = parseCbor(envelope->payload, limits);
    if (!payload)
        return bundleError("bundle.manifest",
                           Tr::tr("The bundle manifest is malformed: %1").arg(payload.error().message));
    return BundleManifest::fromCbor(*payload);
}

// One record of a part, parsed and checked, ready for the writer.
struct CaRow
{
    QByteArray der;
    QString country;
    QDate revoked;
};
struct SignerRow
{
    QByteArray der;
    QByteArray kid;
    QDate revoked;
    QString why;
};
struct RuleRow
{
    QString key;
    QCborValue value;
};
using ParsedRecord = std::variant<Error, ParticipantPeriod, CaRow, SignerRow, CertificateRow, RevocationEntry,
                                  RuleRow, ContactEntry, DeskCertificateEntry>;

// Records in the order of their part, from record number `first` (0-based);
// truncated: the part ended inside or before a record. A `certs` record's
// bytes are views into `buffers`, the part reader's buffers that were read
// and hashed (PartReader_p.h): the batch holds them until it is stored.
struct Batch
{
    quint64 first = 0;
    std::vector<ParsedRecord> records;
    std::vector<QByteArray> buffers;
    bool truncated = false;
};
constexpr quint64 BatchSize = 4096;

Error invalidRecord(const QString& why = {})
{
    return makeError(QStringLiteral("bundle.record"), why);
}

// The whole content of the byte or text string at the reader (definite or
// chunked); the reader moves past it. False when it is malformed.
template <typename T>
bool readWhole(QCborStreamReader& reader, T& out)
{
    out.clear();
    auto chunk = [&reader] {
        if constexpr (std::is_same_v<T, QString>)
            return reader.readString();
        else
            return reader.readByteArray();
    };
    auto piece = chunk();
    while (piece.status == QCborStreamReader::Ok) {
        if (out.isEmpty())
            out = std::move(piece.data); // one chunk, the usual case: no copy
        else
            out += piece.data;
        piece = chunk();
    }
    return piece.status == QCborStreamReader::EndOfString;
}

// Moves the reader past one data item however deeply it nests, without
// recursion (the reader keeps its own stack of containers; the part
// reader's item bound keeps that small). False when it is malformed.
bool skipItem(QCborStreamReader& reader)
{
    int depth = 0;
    for (;;) {
        if (reader.lastError() != QCborError::NoError)
            return false;
        if (reader.isTag()) {
            if (!reader.next())
                return false;
            continue; // the tagged item is part of this one
        }
        if (reader.isArray() || reader.isMap()) {
            if (!reader.enterContainer())
                return false;
            ++depth;
        } else if (reader.isInvalid() || !reader.next(1)) {
            return false;
        }
        while (depth > 0 && !reader.hasNext()) {
            if (reader.lastError() != QCborError::NoError || !reader.leaveContainer())
                return false;
            --depth;
        }
        if (depth == 0)
            return reader.lastError() == QCborError::NoError;
    }
}

// A map key that is a text string of at most 8 bytes, copied raw into `key`
// (the reader moves past it); anything else leaves `key` empty. False when
// the key is malformed.
bool readShortKey(QCborStreamReader& reader, QByteArray& key)
{
    key.clear();
    if (!reader.isString() || !reader.isLengthKnown() || reader.length() > 8)
        return skipItem(reader);
    char buffer[8];
    qsizetype size = 0;
    auto piece = reader.readStringChunk(buffer, sizeof buffer);
    while (piece.status == QCborStreamReader::Ok) {
        size += piece.data;
        piece = reader.readStringChunk(buffer + size, qsizetype(sizeof buffer) - size);
    }
    if (piece.status != QCborStreamReader::EndOfString)
        return false;
    key = QByteArray(buffer, size);
    return true;
}

// A QByteArray over `bytes` without a copy: they outlive it (Batch::buffers).
QByteArray view(QByteArrayView bytes)
{
    return QByteArray::fromRawData(bytes.data(), bytes.size());
}

// The byte string a `certs` record is, without building a CBOR tree for it
// (a definite one: a view of its content, no copy). Its size is bounded only
// by the part reader's item bound: a larger record is stored as it came and
// judged (as defective) when it is verified.
std::optional<QByteArray> byteString(QByteArrayView bytes)
{
    if (const auto span = definiteByteString(bytes)) {
        if (span->total != bytes.size())
            return std::nullopt;
        return view(bytes.sliced(span->header));
    }
    QCborStreamReader reader(view(bytes));
    if (!reader.isByteArray() || !reader.isLengthKnown())
        return std::nullopt;
    QByteArray out;
    if (!readWhole(reader, out) || reader.currentOffset() != bytes.size())
        return std::nullopt;
    return out;
}

// kp-sync.md: a `certs` record "parses" when it is a COSE_Sign1 (tagged 18 or
// untagged; protected header a byte string, unprotected a map, payload and
// signature byte strings) whose payload is a well-formed CBOR map with a
// text `no` (an empty one too: stored, and found by no lookup), of any size
// up to the part reader's bound and nesting to any depth. Nothing else is
// judged here: the signature, the headers' content and the record's other
// fields are judged whenever the record is verified. One pass of
// QCborStreamReader, no CBOR trees. `iss` and `di` are kept when they are
// text, for the cache's columns of the same names.
ParsedRecord parseCertificate(QByteArrayView item)
{
    const auto cose = byteString(item);
    if (!cose)
        return invalidRecord(Tr::tr("a certificate record must be a byte string."));
    // The usual record, decided by the small decoder (CertEnvelope_p.h);
    // anything it leaves undecided gets the full check below.
    if (const auto envelope = decodeCertEnvelope(*cose)) {
        return CertificateRow{view(envelope->number),
                              envelope->hasIssuer ? view(envelope->issuer) : QByteArray(),
                              envelope->hasIssued ? view(envelope->issued) : QByteArray(), *cose};
    }
    QCborStreamReader reader(*cose);
    if (reader.isTag()) {
        if (reader.toTag() != QCborTag(18) || !reader.next())
            return invalidRecord(Tr::tr("not a COSE_Sign1 (tag 18)."));
    }
    if (!reader.isArray() || !reader.enterContainer())
        return invalidRecord(Tr::tr("not a COSE_Sign1 (an array of four)."));
    QByteArray payload;
    for (int i = 0; i < 4; ++i) {
        if (!reader.hasNext())
            return invalidRecord(Tr::tr("not a COSE_Sign1 (an array of four)."));
        const bool okType = i == 1 ? reader.isMap() : reader.isByteArray();
        if (!okType)
            return invalidRecord(Tr::tr("not a COSE_Sign1 (element %1 has the wrong type).").arg(i + 1));
        if (i == 2 ? !readWhole(reader, payload) : !skipItem(reader))
            return invalidRecord(Tr::tr("not a COSE_Sign1 (element %1 is malformed).").arg(i + 1));
    }
    if (reader.hasNext() || !reader.leaveContainer() || reader.lastError() != QCborError::NoError ||
        reader.currentOffset() != cose->size())
        return invalidRecord(Tr::tr("not a COSE_Sign1 (an array of four)."));

    QCborStreamReader fields(payload);
    if (!fields.isMap() || !fields.enterContainer())
        return invalidRecord(Tr::tr("the signed payload is not a CBOR map."));
    QString number;
    QString issuer;
    QString issued;
    bool haveNumber = false;
    bool haveIssuer = false;
    bool haveIssued = false;
    QByteArray key;
    key.reserve(8);
    while (fields.hasNext()) {
        if (!readShortKey(fields, key))
            return invalidRecord(Tr::tr("the signed payload is malformed."));
        if (!fields.hasNext())
            return invalidRecord(Tr::tr("the signed payload is malformed."));
        // The first of a repeated key counts, as when the record is verified.
        QString* target = nullptr;
        bool* seen = nullptr;
        if (key == "no" && !haveNumber) {
            if (!fields.isString())
                return invalidRecord(Tr::tr("the record's no is not text."));
            target = &number;
            seen = &haveNumber;
        } else if (key == "iss" && !haveIssuer && fields.isString()) {
            target = &issuer;
            seen = &haveIssuer;
        } else if (key == "di" && !haveIssued && fields.isString()) {
            target = &issued;
            seen = &haveIssued;
        }
        if (target) {
            if (!readWhole(fields, *target))
                return invalidRecord(Tr::tr("the signed payload is malformed."));
            *seen = true;
        } else if (!skipItem(fields)) {
            return invalidRecord(Tr::tr("the signed payload is malformed."));
        }
    }
    if (!fields.leaveContainer() || fields.lastError() != QCborError::NoError ||
        fields.currentOffset() != payload.size())
        return invalidRecord(Tr::tr("the signed payload is malformed."));
    if (!haveNumber)
        return invalidRecord(Tr::tr("the record has no certificate number (no)."));
    // Stored as it came; its signature is checked whenever it is used. The
    // text is made UTF-8 here, on the worker, for the writer to bind as is.
    // An empty `no` is stored as '' (a null would bind NULL).
    return CertificateRow{number.isEmpty() ? QByteArray("") : number.toUtf8(),
                          haveIssuer ? issuer.toUtf8() : QByteArray(),
                          haveIssued ? issued.toUtf8() : QByteArray(), *cose};
}

// Parses one delimited record of a part. Pure, so many run side by side.
ParsedRecord parseRecord(const QString& part, QByteArrayView bytes)
{
    if (part == QLatin1String("certs"))
        return parseCertificate(bytes);
    CborLimits limits;
    limits.maxDepth = 8;
    limits.maxItems = 100000;
    limits.maxBytes = PartReader::MaxItemSize;
    const auto parsed = parseCbor(view(bytes), limits);
    if (!parsed)
        return invalidRecord();
    const QCborValue& item = *parsed;
    if (!item.isMap())
        return invalidRecord();
    const QCborMap m = item.toMap();
    bool ok = true;
    if (part == QLatin1String("participants")) {
        static const QStringList statuses{QStringLiteral("active"), QStringLiteral("suspended"),
                                          QStringLiteral("restricted"), QStringLiteral("withdrawn")};
        ParticipantPeriod p{
            requiredText(m, QStringLiteral("c"), ok),  optionalText(m, QStringLiteral("name"), ok),
            requiredText(m, QStringLiteral("st"), ok), optionalDate(m, QStringLiteral("from"), ok),
            optionalDate(m, QStringLiteral("to"), ok), optionalText(m, QStringLiteral("note"), ok)};
        if (!ok || !p.from.isValid() || !statuses.contains(p.status) || (p.to.isValid() && p.to < p.from))
            return invalidRecord();
        return p;
    }
    if (part == QLatin1String("cas") || part == QLatin1String("signers")) {
        const QCborValue der = m.value(QStringLiteral("der"));
        const QDate revoked = optionalDate(m, QStringLiteral("revoked"), ok);
        const QString why = optionalText(m, QStringLiteral("why"), ok);
        auto cert =
            der.isByteArray() ? Certificate::fromDer(der.toByteArray()) : Result<Certificate>(Error{});
        if (!ok || !cert)
            return invalidRecord();
        if (part == QLatin1String("cas"))
            return CaRow{cert->der(), cert->subjectCountry(), revoked};
        return SignerRow{cert->der(), cert->kid(), revoked, why};
    }
    if (part == QLatin1String("revoked")) {
        static const QStringList statuses{QStringLiteral("lost"), QStringLiteral("stolen"),
                                          QStringLiteral("cancelled"), QStringLiteral("fraudulent"),
                                          QStringLiteral("used")};
        RevocationEntry e{
            requiredText(m, QStringLiteral("no"), ok), requiredText(m, QStringLiteral("st"), ok),
            requiredText(m, QStringLiteral("at"), ok), requiredText(m, QStringLiteral("by"), ok),
            optionalText(m, QStringLiteral("note"), ok)};
        if (!ok || !statuses.contains(e.status))
            return invalidRecord();
        return e;
    }
    if (part == QLatin1String("contacts")) {
        ContactEntry c{
            requiredText(m, QStringLiteral("c"), ok),     requiredText(m, QStringLiteral("role"), ok),
            requiredText(m, QStringLiteral("name"), ok),  optionalText(m, QStringLiteral("email"), ok),
            optionalText(m, QStringLiteral("phone"), ok), optionalText(m, QStringLiteral("addr"), ok)};
        static const QStringList roles{QStringLiteral("authority"), QStringLiteral("chair"),
                                       QStringLiteral("wgm")};
        if (!ok || !roles.contains(c.role))
            return invalidRecord();
        // The Chair and the WGM are the Process's own: their c is KP.
        if ((c.role == QLatin1String("authority")) == (c.participant == QLatin1String("KP")))
            return invalidRecord(Tr::tr("a contact of role %1 cannot be for %2.").arg(c.role, c.participant));
        return c;
    }
    if (part == QLatin1String("desks")) {
        const QCborValue sha256 = m.value(QStringLiteral("sha256"));
        DeskCertificateEntry e{sha256.toByteArray(), requiredText(m, QStringLiteral("desk"), ok),
                               optionalDate(m, QStringLiteral("revoked"), ok)};
        if (!ok || !sha256.isByteArray() || e.sha256.size() != 32 || e.deskId.isEmpty())
            return invalidRecord();
        return e;
    }
    // rules
    const QString key = requiredText(m, QStringLiteral("key"), ok);
    if (!ok || !m.contains(QStringLiteral("val")))
        return invalidRecord();
    return RuleRow{key, m.value(QStringLiteral("val"))};
}

// Hands a parsed record to the writer.
Status writeRecord(CacheWriter& writer, const ParsedRecord& record)
{
    struct Visitor
    {
        CacheWriter& w;
        Status operator()(const Error& e) const { return e; }
        Status operator()(const ParticipantPeriod& p) const { return w.upsertParticipant(p); }
        Status operator()(const CaRow& r) const { return w.upsertAuthorityCa(r.der, r.country, r.revoked); }
        Status operator()(const SignerRow& r) const { return w.upsertSigner(r.der, r.kid, r.revoked, r.why); }
        Status operator()(const CertificateRow& r) const { return w.upsertCertificateRow(r); }
        Status operator()(const RevocationEntry& e) const { return w.upsertRevocation(e); }
        Status operator()(const RuleRow& r) const { return w.upsertRule(r.key, r.value); }
        Status operator()(const ContactEntry& c) const { return w.upsertContact(c); }
        Status operator()(const DeskCertificateEntry& e) const { return w.upsertDeskCertificate(e); }
    };
    return std::visit(Visitor{writer}, record);
}

class BundleFile
{
public:
    BundleFile(CacheDatabase& db, const QString& path, const Clock& clock)
        : m_db(db), m_file(path), m_clock(clock)
    {}

    Result<ApplyReport> apply()
    {
        auto manifest = readManifest();
        if (!manifest)
            return manifest.error();
        const auto current = checkSequence(*manifest);
        if (!current)
            return current.error();
        if (auto s = checkLengths(*manifest); !s)
            return s.error();
        return write(*manifest, *current);
    }

private:
    Result<BundleManifest> readManifest()
    {
        auto keys = m_db.pinnedBundleKeys();
        if (!keys)
            return keys.error();
        return readSignedManifest(m_file, *keys, m_manifestLength);
    }

    // Publisher, seq and base against the cache as it is now; the desk's seq
    // on success. Checked once early, and again inside the transaction that
    // switches the bundle in, where no other sync can change them any more:
    // a second sync that committed meanwhile must never be undone by this one.
    Result<quint64> checkSequence(const BundleManifest& manifest)
    {
        auto home = m_db.participant();
        if (!home)
            return home.error();
        if (manifest.publisher != *home)
            return bundleError("bundle.publisher",
                               Tr::tr("The bundle is published by %1, not by this desk's home authority %2.")
                                   .arg(manifest.publisher, *home));
        auto state = m_db.syncState();
        if (!state)
            return state.error();
        const quint64 current = state->seq;
        if (manifest.seq <= current)
            return bundleError("bundle.replay",
                               Tr::tr("The bundle's seq %1 is not newer than the desk's seq %2: an old "
                                      "bundle cannot be applied again.")
                                   .arg(manifest.seq)
                                   .arg(current));
        if (!manifest.isFull() && manifest.base != current)
            return bundleError("bundle.base",
                               Tr::tr("This delta applies to seq %1, but the desk is at seq %2.")
                                   .arg(manifest.base)
                                   .arg(current));
        return current;
    }

    // The parts' lengths against the file's, before anything is staged.
    Status checkLengths(const BundleManifest& manifest)
    {
        quint64 total = 0;
        for (const PartInfo& part : manifest.parts)
            total += part.length;
        const quint64 available = quint64(m_file.size() - m_manifestLength);
        if (total > available)
            return bundleError(
                "bundle.truncated",
                Tr::tr("The bundle is truncated: %1 bytes of parts are missing.").arg(total - available));
        if (total < available)
            return bundleError(
                "bundle.trailing",
                Tr::tr("The bundle has %1 unexpected bytes after its parts.").arg(available - total));
        return success();
    }

    static Error hashError(const PartInfo& part)
    {
        return bundleError("bundle.hash",
                           Tr::tr("The part '%1' does not match its SHA-256 in the manifest: the "
                                  "bundle is damaged or was altered.")
                               .arg(part.name));
    }

    static Error recordError(const PartInfo& part, quint64 number, const Error& why)
    {
        return bundleError(
            "bundle.record",
            Tr::tr("Record %1 of part '%2' is malformed%3")
                .arg(number)
                .arg(part.name)
                .arg(why.message.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + why.message));
    }

    // Parses and stages the records of one known part from `reader`. A
    // malformed record or a wrong count is kept in `refused` (reported only
    // when every hash holds: a damaged part is a hash error first); what it
    // returns is an error of the cache.
    Status stagePart(CacheWriter& writer, PartReader& reader, const PartInfo& part,
                     std::optional<Error>& refused)
    {
        // One worker reads, hashes and parses the next batch of records
        // while this thread stages the batch before, in order: two cores,
        // each busy with one half of the work. A stored batch goes back to
        // the worker, which empties it there (its vectors and the reader's
        // buffers are used again: no copy of a record, no fresh memory per
        // batch).
        const QString name = part.name;
        const auto readBatch = [&reader, name, count = part.count](quint64 first, Batch spent) {
            spent.records.clear(); // the views first, then the bytes they show
            spent.buffers.clear();
            Batch parsed = std::move(spent);
            parsed.first = first;
            parsed.truncated = false;
            const quint64 end = qMin(count, first + BatchSize);
            parsed.records.reserve(size_t(end - first));
            for (quint64 i = first; i < end; ++i) {
                auto bytes = reader.next();
                if (!bytes) {
                    parsed.truncated = true;
                    break;
                }
                if (parsed.buffers.empty() || !parsed.buffers.back().isSharedWith(reader.buffer()))
                    parsed.buffers.push_back(reader.buffer());
                parsed.records.push_back(parseRecord(name, *bytes));
            }
            return parsed;
        };
        // The worker's own thread, ended when the part is: what OpenSSL keeps
        // per thread (parsing certificates) is freed when it ends, not left
        // in a pool thread that outlives the sync (LeakSanitizer saw it).
        QThreadPool worker;
        worker.setMaxThreadCount(1);
        QFuture<Batch> next;
        Batch batch;
        Batch spent;
        // Waits for the worker (it uses the reader and the buffers the
        // batches share) on every way out, before the batches are freed.
        const auto finishWorker = qScopeGuard([&next] {
            if (next.isValid())
                next.waitForFinished();
        });
        if (part.count > 0)
            next = QtConcurrent::run(&worker, readBatch, quint64(0), Batch());
        for (quint64 first = 0; first < part.count; first += BatchSize) {
            batch = next.takeResult(); // waits for it
            if (first + BatchSize < part.count && !batch.truncated)
                next = QtConcurrent::run(&worker, readBatch, first + BatchSize, std::move(spent));
            for (size_t k = 0; k < batch.records.size(); ++k) {
                if (auto st = writeRecord(writer, batch.records[k]); !st) {
                    if (st.error().code != QLatin1String("bundle.record"))
                        return st.error();
                    refused = recordError(part, batch.first + quint64(k) + 1, st.error());
                    return success();
                }
                // Between any two records: a slow row never holds the lock long.
                if (auto st = writer.pace(); !st)
                    return st.error();
            }
            if (batch.truncated) {
                refused = countError(part);
                return success();
            }
            spent = std::move(batch);
        }
        if (!reader.atEnd())
            refused = countError(part);
        return success();
    }

    // One pass over the parts: each byte is read once, hashed and parsed
    // from the same buffer, and staged; the staged data goes live only when
    // every hash holds and the sequence still does, in one short transaction.
    Result<ApplyReport> write(const BundleManifest& manifest, quint64 current)
    {
        auto writer = CacheWriter::beginStaged(m_db, manifest.isFull() ? CacheWriter::Staging::Replace
                                                                       : CacheWriter::Staging::Merge);
        if (!writer)
            return writer.error();
        ApplyReport report{manifest.seq, manifest.base, manifest.publisher, {}, {}};
        std::optional<Error> refused;
        qint64 offset = m_manifestLength;
        for (const PartInfo& part : manifest.parts) {
            PartReader reader(m_file, offset, qint64(part.length));
            const bool known = BundleManifest::partNames().contains(part.name);
            // After a refused record the rest is only hashed: a hash error,
            // in this part or a later one, is the one reported.
            if (known && !refused) {
                if (auto s = stagePart(**writer, reader, part, refused); !s)
                    return s.error();
            }
            if (!reader.drain())
                return bundleError("bundle.unreadable",
                                   Tr::tr("Cannot read the bundle: %1").arg(m_file.errorString()));
            if (reader.digest() != part.sha256)
                return hashError(part);
            if (known)
                report.counts.insert(part.name, part.count);
            else
                report.skipped.append(part.name); // hashed, not parsed
            offset += qint64(part.length);
        }
        if (refused)
            return *refused;
        SyncState state;
        state.seq = manifest.seq;
        state.publisher = manifest.publisher;
        state.publishedAt = manifest.at;
        state.freshUntil = manifest.fresh;
        state.lastSuccess = m_clock.nowUtc();
        // Inside the switch's transaction: nothing else can write meanwhile.
        const auto stillValid = [&]() -> Status {
            const auto now = checkSequence(manifest);
            if (!now)
                return now.error();
            if (*now != current)
                return bundleError("bundle.replay",
                                   Tr::tr("The desk's data changed to seq %1 while this bundle was applied; "
                                          "nothing of it was kept.")
                                       .arg(*now));
            return success();
        };
        if (auto s = (*writer)->switchIn(stillValid, state); !s)
            return s.error();
        qCInfo(lcSync) << "applied bundle seq" << manifest.seq << "base" << manifest.base;
        return report;
    }

    static Error countError(const PartInfo& part)
    {
        return bundleError("bundle.count",
                           Tr::tr("The part '%1' does not hold exactly %2 records in %3 bytes.")
                               .arg(part.name)
                               .arg(part.count)
                               .arg(part.length));
    }

    CacheDatabase& m_db;
    QFile m_file;
    const Clock& m_clock;
    qint64 m_manifestLength = 0;
};

} // namespace

Result<BundleManifest> readBundleManifest(const QString& path, const QList<QByteArray>& keysDer)
{
    QFile file(path);
    qint64 length = 0;
    return readSignedManifest(file, keysDer, length);
}

Result<ApplyReport> applyBundleFile(CacheDatabase& db, const QString& path, const Clock& clock)
{
    auto lock = SyncLock::acquire(db.path());
    if (!lock)
        return lock.error(); // the running sync notes its own outcome
    return applyBundleFileLocked(db, path, clock);
}

Result<ApplyReport> applyBundleFileLocked(CacheDatabase& db, const QString& path, const Clock& clock)
{
    auto result = BundleFile(db, path, clock).apply();
    if (!result) {
        qCWarning(lcSync) << "bundle refused:" << result.error().code;
        if (auto noted = db.recordSyncAttempt(clock.nowUtc(), result.error().message); !noted)
            qCWarning(lcSync) << "could not note the failed attempt:" << noted.error().code;
    }
    return result;
}

} // namespace kp
