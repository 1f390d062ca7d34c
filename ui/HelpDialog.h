#pragma once

// Help > Help (F1): the window's keyboard shortcuts, what each verdict means
// and what to do on DOUBT or REJECT. The shortcuts are read from the window's
// own actions, so the page cannot drift from the menus.

#include <QDialog>

class QTextBrowser;

namespace kp::ui {

class HelpDialog : public QDialog
{
    Q_OBJECT

public:
    // `window` is searched for actions with a shortcut (its menus and toolbars).
    explicit HelpDialog(const QWidget* window, QWidget* parent = nullptr);

    // The page as plain text.
    QString text() const;

    // "Shortcut<TAB>what it does" for every action of `window` with a
    // shortcut, in the order the menus list them, without duplicates.
    static QStringList shortcuts(const QWidget* window);

private:
    QTextBrowser* m_page;
};

} // namespace kp::ui
