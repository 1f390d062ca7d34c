#pragma once

// A push's case events signed once (issue 22 goal 4, docs/office.md "What
// a desk trusts"). Each event keeps its own signature (EventSignature), so it
// stays verifiable alone (a batch row the office lost or withholds, events
// pushed before office schema 3); a pulling desk checks one signature per
// batch and hashes each event instead of one ECDSA verification per event. The
// signed bytes are the deterministic CBOR (RFC 8949 §4.2.1) of
//
//   {t: "kpoffice-batch", v: 1, id, desk, events: [h(e1), h(e2), ...]}
//
// where h(e) is the SHA-256 (32 bytes, a byte string) of the event's
// EventSignature::canonical bytes, in the push's order. The office keeps the
// list as the hashes one after the other (`event_batches.events`): a desk
// rebuilds the signed bytes from the columns, so there is no outside CBOR to parse.

#include "office/EventSignature.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

namespace kp {

struct EventBatch
{
    QString id, deskId;
    QByteArray packedHashes; // 32 bytes per event

    // A push never sends more (its batch is at most a few hundred entries);
    // a row listing more, or not a whole number of hashes, vouches for nothing.
    static constexpr qsizetype MaxEvents = 10000;
    static constexpr qsizetype HashSize = 32;

    // Whether the packed list is well formed.
    bool wellFormed() const;
    QByteArray canonical() const;
    Result<QByteArray> sign(const OfficeSigner& signer) const;
    bool verify(const PublicKey& key, const QByteArray& signature) const;
};

// The batches a pulled page names, each verified once, and which events they vouch for.
class PulledBatches
{
public:
    struct Row
    {
        EventBatch batch;
        QByteArray signerDer, signature;
    };
    void add(Row row) { m_rows.insert(row.batch.id, std::move(row)); }

    // Whether `batchId` is a batch signed with `signerDer`'s key by the desk
    // `fields.deskId` listing these fields' canonical bytes. Which certificate
    // may sign for that desk, PulledEventCheck decides as for an event's own signature.
    bool vouchesFor(const QString& batchId, const QByteArray& signerDer, const SignedEventFields& fields);

private:
    struct Checked
    {
        bool holds = false;
        QSet<QByteArray> hashes;
    };
    const Checked& checked(const Row& row);

    QHash<QString, Row> m_rows;
    QHash<QString, Checked> m_checked;
};

} // namespace kp
