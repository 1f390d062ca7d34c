#pragma once

// A distinct sound per verdict (resources/sounds), so an officer looking at
// the paper knows the verdict without looking at the screen. Off in the
// settings ("ui/sound") and on machines without a display.

#include "verify/Inspection.h"

#include <QObject>

#include <map>

class QSoundEffect;

namespace kp::ui {

class VerdictSound : public QObject
{
    Q_OBJECT

public:
    explicit VerdictSound(QObject* parent = nullptr);

    static QUrl sourceFor(Verdict verdict);
    void play(Verdict verdict);
    bool enabled() const { return m_enabled; }
    // The settings dialog's choice, at once (never on a machine without a display).
    void setEnabled(bool on);

private:
    bool m_enabled;
    std::map<Verdict, QSoundEffect*> m_effects; // made on first use
};

} // namespace kp::ui
