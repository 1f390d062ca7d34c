#include "VerdictBanner.h"

#include <QAccessible>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace kp::ui {

VerdictBanner::VerdictBanner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_headline(new QLabel(this)), m_reason(new QLabel(this)),
      m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("verdictBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* text = new QVBoxLayout;
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true); // a long verdict in another language wraps, never widens the window
    m_reason->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("verdictNote"));
    m_note->setWordWrap(true);
    QFont bold = m_note->font();
    bold.setBold(true);
    m_note->setFont(bold);
    m_note->hide();
    text->addWidget(m_headline);
    text->addWidget(m_reason);
    text->addWidget(m_note);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_icon);
    layout->addLayout(text, 1);
    clear();
}

QString VerdictBanner::verdictWords(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return tr("ACCEPT: release");
    case Verdict::Doubt:
        return tr("DOUBT: examine, then release or flag");
    case Verdict::Reject:
        return tr("REJECT: hold the shipment");
    }
    return {};
}

void VerdictBanner::showVerdict(Verdict verdict, const QString& reason)
{
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxCritical;
    QColor colour(0xb7, 0x1c, 0x1c);
    if (verdict == Verdict::Accept) {
        icon = QStyle::SP_DialogApplyButton;
        colour = QColor(0x1b, 0x5e, 0x20);
    } else if (verdict == Verdict::Doubt) {
        icon = QStyle::SP_MessageBoxWarning;
        colour = QColor(0x8a, 0x5a, 0x00);
    }
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize) * 2;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    m_headline->setText(verdictWords(verdict));
    m_reason->setText(reason);
    setStyleSheet(QStringLiteral("#verdictBanner { background: %1; } #verdictBanner QLabel { color: white; }")
                      .arg(colour.name()));
    m_note->clear();
    m_note->hide();
    announce();
}

void VerdictBanner::showNotice(const QString& headline, const QString& reason)
{
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize) * 2;
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(size, size));
    m_headline->setText(headline);
    m_reason->setText(reason);
    m_note->clear();
    m_note->hide();
    setStyleSheet(QString());
    announce();
}

void VerdictBanner::setNote(const QString& note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    announce();
}

void VerdictBanner::announce()
{
    QStringList parts{m_headline->text(), m_reason->text()};
    if (!m_note->text().isEmpty())
        parts << m_note->text();
    setAccessibleName(tr("Verdict"));
    setAccessibleDescription(parts.join(QLatin1Char(' ')));
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

void VerdictBanner::clear()
{
    m_icon->clear();
    m_headline->setText(tr("Scan a certificate"));
    m_reason->setText(tr("Scan its barcode, open or drop an image, or type its number."));
    m_note->clear();
    m_note->hide();
    setStyleSheet(QString());
    setAccessibleName(tr("Verdict"));
    setAccessibleDescription(m_headline->text());
}

QString VerdictBanner::headline() const
{
    return m_headline->text();
}

QString VerdictBanner::reason() const
{
    return m_reason->text();
}

QString VerdictBanner::note() const
{
    return m_note->text();
}

} // namespace kp::ui
