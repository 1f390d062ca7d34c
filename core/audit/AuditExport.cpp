#include "audit/AuditExport.h"

#include <QCoreApplication>
#include <QLocale>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::AuditExport)
};

} // namespace

Status AuditExportWriter::addEncoded(const QByteArray& encoded, const QByteArray& storedHash)
{
    if (Status s = m_verifier.addEncoded(encoded, storedHash); !s)
        return s;
    if (m_out->write(encoded) != encoded.size())
        return makeError(QStringLiteral("audit.write"),
                         Tr::tr("Could not write the audit export: %1").arg(m_out->errorString()));
    return success();
}

Status AuditExportWriter::add(const AuditEntry& entry)
{
    auto encoded = AuditChain::encode(entry, m_verifier.limits);
    if (!encoded)
        return makeError(encoded.error().code,
                         Tr::tr("Entry %1: %2").arg(QLocale().toString(entry.n), encoded.error().message));
    return addEncoded(*encoded);
}

Result<AuditHead> readAuditExport(QIODevice* in, const AuditExportCheck& check)
{
    AuditVerifier verifier;
    verifier.limits = check.limits;
    for (const AuditHead& h : check.checkpoints)
        verifier.expect(h);
    const DeterministicLimits itemLimits{check.limits.maxDataDepth + 1, check.limits.maxItems,
                                         check.limits.maxBytes};
    const qint64 chunk = 1 << 20;
    QByteArray buffer;
    qsizetype pos = 0;
    bool atEnd = false;
    for (;;) {
        auto length =
            definiteItemLength(QByteArrayView(buffer.constData() + pos, buffer.size() - pos), itemLimits);
        if (!length) {
            const quint64 place = verifier.count() + 1;
            return makeError(length.error().code,
                             Tr::tr("Entry %1: %2").arg(QLocale().toString(place), length.error().message));
        }
        if (*length == 0) { // more bytes are needed
            if (atEnd) {
                if (pos == buffer.size())
                    break;
                return makeError(QStringLiteral("audit.malformed"),
                                 Tr::tr("Entry %1: the export ends inside it.")
                                     .arg(QLocale().toString(verifier.count() + 1)));
            }
            buffer.remove(0, pos);
            pos = 0;
            const QByteArray more = in->read(chunk);
            if (more.isEmpty()) {
                if (!in->atEnd() && !in->isSequential())
                    return makeError(QStringLiteral("audit.read"),
                                     Tr::tr("Could not read the audit export: %1").arg(in->errorString()));
                atEnd = true;
            }
            buffer.append(more);
            continue;
        }
        const QByteArray item = buffer.mid(pos, *length);
        pos += *length;
        if (Status s = verifier.addEncoded(item); !s)
            return s.error();
        if (check.onEntry) {
            // The verifier read the same bytes; still, a decode is checked, never assumed.
            auto entry = AuditChain::decode(item, check.limits);
            if (!entry)
                return makeError(
                    entry.error().code,
                    Tr::tr("Entry %1: %2").arg(QLocale().toString(verifier.count()), entry.error().message));
            check.onEntry(*entry);
        }
    }
    if (Status s = verifier.finish(); !s)
        return s.error();
    return verifier.position();
}

} // namespace kp
