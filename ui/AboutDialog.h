#pragma once

// Help > About: the version, the licence, the libraries the program runs
// with (for bug reports) and, on a demo desk, that nothing here is real.

#include <QDialog>

class QLabel;

namespace kp::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    AboutDialog(bool demoDesk, QWidget* parent = nullptr);

    // What the dialog says, as plain text (what a bug report would quote).
    QString text() const;

private:
    QLabel* m_text;
};

} // namespace kp::ui
