#include "authority/MessageLedger.h"
#include "util/IsoTime.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <atomic>
#include <unordered_map>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::MessageLedger)
};

// One list of statements per schema version; PRAGMA user_version holds the
// version reached, each step runs in one transaction.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps{{
        // Every message taken, exactly as received (its bytes are the evidence).
        QStringLiteral("CREATE TABLE messages ("
                       " id BLOB PRIMARY KEY, desk TEXT NOT NULL, pt TEXT NOT NULL, n INTEGER NOT NULL,"
                       " kind TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL,"
                       " file_name TEXT NOT NULL, sha256 BLOB NOT NULL, bytes BLOB NOT NULL,"
                       " audit_count INTEGER NOT NULL, audit_head BLOB NOT NULL,"
                       " desk_cert_sha256 BLOB NOT NULL)"),
        QStringLiteral("CREATE INDEX messages_desk_n ON messages(desk, n)"),
        QStringLiteral("CREATE TABLE confirmations ("
                       " message_id BLOB PRIMARY KEY REFERENCES messages(id), no TEXT NOT NULL,"
                       " iss TEXT NOT NULL, recv TEXT NOT NULL, pt TEXT NOT NULL, desk TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX confirmations_no ON confirmations(no)"),
        QStringLiteral("CREATE TABLE doubts ("
                       " message_id BLOB PRIMARY KEY REFERENCES messages(id), case_id TEXT NOT NULL,"
                       " no TEXT NOT NULL, verdict TEXT NOT NULL, to_json TEXT NOT NULL,"
                       " decision_outcome TEXT, files_json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE audit_pairs ("
                       " message_id BLOB PRIMARY KEY REFERENCES messages(id), desk TEXT NOT NULL,"
                       " n INTEGER NOT NULL, audit_count INTEGER NOT NULL, audit_head BLOB NOT NULL)"),
        QStringLiteral("CREATE INDEX audit_pairs_desk ON audit_pairs(desk, audit_count)"),
        QStringLiteral("CREATE TABLE counter_reports ("
                       " seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, desk TEXT NOT NULL,"
                       " n INTEGER NOT NULL, missing_from INTEGER, missing_to INTEGER,"
                       " message_id BLOB NOT NULL REFERENCES messages(id), other_id BLOB,"
                       " received_at TEXT NOT NULL)"),
    }};
    return steps;
}

QString uuidText(const QByteArray& id)
{
    return QUuid::fromRfc4122(id).toString(QUuid::WithoutBraces);
}

// The ledger's times: to the second.
QString ledgerTime(const QDateTime& t)
{
    return isoTime(t, IsoPrecision::Seconds);
}

QDateTime parseTime(const QVariant& v)
{
    return parseIsoTime(v.toString());
}

std::optional<CounterReport::Kind> kindFromName(const QString& name)
{
    for (auto k : {CounterReport::Kind::Gap, CounterReport::Kind::Repeat, CounterReport::Kind::AuditConflict,
                   CounterReport::Kind::AuditWentBack})
        if (counterReportKindName(k) == name)
            return k;
    return std::nullopt;
}

} // namespace

QString counterReportKindName(CounterReport::Kind kind)
{
    switch (kind) {
    case CounterReport::Kind::Gap:
        return QStringLiteral("gap");
    case CounterReport::Kind::Repeat:
        return QStringLiteral("repeat");
    case CounterReport::Kind::AuditConflict:
        return QStringLiteral("audit-conflict");
    case CounterReport::Kind::AuditWentBack:
        return QStringLiteral("audit-went-back");
    }
    return QString();
}

struct MessageLedger::Private
{
    QString path;
    bool inBatch = false; // record() nests in a batch's transaction (a savepoint)
    QString connectionName;
    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }

    // Each statement is prepared once: preparing was a quarter of the
    // inbox's time (bench/outbox). `q` is the kept statement.
    mutable std::unordered_map<QString, QSqlQuery> prepared;

    // Runs one statement with its values bound; false and `error` set on failure.
    bool exec(QSqlQuery*& q, const QString& sql, const QVariantList& values, QString* error) const
    {
        auto it = prepared.find(sql);
        if (it == prepared.end()) {
            QSqlQuery fresh(db());
            fresh.setForwardOnly(true);
            if (!fresh.prepare(sql)) {
                if (error)
                    *error = fresh.lastError().text();
                return false; // a failed statement is never kept
            }
            it = prepared.emplace(sql, std::move(fresh)).first;
        }
        // A kept statement left mid-read would hold its read snapshot open
        // (WAL): a later BEGIN IMMEDIATE could then miss another run's writes.
        for (auto& [other, kept] : prepared)
            if (other != sql && kept.isActive())
                kept.finish();
        q = &it->second;
        for (int i = 0; i < values.size(); ++i)
            q->bindValue(i, values[i]);
        const bool ok = q->exec();
        if (!ok && error)
            *error = q->lastError().text();
        return ok;
    }
    Error readError(const QString& why) const
    {
        return makeError(QStringLiteral("ledger.read"),
                         Tr::tr("Cannot read the message ledger %1: %2").arg(path, why));
    }
};

MessageLedger::MessageLedger() : d(std::make_unique<Private>()) {}

MessageLedger::~MessageLedger()
{
    const QString name = d->connectionName;
    d->prepared.clear(); // before the connection they were made on
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

int MessageLedger::currentSchemaVersion()
{
    return int(migrations().size());
}

QString MessageLedger::path() const
{
    return d->path;
}

Result<std::unique_ptr<MessageLedger>> MessageLedger::open(const QString& path)
{
    // ":memory:" would vanish on close and Qt reads ':' as a resource.
    if (path.isEmpty() || path.startsWith(u':'))
        return makeError(QStringLiteral("ledger.path"),
                         Tr::tr("'%1' cannot be a message ledger: give the path of a file.").arg(path));
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return makeError(QStringLiteral("ledger.path"), Tr::tr("%1 is not a file.").arg(path));
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(QStringLiteral("ledger.open"),
                         Tr::tr("Cannot create the folder %1.").arg(info.absolutePath()));

    static std::atomic<int> counter{0};
    std::unique_ptr<MessageLedger> ledger(new MessageLedger);
    ledger->d->path = info.absoluteFilePath();
    ledger->d->connectionName = QStringLiteral("kpdesk-ledger-%1").arg(counter++);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), ledger->d->connectionName);
    db.setDatabaseName(ledger->d->path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return makeError(QStringLiteral("ledger.open"),
                         Tr::tr("Cannot open the message ledger %1: %2").arg(path, db.lastError().text()));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return makeError(QStringLiteral("ledger.open"),
                         Tr::tr("Cannot open the message ledger %1: %2").arg(path, q.lastError().text()));
    const int version = q.value(0).toInt();
    q.finish();
    if (version > currentSchemaVersion())
        return makeError(
            QStringLiteral("ledger.schema"),
            Tr::tr("%1 was made by a newer KP Desk (ledger schema %2; this one knows %3). It was "
                   "not changed.")
                .arg(path)
                .arg(version)
                .arg(currentSchemaVersion()));
    // A message taken must survive a power cut before its file is moved.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return makeError(QStringLiteral("ledger.open"),
                             Tr::tr("Cannot open the message ledger %1: %2").arg(path, q.lastError().text()));
        q.finish();
    }
    for (int v = version + 1; v <= currentSchemaVersion(); ++v) {
        bool ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        for (const QString& sql : migrations()[v - 1])
            ok = ok && q.exec(sql);
        ok = ok && q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v)) &&
             q.exec(QStringLiteral("COMMIT"));
        if (!ok) {
            const QString why = q.lastError().text();
            q.exec(QStringLiteral("ROLLBACK"));
            return makeError(
                QStringLiteral("ledger.migrate"),
                Tr::tr("Cannot bring the message ledger %1 to schema %2: %3").arg(path).arg(v).arg(why));
        }
    }
    return ledger;
}

Result<std::optional<QByteArray>> MessageLedger::takenFileSha256(const QByteArray& id) const
{
    QSqlQuery* q = nullptr;
    QString why;
    if (!d->exec(q, QStringLiteral("SELECT sha256 FROM messages WHERE id = ?"), {id}, &why))
        return d->readError(why);
    if (!q->next())
        return q->lastError().isValid()
                   ? Result<std::optional<QByteArray>>(d->readError(q->lastError().text()))
                   : Result<std::optional<QByteArray>>(std::nullopt);
    return std::optional<QByteArray>(q->value(0).toByteArray());
}

Result<QList<CounterReport>> MessageLedger::record(const KpMessageCodec::Read& read,
                                                   const QByteArray& fileBytes, const QString& fileName,
                                                   const QDateTime& receivedAt)
{
    const KpMessage& m = read.message;
    QSqlQuery* q = nullptr;
    QString why;
    const auto fail = [&](const QString& reason) {
        QSqlQuery rollback(d->db());
        if (d->inBatch) {
            rollback.exec(QStringLiteral("ROLLBACK TO record"));
            rollback.exec(QStringLiteral("RELEASE record"));
        } else {
            rollback.exec(QStringLiteral("ROLLBACK"));
        }
        return makeError(QStringLiteral("ledger.write"),
                         Tr::tr("Cannot write the message ledger %1: %2").arg(d->path, reason));
    };
    if (!d->exec(q, d->inBatch ? QStringLiteral("SAVEPOINT record") : QStringLiteral("BEGIN IMMEDIATE"), {},
                 &why))
        return makeError(QStringLiteral("ledger.write"),
                         Tr::tr("Cannot write the message ledger %1: %2").arg(d->path, why));

    if (!d->exec(q, QStringLiteral("SELECT 1 FROM messages WHERE id = ?"), {m.id}, &why))
        return fail(why);
    if (q->next()) {
        q->finish();
        fail(QString());
        return makeError(QStringLiteral("ledger.duplicate"),
                         Tr::tr("A message with the id %1 is already in the ledger.").arg(m.idText()));
    }

    // What this message's n and audit pair say about the desk's earlier ones;
    // read inside the transaction, so two runs never miss each other.
    QList<CounterReport> reports;
    const QString received = ledgerTime(receivedAt);
    CounterReport base;
    base.desk = m.desk;
    base.n = m.n;
    base.messageId = m.idText();
    base.receivedAt = receivedAt.toUTC();
    if (!d->exec(
            q,
            QStringLiteral("SELECT id FROM messages WHERE desk = ? AND n = ? ORDER BY received_at LIMIT 1"),
            {m.desk, qint64(m.n)}, &why))
        return fail(why);
    if (q->next()) {
        CounterReport r = base;
        r.kind = CounterReport::Kind::Repeat;
        r.otherMessageId = uuidText(q->value(0).toByteArray());
        reports << r;
    } else {
        if (!d->exec(q, QStringLiteral("SELECT MAX(n) FROM messages WHERE desk = ?"), {m.desk}, &why) ||
            !q->next())
            return fail(why.isEmpty() ? q->lastError().text() : why);
        const quint64 highest = q->value(0).isNull() ? 0 : quint64(q->value(0).toLongLong());
        if (m.n > highest + 1) {
            CounterReport r = base;
            r.kind = CounterReport::Kind::Gap;
            r.missingFrom = highest + 1;
            r.missingTo = m.n - 1;
            reports << r;
        }
    }
    if (!d->exec(q,
                 QStringLiteral("SELECT message_id FROM audit_pairs WHERE desk = ? AND audit_count = ? AND "
                                "audit_head <> ? LIMIT 1"),
                 {m.desk, qint64(m.audit.count), m.audit.hash}, &why))
        return fail(why);
    if (q->next()) {
        CounterReport r = base;
        r.kind = CounterReport::Kind::AuditConflict;
        r.otherMessageId = uuidText(q->value(0).toByteArray());
        reports << r;
    }
    // A trail only grows, and a desk numbers its messages as it makes them:
    // a message made earlier (a lower or the same n) with more entries, or
    // one made later with fewer, means the trail went back between the two,
    // whichever of them arrived first. The nearest such message is named.
    if (!d->exec(
            q,
            QStringLiteral("SELECT message_id FROM audit_pairs WHERE desk = ? AND "
                           "((n <= ? AND audit_count > ?) OR (n > ? AND audit_count < ?)) "
                           "ORDER BY ABS(n - ?), n, rowid LIMIT 1"),
            {m.desk, qint64(m.n), qint64(m.audit.count), qint64(m.n), qint64(m.audit.count), qint64(m.n)},
            &why))
        return fail(why);
    if (q->next()) {
        CounterReport r = base;
        r.kind = CounterReport::Kind::AuditWentBack;
        r.otherMessageId = uuidText(q->value(0).toByteArray());
        reports << r;
    }
    q->finish();

    const QByteArray sha = QCryptographicHash::hash(fileBytes, QCryptographicHash::Sha256);
    if (!d->exec(
            q,
            QStringLiteral("INSERT INTO messages (id, desk, pt, n, kind, at, received_at, file_name, sha256, "
                           "bytes, audit_count, audit_head, desk_cert_sha256) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {m.id, m.desk, m.participant, qint64(m.n), messageKindName(m.kind), ledgerTime(m.at), received,
             fileName, sha, fileBytes, qint64(m.audit.count), m.audit.hash, read.deskCertificate.sha256()},
            &why))
        return fail(why);
    if (!d->exec(q,
                 QStringLiteral("INSERT INTO audit_pairs (message_id, desk, n, audit_count, audit_head) "
                                "VALUES (?, ?, ?, ?, ?)"),
                 {m.id, m.desk, qint64(m.n), qint64(m.audit.count), m.audit.hash}, &why))
        return fail(why);

    const auto text = [&](const char* key) {
        return m.body.value(QLatin1String(key)).toString();
    };
    if (m.kind == MessageKind::Confirmation) {
        if (!d->exec(q,
                     QStringLiteral("INSERT INTO confirmations (message_id, no, iss, recv, pt, desk) VALUES "
                                    "(?, ?, ?, ?, ?, ?)"),
                     {m.id, text("no"), text("iss"), text("recv"), m.participant, m.desk}, &why))
            return fail(why);
    } else {
        QJsonArray to;
        for (const QCborValue& v : m.body.value(QStringLiteral("to")).toArray())
            to.append(v.toString());
        QJsonArray files;
        for (const QCborValue& v : m.body.value(QStringLiteral("files")).toArray()) {
            const QCborMap f = v.toMap();
            files.append(
                QJsonObject{{QStringLiteral("name"), f.value(QStringLiteral("name")).toString()},
                            {QStringLiteral("type"), f.value(QStringLiteral("type")).toString()},
                            {QStringLiteral("size"), f.value(QStringLiteral("data")).toByteArray().size()}});
        }
        const QCborValue decision = m.body.value(QStringLiteral("decision"));
        const QVariant outcome = decision.isMap()
                                     ? QVariant(decision.toMap().value(QStringLiteral("outcome")).toString())
                                     : QVariant(QMetaType::fromType<QString>());
        if (!d->exec(q,
                     QStringLiteral("INSERT INTO doubts (message_id, case_id, no, verdict, to_json, "
                                    "decision_outcome, files_json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                     {m.id, text("case"), text("no"), text("verdict"),
                      QString::fromUtf8(QJsonDocument(to).toJson(QJsonDocument::Compact)), outcome,
                      QString::fromUtf8(QJsonDocument(files).toJson(QJsonDocument::Compact))},
                     &why))
            return fail(why);
    }
    for (const CounterReport& r : reports) {
        const QByteArray other =
            r.otherMessageId.isEmpty() ? QByteArray() : QUuid::fromString(r.otherMessageId).toRfc4122();
        if (!d->exec(q,
                     QStringLiteral("INSERT INTO counter_reports (kind, desk, n, missing_from, missing_to, "
                                    "message_id, other_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                     {counterReportKindName(r.kind), r.desk, qint64(r.n),
                      r.kind == CounterReport::Kind::Gap ? QVariant(qint64(r.missingFrom))
                                                         : QVariant(QMetaType::fromType<qint64>()),
                      r.kind == CounterReport::Kind::Gap ? QVariant(qint64(r.missingTo))
                                                         : QVariant(QMetaType::fromType<qint64>()),
                      m.id, other.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(other),
                      received},
                     &why))
            return fail(why);
    }
    q->finish();
    if (!d->exec(q, d->inBatch ? QStringLiteral("RELEASE record") : QStringLiteral("COMMIT"), {}, &why))
        return fail(why);
    return reports;
}

Status MessageLedger::beginBatch()
{
    QSqlQuery* q = nullptr;
    QString why;
    if (d->inBatch || !d->exec(q, QStringLiteral("BEGIN IMMEDIATE"), {}, &why))
        return makeError(QStringLiteral("ledger.write"),
                         Tr::tr("Cannot write the message ledger %1: %2").arg(d->path, why));
    d->inBatch = true;
    return success();
}

Status MessageLedger::commitBatch()
{
    QSqlQuery* q = nullptr;
    QString why;
    d->inBatch = false;
    if (!d->exec(q, QStringLiteral("COMMIT"), {}, &why)) {
        QSqlQuery rollback(d->db());
        rollback.exec(QStringLiteral("ROLLBACK"));
        return makeError(QStringLiteral("ledger.write"),
                         Tr::tr("Cannot write the message ledger %1: %2").arg(d->path, why));
    }
    return success();
}

void MessageLedger::rollbackBatch()
{
    if (!d->inBatch)
        return;
    d->inBatch = false;
    QSqlQuery rollback(d->db());
    rollback.exec(QStringLiteral("ROLLBACK"));
}

Result<qint64> MessageLedger::messageCount() const
{
    QSqlQuery* q = nullptr;
    QString why;
    if (!d->exec(q, QStringLiteral("SELECT COUNT(*) FROM messages"), {}, &why) || !q->next())
        return d->readError(why.isEmpty() ? q->lastError().text() : why);
    return q->value(0).toLongLong();
}

Result<QList<ConfirmationEntry>> MessageLedger::confirmations() const
{
    QSqlQuery* q = nullptr;
    QString why;
    if (!d->exec(
            q,
            QStringLiteral("SELECT c.no, c.iss, c.recv, c.pt, c.desk, c.message_id FROM confirmations c "
                           "JOIN messages m ON m.id = c.message_id ORDER BY c.no, c.recv, m.received_at"),
            {}, &why))
        return d->readError(why);
    QList<ConfirmationEntry> list;
    while (q->next())
        list.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                     q->value(3).toString(), q->value(4).toString(), uuidText(q->value(5).toByteArray())});
    if (q->lastError().isValid())
        return d->readError(q->lastError().text());
    return list;
}

Result<QList<DoubtEntry>> MessageLedger::doubts() const
{
    QSqlQuery* q = nullptr;
    QString why;
    if (!d->exec(
            q,
            QStringLiteral("SELECT m.id, m.desk, m.pt, m.at, d.case_id, d.no, d.verdict, d.decision_outcome, "
                           "d.to_json, d.files_json FROM doubts d JOIN messages m ON m.id = d.message_id "
                           "ORDER BY m.at DESC, m.received_at DESC"),
            {}, &why))
        return d->readError(why);
    QList<DoubtEntry> list;
    while (q->next()) {
        DoubtEntry e;
        e.messageId = uuidText(q->value(0).toByteArray());
        e.desk = q->value(1).toString();
        e.participant = q->value(2).toString();
        e.at = parseTime(q->value(3));
        e.caseId = q->value(4).toString();
        e.number = q->value(5).toString();
        e.verdict = q->value(6).toString();
        e.decisionOutcome = q->value(7).toString();
        for (const QJsonValue& v : QJsonDocument::fromJson(q->value(8).toString().toUtf8()).array())
            e.addressees << v.toString();
        for (const QJsonValue& v : QJsonDocument::fromJson(q->value(9).toString().toUtf8()).array()) {
            const QJsonObject f = v.toObject();
            e.files.append({f.value(QStringLiteral("name")).toString(),
                            f.value(QStringLiteral("type")).toString(),
                            qint64(f.value(QStringLiteral("size")).toDouble())});
        }
        list << e;
    }
    if (q->lastError().isValid())
        return d->readError(q->lastError().text());
    return list;
}

Result<QList<CounterReport>> MessageLedger::counterReports() const
{
    QSqlQuery* q = nullptr;
    QString why;
    if (!d->exec(q,
                 QStringLiteral(
                     "SELECT kind, desk, n, missing_from, missing_to, message_id, other_id, received_at "
                     "FROM counter_reports ORDER BY seq"),
                 {}, &why))
        return d->readError(why);
    QList<CounterReport> list;
    while (q->next()) {
        const auto kind = kindFromName(q->value(0).toString());
        if (!kind)
            return d->readError(Tr::tr("unknown report kind %1").arg(q->value(0).toString()));
        CounterReport r;
        r.kind = *kind;
        r.desk = q->value(1).toString();
        r.n = quint64(q->value(2).toLongLong());
        r.missingFrom = quint64(q->value(3).toLongLong());
        r.missingTo = quint64(q->value(4).toLongLong());
        r.messageId = uuidText(q->value(5).toByteArray());
        if (!q->value(6).isNull())
            r.otherMessageId = uuidText(q->value(6).toByteArray());
        r.receivedAt = parseTime(q->value(7));
        list << r;
    }
    if (q->lastError().isValid())
        return d->readError(q->lastError().text());
    return list;
}

Result<QList<AuditPair>> MessageLedger::auditPairs(const QString& desk) const
{
    QSqlQuery* q = nullptr;
    QString why;
    if (!d->exec(
            q,
            QStringLiteral("SELECT n, audit_count, audit_head, message_id FROM audit_pairs WHERE desk = ? "
                           "ORDER BY audit_count, n"),
            {desk}, &why))
        return d->readError(why);
    QList<AuditPair> list;
    while (q->next())
        list.append({desk,
                     quint64(q->value(0).toLongLong()),
                     {quint64(q->value(1).toLongLong()), q->value(2).toByteArray()},
                     uuidText(q->value(3).toByteArray())});
    if (q->lastError().isValid())
        return d->readError(q->lastError().text());
    return list;
}

} // namespace kp
