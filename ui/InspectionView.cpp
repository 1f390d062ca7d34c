#include "InspectionView.h"

#include "LeftToRight.h"
#include "ScannedImageView.h"
#include "VerdictBanner.h"

#include "verify/Inspection.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace kp::ui {

namespace {

QString statusWords(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return InspectionView::tr("✔ pass");
    case CheckStatus::Warn:
        return InspectionView::tr("⚠ warn");
    case CheckStatus::Fail:
        return InspectionView::tr("✖ fail");
    case CheckStatus::Skip:
        break;
    }
    return InspectionView::tr("– skip");
}

QString party(const Party& p)
{
    return p.name + QLatin1Char('\n') + p.address;
}

// What needs the officer's eye first: failures, then warnings, then the rest.
int rank(CheckStatus status)
{
    return status == CheckStatus::Fail ? 0 : status == CheckStatus::Warn ? 1 : 2;
}

} // namespace

InspectionView::InspectionView(QWidget* parent)
    : QWidget(parent), m_banner(new VerdictBanner(this)), m_checks(new QTreeWidget(this)),
      m_fieldsBox(new QWidget), m_fields(new QFormLayout), m_moreFields(new QFormLayout),
      m_image(new ScannedImageView(this))
{
    m_checks->setObjectName(QStringLiteral("checks"));
    m_checks->setAccessibleName(tr("Checks"));
    m_checks->setHeaderLabels({tr("Check"), tr("Result"), tr("Reason")});
    m_checks->setRootIsDecorated(false);
    // One line a check, the whole reason in its tooltip (and the failing and
    // warning ones in the banner): the table is as tall as its rows, and no
    // check is scrolled out of sight.
    m_checks->setUniformRowHeights(true);
    m_checks->setWordWrap(false);
    m_checks->setTextElideMode(Qt::ElideRight);
    m_checks->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_checks->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checks->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_checks->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_checks->header()->setStretchLastSection(true);

    auto* fieldsGroup = new QGroupBox(tr("Certificate as signed by the issuing authority"), this);
    fieldsGroup->setObjectName(QStringLiteral("certificateFields"));
    // Two columns of fields: the whole certificate in a short window.
    auto* columns = new QHBoxLayout(m_fieldsBox);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->addLayout(m_fields, 1);
    columns->addLayout(m_moreFields, 1);
    auto* scroll = new QScrollArea(fieldsGroup);
    m_fieldsScroll = scroll;
    scroll->setWidget(m_fieldsBox);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumHeight(2 * fontMetrics().height()); // a short screen scrolls the fields, not the checks
    auto* fieldsLayout = new QVBoxLayout(fieldsGroup);
    fieldsLayout->setContentsMargins(4, 4, 4, 4);
    fieldsLayout->addWidget(scroll);

    m_image->setObjectName(QStringLiteral("scannedImage"));
    m_image->setAccessibleName(tr("Scanned image"));
    m_image->setMinimumSize(120, 120);

    // The checks, as tall as their rows, with the scanned image beside them;
    // under both, the certificate's fields in two columns.
    auto* body = new QHBoxLayout;
    body->addWidget(m_checks, 5);
    body->addWidget(m_image, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addLayout(body);
    layout->addWidget(fieldsGroup, 1);
    fitChecksToRows();
}

void InspectionView::fitChecksToRows()
{
    // The height of the table with every row in view; an empty table keeps
    // the room of a full inspection so the window does not jump.
    const int rows = std::max(m_checks->topLevelItemCount(), int(CheckName::all().size()));
    int rowHeight = m_checks->topLevelItemCount() > 0 ? m_checks->sizeHintForRow(0) : 0;
    if (rowHeight <= 0)
        rowHeight = std::max(m_checks->fontMetrics().height(), m_checks->iconSize().height()) + 4;
    const int height =
        m_checks->header()->sizeHint().height() + rows * rowHeight + 2 * m_checks->frameWidth();
    m_checks->setFixedHeight(height);
    m_image->setMaximumHeight(height); // beside the checks, no taller
}

void InspectionView::clear()
{
    m_banner->clear();
    m_checks->clear();
    for (QFormLayout* form : {m_fields, m_moreFields})
        while (form->rowCount() > 0)
            form->removeRow(0);
    m_image->clear();
    m_image->hide(); // the checks take the width until there is an image to show
    fitChecksToRows();
}

void InspectionView::showNotice(const QString& headline, const QString& reason)
{
    clear();
    m_banner->showNotice(headline, reason);
}

void InspectionView::showInspection(const Inspection& insp, Verdict finalVerdict,
                                    const QStringList& extraReasons, const QImage& image)
{
    clear();
    QStringList reasons = extraReasons;
    // Failures, then warnings, then the rest in the checks' own order.
    QList<CheckResult> checks = insp.checks;
    std::stable_sort(checks.begin(), checks.end(), [](const CheckResult& a, const CheckResult& b) {
        return rank(a.status) < rank(b.status);
    });
    for (const CheckResult& c : std::as_const(checks)) {
        auto* item =
            new QTreeWidgetItem(m_checks, {CheckName::title(c.check), statusWords(c.status), c.detail});
        item->setData(0, Qt::UserRole, checkStatusName(c.status));
        item->setData(0, Qt::UserRole + 1, c.check);
        item->setToolTip(0, c.detail); // the stable name (checks.md, the JSON) is the item's data only
        item->setToolTip(2, c.detail);
        if (c.status == CheckStatus::Fail || c.status == CheckStatus::Warn)
            reasons << c.detail;
    }
    for (const QString& r : extraReasons) {
        auto* item = new QTreeWidgetItem(m_checks, {tr("Physical check"), statusWords(CheckStatus::Warn), r});
        item->setToolTip(2, r);
    }
    fitChecksToRows();
    m_banner->showVerdict(finalVerdict,
                          reasons.isEmpty() ? tr("Every check passed.") : reasons.join(QLatin1Char('\n')));

    if (insp.certificate) {
        const CertificateRecord& cert = *insp.certificate;
        QFormLayout* form = m_fields;
        const auto add = [&form](const QString& label, const QString& key, const QString& value) {
            auto* v = new QLabel(value);
            v->setObjectName(QStringLiteral("field_") + key);
            v->setTextInteractionFlags(Qt::TextSelectableByMouse);
            v->setWordWrap(true); // a long name or address wraps: the window never scrolls sideways
            form->addRow(label, v);
        };
        const QLocale locale;
        add(tr("Number"), QStringLiteral("no"), cert.number);
        add(tr("Issued by"), QStringLiteral("iss"), cert.issuer + QStringLiteral(", ") + cert.authority);
        add(tr("Issued"), QStringLiteral("di"), leftToRight(cert.issued.toString(Qt::ISODate)));
        add(tr("Expires"), QStringLiteral("de"), leftToRight(cert.expires.toString(Qt::ISODate)));
        add(tr("Origin"), QStringLiteral("org"),
            cert.origins.join(QStringLiteral(", ")) + (cert.mixed ? tr(" (mixed)") : QString()));
        form = m_moreFields; // who, what and how much in the second column
        add(tr("Exporter"), QStringLiteral("exp"), party(cert.exporter));
        add(tr("Importer"), QStringLiteral("imp"), party(cert.importer));
        add(tr("Destination"), QStringLiteral("dst"), cert.destination);
        QStringList lots;
        for (const Lot& lot : cert.lots)
            lots << tr("%1: %2 ct, US$ %3")
                        .arg(lot.hs, locale.toString(double(lot.centiCarats) / 100.0, 'f', 2),
                             locale.toString(double(lot.usdCents) / 100.0, 'f', 2));
        add(tr("Lots"), QStringLiteral("lots"), lots.join(QLatin1Char('\n')));
        add(tr("Parcels"), QStringLiteral("np"), locale.toString(cert.parcels));
        add(tr("Seals"), QStringLiteral("seals"),
            cert.seals.isEmpty() ? tr("(none)") : cert.seals.join(QStringLiteral(", ")));
        if (!cert.note.isEmpty())
            add(tr("Note"), QStringLiteral("note"), cert.note);
    }
    m_image->setImage(image);
    m_image->setVisible(!image.isNull());
}

QString InspectionView::fieldText(const QString& key) const
{
    const auto* label = m_fieldsBox->findChild<QLabel*>(QStringLiteral("field_") + key);
    return label ? label->text() : QString();
}

} // namespace kp::ui
