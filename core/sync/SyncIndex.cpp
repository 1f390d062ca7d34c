#include "sync/SyncIndex.h"

#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "sync/CoseSigning.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::SyncIndex)
};

Error invalid(const QString& why)
{
    return makeError(QStringLiteral("index.invalid"), Tr::tr("The sync index is malformed: %1").arg(why));
}

bool isPlainFileName(const QString& name)
{
    if (name.isEmpty() || name.size() > 200 || name.startsWith(u'.'))
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' ||
              u == u'_' || u == u'.'))
            return false;
    }
    return true;
}

std::optional<IndexEntry> entryFrom(const QCborValue& v, bool delta)
{
    if (!v.isMap())
        return std::nullopt;
    const QCborMap m = v.toMap();
    IndexEntry e;
    const QCborValue base = m.value(QStringLiteral("base"));
    const QCborValue seq = m.value(QStringLiteral("seq"));
    const QCborValue len = m.value(QStringLiteral("len"));
    const QCborValue file = m.value(QStringLiteral("file"));
    const QCborValue sha = m.value(QStringLiteral("sha256"));
    if (!seq.isInteger() || seq.toInteger() < 1 || !len.isInteger() || len.toInteger() < 0 ||
        !file.isString() || !sha.isByteArray() || sha.toByteArray().size() != 32)
        return std::nullopt;
    if (delta && (!base.isInteger() || base.toInteger() < 1 || base.toInteger() >= seq.toInteger()))
        return std::nullopt;
    e.base = delta ? quint64(base.toInteger()) : 0;
    e.seq = quint64(seq.toInteger());
    e.length = quint64(len.toInteger());
    e.file = file.toString();
    e.sha256 = sha.toByteArray();
    if (!isPlainFileName(e.file))
        return std::nullopt;
    return e;
}

QCborMap entryToCbor(const IndexEntry& e, bool delta)
{
    QCborMap m;
    if (delta)
        m.insert(QStringLiteral("base"), qint64(e.base));
    m.insert(QStringLiteral("seq"), qint64(e.seq));
    m.insert(QStringLiteral("file"), e.file);
    m.insert(QStringLiteral("len"), qint64(e.length));
    m.insert(QStringLiteral("sha256"), e.sha256);
    return m;
}

} // namespace

Result<SyncIndex> SyncIndex::fromCbor(const QCborValue& value)
{
    if (!value.isMap())
        return invalid(Tr::tr("not a map"));
    const QCborMap m = value.toMap();
    SyncIndex index;
    const QCborValue seq = m.value(QStringLiteral("seq"));
    if (!seq.isInteger() || seq.toInteger() < 1)
        return invalid(Tr::tr("no seq"));
    index.seq = quint64(seq.toInteger());
    const auto full = entryFrom(m.value(QStringLiteral("full")), false);
    if (!full || full->seq > index.seq)
        return invalid(Tr::tr("no usable full snapshot"));
    index.full = *full;
    const QCborValue deltas = m.value(QStringLiteral("deltas"));
    if (!deltas.isUndefined() && !deltas.isArray())
        return invalid(Tr::tr("deltas is not an array"));
    if (deltas.toArray().size() > 10000)
        return invalid(Tr::tr("too many deltas"));
    for (const QCborValue& d : deltas.toArray()) {
        const auto entry = entryFrom(d, true);
        if (!entry || entry->seq > index.seq)
            return invalid(Tr::tr("a delta entry is malformed"));
        index.deltas.append(*entry);
    }
    return index;
}

QCborMap SyncIndex::toCbor() const
{
    QCborArray list;
    for (const IndexEntry& d : deltas)
        list.append(entryToCbor(d, true));
    return QCborMap{{QStringLiteral("seq"), qint64(seq)},
                    {QStringLiteral("full"), entryToCbor(full, false)},
                    {QStringLiteral("deltas"), list}};
}

Result<SyncIndex> SyncIndex::fromSigned(const QByteArray& bytes, const QList<QByteArray>& pinnedKeysDer)
{
    if (bytes.size() > MaxSize)
        return invalid(Tr::tr("larger than %1 bytes").arg(MaxSize));
    auto cose = CoseSign1::parse(bytes);
    if (!cose)
        return invalid(cose.error().message);
    if (auto signer = verifyCoseWithAny(*cose, pinnedKeysDer); !signer)
        return makeError(
            QStringLiteral("index.signature"),
            Tr::tr("The sync index is not signed by this desk's home authority (no pinned bundle key "
                   "verifies it)."));
    CborLimits limits;
    limits.maxDepth = 6;
    auto payload = parseCbor(cose->payload, limits);
    if (!payload)
        return invalid(payload.error().message);
    return fromCbor(*payload);
}

Result<QByteArray> SyncIndex::sign(const PrivateKey& key, const Certificate& cert) const
{
    return signCose(encodeCbor(toCbor()), key, cert);
}

Result<QList<IndexEntry>> SyncIndex::planFrom(quint64 deskSeq) const
{
    if (deskSeq >= seq)
        return QList<IndexEntry>{};
    // Follow deltas from `from` to `seq`; several deltas may start at one
    // seq, so take the one that goes furthest.
    const auto chain = [this](quint64 from) -> std::optional<QList<IndexEntry>> {
        QList<IndexEntry> steps;
        quint64 at = from;
        while (at < seq) {
            const IndexEntry* best = nullptr;
            for (const IndexEntry& d : deltas)
                if (d.base == at && (!best || d.seq > best->seq))
                    best = &d;
            if (!best)
                return std::nullopt;
            steps.append(*best);
            at = best->seq;
        }
        return steps;
    };
    if (deskSeq > 0) {
        if (auto steps = chain(deskSeq))
            return *steps;
    }
    if (full.seq > deskSeq) {
        if (auto steps = chain(full.seq)) {
            steps->prepend(full);
            return *steps;
        }
    }
    return makeError(QStringLiteral("index.no-path"),
                     Tr::tr("The index offers no way from seq %1 to seq %2 (no delta chain and no newer full "
                            "snapshot).")
                         .arg(deskSeq)
                         .arg(seq));
}

} // namespace kp
