#pragma once

// A handful of past inspections for the search's tests (store, command
// line, window): known numbers, officers, participants, verdicts and ages,
// one with a case. Header-only: only tests that link kp_records include it.

#include "records/RecordsStore.h"

#include <QStringList>
#include <QUuid>

#include <initializer_list>

namespace kp::test {

// A list of ASCII strings, for expected values.
inline QStringList strings(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* s : list)
        out << QString::fromLatin1(s);
    return out;
}

struct PastInspection
{
    QString key; // what the tests call it
    int hoursAgo = 0;
    QString officer;
    QString number;
    QString participant;
    Verdict verdict = Verdict::Accept;
    Verdict finalVerdict = Verdict::Accept;
    bool withCase = false;
};

// Newest first, as the search lists them. "now" is the tests' clock.
inline QList<PastInspection> pastInspections()
{
    return {
        {QStringLiteral("today"), 1, QStringLiteral("olga"), QStringLiteral("BW-2026-000001"),
         QStringLiteral("BW"), Verdict::Accept, Verdict::Accept, false},
        {QStringLiteral("twoDays"), 48, QStringLiteral("Kagiso"), QStringLiteral("NA-2026-000002"),
         QStringLiteral("NA"), Verdict::Doubt, Verdict::Accept, false},
        {QStringLiteral("tenDays"), 240, QStringLiteral("Olga"), QStringLiteral("BW-2026-000003"),
         QStringLiteral("BW"), Verdict::Doubt, Verdict::Doubt, true},
        {QStringLiteral("fortyDays"), 960, QStringLiteral("anna"), QStringLiteral("CA-2026-000004"),
         QStringLiteral("CA"), Verdict::Reject, Verdict::Reject, false},
        {QStringLiteral("lastYear"), 9600, QStringLiteral("kagiso"), QStringLiteral("BW-2025-000005"),
         QStringLiteral("BW"), Verdict::Accept, Verdict::Reject, false},
    };
}

// Writes them straight into the store (as the door would have); key -> UUID.
inline QMap<QString, QString> writePastInspections(RecordsStore& store, const QDateTime& now)
{
    QMap<QString, QString> ids;
    for (const PastInspection& p : pastInspections()) {
        InspectionRecord r;
        r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        r.at = now.addSecs(-qint64(p.hoursAgo) * 3600);
        r.officer = p.officer;
        r.officerId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        r.number = p.number;
        r.participant = p.participant;
        r.verdict = p.verdict;
        r.finalVerdict = p.finalVerdict;
        if (!store.insertInspection(r))
            return {};
        if (p.withCase && !store.insertCase({QUuid::createUuid().toString(QUuid::WithoutBraces), r.id, r.at,
                                             QStringLiteral("test"), QString()}))
            return {};
        ids.insert(p.key, r.id);
    }
    return ids;
}

} // namespace kp::test
