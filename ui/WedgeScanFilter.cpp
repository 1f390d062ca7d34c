#include "WedgeScanFilter.h"

#include "verify/Verifier.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QRegularExpression>

namespace kp::ui {

WedgeScanFilter::WedgeScanFilter(QObject* parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    // A pause: a scanner that sends no end key has finished, or a person typed.
    connect(&m_timeout, &QTimer::timeout, this, [this] { endBurst(true); });
}

WedgeScanFilter::~WedgeScanFilter() = default;

bool WedgeScanFilter::isModifierKey(int key)
{
    switch (key) {
    case Qt::Key_Shift:
    case Qt::Key_CapsLock:
    case Qt::Key_AltGr:
        return true;
    default:
        return false;
    }
}

bool WedgeScanFilter::isScanKey(const QKeyEvent* key) const
{
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const QString text = key->text();
    return text.size() == 1 && text.at(0).isPrint();
}

bool WedgeScanFilter::takesNoScans(const QObject* watched)
{
    // A password is typed (or filled in by a password manager, as fast as a
    // scanner) and is nobody's barcode: it is never held, never a scan.
    const auto* field = qobject_cast<const QLineEdit*>(watched);
    return field && field->echoMode() != QLineEdit::Normal;
}

QString WedgeScanFilter::withoutPrefix(const QString& burst)
{
    static const QRegularExpression aim(QStringLiteral("^\\][A-Za-z][0-9A-Za-z]"));
    QString text = burst;
    text.remove(aim);
    return text;
}

bool WedgeScanFilter::endBurst(bool certificateOnly)
{
    m_timeout.stop();
    const QString text = withoutPrefix(m_buffer);
    // Only text that is a certificate as printed ends a scan without Enter:
    // a person's fast "abcd" then Tab stays typing.
    const bool isCode =
        Verifier::classify(text) != SourceKind::Unrecognized && Verifier::normalised(text) == text;
    if (m_certificatesOnly && m_certificatesOnly())
        certificateOnly = true;
    if (m_held.empty() || text.size() < m_minLength || (certificateOnly && !isCode)) {
        flushAsTyping();
        return false;
    }
    m_buffer.clear();
    m_held.clear();
    emit scanned(text);
    return true;
}

bool WedgeScanFilter::eventFilter(QObject* watched, QEvent* event)
{
    if (m_replaying || (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease))
        return false;
    if (!watched->isWidgetType())
        return false;
    if ((m_takesScans && !m_takesScans()) || takesNoScans(watched)) {
        flushAsTyping(); // what was held before (if anything) goes where it was going
        return false;
    }
    auto* key = static_cast<QKeyEvent*>(event);
    if (event->type() == QEvent::KeyRelease)
        return !m_held.empty(); // releases of held keys are not needed

    const bool plain = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    const bool enter = (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && plain;
    const bool tab = key->key() == Qt::Key_Tab && plain;
    const bool inBurst =
        !m_held.empty() && m_sinceLastKey.isValid() && m_sinceLastKey.elapsed() <= m_maxGapMs;
    if ((enter || tab) && inBurst) {
        // Enter ends any burst long enough; Tab only a certificate. Either
        // way the key is the scanner's, not the focused widget's.
        if (endBurst(tab))
            return true;
        return false; // typed: the key goes on after what was held
    }
    if (!m_held.empty() && !inBurst)
        endBurst(true); // a pause: a scan that had no end key, or what a person typed
    if (isModifierKey(key->key())) {
        // A USB HID scanner presses and releases Shift around each capital
        // (and shifted sign): part of the burst, not the end of it. A
        // person's Shift, outside a burst, goes where it was going.
        if (m_held.empty())
            return false;
        m_sinceLastKey.start();
        m_timeout.start(m_maxGapMs + 1);
        return true;
    }
    if (!isScanKey(key)) {
        flushAsTyping();
        return false;
    }
    if (m_held.empty())
        m_target = watched;
    m_buffer += key->text();
    m_held.push_back(std::make_unique<QKeyEvent>(key->type(), key->key(), key->modifiers(), key->text(),
                                                 key->isAutoRepeat(), ushort(key->count())));
    m_sinceLastKey.start();
    m_timeout.start(m_maxGapMs + 1);
    return true;
}

void WedgeScanFilter::flushAsTyping()
{
    m_timeout.stop();
    if (m_held.empty())
        return;
    auto held = std::move(m_held);
    m_held.clear();
    m_buffer.clear();
    QObject* target = m_target.data(); // the widget the keys were meant for
    if (!target)
        return;
    m_replaying = true;
    for (const auto& e : held) {
        QKeyEvent press(QEvent::KeyPress, e->key(), e->modifiers(), e->text());
        QCoreApplication::sendEvent(target, &press);
        QKeyEvent release(QEvent::KeyRelease, e->key(), e->modifiers(), e->text());
        QCoreApplication::sendEvent(target, &release);
    }
    m_replaying = false;
}

} // namespace kp::ui
