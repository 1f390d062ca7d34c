#pragma once

// Replication between a desk's file and the office (docs/office.md): a
// union of immutable records keyed by UUID, so every step can be repeated.
//
// push: what this desk made waits in its office_queue (filled by triggers in
// the transactions that write it). A batch is inserted in ONE office
// transaction (ON CONFLICT DO NOTHING), then taken off the queue. A push cut
// anywhere loses nothing (the queue keeps it) and duplicates nothing (the
// office already holding a UUID ignores it again).
//
// pull: the cases of other desks and the events other desks made (on any
// case this desk holds), in the office's commit order, after the last number
// seen; written to the desk's file with their desk, in one local transaction
// per page, with the number reached.

#include "office/EventSignature.h"
#include "util/Result.h"

#include <QString>

#include <functional>

namespace kp {

class CacheDatabase;
class OfficeDatabase;

struct ReplicationCount
{
    qint64 pushed = 0;   // queue entries the office now holds
    qint64 cases = 0;    // cases of other desks pulled
    qint64 events = 0;   // events made elsewhere pulled
    qint64 read = 0;     // rows read from the office (pull's own count)
    qint64 setAside = 0; // rows read that failed their checks (office_set_aside)
};

class Replicator
{
public:
    // `desk` and `office` are used from the calling thread only.
    Replicator(CacheDatabase& desk, OfficeDatabase& office);

    // How many of this desk's records wait to go up (reads the desk only).
    static Result<qint64> waiting(CacheDatabase& desk);

    // Queues everything this desk made again (an office restored from an
    // older backup): the next push sends it all; the office ignores what it holds.
    static Status requeueAll(CacheDatabase& desk);

    // Pushes until the queue is empty; batches of `batch` entries (at most EventBatch::MaxEvents).
    Result<qint64> push(int batch = 500);
    // Pulls until nothing new; pages of `page` rows.
    Result<ReplicationCount> pull(int page = 1000);
    // Push then pull (and push again the trail entry of rows the pull set aside).
    Result<ReplicationCount> sync();
    // Whether the office holds everything this desk made: its cases, events,
    // inspections and audit entries counted on both sides.
    // Error code "office.incomplete" saying what is missing; "office.conflict"
    // when another row holds a place of this desk's trail (SetAside).
    Status checkOfficeHoldsDesk();

    // The desk's key and certificate: its case events go up signed. Without
    // one (a desk not enrolled) they go up unsigned and no other desk applies them.
    void setSigner(std::optional<OfficeSigner> signer) { m_signer = std::move(signer); }

    // Tests: called after each batch committed at the office, before it is
    // taken off the desk's queue (a process killed there).
    void setAfterOfficeCommit(std::function<void()> hook) { m_afterOfficeCommit = std::move(hook); }

private:
    Status ensureDesk();
    Result<qint64> pushBatch(int batch);
    Result<ReplicationCount> pullPage(int page);

    CacheDatabase& m_desk;
    OfficeDatabase& m_office;
    QString m_deskId;
    QString m_deskName;
    std::optional<OfficeSigner> m_signer;
    std::function<void()> m_afterOfficeCommit;
};

} // namespace kp
