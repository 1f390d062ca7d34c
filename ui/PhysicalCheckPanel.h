#pragma once

// What the officer counts, weighs and reads at the desk, compared with the
// certificate when "Check shipment" is pressed. Beside each entry, what the
// certificate says (parcels, lots, seals, importer): what the check needs,
// where it is done.

#include "cases/PhysicalCheck.h"

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kp::ui {

class PhysicalCheckPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit PhysicalCheckPanel(QWidget* parent = nullptr);

    PhysicalCheck check() const;
    // The entries as `check` (a reopened inspection's saved check, or what was
    // typed before the window was rebuilt in another language).
    void setCheck(const PhysicalCheck& check);
    void reset();
    // What the certificate on screen says; none empties it.
    void setCertificate(const std::optional<CertificateRecord>& record);
    // The certificate's side, one label each: "parcels", "lots", "seals", "importer".
    QLabel* certified(const QString& what) const;

    QLineEdit* declaration() const { return m_declaration; }
    QSpinBox* parcels() const { return m_parcels; }
    QDoubleSpinBox* mass() const { return m_mass; }
    QCheckBox* sealsIntact() const { return m_sealsIntact; }
    QLineEdit* sealNumbers() const { return m_seals; }
    QCheckBox* importerMatches() const { return m_importer; }
    QPushButton* applyButton() const { return m_apply; }

signals:
    void checkRequested(const kp::PhysicalCheck& check);

private:
    QLineEdit* m_declaration;
    QSpinBox* m_parcels;
    QDoubleSpinBox* m_mass;
    QDoubleSpinBox* m_tolerance;
    QCheckBox* m_sealsIntact;
    QLineEdit* m_seals;
    QCheckBox* m_importer;
    QPushButton* m_apply;
    QLabel* m_certParcels;
    QLabel* m_certLots;
    QLabel* m_certSeals;
    QLabel* m_certImporter;
};

} // namespace kp::ui
