#pragma once

// Keys as a real device or person sends them, to whatever has the focus
// (the UI tests' way to feed scans): a USB HID wedge scanner presses and
// releases Shift around every capital and shifted sign, keys back to back,
// ending in Enter, Tab or nothing; a person or a password manager types at
// its own pace.

#include <QApplication>
#include <QWidget>
#include <QtTest>

namespace kp::test {

enum class EndKey { Enter, Tab, None };

inline Qt::Key keyOf(QChar c)
{
    const char16_t u = c.toUpper().unicode();
    if (u >= u'A' && u <= u'Z')
        return Qt::Key(Qt::Key_A + (u - u'A'));
    if (u >= u'0' && u <= u'9')
        return Qt::Key(Qt::Key_0 + (u - u'0'));
    switch (u) {
    case u' ':
        return Qt::Key_Space;
    case u'-':
        return Qt::Key_Minus;
    case u'/':
        return Qt::Key_Slash;
    case u'.':
        return Qt::Key_Period;
    case u':':
        return Qt::Key_Colon;
    case u'$':
        return Qt::Key_Dollar;
    case u'%':
        return Qt::Key_Percent;
    case u'*':
        return Qt::Key_Asterisk;
    case u'+':
        return Qt::Key_Plus;
    case u']':
        return Qt::Key_BracketRight;
    case u'!':
        return Qt::Key_Exclam;
    default:
        return Qt::Key_unknown;
    }
}

// On a US layout: capitals and these signs need Shift.
inline bool needsShift(QChar c)
{
    return c.isUpper() || QStringLiteral(":$%*+!").contains(c);
}

// One key as a USB HID device sends it, to whatever has the focus: for a
// shifted one, Shift press, the key (press and release) with ShiftModifier,
// Shift release (QTest::sendKeyEvent sends the Shift events itself).
inline void hidKey(Qt::Key key, const QString& text, Qt::KeyboardModifiers modifiers)
{
    QWidget* to = QApplication::focusWidget();
    QVERIFY(to);
    QTest::sendKeyEvent(QTest::Click, to, key, text, modifiers);
}

// A whole scan at scanner speed (no pause between keys).
inline void scannerSends(const QString& text, EndKey end)
{
    for (const QChar c : text) {
        QVERIFY2(keyOf(c) != Qt::Key_unknown, qPrintable(QString(c)));
        hidKey(keyOf(c), QString(c), needsShift(c) ? Qt::ShiftModifier : Qt::NoModifier);
    }
    if (end == EndKey::Enter)
        hidKey(Qt::Key_Return, QStringLiteral("\r"), Qt::NoModifier);
    else if (end == EndKey::Tab)
        hidKey(Qt::Key_Tab, QStringLiteral("\t"), Qt::NoModifier);
}

// Text typed one key every `msPerKey` (a person ~60+ ms, a password
// manager ~25 ms), then the end key.
inline void typedAt(const QString& text, int msPerKey, EndKey end = EndKey::None)
{
    for (const QChar c : text) {
        QVERIFY2(keyOf(c) != Qt::Key_unknown, qPrintable(QString(c)));
        QWidget* to = QApplication::focusWidget();
        QVERIFY(to);
        QTest::sendKeyEvent(QTest::Click, to, keyOf(c), QString(c),
                            needsShift(c) ? Qt::ShiftModifier : Qt::NoModifier, msPerKey);
    }
    QWidget* to = QApplication::focusWidget();
    QVERIFY(to);
    if (end == EndKey::Enter)
        QTest::sendKeyEvent(QTest::Click, to, Qt::Key_Return, QStringLiteral("\r"), Qt::NoModifier, msPerKey);
    else if (end == EndKey::Tab)
        QTest::sendKeyEvent(QTest::Click, to, Qt::Key_Tab, QStringLiteral("\t"), Qt::NoModifier, msPerKey);
}

} // namespace kp::test
