#pragma once

// The desk's records store: the tables of schema version 4 in the desk's one
// SQLite file (docs/records-and-cache.md), on a CacheDatabase's connection.

#include "records/LegacyRecords.h"
#include "records/RecordsStore.h"

namespace kp {

class CacheDatabase;

class SqliteRecordsStore final : public RecordsStore, public LegacyRecords
{
public:
    explicit SqliteRecordsStore(CacheDatabase& db) : m_db(db) {}

    // BEGIN IMMEDIATE: the write lock is taken first (waiting for another
    // writer up to the connection's write wait), then the head is read.
    Status begin() override;
    Status commit() override;
    void rollback() override;

    Result<DeskSettings> settings() override;
    Status saveSettings(const DeskSettings& settings) override;

    Result<std::optional<AccountRecord>> account(const QString& name) override;
    Result<QList<AccountRecord>> accounts() override;
    Status insertAccount(const AccountRecord& account) override;
    Status updateAccount(const AccountRecord& account) override;

    Status insertInspection(const InspectionRecord& inspection) override;
    Status setPhysicalCheck(const QString& inspectionId, const PhysicalCheck& check,
                            Verdict finalVerdict) override;
    Status insertCorrection(const InspectionCorrection& correction) override;
    Result<std::optional<InspectionRecord>> inspection(const QString& id) override;
    Result<bool> heldByCase(const QString& inspectionId) override;
    Result<QList<InspectionRecord>> findInspections(const InspectionFilter& filter) override;
    Status insertRelease(const InspectionRecord& inspection, const QDateTime& at, const QString& how,
                         const QString& by = {}) override;
    Result<std::optional<ReleaseRecord>> releaseOf(const QString& number) override;

    Status insertCase(const CaseRecord& record) override;
    Status appendEvent(const CaseEvent& event) override;
    Status indexCase(const CaseSummary& summary) override;
    Result<std::optional<CaseRecord>> caseRecord(const QString& id) override;
    Result<QList<CaseEvent>> events(const QString& caseId, bool withAttachmentData = false) override;
    Result<QList<CaseSummary>> cases(const CaseFilter& filter) override;
    Result<QMap<CaseState, int>> caseCounts() override;
    Result<qint64> caseChangeMark() override;

    Result<quint64> lastMessageNumber() override;
    Status insertMessage(const OutboxMessage& message) override;
    Result<QList<OutboxMessage>> messages(bool waitingOnly, bool withBytes) override;
    Result<std::optional<OutboxMessage>> message(const QString& id) override;
    Status updateDelivery(const OutboxMessage& message) override;

    Result<AuditHead> auditHead() override;
    Status appendAudit(const StoredAuditEntry& entry) override;
    Status readAudit(const std::function<bool(const StoredAuditEntry&)>& each) override;

    Status assignInspectionIds(const std::function<QString()>& newId) override;
    Result<QList<LegacyFlag>> legacyFlags() override;
    Status markAdopted(qint64 row) override;

private:
    CacheDatabase& m_db;
};

} // namespace kp
