#pragma once

#include "util/Result.h"

#include <QCborMap>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kp {

struct Party
{
    QString name;
    QString address;
    bool operator==(const Party&) const = default;
};

struct Lot
{
    QString hs;              // "7102.10", "7102.21" or "7102.31"
    quint64 centiCarats = 0; // mass in hundredths of a carat
    quint64 usdCents = 0;    // value in US cents
    bool operator==(const Lot&) const = default;
};

// The signed KP certificate record (kp1-barcode.md, "Certificate record").
struct CertificateRecord
{
    quint64 version = 1;
    QString number; // "no"
    QString issuer; // "iss"
    QString authority;
    QDate issued;  // "di"
    QDate expires; // "de"
    QStringList origins;
    bool mixed = false;
    Party exporter;
    Party importer;
    QString destination; // "dst"
    QList<Lot> lots;
    quint64 parcels = 0; // "np"
    QStringList seals;
    QString note;

    // Types and presence only (the "format" check). KPCS content rules such as
    // the number pattern or HS codes are the "fields" check's business.
    // Error code "record.invalid" with a message naming the field.
    static Result<CertificateRecord> fromCbor(const QCborValue& value);
    QCborMap toCbor() const;

    // JSON with the record's own keys (no, iss, di ...), for --json and for
    // the authority's issue command.
    QJsonObject toJson() const;
    static Result<CertificateRecord> fromJson(const QJsonObject& json);

    quint64 totalCentiCarats() const;
    quint64 totalUsdCents() const;

    bool operator==(const CertificateRecord&) const = default;
};

// 4-32 of A-Z 0-9 - / (the prefix rule is checked against iss separately).
bool isCertificateNumber(QStringView text);

} // namespace kp
