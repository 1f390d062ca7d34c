#pragma once

// The authority side of kp-sync.md "On a web server": a folder of bundles
// and the signed index that lists them, which any web server (or a USB
// stick) can serve as it is.

#include "crypto/Certificate.h"
#include "sync/SyncIndex.h"

#include <QStringList>

namespace kp {

struct PublishOptions
{
    int keepDeltas = 30; // deltas older than the newest seq minus this are dropped from the index
};

// Copies the bundles into `folder` under canonical names
// (full-<seq>.kpsync, delta-<base>-<seq>.kpsync), then writes a new signed
// `index` over the newest full snapshot and the deltas from it, checking that
// the chain reaches the newest seq. Each file is written whole or not at all.
Result<SyncIndex> publishFolder(const QString& folder, const QStringList& bundles, const PrivateKey& key,
                                const Certificate& cert, const PublishOptions& options = {});

} // namespace kp
