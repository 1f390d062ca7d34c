#pragma once

// The window's replication (docs/office.md, "Live within seconds"): a QObject
// meant to live in its own QThread, so no network call is ever made on the
// GUI thread. Each round opens its own connections (the desk's file and the
// office), pushes, pulls, and reports; it polls every `intervalMs`.

#include "office/EventSignature.h"

#include <QDateTime>
#include <QObject>
#include <QString>

class QTimer;

namespace kp {

struct OfficeState
{
    bool configured = false; // the desk has an office
    bool connected = false;  // the last round reached it
    qint64 waiting = 0;      // records of this desk not at the office yet
    qint64 pulled = 0;       // cases and events that came down in the last round
    QString office;          // the redacted URL
    QString error;           // why the last round failed (scrubbed)
    QDateTime lastSuccess;
    qint64 setAside = 0;  // rows of the office this desk did not apply (SetAside)
    qint64 conflicts = 0; // places of this desk's trail another row holds at the office: an alarm
};

class OfficeWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 5000;

    // `signer` gives the desk's key each round (none: the desk's events go up unsigned).
    explicit OfficeWorker(QString deskPath, int intervalMs = DefaultIntervalMs,
                          OfficeSignerSource signer = {});
    ~OfficeWorker() override;

public slots:
    // Starts polling (call through a queued connection once moved to its thread).
    void start();
    void stop();
    // One round now.
    void runOnce();

signals:
    void stateChanged(const kp::OfficeState& state);

private:
    QString m_deskPath;
    int m_intervalMs;
    OfficeSignerSource m_signer;
    QTimer* m_timer = nullptr;
    OfficeState m_state;
};

} // namespace kp

Q_DECLARE_METATYPE(kp::OfficeState)
