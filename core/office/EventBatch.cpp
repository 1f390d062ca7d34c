#include "office/EventBatch.h"

#include "audit/DeterministicCbor.h"
#include "crypto/Certificate.h"
#include "crypto/Sha256.h"
#include "crypto/Signature.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::EventSignature)
};

} // namespace

bool EventBatch::wellFormed() const
{
    return !packedHashes.isEmpty() && packedHashes.size() % HashSize == 0 &&
           packedHashes.size() / HashSize <= MaxEvents;
}

QByteArray EventBatch::canonical() const
{
    if (!wellFormed())
        return {};
    QCborArray hashes;
    for (qsizetype at = 0; at < packedHashes.size(); at += HashSize)
        hashes.append(packedHashes.mid(at, HashSize));
    const QCborMap map{{QStringLiteral("t"), QStringLiteral("kpoffice-batch")},
                       {QStringLiteral("v"), 1},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("desk"), deskId},
                       {QStringLiteral("events"), hashes}};
    DeterministicLimits limits;
    limits.maxBytes = 64 + MaxEvents * (HashSize + 2) + 4 * (id.size() + deskId.size());
    limits.maxItems = MaxEvents + 16;
    auto bytes = encodeDeterministicCbor(map, limits);
    return bytes ? *bytes : QByteArray();
}

Result<QByteArray> EventBatch::sign(const OfficeSigner& signer) const
{
    const QByteArray bytes = canonical();
    if (bytes.isEmpty())
        return makeError(QStringLiteral("office.signature"),
                         Tr::tr("The batch %1 of case events cannot be signed.").arg(id));
    return signData(defaultAlgorithmFor(signer.key.type()), signer.key, bytes);
}

bool EventBatch::verify(const PublicKey& key, const QByteArray& signature) const
{
    const QByteArray bytes = canonical();
    return !bytes.isEmpty() && !key.isNull() && !signature.isEmpty() &&
           verifySignature(defaultAlgorithmFor(key.type()), key, bytes, signature).ok();
}

const PulledBatches::Checked& PulledBatches::checked(const Row& row)
{
    if (auto c = m_checked.constFind(row.batch.id); c != m_checked.constEnd())
        return *c;
    Checked c;
    const auto cert = Certificate::fromDer(row.signerDer);
    c.holds = cert && row.batch.verify(cert->publicKey(), row.signature);
    if (c.holds) {
        const QByteArray& packed = row.batch.packedHashes;
        c.hashes.reserve(packed.size() / EventBatch::HashSize);
        for (qsizetype at = 0; at < packed.size(); at += EventBatch::HashSize)
            c.hashes.insert(packed.mid(at, EventBatch::HashSize));
    }
    return *m_checked.insert(row.batch.id, c);
}

bool PulledBatches::vouchesFor(const QString& batchId, const QByteArray& signerDer,
                               const SignedEventFields& fields)
{
    if (batchId.isEmpty())
        return false;
    const auto row = m_rows.constFind(batchId);
    if (row == m_rows.constEnd() || row->signerDer != signerDer || row->batch.deskId != fields.deskId)
        return false;
    const Checked& c = checked(*row);
    return c.holds && c.hashes.contains(Sha256::hash(EventSignature::canonical(fields)));
}

} // namespace kp
