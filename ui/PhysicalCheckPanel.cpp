#include "PhysicalCheckPanel.h"

#include "DecimalSpinBox.h"
#include "PlaceholderFit.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>

namespace kp::ui {

namespace {

// A three-state box (yes, no, not looked at) says which state it is in, in
// words: a grey, partly ticked box alone means nothing to most officers.
void explainThreeStates(QCheckBox* box, const QString& name)
{
    box->setAccessibleName(name);
    const auto describe = [box, name](int state) {
        switch (Qt::CheckState(state)) {
        case Qt::PartiallyChecked:
            box->setText(PhysicalCheckPanel::tr("%1: not looked at").arg(name));
            break;
        case Qt::Checked:
            box->setText(PhysicalCheckPanel::tr("%1: yes").arg(name));
            break;
        case Qt::Unchecked:
            box->setText(PhysicalCheckPanel::tr("%1: NO").arg(name));
            break;
        }
        box->setAccessibleDescription(box->text());
    };
    box->setToolTip(
        PhysicalCheckPanel::tr("Grey (not looked at): not checked yet, so it counts neither for nor "
                               "against the shipment.\nTicked: yes. Empty: no, which turns the "
                               "verdict to doubt.\nClick to change."));
    QObject::connect(box, &QCheckBox::stateChanged, box, describe);
    describe(box->checkState());
}

} // namespace

PhysicalCheckPanel::PhysicalCheckPanel(QWidget* parent)
    : QGroupBox(tr("Physical check of the shipment"), parent), m_declaration(new QLineEdit(this)),
      m_parcels(new QSpinBox(this)), m_mass(new DecimalSpinBox(this)), m_tolerance(new DecimalSpinBox(this)),
      m_sealsIntact(new QCheckBox(tr("Seals intact"), this)), m_seals(new QLineEdit(this)),
      m_importer(new QCheckBox(tr("Importer matches the declaration"), this)),
      m_apply(new QPushButton(tr("&Check shipment"), this)), m_certParcels(new QLabel(this)),
      m_certLots(new QLabel(this)), m_certSeals(new QLabel(this)), m_certImporter(new QLabel(this))
{
    setObjectName(QStringLiteral("physicalCheck"));
    m_declaration->setObjectName(QStringLiteral("declaration"));
    m_declaration->setAccessibleName(tr("Customs declaration reference"));
    // 0 means "not counted": the check compares only what was entered.
    m_parcels->setObjectName(QStringLiteral("parcels"));
    m_parcels->setRange(0, 100000);
    m_parcels->setSpecialValueText(tr("not counted"));
    m_parcels->setAccessibleName(tr("Parcels counted"));
    m_mass->setObjectName(QStringLiteral("mass"));
    m_mass->setRange(0, 10'000'000);
    m_mass->setDecimals(2);
    m_mass->setSuffix(tr(" ct"));
    m_mass->setSpecialValueText(tr("not weighed"));
    m_mass->setAccessibleName(tr("Mass weighed in carats"));
    m_tolerance->setRange(0, 1000);
    m_tolerance->setDecimals(2);
    m_tolerance->setValue(0.5);
    m_tolerance->setSuffix(tr(" ct"));
    m_tolerance->setAccessibleName(tr("Mass tolerance in carats"));
    m_sealsIntact->setObjectName(QStringLiteral("sealsIntact"));
    m_sealsIntact->setTristate(true);
    m_sealsIntact->setCheckState(Qt::PartiallyChecked);
    explainThreeStates(m_sealsIntact, tr("Seals intact"));
    m_seals->setObjectName(QStringLiteral("sealNumbers"));
    m_seals->setPlaceholderText(tr("as read on the containers, separated by commas"));
    fitPlaceholder(m_seals);
    m_seals->setAccessibleName(tr("Seal numbers"));
    m_importer->setObjectName(QStringLiteral("importerMatches"));
    m_importer->setTristate(true);
    m_importer->setCheckState(Qt::PartiallyChecked);
    explainThreeStates(m_importer, tr("Importer matches the declaration"));
    m_apply->setObjectName(QStringLiteral("checkShipment"));

    const auto certifiedLabel = [](QLabel* label, const QString& what) {
        label->setObjectName(QStringLiteral("certified_") + what);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setForegroundRole(QPalette::PlaceholderText);
    };
    certifiedLabel(m_certParcels, QStringLiteral("parcels"));
    certifiedLabel(m_certLots, QStringLiteral("lots"));
    certifiedLabel(m_certSeals, QStringLiteral("seals"));
    certifiedLabel(m_certImporter, QStringLiteral("importer"));

    auto* form = new QFormLayout(this);
    // Narrow windows put the labels above their fields rather than run off the screen.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Declaration:"), m_declaration);
    form->addRow(tr("&Parcels counted:"), m_parcels);
    form->addRow(QString(), m_certParcels);
    form->addRow(tr("&Mass weighed:"), m_mass);
    form->addRow(QString(), m_certLots);
    form->addRow(tr("&Tolerance:"), m_tolerance);
    form->addRow(m_sealsIntact); // the whole width: long in some languages, it never widens the column
    form->addRow(tr("Seal &numbers:"), m_seals);
    form->addRow(QString(), m_certSeals);
    form->addRow(m_importer);
    form->addRow(QString(), m_certImporter);
    form->addRow(QString(), m_apply);
    setCertificate(std::nullopt);
    connect(m_apply, &QPushButton::clicked, this, [this] { emit checkRequested(check()); });
}

PhysicalCheck PhysicalCheckPanel::check() const
{
    PhysicalCheck p;
    p.declarationRef = m_declaration->text().trimmed();
    if (m_parcels->value() > 0)
        p.parcelsCounted = quint64(m_parcels->value());
    if (m_mass->value() > 0)
        p.massCarats = m_mass->value();
    p.massToleranceCarats = m_tolerance->value();
    if (m_sealsIntact->checkState() != Qt::PartiallyChecked)
        p.sealsIntact = m_sealsIntact->checkState() == Qt::Checked;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    p.sealNumbers = m_seals->text().split(separators, Qt::SkipEmptyParts);
    if (m_importer->checkState() != Qt::PartiallyChecked)
        p.importerMatches = m_importer->checkState() == Qt::Checked;
    return p;
}

void PhysicalCheckPanel::setCheck(const PhysicalCheck& check)
{
    m_declaration->setText(check.declarationRef);
    m_parcels->setValue(int(check.parcelsCounted.value_or(0)));
    m_mass->setValue(check.massCarats.value_or(0));
    m_tolerance->setValue(check.massToleranceCarats);
    m_sealsIntact->setCheckState(!check.sealsIntact   ? Qt::PartiallyChecked
                                 : *check.sealsIntact ? Qt::Checked
                                                      : Qt::Unchecked);
    m_seals->setText(check.sealNumbers.join(QStringLiteral(", ")));
    m_importer->setCheckState(!check.importerMatches   ? Qt::PartiallyChecked
                              : *check.importerMatches ? Qt::Checked
                                                       : Qt::Unchecked);
}

void PhysicalCheckPanel::setCertificate(const std::optional<CertificateRecord>& record)
{
    const QList<QLabel*> labels{m_certParcels, m_certLots, m_certSeals, m_certImporter};
    if (!record) {
        for (QLabel* l : labels) {
            l->clear();
            l->hide();
        }
        return;
    }
    const QLocale locale;
    m_certParcels->setText(tr("Certificate: %Ln parcel(s)", nullptr, int(record->parcels)));
    QStringList lots;
    for (const Lot& lot : record->lots)
        lots << tr("%1: %2 ct").arg(lot.hs, locale.toString(double(lot.centiCarats) / 100.0, 'f', 2));
    m_certLots->setText(tr("Certificate: %1 ct in %Ln lot(s)", nullptr, int(record->lots.size()))
                            .arg(locale.toString(double(record->totalCentiCarats()) / 100.0, 'f', 2)) +
                        (lots.size() > 1 ? QLatin1Char('\n') + lots.join(QLatin1Char('\n')) : QString()));
    m_certSeals->setText(record->seals.isEmpty()
                             ? tr("Certificate: no seals")
                             : tr("Certificate: %1").arg(record->seals.join(QStringLiteral(", "))));
    m_certImporter->setText(tr("Certificate: %1").arg(record->importer.name));
    for (QLabel* l : labels) {
        l->setAccessibleName(l->text());
        l->show();
    }
}

QLabel* PhysicalCheckPanel::certified(const QString& what) const
{
    return findChild<QLabel*>(QStringLiteral("certified_") + what);
}

void PhysicalCheckPanel::reset()
{
    setCheck(PhysicalCheck{});
}

} // namespace kp::ui
