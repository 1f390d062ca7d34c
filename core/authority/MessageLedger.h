#pragma once

// The authority's ledger of desk messages (kp-outbox.md, "At the
// authority"; docs/authority-inbox.md): an SQLite file of its own, apart from
// any desk cache. It keeps every message taken (its bytes too), what the
// authority learnt from it (confirmed imports, doubts), every desk's audit
// pairs and the gaps and repeats seen in a desk's counter.

#include "outbox/KpMessage.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

namespace kp {

// A gap or a repeat in a desk's `n`, or an audit pair that contradicts an
// earlier one: the same entry number with another hash (the trail was
// rewritten), or fewer entries than a message the desk made before (the
// trail went back: restored from a backup, or entries removed). Reported; the
// message is still taken.
struct CounterReport
{
    enum class Kind { Gap, Repeat, AuditConflict, AuditWentBack };
    Kind kind = Kind::Gap;
    QString desk;
    quint64 n = 0;           // the message's n
    quint64 missingFrom = 0; // Gap: the numbers never received, from..to
    quint64 missingTo = 0;
    QString messageId;
    QString otherMessageId; // Repeat / AuditConflict / AuditWentBack: the earlier message
    QDateTime receivedAt;
};
// "gap", "repeat", "audit-conflict", "audit-went-back"
QString counterReportKindName(CounterReport::Kind kind);

struct ConfirmationEntry
{
    QString number;
    QString issuer;
    QString received;    // the date of receipt, YYYY-MM-DD
    QString participant; // the importing participant (the message's pt)
    QString desk;
    QString messageId;
};

struct DoubtFile
{
    QString name;
    QString type;
    qint64 size = 0;
};

struct DoubtEntry
{
    QString messageId;
    QString desk;
    QString participant;
    QDateTime at; // when the desk made the message
    QString caseId;
    QString number;
    QString verdict;
    QString decisionOutcome; // empty: no decision in the message
    QStringList addressees;
    QList<DoubtFile> files;
};

struct AuditPair
{
    QString desk;
    quint64 n = 0;
    AuditHead audit;
    QString messageId;
};

class MessageLedger
{
public:
    // Creates the file (and its schema) on first use. Error codes:
    // "ledger.path", "ledger.open", "ledger.schema" (newer than this
    // program), "ledger.migrate".
    static Result<std::unique_ptr<MessageLedger>> open(const QString& path);
    static int currentSchemaVersion();

    ~MessageLedger();
    MessageLedger(const MessageLedger&) = delete;
    MessageLedger& operator=(const MessageLedger&) = delete;

    QString path() const;

    // The SHA-256 of the file taken with this id, if one was. Error
    // "ledger.read".
    Result<std::optional<QByteArray>> takenFileSha256(const QByteArray& id) const;

    // Records one checked message in one transaction: the message, what its
    // kind teaches, its audit pair, and the reports its `n` and audit pair
    // give rise to (returned). Error codes "ledger.write", "ledger.duplicate"
    // (the id is already taken).
    // Many records in one transaction (one flush to disk for all): each
    // record() is then a savepoint of it. Nothing is durable before
    // commitBatch(); the inbox moves the files it took only after it.
    Status beginBatch();
    Status commitBatch();
    void rollbackBatch();
    Result<QList<CounterReport>> record(const KpMessageCodec::Read& read, const QByteArray& fileBytes,
                                        const QString& fileName, const QDateTime& receivedAt);

    // Reads; each error is "ledger.read".
    Result<qint64> messageCount() const;
    Result<QList<ConfirmationEntry>> confirmations() const;         // by number, then receipt
    Result<QList<DoubtEntry>> doubts() const;                       // newest first
    Result<QList<CounterReport>> counterReports() const;            // in the order they were seen
    Result<QList<AuditPair>> auditPairs(const QString& desk) const; // by entry number

private:
    MessageLedger();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace kp
