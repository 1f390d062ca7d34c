#pragma once

// Whom a doubt goes to (kp-outbox.md): the KP authorities concerned, the KP
// Chair and the WGM, checked by default; the supervisor unticks one or adds
// a participant's code. Each line names the contact the desk holds for it.

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace kp::ui {

class EscalateDialog : public QDialog
{
    Q_OBJECT

public:
    // `addressees`: codes ("BW", "KP-CHAIR") with what the desk knows of each
    // ("BW: Ministry of Minerals <kp@...>"), all ticked.
    EscalateDialog(const QStringList& codes, const QStringList& described, QWidget* parent = nullptr);

    QStringList chosen() const;
    QListWidget* list() const { return m_list; }
    QLineEdit* addField() const { return m_add; }
    // Adds a code typed by the supervisor (ticked); false when it is not one.
    bool addAddressee(const QString& code);

private:
    QListWidget* m_list;
    QLineEdit* m_add;
};

} // namespace kp::ui
