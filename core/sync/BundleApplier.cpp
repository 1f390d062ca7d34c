#include "sync/BundleApplier.h"

#include "cache/CacheDatabase.h"
#include "cache/CacheWriter.h"
#include "crypto/Certificate.h"
#include "format/Cbor.h"
#include "format/Kp1.h"
#include "sync/BundleManifest.h"
#include "sync/CoseSigning.h"
#include "sync/PartReader_p.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCborMap>
#include <QCborStreamReader>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFuture>
#include <QtConcurrent/QtConcurrentMap>

#include <optional>
#include <variant>

namespace kp {

namespace {

constexpr qint64 MaxBundleSize = qint64(8) << 30;
constexpr qint64 MaxManifestSize = 1 << 20;
constexpr qint64 MaxCertRecordSize = 64 * 1024;

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
struct CertRow
{
    QString number;
    QString issuer;
    QDate issued;
    QByteArray cose;
};
struct RuleRow
{
    QString key;
    QCborValue value;
};
using ParsedRecord =
    std::variant<Error, ParticipantPeriod, CaRow, SignerRow, CertRow, RevocationEntry, RuleRow>;

Error invalidRecord(const QString& why = {})
{
    return makeError(QStringLiteral("bundle.record"), why);
}

// Parses one delimited record of a part. Pure, so many run side by side.
// The byte string a `certs` record is, without building a CBOR tree for it.
std::optional<QByteArray> byteString(const QByteArray& bytes)
{
    QCborStreamReader reader(bytes);
    if (!reader.isByteArray() || !reader.isLengthKnown() || reader.length() > quint64(MaxCertRecordSize))
        return std::nullopt;
    QByteArray out;
    auto chunk = reader.readByteArray();
    while (chunk.status == QCborStreamReader::Ok) {
        out += chunk.data;
        chunk = reader.readByteArray();
    }
    if (chunk.status != QCborStreamReader::EndOfString || reader.currentOffset() != bytes.size())
        return std::nullopt;
    return out;
}

ParsedRecord parseRecord(const QString& part, const QByteArray& bytes)
{
    if (part == QLatin1String("certs")) {
        const auto cose = byteString(bytes);
        if (!cose)
            return invalidRecord();
        // Stored as signed; its signature is checked whenever it is used.
        auto record = SignedRecord::fromCose(*cose);
        if (!record)
            return invalidRecord(record.error().message);
        return CertRow{record->record.number, record->record.issuer, record->record.issued, *cose};
    }
    CborLimits limits;
    limits.maxDepth = 8;
    limits.maxItems = 100000;
    limits.maxBytes = PartReader::MaxItemSize;
    const auto parsed = parseCbor(bytes, limits);
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
        Status operator()(const CertRow& r) const
        {
            return w.upsertCertificate(r.number, r.issuer, r.issued, r.cose);
        }
        Status operator()(const RevocationEntry& e) const { return w.upsertRevocation(e); }
        Status operator()(const RuleRow& r) const { return w.upsertRule(r.key, r.value); }
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
        if (auto s = checkSequence(*manifest); !s)
            return s.error();
        if (auto s = checkParts(*manifest); !s)
            return s.error();
        return write(*manifest);
    }

private:
    Result<BundleManifest> readManifest()
    {
        auto keys = m_db.pinnedBundleKeys();
        if (!keys)
            return keys.error();
        return readSignedManifest(m_file, *keys, m_manifestLength);
    }

    Status checkSequence(const BundleManifest& manifest)
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
        return success();
    }

    // Pass 1: every part's length and hash, before any record is parsed.
    Status checkParts(const BundleManifest& manifest)
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
        qint64 offset = m_manifestLength;
        QByteArray chunk;
        for (const PartInfo& part : manifest.parts) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (!m_file.seek(offset))
                return bundleError("bundle.unreadable", m_file.errorString());
            qint64 left = qint64(part.length);
            while (left > 0) {
                chunk.resize(qMin<qint64>(left, 1 << 20));
                const qint64 got = m_file.read(chunk.data(), chunk.size());
                if (got <= 0)
                    return bundleError("bundle.unreadable",
                                       Tr::tr("Cannot read the bundle: %1").arg(m_file.errorString()));
                hash.addData(QByteArrayView(chunk.constData(), got));
                left -= got;
            }
            if (hash.result() != part.sha256)
                return bundleError("bundle.hash",
                                   Tr::tr("The part '%1' does not match its SHA-256 in the manifest: the "
                                          "bundle is damaged or was altered.")
                                       .arg(part.name));
            offset += qint64(part.length);
        }
        return success();
    }

    // Pass 2: parse and store every record in one transaction.
    Result<ApplyReport> write(const BundleManifest& manifest)
    {
        auto writer = CacheWriter::begin(m_db);
        if (!writer)
            return writer.error();
        if (manifest.isFull()) {
            if (auto s = (*writer)->clearAuthorityData(); !s)
                return s.error();
        }
        ApplyReport report{manifest.seq, manifest.base, manifest.publisher, {}};
        qint64 offset = m_manifestLength;
        for (const PartInfo& part : manifest.parts) {
            PartReader reader(m_file, offset, qint64(part.length));
            // Records are read in batches and parsed on the other cores
            // while this thread writes the batch before: parsing is most of
            // the work of a big bundle, and the order of writes is kept.
            constexpr quint64 Batch = 4096;
            const QString name = part.name;
            const auto parse = [name](const QByteArray& bytes) {
                return parseRecord(name, bytes);
            };
            std::optional<QFuture<ParsedRecord>> pending;
            quint64 pendingFirst = 0;
            for (quint64 first = 0; first < part.count || pending; first += Batch) {
                std::optional<QFuture<ParsedRecord>> started;
                if (first < part.count) {
                    QList<QByteArray> raw;
                    raw.reserve(qsizetype(qMin(Batch, part.count - first)));
                    for (quint64 i = first; i < part.count && i < first + Batch; ++i) {
                        auto bytes = reader.next();
                        if (!bytes) {
                            if (pending)
                                pending->waitForFinished();
                            return countError(part);
                        }
                        raw.append(std::move(bytes).value());
                    }
                    started = QtConcurrent::mapped(std::move(raw), parse);
                }
                if (pending) {
                    const QList<ParsedRecord> parsed = pending->results();
                    for (qsizetype k = 0; k < parsed.size(); ++k) {
                        if (auto s = writeRecord(**writer, parsed[k]); !s) {
                            if (started)
                                started->waitForFinished();
                            if (s.error().code != QLatin1String("bundle.record"))
                                return s.error();
                            return bundleError("bundle.record",
                                               Tr::tr("Record %1 of part '%2' is malformed%3")
                                                   .arg(pendingFirst + quint64(k) + 1)
                                                   .arg(part.name)
                                                   .arg(s.error().message.isEmpty()
                                                            ? QStringLiteral(".")
                                                            : QStringLiteral(": ") + s.error().message));
                        }
                    }
                }
                pending = started;
                pendingFirst = first;
            }
            if (!reader.atEnd())
                return countError(part);
            report.counts.insert(part.name, part.count);
            offset += qint64(part.length);
        }
        SyncState state;
        state.seq = manifest.seq;
        state.publisher = manifest.publisher;
        state.publishedAt = manifest.at;
        state.freshUntil = manifest.fresh;
        state.lastSuccess = m_clock.nowUtc();
        if (auto s = (*writer)->setSyncState(state); !s)
            return s.error();
        if (auto s = (*writer)->commit(); !s)
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
    auto result = BundleFile(db, path, clock).apply();
    if (!result) {
        qCWarning(lcSync) << "bundle refused:" << result.error().code;
        if (auto noted = db.recordSyncAttempt(clock.nowUtc(), result.error().message); !noted)
            qCWarning(lcSync) << "could not note the failed attempt:" << noted.error().code;
    }
    return result;
}

} // namespace kp
