#include "cases/CaseStore.h"

#include "cache/CacheDatabase.h"
#include "util/IsoTime.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace kp {

namespace {

Error storeError(const QSqlQuery& q)
{
    qCWarning(lcCache) << "case store:" << q.lastError().text() << "in" << q.lastQuery();
    return makeError(QStringLiteral("cases.write"),
                     QCoreApplication::translate("kp::CaseStore", "The inspection could not be saved: %1")
                         .arg(q.lastError().text()));
}

QString compactJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

Verdict finalVerdict(Verdict verification, const QStringList& physicalMismatches)
{
    if (verification == Verdict::Accept && !physicalMismatches.isEmpty())
        return Verdict::Doubt;
    return verification;
}

Result<qint64> CaseStore::saveInspection(const Inspection& inspection, const QString& officer,
                                         const QByteArray& imagePng)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO inspections(uuid, at, officer, no, verdict, final_verdict, inspection_json, image, "
        "participant) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    // A UUID as for every record (core/records); the window's cases move to the records door next.
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(isoTime(inspection.verifiedAt));
    q.addBindValue(officer);
    q.addBindValue(inspection.number);
    q.addBindValue(verdictName(inspection.verdict));
    q.addBindValue(verdictName(inspection.verdict));
    q.addBindValue(compactJson(inspection.toJson()));
    q.addBindValue(imagePng.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(imagePng));
    q.addBindValue(inspection.certificate ? inspection.certificate->issuer : QString());
    if (!q.exec())
        return storeError(q);
    return q.lastInsertId().toLongLong();
}

Status CaseStore::savePhysicalCheck(qint64 inspectionId, const PhysicalCheck& check, Verdict verdict)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE inspections SET physical_json = ?, final_verdict = ? WHERE id = ?"));
    q.addBindValue(compactJson(check.toJson()));
    q.addBindValue(verdictName(verdict));
    q.addBindValue(inspectionId);
    if (!q.exec())
        return storeError(q);
    return success();
}

Result<qint64> CaseStore::saveFlag(const Flag& flag)
{
    QSqlDatabase db = m_db.connection();
    if (!db.transaction())
        return makeError(QStringLiteral("cases.write"), db.lastError().text());
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO flags(inspection_id, at, officer, reasons, notes, held) VALUES(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(flag.inspectionId);
    q.addBindValue(isoTime(flag.at));
    q.addBindValue(flag.officer);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(flag.reasons)).toJson(QJsonDocument::Compact)));
    q.addBindValue(flag.notes);
    q.addBindValue(flag.held ? 1 : 0);
    if (!q.exec()) {
        const Error e = storeError(q);
        db.rollback();
        return e;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    for (const Attachment& a : flag.attachments) {
        QSqlQuery att(db);
        att.prepare(QStringLiteral("INSERT INTO attachments(flag_id, name, data) VALUES(?, ?, ?)"));
        att.addBindValue(id);
        att.addBindValue(a.name);
        att.addBindValue(a.data);
        if (!att.exec()) {
            const Error e = storeError(att);
            db.rollback();
            return e;
        }
    }
    if (!db.commit()) {
        db.rollback();
        return makeError(QStringLiteral("cases.write"), db.lastError().text());
    }
    return id;
}

QList<InspectionSummary> CaseStore::inspectionsBetween(const QDateTime& from, const QDateTime& to) const
{
    QList<InspectionSummary> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT i.id, i.at, i.officer, i.no, i.verdict, i.final_verdict, "
                             "EXISTS(SELECT 1 FROM flags f WHERE f.inspection_id = i.id) "
                             "FROM inspections i WHERE i.at >= ? AND i.at < ? ORDER BY i.at DESC"));
    q.addBindValue(isoTime(from));
    q.addBindValue(isoTime(to));
    if (!q.exec())
        return out;
    while (q.next()) {
        InspectionSummary s;
        s.id = q.value(0).toLongLong();
        s.at = parseIsoTime(q.value(1).toString());
        s.officer = q.value(2).toString();
        s.number = q.value(3).toString();
        s.verdict = verdictFromName(q.value(4).toString()).value_or(Verdict::Reject);
        s.finalVerdict = verdictFromName(q.value(5).toString()).value_or(Verdict::Reject);
        s.flagged = q.value(6).toBool();
        out.append(s);
    }
    return out;
}

std::optional<SavedInspection> CaseStore::inspection(qint64 id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT at, officer, no, verdict, final_verdict, inspection_json, physical_json, image "
        "FROM inspections WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    SavedInspection s;
    s.summary.id = id;
    s.summary.at = parseIsoTime(q.value(0).toString());
    s.summary.officer = q.value(1).toString();
    s.summary.number = q.value(2).toString();
    s.summary.verdict = verdictFromName(q.value(3).toString()).value_or(Verdict::Reject);
    s.summary.finalVerdict = verdictFromName(q.value(4).toString()).value_or(Verdict::Reject);
    s.inspection = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    s.physical = PhysicalCheck::fromJson(QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object());
    s.image = q.value(7).toByteArray();

    QSqlQuery f(m_db.connection());
    f.prepare(QStringLiteral(
        "SELECT id, at, officer, reasons, notes, held FROM flags WHERE inspection_id = ? ORDER BY id"));
    f.addBindValue(id);
    // A flag that cannot be read must not make the inspection look unflagged:
    // the whole inspection is then unreadable (the caller says so).
    if (!f.exec())
        return std::nullopt;
    {
        while (f.next()) {
            Flag flag;
            flag.id = f.value(0).toLongLong();
            flag.inspectionId = id;
            flag.at = parseIsoTime(f.value(1).toString());
            flag.officer = f.value(2).toString();
            for (const QJsonValue v : QJsonDocument::fromJson(f.value(3).toString().toUtf8()).array())
                flag.reasons << v.toString();
            flag.notes = f.value(4).toString();
            flag.held = f.value(5).toBool();
            QSqlQuery a(m_db.connection());
            a.prepare(QStringLiteral("SELECT name, data FROM attachments WHERE flag_id = ? ORDER BY id"));
            a.addBindValue(flag.id);
            if (!a.exec())
                return std::nullopt;
            while (a.next())
                flag.attachments.append({a.value(0).toString(), a.value(1).toByteArray()});
            if (a.lastError().isValid())
                return std::nullopt;
            s.flags.append(flag);
        }
        if (f.lastError().isValid())
            return std::nullopt;
    }
    s.summary.flagged = !s.flags.isEmpty();
    return s;
}

} // namespace kp
