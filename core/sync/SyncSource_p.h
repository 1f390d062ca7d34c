#pragma once

// Internal to the sync module: the two kinds of source.

#include "sync/SyncSource.h"

#include <QUrl>

class QNetworkAccessManager;

namespace kp {

// Length and SHA-256 of a local file against its index entry.
Status checkEntry(const QString& path, const IndexEntry& entry);

class FolderSource : public SyncSource
{
public:
    explicit FolderSource(const QString& folder);
    QString describe() const override;
    Result<QByteArray> fetchIndex() override;
    Result<QString> fetchFile(const IndexEntry& entry) override;

private:
    QString m_folder;
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

    QUrl m_base;
    FetchOptions m_options;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace kp
