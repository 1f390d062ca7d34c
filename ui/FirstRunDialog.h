#pragma once

// First run: set up the desk (participant, the home authority's bundle key,
// a sync source, the administrator's account), or make a demo desk in one
// click.

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
    QString adminName() const;
    QString adminPassword() const;

private:
    QLineEdit* m_participant;
    QLineEdit* m_key;
    QLineEdit* m_source;
    QLineEdit* m_adminName;
    QLineEdit* m_adminPassword;
    QLineEdit* m_adminAgain;
    bool m_demo = false;
};

} // namespace kp::ui
