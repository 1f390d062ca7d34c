#pragma once

// Internal to the sync module: the two kinds of source.

#include "sync/SyncSource.h"

#include <QDeadlineTimer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QTemporaryDir;

namespace kp {

// Length and SHA-256 of a local file against its index entry.
Status checkEntry(const QString& path, const IndexEntry& entry);

// The sync's overall deadline, started when a source is opened.
QDeadlineTimer syncDeadline(const FetchOptions& options);
// "sync.deadline": the sync from `source` ran past options.deadlineMs.
Error deadlineError(const QString& source, const FetchOptions& options);

class FolderSource : public SyncSource
{
public:
    FolderSource(const QString& folder, FetchOptions options);
    ~FolderSource() override;
    QString describe() const override;
    Result<QByteArray> fetchIndex() override;
    // A copy in the download folder (or a temporary one), made while hashing.
    Result<QString> fetchFile(const IndexEntry& entry) override;

private:
    Result<QString> scratchDir();

    QString m_folder;
    FetchOptions m_options;
    QDeadlineTimer m_deadline;
    std::unique_ptr<QTemporaryDir> m_scratch; // when options.downloadDir is empty
    QStringList m_copies;                     // removed when the sync is done
};

class HttpSource : public SyncSource
{
public:
    HttpSource(const QUrl& base, FetchOptions options);
    ~HttpSource() override;
    QString describe() const override;
    Result<QByteArray> fetchIndex() override;
    Result<QString> fetchFile(const IndexEntry& entry) override;

private:
    struct Attempt;
    Result<QByteArray> getSmall(const QString& name, qint64 maxSize);
    // One try at the rest of `name` into `partPath`; a transient failure
    // sets retry.
    Status download(const QString& name, const QString& partPath, qint64 expected, bool& retry);
    QUrl urlOf(const QString& name) const;
    // Waits before try `attempt` (none before the first); false when the
    // sync's deadline has passed or leaves no time for the wait.
    bool backOff(int attempt) const;

    QUrl m_base;
    FetchOptions m_options;
    QDeadlineTimer m_deadline;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace kp
