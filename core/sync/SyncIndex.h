#pragma once

// kp-sync.md "On a web server": the signed `index` an authority serves next
// to its bundles, and the plan a desk makes from it.

#include "crypto/Certificate.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace kp {

struct IndexEntry
{
    quint64 base = 0; // 0: full snapshot
    quint64 seq = 0;
    QString file; // a plain file name in the same folder
    quint64 length = 0;
    QByteArray sha256;
};

struct SyncIndex
{
    static constexpr qsizetype MaxSize = 1 << 20;

    quint64 seq = 0;
    IndexEntry full;
    QList<IndexEntry> deltas;

    // Error code "index.invalid" naming what is wrong. File names must be
    // plain names (no folders, no "..").
    static Result<SyncIndex> fromCbor(const QCborValue& value);
    QCborMap toCbor() const;

    // Verifies the COSE_Sign1 with the pinned keys ("index.signature"), then parses.
    static Result<SyncIndex> fromSigned(const QByteArray& bytes, const QList<QByteArray>& pinnedKeysDer);
    Result<QByteArray> sign(const PrivateKey& key, const Certificate& cert) const;

    // The files to apply, in order, to bring a desk at `deskSeq` to `seq`:
    // the chain of deltas from deskSeq when there is one, else the full
    // snapshot and the deltas from its seq. Empty when already current.
    // Error "index.no-path" when neither reaches `seq`.
    Result<QList<IndexEntry>> planFrom(quint64 deskSeq) const;
};

} // namespace kp
