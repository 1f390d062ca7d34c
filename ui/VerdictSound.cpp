#include "VerdictSound.h"

#include "LocalSettings.h"

#include <QGuiApplication>
#include <QSoundEffect>
#include <QUrl>

namespace kp::ui {

VerdictSound::VerdictSound(QObject* parent) : QObject(parent)
{
    setEnabled(LocalSettings::sounds());
}

void VerdictSound::setEnabled(bool on)
{
    m_enabled = on && QGuiApplication::platformName() != QLatin1String("offscreen");
}

QUrl VerdictSound::sourceFor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return QUrl(QStringLiteral("qrc:/kpdesk/sounds/accept.wav"));
    case Verdict::Doubt:
        return QUrl(QStringLiteral("qrc:/kpdesk/sounds/doubt.wav"));
    case Verdict::Reject:
        break;
    }
    return QUrl(QStringLiteral("qrc:/kpdesk/sounds/reject.wav"));
}

void VerdictSound::play(Verdict verdict)
{
    if (!m_enabled)
        return;
    QSoundEffect*& effect = m_effects[verdict];
    if (!effect) {
        effect = new QSoundEffect(this);
        effect->setSource(sourceFor(verdict));
        effect->setVolume(0.8f);
    }
    effect->play();
}

} // namespace kp::ui
