#pragma once

// First run: set up the desk (participant, the home authority's bundle key,
// a sync source), or make a demo desk in one click.

#include <QDialog>

class QLineEdit;

namespace kp::ui {

class FirstRunDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FirstRunDialog(QWidget* parent = nullptr);

    bool demoChosen() const { return m_demo; }
    QString participant() const;
    QString bundleKeyPath() const;
    QString source() const;

private:
    QLineEdit* m_participant;
    QLineEdit* m_key;
    QLineEdit* m_source;
    bool m_demo = false;
};

} // namespace kp::ui
