#pragma once

#include <QByteArray>
#include <QCborValue>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace kp {

// A participant's status for a period (both ends inclusive; no end: in force).
struct ParticipantPeriod
{
    QString code;
    QString name;
    QString status; // active, suspended, restricted, withdrawn
    QDate from;
    QDate to; // null: still in force
    QString note;
    bool covers(const QDate& day) const { return from <= day && (to.isNull() || day <= to); }
};

struct AuthorityCaEntry
{
    QByteArray der;
    QDate revoked; // null: not revoked
};

// A desk certificate the home authority issued (kp-sync.md part `desks`,
// docs/spec-notes.md): keyed by the SHA-256 of its DER. A desk refuses what
// a revoked one signed for the office.
struct DeskCertificateEntry
{
    QByteArray sha256; // 32 bytes
    QString deskId;    // the certificate's CN
    QDate revoked;     // null: not revoked
};

struct SignerEntry
{
    QByteArray der;
    QDate revoked;
    QString why;
};

struct RevocationEntry
{
    QString number;
    QString status; // lost, stolen, cancelled, fraudulent, used
    QString at;
    QString by;
    QString note;
};

struct PresentationEntry
{
    qint64 id = 0;
    QString number;
    QDateTime at; // UTC
    QString verdict;
};

// A shipment released at this desk (checks.md `duplicate`): by the officer
// ("officer") or by a supervisor's decision on a case ("decision").
struct ReleaseEntry
{
    qint64 id = 0;
    QString number;
    QDateTime at;         // UTC, when it was released
    QString inspectionId; // the inspection released (UUID)
    QDateTime seenAt;     // that inspection's time, UTC
    QString how;
};

// Whom to tell about reasonable doubt (kp-sync.md `contacts`), keyed by
// (participant, role). role: "authority" (the KP authority of participant),
// "chair" or "wgm" (then participant is "KP").
struct ContactEntry
{
    QString participant; // c
    QString role;
    QString name;
    QString email; // empty when not given
    QString phone;
    QString address; // addr
};

// What the desk knows of its last applied bundle and sync attempts.
struct SyncState
{
    quint64 seq = 0; // 0: never synced
    QString publisher;
    QDateTime publishedAt; // manifest `at`
    QDateTime freshUntil;  // manifest `fresh`
    QDateTime lastSuccess; // desk clock when the last bundle was applied
    QDateTime lastAttempt;
    QString lastError;
    // After a repair: the seq the desk had before it. The desk is back at 0
    // to take a full bundle, but one older than this would roll it back.
    quint64 repairedFromSeq = 0;
};

// Rows per table. A new table adds a field here and a line in tables()
// (what `kpdesk-cli status` lists, in this order, under these stable names).
struct CacheCounts
{
    qint64 participants = 0;
    qint64 cas = 0;
    qint64 signers = 0;
    qint64 certs = 0;
    qint64 revoked = 0;
    qint64 rules = 0;
    qint64 contacts = 0;
    qint64 desks = 0;
    qint64 presentations = 0;

    // Each count with its table's name, for loops.
    QList<QPair<QString, qint64*>> tables()
    {
        return {{QStringLiteral("participants"), &participants},
                {QStringLiteral("cas"), &cas},
                {QStringLiteral("signers"), &signers},
                {QStringLiteral("certs"), &certs},
                {QStringLiteral("revoked"), &revoked},
                {QStringLiteral("rules"), &rules},
                {QStringLiteral("contacts"), &contacts},
                {QStringLiteral("desks"), &desks},
                {QStringLiteral("presentations"), &presentations}};
    }
    QList<QPair<QString, qint64>> tables() const
    {
        QList<QPair<QString, qint64>> out;
        for (const auto& [name, n] : const_cast<CacheCounts*>(this)->tables())
            out.append({name, *n});
        return out;
    }
};

} // namespace kp
