#pragma once

#include "cache/CacheTypes.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <optional>

namespace kp {

class HealthCheckStop;

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
    // Quick: the schema version, and every table the checks read exists and
    // can be read (cheap, before each verification). Full: Quick plus SQLite's
    // own page-by-page check (PRAGMA quick_check; seconds on a large cache).
    enum class HealthLevel { Quick, Full };

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
    // How long a write waits for another writer (a sync applying a bundle)
    // before it gives up. The default suits the window; a command whose
    // record must not be lost waits for the sync to end.
    static constexpr int DefaultWriteWaitMs = 5000;
    Status setWriteWait(int milliseconds);

    // Every read tells "found", "not found" and "could not read" apart: a
    // lookup is Result<std::optional<T>> or Result<QList<T>>, and an SQL error
    // (a damaged page, a missing table, an I/O error) is the error
    // "cache.read", never an empty answer.

    // --- Desk configuration (survives full snapshots) ---
    Result<bool> isInitialized() const; // participant set
    Result<QString> participant() const;
    Status setParticipant(const QString& code);
    Result<QList<QByteArray>> pinnedBundleKeys() const; // DER X.509 certificates
    Status addPinnedBundleKey(const QByteArray& der);
    // A desk made from demo data says so on every screen.
    Result<bool> isDemo() const;
    Status markAsDemo();

    // The desk's enrolment with its home authority (core/outbox/DeskIdentity):
    // the desk id it asked for (e.g. EU-ANR-03) and, once installed, its desk
    // certificate (PEM). Empty: none yet. Desk configuration: a repair keeps it.
    Result<QString> enrolledDeskId() const;
    Status setEnrolledDeskId(const QString& deskId);
    Result<QByteArray> deskCertificatePem() const;
    Status setDeskCertificatePem(const QByteArray& pem);

    Result<QStringList> syncSources() const;
    Status setSyncSources(const QStringList& sources);

    // --- Sync state ---
    Result<SyncState> syncState() const;
    Status recordSyncAttempt(const QDateTime& at, const QString& error); // error empty: success

    // --- Lookups used by verification ---
    Result<std::optional<QByteArray>> certificateRecord(const QString& number) const; // signed COSE bytes
    Result<QList<SignerEntry>> signersByKid(const QByteArray& kid) const;
    Result<QList<AuthorityCaEntry>> authorityCas(const QString& country) const;
    Result<std::optional<RevocationEntry>> revocation(const QString& number) const;
    // The home authority's entry for a desk certificate, by the SHA-256 of
    // its DER; none when the authority did not list it.
    Result<std::optional<DeskCertificateEntry>> deskCertificate(const QByteArray& sha256) const;
    Result<QList<ParticipantPeriod>> participantPeriods(const QString& code) const;
    Result<bool> hasParticipantData() const;
    Result<std::optional<QCborValue>> rule(const QString& key) const;
    Result<QList<PresentationEntry>> presentations(const QString& number) const;
    // The shipments released at this desk under this number, oldest first
    // (written by the records door: SqliteRecordsStore::insertRelease).
    Result<QList<ReleaseEntry>> releases(const QString& number) const;
    // Whom to tell about reasonable doubt: the contacts of `participant`
    // (e.g. "BW", or "KP" for the Chair and the WGM), or every contact when
    // it is empty; ordered by participant and role.
    Result<QList<ContactEntry>> contacts(const QString& participant = QString()) const;
    Result<qint64> recordPresentation(const QString& number, const QDateTime& at, const QString& verdict);
    Result<CacheCounts> counts() const;

    // Error codes: "cache.read" (a table is missing or cannot be read, or the
    // schema version is not this program's), "cache.damaged" (Full: SQLite
    // found damaged pages). Both mean: repair the desk (kpdesk-cli repair).
    // "cache.cancelled": `stop` was stopped before or while the Full check
    // ran; it says nothing of the cache's health.
    Status checkHealth(HealthLevel level, HealthCheckStop* stop = nullptr) const;

    // Closes this object's connection (every statement is finalised) and opens
    // it again on the same path, e.g. after the file was repaired and swapped.
    // Between the two the object must not be used.
    void closeConnection();
    Status reopenConnection();

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
