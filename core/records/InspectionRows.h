#pragma once

// The desk's inspections as the window lists and reopens them: each record
// (the records door's, by UUID) with the desk's row number for it, which the
// window's lists and its tests use as a short handle. Reads only; the door
// writes. Every read tells "not there" from "could not read" (records.read).

#include "util/Result.h"
#include "verify/Inspection.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kp {

class CacheDatabase;

// One inspection in a list (today's inspections).
struct InspectionRow
{
    qint64 row = 0;
    QString id; // the record's UUID
    QDateTime at;
    QString officer;
    QString number;
    Verdict verdict = Verdict::Reject;
    Verdict finalVerdict = Verdict::Reject;
    bool hasCase = false; // a flag opened a case for it
    int corrections = 0;  // how many times its physical check was corrected (docs/spec-notes.md)
};

class InspectionRows
{
public:
    explicit InspectionRows(CacheDatabase& db) : m_db(db) {}

    // The row of a record; nullopt when no inspection has that UUID.
    Result<std::optional<qint64>> rowOf(const QString& id);
    // The record of a row; nullopt when the row is not there or has no UUID
    // (saved before accounts and not adopted yet).
    Result<std::optional<QString>> idOf(qint64 row);
    // The inspections made in [from, to), newest first.
    Result<QList<InspectionRow>> between(const QDateTime& from, const QDateTime& to);
    // The cases opened on one inspection, oldest first (their UUIDs).
    Result<QStringList> casesOf(const QString& inspectionId);

private:
    CacheDatabase& m_db;
};

} // namespace kp
