#pragma once

// What the officer counts, weighs and reads at the desk, compared with the
// certificate when "Check shipment" is pressed.

#include "cases/PhysicalCheck.h"

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;
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
    void reset();

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
};

} // namespace kp::ui
