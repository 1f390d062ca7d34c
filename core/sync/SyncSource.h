#pragma once

// Where a desk takes its bundles from: a folder (a USB stick, a network
// share) or a web server, both laid out as kp-sync.md "On a web server".

#include "sync/SyncIndex.h"
#include "util/Result.h"

#include <functional>
#include <memory>

namespace kp {

struct FetchOptions
{
    QString proxy;             // empty: the system's proxy settings; "none": direct
    QString pinnedCaPath;      // PEM: trusted for the server besides the system's CAs
    int idleTimeoutMs = 30000; // no byte for this long (connecting included): give up this try
    // A trickle is a failure too: fewer than lowSpeedBytes in lowSpeedWindowMs
    // gives up this try (and the next resumes where it stopped).
    int lowSpeedWindowMs = 60000;
    qint64 lowSpeedBytes = 1024;
    // The whole sync from one source (the index and every bundle, retries
    // included): past it the sync ends with "sync.deadline", however the
    // server trickles (a byte every few seconds resets the idle timeout).
    // 0: none.
    int deadlineMs = 3600 * 1000;
    int retries = 3;      // further tries after a network failure, with back-off
    int backoffMs = 1000; // first back-off; doubles each try
    QString downloadDir;  // where partial downloads wait to be resumed
    // Bytes done and expected, for a progress bar; called often.
    std::function<void(const QString& file, qint64 done, qint64 total)> progress;
    // Polled while downloading and between bundles: true stops the sync
    // ("sync.cancelled"); a partial download is kept for resuming.
    std::function<bool()> cancelled;
};

class SyncSource
{
public:
    virtual ~SyncSource() = default;

    // An http(s) URL or a folder. Error "sync.source" for anything else.
    static Result<std::unique_ptr<SyncSource>> open(const QString& location, const FetchOptions& options);

    virtual QString describe() const = 0;
    // The signed index, at most SyncIndex::MaxSize bytes.
    virtual Result<QByteArray> fetchIndex() = 0;
    // A local file holding exactly the entry's bytes (length and SHA-256
    // checked): "sync.hash" when they differ.
    virtual Result<QString> fetchFile(const IndexEntry& entry) = 0;
};

// Streams a file through SHA-256; false when it cannot be read.
bool hashFile(const QString& path, QByteArray& sha256, qint64& size);

} // namespace kp
