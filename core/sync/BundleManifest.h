#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace kp {

// One part of a bundle: `count` CBOR items in exactly `length` bytes.
struct PartInfo
{
    QString name;
    quint64 count = 0;
    quint64 length = 0;
    QByteArray sha256;
};

// kp-sync.md "Manifest".
struct BundleManifest
{
    QString publisher; // pub
    quint64 seq = 0;
    quint64 base = 0; // 0: full snapshot
    QDateTime at;
    QDateTime fresh;
    QList<PartInfo> parts;

    bool isFull() const { return base == 0; }

    // The part names this desk knows, in the order writers use. A bundle may
    // carry others: they are hashed and skipped.
    static QStringList partNames();

    // Error code "bundle.manifest" naming the field.
    static Result<BundleManifest> fromCbor(const QCborValue& value);
    QCborMap toCbor() const;
};

// RFC 3339 UTC as the manifests write it ("2026-11-24T10:00:00Z").
QString rfc3339(const QDateTime& time);
QDateTime parseRfc3339(const QString& text);

} // namespace kp
