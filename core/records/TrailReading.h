#pragma once

// The audit trail as people read it (issue 21 item 8): every entry decoded
// and checked in one pass over the store, so that what is listed is what was
// verified; the chain's state; and the head the home authority last
// received. Filtering is in memory (TrailFilter), so the window reads the
// trail once per look. No SQL: RecordsStore::readAudit does the reading.

#include "records/RecordsStore.h"

#include <optional>

namespace kp {

// One entry as read. `holds`: it and every entry before it link up.
struct TrailRow
{
    AuditEntry entry;
    bool decoded = false; // false: the stored bytes are not an entry (only n is known)
    bool holds = false;
};

// A head that went out with a message the authority received (delivered, or
// handed over on a stick): what the authority can hold the trail against.
struct TrailWitness
{
    AuditHead head;
    QDateTime at; // when it was delivered or handed over
    QString messageId;
};

struct TrailReading
{
    QList<TrailRow> rows;
    AuditHead head; // up to the first entry that does not hold
    std::optional<Error> failure;
    quint64 failedAt = 0;
    std::optional<TrailWitness> witnessed;

    bool holds() const { return !failure.has_value(); }
    // Who and what occur in the trail, sorted, for the filters' lists.
    QStringList actors() const;
    QStringList kinds() const;
};

// What a person asks of the trail; empty parts match everything.
struct TrailFilter
{
    QString actor;    // exact
    QString kind;     // exact
    QDateTime from;   // at or after
    QDateTime before; // strictly before
    QString number;   // the certificate number (data "number"), ignoring case
    QString caseId;   // the case's id (data "case"), or its start, ignoring case

    bool matches(const TrailRow& row) const;
};

// Reads and verifies the whole trail. An error only when it cannot be read;
// a trail that does not hold is a reading with `failure` set.
Result<TrailReading> readTrail(RecordsStore& store);

// The data of an entry in one line, for people ("name: ana, role: officer").
QString trailDataText(const QCborMap& data);

} // namespace kp
