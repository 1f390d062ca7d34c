#pragma once

#include "cache/CacheTypes.h"
#include "util/Result.h"

#include <QList>
#include <QString>

namespace kp {

class Clock;

// One demo certificate: what it shows and where its barcode image is.
struct DemoSample
{
    QString key;      // stable, e.g. "bw-genuine" (for scripts and tests)
    QString label;    // in the user's language, e.g. "Botswana, genuine"
    QString expected; // "accept", "doubt" or "reject"
    QString imagePath;
    QString text; // the barcode's text
};

struct DemoDesk
{
    QString dir;
    QString dbPath;
    QString pkiDir;
    QString syncFolder;     // the demo authority's published bundles: the desk's sync source
    QString deskId;         // enrolled with the demo authority (pkiDir/desks.json)
    QList<QString> bundles; // applied in order
    QList<DemoSample> samples;

    // The sample with that key (DemoSample::key), or nullptr.
    const DemoSample* sample(QStringView key) const;
};

// Builds a complete demo desk of the EU under dir, all clearly marked DEMO:
// a demo PKI, participants with their history, rules, realistic certificates
// (genuine, forged, expired, revoked, re-used, sanctioned, odd value, for
// another desk, plain numbers), their barcode images, a full and a delta
// bundle published in a sync folder, and a desk cache with both applied, that
// folder as its sync source, enrolled with the demo authority. Dates are
// relative to the clock.
Result<DemoDesk> buildDemoDesk(const QString& dir, const Clock& clock);

// The demo's participant list with the domain's history (resources/demo).
QByteArray demoParticipantsJson();
// Those participants as status periods, ready for a bundle.
QList<ParticipantPeriod> demoParticipantPeriods();
// Whom the demo desk tells about reasonable doubt: the EU's authority, the
// demo's exporting participants, the KP Chair and the WGM (all marked DEMO,
// with addresses that reach no one).
QList<ContactEntry> demoContacts();

} // namespace kp
