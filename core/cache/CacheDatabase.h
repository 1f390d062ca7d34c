#pragma once

#include "cache/CacheTypes.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <optional>

namespace kp {

// The desk's local SQLite cache: desk configuration, the authority data from
// bundles, and what happened at this desk (presentations). One instance owns
// one connection and is used from one thread.
//
// Every statement binds its values. The schema carries a version
// (PRAGMA user_version) with stepwise migrations, each in one transaction.
class CacheDatabase
{
public:
    enum class OpenMode { CreateIfMissing, MustExist };

    // Error codes: "cache.open", "cache.not-found", "cache.schema" (newer than
    // this program or corrupt), "cache.migrate".
    static Result<std::unique_ptr<CacheDatabase>> open(const QString& path, OpenMode mode);
    // The default cache file under QStandardPaths::AppDataLocation.
    static QString defaultPath();
    static int currentSchemaVersion();

    ~CacheDatabase();
    CacheDatabase(const CacheDatabase&) = delete;
    CacheDatabase& operator=(const CacheDatabase&) = delete;

    QString path() const;
    int schemaVersion() const;
    QSqlDatabase connection() const;

    // --- Desk configuration (survives full snapshots) ---
    bool isInitialized() const; // participant set
    QString participant() const;
    Status setParticipant(const QString& code);
    QList<QByteArray> pinnedBundleKeys() const; // DER X.509 certificates
    Status addPinnedBundleKey(const QByteArray& der);
    // A desk made from demo data says so on every screen.
    bool isDemo() const;
    Status markAsDemo();

    QStringList syncSources() const;
    Status setSyncSources(const QStringList& sources);

    // --- Sync state ---
    SyncState syncState() const;
    Status recordSyncAttempt(const QDateTime& at, const QString& error); // error empty: success

    // --- Lookups used by verification ---
    std::optional<QByteArray> certificateRecord(const QString& number) const; // signed COSE bytes
    QList<SignerEntry> signersByKid(const QByteArray& kid) const;
    QList<AuthorityCaEntry> authorityCas(const QString& country) const;
    std::optional<RevocationEntry> revocation(const QString& number) const;
    QList<ParticipantPeriod> participantPeriods(const QString& code) const;
    bool hasParticipantData() const;
    std::optional<QCborValue> rule(const QString& key) const;
    QList<PresentationEntry> presentations(const QString& number) const;
    Result<qint64> recordPresentation(const QString& number, const QDateTime& at, const QString& verdict);
    CacheCounts counts() const;

    // One read transaction for a run of lookups: they all see the same state
    // (a sync committing meanwhile is never half seen), and SQLite takes its
    // file lock once instead of once per lookup. Does nothing inside an open
    // write transaction.
    class ReadSnapshot
    {
    public:
        explicit ReadSnapshot(const CacheDatabase& db);
        ~ReadSnapshot();
        ReadSnapshot(const ReadSnapshot&) = delete;
        ReadSnapshot& operator=(const ReadSnapshot&) = delete;
        void release();

    private:
        const CacheDatabase& m_db;
        bool m_active = false;
    };

private:
    CacheDatabase();
    struct Private;
    std::unique_ptr<Private> d;
    friend class CacheWriter;
};

} // namespace kp
